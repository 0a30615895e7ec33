// Functions: `def`, `async def`, generators, lambdas, parameters and defaults, decorators.
//
//   async def f(x): ...   ->  function* f$1(x: any): Generator<any, any, any> { ... }
//                              function f(x: any): Coroutine<any> {
//                                return new Coroutine(f$1(x), "f", 1);
//                              }
// Calling `f` builds the coroutine object and runs none of the body (the lecture's point).
import type * as py from "../frontend/ast.js";
import { lambdaWaits } from "./blocking.js";
import { generatorMachine } from "./generator-machines.js";
import type * as ir from "./ir.js";
import { currentClass, mangle } from "./classes.js";
import { functionKey, objectKey } from "../../runtime/lang/attr-names.js";
import type { FunctionState, LowerContext } from "./context.js";
import type { Scope } from "./scope.js";
import { jsName } from "./names.js";
import { closureNames, closureVarsExtras, freeVariables, parameterDefaults } from "./function-objects.js";
import { lowerConstant, lowerExpr } from "./expressions.js";
import { lowerBlock } from "./statements.js";
import { hoistedNames } from "./targets.js";
import { intLocals, specialisableParams } from "./int-facts.js";
import { floatLocals } from "./float-facts.js";
import { lowerType } from "./types.js";
import { describeSignature, signatureSpec, varargIsRest } from "./signatures.js";

const ANY: ir.TsType = { k: "any" };

export interface FunctionShape {
  /** the emitted function, named as the Python def */
  fn: ir.FunctionIr;
  /** statements that must run before the def: defaults evaluated once, as Python does */
  setup: ir.Stmt[];
}

/** The functions doctests.ts wraps docstring examples in. */
const DOCTEST_SCOPE = /^__pyts_(doctests|doctest_\d+|example_\d+)__$/;

/** Qualified name as CPython reports it (`outer.<locals>.inner`, `Class.method`). */
export function qualname(scope: Scope): string {
  const parts: string[] = [];
  for (let s: Scope | null = scope; s && s.kind !== "module"; s = s.parent) {
    // A doctest example's code runs in its own globals: the functions holding it add nothing.
    if (s !== scope && DOCTEST_SCOPE.test(s.name)) break;
    const isFunction = s.kind === "function" || s.kind === "lambda";
    parts.unshift(s !== scope && isFunction ? `${s.name}.<locals>` : s.name);
  }
  return parts.join(".");
}

/** Lower a def's body as the body of the current function state, with its declarations. */
export function lowerFunctionBody(cx: LowerContext, state: FunctionState, body: py.Stmt[], prologue: ir.Stmt[] = []): ir.Stmt[] {
  return cx.within(state, () => {
    const hoisted: ir.Stmt[] = hoistedNames(cx, state.scope).map((name) => {
      state.declared.add(name);
      return { k: "decl", kind: "let", name: jsName(name), type: ANY };
    });
    const stmts = lowerBlock(cx, body);
    const temps: ir.Stmt[] = state.temps.map((name) => ({ k: "decl", kind: "let", name, type: ANY }));
    return [...prologue, ...hoisted, ...temps, ...stmts];
  });
}

/**
 * A method as the function object `C.m.__defaults__` writes reach (`C.prototype.m`, `C.m` for a
 * class method; the class's own name is bound inside its body), for the defaults its calls take
 * in a module that writes some (null where it has no such place: `__init__`, decorated defs).
 */
function methodObject(cx: LowerContext, s: py.FunctionDef | py.AsyncFunctionDef, method: { classMethod?: boolean; staticMethod?: boolean; isConstructor?: boolean }): ir.Expr | null {
  const cls = currentClass(cx);
  if (!cx.writesDefaults || cls === null || method.isConstructor || !cls.body.includes(s)) return null;
  if (s.decorator_list.some((d) => !(d._type === "Name" && (d.id === "classmethod" || d.id === "staticmethod")))) return null;
  const name = mangle(cx, s.name);
  if (method.classMethod || method.staticMethod) return { k: "member", object: { k: "id", name: cls.name }, property: functionKey(name) };
  return { k: "member", object: { k: "member", object: { k: "id", name: cls.name }, property: "prototype" }, property: objectKey(name) };
}

