// Typed traversal of the Python AST: the child nodes of each node kind, in CPython's field
// order (which is source order), so checks can walk the tree without inspecting every field.
import type { Arguments, BinOp, Comprehension, ExceptHandler, Expr, Keyword, MatchCase, Pattern, Stmt, WithItem } from "./ast.js";

export type AnyNode = Stmt | Expr | Pattern | ExceptHandler | Keyword | Comprehension | MatchCase | WithItem | Arguments;

type Visit = (n: AnyNode) => void;

/**
 * The operands of a chain of binary operators (`a + b - c` nests to the left), leftmost
 * first: passes walk long chains with a loop instead of recursing once per operator.
 */
export function binOpOperands(e: BinOp): Expr[] {
  const rights: Expr[] = [];
  let cur: Expr = e;
  while (cur._type === "BinOp") {
    rights.push(cur.right);
    cur = cur.left;
  }
  rights.push(cur);
  return rights.reverse();
}

function all(xs: readonly (AnyNode | null)[], f: Visit): void {
  for (const x of xs) if (x) f(x);
}

/** Calls `f` on each direct child of `n`, in source order. */
export function forEachChild(n: AnyNode, f: Visit): void {
  switch (n._type) {
    case "FunctionDef":
    case "AsyncFunctionDef":
      all(n.decorator_list, f);
      f(n.args);
      if (n.returns) f(n.returns);
      all(n.body, f);
      return;
    case "ClassDef":
      all(n.decorator_list, f);
      all(n.bases, f);
      all(n.keywords, f);
      all(n.body, f);
      return;
    case "Return":
      if (n.value) f(n.value);
      return;
    case "Delete":
      all(n.targets, f);
      return;
    case "Assign":
      all(n.targets, f);
      f(n.value);
      return;
    case "AugAssign":
      f(n.target);
      f(n.value);
      return;
    case "AnnAssign":
      f(n.target);
      f(n.annotation);
      if (n.value) f(n.value);
      return;
    case "For":
    case "AsyncFor":
      f(n.target);
      f(n.iter);
      all(n.body, f);
      all(n.orelse, f);
      return;
    case "While":
    case "If":
      f(n.test);
      all(n.body, f);
      all(n.orelse, f);
      return;
    case "With":
    case "AsyncWith":
      all(n.items, f);
      all(n.body, f);
      return;
    case "Match":
      f(n.subject);
      all(n.cases, f);
      return;
    case "Raise":
      if (n.exc) f(n.exc);
      if (n.cause) f(n.cause);
      return;
    case "Try":
    case "TryStar":
      all(n.body, f);
      all(n.handlers, f);
      all(n.orelse, f);
      all(n.finalbody, f);
      return;
    case "Assert":
      f(n.test);
      if (n.msg) f(n.msg);
      return;
    case "Expr":
      f(n.value);
      return;
    case "Import": case "ImportFrom": case "Global": case "Nonlocal": case "Pass": case "Break": case "Continue":
      return;
    // expressions
    case "BoolOp":
      all(n.values, f);
      return;
    case "NamedExpr":
      f(n.target);
      f(n.value);
      return;
    case "BinOp":
      f(n.left);
      f(n.right);
      return;
    case "UnaryOp":
      f(n.operand);
      return;
    case "Lambda":
      f(n.args);
      f(n.body);
      return;
    case "IfExp":
      f(n.test);
      f(n.body);
      f(n.orelse);
      return;
    case "Dict":
      for (let i = 0; i < n.values.length; i++) {
        const k = n.keys[i];
        if (k) f(k);
        f(n.values[i]!);
      }
      return;
    case "Set":
      all(n.elts, f);
      return;
    case "ListComp":
    case "SetComp":
    case "GeneratorExp":
      f(n.elt);
      all(n.generators, f);
      return;
    case "DictComp":
      f(n.key);
      f(n.value);
      all(n.generators, f);
      return;
    case "Await":
    case "YieldFrom":
      f(n.value);
      return;
    case "Yield":
      if (n.value) f(n.value);
      return;
    case "Compare":
      f(n.left);
      all(n.comparators, f);
      return;
    case "Call":
      f(n.func);
      all(n.args, f);
      all(n.keywords, f);
      return;
    case "FormattedValue":
      f(n.value);
      if (n.format_spec) f(n.format_spec);
      return;
    case "JoinedStr":
      all(n.values, f);
      return;
    case "Attribute":
      f(n.value);
      return;
    case "Subscript":
      f(n.value);
      f(n.slice);
      return;
    case "Starred":
      f(n.value);
      return;
    case "List":
    case "Tuple":
      all(n.elts, f);
      return;
    case "Slice":
      if (n.lower) f(n.lower);
      if (n.upper) f(n.upper);
      if (n.step) f(n.step);
      return;
    case "Constant": case "Name":
      return;
    // patterns
    case "MatchValue":
      f(n.value);
      return;
    case "MatchSequence":
      all(n.patterns, f);
      return;
    case "MatchMapping":
      all(n.keys, f);
      all(n.patterns, f);
      return;
    case "MatchClass":
      f(n.cls);
      all(n.patterns, f);
      all(n.kwd_patterns, f);
      return;
    case "MatchAs":
      if (n.pattern) f(n.pattern);
      return;
    case "MatchOr":
      all(n.patterns, f);
      return;
    case "MatchSingleton": case "MatchStar":
      return;
    // helper nodes
    case "comprehension":
      f(n.target);
      f(n.iter);
      all(n.ifs, f);
      return;
    case "ExceptHandler":
      if (n.type) f(n.type);
      all(n.body, f);
      return;
    case "keyword":
      f(n.value);
      return;
    case "withitem":
      f(n.context_expr);
      if (n.optional_vars) f(n.optional_vars);
      return;
    case "match_case":
      f(n.pattern);
      if (n.guard) f(n.guard);
      all(n.body, f);
      return;
    case "arguments":
      for (const a of [...n.posonlyargs, ...n.args, ...(n.vararg ? [n.vararg] : []), ...n.kwonlyargs, ...(n.kwarg ? [n.kwarg] : [])]) {
        if (a.annotation) f(a.annotation);
      }
      all(n.defaults, f);
      all(n.kw_defaults, f);
      return;
  }
}

