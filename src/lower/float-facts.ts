// Static float facts: the locals of a function that provably only ever hold Python floats
// (`x = 0.0`, `x = x * x - y * y + x0` of such locals, `i / n` of two ints). A float is a JS
// number everywhere in the runtime, so such a local needs no conversion anywhere; what
// changes is that arithmetic and comparisons of float expressions are JS's own operators
// (IEEE doubles, as CPython's floats), without the helpers' type dispatch. The proof follows
// int-facts.ts: every binding of the name is an assignment of a float expression, and the name
// is not a parameter (unless a copy of the body for float arguments assumes it), global,
// nonlocal, read by a nested scope, or in a function that reads `locals`/`vars`/...
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import type { Scope } from "./scope.js";
import { isIntExpr, intLocals, lowerInt, moduleInts, nativeInt } from "./int-facts.js";
import { lowerTest } from "./expressions.js";
import { lowerName } from "./name-reads.js";
import { moduleFactsAllowed, moduleOwnsName, readsModuleGlobal } from "./module-facts.js";

const facts = new WeakMap<Scope, Set<string>>();
const NONE: Set<string> = new Set();
const MAX_DEPTH = 40;
const INTROSPECTION = ["locals", "vars", "eval", "exec", "dir"];

/** Operators whose result is a float when one operand is a float and the other a float or an int. */
const FLOAT_OPS: Partial<Record<py.Operator, ir.BinaryOp>> = { Add: "+", Sub: "-", Mult: "*", Div: "/" };

/** The proven-float locals of the current function, or the entry module's globals at its top level. */
export function floatLocals(cx: LowerContext): Set<string> {
  if (cx.classBody) return NONE;
  if (cx.fn.loopFloats !== undefined) return cx.fn.loopFloats;
  const scope = cx.fn.scope;
  if (scope === cx.moduleScope) return moduleFloats(cx);
  if (scope.kind !== "function") return NONE;
  if (cx.fn.intParams !== undefined || cx.fn.floatParams !== undefined) return (cx.fn.floatFacts ??= analyze(cx, scope, cx.fn.floatParams ?? NONE));
  let known = facts.get(scope);
  if (known === undefined) {
    known = analyze(cx, scope, NONE);
    facts.set(scope, known);
  }
  return known;
}

/** The proven-float globals of the module (module-facts.ts says when a module may have any). */
export function moduleFloats(cx: LowerContext): Set<string> {
  let known = facts.get(cx.moduleScope);
  if (known === undefined) {
    // (Proved in the module body's own state, whichever scope asks first; none meanwhile.)
    facts.set(cx.moduleScope, NONE);
    known = moduleFactsAllowed(cx) ? cx.within(cx.moduleState, () => analyze(cx, cx.moduleScope, NONE)) : NONE;
    facts.set(cx.moduleScope, known);
  }
  return known;
}

/** Is this read of `name` a read of a proven-float module global from another scope? */
function moduleFloatRead(cx: LowerContext, name: string): boolean {
  return moduleFloats(cx).size > 0 && readsModuleGlobal(cx, name) && moduleFloats(cx).has(name);
}

/** The proven-float locals, with `params` assumed to arrive as floats. */
export function analyzeFloats(cx: LowerContext, scope: Scope, params: Set<string>): Set<string> {
  return analyze(cx, scope, params);
}

function analyze(cx: LowerContext, scope: Scope, params: Set<string>): Set<string> {
  if (INTROSPECTION.some((n) => scope.loads.has(n))) return new Set();
  const ints = intLocals(cx);
  const candidates = new Set<string>();
  const isModule = scope === cx.moduleScope;
  for (const [name, bindings] of scope.bindings) {
    // (A module global may be read by nested scopes: their reads see the fact, see isFloatExpr.)
    if (ints.has(name) || scope.globals.has(name) || scope.nonlocals.has(name) || (scope.freeInChildren.has(name) && !isModule)) continue;
    if (isModule && !moduleOwnsName(cx, name)) continue;
    if (bindings.every((b) => b.kind === "assign" || b.kind === "other" || (b.kind === "param" && params.has(name)))) candidates.add(name);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of candidates) {
      if (!scope.bindings.get(name)!.every((b) => (b.kind === "param" ? params.has(name) : b.stmt !== null && bindsFloat(cx, b.stmt, name, candidates)))) {
        candidates.delete(name);
        changed = true;
      }
    }
  }
  return candidates;
}

