// `npm run bench`: measures pyts against CPython in the same run and prints ratio tables.
//   1. programs: every bench/<group>/*.py (except bench/startup) runs under CPython and under
//      `pyts run`; each prints `<name>: <ops/s>` for its own hot loop; the best of
//      BENCH_REPEAT runs (default 3) is kept; each group ends with the geometric mean ratio.
//      bench/asyncio programs also print `<name> cold: <ops/s>` (their first round in a fresh
//      process): their table has cold and warm columns.
//   1b. timeline cost: the bench/asyncio programs with and without `--timeline` (on/off ratio;
//      BENCH_TIMELINE_BASE=DIR compares "off" with a build without the recording hooks).
//   1c. memory per pending task: bench/memory/task_memory.py run with 50,000 tasks and with
//      none under /usr/bin/time, CPython and pyts; the difference in peak RSS per task.
//   1d. threads against coroutines: bench/threads/threads_vs_coroutines.py (blocking sleeps one
//      after another, in threads, in a pool, and asyncio.sleep in coroutines) under CPython and
//      pyts, the median of 3 runs of each approach's elapsed time, and pyts's difference in %.
//   2. start-up: wall time of `pyts run bench/startup/hello.py` (cached and --no-cache; the
//      command itself, as a user starts it) against the CPython binary itself
//      (sys.executable, not a shim), best of 5.
//   3. transpile throughput: transpile() of every fixture, unformatted and formatted, against
//      the bare @lezer/python parse of the same files, in this process; then linearity: one
//      program of 8x as many lines as another (the same block repeated) should cost 8x.
// `node bench/run.mjs FILTER` runs only programs whose path contains FILTER (and skips 2, 3
// unless FILTER is "startup" or "transpile"). Needs `npm run build` first.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "dist/src/cli/main.js");
const repeat = Number(process.env.BENCH_REPEAT ?? 3);
const filter = process.argv[2] ?? "";

function findPrograms(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? findPrograms(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith(".py") && !/[/\\](startup|memory|threads)[/\\]/.test(f))
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
  const cold = /^[\w.-]+ cold:\s*([\d.]+)\s*$/m.exec(child.stdout);
  return { name: match[1], ops: Number(match[2]), cold: cold === null ? null : Number(cold[1]) };
}

function best(command, args) {
  let result = null;
  for (let i = 0; i < repeat; i++) {
    const run = measure(command, args);
    if (run.error) return run;
    if (result === null) result = run;
    else result = { ...result, ops: Math.max(result.ops, run.ops), cold: run.cold === null ? result.cold : Math.max(result.cold ?? 0, run.cold) };
  }
  return result;
}

function printTable(header, rows) {
  const cell = (v) => (v.length > 40 ? v.slice(0, 37) + "..." : v);
  const table = [header, ...rows.map((r) => r.map(cell))];
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const line = (r) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of table.slice(1)) console.log(line(r));
}

const geomean = (xs) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

if (!fs.existsSync(cli)) {
  console.error("dist/ is missing: run `npm run build` first");
  process.exit(1);
}

// 1. Programs, grouped by folder.
const rows = [];
const coldRows = [];
let coldRatios = [];
let warmRatios = [];
const failures = [];
let group = null;
let ratios = [];
const closeGroup = () => {
  if (group !== null && ratios.length > 0) rows.push([`  geometric mean (${group})`, "", "", geomean(ratios).toFixed(2) + "x"]);
  ratios = [];
};
for (const file of findPrograms(path.join(root, "bench"))) {
  const rel = path.relative(root, file);
  if (!rel.includes(filter)) continue;
  const dir = path.basename(path.dirname(file));
  if (dir !== group) {
    closeGroup();
    group = dir;
  }
  const cpython = best("python3", [rel]);
  const pyts = best(process.execPath, [cli, "run", rel]);
  const name = cpython.name ?? pyts.name ?? path.basename(file, ".py");
  const ratio = cpython.ops && pyts.ops ? pyts.ops / cpython.ops : null;
  for (const [who, r] of [["CPython", cpython], ["pyts", pyts]]) if (r.error) failures.push(`${rel} (${who}): ${r.error}`);
  if (cpython.cold != null || pyts.cold != null) {
    // Cold (first round, fresh process) next to warm (best round).
    const coldRatio = cpython.cold && pyts.cold ? pyts.cold / cpython.cold : null;
    if (coldRatio !== null) coldRatios.push(coldRatio);
    if (ratio !== null) warmRatios.push(ratio);
    const fmt = (v) => (v == null ? "-" : Math.round(v) + "");
    coldRows.push([`${dir}/${name}`, cpython.error ?? fmt(cpython.cold), pyts.error ?? fmt(pyts.cold), coldRatio === null ? "-" : coldRatio.toFixed(2) + "x", fmt(cpython.ops), fmt(pyts.ops), ratio === null ? "-" : ratio.toFixed(2) + "x"]);
    continue;
  }
  if (ratio !== null) ratios.push(ratio);
  rows.push([`${dir}/${name}`, cpython.error ?? Math.round(cpython.ops * 100) / 100 + "", pyts.error ?? Math.round(pyts.ops * 100) / 100 + "", ratio === null ? "-" : ratio.toFixed(2) + "x"]);
}
closeGroup();
if (rows.length > 0) printTable(["benchmark", "CPython ops/s", "pyts ops/s", "pyts/CPython"], rows);
if (coldRows.length > 0) {
  const gm = (xs) => (xs.length > 0 ? geomean(xs).toFixed(2) + "x" : "-");
  coldRows.push(["  geometric mean", "", "", gm(coldRatios), "", "", gm(warmRatios)]);
  if (rows.length > 0) console.log("");
  console.log(`cold: the first round in a fresh process; warm: the best round (best of ${repeat} processes each)`);
  printTable(["benchmark", "CPython cold", "pyts cold", "pyts/CPy cold", "CPython warm", "pyts warm", "pyts/CPy warm"], coldRows);
}
if (failures.length > 0) console.log("\n" + failures.join("\n"));

