// Methods of str, called through callMethod(s, name, ...args).

import { PyTypeError, ValueError } from "./exceptions.js";
import { iterableOr } from "./iteration.js";
import { splitKw } from "./kwargs.js";
import { isIntLike, toBigInt } from "./numeric.js";
import { capitalize, casefold, isdigit, isidentifier, islower, istitle, isupper, swapcase, title } from "./str-case.js";
import { encode, maketrans, translate } from "./str-codec.js";
import { strFormat, strFormatMap } from "./str-format.js";
import { Tuple } from "./tuple.js";
import { typeName } from "./typename.js";
import { StrValue, unwrap } from "./wrapped.js";
import { astralCodePoints, hasSurrogates } from "./str-index.js";
import { isPlainList } from "./overrides.js";
import { isHanNumeral } from "./han-numerals.js";

type Method = (self: string, ...args: unknown[]) => unknown;

function strArg(method: string, value: unknown, position = 1): string {
  if (typeof value !== "string") {
    throw new PyTypeError(`${method}() argument ${position} must be str, not ${typeName(value)}`);
  }
  return value;
}

function optChars(value: unknown, method: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") throw new PyTypeError(`${method} arg must be None or str`);
  return value;
}

const WHITESPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

/**
 * `s.strip(chars)` (`left`/`right`: which ends). Whitespace (chars None) and a set of BMP
 * characters are compared unit by unit (a surrogate of `s` is then in no set); a set holding
 * astral characters compares code points.
 */
