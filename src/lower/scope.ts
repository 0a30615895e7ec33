// Scope analysis: which names each Python scope binds, declares global/nonlocal, and how it
// binds them. The lowering uses it to place JS declarations so that JS's lexical scoping
// resolves every name the way Python's LEGB rules do.
import { starNames } from "./module-names.js";
import type * as py from "../frontend/ast.js";
import { unboundReads } from "./definite.js";
import { lateModuleDefs } from "./module-late.js";

export type ScopeKind = "module" | "function" | "class" | "lambda" | "comprehension";

/** How one binding site binds a name. */
export type BindingKind =
  | "assign" // simple `name = value` / `name: T = value` statement
  | "def" // def / async def / class
  | "import"
  | "param"
  | "for" // for-loop target
  | "other"; // augmented assignment, with-as, except-as, walrus, unpacking, del, match

export interface Binding {
  kind: BindingKind;
  /** the statement that binds it (null for params) */
  stmt: py.Stmt | null;
  /** true when the binding statement is directly in the scope's body, not nested in a block */
  topLevel: boolean;
  line: number;
  col: number;
}

export interface Scope {
  kind: ScopeKind;
  name: string;
  parent: Scope | null;
  /** names bound in this scope, with every binding site in source order */
  bindings: Map<string, Binding[]>;
  globals: Set<string>;
  nonlocals: Set<string>;
  /** names read anywhere in this scope (not in nested scopes) with their first position */
  loads: Map<string, { line: number; col: number }[]>;
  /** names used (read or written) by nested scopes without being bound there */
  freeInChildren: Set<string>;
  isAsync: boolean;
  isGenerator: boolean;
  /** does the body hold `yield from` (its generator object records what it delegates to)? */
  delegates?: boolean;
  children: Scope[];
  /** reads (`readKey`s) that may find their name unbound (function and module scopes) */
  unboundReads: Set<string> | null;
  /**
   * Locals of a function that a nested scope (def, lambda, class, comprehension) uses while
   * they may still be unbound where it is made: its reads check them (NameError "cannot access
   * free variable"), and the name is declared ahead as a `let`.
   */
  lateFree: Set<string> | null;
  /** does the scope call `locals()`, `vars()` or `dir()` without arguments (a snapshot of its names)? */
  readsNamespace?: boolean;
}

const NAMESPACE_CALLS = new Set(["locals", "vars", "dir"]);

function newScope(kind: ScopeKind, name: string, parent: Scope | null, isAsync = false): Scope {
  const scope: Scope = {
    kind,
    name,
    parent,
    bindings: new Map(),
    globals: new Set(),
    nonlocals: new Set(),
    loads: new Map(),
    freeInChildren: new Set(),
    isAsync,
    isGenerator: false,
    children: [],
    unboundReads: null,
    lateFree: null,
  };
  parent?.children.push(scope);
  return scope;
}

/** Scopes by the AST node that opens them. */
export type ScopeMap = Map<object, Scope>;

/** The names a `from m import *` binds (default: those of the runtime modules pyts checks). */
export type StarNames = (s: py.ImportFrom) => readonly string[] | null;

export function analyzeScopes(module: py.Module, star: StarNames = (s) => starNames(s.module)): { moduleScope: Scope; scopes: ScopeMap } {
  const scopes: ScopeMap = new Map();
  const moduleScope = newScope("module", "<module>", null);
  scopes.set(module, moduleScope);
  const walker = new ScopeWalker(scopes, star);
  walker.body(module.body, moduleScope, true);
  walker.markAliasedNamespaceCalls();
  for (const scope of scopes.values()) propagateFree(scope);
  // A function that assigns a name it declares `global` creates a module global.
  for (const scope of scopes.values()) {
    if (scope === moduleScope) continue;
    for (const name of scope.globals) {
      const bindings = scope.bindings.get(name);
      if (!bindings?.length) continue;
      const moduleBindings = moduleScope.bindings.get(name) ?? [];
      if (moduleBindings.length === 0) moduleScope.bindings.set(name, [{ ...bindings[0]!, topLevel: false, kind: "other" }]);
    }
  }
  for (const [node, scope] of scopes) {
    if (scope.kind === "module") {
      scope.unboundReads = unboundReads((node as py.Module).body, new Set(scope.bindings.keys()), []);
      const late = lateModuleDefs((node as py.Module).body, scope, scopes, freeNames);
      if (late.size > 0) scope.lateFree = late;
    }
    if (scope.kind !== "function") continue;
    const def = node as py.FunctionDef | py.AsyncFunctionDef;
    const locals = new Set([...scope.bindings.keys()].filter((n) => !scope.globals.has(n) && !scope.nonlocals.has(n)));
    const params = [...scope.bindings].filter(([, bs]) => bs.some((b) => b.kind === "param")).map(([n]) => n);
    const late = new Set<string>();
    scope.unboundReads = unboundReads(def.body, locals, params, (node) => freeNames(scopes.get(node)), late);
    if (late.size > 0) scope.lateFree = late;
  }
  return { moduleScope, scopes };
}

