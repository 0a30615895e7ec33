// The source text `inspect.getsource` and its family read. A module that imports inspect
// starts with one more statement,
//
//   registerSources(__name__, "<the module's text>", (("f", 0, 4, 6), ("Point", 1, 8, 14), ...))
//
// naming each function (kind 0) and class (kind 1) by its qualified name with the 1-based
// first and last line of its block as CPython's inspect finds them: from the first decorator
// to the last line of the body, and on over comment lines indented at least as much as the
// body (inspect.BlockFinder). A module that does not import inspect carries no source, unless
// another module of its program does (ProgramResolver.programImportsInspect): that one may be
// given its functions.
import type * as py from "../frontend/ast.js";
import { anyNode, anyStatement, forEachChild, type AnyNode } from "../frontend/walk.js";

/** Does the module import inspect (anywhere)? */
export function importsInspect(body: readonly py.Stmt[]): boolean {
  return anyStatement(body, (st) => (st._type === "Import" && st.names.some((a) => a.name === "inspect")) || (st._type === "ImportFrom" && st.module === "inspect" && st.level === 0));
}

/** Does the module import inspect or name `help` (`help(module)` documents another module's functions and classes)? */
export function readsOtherModulesDocs(body: readonly py.Stmt[]): boolean {
  return importsInspect(body) || anyNode(body, (node) => node._type === "Name" && (node as py.Name).id === "help");
}

export interface SourceBlock {
  qualname: string;
  kind: 0 | 1;
  start: number;
  end: number;
}

type Def = py.FunctionDef | py.AsyncFunctionDef | py.ClassDef;

function isDef(node: AnyNode): node is Def {
  return node._type === "FunctionDef" || node._type === "AsyncFunctionDef" || node._type === "ClassDef";
}

function indentOf(line: string): number {
  let n = 0;
  for (const c of line) {
    if (c === " ") n++;
    else if (c === "\t") n = (Math.floor(n / 8) + 1) * 8;
    else break;
  }
  return n;
}

/** The block's last line: its body's, then comment lines indented as the body goes on. */
function blockEnd(def: Def, lines: readonly string[]): number {
  let last = def.end_lineno ?? def.lineno;
  const first = def.body[0];
  if (first === undefined || first.lineno === def.lineno) return last;
  const bodyCol = indentOf(lines[first.lineno - 1] ?? "");
  for (let i = last; i < lines.length; i++) {
    const text = lines[i]!;
    const trimmed = text.trim();
    if (trimmed === "") continue;
    if (!trimmed.startsWith("#")) break;
    if (indentOf(text) >= bodyCol) last = i + 1;
  }
  return last;
}

/** Every def and class of the module with its qualified name and block lines. */
export function sourceBlocks(body: readonly py.Stmt[], lines: readonly string[]): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  const visit = (node: AnyNode, prefix: string): void => {
    if (isDef(node)) {
      const qualname = prefix + node.name;
      const start = node.decorator_list.length > 0 ? Math.min(node.lineno, ...node.decorator_list.map((d) => d.lineno)) : node.lineno;
      blocks.push({ qualname, kind: node._type === "ClassDef" ? 1 : 0, start, end: blockEnd(node, lines) });
      const inner = node._type === "ClassDef" ? `${qualname}.` : `${qualname}.<locals>.`;
      for (const d of node.decorator_list) visit(d as AnyNode, prefix);
      for (const st of node.body) visit(st as AnyNode, inner);
      return;
    }
    if (node._type === "Lambda") return;
    forEachChild(node, (child) => visit(child, prefix));
  };
  for (const st of body) visit(st as AnyNode, "");
  return blocks;
}

/** `registerSources(__name__, text, blocks)` as a Python call to lower. */
export function registerSourcesArgs(body: readonly py.Stmt[], lines: readonly string[]): py.Expr[] {
  const at = { lineno: 1, col_offset: 0, end_lineno: 1, end_col_offset: 0 };
  const str = (value: string): py.Expr => ({ ...at, _type: "Constant", value: { kind: "str", value }, kind: null }) as py.Expr;
  const int = (value: number): py.Expr => ({ ...at, _type: "Constant", value: { kind: "int", value: BigInt(value) }, kind: null }) as py.Expr;
  const tuple = (elts: py.Expr[]): py.Expr => ({ ...at, _type: "Tuple", elts, ctx: "Load" }) as py.Expr;
  let text = lines.join("\n");
  if (!text.endsWith("\n")) text += "\n";
  const blocks = sourceBlocks(body, lines).map((b) => tuple([str(b.qualname), int(b.kind), int(b.start), int(b.end)]));
  return [{ ...at, _type: "Name", id: "__name__", ctx: "Load" } as py.Expr, str(text), tuple(blocks)];
}
