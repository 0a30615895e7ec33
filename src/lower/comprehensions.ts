// Comprehensions and generator expressions. A list/set/dict comprehension is a generator
// run to completion into the container; a generator expression is a lazy generator object.
//   [f(x) for x in xs if p(x)]  ->  listComp(function* () { for (const x of xs) if (p(x)) yield f(x); })
import { iterationWaits } from "./implicit-waits.js";
import { truthReplays } from "./replay-waits.js";
import { loopIterable } from "./loop-types.js";
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { lowerExpr, lowerTest } from "./expressions.js";
import { unpackByIndex, unpackPattern, unpackValue } from "./targets.js";
import type { Scope } from "./scope.js";
import { jsName } from "./names.js";
import { childExprs } from "./scope.js";
import { delegate } from "./coroutines.js";
import { loopOwnsGenerator } from "./statements.js";
import { callsUnknownFunction, comprehensionParts, exprBlocks } from "./blocking.js";
import { lowerComprehensionLoop } from "./comprehension-loops.js";
import { guardIterable } from "./iterable-guards.js";

type Comprehension = py.ListComp | py.SetComp | py.DictComp | py.GeneratorExp;

const COLLECTORS: Record<Comprehension["_type"], string> = {
  ListComp: "listComp",
  SetComp: "setComp",
  DictComp: "dictComp",
  GeneratorExp: "generator",
};

/** Does this expression await (outside any nested function or comprehension)? */
function awaits(e: py.Expr): boolean {
  if (e._type === "Await") return true;
  if (e._type === "Lambda" || e._type === "ListComp" || e._type === "SetComp" || e._type === "DictComp" || e._type === "GeneratorExp") return false;
  return childExprs(e).some(awaits);
}

