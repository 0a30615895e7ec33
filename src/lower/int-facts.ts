// Static int facts: the locals of a function that provably only ever hold Python ints (loop
// counters over `range`, `n = len(x)`, `i += 1`, ...). Such a local is emitted as a JS
// number while it is a safe integer, a bigint past that (runtime/values/small-int.ts), so
// counting, indexing and comparing need no bigint allocation; the value leaves it as a
// bigint (`big(i)`) wherever any other code could see it. The runtime's int stays bigint.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import type { Scope } from "./scope.js";
import { lowerExpr, lowerTest } from "./expressions.js";
import { lowerName } from "./name-reads.js";
import { jsName } from "./names.js";
import { forEachChild, type AnyNode } from "../frontend/walk.js";
import { moduleFactsAllowed, moduleOwnsName, readsModuleGlobal } from "./module-facts.js";

const facts = new WeakMap<Scope, Set<string>>();
const NONE: Set<string> = new Set();
const MAX_DEPTH = 40;

/** Int operators the helpers implement exactly (`/` and `**` may give floats). */
export const INT_HELPERS: Partial<Record<py.Operator, string>> = { Add: "addI", Sub: "subI", Mult: "mulI", FloorDiv: "floordivI", Mod: "modI" };

/** Names whose reads would let a program see a local as the JS value it is. */
const INTROSPECTION = ["locals", "vars", "eval", "exec", "dir"];

/** The proven-int locals of the current function, or the entry module's globals at its top level. */
export function intLocals(cx: LowerContext): Set<string> {
  // (A class body's names are class attributes, even inside a def.)
  if (cx.classBody) return NONE;
  const scope = cx.fn.scope;
  if (cx.fn.intParams !== undefined) return (cx.fn.intFacts ??= analyze(cx, scope, cx.fn.intParams));
  if (scope === cx.moduleScope) return moduleInts(cx);
  let known = facts.get(scope);
  if (known === undefined) {
    known = scope.kind === "function" ? analyze(cx, scope) : new Set();
    facts.set(scope, known);
  }
  return known;
}

/** The proven-int globals of the module (module-facts.ts says when a module may have any). */
export function moduleInts(cx: LowerContext): Set<string> {
  let known = facts.get(cx.moduleScope);
  if (known === undefined) {
    // (Proved in the module body's own state, whichever scope asks first; none meanwhile.)
    facts.set(cx.moduleScope, NONE);
    known = moduleFactsAllowed(cx) ? cx.within(cx.moduleState, () => analyze(cx, cx.moduleScope)) : NONE;
    facts.set(cx.moduleScope, known);
  }
  return known;
}

/** Is this read of `name` a read of a proven-int module global from another scope? */
function moduleIntRead(cx: LowerContext, name: string): boolean {
  return moduleInts(cx).size > 0 && readsModuleGlobal(cx, name) && moduleInts(cx).has(name);
}

/** Do any int facts apply where the lowering is (the scope's own, or the module's)? */
function anyIntFacts(cx: LowerContext): boolean {
  return intLocals(cx).size > 0 || moduleInts(cx).size > 0;
}

/**
 * The proven-int locals; `params` are parameters assumed to arrive as ints (the copy of a body
 * that runs when the arguments are, see `intParamCandidates`).
 */
function analyze(cx: LowerContext, scope: Scope, params: Set<string> = NONE): Set<string> {
  if (INTROSPECTION.some((n) => scope.loads.has(n))) return new Set();
  const candidates = new Set<string>();
  const isModule = scope === cx.moduleScope;
  for (const [name, bindings] of scope.bindings) {
    // (A module global may be read by nested scopes: their reads see the fact, see isIntExpr.)
    if (scope.globals.has(name) || scope.nonlocals.has(name) || (scope.freeInChildren.has(name) && !isModule)) continue;
    if (isModule && !moduleOwnsName(cx, name)) continue;
    if (bindings.every((b) => b.kind === "for" || b.kind === "assign" || b.kind === "other" || (b.kind === "param" && params.has(name)))) candidates.add(name);
  }
  // Assume all, then drop every name one of whose bindings is not an int, until none drops.
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of candidates) {
      if (!scope.bindings.get(name)!.every((b) => (b.kind === "param" ? params.has(name) : b.stmt !== null && bindsInt(cx, b.stmt, name, candidates)))) {
        candidates.delete(name);
        changed = true;
      }
    }
  }
  return candidates;
}

