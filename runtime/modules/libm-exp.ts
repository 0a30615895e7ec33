// exp(x) and pow(x, y) as glibc 2.28+ computes them (CPython's math.exp, math.pow and float
// `**` on Linux), to the last bit.
//
// The algorithms (Szabolcs Nagy's, in glibc and Arm's optimized-routines): exp reduces
// x = k*ln2/128 + r, exp(x) = 2**(k/128) * exp(r), with 2**(k/128) from a table as H*(1 + T)
// and exp(r) - 1 by a degree-5 polynomial; pow computes log(x) to about 68 bits as a pair
// (a table of 1/c and log(c) for 128 subintervals, then a degree-8 polynomial of z/c - 1)
// and feeds y*log(x) as a pair to the same exp. Each `a*b + c` is rounded as glibc's FMA
// build rounds it (fused), since that build is the one x86-64 processors with FMA run. The
// same result, misroundings included (about one in a thousand is not the nearest double), is
// what matters here: CPython's output.

import { fma, productError } from "./libm-fma.js";
import { EXP_HEAD, EXP_TAIL, POW_INVC, POW_LOGC, POW_LOGCTAIL } from "./libm-tables.js";
import { highWord, withHighWord } from "./libm-words.js";

const INV_LN2_N = 184.6649652337873; // 0x1.71547652b82fep0 * 128
const NEG_LN2_HI_N = -0.005415212348111709; // -0x1.62e42fefa0000p-8
const NEG_LN2_LO_N = -1.2864023111638346e-14; // -0x1.cf79abc9e3b3ap-47
const SHIFT = 6755399441055744; // 0x1.8p52
const C2 = 0.49999999999996786; // 0x1.ffffffffffdbdp-2
const C3 = 0.16666666666665886; // 0x1.555555555543cp-3
const C4 = 0.0416666808410674; // 0x1.55555cf172b91p-5
const C5 = 0.008333335853059549; // 0x1.1111167a4d017p-7

/** POW2[e + 1074] = 2**e for every e a double reaches (a variable `2 ** e` is slow in V8). */
const POW2 = new Float64Array(2098);
for (let e = -1074, v = 2 ** -1074; e <= 1023; e++, v *= 2) POW2[e + 1074] = v;

/**
 * scale*(1 + tmp) for exponents near the ends of the range, where scale = H * 2**e itself
 * would overflow or be subnormal: computed at an offset and rounded once, as glibc does.
 */
function specialCase(tmp: number, head: number, e: number, k: number): number {
  if (k > 0) {
    const scale = head * POW2[e - 1009 + 1074]!;
    return fma(scale, tmp, scale) * 2 ** 1009;
  }
  // Not fused here: GCC keeps the product scale*tmp, which has two uses, as a product.
  const scale = head * POW2[e + 1022 + 1074]!;
  let y = scale + scale * tmp;
  if (Math.abs(y) < 1.0) {
    // Round at the final (subnormal) precision once: add +-1 so the sum rounds there.
    const one = y < 0 ? -1.0 : 1.0;
    let lo = scale - y + scale * tmp;
    const hi = one + y;
    lo = one - hi + y + lo;
    y = hi + lo - one;
    if (y === 0) y = scale < 0 ? -0 : 0;
  }
  return 2 ** -1022 * y;
}

// The fast path. glibc's result is its value P = scale*(1 + tmp) rounded once, where tmp comes
// from fused operations. The same steps unfused give P' within a few units of 2**-61 of P
// relative (each fused step differs by at most one rounding of a term below 2**-8); with P'
// as an exact pair hi + lo, hi is glibc's result whenever lo is farther than MARGIN ulps from
// half an ulp, and only the rest (about 6%) take the emulated fused path.
const MARGIN = 2 ** -5;

/** sign * e**(x + xtail) for 2**-54 <= |x| < 512 when the fast path decides it, else NaN. */
function expFast(x: number, xtail: number, sign: number): number {
  const kd = INV_LN2_N * x + SHIFT - SHIFT;
  const r = x + kd * NEG_LN2_HI_N + kd * NEG_LN2_LO_N + xtail;
  const j = kd & 127;
  const e = (kd - j) / 128;
  const r2 = r * r;
  const tmp = EXP_TAIL[j]! + r + r2 * (C2 + r * C3) + r2 * r2 * (C4 + r * C5);
  const unit = POW2[e + 1074]!;
  const scale = sign * EXP_HEAD[j]! * unit;
  const p = scale * tmp;
  const hi = scale + p;
  const bb = hi - scale;
  const lo = scale - (hi - bb) + (p - bb) + productError(scale, tmp, p);
  const a = Math.abs(hi) / unit;
  const ulp = (a < 1 ? 2 ** -53 : a < 2 ? 2 ** -52 : 2 ** -51) * unit;
  return Math.abs(lo) < ulp * (0.5 - MARGIN) ? hi : NaN;
}

