// The dunder methods of the built-in type objects, read off the type: `list.__len__([1, 2])`,
// `int.__add__(1, 2)`, `hasattr(str, "__contains__")`, `dict.__init__(self, **kw)` in a
// subclass. Which names each type has, and in what order its `__dict__` lists them, comes from
// CPython (type-dicts.ts, generated); each is an unbound function that checks its instance as
// CPython's descriptors do and runs the built-in behaviour (never a subclass's override).

import { builtinMethod, type PyTypeObject } from "./builtin-type.js";
import { BUILTIN_BINARY } from "./arithmetic.js";
import { iadd, iand, imul, ior, isub, ixor, neg, pos, invert } from "./arithmetic.js";
import { abs, builtinLen, divmod, hash, round } from "./builtin-functions.js";
import { bool, bytearray, bytes, dict, dictUpdate, float, frozenset, int, list, object, range, set, setSource, tuple } from "./builtin-types.js";
import { BuiltinFunctionType, FunctionType, memoryview, MethodDescriptorType, MethodType, MethodWrapperType, NoneType, type, WrapperDescriptorType } from "./builtin-types.js";
import { slice } from "./slice.js";
import { complex, PyComplex } from "./complex.js";
import { builtinCompare, eq, ge, gt, le, lt, type Dunder } from "./compare.js";
import { builtinIn } from "./contains.js";
import { deferDescriptorMarks } from "./descriptor-marks.js";
import { Dict } from "./dict.js";
import { identity } from "./hashing.js";
import { BaseException, PyTypeError } from "./exceptions.js";
import { format } from "./format-spec.js";
import { iter, iteratorOver } from "./iteration.js";
import { Tuple } from "./tuple.js";
import { splitKw } from "./kwargs.js";
import { isIntLike } from "./numeric.js";
import { builtinRepr, objectRepr, repr, str } from "./repr.js";
import { AbstractSet, PySet } from "./set.js";
import { NotImplemented } from "./singletons.js";
import { builtinDelitem, builtinGetitem, builtinSetitem } from "./subscript.js";
import { truthy } from "./truth.js";
import { BUILTIN_CLASS_DOCS, TYPE_DICTS, TYPE_DOCS } from "./type-dicts.js";
import { className, moduleName, tpName, typeName } from "./typename.js";
import { isWrapped, unwrap } from "./wrapped.js";

type Impl = (self: any, ...rest: any[]) => unknown;

/** `<slot wrapper '__add__' of 'int' objects>` / `<method 'append' of 'list' objects>`. */
export const DESCRIPTOR_KIND = Symbol.for("pyts.descriptorKind");

const BINARY = ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "lshift", "rshift", "and", "xor", "or"];

/** May `other` be the right operand of the type's own arithmetic or comparison? */
function operandFits(type: PyTypeObject, other: unknown): boolean {
  const name = type.__name__;
  const x = unwrap(other);
  if (name === "int" || name === "bool") return isIntLike(x);
  if (name === "float") return typeof x === "number" || isIntLike(x);
  if (name === "complex") return typeof x === "number" || isIntLike(x) || complex.__instancecheck__(x);
  return true;
}

function binaryImpl(type: PyTypeObject, stem: string, reflected: boolean): Impl | undefined {
  const op = BUILTIN_BINARY[stem];
  if (op === undefined) return undefined;
  return (self, other) => {
    if (!operandFits(type, other)) return NotImplemented;
    return reflected ? op(unwrap(other), unwrap(self)) : op(unwrap(self), unwrap(other));
  };
}

function compareImpl(type: PyTypeObject, dunder: Dunder): Impl {
  // object's: `==` by identity, `!=` its inverse, no ordering (NotImplemented lets the other side answer)
  if (type === object) {
    if (dunder === "__eq__") return (self, other) => (self === other ? true : NotImplemented);
    if (dunder === "__ne__") return (self, other) => (self === other ? false : NotImplemented);
    return () => NotImplemented;
  }
  return (self, other) => {
    if (!operandFits(type, other)) return NotImplemented;
    const x = unwrap(self);
    const y = unwrap(other);
    if (typeof x === "string" || typeof x === "number" || isIntLike(x)) return builtinCompare(x, y, dunder);
    // (a set compares with a frozenset, as CPython's set and frozenset do)
    const comparable = type === set || type === frozenset ? y instanceof AbstractSet : type.__instancecheck__(y);
    if (!comparable) return NotImplemented;
    if (dunder === "__eq__") return eq(x, y);
    if (dunder === "__ne__") return !eq(x, y);
    if (x instanceof AbstractSet) return { __lt__: lt, __le__: le, __gt__: gt, __ge__: ge }[dunder](x, y);
    return builtinCompare(x, y, dunder);
  };
}

