// Calls of a known class's staticmethod or classmethod (`Cls.make()`, `obj.build(1, 2)`):
// their arguments are checked against the def at compile time, as CPython checks them.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { lowerArgs } from "./calls.js";
import { qualname } from "./functions.js";
import { bindCall, describeSignature } from "./signatures.js";

/**
 * `Cls.smethod()` / `obj.cmethod(1, 2)` on a known class's staticmethod or classmethod: a
 * call its signature refuses raises CPython's TypeError (after evaluating the arguments);
 * null when it fits, the call then made as usual (keywords bound at run time).
 */
export function refusedByBuiltinDecorated(cx: LowerContext, e: py.Call, method: py.FunctionDef | py.AsyncFunctionDef): ir.Expr | null {
  const [decorator, ...rest] = method.decorator_list;
  if (rest.length > 0 || decorator?._type !== "Name" || cx.resolve(decorator.id) !== null) return null;
  if (decorator.id !== "staticmethod" && decorator.id !== "classmethod") return null;
  const bound = bindCall(cx, e, describeSignature(method.args), qualname(cx.scopeOf(method)), decorator.id === "classmethod");
  if (bound === null || !("error" in bound)) return null;
  return { k: "call", callee: cx.rt("raiseTypeError"), args: [{ k: "str", value: bound.error }, { k: "array", elements: lowerArgs(cx, e) }], loc: cx.loc(e) };
}