/**
 * The parameters of a def that a copy of its body for int or float arguments may assume
 * (see functions.ts): plain positional parameters (not `self`) the body uses as ints (in
 * `range(...)`, as an index, with `//`, `%`, an int literal or a proven-int local) or as
 * floats (with `+ - *` and a float literal), not both; `loops`: the body has loops,
 * `inLoops`: such a use is inside one. Null when there is no such parameter or a copy could
 * not be made: the body has nested defs, classes or lambdas (a copy would define them twice),
 * or it is an `__init__`.
 */
export function specialisableParams(cx: LowerContext, s: py.FunctionDef | py.AsyncFunctionDef, skipFirst: boolean, generalInts: Set<string>): { ints: string[]; floats: string[]; loops: boolean; inLoops: boolean } | null {
  const scope = cx.scopeOf(s);
  // (A constructor's super().__init__() must come first in the JS class's constructor.)
  if (scope.kind !== "function" || s._type === "AsyncFunctionDef" || s.name === "__init__") return null;
  const positional = [...s.args.posonlyargs, ...s.args.args].slice(skipFirst ? 1 : 0).map((a) => a.arg);
  if (positional.length === 0) return null;
  let loops = false;
  let nested = false;
  const intUse = new Set<string>();
  const floatUse = new Set<string>();
  const intLike = (e: py.Expr): boolean => (e._type === "Constant" && e.value.kind === "int") || (e._type === "Name" && generalInts.has(e.id));
  const floatLiteral = (e: py.Expr): boolean => e._type === "Constant" && e.value.kind === "float";
  /** The names of an arithmetic subtree (through the operators `through`). */
  const mark = (e: py.Expr, into: Set<string>, through: py.Operator[]): void => {
    if (e._type === "Name") {
      into.add(e.id);
      if (depth > 0) inLoops.add(e.id);
    }
    else if (e._type === "UnaryOp" && (e.op === "USub" || e.op === "UAdd")) mark(e.operand, into, through);
    else if (e._type === "BinOp" && through.includes(e.op)) {
      mark(e.left, into, through);
      mark(e.right, into, through);
    }
  };
  const INT_OPS: py.Operator[] = ["Add", "Sub", "Mult", "FloorDiv", "Mod"];
  const FLOAT_OPS: py.Operator[] = ["Add", "Sub", "Mult"];
  let depth = 0;
  const inLoops = new Set<string>();
  const visitAll = (nodes: readonly AnyNode[]): void => {
    for (const n of nodes) visit(n);
  };
  const visit = (n: AnyNode): void => {
    const t = n._type;
    if (t === "FunctionDef" || t === "AsyncFunctionDef" || t === "ClassDef" || t === "Lambda") {
      nested = true;
      return;
    }
    if (n._type === "For" || n._type === "While") {
      // (A for loop's iterable is evaluated once, outside the repeated part.)
      loops = true;
      if (n._type === "For") visit(n.iter);
      depth++;
      if (n._type === "For") visit(n.target);
      else visit(n.test);
      visitAll(n.body);
      visitAll(n.orelse);
      depth--;
      return;
    }
    if (n._type === "BinOp") {
      if (n.op === "FloorDiv" || n.op === "Mod" || (INT_OPS.includes(n.op) && (intLike(n.left) || intLike(n.right)))) mark(n, intUse, INT_OPS);
      if (FLOAT_OPS.includes(n.op) && (floatLiteral(n.left) || floatLiteral(n.right))) mark(n, floatUse, FLOAT_OPS);
    } else if (n._type === "AugAssign" && n.target._type === "Name") {
      if (INT_OPS.includes(n.op) && intLike(n.value)) intUse.add(n.target.id);
      if (FLOAT_OPS.includes(n.op) && floatLiteral(n.value)) floatUse.add(n.target.id);
    } else if (n._type === "Compare" && n.ops.length === 1) {
      const [l, r] = [n.left, n.comparators[0]!];
      if (intLike(l) || intLike(r)) [l, r].forEach((x) => mark(x, intUse, INT_OPS));
      if (floatLiteral(l) || floatLiteral(r)) [l, r].forEach((x) => mark(x, floatUse, FLOAT_OPS));
    } else if (n._type === "Subscript") {
      mark(n.slice, intUse, INT_OPS);
    } else if (n._type === "Call" && isRangeCall(cx, n)) {
      n.args.forEach((a) => mark(a, intUse, INT_OPS));
    }
    forEachChild(n, visit);
  };
  visitAll(s.body);
  if (nested) return null;
  const ints = positional.filter((p) => intUse.has(p) && !floatUse.has(p));
  const floats = positional.filter((p) => floatUse.has(p) && !intUse.has(p));
  if (ints.length + floats.length === 0) return null;
  return { ints, floats, loops, inLoops: [...ints, ...floats].some((p) => inLoops.has(p)) };
}

