// The event-loop timeline: what ran when. The loop, tasks and blocking calls report here while
// a recording is on (`pyts run --timeline`); when it is off, `recorder` is null and each hook
// is one null check. Times are milliseconds of the loop's clock (performance.now()).

import { Coroutine } from "../core/coroutine.js";
import { repr } from "../values/repr.js";
import { isClass, qualName, typeName } from "../values/typename.js";
import { functionQualname } from "../lang/functions.js";
import { pythonFrames } from "../values/traceback.js";
import { runningBodyNow } from "../core/suspendable.js";

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
  /** Set by the recorder: the task's number in `tasks`, 1-based (0 before it is recorded). */
  _timelineId: number;
}

/**
 * How the line that created a task is found without a stack capture per task (a capture
 * costs microseconds, more than the task): tasks are grouped by what made them, a key of the
 * code running (the program coroutine or generator, the line of its last await) and the
 * coroutine the task runs. The first EXACT_SITES tasks of a key have their line read from
 * the stack; when those agree, a loop is making them, and later tasks of the key get that
 * line, the stack read again at the 2^k-th task to check; a key whose lines differ is read
 * from the stack for every task from then on.
 */
const EXACT_SITES = 32;
interface SiteSample {
  count: number;
  line: number;
  varied: boolean;
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

/** A callback's name as the timeline shows it: its Python qualname, else its type. */
function callbackName(callback: unknown): string {
  const named = callback as { __qualname__?: unknown };
  if (typeof named.__qualname__ === "string") return named.__qualname__;
  if (typeof callback !== "function") return typeName(callback);
  return (isClass(callback) ? qualName(callback) : functionQualname(callback)).replace(/^(bound )+/, "") || "<lambda>";
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

const keepSites = (_error: Error, sites: NodeJS.CallSite[]): NodeJS.CallSite[] => sites;

/** The first call site outside the runtime and Node among the innermost `depth` frames. */
function firstProgramSite(depth: number): NodeJS.CallSite | null | undefined {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  Error.prepareStackTrace = keepSites;
  Error.stackTraceLimit = depth;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  Error.captureStackTrace(holder, firstProgramSite);
  const sites = holder.stack ?? [];
  Error.prepareStackTrace = prepare;
  Error.stackTraceLimit = limit;
  const root = runtimeFiles();
  const rootUrl = `file://${root}`;
  for (const site of sites) {
    const file = site.getFileName();
    if (!file || file.startsWith("node:") || (root !== "" && (file.startsWith(root) || file.startsWith(rootUrl)))) continue;
    return site;
  }
  // undefined: none among as many frames as asked for (a deeper look may find one).
  return sites.length < depth ? null : undefined;
}

/** Where the program's innermost frame is now (`file:line:col` of the JS), cheaply: no stack text. */
function programPosition(): string | null {
  // The program is usually a few frames out (the runtime's calls that reached the hook).
  let site = firstProgramSite(12);
  if (site === undefined) site = firstProgramSite(64);
  return site ? `${site.getFileName()}:${site.getLineNumber()}:${site.getColumnNumber()}` : null;
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

const CHUNK_BITS = 14;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

/**
 * A column of numbers (no object per event), in typed arrays of a fixed size: appending
 * never copies what is recorded, and no large buffer is made and dropped as it grows.
 * Indexes are set in order (a new index is at most one past the last).
 */
class Column {
  private readonly chunks: Float64Array[] = [];

  set(i: number, value: number): void {
    let chunk = this.chunks[i >>> CHUNK_BITS];
    if (chunk === undefined) {
      chunk = new Float64Array(CHUNK_MASK + 1);
      this.chunks.push(chunk);
    }
    chunk[i & CHUNK_MASK] = value;
  }

  get(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]![i & CHUNK_MASK]!;
  }
}

const NONE = -1;

/**
 * The recording. Events the loop makes by the million (task steps, callbacks, iterations) go
 * into typed-array columns, with what a suspension waited on as an index into a table of
 * distinct strings; callbacks keep their function and arguments, named only when the record
 * is written. Tasks, blocking calls and labels are few and stay objects.
 */
export class Recorder {
  readonly origin = performance.now();
  readonly tasks: TaskRecord[] = [];
  readonly blocking: BlockingRecord[] = [];
  /** What futures made by the runtime stand for (`sleep(1)`, an HTTP response), as string indexes. */
  private readonly labels = new WeakMap<object, number>();
  /** Distinct texts (what a step waited on, an exception thrown in) and their indexes. */
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  /** Each task's line its next step resumes at, by task number - 1. */
  private readonly resumeLines: number[] = [];
  /** The string index of "the next iteration" (a bare yield: `sleep(0)`). */
  private readonly nextIteration = this.intern("the next iteration");

  private stepCount = 0;
  private readonly stepTask = new Column();
  private readonly stepStart = new Column();
  private readonly stepEndAt = new Column();
  private readonly stepResumed = new Column();
  private readonly stepSuspended = new Column();
  private readonly stepWait = new Column();
  private readonly stepThrown = new Column();
  /** The index of the step being run, or NONE. */
  private current = NONE;

  private callbackCount = 0;
  private readonly callbackStartAt = new Column();
  private readonly callbackEndAt = new Column();
  private readonly callbackTimer = new Column();
  /** The callback, as an index into `functions`; its argument count; its first argument's kind (a string index). */
  private readonly callbackFn = new Column();
  private readonly callbackArgc = new Column();
  private readonly callbackFirst = new Column();
  private readonly functions: unknown[] = [];
  private readonly functionIds = new Map<unknown, number>();

  private iterationCount = 0;
  private readonly iterationStartAt = new Column();
  private readonly iterationEndAt = new Column();

  /** Did a task step run inside the callback being run? */
  private stepped = false;
  /** Is the loop running a callback? */
  private inCallback = false;
  /** The last clock reading of the loop's run (an iteration's start, a callback's end). */
  private lastStamp = 0;
  /** The callback run last and its index in `functions` (a chain runs one callback again and again). */
  private lastFunction: unknown = null;
  private lastFunctionId = 0;
  /** The string index of the type name of each JS primitive type a callback's argument had. */
  private readonly primitiveKinds = new Map<string, number>();
  private callbackStart = 0;
  private iterationStart = 0;
  /** Each finished task's result or exception, shown by repr when the record is written. */
  private readonly details = new Map<TaskRecord, unknown>();

  now(): number {
    return performance.now() - this.origin;
  }

  private intern(text: string): number {
    let id = this.stringIds.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(text);
      this.stringIds.set(text, id);
    }
    return id;
  }

  /** Creation sites by key (see EXACT_SITES). */
  private readonly sites = new Map<string, SiteSample>();

  /** The line of the program that is creating a task for `coro` now. */
  private creationLine(coro: unknown): number {
    const body = runningBodyNow() as { __qualname__?: unknown; _firstLine?: number; _line?: number } | null;
    const made = coro as { __qualname__?: unknown; _firstLine?: number };
    const key =
      body === null
        ? `|${String(made.__qualname__)}:${made._firstLine ?? 0}`
        : `${String(body.__qualname__)}:${body._firstLine ?? 0}:${body._line ?? 0}|${String(made.__qualname__)}:${made._firstLine ?? 0}`;
    let sample = this.sites.get(key);
    if (sample === undefined) {
      if (this.sites.size >= 10_000) return currentLine();
      sample = { count: 0, line: 0, varied: false };
      this.sites.set(key, sample);
    }
    const n = ++sample.count;
    if (!sample.varied && n > EXACT_SITES && (n & (n - 1)) !== 0) return sample.line;
    const line = currentLine();
    if (n > 1 && line !== sample.line) sample.varied = true;
    sample.line = line;
    return line;
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
      createdAt: this.creationLine(coro),
      done: null,
      outcome: null,
      detail: null,
      cancelRequested: null,
    };
    this.tasks.push(record);
    this.resumeLines.push(record.defLine);
    task._timelineId = record.id;
  }

