// Where and how CPython's parser reports some syntax errors, for errors.ts: Lezer recovers from
// an error at a different token than the one CPython's PEG parser stops at, so these follow
// CPython 3.11's rules (Grammar/python.gram `invalid_*` rules, Parser/pegen_errors.c) on the
// raw tokens instead of on Lezer's recovered tree.
import { type Diagnostic, DiagnosticError } from "./ast.js";
import { type CNode, Source } from "./cst.js";
import { firstErrorPath } from "./errors.js";
import { parseRepaired, subParse } from "./repair.js";
import { type ScanToken, scanTokens } from "./scan.js";
import { withItems } from "./statements.js";

const KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
  "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
  "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]);
/**
 * CPython 3.11's SOFT_KEYWORD lookahead compares a name with each soft keyword over the name's
 * own length (strncmp), so any prefix of one counts too: `c`, `ma`, `matc`.
 */
const SOFT_KEYWORDS = ["match", "case", "_"];
export const softKeywordLike = (name: string): boolean => SOFT_KEYWORDS.some((keyword) => keyword.startsWith(name));

/**
 * The line CPython gives the tokens after the last line (NEWLINE/DEDENT/ENDMARKER at the end of
 * the file): the last line of the text, not counting the empty string after a final newline.
 */
function endOfFileOffset(src: Source): number {
  const text = src.text;
  if (!text.endsWith("\n")) return text.length;
  return text.lastIndexOf("\n", text.length - 2) + 1;
}

/** The first token (not a newline) at or after `from`. */
function tokenAt(src: Source, from: number): ScanToken | null {
  for (const t of scanTokens(src.text, from, src.text.length)) if (t.kind !== "newline") return t;
  return null;
}

/**
 * `try:` with a body but no `except` or `finally` clause (invalid_try_stmt): CPython blames the
 * first token after the body, or the end of the file. Only a try statement that ends before
 * `limit` (where Lezer's first error is) counts, since CPython stops at the earlier error.
 */
export function missingHandler(root: CNode, src: Source, limit: number): Diagnostic | null {
  const visit = (n: CNode): CNode | null => {
    for (const c of n.children) {
      if (c.from >= limit) return null;
      if (c.name === "TryStatement" && !c.children.some((k) => k.name === "except" || k.name === "finally" || k.isError)) {
        return c.to <= limit ? c : null;
      }
      const inner = visit(c);
      if (inner) return inner;
    }
    return null;
  };
  const stmt = visit(root);
  if (!stmt) return null;
  // the first token after the try body (an `else:` clause is not a handler)
  const body = stmt.children.find((c) => c.name === "Body");
  // a decorator still waiting for its definition fails inside the body, at the DEDENT
  const inBody = body?.children.filter((c) => !c.isError && c.name !== ":" && c.name !== "Comment") ?? [];
  if (inBody.length > 0 && isDanglingDecorator(inBody[inBody.length - 1]!)) return null;
  const next = tokenAt(src, (body ?? stmt).to);
  // at the end of the file CPython blames the end of the last line (blanks and comments included)
  const lastLineEnd = src.text.endsWith("\n") ? src.text.length - 1 : src.text.length;
  return src.diagnostic(next ? next.from : lastLineEnd, "expected 'except' or 'finally' block");
}

/**
 * A statement left incomplete at the end of the file, outside brackets and line continuations
 * (the tokenizer reports those). CPython's parser then stops at the NEWLINE after the last token
 * ("invalid syntax" there), or, when the last line is complete but a decorator still waits
 * for its definition, at the end-of-file tokens: a DEDENT ("unexpected unindent") inside a
 * block, or the ENDMARKER.
 */
export function incompleteAtEnd(root: CNode, src: Source): Diagnostic {
  let last: ScanToken | null = null;
  for (const t of scanTokens(src.text, 0, src.text.length)) if (t.kind !== "newline") last = t;
  const lastStmt = lastStatement(root);
  if (lastStmt && isDanglingDecorator(lastStmt.node)) {
    return src.diagnostic(endOfFileOffset(src), lastStmt.depth > 0 ? "unexpected unindent" : "invalid syntax");
  }
  return src.diagnostic(last ? newlineAfter(src.text, last.to) : 0, "invalid syntax");
}

