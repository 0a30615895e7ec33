// Handing blocking work to threads from asyncio: loop.run_in_executor (the loop's default
// ThreadPoolExecutor, thread names "asyncio_N"), asyncio.to_thread, asyncio.wrap_future and
// asyncio.run_coroutine_threadsafe, chaining concurrent.futures and asyncio futures as
// CPython's futures._chain_future does (each side's completion posted to the other's loop).

import { await_ } from "../core/await.js";
import { Coroutine } from "../core/coroutine.js";
import { kw, splitKw } from "../values/kwargs.js";
import { PyTypeError } from "../values/exceptions.js";
import type { Future as ConcurrentFuture, ThreadPoolExecutor } from "../modules/concurrent-futures.js";
import { initialiseModule } from "../modules/module-object.js";
import { callValue } from "../modules/pycall.js";
import type { EventLoop } from "./events.js";
import { Future, isFuture } from "./futures.js";
import { get_event_loop, get_running_loop } from "./loop-state.js";
import { ensureFutureOn } from "./tasks.js";

const defaultExecutors = new WeakMap<EventLoop, ThreadPoolExecutor>();

interface FuturesClasses {
  Future: typeof ConcurrentFuture;
  ThreadPoolExecutor: typeof ThreadPoolExecutor;
}
let futuresClasses: FuturesClasses | undefined;

/** concurrent.futures's file hands its classes over as it initialises. */
export function registerFuturesClasses(classes: FuturesClasses): void {
  futuresClasses = classes;
}

/**
 * concurrent.futures's classes. Its file (worker threads, queues) is a standard-library
 * module's, which the runtime's bundle initialises on first use: here, the first executor,
 * not every program's start.
 */
function futures(): FuturesClasses {
  // (the file makes the `concurrent` package, the lazy module, with its `futures`)
  if (futuresClasses === undefined) initialiseModule("concurrent");
  if (futuresClasses === undefined) throw new Error("pyts runtime: concurrent.futures did not register its classes");
  return futuresClasses;
}

/** `loop.set_default_executor(executor)`. */
export function setDefaultExecutor(loop: EventLoop, executor: unknown): null {
  if (!(executor instanceof futures().ThreadPoolExecutor)) throw new PyTypeError("executor must be ThreadPoolExecutor");
  defaultExecutors.set(loop, executor);
  return null;
}

/** `loop.run_in_executor(executor, func, *args)`: an asyncio future for func's result. */
export function runInExecutor(loop: EventLoop, executor: unknown, func: unknown, args: unknown[]): Future {
  loop._check_closed();
  let pool = executor as ThreadPoolExecutor | null | undefined;
  if (pool === null || pool === undefined) {
    pool = defaultExecutors.get(loop);
    if (pool === undefined) {
      pool = new (futures().ThreadPoolExecutor)(kw({ thread_name_prefix: "asyncio" }));
      defaultExecutors.set(loop, pool);
    }
  }
  // The worker starts now and runs when this thread next waits (the loop's select).
  const submitted = pool._submit(func, args);
  return wrapFuture(submitted, loop);
}

/** The default executor's shutdown (asyncio.run's end): waits for its threads. */
export function shutdownDefaultExecutor(loop: EventLoop): Coroutine<null> {
  return new Coroutine<null>(
    (function* () {
      const pool = defaultExecutors.get(loop);
      if (pool === undefined) return null;
      defaultExecutors.delete(loop);
      const done = pool.shutdown(kw({ wait: true }));
      if (done !== null) yield* await_(done);
      return null;
    })(),
    "BaseEventLoop.shutdown_default_executor",
  );
}

function copyToAsyncio(source: ConcurrentFuture, dest: Future): void {
  if (dest.cancelled()) return;
  if (source.cancelled()) dest.cancel();
  else if (source._exception !== null) dest.set_exception(source._exception);
  else dest.set_result(source._result);
}

function copyToConcurrent(source: Future, dest: ConcurrentFuture): void {
  if (dest.done()) return;
  if (source.cancelled()) {
    dest.cancel();
    return;
  }
  if (!dest.set_running_or_notify_cancel()) return;
  const exception = source.exception();
  if (exception !== null) dest.set_exception(exception);
  else dest.set_result(source.result());
}

/** `asyncio.wrap_future(future, *, loop=None)`. */
export function wrapFuture(future: unknown, loop?: EventLoop | null): Future {
  if (isFuture(future)) return future;
  if (!(future instanceof futures().Future)) throw new PyTypeError(`concurrent.futures.Future is expected, got ${String(future)}`);
  const target = loop ?? get_event_loop();
  const dest = target.create_future();
  dest.add_done_callback(() => {
    if (dest.cancelled()) future.cancel();
    return null;
  });
  future.add_done_callback((done: ConcurrentFuture) => {
    if (target.is_closed()) return null;
    target.call_soon_threadsafe(() => (copyToAsyncio(done, dest), null));
    return null;
  });
  return dest;
}

function wrap_future(...args: unknown[]): Future {
  const [positional, keywords] = splitKw(args);
  return wrapFuture(positional[0], (keywords["loop"] as EventLoop | undefined) ?? null);
}

/** `asyncio.to_thread(func, /, *args, **kwargs)`: a coroutine awaiting func run in the default executor. */
function to_thread(func: unknown, ...args: unknown[]): Coroutine<unknown> {
  return new Coroutine(
    (function* () {
      const loop = get_running_loop();
      const call = (): unknown => callValue(func, ...args);
      return yield* await_(runInExecutor(loop, null, call, []));
    })(),
    "to_thread",
  );
}

/** `asyncio.run_coroutine_threadsafe(coro, loop)`: a concurrent.futures.Future of its result. */
function run_coroutine_threadsafe(coro: unknown, loop: EventLoop): ConcurrentFuture {
  if (!(coro instanceof Coroutine)) throw new PyTypeError("A coroutine object is required");
  const future = new (futures().Future)();
  loop.call_soon_threadsafe(() => {
    try {
      const task = ensureFutureOn(coro, loop);
      future.add_done_callback(() => {
        if (future.cancelled()) loop.call_soon_threadsafe(() => (task.cancel(), null));
        return null;
      });
      task.add_done_callback(() => (copyToConcurrent(task, future), null));
    } catch (error) {
      if (future.set_running_or_notify_cancel()) future.set_exception(error);
      throw error;
    }
    return null;
  });
  return future;
}

export const executorFunctions = { to_thread, wrap_future, run_coroutine_threadsafe };
