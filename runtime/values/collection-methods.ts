// Methods of list, tuple, dict, set/frozenset and bytes, called through callMethod.

import { identity } from "./hashing.js";
import { dictUpdate, setSource } from "./builtin-types.js";
import { sortInPlace } from "./sorting.js";
import { eq, sameItem } from "./compare.js";
import { Dict } from "./dict.js";
import { IndexError, KeyError, OverflowError, PyTypeError, ValueError } from "./exceptions.js";
import { iterable, iteratorClass } from "./iteration.js";
import { splitKw } from "./kwargs.js";
import { isIntLike, toBigInt } from "./numeric.js";
import { repr } from "./repr.js";
import { NotImplemented } from "./singletons.js";
import { AbstractSet, PySet } from "./set.js";
import { setCopy, setDifference, setIntersection, setSymmetricDifference } from "./set-algebra.js";
import { normalizeIndex } from "./slice.js";
import { truthy } from "./truth.js";
import { Tuple } from "./tuple.js";
import { typeName } from "./typename.js";
import { Bytes } from "./bytes.js";
import { STR_METHODS } from "./str-methods.js";
import { bytesHex, bytesMaketrans, bytesTranslate, decode } from "./bytes-codec.js";
import { BYTES_STR_METHODS } from "./bytes-methods.js";

// A list subclass may define methods named like JS's (push, pop): use Array's own.
const ArrayMethods = Array.prototype;

type Method<T> = (self: T, ...args: unknown[]) => unknown;

function same(a: unknown, b: unknown): boolean {
  return a === b || sameItem(a, b);
}

function intArg(value: unknown): bigint {
  if (!isIntLike(value)) throw new PyTypeError(`'${typeName(value)}' object cannot be interpreted as an integer`);
  return toBigInt(value);
}

const SSIZE_LIMIT = 2n ** 63n;

/** An index argument as C's Py_ssize_t takes it (list.insert, list.pop). */
function ssizeArg(value: unknown): bigint {
  const i = intArg(value);
  if (i >= SSIZE_LIMIT || i < -SSIZE_LIMIT) throw new OverflowError("Python int too large to convert to C ssize_t");
  return i;
}

function seqIndex(items: readonly unknown[], x: unknown, start: unknown, end: unknown, what: string): bigint {
  const n = items.length;
  const clamp = (v: unknown, d: number) => {
    if (v === undefined || v === null) return d;
    let i = Number(intArg(v));
    if (i < 0) i = Math.max(0, i + n);
    return Math.min(i, n);
  };
  for (let i = clamp(start, 0); i < clamp(end, n); i++) if (same(items[i], x)) return BigInt(i);
  throw new ValueError(what === "list" ? `${repr(x)} is not in list` : "tuple.index(x): x not in tuple");
}

function countOf(items: readonly unknown[], x: unknown): bigint {
  let n = 0n;
  for (let i = 0; i < items.length; i++) if (same(items[i], x)) n++;
  return n;
}

/**
 * Up to this many items after the index, list.insert and list.pop move them one by one:
 * `splice` makes an array of the removed items on every call, about 3x slower on short
 * lists (fannkuch-style rotations); past it, splice's block move wins.
 */
const SHORT_MOVE = 16;

/** `xs.insert(i, x)` for 0 < i < len(xs), moving the items after i up by one. */
function insertMoving(xs: unknown[], i: number, x: unknown): void {
  const n = xs.length;
  ArrayMethods.push.call(xs, xs[n - 1]);
  for (let k = n - 1; k > i; k--) xs[k] = xs[k - 1];
  xs[i] = x;
}

/** `xs.pop(i)` for 0 < i < len(xs) - 1, moving the items after i down by one. */
function removeMoving(xs: unknown[], i: number): unknown {
  const item = xs[i];
  const last = xs.length - 1;
  for (let k = i; k < last; k++) xs[k] = xs[k + 1];
  ArrayMethods.pop.call(xs);
  return item;
}

