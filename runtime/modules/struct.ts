// Python's `struct`: pack/unpack of C structs by format string, with native sizes and
// alignment (`@`, an x86-64 Linux build's) or the standard sizes (`=<>!`), and the checks and
// messages of CPython's _struct.c. As there, '<' and '=' pack most integer codes with the native
// packers (the sizes agree on a little-endian machine), so their range messages are the native
// ones; '>' and '!' use the big-endian packers' messages.

import { Bytes } from "../values/bytes.js";
import { ByteArray } from "../values/bytearray.js";
import { Exception, OverflowError, PyTypeError, SystemError } from "../values/exceptions.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { addressOf } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { bufferBytes } from "../values/memoryview.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { declareDataAttributes } from "../values/declared-attributes.js";

export class error extends Exception {
  static readonly __module__ = "struct";
}

type Mode = "native" | "little" | "big";

interface Item {
  code: string;
  count: number;
  offset: number;
  size: number;
}

const NATIVE_SIZE: Record<string, number> = { x: 1, c: 1, b: 1, B: 1, "?": 1, h: 2, H: 2, i: 4, I: 4, l: 8, L: 8, q: 8, Q: 8, n: 8, N: 8, e: 2, f: 4, d: 8, s: 1, p: 1, P: 8 };
const STANDARD_SIZE: Record<string, number> = { x: 1, c: 1, b: 1, B: 1, "?": 1, h: 2, H: 2, i: 4, I: 4, l: 4, L: 4, q: 8, Q: 8, e: 2, f: 4, d: 8, s: 1, p: 1 };
const SPACE = new Set([" ", "\t", "\n", "\r", "\x0b", "\x0c"]);

interface Layout {
  mode: Mode;
  items: Item[];
  size: number;
  /** How many values pack takes. */
  arity: number;
}

const layouts = new Map<string, Layout>();

function formatText(fmt: unknown): string {
  if (typeof fmt === "string") return fmt;
  if (fmt instanceof Uint8Array) return (fmt as Bytes).toLatin1.call(fmt);
  throw new PyTypeError(`Struct() argument 1 must be a str or bytes object, not ${typeName(fmt)}`);
}

function layoutOf(text: string): Layout {
  const cached = layouts.get(text);
  if (cached) return cached;
  let i = 0;
  let mode: Mode = "native";
  const first = text[0];
  if (first === "@") i = 1;
  else if (first === "<" || first === "=") [mode, i] = ["little", 1];
  else if (first === ">" || first === "!") [mode, i] = ["big", 1];
  const sizes = mode === "native" ? NATIVE_SIZE : STANDARD_SIZE;
  const items: Item[] = [];
  let size = 0;
  let arity = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (SPACE.has(c)) {
      i++;
      continue;
    }
    let count = 1;
    if (c >= "0" && c <= "9") {
      let n = 0;
      while (i < text.length && text[i]! >= "0" && text[i]! <= "9") {
        n = n * 10 + (text.charCodeAt(i) - 48);
        if (n > Number.MAX_SAFE_INTEGER / 10) throw new error("total struct size too long");
        i++;
      }
      if (i >= text.length) throw new error("repeat count given without format specifier");
      count = n;
    }
    const code = text[i++]!;
    const itemSize = sizes[code];
    if (itemSize === undefined) throw new error("bad char in struct format");
    // Native mode aligns each item to its own size.
    if (mode === "native" && itemSize > 1) size = Math.ceil(size / itemSize) * itemSize;
    const span = code === "s" || code === "p" ? count : count * itemSize;
    items.push({ code, count, offset: size, size: itemSize });
    size += span;
    if (size > Number.MAX_SAFE_INTEGER) throw new error("total struct size too long");
    if (code === "s" || code === "p") arity += 1;
    else if (code !== "x") arity += count;
  }
  const layout = { mode, items, size, arity };
  layouts.set(text, layout);
  return layout;
}

/** `get_pylong`: an int, or an object with __index__. */
function integerArg(v: unknown): bigint {
  if (isIntLike(v)) return toBigInt(v);
  const index = (v as { __index__?: () => unknown } | null)?.__index__;
  if (v !== null && typeof v === "object" && typeof index === "function") return integerArg(index.call(v));
  throw new error("required argument is not an integer");
}

