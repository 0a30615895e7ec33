// Python's `fractions.Fraction`, following Lib/fractions.py (3.11): exact rationals on bigint,
// normalised by gcd; construction from ints, Fractions, floats (exactly), and strings
// ('3/4', '-1.5e-3'); arithmetic mixing with int (exact), float and complex (through float),
// comparisons with floats (exact), CPython's hash (equal to an equal int's or float's),
// rounding, limit_denominator. Decimal arguments: pyts has no `decimal` module.

import { add, floordiv, mod, mul, power, sub, truediv } from "../values/arithmetic.js";
import { divmod } from "../values/builtin-functions.js";
import { PyComplex } from "../values/complex.js";
import { OverflowError, PyTypeError, ValueError, ZeroDivisionError } from "../values/exceptions.js";
import { intHash, modPow } from "../values/hash64.js";
import { NUMBER_KEY } from "../values/hashing.js";
import { Decimal } from "./decimal.js";
import { splitKw } from "../values/kwargs.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { asciiDigits } from "../values/int-digits.js";
import { repr } from "../values/repr.js";
import { NotImplemented } from "../values/singletons.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { declareDataAttributes } from "../values/declared-attributes.js";

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Python's floor division on bigints. */
function fdiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function fmod(a: bigint, b: bigint): bigint {
  return a - fdiv(a, b) * b;
}

/** The exact ratio of a finite float (float.as_integer_ratio). */
function floatRatio(x: number): [bigint, bigint] {
  if (Number.isNaN(x)) throw new ValueError("cannot convert NaN to integer ratio");
  if (!Number.isFinite(x)) throw new OverflowError("cannot convert Infinity to integer ratio");
  let d = 1n;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2;
    d *= 2n;
  }
  const n = BigInt(m);
  const g = gcd(n, d);
  return [n / g, d / g];
}


// Lib/fractions.py's _RATIONAL_FORMAT (digits already made ASCII; `\s` is Python's whitespace).
const SPACE = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const RATIONAL = new RegExp(
  `^${SPACE}*(?<sign>[-+]?)(?=\\d|\\.\\d)(?<num>\\d*|\\d+(_\\d+)*)(?:(?:/(?<denom>\\d+(_\\d+)*))?|(?:\\.(?<decimal>d*|\\d+(_\\d+)*))?(?:E(?<exp>[-+]?\\d+(_\\d+)*))?)${SPACE}*$`,
  "i",
);

const isRational = (x: unknown): x is bigint | boolean | Fraction => isIntLike(x) || x instanceof Fraction;

function parts(x: bigint | boolean | Fraction): [bigint, bigint] {
  return x instanceof Fraction ? [x._numerator, x._denominator] : [toBigInt(x), 1n];
}

const MODULUS = 2n ** 61n - 1n;

type Op = (a: unknown, b: unknown) => unknown;

export class Fraction {
  static readonly __module__ = "fractions";
  declare _numerator: bigint;
  declare _denominator: bigint;

  constructor(...args: unknown[]) {
    const [positional, kws] = splitKw(args);
    for (const key of Object.keys(kws)) {
      if (key !== "numerator" && key !== "denominator") throw new PyTypeError(`Fraction.__new__() got an unexpected keyword argument '${key}'`);
    }
    if (positional.length > 2) throw new PyTypeError(`Fraction.__new__() takes from 1 to 3 positional arguments but ${positional.length + 1} were given`);
    let numerator: unknown = positional[0] ?? kws.numerator ?? 0n;
    let denominator: unknown = positional[1] ?? kws.denominator ?? null;
    let n: bigint;
    let d: bigint;
    if (denominator === null || denominator === undefined) {
      if (isRational(numerator)) {
        [this._numerator, this._denominator] = parts(numerator);
        return;
      }
      if (typeof numerator === "number") {
        [this._numerator, this._denominator] = floatRatio(numerator);
        return;
      }
      if (numerator instanceof Decimal) {
        [this._numerator, this._denominator] = numerator.as_integer_ratio().items as [bigint, bigint];
        return;
      }
      if (typeof numerator !== "string") throw new PyTypeError("argument should be a string or a Rational instance");
      const m = RATIONAL.exec(asciiDigits(numerator));
      if (m === null) throw new ValueError(`Invalid literal for Fraction: ${repr(numerator)}`);
      const g = m.groups!;
      n = BigInt((g.num || "0").replaceAll("_", ""));
      if (g.denom) d = BigInt(g.denom.replaceAll("_", ""));
      else {
        d = 1n;
        if (g.decimal) {
          const decimal = g.decimal.replaceAll("_", "");
          const scale = 10n ** BigInt(decimal.length);
          n = n * scale + BigInt(decimal);
          d *= scale;
        }
        if (g.exp) {
          const exp = BigInt(g.exp.replaceAll("_", ""));
          if (exp >= 0n) n *= 10n ** exp;
          else d *= 10n ** -exp;
        }
      }
      if (g.sign === "-") n = -n;
    } else if (isRational(numerator) && isRational(denominator)) {
      const [na, da] = parts(numerator);
      const [nb, db] = parts(denominator);
      [n, d] = [na * db, nb * da];
    } else throw new PyTypeError("both arguments should be Rational instances");
    if (d === 0n) throw new ZeroDivisionError(`Fraction(${n}, 0)`);
    let g = gcd(n, d);
    if (d < 0n) g = -g;
    this._numerator = n / g;
    this._denominator = d / g;
  }

