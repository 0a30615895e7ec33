// Callbacks that wait (threads, DESIGN.md §7): a lambda or function reaching a thread switch,
// given to something that calls it. Lambdas handed to callers that await what they return
// (a thread's target, a Timer, an executor, sorted/min/max/list.sort keys, map, filter,
// functools.reduce) become async when their body waits; `map`, `filter`, `reduce` and
// `list.sort` with such a function run through the runtime's waiting versions, awaited.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import type { Scope } from "./scope.js";
import { lambdaWaits } from "./blocking.js";
import { builtinWaits, programCallee } from "./replay-waits.js";

/** The callback argument of a call that awaits what its callback returns, if one is given. */
export function callbackArgument(call: py.Call): py.Expr | undefined {
  const f = call.func;
  const name = f._type === "Name" ? f.id : f._type === "Attribute" ? f.attr : "";
  const keyword = (k: string): py.Expr | undefined => call.keywords.find((x) => x.arg === k)?.value;
  switch (name) {
    case "sorted":
    case "min":
    case "max":
      return f._type === "Name" ? keyword("key") : undefined;
    case "sort":
      return f._type === "Attribute" ? keyword("key") : undefined;
    case "Thread":
      return keyword("target");
    case "Timer":
      return call.args[1] ?? keyword("function");
    case "submit":
    case "to_thread":
    case "map":
    case "filter":
    case "reduce":
      return call.args[0];
    case "run_in_executor":
      return call.args[1];
    default:
      return undefined;
  }
}

/** Callers that run the function they are given in a thread of its own, awaiting what it returns. */
const THREAD_ENTRIES = new Set(["Thread", "Timer", "submit", "to_thread", "run_in_executor"]);

/**
 * Does a def given to a thread (its target, an executor's function) call a value the lowering
 * cannot see through (`cb(x)` for `cb` from a list, `handlers[k]()`)? That value may be a
 * waiting function: the def becomes async so that its calls are awaited (the thread awaits it).
 */
export function threadEntryCallsUnknown(cx: LowerContext, def: py.FunctionDef | py.AsyncFunctionDef, unknown: (call: py.Call, from: Scope) => boolean): boolean {
  if (!cx.threadEntryNames.has(def.name)) return false;
  const visit = (node: unknown, scope: Scope): boolean => {
    if (node === null || typeof node !== "object") return false;
    if (Array.isArray(node)) return node.some((n) => visit(n, scope));
    const t = (node as { _type?: string })._type;
    if (t === "FunctionDef" || t === "AsyncFunctionDef" || t === "ClassDef" || t === "Lambda") return false;
    const inner = t === "ListComp" || t === "SetComp" || t === "DictComp" || t === "GeneratorExp" ? cx.scopeOf(node as py.ListComp) : scope;
    if (t === "Call" && unknown(node as py.Call, inner)) return true;
    return Object.values(node).some((v) => typeof v === "object" && visit(v, inner));
  };
  return visit(def.body, cx.scopeOf(def));
}

/**
 * The defs a thread entry calls by name, and those they call, transitively: a thread runs them
 * too, so a value they call that the lowering cannot see through (`cb()` for a parameter `cb`)
 * may wait, and each becomes async as a thread entry does (threadEntryCallsUnknown).
 */
export function noteThreadHelpers(cx: LowerContext, defs: readonly (py.FunctionDef | py.AsyncFunctionDef)[]): void {
  const byName = new Map<string, (py.FunctionDef | py.AsyncFunctionDef)[]>();
  for (const def of defs) byName.set(def.name, [...(byName.get(def.name) ?? []), def]);
  const queue = [...cx.threadEntryNames];
  while (queue.length > 0) {
    const name = queue.pop()!;
    for (const def of byName.get(name) ?? []) {
      for (const callee of calledNames(def.body)) {
        if (byName.has(callee) && !cx.threadEntryNames.has(callee)) {
          cx.threadEntryNames.add(callee);
          queue.push(callee);
        }
      }
    }
  }
}

