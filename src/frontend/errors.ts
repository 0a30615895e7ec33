// Finds the first syntax error in Lezer's error-tolerant tree and words it like CPython.
import type { Diagnostic } from "./ast.js";
import type { CNode, Source } from "./cst.js";
import { hintFor } from "./error_hints.js";
import { isLegacyCallAt } from "./legacy_print.js";
import { scanTokens } from "./scan.js";
import { forgotComma, incompleteAtEnd, missingHandler, regionError } from "./parse_errors.js";

/** Error nodes that stand for valid Python which this Lezer grammar does not model. */
function isTolerated(n: CNode, parent: CNode, index: number, src: Source): boolean {
  const prev = parent.children[index - 1];
  // bare `yield` (the grammar requires a value)
  if (n.from === n.to && prev?.name === "yield" && n.children.length === 0) return true;
  // `5.`: the grammar's Number needs a digit after the point; convertMember turns it into a float
  if (n.from === n.to && prev?.name === "." && isTrailingDotNumber(parent, src)) return true;
  // empty `{}` / `[]` patterns (the grammar wants at least one element)
  if (isEmptyPatternError(n, parent, src)) return true;
  // `*rest` in a comprehension's targets (`for n, *_ in rows`)
  if (isStarredComprehensionTarget(n, parent, index)) return true;
  // `/` in a lambda's parameters
  // `*args: *Ts` (PEP 646; params.ts checks it annotates `*args`)
  if (parent.name === "TypeDef" && prev?.name === ":" && n.children.length === 1 && n.children[0]!.name === "*" && index < parent.children.length - 1 &&
    /[(,]\s*\*\s*[\p{L}\p{Nl}_][\p{L}\p{N}_]*\s*$/u.test(src.text.slice(Math.max(0, parent.from - 80), parent.from))) return true;
  // a trailing comma in a lambda's parameters (`lambda a,: 0`)
  if (parent.name === "ParamList" && n.from === n.to && index === parent.children.length - 1 && index >= 2 && prev?.name === ",") return true;
  if (parent.name === "ParamList" && src.slice(n).trim() === "/") {
    // it ends the positional-only parameters: a `,` or the end of the list follows
    const next = parent.children[index + 1];
    return !next || next.name === ",";
  }
  return false;
}

/** An error node holding only the `*` of a starred target between a comprehension's `for` and `in`. */
export function isStarredComprehensionTarget(n: CNode, parent: CNode, index: number): boolean {
  if (!n.isError || n.children.length !== 1 || n.children[0]!.name !== "*") return false;
  for (let i = index - 1; i >= 0; i--) {
    const name = parent.children[i]!.name;
    if (name === "for") return parent.children.slice(index + 1).some((c) => c.name === "in");
    if (name === "in" || name === "if" || name === "]" || name === "(" || name === "{" || name === "[") return false;
  }
  return false;
}

/** A MemberExpression `<digits>.` with nothing after the dot: a float literal like `5.`. */
export function isTrailingDotNumber(n: CNode, src: Source): boolean {
  const [num, dot] = n.children;
  return n.name === "MemberExpression" && num?.name === "Number" && dot?.name === "." &&
    num.to === dot.from && /^[0-9_]+$/.test(src.slice(num)) && (n.children.length === 2 || n.children[2]!.isError);
}

export function isEmptyPatternError(n: CNode, parent: CNode, src: Source): boolean {
  if (parent.name === "MappingPattern") return n.children.length === 1 && n.children[0]!.name === "}";
  if (parent.name === "PatternArgList" || parent.name === "SequencePattern") {
    return n.children.length === 1 && (n.children[0]!.name === ")" || n.children[0]!.name === "]");
  }
  // the empty element Lezer sees in `[]` / `()` (not a missing pattern after `case`)
  if (parent.name === "LiteralPattern") return n.from === n.to && parent.from === parent.to && /[[(]\s*$/.test(src.text.slice(Math.max(0, n.from - 20), n.from));
  return false;
}

/** The first error node Lezer's grammar does not explain away, with its ancestors (root first). */
export function firstErrorPath(n: CNode, src: Source): CNode[] | null {
  for (const path of errorPaths(n, src)) return path;
  return null;
}

/** Every error node Lezer's grammar does not explain away, in source order, with its ancestors. */
export function* errorPaths(root: CNode, src: Source): Generator<CNode[]> {
  // an explicit stack of [node, next child index]: no allocation per node of an error-free tree
  const nodes: CNode[] = [root];
  const next: number[] = [0];
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const n = nodes[top]!;
    const i = next[top]!;
    if (i >= n.children.length) {
      nodes.pop();
      next.pop();
      continue;
    }
    next[top] = i + 1;
    const c = n.children[i]!;
    if (c.isError && !isTolerated(c, n, i, src)) yield [...nodes, c];
    else if (c.children.length > 0) {
      nodes.push(c);
      next.push(0);
    }
  }
}

/** Every node of a tree, parents before children, in source order. */
function* preorder(root: CNode): Generator<CNode> {
  const stack = [root];
  for (let n = stack.pop(); n; n = stack.pop()) {
    yield n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
}

function firstError(n: CNode, src: Source): { node: CNode; parent: CNode; field: CNode | undefined; path: CNode[] } | null {
  const path = firstErrorPath(n, src);
  if (!path) return null;
  let field: CNode | undefined;
  for (const a of path) if (a.name === "FormatReplacement") field = a; // the innermost field
  const node = path[path.length - 1]!;
  // Lezer met the NEWLINE after a run of blank lines it saw as a comment; CPython meets it
  // where the statement's line ends
  const runs = src.hiddenBlankRuns;
  const parent = path[path.length - 2]!;
  // (after a block's `:` the next token is the INDENT or DEDENT of the next code line)
  const afterHeader = parent.name === "Body" && parent.children[parent.children.indexOf(node) - 1]?.name === ":";
  for (let k = 0; k < runs.length && !afterHeader; k += 2) {
    if (node.from > runs[k]! && node.from <= runs[k + 1]!) {
      if (node.to <= runs[k + 1]!) node.to = runs[k]!;
      node.from = runs[k]!;
      break;
    }
  }
  // a bare `yield` ending its line: Lezer's error covers the NEWLINE and takes the next line as
  // the value; CPython's parser stops at the token after that NEWLINE (an INDENT, say)
  const before = parent.children[parent.children.indexOf(node) - 1];
  if (before?.name === "yield" && node.children.length === 0 && /\n/.test(src.slice(node)) && /^\s*$/.test(src.slice(node))) {
    let k = node.to;
    while (/[ \t\f]/.test(src.text[k] ?? "")) k++;
    node.from = node.to = k;
  }
  return { node, parent, field, path };
}

/**
 * CPython 3.11 parses an f-string field's expression on its own, as `(expr)`: the message gets
 * an "f-string: " prefix and the column is the one in that text (the line is the field's).
 */
function fstringFieldError(field: CNode, at: number, message: string, src: Source): LocatedDiagnostic {
  const open = src.position(field.from);
  const inside = src.position(Math.max(at, field.from + 1)).col - src.position(field.from + 1).col;
  const where = src.position(at);
  return { kind: "SyntaxError", message: `f-string: ${message}`, line: open.line, col: 1 + Math.max(0, inside), at: where };
}

/** A diagnostic whose reported place is not where the parser stopped (`at`, to order errors by). */
export interface LocatedDiagnostic extends Diagnostic {
  at?: { line: number; col: number };
}

/** An unterminated string literal anywhere in the tree (Lezer closes it at the line end). */
function unterminatedString(root: CNode, src: Source, limit: number): Diagnostic | null {
  for (const n of preorder(root)) {
    if (n.name !== "String" && n.name !== "FormatString") continue;
    if (n.from > limit) break;
    const text = src.slice(n);
    const m = /^[A-Za-z]*("""|'''|"|')/.exec(text);
    if (!m) continue;
    const q = m[1]!;
    const body = text.slice(m[0].length);
    let closed = body.length >= q.length && body.endsWith(q);
    if (closed) {
      // the closing quote must not be escaped
      let k = body.length - q.length - 1;
      let slashes = 0;
      while (k >= 0 && body[k] === "\\") { slashes++; k--; }
      if (slashes % 2 === 1) closed = false;
    }
    // adjacent literals of a pattern, joined for Lezer (repair.ts)
    if (!closed && [...scanTokens(src.text, n.from, n.to)].filter((t) => t.kind === "string").length > 1) continue;
    if (!closed) {
      const endLine = src.position(n.to).line;
      const kind = q.length === 3 ? "unterminated triple-quoted string literal" : "unterminated string literal";
      return src.diagnostic(n.from, `${kind} (detected at line ${endLine})`);
    }
  }
  return null;
}

const CLOSER: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/** The innermost, last node opened by a bracket that has no matching closing child. */
function unclosedBracket(root: CNode): CNode | null {
  // post-order with children visited last to first; the first unclosed node found wins
  const stack: [CNode, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [n, expanded] = stack.pop()!;
    if (!expanded) {
      stack.push([n, true]);
      for (const c of n.children) stack.push([c, false]);
      continue;
    }
    // the opening bracket need not come first: `from m import (a,` and `x[1`
    const opener = n.children.find((c) => c.name in CLOSER);
    if (opener && !n.children.some((c) => c.name === CLOSER[opener.name] && c.from > opener.from)) return opener;
  }
  return null;
}

export function syntaxErrorFor(root: CNode, src: Source): LocatedDiagnostic | null {
  const found = firstError(root, src);
  // the tokenizer reports an unterminated string only if the parser gets that far
  const str = unterminatedString(root, src, found ? found.node.from : Infinity);
  if (str) return str;
  const missing = missingHandler(root, src, found ? found.node.from : Infinity);
  if (!found && !missing) return null;
  // an error in a region hidden from Lezer (a for-iterable...) may come first
  const inRegion = regionError(src, found ? found.node.from : src.text.length);
  if (missing && !(inRegion && (inRegion.line < missing.line || (inRegion.line === missing.line && inRegion.col < missing.col)))) {
    return withClass(missing);
  }
  if (inRegion) return inRegion;
  if (!found) return null;
  const { node, parent, field } = found;
  if (field && src.position(node.from).line === src.position(field.from).line) {
    return fstringFieldError(field, node.from, messageFor(node, parent, src), src);
  }
  const atEof = /^\s*$/.test(src.text.slice(node.from));
  if (atEof) {
    const open = unclosedBracket(root);
    if (open) return src.diagnostic(open.from, `'${open.name}' was never closed`);
    // point at the end of the last line with code, where the construct was left incomplete
    const end = src.text.trimEnd().length;
    if (parent.name === "Body") return src.diagnostic(end, "expected an indented block", "IndentationError");
    const hint = hintFor(found.path, src);
    // ordered against tokenizer errors by where the parser stopped, not by where it blames
    if (hint) return { ...hint, at: src.position(node.from) };
    // CPython 3.11's parser fails at the final NEWLINE with a plain "invalid syntax" (its
    // "unexpected EOF while parsing" comes only from the tokenizer), or for a dangling decorator
    // at the end-of-file tokens
    return withClass(incompleteAtEnd(root, src));
  }
  const prev = parent.children[parent.children.indexOf(node) - 1];
  if (parent.name === "YieldStatement" && prev?.name === "yield" && /^=(?!=)/.test(src.text.slice(node.from, node.from + 2))) {
    return src.diagnostic(prev.from, "assignment to yield expression not possible");
  }
  const message = messageFor(node, parent, src);
  if (message === "invalid syntax") {
    const legacy = legacyCall(found.path, src);
    const at = src.position(node.from);
    if (legacy) return { ...src.diagnostic(legacy.from, `Missing parentheses in call to '${legacy.name}'. Did you mean ${legacy.name}(...)?`), at };
    // carries its own `at` (where the parser had read to)
    // parameters are no expressions: CPython has no comma hint there
    const comma = found.path.some((a) => a.name === "ParamList") ? null : forgotComma(src, node.from);
    if (comma) return comma;
    const hint = hintFor(found.path, src);
    if (hint) return { ...hint, at };
    // the parser failed on a DEDENT token: CPython says so
    if (atDedent(src, node.from)) return { ...src.diagnostic(lineStartOf(src.text, node.from), "unexpected unindent", "IndentationError"), at };
  }
  return src.diagnostic(node.from, message);
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** Whether `offset` is the first token of a line indented less than the decorator line before it. */
function atDedent(src: Source, offset: number): boolean {
  if (!src.startsLine(offset)) return false;
  const start = lineStartOf(src.text, offset);
  const indent = offset - start;
  // the previous line with code (blank and comment-only lines do not count)
  for (let end = start - 1; end > 0;) {
    const from = lineStartOf(src.text, end);
    const line = src.text.slice(from, end);
    if (/^[ \t\f]*(#.*)?$/.test(line)) {
      end = from - 1;
      continue;
    }
    // the DEDENT itself fails only where a block cannot end: after a decorator
    return line.length - line.trimStart().length > indent && /^[ \t\f]*@/.test(line) && !/\\$/.test(line);
  }
  return false;
}

const STATEMENT_LISTS = new Set(["Script", "Body", "StatementGroup"]);

/** Words that cannot start an expression (so `print if` is not a Python 2 print statement). */
const NON_EXPRESSION_WORDS = new Set([
  "and", "as", "assert", "async", "break", "class", "continue", "def", "del", "elif", "else", "except",
  "finally", "for", "from", "global", "if", "import", "in", "is", "nonlocal", "or", "pass", "raise",
  "return", "try", "while", "with", "yield",
]);

/**
 * CPython's `invalid_legacy_expression`: in a statement that fails to parse, the name `print`
 * or `exec` followed (without `(`) by an expression is blamed as a Python 2 statement.
 */
function legacyCall(path: CNode[], src: Source): { name: string; from: number } | null {
  const error = path[path.length - 1]!;
  const parent = path[path.length - 2]!;
  let stmt: CNode | undefined;
  if (STATEMENT_LISTS.has(parent.name)) {
    // Lezer ends the statement before the error: `print x` is `print`, error, `x`
    stmt = parent.children[parent.children.indexOf(error) - 1];
  } else {
    for (let i = path.length - 2; i >= 0; i--) {
      if (STATEMENT_LISTS.has(path[i]!.name)) {
        stmt = path[i + 1];
        break;
      }
    }
  }
  if (!stmt) return null;
  let found: { name: string; from: number } | null = null;
  const walk = (n: CNode): void => {
    for (const c of n.children) {
      if (found || c.from >= error.from) return;
      if (c.name === "VariableName") {
        const name = src.slice(c);
        if ((name === "print" || name === "exec") && startsExpression(src.text, c.to) && isLegacyCallAt(src.text, c.from)) found = { name, from: c.from };
      } else walk(c);
    }
  };
  walk({ ...stmt, children: [stmt] });
  return found;
}

export function startsExpression(text: string, at: number): boolean {
  let i = at;
  // blanks and backslash continuations separate tokens alike
  for (;;) {
    if (text[i] === " " || text[i] === "\t" || text[i] === "\f") i++;
    else if (text[i] === "\\" && text[i + 1] === "\n") i += 2;
    else break;
  }
  const rest = text.slice(i, i + 20);
  if (/^[\[{~+\-*'"0-9]/.test(rest) || rest.startsWith("...")) return true;
  const word = /^[\p{L}\p{Nl}_][\p{L}\p{N}_]*/u.exec(rest);
  return word !== null && !NON_EXPRESSION_WORDS.has(word[0]);
}

function messageFor(node: CNode, parent: CNode, src: Source): string {
  const idx = parent.children.indexOf(node);
  const prev = parent.children[idx - 1];
  const text = src.slice(node);
  if (node.from >= src.text.length || (node.from === node.to && /^\s*$/.test(src.text.slice(node.from)))) {
    return "invalid syntax";
  }
  // after the colon on the same line only a simple statement may follow: `if x: def f(): ...`
  // is invalid syntax at the `def`, like any other compound statement there
  const lineEnd = src.text.indexOf("\n", node.from);
  const sameLine = /^[ \t]*[^\s#]/.test(src.text.slice(node.from, lineEnd < 0 ? undefined : lineEnd));
  if (parent.name === "Body" && node.from === node.to && prev?.name === ":" && !sameLine) return "expected an indented block";
  if (node.from === node.to || /^\s*$/.test(text)) {
    const before = src.text.slice(0, node.from).trimEnd();
    // a compound statement's header that ends without its colon
    const lineEnd = src.text.indexOf("\n", node.from);
    const restOfLine = src.text.slice(node.from, lineEnd < 0 ? undefined : lineEnd);
    const header = /^[ \t]*(async[ \t]+)?(if|elif|else|while|for|def|class|try|except|finally|with|case)\b[^\n:]*$/;
    if (header.test(before.split("\n").pop() ?? "") && /^\s*(#.*)?$/.test(restOfLine)) return "expected ':'";
  }
  if (parent.name === "DeleteStatement" && node.children.length === 1 && node.children[0]!.name === "*") return "cannot delete starred";
  if (/^[)\]}]/.test(text.trim())) return `unmatched '${text.trim()[0]}'`;
  return "invalid syntax";
}

/**
 * The Python exception class CPython raises for a syntax diagnostic. CPython picks
 * IndentationError and TabError (subclasses of SyntaxError) for a fixed set of messages, so
 * the class follows from the message.
 */
export function syntaxErrorClass(d: Diagnostic): string {
  if (d.kind !== "SyntaxError") return d.kind;
  if (d.message.startsWith("inconsistent use of tabs and spaces in indentation")) return "TabError";
  const indentation = /^(unexpected indent|unexpected unindent|expected an indented block|unindent does not match any outer indentation level|too many levels of indentation)/;
  return indentation.test(d.message) ? "IndentationError" : "SyntaxError";
}

/** The diagnostic with CPython's class for its message (IndentationError for "unexpected unindent"). */
function withClass(d: Diagnostic): Diagnostic {
  return { ...d, kind: syntaxErrorClass(d) } as Diagnostic;
}