export function lowerComprehension(cx: LowerContext, e: Comprehension): ir.Expr {
  const parts = [...(e._type === "DictComp" ? [e.key, e.value] : [e.elt]), ...e.generators.flatMap((g, i) => [...g.ifs, ...(i > 0 ? [g.iter] : [])])];
  const isAsync = e.generators.some((g) => g.is_async) || parts.some(awaits);
  if (isAsync) return lowerAsyncComprehension(cx, e);
  const scope = cx.scopeOf(e);
  if (!cx.fn.coroutine && !cx.fn.generator && (comprehensionParts(e).some((part) => exprBlocks(cx, part, scope)) || e.generators.some((g) => iterationWaits(cx, g.iter) || (g.ifs.length > 0 && truthReplays(cx))))) {
    return lowerBlockingComprehension(cx, e, scope);
  }
  if (e._type !== "GeneratorExp" && callsUnknownWhereAwaited(cx, e, scope)) return lowerBlockingComprehension(cx, e, scope);
  if (e._type === "ListComp") {
    const mapped = lowerAsArrayFrom(cx, e, scope);
    if (mapped) return mapped;
  }
  if (e._type !== "GeneratorExp") {
    const loop = lowerComprehensionLoop(cx, e);
    if (loop !== null) return loop;
  }
  // The first iterable is evaluated where the comprehension stands (and CPython's `iter()` of it).
  const firstIter = guardIterable(cx, lowerExpr(cx, e.generators[0]!.iter), e.generators[0]!.iter);
  // (in a class body it is passed to the generator function as this parameter)
  const free = hoistableFree(cx, e, scope);
  const firstParam = cx.classBody !== null ? cx.temp("iterable") : free !== null ? "iterable$" : null;
  const state = cx.newFunctionState(scope, { coroutine: false, generator: true, jsAsync: false });
  const body = cx.within(state, () => {
    const produced: ir.Expr =
      e._type === "DictComp"
        ? { k: "array", elements: [lowerExpr(cx, e.key), lowerExpr(cx, e.value)] }
        : lowerExpr(cx, e.elt);
    let inner: ir.Stmt[] = [{ k: "expr", expr: { k: "yield", arg: produced, delegate: false } }];
    // A loop variable a lambda captures is one binding for the whole comprehension, as in Python.
    const shared: string[] = [];
    for (let i = e.generators.length - 1; i >= 0; i--) {
      const g = e.generators[i]!;
      for (const cond of [...g.ifs].reverse()) inner = [{ k: "if", test: lowerTest(cx, cond), then: inner, else: null }];
      let iter: ir.Expr = i === 0 ? (firstParam !== null ? { k: "id", name: firstParam } : firstIter) : lowerExpr(cx, g.iter);
      if (loopOwnsGenerator(cx, g.iter)) iter = { k: "call", callee: cx.rt("closing"), args: [iter] };
      else if (i > 0) iter = guardIterable(cx, iter, g.iter);
      iter = loopIterable(g.target, g.iter, iter);
      const captured = boundNames(g.target).filter((n) => scope.freeInChildren.has(n));
      // (an assigned target declares all its names, captured or not)
      if (captured.length) shared.push(...boundNames(g.target).filter((n) => !shared.includes(n)));
      inner = [loopOver(cx, g.target, iter, inner, captured.length ? null : "const")];
    }
    const decls: ir.Stmt[] = [...state.temps, ...shared.map(jsName)].map((name) => ({ k: "decl", kind: "let", name, type: { k: "any" } }));
    return [...decls, ...inner];
  });
  // Hoisted lambda defaults inside the comprehension run before the enclosing statement.
  cx.fn.before.push(...state.before);
  const fn: ir.FunctionIr = { name: null, params: [], body, generator: true, async: false };
  if (free !== null && state.before.length === 0 && !reachesEnclosingState(body)) {
    // A generator function made per evaluation costs V8 a new hidden class each time: the body
    // becomes one module-level function* taking the first iterable and the enclosing locals it
    // reads as parameters.
    const name = `${e._type === "GeneratorExp" ? "genexpr" : e._type.toLowerCase()}$${++cx.hoistedCount}`;
    const params = [firstParam!, ...free.map(jsName)].map((n) => ({ name: n, type: { k: "any" } as ir.TsType }));
    cx.hoistedFunctions.push({ k: "function", fn: { ...fn, name, params, returnType: { k: "ref", name: "Generator", args: [{ k: "any" }, { k: "any" }, { k: "any" }] } } });
    const args: ir.Expr[] = [{ k: "id", name }];
    if (e._type === "GeneratorExp") args.push({ k: "str", value: "<genexpr>" });
    args.push(firstIter, ...free.map((n) => ({ k: "id", name: jsName(n) }) as ir.Expr));
    return { k: "call", callee: cx.rt(COLLECTORS[e._type]), args, loc: cx.loc(e) };
  }
  const args: ir.Expr[] = [{ k: "func", fn }];
  if (e._type === "GeneratorExp") args.push({ k: "str", value: "<genexpr>" });
  if (firstParam !== null) {
    // In a class body the first iterable (read from the class, `this`) is evaluated here and
    // handed to the generator function, whose own `this` is no class.
    fn.params.push({ name: firstParam, type: { k: "any" } });
    args.push(firstIter);
  }
  return { k: "call", callee: cx.rt(COLLECTORS[e._type]), args, loc: cx.loc(e) };
}

/**
 * In a threaded program, a list/set/dict comprehension calling a value the lowering cannot see
 * through (`[cb(x) for cb in callbacks]`), where the function can wait anyway: the value may
 * be a waiting function, so the comprehension runs as an async generator awaiting each call.
 * (A generator expression stays lazy: its calls are not awaited.)
 */
function callsUnknownWhereAwaited(cx: LowerContext, e: Comprehension, scope: Scope): boolean {
  if (cx.threads === null || cx.fn.coroutine || cx.fn.generator || !(cx.fn.jsAsync || cx.fn.scope === cx.moduleScope)) return false;
  const stack: py.Expr[] = [...comprehensionParts(e).filter((p) => p !== e.generators[0]!.iter)];
  for (let x = stack.pop(); x; x = stack.pop()) {
    if (x._type === "Lambda" || x._type === "ListComp" || x._type === "SetComp" || x._type === "DictComp" || x._type === "GeneratorExp") continue;
    if (x._type === "Call" && callsUnknownFunction(cx, x, scope)) return true;
    stack.push(...childExprs(x));
  }
  return false;
}

/**
 * `for target in iter: body` inside a comprehension. A target with `*rest` takes each item
 * apart through the runtime, as an assignment does (JS destructuring has no middle rest).
 */
