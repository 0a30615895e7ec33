// codecs: lookup and CodecInfo, encode/decode, getencoder/getdecoder,
// getincrementalencoder/getincrementaldecoder and the BOM constants, for the codecs the
// runtime provides (utf-8, ascii, latin-1, utf-16, utf-16-le/be, utf-32, utf-32-le/be and
// their aliases: "U16", "UTF_32BE", ...). Other encodings are a LookupError.

import { builtinFunction } from "../values/builtin-type.js";
import { Bytes } from "../values/bytes.js";
import { decode as decodeBytes } from "../values/bytes-codec.js";
import { LookupError, PyTypeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { encode as encodeStr } from "../values/str-codec.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { canonicalEncoding, wideCodec } from "../values/wide-codec.js";
import { pyClass } from "./callable-class.js";
import { IncrementalDecoder, IncrementalEncoder, incrementalClasses, statelessDecode, statelessEncode, type CodecSpec } from "./codecs-incremental.js";
import { moduleObject } from "./module-object.js";

/** The codecs by CPython's module name, with CodecInfo.name. */
const NAMES: Record<string, string> = {
  utf_8: "utf-8",
  ascii: "ascii",
  latin_1: "iso8859-1",
  utf_16: "utf-16",
  utf_16_le: "utf-16-le",
  utf_16_be: "utf-16-be",
  utf_32: "utf-32",
  utf_32_le: "utf-32-le",
  utf_32_be: "utf-32-be",
};

class CodecInfo extends Tuple<unknown> {
  readonly name: string;
  readonly encode: unknown;
  readonly decode: unknown;
  readonly incrementalencoder: unknown;
  readonly incrementaldecoder: unknown;
  readonly streamreader: null = null;
  readonly streamwriter: null = null;
  readonly _is_text_encoding = true;

  constructor(spec: CodecSpec) {
    const encode = builtinFunction(statelessEncode(spec), `${spec.module}_encode`);
    const decode = builtinFunction(statelessDecode(spec), `${spec.module}_decode`);
    super([encode, decode, null, null]);
    const [enc, dec] = incrementalClasses(spec);
    this.name = spec.name;
    this.encode = encode;
    this.decode = decode;
    this.incrementalencoder = pyClass(enc);
    this.incrementaldecoder = pyClass(dec);
  }

  __repr__(): string {
    return `<codecs.CodecInfo object for encoding ${this.name} at 0x7f0000000000>`;
  }
}

Object.defineProperties(CodecInfo, { pythonName: { value: "CodecInfo" }, __module__: { value: "codecs" } });

const cache = new Map<string, CodecInfo>();

function lookup(encoding: unknown): CodecInfo {
  if (typeof encoding !== "string") throw new PyTypeError(`lookup() argument must be str, not ${typeName(encoding)}`);
  const module = canonicalEncoding(encoding);
  const name = NAMES[module];
  if (name === undefined) throw new LookupError(`unknown encoding: ${encoding}`);
  let info = cache.get(module);
  if (info === undefined) {
    info = new CodecInfo({ module, name, wide: wideCodec(module) });
    cache.set(module, info);
  }
  return info;
}

function codecArgs(args: unknown[], what: string): [unknown, string, string] {
  const [pos, kws] = splitKw(args);
  const obj = pos[0] ?? kws["obj"];
  const encoding = pos[1] ?? kws["encoding"] ?? "utf-8";
  const errors = pos[2] ?? kws["errors"] ?? "strict";
  if (typeof encoding !== "string") throw new PyTypeError(`${what}() argument 'encoding' must be str, not ${typeName(encoding)}`);
  if (typeof errors !== "string") throw new PyTypeError(`${what}() argument 'errors' must be str, not ${typeName(errors)}`);
  lookup(encoding);
  return [obj, encoding, errors];
}

/** `codecs.encode(obj, encoding='utf-8', errors='strict')`. */
function encode(...args: unknown[]): Bytes {
  const [obj, encoding, errors] = codecArgs(args, "encode");
  if (typeof obj !== "string") {
    const why = `${canonicalEncoding(encoding)}_encode() argument 1 must be str, not ${typeName(obj)}`;
    throw new PyTypeError(`encoding with '${encoding}' codec failed (TypeError: ${why})`);
  }
  return encodeStr(obj, encoding, errors);
}

/** `codecs.decode(obj, encoding='utf-8', errors='strict')`. */
function decode(...args: unknown[]): string {
  const [obj, encoding, errors] = codecArgs(args, "decode");
  if (!(obj instanceof Uint8Array)) {
    throw new PyTypeError(`decoding with '${encoding}' codec failed (TypeError: a bytes-like object is required, not '${typeName(obj)}')`);
  }
  return decodeBytes(obj, encoding, errors);
}

const bom = (...bytes: number[]): Bytes => Bytes.fromArray(bytes);

/** codecs.utf_16_le_encode, codecs.utf_16_le_decode, ...: the codecs' own functions. */
type Fn = (...args: unknown[]) => Tuple<unknown>;
const specOf = (module: string): CodecSpec => ({ module, name: NAMES[module]!, wide: wideCodec(module) });
const encoder = (module: string): Fn => builtinFunction(statelessEncode(specOf(module)), `${module}_encode`);
const decoder = (module: string): Fn => builtinFunction(statelessDecode(specOf(module), false), `${module}_decode`);

export const codecsModule = moduleObject("codecs", {
  lookup: builtinFunction(lookup, "lookup"),
  encode: builtinFunction(encode, "encode"),
  decode: builtinFunction(decode, "decode"),
  getencoder: builtinFunction((encoding: unknown) => lookup(encoding).encode, "getencoder"),
  getdecoder: builtinFunction((encoding: unknown) => lookup(encoding).decode, "getdecoder"),
  getincrementalencoder: builtinFunction((encoding: unknown) => lookup(encoding).incrementalencoder, "getincrementalencoder"),
  getincrementaldecoder: builtinFunction((encoding: unknown) => lookup(encoding).incrementaldecoder, "getincrementaldecoder"),
  CodecInfo: pyClass(CodecInfo),
  IncrementalEncoder: pyClass(IncrementalEncoder),
  IncrementalDecoder: pyClass(IncrementalDecoder),
  utf_8_encode: encoder("utf_8"),
  utf_8_decode: decoder("utf_8"),
  ascii_encode: encoder("ascii"),
  ascii_decode: decoder("ascii"),
  latin_1_encode: encoder("latin_1"),
  latin_1_decode: decoder("latin_1"),
  utf_16_encode: encoder("utf_16"),
  utf_16_decode: decoder("utf_16"),
  utf_16_le_encode: encoder("utf_16_le"),
  utf_16_le_decode: decoder("utf_16_le"),
  utf_16_be_encode: encoder("utf_16_be"),
  utf_16_be_decode: decoder("utf_16_be"),
  utf_32_encode: encoder("utf_32"),
  utf_32_decode: decoder("utf_32"),
  utf_32_le_encode: encoder("utf_32_le"),
  utf_32_le_decode: decoder("utf_32_le"),
  utf_32_be_encode: encoder("utf_32_be"),
  utf_32_be_decode: decoder("utf_32_be"),
  BOM: bom(0xff, 0xfe),
  BOM32_LE: bom(0xff, 0xfe),
  BOM32_BE: bom(0xfe, 0xff),
  BOM64_LE: bom(0xff, 0xfe, 0, 0),
  BOM64_BE: bom(0, 0, 0xfe, 0xff),
  BOM_LE: bom(0xff, 0xfe),
  BOM_BE: bom(0xfe, 0xff),
  BOM_UTF8: bom(0xef, 0xbb, 0xbf),
  BOM_UTF16: bom(0xff, 0xfe),
  BOM_UTF16_LE: bom(0xff, 0xfe),
  BOM_UTF16_BE: bom(0xfe, 0xff),
  BOM_UTF32: bom(0xff, 0xfe, 0, 0),
  BOM_UTF32_LE: bom(0xff, 0xfe, 0, 0),
  BOM_UTF32_BE: bom(0, 0, 0xfe, 0xff),
});
