// The blocking-call analysis. `loop.run_until_complete(...)`, `loop.run_forever()` and
// `asyncio.run(...)` return promises in the runtime (Node's loop must keep turning), so every
// function that can reach one becomes `async` and its calls are awaited; module code uses
// top-level `await`.
import type * as py from "../frontend/ast.js";
import type { LowerContext } from "./context.js";
import type { Scope } from "./scope.js";
import { childExprs } from "./scope.js";
import { absoluteModule, importAwaits, importedModules } from "./program-imports.js";
import { inMultipleInheritance } from "./mro.js";
import { collectCallbackLambdas, functionWaits, noteThreadHelpers, threadEntryCallsUnknown, noteWaitingComparisons, waitingCallbackCall } from "./waiting-callbacks.js";
import { iterationWaits, noteWaitingMethod, waitsImplicitly } from "./implicit-waits.js";
import { importedName, mayWait, moduleName, switchingWith, threadSwitch, threadUse } from "./thread-switches.js";
import { REPLAYED_DUNDERS, truthReplays } from "./replay-waits.js";
import { mayHoldWaitingGenerator } from "./waiting-generators.js";

const BLOCKING_METHODS = new Set(["run_until_complete", "run_forever"]);
// A socketserver/http.server loop: the runtime's is async (its handlers may wait for threads),
// so the program waits for it even without threads (`httpd.serve_forever()` at module level).
const SERVER_LOOP_METHODS = new Set(["serve_forever", "handle_request"]);

/** The `def` statement a called name refers to, if it is one. */
function calledDef(cx: LowerContext, name: string, from: Scope): py.FunctionDef | py.AsyncFunctionDef | null {
  const scope = cx.resolve(name, from);
  const bindings = scope?.bindings.get(name);
  if (!bindings || bindings.length !== 1) return null;
  const stmt = bindings[0]!.stmt;
  return stmt && (stmt._type === "FunctionDef" || stmt._type === "AsyncFunctionDef") ? stmt : null;
}

/** The `class` statement a called name refers to, if it is one. */
function calledClass(cx: LowerContext, name: string, from: Scope): py.ClassDef | null {
  const scope = cx.resolve(name, from);
  const bindings = scope?.bindings.get(name);
  if (!bindings || bindings.length !== 1) return null;
  const stmt = bindings[0]!.stmt;
  return stmt?._type === "ClassDef" ? stmt : null;
}

/**
 * Does making an instance of the class wait (its `__init__`, its own or the nearest base's
 * among the module's classes, reaches a thread switch)? Then the class call is awaited.
 */
export function constructionWaits(cx: LowerContext, cls: py.ClassDef, depth = 0): boolean {
  if (depth > 32) return false;
  const init = [...cls.body].reverse().find((s): s is py.FunctionDef => s._type === "FunctionDef" && s.name === "__init__");
  if (init !== undefined) return cx.blockingFunctions.has(init);
  for (const base of cls.bases) {
    if (base._type !== "Name") continue;
    const def = calledClass(cx, base.id, cx.moduleScope);
    if (def !== null && constructionWaits(cx, def, depth + 1)) return true;
  }
  return false;
}

/** Is the call a class call whose `__init__` waits? */
export function constructsWaiting(cx: LowerContext, e: py.Call, from: Scope): boolean {
  if (cx.threads === null || e.func._type !== "Name") return false;
  const cls = calledClass(cx, e.func.id, from);
  return cls !== null && constructionWaits(cx, cls);
}

/**
 * `super().__init__(...)` or `Base.__init__(self, ...)`: does the base's `__init__` wait?
 * null when the lowering cannot tell which class's it is.
 */
function initCallWaits(cx: LowerContext, f: py.Attribute, from: Scope): boolean | null {
  const v = f.value;
  if (v._type === "Name") {
    const cls = calledClass(cx, v.id, from);
    return cls === null ? null : constructionWaits(cx, cls);
  }
  if (v._type !== "Call" || v.func._type !== "Name" || v.func.id !== "super" || v.args.length > 0) return null;
  let scope: Scope | null = from;
  while (scope !== null && scope.kind !== "class") scope = scope.parent;
  const known = scope?.parent === cx.moduleScope ? cx.known.get(scope.name) : undefined;
  // (in a hierarchy with several bases, the next class of the MRO is known at run time only)
  if (known?.k !== "class" || inMultipleInheritance(cx, known.def)) return null;
  return known.def.bases.some((b) => b._type === "Name" && calledClass(cx, b.id, cx.moduleScope) !== null && constructionWaits(cx, calledClass(cx, b.id, cx.moduleScope)!));
}

