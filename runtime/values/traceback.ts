// Uncaught exceptions: print a Python-style traceback to stderr and exit 1; SystemExit exits
// quietly with its code. Frames ("File ..., line N, in f") come from a pluggable provider so
// source-map support can be added without touching this file.

import { nodeProcess, writeFd } from "../core/host.js";
import { AttributeError, BaseException, NameError, NEVER_RAISED, propagates, PySyntaxError, SystemExit } from "./exceptions.js";
import { syntaxErrorLines, syntaxErrorMessage } from "./syntax-error-text.js";
import { attributeSuggestion, nameSuggestion } from "./suggestions.js";
import { isIntLike, toBigInt } from "./numeric.js";
import { toStr } from "./repr.js";
import { Tuple } from "./tuple.js";
import { moduleName, typeName } from "./typename.js";
import { attributeStoreMessage } from "./js-store-errors.js";
import { isStackOverflow, recursionMessage, unboundJsName, unboundNameMessage } from "./recursion.js";

/** Returns the frame lines (each already indented, e.g. `  File "x.py", line 3, in f`). */
export type FrameProvider = (error: unknown) => string[];

let frameProvider: FrameProvider = () => [];

/** The seam for source-mapped frames: the provider maps a JS error's stack to .py lines. */
export function setFrameProvider(provider: FrameProvider): void {
  frameProvider = provider;
}

/**
 * Stacks an exception passed through after it was made, innermost first: CPython's traceback
 * grows by a frame at each frame the exception leaves, so an exception a task raised and
 * `await task` re-raised shows the awaiting coroutine's frame, and `asyncio.run(main())`'s
 * line in `<module>`, above the task's own frames. (JS keeps only the stack where it was made.)
 */
const OUTER_STACKS = new WeakMap<object, string[]>();

/**
 * At most this many stacks per exception: a program that asks a failed future for its result
 * again and again (catching it each time) keeps neither the stacks nor the time to take them.
 */
const MAX_OUTER_STACKS = 32;

/** Records that `error` is raised again here (the caller's stack taken now). */
export function noteOuterStack(error: unknown): void {
  if (typeof error !== "object" || error === null || (OUTER_STACKS.get(error)?.length ?? 0) >= MAX_OUTER_STACKS) return;
  noteOuterStackFrom(error, new Error().stack);
}

/** Records that `error` is raised again where `stack` (a JS stack taken there earlier) was. */
export function noteOuterStackFrom(error: unknown, stack: string | undefined): void {
  if (typeof error !== "object" || error === null || stack === undefined) return;
  propagates(error);
  const stacks = OUTER_STACKS.get(error);
  if (stacks === undefined) OUTER_STACKS.set(error, [stack]);
  else if (stacks.length < MAX_OUTER_STACKS) stacks.push(stack);
}

/** The stacks noteOuterStack recorded for `error`, innermost first. */
export function outerStacks(error: unknown): readonly string[] {
  return typeof error === "object" && error !== null ? (OUTER_STACKS.get(error) ?? []) : [];
}

/**
 * The traceback an exception had when a `raise e` threw it again (frame texts, outermost
 * first): CPython keeps it below the raising frame. The exception's JS stack is then the
 * stack of that `raise` (raisedFrom).
 */
const EARLIER_FRAMES = new WeakMap<object, string[]>();

/** `error`'s stack is now where a `raise` throws it again; `earlier` is the traceback it had. */
export function raisedFrom(error: Error, earlier: string[], caller: Function): void {
  Error.captureStackTrace(error, caller);
  // (the stacks it was re-raised at are part of `earlier`)
  OUTER_STACKS.delete(error);
  if (earlier.length > 0) EARLIER_FRAMES.set(error, earlier);
  else EARLIER_FRAMES.delete(error);
}

/** The Python frames of a JS error's stack, most recent last (none when not source-mapped). */
export function pythonFrames(error: unknown): string[] {
  const frames = frameProvider(error);
  const earlier = typeof error === "object" && error !== null ? EARLIER_FRAMES.get(error) : undefined;
  return earlier === undefined ? frames : [...frames, ...earlier];
}

/**
 * `ExcName: message`, or `ExcName` when the message is empty (module-qualified if not main);
 * with `hints`, the "Did you mean" CPython's own display adds (not its traceback module's).
 */
export function exceptionLine(e: unknown, hints = false): string {
  // JS's stack overflow is Python's RecursionError.
  if (isStackOverflow(e)) return `RecursionError: ${recursionMessage(e)}`;
  const unbound = unboundJsName(e);
  if (unbound !== null) return `NameError: ${unboundNameMessage(unbound)}`;
  const store = attributeStoreMessage(e);
  if (store !== null) return `AttributeError: ${store}`;
  let name = typeName(e);
  if (e instanceof BaseException) {
    const module = moduleName(e.constructor);
    if (module !== "__main__" && module !== "builtins") name = `${module}.${name}`;
  } else if (e instanceof Error) {
    name = e.name;
  }
  let message: string;
  try {
    message = e instanceof BaseException ? toStr(e) : e instanceof Error ? e.message : toStr(e);
  } catch {
    message = "<exception str() failed>";
  }
  if (hints && e instanceof AttributeError) message += attributeSuggestion(e);
  else if (hints && e instanceof NameError) message += nameSuggestion(e);
  return message === "" ? name : `${name}: ${message}`;
}

