// Every error of a file, not only the first: lowering goes on past a refused statement, the
// CLI reports all of them (text and JSON), and no output file is written when any exists.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DiagnosticError } from "../../src/frontend/ast.js";
import { transpile } from "../../src/transpile.js";
import { transpileFiles } from "../../src/index.js";
import { runPyts } from "../support/fixtures.js";

// four constructs pyts refuses, in four statements at different depths
const SOURCE = `import tkinter
x = 1
from enum import Enum


class Pair(Enum):
    from string import _re as A



def f(a):
    from . import sibling
    return a


print(f(x))
import curses
`;
const EXPECTED = [
  { line: 1, col: 7, message: /^unsupported: import of module 'tkinter'/ },
  { line: 7, col: 23, message: /^unsupported: 'string\._re' \(pyts's string module does not provide it\)/ },
  { line: 12, col: 4, message: /^unsupported: relative imports/ },
  { line: 17, col: 7, message: /^unsupported: import of module 'curses'/ },
];

describe("every error of a file", { timeout: 60_000 }, () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-all-errors-"));
    fs.mkdirSync(path.join(work, "src"));
    fs.writeFileSync(path.join(work, "src", "bad.py"), SOURCE);
    fs.writeFileSync(path.join(work, "src", "good.py"), "print('ok')\n");
  });
  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  test("transpile() throws them all as data, in source order", async () => {
    const error = await transpile(SOURCE, { filename: "bad.py" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DiagnosticError);
    const diagnostics = (error as DiagnosticError).diagnostics;
    expect(diagnostics.map((d) => ({ line: d.line, col: d.col }))).toEqual(EXPECTED.map(({ line, col }) => ({ line, col })));
    diagnostics.forEach((d, i) => expect(d.message).toMatch(EXPECTED[i]!.message));
  });

  test("transpileFiles() converts a program's folder as `pyts build` does: each bad file's errors as data, the others' code", async () => {
    const program = path.join(work, "program");
    fs.mkdirSync(path.join(program, "pkg"), { recursive: true });
    fs.mkdirSync(path.join(program, ".venv"), { recursive: true });
    fs.writeFileSync(path.join(program, "main.py"), "from pkg.util import *\nprint(double(2))\n");
    fs.writeFileSync(path.join(program, "pkg", "__init__.py"), "");
    fs.writeFileSync(path.join(program, "pkg", "util.py"), "from . import consts\n\ndef double(n):\n    return n * consts.TWO\n");
    fs.writeFileSync(path.join(program, "pkg", "consts.py"), "TWO = 2\n");
    fs.writeFileSync(path.join(program, "bad.py"), SOURCE);
    fs.writeFileSync(path.join(program, ".venv", "site.py"), "print(");
    const files = await transpileFiles(program);
    expect(files.map((f) => [f.relative, f.module, f.result !== null])).toEqual([
      ["bad.py", "bad", false],
      ["main.py", "main", true],
      ["pkg/__init__.py", "pkg", true],
      ["pkg/consts.py", "pkg.consts", true],
      ["pkg/util.py", "pkg.util", true],
    ]);
    const bad = files[0]!.diagnostics;
    expect(bad.map((d) => ({ line: d.line, col: d.col }))).toEqual(EXPECTED.map(({ line, col }) => ({ line, col })));
    // `from pkg.util import *` binds the names pkg/util.py defines; its relative import is the package's module.
    const main = files[1]!.result!;
    expect(main.imports).toEqual(["pkg", "pkg.util"]);
    expect(main.code).toContain('"./pkg/util.js"');
    expect(main.code).toContain('"double"');
    expect(files[4]!.result!.code).toContain('"./consts.js"');
    // only the files asked for, still as modules of the program
    const [util] = await transpileFiles(program, { files: [path.join(program, "pkg", "util.py")], javascript: true });
    expect([util!.module, util!.result!.code]).toEqual(["pkg.util", expect.not.stringContaining(": any")]);
  });

  test("pyts FILE -o OUT prints each with its code frame, exits 1 and writes nothing", async () => {
    const out = path.join(work, "bad.ts");
    const r = await runPyts([path.join(work, "src", "bad.py"), "-o", out]);
    expect(r.status).toBe(1);
    const headers = r.stderr.split("\n").filter((l) => /^\S+\.py:\d+:\d+: /.test(l));
    expect(headers.map((h) => /:(\d+):(\d+): error: /.exec(h)!.slice(1).join(":"))).toEqual(EXPECTED.map((e) => `${e.line}:${e.col + 1}`));
    expect(r.stderr).toContain("12 |     from . import sibling");
    expect(fs.existsSync(out)).toBe(false);
  });

  test("pyts build --format json lists them all under the failing file and writes only the good one", async () => {
    const outDir = path.join(work, "out");
    const r = await runPyts(["build", path.join(work, "src"), "--out-dir", outDir, "--format", "json"]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { files: { file: string; status: string; diagnostics: { line: number; column: number; kind: string; message: string }[] }[] };
    const bad = report.files.find((f) => f.file.endsWith("bad.py"))!;
    expect(bad.status).toBe("failed");
    expect(bad.diagnostics.map((d) => [d.line, d.column, d.kind])).toEqual(EXPECTED.map((e) => [e.line, e.col + 1, "error"]));
    expect(fs.existsSync(path.join(outDir, "good.ts"))).toBe(true);
    expect(fs.existsSync(path.join(outDir, "bad.ts"))).toBe(false);
  });
});
