// Programs of several modules (fixtures/modules/<program>/): the emitted TypeScript of every
// module equals its golden file; `pyts run main.py` prints CPython's output; and the tree
// `pyts build` writes, compiled by tsc (strict, module nodenext) and run by node, prints it too.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { ROOT, normalise, runProcess, runPyts } from "./support/fixtures.js";
import { expectedProgramStatus, listPrograms, transpileProgram } from "./support/programs.js";
import { transpile } from "../src/transpile.js";

const programs = listPrograms();
// Inside the project: the built modules import `@pyts/runtime` by the package's own name.
const work = path.join(ROOT, ".tmp", "modules-test");
let compiled: { status: number | null; output: string };

beforeAll(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  await Promise.all(
    programs.map(async (program) => {
      const built = await runPyts(["build", program.dir, "--out-dir", path.join(work, "ts", program.name), "--quiet"]);
      if (built.status !== 0) throw new Error(`pyts build ${program.name}: ${built.stderr}`);
    }),
  );
  // A TypeScript host beside a converted module (fixtures/modules/ts_host/host.ts).
  for (const program of programs) {
    const host = path.join(program.dir, "host.ts");
    if (fs.existsSync(host)) fs.copyFileSync(host, path.join(work, "ts", program.name, "host.ts"));
  }
  // Awaiting a Python coroutine directly from TypeScript must not type-check (it would not run).
  const awaitError = 'import { greet_later } from "./helper.js";\nexport const wrong = await greet_later("x", 0);\n';
  fs.writeFileSync(path.join(work, "ts", "ts_host", "await-coroutine.ts"), awaitError);
  const config = {
    compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, types: ["node"], rootDir: "ts", outDir: "js" },
    include: ["ts/**/*.ts"],
  };
  fs.writeFileSync(path.join(work, "tsconfig.json"), JSON.stringify(config));
  const tsc = await runProcess(path.join(ROOT, "node_modules/.bin/tsgo"), ["-p", path.join(work, "tsconfig.json"), "--pretty", "false"]);
  compiled = { status: tsc.status, output: tsc.stdout + tsc.stderr };
}, 600_000);

test("tsc compiles every built program strictly; awaiting a coroutine from TypeScript is a type error", () => {
  const errors = compiled.output.split("\n").filter((line) => line.trim() !== "");
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/await-coroutine\.ts\(2,\d+\): error TS1320/);
});

describe.concurrent.each(programs)("modules/$name", (program) => {
  const expected = (): string => normalise(fs.readFileSync(path.join(program.dir, "main.out"), "utf8"));

  test("emits the golden TypeScript for every module", { timeout: 60_000 }, async () => {
    for (const [file, code] of await transpileProgram(program)) {
      expect(code, file).toBe(fs.readFileSync(path.join(program.dir, file.replace(/\.py$/, ".ts")), "utf8"));
    }
  });

  test("pyts run prints CPython's output", async () => {
    const result = await runPyts(["run", "main.py"], { cwd: program.dir });
    expect(normalise(result.stdout)).toBe(expected());
    expect(result.status, result.stderr).toBe(expectedProgramStatus(program));
  }, 60_000);

  test.runIf(fs.existsSync(path.join(program.dir, "host.ts")))("a TypeScript host importing the converted module prints CPython's output", async () => {
    const result = await runProcess(process.execPath, [path.join(work, "js", program.name, "host.js")], { cwd: program.dir });
    expect(normalise(result.stdout)).toBe(expected());
    expect(result.status, result.stderr).toBe(0);
  }, 60_000);

  test("built, compiled by tsc and run by node, prints CPython's output", async () => {
    const result = await runProcess(process.execPath, [path.join(work, "js", program.name, "main.js")], { cwd: program.dir });
    expect(normalise(result.stdout)).toBe(expected());
    expect(result.status, result.stderr).toBe(expectedProgramStatus(program));
  }, 60_000);
});

test("a traceback names the frames of every module of the program, with their .py lines", async () => {
  const dir = path.join(work, "traceback");
  fs.mkdirSync(path.join(dir, "pkg"), { recursive: true });
  fs.writeFileSync(path.join(dir, "main.py"), 'import pkg.calc\nprint("start")\npkg.calc.divide(1, 0)\n');
  fs.writeFileSync(path.join(dir, "pkg", "__init__.py"), "");
  fs.writeFileSync(path.join(dir, "pkg", "calc.py"), "def divide(a, b):\n    return a / b\n");
  const result = await runPyts(["run", "main.py"], { cwd: dir });
  const python = await runProcess("python3", ["main.py"], { cwd: dir });
  expect(result.stdout).toBe(python.stdout);
  expect(result.status).toBe(1);
  // files by absolute path, as CPython names them
  expect(result.stderr).toBe(python.stderr);
}, 60_000);

