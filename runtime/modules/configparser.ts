// Python's `configparser` as Lib/configparser.py (3.11): RawConfigParser/ConfigParser with
// its line parser (delimiters, comment prefixes, inline comments, continuation lines,
// empty_lines_in_values, allow_no_value, strict duplicates), the DEFAULT section, get/getint/
// getfloat/getboolean with fallback and vars, items, write, read/read_file/read_string/
// read_dict, the mapping protocol with SectionProxy, Basic and Extended interpolation and the
// module's exceptions with their messages.

import { open } from "../lang/files.js";
import { float, int } from "../values/builtin-types.js";
import { getattr } from "../values/builtin-functions.js";
import { Dict } from "../values/dict.js";
import { DeprecationWarning, KeyError, OSError, PyTypeError, ValueError } from "../values/exceptions.js";
import { warningsModule } from "./warnings.js";
import { jsIterator } from "../values/iteration.js";
import { kw, splitKw } from "../values/kwargs.js";
import { repr, toStr } from "../values/repr.js";
import { BasicInterpolation, DuplicateOptionError, DuplicateSectionError, Error, ExtendedInterpolation, Interpolation, InterpolationDepthError, InterpolationError, InterpolationMissingOptionError, InterpolationSyntaxError, LegacyInterpolation, type Lookup, MAX_INTERPOLATION_DEPTH, MissingSectionHeaderError, NoOptionError, NoSectionError, ParsingError } from "./configparser-errors.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { fspath } from "./os-path.js";
import { callValue } from "./pycall.js";
import { SectionProxy } from "./configparser-section.js";
import { BOOLEAN_STATES, ConverterMapping, getConverted, toBoolean } from "./configparser-convert.js";
import { optionPattern, PARSER_PATTERNS, readConfig } from "./configparser-read.js";
import { MutableMappingMixins } from "./collections-abc.js";
import { shareClassAttributes } from "../lang/objects.js";

const UNSET = Symbol("unset");

type Section = Map<string, string | null>;

/** (key, value) pairs of a mapping argument (dict, SectionProxy, any object with items()). */
function mappingItems(m: unknown): [unknown, unknown][] {
  if (m instanceof Dict) return [...m.entries()];
  const out: [unknown, unknown][] = [];
  const it = jsIterator(callValue(getattr(m, "items")));
  for (let s = it.next(); !s.done; s = it.next()) {
    const pair = s.value as Tuple;
    out.push([pair.items[0], pair.items[1]]);
  }
  return out;
}

/** Positional-or-keyword arguments by name, with defaults. */
function params(args: unknown[], names: string[], defaults: unknown[]): unknown[] {
  const [pos, kws] = splitKw(args);
  return names.map((name, i) => (i < pos.length ? pos[i] : name in kws ? kws[name] : defaults[i]));
}

