// Stores `obj.name = value` to values that refuse them as CPython's do: instances of built-in
// types without a `__dict__` (`[].x = 1`, `(1).real = 2`, `object().x = 1`), bound methods and
// built-in functions. The lowering emits `storeTarget(v, "x").x = value` where it does not
// know the receiver's type; the program's own instances pass straight through (one load of a
// marker the refusing prototypes carry), so the store stays a plain JS store.
import { bool, int, NoneType, object, typeOf } from "../values/builtin-types.js";
import { Bytes } from "../values/bytes.js";
import { ByteArray } from "../values/bytearray.js";
import { PyComplex } from "../values/complex.js";
import { Dict } from "../values/dict.js";
import { MemoryView } from "../values/memoryview.js";
import { Range } from "../values/range.js";
import { FrozenSet, PySet } from "../values/set.js";
import { Slice } from "../values/slice.js";
import { Tuple } from "../values/tuple.js";
import { typeDictEntries } from "../values/type-dunders.js";
import { AttributeError, BaseException, PyTypeError } from "../values/exceptions.js";
import { className, isClass, moduleName, objectMethodKind, tpName, typeName } from "../values/typename.js";
import { dataAttributeKind, readOnlyError } from "../values/class-data.js";
import { isListedName } from "../values/python-names.js";
import { missingAttribute } from "../values/methods.js";
import { objectKey } from "./attr-names.js";
import { boundParts } from "./bound-parts.js";

/** Marks the prototypes of the built-in types whose instances take no attributes (and Array's, a list's). */
const REFUSES_ATTRIBUTES = Symbol.for("pyts.refusesAttributes");

for (const cls of [Array, Tuple, Dict, PySet, FrozenSet, PyComplex, Bytes, ByteArray, MemoryView, Range, Slice]) {
  // (the prototype itself: a prototype made by copying this one's properties, a mixed Enum's, is no built-in type's)
  Object.defineProperty(cls.prototype, REFUSES_ATTRIBUTES, { value: cls.prototype });
}

/**
 * CPython's error for a store on a built-in type (TypeError) or on an instance of a built-in type without a `__dict__`
 * (the type's own names are read-only, any other name is missing), on a bound method or on a
 * built-in function. Null for a value of any other type.
 */
export function refusedStore(obj: unknown, name: string): AttributeError | PyTypeError | null {
  if (typeof obj === "function") {
    // (the built-in types are immutable: `list.append = f` is refused, whatever the name)
    if (isClass(obj)) {
      // (a runtime class standing for one of builtins', ValueError, is one of them)
      const immutable = typeDictEntries(obj) !== undefined || obj === NoneType || (Object.hasOwn(obj, "pythonName") && moduleName(obj) === "builtins");
      return immutable ? new PyTypeError(`cannot set '${name}' attribute of immutable type '${className(obj)}'`) : null;
    }
    if (boundParts(obj) !== undefined || objectMethodKind(obj) !== undefined || typeName(obj) === "builtin_function_or_method") {
      return new AttributeError(`'${typeName(obj)}' object has no attribute '${name}'`);
    }
    return null;
  }
  const type = typeOf(obj);
  // (None's type has object's names only)
  const entries = type === NoneType ? typeDictEntries(object) : typeDictEntries(type);
  if (typeof obj === "object" && obj !== null) {
    // (an instance of a subclass, `class Tagged(list)`, `class Coordinate(bytes, Enum)`, takes
    // attributes; so does a plain object of the runtime's: only `object()`'s, made non-extensible, refuse them)
    const proto = Object.getPrototypeOf(obj) as object | null;
    const exact = proto !== null && (proto as { [REFUSES_ATTRIBUTES]?: object })[REFUSES_ATTRIBUTES] === proto;
    if (!exact && Object.isExtensible(obj)) return null;
    // (a marked type without a recorded `__dict__`: a runtime class's, a deque's, or slice's)
    if (exact && entries === undefined) return runtimeClassRefusal(obj, proto, name);
  }
  if (entries === undefined || type === BaseException || name === "__class__") return null;
  const chain: [unknown, [string, string][]][] = [[type, entries]];
  if (type === bool) chain.push([int, typeDictEntries(int)!]);
  if (type !== object) chain.push([object, typeDictEntries(object)!]);
  for (const [owner, ownerEntries] of chain) {
    const kind = ownerEntries.find(([entry]) => entry === name)?.[1];
    if (kind === undefined) continue;
    if (kind === "g") return new AttributeError(`attribute '${name}' of '${(owner as { __name__: string }).__name__}' objects is not writable`);
    if (kind === "M") return new AttributeError("readonly attribute");
    return new AttributeError(`'${typeName(obj)}' object attribute '${name}' is read-only`);
  }
  return new AttributeError(`'${typeName(obj)}' object has no attribute '${name}'`);
}

/**
 * CPython's error for `obj.name = value` on an instance of a runtime class whose instances have
 * no `__dict__` (python-names.ts marks them): a name of the class is read-only, any other is
 * missing. Null where the store goes on: a data attribute with a setter or a writable slot,
 * `__class__`, a class of its own `__setattr__` (uuid.UUID's).
 */
function runtimeClassRefusal(obj: object, proto: object, name: string): AttributeError | null {
  const cls = (proto as { constructor?: unknown }).constructor;
  const listed = typeof cls === "function" ? isListedName(cls, name) : undefined;
  if (listed === undefined) return new AttributeError(`'${typeName(obj)}' object has no attribute '${name}'`);
  if (name === "__class__") return null;
  for (let p: object | null = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    if (Object.hasOwn(p, "__setattr__")) return null;
  }
  const data = dataAttributeKind(cls as Function, name);
  if (data !== undefined) {
    const [owner, kind] = data;
    // (a slot or a property with a setter takes the store unless the runtime holds it read-only;
    // a getset or a read-only property only through a setter the runtime gives it)
    const desc = propertyOf(obj, objectKey(name));
    // (a getset the runtime keeps as a writable field of the instance, Element.text's, takes it)
    if (kind === "g" && Object.getOwnPropertyDescriptor(obj, objectKey(name))?.writable === true) return null;
    const writable = desc === undefined || desc.set !== undefined || desc.writable === true;
    if (desc?.set !== undefined || ((kind === "m" || kind === "P") && writable)) return null;
    return readOnlyError(owner, name, kind, obj);
  }
  if (!listed) return missingAttribute(obj, name);
  // (a named tuple's field, a getter of the runtime's, refuses the store itself)
  if (propertyOf(proto, objectKey(name))?.get !== undefined) return null;
  return new AttributeError(`'${tpName(obj)}' object attribute '${name}' is read-only`);
}

/** The property `key` found first on the prototype chain from `start` (itself first). */
function propertyOf(start: object, key: string): PropertyDescriptor | undefined {
  for (let p: object | null = start; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    const desc = Object.getOwnPropertyDescriptor(p, key);
    if (desc !== undefined) return desc;
  }
  return undefined;
}

/** The receiver of `obj.name = value` (of a type the lowering does not know), checked. */
export function storeTarget(obj: unknown, name: string): any {
  if (typeof obj === "object" && obj !== null && (obj as { [REFUSES_ATTRIBUTES]?: object })[REFUSES_ATTRIBUTES] === undefined) return obj;
  const refused = refusedStore(obj, name);
  if (refused !== null) throw refused;
  return obj;
}
