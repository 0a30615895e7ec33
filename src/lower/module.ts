// Lowering entry: Python module AST -> IR module.
import type * as py from "../frontend/ast.js";
import { futureAnnotations, withModuleAnnotations } from "./module-annotations.js";
import { forEachChild, type AnyNode } from "../frontend/walk.js";
import { type Diagnostic, DiagnosticError } from "../frontend/ast.js";
import type * as ir from "./ir.js";
import { LowerContext, UnsupportedError } from "./context.js";
import { analyzeScopes, type Scope } from "./scope.js";
import { starNames } from "./module-names.js";
import { analyzeBlocking } from "./blocking.js";
import { lowerFunctionBody } from "./functions.js";
import { lowerExpr } from "./expressions.js";
import { forwardRefStatement } from "./forward-refs.js";
import { jsName } from "./names.js";
import { BUILTIN_FUNCTIONS, RUNTIME_SUBMODULES } from "./builtins.js";
import { planComments, type SourceComment } from "./comments.js";
import { acceptsKeywords, describeSignature, varargIsRest, type Signature } from "./signatures.js";
import { isMethodAlias } from "./class-body-facts.js";
import { importsComputedName, isMainGuard, isProgramModule, relativeModuleName, type ProgramModuleInfo } from "./program-imports.js";
import { DOTTED_MAIN_NAME, deferMainBlock, moduleEpilogue, modulePrologue, usesNamespace } from "./module-object.js";
import { DOCTESTS_FUNCTION, withDoctests } from "./doctests.js";
import { importsInspect, registerSourcesArgs } from "./inspect-sources.js";
import { withTimeitStatements } from "./timeit-statements.js";
import { EVAL_RESULT, snippetNames, snippetTopLevel, type SnippetMode } from "./snippet.js";
import { withEvalNamespaces } from "./eval-calls.js";

export interface LowerOptions {
  runtimeModule: string;
  /** the module's comments, in source order, and its lines (to see blank lines) */
  comments?: SourceComment[];
  sourceLines?: string[];
  /** the module's place in a program of several modules (see program-imports.ts) */
  program?: ProgramModuleInfo;
  /** the .py file's path (doctest's `testfile("x.txt")` reads x.txt beside it) */
  filename?: string;
  /** source given to eval/exec/compile at run time (snippet.ts): its globals live in a namespace */
  snippet?: SnippetMode;
}

