// sys.getsizeof: the sizes CPython 3.11 reports on a 64-bit build, computed from the value's
// shape as CPython lays it out (int digits of 30 bits, str's compact 1/2/4-byte kinds, the
// over-allocation of a list grown by appends, dict and set tables grown by insertion).
// A list is sized as a display makes it when first seen; one built another way in CPython (by
// a comprehension, `list(range(n))`) may differ slightly.

import { Bytes } from "../values/bytes.js";
import { ByteArray } from "../values/bytearray.js";
import { Dict } from "../values/dict.js";
import { PyTypeError } from "../values/exceptions.js";
import { Tuple } from "../values/tuple.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { PySet, FrozenSet } from "../values/set.js";
import { splitKw } from "../values/kwargs.js";

function intSize(n: bigint): number {
  let m = n < 0n ? -n : n;
  let digits = 0;
  while (m > 0n) {
    m >>= 30n;
    digits++;
  }
  return 24 + 4 * Math.max(1, digits);
}

function strSize(s: string): number {
  let max = 0;
  let n = 0;
  for (const c of s) {
    max = Math.max(max, c.codePointAt(0)!);
    n++;
  }
  if (max < 128) return 49 + n;
  if (max < 256) return 73 + n;
  if (max < 65536) return 74 + 2 * n;
  return 76 + 4 * n;
}

/** CPython 3.11's list_resize: the capacity a list of `capacity` slots gets for `size` items. */
function resized(capacity: number, oldSize: number, size: number): number {
  if (capacity >= size && size >= capacity >> 1) return capacity;
  if (size === 0) return 0;
  const grown = (size + (size >> 3) + 6) & ~3;
  return size - oldSize > grown - size ? (size + 3) & ~3 : grown;
}

/**
 * The capacity of each list sizeOf has seen, and its length then: a list seen again has grown
 * (or shrunk) one item at a time since, as appends and pops do it.
 */
const listShapes = new WeakMap<unknown[], { length: number; capacity: number }>();

/**
 * A list's capacity. First seen, it is sized as a list display of constants makes it (two
 * items exactly, more rounded up to even: `[1, 2]` is 72 bytes, `[1, 2, 3]` 88), except that a
 * list of one item is taken as one appended to (88 bytes; the display `[1]` is 64); seen again,
 * it has grown by appends or shrunk by pops, whose over-allocation CPython's resize gives.
 */
function listCapacity(list: unknown[]): number {
  const n = list.length;
  const shape = listShapes.get(list);
  let capacity: number;
  // (one item: taken as a list grown from `[]` by its first append, which reserves four slots)
  if (shape === undefined) capacity = n === 1 ? 4 : n <= 2 ? n : (n + 1) & ~1;
  else {
    capacity = shape.capacity;
    for (let size = shape.length; size < n; size++) capacity = resized(capacity, size, size + 1);
    for (let size = shape.length; size > n; size--) capacity = resized(capacity, size, size - 1);
  }
  listShapes.set(list, { length: n, capacity });
  return capacity;
}

function dictSize(n: number): number {
  if (n === 0) return 64;
  let keysize = 8;
  let usable = 5;
  for (let used = 1; used <= n; used++) {
    if (used > usable) {
      keysize = 8;
      while (keysize < (used - 1) * 3) keysize *= 2;
      usable = Math.floor((2 * keysize) / 3);
    }
  }
  const indexBytes = keysize <= 128 ? 1 : keysize <= 32768 ? 2 : 4;
  return 96 + keysize * indexBytes + usable * 24;
}

function setSize(n: number): number {
  let table = 8;
  for (let used = 1; used <= n; used++) {
    if (used * 5 >= (table - 1) * 3) {
      const min = used > 50000 ? used * 2 : used * 4;
      while (table <= min) table *= 2;
    }
  }
  return table === 8 ? 216 : 216 + table * 16;
}

export function sizeOf(x: unknown): number {
  if (x === null || x === undefined) return 16;
  if (typeof x === "boolean") return 28;
  if (isIntLike(x)) return intSize(toBigInt(x));
  if (typeof x === "number") return 24;
  if (typeof x === "string") return strSize(x);
  // (a bytearray's buffer holds a trailing NUL once it has bytes)
  if (x instanceof ByteArray) return 56 + (x.length === 0 ? 0 : x.length + 1);
  if (x instanceof Bytes) return 33 + x.length;
  if (x instanceof Tuple) return 40 + 8 * x.items.length;
  if (Array.isArray(x)) return 56 + 8 * listCapacity(x);
  if (x instanceof Dict) return dictSize(x.size);
  if (x instanceof PySet || x instanceof FrozenSet) return setSize(x.size);
  if (typeof x === "function") return 152;
  const custom = (x as { __sizeof__?: () => unknown }).__sizeof__;
  if (typeof custom === "function") {
    const n = custom.call(x);
    if (!isIntLike(n)) throw new PyTypeError("an integer is required");
    return Number(toBigInt(n)) + 16;
  }
  return 56;
}

/** `sys.getsizeof(object[, default])`. */
export function getsizeof(...args: unknown[]): bigint {
  const [pos] = splitKw(args);
  return BigInt(sizeOf(pos[0]));
}
