// sin and cos as glibc 2.28+ computes them (IBM's accurate library without its slow paths:
// CPython's math.sin and math.cos on Linux), to the last bit.
//
// The algorithm: below 0.126 a Taylor polynomial; up to pi/4 the table of sin and cos at
// multiples of 1/128 (libm-sintab.ts) corrected by short polynomials of the distance to the
// nearest one; larger arguments are reduced by pi/2 (three parts of pi/2 and fused operations
// up to 105414336, Payne and Hanek's reduction beyond: libm-reduce.ts) to a pair a + da. Every
// `a*b + c` of glibc's source is rounded once here (libm-fma.ts), as its FMA build, which
// x86-64 processors with the instruction run, rounds it; other operations are the same IEEE
// operations in the same order. The results are those doubles, including the few in a
// thousand that are not the nearest to sin(x).

import { fma } from "./libm-fma.js";
import { reduceLarge, reducedLo, reducedQuadrant } from "./libm-reduce.js";
import { SINCOS } from "./libm-sintab.js";

const S1 = -0.16666666666666666; // -0x1.5555555555555p-3
const S2 = 0.008333333333332329; // 0x1.1111111110ECEp-7
const S3 = -0.00019841269834414642; // -0x1.A01A019DB08B8p-13
const S4 = 2.755729806860771e-6; // 0x1.71DE27B9A7ED9p-19
const S5 = -2.5022014848318398e-8; // -0x1.ADDFFC2FCDF59p-26
const SN3 = -0.16666666666666488;
const SN5 = 0.008333332142857223;
const CS2 = 0.5;
const CS4 = -0.04166666666666644;
const CS6 = 0.001388888740079376;
const BIG = 52776558133248.0; // 0x1.8p45: adding it rounds to a multiple of 1/128
const HP0 = 1.5707963267948966; // pi/2 rounded
const HP1 = 6.123233995736766e-17; // pi/2 - HP0
const MP1 = 1.5707963407039642; // 0x1.921FB58000000p0, 26 bits
const MP2 = -1.3909067564377153e-8; // -0x1.DDE973C000000p-27, 27 bits
const PP3 = -4.97899623147991e-17; // -0x1.CB3B398000000p-55, 26 bits
const PP4 = -1.9034889620193266e-25; // -0x1.d747f23e32ed7p-83
const HPINV = 0.6366197723675814; // 2/pi rounded
const TOINT = 6755399441055744.0; // 0x1.8p52
const TABLE_FROM = 0.85546875; // sin: table below; cos: table below
const NEAR_PI_2 = 2.4262638092041016; // 0x1.400368fdp1
const CODY_WAITE = 105414336.0; // 0x1.921FBp26

/** sin(x + dx) for |x| <= about pi/4 (the sign of the result is x's). */
function doSin(x: number, dx: number): number {
  const ax = Math.abs(x);
  if (ax < 0.126) {
    const xx = x * x;
    const poly = fma(fma(fma(fma(S5, xx, S4), xx, S3), xx, S2), xx, S1);
    const t = fma(fma(poly, x, -(0.5 * dx)), xx, dx);
    return x + t;
  }
  if (x <= 0) dx = -dx;
  const u = BIG + ax;
  const v = u - BIG;
  const r = ax - v;
  const k = (v * 512) | 0; // 4 * (index of the table's point)
  const xx = r * r;
  const s = r + fma(r * xx, fma(xx, SN5, SN3), dx);
  const c = fma(r, dx, xx * fma(xx, fma(xx, CS6, CS4), CS2));
  const sn = SINCOS[k]!;
  const cs = SINCOS[k + 2]!;
  const cor = fma(cs, s, fma(-sn, c, fma(s, SINCOS[k + 3]!, SINCOS[k + 1]!)));
  const res = sn + cor;
  return x < 0 ? -res : res;
}

/** cos(x + dx) for |x| <= about pi/4. */
function doCos(x: number, dx: number): number {
  if (x < 0) dx = -dx;
  const ax = Math.abs(x);
  const u = BIG + ax;
  const v = u - BIG;
  const r = ax - v + dx;
  const k = (v * 512) | 0;
  const xx = r * r;
  const s = fma(r * xx, fma(xx, SN5, SN3), r);
  const c = xx * fma(xx, fma(xx, CS6, CS4), CS2);
  const sn = SINCOS[k]!;
  const cs = SINCOS[k + 2]!;
  const cor = fma(-sn, s, fma(-cs, c, fma(-s, SINCOS[k + 1]!, SINCOS[k + 3]!)));
  return cs + cor;
}

let da = 0;

/** x = n*pi/2 + (a + da) for 2.4 < |x| < 105414336: returns a (da set), n mod 4 in `quadrant`. */
let quadrant = 0;
function reduceMedium(x: number): number {
  const t = fma(x, HPINV, TOINT);
  const xn = t - TOINT;
  quadrant = xn & 3;
  // xn*MP1, xn*MP2 and xn*PP3 are exact (|xn| < 2**26): fused or not, the same.
  const y = x - xn * MP1 - xn * MP2;
  const t1 = xn * PP3;
  const t2 = y - t1;
  let db = y - t2 - t1;
  const b = fma(-xn, PP4, t2);
  db += fma(-xn, PP4, t2 - b);
  da = db;
  return b;
}

function doSinCos(a: number, d: number, n: number): number {
  const r = n & 1 ? doCos(a, d) : doSin(a, d);
  return n & 2 ? -r : r;
}

export function sinGlibc(x: number): number {
  const ax = Math.abs(x);
  if (ax < 1.4901161193847656e-8) return x; // 2**-26
  if (ax < TABLE_FROM) return doSin(x, 0);
  if (ax < NEAR_PI_2) {
    const r = doCos(HP0 - ax, HP1);
    return x < 0 ? -r : r;
  }
  if (ax < CODY_WAITE) {
    const a = reduceMedium(x);
    return doSinCos(a, da, quadrant);
  }
  if (ax < Infinity) {
    const a = reduceLarge(x);
    return doSinCos(a, reducedLo, reducedQuadrant);
  }
  return NaN;
}

export function cosGlibc(x: number): number {
  const ax = Math.abs(x);
  if (ax < 7.450580596923828e-9) return 1; // 2**-27
  if (ax < TABLE_FROM) return doCos(x, 0);
  if (ax < NEAR_PI_2) {
    const y = HP0 - ax;
    const a = y + HP1;
    return doSin(a, y - a + HP1);
  }
  if (ax < CODY_WAITE) {
    const a = reduceMedium(x);
    return doSinCos(a, da, quadrant + 1);
  }
  if (ax < Infinity) {
    const a = reduceLarge(x);
    return doSinCos(a, reducedLo, reducedQuadrant + 1);
  }
  return NaN;
}
