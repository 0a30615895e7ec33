// The lines CPython's traceback shows for a SyntaxError with a location: the file and line,
// the source line (left-stripped) and a caret under the offending span, then `Kind: msg`
// (the message alone, not str(e), which adds the file and line).
import { PySyntaxError } from "./exceptions.js";

function int(x: unknown): number | null {
  return typeof x === "bigint" ? Number(x) : typeof x === "number" && Number.isInteger(x) ? x : null;
}

/** The location lines for the traceback, or null when the error has no line number. */
export function syntaxErrorLines(e: PySyntaxError): string[] | null {
  const lineno = int(e.lineno);
  if (lineno === null) return null;
  const lines = [`  File "${typeof e.filename === "string" ? e.filename : "<string>"}", line ${lineno}`];
  if (typeof e.text !== "string") return lines;
  const rtext = e.text.replace(/\n+$/, "");
  const ltext = rtext.replace(/^[ \n\f]+/, "");
  const spaces = rtext.length - ltext.length;
  lines.push(`    ${ltext}`);
  const offset = int(e.offset);
  if (offset === null) return lines;
  let end = int(e.end_offset);
  if (end === null || end === 0) end = offset;
  if (end === offset || end === -1) end = offset + 1;
  const colno = offset - 1 - spaces;
  const endColno = end - 1 - spaces;
  if (colno >= 0) lines.push(`    ${[...ltext.slice(0, colno)].map((c) => (/\s/.test(c) ? c : " ")).join("")}${"^".repeat(Math.max(1, endColno - colno))}`);
  return lines;
}

/** `msg` as the traceback's last line shows it. */
export function syntaxErrorMessage(e: PySyntaxError): string {
  return e.msg === null || e.msg === "" ? "<no detail available>" : String(e.msg);
}
