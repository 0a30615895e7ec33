// Waits inside code the runtime calls (threads, DESIGN.md §7). In a threaded program a dunder
// the runtime calls (`__len__`, `__eq__`, `__hash__`, `__str__`, ...) may reach a thread
// switch: it becomes async like any waiting method. The runtime's helpers call it for a value
// at once, so where the syntax reaches such a helper (`len(x)`, `a == b`, `sorted(xs)`,
// `d[k]`, an f-string's field, `print(x)`, a condition) the lowering calls the helper through
// `replayWaits` (runtime/threads/replay.ts) and awaits it: the helper runs again, from the
// start, after each wait, the calls already made answering from a record. Functions that wait,
// handed to the runtime (`re.sub(p, f, s)`, `defaultdict(f)`), are recorded the same way.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { awaitImplicit, iterationCallWaits, lazyOverWaiting } from "./implicit-waits.js";
import { iteratesWaitingGenerator, mayHoldWaitingGenerator } from "./waiting-generators.js";
import { callbackArgument, functionWaits, keepsCallback } from "./waiting-callbacks.js";

const TRUTH = ["__bool__", "__len__"];
const EQUALITY = ["__eq__", "__ne__"];
// (containers compare their items for equality first)
const ORDER = ["__lt__", "__le__", "__gt__", "__ge__", "__eq__"];
const HASHING = ["__hash__", "__eq__"];
const TEXT = ["__str__", "__repr__", "__format__"];

/** The dunders a builtin may call on what it is given. */
const BUILTIN_DUNDERS: Record<string, readonly string[]> = {
  len: ["__len__"],
  bool: TRUTH,
  any: TRUTH,
  all: TRUTH,
  str: TEXT,
  repr: ["__repr__"],
  ascii: ["__repr__"],
  format: TEXT,
  print: TEXT,
  hash: ["__hash__"],
  abs: ["__abs__"],
  round: ["__round__"],
  int: ["__int__", "__index__", "__trunc__"],
  float: ["__float__", "__index__"],
  sorted: ORDER,
  min: ORDER,
  max: ORDER,
  set: HASHING,
  frozenset: HASHING,
  dict: HASHING,
  sum: ["__add__", "__radd__"],
};

/** The dunders a method of a built-in value may call on its arguments or items. */
const METHOD_DUNDERS: Record<string, readonly string[]> = {
  index: EQUALITY,
  count: EQUALITY,
  remove: EQUALITY,
  sort: ORDER,
  get: HASHING,
  setdefault: HASHING,
  pop: HASHING,
  add: HASHING,
  discard: HASHING,
  update: HASHING,
  union: HASHING,
  intersection: HASHING,
  difference: HASHING,
  fromkeys: HASHING,
  format: TEXT,
};

/** The dunders the runtime calls for a value at once, which may now wait (they are recorded). */
export const REPLAYED_DUNDERS = new Set([
  ...TRUTH, ...EQUALITY, ...ORDER, ...HASHING, ...TEXT,
  "__abs__", "__round__", "__int__", "__index__", "__trunc__", "__float__", "__contains__", "__missing__",
  "__get__", "__set__", "__getattr__",
]);

/** Names bound in the module's class bodies (a descriptor instance is one). */
const classAttributes = new WeakMap<object, Set<string>>();

function classAttributeNames(cx: LowerContext): Set<string> {
  let names = classAttributes.get(cx);
  if (names !== undefined) return names;
  names = new Set<string>();
  const visit = (node: unknown, inClass: boolean): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n, inClass);
      return;
    }
    const s = node as py.Stmt;
    if (inClass && (s._type === "Assign" || s._type === "AnnAssign")) {
      const targets = s._type === "Assign" ? s.targets : [s.target];
      for (const t of targets) if (t._type === "Name") names!.add(t.id);
    }
    if (s._type === "ClassDef") visit(s.body, true);
    else for (const [k, v] of Object.entries(node)) if (k !== "_type" && typeof v === "object") visit(v, s._type === "FunctionDef" || s._type === "AsyncFunctionDef" ? false : inClass);
  };
  visit(cx.moduleBody, false);
  classAttributes.set(cx, names);
  return names;
}

/**
 * Does reading (or assigning, `store`) `obj.attr` reach a waiting descriptor's `__get__`
 * (`__set__`) or a waiting `__getattr__`? Then it goes through getattr/setattr under replay.
 */
