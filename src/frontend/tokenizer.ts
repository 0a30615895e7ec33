// CPython 3.11's tokenizer (Parser/tokenizer.c) as one linear pass over the source, run before
// the Lezer parse. Lezer's tokenizer accepts things CPython's refuses (and the other way round),
// so this pass decides everything CPython decides while tokenizing: indentation (TabError, the
// 100-level limit, dedent mismatches), brackets (nesting limit, mismatches), numeric literals,
// invalid characters, strings, line continuations. It also finds the few errors CPython's
// parser raises from the token stream alone (f-string contents, a missing indented block,
// an unexpected indent, `<>`, a keyword after `.`), and gives Lezer a text whose form feeds
// count for indentation the way CPython counts them.
import { fstringProblem } from "./fstring_check.js";
import { invalidCharacterMessage, invalidIdentifierChar, isPrintable } from "./identifiers.js";
import { scanNumber } from "./tokenize_numbers.js";
import {
  type ErrorClass, type Lexed, type LexError, type ParserPhaseError, type Place, type TokenizerError,
} from "./tokenizer_results.js";
import {
  BLOCK_KEYWORDS, HARD_KEYWORDS, isAsciiIdentifierChar, isDigit, isIdentifierStartUnit, MAX_INDENT, MAX_LEVEL, operatorLength,
} from "./tokenizer_tables.js";

export type { ErrorClass, LexError, Lexed, ParserPhaseError, Place, TokenizerError } from "./tokenizer_results.js";

class Stop extends Error {}

/** The keywords an expression may start with. */
const EXPRESSION_KEYWORDS = new Set(["not", "lambda", "await", "None", "True", "False"]);

interface Bracket {
  char: string;
  line: number;
  lineStart: number;
  at: number;
}

interface StringToken {
  bytes: boolean;
  /** Set for an f-string. */
  fstring: { body: string; raw: boolean } | null;
  /** Where it starts (its line and that line's start, for a column computed only on error). */
  at: number;
  line: number;
  lineStart: number;
}

export function tokenize(source: string): Lexed {
  return new Tokenizer(source).run();
}

class Tokenizer {
  /** The source with the final newline CPython adds when it is missing. */
  private readonly s: string;
  private i = 0;
  private line = 1;
  private lineStart = 0;
  private readonly brackets: Bracket[] = [];
  private readonly indents = [0];
  private readonly altIndents = [0];
  /** The header word of each indented block (`case` is a keyword only directly inside a `match`). */
  private readonly blockWords = [""];
  private error: TokenizerError | null = null;
  private parserError: ParserPhaseError | null = null;
  private unclosed: Lexed["unclosed"] = null;
  private lezer: string[] | null = null;
  // the logical line being read: its first two names, last token, and whether it has tokens
  private lineTokens = 0;
  private firstWord = "";
  private secondToken = "";
  private headerLine = 0;
  private lastToken = "";
  private lastTokenAt = 0;
  private lastTokenLine = 1;
  private lastTokenLineStart = 0;
  /** Set after the NEWLINE of a block header: the next token must be an INDENT. */
  private expectBlock: { what: string; word: string; line: number; anchor: Place } | null = null;
  /** The current run of adjacent string tokens (one concatenated literal to the parser). */
  private stringRun: StringToken[] = [];
  private inStringRun = false;

  constructor(source: string) {
    this.s = source.endsWith("\n") ? source : source + "\n";
  }

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

  // ---- positions ---------------------------------------------------------------------------

  /** 0-based column in code points of offset `at` on the line starting at `lineStart`. */
  private colOf(at: number, lineStart = this.lineStart): number {
    let col = at - lineStart;
    for (let k = lineStart; k < at; k++) {
      const c = this.s.charCodeAt(k);
      if (c >= 0xdc00 && c <= 0xdfff) col--;
    }
    return col;
  }

  private placeOf(at: number): Place {
    return { line: this.line, col: this.colOf(at) };
  }

  /** Length in code points of the current line without its newline. */
  private lineLength(): number {
    let end = this.s.indexOf("\n", this.lineStart);
    if (end < 0) end = this.s.length;
    return this.colOf(end);
  }

  /** Where the parser stands at the end of input: the end of the last line. */
  private endPlace(): Place {
    return { line: this.line - 1, col: this.colOf(this.lastLineEnd, this.lastLineStart) };
  }

  /** A tokenizer error raised by `syntaxerror()`: CPython points one character before `cur`. */
  private failAt(cur: number, message: string, kind: ErrorClass = "SyntaxError"): never {
    const place = { line: this.line, col: Math.max(0, this.colOf(cur) - 1) };
    return this.stop({ kind, message, ...place, anchor: place, overrides: true });
  }

