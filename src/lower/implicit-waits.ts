// Implicit calls that wait (DESIGN.md §7). In a threaded program a method reaching a thread
// switch is async, and so are a property's accessors and the dunders the syntax calls without
// naming them (`obj[k]`, `a + b`, `with obj:`, `for x in obj:`). Where the syntax stands the
// lowering awaits what the runtime hands back: the accessor's or dunder's promise, or the
// value at once when that object's method does not wait.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { delegate } from "./coroutines.js";
import { functionWaits } from "./waiting-callbacks.js";
import { attributeReplays, replays, REPLAYED_DUNDERS, truthReplays } from "./replay-waits.js";
import { LAZY_TOOLS, lazyTool, mayHoldWaitingGenerator } from "./waiting-generators.js";

/** Dunders called by `a OP b` (and the reflected ones). */
const BINARY_DUNDERS: Record<py.Operator, string> = {
  Add: "add", Sub: "sub", Mult: "mul", Div: "truediv", FloorDiv: "floordiv", Mod: "mod",
  Pow: "pow", MatMult: "matmul", LShift: "lshift", RShift: "rshift", BitOr: "or",
  BitXor: "xor", BitAnd: "and",
};

/** The dunders whose implicit calls are awaited where the syntax reaches them. */
const IMPLICIT_DUNDERS = new Set([
  "__getitem__", "__setitem__", "__delitem__", "__iter__", "__next__",
  ...Object.values(BINARY_DUNDERS).flatMap((n) => [`__${n}__`, `__r${n}__`]),
]);

function decoratorKind(def: py.FunctionDef | py.AsyncFunctionDef): "get" | "set" | "del" | null {
  for (const d of def.decorator_list) {
    if (d._type === "Name" && d.id === "property") return "get";
    if (d._type === "Attribute" && d.attr === "getter") return "get";
    if (d._type === "Attribute" && d.attr === "setter") return "set";
    if (d._type === "Attribute" && d.attr === "deleter") return "del";
  }
  return null;
}

/** May a method of this name and decorators become async for threads (its calls awaited)? */
export function waitsWhereCalled(def: py.FunctionDef | py.AsyncFunctionDef): boolean {
  const kind = decoratorKind(def);
  if (kind !== null) return kind !== "del";
  return IMPLICIT_DUNDERS.has(def.name);
}

/** A method of a class that waits: its implicit call sites wait too. */
export function noteWaitingMethod(cx: LowerContext, def: py.FunctionDef | py.AsyncFunctionDef): void {
  const kind = decoratorKind(def);
  if (kind === "get") cx.waitingGetters.add(def.name);
  else if (kind === "set") cx.waitingSetters.add(def.name);
  else if (IMPLICIT_DUNDERS.has(def.name)) cx.waitingDunders.add(def.name);
  if (kind === null && REPLAYED_DUNDERS.has(def.name)) cx.replayDunders.add(def.name);
}

/** Does evaluating this expression itself (not its parts) call a waiting accessor or dunder? */
export function waitsImplicitly(cx: LowerContext, e: py.Expr): boolean {
  if (cx.threads === null) return false;
  if (replays(cx, e)) return true;
  switch (e._type) {
    case "UnaryOp":
      return e.op === "Not" && truthReplays(cx);
    case "IfExp":
    case "BoolOp":
      return truthReplays(cx);
    case "Attribute":
      if (attributeReplays(cx, e, e.ctx === "Store") || (e.ctx === "Store" && attributeReplays(cx, e, false))) return true;
      // (a stored attribute may be an augmented assignment's, which reads it first)
      return e.ctx === "Load" ? cx.waitingGetters.has(e.attr) : e.ctx === "Store" && (cx.waitingSetters.has(e.attr) || cx.waitingGetters.has(e.attr));
    case "Subscript":
      return cx.waitingDunders.has(e.ctx === "Load" ? "__getitem__" : e.ctx === "Store" ? "__setitem__" : "__delitem__") || (e.ctx === "Store" && cx.waitingDunders.has("__getitem__"));
    case "Call":
      return iterationCallWaits(cx, e) !== null;
    case "Starred":
      // (`f(*gen)`, `[*gen]`: the items awaited first)
      return mayHoldWaitingGenerator(cx, e.value);
    case "YieldFrom":
      return iterationWaits(cx, e.value);
    case "BinOp": {
      const name = BINARY_DUNDERS[e.op];
      return cx.waitingDunders.has(`__${name}__`) || cx.waitingDunders.has(`__r${name}__`);
    }
    default:
      return false;
  }
}

