// hypot(x, y) for the C library's callers (complex abs, cmath): the exact sum of squares
// (two exact products summed as a pair), its square root corrected once by the residual,
// which rounds as glibc 2.35+'s hypot (correctly rounded in practice) does.

import { productError } from "./libm-fma.js";

export function hypotExact(x: number, y: number): number {
  let a = Math.abs(x);
  let b = Math.abs(y);
  if (a === Infinity || b === Infinity) return Infinity;
  if (a !== a || b !== b) return NaN;
  if (a < b) [a, b] = [b, a];
  if (b === 0) return a;
  // Scale so the squares neither overflow nor lose bits below the normal range.
  const scale = a > 2 ** 500 ? 2 ** -600 : a < 2 ** -500 ? 2 ** 600 : 1;
  a *= scale;
  b *= scale;
  const aa = a * a;
  const bb = b * b;
  const s = aa + bb;
  const t = s - aa;
  const lo = aa - (s - t) + (bb - t) + productError(a, a, aa) + productError(b, b, bb);
  let h = Math.sqrt(s);
  const hh = h * h;
  h += (s - hh - productError(h, h, hh) + lo) / (2 * h);
  return h / scale;
}
