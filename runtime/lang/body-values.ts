// What a class body bound to a name whose class attribute is not that value itself: the
// function a def's decorators returned (the class keeps a method wrapper), a method alias.
// Later statements of the body read it (classBodyValue).

const BODY_VALUES = Symbol.for("pyts.bodyValues");

/** Records `value` for the body's name (undefined: the name is bound otherwise now, or deleted). */
export function recordBodyValue(cls: object, classKey: string, value: unknown): void {
  if (!Object.hasOwn(cls, BODY_VALUES)) {
    if (value === undefined) return;
    Object.defineProperty(cls, BODY_VALUES, { value: new Map() });
  }
  const values = (cls as Record<symbol, Map<string, unknown>>)[BODY_VALUES]!;
  if (value === undefined) values.delete(classKey);
  else values.set(classKey, value);
}

export function bodyValueOf(cls: object, classKey: string): unknown {
  return Object.hasOwn(cls, BODY_VALUES) ? (cls as Record<symbol, Map<string, unknown>>)[BODY_VALUES]!.get(classKey) : undefined;
}
