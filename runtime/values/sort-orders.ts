// The sorted order of keys JS can order without user code (sorted / list.sort's fast paths):
// ints, floats without NaN, bools, strs, and tuples of those. Every order here is stable (equal
// keys keep their positions, with `reverse` too, as CPython's sort keeps them), and says the
// same as CPython's `<` on the keys.
//
// - Numbers are copied into a Float64Array (negated for `reverse`) and packed with their
//   positions into 64-bit ints that the typed array's native sort orders (packedOrder).
// - Ints in a range not much wider than the count are placed by a counting sort: no comparisons.
// - Strs are ordered by a number made of their first code units (in a base just wide enough for
//   the units present), exact when every str fits it; longer strs with equal numbers compare as
//   strs (JS's `<`: code-point order without surrogates; strs with surrogates compare as strs).
// - Tuples of one length whose items at each position are of one kind are ordered column by
//   column from the last (each pass stable), which is tuple order.

import { compareStrings } from "./compare.js";
import { isPlainTuple, Tuple } from "./tuple.js";

// Scratch typed arrays every order reuses (the key numbers, packed keys, counts): a typed array
// past 64 bytes has an off-heap backing store, about 30 us to make for 16 KB here and counted as
// external memory toward the next collection, where a sort of 2,000 keys takes 100-300 us. Each
// is done with before its order is returned (tuple columns are ordered one after another); sorts
// past SCRATCH_LIMIT keys get arrays of their own, so a huge one is not kept alive.
const SCRATCH_LIMIT = 1 << 16;
let scratchFloats = new Float64Array(0);
let scratchPacked = new BigUint64Array(0);
let scratchCounts = new Int32Array(0);

/** Doubles for `n` keys (contents left over from the last use). */
function floatsFor(n: number): Float64Array {
  if (n > SCRATCH_LIMIT) return new Float64Array(n);
  if (scratchFloats.length < n) scratchFloats = new Float64Array(Math.max(n, 256));
  return scratchFloats.subarray(0, n);
}

/** 64-bit ints for `n` packed keys (contents left over from the last use). */
function packedFor(n: number): BigUint64Array {
  if (n > SCRATCH_LIMIT) return new BigUint64Array(n);
  if (scratchPacked.length < n) scratchPacked = new BigUint64Array(Math.max(n, 256));
  return scratchPacked.subarray(0, n);
}

/** `n` zeroed counts. */
function countsFor(n: number): Int32Array {
  if (n > 4 * SCRATCH_LIMIT + 1024) return new Int32Array(n);
  if (scratchCounts.length < n) scratchCounts = new Int32Array(Math.max(n, 256));
  const counts = scratchCounts.subarray(0, n);
  counts.fill(0);
  return counts;
}

/** The keys are already in order: nothing to move. */
export const IN_ORDER = 0;

/**
 * The order (positions of the keys, in sorted order) of primitive or tuple keys, IN_ORDER when
 * they are sorted already, or null when JS cannot order them as Python does without user code
 * (mixed kinds, NaN, ints past 2**53 in a mix, objects).
 */
export function primitiveSortOrder(keys: readonly unknown[], reverse: boolean): ArrayLike<number> | typeof IN_ORDER | null {
  if (keys.length <= SMALL_SORT) return smallOrder(keys, reverse);
  const first = keys[0];
  switch (typeof first) {
    case "bigint":
    case "number":
    case "boolean":
      return numberOrder(keys, typeof first, reverse);
    case "string":
      return stringOrder(keys, reverse);
    case "object":
      return first instanceof Tuple ? tupleOrder(keys, reverse) : null;
    default:
      return null;
  }
}

