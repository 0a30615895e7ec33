// `a is b` and `a is not b`: identity as Python defines it, where a float is an object of its own.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { BUILTIN_EXCEPTIONS, BUILTIN_FUNCTIONS } from "./builtins.js";

/**
 * `a is b`. Python floats are objects: `x is x` holds for a NaN held in `x`, and `0.0 is -0.0`
 * does not; `Object.is` is `===` with exactly those two differences. Where one side cannot be a
 * float (a literal of another type, `type(...)`), plain `===` says the same.
 */
export function lowerIdentity(cx: LowerContext, op: "Is" | "IsNot", left: ir.Expr, right: ir.Expr, leftAst: py.Expr, rightAst: py.Expr, loc: ir.Loc): ir.Expr {
  if (freshFloat(cx, leftAst) || freshFloat(cx, rightAst)) {
    // (`float("nan") is x`: CPython's float() made a new object, which no other operand is)
    // (the operands still run, for their effects: a name or a literal has none)
    const effects = [left, right].filter((x) => x.k !== "id" && x.k !== "num" && x.k !== "str" && x.k !== "bool" && x.k !== "null");
    const answer: ir.Expr = { k: "bool", value: op === "IsNot" };
    return effects.length > 0 ? { k: "seq", exprs: [...effects, answer], loc } : answer;
  }
  if (neverFloat(cx, leftAst) || neverFloat(cx, rightAst)) {
    return { k: "binary", op: op === "Is" ? "===" : "!==", left, right, loc };
  }
  const same: ir.Expr = { k: "call", callee: { k: "member", object: { k: "id", name: "Object" }, property: "is" }, args: [left, right], loc };
  return op === "Is" ? same : { k: "unary", op: "!", arg: same, loc };
}

/** A literal of another type, `type(x)`, or a name bound to a class, function or module by the program or the builtins. */
function neverFloat(cx: LowerContext, e: py.Expr): boolean {
  if (e._type === "Constant") return e.value.kind !== "float";
  if (e._type === "Call") return e.func._type === "Name" && e.func.id === "type" && e.args.length === 1 && cx.resolve("type") === null;
  if (e._type !== "Name") return false;
  if (cx.resolve(e.id) === null) return BUILTIN_FUNCTIONS.has(e.id) || BUILTIN_EXCEPTIONS.has(e.id);
  return cx.knownBinding(e.id) !== null;
}

/** `float("nan")`, `float(1)`: the builtin float() of a str or int literal, a new object on every call. */
function freshFloat(cx: LowerContext, e: py.Expr): boolean {
  if (e._type !== "Call" || e.func._type !== "Name" || e.func.id !== "float" || cx.resolve("float") !== null) return false;
  if (e.args.length !== 1 || e.keywords.length !== 0) return false;
  const arg = e.args[0]!;
  return (arg._type === "Constant" && (arg.value.kind === "str" || arg.value.kind === "int")) || arg._type === "JoinedStr";
}
