// Statements: Lezer statement nodes to typed Python AST statements (compound statements end
// where their last nested statement ends, as in CPython).
import type {
  Alias, ExceptHandler, Expr, Keyword, MatchCase, Name, Operator, Stmt, WithItem,
} from "./ast.js";
import { type CNode, type Source, inner, splitOn } from "./cst.js";
import { convertArgs, convertElement, convertExpr, convertExprList, describe, makeTuple } from "./expressions.js";
import { convertDefParams } from "./params.js";
import { convertPatternList } from "./patterns.js";
import { regionAt, subParse } from "./repair.js";
import { findTopLevelWord, matchingBracket, skipBlanks, splitTopLevel } from "./scan.js";
import { setContext } from "./targets.js";

const AUG_OPS: Record<string, Operator> = {
  "+=": "Add", "-=": "Sub", "*=": "Mult", "@=": "MatMult", "/=": "Div", "%=": "Mod", "**=": "Pow",
  "<<=": "LShift", ">>=": "RShift", "|=": "BitOr", "^=": "BitXor", "&=": "BitAnd", "//=": "FloorDiv",
};

/** Where a block ends when that is not where its last statement ends: at a trailing `;`. */
const blockEnds = new WeakMap<Stmt[], { end_lineno: number; end_col_offset: number }>();

function endOf(body: Stmt[]): { end_lineno: number; end_col_offset: number } {
  const own = blockEnds.get(body);
  if (own) return own;
  const lastStmt = body[body.length - 1]!;
  return { end_lineno: lastStmt.end_lineno, end_col_offset: lastStmt.end_col_offset };
}

function startOf(n: CNode, src: Source): { lineno: number; col_offset: number } {
  const p = src.position(n.from);
  return { lineno: p.line, col_offset: p.col };
}

/**
 * The statements of a `Body` node (after its `:`). `at`: where a missing `:` is reported.
 */
export function convertBody(body: CNode | undefined, src: Source, at: number): Stmt[] {
  if (!body || body.name !== "Body") src.fail(at, "expected ':'");
  // indentation (which statements belong to the block) was checked by the tokenizer pass
  const nodes = body.children.filter((c) => c.name !== ":");
  const stmts = convertStatements(nodes, src);
  if (stmts.length === 0) src.fail(body.to, "expected an indented block", "IndentationError");
  // CPython's block ends with its last token, a `;` after the last statement included
  const group = nodes[nodes.length - 1];
  const semicolon = group?.name === "StatementGroup" ? group.children[group.children.length - 1] : undefined;
  if (semicolon?.name === ";") {
    const end = src.position(semicolon.to);
    blockEnds.set(stmts, { end_lineno: end.line, end_col_offset: end.col });
  }
  return stmts;
}

export function convertStatements(nodes: CNode[], src: Source): Stmt[] {
  const out: Stmt[] = [];
  for (const n of nodes) out.push(...convertStatement(n, src));
  return out;
}

function name(n: CNode, src: Source, ctx: "Load" | "Store" = "Store"): Name {
  return { _type: "Name", id: src.slice(n), ctx, ...src.span(n.from, n.to) };
}

