// Entry point of the frontend: Python source text to a typed Module, or located diagnostics.
import { DiagnosticError, type Module } from "./ast.js";
import { type CNode, Source } from "./cst.js";
import { syntaxErrorFor } from "./errors.js";
import { parseRepaired } from "./repair.js";
import { convertStatements } from "./statements.js";
import { checkContexts } from "./validate.js";

export function parsePython(source: string, filename: string): Module {
  void filename; // diagnostics carry positions; the caller pairs them with the file name
  // CPython's tokenizer turns every line ending into "\n"; doing the same keeps literal values right
  const text = source.replace(/\r\n?/g, "\n");
  const src = new Source(text);
  try {
    const { root, regions } = parseRepaired(text);
    for (const [from, to] of regions) src.regions.set(from, to);
    const error = syntaxErrorFor(root, src);
    if (error) throw new DiagnosticError([error]);
    const module: Module = { _type: "Module", body: convertStatements(root.children, src, 0), type_ignores: [] };
    checkContexts(module, src);
    return module;
  } catch (e) {
    if (e instanceof DiagnosticError) throw e;
    // an unexpected tree shape must not surface as a JS crash
    const message = e instanceof Error ? e.message : String(e);
    throw new DiagnosticError([{ kind: "SyntaxError", message: `invalid syntax (${message})`, line: 1, col: 0 }]);
  }
}

export type { CNode };
export { collectComments, type PyComment } from "./comments.js";
