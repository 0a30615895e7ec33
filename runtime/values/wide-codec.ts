// The UTF-16 and UTF-32 codecs as CPython's (utf-16, utf-16-le, utf-16-be, utf-32, utf-32-le,
// utf-32-be): the byte-order mark written by utf-16/utf-32 in native (little-endian) order and
// consumed when decoding, the error handlers and CPython's UnicodeDecodeError reasons and
// positions ("truncated data", "illegal UTF-16 surrogate", "code point not in
// range(0x110000)", ...), and a decoder that stops before an incomplete tail when more input
// may follow (the incremental decoders and text files).

import { ENCODING_ALIASES } from "../modules/encoding-alias-data.js";
import { Bytes } from "./bytes.js";
import { decodeError as decodeFailure, encodeError, registeredDecodeAnswer, registeredEncodeAnswer } from "./codec-errors.js";
import { UnicodeDecodeError, UnicodeEncodeError } from "./exceptions.js";

/** A codec of the family: its name, code unit size and byte order (null: by a byte-order mark). */
export interface WideCodec {
  readonly name: string;
  readonly unit: 2 | 4;
  readonly little: boolean | null;
}

const WIDE: Record<string, WideCodec> = {
  utf_16: { name: "utf-16", unit: 2, little: null },
  utf_16_le: { name: "utf-16-le", unit: 2, little: true },
  utf_16_be: { name: "utf-16-be", unit: 2, little: false },
  utf_32: { name: "utf-32", unit: 4, little: null },
  utf_32_le: { name: "utf-32-le", unit: 4, little: true },
  utf_32_be: { name: "utf-32-be", unit: 4, little: false },
};

/**
 * An encoding name as CPython's `encodings` package looks it up: lowercased, runs of other
 * characters than letters, digits and '.' made one '_', then its alias table ("U16" is utf_16).
 */
export function canonicalEncoding(encoding: string): string {
  const norm = encoding.toLowerCase().replace(/[^a-z0-9.]+/g, "_").replace(/^_+|_+$/g, "");
  return ENCODING_ALIASES[norm] ?? ENCODING_ALIASES[norm.replace(/\./g, "_")] ?? norm;
}

/** The UTF-16/32 codec an encoding name stands for, or null. */
export function wideCodec(encoding: string): WideCodec | null {
  return WIDE[canonicalEncoding(encoding)] ?? null;
}

/** The encoding a text file continues in after its start: utf-16 and utf-32 without their mark. */
export function withoutMark(encoding: string): string {
  const codec = wideCodec(encoding);
  return codec !== null && codec.little === null ? `${codec.name}-le` : encoding;
}

/** The length of the byte-order mark `data` starts with, if `encoding` reads one (utf-16, utf-32). */
export function markLength(data: Uint8Array, encoding: string): number {
  const codec = wideCodec(encoding);
  if (codec === null || codec.little !== null || data.length < codec.unit) return 0;
  const mark = readUnit(data, 0, codec.unit, true);
  return mark === 0xfeff || mark === (codec.unit === 2 ? 0xfffe : 0xfffe0000) ? codec.unit : 0;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

function putUnit(out: number[], value: number, unit: 2 | 4, little: boolean): void {
  for (let k = 0; k < unit; k++) out.push((value >>> (8 * (little ? k : unit - 1 - k))) & 0xff);
}

/** What an encode error handler gives for the lone surrogate `cp` at position `index` (text, or a unit). */
function encodeReplacement(codec: WideCodec, s: string, cp: number, index: number, errors: string): string | number {
  switch (errors) {
    case "ignore":
      return "";
    case "replace":
      return "?";
    case "backslashreplace":
    case "namereplace":
      return `\\u${hex(cp, 4)}`;
    case "xmlcharrefreplace":
      return `&#${cp};`;
    case "surrogatepass":
      return cp;
    case "strict":
    case "surrogateescape": {
      throw new UnicodeEncodeError(codec.name, s, BigInt(index), BigInt(index + 1), "surrogates not allowed");
    }
    default: {
      const err = encodeError(codec.name, String.fromCharCode(cp), [String.fromCharCode(cp)], 0, 1, "surrogates not allowed");
      Object.assign(err, { start: BigInt(index), end: BigInt(index + 1) });
      const answer = registeredEncodeAnswer(errors, err, index + 1);
      return typeof answer.replacement === "string" ? answer.replacement : String.fromCharCode(...answer.replacement);
    }
  }
}

/** `s` in the codec's units; `bom` writes the byte-order mark first (utf-16 and utf-32, little-endian here). */
export function encodeWide(s: string, codec: WideCodec, errors: string, bom: boolean): Bytes {
  const little = codec.little ?? true;
  const out: number[] = [];
  if (bom) putUnit(out, 0xfeff, codec.unit, little);
  let index = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0xd800 || cp > 0xdfff) {
      if (codec.unit === 4 || cp < 0x10000) putUnit(out, cp, codec.unit, little);
      else {
        putUnit(out, 0xd800 + ((cp - 0x10000) >> 10), 2, little);
        putUnit(out, 0xdc00 + ((cp - 0x10000) & 0x3ff), 2, little);
      }
    } else {
      const rep = encodeReplacement(codec, s, cp, index, errors);
      if (typeof rep === "number") putUnit(out, rep, codec.unit, little);
      else for (let k = 0; k < rep.length; k++) putUnit(out, rep.charCodeAt(k), codec.unit, little);
    }
    index++;
  }
  return Bytes.fromArray(out);
}