/** Best wall time in ms of a command over `times` runs. */
function wallTime(command, args, times = 5, env = process.env) {
  let bestMs = Infinity;
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    const child = spawnSync(command, args, { cwd: root, encoding: "utf8", env });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (child.status !== 0) return { error: (child.stderr || "").trim().split("\n").pop() };
    bestMs = Math.min(bestMs, ms);
  }
  return { ms: bestMs };
}

// 1b. What recording the event-loop timeline costs: each bench/asyncio program under
// `pyts run` without a recording ("off") and with `--timeline PAGE.html` ("on"; the page is
// written at exit, outside the program's own timing), runs alternating, best of BENCH_REPEAT.
// Off, the hooks are one null check each; BENCH_TIMELINE_BASE=DIR (another pyts checkout,
// built, without the hooks) adds its runs as "no hooks" to show what that check costs.
if (filter === "" || filter === "asyncio" || filter === "timeline") {
  const page = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pyts-bench-timeline-")), "timeline.html");
  const baseRoot = process.env.BENCH_TIMELINE_BASE ? path.resolve(process.env.BENCH_TIMELINE_BASE) : null;
  const baseCli = baseRoot === null ? null : path.join(baseRoot, "dist/src/cli/main.js");
  const timelineRows = [];
  const onRatios = [];
  for (const file of findPrograms(path.join(root, "bench/asyncio"))) {
    const rel = path.relative(root, file);
    const top = { off: null, on: null, base: null };
    const keep = (key, run) => {
      if (run.error) top[key] = top[key] ?? run;
      else if (top[key] === null || top[key].error || run.ops > top[key].ops) top[key] = run;
    };
    for (let i = 0; i < repeat; i++) {
      keep("off", measure(process.execPath, [cli, "run", rel]));
      keep("on", measure(process.execPath, [cli, "run", "--timeline", page, rel]));
      if (baseCli !== null) keep("base", measure(process.execPath, [baseCli, "run", rel]));
    }
    const show = (r) => r.error ?? Math.round(r.ops) + "";
    const ratio = top.off.ops && top.on.ops ? top.on.ops / top.off.ops : null;
    if (ratio !== null) onRatios.push(ratio);
    const row = [rel, show(top.off)];
    if (baseCli !== null) row.push(show(top.base), top.base.ops && top.off.ops ? (top.off.ops / top.base.ops).toFixed(2) + "x" : "-");
    row.push(show(top.on), ratio === null ? "-" : ratio.toFixed(2) + "x");
    timelineRows.push(row);
  }
  const header = ["program", "off ops/s", ...(baseCli !== null ? ["no hooks ops/s", "off/no hooks"] : []), "on ops/s", "on/off"];
  if (onRatios.length > 0) timelineRows.push(["  geometric mean", "", ...(baseCli !== null ? ["", ""] : []), "", geomean(onRatios).toFixed(2) + "x"]);
  console.log(`\ntimeline recording cost (pyts run with and without --timeline, warm, best of ${repeat})`);
  printTable(header, timelineRows);
  fs.rmSync(path.dirname(page), { recursive: true, force: true });
}

