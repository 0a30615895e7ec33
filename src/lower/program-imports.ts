// Imports of the program's own modules (a transpile() caller says which module it converts
// and which modules the program has). Emitted code asks the runtime to import them at the
// point the Python statement runs (runtime/modules/program-modules.ts): `import a.b` is
// `importModule($module, [["a", "./a/__init__.js"], ["a.b", "./a/b.js"]])`.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { bindName } from "./targets.js";
import { delegate } from "./coroutines.js";
import { syntacticThreadSwitch, threadUse, type ThreadUse } from "./thread-switches.js";

/** What the caller knows about the program's modules. */
export interface ProgramResolver {
  /** the program module (or package) of this dotted name, if there is one */
  find(name: string): { isPackage: boolean } | null;
  /** the names `from name import *` binds (its `__all__`, else its public globals) */
  starNames?(name: string): readonly string[] | null;
  /** does importing the module run an event loop at its top level (see awaitsAtImport)? */
  awaitsAtImport?(name: string): boolean;
  /** the module-level functions of the module whose calls wait (they reach a blocking call) */
  blockingFunctions?(name: string): readonly string[] | null;
  /** the names of the module's methods whose calls wait */
  blockingMethods?(name: string): readonly string[] | null;
  /** the module-level generator functions of the module whose body waits (threads: async iterators) */
  waitingGenerators?(name: string): readonly string[] | null;
  /**
   * The names of the methods whose calls wait in any module of the programs this module is part
   * of: an object reaches code that never imported its class's module (made by a factory in one
   * module, used in another).
   */
  programBlockingMethods?(name: string): readonly string[] | null;
  /**
   * The threads the programs holding this module use (thread-switches.ts `threadUse` of some
   * module of theirs), or null: a module that never imports threading still waits at the switch
   * points when it runs in a threaded program (its functions are called from threads).
   */
  programThreads?(name: string): ThreadUse | null;
  /** does some module of the programs holding this module import inspect (so every one of them carries its source)? */
  programImportsInspect?(name: string): boolean;
  /** every module of the program's folder (a bundle holds them all when some name is computed) */
  allModules?(): readonly { name: string }[];
}

/** The module being converted, in its program. */
export interface ProgramModuleInfo {
  /** the dotted name (`pkg.sub`; `pkg` for `pkg/__init__.py`) */
  name: string;
  isPackage: boolean;
  resolver: ProgramResolver;
  /** the module only ever runs as the program's entry (no other module sees its defs) */
  entryOnly?: boolean;
  /** the module is bundled (pyts/esbuild): see ModuleOptions.bundle in transpile.ts */
  bundle?: BundleInfo;
}

export interface BundleInfo {
  /** the URL the module reports (its source's place) instead of the bundle's import.meta.url */
  url: string;
  /** the module is the bundle's entry point, so it runs as `__main__` */
  main?: boolean;
}

/** The emitted name of the module object (`$` cannot start a Python name). */
export const MODULE_ID = "$module";
const moduleId: ir.Expr = { k: "id", name: MODULE_ID };

/** The module's path inside the program's tree, without extension. */
function modulePath(name: string, isPackage: boolean): string[] {
  const parts = name.split(".");
  return isPackage ? [...parts, "__init__"] : parts;
}

/** The specifier an ES import of `target` uses from the module being converted. */
export function specifier(cx: LowerContext, target: string): string {
  const program = cx.program!;
  const from = modulePath(program.name, program.isPackage).slice(0, -1);
  const to = modulePath(target, program.resolver.find(target)?.isPackage ?? false);
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = from.length - common;
  const rest = to.slice(common).join("/") + ".js";
  return up === 0 ? `./${rest}` : "../".repeat(up) + rest;
}

/** Is `name` (or the package it starts with) one of the program's modules? */
export function isProgramModule(cx: LowerContext, name: string): boolean {
  return cx.program !== null && cx.program.resolver.find(name.split(".")[0]!) !== null;
}

