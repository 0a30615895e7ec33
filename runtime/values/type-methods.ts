// Methods read off built-in type objects: `str.lower`, `list.append`, `dict.fromkeys`,
// `bytes.fromhex`. Python's unbound methods take the instance first (`map(str.upper, xs)`,
// `sorted(words, key=str.lower)`), so each is a function calling the type's own method.

import { builtinClassMethod, builtinFunction, builtinMethod, type PyTypeObject } from "./builtin-type.js";
import { callValue } from "../modules/pycall.js";
import { setitem } from "./subscript.js";
import { ByteArray } from "./bytearray.js";
import { bytesMaketrans } from "./bytes-codec.js";
import { bytesFromHex } from "./bytes-methods.js";
import { bool, bytearray, bytes, dict, float, frozenset, int, list, object, set, tuple } from "./builtin-types.js";
import { objectDelattr, objectGetattribute, objectSetattr } from "../lang/attribute-hooks.js";
import { objectNew } from "../lang/mro.js";
import { BYTES_METHODS, DICT_METHODS, LIST_METHODS, SET_METHODS, TUPLE_METHODS } from "./collection-methods.js";
import { Dict } from "./dict.js";
import { PyTypeError } from "./exceptions.js";
import { Kwargs } from "./kwargs.js";
import { byteArrayTable, callTableMethod, FLOAT_METHODS, INT_METHODS } from "./methods.js";
import { refuseClassMethodCount } from "./method-arguments.js";
import { floatFromHex, intFromBytes } from "./number-methods.js";
import { maketrans } from "./str-codec.js";
import { STR_METHODS } from "./str-methods.js";
import { typeName } from "./typename.js";
import { isWrapped, unwrap } from "./wrapped.js";
import { markTypeMethods } from "./type-dunders.js";
import {
  abs, all, any, ascii, bin, callable, chr, delattr, divmod, getattr, hasattr, hash, hex, id, input,
  isinstance, issubclass, len, max, min, oct, ord, pow, round, setattr, sorted, sum, vars,
} from "./builtin-functions.js";
import { format } from "./format-spec.js";
import { iter, iterable, next } from "./iteration.js";
import { print } from "./print.js";
import { repr, str } from "./repr.js";

/** The type's method `name` (`list.append`: qualname "list.append"). */
function define(type: PyTypeObject, name: string, fn: (...args: never[]) => unknown): void {
  if (Object.hasOwn(type, name)) return;
  const value = builtinFunction(fn, name, `${type.__name__}.${name}`);
  Object.defineProperty(type, name, { value, writable: true, configurable: true });
}

/**
 * The type's class method `name` (`dict.fromkeys`), bound to it: `impl` takes the class first,
 * so a subclass reading it (`D.fromkeys`) gets one bound to itself (classMethodFor).
 */
function defineClassMethod(type: PyTypeObject, name: string, impl: (cls: Function, ...args: never[]) => unknown): void {
  if (Object.hasOwn(type, name)) return;
  // (its count of arguments is the type's: `dict.fromkeys()` names dict, as CPython's does)
  const check = (args: unknown[]): void => refuseClassMethodCount(type.__name__, name, args);
  const value = builtinClassMethod(type as unknown as Function, name, impl as (cls: Function, ...args: unknown[]) => unknown, check);
  Object.defineProperty(type, name, { value, writable: true, configurable: true });
}

/** The type's static method `name` (`str.maketrans`), the same function whichever class it is read from. */
function defineStatic(type: PyTypeObject, name: string, fn: (...args: never[]) => unknown): void {
  if (Object.hasOwn(type, name)) return;
  const value = builtinMethod((...args: unknown[]) => (refuseClassMethodCount(type.__name__, name, args), (fn as (...a: unknown[]) => unknown)(...args)), name, type, fn);
  Object.defineProperty(type, name, { value, writable: true, configurable: true });
}

/** What a class method of built-in type `type` built, made an instance of subclass `cls` by calling it (CPython's `cls(result)`). */
function asClass(type: PyTypeObject, cls: Function, result: unknown): unknown {
  return cls === (type as unknown) ? result : callValue(cls, result);
}

/**
 * `list.append(self, x)`, `str.upper(self)`: the built-in type's own method from its table, also
 * on an instance of a subclass that overrides it (`class L(list)` whose `append` calls it).
 */
