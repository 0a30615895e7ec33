// Python's `functools`: partial, reduce, wraps/update_wrapper, lru_cache/cache (keys by Python
// equality and hashing, CacheInfo like CPython), total_ordering and cmp_to_key.

import { lt } from "../values/compare.js";
import { Dict } from "../values/dict.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { jsIterator } from "../values/iteration.js";
import { kw, splitKw, type KwArgs } from "../values/kwargs.js";
import { CALLABLE_OBJECT, repr } from "../values/repr.js";
import { NotImplemented } from "../values/singletons.js";
import { truthy } from "../values/truth.js";
import { Tuple } from "../values/tuple.js";
import { isNone, pyClass, toInt } from "./callable-class.js";
import { isClass, typeName } from "../values/typename.js";
import { namedtuple } from "./namedtuple.js";
import { callValue } from "./pycall.js";
import { functionName, functionQualname, invokeMethod } from "../lang/functions.js";
import { functionInfo } from "../lang/function-info.js";
import { builtinFunction } from "../values/builtin-type.js";
import { moduleObject } from "./module-object.js";
import { singledispatch } from "./functools-dispatch.js";
import { replayableArgument } from "../threads/replay.js";
import { partialmethod, singledispatchmethod } from "./functools-methods.js";
import { declareDataAttributes } from "../values/declared-attributes.js";

type AnyFn = (...args: unknown[]) => unknown;

/** Calls `f` with positional args and, when there are any, a keyword marker. */
function callWith(f: unknown, args: unknown[], kws: KwArgs): any {
  return Object.keys(kws).length > 0 ? callValue(f, ...args, kw(kws)) : callValue(f, ...args);
}

/**
 * `partial(func, *args, **keywords)`: a class (`type(p)`, `isinstance`, `class P(partial)`)
 * whose instances are JS functions, so emitted calls of them work; calling one calls its
 * `__call__`, which a subclass may override.
 */
export class partial {
  static readonly tpName = "functools.partial";
  static readonly __module__ = "functools";
  /** (read by asyncio's callback reprs: runtime/asyncio/format.ts) */
  declare readonly __partial__: true;
  declare readonly func: unknown;
  declare readonly args: Tuple;
  declare readonly keywords: Dict<string, unknown>;

  constructor(...all: unknown[]) {
    const [pos, kws] = splitKw(all);
    if (pos.length === 0) throw new PyTypeError("type 'partial' takes at least one argument");
    let func = pos[0];
    let bound = pos.slice(1);
    let keywords: KwArgs = kws;
    // partial(partial(f, 1), 2) flattens, as CPython does when the inner one is called by
    // partial's own __call__ and holds no attributes of its own.
    if (func instanceof partial && func.__call__ === partial.prototype.__call__ && Object.keys(func).every((k) => PARTS.has(k))) {
      bound = [...func.args.items, ...bound];
      keywords = { ...Object.fromEntries(func.keywords.entries()), ...kws };
      func = func.func;
    } else if (typeof func !== "function" && typeof (func as { __call__?: unknown } | null)?.__call__ !== "function") {
      throw new PyTypeError("the first argument must be callable");
    }
    const exact = new.target === partial;
    const self = function (...callArgs: unknown[]): unknown {
      // (a subclass's own `__call__` is a Python method: called as Python calls it)
      if (exact) return (self as unknown as partial).__call__(...callArgs);
      return invokeMethod((self as unknown as { __call__: (...a: unknown[]) => unknown }).__call__, [self, ...callArgs]);
    };
    Object.setPrototypeOf(self, new.target.prototype);
    Object.defineProperties(self, {
      func: { value: func, enumerable: true },
      args: { value: Tuple.from(bound), enumerable: true },
      keywords: { value: new Dict(Object.entries(keywords)), enumerable: true },
    });
    return self as unknown as partial;
  }

  __call__(...callArgs: unknown[]): unknown {
    const [more, moreKw] = splitKw(callArgs);
    return callWith(this.func, [...this.args.items, ...more], { ...Object.fromEntries(this.keywords.entries()), ...moreKw });
  }

