// A JavaScript RegExp for a parsed pattern, where V8's matcher means exactly what sre means;
// null where it may not, and the pattern runs on pyts's own engine (re-engine.ts). V8 compiles
// a RegExp to machine code, so the common patterns (`\w+`, `(\d+)-(\d+)`, `[a-z]+@\S+`) match
// many times faster than an interpreter can.
//
// The translation is written from the node tree, never from the pattern's text, and avoids
// every construct whose JavaScript meaning differs from Python's:
// - `.`, `^`, `$`, `\A`, `\Z`, `\b` and the classes `\d \w \s` are spelled out (JavaScript's
//   line terminators include `\r`, `\u2028` and `\u2029`; its `\b` and `\w` are ASCII only);
// - IGNORECASE becomes explicit alternatives for ASCII patterns (sre's case rules are not
//   JavaScript's beyond ASCII: `i` also matches U+0130 and U+0131, `k` the Kelvin sign);
// - a capturing group inside a repeat is allowed only where every iteration sets it
//   (JavaScript clears a repeated group's captures at each iteration, sre keeps them), and a
//   repeat whose body can match empty stays on the engine (sre ends the repeat at an empty
//   iteration, JavaScript backtracks out of it);
// - backreferences, conditionals, atomic groups, possessive repeats and groups inside
//   lookarounds stay on the engine, as do subjects holding surrogates.

import { MAXREPEAT, widthOf, type Node, type ParsedPattern, type SetItem } from "./re-nodes.js";

/** The JavaScript side of a pattern: one RegExp per way of matching, and each group's parent. */
export interface NativePattern {
  /** sticky: a match starting exactly at lastIndex (Pattern.match) */
  readonly sticky: RegExp;
  /** global: the first match at or after lastIndex (Pattern.search, findall, sub, ...) */
  readonly global: RegExp;
  /** sticky and ending at the subject's end (Pattern.fullmatch) */
  readonly full: RegExp;
  /** the innermost group enclosing each group (0: none), for Match.lastindex */
  readonly parents: Int32Array;
  /**
   * Every match is at least one code point long: then sre's scan (each match searched from
   * the end of the last, no empty-match rules) is the RegExp's own global scan, which
   * String.prototype.split, match and replace run natively.
   */
  readonly nonEmpty: boolean;
}

// sre's Unicode classes, as re-chars.ts tests them.
const UNICODE_CLASS = { digit: "\\p{Nd}", word: "\\p{L}\\p{N}_", space: "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000" };
const ASCII_CLASS = { digit: "0-9", word: "0-9A-Za-z_", space: "\\t-\\r " };

/**
 * The characters sre's IGNORECASE matches for an ASCII letter besides its two cases (the
 * simple lower case of U+0130 is `i`; U+0131 upper-cases to `I`; U+017F to `S`; U+212A
 * lower-cases to `k`). test/runtime/modules/re-native.test.ts checks this against the engine.
 */
export const IGNORECASE_EXTRAS: Readonly<Record<string, readonly number[]>> = { i: [0x130, 0x131], s: [0x17f], k: [0x212a] };

