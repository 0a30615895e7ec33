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

export type ErrorClass = "SyntaxError" | "IndentationError" | "TabError";

export interface Place {
  line: number;
  col: number;
}

export interface LexError extends Place {
  kind: ErrorClass;
  message: string;
  /** Where the parser meets the problem, to order it against errors Lezer finds. */
  anchor: Place;
}

export interface TokenizerError extends LexError {
  /**
   * Errors the tokenizer raises with a message win over any parser error, because CPython
   * tokenizes the rest of the file after a parse failure; end-of-input and indentation states
   * (TabError, dedent mismatch, too deep, EOF) only count if the parser gets that far.
   */
  overrides: boolean;
}

export interface ParserPhaseError extends LexError {
  /** "unexpected indent" is reported without looking at the rest of the file. */
  final: boolean;
}

export interface Lexed {
  error: TokenizerError | null;
  parserError: ParserPhaseError | null;
  /** The innermost bracket still open at the end of the input. */
  unclosed: (Place & { char: string }) | null;
  /** The source with a final newline; form feeds moved so Lezer counts indentation like CPython. */
  lezerText: string;
}

/** Deepest indentation stack CPython allows (MAXINDENT). */
const MAX_INDENT = 100;
/** Deepest bracket nesting CPython allows (MAXLEVEL). */
const MAX_LEVEL = 200;

const HARD_KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
  "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]);

const BLOCK_KEYWORDS: Record<string, string> = {
  if: "'if' statement", elif: "'elif' statement", else: "'else' statement", while: "'while' statement",
  for: "'for' statement", with: "'with' statement", try: "'try' statement", except: "'except' statement",
  finally: "'finally' statement", def: "function definition", class: "class definition",
  match: "'match' statement", case: "'case' statement",
};

const THREE_CHAR_OPS = new Set(["**=", "...", "//=", "<<=", ">>=", "!=", "%=", "&=", "**", "*=", "+=", "-=", "->",
  "//", "/=", ":=", "<<", "<=", "<>", "==", ">=", ">>", "@=", "^=", "|="]);

class Stop extends Error {}

interface Bracket extends Place {
  char: string;
}

interface FStringToken {
  from: number;
  body: string;
  raw: boolean;
  anchor: Place;
}

export function tokenize(source: string): Lexed {
  return new Tokenizer(source).run();
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiIdentifierChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || isDigit(c);
}

