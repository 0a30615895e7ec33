// The runtime as one prebuilt file, dist/pyts-runtime.js (exported as `@pyts/runtime/bundle`):
// `pyts run` imports it so that a program's start loads and compiles one module instead of
// the ~150 files of dist/. Run after tsc; esbuild is a build-time dependency only.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const runtime = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
await build({
  entryPoints: [path.join(runtime, "dist/index.js")],
  outfile: path.join(runtime, "dist/pyts-runtime.js"),
  bundle: true,
  format: "esm",
  // The runtime reaches Node only through core/host.ts (process.getBuiltinModule), so the
  // bundle has no imports at all.
  platform: "neutral",
  target: "es2022",
  // Python-visible names come from JS class and function names in places: a name esbuild
  // renames to avoid a clash between two files must keep its `.name`.
  keepNames: true,
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  logLevel: "warning",
});
