// Helpers for Python's numeric tower as stored here: bool (boolean) < int (bigint) < float (number).

export type PyInt = bigint | boolean;
export type PyNumber = bigint | number | boolean;

export function isNumeric(x: unknown): x is PyNumber {
  const t = typeof x;
  return t === "bigint" || t === "number" || t === "boolean";
}

/** An int or a bool (bool is a subclass of int). */
export function isIntLike(x: unknown): x is PyInt {
  return typeof x === "bigint" || typeof x === "boolean";
}

export function toBigInt(x: PyInt): bigint {
  return typeof x === "boolean" ? (x ? 1n : 0n) : x;
}

/** A Python int as a float; never loses the exact path for `int` values that fit. */
export function toFloat(x: PyNumber): number {
  return typeof x === "number" ? x : Number(toBigInt(x));
}

/**
 * Exact comparison of two numbers of any kind: -1, 0, 1, or NaN when either is NaN.
 * int vs float compares exactly, as CPython does (2**53 + 1 != float(2**53)).
 */
export function compareNumbers(a: PyNumber, b: PyNumber): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  if (typeof a !== "number" && typeof b !== "number") {
    const x = toBigInt(a);
    const y = toBigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === "number") return -compareIntFloat(toBigInt(b as PyInt), a);
  return compareIntFloat(toBigInt(a), b as number);
}

function compareIntFloat(i: bigint, f: number): number {
  if (Number.isNaN(f)) return NaN;
  if (f === Infinity) return -1;
  if (f === -Infinity) return 1;
  const floor = Math.floor(f);
  const fi = BigInt(floor);
  if (i < fi) return -1;
  if (i > fi) return 1;
  return floor === f ? 0 : -1;
}