/**
 * A chained exception's traceback runs from the frame that caught it to where it was raised:
 * the outer frames it shares with the exception raised while handling it are not its own.
 */
function ownFrames(frames: string[], later: string[] | null): string[] {
  if (later === null) return frames;
  let shared = 0;
  while (shared < frames.length - 1 && shared < later.length && frames[shared] === later[shared]) shared++;
  return frames.slice(shared);
}

/** The notes `add_note` gave the exception, one a line after its message. */
function noteLines(e: unknown): string[] {
  const notes = typeof e === "object" && e !== null ? (e as { __notes__?: unknown }).__notes__ : undefined;
  return Array.isArray(notes) ? notes.map((note) => (typeof note === "string" ? note : toStr(note))) : [];
}

function formatOne(e: unknown, frames: string[], hints: boolean): string {
  // (a `__cause__` that was never raised has no traceback: CPython prints its line alone)
  if (typeof e === "object" && e !== null && Object.hasOwn(e, NEVER_RAISED)) return [exceptionLine(e, hints), ...noteLines(e)].join("\n") + "\n";
  // A SyntaxError shows where in the source it is (syntax-error-text.ts).
  const located = e instanceof PySyntaxError ? syntaxErrorLines(e) : null;
  if (located !== null) return ["Traceback (most recent call last):", ...frames, ...located, `${exceptionLine(e).replace(/:.*$/s, "")}: ${syntaxErrorMessage(e as PySyntaxError)}`, ...noteLines(e)].join("\n") + "\n";
  return ["Traceback (most recent call last):", ...frames, exceptionLine(e, hints), ...noteLines(e)].join("\n") + "\n";
}

/** The full report the traceback module formats, including __cause__ / __context__ chains. */
export function formatException(e: unknown): string {
  return formatChain(e, false, new Set(), null);
}

/** The report CPython's own display prints (an uncaught exception's): with "Did you mean" hints. */
export function displayException(e: unknown): string {
  return formatChain(e, true, new Set(), null);
}

function formatChain(e: unknown, hints: boolean, seen: Set<unknown>, later: string[] | null, depth = 0): string {
  seen.add(e);
  const frames = pythonFrames(e);
  let prefix = "";
  if (e instanceof BaseException) {
    const cause = e.__cause__;
    const context = e.__context__;
    if (cause !== null && cause !== undefined && !seen.has(cause)) {
      prefix = formatChain(cause, hints, seen, frames, depth) + withMargin("\nThe above exception was the direct cause of the following exception:\n\n", depth);
    } else if (!e.__suppress_context__ && context !== null && context !== undefined && !seen.has(context)) {
      prefix = formatChain(context, hints, seen, frames, depth) + withMargin("\nDuring handling of the above exception, another exception occurred:\n\n", depth);
    }
  }
  const members = groupMembers(e);
  if (members === null) return prefix + withMargin(formatOne(e, ownFrames(frames, later), hints), depth);
  return prefix + formatGroup(e, members, ownFrames(frames, later), frames, hints, seen, depth);
}

/** An exception group's members (duck-typed: the group classes live in asyncio/), else null. */
function groupMembers(e: unknown): readonly unknown[] | null {
  if (!(e instanceof BaseException)) return null;
  const members = (e as { exceptions?: unknown }).exceptions;
  return members instanceof Tuple && typeof (e as { split?: unknown }).split === "function" ? members.items : null;
}

/** Members CPython lists before it says "and N more exceptions". */
const MAX_GROUP_WIDTH = 15;

/** `text`'s lines inside a group `depth` deep: after its `|` margin (none at the top). */
function withMargin(text: string, depth: number): string {
  if (depth === 0) return text;
  const margin = " ".repeat(2 * depth + 2) + "| ";
  return text.replace(/\n$/, "").split("\n").map((line) => margin + line).join("\n") + "\n";
}

/**
 * An exception group as CPython's traceback shows it: its own lines in a margin (`+` on the
 * first line of the outermost group), then each member in a box numbered `1`, `2`, ...
 */
