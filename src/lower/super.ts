// `super()`: the common forms `super().name(...)` / `super().name` inside a method become JS
// `super` (or `superOf(Class, self)` in a multiple-inheritance hierarchy, and runtime
// functions for `object`'s hooks); every other form is the runtime's `superOf(T, obj)` proxy.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { constructorOf, lowerArgs } from "./calls.js";
import { qualname } from "./functions.js";
import { bindCall, describeSignature, type BoundCall } from "./signatures.js";
import { inMultipleInheritance, initIsMethod, isObjectBase } from "./mro.js";
import { isMetaclassDef } from "./class-objects.js";
import { derivesFromBuiltin, derivesFromRuntimeClass, hasDynamicBase } from "./builtin-bases.js";
import { currentClass } from "./classes.js";
import type { Scope } from "./scope.js";

/**
 * `super().__init__(...)` -> `super(...)`; `super().name(...)` -> `super.name(...)`; in a
 * multiple-inheritance hierarchy `superOf(Class, self).name(...)` (an `__init__` that is
 * still a constructor keeps `super(...)`).
 */
export function lowerSuperCall(cx: LowerContext, e: py.Call): ir.Expr | null {
  const f = e.func;
  if (f._type !== "Attribute" || f.value._type !== "Call") return null;
  const inner = f.value;
  if (!isBareSuper(cx, inner)) return null;
  const cls = (currentClass(cx) ?? undefined);
  const objectHook = OBJECT_HOOKS[f.attr];
  if (cls && objectHook && !basesDefine(cx, cls, f.attr)) {
    // `super().__setattr__(name, value)` reaching `object`: store on the instance itself;
    // `super().__new__(cls)` passes the class itself.
    const hookArgs = lowerArgs(cx, e);
    const self: ir.Expr = cx.fn.selfName ? cx.id(cx.fn.selfName) : { k: "this" };
    // `object.__init_subclass__` runs on the class (its error message names it).
    if (f.attr === "__init_subclass__") return { k: "call", callee: { k: "member", object: cx.rt(objectHook), property: "call" }, args: [self, ...hookArgs], loc: cx.loc(e) };
    return { k: "call", callee: cx.rt(objectHook), args: f.attr === "__new__" ? hookArgs : [self, ...hookArgs], loc: cx.loc(e) };
  }
  // A runtime base (`class Ring(list)`) has the built-in's methods only through superOf.
  // A name no class of the program defines reaches superOf, which raises CPython's AttributeError.
  const undefinedName = !f.attr.startsWith("__") && !cx.methodNames.has(f.attr) && !cx.classAttributeNames.has(f.attr);
  // (JS's `super` is a method's own: the body of a generator or coroutine, a function* of
  // its own, reaches the next class through superOf.)
  const ownBody = cx.fn.generator || cx.fn.coroutine;
  // (a provided module's class, `class LRU(OrderedDict)`, may keep its dunders in method tables)
  const runtimeDunder = cls !== undefined && f.attr.startsWith("__") && f.attr !== "__init__" && f.attr !== "__new__" && derivesFromRuntimeClass(cx, cls);
  // A class with no base but `object` has no JS superclass: `super` is object's, through superOf.
  const root = cls !== undefined && cls.bases.every((b) => isObjectBase(cx, b));
  const multiple = cls !== undefined && (ownBody || root || undefinedName || inMultipleInheritance(cx, cls) || runtimeDunder || (f.attr !== "__init__" && (derivesFromBuiltin(cx, cls) || hasDynamicBase(cx, cls))));
  const bound = cls && !multiple && f.attr !== "__new__" ? bindSuperCall(cx, e, cls, f.attr) : null;
  if (bound && "error" in bound) {
    return { k: "call", callee: cx.rt("raiseTypeError"), args: [{ k: "str", value: bound.error }, { k: "array", elements: lowerArgs(cx, e) }], loc: cx.loc(e) };
  }
  const args = bound ? bound.args : lowerArgs(cx, e);
  // A module class's `__new__` receives the class as `this`, not as its first argument.
  if (f.attr === "__new__" && args.length > 0 && args[0]!.k !== "spread") args.shift();
  if (cls && multiple && (f.attr !== "__init__" || root || initIsMethod(cx, cls))) {
    const self: ir.Expr = cx.fn.selfName ? cx.id(cx.fn.selfName) : { k: "this" };
    const next: ir.Expr = { k: "call", callee: cx.rt("superOf"), args: [{ k: "id", name: cls.name }, self] };
    return { k: "call", callee: { k: "member", object: next, property: f.attr }, args, loc: cx.loc(e) };
  }
  if (f.attr === "__init__" && !(cls && isMetaclassDef(cx, cls))) {
    // (`super().__init__(*args, **kwargs)`: bound to the base's `__init__` at run time)
    const spreads = !bound && cls !== undefined && (e.args.some((a) => a._type === "Starred") || e.keywords.some((k) => k.arg === null));
    if (spreads) {
      const bindArgs: ir.Expr = { k: "call", callee: cx.rt("superInitArgs"), args: [{ k: "id", name: cls.name }, { k: "array", elements: args }] };
      return { k: "call", callee: { k: "id", name: "super" }, args: [{ k: "spread", arg: { k: "as", expr: bindArgs, type: baseParameters(cx, cls) } }], loc: cx.loc(e) };
    }
    return { k: "call", callee: { k: "id", name: "super" }, args, loc: cx.loc(e) };
  }
  return { k: "call", callee: { k: "member", object: { k: "id", name: "super" }, property: f.attr }, args, loc: cx.loc(e) };
}

