// What the unicodedata module's functions and the methods of its UCD objects share: CPython's
// argument checks and messages, the `default` argument, and normalization that leaves the
// characters a database does not assign untouched.

import { PyTypeError, ValueError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";

/** The absent `default` argument of name/decimal/digit/numeric. */
export const NO_DEFAULT = Symbol("no default");
const FORMS = new Set(["NFC", "NFD", "NFKC", "NFKD"]);

/** The one code point of `chr`, or CPython's TypeError naming `fn`. */
export function codePoint(chr: unknown, fn: string, numbered = true): number {
  const cp = typeof chr === "string" ? chr.codePointAt(0) : undefined;
  if (typeof chr !== "string" || cp === undefined || chr.length !== (cp > 0xffff ? 2 : 1)) {
    throw new PyTypeError(`${fn}() argument${numbered ? " 1" : ""} must be a unicode character, not ${chr === null ? "None" : typeName(chr)}`);
  }
  return cp;
}

/** A property's value, else the caller's default, else CPython's ValueError. */
export function valueOr(value: unknown, fallback: unknown, message: string): unknown {
  if (value !== undefined) return value;
  if (fallback !== NO_DEFAULT) return fallback;
  throw new ValueError(message);
}

export function form(name: unknown): string {
  if (typeof name !== "string") throw new PyTypeError(`normalize() argument 1 must be str, not ${typeName(name)}`);
  if (!FORMS.has(name)) throw new ValueError("invalid normalization form");
  return name;
}

export function text(s: unknown, fn: string): string {
  if (typeof s !== "string") throw new PyTypeError(`${fn}() argument 2 must be str, not ${typeName(s)}`);
  return s;
}

/**
 * `s` in normalization form `f`, the code points the database leaves unassigned (category
 * "Cn") passed through untouched: String.prototype.normalize knows a newer Unicode.
 */
export function normalizedIn(category: (cp: number) => string, s: string, f: string): string {
  let out = "";
  let segment = "";
  for (const c of s) {
    if (c.charCodeAt(0) < 0x80 || category(c.codePointAt(0)!) !== "Cn") segment += c;
    else {
      out += segment.normalize(f) + c;
      segment = "";
    }
  }
  return out + segment.normalize(f);
}

export const bigintOf = (v: string | undefined): bigint | undefined => (v === undefined ? undefined : BigInt(v));