export const LIST_METHODS: Record<string, Method<unknown[]>> = {
  append: (xs, x) => {
    ArrayMethods.push.call(xs, x);
    return null;
  },
  extend: (xs, items) => {
    // (one by one: a spread of a huge iterable would overflow the JS stack)
    for (const x of Array.from(iterable(items))) ArrayMethods.push.call(xs, x);
    return null;
  },
  insert: (xs, index, x) => {
    let i = Number(ssizeArg(index));
    if (i < 0) i = Math.max(0, i + xs.length);
    // (at either end without splice, which makes an array for the removed items each call)
    if (i >= xs.length) ArrayMethods.push.call(xs, x);
    else if (i === 0) ArrayMethods.unshift.call(xs, x);
    else if (xs.length - i <= SHORT_MOVE) insertMoving(xs, i, x);
    else ArrayMethods.splice.call(xs, i, 0, x);
    return null;
  },
  pop: (xs, index) => {
    if (xs.length === 0) throw new IndexError("pop from empty list");
    if (index === undefined) return ArrayMethods.pop.call(xs);
    const i = normalizeIndex(ssizeArg(index), xs.length);
    if (i === undefined) throw new IndexError("pop index out of range");
    if (i === 0) return ArrayMethods.shift.call(xs);
    if (i === xs.length - 1) return ArrayMethods.pop.call(xs);
    if (xs.length - i <= SHORT_MOVE) return removeMoving(xs, i);
    return ArrayMethods.splice.call(xs, i, 1)[0];
  },
  remove: (xs, x) => {
    const i = xs.findIndex((item) => same(item, x));
    if (i < 0) throw new ValueError("list.remove(x): x not in list");
    ArrayMethods.splice.call(xs, i, 1);
    return null;
  },
  index: (xs, x, start, end) => seqIndex(xs, x, start, end, "list"),
  count: (xs, x) => countOf(xs, x),
  sort: (xs, ...args) => {
    const [pos, kws] = splitKw(args);
    if (pos.length > 0) throw new PyTypeError("sort() takes no positional arguments");
    sortInPlace(xs, kws["key"] ?? null, truthy(kws["reverse"]));
    return null;
  },
  reverse: (xs) => {
    ArrayMethods.reverse.call(xs);
    return null;
  },
  copy: (xs) => ArrayMethods.slice.call(xs),
  clear: (xs) => {
    xs.length = 0;
    return null;
  },
};

export const TUPLE_METHODS: Record<string, Method<Tuple>> = {
  index: (t, x, start, end) => seqIndex(t.items, x, start, end, "tuple"),
  count: (t, x) => countOf(t.items, x),
};

const NO_DEFAULT = Symbol("no default");

export const DICT_METHODS: Record<string, Method<Dict>> = {
  keys: (d) => (orderedViews(d) ? new OdictKeys(d, "keys") : new DictKeys(d, "keys")),
  values: (d) => (orderedViews(d) ? new OdictValues(d, "values") : new DictValues(d, "values")),
  items: (d) => (orderedViews(d) ? new OdictItems(d, "items") : new DictItems(d, "items")),
  get: (d, key, fallback = null) => {
    const entry = d.table.find(key);
    return entry === undefined ? fallback : entry.value;
  },
  pop: (d, key, fallback = NO_DEFAULT) => {
    const entry = d.table.delete(key);
    if (entry !== undefined) return entry.value;
    if (fallback === NO_DEFAULT) throw new KeyError(key);
    return fallback;
  },
  popitem: (d) => {
    const entry = d.table.last();
    if (entry === undefined) throw new KeyError("popitem(): dictionary is empty");
    d.table.delete(entry.key);
    return Tuple.of(entry.key, entry.value);
  },
  setdefault: (d, key, fallback = null) => {
    const entry = d.table.find(key);
    if (entry !== undefined) return entry.value;
    d.set(key, fallback);
    return fallback;
  },
  update: (d, ...args) => {
    const [pos, kws] = splitKw(args);
    if (pos.length > 0) dictUpdate(d, pos[0]);
    for (const [k, v] of Object.entries(kws)) d.set(k, v);
    return null;
  },
  copy: (d) => new Dict(d.entries()),
  clear: (d) => {
    Dict.prototype.clear.call(d);
    return null;
  },
};

