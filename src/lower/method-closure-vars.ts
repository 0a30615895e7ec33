// inspect.getclosurevars of a class's methods: what the lowering records on their function
// objects (free-variable cells and names, co_names), as functions.ts records it for a def.

import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { qualname } from "./functions.js";
import { closureReaders, closureVarsExtras } from "./function-objects.js";
import { describeSignature, signatureSpec } from "./signatures.js";
import { functionKey, objectKey } from "../../runtime/lang/attr-names.js";
import { decoratorName, generalDecorated, redefinedLater } from "./class-body-facts.js";
import { mangle } from "./classes.js";

/**
 * inspect.getclosurevars of a method (plain, static or class method): its free variables'
 * cells and names and its co_names, recorded on the function object as for a def.
 */
export function methodClosureVars(cx: LowerContext, s: py.ClassDef): ir.ClassMember[] {
  if (!cx.attributesRead.has("co_names")) return [];
  const out: ir.ClassMember[] = [];
  for (const st of s.body) {
    if ((st._type !== "FunctionDef" && st._type !== "AsyncFunctionDef") || generalDecorated(s).has(st) || redefinedLater(s, st)) continue;
    const decorators = st.decorator_list.map(decoratorName);
    if (decorators.some((d) => d !== "staticmethod" && d !== "classmethod")) continue;
    const onClass = decorators.length > 0;
    const holder: ir.Expr = onClass ? { k: "this" } : { k: "member", object: { k: "this" }, property: "prototype" };
    const fn: ir.Expr = { k: "index", object: holder, index: { k: "str", value: onClass ? functionKey(st.name) : objectKey(mangle(cx, st.name)) } };
    const scope = cx.scopeOf(st);
    const extras: { key: string; value: ir.Expr }[] = [...closureReaders(cx, scope), ...closureVarsExtras(cx, scope, st.body, false)];
    if (!decorators.includes("staticmethod")) extras.unshift({ key: "method", value: { k: "bool", value: true } });
    const info: ir.Expr = { k: "call", callee: cx.rt("pyDef"), args: [fn, { k: "str", value: qualname(scope) }, signatureSpec(describeSignature(st.args)), { k: "num", value: st.decorator_list[0]?.lineno ?? st.lineno }, { k: "object", props: extras }] };
    out.push({ k: "staticBlock", body: [{ k: "expr", expr: info }] });
  }
  return out;
}
