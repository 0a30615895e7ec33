// Subclasses of built-in types may override the built-in behaviour (`class Ring(list)` with its
// own `__getitem__`). The runtime's operations take fast paths on built-in values; for an
// instance of such a subclass they first ask whether its class overrides the dunder.

import { Bytes } from "./bytes.js";
import { ByteArray } from "./bytearray.js";
import { Dict } from "./dict.js";
import { AbstractSet, FrozenSet, PySet } from "./set.js";
import { Tuple } from "./tuple.js";
import { metaclassDunder } from "../lang/type-base.js";

/** Prototypes of the runtime's built-in values; made late (import cycles). */
let builtinPrototypes: Set<object> | undefined;

/**
 * Does a class below the built-in runtime classes define `name` for `x` (a user subclass's
 * own `__getitem__`, or the one a runtime base such as ListBase gives its subclasses)?
 */
export function userDefines(x: unknown, name: string): boolean {
  // (a class whose metaclass defines the operator: `Dog | Cat` is no union then)
  if (typeof x === "function") return metaclassDunder(x, name) !== undefined;
  if (typeof x !== "object" || x === null) return false;
  const builtins = (builtinPrototypes ??= new Set<object>([
    Object.prototype, Array.prototype, Tuple.prototype, Dict.prototype, AbstractSet.prototype, PySet.prototype,
    FrozenSet.prototype, Bytes.prototype, ByteArray.prototype, Uint8Array.prototype,
  ]));
  for (let p = Object.getPrototypeOf(x) as object | null; p !== null && !builtins.has(p); p = Object.getPrototypeOf(p) as object | null) {
    if (Object.hasOwn(p, name)) return true;
  }
  return false;
}

/**
 * An Array of the built-in list type itself (no subclass): its class through `constructor`
 * (see `overridden`).
 */
export function isPlainList(x: unknown): x is unknown[] {
  return Array.isArray(x) && (x as { constructor: unknown }).constructor === Array;
}

/** A built-in container (list, dict, tuple, set, bytes) of a subclass whose class defines `name`. */
export function overridden(x: object, name: string): boolean {
  // The common case, a plain built-in value, answers at once. (Its class read through
  // `constructor`, which no Python attribute can shadow: Object.getPrototypeOf is a call into
  // V8's runtime, hundreds of instructions, wherever V8 does not know the object's map.)
  const cls = (x as { constructor?: unknown }).constructor;
  if (cls === Array || cls === Dict || cls === Tuple || cls === PySet) return false;
  return userDefines(x, name);
}
