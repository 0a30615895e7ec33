// `re.Match`: the result of a successful match, read through CPython's methods and
// attributes (group/groups/groupdict/span/start/end/expand, lastindex, lastgroup, ...).

import { Dict } from "../values/dict.js";
import { IndexError, PyTypeError } from "../values/exceptions.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { Bytes } from "../values/bytes.js";
import { typeName } from "../values/typename.js";
import { keywordMethods } from "../lang/keywords.js";
import type { MatchSpans, Subject } from "./re-engine.js";
import { expandTemplate } from "./re-template.js";

/** What a Match needs of its Pattern (re-pattern.ts), without importing it. */
export interface PatternLike {
  readonly groups: bigint;
  readonly groupNames: ReadonlyMap<string, number>;
}

const CREATING = Symbol("re.Match.creating");

export class Match {
  static readonly tpName = "re.Match";
  static readonly pythonName = "Match";
  static readonly __module__ = "re";
  static readonly __qualname__ = "Match";
  // (private fields read through getters: read-only as before, and one hidden class for every
  // match, where a property definition per field made each match a dictionary-mode object)
  readonly #re: PatternLike;
  readonly #subject: Subject;
  readonly #caps: number[];
  readonly #lastIndex: number;
  readonly #pos: number;
  readonly #endpos: number;

  constructor(token?: unknown, pattern?: PatternLike, subject?: Subject, state?: MatchSpans, pos?: number, endpos?: number) {
    if (token !== CREATING) throw new PyTypeError("cannot create 're.Match' instances");
    this.#re = pattern!;
    this.#subject = subject!;
    this.#caps = state!.caps;
    this.#lastIndex = state!.lastIndex;
    this.#pos = pos!;
    this.#endpos = endpos!;
  }

  get re(): PatternLike {
    return this.#re;
  }

  get string(): any {
    return this.#subject.original;
  }

  get pos(): bigint {
    return BigInt(this.#pos);
  }

  get endpos(): bigint {
    return BigInt(this.#endpos);
  }

  get subject(): Subject {
    return this.#subject;
  }

  get caps(): number[] {
    return this.#caps;
  }

  get lastIndexNumber(): number {
    return this.#lastIndex;
  }

  static create(pattern: PatternLike, subject: Subject, state: MatchSpans, pos: number, endpos: number): Match {
    return new Match(CREATING, pattern, subject, state, pos, endpos);
  }

  /** A group argument (number or name) as a group number, or IndexError. */
  private groupNumber(g: unknown): number {
    if (typeof g === "bigint" || typeof g === "boolean") {
      const n = Number(g);
      if (n >= 0 && n <= Number(this.re.groups)) return n;
    } else if (typeof g === "string") {
      const n = this.re.groupNames.get(g);
      if (n !== undefined) return n;
    }
    throw new IndexError("no such group");
  }

  private value(n: number, fallback: unknown = null): unknown {
    const start = this.caps[2 * n]!;
    const end = this.caps[2 * n + 1]!;
    return start < 0 || end < 0 ? fallback : this.subject.piece(start, end);
  }

  group(...args: unknown[]): any {
    if (args.length === 0) return this.value(0);
    if (args.length === 1) return this.value(this.groupNumber(args[0]));
    return Tuple.from(args.map((g) => this.value(this.groupNumber(g))));
  }

  __getitem__(g: unknown): any {
    return this.value(this.groupNumber(g));
  }

  groups(fallback: unknown = null): any {
    const out: unknown[] = [];
    for (let n = 1; n <= Number(this.re.groups); n++) out.push(this.value(n, fallback));
    return Tuple.from(out);
  }

  groupdict(fallback: unknown = null): any {
    const d = new Dict<unknown, unknown>();
    for (const [name, n] of this.re.groupNames) d.set(name, this.value(n, fallback));
    return d;
  }

  private bound(g: unknown, which: 0 | 1): bigint {
    const n = this.groupNumber(g);
    return BigInt(this.caps[2 * n + which]!);
  }

  start(g: unknown = 0n): any {
    return this.bound(g, 0);
  }

  end(g: unknown = 0n): any {
    return this.bound(g, 1);
  }

  span(g: unknown = 0n): any {
    const n = this.groupNumber(g);
    return Tuple.of(BigInt(this.caps[2 * n]!), BigInt(this.caps[2 * n + 1]!));
  }

  expand(template: unknown): any {
    if (this.subject.toBytes === null) return expandTemplate(this.re, template, (n) => this.value(n));
    // A bytes match: the template is bytes, filled as latin-1 chars; the result has the subject's type.
    if (!(template instanceof Uint8Array)) throw new PyTypeError(`expected a bytes-like object, ${typeName(template)} found`);
    const text = expandTemplate(this.re, Bytes.prototype.toLatin1.call(template), (n) => {
      const [start, end] = [this.caps[2 * n]!, this.caps[2 * n + 1]!];
      return start < 0 || end < 0 ? null : this.subject.slice(start, end);
    });
    const kind = this.subject.original instanceof Bytes ? (this.subject.original.constructor as typeof Bytes) : Bytes;
    return kind.fromLatin1(text);
  }

  get lastindex(): any {
    return this.lastIndexNumber < 0 ? null : BigInt(this.lastIndexNumber);
  }

  get lastgroup(): any {
    if (this.lastIndexNumber < 0) return null;
    for (const [name, n] of this.re.groupNames) if (n === this.lastIndexNumber) return name;
    return null;
  }

  get regs(): any {
    const spans: unknown[] = [];
    for (let n = 0; n <= Number(this.re.groups); n++) spans.push(Tuple.of(BigInt(this.caps[2 * n]!), BigInt(this.caps[2 * n + 1]!)));
    return Tuple.from(spans);
  }

  __copy__(): any {
    return this;
  }

  __deepcopy__(_memo: unknown): any {
    return this;
  }

  __repr__(): string {
    return `<re.Match object; span=(${this.caps[0]}, ${this.caps[1]}), match=${repr(this.value(0))}>`;
  }
}

keywordMethods(Match, { groups: ["self", "default="], groupdict: ["self", "default="] });
