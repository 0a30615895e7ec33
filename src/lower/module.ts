// Lowering entry: Python module AST -> IR module.
import type * as py from "../frontend/ast.js";
import { DiagnosticError } from "../frontend/ast.js";
import type * as ir from "./ir.js";
import { LowerContext, UnsupportedError } from "./context.js";
import { analyzeScopes, type Scope } from "./scope.js";
import { analyzeBlocking } from "./blocking.js";
import { lowerFunctionBody } from "./functions.js";
import { jsName } from "./names.js";

export interface LowerOptions {
  runtimeModule: string;
  comments?: { line: number; text: string }[];
}

export function lowerModule(module: py.Module, options: LowerOptions): ir.ModuleIr {
  const { moduleScope, scopes } = analyzeScopes(module);
  const cx = new LowerContext(scopes, moduleScope, new Set());
  collectKnownBindings(cx, module);
  for (const name of userNames(cx, moduleScope)) cx.userNames.add(name);
  cx.comments = [...(options.comments ?? [])];
  try {
    analyzeBlocking(cx, module);
    const body = lowerFunctionBody(cx, cx.fn, module.body);
    for (const text of cx.takeComments(Infinity)) body.push({ k: "comment", text });
    return { body, runtimeModule: options.runtimeModule, userNames: cx.userNames, topLevelAwait: cx.topLevelAwait };
  } catch (error) {
    if (error instanceof UnsupportedError) throw new DiagnosticError([error.diagnostic]);
    throw error;
  }
}

/** Module-level names bound once by an import, def or class have a static meaning. */
function collectKnownBindings(cx: LowerContext, module: py.Module): void {
  for (const s of module.body) {
    const once = (name: string): boolean => (cx.moduleScope.bindings.get(name)?.length ?? 0) === 1 && !cx.moduleScope.globals.has(name);
    if (s._type === "Import") {
      for (const a of s.names) {
        const bound = a.asname ?? a.name.split(".")[0]!;
        if (once(bound)) cx.known.set(bound, { k: "module", module: a.asname ? a.name : bound });
      }
    } else if ((s._type === "FunctionDef" || s._type === "AsyncFunctionDef") && once(s.name) && s.decorator_list.length === 0) {
      cx.known.set(s.name, { k: "function", def: s });
    } else if (s._type === "ClassDef" && once(s.name)) {
      cx.known.set(s.name, { k: "class", def: s });
    }
  }
}

/** Every JS name user code binds, so runtime imports can be aliased around them. */
function userNames(cx: LowerContext, scope: Scope): string[] {
  const names: string[] = [];
  const visit = (s: Scope): void => {
    for (const name of s.bindings.keys()) if (!(s === cx.moduleScope && cx.isRuntimeModuleName(name))) names.push(jsName(name));
    s.children.forEach(visit);
  };
  visit(scope);
  return names;
}