export function loopOver(cx: LowerContext, target: py.Expr, iter: ir.Expr, body: ir.Stmt[], declare: "const" | null): ir.Stmt {
  const starred = (t: py.Expr): boolean =>
    t._type === "Starred" || ((t._type === "Tuple" || t._type === "List") && t.elts.some(starred));
  if (target._type !== "Tuple" && target._type !== "List") {
    return { k: "forOf", declare, target: loopTarget(cx, target), iter, body };
  }
  const item = cx.temp("item");
  if (!starred(target)) {
    // (A name bound twice, `for z, z in pairs`, is declared once, with `let`.)
    const names = boundNames(target);
    const declared = new Set<string>();
    const bind = (el: py.Expr, value: ir.Expr): ir.Stmt[] => {
      if (el._type !== "Name") return cx.unsupported(el, "this comprehension target");
      const name = jsName(el.id);
      if (!declare || declared.has(name)) return [{ k: "expr", expr: { k: "assign", op: "=", target: { k: "id", name }, value } }];
      declared.add(name);
      const kind = names.filter((n) => n === el.id).length > 1 ? "let" : "const";
      return [{ k: "decl", kind, name, init: value, ...(kind === "let" ? { type: { k: "any" } as ir.TsType } : {}) }];
    };
    return { k: "forOf", declare: "const", target: item, iter, body: [...unpackByIndex(cx, target, { k: "id", name: item }, bind), ...body] };
  }
  const pattern = unpackPattern(cx, target);
  const value = unpackValue(cx, target, { k: "id", name: item });
  const unpack: ir.Stmt = declare
    ? { k: "decl", kind: "const", name: pattern, init: value }
    : { k: "expr", expr: { k: "assign", op: "=", target: pattern, value } };
  return { k: "forOf", declare: "const", target: item, iter, body: [unpack, ...body] };
}

/**
 * A comprehension in a plain function whose items make blocking calls: a JS async generator
 * (the calls awaited), collected by `blockingComp` and awaited where it stands. A generator
 * expression cannot block its consumer's `next()`: its items are computed ahead, when it is
 * made (what `sum`, `max`, `list`... see is the same; its laziness is lost).
 *   [run(f(n)) for n in ns]  ->  await blockingComp("list", async function* () { for (const n of ns) yield await run(f(n)); })
 */
function lowerBlockingComprehension(cx: LowerContext, e: Comprehension, scope: Scope): ir.Expr {
  for (const g of e.generators) if (iterationWaits(cx, g.iter)) cx.awaitedIterables.add(g.iter);
  const firstIter = guardIterable(cx, lowerExpr(cx, e.generators[0]!.iter), e.generators[0]!.iter);
  const param = cx.temp("iterable");
  const state = cx.newFunctionState(scope, { coroutine: false, generator: true, jsAsync: true });
  const body = cx.within(state, () => {
    const produced: ir.Expr = e._type === "DictComp" ? { k: "array", elements: [lowerExpr(cx, e.key), lowerExpr(cx, e.value)] } : lowerExpr(cx, e.elt);
    let inner: ir.Stmt[] = [{ k: "expr", expr: { k: "yield", arg: produced, delegate: false } }];
    for (let i = e.generators.length - 1; i >= 0; i--) {
      const g = e.generators[i]!;
      for (const cond of [...g.ifs].reverse()) inner = [{ k: "if", test: lowerTest(cx, cond), then: inner, else: null }];
      let iter = loopIterable(g.target, g.iter, i === 0 ? { k: "id", name: param } : guardIterable(cx, lowerExpr(cx, g.iter), g.iter));
      // (an instance whose `__next__` waits, in a threaded program: each item awaited)
      const waits = iterationWaits(cx, g.iter);
      if (waits) iter = { k: "call", callee: cx.rt("waitingIterator"), args: [iter] };
      const loop = loopOver(cx, g.target, iter, inner, "const");
      inner = [waits && loop.k === "forOf" ? { ...loop, await: true } : loop];
    }
    const decls: ir.Stmt[] = state.temps.map((name) => ({ k: "decl", kind: "let", name, type: { k: "any" } }));
    return [...decls, ...inner];
  });
  cx.fn.before.push(...state.before);
  if (cx.fn.scope === cx.moduleScope) cx.topLevelAwait = true;
  const fn: ir.FunctionIr = { name: null, params: [{ name: param, type: { k: "any" } }], body, generator: true, async: true };
  const kind = e._type === "ListComp" ? "list" : e._type === "SetComp" ? "set" : e._type === "DictComp" ? "dict" : cx.lazyGenexprs.has(e) ? "lazy" : "iterator";
  const collect: ir.Expr = { k: "call", callee: cx.rt("blockingComp"), args: [{ k: "str", value: kind }, { k: "func", fn }, firstIter] };
  return { k: "await", arg: collect, loc: cx.loc(e) };
}