/** Does this statement bind `name` only to ints? */
function bindsInt(cx: LowerContext, s: py.Stmt, name: string, ints: Set<string>): boolean {
  switch (s._type) {
    case "For":
      return s.target._type === "Name" && s.target.id === name && isRangeCall(cx, s.iter);
    case "Assign": {
      if (s.targets.length !== 1) return false;
      const t = s.targets[0]!;
      if (t._type === "Name") return t.id === name && isIntExpr(cx, s.value, ints);
      const pair = displayPair(t, s.value);
      if (pair === null) return false;
      const at = pair.targets.findIndex((e) => e._type === "Name" && e.id === name);
      // (A name twice in one target is left to the general path.)
      return at >= 0 && pair.targets.filter((e) => e._type === "Name" && e.id === name).length === 1 && isIntExpr(cx, pair.values[at]!, ints);
    }
    case "AugAssign":
      return s.target._type === "Name" && s.target.id === name && INT_HELPERS[s.op] !== undefined && isIntExpr(cx, s.value, ints);
    default:
      return false;
  }
}

/** `a, b = x, y`: names assigned from a tuple display of the same length, without `*`. */
export function displayPair(target: py.Expr, value: py.Expr): { targets: py.Name[]; values: py.Expr[] } | null {
  if ((target._type !== "Tuple" && target._type !== "List") || value._type !== "Tuple") return null;
  if (target.elts.length !== value.elts.length || !target.elts.every((e) => e._type === "Name")) return null;
  if (value.elts.some((e) => e._type === "Starred")) return null;
  return { targets: target.elts as py.Name[], values: value.elts };
}

/** A call of the builtin `name` (not shadowed) with positional arguments only. */
export function builtinCall(cx: LowerContext, e: py.Expr, name: string): e is py.Call {
  return e._type === "Call" && e.func._type === "Name" && e.func.id === name && cx.resolve(name) === null && e.keywords.length === 0 && e.args.every((a) => a._type !== "Starred");
}

/** `range(...)` of the builtin with one to three arguments. */
export function isRangeCall(cx: LowerContext, e: py.Expr): e is py.Call {
  return builtinCall(cx, e, "range") && e.args.length >= 1 && e.args.length <= 3;
}

/**
 * A local of the running function bound once, to a `range(...)` call (`cols = range(n)`), and
 * not rebound by a nested scope: whenever it has a value, that is a range object (immutable),
 * so a loop over it may count its bounds (`rangeObjectBounds`) instead of iterating.
 */