/**
 * A default value: a constant inline, anything else evaluated once when the def runs. An empty
 * `()` or `{}` takes the parameter's annotated type (`Tuple.of()` alone would be `Tuple<unknown>`).
 */
function defaultValue(cx: LowerContext, fname: string, pname: string, def: py.Expr, setup: ir.Stmt[], annotated: ir.TsType | null): ir.Expr {
  if (def._type === "Constant" && def.value.kind !== "complex") return lowerConstant(cx, def.value);
  const holder = cx.temp(`${fname}_${pname}_default`);
  const emptyDisplay = (def._type === "Tuple" && def.elts.length === 0) || (def._type === "Dict" && def.keys.length === 0);
  const type = emptyDisplay && annotated !== null ? { type: annotated } : {};
  setup.push({ k: "decl", kind: "const", name: holder, ...type, init: lowerExpr(cx, def), loc: cx.loc(def) });
  return { k: "id", name: holder };
}

/**
 * What the prologue binds from a parameter (`self`, the `*args` tuple) is a `let` when the body
 * assigns the name again (`coeffs = list(coeffs)`), as Python parameters are plain locals.
 */
function keepRebindable(prologue: ir.Stmt[], params: ir.Param[], scope: Scope, pyNames: (string | null)[]): void {
  for (const name of pyNames) {
    if (name === null || !(scope.bindings.get(name) ?? []).some((b) => b.kind !== "param")) continue;
    for (const st of prologue) if (st.k === "decl" && st.name === jsName(name)) Object.assign(st, { kind: "let", type: ANY });
    // (`nums = sorted(nums)` on a `*nums: float` Tuple parameter: it holds any value from then on)
    for (const p of params) if (p.name === jsName(name) && !p.rest && p.type !== undefined) p.type = ANY;
  }
}

/** JS parameters in the layout of signatures.ts, with defaults that are not constants hoisted to `setup`. */
function lowerParams(cx: LowerContext, name: string, args: py.Arguments, setup: ir.Stmt[], prologue: ir.Stmt[], self: ir.Expr | null = null, skipped = 0): ir.Param[] {
  const sig = describeSignature(args);
  const positional = [...args.posonlyargs, ...args.args];
  const firstDefault = positional.length - args.defaults.length;
  const typeOf = (a: py.Arg): ir.TsType => (a.annotation ? lowerType(cx, a.annotation) : ANY);
  const params: ir.Param[] = positional.map((a, i) => {
    const param: ir.Param = { name: jsName(a.arg), type: i >= firstDefault ? withNoneDefault(typeOf(a), args.defaults[i - firstDefault]!) : typeOf(a) };
    if (i >= firstDefault) param.default = defaultValue(cx, name, a.arg, args.defaults[i - firstDefault]!, setup, a.annotation ? typeOf(a) : null);
    // (a module that writes `f.__defaults__`: every positional parameter may get one)
    if (self !== null && cx.writesDefaults) param.default = { k: "call", callee: cx.rt("positionalDefault"), args: [self, { k: "num", value: i + skipped }, ...(param.default ? [param.default] : [])] };
    return param;
  });
  if (args.vararg && varargIsRest(sig)) {
    const rest = cx.temp(`${args.vararg.arg}_`);
    params.push({ name: rest, rest: true, type: { k: "array", element: ANY } });
    // `*args` is a tuple in Python (restTuple also unpacks the box a huge `f(*xs)` passes).
    const tuple: ir.Expr = { k: "call", callee: cx.rt("restTuple"), args: [{ k: "id", name: rest }] };
    prologue.push({ k: "decl", kind: "const", name: jsName(args.vararg.arg), init: tuple });
  } else if (args.vararg) {
    const empty: ir.Expr = { k: "call", callee: { k: "member", object: cx.rt("Tuple"), property: "of" }, args: [] };
    params.push({ name: jsName(args.vararg.arg), type: { k: "ref", name: "Tuple", args: [ANY], runtime: true }, default: empty });
  }
  args.kwonlyargs.forEach((a, i) => {
    const def = args.kw_defaults[i];
    const missing: ir.Expr = {
      k: "call",
      callee: cx.rt("missingArgument"),
      args: [{ k: "str", value: `${name}() missing 1 required keyword-only argument: '${a.arg}'` }],
    };
    let value = def ? defaultValue(cx, name, a.arg, def, setup, a.annotation ? typeOf(a) : null) : missing;
    if (self !== null && cx.writesDefaults) value = { k: "call", callee: cx.rt("keywordDefault"), args: [self, { k: "str", value: a.arg }, ...(def ? [value] : [])] };
    params.push({ name: jsName(a.arg), type: def ? withNoneDefault(typeOf(a), def) : typeOf(a), default: value });
  });
  if (args.kwarg) {
    const empty: ir.Expr = { k: "new", callee: cx.rt("Dict"), args: [] };
    params.push({ name: jsName(args.kwarg.arg), type: { k: "ref", name: "Dict", args: [{ k: "keyword", name: "string" }, ANY], runtime: true }, default: empty });
  }
  return params;
}

