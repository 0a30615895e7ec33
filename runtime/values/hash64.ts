// CPython's 64-bit hashes of the values whose hash is deterministic across runs (int, bool,
// float other than NaN, complex, and tuples of those), computed as two 32-bit halves so the
// set table can place them exactly where CPython does without BigInt arithmetic.

import { hashesAsValue, PRIMITIVE } from "./wrapped.js";
import { PyComplex } from "./complex.js";
import { Tuple } from "./tuple.js";

/** The last hash `orderedHash` computed: high and low 32 bits of the 64-bit value. */
export const H = { lo: 0, hi: 0 };

const TWO32 = 4294967296;
const MODULUS = (1n << 61n) - 1n;
const SAFE = 9007199254740992; // 2**53

/** (ah:al) * (bh:bl) mod 2**64 into H; every argument is a uint32 held in a number. */
function mul64(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  H.lo = (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  const carry = p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  H.hi = (carry + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
}

/** Stores a signed hash held exactly in a double (|v| < 2**53) into H. */
function setSmall(v: number): void {
  H.lo = v >>> 0;
  H.hi = Math.floor(v / TWO32) >>> 0;
}

/** Stores a hash given as a bigint into H. */
export function setBig(h: bigint): void {
  const u = BigInt.asUintN(64, h);
  H.lo = Number(u & 0xffffffffn);
  H.hi = Number(u >> 32n);
}

/** CPython's hash of an int, as a bigint (reduced modulo 2**61 - 1, -1 becomes -2). */
export function intHash(n: bigint): bigint {
  const magnitude = (n < 0n ? -n : n) % MODULUS;
  const h = n < 0n ? -magnitude : magnitude;
  return h === -1n ? -2n : h;
}

/** base ** exp modulo m, for non-negative exp. */
export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  base %= m;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % m;
    base = (base * base) % m;
    exp >>= 1n;
  }
  return result;
}

/** CPython's hash of a non-NaN float (NaN hashes by identity there, so it is not ordered). */
export function floatHash(x: number): bigint {
  if (Number.isNaN(x)) return 0n;
  if (!Number.isFinite(x)) return x > 0 ? 314159n : -314159n;
  if (Number.isInteger(x)) return intHash(BigInt(x));
  // x = m * 2**e exactly, with m an odd integer: hash is m * 2**e reduced mod P (documented).
  let e = 0;
  let m = Math.abs(x);
  while (!Number.isInteger(m)) {
    m *= 2;
    e -= 1;
  }
  const inverse = modPow(2n, MODULUS - 1n + BigInt(e), MODULUS); // 2**e mod P for e < 0
  let h = (BigInt(m) * inverse) % MODULUS;
  if (x < 0) h = -h;
  return h === -1n ? -2n : h;
}

/** CPython's complex hash: hash(real) + 1000003 * hash(imag), wrapped to a signed 64-bit value. */
export function complexHash(re: number, im: number): bigint {
  const h = BigInt.asIntN(64, floatHash(re) + 1000003n * floatHash(im));
  return h === -1n ? -2n : h;
}

const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;

/** CPython 3.11's tuple hash (xxHash-based) over the items' hashes. */
export function tupleHashOf(lanes: readonly bigint[]): bigint {
  let acc = XXPRIME_5;
  for (const lane of lanes) {
    acc = BigInt.asUintN(64, acc + BigInt.asUintN(64, lane) * XXPRIME_2);
    acc = BigInt.asUintN(64, (acc << 31n) | (acc >> 33n));
    acc = BigInt.asUintN(64, acc * XXPRIME_1);
  }
  acc = BigInt.asUintN(64, acc + (BigInt(lanes.length) ^ (XXPRIME_5 ^ 3527539n)));
  if (acc === 0xffffffffffffffffn) return 1546275796n;
  return BigInt.asIntN(64, acc);
}

// The primes above as 32-bit halves, for the fast tuple path.
const P1_HI = 0x9e3779b1;
const P1_LO = 0x85ebca87;
const P2_HI = 0xc2b2ae3d;
const P2_LO = 0x27d4eb4f;
const P5_HI = 0x27d4eb2f;
const P5_LO = 0x165667c5;
const LEN_MIX_HI = P5_HI;
const LEN_MIX_LO = (P5_LO ^ 3527539) >>> 0;

function tupleHash(t: Tuple): boolean {
  let accHi = P5_HI;
  let accLo = P5_LO;
  const items = t.items;
  for (let i = 0; i < items.length; i++) {
    if (!orderedHash(items[i])) return false;
    mul64(H.hi, H.lo, P2_HI, P2_LO);
    // acc += lane * P2
    let lo = accLo + H.lo;
    let hi = accHi + H.hi + (lo >= TWO32 ? 1 : 0);
    lo >>>= 0;
    hi >>>= 0;
    // rotate left 31
    const rHi = ((hi << 31) | (lo >>> 1)) >>> 0;
    const rLo = ((lo << 31) | (hi >>> 1)) >>> 0;
    mul64(rHi, rLo, P1_HI, P1_LO);
    accHi = H.hi;
    accLo = H.lo;
  }
  const mixLo = (items.length ^ LEN_MIX_LO) >>> 0; // len < 2**31, so only the low half mixes
  let lo = accLo + mixLo;
  let hi = accHi + LEN_MIX_HI + (lo >= TWO32 ? 1 : 0);
  lo >>>= 0;
  hi >>>= 0;
  if (lo === 0xffffffff && hi === 0xffffffff) {
    setSmall(1546275796);
    return true;
  }
  H.lo = lo;
  H.hi = hi;
  return true;
}

/**
 * Computes CPython's hash of `x` into H when it is the same in every CPython run (ints, bools,
 * floats but NaN, complex, tuples of those) and returns true; false for anything else.
 */
/**
 * A runtime number type equal to some ints or floats (fractions.Fraction) answers, under this
 * symbol, the int or float it equals (undefined for none), so both are one dict/set key; its
 * `__hash__` is CPython's, the same in every run, so sets place it in the ordered table.
 */
export const NUMBER_KEY: unique symbol = Symbol("pyts.numberKey");

export function orderedHash(x: unknown): boolean {
  switch (typeof x) {
    case "bigint": {
      if (x > -9007199254740992n && x < 9007199254740992n) {
        const v = Number(x);
        setSmall(v === -1 ? -2 : v);
      } else setBig(intHash(x));
      return true;
    }
    case "boolean":
      H.lo = x ? 1 : 0;
      H.hi = 0;
      return true;
    case "number":
      if (Number.isInteger(x) && x > -SAFE && x < SAFE) {
        setSmall(x === -1 ? -2 : x);
        return true;
      }
      if (Number.isNaN(x)) return false;
      setBig(floatHash(x));
      return true;
    case "object":
      if (x instanceof Tuple) return tupleHash(x);
      // An int or float subclass instance hashing as its value sits where the value would.
      if (hashesAsValue(x)) return orderedHash(x[PRIMITIVE]);
      if (x !== null && NUMBER_KEY in x) {
        setBig((x as unknown as { __hash__(): bigint }).__hash__());
        return true;
      }
      if (x instanceof PyComplex) {
        if (Number.isNaN(x.re) || Number.isNaN(x.im)) return false;
        setBig(complexHash(x.re, x.im));
        return true;
      }
      return false;
    default:
      return false;
  }
}

/** The hash in H as a signed bigint. */
export function hashValue(): bigint {
  return BigInt.asIntN(64, (BigInt(H.hi >>> 0) << 32n) | BigInt(H.lo >>> 0));
}
