// What CPython says about a right-nested chain too deep for Lezer's parse stack (parse.ts
// refuses those as unsupported): past its own limits CPython refuses it too, and pyts then
// says the same. Measured with python3 3.11 on a file run as a script, at the top level (in a
// block the limits are a few levels lower, so a count past these is refused there as well):
// - conditional expressions `a if c else b if ...`: RecursionError from 2,999 `if`s (the
//   compiler's 3,000 levels), MemoryError from 5,968 (the parser's 6,000 levels of rules);
// - unary operators (`-`, `+`, `~`, `not`) in a row: the same, counted per operator;
// - `**` chains: MemoryError from 2,984 operators (two parser levels each);
// - `lambda: lambda: ...`: MemoryError from 2,984 lambdas (two parser levels each).
// Below the parser's limits, such a chain parses and CPython's compiler counts its depth
// (depth.ts); a chain past the parser's limit is refused by the parser first.
import type { Diagnostic } from "./ast.js";
import type { Source } from "./cst.js";
import { type ScanToken, scanTokens } from "./scan.js";

const RECURSION = "maximum recursion depth exceeded during compilation";

/** CPython's own error for the deepest chain on the logical line holding `offset`, if it refuses it. */
export function cpythonChainLimit(src: Source, offset: number): Diagnostic | null {
  const text = src.text;
  // the logical line: from the line start to the first newline outside brackets
  const from = text.lastIndexOf("\n", offset - 1) + 1;
  let ifs = 0;
  let unary = 0;
  let pow = 0;
  let lambdas = 0;
  let best = { ifs: 0, unary: 0, pow: 0, lambdas: 0 };
  let prev: ScanToken | null = null;
  const keep = (): void => {
    best = { ifs: Math.max(best.ifs, ifs), unary: Math.max(best.unary, unary), pow: Math.max(best.pow, pow), lambdas: Math.max(best.lambdas, lambdas) };
  };
  for (const t of scanTokens(text, from, text.length)) {
    if (t.kind === "newline") {
      if (t.depth === 0) break;
      continue;
    }
    const word = t.kind === "word" ? text.slice(t.from, t.to) : "";
    const c = t.kind === "punct" ? text[t.from]! : "";
    // a chain ends at a separator outside brackets: `,` `;` `=` (not `==` and the like)
    if (t.depth === 0 && (c === "," || c === ";" || (c === "=" && !/[=<>!]/.test(text[t.from - 1] ?? "") && text[t.from + 1] !== "="))) {
      keep();
      ifs = unary = pow = lambdas = 0;
    }
    if (t.depth === 0 && word === "if") ifs++;
    if (word === "lambda") lambdas++;
    // a prefix operator follows an operator, an opening bracket or nothing, never an operand
    const afterOperand = prev !== null && (prev.kind === "string" || (prev.kind === "word" && !/^(not|and|or|if|else|in|is|lambda|return|yield|await)$/.test(text.slice(prev.from, prev.to))) ||
      /[)\]}]/.test(text[prev.from]!));
    if ((c === "-" || c === "+" || c === "~" || word === "not") && !afterOperand && text[t.from + 1] !== "=") unary++;
    else if (t.kind === "word" && word !== "not") {
      keep();
      unary = 0;
    }
    if (c === "*" && text[t.from + 1] === "*" && prev && text.slice(prev.from, prev.to) !== "*") pow++;
    prev = t;
  }
  keep();
  const at = src.position(from);
  const error = (kind: Diagnostic["kind"], message: string): Diagnostic => ({ kind, message, line: at.line, col: 0 });
  if (best.ifs >= 5968 || best.unary >= 5968 || best.pow >= 2984 || best.lambdas >= 2984) return error("MemoryError", "");
  if (best.ifs >= 2999 || best.unary >= 2999) return error("RecursionError", RECURSION);
  return null;
}
