// Python's `array` module: typed arrays of machine values with CPython's typecodes, sizes
// (a 64-bit Linux build: l/L are 8 bytes, u is 4), range checks and messages. Items are kept
// as Python values (bigint for integer codes, number for f/d, one-character str for u) and
// converted to bytes, little-endian like the host, on tobytes/frombytes.

import { Bytes } from "../values/bytes.js";
import { eq, lt } from "../values/compare.js";
import { EOFError, IndexError, OverflowError, PyTypeError, ValueError } from "../values/exceptions.js";
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

function writeItem(view: DataView, at: number, typecode: string, x: Item): void {
  switch (typecode) {
    case "b": view.setInt8(at, Number(x)); break;
    case "B": view.setUint8(at, Number(x)); break;
    case "h": view.setInt16(at, Number(x), true); break;
    case "H": view.setUint16(at, Number(x), true); break;
    case "i": view.setInt32(at, Number(x), true); break;
    case "I": view.setUint32(at, Number(x), true); break;
    case "l": case "q": view.setBigInt64(at, x as bigint, true); break;
    case "L": case "Q": view.setBigUint64(at, x as bigint, true); break;
    case "f": view.setFloat32(at, x as number, true); break;
    case "d": view.setFloat64(at, x as number, true); break;
    case "u": view.setUint32(at, (x as string).codePointAt(0)!, true); break;
  }
}

function readItem(view: DataView, at: number, typecode: string): Item {
  switch (typecode) {
    case "b": return BigInt(view.getInt8(at));
    case "B": return BigInt(view.getUint8(at));
    case "h": return BigInt(view.getInt16(at, true));
    case "H": return BigInt(view.getUint16(at, true));
    case "i": return BigInt(view.getInt32(at, true));
    case "I": return BigInt(view.getUint32(at, true));
    case "l": case "q": return view.getBigInt64(at, true);
    case "L": case "Q": return view.getBigUint64(at, true);
    case "f": return view.getFloat32(at, true);
    case "d": return view.getFloat64(at, true);
    default: {
      const cp = view.getUint32(at, true);
      if (cp > 0x10ffff) throw new ValueError(`character U+${cp.toString(16)} is not in range [U+0000; U+10ffff]`);
      return String.fromCodePoint(cp);
    }
  }
}

function bytesLike(x: unknown): Uint8Array {
  if (x instanceof Uint8Array) return x;
  if (x instanceof PyArray) return x.tobytes();
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(x)}'`);
}

export class PyArray implements Iterable<Item> {
  static readonly pythonName = "array";
  static readonly __module__ = "array";
  readonly typecode: string;
  items: Item[] = [];

  constructor(typecode: unknown, initializer: unknown = undefined) {
    codeOf(typecode);
    this.typecode = typecode as string;
    if (initializer === undefined) return;
    if (typeof initializer === "string") {
      if (this.typecode !== "u") throw new PyTypeError(`cannot use a str to initialize an array with typecode '${this.typecode}'`);
      this.fromunicode(initializer);
    } else if (initializer instanceof PyArray) {
      if (initializer.typecode === "u" && this.typecode !== "u") {
        throw new PyTypeError(`cannot use a unicode array to initialize an array with typecode '${this.typecode}'`);
      }
      this.extendValues(initializer.items);
    } else if (initializer instanceof Uint8Array) this.frombytes(initializer);
    else this.extendValues(iterable(initializer));
  }

  get itemsize(): bigint {
    return BigInt(CODES[this.typecode]!.size);
  }

  private extendValues(xs: Iterable<unknown>): void {
    for (const x of xs) this.items.push(convert(this.typecode, x));
  }

  private position(i: unknown): number {
    const n = asIndex(i);
    if (n === undefined) throw new PyTypeError("array indices must be integers");
    const at = n < 0n ? n + BigInt(this.items.length) : n;
    if (at < 0n || at >= BigInt(this.items.length)) throw new IndexError("array index out of range");
    return Number(at);
  }

  private sameKind(other: unknown, message: string): PyArray {
    if (!(other instanceof PyArray)) throw new PyTypeError(message);
    if (other.typecode !== this.typecode) throw new PyTypeError("bad argument type for built-in operation");
    return other;
  }

  append(x: unknown): null {
    this.items.push(convert(this.typecode, x));
    return null;
  }

