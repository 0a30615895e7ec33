// Names and literals: identifiers (with the invalid-character check), string literals with
// their prefixes, and numbers (scanned by tokenize_numbers.ts).
import { invalidCharacterMessage, invalidIdentifierChar } from "./identifiers.js";
import { scanNumber } from "./tokenize_numbers.js";
import { isAsciiIdentifierChar, isIdentifierStartUnit } from "./tokenizer_tables.js";
import { LineTokenizer } from "./tokenizer_lines.js";

export class LiteralTokenizer extends LineTokenizer {
  /** A number literal starting at `start`. */
  protected number(start: number): void {
    const s = this.s;
    const end = scanNumber(s, start, (cur, message) => this.numberError(start, cur, message));
    this.i = end;
    this.token("number", "", start);
    // `3.Ω` is the number `3.` and a name (ASCII letters there are refused as a bad literal)
    if (s.charCodeAt(end - 1) === 46 && s.charCodeAt(end) >= 128 && isIdentifierStartUnit(s.charCodeAt(end))) {
      // inside brackets CPython's invalid_expression rule blames the number: two expressions
      const place = this.placeOf(end);
      if (this.brackets.length > 0) this.parserPhase("SyntaxError", "invalid syntax. Perhaps you forgot a comma?", this.placeOf(start), place);
      else this.parserPhase("SyntaxError", "invalid syntax", place, place);
    }
  }

  protected numberError(start: number, cur: number, message: string): never {
    if (message.startsWith("leading zeros")) {
      // reported over the literal's range: the column of its first digit
      const place = this.placeOf(start);
      return this.stop({ kind: "SyntaxError", message, ...place, anchor: place, overrides: true });
    }
    return this.failAt(cur, message);
  }

  /** A name, a keyword or a prefixed string; false when it turned out to be a string. */
  protected nameOrString(start: number): boolean {
    const s = this.s;
    // string prefixes, in the combinations CPython accepts
    let sawB = false, sawR = false, sawU = false, sawF = false;
    let j = start;
    for (;;) {
      const c = s[j];
      if (!(sawB || sawU || sawF) && (c === "b" || c === "B")) sawB = true;
      else if (!(sawB || sawU || sawR || sawF) && (c === "u" || c === "U")) sawU = true;
      else if (!(sawR || sawU) && (c === "r" || c === "R")) sawR = true;
      else if (!(sawF || sawB || sawU) && (c === "f" || c === "F")) sawF = true;
      else break;
      j++;
      if (s[j] === "'" || s[j] === '"') {
        this.string(start, j);
        return false;
      }
    }
    let nonAscii = false;
    for (;;) {
      const c = s.charCodeAt(j);
      if (isAsciiIdentifierChar(c)) j++;
      else if (c >= 128) {
        nonAscii = true;
        j++;
      } else break;
    }
    if (nonAscii) {
      const bad = invalidIdentifierChar(s.slice(start, j));
      if (bad) this.failAt(bad.last ? j : start + bad.end, invalidCharacterMessage(bad.cp));
    }
    this.i = j;
    // the name's text matters at the start of a line and after a `.`
    const needed = this.lineTokens < 2 || this.lastToken === "." || (j - start === 5 && s.startsWith("await", start)) ||
      (j - start === 6 && s.startsWith("lambda", start)) || (j - start === 3 && s.startsWith("not", start));
    this.token("name", needed ? s.slice(start, j) : "", start);
    return true;
  }

  /** A string literal whose prefix starts at `start` and whose quote is at `q`. */
  protected string(start: number, q: number): void {
    const s = this.s;
    const n = s.length;
    const quote = s.charCodeAt(q);
    const startLine = this.line;
    const startLineStart = this.lineStart;
    this.token("string", "", start); // before the body moves the current line on
    let quoteSize = 1;
    let j = q + 1;
    if (s.charCodeAt(j) === quote) {
      if (s.charCodeAt(j + 1) === quote) {
        quoteSize = 3;
        j += 2;
      } else {
        j++;
        quoteSize = 0; // the empty string
      }
    }
    const bodyStart = j;
    let bodyEnd = j;
    if (quoteSize > 0) {
      let endQuotes = 0;
      for (;;) {
        if (j >= n || (quoteSize === 1 && s.charCodeAt(j) === 10)) {
          const detected = j >= n ? this.line - 1 : this.line;
          const message = quoteSize === 3
            ? `unterminated triple-quoted string literal (detected at line ${detected})`
            : `unterminated string literal (detected at line ${detected})`;
          const place = { line: startLine, col: this.colOf(start, startLineStart) };
          this.stop({ kind: "SyntaxError", message, ...place, anchor: place, overrides: true });
        }
        const c = s.charCodeAt(j++);
        if (c === quote) {
          endQuotes++;
          if (endQuotes === quoteSize) break;
          continue;
        }
        endQuotes = 0;
        if (c === 10) this.newPhysicalLine(j);
        else if (c === 92) {
          if (s.charCodeAt(j) === 10) this.newPhysicalLine(j + 1);
          j++;
        }
      }
      bodyEnd = j - quoteSize;
    }
    this.i = j;
    this.inStringRun = true;
    const prefix = s.slice(start, q);
    const fstring = /[fF]/.test(prefix) ? { body: s.slice(bodyStart, bodyEnd), raw: /[rR]/.test(prefix) } : null;
    this.stringRun.push({ bytes: /[bB]/.test(prefix), fstring, at: start, line: startLine, lineStart: startLineStart });
  }
}
