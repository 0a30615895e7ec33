// The word tokens of emitted code (identifiers, keywords, numbers), found by a scan of its
// text that steps over strings, the text of template literals and comments.
//
// prettier reprints every token of the code it is given, in the same order: it changes spaces,
// line breaks, parentheses, quotes and semicolons, never which words come in which order. So
// the n-th word of the generator's text is the n-th word of prettier's, and a position at a
// word of the one (a call's frame) has its twin in the other without parsing either. Emitted
// code holds no regular expression literals and no JSX (the Babel builders of build.ts make
// none), so a `/` outside a comment is division and `<` a comparison or type bracket.

export interface WordTokens {
  /** the offset each word starts at, ascending */
  starts: number[];
  /** each word's text; a number is `0` (prettier may respell it: `1E5` as `1e5`, `.5` as `0.5`) */
  words: string[];
}

const enum Code {
  Tab = 9,
  Newline = 10,
  Space = 32,
  DoubleQuote = 34,
  Hash = 35,
  Dollar = 36,
  Quote = 39,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Star = 42,
  Backslash = 92,
  Underscore = 95,
  Backtick = 96,
  OpenBrace = 123,
  CloseBrace = 125,
}

function isDigit(c: number): boolean {
  return c >= Code.Zero && c <= Code.Nine;
}

/** A character of a word: ASCII letters, digits, `_`, `$`, and any non-ASCII character (identifiers may be Unicode). */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === Code.Underscore || c === Code.Dollar || c >= 128;
}

/** The word tokens of `code`, or null when its text does not scan (an unterminated string or comment). */
export function wordTokens(code: string): WordTokens | null {
  const starts: number[] = [];
  const words: string[] = [];
  // per open `${`: the brace depth of the code inside it (the template resumes at its `}`)
  const templates: number[] = [];
  let depth = 0;
  const length = code.length;
  let i = 0;
  /** Skips template text from `i` (after a backtick or a closing `}`); false if unterminated. */
  const templateText = (): boolean => {
    while (i < length) {
      const c = code.charCodeAt(i);
      if (c === Code.Backslash) i += 2;
      else if (c === Code.Backtick) {
        i++;
        return true;
      } else if (c === Code.Dollar && code.charCodeAt(i + 1) === Code.OpenBrace) {
        i += 2;
        templates.push(depth);
        depth = 0;
        return true;
      } else i++;
    }
    return false;
  };
  while (i < length) {
    const c = code.charCodeAt(i);
    if (c === Code.Space || c === Code.Newline || c === Code.Tab || c === 13) {
      i++;
    } else if (c === Code.Slash && code.charCodeAt(i + 1) === Code.Slash) {
      const end = code.indexOf("\n", i + 2);
      i = end === -1 ? length : end + 1;
    } else if (c === Code.Slash && code.charCodeAt(i + 1) === Code.Star) {
      const end = code.indexOf("*/", i + 2);
      if (end === -1) return null;
      i = end + 2;
    } else if (c === Code.DoubleQuote || c === Code.Quote) {
      i++;
      for (;;) {
        if (i >= length) return null;
        const d = code.charCodeAt(i);
        if (d === Code.Backslash) i += 2;
        else if (d === c) break;
        else if (d === Code.Newline) return null;
        else i++;
      }
      i++;
    } else if (c === Code.Backtick) {
      i++;
      if (!templateText()) return null;
    } else if (c === Code.OpenBrace) {
      depth++;
      i++;
    } else if (c === Code.CloseBrace) {
      i++;
      if (depth === 0 && templates.length > 0) {
        depth = templates.pop()!;
        if (!templateText()) return null;
      } else depth--;
    } else if (isDigit(c) || (c === Code.Dot && isDigit(code.charCodeAt(i + 1)))) {
      // a number, with its exponent sign (`1e-7`) and separators
      starts.push(i);
      words.push("0");
      i++;
      for (;;) {
        const d = code.charCodeAt(i);
        if (isWordChar(d) || d === Code.Dot) i++;
        else if ((d === 43 || d === 45) && (code.charCodeAt(i - 1) | 32) === 101 && !/^0[xX]/.test(code.slice(starts[starts.length - 1]!, i))) i++;
        else break;
      }
    } else if (isWordChar(c) || c === Code.Hash) {
      const start = i;
      i++;
      while (i < length && isWordChar(code.charCodeAt(i))) i++;
      starts.push(start);
      words.push(code.slice(start, i));
    } else {
      i++;
    }
  }
  return templates.length === 0 ? { starts, words } : null;
}

/** The two texts hold the same words in the same order. */
export function sameWords(a: WordTokens, b: WordTokens): boolean {
  if (a.words.length !== b.words.length) return false;
  for (let k = 0; k < a.words.length; k++) if (a.words[k] !== b.words[k]) return false;
  return true;
}

/** The index of the word that starts exactly at `offset`, or -1. */
export function wordAt(tokens: WordTokens, offset: number): number {
  const starts = tokens.starts;
  let low = 0;
  let high = starts.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const start = starts[mid]!;
    if (start === offset) return mid;
    if (start < offset) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** The index of the first word that starts at or after `offset` (the number of words when none does). */
export function wordFrom(tokens: WordTokens, offset: number): number {
  const starts = tokens.starts;
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
