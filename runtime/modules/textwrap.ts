// Python's `textwrap`: TextWrapper (wrap/fill with indents, max_lines and placeholder, long
// words, hyphens, sentence endings), the module functions, `shorten`, `dedent` and `indent`.
// Text is cut into chunks (words, whitespace runs, hyphenated parts) by a `re` pattern that
// states CPython's chunking rules, then packed into lines as TextWrapper._wrap_chunks does.

import { builtinFunction } from "../values/builtin-type.js";
import { declareClassValues, declareLazyClassValues } from "../values/declared-attributes.js";
import { Dict } from "../values/dict.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { Kwargs, splitKw, type KwArgs } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { repr } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { callValue } from "./pycall.js";
import { compilePattern } from "./re.js";

/** Python's len: code points. */
function plen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

function pslice(s: string, start: number, end?: number): string {
  return plen(s) === s.length ? s.slice(start, end) : Array.from(s).slice(start, end).join("");
}

const WS = "[\\t\\n\\x0b\\x0c\\r ]";
const NWS = "[^\\t\\n\\x0b\\x0c\\r ]";
const LETTER = "[^\\d\\W]";
const WORD_PUNCT = "[\\w!\"'&.,?]";

// A chunk: a whitespace run; an em-dash (two or more hyphens) after a word; or a word, cut
// after a hyphen that follows two letters (or letter-hyphen-letter) and precedes a letter
// pair, or before an em-dash. (TextWrapper.wordsep_re; wordsep_simple_re cuts at whitespace
// only; sentence_end_re finds a chunk ending a sentence. Subclasses may replace each.)
const WORDSEP =
  `(${WS}+` +
  `|(?<=${WORD_PUNCT})-{2,}(?=\\w)` +
  `|${NWS}+?(?:-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})` +
  `|(?=${WS}|\\Z)` +
  `|(?<=${WORD_PUNCT})(?=-{2,}\\w)))`;
const WORDSEP_SIMPLE = `(${WS}+)`;
const SENTENCE_END = `[a-z][\\.\\!\\?][\\"\\']?\\Z`;

const WHITESPACE_CHARS = new Set(["\t", "\n", "\x0b", "\x0c", "\r"]);

function text(x: unknown, what = "text"): string {
  if (typeof x !== "string") throw new PyTypeError(`${what} must be str, not ${typeName(x)}`);
  return x;
}

const OPTIONS = [
  "width",
  "initial_indent",
  "subsequent_indent",
  "expand_tabs",
  "replace_whitespace",
  "fix_sentence_endings",
  "break_long_words",
  "drop_whitespace",
  "break_on_hyphens",
  "tabsize",
] as const;
const KEYWORD_ONLY = ["max_lines", "placeholder"] as const;

export class TextWrapper {
  static readonly __module__ = "textwrap";
  width: any = 70n;
  initial_indent: any = "";
  subsequent_indent: any = "";
  expand_tabs: any = true;
  replace_whitespace: any = true;
  fix_sentence_endings: any = false;
  break_long_words: any = true;
  drop_whitespace: any = true;
  break_on_hyphens: any = true;
  tabsize: any = 8n;
  max_lines: any = null;
  placeholder: any = " [...]";
  declare static wordsep_re: unknown;
  declare static wordsep_simple_re: unknown;
  declare static sentence_end_re: unknown;
  declare wordsep_re: unknown;
  declare wordsep_simple_re: unknown;
  declare sentence_end_re: unknown;

  constructor(...args: unknown[]) {
    const [positional, kws] = splitKw(args);
    if (positional.length > OPTIONS.length) {
      throw new PyTypeError(`TextWrapper.__init__() takes from 1 to ${OPTIONS.length + 1} positional arguments but ${positional.length + 1} were given`);
    }
    const self = this as unknown as Record<string, unknown>;
    positional.forEach((value, i) => (self[OPTIONS[i]!] = value));
    for (const [key, value] of Object.entries(kws)) {
      if (!(OPTIONS as readonly string[]).includes(key) && !(KEYWORD_ONLY as readonly string[]).includes(key)) {
        throw new PyTypeError(`TextWrapper.__init__() got an unexpected keyword argument '${key}'`);
      }
      const index = (OPTIONS as readonly string[]).indexOf(key);
      if (index >= 0 && index < positional.length) throw new PyTypeError(`TextWrapper.__init__() got multiple values for argument '${key}'`);
      self[key] = value;
    }
  }