/**
 * `importModule($module, chain)` for `a.b.c`: each prefix with its specifier. A module whose
 * body awaits (its top level runs an event loop) cannot load synchronously: where the emitted
 * code can wait (module level, a function made async), the import is
 * `await importModuleAsync($module, chain)`, whose entries for such modules carry
 * `() => import(specifier)` (a coroutine awaits that promise); a class body's awaits run after
 * the class is made (class-awaits.ts). A plain generator cannot wait: a conversion error.
 */
function importCall(cx: LowerContext, at: py.Span, name: string, bindTop = false): ir.Expr {
  const parts = name.split(".");
  const chain: ir.Expr[] = [];
  let awaits = false;
  // A coroutine waits as for any promise (the body then meets the running loop, as in CPython).
  const canAwait = cx.fn.coroutine || (!cx.fn.generator && (cx.fn.jsAsync || cx.fn.scope === cx.moduleScope));
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join(".");
    if (!cx.program!.resolver.find(prefix)) return cx.unsupported(at, `import of module '${name}': no module named '${prefix}' in the program`);
    cx.programImports.add(prefix);
    const entry: ir.Expr[] = [{ k: "str", value: prefix }, { k: "str", value: specifier(cx, prefix) }];
    if (cx.program!.resolver.awaitsAtImport?.(prefix)) {
      // A generator's `next()` answers at once: it cannot wait for such a body to run (unless
      // the module's own top level imported it first, so the import finds it loaded).
      if (!canAwait && !importedAtTop(cx, prefix)) return cx.unsupported(at, `import of module '${prefix}' (its top level runs an event loop) inside a generator`);
      if (canAwait) {
        awaits = true;
        entry.push({ k: "arrow", params: [], body: { k: "dynamicImport", specifier: specifier(cx, prefix) } });
      }
    }
    chain.push({ k: "array", elements: entry });
  }
  const args: ir.Expr[] = [moduleId, { k: "array", elements: chain }];
  if (bindTop) args.push({ k: "bool", value: true });
  if (!awaits) return { k: "call", callee: cx.rt("importModule"), args, loc: cx.loc(at) };
  if (cx.fn.coroutine) return delegate(cx, "await_", { k: "call", callee: cx.rt("importModuleAsync"), args, loc: cx.loc(at) }, cx.loc(at));
  if (cx.fn.scope === cx.moduleScope) cx.topLevelAwait = true;
  return { k: "await", arg: { k: "call", callee: cx.rt("importModuleAsync"), args, loc: cx.loc(at) }, loc: cx.loc(at) };
}

/** Does a module-level import statement (not in a block) import `name` or a submodule of it? */
function importedAtTop(cx: LowerContext, name: string): boolean {
  const within = (m: string): boolean => m === name || m.startsWith(`${name}.`);
  return [...cx.moduleScope.bindings.values()].some((list) =>
    list.some(({ stmt, topLevel }) => topLevel && ((stmt?._type === "Import" && stmt.names.some((a) => within(a.name))) || (stmt?._type === "ImportFrom" && stmt.level === 0 && within(stmt.module ?? "")))),
  );
}

/** `import a.b` (binds `a`) and `import a.b as s` (binds the submodule). */
export function lowerProgramImport(cx: LowerContext, s: py.Import, alias: py.Alias): ir.Stmt {
  const bound = alias.asname ?? alias.name.split(".")[0]!;
  const bindTop = !alias.asname && alias.name.includes(".");
  return bindName(cx, bound, importCall(cx, alias, alias.name, bindTop), cx.loc(s));
}

/** `from ..pkg import x`'s absolute module name, resolved by package; null when there is no such package. */
export function relativeModuleName(program: ProgramModuleInfo, s: py.ImportFrom): string | null {
  const packageParts = program.isPackage ? program.name.split(".") : program.name.split(".").slice(0, -1);
  if (program.entryOnly || s.level - 1 >= packageParts.length) return null;
  return [...packageParts.slice(0, packageParts.length - (s.level - 1)), ...(s.module ? [s.module] : [])].join(".");
}