/** `x: int = None` (CPython 3.11 adds no Optional): the TS type admits the default. */
function withNoneDefault(type: ir.TsType, def: py.Expr): ir.TsType {
  // (`node: Node = ...`: the Ellipsis marks "not given", a value of no annotated type)
  if (def._type === "Constant" && def.value.kind === "Ellipsis") return ANY;
  const isNone = def._type === "Constant" && def.value.kind === "None";
  if (!isNone || type.k === "any" || type.k === "unknown") return type;
  if (type.k === "union" && type.types.some((t) => t.k === "keyword" && t.name === "null")) return type;
  if (type.k === "keyword" && type.name === "null") return type;
  return { k: "union", types: [type, { k: "keyword", name: "null" }] };
}

export function refersToItself(scope: Scope, name: string): boolean {
  const visit = (s: Scope): boolean => s.loads.has(name) || s.children.some(visit);
  return visit(scope);
}

/** Does the code read `self.<attr>` (a method calling itself: `self.height(node.left)`)? */
function readsSelfAttribute(node: unknown, selfName: string, attr: string): boolean {
  if (Array.isArray(node)) return node.some((n) => readsSelfAttribute(n, selfName, attr));
  if (node === null || typeof node !== "object") return false;
  const n = node as { _type?: string; attr?: unknown; value?: { _type?: string; id?: unknown } };
  if (n._type === "Attribute" && n.attr === attr && n.value?._type === "Name" && n.value.id === selfName) return true;
  for (const value of Object.values(node)) {
    if (value !== null && typeof value === "object" && readsSelfAttribute(value, selfName, attr)) return true;
  }
  return false;
}

/**
 * The JS function for a def. `selfName` is set for methods, whose first parameter is bound
 * to `this` instead of being a JS parameter.
 */
