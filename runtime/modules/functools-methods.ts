// functools.partialmethod and functools.singledispatchmethod: descriptors that make methods
// (bound to the instance, or to the class through a classmethod they wrap) when read off an
// instance or a class, as CPython's do.

import { Dict } from "../values/dict.js";
import { PyTypeError } from "../values/exceptions.js";
import { kw, splitKw, type KwArgs } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { typeOf } from "../values/builtin-types.js";
import { bindFunction } from "../lang/functions.js";
import { isDescriptor } from "../lang/descriptors.js";
import { callValue } from "./pycall.js";
import { partial, update_wrapper } from "./functools.js";
import { singledispatch } from "./functools-dispatch.js";

type AnyFn = (...args: unknown[]) => unknown;

function isCallable(f: unknown): boolean {
  return typeof f === "function" || typeof (f as { __call__?: unknown } | null)?.__call__ === "function";
}

/** `f.__get__(obj, cls)` for any callable: descriptors decide, a plain function binds to `obj`. */
function getFrom(f: unknown, obj: unknown, cls: unknown): unknown {
  if (isDescriptor(f)) return f.__get__(obj, cls);
  if (obj === null || obj === undefined || typeof f !== "function") return f;
  return bindFunction(obj, f as AnyFn);
}

function callWith(f: unknown, args: unknown[], kws: KwArgs): unknown {
  return Object.keys(kws).length > 0 ? callValue(f, ...args, kw(kws)) : callValue(f, ...args);
}

/** `partialmethod(func, *args, **keywords)`: a method with some arguments fixed. */
export class partialmethod {
  static readonly __module__ = "functools";
  readonly func: unknown;
  readonly args: Tuple;
  readonly keywords: Dict<string, unknown>;

  constructor(...given: unknown[]) {
    const [pos, kws] = splitKw(given);
    if (pos.length === 0) throw new PyTypeError("type 'partialmethod' takes at least one argument, got 0");
    let func = pos[0];
    let args = pos.slice(1);
    let keywords: KwArgs = kws;
    if (!isCallable(func) && !isDescriptor(func)) throw new PyTypeError(`${repr(func)} is not callable or a descriptor`);
    if (func instanceof partialmethod) {
      // partialmethod(partialmethod(f, 1), 2) flattens, as CPython does.
      args = [...func.args.items, ...args];
      keywords = { ...Object.fromEntries(func.keywords.entries()), ...kws };
      func = func.func;
    }
    this.func = func;
    this.args = Tuple.from(args);
    this.keywords = new Dict(Object.entries(keywords));
  }

  private fixedKeywords(): KwArgs {
    return Object.fromEntries(this.keywords.entries()) as KwArgs;
  }

  /** The function taking `self` (or the class) first, then the fixed arguments and the call's. */
  private unboundMethod(): AnyFn {
    const method = (...callArgs: unknown[]): unknown => {
      const [pos, kws] = splitKw(callArgs);
      if (pos.length === 0) throw new PyTypeError("_method() missing 1 required positional argument: 'cls_or_self'");
      const [self, ...rest] = pos;
      return callWith(this.func, [self, ...this.args.items, ...rest], { ...this.fixedKeywords(), ...kws });
    };
    Object.defineProperty(method, "__partialmethod__", { value: this });
    Object.defineProperty(method, "__name__", { value: "_method" });
    Object.defineProperty(method, "__qualname__", { value: "partialmethod._make_unbound_method.<locals>._method" });
    return method;
  }

  __get__(obj: unknown, cls: unknown = null): unknown {
    if (isDescriptor(this.func)) {
      const fn = this.func.__get__(obj, cls);
      if (fn !== this.func) {
        const kws = this.fixedKeywords();
        return Object.keys(kws).length > 0 ? new partial(fn, ...this.args.items, kw(kws)) : new partial(fn, ...this.args.items);
      }
    }
    return getFrom(this.unboundMethod(), obj, cls);
  }

  get __isabstractmethod__(): boolean {
    return (this.func as { __isabstractmethod__?: unknown } | null)?.__isabstractmethod__ === true;
  }

  __repr__(): string {
    const parts = [repr(this.func), ...this.args.items.map(repr), ...[...this.keywords.entries()].map(([k, v]) => `${k}=${repr(v)}`)];
    return `functools.partialmethod(${parts.join(", ")})`;
  }
}

/**
 * `@singledispatchmethod`: a generic method dispatching on the class of its first argument
 * after `self` (or `cls`); it may wrap a classmethod or staticmethod.
 */
export class singledispatchmethod {
  static readonly __module__ = "functools";
  readonly dispatcher: AnyFn & { register: AnyFn; dispatch: (cls: unknown) => unknown; registry: Dict<unknown, unknown> };
  readonly func: unknown;

  constructor(func: unknown) {
    if (!isCallable(func) && !isDescriptor(func)) throw new PyTypeError(`${repr(func)} is not callable or a descriptor`);
    this.dispatcher = singledispatch(func) as typeof this.dispatcher;
    this.func = func;
  }

  /** `@m.register`, `@m.register(cls)`, `m.register(cls, method)`. */
  get register(): AnyFn {
    return (cls: unknown, method: unknown = undefined) => this.dispatcher.register(cls, method);
  }

  __get__(obj: unknown, cls: unknown = null): unknown {
    const method = (...args: unknown[]): unknown => {
      const [pos] = splitKw(args);
      if (pos.length === 0) throw new PyTypeError(`${nameOf(this.func)} requires at least 1 positional argument`);
      const impl = this.dispatcher.dispatch(typeOf(pos[0]));
      return callValue(getFrom(impl, obj, cls), ...args);
    };
    const wrapped = isDescriptor(this.func) ? ((this.func as { __func__?: unknown }).__func__ ?? this.func) : this.func;
    update_wrapper(method, wrapped);
    Object.defineProperty(method, "register", { value: this.register, configurable: true });
    return method;
  }

  get __isabstractmethod__(): boolean {
    return (this.func as { __isabstractmethod__?: unknown } | null)?.__isabstractmethod__ === true;
  }
}

function nameOf(f: unknown): string {
  const inner = (f as { __func__?: unknown } | null)?.__func__ ?? f;
  const name = (inner as { __name__?: unknown } | null)?.__name__;
  return typeof name === "string" ? name : typeof inner === "function" ? inner.name : "singledispatchmethod method";
}
