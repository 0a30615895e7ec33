// configparser's line parser (`RawConfigParser._read`) and the patterns it reads lines with:
// SECTCRE, OPTCRE, OPTCRE_NV and NONSPACECRE are `re` patterns, class attributes as in
// Lib/configparser.py, so a subclass (or an instance) that replaces one changes the parsing.

import { getattr } from "../values/builtin-functions.js";
import { jsIterator } from "../values/iteration.js";
import { repr, toStr } from "../values/repr.js";
import { DuplicateOptionError, DuplicateSectionError, MissingSectionHeaderError, ParsingError } from "./configparser-errors.js";
import { callValue } from "./pycall.js";
import { compilePattern, escapePattern } from "./re.js";
import { RE_FLAGS } from "./re-error.js";

type Section = Map<string, string | null>;
type PendingSection = Map<string, string[] | string | null>;

const SECT_TMPL = String.raw`
        \[                                 # [
        (?P<header>.+)                     # very permissive!
        \]                                 # ]
        `;
const OPT_TMPL = String.raw`
        (?P<option>.*?)                    # very permissive!
        \s*(?P<vi>{delim})\s*              # any number of space/tab,
                                           # followed by any of the
                                           # allowed delimiters,
                                           # followed by any space/tab
        (?P<value>.*)$                     # everything up to eol
        `;
const OPT_NV_TMPL = String.raw`
        (?P<option>.*?)                    # very permissive!
        \s*(?:                             # any number of space/tab,
        (?P<vi>{delim})\s*                 # optionally followed by
                                           # any of the allowed
                                           # delimiters, followed by any
                                           # space/tab
        (?P<value>.*))?$                   # everything up to eol
        `;

const VERBOSE = BigInt(RE_FLAGS.X);

/** The class attributes of RawConfigParser that hold its patterns. */
export const PARSER_PATTERNS = {
  _SECT_TMPL: SECT_TMPL,
  _OPT_TMPL: OPT_TMPL,
  _OPT_NV_TMPL: OPT_NV_TMPL,
  SECTCRE: compilePattern(SECT_TMPL, VERBOSE),
  OPTCRE: compilePattern(OPT_TMPL.replace("{delim}", "=|:"), VERBOSE),
  OPTCRE_NV: compilePattern(OPT_NV_TMPL.replace("{delim}", "=|:"), VERBOSE),
  NONSPACECRE: compilePattern(String.raw`\S`),
};

/**
 * The option pattern of a parser (`self._optcre`): the class's OPTCRE or OPTCRE_NV for the
 * default delimiters, else one built from the class's template.
 */
export function optionPattern(parser: object, delimiters: readonly string[], allowNoValue: boolean): unknown {
  if (delimiters.length === 2 && delimiters[0] === "=" && delimiters[1] === ":") return getattr(parser, allowNoValue ? "OPTCRE_NV" : "OPTCRE");
  const delim = delimiters.map((d) => escapePattern(d)).join("|");
  const template = toStr(getattr(parser, allowNoValue ? "_OPT_NV_TMPL" : "_OPT_TMPL"));
  return compilePattern(template.replace("{delim}", delim), VERBOSE);
}

/** `pattern.match(text)` / `.search(text)` for any object with those methods. */
function applyPattern(pattern: unknown, how: "match" | "search", text: string): unknown {
  return callValue(getattr(pattern, how), text);
}

function groupOf(match: unknown, name: string): unknown {
  return callValue(getattr(match, "group"), name);
}

/** What the line parser needs of the parser it fills. */
export interface ReadTarget {
  readonly default_section: string;
  readonly sectionMap: Map<string, Section>;
  readonly defaultMap: Section;
  readonly commentPrefixes: readonly string[];
  readonly inlinePrefixes: readonly string[];
  readonly strict: boolean;
  readonly emptyLinesInValues: boolean;
  readonly _optcre: unknown;
  xform(name: string): string;
  addProxy(name: string): void;
  beforeRead(section: string, option: string, value: string | null): string | null;
}

function handleError(exc: ParsingError | null, fpname: unknown, lineno: number, line: string): ParsingError {
  const e = exc ?? new ParsingError(fpname);
  e.append(lineno, repr(line));
  return e;
}

