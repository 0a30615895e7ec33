// Expressions: Lezer expression nodes to typed Python AST expressions.
import type {
  CmpOp, Comprehension, Expr, ExprContext, Keyword, Operator, Tuple, UnaryOperator,
} from "./ast.js";
import { type CNode, type Source, inner, splitOn } from "./cst.js";
import { convertLambdaParams } from "./params.js";
import { parseNumber } from "./numbers.js";
import { convertStrings } from "./strings.js";
import { setContext } from "./targets.js";
import { isTrailingDotNumber } from "./errors.js";
import { convertBoolChain } from "./booleans.js";
import { CHAIN, chainOpText } from "./chains.js";
import { needsRebuild, rebuildChain } from "./operator_precedence.js";

const BIN_OPS: Record<string, Operator> = {
  "+": "Add", "-": "Sub", "*": "Mult", "@": "MatMult", "/": "Div", "%": "Mod", "**": "Pow",
  "<<": "LShift", ">>": "RShift", "|": "BitOr", "^": "BitXor", "&": "BitAnd", "//": "FloorDiv",
};
const CMP_OPS: Record<string, CmpOp> = {
  "==": "Eq", "!=": "NotEq", "<": "Lt", "<=": "LtE", ">": "Gt", ">=": "GtE", "<>": "NotEq",
};

function last<T>(xs: T[]): T {
  return xs[xs.length - 1]!;
}

/** One comma-separated element: `expr` or `* expr` (a Starred). */
export function convertElement(group: CNode[], src: Source): Expr {
  if (group.length === 0) src.fail(0, "invalid syntax");
  if (group[0]!.name === "*" && group.length === 2) {
    const value = convertExpr(group[1]!, src);
    return { _type: "Starred", value, ctx: "Load", ...src.span(group[0]!.from, group[1]!.to) };
  }
  if (group.length !== 1) src.fail(group[1]!.from, "invalid syntax");
  return convertExpr(group[0]!, src);
}

/** An unparenthesised tuple over `nodes` (elements separated by "," tokens). */
export function makeTuple(nodes: CNode[], src: Source, ctx: ExprContext): Tuple {
  const elts = splitOn(nodes, ",").map((g) => convertElement(g, src));
  return { _type: "Tuple", elts, ctx, ...src.span(nodes[0]!.from, last(nodes).to) };
}

/** `expressions` in statement position: a single element, or a bare tuple when commas appear. */
export function convertExprList(nodes: CNode[], src: Source): Expr {
  if (nodes.some((n) => n.name === ",")) return makeTuple(nodes, src, "Load");
  return convertElement(nodes, src);
}

export function convertExpr(n: CNode, src: Source): Expr {
  const span = src.span(n.from, n.to);
  const cs = n.children;
  switch (n.name) {
    case "VariableName":
      return { _type: "Name", id: src.slice(n), ctx: "Load", ...span };
    case "Number":
      return { _type: "Constant", value: parseNumber(src.slice(n), src, n.from), kind: null, ...span };
    case "String":
    case "FormatString":
    case "ContinuedString":
      return convertStrings(n, src);
    case "Ellipsis":
      return { _type: "Constant", value: { kind: "Ellipsis" }, kind: null, ...span };
    case "None":
      return { _type: "Constant", value: { kind: "None" }, kind: null, ...span };
    case "Boolean":
      return { _type: "Constant", value: { kind: "bool", value: src.slice(n) === "True" }, kind: null, ...span };
    case "ParenthesizedExpression": {
      const body = inner(n);
      if (body[0]?.name === "*") src.fail(body[0].from, "cannot use starred expression here");
      return convertExpr(body[0]!, src);
    }
    case "TupleExpression": {
      const body = inner(n);
      const elts = splitOn(body, ",").map((g) => convertElement(g, src));
      return { _type: "Tuple", elts, ctx: "Load", ...span };
    }
    case "ArrayExpression": {
      const elts = splitOn(inner(n), ",").map((g) => convertElement(g, src));
      return { _type: "List", elts, ctx: "Load", ...span };
    }
    case "SetExpression": {
      const elts = splitOn(inner(n), ",").map((g) => convertElement(g, src));
      return { _type: "Set", elts, ...span };
    }
    case "DictionaryExpression":
      return convertDict(n, src);
    case "ComprehensionExpression":
    case "ArrayComprehensionExpression":
    case "SetComprehensionExpression":
    case "DictionaryComprehensionExpression":
      return convertComprehension(n.name, inner(n), n.from, n.to, src);
    case "CallExpression":
      return convertCall(n, src);
    case "MemberExpression":
      return convertMember(n, src);
    case "UnaryExpression":
      return convertUnary(n, src);
    case "BinaryExpression":
    case CHAIN:
      return convertBinary(n, src);
    case "AwaitExpression":
      return convertAwait(n, src);
    case "YieldExpression":
      return convertYield(n, src);
    case "ConditionalExpression": {
      const [body, , test, , orelse] = cs;
      return {
        _type: "IfExp", test: convertExpr(test!, src), body: convertExpr(body!, src),
        orelse: convertExpr(orelse!, src), ...span,
      };
    }
    case "LambdaExpression": {
      const params = cs.find((c) => c.name === "ParamList");
      return { _type: "Lambda", args: convertLambdaParams(params, src), body: convertExpr(last(cs), src), ...span };
    }
    case "NamedExpression": {
      const target = convertExpr(cs[0]!, src);
      if (target._type !== "Name") src.fail(cs[0]!.from, `cannot use assignment expressions with ${describe(target)}`);
      target.ctx = "Store";
      return { _type: "NamedExpr", target, value: convertExpr(cs[2]!, src), ...span };
    }
    default:
      if (n.isError) src.fail(n.from, "invalid syntax");
      return src.unsupported(n);
  }
}

