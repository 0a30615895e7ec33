// Python's repr() and str() for every runtime value, matching CPython's text exactly.

import { metaclassOf } from "../lang/type-base.js";
import { Bytes } from "./bytes.js";
import { decode } from "./bytes-codec.js";
import { markPendingDescriptors } from "./descriptor-marks.js";
import { ByteArray } from "./bytearray.js";
import { Dict } from "./dict.js";
import { BaseException, KeyError, OSError, PyTypeError } from "./exceptions.js";
import { floatRepr } from "./float-repr.js";
import { bytesRepr, strRepr } from "./str-repr.js";
export { bytesRepr, strRepr };
import { BUILTIN_SELF, defineType } from "./builtin-type.js";

/** type-dunders.ts's mark on a built-in type's method (shared by Symbol.for). */
const DESCRIPTOR_KIND = Symbol.for("pyts.descriptorKind");
import { splitKw } from "./kwargs.js";
import { identity, valueIdentity } from "./hashing.js";
import { decimalText } from "./int-digits.js";
import { FrozenSet, PySet } from "./set.js";
import { Tuple } from "./tuple.js";
import { isClass, moduleName, OBJECT_METHOD_NAME, objectMethodKind, qualName, typeName } from "./typename.js";
import { functionRepr as pyFunctionRepr } from "../lang/functions.js";
import { boundParts } from "../lang/bound-parts.js";
import { selfTypeName } from "./method-binding.js";

/** Containers being printed right now: a second visit prints `...` (CPython's guard). */
const inProgress = new Set<object>();

/** The `0x...` address CPython shows in default reprs. */
export function addressOf(x: object): string {
  return "0x" + identity(x).toString(16).padStart(12, "0");
}

function guarded(x: object, emptyText: string, body: () => string): string {
  if (inProgress.has(x)) return emptyText;
  inProgress.add(x);
  try {
    return body();
  } finally {
    inProgress.delete(x);
  }
}

/**
 * The reprs of a list's or tuple's items, read by index as CPython's list_repr does: a list
 * subclass's own `__iter__` (its JS iterator) is not what its repr shows.
 */
function joinRepr(items: readonly unknown[]): string {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i++) parts.push(repr(items[i]));
  return parts.join(", ");
}

/** A set's item reprs: CPython's set_repr lists the set by iterating it (a subclass's `__iter__` too). */
function joinIteratedRepr(items: Iterable<unknown>): string {
  const parts: string[] = [];
  for (const item of items) parts.push(repr(item));
  return parts.join(", ");
}

function tupleRepr(t: Tuple): string {
  if (t.length === 1) return `(${repr(t.items[0])},)`;
  return `(${joinRepr(t.items)})`;
}

function dictRepr(d: Dict): string {
  const parts: string[] = [];
  for (const [k, v] of d.entries()) parts.push(`${repr(k)}: ${repr(v)}`);
  return `{${parts.join(", ")}}`;
}

function setRepr(s: PySet | FrozenSet, name: string): string {
  if (s.size === 0) return `${name}()`;
  const body = `{${joinIteratedRepr(s)}}`;
  return name === "set" ? body : `${name}(${body})`;
}

/** Python's `repr(exc)`: `ValueError('x')`, `KeyError(1, 2)`, `StopIteration()`. */
export function exceptionRepr(e: BaseException): string {
  const name = typeName(e);
  const args = e.args.items;
  if (args.length === 1) return `${name}(${repr(args[0])})`;
  return `${name}(${joinRepr(args)})`;
}

/** Python's `str(exc)`: the lone argument's str, the args tuple's repr, or "". */
export function exceptionStr(e: BaseException): string {
  const args = e.args.items;
  if (args.length === 0) return "";
  if (args.length === 1) return e instanceof KeyError ? repr(args[0]) : toStr(args[0]);
  if (e instanceof OSError && args.length === 2) {
    const head = `[Errno ${toStr(args[0])}] ${toStr(args[1])}`;
    if (e.filename === null || e.filename === undefined) return head;
    const tail = e.filename2 === null || e.filename2 === undefined ? "" : ` -> ${repr(e.filename2)}`;
    return `${head}: ${repr(e.filename)}${tail}`;
  }
  return tupleRepr(e.args);
}

