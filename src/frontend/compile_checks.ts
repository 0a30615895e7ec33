// Errors CPython 3.11 raises while compiling the AST (compile.c), in the order the compiler
// meets them: statements outside their function or loop, `await`/`async` outside async
// functions, `__debug__` as a target, repeated keywords, misplaced starred expressions,
// late `from __future__` imports. The same walk collects the compiler's SyntaxWarnings.
import type { Arguments, Comprehension, Expr, Keyword, Stmt } from "./ast.js";
import { syntaxError } from "./diagnostics.js";
import { checkMatchCase } from "./pattern_checks.js";
import type { Scope, ScopeMap } from "./symtable.js";
import { type AnyNode, binOpOperands, forEachChild } from "./walk.js";
import { type WarningSink, checkAssert, checkCall, checkCompare, checkSubscript } from "./warnings.js";

/** The code unit being compiled: module, class body, function, lambda or comprehension. */
interface Unit {
  kind: "module" | "class" | "function" | "async function" | "lambda" | "comprehension";
  scope: Scope;
}

interface Where {
  unit: Unit;
  inLoop: boolean;
  /** inside an `except*` handler of this unit: directly, or in a loop within it */
  exceptStar?: "direct" | "loop";
}

const EXCEPT_STAR_EXIT = "'break', 'continue' and 'return' cannot appear in an except* block";

const NOT_IN_LOOP = { "Break": "'break' outside loop", "Continue": "'continue' not properly in loop" };

function forbidden(name: string | null | undefined, at: { lineno: number; col_offset: number }, verb = "assign to"): void {
  if (name === "__debug__") syntaxError(at, `cannot ${verb} __debug__`);
}

function checkParams(args: Arguments, at: { lineno: number; col_offset: number }): void {
  for (const a of [...args.posonlyargs, ...args.args, ...(args.vararg ? [args.vararg] : []), ...args.kwonlyargs, ...(args.kwarg ? [args.kwarg] : [])]) {
    forbidden(a.arg, at);
  }
}

/** `at`: the call or class statement, where CPython reports a `__debug__` keyword. */
function checkKeywords(keywords: Keyword[], at: { lineno: number; col_offset: number }): void {
  const seen = new Set<string>();
  for (const k of keywords) {
    if (k.arg === null) continue;
    forbidden(k.arg, at);
    if (seen.has(k.arg)) syntaxError(k, `keyword argument repeated: ${k.arg}`);
    seen.add(k.arg);
  }
}

export class CompileChecker {
  /**
   * `leadingFutures`: the `from __future__` imports at the start of the module (future.ts
   * checked them); any other is an error here.
   */
  constructor(private readonly scopes: ScopeMap, private readonly leadingFutures: Set<Stmt>, private readonly warn: WarningSink) {}

  module(body: Stmt[], scope: Scope): void {
    const where: Where = { unit: { kind: "module", scope }, inLoop: false };
    for (const s of body) this.stmt(s, where);
  }

  private body(stmts: Stmt[], where: Where): void {
    for (const s of stmts) this.stmt(s, where);
  }

