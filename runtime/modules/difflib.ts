// Python's `difflib`: SequenceMatcher (difflib-matcher.ts), Differ and ndiff with the
// "? " hint lines of its fancy replace, unified_diff, context_diff, get_close_matches and
// restore, with Lib/difflib.py's output line for line.

/* eslint-disable @typescript-eslint/no-explicit-any */
import { builtinFunction } from "../values/builtin-type.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { repr, toStr } from "../values/repr.js";
import { typeName } from "../values/typename.js";
import { generator } from "../core/generator.js";
import { isNone, pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { MatchTuple, SequenceMatcher, items, type Opcode } from "./difflib-matcher.js";

const SPACE = /^[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;
const isSpace = (c: string): boolean => SPACE.test(c);

function IS_LINE_JUNK(line: unknown, pat: unknown = null): boolean {
  if (!isNone(pat)) throw new PyTypeError("IS_LINE_JUNK: a custom pattern is not supported");
  return /^\s*#?\s*$/.test(toStr(line));
}

function IS_CHARACTER_JUNK(ch: unknown, ws: unknown = " \t"): boolean {
  return toStr(ws).includes(toStr(ch));
}

/** Hint characters under the line, keeping the line's own whitespace where the hint is blank. */
function keepOriginalWs(s: string, tags: string): string {
  const chars = Array.from(s);
  const hints = Array.from(tags);
  const n = Math.min(chars.length, hints.length);
  let out = "";
  for (let i = 0; i < n; i++) out += hints[i] === " " && isSpace(chars[i]!) ? chars[i] : hints[i];
  return out;
}

function* dump(tag: string, x: unknown[], lo: number, hi: number): Generator<string> {
  for (let i = lo; i < hi; i++) yield `${tag} ${toStr(x[i])}`;
}

/** Differ: the lines of two sequences of lines, marked "- ", "+ ", "  " and "? ". */
export class Differ {
  static readonly __module__ = "difflib";
  linejunk: unknown;
  charjunk: unknown;

  constructor(...args: unknown[]) {
    const [pos, kw] = splitKw(args);
    this.linejunk = pos[0] ?? kw["linejunk"] ?? null;
    this.charjunk = pos[1] ?? kw["charjunk"] ?? null;
  }

  *lines(a: unknown[], b: unknown[]): Generator<string> {
    const cruncher = new SequenceMatcher(this.linejunk, a, b);
    for (const [tag, alo, ahi, blo, bhi] of cruncher.opcodeList()) {
      if (tag === "replace") yield* this.#fancyReplace(a, alo, ahi, b, blo, bhi);
      else if (tag === "delete") yield* dump("-", a, alo, ahi);
      else if (tag === "insert") yield* dump("+", b, blo, bhi);
      else yield* dump(" ", a, alo, ahi);
    }
  }

  compare(a: unknown, b: unknown): any {
    const as = items(a);
    const bs = items(b);
    return generator(() => this.lines(as, bs), "Differ.compare");
  }

  *#plainReplace(a: unknown[], alo: number, ahi: number, b: unknown[], blo: number, bhi: number): Generator<string> {
    if (bhi - blo < ahi - alo) {
      yield* dump("+", b, blo, bhi);
      yield* dump("-", a, alo, ahi);
    } else {
      yield* dump("-", a, alo, ahi);
      yield* dump("+", b, blo, bhi);
    }
  }

  *#fancyReplace(a: unknown[], alo: number, ahi: number, b: unknown[], blo: number, bhi: number): Generator<string> {
    let bestRatio = 0.74;
    const cutoff = 0.75;
    const cruncher = new SequenceMatcher(this.charjunk);
    let eqi: number | null = null;
    let eqj = 0;
    let bestI = 0;
    let bestJ = 0;
    for (let j = blo; j < bhi; j++) {
      const bj = b[j];
      cruncher.set_seq2(bj);
      for (let i = alo; i < ahi; i++) {
        const ai = a[i];
        if (ai === bj) {
          if (eqi === null) [eqi, eqj] = [i, j];
          continue;
        }
        cruncher.set_seq1(ai);
        if (cruncher.real_quick_ratio() > bestRatio && cruncher.quick_ratio() > bestRatio && cruncher.ratio() > bestRatio) {
          [bestRatio, bestI, bestJ] = [cruncher.ratio(), i, j];
        }
      }
    }
    if (bestRatio < cutoff) {
      if (eqi === null) {
        yield* this.#plainReplace(a, alo, ahi, b, blo, bhi);
        return;
      }
      [bestI, bestJ, bestRatio] = [eqi, eqj, 1.0];
    } else {
      eqi = null;
    }
    yield* this.#fancyHelper(a, alo, bestI, b, blo, bestJ);
    const aelt = toStr(a[bestI]);
    const belt = toStr(b[bestJ]);
    if (eqi === null) {
      let atags = "";
      let btags = "";
      cruncher.set_seqs(aelt, belt);
      for (const [tag, ai1, ai2, bj1, bj2] of cruncher.opcodeList()) {
        const la = ai2 - ai1;
        const lb = bj2 - bj1;
        if (tag === "replace") {
          atags += "^".repeat(la);
          btags += "^".repeat(lb);
        } else if (tag === "delete") atags += "-".repeat(la);
        else if (tag === "insert") btags += "+".repeat(lb);
        else {
          atags += " ".repeat(la);
          btags += " ".repeat(lb);
        }
      }
      yield* qformat(aelt, belt, atags, btags);
    } else {
      yield "  " + aelt;
    }
    yield* this.#fancyHelper(a, bestI + 1, ahi, b, bestJ + 1, bhi);
  }

  *#fancyHelper(a: unknown[], alo: number, ahi: number, b: unknown[], blo: number, bhi: number): Generator<string> {
    if (alo < ahi) {
      if (blo < bhi) yield* this.#fancyReplace(a, alo, ahi, b, blo, bhi);
      else yield* dump("-", a, alo, ahi);
    } else if (blo < bhi) {
      yield* dump("+", b, blo, bhi);
    }
  }
}

