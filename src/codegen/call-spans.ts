// The Python span behind each call in the emitted module, for the carets (`^^^^`, `~~~^~~~`)
// CPython's tracebacks draw under the failing expression. A JS stack frame names the
// position of a call (its callee, or the property of a method call, or `new`); the table maps
// those positions in the final text to the Python expression the call implements.
//
// Formatting moves code around but keeps every call, in order: the calls of the Babel AST
// that was printed and of the printed text parsed again pair up one to one.
import * as t from "@babel/types";
import { parse } from "@babel/parser";
import type * as ir from "../lower/ir.js";
import { pythonLocs } from "./to-babel.js";

/**
 * One call: generated line (0-based) and column, then the Python line, column, end line, end
 * column (CPython's UTF-8 byte columns) and an anchor: 0 none, 1 binary operator, 2 subscript,
 * with the two anchor columns.
 */
export type CallSpan = [number, number, number, number, number, number, number, number, number];

function isCall(node: t.Node): node is t.CallExpression | t.NewExpression {
  return t.isCallExpression(node) || t.isNewExpression(node);
}

function callsOf(root: t.Node): (t.CallExpression | t.NewExpression)[] {
  const calls: (t.CallExpression | t.NewExpression)[] = [];
  t.traverseFast(root, (node) => {
    if (isCall(node)) calls.push(node);
  });
  return calls;
}

/** Where V8 reports a frame that is inside this call. */
function framePosition(call: t.CallExpression | t.NewExpression): { line: number; column: number } | null {
  if (t.isNewExpression(call)) return call.loc?.start ?? null;
  const callee = call.callee;
  if (t.isMemberExpression(callee) && !callee.computed) return callee.property.loc?.start ?? null;
  return callee.loc?.start ?? null;
}

/** The table for `code`, printed from `program`; empty if the two do not pair up. */
export function callSpans(program: t.Node, code: string): CallSpan[] {
  const built = callsOf(program);
  if (!built.some((c) => pythonLocs.has(c))) return [];
  let printed: (t.CallExpression | t.NewExpression)[];
  try {
    const ast = parse(code, { sourceType: "module", plugins: ["typescript"], allowAwaitOutsideFunction: true });
    printed = callsOf(ast.program);
  } catch {
    return [];
  }
  if (printed.length !== built.length) return [];
  const spans: CallSpan[] = [];
  built.forEach((call, i) => {
    const loc: ir.Loc | undefined = pythonLocs.get(call);
    const at = framePosition(printed[i]!);
    if (!loc || loc.endLine === undefined || loc.endCol === undefined || !at) return;
    const anchor = loc.anchor;
    const kind = anchor === undefined ? 0 : anchor.kind === "binop" ? 1 : 2;
    spans.push([at.line - 1, at.column, loc.line, loc.col, loc.endLine, loc.endCol, kind, anchor?.leftEnd ?? 0, anchor?.right ?? 0]);
  });
  return spans;
}
