// atan and atan2 correctly rounded, as glibc's (IBM's accurate library: its results are the
// nearest doubles but in rare cases), where V8's fdlibm ports are off by an ulp now and then.
//
// atan(q) for |q| <= 1 as a double-double: a0 = Math.atan(q) (within an ulp), then
// atan(q) = a0 + atan((q*cos a0 - sin a0)/(cos a0 + q*sin a0)), the correction's argument
// tiny, with sin and cos of a0 in double-double; the quadrant's pi and pi/2 added as pairs and
// the sum rounded once.

import { productError } from "./libm-fma.js";
import { cosTaylor, ddAdd, ddMul, sinTaylor, type DD } from "./math-exact.js";
import { cosPair, resLo, sinPair, ulpOf } from "./libm-sincos.js";
import { ATAN_HI, ATAN_LO } from "./libm-atantab.js";

const PI: DD = [3.141592653589793, 1.2246467991473532e-16];
const PI_2: DD = [1.5707963267948966, 6.123233995736766e-17];

/** Whether the pairs below are summed with the full double-double series (else the fast sums). */
let precise = false;

/**
 * atan(qh + ql) for |qh| <= 1, as a pair: to about 2**-60 relative with the fast sin/cos sums,
 * to about 2**-100 with the double-double series (`precise`).
 */
function atanPair(qh: number, ql: number): DD {
  const a0 = Math.atan(qh);
  if (!precise) {
    const sh = sinPair(a0, 0);
    const sl = resLo;
    const ch = cosPair(a0, 0);
    const cl = resLo;
    const p = qh * ch;
    const num = p - sh + (productError(qh, ch, p) + qh * cl + ql * ch - sl);
    const delta = num / (ch + qh * sh);
    const sum = a0 + delta;
    const bb = sum - a0;
    return [sum, a0 - (sum - bb) + (delta - bb)];
  }
  const s = sinTaylor([a0, 0]);
  const c = cosTaylor([a0, 0]);
  const num = ddAdd(ddMul([qh, ql], c), [-s[0], -s[1]]);
  const delta = (num[0] + num[1]) / (c[0] + qh * s[0]);
  const sum = a0 + delta;
  const bb = sum - a0;
  return [sum, a0 - (sum - bb) + (delta - bb)];
}

/** hi + lo rounded; lastLo keeps what the rounding dropped. */
function round(r: DD): number {
  const v = r[0] + r[1];
  lastLo = r[1] - (v - r[0]);
  return v;
}

/** n/(dh + dl) as a pair (d nonzero, the quotient normal). */
function quotient(n: number, dh: number, dl = 0): DD {
  const q = n / dh;
  const p = q * dh;
  return [q, (n - p - productError(q, dh, p) - q * dl) / dh];
}

function atan2ExactOnce(y: number, x: number): number {
  const ay = Math.abs(y);
  const ax = Math.abs(x);
  if (!(ay > 0 && ay < Infinity && ax > 0 && ax < Infinity)) return Math.atan2(y, x);
  const small = Math.min(ay, ax);
  const large = Math.max(ay, ax);
  if (small / large < 2 ** -500 || large > 2 ** 1000 || small < 2 ** -900) return Math.atan2(y, x);
  let r: DD;
  if (ay <= ax) {
    const q = quotient(y, x);
    r = atanPair(q[0], q[1]);
    if (x < 0) r = ddAdd(r, y > 0 ? PI : [-PI[0], -PI[1]]);
  } else {
    const q = quotient(x, y);
    const t = atanPair(q[0], q[1]);
    r = ddAdd(y > 0 ? PI_2 : [-PI_2[0], -PI_2[1]], [-t[0], -t[1]]);
  }
  return round(r);
}

function atanExactOnce(x: number): number {
  const ax = Math.abs(x);
  if (!(ax > 2 ** -500 && ax < 2 ** 500)) return Math.atan(x);
  if (ax <= 1) {
    const r = atanPair(x, 0);
    return round(r);
  }
  return atan2ExactOnce(x, 1);
}

let lastLo = 0;

/** Whether a fast result is decided: farther than 1/32 ulp from a rounding boundary (else computed again precisely). */
function decided(fast: number): boolean {
  return !(fast !== 0 && Number.isFinite(fast)) || Math.abs(lastLo) < ulpOf(fast) * (0.5 - 2 ** -5);
}

