// sorted() and list.sort(): keys computed once, then a comparator chosen by what the keys
// are (ints, floats, bools or strs of one kind, or tuples of those compare without dispatch).

import { CALLING, enterRecursionSite, leaveRecursionSite, noteRecursionSite } from "./recursion.js";
import { callValue } from "../modules/pycall.js";
import { compareStrings, sortCompare } from "./compare.js";
import { iterable } from "./iteration.js";
import { splitKw } from "./kwargs.js";
import { truthy } from "./truth.js";
import { Tuple } from "./tuple.js";

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

/** Python's sorted(iterable, *, key=None, reverse=False): stable, using `<` only. */
export function sorted(...args: unknown[]): any[] {
  const [pos, kws] = splitKw(args);
  const items = Array.from(iterable(pos[0]));
  sortInPlace(items, kws["key"] ?? null, truthy(kws["reverse"]));
  return items;
}

export function sortInPlace(items: unknown[], key: unknown, reverse: boolean): void {
  let keys = key === null || key === undefined ? items : items.map((x) => callKey(key, x));
  // Ints that all fit a double compare faster as numbers.
  if (keys.length > 0 && typeof keys[0] === "bigint" && keys.every(isSafeBigint)) keys = keys.map(Number);
  const order = items.map((_, i) => i);
  const compare = primitiveOrder(keys) ?? sortCompare;
  order.sort(reverse ? (a, b) => compare(keys[b], keys[a]) : (a, b) => compare(keys[a], keys[b]));
  const copy = items.slice();
  order.forEach((from, to) => (items[to] = copy[from]));
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
