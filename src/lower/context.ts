// State shared by the lowering of one module: diagnostics, scopes, the current function,
// and fresh temporary names.
import type * as py from "../frontend/ast.js";
import type { Diagnostic } from "../frontend/ast.js";
import type { Scope, ScopeMap } from "./scope.js";
import type * as ir from "./ir.js";
import type { CommentPlan, SourceComment } from "./comments.js";
import { jsName } from "./names.js";
import { SNIPPET_GLOBALS } from "./snippet.js";
import type { ProgramModuleInfo } from "./program-imports.js";
import type { ThreadUse } from "./thread-switches.js";

/** What the lowering knows statically about a name bound by a module-level statement. */
export type KnownBinding =
  | { k: "module"; module: string } // `import asyncio`, `import urllib.request`, `import asyncio as aio`
  | { k: "function"; def: py.FunctionDef | py.AsyncFunctionDef }
  | { k: "class"; def: py.ClassDef };

/** Per-function lowering state. */
export interface FunctionState {
  scope: Scope;
  /** the Python function is an `async def` (its body is a coroutine generator) */
  coroutine: boolean;
  /** the Python function is a generator (contains `yield`); with `coroutine`, an async generator */
  generator: boolean;
  /** the emitted JS function is `async` (it reaches a blocking call) */
  jsAsync: boolean;
  /** local names already declared in the emitted JS at this point */
  declared: Set<string>;
  /** loops being lowered, innermost last: the label a `break` must use, if any */
  loops: { breakLabel: string | null }[];
  /** the caught-exception variable of the innermost `except` (for a bare `raise`) */
  caught: string[];
  /** the variables holding the exceptions being handled (an except's caught one, the one passing through a finally) */
  handling: string[];
  /** the JS name of `self` in a method, bound to `this` */
  selfName: string | null;
  /** the function is a classmethod: `selfName` holds the class */
  classMethod: boolean;
  /** the emitted JS function is a constructor or a setter: `return None` leaves with a bare `return` */
  returnsNothing?: boolean;
  /** the function is a class's `__init__` lowered as its constructor: `return <value>` raises CPython's TypeError (the class's name) */
  initOf?: string;
  /** how many enclosing `try` bodies of this function have a handler that catches ImportError */
  importGuards?: number;
  /** temporaries the lowering introduced, declared at the top of the function */
  temps: string[];
  /** statements that must run just before the statement being lowered (hoisted defaults) */
  before: ir.Stmt[];
  /** parameters this lowering of the body may take as ints (a copy specialised for int arguments, int-facts.ts) */
  intParams?: Set<string>;
  /** the proven-int locals of this lowering, when `intParams` is set */
  intFacts?: Set<string>;
  /** parameters this lowering of the body may take as floats (float-facts.ts) */
  floatParams?: Set<string>;
  /** the proven-float locals of this lowering, when `intParams` or `floatParams` is set */
  floatFacts?: Set<string>;
  /** while a for loop's float copy is lowered: its proven-float locals (loop-float-copies.ts) */
  loopFloats?: Set<string>;
}

export class UnsupportedError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