  /** The task's record (made now for a task created before the recording began). */
  private taskRecord(task: RecordedTask): TaskRecord {
    if (task._timelineId === 0 || this.tasks[task._timelineId - 1] === undefined) this.taskCreated(task);
    return this.tasks[task._timelineId - 1]!;
  }

  /** `set_name()` renamed the task. */
  renamed(task: RecordedTask): void {
    if (task._timelineId !== 0) this.taskRecord(task).name = task.get_name();
  }

  stepBegin(task: RecordedTask, thrown: unknown): void {
    const id = task._timelineId !== 0 ? task._timelineId : this.taskRecord(task).id;
    this.stepped = true;
    const i = this.stepCount++;
    this.current = i;
    this.stepTask.set(i, id);
    // The coroutine resumes where its last step suspended it (its `async def` line at first).
    this.stepResumed.set(i, this.resumeLines[id - 1]!);
    this.stepSuspended.set(i, 0);
    this.stepWait.set(i, NONE);
    this.stepThrown.set(i, thrown === null || thrown === undefined ? NONE : this.intern(repr(thrown)));
    // Inside the loop's callback the step began with it: its time is the callback's start.
    this.stepStart.set(i, this.inCallback ? this.callbackStart : this.now());
  }

  stepEnd(task: RecordedTask): void {
    const i = this.current;
    if (i === NONE) return;
    this.current = NONE;
    const end = this.now();
    this.stepEndAt.set(i, end);
    this.lastStamp = end;
    if (!task.done()) {
      const coro = task.get_coro();
      const waiter = task._fut_waiter;
      const line = programCoroutine(coro)?._line ?? 0;
      this.stepSuspended.set(i, line);
      this.resumeLines[this.stepTask.get(i) - 1] = line;
      this.stepWait.set(i, waiter === null ? this.nextIteration : this.describe(waiter, coro));
    }
  }

