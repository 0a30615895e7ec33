// Response headers as Python's HTTP clients show them: names keep the server's spelling and
// order, lookups ignore case. urllib's HTTPMessage is an email.message.Message (email-message.ts)
// answering None for a missing name; aiohttp's CIMultiDictProxy raises KeyError.

import { KeyError, PyTypeError } from "../values/exceptions.js";
import { str } from "../values/repr.js";
import { pyClass } from "./callable-class.js";
import { EmailMessage } from "./email-message.js";

export type MissingHeader = "none" | "keyerror";

export class HttpHeaders extends EmailMessage {
  static pythonName = "HTTPMessage";
  static __module__ = "http.client";

  /** What `[]` does for a missing name (a JS-private field: no Python attribute). */
  readonly #missing: MissingHeader;

  /** `HTTPMessage()` from Python: no headers yet. */
  constructor(pairs: [string, string][] = [], missing: MissingHeader = "none") {
    super(pairs);
    this.#missing = missing;
  }

  /** Pairs from Node's `rawHeaders` ([name, value, name, value, ...]). */
  static fromRaw(raw: readonly string[], missing: MissingHeader = "none"): HttpHeaders {
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
    return new HttpHeaders(pairs, missing);
  }

  /** The (name, value) pairs in order. */
  get pairs(): ReadonlyArray<readonly [string, string]> {
    return this._headers;
  }

  getall(name: unknown): string[] {
    const all = this.get_all(name, []) as string[];
    if (all.length === 0) throw new KeyError(name);
    return all;
  }
  /** `getallmatchingheaders(name)`: the `keys()` starting `name:` and the indented lines after each (CPython's reads keys, which rarely hold a colon). */
  getallmatchingheaders(name: unknown): string[] {
    const prefix = str(name).toLowerCase() + ":";
    let hit = false;
    return this.keys().filter((line) => {
      if (line.slice(0, prefix.length).toLowerCase() === prefix) hit = true;
      else if (!/^\s/.test(line)) hit = false;
      return hit;
    });
  }
  override __getitem__(name: unknown): any {
    if (this.__contains__(name)) return this.get(name);
    if (this.#missing === "keyerror") throw new KeyError(name);
    return null;
  }
  override __setitem__(name: unknown, value: unknown): null {
    if (this.#missing === "keyerror") throw new PyTypeError("'CIMultiDictProxy' object does not support item assignment");
    return super.__setitem__(name, value);
  }
  override __delitem__(name: unknown): null {
    if (this.#missing === "keyerror") throw new PyTypeError("'CIMultiDictProxy' object does not support item deletion");
    return super.__delitem__(name);
  }
}

/** `http.client.HTTPMessage` (one callable class object, so `is` comparisons hold). */
export const HTTPMessageClass = pyClass(HttpHeaders);
