// The attribute builtins: getattr, hasattr, setattr, delattr and vars, with the hooks a
// class or its metaclass gives them and CPython's errors for built-in values.
import { lacksInstanceDict } from "./python-names.js";
import { managedDeleter } from "../lang/descriptors.js";
import { hasNoDict, slotNames } from "../lang/attribute-hooks.js";
import { getattrImpl, instanceDict } from "./attributes.js";
import { attrKey } from "../lang/attr-names.js";
import { setFunctionAttribute } from "../lang/functions.js";
import { deleteClassAttribute, isUserClass, setClassAttribute } from "../lang/class-attributes.js";
import { assignClass } from "../lang/class-assignment.js";
import { metaclassOf } from "../lang/type-base.js";
import { refusedStore } from "../lang/attribute-stores.js";
import { typeOf } from "./builtin-types.js";
import { typeDictEntries } from "./type-dunders.js";
import { Dict } from "./dict.js";
import { AttributeError, PyTypeError } from "./exceptions.js";
import { isClass, typeName } from "./typename.js";
import { missingAttribute } from "./methods.js";

const NO_DEFAULT = Symbol("no default");

/** Python's getattr(obj, name[, default]). */
export function getattr(obj: unknown, name: unknown, fallback: unknown = NO_DEFAULT): any {
  if (typeof name !== "string") throw new PyTypeError(`attribute name must be string, not '${typeName(name)}'`);
  try {
    return getattrImpl(obj, name);
  } catch (e) {
    if (e instanceof AttributeError && fallback !== NO_DEFAULT) return fallback;
    throw e;
  }
}

export function hasattr(obj: unknown, name: unknown): boolean {
  return getattr(obj, name, NO_DEFAULT_MISSING) !== NO_DEFAULT_MISSING;
}
const NO_DEFAULT_MISSING = Symbol("missing");

/** The attribute hook (`__setattr__`, `__delattr__`) a user metaclass of `cls` defines, if any. */
function metaclassHook(cls: object, hookName: "__setattr__" | "__delattr__"): unknown {
  const meta = metaclassOf(cls);
  for (let p = meta === null ? null : (meta.prototype as object | null); p !== null && p !== Function.prototype && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, hookName);
    if (d !== undefined) return d.value;
  }
  return undefined;
}

export function setattr(obj: unknown, name: unknown, value: unknown): null {
  if (typeof name !== "string") throw new PyTypeError(`attribute name must be string, not '${typeName(name)}'`);
  const refused = refusedStore(obj, name);
  if (refused !== null) throw refused;
  if (obj === null || (typeof obj !== "object" && typeof obj !== "function") || Array.isArray(obj) || Object.isFrozen(obj) || !Object.isExtensible(obj)) {
    throw new AttributeError(`'${typeName(obj)}' object has no attribute '${name}'`);
  }
  // (a class's attribute is set by its metaclass's `__setattr__`, never by the one it gives its instances)
  const setter = isClass(obj) ? metaclassHook(obj, "__setattr__") : (obj as { __setattr__?: (n: string, v: unknown) => unknown }).__setattr__;
  if (typeof setter === "function") setter.call(obj, name, value);
  else if (typeof obj === "function" && !isClass(obj)) setFunctionAttribute(obj, name, value);
  else if (name === "__class__" && typeof obj === "object") assignClass(obj, value);
  // (a method given to a runtime class, `asyncio.Queue.get_nowait = f`, is its instances' method too)
  else if (isUserClass(obj) || (isClass(obj) && typeof value === "function" && !isClass(value))) setClassAttribute(obj, name, value);
  else (obj as Record<string, unknown>)[attrKey(obj, name)] = value;
  return null;
}

export function delattr(obj: unknown, name: unknown): null {
  if (typeof name !== "string") throw new PyTypeError(`attribute name must be string, not '${typeName(name)}'`);
  if (isUserClass(obj)) {
    // (a class's attribute is deleted by its metaclass's `__delattr__`, never by the one it gives its instances)
    const hook = metaclassHook(obj as object, "__delattr__");
    if (typeof hook === "function") (hook as (n: string) => unknown).call(obj, name);
    else if (!deleteClassAttribute(obj, name)) throw new AttributeError(`type object '${(obj as { name: string }).name}' has no attribute '${name}'`);
    return null;
  }
  // The class's own `__delattr__` decides (it may call object.__delattr__ itself).
  if (obj !== null && typeof obj === "object" && typeof name === "string") {
    const hook = (obj as { __delattr__?: unknown }).__delattr__;
    if (typeof hook === "function") {
      (hook as (n: string) => unknown).call(obj, name);
      return null;
    }
  }
  if (obj !== null && typeof obj === "object" && typeof name === "string" && !Object.hasOwn(obj, attrKey(obj, name))) {
    // A property's deleter or a descriptor's __delete__.
    const deleter = managedDeleter(obj, name);
    if (deleter) {
      deleter(obj);
      return null;
    }
  }
  if (obj !== null && (typeof obj === "object" || typeof obj === "function") && typeof name === "string" && Object.hasOwn(obj, attrKey(obj, name))) {
    delete (obj as Record<string, unknown>)[attrKey(obj, name)];
    return null;
  }
  // (an instance of a runtime class without a `__dict__`, a deque: its names are read-only)
  if (obj !== null && typeof obj === "object" && lacksInstanceDict(obj)) throw refusedStore(obj, name) ?? missingAttribute(obj, name);
  // An empty slot: CPython's member descriptor names just the attribute.
  if (obj !== null && typeof obj === "object" && typeof name === "string" && slotNames(obj).has(name)) throw new AttributeError(name);
  throw new AttributeError(`'${typeName(obj)}' object has no attribute '${String(name)}'`);
}

const NAMESPACE = Symbol.for("pyts.namespace");

/** Python's `vars(obj)`: the object's attribute dict. */
export function vars(obj: unknown): Dict {
  // A program module makes its own namespace (runtime/modules/module-namespace.ts).
  const namespace = (obj as { [NAMESPACE]?: () => Dict } | null)?.[NAMESPACE];
  if (typeof namespace === "function") return namespace.call(obj);
  // A function's attributes, a class's namespace (a mappingproxy).
  if (typeof obj === "function") return getattrImpl(obj, "__dict__") as Dict;
  // (instances of built-in types, `[1]`, `range(3)`, have no `__dict__`)
  if (obj === null || obj === undefined || typeof obj !== "object" || hasNoDict(obj) || typeDictEntries(typeOf(obj)) !== undefined || lacksInstanceDict(obj)) {
    throw new PyTypeError("vars() argument must have __dict__ attribute");
  }
  return instanceDict(obj);
}
