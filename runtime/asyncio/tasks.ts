// asyncio.Task: drives a coroutine. Each step sends into (or throws into) the coroutine from
// the loop's ready queue; a yielded future gets the task's wake-up callback; a bare yield
// (sleep(0)) schedules the next step at once. Cancellation throws CancelledError in.

import { programFile } from "../core/code-location.js";
import { await_ } from "../core/await.js";
import { Coroutine } from "../core/coroutine.js";
import { PyGenerator } from "../core/generator.js";
import { NEXT, THROW, suspendedDelegate } from "../core/suspendable.js";
import {
  KeyboardInterrupt,
  PyTypeError,
  RuntimeError,
  StopIteration,
  SystemExit,
  ValueError,
} from "../values/exceptions.js";
import { repr, toStr } from "../values/repr.js";
import { PySet } from "../values/set.js";
import { bindArgs } from "./args.js";
import { CancelledError, InvalidStateError } from "./exceptions.js";
import type { EventLoop } from "./events.js";
import { TASK_WAKEUP, type Callback } from "./format.js";
import { Future, getLoopOf, isFuture, scheduleCallback } from "./futures.js";
import { get_event_loop, get_running_loop } from "./loop-state.js";
import { recording } from "../timeline/recorder.js";
import { ASYNCIO_DIR, atSite } from "./debug.js";

let taskNameCounter = 0;
/**
 * The tasks made, in creation order (CPython's WeakSet of tasks). Done ones are dropped in bulk
 * once they are the greater part: cheaper than a Set's add and delete per task.
 */
let taskRegistry: Task[] = [];
let doneInRegistry = 0;

function taskDone(): void {
  doneInRegistry += 1;
  if (doneInRegistry > 256 && doneInRegistry * 2 > taskRegistry.length) {
    taskRegistry = taskRegistry.filter((task) => !task.done());
    doneInRegistry = 0;
  }
}

// The task each loop is stepping right now lives on the loop (`_current_task`): a field is
// much cheaper than a Map on the hot path.
function enterTask(loop: EventLoop, task: Task): void {
  const current = loop._current_task;
  if (current !== null) {
    throw new RuntimeError(
      `Cannot enter into task ${repr(task)} while another task ${repr(current)} is being executed.`,
    );
  }
  loop._current_task = task;
}

function leaveTask(loop: EventLoop, task: Task): void {
  const current = loop._current_task;
  if (current !== task) {
    throw new RuntimeError(`Leaving task ${repr(task)} does not match the current task ${repr(current)}.`);
  }
  loop._current_task = null;
}

/** A coroutine-like object from elsewhere (has send and throw): stepped through them. */
interface ForeignCoroutine {
  send(value: unknown): unknown;
  throw(exc: unknown): unknown;
  close?: () => unknown;
  __qualname__?: string;
}

function isForeignCoroutine(x: unknown): x is ForeignCoroutine {
  return (
    typeof x === "object" &&
    x !== null &&
    typeof (x as ForeignCoroutine).send === "function" &&
    typeof (x as ForeignCoroutine).throw === "function" &&
    typeof (x as { __await__?: unknown }).__await__ === "function"
  );
}

/** `asyncio.iscoroutine`. */
export function iscoroutine(x: unknown): boolean {
  return x instanceof Coroutine || (!(x instanceof PyGenerator) && isForeignCoroutine(x));
}

function stepForeign(coro: ForeignCoroutine, exc: unknown): IteratorResult<unknown, unknown> {
  try {
    const value = exc === null ? coro.send(null) : coro.throw(exc);
    return { done: false, value };
  } catch (error) {
    if (error instanceof StopIteration) return { done: true, value: error.value };
    throw error;
  }
}

/**
 * Where CPython 3.11(.7)'s asyncio/tasks.py has `sleep`: its first line, and the lines it
 * suspends at (`await __sleep0()` for a delay <= 0, else `return await future`).
 */
const SLEEP_LINES = { defined: 637, sleep0: 640, future: 649 };

