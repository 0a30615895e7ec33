// asyncio.Future: a result that will arrive later, with done callbacks run through the loop's
// ready queue (CPython's pure-Python Future, with the C implementation's messages).

import { awaitIterator, setPromiseAdapter, type NativeAwaitable } from "../core/await.js";
import { generator, type PyGenerator } from "../core/generator.js";
import {
  BaseException,
  Exception,
  PyTypeError,
  RuntimeError,
  StopIteration,
} from "../values/exceptions.js";
import { repr } from "../values/repr.js";
import { typeName } from "../values/typename.js";
import { eq } from "../values/compare.js";
import { bindArgs } from "./args.js";
import { CancelledError, InvalidStateError } from "./exceptions.js";
import type { EventLoop } from "./events.js";
import { callbackName, formatCallbackSource, TASK_WAKEUP, type Callback } from "./format.js";
import { _get_running_loop, get_event_loop } from "./loop-state.js";
import { markRetrieved, trackUnretrieved, type UnretrievedRecord } from "./never-retrieved.js";
import { ASYNCIO_DIR, creationInfo, noteCreation } from "./debug.js";
import { noteOuterStack } from "../values/traceback.js";

export const PENDING = "PENDING";
export const CANCELLED = "CANCELLED";
export const FINISHED = "FINISHED";
export type FutureState = typeof PENDING | typeof CANCELLED | typeof FINISHED;

/** The loop a future-like object belongs to. */
export function getLoopOf(fut: unknown): EventLoop {
  const f = fut as { get_loop?: () => EventLoop; _loop?: EventLoop };
  if (typeof f.get_loop === "function") return f.get_loop();
  return f._loop as EventLoop;
}

/** `asyncio.isfuture`: an object with `_asyncio_future_blocking` (duck-typed as CPython). */
export function isFuture(x: unknown): x is Future {
  if (x instanceof Future) return true;
  return (
    typeof x === "object" &&
    x !== null &&
    "_asyncio_future_blocking" in x &&
    (x as { _asyncio_future_blocking: unknown })._asyncio_future_blocking !== null &&
    (x as { _asyncio_future_blocking: unknown })._asyncio_future_blocking !== undefined
  );
}

/** The `_callbacks` of futures that have none; never mutated. */
const NO_CALLBACKS: Callback[] = [];

/** `Future._callbacks` as a list (a lone callback is kept without one). */
function callbackList(callbacks: Callback[] | Callback): Callback[] {
  // Array.isArray, not typeof: an object with `__call__` is a callback too.
  return Array.isArray(callbacks) ? callbacks : [callbacks];
}

/** Whether `fn` is among the pending future's done callbacks. */
export function hasDoneCallback(fut: Future, fn: Callback): boolean {
  const callbacks = fut._callbacks;
  return callbacks === fn || (Array.isArray(callbacks) && callbacks.includes(fn));
}

/** A future's seldom-set fields (see `Future._rare`). */
interface FutureRare {
  exception: unknown;
  cancelMessage: unknown;
  cancelledExc: unknown;
  unretrieved: UnretrievedRecord | null;
}

/** A Task waiting on a future, registered as its done callback (see TASK_WAKEUP). */
interface WaitingTask {
  readonly [TASK_WAKEUP]: true;
  _fut_waiter: Future | null;
  _wakeup(future: Future): void;
}

function isWaitingTask(callback: unknown): callback is WaitingTask {
  return typeof callback === "object" && callback !== null && (callback as Partial<WaitingTask>)[TASK_WAKEUP] === true;
}

/**
 * CPython's `Task.__wakeup(future)` for a task registered as the callback: a task waits on one
 * future at a time and keeps it in `_fut_waiter` until it steps again, so that is the future.
 */
function wakeTask(task: WaitingTask): void {
  task._wakeup(task._fut_waiter!);
}
Object.defineProperty(wakeTask, "__qualname__", { value: "Task.task_wakeup" });