/** Where an inline comment starts in `line` (a prefix at the start or after whitespace), or Infinity. */
function inlineCommentStart(line: string, prefixes: readonly string[]): number {
  let commentStart = Infinity;
  let inline = new Map(prefixes.map((p) => [p, -1] as [string, number]));
  while (commentStart === Infinity && inline.size) {
    const next = new Map<string, number>();
    for (const [prefix, index] of inline) {
      const at = line.indexOf(prefix, index + 1);
      if (at === -1) continue;
      next.set(prefix, at);
      if (at === 0 || (at > 0 && /\s/.test(line[at - 1]!))) commentStart = Math.min(commentStart, at);
    }
    inline = next;
  }
  return commentStart;
}

/** The parsing loop of `RawConfigParser._read`, then `_join_multiline_values`. */
export function readConfig(parser: ReadTarget & object, fp: unknown, fpname: unknown): void {
  const sectcre = getattr(parser, "SECTCRE");
  const nonspacecre = getattr(parser, "NONSPACECRE");
  const added = new Set<string>();
  let cursect: PendingSection | null = null;
  let sectname: string | null = null;
  let optname: string | null = null;
  let indentLevel = 0;
  let error: ParsingError | null = null;
  const it = jsIterator(fp);
  let lineno = 0;
  for (let step = it.next(); !step.done; step = it.next()) {
    const line = String(step.value);
    lineno++;
    let commentStart = inlineCommentStart(line, parser.inlinePrefixes);
    for (const prefix of parser.commentPrefixes) {
      if (line.trim().startsWith(prefix)) {
        commentStart = 0;
        break;
      }
    }
    const value = (commentStart === Infinity ? line : line.slice(0, commentStart)).trim();
    if (!value) {
      if (parser.emptyLinesInValues) {
        if (commentStart === Infinity && cursect !== null && optname && cursect.get(optname) !== null && cursect.get(optname) !== undefined) {
          (cursect.get(optname) as string[]).push("");
        }
      } else indentLevel = Infinity;
      continue;
    }
    const firstNonspace = applyPattern(nonspacecre, "search", line);
    const curIndent = firstNonspace !== null ? Number(callValue(getattr(firstNonspace, "start"))) : 0;
    if (cursect !== null && optname && curIndent > indentLevel) {
      (cursect.get(optname) as string[]).push(value);
      continue;
    }
    indentLevel = curIndent;
    const header = applyPattern(sectcre, "match", value);
    if (header !== null) {
      sectname = toStr(groupOf(header, "header"));
      if (parser.sectionMap.has(sectname)) {
        if (parser.strict && added.has(sectname)) throw new DuplicateSectionError(sectname, fpname, BigInt(lineno));
        cursect = parser.sectionMap.get(sectname)! as PendingSection;
        added.add(sectname);
      } else if (sectname === parser.default_section) {
        cursect = parser.defaultMap as PendingSection;
      } else {
        const fresh: Section = new Map();
        parser.sectionMap.set(sectname, fresh);
        parser.addProxy(sectname);
        cursect = fresh as PendingSection;
        added.add(sectname);
      }
      optname = null;
    } else if (cursect === null) {
      throw new MissingSectionHeaderError(fpname, lineno, line);
    } else {
      const mo = applyPattern(parser._optcre, "match", value);
      if (mo !== null) {
        const name = toStr(groupOf(mo, "option"));
        const optval = groupOf(mo, "value");
        if (!name) error = handleError(error, fpname, lineno, line);
        optname = parser.xform(name.trimEnd());
        const id = `${sectname}\u0000${optname}`;
        if (parser.strict && added.has(id)) throw new DuplicateOptionError(sectname, optname, fpname, BigInt(lineno));
        added.add(id);
        cursect.set(optname, optval !== null ? [toStr(optval).trim()] : null);
      } else error = handleError(error, fpname, lineno, line);
    }
  }
  // _join_multiline_values
  for (const [target, values] of [[parser.default_section, parser.defaultMap] as const, ...parser.sectionMap.entries()]) {
    const map = values as PendingSection;
    for (const [name, val] of map) {
      const joined = Array.isArray(val) ? val.join("\n").trimEnd() : val;
      map.set(name, parser.beforeRead(target, name, joined));
    }
  }
  if (error !== null) throw error;
}
