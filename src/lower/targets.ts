// Assignment targets and where JS declares Python's function-scoped names.
//
// A Python local is declared with `const`/`let` at its first binding when that binding is a
// statement directly in the function body; any other local is declared (`let x: any;`) at
// the top of the function, so one JS binding serves the whole Python scope.
import { awaitImplicit, waitsImplicitly } from "./implicit-waits.js";
import { attributeReplays, replayed, replays } from "./replay-waits.js";
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import { attributeKey, isFunctionReceiver } from "./attr-keys.js";
import { storesOnImported, storeTakesAttributes } from "./attribute-receivers.js";
import { functionKey, objectKey } from "../../runtime/lang/attr-names.js";
import type { LowerContext } from "./context.js";
import type { Scope } from "./scope.js";
import { jsName } from "./names.js";
import { lowerExpr, sliceParts } from "./expressions.js";
import { lowerName } from "./name-reads.js";
import { floatLocals, lowerFloat, nativeFloat } from "./float-facts.js";
import { INT_HELPERS, intIndex, isIntExpr, intLocals, lowerInt } from "./int-facts.js";
import { lowerType } from "./types.js";
import { storesNewClassAttribute } from "./class-objects.js";
import { mangle } from "./classes.js";
import { readKey } from "./definite.js";

/** In-place helpers: `__iop__` first (lists and sets mutate for `+=`, `*=`, `|=`), then `op`. */
const AUGMENTED_HELPERS: Record<py.Operator, string> = {
  Add: "iadd", Sub: "isub", Mult: "imul", Div: "itruediv", FloorDiv: "ifloordiv", Mod: "imod",
  Pow: "ipow", MatMult: "imatmul", LShift: "ilshift", RShift: "irshift", BitOr: "ior",
  BitXor: "ixor", BitAnd: "iand",
};

/** Is `name` assigned from a nested scope (`nonlocal`) or another function (`global`)? */
function assignedElsewhere(cx: LowerContext, scope: Scope, name: string): boolean {
  const visit = (s: Scope): boolean =>
    s.children.some((c) => {
      const declares = scope === cx.moduleScope ? c.globals.has(name) : c.nonlocals.has(name);
      return (declares && c.bindings.has(name)) || visit(c);
    });
  return visit(scope);
}

/**
 * May this read of a local find it unbound? True for a name `del` unbinds, and for a read
 * that comes before the name's first binding in the source (Python's UnboundLocalError).
 */
export function mayBeUnbound(scope: Scope, name: string, at: { line: number; col: number }): boolean {
  const bindings = scope.bindings.get(name);
  if (!bindings?.length) return false;
  // Function and module scopes know it from the flow of control (definite.ts).
  if (scope.unboundReads) return scope.unboundReads.has(readKey(at.line, at.col));
  if (bindings.some((b) => b.kind === "param")) return false;
  if (bindings.some((b) => b.stmt?._type === "Delete")) return true;
  const first = bindings[0]!;
  return at.line < first.line || (at.line === first.line && at.col < first.col && first.kind !== "other");
}

/** Is every binding of the name an `except ... as name` (so it lives in its handler only)? */
export function handlerOnly(scope: Scope, name: string): boolean {
  const bindings = scope.bindings.get(name) ?? [];
  return bindings.length > 0 && bindings.every((b) => b.stmt?._type === "Try") && !scope.freeInChildren.has(name);
}

/** Does the function (lambda) scope read its namespace (`locals()`, `vars()`, `dir()`)? */
export function readsLocals(scope: Scope): boolean {
  return (scope.kind === "function" || scope.kind === "lambda") && scope.readsNamespace === true;
}

