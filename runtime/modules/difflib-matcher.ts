// difflib.SequenceMatcher: the Ratcliff/Obershelp matching Lib/difflib.py documents (longest
// matching block first, junk and "popular" elements of b ignored when anchoring a match), so
// matching blocks, opcodes and ratios equal CPython's.

/* eslint-disable @typescript-eslint/no-explicit-any */
import { eq } from "../values/compare.js";
import { Dict } from "../values/dict.js";
import { iterable } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { generator } from "../core/generator.js";
import { isNone } from "./callable-class.js";
import { makeNamedTuple } from "./namedtuple.js";
import { callValue } from "./pycall.js";

/** `difflib.Match(a, b, size)`. */
export const MatchTuple = makeNamedTuple("Match", ["a", "b", "size"], [], "difflib");

/** A sequence's items as a JS array (a str's are its code points). */
export function items(x: unknown): unknown[] {
  if (typeof x === "string") return Array.from(x);
  return Array.from(iterable(x));
}

/** A map keyed by Python values: strings through a JS Map, anything else through a Dict. */
class KeyMap<V> {
  readonly #strings = new Map<string, V>();
  readonly #others = new Dict<unknown, V>();
  get(key: unknown): V | undefined {
    return typeof key === "string" ? this.#strings.get(key) : this.#others.get(key);
  }
  set(key: unknown, value: V): void {
    if (typeof key === "string") this.#strings.set(key, value);
    else this.#others.set(key, value);
  }
  delete(key: unknown): void {
    if (typeof key === "string") this.#strings.delete(key);
    else this.#others.delete(key);
  }
  has(key: unknown): boolean {
    return typeof key === "string" ? this.#strings.has(key) : this.#others.has(key);
  }
  *entries(): Generator<[unknown, V]> {
    yield* this.#strings.entries();
    for (const k of this.#others) yield [k, this.#others.get(k)!];
  }
}

type Triple = [number, number, number];
export type Opcode = [string, number, number, number, number];

const same = (x: unknown, y: unknown): boolean => x === y || eq(x, y);

export function calculateRatio(matches: number, length: number): number {
  return length ? (2.0 * matches) / length : 1.0;
}

export class SequenceMatcher {
  static readonly __module__ = "difflib";
  isjunk: unknown;
  a: unknown = null;
  b: unknown = null;
  autojunk: boolean;
  #a: unknown[] = [];
  #b: unknown[] = [];
  #b2j = new KeyMap<number[]>();
  #bjunk = new KeyMap<true>();
  #matching: Triple[] | null = null;
  #opcodes: Opcode[] | null = null;
  // (CPython's caches, which get_matching_blocks and get_opcodes fill and return: None until then)
  matching_blocks: unknown = null;
  opcodes: unknown = null;
  #fullbcount: KeyMap<number> | null = null;

  constructor(...args: unknown[]) {
    const [pos, kw] = splitKw(args);
    const arg = (i: number, name: string, fallback: unknown): unknown => (i < pos.length ? pos[i] : name in kw ? kw[name] : fallback);
    this.isjunk = arg(0, "isjunk", null);
    this.autojunk = truthy(arg(3, "autojunk", true));
    this.set_seqs(arg(1, "a", ""), arg(2, "b", ""));
  }

  set_seqs(a: unknown, b: unknown): null {
    this.set_seq1(a);
    this.set_seq2(b);
    return null;
  }

  set_seq1(a: unknown): null {
    if (a === this.a) return null;
    this.a = a;
    this.#a = items(a);
    this.#matching = this.#opcodes = null;
    this.matching_blocks = this.opcodes = null;
    return null;
  }

  set_seq2(b: unknown): null {
    if (b === this.b) return null;
    this.b = b;
    this.#b = items(b);
    this.#matching = this.#opcodes = null;
    this.matching_blocks = this.opcodes = null;
    this.#fullbcount = null;
    this.#chainB();
    return null;
  }

  #chainB(): void {
    const b = this.#b;
    const b2j = new KeyMap<number[]>();
    b.forEach((elt, i) => {
      const list = b2j.get(elt);
      if (list) list.push(i);
      else b2j.set(elt, [i]);
    });
    const junk = new KeyMap<true>();
    if (!isNone(this.isjunk) && truthy(this.isjunk)) {
      for (const [elt] of Array.from(b2j.entries())) if (truthy(callValue(this.isjunk, elt))) junk.set(elt, true);
      for (const [elt] of Array.from(junk.entries())) b2j.delete(elt);
    }
    const popular = new KeyMap<true>();
    const n = b.length;
    if (this.autojunk && n >= 200) {
      const ntest = Math.floor(n / 100) + 1;
      for (const [elt, idxs] of Array.from(b2j.entries())) if (idxs.length > ntest) popular.set(elt, true);
      for (const [elt] of Array.from(popular.entries())) b2j.delete(elt);
    }
    this.#b2j = b2j;
    this.#bjunk = junk;
  }

