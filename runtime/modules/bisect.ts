// Python's `bisect`: binary search and insertion into sorted sequences, as CPython's C
// module does it (any sequence with len and indexing; `x < a[mid]` / `a[mid] < x` only;
// `key=` applies to the elements, never to `x` in the bisect functions).

import { lt } from "../values/compare.js";
import { len } from "../values/builtin-functions.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { asIndex } from "../values/slice.js";
import { typeName } from "../values/typename.js";
import { callMethod } from "../values/methods.js";
import { getitem } from "../values/subscript.js";
import { isNone } from "./callable-class.js";
import { clinicFunction } from "./clinic-args.js";
import { moduleObject } from "./module-object.js";
import { callValue } from "./pycall.js";

function indexValue(x: unknown): bigint {
  const index = asIndex(x);
  if (index === undefined) throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
  return index;
}

/** The search bounds: `lo` must not be negative, `hi` defaults to len(a). */
function bounds(a: unknown, lo: unknown, hi: unknown): [bigint, bigint] {
  const low = lo === undefined ? 0n : indexValue(lo);
  if (low < 0n) throw new ValueError("lo must be non-negative");
  const high = hi === undefined || isNone(hi) ? len(a) : indexValue(hi);
  return [low, high];
}

function element(a: unknown, index: bigint, key: unknown): unknown {
  const item = getitem(a, index);
  return isNone(key) ? item : callValue(key, item);
}

function searchRight(a: unknown, x: unknown, lo: unknown, hi: unknown, key: unknown): bigint {
  let [low, high] = bounds(a, lo, hi);
  while (low < high) {
    const mid = (low + high) / 2n;
    if (lt(x, element(a, mid, key))) high = mid;
    else low = mid + 1n;
  }
  return low;
}

function searchLeft(a: unknown, x: unknown, lo: unknown, hi: unknown, key: unknown): bigint {
  let [low, high] = bounds(a, lo, hi);
  while (low < high) {
    const mid = (low + high) / 2n;
    if (lt(element(a, mid, key), x)) low = mid + 1n;
    else high = mid;
  }
  return low;
}

function insertAt(a: unknown, index: bigint, x: unknown): null {
  if (Array.isArray(a)) a.splice(Number(index), 0, x);
  else callMethod(a, "insert", index, x);
  return null;
}

/** A bisect-module function: (a, x, lo=0, hi=len(a), *, key=None) with Argument Clinic's checks. */
function searchFunction(name: string, body: (a: unknown, x: unknown, lo: unknown, hi: unknown, key: unknown) => unknown) {
  return clinicFunction((a, x, lo, hi, key) => body(a, x, lo, hi, key ?? null), name, ["a", "x", "lo", "hi"], 2, ["key"]);
}

const keyed = (x: unknown, key: unknown): unknown => (isNone(key) ? x : callValue(key, x));

const bisect_right = searchFunction("bisect_right", searchRight);
const bisect_left = searchFunction("bisect_left", searchLeft);
// insort: the key applies to x as well, since the new element is compared as the others are.
const insort_right = searchFunction("insort_right", (a, x, lo, hi, key) => insertAt(a, searchRight(a, keyed(x, key), lo, hi, key), x));
const insort_left = searchFunction("insort_left", (a, x, lo, hi, key) => insertAt(a, searchLeft(a, keyed(x, key), lo, hi, key), x));

export const bisectModule = moduleObject("bisect", {
  bisect_right,
  bisect_left,
  bisect: bisect_right,
  insort_right,
  insort_left,
  insort: insort_right,
});
