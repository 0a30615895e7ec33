// Identifier rules of CPython 3.11: which code points may start or continue a name (XID_Start /
// XID_Continue of Unicode 14, from a table generated with python3), how an invalid one is
// reported, and the NFKC normalisation the parser applies to every non-ASCII name (`ﬁ` is `fi`).
import type { Module } from "./ast.js";
import { XID_CONTINUE, XID_START } from "./xid_tables.js";

function inRanges(table: number[], cp: number): boolean {
  let lo = 0;
  let hi = table.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < table[2 * mid]!) hi = mid - 1;
    else if (cp > table[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

export function isIdentifierStart(cp: number): boolean {
  return inRanges(XID_START, cp);
}

export function isIdentifierContinue(cp: number): boolean {
  return inRanges(XID_CONTINUE, cp);
}

/** Index (in UTF-16 units, just past it) and code point of the first character of `name` that a Python identifier cannot hold, or null. */
export function invalidIdentifierChar(name: string): { end: number; cp: number; last: boolean } | null {
  let first = true;
  for (let i = 0; i < name.length;) {
    const cp = name.codePointAt(i)!;
    const next = i + (cp > 0xffff ? 2 : 1);
    if (!(first ? isIdentifierStart(cp) : isIdentifierContinue(cp))) return { end: next, cp, last: next >= name.length };
    first = false;
    i = next;
  }
  return null;
}

const NON_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{Zs}]$/u;

/** Python's str.isprintable() for one code point. */
export function isPrintable(cp: number): boolean {
  if (cp < 128) return cp >= 0x20 && cp !== 0x7f;
  return !NON_PRINTABLE.test(String.fromCodePoint(cp));
}

/** CPython's message for a character that cannot appear in source outside strings and comments. */
export function invalidCharacterMessage(cp: number): string {
  const hex = cp.toString(16).toUpperCase().padStart(4, "0");
  return isPrintable(cp) ? `invalid character '${String.fromCodePoint(cp)}' (U+${hex})` : `invalid non-printable character U+${hex}`;
}

/** AST fields that hold identifiers (strings or lists of strings). */
const IDENTIFIER_FIELDS = new Set(["id", "attr", "name", "asname", "arg", "module", "rest", "names", "kwd_attrs"]);

function nfkc(s: string): string {
  return /^[\x00-\x7f]*$/.test(s) ? s : s.normalize("NFKC");
}

/** Applies NFKC to every identifier in the tree, as CPython's parser does for non-ASCII names. */
export function normalizeIdentifiers(module: Module): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (IDENTIFIER_FIELDS.has(key)) {
        if (typeof value === "string") record[key] = nfkc(value);
        else if (Array.isArray(value) && value.every((v) => typeof v === "string")) record[key] = value.map(nfkc);
        else visit(value);
      } else visit(value);
    }
  };
  visit(module);
}
