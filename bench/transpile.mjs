// `node bench/transpile.mjs [rounds]`: time to transpile every fixture, unformatted (what
// `pyts run` does) and formatted (what `pyts FILE` prints). Needs `npm run build` first.
// Prints the best of the rounds (default 3) for each mode, in milliseconds.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { transpile } = await import(path.join(root, "dist/src/index.js"));
const rounds = Number(process.argv[2] ?? 3);

const sources = [];
for (const group of fs.readdirSync(path.join(root, "fixtures")).sort()) {
  const dir = path.join(root, "fixtures", group);
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith(".py")) sources.push({ file: path.join(group, file), text: fs.readFileSync(path.join(dir, file), "utf8") });
  }
}

async function timeAll(format) {
  const start = performance.now();
  for (const { file, text } of sources) {
    try {
      await transpile(text, { filename: file, format });
    } catch {
      // fixtures that are meant to fail still cost their time
    }
  }
  return performance.now() - start;
}

for (const format of [false, true]) {
  await timeAll(format); // warm up
  let best = Infinity;
  for (let i = 0; i < rounds; i++) best = Math.min(best, await timeAll(format));
  console.log(`${format ? "formatted" : "unformatted"}: ${sources.length} files in ${best.toFixed(0)} ms`);
}