export function lowerDef(
  cx: LowerContext,
  s: py.FunctionDef | py.AsyncFunctionDef,
  method: { selfParam: boolean; classMethod?: boolean; staticMethod?: boolean; isConstructor?: boolean } | null = null,
): FunctionShape {
  const scope = cx.scopeOf(s);
  const isCoroutine = s._type === "AsyncFunctionDef";
  const isGenerator = scope.isGenerator && !isCoroutine;
  const isAsyncGenerator = scope.isGenerator && isCoroutine;
  // (a generator whose body waits, in a threaded program: an async generator, waiting-iterators.ts)
  const waitingGenerator = isGenerator && cx.waitingGenerators.has(s);
  const jsAsync = cx.blockingFunctions.has(s) || waitingGenerator;
  const setup: ir.Stmt[] = [];
  const prologue: ir.Stmt[] = [];

  let args = s.args;
  let selfName: string | null = null;
  if (method?.selfParam) {
    const positional = [...args.posonlyargs, ...args.args];
    const first = positional[0];
    if (!first) return cx.unsupported(s, "a method without a self parameter");
    selfName = first.arg;
    args = { ...args, posonlyargs: args.posonlyargs.slice(args.posonlyargs.length ? 1 : 0), args: args.posonlyargs.length ? args.args : args.args.slice(1) };
    // A classmethod that adds attributes to its class sees the class untyped (TS knows its statics only).
    const untyped = method.classMethod === true && storesAttributeOf(s.body, selfName);
    prologue.push({ k: "decl", kind: "const", name: jsName(selfName), init: { k: "this" }, ...(untyped ? { type: ANY } : {}) });
  }
  const params = lowerParams(cx, s.name, args, setup, prologue, method ? methodObject(cx, s, method) : { k: "id", name: jsName(s.name) }, method?.selfParam ? 1 : 0);
  keepRebindable(prologue, params, scope, [selfName, s.args.vararg?.arg ?? null, s.args.kwarg?.arg ?? null]);
  if (method?.selfParam && !method.classMethod && !method.isConstructor && requiresMoreThanOthers(cx, s)) {
    const required = params.filter((p) => !p.rest && p.default === undefined);
    if (required.every((p) => p.type === undefined || p.type.k === "any")) for (const p of required) p.optional = true;
  }
  const returnHint = s.returns ? lowerType(cx, s.returns) : ANY;

  const state = cx.newFunctionState(scope, { coroutine: isCoroutine, generator: isGenerator || isAsyncGenerator, jsAsync });
  state.selfName = selfName;
  state.classMethod = method?.classMethod ?? false;
  state.returnsNothing = method?.isConstructor === true || s.decorator_list.some((d) => d._type === "Attribute" && (d.attr === "setter" || d.attr === "deleter"));
  if (method?.isConstructor === true && s.name === "__init__") state.initOf = currentClass(cx)?.name;
  for (const a of [...s.args.posonlyargs, ...s.args.args, ...s.args.kwonlyargs]) state.declared.add(a.arg);
  if (s.args.vararg) state.declared.add(s.args.vararg.arg);
  if (s.args.kwarg) state.declared.add(s.args.kwarg.arg);

  const intCopy = (): ir.Stmt[] => intArgumentsCopy(cx, s, state, params, method?.selfParam === true, method?.isConstructor === true);
  if (isCoroutine || isGenerator) {
    // The Python body runs inside a generator that the coroutine/generator object drives.
    const inner = lowerFunctionBody(cx, state, s.body);
    if (isGenerator) inner.unshift(...intCopy());
    // `Coroutine<null>` for `async def f() -> None`: its body returns None explicitly.
    if (isCoroutine && !isAsyncGenerator && s.returns && mayFallOffEnd(s.body)) inner.push({ k: "return", arg: { k: "null" } });
    if (!waitingGenerator) {
      // `new PyGenerator(f$1(self, x), "f")` (a coroutine: `new Coroutine(f$1(x), "f", 12)`, an
      // async generator: `new AsyncGenerator_(f$1(x), "f")`) with the body one `function*`
      // declared beside the def (setup): a generator function made per call costs V8 a new
      // hidden class (its own initial map) per generator, and a closure per call besides.
      // Declared in the def's own scope, the body sees the same enclosing variables; it takes
      // the def's parameters and what the prologue binds (`self`, the `*args` tuple) as its own.
      const bodyName = `${jsName(s.name)}$${++cx.hoistedCount}`;
      const passed: ir.Param[] = [
        ...prologue.flatMap((st): ir.Param[] => (st.k === "decl" && typeof st.name === "string" ? [{ name: st.name, type: ANY }] : [])),
        ...params.filter((p) => !p.rest).map((p): ir.Param => ({ name: p.name, type: p.type ?? ANY })),
      ];
      const call: ir.Expr = { k: "call", callee: { k: "id", name: bodyName }, args: passed.map((p): ir.Expr => ({ k: "id", name: p.name })) };
      const name: ir.Expr = { k: "str", value: qualname(scope) };
      // A simple generator body is a state machine instead (generator-machines.ts): the body
      // function returns its step closure.
      const machine = isGenerator && scope.delegates !== true ? generatorMachine(inner, passed) : null;
      if (machine !== null) {
        setup.push({ k: "function", fn: { name: bodyName, params: passed, body: machine, generator: false, async: false, returnType: { k: "ref", name: "GeneratorMachine", args: [], runtime: true } } });
        const make: ir.Expr = { k: "call", callee: cx.rt("machineGenerator"), args: [call, name] };
        const returnType: ir.TsType = { k: "ref", name: "PyGenerator", args: [ANY, ANY], runtime: true };
        return { fn: { name: jsName(s.name), params, returnType, body: [...prologue, { k: "return", arg: make }], generator: false, async: false }, setup };
      }
      setup.push({
        k: "function",
        fn: { name: bodyName, params: passed, body: inner, generator: true, async: false, returnType: { k: "ref", name: "Generator", args: [ANY, ANY, ANY] } },
      });
      // A coroutine also knows the line its code starts at (CPython's co_firstlineno: the first
      // decorator's line), which a task's repr shows.
      const firstLine: ir.Expr = { k: "num", value: s.decorator_list[0]?.lineno ?? s.lineno };
      const made = isAsyncGenerator ? "AsyncGenerator_" : isCoroutine ? "Coroutine" : "PyGenerator";
      // A generator whose body holds `yield from` is told so: its steps make it the running body,
      // which `yield from` reads to record its delegate (gi_yieldfrom); the others skip that.
      const args = isCoroutine && !isAsyncGenerator ? [call, name, firstLine] : isGenerator && scope.delegates === true ? [call, name, { k: "bool", value: true } as ir.Expr] : [call, name];
      const make: ir.Expr = { k: "new", callee: cx.rt(made), args };
      const returnType: ir.TsType = isAsyncGenerator
        ? { k: "ref", name: "AsyncGenerator_", args: [ANY], runtime: true }
        : isCoroutine
          ? { k: "ref", name: "Coroutine", args: [returnHint], runtime: true }
          : { k: "ref", name: "PyGenerator", args: [ANY, ANY], runtime: true };
      return { fn: { name: jsName(s.name), params, returnType, body: [...prologue, { k: "return", arg: make }], generator: false, async: false }, setup };
    }
    // A generator whose body waits (threads): an async generator function made per call.
    const body: ir.FunctionIr = { name: null, params: [], body: inner, generator: true, async: true, returnType: { k: "ref", name: "AsyncGenerator", args: [ANY, ANY, ANY] } };
    const make: ir.Expr = { k: "call", callee: cx.rt("waitingGenerator"), args: [{ k: "func", fn: body }, { k: "str", value: qualname(scope) }] };
    return { fn: { name: jsName(s.name), params, returnType: ANY, body: [...prologue, { k: "return", arg: make }], generator: false, async: false }, setup };
  }

  const body = lowerFunctionBody(cx, state, s.body, prologue);
  body.splice(prologue.length, 0, ...intCopy());
  // (a recursive def, or a method calling itself through `self`, is typed `any`: TS cannot infer it)
  const recursive = refersToItself(scope, s.name) || (selfName !== null && readsSelfAttribute(s.body, selfName, s.name));
  let returnType: ir.TsType | undefined = s.returns ? returnHint : recursive ? ANY : undefined;
  // (a JS constructor or setter returns nothing; an `__init__` kept as a method is a method)
  const accessor = method?.isConstructor === true || s.decorator_list.some((d) => d._type === "Attribute" && (d.attr === "setter" || d.attr === "deleter"));
  // A property's getter must return a value for TS too.
  const getter = s.decorator_list.some((d) => (d._type === "Name" && d.id === "property") || (d._type === "Attribute" && d.attr === "getter"));
  if (s.returns && !accessor && isStubBody(s.body) && !admitsNull(returnHint)) {
    // `def greet(self, name: str) -> str: ...` (a Protocol's or an abstract method): it declares
    // the type its overriders return; it returns None itself, as declared to TS.
    body.push({ k: "return", arg: { k: "as", expr: { k: "null" }, type: ANY } });
  } else if ((s.returns || getter) && !accessor && mayFallOffEnd(s.body)) {
    // Python returns None there; TS wants an annotated function to return explicitly.
    body.push({ k: "return", arg: { k: "null" } });
    if (s.returns && !admitsNull(returnHint)) returnType = { k: "union", types: [returnHint, { k: "keyword", name: "null" }] };
  }
  if (jsAsync) returnType = { k: "ref", name: "Promise", args: [returnType ?? ANY] };
  return { fn: { name: jsName(s.name), params, returnType, body, generator: false, async: jsAsync }, setup };
}

