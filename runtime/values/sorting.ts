// sorted() and list.sort(): keys computed once, then a comparator chosen by what the keys
// are (ints, floats, bools or strs of one kind, or tuples of those compare without dispatch).

import { CALLING, COMPARING, enterRecursionSite, leaveRecursionSite, noteRecursionSite } from "./recursion.js";
import { callsDirectly } from "../lang/functions.js";
import { callValue } from "../modules/pycall.js";
import { compareStrings, lt } from "./compare.js";
import { PyTypeError, ValueError } from "./exceptions.js";
import { userDefines } from "./overrides.js";
import { NotImplemented } from "./singletons.js";
import { timsort } from "./timsort.js";
import { iterable } from "./iteration.js";
import { kw, splitKw } from "./kwargs.js";
import { truthy } from "./truth.js";
import { Tuple } from "./tuple.js";
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
  const items = Array.from(iterable(pos[0]));
  sortInPlace(items, kws["key"] ?? null, truthy(kws["reverse"]));
  return items;
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
    if (key === null || key === undefined) sortObjects(saved, null, reverse);
    else {
      const keys = keysOf(saved, key);
      if (saved.length >= 2 && !sortPrimitives(keys, saved, reverse)) sortObjects(keys, saved, reverse);
    }
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
 * are ints, floats, strs or tuples of those, whose order JS decides without user code.
 * Returns false, leaving both untouched, for any other keys.
 */
function sortPrimitives(keys: unknown[], values: unknown[], reverse: boolean): boolean {
  const n = keys.length;
  // Ints that all fit a double compare faster as numbers.
  if (n > 0 && typeof keys[0] === "bigint" && keys.every(isSafeBigint)) keys = keys.map(Number);
  // Keys already in order (all equal, or a list sorted before) leave the items as they are,
  // as CPython's sort finds such a run in one pass.
  if (n < 2 || inOrder(keys, reverse)) return true;
  let order: ArrayLike<number> | null = packedIntOrder(keys, reverse);
  if (order === null) {
    const compare = primitiveOrder(keys);
    if (compare === null) return false;
    if (compare === comparePrimitives || compare === compareNativeStrings) {
      order = compare === compareNativeStrings ? mergeOrderStrings(keys as string[], reverse) : mergeOrderNumbers(keys as number[], reverse);
    } else {
      const positions = new Array<number>(n);
      for (let i = 0; i < n; i++) positions[i] = i;
      positions.sort(reverse ? (a, b) => compare(keys[b], keys[a]) : (a, b) => compare(keys[a], keys[b]));
      order = positions;
    }
  }
  const copy = values.slice();
  for (let to = 0; to < n; to++) values[to] = copy[order[to]!];
  return true;
}

/** The key of each item; the key function is called directly when callValue would do just that. */
function keysOf(items: unknown[], key: unknown): unknown[] {
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

/** Runs this long are sorted by insertion before mergeOrderNumbers / mergeOrderStrings merge them. */
const RUN = 16;

/**
 * The sorted order of keys that JS's own `<` orders as Python's does (numbers without NaN,
 * bigints, bools, strs without surrogates): a stable merge sort of positions whose
 * comparisons are inline `<` (Array.prototype.sort would call a comparator for each). An
 * item moves ahead of another only when its key is strictly less (reversed: strictly greater),
 * so equal keys keep their order, as CPython's sort does with `reverse=True` too. Two copies,
 * strs and the rest: each `<` then sees one kind of operand, which V8 compiles to a plain compare.
 */
function mergeOrderNumbers(keys: readonly number[], reverse: boolean): Int32Array {
  const n = keys.length;
  let from = new Int32Array(n);
  let to = new Int32Array(n);
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo; i < hi; i++) {
      const key = keys[i]!;
      let j = i - 1;
      while (j >= lo && (reverse ? keys[from[j]!]! < key : key < keys[from[j]!]!)) {
        from[j + 1] = from[j]!;
        j--;
      }
      from[j + 1] = i;
    }
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const middle = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let left = lo;
      let right = middle;
      let out = lo;
      while (left < middle && right < hi) {
        const a = keys[from[left]!]!;
        const b = keys[from[right]!]!;
        if (reverse ? a < b : b < a) to[out++] = from[right++]!;
        else to[out++] = from[left++]!;
      }
      while (left < middle) to[out++] = from[left++]!;
      while (right < hi) to[out++] = from[right++]!;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  return from;
}