/** Where the NEWLINE token after offset `at` is: backslash continuations move it to a later line. */
function newlineAfter(text: string, at: number): number {
  let i = at;
  let continued = false;
  for (;;) {
    while (text[i] === " " || text[i] === "\t" || text[i] === "\f") i++;
    if (text[i] !== "\\" || text[i + 1] !== "\n") return continued ? i : at;
    i += 2;
    continued = true;
  }
}

function isDanglingDecorator(n: CNode): boolean {
  if (n.name === "Decorator") return true;
  return n.name === "DecoratedStatement" && !n.children.some((c) => c.name === "FunctionDefinition" || c.name === "ClassDefinition");
}

/** The last statement of the tree, with how many blocks deep it sits. */
function lastStatement(root: CNode): { node: CNode; depth: number } | null {
  let list = root;
  let depth = 0;
  for (;;) {
    const stmts = list.children.filter((c) => !c.isError && c.name !== "Comment");
    const last = stmts[stmts.length - 1];
    if (!last) return null;
    const body = [...last.children].reverse().find((c) => c.name === "Body");
    if (!body || isDanglingDecorator(last)) return { node: last, depth };
    const inner = body.children.filter((c) => !c.isError && c.name !== ":" && c.name !== "Comment");
    if (inner.length === 0) return { node: last, depth };
    list = body;
    depth++;
  }
}

/** Tokens of the whole text, with newlines, computed once per Source. */
const tokenCache = new WeakMap<Source, ScanToken[]>();
function allTokens(src: Source): ScanToken[] {
  let list = tokenCache.get(src);
  if (!list) {
    list = [...scanTokens(src.text, 0, src.text.length)];
    tokenCache.set(src, list);
  }
  return list;
}

function tokens(src: Source): ScanToken[] {
  return allTokens(src).filter((t) => t.kind !== "newline");
}

/**
 * Where the token after `offset` starts, as CPython's parser sees tokens: a line end outside
 * brackets is a NEWLINE token; at the end of the text, the end-of-file position. CPython blames
 * errors found while building a node (string literal escapes) on the token after it.
 */
export function nextTokenOffset(src: Source, offset: number): number {
  for (const t of allTokens(src)) {
    if (t.from < offset) continue;
    if (t.kind !== "newline" || t.depth === 0) return t.from;
  }
  return endOfFileOffset(src);
}

function isName(src: Source, t: ScanToken): boolean {
  return t.kind === "word" && !/^[0-9]/.test(src.text[t.from]!) && !KEYWORDS.has(src.text.slice(t.from, t.to));
}

/** A token that can end an operand: a name, number, string, literal keyword or closing bracket. */
function endsOperand(src: Source, t: ScanToken): boolean {
  if (t.kind === "string") return true;
  if (t.kind === "word") return !KEYWORDS.has(src.text.slice(t.from, t.to)) || /^(True|False|None)$/.test(src.text.slice(t.from, t.to));
  return /^[)\]}]$/.test(src.text[t.from]!);
}

/** A token that starts an expression and cannot continue the one before it. */
function startsOperand(src: Source, t: ScanToken): boolean {
  if (t.kind === "string") return true;
  if (t.kind === "word") {
    const w = src.text.slice(t.from, t.to);
    return !KEYWORDS.has(w) || /^(True|False|None|not|lambda|await)$/.test(w);
  }
  return src.text[t.from] === "{" || src.text[t.from] === "~";
}

/** Punctuation that ends an expression going backwards: separators and the enclosing bracket. */
function separates(src: Source, list: ScanToken[], i: number): boolean {
  const t = list[i]!;
  const c = src.text[t.from]!;
  if (t.kind === "word") return /^(if|else|lambda|for|async|yield|from|return|in|import|as|del|assert|raise|with|while|elif|global|nonlocal)$/.test(src.text.slice(t.from, t.to)) && !isComparisonIn(src, list, i);
  if (t.kind !== "punct") return false;
  if (c === "," || c === ";" || c === ":") return true;
  if (c === "=") {
    // `=` ends an expression unless it is part of ==, <=, >=, !=
    const prev = list[i - 1];
    const next = list[i + 1];
    const glued = (u: ScanToken | undefined, at: number) => u && u.kind === "punct" && (u.to === at || u.from === at);
    if (glued(prev, t.from) && /[=<>!]/.test(src.text[prev!.from]!)) return false;
    if (glued(next, t.to) && src.text[next!.from] === "=") return false;
    return true;
  }
  return false;
}

