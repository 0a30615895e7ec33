// Helpers for the `match` statement (PEP 634). Each returns the parts a pattern's
// sub-patterns match against, as an array, or null when the subject does not fit.

import { Dict } from "../values/dict.js";
import { Tuple } from "../values/tuple.js";
import { Range } from "../values/range.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { repr } from "../values/repr.js";
import { isinstance, getattr } from "../values/builtin-functions.js";
import { isPyTypeObject } from "../values/builtin-type.js";
import { className, isClass, typeName } from "../values/typename.js";

/** The items of a value a sequence pattern accepts (list, tuple, range; never str, bytes, dict). */
function sequenceItems(subject: unknown): readonly unknown[] | null {
  if (Array.isArray(subject)) return subject;
  if (subject instanceof Tuple) return subject.items;
  if (subject instanceof Range) return [...subject];
  return null;
}

/**
 * A sequence pattern of `length` sub-patterns, one of them a star at `starIndex` (or none,
 * -1). Returns one entry per sub-pattern; the star's entry is a list of the items it takes.
 */
export function matchSequence(subject: unknown, length: number, starIndex = -1): any[] | null {
  const items = sequenceItems(subject);
  if (items === null) return null;
  if (starIndex < 0) return items.length === length ? [...items] : null;
  if (items.length < length - 1) return null;
  const after = length - starIndex - 1;
  const starEnd = items.length - after;
  return [...items.slice(0, starIndex), items.slice(starIndex, starEnd), ...items.slice(starEnd)];
}

/**
 * A mapping pattern: the values of `keys` (all present), then, when `rest` is asked for,
 * a dict of the other items (`**rest`).
 */
export function matchMapping(subject: unknown, keys: unknown[], rest = false): any[] | null {
  if (!(subject instanceof Dict)) return null;
  const seen = new Dict<unknown, null>();
  const values: unknown[] = [];
  for (const key of keys) {
    if (seen.has(key)) throw new ValueError(`mapping pattern checks duplicate key (${repr(key)})`);
    seen.set(key, null);
    const entry = subject.table.find(key);
    if (entry === undefined) return null;
    values.push(entry.value);
  }
  if (rest) {
    const others = new Dict();
    for (const [k, v] of subject.entries()) if (!seen.has(k)) others.set(k, v);
    values.push(others);
  }
  return values;
}

const MISSING = Symbol("missing");

/** Built-in types whose single positional sub-pattern matches the subject itself. */
const SELF_MATCHING = new Set(["bool", "bytearray", "bytes", "dict", "float", "frozenset", "int", "list", "set", "str", "tuple"]);

function subPatterns(n: number): string {
  return `${n} positional sub-pattern${n === 1 ? "" : "s"}`;
}

/**
 * A class pattern `cls(p1, ..., name=q, ...)`: after the isinstance check, the values for
 * the `positionalCount` positional sub-patterns (through `__match_args__`) and then the
 * attributes named in `keywordNames`. A missing attribute means no match.
 */
export function matchClass(subject: unknown, cls: unknown, positionalCount = 0, keywordNames: string[] = []): any[] | null {
  if (!isClass(cls)) throw new PyTypeError("called match pattern must be a type");
  if (!isinstance(subject, cls)) return null;
  const name = className(cls);
  const values: unknown[] = [];
  const attributes: string[] = [];
  if (positionalCount > 0) {
    const selfMatching = isPyTypeObject(cls) && SELF_MATCHING.has(cls.__name__);
    const matchArgs = selfMatching ? MISSING : getattr(cls, "__match_args__", MISSING);
    if (matchArgs === MISSING) {
      const accepts = selfMatching ? 1 : 0;
      if (positionalCount > accepts) throw new PyTypeError(`${name}() accepts ${subPatterns(accepts)} (${positionalCount} given)`);
      values.push(subject);
    } else {
      if (!(matchArgs instanceof Tuple)) throw new PyTypeError(`${name}.__match_args__ must be a tuple (got ${typeName(matchArgs)})`);
      if (positionalCount > matchArgs.items.length) {
        throw new PyTypeError(`${name}() accepts ${subPatterns(matchArgs.items.length)} (${positionalCount} given)`);
      }
      for (const attr of matchArgs.items.slice(0, positionalCount)) {
        if (typeof attr !== "string") throw new PyTypeError(`__match_args__ elements must be strings (got ${typeName(attr)})`);
        attributes.push(attr);
      }
    }
  }
  for (const attr of keywordNames) {
    if (attributes.includes(attr)) throw new PyTypeError(`${name}() got multiple sub-patterns for attribute '${attr}'`);
    attributes.push(attr);
  }
  for (const attr of attributes) {
    const value = getattr(subject, attr, MISSING);
    if (value === MISSING) return null;
    values.push(value);
  }
  return values;
}
