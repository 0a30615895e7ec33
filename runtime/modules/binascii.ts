// Python's `binascii`: base64, hex, uu and quoted-printable conversions and the CRCs, with
// CPython's argument checks and binascii.Error messages (base64's strict mode included).

import { Bytes } from "../values/bytes.js";
import { bytesHex } from "../values/bytes-codec.js";
import { Exception, PyTypeError, ValueError } from "../values/exceptions.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { bufferBytes } from "../values/memoryview.js";
import { clinicFunction } from "./clinic-args.js";
import { moduleObject } from "./module-object.js";

export class Error extends ValueError {
  static readonly __module__ = "binascii";
}

export class Incomplete extends Exception {
  static readonly __module__ = "binascii";
}

/** A bytes-like argument of a b2a_ function (str refused). */
export function binaryData(x: unknown): Uint8Array {
  const bytes = bufferBytes(x);
  if (bytes !== null) return bytes;
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(x)}'`);
}

/** An a2b_ argument: bytes-like, or a str of ASCII characters. */
export function asciiData(x: unknown): Uint8Array {
  const bytes = bufferBytes(x);
  if (bytes !== null) return bytes;
  if (typeof x === "string") {
    const out = new Bytes(x.length);
    for (let i = 0; i < x.length; i++) {
      const c = x.charCodeAt(i);
      if (c > 127) throw new ValueError("string argument should contain only ASCII characters");
      out[i] = c;
    }
    return out;
  }
  throw new PyTypeError(`argument should be bytes, buffer or ASCII string, not '${typeName(x)}'`);
}

function intArg(x: unknown): bigint {
  if (isIntLike(x)) return toBigInt(x);
  if (typeof x === "number") throw new PyTypeError("'float' object cannot be interpreted as an integer");
  throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) B64_VALUE[B64.charCodeAt(i)] = i;
const PAD = 61; // "="

function b2a_base64(data: unknown, newline: unknown): Bytes {
  const bin = binaryData(data);
  const out: number[] = [];
  let i = 0;
  for (; i + 2 < bin.length; i += 3) {
    const n = (bin[i]! << 16) | (bin[i + 1]! << 8) | bin[i + 2]!;
    out.push(B64.charCodeAt(n >> 18), B64.charCodeAt((n >> 12) & 63), B64.charCodeAt((n >> 6) & 63), B64.charCodeAt(n & 63));
  }
  const left = bin.length - i;
  if (left === 1) {
    const n = bin[i]! << 16;
    out.push(B64.charCodeAt(n >> 18), B64.charCodeAt((n >> 12) & 63), PAD, PAD);
  } else if (left === 2) {
    const n = (bin[i]! << 16) | (bin[i + 1]! << 8);
    out.push(B64.charCodeAt(n >> 18), B64.charCodeAt((n >> 12) & 63), B64.charCodeAt((n >> 6) & 63), PAD);
  }
  if (newline === undefined || truthy(newline)) out.push(10);
  return Bytes.fromArray(out);
}

/** binascii.c's decoder: non-alphabet characters skipped (errors in strict mode), padding checked. */
function a2b_base64(data: unknown, strictMode: unknown): Bytes {
  const ascii = asciiData(data);
  const strict = strictMode !== undefined && truthy(strictMode);
  const out: number[] = [];
  if (strict && ascii.length > 0 && ascii[0] === PAD) throw new Error("Leading padding not allowed");
  let quad = 0;
  let left = 0;
  let pads = 0;
  let paddingStarted = false;
  let done = false;
  for (let i = 0; i < ascii.length && !done; i++) {
    const ch = ascii[i]!;
    if (ch === PAD) {
      paddingStarted = true;
      if (quad >= 2 && quad + ++pads >= 4) {
        if (strict && i + 1 < ascii.length) throw new Error("Excess data after padding");
        done = true;
      }
      continue;
    }
    const v = B64_VALUE[ch]!;
    if (v < 0) {
      if (strict) throw new Error("Only base64 data is allowed");
      continue;
    }
    if (strict && paddingStarted) throw new Error("Discontinuous padding not allowed");
    pads = 0;
    switch (quad) {
      case 0:
        quad = 1;
        left = v;
        break;
      case 1:
        quad = 2;
        out.push(((left << 2) | (v >> 4)) & 0xff);
        left = v & 0x0f;
        break;
      case 2:
        quad = 3;
        out.push(((left << 4) | (v >> 2)) & 0xff);
        left = v & 0x03;
        break;
      default:
        quad = 0;
        out.push(((left << 6) | v) & 0xff);
        left = 0;
    }
  }
  if (!done && quad !== 0) {
    if (quad === 1) {
      const n = Math.floor(out.length / 3) * 4 + 1;
      throw new Error(`Invalid base64-encoded string: number of data characters (${n}) cannot be 1 more than a multiple of 4`);
    }
    throw new Error("Incorrect padding");
  }
  return Bytes.fromArray(out);
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function a2b_hex(data: unknown): Bytes {
  const ascii = asciiData(data);
  if (ascii.length % 2 !== 0) throw new Error("Odd-length string");
  const out = new Bytes(ascii.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexValue(ascii[2 * i]!);
    const lo = hexValue(ascii[2 * i + 1]!);
    if (hi < 0 || lo < 0) throw new Error("Non-hexadecimal digit found");
    out[i] = (hi << 4) | lo;
  }
  return out;
}

function b2a_hex(data: unknown, sep: unknown, bytesPerSep: unknown): Bytes {
  return Bytes.fromLatin1(bytesHex(binaryData(data), sep, bytesPerSep));
}

let crcTable: Uint32Array | null = null;

function crc32(data: unknown, crc: unknown): bigint {
  const bin = binaryData(data);
  const table = (crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  }));
  let c = (crc === undefined ? 0 : Number(BigInt.asUintN(32, intArg(crc)))) ^ 0xffffffff;
  for (let i = 0; i < bin.length; i++) c = table[(c ^ bin[i]!) & 0xff]! ^ (c >>> 8);
  return BigInt((c ^ 0xffffffff) >>> 0);
}

