// Unicode case operations of str as CPython does them (Objects/unicodeobject.c): full case
// mappings (ß -> SS, ﬁ -> Fi), titlecase digraphs, the final-sigma rule, full case folding,
// and the character classes behind isupper/islower/istitle/isdigit.

const UPPER = /\p{Uppercase}/u;
const LOWER = /\p{Lowercase}/u;
const TITLE = /\p{Lt}/u;
const CASED = /\p{Cased}/u;
const CASE_IGNORABLE = /\p{Case_Ignorable}/u;

export const isUpperChar = (c: string): boolean => UPPER.test(c);
export const isLowerChar = (c: string): boolean => LOWER.test(c);
export const isTitleChar = (c: string): boolean => TITLE.test(c);
export const isCasedChar = (c: string): boolean => CASED.test(c);

/** Greek letters with ypogegrammeni whose titlecase is not their uppercase (SpecialCasing.txt). */
const GREEK_TITLE: Record<number, string> = {
  0x1fb2: "\u1fba\u0345",
  0x1fb4: "\u0386\u0345",
  0x1fb7: "\u0391\u0342\u0345",
  0x1fc2: "\u1fca\u0345",
  0x1fc4: "\u0389\u0345",
  0x1fc7: "\u0397\u0342\u0345",
  0x1ff2: "\u1ffa\u0345",
  0x1ff4: "\u038f\u0345",
  0x1ff7: "\u03a9\u0342\u0345",
};

/** The full titlecase mapping of one character. */
export function titleChar(c: string): string {
  const cp = c.codePointAt(0)!;
  // Dž-style digraphs have a titlecase letter of their own.
  if (cp >= 0x1c4 && cp <= 0x1cc) return String.fromCodePoint(0x1c5 + 3 * Math.floor((cp - 0x1c4) / 3));
  if (cp >= 0x1f1 && cp <= 0x1f3) return "\u01f2";
  if (cp === 0x149) return "\u02bcN";
  // Georgian Mkhedruli letters are their own titlecase (their uppercase is Mtavruli).
  if ((cp >= 0x10d0 && cp <= 0x10fa) || (cp >= 0x10fd && cp <= 0x10ff)) return c;
  if (cp >= 0x1f80 && cp <= 0x1faf) return String.fromCodePoint(cp | 8);
  if (cp === 0x1fb3 || cp === 0x1fbc) return "\u1fbc";
  if (cp === 0x1fc3 || cp === 0x1fcc) return "\u1fcc";
  if (cp === 0x1ff3 || cp === 0x1ffc) return "\u1ffc";
  const special = GREEK_TITLE[cp];
  if (special !== undefined) return special;
  const upper = c.toUpperCase();
  if (upper.length <= 2 && [...upper].length === 1) return upper;
  // A multi-letter uppercase (ß -> SS, ﬁ -> FI): the first letter stays upper.
  const letters = [...upper];
  return letters[0]! + letters.slice(1).join("").toLowerCase();
}

/** Lowercase of chars[i], with the final-sigma rule for Σ (CPython's lower_ucs4). */
function lowerAt(chars: readonly string[], i: number): string {
  const c = chars[i]!;
  if (c !== "\u03a3") return c.toLowerCase();
  let j = i - 1;
  while (j >= 0 && CASE_IGNORABLE.test(chars[j]!)) j--;
  const afterCased = j >= 0 && CASED.test(chars[j]!);
  let k = i + 1;
  while (k < chars.length && CASE_IGNORABLE.test(chars[k]!)) k++;
  const beforeCased = k < chars.length && CASED.test(chars[k]!);
  return afterCased && !beforeCased ? "\u03c2" : "\u03c3";
}

export function swapcase(s: string): string {
  const chars = [...s];
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (UPPER.test(c)) out += lowerAt(chars, i);
    else if (LOWER.test(c)) out += c.toUpperCase();
    else out += c;
  }
  return out;
}

export function title(s: string): string {
  const chars = [...s];
  let out = "";
  let previousCased = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    out += previousCased ? lowerAt(chars, i) : titleChar(c);
    previousCased = CASED.test(c);
  }
  return out;
}

export function capitalize(s: string): string {
  const chars = [...s];
  if (chars.length === 0) return s;
  let out = titleChar(chars[0]!);
  for (let i = 1; i < chars.length; i++) out += lowerAt(chars, i);
  return out;
}

/** Full case folding of one character: lower(upper(c)) with the exceptions of CaseFolding.txt. */
function foldChar(c: string): string {
  const cp = c.codePointAt(0)!;
  if (cp < 0x80) return c.toLowerCase();
  if (cp === 0x131) return c; // dotless i folds to itself
  if (cp === 0x1e9e) return "ss"; // capital sharp s
  // Cherokee folds to its uppercase letters.
  if (cp >= 0x13a0 && cp <= 0x13f5) return c;
  if (cp >= 0x13f8 && cp <= 0x13fd) return String.fromCodePoint(cp - 8);
  if (cp >= 0xab70 && cp <= 0xabbf) return String.fromCodePoint(cp - 0xab70 + 0x13a0);
  return c.toUpperCase().toLowerCase();
}

export function casefold(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  let out = "";
  for (const c of s) out += foldChar(c);
  return out;
}

/** str.isupper(): no lowercase or titlecase letter, and at least one uppercase one. */
export function isupper(s: string): boolean {
  let cased = false;
  for (const c of s) {
    if (LOWER.test(c) || TITLE.test(c)) return false;
    if (!cased && UPPER.test(c)) cased = true;
  }
  return cased;
}

export function islower(s: string): boolean {
  let cased = false;
  for (const c of s) {
    if (UPPER.test(c) || TITLE.test(c)) return false;
    if (!cased && LOWER.test(c)) cased = true;
  }
  return cased;
}

export function istitle(s: string): boolean {
  let cased = false;
  let previousCased = false;
  for (const c of s) {
    if (UPPER.test(c) || TITLE.test(c)) {
      if (previousCased) return false;
      previousCased = true;
      cased = true;
    } else if (LOWER.test(c)) {
      if (!previousCased) return false;
      previousCased = true;
      cased = true;
    } else previousCased = false;
  }
  return cased;
}

/** Characters with Numeric_Type=Digit that are not decimal digits (superscripts, circled...). */
const DIGIT_ONLY = /[\u{b2}-\u{b3}\u{b9}\u{1369}-\u{1371}\u{19da}\u{2070}\u{2074}-\u{2079}\u{2080}-\u{2089}\u{2460}-\u{2468}\u{2474}-\u{247c}\u{2488}-\u{2490}\u{24ea}\u{24f5}-\u{24fd}\u{24ff}\u{2776}-\u{277e}\u{2780}-\u{2788}\u{278a}-\u{2792}\u{10a40}-\u{10a43}\u{10e60}-\u{10e68}\u{11052}-\u{1105a}\u{1f100}-\u{1f10a}]/u;

export function isdigit(s: string): boolean {
  if (s.length === 0) return false;
  for (const c of s) if (!/\p{Nd}/u.test(c) && !DIGIT_ONLY.test(c)) return false;
  return true;
}

/** str.isidentifier(): XID_Start or '_' first, XID_Continue after. */
export function isidentifier(s: string): boolean {
  return /^[\p{XID_Start}_][\p{XID_Continue}]*$/u.test(s);
}
