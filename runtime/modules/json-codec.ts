// json.JSONEncoder and json.JSONDecoder: the classes behind dumps/loads that programs
// subclass (`default` for types JSON lacks, `object_hook` to build objects) and pass as `cls=`.

import { splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { Dict } from "../values/dict.js";
import { lt } from "../values/compare.js";
import { PyIterator } from "../values/iteration.js";
import { toStr } from "../values/repr.js";
import { initInstance } from "../lang/mro.js";
import { truthy } from "../values/truth.js";
import { dumpOptions, encode, notSerializable, Parser, parseHooks, quote, type DumpOptions, type ParseHooks } from "./json.js";
import { declareClassValues } from "../values/declared-attributes.js";

export class JSONEncoder {
  static readonly __module__ = "json.encoder";
  declare item_separator: string;
  declare key_separator: string;
  declare indent: unknown;
  declare sort_keys: boolean;
  declare ensure_ascii: boolean;
  declare skipkeys: boolean;
  declare check_circular: boolean;
  declare allow_nan: boolean;

  constructor(...args: unknown[]) {
    initInstance(this, args);
  }

  __init__(...args: unknown[]): null {
    const [, kws] = splitKw(args);
    const options = dumpOptions(kws, null);
    this.item_separator = options.itemSeparator;
    this.key_separator = options.keySeparator;
    this.indent = kws["indent"] ?? null;
    this.sort_keys = options.sortKeys;
    this.ensure_ascii = options.ensureAscii;
    this.skipkeys = kws["skipkeys"] === true;
    this.check_circular = kws["check_circular"] !== false;
    this.allow_nan = kws["allow_nan"] !== false;
    // `default=f` replaces the method for this instance, as in CPython.
    const given = kws["default"];
    if (given !== null && given !== undefined) Object.defineProperty(this, "default", { value: given, writable: true, configurable: true });
    return null;
  }

  /** Called for an object JSON cannot encode: subclasses return something it can. */
  default(o: unknown): unknown {
    throw notSerializable(o);
  }

  encode(o: unknown): string {
    const indent = this.indent;
    const options: DumpOptions = {
      indent: indent === null || indent === undefined ? null : typeof indent === "string" ? indent : " ".repeat(Number(indent)),
      itemSeparator: this.item_separator,
      keySeparator: this.key_separator,
      sortKeys: this.sort_keys,
      ensureAscii: this.ensure_ascii,
      allowNan: this.allow_nan,
      skipKeys: this.skipkeys,
      fallback: (value) => (this.default as (v: unknown) => unknown)(value),
      markers: this.check_circular ? new Set() : null,
    };
    if (typeof o === "string") return quote(o, options.ensureAscii);
    return encode(o, options, 0);
  }

  /** `iterencode(o)`: the text in CPython's chunks (`'{'`, `'"k"'`, `': '`, `'[1'`, `', 2'`, ...). */
  iterencode(o: unknown): PyIterator<string> {
    const text = (x: unknown): string => (this.encode as (v: unknown) => string).call(this, x);
    const simple = (x: unknown): boolean => x === null || x === undefined || typeof x === "boolean" || typeof x === "bigint" || typeof x === "number" || typeof x === "string";
    const indent = this.indent === null || this.indent === undefined ? null : typeof this.indent === "string" ? this.indent : " ".repeat(Number(this.indent));
    const chunks: string[] = [];
    const walk = (value: unknown, level: number): void => {
      if (simple(value)) {
        chunks.push(text(value));
        return;
      }
      // A list subclass is listed by iterating it (its own `__iter__`), as CPython's encoder does.
      const items = Array.isArray(value) ? (Object.getPrototypeOf(value) === Array.prototype ? value : Array.from(value as unknown[])) : value instanceof Tuple ? value.items : null;
      const newline = (depth: number): string => (indent === null ? "" : "\n" + indent.repeat(depth));
      if (items !== null) {
        if (items.length === 0) return void chunks.push("[]");
        let buf = "[" + newline(level + 1);
        items.forEach((item, i) => {
          if (i > 0) buf = this.item_separator + newline(level + 1);
          if (simple(item)) chunks.push(buf + text(item));
          else {
            chunks.push(buf);
            walk(item, level + 1);
          }
        });
        if (indent !== null) chunks.push(newline(level));
        chunks.push("]");
        return;
      }
      if (value instanceof Dict) {
        if (value.size === 0) return void chunks.push("{}");
        chunks.push("{");
        if (indent !== null) chunks.push(newline(level + 1));
        let entries = [...value.entries()];
        if (this.sort_keys) entries = entries.sort(([a], [b]) => (lt(a, b) ? -1 : lt(b, a) ? 1 : 0));
        entries.forEach(([k, v], i) => {
          if (i > 0) chunks.push(this.item_separator + newline(level + 1));
          chunks.push(typeof k === "string" ? quote(k, this.ensure_ascii) : text(String(text(k))));
          chunks.push(this.key_separator);
          walk(v, level + 1);
        });
        if (indent !== null) chunks.push(newline(level));
        chunks.push("}");
        return;
      }
      walk((this.default as (v: unknown) => unknown).call(this, value), level);
    };
    walk(o, 0);
    return new PyIterator(chunks[Symbol.iterator]());
  }
}

export class JSONDecoder {
  static readonly __module__ = "json.decoder";
  declare object_hook: unknown;
  declare object_pairs_hook: unknown;
  declare parse_float: unknown;
  declare parse_int: unknown;
  declare parse_constant: unknown;
  declare strict: boolean;

  constructor(...args: unknown[]) {
    initInstance(this, args);
  }

  __init__(...args: unknown[]): null {
    const [, kws] = splitKw(args);
    const hooks = parseHooks(kws);
    this.object_hook = hooks.objectHook ?? null;
    this.object_pairs_hook = hooks.pairsHook ?? null;
    this.parse_float = hooks.parseFloat ?? null;
    this.parse_int = hooks.parseInt ?? null;
    this.parse_constant = hooks.parseConstant ?? null;
    this.strict = kws["strict"] !== false;
    return null;
  }

  private hooks(): ParseHooks {
    return { objectHook: this.object_hook, pairsHook: this.object_pairs_hook, parseFloat: this.parse_float, parseInt: this.parse_int, parseConstant: this.parse_constant, strict: truthy(this.strict) };
  }

  decode(s: unknown): unknown {
    return new Parser(toStr(s), this.hooks()).parse();
  }

  /** The value at the start of `s` (from `idx`) and the index where it ends. */
  raw_decode(s: unknown, idx: unknown = 0n): Tuple {
    const parser = new Parser(toStr(s), this.hooks());
    parser.pos = Number(idx);
    const [value, end] = parser.rawDecode();
    return Tuple.from<unknown>([value, BigInt(end)]);
  }
}

// (`json.JSONEncoder.item_separator`: the defaults CPython's class body binds)
declareClassValues(JSONEncoder, { item_separator: ", ", key_separator: ": " });
