// Comprehensions, and generator expressions a builtin consumes at once, as one loop doing the
// collecting (or the builtin's work) on each item: no generator object, no resumption per item.
//   [f(x) for x in xs if p(x)]  ->  listcomp$1(xs)  with
//     function listcomp$1(iterable$) { let acc$ = []; for (const x of iterable$) if (p(x)) acc$.push(f(x)); return acc$; }
//   sum(f(x) for x in xs)  ->  sum$2(xs)  with
//     function sum$2(iterable$) { let acc$ = 0n; try { for (const x of iterable$) acc$ = add(acc$, f(x)); }
//                                 catch (error$) { throw genexprError(error$); } return acc$; }
// (a closure called at once, `((iterable$) => {...})(xs)`, where the body cannot be a
// module-level function). What stays as CPython has it: the first iterable is evaluated where
// the expression stands; the items are computed one at a time, each handed to the collecting
// step (`__hash__`, `+`, `__bool__`) before the next is computed; `any`/`all` stop at the
// deciding item; a StopIteration a generator expression's body raises is `RuntimeError:
// generator raised StopIteration` (PEP 479), where a comprehension's propagates as it is.
// A generator expression is taken so only as the sole argument of the unshadowed builtin.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { lowerExpr, lowerTest } from "./expressions.js";
import { boundNames, hoistableFree, loopOver, reachesEnclosingState } from "./comprehensions.js";
import { loopIterable } from "./loop-types.js";
import { loopOwnsGenerator } from "./statements.js";
import { comprehensionParts, exprBlocks } from "./blocking.js";
import { childExprs } from "./scope.js";
import { jsName } from "./names.js";
import { boundsDecls, builtinCall, isIntExpr, isRangeCall, isRangeLocal, lowerInt, stepSign } from "./int-facts.js";
import type { Scope } from "./scope.js";
import { guardIterable } from "./iterable-guards.js";

type Consumer = "sum" | "any" | "all" | "list" | "set" | "tuple" | "dict";
type Comprehension = py.ListComp | py.SetComp | py.DictComp | py.GeneratorExp;
const CONSUMERS = new Set<string>(["sum", "any", "all", "list", "set", "tuple"]);

/** Does this expression await or yield (outside any nested function or comprehension)? */
function suspends(e: py.Expr): boolean {
  if (e._type === "Await" || e._type === "Yield" || e._type === "YieldFrom") return true;
  if (e._type === "Lambda" || e._type === "ListComp" || e._type === "SetComp" || e._type === "DictComp" || e._type === "GeneratorExp") return false;
  return childExprs(e).some(suspends);
}

/** `sum(x for x in xs)` and the like as a loop; null when the call is not one. */
export function lowerConsumedGenexpr(cx: LowerContext, call: py.Call): ir.Expr | null {
  const f = call.func;
  if (f._type !== "Name" || !CONSUMERS.has(f.id) || cx.resolve(f.id) !== null) return null;
  if (call.args.length !== 1 || call.keywords.length !== 0) return null;
  const e = call.args[0]!;
  if (e._type !== "GeneratorExp" || !loopable(cx, e)) return null;
  return lowerLoop(cx, e, f.id as Consumer, cx.loc(call));
}

/** A list/set/dict comprehension as a loop; null when it must stay a generator. */
export function lowerComprehensionLoop(cx: LowerContext, e: py.ListComp | py.SetComp | py.DictComp): ir.Expr | null {
  if (!loopable(cx, e)) return null;
  return lowerLoop(cx, e, e._type === "ListComp" ? "list" : e._type === "SetComp" ? "set" : "dict", cx.loc(e));
}

function loopable(cx: LowerContext, e: Comprehension): boolean {
  // (threads: items may wait; class bodies: names resolve differently; both keep the generator)
  if (cx.threads !== null || cx.classBody !== null) return false;
  if (e.generators.some((g) => g.is_async) || comprehensionParts(e).some(suspends)) return false;
  const scope = cx.scopeOf(e);
  return !comprehensionParts(e).some((part) => exprBlocks(cx, part, scope));
}