/**
 * `if (typeof n === "bigint" && typeof x === "number") { n = intOf(n); ...the body again... }`:
 * when the parameters the body uses as ints arrive as ints (and those it uses as floats as
 * floats), the body runs as a copy lowered with them as proven-int locals (Ints: JS numbers
 * while safe, int-facts.ts) and proven-float ones (float-facts.ts); any other arguments take
 * the general body. Empty when no parameter qualifies or the copy would prove nothing more.
 */
function intArgumentsCopy(cx: LowerContext, s: py.FunctionDef | py.AsyncFunctionDef, general: FunctionState, params: ir.Param[], skipSelf: boolean, isConstructor: boolean): ir.Stmt[] {
  const generalInts = cx.within(general, () => intLocals(cx));
  const wanted = specialisableParams(cx, s, skipSelf, generalInts);
  if (wanted === null) return [];
  // (A parameter with a TS type other than any cannot hold the Int.)
  const untyped = new Set(params.filter((p) => p.type === undefined || p.type.k === "any").map((p) => p.name));
  const state = cx.newFunctionState(general.scope, { coroutine: general.coroutine, generator: general.generator, jsAsync: general.jsAsync });
  state.selfName = general.selfName;
  state.classMethod = general.classMethod;
  state.returnsNothing = general.returnsNothing;
  state.initOf = general.initOf;
  for (const a of [...s.args.posonlyargs, ...s.args.args, ...s.args.kwonlyargs]) state.declared.add(a.arg);
  if (s.args.vararg) state.declared.add(s.args.vararg.arg);
  if (s.args.kwarg) state.declared.add(s.args.kwarg.arg);
  state.intParams = new Set(wanted.ints.filter((p) => untyped.has(jsName(p))));
  state.floatParams = new Set(wanted.floats.filter((p) => untyped.has(jsName(p))));
  const provenInts = cx.within(state, () => intLocals(cx));
  const provenFloats = cx.within(state, () => floatLocals(cx));
  const ints = [...state.intParams].filter((p) => provenInts.has(p));
  const floats = [...state.floatParams].filter((p) => provenFloats.has(p));
  if (ints.length + floats.length === 0) return [];
  // The copy pays when it runs more natively in a loop (more proven locals, or such a
  // parameter used there), or when the body is straight-line arithmetic.
  const generalFloats = cx.within(general, () => floatLocals(cx));
  const grows = [...provenInts].some((n) => !generalInts.has(n) && !ints.includes(n)) || [...provenFloats].some((n) => !generalFloats.has(n) && !floats.includes(n));
  if (wanted.loops && !wanted.inLoops && !grows) return [];
  // Only the parameters the copy relies on are checked (the others are then not assumed).
  state.intParams = new Set(ints);
  state.floatParams = new Set(floats);
  state.intFacts = undefined;
  state.floatFacts = undefined;
  const id = (p: string): ir.Expr => ({ k: "id", name: jsName(p) });
  const typeTest = (p: string, type: string): ir.Expr => ({ k: "binary", op: "===", left: { k: "unary", op: "typeof", arg: id(p) }, right: { k: "str", value: type } });
  const test = [...ints.map((p) => typeTest(p, "bigint")), ...floats.map((p) => typeTest(p, "number"))].reduce((a, b) => ({ k: "logical", op: "&&", left: a, right: b }));
  const convert = ints.map((p): ir.Stmt => ({ k: "expr", expr: { k: "assign", op: "=", target: id(p), value: { k: "call", callee: cx.rt("intOf"), args: [id(p)] } } }));
  const body = lowerFunctionBody(cx, state, s.body);
  // (Falling off its end returns what the general body's end returns: None, explicitly where
  // TS wants a value, see lowerDef.)
  const accessor = isConstructor || s.decorator_list.some((d) => d._type === "Attribute" && (d.attr === "setter" || d.attr === "deleter"));
  const getter = s.decorator_list.some((d) => (d._type === "Name" && d.id === "property") || (d._type === "Attribute" && d.attr === "getter"));
  const explicit = !general.generator && (s.returns !== null || getter) && !accessor;
  if (mayFallOffEnd(s.body)) body.push({ k: "return", arg: explicit ? { k: "null" } : null });
  return [{ k: "if", test, then: [...convert, ...body], else: null }];
}

