// asin and acos as glibc 2.34+ computes them (IBM's accurate library without its slow paths:
// CPython's math.asin and math.acos on Linux), to the last bit, including the results that are
// an ulp from the nearest double.
//
// The algorithm: below 0.125 the Taylor series of asin; up to 0.96875 the interval of the top
// bits of |x| gives a center c and the Taylor expansion of asin about c (libm-asintab.ts:
// c, the coefficients, asin(c) as a pair); above, asin(x) = pi/2 - 2*asin(sqrt((1 - x)/2)),
// the square root by a table start, a polynomial and a Newton step, kept as a pair y + cc.
// acos is pi/2 - asin with pi/2 as a pair. Every `a*b + c` of glibc's source is rounded once
// here (libm-fma.ts), as in the FMA build x86-64 processors with the instruction run.

import { fma } from "./libm-fma.js";
import { ASIN_INVROOT, ASIN_TAYLOR } from "./libm-asintab.js";
import { highWord } from "./libm-words.js";

const F1 = 0.1666666666666641;
const F2 = 0.07500000000261227;
const F3 = 0.044642856142105974;
const F4 = 0.03038212685821193;
const F5 = 0.022355121102652562;
const F6 = 0.018138290340456505;
const RT0 = 0.9999999998599908;
const RT1 = 0.4999999994959554;
const RT2 = 0.3750175008673452;
const RT3 = 0.31252362655451865;
const HP0 = 1.5707963267948966; // pi/2 rounded
const HP1 = 6.123233995736766e-17; // pi/2 - HP0
const T24 = 16777216;
const T27 = 134217728;


/** f1*z + ... + f6*z**6 (the series of asin(s)/s - 1 in z = s*s). */
function tail(z: number): number {
  return fma(fma(fma(fma(fma(F6, z, F5), z, F4), z, F3), z, F2), z, F1);
}

// The table's layout: where an interval's entries start and how many there are, by the high
// word k of |x| in [0x3fc00000, 0x3fef0000).
let entries = 0;
function intervalOf(k: number): number {
  if (k < 0x3fd00000) {
    entries = 9;
    return 11 * ((k & 0xfffff) >> 15);
  }
  if (k < 0x3fe00000) {
    entries = 9;
    return 11 * ((k & 0xfffff) >> 14) + 352;
  }
  if (k < 0x3fe80000) {
    entries = 10;
    return 1056 + ((k & 0xfe000) >> 11) * 3;
  }
  if (k < 0x3fed8000) {
    entries = 11;
    return 992 + ((k & 0xfe000) >> 13) * 13;
  }
  if (k < 0x3fee8000) {
    entries = 12;
    return 884 + ((k & 0xfe000) >> 13) * 14;
  }
  entries = 13;
  return 768 + ((k & 0xfe000) >> 13) * 15;
}

/** asin(ax) - asin(c) for 0.125 <= ax < 0.96875 without the low part; `high` is asin(c)'s head. */
let high = 0;
function aboutCenter(ax: number, k: number): number {
  const n = intervalOf(k);
  const last = n + entries - 1;
  const xx = ax - ASIN_TAYLOR[n]!;
  let inner = ASIN_TAYLOR[last - 2]!;
  for (let i = last - 3; i >= n + 2; i--) inner = fma(inner, xx, ASIN_TAYLOR[i]!);
  const p = fma(xx * xx, inner, ASIN_TAYLOR[last - 1]!);
  high = ASIN_TAYLOR[last]!;
  return fma(xx, ASIN_TAYLOR[n + 1]!, p);
}

// sqrt(z) for z = (1 - |x|)/2 as y + cc (y with 24 or 26 bits), its series term p, for |x| >= 0.96875.
let rootY = 0;
let rootCc = 0;
let rootP = 0;
function rootOf(z: number, chop: boolean): void {
  const k = highWord(z);
  const t0 = ASIN_INVROOT[(k & 0x1fffff) >> 14]! * 2 ** (511 - (k >> 21));
  const r = fma(-(t0 * t0), z, 1);
  const t = fma(fma(fma(RT3, r, RT2), r, RT1), r, RT0) * t0;
  const c = z * t;
  const h = fma(-(0.5 * t), c, 1.5);
  const y = chop ? c + T24 - T24 : fma(-T27, c, fma(c, T27, c));
  rootY = y;
  rootCc = fma(-y, y, z) / fma(h, c, y);
  rootP = tail(z) * z;
}

export function asinGlibc(x: number): number {
  const k = highWord(x) & 0x7fffffff;
  if (k < 0x3e500000) return x;
  if (k < 0x3fc00000) {
    const x2 = x * x;
    return fma(tail(x2), x * x2, x);
  }
  if (k < 0x3fef0000) {
    const res = aboutCenter(Math.abs(x), k) + high;
    return x > 0 ? res : -res;
  }
  if (k < 0x3ff00000) {
    rootOf(0.5 * (x > 0 ? 1 - x : x + 1), true);
    const cor = fma(-2 * (rootY + rootCc), rootP, HP1 - 2 * rootCc);
    const res = cor + (HP0 - 2 * rootY);
    return x > 0 ? res : -res;
  }
  if (x === 1 || x === -1) return x > 0 ? HP0 : -HP0;
  return NaN;
}

export function acosGlibc(x: number): number {
  const k = highWord(x) & 0x7fffffff;
  if (k < 0x3c880000) return HP0;
  if (k < 0x3fc00000) {
    const x2 = x * x;
    const r = HP0 - x;
    return r + fma(-tail(x2), x * x2, HP0 - r - x + HP1);
  }
  if (k < 0x3fef0000) {
    const t = aboutCenter(Math.abs(x), k);
    return x > 0 ? HP1 - t + (HP0 - high) : t + HP1 + (high + HP0);
  }
  if (k < 0x3ff00000) {
    rootOf(0.5 * (x > 0 ? 1 - x : x + 1), false);
    const q = rootP * (rootY + rootCc);
    const res = x < 0 ? HP1 - rootCc - q + (HP0 - rootY) : rootCc + q + rootY;
    return res + res;
  }
  if (x === 1) return 0;
  if (x === -1) return Math.PI;
  return NaN;
}