/** CRC-CCITT (XMODEM), as binhex uses. */
function crc_hqx(data: unknown, crc: unknown): bigint {
  const bin = binaryData(data);
  let c = Number(BigInt.asUintN(16, intArg(crc)));
  for (let i = 0; i < bin.length; i++) {
    c ^= bin[i]! << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
  }
  return BigInt(c);
}

/** uuencode one line (at most 45 bytes): a length char, then 6-bit groups offset by 32. */
function b2a_uu(data: unknown, backtick: unknown): Bytes {
  const bin = binaryData(data);
  if (bin.length > 45) throw new Error("At most 45 bytes at once");
  const tick = backtick !== undefined && truthy(backtick);
  const enc = (v: number): number => (tick && v === 0 ? 96 : 32 + v);
  const out: number[] = [enc(bin.length)];
  for (let i = 0; i < bin.length; i += 3) {
    const n = (bin[i]! << 16) | ((bin[i + 1] ?? 0) << 8) | (bin[i + 2] ?? 0);
    out.push(enc(n >> 18), enc((n >> 12) & 63), enc((n >> 6) & 63), enc(n & 63));
  }
  out.push(10);
  return Bytes.fromArray(out);
}

/** binascii.c's uudecoder: a line end or the end of input reads as zero bits. */
function a2b_uu(data: unknown): Bytes {
  const ascii = asciiData(data);
  // The length char (past the end: the C string's NUL).
  let binLen = ((ascii.length > 0 ? ascii[0]! : 0) - 32) & 63;
  let i = 1;
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  for (; binLen > 0; i++) {
    let ch = i < ascii.length ? ascii[i]! : 0;
    if (ch === 10 || ch === 13 || i >= ascii.length) ch = 0;
    else {
      if (ch < 32 || ch > 96) throw new Error("Illegal char");
      ch = (ch - 32) & 63;
    }
    acc = (acc << 6) | ch;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
      acc &= (1 << bits) - 1;
      binLen--;
    }
  }
  // What follows the data must be padding: spaces, backticks or a line end.
  for (; i < ascii.length; i++) {
    const ch = ascii[i]!;
    if (ch !== 32 && ch !== 96 && ch !== 10 && ch !== 13) throw new Error("Trailing garbage");
  }
  return Bytes.fromArray(out);
}