test("built, compiled by tsc with source maps and run by node, a traceback names every module's .py file and line as CPython does", async () => {
  const dir = path.join(work, "traceback-built");
  fs.mkdirSync(path.join(dir, "py", "pkg"), { recursive: true });
  fs.writeFileSync(path.join(dir, "py", "main.py"), 'import pkg.calc\nprint("start")\n\ndef run(values):\n    total = 0\n    for v in values:\n        total += pkg.calc.divide(1, v)\n    return total\n\napply = lambda f: f([1, 0])\napply(run)\n');
  fs.writeFileSync(path.join(dir, "py", "pkg", "__init__.py"), "");
  fs.writeFileSync(path.join(dir, "py", "pkg", "calc.py"), "def divide(a, b):\n    return a / b\n");
  const built = await runPyts(["build", "py", "--out-dir", "ts", "--quiet"], { cwd: dir });
  expect(built.status, built.stderr).toBe(0);
  const config = { compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, types: ["node"], sourceMap: true, rootDir: "ts", outDir: "js" }, include: ["ts/**/*.ts"] };
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(config));
  fs.writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  const tsc = await runProcess(path.join(ROOT, "node_modules/.bin/tsgo"), ["-p", path.join(dir, "tsconfig.json"), "--pretty", "false"]);
  expect(tsc.stdout + tsc.stderr).toBe("");
  const result = await runProcess(process.execPath, [path.join(dir, "js", "main.js")], { cwd: dir });
  const python = await runProcess("python3", [path.join(dir, "py", "main.py")], { cwd: dir });
  expect(python.stderr).toContain("in <lambda>");
  expect(result.stdout).toBe(python.stdout);
  expect(result.status).toBe(1);
  expect(result.stderr).toBe(python.stderr);
}, 60_000);

test("a build converts a module again when a method that waits appears elsewhere in its program, though nothing it imports changed", async () => {
  const dir = path.join(work, "methods-anywhere");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "py"), { recursive: true });
  const write = (file: string, text: string): void => fs.writeFileSync(path.join(dir, "py", file), text);
  write("main.py", "import maker\nimport user\nprint(user.use(maker.make()))\n");
  write("maker.py", "class Box:\n    def get(self):\n        return 1\n\ndef make():\n    return Box()\n");
  write("user.py", "def use(box):\n    return box.get() + 1\n");
  const build = async (): Promise<string> => {
    const built = await runPyts(["build", "py", "--out-dir", "ts"], { cwd: dir });
    expect(built.status, built.stderr).toBe(0);
    return built.stderr;
  };
  await build();
  const before = fs.readFileSync(path.join(dir, "ts", "user.ts"), "utf8");
  // `get` now runs an event loop: user.py, which never imports maker, must await its calls
  write("maker.py", "import asyncio\n\nasync def one():\n    return 1\n\nclass Box:\n    def get(self):\n        return asyncio.run(one())\n\ndef make():\n    return Box()\n");
  await build();
  const after = fs.readFileSync(path.join(dir, "ts", "user.ts"), "utf8");
  expect(after).not.toBe(before);
  const run = await runPyts(["run", "py/main.py"], { cwd: dir });
  expect(run.stdout).toBe("2\n");
}, 60_000);

test("an entry its program imports by name runs twice under pyts run, as `__main__` and as that module", async () => {
  const dir = path.join(work, "twice");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "main.py"),
    'import sys\nprint("main runs as", __name__, __file__ == sys.modules[__name__].__file__, __file__.endswith("main.py"))\ncounter = 0\nif __name__ == "__main__":\n    import helper\n    helper.show()\n    import main\n    print(main is sys.modules["__main__"], main.__name__, sys.modules["main"].counter)\n    1 / 0\n',
  );
  fs.writeFileSync(path.join(dir, "helper.py"), 'import main\nmain.counter += 5\nprint("helper sees", main.__name__)\ndef show():\n    print("show:", main.counter)\n');
  const result = await runPyts(["run", "main.py"], { cwd: dir });
  const python = await runProcess("python3", ["main.py"], { cwd: dir });
  expect(python.stdout).toContain("main runs as main True True");
  expect(result.stdout).toBe(python.stdout);
  expect(result.status).toBe(1);
  // The traceback names the entry's own .py file and line.
  expect(result.stderr).toBe(python.stderr);
}, 60_000);

test("a lone file reading its namespace gets a module object: run by node it is __main__ with CPython's globals(), vars() and locals()", async () => {
  const source = [
    "import math",
    "x = 1",
    "def f(a, b=2):",
    "    c = [a]",
    "    return locals()",
    "print(list(globals()))",
    "globals()['z'] = 5",
    "print(z, globals().get('x'), '__name__' in globals(), __name__)",
    "print(f(1), sorted(k for k in vars() if not k.startswith('__')))",
    "",
  ].join("\n");
  const { code } = await transpile(source, { filename: "lone.py" });
  expect(code).toContain('defineModule("lone"');
  const dir = path.join(ROOT, ".tmp", "lone-namespace");
  fs.mkdirSync(dir, { recursive: true });
  const { transformSync } = await import("esbuild");
  fs.writeFileSync(path.join(dir, "lone.mjs"), transformSync(code, { loader: "ts", format: "esm" }).code);
  fs.writeFileSync(path.join(dir, "lone.py"), source);
  const node = await runProcess(process.execPath, [path.join(dir, "lone.mjs")]);
  const python = await runProcess("python3", [path.join(dir, "lone.py")]);
  expect(python.stdout).toContain("'math', 'x', 'f']");
  expect(node.stderr).toBe("");
  expect(node.stdout).toBe(python.stdout);
}, 60_000);

