// A program module's object (runtime/modules/program-modules.ts): the module registers it
// before its body runs, with a reader for each global (and a writer where the global is a
// `let`), so `m.counter += 1` in another module rebinds `counter` here; the body's end
// marks it initialised; every global is exported under its Python name for TypeScript.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { jsName } from "./names.js";
import { handlerOnly } from "./targets.js";
import { MODULE_ID, importsComputedName, specifier } from "./program-imports.js";
import { anyNode } from "../frontend/walk.js";
import { SNIPPET_SCOPE } from "./snippet.js";
import { moduleInts } from "./int-facts.js";
import { moduleFloats } from "./float-facts.js";
import { namespaceBuiltin } from "./locals.js";

const ANY: ir.TsType = { k: "any" };

/** The names a destructuring pattern declares, each recorded as assignable or not. */
function patternNames(p: ir.Pattern | ir.Expr | null | undefined, assignable: boolean, out: Map<string, boolean>): void {
  if (!p) return;
  if (p.k === "id") out.set(p.name, assignable);
  else if (p.k === "arrayPattern") {
    p.elements.forEach((e) => patternNames(e, assignable, out));
    patternNames(p.rest, assignable, out);
  }
}

/** The names a top-level statement declares, with whether JS lets them be assigned. */
function declared(stmt: ir.Stmt, out: Map<string, boolean>): void {
  if (stmt.k === "decl") {
    if (typeof stmt.name === "string") out.set(stmt.name, stmt.kind === "let");
    else patternNames(stmt.name, stmt.kind === "let", out);
  } else if (stmt.k === "function") {
    if (stmt.fn.name) out.set(stmt.fn.name, false);
  } else if (stmt.k === "class") out.set(stmt.name, false);
}

export interface ModuleGlobals {
  prologue: ir.Stmt[];
  /** the body with its top-level `const`s made `let` (another module may rebind them) */
  body: ir.Stmt[];
  exports: { local: string; exported: string }[];
}

export function modulePrologue(cx: LowerContext, body: ir.Stmt[], doc: string | null): ModuleGlobals {
  const program = cx.program!;
  const pyNames = new Map<string, string>();
  // A top-level `import math` binds no variable (the runtime import is `math`): the module
  // object's attribute reads the runtime's module.
  const runtimeModules = new Set<string>();
  for (const name of cx.moduleScope.bindings.keys()) {
    if (handlerOnly(cx.moduleScope, name)) continue;
    if (cx.isRuntimeModuleName(name)) {
      if (!(cx.moduleScope.bindings.get(name) ?? []).every((b) => b.stmt?._type === "Import" && b.topLevel)) continue;
      runtimeModules.add(name);
    }
    pyNames.set(jsName(name), name);
  }
  const declarations = new Map<string, boolean>();
  // The entry module's constants stay `const` (no other module rebinds them; V8 reads them faster).
  const rewritten = body.map((stmt): ir.Stmt => {
    const isGlobal = stmt.k === "decl" && (typeof stmt.name !== "string" || pyNames.has(stmt.name));
    const made = stmt.k === "decl" && stmt.kind === "const" && isGlobal && !program.entryOnly ? { ...stmt, kind: "let" as const } : stmt;
    declared(made, declarations);
    return made;
  });
  const accessors: ir.Expr[] = [];
  const exports: { local: string; exported: string }[] = [];
  for (const [local, pyName] of pyNames) {
    if (runtimeModules.has(pyName)) {
      accessors.push({ k: "array", elements: [{ k: "str", value: pyName }, { k: "arrow", params: [], body: cx.rt(pyName) }] });
      continue;
    }
    const assignable = declarations.get(local);
    if (assignable === undefined) continue;
    const id: ir.Expr = { k: "id", name: local };
    // A global with an int fact is an Int (a number while safe): read as the runtime's bigint;
    // one with a fact is rebound from outside only with a value of its kind (provenGlobal).
    const fact = moduleInts(cx).has(pyName) ? "int" : moduleFloats(cx).has(pyName) ? "float" : null;
    const read: ir.Expr = fact === "int" ? { k: "call", callee: cx.rt("big"), args: [id] } : id;
    const entry: ir.Expr[] = [{ k: "str", value: pyName }, { k: "arrow", params: [], body: read }];
    if (assignable) {
      const value: ir.Expr = { k: "id", name: "value" };
      const checked: ir.Expr = fact === null ? value : { k: "call", callee: cx.rt("provenGlobal"), args: [value, { k: "str", value: fact }, { k: "str", value: pyName }] };
      entry.push({ k: "arrow", params: [{ name: "value", type: ANY }], body: { k: "assign", op: "=", target: id, value: checked } });
    }
    accessors.push({ k: "array", elements: entry });
    exports.push({ local, exported: pyName });
  }
  const flags: { key: string; value: ir.Expr }[] = [];
  if (program.isPackage) flags.push({ key: "package", value: { k: "bool", value: true } });
  if (program.bundle) flags.push({ key: "bundled", value: { k: "bool", value: true } });
  if (program.bundle?.main) flags.push({ key: "main", value: { k: "bool", value: true } });
  if (doc !== null) flags.push({ key: "doc", value: { k: "str", value: doc } });
  const url: ir.Expr = program.bundle ? { k: "str", value: program.bundle.url } : { k: "member", object: { k: "importMeta" }, property: "url" };
  const args: ir.Expr[] = [{ k: "str", value: program.name }, url, { k: "object", props: flags }, { k: "array", elements: accessors }];
  if (program.bundle) args.push(bundledLoaders(cx));
  const define: ir.Expr = { k: "call", callee: cx.rt("defineModule"), args };
  return { prologue: [{ k: "decl", kind: "const", name: MODULE_ID, init: define }], body: rewritten, exports };
}

