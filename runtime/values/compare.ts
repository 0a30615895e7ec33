// Python's comparison operators: == != < <= > >= is, with exact int/float comparison,
// lexicographic sequences, set inclusion and rich-comparison dunders with reflection.

import { Bytes } from "./bytes.js";
import { Dict } from "./dict.js";
import { PyTypeError } from "./exceptions.js";
import { compareNumbers, isNumeric } from "./numeric.js";
import { AbstractSet } from "./set.js";
import { NotImplemented } from "./singletons.js";
import { truthy } from "./truth.js";
import { Tuple } from "./tuple.js";
import { isClass, tpName } from "./typename.js";
import { isWrapped, unwrap } from "./wrapped.js";
import { userDefines } from "./overrides.js";
import { metaclassDunder } from "../lang/type-base.js";
import { sameBoundMethod } from "../lang/bound-parts.js";
import { COMPARING, enterRecursionSite, leaveRecursionSite, noteRecursionSite } from "./recursion.js";

export type Dunder = "__eq__" | "__ne__" | "__lt__" | "__le__" | "__gt__" | "__ge__";

const REFLECTED: Record<Dunder, Dunder> = {
  __eq__: "__eq__",
  __ne__: "__ne__",
  __lt__: "__gt__",
  __le__: "__ge__",
  __gt__: "__lt__",
  __ge__: "__le__",
};

const SYMBOL: Record<Dunder, string> = {
  __eq__: "==",
  __ne__: "!=",
  __lt__: "<",
  __le__: "<=",
  __gt__: ">",
  __ge__: ">=",
};

function dunderOf(x: unknown, name: string): ((other: unknown) => unknown) | undefined {
  // (a class compares by its metaclass; a callable instance, a mock, by its own class)
  if (typeof x === "function" && (isClass(x) || Object.getPrototypeOf(x) === Function.prototype)) return metaclassDunder(x, name);
  if ((typeof x !== "object" && typeof x !== "function") || x === null) return undefined;
  const m = (x as Record<string, unknown>)[name];
  return typeof m === "function" ? (m as (other: unknown) => unknown) : undefined;
}

/** True when b's class is a proper subclass of a's: its reflected dunder goes first. */
function isProperSubclassInstance(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return false;
  const ca = (a as object).constructor;
  const cb = (b as object).constructor;
  return ca !== cb && b instanceof ca;
}

/** Tries a.op(b), then b.reflected(a); NotImplemented when neither answers. */
function richCompare(a: unknown, b: unknown, op: Dunder): any {
  enterRecursionSite();
  try {
    return dunderCompare(a, b, op);
  } catch (e) {
    noteRecursionSite(e, COMPARING);
    throw e;
  } finally {
    leaveRecursionSite();
  }
}

function dunderCompare(a: unknown, b: unknown, op: Dunder): any {
  const reflected = REFLECTED[op];
  if (isProperSubclassInstance(a, b)) {
    const rm = dunderOf(b, reflected);
    if (rm) {
      const r = rm.call(b, a);
      if (r !== NotImplemented) return r;
    }
  }
  const m = dunderOf(a, op);
  if (m) {
    const r = m.call(a, b);
    if (r !== NotImplemented) return r;
  }
  const rm = dunderOf(b, reflected);
  if (rm) {
    const r = rm.call(b, a);
    if (r !== NotImplemented) return r;
  }
  // A subclass of int/float/str against a plain value, whose own (reflected) comparison is the
  // built-in one (`MyInt(3) < 3.5`: int's says NotImplemented, float's compares).
  if (isWrapped(a) || isWrapped(b)) return builtinCompare(a, b, op);
  return NotImplemented;
}

/**
 * Identity as containers test it before `==` (CPython's PyObject_RichCompareBool): the same
 * object. A float NaN is a JS number without identity, so any NaN counts as the same NaN.
 */
export function identical(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === "number" && typeof b === "number" && a !== a && b !== b);
}

/** Container equality of two items: identity first, then `==`. */
export function sameItem(a: unknown, b: unknown): boolean {
  return identical(a, b) || eq(a, b);
}

/** List equality: lists of unequal lengths are unequal without comparing an item. */
function sequenceEqual(xs: readonly unknown[], ys: readonly unknown[]): boolean {
  if (xs.length !== ys.length) return false;
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] !== ys[i] && !sameItem(xs[i], ys[i])) return false;
  }
  return true;
}

