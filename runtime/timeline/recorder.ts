// The event-loop timeline: what ran when. The loop, tasks and blocking calls report here while
// a recording is on (`pyts run --timeline`); when it is off, `recording.recorder` is null and each hook
// is one null check. Times are milliseconds of the loop's clock (performance.now()).

import { Coroutine } from "../core/coroutine.js";
import { repr } from "../values/repr.js";
import { isClass, qualName, typeName } from "../values/typename.js";
import { functionQualname } from "../lang/functions.js";
import { Clock } from "./clock.js";
import { ByteLog, Rows } from "./event-log.js";
import { currentLine } from "./source-lines.js";
import { runningBodyNow } from "../core/suspendable.js";
import { recording, setRecorder } from "../core/recording.js";

/** The recording in progress, or null (the hooks' one check; core/recording.ts holds it). */
export { recording };

import type { TaskRecord, StepRecord, BlockingRecord, CallbackRecord, IterationRecord, TimelineRecord, RecordedTask } from "./records.js";
export type { TaskRecord, StepRecord, BlockingRecord, CallbackRecord, IterationRecord, TimelineRecord, RecordedTask } from "./records.js";

/**
 * How the line that created a task is found without a stack capture per task (a capture
 * costs microseconds, more than the task): tasks are grouped by what made them, a key of the
 * code running (the program coroutine or generator, the line of its last await) and the
 * coroutine the task runs. The first EXACT_SITES tasks of a key have their line read from
 * the stack; when those agree, a loop is making them, and later tasks of the key get that
 * line, the stack read again at checks CHECK_EVERY tasks apart at first, the interval doubling
 * after each check that agrees up to MAX_CHECK_EVERY. A check that finds another line
 * means the code moved on to another call site: the tasks since the last check are shown
 * with no line (0: not known, never a wrong one), and the key is read from the stack for
 * every task from then on.
 */
const EXACT_SITES = 32;
const CHECK_EVERY = 8;
const MAX_CHECK_EVERY = 32;
interface SiteSample {
  count: number;
  /** The count at which the stack is read next, and the interval after that. */
  nextCheck: number;
  interval: number;
  line: number;
  varied: boolean;
  /** The tasks (rows) given `line` since the last check. */
  unchecked: number[];
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

// The records of the event log (event-log.ts). Times are ticks of the clock (clock.ts), each
// written as the difference from the tick written before it, made times when the record is
// written out. Each record is its tag, its start, then for a STEP: the task (difference from
// the step before), end - start, the suspended line, what it waits on + 1; for CALLBACKS (n
// calls of one callback in a row, each one tick long when n > 1): n, end - start, function,
// meta; for an ITERATION: end - start.
const STEP = 1, CALLBACKS = 2, ITERATION = 3;

const NONE = -1;

// A task's fields in `tasks` (a row per task, by task number - 1): times as ticks, its
// coroutine's qualname as a string index, outcome 0 while running, else an index in OUTCOMES.
const T_CREATED = 0, T_CREATED_AT = 1, T_DEF_LINE = 2, T_NUMBER = 3, T_CORO = 4, T_DONE = 5, T_OUTCOME = 6, T_CANCEL = 7;
const OUTCOMES = [null, "result", "cancelled", "exception"] as const;

/**
 * The recording. Events the loop makes by the million (task steps, callbacks, iterations) go
 * into rows of typed-array tables, with what a suspension waited on as an index into a table of
 * distinct strings; callbacks keep their function, named only when the record is written.
 * Times are ticks of a clock read once per many events (clock.ts). Tasks and blocking calls
 * stay objects.
 */
export class Recorder {
  private readonly clock = new Clock();
  readonly origin = this.clock.origin;
  /** The tasks, a row each (T_ fields); names given (`name=`, `set_name`) and results or exceptions by task number - 1. */
  private readonly tasks = new Rows(8);
  private readonly givenNames = new Map<number, string>();
  private readonly values: unknown[] = [];
  /** Task names as string indexes (made when a wait or a callback names the task). */
  private readonly nameIds = new Map<number, number>();
  private readonly blocking: BlockingRecord[] = [];
  /** What futures made by the runtime stand for (`sleep(1)`, an HTTP response), as string indexes. */
  private readonly labels = new WeakMap<object, number>();
  /** Distinct texts (what a step waited on, an exception thrown in) and their indexes. */
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  /** The string index of "the next iteration" (a bare yield: `sleep(0)`). */
  private readonly nextIteration = this.intern("the next iteration");

