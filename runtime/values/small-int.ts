// Exact int arithmetic for locals the lowering proves hold only ints (src/lower/int-facts.ts).
// Such a local is a JS number while its value is a safe integer and a bigint past that: every
// helper answers with number arithmetic when both operands are numbers and the result is
// still safe, and otherwise computes with bigints (so overflow is never lost) and hands back a
// number again when the result fits. The rest of the runtime only ever sees bigints: a value
// leaves such a local through `big()`.

import { floordiv, mod } from "./arithmetic.js";
import { len } from "./builtin-functions.js";
import { makeRange, type Range } from "./range.js";
import { getitem, setitem } from "./subscript.js";
import { slice } from "./slice.js";
import { isPlainTuple } from "./tuple.js";
import { astralCodePoints, strLength } from "./str-index.js";
import { NEGATIVE_BIGINTS, SMALL_BIGINTS, SMALL_COUNT } from "./small-bigints.js";
import { PyTypeError } from "./exceptions.js";
import { isPlainList } from "./overrides.js";
import { decimalText } from "./int-digits.js";

/** An int of a proven-int local: a safe integer as a number, anything larger as a bigint. */
export type Int = number | bigint;

const MAX = Number.MAX_SAFE_INTEGER;
const MAX_BIG = BigInt(MAX);

/**
 * The int as the runtime represents ints everywhere else. (Typed `any` for the emitted code: a
 * general expression of an int, `x.cents` in a branch no int reaches, type-checks as any
 * value's does.)
 */
export function big(x: Int): any {
  if (typeof x !== "number") return x;
  // (BigInt(x) is a call into V8's runtime, several times the cost of reading a shared one)
  if (x >= 0) return x < SMALL_COUNT ? SMALL_BIGINTS[x] : BigInt(x);
  return x > -SMALL_COUNT ? NEGATIVE_BIGINTS[-x] : BigInt(x);
}

/** `big` typed for the runtime's own arithmetic. */
function bigOf(x: Int): bigint {
  return typeof x === "number" ? BigInt(x) : x;
}

/** An int argument as an Int (a copy of a body specialised for int arguments takes it so). */
export function intOf(x: bigint): Int {
  return small(x);
}

/**
 * A value another module writes into an entry module's global that the lowering proved an int
 * or a float (src/lower/module-facts.ts): an int becomes an Int; a value of another kind
 * cannot be held there, so the write is refused with a TypeError saying so.
 */
export function provenGlobal(value: unknown, kind: "int" | "float", name: string): any {
  if (kind === "int" && typeof value === "bigint") return small(value);
  if (kind === "float" && typeof value === "number") return value;
  throw new PyTypeError(`pyts: the script's global '${name}' holds only ${kind}s (it was compiled so); another module cannot rebind it to another type`);
}

/** A bigint result back as a number when it is safe. */
function small(x: bigint): Int {
  return x <= MAX_BIG && x >= -MAX_BIG ? Number(x) : x;
}

// A sum or product of safe integers that is itself within ±MAX is exact in a double; one
// outside rounds to a value still outside (rounding is monotonic), so the range check is enough.

export function addI(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (r <= MAX && r >= -MAX) return r;
  }
  return small(bigOf(a) + bigOf(b));
}

export function subI(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (r <= MAX && r >= -MAX) return r;
  }
  return small(bigOf(a) - bigOf(b));
}

export function mulI(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    // (`+ 0` turns JS's -0 of `-3 * 0` into 0: Python's ints have no negative zero.)
    if (r <= MAX && r >= -MAX) return r + 0;
  }
  return small(bigOf(a) * bigOf(b));
}

/** `a // b`: floor division (ZeroDivisionError through the general helper). */
export function floordivI(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number" && b !== 0) {
    const r = a % b;
    // a - r is an exact multiple of b, so the division is exact.
    const q = (a - r) / b;
    return (r !== 0 && r < 0 !== b < 0 ? q - 1 : q) + 0;
  }
  return small(floordiv(bigOf(a), bigOf(b)) as bigint);
}

