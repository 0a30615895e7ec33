// pyts/esbuild: esbuild bundles Python modules (entry points and `.js` specifiers with a `.py`
// sibling), and the bundle runs with CPython's output.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, expect, test } from "vitest";
import pyts from "../../src/esbuild.js";
import { ROOT, runProcess } from "../support/fixtures.js";

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