/**
 * A bundle's loaders: `[name, () => require("./m.js")]` for each program module imported. The
 * bundler sees the `require` and includes the module, initialised only when the call runs,
 * which the runtime does at the Python import (so bodies still run in CPython's order).
 */
function bundledLoaders(cx: LowerContext): ir.Expr {
  const names = new Set(cx.programImports);
  // A name computed at run time may be any module of the program's folder.
  if (importsComputedName(cx)) for (const module of cx.program!.resolver.allModules?.() ?? []) names.add(module.name);
  const loaders = [...names].map((name): ir.Expr => {
    // A module whose body awaits cannot be required: the bundler loads it with `import()`.
    const load: ir.Expr = cx.program!.resolver.awaitsAtImport?.(name)
      ? { k: "dynamicImport", specifier: specifier(cx, name) }
      : { k: "call", callee: { k: "id", name: "require" }, args: [{ k: "str", value: specifier(cx, name) }] };
    return { k: "array", elements: [{ k: "str", value: name }, { k: "arrow", params: [], body: load }] };
  });
  return { k: "array", elements: loaders };
}

/**
 * `globals()`, and `vars()`/`dir()` at the module's top level, where they mean the module's
 * namespace: the runtime makes it from the module object. Null for other calls.
 */
export function lowerNamespaceCall(cx: LowerContext, e: py.Call): ir.Expr | null {
  if (e.args.length !== 0 || e.keywords.length !== 0) return null;
  const name = namespaceBuiltin(cx, e.func);
  if (name === null) return null;
  // `vars()` / `locals()` directly in a class body: the class's namespace (writes bind class
  // attributes: the enum docs' `Period = vars()` loop).
  if ((name === "vars" || name === "locals") && cx.classBody !== null) {
    // (how many of the body's names, in the order `namespaceOrder` records, come before this call)
    const before = [...cx.classBody.bindings.values()].filter((b) => b[0] !== undefined && (b[0].line < e.lineno || (b[0].line === e.lineno && b[0].col < e.col_offset))).length;
    return { k: "call", callee: cx.rt("classNamespace"), args: before > 0 ? [{ k: "this" }, { k: "num", value: before }] : [{ k: "this" }], loc: cx.loc(e) };
  }
  if (name !== "globals" && !((name === "vars" || name === "dir" || name === "locals") && cx.fn.scope === cx.moduleScope)) return null;
  // Code run by eval/exec: the namespaces it was given (runtime/lang/eval-exec.ts).
  if (cx.snippet) return { k: "call", callee: cx.rt(name === "globals" ? "snippetGlobals" : name === "dir" ? "snippetDir" : "snippetLocals"), args: [{ k: "id", name: SNIPPET_SCOPE }], loc: cx.loc(e) };
  if (!cx.program) return cx.unsupported(e, `${name}() in a lone file: convert it as a program's module (pyts run, pyts build) so it has a module object`);
  return { k: "call", callee: cx.rt(name === "dir" ? "dir" : "moduleNamespace"), args: [{ k: "id", name: MODULE_ID }], loc: cx.loc(e) };
}

