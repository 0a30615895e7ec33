// atan and atan2 as glibc 2.34+ computes them (IBM's accurate library without its slow paths:
// CPython's math.atan and math.atan2, cmath's phases and complex `**` on Linux), to the last
// bit, including their rare results an ulp from the nearest double.
//
// The algorithm: u = min/max of |y| and |x| (for atan |x|, or 1/|x| above 1) as a pair
// u + du; below 1/16 the odd series of atan, else the Taylor expansion of atan about a table
// point x_i near u (libm-atan2tab.ts, one table for both); the quadrant's pi/2 or pi added as a
// pair. Every `a*b + c` of glibc's source is rounded once here (libm-fma.ts), as in the FMA
// build x86-64 processors with the instruction run, where its disassembly shows the compiler
// fused it.

import { fma, productError } from "./libm-fma.js";
import { ATAN2_TAYLOR } from "./libm-atan2tab.js";

const D3 = -0.3333333333333333;
const D5 = 0.19999999999998855;
const D7 = -0.14285714283953163;
const D9 = 0.11111109821886427;
const D11 = -0.09090424391727987;
const D13 = 0.07601836584380736;
const INV16 = 0.0625;
const OPI = 3.141592653589793;
const OPI1 = 1.2246467991473532e-16; // pi - OPI
const HPI = 1.5707963267948966;
const HPI1 = 6.123233995736766e-17; // pi/2 - HPI
const TWO52 = 4503599627370496;
const TWO500 = 3.273390607896142e150;
const TWOM500 = 3.054936363499605e-151;
const EP = 59768832; // 57*16**5: exponent difference (high words) beyond which one ratio is negligible

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

function exponentBits(x: number): number {
  F64[0] = x;
  return U32[HI]! & 0x7ff00000;
}

/** v*v*... (d3 + ... + d13*v**5) of the odd series, v = u*u. */
function series(v: number): number {
  return fma(fma(fma(fma(fma(D13, v, D11), v, D9), v, D7), v, D5), v, D3);
}

/** The table row's index for u in [1/16, 1], times 7. */
function rowOf(u: number): number {
  return 7 * (Math.trunc(u * 256 + TWO52 - TWO52) - 16); // fused in glibc: u*256 is exact anyway
}

/** c2 + v*(c3 + v*(c4 + v*(c5 + v*c6))) of the row at k. */
function tail(k: number, v: number): number {
  const c = ATAN2_TAYLOR;
  return fma(fma(fma(fma(c[k + 6]!, v, c[k + 5]!), v, c[k + 4]!), v, c[k + 3]!), v, c[k + 2]!);
}

/** The angle from its magnitude z and y's sign. */
function signed(y: number, z: number): number {
  return y < 0 || Object.is(y, -0) ? -Math.abs(z) : Math.abs(z);
}

