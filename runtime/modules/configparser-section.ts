// configparser's SectionProxy: `parser[section]`, a live view of one section of a parser.

import { KeyError } from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { MutableMappingMixins } from "./collections-abc.js";
import type { RawConfigParser } from "./configparser.js";

/** `parser[section]`: a live view of one section, a MutableMapping of its options (keys, items, pop, update, ... are its mixins). */
export class SectionProxy extends MutableMappingMixins {
  static readonly __module__: string = "configparser";
  constructor(
    readonly parser: RawConfigParser,
    readonly name: string,
  ) {
    super();
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

  private call(method: "get" | "getint" | "getfloat" | "getboolean", args: unknown[]): unknown {
    const [pos, kws] = splitKw(args);
    const option = pos[0] ?? kws["option"];
    const fallback = pos[1] ?? ("fallback" in kws ? kws["fallback"] : null);
    const rest: Record<string, unknown> = { fallback };
    if ("raw" in kws) rest["raw"] = kws["raw"];
    if ("vars" in kws) rest["vars"] = kws["vars"];
    return (this.parser[method] as (...a: unknown[]) => unknown).call(this.parser, this.name, option, kw(rest));
  }

  get(...args: unknown[]): unknown {
    return this.call("get", args);
  }

  getint(...args: unknown[]): unknown {
    return this.call("getint", args);
  }

  getfloat(...args: unknown[]): unknown {
    return this.call("getfloat", args);
  }

  getboolean(...args: unknown[]): unknown {
    return this.call("getboolean", args);
  }
}