  __repr__(): string {
    const parts = [repr(this.func), ...this.args.items.map((a) => repr(a)), ...[...this.keywords.entries()].map(([k, v]) => `${k}=${repr(v)}`)];
    // (CPython names the type: functools.partial, or a subclass's own name)
    const name = Object.getPrototypeOf(this) === partial.prototype ? "functools.partial" : typeName(this);
    return `${name}(${parts.join(", ")})`;
  }
}
const PARTS = new Set(["func", "args", "keywords"]);
Object.defineProperties(partial.prototype, { __partial__: { value: true }, [CALLABLE_OBJECT]: { value: true } });
// (an instance is a JS function: the runtime's calls of a callable it holds use apply/call)
Object.setPrototypeOf(partial.prototype, Function.prototype);

const NO_INITIAL = Symbol("no initial");

/** `reduce(function, iterable[, initial])`. */
export function reduce(f: unknown, iterable: unknown, initial: unknown = NO_INITIAL): any {
  const it = jsIterator(iterable);
  let acc = initial;
  if (acc === NO_INITIAL) {
    const first = it.next();
    if (first.done) throw new PyTypeError("reduce() of empty iterable with no initial value");
    acc = first.value;
  }
  for (let r = it.next(); !r.done; r = it.next()) acc = callValue(f, acc, r.value);
  return acc;
}

const WRAPPER_ASSIGNMENTS = ["__module__", "__name__", "__qualname__", "__doc__", "__annotations__"] as const;

function attributeOf(f: unknown, name: string): any {
  const obj = f as Record<string, unknown>;
  if (Object.hasOwn(obj, name) || name in obj) return obj[name];
  if (typeof f === "function" && name === "__name__") return functionName(f);
  if (typeof f === "function" && name === "__qualname__") return functionQualname(f);
  if (typeof f === "function" && name === "__doc__") return functionInfo(f)?.doc ?? null;
  return undefined;
}

/** `update_wrapper(wrapper, wrapped)`: copies the identity attributes and sets __wrapped__. */
export function update_wrapper(wrapper: unknown, wrapped: unknown): any {
  for (const name of WRAPPER_ASSIGNMENTS) {
    const value = attributeOf(wrapped, name);
    if (value !== undefined) Object.defineProperty(wrapper, name, { value, writable: true, configurable: true });
  }
  if (typeof wrapped === "function" || (typeof wrapped === "object" && wrapped !== null)) {
    for (const [k, v] of Object.entries(wrapped)) {
      if (!(k in (wrapper as object))) (wrapper as Record<string, unknown>)[k] = v;
    }
  }
  Object.defineProperty(wrapper, "__wrapped__", { value: wrapped, writable: true, configurable: true });
  return wrapper;
}

/** `@wraps(wrapped)`: a decorator applying update_wrapper. */
export function wraps(wrapped: unknown): (wrapper: unknown) => unknown {
  return (wrapper: unknown) => update_wrapper(wrapper, wrapped);
}

export const CacheInfo = namedtuple("CacheInfo", ["hits", "misses", "maxsize", "currsize"], kw({ module: "functools" }));

/** The key separating positional from keyword arguments in a cache key. */
const KWD_MARK = Object.freeze({ __repr__: () => "<kwd_mark>", __hash__: () => 7n });