/** `list.__init__(self, iterable)`, `dict.__init__(self, **kw)`, ...: the instance refilled. */
function initImpl(type: PyTypeObject): Impl | undefined {
  if (type === list) {
    return (self: unknown[], ...args) => {
      const [positional] = splitKw(args);
      if (positional.length > 1) throw new PyTypeError(`list expected at most 1 argument, got ${positional.length}`);
      const items = positional.length === 1 ? [...(iter(positional[0]) as Iterable<unknown>)] : [];
      self.length = 0;
      for (const item of items) self.push(item);
      return null;
    };
  }
  if (type === dict) {
    return (self: Dict, ...args) => {
      const [positional, keywords] = splitKw(args);
      if (positional.length > 1) throw new PyTypeError(`dict expected at most 1 argument, got ${positional.length}`);
      if (positional.length === 1) dictUpdate(self, positional[0]);
      for (const [k, v] of Object.entries(keywords)) self.set(k, v);
      return null;
    };
  }
  if (type === set) {
    return (self: PySet, ...args) => {
      self.clear();
      if (args.length === 1) self.update(setSource(args[0]));
      return null;
    };
  }
  return undefined;
}

const UNARY: Record<string, (x: unknown) => unknown> = {
  __len__: (x) => builtinLen(x),
  __repr__: (x) => repr(unwrap(x)),
  __str__: (x) => str(unwrap(x)),
  __hash__: (x) => hash(unwrap(x)),
  __bool__: (x) => truthy(unwrap(x)),
  __iter__: (x) => builtinIter(x),
  __neg__: (x) => neg(unwrap(x)),
  __pos__: (x) => pos(unwrap(x)),
  __invert__: (x) => invert(unwrap(x)),
  __abs__: (x) => abs(unwrap(x)),
  __int__: (x) => int(unwrap(x)),
  __float__: (x) => float(unwrap(x)),
  __index__: (x) => unwrap(x),
};

/**
 * `list.__iter__(self)`, `dict.__iter__(self)` in a subclass's own `__iter__`: the built-in
 * value's iterator, never the subclass's `__iter__` again (nor its `keys` or `values`).
 */
function builtinIter(x: unknown): unknown {
  const items = Array.isArray(x)
    ? Array.prototype[Symbol.iterator].call(x)
    : x instanceof Tuple
      ? Tuple.prototype[Symbol.iterator].call(x)
      : x instanceof Dict
        ? Dict.prototype.keys.call(x)
        : x instanceof AbstractSet
          ? AbstractSet.prototype.values.call(x)
          : isWrapped(x) && typeof unwrap(x) === "string"
            ? (unwrap(x) as string)[Symbol.iterator]()
            : undefined;
  return items === undefined ? iter(x) : iteratorOver(x, items);
}

/**
 * object's methods beyond the slots (`__sizeof__`, `__reduce_ex__`, `__dir__`...), defined by
 * runtime/lang/object-methods.ts, which registers them here (it needs modules this one must not import).
 */
const objectMethods = new Map<string, Impl>();
/** object's implicit class methods (`__init_subclass__`, `__subclasshook__`): they take the class first. */
const objectClassMethods = new Map<string, Impl>();

export function registerObjectMethods(methods: Record<string, Impl>, classMethods: Record<string, Impl>): void {
  for (const [name, impl] of Object.entries(methods)) objectMethods.set(name, impl);
  for (const [name, impl] of Object.entries(classMethods)) objectClassMethods.set(name, impl);
}

/** `A.__init_subclass__`, `a.__subclasshook__`: object's class method bound to the class, or undefined. */
export function objectClassMethod(cls: unknown, name: string): unknown {
  const impl = objectClassMethods.get(name);
  return impl === undefined ? undefined : builtinMethod((...args: unknown[]) => impl(cls, ...args), name, cls);
}