/** Does the call run an event loop (`asyncio.run`, `run_until_complete`, `run_forever`)? */
export function runsLoop(cx: LowerContext, e: py.Call, from: Scope): boolean {
  const f = e.func;
  return isAsyncioRun(cx, f, from) || (f._type === "Attribute" && BLOCKING_METHODS.has(f.attr));
}

/**
 * Is the callee asyncio.run: `asyncio.run`, `aio.run` after `import asyncio as aio`, or a name
 * bound by `from asyncio import run` (`as name`) or `from asyncio import *`?
 */
export function isAsyncioRun(cx: LowerContext, f: py.Expr, from: Scope): boolean {
  if (f._type === "Attribute") {
    if (f.attr !== "run" || f.value._type !== "Name") return false;
    const id = f.value.id;
    if (id === "asyncio") return true;
    const stmt = importBinding(cx, id, from);
    return stmt?._type === "Import" && stmt.names.some((a) => a.name === "asyncio" && a.asname === id);
  }
  if (f._type !== "Name") return false;
  const stmt = importBinding(cx, f.id, from);
  return stmt?._type === "ImportFrom" && stmt.level === 0 && stmt.module === "asyncio" && stmt.names.some((a) => (a.name === "run" && (a.asname ?? a.name) === f.id) || (a.name === "*" && f.id === "run"));
}

export function isBlockingCall(cx: LowerContext, e: py.Call, from: Scope): boolean {
  const f = e.func;
  if (isAsyncioRun(cx, f, from)) return true;
  if (waitingKey(cx, e, from)) return true;
  if (waitingCallbackCall(cx, e, from) !== null) return true;
  if (f._type === "Attribute") {
    if (BLOCKING_METHODS.has(f.attr)) return true;
    if (SERVER_LOOP_METHODS.has(f.attr) && e.args.length <= 1 && e.keywords.every((k) => k.arg === "poll_interval")) return true;
    if (f.attr === "test" && moduleName(cx, f.value) === "http.server") return true;
    if (f.attr === "__init__" && cx.threads !== null) {
      const init = initCallWaits(cx, f, from);
      if (init !== null) return init;
    }
    if (cx.threads !== null && threadSwitch(cx, e, f, from) !== null) return true;
    if (cx.blockingMethodNames.has(f.attr)) return true;
    const module = programModuleOf(cx, f.value, from);
    return module !== null && otherModuleWaits(cx, module, f.attr);
  }
  if (f._type === "Name") {
    if (cx.threads !== null && threadSwitch(cx, e, f, from) !== null) return true;
    const runtimeFunction = importedName(cx, f.id, from);
    if (runtimeFunction !== null && runtimeFunction[0] === "http.server" && runtimeFunction[1] === "test") return true;
    const def = calledDef(cx, f.id, from);
    if (def !== null) return cx.blockingFunctions.has(def);
    const lambda = cx.threads !== null ? calledLambda(cx, f.id, from) : null;
    if (lambda !== null && lambdaWaits(cx, lambda)) return true;
    const cls = calledClass(cx, f.id, from);
    if (cls !== null) return cx.threads !== null && constructionWaits(cx, cls);
    const imported = importedFunction(cx, f.id, from);
    if (imported !== null) return otherModuleWaits(cx, imported[0], imported[1]);
    // (a value the lowering cannot see through may be an instance whose `__call__` waits)
    return cx.threads !== null && cx.blockingMethodNames.has("__call__") && cx.resolve(f.id, from) !== null && importBinding(cx, f.id, from) === null;
  }
  return false;
}

/**
 * Does a lambda wait, so that it becomes async (its callers await it)? In a threaded program,
 * a `key=` lambda of sorted/min/max whose body reaches a thread switch, or a lambda that
 * sleeps. Others stay plain functions: the runtime calls callbacks for their value at once.
 */
export function lambdaWaits(cx: LowerContext, e: py.Lambda): boolean {
  if (cx.threads === null) return false;
  const scope = cx.scopeOf(e);
  if (cx.keyLambdas.has(e)) return exprBlocks(cx, e.body, scope);
  if (lambdasInProgress.has(e)) return false;
  lambdasInProgress.add(e);
  try {
    const stack: py.Expr[] = [e.body];
    for (let x = stack.pop(); x; x = stack.pop()) {
      if (x._type === "Lambda") continue;
      if (x._type === "Call" && threadSwitch(cx, x, x.func, scope) === "sleep") return true;
      // (a comprehension whose items or iteration wait runs as an awaited async generator)
      if (isComprehension(x) && exprBlocks(cx, x, cx.scopeOf(x))) return true;
      // (a call of a name bound to a lambda that waits)
      if (x._type === "Call" && x.func._type === "Name" && calledLambda(cx, x.func.id, scope) !== null && isBlockingCall(cx, x, scope)) return true;
      stack.push(...childExprs(x));
    }
    return false;
  } finally {
    lambdasInProgress.delete(e);
  }
}

