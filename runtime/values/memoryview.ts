// Python's memoryview over bytes, bytearray and array.array (one dimension, or several after a cast with a shape): a Uint8Array viewing the same
// memory as the object it was made from, so writes go through to a bytearray and every runtime
// function taking bytes-like data (b"".join, bytes(), bytearray(), hashlib, file writes) takes
// it as its bytes. Python-level operations (len, indexing, slicing, iteration, tolist, ==) read
// items of the view's format (cast) with its step (a sliced view `mv[::2]`).
// CPython refuses to resize a bytearray while a view of it lives ("BufferError: Existing exports
// of data"); without reference counts pyts cannot tell a live view from a dropped temporary
// (`memoryview(ba)[0]`), so it counts the views it knows to be alive: the view of a `with`
// block (until the block ends) and a view a module-level name is bound to (`m = memoryview(ba)`,
// until `m.release()`). Other views let the bytearray change size: a view keeps the memory it had.

import { Bytes } from "./bytes.js";
import { ByteArray, countExport } from "./bytearray.js";
import { IndexError, NotImplementedError, PyTypeError, ValueError } from "./exceptions.js";
import { isIntLike, toBigInt } from "./numeric.js";
import { NotImplemented } from "./singletons.js";
import { asIndex, Slice } from "./slice.js";
import { Tuple } from "./tuple.js";
import { splitKw } from "./kwargs.js";
import { typeName } from "./typename.js";
import { identity, pyHash } from "./hashing.js";

/** Native formats (struct's, native size and alignment as on x86-64 Linux) and their item size. */
const ITEM_SIZE: Record<string, number> = {
  B: 1, b: 1, c: 1, "?": 1, H: 2, h: 2, I: 4, i: 4, L: 8, l: 8, Q: 8, q: 8, N: 8, n: 8, f: 4, d: 8, e: 2, P: 8,
};

/**
 * An object other than bytes whose memory a memoryview shares (array.array): it gives its
 * item bytes (a view of its own memory) and their format.
 */
export const bufferExport: unique symbol = Symbol("bufferExport");
export interface BufferExporter {
  [bufferExport](): { bytes: Uint8Array; format: string; itemsize: number };
}

function isExporter(x: unknown): x is BufferExporter {
  return typeof x === "object" && x !== null && typeof (x as Partial<BufferExporter>)[bufferExport] === "function";
}

/**
 * The bytes of a bytes-like object (bytes, bytearray, memoryview, array.array: the buffer
 * protocol's), a view of its own memory; null for any other value.
 */
export function bufferBytes(x: unknown): Uint8Array | null {
  if (x instanceof Uint8Array) return x;
  return isExporter(x) ? x[bufferExport]().bytes : null;
}

function isByteFormat(format: string): boolean {
  return format === "B" || format === "b" || format === "c";
}

export class MemoryView extends Uint8Array {
  static readonly pythonName: string = "memoryview";
  // Typed-array methods (subarray, slice, map) make plain Uint8Arrays, not views.
  static get [Symbol.species](): Uint8ArrayConstructor {
    return Uint8Array;
  }

  /** The object exported (bytes, bytearray), its format, item size and the step in items. */
  declare private source: unknown;
  declare private fmt: string;
  declare private size: number;
  declare private step: number;
  declare private count: number;
  declare private isReadonly: boolean;
  declare private released: boolean;
  /** the view is counted as an export of its bytearray (it is known to be alive: see hold) */
  declare private holds: boolean;
  /** A view of several dimensions (`cast("B", shape=[2, 3])`): its shape, its strides in bytes and the byte offset of its first item; null for one dimension. */
  declare private dims: number[] | null;
  declare private ndStrides: number[];
  declare private ndBase: number;

  static of(x: unknown): MemoryView {
    if (x instanceof MemoryView) {
      x.check();
      if (x.dims !== null) return MemoryView.ndView(x.source, x, x.fmt, x.size, x.dims, x.ndStrides, x.ndBase, x.isReadonly);
      return MemoryView.view(x.source, x, x.fmt, x.size, x.step, x.count, x.isReadonly);
    }
    if (isExporter(x)) {
      const { bytes, format, itemsize } = x[bufferExport]();
      return MemoryView.view(x, bytes, format, itemsize, 1, bytes.length / itemsize, false);
    }
    if (!(x instanceof Uint8Array)) throw new PyTypeError(`memoryview: a bytes-like object is required, not '${typeName(x)}'`);
    return MemoryView.view(x, x, "B", 1, 1, x.length, !(x instanceof ByteArray));
  }

