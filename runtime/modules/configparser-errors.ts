// configparser's exceptions (with Lib/configparser.py's messages) and its interpolations:
// Interpolation (none), BasicInterpolation (`%(name)s`, `%%`) and ExtendedInterpolation
// (`${option}`, `${section:option}`, `$$`), with the depth limit.

import { DeprecationWarning, Exception, KeyError, ValueError } from "../values/exceptions.js";
import { percentFormat } from "../values/percent-format.js";
import { callValue } from "./pycall.js";
import { warningsModule } from "./warnings.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { kw } from "../values/kwargs.js";

/** What the interpolations ask of a parser. */
export interface ParserView {
  xform(name: string): string;
  rawGet(section: string, option: string): string | null | undefined;
  hasSectionOrDefault(section: string): boolean;
  lookupIn(section: string, vars: unknown): Lookup;
}

export const MAX_INTERPOLATION_DEPTH = 10;

function pad2(n: number): string {
  return String(n).padStart(2, " ");
}

export class Error extends Exception {
  static readonly __module__: string = "configparser";
  message: string;
  constructor(msg: unknown = "") {
    super(msg);
    this.message = String(msg);
  }
  __repr__(): string {
    return this.message;
  }
  __str__(): string {
    return this.message;
  }
}

export class NoSectionError extends Error {
  section: unknown;
  constructor(section: unknown) {
    super(`No section: ${repr(section)}`);
    this.section = section;
    this.args = Tuple.of(section);
  }
}

/** "While reading from 'f' [line  3]: section 'x' already exists" or "Section 'x' already exists". */
function duplicateMessage(kind: string, what: string[], source: unknown, lineno: unknown): string {
  if (source !== null && source !== undefined) {
    const line = lineno !== null && lineno !== undefined && lineno !== 0n && lineno !== 0 ? ` [line ${pad2(Number(lineno))}]` : "";
    return `While reading from ${repr(source)}${line}: ${kind.toLowerCase()} ${what.join("")}`;
  }
  return `${kind} ${what.join("")}`;
}

export class DuplicateSectionError extends Error {
  section: unknown;
  source: unknown;
  lineno: unknown;
  constructor(section: unknown, source: unknown = null, lineno: unknown = null) {
    super(duplicateMessage("Section", [repr(section), " already exists"], source, lineno));
    this.section = section;
    this.source = source;
    this.lineno = lineno;
    this.args = Tuple.of(section, source, lineno);
  }
}

export class DuplicateOptionError extends Error {
  section: unknown;
  option: unknown;
  source: unknown;
  lineno: unknown;
  constructor(section: unknown, option: unknown, source: unknown = null, lineno: unknown = null) {
    super(duplicateMessage("Option", [repr(option), " in section ", repr(section), " already exists"], source, lineno));
    this.section = section;
    this.option = option;
    this.source = source;
    this.lineno = lineno;
    this.args = Tuple.of(section, option, source, lineno);
  }
}

export class NoOptionError extends Error {
  option: unknown;
  section: unknown;
  constructor(option: unknown, section: unknown) {
    super(`No option ${repr(option)} in section: ${repr(section)}`);
    this.option = option;
    this.section = section;
    this.args = Tuple.of(option, section);
  }
}

export class InterpolationError extends Error {
  option: unknown;
  section: unknown;
  constructor(option: unknown, section: unknown, msg: string) {
    super(msg);
    this.option = option;
    this.section = section;
    this.args = Tuple.of(option, section, msg);
  }
}

export class InterpolationMissingOptionError extends InterpolationError {
  reference: unknown;
  constructor(option: unknown, section: unknown, rawval: unknown, reference: unknown) {
    super(option, section, `Bad value substitution: option ${repr(option)} in section ${repr(section)} contains an interpolation key ${repr(reference)} which is not a valid option name. Raw value: ${repr(rawval)}`);
    this.reference = reference;
    this.args = Tuple.of(option, section, rawval, reference);
  }
}

export class InterpolationSyntaxError extends InterpolationError {}

export class InterpolationDepthError extends InterpolationError {
  constructor(option: unknown, section: unknown, rawval: unknown) {
    super(option, section, `Recursion limit exceeded in value substitution: option ${repr(option)} in section ${repr(section)} contains an interpolation key which cannot be substituted in ${MAX_INTERPOLATION_DEPTH} steps. Raw value: ${repr(rawval)}`);
    this.args = Tuple.of(option, section, rawval);
  }
}

