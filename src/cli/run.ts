// `pyts run`: convert the program (the entry and every module it imports, found from the
// entry's folder) to JavaScript (the emitter strips the types), and run the entry in a child
// Node process so its stdout, stderr and exit status are the program's own.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { RUNTIME_PACKAGE } from "../transpile.js";
import type { TranspileResult } from "../transpile.js";
import { ConversionFailed, STDIN, convertFile } from "./convert.js";
import { ProgramTree } from "./program.js";

/** The runtime package pyts depends on, as the program's import resolves it from here. */
function runtimeUrl(): string {
  return import.meta.resolve(RUNTIME_PACKAGE);
}

/** The entry and the modules it reaches, converted, by their path in the output tree (`pkg/sub.js`). */
async function convertProgram(file: string): Promise<{ root: string; entry: string; result: TranspileResult; modules: Map<string, { file: string; result: TranspileResult }> }> {
  const stdin = file === STDIN;
  const tree = new ProgramTree(stdin ? process.cwd() : path.dirname(path.resolve(file)));
  const entryName = stdin ? "__main__" : path.basename(file).replace(/\.py$/, "");
  const entry = stdin ? "stdin.js" : `${entryName}.js`;
  const runtimeModule = runtimeUrl();
  const result = await convertFile(file, { runtimeModule, format: false, javascript: true, module: { name: entryName, modules: tree, entryOnly: true } });
  const modules = new Map<string, { file: string; result: TranspileResult }>();
  const pending = [...result.imports];
  // The entry imported by its name is a second module, as in CPython (converted as one).
  const seen = new Set<string>();
  // Modules only a computed import_module name may reach: one that fails to convert is left out.
  const optional = new Set<string>();
  const required = new Set<string>();
  const failed = new Map<string, ConversionFailed>();
  let computed = false;
  const reach = (converted: TranspileResult): void => {
    pending.push(...converted.imports);
    for (const name of converted.imports) required.add(name);
    if (!converted.importsComputed || computed) return;
    computed = true;
    for (const module of tree.allModules()) {
      optional.add(module.name);
      pending.push(module.name);
    }
  };
  reach(result);
  while (pending.length) {
    const name = pending.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const module = tree.locate(name)!;
    const source = path.relative(process.cwd(), module.file);
    let converted: TranspileResult;
    try {
      converted = await convertFile(source, { runtimeModule, format: false, javascript: true, module: { name, isPackage: module.isPackage, modules: tree } });
    } catch (error) {
      if (!optional.has(name) || !(error instanceof ConversionFailed)) throw error;
      failed.set(name, error);
      continue;
    }
    const out = [...name.split("."), ...(module.isPackage ? ["__init__"] : [])].join("/") + ".js";
    modules.set(out, { file: source, result: converted });
    reach(converted);
  }
  for (const [name, error] of failed) if (required.has(name)) throw error;
  // Then the entry's script takes another name beside that module's file (the runtime names the module `__main__` by the script node starts).
  const reimported = !stdin && modules.has(entry);
  return { root: tree.root, entry: reimported ? "__main__.js" : entry, result, modules };
}

export interface RunOptions {
  /** Record the event loop into this .html or .json file (runtime/timeline). */
  timeline?: string | undefined;
}

export async function runPython(file: string, args: string[], options: RunOptions = {}): Promise<number> {
  const { root, entry, result, modules } = await convertProgram(file);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-run-"));
  const script = path.join(dir, entry);
  // The modules import each other as `./m.js`: ES modules by the folder's package.json.
  fs.writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
  fs.writeFileSync(script, result.code);
  // Each module's frames name its .py file in a traceback (runtime/lang/frames.ts).
  const maps: { path: string; file: string; map: string }[] = [];
  for (const [out, { file: source, result: converted }] of modules) {
    const target = path.join(dir, out);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, converted.code);
    fs.writeFileSync(target + ".pymap.json", JSON.stringify(converted.map));
    // Stack frames name the script itself (`<dir>/pkg/sub.js`).
    maps.push({ path: target, file: source, map: target + ".pymap.json" });
  }
  fs.writeFileSync(path.join(dir, "pymaps.json"), JSON.stringify(maps));
  fs.writeFileSync(script + ".pymap.json", JSON.stringify(result.map));
  try {
    // Stack positions are lines of the scripts, which the runtime maps to .py lines.
    const child = spawnSync(process.execPath, [script, ...args], {
      stdio: "inherit",
      env: { ...process.env, ...(options.timeline ? { PYTS_TIMELINE: path.resolve(options.timeline) } : {}), PYTS_ARGV0: file === STDIN ? "-" : file, PYTS_SOURCE_MAP: script + ".pymap.json", PYTS_SOURCE_MAPS: path.join(dir, "pymaps.json"), PYTS_RUN_ROOT: dir, PYTS_SOURCE_ROOT: root },
    });
    if (child.signal) return 128 + (os.constants.signals[child.signal] ?? 0);
    return child.status ?? 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
