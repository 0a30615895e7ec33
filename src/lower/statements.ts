// Statements: assignment, control flow, loops with `else`, try/except/else/finally, with,
// raise, assert, del, imports, function and class definitions.
import { lowerCountUpdate } from "./count-updates.js";
import { replayed, replays } from "./replay-waits.js";
import { awaitImplicit, iterationWaits } from "./implicit-waits.js";
import { markLazy, mayHoldWaitingGenerator, waitsForItems } from "./waiting-generators.js";
import { waitingCallbackCall } from "./waiting-callbacks.js";
import { loopIterable } from "./loop-types.js";
import { threadSwitch } from "./thread-switches.js";
import type * as py from "../frontend/ast.js";
import { unparseAnnotation } from "./unparse.js";
import type * as ir from "./ir.js";
import { type LowerContext, UnsupportedError } from "./context.js";
import { jsName } from "./names.js";
import { isExceptionClassName, lowerExpr, lowerTest } from "./expressions.js";
import { assignTarget, bindName, canLoopConst, hasStarred, lowerAugAssign, mayBeUnbound } from "./targets.js";
import { decorate, lowerDef, qualname, refersToItself } from "./functions.js";
import { functionInfo } from "./function-objects.js";
import { describeSignature, signatureSpec } from "./signatures.js";
import { lowerAsyncForHead, lowerContextManager } from "./coroutines.js";
import { lowerClass, mangle } from "./classes.js";
import { lowerImport, lowerImportFrom } from "./imports.js";
import { lowerTry, lowerTryStar } from "./exceptions.js";
import { lowerMatch } from "./match.js";
import { isCompound } from "./comments.js";
import { isFunctionReceiver } from "./attr-keys.js";
import { displayPair, intLocals, isIntExpr, isRangeCall, lowerInt, rangeLoop } from "./int-facts.js";
import { guardIterable } from "./iterable-guards.js";
import { loopFloatCopy, lowerWithFloatCopy } from "./loop-float-copies.js";

export function lowerBlock(cx: LowerContext, body: py.Stmt[]): ir.Stmt[] {
  // (what the enclosing statement's own expressions declared, `if any((x := n) ... for n in xs):`'s
  // function, goes before that statement, not into its first block)
  const enclosing = cx.fn.before.splice(0);
  const out: ir.Stmt[] = [];
  for (const s of body) {
    const leading = cx.takeComments(cx.comments.leading, s);
    const lowered = recovering(cx, () => lowerStmt(cx, s));
    if (!lowered) continue;
    const emitted = [...cx.fn.before.splice(0), ...lowered];
    for (const c of leading) {
      if (cx.comments.blankBefore.has(c)) out.push({ k: "blank" });
      out.push({ k: "comment", text: c.text });
    }
    if (emitted.length && cx.comments.blankBefore.has(s)) out.push({ k: "blank" });
    out.push(...emitted);
    // A comment after the code of a statement stays on its line (unless nothing was emitted).
    const trailing = emitted.length > 0 && !isCompound(s);
    for (const c of cx.takeComments(cx.comments.trailing, s)) out.push({ k: "comment", text: c.text, trailing });
  }
  const last = body[body.length - 1];
  for (const c of last ? cx.takeComments(cx.comments.blockEnd, last) : []) {
    if (cx.comments.blankBefore.has(c)) out.push({ k: "blank" });
    out.push({ k: "comment", text: c.text });
  }
  cx.fn.before.unshift(...enclosing);
  return out;
}

/**
 * Lowers one statement; a construct pyts refuses inside it is recorded (null), and lowering
 * goes on with the next statement, so one run reports every such error of the file.
 */
export function recovering<T>(cx: LowerContext, lower: () => T): T | null {
  const before = cx.fn.before.length;
  try {
    return lower();
  } catch (error) {
    if (!(error instanceof UnsupportedError)) throw error;
    cx.diagnostics.push(error.diagnostic);
    cx.fn.before.length = before;
    return null;
  }
}

