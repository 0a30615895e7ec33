// Long `and`/`or` and comparison chains. CPython has no limit on their length, but Lezer
// nests them one tree level per operator (and cuts its tree at 2500 levels). A chain found
// deep in the tree is therefore parsed again as one flat node: the operators are found by a
// token scan, each replaced by a same-length `,` (every offset stays valid), and the result is
// parsed as one parenthesised tuple whose elements are the chain's operands. Nothing walks
// such a node recursively, so a chain of any length parses in time linear in its size.
import { type CNode, inner, shiftCst, splitOn } from "./cst.js";
import { scanTokens, type ScanToken } from "./scan.js";

/** Name of the flat node: operands at even indices, operators (see ChainOp) between them. */
export const CHAIN = "OperatorChain";
/** An operator of a flat comparison chain; its children are Lezer's tokens (`not`, `in`, ...). */
export const CHAIN_OP = "ChainOp";

/** Chains with fewer operators are left as Lezer nests them. */
const MIN_OPERATORS = 16;

/** Words that cannot sit at the top level of an operand of either kind of chain. */
const STOP_WORDS = new Set(["if", "else", "lambda", "yield", "for", "async", "from", "import", "as"]);

interface Separator {
  from: number;
  to: number;
  /** Lezer-like leaves making up the operator */
  parts: CNode[];
}

function leaf(name: string, from: number, to: number): CNode {
  return { name, from, to, isError: false, children: [] };
}

/**
 * The operators of the chain text[from, to) at its top level: its `and`/`or` keywords if it
 * has any, else its comparison operators; null if the text is not such a chain.
 */
function separators(text: string, from: number, to: number): { bool: boolean; seps: Separator[] } | null {
  const tokens: ScanToken[] = [];
  for (const t of scanTokens(text, from, to)) if (t.depth === 0 && t.kind !== "newline" && t.kind !== "string") tokens.push(t);
  const bool: Separator[] = [];
  const compare: Separator[] = [];
  let loneNot = false;
  const word = (k: number, w: string): boolean => {
    const t = tokens[k];
    return !!t && t.kind === "word" && text.slice(t.from, t.to) === w;
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === "word") {
      const w = text.slice(t.from, t.to);
      if (STOP_WORDS.has(w)) return null;
      if (w === "and" || w === "or") bool.push({ from: t.from, to: t.to, parts: [leaf(w, t.from, t.to)] });
      else if (w === "in") compare.push({ from: t.from, to: t.to, parts: [leaf("in", t.from, t.to)] });
      else if (w === "not" && word(k + 1, "in")) {
        const next = tokens[++k]!;
        compare.push({ from: t.from, to: next.to, parts: [leaf("not", t.from, t.to), leaf("in", next.from, next.to)] });
      } else if (w === "not") loneNot = true;
      else if (w === "is") {
        const parts = [leaf("is", t.from, t.to)];
        if (word(k + 1, "not")) {
          const next = tokens[++k]!;
          parts.push(leaf("not", next.from, next.to));
        }
        compare.push({ from: t.from, to: parts[parts.length - 1]!.to, parts });
      }
      continue;
    }
    if (t.kind !== "punct") continue;
    const c = text[t.from]!;
    const after = text[t.to];
    if (c === "<" || c === ">") {
      if (after === c) {
        k++; // a shift operator
        continue;
      }
      if (after === "<" || after === ">") return null; // `<>`
      const end = after === "=" ? t.to + 1 : t.to;
      if (after === "=") k++;
      compare.push({ from: t.from, to: end, parts: [leaf("CompareOp", t.from, end)] });
    } else if (c === "=" || c === "!") {
      if (after !== "=") return null; // an assignment or keyword argument, not an operand
      k++;
      compare.push({ from: t.from, to: t.to + 1, parts: [leaf("CompareOp", t.from, t.to + 1)] });
    } else if (c === "," || c === ":" || c === ";") {
      return null;
    }
  }
  if (bool.length > 0) return { bool: true, seps: bool };
  if (compare.length > 0 && !loneNot) return { bool: false, seps: compare };
  return null;
}

/**
 * The chain `node` of `work` as one flat node, or null when it is not a long `and`/`or` or
 * comparison chain. `parse` parses a text on its own (offsets from 0), as the caller's repair does.
 */
export function flatChain(work: string, node: CNode, parse: (text: string) => { root: CNode; regions: Map<number, number> }, regions: Map<number, number>): CNode | null {
  const found = separators(work, node.from, node.to);
  if (!found || found.seps.length < MIN_OPERATORS) return null;
  const { seps } = found;
  const parts: string[] = ["("];
  let copied = node.from;
  for (const s of seps) {
    parts.push(work.slice(copied, s.from), ",", " ".repeat(s.to - s.from - 1));
    copied = s.to;
  }
  parts.push(work.slice(copied, node.to), ")");
  const sub = parse(parts.join(""));
  const delta = node.from - 1;
  shiftCst(sub.root, delta);
  const stmt = sub.root.children.length === 1 ? sub.root.children[0] : undefined;
  const tuple = stmt?.name === "ExpressionStatement" && stmt.children.length === 1 ? stmt.children[0] : undefined;
  if (tuple?.name !== "TupleExpression" || tuple.from !== node.from - 1 || tuple.to !== node.to + 1) return null;
  const groups = splitOn(inner(tuple), ",");
  if (groups.length !== seps.length + 1) return null;
  const children: CNode[] = [];
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!;
    const operand = group[0]!;
    const lo = i === 0 ? node.from : seps[i - 1]!.to;
    const hi = i === seps.length ? node.to : seps[i]!.from;
    // a starred element (`*x`) or anything else that is no single operand: not a chain after all
    if (group.length !== 1 || operand.isError || operand.from < lo || operand.to > hi) return null;
    children.push(operand);
    const s = seps[i];
    if (s) children.push(found.bool ? s.parts[0]! : { name: CHAIN_OP, from: s.from, to: s.to, isError: false, children: s.parts });
  }
  for (const [a, b] of sub.regions) regions.set(a + delta, b + delta);
  return { name: CHAIN, from: node.from, to: node.to, isError: false, children };
}

/** The operator text of an operator node of a chain (`not in`, `is not`, `<=`, `and`). */
export function chainOpText(op: CNode, slice: (n: CNode) => string): string {
  return op.name === CHAIN_OP ? op.children.map(slice).join(" ") : slice(op);
}
