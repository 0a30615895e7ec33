// decimal's arithmetic under a context: every result is rounded to the context's precision
// and exponent limits (`finish`), signalling Rounded, Inexact, Overflow, ... as it goes.

import type { Context } from "./decimal-context.js";
import {
  Clamped, DivisionByZero, DivisionImpossible, DivisionUndefined, Inexact, InvalidOperation,
  Overflow, Rounded, Subnormal, Underflow, type Condition,
} from "./decimal-signals.js";
import { adjusted, compareNums, digitCount, dropDigits, isqrt, num, pow10, stripZeros, type Num } from "./decimal-number.js";

export const NAN = num(0, 0n, 0, "nan");

/** Rounds a result to the context (the spec's _fix), signalling what happened. */
export function finish(x: Num, ctx: Context): Num {
  if (x.kind !== "finite") return x;
  const prec = ctx.precision;
  const etiny = ctx.minExponent - prec + 1;
  const etop = ctx.maxExponent - prec + 1;
  const conditions: Condition[] = [];
  if (x.coeff === 0n) {
    const high = ctx.clampExponent ? etop : ctx.maxExponent;
    const exp = Math.min(Math.max(x.exp, etiny), high);
    if (exp !== x.exp) ctx.signal(Clamped);
    return exp === x.exp ? x : num(x.sign, 0n, exp);
  }
  const length = digitCount(x.coeff);
  let expMin = length + x.exp - prec;
  if (expMin > etop) return overflow(x.sign, ctx);
  const subnormal = expMin < etiny;
  if (subnormal) expMin = etiny;
  let result = x;
  if (x.exp < expMin) {
    let [coeff, inexact] = dropDigits(x.sign, x.coeff, expMin - x.exp, ctx.roundingMode);
    let exp = expMin;
    if (digitCount(coeff) > prec) {
      coeff /= 10n;
      exp++;
    }
    if (exp > etop) return overflow(x.sign, ctx);
    result = num(x.sign, coeff, exp);
    if (subnormal) conditions.push(Subnormal);
    if (inexact) {
      conditions.push(Inexact);
      if (subnormal) {
        conditions.push(Underflow);
        if (coeff === 0n) conditions.push(Clamped);
      }
    }
    conditions.push(Rounded);
  } else if (subnormal) conditions.push(Subnormal);
  if (ctx.clampExponent === 1 && result.exp > etop) {
    conditions.push(Clamped);
    result = num(result.sign, result.coeff * pow10(result.exp - etop), etop);
  }
  if (conditions.length > 0) ctx.signal(...conditions);
  return result;
}

function overflow(sign: 0 | 1, ctx: Context): Num {
  const mode = ctx.roundingMode;
  const toInfinity =
    mode === "ROUND_HALF_UP" || mode === "ROUND_HALF_EVEN" || mode === "ROUND_HALF_DOWN" || mode === "ROUND_UP" ||
    (mode === "ROUND_CEILING" && sign === 0) || (mode === "ROUND_FLOOR" && sign === 1);
  ctx.signal(Overflow, Inexact, Rounded);
  if (toInfinity) return num(sign, 0n, 0, "inf");
  return num(sign, pow10(ctx.precision) - 1n, ctx.maxExponent - ctx.precision + 1);
}

/** The NaN an operation with NaN operands gives (a signalling one is an InvalidOperation). */
export function nanResult(ctx: Context, ...operands: Num[]): Num | null {
  const snan = operands.find((x) => x.kind === "snan");
  if (snan) {
    ctx.signal(InvalidOperation);
    return num(snan.sign, snan.coeff, 0, "nan");
  }
  return operands.find((x) => x.kind === "nan") ?? null;
}

export function invalid(ctx: Context, condition: Condition = InvalidOperation): Num {
  ctx.signal(condition);
  return NAN;
}

export function add(a: Num, b: Num, ctx: Context): Num {
  const nan = nanResult(ctx, a, b);
  if (nan) return nan;
  if (a.kind === "inf" || b.kind === "inf") {
    if (a.kind === "inf" && b.kind === "inf" && a.sign !== b.sign) return invalid(ctx);
    return a.kind === "inf" ? a : b;
  }
  const exp = Math.min(a.exp, b.exp);
  const va = (a.sign ? -1n : 1n) * a.coeff * pow10(a.exp - exp);
  const vb = (b.sign ? -1n : 1n) * b.coeff * pow10(b.exp - exp);
  const sum = va + vb;
  let sign: 0 | 1 = sum < 0n ? 1 : 0;
  if (sum === 0n) sign = a.sign === 1 && b.sign === 1 ? 1 : a.sign !== b.sign && ctx.roundingMode === "ROUND_FLOOR" ? 1 : 0;
  return finish(num(sign, sum < 0n ? -sum : sum, exp), ctx);
}

