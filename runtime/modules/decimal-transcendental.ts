// decimal's exp, ln, log10 and powers with non-integral exponents: computed in fixed point
// with guard digits, then rounded once; when the guard digits leave the rounding in doubt the
// computation is repeated with more of them (so results are correctly rounded).

import type { Context } from "./decimal-context.js";
import { DivisionByZero, Inexact, Rounded } from "./decimal-signals.js";
import { adjusted, digitCount, dropDigits, isqrt, num, pow10, type Num } from "./decimal-number.js";
import { finish, invalid, nanResult } from "./decimal-ops.js";
import type { Rounding } from "./decimal-signals.js";

/** ln(m) * S for a fixed-point m > 0 of scale S, by square roots then the atanh series. */
function lnFixed(m: bigint, S: bigint): bigint {
  let halvings = 0n;
  let x = m;
  // Bring x within 5% of 1: ln(x) = 2**k * ln(x ** (1/2**k)).
  while (x > S + S / 20n || x < S - S / 20n) {
    x = isqrt(x * S);
    halvings++;
  }
  const y = ((x - S) * S) / (x + S);
  const y2 = (y * y) / S;
  let term = y;
  let sum = 0n;
  for (let n = 1n; term !== 0n; n += 2n) {
    sum += term / n;
    term = (term * y2) / S;
  }
  return (2n * sum) << halvings;
}

/** exp(r) * S for a fixed-point r of scale S with |r| <= about 2. */
function expFixed(r: bigint, S: bigint): bigint {
  const k = 12n;
  const reduced = r / (1n << k);
  let sum = S;
  let term = S;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * reduced) / (S * n);
    sum += term;
  }
  for (let i = 0n; i < k; i++) sum = (sum * sum) / S;
  return sum;
}

/** A finite positive Num as a fixed-point value of scale 10**w (truncated). */
function toFixed(x: Num, w: number): bigint {
  const shift = x.exp + w;
  return shift >= 0 ? x.coeff * pow10(shift) : x.coeff / pow10(-shift);
}

/** ln(x) * 10**w for finite x > 0. */
function lnOf(x: Num, w: number): bigint {
  const S = pow10(w);
  const adj = adjusted(x);
  // x = m * 10**adj with 1 <= m < 10.
  const m = toFixed(num(0, x.coeff, x.exp - adj), w);
  const ln10 = lnFixed(10n * S, S);
  return lnFixed(m, S) + BigInt(adj) * ln10;
}

/** e ** (t / 10**w) as a Num (coefficient and exponent), for any fixed-point t. */
function expOf(t: bigint, w: number): Num {
  const S = pow10(w);
  const ln10 = lnFixed(10n * S, S);
  // t = n * ln(10) + r with |r| <= ln(10) / 2: e**t = 10**n * e**r.
  let n = t / ln10;
  let r = t - n * ln10;
  if (r * 2n > ln10) {
    n += 1n;
    r -= ln10;
  } else if (r * 2n < -ln10) {
    n -= 1n;
    r += ln10;
  }
  return num(0, expFixed(r, S), Number(n) - w);
}

/**
 * Rounds an approximation (error well below 10**guard units of its last digit) to the
 * context's precision; null when the guard digits cannot decide the rounding.
 */
function decide(approx: Num, prec: number, mode: Rounding, guard: number): Num | null {
  const drop = digitCount(approx.coeff) - prec;
  if (drop <= guard) return null;
  const unit = pow10(drop);
  const dropped = approx.coeff % unit;
  const slack = pow10(drop - guard);
  const half = unit / 2n;
  const nearBoundary =
    mode === "ROUND_HALF_EVEN" || mode === "ROUND_HALF_UP" || mode === "ROUND_HALF_DOWN"
      ? dropped > half - slack && dropped < half + slack
      : dropped < slack || dropped > unit - slack;
  if (nearBoundary) return null;
  const [coeff] = dropDigits(approx.sign, approx.coeff, drop, mode);
  return digitCount(coeff) > prec ? num(approx.sign, coeff / 10n, approx.exp + drop + 1) : num(approx.sign, coeff, approx.exp + drop);
}

/** Evaluates `compute(w)` at growing working precision until the rounding is decided. */
function correctlyRounded(compute: (w: number) => Num, ctx: Context, mode: Rounding): Num {
  const prec = ctx.precision;
  let w = prec + 25;
  let approx = compute(w);
  for (let attempt = 0; attempt < 6; attempt++) {
    const decided = decide(approx, prec, mode, 12);
    if (decided) {
      ctx.signal(Inexact, Rounded);
      return finish(decided, ctx);
    }
    w += 20 * (attempt + 1);
    approx = compute(w);
  }
  // Still undecided: the value sits on a boundary (an exact result); round what we have.
  const [coeff] = dropDigits(approx.sign, approx.coeff, digitCount(approx.coeff) - prec, mode);
  ctx.signal(Inexact, Rounded);
  return finish(num(approx.sign, coeff, approx.exp + digitCount(approx.coeff) - prec), ctx);
}