  /** A Fraction from parts already in lowest terms (`_normalize=False`). */
  static raw(n: bigint, d: bigint): Fraction {
    if (d === 0n) throw new ZeroDivisionError(`Fraction(${n}, 0)`);
    const f = Object.create(Fraction.prototype) as Fraction;
    f._numerator = n;
    f._denominator = d;
    return f;
  }

  static from_float(f: unknown): Fraction {
    if (isIntLike(f)) return new Fraction(f);
    if (typeof f !== "number") throw new PyTypeError(`Fraction.from_float() only takes floats, not ${repr(f)} (${typeName(f)})`);
    return new Fraction(...floatRatio(f));
  }

  static from_decimal(dec: unknown): Fraction {
    if (isIntLike(dec) || dec instanceof Decimal) return new Fraction(dec);
    throw new PyTypeError(`Fraction.from_decimal() only takes Decimals, not ${repr(dec)} (${typeName(dec)})`);
  }

  get numerator(): bigint {
    return this._numerator;
  }

  get denominator(): bigint {
    return this._denominator;
  }

  // (numbers.Real's: a Fraction is its own real part)
  get real(): Fraction {
    return this.__pos__();
  }

  get imag(): bigint {
    return 0n;
  }

  conjugate(): Fraction {
    return this.__pos__();
  }

  as_integer_ratio(): Tuple {
    return Tuple.from([this._numerator, this._denominator]);
  }

  limit_denominator(...args: unknown[]): Fraction {
    const [[maxArg], kws] = splitKw(args);
    const max = toBigInt((maxArg ?? kws.max_denominator ?? 1000000n) as bigint);
    if (max < 1n) throw new ValueError("max_denominator should be at least 1");
    if (this._denominator <= max) return new Fraction(this);
    let [p0, q0, p1, q1] = [0n, 1n, 1n, 0n];
    let [n, d] = [this._numerator, this._denominator];
    for (;;) {
      const a = fdiv(n, d);
      const q2 = q0 + a * q1;
      if (q2 > max) break;
      [p0, q0, p1, q1] = [p1, q1, p0 + a * p1, q2];
      [n, d] = [d, n - a * d];
    }
    const k = fdiv(max - q0, q1);
    const bound1 = new Fraction(p0 + k * p1, q0 + k * q1);
    const bound2 = new Fraction(p1, q1);
    const dist = (f: Fraction): Fraction => Fraction.abs(subF(f, this));
    return compareF(dist(bound2), dist(bound1)) <= 0 ? bound2 : bound1;
  }

  private static abs(f: Fraction): Fraction {
    return Fraction.raw(f._numerator < 0n ? -f._numerator : f._numerator, f._denominator);
  }

  __repr__(): string {
    return `${typeName(this)}(${this._numerator}, ${this._denominator})`;
  }

  __str__(): string {
    return this._denominator === 1n ? String(this._numerator) : `${this._numerator}/${this._denominator}`;
  }

  __format__(spec: unknown): string {
    if (spec === "") return this.__str__();
    throw new PyTypeError(`unsupported format string passed to ${typeName(this)}.__format__`);
  }

  __float__(): number {
    return truediv(this._numerator, this._denominator) as number;
  }

  __complex__(): PyComplex {
    return new PyComplex(this.__float__(), 0);
  }

