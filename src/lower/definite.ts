// Definite assignment: which reads of a function's (or the module's) own names can happen
// before the name is bound, on some path through the code. CPython raises UnboundLocalError
// (NameError at module level) for such a read; the lowering guards exactly these reads.
//
// The analysis follows control flow over the Python AST: a state is the set of names bound
// on every path reaching a point (null when no path reaches it). Branches meet by
// intersection; a loop body starts from the state before the loop (its first iteration).
import { starNames } from "./module-names.js";
import type * as py from "../frontend/ast.js";
import { childExprs } from "./scope.js";

/**
 * The names bound on every path, as bits over the function's locals (only they are checked:
 * see `read` and `capture`), or null when no path reaches the point. A binding copies the
 * words rather than a set of names, so a module of many definitions stays linear in practice.
 */
type State = Uint32Array | null;

/** Bit positions of the locals. */
class NameBits {
  private readonly index = new Map<string, number>();
  readonly words: number;

  constructor(locals: ReadonlySet<string>) {
    for (const name of locals) this.index.set(name, this.index.size);
    this.words = Math.max(1, Math.ceil(this.index.size / 32));
  }

  of(names: Iterable<string>): Uint32Array {
    const s = new Uint32Array(this.words);
    for (const name of names) {
      const i = this.index.get(name);
      if (i !== undefined) s[i >>> 5]! |= 1 << (i & 31);
    }
    return s;
  }

  has(s: Uint32Array, name: string): boolean {
    const i = this.index.get(name);
    return i !== undefined && (s[i >>> 5]! & (1 << (i & 31))) !== 0;
  }

  bind(s: State, name: string): State {
    const i = this.index.get(name);
    if (s === null || i === undefined || (s[i >>> 5]! & (1 << (i & 31))) !== 0) return s;
    const out = s.slice();
    out[i >>> 5]! |= 1 << (i & 31);
    return out;
  }

  unbind(s: State, name: string): State {
    const i = this.index.get(name);
    if (s === null || i === undefined || (s[i >>> 5]! & (1 << (i & 31))) === 0) return s;
    const out = s.slice();
    out[i >>> 5]! &= ~(1 << (i & 31));
    return out;
  }
}

function meet(a: State, b: State): State {
  if (a === null) return b;
  if (b === null || a === b) return a;
  const out = new Uint32Array(a.length);
  for (let w = 0; w < a.length; w++) out[w] = a[w]! & b[w]!;
  return out;
}

/** The key `line:col` of a name read, as the scope analysis records reads. */
export function readKey(line: number, col: number): string {
  return `${line}:${col}`;
}

function isConstantTrue(e: py.Expr): boolean {
  return e._type === "Constant" && (e.value.kind === "bool" ? e.value.value === true : e.value.kind === "int" && e.value.value !== 0n);
}

class DefiniteAssignment {
  /** reads that may find their name unbound */
  readonly unbound = new Set<string>();
  private readonly breaks: State[][] = [];
  readonly bits: NameBits;

  constructor(
    private readonly locals: ReadonlySet<string>,
    private readonly freeIn: (node: object) => Iterable<string> = () => [],
    /** locals a nested scope made here may read before they are bound (Scope.lateFree) */
    readonly late: Set<string> = new Set(),
  ) {
    this.bits = new NameBits(locals);
  }

  /** A nested scope is made here: the locals it uses that are not bound yet may be read unbound. */
  private capture(node: object, s: State): void {
    if (s === null) return;
    for (const name of this.freeIn(node)) if (this.locals.has(name) && !this.bits.has(s, name)) this.late.add(name);
  }

  block(stmts: py.Stmt[], s: State): State {
    for (const st of stmts) {
      if (s === null) return null;
      s = this.stmt(st, s);
    }
    return s;
  }

