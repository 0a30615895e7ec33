// Converting files for the CLI: one file to text, a tree of files to a folder. Nothing is
// written for a file that has diagnostics.
import fs from "node:fs";
import path from "node:path";
import { decodeSource, transpile, type ModuleOptions, type TranspileResult } from "../transpile.js";
import { DiagnosticError } from "../frontend/ast.js";
import { formatDiagnostic, formatWarning } from "./diagnostics.js";

/** A diagnostic as data, for `--format json`: the class CPython would raise (or "error"), 1-based line and column. */
export interface FileDiagnostic {
  file: string;
  line: number;
  column: number;
  kind: string;
  message: string;
}

export class ConversionFailed extends Error {
  constructor(
    readonly report: string,
    readonly diagnostics: FileDiagnostic[] = [],
  ) {
    super(report);
  }
}

/** A fault in pyts itself: one clear line, not a stack trace (PYTS_DEBUG=1 rethrows it). */
export function internalError(file: string, what: string, error: unknown): ConversionFailed {
  if (process.env.PYTS_DEBUG) throw error;
  const message = (error instanceof Error ? error.message : String(error)).split("\n").slice(0, 2).join(" ");
  return new ConversionFailed(`${file}: error: ${what} (internal error: ${message}); please report it`);
}

/**
 * The command line's `-` (standard input, as for python3 itself; diagnostics name `<stdin>`).
 * yargs reads a lone `-` as an option, so the CLI passes this token instead: a NUL cannot be
 * part of a real path.
 */
export const STDIN = "\0-";

/** `pyts run -c CODE`: the program is CODE, named `<string>` as CPython names it. */
export const COMMAND = "\0-c";

export interface ConvertOptions {
  outName?: string;
  runtimeModule?: string;
  format?: boolean;
  /** emit JavaScript instead of TypeScript */
  javascript?: boolean;
  /** colour the diagnostics' class names (for a terminal) */
  colour?: boolean;
  /** the module's place in its program (see transpile()) */
  module?: ModuleOptions;
  /** the file's bytes, when the caller has read them already */
  bytes?: Uint8Array;
  /** where compile-time warnings go, as CPython prints them (default: stderr) */
  warnings?: (text: string) => void;
}

export async function convertFile(file: string, options: ConvertOptions = {}): Promise<TranspileResult> {
  // Bytes, not text: the file's coding comment or BOM decides how it is decoded (PEP 263).
  const bytes = options.bytes ?? (file === STDIN ? fs.readFileSync(0) : fs.readFileSync(file));
  if (file === STDIN) file = "<stdin>";
  if (file === COMMAND) file = "<string>";
  try {
    const result = await transpile(bytes, { filename: file, outName: options.outName, runtimeModule: options.runtimeModule, format: options.format, javascript: options.javascript, module: options.module });
    // as `python3 FILE.py` does when it compiles the file
    const warn = options.warnings ?? ((text: string) => void process.stderr.write(text));
    for (const w of result.warnings) warn(formatWarning(path.resolve(file), sourceForFrame(bytes, file), w));
    return result;
  } catch (error) {
    if (error instanceof DiagnosticError) {
      const source = sourceForFrame(bytes, file);
      const report = error.diagnostics.map((d) => formatDiagnostic(file, source, d, options.colour === true)).join("\n");
      const data = error.diagnostics.map((d) => ({ file, line: d.line, column: d.col + 1, kind: d.kind === "Unsupported" ? "error" : d.kind, message: d.message }));
      throw new ConversionFailed(report, data);
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

/** Refuses an output path that is the input itself (or its .map is): converting must never destroy the source. */
export function checkNotInput(input: string, outFile: string): void {
  if (input === STDIN) return;
  const same = (a: string, b: string): boolean => {
    if (path.resolve(a) === path.resolve(b)) return true;
    try {
      return fs.realpathSync(a) === fs.realpathSync(b);
    } catch {
      return false;
    }
  };
  if (same(input, outFile) || same(input, outFile + ".map")) {
    throw new ConversionFailed(`pyts: refusing to write ${outFile}: it is the input file`);
  }
}

/**
 * Write text to standard output and wait for the write: a failed one (stdout a full disk,
 * `> /dev/full`, or a closed pipe) rejects with the file-system error, which the CLI reports
 * in one line with exit 1 instead of exiting 0 as if the text had been written.
 */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // The stream also emits the error as an event: without a listener it would be a crash.
    const onError = (error: Error): void => reject(error);
    process.stdout.once("error", onError);
    process.stdout.write(text, (error) => {
      if (!error) {
        process.stdout.off("error", onError);
        return resolve();
      }
      const code = "code" in error && typeof error.code === "string" ? error.code : "EIO";
      reject(Object.assign(new Error(`${code}: cannot write to standard output: ${error.message.replace(/^E[A-Z]+: /, "").replace(/, write$/, "")}`), { code }));
    });
  });
}

