// sorted() and list.sort(): keys computed once, then a comparator chosen by what the keys
// are (ints, floats, bools or strs of one kind, or tuples of those compare without dispatch).

import { CALLING, COMPARING, enterRecursionSite, leaveRecursionSite, noteRecursionSite } from "./recursion.js";
import { callsDirectly } from "../lang/functions.js";
import { callValue } from "../modules/pycall.js";
import { lt } from "./compare.js";
import { IN_ORDER, primitiveSortOrder } from "./sort-orders.js";
import { len } from "./builtin-functions.js";
import { isPlainList } from "./overrides.js";
import { PyTypeError, ValueError } from "./exceptions.js";
import { userDefines } from "./overrides.js";
import { NotImplemented } from "./singletons.js";
import { timsort } from "./timsort.js";
import { iterable } from "./iteration.js";
import { kw, splitKw } from "./kwargs.js";
import { truthy } from "./truth.js";
import { isReplayAbandon, replayRuns } from "../threads/replay-abandon.js";

/** A key function called by sorted/min/max (CPython calls it from C: a recursion says so). */
export function callKey(key: unknown, item: unknown): any {
  enterRecursionSite();
  try {
    return callValue(key, item);
  } catch (e) {
    noteRecursionSite(e, CALLING);
    throw e;
  } finally {
    leaveRecursionSite();
  }
}

/**
 * `sorted`, `min` or `max` with a key function that waits (a thread switch: the lowering made
 * it async): each item's key is awaited in turn, as CPython calls them, then `fn` runs with
 * the keys known. Equal items share their key (the key of an item is asked once).
 */
export async function withWaitingKey(fn: (...args: unknown[]) => unknown, ...args: unknown[]): Promise<unknown> {
  const [pos, kws] = splitKw(args);
  const key = kws["key"];
  if (key === null || key === undefined) return fn(...args);
  const items = pos.length === 1 ? Array.from(iterable(pos[0])) : pos;
  const keys = new Map<unknown, unknown>();
  for (const item of items) {
    if (keys.has(item)) continue;
    const k: unknown = callKey(key, item);
    keys.set(item, k !== null && typeof k === "object" && typeof (k as PromiseLike<unknown>).then === "function" ? await (k as PromiseLike<unknown>) : k);
  }
  const known = (item: unknown): unknown => keys.get(item);
  return fn(...(pos.length === 1 ? [items] : items), kw({ ...kws, key: known }));
}

/** Python's sorted(iterable, *, key=None, reverse=False): stable, using `<` only. */
export function sorted(...args: unknown[]): any[] {
  const [pos, kws] = splitKw(args);
  if (pos.length !== 1) throw new PyTypeError(`sorted expected 1 argument, got ${pos.length}`);
  const names = Object.keys(kws);
  if (names.length > 2) throw new PyTypeError(`sort() takes at most 2 keyword arguments (${names.length} given)`);
  for (const name of names) if (name !== "key" && name !== "reverse") throw new PyTypeError(`'${name}' is an invalid keyword argument for sort()`);
  const source = pos[0];
  // (a plain list's copy is native; anything else, list subclasses too, through its iterator)
  const items = isPlainList(source) ? source.slice() : Array.from(iterable(source));
  // (A list no other code can reach: sorted where it is, without sortInPlace's copy that
  // keeps a visible list empty meanwhile; an exception drops it.)
  sortItems(items, kws["key"] ?? null, truthy(kws["reverse"]));
  return items;
}

/** Sorts `items` itself, keys first: what sortInPlace does on its copy of the list. */
function sortItems(items: unknown[], key: unknown, reverse: boolean): void {
  if (key === null || key === undefined) {
    if (items.length >= 2 && !sortPrimitives(items, items, reverse)) sortObjects(items, null, reverse);
  } else {
    const keys = keysOf(items, key);
    if (items.length >= 2 && !sortPrimitives(keys, items, reverse)) sortObjects(keys, items, reverse);
  }
}

/**
 * list.sort(key=, reverse=) on `items`, as CPython's does: keys computed once (a raising key
 * function leaves the list as it was); keys that JS's own `<` orders as Python's (ints, floats,
 * strs, tuples of those) take fast paths with the same result; any other keys go through
 * CPython's own algorithm (timsort.ts), so a user `__lt__` sees CPython's calls. While the key
 * function or `__lt__` runs the list is empty, and a change to it is "list modified during sort".
 */
export function sortInPlace(items: unknown[], key: unknown, reverse: boolean): void {
  if (key === null || key === undefined) {
    if (items.length < 2 || sortPrimitives(items, items, reverse)) return;
  }
  const saved = items.slice();
  // (under a replay frame the run may be abandoned: its writes are undone from this copy)
  const original = replayRuns.depth > 0 ? saved.slice() : null;
  items.length = 0;
  let failure: { error: unknown } | null = null;
  try {
    // (keys of their own are known by now not to be primitives of one kind)
    if (key === null || key === undefined) sortObjects(saved, null, reverse);
    else sortItems(saved, key, reverse);
  } catch (e) {
    failure = { error: e };
  }
  const modified = items.length !== 0;
  items.length = 0;
  // A run abandoned by a replay frame (a waiting `__lt__` in a thread) runs again from the
  // start: the list goes back to its order before this run, not a partly sorted one.
  const source = original !== null && failure !== null && isReplayAbandon(failure.error) ? original : saved;
  for (let i = 0; i < source.length; i++) items[i] = source[i];
  if (failure !== null) throw failure.error;
  if (modified) throw new ValueError("list modified during sort");
}

