// sinh, cosh and tanh as glibc computes them (its e_sinh.c, e_cosh.c and s_tanh.c, Sun's
// fdlibm formulas), on glibc's exp (libm-exp.ts) and expm1 (libm-expm1.ts).

import { expGlibc } from "./libm-exp.js";
import { log1pGlibc } from "./libm-log1p.js";
import { expm1Glibc } from "./libm-expm1.js";
import { highWord } from "./libm-words.js";

const SHUGE = 1.0e307;
// fdlibm compares high words: |x| < 0x40862e42_00000000, |x| < 0x3fd62e43_00000000.
const LOG_MAX_HIGH = 709.7822265625;
const LN2_HALF = 0.3465735912322998;
const OVERFLOW = 710.4758600739439; // 0x408633ce8fb9f87d

export function sinhGlibc(x: number): number {
  if (!Number.isFinite(x)) return x + x;
  const ax = Math.abs(x);
  const h = x < 0 ? -0.5 : 0.5;
  if (ax < 22) {
    if (ax < 2 ** -28) return x;
    const t = expm1Glibc(ax);
    if (ax < 1) return h * (2.0 * t - (t * t) / (t + 1.0));
    return h * (t + t / (t + 1.0));
  }
  if (ax < LOG_MAX_HIGH) return h * expGlibc(ax);
  if (ax <= OVERFLOW) {
    const w = expGlibc(0.5 * ax);
    const t = h * w;
    return t * w;
  }
  return x * SHUGE;
}

export function coshGlibc(x: number): number {
  const ax = Math.abs(x);
  if (ax < 22) {
    if (ax < LN2_HALF) {
      if (ax < 2 ** -55) return 1.0;
      const t = expm1Glibc(ax);
      const w = 1.0 + t;
      return 1.0 + (t * t) / (w + w);
    }
    const t = expGlibc(ax);
    return 0.5 * t + 0.5 / t;
  }
  if (ax < LOG_MAX_HIGH) return 0.5 * expGlibc(ax);
  if (ax <= OVERFLOW) {
    const w = expGlibc(0.5 * ax);
    const t = 0.5 * w;
    return t * w;
  }
  return x * x * (Number.isFinite(x) ? SHUGE : 1);
}

export function tanhGlibc(x: number): number {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? x : x > 0 ? 1.0 : -1.0;
  const ax = Math.abs(x);
  let z: number;
  if (ax < 22) {
    if (x === 0) return x;
    if (ax < 2 ** -55) return x * (1.0 + x);
    if (ax >= 1) {
      const t = expm1Glibc(2 * ax);
      z = 1.0 - 2.0 / (t + 2.0);
    } else {
      const t = expm1Glibc(-2 * ax);
      z = -t / (t + 2.0);
    }
  } else z = 1.0;
  return x < 0 ? -z : z;
}

const LN2 = 6.93147180559945286227e-1;

/** asinh as glibc's s_asinh.c (fdlibm's formulas) on its log and log1p. */
export function asinhGlibc(x: number, log: (v: number) => number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix >= 0x7ff00000) return x + x;
  if (ix < 0x3e300000) return x;
  const ax = Math.abs(x);
  let w: number;
  if (ix > 0x41b00000) w = log(ax) + LN2;
  else if (ix > 0x40000000) w = log(2.0 * ax + 1.0 / (Math.sqrt(x * x + 1.0) + ax));
  else {
    const t = x * x;
    w = log1pGlibc(ax + t / (1.0 + Math.sqrt(1.0 + t)));
  }
  return x < 0 ? -w : w;
}

/** acosh as glibc's e_acosh.c (fdlibm's formulas); NaN below 1. */
export function acoshGlibc(x: number, log: (v: number) => number): number {
  if (!(x >= 1)) return NaN;
  const ix = highWord(x) & 0x7fffffff;
  if (ix >= 0x41b00000) return ix >= 0x7ff00000 ? x + x : log(x) + LN2;
  if (x === 1) return 0.0;
  if (ix > 0x40000000) return log(2.0 * x - 1.0 / (x + Math.sqrt(x * x - 1.0)));
  const t = x - 1.0;
  return log1pGlibc(t + Math.sqrt(2.0 * t + t * t));
}
