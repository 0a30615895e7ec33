// `concurrent.futures`: Future, ThreadPoolExecutor (Lib/concurrent/futures/thread.py's worker
// scheme on green threads), ProcessPoolExecutor (worker threads given copies of the
// arguments and results, as processes would be), wait, as_completed.

import { Exception, PyTypeError, RuntimeError, TimeoutError, ValueError, BaseException } from "../values/exceptions.js";
import { addressOf } from "../values/repr.js";
import { typeName } from "../values/typename.js";
import { truthy } from "../values/truth.js";
import { isKwargs, kw, splitKw } from "../values/kwargs.js";
import { iterable, PyIterator } from "../values/iteration.js";
import { PySet } from "../values/set.js";
import { bindArgs } from "../asyncio/args.js";
import { callValue } from "./pycall.js";
import { copyModule } from "./copy.js";
import { moduleObject } from "./module-object.js";
import { pyClass } from "./callable-class.js";
import { namedtuple } from "./namedtuple.js";
import { nodeModule, writeStderr } from "../core/host.js";
import { isThenable, LazyWait, Suspension, threadTimer } from "../threads/scheduler.js";
import { Thread } from "./threading.js";
import { SimpleQueue } from "./queue.js";
import { registerFuturesClasses } from "../asyncio/executors.js";
import { Semaphore, timeoutSeconds, type Wake } from "./threading-locks.js";

export class Error_ extends Exception {
  static __module__ = "concurrent.futures._base";
  static pythonName = "Error";
}
export class CancelledError extends Error_ {
  static override pythonName = "CancelledError";
}
export class InvalidStateError extends Error_ {
  static override pythonName = "InvalidStateError";
}
export class BrokenExecutor extends RuntimeError {
  static __module__ = "concurrent.futures._base";
}

const PENDING = "PENDING";
const RUNNING = "RUNNING";
const CANCELLED = "CANCELLED";
const CANCELLED_AND_NOTIFIED = "CANCELLED_AND_NOTIFIED";
const FINISHED = "FINISHED";

/** Completion order, for as_completed. */
let doneCounter = 0;

export class Future {
  static readonly __module__ = "concurrent.futures._base";
  _state: string = PENDING;
  _result: unknown = null;
  _exception: unknown = null;
  _done_callbacks: unknown[] = [];
  _waiters: Wake[] = [];
  _doneOrder = 0;

  done(): boolean {
    return this._state === CANCELLED || this._state === CANCELLED_AND_NOTIFIED || this._state === FINISHED;
  }
  running(): boolean {
    return this._state === RUNNING;
  }
  cancelled(): boolean {
    return this._state === CANCELLED || this._state === CANCELLED_AND_NOTIFIED;
  }

  cancel(): boolean {
    if (this._state === RUNNING || this._state === FINISHED) return false;
    if (this.cancelled()) return true;
    this._state = CANCELLED;
    this._finish();
    return true;
  }

  set_running_or_notify_cancel(): boolean {
    if (this._state === CANCELLED) {
      this._state = CANCELLED_AND_NOTIFIED;
      return false;
    }
    if (this._state === PENDING) {
      this._state = RUNNING;
      return true;
    }
    throw new RuntimeError(`Future in unexpected state`);
  }

  set_result(result: unknown): null {
    if (this.cancelled() || this._state === FINISHED) throw new InvalidStateError(`${this._state}: ${this.__repr__()}`);
    this._result = result;
    this._state = FINISHED;
    this._finish();
    return null;
  }

  set_exception(exception: unknown): null {
    if (this.cancelled() || this._state === FINISHED) throw new InvalidStateError(`${this._state}: ${this.__repr__()}`);
    this._exception = exception;
    this._state = FINISHED;
    this._finish();
    return null;
  }

  private _finish(): void {
    this._doneOrder = ++doneCounter;
    const waiters = this._waiters;
    this._waiters = [];
    for (const wake of waiters) wake(true);
    for (const callback of this._done_callbacks) this._invoke(callback);
  }

  private _invoke(callback: unknown): void {
    try {
      const result = callValue(callback, this);
      if (isThenable(result)) void Promise.resolve(result).catch(() => undefined);
    } catch (error) {
      if (!(error instanceof Exception)) throw error;
      // CPython logs it: "exception calling callback for <Future ...>"
      writeStderr(`exception calling callback for ${this.__repr__()}\n`);
    }
  }

  add_done_callback(fn: unknown): null {
    if (!this.done()) this._done_callbacks.push(fn);
    else this._invoke(fn);
    return null;
  }

  private _outcome(): unknown {
    if (this.cancelled()) throw new CancelledError();
    if (this._exception !== null) throw this._exception;
    return this._result;
  }