  private munge(s: string): string {
    if (truthy(this.expand_tabs)) s = callMethod(s, "expandtabs", this.tabsize) as string;
    if (truthy(this.replace_whitespace)) s = Array.from(s, (c) => (WHITESPACE_CHARS.has(c) ? " " : c)).join("");
    return s;
  }

  private split(s: string): string[] {
    const chunker = (truthy(this.break_on_hyphens) ? this.wordsep_re : this.wordsep_simple_re) as unknown;
    return (callMethod(chunker, "split", s) as string[]).filter((c) => c !== "");
  }

  private fixSentenceEndings(chunks: string[]): void {
    const end = this.sentence_end_re as unknown;
    let i = 0;
    while (i < chunks.length - 1) {
      if (chunks[i + 1] === " " && callMethod(end, "search", chunks[i]) !== null) {
        chunks[i + 1] = "  ";
        i += 2;
      } else i += 1;
    }
  }

  private handleLongWord(chunks: string[], line: string[], length: number, width: number): void {
    const spaceLeft = width < 1 ? 1 : width - length;
    if (truthy(this.break_long_words)) {
      let end = spaceLeft;
      const chunk = chunks[chunks.length - 1]!;
      if (truthy(this.break_on_hyphens) && plen(chunk) > spaceLeft) {
        const hyphen = Array.from(chunk).slice(0, Math.max(spaceLeft, 0)).lastIndexOf("-");
        if (hyphen > 0 && Array.from(chunk).slice(0, hyphen).some((c) => c !== "-")) end = hyphen + 1;
      }
      line.push(pslice(chunk, 0, end));
      chunks[chunks.length - 1] = pslice(chunk, end);
    } else if (line.length === 0) {
      line.push(chunks.pop()!);
    }
  }

  private wrapChunks(chunks: string[]): string[] {
    const lines: string[] = [];
    const fullWidth = Number(this.width);
    if (fullWidth <= 0) throw new ValueError(`invalid width ${repr(this.width)} (must be > 0)`);
    const placeholder = String(this.placeholder);
    const maxLines = this.max_lines === null || this.max_lines === undefined ? null : Number(this.max_lines);
    const drop = truthy(this.drop_whitespace);
    if (maxLines !== null) {
      const indent = maxLines > 1 ? String(this.subsequent_indent) : String(this.initial_indent);
      if (plen(indent) + plen(placeholder.trimStart()) > fullWidth) throw new ValueError("placeholder too large for max width");
    }
    chunks.reverse();
    const blank = (s: string): boolean => callMethod(s, "strip") === "";
    while (chunks.length > 0) {
      const line: string[] = [];
      let length = 0;
      const indent = lines.length > 0 ? String(this.subsequent_indent) : String(this.initial_indent);
      const width = fullWidth - plen(indent);
      if (drop && blank(chunks[chunks.length - 1]!) && lines.length > 0) chunks.pop();
      while (chunks.length > 0) {
        const l = plen(chunks[chunks.length - 1]!);
        if (length + l <= width) {
          line.push(chunks.pop()!);
          length += l;
        } else break;
      }
      if (chunks.length > 0 && plen(chunks[chunks.length - 1]!) > width) {
        this.handleLongWord(chunks, line, length, width);
        length = line.reduce((n, c) => n + plen(c), 0);
      }
      if (drop && line.length > 0 && blank(line[line.length - 1]!)) {
        length -= plen(line[line.length - 1]!);
        line.pop();
      }
      if (line.length === 0) continue;
      const restIsBlank = chunks.length === 0 || (drop && chunks.length === 1 && blank(chunks[0]!));
      if (maxLines === null || lines.length + 1 < maxLines || (restIsBlank && length <= width)) {
        lines.push(indent + line.join(""));
        continue;
      }
      let placed = false;
      while (line.length > 0) {
        if (!blank(line[line.length - 1]!) && length + plen(placeholder) <= width) {
          line.push(placeholder);
          lines.push(indent + line.join(""));
          placed = true;
          break;
        }
        length -= plen(line[line.length - 1]!);
        line.pop();
      }
      if (!placed) {
        const previous = lines.length > 0 ? lines[lines.length - 1]!.trimEnd() : null;
        if (previous !== null && plen(previous) + plen(placeholder) <= fullWidth) lines[lines.length - 1] = previous + placeholder;
        else lines.push(indent + placeholder.trimStart());
      }
      break;
    }
    return lines;
  }

  wrap(s: unknown): any {
    const chunks = this.split(this.munge(text(s)));
    if (truthy(this.fix_sentence_endings)) this.fixSentenceEndings(chunks);
    return this.wrapChunks(chunks);
  }

  fill(s: unknown): any {
    return (this.wrap(s) as string[]).join("\n");
  }
}

