// Python's `decimal`: exact decimal arithmetic with a context (precision, rounding, traps), as
// CPython 3.11 prints and signals it. Values live in decimal-number.ts, arithmetic under a
// context in decimal-ops.ts, the context and signals in their own files.

import { NotImplemented } from "../values/singletons.js";
import { OverflowError, PyTypeError, ValueError } from "../values/exceptions.js";
import { NUMBER_KEY, intHash, modPow } from "../values/hash64.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { pyClass } from "./callable-class.js";
import { bindArgs } from "./datetime-args.js";
import { moduleObject } from "./module-object.js";
import { DecimalTuple, formatDecimal, parseNumber, toText } from "./decimal-text.js";
import { installContextMethods } from "./decimal-context-methods.js";
import { BasicContext, Context, DefaultContext, ExtendedContext, getcontext, localcontext, setcontext } from "./decimal-context.js";
import {
  Clamped, ConversionSyntax, DecimalException, DivisionByZero, DivisionImpossible, DivisionUndefined, FloatOperation,
  Inexact, InvalidContext, InvalidOperation, Overflow, Rounded, Subnormal, Underflow, type Rounding,
} from "./decimal-signals.js";
import { adjusted, compareNums, fromDouble, num, pow10, rescale, stripZeros, type Num } from "./decimal-number.js";
import { exp, ln, log10, logb } from "./decimal-transcendental.js";
import { power, powerModulo } from "./decimal-power.js";
import { byMagnitude, compareSignal, compareTotal, logical, next, nextToward, rotate, shift } from "./decimal-digits.js";
import { add, divide, divideInteger, finish, invalid, multiply, nanResult, negate, quantize, squareRoot, toIntegral } from "./decimal-ops.js";

const HASH_MODULUS = 2n ** 61n - 1n;


/** An operand: a Decimal or an int (exactly); anything else is not one (NotImplemented). */
function operand(x: unknown): Num | null {
  if (x instanceof Decimal) return x.n;
  if (typeof x === "bigint") return num(x < 0n ? 1 : 0, x < 0n ? -x : x, 0);
  if (typeof x === "boolean") return num(0, x ? 1n : 0n, 0);
  return null;
}

const wrap = (n: Num): Decimal => Decimal.of(n);

function contextArg(ctx: unknown): Context {
  if (ctx === null || ctx === undefined) return getcontext();
  if (!(ctx instanceof Context)) throw new PyTypeError("optional argument must be a context");
  return ctx;
}

function roundingArg(rounding: unknown, ctx: Context): Rounding {
  if (rounding === null || rounding === undefined) return ctx.roundingMode;
  if (typeof rounding !== "string" || !rounding.startsWith("ROUND_")) throw new PyTypeError("invalid rounding mode");
  return rounding as Rounding;
}

export class Decimal {
  static readonly pythonName = "Decimal";
  static readonly tpName = "decimal.Decimal";
  static readonly __module__ = "decimal";
  /** The number (read-only). */
  n!: Num;

  constructor(...args: unknown[]) {
    const [value, context] = bindArgs("Decimal", ["value", "context"], 0, args);
    this.n = Decimal.convert(value ?? "0", contextArg(context));
  }

  static of(n: Num): Decimal {
    const d = Object.create(Decimal.prototype) as Decimal;
    d.n = n;
    return d;
  }

  private static convert(value: unknown, ctx: Context): Num {
    if (value instanceof Decimal) return value.n;
    if (typeof value === "string") {
      const parsed = parseNumber(value);
      if (parsed === null) return invalid(ctx, ConversionSyntax);
      return parsed;
    }
    if (typeof value === "bigint" || typeof value === "boolean") return operand(value)!;
    if (typeof value === "number") {
      ctx.signal(FloatOperation);
      return fromDouble(value);
    }
    if (value instanceof Tuple || Array.isArray(value)) return Decimal.fromTuple(value instanceof Tuple ? value.items : value);
    throw new PyTypeError(`conversion from ${typeName(value)} to Decimal is not supported`);
  }

