// Classes that take part in attribute access: `__getattr__`, `__getattribute__`,
// `__setattr__`, `__delattr__` and `__slots__`. Their instances live behind a Proxy (made at
// the start of the constructor, so `__init__`'s assignments go through `__setattr__` too);
// other classes keep plain objects, which V8 reads and writes fastest. `object.__setattr__`
// and friends (also reached by `super().__setattr__(...)`) act on the object behind it.
import { withAttributeContext } from "../values/attributes.js";
import { AttributeError } from "../values/exceptions.js";
import { missingAttribute } from "../values/methods.js";
import { managedDeleter } from "./descriptors.js";
import { isClass, typeName } from "../values/typename.js";
import { boundMethod } from "./functions.js";
import { objectKey, pythonName } from "./attr-names.js";
import { assignClass } from "./class-assignment.js";

/** The object behind each instance Proxy. */
const targets = new WeakMap<object, object>();

type Hook = (this: unknown, ...args: unknown[]) => unknown;

/** A method a user class defines (looked up on the class, as Python's special methods are). */
function userHook(proto: object | null, name: string): Hook | null {
  for (let p = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d && typeof d.value === "function") return d.value as Hook;
  }
  return null;
}

/** Python names for dunders: implicit lookups (`repr`, operators) bypass `__getattribute__`. */
function isDunder(name: string): boolean {
  return name.length > 4 && name.startsWith("__") && name.endsWith("__");
}

/** The instance slots allow, or null when some class in the chain gives instances a `__dict__`. */
function allowedSlots(proto: object | null): Set<string> | null {
  const names = new Set<string>();
  let any = false;
  for (let p = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    const cls = (p as { constructor: unknown }).constructor as Record<string, unknown>;
    if (!Object.hasOwn(p, "constructor") || !Object.hasOwn(cls, "__slots__")) return null;
    any = true;
    const slots = cls.__slots__;
    for (const name of typeof slots === "string" ? [slots] : (slots as Iterable<string>)) names.add(name);
  }
  // `__slots__ = ("a", "__dict__")` gives instances a `__dict__` after all.
  return any && !names.has("__dict__") ? names : null;
}

/**
 * Whether instances of the class with prototype `proto` live behind attributeHooks (their
 * class limits attributes with `__slots__` or hooks attribute access): `Cls.__new__(Cls)`
 * makes them the same way.
 */
export function needsAttributeHooks(proto: object | null): boolean {
  if (allowedSlots(proto) !== null) return true;
  return ["__getattr__", "__getattribute__", "__setattr__", "__delattr__"].some((name) => userHook(proto, name) !== null);
}

/** Constructor prologue of such a class: `const self = attributeHooks(this)`. */
export function attributeHooks<T extends object>(instance: T): T {
  if (targets.has(instance)) return instance; // a base class's constructor made it already
  const proto = Object.getPrototypeOf(instance) as object | null;
  const getattr = userHook(proto, "__getattr__");
  const getattribute = userHook(proto, "__getattribute__");
  const setattr = userHook(proto, "__setattr__");
  const delattr = userHook(proto, "__delattr__");
  const proxy = new Proxy(instance, {
    get(target, key, receiver) {
      if (typeof key !== "string" || isDunder(key)) return Reflect.get(target, key, receiver);
      // keys are JS keys (`then$` holds Python's `then`); JS's own names are no Python attributes
      const name = pythonName(key, false);
      if (name === null) return Reflect.get(target, key, receiver);
      try {
        if (getattribute) {
          try {
            return getattribute.call(receiver, name);
          } catch (e) {
            if (getattr && e instanceof AttributeError) return getattr.call(receiver, name);
            throw e;
          }
        }
        if (key in target) return Reflect.get(target, key, receiver);
        return getattr ? getattr.call(receiver, name) : undefined;
      } catch (e) {
        throw withAttributeContext(e, receiver, name);
      }
    },
    set(target, key, value, receiver) {
      const name = typeof key === "string" ? pythonName(key, false) : null;
      if (name === null) return Reflect.set(target, key, value, receiver);
      if (setattr) setattr.call(receiver, name, value);
      else objectSetattr(receiver, name, value);
      return true;
    },
    deleteProperty(target, key) {
      const name = typeof key === "string" ? pythonName(key, false) : null;
      if (name === null || !delattr) return Reflect.deleteProperty(target, key);
      delattr.call(proxy, name);
      return true;
    },
  });
  targets.set(proxy, instance);
  return proxy;
}

/** `object.__setattr__(obj, name, value)`: store (through a property's setter), slots permitting. */
export function objectSetattr(obj: any, name: string, value: unknown): null {
  const target = targets.get(obj) ?? obj;
  if (name === "__class__") {
    assignClass(target, value);
    return null;
  }
  const slots = allowedSlots(Object.getPrototypeOf(target) as object | null);
  const key = objectKey(name);
  if (slots !== null && !slots.has(name) && !hasAccessor(target, key)) {
    throw new AttributeError(`'${typeName(target)}' object has no attribute '${name}'`);
  }
  Reflect.set(target, key, value, obj);
  return null;
}

/** `object.__getattribute__(obj, name)`: the attribute, without the class's own hook. */
export function objectGetattribute(obj: any, name: string): unknown {
  const target = targets.get(obj) ?? obj;
  const key = objectKey(name);
  if (key in target) {
    const value = Reflect.get(target, key, obj) as unknown;
    // A method found on the class is bound to the instance, as `obj.name` gives it.
    if (typeof value === "function" && typeof target === "object" && !Object.hasOwn(target, key) && !isClass(value)) {
      let owner: Function | null = null;
      for (let p = Object.getPrototypeOf(target) as object | null; p !== null && owner === null; p = Object.getPrototypeOf(p) as object | null) {
        if (Object.hasOwn(p, key)) owner = (p as { constructor: Function }).constructor;
      }
      return boundMethod(obj, value as (...a: unknown[]) => unknown, owner);
    }
    return value;
  }
  throw missingAttribute(obj, name);
}

/** `object.__delattr__(obj, name)`. */
export function objectDelattr(obj: any, name: string): null {
  const target = targets.get(obj) ?? obj;
  const key = objectKey(name);
  const deleter = Object.hasOwn(target, key) ? null : managedDeleter(target, name);
  if (deleter) deleter(obj);
  else if (Object.hasOwn(target, key)) delete target[key];
  else throw missingAttribute(obj, name);
  return null;
}

function hasAccessor(target: object, name: string): boolean {
  for (let p = Object.getPrototypeOf(target) as object | null; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) return d.get !== undefined || d.set !== undefined;
  }
  return false;
}

/** Slots classes have no `__dict__`. */
export function hasNoDict(obj: object): boolean {
  return allowedSlots(Object.getPrototypeOf(targets.get(obj) ?? obj) as object | null) !== null;
}

/** Names some class in `obj`'s chain declares in `__slots__` (their values are no `__dict__` entries). */
export function slotNames(obj: object): Set<string> {
  const names = new Set<string>();
  for (let p = Object.getPrototypeOf(obj) as object | null; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    const cls = (p as { constructor: unknown }).constructor as Record<string, unknown>;
    if (!Object.hasOwn(p, "constructor") || !Object.hasOwn(cls, "__slots__")) continue;
    const slots = cls.__slots__;
    for (const name of typeof slots === "string" ? [slots] : (slots as Iterable<string>)) names.add(name);
  }
  return names;
}
