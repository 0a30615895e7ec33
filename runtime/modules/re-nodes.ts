// The tree a regular expression parses into (re-parse.ts builds it, re-engine.ts compiles it),
// and the widths of its nodes: how few and how many code points each can match.

import { ReError } from "./re-error.js";

export const MAXREPEAT = 0xffffffff;

/** A class item: one code point, an inclusive range, or a category (`\d`, `\W`, ...). */
export type SetItem =
  | { kind: "char"; cp: number }
  | { kind: "range"; lo: number; hi: number }
  | { kind: "category"; name: Category; negated: boolean };

export type Category = "digit" | "word" | "space";

/** Matching settings a node takes from the flags in force where it was written. */
export interface NodeFlags {
  ignoreCase: boolean;
  ascii: boolean;
}

export type Node =
  | { kind: "char"; cp: number; flags: NodeFlags }
  | { kind: "notchar"; cp: number; flags: NodeFlags }
  | { kind: "any"; dotAll: boolean }
  | { kind: "set"; items: SetItem[]; negated: boolean; flags: NodeFlags }
  | { kind: "seq"; items: Node[] }
  | { kind: "alt"; items: Node[] }
  | { kind: "group"; index: number; body: Node }
  | { kind: "repeat"; body: Node; min: number; max: number; mode: "greedy" | "lazy" | "possessive" }
  | { kind: "at"; at: Anchor; ascii: boolean }
  | { kind: "look"; behind: boolean; negated: boolean; body: Node; width: number }
  | { kind: "backref"; index: number; flags: NodeFlags }
  | { kind: "cond"; index: number; yes: Node; no: Node }
  | { kind: "atomic"; body: Node };

export type Anchor = "start" | "end" | "bol" | "eol" | "startString" | "endString" | "boundary" | "nonBoundary";

export interface ParsedPattern {
  root: Node;
  flags: number;
  groups: number;
  groupIndex: Map<string, number>;
}

/** The fewest and most code points a node can match (MAXREPEAT: unbounded). */
export function widthOf(node: Node, groupWidths: ReadonlyArray<[number, number]>): [number, number] {
  switch (node.kind) {
    case "char":
    case "notchar":
    case "any":
    case "set":
      return [1, 1];
    case "at":
    case "look":
      return [0, 0];
    case "seq": {
      let lo = 0;
      let hi = 0;
      for (const item of node.items) {
        const [a, b] = widthOf(item, groupWidths);
        lo += a;
        hi = Math.min(MAXREPEAT, hi + b);
      }
      return [lo, hi];
    }
    case "alt": {
      let lo = Infinity;
      let hi = 0;
      for (const item of node.items) {
        const [a, b] = widthOf(item, groupWidths);
        lo = Math.min(lo, a);
        hi = Math.max(hi, b);
      }
      return [lo === Infinity ? 0 : lo, hi];
    }
    case "group":
    case "atomic":
      return widthOf(node.body, groupWidths);
    case "repeat": {
      const [a, b] = widthOf(node.body, groupWidths);
      return [a * node.min, node.max === MAXREPEAT || b * node.max >= MAXREPEAT ? (b === 0 ? 0 : MAXREPEAT) : b * node.max];
    }
    case "backref":
      return groupWidths[node.index] ?? [0, MAXREPEAT];
    case "cond": {
      const [a, b] = widthOf(node.yes, groupWidths);
      const [c, d] = widthOf(node.no, groupWidths);
      return [Math.min(a, c), Math.max(b, d)];
    }
  }
}

/** Lookbehinds must have one width (checked, and recorded for the matcher, after parsing). */
export function checkLookbehinds(node: Node, groupWidths: ReadonlyArray<[number, number]>): void {
  switch (node.kind) {
    case "look":
      checkLookbehinds(node.body, groupWidths);
      if (node.behind) {
        const [lo, hi] = widthOf(node.body, groupWidths);
        if (lo !== hi) throw new ReError("look-behind requires fixed-width pattern");
        node.width = lo;
      }
      return;
    case "seq":
    case "alt":
      node.items.forEach((item) => checkLookbehinds(item, groupWidths));
      return;
    case "group":
    case "atomic":
    case "repeat":
      checkLookbehinds(node.body, groupWidths);
      return;
    case "cond":
      checkLookbehinds(node.yes, groupWidths);
      checkLookbehinds(node.no, groupWidths);
      return;
    default:
  }
}