  private static fromTuple(items: readonly unknown[]): Num {
    if (items.length !== 3) throw new ValueError("argument must be a sequence of length 3");
    const [sign, digits, exponent] = items;
    if (sign !== 0n && sign !== 1n) throw new ValueError("sign must be an integer with the value 0 or 1");
    const list = digits instanceof Tuple ? digits.items : Array.isArray(digits) ? digits : null;
    if (list === null) throw new ValueError("coefficient must be a tuple of digits");
    const text = list.map((d) => {
      if (typeof d !== "bigint" || d < 0n || d > 9n) throw new ValueError("coefficient must be a tuple of digits");
      return String(d);
    }).join("");
    const s = sign === 1n ? 1 : 0;
    if (exponent === "F") return num(s, 0n, 0, "inf");
    if (exponent === "n" || exponent === "N") return num(s, BigInt(text || "0"), 0, exponent === "n" ? "nan" : "snan");
    if (typeof exponent !== "bigint") throw new ValueError("exponent must be an integer");
    return num(s, BigInt(text || "0"), Number(exponent));
  }

  static from_float(this: typeof Decimal, f: unknown): Decimal {
    if (typeof f === "bigint") return wrap(operand(f)!);
    if (typeof f !== "number") throw new PyTypeError("argument must be int or float");
    return wrap(fromDouble(f));
  }

  // --- text --------------------------------------------------------------
  __str__(): string {
    return toText(this.n, getcontext().capitalE === 1);
  }
  toString(): string {
    return this.__str__();
  }
  __repr__(): string {
    return `Decimal('${this.__str__()}')`;
  }
  to_eng_string(...args: unknown[]): string {
    const [context] = bindArgs("to_eng_string", ["context"], 0, args);
    return toText(this.n, contextArg(context).capitalE === 1, true);
  }
  __format__(specText: unknown): string {
    if (typeof specText !== "string") throw new PyTypeError("format spec must be a string");
    return formatDecimal(this.n, specText, getcontext());
  }

  // --- properties and predicates -------------------------------------------
  get real(): Decimal { return this; }
  get imag(): Decimal { return wrap(num(0, 0n, 0)); }
  conjugate(): Decimal { return this; }
  adjusted(): bigint {
    return this.n.kind === "finite" ? BigInt(adjusted(this.n)) : 0n;
  }
  as_tuple(): DecimalTuple {
    const x = this.n;
    const exponent = x.kind === "finite" ? BigInt(x.exp) : x.kind === "inf" ? "F" : x.kind === "nan" ? "n" : "N";
    const digits = x.kind === "inf" ? [0n] : x.coeff === 0n && x.kind !== "finite" ? [] : [...x.coeff.toString()].map((d) => BigInt(d));
    return new DecimalTuple([BigInt(x.sign), Tuple.from(digits), exponent]);
  }
  as_integer_ratio(): Tuple<bigint> {
    const x = this.n;
    if (x.kind === "inf") throw new OverflowError("cannot convert Infinity to integer ratio");
    if (x.kind !== "finite") throw new ValueError("cannot convert NaN to integer ratio");
    let n = x.coeff;
    let d = 1n;
    if (x.exp >= 0) n *= pow10(x.exp);
    else d = pow10(-x.exp);
    const g = gcd(n, d);
    return Tuple.of(x.sign ? -n / g : n / g, d / g);
  }
  is_nan(): boolean { return this.n.kind === "nan" || this.n.kind === "snan"; }
  is_qnan(): boolean { return this.n.kind === "nan"; }
  is_snan(): boolean { return this.n.kind === "snan"; }
  is_infinite(): boolean { return this.n.kind === "inf"; }
  is_finite(): boolean { return this.n.kind === "finite"; }
  is_zero(): boolean { return this.n.kind === "finite" && this.n.coeff === 0n; }
  is_signed(): boolean { return this.n.sign === 1; }
  is_canonical(): boolean { return true; }
  canonical(): Decimal { return this; }
  is_normal(context: unknown = null): boolean {
    const ctx = contextArg(context);
    return this.n.kind === "finite" && this.n.coeff !== 0n && adjusted(this.n) >= ctx.minExponent;
  }
  is_subnormal(context: unknown = null): boolean {
    const ctx = contextArg(context);
    return this.n.kind === "finite" && this.n.coeff !== 0n && adjusted(this.n) < ctx.minExponent;
  }
  number_class(context: unknown = null): string {
    const x = this.n;
    const sign = x.sign ? "-" : "+";
    if (x.kind === "snan") return "sNaN";
    if (x.kind === "nan") return "NaN";
    if (x.kind === "inf") return `${sign}Infinity`;
    if (x.coeff === 0n) return `${sign}Zero`;
    return this.is_subnormal(context) ? `${sign}Subnormal` : `${sign}Normal`;
  }
  radix(): Decimal { return wrap(num(0, 10n, 0)); }
  same_quantum(other: unknown): boolean {
    const o = operand(other) ?? Decimal.convert(other, getcontext());
    if (this.n.kind !== "finite" || o.kind !== "finite") return this.n.kind === o.kind || (this.is_nan() && (o.kind === "nan" || o.kind === "snan"));
    return this.n.exp === o.exp;
  }