/**
 * Does a method require more positional arguments than the method of that name in one of its
 * class's module base classes (TS refuses an override that takes more)?
 */
function requiresMoreThanOthers(cx: LowerContext, s: py.FunctionDef | py.AsyncFunctionDef): boolean {
  if (s.decorator_list.length) return false;
  const cls = currentClass(cx);
  return cls !== null && baseRequiresFewer(cx, cls, s.name, requiredCount(s), 0);
}

function baseRequiresFewer(cx: LowerContext, cls: py.ClassDef, name: string, count: number, depth: number): boolean {
  if (depth > 32) return false;
  return cls.bases.some((b) => {
    const known = b._type === "Name" ? cx.knownBinding(b.id) : null;
    if (known?.k !== "class" || known.def === cls) return false;
    const def = [...known.def.body].reverse().find((st): st is py.FunctionDef => st._type === "FunctionDef" && st.name === name && st.decorator_list.length === 0);
    return def ? requiredCount(def) < count : baseRequiresFewer(cx, known.def, name, count, depth + 1);
  });
}

function requiredCount(s: py.FunctionDef | py.AsyncFunctionDef): number {
  return s.args.posonlyargs.length + s.args.args.length - s.args.defaults.length;
}

/** A body of only a docstring, `...` or `pass`: a declaration, not an implementation. */
function isStubBody(body: py.Stmt[]): boolean {
  const isStub = (st: py.Stmt): boolean =>
    st._type === "Pass" || (st._type === "Expr" && st.value._type === "Constant" && (st.value.value.kind === "Ellipsis" || st.value.value.kind === "str"));
  return body.length > 0 && body.every(isStub);
}

