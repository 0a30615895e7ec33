// `obj[lo:hi:step]` read and assigned without making a slice object, when the object is a
// plain list or str (no astral characters), the bounds are ints or omitted and the step is
// 1 or -1 (or omitted): what `fannkuch`'s `perm[:k + 1] = perm[k::-1]` does. Anything else
// (subclasses, `__index__` bounds, other steps, bytes, tuples...) goes through the slice
// object and `getitem`/`setitem` exactly as before.

import { getitem, setitem } from "./subscript.js";
import { slice } from "./slice.js";
import { astralCodePoints } from "./str-index.js";
import { isPlainList } from "./overrides.js";

/** A bound as a JS number (an omitted one as null); undefined when it is no plain int. */
function plainBound(b: unknown): number | null | undefined {
  if (b === null) return null;
  // (a bound past 2**53 becomes an approximate number: clamped to the ends all the same)
  if (typeof b === "bigint") return Number(b);
  return undefined;
}

/** The step as 1 or -1; 0 for any other step (the slow path). */
function plainStep(step: unknown): number {
  if (step === null || step === 1n) return 1;
  return step === -1n ? -1 : 0;
}


/** CPython's PySlice_AdjustIndices for one bound and a step of -1. */
function backwardBound(b: number | null, omitted: number, n: number): number {
  if (b === null) return omitted;
  if (b < 0) return Math.max(b + n, -1);
  return Math.min(b, n - 1);
}

/** Python's `obj[lo:hi:step]`. */
export function getslice(obj: unknown, lo: unknown, hi: unknown, step: unknown): any {
  const a = plainBound(lo);
  const b = plainBound(hi);
  const s = plainStep(step);
  if (a !== undefined && b !== undefined && s !== 0) {
    const list = isPlainList(obj);
    if (list || (typeof obj === "string" && astralCodePoints(obj) === null)) {
      const seq = obj as unknown[] | string;
      // (JS's `slice` clamps and counts negative bounds from the end as Python does for step 1)
      if (s === 1) return seq.slice(a ?? 0, b ?? seq.length);
      const n = seq.length;
      const start = backwardBound(a, n - 1, n);
      const stop = backwardBound(b, -1, n);
      // (a native copy reversed in place: one array of the right size, where pushing grew
      // one from empty, 232 against 113 bytes for 8 items)
      if (list) return start <= stop ? [] : (seq as unknown[]).slice(stop + 1, start + 1).reverse();
      return start <= stop ? "" : reversedUnits(seq as string, stop + 1, start + 1);
    }
  }
  return getitem(obj, slice(lo, hi, step));
}

/** Decodes reversed units as they are (a U+FEFF that ends up first is a character, not a BOM). */
const UTF16 = new TextDecoder("utf-16le", { ignoreBOM: true });

/**
 * `s[from:to]` reversed, for a str without surrogates (reversing its units reverses its code
 * points). Long ones are written backwards into a buffer decoded in one native call (about
 * twice as fast as split/reverse/join, which makes a one-character string per unit).
 */
function reversedUnits(s: string, from: number, to: number): string {
  const n = to - from;
  if (n < 64) return s.slice(from, to).split("").reverse().join("");
  return UTF16.decode(unitsBackwards(s, to, n));
}

/**
 * The n units of `s` before `to`, last first. (A function of its own: V8 compiles its loop on
 * the stack while the first long str is reversed, and code compiled so would meet the decode
 * after the loop without having seen it, and leave optimized code on every later call.)
 */
function unitsBackwards(s: string, to: number, n: number): Uint16Array {
  const units = new Uint16Array(n);
  for (let i = 0; i < n; i++) units[i] = s.charCodeAt(to - 1 - i);
  return units;
}

/**
 * A bound clamped into [0, n] as for a step of 1. (A module function, not a closure per call:
 * the runtime's bundle keeps function names, which costs a property definition per closure.)
 */
function clampForward(x: number, n: number): number {
  return x < 0 ? Math.max(x + n, 0) : Math.min(x, n);
}