export function convertStatement(n: CNode, src: Source): Stmt[] {
  const cs = n.children;
  const span = src.span(n.from, n.to);
  switch (n.name) {
    case "StatementGroup":
      // (the grammar takes `x = 1; ; y`; CPython wants a statement between two semicolons)
      cs.forEach((c, i) => {
        if (c.name === ";" && (i === 0 || cs[i - 1]!.name === ";")) src.fail(c.from, "invalid syntax");
      });
      return convertStatements(cs.filter((c) => c.name !== ";"), src);
    case "ExpressionStatement":
      return [{ _type: "Expr", value: convertExprList(cs, src), ...span }];
    case "YieldStatement": {
      // a bare `yield` ends at the keyword (the grammar's error node for the missing value may
      // sit past a blank line's stand-in comment)
      const to = [...cs].reverse().find((c) => !c.isError)?.to ?? n.to;
      return [{ _type: "Expr", value: convertExpr({ ...n, to, name: "YieldExpression" }, src), ...src.span(n.from, to) }];
    }
    case "AssignStatement":
      return [convertAssign(n, src)];
    case "UpdateStatement": {
      const opIndex = cs.findIndex((c) => c.name === "UpdateOp");
      const target = convertExprList(cs.slice(0, opIndex), src);
      if (target._type !== "Name" && target._type !== "Attribute" && target._type !== "Subscript") {
        src.fail(n.from, `'${describe(target)}' is an illegal expression for augmented assignment`);
      }
      target.ctx = "Store";
      const op = AUG_OPS[src.slice(cs[opIndex]!)]!;
      return [{ _type: "AugAssign", target, op, value: convertExprList(cs.slice(opIndex + 1), src), ...span }];
    }
    case "DeleteStatement": {
      const targets = splitOn(cs.slice(1), ",").map((g) => convertElement(g, src));
      for (const t of targets) setContext(t, "Del", src, n.from);
      return [{ _type: "Delete", targets, ...span }];
    }
    case "PassStatement":
      return [{ _type: "Pass", ...span }];
    case "BreakStatement":
      return [{ _type: "Break", ...span }];
    case "ContinueStatement":
      return [{ _type: "Continue", ...span }];
    case "ReturnStatement":
      return [{ _type: "Return", value: cs.length > 1 ? convertExprList(cs.slice(1), src) : null, ...span }];
    case "PrintStatement":
      return src.fail(n.from, "Missing parentheses in call to 'print'. Did you mean print(...)?");
    case "RaiseStatement": {
      if (cs.some((c) => c.name === ",")) src.fail(n.from, "invalid syntax");
      const fromAt = cs.findIndex((c) => c.name === "from");
      const exc = cs[1] && cs[1].name !== "from" ? convertExpr(cs[1], src) : null;
      const cause = fromAt >= 0 ? convertExpr(cs[fromAt + 1]!, src) : null;
      return [{ _type: "Raise", exc, cause, ...span }];
    }
    case "ImportStatement":
      return [convertImport(n, src)];
    case "ScopeStatement": {
      if (cs[cs.length - 1]!.name === ",") src.fail(skipBlanks(src.text, cs[cs.length - 1]!.to), "invalid syntax");
      const names = cs.filter((c) => c.name === "VariableName").map((c) => src.slice(c));
      return [{ _type: cs[0]!.name === "global" ? "Global" : "Nonlocal", names, ...span }];
    }
    case "AssertStatement": {
      if (cs[cs.length - 1]!.name === ",") src.fail(skipBlanks(src.text, cs[cs.length - 1]!.to), "invalid syntax");
      const groups = splitOn(cs.slice(1), ",");
      return [{
        _type: "Assert", test: convertElement(groups[0]!, src),
        msg: groups[1] ? convertElement(groups[1], src) : null, ...span,
      }];
    }
    case "IfStatement":
      return [convertIf(cs, 0, src)];
    case "WhileStatement": {
      const body = convertBody(cs[2], src, cs[1]!.to);
      const orelse = cs[3]?.name === "else" ? convertBody(cs[4], src, cs[3].to) : [];
      return [{
        _type: "While", test: convertExpr(cs[1]!, src), body, orelse, ...startOf(n, src),
        ...endOf(orelse.length ? orelse : body),
      }];
    }
    case "ForStatement":
      return [convertFor(n, src)];
    case "TryStatement":
      return [convertTry(n, src)];
    case "WithStatement":
      return [convertWith(n, src)];
    case "FunctionDefinition":
      return [convertFunction(n, [], src)];
    case "ClassDefinition":
      return [convertClass(n, [], src)];
    case "DecoratedStatement": {
      const decorators = cs.filter((c) => c.name === "Decorator").map((d) => convertDecorator(d, src));
      const def = cs[cs.length - 1]!;
      if (def.name === "ClassDefinition") return [convertClass(def, decorators, src)];
      if (def.name === "FunctionDefinition") return [convertFunction(def, decorators, src)];
      return src.fail(def.from, "invalid syntax");
    }
    case "MatchStatement":
      return [convertMatch(n, src)];
    case "TypeDefinition":
      // Python 3.12's `type X = ...` is no statement to 3.11
      return src.fail(skipBlanks(src.text, cs[0]!.to), "invalid syntax");
    default:
      if (n.isError) src.fail(n.from, "invalid syntax");
      return src.unsupported(n);
  }
}