export function lowerStmt(cx: LowerContext, s: py.Stmt): ir.Stmt[] {
  const loc = cx.loc(s);
  switch (s._type) {
    case "Expr":
      // (compile's "single" mode: CPython's PRINT_EXPR, through sys.displayhook, outside defs and classes)
      if (cx.interactive && cx.fn.scope === cx.moduleScope && cx.classBody === null) return [{ k: "expr", expr: { k: "call", callee: cx.rt("snippetDisplay"), args: [lowerExpr(cx, s.value)] }, loc }];
      if (s.value._type === "Constant" && s.value.value.kind === "str") return []; // docstring
      return [{ k: "expr", expr: lowerExpr(cx, s.value), loc }];
    case "Assign":
      return lowerAssign(cx, s);
    case "AnnAssign":
      if (!s.value) return [];
      return assignTarget(cx, s.target, lowerExpr(cx, s.value), loc, s.simple ? s.annotation : null);
    case "AugAssign":
      return lowerAugAssign(cx, s);
    case "Return":
      if (cx.fn.scope === cx.moduleScope) return cx.syntaxError(s, "'return' outside function");
      // (`return None` in an `__init__` or a setter: a JS constructor or setter returns nothing)
      if (cx.fn.returnsNothing && s.value?._type === "Constant" && s.value.value.kind === "None") return [{ k: "return", arg: null, loc }];
      // (`return 5` in an `__init__`: CPython's TypeError when the class call ran this `__init__`,
      // not a subclass's through `super().__init__()`; `return None` computed at run time leaves)
      if (cx.fn.initOf !== undefined && s.value) {
        const check: ir.Expr = { k: "call", callee: cx.rt("checkInitResult"), args: [lowerExpr(cx, s.value), { k: "newTarget" }, { k: "id", name: cx.fn.initOf }] };
        return [{ k: "expr", expr: check, loc }, { k: "return", arg: null, loc }];
      }
      return [{ k: "return", arg: s.value ? lowerReturnValue(cx, s.value) : null, loc }];
    case "If":
      return [{ k: "if", test: lowerTest(cx, s.test), then: lowerBlock(cx, s.body), else: s.orelse.length ? lowerBlock(cx, s.orelse) : null, loc }];
    case "While":
      return lowerLoop(cx, s, (body) => [{ k: "while", test: lowerTest(cx, s.test), body, loc }]);
    case "For":
      return lowerFor(cx, s);
    case "AsyncFor":
      return lowerAsyncFor(cx, s);
    case "Break": {
      const loop = cx.fn.loops[cx.fn.loops.length - 1];
      return [{ k: "break", label: loop?.breakLabel ?? undefined, loc }];
    }
    case "Continue":
      return [{ k: "continue", loc }];
    case "Pass":
    case "Global":
    case "Nonlocal":
      return [];
    case "FunctionDef":
    case "AsyncFunctionDef":
      return lowerFunctionStatement(cx, s);
    case "ClassDef":
      return lowerClass(cx, s);
    case "Import":
      return lowerImport(cx, s);
    case "ImportFrom":
      return lowerImportFrom(cx, s);
    case "Raise":
      return [{ k: "throw", arg: lowerRaised(cx, s), loc }];
    case "Try":
      return lowerTry(cx, s);
    case "TryStar":
      return lowerTryStar(cx, s);
    case "Assert": {
      // CPython's traceback points at the failed test.
      const error: ir.Expr = { k: "new", callee: cx.rt("AssertionError"), args: s.msg ? [lowerExpr(cx, s.msg)] : [], loc: cx.loc(s.test) };
      return [{ k: "if", test: { k: "unary", op: "!", arg: lowerTest(cx, s.test) }, then: [{ k: "throw", arg: error }], else: null, loc }];
    }
    case "With":
    case "AsyncWith":
      return lowerWith(cx, s, 0);
    case "Delete":
      return s.targets.map((t) => lowerDelete(cx, t));
    case "Match":
      return lowerMatch(cx, s);
  }
}