  /** A writable view of `bytes`, the memory of `source` (BytesIO.getbuffer()). */
  static over(source: object, bytes: Uint8Array): MemoryView {
    return MemoryView.view(source, bytes, "B", 1, 1, bytes.length, false);
  }

  /** A view of `count` items of `size` bytes, `step` items apart, from the start of `bytes`. */
  private static view(source: unknown, bytes: Uint8Array, fmt: string, size: number, step: number, count: number, readonly: boolean): MemoryView {
    const span = count === 0 ? 0 : ((count - 1) * Math.abs(step) + 1) * size;
    const first = step < 0 && count > 0 ? (count - 1) * -step * size : 0;
    const mv = new MemoryView(bytes.buffer as ArrayBuffer, bytes.byteOffset - first, span);
    mv.source = source;
    mv.fmt = fmt;
    mv.size = size;
    mv.step = step;
    mv.count = count;
    mv.isReadonly = readonly;
    mv.released = false;
    mv.holds = false;
    mv.dims = null;
    return mv;
  }

  /** A view of several dimensions over all of `bytes` (item 0 at byte `base`, `strides` bytes apart per dimension). */
  private static ndView(source: unknown, bytes: Uint8Array, fmt: string, size: number, dims: number[], strides: number[], base: number, readonly: boolean): MemoryView {
    const mv = MemoryView.view(source, bytes, fmt, size, 1, bytes.length / size, readonly);
    mv.dims = dims;
    mv.ndStrides = strides;
    mv.ndBase = base;
    mv.count = dims.reduce((a, b) => a * b, 1);
    return mv;
  }

  /** C-order strides of `dims` items of `size` bytes. */
  private static cStrides(dims: number[], size: number): number[] {
    const strides = new Array<number>(dims.length);
    let stride = size;
    for (let k = dims.length - 1; k >= 0; k--) {
      strides[k] = stride;
      stride *= dims[k]!;
    }
    return strides;
  }

  private check(): void {
    if (this.released) throw new ValueError("operation forbidden on released memoryview object");
  }

  /** Byte offset (in this Uint8Array) of item i. */
  private offset(i: number): number {
    if (this.dims !== null) {
      // (item i in C order: its index in each dimension, last dimension fastest)
      let at = this.ndBase;
      for (let k = this.dims.length - 1; k >= 0; k--) {
        at += (i % this.dims[k]!) * this.ndStrides[k]!;
        i = Math.floor(i / this.dims[k]!);
      }
      return at;
    }
    return this.step > 0 ? i * this.step * this.size : (this.count - 1 - i) * -this.step * this.size;
  }

  private read(i: number): unknown {
    const at = this.offset(i);
    const view = new DataView(this.buffer, this.byteOffset + at, this.size);
    switch (this.fmt) {
      case "B": return BigInt(view.getUint8(0));
      case "b": return BigInt(view.getInt8(0));
      case "c": return Bytes.fromArray([view.getUint8(0)]);
      case "?": return view.getUint8(0) !== 0;
      case "H": return BigInt(view.getUint16(0, true));
      case "h": return BigInt(view.getInt16(0, true));
      case "I": return BigInt(view.getUint32(0, true));
      case "i": return BigInt(view.getInt32(0, true));
      case "L": case "Q": case "N": case "P": return view.getBigUint64(0, true);
      case "l": case "q": case "n": return view.getBigInt64(0, true);
      case "f": return view.getFloat32(0, true);
      case "d": return view.getFloat64(0, true);
      default: throw new NotImplementedError(`memoryview: format ${this.fmt} not supported`);
    }
  }

  private write(i: number, value: unknown): void {
    const at = this.offset(i);
    const view = new DataView(this.buffer, this.byteOffset + at, this.size);
    const fmt = this.fmt;
    if (fmt === "f" || fmt === "d") {
      if (typeof value !== "number" && !isIntLike(value)) throw new PyTypeError(`memoryview: invalid type for format '${fmt}'`);
      const x = typeof value === "number" ? value : Number(toBigInt(value));
      if (fmt === "f") view.setFloat32(0, x, true);
      else view.setFloat64(0, x, true);
      return;
    }
    if (fmt === "c") {
      if (!(value instanceof Bytes) || value instanceof ByteArray) throw new PyTypeError("memoryview: invalid type for format 'c'");
      if (value.length !== 1) throw new ValueError("memoryview: invalid value for format 'c'");
      view.setUint8(0, value[0]!);
      return;
    }
    if (fmt === "?") {
      view.setUint8(0, value === true || (isIntLike(value) && toBigInt(value) !== 0n) ? 1 : 0);
      return;
    }
    if (!isIntLike(value) || typeof value === "boolean") throw new PyTypeError(`memoryview: invalid type for format '${fmt}'`);
    const n = toBigInt(value);
    const bits = BigInt(this.size * 8);
    const signed = fmt === fmt.toLowerCase();
    const min = signed ? -(1n << (bits - 1n)) : 0n;
    const max = signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
    if (n < min || n > max) throw new ValueError(`memoryview: invalid value for format '${fmt}'`);
    let u = n < 0n ? n + (1n << bits) : n;
    for (let b = 0; b < this.size; b++) {
      view.setUint8(b, Number(u & 0xffn));
      u >>= 8n;
    }
  }

