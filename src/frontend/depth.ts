// CPython's compiler refuses code nested deeper than it can recurse through: its AST optimizer
// counts every statement, expression and pattern on the way down and raises RecursionError
// past 3 x the recursion limit (1000 by default), measured from a script's top level.
import { DiagnosticError, type Module, type Stmt } from "./ast.js";
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
