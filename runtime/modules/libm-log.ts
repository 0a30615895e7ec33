// log(x) as glibc 2.28+ computes it (the C library's `log` that CPython's math.log, lgamma,
// cmath and complex `**` call on Linux), to the last bit. glibc's log is not correctly
// rounded (its error reaches 0.52 ulp), so a correctly rounded logarithm differs from it about
// once in a few thousand arguments.
//
// The algorithm (Szabolcs Nagy's, in glibc and Arm's optimized-routines): near 1, a degree-12
// polynomial of r = x - 1 with the r**2/2 term kept exact as a pair; elsewhere x = 2**k * z
// with z in [0x1.6p-1, 0x1.6p0), z in one of 128 subintervals, each with a point c near its
// center for which 1/c and log(c) are tabled, and log(x) = k*ln2 + log(c) + log1p(r) with
// r = z/c - 1 and log1p(r) - r by a degree-6 polynomial. As in libm-exp.ts each `a*b + c` is
// rounded once, as glibc's FMA build (the one x86-64 processors with FMA run) fuses it; a fast
// path computes the same sums unfused and keeps its result when it is far enough from a
// rounding boundary that the fused roundings cannot move it.

import { fma, productError } from "./libm-fma.js";
import { LOG_INVC, LOG_LOGC, LOG_POLY, LOG_POLY1 } from "./libm-logtab.js";
import { fromWords, highWord, lowWord, withHighWord } from "./libm-words.js";

const LN2_HI = 0.6931471805598903; // 0x1.62e42fefa3800p-1: k*LN2_HI is exact
const LN2_LO = 5.497923018708371e-14; // 0x1.ef35793c76730p-45
const OFF_HI = 0x3fe60000; // the high word of 0x1.6p-1
const NEAR_LO = 1 - 2 ** -4; // [NEAR_LO, NEAR_HI): the polynomial about 1
const NEAR_HI = 1 + 0x109 * 2 ** -12;

const A0 = LOG_POLY[0]!;
const A1 = LOG_POLY[1]!;
const A2 = LOG_POLY[2]!;
const A3 = LOG_POLY[3]!;
const A4 = LOG_POLY[4]!;
const B = Array.from(LOG_POLY1);
const [B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10] = B as [number, number, number, number, number, number, number, number, number, number, number];


// How far (in ulps of the result) the fused sums can lie from their unfused twins: each fused
// step differs by at most one rounding of its term. Away from 1 the terms after hi are below
// 2**-17 and the result above 0.06, so under 2**-10 ulp; near 1 the r**3 terms, below
// r**2/3 <= 2**-9.5 of the result, give under 2**-8 ulp. A sum farther than MARGIN from a
// rounding boundary rounds the same either way.
const MARGIN = 2 ** -6;

/** hi + lo rounded, or NaN when the pair is within MARGIN ulps of a rounding boundary. */
function roundedUnlessClose(hi: number, lo: number): number {
  const y = hi + lo;
  const bb = y - hi;
  const rest = Math.abs(hi - (y - bb) + (lo - bb));
  const high = highWord(y);
  const powerOfTwo = (high & 0xfffff) === 0 && lowWord(y) === 0;
  const ulp = fromWords((high & 0x7ff00000) - (52 << 20), 0); // y is normal and above 2**-970 here
  // The boundary is half an ulp away, or a quarter (the binade below's half) below a power of two.
  if (Math.abs(rest - ulp / 2) <= ulp * MARGIN) return NaN;
  return powerOfTwo && Math.abs(rest - ulp / 4) <= ulp * MARGIN ? NaN : y;
}

/** log(x) near 1 (x in [NEAR_LO, NEAR_HI), x !== 1), fused as glibc's FMA build. */
function logNearOne(x: number, fused: boolean): number {
  const r = x - 1.0;
  const r2 = r * r;
  const r3 = r * r2;
  // rhi: r with its low 27 bits cleared, so rhi*rhi*B0 (B0 = -0.5) is exact.
  const w0 = r * 134217728;
  const rhi = r + w0 - w0;
  const rlo = r - rhi;
  const w = rhi * rhi * B0;
  const hi = r + w;
  let lo = r - hi + w;
  if (fused) {
    const inner = fma(r3, B10, fma(r2, B9, fma(r, B8, B7)));
    const mid = fma(r3, inner, fma(r2, B6, fma(r, B5, B4)));
    const poly = fma(r3, mid, fma(r2, B3, fma(r, B2, B1)));
    lo = fma(B0 * rlo, rhi + r, lo);
    return fma(r3, poly, lo) + hi;
  }
  const poly = B1 + r * B2 + r2 * B3 + r3 * (B4 + r * B5 + r2 * B6 + r3 * (B7 + r * B8 + r2 * B9 + r3 * B10));
  lo += B0 * rlo * (rhi + r);
  return roundedUnlessClose(hi, r3 * poly + lo);
}

/** log(x) for a finite x > 0 away from 1, fused as glibc's FMA build (or NaN from the fast path). */
function logTable(x: number, fused: boolean): number {
  let bias = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 2 ** 52;
    bias = 52;
  }
  const hiWord = highWord(x);
  // tmp = bits(x) - bits(OFF): only the high word matters (OFF's low word is 0).
  const tmpHi = (hiWord - OFF_HI) | 0;
  const i = (tmpHi >>> 13) & 127;
  const k = (tmpHi >> 20) - bias;
  const z = withHighWord(x, hiWord - (tmpHi & 0xfff00000));
  const invc = LOG_INVC[i]!;
  // r = fma(z, invc, -1): z*invc - 1 is exact (Sterbenz), its sum with the product's error rounds once.
  const zc = z * invc;
  const r = zc - 1.0 + productError(z, invc, zc);
  const w = k * LN2_HI + LOG_LOGC[i]!;
  const hi = w + r;
  const r2 = r * r;
  if (fused) {
    const lo = fma(k, LN2_LO, w - hi + r);
    const p = fma(r2, fma(r, A4, A3), fma(r, A2, A1));
    return fma(r * r2, p, fma(r2, A0, lo)) + hi;
  }
  const lo = w - hi + r + k * LN2_LO;
  return roundedUnlessClose(hi, lo + r2 * A0 + r * r2 * (A1 + r * A2 + r2 * (A3 + r * A4)));
}

/** C's log on glibc: log(x) with its special values (-inf at 0, NaN below 0); errno is the caller's. */
export function logGlibc(x: number): number {
  if (!(x > 0 && x < Infinity)) {
    if (x === 0) return -Infinity;
    return x === Infinity ? x : NaN;
  }
  if (x >= NEAR_LO && x < NEAR_HI) {
    if (x === 1) return 0;
    const fast = logNearOne(x, false);
    return fast === fast ? fast : logNearOne(x, true);
  }
  const fast = logTable(x, false);
  return fast === fast ? fast : logTable(x, true);
}

/** logGlibc by the fused steps alone (for tests holding the fast path to it). */
export function logGlibcFused(x: number): number {
  if (x >= NEAR_LO && x < NEAR_HI) return x === 1 ? 0 : logNearOne(x, true);
  return logTable(x, true);
}
