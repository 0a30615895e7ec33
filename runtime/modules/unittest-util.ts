// unittest's helpers, as Lib/unittest/util.py words them: safe_repr, the shortened reprs of
// two differing values in a failure message, strclass, and the SkipTest exception.

import { Exception } from "../values/exceptions.js";
import { repr } from "../values/repr.js";
import { moduleName, qualName } from "../values/typename.js";

const MAX_LENGTH = 80;
const PLACEHOLDER_LEN = 12;
const MIN_BEGIN_LEN = 5;
const MIN_END_LEN = 5;
const MIN_COMMON_LEN = 5;
const MIN_DIFF_LEN = MAX_LENGTH - (MIN_BEGIN_LEN + PLACEHOLDER_LEN + MIN_COMMON_LEN + MIN_END_LEN);

const cpLength = (s: string): number => Array.from(s).length;

export function safeRepr(obj: unknown, short = false): string {
  let result: string;
  try {
    result = repr(obj);
  } catch {
    result = `<${typeof obj === "object" && obj !== null ? qualName(obj.constructor as never) : "object"} object>`;
  }
  if (!short || cpLength(result) < MAX_LENGTH) return result;
  return Array.from(result).slice(0, MAX_LENGTH).join("") + " [truncated]...";
}

function shorten(s: string[], prefixlen: number, suffixlen: number): string[] {
  const skip = s.length - prefixlen - suffixlen;
  if (skip > PLACEHOLDER_LEN) return [...s.slice(0, prefixlen), `[${skip} chars]`, ...s.slice(s.length - suffixlen)];
  return s;
}

/** `_common_shorten_repr`: the reprs of the values, their long common prefix elided. */
export function commonShortenRepr(...args: unknown[]): string[] {
  const reprs = args.map((a) => Array.from(safeRepr(a)));
  const maxlen = Math.max(...reprs.map((r) => r.length));
  if (maxlen <= MAX_LENGTH) return reprs.map((r) => r.join(""));
  let prefixlen = 0;
  const shortest = Math.min(...reprs.map((r) => r.length));
  while (prefixlen < shortest && reprs.every((r) => r[prefixlen] === reprs[0]![prefixlen])) prefixlen++;
  const prefix = reprs[0]!.slice(0, prefixlen);
  const commonLen = MAX_LENGTH - (maxlen - prefixlen + MIN_BEGIN_LEN + PLACEHOLDER_LEN);
  if (commonLen > MIN_COMMON_LEN) {
    const p = shorten(prefix, MIN_BEGIN_LEN, commonLen).join("");
    return reprs.map((r) => p + r.slice(prefixlen).join(""));
  }
  const p = shorten(prefix, MIN_BEGIN_LEN, MIN_COMMON_LEN).join("");
  return reprs.map((r) => p + shorten(r.slice(prefixlen), MIN_DIFF_LEN, MIN_END_LEN).join(""));
}

/** `module.QualName` of a class. */
export function strclass(cls: unknown): string {
  return `${moduleName(cls as never)}.${qualName(cls as never)}`;
}

/** Raised by a test (or `self.skipTest`) to skip it. */
export class SkipTest extends Exception {
  static readonly __module__: string = "unittest.case";
}

/** Stops a test part quietly (a failing subTest with failfast). */
export class ShouldStop extends Exception {
  static readonly __module__: string = "unittest.case";
}