export function lowerModule(original: py.Module, options: LowerOptions): ir.ModuleIr {
  const importable = options.program !== undefined && !options.program.entryOnly;
  const snippet = options.snippet;
  const doctests = withDoctests(withTimeitStatements(withEvalNamespaces(withModuleAnnotations(original.body, importable))), options.filename, options.sourceLines ?? []);
  const module: py.Module = { ...original, body: doctests.body };
  // An entry that reads its namespace keeps every global on its module object (doctest's
  // finder reads the module's functions and classes).
  const program = snippet !== undefined ? null : options.program?.entryOnly && (usesNamespace(module.body) || doctests.added) ? { ...options.program, entryOnly: false } : (options.program ?? loneNamespace(module, options.filename));
  const { moduleScope, scopes } = analyzeScopes(module, (s) => (program ? programStarNames(program, s) : null) ?? starNames(s.module));
  const cx = new LowerContext(scopes, moduleScope, new Set());
  cx.program = program;
  cx.futureAnnotations = module.body.some(futureAnnotations);
  cx.snippet = snippet !== undefined;
  cx.interactive = snippet === "single";
  collectKnownBindings(cx, module);
  if (cx.program) collectProgramModuleNames(cx, module);
  collectCallFacts(cx, module);
  // Another module of the program imports inspect or calls help: it may read this one's
  // signatures, docstrings and class namespaces (as `help(x)` in this module would).
  const programInspect = cx.program?.resolver.programImportsInspect?.(cx.program.name) === true;
  if (programInspect) {
    for (const attribute of ["__defaults__", "__kwdefaults__", "__annotations__"]) cx.attributesRead.add(attribute);
    cx.readsSignatures = cx.readsDocstrings = cx.readsClassDicts = cx.documentsClasses = true;
  }
  // doctest's finder reads every function and class of the module as a value.
  if (doctests.added) for (const name of moduleScope.bindings.keys()) cx.escapingNames.add(name);
  // Another module may call this one's functions with keywords, or read them as values (the
  // program that ran a snippet, too).
  if ((cx.program && !cx.program.entryOnly) || cx.snippet) {
    cx.dynamicKeywordCalls = true;
    for (const name of moduleScope.bindings.keys()) cx.escapingNames.add(name);
    collectKeywordWrapped(cx, module, new Set(), new Set());
  }
  for (const name of userNames(cx, moduleScope)) cx.userNames.add(name);
  // A snippet reads any name it mentions from its namespace: runtime imports keep clear of them all.
  const namesInScope = cx.snippet ? snippetNames(module, cx) : null;
  if (namesInScope !== null) for (const name of namesInScope.keys()) cx.userNames.add(name);
  if (namesInScope !== null) cx.snippetPythonNames = new Set(namesInScope.values());
  cx.comments = planComments(module, options.comments ?? [], options.sourceLines ?? []);
  try {
    analyzeBlocking(cx, module);
    let body = lowerFunctionBody(cx, cx.fn, module.body);
    if (doctests.added) registerDoctests(cx, body);
    if (importsInspect(module.body) || programInspect) {
      const args = registerSourcesArgs(original.body, options.sourceLines ?? []).map((e) => lowerExpr(cx, e));
      body.unshift({ k: "expr", expr: { k: "call", callee: cx.rt("registerSources"), args } });
    }
    const forward = cx.readsTypeHints ? forwardRefStatement(cx, module) : null;
    if (forward) body.unshift(forward);
    const lastStatement = module.body.at(-1);
    // The main thread's code ends where the main module's does: the other threads run on
    // (threading's shutdown). In a program, every module of a threaded one says so (any may be
    // the entry; the call does nothing in a module imported).
    const ends: ir.Stmt[] = [];
    if (cx.threads !== null && lastStatement !== undefined) {
      const name: py.Name = { ...lastStatement, _type: "Name", id: "__name__", ctx: "Load" } as py.Name;
      ends.push({ k: "expr", expr: { k: "call", callee: cx.rt("mainThreadDone"), args: [lowerExpr(cx, name)] } });
    }
    if (cx.program && cx.topLevelAwait && isMainGuard(module.body.at(-1))) {
      const last = body.filter((st) => st.k !== "comment" && st.k !== "blank").at(-1);
      cx.topLevelAwait = deferMainBlock(body, last, ends);
    }
    // A main block run deferred ends the main thread's code itself (its branches end with it).
    if (ends.length > 0 && !holds(body, ends[0])) body.push(...ends);
    for (const c of cx.comments.moduleEnd) {
      if (cx.comments.blankBefore.has(c)) body.push({ k: "blank" });
      body.push({ k: "comment", text: c.text });
    }
    body.push(...cx.hoistedFunctions);
    body.push(...globalAccessors(cx));
    if (cx.snippet && cx.topLevelAwait) cx.diagnostics.push({ kind: "Unsupported", message: "unsupported: code run by eval/exec that runs an event loop at its top level", line: 1, col: 0 });
    if (cx.diagnostics.length > 0) throw new DiagnosticError(reported(cx.diagnostics));
    if (namesInScope !== null) {
      body = snippetTopLevel(cx, body);
      if (snippet === "eval") body.push({ k: "return", arg: { k: "id", name: EVAL_RESULT } });
    }
    let exports: ir.ModuleIr["exports"];
    if (cx.program) {
      const first = module.body[0];
      const doc = first?._type === "Expr" && first.value._type === "Constant" && first.value.value.kind === "str" ? first.value.value.value : null;
      const globals = modulePrologue(cx, body, doc);
      body = [...globals.prologue, ...globals.body, ...moduleEpilogue(cx)];
      exports = globals.exports;
    }
    return { body, exports, snippetNames: namesInScope ?? undefined, programImports: [...cx.programImports], computedImport: importsComputedName(cx), runtimeModule: options.runtimeModule, userNames: cx.userNames, topLevelAwait: cx.topLevelAwait, classMemberBlankLines: cx.comments.classMemberBlankLines };
  } catch (error) {
    if (error instanceof DiagnosticError) throw error;
    if (error instanceof UnsupportedError) throw new DiagnosticError(reported([...cx.diagnostics, error.diagnostic]));
    // lowering went on past a refused statement: what fails later may only follow from it
    if (cx.diagnostics.length > 0) throw new DiagnosticError(reported(cx.diagnostics));
    throw error;
  }
}

