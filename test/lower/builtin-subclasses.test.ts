// Subclasses of built-in types pyts refuses are located errors naming the construct.
import { expect, test } from "vitest";
import { transpile } from "../../src/index.js";
import { DiagnosticError } from "../../src/frontend/ast.js";

async function refusal(source: string): Promise<unknown> {
  try {
    await transpile(source, { filename: "prog.py" });
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics[0];
    throw e;
  }
  return null;
}

test("an Enum mixed with str is refused at the mixed-in base", async () => {
  const source = "from enum import Enum\n\nclass Color(str, Enum):\n    RED = 'red'\n";
  expect(await refusal(source)).toEqual({ kind: "Unsupported", message: "unsupported: an Enum mixed with the built-in type 'str'", line: 3, col: 12 });
});

test("a subclass of bool is refused", async () => {
  expect(await refusal("class Flag(bool):\n    pass\n")).toMatchObject({ message: "unsupported: subclassing the built-in type 'bool'", line: 1, col: 11 });
});

test("subclasses of the other built-ins are accepted", async () => {
  for (const base of ["str", "int", "float", "tuple", "bytes", "frozenset", "list", "dict", "set"]) {
    expect(await refusal(`class X(${base}):\n    pass\n`)).toBeNull();
  }
});