export class ParsingError extends Error {
  source: unknown;
  errors: Tuple[] = [];
  constructor(source: unknown) {
    super(`Source contains parsing errors: ${repr(source)}`);
    this.source = source;
    this.args = Tuple.of(source);
  }
  /** The deprecated name of `source` (3.11 warns; 3.12 removes it). */
  get filename(): unknown {
    callValue(warningsModule.warn, "The 'filename' attribute will be removed in Python 3.12. Use 'source' instead.", DeprecationWarning, kw({ stacklevel: 2n }));
    return this.source;
  }
  set filename(value: unknown) {
    callValue(warningsModule.warn, "The 'filename' attribute will be removed in Python 3.12. Use 'source' instead.", DeprecationWarning, kw({ stacklevel: 2n }));
    this.source = value;
  }
  append(lineno: number, line: string): null {
    this.errors.push(Tuple.of(BigInt(lineno), line));
    this.message += `\n\t[line ${pad2(lineno)}]: ${line}`;
    return null;
  }
}

export class MissingSectionHeaderError extends ParsingError {
  lineno: bigint;
  line: string;
  constructor(filename: unknown, lineno: number, line: string) {
    super(filename);
    this.message = `File contains no section headers.\nfile: ${repr(filename)}, line: ${lineno}\n${repr(line)}`;
    this.lineno = BigInt(lineno);
    this.line = line;
    this.args = Tuple.of(filename, BigInt(lineno), line);
  }
}

export type Lookup = (option: string) => string | null | undefined;

/** `Interpolation`: values as they are (RawConfigParser's `interpolation=None` too). */
export class Interpolation {
  static readonly __module__: string = "configparser";
  before_get(_parser: unknown, _section: unknown, _option: unknown, value: unknown, _defaults: unknown): unknown {
    return value;
  }
  before_set(_parser: unknown, _section: unknown, _option: unknown, value: unknown): unknown {
    return value;
  }
  before_read(_parser: unknown, _section: unknown, _option: unknown, value: unknown): unknown {
    return value;
  }
  before_write(_parser: unknown, _section: unknown, _option: unknown, value: unknown): unknown {
    return value;
  }
  /** pyts's entry: `value` of `option` in `section`, expanded over `lookup`. */
  expand(_parser: ParserView, _section: string, _option: string, value: string, _lookup: Lookup): string {
    return value;
  }
}

export class BasicInterpolation extends Interpolation {
  override before_set(_parser: unknown, _section: unknown, _option: unknown, value: unknown): unknown {
    const s = String(value);
    const tmp = s.replaceAll("%%", "").replace(/%\(([^)]+)\)s/g, "");
    if (tmp.includes("%")) throw new ValueError(`invalid interpolation syntax in ${repr(s)} at position ${tmp.indexOf("%")}`);
    return value;
  }

  override expand(parser: ParserView, section: string, option: string, value: string, lookup: Lookup): string {
    const out: string[] = [];
    this.some(parser, option, out, value, section, lookup, 1);
    return out.join("");
  }

  private some(parser: ParserView, option: string, accum: string[], rest: string, section: string, lookup: Lookup, depth: number): void {
    const rawval = parser.rawGet(section, option) ?? rest;
    if (depth > MAX_INTERPOLATION_DEPTH) throw new InterpolationDepthError(option, section, rawval);
    while (rest) {
      const p = rest.indexOf("%");
      if (p < 0) {
        accum.push(rest);
        return;
      }
      if (p > 0) {
        accum.push(rest.slice(0, p));
        rest = rest.slice(p);
      }
      const c = rest.slice(1, 2);
      if (c === "%") {
        accum.push("%");
        rest = rest.slice(2);
      } else if (c === "(") {
        const m = /^%\(([^)]+)\)s/.exec(rest);
        if (m === null) throw new InterpolationSyntaxError(option, section, `bad interpolation variable reference ${repr(rest)}`);
        const name = parser.xform(m[1]!);
        rest = rest.slice(m[0].length);
        const v = lookup(name);
        if (v === undefined || v === null) throw new InterpolationMissingOptionError(option, section, rawval, name);
        if (v.includes("%")) this.some(parser, option, accum, v, section, lookup, depth + 1);
        else accum.push(v);
      } else throw new InterpolationSyntaxError(option, section, `'%' must be followed by '%' or '(', found: ${repr(rest)}`);
    }
  }
}

