// Python's `json`: dumps/loads (and dump/load on file objects) with CPython's output format:
// `", "` and `": "` separators, `indent`, `sort_keys`, `ensure_ascii`, ints kept as ints.
import { unwrap, WrappedValue } from "../values/wrapped.js";
import { Dict } from "../values/dict.js";
import { Tuple } from "../values/tuple.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { floatRepr } from "../values/float-repr.js";
import { typeName } from "../values/typename.js";
import { lt } from "../values/compare.js";
import { callValue } from "./pycall.js";
import { moduleObject } from "./module-object.js";
import { pyClass } from "./callable-class.js";
import { JSONDecoder, JSONEncoder } from "./json-codec.js";

export interface DumpOptions {
  indent: string | null;
  itemSeparator: string;
  keySeparator: string;
  sortKeys: boolean;
  ensureAscii: boolean;
  /** `allow_nan=False`: NaN and the infinities raise ValueError instead. */
  allowNan?: boolean;
  /** `skipkeys=True`: a key that is not str/int/float/bool/None is left out, not a TypeError. */
  skipKeys?: boolean;
  /** `default`: turns an object JSON cannot encode into one it can (or raises TypeError). */
  fallback: ((o: unknown) => unknown) | null;
  /** `check_circular=True`: the containers being encoded, a container met inside itself is a ValueError. */
  markers?: Set<unknown> | null;
}

/** Encode a container (or what `default` turned an object into), checking it is not one being encoded. */
function guarded(value: unknown, options: DumpOptions, encodeIt: () => string): string {
  const markers = options.markers;
  if (markers === null || markers === undefined) return encodeIt();
  if (markers.has(value)) throw new ValueError("Circular reference detected");
  markers.add(value);
  try {
    return encodeIt();
  } finally {
    markers.delete(value);
  }
}

export function quote(text: string, ensureAscii: boolean): string {
  const json = JSON.stringify(text);
  return ensureAscii ? json.replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")) : json;
}

function floatText(x: number, options?: DumpOptions): string {
  if (options?.allowNan === false && !Number.isFinite(x)) throw new ValueError(`Out of range float values are not JSON compliant`);
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  return floatRepr(x);
}

function keyText(given: unknown, options: DumpOptions): string {
  const key = unwrap(given);
  if (typeof key === "string") return quote(key, options.ensureAscii);
  if (typeof key === "bigint") return `"${key}"`;
  if (typeof key === "number") return `"${floatText(key, options)}"`;
  if (typeof key === "boolean") return key ? '"true"' : '"false"';
  if (key === null || key === undefined) return '"null"';
  throw new PyTypeError(`keys must be str, int, float, bool or None, not ${typeName(key)}`);
}

export function encode(value: unknown, options: DumpOptions, depth: number): string {
  if (value === null || value === undefined) return "null";
  if (value === true) return "true";
  if (value === false) return "false";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return floatText(value, options);
  if (typeof value === "string") return quote(value, options.ensureAscii);
  // Subclasses of str, int and float encode as their value (CPython's encoder checks isinstance).
  if (value instanceof WrappedValue) return encode(unwrap(value), options, depth);
  const inner = options.indent === null ? "" : "\n" + options.indent.repeat(depth + 1);
  const outer = options.indent === null ? "" : "\n" + options.indent.repeat(depth);
  if (Array.isArray(value) || value instanceof Tuple) {
    // A list subclass is listed by iterating it (its own `__iter__`), as CPython's encoder does.
    const items = Array.isArray(value) ? (Object.getPrototypeOf(value) === Array.prototype ? value : Array.from(value as unknown[])) : value.items;
    if (items.length === 0) return "[]";
    return guarded(value, options, () => "[" + inner + items.map((x) => encode(x, options, depth + 1)).join(options.itemSeparator + inner) + outer + "]");
  }
  if (value instanceof Dict) {
    let entries = [...value.entries()];
    if (options.skipKeys === true) entries = entries.filter(([k]) => isKeyType(unwrap(k)));
    if (entries.length === 0) return "{}";
    // (sorted as Python sorts the keys: 2 before 10; str and int keys together raise TypeError)
    if (options.sortKeys) entries = entries.sort(([a], [b]) => (lt(a, b) ? -1 : lt(b, a) ? 1 : 0));
    return guarded(value, options, () => {
      const parts = entries.map(([k, v]) => keyText(k, options) + options.keySeparator + encode(v, options, depth + 1));
      return "{" + inner + parts.join(options.itemSeparator + inner) + outer + "}";
    });
  }
  const fallback = options.fallback;
  if (fallback !== null) return guarded(value, options, () => encode(fallback(value), options, depth));
  throw notSerializable(value);
}

