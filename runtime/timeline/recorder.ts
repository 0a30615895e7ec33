// The event-loop timeline: what ran when. The loop, tasks and blocking calls report here while
// a recording is on (`pyts run --timeline`); when it is off, `recorder` is null and each hook
// is one null check. Times are milliseconds of the loop's clock (performance.now()).

import { Coroutine } from "../core/coroutine.js";
import { repr } from "../values/repr.js";
import { typeName } from "../values/typename.js";
import { pythonFrames } from "../values/traceback.js";

/** A task as its lane shows it. */
export interface TaskRecord {
  id: number;
  name: string;
  /** The coroutine's qualname and the line of its `async def`. */
  coro: string;
  defLine: number;
  created: number;
  /** The line that created the task, and its source text. */
  createdAt: number;
  done: number | null;
  /** "result", "cancelled" or "exception" once done. */
  outcome: string | null;
  /** The result's or exception's repr. */
  detail: string | null;
  cancelRequested: number | null;
}

/** One step of a task: the loop resumed its coroutine until it suspended or finished. */
export interface StepRecord {
  task: number;
  start: number;
  end: number;
  /** The line the coroutine resumed at (its first line on the first step). */
  resumedAt: number;
  /** The line of the await it suspended at (0 when it finished). */
  suspendedAt: number;
  /** What the suspension waits on (`sleep(1)`, `Task-3`, `Queue.get()`), null when done. */
  waitFor: string | null;
  /** An exception thrown in at the start (CancelledError when cancelled). */
  thrown: string | null;
}

/** A call that blocked the whole thread (`time.sleep`, `urlopen`): the loop stalled. */
export interface BlockingRecord {
  /** The task whose step made it, or 0 outside any task. */
  task: number;
  start: number;
  end: number;
  what: string;
  line: number;
}

/** A callback the loop ran that was not a task step. */
export interface CallbackRecord {
  start: number;
  end: number;
  what: string;
  timer: boolean;
}

/** One loop iteration (`_run_once`): the loop was busy from start to end. */
export interface IterationRecord {
  start: number;
  end: number;
}

export interface TimelineRecord {
  /** The program's .py file and the text of the lines the record names. */
  file: string;
  lines: Record<number, string>;
  /** performance.now() when recording began; record times are relative to it. */
  origin: number;
  end: number;
  tasks: TaskRecord[];
  steps: StepRecord[];
  blocking: BlockingRecord[];
  callbacks: CallbackRecord[];
  iterations: IterationRecord[];
}

/** What the recorder needs of a task (runtime/asyncio's Task; a type here avoids an import cycle). */
export interface RecordedTask {
  get_name(): string;
  get_coro(): unknown;
  done(): boolean;
  cancelled(): boolean;
  exception(): unknown;
  result(): unknown;
  readonly _fut_waiter: unknown;
}

/** The innermost coroutine of the program's own code in an await chain (the runtime's have no line). */
function programCoroutine(coro: unknown): Coroutine | null {
  let found: Coroutine | null = null;
  for (let c = coro; c instanceof Coroutine; c = c._delegate) if (c._firstLine > 0) found = c;
  return found;
}

/** The innermost runtime coroutine awaited (`sleep`, `Queue.get`): what a future stands for. */
function innermostCoroutine(coro: unknown): Coroutine | null {
  let found: Coroutine | null = null;
  for (let c = coro; c instanceof Coroutine; c = c._delegate) found = c;
  return found;
}

/** A callback as the timeline names it: `f(Task-3, 1)`, tasks by name, other objects by type. */
function briefCallback(callback: unknown, args: readonly unknown[]): string {
  const named = callback as { __qualname__?: unknown; name?: string };
  const name = typeof named.__qualname__ === "string" ? named.__qualname__ : typeof callback === "function" ? named.name!.replace(/^(bound )+/, "") : typeName(callback);
  if (args.length === 0) return `${name}()`;
  const brief = (arg: unknown): string => {
    if (arg === null || arg === undefined) return "None";
    if (typeof arg === "bigint" || typeof arg === "boolean") return arg === true ? "True" : arg === false ? "False" : String(arg);
    if (typeof arg !== "object") return typeof arg === "string" ? "str" : repr(arg);
    const task = arg as { get_name?: () => string };
    return typeof task.get_name === "function" ? task.get_name() : typeName(arg);
  };
  return `${name}(${args.map(brief).join(", ")})`;
}