/** A short description of an expression kind for CPython-style messages. */
export function describe(e: Expr): string {
  switch (e._type) {
    case "Call": return "function call";
    case "Constant": return e.value.kind === "Ellipsis" ? "ellipsis" : e.value.kind === "None" || e.value.kind === "bool" ? String(src_repr(e)) : "literal";
    case "Compare": return "comparison";
    case "BoolOp": case "BinOp": case "UnaryOp": return "expression";
    case "Lambda": return "lambda";
    case "IfExp": return "conditional expression";
    case "NamedExpr": return "named expression";
    case "Await": return "await expression";
    case "Yield": case "YieldFrom": return "yield expression";
    case "GeneratorExp": return "generator expression";
    case "ListComp": return "list comprehension";
    case "SetComp": return "set comprehension";
    case "DictComp": return "dict comprehension";
    case "Dict": return "dict literal";
    case "Set": return "set display";
    case "JoinedStr": case "FormattedValue": return "f-string expression";
    case "Tuple": return "tuple";
    case "List": return "list";
    case "Starred": return "starred";
    case "Attribute": return "attribute";
    case "Subscript": return "subscript";
    case "Name": return "name";
    case "Slice": return "slice";
  }
}

function src_repr(e: Expr): string {
  if (e._type !== "Constant") return "";
  if (e.value.kind === "None") return "None";
  return e.value.kind === "bool" && e.value.value ? "True" : "False";
}

function convertDict(n: CNode, src: Source): Expr {
  const keys: (Expr | null)[] = [];
  const values: Expr[] = [];
  for (const g of splitOn(inner(n), ",")) {
    if (g[0]!.name === "**" && g.length === 2) {
      keys.push(null);
      values.push(convertExpr(g[1]!, src));
    } else if (g.length === 3 && g[1]!.name === ":") {
      keys.push(convertExpr(g[0]!, src));
      values.push(convertExpr(g[2]!, src));
    } else src.fail(g[0]!.from, "invalid syntax");
  }
  return { _type: "Dict", keys, values, ...src.span(n.from, n.to) };
}

/** Parses `async? for targets in iter (if cond)*` clauses starting at nodes[i]. */
export function convertGenerators(nodes: CNode[], src: Source): Comprehension[] {
  const gens: Comprehension[] = [];
  let i = 0;
  while (i < nodes.length) {
    let isAsync: 0 | 1 = 0;
    if (nodes[i]!.name === "async") {
      isAsync = 1;
      i++;
    }
    if (nodes[i]?.name !== "for") src.fail(nodes[i]?.from ?? nodes[0]!.from, "invalid syntax");
    i++;
    const targetNodes: CNode[] = [];
    while (i < nodes.length && nodes[i]!.name !== "in") {
      const t = nodes[i++]!;
      // Lezer's grammar has no starred comprehension targets: its error node wraps the `*`,
      // or repair.ts blanked a `*` right after `for`
      if (t.isError && t.children.length === 1 && t.children[0]!.name === "*") targetNodes.push(t.children[0]!);
      else {
        const star = targetNodes.length === 0 ? hiddenStar(src, t.from) : -1;
        if (star >= 0) targetNodes.push({ name: "*", from: star, to: star + 1, isError: false, children: [] });
        targetNodes.push(t);
      }
    }
    i++; // "in"
    const iterNode = nodes[i++];
    if (!iterNode || targetNodes.length === 0) src.fail(nodes[0]!.from, "invalid syntax");
    const target = convertExprList(targetNodes, src);
    setContext(target, "Store", src, targetNodes[0]!.from);
    const ifs: Expr[] = [];
    while (nodes[i]?.name === "if") {
      ifs.push(convertExpr(nodes[i + 1]!, src));
      i += 2;
    }
    gens.push({ _type: "comprehension", target, iter: convertExpr(iterNode, src), ifs, is_async: isAsync });
  }
  return gens;
}

