// Base classes for user subclasses of the immutable built-ins: `class Name(str)`,
// `class PositiveInt(int)`, `class Celsius(float)`, `class Tags(tuple)`, `class B(bytes)`,
// `class F(frozenset)`.
//
// str, int and float values are JS primitives, so instances of their subclasses are wrapped
// values (values/wrapped.ts): objects holding the primitive. The bases below give them the
// built-in type's methods (`Name("a").upper()`, returning a plain str as CPython does) and
// dunders (repr, hash, comparisons, arithmetic, len, iteration, format), each working on the
// primitive, so a subclass may override any of them and `super()` reaches them.
// tuple, bytes and frozenset are runtime classes already: their subclasses extend them.
//
// Construction follows CPython: the class's `__new__` (a user one, or the base's, which makes
// the value from the arguments as the built-in constructor does), then `__init__` when the
// result is an instance of the class. `super().__new__(cls, value)` is `objectNew(cls, value)`.

import { noteNewResult } from "./new-result.js";
import { RUNTIME_BASES } from "./runtime-bases.js";
import { markTypeMethods, sequenceResult } from "../values/type-dunders.js";
import { BUILTIN_BINARY, invert, neg, pos, SEQUENCE_SLOT } from "../values/arithmetic.js";
import { abs, divmod, pow, round } from "../values/builtin-functions.js";
import { isIntLike } from "../values/numeric.js";
import { NotImplemented } from "../values/singletons.js";
import { bytearray, bytes, float, frozenset, int, setSource, tuple } from "../values/builtin-types.js";
import { Bytes } from "../values/bytes.js";
import { ByteArray } from "../values/bytearray.js";
import { builtinCompare, eq, ge, gt, le, lt, ne, type Dunder } from "../values/compare.js";
import { builtinFunction, classMethodFor, type PyTypeObject } from "../values/builtin-type.js";
import { typeName } from "../values/typename.js";
import { in_ } from "../values/contains.js";
import { PyTypeError } from "../values/exceptions.js";
import { format } from "../values/format-spec.js";
import { INHERITED_HASH, pyHash } from "../values/hashing.js";
import { iter, iterable } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { callTableMethod, FLOAT_METHODS, INT_METHODS } from "../values/methods.js";
import { repr, str, toStr } from "../values/repr.js";
import { FrozenSet } from "../values/set.js";
import { STR_METHODS } from "../values/str-methods.js";
import { getitem } from "../values/subscript.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import type { IterableBase } from "./builtin-bases.js";
import { defineContainerDunders } from "./container-dunders.js";
import { CREATORS, FloatValue, IntValue, PRIMITIVE, PYTHON_TYPE, StrValue, unwrap, wrapValue, type Creator, type WrappedValue } from "../values/wrapped.js";

/** A subclass's constructor: its `__new__` (or the base's), then its `__init__`. */
function construct(cls: any, base: Function, args: unknown[]): any {
  const make = cls.__new__;
  const instance = typeof make === "function" && make !== (base as { __new__?: unknown }).__new__ ? make.apply(cls, args) : CREATORS.get(base)!(cls, args);
  if (instance instanceof cls) {
    const init = (instance as { __init__?: unknown }).__init__;
    if (typeof init === "function") init.apply(instance, args);
  }
  // A JS constructor cannot give a primitive (`__new__` returning a plain str): `newResult`
  // around the `new` hands it on (the object returned here is dropped).
  noteNewResult(instance);
  return instance === null || (typeof instance !== "object" && typeof instance !== "function") ? {} : instance;
}

/** `pythonType` is read late: the type objects' module imports this one (a cycle). */
function defineBase(base: Function, pythonType: () => unknown, create: Creator): void {
  CREATORS.set(base, create);
  Object.defineProperty(base, PYTHON_TYPE, { get: pythonType });
  // `str.__new__`'s counterpart on the base: called with the class as `this`.
  Object.defineProperty(base, "__new__", {
    value: function (this: Function, ...args: unknown[]) {
      return create(this, args);
    },
    writable: true,
    configurable: true,
  });
}