/** Long reprs cut to a length a hover box can show. */
function shorten(text: string): string {
  return text.length > 160 ? text.slice(0, 157) + "..." : text;
}

/** Python lines by the JS position of the program's innermost frame: each call site is mapped once. */
const lineCache = new Map<string, number>();
/**
 * The runtime's own files, as stack frames name them (frames there are not the program's):
 * this module's folder's parent, or the one file when the runtime is loaded as a single
 * prebuilt file. Found from a frame of this module, since a bundle has no `import.meta.url`.
 */
let runtimeRoot: string | null = null;
function runtimeFiles(): string {
  if (runtimeRoot !== null) return runtimeRoot;
  const prepare = Error.prepareStackTrace;
  Error.prepareStackTrace = (_error, sites) => sites;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  Error.captureStackTrace(holder);
  const sites = holder.stack ?? []; // read before restoring: V8 formats the stack on first read
  Error.prepareStackTrace = prepare;
  const own = (sites[0]?.getFileName() ?? "").replace(/^file:\/\//, "");
  const modular = /[\\/]timeline[\\/]recorder\.[jt]s$/.exec(own);
  runtimeRoot = modular ? own.slice(0, modular.index + 1) : own;
  return runtimeRoot;
}

/** Where the program's innermost frame is now (`file:line:col` of the JS), cheaply: no stack text. */
function programPosition(): string | null {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  Error.prepareStackTrace = (_error, sites) => sites;
  Error.stackTraceLimit = 24;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  Error.captureStackTrace(holder);
  const sites = holder.stack ?? [];
  Error.prepareStackTrace = prepare;
  Error.stackTraceLimit = limit;
  for (const site of sites) {
    const file = site.getFileName();
    if (!file || file.startsWith("node:") || (runtimeFiles() !== "" && file.replace(/^file:\/\//, "").startsWith(runtimeFiles()))) continue;
    return `${file}:${site.getLineNumber()}:${site.getColumnNumber()}`;
  }
  return null;
}

/** The line of the innermost Python frame running now (0 when frames are not mapped). */
export function currentLine(): number {
  const position = programPosition();
  if (position === null) return 0;
  const known = lineCache.get(position);
  if (known !== undefined) return known;
  const frames = pythonFrames(new Error());
  const last = frames[frames.length - 1];
  const m = last === undefined ? null : /, line (\d+)/.exec(last);
  const line = m ? Number(m[1]) : 0;
  if (lineCache.size < 100_000) lineCache.set(position, line);
  return line;
}

export class Recorder {
  readonly origin = performance.now();
  readonly tasks: TaskRecord[] = [];
  readonly steps: StepRecord[] = [];
  readonly blocking: BlockingRecord[] = [];
  readonly callbacks: CallbackRecord[] = [];
  readonly iterations: IterationRecord[] = [];
  private readonly ids = new WeakMap<object, TaskRecord>();
  /** What futures made by the runtime stand for (`sleep(1)`, an HTTP response). */
  private readonly labels = new WeakMap<object, string>();
  /** The step being run, if any. */
  private current: StepRecord | null = null;
  /** Did a task step run inside the callback being run? */
  private stepped = false;
  private callbackStart = 0;
  private iterationStart = 0;
  /** Each finished task's result or exception, shown by repr when the record is written. */
  private readonly details = new Map<TaskRecord, unknown>();

  now(): number {
    return performance.now() - this.origin;
  }

  taskCreated(task: RecordedTask): void {
    const coro = task.get_coro();
    const own = programCoroutine(coro);
    const record: TaskRecord = {
      id: this.tasks.length + 1,
      name: task.get_name(),
      coro: (coro as { __qualname__?: string }).__qualname__ ?? "coroutine",
      defLine: own?._firstLine ?? 0,
      created: this.now(),
      createdAt: currentLine(),
      done: null,
      outcome: null,
      detail: null,
      cancelRequested: null,
    };
    this.tasks.push(record);
    this.ids.set(task, record);
  }

  private taskRecord(task: RecordedTask): TaskRecord {
    let record = this.ids.get(task);
    if (record === undefined) {
      this.taskCreated(task);
      record = this.ids.get(task)!;
    }
    return record;
  }

  stepBegin(task: RecordedTask, thrown: unknown): void {
    const record = this.taskRecord(task);
    record.name = task.get_name(); // set_name() may have renamed it
    const own = programCoroutine(task.get_coro());
    this.stepped = true;
    this.current = {
      task: record.id,
      start: this.now(),
      end: 0,
      resumedAt: own?._line ?? 0,
      suspendedAt: 0,
      waitFor: null,
      thrown: thrown === null || thrown === undefined ? null : repr(thrown),
    };
  }

  stepEnd(task: RecordedTask): void {
    const step = this.current;
    if (step === null) return;
    this.current = null;
    step.end = this.now();
    const waiter = task._fut_waiter;
    if (!task.done()) {
      const coro = task.get_coro();
      step.suspendedAt = programCoroutine(coro)?._line ?? 0;
      step.waitFor = waiter === null ? "the next iteration" : this.describe(waiter, coro);
    }
    this.steps.push(step);
  }

  /** Names what a suspended task waits on. */
  private describe(waiter: unknown, coro: unknown): string {
    const label = this.labels.get(waiter as object);
    if (label !== undefined) return label;
    const task = this.ids.get(waiter as object);
    if (task !== undefined) return task.name;
    const inner = innermostCoroutine(coro);
    if (inner !== null && inner._firstLine === 0) return `${inner.__qualname__}()`;
    const type = (waiter as { constructor?: { pythonName?: string; name?: string } }).constructor;
    return type?.pythonName ?? type?.name ?? "a future";
  }

  /** Names a future the runtime made for one purpose (`sleep(1)`). */
  label(future: object, what: string): void {
    this.labels.set(future, what);
  }

  taskDone(task: RecordedTask): void {
    const record = this.taskRecord(task);
    record.done = this.now();
    if (task.cancelled()) {
      record.outcome = "cancelled";
    } else {
      const exc = task.exception();
      record.outcome = exc === null ? "result" : "exception";
      // Made when the record is written: a repr now would count as the step's time.
      this.details.set(record, exc === null ? task.result() : exc);
    }
  }

  cancelRequested(task: RecordedTask): void {
    const record = this.taskRecord(task);
    record.cancelRequested ??= this.now();
  }

  /** A blocking call that began at `start` (from `now()`) has returned. */
  blocked(start: number, what: string): void {
    this.blocking.push({ task: this.current?.task ?? 0, start, end: this.now(), what, line: currentLine() });
  }

  callbackBegin(): void {
    this.stepped = false;
    this.callbackStart = this.now();
  }

  callbackEnd(callback: unknown, args: readonly unknown[], timer: boolean): void {
    // A task's step is drawn on the task's lane, not as a callback.
    if (this.stepped) return;
    const end = this.now();
    // The name and the arguments' kinds only: a repr per callback would cost more than the callback.
    this.callbacks.push({ start: this.callbackStart, end, what: briefCallback(callback, args), timer });
  }

  iterationBegin(): void {
    this.iterationStart = this.now();
  }

  iterationEnd(): void {
    this.iterations.push({ start: this.iterationStart, end: this.now() });
  }

  /** The whole record, with the text of every line it names read from `source`. */
  finish(file: string, source: readonly string[]): TimelineRecord {
    const lines: Record<number, string> = {};
    const keep = (line: number): void => {
      if (line > 0 && source[line - 1] !== undefined) lines[line] = source[line - 1]!.trim();
    };
    for (const [task, value] of this.details) task.detail = shorten(repr(value));
    for (const task of this.tasks) {
      keep(task.defLine);
      keep(task.createdAt);
    }
    for (const step of this.steps) {
      keep(step.resumedAt);
      keep(step.suspendedAt);
    }
    for (const block of this.blocking) keep(block.line);
    return {
      file,
      lines,
      origin: this.origin,
      end: this.now(),
      tasks: this.tasks,
      steps: this.steps,
      blocking: this.blocking,
      callbacks: this.callbacks,
      iterations: this.iterations,
    };
  }
}

/** The recording in progress, or null (the hooks' one check). */
export let recorder: Recorder | null = null;

export function startRecording(): Recorder {
  recorder = new Recorder();
  return recorder;
}

export function stopRecording(): Recorder | null {
  const stopped = recorder;
  recorder = null;
  return stopped;
}
