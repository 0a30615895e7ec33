// Fused multiply-add, a*b + c rounded once, as the x86-64 FMA instruction computes it.
//
// glibc picks its FMA builds of exp, log, pow, sin, ... on processors that have the
// instruction, where the compiler fuses each `a*b + c` of the C source; CPython's results on
// such machines carry those single roundings. JavaScript has no fma. Here the product is
// split exactly (Dekker), p + c summed exactly (Knuth), leaving three doubles s + sl + pl
// whose sum is rounded once: when the small part v = sl + pl is exact, s + v is the answer;
// when it is not and |v| <= |s|/4, s + v can only be wrong when it is a tie, which the error
// of v breaks; otherwise v is rounded to odd first (Boldo and Melquiond, "Emulation of FMA and
// correctly rounded sums: proved algorithms using rounding to odd", 2008). Exact for operands
// whose product neither overflows nor falls below 2**-969.

import { fromWords, highWord, lowWord } from "./libm-words.js";

const SPLITTER = 134217729; // 2**27 + 1
const NORMAL_ENOUGH = 2 ** -960; // far above the subnormals, so scaling by 2**-54 is exact
const TWO_M52 = 2 ** -52;
const TWO_M54 = 2 ** -54;
const MARGIN = 1 + 2 ** -50;

/** v rounded to odd, given that v = RN(v + err) with err !== 0 its rounding error. */
function roundOdd(v: number, err: number): number {
  const lo = lowWord(v);
  if ((lo & 1) === 1) return v;
  // v is even: the odd neighbour on err's side.
  const hi = highWord(v);
  if (err > 0 === v > 0) return fromWords(hi, lo + 1);
  return lo === 0 ? fromWords(hi - 1, 0xffffffff) : fromWords(hi, lo - 1);
}

export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (p - p !== 0 || c - c !== 0 || p === 0) return p + c;
  // Fast path: s = p + c with its exact error sl; the product's own error is at most
  // |p|*2**-53. While both together stay under |s|*2**-54 (never more than half the gap to
  // s's neighbours), a*b + c lies strictly inside s's rounding interval: s is the answer.
  // (Both normal, so those bounds hold; the 2**-50 margin covers rounding in the test.)
  const s0 = p + c;
  const ap = Math.abs(p);
  if (ap > NORMAL_ENOUGH && Math.abs(s0) > NORMAL_ENOUGH && s0 - s0 === 0) {
    const b0 = s0 - c;
    const sl0 = c - (s0 - b0) + (p - b0);
    if (Math.abs(sl0) * MARGIN + ap * TWO_M52 < Math.abs(s0) * TWO_M54) return s0;
  }
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pl = ah * bh - p + ah * bl + al * bh + al * bl;
  const s = c + p;
  let bb = s - c;
  const sl = c - (s - bb) + (p - bb);
  const v = sl + pl;
  bb = v - sl;
  const ve = sl - (v - bb) + (pl - bb);
  if (ve === 0) return s + v;
  if (Math.abs(v) > Math.abs(s) * 0.25) return s + roundOdd(v, ve);
  const r = s + v;
  bb = r - s;
  const re = s - (r - bb) + (v - bb);
  if (re !== 0 && re > 0 === ve > 0) {
    // r is the tie's even side when r + 2*re is exactly the other neighbour.
    const n = r + 2 * re;
    if (n - r === 2 * re) return n;
  }
  return r;
}

/** a*b - p exactly, for p = a*b rounded (Dekker's product; a fused a*b - p gives the same). */
export function productError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}
