// `match` statement patterns: Lezer pattern nodes to MatchValue / MatchAs / MatchClass ...
import type { Expr, Pattern } from "./ast.js";
import { type CNode, type Source, inner, splitOn } from "./cst.js";
import { convertExpr } from "./expressions.js";
import { scanTokens } from "./scan.js";

/** The comma-separated patterns after `case`: one pattern, or an open sequence. */
export function convertPatternList(nodes: CNode[], src: Source): Pattern {
  if (nodes.length === 0) src.fail(0, "invalid syntax");
  const groups = splitOn(nodes, ",");
  if (groups.length === 1 && !nodes.some((c) => c.name === ",")) return convertPattern(groups[0]![0]!, src);
  const patterns = groups.map((g) => convertPattern(g[0]!, src));
  return { _type: "MatchSequence", patterns, ...src.span(nodes[0]!.from, nodes[nodes.length - 1]!.to) };
}

/** A mapping key that is a dotted name (`Keys.KEY`), shown to Lezer as a string (repair.ts). */
function dottedKey(n: CNode, src: Source): Expr | null {
  if (!/^[\p{L}\p{Nl}_]/u.test(src.text[n.from] ?? "")) return null;
  const parts = [...scanTokens(src.text, n.from, n.to)].filter((t) => t.kind === "word")
    .map((t) => ({ name: "PropertyName", from: t.from, to: t.to, isError: false, children: [] }));
  return attributeChain({ name: "AttributePattern", from: n.from, to: n.to, isError: false, children: parts }, src);
}

function attributeChain(n: CNode, src: Source): Expr {
  const parts = n.children.filter((c) => c.name === "VariableName" || c.name === "PropertyName");
  let e: Expr = { _type: "Name", id: src.slice(parts[0]!), ctx: "Load", ...src.span(parts[0]!.from, parts[0]!.to) };
  for (const p of parts.slice(1)) {
    e = { _type: "Attribute", value: e, attr: src.slice(p), ctx: "Load", ...src.span(parts[0]!.from, p.to) };
  }
  return e;
}

/** A String node that stands for adjacent literals (see repair.ts): the literals, read from the source. */
function joinedStrings(n: CNode, src: Source): CNode {
  if (n.name !== "String") return n;
  const parts = [...scanTokens(src.text, n.from, n.to)].filter((t) => t.kind !== "newline");
  if (parts.length < 2) return n;
  if (parts.some((t) => /^[a-zA-Z]*[fF]/.test(src.text.slice(t.from, t.to)))) {
    src.fail(n.from, "patterns may only match literals and attribute lookups");
  }
  const children = parts.map((t) => ({ name: "String", from: t.from, to: t.to, isError: false, children: [] }));
  return { name: "ContinuedString", from: n.from, to: n.to, isError: false, children };
}

function literalValue(n: CNode, src: Source): Pattern {
  const span = src.span(n.from, n.to);
  const cs = n.children;
  const first = cs[0];
  if (!first || first.isError) src.fail(n.from, "invalid syntax");
  if (first.name === "None") return { _type: "MatchSingleton", value: { kind: "None" }, ...span };
  if (first.name === "Boolean") return { _type: "MatchSingleton", value: { kind: "bool", value: src.slice(first) === "True" }, ...span };
  if (first.name === "String" || first.name === "FormatString" || first.name === "ContinuedString") {
    const value = convertExpr(joinedStrings(first, src), src);
    if (value._type === "JoinedStr") src.fail(first.from, "patterns may only match literals and attribute lookups");
    return { _type: "MatchValue", value, ...span };
  }
  // [-] Number ([+-] Number)
  let i = 0;
  let value: Expr;
  if (cs[0]!.name === "ArithOp") {
    const num = convertExpr(cs[1]!, src);
    value = { _type: "UnaryOp", op: "USub", operand: num, ...src.span(cs[0]!.from, cs[1]!.to) };
    i = 2;
  } else {
    value = convertExpr(cs[0]!, src);
    i = 1;
  }
  if (cs[i]?.name === "ArithOp") {
    const right = convertExpr(cs[i + 1]!, src);
    if (right._type !== "Constant" || right.value.kind !== "complex") src.fail(cs[i + 1]!.from, "imaginary number required in complex literal");
    value = { _type: "BinOp", left: value, op: src.slice(cs[i]!) === "+" ? "Add" : "Sub", right, ...span };
  }
  return { _type: "MatchValue", value, ...span };
}

/** Where a pattern node's text ends: Lezer's recovery can leave trailing blanks in a node (`float() as n`). */
function patternEnd(n: CNode, src: Source): number {
  let end = n.to;
  while (end > n.from && /[ \t\f\r\n\\]/.test(src.text[end - 1]!)) end--;
  return end;
}