function loopTarget(cx: LowerContext, target: py.Expr): string | ir.Pattern {
  if (target._type === "Name") return jsName(target.id);
  if (target._type === "Tuple" || target._type === "List") return unpackPattern(cx, target);
  return cx.unsupported(target, "this comprehension target");
}

export function boundNames(target: py.Expr): string[] {
  if (target._type === "Name") return [target.id];
  if (target._type === "Tuple" || target._type === "List") return target.elts.flatMap(boundNames);
  if (target._type === "Starred") return boundNames(target.value);
  return [];
}

/**
 * An asynchronous comprehension runs as an async generator (its awaits suspend the enclosing
 * coroutine): a generator expression is that async generator; a list/set/dict comprehension
 * awaits its collection.
 */
function lowerAsyncComprehension(cx: LowerContext, e: Comprehension): ir.Expr {
  if (!cx.fn.coroutine) return cx.syntaxError(e, "asynchronous comprehension outside of an asynchronous function");
  const scope = cx.scopeOf(e);
  const firstIter = lowerExpr(cx, e.generators[0]!.iter);
  const state = cx.newFunctionState(scope, { coroutine: true, generator: true, jsAsync: false });
  const body = cx.within(state, () => {
    const produced: ir.Expr =
      e._type === "DictComp" ? { k: "array", elements: [lowerExpr(cx, e.key), lowerExpr(cx, e.value)] } : lowerExpr(cx, e.elt);
    let inner: ir.Stmt[] = [{ k: "expr", expr: delegate(cx, "asyncYield", produced) }];
    for (let i = e.generators.length - 1; i >= 0; i--) {
      const g = e.generators[i]!;
      for (const cond of [...g.ifs].reverse()) inner = [{ k: "if", test: lowerTest(cx, cond), then: inner, else: null }];
      const iter = i === 0 ? firstIter : lowerExpr(cx, g.iter);
      const target = loopTarget(cx, g.target);
      if (!g.is_async) {
        inner = [loopOver(cx, g.target, guardIterable(cx, iter, g.iter), inner, "const")];
        continue;
      }
      const it = cx.temp("it");
      const step = cx.temp("step");
      const stepValue: ir.Expr = { k: "member", object: { k: "id", name: step }, property: "value" };
      inner = [
        { k: "decl", kind: "const", name: it, init: { k: "call", callee: cx.rt("aiter"), args: [iter] } },
        {
          k: "while",
          test: { k: "bool", value: true },
          body: [
            { k: "decl", kind: "const", name: step, init: delegate(cx, "await_", { k: "call", callee: cx.rt("anextStep"), args: [{ k: "id", name: it }] }, undefined, e.lineno) },
            { k: "if", test: { k: "member", object: { k: "id", name: step }, property: "done" }, then: [{ k: "break" }], else: null },
            { k: "decl", kind: "const", name: target, init: stepValue },
            ...inner,
          ],
        },
      ];
    }
    const decls: ir.Stmt[] = state.temps.map((name) => ({ k: "decl", kind: "let", name, type: { k: "any" } }));
    return [...decls, ...inner];
  });
  cx.fn.before.push(...state.before);
  const agen: ir.Expr = { k: "call", callee: cx.rt("asyncGenerator"), args: [{ k: "func", fn: { name: null, params: [], body, generator: true, async: false } }, { k: "str", value: `<${e._type === "GeneratorExp" ? "genexpr" : e._type.toLowerCase()}>` }] };
  if (e._type === "GeneratorExp") return { ...agen, loc: cx.loc(e) };
  const kind = e._type === "ListComp" ? "list" : e._type === "SetComp" ? "set" : "dict";
  return delegate(cx, "await_", { k: "call", callee: cx.rt("asyncCollect"), args: [agen, { k: "str", value: kind }] }, cx.loc(e));
}

