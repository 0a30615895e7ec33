// Checks CPython makes after parsing, in its order: `__future__` imports (future.c), nesting
// depth (ast_opt.c), the symbol table (symtable.c), then the compiler (compile.c), which also issues SyntaxWarnings.
import type { Module } from "./ast.js";
import { CompileChecker } from "./compile_checks.js";
import { checkFutureImports } from "./future.js";
import { checkCompilerDepth } from "./depth.js";
import { buildSymtable } from "./symtable.js";
import type { CompileWarning } from "./warnings.js";

/** Throws the first SyntaxError CPython would raise; returns the warnings it would print. */
export function validateModule(module: Module): CompileWarning[] {
  const leadingFutures = checkFutureImports(module.body);
  // the AST optimizer, which runs before the symbol table, refuses the deepest code
  checkCompilerDepth(module);
  const { module: scope, scopes } = buildSymtable(module.body);
  const warnings: CompileWarning[] = [];
  // CPython's default filter shows a warning once per (message, category, line)
  const seen = new Set<string>();
  const checker = new CompileChecker(scopes, leadingFutures, (line, message) => {
    const key = `${line}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    warnings.push({ category: "SyntaxWarning", message, line });
  });
  checker.module(module.body, scope);
  return warnings;
}
