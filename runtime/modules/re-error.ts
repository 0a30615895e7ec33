// `re.error` (the exception for an invalid pattern or replacement template, with the
// position CPython reports) and the flag bits the parser, compiler and module share.

import { Exception } from "../values/exceptions.js";

/** CPython's RegexFlag values (Lib/re/_constants.py). */
export const RE_FLAGS = { T: 1, I: 2, L: 4, M: 8, S: 16, U: 32, X: 64, DEBUG: 128, A: 256 } as const;

export class ReError extends Exception {
  static readonly pythonName = "error";
  static readonly __module__ = "re";
  declare msg: string;
  declare pattern: unknown;
  declare pos: bigint | null;
  declare lineno: bigint | null;
  declare colno: bigint | null;

  constructor(msg: string, pattern: unknown = null, pos: number | null = null) {
    let text = msg;
    let lineno: bigint | null = null;
    let colno: bigint | null = null;
    if (typeof pattern === "string" && pos !== null) {
      const before = Array.from(pattern).slice(0, pos).join("");
      const line = before.split("\n").length;
      const column = pos - (before.includes("\n") ? Array.from(before.slice(0, before.lastIndexOf("\n") + 1)).length : 0) + 1;
      lineno = BigInt(line);
      colno = BigInt(column);
      text = `${msg} at position ${pos}`;
      if (pattern.includes("\n")) text += ` (line ${line}, column ${column})`;
    }
    super(text);
    this.msg = msg;
    this.pattern = pattern;
    this.pos = pos === null ? null : BigInt(pos);
    this.lineno = lineno;
    this.colno = colno;
  }
}
