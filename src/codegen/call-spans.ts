// The Python span behind each call in the emitted module, for the carets (`^^^^`, `~~~^~~~`)
// CPython's tracebacks draw under the failing expression. A JS stack frame names the
// position of a call (its callee, or the property of a method call, or `new`); the table maps
// those positions in the final text to the Python expression the call implements.
//
// Formatting moves code around but keeps every call, in order: the calls of the Babel AST
// that was printed and of the printed text parsed again pair up one to one. The printed text
// is the one position markers are still in (parsed once, see positions.ts); `moved` says where
// each of its offsets lands in the final code.
import * as t from "@babel/types";
import type * as ir from "../lower/ir.js";
import { pythonLocOf } from "./to-babel.js";
import type { PositionAfterStrip, PrintedModule } from "./positions.js";

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

/** The offset in the printed text where V8 reports a frame that is inside this call. */
function frameOffset(call: t.CallExpression | t.NewExpression): number | null | undefined {
  if (t.isNewExpression(call)) return call.start;
  const callee = call.callee;
  if (t.isMemberExpression(callee) && !callee.computed) return callee.property.start;
  return callee.start;
}

/** The table for the final code, from the Babel `program` that was printed; empty if the calls do not pair up. */
export function callSpans(program: t.Node, printedModule: PrintedModule, moved: PositionAfterStrip): CallSpan[] {
  const built = callsOf(program);
  if (!built.some((c) => pythonLocOf(c) !== undefined)) return [];
  const printed = callsOf(printedModule.program);
  if (printed.length !== built.length) return [];
  const spans: CallSpan[] = [];
  built.forEach((call, i) => {
    const loc: ir.Loc | undefined = pythonLocOf(call);
    const offset = frameOffset(printed[i]!);
    if (!loc || loc.endLine === undefined || loc.endCol === undefined || offset === null || offset === undefined) return;
    const at = moved(offset);
    const anchor = loc.anchor;
    const kind = anchor === undefined ? 0 : anchor.kind === "binop" ? 1 : 2;
    spans.push([at.line, at.column, loc.line, loc.col, loc.endLine, loc.endCol, kind, anchor?.leftEnd ?? 0, anchor?.right ?? 0]);
  });
  return spans;
}