function* qformat(aline: string, bline: string, atags: string, btags: string): Generator<string> {
  const at = keepOriginalWs(aline, atags).trimEnd();
  const bt = keepOriginalWs(bline, btags).trimEnd();
  yield "- " + aline;
  if (at) yield `? ${at}\n`;
  yield "+ " + bline;
  if (bt) yield `? ${bt}\n`;
}

const charJunk = builtinFunction(IS_CHARACTER_JUNK, "IS_CHARACTER_JUNK");
const lineJunk = builtinFunction(IS_LINE_JUNK, "IS_LINE_JUNK");

/** `ndiff(a, b, linejunk=None, charjunk=IS_CHARACTER_JUNK)`: Differ's lines of two line lists. */
export function ndiffLines(a: unknown[], b: unknown[], linejunk: unknown = null, charjunk: unknown = charJunk): Generator<string> {
  return new Differ(linejunk, charjunk).lines(a, b);
}

function ndiff(...args: unknown[]): any {
  const [pos, kw] = splitKw(args);
  const a = items(pos[0] ?? kw["a"]);
  const b = items(pos[1] ?? kw["b"]);
  const linejunk = pos.length > 2 ? pos[2] : (kw["linejunk"] ?? null);
  const charjunk = pos.length > 3 ? pos[3] : "charjunk" in kw ? kw["charjunk"] : charJunk;
  return generator(() => ndiffLines(a, b, linejunk, charjunk), "ndiff");
}

interface DiffArgs {
  a: unknown[];
  b: unknown[];
  fromfile: string;
  tofile: string;
  fromdate: string;
  todate: string;
  n: number;
  lineterm: string;
}

function diffArgs(args: unknown[]): DiffArgs {
  const [pos, kw] = splitKw(args);
  const names = ["a", "b", "fromfile", "tofile", "fromfiledate", "tofiledate", "n", "lineterm"];
  const defaults: unknown[] = [undefined, undefined, "", "", "", "", 3n, "\n"];
  const v = names.map((nm, i) => (i < pos.length ? pos[i] : nm in kw ? kw[nm] : defaults[i]));
  for (const x of [v[0], v[1]]) {
    for (const line of items(x)) {
      if (typeof line !== "string") throw new PyTypeError(`lines to compare must be str, not ${typeName(line)} (${repr(line)})`);
    }
  }
  for (const i of [2, 3, 4, 5, 7]) {
    if (typeof v[i] !== "string") throw new PyTypeError(`all arguments must be str, not: ${repr(v[i])}`);
  }
  return { a: items(v[0]), b: items(v[1]), fromfile: v[2] as string, tofile: v[3] as string, fromdate: v[4] as string, todate: v[5] as string, n: Number(v[6]), lineterm: v[7] as string };
}

function rangeUnified(start: number, stop: number): string {
  let beginning = start + 1;
  const length = stop - start;
  if (length === 1) return `${beginning}`;
  if (!length) beginning -= 1;
  return `${beginning},${length}`;
}

function rangeContext(start: number, stop: number): string {
  let beginning = start + 1;
  const length = stop - start;
  if (!length) beginning -= 1;
  if (length <= 1) return `${beginning}`;
  return `${beginning},${beginning + length - 1}`;
}

