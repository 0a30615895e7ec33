// The compile-time name tables of the standard modules pyts checks (src/lower/module-names.ts)
// agree with the runtime's module objects, and the lowering applies them: a name CPython's
// module has and pyts's lacks is a located error, a name neither has reads as a run-time
// AttributeError (or ImportError), and `from m import *` binds the star names.
import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import * as runtime from "../../runtime/index.js";
import { CHECKED_MODULES } from "../../src/lower/module-names.js";
import { RUNTIME_STAR_NAMES } from "../../src/lower/star-names.js";
import { MISSING_BUILTINS } from "../../src/lower/builtins.js";
import { objectKey } from "../../runtime/lang/attr-names.js";
import { transpile } from "../../src/transpile.js";

/** The runtime's value of a dotted module name (`urllib.request`), if it has one. */
function runtimeModule(name: string): Record<string, unknown> | undefined {
  let value: unknown = runtime;
  for (const part of name.split(".")) value = value == null ? undefined : (value as Record<string, unknown>)[objectKey(part)];
  return value as Record<string, unknown> | undefined;
}

describe.each([...CHECKED_MODULES])("module %s", (name, names) => {
  const module = runtimeModule(name) ?? {};

  test("the generated table is current: the runtime module has exactly the names it says pyts provides", () => {
    expect([...names.provided].filter((n) => module[objectKey(n)] === undefined)).toEqual([]);
    expect([...names.cpython].filter((n) => !names.provided.has(n) && module[objectKey(n)] !== undefined)).toEqual([]);
  });

  test("the star names are provided", () => {
    expect(names.star.filter((n) => !names.provided.has(n))).toEqual([]);
  });
});

async function lowerError(source: string): Promise<string> {
  try {
    await transpile(source, { filename: "prog.py", format: false });
  } catch (error) {
    return (error as Error).message;
  }
  return "no error";
}

test("every builtin of CPython's is provided: a program naming each of them compiles", async () => {
  const names = execFileSync("python3", ["-c", "import builtins; print(' '.join(n for n in dir(builtins) if n.isidentifier()))"], { encoding: "utf8" }).trim().split(" ");
  expect(names).toContain("breakpoint");
  expect(MISSING_BUILTINS.size).toBe(0);
  // (a name the lowering refused would be a located `unsupported: the built-in ...` error)
  expect(await lowerError(`_ = [${names.join(", ")}]\n`)).toBe("no error");
  expect(await lowerError("help(len)\nbreakpoint\n")).toBe("no error");
  // eval, exec and compile compile their source at run time (runtime/lang/eval-exec.ts)
  expect(await lowerError("x = 2\nprint(eval('x + 1'))\ndef f():\n    exec('y = 1')\nc = compile('1', 'f', 'eval')\n")).toBe("no error");
  // a program's own name shadows the builtin
  expect(await lowerError("def breakpoint(b):\n    return b\n\nprint(breakpoint(1))\n")).toBe("no error");
  for (const name of ["exit", "quit", "IOError", "EnvironmentError", "memoryview", "eval", "exec", "compile", "help", "breakpoint", "copyright", "credits", "license"]) expect(Object.hasOwn(runtime, name), name).toBe(true);
});

test("a name only CPython's module has is a located compile-time error", async () => {
  expect(await lowerError("import string\n\nprint(string._re)\n")).toBe("3:7: unsupported: 'string._re' (pyts's string module does not provide it)");
  expect(await lowerError("from heapq import __about__\n")).toMatch(/^1:19: unsupported: 'heapq.__about__'/);
});

test("a name neither has is read at run time, where it raises CPython's error", async () => {
  const { code } = await transpile("import bisect\nfrom heapq import nosuch\nbisect.nosuch\n", { filename: "prog.py", format: false });
  expect(code).toContain('importName(heapq, "nosuch")');
  expect(code).toContain('moduleAttribute(bisect, "nosuch", null)');
  const hinted = await transpile("import asyncio\nasyncio.ensure_task\n", { filename: "prog.py", format: false });
  expect(hinted.code).toContain('moduleAttribute(asyncio, "ensure_task", "_enter_task")');
});