  // --- copies ---------------------------------------------------------------
  copy_abs(): Decimal { return wrap(num(0, this.n.coeff, this.n.exp, this.n.kind)); }
  copy_negate(): Decimal { return wrap(negate(this.n)); }
  copy_sign(other: unknown): Decimal {
    const o = operand(other) ?? Decimal.convert(other, getcontext());
    return wrap(num(o.sign, this.n.coeff, this.n.exp, this.n.kind));
  }

  // --- arithmetic -------------------------------------------------------------
  private binary(other: unknown, op: (a: Num, b: Num, ctx: Context) => Num, reflected = false): any {
    const o = operand(other);
    if (o === null) return NotImplemented;
    const ctx = getcontext();
    return wrap(reflected ? op(o, this.n, ctx) : op(this.n, o, ctx));
  }
  __add__(other: unknown): any { return this.binary(other, add); }
  __radd__(other: unknown): any { return this.binary(other, add, true); }
  __sub__(other: unknown): any { return this.binary(other, (a, b, ctx) => add(a, negate(b), ctx)); }
  __rsub__(other: unknown): any { return this.binary(other, (a, b, ctx) => add(a, negate(b), ctx), true); }
  __mul__(other: unknown): any { return this.binary(other, multiply); }
  __rmul__(other: unknown): any { return this.binary(other, multiply, true); }
  __truediv__(other: unknown): any { return this.binary(other, divide); }
  __rtruediv__(other: unknown): any { return this.binary(other, divide, true); }
  __floordiv__(other: unknown): any { return this.binary(other, (a, b, ctx) => divideInteger(a, b, ctx, "quotient")[0]); }
  __rfloordiv__(other: unknown): any { return this.binary(other, (a, b, ctx) => divideInteger(a, b, ctx, "quotient")[0], true); }
  __mod__(other: unknown): any { return this.binary(other, (a, b, ctx) => divideInteger(a, b, ctx, "remainder")[1]); }
  __rmod__(other: unknown): any { return this.binary(other, (a, b, ctx) => divideInteger(a, b, ctx, "remainder")[1], true); }
  __divmod__(other: unknown): any {
    const o = operand(other);
    if (o === null) return NotImplemented;
    const [q, r] = divideInteger(this.n, o, getcontext(), "both");
    return Tuple.of(wrap(q), wrap(r));
  }
  __rdivmod__(other: unknown): any {
    const o = operand(other);
    if (o === null) return NotImplemented;
    const [q, r] = divideInteger(o, this.n, getcontext(), "both");
    return Tuple.of(wrap(q), wrap(r));
  }
  __pow__(other: unknown, modulo: unknown = null): any {
    const o = operand(other);
    if (o === null) return NotImplemented;
    if (modulo !== null && modulo !== undefined) {
      const m = operand(modulo);
      if (m === null) throw new PyTypeError("unsupported operand type(s) for pow()");
      return wrap(powerModulo(this.n, o, m));
    }
    return wrap(power(this.n, o, getcontext()));
  }
  __rpow__(other: unknown): any {
    const o = operand(other);
    if (o === null) return NotImplemented;
    return wrap(power(o, this.n, getcontext()));
  }
  __neg__(): Decimal {
    const ctx = getcontext();
    const x = this.n;
    const nan = nanResult(ctx, x);
    if (nan) return wrap(nan);
    // -0 is 0 (unless rounding toward negative infinity): the context applies, as in CPython.
    if (x.kind === "finite" && x.coeff === 0n) return wrap(finish(num(ctx.roundingMode === "ROUND_FLOOR" ? 1 : 0, 0n, x.exp), ctx));
    return wrap(finish(negate(x), ctx));
  }
  __pos__(): Decimal {
    const ctx = getcontext();
    const x = this.n;
    const nan = nanResult(ctx, x);
    if (nan) return wrap(nan);
    if (x.kind === "finite" && x.coeff === 0n) return wrap(finish(num(ctx.roundingMode === "ROUND_FLOOR" ? x.sign : 0, 0n, x.exp), ctx));
    return wrap(finish(x, ctx));
  }
  __abs__(): Decimal {
    const ctx = getcontext();
    const nan = nanResult(ctx, this.n);
    if (nan) return wrap(nan);
    return wrap(finish(num(0, this.n.coeff, this.n.exp, this.n.kind), ctx));
  }
  exp(...args: unknown[]): Decimal {
    const [context] = bindArgs("exp", ["context"], 0, args);
    return wrap(exp(this.n, contextArg(context)));
  }
  ln(...args: unknown[]): Decimal {
    const [context] = bindArgs("ln", ["context"], 0, args);
    return wrap(ln(this.n, contextArg(context)));
  }
  log10(...args: unknown[]): Decimal {
    const [context] = bindArgs("log10", ["context"], 0, args);
    return wrap(log10(this.n, contextArg(context)));
  }
  logb(...args: unknown[]): Decimal {
    const [context] = bindArgs("logb", ["context"], 0, args);
    return wrap(logb(this.n, contextArg(context)));
  }
  sqrt(...args: unknown[]): Decimal {
    const [context] = bindArgs("sqrt", ["context"], 0, args);
    return wrap(squareRoot(this.n, contextArg(context)));
  }
  quantize(...args: unknown[]): Decimal {
    const [exp, rounding, context] = bindArgs("quantize", ["exp", "rounding", "context"], 1, args);
    const ctx = contextArg(context);
    const target = operand(exp) ?? Decimal.convert(exp, ctx);
    return wrap(quantize(this.n, target, ctx, roundingArg(rounding, ctx)));
  }
  normalize(...args: unknown[]): Decimal {
    const [context] = bindArgs("normalize", ["context"], 0, args);
    const ctx = contextArg(context);
    const nan = nanResult(ctx, this.n);
    if (nan) return wrap(nan);
    const rounded = finish(this.n, ctx);
    if (rounded.kind !== "finite") return wrap(rounded);
    if (rounded.coeff === 0n) return wrap(num(rounded.sign, 0n, 0));
    return wrap(stripZeros(rounded, ctx.clampExponent ? ctx.maxExponent - ctx.precision + 1 : ctx.maxExponent));
  }
  to_integral_value(...args: unknown[]): Decimal {
    const [rounding, context] = bindArgs("to_integral_value", ["rounding", "context"], 0, args);
    const ctx = contextArg(context);
    return wrap(toIntegral(this.n, ctx, roundingArg(rounding, ctx), false));
  }
  to_integral(...args: unknown[]): Decimal {
    return this.to_integral_value(...args);
  }
  to_integral_exact(...args: unknown[]): Decimal {
    const [rounding, context] = bindArgs("to_integral_exact", ["rounding", "context"], 0, args);
    const ctx = contextArg(context);
    return wrap(toIntegral(this.n, ctx, roundingArg(rounding, ctx), true));
  }
  scaleb(...args: unknown[]): Decimal {
    const [other, context] = bindArgs("scaleb", ["other", "context"], 1, args);
    const ctx = contextArg(context);
    const o = operand(other) ?? Decimal.convert(other, ctx);
    const nan = nanResult(ctx, this.n, o);
    if (nan) return wrap(nan);
    if (o.kind !== "finite" || o.exp !== 0) return wrap(invalid(ctx));
    if (this.n.kind === "inf") return this;
    const shift = Number(o.coeff) * (o.sign ? -1 : 1);
    return wrap(finish(num(this.n.sign, this.n.coeff, this.n.exp + shift), ctx));
  }
  fma(...args: unknown[]): Decimal {
    const [other, third, context] = bindArgs("fma", ["other", "third", "context"], 2, args);
    const ctx = contextArg(context);
    const b = operand(other) ?? Decimal.convert(other, ctx);
    const c = operand(third) ?? Decimal.convert(third, ctx);
    const exact = this.n.kind === "finite" && b.kind === "finite" ? num((this.n.sign ^ b.sign) as 0 | 1, this.n.coeff * b.coeff, this.n.exp + b.exp) : multiply(this.n, b, ctx);
    return wrap(add(exact, c, ctx));
  }
  remainder_near(...args: unknown[]): Decimal {
    const [other, context] = bindArgs("remainder_near", ["other", "context"], 1, args);
    const ctx = contextArg(context);
    const o = operand(other) ?? Decimal.convert(other, ctx);
    const [q, r] = divideInteger(this.n, o, ctx, "both");
    if (q.kind !== "finite" || r.kind !== "finite" || r.coeff === 0n) return wrap(r);
    // Pick the remainder of smaller magnitude (ties: the even quotient).
    const exp = Math.min(r.exp, o.exp);
    const twiceR = r.coeff * pow10(r.exp - exp) * 2n;
    const divisor = o.coeff * pow10(o.exp - exp);
    if (twiceR > divisor || (twiceR === divisor && q.coeff % 2n === 1n)) {
      return wrap(add(r, num(r.sign ? 0 : 1, o.coeff, o.exp), ctx));
    }
    return wrap(r);
  }