/** `in` after an operand inside an expression is the comparison, not a for clause's `in`. */
function isComparisonIn(src: Source, list: ScanToken[], i: number): boolean {
  if (src.text.slice(list[i]!.from, list[i]!.to) !== "in") return false;
  // a `for` at the same depth between the enclosing bracket and here makes it the clause's `in`
  const depth = list[i]!.depth;
  for (let k = i - 1; k >= 0; k--) {
    const t = list[k]!;
    if (t.depth < depth) return true;
    if (t.depth === depth && t.kind === "word" && src.text.slice(t.from, t.to) === "for") return false;
  }
  return true;
}

/** Whether the lambda at `at` has its `:` before its bracket closes (else it is no expression). */
export function lambdaHasColon(src: Source, at: number): boolean {
  const list = tokens(src);
  const j = list.findIndex((t) => t.from >= at);
  if (j < 0) return false;
  const depth = list[j]!.depth;
  for (let k = j + 1; k < list.length; k++) {
    const t = list[k]!;
    if (t.depth < depth) return false;
    if (t.depth === depth && t.kind === "punct" && src.text[t.from] === ":") return true;
  }
  return false;
}

/**
 * `invalid_expression`: inside brackets, an expression directly followed by another one is
 * "invalid syntax. Perhaps you forgot a comma?", blamed on the first one's start. Not when the
 * first is a name followed by a string (`f"..."`-like prefixes), starts with a soft keyword,
 * or is `print`/`exec` (the Python 2 statement rule takes over).
 */
export function forgotComma(src: Source, errorAt: number): Diagnostic | null {
  const list = tokens(src);
  const j = list.findIndex((t) => t.from >= errorAt);
  if (j <= 0) return null;
  const b = list[j]!;
  const before = list[j - 1]!;
  if (b.depth === 0 || before.depth !== b.depth || !endsOperand(src, before) || !startsOperand(src, b)) return null;
  // the second must parse as an expression: a lambda needs its `:` (`lambda f'{c}'` is none)
  if (b.kind === "word" && src.text.slice(b.from, b.to) === "lambda" && !lambdaHasColon(src, b.from)) return null;
  // walk back over the first expression (the disjunction that ends just before b)
  let i = j - 1;
  while (i > 0) {
    const t = list[i - 1]!;
    if (t.depth < b.depth) break; // the enclosing bracket
    if (t.depth === b.depth && separates(src, list, i - 1)) break;
    i--;
  }
  // where a comprehension's iterable or condition, or a for target, is parsed, CPython expects
  // a disjunction (or targets), not an expression: no comma hint there
  const stop = i > 0 ? list[i - 1]! : null;
  if (stop && stop.depth === b.depth && stop.kind === "word" && /^(in|if|for)$/.test(src.text.slice(stop.from, stop.to))) return null;
  const a = list[i]!;
  const aText = src.text.slice(a.from, a.to);
  if (a.kind === "word" && softKeywordLike(aText)) return null;
  if (isName(src, a) && list[i + 1]?.kind === "string" && i + 1 <= j) return null;
  if ((aText === "print" || aText === "exec") && i === j - 1) return null;
  const unclosed = unclosedReadToEnd(src, list, j);
  if (unclosed) return unclosed;
  // `at`: where the parser had read to (past b), which decides whether a bracket left open on
  // an earlier line is blamed instead (parse.ts)
  return { ...src.diagnostic(a.from, "invalid syntax. Perhaps you forgot a comma?"), at: src.position(b.to) } as Diagnostic;
}

const CLOSER: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/**
 * CPython parses the second expression of `invalid_expression` as far as it goes, and then looks
 * at the next token: when the expression runs to the end of a file whose brackets are not all
 * closed, that look asks for a token past the end, and the tokenizer's "'(' was never closed"
 * (for the innermost open bracket) wins.
 */
