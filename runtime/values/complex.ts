// Python's complex: a pair of floats with CPython's arithmetic (Objects/complexobject.c),
// repr, hash and format. Operators reach it through its dunders, so the int/float fast paths
// of the operator helpers stay as they were.

import { cosGlibc, sinGlibc } from "../modules/libm-sin.js";
import { hypotExact } from "../modules/libm-hypot.js";
import { atan2Glibc } from "../modules/libm-atan2.js";
import { expGlibc, powGlibc } from "../modules/libm-exp.js";
import { logGlibc } from "../modules/libm-log.js";
import { defineType } from "./builtin-type.js";
import { OverflowError, PyTypeError, ValueError, ZeroDivisionError } from "./exceptions.js";
import { floatRepr } from "./float-repr.js";
import { formatFloatText, parseSpec } from "./format-spec.js";
import { complexHash } from "./hash64.js";
import { splitKw } from "./kwargs.js";
import { compareNumbers, isNumeric, toFloat, type PyNumber } from "./numeric.js";
import { NotImplemented } from "./singletons.js";
import { holdsDunders, typeName } from "./typename.js";

export class PyComplex {
  static readonly pythonName = "complex";

  constructor(
    readonly re: number,
    readonly im: number,
  ) {}

  get real(): number {
    return this.re;
  }

  get imag(): number {
    return this.im;
  }

  conjugate(): PyComplex {
    return new PyComplex(this.re, -this.im);
  }

  __add__(other: unknown): unknown {
    const o = operand(other);
    return o === undefined ? NotImplemented : new PyComplex(this.re + o.re, this.im + o.im);
  }
  __radd__(other: unknown): unknown {
    const o = operand(other);
    return o === undefined ? NotImplemented : new PyComplex(o.re + this.re, o.im + this.im);
  }
  __sub__(other: unknown): unknown {
    const o = operand(other);
    return o === undefined ? NotImplemented : new PyComplex(this.re - o.re, this.im - o.im);
  }
  __rsub__(other: unknown): unknown {
    const o = operand(other);
    return o === undefined ? NotImplemented : new PyComplex(o.re - this.re, o.im - this.im);
  }
  __mul__(other: unknown): unknown {
    const o = operand(other);
    return o === undefined ? NotImplemented : product(this, o);
  }
  __rmul__(other: unknown): unknown {
    const o = operand(other);
    return o === undefined ? NotImplemented : product(o, this);
  }
  __truediv__(other: unknown): unknown {
    const o = operand(other);
    return o === undefined ? NotImplemented : quotient(this, o);
  }
  __rtruediv__(other: unknown): unknown {
    const o = operand(other);
    return o === undefined ? NotImplemented : quotient(o, this);
  }
  __pow__(other: unknown, modulo?: unknown): unknown {
    if (modulo !== undefined && modulo !== null) throw new ValueError("complex modulo");
    const o = operand(other);
    return o === undefined ? NotImplemented : complexPow(this, o);
  }
  __rpow__(other: unknown): unknown {
    const o = operand(other);
    return o === undefined ? NotImplemented : complexPow(o, this);
  }
  __neg__(): PyComplex {
    return new PyComplex(-this.re, -this.im);
  }
  __pos__(): PyComplex {
    return new PyComplex(this.re, this.im);
  }
  __abs__(): number {
    return complexAbs(this);
  }
  __bool__(): boolean {
    return this.re !== 0 || this.im !== 0;
  }
  __eq__(other: unknown): unknown {
    if (other instanceof PyComplex) return this.re === other.re && this.im === other.im;
    if (isNumeric(other)) return this.im === 0 && compareNumbers(this.re, other) === 0;
    return NotImplemented;
  }
  __ne__(other: unknown): unknown {
    const r = this.__eq__(other);
    return r === NotImplemented ? r : !r;
  }
  __hash__(): bigint {
    return complexHash(this.re, this.im);
  }
  __repr__(): string {
    return complexRepr(this.re, this.im);
  }
  __format__(spec: string): string {
    return formatComplex(this, spec);
  }
  __getnewargs__(): unknown {
    return [this.re, this.im];
  }
}

/** An int, bool, float or complex as a complex (undefined for anything else). */
export function operand(x: unknown): PyComplex | undefined {
  if (x instanceof PyComplex) return x;
  if (isNumeric(x)) return new PyComplex(toFloatOrRaise(x), 0);
  return undefined;
}

function toFloatOrRaise(x: PyNumber): number {
  const f = toFloat(x);
  if (!Number.isFinite(f) && typeof x === "bigint") throw new OverflowError("int too large to convert to float");
  return f;
}

/** `1j` in source: the literal's value. */
export function imaginary(imag: number): PyComplex {
  return new PyComplex(0, imag);
}

function product(a: PyComplex, b: PyComplex): PyComplex {
  return new PyComplex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
}

