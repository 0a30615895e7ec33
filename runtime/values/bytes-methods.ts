// Methods of bytes that mirror str's: run str's method on the latin-1 view of the bytes (one
// char per byte) and turn str results back into bytes. Case changes and character classes
// touch ASCII only, as CPython's bytes methods do.

import { Bytes } from "./bytes.js";
import { PyTypeError, ValueError } from "./exceptions.js";
import { Kwargs } from "./kwargs.js";
import { STR_METHODS } from "./str-methods.js";
import { Tuple } from "./tuple.js";
import { typeName } from "./typename.js";
import { iterableOr } from "./iteration.js";
import { isIntLike, toBigInt } from "./numeric.js";

type Method = (self: Bytes, ...args: unknown[]) => unknown;

function bytesArg(x: unknown): string {
  if (x instanceof Uint8Array) return Bytes.prototype.toLatin1.call(x);
  if (x === null || x === undefined || typeof x === "bigint" || typeof x === "boolean") return x as never;
  if (Array.isArray(x)) return x.map(bytesArg) as never;
  if (x instanceof Tuple) return Tuple.from(x.items.map(bytesArg)) as never;
  if (typeof x === "object" && Symbol.iterator in x) return Array.from(x as Iterable<unknown>, bytesArg) as never;
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(x)}'`);
}

function bytesResult(x: unknown): any {
  if (typeof x === "string") return Bytes.fromLatin1(x);
  if (Array.isArray(x)) return x.map(bytesResult);
  if (x instanceof Tuple) return Tuple.from(x.items.map(bytesResult));
  return x;
}

function viaStr(name: string): Method {
  const m = STR_METHODS[name]!;
  // (keywords the binding left, `b.rsplit(maxsplit=1)`, are converted as positional ones are)
  const convert = (a: unknown): unknown => (a instanceof Kwargs ? new Kwargs(Object.fromEntries(Object.entries(a.values).map(([k, v]) => [k, bytesArg(v)]))) : bytesArg(a));
  return (b, ...args) => bytesResult(m(b.toLatin1(), ...args.map(convert)));
}

function mapAscii(b: Bytes, from: [number, number], delta: number): Bytes {
  return Bytes.fromArray(Array.from(b.values(), (x) => (x >= from[0] && x <= from[1] ? x + delta : x)));
}

function asciiTest(pattern: RegExp): Method {
  return (b) => b.length > 0 && pattern.test(b.toLatin1());
}

export const BYTES_STR_METHODS: Record<string, Method> = {
  upper: (b) => mapAscii(b, [0x61, 0x7a], -32),
  lower: (b) => mapAscii(b, [0x41, 0x5a], 32),
  isdigit: asciiTest(/^[0-9]+$/),
  isalpha: asciiTest(/^[A-Za-z]+$/),
  isalnum: asciiTest(/^[A-Za-z0-9]+$/),
  isspace: asciiTest(/^[ \t\n\r\x0b\x0c]+$/),
  isupper: (b) => /[A-Z]/.test(b.toLatin1()) && !/[a-z]/.test(b.toLatin1()),
  islower: (b) => /[a-z]/.test(b.toLatin1()) && !/[A-Z]/.test(b.toLatin1()),
  isascii: (b) => /^[\x00-\x7f]*$/.test(b.toLatin1()),
  swapcase: (b) => Bytes.fromLatin1(b.toLatin1().replace(/[A-Za-z]/g, (c) => (c <= "Z" ? c.toLowerCase() : c.toUpperCase()))),
  title: (b) => Bytes.fromLatin1(asciiTitle(b.toLatin1())),
  capitalize: (b) => {
    const s = b.toLatin1();
    return Bytes.fromLatin1(s.slice(0, 1).replace(/[a-z]/, (c) => c.toUpperCase()) + s.slice(1).replace(/[A-Z]/g, (c) => c.toLowerCase()));
  },
  istitle: (b) => {
    const s = b.toLatin1();
    return /[A-Za-z]/.test(s) && asciiTitle(s) === s;
  },
};