/** A parser is a MutableMapping of its sections (DEFAULT first): keys, items, update, ... are its mixins. */
export class RawConfigParser extends MutableMappingMixins {
  // (converters add `get<name>` attributes to instances)
  [attr: string]: any;
  static readonly __module__: string = "configparser";
  static BOOLEAN_STATES = Dict.fromRecord(BOOLEAN_STATES);
  readonly default_section: string;
  static _SECT_TMPL = PARSER_PATTERNS._SECT_TMPL;
  static _OPT_TMPL = PARSER_PATTERNS._OPT_TMPL;
  static _OPT_NV_TMPL = PARSER_PATTERNS._OPT_NV_TMPL;
  static SECTCRE = PARSER_PATTERNS.SECTCRE;
  static OPTCRE = PARSER_PATTERNS.OPTCRE;
  static OPTCRE_NV = PARSER_PATTERNS.OPTCRE_NV;
  static NONSPACECRE = PARSER_PATTERNS.NONSPACECRE;
  static {
    // (class attributes, read through instances and replaceable by subclasses)
    shareClassAttributes(this, ["BOOLEAN_STATES", ...Object.keys(PARSER_PATTERNS)]);
  }
  readonly sectionMap = new Map<string, Section>();
  readonly defaultMap: Section = new Map();
  private readonly proxies = new Map<string, SectionProxy>();
  private readonly converterMap: ConverterMapping;
  private readonly delimiters: string[];
  readonly commentPrefixes: string[];
  readonly inlinePrefixes: string[];
  readonly strict: boolean;
  readonly emptyLinesInValues: boolean;
  protected readonly allowNoValue: boolean;
  /** `self._optcre`: the pattern option lines are read with. */
  readonly _optcre: unknown;
  private interpolation: Interpolation;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    super();
    const defaults = pos[0] ?? kws["defaults"] ?? null;
    this.allowNoValue = truthy(pos[2] ?? kws["allow_no_value"] ?? false);
    const list = (x: unknown): string[] => [...(function* () {
      const it = jsIterator(x);
      for (let s = it.next(); !s.done; s = it.next()) yield String(s.value);
    })()];
    this.delimiters = list(kws["delimiters"] ?? ["=", ":"]);
    this.commentPrefixes = list(kws["comment_prefixes"] ?? ["#", ";"]);
    this.inlinePrefixes = list(kws["inline_comment_prefixes"] ?? []);
    this.strict = truthy(kws["strict"] ?? true);
    this.emptyLinesInValues = truthy(kws["empty_lines_in_values"] ?? true);
    this.default_section = String(kws["default_section"] ?? "DEFAULT");
    this._optcre = optionPattern(this, this.delimiters, this.allowNoValue);
    const interpolation = "interpolation" in kws ? kws["interpolation"] : UNSET;
    this.interpolation = interpolation === UNSET ? this.defaultInterpolation() : interpolation === null ? new Interpolation() : (interpolation as Interpolation);
    this.converterMap = new ConverterMapping(this);
    this.proxies.set(this.default_section, new SectionProxy(this, this.default_section));
    const converters = "converters" in kws ? kws["converters"] : UNSET;
    if (converters !== UNSET) callValue(getattr(this.converterMap, "update"), converters);
    if (defaults !== null) {
      // `_read_defaults`: without interpolation, for backwards compatibility.
      const hold = this.interpolation;
      this.interpolation = new Interpolation();
      try {
        this.read_dict(new Dict([[this.default_section, defaults]]));
      } finally {
        this.interpolation = hold;
      }
    }
  }

  protected defaultInterpolation(): Interpolation {
    return new Interpolation();
  }

  optionxform(optionstr: unknown): string {
    return String(optionstr).toLowerCase();
  }

  /** optionxform as the program may have replaced it (`parser.optionxform = str`). */
  xform(name: string): string {
    const f = (this as unknown as { optionxform: unknown }).optionxform;
    return toStr(f === RawConfigParser.prototype.optionxform ? this.optionxform(name) : callValue(f, name));
  }

  defaults(): Dict {
    return new Dict([...this.defaultMap.entries()]);
  }

  sections(): string[] {
    return [...this.sectionMap.keys()];
  }

  protected validate(section: unknown = "", option: unknown = "", value: unknown = ""): void {
    void section;
    void option;
    void value;
  }

  add_section(section: unknown): null {
    this.validate(section);
    if (section === this.default_section) throw new ValueError(`Invalid section name: ${repr(section)}`);
    const name = section as string;
    if (this.sectionMap.has(name)) throw new DuplicateSectionError(name);
    this.sectionMap.set(name, new Map());
    this.addProxy(name);
    return null;
  }

  has_section(section: unknown): boolean {
    return this.sectionMap.has(section as string);
  }

  hasSectionOrDefault(section: string): boolean {
    return section === this.default_section || this.sectionMap.has(section);
  }

  options(section: unknown): string[] {
    const opts = this.sectionMap.get(section as string);
    if (opts === undefined) throw new NoSectionError(section);
    const out = new Map(opts);
    for (const [k, v] of this.defaultMap) out.set(k, v);
    return [...out.keys()];
  }

  read(...args: unknown[]): string[] {
    const [filenames, encoding] = params(args, ["filenames", "encoding"], [undefined, null]);
    const names: unknown[] = typeof filenames === "string" || (typeof filenames === "object" && filenames !== null && "__fspath__" in filenames) ? [filenames] : [...(function* () {
      const it = jsIterator(filenames);
      for (let s = it.next(); !s.done; s = it.next()) yield s.value;
    })()];
    const ok: string[] = [];
    for (const name of names) {
      let f: any;
      try {
        f = open(name, "r", -1n, encoding);
      } catch (e) {
        if (e instanceof OSError) continue;
        throw e;
      }
      try {
        this.readLines(f, name);
      } finally {
        f.close();
      }
      ok.push(fspath(name));
    }
    return ok;
  }

  read_file(...args: unknown[]): null {
    const [f, source] = params(args, ["f", "source"], [undefined, null]);
    let name = source;
    if (name === null) {
      try {
        name = getattr(f, "name");
      } catch {
        name = "<???>";
      }
    }
    this.readLines(f, name);
    return null;
  }

  /** The deprecated name of read_file (3.11 warns; 3.12 removes it). */
  readfp(...args: unknown[]): null {
    const [fp, filename] = params(args, ["fp", "filename"], [undefined, null]);
    callValue(warningsModule.warn, "This method will be removed in Python 3.12. Use 'parser.read_file()' instead.", DeprecationWarning);
    return this.read_file(fp, kw({ source: filename }));
  }

  read_string(...args: unknown[]): null {
    const [text, source] = params(args, ["string", "source"], [undefined, "<string>"]);
    const lines = String(text).match(/[^\n]*\n|[^\n]+$/g) ?? [];
    this.readLines(lines, source);
    return null;
  }

  read_dict(...args: unknown[]): null {
    const [dictionary, source] = params(args, ["dictionary", "source"], [undefined, "<dict>"]);
    const added = new Set<string>();
    for (const [rawSection, keys] of mappingItems(dictionary)) {
      const section = toStr(rawSection);
      try {
        this.add_section(section);
      } catch (e) {
        if (!(e instanceof DuplicateSectionError || e instanceof ValueError)) throw e;
        if (this.strict && added.has(section)) throw e;
      }
      added.add(section);
      for (const [rawKey, rawValue] of mappingItems(keys)) {
        const key = this.xform(toStr(rawKey));
        const value = rawValue === null ? null : toStr(rawValue);
        const id = `${section}\u0000${key}`;
        if (this.strict && added.has(id)) throw new DuplicateOptionError(section, key, source);
        added.add(id);
        this.set(section, key, value);
      }
    }
    return null;
  }

  /** `_read`: the line parser of configparser-read.ts. */
  private readLines(fp: unknown, fpname: unknown): void {
    readConfig(this, fp, fpname);
  }

  addProxy(name: string): void {
    this.proxies.set(name, new SectionProxy(this, name));
  }

  /** The section proxies, DEFAULT first (`parser.values()`). */
  proxyList(): SectionProxy[] {
    return [...this.proxies.values()];
  }

  beforeRead(section: string, option: string, value: string | null): string | null {
    return this.interpolation.before_read(this, section, option, value) as string | null;
  }

  /** A value as stored (no interpolation), undefined when absent. */
  rawGet(section: string, option: string): string | null | undefined {
    const s = this.sectionMap.get(section);
    if (s !== undefined && s.has(option)) return s.get(option);
    return this.defaultMap.get(option);
  }

  /** `_unify_values`: vars, then the section, then DEFAULT. */
  lookupIn(section: string, vars: unknown): Lookup {
    const s = this.sectionMap.get(section);
    if (s === undefined && section !== this.default_section) throw new NoSectionError(section);
    const v = new Map<string, string | null>();
    if (vars !== null && vars !== undefined) {
      for (const [k, value] of mappingItems(vars)) v.set(this.xform(toStr(k)), value === null ? null : toStr(value));
    }
    return (option) => {
      if (v.has(option)) return v.get(option);
      if (s !== undefined && s.has(option)) return s.get(option);
      return this.defaultMap.get(option);
    };
  }

  get(...args: unknown[]): unknown {
    const [pos, kws] = splitKw(args);
    const section = pos[0] ?? kws["section"];
    const option = pos[1] ?? kws["option"];
    const raw = truthy(kws["raw"] ?? false);
    const vars = kws["vars"] ?? null;
    const fallback = "fallback" in kws ? kws["fallback"] : UNSET;
    let lookup: Lookup;
    try {
      lookup = this.lookupIn(section as string, vars);
    } catch (e) {
      if (e instanceof NoSectionError && fallback !== UNSET) return fallback;
      throw e;
    }
    const name = this.xform(toStr(option));
    const value = lookup(name);
    if (value === undefined) {
      if (fallback === UNSET) throw new NoOptionError(name, section);
      return fallback;
    }
    if (raw || value === null) return value;
    return this.interpolation.expand(this, section as string, name, value, lookup);
  }

  /** `_get_conv(section, option, conv, *, raw=False, vars=None, fallback=_UNSET, **kwargs)`. */
  _get_conv(...args: unknown[]): unknown {
    return getConverted(this, args);
  }

  private convert(conv: unknown, args: unknown[]): unknown {
    const [pos, kws] = splitKw(args);
    return callValue(getattr(this, "_get_conv"), ...pos.slice(0, 2), conv, kw(kws));
  }

  getint(...args: unknown[]): unknown {
    return this.convert(int, args);
  }

  getfloat(...args: unknown[]): unknown {
    return this.convert(float, args);
  }

  getboolean(...args: unknown[]): unknown {
    return this.convert((s: unknown) => toBoolean(this, s), args);
  }

  /** `parser.converters`: the ConverterMapping of this parser's get<name> converters. */
  get converters(): ConverterMapping {
    return this.converterMap;
  }

  items(...args: unknown[]): Tuple<any>[] {
    const [pos, kws] = splitKw(args);
    const section = pos.length > 0 ? pos[0] : "section" in kws ? kws["section"] : UNSET;
    if (section === UNSET) return super.items() as Tuple<any>[];
    const raw = truthy(pos[1] ?? kws["raw"] ?? false);
    const vars = pos[2] ?? kws["vars"] ?? null;
    const d = new Map(this.defaultMap);
    const s = this.sectionMap.get(section as string);
    if (s === undefined && section !== this.default_section) throw new NoSectionError(section);
    if (s !== undefined) for (const [k, v] of s) d.set(k, v);
    const keys = [...d.keys()];
    if (vars !== null) for (const [k, v] of mappingItems(vars)) d.set(this.xform(toStr(k)), v as string);
    const lookup: Lookup = (o) => d.get(o);
    return keys.map((option) => {
      const value = d.get(option)!;
      return Tuple.of(option, raw || value === null ? value : this.interpolation.expand(this, section as string, option, value, lookup));
    });
  }

  has_option(section: unknown, option: unknown): boolean {
    const name = this.xform(toStr(option));
    if (!section || section === this.default_section) return this.defaultMap.has(name);
    const s = this.sectionMap.get(section as string);
    if (s === undefined) return false;
    return s.has(name) || this.defaultMap.has(name);
  }

  set(section: unknown, option: unknown, value: unknown = null): null {
    let v = value;
    if (truthy(v)) v = this.interpolation.before_set(this, section, option, v);
    let target: Section;
    if (!section || section === this.default_section) target = this.defaultMap;
    else {
      const s = this.sectionMap.get(section as string);
      if (s === undefined) throw new NoSectionError(section);
      target = s;
    }
    target.set(this.xform(toStr(option)), v as string | null);
    return null;
  }

  write(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const fp = pos[0] ?? kws["fp"];
    const d = truthy(pos[1] ?? kws["space_around_delimiters"] ?? true) ? ` ${this.delimiters[0]} ` : this.delimiters[0]!;
    const write = getattr(fp, "write");
    const section = (name: string, items: Section): void => {
      callValue(write, `[${name}]\n`);
      for (const [key, raw] of items) {
        const value = this.interpolation.before_write(this, name, key, raw);
        const text = value !== null || !this.allowNoValue ? d + toStr(value).replaceAll("\n", "\n\t") : "";
        callValue(write, `${key}${text}\n`);
      }
      callValue(write, "\n");
    };
    if (this.defaultMap.size) section(this.default_section, this.defaultMap);
    for (const [name, items] of this.sectionMap) section(name, items);
    return null;
  }

  remove_option(section: unknown, option: unknown): boolean {
    let target: Section;
    if (!section || section === this.default_section) target = this.defaultMap;
    else {
      const s = this.sectionMap.get(section as string);
      if (s === undefined) throw new NoSectionError(section);
      target = s;
    }
    return target.delete(this.xform(toStr(option)));
  }

  remove_section(section: unknown): boolean {
    const existed = this.sectionMap.delete(section as string);
    if (existed) this.proxies.delete(section as string);
    return existed;
  }

  __getitem__(key: unknown): SectionProxy {
    if (key !== this.default_section && !this.has_section(key)) throw new KeyError(key);
    return this.proxies.get(key as string)!;
  }

  __setitem__(key: unknown, value: unknown): null {
    if (this.__contains__(key) && this.proxies.get(key as string) === value) return null;
    if (key === this.default_section) this.defaultMap.clear();
    else this.sectionMap.get(key as string)?.clear();
    this.read_dict(new Dict([[key, value]]));
    return null;
  }

  __delitem__(key: unknown): null {
    if (key === this.default_section) throw new ValueError("Cannot remove the default section.");
    if (!this.has_section(key)) throw new KeyError(key);
    this.remove_section(key);
    return null;
  }

  __contains__(key: unknown): boolean {
    return key === this.default_section || this.has_section(key);
  }

  __len__(): bigint {
    return BigInt(this.sectionMap.size + 1);
  }

  __iter__(): Iterator<string> {
    return [this.default_section, ...this.sectionMap.keys()][Symbol.iterator]();
  }

  [Symbol.iterator](): Iterator<string> {
    return this.__iter__();
  }

  /** A section and its proxy, removed; never DEFAULT (it cannot be removed). */
  override popitem(): Tuple {
    for (const key of this.sections()) {
      const value = this.__getitem__(key);
      this.__delitem__(key);
      return Tuple.of(key, value);
    }
    throw new KeyError();
  }
}