function convertAssign(n: CNode, src: Source): Stmt {
  const cs = n.children;
  const span = src.span(n.from, n.to);
  const typeAt = cs.findIndex((c) => c.name === "TypeDef");
  const sections = splitOn(cs, "AssignOp");
  if (typeAt >= 0) {
    const targetNodes = cs.slice(0, typeAt);
    const target = convertExprList(targetNodes, src);
    if (target._type === "Tuple" || target._type === "List") src.fail(n.from, `only single target (not ${describe(target)}) can be annotated`);
    if (target._type !== "Name" && target._type !== "Attribute" && target._type !== "Subscript") {
      src.fail(n.from, `illegal target for annotation`);
    }
    target.ctx = "Store";
    const typeDef = cs[typeAt]!;
    const annotation = convertExpr(typeDef.children[typeDef.children.length - 1]!, src);
    const valueNodes = cs.slice(typeAt + 2);
    const value = valueNodes.length > 0 ? convertExprList(valueNodes, src) : null;
    const simple = targetNodes.length === 1 && targetNodes[0]!.name === "VariableName" ? 1 : 0;
    return { _type: "AnnAssign", target, annotation, value, simple, ...span };
  }
  const targets = sections.slice(0, -1).map((s) => {
    if (s.length === 1 && s[0]!.name === "YieldExpression") src.fail(s[0]!.from, "assignment to yield expression not possible");
    const t = convertExprList(s, src);
    if (sections.length === 2) checkSingleTarget(t, s, sections[1]!, src);
    setContext(t, "Store", src, s[0]!.from);
    return t;
  });
  return { _type: "Assign", targets, value: convertExprList(sections[sections.length - 1]!, src), type_comment: null, ...span };
}

/** Expressions that are not CPython's `bitwise_or` (and so cannot be the `a` of `a = b`). */
const NOT_BITWISE_OR = new Set(["Compare", "BoolOp", "Lambda", "IfExp", "NamedExpr", "Yield", "YieldFrom", "Starred"]);

/**
 * CPython's `invalid_named_expression`: `f() = 1` is read as a mistyped comparison when the
 * target is one `bitwise_or` (not a tuple, list, True/False/None) and a `bitwise_or` follows `=`.
 */
function checkSingleTarget(target: Expr, targetNodes: CNode[], valueNodes: CNode[], src: Source): void {
  if (targetNodes.length !== 1 || NOT_BITWISE_OR.has(target._type)) return;
  if (target._type === "Name" || target._type === "Attribute" || target._type === "Subscript") return;
  if (target._type === "Tuple" || target._type === "List" || target._type === "GeneratorExp") return;
  if (target._type === "UnaryOp" && target.op === "Not") return;
  if (target._type === "Constant" && (target.value.kind === "bool" || target.value.kind === "None")) return;
  const first = valueNodes[0]!;
  const startsBitwiseOr = !(first.name === "*" || first.name === "LambdaExpression" || first.name === "YieldExpression" ||
    (first.name === "UnaryExpression" && src.slice(first.children[0]!) === "not"));
  if (!startsBitwiseOr) return;
  src.fail(offsetOfNode(targetNodes[0]!), `cannot assign to ${describe(target)} here. Maybe you meant '==' instead of '='?`);
}

