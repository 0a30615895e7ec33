// Python's `base64`: Base16/32/64/85 and Ascii85 encodings over binascii, following
// Lib/base64.py (its argument checks and error messages).

import { Bytes } from "../values/bytes.js";
import { AssertionError, PyTypeError, ValueError } from "../values/exceptions.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { len } from "../values/builtin-functions.js";
import { add } from "../values/arithmetic.js";
import { callMethod } from "../values/methods.js";
import { repr } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { binasciiFunctions, Error } from "./binascii.js";
import { moduleObject } from "./module-object.js";
import { bytearray, bytes } from "../values/builtin-types.js";
import { Tuple } from "../values/tuple.js";
import { makeMain, makeTest } from "./base64-main.js";

/** `_bytes_from_decode_data`: ASCII str or bytes-like. */
function decodeData(s: unknown): Uint8Array {
  if (typeof s === "string") {
    const out = new Bytes(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 127) throw new ValueError("string argument should contain only ASCII characters");
      out[i] = c;
    }
    return out;
  }
  if (s instanceof Uint8Array) return s;
  throw new PyTypeError(`argument should be a bytes-like object or ASCII string, not '${typeName(s)}'`);
}

/** An encoder's input (`memoryview(s).tobytes()`: bytes-like only). */
function encodeData(s: unknown): Uint8Array {
  if (s instanceof Uint8Array) return s;
  throw new PyTypeError(`memoryview: a bytes-like object is required, not '${typeName(s)}'`);
}

function twoChars(alt: unknown): Uint8Array {
  const a = decodeData(alt);
  if (a.length !== 2) throw new AssertionError(repr(alt));
  return a;
}

function translate(data: Uint8Array, from: ArrayLike<number>, to: ArrayLike<number>): Bytes {
  const out = Bytes.fromArray(data);
  for (let i = 0; i < out.length; i++) {
    for (let k = 0; k < from.length; k++) {
      if (out[i] === from[k]) {
        out[i] = to[k]!;
        break;
      }
    }
  }
  return out;
}

const PLUS_SLASH = [43, 47];
const URLSAFE = [45, 95];

function b64encode(...args: unknown[]): Bytes {
  const [[s, altchars], kws] = splitKw(args);
  const alt = kws.altchars ?? altchars;
  const encoded = binasciiFunctions.b2a_base64(s, new KwFalse()) as Bytes;
  if (alt === undefined || alt === null) return encoded;
  return translate(encoded, PLUS_SLASH, twoChars(alt));
}

function b64decode(...args: unknown[]): Bytes {
  const [[s, altchars, validate], kws] = splitKw(args);
  let data = decodeData(s);
  const alt = kws.altchars ?? altchars;
  if (alt !== undefined && alt !== null) data = translate(data, twoChars(alt), PLUS_SLASH);
  return a2b(data, kws.validate ?? validate);
}

/** The keyword marker `newline=False` for b2a_base64. */
class KwFalse extends Kwargs {
  constructor() {
    super(Object.assign(Object.create(null) as Record<string, unknown>, { newline: false }));
  }
}

function a2b(data: Uint8Array, strict: unknown): Bytes {
  const kw = new Kwargs(Object.assign(Object.create(null) as Record<string, unknown>, { strict_mode: strict !== undefined && truthy(strict) }));
  return binasciiFunctions.a2b_base64(data, kw) as Bytes;
}

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B32HEX = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

function b32encodeWith(alphabet: string, s: unknown): Bytes {
  const data = encodeData(s);
  const out: number[] = [];
  for (let i = 0; i < data.length; i += 5) {
    let c = 0n;
    for (let k = 0; k < 5; k++) c = (c << 8n) | BigInt(data[i + k] ?? 0);
    for (let shift = 35n; shift >= 0n; shift -= 5n) out.push(alphabet.charCodeAt(Number((c >> shift) & 31n)));
  }
  const pads = [0, 6, 4, 3, 1][data.length % 5]!;
  for (let k = 0; k < pads; k++) out[out.length - 1 - k] = 61;
  return Bytes.fromArray(out);
}

function b32decodeWith(alphabet: string, s: unknown, casefold: unknown, map01: unknown): Bytes {
  let data: Uint8Array = decodeData(s);
  if (data.length % 8 !== 0) throw new Error("Incorrect padding");
  if (map01 !== undefined && map01 !== null) {
    const m = decodeData(map01);
    if (m.length !== 1) throw new AssertionError(repr(map01));
    data = translate(data, [48, 49], [79, m[0]!]);
  }
  let text = Bytes.prototype.toLatin1.call(data);
  if (casefold !== undefined && truthy(casefold)) text = text.toUpperCase();
  const length = text.length;
  text = text.replace(/=+$/, "");
  const padchars = length - text.length;
  const out: number[] = [];
  let acc = 0n;
  for (let i = 0; i < text.length; i += 8) {
    acc = 0n;
    const quanta = text.slice(i, i + 8);
    for (const ch of quanta) {
      const v = alphabet.indexOf(ch);
      if (v < 0) throw new Error("Non-base32 digit found");
      acc = (acc << 5n) + BigInt(v);
    }
    for (let shift = 32n; shift >= 0n; shift -= 8n) out.push(Number((acc >> shift) & 0xffn));
  }
  if (![0, 1, 3, 4, 6].includes(padchars)) throw new Error("Incorrect padding");
  if (padchars > 0 && out.length > 0) {
    acc <<= BigInt(5 * padchars);
    const last: number[] = [];
    for (let shift = 32n; shift >= 0n; shift -= 8n) last.push(Number((acc >> shift) & 0xffn));
    const leftover = Math.floor((43 - 5 * padchars) / 8);
    out.splice(out.length - 5, 5, ...last.slice(0, leftover));
  }
  return Bytes.fromArray(out);
}

