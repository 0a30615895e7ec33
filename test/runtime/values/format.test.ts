import { describe, expect, it } from "vitest";
import * as v from "../../../runtime/values/index.js";
import { Dict, Tuple } from "../../../runtime/values/index.js";
import { outcome, python, setErrorText } from "./oracle.js";

setErrorText((e) => v.toStr(e));

// Values as [python source, TS value].
const numbers: Array<[string, unknown]> = [
  ["0", 0n], ["7", 7n], ["-42", -42n], ["1234567", 1234567n], ["255", 255n], ["True", true],
  ["0.0", 0.0], ["-0.0", -0.0], ["3.14159", 3.14159], ["-2.5", -2.5], ["0.5", 0.5], ["1.5", 1.5],
  ["2.675", 2.675], ["1e16", 1e16], ["1.23456789e-7", 1.23456789e-7], ["123456.789", 123456.789],
  ["float('inf')", Infinity], ["float('nan')", NaN], ["1e300", 1e300], ["0.125", 0.125],
];
const numberSpecs = [
  "", "d", "5d", "<6", ">6", "^7", "*^9", "=+8", "+", " ", "05", "010,", "08,", ",", "_", "x", "#x", "X", "#o",
  "b", "#b", "_b", "c", "f", ".2f", ".0f", "10.3f", "e", ".2e", "E", "g", ".3g", "G", "#g", ".10g", "%",
  ".1%", "n", ".2", ".1", "z.1f", ",.2f", "+.3e", "s", "=10", "012.3f", "#.0f", "#.0e", ".0e",
];
const strings: Array<[string, unknown]> = [["'hi'", "hi"], ["''", ""], ["'héllo'", "héllo"]];
const stringSpecs = ["", "s", "5", "<5", ">5", "^6", "-^7", ".1", "8.3", "d", "+", "=5", ",", "#"];

describe("format(value, spec) matches CPython", () => {
  const pairs: Array<[string, unknown, string]> = [];
  for (const [src, value] of numbers) for (const spec of numberSpecs) pairs.push([src, value, spec]);
  for (const [src, value] of strings) for (const spec of stringSpecs) pairs.push([src, value, spec]);
  const expected = python(pairs.map(([src, , spec]) => ["repr", `format(${src}, ${JSON.stringify(spec)})`] as const));
  for (const [i, [src, value, spec]] of pairs.entries()) {
    it(`format(${src}, '${spec}')`, () => expect(outcome(() => v.format(value, spec), v.repr)).toEqual(expected[i]));
  }
});

describe("% formatting matches CPython", () => {
  const T = Tuple.of;
  const cases: Array<[string, () => unknown]> = [
    ["'Compute %s + %s ...' % (1, 2)", () => v.mod("Compute %s + %s ...", T(1n, 2n))],
    ["'%s: going to sleep for %d s' % ('A', 1)", () => v.mod("%s: going to sleep for %d s", T("A", 1n))],
    ["'Total time: %d s' % 3", () => v.mod("Total time: %d s", 3n)],
    ["'%r %s' % ('a', 'a')", () => v.mod("%r %s", T("a", "a"))],
    ["'%d %i' % (3.9, -3.9)", () => v.mod("%d %i", T(3.9, -3.9))],
    ["'%f|%.2f|%10.3f|%-10.1f|' % (1.5, 2.675, 3.14159, 2.0)", () => v.mod("%f|%.2f|%10.3f|%-10.1f|", T(1.5, 2.675, 3.14159, 2.0))],
    ["'%5d|%-5d|%05d|%+d|% d' % (42, 42, -42, 5, 5)", () => v.mod("%5d|%-5d|%05d|%+d|% d", T(42n, 42n, -42n, 5n, 5n))],
    ["'%5s|%-5s|%.2s' % ('ab', 'ab', 'abc')", () => v.mod("%5s|%-5s|%.2s", T("ab", "ab", "abc"))],
    ["'%x %X %#x %o %#o %#08x' % (255, 255, 255, 8, 8, 255)", () => v.mod("%x %X %#x %o %#o %#08x", T(255n, 255n, 255n, 8n, 8n, 255n))],
    ["'%e %E %.3e %g %G %g %g' % (12345.678, 0.00012, 1.0, 0.0001, 1e-5, 1e16, 123.0)", () => v.mod("%e %E %.3e %g %G %g %g", T(12345.678, 0.00012, 1.0, 0.0001, 1e-5, 1e16, 123.0))],
    ["'100%%' % ()", () => v.mod("100%%", T())],
    ["'%c%c' % (65, 'b')", () => v.mod("%c%c", T(65n, "b"))],
    ["'%(name)s is %(age)d' % {'name': 'Al', 'age': 3}", () => v.mod("%(name)s is %(age)d", Dict.of<string, unknown>(["name", "Al"], ["age", 3n]))],
    ["'%s' % [1, 2]", () => v.mod("%s", [1n, 2n])],
    ["'%s' % ((1, 2),)", () => v.mod("%s", T(T(1n, 2n)))],
    ["'%s' % None", () => v.mod("%s", null)],
    ["'%*d|%.*f' % (5, 1, 2, 3.14159)", () => v.mod("%*d|%.*f", T(5n, 1n, 2n, 3.14159))],
    ["'%s %s' % (1,)", () => v.mod("%s %s", T(1n))],
    ["'%s' % (1, 2)", () => v.mod("%s", T(1n, 2n))],
    ["'hello' % 5", () => v.mod("hello", 5n)],
    ["'%s' % ()", () => v.mod("%s", T())],
    ["'%(a)s' % 1", () => v.mod("%(a)s", 1n)],
    ["'%(a)s' % {}", () => v.mod("%(a)s", new Dict())],
    ["'%d' % 'a'", () => v.mod("%d", "a")],
    ["'%x' % 1.5", () => v.mod("%x", 1.5)],
    ["'%c' % 1.5", () => v.mod("%c", 1.5)],
    ["'%z' % 1", () => v.mod("%z", 1n)],
    ["'%f' % 'a'", () => v.mod("%f", "a")],
    ["'%s and %r' % (True, None)", () => v.mod("%s and %r", T(true, null))],
    ["'%a' % 'é'", () => v.mod("%a", "é")],
    ["'%f %e' % (float('inf'), float('nan'))", () => v.mod("%f %e", T(Infinity, NaN))],
    ["'%05.1f' % -2.35", () => v.mod("%05.1f", -2.35)],
  ];
  const expected = python(cases.map(([src]) => ["repr", src] as const));
  for (const [i, [src, compute]] of cases.entries()) {
    it(src, () => expect(outcome(compute, v.repr)).toEqual(expected[i]));
  }
});

describe("__format__", () => {
  it("is called with the spec", () => {
    const obj = { __format__: (spec: string) => `<${spec}>` };
    expect(v.format(obj, ">5")).toBe("<>5>");
    class Plain {}
    expect(() => v.format(new Plain(), "d")).toThrow("unsupported format string passed to Plain.__format__");
  });
});
