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
 * line, the stack read again at every CHECK_EVERY-th task. A check that finds another line
 * means the code moved on to another call site: the tasks since the last check are shown
 * with no line (0: not known, never a wrong one), and the key is read from the stack for
 * every task from then on.
 */
const EXACT_SITES = 32;
const CHECK_EVERY = 8;
interface SiteSample {
  count: number;
  line: number;
  varied: boolean;
  /** The tasks given `line` since the last check. */
  unchecked: TaskRecord[];
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

const ROWS = 4096;

/**
 * Rows of numbers, a row per event (no object per event), side by side in typed arrays of
 * ROWS rows: one event's fields share a cache line, and appending never copies what is
 * recorded nor makes and drops a large buffer as it grows.
 */
class Table {
  private readonly chunks: Float64Array[] = [];
  /** The chunk rows are added to. */
  chunk: Float64Array;
  private next = 0;
  count = 0;

  constructor(readonly stride: number) {
    this.chunk = new Float64Array(stride * ROWS);
    this.chunks.push(this.chunk);
  }

  /** Adds a row: the offset of its first field in `chunk`. */
  add(): number {
    if (this.next === this.chunk.length) {
      this.chunk = new Float64Array(this.stride * ROWS);
      this.chunks.push(this.chunk);
      this.next = 0;
    }
    this.count++;
    const at = this.next;
    this.next += this.stride;
    return at;
  }

  get(row: number, field: number): number {
    return this.chunks[Math.floor(row / ROWS)]![(row % ROWS) * this.stride + field]!;
  }
}

// The fields of a step's row, a callback's and an iteration's.
const S_TASK = 0, S_START = 1, S_END = 2, S_RESUMED = 3, S_SUSPENDED = 4, S_WAIT = 5, S_THROWN = 6;
const C_START = 0, C_END = 1, C_FN = 2, C_META = 3;
const I_START = 0, I_END = 1;

const NONE = -1;

/**
 * The recording. Events the loop makes by the million (task steps, callbacks, iterations) go
 * into rows of typed-array tables, with what a suspension waited on as an index into a table of
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

  /** Task steps: task number, start, end, resumed and suspended lines, what it waits on and what was thrown in (string indexes or NONE). */
  private readonly steps = new Table(7);
  /** The index of the step being run, or NONE; its row's chunk and offset. */
  private current = NONE;
  private currentChunk: Float64Array | null = null;
  private currentAt = 0;

  /**
   * Callbacks: start, end, the callback as an index into `functions`, and a meta field: its
   * first argument's kind (a string index, + 1: 0 for none) * 4 + (2 when more arguments) + (1 for a timer).
   */
  private readonly callbacks = new Table(4);
  private readonly functions: unknown[] = [];
  private readonly functionIds = new Map<unknown, number>();

  /** Loop iterations: start, end. */
  private readonly iterations = new Table(2);

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