/** The absolute name of an import-from's module, or a located error for a relative import CPython refuses. */
export function absoluteModule(cx: LowerContext, s: py.ImportFrom): string {
  if (s.level === 0) return s.module ?? "";
  const program = cx.program;
  const name = program && relativeModuleName(program, s);
  if (name !== null && name !== undefined) return name;
  const hasPackage = program && !program.entryOnly && (program.isPackage || program.name.includes("."));
  return cx.unsupported(s, hasPackage ? "relative import beyond top-level package" : "relative import with no known parent package");
}

/** `from module import a, b as c, *` for a program module. */
export function lowerProgramImportFrom(cx: LowerContext, s: py.ImportFrom, module: string): ir.Stmt[] {
  const out: ir.Stmt[] = [];
  const call = importCall(cx, s, module);
  const resolver = cx.program!.resolver;
  const names: { name: string; asname: string | null; star: boolean; at: py.Span }[] = [];
  for (const alias of s.names) {
    if (alias.name !== "*") {
      names.push({ name: alias.name, asname: alias.asname, star: false, at: alias });
      continue;
    }
    const star = resolver.starNames?.(module) ?? cx.unsupported(alias, `'from ${module} import *' (its names are not known)`);
    for (const name of star) names.push({ name, asname: null, star: true, at: alias });
  }
  // One name reads from the import call itself; several from a temporary holding the module.
  let source: ir.Expr = call;
  if (names.length !== 1) {
    const temp = cx.temp("module");
    cx.fn.temps.push(temp);
    out.push({ k: "expr", expr: { k: "assign", op: "=", target: { k: "id", name: temp }, value: call }, loc: cx.loc(s) });
    source = { k: "id", name: temp };
  }
  for (const { name, asname, star, at } of names) {
    const args: ir.Expr[] = [moduleId, source, { k: "str", value: name }];
    const sub = `${module}.${name}`;
    if (!star && resolver.find(sub)) {
      args.push({ k: "str", value: specifier(cx, sub) });
      cx.programImports.add(sub);
      // A submodule whose body awaits is imported (and awaited) first; importFrom then finds it.
      const early = resolver.awaitsAtImport?.(sub) ? importCall(cx, at, sub) : null;
      if (early?.k === "await" || early?.k === "yield") out.push({ k: "expr", expr: early, loc: cx.loc(s) });
    }
    out.push(bindName(cx, asname ?? name, { k: "call", callee: cx.rt("importFrom"), args, loc: cx.loc(at) }, cx.loc(s)));
  }
  return out;
}

const computedImporters = new WeakSet<LowerContext>();

/** Does the module call importlib.import_module with a name known only at run time? */
export function importsComputedName(cx: LowerContext): boolean {
  return computedImporters.has(cx);
}

/**
 * `importlib.import_module("pkg.mod")` with a literal name: the module joins the program's
 * import graph (so `pyts run` converts it), though the call resolves it at run time.
 */
export function noteDynamicImport(cx: LowerContext, e: py.Call): void {
  // unittest's `loader.discover(...)` imports the test files it finds by name.
  if (cx.program && e.func._type === "Attribute" && e.func.attr === "discover") computedImporters.add(cx);
  // The builtin `__import__(name, ..., fromlist, level)`: a name and level known at run time.
  if (cx.program && e.func._type === "Name" && e.func.id === "__import__" && cx.resolve("__import__") === null) computedImporters.add(cx);
  if (!cx.program || e.func._type !== "Attribute" || e.func.attr !== "import_module") return;
  if (e.func.value._type !== "Name" || !cx.isRuntimeModuleName(e.func.value.id) || e.func.value.id !== "importlib") return;
  const [arg, pkg] = e.args;
  if (arg?._type !== "Constant" || arg.value.kind !== "str") {
    computedImporters.add(cx);
    return;
  }
  let name = arg.value.value;
  // `import_module(".beta", "plugins")`: relative to the literal package.
  const level = name.length - name.replace(/^\.+/, "").length;
  if (level > 0) {
    if (pkg?._type !== "Constant" || pkg.value.kind !== "str") {
      computedImporters.add(cx);
      return;
    }
    const base = pkg.value.value.split(".");
    name = [...base.slice(0, base.length - (level - 1)), ...(name.slice(level) ? [name.slice(level)] : [])].join(".");
  }
  const parts = name.split(".");
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join(".");
    if (cx.program.resolver.find(prefix)) cx.programImports.add(prefix);
  }
}