/** `loop.call_soon(callback, arg)`, without a Handle on the runtime's loop (any other: as is). */
export function scheduleCallback(loop: EventLoop, callback: Callback, arg: unknown): void {
  let fn = callback;
  let fnArg = arg;
  if (typeof fn !== "function" && isWaitingTask(fn)) {
    fnArg = fn;
    fn = wakeTask as Callback;
  }
  // The handle-less fast path takes functions only (the ready queue tells them apart by typeof).
  if (typeof loop._callSoonInternal === "function" && typeof fn === "function") loop._callSoonInternal(fn, fnArg);
  else loop.call_soon(fn, fnArg);
}

function formatCallbacks(callbacks: readonly Callback[]): string {
  // Callbacks standing for functions of CPython's asyncio name their line there, as CPython's do.
  const show = (cb: Callback): string => {
    const source = (cb as { _asyncio_source?: string })._asyncio_source;
    return source === undefined ? formatCallbackSource(cb, []) : `${callbackName(cb)}() at ${ASYNCIO_DIR}/${source}`;
  };
  const n = callbacks.length;
  if (n === 1) return show(callbacks[0]!);
  if (n === 2) return `${show(callbacks[0]!)}, ${show(callbacks[1]!)}`;
  return `${show(callbacks[0]!)}, <${n - 2} more>, ${show(callbacks[n - 1]!)}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class Future<T = any> implements NativeAwaitable<T> {
  static readonly tpName: string = "_asyncio.Future";
  static readonly __module__ = "_asyncio";
  // Fields are `declare`d and assigned in the constructor: V8 (Node 20) defines class fields
  // about twice as slowly as it runs assignments, and futures and tasks are made by the many.
  declare _state: FutureState;
  declare _result: T | null;
  declare _loop: EventLoop;
  /**
   * The done callbacks: the shared empty list, the one callback itself (most futures get one
   * or none, so no list is made for it), or a list of two or more.
   */
  declare _callbacks: Callback[] | Callback;
  /**
   * What few futures ever need: the exception set, the cancel message and exception, the
   * never-retrieved record (CPython's `_exception`, `_cancel_message`, `_cancelled_exc` and
   * `_log_traceback`, read and written through the accessors below): null while all are
   * unset, as for almost every future, which then carries one field for the four.
   */
  declare _rare: FutureRare | null;
  /** True while a Task is about to wait on this future (set by `await`). */
  declare _asyncio_future_blocking: boolean;

  /** `Future(*, loop=None)`; the runtime also passes a loop positionally. */
  constructor(loopArg?: unknown, ...rest: unknown[]) {
    let loop = loopArg;
    if (!(typeof loop === "object" && loop !== null && "call_soon" in loop)) {
      [loop] = bindArgs("Future", loopArg === undefined ? rest : [loopArg, ...rest], ["loop"], 0);
    }
    this._state = PENDING;
    this._result = null;
    this._loop = (loop as EventLoop | null | undefined) ?? get_event_loop();
    this._callbacks = NO_CALLBACKS;
    this._rare = null;
    this._asyncio_future_blocking = false;
    if (this._loop._debug) noteCreation(this);
  }

  /** The rare fields, made on the first write of one of them. */
  private _rareFields(): FutureRare {
    return (this._rare ??= { exception: null, cancelMessage: null, cancelledExc: null, unretrieved: null });
  }

  get _exception(): unknown {
    return this._rare === null ? null : this._rare.exception;
  }

  set _exception(value: unknown) {
    if (this._rare !== null || (value !== null && value !== undefined)) this._rareFields().exception = value ?? null;
  }

  get _log_traceback(): boolean {
    const unretrieved = this._rare === null ? null : this._rare.unretrieved;
    return unretrieved !== null && unretrieved.pending;
  }

  set _log_traceback(value: boolean) {
    if (value) throw new Exception("_log_traceback can only be set to False");
    const rare = this._rare;
    if (rare !== null && rare.unretrieved !== null) {
      markRetrieved(this, rare.unretrieved);
      rare.unretrieved = null;
    }
  }

  get _cancel_message(): unknown {
    return this._rare === null ? null : this._rare.cancelMessage;
  }

  set _cancel_message(value: unknown) {
    if (this._rare !== null || (value !== null && value !== undefined)) this._rareFields().cancelMessage = value ?? null;
  }

  get _cancelled_exc(): unknown {
    return this._rare === null ? null : this._rare.cancelledExc;
  }

  set _cancelled_exc(value: unknown) {
    if (this._rare !== null || (value !== null && value !== undefined)) this._rareFields().cancelledExc = value ?? null;
  }

  get_loop(): EventLoop {
    return this._loop;
  }

  done(): boolean {
    return this._state !== PENDING;
  }

  cancelled(): boolean {
    return this._state === CANCELLED;
  }

  /** `cancel(msg=None)`: schedules the callbacks; false if already done. */
  cancel(...args: unknown[]): boolean {
    const [msg] = bindArgs("cancel", args, ["msg"]);
    this._log_traceback = false;
    if (this._state !== PENDING) return false;
    this._state = CANCELLED;
    this._cancel_message = msg ?? null;
    this._schedule_callbacks();
    return true;
  }

  /** Hands every done callback to the loop's ready queue, in the order they were added. */
  _schedule_callbacks(): void {
    const callbacks = this._callbacks;
    if (callbacks === NO_CALLBACKS) return;
    this._callbacks = NO_CALLBACKS;
    if (!Array.isArray(callbacks)) scheduleCallback(this._loop, callbacks, this);
    else for (const callback of callbacks) scheduleCallback(this._loop, callback, this);
  }

  _make_cancelled_error(): BaseException {
    if (this._cancelled_exc !== null) {
      const exc = this._cancelled_exc as BaseException;
      this._cancelled_exc = null;
      return exc;
    }
    const message = this._cancel_message;
    return message === null || message === undefined ? new CancelledError() : new CancelledError(message);
  }

  result(): T {
    if (this._state === CANCELLED) throw this._make_cancelled_error();
    if (this._state !== FINISHED) throw new InvalidStateError("Result is not set.");
    const rare = this._rare;
    if (rare === null) return this._result as T;
    this._log_traceback = false;
    const exception = rare.exception;
    if (exception !== null) {
      // Raised again here, in the frame that asked (an awaiting coroutine's): traceback.ts.
      noteOuterStack(exception);
      throw exception;
    }
    return this._result as T;
  }

  exception(): unknown {
    if (this._state === CANCELLED) throw this._make_cancelled_error();
    if (this._state !== FINISHED) throw new InvalidStateError("Exception is not set.");
    this._log_traceback = false;
    return this._exception;
  }

  /** `add_done_callback(fn, *, context=None)`: fn(future) runs soon after completion. */
  add_done_callback(fn: Callback, ..._context: unknown[]): null {
    const callbacks = this._callbacks;
    if (this._state !== PENDING) scheduleCallback(this._loop, fn, this);
    else if (callbacks === NO_CALLBACKS) this._callbacks = fn;
    else if (!Array.isArray(callbacks)) this._callbacks = [callbacks, fn];
    else callbacks.push(fn);
    return null;
  }

  /** Removes every registration of `fn`; returns how many there were. */
  remove_done_callback(fn: Callback): bigint {
    const callbacks = callbackList(this._callbacks);
    // Compared with `==`, as CPython does: `fut.remove_done_callback(obj.method)` finds it.
    const kept = callbacks.filter((cb) => cb !== fn && !eq(cb, fn));
    const removed = callbacks.length - kept.length;
    if (removed > 0) this._callbacks = kept.length === 0 ? NO_CALLBACKS : kept;
    return BigInt(removed);
  }

  set_result(result: T): null {
    if (this._state !== PENDING) throw new InvalidStateError("invalid state");
    this._result = result;
    this._state = FINISHED;
    this._schedule_callbacks();
    return null;
  }

  set_exception(exception: unknown): null {
    if (this._state !== PENDING) throw new InvalidStateError("invalid state");
    let exc = exception;
    if (typeof exc === "function" && (exc === BaseException || exc.prototype instanceof BaseException)) {
      exc = new (exc as new () => BaseException)();
    }
    if (!(exc instanceof Error)) throw new PyTypeError("invalid exception object");
    if (exc instanceof StopIteration) {
      throw new PyTypeError(
        "StopIteration interacts badly with generators and cannot be raised into a Future",
      );
    }
    this._exception = exc;
    this._state = FINISHED;
    this._schedule_callbacks();
    const record: UnretrievedRecord = {
      pending: true,
      loop: this._loop,
      exception: exc,
      className: typeName(this),
      futureRepr: repr(this),
    };
    this._rareFields().unretrieved = record;
    trackUnretrieved(this, record);
    return null;
  }

  /** What `await fut` runs: yield this future to the Task until it is done. */
  [awaitIterator](): Generator<unknown, T, unknown> {
    return new FutureAwait(this);
  }

  __await__(): PyGenerator<unknown, T> {
    return generator(() => this[awaitIterator](), "Future.__await__");
  }

  __iter__(): PyGenerator<unknown, T> {
    return this.__await__();
  }

  protected _reprInfo(): string[] {
    const info: string[] = [this._state.toLowerCase()];
    if (this._state === FINISHED) {
      if (this._exception !== null) info.push(`exception=${repr(this._exception)}`);
      else info.push(`result=${repr(this._result)}`);
    }
    const callbacks = callbackList(this._callbacks);
    if (callbacks.length > 0) info.push(`cb=[${formatCallbacks(callbacks)}]`);
    const created = creationInfo(this);
    if (created !== null) info.push(created);
    return info;
  }

  __repr__(): string {
    return `<${typeName(this)} ${this._reprInfo().join(" ")}>`;
  }
}

/**
 * What `await fut` runs, as a plain iterator (cheaper than a generator per await): yields the
 * future once to the Task while it is pending, then gives its result (or raises).
 */
class FutureAwait<T> implements Generator<unknown, T, unknown> {
  private declare started: boolean;
  private declare readonly fut: Future<T>;

  constructor(fut: Future<T>) {
    this.started = false;
    this.fut = fut;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<unknown, T> {
    const fut = this.fut;
    if (!this.started) {
      this.started = true;
      if (fut._state === PENDING) {
        fut._asyncio_future_blocking = true;
        return { done: false, value: fut };
      }
    } else if (fut._state === PENDING) {
      throw new RuntimeError("await wasn't used with future");
    }
    return { done: true, value: fut.result() };
  }

  throw(error: unknown): IteratorResult<unknown, T> {
    // Thrown in at the `yield`: nothing catches it here, as in the generator form. It is
    // raised in the awaiting coroutine, whose frame is on this stack (traceback.ts).
    this.started = true;
    noteOuterStack(error);
    throw error;
  }

  return(value?: unknown): IteratorResult<unknown, T> {
    this.started = true;
    return { done: true, value: value as T };
  }

  get [Symbol.toStringTag](): string {
    return "FutureAwait";
  }
}

/** Sets a result unless the future was cancelled meanwhile (sleep's timer callback). */
export function setResultUnlessCancelled(fut: Future, result: unknown): void {
  if (fut.cancelled()) return;
  fut.set_result(result);
}
Object.defineProperty(setResultUnlessCancelled, "__qualname__", {
  value: "_set_result_unless_cancelled",
});

/** A JS promise as a Future of the running (else current) loop; settles via the ready queue. */
export function futureFromPromise<T>(promise: PromiseLike<T>): Future<T> {
  const loop = _get_running_loop() ?? get_event_loop();
  const fut = new Future<T>(loop);
  promise.then(
    (value) => {
      if (!loop.is_closed()) loop.call_soon_threadsafe(setResultUnlessCancelled, fut, value);
    },
    (error: unknown) => {
      if (loop.is_closed()) return;
      loop.call_soon_threadsafe(() => {
        if (fut.cancelled()) return;
        fut.set_exception(error instanceof Error ? error : new Exception(String(error)));
      });
    },
  );
  return fut;
}

setPromiseAdapter(futureFromPromise);