function escapeCodePoint(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/** The code points a pattern character stands for under IGNORECASE (null: not ASCII). */
function caseVariants(cp: number, ascii: boolean): number[] | null {
  if (cp >= 0x80) return null;
  const ch = String.fromCharCode(cp);
  const lowerCh = ch.toLowerCase();
  if (lowerCh === ch.toUpperCase()) return [cp];
  const variants = [lowerCh.charCodeAt(0), ch.toUpperCase().charCodeAt(0)];
  if (!ascii) variants.push(...(IGNORECASE_EXTRAS[lowerCh] ?? []));
  return variants;
}

class Translator {
  /** the next capturing group's number, checked against the parser's */
  private nextGroup = 1;
  readonly parents: number[] = [0];
  private readonly openGroups: number[] = [];

  constructor(private readonly groups: number) {}

  /** The source for a node, or null when it must stay on the engine. */
  node(node: Node, inLook: boolean): string | null {
    switch (node.kind) {
      case "char":
        return this.char(node.cp, node.flags.ignoreCase, node.flags.ascii, false);
      case "notchar":
        return this.char(node.cp, node.flags.ignoreCase, node.flags.ascii, true);
      case "any":
        return node.dotAll ? "[^]" : "[^\\n]";
      case "set":
        return this.set(node.items, node.negated, node.flags.ignoreCase, node.flags.ascii);
      case "seq": {
        let out = "";
        for (const item of node.items) {
          const part = this.node(item, inLook);
          if (part === null) return null;
          out += part;
        }
        return out;
      }
      case "alt": {
        const parts: string[] = [];
        for (const item of node.items) {
          const part = this.node(item, inLook);
          if (part === null) return null;
          parts.push(part);
        }
        return `(?:${parts.join("|")})`;
      }
      case "group": {
        // sre's lastindex for a group set inside a lookaround is not the span order's
        if (inLook || node.index !== this.nextGroup) return null;
        this.nextGroup++;
        this.parents[node.index] = this.openGroups.length === 0 ? 0 : this.openGroups[this.openGroups.length - 1]!;
        this.openGroups.push(node.index);
        const body = this.node(node.body, inLook);
        this.openGroups.pop();
        return body === null ? null : `(${body})`;
      }
      case "repeat": {
        if (node.mode === "possessive") return null;
        if (node.max > 1) {
          // JavaScript clears a repeated group at each iteration; and an iteration that
          // matches empty fails in JavaScript where sre ends the repeat with it
          if (!this.setsEveryGroup(node.body) || widthOf(node.body, [])[0] === 0) return null;
        }
        const body = this.node(node.body, inLook);
        if (body === null) return null;
        const max = node.max === MAXREPEAT ? "" : String(node.max);
        const count = node.min === node.max ? `{${node.min}}` : `{${node.min},${max}}`;
        return `(?:${body})${count}${node.mode === "lazy" ? "?" : ""}`;
      }
      case "at":
        return this.anchor(node.at, node.ascii);
      case "look": {
        const body = this.node(node.body, true);
        if (body === null) return null;
        return `(?${node.behind ? "<" : ""}${node.negated ? "!" : "="}${body})`;
      }
      default:
        return null; // backref, cond, atomic
    }
  }

  /** True when matching `node` always sets every group inside it (no optional paths to one). */
  private setsEveryGroup(node: Node): boolean {
    if (!containsGroup(node)) return true;
    switch (node.kind) {
      case "seq":
        return node.items.every((item) => this.setsEveryGroup(item));
      case "group":
        return this.setsEveryGroup(node.body);
      case "repeat":
        return node.min >= 1 && node.max <= 1 && this.setsEveryGroup(node.body);
      default:
        return false;
    }
  }

  private char(cp: number, ignoreCase: boolean, ascii: boolean, negated: boolean): string | null {
    const cps = ignoreCase ? caseVariants(cp, ascii) : [cp];
    if (cps === null) return null;
    if (cps.length === 1 && !negated) return escapeCodePoint(cp);
    return `[${negated ? "^" : ""}${cps.map(escapeCodePoint).join("")}]`;
  }

  private set(items: SetItem[], negated: boolean, ignoreCase: boolean, ascii: boolean): string | null {
    let body = "";
    for (const item of items) {
      if (item.kind === "category") {
        // a negated class inside a class (`[\W\d]`) has no spelling without the v flag
        if (item.negated) {
          if (items.length !== 1) return null;
          return `[${negated ? "" : "^"}${(ascii ? ASCII_CLASS : UNICODE_CLASS)[item.name]}]`;
        }
        body += (ascii ? ASCII_CLASS : UNICODE_CLASS)[item.name];
      } else if (!ignoreCase) {
        body += item.kind === "char" ? escapeCodePoint(item.cp) : `${escapeCodePoint(item.lo)}-${escapeCodePoint(item.hi)}`;
      } else {
        const lo = item.kind === "char" ? item.cp : item.lo;
        const hi = item.kind === "char" ? item.cp : item.hi;
        if (hi >= 0x80) return null;
        for (let cp = lo; cp <= hi; cp++) body += caseVariants(cp, ascii)!.map(escapeCodePoint).join("");
      }
    }
    if (body === "") return negated ? "[^]" : "[]";
    return `[${negated ? "^" : ""}${body}]`;
  }

  private anchor(at: string, ascii: boolean): string | null {
    const word = ascii ? `[${ASCII_CLASS.word}]` : `[${UNICODE_CLASS.word}]`;
    switch (at) {
      case "start":
      case "startString":
        return "(?<![^])";
      case "endString":
        return "(?![^])";
      case "end":
        return "(?=\\n?(?![^]))";
      case "bol":
        return "(?:(?<![^])|(?<=\\n))";
      case "eol":
        return "(?=\\n|(?![^]))";
      case "boundary":
        return `(?:(?<=${word})(?!${word})|(?<!${word})(?=${word}))`;
      case "nonBoundary":
        // sre's \B never matches in an empty subject
        return `(?:(?<=[^])|(?=[^]))(?:(?<=${word})(?=${word})|(?<!${word})(?!${word}))`;
      default:
        return null;
    }
  }

  finish(source: string, nonEmpty: boolean): NativePattern | null {
    if (this.nextGroup !== this.groups + 1) return null;
    // Group spans need the `d` flag's indices, which cost an allocation per group per match.
    const d = this.groups > 0 ? "d" : "";
    try {
      return {
        sticky: new RegExp(source, `${d}uy`),
        global: new RegExp(source, `${d}ug`),
        full: new RegExp(`(?:${source})(?![^])`, `${d}uy`),
        parents: Int32Array.from(this.parents),
        nonEmpty,
      };
    } catch {
      return null; // a construct V8 refuses (none known): the engine takes it
    }
  }
}

function containsGroup(node: Node): boolean {
  switch (node.kind) {
    case "group":
      return true;
    case "seq":
    case "alt":
      return node.items.some(containsGroup);
    case "repeat":
    case "look":
    case "atomic":
      return containsGroup(node.body);
    case "cond":
      return containsGroup(node.yes) || containsGroup(node.no);
    default:
      return false;
  }
}

/** The JavaScript RegExps for a parsed pattern, or null when it must run on the engine. */
export function nativePattern(parsed: ParsedPattern): NativePattern | null {
  const translator = new Translator(parsed.groups);
  const source = translator.node(parsed.root, false);
  return source === null ? null : translator.finish(source, widthOf(parsed.root, [])[0] > 0);
}

/**
 * The group spans of a RegExp match as the engine gives them (start, end per group; -1 for
 * a group that did not take part) and sre's lastindex: the group that closed last, which is
 * the one ending last, an enclosing group before the groups it holds, else the later group.
 */
export function nativeSpans(found: RegExpExecArray, parents: Int32Array): { caps: number[]; lastIndex: number } {
  const indices = found.indices;
  if (indices === undefined) return { caps: [found.index, found.index + found[0].length], lastIndex: -1 };
  const caps: number[] = new Array(indices.length * 2);
  let lastIndex = -1;
  let lastEnd = -1;
  for (let n = 0; n < indices.length; n++) {
    const span = indices[n];
    if (span === undefined) {
      caps[2 * n] = -1;
      caps[2 * n + 1] = -1;
      continue;
    }
    caps[2 * n] = span[0];
    caps[2 * n + 1] = span[1];
    if (n === 0) continue;
    if (span[1] > lastEnd || (span[1] === lastEnd && !encloses(n, lastIndex, parents))) {
      lastEnd = span[1];
      lastIndex = n;
    }
  }
  return { caps, lastIndex };
}

/** Whether group `inner` sits inside group `outer` (then `outer` closes after it). */
function encloses(inner: number, outer: number, parents: Int32Array): boolean {
  for (let p = parents[inner]!; p !== 0; p = parents[p]!) if (p === outer) return true;
  return false;
}
