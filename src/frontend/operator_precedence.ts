// Lezer's grammar gives `await` the precedence of a prefix operator that takes a whole binary
// expression (`x + await b + c` reads as `x + await (b + c)`), where to CPython `await` takes a
// primary only. A chain of operators holding such an `await` is taken apart into its operands,
// prefix operators and binary operators, and rebuilt by CPython's precedence.
import { CHAIN, CHAIN_OP, chainOpText } from "./chains.js";
import type { CNode, Source } from "./cst.js";

const BINARY = "BinaryExpression";

/** Whether an `await` inside the operator chain rooted at `n` swallowed a binary expression. */
export function needsRebuild(n: CNode): boolean {
  const stack = [n];
  for (let c = stack.pop(); c; c = stack.pop()) {
    if (c.name === "AwaitExpression") {
      const operand = c.children[1];
      if (operand?.name === BINARY) return true;
      if (operand) stack.push(operand);
    } else if (c.name === BINARY) {
      stack.push(c.children[0]!, c.children[c.children.length - 1]!);
    } else if (c.name === CHAIN) {
      for (let k = 0; k < c.children.length; k += 2) stack.push(c.children[k]!);
    } else if (c.name === "UnaryExpression") {
      const operand = c.children[1];
      if (operand) stack.push(operand);
    }
  }
  return false;
}

type Item = { kind: "operand"; node: CNode } | { kind: "prefix"; node: CNode } | { kind: "binary"; nodes: CNode[]; text: string };

/** Binding power of binary operators (CPython's grammar, loosest first). */
function binaryPower(text: string): number {
  switch (text) {
    case "or": return 1;
    case "and": return 2;
    case "<": case ">": case "==": case ">=": case "<=": case "!=": case "in": case "not in": case "is": case "is not": return 4;
    case "|": return 5;
    case "^": return 6;
    case "&": return 7;
    case "<<": case ">>": return 8;
    case "+": case "-": return 9;
    case "**": return 12;
    default: return 10; // * / // % @
  }
}

/** The chain rebuilt by CPython's precedence (the same nodes, regrouped). */
export function rebuildChain(n: CNode, src: Source): CNode {
  const items: Item[] = [];
  // an explicit stack: operator chains can be thousands of terms long
  const stack: (CNode | Item)[] = [n];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (!("name" in top)) {
      items.push(top);
      continue;
    }
    const cs = top.children;
    if (top.name === CHAIN) {
      // a flat chain (chains.ts): operands at even indices
      for (let k = cs.length - 1; k >= 0; k--) {
        const c = cs[k]!;
        stack.push(k % 2 === 0 ? c : { kind: "binary", nodes: c.name === CHAIN_OP ? c.children : [c], text: chainOpText(c, (o) => src.slice(o)) });
      }
    } else if (top.name === BINARY) {
      const ops = cs.slice(1, -1);
      stack.push(cs[cs.length - 1]!, { kind: "binary", nodes: ops, text: ops.map((o) => src.slice(o)).join(" ") }, cs[0]!);
    } else if ((top.name === "AwaitExpression" || top.name === "UnaryExpression") && cs.length === 2) {
      stack.push(cs[1]!, { kind: "prefix", node: cs[0]! });
    } else {
      items.push({ kind: "operand", node: top });
    }
  }
  let i = 0;
  const parse = (minPower: number): CNode => {
    let left = parsePrefixed();
    for (;;) {
      const op = items[i];
      if (!op || op.kind !== "binary") return left;
      const power = binaryPower(op.text);
      if (power < minPower) return left;
      i++;
      // `**` groups to the right; the others to the left
      const right = parse(power === 12 ? 12 : power + 1);
      left = { name: BINARY, from: left.from, to: right.to, isError: false, children: [left, ...op.nodes, right] };
    }
  };
  const parsePrefixed = (): CNode => {
    const item = items[i++];
    if (!item || item.kind === "binary") return src.fail(item ? item.nodes[0]!.from : n.to, "invalid syntax");
    if (item.kind === "operand") return item.node;
    const text = src.slice(item.node);
    // `not` takes a comparison, `-x` a power, `await` a primary
    const operand = text === "not" ? parse(4) : text === "await" ? parsePrefixed() : parse(12);
    const name = text === "await" ? "AwaitExpression" : "UnaryExpression";
    return { name, from: item.node.from, to: operand.to, isError: false, children: [item.node, operand] };
  };
  const rebuilt = parse(0);
  if (i < items.length) return src.fail(n.to, "invalid syntax");
  return rebuilt;
}
