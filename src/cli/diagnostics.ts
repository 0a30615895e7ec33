// Diagnostics as the CLI prints them: `file:line:col: Kind: message`, then a code frame.
import type { Diagnostic } from "../frontend/ast.js";

export function formatDiagnostic(filename: string, source: string, d: Diagnostic): string {
  const kind = d.kind === "Unsupported" ? "error" : d.kind;
  const header = `${filename}:${d.line}:${d.col + 1}: ${kind}: ${d.message}`;
  const lineText = source.split(/\r?\n/)[d.line - 1];
  if (lineText === undefined) return header;
  const gutter = String(d.line);
  const caret = " ".repeat(gutter.length) + " | " + lineText.slice(0, Math.max(0, d.col)).replace(/[^\t]/g, " ") + "^";
  return `${header}\n${gutter} | ${lineText}\n${caret}`;
}
