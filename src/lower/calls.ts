// Calls: argument passing (positional, `*args`, keywords, `**kwargs`), constructing classes,
// method calls on built-in values, and awaiting the calls that block (run_until_complete).
import { bareClass, definesNewSomewhere, enumBaseName, IMPLICIT_CLASS_METHODS, isEnumClassDef, isMethodAlias } from "./class-body-facts.js";
import { lowerWaitingCallback, waitingCallbackCall } from "./waiting-callbacks.js";
import { awaitImplicit, iterationCallWaits, lazyOverWaiting } from "./implicit-waits.js";
import { noteDynamicImport } from "./program-imports.js";
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { BUILTIN_EXCEPTIONS, BUILTIN_FUNCTIONS, BUILTIN_METHOD_NAMES, CALLABLE_OBJECT_BUILTINS, RUNTIME_METHOD_NAMES } from "./builtins.js";
import { declareTemp, lowerAttribute, lowerElements, lowerExpr } from "./expressions.js";
import { awaitBlocking, lowerBlockingInGenerator } from "./blocking-calls.js";
import { callsUnknownFunction, isBlockingCall } from "./blocking.js";
import { delegate } from "./coroutines.js";
import { currentClass } from "./classes.js";
import { lowerSuperCall, lowerSuperValue } from "./super.js";
import { initIsMethod } from "./mro.js";
import { bindCall, describeSignature, type BoundCall } from "./signatures.js";
import { dataclassSignature, isDataclassDecorator } from "./dataclasses.js";
import { qualname } from "./functions.js";
import { objectKey } from "../../runtime/lang/attr-names.js";
import { attributeKey } from "./attr-keys.js";
import { mayBeReplaced } from "./class-objects.js";
import { spreadCallsBind } from "./statements.js";
import { lowerNamespaceCall } from "./module-object.js";
import { lowerLocalsCall } from "./locals.js";
import { guardMethodCall } from "./method-guard.js";
import { lowerConsumedGenexpr } from "./comprehension-loops.js";
import { RUNTIME_MEMBER_NAMES } from "./star-names.js";
import { isModuleExpr, isRuntimeClassExpr, isRuntimeValue } from "./runtime-values.js";
import { KEYWORD_CHECKED_BUILTINS } from "../../runtime/values/keyword-binding.js";
import { iteratesWaitingGenerator, overWaitingGenerator } from "./waiting-generators.js";
import { builtinArityError } from "./builtin-arity.js";
import { lowerIntStr } from "./int-facts.js";
import { refusedByBuiltinDecorated } from "./decorated-calls.js";
import { calleeRef, guardKwMapping, guardStarArg, guardStarValue, heldReceiverRef, type CalleeRef } from "./iterable-guards.js";

/** Expressions that make a built-in value (`{1, 2}.__len__()` asks the value's type). */
const DISPLAYS = new Set(["List", "Tuple", "Set", "Dict", "ListComp", "SetComp", "DictComp", "JoinedStr"]);

