// Python's set and frozenset. Keys whose hash CPython computes the same in every run (ints,
// bools, floats, complex, tuples of those) live in a copy of CPython's set table
// (Objects/setobject.c: open addressing, 9 linear probes then perturbation, dummies on removal,
// the same resize points), so they iterate in CPython's order. Other keys (str, whose hash
// CPython randomises per process, None, objects) keep insertion order in a KeyTable and
// iterate after the table's keys (the table: set-table.ts).

import { DUMMY, hashSlots, insertClean, LINEAR_PROBES, MINSIZE, SetTable, tableSize } from "./set-table.js";
import { bucketOf, Dict, type Entry, isBucketKey, KeyTable } from "./dict.js";
import { KeyError, RuntimeError } from "./exceptions.js";
import { H, hashValue, orderedHash, setBig } from "./hash64.js";

export { DUMMY } from "./set-table.js";
import { hashKey, pyHash } from "./hashing.js";
import { addHashed, discardHashed, setIntersection } from "./set-algebra.js";

export abstract class AbstractSet<T = unknown> extends SetTable<T> implements Iterable<T> {
  /** Keys without a run-independent hash, in insertion order. */
  others: KeyTable<T, true> | null = null;

  constructor(items?: Iterable<T>) {
    super();
    if (items) this.update(items);
  }

  get size(): number {
    return this.used + (this.others === null ? 0 : this.others.size);
  }

  /**
   * `x in s` for an int held as a JS number (a proven-int local, safe): no bigint is made for
   * the test. A safe int hashes as the float equal to it; a stored int, float or bool in its
   * slot answers by JS's `==` (exact across bigint and number); any other key there (a tuple,
   * an int subclass instance) sends the test through the general lookup with the bigint.
   */
  hasSafeInt(x: number): boolean {
    orderedHash(x);
    const lo = H.lo | 0;
    const hi = H.hi | 0;
    const mask = this.mask;
    let i = lo >>> 0 & mask;
    let pLo = H.lo >>> 0;
    let pHi = H.hi >>> 0;
    for (;;) {
      let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      let j = i;
      do {
        const k = this.keys[j];
        if (k === undefined) return this.others !== null && this.others.hashedCount > 0 && this.others.findHashed(BigInt(x) as T) !== undefined;
        if (this.hashLo[j] === lo && this.hashHi[j] === hi && k !== DUMMY) {
          const kind = typeof k;
          if (kind !== "bigint" && kind !== "number" && kind !== "boolean") return this.has(BigInt(x) as T);
          if (k == x) return true;
        }
        j++;
      } while (probes-- > 0);
      pLo = ((pLo >>> 5) | (pHi << 27)) >>> 0;
      pHi >>>= 5;
      i = (i * 5 + 1 + pLo) & mask;
    }
  }

  has(item: T): boolean {
    if (orderedHash(item)) return this.lookup(item) >= 0 || (this.others !== null && this.others.hashedCount > 0 && this.others.findHashed(item) !== undefined);
    if (typeof item === "string") return this.others !== null && this.others.find(item) !== undefined;
    const k = hashKey(item); // (raises TypeError for unhashable values, as the lookup would)
    if (this.hashedInTable(item, k) >= 0) return true;
    return this.others !== null && this.others.findKeyed(item, k) !== undefined;
  }

  /**
   * The slot of the table key equal to `item`, an object hashed by its class's `__hash__`
   * (`W(4)` equal to 4), whose hashKey is `k`; -1 when there is none or `item` is another kind.
   */
  private hashedInTable(item: T, k: unknown): number {
    if (this.used === 0 || !isBucketKey(k)) return -1;
    setBig(BigInt(k.slice(1)));
    return this.lookup(item);
  }

  /** Is every key of `small` here? (CPython's set_issubset: the keys' hashes are not computed again.) */
  containsAll(small: AbstractSet<T>): boolean {
    for (let i = 0; i <= small.mask; i++) {
      const k = small.keys[i];
      if (k !== undefined && k !== DUMMY && !this.has(k as T)) return false;
    }
    if (small.others !== null) for (const e of small.others.iterate("Set")) if (!this.hasEntryKey(e)) return false;
    return true;
  }

  /** `has` for the key of another set's `others` entry (a bucketed key keeps its hash). */
  hasEntryKey(e: Entry<T, unknown>): boolean {
    const bucket = bucketOf(e);
    if (bucket === undefined) return this.has(e.key);
    return this.hashedInTable(e.key, bucket) >= 0 || (this.others !== null && this.others.findKeyed(e.key, bucket) !== undefined);
  }

