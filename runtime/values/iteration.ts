// Python's iteration protocol over JS iterables: iter(), next(), and a JS-iterable view of any
// Python iterable (__iter__/__next__ objects, the old __getitem__ sequence protocol).

import { IndexError, PyTypeError, RuntimeError, StopIteration } from "./exceptions.js";
import { typeName } from "./typename.js";
import { eq } from "./compare.js";
import { Dict } from "./dict.js";

interface PyIterProtocol {
  __iter__?: () => unknown;
  __next__?: () => unknown;
  __getitem__?: (i: bigint) => unknown;
}

/**
 * Marks a runtime class whose JS `next()` steps exactly as its `__next__` does (generators,
 * PyIterator): consumers use `next()`, which ends with `{ done: true }` instead of raising
 * and catching a StopIteration per exhausted iterator.
 */
export const JS_NEXT = Symbol("pyts.jsNext");

/** A JS iterator that is also a Python iterator (`__next__`, `__iter__`). */
export class PyIterator<T = unknown> implements IterableIterator<T> {
  static readonly pythonName: string = "iterator";
  declare readonly [JS_NEXT]: true;
  /** how many items were taken (for `__length_hint__` of an iterator over a sized container) */
  private taken = 0;
  /** @param sized the container iterated, when its length tells how many items remain */
  constructor(private readonly source: Iterator<T>, private readonly sized?: unknown) {}
  next(): IteratorResult<T> {
    const r = this.source.next();
    if (!r.done) this.taken++;
    return r;
  }
  [Symbol.iterator](): this {
    return this;
  }
  __iter__(): this {
    return this;
  }
  __next__(): T {
    const r = this.source.next();
    if (r.done) throw new StopIteration();
    this.taken++;
    return r.value;
  }
  /** @internal the items left, as CPython's iterators of sized containers report them */
  remaining(): bigint {
    return BigInt(Math.max(0, sizeOf(this.sized) - this.taken));
  }
}
(PyIterator.prototype as { [JS_NEXT]: true })[JS_NEXT] = true;

/** The length of a built-in container an iterator runs over. */
function sizeOf(x: unknown): number {
  if (Array.isArray(x) || x instanceof Uint8Array) return x.length;
  if (typeof x === "string") {
    let n = 0;
    for (const _ of x) n++;
    return n;
  }
  const sized = x as { size?: unknown; length?: unknown; __len__?: () => unknown } | null | undefined;
  if (typeof sized?.size === "number") return sized.size;
  if (typeof sized?.length === "number") return sized.length;
  const size = sized?.__len__?.();
  return typeof size === "bigint" ? Number(size) : 0;
}

/** The iterator types whose `__length_hint__` tells the items left (the others have none). */
const SIZED_ITERATORS = new Set(["list_iterator", "list_reverseiterator", "tuple_iterator", "str_iterator", "str_ascii_iterator",
  "range_iterator", "bytes_iterator", "bytearray_iterator", "set_iterator", "dict_keyiterator", "dict_valueiterator",
  "dict_itemiterator", "dict_reversekeyiterator", "dict_reversevalueiterator", "dict_reverseitemiterator"]);

type IteratorClass = new <T>(source: Iterator<T>, sized?: unknown) => PyIterator<T>;
const iteratorClasses = new Map<string, IteratorClass>();

/** The iterator type CPython names for this kind (`list_iterator`, `dict_keyiterator`, ...). */
// (CPython's iterator types have dunders only: the runtime's fields and helpers are no attributes; python-names.ts)
Object.defineProperty(PyIterator, Symbol.for("pyts.pythonNames"), { value: " | source taken sized" });

export function iteratorClass(name: string): IteratorClass {
  let cls = iteratorClasses.get(name);
  if (cls === undefined) {
    const named = class<T> extends PyIterator<T> {} as IteratorClass;
    Object.defineProperty(named, "pythonName", { value: name });
    if (SIZED_ITERATORS.has(name)) {
      Object.defineProperty(named.prototype, "__length_hint__", { value: function (this: PyIterator): bigint { return this.remaining(); }, writable: true, configurable: true });
    }
    iteratorClasses.set(name, named);
    cls = named;
  }
  return cls;
}

/** Iterator type names of the built-in iterables, by their type's name. */
const ITERATOR_NAMES: Record<string, string> = {
  tuple: "tuple_iterator", dict: "dict_keyiterator", set: "set_iterator", frozenset: "set_iterator",
  range: "range_iterator", bytes: "bytes_iterator", bytearray: "bytearray_iterator",
  dict_keys: "dict_keyiterator", dict_values: "dict_valueiterator", dict_items: "dict_itemiterator",
  odict_keys: "odict_iterator", odict_values: "odict_iterator", odict_items: "odict_iterator",
};