export function lowerCall(cx: LowerContext, e: py.Call): ir.Expr {
  const loc = cx.loc(e);
  noteDynamicImport(cx, e);
  // (before any path lowers the receiver: it is then kept for the guards' messages)
  if (e.func._type === "Attribute" && unpacksArgs(e) && calleeRef(cx, e.func) === null) heldReceiverRef(cx, e.func);
  if (consumesAtOnce(cx, e)) cx.immediateGenexprs.add(e.args[0]!);
  // (lazy tools over a generator whose body waits, handed to a runtime consumer: their waiting versions)
  if (cx.threads !== null) iteratesWaitingGenerator(cx, e);
  if (cx.fn.generator && !cx.fn.coroutine && !cx.fn.jsAsync && isBlockingCall(cx, e, cx.fn.scope)) return lowerBlockingInGenerator(cx, e);
  const stepping = iterationCallWaits(cx, e);
  if (stepping === "any" || stepping === "all") {
    // `any(obj)` / `all(x > 1 for x in obj)` over items that wait: stepped one by one (a generator expression stays lazy)
    if (e.args[0]!._type === "GeneratorExp") cx.lazyGenexprs.add(e.args[0]!);
    cx.awaitedIterables.add(e.args[0]!);
    return { k: "call", callee: cx.rt(stepping === "any" ? "waitingAny" : "waitingAll"), args: lowerArgs(cx, e), loc };
  }
  // (where a loop or consumer awaits its items: elsewhere it stays the builtin)
  // (and wherever one of its iterables is surely such a generator: `c = cycle(gen())`, then `next(c)`)
  const lazy = cx.awaitedIterables.has(e) || overWaitingGenerator(cx, e) ? lazyOverWaiting(cx, e) : null;
  if (lazy !== null) {
    for (const a of e.args) cx.awaitedIterables.add(a);
    return { k: "call", callee: cx.rt(lazy), args: lowerArgs(cx, e), loc };
  }
  if (stepping === "consume") {
    cx.awaitedIterables.add(e.args[0]!);
    // `list(obj)` over an instance whose `__next__` waits: its items awaited first
    const [first, ...rest] = lowerArgs(cx, e);
    return { k: "call", callee: cx.rt("consumeWaiting"), args: [lowerExpr(cx, e.func), first!, ...rest], loc };
  }
  const waitingHelper = waitingCallbackCall(cx, e, cx.fn.scope);
  if (waitingHelper !== null) {
    // map/filter/reduce/list.sort with a function that waits: the runtime's waiting version
    const receiver = waitingHelper === "sortWaitingKey" && e.func._type === "Attribute" ? lowerExpr(cx, e.func.value) : null;
    const call = lowerWaitingCallback(cx, e, waitingHelper, lowerArgs(cx, e), receiver);
    return cx.streamedCalls.has(e) ? call : awaitImplicit(cx, call, loc);
  }
  const intStr = lowerIntStr(cx, e);
  if (intStr !== null) return intStr;
  const arityError = e.func._type === "Name" && cx.resolve(e.func.id) === null ? builtinArityError(e.func.id, e) : null;
  if (arityError !== null) return { k: "call", callee: cx.rt("raiseTypeError"), args: [{ k: "str", value: arityError }, { k: "array", elements: lowerArgs(cx, e) }], loc };
  if (e.func._type === "Name" && e.keywords.length > 0 && KEYWORD_CHECKED_BUILTINS.has(e.func.id) && cx.resolve(e.func.id) === null) {
    // `pow(2, exp=5)`, `float(x="1")`: the runtime binds a builtin's keywords as CPython's parser does.
    const call: ir.Expr = { k: "call", callee: cx.rt("callValue"), args: [lowerExpr(cx, e.func), ...lowerArgs(cx, e)], loc };
    return isBlockingCall(cx, e, cx.fn.scope) ? awaitBlocking(cx, e, call) : call;
  }
  const consumed = lowerConsumedGenexpr(cx, e);
  if (consumed !== null) return consumed;
  const superCall = lowerSuperCall(cx, e) ?? lowerSuperValue(cx, e) ?? lowerNamespaceCall(cx, e) ?? lowerLocalsCall(cx, e);
  if (superCall) {
    // (`super(...)` in a JS constructor cannot be awaited: `pendingInit` chains the base's wait)
    const jsSuper = superCall.k === "call" && superCall.callee.k === "id" && superCall.callee.name === "super";
    return !jsSuper && isBlockingCall(cx, e, cx.fn.scope) ? awaitBlocking(cx, e, superCall) : superCall;
  }

  const known = e.func._type === "Name" ? cx.knownBinding(e.func.id) : null;
  if (known?.k === "class" && mayBeReplaced(cx, known.def)) {
    // A decorated class: its decorator may have returned anything callable.
    const call: ir.Expr = { k: "call", callee: cx.rt("callValue"), args: [lowerExpr(cx, e.func), ...lowerArgs(cx, e)], loc };
    return isBlockingCall(cx, e, cx.fn.scope) ? awaitBlocking(cx, e, call) : call;
  }
  if (known?.k === "class" && derivesFromProgramModule(cx, e.func) && !definesInit(cx, known.def)) {
    // `Tag(label="x")` where Tag's `__init__` is a class's of another module: checked and
    // bound at run time against what that module recorded of it (the call site cannot see
    // its parameters), as a call of that class is.
    const call: ir.Expr = { k: "call", callee: cx.rt("callValue"), args: [lowerExpr(cx, e.func), ...lowerArgs(cx, e)], loc };
    return isBlockingCall(cx, e, cx.fn.scope) ? awaitBlocking(cx, e, call) : call;
  }
  let call: ir.Expr;
  const viaClassFunction = lowerClassFunctionCall(cx, e);
  const knownMethod = viaClassFunction ? null : lowerKnownMethodCall(cx, e);
  const viaClass = viaClassFunction ?? (knownMethod && guardMethodCall(cx, e, knownMethod));
  const bound = viaClass ? null : bindKnownCallee(cx, e);
  if (viaClass) {
    call = viaClass;
  } else if (bound && "error" in bound && cx.writesDefaults) {
    // (the module writes some `__defaults__`: the def may take these arguments by the time it
    // is called, so they are bound against its defaults then)
    call = { k: "call", callee: cx.rt("callValue"), args: [lowerExpr(cx, e.func), ...lowerArgs(cx, e)], loc };
  } else if (bound && "error" in bound) {
    // Python evaluates the arguments, then the call raises TypeError.
    const args = lowerArgs(cx, e);
    call = { k: "call", callee: cx.rt("raiseTypeError"), args: [{ k: "str", value: bound.error }, { k: "array", elements: args }], loc };
  } else if (bound) {
    call = { k: constructs(cx, e.func) ? "new" : "call", callee: lowerCallee(cx, e.func), args: bound.args, loc };
  } else {
    const hoisted = hoistedCallee(cx, e);
    const args = lowerArgs(cx, e, hoisted);
    if (isTypingValue(cx, e.func)) {
      // `List()`, `typing.TypedDict("M", {...})`, `Box[int](1)`: typing's values are objects as often as classes.
      call = { k: "call", callee: cx.rt("callValue"), args: [lowerExpr(cx, e.func), ...args], loc };
    } else if (e.func._type === "Attribute" && rootedAtProgramModule(cx, e.func.value)) {
      // `m.Cart()` on a program module: the attribute may be a class (called without `new`);
      // `m.jobs.put(x)` a method of a module's object, read bound.
      const callee = moduleObjectMethod(cx, e.func) ? { k: "call" as const, callee: cx.rt("getattr"), args: [lowerExpr(cx, e.func.value), { k: "str" as const, value: e.func.attr }], loc } : lowerExpr(cx, e.func);
      call = { k: "call", callee: cx.rt("callValue"), args: [callee, ...args], loc };
    } else if (e.func._type === "Attribute" && (e.func.value._type === "Constant" || DISPLAYS.has(e.func.value._type) || (!isRuntimeValue(cx, e.func.value) && BUILTIN_METHOD_NAMES.has(e.func.attr)))) {
      const receiver = lowerExpr(cx, e.func.value);
      const named = NAMED_METHOD_CALLS.get(e.func.attr);
      // (`xs.append(x)`, `d.get(k, 0)`: one call the runtime answers at once for a plain list or dict)
      if (named !== undefined && e.keywords.length === 0 && named.counts.includes(e.args.length) && !e.args.some((a) => a._type === "Starred")) call = { k: "call", callee: cx.rt(named.helper), args: [receiver, ...args], loc };
      else call = { k: "call", callee: cx.rt("callMethod"), args: [receiver, { k: "str", value: e.func.attr }, ...args], loc };
    } else if ((e.func._type === "Name" && (callsUnknownValue(cx, e.func) || callsEnumeration(cx, e.func) || spreadsIntoKnownDef(cx, e, e.func) || spreadsIntoClass(cx, e, e.func))) || (e.func._type !== "Name" && e.func._type !== "Attribute")) {
      // (`f(*xs)` on a def with named parameters: the runtime binds the spread as Python does.)
      // The callee may be a class (called without `new`) or an instance with `__call__`;
      // so may what a call returns (`make()()`, `type(x)()`), a subscript, a conditional
      // (`(Staff if admin else Member)(name)`), `a or b`, `(f := pick())`, `await`...
      const fn = lowerExpr(cx, e.func);
      call = { k: "call", callee: cx.rt("callValue"), args: [hoisted !== null ? { k: "assign", op: "=", target: { k: "id", name: hoisted }, value: fn } : fn, ...args], loc };
    } else if (e.func._type === "Attribute" && enumBaseName(cx, e.func, ENUM_CLASSES)) {
      // `enum.Enum("Color", "RED GREEN")`: EnumType's `__call__`.
      call = { k: "call", callee: cx.rt("callValue"), args: [lowerExpr(cx, e.func), ...args], loc };
    } else if (e.func._type === "Attribute" && (e.func.attr === "__class__" || e.func.attr === "__func__") && !isRuntimeValue(cx, e.func.value)) {
      // `obj.__class__(...)`: a class, called without `new`; `m.__func__(self)`: a plain function.
      call = { k: "call", callee: cx.rt("callValue"), args: [lowerExpr(cx, e.func), ...args], loc };
    } else if (e.func._type === "Attribute" && cx.misfitMethodCalls.has(e) && !isRuntimeValue(cx, e.func.value)) {
      // Arguments some class's method would refuse, on a receiver of unknown class: bound
      // against the method found at run time, with CPython's TypeError.
      call = { k: "call", callee: cx.rt("callMethodChecked"), args: [lowerExpr(cx, e.func.value), { k: "str", value: e.func.attr }, ...args], loc };
    } else if (e.func._type === "Attribute" && definesNoMethod(cx, e.func)) {
      // No class of the program defines this method: it may be an instance attribute, come
      // from `__getattr__`, or be missing (CPython's AttributeError, not a JS TypeError).
      const callee = cx.rt(e.func.attr === "__init__" ? "callMethodChecked" : "callMethod");
      call = { k: "call", callee, args: [lowerExpr(cx, e.func.value), { k: "str", value: e.func.attr }, ...args], loc };
    } else if (e.func._type === "Attribute" && isRuntimeClassExpr(cx, e.func.value)) {
      // `collections.deque.append(q, 1)`, `decimal.Decimal.quantize(x, q)`: an attribute of a
      // runtime class as Python reads it (an instance method taking the instance first), which
      // a JS static of the class is not; class and static methods are found the same way.
      call = { k: "call", callee: cx.rt("callMethod"), args: [lowerExpr(cx, e.func.value), { k: "str", value: e.func.attr }, ...args], loc };
    } else if (e.func._type === "Attribute" && isModuleExpr(cx, e.func.value) && args.some((a) => a.k === "spread") && !constructs(cx, e.func)) {
      // `asyncio.gather(*coros)`: any number of values, past what a JS spread can pass.
      const fn = lowerCallee(cx, e.func);
      call = { k: "call", callee: cx.rt("spreadCall"), args: [fn, { k: "array", elements: args }, lowerExpr(cx, e.func.value)], loc };
    } else if (e.func._type === "Attribute" && (!RUNTIME_MEMBER_NAMES.has(e.func.attr) || BUILTIN_METHOD_NAMES.has(e.func.attr)) && !isModuleExpr(cx, e.func.value) && isRuntimeValue(cx, e.func.value) && !constructs(cx, e.func)) {
      // `logger.infoo(...)`, `ns.handler(...)` on a runtime object: no class of the provided
      // modules has the name, so the object lacks it (CPython's AttributeError) or holds it
      // itself (a function set on it, called with its arguments checked). A built-in type's
      // method name (`collections.Counter(s).items()`) may be the built-in base's, which the
      // runtime keeps in its method tables, not on the object.
      call = { k: "call", callee: cx.rt("callMethod"), args: [lowerExpr(cx, e.func.value), { k: "str", value: e.func.attr }, ...args], loc };
    } else {
      const callee = lowerCallee(cx, e.func);
      call = constructs(cx, e.func) ? { k: "new", callee, args, loc } : guardMethodCall(cx, e, { k: "call", callee, args, loc });
    }
  }
  call = spreadSafe(cx, call);
  // (`__new__` may return what a JS constructor cannot: `42`, `None`)
  if (call.k === "new" && (definesNewSomewhere(cx) || derivesFromProgramModule(cx, e.func))) call = { k: "call", callee: cx.rt("newResult"), args: [call], loc };
  if (isBlockingCall(cx, e, cx.fn.scope)) return awaitBlocking(cx, e, call);
  if (callsUnknownFunction(cx, e)) return awaitIfAble(cx, e, call);
  return call;
}

