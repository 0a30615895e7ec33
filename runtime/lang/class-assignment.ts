// `obj.__class__ = Other`: the instance changes class (its prototype), where CPython allows it:
// both classes are the program's own and share their nearest built-in base (the object layout).
import { PyTypeError } from "../values/exceptions.js";
import { className, isClass, typeName } from "../values/typename.js";
import { isUserClass } from "./class-attributes.js";

/** A class the program defined (runtime classes name themselves with an own `pythonName`). */
function programClass(c: unknown): c is Function {
  return isUserClass(c) && !Object.hasOwn(c as object, "pythonName");
}

/** The first class up the chain that is not the program's own (null: object). */
function layoutBase(cls: Function): unknown {
  let c: unknown = cls;
  while (programClass(c)) c = Object.getPrototypeOf(c);
  return typeof c === "function" && c !== Function.prototype ? c : null;
}

export function assignClass(obj: object, cls: unknown): void {
  if (!isClass(cls)) throw new PyTypeError(`__class__ must be set to a class, not '${typeName(cls)}' object`);
  const current = (Object.getPrototypeOf(obj) as { constructor?: unknown } | null)?.constructor;
  if (!programClass(cls) || !programClass(current)) {
    throw new PyTypeError("__class__ assignment only supported for mutable types or ModuleType subclasses");
  }
  if (layoutBase(cls) !== layoutBase(current)) {
    throw new PyTypeError(`__class__ assignment: '${className(cls)}' object layout differs from '${className(current)}'`);
  }
  Object.setPrototypeOf(obj, (cls as { prototype: object }).prototype);
}