/** The plain names a body calls (`helper(x)`), not looking into the defs, classes and lambdas it holds. */
function calledNames(body: py.Stmt[]): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const t = (node as { _type?: string })._type;
    if (t === "FunctionDef" || t === "AsyncFunctionDef" || t === "ClassDef" || t === "Lambda") return;
    if (t === "Call" && (node as py.Call).func._type === "Name") names.add(((node as py.Call).func as py.Name).id);
    for (const v of Object.values(node)) if (typeof v === "object") visit(v);
  };
  visit(body);
  return names;
}

/** The lambdas given to callers that await what they return, anywhere in the module. */
export function collectCallbackLambdas(cx: LowerContext, node: unknown): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const n of node) collectCallbackLambdas(cx, n);
    return;
  }
  const call = node as py.Call;
  if (call._type === "Call") {
    const callback = callbackArgument(call);
    if (callback?._type === "Name" && THREAD_ENTRIES.has(calleeName(call))) cx.threadEntryNames.add(callback.id);
    if (callback?._type === "Lambda") cx.keyLambdas.add(callback);
    // (a lambda handed to the runtime, which calls it under replay when it waits: replay-waits.ts)
    else if (callback === undefined && (keepsCallback(call) || ITERTOOLS_CALLERS.has(calleeName(call))) && !programCallee(cx, call.func)) {
      for (const a of [...call.args, ...call.keywords.map((k) => k.value)]) if (a._type === "Lambda") cx.keyLambdas.add(a);
    }
  }
  for (const v of Object.values(node)) if (typeof v === "object") collectCallbackLambdas(cx, v);
}

/**
 * Runtime callers that call a function they are given while the program waits for them
 * (`re.sub`), or keep it for an operation the program awaits (`defaultdict`'s factory, called
 * by `d[k]`): a lambda given to one may wait (replay-waits.ts). (Not those that call it later
 * from an event loop or another thread: `add_done_callback`, `call_soon`.)
 */
export function keepsCallback(call: py.Call): boolean {
  return KEEPING_CALLERS.has(calleeName(call));
}

function calleeName(call: py.Call): string {
  const f = call.func;
  return f._type === "Name" ? f.id : f._type === "Attribute" ? f.attr : "";
}

const KEEPING_CALLERS = new Set(["sub", "subn", "defaultdict", "cmp_to_key", "nsmallest", "nlargest", "bisect", "bisect_left", "bisect_right", "insort", "insort_left", "insort_right"]);

/** itertools functions given a function: a lambda given to one may wait (its waiting version awaits it). */
const ITERTOOLS_CALLERS = new Set(["takewhile", "dropwhile", "filterfalse", "starmap", "accumulate", "groupby"]);

/** Does the function value (a lambda, a def's name) wait when called? */
export function functionWaits(cx: LowerContext, f: py.Expr | undefined, from: Scope): boolean {
  if (f === undefined) return false;
  if (f._type === "Lambda") return lambdaWaits(cx, f);
  // (`functools.partial(f, ...)` waits when f does)
  if (f._type === "Call" && isPartial(cx, f.func, from)) return functionWaits(cx, f.args[0], from);
  if (f._type !== "Name") return false;
  if (cx.resolve(f.id, from) === null) return builtinWaits(cx, f.id);
  const bindings = cx.resolve(f.id, from)?.bindings.get(f.id);
  if (!bindings || bindings.length !== 1) return false;
  const stmt = bindings[0]!.stmt;
  return stmt !== null && stmt !== undefined && (stmt._type === "FunctionDef" || stmt._type === "AsyncFunctionDef") && cx.blockingFunctions.has(stmt);
}