function lowerLoop(cx: LowerContext, e: Comprehension, consumer: Consumer, loc: ir.Loc | undefined): ir.Expr {
  const scope = cx.scopeOf(e);
  const ints = rangeTargets(cx, e, scope);
  const first = e.generators[0]!;
  // (a first `range(...)` whose target is a proven int: its bounds, evaluated where it stands)
  // (or a local holding a range object: the bounds of that object)
  const firstIter: ir.Expr = !intLoop(ints, first) ? guardIterable(cx, lowerExpr(cx, first.iter), first.iter)
    : first.iter._type === "Call" ? { k: "call", callee: cx.rt("rangeBounds"), args: first.iter.args.map((a) => lowerExpr(cx, a)), loc: cx.loc(first.iter) }
    : { k: "call", callee: cx.rt("rangeObjectBounds"), args: [lowerExpr(cx, first.iter)], loc: cx.loc(first.iter) };
  const free = hoistableFree(cx, e, scope);
  const firstParam = "iterable$";
  const acc = "acc$";
  const state = cx.newFunctionState(scope, { coroutine: false, generator: false, jsAsync: false });
  if (ints.size > 0) {
    // A `for i in range(...)` target is an Int in the body, as a def's loop counter is (int-facts.ts).
    state.intParams = new Set();
    state.intFacts = ints;
  }
  const body = cx.within(state, (): ir.Stmt[] => {
    const intSum = consumer === "sum" && e._type === "GeneratorExp" && sumsInts(cx, e.elt);
    let inner = intSum ? [intSumStep(cx, e.elt as py.Expr, acc)] : itemStep(cx, consumer, e, acc);
    const shared: string[] = [];
    for (let i = e.generators.length - 1; i >= 0; i--) {
      const g = e.generators[i]!;
      for (const cond of [...g.ifs].reverse()) inner = [{ k: "if", test: lowerTest(cx, cond), then: inner, else: null }];
      if (intLoop(ints, g)) {
        inner = countingLoop(cx, g, i === 0 ? { k: "id", name: firstParam } : null, inner);
        continue;
      }
      let iter: ir.Expr = i === 0 ? { k: "id", name: firstParam } : lowerExpr(cx, g.iter);
      if (loopOwnsGenerator(cx, g.iter)) iter = { k: "call", callee: cx.rt("closing"), args: [iter] };
      else if (i > 0) iter = guardIterable(cx, iter, g.iter);
      iter = loopIterable(g.target, g.iter, iter);
      // A loop variable a lambda captures is one binding for the whole loop, as in Python.
      const captured = boundNames(g.target).filter((n) => scope.freeInChildren.has(n));
      if (captured.length) shared.push(...boundNames(g.target).filter((n) => !shared.includes(n)));
      inner = [loopOver(cx, g.target, iter, inner, captured.length ? null : "const")];
    }
    const decls: ir.Stmt[] = [...state.temps, ...shared.map(jsName)].map((name) => ({ k: "decl", kind: "let", name, type: { k: "any" } }));
    const loop: ir.Stmt[] = [...decls, ...inner];
    const caught = "error$";
    const guarded: ir.Stmt[] =
      e._type === "GeneratorExp"
        ? [{ k: "try", block: loop, param: caught, handler: [{ k: "throw", arg: { k: "call", callee: cx.rt("genexprError"), args: [{ k: "id", name: caught }] } }], finalizer: null }]
        : loop;
    if (intSum) return [{ k: "decl", kind: "let", name: acc, type: { k: "any" }, init: { k: "num", value: 0 } }, ...guarded, { k: "return", arg: { k: "call", callee: cx.rt("big"), args: [{ k: "id", name: acc }] } }];
    return [...start(cx, consumer, acc), ...guarded, { k: "return", arg: finish(cx, consumer, acc) }];
  });
  cx.fn.before.push(...state.before);
  const params: ir.Param[] = [firstParam, ...(free ?? []).map(jsName)].map((n) => ({ name: n, type: { k: "any" } }));
  const kind = e._type === "GeneratorExp" ? consumer : e._type.toLowerCase();
  if (free !== null && state.before.length === 0 && !reachesEnclosingState(body)) {
    const name = `${kind}$${++cx.hoistedCount}`;
    cx.hoistedFunctions.push({ k: "function", fn: { name, params, body, generator: false, async: false, returnType: { k: "any" } } });
    const args: ir.Expr[] = [firstIter, ...free.map((n) => ({ k: "id", name: jsName(n) }) as ir.Expr)];
    return { k: "call", callee: { k: "id", name }, args, loc };
  }
  if (!reachesEnclosingState(body)) {
    // The body stays a closure, declared just before the statement (declaring runs nothing)
    // and called by name where the expression stands: a traceback's frame is that call.
    const name = `${kind}$${++cx.hoistedCount}`;
    cx.fn.before.push({ k: "function", fn: { name, params: [params[0]!], body, generator: false, async: false, returnType: { k: "any" } } });
    return { k: "call", callee: { k: "id", name }, args: [firstIter], loc };
  }
  // (`this` in the body: an arrow called at once keeps the enclosing one)
  return { k: "call", callee: { k: "arrow", params: [params[0]!], body }, args: [firstIter], loc };
}