  private stmt(st: py.Stmt, s: State): State {
    switch (st._type) {
      case "FunctionDef":
      case "AsyncFunctionDef":
        for (const d of st.decorator_list) s = this.expr(d, s);
        s = this.defaults(st.args, s);
        // (its body runs once the def has bound its name: a recursive call finds it)
        s = this.bits.bind(s, st.name);
        this.capture(st, s);
        return s;
      case "ClassDef":
        for (const d of st.decorator_list) s = this.expr(d, s);
        for (const b of st.bases) s = this.expr(b, s);
        for (const k of st.keywords) s = this.expr(k.value, s);
        s = this.bits.bind(s, st.name);
        this.capture(st, s);
        return s;
      case "Return":
        if (st.value) this.expr(st.value, s);
        return null;
      case "Raise":
        if (st.exc) s = this.expr(st.exc, s);
        if (st.cause) this.expr(st.cause, s);
        return null;
      case "Break":
        this.breaks[this.breaks.length - 1]?.push(s);
        return null;
      case "Continue":
        return null;
      case "Delete":
        for (const t of st.targets) s = this.deleteTarget(t, s);
        return s;
      case "Assign":
        s = this.expr(st.value, s);
        for (const t of st.targets) s = this.target(t, s);
        return s;
      case "AugAssign":
        if (st.target._type === "Name") {
          this.read(st.target, s);
          return this.bits.bind(s, st.target.id);
        }
        s = this.expr(st.value, s);
        return this.target(st.target, s);
      case "AnnAssign":
        if (!st.value) return st.target._type === "Name" ? s : this.target(st.target, s);
        s = this.expr(st.value, s);
        return this.target(st.target, s);
      case "For":
      case "AsyncFor": {
        s = this.expr(st.iter, s);
        this.loop(st.body, this.target(st.target, s));
        const breaks = this.breaks.pop()!;
        return breaks.reduce(meet, this.block(st.orelse, s));
      }
      case "While": {
        s = this.expr(st.test, s);
        this.loop(st.body, s);
        const breaks = this.breaks.pop()!;
        // `while True:` is left only by a break.
        const exhausted = isConstantTrue(st.test) ? null : this.block(st.orelse, s);
        return breaks.reduce(meet, exhausted);
      }
      case "If":
        s = this.expr(st.test, s);
        return meet(this.block(st.body, s), this.block(st.orelse, s));
      case "With":
      case "AsyncWith":
        for (const item of st.items) {
          s = this.expr(item.context_expr, s);
          if (item.optional_vars) s = this.target(item.optional_vars, s);
        }
        // An `__exit__` that returns true suppresses an exception raised anywhere in the
        // body: execution goes on after the `with` with the body's bindings partly made.
        return meet(this.block(st.body, s), s);
      case "Try":
      case "TryStar":
        return this.tryStatement(st, s);
      case "Match": {
        s = this.expr(st.subject, s);
        let out: State = null;
        let exhaustive = false;
        for (const c of st.cases) {
          let inCase = this.pattern(c.pattern, s);
          if (c.guard) inCase = this.expr(c.guard, inCase);
          out = meet(out, this.block(c.body, inCase));
          if (!c.guard && c.pattern._type === "MatchAs" && c.pattern.pattern === null) exhaustive = true;
        }
        return exhaustive ? out : meet(out, s);
      }
      case "Assert":
        s = this.expr(st.test, s);
        if (st.msg) this.expr(st.msg, s);
        return s;
      case "Import":
        for (const a of st.names) s = this.bits.bind(s, a.asname ?? a.name.split(".")[0]!);
        return s;
      case "ImportFrom":
        for (const a of st.names) {
          if (a.name !== "*") s = this.bits.bind(s, a.asname ?? a.name);
          else for (const name of starNames(st.module) ?? []) s = this.bits.bind(s, name);
        }
        return s;
      case "Expr":
        return this.expr(st.value, s);
      default:
        return s;
    }
  }

  /** A loop body, entered with the state of its first iteration; breaks are collected. */
  private loop(body: py.Stmt[], s: State): void {
    this.breaks.push([]);
    this.block(body, s);
  }

  private tryStatement(st: py.Try | py.TryStar, s: State): State {
    const body = this.block(st.body, s);
    // An exception may come before any of the body's bindings.
    let normal = this.block(st.orelse, body);
    for (const h of st.handlers) {
      let inHandler = s;
      if (h.type) inHandler = this.expr(h.type, inHandler);
      if (h.name) inHandler = this.bits.bind(inHandler, h.name);
      let out = this.block(h.body, inHandler);
      // Python deletes the `as` name when the handler ends.
      if (h.name) out = this.bits.unbind(out, h.name);
      normal = meet(normal, out);
    }
    if (st.finalbody.length === 0) return normal;
    // The finally block also runs with an exception passing through (from the state `s`).
    this.block(st.finalbody, s);
    return normal === null ? null : this.block(st.finalbody, normal);
  }

