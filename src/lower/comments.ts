// Where each Python comment goes in the output, decided once from source positions before
// lowering (so the order in which constructs are lowered cannot move a comment):
// - before a statement: a leading comment of it;
// - on a statement's lines after its code (`return x  # why`): a trailing comment of it;
// - on its own line after a block's last statement, indented at least as deep as the block,
//   with nothing but blank and comment lines in between: the end of that block;
// - anything left: the end of the module.
// Statements directly in a class body pass their comments on to the code that follows them
// (class members are lowered apart from statements).
import type * as py from "../frontend/ast.js";

export interface SourceComment {
  line: number;
  col: number;
  /** the text after `#` */
  text: string;
  /** nothing but whitespace before it on its line */
  ownLine: boolean;
}

export interface CommentPlan {
  leading: Map<py.Stmt, SourceComment[]>;
  trailing: Map<py.Stmt, SourceComment[]>;
  /** keyed by the block's last statement */
  blockEnd: Map<py.Stmt, SourceComment[]>;
  /** statements (their first decorator) and comments right below a blank line */
  blankBefore: Set<py.Stmt | SourceComment>;
  /** the lines of class-body statements that follow a blank line */
  classMemberBlankLines: Set<number>;
  moduleEnd: SourceComment[];
}

export function planComments(module: py.Module, comments: SourceComment[], sourceLines: string[]): CommentPlan {
  const plan: CommentPlan = { leading: new Map(), trailing: new Map(), blockEnd: new Map(), blankBefore: new Set(), classMemberBlankLines: new Set(), moduleEnd: [] };
  const ownLineCommentLines = new Set(comments.filter((c) => c.ownLine).map((c) => c.line));
  const isBlank = (line: number): boolean => (sourceLines[line - 1] ?? "").trim() === "";
  let next = 0;
  const take = (accept: (c: SourceComment) => boolean): SourceComment[] => {
    const taken: SourceComment[] = [];
    while (next < comments.length && accept(comments[next]!)) taken.push(comments[next++]!);
    return taken;
  };

  /** Is the first line above `line` that is not an own-line comment blank? */
  const blankAbove = (line: number): boolean => {
    let at = line - 1;
    while (at >= 1 && ownLineCommentLines.has(at)) at--;
    return at >= 1 && isBlank(at);
  };
  // A whitespace-only line right above a comment or statement that starts its line is a real
  // blank line (inside a string, the string's end would stand before it on its line).
  const startsLine = (line: number, col: number): boolean => Array.from(sourceLines[line - 1] ?? "").slice(0, col).join("").trim() === "";
  for (const c of comments) if (c.ownLine && c.line > 1 && isBlank(c.line - 1)) plan.blankBefore.add(c);

  const block = (stmts: py.Stmt[], inClass: boolean): void => {
    for (const s of stmts) {
      const decorators = "decorator_list" in s ? s.decorator_list : [];
      const first = decorators.length && decorators[0]!.lineno < s.lineno ? decorators[0]! : s;
      if (inClass) {
        // Class members keep one blank line above them and their comments.
        if (blankAbove(first.lineno)) plan.classMemberBlankLines.add(s.lineno);
      } else {
        plan.leading.set(s, take((c) => c.line < s.lineno));
        if (first.lineno > 1 && isBlank(first.lineno - 1) && startsLine(first.lineno, first.col_offset - (first === s ? 0 : 1))) plan.blankBefore.add(s);
      }
      for (const [inner, innerIsClass] of childBlocks(s)) if (inner.length) block(inner, innerIsClass);
      if (!inClass) plan.trailing.set(s, take((c) => c.line <= s.end_lineno));
    }
    const last = stmts[stmts.length - 1];
    if (!last || inClass) return;
    const indent = stmts[0]!.col_offset;
    // Only blank and comment lines may stand between the block's end and the comment.
    let onlyCommentsSince = last.end_lineno;
    plan.blockEnd.set(
      last,
      take((c) => {
        if (!c.ownLine || c.col < indent) return false;
        for (let line = onlyCommentsSince + 1; line < c.line; line++) {
          if (!isBlank(line) && !ownLineCommentLines.has(line)) return false;
        }
        onlyCommentsSince = c.line;
        return true;
      }),
    );
  };

  block(module.body, false);
  plan.moduleEnd = take(() => true);
  return plan;
}

/** Does the statement hold statement lists (so comments after its code are not on its line)? */
export function isCompound(s: py.Stmt): boolean {
  return childBlocks(s).length > 0;
}

/** The statement lists inside a statement, in source order; true for a class body. */
function childBlocks(s: py.Stmt): [py.Stmt[], boolean][] {
  switch (s._type) {
    case "FunctionDef":
    case "AsyncFunctionDef":
    case "With":
    case "AsyncWith":
      return [[s.body, false]];
    case "ClassDef":
      return [[s.body, true]];
    case "If":
    case "For":
    case "AsyncFor":
    case "While":
      return [[s.body, false], [s.orelse, false]];
    case "Try":
    case "TryStar":
      return [[s.body, false], ...s.handlers.map((h): [py.Stmt[], boolean] => [h.body, false]), [s.orelse, false], [s.finalbody, false]];
    case "Match":
      return s.cases.map((c): [py.Stmt[], boolean] => [c.body, false]);
    default:
      return [];
  }
}
