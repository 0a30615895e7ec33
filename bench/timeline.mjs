// `node bench/timeline.mjs [RUNTIME_DIR]`: what recording the event-loop timeline costs. Each
// asyncio benchmark runs under `pyts run` without a recording and with `--timeline` (a JSON
// trace); the best of BENCH_REPEAT runs (default 3) of each is kept, in alternation so load
// on the machine hits both alike. With no recording the hooks are one null check each; to
// see that this costs nothing, give the dist/ of a build without them as RUNTIME_DIR's
// `pyts` root (its cli is run the same way) and compare the "off" columns.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const roots = [root, ...(process.argv[2] ? [path.resolve(process.argv[2])] : [])];
const repeat = Number(process.env.BENCH_REPEAT ?? 3);
const dir = path.join(root, "bench/asyncio");
const trace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pyts-bench-timeline-")), "trace.json");

function measure(pytsRoot, program, timeline) {
  const cli = path.join(pytsRoot, "dist/src/cli/main.js");
  const args = [cli, "run", ...(timeline ? ["--timeline", trace] : []), program];
  const child = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", timeout: 600_000 });
  const match = /^([\w.-]+):\s*([\d.]+)\s*$/m.exec(child.stdout ?? "");
  if (child.status !== 0 || match === null) throw new Error(`${program}: exit ${child.status}\n${child.stderr}`);
  return Number(match[2]);
}

const columns = [...roots.map((r, i) => (i === 0 ? "off (ops/s)" : "no hooks (ops/s)")), "on (ops/s)", "on/off"];
const rows = [];
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".py")).sort()) {
  const program = path.join(dir, file);
  const best = { off: 0, on: 0, base: 0 };
  for (let i = 0; i < repeat; i++) {
    best.off = Math.max(best.off, measure(root, program, false));
    best.on = Math.max(best.on, measure(root, program, true));
    if (roots.length > 1) best.base = Math.max(best.base, measure(roots[1], program, false));
  }
  const row = [file.replace(/\.py$/, ""), String(Math.round(best.off))];
  if (roots.length > 1) row.push(String(Math.round(best.base)));
  row.push(String(Math.round(best.on)), (best.on / best.off).toFixed(2) + "x");
  rows.push(row);
}
const table = [["program", ...columns], ...rows];
const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
for (const r of table) console.log(r.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  "));
fs.rmSync(path.dirname(trace), { recursive: true, force: true });
