// asyncio.sleep: a coroutine that waits on a future resolved by a timer handle.

import { await_ } from "../core/await.js";
import { Coroutine } from "../core/coroutine.js";
import { bindArgs, toSeconds } from "./args.js";
import { setResultUnlessCancelled } from "./futures.js";
import { get_running_loop } from "./loop-state.js";
import { recorder } from "../timeline/recorder.js";
import { repr } from "../values/repr.js";

/**
 * `asyncio.sleep(delay, result=None)`. `sleep(0)` (or less) yields bare once, letting every
 * other ready callback run, as CPython's `__sleep0`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function sleep(...args: unknown[]): Coroutine<any> {
  // sleep(0), the task-switch idiom, skips argument binding entirely.
  if (args.length === 1 && (args[0] === 0n || args[0] === 0)) return new Coroutine(sleepZero(), "sleep");
  return new Coroutine(sleepBody(args), "sleep");
}

function* sleepZero(): Generator<unknown, null, unknown> {
  yield null;
  return null;
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
  if (recorder !== null) recorder.label(future, `sleep(${repr(delayArg)})`);
  try {
    return yield* await_(future);
  } finally {
    handle.cancel();
  }
}
