// `from __future__ import ...` (CPython's future.c): only allowed before any other statement
// except the docstring, and only for features CPython knows.
import type { Stmt } from "./ast.js";
import { syntaxError } from "./diagnostics.js";

const FEATURES = new Set([
  "nested_scopes", "generators", "division", "absolute_import", "with_statement", "print_function",
  "unicode_literals", "barry_as_FLUFL", "generator_stop", "annotations",
]);

/** Checks the leading future imports and returns them (any later one is the compiler's error). */
export function checkFutureImports(body: Stmt[]): Set<Stmt> {
  const leading = new Set<Stmt>();
  for (let i = body[0] && isDocstring(body[0]) ? 1 : 0; i < body.length; i++) {
    const s = body[i]!;
    if (s._type !== "ImportFrom" || s.module !== "__future__" || s.level !== 0) break;
    for (const alias of s.names) {
      if (alias.name === "braces") syntaxError(s, "not a chance");
      if (!FEATURES.has(alias.name)) syntaxError(s, `future feature ${alias.name} is not defined`);
    }
    leading.add(s);
  }
  return leading;
}

function isDocstring(s: Stmt): boolean {
  return s._type === "Expr" && s.value._type === "Constant" && s.value.value.kind === "str";
}

/** The features the leading future imports name (without checking them). */
export function leadingFutures(body: Stmt[]): Set<string> {
  const names = new Set<string>();
  for (let i = body[0] && isDocstring(body[0]) ? 1 : 0; i < body.length; i++) {
    const s = body[i]!;
    if (s._type !== "ImportFrom" || s.module !== "__future__" || s.level !== 0) break;
    for (const alias of s.names) names.add(alias.name);
  }
  return names;
}