/** `bytes.join(items)`: CPython's errors for a non-iterable and for an item not bytes-like. */
BYTES_STR_METHODS.join = (b, items) => {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const item of iterableOr(items, "can only join an iterable")) {
    if (!(item instanceof Uint8Array)) throw new PyTypeError(`sequence item ${parts.length}: expected a bytes-like object, ${typeName(item)} found`);
    parts.push(item);
    total += item.length;
  }
  // (copied buffer to buffer: joining a stream's many pieces stays linear and cheap)
  const out = new Bytes(total + Math.max(0, parts.length - 1) * b.length);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    if (i > 0 && b.length > 0) {
      out.set(b, at);
      at += b.length;
    }
    out.set(parts[i]!, at);
    at += parts[i]!.length;
  }
  return out;
};

/** ASCII-only title case: a letter after a letter is lowered, any other raised. */
function asciiTitle(s: string): string {
  let previousCased = false;
  let out = "";
  for (const c of s) {
    const letter = /[A-Za-z]/.test(c);
    out += letter ? (previousCased ? c.toLowerCase() : c.toUpperCase()) : c;
    previousCased = letter;
  }
  return out;
}

for (const name of [
  "split", "rsplit", "strip", "lstrip", "rstrip", "replace", "partition", "rpartition", "removeprefix", "removesuffix", "center", "ljust", "rjust",
  "zfill", "splitlines", "expandtabs",
]) {
  BYTES_STR_METHODS[name] = viaStr(name);
}

for (const name of ["center", "ljust", "rjust"]) {
  const padded = BYTES_STR_METHODS[name]!;
  BYTES_STR_METHODS[name] = (b, width, ...fill) => {
    // (the fill is one byte: bytes or bytearray of length 1, CPython's message otherwise)
    if (fill.length > 0 && !(fill[0] instanceof Uint8Array && fill[0].length === 1)) {
      throw new PyTypeError(`${name}() argument 2 must be a byte string of length 1, not ${typeName(fill[0])}`);
    }
    return padded(b, width, ...fill);
  };
}

/** The `sub` of find/rfind/index/rindex/count: bytes-like, or one byte given as an int (`b.find(97)`). */
function subsection(x: unknown): string {
  if (x instanceof Uint8Array) return Bytes.prototype.toLatin1.call(x);
  if (!isIntLike(x)) throw new PyTypeError(`argument should be integer or bytes-like object, not '${typeName(x)}'`);
  const byte = toBigInt(x);
  if (byte < 0n || byte > 255n) throw new ValueError("byte must be in range(0, 256)");
  return String.fromCharCode(Number(byte));
}

for (const name of ["find", "rfind", "index", "rindex", "count"]) {
  const m = STR_METHODS[name]!;
  BYTES_STR_METHODS[name] = (b, sub, ...range) => {
    try {
      return m(b.toLatin1(), subsection(sub), ...range);
    } catch (error) {
      // (str's "substring not found" is "subsection not found" for bytes)
      if (error instanceof ValueError && (name === "index" || name === "rindex")) throw new ValueError("subsection not found");
      throw error;
    }
  };
}

/** `bytes.fromhex(text)`: pairs of hex digits, whitespace between pairs allowed. */
export function bytesFromHex(text: unknown): Bytes {
  if (typeof text !== "string") throw new PyTypeError(`fromhex() argument must be str, not ${typeName(text)}`);
  const out: number[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const pair = text.slice(i, i + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) {
      const at = /^[0-9a-fA-F]$/.test(text[i]!) ? i + 1 : i;
      throw new ValueError(`non-hexadecimal number found in fromhex() arg at position ${at}`);
    }
    out.push(parseInt(pair, 16));
    i += 2;
  }
  return Bytes.fromArray(out);
}
