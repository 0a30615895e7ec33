// Located SyntaxErrors raised by the checks that run on the finished AST.
import { DiagnosticError } from "./ast.js";

/** Throws CPython's SyntaxError at a node's start (its line and 0-based column). */
export function syntaxError(at: { lineno: number; col_offset: number }, message: string): never {
  throw new DiagnosticError([{ kind: "SyntaxError", message, line: at.lineno, col: at.col_offset }]);
}
