// inspect.BlockFinder: CPython's token-driven detector of a def/class/lambda block's end. A
// caller feeds it tokenize's 5-tuples through `tokeneater`; it raises EndOfBlock when the block
// ends and keeps the last line of the block in `last`.

import { eq } from "../values/compare.js";
import { getitem } from "../values/subscript.js";
import { truthy } from "../values/truth.js";
import { EndOfBlock } from "./inspect-classes.js";

// tokenize's token type numbers (3.11)
const NEWLINE = 4n;
const INDENT = 5n;
const DEDENT = 6n;
const COMMENT = 61n;
const NL = 62n;

const intOf = (x: unknown): bigint => (typeof x === "bigint" ? x : BigInt(x as number));

export class BlockFinder {
  static readonly __module__ = "inspect";
  static readonly __doc__ = "Provide a tokeneater() method to detect the end of a code block.";
  indent: unknown = 0n;
  islambda: unknown = false;
  started: unknown = false;
  passline: unknown = false;
  indecorator: unknown = false;
  last: unknown = 1n;
  body_col0: unknown = null;

  tokeneater(type: unknown, token: unknown, srowcol: unknown, erowcol: unknown, _line: unknown): void {
    const kind = typeof type === "bigint" || typeof type === "number" ? intOf(type) : null;
    if (!truthy(this.started) && !truthy(this.indecorator)) {
      // decorators are skipped; the first def, class or lambda starts the block
      if (eq(token, "@")) this.indecorator = true;
      else if (eq(token, "def") || eq(token, "class") || eq(token, "lambda")) {
        if (eq(token, "lambda")) this.islambda = true;
        this.started = true;
      }
      this.passline = true;
    } else if (kind === NEWLINE) {
      this.passline = false;
      this.last = getitem(srowcol, 0n);
      if (truthy(this.islambda)) throw new EndOfBlock();
      // a decorator without arguments ends at its NEWLINE
      if (truthy(this.indecorator)) this.indecorator = false;
    } else if (truthy(this.passline)) {
      // skipping to the end of the logical line
    } else if (kind === INDENT) {
      if (this.body_col0 === null && truthy(this.started)) this.body_col0 = getitem(erowcol, 1n);
      this.indent = intOf(this.indent) + 1n;
      this.passline = true;
    } else if (kind === DEDENT) {
      this.indent = intOf(this.indent) - 1n;
      // matching indent/dedent pairs end a def/class block
      if (intOf(this.indent) <= 0n) throw new EndOfBlock();
    } else if (kind === COMMENT) {
      // comments indented at least as deep as the body belong to the block
      if (this.body_col0 !== null && intOf(getitem(srowcol, 1n)) >= intOf(this.body_col0)) this.last = getitem(srowcol, 0n);
    } else if (intOf(this.indent) === 0n && kind !== NL) {
      // any other token at the block's own indentation ends it
      throw new EndOfBlock();
    }
  }
}