  /** Task steps, callbacks and loop iterations, in the order they ended. */
  private readonly log = new ByteLog();
  /** The last tick and task number written to the log. */
  private logTick = 0;
  private logTask = 0;
  /** How many steps were written; what was thrown into a step (a string index) by step index: rare. */
  private stepCount = 0;
  private readonly thrown = new Map<number, number>();
  /** The task of the step being run (0: none), the tick it began at and what was thrown in. */
  private currentTask = 0;
  private currentStart = 0;
  private currentThrown = NONE;

  /**
   * A run of calls of one callback not yet written: its first tick, last tick, count, the
   * callback as an index into `functions`, and a meta field: its first argument's kind * 4 +
   * (2 when more arguments) + (1 for a timer), the kind 0 for none, a string index * 2 + 1 (a
   * type name), or a task's number * 2 (shown by its name). count 0: none.
   */
  private runStart = 0;
  private runEnd = 0;
  private runCount = 0;
  private runFn = 0;
  private runMeta = 0;
  private readonly functions: unknown[] = [];
  private readonly functionIds = new Map<unknown, number>();

  /** Did a task step run inside the callback being run? */
  private stepped = false;
  /** Is the loop running a callback? */
  private inCallback = false;
  /** The tick of the last boundary between the loop's callbacks (an iteration's start, a callback's end). */
  private lastBoundary = 0;
  /** The callback run last and its index in `functions` (a chain runs one callback again and again). */
  private lastFunction: unknown = null;
  private lastFunctionId = 0;
  /** The string index of the type name of each JS primitive type a callback's argument had. */
  private readonly primitiveKinds = new Map<string, number>();
  private bigintKind = NONE;
  private callbackStart = 0;
  private iterationStart = 0;

