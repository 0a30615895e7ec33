// `npm run bench`: runs every bench/**/*.py under CPython and under pyts in the same run and
// prints ops/s for each with the ratio pyts/CPython. Each program prints `<name>: <ops/s>`;
// the best of BENCH_REPEAT runs (default 3) is kept. Needs `npm run build` first.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "dist/src/cli/main.js");
const repeat = Number(process.env.BENCH_REPEAT ?? 3);
const filter = process.argv[2] ?? "";

function findPrograms(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? findPrograms(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith(".py"))
    .sort();
}

/** Runs one program; returns { name, ops } from its `<name>: <ops>` line, or { error }. */
function measure(command, args) {
  const child = spawnSync(command, args, { cwd: root, encoding: "utf8", timeout: 300_000 });
  const match = /^([\w.-]+):\s*([\d.]+)\s*$/m.exec(child.stdout ?? "");
  if (child.status !== 0 || match === null) {
    const lines = (child.stderr || child.stdout || String(child.error ?? "")).trim().split("\n");
    // The error line itself (`ValueError: ...`, `SyntaxError: ...`) says most; else the last line.
    const detail = lines.find((l) => /^\w*(Error|Exception)\b/.test(l)) ?? lines[lines.length - 1];
    return { error: `exit ${child.status}: ${detail}` };
  }
  return { name: match[1], ops: Number(match[2]) };
}

function best(command, args) {
  let result = null;
  for (let i = 0; i < repeat; i++) {
    const run = measure(command, args);
    if (run.error) return run;
    if (result === null || run.ops > result.ops) result = run;
  }
  return result;
}

if (!fs.existsSync(cli)) {
  console.error("dist/ is missing: run `npm run build` first");
  process.exit(1);
}

const rows = [];
const failures = [];
for (const file of findPrograms(path.join(root, "bench"))) {
  const rel = path.relative(root, file);
  if (!rel.includes(filter)) continue;
  const cpython = best("python3", [rel]);
  const pyts = best(process.execPath, [cli, "run", rel]);
  const name = cpython.name ?? pyts.name ?? path.basename(file, ".py");
  const ratio = cpython.ops && pyts.ops ? (pyts.ops / cpython.ops).toFixed(2) + "x" : "-";
  rows.push([name, cpython.error ?? Math.round(cpython.ops).toString(), pyts.error ?? Math.round(pyts.ops).toString(), ratio]);
  // Failures are shown in full below the table.
  for (const [who, r] of [["CPython", cpython], ["pyts", pyts]]) if (r.error) failures.push(`${rel} (${who}): ${r.error}`);
}

const header = ["benchmark", "CPython ops/s", "pyts ops/s", "pyts/CPython"];
const cell = (v) => (v.length > 40 ? v.slice(0, 37) + "..." : v);
const table = [header, ...rows.map((r) => r.map(cell))];
const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
const line = (r) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  ");
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of rows) console.log(line(r.map(cell)));
if (failures.length > 0) console.log("\n" + failures.join("\n"));
