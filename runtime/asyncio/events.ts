// The event loop: CPython's BaseEventLoop algorithm (ready deque, heapq of timers, _run_once),
// with Node as the selector: a step is scheduled with setImmediate when handles are ready,
// with setTimeout until the earliest timer otherwise, and waits idle when nothing is scheduled
// until call_soon_threadsafe (or any scheduling from outside a step) wakes it.

import { noteOuterStack, noteOuterStackFrom } from "../values/traceback.js";
import { setImmediateTask } from "../core/host.js";
import { outsideThreads, waitForPromise } from "../threads/scheduler.js";
import { runInExecutor, setDefaultExecutor, shutdownDefaultExecutor } from "./executors.js";
import type { AsyncGenerator_ } from "../core/async-generator.js";
import { closeAsyncgens } from "./loop-asyncgens.js";
import { Coroutine } from "../core/coroutine.js";
import { flushFresh, setCoroutineOriginTracking } from "../core/never-awaited.js";
import { reportUnretrievedOf } from "./never-retrieved.js";
import { KeyboardInterrupt, RuntimeError, SystemExit } from "../values/exceptions.js";
import { isKwargs } from "../values/kwargs.js";
import { addressOf } from "../values/repr.js";
import { bindArgs, toSeconds } from "./args.js";
import { Deque } from "./deque.js";
import { logExceptionContext, type Callback, type ExceptionContext } from "./format.js";
import { contextRecord, reportToHandler } from "./exception-handlers.js";
import { Handle, TimerHandle, runCallback, timerLess, type HandleLoop, type TimerBatch } from "./handles.js";
import { effortSeconds } from "../core/effort-clock.js";
import { heapify, heappop, heappush } from "./heap.js";
import { _get_running_loop, _set_running_loop } from "./loop-state.js";
import { Future, isFuture } from "./futures.js";
import { Task, ensureFutureOn } from "./tasks.js";
import { runReadyObserved } from "./observed.js";
import { atSite, debugFromEnvironment, noteCreation } from "./debug.js";
import { recording } from "../timeline/recorder.js";
import { loopRunning } from "./io-handles.js";
import { sleepThread } from "../core/sleep-thread.js";
import { BaseSelectorEventLoop } from "./loop-bases.js";

export { AbstractEventLoop, BaseEventLoop, BaseSelectorEventLoop } from "./loop-bases.js";

/** CPython's constants for purging cancelled timers from the heap. */
const MIN_SCHEDULED_TIMER_HANDLES = 100;
const MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5;
/** The longest select() timeout CPython uses (one day). */
const MAXIMUM_SELECT_TIMEOUT = 24 * 3600;
/** How long the loop runs ready iterations before letting Node poll I/O (milliseconds). */
const TIME_SLICE_MS = 2;
/**
 * How much longer than CPython one iteration may take in pyts before timers it scheduled stop
 * counting as scheduled together (seconds): first runs of runtime code cost milliseconds; a
 * callback that blocks or computes for longer (time.sleep) is CPython's case too. Time the
 * machine kept the process descheduled does not count (see _dueTogether).
 */
const SAME_ITERATION_SPREAD = 0.05;

/** Drops a trailing `kw({context: ...})` from callback arguments (contexts are not modelled). */
function callbackArgs(args: unknown[]): unknown[] {
  return args.length > 0 && isKwargs(args[args.length - 1]) ? args.slice(0, -1) : args;
}

export type ExceptionHandler = (loop: EventLoop, context: unknown) => unknown;

// (the running loop's class is CPython's on Linux, `_UnixSelectorEventLoop`, with its bases)
export class EventLoop extends BaseSelectorEventLoop implements HandleLoop {
  static readonly __module__: string = "asyncio.unix_events";
  static readonly pythonName = "_UnixSelectorEventLoop";