/**
 * A lone file that reads its namespace (`globals()`, `vars()`/`dir()` at its top level) is
 * converted as a program of one module, named after its file, so it has a module object: run
 * by node it is `__main__`; imported by a TypeScript host, it is its file's stem.
 */
function loneNamespace(module: py.Module, filename: string | undefined): ProgramModuleInfo | null {
  if (!usesNamespace(module.body)) return null;
  const stem = /([^/\\]+?)(?:\.py)?$/.exec(filename ?? "")?.[1];
  const name = stem !== undefined && /^[A-Za-z_]\w*$/.test(stem) ? stem : "__main__";
  return { name, isPackage: false, resolver: { find: () => null } };
}

/** `registerDoctests(__name__, __pyts_doctests__)` right after the function (see doctests.ts). */
function registerDoctests(cx: LowerContext, body: ir.Stmt[]): void {
  const index = body.findIndex((st) => st.k === "function" && st.fn.name === jsName(DOCTESTS_FUNCTION));
  if (index < 0) throw new Error(`internal error: ${DOCTESTS_FUNCTION} was not emitted as a function`);
  const at = { lineno: 1, col_offset: 0, end_lineno: 1, end_col_offset: 0 };
  const name: py.Name = { ...at, _type: "Name", id: "__name__", ctx: "Load" };
  const register: ir.Stmt = { k: "expr", expr: { k: "call", callee: cx.rt("registerDoctests"), args: [lowerExpr(cx, name), { k: "id", name: jsName(DOCTESTS_FUNCTION) }] } };
  body.splice(index + 1, 0, register);
}

/** The errors in source order, each once (a body lowered twice reports its errors once). */
function reported(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.line}:${d.col}:${d.kind}:${d.message}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
  return unique.sort((a, b) => a.line - b.line || a.col - b.col);
}

/** `global_x()` / `set_global_x(v)` for the globals an enclosing function's local hides. */
function globalAccessors(cx: LowerContext): ir.Stmt[] {
  const any: ir.TsType = { k: "any" };
  return [...cx.shadowedGlobals].flatMap((name): ir.Stmt[] => {
    const id: ir.Expr = { k: "id", name: jsName(name) };
    const get: ir.FunctionIr = { name: `global_${name}`, params: [], returnType: any, body: [{ k: "return", arg: id }], generator: false, async: false };
    const assign: ir.Stmt = { k: "expr", expr: { k: "assign", op: "=", target: id, value: { k: "id", name: "value" } } };
    const set: ir.FunctionIr = { name: `set_global_${name}`, params: [{ name: "value", type: any }], body: [assign], generator: false, async: false };
    return [{ k: "function", fn: get }, { k: "function", fn: set }];
  });
}

