// The value inside a Decimal and the context-free operations on it: a sign, an integer
// coefficient and a power-of-ten exponent (or an infinity or NaN), rounded to a precision by
// the General Decimal Arithmetic rules CPython's decimal follows.

import type { Rounding } from "./decimal-signals.js";

export type Kind = "finite" | "inf" | "nan" | "snan";

/** An immutable decimal number: (-1)**sign * coeff * 10**exp; NaNs keep their payload in coeff. */
export interface Num {
  readonly sign: 0 | 1;
  readonly coeff: bigint;
  readonly exp: number;
  readonly kind: Kind;
}

export const num = (sign: 0 | 1, coeff: bigint, exp: number, kind: Kind = "finite"): Num => ({ sign, coeff, exp, kind });

export function digitCount(c: bigint): number {
  return c === 0n ? 1 : c.toString().length;
}

export const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** The exponent of the most significant digit. */
export function adjusted(x: Num): number {
  return x.exp + digitCount(x.coeff) - 1;
}

/** Should dropping `dropped` (out of `unit`) from a coefficient ending in `kept` round away from zero? */
export function roundsUp(mode: Rounding, sign: 0 | 1, kept: bigint, dropped: bigint, unit: bigint): boolean {
  if (dropped === 0n) return false;
  const twice = dropped * 2n;
  switch (mode) {
    case "ROUND_DOWN": return false;
    case "ROUND_UP": return true;
    case "ROUND_CEILING": return sign === 0;
    case "ROUND_FLOOR": return sign === 1;
    case "ROUND_HALF_UP": return twice >= unit;
    case "ROUND_HALF_DOWN": return twice > unit;
    case "ROUND_HALF_EVEN": return twice > unit || (twice === unit && kept % 2n === 1n);
    case "ROUND_05UP": return kept % 5n === 0n;
  }
}

/** Rounds away the last `drop` digits: the new coefficient and whether anything non-zero went. */
export function dropDigits(sign: 0 | 1, coeff: bigint, drop: number, mode: Rounding): [bigint, boolean] {
  if (drop <= 0) return [coeff * pow10(-drop), false];
  const unit = pow10(drop);
  const kept = coeff / unit;
  const dropped = coeff % unit;
  return [roundsUp(mode, sign, kept, dropped, unit) ? kept + 1n : kept, dropped !== 0n];
}

/** The same value with the exponent `exp` (rounding when it grows): _rescale. */
export function rescale(x: Num, exp: number, mode: Rounding): { value: Num; inexact: boolean; rounded: boolean } {
  if (x.kind !== "finite") return { value: x, inexact: false, rounded: false };
  if (x.coeff === 0n) return { value: num(x.sign, 0n, exp), inexact: false, rounded: exp > x.exp };
  if (exp <= x.exp) return { value: num(x.sign, x.coeff * pow10(x.exp - exp), exp), inexact: false, rounded: false };
  const [coeff, inexact] = dropDigits(x.sign, x.coeff, exp - x.exp, mode);
  return { value: num(x.sign, coeff, exp), inexact, rounded: true };
}

/** Rounds to `places` significant digits (no exponent limits): _round. */
export function roundToPlaces(x: Num, places: number, mode: Rounding): Num {
  if (x.kind !== "finite" || x.coeff === 0n) return x;
  let r = rescale(x, adjusted(x) + 1 - places, mode).value;
  if (r.coeff !== 0n && adjusted(r) !== adjusted(x)) r = rescale(r, adjusted(r) + 1 - places, mode).value;
  return r;
}

/** Removes trailing zeros of the coefficient while the exponent stays at most `limit`. */
export function stripZeros(x: Num, limit = Infinity): Num {
  if (x.kind !== "finite" || x.coeff === 0n) return x;
  let coeff = x.coeff;
  let exp = x.exp;
  while (exp < limit && coeff % 10n === 0n) {
    coeff /= 10n;
    exp++;
  }
  return num(x.sign, coeff, exp);
}

/** Integer square root (floor), by Newton's method from a power of two above the root. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** Compares two finite or infinite numbers (no NaNs): -1, 0 or 1. */
export function compareNums(a: Num, b: Num): number {
  const sa = a.kind === "finite" && a.coeff === 0n ? 0 : a.sign ? -1 : 1;
  const sb = b.kind === "finite" && b.coeff === 0n ? 0 : b.sign ? -1 : 1;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const magnitude = compareMagnitude(a, b);
  return sa === 1 ? magnitude : -magnitude;
}

function compareMagnitude(a: Num, b: Num): number {
  if (a.kind === "inf" || b.kind === "inf") return a.kind === b.kind ? 0 : a.kind === "inf" ? 1 : -1;
  const adjA = adjusted(a);
  const adjB = adjusted(b);
  if (adjA !== adjB) return adjA < adjB ? -1 : 1;
  const exp = Math.min(a.exp, b.exp);
  const ca = a.coeff * pow10(a.exp - exp);
  const cb = b.coeff * pow10(b.exp - exp);
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

/** The exact decimal value of a finite double. */
export function fromDouble(x: number): Num {
  if (Number.isNaN(x)) return num(0, 0n, 0, "nan");
  const sign: 0 | 1 = x < 0 || Object.is(x, -0) ? 1 : 0;
  if (!Number.isFinite(x)) return num(sign, 0n, 0, "inf");
  let m = Math.abs(x);
  if (m === 0) return num(sign, 0n, 0);
  // m = mantissa * 2**e exactly, with an integer mantissa.
  let e = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  let mantissa = BigInt(m);
  if (e === 0) return num(sign, mantissa, 0);
  // mantissa / 2**k == mantissa * 5**k / 10**k
  while (mantissa % 2n === 0n && mantissa > 0n && e < 0) {
    mantissa /= 2n;
    e++;
  }
  return num(sign, mantissa * 5n ** BigInt(-e), e);
}
