// A plain, fully materialised view of Lezer's concrete tree plus the position arithmetic the
// AST builders share. Lezer's cursor API is awkward for random access to siblings, so the
// tree is copied once into arrays of children.
import type { Tree } from "@lezer/common";
import { DiagnosticError, type Diagnostic, type Span } from "./ast.js";
import type { CompileWarning } from "./warnings.js";

export interface CNode {
  name: string;
  from: number;
  to: number;
  isError: boolean;
  children: CNode[];
}

/** Moves every offset of a (sub-)tree by `delta`. */
export function shiftCst(root: CNode, delta: number): void {
  const stack = [root];
  for (let n = stack.pop(); n; n = stack.pop()) {
    n.from += delta;
    n.to += delta;
    for (const c of n.children) stack.push(c);
  }
}

/** Lezer flattens whatever lies deeper than 2500 levels of its tree, losing its structure. */
const MAX_DEPTH = 2500;

export class NestingTooDeep extends Error {
  constructor(readonly offset: number) {
    super("nesting too deep");
  }
}

/** Depth from which an expression is parsed again on its own, before Lezer's cut-off. */
const REPARSE_DEPTH = 2000;

/** Expressions whose text parses on its own (in parentheses) to the same node. */
const REPARSEABLE = new Set(["BinaryExpression", "UnaryExpression", "CallExpression", "MemberExpression", "ConditionalExpression", "AwaitExpression", "ParenthesizedExpression", "LambdaExpression"]);

/** Levels of operator nesting from which a chain is tried as one flat node (then at each doubling). */
const CHAIN_DEPTH = 64;

const OPERATOR = new Set(["BinaryExpression", "UnaryExpression"]);

export interface CstHooks {
  /** an expression deeper than REPARSE_DEPTH, copied from a parse of its own text */
  reparse(node: CNode): CNode | null;
  /** an `and`/`or` or comparison chain nested CHAIN_DEPTH levels deep, as one flat node (chains.ts) */
  chain(node: CNode): CNode | null;
}

/**
 * Copies Lezer's tree. Iterative, like every walk over the concrete tree: a chain of
 * thousands of `a + b + ...` terms is a tree thousands of levels deep. Past REPARSE_DEPTH,
 * `hooks.reparse` copies an expression from a parse of its own text, which starts again at
 * the top, so a chain as long as CPython's limit keeps its structure.
 */
export function buildCst(tree: Tree, hooks?: CstHooks): CNode {
  const cursor = tree.cursor();
  const make = (): CNode => ({ name: cursor.name, from: cursor.from, to: cursor.to, isError: cursor.type.isError, children: [] });
  const root = make();
  const open: CNode[] = [root];
  // levels of operator nodes directly nested, for each open node
  const runs: number[] = [0];
  if (!cursor.firstChild()) return root;
  for (;;) {
    // comments can sit between any two tokens; collectComments reports them separately
    if (cursor.name !== "Comment") {
      const node = make();
      const siblings = open[open.length - 1]!.children;
      siblings.push(node);
      const run = OPERATOR.has(node.name) ? runs[runs.length - 1]! + 1 : 0;
      let again: CNode | null = null;
      if (hooks && node.name === "BinaryExpression" && run >= CHAIN_DEPTH && (run & (run - 1)) === 0) again = hooks.chain(node);
      if (!again && hooks && open.length >= REPARSE_DEPTH && REPARSEABLE.has(node.name)) again = hooks.reparse(node);
      if (again) {
        siblings[siblings.length - 1] = again;
      } else if (cursor.firstChild()) {
        open.push(node);
        runs.push(run);
        // Lezer flattens whatever lies deeper than 2500 levels, losing its structure
        if (open.length >= MAX_DEPTH) throw new NestingTooDeep(node.from);
        continue;
      }
    }
    while (!cursor.nextSibling()) {
      if (!cursor.parent() || open.length === 1) return root;
      open.pop();
      runs.pop();
    }
  }
}

