// Class members: how each method of a class body becomes a member (the constructor, methods,
// properties, static and class methods), the attribute hooks (`__getattr__`, `__setattr__`, ...),
// protocol members and decorators applied after the class is made. classes.ts lowers the body.

import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { lowerExpr } from "./expressions.js";
import { isModuleExpr } from "./runtime-values.js";
import { lowerDef, qualname } from "./functions.js";
import { annotationDict } from "./statements.js";
import { functionKey, objectKey } from "../../runtime/lang/attr-names.js";
import { currentClass, mangle } from "./classes.js";
import { superWithoutArguments } from "./super.js";
import { RUNTIME_CLASS_METHOD_NAMES } from "./runtime-method-names.js";
import { decoratorName, docstringOf, generalDecorated, IMPLICIT_CLASS_METHODS, isReadOnlyProperty } from "./class-body-facts.js";

export function lowerMethod(cx: LowerContext, s: py.FunctionDef | py.AsyncFunctionDef, hasBase: boolean, initMethod: boolean): ir.ClassMember {
  const decorators = s.decorator_list.map(decoratorName);
  const loc = cx.loc(s);
  const cls = currentClass(cx);
  const generalKey = cls !== null ? generalDecorated(cls).get(s) : undefined;
  if (generalKey !== undefined) {
    // A plain function under its own key; decorateMethod applies every decorator later.
    const isStatic = decorators.includes("staticmethod");
    const { fn, setup } = lowerDef(cx, s, isStatic ? null : { selfParam: true, classMethod: decorators.includes("classmethod") });
    cx.fn.before.push(...setup);
    return { k: "method", name: objectKey(mangle(cx, generalKey)), kind: "method", isStatic: false, fn, loc };
  }
  if (decorators.includes("staticmethod") || decorators.includes("classmethod") || IMPLICIT_CLASS_METHODS.has(s.name)) {
    // `__new__(cls, ...)` is called on the class, which it receives as `this` (constructInstance).
    const takesClass = decorators.includes("classmethod") || IMPLICIT_CLASS_METHODS.has(s.name);
    const { fn, setup } = lowerDef(cx, s, takesClass ? { selfParam: true, classMethod: true } : { selfParam: false, staticMethod: true });
    cx.fn.before.push(...setup);
    return { k: "method", name: functionKey(mangle(cx, s.name)), kind: "method", isStatic: true, fn, loc };
  }
  const property = decorators.find((d) => d === "property" || (d !== null && /\.(setter|getter)$/.test(d)));
  if (decorators.length && !property && s.name === "__init__") return cx.unsupported(s.decorator_list[0]!, "a decorator on __init__");
  const { fn, setup } = lowerDef(cx, s, { selfParam: true, isConstructor: s.name === "__init__" && !initMethod });
  // Defaults are evaluated once, when the class is defined: just before the class.
  cx.fn.before.push(...setup);
  if (s.name === "__init__" && initMethod) {
    // (`return 5`, which the class call refuses at run time, leaves a subclass's `__init__` free to return nothing)
    if (returnsValue(s.body)) fn.returnType = { k: "any" };
    return { k: "method", name: s.name, kind: "method", isStatic: false, fn, loc };
  }
  if (s.name === "__init__") {
    fn.returnType = undefined;
    if (hasBase) moveSuperCallFirst(cx, s, fn);
    if (fn.async) deferWaitingInit(cx, fn, hasBase);
    return { k: "method", name: "constructor", kind: "constructor", isStatic: false, fn, loc };
  }
  const kind = property?.endsWith(".setter") ? "set" : property ? "get" : "method";
  if (kind !== "method" && fn.async) waitingAccessor(cx, fn, kind);
  // An override of a runtime class's method (`put_nowait` of a Queue subclass) returns what it
  // likes in Python; typed `any`, TS accepts it where the base declares `null` or a value.
  if (kind === "method" && !fn.async && fn.returnType === undefined && cls !== null && RUNTIME_CLASS_METHOD_NAMES.has(s.name) && extendsRuntimeClass(cx, cls)) fn.returnType = { k: "any" };
  return { k: "method", name: objectKey(mangle(cx, s.name)), kind, isStatic: false, fn, loc };
}