  private index(key: unknown): number {
    const i = asIndex(key);
    if (i === undefined) throw new PyTypeError("memoryview: invalid slice key");
    const n = i < 0n ? i + BigInt(this.count) : i;
    if (n < 0n || n >= BigInt(this.count)) throw new IndexError("index out of bounds on dimension 1");
    return Number(n);
  }

  __len__(): bigint {
    this.check();
    return BigInt(this.dims !== null ? this.dims[0]! : this.count);
  }

  /** The flat C-order number of the item a tuple key names (`m[1, 2]`). */
  private tupleIndex(key: Tuple): number {
    const dims = this.dims ?? [this.count];
    const items = key.items;
    if (items.some((k) => asIndex(k) === undefined)) throw new PyTypeError("memoryview: invalid slice key");
    if (items.length < dims.length) throw new NotImplementedError("sub-views are not implemented");
    if (items.length > dims.length) throw new PyTypeError(`cannot index ${dims.length}-dimension view with ${items.length}-element tuple`);
    let flat = 0;
    items.forEach((k, d) => {
      const i = asIndex(k)!;
      const n = i < 0n ? i + BigInt(dims[d]!) : i;
      if (n < 0n || n >= BigInt(dims[d]!)) throw new IndexError(`index out of bounds on dimension ${d + 1}`);
      flat = flat * dims[d]! + Number(n);
    });
    return flat;
  }

  __getitem__(key: unknown): any {
    this.check();
    if (key instanceof Tuple) return this.read(this.tupleIndex(key));
    if (this.dims !== null) {
      if (!(key instanceof Slice)) throw new NotImplementedError("multi-dimensional sub-views are not implemented");
      // (slicing takes rows of the first dimension)
      const [start, , step] = key.resolve(this.dims[0]!);
      const length = sliceLength(key, this.dims[0]!);
      const dims = [length, ...this.dims.slice(1)];
      const strides = [this.ndStrides[0]! * step, ...this.ndStrides.slice(1)];
      return MemoryView.ndView(this.source, this, this.fmt, this.size, dims, strides, this.ndBase + (length === 0 ? 0 : start * this.ndStrides[0]!), this.isReadonly);
    }
    if (key instanceof Slice) {
      const [start, stop, step] = key.resolve(this.count);
      const length = step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
      const from = length === 0 ? this : this.subarrayAt(start);
      return MemoryView.view(this.source, from, this.fmt, this.size, this.step * step, length, this.isReadonly);
    }
    if (asIndex(key) === undefined) throw new PyTypeError("memoryview: invalid slice key");
    return this.read(this.index(key));
  }

  /** A Uint8Array starting at item i (a slice's first item). */
  private subarrayAt(i: number): Uint8Array {
    return new Uint8Array(this.buffer, this.byteOffset + this.offset(i), this.size);
  }

  __setitem__(key: unknown, value: unknown): null {
    this.check();
    if (this.isReadonly) throw new PyTypeError("cannot modify read-only memory");
    if (key instanceof Slice) {
      const target = this.__getitem__(key) as MemoryView;
      const src = value instanceof MemoryView ? value : value instanceof Uint8Array ? MemoryView.of(value) : null;
      if (src === null) throw new PyTypeError(`a bytes-like object is required, not '${typeName(value)}'`);
      if (src.count !== target.count || src.fmt !== target.fmt) throw new ValueError("memoryview assignment: lvalue and rvalue have different structures");
      const items = src.items();
      for (let i = 0; i < items.length; i++) target.write(i, items[i]);
      target.releaseQuietly();
      if (src !== value) src.releaseQuietly();
      return null;
    }
    if (key instanceof Tuple) this.write(this.tupleIndex(key), value);
    else if (this.dims !== null) throw new NotImplementedError("sub-views are not implemented");
    else this.write(this.index(key), value);
    return null;
  }

  __delitem__(): never {
    this.check();
    if (this.isReadonly) throw new PyTypeError("cannot modify read-only memory");
    throw new PyTypeError("cannot delete memory");
  }

