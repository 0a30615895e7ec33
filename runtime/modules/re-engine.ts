// A backtracking matcher with the semantics of CPython's sre: the parsed pattern (re-parse.ts)
// becomes closures in continuation-passing style. Subjects are arrays of code points, so
// positions are Python str indices. Repeats stop iterating after an empty iteration as sre's
// MAX_UNTIL/MIN_UNTIL do; repeats of single-width bodies run as loops (no recursion per item).

import { MAXREPEAT, type Category, type Node, type NodeFlags, type ParsedPattern, type SetItem } from "./re-parse.js";

/** A subject string as code points, with the UTF-16 offset of each when they differ. */
export class Subject {
  readonly cps: Int32Array;
  private readonly offsets: Int32Array | null;

  constructor(readonly text: string) {
    const cps = new Int32Array(text.length);
    let n = 0;
    let astral = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          cps[n++] = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          i++;
          astral = true;
          continue;
        }
      }
      cps[n++] = c;
    }
    this.cps = astral ? cps.slice(0, n) : cps;
    if (astral) {
      const offsets = new Int32Array(n + 1);
      let unit = 0;
      for (let i = 0; i < n; i++) {
        offsets[i] = unit;
        unit += this.cps[i]! > 0xffff ? 2 : 1;
      }
      offsets[n] = unit;
      this.offsets = offsets;
    } else this.offsets = null;
  }

  get length(): number {
    return this.cps.length;
  }

  slice(start: number, end: number): string {
    if (this.offsets === null) return this.text.slice(start, end);
    return this.text.slice(this.offsets[start], this.offsets[end]);
  }
}

/** The state of one match attempt: group spans (start, end per group; -1 unset). */
export interface MatchState {
  cps: Int32Array;
  end: number;
  caps: Int32Array;
  lastIndex: number;
}

type Cont = (i: number) => boolean;
type Matcher = (s: MatchState, i: number, k: Cont) => boolean;

// Character classes, cached for the BMP (0 unknown, 1 no, 2 yes).
const WORD_RE = /^[\p{L}\p{N}_]$/u;
const DIGIT_RE = /^\p{Nd}$/u;
const caches: Record<Category, Uint8Array> = { word: new Uint8Array(0x10000), digit: new Uint8Array(0x10000), space: new Uint8Array(0) };

function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c >= 0x1c;
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