/** Source text plus line table; converts Lezer offsets (UTF-16 units) to CPython positions. */
export class Source {
  private readonly lineStarts: number[] = [0];
  private readonly hasAstral: boolean;
  /** Regions (start -> end offset) that Lezer saw as a placeholder and must be re-parsed; see repair.ts. */
  readonly regions = new Map<number, number>();
  /** Runs of blank lines Lezer saw as a comment after a statement ([newline, end) pairs, see tokenizer_lines.ts). */
  hiddenBlankRuns: number[] = [];
  /** Warnings CPython issues while parsing (invalid escape sequences), once per line and message. */
  readonly warnings: CompileWarning[] = [];

  warn(line: number, message: string, category: CompileWarning["category"]): void {
    if (!this.warnings.some((w) => w.line === line && w.message === message)) this.warnings.push({ category, message, line });
  }

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      }
    }
    this.hasAstral = /[\uD800-\uDBFF]/.test(text);
  }

  /** 1-based line and 0-based column in code points of an offset. */
  position(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = this.lineStarts[lo]!;
    let col = offset - start;
    if (this.hasAstral) {
      for (let i = start; i < offset; i++) {
        const c = this.text.charCodeAt(i);
        if (c >= 0xdc00 && c <= 0xdfff) col--;
      }
    }
    return { line: lo + 1, col };
  }

  /** The offset of a 1-based line and 0-based code-point column (the inverse of position). */
  offsetOf(line: number, col: number): number {
    const start = this.lineStarts[Math.min(Math.max(line, 1), this.lineStarts.length) - 1]!;
    let i = start;
    for (let k = 0; k < col && i < this.text.length; k++) i += this.text.charCodeAt(i) >= 0xd800 && this.text.charCodeAt(i) <= 0xdbff ? 2 : 1;
    return i;
  }

  span(from: number, to: number): Span {
    const a = this.position(from);
    const b = this.position(to);
    return { lineno: a.line, col_offset: a.col, end_lineno: b.line, end_col_offset: b.col };
  }

  /** Whether only whitespace precedes `offset` on its line. */
  startsLine(offset: number): boolean {
    let i = offset - 1;
    while (i >= 0 && (this.text[i] === " " || this.text[i] === "\t" || this.text[i] === "\f")) i--;
    return i < 0 || this.text[i] === "\n";
  }

  /** Indentation column of the line holding `offset`. */
  indentOf(offset: number): number {
    const p = this.position(offset);
    const lineStart = this.lineStarts[p.line - 1]!;
    let i = lineStart;
    while (this.text[i] === " " || this.text[i] === "\t") i++;
    return i - lineStart;
  }

  slice(n: { from: number; to: number }): string {
    return this.text.slice(n.from, n.to);
  }

  diagnostic(offset: number, message: string, kind: Diagnostic["kind"] = "SyntaxError"): Diagnostic {
    const p = this.position(offset);
    return { kind, message, line: p.line, col: p.col };
  }

  /** Throws a located SyntaxError. */
  fail(offset: number, message: string, kind: Diagnostic["kind"] = "SyntaxError"): never {
    throw new DiagnosticError([this.diagnostic(offset, message, kind)]);
  }

  unsupported(n: CNode): never {
    throw new DiagnosticError([this.diagnostic(n.from, `unsupported syntax: ${n.name}`, "Unsupported")]);
  }
}

/** Splits a flattened comma-separated child list into groups (a trailing comma yields no group). */
export function splitOn(children: CNode[], sep: string): CNode[][] {
  const groups: CNode[][] = [];
  let cur: CNode[] = [];
  for (const c of children) {
    if (c.name === sep) {
      groups.push(cur);
      cur = [];
    } else cur.push(c);
  }
  if (cur.length > 0) groups.push(cur);
  return groups;
}

export function hasChild(n: CNode, name: string): boolean {
  return n.children.some((c) => c.name === name);
}

/** Children without the bracket tokens at each end. */
export function inner(n: CNode): CNode[] {
  const cs = n.children;
  let a = 0;
  let b = cs.length;
  if (a < b && "([{".includes(cs[a]!.name)) a++;
  if (b > a && ")]}".includes(cs[b - 1]!.name)) b--;
  return cs.slice(a, b);
}
