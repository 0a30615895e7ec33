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

test("Enums mixed with str, int, float, tuple and bytes are accepted", async () => {
  for (const base of ["str", "int", "float", "tuple", "bytes"]) {
    expect(await refusal(`from enum import Enum\n\nclass C(${base}, Enum):\n    A = 1\n`)).toBeNull();
  }
});

test("subclasses of the other built-ins are accepted", async () => {
  for (const base of ["str", "int", "float", "tuple", "bytes", "frozenset", "list", "dict", "set", "bool"]) {
    expect(await refusal(`class X(${base}):\n    pass\n`)).toBeNull();
  }
});