/** Python's `obj[lo:hi:step] = value`. */
export function setslice(obj: unknown, lo: unknown, hi: unknown, step: unknown, value: unknown): unknown {
  const a = plainBound(lo);
  const b = plainBound(hi);
  // (a spread into `splice` is bounded by the JS stack: long values take the slow path)
  if (a !== undefined && b !== undefined && plainStep(step) === 1 && isPlainList(obj) && isPlainList(value) && value.length <= 10000) {
    const n = obj.length;
    const start = a === null ? 0 : clampForward(a, n);
    const stop = Math.max(start, b === null ? n : clampForward(b, n));
    const count = value.length;
    // As many items as the slice holds (`p[:k + 1] = p[k::-1]`): written in place, no splice.
    if (stop - start === count) {
      for (let i = 0; i < count; i++) obj[start + i] = value[i];
    } else obj.splice(start, stop - start, ...value);
    return undefined;
  }
  return setitem(obj, slice(lo, hi, step), value);
}

/**
 * Python's `obj[lo:hi:step] = src[slo:shi:sstep]`. The slice read is no value anyone else
 * sees, so between plain lists, with the fast paths' bounds and steps and as many items read
 * as replaced, the items are copied across without making it (fannkuch's
 * `perm[:k + 1] = perm[k::-1]` made a list per flip). Within one list, a step of 1 copies as
 * memmove does and a step of -1 reverses in place where the ranges are the same one; other
 * overlaps, and everything else, read the slice first as before.
 */
export function setsliceFromSlice(obj: unknown, lo: unknown, hi: unknown, step: unknown, src: unknown, slo: unknown, shi: unknown, sstep: unknown): unknown {
  const a = plainBound(lo);
  const b = plainBound(hi);
  const from = plainBound(slo);
  const to = plainBound(shi);
  const s = plainStep(sstep);
  if (a !== undefined && b !== undefined && from !== undefined && to !== undefined && s !== 0 && plainStep(step) === 1 && isPlainList(obj) && isPlainList(src)) {
    const n = obj.length;
    const start = a === null ? 0 : clampForward(a, n);
    const count = Math.max(start, b === null ? n : clampForward(b, n)) - start;
    if (s === 1 ? copiedForward(obj, start, count, src, from, to) : copiedBackward(obj, start, count, src, from, to)) return undefined;
  }
  return setslice(obj, lo, hi, step, getslice(src, slo, shi, sstep));
}

/** `obj[start:start + count] = src[from:to]` when that slice holds `count` items; false otherwise. */
function copiedForward(obj: unknown[], start: number, count: number, src: unknown[], from: number | null, to: number | null): boolean {
  const m = src.length;
  const first = from === null ? 0 : clampForward(from, m);
  if (Math.max(first, to === null ? m : clampForward(to, m)) - first !== count) return false;
  // (backwards where the source lies before the target in the same list, as memmove copies)
  if (obj === src && first < start) for (let i = count - 1; i >= 0; i--) obj[start + i] = src[first + i];
  else for (let i = 0; i < count; i++) obj[start + i] = src[first + i];
  return true;
}

/** `obj[start:start + count] = src[from:to:-1]` when that slice holds `count` items and may be copied so; false otherwise. */
function copiedBackward(obj: unknown[], start: number, count: number, src: unknown[], from: number | null, to: number | null): boolean {
  const m = src.length;
  const first = backwardBound(from, m - 1, m);
  const last = backwardBound(to, -1, m);
  if (Math.max(0, first - last) !== count) return false;
  if (obj !== src || first < start || last + 1 >= start + count) {
    for (let i = 0; i < count; i++) obj[start + i] = src[first - i];
    return true;
  }
  if (last + 1 !== start || first !== start + count - 1) return false;
  // (the same range of the same list: reversed where it is)
  for (let i = start, j = first; i < j; i++, j--) {
    const item = obj[i];
    obj[i] = obj[j];
    obj[j] = item;
  }
  return true;
}
