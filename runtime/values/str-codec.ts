// str.encode with CPython's error handlers, and str.maketrans / str.translate.

import { Bytes } from "./bytes.js";
import { Dict } from "./dict.js";
import { LookupError, PyTypeError, UnicodeEncodeError, ValueError } from "./exceptions.js";
import { splitKw } from "./kwargs.js";
import { isIntLike, toBigInt } from "./numeric.js";
import { typeName } from "./typename.js";
import { encodeWide, wideCodec } from "./wide-codec.js";

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** A code point as encode errors show it: `\xe9`, `\u20ac`, `\U0001f600`. */
function escaped(cp: number): string {
  return cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
}

/** The replacement an error handler gives for code point `cp` (null: the strict handler). */
function replacement(errors: string, cp: number): string | null {
  switch (errors) {
    case "strict":
      return null;
    case "replace":
      return "?";
    case "ignore":
      return "";
    case "xmlcharrefreplace":
      return `&#${cp};`;
    case "backslashreplace":
      return escaped(cp);
    default:
      throw new LookupError(`unknown error handler name '${errors}'`);
  }
}

/** Encodes to a one-byte charset (ascii: limit 128, latin-1: 256) with an error handler. */
function encodeCharset(s: string, name: string, limit: number, errors: string): Bytes {
  const bytes: number[] = [];
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const cp = chars[i]!.codePointAt(0)!;
    if (cp < limit) {
      bytes.push(cp);
      continue;
    }
    const text = replacement(errors, cp);
    if (text === null) {
      let end = i + 1;
      while (end < chars.length && chars[end]!.codePointAt(0)! >= limit) end++;
      throw new UnicodeEncodeError(name, s, BigInt(i), BigInt(end), `ordinal not in range(${limit})`);
    }
    for (const ch of text) bytes.push(ch.charCodeAt(0));
  }
  return Bytes.fromArray(bytes);
}

/** `str.encode(encoding='utf-8', errors='strict')`. */
export function encode(s: string, ...args: unknown[]): Bytes {
  const [pos, kws] = splitKw(args);
  const encoding = pos[0] ?? kws["encoding"] ?? "utf-8";
  const errors = pos[1] ?? kws["errors"] ?? "strict";
  if (typeof encoding !== "string") throw new PyTypeError(`encode() argument 'encoding' must be str, not ${typeName(encoding)}`);
  if (typeof errors !== "string") throw new PyTypeError(`encode() argument 'errors' must be str, not ${typeName(errors)}`);
  const enc = encoding.toLowerCase().replace(/_/g, "-");
  if (enc === "ascii" || enc === "us-ascii") return encodeCharset(s, "ascii", 0x80, errors);
  if (enc === "latin-1" || enc === "latin1" || enc === "iso-8859-1" || enc === "iso8859-1") {
    return encodeCharset(s, "latin-1", 0x100, errors);
  }
  if (enc === "utf-8" || enc === "utf8") return Bytes.fromUtf8(s);
  const wide = wideCodec(encoding);
  if (wide) return encodeWide(s, wide, errors, wide.little === null);
  throw new LookupError(`unknown encoding: ${encoding}`);
}

/** `str.maketrans(x[, y[, z]])`: a dict from code points to str, code point or None. */
export function maketrans(x: unknown, y?: unknown, z?: unknown): Dict<bigint, unknown> {
  const table = new Dict<bigint, unknown>();
  if (y === undefined) {
    if (!(x instanceof Dict)) throw new PyTypeError("if you give only one argument to maketrans it must be a dict");
    for (const [key, value] of x.entries()) {
      if (typeof key === "string") {
        if ([...key].length !== 1) throw new ValueError("string keys in translate table must be of length 1");
        table.set(BigInt(key.codePointAt(0)!), value);
      } else if (isIntLike(key)) table.set(toBigInt(key), value);
      else throw new PyTypeError("keys in translate table must be strings or integers");
    }
    return table;
  }
  if (typeof x !== "string" || typeof y !== "string") throw new PyTypeError("maketrans() arguments must be strings");
  const from = [...x];
  const to = [...y];
  if (from.length !== to.length) throw new ValueError("the first two maketrans arguments must have equal length");
  from.forEach((c, i) => table.set(BigInt(c.codePointAt(0)!), BigInt(to[i]!.codePointAt(0)!)));
  if (z !== undefined) {
    if (typeof z !== "string") throw new PyTypeError(`maketrans() argument 3 must be str, not ${typeName(z)}`);
    for (const c of z) table.set(BigInt(c.codePointAt(0)!), null);
  }
  return table;
}

interface Lookup {
  __getitem__?: (key: unknown) => unknown;
}

/** `str.translate(table)`: each character looked up by code point; missing ones stay. */
export function translate(s: string, table: unknown): string {
  let out = "";
  for (const c of s) {
    const key = BigInt(c.codePointAt(0)!);
    let value: unknown;
    if (table instanceof Dict) {
      if (!table.has(key)) {
        out += c;
        continue;
      }
      value = table.get(key);
    } else {
      const getitem = (table as Lookup | null)?.__getitem__;
      if (typeof getitem !== "function") throw new PyTypeError(`'${typeName(table)}' object is not subscriptable`);
      try {
        value = getitem.call(table, key);
      } catch (e) {
        if (e instanceof LookupError) {
          out += c;
          continue;
        }
        throw e;
      }
    }
    if (value === null || value === undefined) continue;
    if (typeof value === "string") out += value;
    else if (isIntLike(value)) {
      const cp = Number(toBigInt(value));
      if (cp < 0 || cp > 0x10ffff) throw new ValueError("character mapping must be in range(0x110000)");
      out += String.fromCodePoint(cp);
    } else throw new PyTypeError("character mapping must return integer, None or str");
  }
  return out;
}
