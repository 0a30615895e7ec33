// Python's hash() and the Map keys that give Dict and set Python's key equality:
// 1 == 1.0 == True are one key, tuples compare by value, user objects by __hash__/__eq__.

import { Bytes } from "./bytes.js";
import { ByteArray } from "./bytearray.js";
import { PyTypeError } from "./exceptions.js";
import { PyComplex } from "./complex.js";
import { floatHash as hashFloat, intHash as hashInt, NUMBER_KEY, tupleHashOf } from "./hash64.js";
export { NUMBER_KEY } from "./hash64.js";
import { Tuple } from "./tuple.js";
import { tpName } from "./typename.js";
import { hashesAsValue, unwrap } from "./wrapped.js";

export { INHERITED_HASH } from "./wrapped.js";
import { CALLING, enterRecursionSite, leaveRecursionSite, noteRecursionSite } from "./recursion.js";
import { boundParts, builtinBoundParts } from "../lang/bound-parts.js";

function hashString(s: string): bigint {
  // FNV-1a over UTF-16 units: CPython randomizes str hashes, so any stable hash will do.
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hashInt(h - (1n << 63n));
}

const objectIds = new WeakMap<object, bigint>();
let nextObjectId = 0x7f3a1c000000n;

/** A stable identity number per object, like CPython's `id()`. */
export function identity(x: object): bigint {
  let id = objectIds.get(x);
  if (id === undefined) {
    id = nextObjectId;
    nextObjectId += 0x30n;
    objectIds.set(x, id);
  }
  return id;
}

/** `id(x)` of any value: a str, int, float, bool or None is given one through a box kept per value. */
export function valueIdentity(x: unknown): bigint {
  if ((x !== null && typeof x === "object") || typeof x === "function") return identity(x);
  const key = x === undefined ? null : x;
  let box = primitiveBoxes.get(key);
  if (box === undefined) primitiveBoxes.set(key, (box = {}));
  return identity(box);
}
const primitiveBoxes = new Map<unknown, object>();

interface Hashable {
  __hash__(): unknown;
}

function unhashable(x: unknown): never {
  throw new PyTypeError(`unhashable type: '${tpName(x)}'`);
}

const hashHidden = new WeakMap<object, boolean>();

/**
 * True when the class of `x` defines `__eq__` below its nearest `__hash__`: Python sets
 * `__hash__ = None` in a class body that defines `__eq__` alone, making instances unhashable.
 */
function eqWithoutHash(x: object): boolean {
  return eqHidesHash(Object.getPrototypeOf(x) as object | null);
}

/** eqWithoutHash for the instances of a prototype: `Cls.__hash__` reads None then. */
export function eqHidesHash(proto: object | null): boolean {
  if (proto === null) return false;
  let answer = hashHidden.get(proto);
  if (answer === undefined) {
    answer = false;
    for (let p: object | null = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
      if (Object.hasOwn(p, "__hash__")) break;
      if (Object.hasOwn(p, "__eq__")) {
        answer = true;
        break;
      }
    }
    hashHidden.set(proto, answer);
  }
  return answer;
}

/** Python's `hash(x)`. */
export function pyHash(x: unknown): bigint {
  if (x === null || x === undefined) return 0x5f3a7c1n;
  switch (typeof x) {
    case "boolean":
      return x ? 1n : 0n;
    case "bigint":
      return hashInt(x);
    case "number":
      return hashFloat(x);
    case "string":
      return hashString(x);
    case "function":
      return functionHash(x);
  }
  if (x instanceof Tuple) return tupleHashOf(x.items.map(pyHash));
  if (x instanceof ByteArray) unhashable(x);
  if (x instanceof Bytes) return hashString(x.toLatin1());
  if (Array.isArray(x)) unhashable(x);
  const method = (x as Partial<Hashable>).__hash__;
  if (method === null || eqWithoutHash(x as object)) unhashable(x);
  if (typeof method === "function") {
    const h = userHash(x, method);
    // A result that fits a C Py_ssize_t is used as it is (-1 becomes -2); others are rehashed.
    if (typeof h === "bigint") return BigInt.asIntN(64, h) === h ? (h === -1n ? -2n : h) : hashInt(h);
    if (typeof h === "boolean") return h ? 1n : 0n;
    throw new PyTypeError("__hash__ method should return an integer");
  }
  const tag = (x as { __unhashable__?: boolean }).__unhashable__;
  if (tag) unhashable(x);
  return identity(x as object) >> 4n;
}

