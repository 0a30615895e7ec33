// sin and cos of a reduced argument r = rh + rl (|r| <= pi/4 + tiny) as pairs, to about 2**-60
// relative, for atan's correction step (libm-atan.ts); glibc's own sin and cos are libm-sin.ts,
// its tan libm-tan.ts. The Taylor series' large terms are summed as exact pairs (r**3/6,
// r**2/2, r**4/24), the small ones in doubles.

import { productError } from "./libm-fma.js";

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
