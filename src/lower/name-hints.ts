// The "Did you mean" hint CPython 3.11 prints after `NameError: name 'x' is not defined`
// (Python/suggestions.c): the closest name among the frame's local variables, then its
// module's globals, then the builtins, searched in that order. The lowering knows all three
// for a name bound nowhere, so the hint is chosen at compile time and carried by the error.
import type * as py from "../frontend/ast.js";
import type { LowerContext } from "./context.js";
import type { Scope } from "./scope.js";
import { closestName } from "../../runtime/values/suggestions.js";
import { BUILTINS_IN_ORDER } from "./builtin-order.js";

/** What a script's namespace holds before its first statement runs, in dict order. */
const MODULE_DUNDERS = ["__name__", "__doc__", "__package__", "__loader__", "__spec__", "__builtins__", "__file__", "__cached__"];

/** The hint for a read of `name`, bound nowhere, at `at`; null when CPython offers none. */
export function nameErrorHint(cx: LowerContext, name: string, at: py.Span): string | null {
  return closestName(frameLocals(cx), name) ?? closestName(moduleGlobals(cx, at), name) ?? closestName(BUILTINS_IN_ORDER, name);
}

/**
 * A function frame's local variables (its code's `co_varnames`): parameters and the names it
 * binds, without those it declares global or nonlocal and without locals a nested function
 * captures (those are cells). A class body or the module itself has none.
 */
function frameLocals(cx: LowerContext): string[] {
  const scope: Scope = cx.fn.scope;
  if (cx.classBody !== null || scope === cx.moduleScope) return [];
  const names: string[] = [];
  for (const [local, bindings] of scope.bindings) {
    if (scope.globals.has(local) || scope.nonlocals.has(local)) continue;
    const isParam = bindings.some((b) => b.kind === "param");
    if (!isParam && scope.freeInChildren.has(local)) continue;
    names.push(local);
  }
  return names;
}

/**
 * The module's globals when the error happens: all of them from inside a function (called
 * once the module ran, as a rule), those bound above the read in top-level code.
 */
function moduleGlobals(cx: LowerContext, at: py.Span): string[] {
  const atTopLevel = cx.fn.scope === cx.moduleScope;
  const names = [...MODULE_DUNDERS];
  for (const [global, bindings] of cx.moduleScope.bindings) {
    if (names.includes(global)) continue;
    if (atTopLevel && !bindings.some((b) => b.line < at.lineno || (b.line === at.lineno && b.col < at.col_offset))) continue;
    names.push(global);
  }
  return names;
}
