#!/usr/bin/env node
// `npm run test:stdlib-ast`: the frontend's AST (src/frontend/dump.ts) must equal CPython's
// `ast.dump(..., include_attributes=True)` for every .py file of python3's own Lib/ and for a
// generated 20k-line file. Files CPython rejects must be rejected by pyts with the same error
// class and line. Every file is accounted for in the report; the exit status is non-zero on
// any mismatch. Python work runs in two python3 processes, the frontend in two worker threads.
//   node scripts/stdlib-ast.mjs [--verbose] [--filter SUBSTRING]   (--filter: only matching Lib/ paths)
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => pathToFileURL(path.join(root, "dist/src/frontend", p)).href;

/** The frontend's verdict on one source: {sha} of its dump, {verdict} or {internal}. */
async function frontendSide(text, wantDump) {
  const { parsePython } = await import(dist("parse.js"));
  const { dumpAst } = await import(dist("dump.js"));
  const { DiagnosticError } = await import(dist("ast.js"));
  const { syntaxErrorClass } = await import(dist("errors.js"));
  const start = performance.now();
  try {
    const dump = dumpAst(parsePython(text, "x.py"));
    const ms = performance.now() - start;
    return wantDump ? { dump, ms } : { sha: createHash("sha256").update(dump, "utf8").digest("hex"), ms };
  } catch (e) {
    const ms = performance.now() - start;
    if (e instanceof DiagnosticError) {
      const d = e.diagnostics[0];
      return { verdict: [syntaxErrorClass(d), d.line, d.col + 1, d.message], ms };
    }
    return { internal: e instanceof Error ? `${e.name}: ${e.message}`.split("\n")[0] : String(e), ms };
  }
}

if (!isMainThread) {
  const out = [];
  for (const file of workerData.files) {
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(fs.readFileSync(file));
    } catch {
      out.push({ file, undecodable: true });
      continue;
    }
    out.push({ file, ...(await frontendSide(text, false)) });
  }
  parentPort.postMessage(out);
} else {
  process.exitCode = await main();
}

/** CPython's side for many files, in one python3 process. */
function cpythonSide(files, extra = []) {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", [path.join(root, "test/frontend/stdlib_ast.py"), ...extra], { env: { ...process.env, PYTHONIOENCODING: "utf-8" } });
    const chunks = [];
    child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.pipe(process.stderr);
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`stdlib_ast.py exited with ${code}`));
      const lines = Buffer.concat(chunks).toString("utf8").split("\n").filter((l) => l.trim() !== "");
      if (lines.length !== files.length) return reject(new Error(`stdlib_ast.py answered ${lines.length} of ${files.length} files`));
      resolve(new Map(files.map((f, i) => [f, JSON.parse(lines[i])])));
    });
    child.stdin.end(files.join("\n") + "\n");
  });
}

function frontendInWorker(files) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { files } });
    worker.once("message", (out) => resolve(new Map(out.map((r) => [r.file, r]))));
    worker.once("error", reject);
  });
}

/** Splits files into n lists of about equal total size. */
function balance(files, n) {
  const lists = Array.from({ length: n }, () => ({ size: 0, files: [] }));
  const sized = files.map((f) => ({ f, size: fs.statSync(f).size })).sort((a, b) => b.size - a.size);
  for (const { f, size } of sized) {
    const l = lists.reduce((a, b) => (b.size < a.size ? b : a));
    l.files.push(f);
    l.size += size;
  }
  return lists.map((l) => l.files);
}

function pyFiles(dir, skipped) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        // third-party packages installed into this Python are not CPython's Lib/
        if (d === dir && (e.name === "site-packages" || e.name === "dist-packages")) skipped.push(full);
        else walk(full);
      } else if (e.name.endsWith(".py")) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** A mulberry32 stream, so the generated file is the same on every run. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 20k-line module of varied constructs (one definition per block, unique names). */
