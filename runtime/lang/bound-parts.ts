// What a bound method holds (`__self__`, `__func__`), kept apart from functions.ts so that
// equality and hashing (runtime/values) can read it without importing the call machinery.

type AnyFn = (...args: unknown[]) => unknown;

const BOUND = Symbol.for("pyts.boundMethod");

export interface BoundParts {
  self: unknown;
  method: AnyFn;
  owner: Function | null;
}

export function boundParts(f: unknown): BoundParts | undefined {
  return typeof f === "function" ? (f as { [BOUND]?: BoundParts })[BOUND] : undefined;
}

export function setBoundParts(f: Function, parts: BoundParts): void {
  (f as unknown as { [BOUND]: BoundParts })[BOUND] = parts;
}

/**
 * Bound methods are equal when they bind the same object (`is`) to the same function, as
 * CPython's method objects compare: `obj.m == obj.m` although each read makes a new one.
 */
export function sameBoundMethod(a: unknown, b: unknown): boolean | undefined {
  const pa = boundParts(a);
  const pb = boundParts(b);
  if (pa === undefined || pb === undefined) return undefined;
  return pa.method === pb.method && (pa.self === pb.self || (pa.self == null && pb.self == null));
}