/** Does this statement bind `name` only to floats? */
function bindsFloat(cx: LowerContext, s: py.Stmt, name: string, floats: Set<string>): boolean {
  switch (s._type) {
    case "Assign": {
      // `x = y = 0.0` too: every target a name, the value a float expression.
      if (s.targets.every((t) => t._type === "Name")) return isFloatExpr(cx, s.value, floats);
      if (s.targets.length !== 1) return false;
      const t = s.targets[0]!;
      if ((t._type !== "Tuple" && t._type !== "List") || s.value._type !== "Tuple") return false;
      if (t.elts.length !== s.value.elts.length || !t.elts.every((e) => e._type === "Name") || s.value.elts.some((e) => e._type === "Starred")) return false;
      const at = t.elts.findIndex((e) => (e as py.Name).id === name);
      return at >= 0 && t.elts.filter((e) => (e as py.Name).id === name).length === 1 && isFloatExpr(cx, s.value.elts[at]!, floats);
    }
    case "AugAssign":
      return s.target._type === "Name" && s.target.id === name && FLOAT_OPS[s.op] !== undefined && floatOrInt(cx, s.value, floats);
    default:
      return false;
  }
}

function floatOrInt(cx: LowerContext, e: py.Expr, floats: Set<string>, depth = 0): boolean {
  return isFloatExpr(cx, e, floats, depth) || isIntExpr(cx, e, intLocals(cx), depth) || (e._type === "Constant" && e.value.kind === "int");
}

/** Is `e` always a Python float (a JS number) when it has a value? */
export function isFloatExpr(cx: LowerContext, e: py.Expr, floats: Set<string> = floatLocals(cx), depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  depth++;
  switch (e._type) {
    case "Constant":
      return e.value.kind === "float";
    case "Name":
      if (cx.classBody === null && floats.has(e.id) && cx.resolve(e.id) === cx.fn.scope) return true;
      return cx.fn.scope !== cx.moduleScope || cx.classBody !== null ? moduleFloatRead(cx, e.id) : false;
    case "BinOp": {
      if (e.op === "Pow") return floatPower(cx, e, floats, depth);
      if (FLOAT_OPS[e.op] === undefined) return false;
      const ints = intLocals(cx);
      // int / int is a float (when both read proven ints, or are literals).
      if (e.op === "Div" && intOperand(cx, e.left) && intOperand(cx, e.right) && (nativeInt(cx, e.left) || nativeInt(cx, e.right))) return true;
      const lf = isFloatExpr(cx, e.left, floats, depth);
      const rf = isFloatExpr(cx, e.right, floats, depth);
      return (lf && (rf || isIntExpr(cx, e.right, ints, depth) || intLiteral(e.right))) || (rf && (isIntExpr(cx, e.left, ints, depth) || intLiteral(e.left)));
    }
    case "UnaryOp":
      return (e.op === "USub" || e.op === "UAdd") && isFloatExpr(cx, e.operand, floats, depth);
    case "IfExp":
      return isFloatExpr(cx, e.body, floats, depth) && isFloatExpr(cx, e.orelse, floats, depth);
    default:
      return false;
  }
}

/**
 * `x ** y` is a float (or raises) when `x` is a float and `y` an int literal (a safe one, which
 * converts exactly), or when `x` is a float that cannot be negative (`dx * dx + dy * dy`) and
 * `y` a float: only a negative base to a fractional power gives a complex.
 */
function floatPower(cx: LowerContext, e: py.BinOp, floats: Set<string>, depth: number): boolean {
  if (!isFloatExpr(cx, e.left, floats, depth)) return false;
  if (safeIntLiteral(e.right)) return true;
  return nonNegative(e.left, depth) && isFloatExpr(cx, e.right, floats, depth);
}

function safeIntLiteral(e: py.Expr): boolean {
  return e._type === "Constant" && e.value.kind === "int" && e.value.value <= 2n ** 53n && e.value.value >= -(2n ** 53n);
}

/** Is the (float) expression never negative: a square of one name, sums, products and quotients of such, a literal >= 0 (NaN passes too, and stays real)? */
function nonNegative(e: py.Expr, depth: number): boolean {
  if (depth++ > MAX_DEPTH) return false;
  switch (e._type) {
    case "Constant":
      return (e.value.kind === "float" || e.value.kind === "int") && !(e.value.value < 0);
    case "BinOp":
      if (e.op === "Mult" && e.left._type === "Name" && e.right._type === "Name" && e.left.id === e.right.id) return true;
      return (e.op === "Add" || e.op === "Mult" || e.op === "Div") && nonNegative(e.left, depth) && nonNegative(e.right, depth);
    default:
      return false;
  }
}

function intLiteral(e: py.Expr): boolean {
  return e._type === "Constant" && e.value.kind === "int";
}

function intOperand(cx: LowerContext, e: py.Expr): boolean {
  return intLiteral(e) || isIntExpr(cx, e);
}