function isKeyType(key: unknown): boolean {
  return key === null || key === undefined || ["string", "bigint", "number", "boolean"].includes(typeof key);
}

export function notSerializable(value: unknown): PyTypeError {
  return new PyTypeError(`Object of type ${typeName(value)} is not JSON serializable`);
}

/** The encoder settings from `dumps`'s (or JSONEncoder's) keyword arguments. */
export function dumpOptions(kws: Record<string, unknown>, fallback: ((o: unknown) => unknown) | null): DumpOptions {
  const indentArg = kws["indent"] ?? null;
  const indent = indentArg === null ? null : typeof indentArg === "string" ? indentArg : " ".repeat(Number(indentArg));
  let itemSeparator = indent === null ? ", " : ",";
  let keySeparator = ": ";
  const separators = kws["separators"];
  if (separators !== null && separators !== undefined) {
    const pair = separators instanceof Tuple ? separators.items : (separators as unknown[]);
    itemSeparator = String(pair[0]);
    keySeparator = String(pair[1]);
  }
  return { indent, itemSeparator, keySeparator, sortKeys: kws["sort_keys"] === true, ensureAscii: kws["ensure_ascii"] !== false, allowNan: kws["allow_nan"] !== false, skipKeys: kws["skipkeys"] === true, fallback, markers: kws["check_circular"] === false ? null : new Set() };
}

/** `json.dumps(obj, *, cls=None, indent=None, separators=None, sort_keys=False, ensure_ascii=True, default=None)`. */
export function dumps(...args: unknown[]): string {
  const [positional, kws] = splitKw(args);
  const { cls, ...rest } = kws;
  if (cls !== null && cls !== undefined) return callMethod(callValue(cls, kw(rest)), "encode", positional[0]) as string;
  const fallback = kws["default"];
  const options = dumpOptions(kws, fallback === null || fallback === undefined ? null : (o) => callValue(fallback, o));
  return encode(positional[0], options, 0);
}

/** A JSON text to Python values: ints stay ints (bigint), objects become dicts. */
export interface ParseHooks {
  objectHook: unknown;
  pairsHook: unknown;
  parseFloat: unknown;
  parseInt: unknown;
  parseConstant: unknown;
  /** false: control characters are allowed inside strings */
  strict?: boolean;
}

const given = (f: unknown): boolean => f !== null && f !== undefined;

export function parseHooks(kws: Record<string, unknown>): ParseHooks {
  return { objectHook: kws["object_hook"], pairsHook: kws["object_pairs_hook"], parseFloat: kws["parse_float"], parseInt: kws["parse_int"], parseConstant: kws["parse_constant"], strict: kws["strict"] !== false };
}

/** A run of characters a JSON string holds as they are (sticky: from its lastIndex). */
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;
const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

export class Parser {
  pos = 0;
  constructor(
    private readonly text: string,
    private readonly hooks: ParseHooks | null = null,
  ) {}

  /** One value from `pos` (JSONDecoder.raw_decode): the value and where it ends. */
  rawDecode(): [unknown, number] {
    const value = this.value();
    return [value, this.pos];
  }

  fail(what: string): never {
    this.failAt(what, this.pos);
  }

