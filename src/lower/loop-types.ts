// The static type TypeScript gives a `for ... of` variable. Python's loop variables hold any
// value; TS infers a union from a list or tuple display (`[acct, None, 7]`), on which method
// calls and nested destructuring (`for x, (y, z) in [(1, ("a", 2.5))]`) do not type-check.
// Such iterables are read as `any`.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";

function nestedPattern(target: py.Expr): boolean {
  return (target._type === "Tuple" || target._type === "List") && target.elts.some((t) => t._type === "Tuple" || t._type === "List" || (t._type === "Starred" && nestedPattern(t.value)));
}

/** A display whose items TS may type differently: anything but constants of one kind. */
function mixedDisplay(iter: py.Expr): boolean {
  if (iter._type !== "List" && iter._type !== "Tuple" && iter._type !== "Set") return false;
  const kind = (e: py.Expr): string => (e._type === "Constant" ? e.value.kind : e._type === "UnaryOp" && e.operand._type === "Constant" ? e.operand.value.kind : "?");
  const kinds = new Set(iter.elts.map(kind));
  return kinds.size > 1 || kinds.has("?");
}

/** The iterable of `for target in iter`, cast to `any` where TS would type its items too narrowly. */
export function loopIterable(target: py.Expr, iterAst: py.Expr, iter: ir.Expr): ir.Expr {
  if (!nestedPattern(target) && !mixedDisplay(iterAst)) return iter;
  return { k: "as", expr: iter, type: { k: "any" } };
}
