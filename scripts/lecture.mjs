#!/usr/bin/env node
// Converts and runs the lecture's coroutine examples (fixtures/lecture) with `pyts run`,
// next to what CPython printed for them. The download examples get a local HTTP server.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = path.join(root, "fixtures/lecture");
const cli = path.join(root, "dist/src/cli/main.js");

/** The test HTTP server in its own process (urlopen blocks the process that calls it). */
function startServer() {
  const child = spawn(process.execPath, [path.join(root, "test/support/serve.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      text += chunk;
      if (text.includes("\n")) resolve({ url: text.split("\n")[0].trim(), stop: () => child.kill() });
    });
    child.on("error", reject);
  });
}

function run(file, args) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, "run", file, ...args], { cwd: root, stdio: "inherit" });
    child.on("close", (status) => resolve({ status, seconds: (performance.now() - started) / 1000 }));
  });
}

const server = await startServer();
let failures = 0;
try {
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".py")).sort()) {
    const file = path.relative(root, path.join(dir, name));
    const argsFile = path.join(dir, name.replace(/\.py$/, ".args"));
    const args = fs.existsSync(argsFile)
      ? fs.readFileSync(argsFile, "utf8").split("\n").filter(Boolean).map((a) => a.replaceAll("$SERVER", server.url))
      : [];
    console.log(`\n=== pyts run ${[file, ...args].join(" ")}`);
    const { status, seconds } = await run(file, args);
    console.log(`--- exit ${status}, ${seconds.toFixed(1)} s; CPython printed:`);
    process.stdout.write(fs.readFileSync(path.join(dir, name.replace(/\.py$/, ".out")), "utf8"));
    if (status !== 0) failures++;
  }
} finally {
  server.stop();
}
process.exit(failures ? 1 : 0);