  private pattern(p: py.Pattern, s: State): State {
    switch (p._type) {
      case "MatchValue":
        return this.expr(p.value, s);
      case "MatchSingleton":
        return s;
      case "MatchSequence":
        for (const q of p.patterns) s = this.pattern(q, s);
        return s;
      case "MatchOr":
        // Every alternative binds the same names.
        return p.patterns.length ? this.pattern(p.patterns[0]!, s) : s;
      case "MatchMapping":
        for (const k of p.keys) s = this.expr(k, s);
        for (const q of p.patterns) s = this.pattern(q, s);
        return p.rest ? this.bits.bind(s, p.rest) : s;
      case "MatchClass":
        s = this.expr(p.cls, s);
        for (const q of [...p.patterns, ...p.kwd_patterns]) s = this.pattern(q, s);
        return s;
      case "MatchStar":
        return p.name ? this.bits.bind(s, p.name) : s;
      case "MatchAs":
        if (p.pattern) s = this.pattern(p.pattern, s);
        return p.name ? this.bits.bind(s, p.name) : s;
    }
  }

  private defaults(args: py.Arguments, s: State): State {
    for (const d of args.defaults) s = this.expr(d, s);
    for (const d of args.kw_defaults) if (d) s = this.expr(d, s);
    return s;
  }

  private target(t: py.Expr, s: State): State {
    switch (t._type) {
      case "Name":
        return this.bits.bind(s, t.id);
      case "Tuple":
      case "List":
        for (const e of t.elts) s = this.target(e, s);
        return s;
      case "Starred":
        return this.target(t.value, s);
      case "Attribute":
        return this.expr(t.value, s);
      case "Subscript":
        return this.expr(t.slice, this.expr(t.value, s));
      default:
        return this.expr(t, s);
    }
  }

  private deleteTarget(t: py.Expr, s: State): State {
    if (t._type === "Name") {
      this.read(t, s);
      return this.bits.unbind(s, t.id);
    }
    if (t._type === "Tuple" || t._type === "List") {
      for (const e of t.elts) s = this.deleteTarget(e, s);
      return s;
    }
    return this.target(t, s);
  }

  private read(e: py.Name, s: State): void {
    if (s !== null && this.locals.has(e.id) && !this.bits.has(s, e.id)) this.unbound.add(readKey(e.lineno, e.col_offset));
  }

  private expr(e: py.Expr, s: State): State {
    if (s === null) return null;
    switch (e._type) {
      case "Name":
        if (e.ctx === "Load") this.read(e, s);
        return s;
      case "NamedExpr":
        return this.bits.bind(this.expr(e.value, s), e.target.id);
      case "BoolOp": {
        // Only the first operand surely runs.
        const first = this.expr(e.values[0]!, s);
        let later = first;
        for (const v of e.values.slice(1)) later = this.expr(v, later);
        return first;
      }
      case "IfExp": {
        const tested = this.expr(e.test, s);
        return meet(this.expr(e.body, tested), this.expr(e.orelse, tested));
      }
      case "Lambda":
        s = this.defaults(e.args, s);
        this.capture(e, s);
        return s;
      case "ListComp":
      case "SetComp":
      case "DictComp":
      case "GeneratorExp":
        // Only the first iterable is evaluated in this scope.
        s = this.expr(e.generators[0]!.iter, s);
        this.capture(e, s);
        return s;
      default:
        for (const child of childExprs(e)) s = this.expr(child, s);
        return s;
    }
  }
}

/**
 * The reads (as `readKey`s) of `locals` in `body` that may happen while the name is unbound;
 * `initial` names (parameters) are bound on entry.
 */
export function unboundReads(body: py.Stmt[], locals: ReadonlySet<string>, initial: Iterable<string>, freeIn?: (node: object) => Iterable<string>, late?: Set<string>): Set<string> {
  const flow = new DefiniteAssignment(locals, freeIn, late);
  flow.block(body, flow.bits.of(initial));
  return flow.unbound;
}
