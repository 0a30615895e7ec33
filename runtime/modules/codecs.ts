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
import { TupleSubclass } from "./struct-sequence.js";
import { typeName } from "../values/typename.js";
import { canonicalEncoding, wideCodec } from "../values/wide-codec.js";
import { installCodecFinder } from "../values/codec-registry.js";
import { Kwargs } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { truthy } from "../values/truth.js";
import { open as openBuiltin } from "../lang/files.js";
import { pyClass } from "./callable-class.js";
import { BufferedIncrementalDecoder, BufferedIncrementalEncoder, IncrementalDecoder, IncrementalEncoder, incrementalClasses, statelessDecode, statelessEncode, type CodecSpec } from "./codecs-incremental.js";
import { charmapNames, setIncrementalLookup } from "./codecs-charmap.js";
import { codecsErrorNames } from "./codecs-errors.js";
import { escapeNames } from "./codecs-escape.js";
import { Codec, StreamReader, StreamReaderWriter, StreamRecoder, StreamWriter } from "./codecs-streams.js";
import { streamClasses } from "./codecs-builtin-streams.js";
import { callValue } from "./pycall.js";
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

/** `codecs.CodecInfo(encode, decode, streamreader=None, streamwriter=None, incrementalencoder=None, incrementaldecoder=None, name=None)`. */
class CodecInfo extends TupleSubclass<unknown> {
  name: unknown;
  encode: unknown;
  decode: unknown;
  streamreader: unknown;
  streamwriter: unknown;
  incrementalencoder: unknown;
  incrementaldecoder: unknown;
  _is_text_encoding: boolean;

  constructor(...args: unknown[]) {
    const [encode, decode, streamreader, streamwriter, incrementalencoder, incrementaldecoder, name, textEncoding] = argsOf(
      args,
      ["encode", "decode", "streamreader", "streamwriter", "incrementalencoder", "incrementaldecoder", "name", "_is_text_encoding"],
      [undefined, undefined, null, null, null, null, null, null],
    );
    if (encode === undefined || decode === undefined) throw new PyTypeError(`CodecInfo.__new__() missing required argument '${encode === undefined ? "encode" : "decode"}'`);
    super([encode, decode, streamreader, streamwriter]);
    this.name = name;
    this.encode = encode;
    this.decode = decode;
    this.streamreader = streamreader;
    this.streamwriter = streamwriter;
    this.incrementalencoder = incrementalencoder;
    this.incrementaldecoder = incrementaldecoder;
    this._is_text_encoding = textEncoding === null ? true : truthy(textEncoding);
  }

  __repr__(): string {
    return `<codecs.CodecInfo object for encoding ${String(this.name)} at 0x7f0000000000>`;
  }
}

Object.defineProperties(CodecInfo, { pythonName: { value: "CodecInfo" }, __module__: { value: "codecs" } });

/** The CodecInfo of one of the runtime's codecs (encodings.<module>'s getregentry()). */
function builtinInfo(spec: CodecSpec): CodecInfo {
  const encode = builtinFunction(statelessEncode(spec), `${spec.module}_encode`);
  const decode = builtinFunction(statelessDecode(spec), `${spec.module}_decode`);
  const [enc, dec] = incrementalClasses(spec);
  const [reader, writer] = streamClasses(spec);
  return new CodecInfo(encode, decode, pyClass(reader), pyClass(writer), pyClass(enc), pyClass(dec), spec.name);
}

const cache = new Map<string, CodecInfo>();
const searchFunctions: unknown[] = [];

/** The name a search function is given: lowercased, hyphens and spaces made underscores. */
const normalized = (encoding: string): string => encoding.toLowerCase().replace(/[- ]/g, "_");

