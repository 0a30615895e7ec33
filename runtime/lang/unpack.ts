// Unpacking assignment (`a, b = value`, `first, *rest = value`) with Python's checks.
import { ValueError } from "../values/exceptions.js";

function toArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return Array.from(value as Iterable<unknown>);
}

/** `a, b = value`: exactly `count` items. */
export function unpack(value: unknown, count: number): any[] {
  const items = toArray(value);
  if (items.length > count) throw new ValueError(`too many values to unpack (expected ${count})`);
  if (items.length < count) throw new ValueError(`not enough values to unpack (expected ${count}, got ${items.length})`);
  return items;
}

/** `a, *rest, z = value`: `before` items, a list of the middle, then `after` items. */
export function unpackStar(value: unknown, before: number, after: number): any[] {
  const items = toArray(value);
  if (items.length < before + after) {
    throw new ValueError(`not enough values to unpack (expected at least ${before + after}, got ${items.length})`);
  }
  return [...items.slice(0, before), items.slice(before, items.length - after), ...items.slice(items.length - after)];
}