  /** Sets the line of the program that is creating the task of `record` now. */
  private setCreationLine(record: TaskRecord, coro: unknown): void {
    const body = runningBodyNow() as { __qualname__?: unknown; _firstLine?: number; _line?: number } | null;
    const made = coro as { __qualname__?: unknown; _firstLine?: number };
    const key =
      body === null
        ? `|${String(made.__qualname__)}:${made._firstLine ?? 0}`
        : `${String(body.__qualname__)}:${body._firstLine ?? 0}:${body._line ?? 0}|${String(made.__qualname__)}:${made._firstLine ?? 0}`;
    let sample = this.sites.get(key);
    if (sample === undefined) {
      if (this.sites.size >= 10_000) {
        record.createdAt = currentLine();
        return;
      }
      sample = { count: 0, line: 0, varied: false, unchecked: [] };
      this.sites.set(key, sample);
    }
    const n = ++sample.count;
    if (!sample.varied && n > EXACT_SITES && n % CHECK_EVERY !== 0) {
      record.createdAt = sample.line;
      sample.unchecked.push(record);
      return;
    }
    const line = currentLine();
    if (n > 1 && line !== sample.line) {
      sample.varied = true;
      for (const task of sample.unchecked) task.createdAt = 0;
    }
    sample.unchecked.length = 0;
    sample.line = line;
    record.createdAt = line;
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
      createdAt: 0,
      done: null,
      outcome: null,
      detail: null,
      cancelRequested: null,
    };
    this.setCreationLine(record, coro);
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
    const table = this.steps;
    const at = table.add();
    const row = table.chunk;
    this.current = table.count - 1;
    this.currentChunk = row;
    this.currentAt = at;
    row[at + S_TASK] = id;
    // Inside the loop's callback the step began with it: its time is the callback's start.
    row[at + S_START] = this.inCallback ? this.callbackStart : this.now();
    // The coroutine resumes where its last step suspended it (its `async def` line at first).
    row[at + S_RESUMED] = this.resumeLines[id - 1]!;
    row[at + S_SUSPENDED] = 0;
    row[at + S_WAIT] = NONE;
    row[at + S_THROWN] = thrown === null || thrown === undefined ? NONE : this.intern(repr(thrown));
  }

  stepEnd(task: RecordedTask): void {
    const row = this.currentChunk;
    if (this.current === NONE || row === null) return;
    const at = this.currentAt;
    this.current = NONE;
    const end = this.now();
    row[at + S_END] = end;
    this.lastStamp = end;
    if (!task.done()) {
      const coro = task.get_coro();
      const waiter = task._fut_waiter;
      const line = programCoroutine(coro)?._line ?? 0;
      row[at + S_SUSPENDED] = line;
      this.resumeLines[row[at + S_TASK]! - 1] = line;
      row[at + S_WAIT] = waiter === null ? this.nextIteration : this.describe(waiter, coro);
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
    const task = this.current === NONE ? 0 : this.currentChunk![this.currentAt + S_TASK]!;
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
    const table = this.callbacks;
    const at = table.add();
    const row = table.chunk;
    row[at + C_START] = this.callbackStart;
    row[at + C_END] = end;
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
    row[at + C_FN] = fn;
    row[at + C_META] = (args.length === 0 ? 0 : (this.kindOf(args[0]) + 1) * 4) + (args.length > 1 ? 2 : 0) + (timer ? 1 : 0);
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
    const table = this.iterations;
    const at = table.add();
    table.chunk[at + I_START] = this.iterationStart;
    table.chunk[at + I_END] = this.now();
  }

  /** `f()`, `f(Task-3)`, `f(int, ...)`: a callback's name with its first argument's kind. */
  private callbackText(i: number): string {
    const meta = this.callbacks.get(i, C_META);
    const kind = Math.floor(meta / 4);
    const first = kind === 0 ? "" : this.strings[kind - 1]!;
    return `${callbackName(this.functions[this.callbacks.get(i, C_FN)])}(${first}${meta & 2 ? ", ..." : ""})`;
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
    const stepCount = this.current === NONE ? this.steps.count : this.current;
    const steps: StepRecord[] = new Array<StepRecord>(stepCount);
    for (let i = 0; i < stepCount; i++) {
      steps[i] = {
        task: this.steps.get(i, S_TASK),
        start: this.steps.get(i, S_START),
        end: this.steps.get(i, S_END),
        resumedAt: this.steps.get(i, S_RESUMED),
        suspendedAt: this.steps.get(i, S_SUSPENDED),
        waitFor: text(this.steps.get(i, S_WAIT)),
        thrown: text(this.steps.get(i, S_THROWN)),
      };
      keep(steps[i]!.resumedAt);
      keep(steps[i]!.suspendedAt);
    }
    const callbacks: CallbackRecord[] = new Array<CallbackRecord>(this.callbacks.count);
    for (let i = 0; i < this.callbacks.count; i++) {
      callbacks[i] = { start: this.callbacks.get(i, C_START), end: this.callbacks.get(i, C_END), what: this.callbackText(i), timer: (this.callbacks.get(i, C_META) & 1) === 1 };
    }
    const iterations: IterationRecord[] = new Array<IterationRecord>(this.iterations.count);
    for (let i = 0; i < this.iterations.count; i++) iterations[i] = { start: this.iterations.get(i, I_START), end: this.iterations.get(i, I_END) };
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