export function atan2Glibc(y: number, x: number): number {
  if (!(Number.isFinite(x) && Number.isFinite(y)) || x === 0 || y === 0) return Math.atan2(y, x);
  let ax = Math.abs(x);
  let ay = Math.abs(y);
  const de = exponentBits(y) - exponentBits(x);
  if (de >= EP) return y > 0 ? HPI : -HPI;
  if (de <= -EP) return x > 0 ? signed(y, ay / ax) : y > 0 ? OPI : -OPI;
  if (ax < TWOM500 || ay < TWOM500) {
    ax *= TWO500;
    ay *= TWO500;
  }
  if (ax > TWO500 || ay > TWO500) {
    ax *= TWOM500;
    ay *= TWOM500;
  }
  const below = ay < ax;
  const [num, den] = below ? [ay, ax] : [ax, ay];
  const u = num / den;
  const p = den * u;
  const du = (num - p - productError(den, u, p)) / den; // glibc's fma(den, u, -p): the exact error
  if (x > 0 && below) {
    // atan(u + du)
    if (u < INV16) {
      const v = u * u;
      return signed(y, u + fma(u * v, series(v), du));
    }
    const k = rowOf(u);
    const t3 = u - ATAN2_TAYLOR[k]!;
    const v = du + t3;
    const dv = Math.abs(t3) > Math.abs(du) ? t3 - v + du : du - v + t3;
    const c = ATAN2_TAYLOR;
    const t2 = c[k + 2]!;
    const inner = v * v * fma(fma(fma(c[k + 6]!, v, c[k + 5]!), v, c[k + 4]!), v, c[k + 3]!);
    return signed(y, fma(v, t2, fma(dv, t2, inner)) + c[k + 1]!);
  }
  if (x > 0) {
    // pi/2 - atan(u + du)
    if (u < INV16) {
      const v = u * u;
      const zz = u * v * series(v);
      const t2 = HPI - u;
      const cor = HPI > Math.abs(u) ? HPI - t2 - u : HPI - (u + t2);
      return signed(y, cor + HPI1 - du - zz + t2);
    }
    const k = rowOf(u);
    const v = u - ATAN2_TAYLOR[k]! + du;
    return signed(y, HPI - ATAN2_TAYLOR[k + 1]! + fma(-tail(k, v), v, HPI1));
  }
  if (!below) {
    // pi/2 + atan(u + du)
    if (u < INV16) {
      const v = u * u;
      const zz = v * u * series(v);
      const t2 = u + HPI;
      const cor = Math.abs(u) < HPI ? HPI - t2 + u : u - t2 + HPI;
      return signed(y, cor + HPI1 + du + zz + t2);
    }
    const k = rowOf(u);
    const v = u - ATAN2_TAYLOR[k]! + du;
    return signed(y, HPI + ATAN2_TAYLOR[k + 1]! + fma(tail(k, v), v, HPI1));
  }
  // pi - atan(u + du)
  if (u < INV16) {
    const v = u * u;
    const zz = v * u * series(v);
    const t2 = OPI - u;
    const cor = OPI > Math.abs(u) ? OPI - t2 - u : OPI - (t2 + u);
    return signed(y, cor + OPI1 - du - zz + t2);
  }
  const k = rowOf(u);
  const v = u - ATAN2_TAYLOR[k]! + du;
  return signed(y, OPI - ATAN2_TAYLOR[k + 1]! + fma(-tail(k, v), v, OPI1));
}

const TINY = 1.2904777690891933e-8; // below: atan(x) = x
const RECIPROCAL = 16; // from 1 to here: the table at 1/|x|; up to HUGE: the series at 1/|x|
const HUGE = 5805361265115136; // above: +-pi/2

/** atan as glibc computes it (the same table and series, for |x| >= 1 at 1/|x|). */
export function atanGlibc(x: number): number {
  const u = Math.abs(x);
  if (!(u < Infinity)) return u === Infinity ? signed(x, HPI) : x;
  if (u < 1) {
    if (u < TINY) return x;
    if (u < INV16) {
      const v = x * x;
      return fma(series(v), x * v, x);
    }
    const k = rowOf(u);
    const z = u - ATAN2_TAYLOR[k]!;
    return signed(x, fma(tail(k, z), z, ATAN2_TAYLOR[k + 1]!));
  }
  if (u < RECIPROCAL) {
    const w = 1 / u;
    const t1 = u * w;
    const t2 = productError(u, w, t1);
    const k = rowOf(w);
    const z = fma(1 - t1 - t2, w, w - ATAN2_TAYLOR[k]!);
    return signed(x, HPI - ATAN2_TAYLOR[k + 1]! + fma(-tail(k, z), z, HPI1));
  }
  if (u < HUGE) {
    const w = 1 / u;
    const t1 = u * w;
    const v = w * w;
    const t2 = productError(u, w, t1);
    const yy = w * v * series(v);
    const ww = (1 - t1 - t2) * w;
    const t3 = HPI - w;
    const cor = HPI > Math.abs(w) ? HPI - t3 - w : HPI - (w + t3);
    return signed(x, cor + HPI1 - ww - yy + t3);
  }
  return x > 0 ? HPI : -HPI;
}
