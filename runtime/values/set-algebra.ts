// The set algebra of set and frozenset (`|`, `&`, `-`, `^` and their methods), each building a
// new set as CPython's setobject.c does, so the result's table (and iteration order) is CPython's.

import { Dict } from "./dict.js";
import { AbstractSet, FrozenSet, PySet } from "./set.js";

/** An empty set of the base type of `model` (CPython's make_new_set_basetype). */
function emptyLike<T>(model: AbstractSet<T>): AbstractSet<T> {
  return model instanceof FrozenSet ? new FrozenSet<T>() : new PySet<T>();
}

/** A copy of `model` with its table layout (CPython's set_copy). */
export function setCopy<T>(model: AbstractSet<T>): AbstractSet<T> {
  const out = emptyLike(model);
  out.update(model);
  return out;
}

/** `a | b`, `a.union(b)`: a copy of `a` updated with `b`. */
export function setUnion<T>(a: AbstractSet<T>, b: Iterable<T>): AbstractSet<T> {
  const out = setCopy(a);
  if (b !== a) out.update(b);
  return out;
}

/** `a & b`, `a.intersection(b)`: CPython walks the smaller set and probes the larger. */
export function setIntersection<T>(a: AbstractSet<T>, b: Iterable<T>): AbstractSet<T> {
  if (b === a) return setCopy(a);
  const out = emptyLike(a);
  if (b instanceof AbstractSet) {
    let probe: AbstractSet<T> = a;
    let walk = b as AbstractSet<T>;
    if (walk.size > probe.size) [probe, walk] = [walk, probe];
    for (const x of walk.tableKeys()) if (probe.has(x)) out.addKey(x);
    for (const e of walk.otherEntries()) if (probe.hasEntryKey(e)) out.addEntryKey(e);
    return out;
  }
  for (const x of b) if (a.has(x)) out.addKey(x);
  return out;
}

/** `a - b`, `a.difference(b)`: CPython's two strategies, chosen by the sizes. */
export function setDifference<T>(a: AbstractSet<T>, b: Iterable<T>): AbstractSet<T> {
  let otherSize: number | undefined;
  if (b instanceof AbstractSet) otherSize = b.size;
  else if (b instanceof Dict) otherSize = b.size;
  if (otherSize === undefined || a.size >> 2 > otherSize) {
    const out = setCopy(a);
    out.differenceUpdate(b);
    return out;
  }
  const out = emptyLike(a);
  const other = b as AbstractSet<T> | Dict<T, unknown>;
  for (const x of a.tableKeys()) if (!other.has(x)) out.addKey(x);
  for (const e of a.otherEntries()) {
    if (!(other instanceof Dict ? other.table.findLike(e) !== undefined : other.hasEntryKey(e))) out.addEntryKey(e);
  }
  return out;
}

/** `a ^ b`, `a.symmetric_difference(b)`: a copy of `b`, then `a`'s keys toggled in it. */
export function setSymmetricDifference<T>(a: AbstractSet<T>, b: Iterable<T>): AbstractSet<T> {
  const out = emptyLike(a);
  out.update(b);
  out.symmetricDifferenceUpdate(a);
  return out;
}
