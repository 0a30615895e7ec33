// Python's dict: insertion-ordered, keyed by Python equality (hashKey + eq for hash buckets).

import { sameItem } from "./compare.js";
import { RuntimeError } from "./exceptions.js";
import { BUCKET_PREFIX, hashKey, pyHash } from "./hashing.js";

/** hashKey's key for a value equal to a str ("s" + its text). */
function isTextKey(k: unknown): k is string {
  return typeof k === "string" && k.charCodeAt(0) === 115;
}

/** hashKey's key for a value hashed by its class's own `__hash__` (a bucket: "#" + the hash). */
export function isBucketKey(k: unknown): k is string {
  return typeof k === "string" && k.charCodeAt(0) === 35;
}

export interface Entry<K, V> {
  key: K;
  value: V;
}

/** An entry in a hash bucket keeps its bucket key, so its key's `__hash__` runs once. */
interface HashedEntry<K, V> extends Entry<K, V> {
  bucket: string;
}

/** The bucket key of an entry held in a hash bucket; undefined for an exact key. */
export function bucketOf(entry: Entry<unknown, unknown>): string | undefined {
  return (entry as Partial<HashedEntry<unknown, unknown>>).bucket;
}

/** The entry of `bucket` whose key equals `key` (the stored key compared first, as CPython does). */
function inBucket<K, V>(bucket: Entry<K, V>[] | undefined, key: K): Entry<K, V> | undefined {
  if (bucket !== undefined) for (const entry of bucket) if (entry.key === key || sameItem(entry.key, key)) return entry;
  return undefined;
}

/**
 * Key -> entry storage shared by Dict and the set types.
 *
 * Keys whose equality is known (str, int, float, tuples of those...) are exact Map keys; a key
 * hashed by its class's `__hash__` sits in a bucket of entries sharing that hash. Python lets
 * such an object equal an int or a str (`4 in {W(4)}`), so a lookup that misses its own kind
 * also looks in the other kind, by hash and `==`; tables holding only one kind never pay for it.
 */
export class KeyTable<K, V> {
  /** Exact keys map to one entry; hash-bucket keys map to the entries sharing that hash. */
  private readonly index = new Map<unknown, Entry<K, V> | Entry<K, V>[]>();
  /**
   * str keys (and values equal to a str, such as a str subclass instance) by their text: a
   * lookup needs no key string built from the value, the commonest dict key being a str.
   */
  private readonly texts = new Map<string, Entry<K, V>>();
  /** Insertion order: a JS Set keeps it, and deleting then re-adding moves to the end. */
  private readonly order = new Set<Entry<K, V>>();
  /** How many entries sit in hash buckets. */
  hashedCount = 0;
  /**
   * The exact entries by bucket key ("#" + their hash), made when a bucketed key first misses
   * its bucket while exact entries exist, and kept up to date from then on.
   */
  private exactByHash: Map<string, Entry<K, V>[]> | null = null;

  get size(): number {
    return this.order.size;
  }

  find(key: K): Entry<K, V> | undefined {
    if (typeof key === "string") {
      const found = this.texts.get(key);
      return found !== undefined || this.hashedCount === 0 ? found : this.findHashed(key);
    }
    return this.findKeyed(key, hashKey(key));
  }

  /** `find` for a key whose hashKey `k` is known. */
  findKeyed(key: K, k: unknown): Entry<K, V> | undefined {
    let found: Entry<K, V> | undefined;
    if (isTextKey(k)) found = this.texts.get(k.slice(1));
    else if (isBucketKey(k)) {
      found = inBucket(this.index.get(k) as Entry<K, V>[] | undefined, key);
      return found !== undefined || this.size === this.hashedCount ? found : this.findExact(key, k);
    } else found = this.index.get(k) as Entry<K, V> | undefined;
    return found !== undefined || this.hashedCount === 0 ? found : this.findHashed(key);
  }

  /** The entry whose key equals another table's entry's key (that key's `__hash__` not called again). */
  findLike(other: Entry<K, unknown>): Entry<K, V> | undefined {
    const bucket = bucketOf(other);
    return bucket === undefined ? this.find(other.key) : this.findKeyed(other.key, bucket);
  }

