// Python's set and frozenset, on the same key table as Dict (values unused).

import { KeyTable } from "./dict.js";
import { KeyError } from "./exceptions.js";
import { pyHash } from "./hashing.js";

export abstract class AbstractSet<T = unknown> implements Iterable<T> {
  readonly table = new KeyTable<T, true>();

  constructor(items?: Iterable<T>) {
    if (items) for (const item of items) this.table.set(item, true);
  }

  get size(): number {
    return this.table.size;
  }

  has(item: T): boolean {
    return this.table.find(item) !== undefined;
  }

  *values(): Generator<T, void, undefined> {
    for (const e of this.table.iterate("Set")) yield e.key;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.values();
  }
}

export class PySet<T = unknown> extends AbstractSet<T> {
  static readonly pythonName = "set";

  static of<T>(...items: T[]): PySet<T>;
  static of<A extends unknown[]>(...items: A): PySet<A[number]>;
  static of(...items: unknown[]): PySet<unknown> {
    return new PySet<unknown>(items);
  }

  add(item: T): this {
    this.table.set(item, true);
    return this;
  }

  /** Removes `item` if present; returns whether it was. */
  delete(item: T): boolean {
    return this.table.delete(item) !== undefined;
  }

  /** Python's `set.remove`: KeyError when missing. */
  remove(item: T): void {
    if (this.table.delete(item) === undefined) throw new KeyError(item);
  }

  /** Python's `set.pop`: removes and returns an arbitrary (here: the oldest) item. */
  pop(): T {
    const first = this.table.first();
    if (first === undefined) throw new KeyError("pop from an empty set");
    this.table.delete(first.key);
    return first.key;
  }

  clear(): void {
    this.table.clear();
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

  /** Order-independent, so equal frozensets hash alike whatever their insertion order. */
  __hash__(): bigint {
    let h = 1927868237n * BigInt(this.size + 1);
    for (const item of this) {
      const x = pyHash(item);
      h ^= ((x ^ (x << 16n) ^ 89869747n) * 3644798167n) & 0xffffffffn;
    }
    return h & 0x7fffffffffffn;
  }
}