function stripChars(s: string, chars: string | null, left: boolean, right: boolean): string {
  let start = 0;
  let end = s.length;
  if (chars === null) {
    if (left) while (start < end && isSpaceUnit(s.charCodeAt(start))) start++;
    if (right) while (end > start && isSpaceUnit(s.charCodeAt(end - 1))) end--;
  } else if (chars.length === 1 && (chars.charCodeAt(0) & 0xf800) !== 0xd800) {
    const unit = chars.charCodeAt(0);
    if (left) while (start < end && s.charCodeAt(start) === unit) start++;
    if (right) while (end > start && s.charCodeAt(end - 1) === unit) end--;
  } else if (!hasSurrogates(chars)) {
    if (left) while (start < end && chars.includes(s[start]!)) start++;
    if (right) while (end > start && chars.includes(s[end - 1]!)) end--;
  } else {
    const points = Array.from(s);
    const set = new Set(Array.from(chars));
    let first = 0;
    let last = points.length;
    if (left) while (first < last && set.has(points[first]!)) first++;
    if (right) while (last > first && set.has(points[last - 1]!)) last--;
    return points.slice(first, last).join("");
  }
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/**
 * The UTF-16 range of `s[start:end]` as find/count/startswith take it (code-point bounds,
 * negative ones from the end), or null when `start` lies past the end or past `end`
 * (CPython's -1/0/False there, even for an empty needle).
 */
function bounds(s: string, start: unknown, end: unknown): [number, number] | null {
  if ((start === null || start === undefined) && (end === null || end === undefined)) return [0, s.length];
  const points = astralCodePoints(s);
  const n = points === null ? s.length : points.length;
  const index = (v: unknown, d: number) => {
    if (v === null || v === undefined) return d;
    const i = Number(toBigInt(v as bigint));
    return i < 0 ? Math.max(0, i + n) : i;
  };
  const a = index(start, 0);
  const b = Math.min(index(end, n), n);
  if (a > n || b < a) return null;
  return points === null ? [a, b] : [unitOffset(points, a), unitOffset(points, b)];
}

/** The UTF-16 offset of code point `i` of the string whose code points are `points`. */
function unitOffset(points: string[], i: number): number {
  let offset = 0;
  for (let k = 0; k < i; k++) offset += points[k]!.length;
  return offset;
}

function find(s: string, sub: unknown, start: unknown, end: unknown, last: boolean): bigint {
  const needle = strArg(last ? "rfind" : "find", sub);
  const range = bounds(s, start, end);
  if (range === null) return -1n;
  const [a, b] = range;
  if (b - a < needle.length) return -1n;
  const i = last ? s.slice(a, b).lastIndexOf(needle) : s.slice(a, b).indexOf(needle);
  if (i < 0) return -1n;
  // (a UTF-16 offset: Python counts code points)
  return BigInt(i + a === 0 || astralCodePoints(s) === null ? i + a : Array.from(s.slice(0, i + a)).length);
}

/** Python's whitespace (str.isspace) for one UTF-16 unit: none lies outside the BMP. */
function isSpaceUnit(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c >= 0x1c;
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** The same whitespace as a regular expression character class (JS's \s differs: U+FEFF). */
const SPACE = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const LEADING_SPACE = new RegExp(`^${SPACE}+`);
const TRAILING_SPACE = new RegExp(`${SPACE}+$`);
const SPACE_RUN = new RegExp(`${SPACE}+`);
const LAST_SPACE_RUN = new RegExp(`${SPACE}+(?=[^${SPACE.slice(1)}*$)`);

/** A run of Python's whitespace's complement: one word of `s.split()`. */
const WORD_RUN = new RegExp(`[^${SPACE.slice(1)}+`, "g");

/** What keeps `s.split()` from being `s.split(" ")`: other whitespace, two spaces, a space at an end. */
const NOT_SINGLE_SPACED = new RegExp(`[\\t-\\r\\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]|  |^ | $`);

// Short words split off recently, by a hash of their length and a few units.
const RECENT_WORDS: string[] = new Array<string>(1024).fill("");
const RECENT_MAX_LENGTH = 16;

/**
 * `s.split()`: the runs of non-whitespace, found by the regular expression engine (native
 * code from the first call: a scan written here runs interpreted for a program's first
 * calls, about twice as long on a long text).
 */
export function whitespaceWords(s: string): string[] {
  // Words one space apart (no other whitespace, none at the ends) are JS's split on " ",
  // which V8 does natively two to three times faster than collecting the regexp's matches.
  const words = s === "" ? null : NOT_SINGLE_SPACED.test(s) ? s.match(WORD_RUN) : s.split(" ");
  if (words === null) return [];
  // Short words split off recently are handed back as the same JS string: a text repeats its
  // words, and a dict lookup of that string finds V8's hash of it computed already. Which
  // string object a str is cannot be seen from Python (`is` compares strs by value here).
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const n = word.length;
    if (n > RECENT_MAX_LENGTH) continue;
    const at = (n * 193 + word.charCodeAt(0) * 31 + word.charCodeAt(n - 1) * 7 + word.charCodeAt(n >> 1)) & 1023;
    const known = RECENT_WORDS[at]!;
    if (known === word) words[i] = known;
    else RECENT_WORDS[at] = word;
  }
  return words;
}

function splitWhitespace(s: string, maxsplit: number, fromRight: boolean): string[] {
  const words = whitespaceWords(s);
  if (maxsplit < 0 || words.length <= maxsplit) return words;
  if (!fromRight) {
    const out: string[] = [];
    let rest = s.replace(LEADING_SPACE, "");
    for (let i = 0; i < maxsplit; i++) {
      const m = SPACE_RUN.exec(rest)!;
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    // The remainder keeps its trailing whitespace (Python strips only the leading run).
    if (rest !== "") out.push(rest);
    return out;
  }
  const out: string[] = [];
  let rest = s.replace(TRAILING_SPACE, "");
  for (let i = 0; i < maxsplit; i++) {
    const m = LAST_SPACE_RUN.exec(rest)!;
    out.unshift(rest.slice(m.index + m[0].length));
    rest = rest.slice(0, m.index);
  }
  if (rest !== "") out.unshift(rest);
  return out;
}

function splitArgs(args: unknown[]): [string | null, number] {
  const [pos, kws] = splitKw(args);
  const sep = pos.length > 0 ? pos[0] : (kws["sep"] ?? null);
  const max = pos.length > 1 ? pos[1] : (kws["maxsplit"] ?? -1n);
  if (sep !== null && typeof sep !== "string") throw new PyTypeError(`must be str or None, not ${typeName(sep)}`);
  if (sep === "") throw new ValueError("empty separator");
  return [sep, Number(toBigInt(max as bigint))];
}

function split(s: string, args: unknown[]): string[] {
  const [sep, max] = splitArgs(args);
  if (sep === null) return splitWhitespace(s, max, false);
  const parts = s.split(sep);
  if (max < 0 || parts.length <= max + 1) return parts;
  return [...parts.slice(0, max), parts.slice(max).join(sep)];
}

function rsplit(s: string, args: unknown[]): string[] {
  const [sep, max] = splitArgs(args);
  if (sep === null) return splitWhitespace(s, max, true);
  const parts = s.split(sep);
  if (max < 0 || parts.length <= max + 1) return parts;
  const keep = parts.length - max;
  return [parts.slice(0, keep).join(sep), ...parts.slice(keep)];
}

function fillChar(value: unknown): string {
  if (value === undefined) return " ";
  if (typeof value !== "string") throw new PyTypeError(`The fill character must be a unicode character, not ${typeName(value)}`);
  if (Array.from(value).length !== 1) {
    throw new PyTypeError("The fill character must be exactly one character long");
  }
  return value;
}

function width(value: unknown): number {
  if (!isIntLike(value)) throw new PyTypeError(`'${typeName(value)}' object cannot be interpreted as an integer`);
  return Number(toBigInt(value));
}

function affix(s: string, value: unknown, method: string, test: (s: string, x: string) => boolean): boolean {
  if (value instanceof Tuple) return value.items.some((x) => affix(s, x, method, test));
  if (typeof value !== "string") {
    throw new PyTypeError(`${method} first arg must be str or a tuple of str, not ${typeName(value)}`);
  }
  return test(s, value);
}

export const STR_METHODS: Record<string, Method> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  casefold: (s) => casefold(s),
  swapcase: (s) => swapcase(s),
  title: (s) => title(s),
  capitalize: (s) => capitalize(s),
  strip: (s, chars) => stripChars(s, optChars(chars, "strip"), true, true),
  lstrip: (s, chars) => stripChars(s, optChars(chars, "lstrip"), true, false),
  rstrip: (s, chars) => stripChars(s, optChars(chars, "rstrip"), false, true),
  split: (s, ...args) => split(s, args),
  rsplit: (s, ...args) => rsplit(s, args),
  splitlines: (s, keepends) => {
    const out: string[] = [];
    const re = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/g;
    let last = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      out.push(s.slice(last, keepends ? m.index + m[0].length : m.index));
      last = m.index + m[0].length;
    }
    if (last < s.length) out.push(s.slice(last));
    return out;
  },
  join: (s, items) => {
    // A plain list of strs (the usual case) is joined as it is, without iterating it.
    if (isPlainList(items)) {
      const n = items.length;
      let i = 0;
      while (i < n && typeof items[i] === "string") i++;
      if (i === n) return (items as string[]).join(s);
    }
    const parts: string[] = [];
    let i = 0;
    for (const item of iterableOr(items, "can only join an iterable")) {
      if (typeof item !== "string" && !(item instanceof StrValue)) {
        throw new PyTypeError(`sequence item ${i}: expected str instance, ${typeName(item)} found`);
      }
      parts.push(unwrap(item) as string);
      i++;
    }
    return parts.join(s);
  },
  replace: (s, old, replacement, count) => {
    const a = strArg("replace", old, 1);
    const b = strArg("replace", replacement, 2);
    if (count !== undefined && !isIntLike(count)) throw new PyTypeError(`'${typeName(count)}' object cannot be interpreted as an integer`);
    let n = count === undefined ? -1 : Number(toBigInt(count));
    if (n < 0) {
      if (a === "") return Array.from(s).map((c) => b + c).join("") + b;
      // (replaceAll with a str replacement reads `$&` and the like in it as patterns; without
      // a `$` it is a native copy, about twice as fast as split and join.)
      return b.includes("$") ? s.split(a).join(b) : s.replaceAll(a, b);
    }
    let out = "";
    let rest = s;
    while (n-- > 0) {
      const i = rest.indexOf(a);
      if (i < 0) break;
      out += rest.slice(0, i) + b;
      rest = rest.slice(i + Math.max(a.length, 0));
      if (a === "") {
        out += rest.slice(0, 1);
        rest = rest.slice(1);
      }
    }
    return out + rest;
  },
  startswith: (s, prefix, start, end) => {
    const range = bounds(s, start, end);
    return affix(range === null ? "" : s.slice(...range), prefix, "startswith", (t, x) => range !== null && t.startsWith(x));
  },
  endswith: (s, suffix, start, end) => {
    const range = bounds(s, start, end);
    return affix(range === null ? "" : s.slice(...range), suffix, "endswith", (t, x) => range !== null && t.endsWith(x));
  },
  find: (s, sub, start, end) => find(s, sub, start, end, false),
  rfind: (s, sub, start, end) => find(s, sub, start, end, true),
  index: (s, sub, start, end) => {
    const i = find(s, sub, start, end, false);
    if (i < 0n) throw new ValueError("substring not found");
    return i;
  },
  rindex: (s, sub, start, end) => {
    const i = find(s, sub, start, end, true);
    if (i < 0n) throw new ValueError("substring not found");
    return i;
  },
  count: (s, sub, start, end) => {
    const needle = strArg("count", sub);
    const range = bounds(s, start, end);
    if (range === null) return 0n;
    const hay = s.slice(...range);
    if (needle === "") return BigInt(Array.from(hay).length + 1);
    return BigInt(hay.split(needle).length - 1);
  },
  partition: (s, sep) => {
    const x = strArg("partition", sep);
    if (x === "") throw new ValueError("empty separator");
    const i = s.indexOf(x);
    return i < 0 ? Tuple.of(s, "", "") : Tuple.of(s.slice(0, i), x, s.slice(i + x.length));
  },
  rpartition: (s, sep) => {
    const x = strArg("rpartition", sep);
    if (x === "") throw new ValueError("empty separator");
    const i = s.lastIndexOf(x);
    return i < 0 ? Tuple.of("", "", s) : Tuple.of(s.slice(0, i), x, s.slice(i + x.length));
  },
  format: (s, ...args) => strFormat(s, ...args),
  format_map: (s, mapping) => strFormatMap(s, mapping),
  encode: (s, ...args) => encode(s, ...args),
  translate: (s, table) => translate(s, table),
  maketrans: (_s, x, y, z) => maketrans(x, y, z),
  zfill: (s, w) => {
    const n = width(w);
    const len = Array.from(s).length;
    if (len >= n) return s;
    const sign = s[0] === "+" || s[0] === "-" ? s[0] : "";
    return sign + "0".repeat(n - len) + s.slice(sign.length);
  },
  center: (s, w, fill) => {
    const n = width(w);
    const f = fillChar(fill);
    const len = Array.from(s).length;
    if (len >= n) return s;
    const missing = n - len;
    const left = Math.floor(missing / 2) + (missing & n & 1);
    return f.repeat(left) + s + f.repeat(missing - left);
  },
  ljust: (s, w, fill) => s + fillChar(fill).repeat(Math.max(0, width(w) - Array.from(s).length)),
  rjust: (s, w, fill) => fillChar(fill).repeat(Math.max(0, width(w) - Array.from(s).length)) + s,
  expandtabs: (s, size) => {
    const tab = size === undefined ? 8 : width(size);
    let out = "";
    let col = 0;
    for (const ch of s) {
      if (ch === "\t") {
        const n = tab > 0 ? tab - (col % tab) : 0;
        out += " ".repeat(n);
        col += n;
      } else {
        out += ch;
        col = ch === "\n" || ch === "\r" ? 0 : col + 1;
      }
    }
    return out;
  },
  removeprefix: (s, p) => (s.startsWith(strArg("removeprefix", p)) ? s.slice((p as string).length) : s),
  removesuffix: (s, p) => {
    const x = strArg("removesuffix", p);
    return x !== "" && s.endsWith(x) ? s.slice(0, s.length - x.length) : s;
  },
  isdigit: (s) => isdigit(s),
  isdecimal: (s) => s.length > 0 && /^\p{Nd}+$/u.test(s),
  isnumeric: (s) => s.length > 0 && (/^[\p{Nd}\p{Nl}\p{No}]+$/u.test(s) || Array.from(s).every((c) => /[\p{Nd}\p{Nl}\p{No}]/u.test(c) || isHanNumeral(c.codePointAt(0)!))),
  isalpha: (s) => s.length > 0 && /^\p{L}+$/u.test(s),
  isalnum: (s) => s.length > 0 && /^[\p{L}\p{Nd}\p{Nl}\p{No}]+$/u.test(s),
  isspace: (s) => s.length > 0 && Array.from(s).every((c) => WHITESPACE.includes(c)),
  isupper: (s) => isupper(s),
  islower: (s) => islower(s),
  istitle: (s) => istitle(s),
  isidentifier: (s) => isidentifier(s),
  isascii: (s) => /^[\x00-\x7f]*$/.test(s),
  isprintable: (s) => !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|[^\S ]/u.test(s),
};
