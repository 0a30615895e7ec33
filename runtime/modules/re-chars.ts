// What the matcher (re-engine.ts) tests one code point or one position with: subjects as code
// points, sre's character categories (Unicode or ASCII), case-insensitive equality, classes
// and anchors.

import { type Category, type Node, type NodeFlags, type SetItem } from "./re-nodes.js";

const SURROGATE = /[\ud800-\udfff]/;

/**
 * A subject string as code points (decoded on first use: a RegExp runs on the text itself),
 * with the UTF-16 offset of each when they differ.
 */
export class Subject {
  /** No surrogates: each code point is one UTF-16 unit, and a RegExp may match the text. */
  readonly plain: boolean;
  private codePoints: Int32Array | null = null;
  private offsets: Int32Array | null = null;

  /**
   * `original`: the object matched (`m.string`); a bytes-like one is matched as `text`, its
   * bytes as latin-1 chars, and its pieces (`piece`) are bytes.
   */
  constructor(
    readonly text: string,
    readonly original: unknown = text,
    readonly toBytes: ((latin1: string) => unknown) | null = null,
  ) {
    this.plain = !SURROGATE.test(text);
  }

  /** The subject's text from start to end as the program sees it: a str, or bytes. */
  piece(start: number, end: number): any {
    return this.toBytes === null ? this.slice(start, end) : this.toBytes(this.text.slice(start, end));
  }

  /** A text built from the subject's pieces (as latin-1 chars for bytes) as the program sees it. */
  made(text: string): any {
    return this.toBytes === null ? text : this.toBytes(text);
  }

  get cps(): Int32Array {
    if (this.codePoints === null) this.decode();
    return this.codePoints!;
  }

  private decode(): void {
    const text = this.text;
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
    this.codePoints = astral ? cps.slice(0, n) : cps;
    if (astral) {
      const offsets = new Int32Array(n + 1);
      let unit = 0;
      for (let i = 0; i < n; i++) {
        offsets[i] = unit;
        unit += this.codePoints[i]! > 0xffff ? 2 : 1;
      }
      offsets[n] = unit;
      this.offsets = offsets;
    }
  }

  get length(): number {
    return this.plain ? this.text.length : this.cps.length;
  }

  slice(start: number, end: number): string {
    if (this.plain) return this.text.slice(start, end);
    if (this.codePoints === null) this.decode(); // the offsets come with the code points
    if (this.offsets === null) return this.text.slice(start, end);
    return this.text.slice(this.offsets[start], this.offsets[end]);
  }
}

/** A match's group spans (start, end per group; -1 unset) and sre's lastindex (-1: none). */
export interface MatchSpans {
  caps: number[];
  lastIndex: number;
}

/** The state of one match attempt: group spans (start, end per group; -1 unset). */
export interface MatchState extends MatchSpans {
  cps: Int32Array;
  end: number;
}

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
export function sameIgnoringCase(a: number, b: number, ascii: boolean): boolean {
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
export function singleTest(node: Node): ((c: number) => boolean) | null {
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
export function fixedTests(node: Node): Array<(c: number) => boolean> | null {
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

export function anchorMatcher(node: Extract<Node, { kind: "at" }>): (s: MatchState, i: number) => boolean {
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

