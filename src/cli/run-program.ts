// Running a converted program in this process (no second Node start): the process looks to
// the program as `node SCRIPT ARGS...` would, with the variables the runtime reads to name
// the .py files in tracebacks and `sys.argv[0]`. On the start-up path: Node built-ins only.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * The runtime module `pyts run` programs import: it re-exports the runtime this process
 * preloads (preloadRuntime) from the runtime package's prebuilt single file.
 */
export function runtimeUrl(): string {
  return import.meta.resolve("@pyts/runtime/run");
}

/**
 * Loads the runtime (its classic-script build beside `runtimeUrl`'s module) through V8's code cache,
 * kept in `codeCache`: compiling the half-megabyte runtime is most of a small program's start.
 * A missing or rejected cache (another Node version) is written anew when the process ends,
 * so it also holds the functions the program compiled lazily.
 */
function preloadRuntime(runtime: string, codeCache: string | null): void {
  const file = fileURLToPath(runtime).replace(/pyts-run\.js$/, "pyts-runtime-script.js");
  let cachedData: Buffer | undefined;
  try {
    if (codeCache !== null) cachedData = fs.readFileSync(codeCache);
  } catch {
    // first run: no cache yet
  }
  // The file is a function expression returning the runtime's exports (runtime/scripts/bundle.mjs).
  const script = new vm.Script(fs.readFileSync(file, "utf8"), { filename: file, cachedData });
  const runtimeExports = (script.runInThisContext() as () => object)();
  (globalThis as Record<symbol, unknown>)[Symbol.for("@pyts/runtime")] = runtimeExports;
  if (codeCache !== null && (cachedData === undefined || script.cachedDataRejected)) {
    process.once("exit", () => {
      try {
        fs.mkdirSync(path.dirname(codeCache), { recursive: true });
        const temporary = `${codeCache}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, script.createCachedData());
        fs.renameSync(temporary, codeCache);
      } catch {
        // best effort: the next start compiles again
      }
    });
  }
}

export interface RunnableProgram {
  /** the entry's converted script */
  script: string;
  /** the folder of converted modules (the script's) */
  tree: string;
  /** the program's own folder */
  root: string;
  /** the runtime module its modules import (runtimeUrl) */
  runtime: string;
}

/**
 * Starts the program. Its outcome is the process's: exit status, uncaught exceptions (the
 * entry module installs the Python traceback printer) and the event loop keeping the
 * process alive belong to it, so nothing here waits for it or calls process.exit.
 */
export function startProgram(program: RunnableProgram, argv0: string, args: string[], codeCache: string | null): void {
  Object.assign(process.env, {
    PYTS_ARGV0: argv0,
    PYTS_SOURCE_MAP: program.script + ".pymap.json",
    PYTS_SOURCE_MAPS: path.join(program.tree, "pymaps.json"),
    PYTS_RUN_ROOT: program.tree,
    PYTS_SOURCE_ROOT: program.root,
  });
  // The runtime tells the entry module by process.argv[1] and builds sys.argv from the rest.
  process.argv = [process.execPath, program.script, ...args];
  preloadRuntime(program.runtime, codeCache);
  // A failure while the entry module runs reaches the runtime's unhandledRejection handler,
  // as it would in a process started on the script.
  void import(pathToFileURL(program.script).href);
}