  /** Waits for the future (a Suspension when it must), then `then` on it. */
  private _waitThen(timeout: unknown, then: () => unknown): unknown {
    if (this.done()) return then();
    const seconds = timeoutSeconds(timeout, null);
    if (seconds !== null && seconds <= 0) throw new TimeoutError();
    const waiting = new Suspension<boolean>((wake, _fail, thread) => {
      this._waiters.push(wake);
      if (seconds !== null) {
        threadTimer(thread, seconds, () => {
          const index = this._waiters.indexOf(wake);
          if (index < 0) return;
          this._waiters.splice(index, 1);
          wake(false);
        });
      }
    });
    return (async () => {
      await waiting;
      if (!this.done()) throw new TimeoutError();
      return then();
    })();
  }

  result(...args: unknown[]): any {
    const [timeout] = bindArgs("result", args, ["timeout"]);
    return this._waitThen(timeout, () => this._outcome());
  }

  exception(...args: unknown[]): any {
    const [timeout] = bindArgs("exception", args, ["timeout"]);
    return this._waitThen(timeout, () => {
      if (this.cancelled()) throw new CancelledError();
      return this._exception;
    });
  }

  __repr__(): string {
    const at = `<Future at ${addressOf(this)} state=`;
    if (this._state === FINISHED) {
      if (this._exception !== null) return `${at}finished raised ${typeName(this._exception)}>`;
      return `${at}finished returned ${typeName(this._result)}>`;
    }
    return `${at}${this._state.toLowerCase() === CANCELLED_AND_NOTIFIED.toLowerCase() ? "cancelled" : this._state.toLowerCase()}>`;
  }
}

/** Runs `fn(*args)` for `future` in the calling thread (a worker). */
async function runWorkItem(future: Future, fn: unknown, args: unknown[], copy: boolean): Promise<void> {
  if (!future.set_running_or_notify_cancel()) return;
  try {
    let result = callValue(fn, ...(copy ? args.map((a) => (isKwargs(a) ? a : copyModule.deepcopy(a))) : args));
    if (isThenable(result)) result = await result;
    future.set_result(copy ? copyModule.deepcopy(result) : result);
  } catch (error) {
    if (!(error instanceof BaseException)) throw error;
    future.set_exception(error);
  }
}

let executorCounter = 0;
const SHUTDOWN = Symbol("shutdown");

export class ThreadPoolExecutor {
  static readonly __module__: string = "concurrent.futures.thread";
  _max_workers: number;
  _thread_name_prefix: string;
  _threads: Thread[] = [];
  _work_queue = new SimpleQueue();
  _idle_semaphore = new Semaphore(0n);
  _shutdown = false;
  _initializer: unknown;
  _initargs: unknown[];
  /** ProcessPoolExecutor: arguments and results go by copy. */
  _copies = false;

  constructor(...args: unknown[]) {
    const [maxWorkers, prefix, initializer, initargs] = bindArgs(typeName(Object.create(new.target.prototype)), args, ["max_workers", "thread_name_prefix", "initializer", "initargs"]);
    if (maxWorkers === undefined || maxWorkers === null) {
      this._max_workers = this._defaultWorkers();
    } else {
      this._max_workers = Number(maxWorkers);
      if (this._max_workers <= 0) throw new ValueError("max_workers must be greater than 0");
    }
    this._thread_name_prefix = prefix === undefined || prefix === null || prefix === "" ? `ThreadPoolExecutor-${executorCounter++}` : String(prefix);
    this._initializer = initializer ?? null;
    this._initargs = initargs === undefined || initargs === null ? [] : [...iterable(initargs)];
  }

  _defaultWorkers(): number {
    return Math.min(32, nodeModule("node:os").availableParallelism() + 4);
  }

  submit(fn: unknown, ...rest: unknown[]): Future | Promise<Future> {
    const future = this._submit(fn, rest);
    const started = this._started;
    this._started = null;
    if (started === null) return future;
    return Promise.resolve(started).then(() => future);
  }

  /** Queues the call; a worker it starts (`_started`) runs when the caller next waits. */
  _submit(fn: unknown, args: unknown[]): Future {
    if (this._shutdown) throw new RuntimeError("cannot schedule new futures after shutdown");
    const future = new Future();
    this._work_queue.put([future, fn, args]);
    this._started = this._adjust_thread_count();
    return future;
  }

  _started: unknown = null;

  /** Starts a worker unless one is idle (CPython's _adjust_thread_count). */
  _adjust_thread_count(): unknown {
    if (this._idle_semaphore.acquire(kw({ timeout: 0 })) === true) return null;
    const count = this._threads.length;
    if (count >= this._max_workers) return null;
    const name = `${this._thread_name_prefix}_${count}`;
    const thread = new Thread(kw({ name, target: () => this._worker() }));
    this._threads.push(thread);
    return thread.start();
  }