/** Where the source map goes: a .map file beside the output, inline in it, or nowhere. */
export type SourceMapMode = "file" | "inline" | "none";

/**
 * Write a .ts file and its source map atomically: each goes to a temporary file beside its
 * target and is renamed into place once all are complete, so a failure leaves nothing
 * half-written and no stray .map. The map names its source relative to the map's own folder.
 */
export function writeOutput(outFile: string, result: TranspileResult, input: string, mapMode: SourceMapMode = "file"): void {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const source = input === STDIN ? "<stdin>" : path.relative(path.dirname(path.resolve(outFile)), path.resolve(input)).split(path.sep).join("/");
  const mapText = JSON.stringify({ ...result.map, sources: [source] });
  const contents: [string, string][] = [];
  // Unformatted code (--no-pretty) has no final newline: the map's comment goes on a line of its own.
  const code = mapMode !== "none" && !result.code.endsWith("\n") ? result.code + "\n" : result.code;
  if (mapMode === "file") {
    contents.push([outFile + ".map", mapText + "\n"]);
    contents.push([outFile, `${code}//# sourceMappingURL=${path.basename(outFile)}.map\n`]);
  } else if (mapMode === "inline") {
    contents.push([outFile, `${code}//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(mapText).toString("base64")}\n`]);
  } else contents.push([outFile, result.code]);
  // A folder in an output's place is refused before anything is written (one line, exit 1).
  for (const [target] of contents) {
    if (fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw new ConversionFailed(`pyts: EISDIR: cannot write ${target}: it is a directory`);
  }
  // The .ts is renamed into place first: should that fail, no map of it is left behind.
  contents.reverse();
  const temporaries: string[] = [];
  try {
    for (const [target, text] of contents) {
      const temporary = `${target}.${process.pid}.tmp`;
      temporaries.push(temporary);
      fs.writeFileSync(temporary, text);
    }
    contents.forEach(([target], i) => fs.renameSync(temporaries[i]!, target));
    // A map left by an earlier build with maps in files would no longer match its output.
    if (mapMode !== "file") fs.rmSync(outFile + ".map", { force: true });
  } finally {
    for (const temporary of temporaries) fs.rmSync(temporary, { force: true });
  }
}

/** Every .py file under the given files and folders, with its path relative to its root. */
export function collectPythonFiles(inputs: string[], skipped: (file: string, why: string) => void): { file: string; relative: string }[] {
  const found: { file: string; relative: string }[] = [];
  for (const input of inputs) {
    const stat = fs.statSync(input);
    if (stat.isFile()) {
      found.push({ file: input, relative: path.basename(input) });
      continue;
    }
    const seen = new Set<string>();
    const walk = (dir: string): void => {
      // A folder reached again through a link is walked once (a link to an ancestor would never end).
      const real = fs.realpathSync(dir);
      if (seen.has(real)) return;
      seen.add(real);
      for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, entry.name);
        let isDirectory = entry.isDirectory();
        if (entry.isSymbolicLink()) {
          // A link is followed; one that leads nowhere is reported and skipped, not fatal.
          try {
            isDirectory = fs.statSync(full).isDirectory();
          } catch {
            if (entry.name.endsWith(".py")) skipped(full, "a dangling symbolic link");
            continue;
          }
        }
        if (isDirectory) walk(full);
        else if (entry.name.endsWith(".py")) found.push({ file: full, relative: path.relative(input, full) });
      }
    };
    walk(input);
  }
  return found;
}