/** The options `lookup` finds, as the mapping `value % vars` reads (KeyError for one missing). */
class LookupMapping {
  constructor(private readonly lookup: Lookup) {}
  __getitem__(key: unknown): unknown {
    const value = this.lookup(String(key));
    if (value === undefined) throw new KeyError(key);
    return value;
  }
}

/**
 * `LegacyInterpolation` (deprecated since 3.2, warned about in 3.11): `%(name)s` references
 * made lower case, then the value %-formatted with the options, repeated while references remain.
 */
export class LegacyInterpolation extends Interpolation {
  constructor() {
    super();
    callValue(warningsModule.warn, "LegacyInterpolation has been deprecated since Python 3.2 and will be removed from the configparser module in Python 3.13. Use BasicInterpolation or ExtendedInterpolation instead.", DeprecationWarning);
  }

  override expand(parser: ParserView, section: string, option: string, rawval: string, lookup: Lookup): string {
    let value = rawval;
    const vars = new LookupMapping(lookup);
    for (let depth = MAX_INTERPOLATION_DEPTH; depth > 0; depth--) {
      if (!value || !value.includes("%(")) break;
      value = value.replace(/%\(([^)]*)\)s/g, (_m, name: string) => `%(${parser.xform(name)})s`);
      try {
        value = percentFormat(value, vars);
      } catch (error) {
        if (error instanceof KeyError) throw new InterpolationMissingOptionError(option, section, rawval, (error.args as Tuple).items[0]);
        throw error;
      }
    }
    if (value && value.includes("%(")) throw new InterpolationDepthError(option, section, rawval);
    return value;
  }
}

export class ExtendedInterpolation extends Interpolation {
  override before_set(_parser: unknown, _section: unknown, _option: unknown, value: unknown): unknown {
    const s = String(value);
    const tmp = s.replaceAll("$$", "").replace(/\$\{([^}]+)\}/g, "");
    if (tmp.includes("$")) throw new ValueError(`invalid interpolation syntax in ${repr(s)} at position ${tmp.indexOf("$")}`);
    return value;
  }

  override expand(parser: ParserView, section: string, option: string, value: string, lookup: Lookup): string {
    const out: string[] = [];
    this.some(parser, option, out, value, section, lookup, 1);
    return out.join("");
  }

  private some(parser: ParserView, option: string, accum: string[], rest: string, section: string, lookup: Lookup, depth: number): void {
    const rawval = parser.rawGet(section, option) ?? rest;
    if (depth > MAX_INTERPOLATION_DEPTH) throw new InterpolationDepthError(option, section, rawval);
    while (rest) {
      const p = rest.indexOf("$");
      if (p < 0) {
        accum.push(rest);
        return;
      }
      if (p > 0) {
        accum.push(rest.slice(0, p));
        rest = rest.slice(p);
      }
      const c = rest.slice(1, 2);
      if (c === "$") {
        accum.push("$");
        rest = rest.slice(2);
      } else if (c === "{") {
        const m = /^\$\{([^}]+)\}/.exec(rest);
        if (m === null) throw new InterpolationSyntaxError(option, section, `bad interpolation variable reference ${repr(rest)}`);
        const path = m[1]!.split(":");
        rest = rest.slice(m[0].length);
        let sect = section;
        let opt = option;
        let v: string | null | undefined;
        if (path.length === 1) {
          opt = parser.xform(path[0]!);
          v = lookup(opt);
        } else if (path.length === 2) {
          sect = path[0]!;
          opt = parser.xform(path[1]!);
          v = parser.hasSectionOrDefault(sect) ? parser.rawGet(sect, opt) : undefined;
        } else throw new InterpolationSyntaxError(option, section, `More than one ':' found: ${repr(rest)}`);
        if (v === undefined || v === null) throw new InterpolationMissingOptionError(option, section, rawval, path.join(":"));
        if (v.includes("$")) this.some(parser, opt, accum, v, sect, parser.lookupIn(sect, null), depth + 1);
        else accum.push(v);
      } else throw new InterpolationSyntaxError(option, section, `'$' must be followed by '$' or '{', found: ${repr(rest)}`);
    }
  }
}