  private async _worker(): Promise<null> {
    if (this._initializer !== null) {
      try {
        const r = callValue(this._initializer, ...this._initargs);
        if (isThenable(r)) await r;
      } catch {
        return null;
      }
    }
    for (;;) {
      let item = this._work_queue.get();
      if (isThenable(item)) item = await item;
      if (item === SHUTDOWN) {
        this._work_queue.put(SHUTDOWN);
        return null;
      }
      const [future, fn, args] = item as [Future, unknown, unknown[]];
      await runWorkItem(future, fn, args, this._copies);
      this._idle_semaphore.release();
    }
  }

  /**
   * Submits every call and waits for all (a list iterator then gives the results in order);
   * a loop over it (`for r in executor.map(...)`) gets each result as it is ready instead.
   */
  map(fn: unknown, ...rest: unknown[]): LazyWait<PyIterator> {
    const [iterables, keywords] = splitKw(rest);
    const timeout = timeoutSeconds(keywords["timeout"], null);
    const columns = iterables.map((it) => [...iterable(it)]);
    const count = columns.length === 0 ? 0 : Math.min(...columns.map((c) => c.length));
    // Submitted when the results are first waited for (in the waiting thread's turn).
    let submitted: Promise<Future[]> | null = null;
    const submitAll = (): Promise<Future[]> =>
      (submitted ??= (async () => {
        const futures: Future[] = [];
        for (let i = 0; i < count; i++) {
          const one = this.submit(fn, ...columns.map((c) => c[i]));
          futures.push(isThenable(one) ? await one : one);
        }
        return futures;
      })());
    const end = timeout === null ? null : performance.now() / 1000 + timeout;
    async function* results(): AsyncGenerator<unknown> {
      for (const future of await submitAll()) {
        const left = end === null ? null : Math.max(0, end - performance.now() / 1000);
        const r = future.result(left);
        yield isThenable(r) ? await r : r;
      }
    }
    const all = new LazyWait(async () => {
      const outcomes: { value?: unknown; error?: unknown }[] = [];
      try {
        for await (const value of results()) outcomes.push({ value });
      } catch (error) {
        outcomes.push({ error });
      }
      return new PyIterator(
        (function* () {
          for (const o of outcomes) {
            if ("error" in o) throw o.error;
            yield o.value;
          }
        })(),
      );
    });
    return Object.assign(all, { [RESULT_STREAM]: results });
  }

  shutdown(...args: unknown[]): null | Promise<null> {
    const [wait, cancelFutures] = bindArgs("shutdown", args, ["wait", "cancel_futures"]);
    this._shutdown = true;
    if (cancelFutures !== undefined && truthy(cancelFutures)) {
      for (;;) {
        let item: unknown;
        try {
          item = this._work_queue.get_nowait();
        } catch {
          break;
        }
        if (item !== SHUTDOWN) (item as [Future])[0].cancel();
      }
    }
    this._work_queue.put(SHUTDOWN);
    if (wait !== undefined && !truthy(wait)) return null;
    const threads = [...this._threads];
    return (async () => {
      for (const t of threads) {
        const joined = t.join();
        if (joined !== null) await joined;
      }
      return null;
    })();
  }

  __enter__(): this {
    return this;
  }

  __exit__(_t: unknown, _v: unknown, _tb: unknown): unknown {
    const done = this.shutdown(kw({ wait: true }));
    return done === null ? false : done.then(() => false);
  }
}

export class ProcessPoolExecutor extends ThreadPoolExecutor {
  static override readonly __module__ = "concurrent.futures.process";
  constructor(...args: unknown[]) {
    const [maxWorkers] = bindArgs("ProcessPoolExecutor", args, ["max_workers", "mp_context", "initializer", "initargs", "max_tasks_per_child"]);
    super(kw({ max_workers: maxWorkers ?? null }));
    this._thread_name_prefix = `ProcessPoolExecutor-${executorCounter - 1}`;
    this._copies = true;
  }
  override _defaultWorkers(): number {
    return nodeModule("node:os").availableParallelism();
  }
}

const FIRST_COMPLETED = "FIRST_COMPLETED";
const FIRST_EXCEPTION = "FIRST_EXCEPTION";
const ALL_COMPLETED = "ALL_COMPLETED";

const DoneAndNotDoneFutures = namedtuple("DoneAndNotDoneFutures", "done not_done");

function futuresOf(fs: unknown): Future[] {
  const list = [...iterable(fs)] as Future[];
  for (const f of list) if (!(f instanceof Future)) throw new PyTypeError(`expected a Future, got ${typeName(f)}`);
  return [...new Set(list)];
}

