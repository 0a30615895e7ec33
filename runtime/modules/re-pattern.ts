// `re.Pattern`: a compiled regular expression and its methods (match, fullmatch, search,
// findall, finditer, split, sub, subn, scanner), with sre's rules for empty matches: after an
// empty match the next one must not be empty at the same place, so `sub('x*', '-', 'abxd')`
// gives '-a-b--d-' as in CPython 3.7+.

import { PyTypeError } from "../values/exceptions.js";
import { Bytes } from "../values/bytes.js";
import { callable } from "../values/builtin-functions.js";
import { StrValue, unwrap } from "../values/wrapped.js";
import { PyIterator } from "../values/iteration.js";
import { repr } from "../values/repr.js";
import { asIndex } from "../values/slice.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { MappingProxy } from "../values/namespaces.js";
import { keywordMethods } from "../lang/keywords.js";
import { callValue } from "./pycall.js";
import { Program, Subject, type MatchSpans } from "./re-engine.js";
import { nativePattern, nativeSpans, type NativePattern } from "./re-native.js";
import { RE_FLAGS } from "./re-error.js";
import { Match } from "./re-match.js";
import type { ParsedPattern } from "./re-nodes.js";
import { compiledTemplate, fillTemplate } from "./re-template.js";
import { declareDataAttributes } from "../values/declared-attributes.js";

const FLAG_NAMES: Array<[number, string]> = [
  [RE_FLAGS.T, "TEMPLATE"],
  [RE_FLAGS.I, "IGNORECASE"],
  [RE_FLAGS.L, "LOCALE"],
  [RE_FLAGS.M, "MULTILINE"],
  [RE_FLAGS.S, "DOTALL"],
  [RE_FLAGS.U, "UNICODE"],
  [RE_FLAGS.X, "VERBOSE"],
  [RE_FLAGS.DEBUG, "DEBUG"],
  [RE_FLAGS.A, "ASCII"],
];

/** `re.IGNORECASE|re.MULTILINE` for a flags value, as RegexFlag's repr writes it. */
export function flagsRepr(flags: number): string {
  const names: string[] = [];
  let rest = flags;
  for (const [bit, name] of FLAG_NAMES) {
    if (flags & bit) {
      names.push(`re.${name}`);
      rest &= ~bit;
    }
  }
  if (rest) names.push(`0x${rest.toString(16)}`);
  return names.length === 0 ? "re.NOFLAG" : names.join("|");
}

/** Off only to test the engine alone on patterns a RegExp would take (see re.test.ts). */
let nativeEnabled = true;
export function useNativeRegExp(on: boolean): void {
  nativeEnabled = on;
}

/** One RegExp match of a plain subject, `end` at most, as the engine's spans. */
function execNative(regexp: RegExp, native: NativePattern, subject: Subject, start: number, end: number): MatchSpans | null {
  regexp.lastIndex = start;
  const found = regexp.exec(end === subject.text.length ? subject.text : subject.text.slice(0, end));
  return found === null ? null : nativeSpans(found, native.parents);
}

let lastSubject: Subject | null = null;

/** A bytes-like value's bytes as latin-1 chars (how a bytes pattern and subject are matched). */
export function latin1Of(bytes: Uint8Array): string {
  return Bytes.prototype.toLatin1.call(bytes);
}

const bytesOf = (latin1: string): Bytes => Bytes.fromLatin1(latin1);

/** The subject as code points (the last one is reused: loops often match one string again). */
function subjectOf(text: unknown, bytesPattern = false): Subject {
  if (bytesPattern) {
    if (text instanceof Uint8Array) return new Subject(latin1Of(text), text, bytesOf);
    if (typeof text === "string" || text instanceof StrValue) throw new PyTypeError("cannot use a bytes pattern on a string-like object");
    throw new PyTypeError(`expected string or bytes-like object, got '${typeName(text)}'`);
  }
  if (typeof text !== "string") {
    if (text instanceof Uint8Array) throw new PyTypeError("cannot use a string pattern on a bytes-like object");
    if (text instanceof StrValue) return subjectOf(unwrap(text));
    throw new PyTypeError(`expected string or bytes-like object, got '${typeName(text)}'`);
  }
  if (lastSubject === null || lastSubject.text !== text) lastSubject = new Subject(text);
  return lastSubject;
}