function functionRepr(f: AnyFunction): string {
  if (isClass(f)) {
    const module = moduleName(f);
    const name = qualName(f);
    return module === "builtins" ? `<class '${name}'>` : `<class '${module}.${name}'>`;
  }
  // (a runtime callable object made as a function: `functools.partial(max, 1)`)
  const own = Object.hasOwn(f, "__repr__") ? (f as { __repr__?: unknown }).__repr__ : undefined;
  if (typeof own === "function" && !Object.hasOwn(f, Symbol.for("pyts.boundMethod"))) return String((own as () => unknown)());
  markPendingDescriptors();
  const descriptor = (f as { [DESCRIPTOR_KIND]?: string })[DESCRIPTOR_KIND];
  if (descriptor !== undefined) return `<${descriptor}>`;
  if ((f as { __builtin__?: boolean }).__builtin__) {
    // `[].append`: a method of a built-in value, bound to it
    if (Object.hasOwn(f, BUILTIN_SELF)) {
      const self = (f as unknown as Record<symbol, unknown>)[BUILTIN_SELF];
      // (a method of a str or an int: the value's id, as `id(x)` gives it)
      return `<built-in method ${(f as { __name__?: string }).__name__ ?? qualName(f)} of ${selfTypeName(self)} object at 0x${valueIdentity(self).toString(16).padStart(12, "0")}>`;
    }
    return `<built-in function ${qualName(f)}>`;
  }
  const objectMethod = objectMethodKind(f);
  if (objectMethod !== undefined) {
    // `<method-wrapper '__init__' of P object at 0x...>`, `<built-in method __format__ of P object at 0x...>`
    const self = boundParts(f)!.self;
    const name = (f as { [OBJECT_METHOD_NAME]?: string })[OBJECT_METHOD_NAME]!;
    const shown = objectMethod === "method-wrapper" ? `method-wrapper '${name}'` : `built-in method ${name}`;
    return `<${shown} of ${selfTypeName(self)} object at 0x${valueIdentity(self).toString(16).padStart(12, "0")}>`;
  }
  return pyFunctionRepr(f, repr, addressOf(f));
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type AnyFunction = Function;

interface Dunders {
  __repr__?: unknown;
  __str__?: unknown;
}

/** On a prototype: the repr of its instances whatever their attribute reads find (super objects'). */
export const TYPE_REPR = Symbol.for("pyts.typeRepr");

function callDunder(x: object, name: "__repr__" | "__str__"): string | undefined {
  const method = (x as Dunders)[name];
  if (typeof method !== "function") return undefined;
  const result: unknown = method.call(x);
  if (typeof result !== "string") {
    throw new PyTypeError(`${name} returned non-string (type ${typeName(result)})`);
  }
  return result;
}

/** Marks (on a prototype) runtime objects that are JS functions but print with their `__repr__`. */
export const CALLABLE_OBJECT = Symbol.for("pyts.callableObject");

/**
 * A static method of runtime classes whose Python metaclass prints them its own way
 * (`EnumType.__repr__`: `<enum 'Color'>`); it is inherited by the program's subclasses.
 */
export const CLASS_REPR = Symbol.for("pyts.classRepr");

/** Python's `repr(x)`. */

export function repr(x: unknown): string {
  if (x === null || x === undefined) return "None";
  switch (typeof x) {
    case "boolean":
      return x ? "True" : "False";
    case "bigint":
      return decimalText(x);
    case "number":
      return floatRepr(x);
    case "string":
      return strRepr(x);
    case "function":
      // A callable runtime object made as a JS function (operator.itemgetter(1)).
      if ((x as { [CALLABLE_OBJECT]?: boolean })[CALLABLE_OBJECT] === true) return String((x as unknown as { __repr__(): unknown }).__repr__());
      if (typeof (x as { [CLASS_REPR]?: unknown })[CLASS_REPR] === "function") return String((x as unknown as { [CLASS_REPR](): unknown })[CLASS_REPR]());
      // A class whose metaclass defines `__repr__`.
      if (metaclassOf(x) !== null) return callDunder(x, "__repr__") ?? functionRepr(x);
      return functionRepr(x);
    case "symbol":
      return x.toString();
  }
  const obj = x as object;
  // (a super object answers attribute reads from the classes after its own, `__repr__` too:
  // its type's repr is on its prototype, under TYPE_REPR)
  const typeRepr = (Object.getPrototypeOf(obj) as { [TYPE_REPR]?: unknown } | null)?.[TYPE_REPR];
  if (typeof typeRepr === "function") return String(typeRepr.call(obj));
  // Subclasses of built-in containers (defaultdict, Counter, a user `class L(list)`) may
  // define their own __repr__; the built-in classes themselves define none.
  const custom = callDunder(obj, "__repr__");
  if (custom !== undefined) return custom;
  return builtinRepr(obj);
}

/** The repr a built-in type gives `obj`, whatever `__repr__` its class defines (`dict.__repr__(self)`). */
export function builtinRepr(obj: object): string {
  if (Array.isArray(obj)) return guarded(obj, "[...]", () => `[${joinRepr(obj)}]`);
  if (obj instanceof Tuple) return guarded(obj, "(...)", () => tupleRepr(obj));
  if (obj instanceof Dict) return guarded(obj, "{...}", () => dictRepr(obj));
  if (obj instanceof PySet) return guarded(obj, "set(...)", () => setRepr(obj, typeName(obj)));
  if (obj instanceof FrozenSet) {
    return guarded(obj, "frozenset(...)", () => setRepr(obj, typeName(obj)));
  }
  if (obj instanceof ByteArray) return `${typeName(obj)}(${bytesRepr(obj, true)})`;
  if (obj instanceof Bytes) return bytesRepr(obj);
  if (obj instanceof BaseException) return exceptionRepr(obj);
  if (obj instanceof Error) return `${obj.name}(${strRepr(obj.message)})`;
  return objectRepr(obj);
}

/** `object.__repr__(obj)`: `<module.Class object at 0x...>`. */
export function objectRepr(obj: object): string {
  const ctor = (Object.getPrototypeOf(obj) as { constructor?: AnyFunction } | null)?.constructor;
  const module = typeof ctor === "function" ? moduleName(ctor) : "builtins";
  // (CPython's object.__repr__ names the class by its qualified name: `make.<locals>.Made`)
  const name = typeof ctor === "function" && ctor !== Object ? qualName(ctor) : "object";
  const prefix = module === "builtins" || name === "object" ? name : `${module}.${name}`;
  return `<${prefix} object at ${addressOf(obj)}>`;
}

/** Python's `str(x)` of one value: `__str__`, an exception's message, else `repr(x)`. */
export function toStr(x: unknown): string {
  if (typeof x === "string") return x;
  // (a callable instance with a `__str__` of its own class, a MagicMock)
  if (typeof x === "function" && "__str__" in x && !isClass(x)) {
    const custom = (x as { __str__: () => unknown }).__str__();
    if (typeof custom !== "string") throw new PyTypeError(`__str__ returned non-string (type ${typeName(custom)})`);
    return custom;
  }
  if (typeof x === "object" && x !== null) {
    // (a super object: its type's str, which is its repr)
    if (typeof (Object.getPrototypeOf(x) as { [TYPE_REPR]?: unknown } | null)?.[TYPE_REPR] === "function") return repr(x);
    const custom = callDunder(x, "__str__");
    if (custom !== undefined) return custom;
    if (x instanceof BaseException) return exceptionStr(x);
    // bytes and bytearray have their own str (their repr), which a subclass's `__repr__` does not change.
    if (x instanceof Bytes) return builtinRepr(x);
  }
  return repr(x);
}

/** `str(b, encoding, errors)`: decodes bytes. */
function decodeBytes(data: unknown, encoding: unknown, errors: unknown): string {
  if (!(data instanceof Uint8Array)) {
    throw new PyTypeError(`decoding to str: need a bytes-like object, ${typeName(data)} found`);
  }
  return decode(data, encoding ?? "utf-8", errors ?? "strict");
}

function strConstructor(...args: unknown[]): string {
  // `str(x)` of an int, float, str or bool (no keywords can hide in a primitive): at once.
  if (args.length === 1 && typeof args[0] !== "object" && typeof args[0] !== "function") return toStr(args[0]);
  const [pos, kws] = splitKw(args);
  const encoding = pos.length > 1 ? pos[1] : kws["encoding"];
  const errors = pos.length > 2 ? pos[2] : kws["errors"];
  const given = pos.length > 0 || kws["object"] !== undefined;
  const object = pos.length > 0 ? pos[0] : (kws["object"] ?? "");
  if (encoding === undefined && errors === undefined) return toStr(object);
  // (CPython decodes nothing, and looks up no codec, for empty bytes or no object)
  if (!given || (object instanceof Uint8Array && object.length === 0)) return "";
  if (typeof object === "string") throw new PyTypeError("decoding str is not supported");
  return decodeBytes(object, encoding, errors);
}

/** Python's `str`: the type object; calling it is `str(x)` (or decoding with an encoding). */
export const str = defineType(strConstructor, "str", (x) => typeof x === "string");