/** The statement lists directly inside a statement. */
export function nestedStatements(node: Stmt): (readonly Stmt[])[] {
  switch (node._type) {
    case "FunctionDef":
    case "AsyncFunctionDef":
    case "ClassDef":
    case "With":
    case "AsyncWith":
      return [node.body];
    case "If":
    case "For":
    case "AsyncFor":
    case "While":
      return [node.body, node.orelse];
    case "Try":
    case "TryStar":
      return [node.body, ...node.handlers.map((h) => h.body), node.orelse, node.finalbody];
    case "Match":
      return node.cases.map((c) => c.body);
    default:
      return [];
  }
}

/**
 * Does any statement of `body`, or of the blocks nested in its statements (function and class
 * bodies too), pass `test`? Expressions hold no statements, so they are not walked: cheaper
 * than `anyNode` for facts only statements carry (imports).
 */
export function anyStatement(body: readonly Stmt[], test: (st: Stmt) => boolean): boolean {
  const stack: Stmt[] = [...body];
  for (let st = stack.pop(); st !== undefined; st = stack.pop()) {
    if (test(st)) return true;
    for (const block of nestedStatements(st)) for (const inner of block) stack.push(inner);
  }
  return false;
}

/**
 * Does any node under `root` (a node or a list of them, itself included) pass `test`?
 * Walks the node kinds' children (forEachChild), not every field of every object, with an
 * explicit stack, not recursion: a 3,000-term operator chain is 3,000 levels deep.
 */
export function anyNode(root: AnyNode | readonly AnyNode[], test: (node: AnyNode) => boolean): boolean {
  const stack: AnyNode[] = Array.isArray(root) ? [...(root as readonly AnyNode[])] : [root as AnyNode];
  const push = (child: AnyNode): void => {
    stack.push(child);
  };
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (test(node)) return true;
    forEachChild(node, push);
  }
  return false;
}