// 1c. Memory per pending task: peak RSS (GNU time's %M, KiB) with TASKS tasks minus with none.
if (filter === "" || filter === "asyncio" || filter === "memory") {
  const program = "bench/memory/task_memory.py";
  const tasks = 50000;
  /** Least peak RSS in KiB over `repeat` runs (GC timing only ever adds). */
  const peakKiB = (command, args) => {
    let least = Infinity;
    for (let i = 0; i < repeat; i++) {
      const child = spawnSync("/usr/bin/time", ["-f", "peak-rss-kib %M", command, ...args], { cwd: root, encoding: "utf8" });
      const match = /peak-rss-kib (\d+)/.exec(child.stderr ?? "");
      if (child.status !== 0 || match === null) return { error: (child.stderr || String(child.error)).trim().split("\n").pop() };
      least = Math.min(least, Number(match[1]));
    }
    return { kib: least };
  };
  const perTask = (command, args) => {
    const full = peakKiB(command, [...args, String(tasks)]);
    const none = peakKiB(command, [...args, "0"]);
    if (full.error || none.error) return { error: full.error ?? none.error };
    return { bytes: ((full.kib - none.kib) * 1024) / tasks };
  };
  if (fs.existsSync("/usr/bin/time")) {
    const cpython = perTask("python3", [program]);
    const pyts = perTask(process.execPath, [cli, "run", program]);
    const show = (r) => r.error ?? (r.bytes / 1024).toFixed(2);
    console.log(`\nmemory per pending task (${tasks} tasks in \`await event.wait()\`, peak RSS difference, least of ${repeat})`);
    printTable(
      ["program", "CPython KiB/task", "pyts KiB/task", "pyts/CPython"],
      [[program, show(cpython), show(pyts), cpython.bytes && pyts.bytes ? (pyts.bytes / cpython.bytes).toFixed(2) + "x" : "-"]],
    );
  } else console.log("\nmemory per task: skipped (no /usr/bin/time)");
}

