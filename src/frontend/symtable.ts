// The symbol-table pass, after CPython's symtable.c: which names each scope binds, uses and
// declares `global`/`nonlocal`, and the SyntaxErrors CPython raises while building the table
// (in source order) and then while resolving free names (scope by scope, outermost first).
import type { Arguments, Comprehension, Expr, Span, Stmt } from "./ast.js";
import { type AnyNode, binOpOperands, forEachChild } from "./walk.js";
import { syntaxError } from "./diagnostics.js";
import { leadingFutures } from "./future.js";

export type ScopeKind = "module" | "function" | "lambda" | "class" | "comprehension";

const DEF_LOCAL = 1;
const DEF_PARAM = 2;
const DEF_GLOBAL = 4;
const DEF_NONLOCAL = 8;
const USE = 16;
const DEF_ANNOT = 32;
const DEF_IMPORT = 64;
/** an iteration variable of a comprehension */
const DEF_COMP_ITER = 128;

export class Scope {
  readonly symbols = new Map<string, number>();
  /** where each name was declared global or nonlocal (errors found later point there) */
  readonly directives = new Map<string, Span>();
  readonly children: Scope[] = [];
  /** contains `yield` */
  isGenerator = false;
  /** contains `await`, `async for` or `async with` (for comprehensions: is asynchronous) */
  isCoroutine = false;
  /** depth of comprehension iterables being visited in this scope */
  compIterExpr = 0;

  constructor(readonly kind: ScopeKind, readonly parent: Scope | null, readonly comprehensionName = "") {
    parent?.children.push(this);
  }

  flags(name: string): number {
    return this.symbols.get(name) ?? 0;
  }

  add(name: string, flag: number): void {
    this.symbols.set(name, this.flags(name) | flag);
  }
}

/** The scope opened by each function, lambda, class and comprehension node. */
export type ScopeMap = Map<AnyNode, Scope>;

export function buildSymtable(body: Stmt[]): { module: Scope; scopes: ScopeMap } {
  const builder = new Builder();
  builder.futureAnnotations = leadingFutures(body).has("annotations");
  for (const s of body) builder.visit(s);
  analyze(builder.module, null);
  return { module: builder.module, scopes: builder.scopes };
}

const COMPREHENSION_NAMES: Record<string, string> = {
  ListComp: "list comprehension", SetComp: "set comprehension", DictComp: "dict comprehension",
  GeneratorExp: "generator expression",
};

class Builder {
  readonly module = new Scope("module", null);
  readonly scopes: ScopeMap = new Map();
  private cur = this.module;
  /** `from __future__ import annotations`: hints are visited as blocks of their own */
  futureAnnotations = false;
  /** the scope whose annotation is being visited, under futureAnnotations (CPython's AnnotationBlock) */
  private annotationOf: Scope | null = null;

  private annotation(e: Expr): void {
    if (!this.futureAnnotations) return this.visit(e);
    const outer = this.annotationOf;
    this.annotationOf = this.cur;
    try {
      this.visit(e);
    } finally {
      this.annotationOf = outer;
    }
  }

  /** CPython's symtable_raise_if_annotation_block. */
  private notInAnnotation(what: string, e: Expr): void {
    if (this.annotationOf !== null && this.annotationOf === this.cur) syntaxError(e, `'${what}' can not be used within an annotation`);
  }

  private enter(kind: ScopeKind, node: AnyNode, comprehensionName = ""): Scope {
    const scope = new Scope(kind, this.cur, comprehensionName);
    this.scopes.set(node, scope);
    this.cur = scope;
    return scope;
  }

  private params(args: Arguments): void {
    const all = [...args.posonlyargs, ...args.args, ...(args.vararg ? [args.vararg] : []), ...args.kwonlyargs, ...(args.kwarg ? [args.kwarg] : [])];
    for (const a of all) {
      if (this.cur.flags(a.arg) & DEF_PARAM) syntaxError(a, `duplicate argument '${a.arg}' in function definition`);
      this.cur.add(a.arg, DEF_PARAM);
    }
  }

