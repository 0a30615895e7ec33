// Bad inputs give located SyntaxError diagnostics, never a plain JS exception.
import { describe, expect, it } from "vitest";
import { DiagnosticError } from "../../src/frontend/ast.js";
import { parsePython } from "../../src/frontend/parse.js";
import { collectComments } from "../../src/frontend/comments.js";

function diag(source: string): { line: number; col: number; message: string } {
  try {
    parsePython(source, "bad.py");
  } catch (e) {
    expect(e).toBeInstanceOf(DiagnosticError);
    const d = (e as DiagnosticError).diagnostics[0]!;
    expect(["SyntaxError", "IndentationError", "TabError", "Unsupported"]).toContain(d.kind);
    return { line: d.line, col: d.col, message: d.message };
  }
  throw new Error("expected a diagnostic for: " + source);
}

describe("syntax errors", () => {
  const cases: [string, string, number, number, string | RegExp][] = [
    ["return outside function", "x = 1\nreturn x\n", 2, 0, "'return' outside function"],
    ["yield outside function", "yield 1\n", 1, 0, "'yield' outside function"],
    ["break outside loop", "if x:\n    break\n", 2, 4, "'break' outside loop"],
    ["continue outside loop", "def f():\n    continue\n", 2, 4, "'continue' not properly in loop"],
    ["nonlocal at module level", "nonlocal x\n", 1, 0, "nonlocal declaration not allowed at module level"],
    ["unterminated string", "x = 'abc\ny = 1\n", 1, 4, "unterminated string literal (detected at line 1)"],
    ["unterminated triple-quoted string", 'x = """abc\ny = 1\n', 1, 4, /unterminated triple-quoted string literal/],
    ["assign to call", "f() = 1\n", 1, 0, "cannot assign to function call here. Maybe you meant '==' instead of '='?"],
    ["assign to literal", "x, 1 = y\n", 1, 3, "cannot assign to literal"],
    ["delete a call", "del f()\n", 1, 4, "cannot delete function call"],
    ["python 2 print", "print 'x'\n", 1, 0, /Missing parentheses in call to 'print'/],
    ["unexpected indent", "x = 1\n    y = 2\n", 2, 3, "unexpected indent"],
    ["non-default after default", "def f(a=1, b): pass\n", 1, 11, "non-default argument follows default argument"],
    ["positional after keyword", "f(a=1, b)\n", 1, 8, "positional argument follows keyword argument"],
    ["leading zero", "x = 012\n", 1, 4, /leading zeros in decimal integer literals/],
    ["mixed bytes and str", "x = b'a' 'b'\n", 1, 12, "cannot mix bytes and nonbytes literals"],
    ["garbage token", "x = = 1\n", 1, 4, "invalid syntax"],
    ["missing body", "if x:\n", 1, 5, /expected an indented block|unexpected EOF/],
    ["unclosed paren", "f(1, 2\n", 1, 1, "'(' was never closed"],
    ["augmented tuple", "a, b += 1\n", 1, 0, "'tuple' is an illegal expression for augmented assignment"],
    ["generator after an argument", "f(a, x for x in y)\n", 1, 5, "Generator expression must be parenthesized"],
    ["generator before an argument", "f(x for _, x in y, z)\n", 1, 2, "Generator expression must be parenthesized"],
    ["generator with trailing comma", "f(x for x in y,)\n", 1, 2, "Generator expression must be parenthesized"],
    ["malformed \\N escape", 'x = "ab\\N{bullet"\n', 1, 17,
      "(unicode error) 'unicodeescape' codec can't decode bytes in position 2-10: malformed \\N character escape"],
    ["empty \\N name", 'x = "\\N{}"\n', 1, 10,
      "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: malformed \\N character escape"],
    ["unknown \\N name", 'x = "\\N{NOT A NAME}"\n', 1, 20,
      "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-13: unknown Unicode character name"],
    ["error inside a repaired with header", "with (a as b, c as 1):\n    pass\n", 1, 19, "cannot assign to literal"],
    ["error inside a repaired decorator", "@a[0](\n    1 +)\ndef f(): pass\n", 2, 7, "invalid syntax"],
  ];
  for (const [name, source, line, col, message] of cases) {
    it(name, () => {
      const d = diag(source);
      expect([d.line, d.col]).toEqual([line, col]);
      if (typeof message === "string") expect(d.message).toBe(message);
      else expect(d.message).toMatch(message);
    });
  }

  it("accepts what Lezer misparses but CPython allows", () => {
    expect(() => parsePython("def g():\n    x = yield\n    return (yield)\n", "ok.py")).not.toThrow();
    expect(() => parsePython("f = lambda a, /, b: a\nx = 5.\n", "ok.py")).not.toThrow();
    expect(() => parsePython("with (open(a) as f,\n      open(b) as g):\n    pass\n", "ok.py")).not.toThrow();
    expect(() => parsePython("for x in *a, *b:\n    pass\nmatch a, b:\n    case _: pass\n", "ok.py")).not.toThrow();
  });
});

describe("collectComments", () => {
  it("reports every comment with its position", () => {
    const src = "# head\nx = 1  # tail\ndef f():\n    # inner\n    pass\n";
    expect(collectComments(src)).toEqual([
      { line: 1, col: 0, text: "# head", ownLine: true },
      { line: 2, col: 7, text: "# tail", ownLine: false },
      { line: 4, col: 4, text: "# inner", ownLine: true },
    ]);
  });
});