/** Tuple equality: CPython's tuple compares the common items first, whatever the lengths. */
function tupleEqual(xs: readonly unknown[], ys: readonly unknown[]): boolean {
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    if (xs[i] !== ys[i] && !sameItem(xs[i], ys[i])) return false;
  }
  return xs.length === ys.length;
}



function bytesCompare(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}

/** Compares strings by code point, as Python does (JS compares UTF-16 units). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        const cx = a.codePointAt(i)!;
        const cy = b.codePointAt(i)!;
        return cx < cy ? -1 : 1;
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}

/** Built-in equality; undefined when the built-in types do not decide it. */
function builtinEq(a: unknown, b: unknown): boolean | undefined {
  if (isNumeric(a) && isNumeric(b)) return compareNumbers(a, b) === 0;
  if (typeof a === "string" || typeof b === "string") return a === b;
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a === null || a === undefined) && (b === null || b === undefined);
  }
  if (Array.isArray(a)) return Array.isArray(b) ? sequenceEqual(a, b) : undefined;
  if (a instanceof Tuple) return b instanceof Tuple ? tupleEqual(a.items, b.items) : undefined;
  if (a instanceof Dict) {
    if (!(b instanceof Dict)) return undefined;
    if (a.size !== b.size) return false;
    for (const mine of a.table.iterate("dictionary")) {
      const entry = b.table.findLike(mine);
      if (entry === undefined || (entry.value !== mine.value && !sameItem(mine.value, entry.value))) return false;
    }
    return true;
  }
  if (a instanceof AbstractSet) {
    if (!(b instanceof AbstractSet)) return undefined;
    return a.size === b.size && a.containsAll(b);
  }
  if (a instanceof Bytes) return b instanceof Bytes ? bytesCompare(a, b) === 0 : undefined;
  if (typeof a === "function" && typeof b === "function") return sameBoundMethod(a, b);
  return undefined;
}

/** Python's `a == b`. */
export function eq(a: unknown, b: unknown): boolean {
  if (typeof a === typeof b && (typeof a === "bigint" || typeof a === "string" || typeof a === "number")) return a === b;
  return eqOther(a, b);
}

/** `a == b` past eq's common case (a small head TurboFan inlines where eq is called). */
function eqOther(a: unknown, b: unknown): boolean {
  if (builtinAnswers(a, b)) {
    const r = builtinEq(a, b);
    if (r !== undefined) return r;
  }
  const r = richCompare(a, b, "__eq__");
  if (r !== NotImplemented) return truthy(r);
  return a === b || (a == null && b == null);
}

/** Python's `a != b`. */
export function ne(a: unknown, b: unknown): boolean {
  if (typeof a === typeof b && (typeof a === "bigint" || typeof a === "string" || typeof a === "number")) return a !== b;
  return neOther(a, b);
}

/** `a != b` past ne's common case. */
function neOther(a: unknown, b: unknown): boolean {
  if (builtinAnswers(a, b)) {
    const r = builtinEq(a, b);
    if (r !== undefined) return !r;
  }
  const r = richCompare(a, b, "__ne__");
  if (r !== NotImplemented) return truthy(r);
  const e = richCompare(a, b, "__eq__");
  if (e !== NotImplemented) return !truthy(e);
  return !(a === b || (a == null && b == null));
}

/**
 * Does `a == b` need no user `__eq__`? Not when either side's class defines one (a user class
 * may answer `"a" == W("a")` or `None == W()` too), nor for a subclass instance of a built-in.
 */
function builtinAnswers(a: unknown, b: unknown): boolean {
  return ((isPlain(a) && isPlain(b)) || !hasUserDunders(a, b)) && !isWrapped(b);
}

/** A value whose class cannot define `__eq__`. */
function isPlain(x: unknown): boolean {
  return typeof x !== "object" || x === null || Array.isArray(x);
}

function hasUserDunders(a: unknown, b: unknown): boolean {
  return dunderOf(a, "__eq__") !== undefined || dunderOf(b, "__eq__") !== undefined;
}

/** Built-in ordering: a number (<0, 0, >0, NaN), or undefined when the types do not order. */
function builtinOrder(a: unknown, b: unknown, op: Dunder): number | undefined {
  if (isNumeric(a) && isNumeric(b)) return compareNumbers(a, b);
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return lexicographic(a, b, op);
  if (a instanceof Tuple && b instanceof Tuple) return lexicographic(a.items, b.items, op);
  if (a instanceof Bytes && b instanceof Bytes) return bytesCompare(a, b);
  return undefined;
}

