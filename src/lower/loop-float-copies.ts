// Float copies of a for loop's body: `for (x1, y1), m in pairs: dx = x1 - x2 ...` reads items
// of lists and tuples, which no static fact can type. When the body does float arithmetic on
// the loop's targets (and on parameters the function never rebinds), each iteration checks
// that they hold floats (`typeof x1 === "number"`, a Python float and nothing else) and then
// runs a copy of the body lowered with them, and the locals the body computes from them
// first (`dx = x1 - x2`, `mag = dt * (dx * dx + ...) ** -1.5`), as proven floats
// (float-facts.ts): JS's own operators, no helper calls. Any other iteration runs the general
// body. A derived local counts only when the body binds it once, at its top level, before any
// statement reads it, so within the copy every read sees this iteration's float.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { floatLocals, isFloatExpr } from "./float-facts.js";
import { intLocals } from "./int-facts.js";
import { jsName } from "./names.js";
import { forEachChild, type AnyNode } from "../frontend/walk.js";

const INTROSPECTION = ["locals", "vars", "eval", "exec", "dir"];
/** Nodes that make a second lowering of the body unsafe or pointless (new scopes, suspension). */
const EXCLUDED = new Set(["FunctionDef", "AsyncFunctionDef", "ClassDef", "Lambda", "ListComp", "SetComp", "DictComp", "GeneratorExp", "Yield", "YieldFrom", "Await", "Global", "Nonlocal", "Import", "ImportFrom", "Match", "Try", "TryStar", "With", "AsyncWith", "AsyncFor"]);
const FLOAT_OPS = new Set<py.Operator>(["Add", "Sub", "Mult", "Div", "Pow"]);
/** A copy pays when it makes at least this many operations native. */
const MIN_GAIN = 3;

export interface LoopFloatCopy {
  /** the names each iteration checks */
  guards: string[];
  /** the proven-float locals of the copy (the function's own included) */
  floats: Set<string>;
}

/** Walks every node under `node`, itself included (the node kinds' children, see forEachChild). */
function walk(node: AnyNode | readonly AnyNode[], visit: (n: AnyNode) => void): void {
  const stack: AnyNode[] = Array.isArray(node) ? [...(node as readonly AnyNode[])] : [node as AnyNode];
  const push = (child: AnyNode): void => {
    stack.push(child);
  };
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    visit(n);
    forEachChild(n, push);
  }
}

/** The names a for target binds, when it is made of names, tuples and lists only. */
function targetNames(t: py.Expr, into: string[]): boolean {
  if (t._type === "Name") {
    into.push(t.id);
    return true;
  }
  if (t._type === "Tuple" || t._type === "List") return t.elts.every((e) => targetNames(e, into));
  return false;
}

/** The copy this for loop's body should get, or null. */
export function loopFloatCopy(cx: LowerContext, s: py.For): LoopFloatCopy | null {
  const scope = cx.fn.scope;
  if (cx.classBody || scope === cx.moduleScope || scope.kind !== "function" || cx.fn.generator || cx.fn.coroutine) return null;
  if (INTROSPECTION.some((n) => scope.loads.has(n))) return null;
  const targets: string[] = [];
  if (!targetNames(s.target, targets)) return null;
  // What the body binds and reads, and which names are operands of float-capable arithmetic.
  let excluded = false;
  const stores = new Map<string, number>();
  const operands = new Set<string>();
  const operand = (e: py.Expr): void => {
    if (e._type === "Name") operands.add(e.id);
    else if (e._type === "UnaryOp" && (e.op === "USub" || e.op === "UAdd")) operand(e.operand);
  };
  walk(s.body, (n) => {
    if (EXCLUDED.has(n._type)) excluded = true;
    const node = n as py.Expr;
    if (node._type === "Name" && node.ctx !== "Load") stores.set(node.id, (stores.get(node.id) ?? 0) + 1);
    else if (node._type === "BinOp" && FLOAT_OPS.has(node.op)) {
      operand(node.left);
      operand(node.right);
    } else if (node._type === "NamedExpr" && node.target._type === "Name") stores.set(node.target.id, (stores.get(node.target.id) ?? 0) + 2);
  });
  if (excluded) return null;
  const base = floatLocals(cx);
  const ints = intLocals(cx);
  const own = (name: string): boolean =>
    !ints.has(name) && !base.has(name) && !scope.globals.has(name) && !scope.nonlocals.has(name) && !scope.freeInChildren.has(name) && cx.resolve(name) === scope;
  const guards = targets.filter((n) => own(n) && operands.has(n) && !stores.has(n) && targets.filter((t) => t === n).length === 1);
  if (guards.length === 0) return null;
  // Parameters the function never rebinds hold the same value in every iteration.
  for (const name of operands) {
    const bindings = scope.bindings.get(name);
    if (!guards.includes(name) && own(name) && bindings !== undefined && bindings.every((b) => b.kind === "param") && !stores.has(name)) guards.push(name);
  }
  const floats = new Set([...base, ...guards]);
  // Locals bound once, at the body's top level, to a float expression, before any read.
  const seen = new Set<string>();
  for (const stmt of s.body) {
    if (stmt._type === "Assign" && stmt.targets.length === 1 && stmt.targets[0]!._type === "Name") {
      const name = stmt.targets[0]!.id;
      if (own(name) && !floats.has(name) && !seen.has(name) && stores.get(name) === 1 && isFloatExpr(cx, stmt.value, floats)) floats.add(name);
    }
    walk(stmt, (n) => {
      if (n._type === "Name") seen.add((n as py.Name).id);
    });
  }
  let gain = 0;
  walk(s.body, (n) => {
    const node = n as py.Expr;
    if (node._type === "BinOp" && FLOAT_OPS.has(node.op) && isFloatExpr(cx, node, floats) && !isFloatExpr(cx, node, base)) gain++;
  });
  return gain >= MIN_GAIN ? { guards, floats } : null;
}

/**
 * The loop body as `if (typeof x1 === "number" && ...) { copy } else { general }`. The general
 * body is lowered first (it takes the comments and leaves the declarations as one lowering
 * would); the copy is lowered from the same declared names.
 */
export function lowerWithFloatCopy(cx: LowerContext, s: py.For, copy: LoopFloatCopy, lowerBlock: (cx: LowerContext, body: py.Stmt[]) => ir.Stmt[]): ir.Stmt[] {
  const declared = new Set(cx.fn.declared);
  const diagnostics = cx.diagnostics.length;
  const general = lowerBlock(cx, s.body);
  if (cx.diagnostics.length !== diagnostics) return general;
  const after = cx.fn.declared;
  cx.fn.declared = declared;
  const outer = cx.fn.loopFloats;
  cx.fn.loopFloats = copy.floats;
  let fast: ir.Stmt[];
  try {
    fast = lowerBlock(cx, s.body);
  } finally {
    cx.fn.loopFloats = outer;
    cx.fn.declared = after;
  }
  if (cx.diagnostics.length !== diagnostics) {
    cx.diagnostics.length = diagnostics;
    return general;
  }
  const test = copy.guards
    .map((name): ir.Expr => ({ k: "binary", op: "===", left: { k: "unary", op: "typeof", arg: { k: "id", name: jsName(name) } }, right: { k: "str", value: "number" } }))
    .reduce((a, b) => ({ k: "logical", op: "&&", left: a, right: b }));
  return [{ k: "if", test, then: fast, else: general, loc: cx.loc(s) }];
}
