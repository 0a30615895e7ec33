// Physical lines: indentation at the start of each (TabError, the indentation limit, dedent
// mismatches, an unexpected indent), backslash continuations, and the edits that make Lezer
// count form feeds and blank lines the way CPython does.
import { MAX_INDENT } from "./tokenizer_tables.js";
import { TokenStream } from "./tokenizer_tokens.js";

export class LineTokenizer extends TokenStream {
  /** Indentation of a new physical line outside brackets (tok_get's `atbol` block). */
  protected indentation(): void {
    const s = this.s;
    let col = 0;
    let altcol = 0;
    const lineBegin = this.i;
    // where the parser meets this line's errors: Lezer is shown its indentation from here on
    const beginPlace = { line: this.line, col: 0 };
    let j = lineBegin;
    let lastFormFeed = -1;
    // Indentation cannot be split over physical lines: the column before the first backslash
    // continuation decides the line's indentation (CPython's cont_line_col, where 0 means
    // unset: a backslash in column 0 leaves it to a later one, or to the column reached)
    let continuedCol = 0;
    const continuations: number[] = [];
    for (;; j++) {
      const c = s.charCodeAt(j);
      if (c === 32) {
        col++;
        altcol++;
      } else if (c === 9) {
        col = (Math.floor(col / 8) + 1) * 8;
        altcol++;
      } else if (c === 12) {
        col = altcol = 0; // a form feed restarts the count
        lastFormFeed = j;
      } else if (c === 92 && lastFormFeed < 0) {
        if (continuedCol === 0) continuedCol = col;
        continuations.push(j);
        this.i = j;
        this.continuation(j);
        j = this.i - 1;
      } else break;
    }
    const next = s.charCodeAt(j);
    const blank = next === 35 || next === 10 || j >= s.length;
    if (!blank) this.endBlankRun(lineBegin - 1);
    if (lastFormFeed >= 0) this.moveFormFeeds(lineBegin, lastFormFeed, j, blank);
    // Lezer sees a line of continuations that ends blank as blank lines (unless the whole run
    // of blank lines is hidden from it anyway: see endBlankRun)
    if (blank && this.blankRunFrom < 0) for (const at of continuations) this.edit(at, " ");
    // Lezer would take the indentation of the line the code is on: show it a blank line, then
    // the indentation before the first backslash (same length, every offset kept)
    if (continuedCol > 0) col = altcol = continuedCol;
    if (!blank && continuations.length > 0) {
      const room = j - lineBegin - 1;
      const indent = col <= room ? " ".repeat(col) : s.slice(lineBegin, continuations[0]);
      this.edit(lineBegin, " ".repeat(room - indent.length) + "\n" + indent);
    }
    this.i = j;
    if (blank || this.brackets.length > 0) return;
    const afterDecorator = this.afterDecorator;
    this.afterDecorator = false;
    const top = this.indents[this.indents.length - 1]!;
    const altTop = this.altIndents[this.altIndents.length - 1]!;
    const tabError = (): never =>
      this.stop({ kind: "TabError", message: "inconsistent use of tabs and spaces in indentation", line: this.line, col: 0,
        anchor: { line: this.line, col: 0 }, overrides: false }, lineBegin);
    if (col === top) {
      if (altcol !== altTop) tabError();
    } else if (col > top) {
      if (this.indents.length >= MAX_INDENT) {
        this.stop({ kind: "IndentationError", message: "too many levels of indentation", line: this.line, col: 0,
          anchor: { line: this.line, col: 0 }, overrides: false }, lineBegin);
      }
      if (altcol <= altTop) tabError();
      this.indents.push(col);
      this.altIndents.push(altcol);
      this.blockWords.push(this.expectBlock?.word ?? "");
      if (!this.expectBlock) {
        // CPython points just before the first character after the indentation
        const lineStartPlace = beginPlace;
        const place = { line: this.line, col: Math.max(0, this.colOf(j) - 1) };
        // after `try: body` on one line, CPython's invalid_try_stmt rule blames the missing handler
        if (this.inlineTry) this.parserPhase("SyntaxError", "expected 'except' or 'finally' block", place, lineStartPlace, true);
        else this.parserPhase("IndentationError", "unexpected indent", place, lineStartPlace, true);
      }
      this.token("indent", "", j);
    } else {
      let closed = "";
      while (this.indents.length > 1 && col < this.indents[this.indents.length - 1]!) {
        this.indents.pop();
        this.altIndents.pop();
        closed = this.blockWords.pop()!;
      }
      this.closedTry = closed === "try";
      if (col !== this.indents[this.indents.length - 1]) {
        const place = { line: this.line, col: this.lineLength() };
        this.stop({ kind: "IndentationError", message: "unindent does not match any outer indentation level", ...place,
          anchor: { line: this.line, col: 0 }, overrides: false }, lineBegin);
      }
      if (altcol !== this.altIndents[this.altIndents.length - 1]) tabError();
      // a decorator waits for its definition: the DEDENT is the token the parser fails at
      if (afterDecorator) {
        this.parserPhase("IndentationError", "unexpected unindent", { line: this.line, col: 0 }, beginPlace, true);
      }
      if (this.expectBlock) {
        // the token after the header is a DEDENT, which has no column: CPython gives the read position
        const what = this.expectBlock.what;
        this.parserPhase("IndentationError", `expected an indented block after ${what} on line ${this.expectBlock.line}`,
          { line: this.line, col: this.colOf(j) - 1 }, this.expectBlock.anchor);
        this.expectBlock = null;
      }
    }
  }

