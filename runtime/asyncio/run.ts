// asyncio.run: a fresh loop for one main coroutine (3.11's Runner, without signal handling).

import type { Coroutine } from "../core/coroutine.js";
import { RuntimeError, ValueError } from "../values/exceptions.js";
import { repr } from "../values/repr.js";
import { bindArgs } from "./args.js";
import { EventLoop } from "./events.js";
import { gather } from "./gather.js";
import { kw } from "../values/kwargs.js";
import { _get_running_loop, new_event_loop, set_event_loop } from "./loop-state.js";
import { all_tasks, iscoroutine } from "./tasks.js";
import { atSite } from "./debug.js";
import { noteOuterStack, noteOuterStackFrom } from "../values/traceback.js";

/** Cancels what is still pending and waits for it, reporting exceptions that are not cancellations. */
async function cancelAllTasks(loop: EventLoop): Promise<void> {
  const toCancel = [...all_tasks(loop)];
  if (toCancel.length === 0) return;
  for (const task of toCancel) task.cancel();
  await loop.run_until_complete(gather(...toCancel, kw({ return_exceptions: true })));
  for (const task of toCancel) {
    if (task.cancelled()) continue;
    const exc = task.exception();
    if (exc !== null) {
      loop.call_exception_handler({
        message: "unhandled exception during asyncio.run() shutdown",
        exception: exc,
        task,
      });
    }
  }
}

/**
 * `asyncio.run(main, *, debug=None)`: a promise of main's result. The argument checks raise at
 * once (not through the promise), so a nested call fails where CPython's does.
 */
export function run<R>(main: Coroutine<R>, ...args: unknown[]): Promise<R>;
export function run(main: unknown, ...args: unknown[]): Promise<unknown>;
export function run(main: unknown, ...args: unknown[]): Promise<unknown> {
  const [debug] = bindArgs("run", args, ["debug"], 0);
  if (_get_running_loop() !== null) {
    throw new RuntimeError("asyncio.run() cannot be called from a running event loop");
  }
  if (!iscoroutine(main)) throw new ValueError(`a coroutine was expected, got ${repr(main)}`);
  // The caller's stack (`asyncio.run(main())` in `<module>`): an exception leaving the run
  // shows that frame above the coroutine's, as CPython's traceback does.
  const caller = new Error().stack;
  return runOnNewLoop(main, debug).catch((e: unknown) => {
    noteOuterStackFrom(e, caller);
    throw e;
  });
}

async function runOnNewLoop(main: unknown, debug: unknown): Promise<unknown> {
  const loop = new_event_loop();
  if (debug !== null && debug !== undefined) loop.set_debug(debug);
  set_event_loop(loop);
  try {
    const task = loop._debug ? atSite("runners.py:100", () => loop.create_task(main)) : loop.create_task(main);
    return await loop.run_until_complete(task);
  } finally {
    try {
      await cancelAllTasks(loop);
      await loop.run_until_complete(loop.shutdown_asyncgens());
      await loop.run_until_complete(loop.shutdown_default_executor());
    } finally {
      set_event_loop(null);
      loop.close();
    }
  }
}

/**
 * `asyncio.run(main)` where the caller cannot wait for a promise (a generator's body, whose
 * `next()` answers at once): the loop runs on this thread (EventLoop._runForeverNow).
 */
export function runNow(main: unknown, ...args: unknown[]): unknown {
  const [debug] = bindArgs("run", args, ["debug"], 0);
  if (_get_running_loop() !== null) {
    throw new RuntimeError("asyncio.run() cannot be called from a running event loop");
  }
  if (!iscoroutine(main)) throw new ValueError(`a coroutine was expected, got ${repr(main)}`);
  const loop = new_event_loop();
  if (debug !== null && debug !== undefined) loop.set_debug(debug);
  set_event_loop(loop);
  try {
    const task = loop._debug ? atSite("runners.py:100", () => loop.create_task(main)) : loop.create_task(main);
    try {
      return loop._runUntilCompleteNow(task);
    } catch (e) {
      noteOuterStack(e);
      throw e;
    }
  } finally {
    try {
      cancelAllTasksNow(loop);
      loop._runUntilCompleteNow(loop.shutdown_asyncgens());
      loop._runUntilCompleteNow(loop.shutdown_default_executor());
    } finally {
      set_event_loop(null);
      loop.close();
    }
  }
}

/** `loop.run_until_complete(future)` / `loop.run_forever()` where the caller cannot wait (see runNow). */
export function runUntilCompleteNow(loop: unknown, ...args: unknown[]): unknown {
  if (!(loop instanceof EventLoop)) return (loop as { run_until_complete(...a: unknown[]): unknown }).run_until_complete(...args);
  const [future] = bindArgs("run_until_complete", args, ["future"], 1);
  return loop._runUntilCompleteNow(future);
}

export function runForeverNow(loop: unknown, ...args: unknown[]): unknown {
  if (!(loop instanceof EventLoop)) return (loop as { run_forever(...a: unknown[]): unknown }).run_forever(...args);
  bindArgs("run_forever", args, [], 0);
  return loop._runForeverNow();
}

function cancelAllTasksNow(loop: EventLoop): void {
  const toCancel = [...all_tasks(loop)];
  if (toCancel.length === 0) return;
  for (const task of toCancel) task.cancel();
  loop._runUntilCompleteNow(gather(...toCancel, kw({ return_exceptions: true })));
  for (const task of toCancel) {
    if (task.cancelled()) continue;
    const exc = task.exception();
    if (exc !== null) {
      loop.call_exception_handler({ message: "unhandled exception during asyncio.run() shutdown", exception: exc, task });
    }
  }
}