function attachUnbound(type: PyTypeObject, table: Readonly<Record<string, unknown>>, names: Iterable<string> = Object.keys(table)): void {
  for (const name of names) {
    define(type, name, (...args: unknown[]) => {
      if (args.length === 0) throw new PyTypeError(`unbound method ${type.__name__}.${name}() needs an argument`);
      const [self, ...rest] = args;
      if (!type.__instancecheck__(self) && !isinstance(self, type)) {
        throw new PyTypeError(
          `descriptor '${name}' for '${type.__name__}' objects doesn't apply to a '${typeName(self)}' object`,
        );
      }
      // (an instance of `class Name(str)` holds its plain value, which str's methods take)
      return callTableMethod(table, isWrapped(self) ? unwrap(self) : self, name, rest);
    });
  }
}

// A static method: defined before the unbound instance methods so those do not claim its name.
defineStatic(str, "maketrans", maketrans);
defineStatic(bytes, "maketrans", bytesMaketrans);
defineStatic(bytearray, "maketrans", bytesMaketrans);
attachUnbound(str, STR_METHODS);
attachUnbound(list, LIST_METHODS);
attachUnbound(tuple, TUPLE_METHODS);
attachUnbound(dict, DICT_METHODS);
attachUnbound(set, SET_METHODS);
attachUnbound(frozenset, SET_METHODS, Object.keys(SET_METHODS).filter((n) => ["union", "intersection", "difference", "symmetric_difference", "issubset", "issuperset", "isdisjoint", "copy"].includes(n)));
attachUnbound(bytes, BYTES_METHODS);
attachUnbound(bytearray, byteArrayTable());
attachUnbound(int, INT_METHODS);
attachUnbound(float, FLOAT_METHODS);

/**
 * `dict.fromkeys(iterable, value=None)`: a class method building a new dict; called on a
 * subclass, an instance of it (`cls()`) filled by its `__setitem__`, as CPython's does.
 */
defineClassMethod(dict, "fromkeys", (cls, ...args: unknown[]) => {
  if (args[args.length - 1] instanceof Kwargs) throw new PyTypeError("dict.fromkeys() takes no keyword arguments");
  const [keys, value = null] = args;
  if (cls === (dict as unknown)) {
    const d = new Dict();
    for (const k of iterable(keys)) d.set(k, value);
    return d;
  }
  const made = callValue(cls);
  for (const k of iterable(keys)) setitem(made, k, value);
  return made;
});
defineClassMethod(bytes, "fromhex", (cls, text: unknown) => asClass(bytes, cls, bytesFromHex(text)));
defineClassMethod(bytearray, "fromhex", (cls, text: unknown) => asClass(bytearray, cls, ByteArray.fromArray(bytesFromHex(text))));
// (`bool.from_bytes` builds a bool from int's result: bool is the class it is called on)
const fromBytes = (cls: Function, ...args: unknown[]): unknown => asClass(int, cls, intFromBytes(...(args as Parameters<typeof intFromBytes>)));
defineClassMethod(int, "from_bytes", fromBytes);
defineClassMethod(bool, "from_bytes", fromBytes);
defineClassMethod(float, "fromhex", (cls, text: unknown) => asClass(float, cls, floatFromHex(text as never)));
// `object.__setattr__(self, name, value)` inside a class's own hooks.
define(object, "__new__", objectNew as (...args: never[]) => unknown);
define(object, "__setattr__", objectSetattr as (...args: never[]) => unknown);
define(object, "__getattribute__", objectGetattribute as (...args: never[]) => unknown);
define(object, "__delattr__", objectDelattr as (...args: never[]) => unknown);

markTypeMethods();

// Runtime functions that are Python builtins: `type(len).__name__` is
// 'builtin_function_or_method' and repr shows `<built-in function len>`.
for (const [name, fn] of Object.entries({
  len, abs, min, max, sum, sorted, any, all, round, divmod, pow, chr, ord, hex, oct, bin,
  isinstance, issubclass, getattr, hasattr, setattr, delattr, id, hash, callable, input, ascii,
  vars, print, repr, iter, next, format,
})) {
  if (!Object.hasOwn(fn, "__builtin__")) builtinFunction(fn, name);
}