/**
 * `name = memoryview(b)` at module level: the view stays alive while the name holds it (until
 * the program ends, in CPython, unless released), so its bytearray cannot be resized.
 */
function bindsModuleView(cx: LowerContext, s: py.Assign): boolean {
  const [target] = s.targets;
  const call = s.value;
  if (target?._type !== "Name" || cx.fn.scope !== cx.moduleScope || cx.classBody !== null) return false;
  return call._type === "Call" && call.func._type === "Name" && call.func.id === "memoryview" && cx.resolve("memoryview") === null;
}

function lowerAssign(cx: LowerContext, s: py.Assign): ir.Stmt[] {
  const loc = cx.loc(s);
  const counted = lowerCountUpdate(cx, s);
  if (counted !== null) return [counted];
  const ints = intLocals(cx);
  if (ints.size > 0 && s.targets.length === 1) {
    // A proven-int local gets its value as an Int (int-facts.ts); others as usual.
    const t = s.targets[0]!;
    const valueFor = (name: string, e: py.Expr): ir.Expr => (ints.has(name) && isIntExpr(cx, e) ? lowerInt(cx, e) : lowerExpr(cx, e));
    if (t._type === "Name" && ints.has(t.id)) return assignTarget(cx, t, valueFor(t.id, s.value), loc);
    const pair = displayPair(t, s.value);
    if (pair !== null && pair.targets.some((n) => ints.has(n.id))) {
      const display: ir.Expr = { k: "call", callee: { k: "member", object: cx.rt("Tuple"), property: "of" }, args: pair.values.map((v, i) => valueFor(pair.targets[i]!.id, v)), loc: cx.loc(s.value) };
      return assignTarget(cx, t, display, loc);
    }
  }
  const unpacked = s.targets[0]!;
  const waitingItems = s.targets.length === 1 && (unpacked._type === "Tuple" || unpacked._type === "List") && waitsForItems(cx) && mayHoldWaitingGenerator(cx, s.value);
  if (waitingItems) markLazy(cx, s.value);
  let value = lowerExpr(cx, s.value);
  if (waitingItems && (unpacked._type === "Tuple" || unpacked._type === "List")) {
    // `a, b = gen` where gen's body may wait (threads): the items unpacking takes, awaited first
    const count = hasStarred(unpacked) ? -1 : unpacked.elts.length;
    value = awaitImplicit(cx, { k: "call", callee: cx.rt("waitingUnpackItems"), args: [value, { k: "num", value: count }], loc: cx.loc(s.value) }, loc);
  }
  if (s.targets.length === 1 && bindsModuleView(cx, s)) value = { k: "call", callee: cx.rt("heldView"), args: [value], loc: cx.loc(s.value) };
  if (s.targets.length === 1) return assignTarget(cx, s.targets[0]!, value, loc);
  // `a = b = value` evaluates the value once and assigns left to right.
  const tmp = cx.temp("value");
  return [{ k: "decl", kind: "const", name: tmp, init: value, loc }, ...s.targets.flatMap((t) => assignTarget(cx, t, { k: "id", name: tmp }, loc))];
}

/** `f.__annotations__ = {...}`: the def's hints as Python evaluates them. */
function annotationStatements(cx: LowerContext, s: py.FunctionDef | py.AsyncFunctionDef, jsFunction: string): ir.Stmt[] {
  // (through the runtime: a keyword-wrapped def's type has no such property)
  return [{ k: "expr", expr: { k: "call", callee: cx.rt("withAnnotations"), args: [{ k: "id", name: jsFunction }, annotationDict(cx, s)] } }];
}