/**
 * Lexicographic order: the first unequal pair decides with the requested operator itself (so
 * user `__lt__` is honoured and NaN behaves), otherwise the lengths do.
 */
function lexicographic(xs: readonly unknown[], ys: readonly unknown[], op: Dunder): number {
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x === y || sameItem(x, y)) continue;
    if (op === "__eq__" || op === "__ne__") return 1;
    const holds = compare(x, y, op);
    // Encode the outcome so the caller's test of the operator gives `holds`.
    return op === "__lt__" || op === "__le__" ? (holds ? -1 : 1) : holds ? 1 : -1;
  }
  return xs.length - ys.length;
}

function setOrder(a: AbstractSet, b: AbstractSet, op: Dunder): boolean {
  switch (op) {
    case "__lt__":
      return a.size < b.size && b.containsAll(a);
    case "__le__":
      return a.size <= b.size && b.containsAll(a);
    case "__gt__":
      return a.size > b.size && a.containsAll(b);
    default:
      return a.size >= b.size && a.containsAll(b);
  }
}

function orderHolds(order: number, op: Dunder): boolean {
  return op === "__lt__" ? order < 0 : op === "__le__" ? order <= 0 : op === "__gt__" ? order > 0 : order >= 0;
}

function compare(a: unknown, b: unknown, op: Dunder): boolean {
  const r = compareValue(a, b, op);
  return typeof r === "boolean" ? r : truthy(r);
}

/** `a op b` as an expression's value: what the rich-comparison dunder returned (any object). */
function compareValue(a: unknown, b: unknown, op: Dunder): unknown {
  const overridden = userDefines(a, op) || userDefines(b, REFLECTED[op]);
  if (!overridden) {
    // Two lists or two tuples: the first unequal items' own comparison is the value, as it
    // returned it (`[a] < [b]` is whatever `a < b` gave); equal prefixes compare lengths.
    let xs: readonly unknown[] | undefined;
    let ys: readonly unknown[] | undefined;
    if (Array.isArray(a) && Array.isArray(b)) {
      xs = a;
      ys = b;
    } else if (a instanceof Tuple && b instanceof Tuple) {
      xs = a.items;
      ys = b.items;
    }
    if (xs !== undefined && ys !== undefined) {
      let i = 0;
      for (; i < xs.length && i < ys.length; i++) if (!(xs[i] === ys[i] || sameItem(xs[i], ys[i]))) break;
      if (i >= xs.length || i >= ys.length) return orderHolds(xs.length - ys.length, op);
      return compareValue(xs[i], ys[i], op);
    }
  }
  const order = overridden ? undefined : builtinOrder(a, b, op);
  if (order !== undefined) {
    switch (op) {
      case "__lt__":
        return order < 0;
      case "__le__":
        return order <= 0;
      case "__gt__":
        return order > 0;
      default:
        return order >= 0;
    }
  }
  if (!overridden && a instanceof AbstractSet && b instanceof AbstractSet) return setOrder(a, b, op);
  const r = richCompare(a, b, op);
  if (r !== NotImplemented) return r;
  throw new PyTypeError(
    `'${SYMBOL[op]}' not supported between instances of '${tpName(a)}' and '${tpName(b)}'`,
  );
}