export class LowerContext {
  readonly diagnostics: Diagnostic[] = [];
  /** module-level names whose meaning is known statically */
  readonly known = new Map<string, KnownBinding>();
  /** module-level names bound once by `from pkg import submodule` of a standard submodule (`ET`), for the name checks only */
  readonly importedSubmodules = new Map<string, string>();
  /** functions (by AST node) whose emitted JS must be async because they block */
  blockingFunctions = new Set<object>();
  /** method names of classes whose methods block (calls `x.name()` get awaited) */
  blockingMethodNames = new Set<string>();
  /** property getters, setters and dunders of the module's classes that wait (implicit-waits.ts) */
  waitingGetters = new Set<string>();
  waitingSetters = new Set<string>();
  waitingDunders = new Set<string>();
  /** dunders the runtime calls for a value at once that wait, and KEPT_CALLBACK (replay-waits.ts) */
  replayDunders = new Set<string>();
  /** generator expressions over waiting items that `any`/`all` step lazily (comprehensions.ts) */
  lazyGenexprs = new Set<py.Expr>();
  /** iterables a loop or consumer awaits item by item: `enumerate(obj)` there may be a waiting one */
  awaitedIterables = new Set<py.Expr>();
  /** generator functions whose body waits (threads): JS async generators (functions.ts) */
  waitingGenerators = new Set<object>();
  /** Set while a generator's body is analysed: only calls of waiting generators make its loops wait (waiting-generators.ts). */
  preciseIteration = false;
  /** some program module this one imports has a generator whose body waits (blocking.ts) */
  importsWaitingGenerators = false;
  /** the module's statements (set by the blocking analysis) */
  moduleBody: py.Stmt[] = [];
  /** the module uses threads (thread-switches.ts): their switch points are awaited */
  threads: ThreadUse | null = null;
  /** lambdas given as `key=` to sorted/min/max (blocking.ts `waitingKey`): they may become async */
  keyLambdas = new Set<object>();
  /** Names given as a thread's, a Timer's or an executor's function (waiting-callbacks.ts). */
  threadEntryNames = new Set<string>();
  /** `as_completed(...)` / `executor.map(...)` calls a loop iterates as results come (not awaited) */
  streamedCalls = new Set<py.Expr>();
  topLevelAwait = false;
  /** names read somewhere other than as the callee of a call (their functions escape) */
  escapingNames = new Set<string>();
  /** attribute names called with keyword arguments somewhere (`obj.move(dx=1)`) */
  keywordCalledAttributes = new Set<string>();
  /** defs wrapped with `keywords(fn, spec)`: their calls pass Python-style arguments */
  keywordWrapped = new Set<object>();
  /** `from __future__ import annotations`: hints are stored as their source text */
  futureAnnotations = false;
  /** defs whose `__annotations__` the module reads (they keep their hints as values) */
  annotationsRead = new Set<string>();
  /** does the module use `__subclasses__` or `__init_subclass__` (so classes report their creation)? */
  tracksSubclasses = false;
  /** does the module read `exc_info` or `exception` (so its except handlers record what they handle)? */
  tracksHandledExceptions = false;
  /** attribute names the module reads (function objects record `__defaults__`... only when read) */
  attributesRead = new Set<string>();
  /** the module assigns `__defaults__` or `__kwdefaults__` (defs then read their defaults at each call) */
  writesDefaults = false;
  /** names some `name.attr = value` stores an attribute on (a def carrying attributes) */
  attributesStoredOn = new Set<string>();
  /** attribute names the module stores (`obj.name = v`, `setattr(obj, "name", v)`): data of its own objects */
  storedAttributeNames = new Set<string>();
  /** attribute names the module deletes (`del obj.name`, `delattr(obj, "name")`): no read of one is sure to find it */
  deletedAttributes = new Set<string>();
  /** names called with `*iterable` somewhere (their defs record a signature to bind against) */
  starCalledNames = new Set<string>();
  /** Generator expressions a builtin consumes at once (`set(x for x in xs)`): their bodies may be hoisted. */
  immediateGenexprs = new Set<py.Expr>();
  /** Receivers of `a.b.m(*v)` kept in a temporary as they are evaluated (the temporary's name). */
  heldReceivers = new Map<py.Expr, string>();
  /** Comprehension bodies hoisted to module level (comprehensions.ts), and how many so far. */
  hoistedFunctions: ir.Stmt[] = [];
  hoistedCount = 0;
  /** Methods called `obj.m(*xs)` somewhere: one with `*args` records its signature (a huge call boxes its rest). */
  starCalledAttributes = new Set<string>();
  /**
   * `obj.m(a, b)` calls whose positional arguments do not fit some class's `def m`: when the
   * receiver's class is unknown, they are bound at run time against the method found
   * (CPython's TypeError if it does not take them); their method names record a signature.
   */
  misfitMethodCalls = new Set<object>();
  misfitMethodNames = new Set<string>();
  /** method names read through a class (`A.method(b)`, `key=Student.average`): their `self` may be of any class */
  classReadMethodNames = new Set<string>();
  /** does the module read `__doc__` (so defs keep their docstrings)? */
  readsDocstrings = false;
  /** does the module read signatures (`inspect.signature`)? static and class methods then record theirs */
  readsSignatures = false;
  /** does the module name `help` (which prints each method's signature)? */
  documentsClasses = false;
  /** does the module read a class's namespace (`Cls.__dict__`, `vars(Cls)`)? Classes then record their body's order. */
  readsClassDicts = false;
  /** attribute reads that are not the callee of a call */
  boundMethodReads = new Set<object>();
  /** the class whose body is being lowered (its names are read from the class object) */
  classBody: Scope | null = null;
  /** inside a compound statement of a class body whose metaclass prepared the namespace: each binding stores there too */
  namespaceStores = false;
  /** names of the classes defined inside class bodies (called as `self.Name(...)`) */
  nestedClassNames = new Set<string>();
  /** how many classes define a method of each name */
  methodDefinitions = new Map<string, number>();
  /** names of the methods the module's classes define */
  methodNames = new Set<string>();
  /** of those, the names some class defines other than as a `@property` (reading one may make a bound method) */
  plainMethodNames = new Set<string>();
  /** The module reads `x.__init__` other than on `super()` (mro.ts). */
  callsInitExplicitly = false;
  /** Names a class body binds other than by `def` (`handler = staticmethod(f)`, `x: int = 0`). */
  classAttributeNames = new Set<string>();
  private generatorNames: Set<string> | null = null;
  /** names of the module's generator functions and methods (not async generators) */
  get generatorFunctionNames(): Set<string> {
    if (this.generatorNames === null) {
      this.generatorNames = new Set();
      for (const scope of this.scopes.values()) if (scope.kind === "function" && scope.isGenerator && !scope.isAsync) this.generatorNames.add(scope.name);
    }
    return this.generatorNames;
  }
  /** does some class define `__call__` (so a call of an unknown value may call an instance)? */
  callableInstances = false;
  /** does some call pass keywords to a callee the lowering cannot resolve? */
  dynamicKeywordCalls = false;
  /** where each Python comment goes (see comments.ts) */
  comments: CommentPlan = { leading: new Map(), trailing: new Map(), blockEnd: new Map(), blankBefore: new Set(), classMemberBlankLines: new Set(), moduleEnd: [] };
  /** the module is source run by eval/exec (snippet.ts): its globals live in a namespace */
  snippet = false;
  /** the snippet was compiled in "single" mode: its top level's expression statements show their values */
  interactive = false;
  /** in a snippet, the Python names it mentions (the names its namespaces answer for) */
  snippetPythonNames: ReadonlySet<string> = new Set();
  /** the module's place in a program of several modules (null: a lone module, as before) */
  program: ProgramModuleInfo | null = null;
  /** the module calls typing's get_type_hints (or defines TypedDicts): its string hints are registered */
  readsTypeHints = false;
  /** the program modules the module imports (their dotted names) */
  readonly programImports = new Set<string>();
  /** names bound to program modules by some import (calls of their attributes may construct) */
  readonly programModuleNames = new Set<string>();
  /** names some `from <program module> import ...` binds */
  readonly programImportedNames = new Set<string>();
  /** the last number used for each temporary's base name */
  private readonly tempCounters = new Map<string, number>();
  fn: FunctionState;
  /** the module body's own state (module facts are proved in it, see int-facts.ts) */
  readonly moduleState: FunctionState;