function awaitIfAble(cx: LowerContext, e: py.Call, call: ir.Expr): ir.Expr {
  if (cx.fn.coroutine) return delegate(cx, "awaitPending", call, cx.loc(e));
  // (a comprehension's async generator in a function that waits: comprehensions.ts)
  if (cx.fn.generator && !(cx.fn.jsAsync && cx.fn.scope.kind === "comprehension")) return call;
  if (cx.fn.jsAsync) return { k: "await", arg: call, loc: cx.loc(e) };
  if (cx.fn.scope === cx.moduleScope) {
    cx.topLevelAwait = true;
    return { k: "await", arg: call, loc: cx.loc(e) };
  }
  return call;
}


/**
 * A call with a spread argument goes through the runtime (`spreadCall(f, [...xs])`,
 * `spreadMethod(obj, "m", [...xs])`): a JS spread of more than ~120k values overflows the
 * stack, and CPython's `f(*xs)` takes any number.
 */
function spreadSafe(cx: LowerContext, call: ir.Expr): ir.Expr {
  if (call.k !== "call" || !call.args.some((a) => a.k === "spread")) return call;
  const callee = call.callee;
  const first = call.args[0];
  if (callee.k === "rt" && callee.name === "callValue" && first !== undefined && first.k !== "spread") {
    // `callValue(f, ...xs)`: spreadCall checks the arguments as callValue does.
    return { k: "call", callee: cx.rt("spreadCall"), args: [first, { k: "array", elements: call.args.slice(1) }], loc: call.loc };
  }
  const array: ir.Expr = { k: "array", elements: call.args };
  if (callee.k === "member" && !callee.optional) {
    return { k: "call", callee: cx.rt("spreadMethod"), args: [callee.object, { k: "str", value: callee.property }, array], loc: call.loc };
  }
  return { k: "call", callee: cx.rt("spreadCall"), args: [callee, array], loc: call.loc };
}

