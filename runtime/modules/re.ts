// Python's `re`: the module functions over compiled patterns (re-pattern.ts), kept in a cache
// as CPython's `_cache` is, the flags, `escape`, `purge`, `error` and `Scanner`. Patterns use
// Python's syntax and sre's matching semantics (re-parse.ts, re-engine.ts), never JS RegExp's.

import { builtinFunction } from "../values/builtin-type.js";
import { OverflowError, PyTypeError, ValueError } from "../values/exceptions.js";
import { asIndex } from "../values/slice.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { iter } from "../values/iteration.js";
import { StrValue, unwrap } from "../values/wrapped.js";
import { keywords } from "../lang/keywords.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { callValue } from "./pycall.js";
import { RE_FLAGS, ReError } from "./re-error.js";
import { Match } from "./re-match.js";
import { RegexFlag, regexFlag } from "./re-flags.js";
import { OverflowFromPattern, parseBytesPattern, parsePattern, ValueFromPattern } from "./re-parse.js";
import { PATTERN_TOKEN, Pattern, latin1Of } from "./re-pattern.js";
import { Bytes } from "../values/bytes.js";

const MAXCACHE = 512;
const cache = new Map<string, Pattern>();

function flagBits(flags: unknown): number {
  const value = typeof flags === "boolean" ? BigInt(flags) : asIndex(unwrap(flags));
  if (value === undefined) throw new PyTypeError(`unsupported operand type(s) for &: '${typeName(flags)}' and 'int'`);
  return Number(BigInt.asUintN(32, value));
}

/** `re.compile(pattern, flags)`: cached like CPython's `_compile`. */
export function compilePattern(pattern: unknown, flags: unknown = 0n): any {
  if (pattern instanceof Pattern) {
    if (flagBits(flags) !== 0) throw new ValueError("cannot process flags argument with a compiled pattern");
    return pattern;
  }
  if (pattern instanceof StrValue) pattern = unwrap(pattern);
  if (typeof pattern !== "string" && !(pattern instanceof Uint8Array)) throw new PyTypeError("first argument must be string or compiled pattern");
  const bits = flagBits(flags);
  // (a bytes pattern is parsed as latin-1 chars, by sre's bytes rules)
  const source = typeof pattern === "string" ? pattern : latin1Of(pattern);
  const key = `${typeof pattern === "string" ? "" : "b"}${bits}:${source}`;
  const known = cache.get(key);
  if (known) return known;
  let compiled: Pattern;
  try {
    compiled = new Pattern(PATTERN_TOKEN, pattern, typeof pattern === "string" ? parsePattern(pattern, bits) : parseBytesPattern(source, bits));
  } catch (error) {
    if (error instanceof OverflowFromPattern) throw new OverflowError(error.message);
    if (error instanceof ValueFromPattern) throw new ValueError(error.message);
    throw error;
  }
  if (cache.size >= MAXCACHE) cache.delete(cache.keys().next().value!);
  cache.set(key, compiled);
  return compiled;
}

const compile = builtinFunction(keywords(compilePattern, ["pattern", "flags="], "compile"), "compile");

// Results are `any`, as Python code reads them freely (`m.group(1)` after a None check).
function withPattern<A extends unknown[]>(name: string, spec: string[], body: (p: Pattern, ...args: A) => unknown) {
  const count = spec.length - 2; // the parameters between `pattern` and `flags`
  const fn = (pattern: unknown, ...rest: unknown[]): any => {
    const args = rest.slice(0, count);
    while (args.length < count) args.push(undefined);
    return body(compilePattern(pattern, rest[count] ?? 0n), ...(args as A));
  };
  return builtinFunction(keywords(fn, spec, name), name);
}

const match = withPattern("match", ["pattern", "string", "flags="], (p, s: unknown) => p.match(s));
const fullmatch = withPattern("fullmatch", ["pattern", "string", "flags="], (p, s: unknown) => p.fullmatch(s));
const search = withPattern("search", ["pattern", "string", "flags="], (p, s: unknown) => p.search(s));
const findall = withPattern("findall", ["pattern", "string", "flags="], (p, s: unknown) => p.findall(s));
const finditer = withPattern("finditer", ["pattern", "string", "flags="], (p, s: unknown) => p.finditer(s));
const split = withPattern("split", ["pattern", "string", "maxsplit=", "flags="], (p, s: unknown, n: unknown) => p.split(s, n ?? 0n));
const sub = withPattern("sub", ["pattern", "repl", "string", "count=", "flags="], (p, r: unknown, s: unknown, n: unknown) => p.sub(r, s, n ?? 0n));
const subn = withPattern("subn", ["pattern", "repl", "string", "count=", "flags="], (p, r: unknown, s: unknown, n: unknown) => p.subn(r, s, n ?? 0n));
const template = withPattern("template", ["pattern", "flags="], (p) => compilePattern(p.pattern, p.flags | BigInt(RE_FLAGS.T)));

/** The characters `re.escape` backslashes (Lib/re/__init__.py's _special_chars_map). */
const SPECIAL = new Set("()[]{}?*+-|^$\\.&~# \t\n\r\v\f");