/** dict.keys()/values()/items(): live views, iterable, with len and `in`. */
export class DictView implements Iterable<unknown> {
  static readonly pythonName: string = "dict_view";
  constructor(readonly dict: Dict, readonly kind: "keys" | "values" | "items") {}
  // (the dict's own items: a subclass's Python `keys` or `values` method is no part of them)
  *[Symbol.iterator](): Iterator<any> {
    if (this.kind === "keys") yield* Dict.prototype.keys.call(this.dict);
    else if (this.kind === "values") yield* Dict.prototype.values.call(this.dict);
    else for (const [k, v] of Dict.prototype.entries.call(this.dict)) yield Tuple.of(k, v);
  }
  __len__(): bigint {
    return BigInt(this.dict.size);
  }
  __contains__(x: unknown): boolean {
    if (this.kind === "keys") return this.dict.has(x);
    if (this.kind === "values") return [...Dict.prototype.values.call(this.dict)].some((v) => same(v, x));
    if (!(x instanceof Tuple) || x.length !== 2) return false;
    const entry = this.dict.table.find(x.items[0]);
    return entry !== undefined && same(entry.value, x.items[1]);
  }
  __repr__(): string {
    return `${(this.constructor as typeof DictView).pythonName}(${repr([...this])})`;
  }
  /** `reversed(d.keys())`: the items newest first (CPython's dict_reversekeyiterator, ...; an OrderedDict's odict_iterator). */
  __reversed__(): Iterator<unknown> {
    const items = [...this].reverse();
    const name = orderedViews(this.dict) ? "odict_iterator" : `dict_reverse${this.kind.slice(0, -1)}iterator`;
    return new (iteratorClass(name))(items[Symbol.iterator](), items);
  }
  __eq__(other: unknown): boolean {
    if (this.kind === "values") return false;
    // keys() and items() compare as sets, with sets and with each other.
    if (other instanceof AbstractSet) return eq(new PySet(this), other);
    if (!(other instanceof DictView) || other.kind === "values") return false;
    return eq(new PySet(this), new PySet(other));
  }
}

// (a view's Python attributes: `mapping`, and the set-like views' `isdisjoint`; python-names.ts)
Object.defineProperty(DictView, Symbol.for("pyts.pythonNames"), { value: "mapping isdisjoint | dict kind" });

/**
 * keys() and items() views are set-like: `&`, `|`, `-`, `^` (either side) give a set, as
 * CPython's do; `isdisjoint` too.
 */
class SetLikeView extends DictView {
  __and__(other: unknown): PySet {
    return setIntersection(new PySet(this), operand(other)) as PySet;
  }
  __rand__(other: unknown): PySet {
    return setIntersection(new PySet(iterable(other)), this) as PySet;
  }
  __or__(other: unknown): PySet {
    const result = new PySet(this);
    result.update(operand(other));
    return result;
  }
  __ror__(other: unknown): PySet {
    const result = new PySet(iterable(other));
    result.update(this);
    return result;
  }
  __sub__(other: unknown): PySet {
    return setDifference(new PySet(this), operand(other)) as PySet;
  }
  __rsub__(other: unknown): PySet {
    return setDifference(new PySet(iterable(other)), this) as PySet;
  }
  __xor__(other: unknown): PySet {
    return setSymmetricDifference(new PySet(this), operand(other)) as PySet;
  }
  __rxor__(other: unknown): PySet {
    return setSymmetricDifference(new PySet(iterable(other)), this) as PySet;
  }
  isdisjoint(other: unknown): boolean {
    for (const x of iterable(other)) if (this.__contains__(x)) return false;
    return true;
  }
  // Ordered as sets are (subset/superset), against sets and keys/items views.
  __lt__(other: unknown): unknown {
    return viewOrder(this, other, "<");
  }
  __le__(other: unknown): unknown {
    return viewOrder(this, other, "<=");
  }
  __gt__(other: unknown): unknown {
    return viewOrder(this, other, ">");
  }
  __ge__(other: unknown): unknown {
    return viewOrder(this, other, ">=");
  }
}