/** CPython's sort of keys that are not all primitives; reversed before and after, as CPython does. */
function sortObjects(keys: unknown[], values: unknown[] | null, reverse: boolean): void {
  if (reverse) {
    keys.reverse();
    if (values !== null && values !== keys) values.reverse();
  }
  try {
    timsort(keys, values === keys ? null : values, lessThan(keys));
  } finally {
    if (reverse) {
      keys.reverse();
      if (values !== null && values !== keys) values.reverse();
    }
  }
}

/**
 * The `<` CPython's sort uses: when every key is of one user class with `__lt__`, the class's
 * own `__lt__` is called first and, when it answers NotImplemented, the whole `<` protocol
 * runs (calling `__lt__` again, as CPython's unsafe_object_compare does).
 */
function lessThan(keys: unknown[]): (a: unknown, b: unknown) => boolean {
  const first = keys[0];
  if (typeof first !== "object" || first === null || !userDefines(first, "__lt__")) return lt;
  const proto = Object.getPrototypeOf(first) as object;
  for (const k of keys) if (typeof k !== "object" || k === null || Object.getPrototypeOf(k) !== proto) return lt;
  return (a, b) => {
    const r = callLt(a, b);
    if (r === NotImplemented) return lt(a, b);
    return typeof r === "boolean" ? r : truthy(r);
  };
}

function callLt(a: unknown, b: unknown): unknown {
  enterRecursionSite();
  try {
    return ((a as Record<string, unknown>)["__lt__"] as (other: unknown) => unknown).call(a, b);
  } catch (e) {
    noteRecursionSite(e, COMPARING);
    throw e;
  } finally {
    leaveRecursionSite();
  }
}

/**
 * Sorts `values` by `keys` (the same array when sorting the items themselves) when the keys
 * are ints, floats, strs or tuples of those, whose order JS decides without user code
 * (sort-orders.ts). Returns false, leaving both untouched, for any other keys.
 */
function sortPrimitives(keys: unknown[], values: unknown[], reverse: boolean): boolean {
  const n = keys.length;
  if (n < 2) return true;
  if (keys === values && typeof keys[0] === "string" && sortedStrs(keys, reverse)) return true;
  const order = primitiveSortOrder(keys, reverse);
  if (order === null) return false;
  if (order === IN_ORDER) return true;
  const copy = values.slice();
  for (let to = 0; to < n; to++) values[to] = copy[order[to]!];
  return true;
}

/**
 * Strs sorted as themselves (`sorted(names)`), none with surrogates: Array's own sort, whose
 * default order is the code units', which is code-point order without surrogates. Native from
 * the first call, where the order numbers of sort-orders.ts run interpreted at first. Equal strs
 * cannot be told apart, so neither stability nor reversing afterwards shows. False, leaving the
 * list untouched, when an item is no str or has surrogates.
 */
function sortedStrs(items: unknown[], reverse: boolean): boolean {
  if (!allStrsWithoutSurrogates(items)) return false;
  items.sort();
  if (reverse) items.reverse();
  return true;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Every item a str, none with surrogates. The units are tested by one regular expression over
 * the strs joined (native code from the first call, where a loop over each str's units runs
 * interpreted for a program's first sorts, and costs as much as the sort itself).
 */
function allStrsWithoutSurrogates(items: readonly unknown[]): boolean {
  for (let i = 0; i < items.length; i++) if (typeof items[i] !== "string") return false;
  return !SURROGATE.test(items.join(""));
}

/**
 * `key=len` over strs without surrogates or over plain lists: each length as a JS number (the
 * keys are the sort's own: an int's order does not depend on its representation), without
 * calling len 'n' times or making a bigint of each. Null for any other items, untouched.
 */
function lengthKeys(items: readonly unknown[]): number[] | null {
  const n = items.length;
  const first = items[0];
  if (typeof first === "string") {
    if (!allStrsWithoutSurrogates(items)) return null;
  } else if (isPlainList(first)) {
    for (let i = 1; i < n; i++) if (!isPlainList(items[i])) return null;
  } else return null;
  const keys = new Array<number>(n);
  for (let i = 0; i < n; i++) keys[i] = (items[i] as string | unknown[]).length;
  return keys;
}

/** The key of each item; the key function is called directly when callValue would do just that. */
function keysOf(items: unknown[], key: unknown): unknown[] {
  if (key === len && items.length > 0) {
    const lengths = lengthKeys(items);
    if (lengths !== null) return lengths;
  }
  const keys = new Array<unknown>(items.length);
  if (!callsDirectly(key, 1)) {
    for (let i = 0; i < items.length; i++) keys[i] = callKey(key, items[i]);
    return keys;
  }
  // (One recursion site around all the calls: as callKey marks each, nothing runs between them.)
  enterRecursionSite();
  try {
    for (let i = 0; i < items.length; i++) keys[i] = key(items[i]);
  } catch (e) {
    noteRecursionSite(e, CALLING);
    throw e;
  } finally {
    leaveRecursionSite();
  }
  return keys;
}
