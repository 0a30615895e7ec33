// The match statement (PEP 634): an if / else-if chain over the cases. The subject is
// evaluated once; each case's test is the conjunction of its pattern's checks. Sequence,
// mapping and class patterns call a runtime helper (`matchSequence`, `matchMapping`,
// `matchClass`) that returns the parts the sub-patterns match against, kept in a temporary.
// Captured names are bound in the case's body, or inside the test when a guard or an
// alternative of an or-pattern must see them first.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { declareTemp, lowerExpr, lowerTest } from "./expressions.js";
import { lowerBlock } from "./statements.js";
import { bindName } from "./targets.js";

interface Capture {
  name: string;
  value: ir.Expr;
  loc: ir.Loc;
}

/** A pattern compiled: checks that must all hold, in order, and the names it binds. */
interface Compiled {
  checks: ir.Expr[];
  captures: Capture[];
}

type TempKind = "items" | "values" | "attrs";

/**
 * Temporaries holding helper results. Cases never need each other's, so every case reuses
 * the statement's pool from the start; alternatives of an or-pattern share positions too.
 */
class TempPool {
  private readonly names = new Map<TempKind, string[]>();
  used = new Map<TempKind, number>();

  constructor(private readonly cx: LowerContext) {}

  take(kind: TempKind): ir.Expr {
    const index = this.used.get(kind) ?? 0;
    this.used.set(kind, index + 1);
    const names = this.names.get(kind) ?? [];
    this.names.set(kind, names);
    if (index === names.length) {
      const name = this.cx.temp(kind);
      declareTemp(this.cx, name);
      names.push(name);
    }
    return { k: "id", name: names[index]! };
  }
}

const and = (checks: ir.Expr[]): ir.Expr =>
  checks.length === 0 ? { k: "bool", value: true } : checks.reduce((left, right) => ({ k: "logical", op: "&&", left, right }));

const index = (object: ir.Expr, i: number): ir.Expr => ({ k: "index", object, index: { k: "num", value: i } });

/** `(tmp = helper(...)) !== null`: the helper's result kept for the sub-patterns. */
function helperCheck(tmp: ir.Expr, call: ir.Expr): ir.Expr {
  return { k: "binary", op: "!==", left: { k: "assign", op: "=", target: tmp, value: call }, right: { k: "null" } };
}

/** A captured name's binding as an expression (inside a test). */
function captureExpr(cx: LowerContext, c: Capture): ir.Expr {
  const stmt = bindName(cx, c.name, c.value, c.loc);
  if (stmt.k !== "expr") throw new Error(`internal: pattern capture '${c.name}' is not hoisted`);
  return stmt.expr;
}

/** `(a = x, b = y, last)`: bind the captures, then evaluate `last`. */
function bindThen(cx: LowerContext, captures: Capture[], last: ir.Expr): ir.Expr {
  if (captures.length === 0) return last;
  return { k: "seq", exprs: [...captures.map((c) => captureExpr(cx, c)), last] };
}

function compile(cx: LowerContext, p: py.Pattern, subject: ir.Expr, out: Compiled, pool: TempPool): void {
  const loc = cx.loc(p);
  switch (p._type) {
    case "MatchValue":
      out.checks.push({ k: "call", callee: cx.rt("eq"), args: [subject, lowerExpr(cx, p.value)], loc });
      return;
    case "MatchSingleton":
      if (p.value.kind === "bool") out.checks.push({ k: "binary", op: "===", left: subject, right: { k: "bool", value: p.value.value }, loc });
      else out.checks.push({ k: "binary", op: "==", left: subject, right: { k: "null" }, loc });
      return;
    case "MatchAs":
      if (p.pattern) compile(cx, p.pattern, subject, out, pool);
      if (p.name) out.captures.push({ name: p.name, value: subject, loc });
      return;
    case "MatchStar":
      return cx.syntaxError(p, "can't use starred pattern here");
    case "MatchSequence":
      return compileSequence(cx, p, subject, out, pool);
    case "MatchMapping":
      return compileMapping(cx, p, subject, out, pool);
    case "MatchClass":
      return compileClass(cx, p, subject, out, pool);
    case "MatchOr":
      return compileOr(cx, p, subject, out, pool);
  }
}