  /** `addKey` for the key of another set's `others` entry (a bucketed key keeps its hash). */
  addEntryKey(e: Entry<T, unknown>): void {
    const bucket = bucketOf(e);
    if (bucket === undefined) this.addKey(e.key);
    else if (this.hashedInTable(e.key, bucket) < 0) (this.others ??= new KeyTable<T, true>()).setKeyed(e.key, true, bucket);
  }

  /** `discardKey` for the key of another set's `others` entry (a bucketed key keeps its hash). */
  discardEntryKey(e: Entry<T, unknown>): boolean {
    const bucket = bucketOf(e);
    if (bucket === undefined) return this.discardKey(e.key);
    const at = this.hashedInTable(e.key, bucket);
    if (at >= 0) {
      this.removeSlot(at);
      return true;
    }
    return this.others !== null && this.others.deleteKeyed(e.key, bucket) !== undefined;
  }

  /** Adds one key (CPython's set_add_key). */
  addKey(item: T): void {
    if (orderedHash(item)) {
      if (this.others === null || this.others.hashedCount === 0) this.addEntry(item, H.lo | 0, H.hi | 0);
      else {
        // An equal object hashed by its own __hash__ may be there already (its __eq__ may reuse H).
        const lo = H.lo | 0;
        const hi = H.hi | 0;
        if (this.others.findHashed(item) === undefined) this.addEntry(item, lo, hi);
      }
      return;
    }
    if (typeof item === "string") {
      (this.others ??= new KeyTable<T, true>()).set(item, true);
      return;
    }
    const k = hashKey(item);
    if (this.hashedInTable(item, k) < 0) (this.others ??= new KeyTable<T, true>()).setKeyed(item, true, k);
  }

  /** Removes `item` if present (CPython's set_discard_key); returns whether it was. */
  discardKey(item: T): boolean {
    if (orderedHash(item)) {
      const at = this.lookup(item);
      if (at < 0) return this.others !== null && this.others.hashedCount > 0 && this.others.delete(item) !== undefined;
      this.removeSlot(at);
      return true;
    }
    if (typeof item === "string") return this.others !== null && this.others.delete(item) !== undefined;
    const k = hashKey(item);
    const at = this.hashedInTable(item, k);
    if (at >= 0) {
      this.removeSlot(at);
      return true;
    }
    return this.others !== null && this.others.deleteKeyed(item, k) !== undefined;
  }

  /** Adds every key of `other` (CPython's set_merge). */
  merge(other: AbstractSet<T>): void {
    if (other === this) return;
    if (other.used > 0 && this.others !== null && this.others.hashedCount > 0) {
      // Objects hashed by their own __hash__ are here: each key checks against them.
      for (let i = 0; i <= other.mask; i++) {
        const k = other.keys[i];
        if (k !== undefined && k !== DUMMY) this.addKey(k as T);
      }
    } else if (other.used > 0) {
      const grow = (this.fill + other.used) * 5 >= this.mask * 3;
      // (an empty table about to copy the other's slots: the resized table is not made first)
      if (grow && this.fill === 0 && tableSize((this.used + other.used) * 2) === other.mask + 1 && other.fill === other.used) this.mask = other.mask;
      else if (grow) this.resize((this.used + other.used) * 2);
      if (this.fill === 0 && this.mask === other.mask && other.fill === other.used) {
        this.keys = other.keys.slice();
        this.hashLo = other.hashLo.slice();
        this.hashHi = other.hashHi.slice();
        this.fill = other.fill;
        this.used = other.used;
      } else if (this.fill === 0) {
        this.fill = other.used;
        this.used = other.used;
        for (let i = 0; i <= other.mask; i++) {
          const k = other.keys[i];
          if (k !== undefined && k !== DUMMY) insertClean(this.keys, this.hashLo, this.hashHi, this.mask, k, other.hashLo[i]!, other.hashHi[i]!);
        }
      } else {
        for (let i = 0; i <= other.mask; i++) {
          const k = other.keys[i];
          if (k !== undefined && k !== DUMMY) this.addEntry(k, other.hashLo[i]!, other.hashHi[i]!);
        }
      }
    }
    if (other.others !== null) for (const e of other.others.iterate("Set")) this.addEntryKey(e);
  }

