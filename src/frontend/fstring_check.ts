// The checks CPython 3.11 applies to the text of an f-string token (Parser/string_parser.c:
// fstring_find_literal / fstring_find_expr). In 3.11 an f-string is one STRING token; its
// fields are split here, before the expressions are parsed, so these are the errors (and the
// words) CPython gives for braces, quotes, conversions and format specs. Syntax errors inside
// a field's expression are left to the parser.

import { scanNumber } from "./tokenize_numbers.js";

class FStringError extends Error {}

/** Most brackets a field expression may nest (MAXLEVEL in CPython). */
const MAX_NESTED = 200;

interface Cursor {
  pos: number;
}

/** CPython's first complaint about an f-string body (the text between the quotes), or null. */
export function fstringProblem(body: string, raw: boolean): string | null {
  try {
    parseFString(body, { pos: 0 }, raw, 0);
    return null;
  } catch (e) {
    if (e instanceof FStringError) return e.message;
    throw e;
  }
}

function fail(message: string): never {
  throw new FStringError(message);
}

function parseFString(s: string, cur: Cursor, raw: boolean, level: number): void {
  const end = s.length;
  for (;;) {
    if (findLiteral(s, cur, raw, level)) continue; // a doubled brace: keep scanning the literal
    if (cur.pos >= end || s[cur.pos] === "}") break;
    findExpr(s, cur, raw, level);
  }
  if (level === 0 && cur.pos < end - 1) fail("f-string: unexpected end of string");
  if (level !== 0 && s[cur.pos] !== "}") fail("f-string: expecting '}'");
}

/** Scans literal text up to a brace; true when it stopped after a doubled `{{`/`}}`. */
function findLiteral(s: string, cur: Cursor, raw: boolean, level: number): boolean {
  const end = s.length;
  let i = cur.pos;
  while (i < end) {
    let ch = s[i++]!;
    if (!raw && ch === "\\" && i < end) {
      ch = s[i++]!;
      if (ch === "N") {
        // `\N{NAME}`: its braces are not a field
        if (i < end && s[i++] === "{") {
          while (i < end && s[i++] !== "}") { /* skip the name */ }
        }
        continue;
      }
    }
    if (ch === "{" || ch === "}") {
      if (level === 0) {
        if (i < end && s[i] === ch) {
          cur.pos = i + 1;
          return true;
        }
        if (ch === "}") fail("f-string: single '}' is not allowed");
      }
      i--;
      break;
    }
  }
  cur.pos = i;
  return false;
}

function isSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\f" || ch === "\v";
}

