// Python's `numbers`: the numeric tower Number > Complex > Real > Rational > Integral.
// isinstance/issubclass place the built-in numbers as CPython registers them (int and bool
// Integral, float Real, complex Complex, Fraction Rational), subclasses by inheritance, and
// classes given to `register`; Decimal is a Number, as decimal.py registers it. Each level
// declares CPython's abstract methods (a subclass lacking one cannot be instantiated) and
// gives its mixin methods (Complex's `__sub__`/`__bool__`, Real's `__complex__`, `real`,
// `imag`, `conjugate`, `__divmod__`; Rational's `__float__`; Integral's `__index__`, ...).

import { add, floordiv, mod, neg, pos, truediv } from "../values/arithmetic.js";
import { float, int } from "../values/builtin-types.js";
import { ne } from "../values/compare.js";
import { PyTypeError } from "../values/exceptions.js";
import { Tuple } from "../values/tuple.js";
import { abstract } from "./collections-abc-base.js";
import { PyComplex } from "../values/complex.js";
import { isClass } from "../values/typename.js";
import { ABC, abstractmethod } from "./abc.js";
import { pyClass } from "./callable-class.js";
import { Fraction } from "./fractions.js";
import { moduleObject } from "./module-object.js";

/** The tower's levels: 0 Number, 1 Complex, 2 Real, 3 Rational, 4 Integral. */
const LEVEL_NAMES = ["Number", "Complex", "Real", "Rational", "Integral"];

/** decimal.Decimal (known by name: numbers does not load the decimal module). */
function isDecimalClass(cls: unknown): boolean {
  return typeof cls === "function" && (cls as { __module__?: unknown }).__module__ === "decimal" && (cls as { name?: unknown }).name === "Decimal";
}

function levelOfValue(x: unknown): number {
  if (typeof x === "bigint" || typeof x === "boolean") return 4;
  if (typeof x === "number") return 2;
  if (x instanceof Fraction) return 3;
  if (x instanceof PyComplex) return 1;
  if (typeof x === "object" && x !== null && isDecimalClass(x.constructor)) return 0;
  return -1;
}

function levelOfBuiltinType(cls: unknown): number {
  // (The program's `Fraction` is the class behind pyClass's proxy: same prototype.)
  if ((cls as { prototype?: unknown }).prototype === Fraction.prototype) return 3;
  if (isDecimalClass(cls)) return 0;
  const name = (cls as { __name__?: unknown }).__name__;
  return name === "int" || name === "bool" ? 4 : name === "float" ? 2 : name === "complex" ? 1 : -1;
}

const registry = new Map<Function, Set<Function>>();

function registered(abc: Function, cls: Function): boolean {
  for (const [target, classes] of registry) {
    if (target !== abc && !((target as { prototype: object }).prototype instanceof (abc as new () => unknown))) continue;
    for (const c of classes) if (c === cls || (cls as { prototype: object }).prototype instanceof (c as new () => unknown)) return true;
  }
  return false;
}

class NumberBase extends ABC {
  declare static level?: number;

  static __instancecheck__(this: Function & { level?: number }, x: unknown): boolean {
    if (x instanceof (this as unknown as new () => unknown)) return true;
    const own = Object.hasOwn(this, "level") ? this.level : undefined;
    if (own !== undefined && levelOfValue(x) >= own) return true;
    const cls = x === null || x === undefined ? null : (Object(x) as { constructor: Function }).constructor;
    return cls !== null && registered(this, cls);
  }

  static __subclasscheck__(this: Function & { level?: number }, cls: unknown): boolean {
    if (!isClass(cls)) throw new PyTypeError("issubclass() arg 1 must be a class");
    if (cls === this || (cls as { prototype?: unknown }).prototype instanceof (this as unknown as new () => unknown)) return true;
    const own = Object.hasOwn(this, "level") ? this.level : undefined;
    if (own !== undefined && levelOfBuiltinType(cls) >= own) return true;
    return registered(this, cls as Function);
  }

  static register(this: Function, cls: unknown): unknown {
    if (!isClass(cls)) throw new PyTypeError("Can only register classes");
    let set = registry.get(this);
    if (set === undefined) registry.set(this, (set = new Set()));
    set.add(cls as Function);
    return cls;
  }
}

function level<C extends abstract new (...args: never[]) => unknown>(cls: C, n: number) {
  Object.defineProperties(cls, {
    name: { value: LEVEL_NAMES[n] },
    level: { value: n },
    __module__: { value: "numbers", writable: true, configurable: true },
    __pytype__: { value: true },
    __instancecheck__: { value: NumberBase.__instancecheck__, writable: true, configurable: true },
  });
  return pyClass(cls);
}

const NumberClass = class extends NumberBase {};
const Complex = class extends NumberClass {};
const Real = class extends Complex {};
const Rational = class extends Real {};
const Integral = class extends Rational {};

// CPython's abstract methods per level, and the mixin methods each level defines.
abstract(Complex, "__complex__", "real", "imag", "__add__", "__radd__", "__neg__", "__pos__", "__mul__", "__rmul__", "__truediv__", "__rtruediv__", "__pow__", "__rpow__", "__abs__", "conjugate", "__eq__");
abstract(Real, "__float__", "__trunc__", "__floor__", "__ceil__", "__round__", "__floordiv__", "__rfloordiv__", "__mod__", "__rmod__", "__lt__", "__le__");
abstract(Rational, "numerator", "denominator");
abstract(Integral, "__int__", "__lshift__", "__rlshift__", "__rshift__", "__rrshift__", "__and__", "__rand__", "__xor__", "__rxor__", "__or__", "__ror__", "__invert__");

function mixins(cls: { prototype: object }, members: Record<string, ((this: any, ...a: any[]) => unknown) | { get(this: any): unknown }>): void {
  for (const [name, member] of Object.entries(members)) {
    const descriptor: PropertyDescriptor = typeof member === "function" ? { value: member, writable: true } : { get: member.get };
    Object.defineProperty(cls.prototype, name, { ...descriptor, configurable: true });
  }
}

mixins(Complex, {
  __bool__(this: unknown) {
    return ne(this, 0n);
  },
  __sub__(this: unknown, other: unknown) {
    return add(this, neg(other));
  },
  __rsub__(this: unknown, other: unknown) {
    return add(neg(this), other);
  },
});
mixins(Real, {
  __complex__(this: unknown) {
    return new PyComplex(float(this) as number, 0);
  },
  real: { get: function (this: unknown) { return pos(this); } },
  imag: { get: () => 0n },
  conjugate(this: unknown) {
    return pos(this);
  },
  __divmod__(this: unknown, other: unknown) {
    return Tuple.from([floordiv(this, other), mod(this, other)]);
  },
  __rdivmod__(this: unknown, other: unknown) {
    return Tuple.from([floordiv(other, this), mod(other, this)]);
  },
});
mixins(Rational, {
  real: { get: function (this: unknown) { return pos(this); } },
  __float__(this: { numerator: unknown; denominator: unknown }) {
    return truediv(int(this.numerator), int(this.denominator));
  },
});
mixins(Integral, {
  __index__(this: unknown) {
    return int(this);
  },
  __float__(this: unknown) {
    return float(int(this));
  },
  numerator: { get: function (this: unknown) { return pos(this); } },
  denominator: { get: () => 1n },
});

export const numbersModule = moduleObject("numbers", {
  Number: level(NumberClass, 0),
  Complex: level(Complex, 1),
  Real: level(Real, 2),
  Rational: level(Rational, 3),
  Integral: level(Integral, 4),
  abstractmethod,
});