/** `sleep() running at .../asyncio/tasks.py:649`: the runtime's `asyncio.sleep` as CPython's. */
function formatSleep(coro: Coroutine<unknown>): string {
  const file = `${ASYNCIO_DIR}/tasks.py`;
  if (coro.done) return `sleep() done, defined at ${file}:${SLEEP_LINES.defined}`;
  if (!coro.cr_suspended) return `sleep() running at ${file}:${SLEEP_LINES.defined}`;
  return `sleep() running at ${file}:${isFuture(suspendedDelegate(coro)) ? SLEEP_LINES.future : SLEEP_LINES.sleep0}`;
}

/**
 * CPython's `_format_coroutine`: `f() running at prog.py:12` (the line it is suspended at, or
 * its first line before it starts) / `f() done, defined at prog.py:10`. The runtime's own
 * coroutines (no line) and foreign ones show no location, but for `asyncio.sleep`.
 */
function formatCoroutine(coro: unknown): string {
  const name = (coro as { __qualname__?: string }).__qualname__ ?? "coroutine";
  if (!(coro instanceof Coroutine)) return `${name}() running`;
  // (A program's own coroutines have a first line.)
  if (coro._firstLine === 0 && name === "sleep") return formatSleep(coro);
  if (coro._firstLine === 0) return `${name}() ${coro.done ? "done" : "running"}`;
  return coro.done ? `${name}() done, defined at ${programFile()}:${coro._firstLine}` : `${name}() running at ${programFile()}:${coro._line}`;
}

function named<F extends Callback>(fn: F, qualname: string): F {
  (fn as unknown as { __qualname__: string }).__qualname__ = qualname;
  return fn;
}

