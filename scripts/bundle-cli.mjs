// Makes dist/src/cli/main.js (the `pyts` command) one file: the start path of an unchanged
// program (main.ts with cache.ts, program-files.ts, run-program.ts and code-cache.ts) then loads one ES
// module instead of four, each of which Node resolves, reads and compiles before the program
// starts. The rest of the CLI (cli.js, run.js, convert.js: the compiler, yargs, prettier)
// stays in its own files, imported only when a program must be converted or for any other
// command. Run after tsgo (esbuild is a build-time dependency only).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist/src/cli");
const main = path.join(cli, "main.js");
/** What main.js may bundle: the start path's files; any other import stays an import. */
const START_PATH = new Set(["main.js", "cache.js", "program-files.js", "run-program.js", "code-cache.js"]);

const result = await build({
  entryPoints: [main],
  bundle: true,
  write: false,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  plugins: [
    {
      name: "pyts-cli-start-path",
      setup(build) {
        build.onResolve({ filter: /^\./ }, (args) => {
          const file = path.resolve(args.resolveDir, args.path);
          if (path.dirname(file) === cli && START_PATH.has(path.basename(file))) return undefined;
          return { path: args.path, external: true };
        });
        // Node's built-ins are reached through process.getBuiltinModule, never imported.
        build.onResolve({ filter: /^node:/ }, (args) => {
          throw new Error(`bundle-cli.mjs: ${args.importer} imports ${args.path}; the start path reaches built-ins through process.getBuiltinModule`);
        });
      },
    },
  ],
});
const text = result.outputFiles[0].text;
// tsgo's shebang survives as esbuild keeps it at the top.
const SHEBANG = "#!/usr/bin/env node\n";
if (!text.startsWith(SHEBANG)) throw new Error("bundle-cli.mjs: main.js lost its #! line");
// Run as a command, main.js starts as a shell script whose second line, a comment to
// JavaScript, starts Node on the same file. Node 20 parses the NODE_EXTRA_CA_CERTS file, and
// builds its whole root certificate store, at every start (tens of milliseconds, before any of
// pyts runs): the launcher passes a readable file's name on as PYTS_EXTRA_CA_CERTS instead, and
// main.js puts it back in the environment and trusts it from the first TLS connection on.
const LAUNCHER = [
  "#!/bin/sh",
  '":" //; [ -n "$NODE_EXTRA_CA_CERTS" ] && [ -r "$NODE_EXTRA_CA_CERTS" ] && export PYTS_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS" && unset NODE_EXTRA_CA_CERTS; exec node "$0" "$@"',
  "",
].join("\n");
fs.writeFileSync(main, LAUNCHER + text.slice(SHEBANG.length));
// tsgo's map of the unbundled file no longer matches it.
fs.rmSync(`${main}.map`, { force: true });
// The command is a file one can run, as `sys.executable` names it under `pyts run`.
fs.chmodSync(main, 0o755);