function unclosedReadToEnd(src: Source, list: ScanToken[], j: number): Diagnostic | null {
  const depth = list[j]!.depth;
  const open: ScanToken[] = [];
  for (let k = 0; k < list.length; k++) {
    const t = list[k]!;
    if (k >= j && t.depth < depth) return null;
    if (t.kind !== "punct") continue;
    const c = src.text[t.from]!;
    if (c in CLOSER) open.push(t);
    else if (c === ")" || c === "]" || c === "}") open.pop();
  }
  const innermost = open[open.length - 1];
  if (!innermost) return null;
  const closers = open.filter((t) => t.from >= list[j]!.from).map((t) => CLOSER[src.text[t.from]!]).reverse().join("");
  const probe = new Source("(" + src.text.slice(list[j]!.from).replace(/\f/g, " ") + closers + ")");
  if (firstErrorPath(parseRepaired(probe.text).root, probe)) return null;
  return src.diagnostic(innermost.from, `'${src.text[innermost.from]}' was never closed`);
}

/**
 * A syntax error inside a region repair.ts hid from Lezer (a decorator, a for-iterable, a match
 * subject, with-items) that lies before `limit`, Lezer's first error: CPython, reading left to
 * right, stops there first. The regions are otherwise parsed only during conversion.
 */
export function regionError(src: Source, limit: number): Diagnostic | null {
  const at = src.position(limit);
  for (const [from, to] of [...src.regions].sort((a, b) => a[0] - b[0])) {
    if (from >= limit) break;
    try {
      if (/\bwith\s*$/.test(src.text.slice(Math.max(0, from - 12), from))) withItems(from, to, src);
      else subParse(src, from, to);
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      const d = e.diagnostics[0]!;
      if (d.line < at.line || (d.line === at.line && d.col < at.col)) return d;
    }
  }
  return null;
}

/**
 * CPython's invalid_match_stmt: a logical line `match <subject>` ending without its `:` is
 * "expected ':'" in the second parse pass, which runs after any parse error and tries it on
 * every statement up to the error, even a valid one (`match(x)` is a call): the first such line
 * wins over the first pass's error `d`, located where the first pass stopped (on the error's
 * own line, at its NEWLINE). Null if no such line comes first; `offset`: the line's start.
 */
export function missingMatchColon(src: Source, d: Diagnostic): { diagnostic: Diagnostic; offset: number } | null {
  const afterLine = d.message === "unexpected indent";
  const limit = afterLine ? src.offsetOf(d.line, 0) : src.offsetOf(d.line, d.col);
  const list = allTokens(src);
  // logical lines: tokens [start, end), `end` being the NEWLINE
  for (let i = 0, start = 0; i < list.length; i++) {
    const t = list[i]!;
    if (t.kind !== "newline" || t.depth !== 0) continue;
    const end = i;
    const from = start;
    start = i + 1;
    if (end <= from + 1) continue;
    const first = list[from]!;
    if (first.from > limit || (afterLine && t.from >= limit)) break;
    if (first.kind !== "word" || src.text.slice(first.from, first.to) !== "match") continue;
    const last = list[end - 1]!;
    if (src.text.slice(last.from, last.to) === ":") continue;
    // a lone starred expression is no subject (`match *a`)
    const starred = list[from + 1]!.kind === "punct" && src.text[list[from + 1]!.from] === "*";
    if (starred && !list.slice(from + 1, end).some((k) => k.depth === 0 && src.text[k.from] === ",")) continue;
    try {
      subParse(src, list[from + 1]!.from, last.to);
    } catch (e) {
      if (e instanceof DiagnosticError) continue;
      throw e;
    }
    if (afterLine || t.from < limit) return { diagnostic: { ...d, kind: "SyntaxError", message: "expected ':'" }, offset: first.from };
    // the NEWLINE token starts at a comment, if any
    let at = last.to;
    while (src.text[at] === " " || src.text[at] === "\t" || src.text[at] === "\f") at++;
    return { diagnostic: src.diagnostic(at, "expected ':'"), offset: first.from };
  }
  return null;
}
