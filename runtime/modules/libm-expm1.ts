// expm1 as glibc computes it: Sun's fdlibm s_expm1.c (the same formulas as V8's Math.expm1),
// with each `a*b + c` fused as glibc's FMA build of it on x86-64 fuses it, which is where
// V8's results and CPython's part (about one result in a thousand).

import { fma } from "./libm-fma.js";
import { fromWords, highWord } from "./libm-words.js";

const O_THRESHOLD = 7.09782712893383973096e2;
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700;
const Q1 = -3.33333333333331316428e-2;
const Q2 = 1.58730158725481460165e-3;
const Q3 = -7.93650757867487942473e-5;
const Q4 = 4.00821782732936239552e-6;
const Q5 = -2.01099218183624371326e-7;


export function expm1Glibc(x: number): number {
  const hx = highWord(x) & 0x7fffffff;
  const negative = x < 0;
  if (hx >= 0x4043687a) {
    if (hx >= 0x40862e42) {
      if (hx >= 0x7ff00000) return Number.isNaN(x) ? x : negative ? -1 : x;
      if (x > O_THRESHOLD) return Infinity;
    }
    if (negative) return -1.0;
  }
  let k = 0;
  let c = 0;
  if (hx > 0x3fd62e42) {
    let hi: number;
    let lo: number;
    if (hx < 0x3ff0a2b2) {
      if (!negative) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
      x = hi - lo;
      c = hi - x - lo;
    } else {
      k = Math.trunc(fma(INV_LN2, x, negative ? -0.5 : 0.5));
      hi = x - k * LN2_HI;
      x = fma(-k, LN2_LO, hi);
      c = fma(-k, LN2_LO, hi - x);
    }
  } else if (hx < 0x3c900000) return x;
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  // glibc evaluates the polynomial in three pairs (for parallelism), not by Horner's rule.
  const h2 = hxs * hxs;
  const r1 = fma(h2 * h2, fma(hxs, Q5, Q4), fma(h2, fma(hxs, Q3, Q2), fma(hxs, Q1, 1.0)));
  const t = fma(-r1, hfx, 3.0);
  let e = hxs * ((r1 - t) / fma(-x, t, 6.0));
  if (k === 0) return x - fma(x, e, -hxs);
  const twopk = k >= -1021 && k <= 1023 ? fromWords((0x3ff00000 + k * 2 ** 20) >>> 0, 0) : 0;
  e = fma(x, e - c, -c);
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2.0 * (e - (x + 0.5)) : 1.0 + 2.0 * (x - e);
  if (k <= -2 || k > 56) {
    let y = 1.0 - (e - x);
    y = k === 1024 ? y * 2.0 * 2 ** 1023 : y * twopk;
    return y - 1.0;
  }
  let y: number;
  if (k < 20) {
    const t1 = fromWords(0x3ff00000 - (0x200000 >> k), 0);
    y = (t1 - (e - x)) * twopk;
  } else {
    const t2 = fromWords((0x3ff - k) << 20, 0);
    y = (x - (e + t2) + 1.0) * twopk;
  }
  return y;
}
