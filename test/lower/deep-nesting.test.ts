// Expressions nested deeper than the passes that recurse once per level can go on Node's
// default stack (CPython compiles up to 3,000 levels) convert on a worker thread with a large
// stack: the result is the same as a conversion that never ran out, never an internal error.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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