const INTROSPECTION = ["locals", "vars", "eval", "exec", "dir"];

/**
 * The targets of `for i in range(...)` clauses (the builtin range) that are proven ints: bound
 * there only, and no lambda or nested comprehension captures them.
 */
function rangeTargets(cx: LowerContext, e: Comprehension, scope: Scope): Set<string> {
  const ints = new Set<string>();
  if (INTROSPECTION.some((n) => scope.loads.has(n))) return ints;
  for (const g of e.generators) {
    // (the first iterable is evaluated in the enclosing scope, where a range local is known)
    if (g.target._type !== "Name" || !(isRangeCall(cx, g.iter) || (g === e.generators[0] && isRangeLocal(cx, g.iter)))) continue;
    const name = g.target.id;
    if (scope.freeInChildren.has(name) || scope.globals.has(name) || scope.nonlocals.has(name) || scope.bindings.get(name)?.length !== 1) continue;
    ints.add(name);
  }
  return ints;
}

function intLoop(ints: Set<string>, g: py.Comprehension): g is py.Comprehension & { target: py.Name; iter: py.Call | py.Name } {
  return g.target._type === "Name" && ints.has(g.target.id) && (g.iter._type === "Call" || g.iter._type === "Name");
}

/**
 * `for i in range(...)` as a counting loop over the bounds `rangeBounds` gives (numbers when
 * safe, else bigints); `bounds` is the parameter holding them for the first clause.
 */
function countingLoop(cx: LowerContext, g: py.Comprehension & { target: py.Name; iter: py.Call | py.Name }, bounds: ir.Expr | null, body: ir.Stmt[]): ir.Stmt[] {
  const [start, stop, step, k] = [cx.temp("start"), cx.temp("stop"), cx.temp("step"), cx.temp("k")];
  const id = (name: string): ir.Expr => ({ k: "id", name });
  const call = g.iter;
  // (a range local, only ever the first clause, always comes with its bounds)
  const init: ir.Expr = bounds ?? { k: "call", callee: cx.rt("rangeBounds"), args: call._type === "Call" ? call.args.map((a) => lowerExpr(cx, a)) : [], loc: cx.loc(call) };
  const decls = boundsDecls(cx, init, [start, stop, step]);
  const sign = call._type === "Call" ? stepSign(call) : 0;
  const up: ir.Expr = { k: "binary", op: "<", left: id(k), right: id(stop) };
  const down: ir.Expr = { k: "binary", op: ">", left: id(k), right: id(stop) };
  const test: ir.Expr = sign > 0 ? up : sign < 0 ? down : { k: "cond", test: { k: "binary", op: ">", left: id(step), right: { k: "num", value: 0 } }, then: up, else: down };
  const bind: ir.Stmt = { k: "decl", kind: "const", name: jsName(g.target.id), init: id(k) };
  return [...decls, { k: "for", name: k, init: id(start), test, update: { k: "assign", op: "+=", target: id(k), value: id(step) }, body: [bind, ...body] }];
}