  /** Milliseconds since recording began, read now. */
  now(): number {
    return this.clock.now();
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

  /** Task `id`'s name: given, or CPython's `Task-<number>`. */
  private taskName(id: number): string {
    return this.givenNames.get(id) ?? `Task-${this.tasks.get(id - 1, T_NUMBER)}`;
  }

  private nameId(id: number): number {
    let name = this.nameIds.get(id);
    if (name === undefined) {
      name = this.intern(this.taskName(id));
      this.nameIds.set(id, name);
    }
    return name;
  }

  /** Creation sites by key (see EXACT_SITES). */
  private readonly sites = new Map<string, SiteSample>();
  /** The key of the last creation site and its sample: a loop making tasks meets the same one again. */
  private lastSiteBody: object | null = null;
  private lastSiteLine = -1;
  private lastSiteCoro: unknown = null;
  private lastSiteCoroLine = -1;
  private lastSite: SiteSample | null = null;

  /** The sample of the site creating a task now (null when there are too many sites). */
  private siteSample(coro: unknown): SiteSample | null {
    const body = runningBodyNow() as { __qualname__?: unknown; _firstLine?: number; _line?: number } | null;
    const made = coro as { __qualname__?: unknown; _firstLine?: number };
    const line = body === null ? -1 : body._line ?? 0;
    // The same body object at the same line making the same coroutine (by qualname and line).
    if (this.lastSite !== null && body === this.lastSiteBody && line === this.lastSiteLine && made.__qualname__ === this.lastSiteCoro && made._firstLine === this.lastSiteCoroLine) return this.lastSite;
    const key =
      body === null
        ? `|${String(made.__qualname__)}:${made._firstLine ?? 0}`
        : `${String(body.__qualname__)}:${body._firstLine ?? 0}:${line}|${String(made.__qualname__)}:${made._firstLine ?? 0}`;
    let sample = this.sites.get(key);
    if (sample === undefined) {
      if (this.sites.size >= 10_000) return null;
      sample = { count: 0, nextCheck: EXACT_SITES + CHECK_EVERY, interval: CHECK_EVERY, line: 0, varied: false, unchecked: [] };
      this.sites.set(key, sample);
    }
    this.lastSite = sample;
    this.lastSiteBody = body;
    this.lastSiteLine = line;
    this.lastSiteCoro = made.__qualname__;
    this.lastSiteCoroLine = made._firstLine ?? -1;
    return sample;
  }

  /** Sets the line of the program that is creating the task of `record` now. */
  private setCreationLine(row: number, coro: unknown): void {
    const tasks = this.tasks;
    const sample = this.siteSample(coro);
    if (sample === null) {
      tasks.set(row, T_CREATED_AT, currentLine());
      return;
    }
    const n = ++sample.count;
    if (!sample.varied && n > EXACT_SITES && n < sample.nextCheck) {
      tasks.set(row, T_CREATED_AT, sample.line);
      sample.unchecked.push(row);
      return;
    }
    const line = currentLine();
    if (n > 1 && line !== sample.line) {
      sample.varied = true;
      for (const task of sample.unchecked) tasks.set(task, T_CREATED_AT, 0);
    }
    else if (n >= sample.nextCheck) {
      sample.nextCheck = n + sample.interval;
      sample.interval = Math.min(sample.interval * 2, MAX_CHECK_EVERY);
    }
    sample.unchecked.length = 0;
    sample.line = line;
    tasks.set(row, T_CREATED_AT, line);
  }

  taskCreated(task: RecordedTask): void {
    const coro = task.get_coro();
    const own = programCoroutine(coro);
    const tasks = this.tasks;
    const row = tasks.add();
    tasks.set(row, T_CREATED, this.clock.mark());
    // CPython's default name (`Task-<number>`) is made when the record is written.
    if (typeof task._number === "number" && task._givenName !== undefined) {
      tasks.set(row, T_NUMBER, task._number);
      if (task._givenName !== null) this.givenNames.set(row + 1, task._givenName);
    } else {
      this.givenNames.set(row + 1, task.get_name());
    }
    const coroName = (coro as { __qualname__?: unknown }).__qualname__;
    tasks.set(row, T_CORO, coroName === this.lastCoroName ? this.lastCoroId : this.coroId(coroName));
    tasks.set(row, T_DEF_LINE, own?._firstLine ?? 0);
    tasks.set(row, T_DONE, NONE);
    tasks.set(row, T_CANCEL, NONE);
    this.setCreationLine(row, coro);
    this.values.push(null);
    task._timelineId = row + 1;
  }

  /** The coroutine qualname of the task created last and its string index. */
  private lastCoroName: unknown = null;
  private lastCoroId = 0;

  private coroId(name: unknown): number {
    this.lastCoroName = name;
    this.lastCoroId = this.intern(typeof name === "string" ? name : "coroutine");
    return this.lastCoroId;
  }

  /** The task's number in the record (a row made now for a task created before the recording began). */
  private taskId(task: RecordedTask): number {
    if (task._timelineId === 0 || task._timelineId > this.tasks.count) this.taskCreated(task);
    return task._timelineId;
  }

  /** `set_name()` renamed the task. */
  renamed(task: RecordedTask): void {
    if (task._timelineId === 0) return;
    const id = this.taskId(task);
    this.givenNames.set(id, task.get_name());
    this.nameIds.delete(id);
  }

  stepBegin(task: RecordedTask, thrown: unknown): void {
    this.currentTask = task._timelineId !== 0 ? task._timelineId : this.taskId(task);
    this.stepped = true;
    // Inside the loop's callback the step began with it.
    this.currentStart = this.inCallback ? this.callbackStart : this.clock.mark();
    this.currentThrown = thrown === null || thrown === undefined ? NONE : this.intern(repr(thrown));
  }

  stepEnd(task: RecordedTask): void {
    const id = this.currentTask;
    if (id === 0) return;
    this.currentTask = 0;
    const end = this.clock.mark();
    this.lastBoundary = end;
    let suspended = 0;
    let wait = NONE;
    if (!task.done()) {
      const coro = task.get_coro();
      const waiter = task._fut_waiter;
      suspended = programCoroutine(coro)?._line ?? 0;
      wait = waiter === null ? this.nextIteration : this.describe(waiter, coro);
    }
    if (this.runCount !== 0) this.flushRun();
    if (this.currentThrown !== NONE) this.thrown.set(this.stepCount, this.currentThrown);
    this.stepCount++;
    const log = this.log;
    log.begin(STEP);
    log.z(this.currentStart - this.logTick);
    log.z(id - this.logTask);
    log.u(end - this.currentStart);
    log.u(suspended);
    log.u(wait + 1);
    this.logTask = id;
    this.logTick = end;
  }

  /** Writes the run of callbacks not yet written. */
  private flushRun(): void {
    const log = this.log;
    log.begin(CALLBACKS);
    log.z(this.runStart - this.logTick);
    log.u(this.runCount);
    log.u(this.runEnd - this.runStart);
    log.u(this.runFn);
    log.u(this.runMeta);
    this.logTick = this.runEnd;
    this.runCount = 0;
  }

  /** Names what a suspended task waits on (a string index). */
  private describe(waiter: unknown, coro: unknown): number {
    const label = this.labels.get(waiter as object);
    if (label !== undefined) return label;
    const taskId = (waiter as { _timelineId?: unknown })._timelineId;
    if (typeof taskId === "number" && taskId > 0 && taskId <= this.tasks.count) return this.nameId(taskId);
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
    const row = this.taskId(task) - 1;
    const tasks = this.tasks;
    tasks.set(row, T_DONE, this.clock.mark());
    if (task.cancelled()) {
      tasks.set(row, T_OUTCOME, 2);
    } else {
      const exc = task.exception();
      tasks.set(row, T_OUTCOME, exc === null ? 1 : 3);
      // Shown when the record is written: a repr now would count as the step's time.
      this.values[row] = exc === null ? task.result() : exc;
    }
  }

  cancelRequested(task: RecordedTask): void {
    const row = this.taskId(task) - 1;
    if (this.tasks.get(row, T_CANCEL) === NONE) this.tasks.set(row, T_CANCEL, this.clock.mark());
  }

  /** A blocking call begins: the clock is read (a tick, for `blocked`). */
  blockingBegin(): number {
    return this.clock.markRead();
  }

  /** A blocking call that began at tick `start` (from `blockingBegin()`) has returned. */
  blocked(start: number, what: string): void {
    const task = this.currentTask;
    this.blocking.push({ task, start, end: this.clock.markRead(), what, line: currentLine() });
  }

  /** A callback begins: when the one before it ended (the loop does nothing between them but take the next from its queue), or when the iteration began. */
  callbackBegin(): void {
    this.stepped = false;
    this.inCallback = true;
    this.callbackStart = this.lastBoundary;
  }

  callbackEnd(callback: unknown, args: readonly unknown[], timer: boolean): void {
    this.inCallback = false;
    // A task's step is drawn on the task's lane, not as a callback (its end was marked then).
    if (this.stepped) return;
    const end = this.clock.mark();
    this.lastBoundary = end;
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
    const meta = (args.length === 0 ? 0 : this.kindOf(args[0]) * 4) + (args.length > 1 ? 2 : 0) + (timer ? 1 : 0);
    const start = this.callbackStart;
    // The same callback again right after the last, one tick long as the run's calls are: one more in the run.
    if (this.runCount !== 0 && fn === this.runFn && meta === this.runMeta && start === this.runEnd && end === start + 1 && this.runEnd - this.runStart === this.runCount) {
      this.runCount++;
      this.runEnd = end;
      return;
    }
    if (this.runCount !== 0) this.flushRun();
    this.runStart = start;
    this.runEnd = end;
    this.runCount = 1;
    this.runFn = fn;
    this.runMeta = meta;
  }

  /** An argument as a callback's label shows it (see `runMeta`): a task by name, anything else by its type. */
  private kindOf(arg: unknown): number {
    if (typeof arg === "bigint" && this.bigintKind !== NONE) return this.bigintKind;
    const taskId = (arg as { _timelineId?: unknown } | null | undefined)?._timelineId;
    if (typeof taskId === "number" && taskId > 0 && taskId <= this.tasks.count) return taskId * 2;
    if (typeof arg !== "object" || arg === null) {
      // A primitive's type name by its JS type, made once (typeName of any bigint is "int", ...).
      const kind = typeof arg;
      let id = this.primitiveKinds.get(kind);
      if (id === undefined) {
        id = this.intern(arg === null || arg === undefined ? "None" : typeName(arg)) * 2 + 1;
        this.primitiveKinds.set(kind, id);
        if (kind === "bigint") this.bigintKind = id;
      }
      return id;
    }
    return this.intern(typeName(arg)) * 2 + 1;
  }

  /** A loop iteration begins; `clockMs` is the loop's own reading of performance.now() (its `time()`, in ms). */
  iterationBegin(clockMs: number): void {
    this.iterationStart = this.clock.markAt(clockMs);
    this.lastBoundary = this.iterationStart;
  }

  iterationEnd(): void {
    // Read: the loop may wait for a timer or I/O next, and that wait must not be shared among the iteration's events.
    const end = this.clock.markRead();
    if (this.runCount !== 0) this.flushRun();
    const log = this.log;
    log.begin(ITERATION);
    log.z(this.iterationStart - this.logTick);
    log.u(end - this.iterationStart);
    this.logTick = end;
    this.lastBoundary = end;
  }

  /** `f()`, `f(Task-3)`, `f(int, ...)`: a callback's name with its first argument's kind. */
  private callbackText(fn: number, meta: number, names: Map<number, string>): string {
    const key = fn * 2 ** 32 + meta;
    let text = names.get(key);
    if (text === undefined) {
      const kind = Math.floor(meta / 4);
      const first = kind === 0 ? "" : kind % 2 === 1 ? this.strings[(kind - 1) / 2]! : this.taskName(kind / 2);
      text = `${callbackName(this.functions[fn])}(${first}${meta & 2 ? ", ..." : ""})`;
      names.set(key, text);
    }
    return text;
  }

  /** The whole record, with the text of every line it names read from `source`. */
  finish(file: string, source: readonly string[]): TimelineRecord {
    const time = this.clock.finish();
    const end = time.at(this.clock.tick);
    const lines: Record<number, string> = {};
    const keep = (line: number): void => {
      if (line > 0 && lines[line] === undefined && source[line - 1] !== undefined) lines[line] = source[line - 1]!.trim();
    };
    const rows = this.tasks;
    const tasks: TaskRecord[] = new Array<TaskRecord>(rows.count);
    const resumeLines: number[] = new Array<number>(rows.count);
    for (let i = 0; i < rows.count; i++) {
      const done = rows.get(i, T_DONE);
      const cancel = rows.get(i, T_CANCEL);
      const outcome = OUTCOMES[rows.get(i, T_OUTCOME)] ?? null;
      const defLine = rows.get(i, T_DEF_LINE);
      const createdAt = rows.get(i, T_CREATED_AT);
      tasks[i] = {
        id: i + 1,
        name: this.taskName(i + 1),
        coro: this.strings[rows.get(i, T_CORO)]!,
        defLine,
        created: time.at(rows.get(i, T_CREATED)),
        createdAt,
        done: done === NONE ? null : time.at(done),
        outcome,
        detail: outcome === null || outcome === "cancelled" ? null : shorten(repr(this.values[i])),
        cancelRequested: cancel === NONE ? null : time.at(cancel),
      };
      // The coroutine resumes where its last step suspended it (its `async def` line at first).
      resumeLines[i] = defLine;
      keep(defLine);
      keep(createdAt);
    }
    const text = (id: number): string | null => (id === NONE ? null : this.strings[id]!);
    if (this.runCount !== 0) this.flushRun();
    const steps: StepRecord[] = new Array<StepRecord>(this.stepCount);
    const callbacks: CallbackRecord[] = [];
    const iterations: IterationRecord[] = [];
    const names = new Map<number, string>();
    const reader = this.log.reader();
    let tick = 0;
    let taskId = 0;
    let stepIndex = 0;
    for (let tag = reader.next(); tag !== -1; tag = reader.next()) {
      const start = tick + reader.z();
      if (tag === STEP) {
        taskId += reader.z();
        tick = start;
        tick += reader.u();
        const suspendedAt = reader.u();
        const wait = reader.u() - 1;
        const resumedAt = resumeLines[taskId - 1] ?? 0;
        if (wait !== NONE) resumeLines[taskId - 1] = suspendedAt;
        steps[stepIndex] = { task: taskId, start: time.at(start), end: time.at(tick), resumedAt, suspendedAt, waitFor: text(wait), thrown: text(this.thrown.get(stepIndex) ?? NONE) };
        stepIndex++;
        keep(resumedAt);
        keep(suspendedAt);
      } else if (tag === CALLBACKS) {
        const count = reader.u();
        tick = start + reader.u();
        const fn = reader.u();
        const meta = reader.u();
        const what = this.callbackText(fn, meta, names);
        const timer = (meta & 1) === 1;
        if (count === 1) callbacks.push({ start: time.at(start), end: time.at(tick), what, timer });
        else for (let k = 0; k < count; k++) callbacks.push({ start: time.at(start + k), end: time.at(start + k + 1), what, timer });
      } else {
        tick = start + reader.u();
        iterations.push({ start: time.at(start), end: time.at(tick) });
      }
    }
    const blocking = this.blocking.map((b) => ({ ...b, start: time.at(b.start), end: time.at(b.end) }));
    for (const block of blocking) keep(block.line);
    return { file, lines, origin: this.origin, end, tasks, steps, blocking, callbacks, iterations };
  }
}

export function startRecording(): Recorder {
  const started = new Recorder();
  setRecorder(started);
  return started;
}

export function stopRecording(): Recorder | null {
  const stopped = recording.recorder;
  setRecorder(null);
  return stopped;
}