  /** CPython's set_update_internal: sets merge, anything else is added key by key. */
  update(items: Iterable<T>): void {
    if (items instanceof AbstractSet) {
      this.merge(items as AbstractSet<T>);
      return;
    }
    if (items instanceof Dict) {
      // One resize up front, as CPython does for an exact dict.
      const size = (items as Dict<T, unknown>).size;
      if ((this.fill + size) * 5 >= this.mask * 3) this.resize((this.used + size) * 2);
    }
    for (const item of items) this.addKey(item);
  }

  /** Drops every dummy slot when they exceed a quarter of the table (after bulk removal). */
  compactAfterRemoval(): void {
    if (this.fill - this.used > this.mask / 4) this.resize(this.used > 50000 ? this.used * 2 : this.used * 4);
  }

  clearAll(): void {
    this.keys = new Array(MINSIZE);
    this.hashLo = hashSlots(MINSIZE);
    this.hashHi = hashSlots(MINSIZE);
    this.mask = MINSIZE - 1;
    this.fill = 0;
    this.used = 0;
    this.others = null;
  }

  /** In-place `|=` / update with one iterable. */
  updateWith(items: Iterable<T>): void {
    this.update(items);
  }

  /** In-place `-=` / difference_update with one iterable (CPython's difference_update_internal). */
  differenceUpdate(items: Iterable<T>): void {
    if (items === this) {
      this.clearAll();
      return;
    }
    if (items instanceof AbstractSet) {
      // CPython walks the intersection instead when the other set is over 8 times larger.
      const other = items.size >> 3 > this.size ? setIntersection(this, items as AbstractSet<T>) : items;
      // (each key with the hash the other table keeps: CPython's set_discard_entry)
      for (let i = 0; i <= other.mask; i++) {
        const x = other.keys[i];
        if (x !== undefined && x !== DUMMY) discardHashed(this, x as T, other.hashLo[i]!, other.hashHi[i]!);
      }
      for (const e of other.otherEntries()) this.discardEntryKey(e as Entry<T, true>);
    } else for (const x of items) this.discardKey(x);
    this.compactAfterRemoval();
  }

  /** In-place `^=` / symmetric_difference_update (CPython's order: other's keys, one by one). */
  symmetricDifferenceUpdate(items: Iterable<T>): void {
    if (items === this) {
      this.clearAll();
      return;
    }
    const other = items instanceof AbstractSet ? items : new PySet<T>(items);
    for (let i = 0; i <= other.mask; i++) {
      const x = other.keys[i] as T;
      if (x === undefined || x === DUMMY) continue;
      // (the hash the other table keeps, as CPython's set_discard_entry / set_add_entry take it)
      const lo = other.hashLo[i]!;
      const hi = other.hashHi[i]!;
      if (!discardHashed(this, x, lo, hi)) addHashed(this, x, lo, hi);
    }
    if (other.others !== null) for (const e of other.others.iterate("Set")) if (!this.discardEntryKey(e)) this.addEntryKey(e);
  }

  /** Takes over `source`'s table (CPython's set_swap_bodies, as intersection_update uses). */
  replaceWith(source: AbstractSet<T>): void {
    this.keys = source.keys;
    this.hashLo = source.hashLo;
    this.hashHi = source.hashHi;
    this.mask = source.mask;
    this.fill = source.fill;
    this.used = source.used;
    this.others = source.others;
  }

  /** Keys in CPython's iteration order; RuntimeError when the set changes size meanwhile. */
  *values(): Generator<T, void, undefined> {
    const size = this.size;
    const changed = () => new RuntimeError("Set changed size during iteration");
    for (let i = 0; i <= this.mask; i++) {
      const k = this.keys[i];
      if (k !== undefined && k !== DUMMY) {
        if (this.size !== size) throw changed();
        yield k as T;
      }
    }
    if (this.others !== null) {
      for (const e of this.others.iterate("Set")) {
        if (this.size !== size) throw changed();
        yield e.key;
      }
    }
    if (this.size !== size) throw changed();
  }

  /** The keys as an array, in iteration order (no size checks: for internal use). */
  toArray(): T[] {
    const out = this.tableKeys();
    if (this.others !== null) for (const e of this.others.iterate("Set")) out.push(e.key);
    return out;
  }

