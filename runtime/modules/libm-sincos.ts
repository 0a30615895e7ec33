// tan correctly rounded (glibc's, CPython's, is not always: a few results in a thousand differ
// by an ulp), and sin and cos of reduced arguments as pairs for atan (libm-atan.ts); glibc's
// own sin and cos are libm-sin.ts.
//
// x is reduced by k*pi/2 (pi/2 in three 33-bit parts, Cody and Waite, so each product is exact
// for |k| < 2**20) to r = rh + rl, |r| <= pi/4 + tiny, as a pair. The fast path sums the
// Taylor series with its large terms as exact pairs (r**3/6, r**2/2, r**4/24) and the small
// ones in doubles, an error below 2**-60 of the result; when the pair is farther than 1/32 ulp
// from a rounding boundary its rounding is the correctly rounded result, else the whole series
// is summed in double-double (math-exact.ts). Beyond |x| = 2**19*pi the reduction is the
// exact one of libm-reduce.ts.

import { productError } from "./libm-fma.js";
import { cosTaylor, ddAdd, ddMul, sinTaylor, type DD } from "./math-exact.js";
import { reduceLarge, reducedLo, reducedQuadrant } from "./libm-reduce.js";

const INV_PIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417; // the first 33 bits of pi/2
const PIO2_2 = 6.07710050630396597660e-11; // the next 33
const PIO2_3 = 2.02226624871116645580e-21; // the next 33
const PIO2_3T = 8.47842766036889956997e-32; // the rest, rounded
const LIMIT = 2 ** 19 * Math.PI;

const SQ = [
  0.008333333333333333, -0.0001984126984126984, 2.7557319223985893e-6, -2.505210838544172e-8,
  1.6059043836821613e-10, -7.647163731819816e-13, 2.8114572543455206e-15, -8.22063524662433e-18,
];
const CQ = [
  0.001388888888888889, -2.48015873015873e-5, 2.755731922398589e-7, -2.08767569878681e-9,
  1.1470745597729725e-11, -4.779477332387385e-14, 1.5619206968586225e-16, -4.110317623312165e-19,
];

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** The unit in the last place of a normal nonzero h. */
export function ulpOf(h: number): number {
  F64[0] = h;
  const e = (U32[HI]! >>> 20) & 0x7ff;
  // 2**(e - 1075) built from its bits (a variable `2 ** n` is slow in V8); e > 53 here.
  U32[HI] = (e - 52) << 20;
  U32[LO] = 0;
  return F64[0];
}

let rl = 0;
let quadrant = 0;

/** x reduced mod pi/2: returns rh (rl and quadrant set). |x| < LIMIT. */
function reduce(x: number): number {
  if (Math.abs(x) <= Math.PI / 4) {
    rl = 0;
    quadrant = 0;
    return x;
  }
  const k = Math.round(x * INV_PIO2);
  quadrant = k & 3;
  const a = x - k * PIO2_1; // exact
  const b = k * PIO2_2; // exact
  const c = k * PIO2_3; // exact
  const s1 = a - b;
  let bb = s1 - a;
  const e1 = a - (s1 - bb) + (-b - bb);
  const s2 = s1 - c;
  bb = s2 - s1;
  const e2 = s1 - (s2 - bb) + (-c - bb);
  const lo = e1 + e2 - k * PIO2_3T;
  const rh = s2 + lo;
  rl = lo - (rh - s2);
  return rh;
}

/** The low part of sinPair's and cosPair's results. */
export let resLo = 0;

/** sin(rh + rl) as hi (returned) + resLo, to about 2**-60 relative. */
export function sinPair(rh: number, rlow: number): number {
  const z = rh * rh;
  const ze = productError(rh, rh, z);
  const p3 = z * rh;
  const p3e = productError(z, rh, p3) + ze * rh;
  const t = p3 / 6;
  const te = (p3 - t * 6 - productError(t, 6, t * 6) + p3e) / 6;
  let q = SQ[7]!;
  for (let i = 6; i >= 0; i--) q = q * z + SQ[i]!;
  const rest = rh * z * z * q + rlow * (1 - z / 2);
  const hi = rh - t;
  const err = rh - hi - t;
  const lo = err - te + rest;
  const out = hi + lo;
  resLo = lo - (out - hi);
  return out;
}

/** cos(rh + rl) as hi (returned) + resLo. */
export function cosPair(rh: number, rlow: number): number {
  const z = rh * rh;
  const ze = productError(rh, rh, z);
  const w = z * z;
  const we = productError(z, z, w) + 2 * z * ze;
  const w24 = w / 24;
  const w24e = (w - w24 * 24 - productError(w24, 24, w24 * 24) + we) / 24;
  let q = CQ[7]!;
  for (let i = 6; i >= 0; i--) q = q * z + CQ[i]!;
  const rest = -z * z * z * q - rlow * rh * (1 - z / 6);
  const h = z / 2;
  const s1 = 1 - h; // exact for z/2 <= 0.31 (Sterbenz does not apply, but 1 - h has h's bits)
  const e1 = 1 - s1 - h;
  const s2 = s1 + w24;
  const bb = s2 - s1;
  const e2 = s1 - (s2 - bb) + (w24 - bb);
  const lo = e1 + e2 - ze / 2 + w24e + rest;
  const out = s2 + lo;
  resLo = lo - (out - s2);
  return out;
}

/** tan as the pair quotient of sin and cos (the series in double-double), rounded once. */
export function tanExact(x: number): number {
  const ax = Math.abs(x);
  if (!(ax < Infinity)) return NaN;
  if (ax < 2 ** -26) return x;
  let r: DD;
  if (ax < LIMIT) r = [reduce(x), rl];
  else {
    r = [reduceLarge(x), reducedLo];
    quadrant = reducedQuadrant;
  }
  const s = sinTaylor(r);
  const c = cosTaylor(r);
  // tan = s/c in quadrants 0, 2; -c/s in 1, 3.
  const [n, d] = quadrant & 1 ? [[-c[0], -c[1]] as DD, s] : [s, c];
  const q = n[0] / d[0];
  const back = ddMul([q, 0], d);
  const rem = ddAdd(n, [-back[0], -back[1]]);
  return q + (rem[0] + rem[1]) / d[0];
}