/** The called expression: a method called on an object stays a member read (`obj.m(...)`). */
function lowerCallee(cx: LowerContext, func: py.Expr): ir.Expr {
  return func._type === "Attribute" ? lowerAttribute(cx, func, true) : lowerExpr(cx, func);
}

/** Positional arguments, then keywords as one trailing `kw({...})`. */
export function lowerArgs(cx: LowerContext, e: { args: py.Expr[]; keywords: py.Keyword[]; func?: py.Expr }, hoisted: string | null = null): ir.Arg[] {
  // (`f(*v)` / `f(**m)`: the guards name the callee in CPython's TypeError)
  const ref = hoisted !== null ? { k: "value" as const, value: { k: "id" as const, name: hoisted } } : unpacksArgs(e) && e.func !== undefined ? calleeRef(cx, e.func) ?? heldReceiverRef(cx, e.func) : null;
  // (CPython names the callee only when the one positional argument is `*v`; otherwise the
  // arguments are gathered into a list first, whose extend says `Value after * ...`)
  const single = e.args.length === 1;
  const args = lowerElements(cx, e.args, (value) => (single ? guardStarArg(cx, ref, value) : guardStarValue(cx, value)));
  if (e.keywords.length) args.push(keywordArg(cx, e.keywords, ref));
  return args;
}

function unpacksArgs(e: { args: py.Expr[]; keywords: py.Keyword[] }): boolean {
  return e.args.some((a) => a._type === "Starred") || e.keywords.some((k) => k.arg === null);
}

/**
 * `make()(*v)` / `table[k](**m)`: the callee, evaluated once, is kept in a temporary the
 * guards name in their TypeError.
 */
function hoistedCallee(cx: LowerContext, e: py.Call): string | null {
  if ((e.func._type !== "Call" && e.func._type !== "Subscript") || !unpacksArgs(e)) return null;
  const name = cx.temp("callee");
  declareTemp(cx, name);
  return name;
}

function keywordArg(cx: LowerContext, keywords: py.Keyword[], ref: CalleeRef): ir.Expr {
  const sources: ir.Expr[] = [];
  let props: { key: string; value: ir.Expr }[] = [];
  for (const k of keywords) {
    if (k.arg === null) {
      if (props.length) sources.push({ k: "object", props });
      props = [];
      sources.push(guardKwMapping(cx, ref, lowerExpr(cx, k.value), k.value));
    } else props.push({ key: k.arg, value: lowerExpr(cx, k.value) });
  }
  if (props.length) sources.push({ k: "object", props });
  return { k: "call", callee: cx.rt("kw"), args: sources };
}

