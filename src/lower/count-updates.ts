// `d[k] = d.get(k, 0) + 1`, the counting idiom: one runtime call (`dictGetAdd`) that looks the
// key up once when the dict is a plain dict and the count a number, instead of a get, an add
// and a setitem that each dispatch on the value and hash the key again.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { lowerExpr } from "./expressions.js";

/** Names whose reads would let a program rebind a local behind the lowering's back. */
const INTROSPECTION = ["locals", "vars", "eval", "exec"];

/**
 * A local of the running function that only its own statements bind: reading it twice gives
 * the same value when nothing runs in between (the runtime's fallback reads it once).
 */
function plainLocal(cx: LowerContext, e: py.Expr): e is py.Name {
  if (e._type !== "Name" || cx.classBody !== null) return false;
  const scope = cx.fn.scope;
  if (scope.kind !== "function" || cx.resolve(e.id) !== scope) return false;
  return !scope.globals.has(e.id) && !scope.nonlocals.has(e.id) && !scope.freeInChildren.has(e.id) && !INTROSPECTION.some((n) => scope.loads.has(n));
}

/** An int or float literal (`0`, `1`, `0.5`). */
function numberLiteral(e: py.Expr): boolean {
  return e._type === "Constant" && (e.value.kind === "int" || e.value.kind === "float");
}

/** `d[k] = d.get(k, n) + m` with locals `d`, `k` and number literals `n`, `m`: one dictGetAdd call; else null. */
export function lowerCountUpdate(cx: LowerContext, s: py.Assign): ir.Stmt | null {
  if (s.targets.length !== 1) return null;
  const target = s.targets[0]!;
  const value = s.value;
  if (target._type !== "Subscript" || value._type !== "BinOp" || value.op !== "Add" || !numberLiteral(value.right)) return null;
  const get = value.left;
  if (get._type !== "Call" || get.func._type !== "Attribute" || get.func.attr !== "get" || get.keywords.length !== 0 || get.args.length !== 2) return null;
  const [key, fallback] = get.args as [py.Expr, py.Expr];
  const dict = get.func.value;
  if (!plainLocal(cx, dict) || !plainLocal(cx, key) || !numberLiteral(fallback)) return null;
  if (target.value._type !== "Name" || target.value.id !== dict.id || target.slice._type !== "Name" || target.slice.id !== key.id) return null;
  const args = [lowerExpr(cx, dict), lowerExpr(cx, key), lowerExpr(cx, fallback), lowerExpr(cx, value.right)];
  return { k: "expr", expr: { k: "call", callee: cx.rt("dictGetAdd"), args, loc: cx.loc(value) }, loc: cx.loc(s) };
}