function casefoldArgs(args: unknown[], names: string[]): unknown[] {
  const [positional, kws] = splitKw(args);
  return names.map((name, i) => kws[name] ?? positional[i]);
}

function b16decode(...args: unknown[]): Bytes {
  const [s, casefold] = casefoldArgs(args, ["s", "casefold"]);
  let text = Bytes.prototype.toLatin1.call(decodeData(s));
  if (casefold !== undefined && truthy(casefold)) text = text.toUpperCase();
  if (/[^0-9A-F]/.test(text)) throw new Error("Non-base16 digit found");
  return binasciiFunctions.unhexlify(text) as Bytes;
}

const A85_START = [60, 126]; // <~
const A85_END = [126, 62]; // ~>
const B85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";

/** `_85encode`: 4-byte big-endian words as 5 digits base 85 (chars from `digit`). */
function encode85(data: Uint8Array, digit: (v: number) => number, pad: boolean, foldnuls: boolean, foldspaces: boolean): number[] {
  const padding = (4 - (data.length % 4)) % 4;
  const chunks: number[][] = [];
  for (let i = 0; i < data.length; i += 4) {
    const word = (((data[i] ?? 0) << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0)) >>> 0;
    if (foldnuls && word === 0) chunks.push([122]);
    else if (foldspaces && word === 0x20202020) chunks.push([121]);
    else {
      const digits: number[] = [];
      let w = word;
      for (let k = 0; k < 5; k++) {
        digits.unshift(digit(w % 85));
        w = Math.floor(w / 85);
      }
      chunks.push(digits);
    }
  }
  if (padding && !pad) {
    let last = chunks[chunks.length - 1]!;
    if (last.length === 1 && last[0] === 122) last = [digit(0), digit(0), digit(0), digit(0), digit(0)];
    chunks[chunks.length - 1] = last.slice(0, last.length - padding);
  }
  return chunks.flat();
}

function a85encode(...args: unknown[]): Bytes {
  const [[b], kws] = splitKw(args);
  const foldspaces = truthy(kws.foldspaces ?? false);
  let wrapcol = Number(kws.wrapcol ?? 0n);
  const pad = truthy(kws.pad ?? false);
  const adobe = truthy(kws.adobe ?? false);
  let result = encode85(encodeData(b), (v) => v + 33, pad, true, foldspaces);
  if (adobe) result = [...A85_START, ...result];
  if (wrapcol) {
    wrapcol = Math.max(adobe ? 2 : 1, wrapcol);
    const chunks: number[][] = [];
    for (let i = 0; i < result.length; i += wrapcol) chunks.push(result.slice(i, i + wrapcol));
    if (chunks.length === 0) chunks.push([]);
    if (adobe && chunks[chunks.length - 1]!.length + 2 > wrapcol) chunks.push([]);
    result = chunks.flatMap((c, i) => (i === 0 ? c : [10, ...c]));
  }
  if (adobe) result.push(...A85_END);
  return Bytes.fromArray(result);
}

function a85decode(...args: unknown[]): Bytes {
  const [[b], kws] = splitKw(args);
  const foldspaces = truthy(kws.foldspaces ?? false);
  const adobe = truthy(kws.adobe ?? false);
  const ignore = kws.ignorechars === undefined ? [32, 9, 10, 13, 11] : Array.from(decodeData(kws.ignorechars).values());
  let data = Array.from(decodeData(b).values());
  if (adobe) {
    const n = data.length;
    if (!(n >= 2 && data[n - 2] === 126 && data[n - 1] === 62)) throw new ValueError("Ascii85 encoded byte sequences must end with b'~>'");
    data = data[0] === 60 && data[1] === 126 ? data.slice(2, -2) : data.slice(0, -2);
  }
  const out: number[] = [];
  let curr: number[] = [];
  for (const x of [...data, 117, 117, 117, 117]) {
    if (x >= 33 && x <= 117) {
      curr.push(x);
      if (curr.length === 5) {
        let acc = 0;
        for (const c of curr) acc = 85 * acc + (c - 33);
        if (acc > 0xffffffff) throw new ValueError("Ascii85 overflow");
        out.push(acc >>> 24, (acc >>> 16) & 255, (acc >>> 8) & 255, acc & 255);
        curr = [];
      }
    } else if (x === 122) {
      if (curr.length) throw new ValueError("z inside Ascii85 5-tuple");
      out.push(0, 0, 0, 0);
    } else if (foldspaces && x === 121) {
      if (curr.length) throw new ValueError("y inside Ascii85 5-tuple");
      out.push(32, 32, 32, 32);
    } else if (ignore.includes(x)) continue;
    else throw new ValueError(`Non-Ascii85 digit found: ${String.fromCharCode(x)}`);
  }
  const padding = 4 - curr.length;
  return Bytes.fromArray(padding ? out.slice(0, out.length - padding) : out);
}