/** The undecorated def a called name refers to, when it is bound exactly once. */
export function resolveDef(cx: LowerContext, name: string): py.FunctionDef | py.AsyncFunctionDef | null {
  const scope = cx.resolve(name);
  const bindings = scope?.bindings.get(name);
  if (!bindings || bindings.length !== 1) return null;
  const stmt = bindings[0]!.stmt;
  if (!stmt || (stmt._type !== "FunctionDef" && stmt._type !== "AsyncFunctionDef") || stmt.decorator_list.length) return null;
  return stmt;
}

/** The `__init__` that constructs a module-level class (searching its known base classes). */
export function constructorOf(cx: LowerContext, cls: py.ClassDef, depth = 0): py.FunctionDef | null {
  if (initIsMethod(cx, cls)) return null; // its `__init__` binds its arguments at run time (mro.ts)
  const init = [...cls.body].reverse().find((s): s is py.FunctionDef => s._type === "FunctionDef" && s.name === "__init__");
  if (init) return init.decorator_list.length ? null : init;
  const base = cls.bases[0];
  if (depth > 8 || !base || base._type !== "Name") return null;
  const known = cx.knownBinding(base.id);
  return known?.k === "class" ? constructorOf(cx, known.def, depth + 1) : null;
}

/** Methods of `object` that `Cls.name(...)` reaches when no class in the MRO defines them. */
const OBJECT_METHODS = new Set(["__new__", "__setattr__", "__getattribute__", "__delattr__"]);

/**
 * `Cls.method(obj, ...)`: the plain function stored in a known class, called with `self`
 * first: `Cls.prototype.method.call(obj, ...)`, bound at compile time when the class body
 * defines the method, else through `getattr(Cls, "method")` at run time.
 */
function lowerClassFunctionCall(cx: LowerContext, e: py.Call): ir.Expr | null {
  const f = e.func;
  if (f._type !== "Attribute" || f.value._type !== "Name") return null;
  const known = cx.knownBinding(f.value.id);
  if (known?.k !== "class") return null;
  const loc = cx.loc(e);
  const method = methodOf(cx, known.def, f.attr);
  if (!method) {
    // An alias (`size = area`) is found at run time, as are the methods every class has from
    // `object` (`Point.__new__(Point)` on a class without its own `__new__`).
    if (!aliasedIn(known.def, f.attr) && !OBJECT_METHODS.has(f.attr)) return null;
    const plain: ir.Expr = { k: "call", callee: cx.rt("getattr"), args: [lowerExpr(cx, f.value), { k: "str", value: f.attr }] };
    return { k: "call", callee: cx.rt("callValue"), args: [plain, ...lowerArgs(cx, e)], loc };
  }
  if ((f.attr === "__init__" && initIsMethod(cx, known.def)) || IMPLICIT_CLASS_METHODS.has(f.attr)) {
    // (`B.__new__(A, x)`: `__new__` is a static method of the class, found on it at run time)
    const plain: ir.Expr = { k: "call", callee: cx.rt("getattr"), args: [lowerExpr(cx, f.value), { k: "str", value: f.attr }] };
    return { k: "call", callee: cx.rt("callValue"), args: [plain, ...lowerArgs(cx, e)], loc };
  }
  const refused = refusedByBuiltinDecorated(cx, e, method);
  if (refused !== null) return refused;
  if (method.decorator_list.length || f.attr === "__init__") return null;
  const key = objectKey(f.attr.startsWith("__") && !f.attr.endsWith("__") ? `_${known.def.name.replace(/^_+/, "")}${f.attr}` : f.attr);
  const fn: ir.Expr = { k: "member", object: { k: "member", object: lowerExpr(cx, f.value), property: "prototype" }, property: key };
  const bound = bindCall(cx, e, describeSignature(method.args), qualname(cx.scopeOf(method)));
  if (bound && "error" in bound) {
    return { k: "call", callee: cx.rt("raiseTypeError"), args: [{ k: "str", value: bound.error }, { k: "array", elements: lowerArgs(cx, e) }], loc };
  }
  if (bound) return { k: "call", callee: { k: "member", object: fn, property: "call" }, args: bound.args.length ? bound.args : [{ k: "null" }], loc };
  const plain: ir.Expr = { k: "call", callee: cx.rt("getattr"), args: [lowerExpr(cx, f.value), { k: "str", value: f.attr }] };
  return { k: "call", callee: cx.rt("callValue"), args: [plain, ...lowerArgs(cx, e)], loc };
}

/**
 * `obj.method(...)` where the lowering knows obj's class and the method: bound at compile time
 * like a call of a known def, so keywords and wrong argument counts are handled as in CPython.
 */