function bound(x: unknown, length: number, fallback: number): number {
  if (x === undefined) return fallback;
  const index = asIndex(x);
  if (index === undefined) throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
  return index < 0n ? 0 : index > BigInt(length) ? length : Number(index);
}

class CallableIterator extends PyIterator<unknown> {
  static override readonly pythonName = "callable_iterator" as "iterator";
}

export class Pattern {
  static readonly tpName = "re.Pattern";
  static readonly pythonName = "Pattern";
  static readonly __module__ = "re";
  static readonly __qualname__ = "Pattern";
  /** the pattern as given: a str, or bytes */
  declare readonly pattern: any;
  /** the pattern's text (a bytes pattern's bytes as latin-1 chars) */
  declare readonly source: string;
  /** a bytes pattern: it matches bytes-like subjects, and its groups are bytes */
  declare readonly isBytes: boolean;
  declare readonly flags: bigint;
  declare readonly groups: bigint;
  declare readonly groupNames: ReadonlyMap<string, number>;
  declare readonly program: Program;
  declare readonly native: NativePattern | null;

  constructor(token: unknown, pattern?: string | Uint8Array, parsed?: ParsedPattern) {
    if (!(parsed && token === PATTERN_TOKEN)) throw new PyTypeError("cannot create 're.Pattern' instances");
    const isBytes = pattern instanceof Uint8Array;
    Object.defineProperties(this, {
      pattern: { value: pattern },
      source: { value: isBytes ? latin1Of(pattern) : pattern, enumerable: false },
      isBytes: { value: isBytes, enumerable: false },
      flags: { value: BigInt(parsed.flags) },
      groups: { value: BigInt(parsed.groups) },
      groupNames: { value: parsed.groupIndex, enumerable: false },
      program: { value: new Program(parsed), enumerable: false },
      native: { value: nativeEnabled ? nativePattern(parsed) : null, enumerable: false },
    });
  }

  /**
   * The first match from `start` (exactly there unless `how` is "search"), none past `end`.
   * `mustAdvance`: not an empty one at `start` (after an empty match, as sre). A RegExp finds
   * it where one means the same (re-native.ts), else the engine.
   */
  find(subject: Subject, start: number, end: number, how: "match" | "fullmatch" | "search", mustAdvance: boolean): MatchSpans | null {
    const native = this.native;
    if (native === null || !subject.plain) {
      return how === "search" ? this.program.search(subject.cps, start, end, mustAdvance) : this.program.run(subject.cps, start, end, how === "fullmatch", mustAdvance);
    }
    if (!mustAdvance) return execNative(how === "search" ? native.global : how === "match" ? native.sticky : native.full, native, subject, start, end);
    // The first match at `start` in backtracking order; when it is empty, the engine looks
    // further along the same order for a longer one, as sre does.
    const first = execNative(native.sticky, native, subject, start, end);
    if (first !== null) {
      if (first.caps[1] !== first.caps[0]) return first;
      const longer = this.program.run(subject.cps, start, end, false, true);
      if (longer !== null) return longer;
    }
    return how === "search" && start < end ? execNative(native.global, native, subject, start + 1, end) : null;
  }

  get groupindex(): any {
    const proxy = new MappingProxy();
    for (const [name, n] of this.groupNames) proxy.set(name, BigInt(n));
    proxy.sealed = true;
    return proxy;
  }

  private attempt(text: unknown, pos: unknown, endpos: unknown, how: "match" | "fullmatch" | "search"): Match | null {
    const subject = subjectOf(text, this.isBytes);
    const start = bound(pos, subject.length, 0);
    const end = bound(endpos, subject.length, subject.length);
    const state = this.find(subject, start, end, how, false);
    return state ? Match.create(this, subject, state, start, end) : null;
  }

