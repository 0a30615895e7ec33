// Unpacking assignment (`a, b = value`, `first, *rest = value`) with Python's checks.
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { jsIterator } from "../values/iteration.js";
import { Tuple } from "../values/tuple.js";
import { overridden } from "../values/overrides.js";
import { typeName } from "../values/typename.js";

function iteratorOf(value: unknown): Iterator<unknown> {
  try {
    return jsIterator(value);
  } catch (e) {
    // (a class that sets `__iter__ = None` has CPython's iter() message)
    const iterNone = value !== null && typeof value === "object" && (value as { __iter__?: unknown }).__iter__ === null;
    if (e instanceof PyTypeError && e.message.endsWith("is not iterable") && !iterNone) {
      throw new PyTypeError(`cannot unpack non-iterable ${typeName(value)} object`);
    }
    throw e;
  }
}

/** `a, b = value`: exactly `count` items; like CPython, reads at most one item too many. */
export function unpack(value: unknown, count: number): any[] {
  // A plain tuple or list of the right length, the common case, hands out its items at once.
  // Kept small so that TurboFan inlines it into the loop that unpacks; the class is read
  // through `constructor` (no Python attribute can shadow it: such names are stored mangled),
  // since Object.getPrototypeOf is a call into V8's runtime where a site sees several maps
  // (tuples and lists of floats and of objects in one loop).
  if (typeof value === "object" && value !== null) {
    const cls = (value as { constructor: unknown }).constructor;
    if (cls === Tuple) {
      const items = (value as Tuple).items as unknown[];
      if (items.length === count) return items;
    } else if (cls === Array && (value as unknown[]).length === count) {
      return value as unknown[];
    }
  }
  return unpackOther(value, count);
}

/** `unpack` of anything else: a subclass, another iterable, or a wrong count. */
function unpackOther(value: unknown, count: number): any[] {
  // A list or a tuple (unless a subclass defines its own `__iter__`): its items at once.
  const proto = typeof value === "object" && value !== null ? Object.getPrototypeOf(value) : null;
  const plain = proto === Tuple.prototype ? ((value as Tuple).items as unknown[]) : proto === Array.prototype ? (value as unknown[]) : null;
  const known = plain ?? (Array.isArray(value) ? value : value instanceof Tuple ? (value.items as unknown[]) : null);
  if (known !== null && (plain !== null || !overridden(value as object, "__iter__"))) {
    if (known.length === count) return known;
    if (known.length > count) throw new ValueError(`too many values to unpack (expected ${count})`);
    throw new ValueError(`not enough values to unpack (expected ${count}, got ${known.length})`);
  }
  const it = iteratorOf(value);
  const items: unknown[] = [];
  for (;;) {
    const r = it.next();
    if (r.done) break;
    if (items.length === count) throw new ValueError(`too many values to unpack (expected ${count})`);
    items.push(r.value);
  }
  if (items.length < count) throw new ValueError(`not enough values to unpack (expected ${count}, got ${items.length})`);
  return items;
}

/** `a, *rest, z = value`: `before` items, a list of the middle, then `after` items. */
export function unpackStar(value: unknown, before: number, after: number): any[] {
  const items = Array.isArray(value) ? value : Array.from({ [Symbol.iterator]: () => iteratorOf(value) });
  if (items.length < before + after) {
    throw new ValueError(`not enough values to unpack (expected at least ${before + after}, got ${items.length})`);
  }
  return [...items.slice(0, before), items.slice(before, items.length - after), ...items.slice(items.length - after)];
}
