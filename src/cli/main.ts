#!/usr/bin/env node
// The pyts command line. Exit status: 0 success, 1 diagnostics in the input, 2 wrong usage.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { ConversionFailed, STDIN, checkNotInput, collectPythonFiles, convertFile, writeOutput } from "./convert.js";
import { runPython } from "./run.js";

const EXIT_DIAGNOSTICS = 1;
const EXIT_USAGE = 2;

function version(): string {
  const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../package.json");
  return (JSON.parse(fs.readFileSync(pkg, "utf8")) as { version: string }).version;
}

/** Run one command, turning conversion failures into their report and exit status 1. */
async function guarded(action: () => Promise<number>): Promise<never> {
  let status: number;
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
  process.exit(status);
}

async function main(): Promise<void> {
  const argv = hideBin(process.argv).map((arg) => (arg === "-" ? STDIN : arg));
  // `pyts run FILE ARGS...`: every argument after FILE is the program's, `--help`, `--version`
  // and `--` included, as `python3 FILE ARGS...` passes them.
  if (argv[0] === "run" && argv.length >= 2 && (argv[1] === STDIN || !argv[1]!.startsWith("-"))) {
    const [, file, ...args] = hideBin(process.argv);
    return guarded(() => runPython(file === "-" ? STDIN : file!, args));
  }
  await yargs(argv)
    .scriptName("pyts")
    .usage("Python 3.11 to TypeScript.\n\nUsage: $0 <command>")
    .command(
      "$0 <file>",
      "convert a Python file and print the TypeScript (or write it with -o)",
      (y) =>
        y
          .positional("file", { type: "string", demandOption: true, describe: "the .py file, or - for standard input" })
          .option("o", { alias: "out", type: "string", requiresArg: true, describe: "write the TypeScript here (and OUT.ts.map)" }),
      (argv) =>
        guarded(async () => {
          const out = argv.o;
          if (out) checkNotInput(argv.file, out);
          const result = await convertFile(argv.file, { outName: out ? path.basename(out) : undefined });
          if (out) writeOutput(out, result);
          else process.stdout.write(result.code);
          return 0;
        }),
    )
    .command(
      "build <paths..>",
      "convert files and folders into --out-dir, keeping relative paths",
      (y) =>
        y
          .positional("paths", { type: "string", array: true, demandOption: true })
          .option("out-dir", { type: "string", demandOption: true, describe: "output folder" }),
      (argv) =>
        guarded(async () => {
          const failures: string[] = [];
          let written = 0;
          const skipped = (file: string, why: string): void => void process.stderr.write(`pyts: skipping ${file}: ${why}\n`);
          const inputs = collectPythonFiles(argv.paths, skipped);
          // Two inputs that map to one output would overwrite each other: refuse before writing.
          const sources = new Map<string, string>();
          for (const { file, relative } of inputs) {
            const outFile = path.resolve(argv.outDir, relative.replace(/\.py$/, ".ts"));
            const earlier = sources.get(outFile);
            if (earlier !== undefined) throw new ConversionFailed(`pyts: ${earlier} and ${file} would both be written to ${outFile}`);
            sources.set(outFile, file);
            checkNotInput(file, outFile);
          }
          for (const { file, relative } of inputs) {
            const outFile = path.join(argv.outDir, relative.replace(/\.py$/, ".ts"));
            try {
              writeOutput(outFile, await convertFile(file, { outName: path.basename(outFile) }));
              written++;
            } catch (error) {
              if (!(error instanceof ConversionFailed)) throw error;
              failures.push(error.report);
            }
          }
          process.stderr.write(`pyts: converted ${written} file(s)${failures.length ? `, ${failures.length} failed` : ""}\n`);
          if (failures.length) process.stderr.write(failures.join("\n") + "\n");
          return failures.length ? EXIT_DIAGNOSTICS : 0;
        }),
    )
    .command(
      "run <file> [args..]",
      "convert a Python file and run it (ARGS become sys.argv[1:])",
      (y) =>
        y
          .positional("file", { type: "string", demandOption: true })
          .positional("args", { type: "string", array: true, default: [] as string[] })
          .parserConfiguration({ "unknown-options-as-args": true }),
      (argv) => guarded(() => runPython(argv.file, (argv.args ?? []).map(String))),
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

await main();