function makeCached(f: unknown, maxsize: bigint | null): AnyFn {
  if (typeof f !== "function" && typeof (f as { __call__?: unknown } | null)?.__call__ !== "function") {
    throw new PyTypeError("Expected first argument to be an integer, a callable, or None");
  }
  const cache = new Dict<unknown, unknown>();
  let hits = 0n;
  let misses = 0n;
  // A plain function, so a cached method still receives `this` (Python binds lru_cache
  // wrappers as methods too); `this` then takes part in the key, like Python's `self`.
  const call = (self: unknown, pos: unknown[], kws: KwArgs): unknown =>
    self === undefined || typeof f !== "function" || isClass(f)
      ? callWith(f, pos, kws)
      : (f as AnyFn).apply(self, Object.keys(kws).length > 0 ? [...pos, kw(kws)] : pos);
  const wrapper = function (this: unknown, ...args: unknown[]): any {
    const self = this;
    const [given, kws] = splitKw(args);
    const pos = self === undefined ? given : [self, ...given];
    const names = Object.keys(kws);
    // CPython keys a lone int or str argument by itself, anything else by a tuple of the args.
    const lone = names.length === 0 && pos.length === 1 && (typeof pos[0] === "bigint" || typeof pos[0] === "string");
    const key = lone ? pos[0] : Tuple.from(names.length === 0 ? pos : [...pos, KWD_MARK, ...names.flatMap((k) => [k, kws[k]])]);
    if (maxsize === 0n) {
      misses++;
      return call(self, given, kws);
    }
    const entry = cache.table.find(key);
    if (entry !== undefined) {
      hits++;
      if (maxsize !== null) {
        // Most recently used moves to the end.
        cache.delete(key);
        cache.set(key, entry.value);
      }
      return entry.value;
    }
    misses++;
    const result = call(self, given, kws);
    cache.set(key, result);
    if (maxsize !== null && BigInt(cache.size) > maxsize) cache.delete(cache.table.first()!.key);
    return result;
  };
  update_wrapper(wrapper, f);
  Object.defineProperties(wrapper, {
    cache_info: { value: () => new CacheInfo(hits, misses, maxsize, BigInt(cache.size)) },
    cache_clear: {
      value: () => {
        cache.clear();
        hits = 0n;
        misses = 0n;
        return null;
      },
    },
    cache_parameters: { value: () => Dict.fromRecord({ maxsize, typed: false }) },
  });
  return wrapper;
}

/** `@lru_cache`, `@lru_cache()`, `@lru_cache(maxsize=n)`, `lru_cache(f)`. */
export function lru_cache(...args: unknown[]): any {
  const [pos, kws] = splitKw(args);
  // An explicit `maxsize=None` means unbounded; only a missing maxsize defaults to 128.
  const first = pos.length > 0 ? pos[0] : "maxsize" in kws ? kws["maxsize"] : 128n;
  if (typeof first === "function") return makeCached(first, 128n);
  let maxsize: bigint | null = null;
  if (!isNone(first)) {
    if (typeof first !== "bigint" && typeof first !== "boolean") {
      throw new PyTypeError("Expected first argument to be an integer, a callable, or None");
    }
    maxsize = BigInt(Math.max(0, toInt(first)));
  }
  return (f: unknown) => makeCached(f, maxsize);
}

/** `@cache`: an unbounded lru_cache. */
export function cache(f: unknown): AnyFn {
  return makeCached(f, null);
}

type Cmp = (this: unknown, other: unknown) => unknown;

const DERIVED: Record<string, Record<string, (root: Cmp) => Cmp>> = {
  __lt__: {
    __gt__: (lt_) => function (other) { const r = lt_.call(this, other); return r === NotImplemented ? r : !truthy(r) && !equal(this, other); },
    __le__: (lt_) => function (other) { const r = lt_.call(this, other); return r === NotImplemented ? r : truthy(r) || equal(this, other); },
    __ge__: (lt_) => function (other) { const r = lt_.call(this, other); return r === NotImplemented ? r : !truthy(r); },
  },
  __le__: {
    __ge__: (le) => function (other) { const r = le.call(this, other); return r === NotImplemented ? r : !truthy(r) || equal(this, other); },
    __lt__: (le) => function (other) { const r = le.call(this, other); return r === NotImplemented ? r : truthy(r) && !equal(this, other); },
    __gt__: (le) => function (other) { const r = le.call(this, other); return r === NotImplemented ? r : !truthy(r); },
  },
  __gt__: {
    __lt__: (gt) => function (other) { const r = gt.call(this, other); return r === NotImplemented ? r : !truthy(r) && !equal(this, other); },
    __ge__: (gt) => function (other) { const r = gt.call(this, other); return r === NotImplemented ? r : truthy(r) || equal(this, other); },
    __le__: (gt) => function (other) { const r = gt.call(this, other); return r === NotImplemented ? r : !truthy(r); },
  },
  __ge__: {
    __le__: (ge) => function (other) { const r = ge.call(this, other); return r === NotImplemented ? r : !truthy(r) || equal(this, other); },
    __gt__: (ge) => function (other) { const r = ge.call(this, other); return r === NotImplemented ? r : truthy(r) && !equal(this, other); },
    __lt__: (ge) => function (other) { const r = ge.call(this, other); return r === NotImplemented ? r : !truthy(r); },
  },
};

