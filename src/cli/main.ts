#!/usr/bin/env node
// The pyts command line. Exit status: 0 success, 1 diagnostics in the input, 2 wrong usage.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { ConversionFailed, collectPythonFiles, convertFile, writeOutput } from "./convert.js";
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
    } else throw error;
  }
  process.exit(status);
}

async function main(): Promise<void> {
  await yargs(hideBin(process.argv))
    .scriptName("pyts")
    .usage("Python 3.11 to TypeScript.\n\nUsage: $0 <command>")
    .command(
      "$0 <file>",
      "convert a Python file and print the TypeScript (or write it with -o)",
      (y) =>
        y
          .positional("file", { type: "string", demandOption: true, describe: "the .py file" })
          .option("o", { alias: "out", type: "string", describe: "write the TypeScript here (and OUT.ts.map)" }),
      (argv) =>
        guarded(async () => {
          const out = argv.o;
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
          for (const { file, relative } of collectPythonFiles(argv.paths)) {
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
      if (error) throw error;
      process.stderr.write(`pyts: ${message}\nRun 'pyts --help' for usage.\n`);
      process.exit(EXIT_USAGE);
    })
    .parseAsync();
}

await main();
