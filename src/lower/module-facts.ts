// Where int and float facts (int-facts.ts, float-facts.ts) may cover module globals. A global
// of the program's entry (a lone file, or the script `pyts run` runs) is as private as a
// function's local when nothing but the module's own statements binds it: no function rebinds
// it through `global`, nothing reads the namespace (`globals()`, `vars()`, `eval`, `exec`...),
// and no `from m import *` may rebind it. Reads from the module's functions, classes, lambdas
// and comprehensions see the fact too; every other reader (the module object's attribute)
// converts, as a local's escape does.
import type { LowerContext } from "./context.js";
import type { Scope } from "./scope.js";
import type * as py from "../frontend/ast.js";
import { anyStatement } from "../frontend/walk.js";

/** Names whose reads let code see or rebind globals by name. */
const NAMESPACE_NAMES = ["locals", "vars", "eval", "exec", "dir", "globals", "__import__"];

const allowed = new WeakMap<Scope, boolean>();

/** May this module's globals carry facts at all? */
export function moduleFactsAllowed(cx: LowerContext): boolean {
  let known = allowed.get(cx.moduleScope);
  if (known === undefined) {
    known = !cx.snippet && (cx.program === null || cx.program.entryOnly === true) && !readsNamespace(cx) && !starImports(cx);
    allowed.set(cx.moduleScope, known);
  }
  return known;
}

function readsNamespace(cx: LowerContext): boolean {
  for (const scope of cx.scopes.values()) if (NAMESPACE_NAMES.some((n) => scope.loads.has(n))) return true;
  return false;
}

/** `from m import *` anywhere: it may bind names the analysis cannot see. */
function starImports(cx: LowerContext): boolean {
  for (const [node, scope] of cx.scopes) {
    if (scope !== cx.moduleScope) continue;
    return anyStatement((node as py.Module).body, (st) => st._type === "ImportFrom" && st.names.some((a) => a.name === "*"));
  }
  return false;
}

/** The names some function or class body declares `global`, once per module. */
const declaredGlobal = new WeakMap<Scope, Set<string>>();

/** Is `name` bound only by the module's own statements (no function declares it `global`)? */
export function moduleOwnsName(cx: LowerContext, name: string): boolean {
  let names = declaredGlobal.get(cx.moduleScope);
  if (names === undefined) {
    names = new Set();
    for (const scope of cx.scopes.values()) if (scope !== cx.moduleScope) for (const n of scope.globals) names.add(n);
    declaredGlobal.set(cx.moduleScope, names);
  }
  return !names.has(name);
}

/**
 * Is this read of `name` a read of the module global from another scope (a function, class
 * body, lambda or comprehension), where the module's facts apply rather than the scope's own?
 */
export function readsModuleGlobal(cx: LowerContext, name: string): boolean {
  if (cx.fn.scope === cx.moduleScope && cx.classBody === null) return false;
  if (cx.classBody?.bindings.has(name)) return false;
  return cx.resolve(name) === cx.moduleScope;
}