  /**
   * The ready queue. Besides handles it holds the runtime's own one-argument callbacks (a
   * task's step, a future's done callbacks) as two entries, the function then its argument:
   * no Handle is made for them, since nothing can reach (or cancel) those handles.
   */
  readonly _ready = new Deque<Handle | Callback | unknown>();
  _scheduled: TimerHandle[] = [];
  _timer_cancelled_count = 0;
  _stopping = false;
  _closed = false;
  _debug = debugFromEnvironment();
  /** Debug mode logs callbacks that run at least this long (seconds). */
  slow_callback_duration = 0.1;
  _clock_resolution = 1e-9;
  /** Counts _run_once iterations, so a timer knows which one scheduled it. */
  private _iteration = 0;
  /** The timers the latest iteration to schedule any scheduled (see _dueTogether). */
  private _batch: TimerBatch | null = null;
  _exception_handler: ExceptionHandler | null = null;
  _task_factory: ((loop: EventLoop, coro: unknown) => Future) | null = null;
  /** The task being stepped now (asyncio.current_task). */
  _current_task: Future | null = null;

  // The Node-side driver of run_forever.
  private _running = false;
  private _inStep = false;
  private _immediate: unknown = null;
  private _timeout: ReturnType<typeof setTimeout> | null = null;
  private _settle: ((error?: unknown) => void) | null = null;
  /**
   * When a timed wait began with timeout T, the earliest time CPython's select could return
   * without I/O: epoll rounds T up to whole milliseconds and sleeps at least that long. Node's
   * timer may fire a little early; the step then still counts as that late (0: no such wait).
   */
  private _waitDeadline = 0;
  /** Queues the callbacks of ready descriptors at an iteration's start (fd-watchers.ts), if any are watched. */
  _ioPoll: ((loop: EventLoop) => void) | null = null;

  time(): number {
    return performance.now() / 1000;
  }

  // ---- scheduling ----

  call_soon(callback: Callback, ...args: unknown[]): Handle {
    this._check_closed();
    const handle = new Handle(callback, callbackArgs(args), this);
    if (this._debug) noteCreation(handle);
    this._ready.push(handle);
    if (this._running && !this._inStep) this._wake();
    return handle;
  }

  /** `call_soon(callback, arg)` for the runtime's own callbacks: nothing to return, no Handle. */
  _callSoonInternal(callback: Callback, arg: unknown): void {
    this._check_closed();
    const ready = this._ready;
    ready.push(callback);
    ready.push(arg);
    if (this._running && !this._inStep) this._wake();
  }

  /** Like call_soon, and always wakes a waiting loop (for callbacks from Node's side). */
  call_soon_threadsafe(callback: Callback, ...args: unknown[]): Handle {
    // call_soon already wakes a loop that is waiting between steps.
    return this.call_soon(callback, ...args);
  }

  call_later(delay: unknown, callback: Callback, ...args: unknown[]): TimerHandle {
    if (delay === null || delay === undefined) throw new RuntimeError("delay cannot be None");
    const now = this.time();
    return this._scheduleTimer(now + toSeconds(delay), now, callback, args);
  }

  call_at(when: unknown, callback: Callback, ...args: unknown[]): TimerHandle {
    if (when === null || when === undefined) throw new RuntimeError("when cannot be None");
    return this._scheduleTimer(toSeconds(when, "when"), this.time(), callback, args);
  }

  /** A timer due at `when`, scheduled at `now`: the clock reading `when` was computed from. */
  private _scheduleTimer(when: number, now: number, callback: Callback, args: unknown[]): TimerHandle {
    this._check_closed();
    const timer = new TimerHandle(when, callback, callbackArgs(args), this, this._timerBatch(), now);
    if (this._debug) noteCreation(timer);
    heappush(this._scheduled, timer, timerLess);
    timer._scheduled = true;
    if (this._running && !this._inStep) this._wake();
    return timer;
  }