// 2. Start-up: CPython's binary against `pyts run` of an unchanged program (its conversion
// in the cache, as from a program's second run on) and of a changed one (`--no-cache`: the
// compiler loads and converts), with Node's own start for scale. The cache is a fresh folder.
// 1d. Threads against coroutines: the same waiting work, timed per approach in one program.
if (filter === "" || filter === "threads") {
  const program = "bench/threads/threads_vs_coroutines.py";
  /** Each approach's elapsed seconds over 3 runs, or an error line. */
  const timings = (command, args) => {
    const runs = new Map();
    for (let i = 0; i < 3; i++) {
      const child = spawnSync(command, [...args, program], { cwd: root, encoding: "utf8", timeout: 120_000 });
      if (child.status !== 0) return { error: `exit ${child.status}: ${(child.stderr || "").trim().split("\n").pop()}` };
      for (const [, label, seconds] of child.stdout.matchAll(/^(\w+): ([\d.]+)$/gm)) runs.set(label, [...(runs.get(label) ?? []), Number(seconds)]);
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return { seconds: new Map([...runs].map(([label, xs]) => [label, median(xs)])) };
  };
  const cpython = timings("python3", []);
  const pyts = timings(process.execPath, [cli, "run"]);
  console.log("");
  console.log(`threads against coroutines, ${program} (elapsed s, median of 3 runs)`);
  if (cpython.error || pyts.error) console.log(`CPython: ${cpython.error ?? "ok"}; pyts: ${pyts.error ?? "ok"}`);
  else
    printTable(
      ["approach", "CPython s", "pyts s", "pyts - CPython"],
      [...cpython.seconds].map(([label, cs]) => {
        const ps = pyts.seconds.get(label);
        const diff = ps === undefined ? "-" : `${(((ps - cs) / cs) * 100).toFixed(1)}%`;
        return [label, cs.toFixed(3), ps === undefined ? "-" : ps.toFixed(3), diff];
      }),
    );
}

if (filter === "" || filter === "startup") {
  const python = spawnSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).stdout.trim();
  const hello = "bench/startup/hello.py";
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-bench-cache-"));
  const env = { ...process.env, PYTS_CACHE_DIR: cacheDir };
  try {
    // Fills the cache (the conversion and the runtime's code cache); not timed.
    spawnSync(cli, ["run", hello], { cwd: root, env });
    const cpython = wallTime(python, [hello]);
    // The `pyts` command as a user starts it (its launcher, then Node on main.js).
    const warm = wallTime(cli, ["run", hello], 5, env);
    const cold = wallTime(cli, ["run", "--no-cache", hello], 5, env);
    const nodeBare = wallTime(process.execPath, ["-e", "0"]);
    const ms = (r) => r.error ?? r.ms.toFixed(1);
    const ratio = (r) => (cpython.ms && r.ms ? (r.ms / cpython.ms).toFixed(2) + "x" : "-");
    console.log(`\nstart-up, ${hello} (best of 5, wall time; lower is better)`);
    printTable(
      ["command", "ms", "x CPython"],
      [
        [`CPython (${python})`, ms(cpython), "1.00x"],
        ["pyts run, unchanged program (cached)", ms(warm), ratio(warm)],
        ["pyts run --no-cache (converts)", ms(cold), ratio(cold)],
        ["node -e 0 (Node's own start)", ms(nodeBare), ratio(nodeBare)],
      ],
    );
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

// 3. Transpile throughput against the bare parse.
if (filter === "" || filter === "transpile") {
  const { transpile } = await import(pathToFileURL(path.join(root, "dist/src/index.js")).href);
  const { parser } = await import("@lezer/python");
  const sources = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith(".py")) sources.push({ file: path.relative(root, full), text: fs.readFileSync(full, "utf8") });
    }
  };
  walk(path.join(root, "fixtures"));
  const bytes = sources.reduce((n, s) => n + s.text.length, 0);
  /** Best of 3 timed passes over every source, after one warm-up pass. */
  async function timed(step) {
    let bestMs = Infinity;
    for (let round = 0; round < 4; round++) {
      const start = process.hrtime.bigint();
      for (const s of sources) {
        try {
          await step(s);
        } catch {
          // a fixture pyts refuses still costs its parse; nothing to count
        }
      }
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (round > 0) bestMs = Math.min(bestMs, ms);
    }
    return bestMs;
  }
  const parseMs = await timed((s) => parser.parse(s.text));
  const rawMs = await timed((s) => transpile(s.text, { filename: s.file, format: false }));
  const formattedMs = await timed((s) => transpile(s.text, { filename: s.file }));
  console.log(`\ntranspile throughput (${sources.length} fixtures, ${(bytes / 1024).toFixed(0)} KiB, best of 3 warm passes)`);
  printTable(
    ["step", "ms", "KiB/s", "x bare parse"],
    [
      ["bare @lezer/python parse", parseMs.toFixed(1), (bytes / 1024 / (parseMs / 1000)).toFixed(0), "1.00x"],
      ["transpile, unformatted", rawMs.toFixed(1), (bytes / 1024 / (rawMs / 1000)).toFixed(0), (rawMs / parseMs).toFixed(2) + "x"],
      ["transpile, formatted", formattedMs.toFixed(1), (bytes / 1024 / (formattedMs / 1000)).toFixed(0), (formattedMs / parseMs).toFixed(2) + "x"],
    ],
  );

  // Linearity: a block of ordinary code repeated (its names numbered), small and 8x larger.
  const block = (i) => `
def f${i}(a, b=2, *args, **kw):
    """doc ${i}"""
    x = [j * a for j in range(b) if j % 2]
    d = {"k": x, "n": len(x)}
    for k, v in d.items():
        if isinstance(v, int) and v > 3:
            print("%s=%d" % (k, v))  # a comment
        else:
            print(k, v, sep=", ")
    return sum(x) + a ** 2


class C${i}:
    def __init__(self, v):
        self.v = v

    def m(self, w):
        return self.v * w + f${i}(w)

`;
  const program = (n) => Array.from({ length: n }, (_, i) => block(i)).join("") + "print(f0(3), C0(2).m(4))\n";
  const sizes = [40, 320];
  const bestOf = async (step, times = 3) => {
    let bestMs = Infinity;
    for (let i = 0; i < times; i++) {
      const start = process.hrtime.bigint();
      await step();
      bestMs = Math.min(bestMs, Number(process.hrtime.bigint() - start) / 1e6);
    }
    return bestMs;
  };
  const linear = [];
  for (const n of sizes) {
    const text = program(n);
    const lines = text.split("\n").length;
    const parse = await bestOf(() => parser.parse(text));
    const raw = await bestOf(() => transpile(text, { filename: "big.py", format: false }));
    const formatted = await bestOf(() => transpile(text, { filename: "big.py" }));
    linear.push({ lines, parse, raw, formatted });
  }
  const perK = (ms, lines) => ((ms / lines) * 1000).toFixed(1);
  console.log(`\ntranspile linearity (one generated program, ${sizes[0]} and ${sizes[1]} repeats of a 20-line block; ms per 1,000 lines, best of 3)`);
  printTable(
    ["lines", "parse", "unformatted", "formatted", "unformatted x parse", "formatted x parse"],
    linear.map((r) => [String(r.lines), perK(r.parse, r.lines), perK(r.raw, r.lines), perK(r.formatted, r.lines), (r.raw / r.parse).toFixed(2) + "x", (r.formatted / r.parse).toFixed(2) + "x"]),
  );
  const [small, large] = linear;
  console.log(`cost per line, ${large.lines} lines against ${small.lines}: unformatted ${((large.raw / large.lines) / (small.raw / small.lines)).toFixed(2)}x, formatted ${((large.formatted / large.lines) / (small.formatted / small.lines)).toFixed(2)}x (1.00x is linear)`);
}
