// Lowering of calls that block (run an event loop, sleep, wait on a thread): inside a
// generator they run the loop in place or are refused; elsewhere they are awaited where the
// function can wait. blocking.ts holds the facts these decisions read.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { lowerExpr } from "./expressions.js";
import { lowerArgs } from "./calls.js";
import { constructsWaiting, isAsyncioRun, runsLoop, waitingKey } from "./blocking.js";
import { threadSwitch } from "./thread-switches.js";
import { delegate } from "./coroutines.js";

/**
 * A blocking call in a generator's body: `next()` answers at once, so it cannot wait for a
 * promise. `asyncio.run`, `loop.run_until_complete` and `loop.run_forever` run the loop on
 * this thread instead (runtime/asyncio/run.ts: runNow); a function that reaches one is async
 * and cannot be waited for here: a located error.
 */
export function lowerBlockingInGenerator(cx: LowerContext, e: py.Call): ir.Expr {
  const f = e.func;
  const loc = cx.loc(e);
  if (isAsyncioRun(cx, f, cx.fn.scope)) return { k: "call", callee: cx.rt("runNow"), args: lowerArgs(cx, e), loc };
  if (f._type === "Attribute") {
    const helper = f.attr === "run_until_complete" ? "runUntilCompleteNow" : f.attr === "run_forever" ? "runForeverNow" : null;
    if (helper !== null) return { k: "call", callee: cx.rt(helper), args: [lowerExpr(cx, f.value), ...lowerArgs(cx, e)], loc };
  }
  const name = f._type === "Name" ? f.id : f._type === "Attribute" ? f.attr : "the function";
  return cx.unsupported(e, `a call of '${name}' (it runs an event loop) inside a generator`);
}

export function awaitBlocking(cx: LowerContext, e: py.Call, call: ir.Expr): ir.Expr {
  if (cx.streamedCalls.has(e)) return call;
  const threadSwitchKind = cx.threads !== null && !runsLoop(cx, e, cx.fn.scope) ? threadSwitch(cx, e, e.func, cx.fn.scope) : null;
  // Inside a coroutine the loop is running, so the call raises RuntimeError as in Python.
  // (A comprehension's async generator in a blocking function awaits: comprehensions.ts.)
  // A thread switch (or a function reaching one) there waits as for a promise, when it must;
  // time.sleep blocks the loop, as in CPython.
  if (cx.fn.coroutine) return cx.threads !== null && !runsLoop(cx, e, cx.fn.scope) && threadSwitchKind !== "sleep" && threadSwitchKind !== "urlopen" ? delegate(cx, "awaitPending", call, cx.loc(e)) : call;
  if (cx.fn.generator && !cx.fn.jsAsync) return call;
  // A function the runtime calls for a value at once (`__init__`, a lambda) cannot wait.
  if ((cx.fn.scope.kind === "function" || cx.fn.scope.kind === "lambda") && !cx.fn.jsAsync) return call;
  if (cx.fn.scope === cx.moduleScope) cx.topLevelAwait = true;
  if (threadSwitchKind === "sleep" && call.k === "call") call = { k: "call", callee: cx.rt("threadSleep"), args: call.args, loc: call.loc };
  if (threadSwitchKind === "urlopen" && call.k === "call") call = { k: "call", callee: cx.rt("threadUrlopen"), args: call.args, loc: call.loc };
  if (call.k === "call" && waitingKey(cx, e, cx.fn.scope)) call = { k: "call", callee: cx.rt("withWaitingKey"), args: [call.callee, ...call.args], loc: call.loc };
  // A class call whose `__init__` waits: the instance once its `__init__` has ended.
  if (constructsWaiting(cx, e, cx.fn.scope)) call = { k: "call", callee: cx.rt("initialized"), args: [call], loc: call.loc };
  return { k: "await", arg: call, loc: cx.loc(e) };
}