/** The names a scope (and the scopes nested in it) use without binding them itself. */
function freeNames(scope: Scope | undefined): string[] {
  if (scope === undefined) return [];
  const used = new Set<string>([...scope.loads.keys(), ...scope.freeInChildren, ...scope.nonlocals]);
  return [...used].filter((name) => scope.nonlocals.has(name) || !(scope.bindings.has(name) || scope.globals.has(name)));
}

/** Record, on every enclosing scope, the names a nested scope uses but does not bind. */
function propagateFree(scope: Scope): void {
  const used = new Set<string>([...scope.loads.keys(), ...scope.nonlocals]);
  for (const name of used) {
    if (scope.bindings.has(name) && !scope.nonlocals.has(name) && !scope.globals.has(name)) continue;
    for (let outer = scope.parent; outer; outer = outer.parent) outer.freeInChildren.add(name);
  }
}

class ScopeWalker {
  /** names assigned `vars`, `dir` or `locals` (`f = vars`), whose calls may read the caller's locals */
  private readonly namespaceAliases = new Set<string>();
  /** calls without arguments of other names, `f()`, with their scope */
  private readonly bareCalls: [Scope, string][] = [];

  constructor(
    private readonly scopes: ScopeMap,
    private readonly star: StarNames,
  ) {}

  /** `f = vars` ... `f()`: the call reads the namespace as `vars()` does (lowerLocalsCall resolves the alias). */
  markAliasedNamespaceCalls(): void {
    for (const [scope, name] of this.bareCalls) if (this.namespaceAliases.has(name)) scope.readsNamespace = true;
  }

  private bind(scope: Scope, name: string, kind: BindingKind, stmt: py.Stmt | null, topLevel: boolean, at: py.Span | null): void {
    const list = scope.bindings.get(name) ?? [];
    list.push({ kind, stmt, topLevel, line: at?.lineno ?? 0, col: at?.col_offset ?? 0 });
    scope.bindings.set(name, list);
  }

  private load(scope: Scope, name: string, at: py.Span): void {
    const list = scope.loads.get(name) ?? [];
    list.push({ line: at.lineno, col: at.col_offset });
    scope.loads.set(name, list);
  }

  body(stmts: py.Stmt[], scope: Scope, topLevel: boolean): void {
    for (const s of stmts) this.stmt(s, scope, topLevel);
  }