/**
 * Does the module ask for its namespace (`globals()`, or `vars()`/`dir()` without arguments),
 * or reach module objects by name (`sys.modules`, `importlib.import_module`, `__import__`), so
 * it may read its own functions as values? Then even the entry's globals must all be
 * module-object attributes that writes rebind.
 */
export function usesNamespace(body: readonly py.Stmt[]): boolean {
  return anyNode(body, (n) => {
    if (n._type === "Call") {
      const call = n;
      const callee = call.func._type === "Name" ? call.func.id : call.func._type === "Attribute" ? call.func.attr : "";
      if (call.func._type === "Name" && NAMESPACE_READERS.has(callee) && call.args.length === 0) return true;
      if (MODULE_FINDERS.has(callee)) return mayNameMain(call.args[0]);
      // `sys.modules.get(name)`, `sys.modules.values()` (not `sys.modules.get("json")`)
      if (call.func._type === "Attribute" && isSysModules(call.func.value)) return !KEYED_LOOKUPS.has(callee) || mayNameMain(call.args[0]);
      return false;
    }
    // a global named in a string ("__main__.Filter" for logging.config): found through the module
    if (n._type === "Constant" && n.value.kind === "str" && DOTTED_MAIN_NAME.test(n.value.value)) return true;
    // `sys.modules[__name__]` (not `sys.modules["json"]`; `"x" in sys.modules` reads no module)
    return n._type === "Subscript" && isSysModules(n.value) && mayNameMain(n.slice);
  });
}

/** A string naming a global of the main module by its dotted path (`ext://` as logging.config writes it). */
export const DOTTED_MAIN_NAME = /^(?:ext:\/\/)?__main__\.([A-Za-z_]\w*)$/;

const KEYED_LOOKUPS = new Set(["get", "pop", "setdefault", "__getitem__"]);

function isSysModules(e: py.Expr): boolean {
  return e._type === "Attribute" && e.attr === "modules" && e.value._type === "Name" && e.value.id === "sys";
}

/** A module name that may be the main module's: anything but a string naming another one. */
function mayNameMain(e: py.Expr | undefined): boolean {
  return e === undefined || e._type !== "Constant" || e.value.kind !== "str" || e.value.value === "__main__";
}

const NAMESPACE_READERS = new Set(["globals", "vars", "dir", "locals"]);
const MODULE_FINDERS = new Set(["import_module", "__import__"]);

/** The body ran to its end: the module is no longer partially initialised. */
export function moduleEpilogue(cx: LowerContext): ir.Stmt[] {
  return [{ k: "expr", expr: { k: "call", callee: cx.rt("moduleReady"), args: [{ k: "id", name: MODULE_ID }] } }];
}

/** Does the statement await at the module's top level (outside any function)? */
function awaitsAtTop(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(awaitsAtTop);
  if (node === null || typeof node !== "object") return false;
  const k = (node as { k?: string }).k;
  if (k === "await") return true;
  if (k === "func" || k === "arrow" || k === "function" || k === "class" || k === "classExpr") return false;
  return Object.values(node).some((v) => typeof v === "object" && awaitsAtTop(v));
}

/**
 * A module whose only top-level awaits are in a final `if __name__ == "__main__":` block
 * runs that block's branches as async functions: the module then has no top-level await, so
 * another module can import it (a synchronous require), and as the entry it runs as before
 * (its body ends with the block; a failure reaches the entry's uncaught-exception handler).
 * Returns whether top-level awaits remain; when none do, each branch ends with `tail`.
 */
export function deferMainBlock(body: ir.Stmt[], last: ir.Stmt | undefined, tail: ir.Stmt[] = []): boolean {
  const index = last ? body.lastIndexOf(last) : -1;
  if (index < 0 || last!.k !== "if" || body.some((s, i) => i !== index && awaitsAtTop(s))) return body.some(awaitsAtTop);
  // `tail` ends a branch that runs deferred (what ends the module's code, after the block's).
  const run = (stmts: ir.Stmt[]): ir.Stmt[] =>
    awaitsAtTop(stmts) ? [{ k: "expr", expr: { k: "call", callee: { k: "arrow", params: [], body: [...stmts, ...tail], async: true }, args: [] } }] : [...stmts, ...tail];
  body[index] = { ...last!, then: run(last!.then), else: last!.else && run(last!.else) };
  return false;
}