function floatArg(v: unknown): number {
  if (typeof v === "number") return v;
  if (isIntLike(v)) return Number(toBigInt(v));
  const obj = v as { __float__?: () => unknown; __index__?: () => unknown } | null;
  if (obj !== null && typeof obj === "object") {
    if (typeof obj.__float__ === "function") return floatArg(obj.__float__());
    if (typeof obj.__index__ === "function") return floatArg(obj.__index__());
  }
  throw new error("required argument is not a float");
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const ULONG_MAX = 2n ** 64n - 1n;

function rangeError(code: string, bits: number, unsigned: boolean): error {
  if (unsigned) return new error(`'${code}' format requires 0 <= number <= ${2n ** BigInt(bits) - 1n}`);
  return new error(`'${code}' format requires ${-(2n ** BigInt(bits - 1))} <= number <= ${2n ** BigInt(bits - 1) - 1n}`);
}

/** The integer to store for `code`, checked as the packer CPython uses for this mode checks it. */
function checkedInteger(code: string, size: number, mode: Mode, v: unknown): bigint {
  const x = integerArg(v);
  const unsigned = code === code.toUpperCase() && code !== "P";
  if (code === "P") {
    if (x < LONG_MIN || x > ULONG_MAX) throw new error("int too large to convert");
    return BigInt.asUintN(64, x);
  }
  // The big-endian 8-byte packers convert with _PyLong_AsByteArray.
  if (mode === "big" && size === 8) {
    if (unsigned ? x < 0n || x > ULONG_MAX : x < LONG_MIN || x > LONG_MAX) throw new error("int too large to convert");
    return x;
  }
  // get_long / get_ulong: the C long range first. b and B (every mode) and h and H ('<', '=' and
  // native) go through the native packers, which read a signed C long and check their range after.
  const nativePacker = code === "b" || code === "B" || ((code === "h" || code === "H") && mode !== "big");
  const asSigned = !unsigned || nativePacker;
  if (asSigned ? x < LONG_MIN || x > LONG_MAX : x < 0n || x > ULONG_MAX) throw new error("argument out of range");
  const bits = size * 8;
  const fits = unsigned ? x >= 0n && x < 2n ** BigInt(bits) : x >= -(2n ** BigInt(bits - 1)) && x < 2n ** BigInt(bits - 1);
  if (fits) return x;
  // b and B share the native packers in every mode; '<' and '=' use the native h and H.
  if (code === "b") throw new error("byte format requires -128 <= number <= 127");
  if (code === "B") throw new error("ubyte format requires 0 <= number <= 255");
  if (code === "h" && mode !== "big") throw new error("short format requires -32768 <= number <= 32767");
  if (code === "H" && mode !== "big") throw new error("ushort format requires 0 <= number <= 65535");
  throw rangeError(code, bits, unsigned);
}

/** PyFloat_Pack2: IEEE half precision, rounding half to even. */
function halfBits(x: number): number {
  let sign = 0;
  let e: number;
  let bits: number;
  if (x === 0) return Object.is(x, -0) ? 0x8000 : 0;
  if (x === Infinity || x === -Infinity) return (x < 0 ? 0x8000 : 0) | 0x7c00;
  if (Number.isNaN(x)) return 0x7e00;
  if (x < 0) {
    sign = 1;
    x = -x;
  }
  // frexp: x = f * 2**e with f in [0.5, 1); then f in [1, 2).
  e = Math.floor(Math.log2(x)) + 1;
  let f = x / 2 ** e;
  if (f >= 1) {
    f /= 2;
    e++;
  } else if (f < 0.5) {
    f *= 2;
    e--;
  }
  f *= 2;
  e--;
  if (e >= 16) throw new OverflowError("float too large to pack with e format");
  if (e < -25) {
    f = 0;
    e = 0;
  } else if (e < -14) {
    f = f * 2 ** (14 + e);
    e = 0;
  } else {
    e += 15;
    f -= 1;
  }
  f *= 1024;
  bits = Math.trunc(f);
  if (f - bits > 0.5 || (f - bits === 0.5 && bits % 2 === 1)) {
    bits++;
    if (bits === 1024) {
      bits = 0;
      e++;
      if (e === 31) throw new OverflowError("float too large to pack with e format");
    }
  }
  return bits | (e << 10) | (sign << 15);
}

function halfValue(h: number): number {
  const sign = h >> 15;
  let e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0x1f) return f === 0 ? (sign ? -Infinity : Infinity) : NaN;
  let x = f / 1024;
  if (e === 0) e = -14;
  else {
    x += 1;
    e -= 15;
  }
  x *= 2 ** e;
  return sign ? -x : x;
}