const isZero = (x: Num): boolean => x.kind === "finite" && x.coeff === 0n;
const isOne = (x: Num): boolean => x.kind === "finite" && x.sign === 0 && x.exp <= 0 && x.coeff === pow10(-x.exp);
const ONE = num(0, 1n, 0);

export function exp(x: Num, ctx: Context): Num {
  const nan = nanResult(ctx, x);
  if (nan) return nan;
  if (x.kind === "inf") return x.sign ? num(0, 0n, 0) : x;
  if (isZero(x)) return ONE;
  // Past these, e**x overflows or underflows any context (|x| > 10**8).
  if (adjusted(x) > 8) return finish(x.sign ? num(0, 1n, ctx.minExponent - ctx.precision - 1) : num(0, 1n, ctx.maxExponent + 1), ctx);
  return correctlyRounded((w) => {
    const t = toFixed(num(0, x.coeff, x.exp), w);
    return expOf(x.sign ? -t : t, w);
  }, ctx, "ROUND_HALF_EVEN");
}

export function ln(x: Num, ctx: Context): Num {
  const nan = nanResult(ctx, x);
  if (nan) return nan;
  if (isZero(x)) return num(1, 0n, 0, "inf");
  if (x.sign === 1) return invalid(ctx);
  if (x.kind === "inf") return x;
  if (isOne(x)) return num(0, 0n, 0);
  return correctlyRounded((w) => {
    const value = lnOf(x, w);
    return num(value < 0n ? 1 : 0, value < 0n ? -value : value, -w);
  }, ctx, "ROUND_HALF_EVEN");
}

export function log10(x: Num, ctx: Context): Num {
  const nan = nanResult(ctx, x);
  if (nan) return nan;
  if (isZero(x)) return num(1, 0n, 0, "inf");
  if (x.sign === 1) return invalid(ctx);
  if (x.kind === "inf") return x;
  // An exact power of ten has an exact logarithm.
  if (x.coeff === pow10(digitCount(x.coeff) - 1)) {
    const k = adjusted(x);
    return finish(num(k < 0 ? 1 : 0, BigInt(Math.abs(k)), 0), ctx);
  }
  return correctlyRounded((w) => {
    const S = pow10(w);
    const value = (lnOf(x, w) * S) / lnFixed(10n * S, S);
    return num(value < 0n ? 1 : 0, value < 0n ? -value : value, -w);
  }, ctx, "ROUND_HALF_EVEN");
}

export function logb(x: Num, ctx: Context): Num {
  const nan = nanResult(ctx, x);
  if (nan) return nan;
  if (x.kind === "inf") return num(0, 0n, 0, "inf");
  if (isZero(x)) {
    ctx.signal(DivisionByZero);
    return num(1, 0n, 0, "inf");
  }
  const k = adjusted(x);
  return finish(num(k < 0 ? 1 : 0, BigInt(Math.abs(k)), 0), ctx);
}

/** x ** y for a non-integral y: e ** (y * ln x), rounded by the context. */
export function powerReal(x: Num, y: Num, ctx: Context): Num {
  if (x.sign === 1 && !isZero(x)) return invalid(ctx);
  if (isZero(x)) {
    if (y.sign === 0) return num(0, 0n, 0);
    ctx.signal(DivisionByZero);
    return num(0, 0n, 0, "inf");
  }
  if (x.kind === "inf") return y.sign ? num(0, 0n, 0) : x;
  if (y.kind === "inf") {
    const cmp = isOne(x) ? 0 : adjusted(x) >= 0 ? 1 : -1;
    if (cmp === 0) return ctx.signal(Inexact, Rounded), finish(num(0, pow10(ctx.precision - 1), 1 - ctx.precision), ctx);
    return (cmp > 0) === (y.sign === 0) ? num(0, 0n, 0, "inf") : num(0, 0n, 0);
  }
  return correctlyRounded((w) => {
    const lnX = lnOf(x, w);
    // y * ln(x) in fixed point: y = cy * 10**ey.
    let t = lnX * y.coeff;
    t = y.exp >= 0 ? t * pow10(y.exp) : t / pow10(-y.exp);
    return expOf(y.sign ? -t : t, w);
  }, ctx, ctx.roundingMode);
}