export function attributeReplays(cx: LowerContext, e: py.Attribute, store: boolean): boolean {
  if (cx.threads === null || cx.replayDunders.size === 0) return false;
  if (e.attr.startsWith("__") && e.attr.endsWith("__")) return false;
  if (!store && cx.replayDunders.has("__getattr__")) return true;
  return cx.replayDunders.has(store ? "__set__" : "__get__") && classAttributeNames(cx).has(e.attr);
}

/** A waiting function was handed to a runtime caller that keeps it (`defaultdict(f)`): `d[k]` may call it. */
export const KEPT_CALLBACK = "<callback>";

/** Does the builtin (`str`, `repr`, `len`, ...) call a dunder that waits? (`map(str, objs)` then waits) */
export function builtinWaits(cx: LowerContext, name: string): boolean {
  return cx.threads !== null && Object.hasOwn(BUILTIN_DUNDERS, name) && name !== "print" && anyWaits(cx, BUILTIN_DUNDERS[name]!);
}

function anyWaits(cx: LowerContext, names: readonly string[]): boolean {
  return names.some((n) => cx.replayDunders.has(n));
}

function compareDunders(op: py.CmpOp): readonly string[] {
  switch (op) {
    case "Eq":
    case "NotEq":
      return EQUALITY;
    case "In":
    case "NotIn":
      return ["__contains__", ...HASHING];
    case "Is":
    case "IsNot":
      return [];
    default:
      return ORDER;
  }
}

/** Is the callee the program's own function or class (it receives arguments as they are)? */
export function programCallee(cx: LowerContext, f: py.Expr): boolean {
  if (f._type !== "Name") return false;
  const bindings = cx.resolve(f.id)?.bindings.get(f.id);
  if (!bindings) return false;
  return bindings.some((b) => b.stmt?._type === "FunctionDef" || b.stmt?._type === "AsyncFunctionDef" || b.stmt?._type === "ClassDef");
}

/** Does a call hand a waiting function to the runtime (not to the program's own function)? */
function passesWaitingFunction(cx: LowerContext, e: py.Call): boolean {
  if (programCallee(cx, e.func)) return false;
  const scope = cx.fn.scope;
  return e.args.some((a) => a._type !== "Starred" && functionWaits(cx, a, scope)) || e.keywords.some((k) => functionWaits(cx, k.value, scope));
}

/** Does evaluating this expression call a runtime helper that may reach a waiting dunder or callback? */
export function replays(cx: LowerContext, e: py.Expr): boolean {
  if (cx.threads === null) return false;
  if (e._type === "Call" && callbackArgument(e) === undefined && keepsCallback(e) && passesWaitingFunction(cx, e)) {
    cx.replayDunders.add(KEPT_CALLBACK);
    return true;
  }
  // (`"".join(gen)`, `heapq.nsmallest(2, gen)`, `x in gen` where gen's body may wait: its items recorded)
  if (e._type === "Call" && iterationCallWaits(cx, e) === null && lazyOverWaiting(cx, e) === null && iteratesWaitingGenerator(cx, e)) return true;
  if (e._type === "Compare" && e.ops.some((op) => op === "In" || op === "NotIn") && e.comparators.some((c) => mayHoldWaitingGenerator(cx, c))) return true;
  if (cx.replayDunders.size === 0) return false;
  switch (e._type) {
    case "Call": {
      const f = e.func;
      if (f._type === "Name" && cx.resolve(f.id) === null && Object.hasOwn(BUILTIN_DUNDERS, f.id) && anyWaits(cx, BUILTIN_DUNDERS[f.id]!)) return true;
      return f._type === "Attribute" && Object.hasOwn(METHOD_DUNDERS, f.attr) && !cx.methodNames.has(f.attr) && anyWaits(cx, METHOD_DUNDERS[f.attr]!);
    }
    case "Compare":
      return e.ops.some((op) => anyWaits(cx, compareDunders(op)));
    case "Subscript":
      return anyWaits(cx, [...HASHING, "__index__", "__missing__", KEPT_CALLBACK]);
    case "Dict":
    case "Set":
      return anyWaits(cx, HASHING);
    case "JoinedStr":
      return anyWaits(cx, TEXT);
    case "BinOp":
      // (`%` formatting calls str/repr; set operators hash and compare the items)
      if (e.op === "BitOr" || e.op === "BitAnd" || e.op === "BitXor" || e.op === "Sub") return anyWaits(cx, HASHING);
      return e.op === "Mod" && e.left._type === "Constant" && e.left.value.kind === "str" && anyWaits(cx, TEXT);
    default:
      return false;
  }
}