  private stmt(s: Stmt, where: Where): void {
    const unit = where.unit;
    switch (s._type) {
      case "FunctionDef":
      case "AsyncFunctionDef": {
        forbidden(s.name, s);
        checkParams(s.args, s);
        for (const d of s.decorator_list) this.expr(d, where);
        this.node(s.args, where);
        if (s.returns) this.expr(s.returns, where);
        const kind = s._type === "AsyncFunctionDef" ? "async function" : "function";
        this.body(s.body, { unit: { kind, scope: this.scopes.get(s)! }, inLoop: false });
        return;
      }
      case "ClassDef":
        forbidden(s.name, s);
        for (const d of s.decorator_list) this.expr(d, where);
        for (const b of s.bases) this.expr(b, where, true);
        checkKeywords(s.keywords, s);
        for (const k of s.keywords) this.expr(k.value, where);
        this.body(s.body, { unit: { kind: "class", scope: this.scopes.get(s)! }, inLoop: false });
        return;
      case "Return":
        if (unit.kind !== "function" && unit.kind !== "async function") syntaxError(s, "'return' outside function");
        if (where.exceptStar) syntaxError(s.value ?? s, EXCEPT_STAR_EXIT);
        if (s.value && unit.kind === "async function" && unit.scope.isGenerator) syntaxError(s, "'return' with value in async generator");
        break;
      case "Break":
      case "Continue":
        if (!where.inLoop) syntaxError(s, NOT_IN_LOOP[s._type]);
        if (where.exceptStar === "direct") syntaxError(s, EXCEPT_STAR_EXIT);
        return;
      case "For":
      case "AsyncFor":
      case "While": {
        if (s._type === "AsyncFor" && unit.kind !== "async function") syntaxError(s, "'async for' outside async function");
        if (s._type !== "While") {
          this.target(s.target, where);
          this.expr(s.iter, where);
        } else this.expr(s.test, where);
        this.body(s.body, { unit, inLoop: true, exceptStar: where.exceptStar && "loop" });
        this.body(s.orelse, where);
        return;
      }
      case "AsyncWith":
      case "With":
        if (s._type === "AsyncWith" && unit.kind !== "async function") syntaxError(s, "'async with' outside async function");
        for (const item of s.items) {
          this.expr(item.context_expr, where);
          if (item.optional_vars) this.target(item.optional_vars, where);
        }
        this.body(s.body, where);
        return;
      case "Assign":
        this.expr(s.value, where);
        for (const t of s.targets) this.target(t, where);
        return;
      case "AugAssign":
        if (s.target._type === "Name") forbidden(s.target.id, s.target);
        this.expr(s.target, where, true);
        this.expr(s.value, where);
        return;
      case "AnnAssign":
        if (s.target._type === "Name") forbidden(s.target.id, s.target);
        if (s.target._type === "Attribute") forbidden(s.target.attr, s.target);
        if (s.value) this.expr(s.value, where);
        this.expr(s.target, where, true);
        this.expr(s.annotation, where);
        return;
      case "Delete":
        for (const t of s.targets) this.target(t, where, "delete");
        return;
      case "Import":
      case "ImportFrom":
        for (const alias of s.names) forbidden(alias.asname ?? (alias.name === "*" ? null : alias.name.split(".")[0]), s);
        if (s._type === "ImportFrom" && s.module === "__future__" && s.level === 0 && !this.leadingFutures.has(s)) {
          syntaxError(s, "from __future__ imports must occur at the beginning of the file");
        }
        return;
      case "Try":
      case "TryStar":
        this.body(s.body, where);
        s.handlers.forEach((h, i) => {
          if (h.type === null && i < s.handlers.length - 1) syntaxError(h, "default 'except:' must be last");
          if (h.type) this.expr(h.type, where);
          forbidden(h.name, h);
          this.body(h.body, s._type === "TryStar" ? { ...where, exceptStar: "direct" } : where);
        });
        this.body(s.orelse, where);
        this.body(s.finalbody, where);
        return;
      case "Match":
        this.expr(s.subject, where);
        s.cases.forEach((c, i) => {
          checkMatchCase(c, i === s.cases.length - 1);
          forEachChild(c.pattern, (p) => this.node(p, where));
          if (c.guard) this.expr(c.guard, where);
          this.body(c.body, where);
        });
        return;
      case "Assert":
        checkAssert(s, this.warn);
        break;
    }
    forEachChild(s, (c) => this.node(c, where));
  }

  private node(n: AnyNode, where: Where): void {
    const vararg = n._type === "arguments" ? (n as Arguments).vararg : null;
    if (vararg?.annotation?._type === "Starred") {
      // `*args: *Ts` (PEP 646): the one place an annotation may be starred
      const starred = vararg.annotation;
      vararg.annotation = starred.value;
      try {
        forEachChild(n, (c) => this.node(c, where));
      } finally {
        vararg.annotation = starred;
      }
      return;
    }
    if (EXPR_TYPES.has(n._type)) this.expr(n as Expr, where);
    else if (STMT_TYPES.has(n._type)) this.stmt(n as Stmt, where);
    else forEachChild(n, (c) => this.node(c, where));
  }

  /** An assignment or deletion target. */
  private target(e: Expr, where: Where, verb: "assign to" | "delete" = "assign to"): void {
    switch (e._type) {
      case "Name":
        forbidden(e.id, e, verb);
        return;
      case "Attribute":
        if (verb !== "delete") forbidden(e.attr, e);
        this.expr(e.value, where);
        return;
      case "Starred":
        syntaxError(e, verb === "delete" ? "cannot delete starred" : "starred assignment target must be in a list or tuple");
        return;
      case "Tuple":
      case "List": {
        const starred = e.elts.filter((x) => x._type === "Starred");
        if (starred.length > 1) syntaxError(e, "multiple starred expressions in assignment");
        for (const x of e.elts) this.target(x._type === "Starred" ? x.value : x, where, verb);
        return;
      }
      default:
        this.expr(e, where);
    }
  }

