// Response headers as Python's HTTP clients show them: names keep the server's spelling and
// order, lookups ignore case. urllib's HTTPMessage answers None for a missing name;
// aiohttp's CIMultiDictProxy raises KeyError.

import { KeyError } from "../values/exceptions.js";
import { Tuple } from "../values/tuple.js";
import { pyClass } from "./callable-class.js";

export type MissingHeader = "none" | "keyerror";

export class HttpHeaders implements Iterable<string> {
  static pythonName = "HTTPMessage";
  static __module__ = "http.client";
  /** [name, value] pairs in the order the server sent them. */
  readonly pairs: ReadonlyArray<readonly [string, string]>;

  constructor(pairs: ReadonlyArray<readonly [string, string]>, private readonly missing: MissingHeader = "none") {
    this.pairs = pairs;
  }

  /** Pairs from Node's `rawHeaders` ([name, value, name, value, ...]). */
  static fromRaw(raw: readonly string[], missing: MissingHeader = "none"): HttpHeaders {
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
    return new HttpHeaders(pairs, missing);
  }

  private find(name: unknown): string | undefined {
    if (typeof name !== "string") return undefined;
    const lower = name.toLowerCase();
    return this.pairs.find(([n]) => n.toLowerCase() === lower)?.[1];
  }

  get(name: unknown, fallback: unknown = null): any {
    return this.find(name) ?? fallback;
  }
  get_all(name: unknown, fallback: unknown = null): any {
    const lower = typeof name === "string" ? name.toLowerCase() : "";
    const all = this.pairs.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
    return all.length > 0 ? all : fallback;
  }
  getall(name: unknown): string[] {
    const all = this.get_all(name, []) as string[];
    if (all.length === 0) throw new KeyError(name);
    return all;
  }
  get_content_type(): string {
    const value = this.find("content-type");
    return value === undefined ? "text/plain" : value.split(";")[0]!.trim().toLowerCase();
  }
  __getitem__(name: unknown): any {
    const value = this.find(name);
    if (value !== undefined) return value;
    if (this.missing === "keyerror") throw new KeyError(name);
    return null;
  }
  __contains__(name: unknown): boolean {
    return this.find(name) !== undefined;
  }
  __len__(): bigint {
    return BigInt(this.pairs.length);
  }
  keys(): string[] {
    return this.pairs.map(([n]) => n);
  }
  values(): string[] {
    return this.pairs.map(([, v]) => v);
  }
  items(): Tuple<string>[] {
    return this.pairs.map(([n, v]) => Tuple.of(n, v));
  }
  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }
  __iter__(): Iterator<string> {
    return this[Symbol.iterator]();
  }
  __str__(): string {
    return this.pairs.map(([n, v]) => `${n}: ${v}\n`).join("") + "\n";
  }
}

/** `http.client.HTTPMessage` (one callable class object, so `is` comparisons hold). */
export const HTTPMessageClass = pyClass(HttpHeaders);
