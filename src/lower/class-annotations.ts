// A class body's annotations: `name: hint` stored in the class's `__annotations__`, and each
// method's own, both evaluated in the class body's scope where they stand.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { lowerExpr } from "./expressions.js";
import { annotationDict } from "./statements.js";
import { functionKey } from "../../runtime/lang/attr-names.js";
import { unparseAnnotation } from "./unparse.js";
import { mangle } from "./classes.js";

/** `name: hint` in a class body stores the hint (its text under `from __future__ import annotations`) in the class's `__annotations__`. */
export function classAnnotation(cx: LowerContext, cls: py.ClassDef, name: string, hint: py.Expr): ir.ClassMember {
  const saved = cx.classBody;
  cx.classBody = cx.scopeOf(cls);
  try {
    const value: ir.Expr = cx.futureAnnotations ? { k: "str", value: unparseAnnotation(hint) } : lowerExpr(cx, hint);
    return { k: "staticBlock", body: [{ k: "expr", expr: { k: "call", callee: cx.rt("classAnnotation"), args: [{ k: "this" }, { k: "str", value: name }, value] } }] };
  } finally {
    cx.classBody = saved;
  }
}

/** A method's `__annotations__`, evaluated in the class body where the def stands. */
export function methodAnnotations(cx: LowerContext, cls: py.ClassDef, def: py.FunctionDef | py.AsyncFunctionDef): ir.ClassMember {
  const saved = cx.classBody;
  cx.classBody = cx.scopeOf(cls);
  try {
    const args: ir.Expr[] = [{ k: "this" }, { k: "str", value: functionKey(mangle(cx, def.name)) }, annotationDict(cx, def)];
    return { k: "staticBlock", body: [{ k: "expr", expr: { k: "call", callee: cx.rt("methodAnnotations"), args } }] };
  } finally {
    cx.classBody = saved;
  }
}
