// `html.parser.HTMLParser`, Lib/html/parser.py and Lib/_markupbase.py ported line by line: the
// same tolerant tokenizer (its regular expressions, on JS RegExp with sticky/global matching at
// a position), start/end/startend tags with attributes, data, comments, declarations,
// processing instructions, marked sections, script/style CDATA content, character and entity
// references (converted by html.unescape when convert_charrefs, the default, else reported),
// `getpos`, `get_starttag_text`, `feed`/`close`/`reset`. A program subclasses it and overrides
// the handle_* methods.

import { PyTypeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { truthy } from "../values/truth.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { AssertionError } from "../values/exceptions.js";
import { unescape } from "./html.js";
import { parseDeclaration } from "./html-declaration.js";
import { declareClassValues } from "../values/declared-attributes.js";

/** Python's `pattern.match(s, pos)` (anchored) and `pattern.search(s, pos)`. */
function matchAt(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  const sticky = new RegExp(re.source, re.flags.replace("g", "") + (re.flags.includes("y") ? "" : "y"));
  sticky.lastIndex = pos;
  return sticky.exec(s);
}
function searchFrom(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  const global = new RegExp(re.source, re.flags.replace("y", "") + (re.flags.includes("g") ? "" : "g"));
  global.lastIndex = pos;
  return global.exec(s);
}
const end = (m: RegExpExecArray): number => m.index + m[0].length;

const interestingNormal = /[&<]/;
const incomplete = /&[a-zA-Z#]/;
const entityref = /&([a-zA-Z][-.a-zA-Z0-9]*)[^a-zA-Z0-9]/;
const charref = /&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]/;
const starttagopen = /<[a-zA-Z]/;
const piclose = />/;
const commentclose = /--\s*>/;
const tagfindTolerant = /([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|\/(?!>))*/;
const attrfindTolerant = /((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|\/(?!>))*/;
const locatestarttagendTolerant = /<[a-zA-Z][^\t\n\r\f />\x00]*(?:[\s/]*(?:(?<=['"\s/])[^\s/>][^\s/=>]*(?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*)\s*)?(?:\s|\/(?!>))*)*)?\s*/;
const endendtag = />/;
const endtagfind = /<\/\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>/;
const declnameMatch = /[a-zA-Z][-_.a-zA-Z0-9]*\s*/;
const markedsectionclose = /]\s*]\s*>/;
const msmarkedsectionclose = /]\s*>/;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

export class HTMLParser {
  static readonly __module__ = "html.parser";
  static readonly CDATA_CONTENT_ELEMENTS = Tuple.of("script", "style");
  convert_charrefs: unknown;
  rawdata = "";
  lasttag = "???";
  declare static _decl_otherchars: string;
  declare _decl_otherchars: string;
  interesting: RegExp = interestingNormal;
  cdata_elem: string | null = null;
  lineno = 1n;
  offset = 0n;
  #starttagText: string | null = null;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    if (pos.length > 0) throw new PyTypeError(`HTMLParser.__init__() takes 1 positional argument but ${pos.length + 1} were given`);
    this.convert_charrefs = "convert_charrefs" in kws ? kws.convert_charrefs : true;
    this.reset();
  }

  reset(): null {
    this.rawdata = "";
    this.lasttag = "???";
    this.interesting = interestingNormal;
    this.cdata_elem = null;
    this.lineno = 1n;
    this.offset = 0n;
    return null;
  }

  feed(data: unknown): null {
    if (typeof data !== "string") throw new PyTypeError(`can only concatenate str (not "${typeName(data)}") to str`);
    this.rawdata = this.rawdata + data;
    this.goahead(false);
    return null;
  }

  close(): null {
    this.goahead(true);
    return null;
  }

  getpos(): Tuple {
    return Tuple.of(this.lineno, this.offset);
  }

  get_starttag_text(): string | null {
    return this.#starttagText;
  }

  set_cdata_mode(elem: string): null {
    this.cdata_elem = elem.toLowerCase();
    this.interesting = new RegExp(`<\\/\\s*${escapeRe(this.cdata_elem)}\\s*>`, "i");
    return null;
  }

  clear_cdata_mode(): null {
    this.interesting = interestingNormal;
    this.cdata_elem = null;
    return null;
  }

  updatepos(i: number, j: number): number {
    if (i >= j) return j;
    const chunk = this.rawdata.slice(i, j);
    const nlines = chunk.split("\n").length - 1;
    if (nlines > 0) {
      this.lineno += BigInt(nlines);
      const pos = i + chunk.lastIndexOf("\n");
      this.offset = BigInt(j - (pos + 1));
    } else {
      this.offset += BigInt(j - i);
    }
    return j;
  }

  #text(s: string): string {
    return truthy(this.convert_charrefs) && this.cdata_elem === null ? unescape(s) : s;
  }

  goahead(atEnd: boolean): void {
    const rawdata = this.rawdata;
    let i = 0;
    const n = rawdata.length;
    const converting = (): boolean => truthy(this.convert_charrefs) && this.cdata_elem === null;
    while (i < n) {
      let j: number;
      if (converting()) {
        j = rawdata.indexOf("<", i);
        if (j < 0) {
          const amppos = rawdata.lastIndexOf("&");
          if (amppos >= Math.max(i, n - 34) && !/[\s;]/.test(rawdata.slice(amppos))) break; // wait till we get all the text
          j = n;
        }
      } else {
        const m = searchFrom(this.interesting, rawdata, i);
        if (m !== null) j = m.index;
        else {
          if (this.cdata_elem !== null) break;
          j = n;
        }
      }
      if (i < j) this.handle_data(this.#text(rawdata.slice(i, j)));
      i = this.updatepos(i, j);
      if (i === n) break;
      if (rawdata.startsWith("<", i)) {
        let k: number;
        if (matchAt(starttagopen, rawdata, i)) k = this.parse_starttag(i);
        else if (rawdata.startsWith("</", i)) k = this.parse_endtag(i);
        else if (rawdata.startsWith("<!--", i)) k = this.parse_comment(i);
        else if (rawdata.startsWith("<?", i)) k = this.parse_pi(i);
        else if (rawdata.startsWith("<!", i)) k = this.parse_html_declaration(i);
        else if (i + 1 < n) {
          this.handle_data("<");
          k = i + 1;
        } else break;
        if (k < 0) {
          if (!atEnd) break;
          k = rawdata.indexOf(">", i + 1);
          if (k < 0) {
            k = rawdata.indexOf("<", i + 1);
            if (k < 0) k = i + 1;
          } else k += 1;
          this.handle_data(this.#text(rawdata.slice(i, k)));
        }
        i = this.updatepos(i, k);
      } else if (rawdata.startsWith("&#", i)) {
        const m = matchAt(charref, rawdata, i);
        if (m !== null) {
          this.handle_charref(m[0].slice(2, -1));
          let k = end(m);
          if (!rawdata.startsWith(";", k - 1)) k -= 1;
          i = this.updatepos(i, k);
          continue;
        }
        if (rawdata.slice(i).includes(";")) {
          // bail by consuming &#
          this.handle_data(rawdata.slice(i, i + 2));
          i = this.updatepos(i, i + 2);
        }
        break;
      } else if (rawdata.startsWith("&", i)) {
        let m = matchAt(entityref, rawdata, i);
        if (m !== null) {
          this.handle_entityref(m[1]!);
          let k = end(m);
          if (!rawdata.startsWith(";", k - 1)) k -= 1;
          i = this.updatepos(i, k);
          continue;
        }
        m = matchAt(incomplete, rawdata, i);
        if (m !== null) {
          if (atEnd && m[0] === rawdata.slice(i)) i = this.updatepos(i, i + 1);
          break;
        } else if (i + 1 < n) {
          this.handle_data("&");
          i = this.updatepos(i, i + 1);
        } else break;
      } else {
        throw new AssertionError("interesting.search() lied");
      }
    }
    if (atEnd && i < n && this.cdata_elem === null) {
      this.handle_data(this.#text(rawdata.slice(i, n)));
      i = this.updatepos(i, n);
    }
    this.rawdata = rawdata.slice(i);
  }

  parse_html_declaration(i: number): number {
    const rawdata = this.rawdata;
    if (rawdata.slice(i, i + 4) === "<!--") return this.parse_comment(i);
    if (rawdata.slice(i, i + 3) === "<![") return this.parse_marked_section(i);
    if (rawdata.slice(i, i + 9).toLowerCase() === "<!doctype") {
      const gtpos = rawdata.indexOf(">", i + 9);
      if (gtpos === -1) return -1;
      this.handle_decl(rawdata.slice(i + 2, gtpos));
      return gtpos + 1;
    }
    return this.parse_bogus_comment(i);
  }

  /** `parse_declaration(i)`: an SGML declaration at `i` (html-declaration.ts). */
  parse_declaration(i: unknown): any {
    const after = parseDeclaration(this, Number(i), (j, start) => this.#scanName(j, start));
    return typeof i === "bigint" ? BigInt(after) : after;
  }

  parse_bogus_comment(i: number, report: unknown = 1n): number {
    const rawdata = this.rawdata;
    const pos = rawdata.indexOf(">", i + 2);
    if (pos === -1) return -1;
    if (truthy(report)) this.handle_comment(rawdata.slice(i + 2, pos));
    return pos + 1;
  }

  parse_pi(i: number): number {
    const rawdata = this.rawdata;
    const m = searchFrom(piclose, rawdata, i + 2);
    if (m === null) return -1;
    this.handle_pi(rawdata.slice(i + 2, m.index));
    return end(m);
  }

  parse_comment(i: number, report: unknown = 1n): number {
    const rawdata = this.rawdata;
    if (rawdata.slice(i, i + 4) !== "<!--") throw new AssertionError("unexpected call to parse_comment()");
    const m = searchFrom(commentclose, rawdata, i + 4);
    if (m === null) return -1;
    if (truthy(report)) this.handle_comment(rawdata.slice(i + 4, m.index));
    return end(m);
  }

  parse_marked_section(i: number, report: unknown = 1n): number {
    const rawdata = this.rawdata;
    const [sectName, j] = this.#scanName(i + 3, i);
    if (j < 0) return j;
    let m: RegExpExecArray | null;
    if (["temp", "cdata", "ignore", "include", "rcdata"].includes(sectName!)) m = searchFrom(markedsectionclose, rawdata, i + 3);
    else if (["if", "else", "endif"].includes(sectName!)) m = searchFrom(msmarkedsectionclose, rawdata, i + 3);
    else throw new AssertionError(`unknown status keyword '${rawdata.slice(i + 3, j)}' in marked section`);
    if (m === null) return -1;
    if (truthy(report)) this.unknown_decl(rawdata.slice(i + 3, m.index));
    return end(m);
  }

  #scanName(i: number, declstartpos: number): [string | null, number] {
    const rawdata = this.rawdata;
    const n = rawdata.length;
    if (i === n) return [null, -1];
    const m = matchAt(declnameMatch, rawdata, i);
    if (m !== null) {
      const s = m[0];
      if (i + s.length === n) return [null, -1];
      return [s.trim().toLowerCase(), end(m)];
    }
    this.updatepos(declstartpos, i);
    throw new AssertionError(`expected name token at '${rawdata.slice(declstartpos, declstartpos + 20)}'`);
  }

  parse_starttag(i: number): number {
    this.#starttagText = null;
    const endpos = this.check_for_whole_start_tag(i);
    if (endpos < 0) return endpos;
    const rawdata = this.rawdata;
    this.#starttagText = rawdata.slice(i, endpos);
    const attrs: Tuple[] = [];
    const match = matchAt(tagfindTolerant, rawdata, i + 1)!;
    let k = end(match);
    const tag = match[1]!.toLowerCase();
    this.lasttag = tag;
    while (k < endpos) {
      const m = matchAt(attrfindTolerant, rawdata, k);
      if (m === null) break;
      const attrname = m[1]!;
      const rest = m[2];
      let attrvalue: string | null = m[3] ?? null;
      if (!rest) attrvalue = null;
      else if (attrvalue !== null && attrvalue.length > 0 && ((attrvalue[0] === "'" && attrvalue.at(-1) === "'") || (attrvalue[0] === '"' && attrvalue.at(-1) === '"'))) {
        attrvalue = attrvalue.slice(1, -1);
      }
      if (attrvalue) attrvalue = unescape(attrvalue);
      attrs.push(Tuple.of<unknown>(attrname.toLowerCase(), attrvalue));
      k = end(m);
    }
    const endText = rawdata.slice(k, endpos).trim();
    if (endText !== ">" && endText !== "/>") {
      this.handle_data(rawdata.slice(i, endpos));
      return endpos;
    }
    if (endText.endsWith("/>")) this.handle_startendtag(tag, attrs);
    else {
      this.handle_starttag(tag, attrs);
      const cdata = (this.constructor as unknown as { CDATA_CONTENT_ELEMENTS: Tuple }).CDATA_CONTENT_ELEMENTS;
      if (cdata.items.includes(tag)) this.set_cdata_mode(tag);
    }
    return endpos;
  }

  check_for_whole_start_tag(i: number): number {
    const rawdata = this.rawdata;
    const m = matchAt(locatestarttagendTolerant, rawdata, i);
    if (m === null) throw new AssertionError("we should not get here!");
    const j = end(m);
    const next = rawdata.slice(j, j + 1);
    if (next === ">") return j + 1;
    if (next === "/") {
      if (rawdata.startsWith("/>", j)) return j + 2;
      if (rawdata.startsWith("/", j)) return -1;
      return j > i ? j : i + 1;
    }
    if (next === "") return -1;
    if ("abcdefghijklmnopqrstuvwxyz=/ABCDEFGHIJKLMNOPQRSTUVWXYZ".includes(next)) return -1;
    return j > i ? j : i + 1;
  }

  parse_endtag(i: number): number {
    const rawdata = this.rawdata;
    let m = searchFrom(endendtag, rawdata, i + 1);
    if (m === null) return -1;
    let gtpos = end(m);
    m = matchAt(endtagfind, rawdata, i);
    if (m === null) {
      if (this.cdata_elem !== null) {
        this.handle_data(rawdata.slice(i, gtpos));
        return gtpos;
      }
      const namematch = matchAt(tagfindTolerant, rawdata, i + 2);
      if (namematch === null) {
        if (rawdata.slice(i, i + 3) === "</>") return i + 3;
        return this.parse_bogus_comment(i);
      }
      const tagname = namematch[1]!.toLowerCase();
      gtpos = rawdata.indexOf(">", end(namematch));
      this.handle_endtag(tagname);
      return gtpos + 1;
    }
    const elem = m[1]!.toLowerCase();
    if (this.cdata_elem !== null && elem !== this.cdata_elem) {
      this.handle_data(rawdata.slice(i, gtpos));
      return gtpos;
    }
    this.handle_endtag(elem);
    this.clear_cdata_mode();
    return gtpos;
  }

  handle_startendtag(tag: unknown, attrs: unknown): unknown {
    this.handle_starttag(tag, attrs);
    this.handle_endtag(tag);
    return null;
  }
  handle_starttag(_tag: unknown, _attrs: unknown): unknown {
    return null;
  }
  handle_endtag(_tag: unknown): unknown {
    return null;
  }
  handle_charref(_name: unknown): unknown {
    return null;
  }
  handle_entityref(_name: unknown): unknown {
    return null;
  }
  handle_data(_data: unknown): unknown {
    return null;
  }
  handle_comment(_data: unknown): unknown {
    return null;
  }
  handle_decl(_decl: unknown): unknown {
    return null;
  }
  handle_pi(_data: unknown): unknown {
    return null;
  }
  unknown_decl(_data: unknown): unknown {
    return null;
  }
}

// (the characters a declaration may hold besides names and literals: none; a subclass may add some)
declareClassValues(HTMLParser, { _decl_otherchars: "" });
