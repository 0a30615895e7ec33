#!/usr/bin/env node
// The pyts command: a small entry that runs an unchanged program straight from the cache,
// loading neither the compiler nor yargs nor prettier (start-up time is the program's). Any
// other command, or a program to convert first, loads the rest (cli.ts, run.ts).
import { codeCacheFile, findCached } from "./cache.js";
import { startProgram } from "./run-program.js";

const STDIN_NAME = "-";

// The launcher at the top of the built main.js (scripts/bundle-cli.mjs) started Node without
// NODE_EXTRA_CA_CERTS, which Node 20 parses at every start: the program's environment (and
// its subprocesses') has it again, and the runtime's TLS connections trust the file from
// their first one on (runtime/core/host.ts).
const extraCaCerts = process.env["PYTS_EXTRA_CA_CERTS"];
if (extraCaCerts !== undefined) {
  delete process.env["PYTS_EXTRA_CA_CERTS"];
  process.env["NODE_EXTRA_CA_CERTS"] = extraCaCerts;
  (globalThis as Record<symbol, unknown>)[Symbol.for("pyts.extraCaCerts")] = extraCaCerts;
}

interface RunCommand {
  file: string;
  args: string[];
  cache: boolean;
  /** `--timeline OUT`: record the event loop into OUT (.html page or .json trace) */
  timeline: string | undefined;
  /** `-c CODE`: the program's source (file is then "-c") */
  code?: string;
}

/**
 * `pyts run [--no-cache] [--timeline OUT] FILE ARGS...` (or `-c CODE ARGS...`): every argument
 * after FILE is the program's, as `python3 FILE ARGS...` passes them. Anything else is for
 * cli.ts (yargs).
 */
function runCommand(argv: string[]): RunCommand | null {
  if (argv[0] !== "run") return null;
  let cache = true;
  let timeline: string | undefined;
  let at = 1;
  for (;;) {
    const option = argv[at];
    if (option === "--no-cache") {
      cache = false;
      at += 1;
    } else if (option === "--timeline" && argv[at + 1] !== undefined) {
      timeline = argv[at + 1];
      at += 2;
    } else if (option?.startsWith("--timeline=") && option.length > "--timeline=".length) {
      timeline = option.slice("--timeline=".length);
      at += 1;
    } else break;
  }
  const file = argv[at];
  const code = argv[at + 1];
  if (file === "-c" && code !== undefined) return { file, code, args: argv.slice(at + 2), cache, timeline };
  if (file === undefined || (file !== STDIN_NAME && file.startsWith("-"))) return null;
  return { file, args: argv.slice(at + 1), cache, timeline };
}

// eval/exec/compile in a program compile at run time with this pyts's compiler, loaded only
// then (runtime/lang/eval-exec.ts): a synchronous require of its snippet entry.
(globalThis as Record<symbol, unknown>)[Symbol.for("pyts.compiler")] = () => process.getBuiltinModule("node:module").createRequire(import.meta.url)("../snippet.js");

const run = runCommand(process.argv.slice(2));
if (run === null) {
  await (await import("./cli.js")).main();
} else {
  // The runtime starts recording as it loads when PYTS_TIMELINE names the output (runtime/timeline).
  if (run.timeline !== undefined) process.env["PYTS_TIMELINE"] = process.getBuiltinModule("node:path").resolve(run.timeline);
  const cached = run.cache && run.file !== STDIN_NAME && run.code === undefined ? findCached(run.file) : null;
  if (cached !== null) {
    // CPython compiles the script, and prints its SyntaxWarnings, on every run.
    if (cached.warnings) process.stderr.write(cached.warnings);
    startProgram(cached, run.file, run.args, codeCacheFile());
  } else {
    const [{ guarded }, { runPython }, { STDIN, COMMAND }] = await Promise.all([import("./cli.js"), import("./run.js"), import("./convert.js")]);
    const file = run.code !== undefined ? COMMAND : run.file === STDIN_NAME ? STDIN : run.file;
    await guarded(() => runPython(file, run.args, run.cache, run.code));
  }
}
