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
import { className, isClass, moduleName, objectMethodKind, typeName } from "../values/typename.js";
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
    // (a marked type without a recorded `__dict__`, slice's: any name is missing)
    if (exact && entries === undefined) return new AttributeError(`'${typeName(obj)}' object has no attribute '${name}'`);
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

/** The receiver of `obj.name = value` (of a type the lowering does not know), checked. */
export function storeTarget(obj: unknown, name: string): any {
  if (typeof obj === "object" && obj !== null && (obj as { [REFUSES_ATTRIBUTES]?: object })[REFUSES_ATTRIBUTES] === undefined) return obj;
  const refused = refusedStore(obj, name);
  if (refused !== null) throw refused;
  return obj;
}
