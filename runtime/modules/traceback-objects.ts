// Traceback, frame and code objects as Python sees them (`exc.__traceback__`, `tb_next`,
// `tb_frame.f_back`), made from the mapped JS stack: an exception's traceback runs from the
// frame that caught it (the first frame it does not share with the stack that reads it) to
// where it was raised, as CPython's does.

import { BaseException, CAUGHT_AT, NEVER_RAISED, THROWN_IN, RAISED, TRACEBACK, tracebackHook } from "../values/exceptions.js";
import { addressOf, toStr } from "../values/repr.js";
import { pythonFrames, raisedFrom } from "../values/traceback.js";
import { BodyCode, BodyFrame } from "../core/body-frame.js";
import { formatFrame, FrameSummary, head, neverRaised, ownFrames, summaries } from "./traceback-frames.js";
import { declareDataAttributes } from "../values/declared-attributes.js";
import { Kwargs } from "../values/kwargs.js";
import { nodeModule } from "../core/host.js";

/** Line `line` of the file `filename` (linecache's answer), or "" when it cannot be read. */
function fileLine(filename: string, line: number): string {
  try {
    return String(nodeModule("node:fs").readFileSync(filename, "utf8")).split("\n")[line - 1] ?? "";
  } catch {
    return "";
  }
}


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
  static override readonly pythonName = "frame";
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

export function chain(frames: FrameSummary[]): TracebackObject | null {
  let tb: TracebackObject | null = null;
  for (let i = frames.length - 1; i >= 0; i--) tb = new TracebackObject(frames[i]!, tb);
  return tb;
}

const STACK_FILE = /\(?((?:file|https?|node|blob):[^\s()]*?|\/[^\s():]*?):\d+:\d+\)?$/;

/** Where the runtime's own code is: the folder of its built files or bundles. */
const runtimePlace = ((): string | null => {
  const own = STACK_FILE.exec(new Error().stack?.split("\n")[1] ?? "")?.[1];
  // (the runtime's files, or its bundles, are the folder holding this one, less its modules/)
  return own === undefined ? null : own.replace(/[^/]*$/, "").replace(/\/modules\/$/, "/");
})();

/** Was `e` made by the program's own code (`ValueError("x")`), not thrown by the runtime? */
function madeByProgram(e: BaseException): boolean {
  // (V8's stack starts at the code that called the exception's constructor)
  const first = STACK_FILE.exec(e.stack?.split("\n").find((line) => line.startsWith("    at ")) ?? "")?.[1];
  return runtimePlace !== null && first !== undefined && !first.startsWith(runtimePlace);
}

/** A frame text whose source line is a `raise` (or an `assert`, which raises the error it makes). */
const atRaise = (frame: string): boolean => /^(raise|assert)\b/.test(frame.split("\n", 2)[1]?.trim() ?? "");

/** The traceback of `e` as read from a stack whose frames are `outer`. */
function makeTraceback(e: BaseException, outer: string[]): TracebackObject | null {
  if (Object.hasOwn(e, NEVER_RAISED)) return null;
  const frames = pythonFrames(e);
  if (frames.length === 0 || neverRaised(frames, outer)) return null;
  // An exception the program made has a traceback once a `raise` throws it (exceptionOf marks
  // it), or when it was made while evaluating a `raise` statement (`raise ValueError(...)`).
  if (!Object.hasOwn(e, RAISED) && madeByProgram(e) && !frames.some(atRaise)) return null;
  return chain(summaries(ownFrames(frames, outer)));
}

/** The stack a traceback of `e` is read against: where an `except` caught it, else the reader's. */
const readerStack = (e: BaseException): string[] => pythonFrames(e[CAUGHT_AT] ?? new Error());

tracebackHook.make = (e) => makeTraceback(e, readerStack(e));
/** The traceback `e` has as a `raise` statement whose stack is `here` throws it: given, read, or as caught. */
function tracebackBefore(e: BaseException, here: string[]): unknown {
  if (e[TRACEBACK] !== undefined) return e[TRACEBACK];
  // (made while this raise was evaluated, `raise make_error()`: none yet)
  const frames = pythonFrames(e);
  if (here.length <= frames.length && here.every((frame, i) => head(frame) === head(frames[i]))) return null;
  return makeTraceback(e, here);
}

tracebackHook.raised = (e, caller) => {
  // The traceback it had goes below this raise.
  const here = pythonFrames(new Error());
  const before = e[TRACEBACK] === undefined && e[CAUGHT_AT] !== undefined ? makeTraceback(e, readerStack(e)) : tracebackBefore(e, here);
  e[CAUGHT_AT] = undefined;
  raisedFrom(e, walk(before).map((frame) => formatFrame(frame).replace(/\n$/, "")), caller);
  e.__traceback__ = undefined;
};

tracebackHook.atYield = (e, line, col, endCol) => {
  const thrower = e[THROWN_IN]!;
  e[THROWN_IN] = undefined;
  // (the traceback it had where throw() was called: given, read, or as caught there)
  const before = e[TRACEBACK] !== undefined ? e[TRACEBACK] : makeTraceback(e, pythonFrames(thrower));
  // The innermost Python frame here is the generator's own, at its except clause.
  const generator = summaries(pythonFrames(new Error())).at(-1);
  if (generator === undefined) return;
  const text = fileLine(generator.filename, line);
  const summary = new FrameSummary(generator.filename, BigInt(line), generator.name, new Kwargs({ line: text.trim() }));
  // (carets under the yield, unless it is the whole line, as CPython 3.11 marks a frame's line)
  const indent = text.length - text.trimStart().length;
  if (col >= indent && endCol > col && !(col === indent && endCol === indent + text.trim().length)) {
    summary.carets = "    " + " ".repeat(col - indent) + "^".repeat(endCol - col);
  }
  e.__traceback__ = new TracebackObject(summary, before instanceof TracebackObject ? before : null);
};

tracebackHook.frameAt = (filename, lineno, name) => new FrameObject(new FrameSummary(filename, lineno, name));

/** Fixes `e.__traceback__` as read from a stack whose frames are `outer` (unittest's runner reads it inside the test's `with`). */
export function fixTraceback(e: BaseException, outer: string[]): void {
  e.__traceback__ = makeTraceback(e, outer);
}

export function walk(tb: unknown): FrameSummary[] {
  const out: FrameSummary[] = [];
  for (let t = tb; t instanceof TracebackObject; t = t.tb_next) out.push(t.summary);
  return out;
}

// (`types.TracebackType.tb_next`, `types.FrameType.f_code`: CPython's descriptors)
declareDataAttributes(TracebackObject, "member", "tb_frame tb_lasti");
declareDataAttributes(TracebackObject, "getset", "tb_next", true);
declareDataAttributes(FrameObject, "getset", "f_back f_code f_globals f_lineno f_locals");