function b85encode(...args: unknown[]): Bytes {
  const [b, pad] = casefoldArgs(args, ["b", "pad"]);
  return Bytes.fromArray(encode85(encodeData(b), (v) => B85.charCodeAt(v), pad !== undefined && truthy(pad), false, false));
}

function b85decode(b: unknown): Bytes {
  const data = Array.from(decodeData(b).values());
  const padding = (5 - (data.length % 5)) % 5;
  for (let k = 0; k < padding; k++) data.push(126);
  const out: number[] = [];
  for (let i = 0; i < data.length; i += 5) {
    let acc = 0;
    for (let j = 0; j < 5; j++) {
      const v = B85.indexOf(String.fromCharCode(data[i + j]!));
      if (v < 0) throw new ValueError(`bad base85 character at position ${i + j}`);
      acc = acc * 85 + v;
    }
    if (acc > 0xffffffff) throw new ValueError(`base85 overflow in hunk starting at byte ${i}`);
    out.push(acc >>> 24, (acc >>> 16) & 255, (acc >>> 8) & 255, acc & 255);
  }
  return Bytes.fromArray(padding ? out.slice(0, out.length - padding) : out);
}

/** `_input_type_check` of encodebytes/decodebytes. */
function bytesInput(s: unknown): Uint8Array {
  if (s instanceof Uint8Array) return s;
  throw new PyTypeError(`expected bytes-like object, not ${typeName(s)}`);
}

const MAXLINESIZE = 76; // excluding the newline
const MAXBINSIZE = (MAXLINESIZE / 4) * 3;

function encodebytes(s: unknown): Bytes {
  const data = bytesInput(s);
  const out: number[] = [];
  for (let i = 0; i < data.length; i += MAXBINSIZE) out.push(...(binasciiFunctions.b2a_base64(data.subarray(i, i + MAXBINSIZE)) as Bytes).values());
  return Bytes.fromArray(out);
}

/** encode(input, output): binary files, read in 57-byte chunks, written as base64 lines. */
function encode(input: unknown, output: unknown): null {
  for (;;) {
    let s = callMethod(input, "read", BigInt(MAXBINSIZE));
    if (!truthy(s)) break;
    while (len(s) < BigInt(MAXBINSIZE)) {
      const more = callMethod(input, "read", BigInt(MAXBINSIZE) - len(s));
      if (!truthy(more)) break;
      s = add(s, more);
    }
    callMethod(output, "write", binasciiFunctions.b2a_base64(s));
  }
  return null;
}

/** decode(input, output): binary files, decoded line by line. */
function decode(input: unknown, output: unknown): null {
  for (;;) {
    const line = callMethod(input, "readline");
    if (!truthy(line)) break;
    callMethod(output, "write", binasciiFunctions.a2b_base64(line));
  }
  return null;
}

const test = makeTest(encodebytes, (s: unknown): Bytes => a2b(bytesInput(s), false));

export const base64Module = moduleObject("base64", {
  bytes_types: Tuple.of(bytes, bytearray),
  main: makeMain(encode, decode, test),
  test,
  MAXLINESIZE: BigInt(MAXLINESIZE),
  MAXBINSIZE: BigInt(MAXBINSIZE),
  encode,
  decode,
  b64encode,
  b64decode,
  standard_b64encode: (s: unknown): Bytes => b64encode(s),
  standard_b64decode: (s: unknown): Bytes => b64decode(s),
  urlsafe_b64encode: (s: unknown): Bytes => translate(b64encode(s), PLUS_SLASH, URLSAFE),
  urlsafe_b64decode: (s: unknown): Bytes => b64decode(translate(decodeData(s), URLSAFE, PLUS_SLASH)),
  b32encode: (s: unknown): Bytes => b32encodeWith(B32, s),
  b32decode: (...args: unknown[]): Bytes => {
    const [s, casefold, map01] = casefoldArgs(args, ["s", "casefold", "map01"]);
    return b32decodeWith(B32, s, casefold, map01);
  },
  b32hexencode: (s: unknown): Bytes => b32encodeWith(B32HEX, s),
  b32hexdecode: (...args: unknown[]): Bytes => {
    const [s, casefold] = casefoldArgs(args, ["s", "casefold"]);
    return b32decodeWith(B32HEX, s, casefold, undefined);
  },
  b16encode: (s: unknown): Bytes => Bytes.fromLatin1((binasciiFunctions.hexlify(s) as Bytes).toLatin1().toUpperCase()),
  b16decode,
  a85encode,
  a85decode,
  b85encode,
  b85decode,
  encodebytes,
  decodebytes: (s: unknown): Bytes => a2b(bytesInput(s), false),
});