  readonly visit = (n: AnyNode): void => {
    const cur = this.cur;
    switch (n._type) {
      case "FunctionDef":
      case "AsyncFunctionDef": {
        cur.add(n.name, DEF_LOCAL);
        this.visit(n.args);
        if (n.returns) this.annotation(n.returns);
        for (const d of n.decorator_list) this.visit(d);
        const scope = this.enter("function", n);
        if (n._type === "AsyncFunctionDef") scope.isCoroutine = true;
        this.params(n.args);
        for (const s of n.body) this.visit(s);
        this.cur = cur;
        return;
      }
      case "Lambda": {
        this.visit(n.args);
        this.enter("lambda", n);
        this.params(n.args);
        this.visit(n.body);
        this.cur = cur;
        return;
      }
      case "ClassDef": {
        cur.add(n.name, DEF_LOCAL);
        for (const b of n.bases) this.visit(b);
        for (const k of n.keywords) this.visit(k);
        for (const d of n.decorator_list) this.visit(d);
        this.enter("class", n);
        for (const s of n.body) this.visit(s);
        this.cur = cur;
        return;
      }
      case "Global":
      case "Nonlocal": {
        const isGlobal = n._type === "Global";
        const word = isGlobal ? "global" : "nonlocal";
        for (const name of n.names) {
          const flags = cur.flags(name);
          if (flags & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT)) {
            const why = flags & DEF_PARAM ? `is parameter and ${word}`
              : flags & USE ? `is used prior to ${word} declaration`
              : flags & DEF_ANNOT ? null
              : `is assigned to before ${word} declaration`;
            syntaxError(n, why ? `name '${name}' ${why}` : `annotated name '${name}' can't be ${word}`);
          }
          cur.add(name, isGlobal ? DEF_GLOBAL : DEF_NONLOCAL);
          if (!cur.directives.has(name)) cur.directives.set(name, n);
        }
        return;
      }
      case "AnnAssign": {
        const target = n.target;
        if (target._type === "Name") {
          const flags = cur.flags(target.id);
          if (flags & (DEF_GLOBAL | DEF_NONLOCAL) && cur.kind !== "module" && n.simple) {
            syntaxError(n, `annotated name '${target.id}' can't be ${flags & DEF_GLOBAL ? "global" : "nonlocal"}`);
          }
          if (n.simple) cur.add(target.id, DEF_ANNOT | DEF_LOCAL);
          else if (n.value) cur.add(target.id, DEF_LOCAL);
        } else this.visit(target);
        this.annotation(n.annotation);
        if (n.value) this.visit(n.value);
        return;
      }
      case "Import":
      case "ImportFrom":
        for (const alias of n.names) {
          if (alias.name === "*") {
            if (cur.kind !== "module") syntaxError(alias, "import * only allowed at module level");
            continue;
          }
          cur.add(alias.asname ?? alias.name.split(".")[0]!, DEF_IMPORT);
        }
        return;
      case "AsyncFor":
      case "AsyncWith":
        cur.isCoroutine = true;
        break;
      case "ExceptHandler":
        if (n.name) cur.add(n.name, DEF_LOCAL);
        break;
      case "Name":
        cur.add(n.id, n.ctx === "Load" ? USE : DEF_LOCAL);
        return;
      case "arguments":
        // (a parameter's hint is an annotation: a block of its own under the future import)
        for (const a of [...n.posonlyargs, ...n.args, ...(n.vararg ? [n.vararg] : []), ...n.kwonlyargs, ...(n.kwarg ? [n.kwarg] : [])]) {
          if (a.annotation) this.annotation(a.annotation);
        }
        for (const d of n.defaults) this.visit(d);
        for (const d of n.kw_defaults) if (d) this.visit(d);
        return;
      case "NamedExpr":
        this.notInAnnotation("named expression", n);
        this.namedExpr(n.target.id, n);
        this.visit(n.value);
        return;
      case "Yield":
      case "YieldFrom":
        this.notInAnnotation("yield expression", n);
        if (cur.kind === "comprehension") syntaxError(n, `'yield' inside ${cur.comprehensionName}`);
        cur.isGenerator = true;
        break;
      case "Await":
        this.notInAnnotation("await expression", n);
        cur.isCoroutine = true;
        break;
      case "BinOp":
        for (const operand of binOpOperands(n)) this.visit(operand);
        return;
      case "ListComp":
      case "SetComp":
      case "GeneratorExp":
        this.comprehension(n, n.generators, [n.elt]);
        return;
      case "DictComp":
        this.comprehension(n, n.generators, [n.key, n.value]);
        return;
      case "MatchAs":
      case "MatchStar":
        if (n.name) cur.add(n.name, DEF_LOCAL);
        break;
      case "MatchMapping":
        if (n.rest) cur.add(n.rest, DEF_LOCAL);
        break;
    }
    forEachChild(n, this.visit);
  };

  private comprehension(n: Expr, generators: Comprehension[], values: Expr[]): void {
    const cur = this.cur;
    const [outermost, ...rest] = generators;
    cur.compIterExpr++;
    this.visit(outermost!.iter);
    cur.compIterExpr--;
    const scope = this.enter("comprehension", n, COMPREHENSION_NAMES[n._type]);
    if (outermost!.is_async) scope.isCoroutine = true;
    this.iterationTarget(outermost!.target);
    for (const cond of outermost!.ifs) this.visit(cond);
    for (const g of rest) {
      this.iterationTarget(g.target);
      scope.compIterExpr++;
      this.visit(g.iter);
      scope.compIterExpr--;
      for (const cond of g.ifs) this.visit(cond);
      if (g.is_async) scope.isCoroutine = true;
    }
    for (const v of values) this.visit(v);
    this.cur = cur;
    // an asynchronous list/set/dict comprehension is awaited by the comprehension around it
    if (scope.isCoroutine && n._type !== "GeneratorExp" && cur.kind === "comprehension") cur.isCoroutine = true;
  }

  private iterationTarget(target: Expr): void {
    const mark = (e: AnyNode): void => {
      if (e._type === "Name") this.cur.add(e.id, DEF_LOCAL | DEF_COMP_ITER);
      else forEachChild(e, e._type === "Tuple" || e._type === "List" || e._type === "Starred" ? mark : this.visit);
    };
    mark(target);
  }

  /** `x := v` binds x in the nearest enclosing scope that is not a comprehension. */
  private namedExpr(name: string, n: Expr): void {
    if (this.cur.compIterExpr > 0) syntaxError(n, "assignment expression cannot be used in a comprehension iterable expression");
    if (this.cur.kind !== "comprehension") {
      this.cur.add(name, DEF_LOCAL);
      return;
    }
    for (let s: Scope | null = this.cur; s; s = s.parent) {
      if (s.kind === "comprehension") {
        if (s.flags(name) & DEF_COMP_ITER) syntaxError(n, `assignment expression cannot rebind comprehension iteration variable '${name}'`);
        continue;
      }
      if (s.kind === "class") syntaxError(n, "assignment expression within a comprehension cannot be used in a class body");
      s.add(name, DEF_LOCAL);
      break;
    }
    this.cur.add(name, USE);
  }
}

const BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/**
 * Resolves `global`/`nonlocal` declarations. `bound`: names bound in enclosing function scopes
 * (null for the module, where `nonlocal` is an error of its own).
 */
function analyze(scope: Scope, bound: Set<string> | null): void {
  const functionLike = scope.kind !== "class" && scope.kind !== "module";
  const globals: string[] = [];
  for (const [name, flags] of scope.symbols) {
    if (!(flags & (DEF_GLOBAL | DEF_NONLOCAL))) continue;
    const at = scope.directives.get(name)!;
    if (flags & DEF_GLOBAL) {
      if (flags & DEF_NONLOCAL) syntaxError(at, `name '${name}' is nonlocal and global`);
      globals.push(name);
    } else {
      if (!bound) syntaxError(at, "nonlocal declaration not allowed at module level");
      if (!bound.has(name)) syntaxError(at, `no binding for nonlocal '${name}' found`);
    }
  }
  if (scope.children.length === 0) return;
  const childBound = new Set(bound ?? []);
  if (functionLike) {
    for (const [name, flags] of scope.symbols) if (flags & BOUND && !(flags & (DEF_GLOBAL | DEF_NONLOCAL))) childBound.add(name);
  }
  for (const name of globals) childBound.delete(name);
  // a class body makes `__class__` available to its methods (super() and `nonlocal __class__`)
  if (scope.kind === "class") childBound.add("__class__");
  for (const child of scope.children) analyze(child, childBound);
}