  /** Names what a suspended task waits on (a string index). */
  private describe(waiter: unknown, coro: unknown): number {
    const label = this.labels.get(waiter as object);
    if (label !== undefined) return label;
    const taskId = (waiter as { _timelineId?: unknown })._timelineId;
    if (typeof taskId === "number" && taskId > 0 && this.tasks[taskId - 1] !== undefined) return this.intern(this.tasks[taskId - 1]!.name);
    const inner = innermostCoroutine(coro);
    if (inner !== null && inner._firstLine === 0) return this.intern(`${inner.__qualname__}()`);
    const type = (waiter as { constructor?: { pythonName?: string; name?: string } }).constructor;
    return this.intern(type?.pythonName ?? type?.name ?? "a future");
  }

  /** Names a future the runtime made for one purpose (`sleep(1)`). */
  label(future: object, what: string): void {
    this.labels.set(future, this.intern(what));
  }

  private readonly sleepLabels = new Map<unknown, number>();

  /** Names the future of an `asyncio.sleep(delay)`, the text made once per distinct delay. */
  labelSleep(future: object, delay: unknown): void {
    let text = this.sleepLabels.get(delay);
    if (text === undefined) {
      text = this.intern(`sleep(${repr(delay)})`);
      if (this.sleepLabels.size < 1000 && (typeof delay === "number" || typeof delay === "bigint" || typeof delay === "boolean")) this.sleepLabels.set(delay, text);
    }
    this.labels.set(future, text);
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
    const task = this.current === NONE ? 0 : this.stepTask.get(this.current);
    this.blocking.push({ task, start, end: this.now(), what, line: currentLine() });
  }

  /**
   * A callback begins. One clock reading per callback: it begins when the one before it
   * ended (the loop does nothing between them but take the next from its queue), or when
   * the iteration began.
   */
  callbackBegin(): void {
    this.stepped = false;
    this.inCallback = true;
    this.callbackStart = this.lastStamp;
  }

  callbackEnd(callback: unknown, args: readonly unknown[], timer: boolean): void {
    this.inCallback = false;
    // A task's step is drawn on the task's lane, not as a callback (its end was read then).
    if (this.stepped) return;
    const end = this.now();
    this.lastStamp = end;
    const i = this.callbackCount++;
    this.callbackStartAt.set(i, this.callbackStart);
    this.callbackEndAt.set(i, end);
    this.callbackTimer.set(i, timer ? 1 : 0);
    // No string and nothing kept alive per callback: the function by index, the first
    // argument by kind (a task by name), named when the record is written.
    let fn = callback === this.lastFunction ? this.lastFunctionId : this.functionIds.get(callback);
    if (fn === undefined) {
      fn = this.functions.length;
      this.functions.push(callback);
      this.functionIds.set(callback, fn);
    }
    this.lastFunction = callback;
    this.lastFunctionId = fn;
    this.callbackFn.set(i, fn);
    this.callbackArgc.set(i, args.length);
    this.callbackFirst.set(i, args.length === 0 ? NONE : this.kindOf(args[0]));
  }