/** Does a condition's truth test (`if x:`, `not x`, `x if c else y`) reach a waiting `__bool__`/`__len__`? */
export function truthReplays(cx: LowerContext): boolean {
  return cx.threads !== null && anyWaits(cx, TRUTH);
}

/** Is the running function one where an await can stand? */
function canAwait(cx: LowerContext): boolean {
  if (cx.fn.coroutine) return true;
  if (cx.fn.generator) return cx.fn.jsAsync;
  return cx.fn.jsAsync || cx.fn.scope === cx.moduleScope;
}

/** Runtime helpers that call dunders, wrapped where they stand inside a lowered expression. */
const NESTED_HELPERS = new Set([
  "truthy", "eq", "ne", "lt", "le", "gt", "ge", "eqV", "neV", "ltV", "leV", "gtV", "geV", "in_", "notIn",
  "str", "repr", "ascii", "format", "len",
]);

/**
 * The lowered expression with its runtime call made under replay and awaited, and so the
 * dunder-calling helpers inside it (through conditionals, logical operators, template fields,
 * arguments) where they stand.
 */
export function replayed(cx: LowerContext, x: ir.Expr, print = false): ir.Expr {
  if (!canAwait(cx)) return x;
  if (x.k === "await") return x.arg.k === "call" || x.arg.k === "new" ? wrap(cx, x.arg, print) ?? x : x;
  if (x.k === "call" || x.k === "new") return wrap(cx, x, print) ?? x;
  return nested(cx, x);
}

function nested(cx: LowerContext, x: ir.Expr): ir.Expr {
  switch (x.k) {
    case "call":
      return x.callee.k === "rt" && NESTED_HELPERS.has(x.callee.name) ? wrap(cx, x, false) ?? x : x;
    case "logical":
      return { ...x, left: nested(cx, x.left), right: nested(cx, x.right) };
    case "cond":
      return { ...x, test: nested(cx, x.test), then: nested(cx, x.then), else: nested(cx, x.else) };
    case "unary":
      return { ...x, arg: nested(cx, x.arg) };
    case "template":
      return { ...x, exprs: x.exprs.map((p) => nested(cx, p)) };
    case "seq":
      return { ...x, exprs: x.exprs.map((p) => nested(cx, p)) };
    case "as":
      return { ...x, expr: nested(cx, x.expr) };
    case "assign":
      return x.value.k === "call" ? { ...x, value: nested(cx, x.value) } : x;
    default:
      return x;
  }
}

function wrap(cx: LowerContext, x: ir.Expr & { k: "call" | "new" }, print: boolean): ir.Expr | null {
  const loc = x.loc;
  const args = x.args.map((a) => (a.k === "spread" ? a : nested(cx, a)));
  if (x.k === "new") return awaitImplicit(cx, { k: "call", callee: cx.rt("replayNew"), args: [x.callee, ...args], loc }, loc);
  const callee = x.callee;
  if (print && callee.k === "rt" && callee.name === "print") return awaitImplicit(cx, { k: "call", callee: cx.rt("waitingPrint"), args, loc }, loc);
  if (callee.k === "rt" || callee.k === "id") return awaitImplicit(cx, { k: "call", callee: cx.rt("replayWaits"), args: [callee, ...args], loc }, loc);
  if (callee.k === "member" && !callee.optional && callee.object.k !== "this") {
    return awaitImplicit(cx, { k: "call", callee: cx.rt("replayMethod"), args: [callee.object, { k: "str", value: callee.property }, ...args], loc }, loc);
  }
  return null;
}

const NOT_RECORDED = new Set(["__init__", "__new__", "__del__", "__init_subclass__", "__class_getitem__", "__set_name__", "__getattribute__", "__setattr__", "__delattr__", "__enter__", "__exit__", "__aenter__", "__aexit__", "__await__", "__call__"]);

/**
 * The methods of a class a replay frame records, in a threaded program where some dunder the
 * runtime calls waits: its dunders (a helper run again must not run one a second time) and
 * (as their bodies are not, being recorded whole).
 */
export function replayedMethods(cx: LowerContext, cls: py.ClassDef): string[] {
  if (cx.threads === null || cx.replayDunders.size === 0) return [];
  const names: string[] = [];
  for (const st of cls.body) {
    if (st._type !== "FunctionDef" && st._type !== "AsyncFunctionDef") continue;
    if (st.decorator_list.length > 0 || NOT_RECORDED.has(st.name) || names.includes(st.name)) continue;
    if (st.name.startsWith("__") && st.name.endsWith("__")) names.push(st.name);
  }
  return names;
}
