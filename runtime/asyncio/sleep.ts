// asyncio.sleep: a coroutine that waits on a future resolved by a timer handle.

import { await_ } from "../core/await.js";
import { Coroutine } from "../core/coroutine.js";
import { CREATED, DONE, SUSPENDED, type ResumeMode } from "../core/suspendable.js";
import { bindArgs, toSeconds } from "./args.js";
import { setResultUnlessCancelled } from "./futures.js";
import { get_running_loop } from "./loop-state.js";
import { recording } from "../timeline/recorder.js";

/**
 * `asyncio.sleep(delay, result=None)`. `sleep(0)` (or less) yields bare once, letting every
 * other ready callback run, as CPython's `__sleep0`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function sleep(...args: unknown[]): Coroutine<any> {
  // sleep(0), the task-switch idiom, skips argument binding entirely.
  if (args.length === 1 && (args[0] === 0n || args[0] === 0)) return new SleepZero();
  return new Coroutine(sleepBody(args), "sleep");
}

function* sleepZero(): Generator<unknown, null, unknown> {
  yield null;
  return null;
}

// The iterator results of an awaited sleep(0). `yield*` hands an inner result up unchanged, so
// shared (frozen) ones mean a task switch allocates no result objects on the way to the Task.
const YIELD_NONE: IteratorResult<unknown, null> = Object.freeze({ done: false, value: null });
const DONE_NONE: IteratorResult<unknown, null> = Object.freeze({ done: true, value: null });

/** Stands for the body until it is needed (a Task stepping the coroutine itself, or close()). */
const BODY_NOT_MADE = sleepZero();

/**
 * The coroutine `sleep(0)` returns. Awaited fresh (the usual case) it is driven by a two-step
 * iterator instead of a generator: one bare yield, then None, with the coroutine's state kept
 * as the generator's would be. Stepped any other way, it makes the generator body first.
 */
class SleepZero extends Coroutine<null> {
  static override readonly pythonName = "coroutine";

  constructor() {
    super(BODY_NOT_MADE, "sleep");
  }

  override _awaitIterator(): Generator<unknown, null, unknown> {
    if (this._state === CREATED && this._gen === BODY_NOT_MADE) {
      this._onStart();
      this._state = SUSPENDED;
      return new SleepZeroAwait(this);
    }
    this._ensureBody();
    return super._awaitIterator();
  }

  _ensureBody(): void {
    if (this._gen === BODY_NOT_MADE) this._gen = sleepZero();
  }

  override _step(mode: ResumeMode, value: unknown): IteratorResult<unknown, null> {
    this._ensureBody();
    return super._step(mode, value);
  }

  override close(): null {
    this._ensureBody();
    return super.close();
  }
}

/** `yield*` target of an awaited fresh sleep(0): suspended after the first next, done after the second. */
class SleepZeroAwait implements Generator<unknown, null, unknown> {
  private declare readonly coro: SleepZero;
  private declare yielded: boolean;

  constructor(coro: SleepZero) {
    this.coro = coro;
    this.yielded = false;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<unknown, null> {
    if (!this.yielded) {
      this.yielded = true;
      return YIELD_NONE;
    }
    this.coro._state = DONE;
    return DONE_NONE;
  }

  throw(error: unknown): IteratorResult<unknown, null> {
    // Thrown in at the bare yield: nothing in sleep(0) catches it.
    this.coro._state = DONE;
    throw error;
  }

  return(value?: unknown): IteratorResult<unknown, null> {
    this.coro._state = DONE;
    return { done: true, value: (value ?? null) as null };
  }

  get [Symbol.toStringTag](): string {
    return "SleepZeroAwait";
  }
}

function* sleepBody(args: unknown[]): Generator<unknown, unknown, unknown> {
  // The common `sleep(x)` skips argument binding; `loop=` is accepted and ignored (pre-3.10).
  const [delayArg, resultArg] =
    args.length === 1 ? args : bindArgs("sleep", args, ["delay", "result", "loop"], 2);
  const delay = toSeconds(delayArg);
  const result = resultArg ?? null;
  if (delay <= 0) {
    yield null;
    return result;
  }
  const loop = get_running_loop();
  const future = loop.create_future();
  const handle = loop.call_later(delay, setResultUnlessCancelled, future, result);
  if (recording.recorder !== null) recording.recorder.labelSleep(future, delayArg);
  try {
    return yield* await_(future);
  } finally {
    handle.cancel();
  }
}