function lookup(encoding: unknown): CodecInfo {
  if (typeof encoding !== "string") throw new PyTypeError(`lookup() argument must be str, not ${typeName(encoding)}`);
  const key = normalized(encoding);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const module = canonicalEncoding(encoding);
  const name = NAMES[module];
  let info: CodecInfo | undefined;
  if (name !== undefined) info = builtinInfo({ module, name, wide: wideCodec(module) });
  else if (module === "rot_13") info = rot13Info();
  else if (module === "unicode_escape" || module === "raw_unicode_escape") info = escapeInfo(module);
  for (let i = 0; info === undefined && i < searchFunctions.length; i++) {
    const found = callValue(searchFunctions[i], key) as unknown;
    if (found === null) continue;
    if (!(found instanceof Tuple) || found.items.length !== 4) throw new PyTypeError("codec search functions must return 4-tuples");
    info = found instanceof CodecInfo ? found : new CodecInfo(...found.items);
  }
  if (info === undefined) throw new LookupError(`unknown encoding: ${encoding}`);
  cache.set(key, info);
  return info;
}

/** unicode_escape and raw_unicode_escape (encodings.unicode_escape, ...). */
function escapeInfo(module: "unicode_escape" | "raw_unicode_escape"): CodecInfo {
  const encode = builtinFunction(escapeNames[`${module}_encode`], `${module}_encode`);
  const decode = builtinFunction(escapeNames[`${module}_decode`], `${module}_decode`);
  return new CodecInfo(encode, decode, null, null, null, null, module.replace(/_/g, "-"));
}

/** The rot_13 text transform (str to str, not a text encoding). */
function rot13Info(): CodecInfo {
  const rot = (s: string): string => s.replace(/[a-zA-Z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) & 31) + 12) % 26 + (c.charCodeAt(0) & 96) + 1));
  const transform = builtinFunction((...args: unknown[]) => {
    const [input] = argsOf(args, ["input", "errors"], [undefined, "strict"]);
    if (typeof input !== "string") throw new PyTypeError(`expected str, got ${typeName(input)}`);
    return new Tuple<unknown>([rot(input), BigInt([...input].length)]);
  }, "encode");
  return new CodecInfo(transform, transform, null, null, null, null, "rot-13", new Kwargs({ _is_text_encoding: false }));
}

function register(search: unknown): null {
  if (typeof search !== "function" && typeof (search as { __call__?: unknown } | null)?.__call__ !== "function") {
    throw new PyTypeError("argument must be callable");
  }
  searchFunctions.push(search);
  return null;
}

function unregister(search: unknown): null {
  const at = searchFunctions.indexOf(search);
  if (at >= 0) {
    searchFunctions.splice(at, 1);
    cache.clear();
  }
  return null;
}

/** (output, consumed) from a codec's function, or CPython's TypeError. */
function firstOf(result: unknown, what: string): unknown {
  if (!(result instanceof Tuple) || result.items.length !== 2) throw new PyTypeError(`${what} must return a tuple (object, integer)`);
  return result.items[0];
}

// str.encode and bytes.decode reach the codecs search functions find.
installCodecFinder((encoding) => {
  let info: CodecInfo;
  try {
    info = lookup(encoding);
  } catch (e) {
    if (e instanceof LookupError) return null;
    throw e;
  }
  return {
    textEncoding: info._is_text_encoding,
    encode: (input, errors) => firstOf(callValue(info.encode, input, errors), "encoder"),
    decode: (input, errors) => firstOf(callValue(info.decode, input, errors), "decoder"),
  };
});
setIncrementalLookup((encoding, which) => {
  const cls = lookup(encoding)[which as "incrementalencoder"];
  if (cls === null) throw new LookupError(encoding as string);
  return cls;
});