/** Locals that must be declared at the top of the function body. */
export function hoistedNames(cx: LowerContext, scope: Scope): string[] {
  const names: string[] = [];
  for (const [name, bindings] of scope.bindings) {
    if (scope.globals.has(name) || scope.nonlocals.has(name)) continue;
    if (bindings.some((b) => b.kind === "param")) continue;
    if (handlerOnly(scope, name)) continue;
    // locals() reads every local wherever it is called (locals.ts).
    if (readsLocals(scope)) {
      names.push(name);
      continue;
    }
    // A name read while unbound must exist (as undefined) for the read to report it.
    if (scope.lateFree?.has(name) || (scope.loads.get(name) ?? []).some((at) => mayBeUnbound(scope, name, at))) {
      names.push(name);
      continue;
    }
    const first = bindings[0];
    if (first && first.topLevel && (first.kind === "assign" || first.kind === "def" || first.kind === "import")) continue;
    if (first === undefined && scope.kind !== "module") continue; // annotation only
    if (bindings.length > 0 && bindings.every((b) => b.kind === "for") && loopConstEligible(cx, scope, name)) continue;
    names.push(name);
  }
  return names;
}

/**
 * A for-loop variable bound only by one loop, read only inside it and not captured by a
 * closure can be the loop's own `const`.
 */
function loopConstEligible(cx: LowerContext, scope: Scope, name: string): boolean {
  // A program module's globals are attributes of its module object: one binding each.
  if (cx.program && !cx.program.entryOnly && scope === cx.moduleScope) return false;
  if (readsLocals(scope)) return false;
  const loop = scope.bindings.get(name)![0]!.stmt;
  if (!loop || (loop._type !== "For" && loop._type !== "AsyncFor")) return false;
  // The loop declares its whole target with one `const`, so every name in it must qualify.
  return targetNames(loop.target).every((n) => n !== "<not a name>" && nameLoopConst(cx, scope, n, loop));
}

function nameLoopConst(cx: LowerContext, scope: Scope, name: string, loop: py.For | py.AsyncFor): boolean {
  const bindings = scope.bindings.get(name);
  if (!bindings) return false;
  // A `global`/`nonlocal` loop variable is the outer scope's name, not a loop constant.
  if (scope.globals.has(name) || scope.nonlocals.has(name)) return false;
  if (!bindings.every((b) => b.stmt === loop)) return false;
  if (scope.freeInChildren.has(name) || assignedElsewhere(cx, scope, name)) return false;
  if (loop.orelse.length > 0) return false;
  const inside = (p: { line: number; col: number }): boolean =>
    (p.line > loop.lineno || (p.line === loop.lineno && p.col >= loop.col_offset)) &&
    (p.line < loop.end_lineno || (p.line === loop.end_lineno && p.col < loop.end_col_offset));
  return (scope.loads.get(name) ?? []).every(inside);
}

export function canLoopConst(cx: LowerContext, target: py.Expr): boolean {
  const names = targetNames(target);
  return names.length > 0 && names.every((n) => cx.fn.scope.bindings.get(n)?.every((b) => b.kind === "for") && loopConstEligible(cx, cx.fn.scope, n));
}

/** A (nested) tuple of plain names: a for-loop can destructure it directly. */
export function namesOnly(target: py.Expr): boolean {
  if (target._type === "Name") return true;
  return (target._type === "Tuple" || target._type === "List") && target.elts.every(namesOnly);
}

function targetNames(t: py.Expr): string[] {
  if (t._type === "Name") return [t.id];
  if (t._type === "Tuple" || t._type === "List") return t.elts.flatMap(targetNames);
  if (t._type === "Starred") return targetNames(t.value);
  return ["<not a name>"];
}

/** Bind a Python name: declare it here if this is its first, top-level binding. */
export function bindName(cx: LowerContext, name: string, value: ir.Expr, loc: ir.Loc, annotation: py.Expr | null = null, tsType?: ir.TsType): ir.Stmt {
  const scope = cx.fn.scope;
  if (cx.shadowedGlobal(name)) {
    return { k: "expr", expr: { k: "call", callee: { k: "id", name: `set_global_${name}` }, args: [value] }, loc };
  }
  if (cx.classBody?.bindings.has(name) && !cx.classBody.globals.has(name)) {
    // A statement run in a class body (classes.ts) binds class attributes.
    const store: ir.Stmt = { k: "expr", expr: { k: "assign", op: "=", target: { k: "member", object: { k: "this" }, property: functionKey(name) }, value }, loc };
    return cx.namespaceStores ? { k: "block", body: [store, namespaceStore(cx, name)] } : store;
  }
  const local = jsName(name);
  const isLocal = scope.bindings.has(name) && !scope.globals.has(name) && !scope.nonlocals.has(name);
  if (!isLocal || cx.fn.declared.has(name)) {
    return { k: "expr", expr: { k: "assign", op: "=", target: cx.id(name), value }, loc };
  }
  cx.fn.declared.add(name);
  const single = scope.bindings.get(name)!.length === 1 && !assignedElsewhere(cx, scope, name);
  const type = tsType ?? (annotation ? lowerType(cx, annotation) : single ? undefined : ({ k: "any" } as ir.TsType));
  return { k: "decl", kind: single ? "const" : "let", name: local, type, init: value, loc };
}