/** The def's hints as a dict, in Python's order. */
export function annotationDict(cx: LowerContext, s: py.FunctionDef | py.AsyncFunctionDef): ir.Expr {
  // CPython's order (compiler_visit_annotations): the plain parameters before the positional-only ones.
  const args = [...s.args.args, ...s.args.posonlyargs, ...(s.args.vararg ? [s.args.vararg] : []), ...s.args.kwonlyargs, ...(s.args.kwarg ? [s.args.kwarg] : [])];
  const entries: ir.Arg[] = args
    .filter((a) => a.annotation)
    .map((a) => ({ k: "array", elements: [{ k: "str", value: a.arg }, annotationValue(cx, a.annotation!)] }) as ir.Expr);
  if (s.returns) entries.push({ k: "array", elements: [{ k: "str", value: "return" }, cx.futureAnnotations ? { k: "str", value: unparseAnnotation(s.returns) } : lowerExpr(cx, s.returns)] });
  return { k: "call", callee: { k: "member", object: cx.rt("Dict"), property: "of" }, args: entries };
}

/** A hint's value; `*args: *Ts` is the one item of `Ts` (CPython: `[value] = [*Ts]`). */
function annotationValue(cx: LowerContext, hint: py.Expr): ir.Expr {
  if (cx.futureAnnotations) return { k: "str", value: unparseAnnotation(hint) };
  if (hint._type !== "Starred") return lowerExpr(cx, hint);
  const items: ir.Expr = { k: "call", callee: cx.rt("unpack"), args: [lowerExpr(cx, hint.value), { k: "num", value: 1 }], loc: cx.loc(hint) };
  return { k: "index", object: items, index: { k: "num", value: 0 } };
}

/** The docstring of a def: its first statement, when that is a string (kept as written:
 * CPython 3.11 does not strip a docstring's indentation, 3.13 does). */
function docstring(body: py.Stmt[]): string | null {
  const first = body[0];
  if (first?._type === "Expr" && first.value._type === "Constant" && first.value.value.kind === "str") return first.value.value.value;
  return null;
}

/**
 * Is the def's name read where it may still be unbound (`early()` above `def early`)? Such a
 * name is a hoisted `let` that reads check, so the def assigns it instead of declaring a
 * (JS-hoisted) function of the same name.
 */
function readBeforeDef(cx: LowerContext, name: string): boolean {
  const scope = cx.fn.scope;
  return scope.lateFree?.has(name) === true || (scope.loads.get(name) ?? []).some((at) => mayBeUnbound(scope, name, at));
}