/**
 * `sum(len(w) for w in words)`, `sum(1 for ...)`, `sum(i * i for i in range(n))`: every item is
 * an int, so the total is an Int (int-facts.ts: a number while it is safe, exact past that),
 * handed out as the bigint at the end; no bigint is made per item.
 */
function sumsInts(cx: LowerContext, elt: py.Expr): boolean {
  if (elt._type === "Constant") return elt.value.kind === "int";
  if (builtinCall(cx, elt, "len") && elt.args.length === 1 && elt.keywords.length === 0) return true;
  return isIntExpr(cx, elt);
}

function intSumStep(cx: LowerContext, elt: py.Expr, acc: string): ir.Stmt {
  const accId: ir.Expr = { k: "id", name: acc };
  return { k: "expr", expr: { k: "assign", op: "=", target: accId, value: { k: "call", callee: cx.rt("addI"), args: [accId, lowerInt(cx, elt)] } } };
}

function start(cx: LowerContext, consumer: Consumer, acc: string): ir.Stmt[] {
  const init: ir.Expr | null =
    consumer === "sum" ? { k: "bigint", value: 0n }
    : consumer === "list" || consumer === "tuple" ? { k: "array", elements: [] }
    : consumer === "set" ? { k: "new", callee: cx.rt("PySet"), args: [] }
    : consumer === "dict" ? { k: "new", callee: cx.rt("Dict"), args: [] }
    : null;
  return init === null ? [] : [{ k: "decl", kind: "let", name: acc, type: { k: "any" }, init }];
}

function finish(cx: LowerContext, consumer: Consumer, acc: string): ir.Expr {
  if (consumer === "any") return { k: "bool", value: false };
  if (consumer === "all") return { k: "bool", value: true };
  if (consumer === "tuple") return { k: "new", callee: cx.rt("Tuple"), args: [{ k: "id", name: acc }] };
  return { k: "id", name: acc };
}

/** What the builtin does with one item. */
function itemStep(cx: LowerContext, consumer: Consumer, e: Comprehension, acc: string): ir.Stmt[] {
  const accId: ir.Expr = { k: "id", name: acc };
  if (e._type === "DictComp") {
    // (the key is computed before the value, as CPython 3.8+ does)
    const key = lowerExpr(cx, e.key);
    const value = lowerExpr(cx, e.value);
    return [{ k: "expr", expr: { k: "call", callee: { k: "member", object: accId, property: "set" }, args: [key, value] } }];
  }
  const elt = e.elt;
  if (consumer === "any" || consumer === "all") {
    // (a value's truth is asked once, as the builtin asks it: `a and b` as a test would ask `a` once less)
    const test = elt._type === "Compare" && elt.ops.length === 1 ? lowerTest(cx, elt) : { k: "call", callee: cx.rt("truthy"), args: [lowerExpr(cx, elt)] } as ir.Expr;
    const decided = consumer === "any" ? test : ({ k: "unary", op: "!", arg: test } as ir.Expr);
    return [{ k: "if", test: decided, then: [{ k: "return", arg: { k: "bool", value: consumer === "any" } }], else: null }];
  }
  const item = lowerExpr(cx, elt);
  if (consumer === "sum") return [{ k: "expr", expr: { k: "assign", op: "=", target: accId, value: { k: "call", callee: cx.rt("add"), args: [accId, item] } } }];
  const method = consumer === "set" ? "add" : "push";
  return [{ k: "expr", expr: { k: "call", callee: { k: "member", object: accId, property: method }, args: [item] } }];
}