/** CPython's dictviews_richcompare for the orderings: NotImplemented unless `other` is set-like. */
function viewOrder(view: SetLikeView, other: unknown, op: "<" | "<=" | ">" | ">="): unknown {
  let otherSize: number;
  let otherHas: (x: unknown) => boolean;
  if (other instanceof AbstractSet) {
    otherSize = other.size;
    otherHas = (x) => other.has(x);
  } else if (other instanceof SetLikeView) {
    otherSize = other.dict.size;
    otherHas = (x) => other.__contains__(x);
  } else {
    return NotImplemented;
  }
  const size = view.dict.size;
  const viewWithin = (): boolean => {
    for (const x of view) if (!otherHas(x)) return false;
    return true;
  };
  const otherWithin = (): boolean => {
    for (const x of iterable(other)) if (!view.__contains__(x)) return false;
    return true;
  };
  switch (op) {
    case "<":
      return size < otherSize && viewWithin();
    case "<=":
      return size <= otherSize && viewWithin();
    case ">":
      return size > otherSize && otherWithin();
    default:
      return size >= otherSize && otherWithin();
  }
}

/** The three kinds of view, each its own type as in CPython (`type(d.keys()).__name__`). */
class DictKeys extends SetLikeView {
  static override readonly pythonName: string = "dict_keys";
}
class DictValues extends DictView {
  static override readonly pythonName: string = "dict_values";
  // (no comparison of its own in CPython, so hashable by identity, unlike the set-like views)
  __hash__(): bigint {
    return identity(this) >> 4n;
  }
}
class DictItems extends SetLikeView {
  static override readonly pythonName: string = "dict_items";
}

/** An OrderedDict's views (and its subclasses'): CPython's own types, `odict_keys` and so on. */
class OdictKeys extends DictKeys {
  static override readonly pythonName: string = "odict_keys";
}
class OdictValues extends DictValues {
  static override readonly pythonName: string = "odict_values";
}
class OdictItems extends DictItems {
  static override readonly pythonName: string = "odict_items";
}

/** collections.OrderedDict marks itself (a static its subclasses inherit). */
function orderedViews(d: Dict): boolean {
  return (d.constructor as { orderedViews?: boolean }).orderedViews === true;
}

/** An argument of a set method: sets as they are, other iterables as JS iterables. */
function operand(a: unknown): Iterable<unknown> {
  return setSource(a);
}

function asSet(a: unknown): AbstractSet {
  return a instanceof AbstractSet ? a : new PySet(iterable(a));
}

function intersectionOf(s: AbstractSet, args: unknown[]): AbstractSet {
  let result = s;
  if (args.length === 0) return setCopy(s);
  for (const o of args) result = setIntersection(result, operand(o));
  return result;
}

export const SET_METHODS: Record<string, Method<AbstractSet>> = {
  union: (s, ...args) => {
    const result = setCopy(s);
    for (const o of args) result.update(operand(o));
    return result;
  },
  intersection: (s, ...args) => intersectionOf(s, args),
  difference: (s, ...args) => {
    if (args.length === 0) return setCopy(s);
    const result = setDifference(s, operand(args[0]));
    for (const o of args.slice(1)) result.differenceUpdate(operand(o));
    return result;
  },
  symmetric_difference: (s, other) => setSymmetricDifference(s, operand(other)),
  issubset: (s, other) => {
    const o = asSet(other);
    return s.size <= o.size && o.containsAll(s);
  },
  issuperset: (s, other) => {
    if (other instanceof AbstractSet) return s.size >= other.size && s.containsAll(other);
    for (const x of operand(other)) if (!s.has(x)) return false;
    return true;
  },
  isdisjoint: (s, other) => {
    for (const x of operand(other)) if (s.has(x)) return false;
    return true;
  },
  copy: (s) => setCopy(s),
};