/** `storeNamespace(this, ["name"])`: a binding in a class body reaches the metaclass's prepared namespace. */
function namespaceStore(cx: LowerContext, name: string): ir.Stmt {
  const names: ir.Expr = { k: "array", elements: [{ k: "str", value: name }] };
  return { k: "expr", expr: { k: "call", callee: cx.rt("storeNamespace"), args: [{ k: "this" }, names] } };
}

const FUNCTION_DEFAULTS = new Set(["__defaults__", "__kwdefaults__"]);

/** `target = value` for any Python target. */
/**
 * `x[lo:hi] = v`. When `v` is itself a slice read (`perm[:k + 1] = perm[k::-1]`), no other code
 * sees that list: `setsliceFromSlice` copies the items across without making it where it can.
 */
function sliceAssignment(cx: LowerContext, obj: py.Expr, slice: py.Slice, value: ir.Expr): ir.Expr {
  const parts = [lowerExpr(cx, obj), ...sliceParts(cx, slice)];
  if (value.k === "call" && value.callee.k === "rt" && value.callee.name === "getslice") {
    return { k: "call", callee: cx.rt("setsliceFromSlice"), args: [...parts, ...value.args] };
  }
  return { k: "call", callee: cx.rt("setslice"), args: [...parts, value] };
}

/** An expression whose evaluation runs no Python code (a name, a constant), so its order is unseen. */
function inertSource(cx: LowerContext, e: py.Expr | null): boolean {
  if (e === null) return true;
  switch (e._type) {
    case "Name":
    case "Constant":
      return true;
    case "BinOp":
      // (arithmetic on proven ints, `a[j + 1]`, runs no Python code; on names and constants,
      // `perm[:k + 1]`, only an operator method of a user class could, the one order left to JS
      // with a property on the target's path)
      if (inertOperand(e.left) && inertOperand(e.right)) return true;
      return isIntExpr(cx, e) && inertSource(cx, e.left) && inertSource(cx, e.right);
    case "UnaryOp":
      if (e.operand._type === "Constant" && (e.op === "USub" || e.op === "UAdd")) return true;
      return isIntExpr(cx, e) && inertSource(cx, e.operand);
    case "Attribute":
      // (`self.items[k] = f()`: an attribute of a name; a property with visible effects on the
      // target's path is the one order this leaves to JS)
      return e.value._type === "Name";
    case "Slice":
      return inertSource(cx, e.lower) && inertSource(cx, e.upper) && inertSource(cx, e.step);
    default:
      return false;
  }
}

const inertOperand = (e: py.Expr): boolean => e._type === "Name" || e._type === "Constant";

const isTupleOf = (callee: ir.Expr): boolean =>
  callee.k === "member" && callee.property === "of" && callee.object.k === "rt" && callee.object.name === "Tuple";

function inertValue(e: ir.Expr): boolean {
  switch (e.k) {
    case "num":
    case "bigint":
    case "str":
    case "bool":
    case "null":
    case "id":
    case "rt":
    case "this":
    case "func":
    case "arrow":
      return true;
    case "as":
      return inertValue(e.expr);
    case "unary":
      return e.op === "-" && inertValue(e.arg);
    case "array":
      // (a display of constants and names, `xs[i:j] = [a, b]`, `f.__defaults__ = (8,)`)
      return e.elements.every((el) => el.k !== "spread" && inertValue(el));
    case "call":
      return isTupleOf(e.callee) && e.args.every((el) => el.k !== "spread" && inertValue(el));
    default:
      return false;
  }
}