/** Lambdas whose waiting is being decided (a lambda calling itself by name does not recurse). */
const lambdasInProgress = new Set<py.Lambda>();

/** The lambda a called name refers to (`f = lambda ...`, bound once), if it is one. */
function calledLambda(cx: LowerContext, name: string, from: Scope): py.Lambda | null {
  const bindings = cx.resolve(name, from)?.bindings.get(name);
  if (!bindings || bindings.length !== 1) return null;
  const stmt = bindings[0]!.stmt;
  if (stmt?._type !== "Assign" || stmt.targets.length !== 1 || stmt.targets[0]!._type !== "Name" || stmt.targets[0]!.id !== name) return null;
  return stmt.value._type === "Lambda" ? stmt.value : null;
}

/**
 * `sorted(xs, key=lambda x: ...)`, `min`/`max` likewise, where the key waits (a lambda whose
 * body does, or a function that does): the call runs through `withWaitingKey`, which awaits
 * each key in turn, and is awaited.
 */
export function waitingKey(cx: LowerContext, e: py.Call, from: Scope): boolean {
  if (cx.threads === null || e.func._type !== "Name" || !["sorted", "min", "max"].includes(e.func.id)) return false;
  if (cx.resolve(e.func.id, from)?.bindings.has(e.func.id)) return false; // a name of the program's own
  const key = e.keywords.find((k) => k.arg === "key")?.value;
  if (key === undefined) return false;
  if (key._type === "Lambda") return lambdaWaits(cx, key);
  if (key._type === "Name") {
    const def = calledDef(cx, key.id, from);
    return def !== null && cx.blockingFunctions.has(def);
  }
  return key._type === "Call" && functionWaits(cx, key, from);
}

/**
 * In a program using threads, a call of a value the lowering cannot see through (a parameter,
 * a loop variable, `handlers[k]()`) may return a waiting function's promise: where the
 * function can wait anyway, it waits for it (no function becomes async for it).
 */
export function callsUnknownFunction(cx: LowerContext, e: py.Call, from = cx.fn.scope): boolean {
  if (cx.threads === null) return false;
  const f = e.func;
  if (f._type === "Subscript") return true;
  if (f._type !== "Name") return false;
  const scope = cx.resolve(f.id, from);
  const bindings = scope?.bindings.get(f.id);
  if (!bindings || bindings.length === 0) return false;
  return !bindings.some((b) => {
    const t = b.stmt?._type;
    return t === "FunctionDef" || t === "AsyncFunctionDef" || t === "ClassDef" || t === "Import" || t === "ImportFrom";
  });
}

/** Does calling `name` of the program module `module` wait (its function reaches a blocking call)? */
function otherModuleWaits(cx: LowerContext, module: string, name: string): boolean {
  return cx.program?.resolver.blockingFunctions?.(module)?.includes(name) === true;
}

/** The one import statement binding `name` where it is read, if that is how it is bound. */
function importBinding(cx: LowerContext, name: string, from: Scope): py.Import | py.ImportFrom | null {
  const bindings = cx.resolve(name, from)?.bindings.get(name);
  if (!bindings || bindings.length !== 1) return null;
  const stmt = bindings[0]!.stmt;
  return stmt && (stmt._type === "Import" || stmt._type === "ImportFrom") ? stmt : null;
}

/** The program module an expression names through an import (`m`, `s` of `import a.b as s`, `a.b` of `import a.b`), or null. */
function programModuleOf(cx: LowerContext, e: py.Expr, from: Scope): string | null {
  if (!cx.program) return null;
  const parts: string[] = [];
  let head = e;
  while (head._type === "Attribute") {
    parts.unshift(head.attr);
    head = head.value;
  }
  if (head._type !== "Name") return null;
  const stmt = importBinding(cx, head.id, from);
  let base: string | null = null;
  if (stmt?._type === "Import") {
    const alias = stmt.names.find((a) => (a.asname ?? a.name.split(".")[0]) === head.id);
    if (alias) base = alias.asname ? alias.name : head.id;
  } else if (stmt?._type === "ImportFrom") {
    const alias = stmt.names.find((a) => (a.asname ?? a.name) === head.id);
    if (alias) base = `${absoluteModule(cx, stmt)}.${alias.name}`;
  }
  if (base === null) return null;
  const name = [base, ...parts].join(".");
  return cx.program.resolver.find(name) ? name : null;
}

