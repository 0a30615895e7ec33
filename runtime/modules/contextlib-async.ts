// contextlib's asynchronous helpers, as Lib/contextlib.py defines them: AsyncExitStack
// (callbacks and managers, awaited ones among them, unwound last-in first-out),
// AbstractAsyncContextManager, AsyncContextDecorator, aclosing; and chdir.

import { coroutine, type Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { BaseException, PyTypeError } from "../values/exceptions.js";
import { typeOf } from "../values/builtin-types.js";
import { truthy } from "../values/truth.js";
import { moduleName, typeName, type AnyClass } from "../values/typename.js";
import { update_wrapper } from "./functools.js";
import { callValue } from "./pycall.js";
import { ABC, abstractmethod } from "./abc.js";
import { checkMethods } from "./contextlib-stack.js";
import { NotImplemented } from "../values/singletons.js";
import { osModule } from "./os.js";

type Details = [unknown, unknown, unknown];
/** One unwinding step: returns a suppress flag, or a coroutine giving one. */
type ExitStep = { isAsync: boolean; run: (...details: Details) => unknown };

function method(obj: unknown, name: string): ((...args: unknown[]) => unknown) | null {
  const m = (obj as Record<string, unknown> | null)?.[name];
  return typeof m === "function" ? (m as (...args: unknown[]) => unknown).bind(obj) : null;
}

function protocolError(cm: unknown, what: string): PyTypeError {
  const module = moduleName(typeOf(cm) as AnyClass);
  return new PyTypeError(`'${module}.${typeName(cm)}' object does not support the ${what} protocol`);
}

export class AsyncExitStack {
  static readonly __module__ = "contextlib";
  private steps: ExitStep[] = [];

  pop_all(): AsyncExitStack {
    const stack = new (this.constructor as new () => AsyncExitStack)();
    stack.steps = this.steps;
    this.steps = [];
    return stack;
  }

  push(exit: unknown): unknown {
    const bound = method(exit, "__exit__");
    this.steps.push({ isAsync: false, run: (t, v, tb) => (bound ? bound(t, v, tb) : callValue(exit, t, v, tb)) });
    return exit;
  }
  enter_context(cm: unknown): unknown {
    const enter = method(cm, "__enter__");
    const exit = method(cm, "__exit__");
    if (enter === null || exit === null) throw protocolError(cm, "context manager");
    const result = enter();
    this.steps.push({ isAsync: false, run: (t, v, tb) => exit(t, v, tb) });
    return result;
  }
  callback(callback: unknown, ...args: unknown[]): unknown {
    this.steps.push({ isAsync: false, run: () => (callValue(callback, ...args), false) });
    return callback;
  }

  push_async_exit(exit: unknown): unknown {
    const bound = method(exit, "__aexit__");
    this.steps.push({ isAsync: true, run: (t, v, tb) => (bound ? bound(t, v, tb) : callValue(exit, t, v, tb)) });
    return exit;
  }
  push_async_callback(callback: unknown, ...args: unknown[]): unknown {
    const steps = this.steps;
    steps.push({
      isAsync: true,
      run: () =>
        coroutine(function* () {
          yield* await_(callValue(callback, ...args));
          return false;
        }, "_exit_wrapper"),
    });
    return callback;
  }
  enter_async_context(cm: unknown): Coroutine<unknown> {
    const enter = method(cm, "__aenter__");
    const exit = method(cm, "__aexit__");
    const steps = this.steps;
    return coroutine(function* () {
      if (enter === null || exit === null) throw protocolError(cm, "asynchronous context manager");
      const result = yield* await_(enter());
      steps.push({ isAsync: true, run: (t, v, tb) => exit(t, v, tb) });
      return result;
    }, "enter_async_context");
  }

  aclose(): Coroutine<null> {
    const stack = this;
    return coroutine(function* () {
      yield* await_(stack.__aexit__(null, null, null));
      return null;
    }, "aclose");
  }
  __aenter__(): Coroutine<AsyncExitStack> {
    const stack = this;
    return coroutine(function* () {
      return stack;
    }, "__aenter__");
  }

  /** Unwinds like ExitStack.__exit__, awaiting the asynchronous steps. */
  __aexit__(type: unknown, value: unknown, traceback: unknown): Coroutine<boolean> {
    const steps = this.steps;
    return coroutine(function* () {
      const received = type !== null && type !== undefined;
      let details: Details = [type, value, traceback];
      let suppressed = false;
      let pending = false;
      while (steps.length > 0) {
        const step = steps.pop()!;
        try {
          const outcome = step.isAsync ? yield* await_(step.run(...details)) : step.run(...details);
          if (truthy(outcome)) {
            suppressed = true;
            pending = false;
            details = [null, null, null];
          }
        } catch (error) {
          if (error instanceof BaseException && error !== details[1] && error.__context__ === null && details[1] instanceof BaseException) {
            error.__context__ = details[1];
          }
          pending = true;
          details = [typeOf(error), error, null];
        }
      }
      if (pending) throw details[1];
      return received && suppressed;
    }, "__aexit__");
  }
}

/** `__aenter__` returns self; `__aexit__` is abstract. */
export class AbstractAsyncContextManager extends ABC {
  static override readonly __module__: string = "contextlib";
  /** A class with `__aenter__` and `__aexit__` is one (checked for this ABC itself, not subclasses). */
  static __subclasshook__(this: { prototype: unknown }, cls: unknown): unknown {
    return this.prototype === AbstractAsyncContextManager.prototype ? checkMethods(cls, ["__aenter__", "__aexit__"]) : NotImplemented;
  }
  __aenter__(): Coroutine<unknown> {
    const self = this;
    return coroutine(function* () {
      return self;
    }, "__aenter__");
  }
  __aexit__(_type: unknown, _value: unknown, _traceback: unknown): Coroutine<unknown> {
    return coroutine(function* () {
      return null;
    }, "__aexit__");
  }
}
abstractmethod(AbstractAsyncContextManager.prototype.__aexit__);

interface AsyncManager {
  __aenter__(): unknown;
  __aexit__(type: unknown, value: unknown, traceback: unknown): unknown;
}

/** Used as a decorator of a coroutine function, each call runs inside `async with self`. */
export class AsyncContextDecorator {
  static readonly __module__ = "contextlib";

  _recreate_cm(): AsyncManager {
    return this as unknown as AsyncManager;
  }

  __call__(func: unknown): unknown {
    const inner = (...args: unknown[]): Coroutine<unknown> => {
      const cm = this._recreate_cm();
      return coroutine(function* () {
        yield* await_(cm.__aenter__());
        let result: unknown;
        try {
          result = yield* await_(callValue(func, ...args));
        } catch (error) {
          if (!truthy(yield* await_(cm.__aexit__(typeOf(error), error, null)))) throw error;
          return null;
        }
        yield* await_(cm.__aexit__(null, null, null));
        return result;
      }, "inner");
    };
    return update_wrapper(inner, func);
  }
}

/** `async with aclosing(agen) as g:` awaits `agen.aclose()` at the end. */
export class aclosing extends AbstractAsyncContextManager {
  static readonly __module__ = "contextlib";
  constructor(private readonly thing: unknown) {
    super();
  }
  override __aenter__(): Coroutine<unknown> {
    const thing = this.thing;
    return coroutine(function* () {
      return thing;
    }, "__aenter__");
  }
  override __aexit__(): Coroutine<unknown> {
    const thing = this.thing;
    return coroutine(function* () {
      const close = method(thing, "aclose");
      if (close === null) throw new PyTypeError(`'${typeName(thing)}' object has no attribute 'aclose'`);
      yield* await_(close());
      return null;
    }, "__aexit__");
  }
}

/** `with chdir(path):` works in `path` and returns to the previous folder (3.11). */
export class chdir {
  static readonly __module__ = "contextlib";
  private readonly saved: unknown[] = [];
  constructor(readonly path: unknown) {}
  __enter__(): null {
    this.saved.push(osModule.getcwd());
    osModule.chdir(this.path);
    return null;
  }
  __exit__(): null {
    osModule.chdir(this.saved.pop());
    return null;
  }
}
