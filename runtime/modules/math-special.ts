// The IEEE-754 helpers of `math`: nextafter, ulp and remainder, exact as CPython's.

import { domainError, real } from "./math.js";

const view = new DataView(new ArrayBuffer(8));

function bitsOf(x: number): bigint {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

function fromBits(bits: bigint): number {
  view.setBigUint64(0, bits);
  return view.getFloat64(0);
}

function nextUp(x: number, towards: number): number {
  if (Number.isNaN(x) || Number.isNaN(towards)) return NaN;
  if (x === towards) return towards;
  if (x === 0) return towards > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const bits = bitsOf(x);
  // Away from zero: the next bit pattern; towards zero: the previous.
  return fromBits((x < towards) === x > 0 ? bits + 1n : bits - 1n);
}

export function nextafter(x: unknown, y: unknown): number {
  return nextUp(real(x), real(y));
}

export function ulp(x: unknown): number {
  let v = real(x);
  if (Number.isNaN(v)) return v;
  v = Math.abs(v);
  if (v === Infinity) return v;
  const next = nextUp(v, Infinity);
  if (next === Infinity) return v - nextUp(v, -Infinity);
  return next - v;
}

/** IEEE 754 remainder: x - n*y with n the integer nearest x/y (ties to even), exactly. */
export function remainder(x: unknown, y: unknown): number {
  const a = real(x);
  const b = real(y);
  if (Number.isNaN(a)) return a;
  if (Number.isNaN(b)) return b;
  if (!Number.isFinite(a) || b === 0) throw domainError();
  if (!Number.isFinite(b)) return a;
  const absx = Math.abs(a);
  const absy = Math.abs(b);
  const m = absx % absy; // exact
  const c = absy - m;
  let r: number;
  if (m < c) r = m;
  else if (m > c) r = -c;
  else r = m - 2.0 * ((0.5 * (absx - m)) % absy); // the tie: n even
  return (a < 0 || Object.is(a, -0) ? -1 : 1) * r;
}

const CBRT2 = 1.2599210498948731648;
const SQR_CBRT2 = 1.5874010519681994748;
const CBRT_FACTOR = [1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2];

/** Mantissa in [0.5, 1) and exponent of a finite nonzero x (subnormals too). */
function frexpNumber(x: number): [number, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  let biased = (view.getUint16(0) >> 4) & 0x7ff;
  if (biased === 0) {
    view.setFloat64(0, x * 2 ** 54);
    biased = ((view.getUint16(0) >> 4) & 0x7ff) - 54;
  }
  const exp = biased - 1022;
  return [exp < -1022 ? x * 2 ** 54 / 2 ** (exp + 54) : x / 2 ** exp, exp];
}

/**
 * `math.cbrt(x)` as CPython computes it on glibc (sysdeps/ieee754/dbl-64/s_cbrt.c): a
 * polynomial guess refined by one Halley step, so `cbrt(27)` is 3.0000000000000004, not
 * JavaScript's correctly rounded 3.
 */
export function cbrtNumber(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x + x;
  const [xm, xe] = frexpNumber(Math.abs(x));
  const u = 0.35489576504391986 + (1.508191937815849 + (-2.114994941673713 + (2.4469312256353443 + (-1.83469277483613086 + (0.784932344976639262 - 0.14526389938548638 * xm) * xm) * xm) * xm) * xm) * xm;
  const t2 = u * u * u;
  const ym = ((u * (t2 + 2.0 * xm)) / (2.0 * t2 + xm)) * CBRT_FACTOR[2 + (xe % 3)]!;
  const e = Math.trunc(xe / 3);
  const signed = x > 0 ? ym : -ym;
  return e < -1000 ? signed * 2 ** -1000 * 2 ** (e + 1000) : signed * 2 ** e;
}
