// configparser's SectionProxy: `parser[section]`, a live view of one section of a parser.

import { AttributeError, KeyError } from "../values/exceptions.js";
import { getattr, setattr } from "../values/builtin-functions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { toStr } from "../values/repr.js";
import { jsIterator } from "../values/iteration.js";
import { truthy } from "../values/truth.js";
import { partial } from "./functools.js";
import { callValue } from "./pycall.js";
import { MutableMappingMixins } from "./collections-abc.js";
import type { RawConfigParser } from "./configparser.js";

/** `parser[section]`: a live view of one section, a MutableMapping of its options (keys, items, pop, update, ... are its mixins). */
export class SectionProxy extends MutableMappingMixins {
  // (converters add `get<name>` attributes to instances)
  [attr: string]: any;
  static readonly __module__: string = "configparser";
  readonly #parser: RawConfigParser;
  readonly #name: string;
  constructor(parser: RawConfigParser, name: string) {
    super();
    this.#parser = parser;
    this.#name = name;
    // A `get<name>` per converter of the parser, as instance attributes (CPython's partials).
    const names = jsIterator(parser.converters);
    for (let step = names.next(); !step.done; step = names.next()) {
      const conv = step.value;
      const key = `get${toStr(conv)}`;
      setattr(this, key, new partial(getattr(this, "get"), kw({ _impl: getattr(parser, key) })));
    }
  }

  // (read-only properties of the class, as CPython's)
  get parser(): RawConfigParser {
    return this.#parser;
  }
  set parser(_value: RawConfigParser) {
    throw new AttributeError("property 'parser' of 'SectionProxy' object has no setter");
  }
  get name(): string {
    return this.#name;
  }
  set name(_value: string) {
    throw new AttributeError("property 'name' of 'SectionProxy' object has no setter");
  }

  __repr__(): string {
    return `<Section: ${this.name}>`;
  }

  private optionNames(): string[] {
    return this.name !== this.parser.default_section ? this.parser.options(this.name) : [...this.parser.defaults().keys()] as string[];
  }

  __getitem__(key: unknown): unknown {
    if (!this.parser.has_option(this.name, key)) throw new KeyError(key);
    return this.parser.get(this.name, key);
  }

  __setitem__(key: unknown, value: unknown): null {
    return this.parser.set(this.name, key, value);
  }

  __delitem__(key: unknown): null {
    if (!(this.parser.has_option(this.name, key) && this.parser.remove_option(this.name, key))) throw new KeyError(key);
    return null;
  }

  __contains__(key: unknown): boolean {
    return this.parser.has_option(this.name, key);
  }

  __len__(): bigint {
    return BigInt(this.optionNames().length);
  }

  __iter__(): Iterator<string> {
    return this.optionNames()[Symbol.iterator]();
  }

  [Symbol.iterator](): Iterator<string> {
    return this.__iter__();
  }

  /**
   * `get(option, fallback=None, *, raw=False, vars=None, _impl=None, **kwargs)`: `_impl` is the
   * parser's getter (a converter's `get<name>` passes its own), called for this section.
   */
  get(...args: unknown[]): unknown {
    const [pos, kws] = splitKw(args);
    const option = pos.length > 0 ? pos[0] : kws["option"];
    const fallback = pos.length > 1 ? pos[1] : "fallback" in kws ? kws["fallback"] : null;
    const impl = kws["_impl"] ?? null;
    const rest: Record<string, unknown> = { ...kws, raw: kws["raw"] ?? false, vars: kws["vars"] ?? null, fallback };
    delete rest["option"];
    delete rest["_impl"];
    return callValue(truthy(impl) ? impl : getattr(this.parser, "get"), this.name, option, kw(rest));
  }
}