function compileSequence(cx: LowerContext, p: py.MatchSequence, subject: ir.Expr, out: Compiled, pool: TempPool): void {
  const stars = p.patterns.flatMap((q, i) => (q._type === "MatchStar" ? [i] : []));
  if (stars.length > 1) cx.syntaxError(p.patterns[stars[1]!]!, "multiple starred names in sequence pattern");
  const star = stars[0] ?? -1;
  const items = pool.take("items");
  const args: ir.Expr[] = [subject, { k: "num", value: p.patterns.length }];
  if (star >= 0) args.push({ k: "num", value: star });
  out.checks.push(helperCheck(items, { k: "call", callee: cx.rt("matchSequence"), args, loc: cx.loc(p) }));
  p.patterns.forEach((q, i) => {
    if (q._type === "MatchStar") {
      if (q.name) out.captures.push({ name: q.name, value: index(items, i), loc: cx.loc(q) });
    } else {
      compile(cx, q, index(items, i), out, pool);
    }
  });
}

function compileMapping(cx: LowerContext, p: py.MatchMapping, subject: ir.Expr, out: Compiled, pool: TempPool): void {
  const values = pool.take("values");
  const keys: ir.Expr = { k: "array", elements: p.keys.map((key) => lowerExpr(cx, key)) };
  const args: ir.Expr[] = [subject, keys];
  if (p.rest) args.push({ k: "bool", value: true });
  out.checks.push(helperCheck(values, { k: "call", callee: cx.rt("matchMapping"), args, loc: cx.loc(p) }));
  p.patterns.forEach((q, i) => compile(cx, q, index(values, i), out, pool));
  if (p.rest) out.captures.push({ name: p.rest, value: index(values, p.keys.length), loc: cx.loc(p) });
}

function compileClass(cx: LowerContext, p: py.MatchClass, subject: ir.Expr, out: Compiled, pool: TempPool): void {
  const cls = lowerExpr(cx, p.cls);
  const loc = cx.loc(p);
  if (p.patterns.length === 0 && p.kwd_patterns.length === 0) {
    // `Point()` is only the type test; matchClass also rejects a non-class as CPython does.
    out.checks.push({ k: "binary", op: "!==", left: { k: "call", callee: cx.rt("matchClass"), args: [subject, cls], loc }, right: { k: "null" } });
    return;
  }
  const attrs = pool.take("attrs");
  const args: ir.Expr[] = [subject, cls, { k: "num", value: p.patterns.length }];
  if (p.kwd_attrs.length) args.push({ k: "array", elements: p.kwd_attrs.map((name) => ({ k: "str", value: name }) as ir.Expr) });
  out.checks.push(helperCheck(attrs, { k: "call", callee: cx.rt("matchClass"), args, loc }));
  [...p.patterns, ...p.kwd_patterns].forEach((q, i) => compile(cx, q, index(attrs, i), out, pool));
}

/** Each alternative binds its own captures as soon as it matches. */
function compileOr(cx: LowerContext, p: py.MatchOr, subject: ir.Expr, out: Compiled, pool: TempPool): void {
  const start = new Map(pool.used);
  let end = new Map(pool.used);
  const alternatives = p.patterns.map((q) => {
    pool.used = new Map(start);
    const alt: Compiled = { checks: [], captures: [] };
    compile(cx, q, subject, alt, pool);
    for (const [kind, n] of pool.used) end.set(kind, Math.max(n, end.get(kind) ?? 0));
    const bound = alt.captures.length ? [bindThen(cx, alt.captures, { k: "bool", value: true })] : [];
    return and([...alt.checks, ...bound]);
  });
  pool.used = end;
  out.checks.push(alternatives.reduce((left, right) => ({ k: "logical", op: "||", left, right })));
}

