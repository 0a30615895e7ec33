// The escape codecs: unicode_escape (Python's string-literal escapes, bytes 0x80-0xff as
// Latin-1), raw_unicode_escape (only \uXXXX and \UXXXXXXXX), and readbuffer_encode, as the
// codecs module's functions answering (output, length consumed).

import { Bytes } from "../values/bytes.js";
import { decodeError } from "../values/codec-errors.js";
import { PyTypeError } from "../values/exceptions.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { lookupCharName } from "./unicode-names.js";

const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0");
const SIMPLE: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\n": "" };

function strArg(input: unknown, fn: string): string {
  if (typeof input !== "string") throw new PyTypeError(`${fn}() argument 1 must be str, not ${typeName(input)}`);
  return input;
}

function bytesArg(input: unknown): Uint8Array {
  if (typeof input === "string") return Bytes.fromUtf8(input);
  if (input instanceof Uint8Array) return input;
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(input)}'`);
}

function asciiBytes(s: string): Bytes {
  return Bytes.fromArray([...s].map((c) => c.charCodeAt(0)));
}

function unicodeEscapeEncode(input: unknown, _errors: unknown = null): Tuple<unknown> {
  const s = strArg(input, "unicode_escape_encode");
  let out = "";
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === "\\") out += "\\\\";
    else if (c === "\t") out += "\\t";
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (cp >= 0x20 && cp < 0x7f) out += c;
    else out += cp < 0x100 ? `\\x${hex(cp, 2)}` : cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
  }
  return new Tuple<unknown>([asciiBytes(out), BigInt([...s].length)]);
}

function rawUnicodeEscapeEncode(input: unknown, _errors: unknown = null): Tuple<unknown> {
  const s = strArg(input, "raw_unicode_escape_encode");
  let out = "";
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    out += cp < 0x100 ? c : cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
  }
  return new Tuple<unknown>([Bytes.fromArray([...out].map((c) => c.charCodeAt(0))), BigInt([...s].length)]);
}

/** The `digits` hex digits at data[at:], or -1 when fewer are there. */
function hexAt(data: Uint8Array, at: number, digits: number): number {
  let v = 0;
  for (let k = 0; k < digits; k++) {
    const d = parseInt(String.fromCharCode(data[at + k] ?? 0x20), 16);
    if (Number.isNaN(d)) return -1;
    v = v * 16 + d;
  }
  return v;
}

/** data[start:end] as Latin-1 text (a bytes object spreads as Python ints). */
function latin1(data: Uint8Array, start: number, end: number): string {
  let out = "";
  for (let k = start; k < end; k++) out += String.fromCharCode(data[k]!);
  return out;
}

function failure(codec: string, data: Uint8Array, start: number, end: number, reason: string, errors: unknown): string {
  if (errors === "ignore") return "";
  if (errors === "replace") return "\ufffd";
  throw decodeError(codec, data, start, end, reason);
}

function unicodeEscapeDecode(input: unknown, errors: unknown = null, _final: unknown = true): Tuple<unknown> {
  const data = bytesArg(input);
  let out = "";
  let i = 0;
  while (i < data.length) {
    const b = data[i]!;
    if (b !== 0x5c) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    const next = i + 1 < data.length ? String.fromCharCode(data[i + 1]!) : "";
    if (next === "") {
      out += failure("unicodeescape", data, i, i + 1, "\\ at end of string", errors);
      i++;
    } else if (next in SIMPLE) {
      out += SIMPLE[next];
      i += 2;
    } else if (next >= "0" && next <= "7") {
      let j = i + 1;
      let v = 0;
      while (j < data.length && j < i + 4 && data[j]! >= 0x30 && data[j]! <= 0x37) v = v * 8 + data[j++]! - 0x30;
      out += String.fromCodePoint(v);
      i = j;
    } else if (next === "x" || next === "u" || next === "U") {
      const digits = next === "x" ? 2 : next === "u" ? 4 : 8;
      const v = hexAt(data, i + 2, digits);
      let end = i + 2;
      while (end < Math.min(data.length, i + 2 + digits) && !Number.isNaN(parseInt(String.fromCharCode(data[end]!), 16))) end++;
      if (v < 0) out += failure("unicodeescape", data, i, end, `truncated \\${next}${"X".repeat(digits)} escape`, errors);
      else if (v > 0x10ffff) out += failure("unicodeescape", data, i, end, "illegal Unicode character", errors);
      else out += String.fromCodePoint(v);
      i = end;
    } else if (next === "N") {
      const close = Uint8Array.prototype.indexOf.call(data, 0x7d, i + 3);
      const name = data[i + 2] === 0x7b && close > 0 ? latin1(data, i + 3, close) : null;
      const cp = name === null ? null : lookupCharName(name);
      if (cp === null) {
        const end = close > 0 ? close + 1 : data.length;
        out += failure("unicodeescape", data, i, end, name === null ? "malformed \\N character escape" : "unknown Unicode character name", errors);
        i = end;
      } else {
        out += String.fromCodePoint(cp);
        i = close + 1;
      }
    } else {
      out += "\\" + next;
      i += 2;
    }
  }
  return new Tuple<unknown>([out, BigInt(data.length)]);
}

function rawUnicodeEscapeDecode(input: unknown, errors: unknown = null, _final: unknown = true): Tuple<unknown> {
  const data = bytesArg(input);
  let out = "";
  let i = 0;
  while (i < data.length) {
    // \u and \U after an odd number of backslashes are escapes; everything else is Latin-1
    let run = 0;
    while (i + run < data.length && data[i + run] === 0x5c) run++;
    if (run === 0) {
      out += String.fromCharCode(data[i++]!);
      continue;
    }
    const marker = data[i + run];
    if (run % 2 === 1 && (marker === 0x75 || marker === 0x55)) {
      out += "\\".repeat(run - 1);
      const start = i + run - 1;
      const digits = marker === 0x75 ? 4 : 8;
      const v = hexAt(data, i + run + 1, digits);
      if (v < 0 || v > 0x10ffff) {
        let end = i + run + 1;
        while (end < Math.min(data.length, i + run + 1 + digits) && !Number.isNaN(parseInt(String.fromCharCode(data[end]!), 16))) end++;
        out += failure("rawunicodeescape", data, start, end, v < 0 ? `truncated \\${marker === 0x75 ? "uXXXX" : "UXXXXXXXX"} escape` : "\\Uxxxxxxxx out of range", errors);
        i = end;
      } else {
        out += String.fromCodePoint(v);
        i += run + 1 + digits;
      }
    } else {
      out += "\\".repeat(run);
      i += run;
    }
  }
  return new Tuple<unknown>([out, BigInt(data.length)]);
}

function readbufferEncode(input: unknown, _errors: unknown = null): Tuple<unknown> {
  const data = bytesArg(input);
  return new Tuple<unknown>([Bytes.fromArray(data), BigInt(data.length)]);
}

export const escapeNames = {
  unicode_escape_encode: unicodeEscapeEncode,
  unicode_escape_decode: unicodeEscapeDecode,
  raw_unicode_escape_encode: rawUnicodeEscapeEncode,
  raw_unicode_escape_decode: rawUnicodeEscapeDecode,
  readbuffer_encode: readbufferEncode,
};