/** Can control reach the end of a body (its last statement is no return, raise or endless loop)? */
function mayFallOffEnd(body: py.Stmt[]): boolean {
  const last = body[body.length - 1];
  if (last === undefined) return true;
  if (last._type === "Return" || last._type === "Raise") return false;
  if (last._type === "While" && last.test._type === "Constant" && last.test.value.kind === "bool" && last.test.value.value === true) return false;
  if (last._type === "If") return mayFallOffEnd(last.body) || mayFallOffEnd(last.orelse);
  return true;
}

function admitsNull(t: ir.TsType): boolean {
  if (t.k === "any" || (t.k === "keyword" && t.name === "null")) return true;
  return t.k === "union" && t.types.some(admitsNull);
}

/** Apply decorators innermost first: `@a @b def f` is `a(b(f))`. */
export function decorate(cx: LowerContext, decorators: py.Expr[], value: ir.Expr): ir.Expr {
  return decorators.reduceRight<ir.Expr>((inner, d) => {
    // A class used as a decorator (`@CountCalls`) is constructed, not called as a JS function.
    // A decorator factory's result (`@tag("p")`) may be an object with `__call__`, such as a
    // context manager used as a decorator: called the way Python calls any object.
    if ((d._type === "Name" && cx.knownBinding(d.id)?.k === "class") || d._type === "Call") {
      return { k: "call", callee: cx.rt("callValue"), args: [lowerExpr(cx, d), inner], loc: cx.loc(d) };
    }
    return { k: "call", callee: lowerExpr(cx, d), args: [inner], loc: cx.loc(d) };
  }, value);
}

