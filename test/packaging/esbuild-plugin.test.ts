// pyts/esbuild: esbuild bundles Python modules (entry points and `.js` specifiers with a `.py`
// sibling), and the bundle runs with CPython's output.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, expect, test } from "vitest";
import pyts from "../../src/esbuild.js";
import { ROOT, normalise, runProcess } from "../support/fixtures.js";
import { expectedProgramStatus, listPrograms } from "../support/programs.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-esbuild-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function lecture(name: string): { py: string; out: string } {
  const base = path.join(ROOT, "fixtures/lecture", name);
  return { py: base + ".py", out: fs.readFileSync(base + ".out", "utf8") };
}

test("a .py entry point bundles and runs with CPython's output", async () => {
  const { py, out } = lecture("03_co_sum");
  fs.copyFileSync(py, path.join(dir, "co_sum.py"));
  const outfile = path.join(dir, "co_sum.mjs");
  await build({ entryPoints: [path.join(dir, "co_sum.py")], bundle: true, format: "esm", platform: "node", outfile, plugins: [pyts()], logLevel: "silent" });
  const result = await runProcess(process.execPath, [outfile], { cwd: dir });
  expect(result.stdout).toBe(out);
  expect(result.status, result.stderr).toBe(0);
}, 60_000);

test("a TypeScript host's `./prog.js` import resolves to prog.py", async () => {
  const { py, out } = lecture("04b_co_sleep");
  fs.copyFileSync(py, path.join(dir, "prog.py"));
  fs.writeFileSync(path.join(dir, "host.ts"), `import "./prog.js";\nconst done: string = "host done";\nconsole.log(done);\n`);
  const outfile = path.join(dir, "host.mjs");
  await build({ entryPoints: [path.join(dir, "host.ts")], bundle: true, format: "esm", platform: "node", outfile, plugins: [pyts()], logLevel: "silent" });
  const result = await runProcess(process.execPath, [outfile], { cwd: dir });
  expect(result.stdout).toBe(out + "host done\n");
  expect(result.status, result.stderr).toBe(0);
}, 60_000);

test("a Python syntax error is an esbuild error at the .py line, not a crash", async () => {
  fs.writeFileSync(path.join(dir, "bad.py"), "x = 1\ndef f(:\n    pass\n");
  const failure = await build({ entryPoints: [path.join(dir, "bad.py")], bundle: true, write: false, plugins: [pyts()], logLevel: "silent" }).then(
    () => null,
    (error: { errors: { text: string; location: { file: string; line: number } | null }[] }) => error,
  );
  expect(failure?.errors).toHaveLength(1);
  expect(failure!.errors[0]!.text).toMatch(/^SyntaxError: /);
  const location = failure!.errors[0]!.location!;
  expect([path.resolve(location.file), location.line]).toEqual([path.join(dir, "bad.py"), 2]);
}, 60_000);

// Every multi-module fixture program: the bundle holds the modules the program's imports
// reach (including importlib.import_module's), each run at its Python import.
// A class records its Python name (classOrigin): esbuild renames a JS class whose name another
// module uses too (`Tagged3`), and `__name__` stays the Python one.
test.concurrent.each(listPrograms())("the program $name bundles from main.py and runs with CPython's output", async (program) => {
  const outfile = path.join(dir, `program-${program.name}.mjs`);
  await build({ entryPoints: [path.join(program.dir, "main.py")], bundle: true, format: "esm", platform: "node", outfile, plugins: [pyts()], logLevel: "silent" });
  const result = await runProcess(process.execPath, [outfile], { cwd: program.dir });
  expect(normalise(result.stdout)).toBe(normalise(fs.readFileSync(path.join(program.dir, "main.out"), "utf8")));
  expect(result.status, result.stderr).toBe(expectedProgramStatus(program));
}, 60_000);

test("classes of the same name in two modules keep their Python __name__ and __module__ in the bundle", async () => {
  const program = path.join(dir, "same-names");
  fs.mkdirSync(program, { recursive: true });
  fs.writeFileSync(
    path.join(program, "main.py"),
    'import other\n\nclass Item:\n    pass\n\nprint(Item.__name__, Item.__module__, repr(Item())[:16])\nprint(other.Item.__name__, other.Item.__module__, repr(other.Item())[:14])\ntry:\n    other.fail()\nexcept Exception as e:\n    print(type(e).__name__, type(e).__module__, type(e).__qualname__)\n',
  );
  fs.writeFileSync(path.join(program, "other.py"), 'class Item:\n    pass\n\nclass Item2(Exception):\n    pass\n\ndef fail():\n    raise Item2("bad")\n');
  const outfile = path.join(dir, "same-names.mjs");
  await build({ entryPoints: [path.join(program, "main.py")], bundle: true, format: "esm", platform: "node", outfile, plugins: [pyts()], logLevel: "silent" });
  const result = await runProcess(process.execPath, [outfile], { cwd: program });
  const python = await runProcess("python3", ["main.py"], { cwd: program });
  expect(python.stdout).toBe("Item __main__ <__main__.Item o\nItem other <other.Item ob\nItem2 other Item2\n");
  expect(result.stdout).toBe(python.stdout);
  expect(result.status, result.stderr).toBe(0);
}, 60_000);

test("an entry point its program imports by name runs twice in the bundle, as `__main__` and as that module", async () => {
  const program = path.join(dir, "twice");
  fs.mkdirSync(program, { recursive: true });
  fs.writeFileSync(
    path.join(program, "main.py"),
    'import sys\nprint("main runs as", __name__, __file__.endswith("main.py"))\ncounter = 0\nif __name__ == "__main__":\n    import helper\n    helper.show()\n    import main\n    print(main is sys.modules["__main__"], main.__name__, sys.modules["main"].counter)\n',
  );
  fs.writeFileSync(path.join(program, "helper.py"), 'import main\nmain.counter += 5\nprint("helper sees", main.__name__)\ndef show():\n    print("show:", main.counter)\n');
  const outfile = path.join(dir, "twice.mjs");
  await build({ entryPoints: [path.join(program, "main.py")], bundle: true, format: "esm", platform: "node", outfile, plugins: [pyts()], logLevel: "silent" });
  const result = await runProcess(process.execPath, [outfile], { cwd: program });
  const python = await runProcess("python3", ["main.py"], { cwd: program });
  expect(python.stdout).toContain("main runs as main True");
  expect(result.stdout).toBe(python.stdout);
  expect(result.status, result.stderr).toBe(0);
}, 60_000);