  private stop(error: Omit<TokenizerError, "at">, at = this.lineStart): never {
    this.error = { ...error, at };
    // CPython reads on after a parse error until such an error; a bracket still open then is blamed
    const open = this.brackets[this.brackets.length - 1];
    if (!error.overrides && open) this.unclosed = { char: open.char, line: open.line, col: this.colOf(open.at, open.lineStart), at: open.at };
    throw new Stop();
  }

  private parserPhase(kind: ErrorClass, message: string, place: Place, anchor: Place, final = false): void {
    if (!this.parserError) this.parserError = { kind, message, ...place, anchor, final };
  }

  // ---- tokens seen by the parser ------------------------------------------------------------

  /**
   * Every token the parser would see, in order, starting at offset `at` of the current line
   * (`text`: an operator, or a name where the checks need it).
   */
  private token(kind: "name" | "number" | "string" | "op" | "newline" | "indent" | "end", text: string, at: number): void {
    if (kind !== "string" && this.inStringRun) this.endStringRun(kind === "end" ? -1 : at);
    if (this.expectBlock && kind !== "newline") {
      if (kind !== "indent") {
        const place = kind === "end" ? this.endPlace() : this.placeOf(at);
        const what = this.expectBlock.what;
        this.parserPhase("IndentationError", `expected an indented block after ${what} on line ${this.expectBlock.line}`,
          place, this.expectBlock.anchor);
      }
      this.expectBlock = null;
    }
    if (kind === "indent") return;
    if (kind === "newline") {
      this.endLogicalLine();
      return;
    }
    if (kind === "end") return;
    if (this.lineTokens === 0) {
      this.firstWord = kind === "name" ? text : "";
      this.decoratorLine = kind === "op" && text === "@";
      this.headerLine = this.line;
    } else if (this.lineTokens === 1) this.secondToken = text;
    this.lineTokens++;
    // `from . import x` is the one keyword that may follow a `.`
    if (kind === "name" && this.lastToken === "." && HARD_KEYWORDS.has(text) && !(text === "import" && this.firstWord === "from")) {
      const place = this.placeOf(at);
      this.parserPhase("SyntaxError", "invalid syntax", place, place);
    }
    // a decorator is an expression, and most keywords start none (`@yield`)
    if (kind === "name" && this.decoratorLine && this.lineTokens === 2 && HARD_KEYWORDS.has(text) && !EXPRESSION_KEYWORDS.has(text)) {
      const place = this.placeOf(at);
      this.parserPhase("SyntaxError", "invalid syntax", place, place);
    }
    // `await` takes a primary, and `await x` is none
    if (kind === "name" && text === "await" && this.lastToken === "await") {
      const place = this.placeOf(at);
      this.parserPhase("SyntaxError", "invalid syntax", place, place);
    }
    if (kind === "op" && text === "<>") {
      const place = this.placeOf(at);
      this.parserPhase("SyntaxError", "invalid syntax", place, place);
    }
    this.lastToken = kind === "name" || kind === "op" ? text : kind;
    this.lastTokenAt = at;
    this.lastTokenLine = this.line;
    this.lastTokenLineStart = this.lineStart;
  }

  /** Start and end offsets of the last physical line that ended. */
  private lastLineStart = 0;
  private lastLineEnd = 0;

  /** Whether the last logical line was `try:` with its body on the same line. */
  private inlineTry = false;

  /** Whether the logical line being read starts with `@` (a decorator). */
  private decoratorLine = false;
  /** Set after the NEWLINE of a decorator: a DEDENT next is where CPython's parser fails. */
  private afterDecorator = false;

  private endLogicalLine(): void {
    this.afterDecorator = this.decoratorLine && this.lineTokens > 0;
    this.decoratorLine = false;
    this.inlineTry = this.firstWord === "try" && this.secondToken === ":" && this.lastToken !== ":";
    if (this.lastToken === ":" && this.lineTokens > 1) {
      let word = this.firstWord;
      if (word === "async" && (this.secondToken === "def" || this.secondToken === "for" || this.secondToken === "with")) {
        word = this.secondToken;
      }
      let what: string | undefined = BLOCK_KEYWORDS[word];
      if (word === "except" && this.secondToken === "*") what = "'except*' statement";
      if (word === "case" && this.blockWords[this.blockWords.length - 1] !== "match") what = undefined;
      // (the NEWLINE may come lines later, after a backslash continuation)
      const anchor = { line: this.lastTokenLine, col: this.colOf(this.lastTokenAt, this.lastTokenLineStart) };
      if (what) this.expectBlock = { what, word, line: this.headerLine, anchor };
    }
    this.lineTokens = 0;
    this.lastToken = "";
  }

