// sin and cos as glibc 2.28+ computes them (IBM's accurate library without its slow paths:
// CPython's math.sin and math.cos on Linux), to the last bit.
//
// The algorithm: below 0.126 a Taylor polynomial; up to pi/4 the table of sin and cos at
// multiples of 1/128 (libm-sintab.ts) corrected by short polynomials of the distance to the
// nearest one; larger arguments are reduced by pi/2 (three parts of pi/2 and fused operations
// up to 105414336, glibc's branred beyond: libm-reduce.ts) to a pair a + da. Every
// `a*b + c` of glibc's source is rounded once here (libm-fma.ts), as its FMA build, which
// x86-64 processors with the instruction run, rounds it; other operations are the same IEEE
// operations in the same order. The results are those doubles, including the few in a
// thousand that are not the nearest to sin(x).

import { fma, productError } from "./libm-fma.js";
import { reduceGlibc, reducedLo, reducedQuadrant } from "./libm-reduce.js";
import { SINCOS } from "./libm-sintab.js";

const S1 = -0.16666666666666666; // -0x1.5555555555555p-3
const S2 = 0.008333333333332329; // 0x1.1111111110ECEp-7
const S3 = -0.00019841269834414642; // -0x1.A01A019DB08B8p-13
const S4 = 2.755729806860771e-6; // 0x1.71DE27B9A7ED9p-19
const S5 = -2.5022014848318398e-8; // -0x1.ADDFFC2FCDF59p-26
const SN3 = -0.16666666666666488;
const SN5 = 0.008333332142857223;
const CS2 = 0.5;
const CS4 = -0.04166666666666644;
const CS6 = 0.001388888740079376;
const BIG = 52776558133248.0; // 0x1.8p45: adding it rounds to a multiple of 1/128
const HP0 = 1.5707963267948966; // pi/2 rounded
const HP1 = 6.123233995736766e-17; // pi/2 - HP0
const MP1 = 1.5707963407039642; // 0x1.921FB58000000p0, 26 bits
const MP2 = -1.3909067564377153e-8; // -0x1.DDE973C000000p-27, 27 bits
const PP3 = -4.97899623147991e-17; // -0x1.CB3B398000000p-55, 26 bits
const PP4 = -1.9034889620193266e-25; // -0x1.d747f23e32ed7p-83
const HPINV = 0.6366197723675814; // 2/pi rounded
const TOINT = 6755399441055744.0; // 0x1.8p52
const TABLE_FROM = 0.85546875; // sin: table below; cos: table below
const NEAR_PI_2 = 2.4262638092041016; // 0x1.400368fdp1
const CODY_WAITE = 105414336.0; // 0x1.921FBp26
const E20 = 9.5367431640625e-7; // 2**-20
const E49 = 1.7763568394002505e-15; // 2**-49
const E50 = 8.881784197001252e-16; // 2**-50
const E51 = 4.440892098500626e-16; // 2**-51
const E100 = 7.888609052210118e-31; // 2**-100

// The fast path, in three steps. First the same operations unfused: the result is within a few
// ulps of cor (the small correction added last) of glibc's, so it is glibc's unless the sum is
// that close to a rounding boundary (about one call in twenty). Then the fused operations whose
// rounding matters at the result's last bit are computed as exact pairs and rounded once, the
// rest differing from glibc's by far less than an ulp of what they feed. A rounding that could
// still go either way within a bound of those differences sends the call to the fused path
// (every fused operation emulated: about one call in four thousand). sinFused and cosFused are
// that path alone, and the tests hold the two to the same results.

/** Whether rounding hi + err (err the exact rest) could change if the sum moved by up to d. */
function near(hi: number, err: number, d: number): boolean {
  return hi + (err < 0 ? err - d : err + d) !== hi;
}

/** a*b + c rounded once, computed as an exact pair; NaN when the exact value is within d of a rounding boundary. */
function fmaNear(a: number, b: number, c: number, d: number): number {
  const p = a * b;
  const pe = productError(a, b, p);
  const q = p + c;
  const bb = q - p;
  const qe = p - (q - bb) + (c - bb) + pe;
  const r = q + qe;
  return near(r, q - r + qe, d + Math.abs(r) * E100) ? NaN : r;
}