export function isRangeLocal(cx: LowerContext, e: py.Expr): e is py.Name {
  if (e._type !== "Name" || cx.classBody !== null) return false;
  const scope = cx.fn.scope;
  if (scope.kind !== "function" || cx.resolve(e.id) !== scope) return false;
  if (scope.globals.has(e.id) || scope.nonlocals.has(e.id) || scope.freeInChildren.has(e.id) || INTROSPECTION.some((n) => scope.loads.has(n))) return false;
  const bindings = scope.bindings.get(e.id);
  if (bindings === undefined || bindings.length !== 1 || bindings[0]!.kind !== "assign") return false;
  const s = bindings[0]!.stmt;
  return s?._type === "Assign" && s.targets.length === 1 && s.targets[0]!._type === "Name" && s.targets[0]!.id === e.id && isRangeCall(cx, s.value);
}

/** Is `e` always a Python int (never a bool, float or anything else) when it has a value? */
export function isIntExpr(cx: LowerContext, e: py.Expr, ints: Set<string> = intLocals(cx), depth = 0): boolean {
  // (Deep expressions, such as long operator chains, take the general path: no deep recursion.)
  if (depth > MAX_DEPTH || (ints.size === 0 && moduleInts(cx).size === 0)) return false;
  depth++;
  switch (e._type) {
    case "Constant":
      return e.value.kind === "int";
    case "Name":
      if (cx.classBody === null && ints.has(e.id) && cx.resolve(e.id) === cx.fn.scope) return true;
      return cx.fn.scope !== cx.moduleScope || cx.classBody !== null ? moduleIntRead(cx, e.id) : false;
    case "BinOp":
      // (`**` only by a constant exponent of zero or more: a negative one gives a float.)
      if (e.op === "Pow") return e.right._type === "Constant" && e.right.value.kind === "int" && e.right.value.value >= 0n && isIntExpr(cx, e.left, ints, depth);
      return INT_HELPERS[e.op] !== undefined && isIntExpr(cx, e.left, ints, depth) && isIntExpr(cx, e.right, ints, depth);
    case "UnaryOp":
      return (e.op === "USub" || e.op === "UAdd") && isIntExpr(cx, e.operand, ints, depth);
    case "IfExp":
      return isIntExpr(cx, e.body, ints, depth) && isIntExpr(cx, e.orelse, ints, depth);
    case "Call":
      // len() is an int by definition; int() always returns an exact int.
      return (builtinCall(cx, e, "len") && e.args.length === 1) || (builtinCall(cx, e, "int") && e.args.length <= 2);
    default:
      return false;
  }
}

/** Does the int expression read a proven-int local (so its lowering differs from the general one)? */
function readsIntLocal(cx: LowerContext, e: py.Expr, depth = 0): boolean {
  if (depth++ > MAX_DEPTH) return false;
  switch (e._type) {
    case "Name":
      return isIntExpr(cx, e);
    case "BinOp":
      return readsIntLocal(cx, e.left, depth) || readsIntLocal(cx, e.right, depth);
    case "UnaryOp":
      return readsIntLocal(cx, e.operand, depth);
    case "IfExp":
      return readsIntLocal(cx, e.body, depth) || readsIntLocal(cx, e.orelse, depth);
    default:
      return false;
  }
}

/** Is `e` an int expression that reads a proven-int local (so it is lowered natively)? */
export function nativeInt(cx: LowerContext, e: py.Expr): boolean {
  return anyIntFacts(cx) && isIntExpr(cx, e) && readsIntLocal(cx, e);
}

/**
 * The index of `x[i]` as an Int when it is one: an int expression reading a proven-int local,
 * or an int literal (`v[0]`, `v[-1]`) that a JS number holds exactly. Else null.
 */
export function intIndex(cx: LowerContext, e: py.Expr): ir.Expr | null {
  if (nativeInt(cx, e)) return lowerInt(cx, e);
  const literal = (x: py.Expr): bigint | null => (x._type === "Constant" && x.value.kind === "int" ? x.value.value : null);
  const value = e._type === "UnaryOp" && e.op === "USub" ? literal(e.operand) : literal(e);
  if (value === null) return null;
  const k = e._type === "UnaryOp" ? -value : value;
  return k <= SAFE && k >= -SAFE ? { k: "num", value: Number(k), loc: cx.loc(e) } : null;
}

