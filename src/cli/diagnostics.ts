// Diagnostics as the CLI prints them: `file:line:col: Class: message` (the Python exception
// class CPython would raise, or `error` for a construct pyts does not support), then a code
// frame: the line, cut to a window around the column when it is long, with control and other
// invisible characters shown as escapes so binary garbage cannot garble the terminal.
import type { Diagnostic } from "../frontend/ast.js";
import type { CompileWarning } from "../frontend/warnings.js";

/**
 * A compile-time warning as CPython's warnings module shows it: `path:line: Category: message`,
 * then the source line, stripped, indented by two spaces. DeprecationWarnings are hidden by
 * CPython's default filters for compiled code, so they are not shown either.
 */
export function formatWarning(absolutePath: string, source: string, w: CompileWarning): string {
  if (w.category !== "SyntaxWarning") return "";
  const line = source.split(/\r\n?|\n/)[w.line - 1]?.trim();
  return `${absolutePath}:${w.line}: ${w.category}: ${w.message}\n${line ? `  ${line}\n` : ""}`;
}

/** The widest slice of a source line a code frame shows. */
const FRAME_WIDTH = 100;

/** Whether diagnostics on this stream get colours: a terminal, unless NO_COLOR says no; FORCE_COLOR says yes. */
export function wantsColour(stream: NodeJS.WriteStream): boolean {
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  return stream.isTTY === true;
}

const RED_BOLD = (text: string): string => `\x1b[1;31m${text}\x1b[0m`;

export function formatDiagnostic(filename: string, source: string, d: Diagnostic, colour = false): string {
  const kind = d.kind === "Unsupported" ? "error" : d.kind;
  const header = `${filename}:${d.line}:${d.col + 1}: ${colour ? RED_BOLD(kind) : kind}: ${d.message}`;
  // Python's own line breaks: \n, \r\n and \r.
  const lineText = source.split(/\r\n?|\n/)[d.line - 1];
  if (lineText === undefined) return header;
  const chars = Array.from(lineText); // columns count code points
  const col = Math.min(Math.max(d.col, 0), chars.length);

  let from = 0;
  let to = chars.length;
  if (chars.length > FRAME_WIDTH) {
    from = Math.max(0, Math.min(col - Math.floor(FRAME_WIDTH / 2), chars.length - FRAME_WIDTH));
    to = from + FRAME_WIDTH;
  }
  const shown = chars.slice(from, to).map(visible);
  const before = shown.slice(0, col - from).join("");
  const text = (from > 0 ? "..." : "") + shown.join("") + (to < chars.length ? "..." : "");
  const pad = (from > 0 ? "..." : "") + before;
  const gutter = String(d.line);
  const caret = " ".repeat(gutter.length) + " | " + pad.replace(/[^\t]/g, " ") + "^";
  return `${header}\n${gutter} | ${text}\n${caret}`;
}

/** A character as the frame prints it: itself, or an escape when it is invisible or a control. */
function visible(ch: string): string {
  if (ch === "\t") return ch;
  const code = ch.codePointAt(0)!;
  const invisible =
    code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || code === 0xfeff ||
    (code >= 0xd800 && code <= 0xdfff) || (code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069);
  if (!invisible) return ch;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}
