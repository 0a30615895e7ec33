// Python's `array` module: typed arrays of machine values with CPython's typecodes, sizes
// (a 64-bit Linux build: l/L are 8 bytes, u is 4), range checks and messages. Items are kept
// as their bytes, little-endian like the host, in memory a memoryview can share, and read as
// Python values (bigint for integer codes, number for f/d, one-character str for u).

import { Bytes } from "../values/bytes.js";
import { eq, lt } from "../values/compare.js";
import { exportCount } from "../values/bytearray.js";
import { BufferError, EOFError, IndexError, OverflowError, PyTypeError, ValueError } from "../values/exceptions.js";
import { type BufferExporter, bufferExport } from "../values/memoryview.js";
import { iterable } from "../values/iteration.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { addressOf, repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { NotImplemented } from "../values/singletons.js";
import { asIndex, Slice } from "../values/slice.js";
import { typeName } from "../values/typename.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";

type Item = bigint | number | string;

interface Code {
  size: number;
  kind: "int" | "float" | "char";
  min?: bigint;
  max?: bigint;
  over?: string;
  under?: string;
}

const CODES: Record<string, Code> = {
  b: { size: 1, kind: "int", min: -128n, max: 127n, over: "signed char is greater than maximum", under: "signed char is less than minimum" },
  B: { size: 1, kind: "int", min: 0n, max: 255n, over: "unsigned byte integer is greater than maximum", under: "unsigned byte integer is less than minimum" },
  u: { size: 4, kind: "char" },
  h: { size: 2, kind: "int", min: -32768n, max: 32767n, over: "signed short integer is greater than maximum", under: "signed short integer is less than minimum" },
  H: { size: 2, kind: "int", min: 0n, max: 65535n, over: "unsigned short is greater than maximum", under: "unsigned short is less than minimum" },
  i: { size: 4, kind: "int", min: -(2n ** 31n), max: 2n ** 31n - 1n, over: "signed integer is greater than maximum", under: "signed integer is less than minimum" },
  I: { size: 4, kind: "int", min: 0n, max: 2n ** 32n - 1n, over: "unsigned int is greater than maximum", under: "can't convert negative value to unsigned int" },
  l: { size: 8, kind: "int", min: -(2n ** 63n), max: 2n ** 63n - 1n, over: "Python int too large to convert to C long", under: "Python int too large to convert to C long" },
  L: { size: 8, kind: "int", min: 0n, max: 2n ** 64n - 1n, over: "Python int too large to convert to C unsigned long", under: "can't convert negative value to unsigned int" },
  q: { size: 8, kind: "int", min: -(2n ** 63n), max: 2n ** 63n - 1n, over: "int too big to convert", under: "int too big to convert" },
  Q: { size: 8, kind: "int", min: 0n, max: 2n ** 64n - 1n, over: "int too big to convert", under: "can't convert negative int to unsigned" },
  f: { size: 4, kind: "float" },
  d: { size: 8, kind: "float" },
};

const TYPECODES = "bBuhHiIlLqQfd";

function codeOf(typecode: unknown): Code {
  if (typeof typecode !== "string" || typecode.length !== 1) {
    throw new PyTypeError(`array() argument 1 must be a unicode character, not ${typeName(typecode)}`);
  }
  const code = CODES[typecode];
  if (code === undefined) throw new ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
  return code;
}

function convert(typecode: string, x: unknown): Item {
  const code = CODES[typecode]!;
  if (code.kind === "char") {
    if (typeof x !== "string" || [...x].length !== 1) throw new PyTypeError("array item must be unicode character");
    return x;
  }
  if (code.kind === "float") {
    if (typeof x === "number") return typecode === "f" ? Math.fround(x) : x;
    if (isIntLike(x)) return typecode === "f" ? Math.fround(Number(toBigInt(x))) : Number(toBigInt(x));
    const hook = (x as { __float__?: () => unknown } | null)?.__float__;
    if (x !== null && typeof x === "object" && typeof hook === "function") return convert(typecode, hook.call(x));
    throw new PyTypeError(`must be real number, not ${typeName(x)}`);
  }
  const n = asIndex(x);
  if (n === undefined) throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
  if (n > code.max!) throw new OverflowError(code.over!);
  if (n < code.min!) throw new OverflowError(code.under!);
  return n;
}