/** `[module, name]` for a name bound by `from module import name` of a program module, or null. */
function importedFunction(cx: LowerContext, name: string, from: Scope): [string, string] | null {
  if (!cx.program) return null;
  const stmt = importBinding(cx, name, from);
  if (stmt?._type !== "ImportFrom") return null;
  const alias = stmt.names.find((a) => (a.asname ?? a.name) === name);
  if (!alias) return null;
  const module = absoluteModule(cx, stmt);
  return cx.program.resolver.find(module) ? [module, alias.name] : null;
}

/** Find every `def` that reaches a blocking call, to a fixed point. */
export function analyzeBlocking(cx: LowerContext, module: py.Module): void {
  cx.moduleBody = module.body;
  // Methods of the imported program modules' classes that wait: their calls are awaited here too.
  const program = cx.program;
  if (program?.resolver.blockingMethods) {
    for (const s of importStatements(module.body)) {
      for (const name of importedModules(program, s, (m) => program.resolver.find(m))) {
        for (const method of program.resolver.blockingMethods(name) ?? []) cx.blockingMethodNames.add(method);
      }
    }
  }
  if (program) for (const method of program.resolver.programBlockingMethods?.(program.name) ?? []) cx.blockingMethodNames.add(method);
  // (another module's dunders that wait: the runtime helpers reaching them here run under replay)
  for (const method of cx.blockingMethodNames) if (REPLAYED_DUNDERS.has(method)) cx.replayDunders.add(method);
  // A module of a threaded program waits at the switch points even if it never imports threading.
  cx.threads = threadUse(module) ?? program?.resolver.programThreads?.(program.name) ?? null;
  if (cx.threads !== null) collectCallbackLambdas(cx, module.body);
  // (another module's generators whose body waits: what this one iterates may be one of them)
  if (cx.threads !== null && program?.resolver.waitingGenerators) {
    for (const s of importStatements(module.body)) {
      for (const name of importedModules(program, s, (m) => program.resolver.find(m))) if ((program.resolver.waitingGenerators(name)?.length ?? 0) > 0) cx.importsWaitingGenerators = true;
    }
  }
  const defs: { def: py.FunctionDef | py.AsyncFunctionDef; inClass: boolean }[] = [];
  collectDefs(module.body, false, defs);
  if (cx.threads !== null) noteThreadHelpers(cx, defs.map((d) => d.def));
  let changed = true;
  while (changed) {
    changed = false;
    for (const { def, inClass } of defs) {
      if (cx.blockingFunctions.has(def) || def._type === "AsyncFunctionDef") continue;
      if (cx.threads !== null && !mayWait(def)) continue;
      const scope = cx.scopeOf(def);
      // A generator's body runs at each next(), never at its call (its blocking calls: calls.ts);
      // in a threaded program one whose body waits is an async generator (its items awaited).
      if (scope.isGenerator) {
        if (cx.threads !== null && def._type === "FunctionDef" && !cx.waitingGenerators.has(def) && preciseBodyBlocks(cx, def.body, scope)) {
          cx.waitingGenerators.add(def);
          changed = true;
        }
        continue;
      }
      if (bodyBlocks(cx, def.body, scope) || (cx.threads !== null && threadEntryCallsUnknown(cx, def, (call, from) => callsUnknownFunction(cx, call, from)))) {
        cx.blockingFunctions.add(def);
        if (inClass) {
          cx.blockingMethodNames.add(def.name);
          noteWaitingMethod(cx, def);
        }
        changed = true;
      }
    }
  }
  if (cx.threads !== null) noteWaitingComparisons(cx, module.body);
}

function collectDefs(body: py.Stmt[], inClass: boolean, out: { def: py.FunctionDef | py.AsyncFunctionDef; inClass: boolean }[]): void {
  for (const s of body) {
    if (s._type === "FunctionDef" || s._type === "AsyncFunctionDef") {
      out.push({ def: s, inClass });
      collectDefs(s.body, false, out);
    } else if (s._type === "ClassDef") collectDefs(s.body, true, out);
    else for (const block of nestedBodies(s)) collectDefs(block, inClass, out);
  }
}

function nestedBodies(s: py.Stmt): py.Stmt[][] {
  switch (s._type) {
    case "If":
    case "While":
    case "For":
    case "AsyncFor":
      return [s.body, s.orelse];
    case "With":
    case "AsyncWith":
      return [s.body];
    case "Try":
    case "TryStar":
      return [s.body, ...s.handlers.map((h) => h.body), s.orelse, s.finalbody];
    case "Match":
      return s.cases.map((c) => c.body);
    default:
      return [];
  }
}

