// Lezer's Python grammar rejects some valid Python 3.11 (parenthesised with-items, starred
// for-iterables, tuple match subjects, expression decorators, `{x:=5}` format specs). Rather
// than fork the grammar, the parse is repaired: at the first error that matches one of these
// gaps, the offending region is overwritten by a same-length placeholder (`_` then blanks, so
// every offset stays valid), the text is parsed again, and the region is remembered so the
// converters parse its original text on its own (subParse).
import type { PartialParse, Tree } from "@lezer/common";
import { parser } from "@lezer/python";
import { type CNode, Source, buildCst, inner, shiftCst } from "./cst.js";
import { DiagnosticError } from "./ast.js";
import { flatChain } from "./chains.js";
import { errorPaths, firstErrorPath } from "./errors.js";
import { forgotComma } from "./parse_errors.js";
import { headerColon, logicalLineEnd, type ScanToken, scanTokens, skipBlanks } from "./scan.js";

export interface Repaired {
  root: CNode;
  /** Placeholder regions, start offset -> end offset. */
  regions: Map<number, number>;
}

interface Fix {
  from: number;
  text: string;
  /** Whether `text` is a placeholder whose original region must be parsed separately. */
  region: boolean;
}

/**
 * Rounds of repair. Each round fixes the first error of every statement at once, so the number
 * of rounds is the most fixes one statement needs (an f-string inside a decorator...), not the
 * number of fixes in the file: a round costs a parse, so the total stays linear in the size.
 */
const MAX_ROUNDS = 32;

export function parseRepaired(text: string): Repaired {
  let work = joinPatternStrings(hideDotExponents(hideBraceBackslashes(text)));
  const regions = new Map<number, number>();
  for (let round = 0; ; round++) {
    // a full parse each round: reusing the previous tree (TreeFragment) is not reliable with
    // this grammar's indentation context and gave spurious errors
    const root = buildCst(parseFully(work), {
      reparse: (node) => reparseDeep(work, node, regions),
      chain: (node) => flatChain(work, node, parseRepaired, regions),
    });
    if (round >= MAX_ROUNDS) return { root, regions };
    const prints = legacyPrints(root);
    if (prints.length > 0) {
      // Lezer reads a statement starting with `print` as Python 2's print statement; to
      // Python 3 it is the name `print`. A same-length name keeps every offset (converters
      // read names from the original text).
      for (const at of prints) work = work.slice(0, at) + PRINT_STAND_IN + work.slice(at + PRINT_STAND_IN.length);
      continue;
    }
    const fixes = findFixes(root, work, regions);
    if (fixes.length === 0) return { root, regions };
    const parts: string[] = [];
    let copied = 0;
    for (const fix of fixes) {
      parts.push(work.slice(copied, fix.from), fix.text);
      copied = fix.from + fix.text.length;
      if (fix.region) regions.set(fix.from, copied);
    }
    parts.push(work.slice(copied));
    work = parts.join("");
  }
}

/**
 * The fixes for this round, in source order: for each statement its first error's fix (later
 * errors in the same statement may only follow from the first), stopping at the first error
 * that has no fix (the parse fails there whatever comes after).
 */
function findFixes(root: CNode, work: string, regions: Map<number, number>): Fix[] {
  const fixes: Fix[] = [];
  const handledStatements = new Set<CNode>();
  let reachedTo = 0;
  for (const path of errorPaths(root, new Source(work))) {
    const statement = innermostStatement(path);
    const local = path[path.length - 2]!.name === "FormatReplacement";
    if (statement && handledStatements.has(statement) && !local) continue;
    if (statement) handledStatements.add(statement);
    const fix = findFix(path, work, regions);
    if (!fix) break;
    if (fix.from < reachedTo) continue; // overlaps a fix of this round
    fixes.push(fix);
    reachedTo = fix.from + fix.text.length;
  }
  return fixes;
}

/** The innermost ancestor on `path` that is a statement (a child of the script or of a block). */
function innermostStatement(path: CNode[]): CNode | null {
  for (let i = path.length - 2; i >= 1; i--) {
    const parent = path[i - 1]!.name;
    if (parent === "Script" || parent === "Body") return path[i]!;
  }
  return null;
}

/**
 * In an f-string a backslash never escapes `{`: `f"\\{x}"` is a backslash, then the field x.
 * Lezer reads `\\{` as an escape, so such a backslash becomes a blank for Lezer (the literal's
 * text is later read from the original source, backslash included).
 */