  /** The batch of the running iteration, begun by its first timer (see _dueTogether). */
  private _timerBatch(): TimerBatch {
    let batch = this._batch;
    if (batch === null || batch.iteration !== this._iteration) {
      batch = { iteration: this._iteration, wallAtFirst: performance.now(), effortAtFirst: effortSeconds(), effortSpent: Infinity };
      this._batch = batch;
    } else {
      batch.effortSpent = Infinity; // scheduled to again after its iteration ended: measured anew
    }
    return batch;
  }

  /** Measures what the program did between the batch's first timer and now, its iteration's end. */
  private _endTimerBatch(batch: TimerBatch): void {
    const wall = (performance.now() - batch.wallAtFirst) / 1000;
    // Effort never exceeds the wall time by much: read the costlier clock only when it matters.
    batch.effortSpent = wall <= SAME_ITERATION_SPREAD ? wall : effortSeconds() - batch.effortAtFirst;
  }

  _timer_handle_cancelled(handle: TimerHandle): void {
    if (handle._scheduled) this._timer_cancelled_count++;
  }

  create_future(): Future {
    if (this._debug) return atSite("base_events.py:427", () => new Future(this));
    return new Future(this);
  }

  create_task<R>(coro: Coroutine<R>, ...args: unknown[]): Task<R>;
  create_task(coro: unknown, ...args: unknown[]): Task;
  create_task(coro: unknown, ...args: unknown[]): Future {
    const name = args.length === 0 ? undefined : bindArgs("create_task", args, ["name", "context"], 0)[0];
    this._check_closed();
    if (this._task_factory !== null) {
      const task = this._task_factory(this, coro);
      if (name !== undefined && name !== null && task instanceof Task) task.set_name(name);
      return task;
    }
    return new Task(coro, this, name ?? null);
  }

  set_task_factory(factory: ((loop: EventLoop, coro: unknown) => Future) | null): void {
    this._task_factory = factory;
  }

  get_task_factory(): ((loop: EventLoop, coro: unknown) => Future) | null {
    return this._task_factory;
  }

  // ---- running ----

  is_running(): boolean {
    return this._running;
  }

  is_closed(): boolean {
    return this._closed;
  }

  _check_closed(): void {
    if (this._closed) throw new RuntimeError("Event loop is closed");
  }

  _check_running(): void {
    if (this._running) throw new RuntimeError("This event loop is already running");
    if (_get_running_loop() !== null) {
      throw new RuntimeError("Cannot run the event loop while another loop is running");
    }
  }

  /** Runs until stop() is called; the promise settles when the loop has stopped. */
  run_forever(): Promise<null> {
    this._check_closed();
    this._check_running();
    this._running = true;
    _set_running_loop(this);
    loopRunning(this, true);
    // Debug mode: coroutines made while this loop runs remember their origin.
    if (this._debug) setCoroutineOriginTracking(new Error());
    // The loop's thread waits in select: other threads run meanwhile (scheduler.ts).
    return waitForPromise(new Promise<null>((resolve, reject) => {
      this._settle = (error?: unknown) => {
        this._settle = null;
        this._stopping = false;
        this._running = false;
        _set_running_loop(null);
        loopRunning(this, false);
        if (this._debug) setCoroutineOriginTracking(null);
        if (error === undefined) resolve(null);
        else reject(error);
      };
      this._waitFor(this._prepareStep());
    }));
  }

  /**
   * run_forever without Node's loop, for code that cannot wait for a promise (a generator's
   * `next()`): timers are waited for by blocking the thread; a loop left waiting for Node's
   * I/O raises. Returns when stop() is called.
   */
  _runForeverNow(): null {
    this._check_closed();
    this._check_running();
    this._running = true;
    _set_running_loop(this);
    loopRunning(this, true);
    if (this._debug) setCoroutineOriginTracking(new Error());
    this._inStep = true;
    try {
      for (;;) {
        const timeout = this._prepareStep();
        if (timeout === null) throw new RuntimeError("the event loop waits for I/O, which pyts cannot do inside a generator's next() (run the loop outside the generator)");
        if (timeout > 0) {
          const ms = Math.ceil(timeout * 1000);
          this._waitDeadline = this.time() + ms / 1000;
          sleepThread(ms);
        }
        this._processStep();
        if (this._stopping) return null;
      }
    } finally {
      this._inStep = false;
      this._stopping = false;
      this._running = false;
      _set_running_loop(null);
      loopRunning(this, false);
      if (this._debug) setCoroutineOriginTracking(null);
    }
  }

