// Python's `copy`: shallow and deep copies. Immutable values are returned as they are; lists,
// dicts, sets and tuples are rebuilt; an object's own `__copy__` / `__deepcopy__(memo)` is
// used when its class defines one; other objects are rebuilt without `__init__` (as
// `__reduce_ex__` does for plain classes) with their attributes copied. `memo` is a dict keyed
// by `id()`, so a cycle is copied once and user `__deepcopy__` methods can pass it on.
// Subclasses of list/dict/set/tuple and classes with their own `__reduce_ex__`, `__reduce__`,
// `__getnewargs__`, `__getstate__` or `__setstate__` go through CPython's `_reconstruct`
// (copy-reduce.ts), and a class registered in `copy.dispatch_table` through its reduction
// function there (copy-dispatch.ts).

import { builtinFunction } from "../values/builtin-type.js";
import { id } from "../values/builtin-functions.js";
import { Dict } from "../values/dict.js";
import { Exception } from "../values/exceptions.js";
import { callMethod } from "../values/methods.js";
import { FrozenSet, PySet } from "../values/set.js";
import { Tuple } from "../values/tuple.js";
import { moduleObject } from "./module-object.js";
import { byReduction, reconstruct } from "./copy-reduce.js";
import { dispatchTable, registeredReductor } from "./copy-dispatch.js";

class Error extends Exception {
  static readonly __module__ = "copy";
}

function isAtomic(x: unknown): boolean {
  return x === null || x === undefined || typeof x !== "object" || x instanceof FrozenSet || x instanceof Uint8Array && x.constructor.name === "Bytes";
}

/** The object's class's own copy hook (not the object machinery's). */
function hook(x: object, name: "__copy__" | "__deepcopy__"): ((...a: unknown[]) => unknown) | null {
  const f = (x as Record<string, unknown>)[name];
  return typeof f === "function" ? (f as (...a: unknown[]) => unknown) : null;
}

/** A new instance of x's class, no `__init__` run, with x's attributes (values mapped). */
function rebuild(x: object, map: (v: unknown) => unknown, memo?: Dict<unknown, unknown>): object {
  const copy = Object.create(Object.getPrototypeOf(x)) as Record<string | symbol, unknown>;
  memo?.set(id(x), copy);
  for (const key of Reflect.ownKeys(x)) {
    const d = Object.getOwnPropertyDescriptor(x, key)!;
    if ("value" in d && d.enumerable && typeof key === "string") d.value = map(d.value);
    Object.defineProperty(copy, key, d);
  }
  return copy;
}

function shallow(x: unknown): any {
  if (isAtomic(x) || x instanceof Tuple && x.constructor === Tuple) return x;
  const obj = x as object;
  const own = hook(obj, "__copy__");
  if (own) return own.call(obj);
  const reductor = registeredReductor(obj);
  if (reductor !== undefined) return reconstruct(obj, null, reductor);
  if (Array.isArray(obj) && obj.constructor === Array) return obj.slice();
  if ((obj instanceof Dict || obj instanceof PySet) && !byReduction(obj)) return callMethod(obj, "copy");
  if (typeof x === "function") return x;
  if (byReduction(obj)) return reconstruct(obj, null);
  return rebuild(obj, (v) => v);
}

function deep(x: unknown, memo: Dict<unknown, unknown>): any {
  // (frozenset is no atom to deepcopy: CPython rebuilds it from its reduction, a new object)
  if (x instanceof FrozenSet && x.constructor === FrozenSet) {
    const key = id(x);
    if (memo.has(key)) return memo.get(key);
    const result = FrozenSet.of(...Array.from(x, (item) => deep(item, memo)));
    memo.set(key, result);
    return result;
  }
  if (isAtomic(x) || typeof x === "function") return x;
  const key = id(x);
  if (memo.has(key)) return memo.get(key);
  const obj = x as object;
  const own = hook(obj, "__deepcopy__");
  let result: unknown;
  const reductor = own ? undefined : registeredReductor(obj);
  if (own) result = own.call(obj, memo);
  else if (reductor !== undefined) result = reconstruct(obj, { memo, deep: (v) => deep(v, memo) }, reductor);
  else if (byReduction(obj)) result = reconstruct(obj, { memo, deep: (v) => deep(v, memo) });
  else if (Array.isArray(obj) && obj.constructor === Array) {
    const out: unknown[] = [];
    memo.set(key, out);
    for (const item of obj) out.push(deep(item, memo));
    result = out;
  } else if (obj instanceof Tuple && obj.constructor === Tuple) {
    const items = obj.items.map((item) => deep(item, memo));
    // A tuple of atoms is itself: the same object back, as CPython does.
    if (memo.has(key)) return memo.get(key);
    result = items.every((item, i) => item === obj.items[i]) ? obj : Tuple.from(items);
  } else if (obj instanceof Dict) {
    const out = callMethod(obj, "copy") as Dict<unknown, unknown>;
    out.clear();
    memo.set(key, out);
    for (const [k, v] of obj.entries()) out.set(deep(k, memo), deep(v, memo));
    result = out;
  } else if (obj instanceof PySet) {
    const out = callMethod(obj, "copy") as PySet<unknown>;
    out.clear();
    memo.set(key, out);
    for (const item of obj) out.add(deep(item, memo));
    result = out;
  } else {
    result = rebuild(obj, (v) => deep(v, memo), memo);
  }
  memo.set(key, result);
  return result;
}

function deepcopy(x: unknown, memo: unknown = null): any {
  return deep(x, memo instanceof Dict ? (memo as Dict<unknown, unknown>) : new Dict<unknown, unknown>());
}

export const copyModule = moduleObject("copy", {
  __all__: ["Error", "copy", "deepcopy"],
  Error,
  error: Error,
  copy: builtinFunction(shallow, "copy"),
  deepcopy: builtinFunction(deepcopy, "deepcopy"),
  dispatch_table: dispatchTable,
});