  /** An argument as a callback's label shows it: a task by name, anything else by its type. */
  private kindOf(arg: unknown): number {
    if (typeof arg !== "object" || arg === null) {
      // A primitive's type name by its JS type, made once (typeName of any bigint is "int", ...).
      const kind = typeof arg;
      let id = this.primitiveKinds.get(kind);
      if (id === undefined) {
        id = this.intern(arg === null || arg === undefined ? "None" : typeName(arg));
        this.primitiveKinds.set(kind, id);
      }
      return id;
    }
    const taskId = (arg as { _timelineId?: unknown })._timelineId;
    if (typeof taskId === "number" && taskId > 0 && this.tasks[taskId - 1] !== undefined) return this.intern(this.tasks[taskId - 1]!.name);
    return this.intern(typeName(arg));
  }

  iterationBegin(): void {
    this.iterationStart = this.now();
    this.lastStamp = this.iterationStart;
  }

  iterationEnd(): void {
    const i = this.iterationCount++;
    this.iterationStartAt.set(i, this.iterationStart);
    this.iterationEndAt.set(i, this.now());
  }

  /** `f()`, `f(Task-3)`, `f(int, ...)`: a callback's name with its first argument's kind. */
  private callbackText(i: number): string {
    const argc = this.callbackArgc.get(i);
    const first = argc === 0 ? "" : this.strings[this.callbackFirst.get(i)]!;
    return `${callbackName(this.functions[this.callbackFn.get(i)])}(${first}${argc > 1 ? ", ..." : ""})`;
  }

  /** The whole record, with the text of every line it names read from `source`. */
  finish(file: string, source: readonly string[]): TimelineRecord {
    const end = this.now();
    const lines: Record<number, string> = {};
    const keep = (line: number): void => {
      if (line > 0 && lines[line] === undefined && source[line - 1] !== undefined) lines[line] = source[line - 1]!.trim();
    };
    for (const [task, value] of this.details) task.detail = shorten(repr(value));
    for (const task of this.tasks) {
      keep(task.defLine);
      keep(task.createdAt);
    }
    const text = (id: number): string | null => (id === NONE ? null : this.strings[id]!);
    // A step still running when the record is written (the program exited inside it) is left out.
    const stepCount = this.current === NONE ? this.stepCount : this.current;
    const steps: StepRecord[] = new Array<StepRecord>(stepCount);
    for (let i = 0; i < stepCount; i++) {
      steps[i] = {
        task: this.stepTask.get(i),
        start: this.stepStart.get(i),
        end: this.stepEndAt.get(i),
        resumedAt: this.stepResumed.get(i),
        suspendedAt: this.stepSuspended.get(i),
        waitFor: text(this.stepWait.get(i)),
        thrown: text(this.stepThrown.get(i)),
      };
      keep(steps[i]!.resumedAt);
      keep(steps[i]!.suspendedAt);
    }
    const callbacks: CallbackRecord[] = new Array<CallbackRecord>(this.callbackCount);
    for (let i = 0; i < this.callbackCount; i++) {
      callbacks[i] = { start: this.callbackStartAt.get(i), end: this.callbackEndAt.get(i), what: this.callbackText(i), timer: this.callbackTimer.get(i) === 1 };
    }
    const iterations: IterationRecord[] = new Array<IterationRecord>(this.iterationCount);
    for (let i = 0; i < this.iterationCount; i++) iterations[i] = { start: this.iterationStartAt.get(i), end: this.iterationEndAt.get(i) };
    for (const block of this.blocking) keep(block.line);
    return { file, lines, origin: this.origin, end, tasks: this.tasks, steps, blocking: this.blocking, callbacks, iterations };
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