function noKeywords(name: string, args: unknown[]): unknown[] {
  const [positional, keywords] = splitKw(args);
  if (Object.keys(keywords).length > 0) throw new PyTypeError(`${name}() takes no keyword arguments`);
  if (positional.length > 1) throw new PyTypeError(`${name} expected at most 1 argument, got ${positional.length}`);
  return positional;
}

/** `str(object="", encoding=..., errors=...)`'s arguments, checked as CPython's str.__new__ does. */
function strArguments(args: unknown[]): unknown[] {
  const [positional, keywords] = splitKw(args);
  for (const name of Object.keys(keywords)) {
    if (!["object", "encoding", "errors"].includes(name)) throw new PyTypeError(`'${name}' is an invalid keyword argument for str()`);
  }
  const count = positional.length + Object.keys(keywords).length;
  if (count > 3) throw new PyTypeError(`str() takes at most 3 arguments (${count} given)`);
  return args;
}

class StrBaseImpl extends StrValue {
  constructor(...args: unknown[]) {
    super();
    return construct(new.target, StrBaseImpl, args);
  }
}
class IntBaseImpl extends IntValue {
  constructor(...args: unknown[]) {
    super();
    return construct(new.target, IntBaseImpl, args);
  }
}
class FloatBaseImpl extends FloatValue {
  constructor(...args: unknown[]) {
    super();
    return construct(new.target, FloatBaseImpl, args);
  }
}
class TupleBaseImpl extends Tuple<any> {
  constructor(...args: unknown[]) {
    super();
    return construct(new.target, TupleBaseImpl, args);
  }
}
class FrozenSetBaseImpl extends FrozenSet<any> {
  constructor(...args: unknown[]) {
    super();
    return construct(new.target, FrozenSetBaseImpl, args);
  }
}
class BytesBaseImpl extends Bytes {
  constructor(...args: unknown[]) {
    super(0);
    return construct(new.target, BytesBaseImpl, args);
  }
}
/**
 * `class Buf(bytearray)`: as CPython's bytearray, `__new__` makes an empty one and `__init__`
 * fills it (so a subclass's `__init__` calling `super().__init__(data)` does).
 */
class ByteArrayBaseImpl extends ByteArray {
  constructor(...args: unknown[]) {
    super(0);
    return construct(new.target, ByteArrayBaseImpl, args);
  }

  __init__(...args: unknown[]): null {
    this.replaceWith((bytearray as (...a: unknown[]) => ByteArray)(...args));
    return null;
  }
}

defineBase(StrBaseImpl, () => str, (cls, args) => wrapValue(StrValue, cls, str(...strArguments(args))));
defineBase(IntBaseImpl, () => int, (cls, args) => wrapValue(IntValue, cls, int(...args)));
defineBase(FloatBaseImpl, () => float, (cls, args) => wrapValue(FloatValue, cls, float(...(noKeywords("float", args) as [unknown]))));
defineBase(TupleBaseImpl, () => tuple, (cls, args) => {
  const [source] = noKeywords("tuple", args);
  const instance = Reflect.construct(Tuple, [Array.from(iterable(source ?? []))], cls) as object;
  // The items are no attribute of the instance (`vars(row)` shows only what was set on it).
  Object.defineProperty(instance, "items", { enumerable: false });
  return instance;
});
defineBase(FrozenSetBaseImpl, () => frozenset, (cls, args) => {
  const [source] = noKeywords("frozenset", args);
  return Reflect.construct(FrozenSet, [setSource(source ?? [])], cls) as object;
});
defineBase(BytesBaseImpl, () => bytes, (cls, args) => {
  const value = (bytes as (...a: unknown[]) => Bytes)(...args);
  const instance = Reflect.construct(Bytes, [value.length], cls) as Bytes;
  instance.set(value);
  return instance;
});

defineBase(ByteArrayBaseImpl, () => bytearray, (cls) => Reflect.construct(ByteArray, [0], cls) as object);

defineContainerDunders(TupleBaseImpl.prototype, { mutable: false, iterate: (self: Tuple) => self.items[Symbol.iterator]() });
defineContainerDunders(FrozenSetBaseImpl.prototype, { mutable: false, iterate: (self: FrozenSet) => FrozenSet.prototype[Symbol.iterator].call(self) });

// --- what the wrapped values inherit from str, int and float ---

