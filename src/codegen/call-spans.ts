// The Python span behind each call (and each property read, whose getter may run a Python
// `@property`) in the emitted module, for the carets (`^^^^`, `~~~^~~~`)
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
 * with the two anchor columns, or 3 a method call, with its callee's end column and end line.
 */
export type CallSpan = [number, number, number, number, number, number, number, number, number];

/** A property read (`obj.name`): a getter it runs (a Python `@property`) has its frame at the name. */
type Read = t.MemberExpression | t.OptionalMemberExpression;
type FrameNode = t.CallExpression | t.NewExpression | Read;

function isRead(node: t.Node): node is Read {
  return (t.isMemberExpression(node) || t.isOptionalMemberExpression(node)) && !node.computed;
}

/**
 * The frame nodes of `root` in pre-order: calls, and property reads other than a call's
 * callee and a store's target. (Types compared as strings and children found through
 * VISITOR_KEYS, as in tagCallFrames: this walk meets every node of the module, twice.)
 */
function callsOf(root: t.Node): FrameNode[] {
  const calls: FrameNode[] = [];
  const excluded = new Set<t.Node>();
  const visit = (node: t.Node): void => {
    const type = node.type;
    const keys = t.VISITOR_KEYS[type];
    if (!keys) return;
    const call = type === "CallExpression" || type === "NewExpression";
    if (call || type === "OptionalCallExpression") excluded.add((node as t.CallExpression).callee);
    else if (type === "AssignmentExpression") excluded.add((node as t.AssignmentExpression).left);
    else if (type === "UpdateExpression" || (type === "UnaryExpression" && (node as t.UnaryExpression).operator === "delete")) excluded.add((node as t.UpdateExpression).argument);
    const read = (type === "MemberExpression" || type === "OptionalMemberExpression") && !(node as Read).computed;
    if (call || (read && !excluded.has(node))) calls.push(node as FrameNode);
    for (let k = 0; k < keys.length; k++) {
      const child = (node as unknown as Record<string, t.Node | (t.Node | null)[] | null | undefined>)[keys[k]!];
      if (Array.isArray(child)) {
        for (let i = 0; i < child.length; i++) {
          const c = child[i];
          if (c) visit(c);
        }
      } else if (child && typeof child === "object") visit(child);
    }
  };
  visit(root);
  return calls;
}

/** The offset in the printed text where V8 reports a frame that is inside this call. */
function frameOffset(call: FrameNode): number | null | undefined {
  if (t.isNewExpression(call)) return call.start;
  if (isRead(call)) return call.property.start;
  const callee = call.callee;
  if (t.isMemberExpression(callee) && !callee.computed) return callee.property.start;
  return callee.start;
}

function spanOf(loc: ir.Loc | undefined, at: { line: number; column: number }): CallSpan | null {
  if (!loc || loc.endLine === undefined || loc.endCol === undefined) return null;
  const anchor = loc.anchor;
  const kind = anchor === undefined ? 0 : anchor.kind === "binop" ? 1 : anchor.kind === "subscript" ? 2 : 3;
  return [at.line, at.column, loc.line, loc.col, loc.endLine, loc.endCol, kind, anchor?.leftEnd ?? 0, anchor?.right ?? 0];
}

/**
 * Without formatting, the generator's own source map says where each call's frame position
 * was printed: the node V8 names (callee, method property, `new`) carries an id as its `loc`
 * (line 1, column = id), and every other node none. A frame's first token is the first one
 * printed under its id or under the id of a frame nested in it (`f()()`: the outer call's
 * frame is the inner call, whose own callee comes first). `tagCallFrames` sets that up
 * before printing; `spansFromMappings` reads the positions back.
 */
export interface TaggedCalls {
  /** per call: its Python position and the id of its frame node */
  calls: { loc: ir.Loc; frame: number }[];
  /** per frame id (in printing order): the id of the frame it is nested in, or -1 */
  parent: number[];
  /** per frame id: the frame node's first token is surely a word (see startsAtWord) */
  wordFirst: boolean[];
}

