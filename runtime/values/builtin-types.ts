// The built-in type objects: int float bool list tuple dict set frozenset bytes object type
// (str lives in repr.ts). Each is callable as Python's constructor and usable with isinstance.

import { defineType, isPyTypeObject, type PyTypeObject } from "./builtin-type.js";
import { markPendingDescriptors } from "./descriptor-marks.js";
import { Bytes } from "./bytes.js";
import { ByteArray } from "./bytearray.js";
import { MemoryView, bufferExport } from "./memoryview.js";
import { complex, PyComplex } from "./complex.js";
import { BUILTIN_ITER, Dict } from "./dict.js";
import { asciiDigits, checkDigitCount, stripPythonSpace } from "./int-digits.js";
import { OverflowError, PyTypeError, ValueError } from "./exceptions.js";
import { iterable, iterableOr } from "./iteration.js";
import { isIntLike, toBigInt } from "./numeric.js";
import { Kwargs, splitKw } from "./kwargs.js";
import { makeRange, Range } from "./range.js";
import { repr, str } from "./repr.js";
import { AbstractSet, FrozenSet, PySet } from "./set.js";
import { Slice, slice } from "./slice.js";
import { truthy } from "./truth.js";
import { isPlainTuple, Tuple } from "./tuple.js";
import { isPlainList } from "./overrides.js";
import { holdsDunders, isClass, objectMethodKind, typeName, type AnyClass } from "./typename.js";
import { makeClass } from "../lang/dynamic-classes.js";
import { classCreated } from "../lang/class-creation.js";
import { bindFunction } from "../lang/functions.js";
import { metaclassOf, typeHooks } from "../lang/type-base.js";

/** A class's own `type()` besides `type` (enum.ts: `EnumType`). */
const CLASS_TYPE = Symbol.for("pyts.classType");
import { FloatValue, IntValue, StrValue, unwrap } from "./wrapped.js";
import { pythonClass } from "./callable-classes.js";

function invalidLiteral(text: string, base: number): ValueError {
  return new ValueError(`invalid literal for int() with base ${base}: ${repr(text)}`);
}

const INT_DIGITS = /^[+-]?(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|\d(?:_?\d)*)$/;

/** Plain decimal digits (ASCII, no spaces or underscores), few enough for the digit limit. */
const PLAIN_DECIMAL = /^[+-]?[0-9]{1,4000}$/;

function parseInt_(text: string, base: number): bigint {
  // `int("123")`, the usual case: BigInt reads it as int() does (leading zeros and a sign too).
  if (base === 10 && PLAIN_DECIMAL.test(text)) return BigInt(text);
  const fail = (): ValueError => invalidLiteral(text, base);
  let s = asciiDigits(stripPythonSpace(text));
  let negative = false;
  if (s.startsWith("-") || s.startsWith("+")) {
    negative = s[0] === "-";
    s = s.slice(1);
  }
  let radix = base;
  const prefix = /^0[xXoObB]/.exec(s)?.[0]?.toLowerCase();
  if (prefix && (base === 0 || base === { "0x": 16, "0o": 8, "0b": 2 }[prefix])) {
    radix = { "0x": 16, "0o": 8, "0b": 2 }[prefix]!;
    s = s.slice(2).replace(/^_/, "");
  } else if (base === 0) {
    if (!INT_DIGITS.test(s) || (/^0+[1-9]/.test(s.replace(/_/g, "")))) throw fail();
    radix = 10;
  }
  if (!/^[0-9a-zA-Z]+(?:_[0-9a-zA-Z]+)*$/.test(s)) throw fail();
  s = s.replace(/_/g, "").toLowerCase();
  checkDigitCount(s.length, radix);
  if (radix === 10 && /^\d+$/.test(s)) return negative ? -BigInt(s) : BigInt(s);
  let n = 0n;
  const big = BigInt(radix);
  for (const ch of s) {
    const d = parseInt(ch, 36);
    if (Number.isNaN(d) || d >= radix) throw fail();
    n = n * big + BigInt(d);
  }
  return negative ? -n : n;
}

