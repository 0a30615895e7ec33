// Coroutine lowering (DESIGN.md section 2): `await` and `yield from` become `yield*`
// delegation inside the generator that holds a coroutine's body; `async with` and
// `async for` await their protocol methods the same way.
import { yieldsFromWaiting } from "./waiting-generators.js";
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { lowerExpr } from "./expressions.js";
import { switchingWith } from "./thread-switches.js";

/** `yield* helper(value)`: delegate to an awaitable or iterable through a runtime helper. */
export function delegate(cx: LowerContext, helper: string, value: ir.Expr, loc?: ir.Loc, line = loc?.line): ir.Expr {
  // `await_` also gets the line, which a suspended coroutine reports (`running at prog.py:12`).
  const args: ir.Expr[] = helper === "await_" && line !== undefined ? [value, { k: "num", value: line }] : [value];
  // (the call has the await's span too: a traceback's frame for the awaiting coroutine shows carets under it)
  return { k: "yield", delegate: true, arg: { k: "call", callee: cx.rt(helper), args, loc: helper === "await_" ? loc : undefined }, loc };
}

export function lowerAwait(cx: LowerContext, e: py.Await): ir.Expr {
  if (!cx.fn.coroutine) {
    return cx.syntaxError(e, cx.fn.scope === cx.moduleScope ? "'await' outside function" : "'await' outside async function");
  }
  return delegate(cx, "await_", lowerExpr(cx, e.value), cx.loc(e));
}

export function lowerYield(cx: LowerContext, e: py.Yield): ir.Expr {
  if (!cx.fn.generator) return cx.syntaxError(e, "'yield' outside function");
  if (cx.fn.coroutine) {
    // An async generator hands its value out through the runtime, between awaits.
    const value: ir.Expr = e.value ? lowerExpr(cx, e.value) : { k: "null" };
    return delegate(cx, "asyncYield", value, cx.loc(e));
  }
  return { k: "yield", delegate: false, arg: e.value ? lowerExpr(cx, e.value) : { k: "null" }, loc: cx.loc(e) };
}

export function lowerYieldFrom(cx: LowerContext, e: py.YieldFrom): ir.Expr {
  if (cx.fn.coroutine) return cx.syntaxError(e, "'yield from' inside async function");
  if (!cx.fn.generator) return cx.syntaxError(e, "'yield' outside function");
  // (in a generator whose body waits, threads: a generator that waits too is delegated to as an async iterator)
  return delegate(cx, yieldsFromWaiting(cx, e.value) ? "waitingYieldFrom" : "yieldFrom", lowerExpr(cx, e.value), cx.loc(e));
}

/**
 * `async with cm as x: body` as
 *   const ctx = asyncContext(cm);
 *   x = yield* await_(ctx.enter());
 *   try { body } catch (e) { yield* await_(ctx.error(e)); } finally { yield* await_(ctx.exit()); }
 * `ctx.error` awaits `__aexit__` with the exception and rethrows it unless suppressed;
 * `ctx.exit` awaits `__aexit__(None, None, None)` unless `error` already ran.
 */
export function lowerContextManager(
  cx: LowerContext,
  item: py.WithItem,
  isAsync: boolean,
  bindTarget: (target: py.Expr, value: ir.Expr) => ir.Stmt[],
  body: () => ir.Stmt[],
  loc: ir.Loc,
): ir.Stmt[] {
  if (isAsync && !cx.fn.coroutine) return cx.syntaxError(item.context_expr, "'async with' outside async function");
  const ctx = cx.temp("ctx");
  const err = cx.temp("err");
  const method = (name: string, args: ir.Expr[] = []): ir.Expr => ({
    k: "call",
    callee: { k: "member", object: { k: "id", name: ctx }, property: name },
    args,
  });
  const waits = !isAsync && cx.threads !== null && switchingWith(cx, item.context_expr) ? threadWait(cx) : null;
  const step = (call: ir.Expr): ir.Expr => {
    if (isAsync) return delegate(cx, "await_", call, undefined, loc.line);
    if (waits === "await") return { k: "await", arg: call, loc };
    if (waits === "pending") return delegate(cx, "awaitPending", call, loc);
    return call;
  };
  const out: ir.Stmt[] = [
    {
      k: "decl",
      kind: "const",
      name: ctx,
      init: { k: "call", callee: cx.rt(isAsync ? "asyncContext" : "context"), args: [lowerExpr(cx, item.context_expr)] },
      loc,
    },
  ];
  const entered = step(method("enter"));
  if (item.optional_vars) out.push(...bindTarget(item.optional_vars, entered));
  else out.push({ k: "expr", expr: entered });
  out.push({
    k: "try",
    block: body(),
    param: err,
    // (located at the `with`: an exception `__exit__` raises is reported on its line)
    handler: [{ k: "expr", expr: step(method("error", [{ k: "id", name: err }])), loc }],
    finalizer: [{ k: "expr", expr: step(method("exit")), loc }],
  });
  return out;
}

/** How the current function waits at a thread switch: JS `await`, a coroutine's, or not at all. */
function threadWait(cx: LowerContext): "await" | "pending" | null {
  if (cx.fn.coroutine) return "pending";
  if (cx.fn.generator) return null;
  if (cx.fn.jsAsync) return "await";
  if (cx.fn.scope === cx.moduleScope) {
    cx.topLevelAwait = true;
    return "await";
  }
  return null;
}

/**
 * `async for x in source: body` as
 *   for (const it = aiter(source); ; ) {
 *     const step = yield* await_(anextStep(it));  // { done, value }
 *     if (step.done) break;
 *     x = step.value; body
 *   }
 */
export function lowerAsyncForHead(cx: LowerContext, s: py.AsyncFor): { iterDecl: ir.Stmt; stepStmts: ir.Stmt[]; value: ir.Expr } {
  if (!cx.fn.coroutine) return cx.syntaxError(s, "'async for' outside async function");
  const it = cx.temp("it");
  const step = cx.temp("step");
  const iterDecl: ir.Stmt = { k: "decl", kind: "const", name: it, init: { k: "call", callee: cx.rt("aiter"), args: [lowerExpr(cx, s.iter)] } };
  const stepStmts: ir.Stmt[] = [
    { k: "decl", kind: "const", name: step, init: delegate(cx, "await_", { k: "call", callee: cx.rt("anextStep"), args: [{ k: "id", name: it }] }, undefined, s.lineno) },
    { k: "if", test: { k: "member", object: { k: "id", name: step }, property: "done" }, then: [{ k: "break" }], else: null },
  ];
  return { iterDecl, stepStmts, value: { k: "member", object: { k: "id", name: step }, property: "value" } };
}
