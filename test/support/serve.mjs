#!/usr/bin/env node
// Starts the test HTTP server from the shell and prints its base URL on the first line.
//   node test/support/serve.mjs [port]
// Runs until killed (SIGINT / SIGTERM). The server module is TypeScript, so it is bundled
// on the fly with esbuild (already a dependency) rather than needing a build step.
import { build } from "esbuild";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), "pyts-serve-"));
const outFile = join(outDir, "http-server.mjs");
await build({
  entryPoints: [join(here, "http-server.ts")],
  outfile: outFile,
  bundle: true,
  platform: "node",
  format: "esm",
  logLevel: "error",
});
const { startServer } = await import(pathToFileURL(outFile).href);
rmSync(outDir, { recursive: true, force: true });

const server = await startServer(Number(process.argv[2] ?? 0));
process.stdout.write(server.url + "\n");
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
