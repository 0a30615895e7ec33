// Running a converted program in this process (no second Node start): the process looks to
// the program as `node SCRIPT ARGS...` would, with the variables the runtime reads to name
// the .py files in tracebacks and `sys.argv[0]`. On the start-up path: Node built-ins only.
// Node's built-ins through process.getBuiltinModule, not `import`: an ES module importing a
// built-in makes its facade, reading every export (node:fs's lazy streams load with them).
const fs = process.getBuiltinModule("node:fs");
const path = process.getBuiltinModule("node:path");
const vm = process.getBuiltinModule("node:vm");
const { fileURLToPath, pathToFileURL } = process.getBuiltinModule("node:url");
import { codeCacheFileBytes, readCodeCache, readLatin1 } from "./code-cache.js";

/**
 * The runtime module `pyts run` programs are converted against: it re-exports the runtime
 * this process preloads (preloadRuntime) from the runtime package's prebuilt single file.
 * Converted modules read those names straight from the preloaded runtime instead
 * (bindPreloadedRuntime); its file also locates the runtime's scripts.
 */
export function runtimeUrl(): string {
  return import.meta.resolve("@pyts/runtime/run");
}

/**
 * Compiles one of the runtime's scripts (a function expression, in ASCII: runtime/scripts/bundle.mjs)
 * through V8's code cache kept in `codeCache`: compiling the runtime is most of a small
 * program's start. A missing or rejected cache (another Node version) is written anew when
 * the process ends, so it also holds the functions the program compiled lazily.
 */