/** Module-level names bound once by an import, def or class have a static meaning. */
function collectKnownBindings(cx: LowerContext, module: py.Module): void {
  for (const s of module.body) {
    const once = (name: string): boolean => (cx.moduleScope.bindings.get(name)?.length ?? 0) === 1 && !cx.moduleScope.globals.has(name);
    // `import urllib.request` and `import urllib.error` both bind `urllib`, to the same package.
    const packageOnly = (name: string): boolean =>
      !cx.moduleScope.globals.has(name) &&
      (cx.moduleScope.bindings.get(name) ?? []).every((b) => b.stmt?._type === "Import" && b.stmt.names.some((n) => !n.asname && n.name.split(".")[0] === name));
    if (s._type === "Import") {
      for (const a of s.names) {
        if (isProgramModule(cx, a.name)) continue;
        const bound = a.asname ?? a.name.split(".")[0]!;
        if (once(bound) || (!a.asname && packageOnly(bound))) cx.known.set(bound, { k: "module", module: a.asname ? a.name : bound });
      }
    } else if (s._type === "ImportFrom" && s.level === 0 && s.module !== null && !isProgramModule(cx, s.module)) {
      // `from xml.etree import ElementTree as ET`, `from os import path`: a standard submodule.
      for (const a of s.names) {
        const bound = a.asname ?? a.name;
        if (RUNTIME_SUBMODULES.has(`${s.module}.${a.name}`) && once(bound)) cx.importedSubmodules.set(bound, `${s.module}.${a.name}`);
      }
    } else if ((s._type === "FunctionDef" || s._type === "AsyncFunctionDef") && once(s.name) && s.decorator_list.length === 0) {
      cx.known.set(s.name, { k: "function", def: s });
    } else if (s._type === "ClassDef" && once(s.name)) {
      cx.known.set(s.name, { k: "class", def: s });
    }
  }
}

/** `if __name__ == "__main__":` */
/** Names any `import` statement binds to a program module (`import m`, `from pkg import sub`). */
/** Is `target` (by identity) somewhere in `node`? */
function holds(node: unknown, target: unknown): boolean {
  if (node === target) return true;
  if (node === null || typeof node !== "object") return false;
  return Object.values(node).some((v) => typeof v === "object" && holds(v, target));
}

function collectProgramModuleNames(cx: LowerContext, module: py.Module): void {
  walk(module, (node) => {
    if (node._type === "Import") {
      for (const a of (node as py.Import).names) if (isProgramModule(cx, a.name)) cx.programModuleNames.add(a.asname ?? a.name.split(".")[0]!);
    } else if (node._type === "ImportFrom") {
      const s = node as py.ImportFrom;
      const base = s.level === 0 ? (s.module ?? "") : relativeModuleName(cx.program!, s);
      if (base !== null && isProgramModule(cx, base)) {
        for (const a of s.names) {
          if (a.name !== "*") cx.programImportedNames.add(a.asname ?? a.name);
          else for (const name of cx.program!.resolver.starNames?.(base) ?? []) cx.programImportedNames.add(name);
        }
      }
      for (const a of s.names) if (base !== null && cx.program!.resolver.find(base ? `${base}.${a.name}` : a.name)) cx.programModuleNames.add(a.asname ?? a.name);
    }
  });
}

/** The names `from m import *` binds when m is a program module. */
function programStarNames(program: ProgramModuleInfo, s: py.ImportFrom): readonly string[] | null {
  const module = s.level === 0 ? (s.module ?? "") : relativeModuleName(program, s);
  if (module === null || !program.resolver.find(module.split(".")[0]!)) return null;
  return program.resolver.starNames?.(module) ?? null;
}

/** Every JS name user code binds, so runtime imports can be aliased around them. */
function userNames(cx: LowerContext, scope: Scope): string[] {
  const names: string[] = [];
  const visit = (s: Scope): void => {
    for (const name of s.bindings.keys()) if (!(s === cx.moduleScope && cx.isRuntimeModuleName(name))) names.push(jsName(name));
    s.children.forEach(visit);
  };
  visit(scope);
  return names;
}

/**
 * Visit every statement, expression, pattern and helper node of the module, parents first,
 * through the typed child lists (not every field of every node) and with an explicit stack
 * (a long operator chain nests deeply). The order is found once per module: the collecting
 * passes before the lowering walk the same, unchanged tree several times.
 */
