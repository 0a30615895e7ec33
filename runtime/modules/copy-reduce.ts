// copy's reconstruction through the reduce protocol, as CPython's `copy._reconstruct` does it:
// the object's `__reduce_ex__(4)` / `__reduce__()` when its class defines one, else the
// default reduction of `object.__reduce_ex__(4)`: `cls.__new__(cls, *__getnewargs__())`, the
// state from `__getstate__()` (or the instance's attributes), the list items of a list
// subclass and the dict items of a dict subclass. A deep copy copies the arguments, state and
// items, and records the new object in `memo` before its state is set (so cycles close).

import { id } from "../values/builtin-functions.js";
import { Dict } from "../values/dict.js";
import { instanceDict } from "../values/attributes.js";
import { setattr } from "../values/builtin-functions.js";
import { PyTypeError } from "../values/exceptions.js";
import { callMethod } from "../values/methods.js";
import { FrozenSet, PySet } from "../values/set.js";
import { setitem } from "../values/subscript.js";
import { Tuple } from "../values/tuple.js";
import { objectNew } from "../lang/mro.js";
import { slotNames } from "../lang/attribute-hooks.js";
import { typeName } from "../values/typename.js";
import { callValue } from "./pycall.js";

const HOOKS = ["__reduce_ex__", "__reduce__", "__getnewargs__", "__getstate__", "__setstate__"] as const;

function own(x: object, name: string): ((...a: unknown[]) => unknown) | null {
  const f = (x as Record<string, unknown>)[name];
  return typeof f === "function" ? (f as (...a: unknown[]) => unknown) : null;
}

/** Does copying `x` take the reduce path (a built-in container's subclass, or reduce hooks)? */
export function byReduction(x: object): boolean {
  const exact = x.constructor === Array || x.constructor === Dict || x.constructor === PySet || x.constructor === Tuple || x.constructor === FrozenSet;
  if (!exact && (Array.isArray(x) || x instanceof Dict || x instanceof PySet || x instanceof Tuple)) return true;
  return HOOKS.some((name) => own(x, name) !== null);
}

interface Deep {
  memo: Dict<unknown, unknown>;
  deep: (v: unknown) => unknown;
}

/** `cls.__new__(cls, *args)`: the class's own `__new__`, else the base's. */
function newInstance(x: object, args: unknown[]): object {
  const cls = x.constructor;
  const make = (cls as { __new__?: unknown }).__new__;
  if (typeof make === "function") return make.apply(cls, args) as object;
  // list.__new__(cls) / dict.__new__(cls) / set.__new__(cls): an empty container of the class.
  if (Array.isArray(x)) return Reflect.construct(Array, [], cls) as object;
  if (x instanceof Dict) return Reflect.construct(Dict, [], cls) as object;
  if (x instanceof PySet) return Reflect.construct(PySet, [], cls) as object;
  return objectNew(cls, ...args) as object;
}

/** The default state: the instance's `__dict__` (and slot values, as CPython's `(dict, slots)`). */
function defaultState(x: object): Dict<unknown, unknown> | null {
  const state = new Dict<unknown, unknown>(instanceDict(x).entries());
  for (const name of slotNames(x)) {
    const value = (x as Record<string, unknown>)[name];
    if (value !== undefined) state.set(name, value);
  }
  return state.size > 0 ? state : null;
}

function setState(y: object, state: unknown): void {
  const setter = own(y, "__setstate__");
  if (setter !== null) {
    setter.call(y, state);
    return;
  }
  let slotState: unknown = null;
  if (state instanceof Tuple && state.items.length === 2) [state, slotState] = state.items;
  if (state instanceof Dict) {
    const target = instanceDict(y);
    for (const [k, v] of state.entries()) target.set(k, v);
  } else if (state !== null && state !== undefined) throw new PyTypeError(`state is not a dictionary`);
  if (slotState instanceof Dict) for (const [k, v] of slotState.entries()) setattr(y, k, v);
}

/** A copy of `x` (deep when `deep` is given) by its reduction (`reductor(x)`'s when copy.dispatch_table names one). */
export function reconstruct(x: object, deep: Deep | null, reductor: unknown = undefined): object {
  const copyOf = (v: unknown): unknown => (deep === null ? v : deep.deep(v));
  let y: object;
  let state: unknown = null;
  let listItems: Iterable<unknown> | null = null;
  let dictItems: Iterable<unknown> | null = null;
  const reduceEx = own(x, "__reduce_ex__");
  const reduce = own(x, "__reduce__");
  if (reductor !== undefined || reduceEx !== null || reduce !== null) {
    const rv = reductor !== undefined ? callValue(reductor, x) : reduceEx !== null ? reduceEx.call(x, 4n) : reduce!.call(x);
    if (typeof rv === "string") return x;
    if (!(rv instanceof Tuple)) throw new PyTypeError(`__reduce__ must return a string or tuple, not ${typeName(rv)}`);
    const [callable, args, st, li, di] = rv.items;
    const argv = args instanceof Tuple ? args.items.map(copyOf) : [];
    y = callValue(callable, ...argv) as object;
    state = st ?? null;
    listItems = (li ?? null) as Iterable<unknown> | null;
    dictItems = (di ?? null) as Iterable<unknown> | null;
  } else {
    const getnewargs = own(x, "__getnewargs__");
    let args: unknown[] = [];
    if (getnewargs !== null) args = [...(getnewargs.call(x) as Tuple).items];
    else if (x instanceof Tuple) args = [Tuple.from(x.items)];
    else if (x instanceof PySet) args = [];
    y = newInstance(x, args.map(copyOf));
    const getstate = own(x, "__getstate__");
    state = getstate !== null ? getstate.call(x) : defaultState(x);
    if (Array.isArray(x)) listItems = x.slice();
    if (x instanceof Dict) dictItems = [...x.entries()].map(([k, v]) => Tuple.from([k, v]));
    if (x instanceof PySet && !(x instanceof FrozenSet)) state = state ?? null;
  }
  if (deep !== null) deep.memo.set(id(x), y);
  if (state !== null && state !== undefined && !(state instanceof Dict && state.size === 0)) setState(y, copyOf(state));
  if (listItems !== null) for (const item of listItems) callMethod(y, "append", copyOf(item));
  if (dictItems !== null) {
    for (const pair of dictItems) {
      const [k, v] = (pair as Tuple).items;
      setitem(y, copyOf(k), copyOf(v));
    }
  }
  if (x instanceof PySet && !(x instanceof FrozenSet) && y instanceof PySet && y.size === 0) for (const item of x) (y as PySet<unknown>).add(copyOf(item));
  return y;
}