  __add__(b: unknown): unknown {
    return forward(this, b, addF, add);
  }
  __radd__(a: unknown): unknown {
    return reverse(this, a, addF, add);
  }
  __sub__(b: unknown): unknown {
    return forward(this, b, subF, sub);
  }
  __rsub__(a: unknown): unknown {
    return reverse(this, a, subF, sub);
  }
  __mul__(b: unknown): unknown {
    return forward(this, b, mulF, mul);
  }
  __rmul__(a: unknown): unknown {
    return reverse(this, a, mulF, mul);
  }
  __truediv__(b: unknown): unknown {
    return forward(this, b, divF, truediv);
  }
  __rtruediv__(a: unknown): unknown {
    return reverse(this, a, divF, truediv);
  }
  __floordiv__(b: unknown): unknown {
    return forward(this, b, floordivF, floordiv);
  }
  __rfloordiv__(a: unknown): unknown {
    return reverse(this, a, floordivF, floordiv);
  }
  __mod__(b: unknown): unknown {
    return forward(this, b, modF, mod);
  }
  __rmod__(a: unknown): unknown {
    return reverse(this, a, modF, mod);
  }
  __divmod__(b: unknown): unknown {
    return forward(this, b, divmodF, divmod as Op);
  }
  __rdivmod__(a: unknown): unknown {
    return reverse(this, a, divmodF, divmod as Op);
  }

  __pow__(b: unknown, modulo?: unknown): unknown {
    if (modulo !== undefined && modulo !== null) return NotImplemented;
    if (isRational(b)) {
      const [bn, bd] = parts(b);
      if (bd !== 1n) return power(this.__float__(), truediv(bn, bd));
      const [n, d] = [this._numerator, this._denominator];
      if (bn >= 0n) return Fraction.raw(n ** bn, d ** bn);
      if (n >= 0n) return Fraction.raw(d ** -bn, n ** -bn);
      return Fraction.raw((-d) ** -bn, (-n) ** -bn);
    }
    return power(this.__float__(), b);
  }

  __rpow__(a: unknown): unknown {
    if (this._denominator === 1n && this._numerator >= 0n) return power(a, this._numerator);
    if (isRational(a)) return new Fraction(...parts(a)).__pow__(this);
    if (this._denominator === 1n) return power(a, this._numerator);
    return power(a, this.__float__());
  }

  __pos__(): Fraction {
    return Fraction.raw(this._numerator, this._denominator);
  }
  __neg__(): Fraction {
    return Fraction.raw(-this._numerator, this._denominator);
  }
  __abs__(): Fraction {
    return Fraction.abs(this);
  }
  __int__(): bigint {
    return this.__trunc__();
  }
  __trunc__(): bigint {
    return this._numerator < 0n ? -fdiv(-this._numerator, this._denominator) : fdiv(this._numerator, this._denominator);
  }
  __floor__(): bigint {
    return fdiv(this._numerator, this._denominator);
  }
  __ceil__(): bigint {
    return -fdiv(-this._numerator, this._denominator);
  }

  __round__(ndigits?: unknown): unknown {
    if (ndigits === undefined || ndigits === null) {
      const floor = fdiv(this._numerator, this._denominator);
      const remainder = this._numerator - floor * this._denominator;
      if (remainder * 2n < this._denominator) return floor;
      if (remainder * 2n > this._denominator) return floor + 1n;
      return floor % 2n === 0n ? floor : floor + 1n;
    }
    const digits = toBigInt(ndigits as bigint);
    const shift = 10n ** (digits < 0n ? -digits : digits);
    if (digits > 0n) return new Fraction(mulF(this, Fraction.raw(shift, 1n)).__round__() as bigint, shift);
    return new Fraction((divF(this, Fraction.raw(shift, 1n)).__round__() as bigint) * shift);
  }

  __hash__(): bigint {
    let hash: bigint;
    if (this._denominator % MODULUS === 0n) hash = 314159n;
    else {
      const dinv = modPow(this._denominator, MODULUS - 2n, MODULUS);
      hash = intHash(intHash(this._numerator < 0n ? -this._numerator : this._numerator) * dinv);
    }
    const result = this._numerator >= 0n ? hash : -hash;
    return result === -1n ? -2n : result;
  }

  __eq__(b: unknown): unknown {
    if (isRational(b)) {
      const [n, d] = parts(b);
      return this._numerator === n && this._denominator === d;
    }
    if (b instanceof PyComplex && b.imag === 0) b = b.real;
    if (typeof b === "number") {
      if (!Number.isFinite(b)) return false;
      return this.__eq__(Fraction.from_float(b));
    }
    return NotImplemented;
  }

  __lt__(b: unknown): unknown {
    return richcmp(this, b, (c) => c < 0);
  }
  __gt__(b: unknown): unknown {
    return richcmp(this, b, (c) => c > 0);
  }
  __le__(b: unknown): unknown {
    return richcmp(this, b, (c) => c <= 0);
  }
  __ge__(b: unknown): unknown {
    return richcmp(this, b, (c) => c >= 0);
  }

  /** The int or float equal to this fraction, if any: the same dict/set key. */
  [NUMBER_KEY](): bigint | number | undefined {
    if (this._denominator === 1n) return this._numerator;
    const f = this.__float__();
    return Number.isFinite(f) && this.__eq__(f) === true ? f : undefined;
  }

  __bool__(): boolean {
    return this._numerator !== 0n;
  }