function hideBraceBackslashes(text: string): string {
  if (!text.includes("\\{")) return text; // nothing to hide: skip the scan
  let out: string | null = null;
  for (const t of scanTokens(text, 0, text.length)) {
    if (t.kind !== "string" || !/^[a-zA-Z]*[fF]/.test(text.slice(t.from, t.to))) continue;
    for (const m of text.slice(t.from, t.to).matchAll(/\\+(?=\{)/g)) {
      if (m[0].length % 2 === 0) continue; // `\\\\{`: an escaped backslash, then the brace
      const at = t.from + m.index! + m[0].length - 1;
      out = (out ?? text).slice(0, at) + " " + (out ?? text).slice(at + 1);
    }
  }
  return out ?? text;
}

/**
 * Adjacent string literals are one literal in a `case` pattern too (`case "a" "b":`), but
 * Lezer's pattern grammar takes one string: each such run becomes one blank string of the
 * same length for Lezer (patterns.ts reads the literals from the original text).
 */
function joinPatternStrings(text: string): string {
  if (!/^[ \t]*case\b/m.test(text)) return text;
  let out = text;
  let first = true; // at the first token of a logical line
  let inCase = false;
  let run: ScanToken[] = [];
  const flush = () => {
    if (run.length > 1) {
      const from = run[0]!.from;
      const to = run[run.length - 1]!.to;
      out = out.slice(0, from) + '"' + " ".repeat(to - from - 2) + '"' + out.slice(to);
    }
    run = [];
  };
  for (const t of scanTokens(text, 0, text.length)) {
    if (t.kind === "newline") {
      if (t.depth === 0) {
        flush();
        first = true;
        inCase = false;
      }
      continue;
    }
    if (first) inCase = t.kind === "word" && text.slice(t.from, t.to) === "case";
    first = false;
    if (inCase && t.kind === "string") run.push(t);
    else flush();
  }
  flush();
  return out;
}

/**
 * `3.e14`, `1.e-5`, `0.j` and `20.` are number literals, but Lezer reads `3.` then the
 * attribute `e14`; for Lezer they are rewritten in place as `3e014`, `1e-05`, `00j` and `020`
 * (the converter reads the original text).
 */
function hideDotExponents(text: string): string {
  // every case below is a digit, a point, then no digit (`1.5` needs no rewrite): most files
  // have none, and skip the scan of every token
  if (!/[0-9]\.(?![0-9])/.test(text)) return text;
  const tokens = [...scanTokens(text, 0, text.length)];
  // Each rewrite keeps its length, so they are collected against the original offsets and
  // applied in one pass (rebuilding the string per rewrite was quadratic in the file size).
  const edits: Edit[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [num, dot, exp] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]];
    if (num.kind !== "word" || !/^[0-9][0-9_]*$/.test(text.slice(num.from, num.to))) continue;
    if (text[dot.from] !== "." || dot.from !== num.to) continue;
    if (!exp || exp.from !== dot.to || exp.kind !== "word") {
      // `20.` with no digits after the point: `020` for Lezer, which would read on to an
      // attribute (`0..02` is two numbers: Lezer must see the error)
      const next = text[dot.to] ?? "";
      if (!/[\p{L}\p{N}_]/u.test(next) && !(next === "." && /[0-9]/.test(text[dot.to + 1] ?? ""))) {
        edits.push({ from: num.from, text: "0" + text.slice(num.from, num.to) });
      }
      continue;
    }
    const e = text.slice(exp.from, exp.to);
    if (/^(?:and|else|for|i[fns]|or|not)/.test(e)) {
      // `2.else`, `3.is`: the number `2.`, then a keyword (CPython's tokenizer only warns),
      // where Lezer would read an attribute
      edits.push({ from: num.from, text: "0" + text.slice(num.from, num.to) });
      continue;
    }
    if (/^[jJ]$/.test(e)) {
      // `1.j` is the imaginary literal 1j: `01j` for Lezer
      edits.push({ from: num.from, text: "0" + text.slice(num.from, num.to) + e });
      continue;
    }
    let signEnd = exp.from + 1;
    if (/^[eE]$/.test(e)) {
      // `1.e-5`: the sign, then digits
      const sign = tokens[i + 3];
      const digits = tokens[i + 4];
      if (!sign || !digits || sign.from !== exp.to || !/[+-]/.test(text[sign.from]!) || digits.from !== sign.to || !/^[0-9]/.test(text[digits.from]!)) continue;
      signEnd = sign.to;
    } else if (!/^[eE][0-9][0-9_]*[jJ]?$/.test(e)) continue;
    edits.push({ from: dot.from, text: text.slice(dot.from + 1, signEnd) + "0" });
  }
  // inside f-strings (one token here) the same, by pattern: literal text is read from the
  // original source, so rewriting it for Lezer changes nothing
  for (const t of tokens) {
    if (t.kind !== "string" || !/^[a-zA-Z]*[fF]/.test(text.slice(t.from, t.to))) continue;
    const body = text.slice(t.from, t.to).replace(/(?<![\p{L}\p{N}_.])([0-9][0-9_]*)\.(?:([jJ])|([eE][+-]?)(?=[0-9])|(?=and|else|for|i[fns]|or|not))/gu,
      (_m, digits: string, j?: string, e?: string) => (j ? "0" + digits + j : e ? digits + e + "0" : "0" + digits));
    if (body !== text.slice(t.from, t.to)) edits.push({ from: t.from, text: body });
  }
  return applyEdits(text, edits);
}