/**
 * Python evaluates an assignment's value before the target's object and index (`f()[g()] = h()`
 * calls h first); JS evaluates left to right. Where both sides may run code, the value is held
 * in a temporary first.
 */
/** Expressions whose value is always an instance of a built-in type (no `__dict__`). */
const BUILT_IN_DISPLAYS = new Set(["List", "Tuple", "Dict", "Set", "ListComp", "SetComp", "DictComp", "GeneratorExp", "Constant", "JoinedStr"]);

function valueFirst(cx: LowerContext, target: py.Attribute | py.Subscript, value: ir.Expr, loc: ir.Loc): [ir.Stmt[], ir.Expr] {
  const targetInert = inertSource(cx, target.value) && (target._type === "Attribute" || inertSource(cx, target.slice));
  if (targetInert || inertValue(value)) return [[], value];
  const tmp = cx.temp("value");
  return [[{ k: "decl", kind: "const", name: tmp, init: value, loc }], { k: "id", name: tmp }];
}

export function assignTarget(cx: LowerContext, target: py.Expr, value: ir.Expr, loc: ir.Loc, annotation: py.Expr | null = null): ir.Stmt[] {
  if (target._type === "Attribute" || target._type === "Subscript") {
    const [prefix, held] = valueFirst(cx, target, value, loc);
    if (prefix.length > 0) return [...prefix, ...assignTarget(cx, target, held, loc, annotation)];
  }
  switch (target._type) {
    case "Name":
      return [bindName(cx, target.id, value, loc, annotation)];
    case "Attribute": {
      if (attributeReplays(cx, target, true)) {
        // (a descriptor's `__set__` that waits: setattr under replay)
        const args = [lowerExpr(cx, target.value), { k: "str", value: mangle(cx, target.attr) } as ir.Expr, value];
        return [{ k: "expr", expr: replayed(cx, { k: "call", callee: cx.rt("setattr"), args }), loc }];
      }
      const key = attributeKey(cx, target.value, target.attr);
      // (a function object's attributes go through setattr too: its static type has none)
      // (and `__defaults__`/`__kwdefaults__` of any value: a method's, `C.m.__defaults__ = ...`, are a function's)
      // (`obj.__class__ = Other` changes the object's class: setattr checks and does it)
      // (and a display's or literal's value, `[].x = 1`: a built-in instance, which refuses it)
      // (and a module's class: a method given to it is its instances' too)
      if (key === null || isFunctionReceiver(cx, target.value) || storesNewClassAttribute(cx, target.value, target.attr) || FUNCTION_DEFAULTS.has(target.attr) || target.attr === "__class__" || BUILT_IN_DISPLAYS.has(target.value._type) || storesOnImported(cx, target.value)) {
        const args = [lowerExpr(cx, target.value), { k: "str", value: mangle(cx, target.attr) } as ir.Expr, value];
        return [{ k: "expr", expr: { k: "call", callee: cx.rt("setattr"), args }, loc }];
      }
      if (waitsImplicitly(cx, target)) {
        // A property setter that waits: called for its promise (a JS assignment drops it).
        const set: ir.Expr = { k: "call", callee: cx.rt("setProperty"), args: [lowerExpr(cx, target.value), { k: "str", value: key }, value] };
        return [{ k: "expr", expr: awaitImplicit(cx, set, loc), loc }];
      }
      return [{ k: "expr", expr: { k: "assign", op: "=", target: { k: "member", object: storeReceiver(cx, target.value, lowerExpr(cx, target.value), target.attr), property: key }, value }, loc }];
    }
    case "Subscript": {
      const index = intIndex(cx, target.slice);
      const set: ir.Expr =
        index !== null
          ? { k: "call", callee: cx.rt("setitemI"), args: [lowerExpr(cx, target.value), index, value] }
          : target.slice._type === "Slice"
            ? sliceAssignment(cx, target.value, target.slice, value)
            : { k: "call", callee: cx.rt("setitem"), args: [lowerExpr(cx, target.value), lowerExpr(cx, target.slice), value] };
      // (a `__setitem__` that waits: the runtime hands back its promise; a key's `__hash__`/`__eq__`: under replay)
      if (replays(cx, target)) return [{ k: "expr", expr: replayed(cx, set), loc }];
      return [{ k: "expr", expr: waitsImplicitly(cx, target) ? awaitImplicit(cx, set, loc) : set, loc }];
    }
    case "Tuple":
    case "List":
      // (In a class body each name is a class attribute: assigned one by one.)
      if (!hasStarred(target) && isTupleDisplay(value, target.elts.length)) return assignDisplay(cx, target, value.args, loc);
      if (!hasStarred(target) && !isTupleDisplay(value, target.elts.length)) {
        return unpackByIndex(cx, target, value, (el, item) => assignTarget(cx, el, item, loc), loc);
      }
      if (!patternable(target) || cx.classBody) return unpackThroughTemps(cx, target, value, loc);
      return [{ k: "expr", expr: { k: "assign", op: "=", target: unpackPattern(cx, target), value: unpackValue(cx, target, value) }, loc }];
    default:
      return cx.unsupported(target, `assignment to ${target._type}`);
  }
}

