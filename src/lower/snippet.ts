// Source that `eval`, `exec` and `compile` give at run time (a snippet) is lowered as a lone
// module whose globals live in the namespace the code runs against, not in JS variables: the
// emitted body runs inside `with (scope)` over that namespace (runtime/lang/eval-exec.ts), so
// every read or assignment of a module-level name, at the top level or in a function the
// snippet defines, reaches the dict when it runs (CPython's LOAD_NAME/STORE_NAME and the
// functions' LOAD_GLOBAL). The snippet's top level therefore assigns its module-level names
// instead of declaring them; the lowering's temporaries stay declared.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { forEachChild, type AnyNode } from "../frontend/walk.js";
import { jsName } from "./names.js";

/** `single`: one interactive statement, whose expression statements display their values. */
export type SnippetMode = "exec" | "eval" | "single";

/** The emitted body's parameter holding the namespaces it runs against (the `with` object). */
export const SNIPPET_SCOPE = "$scope";

/** The emitted body's parameter holding the globals dict's view (globals, then builtins) that the functions and classes the snippet defines read. */
export const SNIPPET_GLOBALS = "$globals";

/** The variable an eval-mode snippet keeps its expression's value in (never a Python name). */
export const EVAL_RESULT = "$evalResult";

/**
 * Every Python name the snippet mentions, by its JS spelling: the names the `with` scope
 * answers for (a function's own locals are JS locals, found before the scope).
 */
export function snippetNames(module: py.Module, cx: LowerContext): Map<string, string> {
  const names = new Map<string, string>();
  const add = (name: string): void => {
    names.set(jsName(name), name);
  };
  for (const scope of cx.scopes.values()) for (const name of scope.bindings.keys()) add(name);
  for (const name of cx.moduleScope.bindings.keys()) add(name);
  const pending: AnyNode[] = [...module.body];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node._type === "Name") add((node as py.Name).id);
    if (node._type === "Global" || node._type === "Nonlocal") for (const name of (node as py.Global).names) add(name);
    forEachChild(node, (child) => pending.push(child));
  }
  names.delete(EVAL_RESULT);
  return names;
}

/** The names a declaration pattern declares. */
function patternNames(p: ir.Pattern | ir.Expr | null | undefined, out: string[]): void {
  if (!p) return;
  if (p.k === "id") out.push(p.name);
  else if (p.k === "arrayPattern") {
    p.elements.forEach((e) => patternNames(e, out));
    patternNames(p.rest, out);
  }
}

/**
 * The snippet's top-level statements with each declaration of a module-level Python name
 * made an assignment (a `def` or `class` assigns its function or class expression).
 */
export function snippetTopLevel(cx: LowerContext, body: ir.Stmt[]): ir.Stmt[] {
  const globals = new Set<string>();
  for (const name of cx.moduleScope.bindings.keys()) globals.add(jsName(name));
  globals.delete(EVAL_RESULT);
  return rewriteBlock(body, globals);
}

/** A block of the top level (also inside its if, while, for and try, not in functions). */
function rewriteBlock(body: ir.Stmt[], globals: Set<string>): ir.Stmt[] {
  const out: ir.Stmt[] = [];
  const assign = (target: ir.Expr | ir.Pattern, value: ir.Expr, loc?: ir.Loc): ir.Stmt => ({ k: "expr", expr: { k: "assign", op: "=", target, value }, loc });
  const block = (stmts: ir.Stmt[]): ir.Stmt[] => rewriteBlock(stmts, globals);
  for (const stmt of body) {
    switch (stmt.k) {
      case "decl": {
        const declared: string[] = [];
        if (typeof stmt.name === "string") declared.push(stmt.name);
        else patternNames(stmt.name, declared);
        if (!declared.some((n) => globals.has(n))) {
          out.push(stmt);
          break;
        }
        // The lowering's own names in the pattern stay local to the snippet.
        for (const name of declared) if (!globals.has(name)) out.push({ k: "decl", kind: "let", name });
        if (stmt.init !== undefined) out.push(assign(typeof stmt.name === "string" ? { k: "id", name: stmt.name } : stmt.name, stmt.init, stmt.loc));
        break;
      }
      case "function":
        out.push(stmt.fn.name && globals.has(stmt.fn.name) ? assign({ k: "id", name: stmt.fn.name }, { k: "func", fn: stmt.fn }, stmt.loc) : stmt);
        break;
      case "class":
        out.push(globals.has(stmt.name) ? assign({ k: "id", name: stmt.name }, { k: "classExpr", name: stmt.name, superClass: stmt.superClass, members: stmt.members }, stmt.loc) : stmt);
        break;
      case "forOf": {
        const declared: string[] = [];
        if (typeof stmt.target === "string") declared.push(stmt.target);
        else patternNames(stmt.target, declared);
        const global = stmt.declare !== null && declared.some((n) => globals.has(n));
        // A loop variable of the top level is a global: the loop assigns it.
        const target = global && typeof stmt.target === "string" ? ({ k: "id", name: stmt.target } as ir.Expr) : stmt.target;
        if (global) for (const name of declared) if (!globals.has(name)) out.push({ k: "decl", kind: "let", name });
        out.push({ ...stmt, declare: global ? null : stmt.declare, target, body: block(stmt.body) });
        break;
      }
      case "if":
        out.push({ ...stmt, then: block(stmt.then), else: stmt.else && block(stmt.else) });
        break;
      case "while":
      case "for":
        out.push({ ...stmt, body: block(stmt.body) });
        break;
      case "try":
        out.push({ ...stmt, block: block(stmt.block), handler: stmt.handler && block(stmt.handler), finalizer: stmt.finalizer && block(stmt.finalizer) });
        break;
      case "block":
        out.push({ ...stmt, body: block(stmt.body) });
        break;
      case "labeled":
        out.push({ ...stmt, body: block([stmt.body])[0]! });
        break;
      default:
        out.push(stmt);
    }
  }
  return out;
}