/**
 * The common `[f(x) for x in xs]` reads best as `Array.from(xs, (x: any) => f(x))`: one
 * loop, no condition, and no closure capturing the loop variable (an arrow parameter is a
 * fresh binding per item, where Python shares one).
 */
function lowerAsArrayFrom(cx: LowerContext, e: py.ListComp, scope: Scope): ir.Expr | null {
  const [g] = e.generators;
  if (e.generators.length !== 1 || g!.ifs.length || g!.target._type !== "Name") return null;
  if (boundNames(g!.target).some((n) => scope.freeInChildren.has(n))) return null;
  const iter = guardIterable(cx, lowerExpr(cx, g!.iter), g!.iter);
  const state = cx.newFunctionState(scope, { coroutine: false, generator: false, jsAsync: false });
  const body = cx.within(state, () => lowerExpr(cx, e.elt));
  if (state.temps.length || state.before.length) return null;
  const param: ir.Param = { name: jsName(g!.target.id), type: { k: "any" } };
  const arrayFrom: ir.Expr = { k: "member", object: { k: "id", name: "Array" }, property: "from" };
  return { k: "call", callee: arrayFrom, args: [iter, { k: "arrow", params: [param], body }], loc: cx.loc(e) };
}

/** The scopes of a comprehension and of everything nested in it. */
function subtree(scope: Scope): Scope[] {
  return [scope, ...scope.children.flatMap(subtree)];
}

/**
 * The enclosing locals a comprehension reads, when its body can be a module-level function
 * taking them as parameters; else null. It must run to completion where it stands (a
 * list/set/dict comprehension, or a generator expression a builtin consumes at once), so the
 * locals cannot be rebound meanwhile, except by a nested `nonlocal` (then it stays a closure).
 */
export function hoistableFree(cx: LowerContext, e: Comprehension, scope: Scope): string[] | null {
  // (At module level it runs once: it stays where it is, easier to read.)
  if (cx.classBody !== null || cx.fn.scope.kind === "module") return null;
  if (e._type === "GeneratorExp" && !cx.immediateGenexprs.has(e)) return null;
  // (`(k := x)` binds k in the enclosing function: a parameter copy of it would not)
  if (assignsEnclosing(e)) return null;
  const inner = subtree(scope);
  if (inner.some((s) => s.globals.size > 0 || s.nonlocals.size > 0)) return null;
  const free = new Set<string>();
  for (const s of inner) {
    for (const name of [...s.loads.keys(), ...s.freeInChildren]) {
      if (name === "super" || name === "__class__") return null;
      const owner = cx.resolve(name, s);
      if (owner === null || owner.kind === "module" || inner.includes(owner)) continue;
      if (owner.kind === "class") return null;
      // (a nested `nonlocal` could rebind it while the comprehension runs)
      if (subtree(owner).some((o) => o.nonlocals.has(name))) return null;
      free.add(name);
    }
  }
  return [...free].sort();
}

/** Does the expression hold an assignment expression (`:=`) anywhere? */
function assignsEnclosing(e: py.Expr): boolean {
  const stack: py.Expr[] = [e];
  for (let x = stack.pop(); x; x = stack.pop()) {
    if (x._type === "NamedExpr") return true;
    if (x._type === "ListComp" || x._type === "SetComp" || x._type === "DictComp" || x._type === "GeneratorExp") {
      stack.push(...(x._type === "DictComp" ? [x.key, x.value] : [x.elt]), ...x.generators.flatMap((g) => [g.target, g.iter, ...g.ifs]));
    } else stack.push(...childExprs(x));
  }
  return false;
}

/** Does a lowered body reach its JS function's own state (`this`, `arguments`)? Then it stays where it is. */
export function reachesEnclosingState(body: ir.Stmt[]): boolean {
  const text = JSON.stringify(body, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
  return text.includes('"k":"this"') || text.includes('"arguments"');
}