  /** The bucketed entry equal to exact key `key`, found by its hash. */
  findHashed(key: K): Entry<K, V> | undefined {
    return inBucket(this.index.get(BUCKET_PREFIX + pyHash(key).toString()) as Entry<K, V>[] | undefined, key);
  }

  /** The exact entry equal to `key`, whose bucket key is `k`. */
  private findExact(key: K, k: string): Entry<K, V> | undefined {
    if (this.exactByHash === null) {
      this.exactByHash = new Map();
      for (const entry of this.texts.values()) this.noteExact(entry);
      for (const slot of this.index.values()) if (!Array.isArray(slot)) this.noteExact(slot);
    }
    return inBucket(this.exactByHash.get(k), key);
  }

  private noteExact(entry: Entry<K, V>): void {
    const k = BUCKET_PREFIX + pyHash(entry.key).toString();
    const same = this.exactByHash!.get(k);
    if (same === undefined) this.exactByHash!.set(k, [entry]);
    else same.push(entry);
  }

  private forgetExact(entry: Entry<K, V>): void {
    const k = BUCKET_PREFIX + pyHash(entry.key).toString();
    const same = this.exactByHash!.get(k);
    if (same === undefined) return;
    same.splice(same.indexOf(entry), 1);
    if (same.length === 0) this.exactByHash!.delete(k);
  }

  /** Adds a new entry under an exact key (`texts` when `text` is given). */
  private addExact(key: K, value: V, k: unknown, text: string | undefined): void {
    const entry = { key, value };
    if (text !== undefined) this.texts.set(text, entry);
    else this.index.set(k, entry);
    this.order.add(entry);
    if (this.exactByHash !== null) this.noteExact(entry);
  }

  set(key: K, value: V): void {
    if (typeof key === "string") {
      const found = this.texts.get(key);
      if (found !== undefined) found.value = value;
      else this.setNew(key, value, undefined, key);
      return;
    }
    this.setKeyed(key, value, hashKey(key));
  }

  /** `set` for a key whose hashKey `k` is known. */
  setKeyed(key: K, value: V, k: unknown): void {
    if (isTextKey(k)) {
      const text = k.slice(1);
      const found = this.texts.get(text);
      if (found !== undefined) found.value = value;
      else this.setNew(key, value, k, text);
      return;
    }
    const slot = this.index.get(k);
    if (isBucketKey(k)) {
      const found = inBucket(slot as Entry<K, V>[] | undefined, key) ?? (this.size === this.hashedCount ? undefined : this.findExact(key, k));
      if (found !== undefined) {
        found.value = value;
        return;
      }
      const entry: HashedEntry<K, V> = { key, value, bucket: k };
      if (slot === undefined) this.index.set(k, [entry]);
      else (slot as Entry<K, V>[]).push(entry);
      this.order.add(entry);
      this.hashedCount++;
      return;
    }
    if (slot !== undefined) (slot as Entry<K, V>).value = value;
    else this.setNew(key, value, k, undefined);
  }

  /** Stores an exact key missing from the exact maps: in an equal bucketed entry if there is one. */
  private setNew(key: K, value: V, k: unknown, text: string | undefined): void {
    const hashed = this.hashedCount === 0 ? undefined : this.findHashed(key);
    if (hashed !== undefined) hashed.value = value;
    else this.addExact(key, value, k, text);
  }

  delete(key: K): Entry<K, V> | undefined {
    if (typeof key === "string") {
      const found = this.texts.get(key);
      if (found === undefined) return this.hashedCount === 0 ? undefined : this.deleteHashed(key);
      this.texts.delete(key);
      this.order.delete(found);
      if (this.exactByHash !== null) this.forgetExact(found);
      return found;
    }
    return this.deleteKeyed(key, hashKey(key));
  }

  /** `delete` for a key whose hashKey `k` is known. */
  deleteKeyed(key: K, k: unknown): Entry<K, V> | undefined {
    if (isTextKey(k)) return this.delete(k.slice(1) as K);
    const slot = this.index.get(k);
    if (isBucketKey(k)) {
      const found = inBucket(slot as Entry<K, V>[] | undefined, key);
      if (found === undefined) {
        const exact = this.size === this.hashedCount ? undefined : this.findExact(key, k);
        return exact === undefined ? undefined : this.delete(exact.key);
      }
      this.removeFromBucket(slot as Entry<K, V>[], k, found);
      return found;
    }
    if (slot === undefined) return this.hashedCount === 0 ? undefined : this.deleteHashed(key);
    this.index.delete(k);
    this.order.delete(slot as Entry<K, V>);
    if (this.exactByHash !== null) this.forgetExact(slot as Entry<K, V>);
    return slot as Entry<K, V>;
  }