/** Taylor's polynomial of glibc's sin for |x| < 0.126: unfused, checked; else its fused steps as pairs. */
function taylorSin(x: number, dx: number): number {
  const xx = x * x;
  const q3 = ((S5 * xx + S4) * xx + S3) * xx + S2;
  const poly = q3 * xx + S1;
  const t = (poly * x - 0.5 * dx) * xx + dx;
  const res = x + t;
  const bb = res - x;
  if (!near(res, x - (res - bb) + (t - bb), Math.abs(t) * E49 + Math.abs(dx) * E50)) return res;
  // glibc's t = fma(fma(fma(q3, xx, S1), x, -dx/2), xx, dx): q3's own deviation is far below
  // an ulp of the first fused sum.
  const p1 = fmaNear(q3, xx, S1, Math.abs(q3 * xx) * E50);
  const p2 = fmaNear(p1, x, -0.5 * dx, 0);
  const t2 = fmaNear(p2, xx, dx, 0);
  return t2 === t2 ? x + t2 : doSinFused(x, dx);
}

// In both kernels below cor = fma(a, s, i2) is computed as p + pe = a*s exactly (Dekker's
// product), p + i2 = q + qe exactly, cor = q + qe rounded once. When the fused computation's
// q + qe may differ from this one by d and cor's rounding is not decided within d, the result
// may still be, whatever cor's last bit.

/** sin(IO[0] + IO[1]) into IO[0]. */
function doSin(): void {
  const x = IO[0]!;
  const dx = IO[1]!;
  const ax = Math.abs(x);
  if (ax < 0.126) {
    IO[0] = taylorSin(x, dx);
    return;
  }
  let d = dx;
  if (x <= 0) d = -d;
  const u = BIG + ax;
  const v = u - BIG;
  const r = ax - v;
  const k = (v * 512) | 0;
  const xx = r * r;
  // s = r + fma(r*xx, p1, d): the fused inner sum differs from this one by far less than an
  // ulp of s, which is decided unless the sum is that close to a rounding boundary.
  const m = r * xx * (xx * SN5 + SN3);
  const inner = m + d;
  const s = r + inner;
  const c = r * d + xx * ((xx * CS6 + CS4) * xx + CS2);
  const sn = SINCOS[k]!;
  const cs = SINCOS[k + 2]!;
  const i2 = s * SINCOS[k + 3]! + SINCOS[k + 1]! - sn * c;
  // First all unfused: cor within a few of its ulps of glibc's, so is the sum unless close to a
  // rounding boundary (|sn| >= 0.12 > |cor|: its rest is exact).
  const cor0 = cs * s + i2;
  const res0 = sn + cor0;
  if (!near(res0, cor0 - (res0 - sn), Math.abs(cor0) * E49 + (Math.abs(c) + Math.abs(i2)) * E50)) {
    IO[0] = x < 0 ? -res0 : res0;
    return;
  }
  IO[0] = doSinPairs(x, dx, r, inner, m, c, i2, s, sn, cs);
}

/** doSin's second step: cor's fused operation as an exact pair. */
function doSinPairs(
  x: number,
  dx: number,
  r: number,
  inner: number,
  m: number,
  c: number,
  i2: number,
  s: number,
  sn: number,
  cs: number,
): number {
  let bb = s - r;
  if (near(s, r - (s - bb) + (inner - bb), (Math.abs(m) + Math.abs(inner)) * E50)) {
    return doSinFused(x, dx);
  }
  const p = cs * s;
  const pe = productError(cs, s, p);
  const q = p + i2;
  bb = q - p;
  const qe = p - (q - bb) + (i2 - bb) + pe;
  const cor = q + qe;
  const res = sn + cor;
  const dev = (Math.abs(c) + Math.abs(i2)) * E50 + Math.abs(q) * E100;
  if (near(cor, q - cor + qe, dev)) {
    bb = res - sn;
    if (near(res, sn - (res - bb) + (cor - bb), dev + Math.abs(cor) * E51)) {
      return doSinFused(x, dx);
    }
  }
  return x < 0 ? -res : res;
}