/**
 * `super()` passing nothing, for an `__init__` that does not call its base's (or whose call is
 * refused at run time): typed as the base constructor's parameters, which strict TS checks.
 */
export function superWithoutArguments(cx: LowerContext): ir.Expr {
  const cls = currentClass(cx);
  const parameters = cls !== null ? baseParameters(cx, cls) : null;
  const none: ir.Expr = { k: "call", callee: { k: "id", name: "super" }, args: [] };
  if (parameters === null || parameters.k !== "tuple" || parameters.elements.length === 0) return none;
  const values: ir.Expr = { k: "as", expr: { k: "as", expr: { k: "array", elements: [] }, type: { k: "unknown" } }, type: parameters };
  return { k: "call", callee: { k: "id", name: "super" }, args: [{ k: "spread", arg: values }] };
}

/**
 * The TS type of the base constructor's parameter list (what superInitArgs returns): one
 * `any` per JS parameter of a known base's `__init__`, else any number of values.
 */
function baseParameters(cx: LowerContext, cls: py.ClassDef): ir.TsType {
  const base = cls.bases[0];
  const known = base?._type === "Name" ? cx.knownBinding(base.id) : null;
  const init = known?.k === "class" ? constructorOf(cx, known.def) : null;
  if (init === null) return { k: "array", element: { k: "any" } };
  const a = init.args;
  const count = a.posonlyargs.length + a.args.length - 1 + (a.vararg ? 1 : 0) + a.kwonlyargs.length + (a.kwarg ? 1 : 0);
  return { k: "tuple", elements: Array.from({ length: Math.max(count, 0) }, () => ({ k: "any" }) as ir.TsType) };
}

/**
 * Any other `super(...)`: `super()` kept in a variable, `super(T, obj)` for any class T,
 * `super()` outside a method: the runtime's `superOf(T, obj)` proxy (it raises CPython's
 * errors). Null when `e` is no call of the builtin `super`.
 */
export function lowerSuperValue(cx: LowerContext, e: py.Call): ir.Expr | null {
  if (e.func._type !== "Name" || e.func.id !== "super" || cx.resolve("super") !== null) return null;
  const loc = cx.loc(e);
  if (e.keywords.length) return { k: "call", callee: cx.rt("raiseTypeError"), args: [{ k: "str", value: "super() takes no keyword arguments" }, { k: "array", elements: [] }], loc };
  if (e.args.length) return { k: "call", callee: cx.rt("superOf"), args: lowerArgs(cx, e), loc };
  const cls = (currentClass(cx) ?? undefined);
  const inMethod = cls !== undefined && cx.fn.selfName !== null && cx.scopeOf(cls) === cx.fn.scope.parent;
  if (!inMethod) {
    // A function of the class body without `self` (a staticmethod): CPython's super() takes
    // its first parameter as the object (none: "super(): no arguments").
    const first = cls !== undefined && cx.scopeOf(cls) === cx.fn.scope.parent ? firstParameter(cx.fn.scope) : null;
    const args: ir.Expr[] = first === null ? [{ k: "null" }, { k: "null" }] : [{ k: "id", name: cls!.name }, cx.id(first)];
    return { k: "call", callee: cx.rt("superOf"), args, loc };
  }
  return { k: "call", callee: cx.rt("superOf"), args: [{ k: "id", name: cls.name }, cx.id(cx.fn.selfName!)], loc };
}