/** The name of `type(iter(x))` for a built-in iterable x ("iterator" for others). */
function iteratorName(x: unknown): string {
  if (Array.isArray(x)) return "list_iterator";
  if (typeof x === "string") return /^[\x00-\x7f]*$/.test(x) ? "str_ascii_iterator" : "str_iterator";
  if (x === null || typeof x !== "object") return "iterator";
  let proto = Object.getPrototypeOf(x) as { constructor?: { pythonName?: string } } | null;
  // A subclass of a built-in (class L(list)) iterates with its base's iterator.
  while (proto !== null && proto !== Object.prototype) {
    const ctor = proto.constructor;
    if (ctor !== undefined && Object.hasOwn(ctor, "pythonName")) return ITERATOR_NAMES[ctor.pythonName!] ?? "iterator";
    proto = Object.getPrototypeOf(proto) as typeof proto;
  }
  return "iterator";
}

function fromPythonIterator(it: PyIterProtocol): Iterator<any> {
  return {
    next(): IteratorResult<unknown> {
      let value: unknown;
      try {
        value = it.__next__!();
      } catch (e) {
        if (e instanceof StopIteration) return { done: true, value: e.value };
        throw e;
      }
      // A `__next__` that waits (threads) iterated where the program cannot wait: it would
      // never end; refused instead (the lowering awaits it in `for` loops, comprehensions,
      // next(), list(), sorted(), ...).
      if (value instanceof Promise) throw new RuntimeError("pyts: an iterator whose __next__ waits (threads) cannot be iterated here");
      return { done: false, value };
    },
  };
}

/** A JS iterator over any Python iterable; TypeError like CPython otherwise. */
export function jsIterator(x: unknown): Iterator<any> {
  if (typeof x === "string") return x[Symbol.iterator]();
  // bytes iterate as ints (bigint), not as the JS numbers Uint8Array yields.
  // (a memoryview iterates its items of its format, or refuses: its own iterator)
  if (x instanceof Uint8Array) return (x as { [Symbol.iterator]: unknown })[Symbol.iterator] === Uint8Array.prototype[Symbol.iterator] ? byteValues(x) : x[Symbol.iterator]();
  if (x !== null && (typeof x === "object" || typeof x === "function")) {
    const obj = x as PyIterProtocol & Partial<Iterable<unknown>>;
    if (typeof obj.__iter__ === "function") {
      const it = obj.__iter__() as PyIterProtocol & Partial<Iterator<unknown>> & { [JS_NEXT]?: true };
      if (it !== null && typeof it === "object" && it[JS_NEXT] === true) return (it as unknown as Iterable<unknown>)[Symbol.iterator]();
      if (typeof it.__next__ === "function") return fromPythonIterator(it);
      if (it !== null && typeof it === "object" && typeof it.next === "function") return it as Iterator<unknown>;
      throw new PyTypeError(`iter() returned non-iterator of type '${typeName(it)}'`);
    }
    if (typeof obj[Symbol.iterator] === "function") return obj[Symbol.iterator]!();
    if (typeof obj.__next__ === "function") return fromPythonIterator(obj);
    if (typeof obj.__getitem__ === "function") return sequenceItems(obj);
  }
  throw new PyTypeError(`'${typeName(x)}' object is not iterable`);
}

/** The old sequence protocol: `__getitem__(0)`, `__getitem__(1)`, ... until IndexError. */
function sequenceItems(obj: PyIterProtocol): Iterator<unknown> {
  let i = 0n;
  let done = false;
  return {
    next(): IteratorResult<unknown> {
      if (done) return { done: true, value: undefined };
      try {
        return { done: false, value: obj.__getitem__!(i++) };
      } catch (e) {
        if (e instanceof IndexError || e instanceof StopIteration) {
          done = true;
          return { done: true, value: undefined };
        }
        throw e;
      }
    },
  };
}

/**
 * `[Symbol.iterator]` of a class defining `__getitem__` without `__iter__`: the old sequence
 * protocol, unless the instance is iterable otherwise (an inherited `__iter__`, a list or a
 * dict base).
 */
