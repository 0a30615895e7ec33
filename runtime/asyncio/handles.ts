// Handles: a callback with its arguments, scheduled on the loop's ready queue (Handle) or its
// timer heap (TimerHandle), cancellable until it runs.

import { KeyboardInterrupt, SystemExit } from "../values/exceptions.js";
import { floatRepr } from "../values/float-repr.js";
import { creationInfo } from "./debug.js";
import { formatCallbackSource, type Callback } from "./format.js";
import { callValue } from "../modules/pycall.js";

/** What a handle needs from its loop. */
export interface HandleLoop {
  call_exception_handler(context: Record<string, unknown>): void;
  _timer_handle_cancelled(handle: TimerHandle): void;
}

export class Handle {
  static readonly __module__ = "asyncio.events";
  // Fields are `declare`d and assigned in the constructor: cheaper creation on V8 (Node 20).
  declare _callback: Callback | null;
  declare _args: readonly unknown[] | null;
  declare _cancelled: boolean;
  declare readonly _loop: HandleLoop;

  constructor(callback: Callback, args: readonly unknown[], loop: HandleLoop) {
    this._callback = callback;
    this._args = args;
    this._cancelled = false;
    this._loop = loop;
  }

  cancel(): void {
    if (!this._cancelled) {
      this._cancelled = true;
      this._callback = null;
      this._args = null;
    }
  }

  cancelled(): boolean {
    return this._cancelled;
  }

  get_context(): null {
    return null;
  }

  /** Runs the callback; its exceptions go to the loop's exception handler, never further. */
  _run(): void {
    const callback = this._callback!;
    const args = this._args!;
    try {
      // An object with `__call__` is a callback too (call_soon(obj)).
      if (typeof callback === "function") callback(...args);
      else callValue(callback, ...args);
    } catch (exc) {
      if (exc instanceof SystemExit || exc instanceof KeyboardInterrupt) throw exc;
      this._reportError(exc);
    }
  }

  /** Hands an exception the callback raised to the loop's exception handler. */
  _reportError(exc: unknown): void {
    this._loop.call_exception_handler({
      message: `Exception in callback ${formatCallbackSource(this._callback!, this._args ?? [])}`,
      exception: exc,
      handle: this,
    });
  }

  protected _reprInfo(): string[] {
    const info = [this.constructor.name];
    if (this._cancelled) info.push("cancelled");
    if (this._callback !== null) info.push(formatCallbackSource(this._callback, this._args ?? []));
    // A handle made while its loop was in debug mode says where (CPython's `_source_traceback[-1]`).
    const created = creationInfo(this);
    if (created !== null) info.push(created);
    return info;
  }

  __repr__(): string {
    return `<${this._reprInfo().join(" ")}>`;
  }
}

/**
 * Runs a runtime callback queued without a Handle (`EventLoop._callSoonInternal`) as
 * `Handle._run` would; the handle in an error report is made then, as the one it stands for.
 */
export function runCallback(loop: HandleLoop, callback: Callback, arg: unknown): void {
  try {
    if (typeof callback === "function") callback(arg);
    else callValue(callback, arg);
  } catch (exc) {
    if (exc instanceof SystemExit || exc instanceof KeyboardInterrupt) throw exc;
    new Handle(callback, [arg], loop)._reportError(exc);
  }
}

/** The timers one loop iteration scheduled, and how much the program did meanwhile. */
export interface TimerBatch {
  readonly iteration: number;
  /** performance.now() and the effort clock (core/effort-clock.ts) at its first timer. */
  readonly wallAtFirst: number;
  readonly effortAtFirst: number;
  /** Effort seconds from its first timer to the end of its iteration; Infinity until then. */
  effortSpent: number;
}

export class TimerHandle extends Handle {
  declare readonly _when: number;
  /** True while the handle sits in the loop's timer heap. */
  declare _scheduled: boolean;
  /** The timers of the loop iteration that scheduled it and the clock then (see EventLoop._dueTogether). */
  declare _batch: TimerBatch | null;
  declare _scheduledAt: number;

  constructor(when: number, callback: Callback, args: readonly unknown[], loop: HandleLoop, batch: TimerBatch | null = null, scheduledAt = 0) {
    super(callback, args, loop);
    this._when = when;
    this._scheduled = false;
    this._batch = batch;
    this._scheduledAt = scheduledAt;
  }

  when(): number {
    return this._when;
  }

  override cancel(): void {
    if (!this._cancelled) this._loop._timer_handle_cancelled(this);
    super.cancel();
  }

  protected override _reprInfo(): string[] {
    const info = super._reprInfo();
    info.splice(this._cancelled ? 2 : 1, 0, `when=${floatRepr(this._when)}`);
    return info;
  }
}

/** The heap order of timers: `when` only, like CPython's `TimerHandle.__lt__`. */
export function timerLess(a: TimerHandle, b: TimerHandle): boolean {
  return a._when < b._when;
}
