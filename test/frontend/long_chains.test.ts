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
describe("long operator chains", { timeout: 240_000 }, () => {
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

  it("accepts `and`, `or` and comparison chains of 100,000 terms (CPython has no limit for them), operands in order", () => {
    // past a few dozen levels such a chain becomes one flat node (src/frontend/chains.ts):
    // nothing recurses once per term, whatever the stack
    const n = 100_000;
    const names = Array.from({ length: n }, (_, i) => `a${i % 7}`);
    const and = valueOf(`x = ${chain(n, "and")}\n`);
    expect(and._type === "BoolOp" && and.values.map((v) => v._type === "Name" && v.id)).toEqual(names);
    const or = valueOf(`x = ${chain(n, "or")}\n`);
    expect(or._type === "BoolOp" && or.op === "Or" && or.values.length).toBe(n);
    const ops = ["<", "not in", "==", "is not", ">=", "in", "is", "!="];
    const mixed = names.map((name, i) => (i === 0 ? name : `${ops[i % ops.length]} ${name}`)).join(" ");
    const cmp = valueOf(`x = ${mixed}\n`);
    if (cmp._type !== "Compare") throw new Error("expected a comparison");
    expect(cmp.ops.length).toBe(n - 1);
    expect(cmp.ops.slice(0, 8)).toEqual(["NotIn", "Eq", "IsNot", "GtE", "In", "Is", "NotEq", "Lt"]);
    expect(cmp.comparators.map((v) => v._type === "Name" && v.id)).toEqual(names.slice(1));
    expect(cmp).toMatchObject({ left: { id: "a0" }, lineno: 1, col_offset: 4, end_col_offset: 4 + mixed.length });
  });

  it("regroups a long chain mixing `and`, `or` and `not` by Python's precedence", () => {
    // Lezer's `not` takes the rest of the chain; CPython's binds tighter than `and`
    const terms = Array.from({ length: 3000 }, (_, i) => (i % 5 === 0 ? `not b${i}` : `b${i}`));
    const text = terms.map((t, i) => (i === 0 ? t : `${i % 3 === 0 ? "or" : "and"} ${t}`)).join(" ");
    const e = valueOf(`x = ${text}\n`);
    if (e._type !== "BoolOp") throw new Error("expected a BoolOp");
    expect(e.op).toBe("Or");
    expect(e.values.length).toBe(1000);
    expect(e.values[0]).toMatchObject({ _type: "BoolOp", op: "And", values: [{ _type: "UnaryOp", op: "Not", operand: { id: "b0" } }, { id: "b1" }, { id: "b2" }] });
    expect(e.values[999]).toMatchObject({ _type: "BoolOp", op: "And", values: [{ id: "b2997" }, { id: "b2998" }, { id: "b2999" }] });
  });

  it("still locates a syntax error inside a long chain", () => {
    const text = chain(5000, "and");
    try {
      parseModule(`x = ${text} and (1 +)\n`, "long.py");
      throw new Error("expected a diagnostic");
    } catch (e) {
      // CPython: offset 35009 (1-based), at the `)`
      expect(e).toBeInstanceOf(DiagnosticError);
      expect((e as DiagnosticError).diagnostics[0]).toMatchObject({ kind: "SyntaxError", line: 1, col: 35008, message: "invalid syntax" });
    }
  });

  it("lowers and emits 100,000-term chains flat", async () => {
    const n = 100_000;
    const source = `a0 = a1 = a2 = a3 = a4 = a5 = 1\na6 = 0\nprint(${chain(n, "and")})\nprint(${chain(n, "<=")})\n`;
    const { code } = await transpile(source, { filename: "long.py", format: false });
    expect(code).toContain("boolChain(");
    expect(code).toMatch(/compareChainV?\(/); // (a chain used as a value: its comparisons give what their dunders return)
  });

  it("past CPython's own limits for right-nested chains, says what CPython says", () => {
    // python3 3.11, a script's top level: 2,999 terms of `if`/`else` compile, 3,000 are a
    // RecursionError, 5,969 a MemoryError (the parser's limit); unary operators alike (2,998 /
    // 2,999 / 5,968 operators); `**` is a MemoryError from 2,984 operators
    const ifs = (n: number) => `x = ${Array.from({ length: n }, () => "a").join(" if c else ")}\n`;
    const cases: [string, string][] = [
      [ifs(3000), "RecursionError"], [ifs(5969), "MemoryError"], [`x = ${"-".repeat(2999)}a\n`, "RecursionError"],
      [`x = ${"not ".repeat(5968)}a\n`, "MemoryError"], [`x = ${"a ** ".repeat(2984)}a\n`, "MemoryError"],
      [`f = ${"lambda: ".repeat(2984)}a\n`, "MemoryError"],
    ];
    for (const [source, kind] of cases) {
      try {
        parseModule(source, "deep.py");
        throw new Error("expected a diagnostic");
      } catch (e) {
        expect(e).toBeInstanceOf(DiagnosticError);
        expect((e as DiagnosticError).diagnostics[0]).toMatchObject({ kind, line: 1 });
      }
    }
    // one level less CPython compiles them, and so does pyts (test/lower/deep-nesting.test.ts)
  });

  it("converts the longest chains CPython compiles without an internal error", async () => {
    const source = `def f(a0, a1, a2, a3, a4, a5, a6):\n    return ${chain(2998, "+")}\n\n\nx = ${chain(3000, "or")}\n`;
    const { code } = await transpile(source, { filename: "long.py", format: false });
    expect(code).toContain("binaryChain(");
    expect(code).toContain("boolChain(");
  });
});