test("a generator importing a module whose top level runs an event loop is a located error, unless the module's top level imported it first", async () => {
  const modules = new Map([["main", { isPackage: false }], ["job", { isPackage: false, awaitsAtImport: true }]]);
  const generator = "def numbers():\n    import job\n    yield job.result\n";
  await expect(transpile(generator, { filename: "main.py", module: { name: "main", modules } })).rejects.toMatchObject({
    diagnostics: [{ line: 2, col: 11, message: "unsupported: import of module 'job' (its top level runs an event loop) inside a generator" }],
  });
  const { code } = await transpile(`import job\n${generator}`, { filename: "main.py", module: { name: "main", modules } });
  expect(code).toContain("yield getattr(job");
});

test("a generator calling a function that runs an event loop (here or in another module) is a located error; asyncio.run itself runs in place", async () => {
  const modules = new Map([["main", { isPackage: false }], ["job", { isPackage: false, blockingFunctions: ["compute"] }]]);
  const local = "import asyncio\n\nasync def f():\n    return 1\n\ndef run():\n    return asyncio.run(f())\n\ndef numbers():\n    yield run()\n";
  await expect(transpile(local, { filename: "main.py", module: { name: "main", modules } })).rejects.toMatchObject({
    diagnostics: [{ line: 10, col: 10, message: "unsupported: a call of 'run' (it runs an event loop) inside a generator" }],
  });
  const other = "import job\n\ndef numbers():\n    yield job.compute(1)\n";
  await expect(transpile(other, { filename: "main.py", module: { name: "main", modules } })).rejects.toMatchObject({
    diagnostics: [{ line: 4, col: 10, message: "unsupported: a call of 'compute' (it runs an event loop) inside a generator" }],
  });
  // Outside a generator the call of another module's waiting function is awaited.
  const { code } = await transpile("import job\n\ndef total():\n    return job.compute(1) + 1\n", { filename: "main.py", module: { name: "main", modules } });
  expect(code).toMatch(/async function total/);
  expect(code).toContain("await callValue(job?.compute");
});

test("importing, inside a coroutine, a module whose top level runs an event loop meets the running loop as in CPython", async () => {
  const dir = path.join(work, "awaits-at-import");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "main.py"),
    'import asyncio\nimport sys\n\nasync def main():\n    try:\n        import job\n    except RuntimeError as e:\n        print(type(e).__name__, e)\n    print("job" in sys.modules)\n\nasyncio.run(main())\n',
  );
  fs.writeFileSync(path.join(dir, "job.py"), 'import asyncio\n\nasync def work():\n    return 42\n\nprint("job runs")\nresult = asyncio.run(work())\n');
  const python = await runProcess("python3", ["-W", "ignore", "main.py"], { cwd: dir });
  expect(python.stdout).toBe("job runs\nRuntimeError asyncio.run() cannot be called from a running event loop\nFalse\n");
  const result = await runPyts(["run", "main.py"], { cwd: dir });
  expect(result.stdout).toBe(python.stdout);
  expect(result.status, result.stderr).toBe(0);
}, 60_000);

test("pyts run with a computed import_module name converts the folder's modules, leaving out one that fails to convert and is never imported", async () => {
  const dir = path.join(work, "computed-broken");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "main.py"), 'import importlib\nname = "tool" + "s"\nprint(importlib.import_module(name).VALUE)\n');
  fs.writeFileSync(path.join(dir, "tools.py"), "VALUE = 7\n");
  fs.writeFileSync(path.join(dir, "scratch.py"), "def broken(:\n");
  const result = await runPyts(["run", "main.py"], { cwd: dir });
  expect(result.stdout).toBe("7\n");
  expect(result.status, result.stderr).toBe(0);
}, 60_000);

test("a module running asyncio.run under an imported name (`from asyncio import *`) at its top level and in a function: importers wait for both", async () => {
  const dir = path.join(work, "run-imported-name");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "job.py"), 'from asyncio import *\n\n\nasync def work(n):\n    await sleep(0.01)\n    return n * 2\n\n\ndef compute(n):\n    return run(work(n))\n\n\nprint("job loading")\nRESULT = run(work(21))\n');
  fs.writeFileSync(path.join(dir, "main.py"), 'import job\nfrom job import compute\n\nprint("main:", job.RESULT, compute(5), job.compute(1))\n');
  const python = await runProcess("python3", ["main.py"], { cwd: dir });
  expect(python.stdout).toBe("job loading\nmain: 42 10 2\n");
  const result = await runPyts(["run", "main.py"], { cwd: dir });
  expect(result.stdout).toBe(python.stdout);
  expect(result.status, result.stderr).toBe(0);
}, 60_000);