  // --- digit-wise, neighbours, total order --------------------------------------
  private other(name: string, args: unknown[]): [Num, Context] {
    const [other, context] = bindArgs(name, ["other", "context"], 1, args);
    const ctx = contextArg(context);
    return [operand(other) ?? Decimal.convert(other, ctx), ctx];
  }
  logical_and(...args: unknown[]): Decimal {
    const [o, ctx] = this.other("logical_and", args);
    return wrap(logical(this.n, o, "and", ctx));
  }
  logical_or(...args: unknown[]): Decimal {
    const [o, ctx] = this.other("logical_or", args);
    return wrap(logical(this.n, o, "or", ctx));
  }
  logical_xor(...args: unknown[]): Decimal {
    const [o, ctx] = this.other("logical_xor", args);
    return wrap(logical(this.n, o, "xor", ctx));
  }
  logical_invert(...args: unknown[]): Decimal {
    const [context] = bindArgs("logical_invert", ["context"], 0, args);
    return wrap(logical(this.n, null, "invert", contextArg(context)));
  }
  rotate(...args: unknown[]): Decimal {
    const [o, ctx] = this.other("rotate", args);
    return wrap(rotate(this.n, o, ctx));
  }
  shift(...args: unknown[]): Decimal {
    const [o, ctx] = this.other("shift", args);
    return wrap(shift(this.n, o, ctx));
  }
  next_plus(...args: unknown[]): Decimal {
    const [context] = bindArgs("next_plus", ["context"], 0, args);
    return wrap(next(this.n, true, contextArg(context)));
  }
  next_minus(...args: unknown[]): Decimal {
    const [context] = bindArgs("next_minus", ["context"], 0, args);
    return wrap(next(this.n, false, contextArg(context)));
  }
  next_toward(...args: unknown[]): Decimal {
    const [o, ctx] = this.other("next_toward", args);
    return wrap(nextToward(this.n, o, ctx));
  }
  compare_total(...args: unknown[]): Decimal {
    const [o] = this.other("compare_total", args);
    const c = compareTotal(this.n, o);
    return wrap(num(c < 0 ? 1 : 0, c === 0 ? 0n : 1n, 0));
  }
  compare_total_mag(...args: unknown[]): Decimal {
    const [o] = this.other("compare_total_mag", args);
    const c = compareTotal(num(0, this.n.coeff, this.n.exp, this.n.kind), num(0, o.coeff, o.exp, o.kind));
    return wrap(num(c < 0 ? 1 : 0, c === 0 ? 0n : 1n, 0));
  }
  compare_signal(...args: unknown[]): Decimal {
    const [o, ctx] = this.other("compare_signal", args);
    return wrap(compareSignal(this.n, o, ctx));
  }
  max_mag(...args: unknown[]): Decimal {
    const [o, ctx] = this.other("max_mag", args);
    return wrap(byMagnitude(this.n, o, true, ctx));
  }
  min_mag(...args: unknown[]): Decimal {
    const [o, ctx] = this.other("min_mag", args);
    return wrap(byMagnitude(this.n, o, false, ctx));
  }