export function sequenceIterator(self: object): Iterator<any> {
  if (Array.isArray(self)) return Array.prototype[Symbol.iterator].call(self);
  if (self instanceof Dict) return Dict.prototype[Symbol.iterator].call(self);
  if (typeof (self as PyIterProtocol).__iter__ === "function") return jsIterator(self);
  // (`__iter__ = None` in a class body: not iterable, even with `__getitem__`)
  if ((self as PyIterProtocol).__iter__ === null) throw new PyTypeError(`'${typeName(self)}' object is not iterable`);
  return sequenceItems(self as PyIterProtocol);
}

function* byteValues(b: Uint8Array): Generator<bigint> {
  for (let i = 0; i < b.length; i++) yield BigInt(b[i]!);
}

/** Any Python iterable as a JS iterable, for `for...of` and spread. */
export function iterable(x: unknown): Iterable<any> {
  if (typeof x === "string" || Array.isArray(x)) return x as Iterable<unknown>;
  return { [Symbol.iterator]: () => jsIterator(x) };
}

/**
 * A Python iterable as a JS iterable; where taking its iterator raises TypeError, TypeError
 * with `message` instead (`"".join(5)`: "can only join an iterable", as CPython's
 * PySequence_Fast and `bytes(x)` replace it).
 */
export function iterableOr(x: unknown, message: string): Iterable<any> {
  if (typeof x === "string" || Array.isArray(x)) return x as Iterable<unknown>;
  let it: Iterator<unknown>;
  try {
    it = jsIterator(x);
  } catch (e) {
    if (e instanceof PyTypeError) throw new PyTypeError(message);
    throw e;
  }
  return { [Symbol.iterator]: () => it };
}

/** `iter(callable, sentinel)`: calls `callable()` until it returns a value equal to sentinel. */
function* callUntil(fn: () => unknown, sentinel: unknown, same: (a: unknown, b: unknown) => boolean): Generator<unknown> {
  for (;;) {
    const value = fn();
    if (value === sentinel || same(value, sentinel)) return;
    yield value;
  }
}

/** Python's `iter(x)` and `iter(callable, sentinel)`. */
/** Marks an async iterator of items that wait (threads/waiting-calls.ts). */
const WAITING_ITEMS: unique symbol = Symbol.for("pyts.waitingItems") as never;

export function iter(x: unknown, ...sentinel: unknown[]): PyIterator {
  if (sentinel.length > 0) {
    if (typeof x !== "function") throw new PyTypeError("iter(v, w): v must be callable");
    return new (iteratorClass("callable_iterator"))(callUntil(x as () => unknown, sentinel[0], eq));
  }
  // (a generator, like any runtime iterator, is its own iterator: `iter(g) is g`)
  if (x instanceof PyIterator || (x !== null && typeof x === "object" && (x as { [JS_NEXT]?: true })[JS_NEXT] === true)) return x as PyIterator;
  // (a generator whose body waits, threads: its own iterator, stepped by awaited next() calls)
  if (x !== null && typeof x === "object" && (x as { [WAITING_ITEMS]?: true })[WAITING_ITEMS] === true) return x as PyIterator;
  return new (iteratorClass(iteratorName(x)))(jsIterator(x), x);
}

/** A JS iterator over `x`'s items as the Python iterator `iter(x)` gives (`list_iterator`...). */
export function iteratorOver(x: unknown, items: Iterator<unknown>): PyIterator {
  return new (iteratorClass(iteratorName(x)))(items, x);
}

const NO_DEFAULT = Symbol("no default");

/** Python's `next(it[, default])`. */
export function next(it: unknown, fallback: unknown = NO_DEFAULT): any {
  const obj = it as PyIterProtocol & Partial<Iterator<unknown>>;
  if (it !== null && typeof it === "object") {
    if (typeof obj.__next__ === "function") {
      try {
        const value = obj.__next__();
        // (a `__next__` that waits, in a threaded program: its StopIteration comes later)
        if (value instanceof Promise && fallback !== NO_DEFAULT) return value.catch((e: unknown) => (e instanceof StopIteration ? fallback : Promise.reject(e)));
        return value;
      } catch (e) {
        if (e instanceof StopIteration && fallback !== NO_DEFAULT) return fallback;
        throw e;
      }
    }
    if (typeof obj.next === "function") {
      const r = obj.next();
      if (!r.done) return r.value;
      if (fallback !== NO_DEFAULT) return fallback;
      throw r.value === undefined ? new StopIteration() : new StopIteration(r.value);
    }
  }
  throw new PyTypeError(`'${typeName(it)}' object is not an iterator`);
}

