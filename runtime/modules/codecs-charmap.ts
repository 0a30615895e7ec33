// codecs' charmap functions (the table codecs of Lib/encodings are built on): charmap_encode
// and charmap_decode over a mapping or a 256-character decoding table, charmap_build,
// make_identity_dict, make_encoding_map; and iterencode/iterdecode over incremental codecs.

import { Bytes } from "../values/bytes.js";
import { Dict } from "../values/dict.js";
import { LookupError, PyTypeError, UnicodeDecodeError, UnicodeEncodeError } from "../values/exceptions.js";
import { decodeError, encodeError } from "../values/codec-errors.js";
import { splitKw } from "../values/kwargs.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { getitem } from "../values/subscript.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { callMethod } from "../values/methods.js";
import { lookupError } from "./codecs-errors.js";
import { callValue } from "./pycall.js";

/** mapping[key], or undefined where the mapping has no such key (LookupError). */
function mapped(mapping: unknown, key: number): unknown {
  if (typeof mapping === "string") {
    const chars = [...mapping];
    return key < chars.length && chars[key] !== "\ufffe" ? chars[key] : undefined;
  }
  try {
    return getitem(mapping, BigInt(key));
  } catch (e) {
    if (e instanceof LookupError) return undefined;
    throw e;
  }
}

/** `charmap_encode(str, errors=None, mapping=None)`: (bytes, length). */
function charmapEncode(input: unknown, errors: unknown = null, mapping: unknown = null): Tuple<unknown> {
  if (typeof input !== "string") throw new PyTypeError(`charmap_encode() argument 1 must be str, not ${typeName(input)}`);
  const chars = [...input];
  if (mapping === null) return new Tuple<unknown>([callMethod(input, "encode", "latin-1", errors ?? "strict"), BigInt(chars.length)]);
  const out: number[] = [];
  const put = (value: unknown, i: number): boolean => {
    if (value === undefined || value === null) return false;
    if (isIntLike(value)) {
      const n = Number(toBigInt(value));
      if (n < 0 || n > 255) throw new PyTypeError("character mapping must be in range(256)");
      out.push(n);
    } else if (value instanceof Uint8Array) for (let k = 0; k < value.length; k++) out.push(value[k]!);
    else throw new PyTypeError("character mapping must return integer, bytes or None, not " + typeName(value));
    return i >= 0;
  };
  for (let i = 0; i < chars.length; i++) {
    if (put(mapped(mapping, chars[i]!.codePointAt(0)!), i)) continue;
    const how = errors ?? "strict";
    if (how === "ignore") continue;
    if (how === "replace" && put(mapped(mapping, 0x3f), i)) continue;
    const err: UnicodeEncodeError = encodeError("charmap", input, chars, i, i + 1, "character maps to <undefined>");
    if (how === "strict" || how === "replace") throw err;
    const answer = callValue(lookupError(how), err) as Tuple<unknown>;
    const replacement = answer.items[0];
    if (typeof replacement === "string") {
      for (const c of replacement) if (!put(mapped(mapping, c.codePointAt(0)!), i)) throw err;
    } else put(replacement, i);
  }
  return new Tuple<unknown>([Bytes.fromArray(out), BigInt(chars.length)]);
}

/** `charmap_decode(data, errors=None, mapping=None)`: (str, length). */
function charmapDecode(input: unknown, errors: unknown = null, mapping: unknown = null): Tuple<unknown> {
  if (!(input instanceof Uint8Array)) throw new PyTypeError(`a bytes-like object is required, not '${typeName(input)}'`);
  if (mapping === null) return new Tuple<unknown>([Buffer.from(input.buffer, input.byteOffset, input.length).toString("latin1"), BigInt(input.length)]);
  let out = "";
  for (let i = 0; i < input.length; i++) {
    const value = mapped(mapping, input[i]!);
    if (typeof value === "string") out += value;
    else if (value !== undefined && value !== null && isIntLike(value)) out += String.fromCodePoint(Number(toBigInt(value)));
    else {
      const how = errors ?? "strict";
      if (how === "ignore") continue;
      if (how === "replace") {
        out += "\ufffd";
        continue;
      }
      const err: UnicodeDecodeError = decodeError("charmap", input, i, i + 1, "character maps to <undefined>");
      if (how === "strict") throw err;
      const answer = callValue(lookupError(how), err) as Tuple<unknown>;
      out += String(answer.items[0]);
    }
  }
  return new Tuple<unknown>([out, BigInt(input.length)]);
}

/** `make_identity_dict(rng)`: {i: i for i in rng}. */
function makeIdentityDict(rng: unknown): Dict<unknown, unknown> {
  const d = new Dict<unknown, unknown>();
  for (const i of rng as Iterable<unknown>) d.set(i, i);
  return d;
}

/** `make_encoding_map(decoding_map)`: the inverse mapping; a target reached twice maps to None. */
function makeEncodingMap(decodingMap: unknown): Dict<unknown, unknown> {
  const m = new Dict<unknown, unknown>();
  for (const item of callMethod(decodingMap, "items") as Iterable<Tuple<unknown>>) {
    const [k, v] = item.items;
    if (!m.has(v)) m.set(v, k);
    else m.set(v, null);
  }
  return m;
}

/** `charmap_build(decoding_table)`: the encoding map of a 256-character table. */
function charmapBuild(table: unknown): Dict<unknown, unknown> {
  if (typeof table !== "string") throw new PyTypeError(`charmap_build() argument must be str, not ${typeName(table)}`);
  const m = new Dict<unknown, unknown>();
  [...table].forEach((c, i) => {
    if (c !== "\ufffe") m.set(BigInt(c.codePointAt(0)!), BigInt(i));
  });
  return m;
}

function* iterencode(...args: unknown[]): Generator<unknown> {
  const [pos, kws] = splitKw(args);
  const [iterator, encoding, errors] = [pos[0] ?? kws["iterator"], pos[1] ?? kws["encoding"], pos[2] ?? kws["errors"] ?? "strict"];
  const encoder = callValue(getIncremental!(encoding, "incrementalencoder"), errors);
  for (const input of iterator as Iterable<unknown>) {
    const output = callMethod(encoder, "encode", input) as Uint8Array;
    if (output.length > 0) yield output;
  }
  const last = callMethod(encoder, "encode", "", true) as Uint8Array;
  if (last.length > 0) yield last;
}

function* iterdecode(...args: unknown[]): Generator<unknown> {
  const [pos, kws] = splitKw(args);
  const [iterator, encoding, errors] = [pos[0] ?? kws["iterator"], pos[1] ?? kws["encoding"], pos[2] ?? kws["errors"] ?? "strict"];
  const decoder = callValue(getIncremental!(encoding, "incrementaldecoder"), errors);
  for (const input of iterator as Iterable<unknown>) {
    const output = callMethod(decoder, "decode", input) as string;
    if (output.length > 0) yield output;
  }
  const last = callMethod(decoder, "decode", Bytes.fromArray([]), true) as string;
  if (last.length > 0) yield last;
}

let getIncremental: ((encoding: unknown, which: string) => unknown) | null = null;
/** The codecs module's lookup of a codec's incremental class: (encoding, attribute name). */
export function setIncrementalLookup(fn: (encoding: unknown, which: string) => unknown): void {
  getIncremental = fn;
}

export const charmapNames = {
  charmap_encode: charmapEncode,
  charmap_decode: charmapDecode,
  charmap_build: charmapBuild,
  make_identity_dict: makeIdentityDict,
  make_encoding_map: makeEncodingMap,
  iterencode,
  iterdecode,
};
