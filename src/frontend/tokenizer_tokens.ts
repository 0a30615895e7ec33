// The token stream as CPython's parser sees it: the few errors the parser raises from tokens
// alone (a keyword after `.`, `<>`, `a == not b`, a missing indented block, f-string contents,
// mixed bytes and str literals), checked as each token comes.
import { fstringProblem } from "./fstring_check.js";
import { BLOCK_KEYWORDS, HARD_KEYWORDS } from "./tokenizer_tables.js";
import { TokenizerState } from "./tokenizer_state.js";

/** Operators after which `not` cannot come (it binds looser than all of them). */
const NOT_OPERAND_AFTER = new Set(["+", "-", "*", "/", "%", "**", "//", "<<", ">>", "&", "|", "^", "~", "@", "<", ">", "==", "!=", "<=", ">="]);

/** The keywords an expression may start with. */
const EXPRESSION_KEYWORDS = new Set(["not", "lambda", "await", "None", "True", "False"]);

export class TokenStream extends TokenizerState {
  /**
   * Every token the parser would see, in order, starting at offset `at` of the current line
   * (`text`: an operator, or a name where the checks need it).
   */
  protected token(kind: "name" | "number" | "string" | "op" | "newline" | "indent" | "end", text: string, at: number): void {
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
      // CPython's invalid_try_stmt: a try body followed by neither handler fails at that token
      // (before the parser reaches anything a later line holds, an unexpected indent included)
      if (this.closedTry && !(kind === "name" && (text === "except" || text === "finally"))) {
        const place = this.placeOf(at);
        this.parserPhase("SyntaxError", "expected 'except' or 'finally' block", place, place);
      }
      this.closedTry = false;
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
    // the `:` ending a compound statement's header (a lambda at the top level owns one `:`)
    if (this.brackets.length === 0) {
      if (kind === "name" && text === "lambda") this.lambdas++;
      else if (kind === "op" && text === ":") {
        if (this.lambdas > 0) this.lambdas--;
        else if (this.headerColonAt < 0 && this.lineTokens > 1 && this.firstWord in BLOCK_KEYWORDS) this.headerColonAt = at;
      }
    }
    // `not` is no operand of an arithmetic, bitwise or comparison operator (`a == not b`)
    if (kind === "name" && text === "not" && NOT_OPERAND_AFTER.has(this.lastToken) && !(this.lastToken === "@" && this.lineTokens === 2)) {
      const place = this.placeOf(at);
      this.parserPhase("SyntaxError", "invalid syntax", place, place);
    }
    this.lastToken = kind === "name" || kind === "op" ? text : kind;
    this.lastTokenAt = at;
    this.lastTokenLine = this.line;
    this.lastTokenLineStart = this.lineStart;
  }

  protected endLogicalLine(): void {
    // after a header's `:` only simple statements follow on the line, and none ends with `:`
    const colonAfterBody = this.lastToken === ":" && this.headerColonAt >= 0 && this.headerColonAt !== this.lastTokenAt;
    if (colonAfterBody) {
      const place = { line: this.lastTokenLine, col: this.colOf(this.lastTokenAt, this.lastTokenLineStart) };
      this.parserPhase("SyntaxError", "invalid syntax", place, place);
    }
    this.headerColonAt = -1;
    this.lambdas = 0;
    this.afterDecorator = this.decoratorLine && this.lineTokens > 0;
    this.decoratorLine = false;
    this.inlineTry = this.firstWord === "try" && this.secondToken === ":" && this.lastToken !== ":";
    if (this.lastToken === ":" && this.lineTokens > 1 && !colonAfterBody) {
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
  protected endStringRun(next: number): void {
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
}