export function escapePattern(pattern: unknown): any {
  if (pattern instanceof Uint8Array) return Bytes.fromLatin1(escapePattern(latin1Of(pattern)) as string);
  if (pattern instanceof StrValue) pattern = unwrap(pattern);
  if (typeof pattern !== "string") throw new PyTypeError(`'${typeName(pattern)}' object is not iterable`);
  let out = "";
  for (const ch of pattern) out += SPECIAL.has(ch) ? `\\${ch}` : ch;
  return out;
}

function purge(): null {
  cache.clear();
  return null;
}

/**
 * `re.Scanner(lexicon, flags=0)`: `scan(string)` matches the phrases in turn at the current
 * position, calling each match's action (or skipping it for None), as Lib/re/__init__.py does.
 */
class Scanner {
  static readonly __module__ = "re";
  declare lexicon: unknown;
  declare scanner: Pattern;
  private readonly joined: string;
  private readonly flags: unknown;
  private readonly actions: unknown[] = [];
  private readonly phraseOf = new Map<number, number>();

  constructor(lexicon: unknown, flags: unknown = 0n) {
    this.lexicon = lexicon;
    const sources: string[] = [];
    let group = 1;
    let bytesPhrases = false;
    for (const entry of iter(lexicon) as Iterable<unknown>) {
      const [phrase, action] = entry instanceof Tuple ? entry.items : (entry as unknown[]);
      const parsed = compilePattern(phrase, flags);
      this.phraseOf.set(group, this.actions.length);
      this.actions.push(action);
      sources.push(`(${parsed.source})`);
      bytesPhrases = parsed.isBytes;
      group += 1 + Number(parsed.groups);
    }
    // bytes phrases (their sources are latin-1 text) make a bytes scanner
    this.joined = sources.join("|");
    this.flags = flags;
    this.scanner = compilePattern(bytesPhrases ? Bytes.fromLatin1(this.joined) : this.joined, flags);
  }

  /**
   * CPython compiles the scanner from parsed phrases, not from a str or bytes, so it scans
   * either kind of subject: one of the other kind gets the phrases compiled for it.
   */
  private scannerFor(subject: unknown): Pattern {
    const bytesSubject = subject instanceof Uint8Array;
    if (bytesSubject === this.scanner.isBytes || (typeof subject !== "string" && !bytesSubject)) return this.scanner;
    return compilePattern(bytesSubject ? Bytes.fromLatin1(this.joined) : this.joined, this.flags);
  }

  scan(string: unknown): any {
    const results: unknown[] = [];
    const scanner = this.scannerFor(string).scanner(string);
    let end = 0;
    for (;;) {
      const m = scanner.match() as Match | null;
      if (!m) break;
      const j = Number(m.end());
      if (end === j) break;
      const action = this.actions[this.phraseOf.get(Number(m.lastindex))!];
      if (typeof action === "function") {
        const value = callValue(action, this, m.group());
        if (value !== null && value !== undefined) results.push(value);
      } else if (action !== null && action !== undefined) results.push(action);
      end = j;
    }
    return Tuple.of(results, (string as string).slice(end));
  }
}

export const reModule = moduleObject("re", {
  __all__: ["match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "compile", "purge", "template", "escape", "error", "Pattern", "Match", "A", "I", "L", "M", "S", "X", "U", "ASCII", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL", "VERBOSE", "UNICODE", "NOFLAG", "RegexFlag"],
  __version__: "2.2.1",
  compile,
  match,
  fullmatch,
  search,
  findall,
  finditer,
  split,
  sub,
  subn,
  template,
  escape: builtinFunction(keywords(escapePattern, ["pattern"], "escape"), "escape"),
  purge: builtinFunction(purge, "purge"),
  error: ReError,
  Pattern,
  Match,
  Scanner: pyClass(Scanner),
  RegexFlag,
  NOFLAG: regexFlag(0n),
  A: regexFlag(BigInt(RE_FLAGS.A)),
  ASCII: regexFlag(BigInt(RE_FLAGS.A)),
  DEBUG: regexFlag(BigInt(RE_FLAGS.DEBUG)),
  I: regexFlag(BigInt(RE_FLAGS.I)),
  IGNORECASE: regexFlag(BigInt(RE_FLAGS.I)),
  L: regexFlag(BigInt(RE_FLAGS.L)),
  LOCALE: regexFlag(BigInt(RE_FLAGS.L)),
  M: regexFlag(BigInt(RE_FLAGS.M)),
  MULTILINE: regexFlag(BigInt(RE_FLAGS.M)),
  S: regexFlag(BigInt(RE_FLAGS.S)),
  DOTALL: regexFlag(BigInt(RE_FLAGS.S)),
  T: regexFlag(BigInt(RE_FLAGS.T)),
  TEMPLATE: regexFlag(BigInt(RE_FLAGS.T)),
  U: regexFlag(BigInt(RE_FLAGS.U)),
  UNICODE: regexFlag(BigInt(RE_FLAGS.U)),
  X: regexFlag(BigInt(RE_FLAGS.X)),
  VERBOSE: regexFlag(BigInt(RE_FLAGS.X)),
});
