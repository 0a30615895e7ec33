// Python's `in` / `not in`.

import { metaclassOf } from "../lang/type-base.js";
import { Bytes } from "./bytes.js";
import { sameItem } from "./compare.js";
import { Dict } from "./dict.js";
import { PyTypeError } from "./exceptions.js";
import { iterable } from "./iteration.js";
import { isIntLike, toBigInt } from "./numeric.js";
import { AbstractSet, FrozenSet, PySet } from "./set.js";
import { big, type Int } from "./small-int.js";
import { truthy } from "./truth.js";
import { Tuple } from "./tuple.js";
import { typeName } from "./typename.js";
import { PRIMITIVE, StrValue } from "./wrapped.js";
import { overridden } from "./overrides.js";

function sequenceHas(items: readonly unknown[], item: unknown): boolean {
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (x === item || sameItem(x, item)) return true;
  }
  return false;
}

/** Python's `item in container`. */
export function in_(item: unknown, container: unknown): boolean {
  // (a str in a str, a character loop's `ch in "aeiou"`: answered before any other check)
  if (typeof container === "string" && typeof item === "string") return container.includes(item);
  if (typeof container === "object" && container !== null && overridden(container, "__contains__")) {
    return truthy((container as { __contains__: (x: unknown) => unknown }).__contains__(item));
  }
  return builtinIn(item, container);
}

/** `item in container` as the built-in type answers it. */
export function builtinIn(item: unknown, container: unknown): boolean {
  if (typeof container === "string") {
    if (typeof item !== "string") {
      // A str subclass instance is searched for as its text.
      if (item instanceof StrValue) return container.includes(item[PRIMITIVE]);
      throw new PyTypeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    }
    return container.includes(item);
  }
  if (Array.isArray(container)) return sequenceHas(container, item);
  if (container instanceof Tuple) return sequenceHas(container.items, item);
  if (container instanceof Dict || container instanceof AbstractSet) return container.has(item);
  if (container instanceof Bytes) {
    if (isIntLike(item)) return container.includes(Number(toBigInt(item)));
    if (item instanceof Uint8Array) return container.toLatin1().includes(Bytes.prototype.toLatin1.call(item));
    throw new PyTypeError(`a bytes-like object is required, not '${typeName(item)}'`);
  }
  // (a class whose metaclass defines the container protocol counts as an object here)
  if ((typeof container === "object" && container !== null) || (typeof container === "function" && metaclassOf(container) !== null)) {
    const obj = container as { __contains__?: (x: unknown) => unknown; __iter__?: unknown; __getitem__?: unknown };
    if (typeof obj.__contains__ === "function") return truthy(obj.__contains__(item));
    // No __contains__: Python searches by iteration (__iter__, then the __getitem__ protocol).
    if (Symbol.iterator in container || typeof obj.__iter__ === "function" || typeof obj.__getitem__ === "function") {
      for (const x of iterable(container)) if (x === item || sameItem(x, item)) return true;
      return false;
    }
  }
  if (typeof container === "function") {
    // A class whose type defines `__contains__` (an Enum class: `Color.RED in Color`).
    const check = (container as { __contains__?: unknown }).__contains__;
    if (typeof check === "function") return truthy((check as (x: unknown) => unknown).call(container, item));
  }
  throw new PyTypeError(`argument of type '${typeName(container)}' is not iterable`);
}

export function notIn(item: unknown, container: unknown): boolean {
  return !in_(item, container);
}

/**
 * `i in container` of a proven-int local (an Int: a number while safe). A plain set,
 * frozenset or dict is probed with the number itself; anything else (lists, subclasses, user
 * containers, which may see the value) gets the int as the bigint it is.
 */
export function inI(item: Int, container: unknown): boolean {
  if (typeof item === "number" && container !== null && typeof container === "object") {
    const cls = (container as { constructor: unknown }).constructor;
    if (cls === PySet || cls === FrozenSet) return (container as AbstractSet).hasSafeInt(item);
    // (a safe int's dict key is the number itself: hashKey)
    if (cls === Dict) return (container as Dict).has(item);
  }
  return in_(big(item), container);
}