/** binascii.c's quoted-printable encoder, rule for rule (lines of at most 76 characters). */
function b2a_qp(data: unknown, quotetabs: unknown, istext: unknown, header: unknown): Bytes {
  const bin = binaryData(data);
  const qtabs = quotetabs !== undefined && truthy(quotetabs);
  const text = istext === undefined || truthy(istext);
  const head = header !== undefined && truthy(header);
  const firstNewline = bin.indexOf(10);
  const crlf = firstNewline > 0 && bin[firstNewline - 1] === 13;
  const n = bin.length;
  const out: number[] = [];
  let lineLen = 0;
  const softBreak = (): void => {
    out.push(61);
    if (crlf) out.push(13);
    out.push(10);
    lineLen = 0;
  };
  const pushHex = (c: number): void => {
    out.push(HEX_UPPER.charCodeAt(c >> 4), HEX_UPPER.charCodeAt(c & 15));
  };
  for (let i = 0; i < n; ) {
    const c = bin[i]!;
    const next = bin[i + 1];
    const quote =
      c > 126 ||
      c === 61 ||
      (head && c === 95) ||
      (c === 46 && lineLen === 0 && (i + 1 === n || next === 10 || next === 13 || next === 0)) ||
      (!text && (c === 13 || c === 10)) ||
      ((c === 9 || c === 32) && i + 1 === n) ||
      (c < 33 && c !== 13 && c !== 10 && (qtabs || (c !== 9 && c !== 32)));
    if (quote) {
      if (lineLen + 3 >= 76) softBreak();
      out.push(61);
      pushHex(c);
      i++;
      lineLen += 3;
    } else if (text && (c === 10 || (i + 1 < n && c === 13 && next === 10))) {
      lineLen = 0;
      // Whitespace before a line end is quoted.
      const last = out[out.length - 1];
      if (last === 32 || last === 9) {
        out[out.length - 1] = 61;
        pushHex(last);
      }
      if (crlf) out.push(13);
      out.push(10);
      i += c === 13 ? 2 : 1;
    } else {
      if (i + 1 !== n && next !== 10 && lineLen + 1 >= 76) softBreak();
      lineLen++;
      out.push(head && c === 32 ? 95 : c);
      i++;
    }
  }
  return Bytes.fromArray(out);
}

const HEX_UPPER = "0123456789ABCDEF";

function isHexDigit(c: number | undefined): boolean {
  return c !== undefined && hexValue(c) >= 0;
}

function a2b_qp(data: unknown, header: unknown): Bytes {
  const ascii = asciiData(data);
  const head = header !== undefined && truthy(header);
  const n = ascii.length;
  const out: number[] = [];
  for (let i = 0; i < n; ) {
    const c = ascii[i]!;
    if (c === 61) {
      i++;
      if (i >= n) break;
      const a = ascii[i]!;
      if (a === 10 || a === 13) {
        // A soft line break: skip to past the line's end.
        if (a !== 10) while (i < n && ascii[i] !== 10) i++;
        if (i < n) i++;
      } else if (a === 61) {
        out.push(61);
        i++;
      } else if (i + 1 < n && isHexDigit(a) && isHexDigit(ascii[i + 1])) {
        out.push((hexValue(a) << 4) | hexValue(ascii[i + 1]!));
        i += 2;
      } else out.push(61);
    } else if (head && c === 95) {
      out.push(32);
      i++;
    } else {
      out.push(c);
      i++;
    }
  }
  return Bytes.fromArray(out);
}

const hexlify = clinicFunction(b2a_hex as (...a: unknown[]) => unknown, "hexlify", ["data", "sep", "bytes_per_sep"], 1);
const unhexlify = clinicFunction(a2b_hex as (...a: unknown[]) => unknown, "unhexlify", ["hexstr"], 1);

export const binasciiFunctions = {
  a2b_base64: clinicFunction(a2b_base64 as (...a: unknown[]) => unknown, "a2b_base64", ["data"], 1, ["strict_mode"]),
  b2a_base64: clinicFunction(b2a_base64 as (...a: unknown[]) => unknown, "b2a_base64", ["data"], 1, ["newline"]),
  a2b_hex: clinicFunction(a2b_hex as (...a: unknown[]) => unknown, "a2b_hex", ["hexstr"], 1),
  b2a_hex: clinicFunction(b2a_hex as (...a: unknown[]) => unknown, "b2a_hex", ["data", "sep", "bytes_per_sep"], 1),
  hexlify,
  unhexlify,
  crc32: clinicFunction(crc32 as (...a: unknown[]) => unknown, "crc32", ["data", "crc"], 1),
  crc_hqx: clinicFunction(crc_hqx as (...a: unknown[]) => unknown, "crc_hqx", ["data", "crc"], 2),
  a2b_uu: clinicFunction(a2b_uu as (...a: unknown[]) => unknown, "a2b_uu", ["data"], 1),
  b2a_uu: clinicFunction(b2a_uu as (...a: unknown[]) => unknown, "b2a_uu", ["data"], 1, ["backtick"]),
  a2b_qp: clinicFunction(a2b_qp as (...a: unknown[]) => unknown, "a2b_qp", ["data", "header"], 1),
  b2a_qp: clinicFunction(b2a_qp as (...a: unknown[]) => unknown, "b2a_qp", ["data", "quotetabs", "istext", "header"], 1),
};

export const binasciiModule = moduleObject("binascii", { Error, Incomplete, ...binasciiFunctions });
