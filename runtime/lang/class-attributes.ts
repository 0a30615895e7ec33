// Class attributes set after the class statement (`Cls.x = 1`, `cls.__repr__ = f` in a class
// decorator, `setattr(Cls, "__eq__", f)`): the class stores the value as a static, and its
// prototype gets an accessor so instances see it as Python's lookup does: a function becomes
// a method bound to the instance (so a dunder assigned later acts as that dunder), a
// descriptor is asked through `__get__`, any other value is read through.
import { isClass } from "../values/typename.js";
import { sequenceIterator } from "../values/iteration.js";
import { functionKey, objectKey } from "./attr-names.js";
import { boundParts } from "./bound-parts.js";
import { isDescriptor, readThroughDescriptor, shareDescriptor, unshareDescriptor } from "./descriptors.js";
import { bindFunction, CLASS_METHOD, STATIC_METHOD } from "./functions.js";

type AnyFn = (...args: unknown[]) => unknown;

const ATTRIBUTE_HOOKS = new Set(["__getattr__", "__getattribute__", "__setattr__", "__delattr__"]);

/** Accessors this module installed (replaced when the attribute is set again). */
const INSTALLED = new WeakSet<object>();

/** `Cls.name = value` for a user class. */
export function setClassAttribute(cls: any, name: string, value: unknown): void {
  Object.defineProperty(cls, functionKey(name), { value, writable: true, enumerable: true, configurable: true });
  const key = objectKey(name);
  if (isDescriptor(value)) {
    shareDescriptor(cls, name, value);
    // (read through the class too: `Cls.name` is `value.__get__(None, Cls)`)
    readThroughDescriptor(cls, functionKey(name), value);
    return;
  }
  unshareDescriptor(cls, key);
  // An attribute hook given later (`cls.__setattr__ = f` in a class decorator): a plain method
  // of the prototype, where the constructor of an instance looks for it (attribute-hooks.ts).
  // (called as the class body's methods are, on the instance: `value` takes it as `self`)
  if (ATTRIBUTE_HOOKS.has(name) && isMethodValue(value)) {
    const hook = function (this: object, ...args: unknown[]): unknown {
      return bindFunction(this, value as AnyFn)(...args);
    };
    Object.defineProperty(cls.prototype, key, { value: hook, writable: true, configurable: true });
    return;
  }
  const own = Object.getOwnPropertyDescriptor(cls.prototype, key);
  if (own?.get !== undefined && INSTALLED.has(own.get)) return;
  // A plain class attribute of the class body is read through already (shareClassAttributes).
  if (own?.get !== undefined && typeof value !== "function") return;
  const classKey = functionKey(name);
  const get = function (this: object): unknown {
    const current = cls[classKey];
    if (!isMethodValue(current)) return current;
    // (read off a prototype, `Cls.prototype.m.call(obj, ...)` as `Cls.m(obj, ...)` compiles: the call's receiver is the instance)
    if (Object.hasOwn(this, "constructor")) {
      return function (this: unknown, ...args: unknown[]): unknown {
        return bindFunction(this, current as AnyFn)(...args);
      };
    }
    return bindFunction(this, current as AnyFn);
  };
  INSTALLED.add(get);
  if ((name === "__iter__" || name === "__getitem__") && !(Symbol.iterator in cls.prototype)) {
    // `for x in obj` (a JS for-of) over instances of a class given `__iter__` later.
    Object.defineProperty(cls.prototype, Symbol.iterator, {
      configurable: true,
      value(this: object) {
        return sequenceIterator(this);
      },
    });
  }
  Object.defineProperty(cls.prototype, key, {
    configurable: true,
    get,
    set(this: object, v: unknown) {
      Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
    },
  });
}

/**
 * `del Cls.name` for a user class: its own attribute goes (a method of the class body, a value
 * of the class body or one set later), and with it what its instances read it through, so they
 * see a base's attribute again. False when the class holds no such attribute of its own.
 */
export function deleteClassAttribute(cls: any, name: string): boolean {
  const classKey = functionKey(name);
  const key = objectKey(name);
  const ownStatic = Object.hasOwn(cls, classKey);
  const ownProto = Object.getOwnPropertyDescriptor(cls.prototype, key);
  if (!ownStatic && ownProto === undefined) return false;
  if (ownStatic) delete cls[classKey];
  unshareDescriptor(cls, key);
  if (Object.hasOwn(cls.prototype, key)) delete cls.prototype[key];
  return true;
}

/** A function that Python binds to the instance it is read through (not a class, a static or class method). */
function isMethodValue(value: unknown): boolean {
  if (typeof value !== "function" || isClass(value)) return false;
  // A callable instance made a function (a unittest.mock mock) is no descriptor: not bound.
  const ctor = (Object.getPrototypeOf(value) as { constructor?: unknown } | null)?.constructor;
  if (typeof ctor === "function" && ctor !== Function && isClass(ctor)) return false;
  // A bound method is no descriptor either: read through an instance it stays bound to its own.
  return !Object.hasOwn(value, CLASS_METHOD) && !Object.hasOwn(value, STATIC_METHOD) && boundParts(value) === undefined;
}

/** Is `obj` a class defined by the program (not a runtime type object)? */
export function isUserClass(obj: unknown): boolean {
  // (a Python subclass of a module's class inherits its __pytype__ mark, not owning it)
  return typeof obj === "function" && isClass(obj) && ((obj as { __pytype__?: boolean }).__pytype__ !== true || !Object.hasOwn(obj, "__pytype__"));
}
