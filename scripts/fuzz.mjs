#!/usr/bin/env node
// `npm run fuzz`: the unbounded differential fuzzer (random seeds, until interrupted), and
// `npm run fuzz -- --triage`: the fixed set of the test, summarised by category.
//   node scripts/fuzz.mjs [--count N] [--seed S] [--triage] [--examples K]
// The driver is TypeScript (test/frontend/fuzz/run.ts): bundle it for node first.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, ".tmp", "fuzz-run.mjs");
await build({
  entryPoints: [path.join(root, "test/frontend/fuzz/run.ts")],
  outfile: out,
  bundle: true,
  platform: "node",
  format: "esm",
  packages: "external",
  logLevel: "error",
});
const { main } = await import(pathToFileURL(out).href);
process.exitCode = await main(process.argv.slice(2));