  /** Removes the bucketed entry equal to exact key `key`, if any. */
  private deleteHashed(key: K): Entry<K, V> | undefined {
    const k = BUCKET_PREFIX + pyHash(key).toString();
    const bucket = this.index.get(k) as Entry<K, V>[] | undefined;
    const found = inBucket(bucket, key);
    if (found !== undefined) this.removeFromBucket(bucket!, k, found);
    return found;
  }

  private removeFromBucket(bucket: Entry<K, V>[], k: string, entry: Entry<K, V>): void {
    bucket.splice(bucket.indexOf(entry), 1);
    if (bucket.length === 0) this.index.delete(k);
    this.order.delete(entry);
    this.hashedCount--;
  }

  clear(): void {
    this.index.clear();
    this.texts.clear();
    this.order.clear();
    this.hashedCount = 0;
    this.exactByHash = null;
  }

  /** Live iteration that raises like CPython when the size changes underneath it. */
  *iterate(what: string): Generator<Entry<K, V>, void, undefined> {
    const size = this.order.size;
    for (const entry of this.order) {
      if (this.order.size !== size) throw new RuntimeError(`${what} changed size during iteration`);
      yield entry;
    }
    if (this.order.size !== size) throw new RuntimeError(`${what} changed size during iteration`);
  }

  first(): Entry<K, V> | undefined {
    for (const entry of this.order) return entry;
    return undefined;
  }

  last(): Entry<K, V> | undefined {
    let found: Entry<K, V> | undefined;
    for (const entry of this.order) found = entry;
    return found;
  }
}

/** On the `__iter__` a dict subclass inherits from the built-in base (lang/container-dunders.ts). */
export const BUILTIN_ITER = Symbol.for("pyts.builtinIter");

export class Dict<K = unknown, V = unknown> implements Iterable<K> {
  static readonly pythonName = "dict";
  readonly table = new KeyTable<K, V>();

  constructor(entries?: Iterable<readonly [K, V]>) {
    if (entries) for (const [k, v] of entries) this.table.set(k, v);
  }

  /** Pairs of mixed types give a dict of their unions. */
  static of<K, V>(...pairs: ReadonlyArray<readonly [K, V]>): Dict<K, V>;
  static of<P extends ReadonlyArray<readonly [unknown, unknown]>>(...pairs: P): Dict<P[number][0], P[number][1]>;
  static of(...pairs: ReadonlyArray<readonly [unknown, unknown]>): Dict<unknown, unknown> {
    return new Dict<unknown, unknown>(pairs);
  }

  /** A Dict from a JS object's own string keys (for `**kwargs` and tests). */
  static fromRecord<V>(record: Record<string, V>): Dict<string, V> {
    return new Dict<string, V>(Object.entries(record));
  }

  get size(): number {
    return this.table.size;
  }

  has(key: K): boolean {
    return this.table.find(key) !== undefined;
  }

  /** The value, or `undefined` when missing (Python-level lookups use `getitem`). */
  get(key: K): V | undefined {
    return this.table.find(key)?.value;
  }

  set(key: K, value: V): this {
    this.table.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    return this.table.delete(key) !== undefined;
  }

  clear(): void {
    this.table.clear();
  }

  *keys(): Generator<K, void, undefined> {
    for (const e of this.table.iterate("dictionary")) yield e.key;
  }

  *values(): Generator<V, void, undefined> {
    for (const e of this.table.iterate("dictionary")) yield e.value;
  }

  *entries(): Generator<[K, V], void, undefined> {
    for (const e of this.table.iterate("dictionary")) yield [e.key, e.value];
  }

  // (a subclass's Python `keys` method does not change what iterating the dict gives)
  [Symbol.iterator](): Iterator<K> {
    return Dict.prototype.keys.call(this) as Iterator<K>;
  }

  /** Dicts are mutable, so Python refuses to hash them. */
  get __unhashable__(): boolean {
    return true;
  }
}
