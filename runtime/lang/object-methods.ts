// object's methods that every instance and class has beyond the type slots, as CPython's
// `object` defines them: `__sizeof__`, `__reduce_ex__`, `__reduce__`, `__getstate__`, `__dir__`,
// and the implicit class methods `__init_subclass__` and `__subclasshook__`. Registered with
// runtime/values/type-dunders.ts, which makes them `object.__sizeof__` (a method descriptor)
// and `obj.__sizeof__` (a built-in method bound to the instance).

import { registerObjectMethods } from "../values/type-dunders.js";
import { Bytes } from "../values/bytes.js";
import { Dict } from "../values/dict.js";
import { PyTypeError } from "../values/exceptions.js";
import { iter } from "../values/iteration.js";
import { NotImplemented } from "../values/singletons.js";
import { Tuple } from "../values/tuple.js";
import { FrozenSet, PySet } from "../values/set.js";
import { typeOf, object } from "../values/builtin-types.js";
import { isWrapped } from "../values/wrapped.js";
import { typeName } from "../values/typename.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { getattrImpl, instanceDict } from "../values/attributes.js";
import { callValue } from "../modules/pycall.js";
import { sizeOf } from "../modules/sys-sizeof.js";
import { hasNoDict, slotNames } from "./attribute-hooks.js";
import { objectInitSubclass } from "./class-creation.js";
import { objectNew } from "./mro.js";
import { dir } from "./objects.js";
import { setFunctionModule } from "./functions.js";

/** The bytes CPython's garbage collector adds before a tracked object (sys.getsizeof counts them, `__sizeof__` not). */
const GC_HEADER = 16;

/** `x.__sizeof__()`: the object's own size, as CPython 3.11 reports it on a 64-bit build. */
function sizeofImpl(self: unknown): bigint {
  if (typeof self === "function") return BigInt(sizeOf(self) - GC_HEADER);
  if (self === null || typeof self !== "object" || self instanceof Bytes || isWrapped(self)) return BigInt(sizeOf(self));
  if (Array.isArray(self) || self instanceof Tuple || self instanceof Dict || self instanceof PySet || self instanceof FrozenSet) return BigInt(sizeOf(self) - GC_HEADER);
  if (typeOf(self) === object) return 16n;
  // An instance: the object header and its `__dict__` pointer, or one pointer per slot.
  return BigInt(16 + 8 * (hasNoDict(self) ? slotNames(self).size : 1));
}

/** `obj.__getstate__()`: the instance's attributes (None when it has none), with its slots apart. */
function getstateImpl(self: unknown): unknown {
  if (self === null || typeof self !== "object") return null;
  const attributes = hasNoDict(self) ? null : instanceDict(self);
  const slots = new Dict();
  for (const name of slotNames(self)) {
    const value = (self as Record<string, unknown>)[name];
    if (value !== undefined) slots.set(name, value);
  }
  const state = attributes !== null && attributes.size > 0 ? attributes : null;
  if (slots.size > 0) return Tuple.from([state, slots]);
  return state;
}

/** copyreg's `__newobj__(cls, *args)`: `cls.__new__(cls, *args)`, what a protocol-2 reduction calls. */
function __newobj__(cls: unknown, ...args: unknown[]): unknown {
  return callValue(getattrImpl(cls, "__new__"), cls, ...args);
}

/** copyreg's `_reconstructor(cls, base, state)`: what a protocol-0/1 reduction calls. */
function _reconstructor(cls: unknown, base: unknown, state: unknown): unknown {
  if (base === object) return objectNew(cls);
  const made = callValue(getattrImpl(base, "__new__"), cls, state);
  callValue(getattrImpl(base, "__init__"), made, state);
  return made;
}
setFunctionModule(__newobj__, "copyreg");
setFunctionModule(_reconstructor, "copyreg");

/** `obj.__reduce_ex__(protocol)`: a class's own `__reduce__` if it has one, else copyreg's reduction. */
function reduceExImpl(self: unknown, protocol: unknown = 0n): unknown {
  if (!isIntLike(protocol)) throw new PyTypeError(`'${typeName(protocol)}' object cannot be interpreted as an integer`);
  const reduce = getattrImpl(typeOf(self), "__reduce__");
  if (reduce !== getattrImpl(object, "__reduce__")) return callValue(getattrImpl(self, "__reduce__"));
  if (toBigInt(protocol) < 2n) return reduceImpl(self);
  const cls = typeOf(self);
  const state = callValue(getattrImpl(self, "__getstate__"));
  const listItems = Array.isArray(self) ? iter(self) : null;
  const dictItems = self instanceof Dict ? iter(callValue(getattrImpl(self, "items"))) : null;
  return Tuple.from([__newobj__, Tuple.from([cls]), state, listItems, dictItems]);
}

/** `obj.__reduce__()`: copyreg's protocol-0 reduction, `(_reconstructor, (cls, object, None)[, state])`. */
function reduceImpl(self: unknown): unknown {
  const cls = typeOf(self);
  if (self !== null && typeof self === "object" && hasNoDict(self) && getattrImpl(cls, "__getstate__") === getattrImpl(object, "__getstate__")) {
    throw new PyTypeError("a class that defines __slots__ without defining __getstate__ cannot be pickled");
  }
  const args = Tuple.from([cls, object, null]);
  const state = callValue(getattrImpl(self, "__getstate__"));
  return state !== null && !(state instanceof Dict && state.size === 0) ? Tuple.from([_reconstructor, args, state]) : Tuple.from([_reconstructor, args]);
}

registerObjectMethods(
  {
    __sizeof__: (self) => sizeofImpl(self),
    __getstate__: (self) => getstateImpl(self),
    __reduce_ex__: (self, protocol) => reduceExImpl(self, protocol),
    __reduce__: (self) => reduceImpl(self),
    __dir__: (self) => dir(self),
  },
  {
    __init_subclass__: (cls, ...args) => objectInitSubclass.call(cls, ...args),
    __subclasshook__: () => NotImplemented,
  },
);