function compileScript(file: string, codeCache: string | null, sharedRead: boolean): (...args: unknown[]) => object {
  // Read as latin1, which copies bytes, where decoding UTF-8 costs Node 20 tens of milliseconds.
  // The core's text goes through the memory its code cache is then read into (the text is a
  // copy), so a start touches fresh memory for one of the two ~800 KB files, not both. (Only
  // the core's: with asyncio's script read so too, cold asyncio benchmarks measured slower.)
  const source = sharedRead ? readLatin1(file) : fs.readFileSync(file).toString("latin1");
  const cachedData = codeCache === null ? undefined : readCodeCache(codeCache);
  const script = new vm.Script(source, { filename: file, cachedData });
  if (codeCache !== null && (cachedData === undefined || script.cachedDataRejected)) {
    process.once("exit", () => {
      try {
        fs.mkdirSync(path.dirname(codeCache), { recursive: true });
        const temporary = `${codeCache}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, codeCacheFileBytes(script.createCachedData()));
        fs.renameSync(temporary, codeCache);
      } catch {
        // best effort: the next start compiles again
      }
    });
  }
  return script.runInThisContext() as (...args: unknown[]) => object;
}

/**
 * Loads the runtime's core (the classic-script build beside `runtimeUrl`'s module), and
 * installs the loaders of its standard-library modules' files and of asyncio's: each script,
 * compiled on the first use of one of its files, reaches the others' files through the core's
 * `$$internals`.
 */
function preloadRuntime(runtime: string, codeCache: string | null): RuntimeCore {
  const file = fileURLToPath(runtime).replace(/pyts-run\.js$/, "pyts-runtime-script.js");
  const core = compileScript(file, codeCache, true)() as RuntimeCore;
  const globals = globalThis as Record<symbol, unknown>;
  globals[Symbol.for("@pyts/runtime")] = core;
  globals[Symbol.for("@pyts/runtime/stdlib")] = scriptLoader(file, "stdlib", codeCache, core);
  globals[Symbol.for("@pyts/runtime/asyncio")] = scriptLoader(file, "asyncio", codeCache, core);
  // `pyts run --timeline` (PYTS_TIMELINE): the recorder, in asyncio's script, starts now
  core.$$startTimeline();
  return core;
}

/**
 * The loader of one of the runtime's scripts beside the core (`pyts-NAME-script.js`: the
 * standard-library modules' files, asyncio's): compiled, with its own code cache, on the
 * first use of any of its files.
 */
function scriptLoader(coreFile: string, name: string, codeCache: string | null, core: RuntimeCore): (file: string) => unknown {
  let script: { load(file: string): unknown } | undefined;
  return (file) => {
    script ??= compileScript(coreFile.replace(/pyts-runtime-script\.js$/, `pyts-${name}-script.js`), codeCache === null ? null : codeCache.replace(/\.bin$/, `-${name}.bin`), false)(core.$$internals) as { load(file: string): unknown };
    return script.load(file);
  };
}

interface RuntimeCore {
  [name: string]: unknown;
  $$internals: object;
  $$initialiseLazy(module: unknown): void;
  $$programStarted(): boolean;
  $$startTimeline(): void;
}

/** The statement a converted module reads the preloaded runtime's names with (bindPreloadedRuntime). */
const PRELOADED = 'globalThis[Symbol.for("@pyts/runtime")]';

/**
 * A converted module's import of the runtime (`import { a, b as c } from "<runtime>";`, its
 * first statement) as a read of the runtime this process preloaded:
 * `const { a, b: c } = globalThis[Symbol.for("@pyts/runtime")];`. The program then loads no
 * module of the runtime's (pyts-run.js binds every one of the runtime's names). Line breaks
 * stay where they were, so the module's line maps still hold.
 */
export function bindPreloadedRuntime(code: string, runtime: string): string {
  const from = ` from ${JSON.stringify(runtime)};`;
  return code.replace(/^import \{([^}]*)\}( from "[^"]*";)/m, (statement, names: string, source: string) =>
    source !== from ? statement : `const {${names.replace(/([\w$]+)(\s+)as(\s+)([\w$]+)/g, "$1:$2$4")}} = ${PRELOADED};`,
  );
}

/**
 * Initialises the standard-library modules the entry imports (the names it reads from the
 * runtime, its first statement), as CPython runs the imports before the rest of the
 * module, rather than at their first use, which may be inside an event-loop step.
 */
function initialiseImports(core: RuntimeCore, code: string | null): void {
  if (code === null) return; // the import reports the missing file
  const head = code.slice(0, 20_000);
  const start = /^const \{([^}]*)\} = (.*);$/m.exec(head);
  const names = start?.[2] === PRELOADED ? start[1]! : "";
  for (const specifier of names.split(",")) {
    const name = specifier.trim().split(":")[0]!.trim();
    if (name !== "") core.$$initialiseLazy(core[name]);
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
    // sys.executable: the pyts command, so `[sys.executable, "prog.py"]` runs a Python program
    PYTS_EXECUTABLE: process.env["PYTS_EXECUTABLE"] ?? path.resolve(process.argv[1]!),
  });
  const command = process.argv.slice(1);
  const code = readScript(program.script);
  // A program raising its recursion limit recurses deeper than V8's default stack holds
  // (CPython 3.11 gives pure-Python recursion all of the limit): started again on a larger stack.
  if (code !== null && argv0 !== "-" && /\bsetrecursionlimit\b/.test(code) && rerunOnLargerStack(command)) return;
  // The runtime tells the entry module by process.argv[1] and builds sys.argv from the rest.
  process.argv = [process.execPath, program.script, ...args];
  const core = preloadRuntime(program.runtime, codeCache);
  initialiseImports(core, code);
  // A failure while the entry module runs reaches the runtime's unhandledRejection handler,
  // as it would in a process started on the script.
  import(pathToFileURL(program.script).href).catch((error: unknown) => {
    if (!core.$$programStarted() && argv0 !== "-" && overflowedCompiling(error) && rerunOnLargerStack(command)) return;
    throw error;
  });
}

/** The entry's converted text, or null when it cannot be read. */
function readScript(script: string): string | null {
  try {
    return fs.readFileSync(script, "utf8");
  } catch {
    return null;
  }
}

/** V8 ran out of stack parsing a module: code nested over ~1,500 calls deep (CPython takes 3,000). */
function overflowedCompiling(error: unknown): boolean {
  return error instanceof RangeError && /call stack/.test(error.message) && /compileSourceTextModule/.test(error.stack ?? "");
}

/** Set in the process `rerunOnLargerStack` starts, so it never starts another. */
const LARGER_STACK = "PYTS_LARGER_STACK";

/**
 * Runs the same command again in a Node whose stack limit is most of the thread's real stack
 * (`ulimit -s`) instead of V8's default of under 1 MB, and ends this process as that one ends.
 * Only before any of the program ran: the rerun starts it from the beginning. Returns false
 * when it cannot (already on the larger stack, or the thread's stack is too small to gain).
 */
function rerunOnLargerStack(command: string[]): boolean {
  if (process.env[LARGER_STACK] !== undefined) return false;
  const { spawnSync } = process.getBuiltinModule("node:child_process");
  const limit = spawnSync("sh", ["-c", "ulimit -s"], { encoding: "utf8" }).stdout?.trim();
  // V8 must stop before the thread's stack ends: three quarters of it, at most 64 MB
  const kilobytes = limit === "unlimited" ? 65536 : Math.min(65536, Math.floor(Number(limit) * 0.75));
  if (!(kilobytes > 2048)) return false;
  const rerun = spawnSync(process.execPath, [...process.execArgv, `--stack-size=${kilobytes}`, ...command], {
    stdio: "inherit",
    env: { ...process.env, [LARGER_STACK]: "1" },
  });
  if (rerun.signal) process.kill(process.pid, rerun.signal);
  process.exitCode = rerun.status ?? 1;
  return true;
}