// The fast path of atan2: atan(q) for q = small/large in (0, 1] as atan(c) + atan(u) with
// c = i/64 nearest q (atan(c) tabled as a pair) and u = (q - c)/(1 + q*c), |u| <= 2**-7, whose
// atan is u - u**3/3 + ... + u**9/9 with u as a pair; about 2**-64 relative, without sin, cos
// or allocation. The quadrant's pi/2 or pi is added as a pair and the sum rounded once; a
// result within 2**-10 ulp of a rounding boundary is left to the precise computation (NaN).
const PI_HI = PI[0];
const PI_LO = PI[1];
const PI_2_HI = PI_2[0];
const PI_2_LO = PI_2[1];

/** atan2(y, x) for finite nonzero y and x whose ratio is within 2**-500..2**500, or NaN. */
function atan2Fast(y: number, x: number): number {
  const ay = Math.abs(y);
  const ax = Math.abs(x);
  const swap = ay > ax;
  const num = swap ? ax : ay;
  const den = swap ? ay : ax;
  const q = num / den;
  const qd = q * den;
  const ql = (num - qd - productError(q, den, qd)) / den;
  const i = Math.round(q * 64);
  let hi: number;
  let lo: number;
  if (i === 0) {
    const u2 = q * q;
    const poly = q * u2 * (-1 / 3 + u2 * (1 / 5 + u2 * (-1 / 7 + u2 * (1 / 9))));
    hi = q;
    lo = ql + poly;
  } else {
    const c = i / 64;
    const nh = q - c; // exact: q within 1/128 of c >= 1/64
    const p = q * c;
    const pe = productError(q, c, p) + ql * c;
    const dh = 1 + p;
    const dl = 1 - dh + p + pe;
    const uh = nh / dh;
    const ud = uh * dh;
    const ul = (nh - ud - productError(uh, dh, ud) + ql - uh * dl) / dh;
    const u2 = uh * uh;
    const poly = uh * u2 * (-1 / 3 + u2 * (1 / 5 + u2 * (-1 / 7 + u2 * (1 / 9))));
    // atan(c) + uh, then the small terms.
    const th = ATAN_HI[i]!;
    hi = th + uh;
    lo = th - hi + uh + (ATAN_LO[i]! + ul + poly);
  }
  if (swap) {
    // pi/2 - (hi + lo)
    const s = PI_2_HI - hi;
    lo = PI_2_HI - s - hi + (PI_2_LO - lo);
    hi = s;
  }
  if (x < 0) {
    const s = PI_HI - hi;
    lo = PI_HI - s - hi + (PI_LO - lo);
    hi = s;
  }
  const v = hi + lo;
  const rest = lo - (v - hi);
  if (Math.abs(rest) >= ulpOf(v) * (0.5 - 2 ** -10)) return NaN;
  return y < 0 ? -v : v;
}

// Each is computed fast, and again precisely when within 1/32 ulp of a rounding boundary
// (plain functions, not a shared helper taking a closure: a closure per call is an allocation).

export function atan2Exact(y: number, x: number): number {
  const ay = Math.abs(y);
  const ax = Math.abs(x);
  if (ay > 2 ** -900 && ay < 2 ** 1000 && ax > 2 ** -900 && ax < 2 ** 1000) {
    const ratio = ay / ax;
    if (ratio > 2 ** -500 && ratio < 2 ** 500) {
      const fast = atan2Fast(y, x);
      if (fast === fast) return fast;
    }
  }
  return atan2Slow(y, x);
}

/** atan2 by the sin/cos correction of V8's value (the fast path's twin, for tests). */
export function atan2Slow(y: number, x: number): number {
  precise = false;
  lastLo = 0;
  const fast = atan2ExactOnce(y, x);
  if (decided(fast)) return fast;
  precise = true;
  const exact = atan2ExactOnce(y, x);
  precise = false;
  return exact;
}

export function atanExact(x: number): number {
  const ax = Math.abs(x);
  if (ax > 2 ** -500 && ax < 2 ** 500) {
    const fast = atan2Fast(x, 1);
    if (fast === fast) return fast;
  }
  precise = false;
  lastLo = 0;
  const fast = atanExactOnce(x);
  if (decided(fast)) return fast;
  precise = true;
  const exact = atanExactOnce(x);
  precise = false;
  return exact;
}