  /**
   * Lezer counts indentation up to the first form feed and skips the rest as blanks; CPython
   * restarts the count at each form feed. Rearranging the run (the blanks after the last form
   * feed first, then the form feed, then the rest as spaces) gives both the same count.
   */
  protected moveFormFeeds(from: number, lastFormFeed: number, to: number, blank: boolean): void {
    const s = this.s;
    if (blank) {
      // a blank line inside a run of blank lines is hidden from Lezer as a whole (see endBlankRun)
      if (this.blankRunFrom < 0) this.edit(from, s.slice(from, to).replace(/\f/g, " "));
    } else if (this.brackets.length > 0) {
      this.edit(from, s.slice(from, to).replace(/\f/g, " "));
    } else {
      this.edit(from, s.slice(lastFormFeed + 1, to) + "\f" + " ".repeat(lastFormFeed - from));
    }
  }

  /**
   * Lezer's parse stack grows with every blank or comment-only line between statements and
   * breaks down after a few hundred of them (a large file then fails to parse). Lezer is shown
   * the blank lines after a statement as one comment that ends the statement's line instead:
   * same length, so every offset stays the same.
   */
  protected endBlankRun(lastNewline: number): void {
    const from = this.blankRunFrom;
    this.blankRunFrom = -1;
    if (from >= 0 && lastNewline > from) {
      this.edit(from, "#" + " ".repeat(lastNewline - from - 1));
      this.hiddenBlankRuns.push(from, lastNewline);
    }
  }

  /** A backslash: only a line continuation is allowed. */
  protected continuation(at: number): void {
    const s = this.s;
    if (s.charCodeAt(at + 1) !== 10) {
      // E_LINECONT: CPython points at the character after the backslash
      const place = this.placeOf(at + 1);
      this.stop({ kind: "SyntaxError", message: "unexpected character after line continuation character", ...place,
        anchor: this.placeOf(at), overrides: false }, at);
    }
    if (at + 2 >= s.length) {
      const place = this.placeOf(at + 1);
      this.stop({ kind: "SyntaxError", message: "unexpected EOF while parsing", ...place, anchor: this.placeOf(at),
        overrides: false }, at);
    }
    this.i = at + 2;
    this.newPhysicalLine(this.i);
    // a continuation into a blank line ends the logical line at that line's newline (CPython
    // reads on to the next token, the NEWLINE); Lezer sees the two lines joined
    let k = this.i;
    while (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9 || s.charCodeAt(k) === 12) k++;
    if ((s.charCodeAt(k) === 10 || s.charCodeAt(k) === 35) && this.lineTokens > 0 && at >= this.lezerCopied) this.edit(at, "  ");
  }
}