/** `if __name__ == "__main__":` */
export function isMainGuard(s: py.Stmt | undefined): boolean {
  if (s?._type !== "If" || s.test._type !== "Compare") return false;
  const { left, ops, comparators } = s.test;
  const right = comparators[0];
  return left._type === "Name" && left.id === "__name__" && ops.length === 1 && ops[0] === "Eq" && right?._type === "Constant" && right.value.kind === "str" && right.value.value === "__main__";
}

type Waits = (node: py.Call | py.Import | py.ImportFrom) => boolean;

/** Does `node` hold a call or import `blocking` accepts, outside functions (a class body runs; its methods do not)? */
function callsAtTop(node: unknown, blocking: Waits): boolean {
  if (Array.isArray(node)) return node.some((n) => callsAtTop(n, blocking));
  if (node === null || typeof node !== "object") return false;
  const type = (node as { _type?: string })._type;
  if (type === "FunctionDef" || type === "AsyncFunctionDef" || type === "Lambda") return callsAtTop((node as py.FunctionDef).decorator_list ?? [], blocking);
  if ((type === "Call" || type === "Import" || type === "ImportFrom") && blocking(node as py.Call | py.Import | py.ImportFrom)) return true;
  return Object.values(node).some((v) => typeof v === "object" && callsAtTop(v, blocking));
}

/**
 * The program modules an import statement loads (`import a.b` loads `a` and `a.b`; `from p
 * import m` loads `p` and, when it is one, the submodule `p.m`), by dotted name.
 */
export function importedModules(program: Pick<ProgramModuleInfo, "name" | "isPackage" | "entryOnly">, s: py.Import | py.ImportFrom, find: (name: string) => unknown): string[] {
  const prefixes = (name: string): string[] => name.split(".").map((_, i, parts) => parts.slice(0, i + 1).join("."));
  const found: string[] = [];
  if (s._type === "Import") {
    for (const alias of s.names) found.push(...prefixes(alias.name));
  } else {
    const module = s.level === 0 ? s.module : relativeModuleName({ ...program, resolver: { find: () => null } }, s);
    if (!module) return [];
    found.push(...prefixes(module));
    for (const alias of s.names) if (alias.name !== "*") found.push(`${module}.${alias.name}`);
  }
  return found.filter((name) => find(name) !== null && find(name) !== undefined);
}

/** Does the statement import a program module whose body awaits (see awaitsAtImport)? */
export function importAwaits(cx: LowerContext, s: py.Import | py.ImportFrom): boolean {
  const program = cx.program;
  if (!program?.resolver.awaitsAtImport) return false;
  return importedModules(program, s, (name) => program.resolver.find(name)).some((name) => program.resolver.awaitsAtImport!(name));
}

/** What the syntax tells of a module's waits: its body's, and its functions'. */
export interface ModuleWaits {
  /** importing the module waits (see awaitsAtImport) */
  atImport: boolean;
  /** the module-level functions whose calls wait (they reach a blocking call) */
  functions: ReadonlySet<string>;
  /** the names of methods of its classes whose calls wait (a call `x.name()` is awaited, as within a module) */
  methods: ReadonlySet<string>;
  /** its module-level generator functions whose body waits */
  generators: ReadonlySet<string>;
}