type Fn = (this: WrappedValue, ...args: any[]) => unknown;

function define(proto: object, name: PropertyKey, fn: Fn): void {
  if (Object.hasOwn(proto, name)) return;
  Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
}

/** The primitive of a wrapped value (or a plain one: `str.__len__("ab")` runs these too). */
function value(self: WrappedValue | string | bigint | number): any {
  return typeof self === "object" ? self[PRIMITIVE] : self;
}

/** The built-in type's methods (`upper`, `bit_length`, `is_integer`...), on the primitive. */
function defineMethods(proto: object, table: Record<string, (self: never, ...args: unknown[]) => unknown>): void {
  for (const name of Object.keys(table)) {
    define(proto, name, function (...args) {
      return callTableMethod(table, value(this), name, args.map(unwrap));
    });
  }
}

/** Is `other` an operand of int's own arithmetic (an int or bool, or a subclass's instance)? */
const intOperand = (other: unknown): boolean => isIntLike(unwrap(other));
/** float's: a float or an int. */
const floatOperand = (other: unknown): boolean => {
  const x = unwrap(other);
  return typeof x === "number" || isIntLike(x);
};

/**
 * `__add__`/`__radd__`... for the operator stems the type supports. With `fits`, an operand of
 * another type gives NotImplemented, as CPython's number slots do (`int.__add__(1, 2.0)`); the
 * operator itself then tries the other operand's reflected method.
 */
function defineArithmetic(proto: object, stems: string[], reflected: boolean, fits?: (other: unknown) => boolean): void {
  for (const stem of stems) {
    const builtin = BUILTIN_BINARY[stem]!;
    define(proto, `__${stem}__`, function (other, ...modulo) {
      if (fits !== undefined && !fits(other)) return NotImplemented;
      if (stem === "pow" && modulo.length > 0 && modulo[0] !== null) return powModulo(fits === intOperand, value(this), other, modulo[0]);
      return builtin(value(this), unwrap(other));
    });
    if (reflected) {
      define(proto, `__r${stem}__`, function (other, ...modulo) {
        if (fits !== undefined && !fits(other)) return NotImplemented;
        if (stem === "pow" && modulo.length > 0 && modulo[0] !== null) return powModulo(fits === intOperand, other, value(this), modulo[0]);
        return builtin(unwrap(other), value(this));
      });
    }
  }
}

/** `int.__pow__(2, 3, 5)`: three-argument pow, for ints only (float's raises as CPython's). */
function powModulo(ints: boolean, base: unknown, exponent: unknown, modulus: unknown): unknown {
  if (!ints) throw new PyTypeError("pow() 3rd argument not allowed unless all arguments are integers");
  if (!intOperand(modulus)) return NotImplemented;
  return pow(unwrap(base), unwrap(exponent), unwrap(modulus));
}

function defineCommon(proto: object, fits?: (other: unknown) => boolean): void {
  for (const op of ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"] as Dunder[]) {
    define(proto, op, function (other) {
      if (fits !== undefined && !fits(other)) return NotImplemented;
      return builtinCompare(this, other, op);
    });
  }
  const hash: Fn = function () {
    return pyHash(value(this));
  };
  Object.defineProperty(hash, INHERITED_HASH, { value: true });
  define(proto, "__hash__", hash);
  define(proto, "__repr__", function () {
    const plain = value(this);
    // (`int.__repr__(True)` is "1": int's repr, not bool's)
    return repr(typeof plain === "boolean" ? BigInt(plain) : plain);
  });
  // An empty format spec is `str(self)` (the subclass's own __str__ or __repr__ shows).
  define(proto, "__format__", function (spec) {
    return spec === "" ? toStr(this) : format(value(this), unwrap(spec));
  });
  define(proto, "__getnewargs__", function () {
    return Tuple.of(value(this));
  });
}

