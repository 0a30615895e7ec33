// The lexical facts CPython 3.11's tokenizer (Parser/tokenizer.c) decides tokens by: its limits,
// the keywords, operator lengths and character classes (used by tokenizer.ts).

/** Deepest indentation stack CPython allows (MAXINDENT). */
export const MAX_INDENT = 100;
/** Deepest bracket nesting CPython allows (MAXLEVEL). */
export const MAX_LEVEL = 200;

export const HARD_KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
  "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]);

export const BLOCK_KEYWORDS: Record<string, string> = {
  if: "'if' statement", elif: "'elif' statement", else: "'else' statement", while: "'while' statement",
  for: "'for' statement", with: "'with' statement", try: "'try' statement", except: "'except' statement",
  finally: "'finally' statement", def: "function definition", class: "class definition",
  match: "'match' statement", case: "'case' statement",
};

/** Length of the operator at `i` (CPython's PyToken_ThreeChars / TwoChars / OneChar). */
export function operatorLength(s: string, i: number): number {
  const c2 = s.charCodeAt(i + 1);
  const c3 = s.charCodeAt(i + 2);
  switch (s.charCodeAt(i)) {
    case 42: // * ** *= **=
    case 47: // / // /= //=
      if (c2 === s.charCodeAt(i)) return c3 === 61 ? 3 : 2;
      return c2 === 61 ? 2 : 1;
    case 60: // < << <= <> <<=
      if (c2 === 60) return c3 === 61 ? 3 : 2;
      return c2 === 61 || c2 === 62 ? 2 : 1;
    case 62: // > >> >= >>=
      if (c2 === 62) return c3 === 61 ? 3 : 2;
      return c2 === 61 ? 2 : 1;
    case 46: // . ...
      return c2 === 46 && c3 === 46 ? 3 : 1;
    case 45: // - -= ->
      return c2 === 61 || c2 === 62 ? 2 : 1;
    case 33: case 37: case 38: case 43: case 58: case 61: case 64: case 94: case 124: // ! % & + : = @ ^ | and their `x=`
      return c2 === 61 ? 2 : 1;
    default:
      return 1;
  }
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiIdentifierChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || isDigit(c);
}

export function isIdentifierStartUnit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}