function lowerKnownMethodCall(cx: LowerContext, e: py.Call): ir.Expr | null {
  const f = e.func;
  if (f._type !== "Attribute") return null;
  const cls = receiverClass(cx, f.value, f.attr);
  const method = cls ? methodOf(cx, cls, f.attr) : null;
  const refused = method ? refusedByBuiltinDecorated(cx, e, method) : null;
  if (refused !== null) return refused;
  if (!method || method.decorator_list.length || f.attr === "__init__") return null;
  const bound = bindCall(cx, e, describeSignature(method.args), qualname(cx.scopeOf(method)), true);
  if (bound === null) return null;
  const loc = cx.loc(e);
  if ("error" in bound) {
    return { k: "call", callee: cx.rt("raiseTypeError"), args: [{ k: "str", value: bound.error }, { k: "array", elements: lowerArgs(cx, e) }], loc };
  }
  // The method is the class's own: called directly on the instance.
  const key = attributeKey(cx, f.value, f.attr) ?? objectKey(f.attr);
  return { k: "call", callee: { k: "member", object: lowerExpr(cx, f.value), property: key }, args: bound.args, loc };
}

/**
 * The class a receiver is an instance of, when the lowering knows it: `self` in a method
 * (when no other class defines a method of that name), or a name bound once to `Cls(...)`.
 */
export function receiverClass(cx: LowerContext, e: py.Expr, method: string): py.ClassDef | null {
  // (`Cls(...).method(...)`: an instance of the known class made on the spot)
  if (e._type === "Call") return constructedClass(cx, e);
  if (e._type !== "Name") return null;
  if (cx.fn.selfName === e.id) {
    if (cx.fn.classMethod || cx.methodDefinitions.get(method) !== 1) return null;
    return currentClass(cx);
  }
  const bindings = cx.resolve(e.id)?.bindings.get(e.id);
  const stmt = bindings?.length === 1 ? bindings[0]!.stmt : null;
  if (stmt?._type !== "Assign" || stmt.targets.length !== 1 || stmt.targets[0]!._type !== "Name") return null;
  return stmt.value._type === "Call" ? constructedClass(cx, stmt.value) : null;
}

/** The class `Cls(...)` makes, when `Cls` is a program class the lowering knows (no class decorator). */
function constructedClass(cx: LowerContext, value: py.Call): py.ClassDef | null {
  if (value.func._type !== "Name") return null;
  const known = cx.knownBinding(value.func.id);
  return known?.k === "class" && known.def.decorator_list.length === 0 ? known.def : null;
}