  longest(alo: number, ahi: number, blo: number, bhi: number): Triple {
    const a = this.#a;
    const b = this.#b;
    const isbjunk = (x: unknown): boolean => this.#bjunk.has(x);
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const newj2len = new Map<number, number>();
      for (const j of this.#b2j.get(a[i]) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        newj2len.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = newj2len;
    }
    while (besti > alo && bestj > blo && !isbjunk(b[bestj - 1]) && same(a[besti - 1], b[bestj - 1])) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && !isbjunk(b[bestj + bestsize]) && same(a[besti + bestsize], b[bestj + bestsize])) bestsize++;
    while (besti > alo && bestj > blo && isbjunk(b[bestj - 1]) && same(a[besti - 1], b[bestj - 1])) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && isbjunk(b[bestj + bestsize]) && same(a[besti + bestsize], b[bestj + bestsize])) bestsize++;
    return [besti, bestj, bestsize];
  }

  find_longest_match(...args: unknown[]): any {
    const [pos, kw] = splitKw(args);
    const arg = (i: number, name: string, fallback: number): number => {
      const v = i < pos.length ? pos[i] : name in kw ? kw[name] : null;
      return isNone(v) ? fallback : Number(v);
    };
    const [i, j, k] = this.longest(arg(0, "alo", 0), arg(1, "ahi", this.#a.length), arg(2, "blo", 0), arg(3, "bhi", this.#b.length));
    return new MatchTuple(BigInt(i), BigInt(j), BigInt(k));
  }

  blocks(): Triple[] {
    if (this.#matching !== null) return this.#matching;
    const la = this.#a.length;
    const lb = this.#b.length;
    const queue: [number, number, number, number][] = [[0, la, 0, lb]];
    const found: Triple[] = [];
    while (queue.length > 0) {
      const [alo, ahi, blo, bhi] = queue.pop()!;
      const x = this.longest(alo, ahi, blo, bhi);
      const [i, j, k] = x;
      if (k) {
        found.push(x);
        if (alo < i && blo < j) queue.push([alo, i, blo, j]);
        if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
      }
    }
    found.sort((p, q) => p[0] - q[0] || p[1] - q[1] || p[2] - q[2]);
    let [i1, j1, k1] = [0, 0, 0];
    const nonAdjacent: Triple[] = [];
    for (const [i2, j2, k2] of found) {
      if (i1 + k1 === i2 && j1 + k1 === j2) k1 += k2;
      else {
        if (k1) nonAdjacent.push([i1, j1, k1]);
        [i1, j1, k1] = [i2, j2, k2];
      }
    }
    if (k1) nonAdjacent.push([i1, j1, k1]);
    nonAdjacent.push([la, lb, 0]);
    this.#matching = nonAdjacent;
    return nonAdjacent;
  }

  get_matching_blocks(): any {
    return (this.matching_blocks ??= this.blocks().map(([i, j, k]) => new MatchTuple(BigInt(i), BigInt(j), BigInt(k))));
  }

  opcodeList(): Opcode[] {
    if (this.#opcodes !== null) return this.#opcodes;
    let i = 0;
    let j = 0;
    const answer: Opcode[] = [];
    for (const [ai, bj, size] of this.blocks()) {
      const tag = i < ai && j < bj ? "replace" : i < ai ? "delete" : j < bj ? "insert" : "";
      if (tag) answer.push([tag, i, ai, j, bj]);
      i = ai + size;
      j = bj + size;
      if (size) answer.push(["equal", ai, i, bj, j]);
    }
    this.#opcodes = answer;
    return answer;
  }

  get_opcodes(): any {
    return (this.opcodes ??= this.opcodeList().map(opcodeTuple));
  }

  groupedOpcodes(n: number): Opcode[][] {
    let codes: Opcode[] = this.opcodeList().map((c) => [...c] as Opcode);
    if (codes.length === 0) codes = [["equal", 0, 1, 0, 1]];
    const first = codes[0]!;
    if (first[0] === "equal") {
      const [tag, i1, i2, j1, j2] = first;
      codes[0] = [tag, Math.max(i1, i2 - n), i2, Math.max(j1, j2 - n), j2];
    }
    const last = codes[codes.length - 1]!;
    if (last[0] === "equal") {
      const [tag, i1, i2, j1, j2] = last;
      codes[codes.length - 1] = [tag, i1, Math.min(i2, i1 + n), j1, Math.min(j2, j1 + n)];
    }
    const nn = n + n;
    const groups: Opcode[][] = [];
    let group: Opcode[] = [];
    for (const code of codes) {
      let [tag, i1, i2, j1, j2] = code;
      if (tag === "equal" && i2 - i1 > nn) {
        group.push([tag, i1, Math.min(i2, i1 + n), j1, Math.min(j2, j1 + n)]);
        groups.push(group);
        group = [];
        i1 = Math.max(i1, i2 - n);
        j1 = Math.max(j1, j2 - n);
      }
      group.push([tag, i1, i2, j1, j2]);
    }
    if (group.length > 0 && !(group.length === 1 && group[0]![0] === "equal")) groups.push(group);
    return groups;
  }

  get_grouped_opcodes(n: unknown = 3n): any {
    const groups = this.groupedOpcodes(Number(n));
    return generator(function* () {
      for (const g of groups) yield g.map(opcodeTuple);
    }, "SequenceMatcher.get_grouped_opcodes");
  }

  ratio(): number {
    const matches = this.blocks().reduce((s, t) => s + t[2], 0);
    return calculateRatio(matches, this.#a.length + this.#b.length);
  }

  quick_ratio(): number {
    if (this.#fullbcount === null) {
      const counts = new KeyMap<number>();
      for (const elt of this.#b) counts.set(elt, (counts.get(elt) ?? 0) + 1);
      this.#fullbcount = counts;
    }
    const full = this.#fullbcount;
    const avail = new KeyMap<number>();
    let matches = 0;
    for (const elt of this.#a) {
      const numb = avail.has(elt) ? avail.get(elt)! : (full.get(elt) ?? 0);
      avail.set(elt, numb - 1);
      if (numb > 0) matches++;
    }
    return calculateRatio(matches, this.#a.length + this.#b.length);
  }

  real_quick_ratio(): number {
    const la = this.#a.length;
    const lb = this.#b.length;
    return calculateRatio(Math.min(la, lb), la + lb);
  }
}

function opcodeTuple(c: Opcode): Tuple {
  return Tuple.of(c[0], BigInt(c[1]), BigInt(c[2]), BigInt(c[3]), BigInt(c[4]));
}