function lowerFunctionStatement(cx: LowerContext, s: py.FunctionDef | py.AsyncFunctionDef): ir.Stmt[] {
  const { fn, setup } = lowerDef(cx, s);
  const loc = cx.loc(s);
  const scope = cx.scopeOf(s);
  const bindings = cx.fn.scope.bindings.get(s.name) ?? [];
  const wrap = cx.keywordWrapped.has(s);
  const plain = !wrap && s.decorator_list.length === 0 && bindings.length === 1 && bindings[0]!.topLevel && !cx.fn.scope.globals.has(s.name) && !cx.fn.scope.nonlocals.has(s.name) && !readBeforeDef(cx, s.name);
  const doc = docstring(s.body);
  // CPython's co_firstlineno: the first decorator's line, else the def's.
  const firstLine = s.decorator_list[0]?.lineno ?? s.lineno;
  // A function used as a value records what Python shows of it (runtime/lang/functions.ts).
  // (A def star-called with a `*args` records it too: a huge call passes its rest boxed.)
  const recorded = s.decorator_list.length > 0 || cx.escapingNames.has(s.name) || spreadCallsBind(cx, s) || (s.args.vararg !== null && cx.starCalledNames.has(s.name));
  const hasHints = s.returns !== null || [...s.args.posonlyargs, ...s.args.args, s.args.vararg, ...s.args.kwonlyargs, s.args.kwarg].some((a) => a?.annotation);
  const readsHints = cx.annotationsRead.has(s.name) || (cx.attributesRead.has("__annotations__") && hasHints);
  // (a decorated def's hints are the function's, set before the decorators see it: a
  // `functools.wraps` wrapper copies them, another decorator's result has its own)
  const decorated = s.decorator_list.length > 0;
  const annotations: ir.Stmt[] = readsHints && !decorated ? annotationStatements(cx, s, fn.name!) : [];
  if (plain) {
    cx.fn.declared.add(s.name);
    const info: ir.Stmt[] = recorded ? [{ k: "expr", expr: functionInfo(cx, { k: "id", name: fn.name! }, scope, s.args, fn.params, doc, false, firstLine, s.body) }] : [];
    return [...setup, { k: "function", fn, loc }, ...info, ...annotations];
  }
  const named = refersToItself(scope, s.name);
  // A named function expression would capture its own name: recursive calls must reach the
  // decorated binding, so such a function is anonymous and named by the runtime.
  let value: ir.Expr = { k: "func", fn: named ? { ...fn, name: null } : fn };
  if (named) value = { k: "call", callee: cx.rt("pyFunction"), args: [{ k: "str", value: s.name }, value] };
  if (wrap) value = { k: "call", callee: cx.rt("keywords"), args: [value, signatureSpec(describeSignature(s.args)), { k: "str", value: qualname(scope) }] };
  if (recorded) value = functionInfo(cx, value, scope, s.args, fn.params, doc, wrap, firstLine, s.body);
  // `@f.register` (functools.singledispatch) reads the class from the def's first hint.
  if (hasHints && ((decorated && readsHints) || s.decorator_list.some((d) => d._type === "Attribute" && d.attr === "register"))) {
    value = { k: "call", callee: cx.rt("withAnnotations"), args: [value, annotationDict(cx, s)] };
  }
  // What a decorator returns is whatever it returns: the name is `any` to TypeScript.
  const type: ir.TsType | undefined = s.decorator_list.length ? { k: "any" } : undefined;
  return [...setup, bindName(cx, s.name, decorate(cx, s.decorator_list, value), loc, null, type), ...annotations];
}

/**
 * Loops with an `else` run it unless a `break` left the loop: the loop sits in a labelled
 * block, and its own breaks leave the whole block.
 */
function lowerLoop(cx: LowerContext, s: py.While | py.For | py.AsyncFor, make: (body: ir.Stmt[]) => ir.Stmt[], bodyPrefix: ir.Stmt[] = []): ir.Stmt[] {
  const label = s.orelse.length ? cx.temp("loop") : null;
  cx.fn.loops.push({ breakLabel: label });
  let body: ir.Stmt[];
  try {
    const copy = s._type === "For" ? loopFloatCopy(cx, s) : null;
    body = [...bodyPrefix, ...(copy !== null && s._type === "For" ? lowerWithFloatCopy(cx, s, copy, lowerBlock) : lowerBlock(cx, s.body))];
  } finally {
    cx.fn.loops.pop();
  }
  const loop = make(body);
  if (!label) return loop;
  return [{ k: "labeled", label, body: { k: "block", body: [...loop, ...lowerBlock(cx, s.orelse)] }, loc: cx.loc(s) }];
}

function forTarget(cx: LowerContext, target: py.Expr): { declare: "const" | null; target: string | ir.Pattern | ir.Expr; prefix: ir.Stmt[] } {
  const declare = canLoopConst(cx, target) ? "const" : null;
  // In a class body the loop variables are class attributes: bound from a fresh variable.
  if (cx.classBody) {
    const item = cx.temp("item");
    return { declare: "const", target: item, prefix: assignTarget(cx, target, { k: "id", name: item }, cx.loc(target)) };
  }
  if (target._type === "Name") return { declare, target: jsName(target.id), prefix: [] };
  // Other targets (tuples, attributes, subscripts): bind from a fresh loop variable.
  const item = cx.temp("item");
  return { declare: "const", target: item, prefix: assignTarget(cx, target, { k: "id", name: item }, cx.loc(target)) };
}

