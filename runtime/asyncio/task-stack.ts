// Task.get_stack / Task.print_stack (CPython's base_tasks): the frames of a task's coroutine
// while it is suspended, else those of the traceback of the exception it ended with. A
// suspended coroutine's frame is its own alone (its f_back is None, as in CPython); its line is
// the await it waits at. The traceback module's file loads on the first call.
import { programFile } from "../core/code-location.js";
import { Coroutine } from "../core/coroutine.js";
import { nodeModule } from "../core/host.js";
import { standardModule } from "../modules/module-object.js";
import { tracebackHook } from "../values/exceptions.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { print } from "../values/print.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { Task } from "./tasks.js";

type Frame = { f_lineno: bigint; f_code: { co_filename: string; co_name: string } };
type TracebackModule = {
  walk_tb(tb: unknown): Iterable<Tuple>;
  print_list(list: unknown, file: unknown): unknown;
  format_exception_only(exc: unknown): string[];
};

declare module "./tasks.js" {
  interface Task {
    get_stack(...args: unknown[]): unknown[];
    print_stack(...args: unknown[]): null;
  }
}

function traceback(): TracebackModule {
  return standardModule("traceback") as unknown as TracebackModule;
}

/** The keyword-only `limit` (None: no limit). */
function limitOf(kws: Record<string, unknown>): number | null {
  const limit = kws["limit"];
  return limit === undefined || limit === null ? null : Number(limit);
}

function taskFrames(task: Task, limit: number | null): Frame[] {
  const tracebacks = traceback();
  const coro = task._coro;
  if (coro instanceof Coroutine && !coro.done && coro._firstLine > 0) {
    // (one frame: a limit of 0 or less leaves none)
    if (limit !== null && limit <= 0) return [];
    return [tracebackHook.frameAt!(programFile(), BigInt(coro._line), coro.__name__) as Frame];
  }
  const exception = task._exception as { __traceback__?: unknown } | null;
  if (coro instanceof Coroutine && coro.done && exception !== null && exception !== undefined) {
    const frames: Frame[] = [];
    for (const entry of tracebacks.walk_tb(exception.__traceback__)) {
      if (limit !== null && frames.length >= limit) break;
      frames.push(entry.items[0] as Frame);
    }
    return frames;
  }
  return [];
}

/** linecache.getline's answer: the file's line, or "" (read from the file, as CPython reads it). */
function sourceLine(filename: string, lineno: bigint): string {
  try {
    return nodeModule("node:fs").readFileSync(filename, "utf8").split("\n")[Number(lineno) - 1] ?? "";
  } catch {
    return "";
  }
}

function get_stack(this: Task, ...args: unknown[]): unknown[] {
  return taskFrames(this, limitOf(splitKw(args)[1]));
}

function print_stack(this: Task, ...args: unknown[]): null {
  const kws = splitKw(args)[1];
  const file = kws["file"] ?? null;
  const tracebacks = traceback();
  const extracted = taskFrames(this, limitOf(kws)).map((f) =>
    Tuple.of(f.f_code.co_filename, f.f_lineno, f.f_code.co_name, sourceLine(f.f_code.co_filename, f.f_lineno)));
  const exception = this._exception;
  // (the heading is print()ed, to stdout when file is None; print_list's None is stderr)
  const write = (text: string): void => {
    print(text, new Kwargs({ file, end: "" }));
  };
  if (extracted.length === 0) write(`No stack for ${repr(this)}\n`);
  else if (exception !== null && exception !== undefined) write(`Traceback for ${repr(this)} (most recent call last):\n`);
  else write(`Stack for ${repr(this)} (most recent call last):\n`);
  tracebacks.print_list(extracted, file);
  if (exception !== null && exception !== undefined) for (const line of tracebacks.format_exception_only(exception)) write(line);
  return null;
}

for (const [name, method] of [["get_stack", get_stack], ["print_stack", print_stack]] as const) {
  Object.defineProperty(Task.prototype, name, { value: method, writable: true, configurable: true });
}