function equal(a: unknown, b: unknown): boolean {
  const m = (a as { __eq__?: Cmp }).__eq__;
  if (typeof m === "function") {
    const r = m.call(a, b);
    if (r !== NotImplemented) return truthy(r);
  }
  return a === b;
}

/** `@total_ordering`: fills in the missing rich comparisons from one the class defines. */
export function total_ordering<C extends abstract new (...a: never[]) => unknown>(cls: C): C {
  const proto = cls.prototype as Record<string, unknown>;
  const roots = ["__lt__", "__le__", "__gt__", "__ge__"].filter((op) => typeof proto[op] === "function");
  if (roots.length === 0) throw new ValueError("must define at least one ordering operation: < > <= >=");
  // CPython picks max() of the defined names: __lt__ > __le__ > __gt__ > __ge__.
  const root = roots.sort().at(-1)!;
  for (const [op, make] of Object.entries(DERIVED[root]!)) {
    if (!roots.includes(op)) {
      Object.defineProperty(proto, op, { value: make(proto[root] as Cmp), writable: true, configurable: true });
    }
  }
  return cls;
}

/**
 * The keys `cmp_to_key` makes (CPython's `functools.KeyWrapper`). One class for every
 * `cmp_to_key` call, as in CPython: a comparison uses the left key's function, and a key
 * compared with anything but another key is a TypeError (for `==` too).
 */
class KeyWrapper {
  static readonly __module__ = "functools";
  constructor(
    readonly cmp: unknown,
    readonly obj: unknown,
  ) {}
  private sign(other: unknown): unknown {
    if (!(other instanceof KeyWrapper)) throw new PyTypeError("other argument must be K instance");
    return callValue(this.cmp, this.obj, other.obj);
  }
  __lt__(other: unknown): boolean { return lt(this.sign(other), 0n); }
  __gt__(other: unknown): boolean { return lt(0n, this.sign(other)); }
  __le__(other: unknown): boolean { return !lt(0n, this.sign(other)); }
  __ge__(other: unknown): boolean { return !lt(this.sign(other), 0n); }
  __eq__(other: unknown): boolean { const r = this.sign(other); return !lt(r, 0n) && !lt(0n, r); }
  __ne__(other: unknown): boolean { return !this.__eq__(other); }
  get __hash__(): null { return null; }
}

/** `cmp_to_key(mycmp)`: a key function whose keys order by mycmp's sign. */
export function cmp_to_key(mycmp: unknown): (obj: unknown) => unknown {
  // (a comparison that waits (threads) answers the replay frame sorting runs under)
  mycmp = replayableArgument(mycmp);
  return (obj: unknown) => new KeyWrapper(mycmp, obj);
}

/**
 * `@cached_property`: a non-data descriptor whose first read through an instance stores the
 * method's result as an instance attribute, which later reads find first.
 */
export class cached_property {
  static readonly __module__ = "functools";
  private attrname: string | null = null;
  __doc__: unknown;

  constructor(readonly func: unknown) {
    this.__doc__ = (func as { __doc__?: unknown } | null)?.__doc__ ?? null;
  }

  __set_name__(_owner: unknown, name: string): null {
    this.attrname = name;
    return null;
  }

  __get__(obj: unknown, _owner: unknown = null): unknown {
    if (obj === null || obj === undefined) return this;
    if (this.attrname === null) throw new PyTypeError("Cannot use cached_property instance without calling __set_name__ on it.");
    const value = callValue(this.func, obj);
    Object.defineProperty(obj, this.attrname, { value, writable: true, enumerable: true, configurable: true });
    return value;
  }
}

export const functoolsModule = moduleObject("functools", {
  cached_property,
  partial: pyClass(partial),
  // (a C function in CPython: `<built-in function reduce>`)
  reduce: builtinFunction(reduce, "reduce"),
  wraps,
  update_wrapper,
  lru_cache,
  cache,
  total_ordering,
  cmp_to_key,
  WRAPPER_ASSIGNMENTS: Tuple.from(WRAPPER_ASSIGNMENTS),
  WRAPPER_UPDATES: Tuple.from(["__dict__"]),
  singledispatch,
  singledispatchmethod: pyClass(singledispatchmethod),
  partialmethod: pyClass(partialmethod),
});

// (`functools.partial.func`: the member descriptors CPython's partial type holds)
declareDataAttributes(partial, "member", "func args keywords");
