#!/usr/bin/env node
// The pyts command: a small entry that runs an unchanged program straight from the cache,
// loading neither the compiler nor yargs nor prettier (start-up time is the program's). Any
// other command, or a program to convert first, loads the rest (cli.ts, run.ts).
import { codeCacheFile, findCached } from "./cache.js";
import { startProgram } from "./run-program.js";

const STDIN_NAME = "-";

/** `pyts run [--no-cache] FILE ARGS...`: every argument after FILE is the program's, as `python3 FILE ARGS...` passes them. */
function runCommand(argv: string[]): { file: string; args: string[]; cache: boolean } | null {
  if (argv[0] !== "run") return null;
  const cache = argv[1] !== "--no-cache";
  const at = cache ? 1 : 2;
  const file = argv[at];
  if (file === undefined || (file !== STDIN_NAME && file.startsWith("-"))) return null;
  return { file, args: argv.slice(at + 1), cache };
}

const run = runCommand(process.argv.slice(2));
if (run === null) {
  await (await import("./cli.js")).main();
} else {
  const cached = run.cache && run.file !== STDIN_NAME ? findCached(run.file) : null;
  if (cached !== null) {
    // CPython compiles the script, and prints its SyntaxWarnings, on every run.
    if (cached.warnings) process.stderr.write(cached.warnings);
    startProgram(cached, run.file, run.args, codeCacheFile());
  } else {
    const [{ guarded }, { runPython }, { STDIN }] = await Promise.all([import("./cli.js"), import("./run.js"), import("./convert.js")]);
    await guarded(() => runPython(run.file === STDIN_NAME ? STDIN : run.file, run.args, run.cache));
  }
}