// (`TextWrapper.unicode_whitespace_trans`: the table mapping each ASCII whitespace character to a space)
declareClassValues(TextWrapper, { unicode_whitespace_trans: new Dict([..."\t\n\x0b\x0c\r "].map((c) => [BigInt(c.codePointAt(0)!), 32n])) });
// (the chunking patterns, compiled on first use)
declareLazyClassValues(TextWrapper, {
  wordsep_re: () => compilePattern(WORDSEP),
  wordsep_simple_re: () => compilePattern(WORDSEP_SIMPLE),
  sentence_end_re: () => compilePattern(SENTENCE_END),
});

function wrapperFrom(args: unknown[], name: string, width: unknown = 70n): [string, TextWrapper] {
  const [positional, kws] = splitKw(args);
  const given: KwArgs = Object.assign(Object.create(null) as KwArgs, kws);
  if (positional.length === 0 && !("text" in given)) throw new PyTypeError(`${name}() missing 1 required positional argument: 'text'`);
  const source = positional.length > 0 ? positional[0] : given["text"];
  delete given["text"];
  if (positional.length > 1) given["width"] = positional[1];
  if (positional.length > 2) throw new PyTypeError(`${name}() takes from 1 to 2 positional arguments but ${positional.length} were given`);
  if (!("width" in given)) given["width"] = width;
  return [text(source), new TextWrapper(new Kwargs(given))];
}

function wrap(...args: unknown[]): any {
  const [s, wrapper] = wrapperFrom(args, "wrap");
  return wrapper.wrap(s);
}

function fill(...args: unknown[]): any {
  const [s, wrapper] = wrapperFrom(args, "fill");
  return wrapper.fill(s);
}

function shorten(...args: unknown[]): any {
  const [positional, kws] = splitKw(args);
  if (positional.length < 2 && !("width" in kws)) throw new PyTypeError("shorten() missing 1 required positional argument: 'width'");
  const [s, wrapper] = wrapperFrom(args, "shorten");
  wrapper.max_lines = 1n;
  return wrapper.fill((callMethod(callMethod(s, "strip"), "split") as string[]).join(" "));
}

/** Remove the whitespace every non-blank line starts with (blank lines become empty). */
function dedent(s: unknown): any {
  const source = text(s, "expected str, got");
  const lines = source.split("\n").map((line) => (/^[ \t]+$/.test(line) ? "" : line));
  let margin: string | null = null;
  for (const line of lines) {
    const indent = /^[ \t]*(?=[^ \t\n])/.exec(line);
    if (indent === null) continue;
    const current = indent[0];
    if (margin === null) margin = current;
    else if (current.startsWith(margin)) {
      // this line is indented more: the margin stays
    } else if (margin.startsWith(current)) margin = current;
    else {
      let i = 0;
      while (i < margin.length && i < current.length && margin[i] === current[i]) i++;
      margin = margin.slice(0, i);
    }
  }
  const cut = margin ?? "";
  return lines.map((line) => (cut !== "" && line.startsWith(cut) ? line.slice(cut.length) : line)).join("\n");
}

/** Add `prefix` to the lines `predicate` accepts (by default those not only whitespace). */
function indent(s: unknown, prefix: unknown, predicate: unknown = null): any {
  const source = text(s);
  const lines = callMethod(source, "splitlines", true) as string[];
  const accept = (line: string): boolean => (predicate === null || predicate === undefined ? callMethod(line, "strip") !== "" : truthy(callValue(predicate, line)));
  return lines.map((line) => (accept(line) ? String(prefix) + line : line)).join("");
}

function indentCall(...args: unknown[]): any {
  const [positional, kws] = splitKw(args);
  const s = positional[0] ?? kws["text"];
  const prefix = positional[1] ?? kws["prefix"];
  const predicate = positional[2] ?? kws["predicate"] ?? null;
  if (s === undefined || prefix === undefined) throw new PyTypeError(`indent() missing 1 required positional argument: '${s === undefined ? "text" : "prefix"}'`);
  return indent(s, prefix, predicate);
}

export const textwrapModule = moduleObject("textwrap", {
  __all__: ["TextWrapper", "wrap", "fill", "dedent", "indent", "shorten"],
  TextWrapper: pyClass(TextWrapper),
  wrap: builtinFunction(wrap, "wrap"),
  fill: builtinFunction(fill, "fill"),
  shorten: builtinFunction(shorten, "shorten"),
  dedent: builtinFunction(dedent, "dedent"),
  indent: builtinFunction(indentCall, "indent"),
});