  /** `starredOk`: the parent is a display or call that accepts `*x` elements. */
  private expr(e: Expr, where: Where, starredOk = false): void {
    const unit = where.unit;
    switch (e._type) {
      case "Starred":
        if (!starredOk && e.ctx === "Load") syntaxError(e, "can't use starred expression here");
        this.expr(e.value, where);
        return;
      case "List":
      case "Tuple":
      case "Set":
        if ("ctx" in e && e.ctx !== "Load") {
          this.target(e, where);
          return;
        }
        for (const x of e.elts) this.expr(x, where, true);
        return;
      case "Call":
        checkCall(e, this.warn);
        this.expr(e.func, where);
        for (const a of e.args) this.expr(a, where, true);
        checkKeywords(e.keywords, e);
        for (const k of e.keywords) this.expr(k.value, where);
        return;
      case "Compare":
        checkCompare(e, this.warn);
        break;
      case "BinOp":
        for (const operand of binOpOperands(e)) this.expr(operand, where);
        return;
      case "Subscript":
        checkSubscript(e, this.warn);
        break;
      case "Name":
        if (e.ctx !== "Load") forbidden(e.id, e, e.ctx === "Del" ? "delete" : "assign to");
        return;
      case "NamedExpr":
        forbidden(e.target.id, e.target);
        this.expr(e.value, where);
        return;
      case "Yield":
      case "YieldFrom":
        if (unit.kind === "module" || unit.kind === "class") syntaxError(e, "'yield' outside function");
        if (e._type === "YieldFrom" && unit.kind === "async function") syntaxError(e, "'yield from' inside async function");
        break;
      case "Await":
        if (unit.kind === "module" || unit.kind === "class") syntaxError(e, "'await' outside function");
        if (unit.kind === "function" || unit.kind === "lambda") syntaxError(e, "'await' outside async function");
        break;
      case "Lambda":
        checkParams(e.args, e);
        this.node(e.args, where);
        this.expr(e.body, { unit: { kind: "lambda", scope: this.scopes.get(e)! }, inLoop: false });
        return;
      case "ListComp":
      case "SetComp":
      case "DictComp":
      case "GeneratorExp":
        this.comprehension(e, e.generators, e._type === "DictComp" ? [e.key, e.value] : [e.elt], where);
        return;
    }
    forEachChild(e, (c) => this.node(c, where));
  }

  private comprehension(e: Expr, generators: Comprehension[], values: Expr[], where: Where): void {
    const scope = this.scopes.get(e)!;
    const kind = where.unit.kind;
    if (scope.isCoroutine && e._type !== "GeneratorExp" && kind !== "async function" && kind !== "comprehension") {
      syntaxError(e, "asynchronous comprehension outside of an asynchronous function");
    }
    const inner: Where = { unit: { kind: "comprehension", scope }, inLoop: false };
    generators.forEach((g, i) => {
      this.target(g.target, inner);
      if (i > 0) this.expr(g.iter, inner);
      for (const cond of g.ifs) this.expr(cond, inner);
    });
    for (const v of values) this.expr(v, inner);
    // the outermost iterable is evaluated in the enclosing scope, after the body is compiled
    this.expr(generators[0]!.iter, where);
  }
}

const STMT_TYPES = new Set([
  "FunctionDef", "AsyncFunctionDef", "ClassDef", "Return", "Delete", "Assign", "AugAssign", "AnnAssign", "For",
  "AsyncFor", "While", "If", "With", "AsyncWith", "Match", "Raise", "Try", "TryStar", "Assert", "Import",
  "ImportFrom", "Global", "Nonlocal", "Expr", "Pass", "Break", "Continue",
]);

const EXPR_TYPES = new Set([
  "BoolOp", "NamedExpr", "BinOp", "UnaryOp", "Lambda", "IfExp", "Dict", "Set", "ListComp", "SetComp", "DictComp",
  "GeneratorExp", "Await", "Yield", "YieldFrom", "Compare", "Call", "FormattedValue", "JoinedStr", "Constant",
  "Attribute", "Subscript", "Starred", "Name", "List", "Tuple", "Slice",
]);