function* unifiedLines(d: DiffArgs): Generator<string> {
  let started = false;
  for (const group of new SequenceMatcher(null, d.a, d.b).groupedOpcodes(d.n)) {
    if (!started) {
      started = true;
      yield `--- ${d.fromfile}${d.fromdate ? "\t" + d.fromdate : ""}${d.lineterm}`;
      yield `+++ ${d.tofile}${d.todate ? "\t" + d.todate : ""}${d.lineterm}`;
    }
    const first = group[0]!;
    const last = group[group.length - 1]!;
    yield `@@ -${rangeUnified(first[1], last[2])} +${rangeUnified(first[3], last[4])} @@${d.lineterm}`;
    for (const [tag, i1, i2, j1, j2] of group) {
      if (tag === "equal") {
        for (const line of d.a.slice(i1, i2)) yield " " + toStr(line);
        continue;
      }
      if (tag === "replace" || tag === "delete") for (const line of d.a.slice(i1, i2)) yield "-" + toStr(line);
      if (tag === "replace" || tag === "insert") for (const line of d.b.slice(j1, j2)) yield "+" + toStr(line);
    }
  }
}

const PREFIX: Record<string, string> = { insert: "+ ", delete: "- ", replace: "! ", equal: "  " };

function* contextLines(d: DiffArgs): Generator<string> {
  let started = false;
  for (const group of new SequenceMatcher(null, d.a, d.b).groupedOpcodes(d.n)) {
    if (!started) {
      started = true;
      yield `*** ${d.fromfile}${d.fromdate ? "\t" + d.fromdate : ""}${d.lineterm}`;
      yield `--- ${d.tofile}${d.todate ? "\t" + d.todate : ""}${d.lineterm}`;
    }
    const first = group[0]!;
    const last = group[group.length - 1]!;
    yield "***************" + d.lineterm;
    yield `*** ${rangeContext(first[1], last[2])} ****${d.lineterm}`;
    if (group.some((g: Opcode) => g[0] === "replace" || g[0] === "delete")) {
      for (const [tag, i1, i2] of group) if (tag !== "insert") for (const line of d.a.slice(i1, i2)) yield PREFIX[tag] + toStr(line);
    }
    yield `--- ${rangeContext(first[3], last[4])} ----${d.lineterm}`;
    if (group.some((g: Opcode) => g[0] === "replace" || g[0] === "insert")) {
      for (const [tag, , , j1, j2] of group) if (tag !== "delete") for (const line of d.b.slice(j1, j2)) yield PREFIX[tag] + toStr(line);
    }
  }
}

function unified_diff(...args: unknown[]): any {
  const d = diffArgs(args);
  return generator(() => unifiedLines(d), "unified_diff");
}

function context_diff(...args: unknown[]): any {
  const d = diffArgs(args);
  return generator(() => contextLines(d), "context_diff");
}

function get_close_matches(...args: unknown[]): unknown[] {
  const [pos, kw] = splitKw(args);
  const word = pos[0] ?? kw["word"];
  const possibilities = pos[1] ?? kw["possibilities"];
  const n = Number(pos[2] ?? kw["n"] ?? 3n);
  const cutoff = Number(pos[3] ?? kw["cutoff"] ?? 0.6);
  if (!(n > 0)) throw new ValueError(`n must be > 0: ${n}`);
  if (!(cutoff >= 0.0 && cutoff <= 1.0)) throw new ValueError(`cutoff must be in [0.0, 1.0]: ${repr(pos[3] ?? kw["cutoff"])}`);
  const s = new SequenceMatcher();
  s.set_seq2(word);
  const result: [number, string][] = [];
  for (const x of items(possibilities)) {
    s.set_seq1(x);
    if (s.real_quick_ratio() >= cutoff && s.quick_ratio() >= cutoff && s.ratio() >= cutoff) result.push([s.ratio(), toStr(x)]);
  }
  // heapq.nlargest: the greatest (score, word) pairs first
  result.sort((p, q) => q[0] - p[0] || (q[1] < p[1] ? -1 : q[1] > p[1] ? 1 : 0));
  return result.slice(0, n).map(([, x]) => x);
}

function restore(delta: unknown, which: unknown): any {
  const w = Number(which);
  const tag = w === 1 ? "- " : w === 2 ? "+ " : null;
  if (tag === null) throw new ValueError(`unknown delta choice (must be 1 or 2): ${repr(which)}`);
  const lines = items(delta).map(toStr);
  return generator(function* () {
    for (const line of lines) if (line.slice(0, 2) === "  " || line.slice(0, 2) === tag) yield line.slice(2);
  }, "restore");
}

export const difflibModule = moduleObject("difflib", {
  __all__: ["get_close_matches", "ndiff", "restore", "SequenceMatcher", "Differ", "IS_CHARACTER_JUNK", "IS_LINE_JUNK", "context_diff", "unified_diff", "diff_bytes", "HtmlDiff", "Match"],
  SequenceMatcher: pyClass(SequenceMatcher),
  Differ: pyClass(Differ),
  Match: MatchTuple,
  ndiff: builtinFunction(ndiff, "ndiff"),
  unified_diff: builtinFunction(unified_diff, "unified_diff"),
  context_diff: builtinFunction(context_diff, "context_diff"),
  get_close_matches: builtinFunction(get_close_matches, "get_close_matches"),
  restore: builtinFunction(restore, "restore"),
  IS_LINE_JUNK: lineJunk,
  IS_CHARACTER_JUNK: charJunk,
});