/** cos(IO[0] + IO[1]) into IO[0]. */
function doCos(): void {
  const x = IO[0]!;
  const dx = IO[1]!;
  const ax = Math.abs(x);
  const u = BIG + ax;
  const v = u - BIG;
  const r = ax - v + (x < 0 ? -dx : dx);
  const k = (v * 512) | 0;
  const xx = r * r;
  const m = r * xx * (xx * SN5 + SN3);
  const s = r + m;
  const c = xx * ((xx * CS6 + CS4) * xx + CS2);
  const nsn = -SINCOS[k]!;
  const cs = SINCOS[k + 2]!;
  const i2 = SINCOS[k + 3]! - s * SINCOS[k + 1]! - cs * c;
  const p = nsn * s;
  // First all unfused, as in doSin (|cs| >= 0.65 > |cor|).
  const cor0 = p + i2;
  const res0 = cs + cor0;
  if (!near(res0, cor0 - (res0 - cs), (Math.abs(p) + Math.abs(c)) * E49 + Math.abs(cor0) * E50)) {
    IO[0] = res0;
    return;
  }
  IO[0] = doCosPairs(x, dx, r, m, c, i2, s, nsn, cs);
}

/** doCos's second step. */
function doCosPairs(
  x: number,
  dx: number,
  r: number,
  m: number,
  c: number,
  i2: number,
  s: number,
  nsn: number,
  cs: number,
): number {
  const p = nsn * s;
  if (near(s, r - s + m, Math.abs(m) * E50)) {
    return doCosFused(x, dx);
  }
  const pe = productError(nsn, s, p);
  const q = p + i2;
  let bb = q - p;
  const qe = p - (q - bb) + (i2 - bb) + pe;
  const cor = q + qe;
  const res = cs + cor;
  const dev = Math.abs(c) * E49 + Math.abs(q) * E100;
  if (near(cor, q - cor + qe, dev)) {
    bb = res - cs;
    if (near(res, cs - (res - bb) + (cor - bb), dev + Math.abs(cor) * E51)) {
      return doCosFused(x, dx);
    }
  }
  return res;
}

/** sin(x + dx) for |x| <= about pi/4 (the sign of the result is x's). */
function doSinFused(x: number, dx: number): number {
  const ax = Math.abs(x);
  if (ax < 0.126) {
    const xx = x * x;
    const poly = fma(fma(fma(fma(S5, xx, S4), xx, S3), xx, S2), xx, S1);
    const t = fma(fma(poly, x, -(0.5 * dx)), xx, dx);
    return x + t;
  }
  if (x <= 0) dx = -dx;
  const u = BIG + ax;
  const v = u - BIG;
  const r = ax - v;
  const k = (v * 512) | 0; // 4 * (index of the table's point)
  const xx = r * r;
  const s = r + fma(r * xx, fma(xx, SN5, SN3), dx);
  const c = fma(r, dx, xx * fma(xx, fma(xx, CS6, CS4), CS2));
  const sn = SINCOS[k]!;
  const cs = SINCOS[k + 2]!;
  const cor = fma(cs, s, fma(-sn, c, fma(s, SINCOS[k + 3]!, SINCOS[k + 1]!)));
  const res = sn + cor;
  return x < 0 ? -res : res;
}

/** cos(x + dx) for |x| <= about pi/4. */
function doCosFused(x: number, dx: number): number {
  if (x < 0) dx = -dx;
  const ax = Math.abs(x);
  const u = BIG + ax;
  const v = u - BIG;
  const r = ax - v + dx;
  const k = (v * 512) | 0;
  const xx = r * r;
  const s = fma(r * xx, fma(xx, SN5, SN3), r);
  const c = xx * fma(xx, fma(xx, CS6, CS4), CS2);
  const sn = SINCOS[k]!;
  const cs = SINCOS[k + 2]!;
  const cor = fma(-sn, s, fma(-cs, c, fma(-s, SINCOS[k + 1]!, SINCOS[k + 3]!)));
  return cs + cor;
}

/**
 * The kernels' argument pair and result, and the medium reduction's pair: doubles passed to
 * and returned from calls that are not inlined would be boxed, one allocation each.
 */
