// CPython 3.11's `invalid_legacy_expression` ("Missing parentheses in call to 'print'. Did you
// mean print(...)?"). Its second parse pass, run after any parser error, tries the rule wherever
// the grammar parses an `expression`: at a statement's start, after `=`, `(`, `,`, `return`...,
// never inside an operand (`x + print [1]`, `not print x`, a comprehension's `in`). There the
// name `print` or `exec`, not followed by `(` but by an expression, is blamed, even in a statement
// that is valid Python 3 (`print [1]`, `print -1`), if it comes before the parser's error.
import type { Diagnostic } from "./ast.js";
import { startsExpression } from "./errors.js";
import { type ScanToken, scanTokens } from "./scan.js";

export interface LegacyCall {
  name: string;
  from: number;
  /** Where the expression after the name starts. */
  argument: number;
}

/** Words after which the grammar parses an `expression` (or star_expressions). */
const EXPRESSION_AFTER = new Set(["return", "yield", "assert", "raise", "with", "while", "elif", "else", "except"]);

/** Messages of errors CPython raises in its first parse pass (while building literals): no second pass. */
const FIRST_PASS = /^(f-string|cannot mix bytes and nonbytes literals|\(unicode error\)|\(value error\)|bytes can only contain ASCII)/;

/** The first legacy call whose argument starts before `limit` (a source offset), if any. */
export function firstLegacyCall(text: string, limit: number): LegacyCall | null {
  for (const call of legacyCalls(text, limit)) return call;
  return null;
}

/** Whether the name at `from` sits where CPython's grammar would try it as a legacy call. */
export function isLegacyCallAt(text: string, from: number): boolean {
  for (const call of legacyCalls(text, Infinity)) {
    if (call.from >= from) return call.from === from;
  }
  return false;
}

/** The legacy calls whose argument starts before `limit`, in source order. */
function* legacyCalls(text: string, limit: number): Generator<LegacyCall> {
  const list: ScanToken[] = [];
  let lineStart = 0; // index in `list` of the current logical line's first token
  for (const t of scanTokens(text, 0, text.length)) {
    if (t.from >= limit) break;
    if (t.kind === "newline") {
      if (t.depth === 0) lineStart = list.length;
      continue;
    }
    list.push(t);
    const k = list.length - 2; // the candidate name is the token before this one
    if (k < 0) continue;
    const name = text.slice(list[k]!.from, list[k]!.to);
    if ((name !== "print" && name !== "exec") || text[t.from] === "(") continue;
    // `print not in x` is a comparison: `not` starts no expression there
    if (!startsExpression(text, list[k]!.to) || /^not[ \t\\\n]+in\b/.test(text.slice(t.from, t.from + 12))) continue;
    if (atExpressionStart(text, list, k, lineStart)) yield { name, from: list[k]!.from, argument: t.from };
  }
}

/** Whether the token list[k] starts an `expression` to CPython's grammar. */
function atExpressionStart(text: string, list: ScanToken[], k: number, lineStart: number): boolean {
  if (k === lineStart) return true;
  const prev = list[k - 1]!;
  const p = text.slice(prev.from, prev.to);
  if (prev.kind === "punct") {
    if ("([{,;:".includes(p)) return true;
    if (p === ">") return text[prev.from - 1] === "-"; // `->`
    if (p !== "=") return false;
    // `=`, augmented assignments, `:=`; not the comparisons `==`, `<=`, `>=`, `!=`
    const before = text[prev.from - 1];
    if (before === "=" || before === "!") return false;
    if (before === "<" || before === ">") return text[prev.from - 2] === before; // `<<=`, `>>=`
    return true;
  }
  if (prev.kind !== "word") return false;
  if (EXPRESSION_AFTER.has(p)) return true;
  // a statement's `if` (not a conditional expression's), a for statement's `in`
  const first = text.slice(list[lineStart]!.from, list[lineStart]!.to);
  if (p === "if") return k - 1 === lineStart;
  if (p === "in" && prev.depth === 0) {
    const forAt = first === "async" ? lineStart + 1 : lineStart;
    return text.slice(list[forAt]!.from, list[forAt]!.to) === "for";
  }
  return false;
}

/** Whether CPython raises this error in its first parse pass, so that no second pass runs. */
export function isFirstPassError(message: string): boolean {
  return FIRST_PASS.test(message);
}

/** The legacy-call error CPython reports instead of `d` (a parser error at or after `limit`), if any. */
export function legacyCallBefore(text: string, d: Diagnostic, limit: number): LegacyCall | null {
  if (d.kind !== "SyntaxError" && d.kind !== "IndentationError") return null;
  if (FIRST_PASS.test(d.message)) return null;
  return firstLegacyCall(text, limit);
}

export function legacyCallMessage(name: string): string {
  return `Missing parentheses in call to '${name}'. Did you mean ${name}(...)?`;
}
