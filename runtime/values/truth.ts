// Python truthiness: `if x`, `not x`, `bool(x)`.

import { PyTypeError, ValueError } from "./exceptions.js";
import { isClass, typeName } from "./typename.js";

interface TruthDunders {
  __bool__?: () => unknown;
  __len__?: () => unknown;
}

/** Python's `bool(x)` as a JS boolean. */
export function truthy(x: unknown): boolean {
  switch (typeof x) {
    case "boolean":
      return x;
    case "bigint":
      return x !== 0n;
    case "number":
      return x !== 0; // NaN is true in Python
    case "string":
      return x.length > 0;
    case "undefined":
      return false;
    case "function":
      // (a callable instance with its own truth, a MagicMock: its `__bool__`; functions and classes are true)
      if (!("__bool__" in x) || isClass(x)) return true;
      break;
    case "symbol":
      return true;
  }
  if (x === null) return false;
  if (Array.isArray(x)) return x.length > 0;
  const obj = x as TruthDunders & { size?: unknown; length?: unknown };
  if (typeof obj.__bool__ === "function") {
    const r = obj.__bool__();
    if (typeof r !== "boolean") {
      throw new PyTypeError(`__bool__ should return bool, returned ${typeName(r)}`);
    }
    return r;
  }
  if (typeof obj.__len__ === "function") {
    const n = obj.__len__();
    if (typeof n === "bigint") {
      if (n < 0n) throw new ValueError("__len__() should return >= 0");
      return n !== 0n;
    }
    if (typeof n === "boolean") return n;
    throw new PyTypeError(`'${typeName(n)}' object cannot be interpreted as an integer`);
  }
  if (x instanceof Uint8Array) return x.length > 0;
  if (typeof obj.size === "number" && isRuntimeContainer(obj)) return obj.size > 0;
  if (typeof obj.length === "number" && isRuntimeContainer(obj)) return obj.length > 0;
  return true;
}

/** Runtime containers (Tuple, Dict, sets) declare an own static pythonName on their class. */
function isRuntimeContainer(x: object): boolean {
  const ctor = (Object.getPrototypeOf(x) as { constructor?: unknown } | null)?.constructor;
  return typeof ctor === "function" && Object.hasOwn(ctor, "pythonName");
}

/** Python's `not x`. */
export function not_(x: unknown): boolean {
  return !truthy(x);
}

/**
 * A very long `a and b and ...` (`and` true) or `a or b or ...`, emitted flat: each later
 * operand is a thunk, evaluated only while the chain is undecided, as CPython short-circuits.
 */
export function boolChain(and: boolean, first: unknown, rest: (() => unknown)[]): any {
  let value = first;
  for (const next of rest) {
    if (truthy(value) !== and) return value;
    value = next();
  }
  return value;
}