/** The built-in behaviour of `type.name(self, ...)`, or undefined where pyts has none. */
function implementation(type: PyTypeObject, name: string): Impl | undefined {
  const common = objectMethods.get(name);
  if (common !== undefined && (type === object || name === "__sizeof__")) return common;
  if ((type as unknown) === complex) return complexImpl(name);
  if (name === "__init__") return initImpl(type) ?? ((self, ...args) => initOfValue(type, self, args));
  // `dict.__repr__(self)` in a subclass's own __repr__: the container's repr, not the override.
  if (name === "__repr__" && ([list, tuple, dict, set, frozenset, bytes, bytearray] as PyTypeObject[]).includes(type)) {
    return (self) => (typeof self === "object" && self !== null ? builtinRepr(self) : repr(self));
  }
  // Only str, bytes and bytearray have their own __str__: `int.__str__` is object's, which shows
  // repr(self) (a subclass's own __repr__), whatever __str__ the class defines.
  if (name === "__str__" && type !== str && type !== bytes && type !== bytearray) return (self) => repr(self);
  // `__hash__ = object.__hash__` in a class that defines `__eq__`: by identity, as object's is.
  if (name === "__hash__" && type === object) return (self) => (typeof self === "object" && self !== null && !isWrapped(self) ? identity(self) >> 4n : hash(unwrap(self)));
  // object's `__format__`: str(self) for an empty spec (a class taking it back with `__format__ = object.__format__`)
  if (name === "__format__" && type === object) {
    return (self, spec) => {
      if (typeof spec !== "string") throw new PyTypeError(`__format__() argument must be str, not ${typeName(spec)}`);
      if (spec !== "") throw new PyTypeError(`unsupported format string passed to ${typeName(self)}.__format__`);
      return str(self);
    };
  }
  if (name === "__repr__" && type === object) return (self) => (typeof self === "object" && self !== null && !(self instanceof BaseException) ? objectRepr(self) : repr(self));
  const unary = UNARY[name];
  if (unary !== undefined) return (self) => unary(self);
  const stem = /^__(r?)(\w+?)__$/.exec(name);
  if (stem !== null && BINARY.includes(stem[2]!)) return binaryImpl(type, stem[2]!, stem[1] === "r");
  if (name === "__eq__" || name === "__ne__" || name === "__lt__" || name === "__le__" || name === "__gt__" || name === "__ge__") return compareImpl(type, name);
  switch (name) {
    case "__getitem__":
      return (self, key) => builtinGetitem(self, key);
    case "__setitem__":
      return (self, key, value) => (builtinSetitem(self, key, value), null);
    case "__delitem__":
      return (self, key) => (builtinDelitem(self, key), null);
    case "__contains__":
      return (self, item) => builtinIn(item, self);
    case "__format__":
      return (self, spec) => format(unwrap(self), spec);
    // int's and float's rounding methods: `x.__round__(2)`, `math.floor` semantics.
    case "__round__":
      return (self, ndigits = null) => round(unwrap(self), ndigits);
    case "__trunc__":
      return (self) => int(unwrap(self));
    case "__floor__":
      return (self) => int(numberOr(unwrap(self), Math.floor));
    case "__ceil__":
      return (self) => int(numberOr(unwrap(self), Math.ceil));
    case "__divmod__":
      return (self, other) => (operandFits(type, other) ? divmod(unwrap(self), unwrap(other)) : NotImplemented);
    case "__rdivmod__":
      return (self, other) => (operandFits(type, other) ? divmod(unwrap(other), unwrap(self)) : NotImplemented);
    // In-place: the list or bytearray extended or repeated, the set or dict updated, and returned.
    case "__iadd__":
      return (self, other) => iadd(self, other);
    case "__imul__":
      return (self, other) => imul(self, other);
    case "__ior__":
      if (type === dict) return (self: Dict, other) => (dictUpdate(self, other), self);
      return (self, other) => (other instanceof AbstractSet ? ior(self, other) : NotImplemented);
    case "__iand__":
      return (self, other) => (other instanceof AbstractSet ? iand(self, other) : NotImplemented);
    case "__ixor__":
      return (self, other) => (other instanceof AbstractSet ? ixor(self, other) : NotImplemented);
    case "__isub__":
      return (self, other) => (other instanceof AbstractSet ? isub(self, other) : NotImplemented);
  }
  return undefined;
}

/** A float rounded by `f` (an int as it is): int() then gives CPython's errors for inf and nan. */
function numberOr(x: unknown, f: (n: number) => number): unknown {
  return typeof x === "number" ? f(x) : x;
}

/** complex's own methods (they return NotImplemented for an operand of another type), or the common ones. */
function complexImpl(name: string): Impl | undefined {
  const own = (PyComplex.prototype as unknown as Record<string, unknown>)[name];
  if (typeof own === "function" && name !== "constructor") return (self, ...rest) => (own as (...a: unknown[]) => unknown).apply(self, rest);
  if (name === "__lt__" || name === "__le__" || name === "__gt__" || name === "__ge__") return () => NotImplemented;
  if (name === "__init__") return () => null;
  return UNARY[name] === undefined ? undefined : (self) => UNARY[name]!(self);
}