/**
 * Does the loop hold the only reference to a generator it iterates (a call of one of the
 * module's generator functions, or a generator expression)? CPython then closes it when the
 * loop is left early.
 */
export function loopOwnsGenerator(cx: LowerContext, iter: py.Expr): boolean {
  if (iter._type === "GeneratorExp") return true;
  if (iter._type !== "Call") return false;
  const f = iter.func;
  const name = f._type === "Name" ? f.id : f._type === "Attribute" ? f.attr : null;
  return name !== null && cx.generatorFunctionNames.has(name);
}

function lowerFor(cx: LowerContext, s: py.For): ir.Stmt[] {
  if (streamsResults(cx, s.iter)) return lowerResultStream(cx, s);
  // (an instance whose `__iter__`/`__next__` waits: each item awaited)
  if (iterationWaits(cx, s.iter) && (cx.fn.jsAsync || cx.fn.scope === cx.moduleScope) && !cx.fn.generator && !cx.fn.coroutine) {
    cx.awaitedIterables.add(s.iter);
    return lowerResultStream(cx, s, "waitingIterator");
  }
  if (s.target._type === "Name" && intLocals(cx).has(s.target.id) && isRangeCall(cx, s.iter)) {
    const { bind, make } = rangeLoop(cx, s, canLoopConst(cx, s.target));
    return lowerLoop(cx, s, make, [bind]);
  }
  let iter = lowerExpr(cx, s.iter);
  iter = loopOwnsGenerator(cx, s.iter) ? { k: "call", callee: cx.rt("closing"), args: [iter] } : guardIterable(cx, iter, s.iter);
  iter = loopIterable(s.target, s.iter, iter);
  const { declare, target, prefix } = forTarget(cx, s.target);
  return lowerLoop(cx, s, (body) => [{ k: "forOf", declare, target, iter, body, loc: cx.loc(s) }], prefix);
}

/**
 * `for f in as_completed(fs):` / `for r in executor.map(fn, xs):` where the loop can wait:
 * each item comes as it is ready (CPython's generators), through an async iterator:
 *   const it = threadIterator(as_completed(fs));
 *   while (true) { const step = await it.next(); if (step.done) break; f = step.value; body }
 */
function streamsResults(cx: LowerContext, iter: py.Expr): boolean {
  if (cx.threads === null || cx.fn.coroutine || cx.fn.generator) return false;
  if (!cx.fn.jsAsync && cx.fn.scope !== cx.moduleScope) return false;
  if (isSocketFile(cx, iter)) return true;
  if (iter._type !== "Call") return false;
  // (`map`/`filter` with a function that waits: each item as it comes)
  const helper = waitingCallbackCall(cx, iter, cx.fn.scope);
  if (helper === "waitingMap" || helper === "waitingFilter") return true;
  const kind = threadSwitch(cx, iter, iter.func, cx.fn.scope);
  const f = iter.func;
  const name = f._type === "Attribute" ? f.attr : f._type === "Name" ? f.id : "";
  return (kind === "call" && name !== "wait") || (kind === "method" && name === "map");
}

/**
 * `sock.makefile(...)`, or a name bound to one (`with c.makefile() as f`, `f = c.makefile()`),
 * or a child's pipe (`proc.stdout`): its lines wait for the peer.
 */