export const negate = (x: Num): Num => num(x.sign ? 0 : 1, x.coeff, x.exp, x.kind);

export function multiply(a: Num, b: Num, ctx: Context): Num {
  const nan = nanResult(ctx, a, b);
  if (nan) return nan;
  const sign = (a.sign ^ b.sign) as 0 | 1;
  if (a.kind === "inf" || b.kind === "inf") {
    const other = a.kind === "inf" ? b : a;
    if (other.kind === "finite" && other.coeff === 0n) return invalid(ctx);
    return num(sign, 0n, 0, "inf");
  }
  return finish(num(sign, a.coeff * b.coeff, a.exp + b.exp), ctx);
}

export function divide(a: Num, b: Num, ctx: Context): Num {
  const nan = nanResult(ctx, a, b);
  if (nan) return nan;
  const sign = (a.sign ^ b.sign) as 0 | 1;
  if (a.kind === "inf") return b.kind === "inf" ? invalid(ctx) : num(sign, 0n, 0, "inf");
  if (b.kind === "inf") {
    ctx.signal(Clamped);
    return num(sign, 0n, ctx.minExponent - ctx.precision + 1);
  }
  if (b.coeff === 0n) {
    if (a.coeff === 0n) return invalid(ctx, DivisionUndefined);
    ctx.signal(DivisionByZero);
    return num(sign, 0n, 0, "inf");
  }
  const ideal = a.exp - b.exp;
  if (a.coeff === 0n) return finish(num(sign, 0n, ideal), ctx);
  const shift = digitCount(b.coeff) - digitCount(a.coeff) + ctx.precision + 1;
  let coeff: bigint;
  let remainder: bigint;
  if (shift >= 0) {
    const n = a.coeff * pow10(shift);
    coeff = n / b.coeff;
    remainder = n % b.coeff;
  } else {
    const d = b.coeff * pow10(-shift);
    coeff = a.coeff / d;
    remainder = a.coeff % d;
  }
  let exp = ideal - shift;
  if (remainder !== 0n) {
    // A sticky digit: the rounding then sees that something non-zero followed.
    if (coeff % 5n === 0n) coeff += 1n;
  } else {
    while (exp < ideal && coeff % 10n === 0n) {
      coeff /= 10n;
      exp++;
    }
  }
  return finish(num(sign, coeff, exp), ctx);
}

/** Truncating integer division and its remainder (`//` and `%` of Decimals). */
export function divideInteger(a: Num, b: Num, ctx: Context, want: "quotient" | "remainder" | "both"): [Num, Num] {
  const nan = nanResult(ctx, a, b);
  if (nan) return [nan, nan];
  const sign = (a.sign ^ b.sign) as 0 | 1;
  if (a.kind === "inf") {
    if (b.kind === "inf") return [invalid(ctx), NAN];
    return want === "remainder" ? [NAN, invalid(ctx)] : [num(sign, 0n, 0, "inf"), invalid(ctx)];
  }
  if (b.kind === "inf") return [num(sign, 0n, 0), finish(a, ctx)];
  if (b.coeff === 0n) {
    if (want === "remainder") return [NAN, invalid(ctx)];
    if (a.coeff === 0n) return [invalid(ctx, DivisionUndefined), NAN];
    ctx.signal(DivisionByZero);
    return [num(sign, 0n, 0, "inf"), invalid(ctx)];
  }
  const exp = Math.min(a.exp, b.exp);
  const ca = a.coeff * pow10(a.exp - exp);
  const cb = b.coeff * pow10(b.exp - exp);
  const q = ca / cb;
  const r = ca % cb;
  if (digitCount(q) > ctx.precision) {
    const failure = invalid(ctx, DivisionImpossible);
    return [failure, failure];
  }
  return [num(sign, q, 0), finish(num(a.sign, r, exp), ctx)];
}