/** The offset of a `*` just before `offset` in the original text (skipping blanks), or -1. */
function hiddenStar(src: Source, offset: number): number {
  let k = offset - 1;
  while (k >= 0 && /[ \t\n\\]/.test(src.text[k]!)) k--;
  return src.text[k] === "*" ? k : -1;
}

/** A comprehension whose element nodes precede the first `for`/`async` in `body`. */
export function convertComprehension(kind: string, body: CNode[], from: number, to: number, src: Source): Expr {
  const split = body.findIndex((c) => c.name === "for" || c.name === "async");
  const head = body.slice(0, split);
  const generators = convertGenerators(body.slice(split), src);
  const span = src.span(from, to);
  if (kind === "DictionaryComprehensionExpression") {
    if (head.length !== 3) src.fail(head[0]!.from, "dict unpacking cannot be used in dict comprehension");
    return { _type: "DictComp", key: convertExpr(head[0]!, src), value: convertExpr(head[2]!, src), generators, ...span };
  }
  if (head[0]?.name === "*") src.fail(head[0].from, "iterable unpacking cannot be used in comprehension");
  const elt = convertElement(head, src);
  if (kind === "ArrayComprehensionExpression") return { _type: "ListComp", elt, generators, ...span };
  if (kind === "SetComprehensionExpression") return { _type: "SetComp", elt, generators, ...span };
  return { _type: "GeneratorExp", elt, generators, ...span };
}

