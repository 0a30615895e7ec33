// Python comments with their positions, so codegen can carry them into the output.
import { Source } from "./cst.js";
import { tokenize } from "./tokenizer.js";

export interface PyComment {
  line: number;
  col: number;
  /** the comment text including its leading `#` */
  text: string;
  /** nothing but spaces, tabs or form feeds before it on its line */
  ownLine: boolean;
}

/** The comments of a source, as CPython's tokenizer finds them (never inside a string). */
export function collectComments(source: string): PyComment[] {
  const text = source.replace(/\r\n?/g, "\n");
  return commentsAt(new Source(text), tokenize(text).comments);
}

/** The comments of `src` (its text with "\n" line ends), given the tokenizer's [from, to) pairs. */
export function commentsAt(src: Source, comments: readonly number[]): PyComment[] {
  const text = src.text;
  const out: PyComment[] = [];
  for (let k = 0; k < comments.length; k += 2) {
    const from = comments[k]!;
    const p = src.position(from);
    const lineStart = text.lastIndexOf("\n", from - 1) + 1;
    const ownLine = /^[ \t\f]*$/.test(text.slice(lineStart, from));
    out.push({ line: p.line, col: p.col, text: text.slice(from, comments[k + 1]), ownLine });
  }
  return out;
}
