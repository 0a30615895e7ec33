// Module-level defs that code may reach before their `def` statement has run. JS hoists a
// function declaration to the top of the module, so `g = lambda: helper()` called above
// `def helper` would find it, where CPython raises NameError. A def is late when a function,
// lambda, class or comprehension made earlier in the module uses its name and some call made
// in between may run that code; the lowering then binds it where the def stands (reads before
// it raise NameError) instead of declaring a hoisted function. The usual layout (defs that
// call each other, then `main()` at the end) keeps its plain function declarations.
import type * as py from "../frontend/ast.js";
import { forEachChild, type AnyNode } from "../frontend/walk.js";
import type { Scope, ScopeMap } from "./scope.js";
import { BUILTIN_FUNCTIONS } from "./builtins.js";

type FreeNames = (scope: Scope | undefined) => string[];

export function lateModuleDefs(body: py.Stmt[], moduleScope: Scope, scopes: ScopeMap, freeNames: FreeNames): Set<string> {
  const unbound = new Set<string>();
  for (const st of body) if (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") unbound.add(st.name);
  const late = new Set<string>();
  if (unbound.size === 0) return late;
  /** defs not yet run whose names code made so far uses */
  const pending = new Set<string>();
  const capture = (node: object, except: string | null = null): void => {
    for (const name of freeNames(scopes.get(node))) if (unbound.has(name) && name !== except) pending.add(name);
  };
  const callPoint = (): void => {
    for (const name of pending) late.add(name);
  };
  const bindings = (name: string) => moduleScope.bindings.get(name) ?? [];
  /** May a value passed to a call of a built-in be a program's callable that runs now? */
  const passesCallable = (e: py.Expr): boolean =>
    e._type === "Lambda" || (e._type === "Name" && bindings(e.id).some((b) => b.kind === "def" || b.stmt?._type === "ClassDef" || (b.stmt?._type === "Assign" && b.stmt.value._type === "Lambda")));
  /** May this call run program code (a built-in handed no program callable cannot)? */
  const mayRunProgramCode = (call: py.Call): boolean => {
    const f = call.func;
    const builtin = f._type === "Name" && BUILTIN_FUNCTIONS.has(f.id) && bindings(f.id).length === 0;
    const runtimeModule = f._type === "Attribute" && f.value._type === "Name" && bindings(f.value.id).some((b) => b.kind === "import") && moduleImport(bindings(f.value.id));
    if (!builtin && !runtimeModule) return true;
    return call.args.some((a) => passesCallable(a._type === "Starred" ? a.value : a)) || call.keywords.some((k) => passesCallable(k.value));
  };
  const visit = (n: AnyNode, atModule: boolean): void => {
    switch (n._type) {
      case "FunctionDef":
      case "AsyncFunctionDef": {
        for (const d of n.decorator_list) visit(d, false);
        visit(n.args, false);
        if (n.returns) visit(n.returns, false);
        // (its own name is bound before anything can call it, but by a decorator)
        capture(n, n.name);
        if (n.decorator_list.length > 0) callPoint();
        if (atModule) {
          unbound.delete(n.name);
          pending.delete(n.name);
        }
        return;
      }
      case "ClassDef": {
        for (const d of n.decorator_list) visit(d, false);
        for (const b of n.bases) visit(b, false);
        for (const k of n.keywords) visit(k, false);
        // (the body runs now; its defs are methods, made here)
        for (const st of n.body) visit(st, false);
        if (n.decorator_list.length > 0 || n.keywords.length > 0) callPoint();
        return;
      }
      case "Lambda":
        visit(n.args, false);
        capture(n);
        return;
      case "ListComp":
      case "SetComp":
      case "DictComp":
      case "GeneratorExp":
        capture(n);
        forEachChild(n, (c) => visit(c, false));
        return;
      case "Call":
        forEachChild(n, (c) => visit(c, false));
        if (mayRunProgramCode(n)) callPoint();
        return;
      default:
        forEachChild(n, (c) => visit(c, atModule && isStatement(n)));
    }
  };
  for (const st of body) visit(st, true);
  return late;
}

/** Is the name bound by an `import` of a module (not a value from a program's module)? */
function moduleImport(bindings: { stmt: py.Stmt | null }[]): boolean {
  return bindings.every((b) => b.stmt?._type === "Import");
}

/** Statements whose bodies run at module level (`if`, `for`, `try`, ...). */
function isStatement(n: AnyNode): boolean {
  return n._type === "If" || n._type === "For" || n._type === "While" || n._type === "Try" || n._type === "With" || n._type === "TryStar" || n._type === "Match" || n._type === "match_case" || n._type === "ExceptHandler" || n._type === "AsyncFor" || n._type === "AsyncWith";
}
