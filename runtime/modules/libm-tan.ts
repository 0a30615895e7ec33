// tan as glibc 2.28+ computes it (IBM's accurate library without its slow paths: CPython's
// math.tan on Linux), to the last bit, including the results (about one in a thousand) that
// are an ulp from the nearest double.
//
// The algorithm: below 0.0608 an odd polynomial; up to 0.787 Gal's accurate table
// (libm-tantab.ts: points x_i with tan(x_i) and cot(x_i) rounded) and the addition formula
// tan(x_i + z) = F + p(z)*(F + G)/(G - p(z)), p(z) a short series for tan(z); larger
// arguments are reduced by pi/2 to a pair a + da (parts of pi/2 up to 1e8, glibc's branred
// beyond: libm-reduce.ts), then tan(a) or -cot(a) by the same two methods, the cotangent of a
// small a as 1/tan(a) in double-double. Every `a*b + c` of glibc's source is rounded once here
// (libm-fma.ts), as in the FMA build x86-64 processors with the instruction run.

import { fma, productError } from "./libm-fma.js";
import { reduceGlibc, reducedLo, reducedQuadrant } from "./libm-reduce.js";
import { TAN_XFG } from "./libm-tantab.js";

const D3 = 0.3333333333333333;
const D5 = 0.1333333333332673;
const D7 = 0.05396825411095433;
const D9 = 0.021869380598167253;
const D11 = 0.008896546349534924;
const E0 = 0.3333333333332254;
const E1 = 0.13333354920669913;
const TINY = 1.2589993048095494e-8; // below: tan(x) = x
const SMALL = 0.060799986124038696; // below: the polynomial
const TABLE_TO = 0.7869997024536133; // below: the table, unreduced
const FEW_QUADRANTS = 25; // below: reduction by pi/2 in three parts
const CODY_WAITE = 100000000; // below: in four parts; above glibc's branred
const MP1 = 1.5707963407039642; // 26 bits of pi/2
const MP2 = -1.3909067564377153e-8; // the next 27
const MP3 = -4.9789962505147994e-17; // the rest, rounded
const PP3 = -4.97899623147991e-17; // 26 bits after MP2
const PP4 = -1.9034889620193266e-25; // the rest, rounded
const HPINV = 0.6366197723675814; // 2/pi rounded
const TOINT = 6755399441055744.0; // 0x1.8p52

/** d3*a**3 + ... + d11*a**11 + da: the series' terms beyond a. */
function series(a: number, da: number): number {
  const a2 = a * a;
  const p = fma(fma(fma(fma(D11, a2, D9), a2, D7), a2, D5), a2, D3);
  return fma(a * a2, p, da);
}

/** -cot(a + t) = -1/(a + t), the reciprocal of the exact sum taken in double-double. */
function negCot(a: number, t: number): number {
  const b = a + t;
  const db = Math.abs(a) > Math.abs(t) ? a - b + t : t - b + a;
  const c = 1 / b;
  const u = c * b;
  const uu = productError(c, b, u); // glibc's fma(c, b, -u): the exact error
  const cc = fma(-c, db, 1 - u - uu + 0) / b;
  const z = c + cc;
  const zz = c - z + cc;
  return -(zz + z);
}

/** tan(sy*(ya + yya)) (n = 0) or -cot of it (n = 1) by the table, 0.0608 < ya <= 0.787. */
function byTable(ya: number, yya: number, sy: number, n: number): number {
  const k = 3 * Math.trunc(ya * 256 - 15.5); // fused in glibc: ya*256 is exact anyway
  const z = ya - TAN_XFG[k]! + yya;
  const z2 = z * z;
  const pz = fma(z * z2, fma(z2, E1, E0), z);
  const fi = TAN_XFG[k + 1]!;
  const gi = TAN_XFG[k + 2]!;
  const num = (fi + gi) * pz;
  if (n) return (gi - num / (pz + fi)) * -sy;
  return (num / (gi - pz) + fi) * sy;
}

/** tan or -cot of the reduced a + da. */
function ofReduced(a: number, da: number, n: number): number {
  const ya = Math.abs(a);
  if (ya <= SMALL) {
    const t2 = series(a, da);
    return n ? negCot(a, t2) : a + t2;
  }
  return a < 0 ? byTable(-a, -da, -1, n) : byTable(a, da, 1, n);
}

export function tanGlibc(x: number): number {
  const w = Math.abs(x);
  if (!(w < Infinity)) return NaN;
  if (w <= TINY) return x;
  if (w <= SMALL) return fma(fma(fma(fma(fma(D11, x * x, D9), x * x, D7), x * x, D5), x * x, D3), x * (x * x), x);
  if (w <= TABLE_TO) return byTable(w, 0, x < 0 ? -1 : 1, 0);
  let a: number;
  let da: number;
  let n: number;
  if (w <= CODY_WAITE) {
    const t = fma(x, HPINV, TOINT);
    const xn = t - TOINT;
    n = xn & 1;
    // xn*MP1, xn*MP2 and xn*PP3 are exact (|xn| < 2**26, the parts' short mantissas): these
    // fused operations of glibc's are the plain ones.
    const t1 = x - xn * MP1 - xn * MP2;
    if (w <= FEW_QUADRANTS) {
      a = fma(-xn, MP3, t1);
      da = fma(-xn, MP3, t1 - a);
    } else {
      const t3 = t1 - xn * PP3;
      const d3 = t1 - t3 - xn * PP3;
      const a4 = fma(-xn, PP4, t3);
      const d4 = fma(-xn, PP4, t3 - a4) + d3;
      a = a4 + d4;
      da = Math.abs(a4) > Math.abs(d4) ? a4 - a + d4 : d4 - a + a4;
    }
  } else {
    const r = reduceGlibc(x);
    n = reducedQuadrant & 1;
    a = r + reducedLo;
    da = Math.abs(r) > Math.abs(reducedLo) ? r - a + reducedLo : reducedLo - a + r;
  }
  return ofReduced(a, da, n);
}