test("a read through a submodule chain is checked as the submodule's name", async () => {
  expect(await lowerError("import http.client\nprint(http.client._MAXLINE)\n")).toBe("2:7: unsupported: 'http.client._MAXLINE' (pyts's http.client module does not provide it)");
  expect(await lowerError("import os\nos.path._varprog\n")).toMatch(/^2:1: unsupported: 'os.path._varprog'/);
  expect(await lowerError("from xml.etree import ElementTree as ET\nET._serialize_xml\n")).toMatch(/^2:1: unsupported: 'xml.etree.ElementTree._serialize_xml'/);
  const { code } = await transpile("import xml.etree.ElementTree\nimport os\nxml.etree.ElementTree.foo\nos.path.nosuch\n", { filename: "prog.py", format: false });
  expect(code).toContain('moduleAttribute(xml.etree.ElementTree, "foo", null)');
  expect(code).toContain('moduleAttribute(os.path, "nosuch", null)');
});

test("the star names of every other runtime module (generated from python3 and the runtime) are provided", () => {
  for (const [name, names] of RUNTIME_STAR_NAMES) {
    // A submodule (`xml.etree.ElementTree`) is reached through its package's attributes.
    const module = name.split(".").reduce<Record<string, unknown>>((object, part) => object[objectKey(part)] as Record<string, unknown>, runtime as unknown as Record<string, unknown>);
    expect(names.filter((n) => module[objectKey(n)] === undefined), name).toEqual([]);
  }
});

test("`from m import *` binds the star names of a runtime module; one without a table stays refused", async () => {
  const { code } = await transpile("from math import *\nprint(sqrt(4))\n", { filename: "prog.py", format: false });
  expect(code).toContain("const sqrt = math.sqrt;");
  // (a package none of whose star names pyts has)
  expect(await lowerError("from xml.etree import *\n")).toMatch(/^1:23: unsupported: 'from xml.etree import \*'/);
});

test("every provided standard module is checked, including the ones reached as submodules", () => {
  for (const name of ["asyncio", "datetime", "math", "json", "functools", "urllib.request"]) expect(CHECKED_MODULES.has(name), name).toBe(true);
});

test("enum's 3.11 names are provided; a Flag with boundary=EJECT is a located error", async () => {
  const { code } = await transpile("from enum import Flag, CONFORM, verify, UNIQUE\n\nclass F(Flag, boundary=CONFORM):\n    A = 1\n", { filename: "prog.py", format: false });
  expect(code).toContain("CONFORM");
  expect(await lowerError("from enum import Flag, EJECT\n\nclass F(Flag, boundary=EJECT):\n    A = 1\n")).toBe("3:24: unsupported: a Flag with boundary=EJECT (a class call cannot return a plain int)");
  expect(await lowerError("import enum\n\nclass F(enum.Flag, boundary=enum.EJECT):\n    A = 1\n")).toBe("3:29: unsupported: a Flag with boundary=EJECT (a class call cannot return a plain int)");
  expect(await lowerError("from enum import Enum, member\n\nclass Op(Enum):\n    @member\n    def add(x, y):\n        return x + y\n")).toBe("4:6: unsupported: @member on a def or class in an Enum body (assign NAME = member(value) instead)");
});

test("typing's names are checked too: `typing.X` and `from typing import X` (which binds no value of its own)", async () => {
  expect(await lowerError("import typing\n\nprint(typing.MethodWrapperType)\n")).toBe("3:7: unsupported: 'typing.MethodWrapperType' (pyts's typing module does not provide it)");
  expect(await lowerError("from typing import List, NamedTupleMeta\n")).toBe("1:26: unsupported: 'typing.NamedTupleMeta' (pyts's typing module does not provide it)");
  const { code } = await transpile("from typing import get_type_hints, nosuch\n", { filename: "prog.py", format: false });
  expect(code).toContain('importName(typing, "nosuch")');
  expect(code).not.toContain('"get_type_hints"');
});

test("an import inside a try that catches ImportError: a module CPython lacks raises at run time, one of CPython's own pyts lacks stays a located error", async () => {
  // (fixtures/lang/import_optional_dependency runs the run-time side against python3)
  expect(await lowerError("try:\n    import numpy_missing\nexcept ImportError:\n    pass\n")).toBe("no error");
  expect(await lowerError("try:\n    import tkinter\nexcept ImportError:\n    pass\n")).toMatch(/^2:12: unsupported: import of module 'tkinter'/);
  // outside such a try, and in a function defined in one (it runs later), the located error
  expect(await lowerError("import numpy_missing\n")).toMatch(/^1:8: unsupported: import of module 'numpy_missing'/);
  expect(await lowerError("try:\n    def f():\n        import numpy_missing\nexcept ImportError:\n    pass\n")).toMatch(/^3:16: unsupported: import of module 'numpy_missing'/);
  expect(await lowerError("try:\n    import numpy_missing\nexcept ValueError:\n    pass\n")).toMatch(/^2:12: unsupported: import of module 'numpy_missing'/);
});
