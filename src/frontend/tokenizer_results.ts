// What the tokenizer pass (tokenizer.ts) hands to the parse: the errors it found, in the order
// and with the places CPython reports them, and the text Lezer parses.

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
  /** Source offset where the parser meets it (Lezer need not read past it). */
  at: number;
  /** The error CPython reports instead when its parser fails before reaching this one. */
  unreached?: LexError;
}

export interface ParserPhaseError extends LexError {
  /** "unexpected indent" is reported without looking at the rest of the file. */
  final: boolean;
}

export interface Lexed {
  error: TokenizerError | null;
  parserError: ParserPhaseError | null;
  /** The innermost bracket still open where the tokenizer stopped without a message (`at`: its offset). */
  unclosed: (Place & { char: string; at: number }) | null;
  /** The source with a final newline; form feeds moved so Lezer counts indentation like CPython. */
  lezerText: string;
  /** Comments up to the first error, as [from, to) offset pairs. */
  comments: number[];
  /** Runs of blank lines Lezer saw as one comment ending the statement's line: [newline, end) pairs. */
  hiddenBlankRuns: number[];
}
