// Python's bytearray: mutable bytes. A ByteArray is a Bytes (so comparison, `in`, slicing,
// `len` and the bytes methods treat both alike) viewing a resizable buffer, so append,
// extend and slice assignment change its length in place.
import { Bytes } from "./bytes.js";
import { BufferError, IndexError, PyTypeError, ValueError } from "./exceptions.js";
import { iterable } from "./iteration.js";
import { isIntLike, toBigInt } from "./numeric.js";
import { normalizeIndex } from "./slice.js";
import { Tuple } from "./tuple.js";
import { typeName } from "./typename.js";

/** Address space each bytearray may grow into (reserved, not allocated). */
const MAX_BYTES = 2 ** 31;

interface Resizable {
  resize(byteLength: number): void;
}

export class ByteArray extends Bytes {
  static override readonly pythonName: string = "bytearray";

  // Typed-array methods (slice, subarray) construct through here with a buffer view.
  constructor(source: number | ArrayBuffer = 0, byteOffset?: number, length?: number) {
    if (typeof source === "number") {
      // ES2024's resizable ArrayBuffer (Node 20); a view without a length tracks its size.
      const buffer = new (ArrayBuffer as unknown as new (n: number, o: object) => ArrayBuffer)(source, { maxByteLength: MAX_BYTES });
      super(buffer);
    } else super(source, byteOffset, length);
  }

  /** Replace the whole contents (extended-slice assignment and repetition rebuild them). */
  replaceWith(values: ArrayLike<number>): void {
    this.resizeTo(values.length);
    this.set(values);
  }

  /** Grow or shrink in place (the view tracks its buffer's length); refused while views are held. */
  resizeTo(length: number): void {
    if (length === this.length) return;
    if (exportCount(this) > 0) throw new BufferError("Existing exports of data: object cannot be re-sized");
    (this.buffer as unknown as Resizable).resize(length);
  }

  /** `append`: one byte at the end, without copying the rest. */
  appendByte(value: number): void {
    const at = this.length;
    this.resizeTo(at + 1);
    this[at] = value;
  }

  /**
   * Replace `deleteCount` bytes at `start` by `insert`, moving only the bytes after them
   * (extend, `+=`, `del b[:n]`, slice assignment, insert, pop).
   */
  replaceRange(start: number, deleteCount: number, insert: ArrayLike<number> = EMPTY): void {
    // (a view of this same buffer moves with it: copy what is inserted first)
    if (insert instanceof Uint8Array && insert.buffer === this.buffer && insert.length > 0) insert = new Uint8Array(insert);
    const oldLength = this.length;
    const newLength = oldLength - deleteCount + insert.length;
    const tail = start + deleteCount;
    if (newLength > oldLength) this.resizeTo(newLength);
    else if (newLength < oldLength && exportCount(this) > 0) throw new BufferError("Existing exports of data: object cannot be re-sized");
    if (tail < oldLength && insert.length !== deleteCount) this.copyWithin(start + insert.length, tail, oldLength);
    if (insert.length > 0) this.set(insert, start);
    if (newLength < oldLength) this.resizeTo(newLength);
  }
}

const EMPTY = new Uint8Array(0);

/**
 * The memoryviews of each bytearray (or array.array) known to be alive (held by a `with` block
 * or a module-level name, memoryview.ts): CPython refuses to resize it while they are.
 */
const exportCounts = new WeakMap<object, number>();
/** (most programs hold no views: resizing then skips the lookup) */
let anyExports = false;

/** A view of `b` is alive (+1) or released (-1). */
export function countExport(b: object, change: 1 | -1): void {
  anyExports = true;
  exportCounts.set(b, Math.max(0, (exportCounts.get(b) ?? 0) + change));
}

/** How many views of `b` are known to be alive. */
export function exportCount(b: object): number {
  return anyExports ? (exportCounts.get(b) ?? 0) : 0;
}

/** One byte given as a Python int. */
export function byteValue(x: unknown): number {
  if (!isIntLike(x)) throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
  const n = toBigInt(x);
  if (n < 0n || n > 255n) throw new ValueError("byte must be in range(0, 256)");
  return Number(n);
}

/** The bytes of a bytes-like object or an iterable of ints. */
export function byteValues(x: unknown): number[] {
  if (x instanceof Uint8Array) return [...x.values()];
  return Array.from(iterable(x), byteValue);
}

/** The bytes methods return bytearrays when called on one. */
function asByteArray(x: unknown): unknown {
  if (x instanceof Bytes && !(x instanceof ByteArray)) return ByteArray.fromArray(x);
  if (Array.isArray(x)) return x.map(asByteArray);
  if (x instanceof Tuple) return Tuple.from(x.items.map(asByteArray));
  return x;
}

type Method = (self: ByteArray, ...args: unknown[]) => unknown;

/** Methods bytearray adds to bytes' (given as `bytesMethods`), and bytes' adapted. */
export function byteArrayMethods(bytesMethods: Record<string, (self: Bytes, ...args: unknown[]) => unknown>): Record<string, Method> {
  const table: Record<string, Method> = {};
  for (const [name, m] of Object.entries(bytesMethods)) table[name] = (b, ...args) => asByteArray(m(b, ...args));
  table["decode"] = bytesMethods["decode"]!;
  Object.assign(table, {
    append: (b: ByteArray, x: unknown) => (b.appendByte(byteValue(x)), null),
    extend: (b: ByteArray, x: unknown) => (b.replaceRange(b.length, 0, x instanceof Uint8Array ? x : byteValues(x)), null),
    insert: (b: ByteArray, i: unknown, x: unknown) => {
      const index = toBigInt(i as bigint);
      const at = Math.max(0, Math.min(b.length, Number(index) + (index < 0n ? b.length : 0)));
      b.replaceRange(at, 0, [byteValue(x)]);
      return null;
    },
    pop: (b: ByteArray, i: unknown = -1n) => {
      if (b.length === 0) throw new IndexError("pop from empty bytearray");
      const at = normalizeIndex(toBigInt(i as bigint), b.length);
      if (at === undefined) throw new IndexError("pop index out of range");
      const removed = b[at]!;
      b.replaceRange(at, 1);
      return BigInt(removed);
    },
    remove: (b: ByteArray, x: unknown) => {
      const at = b.indexOf(byteValue(x));
      if (at < 0) throw new ValueError("value not found in bytearray");
      b.replaceRange(at, 1);
      return null;
    },
    clear: (b: ByteArray) => (b.replaceWith([]), null),
    reverse: (b: ByteArray) => (b.reverse(), null),
    copy: (b: ByteArray) => ByteArray.fromArray(b),
  });
  return table;
}