/** How the syntax analysis learns of other modules: the module an import names, and whether a function of it waits. */
export interface OtherModules {
  /** the absolute module of an import-from (null when there is none), and whether it is a program module */
  moduleOf?(s: py.ImportFrom): string | null;
  isModule?(name: string): boolean;
  /** does calling `name` of program module `module` wait? */
  functionWaits?(module: string, name: string): boolean;
  /** the names of waiting methods of the modules this one imports */
  importedMethods?(): ReadonlySet<string>;
  /** the threads of the program (its thread switch points wait), or null */
  threads?(): ThreadUse | null;
}

/**
 * Does running the module's body wait for an event loop: `asyncio.run(...)`,
 * `loop.run_until_complete(...)`, `loop.run_forever()`, an import of a module that waits
 * (`importAwaits`), or a module-level function reaching one, outside a final
 * `if __name__ == "__main__":` block (which pyts runs as a deferred async function)? Such a
 * module's emitted code awaits at its top level, so its importers wait for it (an
 * `import()`), and they wait in turn. Read from the syntax, before the module is converted.
 */
export function awaitsAtImport(module: py.Module, importWaits: (s: py.Import | py.ImportFrom) => boolean = () => false): boolean {
  return moduleWaits(module, importWaits).atImport;
}

/**
 * The module's waits, read from the syntax: its top level's (awaitsAtImport) and its
 * module-level functions' (a call of one from another module is awaited: blocking.ts). Calls
 * of other modules' functions count through `others` (`import m; m.f()`, `from m import f`).
 */
export function moduleWaits(module: py.Module, importWaits: (s: py.Import | py.ImportFrom) => boolean = () => false, others: OtherModules = {}): ModuleWaits {
  const defs = new Map<string, py.FunctionDef>();
  for (const s of module.body) if (s._type === "FunctionDef") defs.set(s.name, s);
  const imported = importBindings(module, others);
  const asyncio = asyncioRunNames(module);
  const blockingDefs = new Set<string>();
  const blockingMethods = new Set<string>(others.importedMethods?.() ?? []);
  const methods: py.FunctionDef[] = [];
  for (const s of module.body) if (s._type === "ClassDef") for (const m of s.body) if (m._type === "FunctionDef") methods.push(m);
  const elsewhere = (moduleName: string | undefined, name: string): boolean => moduleName !== undefined && others.functionWaits?.(moduleName, name) === true;
  const threads = threadUse(module) ?? others.threads?.() ?? null;
  const blocking: Waits = (node) => {
    if (node._type !== "Call") return importWaits(node);
    const call = node;
    const f = call.func;
    if (threads !== null && syntacticThreadSwitch(call, threads.futures) !== null) return true;
    if (f._type === "Attribute") {
      if (f.attr === "run_until_complete" || f.attr === "run_forever" || (f.attr === "run" && f.value._type === "Name" && (f.value.id === "asyncio" || asyncio.aliases.has(f.value.id)))) return true;
      if (blockingMethods.has(f.attr)) return true;
      const dotted = dottedName(f.value);
      return dotted !== null && elsewhere(moduleOfDotted(dotted, imported.modules, others), f.attr);
    }
    if (f._type !== "Name") return false;
    if (blockingDefs.has(f.id)) return true;
    if (asyncio.runs.has(f.id) && !defs.has(f.id)) return true;
    const from = imported.names.get(f.id);
    return !defs.has(f.id) && from !== undefined && elsewhere(from[0], from[1]);
  };
  // Functions that reach a blocking call, to a fixed point.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, def] of defs) {
      if (!blockingDefs.has(name) && !isGeneratorDef(def) && callsAtTop(def.body, blocking)) {
        blockingDefs.add(name);
        changed = true;
      }
    }
    for (const def of methods) {
      if (!blockingMethods.has(def.name) && !isGeneratorDef(def) && callsAtTop(def.body, blocking)) {
        blockingMethods.add(def.name);
        changed = true;
      }
    }
  }
  const body = isMainGuard(module.body.at(-1)) ? module.body.slice(0, -1) : module.body;
  const own = new Set(methods.filter((m) => blockingMethods.has(m.name)).map((m) => m.name));
  const generators = new Set([...defs].filter(([, def]) => threads !== null && isGeneratorDef(def) && callsAtTop(def.body, blocking)).map(([name]) => name));
  return { atImport: callsAtTop(body, blocking), functions: blockingDefs, methods: own, generators };
}

