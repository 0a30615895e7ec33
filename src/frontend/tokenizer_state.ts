// The tokenizer's state and its shared services: positions (columns in code points), errors
// (the tokenizer's own and the ones CPython's parser raises from the token stream), the text
// shown to Lezer, and physical lines (with the NUL-byte check made as each line is reached).
import {
  type ErrorClass, type Lexed, type LexError, type ParserPhaseError, type Place, type TokenizerError,
} from "./tokenizer_results.js";

/** Thrown to end the scan at the first tokenizer error (recorded in `error`). */
export class Stop extends Error {}

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

export class TokenizerState {
  /** The source with the final newline CPython adds when it is missing. */
  protected readonly s: string;
  protected i = 0;
  protected line = 1;
  protected lineStart = 0;
  protected readonly brackets: Bracket[] = [];
  protected readonly indents = [0];
  protected readonly altIndents = [0];
  /** The header word of each indented block (`case` is a keyword only directly inside a `match`). */
  protected readonly blockWords = [""];
  protected error: TokenizerError | null = null;
  protected parserError: ParserPhaseError | null = null;
  protected unclosed: Lexed["unclosed"] = null;
  protected lezer: string[] | null = null;
  // the logical line being read: its first two names, last token, and whether it has tokens
  protected lineTokens = 0;
  protected firstWord = "";
  protected secondToken = "";
  protected headerLine = 0;
  protected lastToken = "";
  protected lastTokenAt = 0;
  protected lastTokenLine = 1;
  protected lastTokenLineStart = 0;
  /** Set after the NEWLINE of a block header: the next token must be an INDENT. */
  protected expectBlock: { what: string; word: string; line: number; anchor: Place } | null = null;
  /** The current run of adjacent string tokens (one concatenated literal to the parser). */
  protected stringRun: StringToken[] = [];
  protected inStringRun = false;

  /** Start and end offsets of the last physical line that ended. */
  protected lastLineStart = 0;
  protected lastLineEnd = 0;

  /** Set when a line dedents to the level of a `try:` header whose body it ends. */
  protected closedTry = false;
  /** Whether the last logical line was `try:` with its body on the same line. */
  protected inlineTry = false;

  /** Whether the logical line being read starts with `@` (a decorator). */
  protected decoratorLine = false;
  /** Set after the NEWLINE of a decorator: a DEDENT next is where CPython's parser fails. */
  protected afterDecorator = false;

  /** Top-level lambdas of the logical line still waiting for their `:`. */
  protected lambdas = 0;
  /** Offset of the `:` that ended the header of the logical line's compound statement (-1: none). */
  protected headerColonAt = -1;

  protected lezerCopied = 0;
  protected readonly comments: number[] = [];
  protected readonly hiddenBlankRuns: number[] = [];
  /** Offset of the newline that ended the last logical line, while only blank lines follow it. */
  protected blankRunFrom = -1;

  /** The line holding the first NUL character (0: none). */
  protected nullByteLine = 0;

  constructor(source: string) {
    this.s = source.endsWith("\n") ? source : source + "\n";
  }

  // ---- positions ---------------------------------------------------------------------------

  /** 0-based column in code points of offset `at` on the line starting at `lineStart`. */
  protected colOf(at: number, lineStart = this.lineStart): number {
    let col = at - lineStart;
    for (let k = lineStart; k < at; k++) {
      const c = this.s.charCodeAt(k);
      if (c >= 0xdc00 && c <= 0xdfff) col--;
    }
    return col;
  }

  protected placeOf(at: number): Place {
    return { line: this.line, col: this.colOf(at) };
  }

  /** Length in code points of the current line without its newline. */
  protected lineLength(): number {
    let end = this.s.indexOf("\n", this.lineStart);
    if (end < 0) end = this.s.length;
    return this.colOf(end);
  }

  /** Where the parser stands at the end of input: the end of the last line. */
  protected endPlace(): Place {
    return { line: this.line - 1, col: this.colOf(this.lastLineEnd, this.lastLineStart) };
  }

  /** A tokenizer error raised by `syntaxerror()`: CPython points one character before `cur`. */
  protected failAt(cur: number, message: string, kind: ErrorClass = "SyntaxError"): never {
    const place = { line: this.line, col: Math.max(0, this.colOf(cur) - 1) };
    return this.stop({ kind, message, ...place, anchor: place, overrides: true });
  }

  protected stop(error: Omit<TokenizerError, "at">, at = this.lineStart): never {
    this.error = { ...error, at };
    // CPython reads on after a parse error until such an error; a bracket still open then is blamed
    const open = this.brackets[this.brackets.length - 1];
    if (!error.overrides && open) this.unclosed = { char: open.char, line: open.line, col: this.colOf(open.at, open.lineStart), at: open.at };
    throw new Stop();
  }

  protected parserPhase(kind: ErrorClass, message: string, place: Place, anchor: Place, final = false): void {
    if (!this.parserError) this.parserError = { kind, message, ...place, anchor, final };
  }

  // ---- the text Lezer sees and physical lines -------------------------------------------------

  /** Replaces text at `from` (same length) in what Lezer sees; edits come in source order. */
  protected edit(from: number, text: string): void {
    if (!this.lezer) this.lezer = [];
    this.lezer.push(this.s.slice(this.lezerCopied, from), text);
    this.lezerCopied = from + text.length;
  }

  protected newPhysicalLine(nextLineStart: number): void {
    this.line++;
    this.lineStart = nextLineStart;
    if (this.line === this.nullByteLine) this.nullByte();
  }

  /** CPython refuses a line holding a NUL as soon as it reads it, whatever comes before on it. */
  protected nullByte(): never {
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
}