/**
 * The node's first printed token is a word (a name, `new`, `this`, `super`, `import`): its
 * leftmost descent through callees and objects, none of which prints parentheses of its own,
 * ends at one. (A frame elsewhere, `(x => y)(1)`, is found by a parse: see emit.ts.)
 */
function startsAtWord(node: t.Node): boolean {
  for (;;) {
    switch (node.type) {
      case "Identifier":
      case "PrivateName":
      case "NewExpression":
      case "ThisExpression":
      case "Super":
      case "Import":
        return true;
      case "MemberExpression":
      case "OptionalMemberExpression":
        node = node.object;
        break;
      case "CallExpression":
      case "OptionalCallExpression":
        node = node.callee;
        break;
      default:
        return false;
    }
  }
}

/** Tags the frame node of every positioned call of `root` and clears every other `loc`. */
export function tagCallFrames(root: t.Node): TaggedCalls {
  const found: { loc: ir.Loc; node: t.Node }[] = [];
  // frame nodes -> id (-1 until reached: a call is visited before its callee)
  const ids = new Map<t.Node, number>();
  const parent: number[] = [];
  const wordFirst: boolean[] = [];
  const open: number[] = [];
  const excluded = new Set<t.Node>();
  // (node.type compared as a string: the t.isX guards also take an options argument, and this
  // walk meets every node of the module)
  const visit = (node: t.Node): void => {
    const type = node.type;
    const keys = t.VISITOR_KEYS[type];
    if (!keys) return;
    const call = type === "CallExpression" || type === "NewExpression";
    if (call || type === "OptionalCallExpression") excluded.add((node as t.CallExpression).callee);
    else if (type === "AssignmentExpression") excluded.add((node as t.AssignmentExpression).left);
    else if (type === "UpdateExpression" || (type === "UnaryExpression" && (node as t.UnaryExpression).operator === "delete")) excluded.add((node as t.UpdateExpression).argument);
    const read = (type === "MemberExpression" || type === "OptionalMemberExpression") && !(node as Read).computed;
    if (call || (read && !excluded.has(node))) {
      const loc = pythonLocOf(node);
      if (loc && loc.endLine !== undefined && loc.endCol !== undefined) {
        const callee = call ? (node as t.CallExpression).callee : null;
        const frame: t.Node = type === "NewExpression" ? node : read ? (node as Read).property : callee!.type === "MemberExpression" && !callee!.computed ? callee!.property : callee!;
        found.push({ loc, node: frame });
        if (!ids.has(frame)) ids.set(frame, -1);
      }
    }
    let id = ids.size > 0 ? (ids.get(node) ?? -2) : -2;
    if (id === -1) {
      id = parent.length;
      ids.set(node, id);
      parent.push(open.length > 0 ? open[open.length - 1]! : -1);
      wordFirst.push(startsAtWord(node));
      const pos = { line: 1, column: id, index: 0 };
      node.loc = { start: pos, end: pos, filename: "", identifierName: undefined };
      open.push(id);
    } else {
      id = -1;
      // (the generator reads a missing loc as null: only a node that has one is written to,
      // as adding the field to every node costs each a larger object)
      if (node.loc != null) node.loc = null;
    }
    for (let k = 0; k < keys.length; k++) {
      const child = (node as unknown as Record<string, t.Node | (t.Node | null)[] | null | undefined>)[keys[k]!];
      if (Array.isArray(child)) {
        for (let i = 0; i < child.length; i++) {
          const c = child[i];
          if (c) visit(c);
        }
      } else if (child && typeof child === "object") visit(child);
    }
    if (id !== -1) open.pop();
  };
  visit(root);
  // (a frame the printed tree does not reach keeps id -1 and gets no span)
  return { calls: found.map((c) => ({ loc: c.loc, frame: ids.get(c.node)! })), parent, wordFirst };
}