function offsetOfNode(n: CNode): number {
  // a parenthesised target is blamed at its inner expression, as CPython's group rule does
  let inner = n;
  while (inner.name === "ParenthesizedExpression" && inner.children[1]) inner = inner.children[1];
  return inner.from;
}

/** `if`/`elif` chains: each `elif` becomes an If nested in the previous orelse. */
function convertIf(cs: CNode[], i: number, src: Source): Stmt {
  const kw = cs[i]!;
  const body = convertBody(cs[i + 2], src, cs[i + 1]!.to);
  let orelse: Stmt[] = [];
  const next = cs[i + 3];
  if (next?.name === "elif") orelse = [convertIf(cs, i + 3, src)];
  else if (next?.name === "else") orelse = convertBody(cs[i + 4], src, next.to);
  return {
    _type: "If", test: convertExpr(cs[i + 1]!, src), body, orelse, ...startOf(kw, src),
    ...endOf(orelse.length ? orelse : body),
  };
}

/** A for statement's target, checked as CPython's parser checks it before the rest. */
export function convertForTarget(n: CNode, src: Source): Expr {
  const cs = n.children;
  const forAt = cs[0]!.name === "async" ? 1 : 0;
  const inAt = cs.findIndex((c) => c.name === "in");
  const targetNodes = cs.slice(forAt + 1, inAt);
  const target = convertExprList(targetNodes, src);
  setContext(target, "Store", src, targetNodes[0]!.from);
  return target;
}

function convertFor(n: CNode, src: Source): Stmt {
  const cs = n.children;
  const isAsync = cs[0]!.name === "async";
  const inAt = cs.findIndex((c) => c.name === "in");
  const bodyAt = cs.findIndex((c) => c.name === "Body");
  if (inAt < 0 || bodyAt < 0) src.fail(n.from, "invalid syntax");
  const target = convertForTarget(n, src);
  const iterEnd = regionAt(src, cs[inAt + 1]?.from);
  const iterNodes = iterEnd !== undefined ? subParse(src, cs[inAt + 1]!.from, iterEnd) : cs.slice(inAt + 1, bodyAt); // e.g. `for x in *a, *b:`
  refuseBareYield(iterNodes, src);
  const iter = convertExprList(iterNodes, src);
  const body = convertBody(cs[bodyAt], src, cs[bodyAt - 1]!.to);
  const orelse = cs[bodyAt + 1]?.name === "else" ? convertBody(cs[bodyAt + 2], src, cs[bodyAt + 1]!.to) : [];
  return {
    _type: isAsync ? "AsyncFor" : "For", target, iter, body, orelse, type_comment: null,
    ...startOf(n, src), ...endOf(orelse.length ? orelse : body),
  };
}