function walk(module: py.Module, visit: (node: { _type: string }) => void): void {
  let order = walkOrders.get(module);
  if (order === undefined) {
    order = [];
    const stack: AnyNode[] = [...module.body].reverse();
    const children: AnyNode[] = [];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      order.push(node);
      forEachChild(node, (child) => children.push(child));
      while (children.length > 0) stack.push(children.pop()!);
    }
    walkOrders.set(module, order);
  }
  for (const node of order) visit(node);
}
const walkOrders = new WeakMap<py.Module, AnyNode[]>();

/** `@property def x` / `@x.setter def x` / `@x.getter` / `@x.deleter`: an accessor, never a bound method. */
function isPropertyDef(cx: LowerContext, def: py.FunctionDef | py.AsyncFunctionDef): boolean {
  return (
    def.decorator_list.length > 0 &&
    def.decorator_list.every(
      (d) => (d._type === "Name" && d.id === "property" && cx.resolve("property") === null) || (d._type === "Attribute" && d.value._type === "Name" && (d.attr === "setter" || d.attr === "getter" || d.attr === "deleter")),
    )
  );
}

/** Facts about calls that decide which defs must accept keywords at run time. */
function collectCallFacts(cx: LowerContext, module: py.Module): void {
  const defNames = new Set<string>();
  const callees = new Set<object>();
  const starCalled = new Set<string>();
  const doubleStarCalled = new Set<string>();
  const methodSignatures = new Map<string, Signature[]>();
  const classNames = new Set<string>();
  walk(module, (node) => {
    if (node._type === "ClassDef") {
      classNames.add((node as py.ClassDef).name);
      for (const st of (node as py.ClassDef).body) {
        // (a static method takes no `self`; a class method's `cls` is bound as `self` is)
        const decorator = (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") && st.decorator_list.length === 1 && st.decorator_list[0]!._type === "Name" ? (st.decorator_list[0] as py.Name).id : null;
        const plainOrBound = (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") && (st.decorator_list.length === 0 || decorator === "staticmethod" || decorator === "classmethod");
        if (plainOrBound && !st.name.startsWith("__")) {
          methodSignatures.set(st.name, [...(methodSignatures.get(st.name) ?? []), describeSignature(st.args, decorator !== "staticmethod")]);
        }
        if (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") {
          cx.methodNames.add(st.name);
          if (!isPropertyDef(cx, st)) cx.plainMethodNames.add(st.name);
          cx.methodDefinitions.set(st.name, (cx.methodDefinitions.get(st.name) ?? 0) + 1);
        }
        if (st._type === "ClassDef") cx.nestedClassNames.add(st.name);
        if (st._type === "ClassDef") cx.classAttributeNames.add(st.name);
        if (st._type === "Assign") for (const t of st.targets) if (t._type === "Name") cx.classAttributeNames.add(t.id);
        if (st._type === "AnnAssign" && st.target._type === "Name") cx.classAttributeNames.add(st.target.id);
        // `__rmul__ = __mul__`: a method under a second name.
        if (isMethodAlias(node as py.ClassDef, st)) {
          cx.methodNames.add(((st as py.Assign).targets[0] as py.Name).id);
          cx.plainMethodNames.add(((st as py.Assign).targets[0] as py.Name).id);
        }
      }
      if (cx.methodNames.has("__call__")) cx.callableInstances = true;
    }
    if (node._type === "FunctionDef" || node._type === "AsyncFunctionDef" || node._type === "ClassDef") {
      const def = node as py.FunctionDef;
      defNames.add(def.name);
      // A decorator is called with the function: it does not escape.
      for (const d of def.decorator_list) callees.add(d);
    }
    if (node._type === "Call") {
      callees.add((node as py.Call).func);
      // `type("P", (), {"norm": norm, ...})`: the namespace's functions are methods of a class.
      const call = node as py.Call;
      const ns = call.args[2];
      if (call.func._type === "Name" && call.func.id === "type" && call.args.length === 3 && ns?._type === "Dict") {
        for (const [i, key] of ns.keys.entries()) {
          if (key?._type !== "Constant" || key.value.kind !== "str" || ns.values[i]!._type === "Constant") continue;
          cx.methodNames.add(key.value.value);
          cx.plainMethodNames.add(key.value.value);
          if (key.value.value === "__call__") cx.callableInstances = true;
        }
      }
    }
  });
  walk(module, (node) => {
    if (node._type === "Attribute" && (node as py.Attribute).attr === "__subclasses__") cx.tracksSubclasses = true;
    // sys.exc_info(), sys.exception(), logging.exception(...) / log.exception("...") (a
    // future's exception() takes no message) read the exception being handled.
    if (node._type === "Attribute" && (node as py.Attribute).attr === "exc_info") cx.tracksHandledExceptions = true;
    // traceback.print_exc() / format_exc() (also imported by name) print the handled exception.
    const readName = node._type === "Attribute" ? (node as py.Attribute).attr : node._type === "Name" ? (node as py.Name).id : "";
    if (readName === "print_exc" || readName === "format_exc") cx.tracksHandledExceptions = true;
    // inspect.getclosurevars(f) reads f's closure cells, free variable names and co_names.
    if (readName === "getclosurevars") cx.attributesRead.add("__closure__").add("co_names");
    // typing's introspection reads the hints: get_type_hints(x), TypedDict and protocol classes.
    if (HINT_READERS.has(readName)) {
      cx.attributesRead.add("__annotations__");
      cx.readsTypeHints = true;
    }
    if (node._type === "Call" && HINT_READERS.has(calleeName((node as py.Call).func)) && (node as py.Call).args[0]?._type === "Name") cx.annotationsRead.add(((node as py.Call).args[0] as py.Name).id);
    if (node._type === "Attribute" && (node as py.Attribute).attr === "exception" && (node as py.Attribute).value._type === "Name" && ["sys", "logging"].includes(((node as py.Attribute).value as py.Name).id)) cx.tracksHandledExceptions = true;
    if (node._type === "Call" && (node as py.Call).func._type === "Attribute" && ((node as py.Call).func as py.Attribute).attr === "exception" && (node as py.Call).args[0]?._type === "Constant") cx.tracksHandledExceptions = true;
    if (node._type === "Attribute" && (node as py.Attribute).attr === "__init__" && !isSuperCall((node as py.Attribute).value)) cx.callsInitExplicitly = true;
    // A dotted name in a string (`"__main__.make_handler"`, `"ext://__main__.f"`): logging.config,
    // $PYTHONBREAKPOINT and the like import the module and call what they find, with keywords.
    const named = node._type === "Constant" && (node as py.Constant).value.kind === "str" ? DOTTED_MAIN_NAME.exec(constantString(node as py.Constant)) : null;
    if (named !== null) {
      cx.escapingNames.add(named[1]!);
      cx.dynamicKeywordCalls = true;
    }
    const owner = node._type === "Attribute" ? (node as py.Attribute).value : null;
    if (owner?._type === "Name" && classNames.has(owner.id)) cx.classReadMethodNames.add((node as py.Attribute).attr);
    if (node._type === "FunctionDef" && (node as py.FunctionDef).name === "__init_subclass__") cx.tracksSubclasses = true;
    // `inspect.signature(f)` reads f's defaults and hints, as `f.__defaults__` ... do.
    // (mock's create_autospec checks calls against the signature)
    if ((node._type === "Attribute" && SIGNATURE_READERS.has((node as py.Attribute).attr)) || (node._type === "Name" && SIGNATURE_READERS.has((node as py.Name).id))) {
      for (const attribute of ["__defaults__", "__kwdefaults__", "__annotations__"]) cx.attributesRead.add(attribute);
      cx.readsSignatures = true;
    }
    // `inspect.getdoc(x)` reads docstrings as `x.__doc__` does.
    // unittest prints test docstrings; doctest runs them.
    if (node._type === "Import" && (node as py.Import).names.some((a) => a.name === "unittest" || a.name === "doctest")) cx.readsDocstrings = true;
    if (node._type === "ImportFrom" && ((node as py.ImportFrom).module === "unittest" || (node as py.ImportFrom).module === "doctest")) cx.readsDocstrings = true;
    if ((node._type === "Attribute" && (node as py.Attribute).attr === "getdoc") || (node._type === "Name" && (node as py.Name).id === "getdoc")) cx.readsDocstrings = true;
    // `help(x)` prints x's signature, docstrings and class namespace (runtime/modules/pydoc-text.ts).
    if (node._type === "Name" && (node as py.Name).id === "help") {
      for (const attribute of ["__defaults__", "__kwdefaults__", "__annotations__", "__init__"]) cx.attributesRead.add(attribute);
      cx.readsSignatures = cx.readsDocstrings = cx.readsClassDicts = cx.documentsClasses = true;
    }
    if (node._type === "Attribute" && !callees.has(node)) {
      // A method read without a call is a bound method (see RUNTIME_METHOD_NAMES).
      const attribute = node as py.Attribute;
      if (attribute.ctx === "Load") cx.boundMethodReads.add(attribute);
      if (attribute.ctx === "Load") cx.attributesRead.add(attribute.attr);
      if (attribute.attr === "__doc__") cx.readsDocstrings = true;
      if (attribute.attr === "__dict__") cx.readsDocstrings = cx.readsClassDicts = true;
      if (attribute.attr === "__annotations__" && attribute.value._type === "Name") cx.annotationsRead.add(attribute.value.id);
    }
    // `f.__defaults__ = (...)`, `setattr(f, "__kwdefaults__", ...)`: calls of defs take the written ones.
    const storedName = node._type === "Attribute" && (node as py.Attribute).ctx === "Store" ? (node as py.Attribute).attr : node._type === "Call" && calleeName((node as py.Call).func) === "setattr" ? constantString((node as py.Call).args[1]) : "";
    if (storedName !== "") cx.storedAttributeNames.add(storedName);
    if (storedName === "__defaults__" || storedName === "__kwdefaults__") {
      cx.writesDefaults = true;
      cx.attributesRead.add("__defaults__").add("__kwdefaults__");
    }
    if (node._type === "Attribute" && (node as py.Attribute).ctx === "Del") cx.deletedAttributes.add((node as py.Attribute).attr);
    if (node._type === "Call" && (node as py.Call).func._type === "Name" && ((node as py.Call).func as py.Name).id === "delattr") {
      const named = (node as py.Call).args[1];
      if (named?._type === "Constant" && named.value.kind === "str") cx.deletedAttributes.add(named.value.value);
    }
    if (node._type === "Attribute" && (node as py.Attribute).ctx === "Store" && (node as py.Attribute).value._type === "Name") {
      cx.attributesStoredOn.add(((node as py.Attribute).value as py.Name).id);
    }
    if (node._type === "Name") {
      const name = node as py.Name;
      if (name.ctx === "Load" && name.id === "vars") cx.readsDocstrings = cx.readsClassDicts = true;
      if (name.ctx === "Load" && !callees.has(name)) cx.escapingNames.add(name.id);
      return;
    }
    if (node._type !== "Call") return;
    const call = node as py.Call;
    if (call.func._type === "Attribute" && misfitsMethod(call, methodSignatures.get(call.func.attr))) {
      cx.misfitMethodCalls.add(call);
      cx.misfitMethodNames.add(call.func.attr);
    }
    const attrName = call.args[1];
    if (call.func._type === "Name" && call.func.id === "getattr" && attrName?._type === "Constant" && attrName.value.kind === "str") cx.attributesRead.add(attrName.value.value);
    if (call.func._type === "Attribute" && call.args.some((a) => a._type === "Starred")) cx.starCalledAttributes.add(call.func.attr);
    if (call.func._type === "Name") {
      if (call.args.some((a) => a._type === "Starred")) starCalled.add(call.func.id);
      if (call.keywords.some((k) => k.arg === null)) doubleStarCalled.add(call.func.id);
    }
    if (call.keywords.length === 0) return;
    if (call.func._type === "Attribute") {
      cx.keywordCalledAttributes.add(call.func.attr);
      if (call.func.value._type !== "Name" || !cx.isRuntimeModuleName(call.func.value.id)) cx.dynamicKeywordCalls = true;
    } else if (call.func._type !== "Name" || !defNames.has(call.func.id) || call.keywords.some((k) => k.arg === null)) {
      if (call.func._type !== "Name" || !BUILTIN_FUNCTIONS.has(call.func.id)) cx.dynamicKeywordCalls = true;
    }
  });
  for (const name of starCalled) cx.starCalledNames.add(name);
  // `Cls(*args)`, `Cls(**d)`: constructed as a value (callValue binds its `__init__`'s parameters).
  const topClasses = new Set(module.body.filter((st): st is py.ClassDef => st._type === "ClassDef").map((st) => st.name));
  for (const name of [...starCalled, ...doubleStarCalled]) if (topClasses.has(name)) cx.escapingNames.add(name);
  collectKeywordWrapped(cx, module, starCalled, doubleStarCalled);
}

function isSuperCall(e: py.Expr): boolean {
  return e._type === "Call" && e.func._type === "Name" && e.func.id === "super";
}

/** A call with plain positional arguments that some `def` of the method's name would refuse. */
function misfitsMethod(call: py.Call, signatures: Signature[] | undefined): boolean {
  if (signatures === undefined || call.keywords.length > 0 || call.args.some((a) => a._type === "Starred")) return false;
  const count = call.args.length;
  return signatures.some((sig) => {
    const required = sig.positional.filter((p) => !p.hasDefault).length;
    const most = sig.vararg !== null ? Infinity : sig.positional.length;
    return count < required || count > most || sig.kwonly.some((k) => !k.hasDefault);
  });
}

/**
 * A def is wrapped to bind keywords at run time when a call may reach it that the lowering
 * cannot bind: it is decorated or passed around (and some call passes keywords dynamically),
 * or it is called with `**mapping`, or with `*iterable` while its `*args` is a packed tuple.
 */
function collectKeywordWrapped(cx: LowerContext, module: py.Module, starCalled: Set<string>, doubleStarCalled: Set<string>): void {
  walk(module, (node) => {
    if (node._type !== "FunctionDef" && node._type !== "AsyncFunctionDef") return;
    const def = node as py.FunctionDef | py.AsyncFunctionDef;
    if (isMethod(cx, def)) return;
    const sig = describeSignature(def.args);
    if (!acceptsKeywords(sig) && sig.vararg === null) return;
    const reachedDynamically = cx.dynamicKeywordCalls && acceptsKeywords(sig) && (def.decorator_list.length > 0 || cx.escapingNames.has(def.name));
    const starBound = starCalled.has(def.name) && sig.vararg !== null && !varargIsRest(sig);
    if (reachedDynamically || doubleStarCalled.has(def.name) || starBound) cx.keywordWrapped.add(def);
  });
}

function isMethod(cx: LowerContext, def: py.FunctionDef | py.AsyncFunctionDef): boolean {
  return cx.scopeOf(def).parent?.kind === "class";
}

/** Names whose use makes the program read functions' signatures (defaults and hints). */
const SIGNATURE_READERS = new Set(["signature", "create_autospec"]);

/** Names whose use makes the program read hints at run time (typing's introspection). */
const HINT_READERS = new Set(["get_type_hints", "TypedDict", "runtime_checkable"]);

function constantString(e: py.Expr | undefined): string {
  return e?._type === "Constant" && e.value.kind === "str" ? e.value.value : "";
}

function calleeName(f: py.Expr): string {
  return f._type === "Name" ? f.id : f._type === "Attribute" ? f.attr : "";
}