  /**
   * The entries of the keys outside the table, in insertion order: set algebra passes them to
   * `hasEntryKey`/`addEntryKey`/`discardEntryKey`, so a key hashed by its `__hash__` is hashed once.
   */
  otherEntries(): Entry<T, true>[] {
    return this.others === null ? [] : [...this.others.iterate("Set")];
  }

  [Symbol.iterator](): Iterator<T> {
    return this.values();
  }

  /** CPython's frozenset hash, over the active keys' hashes (independent of their order). */
  orderFreeHash(hashOf: (x: unknown) => bigint): bigint {
    const shuffle = (h: bigint) => BigInt.asUintN(64, ((h ^ 89869747n) ^ (h << 16n)) * 3644798167n);
    let h = 0n;
    for (let i = 0; i <= this.mask; i++) {
      const k = this.keys[i];
      if (k !== undefined && k !== DUMMY) {
        H.lo = this.hashLo[i]!;
        H.hi = this.hashHi[i]!;
        h ^= shuffle(BigInt.asUintN(64, hashValue()));
      }
    }
    if (this.others !== null) {
      for (const e of this.others.iterate("Set")) {
        const bucket = bucketOf(e);
        h ^= shuffle(BigInt.asUintN(64, bucket === undefined ? hashOf(e.key) : BigInt(bucket.slice(1))));
      }
    }
    h ^= BigInt.asUintN(64, BigInt(this.size + 1) * 1927868237n);
    h ^= (h >> 11n) ^ (h >> 25n);
    h = BigInt.asUintN(64, h * 69069n + 907133923n);
    if (h === 0xffffffffffffffffn) h = 590923713n;
    return BigInt.asIntN(64, h);
  }
}

export class PySet<T = unknown> extends AbstractSet<T> {
  static readonly pythonName = "set";
  /**
   * (type only: emitted code reads `seen.__contains__` as `seen?.__contains__ ?? unsetAttribute(...)`,
   * which finds set's method at run time)
   */
  declare readonly __contains__?: (item: unknown) => boolean;

  static of<T>(...items: T[]): PySet<T>;
  static of<A extends unknown[]>(...items: A): PySet<A[number]>;
  static of(...items: unknown[]): PySet<unknown> {
    return new PySet<unknown>(items);
  }

  /**
   * A display of three or more constants (`{1, 2, 3}`): CPython folds it into a frozenset
   * constant (built, then rebuilt by the compiler's constant merging) and merges that into a
   * new set, which places colliding keys differently from adding them one by one.
   */
  static ofConstants<T>(...items: T[]): PySet<T>;
  static ofConstants<A extends unknown[]>(...items: A): PySet<A[number]>;
  static ofConstants(...items: unknown[]): PySet<unknown> {
    const folded = new FrozenSet<unknown>(new FrozenSet<unknown>(items).toArray());
    return new PySet<unknown>(folded);
  }

  add(item: T): this {
    this.addKey(item);
    return this;
  }

  /** Removes `item` if present; returns whether it was. */
  delete(item: T): boolean {
    return this.discardKey(item);
  }

  /** Python's `set.remove`: KeyError when missing. */
  remove(item: T): void {
    if (!this.discardKey(item)) throw new KeyError(item);
  }

  /** Python's `set.pop`: CPython's slot scan from the finger, then the insertion-ordered keys. */
  pop(): T {
    if (this.used > 0) {
      let i = this.finger & this.mask;
      while (this.keys[i] === undefined || this.keys[i] === DUMMY) {
        i++;
        if (i > this.mask) i = 0;
      }
      const key = this.keys[i] as T;
      this.keys[i] = DUMMY;
      this.hashLo[i] = -1;
      this.hashHi[i] = -1;
      this.used--;
      this.finger = i + 1;
      return key;
    }
    const first = this.others?.first();
    if (first === undefined) throw new KeyError("pop from an empty set");
    this.others!.delete(first.key);
    return first.key;
  }

  clear(): void {
    this.clearAll();
  }

  get __unhashable__(): boolean {
    return true;
  }
}

export class FrozenSet<T = unknown> extends AbstractSet<T> {
  static readonly pythonName = "frozenset";

  static of<T>(...items: T[]): FrozenSet<T>;
  static of<A extends unknown[]>(...items: A): FrozenSet<A[number]>;
  static of(...items: unknown[]): FrozenSet<unknown> {
    return new FrozenSet<unknown>(items);
  }

  __hash__(): bigint {
    return this.orderFreeHash(pyHash);
  }
}
