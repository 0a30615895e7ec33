// String hints (`def f(x: "Node")`, `Optional["Tree"]`) for typing.get_type_hints: CPython
// evaluates them in the defining module's globals at the call. pyts has no eval, so the
// compiler parses each string hint and registers a thunk per text with the module
// (`forwardRefs(module, { Node: () => Node })`); the runtime calls it when asked.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { forEachChild, type AnyNode } from "../frontend/walk.js";
import { parsePython } from "../frontend/parse.js";
import { lowerExpr } from "./expressions.js";
import { MODULE_ID } from "./program-imports.js";

const BUILTIN_TYPES = new Set(["int", "str", "float", "bool", "bytes", "bytearray", "complex", "list", "dict", "set", "frozenset", "tuple", "type", "object", "range"]);

/** The string constants of the module's hints (inside subscripts too). */
function stringHints(module: py.Module): Set<string> {
  const texts = new Set<string>();
  const collect = (hint: py.Expr | null | undefined): void => {
    if (!hint) return;
    const visit = (node: AnyNode): void => {
      if (node._type === "Constant" && (node as py.Constant).value.kind === "str") texts.add(((node as py.Constant).value as { value: string }).value);
      forEachChild(node, visit);
    };
    visit(hint as AnyNode);
  };
  const walk = (node: AnyNode): void => {
    if (node._type === "FunctionDef" || node._type === "AsyncFunctionDef") {
      const def = node as py.FunctionDef;
      const a = def.args;
      for (const arg of [...a.posonlyargs, ...a.args, ...a.kwonlyargs, a.vararg, a.kwarg]) collect(arg?.annotation);
      collect(def.returns);
    }
    if (node._type === "AnnAssign") collect((node as py.AnnAssign).annotation);
    forEachChild(node, walk);
  };
  for (const stmt of module.body) walk(stmt as AnyNode);
  return texts;
}

/** The names an expression reads. */
function namesRead(e: py.Expr): string[] {
  const names: string[] = [];
  const visit = (node: AnyNode): void => {
    if (node._type === "Name") names.push((node as py.Name).id);
    forEachChild(node, visit);
  };
  visit(e as AnyNode);
  return names;
}

/** `forwardRefs(module, {...})` for the module's string hints whose names the module binds. */
export function forwardRefStatement(cx: LowerContext, module: py.Module): ir.Stmt | null {
  const props: { key: string; value: ir.Expr }[] = [];
  for (const text of stringHints(module)) {
    let expr: py.Expr;
    try {
      const parsed = parsePython(`(${text})`, "<string>");
      const first = parsed.body[0];
      if (parsed.body.length !== 1 || first?._type !== "Expr") continue;
      expr = first.value;
    } catch {
      continue;
    }
    if (!namesRead(expr).every((n) => cx.moduleScope.bindings.has(n) || BUILTIN_TYPES.has(n))) continue;
    const before = cx.diagnostics.length;
    try {
      const value = lowerExpr(cx, expr);
      if (cx.diagnostics.length > before) {
        cx.diagnostics.length = before;
        continue;
      }
      props.push({ key: text, value: { k: "arrow", params: [], body: stripLoc(value) } });
    } catch {
      cx.diagnostics.length = before;
    }
  }
  if (props.length === 0) return null;
  const name: ir.Expr = cx.program ? { k: "member", object: { k: "id", name: MODULE_ID }, property: "__name__" } : { k: "str", value: "__main__" };
  return { k: "expr", expr: { k: "call", callee: cx.rt("forwardRefs"), args: [name, { k: "object", props }] } };
}

/** The parsed string's positions are not the file's: no source-map entries for them. */
function stripLoc<T>(x: T): T {
  if (Array.isArray(x)) return x.map(stripLoc) as T;
  if (x !== null && typeof x === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (k !== "loc") out[k] = stripLoc(v);
    return out as T;
  }
  return x;
}
