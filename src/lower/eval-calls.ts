// `eval(src)` and `exec(src)` without namespaces run the code against the caller's: CPython
// passes the frame's globals and locals. The lowering makes that explicit before the scopes
// are analysed, `eval(src)` becoming `eval(src, globals(), locals())`, so the module (or the
// function, or the class body) gets the namespace `globals()` and `locals()` give it anywhere:
// at module level the module's namespace, whose writes rebind its globals (`exec("y = 5")`
// then `print(y)` reads y from the module object); in a function, the module's globals and a
// snapshot of its locals, as CPython 3.11's locals() (what exec assigns there does not change
// the function's variables, in CPython either); in a class body, the class namespace.
import type * as py from "../frontend/ast.js";
import { forEachChild, type AnyNode } from "../frontend/walk.js";

const RUNNERS = new Set(["eval", "exec"]);

/** Does some statement of the module bind `name` (so it is not the builtin)? */
function boundNames(body: readonly py.Stmt[]): Set<string> {
  const bound = new Set<string>();
  const pending: AnyNode[] = [...body];
  while (pending.length > 0) {
    const node = pending.pop()!;
    switch (node._type) {
      case "Name":
        if ((node as py.Name).ctx !== "Load") bound.add((node as py.Name).id);
        break;
      case "FunctionDef":
      case "AsyncFunctionDef":
      case "ClassDef":
        bound.add((node as py.FunctionDef).name);
        break;
      case "Import":
      case "ImportFrom":
        for (const a of (node as py.Import).names) bound.add(a.asname ?? a.name.split(".")[0]!);
        break;
      case "arguments": {
        const a = node as py.Arguments;
        for (const p of [...a.posonlyargs, ...a.args, ...(a.vararg ? [a.vararg] : []), ...a.kwonlyargs, ...(a.kwarg ? [a.kwarg] : [])]) bound.add(p.arg);
        break;
      }
    }
    forEachChild(node, (child) => pending.push(child));
  }
  return bound;
}

function namespaceCall(at: py.Expr, name: "globals" | "locals"): py.Call {
  const span = { lineno: at.lineno, col_offset: at.col_offset, end_lineno: at.end_lineno, end_col_offset: at.end_col_offset };
  return { ...span, _type: "Call", func: { ...span, _type: "Name", id: name, ctx: "Load" }, args: [], keywords: [] } as py.Call;
}

/** The module's body with each `eval(src)` / `exec(src)` given the caller's namespaces. */
export function withEvalNamespaces(body: py.Stmt[]): py.Stmt[] {
  const bound = boundNames(body);
  if (bound.has("globals") || bound.has("locals")) return body;
  const pending: AnyNode[] = [...body];
  while (pending.length > 0) {
    const node = pending.pop()!;
    forEachChild(node, (child) => pending.push(child));
    if (node._type !== "Call") continue;
    const call = node as py.Call;
    const f = call.func;
    if (f._type !== "Name" || !RUNNERS.has(f.id) || bound.has(f.id)) continue;
    if (call.args.length !== 1 || call.args[0]!._type === "Starred" || call.keywords.some((k) => k.arg !== "closure")) continue;
    call.args.push(namespaceCall(call, "globals"), namespaceCall(call, "locals"));
  }
  return body;
}