export function lowerLambda(cx: LowerContext, e: py.Lambda): ir.Expr {
  const scope = cx.scopeOf(e);
  const setup: ir.Stmt[] = [];
  const prologue: ir.Stmt[] = [];
  // `lambda: (yield)` is a generator function, like a def whose body yields
  const isGenerator = scope.isGenerator;
  // (a module that writes `f.__defaults__`: the lambda is a named function its defaults read through)
  const selfName = cx.writesDefaults && !isGenerator ? cx.temp("lambda_") : null;
  const params = lowerParams(cx, "lambda", e.args, setup, prologue, selfName === null ? null : { k: "id", name: selfName });
  keepRebindable(prologue, params, scope, [e.args.vararg?.arg ?? null, e.args.kwarg?.arg ?? null]);
  // In a threaded program a lambda whose body waits is async: its callers await it.
  const waits = !isGenerator && lambdaWaits(cx, e);
  const state = cx.newFunctionState(scope, { coroutine: false, generator: isGenerator, jsAsync: waits });
  for (const p of [...e.args.posonlyargs, ...e.args.args]) state.declared.add(p.arg);
  const body = cx.within(state, () => lowerExpr(cx, e.body));
  let lambda: ir.Expr;
  if (isGenerator) {
    const decls: ir.Stmt[] = state.temps.map((name) => ({ k: "decl", kind: "let", name, type: ANY }));
    const gen: ir.FunctionIr = {
      name: null, params: [], body: [...decls, { k: "return", arg: body }], generator: true, async: false,
      returnType: { k: "ref", name: "Generator", args: [ANY, ANY, ANY] },
    };
    const make: ir.Expr = { k: "call", callee: cx.rt("generator"), args: [{ k: "func", fn: gen }, { k: "str", value: qualname(scope) }] };
    lambda = { k: "arrow", params, body: [...prologue, { k: "return", arg: make }], loc: cx.loc(e) };
  } else if (state.temps.length || prologue.length) {
    const decls: ir.Stmt[] = state.temps.map((name) => ({ k: "decl", kind: "let", name, type: ANY }));
    lambda = { k: "arrow", params, body: [...prologue, ...decls, { k: "return", arg: body }], loc: cx.loc(e), ...(waits ? { async: true } : {}) };
  } else lambda = { k: "arrow", params, body, loc: cx.loc(e), ...(waits ? { async: true } : {}) };
  if (selfName !== null && lambda.k === "arrow") {
    const statements: ir.Stmt[] = Array.isArray(lambda.body) ? lambda.body : [{ k: "return", arg: lambda.body }];
    lambda = { k: "func", fn: { name: selfName, params, body: statements, generator: false, async: waits, returnType: ANY }, loc: cx.loc(e) };
  }
  const sig = describeSignature(e.args);
  if (sig.vararg !== null || sig.kwonly.length || sig.kwarg !== null) {
    // `*a`, keyword-only and `**k` parameters bind through the runtime, as for a def.
    lambda = { k: "call", callee: cx.rt("keywords"), args: [lambda, signatureSpec(sig), { k: "str", value: qualname(scope) }] };
  }
  // A lambda is a function object too: `<lambda>`, its signature checked on dynamic calls.
  lambda = { k: "call", callee: cx.rt("pyDef"), args: [lambda, { k: "str", value: qualname(scope) }, signatureSpec(sig), { k: "num", value: e.lineno }] };
  // (what `inspect.signature` reads: the positional and keyword-only defaults)
  const { defaults: lambdaDefaults, kwdefaults } = parameterDefaults(params, e.args);
  const lambdaExtras: { key: string; value: ir.Expr }[] = [];
  if (cx.attributesRead.has("__defaults__") || cx.attributesRead.has("__kwdefaults__")) {
    const props: { key: string; value: ir.Expr }[] = [];
    if (lambdaDefaults.length > 0 && lambdaDefaults.length === e.args.defaults.length) props.push({ key: "defaults", value: { k: "array", elements: lambdaDefaults } });
    if (kwdefaults.length > 0) props.push({ key: "kwdefaults", value: { k: "object", props: kwdefaults } });
    if (props.length > 0) lambdaExtras.push(...props);
  }
  if (cx.attributesRead.has("__code__")) lambdaExtras.push(...closureNames(cx, scope, e.args));
  if (cx.attributesRead.has("__closure__")) {
    const readers = freeVariables(cx, scope).map((name) => ({ k: "arrow", params: [], body: cx.id(name) }) as ir.Expr);
    if (readers.length) lambdaExtras.push({ key: "closure", value: { k: "array", elements: readers } });
  }
  lambdaExtras.push(...closureVarsExtras(cx, scope, [{ _type: "Expr", value: e.body } as py.Stmt]));
  if (lambdaExtras.length > 0) lambda.args.push({ k: "object", props: lambdaExtras });
  if (setup.length === 0) return lambda;
  // Defaults are evaluated when the lambda is created: `((d) => (x, i = d) => ...)(value)`.
  const holders = setup.map((st) => (st.k === "decl" && typeof st.name === "string" ? st.name : ""));
  const values = setup.map((st) => (st.k === "decl" && st.init ? st.init : ({ k: "null" } as ir.Expr)));
  return { k: "call", callee: { k: "arrow", params: holders.map((name) => ({ name, type: ANY })), body: lambda }, args: values, loc: cx.loc(e) };
}

/** Does a body assign `name.attr = ...` anywhere (outside nested defs)? */
function storesAttributeOf(node: unknown, name: string): boolean {
  if (Array.isArray(node)) return node.some((n) => storesAttributeOf(n, name));
  if (node === null || typeof node !== "object") return false;
  const n = node as { _type?: string; ctx?: string; value?: { _type?: string; id?: string } };
  if (n._type === "FunctionDef" || n._type === "AsyncFunctionDef" || n._type === "ClassDef" || n._type === "Lambda") return false;
  if (n._type === "Attribute" && n.ctx === "Store" && n.value?._type === "Name" && n.value.id === name) return true;
  return Object.values(n).some((v) => typeof v === "object" && storesAttributeOf(v, name));
}
