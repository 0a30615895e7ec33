// contextlib's ExitStack, the stream redirections and ContextDecorator, as Lib/contextlib.py
// defines them: ExitStack unwinds its callbacks last-in first-out, each seeing the exception
// the previous one left (or none once one suppressed it), and chains a new exception's
// __context__ to the one it replaced.

import { BaseException, PyTypeError } from "../values/exceptions.js";
import { standardStreams, type TextFile } from "../values/print.js";
import { typeOf } from "../values/builtin-types.js";
import { truthy } from "../values/truth.js";
import { moduleName, typeName, type AnyClass } from "../values/typename.js";
import { update_wrapper } from "./functools.js";
import { callValue } from "./pycall.js";
import { ABC, abstractmethod } from "./abc.js";
import { pyClass, type PyClass } from "./callable-class.js";
import { objectKey } from "../lang/attr-names.js";
import { NotImplemented } from "../values/singletons.js";

type ExitCallback = (type: unknown, value: unknown, traceback: unknown) => unknown;

interface SyncManager {
  __enter__(): unknown;
  __exit__(type: unknown, value: unknown, traceback: unknown): unknown;
}

function hasMethod(obj: unknown, name: string): boolean {
  return typeof (obj as Record<string, unknown> | null)?.[name] === "function";
}

export class ExitStack {
  static readonly __module__ = "contextlib";
  private callbacks: ExitCallback[] = [];

  __enter__(): this {
    return this;
  }

  /** Moves the callbacks to a new stack, leaving this one empty. */
  pop_all(): ExitStack {
    const stack = new (this.constructor as new () => ExitStack)();
    stack.callbacks = this.callbacks;
    this.callbacks = [];
    return stack;
  }

  /** A context manager's `__exit__`, or any callable taking the exception details. */
  push(exit: unknown): unknown {
    if (hasMethod(exit, "__exit__")) {
      const manager = exit as SyncManager;
      this.callbacks.push((t, v, tb) => manager.__exit__(t, v, tb));
    } else {
      this.callbacks.push((t, v, tb) => callValue(exit, t, v, tb));
    }
    return exit;
  }

  enter_context(cm: unknown): unknown {
    if (!hasMethod(cm, "__enter__") || !hasMethod(cm, "__exit__")) {
      const module = moduleName(typeOf(cm) as AnyClass);
      throw new PyTypeError(`'${module}.${typeName(cm)}' object does not support the context manager protocol`);
    }
    const manager = cm as SyncManager;
    const result = manager.__enter__();
    this.callbacks.push((t, v, tb) => manager.__exit__(t, v, tb));
    return result;
  }

  /** `callback(f, *args, **kwds)`: calls f(*args, **kwds) at unwinding; never suppresses. */
  callback(callback: unknown, ...args: unknown[]): unknown {
    this.callbacks.push(() => {
      callValue(callback, ...args);
      return false;
    });
    return callback;
  }

  close(): null {
    this.__exit__(null, null, null);
    return null;
  }

  __exit__(type: unknown, value: unknown, traceback: unknown): boolean {
    const received = type !== null && type !== undefined;
    let details: [unknown, unknown, unknown] = [type, value, traceback];
    let suppressed = false;
    let pending = false;
    while (this.callbacks.length > 0) {
      const cb = this.callbacks.pop()!;
      try {
        if (truthy(cb(...details))) {
          suppressed = true;
          pending = false;
          details = [null, null, null];
        }
      } catch (error) {
        // The exception a callback raised replaces the one it was handed, chained to it.
        if (error instanceof BaseException && error !== details[1] && error.__context__ === null && details[1] instanceof BaseException) {
          error.__context__ = details[1];
        }
        pending = true;
        details = [typeOf(error), error, null];
      }
    }
    if (pending) throw details[1];
    return received && suppressed;
  }
}

/** redirect_stdout / redirect_stderr: print() writes to the target inside the block. */
class RedirectStream {
  static readonly __module__ = "contextlib";
  private readonly saved: (TextFile | null)[] = [];
  constructor(
    private readonly stream: "stdout" | "stderr",
    private readonly target: TextFile | null,
  ) {}

  __enter__(): TextFile | null {
    this.saved.push(standardStreams[this.stream]);
    standardStreams[this.stream] = this.target;
    return this.target;
  }

  __exit__(): boolean {
    standardStreams[this.stream] = this.saved.pop()!;
    return false;
  }
}

export class redirect_stdout extends RedirectStream {
  constructor(target: TextFile | null) {
    super("stdout", target);
  }
}

export class redirect_stderr extends RedirectStream {
  constructor(target: TextFile | null) {
    super("stderr", target);
  }
}

/** Base class letting a context manager decorate a function: each call runs in a `with`. */
export class ContextDecorator {
  static readonly __module__ = "contextlib";

  /** The manager each decorated call enters (a generator-based one makes a fresh one). */
  _recreate_cm(): SyncManager {
    return this as unknown as SyncManager;
  }

  __call__(func: unknown): unknown {
    const inner = (...args: unknown[]): unknown => {
      const cm = this._recreate_cm();
      cm.__enter__();
      let result: unknown;
      try {
        result = callValue(func, ...args);
      } catch (error) {
        if (!truthy(cm.__exit__(typeOf(error), error, null))) throw error;
        return null;
      }
      cm.__exit__(null, null, null);
      return result;
    };
    return update_wrapper(inner, func);
  }
}

/**
 * CPython's `_collections_abc._check_methods`: every name is defined on the class (not set to
 * None), for the `__subclasshook__` of the context-manager ABCs; NotImplemented otherwise.
 */
export function checkMethods(cls: unknown, names: readonly string[]): unknown {
  const proto = (cls as { prototype?: unknown } | null)?.prototype;
  if (typeof proto !== "object" || proto === null) return NotImplemented;
  return names.every((name) => (proto as Record<string, unknown>)[objectKey(name)] != null) ? true : NotImplemented;
}

/** An ABC the runtime defines, exported so isinstance asks ABCMeta (registry, `__subclasshook__`). */
export function runtimeAbc<C extends abstract new (...args: any[]) => unknown>(cls: C): PyClass<C> {
  // (marked as a type object first, so pyClass leaves ABC's check in place)
  Object.defineProperties(cls, { __pytype__: { value: true }, __instancecheck__: { value: ABC.__instancecheck__, writable: true, configurable: true } });
  return pyClass(cls);
}

/** AbstractContextManager: `__enter__` returns self; `__exit__` is abstract. */
export class AbstractContextManager extends ABC {
  static override readonly __module__: string = "contextlib";
  /** A class with `__enter__` and `__exit__` is one (checked for this ABC itself, not subclasses). */
  static __subclasshook__(this: { prototype: unknown }, cls: unknown): unknown {
    return this.prototype === AbstractContextManager.prototype ? checkMethods(cls, ["__enter__", "__exit__"]) : NotImplemented;
  }
  __enter__(): this {
    return this;
  }
  __exit__(_type: unknown, _value: unknown, _traceback: unknown): unknown {
    return null;
  }
}
abstractmethod(AbstractContextManager.prototype.__exit__);
