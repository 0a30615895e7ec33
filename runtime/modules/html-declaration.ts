// `ParserBase.parse_declaration` (html.parser.HTMLParser inherits it): an SGML declaration
// `<!name ...>` at `i` of the parser's rawdata. A DOCTYPE goes to handle_decl, any other name
// to unknown_decl; `<!--` and `<![` hand over to the comment and marked-section parsers. Within
// the declaration: names, quoted literals, and after DOCTYPE an internal subset `[...]` whose
// ELEMENT/ATTLIST/ENTITY/NOTATION declarations, comments and `%entity;` references are skipped
// over. Returns the index after the declaration, or -1 when the data ends inside it.

import { AssertionError } from "../values/exceptions.js";
import { repr } from "../values/repr.js";

/** What parse_declaration uses of the parser. */
export interface DeclarationParser {
  rawdata: string;
  _decl_otherchars: string;
  parse_comment(i: number, report?: unknown): number;
  parse_marked_section(i: number, report?: unknown): number;
  handle_decl(data: unknown): unknown;
  unknown_decl(data: unknown): unknown;
  updatepos(i: number, j: number): number;
}

/** `(name lowercased, index after it and its whitespace)`; [null, -1] at the end of the data. */
type ScanName = (i: number, declStart: number) => [string | null, number];

const LETTERS = /[a-zA-Z]/;
const SUBSET_DECLARATIONS = new Set(["attlist", "element", "entity", "notation"]);

/** The index after a quoted literal and its trailing whitespace at `j`, or -1 when unclosed. */
function skipLiteral(data: string, j: number): number {
  const close = data.indexOf(data[j]!, j + 1);
  if (close === -1) return -1;
  let k = close + 1;
  while (k < data.length && /\s/.test(data[k]!)) k++;
  return k;
}

export function parseDeclaration(p: DeclarationParser, i: number, scanName: ScanName): number {
  const data = p.rawdata;
  let j = i + 2;
  if (data.slice(i, j) !== "<!") throw new AssertionError("unexpected call to parse_declaration");
  if (data[j] === ">") return j + 1;
  if (j >= data.length || data[j] === "-") return -1;
  if (data.slice(j, j + 2) === "--") return p.parse_comment(i);
  if (data[j] === "[") return p.parse_marked_section(i);
  let kind: string | null;
  [kind, j] = scanName(j, i);
  if (j < 0) return j;
  if (kind === "doctype") p._decl_otherchars = "";
  while (j < data.length) {
    const c = data[j]!;
    if (c === ">") {
      const text = data.slice(i + 2, j);
      if (kind === "doctype") p.handle_decl(text);
      else p.unknown_decl(text);
      return j + 1;
    }
    if (c === '"' || c === "'") j = skipLiteral(data, j);
    else if (LETTERS.test(c)) j = scanName(j, i)[1];
    else if (p._decl_otherchars.includes(c)) j++;
    else if (c === "[") {
      if (kind === "doctype") j = internalSubset(p, j + 1, i, scanName);
      else if (kind === "attlist" || kind === "linktype" || kind === "link" || kind === "element") throw new AssertionError(`unsupported '[' char in ${kind} declaration`);
      else throw new AssertionError("unexpected '[' char in declaration");
    } else throw new AssertionError(`unexpected ${repr(c)} char in declaration`);
    if (j < 0) return j;
  }
  return -1;
}

/** A DOCTYPE's internal subset from `j` (after `[`): the index of the closing `>`, or -1. */
function internalSubset(p: DeclarationParser, j: number, declStart: number, scanName: ScanName): number {
  const data = p.rawdata;
  const n = data.length;
  while (j < n) {
    const c = data[j]!;
    if (c === "<") {
      const opening = data.slice(j, j + 2);
      if (opening === "<") return -1;
      if (opening !== "<!") {
        p.updatepos(declStart, j + 1);
        throw new AssertionError(`unexpected char in internal subset (in ${repr(opening)})`);
      }
      if (j + 4 > n) return -1;
      if (data.slice(j, j + 4) === "<!--") {
        j = p.parse_comment(j, 0n);
        if (j < 0) return j;
        continue;
      }
      let name: string | null;
      [name, j] = scanName(j + 2, declStart);
      if (j === -1) return -1;
      if (!SUBSET_DECLARATIONS.has(name!)) {
        p.updatepos(declStart, j + 2);
        throw new AssertionError(`unknown declaration ${repr(name)} in internal subset`);
      }
      j = subsetDeclarationEnd(data, j);
      if (j < 0) return j;
    } else if (c === "%") {
      if (j + 1 === n) return -1;
      [, j] = scanName(j + 1, declStart);
      if (j < 0) return j;
      if (data[j] === ";") j++;
    } else if (c === "]") {
      j++;
      while (j < n && /\s/.test(data[j]!)) j++;
      if (j >= n) return -1;
      if (data[j] === ">") return j;
      p.updatepos(declStart, j);
      throw new AssertionError("unexpected char after internal subset");
    } else if (/\s/.test(c)) j++;
    else {
      p.updatepos(declStart, j);
      throw new AssertionError(`unexpected char ${repr(c)} in internal subset`);
    }
  }
  return -1;
}

/** The index after the `>` closing a declaration inside the subset (quoted literals skipped), or -1. */
function subsetDeclarationEnd(data: string, j: number): number {
  while (j < data.length) {
    const c = data[j]!;
    if (c === ">") return j + 1;
    if (c === '"' || c === "'") {
      j = skipLiteral(data, j);
      if (j < 0) return -1;
    } else j++;
  }
  return -1;
}