/** Does the class derive (itself or through module classes) from a class the runtime provides? */
function extendsRuntimeClass(cx: LowerContext, cls: py.ClassDef, depth = 0): boolean {
  if (depth > 32) return false;
  return cls.bases.some((b) => {
    if (b._type === "Name" && b.id === "object" && cx.resolve(b.id) === null) return false;
    const known = b._type === "Name" ? cx.known.get(b.id) : undefined;
    if (known?.k === "class") return known.def !== cls && extendsRuntimeClass(cx, known.def, depth + 1);
    return true;
  });
}

/** Does the function body (not a nested def or class) have a `return` with a value other than a literal None? */
function returnsValue(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(returnsValue);
  if (node === null || typeof node !== "object") return false;
  const type = (node as { _type?: string })._type;
  if (type === "FunctionDef" || type === "AsyncFunctionDef" || type === "ClassDef" || type === "Lambda") return false;
  if (type === "Return") {
    const value = (node as py.Return).value;
    return value !== null && !(value._type === "Constant" && value.value.kind === "None");
  }
  return Object.values(node).some((v) => typeof v === "object" && returnsValue(v));
}

/**
 * A property accessor that waits (threads): JS accessors cannot be async, so the body runs as
 * an async arrow; the getter returns its promise, the setter leaves it to `setProperty`.
 */
function waitingAccessor(cx: LowerContext, fn: ir.FunctionIr, kind: "get" | "set"): void {
  fn.async = false;
  const run: ir.Expr = { k: "call", callee: { k: "arrow", params: [], body: fn.body, async: true }, args: [] };
  if (kind === "get") {
    fn.body = [{ k: "return", arg: run }];
  } else {
    fn.returnType = undefined;
    fn.body = [{ k: "expr", expr: { k: "call", callee: cx.rt("setterWaits"), args: [run] } }];
  }
}

/**
 * A JS constructor whose `__init__` waits (threads): after `super(...)`, the body runs as an
 * async arrow the instance keeps the promise of (`pendingInit`); the class call awaits it
 * (`initialized`, calls.ts).
 */
function deferWaitingInit(cx: LowerContext, fn: ir.FunctionIr, hasBase: boolean): void {
  fn.async = false;
  const first = fn.body[0];
  const superCall = hasBase && first?.k === "expr" && first.expr.k === "call" && first.expr.callee.k === "id" && first.expr.callee.name === "super" ? [first] : [];
  const rest = fn.body.slice(superCall.length);
  const run: ir.Expr = { k: "call", callee: cx.rt("pendingInit"), args: [{ k: "this" }, { k: "arrow", params: [], body: rest, async: true }] };
  fn.body = [...superCall, { k: "expr", expr: run }];
}