function generatedModule(lines) {
  const r = rng(20000);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const exprs = [
    "a + b * c - d / e // f % g ** 2", "not a or b and (c if d else e)", "[x * 2 for x in range(n) if x % 3]",
    "{k: v for k, v in zip(keys, values)}", "{x for x in items}", "(y async for y in src) if False else None",
    "lambda p, *q, r=1, **s: (p, q, r, s)", "f'{a!r:>{width}} {b:.3f} {c=}'", "b'bytes\\x00' + rb'\\d'",
    "'implicit' 'concatenation' \"of strings\"", "0x_ff + 0o17 + 0b1010 + 1_000_000 + 3.14e-10 + 2j",
    "obj.attr[1:2, ::3][...]", "call(*args, key=value, **kwargs)", "(yield_ := 5)", "a < b <= c != d is not e in f",
    "~a | b & c ^ d << 2 >> 1", "-x if +y else ~z", "[*a, *b]", "{**d1, 'k': 1, **d2}", "(1,)", "()",
    "'''triple\nquoted'''", "r'raw\\string'", "u'unicode é ✓'", "1 if a else 2 if b else 3",
  ];
  const statements = (name, pad) => {
    const body = [];
    for (let k = 0, n = 1 + Math.floor(r() * 6); k < n; k++) {
      const e = pick(exprs).replace(/\n/g, "\\n");
      body.push(pick([
        `${pad}v_${k} = ${e}`, `${pad}v_${k}: int = ${e}`, `${pad}v_${k} += 1`, `${pad}assert v, "${name}"`,
        `${pad}print(${e})`, `${pad}del v_${k}`, `${pad}x_${k}, *y_${k} = z`, `${pad}pass`,
      ]));
    }
    return body;
  };
  const blocks = [
    (n) => [`def ${n}(a, /, b: int = 1, *args, c, d=2, **kw) -> "str":`, `    """Docstring of ${n}."""`, ...statements(n, "    "), "    return a"],
    (n) => [`class ${n}(Base, metaclass=Meta):`, `    field: int = 0`, `    @property`, `    def value(self):`, ...statements(n, "        "), "        return self.field"],
    (n) => [`async def ${n}(session):`, `    async with session as s:`, `        async for item in s:`, `            await item`, ...statements(n, "    ")],
    (n) => [`for ${n} in range(10):`, `    if ${n} % 2:`, `        continue`, `    elif ${n} > 7:`, `        break`, `    else:`, ...statements(n, "        "), `else:`, `    pass`],
    (n) => [`try:`, ...statements(n, "    "), `except (KeyError, ValueError) as ${n}:`, `    raise RuntimeError("x") from ${n}`, `except* OSError:`, `    pass`].filter((l) => !l.startsWith("except*")),
    (n) => [`while ${n}:`, `    with open(p) as f, lock:`, ...statements(n, "        "), `    ${n} -= 1`],
    (n) => [`match ${n}:`, `    case [1, 2, *rest]:`, `        pass`, `    case {"k": v, **kw}:`, `        pass`, `    case Point(x=0, y=yy) | Point(x=1, y=yy):`, `        pass`, `    case str() as s if s:`, `        pass`, `    case _:`, ...statements(n, "        ")],
    (n) => [`@decorator(arg)`, `@other.attr`, `def ${n}():`, `    global g_${n}`, `    def inner():`, `        nonlocal_x = 1`, `        return nonlocal_x`, `    return inner`],
    (n) => [`${n} = {`, ...Array.from({ length: 8 }, (_, k) => `    "key_${k}": [${k}, ${k}.5, "${k}", None, True],`), `}`],
    (n) => [`if __name__ == "__main__" and ${n}:`, ...statements(n, "    "), `elif ${n} is None:`, `    pass`],
  ];
  const out = ['"""A generated module for the AST agreement check."""', "import os, sys as system", "from collections import (OrderedDict as OD, deque)", ""];
  for (let i = 0; out.length < lines; i++) out.push(...pick(blocks)(`name_${i}`), "");
  return out.join("\n") + "\n";
}

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 120);
  return `first difference at character ${i}:\n      CPython: ...${a.slice(from, i + 120)}...\n      pyts:    ...${b.slice(from, i + 120)}...`;
}

