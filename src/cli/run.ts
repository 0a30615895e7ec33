// `pyts run`: convert the program (the entry and every module it imports, found from the
// entry's folder) to JavaScript (the emitter strips the types), keep the conversion in the
// cache (cache.ts) and run the entry in this process (run-program.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TranspileResult } from "../transpile.js";
import { COMMAND, ConversionFailed, STDIN, convertFile } from "./convert.js";
import { ProgramTree } from "./program.js";
import { codeCacheFile, sourceHash, storeProgram, type CachedProgram, type Lookup } from "./cache.js";
import { bindPreloadedRuntime, runtimeUrl, startProgram } from "./run-program.js";

interface Converted {
  root: string;
  entry: string;
  result: TranspileResult;
  modules: Map<string, { file: string; result: TranspileResult }>;
  /** absolute path -> digest of the bytes converted, entry first */
  sources: [string, string][];
  lookups: Lookup[];
  warnings: string;
  /** a computed import_module name may reach any module of the folder (not only those looked up) */
  computed: boolean;
}

/** The entry and the modules it reaches, converted, by their path in the output tree (`pkg/sub.js`). */
async function convertProgram(file: string, runtimeModule: string, code?: string): Promise<Converted> {
  // (a script on stdin or given with -c: named as CPython names it, in the current folder)
  const stdin = file === STDIN || file === COMMAND;
  const tree = new ProgramTree(stdin ? process.cwd() : path.dirname(path.resolve(file)));
  // the program is the entry and what it imports (a script on stdin: no module of the folder is its)
  const entryModule = stdin ? null : tree.nameOf(path.resolve(file));
  if (entryModule) tree.setEntries([entryModule.name]);
  const entryName = stdin ? "__main__" : path.basename(file).replace(/\.py$/, "");
  const entry = stdin ? "stdin.js" : `${entryName}.js`;
  const sources: [string, string][] = [];
  const read = (source: string): Uint8Array => {
    const bytes = fs.readFileSync(source);
    sources.push([path.resolve(source), sourceHash(bytes)]);
    return bytes;
  };
  // The entry's warnings are printed now and kept: CPython warns each time it compiles the script.
  let warnings = "";
  const entryBytes = file === COMMAND ? Buffer.from(code ?? "") : stdin ? undefined : read(file);
  const result = await convertFile(file, {
    runtimeModule,
    format: false,
    javascript: true,
    module: { name: entryName, modules: tree, entryOnly: true },
    bytes: entryBytes,
    warnings: (text) => {
      warnings += text;
      process.stderr.write(text);
    },
  });
  const modules = new Map<string, { file: string; result: TranspileResult }>();
  const pending: string[] = [];
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
      converted = await convertFile(source, { runtimeModule, format: false, javascript: true, module: { name, isPackage: module.isPackage, modules: tree }, bytes: read(source) });
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
  const lookups: Lookup[] = tree.lookups().map(([name, found]) => [name, found?.file ?? null, found?.isPackage ?? false]);
  // Then the entry's script takes another name beside that module's file (the runtime names the module `__main__` by the script node starts).
  const reimported = !stdin && modules.has(entry);
  return { root: tree.root, entry: reimported ? "__main__.js" : entry, result, modules, sources, lookups, warnings, computed };
}

/** Writes the converted program into `dir`, with the line maps tracebacks use; the files name paths in `final`, where it will run. */
function writeTree(dir: string, final: string, runtime: string, { entry, result, modules }: Converted): void {
  const script = path.join(dir, entry);
  // The modules import each other as `./m.js`: ES modules by the folder's package.json.
  fs.writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
  fs.writeFileSync(script, bindPreloadedRuntime(result.code, runtime));
  // Each module's frames name its .py file in a traceback (runtime/lang/frames.ts).
  const maps: { path: string; file: string; map: string }[] = [];
  for (const [out, { file: source, result: converted }] of modules) {
    const target = path.join(dir, out);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bindPreloadedRuntime(converted.code, runtime));
    fs.writeFileSync(target + ".pymap.json", JSON.stringify(converted.map));
    // Stack frames name the script itself (`<dir>/pkg/sub.js`).
    const runs = path.join(final, out);
    maps.push({ path: runs, file: source, map: runs + ".pymap.json" });
  }
  fs.writeFileSync(path.join(dir, "pymaps.json"), JSON.stringify(maps));
  fs.writeFileSync(script + ".pymap.json", JSON.stringify(result.map));
}

/**
 * Converts and starts the program; returns null once it runs (in this process, which it now
 * owns). `cache` false (`--no-cache`), or a program on standard input or given with -c, runs from a temporary
 * folder removed at exit.
 */
export async function runPython(file: string, args: string[], cache = true, code?: string): Promise<null> {
  const runtime = runtimeUrl();
  const program = await prepareProgram(file, runtime, cache, code);
  // sys.argv[0] as CPython sets it: "-" for a script on stdin, "-c" for code given with -c
  startProgram(program, file === STDIN ? "-" : file === COMMAND ? "-c" : file, args, cache ? codeCacheFile() : null);
  return null;
}

/**
 * Converts the program into the cache (or, uncached, a temporary folder removed at exit) and
 * says where it is, without running it. A test harness warms the cache with it.
 */
export async function prepareProgram(file: string, runtime: string = runtimeUrl(), cache = true, code?: string): Promise<CachedProgram> {
  const converted = await convertProgram(file, runtime, code);
  const write = (dir: string, final: string): void => writeTree(dir, final, runtime, converted);
  // A computed import may reach a module added to the folder later, which the cache's
  // recorded lookups cannot see: such a program is converted on every run.
  let program: CachedProgram | null = cache && file !== STDIN && file !== COMMAND && !converted.computed ? storeProgram(file, runtime, converted, write) : null;
  if (program === null) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-run-"));
    process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    write(dir, dir);
    program = { tree: dir, script: path.join(dir, converted.entry), root: converted.root, runtime, warnings: converted.warnings };
  }
  return program;
}
