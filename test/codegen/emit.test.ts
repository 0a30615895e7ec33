// Emitted code must mean what the source means: Python text (comments, strings, templates)
// never turns into code or changes, positions and blank lines never edit string contents, and
// comments stay in the block they were written in.
import fs from "node:fs";
import path from "node:path";
import { parse } from "@babel/parser";
import { describe, expect, test } from "vitest";
import { transpile } from "../../src/index.js";
import { ROOT } from "../support/fixtures.js";

const BOTH = [true, false] as const;

async function emit(source: string, format = true): Promise<string> {
  return (await transpile(source, { filename: "prog.py", format })).code;
}

/** The string values of every string literal and template part of a module. */
function literalValues(code: string): string[] {
  const values: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    const n = node as { type?: string; value?: unknown; cooked?: string };
    if (n.type === "StringLiteral" && typeof n.value === "string") values.push(n.value);
    if (n.type === "TemplateElement") values.push((n.value as { cooked: string }).cooked);
    for (const [key, value] of Object.entries(node)) if (key !== "loc" && key !== "extra") visit(value);
  };
  visit(parse(code, { sourceType: "module", plugins: ["typescript"], allowAwaitOutsideFunction: true }).program);
  return values;
}

/** The source map's Python line for each generated line that has a mapping. */
function mappedLines(map: { mappings: string }): Map<number, number> {
  const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const out = new Map<number, number>();
  let srcLine = 0;
  map.mappings.split(";").forEach((segments, genLine) => {
    for (const segment of segments.split(",").filter(Boolean)) {
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = BASE64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      srcLine += values[2]!;
      if (!out.has(genLine)) out.set(genLine, srcLine + 1);
    }
  });
  return out;
}