async function main() {
  const started = Date.now();
  const verbose = process.argv.includes("--verbose");
  const stdlib = execFileSync("python3", ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"]).toString().trim();
  const version = execFileSync("python3", ["--version"]).toString().trim();
  const skippedDirs = [];
  const filterAt = process.argv.indexOf("--filter");
  const filter = filterAt > 0 ? process.argv[filterAt + 1] : undefined;
  const libFiles = pyFiles(stdlib, skippedDirs).filter((f) => !filter || path.relative(stdlib, f).includes(filter));
  const genDir = path.join(root, ".tmp", "stdlib-ast");
  fs.mkdirSync(genDir, { recursive: true });
  const generated = path.join(genDir, "generated_20k.py");
  fs.writeFileSync(generated, generatedModule(20000));
  const files = [...libFiles, generated];
  const name = (f) => (f === generated ? `(generated) ${path.relative(root, f)}` : path.relative(stdlib, f));

  const cores = Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length));
  const [cpythonMaps, oursMaps] = await Promise.all([
    Promise.all(balance(files, cores).map((l) => cpythonSide(l))),
    Promise.all(balance(files, cores).map((l) => frontendInWorker(l))),
  ]);
  const cpython = new Map(cpythonMaps.flatMap((m) => [...m]));
  const ours = new Map(oursMaps.flatMap((m) => [...m]));

  const equal = [];
  const mismatches = []; // {file, why}
  const agreedRejections = [];
  const decodedByCpython = [];
  const notCompared = [];
  for (const f of files) {
    const cp = cpython.get(f);
    let mine = ours.get(f);
    if (cp.text !== undefined) {
      // a non-UTF-8 coding cookie or a BOM: pyts's source decoding is not the frontend's job,
      // so the frontend is checked on the text CPython decoded
      decodedByCpython.push(f);
      mine = await frontendSide(cp.text, false);
    }
    const v = cp.verdict;
    if (v !== 0 && mine.undecodable) {
      agreedRejections.push(`${name(f)}: ${v[0]} line ${v[1]}: ${v[3]} (pyts: not valid UTF-8)`);
      continue;
    }
    if (v !== 0 && v[1] === 0 && /encoding|codec/.test(v[3])) {
      notCompared.push(`${name(f)}: CPython rejects it while decoding its bytes (${v[3]}); decoding is pyts's source reader's job, not the frontend's`);
      continue;
    }
    if (mine.undecodable) {
      mismatches.push({ file: f, why: `CPython accepts it, but it is not valid UTF-8 and has no coding cookie pyts was given` });
      continue;
    }
    if (mine.internal) {
      mismatches.push({ file: f, why: `internal error: ${mine.internal}` });
      continue;
    }
    if (v === 0 && mine.sha) {
      if (mine.sha === cp.sha) equal.push(f);
      else mismatches.push({ file: f, why: "AST differs", dump: true, text: cp.text });
    } else if (v === 0) {
      mismatches.push({ file: f, why: `CPython accepts it; pyts: ${mine.verdict.join(" ")}` });
    } else if (mine.sha) {
      mismatches.push({ file: f, why: `CPython rejects it (${v[0]} line ${v[1]}: ${v[3]}); pyts accepts it` });
    } else if (mine.verdict[0] !== v[0] || mine.verdict[1] !== v[1]) {
      mismatches.push({ file: f, why: `CPython: ${v[0]} line ${v[1]}: ${v[3]}; pyts: ${mine.verdict[0]} line ${mine.verdict[1]}: ${mine.verdict[3]}` });
    } else {
      agreedRejections.push(`${name(f)}: ${v[0]} line ${v[1]}: ${v[3]}`);
    }
  }

  // show where the dumps part for a few AST mismatches
  const shown = mismatches.filter((m) => m.dump).slice(0, verbose ? 50 : 10);
  if (shown.length > 0) {
    const full = await cpythonSide(shown.map((m) => m.file), ["--dump"]);
    for (const m of shown) {
      const text = m.text ?? fs.readFileSync(m.file, "utf8");
      const mine = await frontendSide(text, true);
      m.why += "; " + firstDifference(full.get(m.file).dump ?? "", mine.dump ?? "");
    }
  }

  const slowest = [...ours.entries()].filter(([, r]) => r.ms !== undefined).sort((a, b) => b[1].ms - a[1].ms).slice(0, 5);
  const lines = [
    `Lib/ AST check against ${version}: ${stdlib}`,
    `  ${libFiles.length} .py files of Lib/ + 1 generated file of ${fs.readFileSync(generated, "utf8").split("\n").length - 1} lines`,
    ...skippedDirs.map((d) => `  not part of CPython's Lib/, not checked: ${d} (third-party packages)`),
    `  ${equal.length} files: AST equal to CPython's`,
    `  ${agreedRejections.length} files rejected by CPython, and by pyts with the same class and line:`,
    ...agreedRejections.map((s) => `    ${s}`),
    `  ${decodedByCpython.length} files in another encoding, compared on CPython's decoded text:`,
    ...decodedByCpython.map((f) => `    ${name(f)}`),
    `  ${notCompared.length} files not compared:`,
    ...notCompared.map((s) => `    ${s}`),
    `  ${mismatches.length} mismatches${mismatches.length ? ":" : ""}`,
    ...mismatches.slice(0, verbose ? Infinity : 60).map((m) => `    ${name(m.file)}: ${m.why}`),
    ...(mismatches.length > 60 && !verbose ? [`    ... and ${mismatches.length - 60} more (--verbose lists all)`] : []),
    `  slowest in the frontend: ${slowest.map(([f, r]) => `${name(f)} ${Math.round(r.ms)} ms`).join(", ")}`,
    `  took ${((Date.now() - started) / 1000).toFixed(1)} s`,
  ];
  console.log(lines.join("\n"));
  const accounted = equal.length + agreedRejections.length + notCompared.length + mismatches.length;
  if (accounted !== files.length) throw new Error(`accounted for ${accounted} of ${files.length} files`);
  // Known mismatches not fixed yet (Lib-relative paths): any other mismatch fails, and so
  // does a listed file that now matches (take it off the list). `--write-known` rewrites it.
  const knownFile = path.join(root, "scripts/stdlib-known-mismatches.json");
  const current = mismatches.map((m) => name(m.file)).sort();
  if (process.argv.includes("--write-known")) fs.writeFileSync(knownFile, JSON.stringify(current, null, 1) + "\n");
  const known = new Set(fs.existsSync(knownFile) ? JSON.parse(fs.readFileSync(knownFile, "utf8")) : []);
  const unexpected = current.filter((f) => !known.has(f));
  const fixed = [...known].filter((f) => !current.includes(f));
  console.log(`  ${known.size} known mismatches listed in ${path.relative(root, knownFile)}; new: ${unexpected.length ? unexpected.join(", ") : "none"}; now matching (take off the list): ${fixed.length ? fixed.join(", ") : "none"}`);
  return unexpected.length > 0 || fixed.length > 0 ? 1 : 0;
}