/** sign * e**(x + xtail), |xtail| tiny; sign is 1 or -1. */
function expInline(x: number, xtail: number, sign: number): number {
  const ax = Math.abs(x);
  if (ax >= 2 ** -54 && ax < 512) {
    const fast = expFast(x, xtail, sign);
    if (fast === fast) return fast;
  } else {
    if (ax < 2 ** -54) return sign * (1.0 + x);
    if (Number.isNaN(x)) return x;
    if (ax >= 1024) return x > 0 ? sign * Infinity : sign * 0;
  }
  const kd = INV_LN2_N * x + SHIFT - SHIFT;
  const r = fma(kd, NEG_LN2_LO_N, fma(kd, NEG_LN2_HI_N, x)) + xtail;
  const j = kd & 127;
  const e = (kd - j) / 128;
  const r2 = r * r;
  const tmp = fma(r2 * r2, fma(r, C5, C4), fma(r2, fma(r, C3, C2), EXP_TAIL[j]! + r));
  if (ax >= 512) return specialCase(tmp, sign * EXP_HEAD[j]!, e, kd);
  const scale = sign * EXP_HEAD[j]! * POW2[e + 1074]!;
  return fma(scale, tmp, scale);
}

/** e**x for a float x, with glibc's result bits (NaN, infinities and overflow included). */
export function expGlibc(x: number): number {
  return expInline(x, 0, 1);
}

const EXP2_SHIFT = 52776558133248; // 0x1.8p52 / 128
const E1 = 0.6931471805599453; // 0x1.62e42fefa39efp-1
const E2 = 0.24022650695909065; // 0x1.ebfbdff82c424p-3
const E3 = 0.0555041086686087; // 0x1.c6b08d70cf4b5p-5
const E4 = 0.009618131975721055; // 0x1.3b2abd24650ccp-7
const E5 = 0.0013332074570119598; // 0x1.5d7e09b4e3a84p-10

/** 2**x as glibc's exp2: x = k/128 + r, the same table, a degree-5 polynomial of r. */
export function exp2Glibc(x: number): number {
  const ax = Math.abs(x);
  if (!(ax >= 2 ** -54 && ax <= 928)) {
    if (ax < 2 ** -54) return 1.0 + x;
    if (Number.isNaN(x)) return x;
    if (x >= 1024) return Infinity;
    if (x <= -1075) return 0;
  }
  const kd = x + EXP2_SHIFT - EXP2_SHIFT;
  const k = kd * 128;
  const r = x - kd;
  const j = k & 127;
  const e = (k - j) / 128;
  const r2 = r * r;
  // exp2 has no FMA build in glibc: nothing is fused.
  const tmp = EXP_TAIL[j]! + r * E1 + r2 * (E2 + r * E3) + r2 * r2 * (E4 + r * E5);
  if (ax > 928) {
    if (k > 0) {
      const scale = EXP_HEAD[j]! * POW2[e - 1009 + 1074]!;
      return (scale + scale * tmp) * 2 ** 1009;
    }
    return specialCase(tmp, EXP_HEAD[j]!, e, k);
  }
  const scale = EXP_HEAD[j]! * POW2[e + 1074]!;
  return scale + scale * tmp;
}

const LN2_HI = 0.6931471805598903; // 0x1.62e42fefa3800p-1
const LN2_LO = 5.497923018708371e-14; // 0x1.ef35793c76730p-45
const A0 = -0.5;
const A1 = -0.6666666666666679; // 0x1.555555555556p-2 * -2
const A2 = 0.5000000000000007; // -0x1.0000000000006p-2 * -2
const A3 = 0.7999999995323976; // 0x1.999999959554ep-3 * 4
const A4 = -0.6666666663487739; // -0x1.555555529a47ap-3 * 4
const A5 = -1.142909628459501; // 0x1.2495b9b4845e9p-3 * -8
const A6 = 1.0000415263675542; // -0x1.0002b8b263fc3p-3 * -8
const OFF_HI = 0x3fe69555; // the high word of 0x1.69555p-1


let logTail = 0;

