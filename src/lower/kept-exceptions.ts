// Does an `except ... as e` clause let `e` outlive it? CPython unbinds `e` when the clause
// ends, so the exception survives only where the clause stores it (`saved = e`, `errors.append(e)`,
// `return e`, a closure). Such a clause records where it caught `e` (the runtime's caughtHere),
// so a traceback read later still starts at the catching frame; other clauses pay nothing.

import type * as py from "../frontend/ast.js";
import { type AnyNode, forEachChild } from "../frontend/walk.js";

/** Builtins whose call reads an exception without keeping it. */
const READERS = new Set(["print", "str", "repr", "type", "isinstance", "issubclass", "len", "format", "hash", "id", "bool", "ascii"]);

/** Is this use of the name (a child of `parent`) one that cannot keep the value? */
function onlyReads(parent: AnyNode, child: py.Expr): boolean {
  switch (parent._type) {
    case "Attribute":
    case "FormattedValue":
    case "Compare":
    case "Expr":
    case "Raise":
    case "If":
    case "Assert":
      return true;
    case "Call":
      return parent.func !== child && parent.func._type === "Name" && READERS.has(parent.func.id);
    default:
      return false;
  }
}

/** May the clause's body keep the exception bound to `name` past the clause's end? */
export function keepsCaught(body: py.Stmt[], name: string): boolean {
  let kept = false;
  const visit = (parent: AnyNode): void => {
    forEachChild(parent, (child) => {
      if (kept) return;
      if (child._type === "Name" && child.id === name && child.ctx === "Load") {
        if (!onlyReads(parent, child)) kept = true;
        return;
      }
      visit(child);
    });
  };
  for (const stmt of body) {
    if (kept) break;
    visit(stmt);
  }
  return kept;
}

/**
 * The `yield`s a try statement's body holds (nested defs, lambdas, classes and generator
 * expressions are their own frames): where an exception `throw()` puts into the generator
 * can arrive.
 */
export function yieldsIn(body: py.Stmt[]): (py.Yield | py.YieldFrom)[] {
  const found: (py.Yield | py.YieldFrom)[] = [];
  const visit = (node: AnyNode): void => {
    if (node._type === "Yield" || node._type === "YieldFrom") found.push(node);
    if (node._type === "FunctionDef" || node._type === "AsyncFunctionDef" || node._type === "Lambda" || node._type === "ClassDef" || node._type === "GeneratorExp") return;
    forEachChild(node, visit);
  };
  for (const stmt of body) visit(stmt);
  return found;
}