/** A same-length rewrite of the text at `from`. */
interface Edit {
  from: number;
  text: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  if (edits.length === 0) return text;
  edits.sort((a, b) => a.from - b.from);
  const parts: string[] = [];
  let copied = 0;
  for (const edit of edits) {
    parts.push(text.slice(copied, edit.from), edit.text);
    copied = edit.from + edit.text.length;
  }
  parts.push(text.slice(copied));
  return parts.join("");
}


const PRINT_STAND_IN = "prinT";

/** Nodes whose own brackets hold the elements after them. */
const BRACKETED = new Set(["ArgList", "ParenthesizedExpression", "TupleExpression", "ArrayExpression", "SetExpression", "DictionaryExpression"]);

const COMPREHENSIONS = new Set([
  "ArrayComprehensionExpression", "SetComprehensionExpression", "DictionaryComprehensionExpression",
  "ComprehensionExpression", "ArgList",
]);

/** Nodes that hold statements (the only places Lezer's print statement can appear). */
const STATEMENT_HOLDERS = new Set([
  "Script", "Body", "StatementGroup", "IfStatement", "WhileStatement", "ForStatement", "TryStatement",
  "WithStatement", "FunctionDefinition", "ClassDefinition", "DecoratedStatement", "MatchStatement",
  "MatchBody", "MatchClause",
]);

/** Offsets of the `print` keywords of Lezer's legacy print statements. */
function legacyPrints(root: CNode): number[] {
  const found: number[] = [];
  const walk = (n: CNode): void => {
    for (const c of n.children) {
      if (c.name === "PrintStatement") found.push(c.from);
      else if (STATEMENT_HOLDERS.has(c.name) || c.isError) walk(c);
    }
  };
  walk(root);
  return found;
}

/** Rec.CutDepth and Rec.CutTo of @lezer/lr: a parse stack that long is cut down to the shorter length. */
const LEZER_CUT_DEPTH = 8400;
const LEZER_CUT_TO = 6000;

type LezerStack = { stack: unknown[]; pos: number; forceReduce(): boolean };

/**
 * A stack's forced reductions, except the cut of a deep stack: Lezer calls `forceReduce` on a
 * stack longer than Rec.CutDepth until it is down to Rec.CutTo, which silently misparses deeply
 * right-nested code (`a if b else c if ...`, `- - x`, `a ** b ** ...`, `lambda: lambda: ...`)
 * that CPython accepts up to thousands of levels. Error recovery forces reductions on copies
 * (`split()` makes a new stack without this override), so only the cut is refused.
 */
function keepDeep(this: LezerStack, original: () => boolean): boolean {
  return this.stack.length > LEZER_CUT_TO ? false : original.call(this);
}

/**
 * Lezer's parse, without its cut-offs. After 300 big reductions from one start it forces the
 * expression closed (an error in the tree), where CPython accepts thousands of `a + b + ...`
 * terms: the counter is reset before each step. A stack deep enough to be cut is kept whole.
 */
