// Expressions nested deeper than the passes that recurse once per level can go on Node's
// default stack (CPython compiles up to 3,000 levels) convert on a worker thread with a large
// stack: the result is the same as a conversion that never ran out, never an internal error.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { expect, test } from "vitest";
// the built module: the large-stack worker is a file of the build
import { transpile } from "../../dist/src/index.js";
import type { ProgramResolver } from "../../dist/src/lower/program-imports.js";

const CLI = path.resolve("dist/src/cli/main.js");

test("a 1,000-level attribute chain and unary chain convert, formatted or not", { timeout: 120_000 }, async () => {
  for (const format of [false, true]) {
    const deep = await transpile(`y = 1\nx = a${".b".repeat(1000)}\nz = ${"-".repeat(1000)}1\n`, { filename: "prog.py", format });
    expect(deep.code.match(/"b"/g)?.length ?? deep.code.match(/\.b\b/g)?.length).toBe(1000);
  }
});

test("the large-stack conversion asks the program's resolver, as the first attempt does", { timeout: 120_000 }, async () => {
  const convert = async (depth: number): Promise<{ asked: string[]; imports: string[] }> => {
    const asked: string[] = [];
    const resolver: ProgramResolver = {
      find: (name) => (asked.push(name), name === "helpers" ? { isPackage: false } : null),
      starNames: () => null,
    };
    const source = `import helpers\nx = helpers.f(${"-".repeat(depth)}1)\n`;
    const result = await transpile(source, { filename: "prog.py", format: false, javascript: true, module: { name: "prog", modules: resolver, entryOnly: true } });
    return { asked, imports: result.imports };
  };
  const shallow = await convert(10);
  const deep = await convert(1000);
  expect(shallow.asked.length).toBeGreaterThan(0);
  // the first attempt's questions, then the worker's same questions over the thread boundary
  expect(deep.asked).toEqual([...shallow.asked, ...shallow.asked]);
  expect(deep.imports).toEqual(["helpers"]);
});

test("a program nested 1,000 levels deep runs as CPython runs it", { timeout: 120_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-deep-"));
  const file = path.join(dir, "deep.py");
  fs.writeFileSync(file, `x = ${"-".repeat(1001)}7\ny = ${"not ".repeat(1000)}x\nprint(x, y, ${"~".repeat(999)}5)\n`);
  const expected = execFileSync("python3", [file], { encoding: "utf8" });
  expect(execFileSync(process.execPath, [CLI, "run", "--no-cache", file], { encoding: "utf8" })).toBe(expected);
  fs.rmSync(dir, { recursive: true });
});

test("conditional, `**` and lambda chains deeper than Lezer's parse stack would keep run as CPython runs them", { timeout: 300_000 }, () => {
  // Lezer cuts a parse stack at 8,400 entries: about 700 conditional expressions, 1,400 `**`
  // and 2,800 unary operators; CPython takes about 3,000 of each. The emitted code nests
  // deeper than V8 parses on its default stack, so `pyts run` also shows the larger-stack rerun.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-chains-"));
  const file = path.join(dir, "chains.py");
  const conditional = Array.from({ length: 800 }, (_, i) => `${i} if n == ${i} else`).join(" ");
  fs.writeFileSync(file, [
    "n = 799",
    `x = ${conditional} -1`,
    `y = 2 ** ${"1 ** ".repeat(1450)}5`,
    `f = ${"lambda: ".repeat(800)}"done"`,
    "for _ in range(800):",
    "    f = f()",
    "print(x, y, f)",
    "",
  ].join("\n"));
  const expected = execFileSync("python3", [file], { encoding: "utf8" });
  expect(expected).toBe("799 2 done\n");
  expect(execFileSync(process.execPath, [CLI, "run", "--no-cache", file], { encoding: "utf8" })).toBe(expected);
  fs.rmSync(dir, { recursive: true });
});