function mutable(s: AbstractSet, name: string): PySet {
  if (!(s instanceof PySet)) throw new PyTypeError(`'frozenset' object has no attribute '${name}'`);
  return s;
}

Object.assign(SET_METHODS, {
  // Through the prototype: a subclass (`class Seen(set)`) may define its own `add`, whose
  // `super().add(x)` arrives here.
  add: (s: AbstractSet, x: unknown) => (PySet.prototype.add.call(mutable(s, "add"), x), null),
  discard: (s: AbstractSet, x: unknown) => (PySet.prototype.delete.call(mutable(s, "discard"), x), null),
  remove: (s: AbstractSet, x: unknown) => (PySet.prototype.remove.call(mutable(s, "remove"), x), null),
  pop: (s: AbstractSet) => PySet.prototype.pop.call(mutable(s, "pop")),
  clear: (s: AbstractSet) => (PySet.prototype.clear.call(mutable(s, "clear")), null),
  update: (s: AbstractSet, ...args: unknown[]) => {
    const target = mutable(s, "update");
    for (const o of args) AbstractSet.prototype.update.call(target, operand(o));
    return null;
  },
  intersection_update: (s: AbstractSet, ...args: unknown[]) => {
    const target = mutable(s, "intersection_update");
    target.replaceWith(intersectionOf(target, args));
    return null;
  },
  difference_update: (s: AbstractSet, ...args: unknown[]) => {
    const target = mutable(s, "difference_update");
    for (const o of args) target.differenceUpdate(operand(o));
    return null;
  },
  symmetric_difference_update: (s: AbstractSet, other: unknown) => {
    mutable(s, "symmetric_difference_update").symmetricDifferenceUpdate(operand(other));
    return null;
  },
});

/** startswith/endswith of bytes: one bytes-like value or a tuple of them, then str's method on the latin-1 views (start/end alike). */
function bytesAffix(b: Bytes, affix: unknown, method: "startswith" | "endswith", range: unknown[]): boolean {
  let part: unknown;
  if (affix instanceof Tuple) {
    part = Tuple.from(affix.items.map((x) => {
      // (an item of the tuple is refused in the buffer protocol's words)
      if (!(x instanceof Uint8Array)) throw new PyTypeError(`a bytes-like object is required, not '${typeName(x)}'`);
      return Bytes.prototype.toLatin1.call(x);
    }));
  } else if (affix instanceof Uint8Array) {
    part = Bytes.prototype.toLatin1.call(affix);
  } else {
    throw new PyTypeError(`${method} first arg must be bytes or a tuple of bytes, not ${typeName(affix)}`);
  }
  return STR_METHODS[method]!(b.toLatin1(), part, ...range) as boolean;
}

export const BYTES_METHODS: Record<string, Method<Bytes>> = {
  ...BYTES_STR_METHODS,
  decode: (b, ...args) => {
    const [pos, kws] = splitKw(args);
    return decode(b, pos[0] ?? kws["encoding"] ?? "utf-8", pos[1] ?? kws["errors"] ?? "strict");
  },
  hex: (b, ...args) => {
    const [pos, kws] = splitKw(args);
    return bytesHex(b, pos[0] ?? kws["sep"], pos[1] ?? kws["bytes_per_sep"]);
  },
  translate: (b, table, ...rest) => {
    const [pos, kws] = splitKw(rest);
    return (b.constructor as typeof Bytes).fromArray(bytesTranslate(b, table, pos[0] ?? kws["delete"]));
  },
  maketrans: (_b, from, to) => bytesMaketrans(from, to),
  startswith: (b, p, ...range) => bytesAffix(b, p, "startswith", range),
  endswith: (b, p, ...range) => bytesAffix(b, p, "endswith", range),
};