function convertTry(n: CNode, src: Source): Stmt {
  const cs = n.children;
  const body = convertBody(cs[1], src, cs[0]!.to);
  const handlers: ExceptHandler[] = [];
  let orelse: Stmt[] = [];
  let finalbody: Stmt[] = [];
  let star: boolean | null = null;
  let i = 2;
  while (i < cs.length) {
    const kw = cs[i]!;
    if (kw.name === "except") {
      let j = i + 1;
      const isStar = cs[j]?.name === "*";
      if (isStar) j++;
      if (star !== null && star !== isStar) src.fail(kw.from, "cannot have both 'except' and 'except*' on the same 'try'");
      star = isStar;
      let type: Expr | null = null;
      let nameStr: string | null = null;
      if (cs[j]?.name !== "Body") type = convertExpr(cs[j++]!, src);
      if (cs[j]?.name === ",") src.fail(cs[j]!.from, "multiple exception types must be parenthesized");
      if (cs[j]?.name === "as") {
        nameStr = src.slice(cs[j + 1]!);
        j += 2;
      }
      if (isStar && type === null) src.fail(kw.from, "expected one or more exception types");
      const hbody = convertBody(cs[j], src, cs[j - 1]!.to);
      handlers.push({ _type: "ExceptHandler", type, name: nameStr, body: hbody, ...startOf(kw, src), ...endOf(hbody) });
      i = j + 1;
    } else if (kw.name === "else") {
      orelse = convertBody(cs[i + 1], src, kw.to);
      i += 2;
    } else if (kw.name === "finally") {
      finalbody = convertBody(cs[i + 1], src, kw.to);
      i += 2;
    } else src.fail(kw.from, "invalid syntax");
  }
  // `else` needs an `except` before it, even with a `finally` after it
  const elseKw = cs.find((c) => c.name === "else");
  if (handlers.length === 0 && (finalbody.length === 0 || elseKw)) {
    // CPython blames the next statement, or the end of the file's last line
    if (elseKw) src.fail(elseKw.from, "expected 'except' or 'finally' block");
    const next = /\S/.exec(src.text.slice(n.to).replace(/#[^\n]*/g, (c) => " ".repeat(c.length)));
    src.fail(next ? n.to + next.index : src.text.trimEnd().length, "expected 'except' or 'finally' block");
  }
  const lastBlock = finalbody.length ? finalbody : orelse.length ? orelse : handlers.length ? handlers[handlers.length - 1]!.body : body;
  return {
    _type: star ? "TryStar" : "Try", body, handlers, orelse, finalbody, ...startOf(n, src), ...endOf(lastBlock),
  };
}

function convertWith(n: CNode, src: Source): Stmt {
  const cs = n.children;
  const isAsync = cs[0]!.name === "async";
  const bodyAt = cs.findIndex((c) => c.name === "Body");
  if (bodyAt < 0) src.fail(n.to, "expected ':'");
  const first = cs[isAsync ? 2 : 1]!;
  if (first === cs[bodyAt]) src.fail(first.from, "invalid syntax");
  // the header is read from the text: Lezer knows neither `with (a as b, c as d):` nor targets
  // other than a name, so repair.ts may have hidden it behind a placeholder
  const items = withItems(first.from, regionAt(src, first.from) ?? cs[bodyAt]!.from, src);
  const body = convertBody(cs[bodyAt], src, cs[bodyAt - 1]!.to);
  return { _type: isAsync ? "AsyncWith" : "With", items, body, type_comment: null, ...startOf(n, src), ...endOf(body) };
}

/** The with-items of the header text[from, to), in either the plain or the parenthesised form. */
export function withItems(from: number, to: number, src: Source): WithItem[] {
  let ranges = splitTopLevel(src.text, from, to);
  const whole = ranges.length === 1 ? ranges[0]! : null;
  // `with (a, b as c,):` groups items; `with (a, b) as c:` is one item whose value is a tuple,
  // and so is `with (yield a, b):` (a bare yield is no item)
  if (whole && src.text[whole.from] === "(" && matchingBracket(src.text, whole.from, whole.to) === whole.to) {
    const grouped = splitTopLevel(src.text, whole.from + 1, whole.to - 1);
    if (grouped.length > 0 && !grouped.some((r) => /^\s*yield\b/.test(src.text.slice(r.from, r.to)))) ranges = grouped;
  }
  // only parenthesised items may end with a comma (`with a as b, :` is invalid)
  if (/,\s*$/.test(src.text.slice(from, to))) {
    let k = to;
    while (/[ \t\f\\\n]/.test(src.text[k] ?? "")) k++;
    src.fail(k, "invalid syntax");
  }
  return ranges.map((r) => {
    if (r.to <= r.from) src.fail(r.from, "invalid syntax");
    const as = findTopLevelWord(src.text, r.from, r.to, "as");
    const valueNodes = subParse(src, r.from, as ? as.from : r.to);
    refuseBareYield(valueNodes, src);
    const context_expr = convertElement(valueNodes, src);
    let optional_vars: Expr | null = null;
    if (as) {
      const targetNodes = subParse(src, as.to, r.to);
      optional_vars = convertElement(targetNodes, src);
      setContext(optional_vars, "Store", src, targetNodes[0]!.from);
    }
    return { _type: "withitem", context_expr, optional_vars };
  });
}

/**
 * A `yield` expression stands alone only where CPython's grammar takes `yield_expr` (a
 * statement, the right of `=`, parentheses); a for-iterable, match subject or with-item is
 * a plain expression list, where it is invalid syntax.
 */
function refuseBareYield(nodes: CNode[], src: Source): void {
  const bare = nodes.find((c) => c.name === "YieldExpression");
  if (bare) src.fail(bare.from, "invalid syntax");
}

function convertDecorator(d: CNode, src: Source): Expr {
  const parts = d.children.filter((c) => c.name === "VariableName");
  const end = regionAt(src, parts[0]?.from);
  if (end !== undefined) return convertElement(subParse(src, parts[0]!.from, end), src); // `@a[0].b`, `@(f)`
  let e: Expr = name(parts[0]!, src, "Load");
  for (const p of parts.slice(1)) {
    e = { _type: "Attribute", value: e, attr: src.slice(p), ctx: "Load", ...src.span(parts[0]!.from, p.to) };
  }
  const argList = d.children.find((c) => c.name === "ArgList");
  if (argList) {
    const { args, keywords } = convertArgs(argList, src);
    e = { _type: "Call", func: e, args, keywords, ...src.span(parts[0]!.from, argList.to) };
  }
  return e;
}

function convertFunction(n: CNode, decorator_list: Expr[], src: Source): Stmt {
  const cs = n.children;
  const isAsync = cs[0]!.name === "async";
  const nameNode = cs.find((c) => c.name === "VariableName");
  const params = cs.find((c) => c.name === "ParamList");
  const typeParams = cs.find((c) => c.name === "TypeParamList");
  if (typeParams) src.fail(typeParams.from, "expected '('"); // Python 3.12 syntax
  if (!nameNode || !params) src.fail(n.from, "invalid syntax");
  const typeDef = cs.find((c) => c.name === "TypeDef");
  const returns = typeDef ? convertExpr(typeDef.children[typeDef.children.length - 1]!, src) : null;
  const bodyNode = cs.find((c) => c.name === "Body");
  const body = convertBody(bodyNode, src, (typeDef ?? params).to);
  return {
    _type: isAsync ? "AsyncFunctionDef" : "FunctionDef", name: src.slice(nameNode), args: convertDefParams(params, src),
    body, decorator_list, returns, type_comment: null, ...startOf(n, src), ...endOf(body),
  };
}

function convertClass(n: CNode, decorator_list: Expr[], src: Source): Stmt {
  const cs = n.children;
  const nameNode = cs.find((c) => c.name === "VariableName");
  if (!nameNode) src.fail(n.from, "invalid syntax");
  const typeParams = cs.find((c) => c.name === "TypeParamList");
  if (typeParams) src.fail(typeParams.from, "invalid syntax"); // Python 3.12 syntax
  const argList = cs.find((c) => c.name === "ArgList");
  const { args: bases, keywords } = argList ? convertArgs(argList, src) : { args: [] as Expr[], keywords: [] as Keyword[] };
  // `class C(x for x in y)`: a bare generator is no base list
  const forToken = argList && bases.length === 1 && bases[0]!._type === "GeneratorExp" ? inner(argList).find((c) => c.name === "for") : undefined;
  if (forToken) src.fail(forToken.from, "invalid syntax");
  const body = convertBody(cs.find((c) => c.name === "Body"), src, (argList ?? nameNode).to);
  return {
    _type: "ClassDef", name: src.slice(nameNode), bases, keywords, body, decorator_list,
    ...startOf(n, src), ...endOf(body),
  };
}

function convertImport(n: CNode, src: Source): Stmt {
  const cs = n.children;
  const span = src.span(n.from, n.to);
  const importAt = cs.findIndex((c) => c.name === "import");
  const aliases = (nodes: CNode[]): Alias[] =>
    splitOn(nodes.filter((c) => c.name !== "(" && c.name !== ")"), ",").map((g) => {
      const asAt = g.findIndex((c) => c.name === "as");
      const dotted = asAt >= 0 ? g.slice(0, asAt) : g;
      const end = g[g.length - 1]!.to;
      return {
        _type: "alias", name: src.text.slice(dotted[0]!.from, dotted[dotted.length - 1]!.to).replace(/\s+/g, ""),
        asname: asAt >= 0 ? src.slice(g[asAt + 1]!) : null, ...src.span(g[0]!.from, end),
      };
    });
  if (cs[0]!.name === "import") {
    // Lezer takes `import (a, b)` as `from`'s parenthesized list; plain imports have none
    const paren = cs.find((c) => c.name === "(");
    if (paren) src.fail(paren.from, "invalid syntax");
    // (Lezer accepts `import a,`; CPython's dotted_as_names has no trailing comma)
    if (cs[cs.length - 1]!.name === ",") src.fail(skipBlanks(src.text, cs[cs.length - 1]!.to), "invalid syntax");
    return { _type: "Import", names: aliases(cs.slice(1)), ...span };
  }
  let level = 0;
  const moduleParts: CNode[] = [];
  for (const c of cs.slice(1, importAt)) {
    if (c.name === "." && moduleParts.length === 0) level++;
    else if (c.name === "Ellipsis") level += 3;
    else moduleParts.push(c);
  }
  const module = moduleParts.length
    ? src.text.slice(moduleParts[0]!.from, moduleParts[moduleParts.length - 1]!.to).replace(/\s+/g, "")
    : null;
  const rest = cs.slice(importAt + 1);
  if (rest.length === 1 && rest[0]!.name === "*") {
    return { _type: "ImportFrom", module, names: [{ _type: "alias", name: "*", asname: null, ...src.span(rest[0]!.from, rest[0]!.to) }], level, ...span };
  }
  if (rest[0]?.name === "(" && rest[rest.length - 2]?.name === ",") {
    // a trailing comma inside parentheses is allowed
  } else if (rest[rest.length - 1]?.name === ",") src.fail(rest[rest.length - 1]!.to, "trailing comma not allowed without surrounding parentheses");
  // Lezer takes dotted names here; CPython's import_from_as_name is a plain NAME
  const dot = rest.find((c) => c.name === ".");
  if (dot) src.fail(dot.from, "invalid syntax");
  return { _type: "ImportFrom", module, names: aliases(rest), level, ...span };
}

function convertMatch(n: CNode, src: Source): Stmt {
  const cs = n.children;
  const bodyNode = cs.find((c) => c.name === "MatchBody");
  if (!bodyNode) src.fail(n.to, "expected ':'");
  const subjectNodes = cs.slice(1, cs.indexOf(bodyNode));
  const subjectEnd = regionAt(src, subjectNodes[0]?.from);
  if (subjectEnd !== undefined) subjectNodes.splice(0, subjectNodes.length, ...subParse(src, subjectNodes[0]!.from, subjectEnd));
  refuseBareYield(subjectNodes, src);
  const subject = subjectNodes.some((c) => c.name === ",") ? makeTuple(subjectNodes, src, "Load") : convertElement(subjectNodes, src);
  const cases: MatchCase[] = bodyNode.children.filter((c) => c.name === "MatchClause").map((clause) => {
    const ccs = clause.children;
    const guardNode = ccs.find((c) => c.name === "Guard");
    const bodyAt = ccs.findIndex((c) => c.name === "Body");
    const patternNodes = ccs.slice(1, guardNode ? ccs.indexOf(guardNode) : bodyAt);
    return {
      _type: "match_case",
      pattern: convertPatternList(patternNodes, src),
      guard: guardNode ? convertExpr(guardNode.children[1]!, src) : null,
      body: convertBody(ccs[bodyAt], src, clause.to),
    };
  });
  const lastBody = cases[cases.length - 1]!.body;
  return { _type: "Match", subject, cases, ...startOf(n, src), ...endOf(lastBody) };
}