export class ConfigParser extends RawConfigParser {
  protected override defaultInterpolation(): Interpolation {
    return new BasicInterpolation();
  }

  protected override validate(section: unknown = "", option: unknown = "", value: unknown = ""): void {
    if (typeof section !== "string") throw new PyTypeError("section names must be strings");
    if (typeof option !== "string") throw new PyTypeError("option keys must be strings");
    if (!this.allowNoValue || truthy(value)) {
      if (typeof value !== "string") throw new PyTypeError("option values must be strings");
    }
  }

  override set(section: unknown, option: unknown, value: unknown = null): null {
    this.validate("", option, value);
    return super.set(section, option, value);
  }
}

export class SafeConfigParser extends ConfigParser {}

export const configparserModule = moduleObject("configparser", {
  ConfigParser: pyClass(ConfigParser),
  RawConfigParser: pyClass(RawConfigParser),
  SafeConfigParser: pyClass(SafeConfigParser),
  SectionProxy: pyClass(SectionProxy),
  Interpolation: pyClass(Interpolation),
  BasicInterpolation: pyClass(BasicInterpolation),
  ExtendedInterpolation: pyClass(ExtendedInterpolation),
  LegacyInterpolation: pyClass(LegacyInterpolation),
  ConverterMapping: pyClass(ConverterMapping),
  Error,
  NoSectionError,
  DuplicateSectionError,
  DuplicateOptionError,
  NoOptionError,
  InterpolationError,
  InterpolationMissingOptionError,
  InterpolationSyntaxError,
  InterpolationDepthError,
  ParsingError,
  MissingSectionHeaderError,
  DEFAULTSECT: "DEFAULT",
  MAX_INTERPOLATION_DEPTH: BigInt(MAX_INTERPOLATION_DEPTH),
});