/** JS requires `super(...)` before `this`: hoist `super().__init__(...)` above `const self = this`. */
function moveSuperCallFirst(cx: LowerContext, s: py.FunctionDef | py.AsyncFunctionDef, fn: ir.FunctionIr): void {
  const index = fn.body.findIndex((st) => st.k === "expr" && st.expr.k === "call" && st.expr.callee.k === "id" && st.expr.callee.name === "super");
  if (index < 0) {
    fn.body.unshift({ k: "expr", expr: superWithoutArguments(cx) });
    return;
  }
  const selfIndex = fn.body.findIndex((st) => st.k === "decl" && st.init?.k === "this");
  const between = fn.body.slice(selfIndex + 1, index).filter((st) => st.k !== "decl" || st.init);
  // `self.x = value` before super().__init__(...) may run after it when neither side reads self
  // (the built-in base's initialiser does not see the attribute either way).
  const selfName = fn.body[selfIndex]?.k === "decl" ? (fn.body[selfIndex] as { name: unknown }).name : null;
  const call = fn.body[index]!;
  const reorderable =
    typeof selfName === "string" &&
    !mentions(call, selfName) &&
    between.every((st) => st.k === "expr" && st.expr.k === "assign" && isMemberOf(st.expr.target, selfName) && !mentions(st.expr.value, selfName));
  // Statements that never touch self (argument checks, locals) may run before super(...) as
  // written: `const self = this` moves after the call instead.
  if (between.length && !reorderable && typeof selfName === "string" && selfIndex >= 0 && !mentions(call, selfName) && !mentions(between, selfName) && !mentions(between, "this")) {
    const selfDecl = fn.body[selfIndex]!;
    fn.body.splice(index + 1, 0, selfDecl);
    fn.body.splice(selfIndex, 1);
    return;
  }
  if (between.length && !reorderable) cx.unsupported(s, "statements before super().__init__() in __init__");
  // The JS base constructor runs before `this` exists: its arguments may hold self only inside
  // a function or lambda called later.
  if (typeof selfName === "string" && mentionsOutsideFunctions(call, selfName)) cx.unsupported(s, "super().__init__() arguments that read self, in a subclass of a runtime class");
  fn.body.splice(index, 1);
  fn.body.unshift(call);
}

/** Does an IR tree mention `name` where it is evaluated at once (not inside a nested function)? */
function mentionsOutsideFunctions(node: unknown, name: string): boolean {
  if (Array.isArray(node)) return node.some((n) => mentionsOutsideFunctions(n, name));
  if (node === null || typeof node !== "object") return false;
  const n = node as Record<string, unknown>;
  if (n.k === "func" || n.k === "arrow" || n.k === "function") return false;
  if (n.k === "id" && n.name === name) return true;
  return Object.values(n).some((v) => typeof v === "object" && mentionsOutsideFunctions(v, name));
}

function isMemberOf(target: unknown, name: string): boolean {
  const t = target as ir.Expr;
  return t.k === "member" && t.object.k === "id" && t.object.name === name;
}

/** Does an IR tree mention the identifier `name` anywhere? */
function mentions(node: unknown, name: string): boolean {
  if (Array.isArray(node)) return node.some((n) => mentions(n, name));
  if (node === null || typeof node !== "object") return false;
  const n = node as Record<string, unknown>;
  if (n.k === "id" && n.name === name) return true;
  return Object.values(n).some((v) => typeof v === "object" && mentions(v, name));
}

/**
 * JS-side members Python protocols need: `for ... of` over an instance of a class with
 * `__iter__` (or the `__getitem__` sequence protocol), and assigning a read-only property
 * raising AttributeError as Python does.
 */
export function protocolMembers(cx: LowerContext, s: py.ClassDef): ir.ClassMember[] {
  const out: ir.ClassMember[] = [];
  const methods = s.body.filter((st): st is py.FunctionDef | py.AsyncFunctionDef => st._type === "FunctionDef" || st._type === "AsyncFunctionDef");
  const iterate = methods.some((m) => m.name === "__iter__") ? "jsIterator" : methods.some((m) => m.name === "__getitem__") ? "sequenceIterator" : null;
  if (iterate) {
    const body: ir.Stmt[] = [{ k: "return", arg: { k: "call", callee: cx.rt(iterate), args: [{ k: "this" }] } }];
    out.push({ k: "method", name: "[Symbol.iterator]", kind: "method", isStatic: false, fn: { name: null, params: [], body, generator: false, async: false } });
  }
  for (const m of methods) {
    if (!isReadOnlyProperty(m, methods)) continue;
    const error: ir.Expr = { k: "call", callee: cx.rt("noSetter"), args: [{ k: "this" }, { k: "str", value: m.name }] };
    const fn: ir.FunctionIr = { name: null, params: [{ name: "_value", type: { k: "any" } }], body: [{ k: "throw", arg: error }], generator: false, async: false };
    out.push({ k: "method", name: objectKey(m.name), kind: "set", isStatic: false, fn });
  }
  return out;
}