export function lt(a: unknown, b: unknown): boolean {
  // Ints and floats: JS compares bigint and number exactly, as Python does.
  if ((typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number")) return (a as number) < (b as number);
  return compare(a, b, "__lt__");
}
export function le(a: unknown, b: unknown): boolean {
  // Ints and floats: JS compares bigint and number exactly, as Python does.
  if ((typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number")) return (a as number) <= (b as number);
  return compare(a, b, "__le__");
}
export function gt(a: unknown, b: unknown): boolean {
  // Ints and floats: JS compares bigint and number exactly, as Python does.
  if ((typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number")) return (a as number) > (b as number);
  return compare(a, b, "__gt__");
}
export function ge(a: unknown, b: unknown): boolean {
  // Ints and floats: JS compares bigint and number exactly, as Python does.
  if ((typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number")) return (a as number) >= (b as number);
  return compare(a, b, "__ge__");
}

// The value comparisons return `any`: emitted code puts the result where the comparison
// stood, typed as the program's annotations say (`-> bool`), and a user dunder may return
// anything, so no narrower static type is true.
/* eslint-disable @typescript-eslint/no-explicit-any */

/** `a == b` as a value: a user `__eq__`'s result as it returned it (`lt`... for a test). */
export function eqV(a: unknown, b: unknown): any {
  if (typeof a === typeof b && (typeof a === "bigint" || typeof a === "string" || typeof a === "number")) return a === b;
  if (builtinAnswers(a, b)) {
    const r = builtinEq(a, b);
    if (r !== undefined) return r;
  }
  const r = richCompare(a, b, "__eq__");
  if (r !== NotImplemented) return r;
  return a === b || (a == null && b == null);
}

/** `a != b` as a value (the default `__ne__` inverts `__eq__` into a bool, as object's does). */
export function neV(a: unknown, b: unknown): any {
  if (typeof a === typeof b && (typeof a === "bigint" || typeof a === "string" || typeof a === "number")) return a !== b;
  if (builtinAnswers(a, b)) {
    const r = builtinEq(a, b);
    if (r !== undefined) return !r;
  }
  const r = richCompare(a, b, "__ne__");
  if (r !== NotImplemented) return r;
  const e = richCompare(a, b, "__eq__");
  if (e !== NotImplemented) return !truthy(e);
  return !(a === b || (a == null && b == null));
}

export function ltV(a: unknown, b: unknown): any {
  if ((typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number")) return (a as number) < (b as number);
  return compareValue(a, b, "__lt__");
}
export function leV(a: unknown, b: unknown): any {
  if ((typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number")) return (a as number) <= (b as number);
  return compareValue(a, b, "__le__");
}
export function gtV(a: unknown, b: unknown): any {
  if ((typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number")) return (a as number) > (b as number);
  return compareValue(a, b, "__gt__");
}
export function geV(a: unknown, b: unknown): any {
  if ((typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number")) return (a as number) >= (b as number);
  return compareValue(a, b, "__ge__");
}

/**
 * Python's `is`: None is null or undefined; strings and ints compare by value; floats as
 * `Object.is` does (a NaN is itself, `0.0` is not `-0.0`), as the emitted `is` does.
 */
export function is_(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  return Object.is(a, b);
}

export function isNot(a: unknown, b: unknown): boolean {
  return !is_(a, b);
}

/** A three-way comparison for sorting: uses `<` both ways, as Python's sort does. */
export function sortCompare(a: unknown, b: unknown): number {
  if (lt(a, b)) return -1;
  if (lt(b, a)) return 1;
  return 0;
}

/**
 * The built-in comparison `op` of two values (subclass instances of str/int/float unwrapped),
 * or NotImplemented when their types do not compare: what such a subclass inherits.
 */
export function builtinCompare(a: unknown, b: unknown, op: Dunder): boolean | typeof NotImplemented {
  const x = unwrap(a);
  const y = unwrap(b);
  if (op === "__eq__" || op === "__ne__") {
    if (typeof x === "string" ? typeof y !== "string" : !(isNumeric(x) && isNumeric(y))) return NotImplemented;
    const same = builtinEq(x, y) === true;
    return op === "__eq__" ? same : !same;
  }
  const order = builtinOrder(x, y, op);
  if (order === undefined) return NotImplemented;
  return op === "__lt__" ? order < 0 : op === "__le__" ? order <= 0 : op === "__gt__" ? order > 0 : order >= 0;
}

/**
 * A very long comparison chain (`a < b <= c ...`), emitted flat: `steps` alternates a
 * comparison helper and a thunk for its right operand. Each operand is evaluated once, just
 * before its comparison, and the chain stops at the first false one, as CPython does.
 */
export function compareChain(first: unknown, steps: unknown[]): boolean {
  let left = first;
  for (let i = 0; i < steps.length; i += 2) {
    const right = (steps[i + 1] as () => unknown)();
    if (!(steps[i] as (a: unknown, b: unknown) => boolean)(left, right)) return false;
    left = right;
  }
  return true;
}

/** `compareChain` as a value: the first false comparison's result, or the last one's. */
export function compareChainV(first: unknown, steps: unknown[]): any {
  let left = first;
  let result: unknown = true;
  for (let i = 0; i < steps.length; i += 2) {
    const right = (steps[i + 1] as () => unknown)();
    result = (steps[i] as (a: unknown, b: unknown) => unknown)(left, right);
    if (!(typeof result === "boolean" ? result : truthy(result))) return result;
    left = right;
  }
  return result;
}
