// logging.config's configurator machinery: `valid_ident`, `BaseConfigurator` (the `ext://` and
// `cfg://` value converters, `resolve`, `configure_custom` for `()` factories, `as_tuple`),
// as CPython's Lib/logging/config.py documents them. The configuration stays the program's
// own dict: values are converted where dictConfig reads them (not through ConvertingDict).

import { PyTypeError, ValueError } from "../values/exceptions.js";
import { Dict } from "../values/dict.js";
import { kw } from "../values/kwargs.js";
import { repr, toStr } from "../values/repr.js";
import { iterable } from "../values/iteration.js";
import { callMethod } from "../values/methods.js";
import { getitem } from "../values/subscript.js";
import { setattr } from "../values/builtin-functions.js";
import { Tuple } from "../values/tuple.js";
import { standardStreams } from "../values/print.js";
import { callValue } from "./pycall.js";
import * as logging from "./logging.js";

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/i;

/** `valid_ident(s)`: true for a Python identifier, else CPython's ValueError. */
export function valid_ident(s: unknown): boolean {
  if (typeof s !== "string" || !IDENTIFIER.test(s)) throw new ValueError(`Not a valid Python identifier: ${repr(s)}`);
  return true;
}

const CONVERT_PATTERN = /^([a-z]+):\/\/(.*)$/s;
const WORD_PATTERN = /^\s*(\w+)\s*/;
const DOT_PATTERN = /^\.\s*(\w+)\s*/;
const INDEX_PATTERN = /^\[\s*(\w+)\s*\]\s*/;
const DIGIT_PATTERN = /^\d+$/;

/** `logging.config.BaseConfigurator(config)`. */
export class BaseConfigurator {
  static readonly __module__ = "logging.config";
  static value_converters = Dict.fromRecord({ ext: "ext_convert", cfg: "cfg_convert" });
  config: unknown;

  constructor(config: unknown) {
    this.config = config;
  }

  /** A dotted name: `sys.stdout`/`sys.stderr`, or logging's own classes and functions. */
  resolve(s: unknown): any {
    const name = toStr(s);
    if (name === "sys.stdout") return standardStreams.stdout;
    if (name === "sys.stderr") return standardStreams.stderr;
    const short = name.startsWith("logging.") ? name.slice(8) : name;
    const value = (logging.loggingModule as unknown as Record<string, unknown>)[short];
    if (value === undefined || short.includes(".")) {
      const err = new ValueError(`Cannot resolve ${repr(name)}: No module named ${repr(name.split(".")[0])}`);
      throw err;
    }
    return value;
  }

  ext_convert(value: unknown): any {
    return this.resolve(value);
  }

  /** `cfg://handlers.console.level`, `cfg://items[0]`: a value elsewhere in the configuration. */
  cfg_convert(value: unknown): any {
    let rest = toStr(value);
    const first = WORD_PATTERN.exec(rest);
    if (first === null) throw new ValueError(`Unable to convert ${repr(value)}`);
    rest = rest.slice(first[0].length);
    let d: unknown = getitem(this.config, first[1]);
    while (rest) {
      const dot = DOT_PATTERN.exec(rest);
      const index = dot === null ? INDEX_PATTERN.exec(rest) : null;
      if (dot !== null) d = getitem(d, dot[1]);
      else if (index !== null) {
        const idx = index[1]!;
        if (!DIGIT_PATTERN.test(idx)) d = getitem(d, idx);
        else {
          try {
            d = getitem(d, BigInt(idx));
          } catch (error) {
            if (!(error instanceof PyTypeError)) throw error;
            d = getitem(d, idx);
          }
        }
      } else throw new ValueError(`Unable to convert ${repr(value)} at ${repr(rest)}`);
      rest = rest.slice((dot ?? index)![0].length);
    }
    return d;
  }

  /** A string `prefix://suffix` through its converter; other values as they are. */
  convert(value: unknown): any {
    if (typeof value !== "string") return value;
    const m = CONVERT_PATTERN.exec(value);
    if (m === null) return value;
    const converters = (this.constructor as typeof BaseConfigurator).value_converters;
    const method = converters.get(m[1]);
    if (method === undefined) return value;
    return callMethod(this, toStr(method), m[2]);
  }

  /** A `()` factory's object: the factory called with the identifier keys, then the `.` attributes set. */
  configure_custom(config: unknown): any {
    let factory = callMethod(config, "pop", "()");
    if (typeof factory === "string") factory = this.resolve(factory);
    const props = callMethod(config, "pop", ".", null);
    const kwargs: Record<string, unknown> = {};
    for (const k of Array.from(iterable(config))) if (typeof k === "string" && IDENTIFIER.test(k)) kwargs[k] = this.convert(getitem(config, k));
    const result = callValue(factory, kw(kwargs));
    if (props !== null) for (const k of Array.from(iterable(props))) setattr(result, k, this.convert(getitem(props, k)));
    return result;
  }

  as_tuple(value: unknown): any {
    return Array.isArray(value) ? Tuple.of(...value) : value;
  }
}
