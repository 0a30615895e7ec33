// The messages of CPython 3.11's `invalid_*` grammar rules for common mistakes, found from
// where Lezer's parse failed: a missing comma, `=` for `==`, an `if` expression without
// `else`, a dictionary key without its value.
import type { Diagnostic } from "./ast.js";
import type { CNode, Source } from "./cst.js";
import { CHAIN } from "./chains.js";
import { startsExpression } from "./errors.js";
import { lambdaHasColon, softKeywordLike } from "./parse_errors.js";

const BRACKETS = new Set(["(", "[", "{"]);
const PUNCTUATION = new Set(["(", "[", "{", ")", "]", "}", ",", ":", "AssignOp"]);

/** A CPython message for a plain "invalid syntax" at `path`'s last node, if a rule explains it. */
export function hintFor(path: CNode[], src: Source): Diagnostic | null {
  const error = path[path.length - 1]!;
  const parent = path[path.length - 2]!;
  const at = skipSpaces(src.text, error.from);
  const index = parent.children.indexOf(error);
  const prev = parent.children[index - 1];

  // (not before a `:`: CPython's rule looks for neither `else` nor `:` next)
  const colon = src.text[at] === ":" && src.text[at + 1] !== "=";
  if (parent.name === "ConditionalExpression" && index === parent.children.length - 1 && prev?.name !== "else" && !colon) {
    return src.diagnostic(parent.from, "expected 'else' after 'if' expression");
  }
  if (parent.name === "DictionaryExpression" && prev) {
    const before = parent.children[index - 2];
    if (prev.name === ":" && /^[}\n,]/.test(src.text[at] ?? "")) {
      return src.diagnostic(prev.from, "expression expected after dictionary key and ':'");
    }
    if (!PUNCTUATION.has(prev.name) && (before?.name === "," || before?.name === "{") && /^[,}]/.test(src.text[at] ?? "")) {
      return src.diagnostic(prev.from, "':' expected after dictionary key");
    }
  }
  const assignment = mistypedComparison(path, at, src);
  if (assignment) return assignment;
  return forgottenComma(path, at, src);
}

function skipSpaces(text: string, i: number): number {
  while (text[i] === " " || text[i] === "\t") i++;
  return i;
}

/** `if x = 1:`: CPython's invalid_named_expression. */
function mistypedComparison(path: CNode[], at: number, src: Source): Diagnostic | null {
  if (src.text[at] !== "=" || src.text[at + 1] === "=") return null;
  const parent = path[path.length - 2]!;
  if (parent.name !== "IfStatement" && parent.name !== "WhileStatement") return null;
  const index = parent.children.indexOf(path[path.length - 1]!);
  const target = parent.children[index - 1];
  if (!target || target.to > at) return null;
  // `if x = y = 1:` is no mistyped comparison
  const lineEnd = src.text.indexOf("\n", at);
  if (/[^=!<>:]=(?!=)/.test(src.text.slice(at + 1, lineEnd < 0 ? undefined : lineEnd))) return null;
  if (target.name === "VariableName") {
    return src.diagnostic(target.from, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
  }
  const what = describeNode(target, src);
  return what ? src.diagnostic(target.from, `cannot assign to ${what} here. Maybe you meant '==' instead of '='?`) : null;
}

function describeNode(n: CNode, src: Source): string | null {
  switch (n.name) {
    case "CallExpression": return "function call";
    case "MemberExpression": return n.children[1]?.name === "." ? "attribute" : "subscript";
    case "Number": case "String": case "FormatString": return "literal";
    case CHAIN: return null; // `and`/`or` or a comparison (chains.ts)
    case "BinaryExpression": return /^(and|or|not|in|is|[<>=!]=?)/.test(src.slice(n.children[1]!)) ? null : "expression";
    case "UnaryExpression": return src.slice(n.children[0]!) === "not" ? null : "expression";
    default: return null;
  }
}

/** `[1, 2 3]`: two expressions side by side inside brackets (CPython's invalid_expression). */
function forgottenComma(path: CNode[], at: number, src: Source): Diagnostic | null {
  if (!startsExpression(src.text, at)) return null;
  if (/^lambda\b/.test(src.text.slice(at, at + 7)) && !lambdaHasColon(src, at)) return null;
  let container: CNode | undefined;
  for (let i = path.length - 2; i >= 0; i--) {
    const first = path[i]!.children[0];
    if (path[i]!.name === "ParamList") return null;
    if (first && BRACKETS.has(first.name)) {
      container = path[i];
      break;
    }
  }
  // in a comprehension the clauses follow each other without commas
  if (!container || container.children.some((c) => c.name === "for")) return null;
  let element: CNode | undefined;
  for (const c of container.children) {
    if (c.from >= at) break;
    if (!PUNCTUATION.has(c.name) && !c.isError) element = c;
    else if (PUNCTUATION.has(c.name)) element = undefined;
  }
  if (!element) return null;
  // a name before a string is no missing comma to CPython (`f(a "x")`)
  if (element.name === "VariableName" && /^[A-Za-z]*["']/.test(src.text.slice(at, at + 4))) return null;
  if (!/^(VariableName|Number|String|FormatString|ContinuedString|Boolean|None|Ellipsis|.*Expression)$/.test(element.name)) return null;
  if (element.name === "LambdaExpression" || element.name === "YieldExpression") return null;
  // CPython's rule does not start at a name its soft-keyword lookahead takes (`c(x) y`, `m y`)
  const firstName = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.text.slice(element.from, element.from + 8))?.[0];
  if (firstName !== undefined && softKeywordLike(firstName)) return null;
  return src.diagnostic(element.from, "invalid syntax. Perhaps you forgot a comma?");
}