/** Tasks whose `_log_destroy_pending` was cleared. */
const quietTasks = new WeakSet<object>();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class Task<T = any> extends Future<T> {
  static override readonly tpName: string = "_asyncio.Task";
  // Fields are `declare`d and assigned in the constructor (see Future): cheaper creation.
  declare readonly _coro: Coroutine<T> | ForeignCoroutine;
  /**
   * The name given, or the task's number while it has the default name `Task-<n>` (made on
   * demand: cheaper creation).
   */
  declare _nameOrNumber: string | number;
  declare _fut_waiter: Future | null;
  /**
   * CPython's `_num_cancels_requested` and `_must_cancel` in one field (read and written
   * through the accessors below): twice the count, plus one while a cancel is due at the
   * next step.
   */
  declare _cancelState: number;
  /** The task's number in a timeline recording (runtime/timeline), 0 when none. */
  declare _timelineId: number;
  /** The task is its own wake-up callback on the future it waits for (no closure per task). */
  declare readonly [TASK_WAKEUP]: true;

  /** `Task(coro, *, loop=None, name=None, context=None)`; the runtime passes loop, name positionally. */
  constructor(coro: unknown, arg1?: unknown, arg2?: unknown, ...rest: unknown[]) {
    let loop: EventLoop | null;
    let name: unknown;
    if (typeof arg1 === "object" && arg1 !== null && "call_soon" in arg1 && rest.length === 0) {
      loop = arg1 as EventLoop;
      name = arg2;
    } else {
      // Python code never passes JS undefined: the arguments given are the leading defined ones.
      const args = arg1 === undefined ? [] : arg2 === undefined ? [arg1] : [arg1, arg2, ...rest];
      const [loopArg, nameArg] = bindArgs("Task", args, ["loop", "name", "context"], 0);
      loop = (loopArg as EventLoop | null | undefined) ?? null;
      name = nameArg;
    }
    super(loop ?? get_event_loop());
    this._nameOrNumber = 0;
    this._timelineId = 0;
    this._fut_waiter = null;
    this._cancelState = 0;
    if (!iscoroutine(coro)) {
      this._log_destroy_pending = false;
      throw new PyTypeError(`a coroutine was expected, got ${repr(coro)}`);
    }
    this._coro = coro as Coroutine<T> | ForeignCoroutine;
    if (coro instanceof Coroutine) coro._claim();
    this._nameOrNumber = name !== null && name !== undefined ? toStr(name) : ++taskNameCounter;
    scheduleCallback(this._loop, taskStep, this);
    taskRegistry.push(this);
    if (recording.recorder !== null) recording.recorder.taskCreated(this);
  }

  /** CPython's flag (true unless cleared); kept aside, as few tasks ever clear it. */
  get _log_destroy_pending(): boolean {
    return !quietTasks.has(this);
  }

  set _log_destroy_pending(value: boolean) {
    if (value) quietTasks.delete(this);
    else quietTasks.add(this);
  }

  get_coro(): Coroutine<T> | ForeignCoroutine {
    return this._coro;
  }

  get _name(): string {
    const name = this._nameOrNumber;
    return typeof name === "string" ? name : `Task-${name}`;
  }

  /** The number of the default name (undefined once named: the timeline's recorder asks). */
  get _number(): number | undefined {
    const name = this._nameOrNumber;
    return typeof name === "number" ? name : undefined;
  }

  /** The name given, or null while the task has its default name. */
  get _givenName(): string | null {
    const name = this._nameOrNumber;
    return typeof name === "string" ? name : null;
  }

  get _must_cancel(): boolean {
    return (this._cancelState & 1) !== 0;
  }

  set _must_cancel(value: boolean) {
    this._cancelState = (this._cancelState & ~1) | (value ? 1 : 0);
  }

  get _num_cancels_requested(): number {
    return this._cancelState >>> 1;
  }

  set _num_cancels_requested(value: number) {
    this._cancelState = value * 2 + (this._cancelState & 1);
  }

  get_name(): string {
    return this._name;
  }

  set_name(value: unknown): null {
    this._nameOrNumber = toStr(value);
    if (recording.recorder !== null) recording.recorder.renamed(this);
    return null;
  }

  get_context(): null {
    return null;
  }

  override set_result(_result: T): never {
    throw new RuntimeError("Task does not support set_result operation");
  }

  override set_exception(_exception: unknown): never {
    throw new RuntimeError("Task does not support set_exception operation");
  }

  override _schedule_callbacks(): void {
    taskDone();
    if (recording.recorder !== null) recording.recorder.taskDone(this);
    super._schedule_callbacks();
  }

  /** Requests cancellation: the coroutine gets CancelledError at its next step. */
  override cancel(...args: unknown[]): boolean {
    const [msg] = bindArgs("cancel", args, ["msg"]);
    this._log_traceback = false;
    if (this.done()) return false;
    if (recording.recorder !== null) recording.recorder.cancelRequested(this);
    this._num_cancels_requested += 1;
    if (this._fut_waiter !== null && this._fut_waiter.cancel(msg ?? null)) return true;
    // The task is ready to step (or waits on nothing): cancel at its next step.
    this._must_cancel = true;
    this._cancel_message = msg ?? null;
    return true;
  }

  /** How many cancellations are pending (a Python int). */
  cancelling(): bigint {
    return BigInt(this._num_cancels_requested);
  }

  uncancel(): bigint {
    if (this._num_cancels_requested > 0) this._num_cancels_requested -= 1;
    return BigInt(this._num_cancels_requested);
  }

  /** One step of the coroutine (CPython's `Task.__step`). */
  _step(excArg: unknown): void {
    let exc = excArg;
    if (this.done()) {
      throw new InvalidStateError(`_step(): already done: ${repr(this)}, ${repr(exc)}`);
    }
    if ((this._cancelState & 1) !== 0) {
      if (!(exc instanceof CancelledError)) exc = this._make_cancelled_error();
      this._cancelState &= ~1;
    }
    this._fut_waiter = null;
    const loop = this._loop;
    const rec = recording.recorder;
    if (rec !== null) rec.stepBegin(this, exc);
    enterTask(loop, this);
    try {
      this._resume(exc);
    } finally {
      leaveTask(loop, this);
      if (rec !== null) rec.stepEnd(this);
    }
  }

  private _resume(exc: unknown): void {
    const coro = this._coro;
    let step: IteratorResult<unknown, unknown>;
    try {
      if (coro instanceof Coroutine) step = exc === null ? coro._step(NEXT, null) : coro._step(THROW, exc);
      else step = stepForeign(coro, exc);
    } catch (error) {
      if (error instanceof CancelledError) {
        // Kept so result() re-raises this very exception.
        this._cancelled_exc = error;
        Future.prototype.cancel.call(this);
      } else if (error instanceof KeyboardInterrupt || error instanceof SystemExit) {
        Future.prototype.set_exception.call(this, error);
        throw error;
      } else {
        Future.prototype.set_exception.call(this, error);
      }
      return;
    }
    if (step.done) {
      if ((this._cancelState & 1) !== 0) {
        // Cancelled right before the coroutine returned.
        this._must_cancel = false;
        Future.prototype.cancel.call(this, this._cancel_message);
      } else {
        Future.prototype.set_result.call(this, step.value);
      }
      return;
    }
    this._handleYield(step.value);
  }

  /** What the coroutine yielded decides how the task resumes. */
  private _handleYield(result: unknown): void {
    if (result === null || result === undefined) {
      // A bare yield (sleep(0)): give the other callbacks one turn.
      scheduleCallback(this._loop, taskStep, this);
      return;
    }
    const blocking = (result as { _asyncio_future_blocking?: unknown })._asyncio_future_blocking;
    if (blocking !== undefined && blocking !== null && isFuture(result)) {
      if (getLoopOf(result) !== this._loop) {
        this._scheduleError(
          `Task ${repr(this)} got Future ${repr(result)} attached to a different loop`,
        );
      } else if (blocking) {
        if (result === (this as unknown)) {
          this._scheduleError(`Task cannot await on itself: ${repr(this)}`);
          return;
        }
        const waiter = result as Future;
        waiter._asyncio_future_blocking = false;
        // A runtime future runs its callbacks through scheduleCallback, which knows a task; an
        // other future-like object (a Python class) gets a function to call.
        const plain = waiter instanceof Future && waiter.add_done_callback === Future.prototype.add_done_callback;
        if (plain) waiter.add_done_callback(this as unknown as Callback);
        else {
          const wakeup = named((future: Future) => this._wakeup(future), "Task.task_wakeup");
          // Debug mode's slow-callback log names the task a wake-up steps (`__self__`).
          (wakeup as unknown as { __self__: Task }).__self__ = this;
          waiter.add_done_callback(wakeup);
        }
        this._fut_waiter = waiter;
        if (this._must_cancel && waiter.cancel(this._cancel_message)) this._must_cancel = false;
      } else {
        this._scheduleError(
          `yield was used instead of yield from in task ${repr(this)} with ${repr(result)}`,
        );
      }
    } else if (result instanceof PyGenerator) {
      this._scheduleError(
        `yield was used instead of yield from for generator in task ${repr(this)} with ${repr(result)}`,
      );
    } else {
      this._scheduleError(`Task got bad yield: ${repr(result)}`);
    }
  }

  private _scheduleError(message: string): void {
    this._loop.call_soon(taskStep, this, new RuntimeError(message));
  }

  /** The awaited future is done: step again with its result or exception. */
  _wakeup(future: Future): void {
    try {
      future.result();
    } catch (exc) {
      this._step(exc);
      return;
    }
    this._step(null);
  }

  protected override _reprInfo(): string[] {
    const info = super._reprInfo();
    if (this._num_cancels_requested > 0 && !this.done()) info[0] = "cancelling";
    info.splice(1, 0, `name=${repr(this._name)}`, `coro=<${formatCoroutine(this._coro)}>`);
    if (this._fut_waiter !== null) info.splice(3, 0, `wait_for=${repr(this._fut_waiter)}`);
    return info;
  }
}

