// Diagnostics as the CLI prints them: `file:line:col: Kind: message`, then a code frame.
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

export function formatDiagnostic(filename: string, source: string, d: Diagnostic): string {
  const kind = d.kind === "Unsupported" ? "error" : d.kind;
  const header = `${filename}:${d.line}:${d.col + 1}: ${kind}: ${d.message}`;
  const lineText = source.split(/\r?\n/)[d.line - 1];
  if (lineText === undefined) return header;
  const gutter = String(d.line);
  const caret = " ".repeat(gutter.length) + " | " + lineText.slice(0, Math.max(0, d.col)).replace(/[^\t]/g, " ") + "^";
  return `${header}\n${gutter} | ${lineText}\n${caret}`;
}