function packInto(layout: Layout, out: Uint8Array, base: number, values: unknown[]): void {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const little = layout.mode !== "big";
  let next = 0;
  for (const { code, count, offset, size } of layout.items) {
    if (code === "x") continue;
    if (code === "s" || code === "p") {
      const v = values[next++];
      if (!(v instanceof Uint8Array)) throw new error(`argument for '${code}' must be a bytes object`);
      if (code === "s") out.set(v.subarray(0, count), base + offset);
      else if (count > 0) {
        const n = Math.min(v.length, count - 1, 255);
        out[base + offset] = n;
        out.set(v.subarray(0, count - 1), base + offset + 1);
      }
      continue;
    }
    for (let k = 0; k < count; k++) {
      const v = values[next++];
      const at = base + offset + k * size;
      switch (code) {
        case "c":
          if (!(v instanceof Uint8Array) || v.length !== 1) throw new error("char format requires a bytes object of length 1");
          out[at] = v[0]!;
          break;
        case "?":
          out[at] = truthy(v) ? 1 : 0;
          break;
        case "e":
          view.setUint16(at, halfBits(floatArg(v)), little);
          break;
        case "f": {
          const d = floatArg(v);
          const y = Math.fround(d);
          // The standard packer refuses what rounds to infinity; the native one stores it.
          if (layout.mode !== "native" && !Number.isFinite(y) && Number.isFinite(d)) throw new OverflowError("float too large to pack with f format");
          view.setFloat32(at, y, little);
          break;
        }
        case "d":
          view.setFloat64(at, floatArg(v), little);
          break;
        default: {
          const x = BigInt.asUintN(size * 8, checkedInteger(code, size, layout.mode, v));
          for (let b = 0; b < size; b++) out[at + (little ? b : size - 1 - b)] = Number((x >> BigInt(8 * b)) & 0xffn);
        }
      }
    }
  }
}

function unpackAt(layout: Layout, data: Uint8Array, base: number): Tuple {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const little = layout.mode !== "big";
  const result: unknown[] = [];
  for (const { code, count, offset, size } of layout.items) {
    if (code === "x") continue;
    if (code === "s") {
      result.push(Bytes.fromArray(data.subarray(base + offset, base + offset + count)));
      continue;
    }
    if (code === "p") {
      if (count === 0) throw new SystemError("Negative size passed to PyBytes_FromStringAndSize");
      const n = Math.min(data[base + offset]!, count - 1);
      result.push(Bytes.fromArray(data.subarray(base + offset + 1, base + offset + 1 + n)));
      continue;
    }
    for (let k = 0; k < count; k++) {
      const at = base + offset + k * size;
      switch (code) {
        case "c":
          result.push(Bytes.fromArray([data[at]!]));
          break;
        case "?":
          result.push(data[at] !== 0);
          break;
        case "e":
          result.push(halfValue(view.getUint16(at, little)));
          break;
        case "f":
          result.push(view.getFloat32(at, little));
          break;
        case "d":
          result.push(view.getFloat64(at, little));
          break;
        default: {
          let x = 0n;
          for (let b = 0; b < size; b++) x |= BigInt(data[at + (little ? b : size - 1 - b)]!) << BigInt(8 * b);
          const signed = code === code.toLowerCase();
          result.push(signed ? BigInt.asIntN(size * 8, x) : x);
        }
      }
    }
  }
  return Tuple.from(result);
}

function readable(buffer: unknown): Uint8Array {
  const bytes = bufferBytes(buffer);
  if (bytes !== null) return bytes;
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(buffer)}'`);
}

function offsetIn(offsetArg: unknown, length: number): number {
  let offset = offsetArg === undefined ? 0 : Number(integerIndex(offsetArg));
  if (offset < 0) {
    if (offset + length < 0) throw new error(`offset ${offset} out of range for ${length}-byte buffer`);
    offset += length;
  }
  return offset;
}

function integerIndex(x: unknown): bigint {
  if (isIntLike(x)) return toBigInt(x);
  throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
}

function noKeywords(args: unknown[], name: string): void {
  if (args[args.length - 1] instanceof Kwargs) throw new PyTypeError(`${name}() takes no keyword arguments`);
}

function doPack(layout: Layout, values: unknown[]): Bytes {
  if (values.length !== layout.arity) throw new error(`pack expected ${layout.arity} items for packing (got ${values.length})`);
  const out = new Bytes(layout.size);
  packInto(layout, out, 0, values);
  return out;
}

function doUnpack(layout: Layout, buffer: unknown): Tuple {
  const data = readable(buffer);
  if (data.length !== layout.size) throw new error(`unpack requires a buffer of ${layout.size} bytes`);
  return unpackAt(layout, data, 0);
}

function doUnpackFrom(layout: Layout, args: unknown[]): Tuple {
  const [[buffer, offsetArg], kws] = splitKw(args);
  const data = readable(buffer ?? kws.buffer);
  const offset = offsetIn(offsetArg ?? kws.offset, data.length);
  if (data.length - offset < layout.size) {
    throw new error(`unpack_from requires a buffer of at least ${layout.size + offset} bytes for unpacking ${layout.size} bytes at offset ${offset} (actual buffer size is ${data.length})`);
  }
  return unpackAt(layout, data, offset);
}

