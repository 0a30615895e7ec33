// Assignment and deletion targets: sets `ctx` the way CPython does and rejects expressions
// that cannot be assigned to or deleted.
import type { Expr, ExprContext } from "./ast.js";
import type { Source } from "./cst.js";
import { describe } from "./expressions.js";

export function setContext(e: Expr, ctx: ExprContext, src: Source, offset?: number): void {
  switch (e._type) {
    case "Name":
    case "Attribute":
    case "Subscript":
      e.ctx = ctx;
      return;
    case "Starred":
      if (ctx === "Del") break;
      e.ctx = ctx;
      setContext(e.value, ctx, src, offset);
      return;
    case "Tuple":
    case "List":
      e.ctx = ctx;
      for (const elt of e.elts) setContext(elt, ctx, src, offset);
      return;
  }
  const verb = ctx === "Del" ? "delete" : "assign to";
  src.fail(offsetOf(e, src, offset), `cannot ${verb} ${describe(e)}`);
}

/** Offset of an AST node's start, recovered from its line/column. */
function offsetOf(e: Expr, src: Source, fallback?: number): number {
  const lines = src.text.split("\n");
  let off = 0;
  for (let i = 0; i < e.lineno - 1 && i < lines.length; i++) off += lines[i]!.length + 1;
  const o = off + e.col_offset;
  return Number.isFinite(o) ? o : (fallback ?? 0);
}
