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

import { BUILTIN_BINARY, invert, neg, pos } from "../values/arithmetic.js";
import { abs, round } from "../values/builtin-functions.js";
import { bytes, float, frozenset, int, setSource, tuple } from "../values/builtin-types.js";
import { Bytes } from "../values/bytes.js";
import { builtinCompare, type Dunder } from "../values/compare.js";
import { in_ } from "../values/contains.js";
import { PyTypeError } from "../values/exceptions.js";
import { format } from "../values/format-spec.js";
import { INHERITED_HASH, pyHash } from "../values/hashing.js";
import { iter, iterable } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { FLOAT_METHODS, INT_METHODS } from "../values/methods.js";
import { repr, str, toStr } from "../values/repr.js";
import { FrozenSet } from "../values/set.js";
import { STR_METHODS } from "../values/str-methods.js";
import { getitem } from "../values/subscript.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { CREATORS, FloatValue, IntValue, PRIMITIVE, PYTHON_TYPE, StrValue, unwrap, wrapValue, type Creator, type WrappedValue } from "../values/wrapped.js";

/** A subclass's constructor: its `__new__` (or the base's), then its `__init__`. */
function construct(cls: any, base: Function, args: unknown[]): any {
  const make = cls.__new__;
  const instance = typeof make === "function" && make !== (base as { __new__?: unknown }).__new__ ? make.apply(cls, args) : CREATORS.get(base)!(cls, args);
  if (instance instanceof cls) {
    const init = (instance as { __init__?: unknown }).__init__;
    if (typeof init === "function") init.apply(instance, args);
  }
  return instance;
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

defineBase(StrBaseImpl, () => str, (cls, args) => wrapValue(StrValue, cls, str(...args)));
defineBase(IntBaseImpl, () => int, (cls, args) => wrapValue(IntValue, cls, int(...args)));
defineBase(FloatBaseImpl, () => float, (cls, args) => wrapValue(FloatValue, cls, float(...(noKeywords("float", args) as [unknown]))));
defineBase(TupleBaseImpl, () => tuple, (cls, args) => {
  const [source] = noKeywords("tuple", args);
  return Reflect.construct(Tuple, [Array.from(iterable(source ?? []))], cls) as object;
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

// --- what the wrapped values inherit from str, int and float ---

type Fn = (this: WrappedValue, ...args: any[]) => unknown;

function define(proto: object, name: PropertyKey, fn: Fn): void {
  if (Object.hasOwn(proto, name)) return;
  Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
}

function value(self: WrappedValue): any {
  return self[PRIMITIVE];
}

/** The built-in type's methods (`upper`, `bit_length`, `is_integer`...), on the primitive. */
function defineMethods(proto: object, table: Record<string, (self: never, ...args: unknown[]) => unknown>): void {
  for (const [name, method] of Object.entries(table)) {
    define(proto, name, function (...args) {
      return (method as (self: unknown, ...a: unknown[]) => unknown)(value(this), ...args.map(unwrap));
    });
  }
}

/** `__add__`/`__radd__`... for the operator stems the type supports. */
function defineArithmetic(proto: object, stems: string[], reflected: boolean): void {
  for (const stem of stems) {
    const builtin = BUILTIN_BINARY[stem]!;
    define(proto, `__${stem}__`, function (other) {
      return builtin(value(this), unwrap(other));
    });
    if (reflected) {
      define(proto, `__r${stem}__`, function (other) {
        return builtin(unwrap(other), value(this));
      });
    }
  }
}

function defineCommon(proto: object): void {
  for (const op of ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"] as Dunder[]) {
    define(proto, op, function (other) {
      return builtinCompare(this, other, op);
    });
  }
  const hash: Fn = function () {
    return pyHash(value(this));
  };
  Object.defineProperty(hash, INHERITED_HASH, { value: true });
  define(proto, "__hash__", hash);
  define(proto, "__repr__", function () {
    return repr(value(this));
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
  defineCommon(proto);
  const stems = ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow"];
  defineArithmetic(proto, isInt ? [...stems, "lshift", "rshift", "and", "xor", "or"] : stems, true);
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
defineArithmetic(strProto, ["add", "mul", "mod"], false);
define(strProto, "__rmul__", function (other) {
  return BUILTIN_BINARY["mul"]!(unwrap(other), value(this));
});
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

/** Typed loosely for emitted code: a subclass may define methods of any signature. */
export const StrBase: new (...args: any[]) => any = StrBaseImpl;
export const IntBase: new (...args: any[]) => any = IntBaseImpl;
export const FloatBase: new (...args: any[]) => any = FloatBaseImpl;
export const TupleBase: new (...args: any[]) => any = TupleBaseImpl;
export const FrozenSetBase: new (...args: any[]) => any = FrozenSetBaseImpl;
export const BytesBase: new (...args: any[]) => any = BytesBaseImpl;