/** `a % b` with the sign of b, as Python's. */
export function modI(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number" && b !== 0) {
    const r = a % b;
    return (r !== 0 && r < 0 !== b < 0 ? r + b : r) + 0;
  }
  return small(mod(bigOf(a), bigOf(b)) as bigint);
}

export function negI(a: Int): Int {
  return typeof a === "number" ? 0 - a : small(-a);
}

/**
 * `str(i)` of an Int: a number's own JS digits (a safe integer prints without an exponent, and
 * -0 as "0"), a bigint's through decimalText (which keeps CPython's limit on digits).
 */
export function strI(x: Int): string {
  return typeof x === "number" ? "" + x : decimalText(x);
}

/** `len(x)` as an Int: plain strs and lists at once, anything else through `len`. */
export function lenI(x: unknown): Int {
  if (typeof x === "string") return strLength(x);
  if (isPlainList(x)) return x.length;
  return small(len(x));
}

/**
 * `obj[i]` for an Int index: a plain list at once, anything else through `getitemOther`. (Kept
 * this small so that TurboFan inlines it into the loop that indexes: a float read from a list
 * then needs no boxing, and the other kinds of object do not make the call site polymorphic.)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function getitemI(obj: unknown, i: Int): any {
  if (typeof i === "number" && isPlainList(obj)) {
    const at = i < 0 ? i + obj.length : i;
    if (at >= 0 && at < obj.length) return obj[at];
  }
  return getitemOther(obj, i);
}

/** `getitemI` of a str or a tuple at once, anything else (a list's IndexError too) through `getitem`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function getitemOther(obj: unknown, i: Int): any {
  if (typeof i === "number" && typeof obj === "string" && astralCodePoints(obj) === null) {
    const at = i < 0 ? i + obj.length : i;
    if (at >= 0 && at < obj.length) return obj[at];
  } else if (typeof i === "number" && isPlainTuple(obj)) {
    const items = obj.items;
    const at = i < 0 ? i + items.length : i;
    if (at >= 0 && at < items.length) return items[at];
  }
  return getitem(obj, bigOf(i));
}

/**
 * `obj[lo:hi]` with Int (or omitted) bounds: a plain str or list sliced at once (JS's `slice`
 * clamps and counts negative bounds from the end exactly as Python's does for step 1).
 */
export function getsliceI(obj: unknown, lo: Int | null, hi: Int | null): unknown {
  if (typeof lo !== "bigint" && typeof hi !== "bigint") {
    if (typeof obj === "string" && astralCodePoints(obj) === null) return obj.slice(lo ?? 0, hi ?? obj.length);
    if (isPlainList(obj)) return obj.slice(lo ?? 0, hi ?? obj.length);
  }
  return getitem(obj, slice(lo === null ? null : bigOf(lo), hi === null ? null : bigOf(hi), null));
}

/** `obj[i] = value` for an Int index. */
export function setitemI(obj: unknown, i: Int, value: unknown): unknown {
  if (typeof i === "number" && isPlainList(obj)) {
    const at = i < 0 ? i + obj.length : i;
    if (at >= 0 && at < obj.length) {
      obj[at] = value;
      return undefined;
    }
  }
  return setitem(obj, bigOf(i), value);
}

/**
 * `for i in range(...)` over a proven-int counter: range's own argument checks, then start,
 * stop and step as numbers when all three are safe, else all as bigints (JS's `<` and `+=`
 * work on either, and a loop over numbers never overshoots into an inexact value it keeps).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function rangeBounds(...args: unknown[]): [any, any, any] {
  return rangeObjectBounds(makeRange(...args));
}

/** `for i in r` over a local the lowering proved holds a range object: its bounds, as rangeBounds gives them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function rangeObjectBounds(r: Range): [any, any, any] {
  const { start, stop, step } = r;
  if (start <= MAX_BIG && start >= -MAX_BIG && stop <= MAX_BIG && stop >= -MAX_BIG && step <= MAX_BIG && step >= -MAX_BIG) {
    return [Number(start), Number(stop), Number(step)];
  }
  return [start, stop, step];
}
