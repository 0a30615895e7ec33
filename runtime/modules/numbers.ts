// Python's `numbers`: the numeric tower Number > Complex > Real > Rational > Integral.
// isinstance/issubclass place the built-in numbers as CPython registers them (int and bool
// Integral, float Real, complex Complex, Fraction Rational), subclasses by inheritance, and
// classes given to `register`. Known difference: a subclass of Complex/Real/Rational/Integral
// is not refused for lacking the abstract arithmetic methods CPython requires, and the
// tower's mixin methods (Real's `__complex__`, Integral's `__index__`, ...) are not provided.

import { PyTypeError } from "../values/exceptions.js";
import { PyComplex } from "../values/complex.js";
import { isClass } from "../values/typename.js";
import { ABC, abstractmethod } from "./abc.js";
import { pyClass } from "./callable-class.js";
import { Fraction } from "./fractions.js";
import { moduleObject } from "./module-object.js";

/** The tower's levels: 0 Number, 1 Complex, 2 Real, 3 Rational, 4 Integral. */
const LEVEL_NAMES = ["Number", "Complex", "Real", "Rational", "Integral"];

function levelOfValue(x: unknown): number {
  if (typeof x === "bigint" || typeof x === "boolean") return 4;
  if (typeof x === "number") return 2;
  if (x instanceof Fraction) return 3;
  if (x instanceof PyComplex) return 1;
  return -1;
}

function levelOfBuiltinType(cls: unknown): number {
  // (The program's `Fraction` is the class behind pyClass's proxy: same prototype.)
  if ((cls as { prototype?: unknown }).prototype === Fraction.prototype) return 3;
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

export const numbersModule = moduleObject("numbers", {
  Number: level(NumberClass, 0),
  Complex: level(Complex, 1),
  Real: level(Real, 2),
  Rational: level(Rational, 3),
  Integral: level(Integral, 4),
  abstractmethod,
});
