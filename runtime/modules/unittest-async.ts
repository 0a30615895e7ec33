// unittest.IsolatedAsyncioTestCase as Lib/unittest/async_case.py runs it: each test gets a fresh
// event loop in debug mode (asyncio.Runner(debug=True)); setUp, asyncSetUp, the test method
// (awaited when it is a coroutine function), asyncTearDown, tearDown and the cleanups (async ones
// awaited) run on it, then the runner closes the loop (pending tasks cancelled, async
// generators and the default executor shut down). The loop runs on this thread
// (EventLoop._runUntilCompleteNow), as the synchronous TestCase.run needs.

import { AssertionError, DeprecationWarning, PyTypeError, RuntimeError } from "../values/exceptions.js";
import { getattrImpl } from "../values/attributes.js";
import { repr } from "../values/repr.js";
import { callMethod } from "../values/methods.js";
import { kw } from "../values/kwargs.js";
import { className, moduleName } from "../values/typename.js";
import { typeOf } from "../values/builtin-types.js";
import { Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { EventLoop } from "../asyncio/events.js";
import { gather } from "../asyncio/gather.js";
import { new_event_loop, set_event_loop } from "../asyncio/loop-state.js";
import { all_tasks } from "../asyncio/tasks.js";
import { callValue } from "./pycall.js";
import { iscoroutinefunction } from "./inspect.js";
import { standardModule } from "./module-object.js";
import { TestCase } from "./unittest-case.js";

// eslint-disable-next-line require-yield
function* nothing(): Generator<unknown, null, unknown> {
  return null;
}

/** asyncio.Runner(debug=True), run on this thread. */
class SyncRunner {
  private loop: EventLoop | null = null;
  private closed = false;

  getLoop(): EventLoop {
    if (this.closed) throw new RuntimeError("Runner is closed");
    if (this.loop === null) {
      this.loop = new_event_loop();
      this.loop.set_debug(true);
      set_event_loop(this.loop);
    }
    return this.loop;
  }

  run(coro: unknown): unknown {
    const loop = this.getLoop();
    return loop._runUntilCompleteNow(loop.create_task(coro as never));
  }

  close(): void {
    if (this.closed) return;
    const loop = this.loop;
    this.closed = true;
    if (loop === null) return;
    try {
      const pending = [...all_tasks(loop)];
      if (pending.length > 0) {
        for (const task of pending) task.cancel();
        loop._runUntilCompleteNow(gather(...pending, kw({ return_exceptions: true })));
        for (const task of pending) {
          if (task.cancelled()) continue;
          const exc = task.exception();
          if (exc !== null) loop.call_exception_handler({ message: "unhandled exception during asyncio.run() shutdown", exception: exc, task });
        }
      }
      loop._runUntilCompleteNow(loop.shutdown_asyncgens());
      loop._runUntilCompleteNow(loop.shutdown_default_executor());
    } finally {
      set_event_loop(null);
      loop.close();
      this.loop = null;
    }
  }
}

export class IsolatedAsyncioTestCase extends TestCase {
  static override readonly __module__: string = "unittest.async_case";
  _asyncioRunner: SyncRunner | null = null;

  asyncSetUp(): unknown {
    return new Coroutine(nothing(), "IsolatedAsyncioTestCase.asyncSetUp");
  }
  asyncTearDown(): unknown {
    return new Coroutine(nothing(), "IsolatedAsyncioTestCase.asyncTearDown");
  }

  /** `addAsyncCleanup(func, /, *args, **kwargs)`: a cleanup awaited on the test's loop. */
  addAsyncCleanup(fn: unknown, ...args: unknown[]): unknown {
    return callMethod(this, "addCleanup", fn, ...args);
  }

  /** `await self.enterAsyncContext(cm)`: cm's __aenter__ result; its __aexit__ becomes an async cleanup. */
  enterAsyncContext(cm: unknown): unknown {
    const type = typeOf(cm) as Function;
    let enter: unknown, exit: unknown;
    try {
      enter = getattrImpl(type, "__aenter__");
      exit = getattrImpl(type, "__aexit__");
    } catch {
      enter = exit = undefined;
    }
    if (enter === undefined || exit === undefined) {
      throw new PyTypeError(`'${moduleName(type as never)}.${className(type as never)}' object does not support the asynchronous context manager protocol`);
    }
    const test = this;
    function* enterContext(): Generator<unknown, unknown, unknown> {
      const result = yield* await_(callValue(enter, cm));
      callMethod(test, "addAsyncCleanup", exit, cm, null, null, null);
      return result;
    }
    return new Coroutine(enterContext(), "IsolatedAsyncioTestCase.enterAsyncContext");
  }

  override _callSetUp(): unknown {
    this.runner().getLoop();
    callMethod(this, "setUp");
    return this.callAsync(callMethod.bind(null, this, "asyncSetUp") as () => unknown);
  }

  override _callTestMethod(method: unknown): unknown {
    const value = this.callMaybeAsync(method);
    if (value !== null && value !== undefined) {
      const warnings = standardModule("warnings") as unknown as { warn: unknown };
      callValue(warnings.warn, `It is deprecated to return a value that is not None from a test case (${repr(method)})`, DeprecationWarning, 4n);
    }
    return null;
  }

  override _callTearDown(): unknown {
    this.callAsync(callMethod.bind(null, this, "asyncTearDown") as () => unknown);
    return callMethod(this, "tearDown");
  }

  override _callCleanup(fn: unknown, ...args: unknown[]): unknown {
    return this.callMaybeAsync(fn, ...args);
  }

  private runner(): SyncRunner {
    if (this._asyncioRunner === null) throw new AssertionError("asyncio runner is not initialized");
    return this._asyncioRunner;
  }

  private callAsync(call: () => unknown): unknown {
    return this.runner().run(call());
  }

  private callMaybeAsync(fn: unknown, ...args: unknown[]): unknown {
    if (iscoroutinefunction(fn)) return this.runner().run(callValue(fn, ...args));
    return callValue(fn, ...args);
  }

  override run(result: unknown = null): unknown {
    this._asyncioRunner = new SyncRunner();
    try {
      return super.run(result);
    } finally {
      this._asyncioRunner.close();
    }
  }

  override debug(): unknown {
    this._asyncioRunner = new SyncRunner();
    try {
      return super.debug();
    } finally {
      this._asyncioRunner.close();
    }
  }
}
