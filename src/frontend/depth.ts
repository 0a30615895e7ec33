// CPython's compiler refuses code nested deeper than it can recurse through: its AST optimizer
// counts every statement, expression and pattern on the way down and raises RecursionError
// past 3 x the recursion limit (1000 by default), measured from a script's top level.
import { DiagnosticError, OutOfStack, type Module, type Stmt } from "./ast.js";
import { forEachChild, type AnyNode } from "./walk.js";

/** Levels CPython's compiler accepts (COMPILER_STACK_FRAME_SCALE x the default recursion limit). */
export const COMPILER_DEPTH_LIMIT = 3000;

/** Node kinds the optimizer passes through without counting a level. */
const UNCOUNTED = new Set(["comprehension", "ExceptHandler", "arguments", "keyword", "withitem", "match_case"]);

/** Throws CPython's RecursionError, located at the first node past the limit, if any. */
export function checkCompilerDepth(module: Module): void {
  // iterative: the nesting being measured may be deeper than this process can recurse
  const stack: [AnyNode, number][] = [];
  const push = (body: readonly Stmt[], depth: number): void => {
    for (let i = body.length - 1; i >= 0; i--) stack.push([body[i]!, depth]);
  };
  push(module.body, 0);
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, outer] = top;
    const depth = UNCOUNTED.has(node._type) ? outer : outer + 1;
    if (depth > COMPILER_DEPTH_LIMIT && "lineno" in node) {
      const message = "maximum recursion depth exceeded during compilation";
      throw new DiagnosticError([{ kind: "RecursionError", message, line: node.lineno, col: node.col_offset }]);
    }
    const children: AnyNode[] = [];
    forEachChild(node, (c) => children.push(c));
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, depth]);
  }
}

/**
 * The statement holding the most deeply nested node, and that depth (counted as
 * checkCompilerDepth counts): where a conversion that ran out of stack is reported.
 */
export function deepestStatement(module: Module): { stmt: Stmt; depth: number } | null {
  const stack: [AnyNode, number, Stmt | null][] = [];
  for (let i = module.body.length - 1; i >= 0; i--) stack.push([module.body[i]!, 0, null]);
  let best: { stmt: Stmt; depth: number } | null = null;
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, outer, holder] = top;
    const depth = UNCOUNTED.has(node._type) ? outer : outer + 1;
    // the innermost statement holds the node (its own depth counts from there)
    const stmt = isStmt(node) ? node : holder!;
    if (!best || depth > best.depth) best = { stmt, depth };
    const children: AnyNode[] = [];
    forEachChild(node, (c) => children.push(c));
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, depth, stmt]);
  }
  return best;
}

function isStmt(node: AnyNode): node is Stmt {
  return STATEMENTS.has(node._type);
}

const STATEMENTS = new Set([
  "FunctionDef", "AsyncFunctionDef", "ClassDef", "Return", "Delete", "Assign", "AugAssign", "AnnAssign", "For", "AsyncFor",
  "While", "If", "With", "AsyncWith", "Match", "Raise", "Try", "TryStar", "Assert", "Import", "ImportFrom", "Global",
  "Nonlocal", "Expr", "Pass", "Break", "Continue",
]);

/**
 * A pass that recurses once per level of nesting (the symbol table, the lowering, the JS
 * parser and printer behind the code generator) ran out of stack on code CPython accepts
 * (it compiles up to 3,000 levels): the located error for it, or null for any other error.
 */
export function stackExhausted(module: Module, e: unknown): OutOfStack | null {
  if (!(e instanceof RangeError && /call stack/.test(e.message))) return null;
  const deepest = deepestStatement(module);
  if (!deepest) return null;
  const message = `unsupported: code nested ${deepest.depth} levels deep (pyts runs out of stack; CPython allows up to 3,000)`;
  return new OutOfStack([{ kind: "Unsupported", message, line: deepest.stmt.lineno, col: deepest.stmt.col_offset }]);
}
