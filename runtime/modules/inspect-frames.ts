/* eslint-disable @typescript-eslint/no-explicit-any */
// inspect's frames and tracebacks, as far as the runtime knows them: a frame is read from the
// running stack (traceback.ts's FrameObject: code name, file, line, f_back) and knows no local
// variables, so f_locals/f_globals are None and getargvalues cannot list arguments. The line of a
// frame is the line running (CPython's too); positions carry the line only (no columns).
// currentframe, stack, getouterframes, getinnerframes, trace, getframeinfo, getlineno,
// FrameInfo/Traceback, isframe, istraceback, iscode, getgeneratorlocals, getcoroutinelocals.

import { BodyFrame } from "../core/body-frame.js";
import { CodeType } from "./types-descriptors.js";
import { PyGenerator } from "../core/generator.js";
import { Coroutine } from "../core/coroutine.js";
import { nodeModule } from "../core/host.js";
import { getattr } from "../values/builtin-functions.js";
import { Dict } from "../values/dict.js";
import { NotImplementedError, PyTypeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { makeNamedTuple } from "./namedtuple.js";
import { callValue } from "./pycall.js";
import { sysModule } from "./sys.js";
import { currentFrame, FrameObject, TracebackObject } from "./traceback.js";

const Positions = makeNamedTuple("Positions", ["lineno", "end_lineno", "col_offset", "end_col_offset"], [null, null, null, null], "dis");
const TracebackBase = makeNamedTuple("Traceback", ["filename", "lineno", "function", "code_context", "index"], [], "inspect");
const FrameInfoBase = makeNamedTuple("FrameInfo", ["frame", "filename", "lineno", "function", "code_context", "index"], [], "inspect");

/** Adds 3.11's `positions` keyword and attribute to a named tuple class (shown in its repr). */
function withPositions(base: any, fields: string[]): any {
  const cls = class extends (base as new (...a: unknown[]) => Tuple) {
    declare positions: unknown;
    constructor(...args: unknown[]) {
      const [pos, kws] = splitKw(args);
      const values = fields.map((f, i) => (i < pos.length ? pos[i] : kws[f]));
      super(...values);
      Object.defineProperty(this, "positions", { value: pos[fields.length] ?? kws.positions ?? null, enumerable: false });
    }
    __repr__(): string {
      const parts = fields.map((f, i) => `${f}=${repr(this.items[i])}`);
      return `${(base as { __name__: string }).__name__}(${parts.join(", ")}, positions=${repr(this.positions)})`;
    }
  };
  Object.defineProperties(cls, { __name__: { value: base.__name__ }, __qualname__: { value: base.__name__ }, __module__: { value: "inspect" } });
  return cls;
}

export const Traceback = withPositions(TracebackBase, ["filename", "lineno", "function", "code_context", "index"]);
export const FrameInfo = withPositions(FrameInfoBase, ["frame", "filename", "lineno", "function", "code_context", "index"]);

const fileLines = new Map<string, string[] | null>();

/** The file's lines (linecache's view), null when it cannot be read. */
function linesOf(filename: string): string[] | null {
  if (!fileLines.has(filename)) {
    let lines: string[] | null = null;
    try {
      const text = String(nodeModule("node:fs").readFileSync(filename, "utf8"));
      lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    } catch {
      lines = null;
    }
    fileLines.set(filename, lines);
  }
  return fileLines.get(filename)!;
}

const contextOf = (x: unknown): bigint => {
  const [pos, kws] = splitKw([x]);
  return (pos[0] ?? kws.context ?? 1n) as bigint;
};

/** `getframeinfo(frame_or_tb, context=1)`: Traceback(filename, lineno, function, code_context, index). */
function frameInfoParts(frameOrTb: unknown, context: bigint): unknown[] {
  let frame = frameOrTb;
  let lineno: bigint;
  if (frameOrTb instanceof TracebackObject) {
    frame = frameOrTb.tb_frame;
    lineno = BigInt(frameOrTb.tb_lineno as bigint);
  } else {
    // (CPython reads f_lineno and f_code first: AttributeError for what has none)
    lineno = BigInt(getattr(frameOrTb, "f_lineno") as bigint);
    getattr(frameOrTb, "f_code");
    if (!(frameOrTb instanceof FrameObject)) throw new PyTypeError(`${repr(frameOrTb)} is not a frame or traceback object`);
  }
  const code = (frame as FrameObject).f_code as unknown as { co_filename: string; co_name: string };
  const filename = code.co_filename;
  let codeContext: unknown = null;
  let index: unknown = null;
  const lines = context > 0n ? linesOf(filename) : null;
  if (lines !== null) {
    let start = Number(lineno) - 1 - Math.floor(Number(context) / 2);
    start = Math.max(0, Math.min(start, lines.length - Number(context)));
    codeContext = lines.slice(start, start + Number(context));
    index = BigInt(Number(lineno) - 1 - start);
  }
  const positions = callValue(Positions, lineno, lineno, null, null);
  return [filename, lineno, code.co_name, codeContext, index, positions];
}

function getframeinfo(frame: unknown, ...rest: unknown[]): any {
  return callValue(Traceback, ...frameInfoParts(frame, contextOf(rest[0])));
}

function frameInfo(frame: unknown, tbOrFrame: unknown, context: bigint): any {
  return callValue(FrameInfo, frame, ...frameInfoParts(tbOrFrame, context));
}

function getouterframes(frame: unknown, ...rest: unknown[]): any[] {
  const context = contextOf(rest[0]);
  const out: unknown[] = [];
  for (let f = frame; f instanceof FrameObject; f = f.f_back) out.push(frameInfo(f, f, context));
  return out;
}

function getinnerframes(tb: unknown, ...rest: unknown[]): any[] {
  const context = contextOf(rest[0]);
  const out: unknown[] = [];
  for (let t = tb; t instanceof TracebackObject; t = t.tb_next) out.push(frameInfo(t.tb_frame, t, context));
  return out;
}

/** `currentframe()`: the frame of the code calling it. */
function currentframe(): any {
  return currentFrame();
}

/** `stack(context=1)`: FrameInfo for the caller's frame and every frame outside it. */
function stack(...rest: unknown[]): any[] {
  return getouterframes(currentFrame(), ...rest);
}

/** `trace(context=1)`: FrameInfo from the handled exception's traceback, innermost last. */
function trace(...rest: unknown[]): any[] {
  const info = callValue(getattr(sysModule, "exc_info")) as Tuple;
  return getinnerframes(info.items[2], ...rest);
}

function localsOf(body: unknown, frameName: "gi_frame" | "cr_frame"): Dict<unknown, unknown> {
  const frame = getattr(body, frameName, null);
  if (frame === null) return new Dict();
  throw new NotImplementedError("pyts does not record the local variables of a suspended generator or coroutine");
}

export const inspectFrameNames = {
  currentframe,
  stack,
  trace,
  getouterframes,
  getinnerframes,
  getframeinfo,
  getlineno: (frame: unknown): unknown => getattr(frame, "f_lineno"),
  Traceback,
  FrameInfo,
  isframe: (x: unknown): boolean => x instanceof BodyFrame,
  istraceback: (x: unknown): boolean => x instanceof TracebackObject,
  iscode: (x: unknown): boolean => (CodeType as unknown as { __instancecheck__(x: unknown): boolean }).__instancecheck__(x),
  getgeneratorlocals: (gen: unknown): Dict<unknown, unknown> => {
    if (!(gen instanceof PyGenerator)) throw new PyTypeError(`${repr(gen)} is not a Python generator`);
    return localsOf(gen, "gi_frame");
  },
  getcoroutinelocals: (coro: unknown): Dict<unknown, unknown> => {
    if (!(coro instanceof Coroutine)) return new Dict();
    return localsOf(coro, "cr_frame");
  },
};
