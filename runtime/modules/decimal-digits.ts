// decimal's digit-wise operations (logical_*, rotate, shift), neighbours (next_*), and the
// total ordering (compare_total), as the General Decimal Arithmetic spec defines them.

import type { Context } from "./decimal-context.js";
import { InvalidOperation } from "./decimal-signals.js";
import { compareNums, num, pow10, type Num } from "./decimal-number.js";
import { add, finish, invalid, nanResult } from "./decimal-ops.js";

/** The digits of a logical operand (finite, non-negative, exponent 0, only 0s and 1s), padded to prec. */
function logicalDigits(x: Num, ctx: Context): string | null {
  if (x.kind !== "finite" || x.sign === 1 || x.exp !== 0) return null;
  const text = x.coeff.toString();
  if (!/^[01]+$/.test(text) || text.length > ctx.precision) return null;
  return text.padStart(ctx.precision, "0");
}

function fromDigits(text: string): Num {
  return num(0, BigInt(text.replace(/^0+(?=.)/, "")), 0);
}

export function logical(a: Num, b: Num | null, op: "and" | "or" | "xor" | "invert", ctx: Context): Num {
  const da = logicalDigits(a, ctx);
  const db = b === null ? "0".repeat(ctx.precision) : logicalDigits(b, ctx);
  if (da === null || db === null) return invalid(ctx);
  let out = "";
  for (let i = 0; i < da.length; i++) {
    const x = da[i] === "1";
    const y = db[i] === "1";
    const bit = op === "and" ? x && y : op === "or" ? x || y : op === "xor" ? x !== y : !x;
    out += bit ? "1" : "0";
  }
  return fromDigits(out);
}

/** The integer amount of rotate/shift/scaleb: an int within [-prec, prec]. */
function amount(y: Num, ctx: Context): number | null {
  if (y.kind !== "finite" || y.exp !== 0) return null;
  const n = Number(y.coeff) * (y.sign ? -1 : 1);
  return Math.abs(n) > ctx.precision ? null : n;
}

export function rotate(x: Num, y: Num, ctx: Context): Num {
  const nan = nanResult(ctx, x, y);
  if (nan) return nan;
  const n = amount(y, ctx);
  if (n === null) return invalid(ctx);
  if (x.kind === "inf") return x;
  const text = (x.coeff % pow10(ctx.precision)).toString().padStart(ctx.precision, "0");
  const k = ((n % ctx.precision) + ctx.precision) % ctx.precision;
  const rotated = text.slice(k) + text.slice(0, k);
  return num(x.sign, BigInt(rotated), x.exp);
}

export function shift(x: Num, y: Num, ctx: Context): Num {
  const nan = nanResult(ctx, x, y);
  if (nan) return nan;
  const n = amount(y, ctx);
  if (n === null) return invalid(ctx);
  if (x.kind === "inf") return x;
  const coeff = n >= 0 ? (x.coeff * pow10(n)) % pow10(ctx.precision) : x.coeff / pow10(-n);
  return num(x.sign, coeff, x.exp);
}

/** The neighbour of x toward +Infinity (up) or -Infinity. */
export function next(x: Num, up: boolean, ctx: Context): Num {
  const nan = nanResult(ctx, x);
  if (nan) return nan;
  const towardSign = up ? 0 : 1;
  if (x.kind === "inf") {
    if (x.sign === towardSign) return x;
    return num(x.sign, pow10(ctx.precision) - 1n, ctx.maxExponent - ctx.precision + 1);
  }
  const quiet = ctx.copy();
  quiet.roundingMode = up ? "ROUND_CEILING" : "ROUND_FLOOR";
  quiet.traps = [];
  const fixed = finish(x, quiet);
  if (compareNums(fixed, x) !== 0) return fixed;
  const tiny = num(towardSign as 0 | 1, 1n, ctx.minExponent - ctx.precision);
  return add(x, tiny, quiet);
}

export function nextToward(x: Num, y: Num, ctx: Context): Num {
  const nan = nanResult(ctx, x, y);
  if (nan) return nan;
  const c = compareNums(x, y);
  if (c === 0) return num(y.sign, x.coeff, x.exp, x.kind);
  return next(x, c < 0, ctx);
}

/** A number's place in the total order: NaNs beyond the infinities, by sign. */
function rank(x: Num): number {
  const magnitude = x.kind === "nan" ? 3 : x.kind === "snan" ? 2 : x.kind === "inf" ? 1 : 0;
  return x.sign ? -magnitude : magnitude;
}

export function compareTotal(a: Num, b: Num): number {
  if (a.sign !== b.sign) return a.sign ? -1 : 1;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  const flip = a.sign ? -1 : 1;
  if (a.kind === "nan" || a.kind === "snan") {
    return a.coeff === b.coeff ? 0 : (a.coeff < b.coeff ? -1 : 1) * flip;
  }
  if (a.kind === "inf") return 0;
  const c = compareNums(a, b);
  if (c !== 0) return c;
  // Equal values: the smaller exponent comes first (last for negative numbers).
  return a.exp === b.exp ? 0 : (a.exp < b.exp ? -1 : 1) * flip;
}

export function compareSignal(a: Num, b: Num, ctx: Context): Num {
  if (a.kind === "nan" || b.kind === "nan" || a.kind === "snan" || b.kind === "snan") {
    ctx.signal(InvalidOperation);
    return nanResult(ctx, a, b) ?? num(0, 0n, 0, "nan");
  }
  const c = compareNums(a, b);
  return num(c < 0 ? 1 : 0, c === 0 ? 0n : 1n, 0);
}

/** max_mag/min_mag: by absolute value; ties go to max/min. */
export function byMagnitude(a: Num, b: Num, larger: boolean, ctx: Context): Num {
  const nan = nanResult(ctx, a, b);
  if (nan) return nan;
  const abs = (x: Num): Num => num(0, x.coeff, x.exp, x.kind);
  let c = compareNums(abs(a), abs(b));
  if (c === 0) c = compareTotal(a, b);
  const pick = larger ? (c >= 0 ? a : b) : c <= 0 ? a : b;
  return finish(pick, ctx);
}