/** Waits until one of `futures` (not done) finishes, or `left` seconds pass. */
function waitForChange(futures: Future[], left: number | null): Suspension<boolean> {
  return new Suspension<boolean>((wake, _fail, thread) => {
    const pending = futures.filter((f) => !f.done());
    const once = (value: boolean): void => {
      for (const f of pending) {
        const index = f._waiters.indexOf(once);
        if (index >= 0) f._waiters.splice(index, 1);
      }
      wake(value);
    };
    for (const f of pending) f._waiters.push(once);
    if (left !== null) threadTimer(thread, left, () => once(false));
  });
}

/** Waits until `enough(futures)` holds or `seconds` pass (a Suspension per change). */
async function waitUntil(futures: Future[], enough: () => boolean, seconds: number | null): Promise<void> {
  const end = seconds === null ? null : performance.now() / 1000 + seconds;
  while (!enough()) {
    const left = end === null ? null : end - performance.now() / 1000;
    if (left !== null && left <= 0) return;
    await waitForChange(futures, left);
  }
}

/** What a loop over `as_completed(...)` / `executor.map(...)` iterates: results as they come. */
export const RESULT_STREAM: unique symbol = Symbol.for("pyts.resultStream");

/** The async iterator a loop over a thread-switching iterable uses (statements.ts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function threadIterator(x: unknown): AsyncIterator<any> {
  const stream = (x as { [RESULT_STREAM]?: () => AsyncIterator<unknown> } | null)?.[RESULT_STREAM];
  if (typeof stream === "function") return stream.call(x);
  return (async function* () {
    yield* iterable(isThenable(x) ? await x : x);
  })();
}

function wait(...args: unknown[]): any {
  const [fs, timeout, returnWhen] = bindArgs("wait", args, ["fs", "timeout", "return_when"]);
  const futures = futuresOf(fs);
  const when = returnWhen ?? ALL_COMPLETED;
  const enough = (): boolean => {
    const done = futures.filter((f) => f.done());
    if (when === FIRST_COMPLETED) return done.length > 0;
    if (when === FIRST_EXCEPTION && done.some((f) => !f.cancelled() && f._exception !== null)) return true;
    return done.length === futures.length;
  };
  const result = (): unknown => {
    const done = futures.filter((f) => f.done());
    const notDone = futures.filter((f) => !f.done());
    return callValue(DoneAndNotDoneFutures, new PySet(done), new PySet(notDone));
  };
  if (enough()) return result();
  return waitUntil(futures, enough, timeoutSeconds(timeout, null)).then(result);
}

/**
 * `as_completed(fs, timeout=None)`: waits for every future, then iterates over them in the
 * order they completed; a loop over it gets each future as it completes.
 */
function as_completed(...args: unknown[]): any {
  const [fs, timeout] = bindArgs("as_completed", args, ["fs", "timeout"]);
  const futures = futuresOf(fs);
  const seconds = timeoutSeconds(timeout, null);
  const end = seconds === null ? null : performance.now() / 1000 + seconds;
  const unfinished = (n: number): Error => new TimeoutError(`${n} (of ${futures.length}) futures unfinished`);
  async function* stream(): AsyncGenerator<Future> {
    const pending = new Set(futures);
    while (pending.size > 0) {
      const done = [...pending].filter((f) => f.done()).sort((a, b) => a._doneOrder - b._doneOrder);
      for (const f of done) {
        pending.delete(f);
        yield f;
      }
      if (pending.size === 0) break;
      const left = end === null ? null : end - performance.now() / 1000;
      if (left !== null && left <= 0) throw unfinished(pending.size);
      await waitForChange([...pending], left);
    }
  }
  const ordered = (): PyIterator => {
    const done = futures.filter((f) => f.done()).sort((a, b) => a._doneOrder - b._doneOrder);
    const missing = futures.length - done.length;
    return new PyIterator(
      (function* () {
        yield* done;
        if (missing > 0) throw unfinished(missing);
      })(),
    );
  };
  const all = (): boolean => futures.every((f) => f.done());
  const result = all() ? ordered() : new LazyWait(() => waitUntil(futures, all, seconds).then(ordered));
  return Object.assign(result, { [RESULT_STREAM]: stream });
}

// asyncio's executors (run_in_executor, to_thread, wrap_future) use these classes.
registerFuturesClasses({ Future, ThreadPoolExecutor });

export const futuresModule = moduleObject("concurrent.futures", {
  Future: pyClass(Future),
  Executor: pyClass(ThreadPoolExecutor),
  ThreadPoolExecutor: pyClass(ThreadPoolExecutor),
  ProcessPoolExecutor: pyClass(ProcessPoolExecutor),
  CancelledError,
  TimeoutError,
  InvalidStateError,
  BrokenExecutor,
  wait,
  as_completed,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  ALL_COMPLETED,
});

export const concurrentModule = moduleObject("concurrent", { futures: futuresModule });