  private items(): unknown[] {
    const out = new Array<unknown>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.read(i);
    return out;
  }

  override [Symbol.iterator](): IterableIterator<number> {
    this.check();
    if (this.dims !== null) throw new NotImplementedError("multi-dimensional sub-views are not implemented");
    return (this.items() as unknown as number[])[Symbol.iterator]();
  }

  /** The item bytes in order (what bytes(view) and tobytes() give). */
  private contents(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.count; i++) {
      const at = this.offset(i);
      for (let b = 0; b < this.size; b++) out.push(this[at + b]!);
    }
    return out;
  }

  tobytes(order: unknown = null): Bytes {
    this.check();
    void order;
    return Bytes.fromArray(this.contents());
  }

  tolist(): unknown[] {
    this.check();
    const items = this.items();
    if (this.dims === null) return items;
    // (nested lists, the last dimension innermost)
    let nested: unknown[] = items;
    for (let k = this.dims.length - 1; k > 0; k--) {
      const width = this.dims[k]!;
      const rows: unknown[] = [];
      for (let i = 0; i < nested.length; i += width) rows.push(nested.slice(i, i + width));
      nested = rows;
    }
    return nested;
  }

  hex(sep?: unknown, bytesPerSep?: unknown): string {
    this.check();
    return bytesHex(this.contents(), sep, bytesPerSep);
  }

  toreadonly(): MemoryView {
    this.check();
    if (this.dims !== null) return MemoryView.ndView(this.source, this, this.fmt, this.size, this.dims, this.ndStrides, this.ndBase, true);
    return MemoryView.view(this.source, this, this.fmt, this.size, this.step, this.count, true);
  }

  cast(...args: unknown[]): MemoryView {
    // (`cast("B", shape=[2, 3])`: the arguments by position or keyword)
    const [positional, keywords] = splitKw(args);
    for (const name of Object.keys(keywords)) if (name !== "format" && name !== "shape") throw new PyTypeError(`cast() got an unexpected keyword argument '${name}'`);
    const format = positional.length > 0 ? positional[0] : keywords.format;
    const shape = positional.length > 1 ? positional[1] : keywords.shape;
    this.check();
    if (typeof format !== "string") throw new PyTypeError(`cast() argument 'format' must be str, not ${typeName(format)}`);
    const fmt = format.startsWith("@") ? format.slice(1) : format;
    const size = ITEM_SIZE[fmt];
    if (size === undefined) throw new ValueError("memoryview: destination format must be a native single character format prefixed with an optional '@'");
    if (!this.c_contiguous) throw new PyTypeError("memoryview: casts are restricted to C-contiguous views");
    if (!isByteFormat(fmt) && !isByteFormat(this.fmt)) throw new PyTypeError("memoryview: cannot cast between two non-byte formats");
    const nbytes = this.count * this.size;
    // (the bytes of a C-contiguous view of several dimensions start at its first item)
    const bytes = this.dims === null ? this : new Uint8Array(this.buffer, this.byteOffset + this.ndBase, nbytes);
    if (shape !== undefined && shape !== null) {
      const dims = shape instanceof Tuple ? shape.items : Array.isArray(shape) ? shape : null;
      if (dims === null) throw new PyTypeError("shape must be a list or a tuple");
      if (this.dims !== null && dims.length !== 1) throw new PyTypeError("memoryview: cast must be 1D -> ND or ND -> 1D");
      if (BigInt(nbytes) !== dims.reduce((a: bigint, d) => a * toBigInt(d), 1n) * BigInt(size)) throw new PyTypeError("memoryview: product(shape) * itemsize != buffer size");
      if (dims.length > 1) {
        const sizes = dims.map((d) => Number(toBigInt(d)));
        return MemoryView.ndView(this.source, new Uint8Array(bytes.buffer, bytes.byteOffset, nbytes), fmt, size, sizes, MemoryView.cStrides(sizes, size), 0, this.isReadonly);
      }
    }
    if (nbytes % size !== 0) throw new PyTypeError("memoryview: length is not a multiple of itemsize");
    return MemoryView.view(this.source, bytes, fmt, size, 1, nbytes / size, this.isReadonly);
  }

  /** The view is known to be alive (a `with` block's, a module-level name's): its bytearray cannot be resized until it is released. */
  hold(): MemoryView {
    if (!this.holds && !this.released && (this.source instanceof ByteArray || isExporter(this.source))) {
      this.holds = true;
      countExport(this.source, 1);
    }
    return this;
  }

  release(): null {
    if (!this.released) this.releaseQuietly();
    return null;
  }

  private releaseQuietly(): void {
    if (this.released) return;
    this.released = true;
    if (this.holds) countExport(this.source as object, -1);
    this.holds = false;
  }

  __enter__(): MemoryView {
    this.check();
    this.hold();
    return this;
  }

  __exit__(): boolean {
    this.release();
    return false;
  }

  __eq__(other: unknown): unknown {
    if (this === other) return true;
    if (!(other instanceof Uint8Array)) return NotImplemented;
    if (this.released || (other instanceof MemoryView && other.released)) return false;
    const that = other instanceof MemoryView ? other : MemoryView.of(other);
    const equal = that.count === this.count && sameItems(this.items(), that.items());
    if (that !== other) that.releaseQuietly();
    return equal;
  }

  __ne__(other: unknown): unknown {
    const r = this.__eq__(other);
    return r === NotImplemented ? r : !r;
  }

  __hash__(): bigint {
    this.check();
    if (!this.isReadonly) throw new ValueError("cannot hash writable memoryview object");
    if (!isByteFormat(this.fmt)) throw new ValueError("memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
    return pyHash(this.tobytes());
  }

  __repr__(): string {
    return `<${this.released ? "released memory" : "memory"} at 0x${identity(this).toString(16).padStart(12, "0")}>`;
  }

  get obj(): unknown {
    this.check();
    return this.source;
  }
  get nbytes(): bigint {
    this.check();
    return BigInt(this.count * this.size);
  }
  get readonly(): boolean {
    this.check();
    return this.isReadonly;
  }
  get format(): string {
    this.check();
    return this.fmt;
  }
  get itemsize(): bigint {
    this.check();
    return BigInt(this.size);
  }
  get ndim(): bigint {
    this.check();
    return BigInt(this.dims?.length ?? 1);
  }
  get shape(): Tuple {
    this.check();
    return Tuple.from((this.dims ?? [this.count]).map(BigInt));
  }
  get strides(): Tuple {
    this.check();
    return Tuple.from((this.dims !== null ? this.ndStrides : [this.step * this.size]).map(BigInt));
  }
  get suboffsets(): Tuple {
    this.check();
    return Tuple.from([]);
  }
  get c_contiguous(): boolean {
    this.check();
    if (this.dims !== null) return this.count === 0 || MemoryView.cStrides(this.dims, this.size).every((s, k) => s === this.ndStrides[k] || this.dims![k] === 1);
    return this.step === 1 || this.count <= 1;
  }
  get f_contiguous(): boolean {
    return this.c_contiguous;
  }
  get contiguous(): boolean {
    return this.c_contiguous;
  }
}

