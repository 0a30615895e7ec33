// Python's dict: insertion-ordered, keyed by Python equality (hashKey + eq for hash buckets).

import { sameItem } from "./compare.js";
import { RuntimeError } from "./exceptions.js";
import { BUCKET_PREFIX, hashKey } from "./hashing.js";

/** hashKey's key for a value equal to a str ("s" + its text). */
function isTextKey(k: unknown): k is string {
  return typeof k === "string" && k.charCodeAt(0) === 115;
}

interface Entry<K, V> {
  key: K;
  value: V;
}

/** Key -> entry storage shared by Dict and the set types. */
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

  get size(): number {
    return this.order.size;
  }

  find(key: K): Entry<K, V> | undefined {
    if (typeof key === "string") return this.texts.get(key);
    const k = hashKey(key);
    if (isTextKey(k)) return this.texts.get(k.slice(1));
    const slot = this.index.get(k);
    if (slot === undefined) return undefined;
    if (!Array.isArray(slot)) return slot;
    for (const entry of slot) if (entry.key === key || sameItem(entry.key, key)) return entry;
    return undefined;
  }

  set(key: K, value: V): void {
    const k = typeof key === "string" ? key : hashKey(key);
    if (typeof key === "string" || isTextKey(k)) {
      const text = typeof key === "string" ? key : (k as string).slice(1);
      const found = this.texts.get(text);
      if (found !== undefined) {
        found.value = value;
        return;
      }
      const entry = { key, value };
      this.texts.set(text, entry);
      this.order.add(entry);
      return;
    }
    const slot = this.index.get(k);
    if (typeof k === "string" && k.startsWith(BUCKET_PREFIX)) {
      const bucket = (slot as Entry<K, V>[] | undefined) ?? [];
      for (const entry of bucket) {
        if (entry.key === key || sameItem(entry.key, key)) {
          entry.value = value;
          return;
        }
      }
      const entry = { key, value };
      bucket.push(entry);
      this.index.set(k, bucket);
      this.order.add(entry);
      return;
    }
    if (slot !== undefined) {
      (slot as Entry<K, V>).value = value;
      return;
    }
    const entry = { key, value };
    this.index.set(k, entry);
    this.order.add(entry);
  }

  delete(key: K): Entry<K, V> | undefined {
    const k = typeof key === "string" ? key : hashKey(key);
    if (typeof key === "string" || isTextKey(k)) {
      const text = typeof key === "string" ? key : (k as string).slice(1);
      const found = this.texts.get(text);
      if (found === undefined) return undefined;
      this.texts.delete(text);
      this.order.delete(found);
      return found;
    }
    const slot = this.index.get(k);
    if (slot === undefined) return undefined;
    if (!Array.isArray(slot)) {
      this.index.delete(k);
      this.order.delete(slot);
      return slot;
    }
    const at = slot.findIndex((entry) => entry.key === key || sameItem(entry.key, key));
    if (at < 0) return undefined;
    const [entry] = slot.splice(at, 1);
    if (slot.length === 0) this.index.delete(k);
    this.order.delete(entry!);
    return entry;
  }

  clear(): void {
    this.index.clear();
    this.texts.clear();
    this.order.clear();
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