/** The typed array holding each typecode's items (the host is little-endian, as CPython's x86-64 builds). */
type Store = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array | Float32Array | Float64Array;
const STORES: Record<string, new (length: number) => Store> = {
  b: Int8Array, B: Uint8Array, u: Uint32Array, h: Int16Array, H: Uint16Array, i: Int32Array, I: Uint32Array,
  l: BigInt64Array, L: BigUint64Array, q: BigInt64Array, Q: BigUint64Array, f: Float32Array, d: Float64Array,
};
/** an empty store per typecode, shared until an array first grows (it is never written) */
const EMPTY_STORES: Record<string, Store> = Object.fromEntries(Object.entries(STORES).map(([code, store]) => [code, new store(0)]));

function bytesLike(x: unknown): Uint8Array {
  if (x instanceof Uint8Array) return x;
  if (x instanceof PyArray) return x.tobytes();
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(x)}'`);
}

export class PyArray implements Iterable<Item>, BufferExporter {
  static readonly pythonName = "array";
  static readonly tpName = "array.array";
  static readonly __module__ = "array";
  // (an accessor, as CPython's getset: dir(array.array) lists it)
  readonly #typecode: string;
  get typecode(): string {
    return this.#typecode;
  }
  readonly #size: number;
  /**
   * The items as machine values, the first `length` of `store`, which has room to grow: a
   * memoryview of the array shares this memory, so writes through either are seen by both.
   */
  #store: Store;
  #length = 0;
  /** the items are 64-bit ints (the store holds bigints) */
  readonly #wide: boolean;

  constructor(typecode: unknown, initializer: unknown = undefined) {
    const code = codeOf(typecode);
    this.#size = code.size;
    this.#typecode = typecode as string;
    this.#wide = code.kind === "int" && code.size === 8;
    this.#store = EMPTY_STORES[this.typecode]!;
    if (initializer === undefined) return;
    if (typeof initializer === "string") {
      if (this.typecode !== "u") throw new PyTypeError(`cannot use a str to initialize an array with typecode '${this.typecode}'`);
      this.fromunicode(initializer);
    } else if (initializer instanceof PyArray) {
      if (initializer.typecode === "u" && this.typecode !== "u") {
        throw new PyTypeError(`cannot use a unicode array to initialize an array with typecode '${this.typecode}'`);
      }
      this.#extendValues(initializer.#values());
    } else if (initializer instanceof Uint8Array) this.frombytes(initializer);
    else this.#extendValues(iterable(initializer));
  }

