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