test("past CPython's parser limits, `**` and lambda chains are refused with its MemoryError", { timeout: 300_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-chains-"));
  for (const [name, source] of [["power", `x = ${"2 ** ".repeat(2984)}2\n`], ["lambdas", `f = ${"lambda: ".repeat(2984)}1\n`]] as const) {
    const file = path.join(dir, `${name}.py`);
    fs.writeFileSync(file, source);
    const cpython = spawnSync("python3", [file], { encoding: "utf8" });
    expect(cpython.stderr).toMatch(/^MemoryError/m);
    const pyts = spawnSync(process.execPath, [CLI, file, "-o", path.join(dir, `${name}.ts`)], { encoding: "utf8" });
    expect(pyts.status).toBe(1);
    expect(pyts.stderr).toMatch(new RegExp(`/${name}\\.py:1:1: MemoryError`));
    expect(fs.existsSync(path.join(dir, `${name}.ts`))).toBe(false);
  }
  fs.rmSync(dir, { recursive: true });
});

/** The frontend's AST dumps (dump.ts, in `ast.dump` format) of `sources`, parsed on a 256 MB stack. */
async function dumpsOnLargeStack(sources: string[], dump = true): Promise<string[]> {
  const code = `
    const { workerData, parentPort } = require("node:worker_threads");
    (async () => {
      const { parsePython } = await import(workerData.dist + "/frontend/parse.js");
      const { dumpAst } = await import(workerData.dist + "/frontend/dump.js");
      const parsed = workerData.sources.map((source) => parsePython(source, "deep.py"));
      parentPort.postMessage(parsed.map((module) => workerData.dump ? dumpAst(module) : module._type));
    })();`;
  const dist = pathToFileURL(path.resolve("dist/src")).href;
  const worker = new Worker(code, { eval: true, workerData: { dist, sources, dump }, resourceLimits: { stackSizeMb: 256 } });
  return await new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
}

/** CPython's `ast.dump(..., include_attributes=True)` of each source, parsed in a thread with room to recurse. */
function cpythonDumps(sources: string[]): string[] {
  const script = [
    "import ast, json, sys, threading",
    "sys.setrecursionlimit(100000)",
    "threading.stack_size(512 * 1024 * 1024)",
    "out = []",
    "def run():",
    "    for source in json.load(sys.stdin):",
    "        compile(source, 'deep.py', 'exec')",
    "        out.append(ast.dump(ast.parse(source), include_attributes=True))",
    "t = threading.Thread(target=run); t.start(); t.join()",
    "print(json.dumps(out))",
  ].join("\n");
  return JSON.parse(execFileSync("python3", ["-c", script], { input: JSON.stringify(sources), encoding: "utf8", maxBuffer: 1 << 30 })) as string[];
}

test("right-nested chains up to CPython's limits parse to CPython's tree", { timeout: 600_000 }, async () => {
  // Lezer's own parse would cut a stack of 8,400 entries: about 700 conditional expressions,
  // 1,400 `**`, 2,800 unary operators; CPython compiles about 3,000 levels (2,983 `**` and lambdas)
  const sources = [
    `x = ${Array.from({ length: 800 }, (_, i) => `a${i}`).join(" if c else ")}\n`,
    `x = ${"a ** ".repeat(1500)}b\n`,
    `x = ${"not ".repeat(2850)}b\n`,
    `f = ${"lambda: ".repeat(900)}b\n`,
  ];
  const cpython = cpythonDumps(sources);
  const pyts = await dumpsOnLargeStack(sources);
  for (let i = 0; i < sources.length; i++) expect(pyts[i] === cpython[i], sources[i]!.slice(0, 30)).toBe(true);
  // at the limits themselves (a script's top level): CPython runs these, and pyts parses them
  const limits = [
    `a = c = 1\nx = ${Array.from({ length: 2999 }, () => "a").join(" if c else ")}\n`,
    `a = c = 1\nx = ${"~".repeat(2998)}a\n`,
    `a = c = 1\nx = ${"a ** ".repeat(2983)}a\n`,
    `a = c = 1\nf = ${"lambda: ".repeat(2983)}a\n`,
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-limits-"));
  for (const source of limits) {
    fs.writeFileSync(path.join(dir, "limit.py"), source);
    expect(spawnSync("python3", [path.join(dir, "limit.py")], { encoding: "utf8" }).stderr).toBe("");
  }
  fs.rmSync(dir, { recursive: true });
  expect(await dumpsOnLargeStack(limits, false)).toEqual(["Module", "Module", "Module", "Module"]);
});