  private stmt(s: py.Stmt, scope: Scope, topLevel: boolean): void {
    switch (s._type) {
      case "FunctionDef":
      case "AsyncFunctionDef": {
        for (const d of s.decorator_list) this.expr(d, scope);
        this.argumentDefaults(s.args, scope);
        if (s.returns) this.expr(s.returns, scope);
        this.bind(scope, s.name, "def", s, topLevel, s);
        const inner = newScope("function", s.name, scope, s._type === "AsyncFunctionDef");
        this.scopes.set(s, inner);
        this.params(s.args, inner);
        this.body(s.body, inner, true);
        return;
      }
      case "ClassDef": {
        for (const d of s.decorator_list) this.expr(d, scope);
        for (const b of s.bases) this.expr(b, scope);
        for (const k of s.keywords) this.expr(k.value, scope);
        this.bind(scope, s.name, "def", s, topLevel, s);
        const inner = newScope("class", s.name, scope);
        this.scopes.set(s, inner);
        this.body(s.body, inner, true);
        return;
      }
      case "Return":
        if (s.value) this.expr(s.value, scope);
        return;
      case "Delete":
        for (const t of s.targets) this.target(t, scope, "other", s, topLevel);
        return;
      case "Assign": {
        this.expr(s.value, scope);
        if (s.value._type === "Name" && NAMESPACE_CALLS.has(s.value.id)) for (const t of s.targets) if (t._type === "Name") this.namespaceAliases.add(t.id);
        const simple = s.targets.length === 1 && s.targets[0]!._type === "Name";
        for (const t of s.targets) this.target(t, scope, simple ? "assign" : "other", s, topLevel);
        return;
      }
      case "AugAssign":
        this.expr(s.value, scope);
        if (s.target._type === "Name") this.load(scope, s.target.id, s.target);
        this.target(s.target, scope, "other", s, topLevel);
        return;
      case "AnnAssign":
        if (s.value) this.expr(s.value, scope);
        this.expr(s.annotation, scope);
        if (s.value || s.target._type !== "Name") this.target(s.target, scope, s.target._type === "Name" ? "assign" : "other", s, topLevel);
        else if (s.target._type === "Name" && !scope.bindings.has(s.target.id)) scope.bindings.set(s.target.id, []);
        return;
      case "For":
      case "AsyncFor":
        this.expr(s.iter, scope);
        this.target(s.target, scope, "for", s, false);
        this.body(s.body, scope, false);
        this.body(s.orelse, scope, false);
        return;
      case "While":
      case "If":
        this.expr(s.test, scope);
        this.body(s.body, scope, false);
        this.body(s.orelse, scope, false);
        return;
      case "With":
      case "AsyncWith":
        for (const item of s.items) {
          this.expr(item.context_expr, scope);
          if (item.optional_vars) this.target(item.optional_vars, scope, "other", s, false);
        }
        this.body(s.body, scope, false);
        return;
      case "Match":
        this.expr(s.subject, scope);
        for (const c of s.cases) {
          this.pattern(c.pattern, scope, s);
          if (c.guard) this.expr(c.guard, scope);
          this.body(c.body, scope, false);
        }
        return;
      case "Raise":
        if (s.exc) this.expr(s.exc, scope);
        if (s.cause) this.expr(s.cause, scope);
        return;
      case "Try":
      case "TryStar":
        this.body(s.body, scope, false);
        for (const h of s.handlers) {
          if (h.type) this.expr(h.type, scope);
          if (h.name) this.bind(scope, h.name, "other", s, false, h);
          this.body(h.body, scope, false);
        }
        this.body(s.orelse, scope, false);
        this.body(s.finalbody, scope, false);
        return;
      case "Assert":
        this.expr(s.test, scope);
        if (s.msg) this.expr(s.msg, scope);
        return;
      case "Import":
        for (const a of s.names) this.bind(scope, a.asname ?? a.name.split(".")[0]!, "import", s, topLevel, s);
        return;
      case "ImportFrom":
        for (const a of s.names) {
          if (a.name !== "*") this.bind(scope, a.asname ?? a.name, "import", s, topLevel, s);
          else for (const name of this.star(s) ?? []) this.bind(scope, name, "import", s, topLevel, s);
        }
        return;
      case "Global":
        for (const n of s.names) scope.globals.add(n);
        return;
      case "Nonlocal":
        for (const n of s.names) scope.nonlocals.add(n);
        return;
      case "Expr":
        this.expr(s.value, scope);
        return;
      case "Pass":
      case "Break":
      case "Continue":
        return;
    }
  }

  private pattern(p: py.Pattern, scope: Scope, stmt: py.Stmt): void {
    switch (p._type) {
      case "MatchValue":
        this.expr(p.value, scope);
        return;
      case "MatchSingleton":
        return;
      case "MatchSequence":
      case "MatchOr":
        for (const x of p.patterns) this.pattern(x, scope, stmt);
        return;
      case "MatchMapping":
        for (const k of p.keys) this.expr(k, scope);
        for (const x of p.patterns) this.pattern(x, scope, stmt);
        if (p.rest) this.bind(scope, p.rest, "other", stmt, false, p);
        return;
      case "MatchClass":
        this.expr(p.cls, scope);
        for (const x of [...p.patterns, ...p.kwd_patterns]) this.pattern(x, scope, stmt);
        return;
      case "MatchStar":
        if (p.name) this.bind(scope, p.name, "other", stmt, false, p);
        return;
      case "MatchAs":
        if (p.pattern) this.pattern(p.pattern, scope, stmt);
        if (p.name) this.bind(scope, p.name, "other", stmt, false, p);
        return;
    }
  }

  private params(args: py.Arguments, scope: Scope): void {
    const all = [...args.posonlyargs, ...args.args, ...(args.vararg ? [args.vararg] : []), ...args.kwonlyargs, ...(args.kwarg ? [args.kwarg] : [])];
    for (const a of all) this.bind(scope, a.arg, "param", null, true, a);
  }