  match(string: unknown, pos?: unknown, endpos?: unknown): any {
    return this.attempt(string, pos, endpos, "match");
  }

  fullmatch(string: unknown, pos?: unknown, endpos?: unknown): any {
    return this.attempt(string, pos, endpos, "fullmatch");
  }

  search(string: unknown, pos?: unknown, endpos?: unknown): any {
    return this.attempt(string, pos, endpos, "search");
  }

  /**
   * The global RegExp when a scan of the whole subject is the RegExp's own (findall, split and
   * sub hand it to JS's match, split and replace): a str pattern whose matches are never empty
   * (re-native.ts), on a subject without surrogates. Else null.
   */
  private wholeScan(subject: Subject): RegExp | null {
    const native = this.native;
    return native !== null && native.nonEmpty && subject.plain && !this.isBytes ? native.global : null;
  }

  /** Every match from pos to endpos, left to right, as sre's scanner finds them; false stops. */
  eachMatch(subject: Subject, start: number, end: number, visit: (state: MatchSpans) => boolean | void): void {
    let at = start;
    let mustAdvance = false;
    const native = this.native;
    if (native !== null && subject.plain) {
      // The RegExp's own loop while matches are not empty (the common case); `find` after one.
      const regexp = native.global;
      const text = end === subject.text.length ? subject.text : subject.text.slice(0, end);
      while (at <= end) {
        let state: MatchSpans | null;
        if (mustAdvance) state = this.find(subject, at, end, "search", true);
        else {
          regexp.lastIndex = at;
          const found = regexp.exec(text);
          state = found === null ? null : nativeSpans(found, native.parents);
        }
        if (state === null || visit(state) === false) return;
        mustAdvance = state.caps[1] === state.caps[0];
        at = state.caps[1]!;
      }
      return;
    }
    while (at <= end) {
      const state = this.find(subject, at, end, "search", mustAdvance);
      if (!state || visit(state) === false) return;
      mustAdvance = state.caps[1] === state.caps[0];
      at = state.caps[1]!;
    }
  }

  *matches(subject: Subject, start: number, end: number): Generator<MatchSpans> {
    let at = start;
    let mustAdvance = false;
    while (at <= end) {
      const state = this.find(subject, at, end, "search", mustAdvance);
      if (!state) return;
      yield state;
      mustAdvance = state.caps[1] === state.caps[0];
      at = state.caps[1]!;
    }
  }

  findall(string: unknown, pos?: unknown, endpos?: unknown): any {
    const subject = subjectOf(string, this.isBytes);
    const start = bound(pos, subject.length, 0);
    const end = bound(endpos, subject.length, subject.length);
    const groups = Number(this.groups);
    const whole = groups === 0 && start === 0 && end === subject.length ? this.wholeScan(subject) : null;
    if (whole !== null) return subject.text.match(whole) ?? [];
    const out: unknown[] = [];
    const text = (caps: number[], n: number): unknown => (caps[2 * n]! < 0 || caps[2 * n + 1]! < 0 ? subject.made("") : subject.piece(caps[2 * n]!, caps[2 * n + 1]!));
    this.eachMatch(subject, start, end, ({ caps }) => {
      if (groups === 0) out.push(subject.piece(caps[0]!, caps[1]!));
      else if (groups === 1) out.push(text(caps, 1));
      else {
        const items: unknown[] = [];
        for (let n = 1; n <= groups; n++) items.push(text(caps, n));
        out.push(Tuple.from(items));
      }
    });
    return out;
  }

  finditer(string: unknown, pos?: unknown, endpos?: unknown): any {
    const subject = subjectOf(string, this.isBytes);
    const start = bound(pos, subject.length, 0);
    const end = bound(endpos, subject.length, subject.length);
    const self = this;
    return new CallableIterator(
      (function* () {
        for (const state of self.matches(subject, start, end)) yield Match.create(self, subject, state, start, end);
      })(),
    );
  }

