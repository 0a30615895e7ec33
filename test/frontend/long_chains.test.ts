// Long operator chains: CPython compiles thousands of `a + b + ...` terms (its limit for `+`
// is about 3000, for `and` and comparisons there is none). Lezer's parser cuts such chains off
// after a few hundred terms unless told not to, and its tree cannot be deeper than 2500 levels.
import { describe, expect, it } from "vitest";
import { DiagnosticError, type Expr } from "../../src/frontend/ast.js";
import { parseModule } from "../../src/frontend/parse.js";

function chain(n: number, op: string): string {
  return Array.from({ length: n }, (_, i) => `a${i % 7}`).join(` ${op} `);
}

function valueOf(source: string): Expr {
  const stmt = parseModule(source, "long.py").module.body[0]!;
  if (stmt._type !== "Assign") throw new Error("expected an assignment");
  return stmt.value;
}

// Lezer needs seconds for such chains on a busy machine
describe("long operator chains", { timeout: 60_000 }, () => {
  it("accepts 2400 terms of `+` as one left-nested BinOp chain, operands in order", () => {
    let e = valueOf(`x = ${chain(2400, "+")}\n`);
    let depth = 0;
    while (e._type === "BinOp") {
      expect(e.right).toMatchObject({ _type: "Name", id: `a${(2399 - depth) % 7}` });
      e = e.left;
      depth++;
    }
    expect(depth).toBe(2399);
    expect(e).toMatchObject({ _type: "Name", id: "a0" });
  });

  it("keeps precedence inside long chains", () => {
    const e = valueOf(`x = ${chain(1200, "*")} | b\n`);
    expect(e).toMatchObject({ _type: "BinOp", op: "BitOr", right: { _type: "Name", id: "b" }, left: { _type: "BinOp", op: "Mult" } });
  });

  it("accepts 1500 terms of `and` and of `<` as one BoolOp and one Compare", () => {
    const and = valueOf(`x = ${chain(1500, "and")}\n`);
    expect(and._type === "BoolOp" && and.values.length).toBe(1500);
    const lt = valueOf(`x = ${chain(1500, "<")}\n`);
    expect(lt._type === "Compare" && lt.ops.length).toBe(1499);
  });

  it("reports a chain deeper than the parser's tree as an unsupported construct, not a crash", () => {
    try {
      parseModule(`y = 1\nx = ${chain(2600, "+")}\n`, "long.py");
      throw new Error("expected a diagnostic");
    } catch (e) {
      expect(e).toBeInstanceOf(DiagnosticError);
      const d = (e as DiagnosticError).diagnostics[0]!;
      expect(d).toMatchObject({ kind: "Unsupported", message: expect.stringMatching(/nested more than 2500 levels/) });
    }
  });
});
