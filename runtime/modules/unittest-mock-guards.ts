// What Mock itself checks while it runs and that unittest.mock's later names (seal,
// InvalidSpecError) change: a sealed mock makes no more children (AttributeError naming the
// attribute's dotted path, as Lib/unittest/mock.py words it), and a mock is no spec; what a
// spec allows.

import { AttributeError, Exception } from "../values/exceptions.js";
import { dir } from "../lang/objects.js";
import { isNone } from "./callable-class.js";

/** unittest.mock.InvalidSpecError: a Mock given as the spec of another. */
export class InvalidSpecError extends Exception {
  static readonly __module__ = "unittest.mock";
}

/** The error a sealed mock raises instead of making the child `path` (a dotted name). */
export function sealedChild(path: string): AttributeError {
  return new AttributeError(path);
}

/** The error a sealed mock raises for setting an attribute it does not have. */
export function sealedSet(path: string): AttributeError {
  return new AttributeError(`Cannot set ${path}`);
}

/** The attribute names a spec allows: a list of names, or what `dir()` gives of an object. */
export function specNames(spec: unknown): Set<string> | null {
  if (isNone(spec)) return null;
  if (Array.isArray(spec) && spec.every((x) => typeof x === "string")) return new Set(spec as string[]);
  return new Set(dir(spec));
}

/** A method the class's instances inherit (a data property of a prototype, not a static method's getter). */
export function isPrototypeMethod(cls: { prototype?: object }, key: string): boolean {
  for (let p: object | null = cls.prototype ?? null; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, key);
    if (d !== undefined) return typeof d.value === "function";
  }
  return false;
}