function parseFully(text: string): Tree {
  const parse = parser.startParse(text) as PartialParse & { bigReductionCount?: number; stacks?: LezerStack[] };
  for (;;) {
    if (parse.bigReductionCount !== undefined) parse.bigReductionCount = 0;
    // one step adds a few entries at most: a stack near the cut gets the override before it
    for (const s of parse.stacks ?? []) {
      if (s.stack.length >= LEZER_CUT_DEPTH - 12 && !Object.hasOwn(s, "forceReduce")) {
        const original = Object.getPrototypeOf(s).forceReduce as () => boolean;
        s.forceReduce = function (this: LezerStack) {
          return keepDeep.call(this, original);
        };
      }
    }
    const tree = parse.advance();
    if (tree) return tree;
  }
}

/**
 * An expression nested deep in the tree (a long operator chain), copied from a parse of its
 * own text in parentheses; null when that parse does not give the same node.
 */
function reparseDeep(work: string, node: CNode, regions: Map<number, number>): CNode | null {
  const sub = parseRepaired("(" + work.slice(node.from, node.to) + ")");
  const delta = node.from - 1;
  shiftCst(sub.root, delta);
  const stmt = sub.root.children.length === 1 ? sub.root.children[0] : undefined;
  const paren = stmt?.name === "ExpressionStatement" && stmt.children.length === 1 ? stmt.children[0] : undefined;
  const nodes = paren?.name === "ParenthesizedExpression" ? inner(paren) : [];
  const again = nodes.length === 1 ? nodes[0]! : null;
  if (!again || again.name !== node.name || again.from !== node.from || again.to !== node.to) return null;
  for (const [a, b] of sub.regions) regions.set(a + delta, b + delta);
  return again;
}

/** The end of `.name.name...` starting at `at` (blanks allowed around the dots), or -1. */
function dottedNameEnd(work: string, at: number): number {
  const m = /^(?:[ \t]*\.[ \t]*[\p{L}\p{Nl}_][\p{L}\p{N}_]*)+/u.exec(work.slice(at, at + 200));
  return m ? at + m[0].length : -1;
}

function placeholder(from: number, to: number, regions: Map<number, number>): Fix | null {
  if (to <= from || regions.has(from)) return null;
  return { from, text: "_" + " ".repeat(to - from - 1), region: true };
}

/** The region between a header keyword and the header's `:` (blanks trimmed). */
function headerRegion(work: string, afterKeyword: number, regions: Map<number, number>): Fix | null {
  let from = skipBlanks(work, afterKeyword);
  // `with\` + newline: the placeholder must not join the keyword
  while (work[from] === "\\" && work[from + 1] === "\n") from = skipBlanks(work, from + 2);
  const colon = headerColon(work, from);
  if (colon < 0) return null;
  let to = colon;
  while (to > from && /[ \t\f\n\\]/.test(work[to - 1]!)) to--;
  return placeholder(from, to, regions);
}

