// What CPython 3.11's tokenizer decides (and the parser errors that follow from the token
// stream alone), checked against CPython's own verdicts: test/frontend/lexical_cases.json holds
// each source with compile()'s result, written by `python3 scripts/lexical-oracle.py`.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DiagnosticError, type Expr, type Module, type Stmt } from "../../src/frontend/ast.js";
import { collectComments } from "../../src/frontend/comments.js";
import { parsePython } from "../../src/frontend/parse.js";

interface Case {
  source?: string;
  generate?: "blocks" | "brackets";
  n?: number;
  /** null: compiles; else [exception class, message, lineno, 1-based offset] */
  expected: [string, string, number, number] | null;
}

const table = JSON.parse(readFileSync(new URL("./lexical_cases.json", import.meta.url), "utf8")) as {
  python: string;
  cases: Case[];
};

/** The same inputs scripts/lexical-oracle.py builds for "generate" cases. */
function generate(kind: string, n: number): string {
  if (kind === "blocks") {
    let s = "";
    for (let k = 0; k < n; k++) s += " ".repeat(k) + "if 1:\n";
    return s + " ".repeat(n) + "pass\n";
  }
  return "x = " + "(".repeat(n) + ")".repeat(n) + "\n";
}

/** pyts' verdict in CPython's terms (the offset is the 0-based column plus one). */
function verdict(source: string): [string, string, number, number] | null {
  try {
    parsePython(source, "case.py");
    return null;
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    const d = e.diagnostics[0]!;
    return [d.kind, d.message, d.line, d.col + 1];
  }
}

describe(`tokenizer errors as CPython ${table.python} reports them`, () => {
  for (const c of table.cases) {
    const source = c.source ?? generate(c.generate!, c.n!);
    const name = c.source !== undefined ? JSON.stringify(c.source).slice(0, 70) : `${c.generate} x${c.n}`;
    it(name, () => {
      expect(verdict(source)).toEqual(c.expected);
    });
  }
});

function firstValue(m: Module): Expr {
  const s = m.body[0] as Stmt & { value?: Expr; targets?: Expr[] };
  return s.value!;
}

describe("what the tokenizer lets through", () => {
  it("normalises identifiers with NFKC, as CPython does", () => {
    const m = parsePython("ﬁ = 1\nprint(ﬁ, x.ﬁ)\n", "u.py");
    const assign = m.body[0] as Extract<Stmt, { _type: "Assign" }>;
    expect(assign.targets[0]).toMatchObject({ _type: "Name", id: "fi" });
    const call = (m.body[1] as Extract<Stmt, { _type: "Expr" }>).value as Extract<Expr, { _type: "Call" }>;
    expect(call.args[0]).toMatchObject({ _type: "Name", id: "fi" });
    expect(call.args[1]).toMatchObject({ _type: "Attribute", attr: "fi" });
  });

  it("keeps U+2028 and U+2029 inside a comment (they do not end a line)", () => {
    const source = "x = 1  # a\u2028b\u2029c\ny = 2\n";
    const m = parsePython(source, "c.py");
    expect(m.body.map((s) => s.lineno)).toEqual([1, 2]);
    expect(collectComments(source)).toEqual([{ line: 1, col: 7, text: "# a\u2028b\u2029c", ownLine: false }]);
  });

  it("reads a form feed in indentation as CPython does (the column count restarts)", () => {
    const m = parsePython("if x:\n  \f    y = 1\n    z = 2\n", "f.py");
    const body = (m.body[0] as Extract<Stmt, { _type: "If" }>).body;
    expect(body.map((s) => s._type)).toEqual(["Assign", "Assign"]);
  });

  it("finds comments the way the tokenizer does, never inside strings", () => {
    expect(collectComments("s = '# no'  # yes\nt = '''\n# no\n'''\n")).toEqual([{ line: 1, col: 12, text: "# yes", ownLine: false }]);
  });

  it("converts a generated 50,000-line file", () => {
    const lines: string[] = [];
    for (let i = 0; lines.length < 50_000; i++) {
      lines.push(
        `# part ${i}`, `def f${i}(a, b=${i}):`, `    """Doc ${i}."""`, "", `    return f'{a}-{b}' if a else [a, {'k': b}]`, "",
        `class C${i}:`, `    attr = ${i}.5`, "", "    @staticmethod", "    def m(y):", "        with open(y) as fh:",
        "            return fh.read()", "", `v${i} = f${i}(1) + C${i}.attr  # comment`, "",
      );
    }
    const m = parsePython(lines.join("\n") + "\n", "big.py");
    // 16 lines per part, each with a def, a class and an assignment
    expect(m.body.length).toBe((50_000 / 16) * 3);
    const last = m.body[m.body.length - 1]!;
    expect([last._type, last.lineno]).toEqual(["Assign", 49_999]);
    expect(firstValue({ ...m, body: [last] })._type).toBe("BinOp");
  }, 120_000); // a few seconds alone; more on a busy machine
});