const NOT_ITERATORS = new Set(["Constant", "List", "Tuple", "Set", "Dict", "ListComp", "SetComp", "DictComp", "GeneratorExp", "JoinedStr", "BinOp"]);

/**
 * Does `for x in iter:` wait at each item: some class's `__iter__` or `__next__` waits and the
 * iterable may be an instance (not a display, nor a builtin's result)?
 */
export function iterationWaits(cx: LowerContext, iter: py.Expr): boolean {
  if (cx.threads === null) return false;
  if (iter._type === "Call" && iter.func._type === "Name" && waitingGeneratorCall(cx, iter.func.id)) return true;
  // (a value that may be a generator whose body waits, where the module's generators do)
  if (mayHoldWaitingGenerator(cx, iter)) return true;
  if (iter._type === "Call" && lazyOverWaiting(cx, iter) !== null) return true;
  if (!(cx.waitingDunders.has("__next__") || cx.waitingDunders.has("__iter__"))) return false;
  if (NOT_ITERATORS.has(iter._type)) return false;
  if (iter._type === "Call" && lazyOverWaiting(cx, iter) !== null) return true;
  if (iter._type === "Call" && iter.func._type === "Name" && cx.resolve(iter.func.id) === null) return false;
  // (`d.items()`: a method no class of the program defines gives a built-in value)
  if (iter._type === "Call" && iter.func._type === "Attribute" && !cx.methodNames.has(iter.func.attr)) return false;
  return true;
}

/** Does calling the name make a generator whose body waits (an async generator)? */
function waitingGeneratorCall(cx: LowerContext, name: string): boolean {
  if (cx.waitingGenerators.size === 0) return false;
  const bindings = cx.resolve(name)?.bindings.get(name);
  const stmt = bindings?.length === 1 ? bindings[0]!.stmt : null;
  return stmt !== null && stmt !== undefined && cx.waitingGenerators.has(stmt);
}

/** itertools functions taking a function, their versions whose function or items wait, and where the function is. */
const ITERTOOLS_WAITING: Record<string, [string, number, string]> = {
  takewhile: ["waitingTakewhile", 0, "predicate"],
  dropwhile: ["waitingDropwhile", 0, "predicate"],
  filterfalse: ["waitingFilterfalse", 0, "function"],
  starmap: ["waitingStarmap", 0, "function"],
  accumulate: ["waitingAccumulate", 1, "func"],
  groupby: ["waitingGroupby", 1, "key"],
};

/** The itertools function a callee names (`itertools.takewhile`, or `takewhile` imported from it). */
function itertoolsFunction(cx: LowerContext, f: py.Expr): string | null {
  if (f._type === "Attribute" && f.value._type === "Name") {
    const known = cx.knownBinding(f.value.id);
    return known?.k === "module" && known.module === "itertools" ? f.attr : null;
  }
  if (f._type !== "Name") return null;
  const bindings = cx.resolve(f.id)?.bindings.get(f.id);
  const stmt = bindings?.length === 1 ? bindings[0]!.stmt : null;
  if (stmt?._type !== "ImportFrom" || stmt.module !== "itertools") return null;
  return stmt.names.find((a) => (a.asname ?? a.name) === f.id)?.name ?? null;
}

