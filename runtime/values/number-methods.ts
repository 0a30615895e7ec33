// Methods of int and float (`n.bit_count()`, `x.hex()`, `int.from_bytes(...)`), with CPython's
// results and error messages.

import { Bytes } from "./bytes.js";
import { OverflowError, PyTypeError, ValueError } from "./exceptions.js";
import { splitKw } from "./kwargs.js";
import { iterable } from "./iteration.js";
import { isIntLike, toBigInt } from "./numeric.js";
import { truthy } from "./truth.js";
import { Tuple } from "./tuple.js";
import { typeName } from "./typename.js";

function int(n: bigint | boolean): bigint {
  return typeof n === "boolean" ? (n ? 1n : 0n) : n;
}

function bitLength(v: bigint): number {
  return v === 0n ? 0 : (v < 0n ? -v : v).toString(2).length;
}

function byteOrder(value: unknown): "big" | "little" {
  if (typeof value !== "string") {
    throw new PyTypeError(`to_bytes() argument 'byteorder' must be str, not ${typeName(value)}`);
  }
  if (value !== "big" && value !== "little") throw new ValueError("byteorder must be either 'little' or 'big'");
  return value;
}

/** `int.to_bytes(length=1, byteorder='big', *, signed=False)`. */
function toBytes(self: bigint | boolean, ...args: unknown[]): Bytes {
  const [pos, kws] = splitKw(args);
  if (pos.length > 2) throw new PyTypeError(`to_bytes() takes at most 2 positional arguments (${pos.length} given)`);
  const lengthArg = pos[0] ?? kws["length"] ?? 1n;
  const order = byteOrder(pos[1] ?? kws["byteorder"] ?? "big");
  const signed = truthy(kws["signed"] ?? false);
  if (!isIntLike(lengthArg)) throw new PyTypeError(`'${typeName(lengthArg)}' object cannot be interpreted as an integer`);
  const length = Number(toBigInt(lengthArg));
  if (length < 0) throw new ValueError("length argument must be non-negative");
  let n = int(self);
  if (n < 0n && !signed) throw new OverflowError("can't convert negative int to unsigned");
  const bits = BigInt(length * 8);
  const fits = signed ? n >= -(1n << (bits - 1n)) && n < 1n << (bits - 1n) : n < 1n << bits;
  if (length === 0 ? n !== 0n : !fits) throw new OverflowError("int too big to convert");
  if (n < 0n) n += 1n << bits;
  const out = new Bytes(length);
  for (let i = 0; i < length; i++) {
    out[order === "big" ? length - 1 - i : i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

/** `int.from_bytes(bytes, byteorder='big', *, signed=False)`. */
/** The bytes `bytes(source)` would hold, for a source other than bytes or str (a list of ints, an iterator). */
function byteValues(source: object): number[] {
  // (an object that is no iterable cannot become bytes: CPython's message)
  if (!(Symbol.iterator in source) && typeof (source as { __iter__?: unknown }).__iter__ !== "function" && typeof (source as { __getitem__?: unknown }).__getitem__ !== "function") {
    throw new PyTypeError(`cannot convert '${typeName(source)}' object to bytes`);
  }
  return Array.from(iterable(source), (x) => {
    if (!isIntLike(x)) throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
    const byte = toBigInt(x);
    if (byte < 0n || byte > 255n) throw new ValueError("bytes must be in range(0, 256)");
    return Number(byte);
  });
}

export function intFromBytes(...args: unknown[]): bigint {
  const [pos, kws] = splitKw(args);
  const source = pos[0] ?? kws["bytes"];
  const order = byteOrder(pos[1] ?? kws["byteorder"] ?? "big");
  const signed = truthy(kws["signed"] ?? false);
  let data: number[];
  if (source instanceof Uint8Array) data = [...source];
  else if (typeof source === "string" || source === null || source === undefined || typeof source !== "object") {
    throw new PyTypeError(`cannot convert '${typeName(source)}' object to bytes`);
  } else data = byteValues(source);
  if (order === "little") data.reverse();
  let n = 0n;
  for (const byte of data) n = (n << 8n) | BigInt(byte);
  if (signed && data.length > 0 && data[0]! >= 0x80) n -= 1n << BigInt(data.length * 8);
  return n;
}

export const INT_METHODS: Record<string, (self: bigint | boolean, ...args: unknown[]) => unknown> = {
  bit_length: (n) => BigInt(bitLength(int(n))),
  bit_count: (n) => {
    let v = int(n);
    if (v < 0n) v = -v;
    let count = 0n;
    for (const ch of v.toString(2)) if (ch === "1") count++;
    return count;
  },
  conjugate: (n) => int(n),
  as_integer_ratio: (n) => Tuple.of(int(n), 1n),
  to_bytes: toBytes,
};

/** The exact value of a finite float as numerator * 2**exponent with an odd (or zero) numerator. */
function exactParts(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  if (mantissa === 0n) return { mantissa, exponent: 0 };
  while ((mantissa & 1n) === 0n) {
    mantissa >>= 1n;
    exponent++;
  }
  return { mantissa: x < 0 ? -mantissa : mantissa, exponent };
}

function asIntegerRatio(x: number): Tuple<bigint> {
  if (Number.isNaN(x)) throw new ValueError("cannot convert NaN to integer ratio");
  if (!Number.isFinite(x)) throw new OverflowError("cannot convert Infinity to integer ratio");
  const { mantissa, exponent } = exactParts(x);
  return exponent >= 0 ? Tuple.of(mantissa << BigInt(exponent), 1n) : Tuple.of(mantissa, 1n << BigInt(-exponent));
}

/** `float.hex()`: `[-]0x1.<13 hex digits>p<exp>`, subnormals as `0x0.<digits>p-1022`. */
function floatHex(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  if (x === 0) return sign + "0x0.0p+0";
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = ((hi & 0xfffff).toString(16).padStart(5, "0") + lo.toString(16).padStart(8, "0"));
  const lead = biased === 0 ? "0" : "1";
  const exponent = biased === 0 ? -1022 : biased - 1023;
  return `${sign}0x${lead}.${fraction}p${exponent < 0 ? "-" : "+"}${Math.abs(exponent)}`;
}

const HEX_FLOAT = /^([+-]?)(?:0x)?([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$/i;

/** `float.fromhex(text)`, rounding half to even like CPython. */
export function floatFromHex(text: unknown): number {
  if (typeof text !== "string") throw new PyTypeError(`must be str, not ${typeName(text)}`);
  const s = text.trim();
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) {
    const v = special[2]!.toLowerCase() === "nan" ? NaN : Infinity;
    return special[1] === "-" ? -v : v;
  }
  const m = HEX_FLOAT.exec(s);
  const intDigits = m?.[2] ?? "";
  const fracDigits = m?.[3] ?? "";
  if (!m || intDigits + fracDigits === "") throw new ValueError("invalid hexadecimal floating-point string");
  const negative = m[1] === "-";
  let mantissa = BigInt("0x0" + intDigits + fracDigits);
  let exponent = (m[4] !== undefined ? Number(m[4]) : 0) - 4 * fracDigits.length;
  let value: number;
  if (mantissa === 0n) value = 0;
  else {
    const top = mantissa.toString(2).length + exponent; // the value is below 2**top
    // Keep 53 significant bits (fewer for subnormals), rounding half to even.
    const keep = Math.min(53, top + 1074);
    const drop = mantissa.toString(2).length - keep;
    if (keep <= 0 && top < -1075) mantissa = 0n;
    else if (drop > 0) {
      const d = BigInt(drop);
      const q = mantissa >> d;
      const r = mantissa - (q << d);
      const half = 1n << (d - 1n);
      mantissa = r > half || (r === half && (q & 1n) === 1n) ? q + 1n : q;
      exponent += drop;
    }
    value = exponent < -1074 ? 0 : Number(mantissa) * 2 ** exponent;
    if (!Number.isFinite(value)) throw new OverflowError("hexadecimal value too large to represent as a float");
  }
  return negative ? -value : value;
}

export const FLOAT_METHODS: Record<string, (self: number, ...args: unknown[]) => unknown> = {
  is_integer: (x) => Number.isInteger(x),
  conjugate: (x) => x,
  as_integer_ratio: asIntegerRatio,
  hex: floatHex,
};
