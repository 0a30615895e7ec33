// Expressions nested deeper than the code generator can recurse through (CPython compiles up
// to 3,000 levels) are a located error naming the depth, never an internal error.
import { expect, test } from "vitest";
import { transpile } from "../../src/index.js";
import { DiagnosticError } from "../../src/frontend/ast.js";

async function outcome(source: string): Promise<unknown> {
  try {
    await transpile(source, { filename: "prog.py", format: false });
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics[0];
    throw e;
  }
  return null;
}

test("a 1,000-level attribute chain is refused at its statement", { timeout: 120_000 }, async () => {
  const d = await outcome(`y = 1\nx = a${".b".repeat(1000)}\n`);
  expect(d).toMatchObject({ kind: "Unsupported", line: 2, col: 0 });
  expect((d as { message: string }).message).toMatch(/^unsupported: code nested 1002 levels deep \(pyts runs out of stack/);
});

test("nesting the code generator handles converts", { timeout: 120_000 }, async () => {
  expect(await outcome(`x = a${".b".repeat(100)}\ny = ${"-".repeat(100)}1\n`)).toBeNull();
});
