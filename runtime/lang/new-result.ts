// What `__new__` returned when it is not an object. A JS constructor cannot return `42` or
// `None` (`new` gives the fresh `this` instead), so the root constructor of a class with
// `__new__` (constructInstance) notes such a value, and `newResult(new Cls(...))` hands it on.

import { PyTypeError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";

const NO_PRIMITIVE = Symbol("pyts.noPrimitive");
let primitiveResult: unknown = NO_PRIMITIVE;

/** Last step of `constructInstance`: note what `__new__` made if `new` cannot return it. */
export function noteNewResult(made: unknown): void {
  primitiveResult = (typeof made === "object" && made !== null) || typeof made === "function" ? NO_PRIMITIVE : made;
}

/**
 * `newResult(new Cls(...))` in a module whose classes define `__new__` (and every construction
 * by the runtime): what `__new__` returned when it was not an object, else the instance.
 * (`constructInstance` is the last thing a constructor runs, so the slot is this call's own.)
 */
export function newResult<T>(made: T): T {
  if (primitiveResult === NO_PRIMITIVE) return made;
  const value = primitiveResult;
  primitiveResult = NO_PRIMITIVE;
  return value as T;
}

const INIT_INFO = Symbol.for("pyts.init");

/**
 * `return value` in the `__init__` of class `owner` (its constructor, run for `newTarget`):
 * CPython's TypeError unless the value is None, when the class call ran this `__init__`. A
 * class between `newTarget` and `owner` with an `__init__` of its own called it through `super()`.
 */
export function checkInitResult(value: unknown, newTarget: unknown, owner: unknown): void {
  if (value === null || value === undefined) return;
  for (let c = newTarget; typeof c === "function" && c !== owner; c = Object.getPrototypeOf(c)) if (Object.hasOwn(c, INIT_INFO)) return;
  throw new PyTypeError(`__init__() should return None, not '${typeName(value)}'`);
}
