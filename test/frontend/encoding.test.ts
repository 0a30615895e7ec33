// Source bytes are decoded as CPython decodes a file (PEP 263); each case was checked with python3.
import { describe, expect, test } from "vitest";
import { DiagnosticError } from "../../src/frontend/ast.js";
import { decodeSource } from "../../src/frontend/encoding.js";
import { transpile } from "../../src/index.js";

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

function error(source: Uint8Array): { message: string; line: number } {
  try {
    decodeSource(source, "prog.py");
  } catch (e) {
    expect(e).toBeInstanceOf(DiagnosticError);
    const d = (e as DiagnosticError).diagnostics[0]!;
    expect(d.kind).toBe("SyntaxError");
    return { message: d.message, line: d.line };
  }
  throw new Error("expected a SyntaxError");
}

describe("decoding", () => {
  test("UTF-8 by default", () => {
    expect(decodeSource(bytes("x = '", [0xc3, 0xa9], "'\n"), "prog.py")).toBe("x = 'é'\n");
  });

  test("a UTF-8 byte order mark is not part of the text", () => {
    expect(decodeSource(bytes([0xef, 0xbb, 0xbf], "print(1)\n"), "prog.py")).toBe("print(1)\n");
  });

  test("a coding comment on line 1", () => {
    expect(decodeSource(bytes("# -*- coding: latin-1 -*-\ns = 'caf", [0xe9], "'\n"), "prog.py")).toBe("# -*- coding: latin-1 -*-\ns = 'café'\n");
  });

  test("a coding comment on line 2 after a comment line", () => {
    expect(decodeSource(bytes("#!/usr/bin/env python3\n# vim: set fileencoding=cp1252 :\n", [0x80], "\n"), "prog.py")).toContain("€");
  });

  test("Latin-1 is ISO-8859-1 (0x80 is U+0080, not the euro sign)", () => {
    expect(decodeSource(bytes("# coding: iso-8859-1\n", [0x80]), "prog.py")).toBe("# coding: iso-8859-1\n\u0080");
  });

  test("aliases are CPython's", () => {
    for (const name of ["latin1", "L1", "utf8", "UTF_8", "cp1252", "windows-1252", "koi8_r", "euc-jp", "mac-roman"]) {
      expect(() => decodeSource(bytes(`# coding: ${name}\nprint(1)\n`), "prog.py"), name).not.toThrow();
    }
  });

  test("multi-byte codecs", () => {
    expect(decodeSource(bytes("# coding: shift_jis\ns = '", [0x82, 0xa0], "'\n"), "prog.py")).toContain("s = 'あ'");
  });
});

describe("CPython's SyntaxErrors", () => {
  test("invalid UTF-8 without a coding comment names the byte and the line", () => {
    expect(error(bytes("print(1)\nx = 'caf", [0xe9], "'\n"))).toEqual({
      message: "Non-UTF-8 code starting with '\\xe9' in file prog.py on line 2, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
      line: 2,
    });
  });

  test("a coding comment on line 2 after a line of code is not one", () => {
    expect(error(bytes("print(1)\n# coding: latin-1\nx = '", [0xe9], "'\n")).line).toBe(3);
  });

  test("an unknown codec", () => {
    expect(error(bytes("# coding: Foo_Bar\nprint(1)\n")).message).toBe("encoding problem: Foo_Bar");
  });

  test("a codec that is not a text encoding", () => {
    expect(error(bytes("# coding: rot13\nprint(1)\n")).message).toBe("encoding problem: rot13");
  });

  test("a coding comment that disagrees with a BOM", () => {
    expect(error(bytes([0xef, 0xbb, 0xbf], "# coding: latin-1\nprint(1)\n")).message).toBe("encoding problem: iso-8859-1 with BOM");
  });

  test("a BOM with a UTF-8 coding comment is fine", () => {
    expect(decodeSource(bytes([0xef, 0xbb, 0xbf], "# coding: utf-8\nprint(1)\n"), "prog.py")).toBe("# coding: utf-8\nprint(1)\n");
  });

  test("bytes the declared codec rejects", () => {
    expect(error(bytes("# coding: ascii\nprint(1)\n# caf", [0xe9], "\n")).message).toBe("encoding problem: ascii");
    expect(error(bytes("# coding: cp1252\nx = '", [0x81], "'\n")).message).toBe("encoding problem: cp1252");
  });
});

describe("transpile() takes bytes", () => {
  test("a Latin-1 file's string keeps its characters", async () => {
    const { code } = await transpile(bytes("# coding: latin-1\nprint('caf", [0xe9], "')\n"), { filename: "prog.py" });
    expect(code).toMatch(/print\("caf(é|\\xE9)"\);/);
  });

  test("a BOM does not become part of the first name", async () => {
    const { code } = await transpile(bytes([0xef, 0xbb, 0xbf], "print(1)\n"), { filename: "prog.py" });
    expect(code).toContain("\nprint(1n);");
    expect(code).not.toContain("\ufeff");
  });
});