/** `x[a:b]` without a step, whose bounds are omitted or int expressions, one reading such a local. */
export function intSlice(cx: LowerContext, e: py.Expr): e is py.Slice {
  if (e._type !== "Slice" || e.step !== null || !anyIntFacts(cx)) return false;
  const bounds = [e.lower, e.upper].filter((b): b is py.Expr => b !== null);
  return bounds.every((b) => isIntExpr(cx, b)) && bounds.some((b) => readsIntLocal(cx, b));
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** An int literal as an Int: a number when safe. */
export function intConstant(value: bigint, loc?: ir.Loc): ir.Expr {
  if (value <= SAFE && value >= -SAFE) return { k: "num", value: Number(value), loc };
  // (`as any`: TS rejects comparing a number-typed local with a bigint literal.)
  return { k: "as", expr: { k: "bigint", value, loc }, type: { k: "any" } };
}

// ---- lowering -----------------------------------------------------------------------------

/** An int expression (isIntExpr) as an Int: number arithmetic with exact overflow. */
export function lowerInt(cx: LowerContext, e: py.Expr): ir.Expr {
  const loc = cx.loc(e);
  switch (e._type) {
    case "Constant":
      if (e.value.kind === "int") return intConstant(e.value.value, loc);
      break;
    case "Name":
      return lowerName(cx, e);
    case "BinOp":
      if (e.op === "Pow") return { k: "call", callee: cx.rt("power"), args: [lowerExpr(cx, e.left), lowerExpr(cx, e.right)], loc };
      return { k: "call", callee: cx.rt(INT_HELPERS[e.op]!), args: [lowerInt(cx, e.left), lowerInt(cx, e.right)], loc };
    case "UnaryOp":
      if (e.op === "USub" && e.operand._type === "Constant" && e.operand.value.kind === "int") return intConstant(-e.operand.value.value, loc);
      return e.op === "USub" ? { k: "call", callee: cx.rt("negI"), args: [lowerInt(cx, e.operand)], loc } : lowerInt(cx, e.operand);
    case "IfExp":
      return { k: "cond", test: lowerTest(cx, e.test), then: lowerInt(cx, e.body), else: lowerInt(cx, e.orelse), loc };
    case "Call":
      if (e.func._type === "Name" && e.func.id === "len") return { k: "call", callee: cx.rt("lenI"), args: [lowerExpr(cx, e.args[0]!)], loc };
      break;
  }
  // int(...): the general call, whose bigint is an Int too.
  return lowerExpr(cx, e);
}

/**
 * `str(i)` of an int expression reading a proven-int local: `strI` of the Int, with no bigint
 * made for the builtin to convert. Null for any other call.
 */
export function lowerIntStr(cx: LowerContext, e: py.Call): ir.Expr | null {
  if (!builtinCall(cx, e, "str") || e.args.length !== 1 || !nativeInt(cx, e.args[0]!)) return null;
  return { k: "call", callee: cx.rt("strI"), args: [lowerInt(cx, e.args[0]!)], loc: cx.loc(e) };
}

/** A general value from an int expression: the bigint the rest of the runtime expects. */
export function lowerIntAsValue(cx: LowerContext, e: py.Expr): ir.Expr {
  return { k: "call", callee: cx.rt("big"), args: [lowerInt(cx, e)], loc: cx.loc(e) };
}

const NATIVE_COMPARE: Partial<Record<py.CmpOp, ir.BinaryOp>> = { Lt: "<", LtE: "<=", Gt: ">", GtE: ">=", Eq: "==", NotEq: "!=" };

/**
 * `a < b` of two int expressions, one reading a proven-int local: JS compares numbers and
 * bigints exactly, also mixed (`==` loosely: `3 == 3n`).
 */
export function lowerIntCompare(cx: LowerContext, e: py.Compare): ir.Expr | null {
  if (e.ops.length !== 1 || !anyIntFacts(cx)) return null;
  const op = NATIVE_COMPARE[e.ops[0]!];
  const right = e.comparators[0]!;
  if ((e.ops[0] === "In" || e.ops[0] === "NotIn") && nativeInt(cx, e.left)) {
    // `i in s`: inI (runtime/values/contains.ts) probes a plain set with the Int as it is.
    const test: ir.Expr = { k: "call", callee: cx.rt("inI"), args: [lowerInt(cx, e.left), lowerExpr(cx, right)], loc: cx.loc(e) };
    return e.ops[0] === "In" ? test : { k: "unary", op: "!", arg: test, loc: cx.loc(e) };
  }
  if (op === undefined) return null;
  const mixed = lowerMixed(cx, e.left, right, Object.keys(NATIVE_COMPARE).indexOf(e.ops[0]!), "compareI", cx.loc(e));
  if (mixed !== null) return mixed;
  if (!isIntExpr(cx, e.left) || !isIntExpr(cx, right)) return null;
  if (!readsIntLocal(cx, e.left) && !readsIntLocal(cx, right)) return null;
  return { k: "binary", op, left: lowerInt(cx, e.left), right: lowerInt(cx, right), loc: cx.loc(e) };
}

/**
 * `i OP x` / `x OP i` where one side is an int expression reading a proven-int local and the
 * other is not an int expression: `compareI` / `arithI` (runtime/values/int-mixed.ts) take the
 * Int as it is, with the operator's index and the Int's side; null when it does not apply.
 */
function lowerMixed(cx: LowerContext, left: py.Expr, right: py.Expr, op: number, helper: string, loc: ir.Loc): ir.Expr | null {
  const intLeft = nativeInt(cx, left);
  const intRight = nativeInt(cx, right);
  if (intLeft === intRight || isIntExpr(cx, intLeft ? right : left)) return null;
  const args: ir.Expr[] = intLeft ? [lowerInt(cx, left), lowerExpr(cx, right)] : [lowerExpr(cx, left), lowerInt(cx, right)];
  return { k: "call", callee: cx.rt(helper), args: [...args, { k: "num", value: op }, { k: "num", value: intLeft ? 0 : 1 }], loc };
}

const MIXED_ARITHMETIC: py.Operator[] = ["Add", "Sub", "Mult", "Div"];

/** `x0 + i`, `i / n`: arithmetic of an Int with a value of any type (null when not that). */
export function lowerIntMixedBinOp(cx: LowerContext, e: py.BinOp): ir.Expr | null {
  const op = MIXED_ARITHMETIC.indexOf(e.op);
  if (op < 0 || !anyIntFacts(cx)) return null;
  return lowerMixed(cx, e.left, e.right, op, "arithI", cx.loc(e));
}

/** `if i:` of an int expression reading such a local: nonzero. */
export function lowerIntTest(cx: LowerContext, e: py.Expr): ir.Expr | null {
  if (!nativeInt(cx, e)) return null;
  return { k: "binary", op: "!=", left: lowerInt(cx, e), right: { k: "num", value: 0 }, loc: cx.loc(e) };
}

/** The sign of a range call's step when the source fixes it: 1, -1, or 0 when unknown. */
export function stepSign(call: py.Call): number {
  if (call.args.length < 3) return 1;
  let step = call.args[2]!;
  let sign = 1;
  if (step._type === "UnaryOp" && step.op === "USub") {
    sign = -1;
    step = step.operand;
  }
  if (step._type !== "Constant" || step.value.kind !== "int" || step.value.value === 0n) return 0;
  return step.value.value > 0n ? sign : -sign;
}

/** A small int literal (`3`, `-1`) as a number, else null. */
function smallLiteral(e: py.Expr | undefined): number | null {
  if (e === undefined) return null;
  const negative = e._type === "UnaryOp" && e.op === "USub";
  const operand = negative ? (e as py.UnaryOp).operand : e;
  if (operand._type !== "Constant" || operand.value.kind !== "int" || operand.value.value > 1_000_000n) return null;
  return Number(operand.value.value) * (negative ? -1 : 1);
}

/**
 * `range(stop)`, `range(a, stop)` and `range(a, stop, k)` with literal `a` and `k != 0` and an
 * int expression `stop`: counted without `rangeBounds` (no range object, no array per loop).
 * An int expression cannot make `range` raise, so nothing is checked.
 */
function directBounds(cx: LowerContext, call: py.Call): { start: number; stop: py.Expr; step: number } | null {
  const args = call.args;
  const stopArg = args.length === 1 ? args[0]! : args[1]!;
  const start = args.length === 1 ? 0 : smallLiteral(args[0]);
  const step = args.length === 3 ? smallLiteral(args[2]) : 1;
  if (start === null || step === null || step === 0 || !isIntExpr(cx, stopArg)) return null;
  return { start, stop: stopArg, step };
}

/**
 * `for i in range(...)` with a proven-int `i`: a counting loop. The counter is its own
 * variable (the body may rebind `i`, and after the loop `i` is the last value, as in Python).
 * `bind` starts the body; `make` builds the loop around the lowered body.
 */
export function rangeLoop(cx: LowerContext, s: py.For, declare: boolean): { bind: ir.Stmt; make: (body: ir.Stmt[]) => ir.Stmt[] } {
  const call = s.iter as py.Call;
  const loc = cx.loc(s);
  const [start, stop, step, k] = [cx.temp("start"), cx.temp("stop"), cx.temp("step"), cx.temp("k")];
  const id = (name: string): ir.Expr => ({ k: "id", name });
  const target = jsName((s.target as py.Name).id);
  const bind: ir.Stmt = declare ? { k: "decl", kind: "const", name: target, init: id(k) } : { k: "expr", expr: { k: "assign", op: "=", target: id(target), value: id(k) } };
  const make = (body: ir.Stmt[]): ir.Stmt[] => {
    const direct = directBounds(cx, call);
    if (direct !== null) {
      // The stop as an Int, once; the counter a number from a literal start (exact to 2**53
      // steps, more than any loop makes), compared with the stop exactly even when it is a bigint.
      const stopDecl: ir.Stmt = { k: "decl", kind: "const", name: stop, init: lowerInt(cx, direct.stop), loc };
      const test: ir.Expr = { k: "binary", op: direct.step > 0 ? "<" : ">", left: id(k), right: id(stop) };
      const update: ir.Expr = { k: "assign", op: "+=", target: id(k), value: { k: "num", value: direct.step } };
      return [stopDecl, { k: "for", name: k, init: { k: "num", value: direct.start }, test, update, body, loc }];
    }
    const bounds = boundsDecls(cx, { k: "call", callee: cx.rt("rangeBounds"), args: call.args.map((a) => lowerExpr(cx, a)), loc: cx.loc(call) }, [start, stop, step], loc);
    const sign = stepSign(call);
    const up: ir.Expr = { k: "binary", op: "<", left: id(k), right: id(stop) };
    const down: ir.Expr = { k: "binary", op: ">", left: id(k), right: id(stop) };
    const test: ir.Expr = sign > 0 ? up : sign < 0 ? down : { k: "cond", test: { k: "binary", op: ">", left: id(step), right: { k: "num", value: 0 } }, then: up, else: down };
    const update: ir.Expr = { k: "assign", op: "+=", target: id(k), value: id(step) };
    return [...bounds, { k: "for", name: k, init: id(start), test, update, body, loc }];
  };
  return { bind, make };
}

/**
 * `const bounds1 = rangeBounds(...)` and its start, stop and step read by index: JS's array
 * destructuring steps an array iterator (an iterator and a result per element, and calls) until
 * TurboFan compiles the function, and a function that counts a short range is called often
 * (nqueens' `set(vec[i] + i for i in cols)`, 80,000 times a round).
 */
export function boundsDecls(cx: LowerContext, init: ir.Expr, names: readonly string[], loc?: ir.Loc): ir.Stmt[] {
  // (a comprehension's bounds parameter is read as it is)
  const bounds = init.k === "id" ? init.name : cx.temp("bounds");
  const decls: ir.Stmt[] = init.k === "id" ? [] : [{ k: "decl", kind: "const", name: bounds, init, loc }];
  names.forEach((name, at) => decls.push({ k: "decl", kind: "const", name, init: { k: "index", object: { k: "id", name: bounds }, index: { k: "num", value: at } } }));
  return decls;
}