/** A function's hash: its identity; a bound method's from its object and function (CPython's meth_hash). */
function functionHash(f: Function): bigint {
  const parts = boundParts(f) ?? builtinBoundParts(f);
  if (parts === undefined) return identity(f) >> 4n;
  const self = parts.self;
  // (a built-in method's self by identity, as CPython's meth_hash: `[].append` hashes although a list does not)
  const selfHash = self !== null && (typeof self === "object" || typeof self === "function") ? identity(self) >> 4n : pyHash(self);
  return BigInt.asIntN(64, selfHash ^ (identity(parts.method) >> 4n));
}

/** A class's own `__hash__`, called as CPython's slot does (a recursion through it says so). */
function userHash(x: unknown, method: () => unknown): unknown {
  enterRecursionSite();
  try {
    return method.call(x);
  } catch (e) {
    noteRecursionSite(e, CALLING);
    throw e;
  } finally {
    leaveRecursionSite();
  }
}

/**
 * The hash of a tuple whose item `at` has hashKey `k` (a bucket or an object): that item's
 * `__hash__` has run already and is not called twice (CPython hashes each item once).
 */
function tupleHashFrom(items: readonly unknown[], at: number, k: unknown): bigint {
  return tupleHashOf(items.map((item, i) => (i === at && typeof k === "string" ? BigInt(k.slice(BUCKET_PREFIX.length)) : pyHash(item))));
}

/** Prefix of keys that name a hash bucket whose members must still be compared with `eq`. */
export const BUCKET_PREFIX = "#";

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The Map key standing for Python value `x`. Equal primitives (and tuples of them) map to the
 * same number or string; objects without `__hash__` are their own key; anything else maps to a hash
 * bucket string starting with BUCKET_PREFIX.
 */
export function hashKey(x: unknown): any {
  if (x === null || x === undefined) return "N";
  switch (typeof x) {
    // An int (or an equal bool or integral float) within 2**53 is the JS number itself: a Map
    // finds a number without a key string built per lookup (`d[i]`, `i in d`); past that, "n"
    // and its digits. (-0.0 and 0 are one Map key, as they are one dict key.)
    case "boolean":
      return x ? 1 : 0;
    case "bigint":
      return x <= MAX_SAFE_BIG && x >= -MAX_SAFE_BIG ? Number(x) : "n" + x.toString();
    case "number":
      if (Number.isSafeInteger(x)) return x;
      if (Number.isInteger(x)) return "n" + BigInt(x).toString();
      return "f" + String(x);
    case "string":
      return "s" + x;
    case "function":
      // Bound methods of one object and function are equal: they share a bucket.
      return boundParts(x) !== undefined || builtinBoundParts(x) !== undefined ? BUCKET_PREFIX + functionHash(x).toString() : x;
  }
  if (x instanceof Tuple) {
    const parts: string[] = [];
    const items = x.items;
    for (let i = 0; i < items.length; i++) {
      let k = hashKey(items[i]);
      if (typeof k === "number") k = "n" + k;
      if (typeof k !== "string" || k.startsWith(BUCKET_PREFIX)) return BUCKET_PREFIX + tupleHashFrom(items, i, k).toString();
      parts.push(k);
    }
    return "(" + parts.map((p) => p.length + ":" + p).join("") + ")";
  }
  if (x instanceof ByteArray) unhashable(x);
  if (x instanceof Bytes) return "b" + x.toLatin1();
  // A complex equal to a float is the same key as that float.
  if (x instanceof PyComplex && x.im === 0) return hashKey(x.re);
  if (Array.isArray(x)) unhashable(x);
  const method = (x as Partial<Hashable>).__hash__;
  if (method === null || eqWithoutHash(x as object)) unhashable(x);
  // `Name("a")` and "a" are one key unless the subclass hashes its own way.
  if (hashesAsValue(x)) return hashKey(unwrap(x));
  if ((x as { __unhashable__?: boolean }).__unhashable__) unhashable(x);
  if (typeof method === "function") {
    const asNumber = (x as { [NUMBER_KEY]?: () => unknown })[NUMBER_KEY];
    const number = typeof asNumber === "function" ? asNumber.call(x) : undefined;
    return number !== undefined ? hashKey(number) : BUCKET_PREFIX + pyHash(x).toString();
  }
  return x;
}