/** How many items `slice` takes of `n`. */
function sliceLength(slice: Slice, n: number): number {
  const [start, stop, step] = slice.resolve(n);
  return step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
}

function sameItems(xs: unknown[], ys: unknown[]): boolean {
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x instanceof Uint8Array && y instanceof Uint8Array) {
      if (x[0] !== y[0]) return false;
    } else if (typeof x === "bigint" && typeof y === "number") {
      if (Number(x) !== y) return false;
    } else if (typeof x === "number" && typeof y === "bigint") {
      if (x !== Number(y)) return false;
    } else if (x !== y) return false;
  }
  return true;
}

/** bytes.hex's layout: `sep` every `bytesPerSep` bytes, counted from the right (from the left when negative). */
function bytesHex(data: number[], sep: unknown, bytesPerSep: unknown): string {
  const digits = data.map((b) => b.toString(16).padStart(2, "0"));
  if (sep === undefined || sep === null) return digits.join("");
  const separator = typeof sep === "string" ? sep : sep instanceof Uint8Array ? String.fromCharCode(...sep) : null;
  if (separator === null) throw new PyTypeError(`sep must be str or bytes.`);
  if (separator.length !== 1) throw new ValueError("sep must be length 1.");
  const every = bytesPerSep === undefined ? 1 : Number(toBigInt(bytesPerSep as bigint));
  if (every === 0) return digits.join("");
  const n = Math.abs(every);
  const groups: string[] = [];
  if (every > 0) {
    for (let end = digits.length; end > 0; end -= n) groups.unshift(digits.slice(Math.max(0, end - n), end).join(""));
  } else {
    for (let start = 0; start < digits.length; start += n) groups.push(digits.slice(start, start + n).join(""));
  }
  return groups.join(separator);
}

/** A name memoryview defines (its methods, properties and dunders), not one of Uint8Array's. */
export function isMemoryViewAttribute(name: string): boolean {
  return Object.hasOwn(MemoryView.prototype, name) && name !== "constructor";
}