Object.defineProperty(Task.prototype, TASK_WAKEUP, { value: true });

/** What the loop calls to step a task (a shared function: no closure per task). */
function taskStep(task: Task, exc?: unknown): void {
  task._step(exc ?? null);
}
named(taskStep, "Task.__step");

/** `asyncio.current_task(loop=None)`. */
export function current_task(...args: unknown[]): Task {
  const [loop] = bindArgs("current_task", args, ["loop"]);
  const target = (loop as EventLoop | null | undefined) ?? get_running_loop();
  // Typed as Task for emitted code (`current_task().get_name()`); None outside a task.
  return (target._current_task as Task | null) ?? (null as unknown as Task);
}

/** `asyncio.all_tasks(loop=None)`: the loop's tasks not done yet. */
export function all_tasks(...args: unknown[]): PySet<Task> {
  const [loopArg] = bindArgs("all_tasks", args, ["loop"]);
  const loop = (loopArg as EventLoop | null | undefined) ?? get_running_loop();
  const result = new PySet<Task>();
  for (const task of taskRegistry) if (task._loop === loop && !task.done()) result.add(task);
  return result;
}

/** `ensure_future(x, loop=loop)` with the loop already resolved (null: the current one). */
export function ensureFutureOn(x: unknown, loop: EventLoop | null): Future {
  if (isFuture(x)) {
    if (loop !== null && loop !== getLoopOf(x)) {
      throw new ValueError(
        "The future belongs to a different loop than the one specified as the loop argument",
      );
    }
    return x;
  }
  let coro = x;
  let wrapped = false;
  if (!iscoroutine(x)) {
    if (!isAwaitableObject(x)) {
      throw new PyTypeError("An asyncio.Future, a coroutine or an awaitable is required");
    }
    coro = wrapAwaitable(x);
    wrapped = true;
  }
  const target = loop ?? get_event_loop();
  try {
    if (target._debug) return atSite("tasks.py:680", () => target.create_task(coro));
    return target.create_task(coro);
  } catch (error) {
    if (!wrapped && error instanceof RuntimeError) (coro as Coroutine).close();
    throw error;
  }
}