  split(string: unknown, maxsplit: unknown = 0n): any {
    const subject = subjectOf(string, this.isBytes);
    const max = asIndex(maxsplit);
    if (max === undefined) throw new PyTypeError(`'${typeName(maxsplit)}' object cannot be interpreted as an integer`);
    if (max < 0n) return [subject.original];
    const limit = Number(max);
    const groups = Number(this.groups);
    const whole = limit === 0 ? this.wholeScan(subject) : null;
    if (whole !== null) {
      // (JS's split puts the groups between the pieces as sre does; a group that did not take part is undefined)
      const parts: unknown[] = subject.text.split(whole);
      if (groups > 0) for (let i = 0; i < parts.length; i++) if (parts[i] === undefined) parts[i] = null;
      return parts;
    }
    const out: unknown[] = [];
    let last = 0;
    let count = 0;
    this.eachMatch(subject, 0, subject.length, ({ caps }) => {
      if (limit !== 0 && count >= limit) return false;
      out.push(subject.piece(last, caps[0]!));
      for (let n = 1; n <= groups; n++) out.push(caps[2 * n]! < 0 || caps[2 * n + 1]! < 0 ? null : subject.piece(caps[2 * n]!, caps[2 * n + 1]!));
      last = caps[1]!;
      count++;
    });
    out.push(subject.piece(last, subject.length));
    return out;
  }

  /** sub and subn: the new string and the number of replacements. */
  private substitute(repl: unknown, string: unknown, count: unknown): [unknown, number] {
    const subject = subjectOf(string, this.isBytes);
    const max = asIndex(count);
    if (max === undefined) throw new PyTypeError(`'${typeName(count)}' object cannot be interpreted as an integer`);
    const limit = max <= 0n ? Infinity : Number(max);
    let replace: (state: MatchSpans) => string;
    if (this.isBytes) replace = this.bytesReplacer(repl, subject);
    else if (typeof repl === "string" || repl instanceof StrValue) {
      const parts = compiledTemplate(this, unwrap(repl));
      replace = (state) => fillTemplate(parts, (n) => (state.caps[2 * n]! < 0 || state.caps[2 * n + 1]! < 0 ? null : subject.slice(state.caps[2 * n]!, state.caps[2 * n + 1]!)));
    } else if (callable(repl)) {
      replace = (state) => {
        const result = callValue(repl, Match.create(this, subject, state, 0, subject.length));
        if (typeof result === "string") return result;
        if (result instanceof StrValue) return unwrap(result) as string;
        throw new PyTypeError(`expected str instance, ${typeName(result)} found`);
      };
    } else {
      if (repl instanceof Uint8Array) throw new PyTypeError("expected str instance, bytes found");
      throw new PyTypeError(`decoding to str: need a bytes-like object, ${typeName(repl)} found`);
    }
    const pieces: string[] = [];
    let last = 0;
    let n = 0;
    this.eachMatch(subject, 0, subject.length, (state) => {
      if (n >= limit) return false;
      pieces.push(subject.slice(last, state.caps[0]!), replace(state));
      last = state.caps[1]!;
      n++;
    });
    pieces.push(subject.slice(last, subject.length));
    return [subject.made(pieces.join("")), n];
  }

  /** A bytes pattern's replacement (bytes, or a function of the match giving bytes) as latin-1 chars. */
  private bytesReplacer(repl: unknown, subject: Subject): (state: MatchSpans) => string {
    const expected = (value: unknown): PyTypeError => new PyTypeError(`sequence item 0: expected a bytes-like object, ${typeName(value)} found`);
    if (repl instanceof Uint8Array) {
      const parts = compiledTemplate(this, latin1Of(repl));
      return (state) => fillTemplate(parts, (n) => (state.caps[2 * n]! < 0 || state.caps[2 * n + 1]! < 0 ? null : subject.slice(state.caps[2 * n]!, state.caps[2 * n + 1]!)));
    }
    if (!callable(repl) || typeof repl === "string") throw expected(repl);
    return (state) => {
      const result = callValue(repl, Match.create(this, subject, state, 0, subject.length));
      if (result instanceof Uint8Array) return latin1Of(result);
      throw expected(result);
    };
  }

