// The traceback module's TracebackException: an exception with its stack, cause, context,
// notes and group members captured, formatted as CPython prints a traceback.

import { BaseException, PySyntaxError, TRACEBACK, tracebackFixed } from "../values/exceptions.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { standardStreams, type TextFile } from "../values/print.js";
import { toStr } from "../values/repr.js";
import { exceptionLine, pythonFrames } from "../values/traceback.js";
import { syntaxErrorLines, syntaxErrorMessage } from "../values/syntax-error-text.js";
import { isExceptionGroup } from "../asyncio/exception-group.js";
import { isNone, limited, ownFrames, StackSummary, stackOf, summaries } from "./traceback-frames.js";
import { chain, walk } from "./traceback-objects.js";


/** A SyntaxError's lines: where it is (file, line, source, carets), then `Kind: msg`. */
function syntaxErrorOnly(e: PySyntaxError): string[] {
  const kind = exceptionLine(e).replace(/:.*$/s, "");
  const located = syntaxErrorLines(e);
  // (without a line number, the file name follows the message)
  const suffix = located === null && typeof e.filename === "string" ? ` (${e.filename})` : "";
  return [...(located ?? []).map((line) => line + "\n"), `${kind}: ${syntaxErrorMessage(e)}${suffix}\n`];
}

/** Members CPython lists before it says "and N more exceptions". */
const MAX_GROUP_WIDTH = 15;

/** Lines inside exception groups `depth` deep: after their `|` margin (none at the top). */
function inMargin(lines: string[], depth: number): string[] {
  if (depth === 0) return lines;
  const margin = " ".repeat(2 * depth + 2) + "| ";
  return lines.join("").replace(/\n$/, "").split("\n").map((line) => margin + line + "\n");
}

const CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n";

export class TracebackException {
  static readonly __module__ = "traceback";
  exc_type: unknown;
  stack: StackSummary;
  __cause__: TracebackException | null = null;
  __context__: TracebackException | null = null;
  __suppress_context__: boolean;
  __notes__: unknown = null;
  /** An exception group's members, each a TracebackException (None for other exceptions). */
  exceptions: TracebackException[] | null = null;
  readonly #value: unknown;

  constructor(...args: unknown[]) {
    const [pos, kw] = splitKw(args);
    const [excType, value, tb] = pos;
    const limit = pos[3] ?? kw["limit"];
    this.exc_type = excType;
    this.#value = value;
    this.stack = stackOf(limited(walk(tb), limit, false));
    this.__suppress_context__ = value instanceof BaseException ? value.__suppress_context__ : false;
    const seen: Set<unknown> = (kw["_seen"] as Set<unknown> | undefined) ?? new Set();
    seen.add(value);
    if (value instanceof BaseException) {
      const full = pythonFrames(value);
      const related = (other: BaseException | null): TracebackException | null => {
        if (other === null || seen.has(other)) return null;
        // Caught where the later exception was raised: its traceback stops there.
        const otherTb = ownTraceback(other, full);
        return new TracebackException(other.constructor, other, otherTb, new Kwargs({ limit, _seen: seen }));
      };
      this.__cause__ = related(value.__cause__);
      this.__context__ = related(value.__context__);
      const notes = (value as unknown as { __notes__?: unknown }).__notes__;
      if (notes !== undefined) this.__notes__ = notes;
      if (isExceptionGroup(value)) {
        // (a member made where the group was made, `ExceptionGroup("g", [ValueError()])`, was never raised)
        const madeWithGroup = (member: BaseException): boolean => {
          const frames = pythonFrames(member);
          return frames.length <= full.length && frames.every((frame, i) => frame.split("\n", 1)[0] === full[i]!.split("\n", 1)[0]);
        };
        this.exceptions = value.exceptions.items.map((member) => new TracebackException(member.constructor, member, madeWithGroup(member) ? null : memberTraceback(member, full), new Kwargs({ limit, _seen: seen })));
      }
    }
  }

  static from_exception(exc: unknown, ...args: unknown[]): TracebackException {
    const [, kw] = splitKw(args);
    return new TracebackException((exc as object).constructor, exc, traceOf(exc), new Kwargs({ limit: kw["limit"] ?? null }));
  }

  get exc_value(): unknown {
    return this.#value;
  }

