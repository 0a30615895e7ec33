// The library entry: Python source in, TypeScript module (and source map) out.
import { parseModule, collectComments, type CompileWarning } from "./frontend/parse.js";
import { lowerModule } from "./lower/module.js";
import { emitModule } from "./codegen/emit.js";
import type { SourceMapV3 } from "./codegen/source-map.js";

export interface TranspileOptions {
  /** the .py path shown in diagnostics and recorded in the source map */
  filename?: string;
  /** the .ts file name recorded in the source map */
  outName?: string;
  /** where emitted code imports the runtime from (default "pyts/runtime") */
  runtimeModule?: string;
  /** format the TypeScript with prettier (default true; `pyts run` skips it) */
  format?: boolean;
}

export interface TranspileResult {
  code: string;
  map: SourceMapV3;
  /** the warnings CPython's compiler issues for this source (SyntaxWarning), in its order */
  warnings: CompileWarning[];
}

/** Throws DiagnosticError (with file positions) for input pyts cannot convert. */
export async function transpile(source: string, options: TranspileOptions = {}): Promise<TranspileResult> {
  const filename = options.filename ?? "<stdin>";
  const { module, warnings } = parseModule(source, filename);
  const comments = collectComments(source).map((c) => ({ line: c.line, text: c.text.replace(/^#/, "") }));
  const ir = lowerModule(module, { runtimeModule: options.runtimeModule ?? "pyts/runtime", comments });
  const emitted = await emitModule(ir, { sourceName: filename, sourceText: source, outName: options.outName ?? filename.replace(/\.py$/, ".ts"), format: options.format });
  return { ...emitted, warnings };
}
