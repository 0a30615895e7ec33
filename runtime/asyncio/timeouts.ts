// asyncio.timeout / asyncio.timeout_at (3.11): an async context manager that cancels the
// current task when its deadline passes and turns that cancellation into TimeoutError.

import { Coroutine } from "../core/coroutine.js";
import { RuntimeError, TimeoutError } from "../values/exceptions.js";
import { floatRepr } from "../values/float-repr.js";
import { toSeconds } from "./args.js";
import { CancelledError } from "./exceptions.js";
import type { Handle } from "./handles.js";
import { get_running_loop } from "./loop-state.js";
import { current_task, type Task } from "./tasks.js";

/** The states of CPython's `_State` enum, by their values. */
type TimeoutState = "created" | "active" | "expiring" | "expired" | "finished";

export class Timeout {
  static readonly __module__ = "asyncio.timeouts";
  _state: TimeoutState = "created";
  _timeout_handler: Handle | null = null;
  _task: Task | null = null;
  _when: number | null;
  _cancelling = 0n;

  constructor(when: unknown) {
    this._when = when === null || when === undefined ? null : toSeconds(when, "when");
  }

  when(): number | null {
    return this._when;
  }

  /** Moves the deadline (None: no deadline); only while the block is active. */
  reschedule(when: unknown): null {
    if (this._state !== "active") {
      throw new RuntimeError(`Cannot change state of ${this._state} Timeout`);
    }
    this._when = when === null || when === undefined ? null : toSeconds(when, "when");
    this._timeout_handler?.cancel();
    if (this._when === null) {
      this._timeout_handler = null;
    } else {
      const loop = get_running_loop();
      this._timeout_handler =
        this._when <= loop.time() ? loop.call_soon(this._onTimeout) : loop.call_at(this._when, this._onTimeout);
    }
    return null;
  }

  expired(): boolean {
    return this._state === "expiring" || this._state === "expired";
  }

  private readonly _onTimeout = (): void => {
    this._task!.cancel();
    this._state = "expiring";
    this._timeout_handler = null;
  };

  __aenter__(): Coroutine<Timeout> {
    return new Coroutine(this._enter(), "Timeout.__aenter__");
  }

  // eslint-disable-next-line require-yield
  private *_enter(): Generator<unknown, Timeout, unknown> {
    this._state = "active";
    this._task = current_task();
    if (this._task === null) throw new RuntimeError("Timeout should be used inside a task");
    this._cancelling = this._task.cancelling();
    this.reschedule(this._when);
    return this;
  }

  __aexit__(excType: unknown, excValue: unknown, _tb: unknown): Coroutine<null> {
    return new Coroutine(this._exit(excType, excValue), "Timeout.__aexit__");
  }

  // eslint-disable-next-line require-yield
  private *_exit(excType: unknown, excValue: unknown): Generator<unknown, null, unknown> {
    if (this._timeout_handler !== null) {
      this._timeout_handler.cancel();
      this._timeout_handler = null;
    }
    if (this._state === "expiring") {
      this._state = "expired";
      if (this._task!.uncancel() <= this._cancelling && excType === CancelledError) {
        // No newer cancellation is pending: this one was ours.
        const error = new TimeoutError();
        error.__cause__ = excValue as TimeoutError;
        error.__context__ = excValue as TimeoutError;
        error.__suppress_context__ = true;
        throw error;
      }
    } else if (this._state === "active") {
      this._state = "finished";
    }
    return null;
  }

  __repr__(): string {
    let info = "";
    if (this._state === "active") {
      info = ` when=${this._when === null ? "None" : floatRepr(Math.round(this._when * 1000) / 1000)}`;
    }
    return `<Timeout [${this._state}]${info}>`;
  }
}

/** `asyncio.timeout(delay)`: a deadline `delay` seconds from now (None: none). */
export function timeout(delay: unknown): Timeout {
  const loop = get_running_loop();
  return new Timeout(delay === null || delay === undefined ? null : loop.time() + toSeconds(delay));
}

/** `asyncio.timeout_at(when)`: a deadline on the loop's clock. */
export function timeout_at(when: unknown): Timeout {
  return new Timeout(when);
}