  // --- comparisons ------------------------------------------------------------
  private compareWith(other: unknown, equality: boolean): number | null | undefined {
    let o = operand(other);
    if (o === null && typeof other === "number") {
      if (!equality) getcontext().signal(FloatOperation);
      o = fromDouble(other);
    }
    if (o === null) return this.compareRational(other);
    if (this.is_nan() || o.kind === "nan" || o.kind === "snan") {
      if (!equality || this.n.kind === "snan" || o.kind === "snan") getcontext().signal(InvalidOperation);
      return null;
    }
    return compareNums(this.n, o);
  }
  /** Exact comparison with a fractions.Fraction (anything with int numerator and denominator). */
  private compareRational(other: unknown): number | null | undefined {
    const r = other as { numerator?: unknown; denominator?: unknown } | null;
    if (typeof r !== "object" || r === null || typeof r.numerator !== "bigint" || typeof r.denominator !== "bigint") return undefined;
    const x = this.n;
    if (x.kind === "nan" || x.kind === "snan") return null;
    if (x.kind === "inf") return x.sign ? -1 : 1;
    const value = (x.sign ? -x.coeff : x.coeff) * r.denominator;
    const left = x.exp >= 0 ? value * pow10(x.exp) : value;
    const right = x.exp >= 0 ? r.numerator : r.numerator * pow10(-x.exp);
    return left < right ? -1 : left > right ? 1 : 0;
  }
  __eq__(other: unknown): any {
    const c = this.compareWith(other, true);
    return c === undefined ? NotImplemented : c === 0;
  }
  __ne__(other: unknown): any {
    const c = this.compareWith(other, true);
    return c === undefined ? NotImplemented : c !== 0;
  }
  __lt__(other: unknown): any {
    const c = this.compareWith(other, false);
    return c === undefined ? NotImplemented : c !== null && c < 0;
  }
  __le__(other: unknown): any {
    const c = this.compareWith(other, false);
    return c === undefined ? NotImplemented : c !== null && c <= 0;
  }
  __gt__(other: unknown): any {
    const c = this.compareWith(other, false);
    return c === undefined ? NotImplemented : c !== null && c > 0;
  }
  __ge__(other: unknown): any {
    const c = this.compareWith(other, false);
    return c === undefined ? NotImplemented : c !== null && c >= 0;
  }
  compare(...args: unknown[]): Decimal {
    const [other, context] = bindArgs("compare", ["other", "context"], 1, args);
    const ctx = contextArg(context);
    const o = operand(other) ?? Decimal.convert(other, ctx);
    const nan = nanResult(ctx, this.n, o);
    if (nan) return wrap(nan);
    const c = compareNums(this.n, o);
    return wrap(num(c < 0 ? 1 : 0, c === 0 ? 0n : 1n, 0));
  }
  max(...args: unknown[]): Decimal {
    const [other, context] = bindArgs("max", ["other", "context"], 1, args);
    return this.pick(other, context, (c) => c >= 0);
  }
  min(...args: unknown[]): Decimal {
    const [other, context] = bindArgs("min", ["other", "context"], 1, args);
    return this.pick(other, context, (c) => c <= 0);
  }
  private pick(other: unknown, context: unknown, keepThis: (c: number) => boolean): Decimal {
    const ctx = contextArg(context);
    const o = operand(other) ?? Decimal.convert(other, ctx);
    // A quiet NaN loses against a number.
    if (this.n.kind === "nan" && o.kind === "finite") return wrap(finish(o, ctx));
    if (o.kind === "nan" && this.n.kind === "finite") return wrap(finish(this.n, ctx));
    const nan = nanResult(ctx, this.n, o);
    if (nan) return wrap(nan);
    let c = compareNums(this.n, o);
    // Equal values: the total ordering decides (sign, then exponent: max(7.00, 7) is 7).
    if (c === 0) c = compareTotal(this.n, o);
    return wrap(finish(keepThis(c) ? this.n : o, ctx));
  }
  __hash__(): bigint {
    const x = this.n;
    if (x.kind === "snan") throw new PyTypeError("Cannot hash a signaling NaN value.");
    if (x.kind === "nan") return BigInt(Math.floor(Math.random() * 2 ** 52));
    if (x.kind === "inf") return x.sign ? -314159n : 314159n;
    let h: bigint;
    if (x.exp >= 0) h = (x.coeff % HASH_MODULUS) * modPow(10n, BigInt(x.exp), HASH_MODULUS);
    else h = (x.coeff % HASH_MODULUS) * modPow(modPow(10n, HASH_MODULUS - 2n, HASH_MODULUS), BigInt(-x.exp), HASH_MODULUS);
    h %= HASH_MODULUS;
    const signed = x.sign ? -h : h;
    return intHash(signed);
  }
  /** The int or float equal to this value, if any: the same dict/set key. */
  [NUMBER_KEY](): bigint | number | undefined {
    const x = this.n;
    if (x.kind !== "finite") return undefined;
    if (x.exp >= 0 || x.coeff % pow10(-x.exp) === 0n) return this.integral("ROUND_DOWN");
    const f = this.__float__();
    return compareNums(fromDouble(f), x) === 0 ? f : undefined;
  }
  __bool__(): boolean {
    return !(this.n.kind === "finite" && this.n.coeff === 0n);
  }

