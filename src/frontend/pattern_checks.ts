// Errors CPython 3.11's compiler raises for `case` patterns (compile.c, compiler_pattern_*):
// names bound twice, alternatives binding different names, irrefutable patterns that hide
// the cases after them, repeated mapping keys and class-pattern attributes.
import type { ConstantValue, Expr, MatchCase, Pattern } from "./ast.js";
import { syntaxError } from "./diagnostics.js";

interface PatternContext {
  /** names bound so far, in binding order */
  stores: string[];
  /** whether an irrefutable pattern is allowed here */
  allowIrrefutable: boolean;
  /** the pattern the compiler last set its location to: errors found later point there */
  loc: Pattern;
}

export function checkMatchCase(c: MatchCase, isLast: boolean): void {
  const pc: PatternContext = { stores: [], allowIrrefutable: c.guard !== null || isLast, loc: c.pattern };
  pattern(c.pattern, pc);
}

function capture(name: string | null, pc: PatternContext): void {
  if (name === null) return;
  if (name === "__debug__") syntaxError(pc.loc, "cannot assign to __debug__");
  if (pc.stores.includes(name)) syntaxError(pc.loc, `multiple assignments to name '${name}' in pattern`);
  pc.stores.push(name);
}

function subpattern(p: Pattern, pc: PatternContext): void {
  pc.allowIrrefutable = true;
  pattern(p, pc);
}

function pattern(p: Pattern, pc: PatternContext): void {
  pc.loc = p;
  switch (p._type) {
    case "MatchAs":
      if (p.pattern === null) {
        if (!pc.allowIrrefutable) {
          syntaxError(p, p.name === null ? "wildcard makes remaining patterns unreachable" : `name capture '${p.name}' makes remaining patterns unreachable`);
        }
        capture(p.name, pc);
        return;
      }
      pattern(p.pattern, pc);
      pc.loc = p;
      capture(p.name, pc);
      return;
    case "MatchStar":
      capture(p.name, pc);
      return;
    case "MatchSequence": {
      if (p.patterns.filter((x) => x._type === "MatchStar").length > 1) syntaxError(p, "multiple starred names in sequence pattern");
      for (const x of p.patterns) subpattern(x, pc);
      return;
    }
    case "MatchMapping": {
      const seen = new Set<string>();
      for (const k of p.keys) {
        const key = constantKey(k);
        if (key === null) continue;
        if (seen.has(key)) syntaxError(p, `mapping pattern checks duplicate key (${key})`);
        seen.add(key);
      }
      for (const x of p.patterns) subpattern(x, pc);
      capture(p.rest, pc);
      return;
    }
    case "MatchClass": {
      const attrs = new Set<string>();
      p.kwd_attrs.forEach((a, i) => {
        const at = p.kwd_patterns[i]!;
        if (a === "__debug__") syntaxError(at, "cannot assign to __debug__");
        if (attrs.has(a)) syntaxError(at, `attribute name repeated in class pattern: ${a}`);
        attrs.add(a);
      });
      for (const x of [...p.patterns, ...p.kwd_patterns]) subpattern(x, pc);
      return;
    }
    case "MatchOr": {
      const outer = pc.stores;
      const allow = pc.allowIrrefutable;
      let control: string[] | null = null;
      p.patterns.forEach((alt, i) => {
        pc.stores = [...outer];
        pc.allowIrrefutable = i === p.patterns.length - 1 && allow;
        pattern(alt, pc);
        const bound = pc.stores.slice(outer.length);
        if (control === null) control = bound;
        else if (bound.length !== control.length || control.some((n) => !bound.includes(n))) {
          syntaxError(pc.loc, "alternative patterns bind different names");
        }
      });
      pc.stores = [...outer, ...(control ?? [])];
      return;
    }
    case "MatchValue":
    case "MatchSingleton":
      return;
  }
}

/** The repr CPython shows for a literal mapping key, or null for keys it cannot compare here. */
function constantKey(e: Expr): string | null {
  if (e._type !== "Constant") return null;
  const v: ConstantValue = e.value;
  switch (v.kind) {
    case "str": return `'${v.value}'`;
    case "int": return String(v.value);
    case "None": return "None";
    case "bool": return v.value ? "True" : "False";
    default: return null;
  }
}