/** Does a tuple/list target hold a `*rest` (at any depth)? */
export function hasStarred(target: py.Expr): boolean {
  return target._type === "Starred" || ((target._type === "Tuple" || target._type === "List") && target.elts.some(hasStarred));
}

/**
 * `a, (b, c) = value` (no `*rest`): each level checked by `unpack` as Python does (exactly as
 * many items, else ValueError), its items read by index and bound left to right with `bind`
 * (JS destructuring checks no length and steps an iterator per level). When a target other
 * than a name may run code (an attribute's setter, `__setitem__`), the items are copied first,
 * so that code cannot change what the later targets get.
 */
export function unpackByIndex(cx: LowerContext, target: py.Tuple | py.List, value: ir.Expr, bind: (el: py.Expr, item: ir.Expr) => ir.Stmt[], loc?: ir.Loc): ir.Stmt[] {
  const items = cx.temp("items");
  let checked: ir.Expr = { k: "call", callee: cx.rt("unpack"), args: [value, { k: "num", value: target.elts.length }] };
  if (!namesOnly(target)) checked = { k: "call", callee: { k: "member", object: checked, property: "slice" }, args: [] };
  const out: ir.Stmt[] = [{ k: "decl", kind: "const", name: items, init: checked, loc }];
  target.elts.forEach((el, i) => {
    const item: ir.Expr = { k: "index", object: { k: "id", name: items }, index: { k: "num", value: i } };
    out.push(...(el._type === "Tuple" || el._type === "List" ? unpackByIndex(cx, el, item, bind, loc) : bind(el, item)));
  });
  return out;
}

/**
 * `a, b = b, a % b`: every value of the display is evaluated first (into a constant unless it
 * is a literal), then each target is assigned in order; no tuple and no JS array is built.
 */
function assignDisplay(cx: LowerContext, target: py.Tuple | py.List, values: ir.Expr[], loc: ir.Loc): ir.Stmt[] {
  const out: ir.Stmt[] = [];
  const items = values.map((v): ir.Expr => {
    if (v.k === "num" || v.k === "str" || v.k === "bigint" || v.k === "bool" || v.k === "null") return v;
    const name = cx.temp("item");
    out.push({ k: "decl", kind: "const", name, init: v, loc });
    return { k: "id", name };
  });
  target.elts.forEach((el, i) => out.push(...assignTarget(cx, el, items[i]!, loc)));
  return out;
}

/** Can JS destructuring assign this target directly (names, attributes, nested tuples)? */
function patternable(target: py.Tuple | py.List): boolean {
  return target.elts.every((el) => {
    const inner = el._type === "Starred" ? el.value : el;
    if (inner._type === "Tuple" || inner._type === "List") return patternable(inner);
    return inner._type === "Name" || inner._type === "Attribute";
  });
}