/** Python's `int(x)` / `int(text, base)`. */
function intConstructor(...args: unknown[]): bigint {
  // `int(text)` and `int(n)`: no keywords to split off.
  if (args.length === 1) {
    const only = args[0];
    if (typeof only === "string") return parseInt_(only, 10);
    if (typeof only === "bigint") return only;
  }
  const [pos, kws] = splitKw(args);
  const given = pos.length > 0 ? pos[0] : (kws["x"] ?? 0n);
  // A str subclass's text (`int(Name("42"))`); int and float subclasses answer __int__/__index__.
  const x = given instanceof StrValue ? unwrap(given) : given;
  const base = pos.length > 1 ? pos[1] : kws["base"];
  if (base !== undefined && pos.length === 0 && kws["x"] === undefined) throw new PyTypeError("int() missing string argument");
  if (base !== undefined) {
    if (typeof x !== "string" && !(x instanceof Uint8Array)) {
      throw new PyTypeError("int() can't convert non-string with explicit base");
    }
    const b = Number(toBigInt(base as bigint));
    if (b !== 0 && (b < 2 || b > 36)) throw new ValueError("int() base must be >= 2 and <= 36, or 0");
    return parseInt_(typeof x === "string" ? x : (x as Bytes).toLatin1?.() ?? String(x), b);
  }
  if (isIntLike(x)) return toBigInt(x);
  if (typeof x === "number") {
    if (Number.isNaN(x)) throw new ValueError("cannot convert float NaN to integer");
    if (!Number.isFinite(x)) throw new OverflowError("cannot convert float infinity to integer");
    return BigInt(Math.trunc(x));
  }
  if (typeof x === "string") return parseInt_(x, 10);
  if (x instanceof Uint8Array) return parseInt_(Bytes.prototype.toLatin1.call(x), 10);
  const obj = x as { __int__?: () => unknown; __index__?: () => unknown; __trunc__?: () => unknown } | null;
  for (const hook of ["__int__", "__index__", "__trunc__"] as const) {
    const m = holdsDunders(obj) ? obj[hook] : undefined;
    if (typeof m === "function") {
      const r = m.call(obj);
      if (isIntLike(r)) return toBigInt(r);
      throw new PyTypeError(`${hook} returned non-int (type ${typeName(r)})`);
    }
  }
  throw new PyTypeError(
    `int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`,
  );
}


const FLOAT_TEXT = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.(?:[eE][+-]?\d(?:_?\d)*)?)$/;

/** Python's `float(x)`. */
function floatConstructor(given: unknown = 0.0): number {
  const x = given instanceof StrValue ? unwrap(given) : given;
  if (typeof x === "number") return x;
  if (isIntLike(x)) {
    const f = Number(toBigInt(x));
    if (!Number.isFinite(f)) throw new OverflowError("int too large to convert to float");
    return f;
  }
  if (typeof x === "string") {
    const s = asciiDigits(stripPythonSpace(x));
    const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
    if (special) {
      const value = special[2]!.toLowerCase() === "nan" ? NaN : Infinity;
      return special[1] === "-" ? -value : value;
    }
    if (!FLOAT_TEXT.test(s)) throw new ValueError(`could not convert string to float: ${repr(x)}`);
    return Number(s.replace(/_/g, ""));
  }
  const obj = x as { __float__?: () => unknown; __index__?: () => unknown } | null;
  if (holdsDunders(obj)) {
    if (typeof obj.__float__ === "function") {
      const r = obj.__float__();
      if (typeof r === "number") return r;
      throw new PyTypeError(`${typeName(obj)}.__float__ returned non-float (type ${typeName(r)})`);
    }
    if (typeof obj.__index__ === "function") return Number(toBigInt(obj.__index__() as bigint));
  }
  throw new PyTypeError(`float() argument must be a string or a real number, not '${typeName(x)}'`);
}

export const int = defineType(intConstructor, "int", isIntLike);
export const float = defineType(floatConstructor, "float", (x) => typeof x === "number");
export const bool = defineType((x: unknown = false): boolean => truthy(x), "bool", (x) => typeof x === "boolean", int);
/**
 * The items of `list(x)` or `tuple(x)`: a plain list's or tuple's copied at once (no subclass
 * `__iter__` to ask; about half the time of stepping them through the iterator protocol on
 * short lists), anything else's iterated.
 */
function itemsOf(x: unknown): any[] {
  if (isPlainList(x)) return x.slice();
  if (isPlainTuple(x)) return x.items.slice();
  return Array.from(iterable(x));
}

export const list = defineType(
  // Elements typed `any`: a hint such as `-> list[int]` on `return list(xs)` must type-check.
  (x: unknown = []): any[] => itemsOf(x),
  "list",
  Array.isArray,
);
export const tuple = defineType(
  (x: unknown = []): Tuple<any> => (isPlainTuple(x) ? x : Tuple.owning(itemsOf(x))),
  "tuple",
  (x) => x instanceof Tuple,
);

