// The pyts command line (main.ts loads it when the start-up path cannot answer alone).
// Exit status: 0 success, 1 diagnostics in the input, 2 wrong usage.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { ConversionFailed, STDIN, checkNotInput, convertFile, writeOutput, writeStdout, type SourceMapMode } from "./convert.js";

const SOURCE_MAP_MODES: readonly SourceMapMode[] = ["file", "inline", "none"];
import { runPython } from "./run.js";
import { DEFAULT_EXCLUDES, runBuild, watchBuild } from "./build.js";
import { loadBuildConfig } from "./config.js";
import { wantsColour } from "./diagnostics.js";

const EXIT_DIAGNOSTICS = 1;
const EXIT_USAGE = 2;

function version(): string {
  const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../package.json");
  return (JSON.parse(fs.readFileSync(pkg, "utf8")) as { version: string }).version;
}

function usageError(message: string): number {
  process.stderr.write(`pyts: ${message}\nRun 'pyts --help' for usage.\n`);
  return EXIT_USAGE;
}

/**
 * Run one command, turning conversion failures into their report and exit status 1. A
 * command that returns null started a program in this process, which now decides the exit.
 */
export async function guarded(action: () => Promise<number | null>): Promise<void> {
  let status: number | null;
  try {
    status = await action();
  } catch (error) {
    if (error instanceof ConversionFailed) {
      process.stderr.write(error.report + "\n");
      status = EXIT_DIAGNOSTICS;
    } else if (error instanceof Error && "code" in error && error.code === "ENOENT") {
      process.stderr.write(`pyts: ${error.message}\n`);
      status = EXIT_USAGE;
    } else if (error instanceof Error && "code" in error && typeof error.code === "string" && error.code.startsWith("E")) {
      // Any other file-system failure (EISDIR, EEXIST, ENOSPC, EACCES, ...): one line, no stack.
      process.stderr.write(`pyts: ${error.message}\n`);
      status = EXIT_DIAGNOSTICS;
    } else throw error;
  }
  if (status !== null) process.exit(status);
}

export async function main(): Promise<void> {
  const argv = hideBin(process.argv).map((arg) => (arg === "-" ? STDIN : arg));
  await yargs(argv)
    .scriptName("pyts")
    .usage("Python 3.11 to TypeScript.\n\nUsage: $0 <command>")
    .command(
      "$0 <file>",
      "convert a Python file and print the TypeScript (or write it with -o)",
      (y) =>
        y
          .positional("file", { type: "string", demandOption: true, describe: "the .py file, or - for standard input" })
          .option("o", { alias: "out", type: "string", requiresArg: true, describe: "write the TypeScript here (and OUT.ts.map)" })
          .option("source-map", { choices: SOURCE_MAP_MODES, default: "file" as SourceMapMode, describe: "with -o: the map in OUT.ts.map, inline in OUT.ts, or none" }),
      (argv) =>
        guarded(async () => {
          // `-o -`: standard output, as without -o.
          const out = argv.o === STDIN || argv.o === "-" ? undefined : argv.o;
          if (out) checkNotInput(argv.file, out);
          const result = await convertFile(argv.file, { outName: out ? path.basename(out) : undefined, colour: wantsColour(process.stderr) });
          if (out) writeOutput(out, result, argv.file, argv.sourceMap);
          else await writeStdout(result.code);
          return 0;
        }),
    )
    .command(
      "build [paths..]",
      "convert files and folders into --out-dir, keeping relative paths (settings: pyts.config.json or package.json's \"pyts\")",
      (y) =>
        y
          .positional("paths", { type: "string", array: true, describe: "files and folders (default: the config's roots)" })
          .option("out-dir", { type: "string", requiresArg: true, describe: "output folder" })
          .option("watch", { alias: "w", type: "boolean", default: false, describe: "build, then rebuild what changes until stopped" })
          .option("check", { type: "boolean", default: false, describe: "write nothing; exit 1 if an output is missing or stale or a file has diagnostics" })
          .option("exclude", { type: "string", array: true, default: [] as string[], describe: `globs to skip, added to ${DEFAULT_EXCLUDES.join(" ")}` })
          .option("quiet", { alias: "q", type: "boolean", default: false, describe: "print only diagnostics" })
          .option("format", { choices: ["text", "json"] as const, default: "text" as const, describe: "diagnostics and summary as text (stderr) or JSON (stdout)" })
          .option("runtime", { type: "string", requiresArg: true, describe: "module specifier the output imports the runtime from" })
          .option("source-map", { choices: SOURCE_MAP_MODES, describe: "maps in .ts.map files (the default), inline, or none" })
          .option("pretty", { type: "boolean", describe: "format the output with prettier (default true; --no-pretty skips it)" }),
      (argv) =>
        guarded(async () => {
          const config = loadBuildConfig(process.cwd());
          const paths = argv.paths?.length ? argv.paths : config.roots;
          const outDir = argv.outDir ?? config.outDir;
          if (!paths?.length || !outDir) return usageError(!outDir ? "Missing required argument: out-dir" : "Missing files or folders to build");
          return (argv.watch ? watchBuild : runBuild)({
            paths,
            outDir,
            check: argv.check,
            exclude: [...DEFAULT_EXCLUDES, ...(config.exclude ?? []), ...argv.exclude],
            quiet: argv.quiet,
            json: argv.format === "json",
            colour: wantsColour(process.stderr),
            runtimeModule: argv.runtime ?? config.runtime,
            format: argv.pretty ?? config.format ?? true,
            sourceMap: argv.sourceMap ?? config.sourceMap ?? "file",
            version: version(),
          });
        }),
    )
    .command(
      "run <file> [args..]",
      "convert a Python file and run it (ARGS become sys.argv[1:])",
      (y) =>
        y
          .positional("file", { type: "string", demandOption: true })
          .positional("args", { type: "string", array: true, default: [] as string[] })
          .option("cache", { type: "boolean", default: true, describe: "reuse the cached conversion of an unchanged program (--no-cache: convert it anew; cache folder: PYTS_CACHE_DIR, else ~/.cache/pyts)" })
          .option("timeline", { type: "string", requiresArg: true, describe: "record the event loop into FILE.html (a page) or FILE.json (a Chrome trace)" })
          .parserConfiguration({ "unknown-options-as-args": true }),
      (argv) => {
        // The runtime starts recording as it loads when PYTS_TIMELINE names the output.
        if (argv.timeline) process.env["PYTS_TIMELINE"] = path.resolve(argv.timeline);
        return guarded(() => runPython(argv.file, (argv.args ?? []).map(String), argv.cache));
      },
    )
    .strict()
    .version(version())
    .help()
    .fail((message, error) => {
      // yargs's own parse errors (YError) are wrong usage; anything else is a fault of pyts.
      if (error && error.name !== "YError") throw error;
      message ||= error?.message ?? "";
      process.stderr.write(`pyts: ${message}\nRun 'pyts --help' for usage.\n`);
      process.exit(EXIT_USAGE);
    })
    .parseAsync();
}

