// `pyts run`: convert to JavaScript (the emitter strips the types), and run the module in a
// child Node process so its stdout, stderr and exit status are the program's own.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { RUNTIME_PACKAGE } from "../transpile.js";
import { STDIN, convertFile } from "./convert.js";

/** The runtime package pyts depends on, as the program's import resolves it from here. */
function runtimeUrl(): string {
  return import.meta.resolve(RUNTIME_PACKAGE);
}

export async function runPython(file: string, args: string[]): Promise<number> {
  const result = await convertFile(file, { runtimeModule: runtimeUrl(), format: false, javascript: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-run-"));
  const script = path.join(dir, file === STDIN ? "stdin.mjs" : path.basename(file).replace(/\.py$/, "") + ".mjs");
  fs.writeFileSync(script, result.code);
  fs.writeFileSync(script + ".pymap.json", JSON.stringify(result.map));
  try {
    // Stack positions are lines of the script, which the runtime maps to .py lines.
    const child = spawnSync(process.execPath, [script, ...args], {
      stdio: "inherit",
      env: { ...process.env, PYTS_ARGV0: file === STDIN ? "-" : file, PYTS_SOURCE_MAP: script + ".pymap.json" },
    });
    if (child.signal) return 128 + (os.constants.signals[child.signal] ?? 0);
    return child.status ?? 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