function isSocketFile(cx: LowerContext, e: py.Expr): boolean {
  const makesFile = (x: py.Expr | null | undefined): boolean => x?._type === "Call" && x.func._type === "Attribute" && x.func.attr === "makefile";
  if (makesFile(e)) return true;
  // a child's pipe: `for line in proc.stdout`
  if (e._type === "Attribute" && (e.attr === "stdout" || e.attr === "stderr") && !(e.value._type === "Name" && e.value.id === "sys")) return true;
  if (e._type !== "Name") return false;
  const bindings = cx.resolve(e.id, cx.fn.scope)?.bindings.get(e.id);
  if (!bindings || bindings.length !== 1) return false;
  const stmt = bindings[0]!.stmt;
  if (stmt?._type === "Assign") return makesFile(stmt.value);
  if (stmt?._type === "With") return stmt.items.some((i) => i.optional_vars?._type === "Name" && i.optional_vars.id === e.id && makesFile(i.context_expr));
  return false;
}

function lowerResultStream(cx: LowerContext, s: py.For, helper = "threadIterator"): ir.Stmt[] {
  const it = cx.temp("it");
  const step = cx.temp("step");
  if (cx.fn.scope === cx.moduleScope) cx.topLevelAwait = true;
  if (helper === "threadIterator") cx.streamedCalls.add(s.iter);
  const source = lowerExpr(cx, s.iter);
  const iterDecl: ir.Stmt = { k: "decl", kind: "const", name: it, init: { k: "call", callee: cx.rt(helper), args: [source] }, loc: cx.loc(s.iter) };
  const next: ir.Expr = { k: "await", arg: { k: "call", callee: { k: "member", object: { k: "id", name: it }, property: "next" }, args: [] }, loc: cx.loc(s.iter) };
  const stepStmts: ir.Stmt[] = [
    { k: "decl", kind: "const", name: step, init: next },
    { k: "if", test: { k: "member", object: { k: "id", name: step }, property: "done" }, then: [{ k: "break" }], else: null },
  ];
  const bind = assignTarget(cx, s.target, { k: "member", object: { k: "id", name: step }, property: "value" }, cx.loc(s.target));
  const loop = lowerLoop(cx, s, (body) => [{ k: "while", test: { k: "bool", value: true }, body, loc: cx.loc(s) }], [...stepStmts, ...bind]);
  return [{ k: "block", body: [iterDecl, ...loop] }];
}

function lowerAsyncFor(cx: LowerContext, s: py.AsyncFor): ir.Stmt[] {
  const { iterDecl, stepStmts, value } = lowerAsyncForHead(cx, s);
  const bind = assignTarget(cx, s.target, value, cx.loc(s.target));
  const loop = lowerLoop(cx, s, (body) => [{ k: "while", test: { k: "bool", value: true }, body, loc: cx.loc(s) }], [...stepStmts, ...bind]);
  return [{ k: "block", body: [iterDecl, ...loop] }];
}

function lowerWith(cx: LowerContext, s: py.With | py.AsyncWith, index: number): ir.Stmt[] {
  const item = s.items[index]!;
  const inner = (): ir.Stmt[] => (index + 1 < s.items.length ? lowerWith(cx, s, index + 1) : lowerBlock(cx, s.body));
  const bind = (target: py.Expr, value: ir.Expr): ir.Stmt[] => assignTarget(cx, target, value, cx.loc(target));
  const stmts = lowerContextManager(cx, item, s._type === "AsyncWith", bind, inner, cx.loc(s));
  // A block keeps the context's temporaries to this statement.
  return [{ k: "block", body: stmts, loc: cx.loc(s) }];
}

/** `ValueError(...)` or `MyError(...)`: a call that makes an exception right there. */
function constructsException(cx: LowerContext, e: py.Expr): boolean {
  return e._type === "Call" && e.func._type === "Name" && (cx.knownBinding(e.func.id)?.k === "class" || (cx.resolve(e.func.id) === null && isExceptionClassName(e.func.id)));
}