  constructor(
    readonly scopes: ScopeMap,
    readonly moduleScope: Scope,
    readonly userNames: Set<string>,
  ) {
    this.fn = this.newFunctionState(moduleScope, { coroutine: false, generator: false, jsAsync: false });
    this.moduleState = this.fn;
  }

  newFunctionState(scope: Scope, flags: { coroutine: boolean; generator: boolean; jsAsync: boolean }): FunctionState {
    return { scope, ...flags, declared: new Set(), loops: [], caught: [], handling: [], selfName: null, classMethod: false, temps: [], before: [] };
  }

  /** Run `body` with `state` as the current function. */
  within<T>(state: FunctionState, body: () => T): T {
    const saved = this.fn;
    const savedClassBody = this.classBody;
    const savedStores = this.namespaceStores;
    this.fn = state;
    // A function or comprehension in a class body does not see the class's names.
    this.classBody = null;
    this.namespaceStores = false;
    try {
      return body();
    } finally {
      this.fn = saved;
      this.classBody = savedClassBody;
      this.namespaceStores = savedStores;
    }
  }

  /** The comments planned for a statement in one role, once (a body lowered twice gets them once). */
  takeComments(role: Map<py.Stmt, SourceComment[]>, s: py.Stmt): SourceComment[] {
    const taken = role.get(s) ?? [];
    role.delete(s);
    return taken;
  }

  /** Is `name` a module-level `import name` of a runtime module (so it is the runtime's export)? */
  isRuntimeModuleName(name: string): boolean {
    const known = this.known.get(name);
    return known?.k === "module" && known.module === name;
  }

  scopeOf(node: object): Scope {
    const scope = this.scopes.get(node);
    if (!scope) throw new Error("internal: no scope for node");
    return scope;
  }

  /** A fresh JS name that clashes with no Python name of the module. */
  temp(base: string): string {
    for (;;) {
      const n = (this.tempCounters.get(base) ?? 0) + 1;
      this.tempCounters.set(base, n);
      const name = `${base}${n}`;
      if (!this.userNames.has(name)) {
        this.userNames.add(name);
        return name;
      }
    }
  }

  /** Stop lowering this construct: pyts does not support it. */
  unsupported(node: py.Span, what: string): never {
    throw new UnsupportedError({ kind: "Unsupported", message: `unsupported: ${what}`, line: node.lineno, col: node.col_offset });
  }