function defineNumber(proto: object, isInt: boolean): void {
  const fits = isInt ? intOperand : floatOperand;
  defineCommon(proto, fits);
  const stems = ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow"];
  defineArithmetic(proto, isInt ? [...stems, "lshift", "rshift", "and", "xor", "or"] : stems, true, fits);
  define(proto, "__divmod__", function (other) {
    return fits(other) ? divmod(value(this), unwrap(other)) : NotImplemented;
  });
  define(proto, "__rdivmod__", function (other) {
    return fits(other) ? divmod(unwrap(other), value(this)) : NotImplemented;
  });
  define(proto, "__neg__", function () {
    return neg(value(this));
  });
  define(proto, "__pos__", function () {
    return pos(value(this));
  });
  define(proto, "__abs__", function () {
    return abs(value(this));
  });
  define(proto, "__bool__", function () {
    return truthy(value(this));
  });
  define(proto, "__int__", function () {
    return int(value(this));
  });
  define(proto, "__float__", function () {
    return float(value(this));
  });
  define(proto, "__trunc__", function () {
    return int(value(this));
  });
  define(proto, "__round__", function (...args) {
    return round(value(this), ...args);
  });
  if (isInt) {
    define(proto, "__index__", function () {
      return value(this);
    });
    define(proto, "__invert__", function () {
      return invert(value(this));
    });
  }
}

const strProto = StrBaseImpl.prototype;
defineCommon(strProto);
defineMethods(strProto, STR_METHODS);
defineArithmetic(strProto, ["mod"], false);
// str's concat and repeat called as methods raise for a foreign operand, as CPython's do
// (`Name("a").__add__(1)`); the operators skip them (SEQUENCE_SLOT) and fall back to the
// built-in operation of the plain value, after the other operand's reflected method.
for (const [name, apply] of [
  ["__add__", (self: string, other: unknown) => BUILTIN_BINARY["add"]!(self, other)],
  ["__mul__", (self: string, other: unknown) => BUILTIN_BINARY["mul"]!(self, other)],
  ["__rmul__", (self: string, other: unknown) => BUILTIN_BINARY["mul"]!(other, self)],
] as const) {
  const method: Fn = function (other) {
    return sequenceResult(str as unknown as PyTypeObject, name, other, apply(value(this), unwrap(other)));
  };
  Object.defineProperty(method, SEQUENCE_SLOT, { value: true });
  define(strProto, name, method);
}
define(strProto, "__str__", function () {
  return value(this);
});
define(strProto, "__len__", function () {
  return BigInt(Array.from(value(this) as string).length);
});
define(strProto, "__getitem__", function (key) {
  return getitem(value(this), unwrap(key));
});
define(strProto, "__contains__", function (item) {
  return in_(unwrap(item), value(this));
});
define(strProto, "__iter__", function () {
  return iter(value(this));
});
define(strProto, Symbol.iterator, function () {
  return (value(this) as string)[Symbol.iterator]();
});

defineNumber(IntBaseImpl.prototype, true);
defineMethods(IntBaseImpl.prototype, INT_METHODS);
defineNumber(FloatBaseImpl.prototype, false);
defineMethods(FloatBaseImpl.prototype, FLOAT_METHODS);

/** `Mask(3).from_bytes`: the built-in type's class method read off an instance, bound to its class. */
function defineClassMethodReads(proto: object, type: PyTypeObject, name: string): void {
  Object.defineProperty(proto, name, {
    get(this: object) {
      return classMethodFor((type as unknown as Record<string, unknown>)[name], (Object.getPrototypeOf(this) as { constructor: Function }).constructor);
    },
    configurable: true,
  });
}
defineClassMethodReads(IntBaseImpl.prototype, int, "from_bytes");
defineClassMethodReads(FloatBaseImpl.prototype, float, "fromhex");

/**
 * Typed loosely for emitted code (a subclass may define methods of any signature); instances
 * of the sequence and set bases are iterable (`for ch in Name("ab")`).
 */
export const StrBase: IterableBase = StrBaseImpl as unknown as IterableBase;
export const IntBase: new (...args: any[]) => any = IntBaseImpl;
export const FloatBase: new (...args: any[]) => any = FloatBaseImpl;
export const TupleBase: IterableBase = TupleBaseImpl as unknown as IterableBase;
export const FrozenSetBase: IterableBase = FrozenSetBaseImpl as unknown as IterableBase;
export const BytesBase: IterableBase = BytesBaseImpl as unknown as IterableBase;
export const ByteArrayBase: IterableBase = ByteArrayBaseImpl as unknown as IterableBase;