  /** (address, length): the address is the object's id(), pyts arrays having no C buffer. */
  buffer_info(): Tuple {
    return Tuple.of(BigInt(addressOf(this)), BigInt(this.items.length));
  }

  byteswap(): null {
    const size = CODES[this.typecode]!.size;
    if (size === 1) return null;
    const raw = this.tobytes();
    for (let at = 0; at < raw.length; at += size) raw.subarray(at, at + size).reverse();
    this.items = [];
    this.frombytes(raw);
    return null;
  }

  count(x: unknown): bigint {
    let n = 0n;
    for (const item of this.items) if (eq(item, x)) n++;
    return n;
  }

  extend(xs: unknown): null {
    if (xs instanceof PyArray) {
      if (xs.typecode !== this.typecode) throw new PyTypeError("can only extend with array of same kind");
      this.items.push(...xs.items);
    } else this.extendValues(iterable(xs));
    return null;
  }

  frombytes(data: unknown): null {
    const raw = bytesLike(data);
    const size = CODES[this.typecode]!.size;
    if (raw.length % size !== 0) throw new ValueError("bytes length not a multiple of item size");
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let at = 0; at < raw.length; at += size) this.items.push(readItem(view, at, this.typecode));
    return null;
  }

  fromfile(f: unknown, n: unknown): null {
    const count = asIndex(n);
    if (count === undefined) throw new PyTypeError(`'${typeName(n)}' object cannot be interpreted as an integer`);
    if (count < 0n) throw new ValueError("negative count");
    const want = Number(count) * CODES[this.typecode]!.size;
    const data = bytesLike((f as { read: (k: bigint) => unknown }).read(BigInt(want)));
    const whole = data.length - (data.length % CODES[this.typecode]!.size);
    this.frombytes(data.subarray(0, whole));
    if (data.length !== want) throw new EOFError("read() didn't return enough bytes");
    return null;
  }

  fromlist(xs: unknown): null {
    if (!Array.isArray(xs)) throw new PyTypeError("arg must be list");
    const converted = xs.map((x) => convert(this.typecode, x));
    this.items.push(...converted);
    return null;
  }

  fromunicode(s: unknown): null {
    if (this.typecode !== "u") throw new ValueError("fromunicode() may only be called on unicode type arrays");
    if (typeof s !== "string") throw new PyTypeError(`fromunicode() argument must be str, not ${typeName(s)}`);
    this.items.push(...s);
    return null;
  }

  index(x: unknown, start: unknown = 0n, stop: unknown = undefined): bigint {
    const len = this.items.length;
    const clamp = (v: unknown, fallback: number): number => {
      if (v === undefined || v === null) return fallback;
      let i = Number(toBigInt(v as bigint));
      if (i < 0) i = Math.max(0, i + len);
      return Math.min(i, len);
    };
    for (let i = clamp(start, 0); i < clamp(stop, len); i++) if (eq(this.items[i], x)) return BigInt(i);
    throw new ValueError("array.index(x): x not in array");
  }

  insert(i: unknown, x: unknown): null {
    const value = convert(this.typecode, x);
    let at = Number(toBigInt(i as bigint));
    if (at < 0) at = Math.max(0, at + this.items.length);
    this.items.splice(Math.min(at, this.items.length), 0, value);
    return null;
  }

  pop(i: unknown = -1n): Item {
    if (this.items.length === 0) throw new IndexError("pop from empty array");
    const n = asIndex(i)!;
    const at = n < 0n ? n + BigInt(this.items.length) : n;
    if (at < 0n || at >= BigInt(this.items.length)) throw new IndexError("pop index out of range");
    return this.items.splice(Number(at), 1)[0]!;
  }

  remove(x: unknown): null {
    const at = this.items.findIndex((item) => eq(item, x));
    if (at < 0) throw new ValueError("array.remove(x): x not in array");
    this.items.splice(at, 1);
    return null;
  }

  reverse(): null {
    this.items.reverse();
    return null;
  }

  tobytes(): Bytes {
    const size = CODES[this.typecode]!.size;
    const out = new Bytes(this.items.length * size);
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    this.items.forEach((x, k) => writeItem(view, k * size, this.typecode, x));
    return out;
  }

  tofile(f: unknown): null {
    (f as { write: (b: Bytes) => unknown }).write(this.tobytes());
    return null;
  }

  tolist(): Item[] {
    return [...this.items];
  }

  tounicode(): string {
    if (this.typecode !== "u") throw new ValueError("tounicode() may only be called on unicode type arrays");
    return this.items.join("");
  }

  private withItems(items: Item[]): PyArray {
    const out = new PyArray(this.typecode);
    out.items = items;
    return out;
  }

  __len__(): bigint {
    return BigInt(this.items.length);
  }

  __getitem__(i: unknown): Item | PyArray {
    if (i instanceof Slice) return this.withItems(i.positions(this.items.length).map((k) => this.items[k]!));
    return this.items[this.position(i)]!;
  }

  __setitem__(i: unknown, x: unknown): void {
    if (!(i instanceof Slice)) {
      this.items[this.position(i)] = convert(this.typecode, x);
      return;
    }
    if (!(x instanceof PyArray)) throw new PyTypeError(`can only assign array (not "${typeName(x)}") to array slice`);
    this.sameKind(x, "");
    const values = [...x.items];
    const [start, stop, step] = i.resolve(this.items.length);
    if (step === 1) {
      this.items.splice(start, Math.max(0, stop - start), ...values);
      return;
    }
    const positions = i.positions(this.items.length);
    if (positions.length !== values.length) {
      throw new ValueError(`attempt to assign array of size ${values.length} to extended slice of size ${positions.length}`);
    }
    positions.forEach((k, n) => (this.items[k] = values[n]!));
  }

  __delitem__(i: unknown): void {
    if (!(i instanceof Slice)) {
      this.items.splice(this.position(i), 1);
      return;
    }
    const drop = new Set(i.positions(this.items.length));
    this.items = this.items.filter((_x, k) => !drop.has(k));
  }

  __contains__(x: unknown): boolean {
    return this.items.some((item) => eq(item, x));
  }

  [Symbol.iterator](): Iterator<Item> {
    return this.items[Symbol.iterator]();
  }

  __add__(other: unknown): PyArray {
    const o = this.sameKind(other, `can only append array (not "${typeName(other)}") to array`);
    return this.withItems([...this.items, ...o.items]);
  }

  __iadd__(other: unknown): this {
    const o = this.sameKind(other, `can only extend array with array (not "${typeName(other)}")`);
    this.items.push(...o.items);
    return this;
  }

  __mul__(n: unknown): PyArray | typeof NotImplemented {
    const k = asIndex(n);
    if (k === undefined) return NotImplemented;
    const out: Item[] = [];
    for (let j = 0n; j < k; j++) out.push(...this.items);
    return this.withItems(out);
  }

  __rmul__(n: unknown): PyArray | typeof NotImplemented {
    return this.__mul__(n);
  }

  __imul__(n: unknown): this {
    const k = asIndex(n);
    if (k === undefined) throw new PyTypeError(`can't multiply sequence by non-int of type '${typeName(n)}'`);
    const base = this.items;
    this.items = [];
    for (let j = 0n; j < k; j++) this.items.push(...base);
    return this;
  }

  __eq__(other: unknown): unknown {
    if (!(other instanceof PyArray)) return NotImplemented;
    return this.items.length === other.items.length && eq(this.items, other.items);
  }

  __ne__(other: unknown): unknown {
    const r = this.__eq__(other);
    return r === NotImplemented ? r : !r;
  }

  __lt__(other: unknown): unknown {
    return other instanceof PyArray ? lt(this.items, other.items) : NotImplemented;
  }

  __le__(other: unknown): unknown {
    return other instanceof PyArray ? !lt(other.items, this.items) : NotImplemented;
  }

  __gt__(other: unknown): unknown {
    return other instanceof PyArray ? lt(other.items, this.items) : NotImplemented;
  }

  __ge__(other: unknown): unknown {
    return other instanceof PyArray ? !lt(this.items, other.items) : NotImplemented;
  }

  __copy__(): PyArray {
    return this.withItems([...this.items]);
  }

  __deepcopy__(_memo: unknown): PyArray {
    return this.__copy__();
  }

  get __unhashable__(): boolean {
    return true;
  }

  __repr__(): string {
    if (this.items.length === 0) return `array('${this.typecode}')`;
    if (this.typecode === "u") return `array('u', ${repr(this.items.join(""))})`;
    return `array('${this.typecode}', [${this.items.map(repr).join(", ")}])`;
  }
}

const arrayClass = pyClass(PyArray);

export const arrayModule = moduleObject("array", {
  array: arrayClass,
  ArrayType: arrayClass,
  typecodes: TYPECODES,
});