  __reduce__(): Tuple {
    return Tuple.from([this.constructor, Tuple.from([this._numerator, this._denominator])]);
  }

  __copy__(): Fraction {
    return this;
  }

  __deepcopy__(_memo: unknown): Fraction {
    return this;
  }
}

function compareF(a: Fraction, b: Fraction): number {
  const l = a._numerator * b._denominator;
  const r = a._denominator * b._numerator;
  return l < r ? -1 : l > r ? 1 : 0;
}

function richcmp(self: Fraction, other: unknown, test: (c: number) => boolean): unknown {
  if (isRational(other)) return test(compareF(self, new Fraction(...parts(other))));
  if (typeof other === "number") {
    if (Number.isNaN(other)) return false;
    if (!Number.isFinite(other)) return test(other > 0 ? -1 : 1);
    return test(compareF(self, Fraction.from_float(other)));
  }
  return NotImplemented;
}

function forward(a: Fraction, b: unknown, exact: (a: Fraction, b: Fraction) => unknown, fallback: Op): unknown {
  if (isRational(b)) return exact(a, b instanceof Fraction ? b : Fraction.raw(toBigInt(b), 1n));
  if (typeof b === "number") return fallback(a.__float__(), b);
  if (b instanceof PyComplex) return fallback(a.__complex__(), b);
  return NotImplemented;
}

function reverse(b: Fraction, a: unknown, exact: (a: Fraction, b: Fraction) => unknown, fallback: Op): unknown {
  if (isRational(a)) return exact(a instanceof Fraction ? a : Fraction.raw(toBigInt(a), 1n), b);
  if (typeof a === "number") return fallback(a, b.__float__());
  if (a instanceof PyComplex) return fallback(a, b.__complex__());
  return NotImplemented;
}

function addF(a: Fraction, b: Fraction): Fraction {
  return addSub(a, b, 1n);
}

function subF(a: Fraction, b: Fraction): Fraction {
  return addSub(a, b, -1n);
}

function addSub(a: Fraction, b: Fraction, sign: bigint): Fraction {
  const [na, da] = [a._numerator, a._denominator];
  const [nb, db] = [b._numerator * sign, b._denominator];
  const g = gcd(da, db);
  if (g === 1n) return Fraction.raw(na * db + da * nb, da * db);
  const s = da / g;
  const t = na * (db / g) + nb * s;
  const g2 = gcd(t, g);
  if (g2 === 1n) return Fraction.raw(t, s * db);
  return Fraction.raw(t / g2, s * (db / g2));
}

function mulF(a: Fraction, b: Fraction): Fraction {
  let [na, da, nb, db] = [a._numerator, a._denominator, b._numerator, b._denominator];
  const g1 = gcd(na, db);
  if (g1 > 1n) [na, db] = [na / g1, db / g1];
  const g2 = gcd(nb, da);
  if (g2 > 1n) [nb, da] = [nb / g2, da / g2];
  return Fraction.raw(na * nb, db * da);
}

function divF(a: Fraction, b: Fraction): Fraction {
  let [na, da, nb, db] = [a._numerator, a._denominator, b._numerator, b._denominator];
  const g1 = gcd(na, nb);
  if (g1 > 1n) [na, nb] = [na / g1, nb / g1];
  const g2 = gcd(db, da);
  if (g2 > 1n) [da, db] = [da / g2, db / g2];
  let [n, d] = [na * db, nb * da];
  if (d < 0n) [n, d] = [-n, -d];
  return Fraction.raw(n, d);
}

function floordivF(a: Fraction, b: Fraction): bigint {
  const d = a._denominator * b._numerator;
  if (d === 0n) throw new ZeroDivisionError("integer division or modulo by zero");
  return fdiv(a._numerator * b._denominator, d);
}

function divmodF(a: Fraction, b: Fraction): Tuple {
  const [da, db] = [a._denominator, b._denominator];
  const divisor = da * b._numerator;
  if (divisor === 0n) throw new ZeroDivisionError("integer division or modulo by zero");
  const div = fdiv(a._numerator * db, divisor);
  return Tuple.from([div, new Fraction(a._numerator * db - div * divisor, da * db)]);
}

function modF(a: Fraction, b: Fraction): Fraction {
  const [da, db] = [a._denominator, b._denominator];
  const divisor = b._numerator * da;
  if (divisor === 0n) throw new ZeroDivisionError("integer modulo by zero");
  return new Fraction(fmod(a._numerator * db, divisor), da * db);
}


export const fractionsModule = moduleObject("fractions", { Fraction: pyClass(Fraction) });

// (`Fraction.real`: numbers.Real's properties, read off the class)
declareDataAttributes(Fraction, "property", "real imag");