export function definesSlots(st: py.Stmt): boolean {
  return st._type === "Assign" && st.targets.some((t) => t._type === "Name" && t.id === "__slots__");
}

/**
 * A class with attribute hooks (`__getattr__`, `__setattr__`, ..., `__slots__`): its
 * constructor puts the instance behind a Proxy first, so `__init__`'s own assignments go
 * through the hooks, and returns it.
 */
export function addAttributeHooks(cx: LowerContext, members: ir.ClassMember[], hasBase: boolean): void {
  const hooked: ir.Expr = { k: "call", callee: cx.rt("attributeHooks"), args: [{ k: "this" }] };
  const ctor = members.find((m): m is Extract<ir.ClassMember, { k: "method" }> => m.k === "method" && m.kind === "constructor");
  if (ctor) {
    const selfDecl = ctor.fn.body.find((st): st is Extract<ir.Stmt, { k: "decl" }> => st.k === "decl" && st.init?.k === "this");
    if (selfDecl && typeof selfDecl.name === "string") {
      selfDecl.init = hooked;
      const self: ir.Expr = { k: "id", name: selfDecl.name };
      returnInstead(ctor.fn.body, self);
      ctor.fn.body.push({ k: "return", arg: self });
      return;
    }
    // The root constructor (`initInstance(this, args)`): a subclass's `__init__` runs on the
    // Proxy too, so its assignments reach the inherited hooks.
    const init = ctor.fn.body.findIndex((st) => st.k === "expr" && st.expr.k === "call" && st.expr.callee.k === "rt" && st.expr.callee.name === "initInstance" && st.expr.args[0]?.k === "this");
    if (init !== -1) {
      const name = cx.temp("hooked");
      const call = (ctor.fn.body[init] as Extract<ir.Stmt, { k: "expr" }>).expr as Extract<ir.Expr, { k: "call" }>;
      call.args[0] = { k: "id", name };
      ctor.fn.body.splice(init, 0, { k: "decl", kind: "const", name, init: hooked });
      ctor.fn.body.push({ k: "return", arg: { k: "id", name } });
    } else ctor.fn.body.push({ k: "return", arg: hooked });
    return;
  }
  const hook: ir.Stmt = { k: "return", arg: hooked };
  // (`args as []`: the base's constructor may declare no parameters, or take `...args`)
  const body: ir.Stmt[] = hasBase ? [{ k: "expr", expr: { k: "call", callee: { k: "id", name: "super" }, args: [{ k: "spread", arg: { k: "as", expr: { k: "id", name: "args" }, type: { k: "tuple", elements: [] } } }] } }] : [];
  const fn: ir.FunctionIr = { name: null, params: [{ name: "args", rest: true, type: { k: "array", element: { k: "any" } } }], body: [...body, hook], generator: false, async: false };
  members.splice(1, 0, { k: "method", name: "constructor", kind: "constructor", isStatic: false, fn });
}