  /** run_until_complete without Node's loop (see _runForeverNow). */
  _runUntilCompleteNow(future: unknown): unknown {
    this._check_closed();
    this._check_running();
    const newTask = !isFuture(future);
    const fut = ensureFutureOn(future, this);
    if (newTask && fut instanceof Task) fut._log_destroy_pending = false;
    fut.add_done_callback(runUntilCompleteCallback);
    try {
      this._runForeverNow();
    } catch (error) {
      if (newTask && fut.done() && !fut.cancelled()) fut.exception();
      throw error;
    } finally {
      fut.remove_done_callback(runUntilCompleteCallback);
    }
    if (!fut.done()) throw new RuntimeError("Event loop stopped before Future completed.");
    try {
      return fut.result();
    } catch (e) {
      // Raised in the caller's frame (`loop.run_until_complete(main())`): traceback.ts.
      noteOuterStack(e);
      throw e;
    }
  }

  /**
   * Runs until `future` is done and gives its result (a coroutine is wrapped in a Task), as
   * CPython does: a done callback stops the loop, then the result or exception comes out.
   */
  run_until_complete<R>(future: Coroutine<R> | Future<R>): Promise<R>;
  run_until_complete(future: unknown): Promise<unknown>;
  run_until_complete(future: unknown): Promise<unknown> {
    this._check_closed();
    this._check_running();
    const newTask = !isFuture(future);
    const fut = ensureFutureOn(future, this);
    if (newTask && fut instanceof Task) fut._log_destroy_pending = false;
    fut.add_done_callback(runUntilCompleteCallback);
    const finish = (): unknown => {
      fut.remove_done_callback(runUntilCompleteCallback);
      if (!fut.done()) throw new RuntimeError("Event loop stopped before Future completed.");
      return fut.result();
    };
    // The caller's stack: an exception coming out is raised in its frame (traceback.ts).
    const caller = new Error().stack;
    return this.run_forever()
      .then(finish, (error: unknown) => {
        // The loop failed (SystemExit, KeyboardInterrupt): do not log the future's exception too.
        if (newTask && fut.done() && !fut.cancelled()) fut.exception();
        fut.remove_done_callback(runUntilCompleteCallback);
        throw error;
      })
      .catch((error: unknown) => {
        noteOuterStackFrom(error, caller);
        throw error;
      });
  }

  stop(): null {
    this._stopping = true;
    if (this._running && !this._inStep) this._wake();
    return null;
  }

  close(): null {
    if (this._running) throw new RuntimeError("Cannot close a running event loop");
    if (this._closed) return null;
    this._closed = true;
    this._ready.clear();
    this._scheduled = [];
    reportUnretrievedOf(this);
    return null;
  }

  /** Async generators first iterated while this loop ran and not finished yet. */
  readonly _asyncgens = new Set<AsyncGenerator_>();
  _asyncgens_shutdown_called = false;

  /** `loop.shutdown_asyncgens()`: acloses the async generators still open (asyncio.run's end). */
  shutdown_asyncgens(): Coroutine<null> {
    return new Coroutine(closeAsyncgens(this), "BaseEventLoop.shutdown_asyncgens");
  }

  /** `loop.shutdown_default_executor()`: a coroutine waiting for the default executor's threads. */
  shutdown_default_executor(): Coroutine<null> {
    return shutdownDefaultExecutor(this);
  }

  /** `loop.run_in_executor(executor, func, *args)` (executors.ts). */
  run_in_executor(executor: unknown, func: unknown, ...args: unknown[]): Future {
    return runInExecutor(this, executor, func, args);
  }

