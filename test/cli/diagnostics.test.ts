// How the CLI reports bad input: `file:line:col: Class: message`, then a code frame that stays
// readable for long lines and binary garbage; files are read as bytes and decoded per PEP 263.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formatDiagnostic } from "../../src/cli/diagnostics.js";
import { runPyts } from "../support/fixtures.js";

describe("formatDiagnostic", () => {
  test("names the error class and shows the line with a caret", () => {
    const text = formatDiagnostic("prog.py", "x = 1\ny = (\n", { kind: "SyntaxError", message: "'(' was never closed", line: 2, col: 4 });
    expect(text).toBe("prog.py:2:5: SyntaxError: '(' was never closed\n2 | y = (\n  |     ^");
  });

  test("an unsupported construct is an `error`", () => {
    const text = formatDiagnostic("prog.py", "x\n", { kind: "Unsupported", message: "unsupported: thing", line: 1, col: 0 });
    expect(text.split("\n")[0]).toBe("prog.py:1:1: error: unsupported: thing");
  });

  test("a long line is cut to a window around the column", () => {
    const line = "a = " + "b + ".repeat(500) + "$ + " + "c + ".repeat(500) + "d";
    const col = line.indexOf("$");
    const [, frame, caret] = formatDiagnostic("prog.py", line + "\n", { kind: "SyntaxError", message: "invalid syntax", line: 1, col }).split("\n");
    expect(frame!.length).toBeLessThan(120);
    expect(frame).toMatch(/^1 \| \.\.\..*\$.*\.\.\.$/);
    // the caret stands under the `$`
    expect(caret!.length - 1).toBe(frame!.indexOf("$"));
  });

  test("control characters are shown escaped and the caret still lines up", () => {
    const source = "y = \x01\x1b[31m\x00 $\n";
    const [, frame, caret] = formatDiagnostic("prog.py", source, { kind: "SyntaxError", message: "invalid syntax", line: 1, col: source.indexOf("$") }).split("\n");
    expect(frame).toBe("1 | y = \\x01\\x1b[31m\\x00 $");
    expect(caret!.length - 1).toBe(frame!.indexOf("$"));
  });

  test("tabs keep the caret aligned", () => {
    const [, , caret] = formatDiagnostic("prog.py", "\tx = $\n", { kind: "SyntaxError", message: "invalid syntax", line: 1, col: 5 }).split("\n");
    expect(caret).toBe("  | \t    ^");
  });
});

describe("the CLI reads source files as bytes", () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-diag-"));
  });
  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });
  const write = (name: string, data: Uint8Array): string => {
    const file = path.join(work, name);
    fs.writeFileSync(file, data);
    return file;
  };

  test("pyts run decodes a Latin-1 file by its coding comment", { timeout: 60_000 }, async () => {
    const file = write("latin.py", Buffer.from("# coding: latin-1\nprint('caf\xe9', len('caf\xe9'))\n", "latin1"));
    const r = await runPyts(["run", file]);
    expect(r.stdout).toBe("café 4\n");
    expect(r.status).toBe(0);
  });

  test("invalid UTF-8 without a coding comment is CPython's SyntaxError", { timeout: 60_000 }, async () => {
    const file = write("bad_utf8.py", Buffer.from("print(1)\nx = 'caf\xe9'\n", "latin1"));
    const r = await runPyts([file]);
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe(
      `${file}:2:1: SyntaxError: Non-UTF-8 code starting with '\\xe9' in file ${file} on line 2, but no encoding declared; see https://peps.python.org/pep-0263/ for details`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test("tracebacks name the right lines when comments and strings hold line separators", { timeout: 60_000 }, async () => {
    const source = '# a\u2028b\ns = "x\u2029y"\n\n\ndef f():\n    return 1 / 0  # boom\u2028x\n\n\nf()\n';
    const file = write("separators.py", Buffer.from(source, "utf8"));
    const r = await runPyts(["run", file]);
    expect(r.status).toBe(1);
    const lines = r.stderr.split("\n").filter((l) => l.startsWith("  File"));
    expect(lines).toEqual([`  File "${file}", line 9, in <module>`, `  File "${file}", line 6, in f`]);
    expect(r.stderr).toContain("ZeroDivisionError: division by zero");
  });

  test("an unknown codec is CPython's SyntaxError", { timeout: 60_000 }, async () => {
    const file = write("unknown.py", Buffer.from("# coding: foo\nprint(1)\n"));
    const r = await runPyts(["run", file]);
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe(`${file}:1:1: SyntaxError: encoding problem: foo`);
    expect(r.stdout).toBe("");
  });
});
