// The timeline's record of a run as the recorder hands it to the writers (html.ts,
// chrome-trace.ts), and what the recorder needs of a task.

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
  /** CPython's task counter value and the name given (null: `Task-<number>`), when the task has them. */
  readonly _number?: number;
  readonly _givenName?: string | null;
}