/** `x ** n` for an integer n (exact, then rounded once). */
export function powerInteger(base: Num, n: bigint, ctx: Context): Num {
  const nan = nanResult(ctx, base);
  if (nan) return nan;
  const sign = (base.sign === 1 && n % 2n !== 0n ? 1 : 0) as 0 | 1;
  if (n === 0n) {
    if (base.kind === "finite" && base.coeff === 0n) return invalid(ctx);
    return finish(num(0, 1n, 0), ctx);
  }
  if (base.kind === "inf") return n > 0n ? num(sign, 0n, 0, "inf") : num(sign, 0n, 0);
  if (base.coeff === 0n) {
    if (n < 0n) {
      ctx.signal(DivisionByZero);
      return num(sign, 0n, 0, "inf");
    }
    return finish(num(sign, 0n, 0), ctx);
  }
  const magnitude = n < 0n ? -n : n;
  const exact = num(sign, base.coeff ** magnitude, base.exp * Number(magnitude));
  if (n > 0n) return finish(exact, ctx);
  return divide(num(0, 1n, 0), exact, ctx);
}

/** The square root, correctly rounded (ROUND_HALF_EVEN, as the spec requires). */
export function squareRoot(x: Num, ctx: Context): Num {
  const nan = nanResult(ctx, x);
  if (nan) return nan;
  if (x.kind === "finite" && x.coeff === 0n) return finish(num(x.sign, 0n, Math.floor(x.exp / 2)), ctx);
  if (x.sign === 1) return invalid(ctx);
  if (x.kind === "inf") return x;
  const prec = ctx.precision + 1;
  let coeff = x.coeff;
  let exp = x.exp;
  if (exp % 2 !== 0) {
    coeff *= 10n;
    exp -= 1;
  }
  // Scale to at least 2*prec digits (an even number of added zeros keeps the root exact).
  const shift = Math.max(0, Math.ceil((2 * prec - digitCount(coeff)) / 2));
  const n = coeff * pow10(2 * shift);
  let root = isqrt(n);
  const exactRoot = root * root === n;
  let rootExp = exp / 2 - shift;
  if (!exactRoot) {
    if (root % 5n === 0n) root += 1n;
  } else {
    const ideal = Math.floor(x.exp / 2);
    const stripped = stripZeros(num(0, root, rootExp), ideal);
    root = stripped.coeff;
    rootExp = stripped.exp;
  }
  const saved = ctx.roundingMode;
  ctx.roundingMode = "ROUND_HALF_EVEN";
  try {
    return finish(num(0, root, rootExp), ctx);
  } finally {
    ctx.roundingMode = saved;
  }
}

/** `quantize`: the value with the exponent of `target`, rounded by `mode`. */
export function quantize(x: Num, target: Num, ctx: Context, mode = ctx.roundingMode): Num {
  const nan = nanResult(ctx, x, target);
  if (nan) return nan;
  if (x.kind === "inf" || target.kind === "inf") return x.kind === "inf" && target.kind === "inf" ? x : invalid(ctx);
  const exp = target.exp;
  if (exp > ctx.maxExponent || exp < ctx.minExponent - ctx.precision + 1) return invalid(ctx);
  if (x.coeff === 0n) return num(x.sign, 0n, exp);
  if (adjusted(x) - exp + 1 > ctx.precision) return invalid(ctx);
  let coeff: bigint;
  let inexact = false;
  if (exp <= x.exp) coeff = x.coeff * pow10(x.exp - exp);
  else [coeff, inexact] = dropDigits(x.sign, x.coeff, exp - x.exp, mode);
  if (digitCount(coeff) > ctx.precision) return invalid(ctx);
  const conditions: Condition[] = [];
  if (exp > x.exp) {
    if (inexact) conditions.push(Inexact);
    conditions.push(Rounded);
  }
  if (conditions.length) ctx.signal(...conditions);
  return num(x.sign, coeff, exp);
}

/** Rounds to an integral value (exponent 0 at most), signalling only when `exact` is asked. */
export function toIntegral(x: Num, ctx: Context, mode: typeof ctx.roundingMode, exact: boolean): Num {
  const nan = nanResult(ctx, x);
  if (nan) return nan;
  if (x.kind === "inf" || x.exp >= 0) return x;
  const [coeff, inexact] = dropDigits(x.sign, x.coeff, -x.exp, mode);
  if (exact) ctx.signal(...((inexact ? [Inexact, Rounded] : [Rounded]) as Condition[]));
  return num(x.sign, coeff, 0);
}

export { compareNums };