/** The exception a `raise` throws: an instance, or a class to instantiate. */
function lowerRaised(cx: LowerContext, s: py.Raise): ir.Expr {
  let exc: ir.Expr;
  if (!s.exc) {
    const caught = cx.fn.caught[cx.fn.caught.length - 1];
    if (!caught) return { k: "call", callee: cx.rt("reraiseNothing"), args: [] };
    // (it leaves the frame that caught it: its traceback grows as it goes, reraised)
    return { k: "call", callee: cx.rt("reraised"), args: [{ k: "id", name: caught }] };
  }
  // A traceback points at the whole `raise` statement, where the exception is made.
  // An exception made elsewhere (`raise make_error()`, `raise err`, `raise exc.with_traceback(tb)`)
  // has its traceback start at this raise, with any it had below (exceptionOf).
  if (constructsException(cx, s.exc)) exc = { ...lowerExpr(cx, s.exc), loc: cx.loc(s) } as ir.Expr;
  else exc = { k: "call", callee: cx.rt("exceptionOf"), args: [lowerExpr(cx, s.exc)], loc: cx.loc(s) };
  if (s.cause) {
    // (`from ValueError("...")`: an exception made there, never raised, prints without frames)
    const made = constructsException(cx, s.cause);
    exc = { k: "call", callee: cx.rt("withCause"), args: [exc, lowerExpr(cx, s.cause), ...(made ? [{ k: "bool", value: true } as ir.Expr] : [])] };
  }
  // Raised while handling another exception: that one becomes its __context__.
  const handling = cx.fn.caught[cx.fn.caught.length - 1];
  if (handling) exc = { k: "call", callee: cx.rt("withContext"), args: [exc, { k: "id", name: handling }] };
  return exc;
}

function lowerDelete(cx: LowerContext, t: py.Expr): ir.Stmt {
  const loc = cx.loc(t);
  if (t._type === "Subscript") {
    const del: ir.Expr = { k: "call", callee: cx.rt("delitem"), args: [lowerExpr(cx, t.value), lowerExpr(cx, t.slice)] };
    // (a key's `__hash__`/`__eq__` that waits: under replay)
    return { k: "expr", expr: replays(cx, t) ? replayed(cx, del) : del, loc };
  }
  if (t._type === "Attribute") return { k: "expr", expr: { k: "call", callee: cx.rt("delattr"), args: [lowerExpr(cx, t.value), { k: "str", value: mangle(cx, t.attr) }] }, loc };
  if (t._type === "Name" && cx.classBody?.bindings.has(t.id)) {
    // `del x` in a class body removes the name from the class's namespace.
    return { k: "expr", expr: { k: "call", callee: cx.rt("deleteClassName"), args: [{ k: "this" }, { k: "str", value: mangle(cx, t.id) }] }, loc };
  }
  if (t._type === "Name") {
    // The name is unbound again: reads of it check for `undefined` (see mayBeUnbound).
    return { k: "expr", expr: { k: "assign", op: "=", target: cx.id(t.id), value: { k: "id", name: "undefined" } }, loc };
  }
  if (t._type === "Tuple" || t._type === "List") return { k: "block", body: t.elts.map((x) => lowerDelete(cx, x)) };
  return cx.unsupported(t, `del of ${t._type}`);
}

/**
 * A returned value. A def that carries attributes (`acc.history = []; return acc`) leaves as
 * `any`: TS types a function declaration without them, and the caller reads `a.history`.
 */
function lowerReturnValue(cx: LowerContext, value: py.Expr): ir.Expr {
  const lowered = lowerExpr(cx, value);
  if (value._type === "Name" && cx.attributesStoredOn.has(value.id) && isFunctionReceiver(cx, value)) {
    return { k: "as", expr: lowered, type: { k: "any" } };
  }
  return lowered;
}

/** A def called with `*iterable` whose parameters a JS spread does not bind as Python would. */
export function spreadCallsBind(cx: LowerContext, s: py.FunctionDef | py.AsyncFunctionDef): boolean {
  // A `keywords(...)` wrapper binds its calls itself.
  if (!cx.starCalledNames.has(s.name) || cx.keywordWrapped.has(s)) return false;
  const a = s.args;
  return a.vararg === null || a.posonlyargs.length + a.args.length > 0;
}
