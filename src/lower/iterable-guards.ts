// Where emitted code iterates a value of unknown type (`for`, comprehensions, `f(*v)`, `[*v]`,
// `{*v}`) or reads one as keywords (`f(**m)`), the runtime's guard passes it through when JS
// can iterate it and raises CPython's TypeError otherwise (runtime/lang/iterable-guards.ts).
// Values the lowering knows are iterable (displays, `range(...)`, ...) go unguarded.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { declareTemp, lowerExpr } from "./expressions.js";
import { qualname } from "./functions.js";
import { currentClass } from "./classes.js";
import { methodOf } from "./calls.js";
import { MODULE_ID } from "./program-imports.js";
import { iterationWaits } from "./implicit-waits.js";
import { mayHoldWaitingGenerator, waitsForItems } from "./waiting-generators.js";

/** Runtime functions whose result JS iterates. */
const ITERABLE_RESULTS = new Set(["range", "enumerate", "zip", "reversed", "sorted", "list", "map", "filter", "iter", "closing", "iterOf", "rangeBounds", "dictItems"]);

/** Is the lowered expression certainly a value `for...of` iterates? */
function knownIterable(e: ir.Expr): boolean {
  switch (e.k) {
    case "array":
    case "str":
    case "template":
      return true;
    case "as":
      return knownIterable(e.expr);
    case "call":
      if (e.callee.k === "rt") return ITERABLE_RESULTS.has(e.callee.name);
      // (`Tuple.of(...)`, `PySet.of(...)`, `Dict.of(...)`)
      return e.callee.k === "member" && e.callee.object.k === "rt" && (e.callee.property === "of" || e.callee.property === "from") && ["Tuple", "PySet", "Dict"].includes(e.callee.object.name);
    case "new":
      return e.callee.k === "rt" && ["PySet", "Dict", "Tuple"].includes(e.callee.name);
    default:
      return false;
  }
}

/**
 * The iterable of a `for` loop or comprehension: `iterOf(v)` unless known iterable, or unless
 * its items are awaited (`source` may hold a generator or iterator that waits, in a threaded
 * program: the waiting iteration checks it).
 */
export function guardIterable(cx: LowerContext, iter: ir.Expr, source?: py.Expr): ir.Expr {
  if (knownIterable(iter)) return iter;
  if (source !== undefined && (iterationWaits(cx, source) || (waitsForItems(cx) && mayHoldWaitingGenerator(cx, source)))) return iter;
  return { k: "call", callee: cx.rt("iterOf"), args: [iter] };
}

/** `[*v]` / `(*v,)`: CPython's "Value after * must be an iterable". */
export function guardStarValue(cx: LowerContext, value: ir.Expr): ir.Expr {
  if (knownIterable(value)) return value;
  return { k: "call", callee: cx.rt("starValue"), args: [value] };
}

/**
 * How a guard names the callee of `f(*v)` / `f(**m)` in its error: the called value read
 * again (a name), a receiver named by a name (or a constant) with the method's name, or, where
 * reading it again could run code (`super().m(*v)`, `Cls().m(*v)`, a lambda), the qualified
 * name the lowering knows; null when it knows none.
 */
export type CalleeRef =
  | { k: "value"; value: ir.Expr }
  | { k: "method"; object: ir.Expr; name: string }
  | { k: "static"; qualname: string; builtin?: boolean }
  | null;

/** The built-in type a display makes (`[].append(*v)` names `list.append()`). */
const DISPLAY_TYPES: Record<string, string> = { List: "list", ListComp: "list", Tuple: "tuple", Set: "set", SetComp: "set", Dict: "dict", DictComp: "dict", JoinedStr: "str" };

export function calleeRef(cx: LowerContext, func: py.Expr): CalleeRef {
  if (func._type === "Name") return { k: "value", value: lowerExpr(cx, func) };
  if (func._type === "Lambda") return { k: "static", qualname: qualname(cx.scopeOf(func)) };
  if (func._type !== "Attribute") return null;
  const receiver = func.value;
  if (receiver._type === "Name" || receiver._type === "Constant") {
    return { k: "method", object: lowerExpr(cx, receiver), name: func.attr };
  }
  const display = DISPLAY_TYPES[receiver._type];
  if (display !== undefined) return { k: "static", qualname: `${display}.${func.attr}`, builtin: true };
  if (receiver._type !== "Call" || receiver.func._type !== "Name") return null;
  // `Cls().m(*v)`: the method of a known class; `super().m(*v)`: the one a known base defines.
  let owner: py.ClassDef | null = null;
  if (receiver.func.id === "super" && receiver.args.length === 0) {
    const base = currentClass(cx)?.bases[0];
    const known = base?._type === "Name" ? cx.knownBinding(base.id) : null;
    owner = known?.k === "class" ? known.def : null;
  } else {
    const known = cx.knownBinding(receiver.func.id);
    owner = known?.k === "class" ? known.def : null;
  }
  const method = owner !== null ? methodOf(cx, owner, func.attr) : null;
  return method !== null ? { k: "static", qualname: qualname(cx.scopeOf(method)) } : null;
}

/** The guard's arguments naming the callee. */
function calleeArgs(cx: LowerContext, ref: CalleeRef): ir.Expr[] {
  if (ref === null) return [{ k: "null" }];
  if (ref.k === "value") return [ref.value];
  if (ref.k === "method") return [ref.object, { k: "str", value: ref.name }];
  // (the module's `__name__` qualifies the name, as a function's `__module__` does)
  if (ref.builtin === true) return [{ k: "str", value: ref.qualname }, { k: "str", value: "builtins" }];
  const module: ir.Expr = cx.program ? { k: "member", object: { k: "id", name: MODULE_ID }, property: "__name__" } : { k: "str", value: "__main__" };
  return [{ k: "str", value: ref.qualname }, module];
}

/** `f(*v)`: the spread value, guarded. */
export function guardStarArg(cx: LowerContext, ref: CalleeRef, value: ir.Expr): ir.Expr {
  if (knownIterable(value)) return value;
  return { k: "call", callee: cx.rt(ref?.k === "method" ? "starArgOf" : "starArg"), args: [value, ...calleeArgs(cx, ref)] };
}

/** `f(**m)`: the mapping, guarded (a dict display goes as it is). */
export function guardKwMapping(cx: LowerContext, ref: CalleeRef, value: ir.Expr, ast: py.Expr): ir.Expr {
  if (ast._type === "Dict" || ast._type === "DictComp") return value;
  return { k: "call", callee: cx.rt(ref?.k === "method" ? "kwMappingOf" : "kwMapping"), args: [value, ...calleeArgs(cx, ref)] };
}

/**
 * `a.b.m(*v)`: the receiver, evaluated once where the call reads it, is kept in a temporary
 * so that the guards can name `B.m()` in their TypeError.
 */
export function heldReceiverRef(cx: LowerContext, func: py.Expr): CalleeRef {
  if (func._type !== "Attribute") return null;
  // (`super().m(*v)`: JS's `super` is no value to keep)
  const receiver = func.value;
  if (receiver._type === "Call" && receiver.func._type === "Name" && receiver.func.id === "super") return null;
  let name = cx.heldReceivers.get(func.value);
  if (name === undefined) {
    name = cx.temp("receiver");
    declareTemp(cx, name);
    cx.heldReceivers.set(func.value, name);
  }
  return { k: "method", object: { k: "id", name }, name: func.attr };
}