function isAwaitableObject(x: unknown): boolean {
  if (x instanceof PyGenerator) return x._iterableCoroutine;
  return typeof x === "object" && x !== null && typeof (x as { __await__?: unknown }).__await__ === "function";
}

/** `_wrap_awaitable`: a coroutine that awaits an awaitable object. */
function wrapAwaitable(awaitable: unknown): Coroutine {
  return new Coroutine(
    (function* (): Generator<unknown, unknown, unknown> {
      return yield* await_(awaitable);
    })(),
    "_wrap_awaitable",
  );
}

/** `asyncio.ensure_future(coro_or_future, *, loop=None)`. */
export function ensure_future<R>(x: Coroutine<R> | Future<R>, ...args: unknown[]): Future<R>;
export function ensure_future(x: unknown, ...args: unknown[]): Future;
export function ensure_future(x: unknown, ...args: unknown[]): Future {
  const [loop] = bindArgs("ensure_future", args, ["loop"], 0);
  return ensureFutureOn(x, (loop as EventLoop | null | undefined) ?? null);
}

/** `asyncio.create_task(coro, *, name=None, context=None)`: on the running loop. */
export function create_task<R>(coro: Coroutine<R>, ...args: unknown[]): Task<R>;
export function create_task(coro: unknown, ...args: unknown[]): Task;
export function create_task(coro: unknown, ...args: unknown[]): Task {
  const name = args.length === 0 ? undefined : bindArgs("create_task", args, ["name", "context"], 0)[0];
  const loop = get_running_loop();
  const task = (loop._debug ? atSite("tasks.py:384", () => loop.create_task(coro)) : loop.create_task(coro)) as Task;
  if (name !== undefined && name !== null) task.set_name(name);
  return task;
}