/** bodyBlocks for a generator's body: its loops wait only over calls of generators that wait (waiting-generators.ts). */
function preciseBodyBlocks(cx: LowerContext, body: py.Stmt[], scope: Scope): boolean {
  cx.preciseIteration = true;
  try {
    return bodyBlocks(cx, body, scope);
  } finally {
    cx.preciseIteration = false;
  }
}

/**
 * Does this body (not counting nested defs) contain a blocking call, or an import of a module
 * whose body waits? A class body runs where the class statement stands: it counts.
 */
function bodyBlocks(cx: LowerContext, body: py.Stmt[], scope: Scope): boolean {
  return body.some(
    (s) =>
      (s._type === "For" && iterationWaits(cx, s.iter)) ||
      (s._type === "Assign" && s.targets.some((t) => t._type === "Tuple" || t._type === "List") && mayHoldWaitingGenerator(cx, s.value)) ||
      ((s._type === "If" || s._type === "While" || s._type === "Assert") && truthReplays(cx)) ||
      (s._type === "With" && cx.threads !== null && s.items.some((i) => switchingWith(cx, i.context_expr))) ||
      ((s._type === "Import" || s._type === "ImportFrom") && importAwaits(cx, s)) ||
      stmtExprs(s).some((e) => exprBlocks(cx, e, scope)) ||
      nestedBodies(s).some((b) => bodyBlocks(cx, b, scope)) ||
      (s._type === "ClassDef" && bodyBlocks(cx, s.body, cx.scopeOf(s))),
  );
}

function stmtExprs(s: py.Stmt): py.Expr[] {
  switch (s._type) {
    case "Expr":
      return [s.value];
    case "Assign":
      return [s.value, ...s.targets];
    case "AugAssign":
      return [s.target, s.value];
    case "AnnAssign":
      return s.value ? [s.value] : [];
    case "Return":
      return s.value ? [s.value] : [];
    case "If":
    case "While":
      return [s.test];
    case "For":
    case "AsyncFor":
      return [s.iter];
    case "With":
    case "AsyncWith":
      return s.items.map((i) => i.context_expr);
    case "Raise":
      return [s.exc, s.cause].filter((x): x is py.Expr => x !== null);
    case "Assert":
      return [s.test];
    case "Delete":
      return s.targets;
    case "Match":
      return [s.subject];
    default:
      return [];
  }
}

/**
 * Does the expression make a blocking call, itself or in a comprehension or generator
 * expression (run at once, as an async generator the function awaits: comprehensions.ts)?
 * Lambdas run later, from their own callers.
 */
export function exprBlocks(cx: LowerContext, root: py.Expr, scope: Scope): boolean {
  // iterative: an operator chain nests as deep as it is long
  const stack = [root];
  for (let e = stack.pop(); e; e = stack.pop()) {
    if (e._type === "Lambda") continue;
    if (e._type === "Call" && isBlockingCall(cx, e, scope)) return true;
    if (waitsImplicitly(cx, e)) return true;
    if (isComprehension(e) && e.generators.some((g) => iterationWaits(cx, g.iter) || (g.ifs.length > 0 && truthReplays(cx)))) return true;
    stack.push(...[...(isComprehension(e) ? comprehensionParts(e) : childExprs(e))].reverse());
  }
  return false;
}

function isComprehension(e: py.Expr): e is py.ListComp | py.SetComp | py.DictComp | py.GeneratorExp {
  return e._type === "ListComp" || e._type === "SetComp" || e._type === "DictComp" || e._type === "GeneratorExp";
}

/** A comprehension's items, conditions and iterables. */
export function comprehensionParts(e: py.ListComp | py.SetComp | py.DictComp | py.GeneratorExp): py.Expr[] {
  const items = e._type === "DictComp" ? [e.key, e.value] : [e.elt];
  return [...e.generators.flatMap((g) => [g.iter, ...g.ifs]), ...items];
}

/** Every import statement of the module, in functions and classes too. */
function importStatements(node: unknown, into: (py.Import | py.ImportFrom)[] = []): (py.Import | py.ImportFrom)[] {
  if (node === null || typeof node !== "object") return into;
  if (Array.isArray(node)) {
    for (const n of node) importStatements(n, into);
    return into;
  }
  const s = node as py.Stmt;
  if (s._type === "Import" || s._type === "ImportFrom") into.push(s);
  else for (const v of Object.values(node)) if (typeof v === "object") importStatements(v, into);
  return into;
}