RUNTIME_BASES.set("str", StrBase).set("int", IntBase).set("float", FloatBase).set("tuple", TupleBase).set("frozenset", FrozenSetBase).set("bytes", BytesBase).set("bytearray", ByteArrayBase);

// --- the type objects' own `__new__` and dunders: `str.__new__(cls, v)`, `tuple.__repr__(self)` ---

function defineOnType(type: object, name: string, fn: (...args: any[]) => unknown): void {
  if (Object.hasOwn(type, name)) return;
  Object.defineProperty(type, name, { value: builtinFunction(fn, name), writable: true, configurable: true });
}

function typeNew(type: PyTypeObject, base: Function): void {
  defineOnType(type, "__new__", (cls: unknown, ...args: unknown[]) => {
    if (cls === type) return (type as unknown as (...a: unknown[]) => unknown)(...args);
    if (typeof cls !== "function" || !(cls.prototype instanceof base)) {
      throw new PyTypeError(`${type.__name__}.__new__(X): X is not a subtype of ${type.__name__}`);
    }
    return CREATORS.get(base)!(cls, args);
  });
}

/** `str.__add__(self, other)` and the like: the base's dunder on a (subclass) instance. */
function typeDunders(type: PyTypeObject, proto: object): void {
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (!name.startsWith("__") || name === "constructor") continue;
    const method = (proto as Record<string, (...a: unknown[]) => unknown>)[name]!;
    defineOnType(type, name, (self: unknown, ...args: unknown[]) => {
      if (!type.__instancecheck__(self) && !(self instanceof (proto.constructor as Function))) {
        throw new PyTypeError(`descriptor '${name}' requires a '${type.__name__}' object but received a '${typeName(self)}'`);
      }
      return sequenceResult(type, name, args[0], method.apply(self, args));
    });
  }
}

typeNew(str, StrBaseImpl);
typeNew(int, IntBaseImpl);
typeNew(float, FloatBaseImpl);
typeNew(tuple, TupleBaseImpl);
typeNew(frozenset, FrozenSetBaseImpl);
typeNew(bytes, BytesBaseImpl);
typeNew(bytearray, ByteArrayBaseImpl);
typeDunders(str, StrBaseImpl.prototype);
typeDunders(int, IntBaseImpl.prototype);
typeDunders(float, FloatBaseImpl.prototype);

/** tuple's dunders, on a plain copy of the items (the subclass's own overrides left out). */
const plainTuple = (self: unknown): Tuple => {
  if (!(self instanceof Tuple)) throw new PyTypeError(`descriptor requires a 'tuple' object but received a '${typeName(self)}'`);
  return self.constructor === Tuple ? self : Tuple.from(self.items);
};
defineOnType(tuple, "__repr__", (self: unknown) => repr(plainTuple(self)));
defineOnType(tuple, "__hash__", (self: unknown) => pyHash(plainTuple(self)));
defineOnType(tuple, "__len__", (self: unknown) => BigInt(plainTuple(self).length));
defineOnType(tuple, "__getitem__", (self: unknown, key: unknown) => getitem(plainTuple(self), key));
defineOnType(tuple, "__contains__", (self: unknown, item: unknown) => in_(item, plainTuple(self)));
defineOnType(tuple, "__iter__", (self: unknown) => iter(plainTuple(self)));
defineOnType(tuple, "__add__", (self: unknown, other: unknown) => sequenceResult(tuple, "__add__", other, other instanceof Tuple ? Tuple.from([...plainTuple(self).items, ...other.items]) : NotImplemented));
for (const op of ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"] as Dunder[]) {
  defineOnType(tuple, op, (self: unknown, other: unknown) => (other instanceof Tuple ? tupleCompare(plainTuple(self), other, op) : NotImplemented));
}

function tupleCompare(a: Tuple, b: Tuple, op: Dunder): boolean {
  const plainB = b.constructor === Tuple ? b : Tuple.from(b.items);
  const compare = { __eq__: eq, __ne__: ne, __lt__: lt, __le__: le, __gt__: gt, __ge__: ge }[op];
  return compare(a, plainB);
}

// (their reprs: `<slot wrapper '__add__' of 'int' objects>`)
markTypeMethods();
