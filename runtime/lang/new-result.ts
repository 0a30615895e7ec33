// What `__new__` returned when it is not an object. A JS constructor cannot return `42` or
// `None` (`new` gives the fresh `this` instead), so the root constructor of a class with
// `__new__` (constructInstance) notes such a value, and `newResult(new Cls(...))` hands it on.

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
