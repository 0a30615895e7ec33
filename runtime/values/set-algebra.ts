// The set algebra of set and frozenset (`|`, `&`, `-`, `^` and their methods), each building a
// new set as CPython's setobject.c does, so the result's table (and iteration order) is CPython's.
// A key read from another set's table comes with the hash that table keeps (lo, hi), as CPython
// passes an entry's hash along: no key is hashed twice and no key array is made.

import { Dict } from "./dict.js";
import { H } from "./hash64.js";
import { AbstractSet, DUMMY, FrozenSet, PySet } from "./set.js";

/** Is table key `key`, whose hash is (lo, hi), in `target`? (CPython's set_contains_entry) */
function hasHashed<T>(target: AbstractSet<T>, key: T, lo: number, hi: number): boolean {
  H.lo = lo;
  H.hi = hi;
  if (target.lookup(key) >= 0) return true;
  return target.others !== null && target.others.hashedCount > 0 && target.others.findHashed(key) !== undefined;
}

/** Adds table key `key`, whose hash is (lo, hi), to `target` (CPython's set_add_entry). */
export function addHashed<T>(target: AbstractSet<T>, key: T, lo: number, hi: number): void {
  // (an equal object hashed by its own __hash__ may be there already)
  if (target.others !== null && target.others.hashedCount > 0 && target.others.findHashed(key) !== undefined) return;
  target.addEntry(key, lo, hi);
}

/** Removes table key `key`, whose hash is (lo, hi), if present; whether it was (set_discard_entry). */
export function discardHashed<T>(target: AbstractSet<T>, key: T, lo: number, hi: number): boolean {
  H.lo = lo;
  H.hi = hi;
  const at = target.lookup(key);
  if (at < 0) return target.others !== null && target.others.hashedCount > 0 && target.others.delete(key) !== undefined;
  target.removeSlot(at);
  return true;
}

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
    for (let i = 0; i <= walk.mask; i++) {
      const x = walk.keys[i] as T;
      if (x === undefined || x === DUMMY) continue;
      const lo = walk.hashLo[i]!;
      const hi = walk.hashHi[i]!;
      if (hasHashed(probe, x, lo, hi)) addHashed(out, x, lo, hi);
    }
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
  if (other instanceof AbstractSet) {
    for (let i = 0; i <= a.mask; i++) {
      const x = a.keys[i] as T;
      if (x === undefined || x === DUMMY) continue;
      const lo = a.hashLo[i]!;
      const hi = a.hashHi[i]!;
      if (!hasHashed(other, x, lo, hi)) addHashed(out, x, lo, hi);
    }
  } else for (const x of a.tableKeys()) if (!other.has(x)) out.addKey(x);
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