/** Names the patterns bind, and whether a guard could rebind anything (a walrus). */
function patternNames(p: py.Pattern, into: Set<string>): Set<string> {
  switch (p._type) {
    case "MatchAs":
      if (p.name) into.add(p.name);
      if (p.pattern) patternNames(p.pattern, into);
      break;
    case "MatchStar":
      if (p.name) into.add(p.name);
      break;
    case "MatchMapping":
      if (p.rest) into.add(p.rest);
      p.patterns.forEach((q) => patternNames(q, into));
      break;
    case "MatchClass":
      [...p.patterns, ...p.kwd_patterns].forEach((q) => patternNames(q, into));
      break;
    case "MatchSequence":
    case "MatchOr":
      p.patterns.forEach((q) => patternNames(q, into));
      break;
    default:
      break;
  }
  return into;
}

function containsWalrus(node: unknown): boolean {
  if (node === null || typeof node !== "object") return false;
  if ((node as { _type?: string })._type === "NamedExpr") return true;
  return Object.values(node).some(containsWalrus);
}

function hasBoolSingleton(p: py.Pattern): boolean {
  return JSON.stringify(p, (_key, value: unknown) => (typeof value === "bigint" ? 0 : value)).includes('"kind":"bool"');
}

/** A plain name subject is read directly when no case can rebind it before a later test. */
function subjectRead(cx: LowerContext, s: py.Match): { setup: ir.Stmt[]; subject: ir.Expr } {
  const value = lowerExpr(cx, s.subject);
  const bound = new Set<string>();
  s.cases.forEach((c) => patternNames(c.pattern, bound));
  const direct =
    s.subject._type === "Name" &&
    value.k === "id" &&
    !bound.has(s.subject.id) &&
    !s.cases.some((c) => containsWalrus(c.guard) || hasBoolSingleton(c.pattern));
  if (direct) return { setup: [], subject: value };
  const name = cx.temp("subject");
  return { setup: [{ k: "decl", kind: "const", name, type: { k: "any" }, init: value, loc: cx.loc(s.subject) }], subject: { k: "id", name } };
}

export function lowerMatch(cx: LowerContext, s: py.Match): ir.Stmt[] {
  const { setup, subject } = subjectRead(cx, s);
  const pool = new TempPool(cx);
  const branches = s.cases.map((c, i) => {
    pool.used = new Map();
    const compiled: Compiled = { checks: [], captures: [] };
    compile(cx, c.pattern, subject, compiled, pool);
    const irrefutable = compiled.checks.length === 0 && !c.guard;
    if (irrefutable && i < s.cases.length - 1) {
      const what = c.pattern._type === "MatchAs" && c.pattern.name ? `name capture '${c.pattern.name}'` : "wildcard";
      cx.syntaxError(c.pattern, `${what} makes remaining patterns unreachable`);
    }
    let test: ir.Expr | null = irrefutable ? null : and(compiled.checks);
    const body: ir.Stmt[] = [];
    if (c.guard) {
      // The guard sees the captures, so they are bound before it runs.
      const guard = bindThen(cx, compiled.captures, lowerTest(cx, c.guard));
      test = compiled.checks.length ? and([...compiled.checks, guard]) : guard;
    } else {
      for (const capture of compiled.captures) body.push(bindName(cx, capture.name, capture.value, capture.loc));
    }
    body.push(...lowerBlock(cx, c.body));
    return { test, body };
  });
  // The chain is built from the last case back to the first. Only the first `if` carries a
  // position: codegen marks positioned statements with a comment, which would split `else if`.
  let chain: ir.Stmt[] | null = null;
  for (let i = branches.length - 1; i >= 0; i--) {
    const { test, body } = branches[i]!;
    chain = test === null ? body : [{ k: "if", test, then: body, else: chain, ...(i === 0 ? { loc: cx.loc(s) } : {}) }];
  }
  return [...setup, ...(chain ?? [])];
}
