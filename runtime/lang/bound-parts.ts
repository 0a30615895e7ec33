// What a bound method holds (`__self__`, `__func__`), kept apart from functions.ts so that
// equality and hashing (runtime/values) can read it without importing the call machinery.

import { BUILTIN_FUNC, BUILTIN_SELF } from "../values/builtin-type.js";

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
  const pa = boundParts(a) ?? builtinBoundParts(a);
  const pb = boundParts(b) ?? builtinBoundParts(b);
  if (pa === undefined || pb === undefined) return undefined;
  return pa.method === pb.method && (pa.self === pb.self || (pa.self == null && pb.self == null));
}

/** A bound built-in method's `__self__` and the function it calls (`[].append`), as BoundParts. */
export function builtinBoundParts(f: unknown): BoundParts | undefined {
  if (typeof f !== "function" || !Object.hasOwn(f, BUILTIN_FUNC)) return undefined;
  const held = f as unknown as Record<symbol, unknown>;
  return { self: held[BUILTIN_SELF], method: held[BUILTIN_FUNC] as AnyFn, owner: null };
}
