// `classmethod` and `staticmethod` objects: what `Cls.__dict__["name"]` holds for a method
// the class body decorated (pyts keeps the function itself as the class's static member).
import { repr } from "../values/repr.js";
import { PyTypeError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import { getattrImpl } from "../values/attributes.js";
import { bindFunction, plainMethod } from "./functions.js";

type AnyFn = (...args: unknown[]) => unknown;

/** Python's `classmethod` object around a function taking the class first. */
export class PyClassMethod {
  static readonly pythonName = "classmethod";
  constructor(readonly __func__: AnyFn) {}

  get __wrapped__(): AnyFn {
    return this.__func__;
  }

  /** (Python 3.10+: the function's `__name__`, `__qualname__`, `__doc__`, `__annotations__`) */
  get __name__(): unknown {
    return getattrImpl(this.__func__, "__name__");
  }

  get __qualname__(): unknown {
    return getattrImpl(this.__func__, "__qualname__");
  }

  get __doc__(): unknown {
    return getattrImpl(this.__func__, "__doc__");
  }

  get __annotations__(): unknown {
    return getattrImpl(this.__func__, "__annotations__");
  }

  /** (abc: the function it holds is abstract) */
  get __isabstractmethod__(): boolean {
    return isAbstract(this.__func__) || isAbstract((this as { [ORIGINAL]?: AnyFn })[ORIGINAL]);
  }

  set __isabstractmethod__(value: boolean) {
    Object.defineProperty(this, "__isabstractmethod__", { value, writable: true, configurable: true });
  }

  __get__(obj: unknown, owner: unknown = null): unknown {
    const cls = owner ?? (obj as { constructor?: unknown } | null)?.constructor;
    return bindFunction(cls, this.__func__);
  }

  __repr__(): string {
    return `<classmethod(${describe(this.__func__)})>`;
  }
}

/** Python's `staticmethod` object: the function, unbound wherever it is read. */
export class PyStaticMethod {
  static readonly pythonName = "staticmethod";
  constructor(readonly __func__: AnyFn) {}

  get __wrapped__(): AnyFn {
    return this.__func__;
  }

  get __name__(): unknown {
    return getattrImpl(this.__func__, "__name__");
  }

  get __qualname__(): unknown {
    return getattrImpl(this.__func__, "__qualname__");
  }

  get __doc__(): unknown {
    return getattrImpl(this.__func__, "__doc__");
  }

  get __annotations__(): unknown {
    return getattrImpl(this.__func__, "__annotations__");
  }

  /** (abc: the function it holds is abstract) */
  get __isabstractmethod__(): boolean {
    return isAbstract(this.__func__) || isAbstract((this as { [ORIGINAL]?: AnyFn })[ORIGINAL]);
  }

  set __isabstractmethod__(value: boolean) {
    Object.defineProperty(this, "__isabstractmethod__", { value, writable: true, configurable: true });
  }

  __get__(_obj: unknown, _owner: unknown = null): unknown {
    return this.__func__;
  }

  /** Callable itself since Python 3.10: `staticmethod(f)(x)` is `f(x)`. */
  __call__(...args: unknown[]): unknown {
    if (typeof this.__func__ !== "function") throw new PyTypeError(`'${typeName(this.__func__)}' object is not callable`);
    return this.__func__(...args);
  }

  __repr__(): string {
    return `<staticmethod(${describe(this.__func__)})>`;
  }
}

function isAbstract(f: AnyFn | undefined): boolean {
  return typeof f === "function" && (f as { __isabstractmethod__?: unknown }).__isabstractmethod__ === true;
}
/** The class's static member a classmethod object stands for (its `__func__` takes the class first). */
const ORIGINAL = Symbol("pyts.classMember");

function describe(f: AnyFn): string {
  return repr(f);
}

const wrappers = new WeakMap<AnyFn, PyClassMethod | PyStaticMethod>();

/**
 * The `classmethod` / `staticmethod` object standing for a class's static member (one per
 * function); a classmethod's `__func__` takes the class first, as Python's does.
 */
export function methodObject(cls: Function, fn: AnyFn, kind: "classmethod" | "staticmethod"): PyClassMethod | PyStaticMethod {
  let w = wrappers.get(fn);
  if (w === undefined) {
    w = kind === "classmethod" ? new PyClassMethod(plainMethod(fn, cls)) : new PyStaticMethod(fn);
    Object.defineProperty(w, ORIGINAL, { value: fn });
    wrappers.set(fn, w);
  }
  return w;
}

/** A classmethod's or staticmethod's name read in its class body: the object the body bound. */
export function bodyMethodObject(cls: Function, key: string, kind: "classmethod" | "staticmethod"): PyClassMethod | PyStaticMethod {
  return methodObject(cls, (cls as unknown as Record<string, AnyFn>)[key]!, kind);
}

/** `classmethod(f)` / `staticmethod(f)` called by the program (a decorator or a call). */
export function classmethod(f: unknown): PyClassMethod {
  if (typeof f !== "function") throw new PyTypeError(`'${typeName(f)}' object is not callable`);
  return new PyClassMethod(f as AnyFn);
}

export function staticmethod(f: unknown): PyStaticMethod {
  return new PyStaticMethod(f as AnyFn);
}

for (const [fn, cls] of [
  [classmethod, PyClassMethod],
  [staticmethod, PyStaticMethod],
] as const) {
  Object.defineProperties(fn, {
    __pytype__: { value: true },
    pythonName: { value: cls.pythonName },
    __name__: { value: cls.pythonName },
    __qualname__: { value: cls.pythonName },
    __module__: { value: "builtins" },
    __base__: { value: null },
    __instancecheck__: { value: (x: unknown) => x instanceof cls },
  });
}

// (its `__get__`/`__set__`/`__delete__` are C slots: method-wrappers when read, runtime/values/attributes.ts)
for (const cls of [PyClassMethod, PyStaticMethod]) Object.defineProperty(cls.prototype, Symbol.for("pyts.slotDescriptor"), { value: true });