/** `a[i], b = value`: unpack into fresh constants, then assign each target in order. */
function unpackThroughTemps(cx: LowerContext, target: py.Tuple | py.List, value: ir.Expr, loc: ir.Loc): ir.Stmt[] {
  const names = target.elts.map(() => cx.temp("item"));
  const out: ir.Stmt[] = [
    { k: "decl", kind: "const", name: { k: "arrayPattern", elements: names.map((name) => ({ k: "id", name }) as ir.Expr) }, init: unpackValue(cx, target, value), loc },
  ];
  target.elts.forEach((el, i) => {
    const inner = el._type === "Starred" ? el.value : el;
    out.push(...assignTarget(cx, inner, { k: "id", name: names[i]! }, loc));
  });
  return out;
}

/** `[a, [b, c], d]` for a tuple/list target (names must already be declared). */
export function unpackPattern(cx: LowerContext, target: py.Tuple | py.List): ir.Pattern {
  // A name bound twice (`for _, _, x in rows`) keeps the last value, as Python assigns left
  // to right; its earlier places are holes (JS refuses a name twice in one declaration).
  const later = new Map<string, number>();
  const count = (t: py.Tuple | py.List): void => {
    for (const el of t.elts) {
      const inner = el._type === "Starred" ? el.value : el;
      if (inner._type === "Name") later.set(inner.id, (later.get(inner.id) ?? 0) + 1);
      else if (inner._type === "Tuple" || inner._type === "List") count(inner);
    }
  };
  count(target);
  return patternOf(cx, target, later);
}

function patternOf(cx: LowerContext, target: py.Tuple | py.List, later: Map<string, number>): ir.Pattern {
  const elements = target.elts.map((el): ir.Pattern | ir.Expr | null => {
    const inner = el._type === "Starred" ? el.value : el;
    if (inner._type === "Name") {
      const left = later.get(inner.id)! - 1;
      later.set(inner.id, left);
      return left > 0 && el._type !== "Starred" ? null : { k: "id", name: jsName(inner.id) };
    }
    if (inner._type === "Attribute") return { k: "member", object: lowerExpr(cx, inner.value), property: attributeKey(cx, inner.value, inner.attr) ?? objectKey(mangle(cx, inner.attr)) };
    if (inner._type === "Tuple" || inner._type === "List") return patternOf(cx, inner, later);
    return cx.unsupported(inner, `${inner._type} inside an unpacking target`);
  });
  return { k: "arrayPattern", elements };
}

/** `Tuple.of(x, y)` with `count` plain elements (a Python tuple display without `*`). */
function isTupleDisplay(value: ir.Expr, count: number): value is ir.Expr & { k: "call"; args: ir.Expr[] } {
  if (value.k !== "call" || value.callee.k !== "member" || value.callee.property !== "of") return false;
  const object = value.callee.object;
  return object.k === "rt" && object.name === "Tuple" && value.args.length === count && value.args.every((a) => a.k !== "spread");
}

/** The value side of an unpacking: checked for length as Python does. */
export function unpackValue(cx: LowerContext, target: py.Tuple | py.List, value: ir.Expr): ir.Expr {
  const star = target.elts.findIndex((e) => e._type === "Starred");
  // `a, b = b, a % b`: a tuple display of the right length needs no Tuple and no length check.
  if (star < 0 && isTupleDisplay(value, target.elts.length) && target.elts.every((e) => e._type === "Name" || e._type === "Attribute")) {
    return { k: "array", elements: value.args };
  }
  if (star < 0) return { k: "call", callee: cx.rt("unpack"), args: [value, { k: "num", value: target.elts.length }] };
  const after = target.elts.length - star - 1;
  return { k: "call", callee: cx.rt("unpackStar"), args: [value, { k: "num", value: star }, { k: "num", value: after }] };
}