function formatGroup(e: unknown, members: readonly unknown[], own: string[], frames: string[], hints: boolean, seen: Set<unknown>, depth: number): string {
  const lines = formatOne(e, own, hints).replace(/^Traceback \(/, "Exception Group Traceback (").replace(/\n$/, "").split("\n");
  const indent = " ".repeat(2 * depth + 2);
  let out = lines.map((line, i) => indent + (i === 0 && depth === 0 && line.startsWith("Exception Group Traceback") ? "+ " : "| ") + line).join("\n") + "\n";
  const shown = members.slice(0, MAX_GROUP_WIDTH);
  let closed = false;
  shown.forEach((member, i) => {
    out += i === 0 ? `${indent}+-+${"-".repeat(16)} ${i + 1} ${"-".repeat(16)}\n` : `${indent}  +${"-".repeat(16)} ${i + 1} ${"-".repeat(16)}\n`;
    // (a member made with the group, or never raised, has no traceback of its own)
    const memberFrames = pythonFrames(member);
    const made = neverRaisedMember(member, memberFrames, frames);
    out += made ? withMargin([exceptionLine(member, hints), ...noteLines(member)].join("\n") + "\n", depth + 1) : formatChain(member, hints, seen, frames, depth + 1);
    closed = groupMembers(member) !== null;
  });
  if (members.length > MAX_GROUP_WIDTH) {
    out += `${indent}  +${"-".repeat(16)} ... ${"-".repeat(16)}\n` + withMargin(`and ${members.length - MAX_GROUP_WIDTH} more exception${members.length - MAX_GROUP_WIDTH > 1 ? "s" : ""}\n`, depth + 1);
    closed = false;
  }
  // (a last member that is a group closed its box, and this one's, already)
  if (!closed) out += `${indent}  +${"-".repeat(36)}\n`;
  return out;
}

/** Was a group's member never raised: made where the group was, or read as having no traceback? */
function neverRaisedMember(member: unknown, memberFrames: string[], groupFrames: string[]): boolean {
  if (memberFrames.length <= groupFrames.length && memberFrames.every((frame, i) => frame.split("\n", 1)[0] === groupFrames[i]!.split("\n", 1)[0])) return true;
  return member instanceof BaseException && member.__traceback__ === null;
}

function writeErr(text: string): void {
  try {
    writeFd(2, text);
  } catch {
    // stderr is gone: nothing else can report it
  }
}

/** The process exit status for SystemExit(code), printing a non-int code like CPython. */
export function systemExitStatus(e: SystemExit): number {
  const code = e.code;
  if (code === null || code === undefined) return 0;
  if (isIntLike(code)) {
    // CPython: (int)PyLong_AsLong(code); a value beyond a C long reads as -1 (status 255).
    const n = toBigInt(code);
    const asLong = BigInt.asIntN(64, n) === n ? n : -1n;
    return Number(BigInt.asUintN(8, BigInt.asIntN(32, asLong)));
  }
  writeErr(toStr(code) + "\n");
  return 1;
}

/**
 * `sys.excepthook` when a program has replaced it (sys-info.ts installs the lookup): null
 * while it is the default, else a call of it with the exception.
 */
export const excepthookHolder: { replaced: () => ((e: unknown) => void) | null } = { replaced: () => null };

/** The uncaught exception's report: the program's sys.excepthook, or CPython's traceback. */
function reportUncaught(e: unknown): void {
  const hook = excepthookHolder.replaced();
  if (hook === null) return writeErr(displayException(e));
  try {
    hook(e);
  } catch (hookError) {
    writeErr(`Error in sys.excepthook:\n${displayException(hookError)}\nOriginal exception was:\n${displayException(e)}`);
  }
}

/** Reports an uncaught exception the way CPython does and ends the process. */
export function handleUncaught(e: unknown): void {
  const status = e instanceof SystemExit ? systemExitStatus(e) : (reportUncaught(e), 1);
  // A host without processes (a browser) has nothing to end: the traceback is the report.
  nodeProcess()?.exit(status);
}

let installed = false;

/**
 * Installs the hook. A rejected top-level await in an ES module reaches Node's
 * 'uncaughtException' (origin 'unhandledRejection'); other rejected promises reach
 * 'unhandledRejection'. Both end here.
 */
export function installExceptionHook(): void {
  const process = nodeProcess();
  if (installed) return;
  if (process === undefined) return installPageHook();
  installed = true;
  process.on("uncaughtException", (e) => handleUncaught(e));
  process.on("unhandledRejection", (e) => handleUncaught(e));
}

interface PageEvents {
  addEventListener(type: "error" | "unhandledrejection", listener: (event: { error?: unknown; reason?: unknown; preventDefault(): void }) => void): void;
}

/**
 * In a browser page (a bundle's entry module), an uncaught Python exception is reported as
 * CPython's traceback on the console (console.error) instead of the browser's report of a JS
 * error. The page has no line maps, so the traceback names no frames. Other errors are left
 * to the browser.
 */
function installPageHook(): void {
  const page = globalThis as unknown as Partial<PageEvents>;
  if (typeof page.addEventListener !== "function") return;
  installed = true;
  const report = (error: unknown, event: { preventDefault(): void }): void => {
    if (!(error instanceof BaseException)) return;
    event.preventDefault();
    handleUncaught(error);
  };
  page.addEventListener("error", (event) => report(event.error, event));
  page.addEventListener("unhandledrejection", (event) => report(event.reason, event));
}