/** Positional and keyword arguments of an ArgList (calls and class bases). */
export function convertArgs(argList: CNode, src: Source): { args: Expr[]; keywords: Keyword[] } {
  const args: Expr[] = [];
  const keywords: Keyword[] = [];
  const nodes = inner(argList);
  const generator = soleGenerator(nodes, src);
  if (generator) {
    const start = nodes[1]?.name === "AssignOp" ? 2 : 0;
    if (start) src.fail(nodes[0]!.from, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    args.push(convertComprehension("ComprehensionExpression", nodes.slice(start), argList.from, argList.to, src));
    return { args, keywords };
  }
  const groups = splitOn(nodes, ",");
  for (const g of groups) {
    const first = g[0]!;
    const lastNode = last(g);
    if (first.name === "**") {
      keywords.push({ _type: "keyword", arg: null, value: convertExpr(g[1]!, src), ...src.span(first.from, lastNode.to) });
    } else if (first.name === "*") {
      if (keywords.some((k) => k.arg === null)) src.fail(first.from, "iterable argument unpacking follows keyword argument unpacking");
      args.push({ _type: "Starred", value: convertExpr(g[1]!, src), ctx: "Load", ...src.span(first.from, lastNode.to) });
    } else if (g.length === 3 && g[1]!.name === "AssignOp") {
      if (src.slice(g[1]!) === ":=") {
        const target = convertExpr(first, src);
        if (target._type !== "Name") src.fail(first.from, "invalid syntax");
        target.ctx = "Store";
        args.push({ _type: "NamedExpr", target, value: convertExpr(g[2]!, src), ...src.span(first.from, lastNode.to) });
        continue;
      }
      keywords.push({ _type: "keyword", arg: src.slice(first), value: convertExpr(g[2]!, src), ...src.span(first.from, lastNode.to) });
    } else {
      if (keywords.length > 0) {
        // CPython blames the call's closing parenthesis
        const unpacking = keywords.some((k) => k.arg === null);
        src.fail(argList.to - 1, unpacking
          ? "positional argument follows keyword argument unpacking"
          : "positional argument follows keyword argument");
      }
      args.push(convertElement(g, src));
    }
  }
  return { args, keywords };
}

/**
 * Whether a call's arguments are one bare generator expression (`f(x for _, x in y)`; the
 * commas of its targets are flat siblings in Lezer's tree). Any other argument next to a
 * generator is CPython's "Generator expression must be parenthesized".
 */
function soleGenerator(nodes: CNode[], src: Source): boolean {
  const forAt = nodes.findIndex((c, i) => c.name === "for" || (c.name === "async" && nodes[i + 1]?.name === "for"));
  if (forAt < 0) return false;
  let headStart = forAt;
  while (headStart > 0 && nodes[headStart - 1]!.name !== ",") headStart--;
  if (headStart > 0) src.fail(nodes[headStart]!.from, "Generator expression must be parenthesized");
  // walk `for targets in iter (if cond)*` clauses; anything after them is another argument
  let i = forAt;
  while (i < nodes.length && (nodes[i]!.name === "for" || nodes[i]!.name === "async")) {
    if (nodes[i]!.name === "async") i++;
    i++;
    while (i < nodes.length && nodes[i]!.name !== "in") i++;
    i += 2;
    while (nodes[i]?.name === "if") i += 2;
  }
  if (i < nodes.length) src.fail(nodes[0]!.from, "Generator expression must be parenthesized");
  return true;
}

function convertCall(n: CNode, src: Source): Expr {
  const func = convertExpr(n.children[0]!, src);
  const { args, keywords } = convertArgs(n.children[1]!, src);
  return { _type: "Call", func, args, keywords, ...src.span(n.from, n.to) };
}

function convertMember(n: CNode, src: Source): Expr {
  const cs = n.children;
  if (isTrailingDotNumber(n, src)) {
    const value = Number(src.slice(cs[0]!).replace(/_/g, ""));
    return { _type: "Constant", value: { kind: "float", value }, kind: null, ...src.span(n.from, cs[1]!.to) };
  }
  const value = convertExpr(cs[0]!, src);
  const span = src.span(n.from, n.to);
  if (cs[1]?.name === ".") {
    if (cs[2]?.name !== "PropertyName") src.fail(cs[1].to, "invalid syntax");
    return { _type: "Attribute", value, attr: src.slice(cs[2]!), ctx: "Load", ...span };
  }
  const body = cs.slice(2, cs[cs.length - 1]!.name === "]" ? -1 : cs.length);
  if (body.length === 0) src.fail(cs[1]!.from, "invalid syntax");
  const groups = splitOn(body, ",");
  const items = groups.map((g) => convertSliceItem(g, src));
  // a lone starred element is a one-element tuple (`a[*b]`)
  const slice: Expr = groups.length === 1 && !body.some((c) => c.name === ",") && items[0]!._type !== "Starred"
    ? items[0]!
    : { _type: "Tuple", elts: items, ctx: "Load", ...src.span(body[0]!.from, last(body).to), lineno: items[0]!.lineno, col_offset: items[0]!.col_offset };
  return { _type: "Subscript", value, slice, ctx: "Load", ...span };
}

function convertSliceItem(g: CNode[], src: Source): Expr {
  if (!g.some((c) => c.name === ":")) {
    // a starred element (`a[*b]`) reaches here without its `*`, which Lezer was not shown (repair.ts)
    let k = g[0]!.from - 1;
    while (k > 0 && /[ \t\n\\]/.test(src.text[k]!)) k--;
    if (src.text[k] === "*" && src.text[k - 1] !== "*" && g[0]!.name !== "*") {
      return { _type: "Starred", value: convertElement(g, src), ctx: "Load", ...src.span(k, last(g).to) };
    }
    return convertElement(g, src);
  }
  const star = src.text.lastIndexOf("*", g[0]!.from);
  if (star >= 0 && /^\*[ \t\n\\]*$/.test(src.text.slice(star, g[0]!.from)) && src.text[star - 1] !== "*") {
    src.fail(g.find((c) => c.name === ":")!.from, "invalid syntax"); // a starred slice bound
  }
  const parts: (Expr | null)[] = [null, null, null];
  let k = 0;
  for (const c of g) {
    if (c.name === ":") k++;
    else parts[k] = convertExpr(c, src);
  }
  return { _type: "Slice", lower: parts[0]!, upper: parts[1]!, step: parts[2]!, ...src.span(g[0]!.from, last(g).to) };
}

function convertUnary(n: CNode, src: Source): Expr {
  if (needsRebuild(n)) return convertExpr(rebuildChain(n, src), src);
  const [opNode, operandNode] = n.children;
  const text = src.slice(opNode!);
  if (text === "not") return convertBoolChain(n, src);
  const op: UnaryOperator = text === "-" ? "USub" : text === "+" ? "UAdd" : "Invert";
  return { _type: "UnaryOp", op, operand: convertExpr(operandNode!, src), ...src.span(n.from, n.to) };
}

function convertBinary(n: CNode, src: Source): Expr {
  if (needsRebuild(n)) return convertExpr(rebuildChain(n, src), src);
  const cs = n.children;
  const opText = n.name === CHAIN ? chainOpText(cs[1]!, (o) => src.slice(o)) : cs.slice(1, -1).map((o) => src.slice(o)).join(" ");
  const span = src.span(n.from, n.to);
  if (opText === "and" || opText === "or") return convertBoolChain(n, src);
  const cmp = compareOp(opText);
  if (cmp) {
    // `a < b < c` nests to the left (and may end in a flat chain, see chains.ts): walk it,
    // collecting from the right end
    const opsList: CmpOp[] = [];
    const comparators: Expr[] = [];
    let l = n;
    for (;;) {
      if (l.name === CHAIN) {
        for (let k = l.children.length - 1; k > 0; k -= 2) {
          const op = compareOp(chainOpText(l.children[k - 1]!, (o) => src.slice(o)));
          if (!op) src.unsupported(l);
          opsList.push(op);
          comparators.push(convertExpr(l.children[k]!, src));
        }
        l = l.children[0]!;
        break;
      }
      if (l.name !== "BinaryExpression") break;
      const lop = compareOp(l.children.slice(1, -1).map((o) => src.slice(o)).join(" "));
      if (!lop) break;
      opsList.push(lop);
      comparators.push(convertExpr(last(l.children), src));
      l = l.children[0]!;
    }
    return { _type: "Compare", left: convertExpr(l, src), ops: opsList.reverse(), comparators: comparators.reverse(), ...span };
  }
  if (n.name === CHAIN) src.unsupported(n);
  if (!BIN_OPS[opText]) src.unsupported(n);
  // `a + b - c ...` nests to the left: walk the chain without recursing once per operator
  const chain: CNode[] = [];
  let bottom: CNode = n;
  while (bottom.name === "BinaryExpression" && bottom.children.length === 3 && BIN_OPS[src.slice(bottom.children[1]!)]) {
    chain.push(bottom);
    bottom = bottom.children[0]!;
  }
  let result = convertExpr(bottom, src);
  for (let i = chain.length - 1; i >= 0; i--) {
    const b = chain[i]!;
    const op = BIN_OPS[src.slice(b.children[1]!)]!;
    result = { _type: "BinOp", left: result, op, right: convertExpr(b.children[2]!, src), ...src.span(b.from, b.to) };
  }
  return result;
}

function compareOp(text: string): CmpOp | null {
  if (text in CMP_OPS) return CMP_OPS[text]!;
  switch (text) {
    case "in": return "In";
    case "not in": return "NotIn";
    case "is": return "Is";
    case "is not": return "IsNot";
  }
  return null;
}

/**
 * `await` takes a primary (`await x ** 2` is `(await x) ** 2`), but Lezer's grammar gives it
 * a whole binary expression: the operator chain is rebuilt with the await on its leftmost operand.
 */
function convertAwait(n: CNode, src: Source): Expr {
  const operand = n.children[1];
  if (!operand) return src.fail(n.to, "invalid syntax");
  // `await a + b` is `(await a) + b`: Lezer's tree says otherwise
  if (operand.name === "BinaryExpression") return convertExpr(rebuildChain(n, src), src);
  if (operand.name === "UnaryExpression" || operand.name === "AwaitExpression") src.fail(operand.from, "invalid syntax");
  return { _type: "Await", value: convertExpr(operand, src), ...src.span(n.from, n.to) };
}

function convertYield(n: CNode, src: Source): Expr {
  const cs = n.children.filter((c) => !(c.isError && c.from === c.to));
  const span = src.span(n.from, n.to);
  if (cs[1]?.name === "from") return { _type: "YieldFrom", value: convertExpr(cs[2]!, src), ...span };
  const rest = cs.slice(1);
  return { _type: "Yield", value: rest.length ? convertExprList(rest, src) : null, ...span };
}
