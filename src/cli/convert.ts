// Converting files for the CLI: one file to text, a tree of files to a folder. Nothing is
// written for a file that has diagnostics.
import fs from "node:fs";
import path from "node:path";
import { decodeSource, transpile, type TranspileResult } from "../transpile.js";
import { DiagnosticError } from "../frontend/ast.js";
import { formatDiagnostic, formatWarning } from "./diagnostics.js";

export class ConversionFailed extends Error {
  constructor(readonly report: string) {
    super(report);
  }
}

/** A fault in pyts itself: one clear line, not a stack trace (PYTS_DEBUG=1 rethrows it). */
export function internalError(file: string, what: string, error: unknown): ConversionFailed {
  if (process.env.PYTS_DEBUG) throw error;
  const message = (error instanceof Error ? error.message : String(error)).split("\n").slice(0, 2).join(" ");
  return new ConversionFailed(`${file}: error: ${what} (internal error: ${message}); please report it`);
}

export async function convertFile(file: string, options: { outName?: string; runtimeModule?: string; format?: boolean } = {}): Promise<TranspileResult> {
  // Bytes, not text: the file's coding comment or BOM decides how it is decoded (PEP 263).
  const bytes = fs.readFileSync(file);
  try {
    const result = await transpile(bytes, { filename: file, outName: options.outName, runtimeModule: options.runtimeModule, format: options.format });
    // as `python3 FILE.py` does when it compiles the file
    for (const w of result.warnings) process.stderr.write(formatWarning(path.resolve(file), sourceForFrame(bytes, file), w));
    return result;
  } catch (error) {
    if (error instanceof DiagnosticError) {
      throw new ConversionFailed(error.diagnostics.map((d) => formatDiagnostic(file, sourceForFrame(bytes, file), d)).join("\n"));
    }
    throw internalError(file, "pyts failed on this file", error);
  }
}

/** The text a code frame quotes: the decoded source, or a lossy UTF-8 reading when it cannot be decoded. */
function sourceForFrame(bytes: Uint8Array, file: string): string {
  try {
    return decodeSource(bytes, file);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

/** Write a .ts file and its .map only once both are complete. */
export function writeOutput(outFile: string, result: TranspileResult): void {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const mapName = path.basename(outFile) + ".map";
  fs.writeFileSync(outFile + ".map", JSON.stringify(result.map) + "\n");
  fs.writeFileSync(outFile, `${result.code}//# sourceMappingURL=${mapName}\n`);
}

/** Every .py file under the given files and folders, with its path relative to its root. */
export function collectPythonFiles(inputs: string[]): { file: string; relative: string }[] {
  const found: { file: string; relative: string }[] = [];
  for (const input of inputs) {
    const stat = fs.statSync(input);
    if (stat.isFile()) {
      found.push({ file: input, relative: path.basename(input) });
      continue;
    }
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith(".py")) found.push({ file: full, relative: path.relative(input, full) });
      }
    };
    walk(input);
  }
  return found;
}