export function lowerAugAssign(cx: LowerContext, s: py.AugAssign): ir.Stmt[] {
  const loc = cx.loc(s);
  if (s.target._type === "Name" && intLocals(cx).has(s.target.id)) {
    // `i += 1` of a proven-int local (int-facts.ts: its value is an int expression).
    const current = lowerName(cx, { ...s.target, ctx: "Load" });
    const update: ir.Expr = { k: "call", callee: cx.rt(INT_HELPERS[s.op]!), args: [current, lowerInt(cx, s.value)], loc };
    return [{ k: "expr", expr: { k: "assign", op: "=", target: { k: "id", name: jsName(s.target.id) }, value: update }, loc }];
  }
  if (s.target._type === "Name" && floatLocals(cx).has(s.target.id)) {
    // `x += d` of a proven-float local (float-facts.ts): `x = x + d` in JS numbers.
    const sum: py.BinOp = { ...s, _type: "BinOp", left: { ...s.target, ctx: "Load" }, op: s.op, right: s.value } as py.BinOp;
    return [{ k: "expr", expr: { k: "assign", op: "=", target: { k: "id", name: jsName(s.target.id) }, value: lowerFloat(cx, sum) }, loc }];
  }
  const helper = cx.rt(AUGMENTED_HELPERS[s.op]);
  const value = lowerExpr(cx, s.value);
  const t = s.target;
  if (t._type === "Name") {
    // (In a class body the name is a class attribute.)
    const id: ir.Expr = cx.classBody?.bindings.has(t.id) ? { k: "member", object: { k: "this" }, property: functionKey(t.id) } : cx.id(t.id);
    // The read checks that the name is bound (UnboundLocalError for `x += 1` on a fresh local).
    const current = lowerExpr(cx, { ...t, ctx: "Load" });
    if (cx.shadowedGlobal(t.id)) return [bindName(cx, t.id, { k: "call", callee: helper, args: [current, value] }, loc)];
    const update: ir.Stmt = { k: "expr", expr: { k: "assign", op: "=", target: id, value: { k: "call", callee: helper, args: [current, value] } }, loc };
    return cx.namespaceStores && cx.classBody?.bindings.has(t.id) ? [update, namespaceStore(cx, t.id)] : [update];
  }
  if (t._type === "Attribute") {
    const object = simpleOrTemp(cx, lowerExpr(cx, t.value), t.value);
    const key = attributeKey(cx, t.value, t.attr);
    const readReplays = attributeReplays(cx, t, false);
    const storeReplays = attributeReplays(cx, t, true);
    if (key === null || isFunctionReceiver(cx, t.value) || readReplays || storeReplays) {
      // (a descriptor's `__get__`/`__set__` or a `__getattr__` that waits: each under replay)
      const name: ir.Expr = { k: "str", value: mangle(cx, t.attr) };
      let current: ir.Expr = { k: "call", callee: cx.rt("getattr"), args: [object.read, name] };
      if (readReplays) current = replayed(cx, current);
      let update: ir.Expr = { k: "call", callee: cx.rt("setattr"), args: [object.read, name, { k: "call", callee: helper, args: [current, value] }] };
      if (storeReplays) update = replayed(cx, update);
      return [...object.setup, { k: "expr", expr: update, loc }];
    }
    const member: ir.Expr = { k: "member", object: object.read, property: key };
    if (cx.threads !== null && (cx.waitingGetters.has(t.attr) || cx.waitingSetters.has(t.attr))) {
      // a property whose getter or setter waits: each awaited in turn
      const read = cx.waitingGetters.has(t.attr) ? awaitImplicit(cx, member, loc) : member;
      const updated: ir.Expr = { k: "call", callee: helper, args: [read, value] };
      const set: ir.Expr = { k: "call", callee: cx.rt("setProperty"), args: [object.read, { k: "str", value: key }, updated] };
      return [...object.setup, { k: "expr", expr: cx.waitingSetters.has(t.attr) ? awaitImplicit(cx, set, loc) : set, loc }];
    }
    const store: ir.Expr = { k: "member", object: storeReceiver(cx, t.value, object.read, t.attr), property: key };
    return [...object.setup, { k: "expr", expr: { k: "assign", op: "=", target: store, value: { k: "call", callee: helper, args: [member, value] } }, loc }];
  }
  if (t._type === "Subscript") {
    const object = simpleOrTemp(cx, lowerExpr(cx, t.value), t.value);
    const index = intIndex(cx, t.slice);
    // (An Int index, `v[0] += x` or `a[i] += 1` of a proven-int `i`, goes through getitemI/setitemI.)
    let key: { setup: ir.Stmt[]; read: ir.Expr };
    if (index === null) key = simpleOrTemp(cx, lowerExpr(cx, t.slice), t.slice);
    else if (index.k === "num" || t.slice._type === "Name") key = { setup: [], read: index };
    else {
      const name = cx.temp("tmp");
      key = { setup: [{ k: "decl", kind: "const", name, init: index }], read: { k: "id", name } };
    }
    const [get, set] = index !== null ? ["getitemI", "setitemI"] : ["getitem", "setitem"];
    const floatItem = floatItemUpdate(cx, s, object.read, value);
    // (a `__getitem__`/`__setitem__` that waits, in a threaded program: each awaited)
    const waits = (name: string, x: ir.Expr): ir.Expr => (replays(cx, t) ? replayed(cx, x) : cx.threads !== null && cx.waitingDunders.has(name) ? awaitImplicit(cx, x, loc) : x);
    const current: ir.Expr = waits("__getitem__", { k: "call", callee: cx.rt(get), args: [object.read, key.read] });
    const update: ir.Expr = waits("__setitem__", { k: "call", callee: cx.rt(set), args: [object.read, key.read, { k: "call", callee: helper, args: [current, value] }] });
    const general: ir.Stmt = { k: "expr", expr: update, loc };
    return [...object.setup, ...key.setup, floatItem !== null && !replays(cx, t) && cx.threads === null ? { ...floatItem, else: [general] } : general];
  }
  return cx.unsupported(t, `augmented assignment to ${t._type}`);
}

