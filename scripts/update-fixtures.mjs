#!/usr/bin/env node
// Rewrites the golden .ts of every fixture from the built pyts (review the diff!).
//   node scripts/update-fixtures.mjs [--oracle] [FILTER]
// --oracle also re-runs CPython to rewrite the .out (and .status) files: the expected
// outputs always come from python3, never from pyts. FILTER keeps fixtures whose
// group/name contains it.
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { transpile } = await import(pathToFileURL(path.join(root, "dist/src/index.js")).href);

const oracle = process.argv.includes("--oracle");
const filter = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "";

/** The test support modules are TypeScript: bundle them for this script. */
async function importTs(file) {
  const out = path.join(root, ".tmp", path.basename(file).replace(/\.ts$/, ".mjs"));
  await build({ entryPoints: [file], outfile: out, bundle: true, platform: "node", format: "esm", logLevel: "error" });
  return import(pathToFileURL(out).href);
}

const { listFixtures, fixtureArgs } = await importTs(path.join(root, "test/support/fixtures.ts"));
/** The test HTTP server in its own process: python blocks this one while it runs. */
function startServer() {
  const child = spawn(process.execPath, [path.join(root, "test/support/serve.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      text += chunk;
      if (text.includes("\n")) resolve({ url: text.split("\n")[0].trim(), close: async () => child.kill() });
    });
    child.on("error", reject);
    // an error that ends this script (say, no python with aiohttp) must not leave the server running
    process.on("exit", () => child.kill());
  });
}
const server = oracle ? await startServer() : null;

/**
 * CPython with the modules the program imports. A program importing aiohttp runs on the
 * python of $PYTS_AIOHTTP_PYTHON, else of a virtual environment at /tmp/aiovenv made with
 *   python3 -m venv /tmp/aiovenv
 *   /tmp/aiovenv/bin/pip install --no-index --find-links /opt/pypi/files aiohttp
 * (aiohttp 3.14.3, the version pyts follows). Only these fixtures need it: their .out files
 * are committed, so the tests never do.
 */
function pythonFor(source) {
  if (!/^\s*import aiohttp|^\s*from aiohttp/m.test(source)) return "python3";
  const python = process.env.PYTS_AIOHTTP_PYTHON ?? "/tmp/aiovenv/bin/python";
  if (spawnSync(python, ["-c", "import aiohttp"]).status !== 0) throw new Error(`${python} cannot import aiohttp: make the venv (see pythonFor in scripts/update-fixtures.mjs)`);
  return python;
}

let changed = 0;
for (const fixture of listFixtures()) {
  if (!`${fixture.group}/${fixture.name}`.includes(filter)) continue;
  const source = fs.readFileSync(fixture.py); // bytes: the file may declare its encoding
  const rel = path.relative(root, fixture.py);
  try {
    const { code } = await transpile(source, { filename: rel });
    if (!fs.existsSync(fixture.ts) || fs.readFileSync(fixture.ts, "utf8") !== code) {
      fs.writeFileSync(fixture.ts, code);
      changed++;
      console.log(`golden: ${rel}`);
    }
  } catch (error) {
    console.error(`pyts cannot convert ${rel}: ${error.message}`);
  }
  if (oracle) {
    const args = fixtureArgs(fixture, server.url);
    const python = pythonFor(source);
    const input = fs.existsSync(fixture.input) ? fs.readFileSync(fixture.input, "utf8") : "";
    const run = spawnSync(python, [rel, ...args], { cwd: root, encoding: "utf8", input });
    // (tracebacks name the checkout's absolute path: stored as <root>, as the tests normalise it)
    fs.writeFileSync(fixture.out, run.stdout.split(root + path.sep).join("<root>/"));
    if (fs.existsSync(fixture.err)) fs.writeFileSync(fixture.err, run.stderr.split(root + path.sep).join("<root>/"));
    if (run.status !== 0) fs.writeFileSync(fixture.status, `${run.status}\n`);
    else fs.rmSync(fixture.status, { force: true });
    console.log(`oracle (${python}): ${rel} -> exit ${run.status}`);
  }
}

// Programs of several modules: a golden .ts beside each .py, CPython's output of main.py.
const { listPrograms, transpileProgram } = await importTs(path.join(root, "test/support/programs.ts"));
for (const program of listPrograms()) {
  if (!`modules/${program.name}`.includes(filter)) continue;
  try {
    for (const [file, code] of await transpileProgram(program)) {
      const golden = path.join(program.dir, file.replace(/\.py$/, ".ts"));
      if (!fs.existsSync(golden) || fs.readFileSync(golden, "utf8") !== code) {
        fs.writeFileSync(golden, code);
        changed++;
        console.log(`golden: ${path.relative(root, golden)}`);
      }
    }
  } catch (error) {
    console.error(`pyts cannot convert fixtures/modules/${program.name}: ${error.message}`);
  }
  if (oracle) {
    const run = spawnSync("python3", ["main.py"], { cwd: program.dir, encoding: "utf8", env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } });
    fs.writeFileSync(path.join(program.dir, "main.out"), run.stdout.split(root + path.sep).join("<root>/"));
    if (run.status !== 0) fs.writeFileSync(path.join(program.dir, "main.status"), `${run.status}\n`);
    else fs.rmSync(path.join(program.dir, "main.status"), { force: true });
    console.log(`oracle: fixtures/modules/${program.name} -> exit ${run.status}`);
  }
}

await server?.close();
console.log(`${changed} golden file(s) rewritten`);