/** A bare `return` in a constructor that returns the hooked instance must return it too. */
function returnInstead(node: unknown, self: ir.Expr): void {
  if (Array.isArray(node)) {
    for (const n of node) returnInstead(n, self);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const n = node as Record<string, unknown>;
  if (n.k === "func" || n.k === "arrow" || n.k === "classExpr" || n.k === "class" || n.k === "function") return;
  if (n.k === "return" && n.arg === null) {
    n.arg = self;
    return;
  }
  for (const v of Object.values(n)) if (typeof v === "object") returnInstead(v, self);
}

const BUILT_IN_METHOD_DECORATORS = new Set(["staticmethod", "classmethod", "property"]);

/**
 * Other method decorators (`@functools.cache`, `@abstractmethod`, user ones) replace the
 * method on the prototype with what they return, as Python stores it in the class.
 */
/**
 * The defs decorateMethod decorates in place (a decorator other than the built-in method ones):
 * the function given to the decorators must bind its keywords already (keywordMethods first).
 */
export function decoratedInPlace(cls: py.ClassDef): Set<string> {
  const general = generalDecorated(cls);
  const names = new Set<string>();
  for (const st of cls.body) {
    if ((st._type !== "FunctionDef" && st._type !== "AsyncFunctionDef") || general.has(st)) continue;
    const others = st.decorator_list.filter((d) => {
      const name = decoratorName(d);
      return !(name !== null && (BUILT_IN_METHOD_DECORATORS.has(name) || /\.(setter|getter|deleter)$/.test(name)));
    });
    if (others.length > 0 && st.decorator_list.length === others.length && !others.every((d) => decoratorName(d)?.replace(/^abc\./, "") === "abstractmethod")) names.add(st.name);
  }
  return names;
}

/** The defs `decorateMethod(this, name, [decorators])` decorates in place (see methodDecorators). */
export function decoratedByName(cls: py.ClassDef): Set<py.Stmt> {
  const general = generalDecorated(cls);
  const out = new Set<py.Stmt>();
  for (const st of cls.body) {
    if ((st._type !== "FunctionDef" && st._type !== "AsyncFunctionDef") || general.has(st) || st.decorator_list.length === 0) continue;
    const builtIn = st.decorator_list.some((d) => {
      const name = decoratorName(d);
      return name !== null && (BUILT_IN_METHOD_DECORATORS.has(name) || /\.(setter|getter|deleter)$/.test(name));
    });
    if (!builtIn) out.add(st);
  }
  return out;
}

/**
 * `@property @deco def name` (or `@name.setter @deco`): the decorators under the property's,
 * lowered in the class body, for defineProperties to wrap the accessor with. Null when none.
 */
export function accessorDecorators(cx: LowerContext, cls: py.ClassDef, st: py.FunctionDef | py.AsyncFunctionDef): ir.Expr | null {
  const at = st.decorator_list.findIndex((d) => {
    const name = decoratorName(d);
    return name === "property" || (name !== null && /\.(setter|getter)$/.test(name));
  });
  const under = st.decorator_list.slice(at + 1).filter((d) => decoratorName(d)?.replace(/^abc\./, "") !== "abstractmethod");
  if (at < 0 || under.length === 0) return null;
  const saved = cx.classBody;
  cx.classBody = cx.scopeOf(cls);
  try {
    return { k: "array", elements: under.map((d) => lowerExpr(cx, d)) };
  } finally {
    cx.classBody = saved;
  }
}

/**
 * `@property @abstractmethod` (or classmethod, staticmethod): the object is marked abstract
 * once the class has made it (after the body).
 */
export function abstractMarks(cx: LowerContext, cls: py.ClassDef): ir.ClassMember[] {
  const out: ir.ClassMember[] = [];
  const general = generalDecorated(cls);
  for (const st of cls.body) {
    if ((st._type !== "FunctionDef" && st._type !== "AsyncFunctionDef") || general.has(st)) continue;
    const others = otherDecorators(st);
    if (others.length > 0 && others.length < st.decorator_list.length && others.every((d) => decoratorName(d)?.replace(/^abc\./, "") === "abstractmethod")) {
      const mark: ir.Expr = { k: "call", callee: cx.rt("markAbstract"), args: [{ k: "this" }, { k: "str", value: st.name }] };
      out.push({ k: "staticBlock", body: [{ k: "expr", expr: mark }] });
    }
  }
  return out;
}

/** The decorators of a def other than property's, classmethod and staticmethod. */
function otherDecorators(st: py.FunctionDef | py.AsyncFunctionDef): py.Expr[] {
  return st.decorator_list.filter((d) => {
    const name = decoratorName(d);
    return !(name !== null && (BUILT_IN_METHOD_DECORATORS.has(name) || /\.(setter|getter|deleter)$/.test(name)));
  });
}

/**
 * The static block that runs a def's decorators (decorateMethod), placed right after the def
 * so the body's later statements see what they did; null for a def without such decorators.
 */
export function methodDecoration(cx: LowerContext, cls: py.ClassDef, st: py.FunctionDef | py.AsyncFunctionDef): ir.ClassMember | null {
  const key = generalDecorated(cls).get(st);
  if (key !== undefined) return { k: "staticBlock", body: [{ k: "expr", expr: generalDecoration(cx, cls, st, key) }] };
  const others = otherDecorators(st);
  if (others.length === 0 || st.decorator_list.length !== others.length) return null;
  // (decorators read the class body's names: `@other_method.some_attr`)
  const saved = cx.classBody;
  cx.classBody = cx.scopeOf(cls);
  let decorators: ir.Expr;
  try {
    decorators = { k: "array", elements: others.map((d) => decoratorValue(cx, d)) };
  } finally {
    cx.classBody = saved;
  }
  const call: ir.Expr = { k: "call", callee: cx.rt("decorateMethod"), args: [{ k: "this" }, { k: "str", value: st.name }, decorators] };
  return { k: "staticBlock", body: [{ k: "expr", expr: call }] };
}

/**
 * A decorator passed on as a value: `@registry.add` or `@x.setter` of an object is its bound
 * method (a module's attribute is read as any other).
 */
function decoratorValue(cx: LowerContext, d: py.Expr): ir.Expr {
  if (d._type !== "Attribute" || isModuleExpr(cx, d.value)) return lowerExpr(cx, d);
  return { k: "call", callee: cx.rt("getattr"), args: [lowerExpr(cx, d.value), { k: "str", value: mangle(cx, d.attr) }], loc: cx.loc(d) };
}

/**
 * `decorateMethod(this, name, [decorators], key, isStatic, hints?)` for a generalDecorated def:
 * its decorators read the class body's names (`@area.register`), and `.register` gets the
 * def's hints (functools.singledispatchmethod reads the class from the first).
 */
function generalDecoration(cx: LowerContext, cls: py.ClassDef, st: py.FunctionDef | py.AsyncFunctionDef, key: string): ir.Expr {
  const saved = cx.classBody;
  cx.classBody = cx.scopeOf(cls);
  let decorators: ir.Expr[];
  try {
    decorators = st.decorator_list.map((d) => decoratorValue(cx, d));
  } finally {
    cx.classBody = saved;
  }
  const isStatic = st.decorator_list.some((d) => decoratorName(d) === "staticmethod");
  const args: ir.Expr[] = [{ k: "this" }, { k: "str", value: mangle(cx, st.name) }, { k: "array", elements: decorators }, { k: "str", value: objectKey(mangle(cx, key)) }, { k: "bool", value: isStatic }];
  const hasHints = st.returns !== null || [...st.args.posonlyargs, ...st.args.args, st.args.vararg, ...st.args.kwonlyargs, st.args.kwarg].some((a) => a?.annotation);
  const registers = hasHints && st.decorator_list.some((d) => (d._type === "Attribute" && d.attr === "register") || (d._type === "Call" && d.func._type === "Attribute" && d.func.attr === "register"));
  // (the def as its decorators see it: its qualname and docstring, which `functools.wraps` copies)
  const doc = cx.readsDocstrings ? docstringOf(st) : null;
  const record: ir.Expr = { k: "object", props: [{ key: "qualname", value: { k: "str", value: `${qualname(cx.scopeOf(cls))}.${st.name}` } }, ...(doc !== null ? [{ key: "doc", value: { k: "str", value: doc } as ir.Expr }] : [])] };
  args.push(registers ? annotationDict(cx, st) : { k: "id", name: "undefined" }, record);
  return { k: "call", callee: cx.rt("decorateMethod"), args };
}
