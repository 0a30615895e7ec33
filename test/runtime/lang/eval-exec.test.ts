// eval, exec and compile at run time: the runtime finds the compiler (here through the pyts
// package's own `pyts/snippet` entry, as built output run by node does) and runs the code
// against the namespaces given, as CPython does.
import { expect, test } from "vitest";
import { pyCompile, pyEval, pyExec, PyCode } from "../../../runtime/lang/eval-exec.js";
import { Dict } from "../../../runtime/values/dict.js";
import { NameError, PySyntaxError, PyTypeError } from "../../../runtime/values/exceptions.js";
import { repr, toStr } from "../../../runtime/values/repr.js";
import { callValue } from "../../../runtime/modules/pycall.js";

test("eval reads its globals and locals, then the builtins", () => {
  expect(pyEval("2 + 3", new Dict())).toBe(5n);
  expect(pyEval("x * y", Dict.of(["x", 4n]), Dict.of(["y", 10n]))).toBe(40n);
  expect(pyEval("len('abc')", new Dict())).toBe(3n);
  expect(() => pyEval("len('abc')", Dict.of(["__builtins__", new Dict()]))).toThrow(NameError);
});

test("functions exec defines read the globals dict when they run", () => {
  const ns = Dict.of<unknown, unknown>(["base", 1n]);
  pyExec("def add(v):\n    return base + v\n", ns);
  ns.set("base", 100n);
  expect(callValue(ns.get("add"), 2n)).toBe(102n);
  // CPython inserts the builtins into a globals dict that lacks them.
  expect(ns.has("__builtins__")).toBe(true);
});

test("exec with a separate locals mapping stores there", () => {
  const globals = new Dict();
  const locals = new Dict();
  pyExec("z = 42\nw = z + 1", globals, locals);
  expect(repr(locals)).toBe("{'z': 42, 'w': 43}");
  expect(globals.has("z")).toBe(false);
});

test("compile gives a code object that eval and exec run", () => {
  const code = pyCompile("a + b", "<calc>", "eval");
  expect(code).toBeInstanceOf(PyCode);
  expect(code.co_filename).toBe("<calc>");
  expect(pyEval(code, Dict.of(["a", 1n], ["b", 2n]))).toBe(3n);
  // exec of an eval-mode code object runs it and gives None
  expect(pyExec(code, Dict.of(["a", 1n], ["b", 2n]))).toBe(null);
});

test("a syntax error is CPython's SyntaxError, with its args and str", () => {
  let caught: unknown;
  try {
    pyCompile("1 +", "<string>", "exec");
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PySyntaxError);
  expect(repr((caught as PySyntaxError).args)).toBe("('invalid syntax', ('<string>', 1, 4, '1 +\\n', 1, 4))");
  expect(toStr(caught)).toBe("invalid syntax (<string>, line 1)");
});

test("arguments are checked with CPython's messages", () => {
  expect(() => pyEval(1n, new Dict())).toThrow(new PyTypeError("eval() arg 1 must be a string, bytes or code object"));
  expect(() => pyExec("x = 1", [])).toThrow(new PyTypeError("exec() globals must be a dict, not list"));
  expect(() => pyCompile("1", "f", "run")).toThrow("compile() mode must be 'exec', 'eval' or 'single'");
});

test("compile with ast.PyCF_ONLY_AST is a clear error (pyts's ast module has no syntax tree)", () => {
  expect(() => pyCompile("1", "f", "eval", 0x400n)).toThrow("pyts's ast module has no syntax tree classes");
  expect(() => pyCompile("1", "f", "eval", 1n)).toThrow("compile(): unrecognised flags");
});
