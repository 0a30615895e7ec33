// Python comments with their positions, so codegen can carry them into the output.
import { parser } from "@lezer/python";
import { Source } from "./cst.js";

export interface PyComment {
  line: number;
  col: number;
  /** the comment text including its leading `#` */
  text: string;
}

export function collectComments(source: string): PyComment[] {
  const src = new Source(source);
  const out: PyComment[] = [];
  parser.parse(source).iterate({
    enter(node) {
      if (node.name !== "Comment") return;
      const p = src.position(node.from);
      out.push({ line: p.line, col: p.col, text: source.slice(node.from, node.to) });
    },
  });
  return out;
}