/** mergeOrderNumbers for strs (the same code: see there). */
function mergeOrderStrings(keys: readonly string[], reverse: boolean): Int32Array {
  const n = keys.length;
  let from = new Int32Array(n);
  let to = new Int32Array(n);
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo; i < hi; i++) {
      const key = keys[i]!;
      let j = i - 1;
      while (j >= lo && (reverse ? keys[from[j]!]! < key : key < keys[from[j]!]!)) {
        from[j + 1] = from[j]!;
        j--;
      }
      from[j + 1] = i;
    }
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const middle = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let left = lo;
      let right = middle;
      let out = lo;
      while (left < middle && right < hi) {
        const a = keys[from[left]!]!;
        const b = keys[from[right]!]!;
        if (reverse ? a < b : b < a) to[out++] = from[right++]!;
        else to[out++] = from[left++]!;
      }
      while (left < middle) to[out++] = from[left++]!;
      while (right < hi) to[out++] = from[right++]!;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  return from;
}

/**
 * Number keys that are all integers in a small range: each key and its position packed into
 * one double (`(key - min) * n + i`, exact below 2**53) and sorted by the typed array's own
 * numeric sort, which needs no comparator and is stable by construction. Else null.
 */
function packedIntOrder(keys: unknown[], reverse: boolean): number[] | null {
  const n = keys.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (typeof k !== "number" || !Number.isInteger(k)) return null;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  if ((max - min + 1) * n >= 2 ** 53) return null;
  const packed = new Float64Array(n);
  // Reversed: larger keys first, equal keys still in their original order.
  for (let i = 0; i < n; i++) packed[i] = (reverse ? max - (keys[i] as number) : (keys[i] as number) - min) * n + i;
  packed.sort();
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = packed[i]! % n;
  return order;
}

/**
 * Are the keys, all ints, all floats without NaN, or all strs without surrogates (whose `<` is
 * JS's own), already in sorted order (non-increasing when reversed: equal keys keep theirs)?
 */
function inOrder(keys: unknown[], reverse: boolean): boolean {
  const kind = typeof keys[0];
  if (kind !== "number" && kind !== "bigint" && kind !== "string") return false;
  let previous = keys[0] as number;
  if (previous !== previous || (kind === "string" && SURROGATE.test(keys[0] as string))) return false;
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as number;
    if (typeof k !== kind || k !== k) return false;
    if (reverse ? previous < k : k < previous) return false;
    if (kind === "string" && SURROGATE.test(k as unknown as string)) return false;
    previous = k;
  }
  return true;
}

function isSafeBigint(k: unknown): boolean {
  return typeof k === "bigint" && k <= 9007199254740991n && k >= -9007199254740991n;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Strs without surrogates: UTF-16 order is code-point order, so JS's own `<` decides. */
function compareNativeStrings(a: unknown, b: unknown): number {
  return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
}

/**
 * When every key is an int, every key a float (no NaN), every key a bool or every key a str,
 * `<` on them is JS's own (str by code point): a comparator without dispatch. Else null.
 */
function primitiveOrder(keys: unknown[]): ((a: unknown, b: unknown) => number) | null {
  if (keys.length === 0) return null;
  if (keys[0] instanceof Tuple) return tupleOrder(keys);
  const kind = typeof keys[0];
  if (!isPrimitiveKind(kind)) return null;
  for (const k of keys) if (typeof k !== kind || k !== k) return null;
  if (kind === "string") return keys.some((k) => SURROGATE.test(k as string)) ? (compareStrings as (a: unknown, b: unknown) => number) : compareNativeStrings;
  return comparePrimitives;
}

function isPrimitiveKind(kind: string): boolean {
  return kind === "bigint" || kind === "number" || kind === "string" || kind === "boolean";
}

function comparePrimitives(a: unknown, b: unknown): number {
  return (a as number) < (b as number) ? -1 : (b as number) < (a as number) ? 1 : 0;
}

/**
 * Tuple keys (`key=lambda r: (-r[1], r[0])`) whose items at each position are all of one
 * primitive kind: Python's tuple order (first unequal item decides, then length) without
 * dispatch. Else null.
 */
function tupleOrder(keys: unknown[]): ((a: unknown, b: unknown) => number) | null {
  const kinds: string[] = [];
  for (const k of keys) {
    if (!(k instanceof Tuple) || Object.getPrototypeOf(k) !== Tuple.prototype) return null;
    const items = k.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const kind = typeof item;
      if (item !== item) return null;
      if (i >= kinds.length) {
        if (!isPrimitiveKind(kind)) return null;
        kinds.push(kind);
      } else if (kinds[i] !== kind) return null;
    }
  }
  return (a, b) => {
    const xs = (a as Tuple).items;
    const ys = (b as Tuple).items;
    const n = Math.min(xs.length, ys.length);
    for (let i = 0; i < n; i++) {
      const x = xs[i];
      const y = ys[i];
      if (x === y) continue;
      return kinds[i] === "string" ? compareStrings(x as string, y as string) : comparePrimitives(x, y);
    }
    return xs.length - ys.length;
  };
}