  failAt(what: string, pos: number): never {
    throw new JSONDecodeError(what, this.text, BigInt(pos));
  }

  /** JSON's whitespace: space, tab, newline and carriage return only. */
  space(): void {
    for (let c = this.text.charCodeAt(this.pos); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = this.text.charCodeAt(++this.pos));
  }

  parse(): unknown {
    this.space();
    const value = this.value();
    this.space();
    if (this.pos < this.text.length) this.fail("Extra data");
    return value;
  }

  value(): unknown {
    this.space();
    const c = this.text[this.pos];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    for (const [word, value] of [["null", null], ["true", true], ["false", false], ["NaN", NaN], ["Infinity", Infinity], ["-Infinity", -Infinity]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        if (typeof value === "number" && given(this.hooks?.parseConstant)) return callValue(this.hooks!.parseConstant, word);
        return value;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m) this.fail("Expecting value");
    this.pos += m[0].length;
    if (m[2] !== undefined || m[3] !== undefined) return given(this.hooks?.parseFloat) ? callValue(this.hooks!.parseFloat, m[0]) : Number(m[0]);
    return given(this.hooks?.parseInt) ? callValue(this.hooks!.parseInt, m[0]) : BigInt(m[0]);
  }

  /**
   * The string whose quote is at `pos`, as CPython's scanstring reads it: its errors and their
   * positions (an unterminated string at its quote, an invalid escape at its backslash, a bad
   * \\u escape at its `u`, a control character where it is unless `strict=False`), and a
   * \\u escape of a high surrogate followed by one of a low surrogate joined into one character.
   */
  string(): string {
    const text = this.text;
    const start = this.pos;
    let chunks = "";
    let at = start + 1;
    for (;;) {
      PLAIN_RUN.lastIndex = at;
      PLAIN_RUN.test(text);
      const stop = PLAIN_RUN.lastIndex;
      chunks += text.slice(at, stop);
      if (stop >= text.length) this.failAt("Unterminated string starting at", start);
      const c = text.charCodeAt(stop);
      if (c === 0x22) {
        this.pos = stop + 1;
        return chunks;
      }
      if (c !== 0x5c) {
        // a control character
        if (this.hooks?.strict !== false) this.failAt("Invalid control character at", stop);
        chunks += text[stop];
        at = stop + 1;
        continue;
      }
      if (stop + 1 >= text.length) this.failAt("Unterminated string starting at", start);
      const escape = text[stop + 1]!;
      if (escape !== "u") {
        const char = SIMPLE_ESCAPES[escape];
        if (char === undefined) this.failAt("Invalid \\escape", stop);
        chunks += char;
        at = stop + 2;
        continue;
      }
      let code = this.hexEscape(stop + 1);
      at = stop + 6;
      if (code >= 0xd800 && code <= 0xdbff && text[at] === "\\" && text[at + 1] === "u") {
        const low = this.hexEscape(at + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          at += 6;
        }
      }
      chunks += String.fromCodePoint(code);
    }
  }

  /** The four hex digits after the `u` at `u`; CPython's error at the `u` when they are not. */
  private hexEscape(u: number): number {
    const digits = this.text.slice(u + 1, u + 5);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) this.failAt("Invalid \\uXXXX escape", u);
    return parseInt(digits, 16);
  }