  set_default_executor(executor: unknown): null {
    return setDefaultExecutor(this, executor);
  }

  // ---- one iteration: _run_once split around Node's wait ----

  /** The first half of _run_once: purge cancelled timers, compute the select timeout. */
  private _prepareStep(): number | null {
    const scheduled = this._scheduled;
    const count = scheduled.length;
    if (
      count > MIN_SCHEDULED_TIMER_HANDLES &&
      this._timer_cancelled_count / count > MIN_CANCELLED_TIMER_HANDLES_FRACTION
    ) {
      const kept: TimerHandle[] = [];
      for (const handle of scheduled) {
        if (handle._cancelled) handle._scheduled = false;
        else kept.push(handle);
      }
      heapify(kept, timerLess);
      this._scheduled = kept;
      this._timer_cancelled_count = 0;
    } else {
      while (scheduled.length > 0 && scheduled[0]!._cancelled) {
        this._timer_cancelled_count--;
        heappop(scheduled, timerLess)._scheduled = false;
      }
    }
    if (this._ready.length > 0 || this._stopping) return 0;
    if (this._scheduled.length > 0) {
      const when = this._scheduled[0]!._when;
      return Math.min(Math.max(0, when - this.time()), MAXIMUM_SELECT_TIMEOUT);
    }
    return null;
  }

  /** The second half of _run_once: due timers join the ready queue; run what is ready now. */
  private _processStep(): void {
    // CPython's select: ready descriptors' callbacks come before the due timers
    if (this._ioPoll !== null) this._ioPoll(this);
    const scheduled = this._scheduled;
    const clock = this.time();
    const now = Math.max(clock, this._waitDeadline);
    this._waitDeadline = 0;
    const endTime = now + this._clock_resolution;
    let due: TimerHandle[] | null = null;
    while (scheduled.length > 0) {
      const handle = scheduled[0]!;
      if (handle._when >= endTime && !(due !== null && this._dueTogether(handle, due))) break;
      heappop(scheduled, timerLess);
      handle._scheduled = false;
      this._ready.push(handle);
      (due ??= []).push(handle);
    }
    this._iteration++;
    // Only the handles ready now; callbacks they schedule wait for the next iteration.
    const ready = this._ready;
    const ntodo = ready.length;
    // Debug mode and a timeline recording watch each callback: a separate path.
    if (this._debug || recording.recorder !== null) runReadyObserved(this, ntodo, clock);
    else this._runReady(ntodo);
    const batch = this._batch;
    if (batch !== null && batch.effortSpent === Infinity) this._endTimerBatch(batch);
  }

  private _runReady(ntodo: number): void {
    const ready = this._ready;
    for (let i = 0; i < ntodo; i++) {
      const entry = ready.shift();
      if (typeof entry === "function") {
        // A runtime callback and its argument (see `_ready`).
        i++;
        runCallback(this, entry as Callback, ready.shift());
      } else {
        const handle = entry as Handle;
        if (handle._cancelled) continue;
        handle._run();
      }
      flushFresh();
    }
  }

  /**
   * Would `timer` be due now in CPython, which runs an iteration's callbacks in microseconds?
   * It would when a timer that is due was scheduled in the same iteration, shortly before it,
   * with a delay at least as long: `n` tasks that each `await asyncio.sleep(d)` wake together.
   * "Shortly" is measured on the loop's clock or, where that shows a long gap, in what the
   * program did meanwhile (CPU and blocking calls): a process the machine descheduled between
   * two timers did nothing that would have separated them in CPython.
   */
  private _dueTogether(timer: TimerHandle, due: readonly TimerHandle[]): boolean {
    const delay = timer._when - timer._scheduledAt;
    const batch = timer._batch;
    if (batch === null) return false;
    return due.some(
      (d) =>
        d._batch === batch &&
        Math.min(timer._scheduledAt - d._scheduledAt, batch.effortSpent) <= SAME_ITERATION_SPREAD &&
        delay <= d._when - d._scheduledAt + this._clock_resolution,
    );
  }