  private argumentDefaults(args: py.Arguments, scope: Scope): void {
    for (const d of args.defaults) this.expr(d, scope);
    for (const d of args.kw_defaults) if (d) this.expr(d, scope);
    for (const a of [...args.posonlyargs, ...args.args, ...args.kwonlyargs]) if (a.annotation) this.expr(a.annotation, scope);
  }

  private target(t: py.Expr, scope: Scope, kind: BindingKind, stmt: py.Stmt, topLevel: boolean): void {
    switch (t._type) {
      case "Name":
        this.bind(scope, t.id, kind, stmt, topLevel, t);
        return;
      case "Tuple":
      case "List":
        // Names unpacked by a for-loop target are still loop targets.
        for (const e of t.elts) this.target(e, scope, kind === "for" ? "for" : "other", stmt, topLevel);
        return;
      case "Starred":
        this.target(t.value, scope, kind === "for" ? "for" : "other", stmt, topLevel);
        return;
      default:
        this.expr(t, scope);
    }
  }

  expr(e: py.Expr, scope: Scope): void {
    if (e._type === "Call" && e.func._type === "Name" && e.args.length === 0 && e.keywords.length === 0) {
      if (NAMESPACE_CALLS.has(e.func.id)) scope.readsNamespace = true;
      else this.bareCalls.push([scope, e.func.id]);
    }
    switch (e._type) {
      case "Name":
        if (e.ctx === "Load") this.load(scope, e.id, e);
        return;
      case "Lambda": {
        this.argumentDefaults(e.args, scope);
        const inner = newScope("lambda", "<lambda>", scope);
        this.scopes.set(e, inner);
        this.params(e.args, inner);
        this.expr(e.body, inner);
        return;
      }
      case "ListComp":
      case "SetComp":
      case "GeneratorExp":
      case "DictComp": {
        const inner = newScope("comprehension", "<" + e._type + ">", scope);
        this.scopes.set(e, inner);
        e.generators.forEach((g, i) => {
          // The first iterable is evaluated in the enclosing scope, as in CPython.
          this.expr(g.iter, i === 0 ? scope : inner);
          this.target(g.target, inner, "other", null as unknown as py.Stmt, false);
          for (const cond of g.ifs) this.expr(cond, inner);
          if (g.is_async) inner.isAsync = true;
        });
        if (e._type === "DictComp") {
          this.expr(e.key, inner);
          this.expr(e.value, inner);
        } else this.expr(e.elt, inner);
        if (e._type === "GeneratorExp") inner.isGenerator = true;
        return;
      }
      case "NamedExpr": {
        this.expr(e.value, scope);
        // A walrus in a comprehension binds in the enclosing function scope.
        let target = scope;
        while (target.kind === "comprehension" && target.parent) target = target.parent;
        this.bind(target, e.target.id, "other", null, false, e.target);
        if (target !== scope) this.load(scope, e.target.id, e.target);
        return;
      }
      case "Yield":
      case "YieldFrom":
        scope.isGenerator = true;
        if (e._type === "YieldFrom") scope.delegates = true;
        if (e.value) this.expr(e.value, scope);
        return;
      default:
        for (const child of childExprs(e)) this.expr(child, scope);
    }
  }
}

/** The direct sub-expressions of an expression (for the kinds without special scoping). */
export function childExprs(e: py.Expr): py.Expr[] {
  switch (e._type) {
    case "BoolOp":
      return e.values;
    case "BinOp":
      return [e.left, e.right];
    case "UnaryOp":
      return [e.operand];
    case "IfExp":
      return [e.test, e.body, e.orelse];
    case "Dict":
      return [...(e.keys.filter((k) => k !== null) as py.Expr[]), ...e.values];
    case "Set":
      return e.elts;
    case "Await":
    case "YieldFrom":
      return [e.value];
    case "Yield":
      return e.value ? [e.value] : [];
    case "Compare":
      return [e.left, ...e.comparators];
    case "Call":
      return [e.func, ...e.args, ...e.keywords.map((k) => k.value)];
    case "FormattedValue":
      return e.format_spec ? [e.value, e.format_spec] : [e.value];
    case "JoinedStr":
      return e.values;
    case "Attribute":
      return [e.value];
    case "Subscript":
      return [e.value, e.slice];
    case "Starred":
      return [e.value];
    case "List":
    case "Tuple":
      return e.elts;
    case "Slice":
      return [e.lower, e.upper, e.step].filter((x): x is py.Expr => x !== null);
    case "NamedExpr":
      return [e.value];
    default:
      return [];
  }
}