/** Keys all of one kind (bigint, number without NaN, boolean) as doubles; null otherwise. */
function numberOrder(keys: readonly unknown[], kind: string, reverse: boolean): ArrayLike<number> | typeof IN_ORDER | null {
  const n = keys.length;
  const values = floatsFor(n);
  let integers = true;
  let min = Infinity;
  let max = -Infinity;
  let sorted = true;
  let previous = -Infinity;
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (typeof k !== kind) return null;
    let x: number;
    if (kind === "bigint") {
      x = Number(k as bigint);
      // A bigint past 2**53 is not exact as a double: order such keys as bigints.
      if (!Number.isSafeInteger(x)) return bigintOrder(keys, reverse);
    } else if (kind === "boolean") x = k === true ? 1 : 0;
    else {
      x = k as number;
      if (x !== x) return null;
      if (integers && !Number.isInteger(x)) integers = false;
    }
    if (reverse) x = -x;
    if (x < previous) sorted = false;
    previous = x;
    if (x < min) min = x;
    if (x > max) max = x;
    values[i] = x;
  }
  if (sorted) return IN_ORDER;
  if (integers && max - min < 4 * n + 1024) return countingOrder(values, min, max - min + 1);
  return packedOrder(values, null);
}

/** Safe-int keys in a range about as wide as their count: a stable counting sort. */
function countingOrder(values: Float64Array, min: number, range: number): Int32Array {
  const n = values.length;
  const starts = countsFor(range + 1);
  for (let i = 0; i < n; i++) starts[values[i]! - min + 1]++;
  for (let v = 1; v <= range; v++) starts[v] += starts[v - 1]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[starts[values[i]! - min]!++] = i;
  return order;
}

/** Bigint keys (some past 2**53): a stable sort of positions compared as bigints. */
function bigintOrder(keys: readonly unknown[], reverse: boolean): number[] | null {
  for (const k of keys) if (typeof k !== "bigint") return null;
  const big = keys as readonly bigint[];
  const positions = new Array<number>(keys.length);
  for (let i = 0; i < positions.length; i++) positions[i] = i;
  // Array.prototype.sort is stable; equal keys keep their positions either way.
  positions.sort(reverse ? (a, b) => (big[b]! < big[a]! ? -1 : big[a]! < big[b]! ? 1 : 0) : (a, b) => (big[a]! < big[b]! ? -1 : big[b]! < big[a]! ? 1 : 0));
  return positions;
}

const FLOAT = new Float64Array(1);
const FLOAT_WORDS = new Uint32Array(FLOAT.buffer);

/**
 * A stable sort of the positions of doubles (no NaN), ascending; `tie(a, b)` orders positions
 * whose doubles are equal (strs longer than their order number), else their positions do. Each
 * key becomes one 64-bit unsigned int whose order is the double's (sign flipped, negatives'
 * bits inverted), its lowest bits replaced by the position, sorted by the typed array's own
 * sort (native code: no comparator, and fast from the first call, when a sort written here
 * would still be interpreted). Keys that differed only in the replaced bits, and equal keys
 * with a `tie`, are put in order afterwards within their (rare, short) groups.
 */
function packedOrder(keys: Float64Array, tie: ((a: number, b: number) => number) | null): ArrayLike<number> {
  const n = keys.length;
  let bits = 1;
  while (1 << bits < n) bits++;
  if (bits > 30) return sortedPositions(keys, tie, 0, n, null);
  const packed = packedFor(n);
  const words = new Uint32Array(packed.buffer, packed.byteOffset, 2 * n);
  const mask = (1 << bits) - 1;
  for (let i = 0; i < n; i++) {
    FLOAT[0] = keys[i]! + 0; // (-0 is +0: they are equal keys)
    let low = FLOAT_WORDS[0]!;
    let high = FLOAT_WORDS[1]!;
    if (high >= 0x80000000) {
      high = ~high >>> 0;
      low = ~low >>> 0;
    } else high = (high | 0x80000000) >>> 0;
    words[2 * i] = ((low & ~mask) | i) >>> 0;
    words[2 * i + 1] = high;
  }
  packed.sort();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = words[2 * i]! & mask;
  // Groups of equal packed keys (the position aside) whose keys differ or tie: sorted properly.
  for (let start = 0; start < n - 1; ) {
    let end = start + 1;
    const high = words[2 * start + 1]!;
    const low = words[2 * start]! & ~mask;
    while (end < n && words[2 * end + 1] === high && (words[2 * end]! & ~mask) === low) end++;
    if (end - start > 1 && (tie !== null || differ(keys, order, start, end))) sortedPositions(keys, tie, start, end, order);
    start = end;
  }
  return order;
}