/** log(x) for finite x > 0 as hi (returned) + logTail, about 68 bits, as glibc's pow computes it. */
function logInline(x: number): number {
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
  const invc = POW_INVC[i]!;
  const logc = POW_LOGC[i]!;
  const logctail = POW_LOGCTAIL[i]!;
  const r = fma(z, invc, -1.0);
  const t1 = k * LN2_HI + logc;
  const t2 = t1 + r;
  const lo1 = fma(k, LN2_LO, logctail);
  const lo2 = t1 - t2 + r;
  const ar = A0 * r;
  const ar2 = r * ar;
  const ar3 = r * ar2;
  const hi = t2 + ar2;
  const lo3 = fma(ar, r, -ar2);
  const lo4 = t2 - hi + ar2;
  const q = fma(ar2, fma(ar2, fma(r, A6, A5), fma(r, A4, A3)), fma(r, A2, A1));
  const lo = fma(ar3, q, lo1 + lo2 + lo3 + lo4);
  const y = hi + lo;
  logTail = hi - y + lo;
  return y;
}

/** logInline's value, unfused (the products whose errors it needs exact): within a few units of 2**-90 of it. */
function logFast(x: number): number {
  let bias = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 2 ** 52;
    bias = 52;
  }
  const hiWord = highWord(x);
  const tmpHi = (hiWord - OFF_HI) | 0;
  const i = (tmpHi >>> 13) & 127;
  const k = (tmpHi >> 20) - bias;
  const z = withHighWord(x, hiWord - (tmpHi & 0xfff00000));
  const invc = POW_INVC[i]!;
  const zc = z * invc;
  const r = zc - 1.0 + productError(z, invc, zc);
  const t1 = k * LN2_HI + POW_LOGC[i]!;
  const t2 = t1 + r;
  const lo1 = k * LN2_LO + POW_LOGCTAIL[i]!;
  const lo2 = t1 - t2 + r;
  const ar = A0 * r;
  const ar2 = r * ar;
  const ar3 = r * ar2;
  const hi = t2 + ar2;
  const lo3 = productError(ar, r, ar2);
  const lo4 = t2 - hi + ar2;
  const q = A1 + r * A2 + ar2 * (A3 + r * A4 + ar2 * (A5 + r * A6));
  const lo = lo1 + lo2 + lo3 + lo4 + ar3 * q;
  const y = hi + lo;
  logTail = hi - y + lo;
  return y;
}

/** 0 when y is not an integer, 1 when odd, 2 when even (y finite, nonzero). */
function checkInt(y: number): number {
  if (!Number.isInteger(y)) return 0;
  return Math.abs(y) < 2 ** 53 && Math.abs(y % 2) === 1 ? 1 : 2;
}

/**
 * x**y as C's pow on glibc, with its special values (pow(x, 0) = 1, pow(1, y) = 1, NaN for a
 * negative x and a non-integral y, ...); errors are the caller's (it checks the result).
 */
export function powGlibc(x: number, y: number): number {
  let sign = 1;
  if (y === 0 || x === 1) return 1.0;
  if (Number.isNaN(x) || Number.isNaN(y)) return x + y;
  if (!Number.isFinite(y)) {
    const ax = Math.abs(x);
    if (ax === 1) return 1.0;
    return (ax < 1) === (y > 0) ? 0.0 : Infinity;
  }
  if (x === 0 || !Number.isFinite(x)) {
    let x2 = x * x;
    if ((x < 0 || Object.is(x, -0)) && checkInt(y) === 1) x2 = -x2;
    return y < 0 ? 1 / x2 : x2;
  }
  if (x < 0) {
    const yint = checkInt(y);
    if (yint === 0) return NaN;
    if (yint === 1) sign = -1;
    x = -x;
  }
  const ay = Math.abs(y);
  if (ay < 2 ** -65 || ay >= 2 ** 63) {
    if (x === 1) return sign;
    if (ay < 2 ** -65) return x > 1 ? 1.0 + y : 1.0 - y;
    return (x > 1) === (y > 0) ? Infinity : 0;
  }
  let hi = logFast(x);
  let ehi = y * hi;
  const aehi = Math.abs(ehi);
  if (aehi >= 2 ** -54 && aehi < 512) {
    const fast = expFast(ehi, y * logTail + productError(y, hi, ehi), sign);
    if (fast === fast) return fast;
  }
  hi = logInline(x);
  const lo = logTail;
  ehi = y * hi;
  const elo = fma(y, lo, fma(y, hi, -ehi));
  return expInline(ehi, elo, sign);
}
