// `and` / `or` / `not` chains. Lezer gives `not` a looser binding than `and`/`or`
// (`a and not b or c` comes out as `a and not (b or c)`), so the chain's operands and
// operators are read back in source order and re-grouped with Python's precedence:
// `or` < `and` < `not`. Runs of one operator become a single BoolOp, as in CPython.
import type { Expr } from "./ast.js";
import { CHAIN } from "./chains.js";
import type { CNode, Source } from "./cst.js";
import { convertExpr } from "./expressions.js";

type Token = { op: "and" | "or" | "not"; node: CNode } | { op: null; node: CNode };

interface Built {
  expr: Expr;
  from: number;
  to: number;
}

/** The chain's operands and operators in source order (iteratively: chains can be long). */
function flatten(root: CNode, src: Source, out: Token[]): void {
  const stack: (CNode | Token)[] = [root];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if ("op" in item) {
      out.push(item);
      continue;
    }
    const cs = item.children;
    if (item.name === CHAIN) {
      // a flat chain (chains.ts): operands at even indices, `and`/`or` between them
      for (let k = cs.length - 1; k >= 0; k--) {
        const c = cs[k]!;
        stack.push(k % 2 === 0 ? c : { op: src.slice(c) as "and" | "or", node: c });
      }
      continue;
    }
    if (item.name === "BinaryExpression" && cs.length === 3) {
      const op = src.slice(cs[1]!);
      if (op === "and" || op === "or") {
        stack.push(cs[2]!, { op, node: cs[1]! }, cs[0]!);
        continue;
      }
    }
    if (item.name === "UnaryExpression" && cs.length === 2 && src.slice(cs[0]!) === "not") {
      stack.push(cs[1]!, { op: "not", node: cs[0]! });
      continue;
    }
    out.push({ op: null, node: item });
  }
}

/** Converts a BinaryExpression with `and`/`or` (or a flat chain of them) or a UnaryExpression with `not`. */
export function convertBoolChain(n: CNode, src: Source): Expr {
  const tokens: Token[] = [];
  flatten(n, src, tokens);
  let i = 0;
  const peek = () => tokens[i]?.op;

  const parseNot = (): Built => {
    const t = tokens[i++];
    if (!t) return src.fail(n.to, "invalid syntax");
    if (t.op === "not") {
      const operand = parseNot();
      const span = src.span(t.node.from, operand.to);
      return { expr: { _type: "UnaryOp", op: "Not", operand: operand.expr, ...span }, from: t.node.from, to: operand.to };
    }
    if (t.op !== null) return src.fail(t.node.from, "invalid syntax");
    return { expr: convertExpr(t.node, src), from: t.node.from, to: t.node.to };
  };
  const parseRun = (op: "and" | "or", operand: () => Built): Built => {
    const first = operand();
    const values = [first.expr];
    let to = first.to;
    while (peek() === op) {
      i++;
      const next = operand();
      values.push(next.expr);
      to = next.to;
    }
    if (values.length === 1) return first;
    const expr: Expr = { _type: "BoolOp", op: op === "and" ? "And" : "Or", values, ...src.span(first.from, to) };
    return { expr, from: first.from, to };
  };
  const result = parseRun("or", () => parseRun("and", parseNot));
  if (i !== tokens.length) src.fail(tokens[i]!.node.from, "invalid syntax");
  return result.expr;
}