describe("JavaScript line terminators in Python text", () => {
  const sources = [
    '# note\u2028print("X")\n# other\u2029print("Y")\nprint(1)\n',
    's = "a\u2028b\u2029c"\nprint(s)\n',
    'n = 1\nprint(f"{n}\u2028{n}\\r{n}\u2029")\n',
    'def f():\n    """doc\u2028string"""\n    return f.__doc__\nprint(f())\n',
    't = """x\n\u2028\ny"""\nprint(t)\n',
  ];
  for (const format of BOTH) {
    test.each(sources)(`never appear raw in the output (format ${format}): %j`, async (source) => {
      const code = await emit(source, format);
      expect(code).not.toMatch(/[\u2028\u2029\r]/);
    });
  }

  test("a comment holding U+2028 stays one comment", async () => {
    const code = await emit('# note\u2028print("X")\nprint(1)\n');
    expect(code).toContain('// note\\u2028print("X")');
    expect(code.match(/^print\(/gm)).toHaveLength(1);
  });

  test("string and template values keep the separators and the carriage return", async () => {
    const values = literalValues(await emit('n = 1\ns = "a\u2028b"\nprint(f"{n}\u2029\\r{n}\\ud800")\n'));
    expect(values).toContain("a\u2028b");
    expect(values).toContain("\u2029\r");
  });
});

describe("printed text is never edited by pattern", () => {
  for (const format of BOTH) {
    test(`marker-like text inside strings survives (format ${format})`, async () => {
      const source = 'print("a/*@py 1:0*/b")\nx = 1\nprint(f"{x}/*@py 2:0*/ {x}")\n';
      const values = literalValues(await emit(source, format));
      expect(values).toContain("a/*@py 1:0*/b");
      expect(values).toContain("/*@py 2:0*/ ");
    });

    test(`a template line starting with // is not a place for a blank line (format ${format})`, async () => {
      const source = 'x = 1\ns = f"""a {x}\n// b"""\n\nprint(s)\n';
      const values = literalValues(await emit(source, format));
      expect(values).toContain("\n// b");
      expect(values.join("")).not.toContain("\n\n");
    });
  }

  test("blank lines between statements are kept, inside strings untouched", async () => {
    const code = await emit('a = 1\n\n# about b\nb = """x\n\n// y"""\n\nprint(a, b)\n');
    expect(code).toContain('const a = 1;\n\n// about b\nconst b = "x\\n\\n// y";\n\nprint(big(a), b);');
  });

  test("statements joined by ; get no blank line between them", async () => {
    const code = await emit("print(1)\n\nprint(2); print(3)\n");
    expect(code).toContain("print(2n);\nprint(3n);");
  });
});

describe("source map positions", () => {
  const source = 'def f(x):\n    y = x + 1\n\n    return y  # done\n\n\ns = "/*@py 9:9*/"\nprint(f(1), s)\n';
  for (const format of BOTH) {
    test(`each statement maps to its Python line (format ${format})`, async () => {
      const { code, map } = await transpile(source, { filename: "prog.py", format });
      const lines = code.split("\n");
      const mapped = mappedLines(map);
      const lineOf = (text: string): number => mapped.get(lines.findIndex((l) => l.includes(text)))!;
      expect(lineOf("function f")).toBe(1);
      expect(lineOf("y = ")).toBe(2);
      expect(lineOf("return y")).toBe(4);
      expect(lineOf("const s")).toBe(7);
      expect(lineOf("print(f(")).toBe(8);
      expect(code.split("/*@py").length - 1).toBe(1); // only the string's text: no marker left behind
    });
  }
});

describe("source map positions of statements that open with a bracket", () => {
  // `a, *b = ...` is emitted as `[a, b] = ...`, a method call on a value of unknown type as
  // `(c?.m ?? noMethod(c, "m"))(...)`: formatted output places them at their first bracket,
  // found without markers going through prettier (emit.ts, formattedWithoutMarkers)
  const source = 'import sys\n\ndef g(c):\n    c.m(1)\n    a, *b = [1, 2, 3]\n    return a, b\n\n\nclass K:\n    def m(self, x):\n        print(x)\n\n\nprint(g(K()))\n';
  const starts = async (format: boolean): Promise<string[]> => {
    const { code, map } = await transpile(source, { filename: "prog.py", format });
    const lines = code.split("\n");
    return [...mappedLines(map)].map(([genLine, pyLine]) => `${pyLine} ${lines[genLine]!.trimStart().slice(0, 12)}`);
  };
  test("formatted and unformatted output map the same statements to the same lines", async () => {
    const formatted = await starts(true);
    expect(formatted.filter((s) => /^[45] [([]/.test(s)).length).toBe(2);
    expect(formatted).toEqual(await starts(false));
  });
});

describe("call table (carets under a traceback's failing call)", () => {
  const program = 'def f():\n    return len\n\n\nclass C:\n    def m(self, x):\n        return x\n\n\nc = C()\nprint(c.m(1), f()("ab"), [C().m(n) for n in range(2)])\n';
  // the token each call's frame position names, with the call's Python span
  const table = async (source: string, format: boolean): Promise<string[]> => {
    const { code, map } = await transpile(source, { filename: "prog.py", format });
    const lines = code.split("\n");
    const calls = (map as { x_pyts_calls?: number[][] }).x_pyts_calls ?? [];
    return calls.map(([line, col, ...span]) => `${/^(new\b|[\w$]+|.)/.exec(lines[line!]!.slice(col))![0]} ${span.join(",")}`).sort();
  };
  // unformatted output reads the positions from the generator's source map (and, when a string
  // spells a marker, from a parse); formatted output from a parse: all name the same tokens
  for (const extra of ["", 's = "/*@py 1:0*/"\n']) {
    test(`unformatted and formatted output name the same calls${extra ? " (a string spells a marker)" : ""}`, async () => {
      const raw = await table(program + extra, false);
      expect(raw.length).toBeGreaterThanOrEqual(6);
      expect(raw.every((entry) => /^[\w$]/.test(entry))).toBe(true);
      expect(raw).toEqual(await table(program + extra, true));
    });
  }
});

test("CR and CRLF line endings count as CPython counts them", async () => {
  const { code, map } = await transpile("x = 1\r\r\rdef f():\r\n    return 1\r\rprint(f())\r", { filename: "prog.py" });
  const lines = code.split("\n");
  expect(mappedLines(map).get(lines.findIndex((l) => l.startsWith("print(f()")))).toBe(7);
  expect((map as { sourcesContent: string[] }).sourcesContent[0]).toBe("x = 1\n\n\ndef f():\n    return 1\n\nprint(f())\n");
});

describe("comments stay in their block", () => {
  test("a trailing comment after return stays inside its function", async () => {
    const code = await emit("def f():\n    return 1  # trailing\n\nprint(f())\n");
    expect(code).toContain("function f() {\n  return 1n; // trailing\n}");
  });

  test("comments at the end of nested blocks and at dedent", async () => {
    const source = [
      "def f(items):",
      "    for item in items:",
      "        if item:",
      "            pass  # skip",
      "            # end of if",
      "        # end of for",
      "    # end of def",
      "# before print",
      "print(f([]))",
      "",
    ].join("\n");
    const code = await emit(source);
    expect(code).toContain(
      [
        "function f(items: any) {",
        "  for (const item of iterOf(items)) {",
        "    if (truthy(item)) {",
        "      // skip",
        "      // end of if",
        "    }",
        "    // end of for",
        "  }",
        "  // end of def",
        "}",
        "// before print",
        "print(f([] as any[]));",
      ].join("\n"),
    );
  });

  test("a comment after an else header belongs to the else block", async () => {
    const code = await emit("x = 1\nif x:\n    print(1)\nelse:\n    # in else\n    print(2)\n");
    expect(code).toMatch(/} else {\n {2}\/\/ in else\n {2}print\(2n\);\n}/);
  });
});

describe("no code is built from text", () => {
  const DATA_IMPORT = /\bimport\s*\(\s*[`"']data:/;
  const FORBIDDEN = [
    /\beval\s*\(/,
    /\bnew\s+Function\b/,
    /(?<![.\w])Function\s*\(/,
    /\b(?:runInThisContext|runInNewContext|runInContext|compileFunction|SourceTextModule)\b/,
    DATA_IMPORT,
  ];
  /** Python's `eval`/`exec`/`compile` run what pyts's compiler made of the program's string, as CPython runs it. */
  const EVALUATES_PYTHON_SOURCE = [path.join("runtime", "lang", "eval-exec.ts")];
  /**
   * gc.collect()'s sweep reaches V8 through two fixed scripts (`gc`, read in a context made after
   * `--expose-gc`; `0`, run to end the job that keeps WeakRef targets alive): constant text, no
   * code made from the program or from strings.
   */
  const EVALUATES_CONSTANT_TEXT = [path.join("runtime", "modules", "weakref-sweep.ts")];
  /** The text without comments and string literals (a golden may hold Python text such as "eval(1)" as data). */
  const codeOnly = (text: string): string =>
    text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      return e.isDirectory() ? files(full) : e.name.endsWith(".ts") ? [full] : [];
    });
  const scanned = [...files(path.join(ROOT, "fixtures")), ...files(path.join(ROOT, "runtime"))];

  test("there are goldens and runtime sources to scan", () => {
    expect(scanned.filter((f) => f.includes(`${path.sep}fixtures${path.sep}`)).length).toBeGreaterThan(50);
    expect(scanned.filter((f) => f.includes(`${path.sep}runtime${path.sep}`)).length).toBeGreaterThan(10);
  });

  /** Every script the file runs is a string literal given where it is run or compiled. */
  const constantTextOnly = (text: string): boolean => {
    const calls = [...text.matchAll(/\b(?:runInNewContext|runInThisContext|new\s+vm\.Script)\s*\(([^)]*)\)/g)];
    return calls.length > 0 && calls.every((call) => /^\s*"[^"\\]*"\s*$/.test(call[1]!)) && !/\b(?:eval\s*\(|new\s+Function\b|compileFunction|SourceTextModule)/.test(text);
  };

  test("no golden file and no runtime source evaluates text as code", () => {
    const offenders = scanned.flatMap((file) => {
      if (EVALUATES_PYTHON_SOURCE.some((allowed) => file.endsWith(allowed))) return [];
      if (EVALUATES_CONSTANT_TEXT.some((allowed) => file.endsWith(allowed))) return constantTextOnly(fs.readFileSync(file, "utf8")) ? [] : [`${path.relative(ROOT, file)}: evaluates text that is not a string literal`];
      const raw = fs.readFileSync(file, "utf8");
      const code = codeOnly(raw);
      // (a `data:` import is text in a string: it is looked for in the raw text)
      return FORBIDDEN.filter((re) => re.test(re === DATA_IMPORT ? raw : code)).map((re) => `${path.relative(ROOT, file)}: ${re}`);
    });
    expect(offenders).toEqual([]);
  });

  test("Python's eval/exec/compile are the one place that runs compiled text, and only what pyts compiled", () => {
    const source = fs.readFileSync(path.join(ROOT, EVALUATES_PYTHON_SOURCE[0]!), "utf8");
    const built = source.match(/new\s+Function\([^)]*\)/g) ?? [];
    // (one Function made from the snippet compiler's output; no eval of any other text)
    // (the body named by a sourceURL of the runtime's own counter, for tracebacks)
    expect(built).toEqual(['new Function("$rt", "$scope", "$globals", `${compiled.body}\\n//# sourceURL=${url}`)']);
    expect(/\beval\s*\(/.test(codeOnly(source))).toBe(false);
  });
});
