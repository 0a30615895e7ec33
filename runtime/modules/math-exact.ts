// Double-double arithmetic and the sine and cosine series in it (about 106 bits), for the
// precise path of atan/atan2 (libm-atan.ts), which decides results that lie too near a
// rounding boundary for its fast path.

import { productError } from "./libm-fma.js";

/** A double-double: the unevaluated sum hi + lo, |lo| <= ulp(hi)/2. */
export type DD = [number, number];

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  return [p, productError(a, b, p)];
}

export function ddAdd(a: DD, b: DD): DD {
  const s = twoSum(a[0], b[0]);
  const t = twoSum(a[1], b[1]);
  let r = quickTwoSum(s[0], s[1] + t[0]);
  r = quickTwoSum(r[0], r[1] + t[1]);
  return r;
}

export function ddMul(a: DD, b: DD): DD {
  const p = twoProd(a[0], b[0]);
  return quickTwoSum(p[0], p[1] + (a[0] * b[1] + a[1] * b[0]));
}

function ddDivNum(a: DD, b: number): DD {
  const q1 = a[0] / b;
  const p = twoProd(q1, b);
  const r = twoSum(a[0] - p[0], a[1] - p[1]);
  const q2 = (r[0] + r[1]) / b;
  return quickTwoSum(q1, q2);
}

/** (-1)**n / k! for the sine (k = 2n+1) and cosine (k = 2n) series, n = 0..14, as pairs. */
const SIN_HI = new Float64Array(15);
const SIN_LO = new Float64Array(15);
const COS_HI = new Float64Array(15);
const COS_LO = new Float64Array(15);
{
  let f: DD = [1, 0];
  for (let k = 0; k <= 29; k++) {
    if (k > 0) f = ddDivNum(f, k);
    const n = k >> 1;
    const sign = n % 2 === 0 ? 1 : -1;
    if (k % 2 === 1) {
      SIN_HI[n] = sign * f[0];
      SIN_LO[n] = sign * f[1];
    } else {
      COS_HI[n] = sign * f[0];
      COS_LO[n] = sign * f[1];
    }
  }
}

let hornerLo = 0;

/** sum c[n] z**n for the pair z, by Horner's rule in double-double (scalars: no allocation). */
function horner(zh: number, zl: number, ch: Float64Array, cl: Float64Array): number {
  let ph = ch[14]!;
  let pl = cl[14]!;
  for (let n = 13; n >= 0; n--) {
    // p = p*z + c[n]
    const m = ph * zh;
    const me = productError(ph, zh, m) + ph * zl + pl * zh;
    const mh = m + me;
    const ml = me - (mh - m);
    const s = mh + ch[n]!;
    const v = s - mh;
    const e = mh - (s - v) + (ch[n]! - v) + ml + cl[n]!;
    ph = s + e;
    pl = e - (ph - s);
  }
  hornerLo = pl;
  return ph;
}

/** sin of the pair x (|x| <= about 1.6) as a pair, to about 2**-100. */
export function sinTaylor(x: DD): DD {
  const [xh, xl] = x;
  const z = xh * xh;
  const ze = productError(xh, xh, z) + 2 * xh * xl;
  const ph = horner(z + ze, ze - (z + ze - z), SIN_HI, SIN_LO);
  const pl = hornerLo;
  const m = ph * xh;
  const me = productError(ph, xh, m) + ph * xl + pl * xh;
  const h = m + me;
  return [h, me - (h - m)];
}

/** cos of the pair x as a pair. */
export function cosTaylor(x: DD): DD {
  const [xh, xl] = x;
  const z = xh * xh;
  const ze = productError(xh, xh, z) + 2 * xh * xl;
  const h = horner(z + ze, ze - (z + ze - z), COS_HI, COS_LO);
  return [h, hornerLo];
}

/** sin(x) for |x| <= 1 (reduced arguments), nearly correctly rounded. */
export function sinSmall(x: number): number {
  if (x === 0) return x;
  const r = sinTaylor([x, 0]);
  return r[0] + r[1];
}

/** cos(x) for |x| <= 1. */
export function cosSmall(x: number): number {
  const r = cosTaylor([x, 0]);
  return r[0] + r[1];
}