export function convertPattern(n: CNode, src: Source): Pattern {
  const span = src.span(n.from, patternEnd(n, src));
  const cs = n.children;
  switch (n.name) {
    case "CapturePattern": {
      const id = src.slice(cs[0]!);
      return { _type: "MatchAs", pattern: null, name: id === "_" ? null : id, ...span };
    }
    case "LiteralPattern":
      return literalValue(n, src);
    case "AttributePattern":
      return { _type: "MatchValue", value: attributeChain(n, src), ...span };
    case "AsPattern": {
      const target = src.slice(cs[cs.length - 1]!);
      if (target === "_") src.fail(cs[cs.length - 1]!.from, "cannot use '_' as a target");
      return { _type: "MatchAs", pattern: convertPattern(cs[0]!, src), name: target, ...span };
    }
    case "OrPattern": {
      const patterns: Pattern[] = [];
      const alternatives = cs.filter((c) => c.name !== "LogicOp");
      let capture: { name: string; innerEnd: number } | null = null;
      for (const [i, c] of alternatives.entries()) {
        let p = convertPattern(c, src);
        // Lezer reads `a | b as n` as `a | (b as n)`; in Python `as` binds the whole or-pattern.
        if (i === alternatives.length - 1 && c.name === "AsPattern" && p._type === "MatchAs" && p.pattern) {
          capture = { name: p.name!, innerEnd: patternEnd(c.children[0]!, src) };
          p = p.pattern;
        } else if (c.name === "AsPattern") {
          src.fail(c.from, "invalid syntax");
        }
        // Lezer may nest or-patterns; CPython keeps one flat list
        const unparenthesised = c.name === "OrPattern" || (capture !== null && c.children[0]?.name === "OrPattern");
        if (p._type === "MatchOr" && unparenthesised) patterns.push(...p.patterns);
        else patterns.push(p);
      }
      if (capture === null) return { _type: "MatchOr", patterns, ...span };
      const or: Pattern = { _type: "MatchOr", patterns, ...src.span(n.from, capture.innerEnd) };
      return { _type: "MatchAs", pattern: or, name: capture.name, ...span };
    }
    case "StarPattern": {
      const target = cs[1];
      if (!target || target.name !== "CapturePattern") src.fail(n.from, "invalid syntax");
      const id = src.slice(target);
      return { _type: "MatchStar", name: id === "_" ? null : id, ...span };
    }
    case "SequencePattern": {
      const body = inner(n).filter((c) => !c.isError && !(c.name === "LiteralPattern" && c.from === c.to));
      const parenthesised = cs[0]!.name === "(";
      if (parenthesised && body.length === 1) return convertPattern(body[0]!, src);
      const patterns = splitOn(body, ",").map((g) => convertPattern(g[0]!, src));
      return { _type: "MatchSequence", patterns, ...span };
    }
    case "MappingPattern": {
      const keys: Expr[] = [];
      const patterns: Pattern[] = [];
      let rest: string | null = null;
      for (const g of splitOn(inner(n).filter((c) => !c.isError), ",")) {
        const keyNode = g[0]!;
        // `**rest` must come last
        if (rest !== null) src.fail(keyNode.from, "invalid syntax");
        if (keyNode.name === "**") {
          rest = src.slice(g[1]!);
          continue;
        }
        if (keyNode.name !== "LiteralPattern") src.fail(keyNode.from, "invalid syntax");
        const dotted = dottedKey(keyNode, src);
        if (dotted) {
          keys.push(dotted);
          patterns.push(convertPattern(g[2]!, src));
          continue;
        }
        const key = literalValue(keyNode, src);
        keys.push(key._type === "MatchValue" ? key.value : {
          _type: "Constant", value: key._type === "MatchSingleton" ? key.value : { kind: "None" }, kind: null,
          ...src.span(keyNode.from, keyNode.to),
        });
        patterns.push(convertPattern(g[2]!, src));
      }
      return { _type: "MatchMapping", keys, patterns, rest, ...span };
    }
    case "ClassPattern": {
      const clsNode = cs[0]!;
      const cls: Expr = clsNode.name === "AttributePattern"
        ? attributeChain(clsNode, src)
        : { _type: "Name", id: src.slice(clsNode), ctx: "Load", ...src.span(clsNode.from, clsNode.to) };
      const patterns: Pattern[] = [];
      const kwd_attrs: string[] = [];
      const kwd_patterns: Pattern[] = [];
      const args = inner(cs[1]!).filter((c) => !c.isError && !(c.name === "LiteralPattern" && c.from === c.to));
      for (const g of splitOn(args, ",")) {
        const p = g[0]!;
        if (p.name === "KeywordPattern") {
          kwd_attrs.push(src.slice(p.children[0]!));
          kwd_patterns.push(convertPattern(p.children[p.children.length - 1]!, src));
        } else {
          if (kwd_attrs.length) src.fail(p.from, "positional patterns follow keyword patterns");
          patterns.push(convertPattern(p, src));
        }
      }
      return { _type: "MatchClass", cls, patterns, kwd_attrs, kwd_patterns, ...span };
    }
    default:
      if (n.isError) src.fail(n.from, "invalid syntax");
      return src.unsupported(n);
  }
}
