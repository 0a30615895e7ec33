// The API for a program of several modules: every .py file under a root folder converted as a
// module of that program, as `pyts build ROOT` converts it (the same whole-program facts:
// `from m import *` names, modules whose import waits, functions and methods whose calls wait).
import fs from "node:fs";
import path from "node:path";
import { transpile, type TranspileOptions, type TranspileResult } from "./transpile.js";
import { DiagnosticError, type Diagnostic } from "./frontend/ast.js";
import { collectPythonFiles } from "./cli/convert.js";
import { ProgramTree, programModules } from "./cli/program.js";
import { DEFAULT_EXCLUDES, globMatcher } from "./cli/exclude.js";

export interface TranspileFilesOptions extends Pick<TranspileOptions, "runtimeModule" | "format" | "javascript"> {
  /** the files to convert (paths, absolute or relative to the working folder), as modules of the program of every .py file under the root; default: all of them */
  files?: readonly string[];
  /** globs of files and folders under the root that are not the program's, added to the defaults (`.venv`, `venv`, `__pycache__`, `node_modules`, dot folders) */
  exclude?: readonly string[];
}

export interface TranspiledFile {
  /** the .py file's absolute path */
  file: string;
  /** its path relative to the root, with `/` separators: the output is this path with `.ts` for `.py` */
  relative: string;
  /** its dotted module name (`pkg.sub`; `pkg` for `pkg/__init__.py`) */
  module: string;
  /** the conversion, or null when the file has diagnostics */
  result: TranspileResult | null;
  /** every error of the file (empty when it converted) */
  diagnostics: Diagnostic[];
}

/**
 * Converts the .py files of the program rooted at `root`, each as a module of that program,
 * and resolves with one entry per file in path order. A file pyts cannot convert does not stop
 * the others: its entry holds all of its diagnostics as data (and `result: null`).
 */
export async function transpileFiles(root: string, options: TranspileFilesOptions = {}): Promise<TranspiledFile[]> {
  const base = path.resolve(root);
  const excluded = [...DEFAULT_EXCLUDES, ...(options.exclude ?? [])].map(globMatcher);
  // The program's modules are every .py file under the root, also when only some are converted.
  const all = collectPythonFiles([base], () => {})
    .filter(({ relative }) => !excluded.some((matches) => matches(relative.split(path.sep).join("/"))))
    .map(({ file }) => path.resolve(file));
  const files = options.files ? options.files.map((f) => path.resolve(f)) : all;
  const outside = files.find((f) => path.relative(base, f).startsWith("..") || path.isAbsolute(path.relative(base, f)));
  if (outside !== undefined) throw new Error(`transpileFiles: ${outside} is not under ${base}`);
  const tree = new ProgramTree(base);
  const { modules } = programModules(base, [...new Set([...all, ...files])]);
  const converted: TranspiledFile[] = [];
  for (const file of [...files].sort()) {
    const relative = path.relative(base, file).split(path.sep).join("/");
    const found = tree.nameOf(file);
    // A file whose path is no module name (`my-script.py`) can only be a program's entry.
    const stem = path.basename(file).replace(/\.py$/, "");
    const module = found ? { name: found.name, isPackage: found.isPackage, modules } : { name: stem, modules, entryOnly: true };
    const entry: TranspiledFile = { file, relative, module: module.name, result: null, diagnostics: [] };
    try {
      const outName = path.basename(relative).replace(/\.py$/, options.javascript ? ".js" : ".ts");
      entry.result = await transpile(fs.readFileSync(file), { filename: file, outName, runtimeModule: options.runtimeModule, format: options.format, javascript: options.javascript, module });
    } catch (error) {
      if (!(error instanceof DiagnosticError)) throw error;
      entry.diagnostics = error.diagnostics;
    }
    converted.push(entry);
  }
  return converted;
}