/** The lazy builtins over iterables, and their runtime versions over iterables whose `__next__` waits. */
const LAZY_BUILTINS: Record<string, string> = { enumerate: "waitingEnumerate", zip: "waitingZip", map: "waitingMapOver", filter: "waitingFilterOver" };

/**
 * `enumerate(obj)`, `zip(a, b)`, `map(f, obj)`, `filter(f, obj)` (the builtins) over an
 * iterable whose iteration waits: the runtime helper making it (waiting-iterators.ts), else null.
 */
export function lazyOverWaiting(cx: LowerContext, e: py.Call): string | null {
  const lazy = cx.threads === null ? null : lazyTool(cx, e.func);
  if (lazy !== null) return e.args.some((a) => iterationWaits(cx, a._type === "Starred" ? a.value : a)) ? LAZY_TOOLS[lazy[0]]![lazy[1]]! : null;
  const tool = itertoolsFunction(cx, e.func);
  if (tool !== null && cx.threads !== null && Object.hasOwn(ITERTOOLS_WAITING, tool)) {
    const [helper, fnAt, fnKeyword] = ITERTOOLS_WAITING[tool]!;
    const fn = e.args[fnAt] ?? e.keywords.find((k) => k.arg === fnKeyword)?.value;
    const iterables = e.args.filter((_, i) => i !== fnAt);
    const waits = functionWaits(cx, fn, cx.fn.scope) || iterables.some((a) => a._type !== "Starred" && iterationWaits(cx, a));
    return waits ? helper : null;
  }
  if (cx.threads === null || e.func._type !== "Name" || cx.resolve(e.func.id) !== null || !Object.hasOwn(LAZY_BUILTINS, e.func.id)) return null;
  const name = e.func.id;
  const iterables = name === "map" || name === "filter" ? e.args.slice(1) : e.args;
  return iterables.some((a) => a._type !== "Starred" && iterationWaits(cx, a)) ? LAZY_BUILTINS[name]! : null;
}

/** Builtins that exhaust an iterable argument at once (`any`/`all` may stop early: not these). */
const CONSUMERS = new Set(["list", "tuple", "set", "frozenset", "sorted", "sum", "min", "max", "dict"]);

/**
 * `next(obj)` / `iter(obj)` where some `__next__`/`__iter__` waits ("step"), or `list(obj)`,
 * `sum(obj)`, ... over an instance whose iteration waits ("consume"); null otherwise.
 */
export function iterationCallWaits(cx: LowerContext, e: py.Call): "step" | "consume" | "any" | "all" | null {
  if (cx.threads === null || e.func._type !== "Name" || cx.resolve(e.func.id) !== null) return null;
  const name = e.func.id;
  if (name === "next" && (cx.waitingDunders.has("__next__") || cx.waitingGenerators.size > 0)) return "step";
  if (name === "iter" && e.args.length === 1 && cx.waitingDunders.has("__iter__")) return "step";
  const first = e.args[0];
  if (CONSUMERS.has(name) && first !== undefined && first._type !== "Starred" && iterationWaits(cx, first)) return "consume";
  // (they stop at the first item that decides: the items are stepped one by one)
  if ((name === "any" || name === "all") && e.args.length === 1 && first !== undefined && (iterationWaits(cx, first) || (first._type === "GeneratorExp" && first.generators.some((g) => iterationWaits(cx, g.iter))))) return name;
  return null;
}

/** Awaits `x` where the running function can wait (else it stays as is). */
export function awaitImplicit(cx: LowerContext, x: ir.Expr, loc?: ir.Loc): ir.Expr {
  if (cx.fn.coroutine) return delegate(cx, "awaitPending", x, loc);
  if (cx.fn.generator && !cx.fn.jsAsync) return x;
  if (cx.fn.jsAsync) return { k: "await", arg: x, loc };
  if (cx.fn.scope === cx.moduleScope) {
    cx.topLevelAwait = true;
    return { k: "await", arg: x, loc };
  }
  return x;
}