/** `int.__init__(self, ...)`, `object.__init__(self)`: nothing to do (the value is made by `__new__`). */
function initOfValue(type: PyTypeObject, self: unknown, args: unknown[]): null {
  if (type === object && args.length > 0 && splitKw(args)[0].length + Object.keys(splitKw(args)[1]).length > 0) {
    throw new PyTypeError(`${typeName(self)}.__init__() takes exactly one argument (the instance to initialize)`);
  }
  return null;
}

let types: Record<string, PyTypeObject> | undefined;
/** (Built on first use: the modules defining them import this one.) */
function builtinTypes(): Record<string, PyTypeObject> {
  return (types ??= {
    ...{ object, int, bool, float, complex, str, bytes, bytearray, list, tuple, dict, set, frozenset, range, BaseException, slice, memoryview, type, NoneType },
    ...{ function: FunctionType, builtin_function_or_method: BuiltinFunctionType, method: MethodType, method_descriptor: MethodDescriptorType, wrapper_descriptor: WrapperDescriptorType, "method-wrapper": MethodWrapperType },
  } as unknown as Record<string, PyTypeObject>);
}

/** The `name:kind` entries of a built-in type's `__dict__`, in CPython's order. */
export function typeDictEntries(type: unknown): [string, string][] | undefined {
  const name = type === BaseException ? "BaseException" : (type as { __name__?: unknown }).__name__;
  if (typeof name !== "string" || builtinTypes()[name] !== type) return undefined;
  return TYPE_DICTS[name]!.split(" ").map((e) => {
    const at = e.lastIndexOf(":");
    return [e.slice(0, at), e.slice(at + 1)];
  });
}

/** `int.__doc__`: a built-in type's docstring (undefined for any other class). */
/** Marks the base a `class X(NamedTuple)` statement derives from (runtime/modules/namedtuple.ts). */
const NAMED_TUPLE_STATEMENT = Symbol.for("pyts.namedtuple.statement");

export function builtinTypeDoc(type: unknown): string | undefined {
  // `class Emp(NamedTuple)` without a docstring: its named tuple's (`Emp(name, dept)`), as
  // CPython's statement makes the class that named tuple.
  const base: unknown = typeof type === "function" ? Object.getPrototypeOf(type) : null;
  if (typeof base === "function" && Object.hasOwn(base, NAMED_TUPLE_STATEMENT)) return (base as { __doc__?: string }).__doc__;
  if (typeDictEntries(type) !== undefined) return TYPE_DOCS[className(type as Function)] ?? BUILTIN_CLASS_DOCS[className(type as Function)];
  // `ValueError.__doc__`, `range.__doc__`: a runtime class standing for one of builtins'.
  if (typeof type !== "function" || !Object.hasOwn(type, "pythonName") || moduleName(type) !== "builtins") return undefined;
  const name = className(type);
  return Object.hasOwn(BUILTIN_CLASS_DOCS, name) ? BUILTIN_CLASS_DOCS[name] : undefined;
}

/**
 * Does built-in type `type` or a base define `name` (not as None: list's `__hash__`)? What
 * collections.abc's `__subclasshook__`s ask (`issubclass(types.FunctionType, Callable)`).
 * Undefined for a class that is no built-in type.
 */
export function builtinTypeDefines(type: unknown, name: string): boolean | undefined {
  if (typeDictEntries(type) === undefined) return undefined;
  for (let t: unknown = type; t !== null && t !== undefined; t = t === object ? null : t === BaseException ? object : ((t as PyTypeObject).__base__ ?? object)) {
    const kind = typeDictEntries(t)!.find(([n]) => n === name)?.[1];
    if (kind !== undefined) return kind !== "v" || name === "__doc__";
  }
  return false;
}

/** Every name `dir(type)` lists: the type's own and its bases', sorted. */
export function typeDirNames(type: unknown): string[] | undefined {
  const names = new Set<string>();
  for (let t: unknown = type; t !== null && t !== undefined; t = t === object ? null : t === BaseException ? object : ((t as PyTypeObject).__base__ ?? object)) {
    const entries = typeDictEntries(t);
    if (entries === undefined) return undefined;
    for (const [n] of entries) names.add(n);
  }
  return [...names].sort();
}

function checked(type: PyTypeObject, name: string, impl: Impl): (...args: unknown[]) => unknown {
  const f = (...args: unknown[]): unknown => {
    if (args.length === 0) throw new PyTypeError(`descriptor '${name}' of '${type.__name__}' object needs an argument`);
    const [self, ...rest] = args;
    if (!type.__instancecheck__(self)) {
      throw new PyTypeError(`descriptor '${name}' requires a '${type.__name__}' object but received a '${typeName(self)}'`);
    }
    return sequenceResult(type, name, rest[0], impl(self, ...rest));
  };
  return f;
}

