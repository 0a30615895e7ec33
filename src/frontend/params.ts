// Parameter lists of `def` and `lambda`: positional-only, regular, *args, keyword-only,
// **kwargs, defaults and annotations, as CPython's `arguments` node.
import { skipBlanks } from "./scan.js";
import type { Arg, Arguments, Expr } from "./ast.js";
import type { CNode, Source } from "./cst.js";
import { convertExpr } from "./expressions.js";

/** A parameter group: the nodes between two commas, or the `/` marker. */
type Group = { slash: true; at: number } | { slash: false; nodes: CNode[] };

/**
 * Splits parameter nodes on commas. The `/` marker is an anonymous token in the `def`
 * grammar (invisible in the tree) and an error node in `lambda`, so it is found in the text.
 */
function groupParams(nodes: CNode[], from: number, to: number, src: Source): Group[] {
  const groups: Group[] = [];
  let cur: CNode[] = [];
  let gapStart = from;
  const close = (end: number) => {
    if (cur.length > 0) groups.push({ slash: false, nodes: cur });
    else {
      const gap = src.text.slice(gapStart, end);
      const at = gap.indexOf("/");
      if (at >= 0 && gap.trim() === "/") groups.push({ slash: true, at: gapStart + at });
    }
    cur = [];
  };
  for (const n of nodes) {
    if (n.name === ",") {
      close(n.from);
      gapStart = n.to;
    } else if (n.isError && src.slice(n).trim() === "/") {
      // lambda's `/`: kept as a gap marker
    } else if (n.isError && n.from === n.to) {
      // the empty error Lezer puts after a lambda's trailing comma (`lambda a,: 0`)
    } else cur.push(n);
  }
  close(to);
  return groups;
}

function makeArg(name: CNode, annotation: Expr | null, end: number, src: Source): Arg {
  return { _type: "arg", arg: src.slice(name), annotation, type_comment: null, ...src.span(name.from, end) };
}

function convertParams(groups: Group[], allowAnnotations: boolean, src: Source): Arguments {
  const result: Arguments = {
    _type: "arguments", posonlyargs: [], args: [], vararg: null, kwonlyargs: [], kw_defaults: [],
    kwarg: null, defaults: [],
  };
  let sawStar = false;
  let starAt = 0;
  let sawSlash = false;
  const names = new Set<string>();
  for (const g of groups) {
    if (g.slash) {
      if (sawSlash) src.fail(g.at, "/ may appear only once");
      if (sawStar) src.fail(g.at, "/ must be ahead of *");
      if (result.args.length === 0) src.fail(g.at, "at least one argument must precede /");
      sawSlash = true;
      result.posonlyargs = result.args;
      result.args = [];
      continue;
    }
    const ns = g.nodes;
    const head = ns[0]!;
    if (result.kwarg) src.fail(head.from, "arguments cannot follow var-keyword argument");
    let i = 0;
    let kind: "plain" | "star" | "dstar" = "plain";
    if (head.name === "*") { kind = "star"; i++; }
    else if (head.name === "**") { kind = "dstar"; i++; }
    const nameNode = ns[i];
    if (nameNode && nameNode.name !== "VariableName") src.fail(nameNode.from, "invalid syntax");
    let annotation: Expr | null = null;
    let end = nameNode?.to ?? head.to;
    let defaultValue: Expr | null = null;
    for (let j = i + 1; j < ns.length; j++) {
      const c = ns[j]!;
      if (c.name === "TypeDef") {
        if (!allowAnnotations) src.fail(c.from, "invalid syntax");
        annotation = convertExpr(c.children[c.children.length - 1]!, src);
        // `*args: *Ts` (PEP 646): Lezer holds the `*` as an error node
        const star = c.children.find((k) => k.isError && k.children.length === 1 && k.children[0]!.name === "*");
        if (star) {
          if (kind !== "star") src.fail(star.from, "invalid syntax");
          annotation = { _type: "Starred", value: annotation, ctx: "Load", ...src.span(star.from, c.to) };
        }
        end = c.to;
      } else if (c.name === "AssignOp") {
        defaultValue = convertExpr(ns[j + 1]!, src);
        j++;
      } else src.fail(c.from, "invalid syntax");
    }
    if (nameNode) {
      const name = src.slice(nameNode);
      if (names.has(name)) src.fail(nameNode.from, `duplicate argument '${name}' in function definition`);
      names.add(name);
    }
    if (kind === "star") {
      if (sawStar) src.fail(head.from, "* argument may appear only once");
      sawStar = true;
      starAt = head.from;
      if (defaultValue) src.fail(head.from, "var-positional argument cannot have default value");
      if (nameNode) result.vararg = makeArg(nameNode, annotation, end, src);
      continue;
    }
    if (kind === "dstar") {
      if (!nameNode) src.fail(head.from, "invalid syntax");
      if (defaultValue) src.fail(head.from, "var-keyword argument cannot have default value");
      result.kwarg = makeArg(nameNode, annotation, end, src);
      continue;
    }
    const arg = makeArg(nameNode!, annotation, end, src);
    if (sawStar) {
      result.kwonlyargs.push(arg);
      result.kw_defaults.push(defaultValue);
    } else {
      if (defaultValue) result.defaults.push(defaultValue);
      else if (result.defaults.length > 0) src.fail(head.from, "non-default argument follows default argument");
      result.args.push(arg);
    }
  }
  if (sawStar && !result.vararg && result.kwonlyargs.length === 0) {
    // CPython blames the `*` of a def, but the token after `*` (and a comma) in a lambda
    let at = starAt;
    if (!allowAnnotations) {
      at = skipBlanks(src.text, starAt + 1);
      if (src.text[at] === ",") at = skipBlanks(src.text, at + 1);
    }
    src.fail(at, "named arguments must follow bare *");
  }
  return result;
}

/** The `ParamList` of a `def`, including its parentheses. */
export function convertDefParams(list: CNode, src: Source): Arguments {
  const cs = list.children;
  const body = cs.slice(1, cs[cs.length - 1]?.name === ")" ? -1 : cs.length);
  return convertParams(groupParams(body, cs[0]!.to, cs[cs.length - 1]!.from, src), true, src);
}

/** The (possibly absent) `ParamList` of a lambda. */
export function convertLambdaParams(list: CNode | undefined, src: Source): Arguments {
  if (!list) return convertParams([], false, src);
  return convertParams(groupParams(list.children, list.from, list.to, src), false, src);
}