  [bufferExport](): { bytes: Uint8Array; format: string; itemsize: number } {
    // (3.11 exports 'u' arrays with the format 'w', which memoryview cannot read)
    return { bytes: this.#bytes, format: this.typecode === "u" ? "w" : this.typecode, itemsize: this.#size };
  }

  get itemsize(): bigint {
    return BigInt(this.#size);
  }

  /** The items' bytes (a view of the array's memory). */
  get #bytes(): Uint8Array {
    return new Uint8Array(this.#store.buffer, this.#store.byteOffset, this.#length * this.#size);
  }

  #item(i: number): Item {
    const value = this.#store[i]!;
    if (typeof value === "bigint") return value;
    if (this.typecode === "u") {
      if (value > 0x10ffff) throw new ValueError(`character U+${value.toString(16)} is not in range [U+0000; U+10ffff]`);
      return String.fromCodePoint(value);
    }
    return this.typecode === "f" || this.typecode === "d" ? value : BigInt(value);
  }

  /** Stores a converted item (convert's result for this typecode). */
  #setItem(i: number, x: Item): void {
    if (this.#wide) (this.#store as BigInt64Array)[i] = x as bigint;
    else (this.#store as Float64Array)[i] = typeof x === "string" ? x.codePointAt(0)! : Number(x);
  }

  /** All items, decoded. */
  #values(): Item[] {
    const n = this.#length;
    const out = new Array<Item>(n);
    for (let i = 0; i < n; i++) out[i] = this.#item(i);
    return out;
  }

  /** A new length in items; refused while views of the array are known to be alive. */
  #resize(length: number): void {
    if (length === this.#length) return;
    if (exportCount(this) > 0) throw new BufferError("cannot resize an array that is exporting buffers");
    if (length > this.#store.length) {
      // (a view that is not known to be alive keeps the memory it had)
      const grown = new STORES[this.typecode]!(Math.max(length, this.#store.length * 2, 4));
      (grown as Float64Array).set(this.#store.subarray(0, this.#length) as Float64Array);
      this.#store = grown;
    }
    this.#length = length;
  }

  /** Replaces `deleteCount` items at `start` by `insert` (converted items). */
  #splice(start: number, deleteCount: number, insert: readonly Item[]): void {
    const oldLength = this.#length;
    const newLength = oldLength - deleteCount + insert.length;
    const tail = start + deleteCount;
    const to = start + insert.length;
    if (newLength > oldLength) this.#resize(newLength);
    else if (newLength < oldLength && exportCount(this) > 0) throw new BufferError("cannot resize an array that is exporting buffers");
    if (to !== tail) this.#store.copyWithin(to, tail, oldLength);
    insert.forEach((x, k) => this.#setItem(start + k, x));
    if (newLength < oldLength) this.#resize(newLength);
  }

  #push(items: readonly Item[]): void {
    this.#splice(this.#length, 0, items);
  }

  #extendValues(xs: Iterable<unknown>): void {
    const converted: Item[] = [];
    for (const x of xs) converted.push(convert(this.typecode, x));
    this.#push(converted);
  }

  #position(i: unknown): number {
    const n = asIndex(i);
    if (n === undefined) throw new PyTypeError("array indices must be integers");
    const at = n < 0n ? n + BigInt(this.#length) : n;
    if (at < 0n || at >= BigInt(this.#length)) throw new IndexError("array index out of range");
    return Number(at);
  }

  #sameKind(other: unknown, message: string): PyArray {
    if (!(other instanceof PyArray)) throw new PyTypeError(message);
    if (other.typecode !== this.typecode) throw new PyTypeError("bad argument type for built-in operation");
    return other;
  }

  append(x: unknown): null {
    const value = convert(this.typecode, x);
    const at = this.#length;
    this.#resize(at + 1);
    this.#setItem(at, value);
    return null;
  }

  /** (address, length): the address is the object's id(), pyts arrays having no C buffer. */
  buffer_info(): Tuple {
    return Tuple.of(BigInt(addressOf(this)), BigInt(this.#length));
  }

  byteswap(): null {
    const size = this.#size;
    if (size === 1) return null;
    const bytes = this.#bytes;
    for (let at = 0; at < bytes.length; at += size) bytes.subarray(at, at + size).reverse();
    return null;
  }

  count(x: unknown): bigint {
    let n = 0n;
    for (const item of this) if (eq(item, x)) n++;
    return n;
  }

  extend(xs: unknown): null {
    if (xs instanceof PyArray) {
      if (xs.typecode !== this.typecode) throw new PyTypeError("can only extend with array of same kind");
      this.#push(xs.#values());
    } else this.#extendValues(iterable(xs));
    return null;
  }

  frombytes(data: unknown): null {
    const raw = bytesLike(data);
    if (raw.length % this.#size !== 0) throw new ValueError("bytes length not a multiple of item size");
    const copy = raw.slice();
    const at = this.#length * this.#size;
    this.#resize(this.#length + copy.length / this.#size);
    this.#bytes.set(copy, at);
    return null;
  }

  fromfile(f: unknown, n: unknown): null {
    const count = asIndex(n);
    if (count === undefined) throw new PyTypeError(`'${typeName(n)}' object cannot be interpreted as an integer`);
    if (count < 0n) throw new ValueError("negative count");
    const want = Number(count) * this.#size;
    const data = bytesLike((f as { read: (k: bigint) => unknown }).read(BigInt(want)));
    const whole = data.length - (data.length % this.#size);
    this.frombytes(data.subarray(0, whole));
    if (data.length !== want) throw new EOFError("read() didn't return enough bytes");
    return null;
  }

  fromlist(xs: unknown): null {
    if (!Array.isArray(xs)) throw new PyTypeError("arg must be list");
    this.#push(xs.map((x) => convert(this.typecode, x)));
    return null;
  }

  fromunicode(s: unknown): null {
    if (this.typecode !== "u") throw new ValueError("fromunicode() may only be called on unicode type arrays");
    if (typeof s !== "string") throw new PyTypeError(`fromunicode() argument must be str, not ${typeName(s)}`);
    this.#push([...s]);
    return null;
  }

  index(x: unknown, start: unknown = 0n, stop: unknown = undefined): bigint {
    const len = this.#length;
    const clamp = (v: unknown, fallback: number): number => {
      if (v === undefined || v === null) return fallback;
      let i = Number(toBigInt(v as bigint));
      if (i < 0) i = Math.max(0, i + len);
      return Math.min(i, len);
    };
    for (let i = clamp(start, 0); i < clamp(stop, len); i++) if (eq(this.#item(i), x)) return BigInt(i);
    throw new ValueError("array.index(x): x not in array");
  }

  insert(i: unknown, x: unknown): null {
    const value = convert(this.typecode, x);
    let at = Number(toBigInt(i as bigint));
    if (at < 0) at = Math.max(0, at + this.#length);
    this.#splice(Math.min(at, this.#length), 0, [value]);
    return null;
  }

  pop(i: unknown = -1n): Item {
    if (this.#length === 0) throw new IndexError("pop from empty array");
    const n = asIndex(i)!;
    const at = n < 0n ? n + BigInt(this.#length) : n;
    if (at < 0n || at >= BigInt(this.#length)) throw new IndexError("pop index out of range");
    const item = this.#item(Number(at));
    this.#splice(Number(at), 1, []);
    return item;
  }

  remove(x: unknown): null {
    const at = this.#values().findIndex((item) => eq(item, x));
    if (at < 0) throw new ValueError("array.remove(x): x not in array");
    this.#splice(at, 1, []);
    return null;
  }

  reverse(): null {
    this.#values().reverse().forEach((x, k) => this.#setItem(k, x));
    return null;
  }

  tobytes(): Bytes {
    return Bytes.fromArray(this.#bytes);
  }

  tofile(f: unknown): null {
    (f as { write: (b: Bytes) => unknown }).write(this.tobytes());
    return null;
  }

  tolist(): Item[] {
    return this.#values();
  }

  tounicode(): string {
    if (this.typecode !== "u") throw new ValueError("tounicode() may only be called on unicode type arrays");
    return this.#values().join("");
  }

  #withItems(items: readonly Item[]): PyArray {
    const out = new PyArray(this.typecode);
    out.#push(items);
    return out;
  }

  __len__(): bigint {
    return BigInt(this.#length);
  }

  __getitem__(i: unknown): Item | PyArray {
    if (i instanceof Slice) return this.#withItems(i.positions(this.#length).map((k) => this.#item(k)));
    return this.#item(this.#position(i));
  }

  __setitem__(i: unknown, x: unknown): void {
    if (!(i instanceof Slice)) {
      const at = this.#position(i);
      this.#setItem(at, convert(this.typecode, x));
      return;
    }
    if (!(x instanceof PyArray)) throw new PyTypeError(`can only assign array (not "${typeName(x)}") to array slice`);
    this.#sameKind(x, "");
    const values = x.#values();
    const [start, stop, step] = i.resolve(this.#length);
    if (step === 1) {
      this.#splice(start, Math.max(0, stop - start), values);
      return;
    }
    const positions = i.positions(this.#length);
    if (positions.length !== values.length) {
      throw new ValueError(`attempt to assign array of size ${values.length} to extended slice of size ${positions.length}`);
    }
    positions.forEach((k, n) => this.#setItem(k, values[n]!));
  }

  __delitem__(i: unknown): void {
    if (!(i instanceof Slice)) {
      this.#splice(this.#position(i), 1, []);
      return;
    }
    const drop = new Set(i.positions(this.#length));
    if (drop.size === 0) return;
    const kept = this.#values().filter((_x, k) => !drop.has(k));
    this.#splice(0, this.#length, kept);
  }

  __contains__(x: unknown): boolean {
    for (const item of this) if (eq(item, x)) return true;
    return false;
  }

  *[Symbol.iterator](): Iterator<Item> {
    // (each step reads the length again: the array may change while it is iterated)
    for (let i = 0; i < this.#length; i++) yield this.#item(i);
  }

  __add__(other: unknown): PyArray {
    const o = this.#sameKind(other, `can only append array (not "${typeName(other)}") to array`);
    return this.#withItems([...this.#values(), ...o.#values()]);
  }

  __iadd__(other: unknown): this {
    const o = this.#sameKind(other, `can only extend array with array (not "${typeName(other)}")`);
    this.#push(o.#values());
    return this;
  }

  __mul__(n: unknown): PyArray | typeof NotImplemented {
    const k = asIndex(n);
    if (k === undefined) return NotImplemented;
    const base = this.#values();
    const out: Item[] = [];
    for (let j = 0n; j < k; j++) out.push(...base);
    return this.#withItems(out);
  }

  __rmul__(n: unknown): PyArray | typeof NotImplemented {
    return this.__mul__(n);
  }

  __imul__(n: unknown): this {
    const k = asIndex(n);
    if (k === undefined) throw new PyTypeError(`can't multiply sequence by non-int of type '${typeName(n)}'`);
    const base = this.#values();
    const out: Item[] = [];
    for (let j = 0n; j < k; j++) out.push(...base);
    this.#splice(0, this.#length, out);
    return this;
  }

  __eq__(other: unknown): unknown {
    if (!(other instanceof PyArray)) return NotImplemented;
    return this.#length === other.#length && eq(this.#values(), other.#values());
  }

  __ne__(other: unknown): unknown {
    const r = this.__eq__(other);
    return r === NotImplemented ? r : !r;
  }

  __lt__(other: unknown): unknown {
    return other instanceof PyArray ? lt(this.#values(), other.#values()) : NotImplemented;
  }

  __le__(other: unknown): unknown {
    return other instanceof PyArray ? !lt(other.#values(), this.#values()) : NotImplemented;
  }

  __gt__(other: unknown): unknown {
    return other instanceof PyArray ? lt(other.#values(), this.#values()) : NotImplemented;
  }

  __ge__(other: unknown): unknown {
    return other instanceof PyArray ? !lt(this.#values(), other.#values()) : NotImplemented;
  }

  __copy__(): PyArray {
    return this.#withItems(this.#values());
  }

  __deepcopy__(_memo: unknown): PyArray {
    return this.__copy__();
  }

  get __unhashable__(): boolean {
    return true;
  }

  __repr__(): string {
    if (this.#length === 0) return `array('${this.typecode}')`;
    if (this.typecode === "u") return `array('u', ${repr(this.#values().join(""))})`;
    return `array('${this.typecode}', [${this.#values().map(repr).join(", ")}])`;
  }
}

const arrayClass = pyClass(PyArray);

export const arrayModule = moduleObject("array", {
  array: arrayClass,
  ArrayType: arrayClass,
  typecodes: TYPECODES,
});