const SEQUENCES = new Set(["str", "list", "tuple", "bytes", "bytearray"]);

/**
 * A sequence type's `__add__`/`__mul__`/`__rmul__` called directly: where the operator would
 * go on to the other operand (NotImplemented), CPython's concat and repeat slots raise
 * (`str.__add__("a", 1)`, `list.__mul__([1], "x")`); number and set types return
 * NotImplemented.
 */
export function sequenceResult(type: PyTypeObject, name: string, other: unknown, result: unknown): unknown {
  if (result !== NotImplemented || !SEQUENCES.has(type.__name__)) return result;
  const t = type.__name__;
  if (name === "__add__") {
    if (t === "bytes" || t === "bytearray") throw new PyTypeError(`can't concat ${tpName(other)} to ${t}`);
    throw new PyTypeError(`can only concatenate ${t} (not "${tpName(other)}") to ${t}`);
  }
  if (name === "__mul__" || name === "__rmul__") throw new PyTypeError(`'${typeName(other)}' object cannot be interpreted as an integer`);
  return result;
}

const made = new Map<PyTypeObject, Map<string, unknown>>();

/**
 * The dunder a built-in value's type gives it: its own type's, or for an instance of a runtime
 * subclass (a Counter, an OrderedDict) the built-in type's its method table is (`tableType`).
 */
export function valueTypeDunder(type: unknown, tableType: string, name: string): unknown {
  const own = typeDunder(type, name);
  return own !== undefined ? own : typeDunder(builtinTypes()[tableType], name);
}

/**
 * `list.__len__`, `int.__add__`: the type's dunder as an unbound built-in method, or
 * undefined. (Looked up by getattr, never stored on the type object, whose own properties the
 * runtime's operations would take for the type's hooks: `list == list` must not call a
 * `list.__eq__` meant for lists.)
 */
export function typeDunder(type: unknown, name: string): unknown {
  if (!name.startsWith("__") || type === BaseException) return undefined;
  const entries = typeDictEntries(type);
  if (entries === undefined) return undefined;
  const t = type as PyTypeObject;
  let cache = made.get(t);
  if (cache === undefined) made.set(t, (cache = new Map()));
  if (cache.has(name)) return cache.get(name);
  let f: unknown;
  const entry = entries.find(([n]) => n === name);
  if (entry !== undefined && (entry[1] === "s" || entry[1] === "m")) {
    const impl = implementation(t, name);
    if (impl !== undefined) {
      const fn = checked(t, name, impl);
      Object.defineProperty(fn, "__builtin__", { value: true });
      Object.defineProperty(fn, "__name__", { value: name });
      Object.defineProperty(fn, "__qualname__", { value: `${t.__name__}.${name}` });
      markDescriptor(fn, t, name, entry[1]);
      f = fn;
    }
  } else if (entry !== undefined && entry[1] === "v" && name === "__hash__") {
    // `list.__hash__ is None`: the type's instances are unhashable.
    f = null;
  } else if (entry === undefined && t !== object) {
    // Inherited: bool's `__add__` is int's, every type's `__init__` object's unless its own.
    f = typeDunder(t.__base__ ?? object, name);
  }
  cache.set(name, f);
  return f;
}

/**
 * Marks the named methods on the type objects (`str.upper`) for their reprs and `__objclass__`:
 * on the first need of a mark (descriptor-marks.ts), then covering every method defined by then.
 */
export function markTypeMethods(): void {
  deferDescriptorMarks(markTypeMethodsNow);
}

function markTypeMethodsNow(): void {
  for (const type of Object.values(builtinTypes())) {
    if ((type as unknown) === BaseException) continue;
    for (const [name, kind] of typeDictEntries(type)!) {
      if (kind !== "s" && kind !== "m") continue;
      const existing = Object.getOwnPropertyDescriptor(type, name);
      if (existing !== undefined && typeof existing.value === "function" && !Object.hasOwn(existing.value, DESCRIPTOR_KIND)) markDescriptor(existing.value as Function, type, name, kind);
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
function markDescriptor(f: Function, type: PyTypeObject, name: string, kind: string): void {
  Object.defineProperty(f, DESCRIPTOR_KIND, { value: `${kind === "s" ? "slot wrapper" : "method"} '${name}' of '${type.__name__}' objects` });
  if (!Object.hasOwn(f, "__objclass__")) Object.defineProperty(f, "__objclass__", { value: type, configurable: true });
}