function differ(keys: Float64Array, order: Int32Array, start: number, end: number): boolean {
  const first = keys[order[start]!]!;
  for (let i = start + 1; i < end; i++) if (keys[order[i]!] !== first) return true;
  return false;
}

/**
 * Positions start..end (of `order`, or of the keys themselves when null) sorted by key, then
 * `tie`, then position (Array.prototype.sort is stable and the positions come in order).
 */
function sortedPositions(keys: Float64Array, tie: ((a: number, b: number) => number) | null, start: number, end: number, order: Int32Array | null): Int32Array {
  const group: number[] = [];
  for (let i = start; i < end; i++) group.push(order === null ? i : order[i]!);
  group.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[b]! < keys[a]! ? 1 : tie === null ? 0 : tie(a, b)));
  const out = order ?? new Int32Array(end - start);
  for (let i = start; i < end; i++) out[i] = group[i - start]!;
  return out;
}

/** How many leading code units the strs' order number holds at most. */
const PREFIX_SCAN = 16;

/**
 * Strs: each one's order number (its first code units, offset by the least unit present, as
 * digits of a base one wider than the units' range; 0 after the end, so a prefix comes first).
 * Equal numbers of strs longer than the digits compare as strs.
 */
function stringOrder(keys: readonly unknown[], reverse: boolean): ArrayLike<number> | typeof IN_ORDER | null {
  const n = keys.length;
  let low = 0xffff;
  let high = 0;
  let surrogates = false;
  for (let i = 0; i < n; i++) {
    const s = keys[i];
    if (typeof s !== "string") return null;
    const scan = Math.min(s.length, PREFIX_SCAN);
    for (let j = 0; j < scan; j++) {
      const c = s.charCodeAt(j);
      if (c < low) low = c;
      if (c > high) high = c;
      if ((c & 0xf800) === 0xd800) surrogates = true;
    }
    // (the scan saw every unit of a short str: a regular expression only for the rest)
    if (!surrogates && s.length > PREFIX_SCAN && SURROGATE.test(s)) surrogates = true;
  }
  if (low > high) return IN_ORDER; // every str is empty
  // Code units order strs with astral characters otherwise than code points: compared as strs.
  if (surrogates) return comparedOrder(keys as readonly string[], reverse);
  const base = high - low + 2;
  let digits = 0;
  const powers = [1];
  // (no more digits than the units scanned: a later unit may lie outside low..high)
  for (let p = base; p <= 2 ** 53 && digits < PREFIX_SCAN; p *= base) {
    digits++;
    powers.push(p);
  }
  const values = floatsFor(n);
  let exact = true;
  let sorted = true;
  let previous = -Infinity;
  for (let i = 0; i < n; i++) {
    const s = keys[i] as string;
    const length = s.length;
    if (length > digits) exact = false;
    const used = length < digits ? length : digits;
    let v = 0;
    for (let j = 0; j < used; j++) v = v * base + (s.charCodeAt(j) - low + 1);
    v *= powers[digits - used]!;
    if (reverse) v = -v;
    if (v < previous || (v === previous && !exact && lessStr(s, keys[i - 1] as string, reverse))) sorted = false;
    previous = v;
    values[i] = v;
  }
  if (sorted) return IN_ORDER;
  if (exact) return packedOrder(values, null);
  const strs = keys as readonly string[];
  return packedOrder(values, (a, b) => (lessStr(strs[a]!, strs[b]!, reverse) ? -1 : lessStr(strs[b]!, strs[a]!, reverse) ? 1 : 0));
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Strs some of which have surrogates: positions sorted (stably) by code-point order. */
function comparedOrder(strs: readonly string[], reverse: boolean): number[] {
  const positions = new Array<number>(strs.length);
  for (let i = 0; i < positions.length; i++) positions[i] = i;
  positions.sort(reverse ? (a, b) => compareStrings(strs[b]!, strs[a]!) : (a, b) => compareStrings(strs[a]!, strs[b]!));
  return positions;
}

/** `a < b` for strs without surrogates (`b < a` when reversed): JS's `<` is code-point order. */
function lessStr(a: string, b: string, reverse: boolean): boolean {
  return reverse ? b < a : a < b;
}

/**
 * Tuples (plain ones) of one length whose items at each position are of one primitive kind:
 * a stable pass per position, the last first, so the first position decides and later ones
 * break ties (tuple order). Else null.
 */
function tupleOrder(keys: readonly unknown[], reverse: boolean): ArrayLike<number> | typeof IN_ORDER | null {
  const n = keys.length;
  const first = keys[0] as Tuple;
  const width = first.items.length;
  const kinds: string[] = [];
  for (const item of first.items) kinds.push(typeof item);
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (!isPlainTuple(k) || k.items.length !== width) return null;
    const items = k.items;
    for (let p = 0; p < width; p++) if (typeof items[p] !== kinds[p]) return null;
  }
  for (const kind of kinds) if (kind !== "bigint" && kind !== "number" && kind !== "boolean" && kind !== "string") return null;
  let order: ArrayLike<number> | null = null;
  const column = new Array<unknown>(n);
  for (let p = width - 1; p >= 0; p--) {
    for (let i = 0; i < n; i++) column[i] = (keys[order === null ? i : order[i]!] as Tuple).items[p];
    const sub = primitiveSortOrder(column, reverse);
    if (sub === null) return null;
    if (sub === IN_ORDER) continue;
    const next = new Int32Array(n);
    for (let i = 0; i < n; i++) next[i] = order === null ? sub[i]! : order[sub[i]!]!;
    order = next;
  }
  return order ?? IN_ORDER;
}