const IO = new Float64Array(2);

/** x = n*pi/2 + (IO[0] + IO[1]) for 2.4 < |x| < 105414336; returns n mod 4. */
function reduceMedium(x: number): number {
  // xn = round(x*HPINV) as fma(x, HPINV, TOINT) - TOINT: the product's rounding (below
  // 2**-27) can only matter when it is that close to a half.
  const p = x * HPINV;
  let xn = p + TOINT - TOINT;
  if (Math.abs(Math.abs(p - xn) - 0.5) < E20) xn = fma(x, HPINV, TOINT) - TOINT;
  // xn*MP1, xn*MP2 and xn*PP3 are exact (|xn| < 2**26): fused or not, the same.
  const y = x - xn * MP1 - xn * MP2;
  const t1 = xn * PP3;
  const t2 = y - t1;
  const db = y - t2 - t1;
  // b = fma(-xn, PP4, t2) and fma(-xn, PP4, t2 - b), with -xn*PP4 = q + qe exactly.
  const q = -xn * PP4;
  const qe = productError(-xn, PP4, q);
  const b = sumOnce(t2, q, qe, xn);
  IO[1] = db + sumOnce(t2 - b, q, qe, xn);
  IO[0] = b;
  return xn & 3;
}

/** fma(-xn, PP4, a) given -xn*PP4 = q + qe exactly. */
function sumOnce(a: number, q: number, qe: number, xn: number): number {
  const s = a + q;
  const bb = s - a;
  const e = a - (s - bb) + (q - bb);
  const v = e + qe;
  const r = s + v;
  // v's own rounding (2**-53 of it) can only matter this close to a tie.
  return r === 0 || near(r, s - r + v, Math.abs(v) * E50) ? fma(-xn, PP4, a) : r;
}

/** sin (n even) or cos (n odd) of IO[0] + IO[1], negated for n & 2. */
function kernel(n: number, fused: boolean): number {
  let r: number;
  if (fused) r = n & 1 ? doCosFused(IO[0]!, IO[1]!) : doSinFused(IO[0]!, IO[1]!);
  else {
    if (n & 1) doCos();
    else doSin();
    r = IO[0]!;
  }
  return n & 2 ? -r : r;
}

function largeArgument(x: number): number {
  IO[0] = reduceGlibc(x);
  IO[1] = reducedLo;
  return reducedQuadrant;
}

function sinWith(x: number, fused: boolean): number {
  const ax = Math.abs(x);
  if (ax < 1.4901161193847656e-8) return x; // 2**-26
  if (ax < TABLE_FROM) {
    IO[0] = x;
    IO[1] = 0;
    return kernel(0, fused);
  }
  if (ax < NEAR_PI_2) {
    IO[0] = HP0 - ax;
    IO[1] = HP1;
    return kernel(x < 0 ? 3 : 1, fused);
  }
  if (ax < CODY_WAITE) return kernel(reduceMedium(x), fused);
  if (ax < Infinity) return kernel(largeArgument(x), fused);
  return NaN;
}

function cosWith(x: number, fused: boolean): number {
  const ax = Math.abs(x);
  if (ax < 7.450580596923828e-9) return 1; // 2**-27
  if (ax < TABLE_FROM) {
    IO[0] = x;
    IO[1] = 0;
    return kernel(1, fused);
  }
  if (ax < NEAR_PI_2) {
    const y = HP0 - ax;
    const a = y + HP1;
    IO[0] = a;
    IO[1] = y - a + HP1;
    return kernel(0, fused);
  }
  if (ax < CODY_WAITE) return kernel(reduceMedium(x) + 1, fused);
  if (ax < Infinity) return kernel(largeArgument(x) + 1, fused);
  return NaN;
}

export function sinGlibc(x: number): number {
  return sinWith(x, false);
}
export function cosGlibc(x: number): number {
  return cosWith(x, false);
}
/** The same with every operation fused as glibc's (the fast path's reference, for tests). */
export function sinFused(x: number): number {
  return sinWith(x, true);
}
export function cosFused(x: number): number {
  return cosWith(x, true);
}