/** Is the callee functools.partial (`functools.partial`, or the name `from functools import partial` binds)? */
function isPartial(cx: LowerContext, f: py.Expr, from: Scope): boolean {
  if (f._type === "Attribute") {
    const known = f.value._type === "Name" ? cx.knownBinding(f.value.id) : undefined;
    return f.attr === "partial" && known?.k === "module" && known.module === "functools";
  }
  if (f._type !== "Name") return false;
  const bindings = cx.resolve(f.id, from)?.bindings.get(f.id);
  const stmt = bindings?.length === 1 ? bindings[0]!.stmt : null;
  return stmt?._type === "ImportFrom" && stmt.module === "functools" && stmt.names.some((a) => a.name === "partial" && (a.asname ?? a.name) === f.id);
}

/** `map`, `filter`, `functools.reduce` (the builtins, functools's) or `xs.sort`, and which runtime helper. */
function waitingHelper(cx: LowerContext, e: py.Call, from: Scope): string | null {
  const f = e.func;
  if (f._type === "Name" && (f.id === "map" || f.id === "filter") && cx.resolve(f.id, from) === null) return f.id === "map" ? "waitingMap" : "waitingFilter";
  if (f._type === "Name" && f.id === "reduce") {
    const bindings = cx.resolve(f.id, from)?.bindings.get(f.id);
    const stmt = bindings?.length === 1 ? bindings[0]!.stmt : null;
    return stmt?._type === "ImportFrom" && stmt.module === "functools" ? "waitingReduce" : null;
  }
  if (f._type === "Attribute" && f.attr === "reduce" && f.value._type === "Name" && cx.knownBinding(f.value.id)?.k === "module") {
    const known = cx.knownBinding(f.value.id);
    return known?.k === "module" && known.module === "functools" ? "waitingReduce" : null;
  }
  if (f._type === "Attribute" && f.attr === "sort" && f.value._type !== "Constant") return "sortWaitingKey";
  return null;
}

/** A call of map/filter/reduce/list.sort whose function waits: its runtime helper, else null. */
export function waitingCallbackCall(cx: LowerContext, e: py.Call, from: Scope): string | null {
  if (cx.threads === null) return null;
  const helper = waitingHelper(cx, e, from);
  if (helper === null) return null;
  const fn = helper === "sortWaitingKey" ? e.keywords.find((k) => k.arg === "key")?.value : e.args[0];
  return functionWaits(cx, fn, from) ? helper : null;
}

/** The call through its waiting helper (`sortWaitingKey(xs, ...)` takes the list first). */
export function lowerWaitingCallback(cx: LowerContext, e: py.Call, helper: string, args: ir.Arg[], receiver: ir.Expr | null): ir.Expr {
  return { k: "call", callee: cx.rt(helper), args: receiver === null ? args : [receiver, ...args], loc: cx.loc(e) };
}

/** The dunders `functools.cmp_to_key`'s keys define: they call the comparison. */
const KEY_DUNDERS = ["__lt__", "__le__", "__gt__", "__ge__", "__eq__"];

/**
 * `cmp_to_key(f)` where f (a def of that name whose body waits, or a lambda that waits) may
 * wait: its keys' comparisons wait, so the runtime helpers ordering values (`sorted`, `min`,
 * `xs.sort`, `<`) run under replay, as for a class whose `__lt__` waits.
 */
export function noteWaitingComparisons(cx: LowerContext, body: py.Stmt[]): void {
  const waitingNames = new Set<string>();
  for (const def of cx.blockingFunctions as Set<py.Stmt>) if (def._type === "FunctionDef") waitingNames.add(def.name);
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const call = node as py.Call;
    if (call._type === "Call" && calleeName(call) === "cmp_to_key" && call.args.length === 1) {
      const f = call.args[0]!;
      if ((f._type === "Name" && waitingNames.has(f.id)) || (f._type === "Lambda" && lambdaWaits(cx, f))) for (const d of KEY_DUNDERS) cx.replayDunders.add(d);
    }
    for (const v of Object.values(node)) if (typeof v === "object") visit(v);
  };
  visit(body);
}