/**
 * Up to this many keys are ordered by an insertion sort of their positions: the typed arrays
 * and passes of the orders above cost more than the few comparisons, most of all while they
 * still run interpreted (a report sorting 20 rows took 120-280 us).
 */
const SMALL_SORT = 24;

/** The kind of a key the small sort compares with JS's `<` (as Python's `<` answers for it). */
function smallKind(k: unknown): string | null {
  switch (typeof k) {
    case "bigint":
    case "boolean":
      return typeof k;
    case "number":
      return k === k ? "number" : null;
    case "string":
      // (code units order strs with astral characters otherwise than code points)
      return k.length > 0 && SURROGATE.test(k) ? null : "string";
    default:
      return null;
  }
}

/**
 * A few keys, all of one kind (ints, floats without NaN, bools, strs without surrogates) or
 * plain tuples of one length whose items at each position are of one such kind: a stable
 * insertion sort of their positions; null for any other keys.
 */
function smallOrder(keys: readonly unknown[], reverse: boolean): Int32Array | typeof IN_ORDER | null {
  const n = keys.length;
  const first = keys[0];
  let tuples = false;
  if (first instanceof Tuple) {
    tuples = true;
    const width = first.items.length;
    const kinds: string[] = [];
    for (const item of first.items) {
      const kind = smallKind(item);
      if (kind === null) return null;
      kinds.push(kind);
    }
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      if (!isPlainTuple(k) || k.items.length !== width) return null;
      const items = k.items;
      for (let p = 0; p < width; p++) if (smallKind(items[p]) !== kinds[p]) return null;
    }
  } else {
    const kind = smallKind(first);
    if (kind === null) return null;
    for (let i = 1; i < n; i++) if (smallKind(keys[i]) !== kind) return null;
  }
  const order = new Int32Array(n);
  let moved = false;
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    let j = i;
    // (stable: a key moves only past keys it is strictly before; reversed, strictly after)
    while (j > 0 && (reverse ? smallLess(keys[order[j - 1]!], key, tuples) : smallLess(key, keys[order[j - 1]!], tuples))) {
      order[j] = order[j - 1]!;
      j--;
    }
    if (j !== i) moved = true;
    order[j] = i;
  }
  return moved ? order : IN_ORDER;
}

/** `a < b` for two keys smallOrder accepted (tuples: at the first position whose items differ). */
function smallLess(a: unknown, b: unknown, tuples: boolean): boolean {
  if (!tuples) return (a as number) < (b as number);
  const x = (a as Tuple).items;
  const y = (b as Tuple).items;
  for (let p = 0; p < x.length; p++) if (x[p] !== y[p]) return (x[p] as number) < (y[p] as number);
  return false;
}