/** Where decoding resumes after an error handler's text, and the text. */
let resumeAt = 0;

/** The text an error handler puts for data[start:end] (resumeAt set), or CPython's UnicodeDecodeError. */
function decodeError(name: string, unit: 2 | 4, little: boolean, data: Uint8Array, start: number, end: number, reason: string, errors: string): string {
  resumeAt = end;
  switch (errors) {
    case "ignore":
      return "";
    case "replace":
      return "\ufffd";
    case "backslashreplace": {
      let out = "";
      for (let i = start; i < end; i++) out += `\\x${hex(data[i]!, 2)}`;
      return out;
    }
    case "surrogatepass":
      if (start + unit <= data.length) {
        const v = readUnit(data, start, unit, little);
        if (v >= 0xd800 && v <= 0xdfff) {
          resumeAt = start + unit;
          return String.fromCharCode(v);
        }
      }
      break;
    case "surrogateescape": {
      let out = "";
      let k = 0;
      while (k < 4 && start + k < end && data[start + k]! >= 0x80) out += String.fromCharCode(0xdc00 + data[start + k++]!);
      if (k > 0) {
        resumeAt = start + k;
        return out;
      }
      break;
    }
    case "strict":
      break;
    default: {
      const answer = registeredDecodeAnswer(errors, decodeFailure(name, data, start, end, reason), data.length);
      resumeAt = answer.next < 0 ? answer.next + data.length : answer.next;
      return answer.replacement as string;
    }
  }
  const object = new Bytes(data.length);
  object.set(data);
  throw new UnicodeDecodeError(name, object, BigInt(start), BigInt(end), reason);
}

function readUnit(data: Uint8Array, i: number, unit: 2 | 4, little: boolean): number {
  if (unit === 2) return little ? data[i]! | (data[i + 1]! << 8) : (data[i]! << 8) | data[i + 1]!;
  return little
    ? (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24)) >>> 0
    : ((data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!) >>> 0;
}

/** What decodeWide read: its text, the bytes it consumed and the byte order it found. */
export interface WideDecoded {
  text: string;
  consumed: number;
  /** true: little-endian, false: big-endian, null: not known yet (a byte-order mark may follow) */
  little: boolean | null;
}

/**
 * Decodes `data` in the codec's units; `little` is the byte order when known (null: read a
 * byte-order mark, native order without one). Unless `final`, an incomplete unit or surrogate
 * pair at the end is left unconsumed.
 */
export function decodeWide(data: Uint8Array, codec: WideCodec, errors: string, final: boolean, little: boolean | null = codec.little): WideDecoded {
  const unit = codec.unit;
  const n = data.length;
  let i = 0;
  if (little === null) {
    if (n < unit && !final) return { text: "", consumed: 0, little: null };
    little = true;
    if (n >= unit) {
      const mark = readUnit(data, 0, unit, true);
      if (mark === 0xfeff) i = unit;
      else if (mark === (unit === 2 ? 0xfffe : 0xfffe0000)) {
        little = false;
        i = unit;
      }
    }
  }
  const name = `utf-${unit * 8}-${little ? "le" : "be"}`;
  let out = "";
  while (i < n) {
    if (i + unit > n) {
      if (!final) break;
      out += decodeError(name, unit, little, data, i, n, "truncated data", errors);
      i = resumeAt;
      continue;
    }
    const u = readUnit(data, i, unit, little);
    if (unit === 4) {
      if (u > 0x10ffff) out += decodeError(name, unit, little, data, i, i + 4, "code point not in range(0x110000)", errors);
      else if (u >= 0xd800 && u < 0xe000) out += decodeError(name, unit, little, data, i, i + 4, "code point in surrogate code point range(0xd800, 0xe000)", errors);
      else {
        out += String.fromCodePoint(u);
        resumeAt = i + 4;
      }
      i = resumeAt;
      continue;
    }
    if (u < 0xd800 || u > 0xdfff) {
      out += String.fromCharCode(u);
      i += 2;
      continue;
    }
    if (u >= 0xdc00) out += decodeError(name, unit, little, data, i, i + 2, "illegal encoding", errors);
    else if (i + 4 > n) {
      if (!final) break;
      out += decodeError(name, unit, little, data, i, n, "unexpected end of data", errors);
    } else {
      const low = readUnit(data, i + 2, 2, little);
      if (low < 0xdc00 || low > 0xdfff) out += decodeError(name, unit, little, data, i, i + 2, "illegal UTF-16 surrogate", errors);
      else {
        out += String.fromCharCode(u, low);
        resumeAt = i + 4;
      }
    }
    i = resumeAt;
  }
  return { text: out, consumed: i, little };
}