/**
 * @babel/generator's `decodedMap.mappings` (not in its type declarations): per generated line,
 * segments [column, source, line (0-based), column, name?] (a bare [column] has no source).
 */
export type DecodedMappings = readonly (readonly (readonly number[])[])[];

/**
 * What `spansFromMappings` reads of a source map, collected by a stand-in for the generator's
 * own map (the generator calls `mark` for every token it prints; a full source map spent a
 * third of the printing time encoding them): only the marks of tagged frames (line 1), with
 * the generated position each was printed at, as per-line segments [column, 0, 0, id].
 */
export class FrameMarks {
  private readonly lines: number[][][] = [];

  mark(generated: { line: number; column: number }, line?: number, column?: number): void {
    if (line !== 1 || column === undefined) return;
    const at = generated.line - 1;
    while (this.lines.length <= at) this.lines.push([]);
    this.lines[at]!.push([generated.column, 0, 0, column]);
  }

  /** (what the generator returns as `decodedMap`) */
  getDecoded(): { mappings: DecodedMappings } {
    return { mappings: this.lines };
  }
}

/**
 * Where each tagged frame was printed in `code` (the generator's text, by its mappings), per
 * frame id: the offset of its first token, or -1 (a frame the printed tree did not reach).
 */
export function frameOffsets(tagged: TaggedCalls, mappings: DecodedMappings, code: string): number[] {
  const count = tagged.parent.length;
  const offsets = new Array<number>(count).fill(-1);
  let lineStart = 0;
  mappings.forEach((segments, line) => {
    if (line > 0) lineStart = code.indexOf("\n", lineStart) + 1;
    for (const segment of segments) {
      const id = segment[3];
      if (segment.length < 4 || segment[2] !== 0 || id === undefined || id >= count || offsets[id] !== -1) continue;
      let offset = lineStart + segment[0]!;
      // a space or `;` the printer had queued is written under the next node's position
      for (let c = code.charCodeAt(offset); c === 32 || c === 59 || c === 10 || c === 9; c = code.charCodeAt(offset)) offset++;
      offsets[id] = offset;
    }
  });
  // nested frames have larger ids: fold each into the frame holding it
  for (let id = count - 1; id >= 0; id--) {
    const parent = tagged.parent[id]!;
    if (parent !== -1 && offsets[id] !== -1 && (offsets[parent] === -1 || offsets[id]! < offsets[parent]!)) offsets[parent] = offsets[id]!;
  }
  return offsets;
}

/** Generator mappings of the tagged frames, to call spans of the final code. */
export function spansFromMappings(tagged: TaggedCalls, mappings: DecodedMappings, code: string, moved: PositionAfterStrip): CallSpan[] {
  return spansAt(tagged, frameOffsets(tagged, mappings, code), moved);
}

/** The spans of the tagged calls whose frames are at `offsets` (per frame id; -1: none). */
export function spansAt(tagged: TaggedCalls, offsets: readonly number[], moved: PositionAfterStrip): CallSpan[] {
  const spans: CallSpan[] = [];
  for (const call of tagged.calls) {
    const offset = call.frame === -1 ? -1 : offsets[call.frame]!;
    if (offset === -1) continue;
    const span = spanOf(call.loc, moved(offset));
    if (span) spans.push(span);
  }
  return spans;
}

/** The table for the final code, from the Babel `program` that was printed; empty if the calls do not pair up. */
export function callSpans(program: t.Node, printedModule: PrintedModule, moved: PositionAfterStrip): CallSpan[] {
  const built = callsOf(program);
  if (!built.some((c) => pythonLocOf(c) !== undefined)) return [];
  const printed = callsOf(printedModule.program);
  if (printed.length !== built.length) return [];
  const spans: CallSpan[] = [];
  built.forEach((call, i) => {
    const offset = frameOffset(printed[i]!);
    if (offset === null || offset === undefined) return;
    const span = spanOf(pythonLocOf(call), moved(offset));
    if (span) spans.push(span);
  });
  return spans;
}