  /** Node's stand-in for select(timeout). */
  private _waitFor(timeout: number | null): void {
    if (this._immediate !== null) return;
    if (timeout === 0) {
      this._immediate = setImmediateTask(this._afterWait);
    } else if (timeout !== null) {
      const ms = Math.ceil(timeout * 1000);
      this._waitDeadline = this.time() + ms / 1000;
      this._timeout = setTimeout(this._afterWait, ms);
    }
    // timeout null: idle until _wake().
  }

  /** A watched descriptor became ready while the loop waited (fd-watchers.ts). */
  _wakeForIo(): void {
    if (this._running && !this._inStep) this._wake();
  }

  /** Cuts a wait short (CPython's self-pipe write). */
  private _wake(): void {
    if (this._immediate !== null) return;
    this._waitDeadline = 0; // select returns early for I/O
    if (this._timeout !== null) {
      clearTimeout(this._timeout);
      this._timeout = null;
    }
    this._immediate = setImmediateTask(this._afterWait);
  }

  /**
   * One Node turn: runs loop iterations back to back while handles are ready (what select(0)
   * would allow), giving Node a turn at least every TIME_SLICE_MS so its I/O and promise
   * completions get in. Iterations stay CPython's; only the Node turns between them are fewer.
   */
  private readonly _afterWait = (): void => outsideThreads(this._turn);

  private readonly _turn = (): void => {
    this._immediate = null;
    if (this._timeout !== null) {
      clearTimeout(this._timeout);
      this._timeout = null;
    }
    const sliceEnd = performance.now() + TIME_SLICE_MS;
    this._inStep = true;
    for (;;) {
      try {
        this._processStep();
      } catch (error) {
        this._inStep = false;
        this._settle?.(error);
        return;
      }
      if (this._stopping) {
        this._inStep = false;
        this._settle?.();
        return;
      }
      const timeout = this._prepareStep();
      if (timeout !== 0 || performance.now() >= sliceEnd) {
        this._inStep = false;
        this._waitFor(timeout);
        return;
      }
    }
  };

  // ---- errors ----

  get_exception_handler(): ExceptionHandler | null {
    return this._exception_handler;
  }

  set_exception_handler(handler: ExceptionHandler | null): null {
    this._exception_handler = handler ?? null;
    return null;
  }

  default_exception_handler(context: unknown): null {
    logExceptionContext(contextRecord(context));
    return null;
  }

  /** Sends an error report to the handler; never raises (a failing handler is logged). */
  call_exception_handler(context: ExceptionContext): null {
    reportToHandler(this, this._exception_handler, context);
    return null;
  }

  get_debug(): boolean {
    return this._debug;
  }

  set_debug(enabled: unknown): null {
    this._debug = Boolean(enabled);
    // Turned on while running: the frames below the loop are not known then.
    if (this._running) setCoroutineOriginTracking(this._debug ? Object.assign(new Error(), { stack: "" }) : null);
    return null;
  }

  __repr__(): string {
    return `<_UnixSelectorEventLoop running=${this._running ? "True" : "False"} closed=${
      this._closed ? "True" : "False"
    } debug=${this._debug ? "True" : "False"}>`;
  }

  get [Symbol.toStringTag](): string {
    return `EventLoop ${addressOf(this)}`;
  }
}

/** The done callback run_until_complete adds: stops the future's loop. */
function runUntilCompleteCallback(fut: Future): void {
  if (!fut.cancelled()) {
    const exc = fut.exception();
    // A SystemExit / KeyboardInterrupt is re-raised by the loop itself; do not stop for it.
    if (exc instanceof SystemExit || exc instanceof KeyboardInterrupt) return;
  }
  fut.get_loop().stop();
}
Object.defineProperty(runUntilCompleteCallback, "__qualname__", { value: "_run_until_complete_cb" });
Object.defineProperty(runUntilCompleteCallback, "_asyncio_source", { value: "base_events.py:180" });
