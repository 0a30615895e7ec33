// Python's `traceback`: tracebacks as objects (`exc.__traceback__`, FrameSummary,
// StackSummary, TracebackException) and the print/format/extract functions, with CPython's
// layout. Frames come from the mapped JS stack (values/traceback.ts): an exception's
// traceback runs from the frame that caught it (the first frame it does not share with the
// stack that reads it) to where it was raised, as CPython's does.
// The records and objects live in traceback-frames.ts, traceback-objects.ts and
// traceback-exception.ts; this file holds the module's functions.

import { AttributeError, BaseException, PyTypeError, ValueError } from "../values/exceptions.js";
import { currentHandled } from "../values/handled.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { typeName } from "../values/typename.js";
import { Tuple } from "../values/tuple.js";
import { pythonFrames } from "../values/traceback.js";
import { moduleObject } from "./module-object.js";
import { sysModule } from "./sys.js";
import { pyClass } from "./callable-class.js";
import { FrameSummary, isNone, limited, StackSummary, stackOf, summaries, walkFrom, walkOrigin } from "./traceback-frames.js";
import { currentFrame, fixTraceback, FrameObject, TracebackObject, walk } from "./traceback-objects.js";
import { traceOf, TracebackException, writeLines } from "./traceback-exception.js";

export { currentFrame, fixTraceback, FrameObject, FrameSummary, StackSummary, TracebackException, TracebackObject };

const sentinel = Symbol("sentinel");


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

export function print_exc(...args: unknown[]): null {
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

/**
 * `walk_stack(f)`: (frame, lineno) from `f` outwards. For None CPython's generator starts four
 * frames back from its own when first advanced: iterated where it was made, three back from
 * that frame; StackSummary.extract starts at it (see walkOrigin).
 */
function walk_stack(f: unknown): any {
  if (!isNone(f)) return walkFrom(f)[Symbol.iterator]();
  const origin = currentFrame();
  function* fromOrigin(): Generator<Tuple> {
    let frame: unknown = origin;
    for (let i = 0; i < 3; i++) {
      if (!(frame instanceof FrameObject)) throw new AttributeError("'NoneType' object has no attribute 'f_back'");
      frame = frame.f_back;
    }
    yield* walkFrom(frame);
  }
  return Object.assign(fromOrigin(), { [walkOrigin]: origin });
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
