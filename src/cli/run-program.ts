// Running a converted program in this process (no second Node start): the process looks to
// the program as `node SCRIPT ARGS...` would, with the variables the runtime reads to name
// the .py files in tracebacks and `sys.argv[0]`. On the start-up path: Node built-ins only.
import path from "node:path";
import { pathToFileURL } from "node:url";

/** The runtime `pyts run` programs import: the runtime package's prebuilt single file. */
export function runtimeUrl(): string {
  return import.meta.resolve("@pyts/runtime/bundle");
}

export interface RunnableProgram {
  /** the entry's converted script */
  script: string;
  /** the folder of converted modules (the script's) */
  tree: string;
  /** the program's own folder */
  root: string;
}

/**
 * Starts the program. Its outcome is the process's: exit status, uncaught exceptions (the
 * entry module installs the Python traceback printer) and the event loop keeping the
 * process alive belong to it, so nothing here waits for it or calls process.exit.
 */
export function startProgram(program: RunnableProgram, argv0: string, args: string[]): void {
  Object.assign(process.env, {
    PYTS_ARGV0: argv0,
    PYTS_SOURCE_MAP: program.script + ".pymap.json",
    PYTS_SOURCE_MAPS: path.join(program.tree, "pymaps.json"),
    PYTS_RUN_ROOT: program.tree,
    PYTS_SOURCE_ROOT: program.root,
  });
  // The runtime tells the entry module by process.argv[1] and builds sys.argv from the rest.
  process.argv = [process.execPath, program.script, ...args];
  // A failure while the entry module runs reaches the runtime's unhandledRejection handler,
  // as it would in a process started on the script.
  void import(pathToFileURL(program.script).href);
}
