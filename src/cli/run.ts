// `pyts run`: convert, strip the types with esbuild, and run the module in a child Node
// process so its stdout, stderr and exit status are the program's own.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL, fileURLToPath } from "node:url";
import { transform } from "esbuild";
import { STDIN, convertFile, internalError } from "./convert.js";

/** The built runtime, next to this file in dist/. */
function runtimeUrl(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return pathToFileURL(path.resolve(here, "../../runtime/index.js")).href;
}

/** TypeScript to JavaScript; a failure here is pyts's fault, reported in one line. */
async function stripTypes(code: string, file: string): Promise<{ code: string }> {
  try {
    return await transform(code, {
      loader: "ts",
      format: "esm",
      target: "node20",
      sourcemap: "inline",
      sourcefile: file,
      // Python shows class and function names: keep them exactly as written.
      keepNames: true,
    });
  } catch (error) {
    throw internalError(file, "pyts emitted code it cannot run", error);
  }
}

export async function runPython(file: string, args: string[]): Promise<number> {
  const result = await convertFile(file, { runtimeModule: runtimeUrl(), format: false });
  const js = await stripTypes(result.code, file);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-run-"));
  const script = path.join(dir, file === STDIN ? "stdin.mjs" : path.basename(file).replace(/\.py$/, "") + ".mjs");
  fs.writeFileSync(script, js.code);
  fs.writeFileSync(script + ".pymap.json", JSON.stringify(result.map));
  try {
    // Source maps on: stack positions are TypeScript lines, which the runtime maps to .py lines.
    const child = spawnSync(process.execPath, ["--enable-source-maps", script, ...args], {
      stdio: "inherit",
      env: { ...process.env, PYTS_ARGV0: file === STDIN ? "-" : file, PYTS_SOURCE_MAP: script + ".pymap.json" },
    });
    if (child.signal) return 128 + (os.constants.signals[child.signal] ?? 0);
    return child.status ?? 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