/** Does the float expression read a proven-float local or a proven-int one (so it is lowered natively)? */
function readsLocal(cx: LowerContext, e: py.Expr, depth = 0): boolean {
  if (depth++ > MAX_DEPTH) return false;
  switch (e._type) {
    case "Name":
      return isFloatExpr(cx, e) || nativeInt(cx, e);
    case "BinOp":
      return readsLocal(cx, e.left, depth) || readsLocal(cx, e.right, depth);
    case "UnaryOp":
      return readsLocal(cx, e.operand, depth);
    case "IfExp":
      return readsLocal(cx, e.body, depth) || readsLocal(cx, e.orelse, depth);
    default:
      return false;
  }
}

/** Do any facts apply where the lowering is (the scope's own, or the module's)? */
function anyFacts(cx: LowerContext): boolean {
  return floatLocals(cx).size > 0 || moduleFloats(cx).size > 0 || intLocals(cx).size > 0 || moduleInts(cx).size > 0;
}

/** Is `e` a float expression reading such a local (so `lowerFloat` applies)? */
export function nativeFloat(cx: LowerContext, e: py.Expr): boolean {
  if (!anyFacts(cx)) return false;
  return isFloatExpr(cx, e) && readsLocal(cx, e);
}

/** A float expression as JS number arithmetic. */
export function lowerFloat(cx: LowerContext, e: py.Expr): ir.Expr {
  const loc = cx.loc(e);
  switch (e._type) {
    case "Constant":
      if (e.value.kind === "float") return { k: "num", value: e.value.value, float: true, loc };
      break;
    case "Name":
      return lowerName(cx, e);
    case "BinOp": {
      // (a float power: a float base and an int literal or a base that cannot be negative, see floatPower)
      if (e.op === "Pow") return { k: "call", callee: cx.rt("powF"), args: [asFloat(cx, e.left), asFloat(cx, e.right)], loc };
      if (e.op === "Div" && !isFloatExpr(cx, e.left) && !isFloatExpr(cx, e.right)) {
        return { k: "call", callee: cx.rt("truedivI"), args: [lowerInt(cx, e.left), lowerInt(cx, e.right)], loc };
      }
      const left = asFloat(cx, e.left);
      const right = asFloat(cx, e.right);
      if (e.op === "Div") return { k: "call", callee: cx.rt("truedivF"), args: [left, right], loc };
      return { k: "binary", op: FLOAT_OPS[e.op]!, left, right, loc };
    }
    case "UnaryOp":
      return e.op === "USub" ? { k: "unary", op: "-", arg: lowerFloat(cx, e.operand), loc } : lowerFloat(cx, e.operand);
    case "IfExp":
      return { k: "cond", test: lowerTest(cx, e.test), then: lowerFloat(cx, e.body), else: lowerFloat(cx, e.orelse), loc };
  }
  throw new Error("internal: lowerFloat of a non-float expression");
}

/** An operand of float arithmetic: a float as it is, an int converted as CPython does (`floatI`). */
function asFloat(cx: LowerContext, e: py.Expr): ir.Expr {
  if (isFloatExpr(cx, e)) return lowerFloat(cx, e);
  if (e._type === "Constant" && e.value.kind === "int" && e.value.value <= 2n ** 53n && e.value.value >= -(2n ** 53n)) return { k: "num", value: Number(e.value.value), float: true, loc: cx.loc(e) };
  return { k: "call", callee: cx.rt("floatI"), args: [lowerInt(cx, e)], loc: cx.loc(e) };
}

const NATIVE_COMPARE: Partial<Record<py.CmpOp, ir.BinaryOp>> = { Lt: "<", LtE: "<=", Gt: ">", GtE: ">=", Eq: "==", NotEq: "!=" };

/**
 * `x < y` where one side is a float expression reading a proven local and the other a float
 * or int expression: JS compares numbers (and a number with a bigint) exactly, as CPython.
 */
export function lowerFloatCompare(cx: LowerContext, e: py.Compare): ir.Expr | null {
  if (e.ops.length !== 1 || (!anyFacts(cx))) return null;
  const op = NATIVE_COMPARE[e.ops[0]!];
  if (op === undefined) return null;
  const right = e.comparators[0]!;
  // (An int side stays an Int: JS compares a number with a bigint exactly, as CPython a float with an int.)
  const side = (x: py.Expr): ir.Expr | null => (isFloatExpr(cx, x) ? lowerFloat(cx, x) : intOperand(cx, x) ? lowerInt(cx, x) : null);
  if (!nativeFloat(cx, e.left) && !nativeFloat(cx, right)) return null;
  const l = side(e.left);
  const r = side(right);
  if (l === null || r === null) return null;
  return { k: "binary", op, left: l, right: r, loc: cx.loc(e) };
}

/** `if x:` of a float expression reading such a local: nonzero (NaN is true, as in Python). */
export function lowerFloatTest(cx: LowerContext, e: py.Expr): ir.Expr | null {
  if (!nativeFloat(cx, e)) return null;
  return { k: "binary", op: "!=", left: lowerFloat(cx, e), right: { k: "num", value: 0 }, loc: cx.loc(e) };
}