/** CPython's _Py_c_quot (Smith's algorithm, scaled by the larger part of the divisor). */
export function quotient(a: PyComplex, b: PyComplex): PyComplex {
  const absRe = Math.abs(b.re);
  const absIm = Math.abs(b.im);
  if (absRe >= absIm) {
    if (absRe === 0) throw new ZeroDivisionError("complex division by zero");
    const ratio = b.im / b.re;
    const denom = b.re + b.im * ratio;
    return new PyComplex((a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom);
  }
  if (absIm >= absRe) {
    const ratio = b.re / b.im;
    const denom = b.re * ratio + b.im;
    return new PyComplex((a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom);
  }
  return new PyComplex(NaN, NaN);
}

const ONE = new PyComplex(1, 0);

function powUnsigned(x: PyComplex, n: number): PyComplex {
  let r = ONE;
  let p = x;
  let mask = 1;
  while (mask > 0 && n >= mask) {
    if (n & mask) r = product(r, p);
    mask <<= 1;
    p = product(p, p);
  }
  return r;
}

/** CPython's complex_pow: small integral exponents multiply, the rest go through polar form. */
export function complexPow(a: PyComplex, b: PyComplex): PyComplex {
  let r: PyComplex;
  let domainError = false;
  if (b.im === 0 && b.re === Math.floor(b.re) && Math.abs(b.re) <= 100) {
    const n = b.re;
    if (n >= 0) r = powUnsigned(a, n);
    else {
      const denom = powUnsigned(a, -n);
      if (denom.re === 0 && denom.im === 0) domainError = true;
      r = domainError ? new PyComplex(0, 0) : quotient(ONE, denom);
    }
  } else if (b.re === 0 && b.im === 0) r = ONE;
  else if (a.re === 0 && a.im === 0) {
    if (b.im !== 0 || b.re < 0) domainError = true;
    r = new PyComplex(0, 0);
  } else {
    const vabs = hypotExact(a.re, a.im);
    let len = powGlibc(vabs, b.re);
    const at = atan2Glibc(a.im, a.re);
    let phase = at * b.re;
    if (b.im !== 0) {
      len /= expGlibc(at * b.im);
      phase += b.im * logGlibc(vabs);
    }
    // C's cos and sin of an infinity set errno to EDOM, which CPython reports as this error.
    if (phase === Infinity || phase === -Infinity) domainError = true;
    r = new PyComplex(len * cosGlibc(phase), len * sinGlibc(phase));
  }
  if (domainError) throw new ZeroDivisionError("0.0 to a negative or complex power");
  // CPython's _Py_ADJUST_ERANGE2: an infinite part is an overflow, whatever the operands.
  if (Math.abs(r.re) === Infinity || Math.abs(r.im) === Infinity) throw new OverflowError("complex exponentiation");
  return r;
}

/** abs(z): hypot with CPython's rules for infinities and NaN, OverflowError past the range. */
export function complexAbs(z: PyComplex): number {
  if (!Number.isFinite(z.re) || !Number.isFinite(z.im)) {
    if (Math.abs(z.re) === Infinity || Math.abs(z.im) === Infinity) return Infinity;
    return NaN;
  }
  const r = hypotExact(z.re, z.im);
  if (!Number.isFinite(r)) throw new OverflowError("absolute value too large");
  return r;
}

/** A float as complex's repr writes its parts: like repr(float) without a trailing ".0". */
function partRepr(x: number): string {
  const text = floatRepr(x);
  return text.endsWith(".0") ? text.slice(0, -2) : text;
}

/** CPython's complex repr: `1j`, `(1+2j)`, `(-0-1j)`, `(nan+infj)`. */
export function complexRepr(re: number, im: number): string {
  if (re === 0 && !Object.is(re, -0)) return partRepr(im) + "j";
  const negative = !Number.isNaN(im) && (im < 0 || Object.is(im, -0));
  return `(${partRepr(re)}${negative ? "-" : "+"}${partRepr(Math.abs(im))}j)`;
}

/** format(z, spec), as CPython's format_complex_internal. */
function formatComplex(z: PyComplex, text: string): string {
  const spec = parseSpec(text, "complex");
  if (spec.zero || spec.fill === "0") throw new ValueError("Zero padding is not allowed in complex format specifier");
  if (spec.align === "=") throw new ValueError("'=' alignment flag is not allowed in complex format specifier");
  if (!"eEfFgGn".includes(spec.type)) {
    throw new ValueError(`Unknown format code '${spec.type}' for object of type 'complex'`);
  }
  let type = spec.type;
  let skipRe = false;
  let parens = false;
  let shortest = false;
  if (type === "") {
    if (z.re === 0 && !Object.is(z.re, -0)) skipRe = true;
    else parens = true;
    if (spec.precision === undefined) shortest = true;
    else type = "g";
  }
  if (type === "n") type = "g";
  const part = (x: number, sign: FormatSign) => {
    if (shortest) {
      const negative = !Number.isNaN(x) && (x < 0 || Object.is(x, -0));
      const lead = negative ? "-" : sign === "+" ? "+" : sign === " " ? " " : "";
      return lead + partRepr(Math.abs(x));
    }
    return formatFloatText(x, { ...spec, type, sign, width: 0, align: undefined, fill: " ", zero: false });
  };
  const re = skipRe ? "" : part(z.re, spec.sign);
  const im = part(z.im, skipRe ? spec.sign : "+") + "j";
  const body = parens ? `(${re}${im})` : re + im;
  const missing = spec.width - [...body].length;
  if (missing <= 0) return body;
  const fill = spec.fill;
  switch (spec.align ?? ">") {
    case "<":
      return body + fill.repeat(missing);
    case "^": {
      const left = Math.floor(missing / 2);
      return fill.repeat(left) + body + fill.repeat(missing - left);
    }
    default:
      return fill.repeat(missing) + body;
  }
}

type FormatSign = "+" | "-" | " " | undefined;

const NUMBER = String.raw`(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf(?:inity)?|nan)`;
const COMPLEX_TEXT = new RegExp(
  String.raw`^(?:([+-]?${NUMBER})(?:([+-](?:${NUMBER})?)[jJ])?|([+-]?(?:${NUMBER})?)[jJ])$`,
  "i",
);

function parseNumber(text: string): number {
  const t = text.replace(/_/g, "").toLowerCase();
  const sign = t.startsWith("-") ? -1 : 1;
  const body = t.replace(/^[+-]/, "");
  if (body === "") return sign;
  if (body.startsWith("inf")) return sign * Infinity;
  if (body === "nan") return NaN;
  return sign * Number(body);
}

/** complex("1+2j"): CPython's grammar, parentheses and surrounding whitespace allowed. */
function parseComplex(text: string): PyComplex {
  let s = text.trim();
  if (s.startsWith("(") && s.endsWith(")")) s = s.slice(1, -1).trim();
  const m = COMPLEX_TEXT.exec(s);
  if (!m) throw new ValueError("complex() arg is a malformed string");
  if (m[3] !== undefined) return new PyComplex(0, parseNumber(m[3]));
  const re = parseNumber(m[1]!);
  return new PyComplex(re, m[2] !== undefined ? parseNumber(m[2]) : 0);
}

interface ComplexDunders {
  __complex__?: () => unknown;
  __float__?: () => unknown;
  __index__?: () => unknown;
}

/** A constructor argument as a complex part, and whether it was itself complex. */
function argument(x: unknown, position: "first" | "second"): [PyComplex, boolean] {
  if (x instanceof PyComplex) return [x, true];
  if (isNumeric(x)) return [new PyComplex(toFloatOrRaise(x), 0), false];
  const obj = x as ComplexDunders | null;
  if (holdsDunders(obj)) {
    if (typeof obj.__complex__ === "function") {
      const r = obj.__complex__();
      if (!(r instanceof PyComplex)) throw new PyTypeError(`__complex__ returned non-complex (type ${typeName(r)})`);
      return [r, true];
    }
    if (typeof obj.__float__ === "function") {
      const r = obj.__float__();
      if (typeof r !== "number") throw new PyTypeError(`${typeName(obj)}.__float__ returned non-float (type ${typeName(r)})`);
      return [new PyComplex(r, 0), false];
    }
    if (typeof obj.__index__ === "function") return [new PyComplex(Number(obj.__index__() as bigint), 0), false];
  }
  const what = position === "first" ? "first argument" : "second argument";
  throw new PyTypeError(`complex() ${what} must be a string or a number, not '${typeName(x)}'`);
}

/** Python's `complex(real=0, imag=0)`. */
function complexConstructor(...args: unknown[]): PyComplex {
  const [pos, kws] = splitKw(args);
  const real = pos.length > 0 ? pos[0] : kws["real"];
  const imag = pos.length > 1 ? pos[1] : kws["imag"];
  if (typeof real === "string") {
    if (imag !== undefined) throw new PyTypeError("complex() can't take second arg if first is a string");
    return parseComplex(real);
  }
  if (typeof imag === "string") throw new PyTypeError("complex() second arg can't be a string");
  if (real === undefined && imag === undefined) return new PyComplex(0, 0);
  const [cr, crComplex] = real === undefined ? [new PyComplex(0, 0), false] : argument(real, "first");
  if (imag === undefined) return crComplex ? cr : new PyComplex(cr.re, 0);
  const [ci, ciComplex] = argument(imag, "second");
  // real + imag*1j, without multiplying (so signed zeros come out as CPython's).
  const re = ciComplex ? cr.re - ci.im : cr.re;
  const im = crComplex ? ci.re + cr.im : ci.re;
  return new PyComplex(re, im);
}

/** Python's `complex` type object. */
export const complex = defineType(complexConstructor, "complex", (x) => x instanceof PyComplex);
