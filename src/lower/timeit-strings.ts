// The source text of a timeit statement (or setup) that is not a literal at the call but is
// known when the module is compiled: a name assigned once (in the function making the call,
// else at module level) a string built from literals: `+`, f-strings of such strings,
// `"sep".join([...])`, `textwrap.dedent(...)`, `str * int`. Null when the text is not known.
import type * as py from "../frontend/ast.js";
import { forEachChild, type AnyNode } from "../frontend/walk.js";

type Scoped = py.Module | py.FunctionDef | py.AsyncFunctionDef;

/** Each node's parent under the module's body (its statements have none). */
export interface Parents {
  module: py.Module;
  of: Map<AnyNode, AnyNode>;
}

export function parentsOf(module: py.Module): Parents {
  const of = new Map<AnyNode, AnyNode>();
  const pending: AnyNode[] = [...module.body];
  while (pending.length > 0) {
    const node = pending.pop()!;
    forEachChild(node, (child) => {
      of.set(child, node);
      pending.push(child);
    });
  }
  return { module, of };
}

/** The values assigned to `name` directly in the scope's own code (not nested defs), and whether something else binds it. */
function assignments(scope: Scoped, name: string): { values: py.Expr[]; other: boolean } {
  const values: py.Expr[] = [];
  let other = false;
  const visit = (node: AnyNode): void => {
    switch (node._type) {
      case "FunctionDef":
      case "AsyncFunctionDef":
      case "ClassDef":
        if ((node as py.FunctionDef).name === name) other = true;
        return;
      case "Lambda":
        return;
      case "Global":
      case "Nonlocal":
        if ((node as py.Global).names.includes(name)) other = true;
        return;
      case "Assign": {
        const s = node as py.Assign;
        if (s.targets.length === 1 && s.targets[0]!._type === "Name" && s.targets[0]!.id === name) {
          values.push(s.value);
          return;
        }
        break;
      }
      case "Name":
        if ((node as py.Name).id === name && (node as py.Name).ctx !== "Load") other = true;
        return;
      case "Import":
      case "ImportFrom":
        if ((node as py.Import).names.some((a) => (a.asname ?? a.name.split(".")[0]) === name)) other = true;
        return;
    }
    forEachChild(node, visit);
  };
  for (const s of scope.body) visit(s as AnyNode);
  return { values, other };
}

function enclosingScope(node: AnyNode, parents: Parents): Scoped | null {
  for (let p = parents.of.get(node); p; p = parents.of.get(p)) {
    if (p._type === "FunctionDef" || p._type === "AsyncFunctionDef") return p as Scoped;
    if (p._type === "Lambda" || p._type === "ClassDef") return null;
  }
  return parents.module;
}

function dedent(text: string): string {
  const lines = text.split("\n");
  let margin: string | null = null;
  for (const line of lines) {
    if (line.trim() === "") continue;
    const lead = /^[ \t]*/.exec(line)![0];
    if (margin === null || !lead.startsWith(margin)) {
      let i = 0;
      if (margin === null) margin = lead;
      else {
        while (i < margin.length && i < lead.length && margin[i] === lead[i]) i++;
        margin = margin.slice(0, i);
      }
    }
  }
  return lines.map((l) => (l.trim() === "" ? l.replace(/^[ \t]+$/, "") : l.slice(margin?.length ?? 0))).join("\n");
}

/** The string `e` evaluates to, when the module's text fixes it. */
export function knownString(e: py.Expr, parents: Parents, depth = 0): string | null {
  if (depth > 20) return null;
  const again = (x: py.Expr): string | null => knownString(x, parents, depth + 1);
  switch (e._type) {
    case "Constant":
      return e.value.kind === "str" ? e.value.value : null;
    case "BinOp": {
      if (e.op === "Add") {
        const left = again(e.left);
        const right = left === null ? null : again(e.right);
        return right === null ? null : left! + right;
      }
      if (e.op === "Mult") {
        const [text, count] = e.right._type === "Constant" ? [e.left, e.right] : [e.right, e.left];
        const s = again(text);
        if (s === null || count._type !== "Constant" || count.value.kind !== "int") return null;
        const n = Number(count.value.value);
        return n > 10000 ? null : s.repeat(Math.max(0, n));
      }
      return null;
    }
    case "JoinedStr": {
      let out = "";
      for (const part of e.values) {
        if (part._type === "Constant" && part.value.kind === "str") out += part.value.value;
        else if (part._type === "FormattedValue" && part.conversion === -1 && part.format_spec === null) {
          const s = again(part.value);
          if (s === null) return null;
          out += s;
        } else return null;
      }
      return out;
    }
    case "Call": {
      const f = e.func;
      if (e.keywords.length > 0 || e.args.length !== 1 || f._type !== "Attribute") return null;
      if (f.attr === "dedent" && f.value._type === "Name" && f.value.id === "textwrap") {
        const s = again(e.args[0]!);
        return s === null ? null : dedent(s);
      }
      if (f.attr === "join") {
        const sep = again(f.value);
        const items = e.args[0]!;
        if (sep === null || (items._type !== "List" && items._type !== "Tuple")) return null;
        const parts = items.elts.map(again);
        return parts.some((p) => p === null) ? null : parts.join(sep);
      }
      return null;
    }
    case "Name": {
      for (let scope = enclosingScope(e as AnyNode, parents); scope !== null; scope = scope === parents.module ? null : enclosingScope(scope as AnyNode, parents)) {
        const { values, other } = assignments(scope, e.id);
        if (other) return null;
        if (values.length === 1) return again(values[0]!);
        if (values.length > 1) return null;
      }
      return null;
    }
    default:
      return null;
  }
}