  __str__(): string {
    return toStr(this.#value);
  }

  format_exception_only(): string[] {
    const value = this.#value;
    // (no type, `TracebackException(*sys.exc_info())` outside a handler: CPython writes None, then str(value))
    if (isNone(this.exc_type)) {
      const text = toStr(value);
      return [text === "" ? "None\n" : `None: ${text}\n`];
    }
    const lines = value instanceof PySyntaxError ? syntaxErrorOnly(value) : [exceptionLine(value) + "\n"];
    const notes = this.__notes__;
    if (Array.isArray(notes)) for (const note of notes) lines.push(...toStr(note).split("\n").map((line) => line + "\n"));
    return lines;
  }

  format(...args: unknown[]): string[] {
    const [pos, kw] = splitKw(args);
    const withChain = pos.length > 0 ? pos[0] !== false : kw["chain"] !== false;
    return this.#formatAt(withChain, 0);
  }

  /** The lines, inside exception groups `depth` deep (each line after a `|` margin). */
  #formatAt(withChain: boolean, depth: number): string[] {
    const out: string[] = [];
    if (withChain) {
      if (this.__cause__ !== null) out.push(...this.__cause__.#formatAt(true, depth), ...inMargin([CAUSE], depth));
      else if (this.__context__ !== null && !this.__suppress_context__) out.push(...this.__context__.#formatAt(true, depth), ...inMargin([CONTEXT], depth));
    }
    const own: string[] = [];
    if (this.stack.length > 0) own.push(this.exceptions === null ? "Traceback (most recent call last):\n" : "Exception Group Traceback (most recent call last):\n", ...this.stack.format());
    own.push(...this.format_exception_only());
    if (this.exceptions === null) return [...out, ...inMargin(own, depth)];
    // An exception group: its own lines in the margin (`+` first at the top), then each member boxed.
    const indent = " ".repeat(2 * depth + 2);
    const ownLines = own.join("").replace(/\n$/, "").split("\n");
    out.push(...ownLines.map((line, i) => `${indent}${i === 0 && depth === 0 && this.stack.length > 0 ? "+" : "|"} ${line}\n`));
    let closed = false;
    this.exceptions.slice(0, MAX_GROUP_WIDTH).forEach((member, i) => {
      out.push(i === 0 ? `${indent}+-+${"-".repeat(16)} ${i + 1} ${"-".repeat(16)}\n` : `${indent}  +${"-".repeat(16)} ${i + 1} ${"-".repeat(16)}\n`);
      out.push(...member.#formatAt(withChain, depth + 1));
      closed = member.exceptions !== null;
    });
    if (this.exceptions.length > MAX_GROUP_WIDTH) {
      const more = this.exceptions.length - MAX_GROUP_WIDTH;
      out.push(`${indent}  +${"-".repeat(16)} ... ${"-".repeat(16)}\n`, ...inMargin([`and ${more} more exception${more > 1 ? "s" : ""}\n`], depth + 1));
      closed = false;
    }
    // (a last member that is a group closed its box, and this one's, already)
    if (!closed) out.push(`${indent}  +${"-".repeat(36)}\n`);
    return out;
  }

  print(...args: unknown[]): null {
    const [, kw] = splitKw(args);
    writeLines(this.format(new Kwargs({ chain: kw["chain"] ?? true })), kw["file"]);
    return null;
  }

  __eq__(other: unknown): boolean {
    return other instanceof TracebackException && other.#value === this.#value;
  }
}

/** `exc.__traceback__`, made relative to the frames of the exception raised later. */
function ownTraceback(e: BaseException, later: string[]): unknown {
  // (cleared by `with_traceback(None)`, as unittest's assertRaises does)
  if (e[TRACEBACK] === null) return null;
  if (tracebackFixed(e)) return e.__traceback__;
  const frames = pythonFrames(e);
  if (frames.length === 0) return e.__traceback__;
  const tb = chain(summaries(ownFrames(frames, later)));
  // The first reading fixes it, as CPython's traceback is fixed once the exception is caught.
  e.__traceback__ = tb;
  return tb;
}

/** A group member's traceback: from where it was caught (the frames it shares with the group's are not its own). */
function memberTraceback(member: BaseException, groupFrames: string[]): unknown {
  if (member[TRACEBACK] !== undefined) return member[TRACEBACK];
  if (member.__traceback__ === null) return null;
  return ownTraceback(member, groupFrames);
}

export function traceOf(exc: unknown): unknown {
  return exc instanceof BaseException ? exc.__traceback__ : null;
}


export function writeLines(lines: string[], file: unknown): void {
  const target = (isNone(file) ? standardStreams.stderr : file) as TextFile;
  for (const line of lines) target.write(line);
}