function isIdentifierStartUnit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
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
  private lastTokenPlace: Place = { line: 1, col: 0 };
  /** Set after the NEWLINE of a block header: the next token must be an INDENT. */
  private expectBlock: { what: string; line: number; anchor: Place } | null = null;
  /** f-strings of the current run of adjacent string tokens. */
  private fstrings: FStringToken[] = [];
  private inStringRun = false;

  constructor(source: string) {
    this.s = source.endsWith("\n") ? source : source + "\n";
  }

  run(): Lexed {
    try {
      this.scan();
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
    }
    // Lezer, too, must see the final newline CPython adds (a last line of blanks ends a block)
    if (this.lezer) this.lezer.push(this.s.slice(this.lezerCopied));
    const lezerText = this.lezer ? this.lezer.join("") : this.s;
    return { error: this.error, parserError: this.parserError, unclosed: this.unclosed, lezerText };
  }

  // ---- positions ---------------------------------------------------------------------------

  /** 0-based column in code points of offset `at` on the current line. */
  private colOf(at: number): number {
    let col = at - this.lineStart;
    for (let k = this.lineStart; k < at; k++) {
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

  /** A tokenizer error raised by `syntaxerror()`: CPython points one character before `cur`. */
  private failAt(cur: number, message: string, kind: ErrorClass = "SyntaxError"): never {
    const place = { line: this.line, col: Math.max(0, this.colOf(cur) - 1) };
    return this.stop({ kind, message, ...place, anchor: place, overrides: true });
  }

  private stop(error: TokenizerError): never {
    this.error = error;
    throw new Stop();
  }

  private parserPhase(kind: ErrorClass, message: string, place: Place, anchor: Place, final = false): void {
    if (!this.parserError) this.parserError = { kind, message, ...place, anchor, final };
  }

  // ---- tokens seen by the parser ------------------------------------------------------------

  /** Every token the parser would see, in order (`text` is the token for names and operators). */
  private token(kind: "name" | "number" | "string" | "op" | "newline" | "indent" | "end", text: string, place: Place): void {
    if (kind !== "string" && this.inStringRun) this.endStringRun(place);
    if (this.expectBlock && kind !== "newline") {
      if (kind !== "indent") {
        const at = kind === "end" ? { line: this.line - 1, col: this.lastLineLength } : place;
        const what = this.expectBlock.what;
        this.parserPhase("IndentationError", `expected an indented block after ${what} on line ${this.expectBlock.line}`,
          at, this.expectBlock.anchor);
      }
      this.expectBlock = null;
    }
    if (kind === "indent") return;
    if (kind === "newline") {
      this.endLogicalLine(place);
      return;
    }
    if (kind === "end") return;
    if (this.lineTokens === 0) {
      this.firstWord = kind === "name" ? text : "";
      this.headerLine = place.line;
    } else if (this.lineTokens === 1) this.secondToken = text;
    this.lineTokens++;
    if (kind === "name" && this.lastToken === "." && HARD_KEYWORDS.has(text) && text !== "import") {
      this.parserPhase("SyntaxError", "invalid syntax", place, place);
    }
    if (kind === "op" && text === "<>") this.parserPhase("SyntaxError", "invalid syntax", place, place);
    this.lastToken = kind === "name" || kind === "op" ? text : kind;
    this.lastTokenPlace = place;
  }

  private lastLineLength = 0;

  private endLogicalLine(place: Place): void {
    if (this.lastToken === ":" && this.lineTokens > 1) {
      let word = this.firstWord;
      if (word === "async" && (this.secondToken === "def" || this.secondToken === "for" || this.secondToken === "with")) {
        word = this.secondToken;
      }
      let what = BLOCK_KEYWORDS[word];
      if (word === "except" && this.secondToken === "*") what = "'except*' statement";
      if (what) this.expectBlock = { what, line: this.headerLine, anchor: this.lastTokenPlace };
    }
    void place;
    this.lineTokens = 0;
    this.lastToken = "";
  }

  private endStringRun(next: Place): void {
    this.inStringRun = false;
    for (const f of this.fstrings) {
      const problem = fstringProblem(f.body, f.raw);
      if (problem) {
        this.parserPhase("SyntaxError", problem, next, f.anchor);
        break;
      }
    }
    this.fstrings = [];
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
        c = s.charCodeAt(this.i);
      }
      if (this.i >= n) {
        this.endOfInput();
        return;
      }
      if (c === 10) {
        const at = commentAt >= 0 ? commentAt : this.i;
        if (this.brackets.length === 0 && this.lineTokens > 0) this.token("newline", "", this.placeOf(at));
        this.lastLineLength = this.lineLength();
        this.i++;
        this.line++;
        this.lineStart = this.i;
        atLineStart = true;
        continue;
      }
      if (isIdentifierStartUnit(c)) {
        if (this.nameOrString(start)) continue;
      } else if (isDigit(c) || (c === 46 && isDigit(s.charCodeAt(start + 1)))) {
        const end = scanNumber(s, start, (cur, message) => this.numberError(start, cur, message));
        this.i = end;
        this.token("number", "", this.placeOf(start));
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
    let j = this.i;
    let lastFormFeed = -1;
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
      } else break;
    }
    const next = s.charCodeAt(j);
    const blank = next === 35 || next === 10 || j >= s.length;
    if (lastFormFeed >= 0) this.moveFormFeeds(this.i, lastFormFeed, j, blank);
    this.i = j;
    if (blank || this.brackets.length > 0) return;
    const top = this.indents[this.indents.length - 1]!;
    const altTop = this.altIndents[this.altIndents.length - 1]!;
    const tabError = (): never =>
      this.stop({ kind: "TabError", message: "inconsistent use of tabs and spaces in indentation", line: this.line, col: 0,
        anchor: { line: this.line, col: 0 }, overrides: false });
    if (col === top) {
      if (altcol !== altTop) tabError();
    } else if (col > top) {
      if (this.indents.length >= MAX_INDENT) {
        this.stop({ kind: "IndentationError", message: "too many levels of indentation", line: this.line, col: 0,
          anchor: { line: this.line, col: 0 }, overrides: false });
      }
      if (altcol <= altTop) tabError();
      this.indents.push(col);
      this.altIndents.push(altcol);
      if (!this.expectBlock) {
        // CPython points just before the first character after the indentation
        const chars = j - this.i;
        const lineStartPlace = { line: this.line, col: 0 };
        this.parserPhase("IndentationError", "unexpected indent", { line: this.line, col: Math.max(0, this.colOf(j) - 1) },
          lineStartPlace, true);
        void chars;
      }
      this.token("indent", "", this.placeOf(j));
    } else {
      while (this.indents.length > 1 && col < this.indents[this.indents.length - 1]!) {
        this.indents.pop();
        this.altIndents.pop();
      }
      if (col !== this.indents[this.indents.length - 1]) {
        const place = { line: this.line, col: this.lineLength() };
        this.stop({ kind: "IndentationError", message: "unindent does not match any outer indentation level", ...place,
          anchor: { line: this.line, col: 0 }, overrides: false });
      }
      if (altcol !== this.altIndents[this.altIndents.length - 1]) tabError();
    }
  }

  /**
   * Lezer counts indentation up to the first form feed and skips the rest as blanks; CPython
   * restarts the count at each form feed. Rearranging the run (the blanks after the last form
   * feed first, then the form feed, then the rest as spaces) gives both the same count.
   */
  private moveFormFeeds(from: number, lastFormFeed: number, to: number, blank: boolean): void {
    if (!this.lezer) this.lezer = [];
    const s = this.s;
    // the text before `from` that has not been copied yet
    const copied = this.lezerCopied;
    this.lezer.push(s.slice(copied, from));
    if (blank || this.brackets.length > 0) {
      this.lezer.push(s.slice(from, to).replace(/\f/g, " "));
    } else {
      const after = s.slice(lastFormFeed + 1, to);
      this.lezer.push(after, "\f", " ".repeat(lastFormFeed - from));
    }
    this.lezerCopied = to;
  }

  private lezerCopied = 0;

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
    const name = s.slice(start, j);
    if (nonAscii) {
      const bad = invalidIdentifierChar(name);
      if (bad) this.failAt(bad.last ? j : start + bad.end, invalidCharacterMessage(bad.cp));
    }
    this.i = j;
    this.token("name", name, this.placeOf(start));
    return true;
  }

  /** A string literal whose prefix starts at `start` and whose quote is at `q`. */
  private string(start: number, q: number): void {
    const s = this.s;
    const n = s.length;
    const quote = s.charCodeAt(q);
    const startPlace = this.placeOf(start);
    const startLineStart = this.lineStart;
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
          this.stop({ kind: "SyntaxError", message, ...startPlace, anchor: startPlace, overrides: true });
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
    void startLineStart;
    this.i = j;
    if (!this.inStringRun) {
      this.inStringRun = true;
      this.fstrings = [];
    }
    const prefix = s.slice(start, q);
    if (/[fF]/.test(prefix)) {
      this.fstrings.push({ from: start, body: s.slice(bodyStart, bodyEnd), raw: /[rR]/.test(prefix), anchor: startPlace });
    }
    this.token("string", "", startPlace);
  }

  private newPhysicalLine(nextLineStart: number): void {
    this.line++;
    this.lineStart = nextLineStart;
  }

  /** A backslash: only a line continuation is allowed. */
  private continuation(at: number): void {
    const s = this.s;
    if (s.charCodeAt(at + 1) !== 10) {
      // E_LINECONT: CPython points at the character after the backslash
      const place = this.placeOf(at + 1);
      this.stop({ kind: "SyntaxError", message: "unexpected character after line continuation character", ...place,
        anchor: this.placeOf(at), overrides: false });
    }
    if (at + 2 >= s.length) {
      const place = this.placeOf(at + 1);
      this.stop({ kind: "SyntaxError", message: "unexpected EOF while parsing", ...place, anchor: this.placeOf(at),
        overrides: false });
    }
    this.i = at + 2;
    this.newPhysicalLine(this.i);
  }

  private operator(start: number): void {
    const s = this.s;
    const three = s.slice(start, start + 3);
    if (THREE_CHAR_OPS.has(three)) {
      this.i = start + 3;
      this.token("op", three, this.placeOf(start));
      return;
    }
    const two = s.slice(start, start + 2);
    if (THREE_CHAR_OPS.has(two)) {
      this.i = start + 2;
      this.token("op", two, this.placeOf(start));
      return;
    }
    const ch = s[start]!;
    this.i = start + 1;
    const place = this.placeOf(start);
    if (ch === "(" || ch === "[" || ch === "{") {
      if (this.brackets.length >= MAX_LEVEL) this.failAt(this.i, "too many nested parentheses");
      this.brackets.push({ char: ch, ...place });
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
    this.token("op", ch, place);
  }

  private endOfInput(): void {
    const open = this.brackets[this.brackets.length - 1];
    if (open) {
      this.unclosed = open;
      const place = { line: open.line, col: open.col };
      this.stop({ kind: "SyntaxError", message: `'${open.char}' was never closed`, ...place,
        anchor: { line: this.line, col: 0 }, overrides: false });
    }
    this.token("end", "", { line: this.line - 1, col: this.lastLineLength });
  }
}
