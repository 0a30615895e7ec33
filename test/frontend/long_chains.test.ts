// Long operator chains: CPython compiles thousands of `a + b + ...` terms (its limit for `+`
// is 3000 levels of nesting, for `and` and comparisons there is none). Lezer's parser cuts such
// chains off after a few hundred terms unless told not to, and its tree cannot be deeper than
// 2500 levels: deeper expressions are parsed again on their own (see buildCst).
import { describe, expect, it } from "vitest";
import { DiagnosticError, type Expr } from "../../src/frontend/ast.js";
import { parseModule } from "../../src/frontend/parse.js";
import { transpile } from "../../src/transpile.js";

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

  it("accepts a chain as long as CPython's compiler does: 2,999 terms at the top level, 2,998 in a function", () => {
    let e = valueOf(`x = ${chain(2999, "+")}\n`);
    let depth = 0;
    for (; e._type === "BinOp"; e = e.left) depth++;
    expect(depth).toBe(2998);
    expect(() => parseModule(`def f():\n    return ${chain(2998, "-")}\n`, "long.py")).not.toThrow();
  });

  it("refuses one level more with CPython's RecursionError, located", () => {
    for (const source of [`y = 1\nx = ${chain(3000, "+")}\n`, `def f():\n    return ${chain(2999, "*")}\n`]) {
      try {
        parseModule(source, "long.py");
        throw new Error("expected a diagnostic");
      } catch (e) {
        expect(e).toBeInstanceOf(DiagnosticError);
        expect((e as DiagnosticError).diagnostics[0]).toMatchObject({ kind: "RecursionError", line: 2, message: "maximum recursion depth exceeded during compilation" });
      }
    }
  });

  it("accepts `and` and comparison chains longer than the parser's tree is deep (CPython has no limit for them)", () => {
    // 3,000 terms: deeper than Lezer's tree (2,500 levels), with room left on the stack of a
    // test worker (the parser's recursion takes the rest; about 5,000 terms fit in plain node).
    const and = valueOf(`x = ${chain(3000, "and")}\n`);
    expect(and._type === "BoolOp" && and.values.map((v) => v._type === "Name" && v.id)).toEqual(Array.from({ length: 3000 }, (_, i) => `a${i % 7}`));
    const lt = valueOf(`x = ${chain(3000, "<")}\n`);
    expect(lt._type === "Compare" && lt.ops.length).toBe(2999);
  });

  it("converts the longest chains CPython compiles without an internal error", async () => {
    const source = `def f(a0, a1, a2, a3, a4, a5, a6):\n    return ${chain(2998, "+")}\n\n\nx = ${chain(3000, "or")}\n`;
    const { code } = await transpile(source, { filename: "long.py", format: false });
    expect(code).toContain("binaryChain(");
    expect(code).toContain("boolChain(");
  });
});