  sub(repl: unknown, string: unknown, count: unknown = 0n): any {
    // A template without a backslash is its own text: every match replaced by it, natively
    // (a `$` in it would be a JS replacement pattern: a function hands it over as it is).
    if (count === 0n && typeof repl === "string" && !repl.includes("\\")) {
      const subject = subjectOf(string, this.isBytes);
      const whole = this.wholeScan(subject);
      if (whole !== null) return repl.includes("$") ? subject.text.replace(whole, () => repl) : subject.text.replace(whole, repl);
    }
    return this.substitute(repl, string, count)[0];
  }

  subn(repl: unknown, string: unknown, count: unknown = 0n): any {
    const [text, n] = this.substitute(repl, string, count);
    return Tuple.of(text, BigInt(n));
  }

  scanner(string: unknown, pos?: unknown, endpos?: unknown): any {
    return new Scanner(this, subjectOf(string, this.isBytes), pos, endpos);
  }

  __eq__(other: unknown): boolean {
    return other instanceof Pattern && other.isBytes === this.isBytes && other.source === this.source && other.flags === this.flags;
  }

  __hash__(): bigint {
    let h = 0;
    for (let i = 0; i < this.source.length; i++) h = (h * 31 + this.source.charCodeAt(i)) | 0;
    return BigInt(h) ^ this.flags;
  }

  __copy__(): any {
    return this;
  }

  __deepcopy__(_memo: unknown): any {
    return this;
  }

  __repr__(): string {
    let text = repr(this.pattern);
    if (text.length > 200) text = text.slice(0, 200);
    const flags = Number(this.flags) & ~RE_FLAGS.U;
    return flags === 0 ? `re.compile(${text})` : `re.compile(${text}, ${flagsRepr(flags)})`;
  }
}

export const PATTERN_TOKEN = Symbol("re.Pattern.creating");

/** `Pattern.scanner(string)`: successive `match()` or `search()` calls over one string. */
class Scanner {
  static readonly pythonName = "SRE_Scanner";
  static readonly __module__ = "_sre";
  private at: number;
  private readonly end: number;
  private mustAdvance = false;

  constructor(
    readonly pattern: Pattern,
    private readonly subject: Subject,
    pos: unknown,
    endpos: unknown,
  ) {
    this.at = bound(pos, subject.length, 0);
    this.end = bound(endpos, subject.length, subject.length);
  }

  private next(search: boolean): Match | null {
    if (this.at > this.end) return null;
    const state = this.pattern.find(this.subject, this.at, this.end, search ? "search" : "match", this.mustAdvance);
    if (!state) {
      this.at = this.end + 1;
      return null;
    }
    this.mustAdvance = state.caps[1] === state.caps[0];
    const start = this.at;
    this.at = state.caps[1]!;
    return Match.create(this.pattern, this.subject, state, start, this.end);
  }

  match(): any {
    return this.next(false);
  }

  search(): any {
    return this.next(true);
  }
}

keywordMethods(Pattern, {
  match: ["self", "string", "pos=", "endpos="],
  fullmatch: ["self", "string", "pos=", "endpos="],
  search: ["self", "string", "pos=", "endpos="],
  findall: ["self", "string", "pos=", "endpos="],
  finditer: ["self", "string", "pos=", "endpos="],
  split: ["self", "string", "maxsplit="],
  sub: ["self", "repl", "string", "count="],
  subn: ["self", "repl", "string", "count="],
  scanner: ["self", "string", "pos=", "endpos="],
});

// (`re.Pattern.flags`: the member descriptors CPython's Pattern type holds)
declareDataAttributes(Pattern, "member", "pattern flags groups");
