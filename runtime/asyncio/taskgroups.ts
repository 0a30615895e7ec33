// asyncio.TaskGroup (3.11): tasks created in an `async with` block are awaited at its end; the
// first failure cancels the siblings and the parent, and the errors come out as one group.

import { await_ } from "../core/await.js";
import { coroutine, Coroutine } from "../core/coroutine.js";
import { BaseException, KeyboardInterrupt, RuntimeError, SystemExit } from "../values/exceptions.js";
import { repr } from "../values/repr.js";
import { bindArgs } from "./args.js";
import type { EventLoop } from "./events.js";
import { CancelledError } from "./exceptions.js";
import { BaseExceptionGroup } from "./exception-group.js";
import type { Future } from "./futures.js";
import { get_running_loop } from "./loop-state.js";
import { current_task, type Task } from "./tasks.js";

function isBaseError(exc: unknown): boolean {
  return exc instanceof SystemExit || exc instanceof KeyboardInterrupt;
}

export class TaskGroup {
  static readonly __module__ = "asyncio.taskgroups";
  _entered = false;
  _exiting = false;
  _aborting = false;
  _loop: EventLoop | null = null;
  _parent_task: Task | null = null;
  _parent_cancel_requested = false;
  /** Insertion-ordered (CPython's set orders tasks by address, which is allocation order here). */
  _tasks = new Set<Task>();
  _errors: unknown[] | null = [];
  _base_error: unknown = null;
  _on_completed_fut: Future | null = null;
  private readonly _onTaskDoneCallback = (task: Task): void => this._on_task_done(task);

  constructor() {
    Object.defineProperty(this._onTaskDoneCallback, "__qualname__", { value: "TaskGroup._on_task_done" });
  }

  __repr__(): string {
    let info = "";
    if (this._tasks.size > 0) info += ` tasks=${this._tasks.size}`;
    if (this._errors !== null && this._errors.length > 0) info += ` errors=${this._errors.length}`;
    if (this._aborting) info += " cancelling";
    else if (this._entered) info += " entered";
    return `<TaskGroup${info}>`;
  }

  __aenter__(): Coroutine<TaskGroup> {
    // eslint-disable-next-line require-yield
    return coroutine(function* (this: TaskGroup) {
      if (this._entered) throw new RuntimeError(`TaskGroup ${repr(this)} has already been entered`);
      if (this._loop === null) this._loop = get_running_loop();
      this._parent_task = current_task(this._loop);
      if (this._parent_task === null) {
        throw new RuntimeError(`TaskGroup ${repr(this)} cannot determine the parent task`);
      }
      this._entered = true;
      return this;
    }.bind(this), "TaskGroup.__aenter__");
  }

  __aexit__(excType: unknown, exc: unknown, _tb: unknown): Coroutine<null> {
    return new Coroutine(this._exit(excType, exc), "TaskGroup.__aexit__");
  }

  private *_exit(excType: unknown, exc: unknown): Generator<unknown, null, unknown> {
    this._exiting = true;
    if (exc !== null && exc !== undefined && isBaseError(exc) && this._base_error === null) {
      this._base_error = exc;
    }
    let propagateCancellation: unknown = excType === CancelledError ? exc : null;
    if (this._parent_cancel_requested && this._parent_task!.uncancel() === 0n) propagateCancellation = null;
    const failed = excType !== null && excType !== undefined;
    if (failed && !this._aborting) this._abort();

    while (this._tasks.size > 0) {
      if (this._on_completed_fut === null) this._on_completed_fut = this._loop!.create_future();
      try {
        yield* await_(this._on_completed_fut);
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        if (!this._aborting) {
          propagateCancellation = error;
          this._abort();
        }
      }
      this._on_completed_fut = null;
    }

    if (this._base_error !== null) throw this._base_error;
    const errors = this._errors!;
    if (propagateCancellation && errors.length === 0) throw propagateCancellation;
    if (failed && excType !== CancelledError) errors.push(exc);
    if (errors.length > 0) {
      this._errors = null;
      const group = new BaseExceptionGroup("unhandled errors in a TaskGroup", errors);
      group.__suppress_context__ = true;
      throw group;
    }
    return null;
  }

  /** `create_task(coro, *, name=None, context=None)`. */
  create_task(coro: unknown, ...args: unknown[]): Task {
    const [name] = bindArgs("create_task", args, ["name", "context"], 0);
    if (!this._entered) throw new RuntimeError(`TaskGroup ${repr(this)} has not been entered`);
    if (this._exiting && this._tasks.size === 0) throw new RuntimeError(`TaskGroup ${repr(this)} is finished`);
    if (this._aborting) throw new RuntimeError(`TaskGroup ${repr(this)} is shutting down`);
    const task = this._loop!.create_task(coro) as Task;
    if (name !== undefined && name !== null) task.set_name(name);
    task.add_done_callback(this._onTaskDoneCallback);
    this._tasks.add(task);
    return task;
  }

  _abort(): void {
    this._aborting = true;
    for (const task of this._tasks) if (!task.done()) task.cancel();
  }

  _on_task_done(task: Task): void {
    this._tasks.delete(task);
    const completed = this._on_completed_fut;
    if (completed !== null && this._tasks.size === 0 && !completed.done()) completed.set_result(true);
    if (task.cancelled()) return;
    const exc = task.exception();
    if (exc === null) return;
    this._errors?.push(exc);
    if (isBaseError(exc) && this._base_error === null) this._base_error = exc;
    const parent = this._parent_task!;
    if (parent.done()) {
      this._loop!.call_exception_handler({
        message: `Task ${repr(task)} has errored out but its parent task ${repr(parent)} is already completed`,
        exception: exc as BaseException,
        task,
      });
      return;
    }
    if (!this._aborting && !this._parent_cancel_requested) {
      this._abort();
      this._parent_cancel_requested = true;
      parent.cancel();
    }
  }
}