function doPackInto(layout: Layout, args: unknown[]): null {
  if (args.length < 1) throw new error("pack_into expected buffer argument");
  if (args.length < 2) throw new error("pack_into expected offset argument");
  const [target, offsetArg, ...values] = args;
  if (values.length !== layout.arity) throw new error(`pack_into expected ${layout.arity} items for packing (got ${values.length})`);
  // (a bytearray, or an exporter of writable memory: array.array)
  const buffer = target instanceof ByteArray ? target : target instanceof Uint8Array ? null : bufferBytes(target);
  if (buffer === null) throw new PyTypeError(`argument must be read-write bytes-like object, not ${typeName(target)}`);
  const offset = offsetIn(offsetArg, buffer.length);
  if (buffer.length - offset < layout.size) {
    throw new error(`pack_into requires a buffer of at least ${layout.size + offset} bytes for packing ${layout.size} bytes at offset ${offset} (actual buffer size is ${buffer.length})`);
  }
  packInto(layout, buffer, offset, values);
  return null;
}

/** `_struct.unpack_iterator`: successive unpacks of a buffer. */
class unpack_iterator {
  static readonly __module__ = "_struct";
  private position = 0;
  constructor(
    private readonly layout: Layout,
    private readonly data: Uint8Array,
  ) {}

  __iter__(): this {
    return this;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<Tuple> {
    if (this.position + this.layout.size > this.data.length) return { done: true, value: undefined };
    const value = unpackAt(this.layout, this.data, this.position);
    this.position += this.layout.size;
    return { done: false, value };
  }

  __length_hint__(): bigint {
    return BigInt(Math.floor((this.data.length - this.position) / this.layout.size));
  }

  __repr__(): string {
    return `<_struct.unpack_iterator object at ${addressOf(this)}>`;
  }
}

function doIterUnpack(layout: Layout, buffer: unknown): unpack_iterator {
  const data = readable(buffer);
  if (layout.size === 0) throw new error("cannot iteratively unpack with a struct of length 0");
  if (data.length % layout.size !== 0) throw new error(`iterative unpacking requires a buffer of a multiple of ${layout.size} bytes`);
  return new unpack_iterator(layout, data);
}

/** `struct.Struct(format)`: a compiled format. */
export class Struct {
  static readonly tpName = "_struct.Struct";
  static readonly __module__ = "_struct";
  readonly format: string;
  readonly size: bigint;
  private readonly layout: Layout;

  constructor(format: unknown) {
    this.format = formatText(format);
    this.layout = layoutOf(this.format);
    this.size = BigInt(this.layout.size);
  }

  pack(...values: unknown[]): Bytes {
    noKeywords(values, "Struct.pack");
    return doPack(this.layout, values);
  }

  unpack(buffer: unknown): Tuple {
    return doUnpack(this.layout, buffer);
  }

  unpack_from(...args: unknown[]): Tuple {
    return doUnpackFrom(this.layout, args);
  }

  pack_into(...args: unknown[]): null {
    noKeywords(args, "Struct.pack_into");
    return doPackInto(this.layout, args);
  }

  iter_unpack(buffer: unknown): unpack_iterator {
    return doIterUnpack(this.layout, buffer);
  }

  __repr__(): string {
    return `<_struct.Struct object at ${addressOf(this)}>`;
  }
}

function layoutArg(format: unknown): Layout {
  return layoutOf(formatText(format));
}

export const structModule = moduleObject("struct", {
  error,
  Struct: pyClass(Struct),
  calcsize: (format: unknown): bigint => BigInt(layoutArg(format).size),
  pack: (...args: unknown[]): Bytes => {
    noKeywords(args, "_struct.pack");
    if (args.length === 0) throw new PyTypeError("missing format argument");
    return doPack(layoutArg(args[0]), args.slice(1));
  },
  unpack: (...args: unknown[]): Tuple => {
    noKeywords(args, "_struct.unpack");
    if (args.length !== 2) throw new PyTypeError(`unpack expected 2 arguments, got ${args.length}`);
    return doUnpack(layoutArg(args[0]), args[1]);
  },
  unpack_from: (format: unknown, ...args: unknown[]): Tuple => doUnpackFrom(layoutArg(format), args),
  pack_into: (...args: unknown[]): null => {
    noKeywords(args, "_struct.pack_into");
    if (args.length === 0) throw new PyTypeError("missing format argument");
    return doPackInto(layoutArg(args[0]), args.slice(1));
  },
  iter_unpack: (format: unknown, buffer: unknown): unpack_iterator => doIterUnpack(layoutArg(format), buffer),
});

// (`struct.Struct.size`: CPython's getset descriptors)
declareDataAttributes(Struct, "getset", "format size");