function unicodeCategory(name: Category, c: number): boolean {
  if (name === "space") return isSpace(c);
  if (c < 0x80) return name === "digit" ? c >= 48 && c <= 57 : (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  const cache = caches[name];
  if (c < 0x10000 && cache[c] !== 0) return cache[c] === 2;
  const yes = (name === "digit" ? DIGIT_RE : WORD_RE).test(String.fromCodePoint(c));
  if (c < 0x10000) cache[c] = yes ? 2 : 1;
  return yes;
}

function asciiCategory(name: Category, c: number): boolean {
  if (name === "digit") return c >= 48 && c <= 57;
  if (name === "space") return c === 32 || (c >= 9 && c <= 13);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

export function inCategory(name: Category, c: number, ascii: boolean): boolean {
  return ascii ? asciiCategory(name, c) : unicodeCategory(name, c);
}

// Simple case mappings (one code point to one), as sre's lower/upper use them.
const lowerCache = new Int32Array(0x10000).fill(-1);
const upperCache = new Int32Array(0x10000).fill(-1);

function mapCase(c: number, upper: boolean): number {
  const cache = upper ? upperCache : lowerCache;
  if (c < 0x10000 && cache[c] !== -1) return cache[c]!;
  const ch = String.fromCodePoint(c);
  const mapped = upper ? ch.toUpperCase() : ch.toLowerCase();
  const first = mapped.codePointAt(0)!;
  // A full mapping to several characters: the simple lowercase is the first (U+0130 -> i),
  // the simple uppercase is the character itself (ß -> ß).
  const result = mapped.length === String.fromCodePoint(first).length ? first : upper ? c : first;
  if (c < 0x10000) cache[c] = result;
  return result;
}

export function lower(c: number, ascii: boolean): number {
  if (ascii) return c >= 65 && c <= 90 ? c + 32 : c;
  return c < 0x80 ? (c >= 65 && c <= 90 ? c + 32 : c) : mapCase(c, false);
}

function upper(c: number, ascii: boolean): number {
  if (ascii) return c >= 97 && c <= 122 ? c - 32 : c;
  return c < 0x80 ? (c >= 97 && c <= 122 ? c - 32 : c) : mapCase(c, true);
}

/** The case-insensitive identity of a code point: characters with the same one match. */
function foldKey(c: number, ascii: boolean): number {
  return upper(lower(c, ascii), ascii);
}

/** Whether two code points are equal under IGNORECASE (sre's lower plus its extra cases). */
function sameIgnoringCase(a: number, b: number, ascii: boolean): boolean {
  return a === b || lower(a, ascii) === lower(b, ascii) || foldKey(a, ascii) === foldKey(b, ascii);
}

function itemTest(item: SetItem, ascii: boolean): (c: number) => boolean {
  if (item.kind === "char") return (c) => c === item.cp;
  if (item.kind === "range") return (c) => c >= item.lo && c <= item.hi;
  return item.negated ? (c) => !inCategory(item.name, c, ascii) : (c) => inCategory(item.name, c, ascii);
}

function setTest(items: SetItem[], negated: boolean, flags: NodeFlags): (c: number) => boolean {
  const tests = items.map((item) => itemTest(item, flags.ascii));
  const contains = (c: number): boolean => {
    for (const test of tests) if (test(c)) return true;
    return false;
  };
  let test = contains;
  if (flags.ignoreCase) {
    const ascii = flags.ascii;
    test = (c) => contains(c) || contains(lower(c, ascii)) || contains(upper(c, ascii)) || contains(foldKey(c, ascii)) || contains(lower(foldKey(c, ascii), ascii));
  }
  return negated ? (c) => !test(c) : test;
}

/** The test of a node that matches exactly one code point, or null for other nodes. */
function singleTest(node: Node): ((c: number) => boolean) | null {
  switch (node.kind) {
    case "char": {
      const cp = node.cp;
      if (!node.flags.ignoreCase) return (c) => c === cp;
      const ascii = node.flags.ascii;
      return (c) => sameIgnoringCase(c, cp, ascii);
    }
    case "notchar": {
      const cp = node.cp;
      if (!node.flags.ignoreCase) return (c) => c !== cp;
      const ascii = node.flags.ascii;
      return (c) => !sameIgnoringCase(c, cp, ascii);
    }
    case "any":
      return node.dotAll ? () => true : (c) => c !== 10;
    case "set":
      return setTest(node.items, node.negated, node.flags);
    default:
      return null;
  }
}

/** A body of single-width items only (`(?:ab)`, `\d\d`): it matches at most one way. */
function fixedTests(node: Node): Array<(c: number) => boolean> | null {
  const one = singleTest(node);
  if (one) return [one];
  if (node.kind !== "seq" || node.items.length === 0) return null;
  const tests: Array<(c: number) => boolean> = [];
  for (const item of node.items) {
    const test = singleTest(item);
    if (!test) return null;
    tests.push(test);
  }
  return tests;
}

function isWordAt(s: MatchState, i: number, ascii: boolean): boolean {
  return i >= 0 && i < s.end && inCategory("word", s.cps[i]!, ascii);
}

function anchorMatcher(node: Extract<Node, { kind: "at" }>): (s: MatchState, i: number) => boolean {
  const ascii = node.ascii;
  switch (node.at) {
    case "start":
    case "startString":
      return (_s, i) => i === 0;
    case "bol":
      return (s, i) => i === 0 || s.cps[i - 1] === 10;
    case "end":
      return (s, i) => i === s.end || (i === s.end - 1 && s.cps[i] === 10);
    case "eol":
      return (s, i) => i === s.end || s.cps[i] === 10;
    case "endString":
      return (s, i) => i === s.end;
    case "boundary":
      return (s, i) => s.end !== 0 && isWordAt(s, i - 1, ascii) !== isWordAt(s, i, ascii);
    case "nonBoundary":
      return (s, i) => s.end !== 0 && isWordAt(s, i - 1, ascii) === isWordAt(s, i, ascii);
  }
}

function compileRepeat(node: Extract<Node, { kind: "repeat" }>): Matcher {
  const { min, max, mode } = node;
  const fixed = fixedTests(node.body);
  if (fixed) {
    const width = fixed.length;
    // How many times the body matches in a row from i (at most `limit`).
    const count = (s: MatchState, i: number, limit: number): number => {
      let n = 0;
      outer: while (n < limit) {
        const at = i + n * width;
        if (at + width > s.end) break;
        for (let j = 0; j < width; j++) if (!fixed[j]!(s.cps[at + j]!)) break outer;
        n++;
      }
      return n;
    };
    if (mode === "lazy") {
      return (s, i, k) => {
        if (count(s, i, min) < min) return false;
        for (let n = min; ; n++) {
          if (k(i + n * width)) return true;
          if (n >= max || count(s, i + n * width, 1) === 0) return false;
        }
      };
    }
    return (s, i, k) => {
      const n = count(s, i, max === MAXREPEAT ? Infinity : max);
      if (n < min) return false;
      if (mode === "possessive") return k(i + n * width);
      for (let c = n; c >= min; c--) if (k(i + c * width)) return true;
      return false;
    };
  }
  const body = compileNode(node.body);
  if (mode === "possessive") return atomic(compileRepeat({ ...node, mode: "greedy" }));
  if (mode === "lazy") {
    const rep = (s: MatchState, i: number, n: number, last: number, k: Cont): boolean => {
      if (n < min) return body(s, i, (j) => rep(s, j, n + 1, last, k));
      if (k(i)) return true;
      if (n >= max || i === last) return false;
      return body(s, i, (j) => rep(s, j, n + 1, i, k));
    };
    return (s, i, k) => rep(s, i, 0, -1, k);
  }
  const rep = (s: MatchState, i: number, n: number, last: number, k: Cont): boolean => {
    if (n < min) return body(s, i, (j) => rep(s, j, n + 1, last, k));
    if (n < max && i !== last && body(s, i, (j) => rep(s, j, n + 1, i, k))) return true;
    return k(i);
  };
  return (s, i, k) => rep(s, i, 0, -1, k);
}

/** The body matched once, its first way only: later failures do not backtrack into it. */
function atomic(body: Matcher): Matcher {
  return (s, i, k) => {
    const saved = s.caps.slice();
    const lastIndex = s.lastIndex;
    let end = -1;
    if (!body(s, i, (j) => ((end = j), true))) return false;
    if (k(end)) return true;
    s.caps.set(saved);
    s.lastIndex = lastIndex;
    return false;
  };
}

function compileSeq(items: Node[]): Matcher {
  const matchers = items.map(compileNode);
  if (matchers.length === 0) return (_s, i, k) => k(i);
  return matchers.reduceRight((next, m) => (s, i, k) => m(s, i, (j) => next(s, j, k)));
}

function compileNode(node: Node): Matcher {
  const single = singleTest(node);
  if (single) return (s, i, k) => i < s.end && single(s.cps[i]!) && k(i + 1);
  switch (node.kind) {
    case "seq":
      return compileSeq(node.items);
    case "alt": {
      const branches = node.items.map(compileNode);
      return (s, i, k) => {
        for (const branch of branches) if (branch(s, i, k)) return true;
        return false;
      };
    }
    case "group": {
      const body = compileNode(node.body);
      const at = node.index * 2;
      const index = node.index;
      return (s, i, k) =>
        body(s, i, (j) => {
          const oldStart = s.caps[at]!;
          const oldEnd = s.caps[at + 1]!;
          const oldLast = s.lastIndex;
          s.caps[at] = i;
          s.caps[at + 1] = j;
          s.lastIndex = index;
          if (k(j)) return true;
          s.caps[at] = oldStart;
          s.caps[at + 1] = oldEnd;
          s.lastIndex = oldLast;
          return false;
        });
    }
    case "repeat":
      return compileRepeat(node);
    case "at": {
      const test = anchorMatcher(node);
      return (s, i, k) => test(s, i) && k(i);
    }
    case "look": {
      const body = compileNode(node.body);
      const { behind, negated, width } = node;
      return (s, i, k) => {
        const from = behind ? i - width : i;
        if (from < 0) return negated && k(i);
        const saved = s.caps.slice();
        const lastIndex = s.lastIndex;
        const found = body(s, from, (j) => !behind || j === i);
        if (found === negated) {
          s.caps.set(saved);
          s.lastIndex = lastIndex;
          return false;
        }
        if (negated) {
          s.caps.set(saved);
          s.lastIndex = lastIndex;
        }
        if (k(i)) return true;
        s.caps.set(saved);
        s.lastIndex = lastIndex;
        return false;
      };
    }
    case "backref": {
      const at = node.index * 2;
      const { ignoreCase, ascii } = node.flags;
      return (s, i, k) => {
        const start = s.caps[at]!;
        const end = s.caps[at + 1]!;
        if (start < 0 || end < 0) return false;
        const n = end - start;
        if (i + n > s.end) return false;
        for (let j = 0; j < n; j++) {
          const a = s.cps[start + j]!;
          const b = s.cps[i + j]!;
          if (a !== b && !(ignoreCase && sameIgnoringCase(a, b, ascii))) return false;
        }
        return k(i + n);
      };
    }
    case "cond": {
      const yes = compileNode(node.yes);
      const no = compileNode(node.no);
      const at = node.index * 2;
      return (s, i, k) => (s.caps[at]! >= 0 && s.caps[at + 1]! >= 0 ? yes(s, i, k) : no(s, i, k));
    }
    case "atomic":
      return atomic(compileNode(node.body));
    default:
      throw new Error(`unreachable: ${node.kind}`);
  }
}

/** A compiled pattern: `run` tries one start position, `search` every one from `pos`. */
export class Program {
  private readonly matcher: Matcher;
  /** A first code point every match starts with (case-sensitive), to skip start positions. */
  private readonly firstChar: number;

  constructor(readonly parsed: ParsedPattern) {
    this.matcher = compileNode(parsed.root);
    let first: Node = parsed.root;
    while (first.kind === "seq" && first.items.length > 0) first = first.items[0]!;
    this.firstChar = first.kind === "char" && !first.flags.ignoreCase ? first.cp : -1;
  }

  /**
   * The group spans of a match starting at `start` (null for none). `full`: it must end at
   * `end`; `mustAdvance`: it must not be empty at `start` (after an empty match, as sre).
   */
  run(cps: Int32Array, start: number, end: number, full: boolean, mustAdvance: boolean): MatchState | null {
    const state: MatchState = { cps, end, caps: new Int32Array(2 * (this.parsed.groups + 1)).fill(-1), lastIndex: -1 };
    const ok = this.matcher(state, start, (j) => {
      if (full && j !== end) return false;
      if (mustAdvance && j === start) return false;
      state.caps[0] = start;
      state.caps[1] = j;
      return true;
    });
    return ok ? state : null;
  }

  search(cps: Int32Array, pos: number, end: number, mustAdvance: boolean): MatchState | null {
    const first = this.firstChar;
    for (let start = pos; start <= end; start++) {
      if (first >= 0) {
        while (start < end && cps[start] !== first) start++;
        if (start >= end) return null;
      }
      const found = this.run(cps, start, end, false, mustAdvance && start === pos);
      if (found) return found;
    }
    return null;
  }
}