// (`Dict<any, any>`, as tuple() gives `Tuple<any>`: its items are whatever the argument held)
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function dictConstructor(...args: unknown[]): Dict<any, any> {
  const [pos, kws] = splitKw(args);
  const d = new Dict();
  if (pos.length > 1) throw new PyTypeError(`dict expected at most 1 argument, got ${pos.length}`);
  if (pos.length === 1) dictUpdate(d, pos[0]);
  for (const [k, v] of Object.entries(kws)) d.set(k, v);
  return d;
}

/**
 * Does a dict subclass override `__iter__`? Then `dict(x)`, `d.update(x)` and `{**x}` take
 * its `keys()` and its `__getitem__` of each (dictEntriesByKeys), as CPython's dict_merge;
 * otherwise they copy its own entries.
 */
export function iteratesOwnWay(source: Dict): boolean {
  const iterate = (source as { __iter__?: { [BUILTIN_ITER]?: true } }).__iter__;
  return iterate !== undefined && iterate[BUILTIN_ITER] !== true;
}

/** A dict subclass's pairs through its `keys()` and `__getitem__` (see iteratesOwnWay). */
export function* dictEntriesByKeys(source: Dict): Generator<[unknown, unknown]> {
  const own = source as Dict & { __getitem__?: (key: unknown) => unknown };
  for (const key of iterable(own.keys())) yield [key, typeof own.__getitem__ === "function" ? own.__getitem__(key) : source.get(key)];
}

