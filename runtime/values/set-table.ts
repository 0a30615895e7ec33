// CPython's set table (Objects/setobject.c), for the keys of a set whose hash CPython computes
// the same in every run (ints, bools, floats, complex, tuples of those): open addressing, 9
// linear probes then perturbation, dummies on removal, the same resize points, so such keys
// iterate in CPython's order. Each key's 64-bit hash is kept as two int32 halves.

import { eq } from "./compare.js";
import { H } from "./hash64.js";

export const MINSIZE = 8;
export const LINEAR_PROBES = 9;
/** A removed key's slot: it keeps probe chains intact until the next resize. */
export const DUMMY: unknown = Symbol("dummy");

/** A table's hash halves: int32 numbers in a plain array or an Int32Array. */
export type HashSlots = Int32Array | number[];

// V8 keeps a typed array of up to 64 bytes on the heap; a larger one gets an off-heap
// backing store, slow to make and to collect (a 32-slot table measured 7x slower than a
// plain array), while a plain array past a few thousand slots is sparse and slow. So
// mid-sized tables hold plain arrays, the smallest and the largest typed ones. (A plain
// array is left unfilled: a slot's hash is only read once its key is set.)
export function hashSlots(size: number): HashSlots {
  return size <= 4096 ? new Array<number>(size) : new Int32Array(size);
}

/** The slots of a table resized for `minused` keys: the smallest power of two above it. */
export function tableSize(minused: number): number {
  let size = MINSIZE;
  while (size <= minused) size *= 2;
  return size;
}

/** The slots of a set's table, the algorithms of setobject.c over them (set.ts adds the other keys). */
export abstract class SetTable<T = unknown> {
  /** Slot keys: undefined when never used, DUMMY when removed. */
  keys: unknown[] = new Array(MINSIZE);
  hashLo: HashSlots = hashSlots(MINSIZE);
  hashHi: HashSlots = hashSlots(MINSIZE);
  mask = MINSIZE - 1;
  /** Active + dummy slots. */
  fill = 0;
  /** Active slots. */
  used = 0;
  /** Where `pop` looks next (CPython's `finger`). */
  finger = 0;

  /** Slot index of `key` (hash in H), or -1. */
  lookup(key: unknown): number {
    const lo = H.lo | 0;
    const hi = H.hi | 0;
    let mask = this.mask;
    let i = lo >>> 0 & mask;
    let pLo = H.lo >>> 0;
    let pHi = H.hi >>> 0;
    for (;;) {
      let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      let j = i;
      do {
        const k = this.keys[j];
        if (k === undefined) return -1;
        if (this.hashLo[j] === lo && this.hashHi[j] === hi && k !== DUMMY) {
          if (k === key) return j;
          const keys = this.keys;
          const same = eq(k, key);
          if (keys !== this.keys || this.keys[j] !== k) return this.lookup(key);
          if (same) return j;
          mask = this.mask;
        }
        j++;
      } while (probes-- > 0);
      pLo = ((pLo >>> 5) | (pHi << 27)) >>> 0;
      pHi >>>= 5;
      i = (i * 5 + 1 + pLo) & mask;
    }
  }

  /** CPython's set_add_entry for a key whose hash is in H. */
  addEntry(key: unknown, lo: number, hi: number): void {
    let mask = this.mask;
    let i = lo >>> 0 & mask;
    let pLo = lo >>> 0;
    let pHi = hi >>> 0;
    // A removed slot on the probe path (the last one passed): reused if the key is absent.
    let freeSlot = -1;
    for (;;) {
      let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      let j = i;
      do {
        const k = this.keys[j];
        if (k === undefined) {
          if (freeSlot >= 0) {
            this.used++;
            this.keys[freeSlot] = key;
            this.hashLo[freeSlot] = lo;
            this.hashHi[freeSlot] = hi;
            return;
          }
          this.fill++;
          this.used++;
          this.keys[j] = key;
          this.hashLo[j] = lo;
          this.hashHi[j] = hi;
          if (this.fill * 5 < mask * 3) return;
          this.resize(this.used > 50000 ? this.used * 2 : this.used * 4);
          return;
        }
        if (this.hashLo[j] === lo && this.hashHi[j] === hi && k !== DUMMY) {
          if (k === key) return;
          const keys = this.keys;
          const same = eq(k, key);
          if (keys !== this.keys || this.keys[j] !== k) {
            H.lo = lo;
            H.hi = hi;
            this.addEntry(key, lo, hi);
            return;
          }
          if (same) return;
          mask = this.mask;
        } else if (k === DUMMY) freeSlot = j; // CPython keeps the last removed slot it passed
        j++;
      } while (probes-- > 0);
      pLo = ((pLo >>> 5) | (pHi << 27)) >>> 0;
      pHi >>>= 5;
      i = (i * 5 + 1 + pLo) & mask;
    }
  }


  /** CPython's set_table_resize: the smallest power of two above `minused`, dummies dropped. */
  resize(minused: number): void {
    const size = tableSize(minused);
    const oldKeys = this.keys;
    const oldLo = this.hashLo;
    const oldHi = this.hashHi;
    const keys = new Array<unknown>(size);
    const los = hashSlots(size);
    const his = hashSlots(size);
    const mask = size - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i];
      if (k !== undefined && k !== DUMMY) insertClean(keys, los, his, mask, k, oldLo[i]!, oldHi[i]!);
    }
    this.keys = keys;
    this.hashLo = los;
    this.hashHi = his;
    this.mask = mask;
    this.fill = this.used;
  }

  removeSlot(at: number): void {
    this.keys[at] = DUMMY;
    this.hashLo[at] = -1;
    this.hashHi[at] = -1;
    this.used--;
  }

  /** The keys in the table (those iterated first), in slot order. */
  tableKeys(): T[] {
    const out: T[] = [];
    for (let i = 0; i <= this.mask; i++) {
      const k = this.keys[i];
      if (k !== undefined && k !== DUMMY) out.push(k as T);
    }
    return out;
  }
}

/** CPython's set_insert_clean: a key known to be absent, into a table without dummies. */
export function insertClean(keys: unknown[], los: HashSlots, his: HashSlots, mask: number, key: unknown, lo: number, hi: number): void {
  let i = lo >>> 0 & mask;
  let pLo = lo >>> 0;
  let pHi = hi >>> 0;
  let at = -1;
  for (;;) {
    if (keys[i] === undefined) {
      at = i;
      break;
    }
    if (i + LINEAR_PROBES <= mask) {
      for (let j = i + 1; j <= i + LINEAR_PROBES; j++) {
        if (keys[j] === undefined) {
          at = j;
          break;
        }
      }
      if (at >= 0) break;
    }
    pLo = ((pLo >>> 5) | (pHi << 27)) >>> 0;
    pHi >>>= 5;
    i = (i * 5 + 1 + pLo) & mask;
  }
  keys[at] = key;
  los[at] = lo;
  his[at] = hi;
}