function argsOf(args: unknown[], names: readonly string[], defaults: readonly unknown[]): unknown[] {
  const [pos, kws] = splitKw(args);
  return names.map((name, i) => (i < pos.length ? pos[i] : name in kws ? kws[name] : defaults[i]));
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
function encode(...args: unknown[]): unknown {
  const [obj, encoding, errors] = codecArgs(args, "encode");
  if (NAMES[canonicalEncoding(encoding)] === undefined) return firstOf(callValue(lookup(encoding).encode, obj, errors), "encoder");
  if (typeof obj !== "string") {
    const why = `${canonicalEncoding(encoding)}_encode() argument 1 must be str, not ${typeName(obj)}`;
    throw new PyTypeError(`encoding with '${encoding}' codec failed (TypeError: ${why})`);
  }
  return encodeStr(obj, encoding, errors);
}

/** `codecs.decode(obj, encoding='utf-8', errors='strict')`. */
function decode(...args: unknown[]): unknown {
  const [obj, encoding, errors] = codecArgs(args, "decode");
  if (NAMES[canonicalEncoding(encoding)] === undefined) return firstOf(callValue(lookup(encoding).decode, obj, errors), "decoder");
  if (!(obj instanceof Uint8Array)) {
    throw new PyTypeError(`decoding with '${encoding}' codec failed (TypeError: a bytes-like object is required, not '${typeName(obj)}')`);
  }
  return decodeBytes(obj, encoding, errors);
}

/** `codecs.open(filename, mode='r', encoding=None, errors='strict', buffering=-1)`. */
function openFile(...args: unknown[]): unknown {
  const [filename, modeArg, encoding, errors, buffering] = argsOf(args, ["filename", "mode", "encoding", "errors", "buffering"], [undefined, "r", null, "strict", -1n]);
  let mode = modeArg as string;
  if (encoding !== null && !mode.includes("b")) mode += "b";
  const file = openBuiltin(filename, mode, buffering);
  if (encoding === null) return file;
  try {
    const info = lookup(encoding);
    const srw = new StreamReaderWriter(file, info.streamreader, info.streamwriter, errors);
    Object.assign(srw, { encoding });
    return srw;
  } catch (e) {
    callMethod(file, "close");
    throw e;
  }
}

/** `codecs.EncodedFile(file, data_encoding, file_encoding=None, errors='strict')`. */
function EncodedFile(...args: unknown[]): StreamRecoder {
  const [file, dataEncoding, fileEncodingArg, errors] = argsOf(args, ["file", "data_encoding", "file_encoding", "errors"], [undefined, undefined, null, "strict"]);
  const fileEncoding = fileEncodingArg ?? dataEncoding;
  const dataInfo = lookup(dataEncoding);
  const fileInfo = lookup(fileEncoding);
  const sr = new StreamRecoder(file, dataInfo.encode, dataInfo.decode, fileInfo.streamreader, fileInfo.streamwriter, errors);
  sr.data_encoding = dataEncoding;
  sr.file_encoding = fileEncoding;
  return sr;
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
  register: builtinFunction(register, "register"),
  unregister: builtinFunction(unregister, "unregister"),
  getreader: builtinFunction((encoding: unknown) => lookup(encoding).streamreader, "getreader"),
  getwriter: builtinFunction((encoding: unknown) => lookup(encoding).streamwriter, "getwriter"),
  open: builtinFunction(openFile, "open"),
  // a function (as CPython's), which `new codecs.EncodedFile(...)` may also call
  EncodedFile: EncodedFile as typeof EncodedFile & (new (...args: unknown[]) => StreamRecoder),
  Codec: pyClass(Codec),
  StreamReader: pyClass(StreamReader),
  StreamWriter: pyClass(StreamWriter),
  StreamReaderWriter: pyClass(StreamReaderWriter),
  StreamRecoder: pyClass(StreamRecoder),
  BufferedIncrementalEncoder: pyClass(BufferedIncrementalEncoder),
  BufferedIncrementalDecoder: pyClass(BufferedIncrementalDecoder),
  ...codecsErrorNames,
  charmap_encode: builtinFunction(charmapNames.charmap_encode, "charmap_encode"),
  charmap_decode: builtinFunction(charmapNames.charmap_decode, "charmap_decode"),
  charmap_build: builtinFunction(charmapNames.charmap_build, "charmap_build"),
  make_identity_dict: charmapNames.make_identity_dict,
  make_encoding_map: charmapNames.make_encoding_map,
  iterencode: charmapNames.iterencode,
  unicode_escape_encode: builtinFunction(escapeNames.unicode_escape_encode, "unicode_escape_encode"),
  unicode_escape_decode: builtinFunction(escapeNames.unicode_escape_decode, "unicode_escape_decode"),
  raw_unicode_escape_encode: builtinFunction(escapeNames.raw_unicode_escape_encode, "raw_unicode_escape_encode"),
  raw_unicode_escape_decode: builtinFunction(escapeNames.raw_unicode_escape_decode, "raw_unicode_escape_decode"),
  readbuffer_encode: builtinFunction(escapeNames.readbuffer_encode, "readbuffer_encode"),
  iterdecode: charmapNames.iterdecode,
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
