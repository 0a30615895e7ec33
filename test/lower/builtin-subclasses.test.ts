// Subclasses of built-in types pyts refuses are located errors naming the construct
// (`class B(bool)` is accepted: CPython raises its TypeError when the statement runs).
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

test("an Enum mixed with tuple is refused at the mixed-in base", async () => {
  const source = "from enum import Enum\n\nclass Pair(tuple, Enum):\n    ONE = (1, 2)\n";
  expect(await refusal(source)).toEqual({ kind: "Unsupported", message: "unsupported: an Enum mixed with the built-in type 'tuple'", line: 3, col: 11 });
});

test("Enums mixed with str, int and float are accepted", async () => {
  for (const base of ["str", "int", "float"]) {
    expect(await refusal(`from enum import Enum\n\nclass C(${base}, Enum):\n    A = 1\n`)).toBeNull();
  }
});

test("subclasses of the other built-ins are accepted", async () => {
  for (const base of ["str", "int", "float", "tuple", "bytes", "frozenset", "list", "dict", "set", "bool"]) {
    expect(await refusal(`class X(${base}):\n    pass\n`)).toBeNull();
  }
});
