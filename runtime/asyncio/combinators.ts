// asyncio.as_completed and asyncio.shield (3.11 algorithms).

import { await_ } from "../core/await.js";
import { coroutine, type Coroutine } from "../core/coroutine.js";
import { generator, type PyGenerator } from "../core/generator.js";
import { PyTypeError, TimeoutError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import { bindArgs, toSeconds } from "./args.js";
import type { TimerHandle } from "./handles.js";
import { getLoopOf, isFuture, type Future } from "./futures.js";
import { get_event_loop } from "./loop-state.js";
import { Queue } from "./queues.js";
import { ensureFutureOn, iscoroutine } from "./tasks.js";

function named<F>(fn: F, qualname: string): F {
  Object.defineProperty(fn, "__qualname__", { value: qualname });
  return fn;
}

/**
 * `as_completed(fs, *, timeout=None)`: a generator of coroutines, each giving the next result
 * to complete (or raising TimeoutError once the timeout passed).
 */
export function as_completed(...args: unknown[]): PyGenerator<Coroutine<unknown>, null> {
  const [fs, timeoutArg] = bindArgs("as_completed", args, ["fs", "timeout", "loop"], 1);
  if (isFuture(fs) || iscoroutine(fs)) {
    throw new PyTypeError(`expect an iterable of futures, not ${typeName(fs)}`);
  }
  const done = new Queue<Future | null>();
  const loop = get_event_loop();
  // CPython iterates a set here; insertion order is the faithful stand-in.
  const todo = new Set<Future>();
  for (const f of new Set(fs as Iterable<unknown>)) todo.add(ensureFutureOn(f, loop));
  let timeoutHandle: TimerHandle | null = null;

  const onTimeout = named((): void => {
    for (const f of todo) {
      f.remove_done_callback(onCompletion);
      done.put_nowait(null);
    }
    todo.clear();
  }, "as_completed.<locals>._on_timeout");

  const onCompletion = named((f: Future): void => {
    if (todo.size === 0) return;
    todo.delete(f);
    done.put_nowait(f);
    if (todo.size === 0 && timeoutHandle !== null) timeoutHandle.cancel();
  }, "as_completed.<locals>._on_completion");

  const waitForOne = (): Coroutine<unknown> =>
    coroutine(function* () {
      const f = yield* await_(done.get());
      if (f === null) throw new TimeoutError();
      return f.result();
    }, "as_completed.<locals>._wait_for_one");

  for (const f of todo) f.add_done_callback(onCompletion);
  if (todo.size > 0 && timeoutArg !== null && timeoutArg !== undefined) {
    timeoutHandle = loop.call_later(toSeconds(timeoutArg, "timeout"), onTimeout);
  }
  const count = todo.size;
  return generator(function* () {
    for (let i = 0; i < count; i++) yield waitForOne();
    return null;
  }, "as_completed");
}

/** `shield(aw)`: a future that can be cancelled without cancelling `aw`. */
export function shield(...args: unknown[]): Future {
  const [arg] = bindArgs("shield", args, ["arg", "loop"], 1);
  const inner = ensureFutureOn(arg, null);
  if (inner.done()) return inner;
  const loop = getLoopOf(inner);
  const outer = loop.create_future();

  const innerDone = named((f: Future): void => {
    if (outer.cancelled()) {
      if (!f.cancelled()) f.exception(); // Mark it retrieved.
      return;
    }
    if (f.cancelled()) {
      outer.cancel();
    } else {
      const exc = f.exception();
      if (exc !== null) outer.set_exception(exc);
      else outer.set_result(f.result());
    }
  }, "shield.<locals>._inner_done_callback");

  const outerDone = named((): void => {
    if (!inner.done()) inner.remove_done_callback(innerDone);
  }, "shield.<locals>._outer_done_callback");

  inner.add_done_callback(innerDone);
  outer.add_done_callback(outerDone);
  return outer;
}
