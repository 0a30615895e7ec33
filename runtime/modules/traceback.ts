// Python's `traceback`: tracebacks as objects (`exc.__traceback__`, FrameSummary,
// StackSummary, TracebackException) and the print/format/extract functions, with CPython's
// layout. Frames come from the mapped JS stack (values/traceback.ts): an exception's
// traceback runs from the frame that caught it (the first frame it does not share with the
// stack that reads it) to where it was raised, as CPython's does.

import { BaseException, IndexError, NEVER_RAISED, PySyntaxError, PyTypeError, TRACEBACK, tracebackHook, ValueError } from "../values/exceptions.js";
import { currentHandled } from "../values/handled.js";
import { iterable } from "../values/iteration.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { toBigInt } from "../values/numeric.js";
import { typeName } from "../values/typename.js";
import { standardStreams, type TextFile } from "../values/print.js";
import { addressOf, repr, toStr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { exceptionLine, pythonFrames } from "../values/traceback.js";
import { syntaxErrorLines, syntaxErrorMessage } from "../values/syntax-error-text.js";
import { isExceptionGroup } from "../asyncio/exception-group.js";
import { moduleObject } from "./module-object.js";
import { BodyCode, BodyFrame } from "../core/body-frame.js";
import { sysModule } from "./sys.js";
import { pyClass } from "./callable-class.js";

const sentinel = Symbol("sentinel");
const isNone = (x: unknown): boolean => x === null || x === undefined;

// ---- frames ----

export class FrameSummary {
  static readonly __module__ = "traceback";
  filename: string;
  lineno: unknown;
  name: string;
  locals: unknown = null;
  #line: unknown;
  /** The caret line under the source (from a real frame), without its newline. */
  carets: string | null = null;

  constructor(...args: unknown[]) {
    const [pos, kw] = splitKw(args);
    const get = (i: number, name: string, fallback: unknown): unknown => (i < pos.length ? pos[i] : name in kw ? kw[name] : fallback);
    this.filename = get(0, "filename", undefined) as string;
    this.lineno = get(1, "lineno", undefined);
    this.name = get(2, "name", undefined) as string;
    if (this.filename === undefined || this.lineno === undefined || this.name === undefined) {
      throw new PyTypeError("FrameSummary.__init__() missing required positional arguments");
    }
    const locals = kw["locals"];
    this.locals = isNone(locals) ? null : locals;
    this.#line = "line" in kw ? kw["line"] : null;
  }

  get line(): unknown {
    return this.#line;
  }

  set line(value: unknown) {
    this.#line = value;
  }

  __repr__(): string {
    return `<FrameSummary file ${toStr(this.filename)}, line ${toStr(this.lineno)} in ${toStr(this.name)}>`;
  }

  __eq__(other: unknown): unknown {
    if (other instanceof FrameSummary) {
      return this.filename === other.filename && toStr(this.lineno) === toStr(other.lineno) && this.name === other.name && this.line === other.line && this.locals === other.locals;
    }
    if (other instanceof Tuple) {
      const items = other.items;
      return items.length === 4 && items[0] === this.filename && toStr(items[1]) === toStr(this.lineno) && items[2] === this.name && items[3] === this.line;
    }
    return false;
  }

  __len__(): bigint {
    return 4n;
  }

  __getitem__(index: unknown): unknown {
    const items = [this.filename, this.lineno, this.name, this.line];
    let i = Number(toBigInt(index as bigint));
    if (i < 0) i += 4;
    if (i < 0 || i >= 4) throw new IndexError("tuple index out of range");
    return items[i];
  }

  [Symbol.iterator](): Iterator<unknown> {
    return [this.filename, this.lineno, this.name, this.line][Symbol.iterator]();
  }

  __iter__(): Iterator<unknown> {
    return this[Symbol.iterator]();
  }
}

const FRAME_HEAD = /^ {2}File "(.*)", line (\d+), in (.*)$/;
const REPEATED = /^ {2}\[Previous line repeated (\d+) more times?\]$/;

/** Frame summaries from the mapped frame texts (collapsed repeats expanded again). */
export function summaries(texts: string[]): FrameSummary[] {
  const out: FrameSummary[] = [];
  for (const text of texts) {
    const repeated = REPEATED.exec(text);
    if (repeated) {
      const last = out[out.length - 1];
      if (last) for (let i = 0; i < Number(repeated[1]); i++) out.push(last);
      continue;
    }
    const [head, source, carets] = text.split("\n");
    const m = FRAME_HEAD.exec(head ?? "");
    if (!m) continue;
    const frame = new FrameSummary(m[1]!, BigInt(m[2]!), m[3]!, new Kwargs({ line: (source ?? "").trim() }));
    frame.carets = carets ?? null;
    out.push(frame);
  }
  return out;
}

const head = (frame: string | undefined): string | undefined => frame?.split("\n", 1)[0];

/** The frames of `frames` past those it shares with `outer` (the reader's stack): at least one. */
function ownFrames(frames: string[], outer: string[]): string[] {
  let shared = 0;
  while (shared < frames.length - 1 && shared < outer.length && head(frames[shared]) === head(outer[shared])) shared++;
  return frames.slice(shared);
}

/**
 * An exception made where the reader's stack still is (`format_exception(ValueError())`)
 * was never raised: it has no traceback.
 */
function neverRaised(frames: string[], outer: string[]): boolean {
  return frames.length <= outer.length && frames.every((frame, i) => head(frame) === head(outer[i]));
}

// ---- traceback objects ----

/** A frame's code as a stack text knows it: name and file (no first line, no variables). */
export class CodeObject extends BodyCode {
  constructor(
    readonly co_filename: string,
    co_name: string,
  ) {
    super(co_name, co_name);
  }
  override __repr__(): string {
    return `<code object ${this.co_name} at ${addressOf(this)}, file "${this.co_filename}">`;
  }
}

/** A frame read from the stack: its code, line and calling frame (locals are not recorded). */
export class FrameObject extends BodyFrame {
  readonly f_globals = null;
  readonly f_locals = null;
  f_back: FrameObject | null = null;
  constructor(readonly summary: FrameSummary) {
    super(new CodeObject(summary.filename, summary.name));
  }
  get f_lineno(): unknown {
    return this.summary.lineno;
  }
  override __repr__(): string {
    return `<frame at ${addressOf(this)}, file '${this.summary.filename}', line ${toStr(this.summary.lineno)}, code ${this.summary.name}>`;
  }
}

export class TracebackObject {
  static readonly pythonName = "traceback";
  readonly tb_frame: FrameObject;
  readonly tb_lasti = -1n;
  constructor(
    readonly summary: FrameSummary,
    readonly tb_next: TracebackObject | null,
  ) {
    this.tb_frame = new FrameObject(summary);
  }
  get tb_lineno(): unknown {
    return this.summary.lineno;
  }
}

/** The frames of the running stack, linked by f_back; the innermost is the Python code calling in. */
export function currentFrame(): FrameObject | null {
  let frame: FrameObject | null = null;
  for (const summary of summaries(pythonFrames(new Error()))) {
    const next: FrameObject = new FrameObject(summary);
    next.f_back = frame;
    frame = next;
  }
  return frame;
}

function chain(frames: FrameSummary[]): TracebackObject | null {
  let tb: TracebackObject | null = null;
  for (let i = frames.length - 1; i >= 0; i--) tb = new TracebackObject(frames[i]!, tb);
  return tb;
}

/** The traceback of `e` as read from a stack whose frames are `outer`. */
function makeTraceback(e: BaseException, outer: string[]): TracebackObject | null {
  if (Object.hasOwn(e, NEVER_RAISED)) return null;
  const frames = pythonFrames(e);
  if (frames.length === 0 || neverRaised(frames, outer)) return null;
  return chain(summaries(ownFrames(frames, outer)));
}

tracebackHook.make = (e) => makeTraceback(e, pythonFrames(new Error()));

/** Fixes `e.__traceback__` as read from a stack whose frames are `outer` (unittest's runner reads it inside the test's `with`). */
export function fixTraceback(e: BaseException, outer: string[]): void {
  e.__traceback__ = makeTraceback(e, outer);
}

function walk(tb: unknown): FrameSummary[] {
  const out: FrameSummary[] = [];
  for (let t = tb; t instanceof TracebackObject; t = t.tb_next) out.push(t.summary);
  return out;
}

// ---- StackSummary ----

function limited<T>(items: T[], limit: unknown, fromEnd: boolean): T[] {
  if (isNone(limit)) return items;
  const n = Number(toBigInt(limit as bigint));
  if (n >= 0) return fromEnd ? items.slice(Math.max(0, items.length - n)) : items.slice(0, n);
  return fromEnd ? items.slice(0, -n) : items.slice(Math.max(0, items.length + n));
}

export class StackSummary extends Array<unknown> {
  static readonly __module__ = "traceback";

  static from_list(list: unknown): StackSummary {
    const out = new StackSummary();
    for (const item of iterable(list)) {
      if (item instanceof FrameSummary) out.push(item);
      else {
        const [filename, lineno, name, line] = Array.from(iterable(item));
        out.push(new FrameSummary(filename, lineno, name, new Kwargs({ line })));
      }
    }
    return out;
  }

  static extract(frames: unknown, ...args: unknown[]): StackSummary {
    const [pos, kw] = splitKw(args);
    const limit = pos[0] ?? kw["limit"];
    const out = new StackSummary();
    for (const item of limited(Array.from(iterable(frames)), limit, false)) {
      const f = (item instanceof Tuple ? item.items[0] : item) as FrameObject;
      if (f instanceof FrameObject) out.push(f.summary);
    }
    return out;
  }

  format(): string[] {
    const out: string[] = [];
    let last: FrameSummary | null = null;
    let count = 0;
    const flush = (): void => {
      if (count > 3) out.push(`  [Previous line repeated ${count - 3} more time${count - 3 > 1 ? "s" : ""}]\n`);
    };
    for (const frame of this as unknown as FrameSummary[]) {
      if (last !== null && last.filename === frame.filename && toStr(last.lineno) === toStr(frame.lineno) && last.name === frame.name) {
        count++;
        if (count > 3) continue;
      } else {
        flush();
        last = frame;
        count = 1;
      }
      out.push(formatFrame(frame));
    }
    flush();
    return out;
  }

  format_frame_summary(frame: FrameSummary): string {
    return formatFrame(frame);
  }

  __repr__(): string {
    return "[" + Array.from(this, (x) => repr(x)).join(", ") + "]";
  }
}

function formatFrame(frame: FrameSummary): string {
  let row = `  File "${toStr(frame.filename)}", line ${toStr(frame.lineno)}, in ${toStr(frame.name)}\n`;
  const line = frame.line;
  if (typeof line === "string" && line.trim() !== "") {
    row += `    ${line.trim()}\n`;
    if (frame.carets !== null) row += frame.carets + "\n";
  }
  return row;
}

function stackOf(frames: FrameSummary[]): StackSummary {
  const out = new StackSummary();
  out.push(...frames);
  return out;
}

// ---- TracebackException ----

/** A SyntaxError's lines: where it is (file, line, source, carets), then `Kind: msg`. */
function syntaxErrorOnly(e: PySyntaxError): string[] {
  const kind = exceptionLine(e).replace(/:.*$/s, "");
  const located = syntaxErrorLines(e);
  // (without a line number, the file name follows the message)
  const suffix = located === null && typeof e.filename === "string" ? ` (${e.filename})` : "";
  return [...(located ?? []).map((line) => line + "\n"), `${kind}: ${syntaxErrorMessage(e)}${suffix}\n`];
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
        this.exceptions = value.exceptions.items.map((member) => new TracebackException(member.constructor, member, traceOf(member), new Kwargs({ limit, _seen: seen })));
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
    if (isNone(value) && isNone(this.exc_type)) return ["NoneType: None\n"];
    const lines = value instanceof PySyntaxError ? syntaxErrorOnly(value) : [exceptionLine(value) + "\n"];
    const notes = this.__notes__;
    if (Array.isArray(notes)) for (const note of notes) lines.push(...toStr(note).split("\n").map((line) => line + "\n"));
    return lines;
  }

  format(...args: unknown[]): string[] {
    const [pos, kw] = splitKw(args);
    const withChain = pos.length > 0 ? pos[0] !== false : kw["chain"] !== false;
    const out: string[] = [];
    if (withChain) {
      if (this.__cause__ !== null) out.push(...this.__cause__.format(), CAUSE);
      else if (this.__context__ !== null && !this.__suppress_context__) out.push(...this.__context__.format(), CONTEXT);
    }
    if (this.stack.length > 0) out.push("Traceback (most recent call last):\n", ...this.stack.format());
    out.push(...this.format_exception_only());
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
  const frames = pythonFrames(e);
  if (frames.length === 0) return e.__traceback__;
  const tb = chain(summaries(ownFrames(frames, later)));
  // The first reading fixes it, as CPython's traceback is fixed once the exception is caught.
  e.__traceback__ = tb;
  return tb;
}

function traceOf(exc: unknown): unknown {
  return exc instanceof BaseException ? exc.__traceback__ : null;
}

// ---- the functions ----

function writeLines(lines: string[], file: unknown): void {
  const target = (isNone(file) ? standardStreams.stderr : file) as TextFile;
  for (const line of lines) target.write(line);
}

/** `(exc)` or the old `(type, value, tb)`, as format_exception/print_exception take them. */
function exceptionParts(exc: unknown, value: unknown, tb: unknown): [unknown, unknown, unknown] {
  if ((value === sentinel) !== (tb === sentinel)) throw new ValueError("Both or neither of value and tb must be given");
  if (value === sentinel) {
    if (isNone(exc)) return [null, null, null];
    if (exc instanceof BaseException) return [exc.constructor, exc, traceOf(exc)];
    throw new PyTypeError(`Exception expected for value, ${typeName(exc)} found`);
  }
  return [exc, value, tb];
}

function formatExceptionImpl(args: unknown[]): string[] {
  const [pos, kw] = splitKw(args);
  const exc = pos[0];
  const value = pos.length > 1 ? pos[1] : "value" in kw ? kw["value"] : sentinel;
  const tb = pos.length > 2 ? pos[2] : "tb" in kw ? kw["tb"] : sentinel;
  const limit = pos[3] ?? kw["limit"] ?? null;
  const withChain = (pos.length > 4 ? pos[4] : kw["chain"]) !== false;
  const [type, v, t] = exceptionParts(exc, value, tb);
  if (isNone(v)) return ["NoneType: None\n"];
  return new TracebackException(type, v, t, new Kwargs({ limit })).format(withChain);
}

function format_exception(...args: unknown[]): string[] {
  return formatExceptionImpl(args);
}

function print_exception(...args: unknown[]): null {
  const [, kw] = splitKw(args);
  const file = kw["file"];
  const rest = args.filter((a) => !(a instanceof Kwargs));
  const named: Record<string, unknown> = { ...kw };
  delete named["file"];
  writeLines(formatExceptionImpl([...rest, new Kwargs(named)]), file);
  return null;
}

function format_exception_only(...args: unknown[]): string[] {
  const [pos, kw] = splitKw(args);
  const exc = pos[0];
  const value = pos.length > 1 ? pos[1] : "value" in kw ? kw["value"] : sentinel;
  const v = value === sentinel ? exc : value;
  if (isNone(v)) return ["NoneType: None\n"];
  return new TracebackException((v as object).constructor, v, null).format_exception_only();
}

function handledArgs(args: unknown[]): { limit: unknown; chain: boolean; file: unknown } {
  const [pos, kw] = splitKw(args);
  return { limit: pos[0] ?? kw["limit"] ?? null, file: pos.length > 1 ? pos[1] : kw["file"], chain: (pos.length > 2 ? pos[2] : kw["chain"]) !== false };
}

function handledLines(limit: unknown, withChain: boolean): string[] {
  const e = currentHandled();
  if (isNone(e)) return ["NoneType: None\n"];
  return new TracebackException((e as object).constructor, e, traceOf(e), new Kwargs({ limit })).format(withChain);
}

function format_exc(...args: unknown[]): string {
  const [pos, kw] = splitKw(args);
  return handledLines(pos[0] ?? kw["limit"] ?? null, (pos.length > 1 ? pos[1] : kw["chain"]) !== false).join("");
}

function print_exc(...args: unknown[]): null {
  const { limit, file, chain: withChain } = handledArgs(args);
  writeLines(handledLines(limit, withChain), file);
  return null;
}

function extract_tb(tb: unknown, ...args: unknown[]): StackSummary {
  const [pos, kw] = splitKw(args);
  return stackOf(limited(walk(tb), pos[0] ?? kw["limit"], false));
}

function format_tb(tb: unknown, ...args: unknown[]): string[] {
  return extract_tb(tb, ...args).format();
}

function print_tb(tb: unknown, ...args: unknown[]): null {
  const [pos, kw] = splitKw(args);
  writeLines(extract_tb(tb, pos[0] ?? kw["limit"] ?? null).format(), pos.length > 1 ? pos[1] : kw["file"]);
  return null;
}

/**
 * The calling Python stack, oldest first. Its frames have no column positions (CPython's
 * StackSummary.extract records the line only), so they format without caret lines.
 */
function currentStack(limit: unknown): StackSummary {
  const frames = summaries(pythonFrames(new Error()));
  for (const frame of frames) frame.carets = null;
  return stackOf(limited(frames, limit, true));
}

function stackArgs(args: unknown[]): { limit: unknown; file: unknown } {
  const [pos, kw] = splitKw(args);
  const f = pos[0] ?? kw["f"];
  if (!isNone(f)) throw new ValueError("pyts's traceback takes only f=None (the calling frame)");
  return { limit: pos[1] ?? kw["limit"] ?? null, file: pos.length > 2 ? pos[2] : kw["file"] };
}

function extract_stack(...args: unknown[]): StackSummary {
  return currentStack(stackArgs(args).limit);
}

function format_stack(...args: unknown[]): string[] {
  return currentStack(stackArgs(args).limit).format();
}

function print_stack(...args: unknown[]): null {
  const { limit, file } = stackArgs(args);
  writeLines(currentStack(limit).format(), file);
  return null;
}

function format_list(list: unknown): string[] {
  return StackSummary.from_list(list).format();
}

function print_list(list: unknown, file: unknown = null): null {
  writeLines(format_list(list), file);
  return null;
}

function walk_tb(tb: unknown): any {
  const items: unknown[] = [];
  for (let t = tb; t instanceof TracebackObject; t = t.tb_next) items.push(Tuple.of(t.tb_frame, t.tb_lineno));
  return items[Symbol.iterator]();
}

/** `walk_stack(f)`: (frame, lineno) from `f` outwards; for None, from CPython's starting frame (four back from the generator's own). */
function walk_stack(f: unknown): any {
  let frame = f;
  if (isNone(frame)) {
    frame = currentFrame();
    for (let i = 0; i < 3; i++) frame = (frame as FrameObject).f_back;
  }
  const items: unknown[] = [];
  for (; frame instanceof FrameObject; frame = frame.f_back) items.push(Tuple.of(frame, frame.f_lineno));
  return items[Symbol.iterator]();
}

/** `print_last(limit=None, file=None, chain=True)`: sys.last_value's traceback, which only an interactive session (or the program) sets. */
function print_last(...args: unknown[]): null {
  const [pos, kw] = splitKw(args);
  const last = sysModule as unknown as Record<string, unknown>;
  if (!("last_type" in last)) throw new ValueError("no last exception");
  return print_exception(last.last_type, last.last_value, last.last_traceback, pos[0] ?? kw.limit ?? null, pos[1] ?? kw.file ?? null, pos[2] ?? kw.chain ?? true);
}

function clear_frames(_tb: unknown): null {
  return null;
}


export const tracebackModule = moduleObject("traceback", {
  FrameSummary: pyClass(FrameSummary),
  StackSummary: pyClass(StackSummary),
  TracebackException: pyClass(TracebackException),
  format_exception,
  print_exception,
  format_exception_only,
  format_exc,
  print_exc,
  extract_tb,
  format_tb,
  print_tb,
  extract_stack,
  format_stack,
  print_stack,
  format_list,
  print_list,
  walk_tb,
  walk_stack,
  print_last,
  clear_frames,
});
