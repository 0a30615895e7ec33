// Python's `unicodedata` for what JavaScript can answer as CPython 3.11 (Unicode 14.0.0) does:
// names from the name database the frontend's `\N{...}` escapes use (python3's own, generated),
// general categories from regex properties (node's Unicode is newer: a code point python3 has no
// name for counts as unassigned, 'Cn'), normalization through String.prototype.normalize,
// decimal values from the Nd runs, digit values from those and a table of other digits, and mirrored from Bidi_Mirrored.
// Over all code points this differs from python3.11 by the few characters whose category or
// mirroring later Unicode versions changed (3 categories, 1 mirrored in node 22's Unicode 17).
// Not provided (no JS source for them): numeric, bidirectional, combining, east_asian_width,
// decomposition and ucd_3_2_0.

import { KeyError, PyTypeError, ValueError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import { moduleObject } from "./module-object.js";
import { charName, lookupCharName } from "./unicode-names.js";

const NO_DEFAULT = Symbol("no default");
const CATEGORIES = ["Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co"];
let patterns: [string, RegExp][] | null = null;
const DECIMAL = /^\p{Nd}$/u;
/**
 * Characters with a digit value that are not decimal digits (superscripts, circled digits ...),
 * as `hexstart:firstvalue:count` runs, from python3.11's unicodedata (Unicode 14.0.0):
 * consecutive code points with u.digit(c) set, u.decimal(c) unset and consecutive values.
 */
const DIGIT_RUNS = "b2:2:2 b9:1:1 1369:1:9 19da:1:1 2070:0:1 2074:4:6 2080:0:10 2460:1:9 2474:1:9 2488:1:9 24ea:0:1 24f5:1:9 24ff:0:1 2776:1:9 2780:1:9 278a:1:9 10a40:1:4 10e60:1:9 11052:1:9 1f100:0:1 1f101:0:10";
const MIRRORED = /^\p{Bidi_Mirrored}$/u;
/** Tangut ideographs: assigned in Unicode 14 though python3.11's database gives them no name. */
const UNNAMED_ASSIGNED: [number, number][] = [[0x17000, 0x187f7], [0x18d00, 0x18d08]];
const FORMS = new Set(["NFC", "NFD", "NFKC", "NFKD"]);

/** The one code point of `chr`, or CPython's TypeError naming `fn`. */
function codePoint(chr: unknown, fn: string, numbered = true): number {
  const cp = typeof chr === "string" ? chr.codePointAt(0) : undefined;
  if (typeof chr !== "string" || cp === undefined || chr.length !== (cp > 0xffff ? 2 : 1)) {
    throw new PyTypeError(`${fn}() argument${numbered ? " 1" : ""} must be a unicode character, not ${typeName(chr)}`);
  }
  return cp;
}

function category(chr: unknown): string {
  const cp = codePoint(chr, "category", false);
  const c = chr as string;
  patterns ??= CATEGORIES.map((k) => [k, new RegExp(`^\\p{gc=${k}}$`, "u")]);
  const found = patterns.find(([, re]) => re.test(c))?.[0] ?? "Cn";
  if (found === "Cc" || found === "Cs" || found === "Co" || found === "Cn") return found;
  if (charName(cp) === null && !UNNAMED_ASSIGNED.some(([a, b]) => cp >= a && cp <= b)) return "Cn";
  return found;
}

function decimalValue(cp: number): number | null {
  if (!DECIMAL.test(String.fromCodePoint(cp)) || charName(cp) === null) return null;
  let run = 0;
  while (DECIMAL.test(String.fromCodePoint(cp - run - 1))) run++;
  return run % 10;
}

function digitValue(cp: number): number | null {
  const d = decimalValue(cp);
  if (d !== null) return d;
  for (const run of DIGIT_RUNS.split(" ")) {
    const [start, first, count] = run.split(":").map((part, k) => parseInt(part, k === 0 ? 16 : 10)) as [number, number, number];
    if (cp >= start && cp < start + count) return first + cp - start;
  }
  return null;
}

function valueOr(value: number | null, fallback: unknown, message: string): unknown {
  if (value !== null) return BigInt(value);
  if (fallback !== NO_DEFAULT) return fallback;
  throw new ValueError(message);
}

function form(name: unknown): string {
  if (typeof name !== "string") throw new PyTypeError(`normalize() argument 1 must be str, not ${typeName(name)}`);
  if (!FORMS.has(name)) throw new ValueError("invalid normalization form");
  return name;
}

function text(s: unknown, fn: string): string {
  if (typeof s !== "string") throw new PyTypeError(`${fn}() argument 2 must be str, not ${typeName(s)}`);
  return s;
}

export const unicodedataModule = moduleObject("unicodedata", {
  unidata_version: "14.0.0",
  name: (chr: unknown, fallback: unknown = NO_DEFAULT): unknown => {
    const found = charName(codePoint(chr, "name"));
    if (found !== null) return found;
    if (fallback !== NO_DEFAULT) return fallback;
    throw new ValueError("no such name");
  },
  lookup: (name: unknown): string => {
    if (typeof name !== "string") throw new PyTypeError(`lookup() argument must be str, not ${typeName(name)}`);
    const cp = lookupCharName(name);
    if (cp === null) throw new KeyError(`undefined character name '${name}'`);
    return String.fromCodePoint(cp);
  },
  category,
  decimal: (chr: unknown, fallback: unknown = NO_DEFAULT): unknown => valueOr(decimalValue(codePoint(chr, "decimal")), fallback, "not a decimal"),
  digit: (chr: unknown, fallback: unknown = NO_DEFAULT): unknown => valueOr(digitValue(codePoint(chr, "digit")), fallback, "not a digit"),
  mirrored: (chr: unknown): bigint => {
    const c = String.fromCodePoint(codePoint(chr, "mirrored", false));
    return MIRRORED.test(c) && category(c) !== "Cn" ? 1n : 0n;
  },
  normalize: (f: unknown, s: unknown): string => text(s, "normalize").normalize(form(f) as "NFC"),
  is_normalized: (f: unknown, s: unknown): boolean => {
    const t = text(s, "is_normalized");
    return t.normalize(form(f) as "NFC") === t;
  },
});
