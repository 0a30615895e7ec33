// configparser's typed getters: BOOLEAN_STATES, `_get_conv` (getint/getfloat/getboolean and
// every converter's `get<name>`) and ConverterMapping, the `converters=` registry that adds a
// `get<name>` to the parser and to each of its section proxies (Lib/configparser.py 3.11).

import { callable, delattr, getattr, setattr } from "../values/builtin-functions.js";
import { Dict } from "../values/dict.js";
import { AttributeError, KeyError, ValueError } from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { repr, toStr } from "../values/repr.js";
import { typeOf } from "../values/builtin-types.js";
import { dir } from "../lang/objects.js";
import { MutableMappingMixins } from "./collections-abc.js";
import { NoOptionError, NoSectionError } from "./configparser-errors.js";
import { partial } from "./functools.js";
import { callValue } from "./pycall.js";
import { compilePattern } from "./re.js";

export const BOOLEAN_STATES: Record<string, boolean> = { "1": true, yes: true, true: true, on: true, "0": false, no: false, false: false, off: false };

/**
 * `_get_conv(section, option, conv, *, raw=False, vars=None, fallback=_UNSET, **kwargs)`:
 * `conv(parser.get(...))`, with fallback for a missing section or option.
 */
export function getConverted(parser: object, args: unknown[]): unknown {
  const [pos, kws] = splitKw(args);
  const conv = pos.length > 2 ? pos[2] : kws["conv"];
  delete kws["conv"];
  const hasFallback = "fallback" in kws;
  const fallback = kws["fallback"];
  delete kws["fallback"];
  let value: unknown;
  try {
    value = callValue(getattr(parser, "get"), ...pos.slice(0, 2), kw(kws));
  } catch (e) {
    if ((e instanceof NoSectionError || e instanceof NoOptionError) && hasFallback) return fallback;
    throw e;
  }
  return callValue(conv, value);
}

/** `RawConfigParser._convert_to_boolean`: BOOLEAN_STATES of the parser (a subclass may replace it). */
export function toBoolean(parser: object, value: unknown): unknown {
  const states = getattr(parser, "BOOLEAN_STATES");
  const key = callValue(getattr(value, "lower"));
  const found = states instanceof Dict ? states.get(key) : undefined;
  if (found === undefined) {
    try {
      return callValue(getattr(states, "__getitem__"), key);
    } catch (e) {
      if (e instanceof KeyError || e instanceof AttributeError) throw new ValueError(`Not a boolean: ${toStr(value)}`);
      throw e;
    }
  }
  return found;
}

const GETTERCRE = compilePattern("^get(?P<name>.+)$");

/** A parser as the mapping sees it: its section proxies (DEFAULT first). */
interface ConvertingParser {
  proxyList(): object[];
}

/** `parser.converters`: converter name -> callable (None for a getter the parser class defines). */
export class ConverterMapping extends MutableMappingMixins {
  static readonly __module__: string = "configparser";
  static GETTERCRE = GETTERCRE;
  private readonly data = new Dict<unknown, unknown>();

  constructor(private readonly parser: ConvertingParser & object) {
    super();
    for (const getter of dir(parser)) {
      const m = GETTERCRE.match(getter);
      if (m === null || !callable(getattr(parser, getter))) continue;
      this.data.set(m.group("name"), null);
    }
  }

  __getitem__(key: unknown): unknown {
    const value = this.data.get(key);
    if (value === undefined && !this.data.has(key)) throw new KeyError(key);
    return value;
  }

  __setitem__(key: unknown, value: unknown): null {
    if (typeof key !== "string") throw new ValueError(`Incompatible key: ${toStr(key)} (type: ${repr(typeOf(key))})`);
    if (key === "") throw new ValueError('Incompatible key: cannot use "" as a name');
    const name = `get${key}`;
    this.data.set(key, value);
    const parser = this.parser;
    const func = new partial(getattr(parser, "_get_conv"), kw({ conv: value }));
    setattr(func, "converter", value);
    setattr(parser, name, func);
    for (const proxy of parser.proxyList()) setattr(proxy, name, new partial(getattr(proxy, "get"), kw({ _impl: func })));
    return null;
  }

  __delitem__(key: unknown): null {
    if (typeof key !== "string" || key === "") throw new KeyError(key);
    if (!this.data.has(key)) throw new KeyError(key);
    this.data.delete(key);
    for (const inst of [this.parser, ...this.parser.proxyList()]) {
      try {
        delattr(inst, `get${key}`);
      } catch (e) {
        if (!(e instanceof AttributeError)) throw e;
      }
    }
    return null;
  }

  __iter__(): Iterator<unknown> {
    return [...this.data.keys()][Symbol.iterator]();
  }

  [Symbol.iterator](): Iterator<unknown> {
    return this.__iter__();
  }

  __len__(): bigint {
    return BigInt(this.data.size);
  }

  __contains__(key: unknown): boolean {
    return this.data.has(key);
  }
}