/** The def a class (or its single-inheritance bases) gives a method name, when known. */
export function methodOf(cx: LowerContext, cls: py.ClassDef, name: string, depth = 0): py.FunctionDef | py.AsyncFunctionDef | null {
  if (depth > 8 || cls.bases.length > 1 || cls.body.some((st) => st._type === "FunctionDef" && st.name === "__getattr__")) return null;
  const method = [...cls.body].reverse().find((st): st is py.FunctionDef | py.AsyncFunctionDef => (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") && st.name === name);
  // (a def the body deletes, or binds again otherwise, after it: no method of that name)
  if (method) return cx.scopeOf(cls).bindings.get(name)?.at(-1)?.stmt === method ? method : null;
  if (cx.scopeOf(cls).bindings.has(name)) return null;
  const base = cls.bases[0];
  if (!base || base._type !== "Name") return null;
  const known = cx.knownBinding(base.id);
  return known?.k === "class" ? methodOf(cx, known.def, name, depth + 1) : null;
}

/**
 * `obj.name(...)` where no class of the program defines or aliases `name` and obj is no module
 * or runtime object: the direct JS call would fail with a JS TypeError when it is missing.
 */
export function definesNoMethod(cx: LowerContext, f: py.Attribute): boolean {
  if (f.attr !== "__init__" && (cx.methodNames.has(f.attr) || cx.classAttributeNames.has(f.attr))) return false;
  if (isRuntimeValue(cx, f.value)) return false;
  // Runtime objects (tasks, generators, files) reached through variables keep direct calls.
  if (f.attr === "__init__") return true; // `obj.__init__(...)` may reach object.__init__
  // (`x.__len__()` on an object that may lack it: callMethod finds the built-in types' and
  // object's dunders, else raises CPython's AttributeError)
  if (/^__.*__$/.test(f.attr)) return true;
  if (RUNTIME_METHOD_NAMES.has(f.attr) || MORE_RUNTIME_METHODS.has(f.attr)) return false;
  return !(f.value._type === "Name" && cx.resolve(f.value.id) === null);
}

/** Methods of runtime objects besides those passed around as callbacks (RUNTIME_METHOD_NAMES). */
const MORE_RUNTIME_METHODS = new Set([
  "cancelling", "uncancel", "get_stack", "print_stack", "when", "readlines", "writelines", "seek", "tell",
  "fileno", "getvalue", "release", "raise_for_status", "getcode", "geturl", "info", "getheader", "getheaders",
  "shutdown_asyncgens", "set_exception_handler", "get_exception_handler", "default_exception_handler",
  "call_exception_handler", "set_debug", "get_debug", "run_in_executor",
]);

/** Bind the arguments of a call to a def or class known statically (signatures.ts). */
function bindKnownCallee(cx: LowerContext, e: py.Call): BoundCall | null {
  if (e.func._type !== "Name") return null;
  const def = resolveDef(cx, e.func.id);
  if (def && cx.keywordWrapped.has(def)) return null; // its wrapper binds at run time
  if (def) return bindCall(cx, e, describeSignature(def.args), qualname(cx.scopeOf(def)));
  const known = cx.knownBinding(e.func.id);
  if (known?.k !== "class") return null;
  const hasInit = known.def.body.some((s) => s._type === "FunctionDef" && s.name === "__init__");
  if (!hasInit && known.def.decorator_list.some(isDataclassDecorator)) {
    const sig = dataclassSignature(cx, known.def);
    const withSelf = { ...sig, positional: [{ name: "self", hasDefault: false, positionalOnly: false }, ...sig.positional] };
    return bindCall(cx, e, withSelf, `${qualname(cx.scopeOf(known.def))}.__init__`, true);
  }
  // (calling an enumeration looks a member up: its `__init__` made the members)
  if (known.def.decorator_list.length || isEnumClassDef(cx, known.def)) return null;
  if (bareClass(cx, known.def) && (e.args.some((a) => a._type !== "Starred") || e.keywords.some((k) => k.arg !== null))) {
    return { error: `${known.def.name}() takes no arguments` };
  }
  const init = constructorOf(cx, known.def);
  return init ? bindCall(cx, e, describeSignature(init.args), qualname(cx.scopeOf(init)), true) : null;
}

/** A name bound to some value (not a def, class, import or builtin): what it holds is unknown. */
function callsUnknownValue(cx: LowerContext, name: py.Name): boolean {
  const scope = cx.resolve(name.id);
  // (a name only a metaclass's `__prepare__` may bind, in a class body: any callable)
  // (code run by eval/exec: a name its namespace gives, which may be a class or callable object)
  if (!scope) return CALLABLE_OBJECT_BUILTINS.has(name.id) || ((cx.classBody !== null || cx.snippet) && !BUILTIN_FUNCTIONS.has(name.id) && !BUILTIN_EXCEPTIONS.has(name.id));
  const bindings = scope.bindings.get(name.id) ?? [];
  // A def decorated by a class is an instance of it (`@CountCalls def f`): called as a value.
  const classDecorated = bindings.some((b) => (b.stmt?._type === "FunctionDef" || b.stmt?._type === "AsyncFunctionDef") && b.stmt.decorator_list.some((d) => d._type === "Name" && cx.knownBinding(d.id)?.k === "class"));
  // A name imported from a program module may be a class: called without `new`.
  if (classDecorated || cx.programImportedNames.has(name.id)) return true;
  return !bindings.every((b) => b.kind === "def" || b.kind === "import");
}

/** `f(*xs)` where `f` is a def whose signature records itself for such calls. */
function spreadsIntoKnownDef(cx: LowerContext, e: py.Call, name: py.Name): boolean {
  if (!e.args.some((a) => a._type === "Starred")) return false;
  const def = resolveDef(cx, name.id);
  return def !== null && spreadCallsBind(cx, def);
}

/** `Cls(*xs)`: the runtime binds the spread against `__init__` (TS cannot spread into fixed parameters). */
function spreadsIntoClass(cx: LowerContext, e: py.Call, name: py.Name): boolean {
  return (e.args.some((a) => a._type === "Starred") || e.keywords.some((k) => k.arg === null)) && cx.knownBinding(name.id)?.k === "class";
}

/** Module attributes spelled like classes (`asyncio.Future`) and known classes use `new`. */
/** `X` from `from typing import X`, or `typing.X`. */
function isTypingValue(cx: LowerContext, func: py.Expr): boolean {
  if (func._type === "Attribute") return func.value._type === "Name" && cx.knownBinding(func.value.id)?.k === "module" && (cx.knownBinding(func.value.id) as { module?: string }).module === "typing";
  if (func._type !== "Name") return false;
  const bindings = cx.resolve(func.id)?.bindings.get(func.id);
  const stmt = bindings?.length === 1 ? bindings[0]!.stmt : null;
  return stmt?._type === "ImportFrom" && stmt.module === "typing";
}

const ENUM_CLASSES: ReadonlySet<string> = new Set(["Enum", "IntEnum", "StrEnum", "Flag", "IntFlag"]);

/**
 * `Color(1)`, `Enum("Color", "RED GREEN")`: calling an enumeration is EnumType's `__call__`
 * (a member lookup or the functional API), never its `__init__`: called as a value.
 */
function callsEnumeration(cx: LowerContext, func: py.Name): boolean {
  if (enumBaseName(cx, func, ENUM_CLASSES)) return true;
  const known = cx.knownBinding(func.id);
  return known?.k === "class" && isEnumClassDef(cx, known.def);
}

/** Standard functions named in capitals without an underscore (os's wait-status macros). */
// Module functions whose names read as classes (called, not constructed).
const UPPERCASE_FUNCTIONS = new Set(["WIFEXITED", "WEXITSTATUS", "WIFSIGNALED", "WTERMSIG", "WIFSTOPPED", "WSTOPSIG", "WCOREDUMP", "WIFCONTINUED", "DocTestSuite", "DocFileSuite", "DocFileTest"]);

export function constructs(cx: LowerContext, func: py.Expr): boolean {
  // In a classmethod the class arrives as its first parameter, bound to `this`.
  if (func._type === "Name" && cx.fn.selfName === func.id && cx.fn.classMethod) return true;
  if (func._type === "Name") {
    const known = cx.knownBinding(func.id);
    if (known) return known.k === "class";
    const scope = cx.resolve(func.id);
    if (scope === null) return BUILTIN_EXCEPTIONS.has(func.id);
    // A class statement in a `try`/`if` block: every binding of the name is a plain class.
    const bindings = scope.bindings.get(func.id) ?? [];
    // `from dataclasses import FrozenInstanceError`: a module's exception class (as `json.JSONDecodeError(...)`).
    if (/^[A-Z]\w*(Error|Exception|Warning)$/.test(func.id) && bindings.length === 1 && bindings[0]!.stmt?._type === "ImportFrom" && !cx.programImportedNames.has(func.id)) return true;
    return bindings.length > 0 && bindings.every((b) => b.stmt?._type === "ClassDef" && b.stmt.decorator_list.length === 0 && b.stmt.keywords.length === 0);
  }
  if (func._type === "Attribute") {
    // `asyncio.Future()`; `self.Node(v)` / `Outer.Node(v)` for a class nested in a class.
    // (a capitalised name is a class, but not an UPPER_CASE one: `difflib.IS_LINE_JUNK(x)`)
    if (isModuleExpr(cx, func.value)) return /^[A-Z]/.test(func.attr) && !/^[A-Z0-9]+(?:_[A-Z0-9]*)+$/.test(func.attr) && !UPPERCASE_FUNCTIONS.has(func.attr);
    return cx.nestedClassNames.has(func.attr);
  }
  return false;
}

/** A class of this module deriving from one another module of the program defines (whose `__new__` this module cannot see). */
function derivesFromProgramModule(cx: LowerContext, func: py.Expr, depth = 0): boolean {
  if (cx.program === null || func._type !== "Name" || depth > 8) return false;
  const known = cx.knownBinding(func.id);
  if (known?.k !== "class") return false;
  return known.def.bases.some((b) => (b._type === "Name" ? cx.programImportedNames.has(b.id) || derivesFromProgramModule(cx, b, depth + 1) : rootedAtProgramModule(cx, b)));
}

/** Does the class (or a base of this module) define `__init__`? */
function definesInit(cx: LowerContext, def: py.ClassDef, depth = 0): boolean {
  if (def.body.some((st) => (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") && st.name === "__init__")) return true;
  if (depth > 8) return false;
  return def.bases.some((b) => {
    const known = b._type === "Name" ? cx.knownBinding(b.id) : null;
    return known?.k === "class" && definesInit(cx, known.def, depth + 1);
  });
}

/** `m`, `pkg.sub`: a name some `import` of a program module binds, or an attribute chain from one. */
/** `m.obj.method`: a method of an object a program module holds (not of a submodule of it). */
function moduleObjectMethod(cx: LowerContext, f: py.Attribute): boolean {
  const v = f.value;
  if (v._type !== "Attribute" || v.value._type !== "Name" || !cx.programModuleNames.has(v.value.id)) return false;
  const known = cx.knownBinding(v.value.id);
  const module = known?.k === "module" ? known.module : v.value.id;
  return cx.program?.resolver.find(`${module}.${v.attr}`) === null;
}

export function rootedAtProgramModule(cx: LowerContext, e: py.Expr): boolean {
  if (e._type === "Name") return cx.programModuleNames.has(e.id);
  return e._type === "Attribute" && rootedAtProgramModule(cx, e.value);
}

function aliasedIn(cls: py.ClassDef, name: string): boolean {
  return cls.body.some((st) => isMethodAlias(cls, st) && (st as py.Assign).targets.some((t) => t._type === "Name" && t.id === name));
}

/** Builtins that exhaust an iterable argument before they return (and keep no iterator). */
const CONSUMERS = new Set(["set", "frozenset", "list", "tuple", "sum", "min", "max", "sorted", "any", "all", "dict"]);

/** `set(x for x in xs)`, `"".join(x for x in xs)`: a generator expression run to its end (or abandoned) at once. */
function consumesAtOnce(cx: LowerContext, e: py.Call): boolean {
  if (e.args[0]?._type !== "GeneratorExp") return false;
  const f = e.func;
  if (f._type === "Name") return CONSUMERS.has(f.id) && cx.resolve(f.id) === null;
  return f._type === "Attribute" && f.attr === "join" && f.value._type === "Constant" && f.value.value.kind === "str";
}

/**
 * Method calls on built-in values with a runtime helper of their own (values/methods.ts), for
 * the numbers of positional arguments it takes (any other call goes through callMethod, which
 * raises CPython's TypeError).
 */
const NAMED_METHOD_CALLS = new Map([
  ["append", { helper: "callAppend", counts: [0, 1] }],
  ["get", { helper: "callGet", counts: [0, 1, 2] }],
  // str's (values/str-method-calls.ts)
  ["strip", { helper: "callStrip", counts: [0, 1] }],
  ["lstrip", { helper: "callLstrip", counts: [0, 1] }],
  ["rstrip", { helper: "callRstrip", counts: [0, 1] }],
  ["split", { helper: "callSplit", counts: [0, 1, 2] }],
  ["rsplit", { helper: "callRsplit", counts: [0, 1, 2] }],
  ["join", { helper: "callJoin", counts: [1] }],
  ["upper", { helper: "callUpper", counts: [0] }],
  ["lower", { helper: "callLower", counts: [0] }],
  ["replace", { helper: "callReplace", counts: [2, 3] }],
  ["startswith", { helper: "callStartswith", counts: [1, 2, 3] }],
  ["endswith", { helper: "callEndswith", counts: [1, 2, 3] }],
]);
