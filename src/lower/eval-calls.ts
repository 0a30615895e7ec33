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

function isNone(e: py.Expr): boolean {
  return e._type === "Constant" && e.value.kind === "None";
}

function namespaceCall(at: py.Expr, name: "globals" | "locals"): py.Call {
  const span = { lineno: at.lineno, col_offset: at.col_offset, end_lineno: at.end_lineno, end_col_offset: at.end_col_offset };
  return { ...span, _type: "Call", func: { ...span, _type: "Name", id: name, ctx: "Load" }, args: [], keywords: [] } as py.Call;
}

/** `{"x": x, ...}`: what locals() shows in a comprehension (its own variables), as a dict display. */
function comprehensionLocals(at: py.Expr, names: readonly string[]): py.Expr {
  const span = { lineno: at.lineno, col_offset: at.col_offset, end_lineno: at.end_lineno, end_col_offset: at.end_col_offset };
  return {
    ...span,
    _type: "Dict",
    keys: names.map((n) => ({ ...span, _type: "Constant", value: { kind: "str", value: n }, kind: null }) as py.Expr),
    values: names.map((n) => ({ ...span, _type: "Name", id: n, ctx: "Load" }) as py.Expr),
  } as py.Expr;
}

const COMPREHENSIONS = new Set(["ListComp", "SetComp", "DictComp", "GeneratorExp"]);

/** The names a comprehension's `for` targets bind. */
function targetNames(node: AnyNode): string[] {
  const names: string[] = [];
  for (const generator of (node as py.ListComp).generators) {
    const pending: AnyNode[] = [generator.target as AnyNode];
    while (pending.length > 0) {
      const target = pending.pop()!;
      if (target._type === "Name" && !names.includes((target as py.Name).id)) names.push((target as py.Name).id);
      forEachChild(target, (child) => pending.push(child));
    }
  }
  return names;
}

/**
 * The module's body with each `eval(src)` / `exec(src)` given the caller's namespaces (in a
 * comprehension, which is a function of its own in CPython 3.11, its variables as locals).
 */
export function withEvalNamespaces(body: py.Stmt[]): py.Stmt[] {
  // The calls first (most modules have none: then nothing else is walked), each with the
  // variables of the comprehension it is in (null: a def, lambda or class body's).
  const calls: [py.Call, string[] | null][] = [];
  const pending: AnyNode[] = [...body];
  const contexts: (string[] | null)[] = body.map(() => null);
  // A comprehension's first iterable is evaluated where the comprehension is.
  const outside = new Map<AnyNode, string[] | null>();
  while (pending.length > 0) {
    const node = pending.pop()!;
    const enclosing = contexts.pop()!;
    const comprehension = outside.has(node) ? outside.get(node)! : enclosing;
    if (COMPREHENSIONS.has(node._type)) outside.set((node as py.ListComp).generators[0]!.iter as AnyNode, comprehension);
    const inner = COMPREHENSIONS.has(node._type) ? targetNames(node) : node._type === "FunctionDef" || node._type === "AsyncFunctionDef" || node._type === "Lambda" || node._type === "ClassDef" ? null : comprehension;
    forEachChild(node, (child) => {
      pending.push(child);
      contexts.push(inner);
    });
    if (node._type !== "Call") continue;
    const f = (node as py.Call).func;
    if (f._type === "Name" && RUNNERS.has(f.id)) calls.push([node as py.Call, comprehension]);
  }
  if (calls.length === 0) return body;
  const bound = boundNames(body);
  if (bound.has("globals") || bound.has("locals")) return body;
  for (const [call, comprehension] of calls) {
    if (bound.has((call.func as py.Name).id)) continue;
    if (call.args.length < 1 || call.args.length > 3 || call.args.some((a) => a._type === "Starred") || call.keywords.some((k) => k.arg !== "closure")) continue;
    const callerLocals = (): py.Expr => (comprehension !== null ? comprehensionLocals(call, comprehension) : namespaceCall(call, "locals"));
    if (call.args.length === 1) call.args.push(namespaceCall(call, "globals"), callerLocals());
    else if (isNone(call.args[1]!)) {
      // `eval(src, None, mapping)`: the caller's globals with the mapping as locals.
      call.args[1] = namespaceCall(call, "globals");
      if (call.args.length === 2) call.args.push(callerLocals());
    }
  }
  return body;
}