/** A generator's body runs at each `next()`, not at its call: calling one never waits. */
function isGeneratorDef(def: py.FunctionDef): boolean {
  let found = false;
  const visit = (node: unknown): void => {
    if (found || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const type = (node as { _type?: string })._type;
    if (type === "FunctionDef" || type === "AsyncFunctionDef" || type === "Lambda" || type === "ClassDef") return;
    if (type === "Yield" || type === "YieldFrom") found = true;
    else Object.values(node).forEach(visit);
  };
  def.body.forEach(visit);
  return found;
}

/** `a.b.c` as text, or null for another expression. */
function dottedName(e: py.Expr): string | null {
  if (e._type === "Name") return e.id;
  if (e._type !== "Attribute") return null;
  const head = dottedName(e.value);
  return head === null ? null : `${head}.${e.attr}`;
}

/** The program module a dotted name reaches through the module's imports (`s` of `import a.b as s`; `a.b` of `import a.b`). */
function moduleOfDotted(dotted: string, modules: Map<string, string>, others: OtherModules): string | undefined {
  const [head, ...rest] = dotted.split(".");
  const bound = modules.get(head!);
  if (bound === undefined) return undefined;
  const name = [bound, ...rest].join(".");
  return others.isModule?.(name) ? name : undefined;
}

/** The names the module's imports bind anywhere in it (scopes not told apart): to modules, and to names of modules. */
/** The names an import statement anywhere in the module binds to asyncio (`import asyncio as aio`) and to asyncio.run (`from asyncio import run`, `*`). */
function asyncioRunNames(module: py.Module): { aliases: Set<string>; runs: Set<string> } {
  const aliases = new Set<string>();
  const runs = new Set<string>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const s = node as py.Stmt;
    if (s._type === "Import") {
      for (const a of s.names) if (a.name === "asyncio" && a.asname) aliases.add(a.asname);
      return;
    }
    if (s._type === "ImportFrom") {
      if (s.level === 0 && s.module === "asyncio") for (const a of s.names) if (a.name === "run" || a.name === "*") runs.add(a.name === "*" ? "run" : (a.asname ?? "run"));
      return;
    }
    Object.values(node).forEach(visit);
  };
  visit(module.body);
  return { aliases, runs };
}

function importBindings(module: py.Module, others: OtherModules): { modules: Map<string, string>; names: Map<string, [string, string]> } {
  const modules = new Map<string, string>();
  const names = new Map<string, [string, string]>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const s = node as py.Stmt;
    if (s._type === "Import") {
      for (const a of s.names) {
        if (a.asname) modules.set(a.asname, a.name);
        else modules.set(a.name.split(".")[0]!, a.name.split(".")[0]!);
      }
      return;
    }
    if (s._type === "ImportFrom") {
      const from = s.level === 0 ? s.module : (others.moduleOf?.(s) ?? null);
      if (from === null || !others.isModule?.(from)) return;
      for (const a of s.names) {
        if (a.name === "*") continue;
        const bound = a.asname ?? a.name;
        if (others.isModule(`${from}.${a.name}`)) modules.set(bound, `${from}.${a.name}`);
        else names.set(bound, [from, a.name]);
      }
      return;
    }
    Object.values(node).forEach(visit);
  };
  visit(module.body);
  return { modules, names };
}
