// CPython 3.11's tokenizer (Parser/tokenizer.c) as one linear pass over the source, run before
// the Lezer parse. Lezer's tokenizer accepts things CPython's refuses (and the other way round),
// so this pass decides everything CPython decides while tokenizing: indentation (TabError, the
// 100-level limit, dedent mismatches), brackets (nesting limit, mismatches), numeric literals,
// invalid characters, strings, line continuations. It also finds the few errors CPython's
// parser raises from the token stream alone (f-string contents, a missing indented block,
// an unexpected indent, `<>`, a keyword after `.`), and gives Lezer a text whose form feeds
// count for indentation the way CPython counts them.
import { invalidCharacterMessage, isPrintable } from "./identifiers.js";
import { type Lexed } from "./tokenizer_results.js";
import { MAX_LEVEL, isDigit, isIdentifierStartUnit, operatorLength } from "./tokenizer_tables.js";
import { LiteralTokenizer } from "./tokenizer_literals.js";
import { Stop } from "./tokenizer_state.js";

// the stages of the class, one construct family a file:
// tokenizer_state.ts (positions, errors, Lezer's text) < tokenizer_tokens.ts (the parser's checks on
// tokens) < tokenizer_lines.ts (indentation, continuations) < tokenizer_literals.ts (names, strings,
// numbers) < this file (the scan, operators and brackets, the end of input)

export type { ErrorClass, LexError, Lexed, ParserPhaseError, Place, TokenizerError } from "./tokenizer_results.js";

export function tokenize(source: string): Lexed {
  return new Tokenizer(source).run();
}

class Tokenizer extends LiteralTokenizer {
  run(): Lexed {
    try {
      const nul = this.s.indexOf("\0");
      if (nul >= 0) {
        this.nullByteLine = 1;
        for (let k = this.s.indexOf("\n"); k >= 0 && k < nul; k = this.s.indexOf("\n", k + 1)) this.nullByteLine++;
        if (this.nullByteLine === 1) this.nullByte();
      }
      this.scan();
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
    }
    // Lezer, too, must see the final newline CPython adds (a last line of blanks ends a block)
    if (this.lezer) this.lezer.push(this.s.slice(this.lezerCopied));
    const lezerText = this.lezer ? this.lezer.join("") : this.s;
    return { error: this.error, parserError: this.parserError, unclosed: this.unclosed, lezerText, comments: this.comments,
      hiddenBlankRuns: this.hiddenBlankRuns };
  }

  // ---- the scan -------------------------------------------------------------------------------

  private scan(): void {
    const s = this.s;
    const n = s.length;
    let atLineStart = true;
    let commentAt = -1;
    for (;;) {
      if (atLineStart) {
        atLineStart = false;
        commentAt = -1;
        this.indentation();
      }
      // blanks between tokens
      let c = s.charCodeAt(this.i);
      while (c === 32 || c === 9 || c === 12) c = s.charCodeAt(++this.i);
      const start = this.i;
      if (c === 35) {
        // a comment runs to the end of the physical line (U+2028/U+2029 do not end it)
        commentAt = start;
        const nl = s.indexOf("\n", start);
        this.i = nl < 0 ? n : nl;
        this.comments.push(start, this.i);
        c = s.charCodeAt(this.i);
      }
      if (this.i >= n) {
        this.endOfInput();
        return;
      }
      if (c === 10) {
        const at = commentAt >= 0 ? commentAt : this.i;
        if (this.brackets.length === 0 && this.lineTokens > 0) {
          this.token("newline", "", at);
          this.blankRunFrom = this.i;
        }
        this.lastLineStart = this.lineStart;
        this.lastLineEnd = this.i;
        this.i++;
        this.newPhysicalLine(this.i);
        atLineStart = true;
        continue;
      }
      if (isIdentifierStartUnit(c)) {
        if (this.nameOrString(start)) continue;
      } else if (isDigit(c) || (c === 46 && isDigit(s.charCodeAt(start + 1)))) {
        this.number(start);
      } else if (c === 39 || c === 34) {
        this.string(start, start);
      } else if (c === 92) {
        this.continuation(start);
      } else {
        this.operator(start);
      }
    }
  }

  private operator(start: number): void {
    const s = this.s;
    const length = operatorLength(s, start);
    this.i = start + length;
    if (length > 1) {
      this.token("op", s.slice(start, this.i), start);
      return;
    }
    const ch = s[start]!;
    if (ch === "(" || ch === "[" || ch === "{") {
      if (this.brackets.length >= MAX_LEVEL) this.failAt(this.i, "too many nested parentheses");
      this.brackets.push({ char: ch, line: this.line, lineStart: this.lineStart, at: start });
    } else if (ch === ")" || ch === "]" || ch === "}") {
      const open = this.brackets.pop();
      if (!open) this.failAt(this.i, `unmatched '${ch}'`);
      if ((open.char === "(" && ch !== ")") || (open.char === "[" && ch !== "]") || (open.char === "{" && ch !== "}")) {
        const where = open.line !== this.line ? ` on line ${open.line}` : "";
        this.failAt(this.i, `closing parenthesis '${ch}' does not match opening parenthesis '${open.char}'${where}`);
      }
    } else if (!isPrintable(s.charCodeAt(start))) {
      this.failAt(this.i, invalidCharacterMessage(s.charCodeAt(start)));
    }
    this.token("op", ch, start);
  }

  private endOfInput(): void {
    this.endBlankRun(this.s.length - 1);
    const open = this.brackets[this.brackets.length - 1];
    if (open) {
      const place = { line: open.line, col: this.colOf(open.at, open.lineStart) };
      this.stop({ kind: "SyntaxError", message: `'${open.char}' was never closed`, ...place,
        anchor: { line: this.line, col: 0 }, overrides: false }, this.s.length);
    }
    this.token("end", "", this.s.length);
  }
}