  // --- conversions ------------------------------------------------------------
  private integral(mode: Rounding): bigint {
    const x = this.n;
    if (x.kind === "nan" || x.kind === "snan") throw new ValueError("cannot convert NaN to integer");
    if (x.kind === "inf") throw new OverflowError("cannot convert Infinity to integer");
    const [c] = rescale(x, Math.max(x.exp, 0), mode).value.exp >= 0 ? [rescale(x, 0, mode).value.coeff] : [0n];
    const magnitude = x.exp >= 0 ? x.coeff * pow10(x.exp) : c;
    return x.sign ? -magnitude : magnitude;
  }
  __int__(): bigint { return this.integral("ROUND_DOWN"); }
  __trunc__(): bigint { return this.integral("ROUND_DOWN"); }
  __floor__(): bigint { return this.integral("ROUND_FLOOR"); }
  __ceil__(): bigint { return this.integral("ROUND_CEILING"); }
  __index__(): never {
    throw new PyTypeError("'decimal.Decimal' object cannot be interpreted as an integer");
  }
  __float__(): number {
    const x = this.n;
    if (x.kind === "snan") throw new ValueError("cannot convert signaling NaN to float");
    if (x.kind === "nan") return x.sign ? -NaN : NaN;
    if (x.kind === "inf") return x.sign ? -Infinity : Infinity;
    return Number(toText(x, true));
  }
  __round__(ndigits: unknown = null): any {
    if (ndigits === null || ndigits === undefined) return this.integral("ROUND_HALF_EVEN");
    if (typeof ndigits !== "bigint") throw new PyTypeError("optional arg must be an integer");
    const ctx = getcontext();
    return wrap(quantize(this.n, num(0, 1n, -Number(ndigits)), ctx));
  }
  __copy__(): Decimal { return this; }
  __deepcopy__(_memo: unknown): Decimal { return this; }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The `decimal` module object. */
export const decimalModule = moduleObject("decimal", {
  Decimal: pyClass(Decimal),
  DecimalTuple: pyClass(DecimalTuple),
  Context: pyClass(Context),
  getcontext,
  setcontext,
  localcontext,
  DefaultContext,
  BasicContext,
  ExtendedContext,
  DecimalException,
  Clamped,
  InvalidOperation,
  DivisionByZero,
  Inexact,
  Rounded,
  Subnormal,
  Overflow,
  Underflow,
  FloatOperation,
  ConversionSyntax,
  DivisionImpossible,
  DivisionUndefined,
  InvalidContext,
  ROUND_UP: "ROUND_UP",
  ROUND_DOWN: "ROUND_DOWN",
  ROUND_CEILING: "ROUND_CEILING",
  ROUND_FLOOR: "ROUND_FLOOR",
  ROUND_HALF_UP: "ROUND_HALF_UP",
  ROUND_HALF_DOWN: "ROUND_HALF_DOWN",
  ROUND_HALF_EVEN: "ROUND_HALF_EVEN",
  ROUND_05UP: "ROUND_05UP",
  MAX_PREC: 999999999999999999n,
  MAX_EMAX: 999999999999999999n,
  MIN_EMIN: -999999999999999999n,
  MIN_ETINY: -1999999999999999997n,
  HAVE_THREADS: true,
  HAVE_CONTEXTVAR: true,
  __version__: "1.70",
  __libmpdec_version__: "2.5.1",
});

// Context.add, Context.divide, ...: the Decimal operations under that context.
installContextMethods();