/** dict(x) / d.update(x): a mapping (Dict or object with keys()) or an iterable of pairs. */
export function dictUpdate(d: Dict, source: unknown): void {
  if (source instanceof Dict) {
    for (const [k, v] of iteratesOwnWay(source) ? dictEntriesByKeys(source) : source.entries()) d.set(k, v);
    return;
  }
  const keysMethod = (source as { keys?: () => unknown; __getitem__?: (k: unknown) => unknown } | null);
  if (keysMethod && typeof keysMethod === "object" && typeof keysMethod.keys === "function" && typeof keysMethod.__getitem__ === "function") {
    for (const k of iterable(keysMethod.keys())) d.set(k, keysMethod.__getitem__(k));
    return;
  }
  let i = 0;
  for (const item of iterable(source)) {
    let pair: unknown[];
    try {
      pair = Array.from(iterable(item));
    } catch {
      throw new PyTypeError(`cannot convert dictionary update sequence element #${i} to a sequence`);
    }
    if (pair.length !== 2) {
      throw new ValueError(`dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
    }
    d.set(pair[0], pair[1]);
    i++;
  }
}

export const dict = defineType(dictConstructor, "dict", (x) => x instanceof Dict);
/** A set constructor's argument: sets and exact dicts as they are (CPython merges or presizes). */
export function setSource(x: unknown): Iterable<unknown> {
  if (x instanceof AbstractSet || (x instanceof Dict && x.constructor === Dict)) return x;
  return iterable(x);
}

export const set = defineType((x: unknown = []): PySet => new PySet(setSource(x)), "set", (x) => x instanceof PySet);
export const frozenset = defineType(
  (x: unknown = []): FrozenSet => (x instanceof FrozenSet && x.constructor === FrozenSet ? x : new FrozenSet(setSource(x))),
  "frozenset",
  (x) => x instanceof FrozenSet,
);

function bytesConstructor(x: unknown = 0n, encoding?: unknown, kind = "bytes"): Bytes {
  if (typeof x === "string") {
    if (encoding === undefined) throw new PyTypeError("string argument without an encoding");
    const enc = String(encoding).toLowerCase().replace(/_/g, "-");
    return enc === "latin-1" || enc === "latin1" || enc === "ascii" ? Bytes.fromLatin1(x) : Bytes.fromUtf8(x);
  }
  if (isIntLike(x)) return new Bytes(Number(toBigInt(x)));
  if (x instanceof Uint8Array) return Bytes.fromArray(x);
  // (array.array: its memory, not its items)
  if (typeof x === "object" && x !== null && bufferExport in x) return Bytes.fromArray(MemoryView.of(x));
  const values = Array.from(iterableOr(x, `cannot convert '${typeName(x)}' object to ${kind}`), (v) => {
    if (!isIntLike(v)) throw new PyTypeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
    const n = Number(toBigInt(v));
    if (n < 0 || n > 255) throw new ValueError("bytes must be in range(0, 256)");
    return n;
  });
  return Bytes.fromArray(values);
}
export const bytes = defineType(bytesConstructor, "bytes", (x) => x instanceof Bytes && !(x instanceof ByteArray));
export const bytearray = defineType(
  (x: unknown = 0n, encoding?: unknown): ByteArray => ByteArray.fromArray(bytesConstructor(x, encoding, "bytearray")),
  "bytearray",
  (x) => x instanceof ByteArray,
);
/** `memoryview(obj)`: a view of a bytes-like object's memory (memoryview.ts). */
/** `name = memoryview(b)` at module level: the view lives while the name holds it (MemoryView.hold). */
export function heldView<T>(view: T): T {
  if (view instanceof MemoryView) view.hold();
  return view;
}

export const memoryview = defineType((x: unknown): any => MemoryView.of(x), "memoryview", (x) => x instanceof MemoryView);
export const range = defineType(
  (...args: unknown[]): Range => makeRange(...args),
  "range",
  (x) => x instanceof Range,
);
/** The `slice` type object (slice.ts); also exported under this older name. */
export const slice_ = slice;
class PyObject {
  static readonly pythonName = "object";
}
export const object = defineType(
  (...args: unknown[]): object => {
    const [positional, keywords] = splitKw(args);
    if (positional.length > 0 || Object.keys(keywords).length > 0) throw new PyTypeError("object() takes no arguments");
    // (no `__dict__`: a store of any attribute fails, as JS's TypeError the runtime reads as AttributeError)
    return Object.preventExtensions(new PyObject());
  },
  "object",
  () => true,
);
function noInstances(name: string): () => never {
  return () => {
    throw new PyTypeError(`cannot create '${name}' instances`);
  };
}
function isBuiltinFunction(x: unknown): boolean {
  return typeof x === "function" && !isClass(x) && (x as { __builtin__?: boolean }).__builtin__ === true && descriptorKind(x) === undefined;
}
/** `str.upper`, `object.__init__`: a built-in type's own method read off the type (type-dunders.ts marks them). */
function descriptorKind(x: unknown): string | undefined {
  if (typeof x !== "function") return undefined;
  markPendingDescriptors();
  return (x as unknown as { [DESCRIPTOR_KIND]?: string })[DESCRIPTOR_KIND];
}
const DESCRIPTOR_KIND = Symbol.for("pyts.descriptorKind");
/** `type(str.upper)`, `type(list.append)`. */
export const MethodDescriptorType = defineType(noInstances("method_descriptor"), "method_descriptor", (x) => descriptorKind(x)?.startsWith("method ") === true);
/** `type(object.__init__)`, `type(str.__add__)`. */
export const WrapperDescriptorType = defineType(noInstances("wrapper_descriptor"), "wrapper_descriptor", (x) => descriptorKind(x)?.startsWith("slot wrapper ") === true);
/** `obj.__init__` where the class inherits object's: a slot bound to its instance. */
export const MethodWrapperType = defineType(noInstances("method-wrapper"), "method-wrapper", (x) => objectMethodKind(x) === "method-wrapper");
/** `type(f)` of a Python-level function or lambda. */
const isBoundMethod = (x: unknown): boolean => typeof x === "function" && Object.hasOwn(x, Symbol.for("pyts.boundMethod"));
export const FunctionType = defineType(noInstances("function"), "function", (x) => typeof x === "function" && !isClass(x) && !isBuiltinFunction(x) && !isBoundMethod(x));
/** `types.MethodType(func, instance)`: `func` bound to `instance` (a function, so `new` works too). */
function makeMethod(...args: unknown[]): unknown {
  if (args.length !== 2) throw new PyTypeError(`method expected 2 arguments, got ${args.length}`);
  const [func, self] = args;
  if (typeof func !== "function") throw new PyTypeError("first argument must be callable");
  if (self === null || self === undefined) throw new PyTypeError("instance must not be None");
  return bindFunction(self, func as (...a: unknown[]) => unknown);
}
// (a construct signature too: emitted code may call it with `new`, as a class)
export const MethodType = defineType(makeMethod, "method", isBoundMethod) as ReturnType<typeof defineType<typeof makeMethod>> & (new (func: unknown, self: unknown) => any);
/** `type(len)`: functions the runtime provides. */
export const BuiltinFunctionType = defineType(noInstances("builtin_function_or_method"), "builtin_function_or_method", isBuiltinFunction);
export const NoneType = defineType((): null => null, "NoneType", (x) => x === null || x === undefined);

/** The type object of a value, as Python's `type(x)`. */
export function typeOf(x: unknown): any {
  if (x === null || x === undefined) return NoneType;
  switch (typeof x) {
    case "boolean":
      return bool;
    case "bigint":
      return int;
    case "number":
      return float;
    case "string":
      return str;
    case "function":
      // Enumerations (the mixed ones are functions, not JS classes) are of `EnumType`.
      if (CLASS_TYPE in x) return metaclassOf(x) ?? (x as { [CLASS_TYPE]: AnyClass })[CLASS_TYPE];
      if (isClass(x)) return metaclassOf(x) ?? type;
      if (isBoundMethod(x)) {
        const objectMethod = objectMethodKind(x);
        return objectMethod === undefined ? MethodType : objectMethod === "method-wrapper" ? MethodWrapperType : BuiltinFunctionType;
      }
      {
        // A callable instance made a function (unittest.mock's mocks): of its class.
        const ctor = (Object.getPrototypeOf(x) as { constructor?: unknown } | null)?.constructor;
        if (typeof ctor === "function" && ctor !== Function && isClass(ctor)) return pythonClass(ctor);
      }
      {
        const kind = descriptorKind(x);
        if (kind !== undefined) return kind.startsWith("method ") ? MethodDescriptorType : WrapperDescriptorType;
      }
      return isBuiltinFunction(x) ? BuiltinFunctionType : FunctionType;
  }
  if (Array.isArray(x) && Object.getPrototypeOf(x) === Array.prototype) return list;
  const ctor = (Object.getPrototypeOf(x) as { constructor?: AnyClass } | null)?.constructor;
  if (ctor === undefined) return object;
  return RUNTIME_TYPES.get(ctor) ?? pythonClass(ctor);
}

/**
 * Values whose `type()` is not the class their prototype gives: weakref's proxies, whose
 * prototype is the referent's so that `isinstance` answers for the referent, as CPython's
 * `__class__` does, while `type(p)` is `weakref.ProxyType`.
 */
export const OWN_TYPES = new WeakMap<object, unknown>();

/** `type(x)`, or `type(name, bases, namespace)` making a class. */
export const type = defineType((...args: unknown[]): any => {
  if (args.length === 3) return newType(args);
  if (args.length === 1 && !(args[0] instanceof Kwargs)) {
    const x = args[0];
    return (typeof x === "object" && x !== null) || typeof x === "function" ? (OWN_TYPES.get(x) ?? typeOf(x)) : typeOf(x);
  }
  // (`type(name, bases, ns, **kw)`: the keywords go to `__init_subclass__`)
  if (args.length === 4 && args[3] instanceof Kwargs) return newType(args);
  throw new PyTypeError("type() takes 1 or 3 arguments");
}, "type", isClass);

/** `type(name, bases, ns)`: a base's metaclass makes the class when there is one (its `__new__` runs). */
function newType(args: unknown[]): unknown {
  const winner = args[1] instanceof Tuple ? typeHooks.winner(args[1].items) : null;
  if (winner !== null) return typeHooks.createDynamic(winner, args);
  // (as a class statement: the bases learn of the class and the nearest `__init_subclass__` runs)
  const cls = makeClass(args[0], args[1], args[2]);
  if (args[3] instanceof Kwargs && Object.keys(args[3].values).length > 0) classCreated(cls, args[3]);
  else classCreated(cls);
  return cls;
}

/** Runtime classes whose Python type is a type object exported here. */
const RUNTIME_TYPES = new Map<unknown, PyTypeObject>([
  [Tuple, tuple],
  [StrValue, str],
  [IntValue, int],
  [FloatValue, float],
  [Dict, dict],
  [PySet, set],
  [FrozenSet, frozenset],
  [PyComplex, complex],
  [Bytes, bytes],
  [ByteArray, bytearray],
  [MemoryView, memoryview],
  [Range, range],
  [Slice, slice_],
  [Object, object],
  [PyObject, object],
]);

/** A class as Python code sees it: `dict` for the runtime's Dict, a module class's callable face. */
export function pythonFaceOf(cls: unknown): unknown {
  return RUNTIME_TYPES.get(cls) ?? pythonClass(cls);
}

/** The runtime class behind a type object, for isinstance with subclasses (class D(dict)). */
export function runtimeClassOf(t: unknown): any {
  if (t === bytes) return undefined; // its check is exact: a ByteArray is a Bytes but no bytes
  for (const [cls, typeObject] of RUNTIME_TYPES) if (typeObject === t) return cls;
  return undefined;
}

export { isPyTypeObject };