const FLOAT_ITEM_OPS: Partial<Record<py.Operator, ir.BinaryOp>> = { Add: "+", Sub: "-", Mult: "*" };

/**
 * `v[0] -= dx * b` of a local `v` with a float expression (float-facts.ts): when `v` is a plain
 * list whose item there is a float (`floatItemAt`), the item is updated with JS's operator in
 * place (no helper calls, no boxed float passed between them); the caller's `else` is the
 * general update. The index must be a literal >= 0, so the check also says it is in range.
 */
function floatItemUpdate(cx: LowerContext, s: py.AugAssign, object: ir.Expr, value: ir.Expr): (ir.Stmt & { k: "if" }) | null {
  const t = s.target as py.Subscript;
  const op = FLOAT_ITEM_OPS[s.op];
  if (op === undefined || t.value._type !== "Name" || t.slice._type !== "Constant" || t.slice.value.kind !== "int") return null;
  const at = t.slice.value.value;
  if (at < 0n || at >= 2n ** 31n || !nativeFloat(cx, s.value)) return null;
  const index: ir.Expr = { k: "num", value: Number(at) };
  const item: ir.Expr = { k: "index", object, index };
  const test: ir.Expr = { k: "call", callee: cx.rt("floatItemAt"), args: [object, index] };
  const update: ir.Expr = { k: "assign", op: "=", target: item, value: { k: "binary", op, left: item, right: value } };
  return { k: "if", test, then: [{ k: "expr", expr: update, loc: cx.loc(s) }], else: null, loc: cx.loc(s) };
}

/** Evaluate an expression once: names and constants are read directly, others go to a const. */
function simpleOrTemp(cx: LowerContext, value: ir.Expr, ast: py.Expr): { setup: ir.Stmt[]; read: ir.Expr } {
  if (ast._type === "Name" || ast._type === "Constant") return { setup: [], read: value };
  const name = cx.temp("tmp");
  return { setup: [{ k: "decl", kind: "const", name, init: value }], read: { k: "id", name } };
}

export function lowerNamedExpr(cx: LowerContext, e: py.NamedExpr): ir.Expr {
  return { k: "assign", op: "=", target: { k: "id", name: jsName(e.target.id) }, value: lowerExpr(cx, e.value), loc: cx.loc(e) };
}

/** The receiver of a plain attribute store, checked first where it may refuse attributes (a list, a bound method). */
function storeReceiver(cx: LowerContext, receiver: py.Expr, lowered: ir.Expr, attr: string): ir.Expr {
  if (storeTakesAttributes(cx, receiver)) return lowered;
  return { k: "call", callee: cx.rt("storeTarget"), args: [lowered, { k: "str", value: mangle(cx, attr) }] };
}