  syntaxError(node: py.Span, message: string): never {
    throw new UnsupportedError({ kind: "SyntaxError", message, line: node.lineno, col: node.col_offset });
  }

  loc(node: py.Span): ir.Loc {
    const loc: ir.Loc = { line: node.lineno, col: node.col_offset, endLine: node.end_lineno, endCol: node.end_col_offset };
    const e = node as py.Expr;
    if (e._type === "BinOp" && e.left.end_lineno === e.lineno) loc.anchor = { kind: "binop", leftEnd: e.left.end_col_offset, right: e.right.col_offset };
    if (e._type === "Subscript" && e.value.end_lineno === e.lineno) loc.anchor = { kind: "subscript", leftEnd: e.value.end_col_offset, right: e.slice.end_col_offset };
    // (`a.b.m(x)`: a failing lookup of `m` marks `a.b.m` only, as CPython's method load does)
    if (e._type === "Call" && e.func._type === "Attribute") loc.anchor = { kind: "method", leftEnd: e.func.end_col_offset, right: e.func.end_lineno };
    return loc;
  }

  rt(name: string, at?: py.Span): ir.Expr {
    return at ? { k: "rt", name, loc: this.loc(at) } : { k: "rt", name };
  }

  id(pythonName: string): ir.Expr {
    // In code run by eval/exec, a global of a function, lambda, comprehension or class body
    // the code defines lives in the globals dict only (CPython's LOAD_GLOBAL and the class
    // body's LOAD_NAME), not in a separate locals mapping the top level reads first.
    if (this.snippet && this.readsSnippetGlobal(pythonName)) return { k: "member", object: { k: "id", name: SNIPPET_GLOBALS }, property: jsName(pythonName) };
    return { k: "id", name: jsName(pythonName) };
  }

  /** Is `name`, where the lowering stands, a global of code nested in a snippet (not its top level)? */
  private readsSnippetGlobal(name: string): boolean {
    const inFunction = this.fn.scope !== this.moduleScope;
    if ((!inFunction && this.classBody === null) || !this.snippetPythonNames.has(name)) return false;
    if (!inFunction && this.classBody!.bindings.has(name)) return false;
    const scope = this.resolve(name);
    return scope === this.moduleScope || scope === null;
  }

  /** Which scope a Python name read in the current function resolves to (null: builtin). */
  resolve(name: string, from: Scope = this.fn.scope): Scope | null {
    if (from.globals.has(name)) return this.moduleScope.bindings.has(name) ? this.moduleScope : null;
    if (from.bindings.has(name) && !from.nonlocals.has(name)) return from;
    for (let s = from.parent; s; s = s.parent) {
      if (s.kind === "class") continue; // class bodies are not enclosing scopes
      if (s.globals.has(name)) return this.moduleScope.bindings.has(name) ? this.moduleScope : null;
      if (s.bindings.has(name) && !s.nonlocals.has(name)) return s;
    }
    return null;
  }

  /** module globals that functions reach through accessors (see shadowedGlobal) */
  readonly shadowedGlobals = new Set<string>();

  /**
   * A `global name` of the current function whose enclosing function has its own `name`:
   * JS would resolve the name to that local, so the function reads and assigns the module's
   * binding through accessor functions the module defines (`global_name` / `set_global_name`).
   */
  shadowedGlobal(name: string): boolean {
    let declaring: Scope | null = null;
    for (let s: Scope | null = this.fn.scope; s && s !== this.moduleScope; s = s.parent) {
      if (s.kind === "class") continue;
      if (s.globals.has(name)) {
        declaring = s;
        break;
      }
      if (s.bindings.has(name) && !s.nonlocals.has(name)) return false;
    }
    if (declaring === null) return false;
    for (let s = declaring.parent; s && s !== this.moduleScope; s = s.parent) {
      if (s.kind !== "class" && s.bindings.has(name) && !s.globals.has(name)) {
        this.shadowedGlobals.add(name);
        return true;
      }
    }
    return false;
  }

  /** The static meaning of a name, when it resolves to a known module-level binding. */
  knownBinding(name: string): KnownBinding | null {
    return this.resolve(name) === this.moduleScope ? (this.known.get(name) ?? null) : null;
  }

  /** The standard module a name statically binds: an imported module, or a submodule imported from its package. */
  knownModule(name: string): string | null {
    if (this.resolve(name) !== this.moduleScope) return null;
    const known = this.known.get(name);
    return known?.k === "module" ? known.module : (this.importedSubmodules.get(name) ?? null);
  }
}
