// Character names for `\N{...}` escapes and `unicodedata.name`/`lookup`. JavaScript has no Unicode name database: every name
// python3's unicodedata knows is in unicode_names_data.ts (generated), algorithmic names (CJK
// ideographs, Hangul syllables) are computed, and ALIASES holds the name aliases CPython also
// accepts (`<hex code point> <ALIAS>`, separated by `|`).
import { ALGORITHMIC, ALPHABET, NAMES, ONE, TWO, WORDS } from "./unicode-names-data.js";

const ALIASES = [
  '0 NULL|9 CHARACTER TABULATION|9 HORIZONTAL TABULATION|a LINE FEED|a NEW LINE|d CARRIAGE RETURN',
  '1b ESCAPE|7f DELETE|8 BACKSPACE|c FORM FEED|feff BYTE ORDER MARK',
].join("|");

let table: Map<string, number> | null = null;

function names(): Map<string, number> {
  if (table) return table;
  table = new Map();
  for (const entry of ALIASES.split("|")) {
    const space = entry.indexOf(" ");
    table.set(entry.slice(space + 1), parseInt(entry.slice(0, space), 16));
  }
  return table;
}

/** The code point named `name` (case-insensitive, as CPython), or null when not known here. */
export function lookupCharName(name: string): number | null {
  const upper = name.toUpperCase();
  const letter = /^LATIN (SMALL|CAPITAL) LETTER ([A-Z])$/.exec(upper);
  if (letter) return (letter[1] === "SMALL" ? 0x61 : 0x41) + letter[2]!.charCodeAt(0) - 0x41;
  const digit = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"].indexOf(upper.slice(6));
  if (upper.startsWith("DIGIT ") && digit >= 0) return 0x30 + digit;
  const cjk = /^CJK UNIFIED IDEOGRAPH-([0-9A-F]{4,5})$/.exec(upper);
  if (cjk) {
    const cp = parseInt(cjk[1]!, 16);
    if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2a6df)) return cp;
  }
  return names().get(upper) ?? allNames().get(upper) ?? algorithmic(upper);
}

let complete: Map<string, number> | null = null;
let byCodePoint: Map<number, string> | null = null;

/** The name python3's unicodedata gives code point `cp` (aliases excluded), or null. */
export function charName(cp: number): string | null {
  if (!byCodePoint) allNames();
  const listed = byCodePoint!.get(cp);
  if (listed !== undefined) return listed;
  for (const [prefix, ranges] of ALGORITHMIC) {
    if (!ranges.some(([a, b]) => cp >= a && cp <= b)) continue;
    if (!prefix.startsWith("HANGUL")) return prefix + cp.toString(16).toUpperCase();
    const s = cp - 0xac00;
    return prefix + HANGUL_L[Math.floor(s / 588)]! + HANGUL_V[Math.floor((s % 588) / 28)]! + HANGUL_T[s % 28]!;
  }
  return null;
}

/** Every name of unicode_names_data.ts (decoded on the first name the short table lacks). */
function allNames(): Map<string, number> {
  if (complete) return complete;
  complete = new Map();
  byCodePoint = new Map();
  const words = WORDS.split(" ");
  const base = ALPHABET.length;
  const value = (c: string) => ALPHABET.indexOf(c);
  let cp = -1;
  let i = 0;
  while (i < NAMES.length) {
    if (NAMES[i] === "~") {
      const end = NAMES.indexOf("~", i + 1);
      cp += parseInt(NAMES.slice(i + 1, end), 16);
      i = end + 1;
    }
    i++; // the "|" that starts a name
    cp++;
    const parts: string[] = [];
    while (i < NAMES.length && NAMES[i] !== "|" && NAMES[i] !== "~") {
      const lead = value(NAMES[i]!);
      let index: number;
      if (lead < ONE) {
        index = lead;
        i += 1;
      } else if (lead < TWO) {
        index = ONE + (lead - ONE) * base + value(NAMES[i + 1]!);
        i += 2;
      } else {
        index = ONE + (TWO - ONE) * base + (lead - TWO) * base * base + value(NAMES[i + 1]!) * base + value(NAMES[i + 2]!);
        i += 3;
      }
      parts.push(words[index]!);
    }
    const name = parts.join(" ");
    complete.set(name, cp);
    byCodePoint.set(cp, name);
  }
  return complete;
}

const HANGUL_L = ["G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"];
const HANGUL_V = ["A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"];
const HANGUL_T = ["", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"];
let hangul: Map<string, number> | null = null;

/** Names made of a prefix and the code point (CJK ideographs ...) or of jamo (Hangul syllables). */
function algorithmic(name: string): number | null {
  for (const [prefix, ranges] of ALGORITHMIC) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    if (prefix.startsWith("HANGUL")) {
      if (!hangul) {
        hangul = new Map();
        for (let s = 0; s < 11172; s++) {
          const l = Math.floor(s / 588), v = Math.floor((s % 588) / 28), t = s % 28;
          hangul.set(HANGUL_L[l]! + HANGUL_V[v]! + HANGUL_T[t]!, 0xac00 + s);
        }
      }
      return hangul.get(rest) ?? null;
    }
    if (!/^[0-9A-F]{4,5}$/.test(rest)) return null;
    const cp = parseInt(rest, 16);
    return ranges.some(([a, b]) => cp >= a && cp <= b) ? cp : null;
  }
  return null;
}
