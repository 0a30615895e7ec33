// `d[k] = d.get(k, n) + m` (the lowering's count-updates.ts emits it for locals `d`, `k`).

import { add } from "./arithmetic.js";
import { Dict } from "./dict.js";
import { callGet } from "./methods.js";
import { setitem } from "./subscript.js";

/**
 * `d[k] = d.get(k, fallback) + increment`. A plain dict whose keys run no user code (a str or
 * int key, no key hashed by a class's `__hash__`) and an int or float count: the entry found
 * once and updated in place, which is all CPython's get, add and store do there. Anything else
 * runs those three as written, in Python's order.
 */
export function dictGetAdd(d: unknown, key: unknown, fallback: unknown, increment: unknown): void {
  if (d instanceof Dict && (d as { constructor: unknown }).constructor === Dict && (typeof key === "string" || typeof key === "bigint") && d.table.hashedCount === 0) {
    const entry = d.table.find(key);
    const count = entry === undefined ? fallback : entry.value;
    let sum: unknown;
    if (typeof count === "bigint" && typeof increment === "bigint") sum = count + increment;
    else if (typeof count === "number" && typeof increment === "number") sum = count + increment;
    if (sum !== undefined) {
      if (entry !== undefined) entry.value = sum;
      else d.table.set(key, sum);
      return;
    }
  }
  setitem(d, key, add(callGet(d, key, fallback), increment));
}