  array(): unknown[] {
    this.pos++;
    const items: unknown[] = [];
    this.space();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.space();
      const c = this.text[this.pos];
      if (c !== "]" && c !== ",") this.fail("Expecting ',' delimiter");
      this.pos++;
      if (c === "]") return items;
    }
  }

  object(): unknown {
    this.pos++;
    const pairs: [string, unknown][] = [];
    this.space();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return this.finishObject(pairs);
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"') this.fail("Expecting property name enclosed in double quotes");
      const key = this.string();
      this.space();
      if (this.text[this.pos] !== ":") this.fail("Expecting ':' delimiter");
      this.pos++;
      pairs.push([key, this.value()]);
      this.space();
      const c = this.text[this.pos];
      if (c !== "}" && c !== ",") this.fail("Expecting ',' delimiter");
      this.pos++;
      if (c === "}") return this.finishObject(pairs);
    }
  }

  /** A dict, or what object_pairs_hook / object_hook make of the object. */
  private finishObject(pairs: [string, unknown][]): unknown {
    if (given(this.hooks?.pairsHook)) return callValue(this.hooks!.pairsHook, pairs.map(([k, v]) => Tuple.of(k, v)));
    const d = new Dict<string, unknown>();
    for (const [k, v] of pairs) d.set(k, v);
    return given(this.hooks?.objectHook) ? callValue(this.hooks!.objectHook, d) : d;
  }
}

/** `JSONDecodeError(msg, doc, pos)`: the message with its line and column; `msg`, `doc`, `pos`, `lineno`, `colno`. */
export class JSONDecodeError extends ValueError {
  static readonly __module__ = "json.decoder";
  declare msg: unknown;
  declare doc: unknown;
  declare pos: unknown;
  declare lineno: unknown;
  declare colno: unknown;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const [msg, doc, at] = [pos[0] ?? kws["msg"], pos[1] ?? kws["doc"], pos[2] ?? kws["pos"]];
    if (typeof doc !== "string" || typeof at !== "bigint") {
      super(...pos);
      return;
    }
    const before = doc.slice(0, Number(at));
    const lineno = BigInt(before.split("\n").length);
    const colno = BigInt(Number(at) - before.lastIndexOf("\n"));
    super(`${String(msg)}: line ${lineno} column ${colno} (char ${at})`);
    Object.assign(this, { msg, doc, pos: at, lineno, colno });
  }
}

/** `json.detect_encoding(b)`: the encoding of JSON bytes, from a BOM or the zero bytes of the first characters. */
function detect_encoding(b: unknown): string {
  if (!(b instanceof Uint8Array)) throw new PyTypeError(`a bytes-like object is required, not '${typeName(b)}'`);
  const starts = (...prefix: number[]): boolean => prefix.every((byte, i) => b[i] === byte);
  if (starts(0, 0, 0xfe, 0xff) || starts(0xff, 0xfe, 0, 0)) return "utf-32";
  if (starts(0xfe, 0xff) || starts(0xff, 0xfe)) return "utf-16";
  if (starts(0xef, 0xbb, 0xbf)) return "utf-8-sig";
  if (b.length >= 4) {
    if (!b[0]) return b[1] ? "utf-16-be" : "utf-32-be";
    if (!b[1]) return b[2] || b[3] ? "utf-16-le" : "utf-32-le";
  } else if (b.length === 2) {
    if (!b[0]) return "utf-16-be";
    if (!b[1]) return "utf-16-le";
  }
  return "utf-8";
}

/** `json.loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None, parse_constant=None, object_pairs_hook=None)`. */
export function loads(...args: unknown[]): any {
  const [[text], kws] = splitKw(args);
  const source = text instanceof Uint8Array ? (callMethod(text, "decode", detect_encoding(text), "surrogatepass") as string) : String(text);
  const { cls, ...rest } = kws;
  if (cls !== null && cls !== undefined) return callMethod(callValue(cls, kw(rest)), "decode", source);
  return new Parser(source, parseHooks(kws)).parse();
}

/** `json.dump(obj, fp, ...)`: write the text to a file object. */
export function dump(obj: unknown, file: { write(text: string): unknown }, ...rest: unknown[]): null {
  file.write(dumps(obj, ...rest));
  return null;
}

/** `json.load(fp, **kw)`. */
export function load(file: { read(): unknown }, ...rest: unknown[]): any {
  return loads(file.read(), ...rest);
}

export const jsonModule = moduleObject("json", { dumps, loads, dump, load, detect_encoding, JSONDecodeError, JSONEncoder: pyClass(JSONEncoder), JSONDecoder: pyClass(JSONDecoder) });
