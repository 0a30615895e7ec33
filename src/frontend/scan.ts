// A minimal token scanner over raw source text, used where Lezer's grammar gives up on valid
// Python (see repair.ts): it finds the extent of a statement header or a decorator line, and
// the top-level commas and `as` keywords inside it, skipping strings, comments and brackets.

export interface ScanToken {
  kind: "word" | "string" | "punct" | "newline";
  from: number;
  to: number;
  /** Bracket depth the token sits at (an opening bracket sits at the outer depth). */
  depth: number;
}

/** A character of a name (or number): Python's identifiers are XID_Continue, `℘` included. */
const WORD = /\p{ID_Continue}/u;

const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

/** End of the string literal whose opening quote is at `q` (or the text end if unterminated). */
function stringEnd(text: string, q: number): number {
  const quote = text[q]!;
  const triple = text.startsWith(quote.repeat(3), q);
  const closer = triple ? quote.repeat(3) : quote;
  let i = q + closer.length;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\") i += 2;
    else if (text.startsWith(closer, i)) return i + closer.length;
    else if (c === "\n" && !triple) return i;
    else i++;
  }
  return text.length;
}

/** Tokens of text[from, to): words, strings, single-char punctuation and newlines. */
export function* scanTokens(text: string, from: number, to: number): Generator<ScanToken> {
  let depth = 0;
  let i = from;
  while (i < to) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\f" || c === "\r") {
      i++;
    } else if (c === "\\" && text[i + 1] === "\n") {
      i += 2; // explicit line joining
    } else if (c === "#") {
      while (i < to && text[i] !== "\n") i++;
    } else if (c === "\n") {
      yield { kind: "newline", from: i, to: i + 1, depth };
      i++;
    } else if (c === '"' || c === "'") {
      const end = stringEnd(text, i);
      yield { kind: "string", from: i, to: end, depth };
      i = end;
    } else if (WORD.test(c) || c.charCodeAt(0) >= 0xd800) {
      let j = i + 1;
      while (j < to && (WORD.test(text[j]!) || text.charCodeAt(j) >= 0xd800)) j++;
      if ((text[j] === '"' || text[j] === "'") && STRING_PREFIX.test(text.slice(i, j))) {
        const end = stringEnd(text, j);
        yield { kind: "string", from: i, to: end, depth };
        i = end;
      } else {
        yield { kind: "word", from: i, to: j, depth };
        i = j;
      }
    } else {
      if (c === ")" || c === "]" || c === "}") depth = Math.max(0, depth - 1);
      yield { kind: "punct", from: i, to: i + 1, depth };
      if (c === "(" || c === "[" || c === "{") depth++;
      i++;
    }
  }
}

/** Offset of the `:` that ends a compound statement's header starting at `from`, or -1. */
export function headerColon(text: string, from: number): number {
  let lambdas = 0; // each top-level `lambda` owns one `:`
  for (const t of scanTokens(text, from, text.length)) {
    if (t.depth > 0) continue;
    if (t.kind === "newline") return -1;
    if (t.kind === "word" && text.slice(t.from, t.to) === "lambda") lambdas++;
    if (t.kind === "punct" && text[t.from] === ":" && text[t.from + 1] !== "=") {
      if (lambdas === 0) return t.from;
      lambdas--;
    }
  }
  return -1;
}

/** End of the last token before the logical line starting at `from` ends (-1: nothing there). */
export function logicalLineEnd(text: string, from: number): number {
  let end = -1;
  for (const t of scanTokens(text, from, text.length)) {
    if (t.kind === "newline" && t.depth === 0) break;
    if (t.kind !== "newline") end = t.to;
  }
  return end;
}

export interface Range {
  from: number;
  to: number;
}

/** The non-blank extents of text[from, to) between top-level commas (a trailing comma adds none). */
export function splitTopLevel(text: string, from: number, to: number): Range[] {
  const out: Range[] = [];
  let cur: Range | null = null;
  for (const t of scanTokens(text, from, to)) {
    if (t.kind === "newline") continue;
    if (t.depth === 0 && t.kind === "punct" && text[t.from] === ",") {
      out.push(cur ?? { from: t.from, to: t.from });
      cur = null;
      continue;
    }
    if (cur) cur.to = t.to;
    else cur = { from: t.from, to: t.to };
  }
  if (cur) out.push(cur);
  return out;
}

/** The first top-level occurrence of keyword `word` in text[from, to), or null. */
export function findTopLevelWord(text: string, from: number, to: number, word: string): Range | null {
  for (const t of scanTokens(text, from, to)) {
    if (t.depth === 0 && t.kind === "word" && text.slice(t.from, t.to) === word) return { from: t.from, to: t.to };
  }
  return null;
}

/** Offset just after the bracket matching the one at `open`, or -1. */
export function matchingBracket(text: string, open: number, to: number): number {
  for (const t of scanTokens(text, open, to)) {
    if (t.from > open && t.depth === 0 && t.kind === "punct") return t.to;
  }
  return -1;
}

/** Skips blanks (not newlines) from `i`. */
export function skipBlanks(text: string, i: number): number {
  while (text[i] === " " || text[i] === "\t" || text[i] === "\f") i++;
  return i;
}