/** The first parameter a function scope binds (parameters are bound first, in order), or null. */
function firstParameter(scope: Scope): string | null {
  for (const [name, bindings] of scope.bindings) if (bindings.some((b) => b.kind === "param")) return name;
  return null;
}

/** `object`'s attribute hooks, as runtime functions taking the instance first. */
const OBJECT_HOOKS: Record<string, string> = { __init_subclass__: "objectInitSubclass", __new__: "objectNew", __setattr__: "objectSetattr", __getattribute__: "objectGetattribute", __delattr__: "objectDelattr" };

/** Does some module class among `cls`'s ancestors define method `name`? (Unknown bases: no.) */
function basesDefine(cx: LowerContext, cls: py.ClassDef, name: string, depth = 0): boolean {
  if (depth > 32) return false;
  return cls.bases.some((b) => {
    const known = b._type === "Name" ? cx.known.get(b.id) : undefined;
    if (known?.k !== "class" || known.def === cls) return false;
    return known.def.body.some((st) => st._type === "FunctionDef" && st.name === name) || basesDefine(cx, known.def, name, depth + 1);
  });
}

/**
 * Bind `super().name(...)`'s arguments at compile time when the base class and its method are
 * known: keywords reach their parameters by name, and a wrong call raises CPython's TypeError.
 */
function bindSuperCall(cx: LowerContext, e: py.Call, cls: py.ClassDef, name: string): BoundCall | null {
  let base = cls.bases[0];
  for (let depth = 0; depth < 8 && base?._type === "Name"; depth++) {
    const known = cx.knownBinding(base.id);
    if (known?.k !== "class") return null;
    if (name === "__init__") {
      const init = constructorOf(cx, known.def);
      return init ? bindCall(cx, e, describeSignature(init.args), qualname(cx.scopeOf(init)), true) : null;
    }
    const method = [...known.def.body].reverse().find((st): st is py.FunctionDef | py.AsyncFunctionDef => (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") && st.name === name);
    if (method) return method.decorator_list.length ? null : bindCall(cx, e, describeSignature(method.args), qualname(cx.scopeOf(method)), true);
    if (known.def.body.some((st) => st._type === "Assign" || st._type === "AnnAssign")) return null;
    base = known.def.bases[0];
  }
  return null;
}

/**
 * `super().name` read without a call: `super.name`, or `superOf(Class, self).name` in a
 * multiple-inheritance hierarchy. (For expressions.ts: null when `e` is no such read.)
 */
export function lowerSuperAttribute(cx: LowerContext, e: py.Attribute): ir.Expr | null {
  const inner = e.value;
  if (inner._type !== "Call" || !isBareSuper(cx, inner)) return null;
  const cls = (currentClass(cx) ?? undefined);
  if (cls && (cx.fn.generator || cx.fn.coroutine || cls.bases.every((b) => isObjectBase(cx, b)) || inMultipleInheritance(cx, cls))) {
    const self: ir.Expr = cx.fn.selfName ? cx.id(cx.fn.selfName) : { k: "this" };
    return { k: "member", object: { k: "call", callee: cx.rt("superOf"), args: [{ k: "id", name: cls.name }, self] }, property: e.attr };
  }
  return { k: "member", object: { k: "id", name: "super" }, property: e.attr };
}

/** `super()`, or the older spelling `super(ThisClass, self)` inside a method of ThisClass. */
function isBareSuper(cx: LowerContext, call: py.Call): boolean {
  if (call.func._type !== "Name" || call.func.id !== "super" || call.keywords.length) return false;
  const cls = (currentClass(cx) ?? undefined);
  // (no `self`: a staticmethod, a def outside a class or nested in a method; the runtime's
  // proxy gives CPython's result. `__new__` receives its class as `this`.)
  if (cx.fn.selfName === null && !(cls !== undefined && cx.fn.scope.name === "__new__" && cx.scopeOf(cls) === cx.fn.scope.parent)) return false;
  if (call.args.length === 0) return true;
  const [first, second] = call.args;
  return (
    call.args.length === 2 &&
    first?._type === "Name" &&
    first.id === cls?.name &&
    second?._type === "Name" &&
    second.id === cx.fn.selfName
  );
}