  /**
   * The parser's checks on a concatenated literal; CPython points at the token after it, which
   * starts at `next` on the current line (-1: the end of input).
   */
  private endStringRun(next: number): void {
    this.inStringRun = false;
    const run = this.stringRun;
    this.stringRun = [];
    let problem: string | null = null;
    for (let k = 0; k < run.length && !problem; k++) {
      const t = run[k]!;
      if (k > 0 && t.bytes !== run[k - 1]!.bytes) problem = "cannot mix bytes and nonbytes literals";
      else if (t.fstring) problem = fstringProblem(t.fstring.body, t.fstring.raw);
    }
    if (problem) {
      const first = run[0]!;
      const anchor = { line: first.line, col: this.colOf(first.at, first.lineStart) };
      this.parserPhase("SyntaxError", problem, next < 0 ? this.endPlace() : this.placeOf(next), anchor);
    }
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
        const end = scanNumber(s, start, (cur, message) => this.numberError(start, cur, message));
        this.i = end;
        this.token("number", "", start);
      } else if (c === 39 || c === 34) {
        this.string(start, start);
      } else if (c === 92) {
        this.continuation(start);
      } else {
        this.operator(start);
      }
    }
  }

  private numberError(start: number, cur: number, message: string): never {
    if (message.startsWith("leading zeros")) {
      // reported over the literal's range: the column of its first digit
      const place = this.placeOf(start);
      return this.stop({ kind: "SyntaxError", message, ...place, anchor: place, overrides: true });
    }
    return this.failAt(cur, message);
  }

  /** Indentation of a new physical line outside brackets (tok_get's `atbol` block). */
  private indentation(): void {
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
      while (this.indents.length > 1 && col < this.indents[this.indents.length - 1]!) {
        this.indents.pop();
        this.altIndents.pop();
        this.blockWords.pop();
      }
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
  private moveFormFeeds(from: number, lastFormFeed: number, to: number, blank: boolean): void {
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
  private endBlankRun(lastNewline: number): void {
    const from = this.blankRunFrom;
    this.blankRunFrom = -1;
    if (from >= 0 && lastNewline > from) {
      this.edit(from, "#" + " ".repeat(lastNewline - from - 1));
      this.hiddenBlankRuns.push(from, lastNewline);
    }
  }

  /** Replaces text at `from` (same length) in what Lezer sees; edits come in source order. */
  private edit(from: number, text: string): void {
    if (!this.lezer) this.lezer = [];
    this.lezer.push(this.s.slice(this.lezerCopied, from), text);
    this.lezerCopied = from + text.length;
  }

  private lezerCopied = 0;
  private readonly comments: number[] = [];
  private readonly hiddenBlankRuns: number[] = [];
  /** Offset of the newline that ended the last logical line, while only blank lines follow it. */
  private blankRunFrom = -1;

  /** A name, a keyword or a prefixed string; false when it turned out to be a string. */
  private nameOrString(start: number): boolean {
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
    const needed = this.lineTokens < 2 || this.lastToken === "." || (j - start === 5 && s.startsWith("await", start));
    this.token("name", needed ? s.slice(start, j) : "", start);
    return true;
  }

  /** A string literal whose prefix starts at `start` and whose quote is at `q`. */
  private string(start: number, q: number): void {
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

  private newPhysicalLine(nextLineStart: number): void {
    this.line++;
    this.lineStart = nextLineStart;
    if (this.line === this.nullByteLine) this.nullByte();
  }

  /** The line holding the first NUL character (0: none). */
  private nullByteLine = 0;

  /** CPython refuses a line holding a NUL as soon as it reads it, whatever comes before on it. */
  private nullByte(): never {
    const place = { line: this.line, col: 0 };
    const header = this.expectBlock;
    const nul: LexError = { kind: "SyntaxError", message: "source code cannot contain null bytes", ...place, anchor: place };
    if (header && this.indents.length > 1 && !this.parserError) {
      // CPython 3.11 quirk: right after the header of a nested block the parser's complaint wins,
      // when the parser gets there (the tokenizer is then in its error state, and the rest of
      // the file is not read again); a parse failing earlier meets the NUL when the rest is read
      return this.stop({ kind: "IndentationError", message: `expected an indented block after ${header.what} on line ${header.line}`,
        ...place, anchor: place, overrides: false, unreached: nul });
    }
    return this.stop({ ...nul, overrides: true });
  }

  /** A backslash: only a line continuation is allowed. */
  private continuation(at: number): void {
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