function findFix(path: CNode[], work: string, regions: Map<number, number>): Fix | null {
  const node = path[path.length - 1]!;
  const parent = path[path.length - 2]!;
  if (parent.name === "FormatReplacement") {
    // `{x:=5}` is the value x with format spec "=5", not a walrus: hide the `=` from Lezer;
    // the spec's text is later read from the original source
    const k = skipBlanks(work, node.from);
    if (work.startsWith(":=", k)) return { from: k + 1, text: ">", region: false };
    // in a format spec Lezer reads `\N{EM DASH}` as a field; make the name one identifier
    const close = work.indexOf("}", parent.from);
    if (work[parent.from - 1] === "N" && work[parent.from - 2] === "\\" && close > parent.from + 1) {
      const name = work.slice(parent.from + 1, close);
      const fixed = name.replace(/[^A-Za-z0-9_]/g, "_");
      if (fixed !== name) return { from: parent.from + 1, text: fixed, region: false };
    }
    return null;
  }
  // `{x for *a, b in y}`: a starred first comprehension target derails Lezer's recovery;
  // blank the `*` (convertGenerators finds it in the original text)
  const at = skipBlanks(work, node.from);
  if (work[at] === "*" || (node.from === node.to && work[at] === "*")) {
    if (/(?:^|[^\w])for[ \t\\\n]*$/.test(work.slice(Math.max(0, at - 12), at)) && path.some((a) => COMPREHENSIONS.has(a.name))) {
      return { from: at, text: " ", region: false };
    }
  }
  // `a[*b]`, `tuple[int, *Ts]`: a starred subscript element (3.11) that Lezer's grammar lacks;
  // blank the `*` (convertSliceItem finds it in the original text)
  if (work[at] === "*" && work[at + 1] !== "*" && /[[,][ \t\n\\]*$/.test(work.slice(Math.max(0, at - 20), at)) &&
    !/^[ \t\n\\]*[\],:]/.test(work.slice(at + 1, at + 21))) {
    const holder = [...path].reverse().find((a) => a.name === "MemberExpression" || BRACKETED.has(a.name));
    if (holder?.name === "MemberExpression" && holder.children.some((c) => c.name === "[" && c.from < at)) {
      return { from: at, text: " ", region: false };
    }
  }
  // `case {Keys.KEY: v}`: Lezer's mapping keys take no dotted names; the name is shown to it
  // as a string of the same length (patterns.ts reads the original text)
  if (parent.name === "MappingPattern" && work[at] === ".") {
    const key = parent.children[parent.children.indexOf(node) - 1];
    const end = key?.name === "VariableName" ? dottedNameEnd(work, key.to) : -1;
    if (end > key!.to) return { from: key!.from, text: '"' + " ".repeat(end - key!.from - 2) + '"', region: false };
  }
  const before = (a: CNode, name: string) => a.children.some((c) => c.name === name && c.from <= node.from);
  for (let i = path.length - 2; i >= 0; i--) {
    const a = path[i]!;
    switch (a.name) {
      case "Body":
      case "MatchBody":
        return null;
      case "Decorator":
      case "DecoratedStatement": {
        const decorator = a.name === "Decorator"
          ? a
          : [...a.children].reverse().find((c) => c.name === "Decorator" && c.from <= node.from);
        const at = decorator?.children[0];
        if (!at || at.name !== "At") return null;
        const from = skipBlanks(work, at.to);
        return placeholder(from, logicalLineEnd(work, from), regions);
      }
      case "ForStatement": {
        const inTok = a.children.find((c) => c.name === "in");
        if (!inTok || node.from < inTok.to || before(a, "Body")) return null;
        return headerRegion(work, inTok.to, regions);
      }
      case "MatchStatement": {
        const kw = a.children[0]!;
        if (kw.name !== "match" || before(a, "MatchBody")) return null;
        return headerRegion(work, kw.to, regions);
      }
      case "WithStatement": {
        const kw = a.children.find((c) => c.name === "with");
        if (!kw || before(a, "Body")) return null;
        return headerRegion(work, kw.to, regions);
      }
      default: {
        // `match *a, b:` reads to Lezer as a multiplication by the name `match`
        const atStatement = i > 0 && (path[i - 1]!.name === "Script" || path[i - 1]!.name === "Body");
        if (atStatement && /^match[ \t]/.test(work.slice(a.from, a.from + 6))) return headerRegion(work, a.from + 5, regions);
      }
    }
  }
  return null;
}

/**
 * Parses text[from, to) of the original source as if parenthesised; returns the nodes inside
 * the parentheses (one expression, or elements and commas), with offsets into the source.
 */
export function subParse(src: Source, from: number, to: number): CNode[] {
  // inside brackets a form feed is only a blank (the tokenizer pass arranged those in indentation)
  const { root, regions } = parseRepaired("(" + src.text.slice(from, to).replace(/\f/g, " ") + ")");
  const delta = from - 1;
  shiftCst(root, delta);
  for (const [a, b] of regions) src.regions.set(a + delta, b + delta);
  const path = firstErrorPath(root, src);
  if (path) {
    const at = Math.min(Math.max(path[path.length - 1]!.from, from), to);
    throw new DiagnosticError([forgotComma(src, at) ?? src.diagnostic(at, "invalid syntax")]);
  }
  const stmt = root.children.length === 1 ? root.children[0] : undefined;
  const e = stmt?.name === "ExpressionStatement" && stmt.children.length === 1 ? stmt.children[0] : undefined;
  if (!e || (e.name !== "ParenthesizedExpression" && e.name !== "TupleExpression") || e.from !== from - 1 || e.to !== to + 1) {
    src.fail(from, "invalid syntax");
  }
  const nodes = inner(e);
  if (nodes.length === 0) src.fail(from, "invalid syntax");
  return nodes;
}

/** The end of the placeholder region starting at `from`, if there is one. */
export function regionAt(src: Source, from: number | undefined): number | undefined {
  return from === undefined ? undefined : src.regions.get(from);
}
