// asyncio.wait and asyncio.wait_for (3.11 algorithms).

import { await_ } from "../core/await.js";
import { Coroutine } from "../core/coroutine.js";
import { PyTypeError, TimeoutError, ValueError } from "../values/exceptions.js";
import { PySet } from "../values/set.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { bindArgs, toSeconds } from "./args.js";
import { CancelledError } from "./exceptions.js";
import type { EventLoop } from "./events.js";
import { Future, isFuture } from "./futures.js";
import { get_running_loop } from "./loop-state.js";
import { ensureFutureOn, iscoroutine } from "./tasks.js";

export const FIRST_COMPLETED = "FIRST_COMPLETED";
export const FIRST_EXCEPTION = "FIRST_EXCEPTION";
export const ALL_COMPLETED = "ALL_COMPLETED";

function releaseWaiter(waiter: Future): void {
  if (!waiter.done()) waiter.set_result(null);
}
Object.defineProperty(releaseWaiter, "__qualname__", { value: "_release_waiter" });

/**
 * `asyncio.wait(fs, *, timeout=None, return_when=ALL_COMPLETED)`: a coroutine giving the
 * tuple `(done, pending)` of sets.
 */
export function wait(...args: unknown[]): Coroutine<Tuple<PySet<Future>>> {
  return new Coroutine(waitBody(args), "wait");
}

function* waitBody(args: unknown[]): Generator<unknown, Tuple<PySet<Future>>, unknown> {
  const [fsArg, timeoutArg, returnWhenArg] = bindArgs("wait", args, ["fs", "timeout", "return_when", "loop"], 1);
  const returnWhen = returnWhenArg ?? ALL_COMPLETED;
  if (isFuture(fsArg) || iscoroutine(fsArg)) {
    throw new PyTypeError(`expect a list of futures, not ${typeName(fsArg)}`);
  }
  const items = [...(fsArg as Iterable<unknown>)];
  if (items.length === 0) throw new ValueError("Set of Tasks/Futures is empty.");
  if (returnWhen !== FIRST_COMPLETED && returnWhen !== FIRST_EXCEPTION && returnWhen !== ALL_COMPLETED) {
    throw new ValueError(`Invalid return_when value: ${String(returnWhen)}`);
  }
  const loop = get_running_loop();
  // Bare coroutines (rejected since 3.11) are wrapped in tasks, as the lecture-era asyncio did.
  const fs = [...new Set(items.map((f) => ensureFutureOn(f, loop)))];
  const timeout = timeoutArg === null || timeoutArg === undefined ? null : toSeconds(timeoutArg, "timeout");

  const waiter = loop.create_future();
  const timeoutHandle = timeout === null ? null : loop.call_later(timeout, releaseWaiter, waiter);
  let counter = fs.length;
  const onCompletion = (f: Future): void => {
    counter -= 1;
    if (
      counter <= 0 ||
      returnWhen === FIRST_COMPLETED ||
      (returnWhen === FIRST_EXCEPTION && !f.cancelled() && f.exception() !== null)
    ) {
      timeoutHandle?.cancel();
      if (!waiter.done()) waiter.set_result(null);
    }
  };
  Object.defineProperty(onCompletion, "__qualname__", { value: "_wait.<locals>._on_completion" });
  for (const f of fs) f.add_done_callback(onCompletion);
  try {
    yield* await_(waiter);
  } finally {
    timeoutHandle?.cancel();
    for (const f of fs) f.remove_done_callback(onCompletion);
  }
  const done = new PySet<Future>();
  const pending = new PySet<Future>();
  for (const f of fs) (f.done() ? done : pending).add(f);
  return Tuple.of(done, pending);
}

/** Cancels `fut` and waits until it is really done. */
function* cancelAndWait(fut: Future, loop: EventLoop): Generator<unknown, void, unknown> {
  const waiter = loop.create_future();
  const callback = (): void => releaseWaiter(waiter);
  fut.add_done_callback(callback);
  try {
    fut.cancel();
    yield* await_(waiter);
  } finally {
    fut.remove_done_callback(callback);
  }
}

function timeoutFrom(cause: unknown): TimeoutError {
  const error = new TimeoutError();
  error.__cause__ = cause as TimeoutError;
  error.__context__ = cause as TimeoutError;
  return error;
}

/** `asyncio.wait_for(aw, timeout)`: the result, or TimeoutError after cancelling `aw`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function wait_for(...args: unknown[]): Coroutine<any> {
  return new Coroutine(waitForBody(args), "wait_for");
}

function* waitForBody(args: unknown[]): Generator<unknown, unknown, unknown> {
  const [awArg, timeoutArg] = bindArgs("wait_for", args, ["fut", "timeout", "loop"], 2);
  const loop = get_running_loop();
  if (timeoutArg === null || timeoutArg === undefined) return yield* await_(awArg);
  const timeout = toSeconds(timeoutArg, "timeout");
  if (timeout <= 0) {
    const fut = ensureFutureOn(awArg, loop);
    if (fut.done()) return fut.result();
    yield* cancelAndWait(fut, loop);
    try {
      return fut.result();
    } catch (exc) {
      if (exc instanceof CancelledError) throw timeoutFrom(exc);
      throw exc;
    }
  }
  const waiter = loop.create_future();
  const timeoutHandle = loop.call_later(timeout, releaseWaiter, waiter);
  const callback = (): void => releaseWaiter(waiter);
  Object.defineProperty(callback, "__qualname__", { value: "_release_waiter" });
  const fut = ensureFutureOn(awArg, loop);
  fut.add_done_callback(callback);
  try {
    try {
      yield* await_(waiter);
    } catch (exc) {
      if (exc instanceof CancelledError) {
        if (fut.done()) return fut.result();
        fut.remove_done_callback(callback);
        yield* cancelAndWait(fut, loop);
      }
      throw exc;
    }
    if (fut.done()) return fut.result();
    fut.remove_done_callback(callback);
    // Wait until the cancellation really happened, so the task is done when we return.
    yield* cancelAndWait(fut, loop);
    try {
      return fut.result();
    } catch (exc) {
      if (exc instanceof CancelledError) throw timeoutFrom(exc);
      throw exc;
    }
  } finally {
    timeoutHandle.cancel();
  }
}