/** Scans one `{...}` field starting at its `{`. */
function findExpr(s: string, cur: Cursor, raw: boolean, level: number): void {
  const end = s.length;
  if (level >= 2) fail("f-string: expressions nested too deeply");
  cur.pos++;
  const exprStart = cur.pos;
  let quote = "";
  let stringType = 0;
  const brackets: string[] = [];
  while (cur.pos < end) {
    const ch = s[cur.pos]!;
    if (ch === "\\") fail("f-string expression part cannot include a backslash");
    if (quote) {
      if (ch === quote) {
        if (stringType === 3) {
          if (cur.pos + 2 < end && s[cur.pos + 1] === ch && s[cur.pos + 2] === ch) {
            cur.pos += 3;
            stringType = 0;
            quote = "";
            continue;
          }
        } else {
          cur.pos++;
          stringType = 0;
          quote = "";
          continue;
        }
      }
      cur.pos++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      if (cur.pos + 2 < end && s[cur.pos + 1] === ch && s[cur.pos + 2] === ch) {
        stringType = 3;
        cur.pos += 2;
      } else stringType = 1;
      quote = ch;
    } else if (ch === "[" || ch === "{" || ch === "(") {
      if (brackets.length >= MAX_NESTED) fail("f-string: too many nested parenthesis");
      brackets.push(ch);
    } else if (ch === "#") {
      fail("f-string expression part cannot include '#'");
    } else if (brackets.length === 0 && "!:}=<>".includes(ch)) {
      const next = s[cur.pos + 1];
      if (cur.pos + 1 < end && next === "=" && ch !== ":" && ch !== "}") {
        cur.pos += 2; // `!=`, `==`, `<=`, `>=` are operators, not field syntax
        continue;
      }
      if (ch === ">" || ch === "<") {
        cur.pos++;
        continue;
      }
      break;
    } else if (ch === "]" || ch === "}" || ch === ")") {
      const opening = brackets.pop();
      if (opening === undefined) fail(`f-string: unmatched '${ch}'`);
      if ((opening === "(" && ch !== ")") || (opening === "[" && ch !== "]") || (opening === "{" && ch !== "}")) {
        fail(`f-string: closing parenthesis '${ch}' does not match opening parenthesis '${opening}'`);
      }
    }
    cur.pos++;
  }
  if (quote) fail("f-string: unterminated string");
  if (brackets.length > 0) fail(`f-string: unmatched '${brackets[brackets.length - 1]}'`);
  if (cur.pos >= end) fail("f-string: expecting '}'");
  // CPython compiles the expression right here, before looking at a conversion or spec
  checkExpression(s.slice(exprStart, cur.pos));
  // an expression made only of whitespace
  let k = exprStart;
  while (k < cur.pos && (s[k] === " " || s[k] === "\t" || s[k] === "\n" || s[k] === "\f")) k++;
  if (k === cur.pos) {
    const at = s[cur.pos];
    if (at === "!" || at === ":" || at === "=") fail(`f-string: expression required before '${at}'`);
    fail("f-string: empty expression not allowed");
  }
  if (s[cur.pos] === "=") {
    cur.pos++;
    while (isSpace(s[cur.pos])) cur.pos++;
    if (cur.pos >= end) fail("f-string: expecting '}'");
  }
  if (s[cur.pos] === "!") {
    cur.pos++;
    if (cur.pos >= end) fail("f-string: expecting '}'");
    const conversion = s[cur.pos++];
    if (conversion !== "s" && conversion !== "r" && conversion !== "a") {
      fail("f-string: invalid conversion character: expected 's', 'r', or 'a'");
    }
  }
  if (cur.pos < end && s[cur.pos] === ":") {
    cur.pos++;
    if (cur.pos >= end) fail("f-string: expecting '}'");
    parseFString(s, cur, raw, level + 1);
  }
  if (cur.pos >= end || s[cur.pos] !== "}") fail("f-string: expecting '}'");
  cur.pos++;
}

const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

function isWordChar(ch: string | undefined): boolean {
  return !!ch && /[\p{L}\p{N}_]/u.test(ch);
}

/**
 * The tokenizer's errors inside a field's expression, found when CPython compiles it: a
 * malformed number (`1.e`, `2_`) and, in a nested f-string, that f-string's own problem
 * (reported with one more "f-string: " in front, as CPython's nested parse does).
 */
function checkExpression(expr: string): void {
  for (let i = 0; i < expr.length;) {
    const ch = expr[i]!;
    if (ch === "'" || ch === '"') {
      let p = i - 1;
      while (p >= 0 && /[a-zA-Z]/.test(expr[p]!)) p--;
      const prefix = expr.slice(p + 1, i);
      const triple = expr.startsWith(ch.repeat(3), i);
      const closer = triple ? ch.repeat(3) : ch;
      const close = expr.indexOf(closer, i + closer.length);
      if (close < 0) return; // an unterminated string was reported by the scan
      if (STRING_PREFIX.test(prefix) && /[fF]/.test(prefix)) {
        const problem = fstringProblem(expr.slice(i + closer.length, close), /[rR]/.test(prefix));
        if (problem) fail(`f-string: ${problem}`);
      }
      i = close + closer.length;
    } else if (isWordChar(ch) && !/[0-9]/.test(ch)) {
      while (isWordChar(expr[i])) i++;
    } else if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(expr[i + 1] ?? "") && !isWordChar(expr[i - 1]))) {
      i = scanNumber(expr, i, (_at, message) => fail(message));
    } else i++;
  }
}
