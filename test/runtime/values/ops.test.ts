import { describe, expect, it } from "vitest";
import * as v from "../../../runtime/values/index.js";
import { Dict, PySet, Tuple } from "../../../runtime/values/index.js";
import { outcome, python, setErrorText } from "./oracle.js";

setErrorText((e) => v.toStr(e));

const T = Tuple.of;
// [python expression, TS computation]; compared by repr (or error "Name: message").
const cases: Array<[string, () => unknown]> = [
  ["1 + 2", () => v.add(1n, 2n)],
  ["1 + 2.5", () => v.add(1n, 2.5)],
  ["True + True", () => v.add(true, true)],
  ["True + 1.5", () => v.add(true, 1.5)],
  ["'a' + 'b'", () => v.add("a", "b")],
  ["[1] + [2, 3]", () => v.add([1n], [2n, 3n])],
  ["(1,) + (2,)", () => v.add(T(1n), T(2n))],
  ["1 + 'a'", () => v.add(1n, "a")],
  ["'a' + 1", () => v.add("a", 1n)],
  ["[1] + (1,)", () => v.add([1n], T(1n))],
  ["(1,) + [1]", () => v.add(T(1n), [1n])],
  ["True + 'a'", () => v.add(true, "a")],
  ["{} + {}", () => v.add(new Dict(), new Dict())],
  ["7 - 10", () => v.sub(7n, 10n)],
  ["'a' - 'b'", () => v.sub("a", "b")],
  ["{1, 2, 3} - {2}", () => v.sub(PySet.of(1n, 2n, 3n), PySet.of(2n))],
  ["3 * 4", () => v.mul(3n, 4n)],
  ["'ab' * 3", () => v.mul("ab", 3n)],
  ["3 * 'ab'", () => v.mul(3n, "ab")],
  ["'ab' * -1", () => v.mul("ab", -1n)],
  ["[1, 2] * 2", () => v.mul([1n, 2n], 2n)],
  ["(1,) * 3", () => v.mul(T(1n), 3n)],
  ["'a' * True", () => v.mul("a", true)],
  ["'a' * 1.5", () => v.mul("a", 1.5)],
  ["1.5 * 'a'", () => v.mul(1.5, "a")],
  ["[1] * 1.5", () => v.mul([1n], 1.5)],
  ["0.1 * 3", () => v.mul(0.1, 3n)],
  ["6 / 3", () => v.truediv(6n, 3n)],
  ["1 / 3", () => v.truediv(1n, 3n)],
  ["10**30 / 7", () => v.truediv(10n ** 30n, 7n)],
  ["(2**80 + 1) / 3", () => v.truediv(2n ** 80n + 1n, 3n)],
  ["-(10**25) / 3", () => v.truediv(-(10n ** 25n), 3n)],
  ["1 / 0", () => v.truediv(1n, 0n)],
  ["1.0 / 0", () => v.truediv(1.0, 0n)],
  ["1 / 0.0", () => v.truediv(1n, 0.0)],
  ["-7 // 2", () => v.floordiv(-7n, 2n)],
  ["7 // -2", () => v.floordiv(7n, -2n)],
  ["-7 % 2", () => v.mod(-7n, 2n)],
  ["7 % -2", () => v.mod(7n, -2n)],
  ["-7.5 // 2", () => v.floordiv(-7.5, 2n)],
  ["1 // 0.1", () => v.floordiv(1n, 0.1)],
  ["1 % 0.1", () => v.mod(1n, 0.1)],
  ["7 % -2.5", () => v.mod(7n, -2.5)],
  ["-0.0 % 5", () => v.mod(-0.0, 5n)],
  ["5.0 % -5", () => v.mod(5.0, -5n)],
  ["-1e-20 % 1.0", () => v.mod(-1e-20, 1.0)],
  ["1 // 0", () => v.floordiv(1n, 0n)],
  ["1 % 0", () => v.mod(1n, 0n)],
  ["1.0 // 0", () => v.floordiv(1.0, 0n)],
  ["1.0 % 0", () => v.mod(1.0, 0n)],
  ["2 ** 10", () => v.pow(2n, 10n)],
  ["2 ** -1", () => v.pow(2n, -1n)],
  ["2 ** 0.5", () => v.pow(2n, 0.5)],
  ["0 ** -1", () => v.pow(0n, -1n)],
  ["0.0 ** -1", () => v.pow(0.0, -1n)],
  ["2.0 ** 10000", () => v.pow(2.0, 10000n)],
  ["1.0 ** float('nan')", () => v.pow(1.0, NaN)],
  ["(-1.0) ** float('inf')", () => v.pow(-1.0, Infinity)],
  ["(-2) ** 3", () => v.pow(-2n, 3n)],
  ["1 ** 'a'", () => v.pow(1n, "a")],
  ["10**400 * 1.0", () => v.mul(10n ** 400n, 1.0)],
  ["1 << 70", () => v.lshift(1n, 70n)],
  ["-16 >> 2", () => v.rshift(-16n, 2n)],
  ["1 << -1", () => v.lshift(1n, -1n)],
  ["True & False", () => v.bitand(true, false)],
  ["True | 2", () => v.bitor(true, 2n)],
  ["6 ^ 3", () => v.bitxor(6n, 3n)],
  ["1 & 1.0", () => v.bitand(1n, 1.0)],
  ["{1, 2} | {3}", () => v.bitor(PySet.of(1n, 2n), PySet.of(3n))],
  ["{1, 2} & {2, 3}", () => v.bitand(PySet.of(1n, 2n), PySet.of(2n, 3n))],
  ["{1, 2} ^ {2, 3}", () => v.bitxor(PySet.of(1n, 2n), PySet.of(2n, 3n))],
  ["{'a': 1} | {'b': 2, 'a': 3}", () => v.bitor(Dict.of<string, bigint>(["a", 1n]), Dict.of<string, bigint>(["b", 2n], ["a", 3n]))],
  ["1 @ 2", () => v.matmul(1n, 2n)],
  ["-True", () => v.neg(true)],
  ["-(2.5)", () => v.neg(2.5)],
  ["+True", () => v.pos(true)],
  ["~5", () => v.invert(5n)],
  ["-'a'", () => v.neg("a")],
  ["~1.5", () => v.invert(1.5)],
  ["not []", () => v.not_([])],
  ["1 == 1.0", () => v.eq(1n, 1.0)],
  ["True == 1", () => v.eq(true, 1n)],
  ["2**53 + 1 == float(2**53)", () => v.eq(2n ** 53n + 1n, 2 ** 53)],
  ["2**53 + 1 > float(2**53)", () => v.gt(2n ** 53n + 1n, 2 ** 53)],
  ["'a' == 1", () => v.eq("a", 1n)],
  ["[1, 2] == [1, 2.0]", () => v.eq([1n, 2n], [1n, 2.0])],
  ["[1] == (1,)", () => v.eq([1n], T(1n))],
  ["{1: 'a'} == {1.0: 'a'}", () => v.eq(Dict.of([1n, "a"]), Dict.of([1.0, "a"]))],
  ["{1, 2} == frozenset({2, 1})", () => v.eq(PySet.of(1n, 2n), v.FrozenSet.of(2n, 1n))],
  ["None == None", () => v.eq(null, undefined)],
  ["float('nan') == float('nan')", () => v.eq(NaN, NaN)],
  ["1 < 2.5", () => v.lt(1n, 2.5)],
  ["3 <= 2", () => v.le(3n, 2n)],
  ["'abc' < 'abd'", () => v.lt("abc", "abd")],
  ["'Z' < 'a'", () => v.lt("Z", "a")],
  ["'\\uffff' < '\\U0001f600'", () => v.lt("\uffff", "\u{1f600}")],
  ["[1, 2] < [1, 3]", () => v.lt([1n, 2n], [1n, 3n])],
  ["[1, 2] < [1, 2, 0]", () => v.lt([1n, 2n], [1n, 2n, 0n])],
  ["(1, 'a') < (1, 'b')", () => v.lt(T(1n, "a"), T(1n, "b"))],
  ["(2, 'a') > (1, 2)", () => v.gt(T(2n, "a"), T(1n, 2n))],
  ["(1, 'a') < (1, 2)", () => v.lt(T(1n, "a"), T(1n, 2n))],
  ["{1} < {1, 2}", () => v.lt(PySet.of(1n), PySet.of(1n, 2n))],
  ["1 < 'a'", () => v.lt(1n, "a")],
  ["1 >= 'a'", () => v.ge(1n, "a")],
  ["[1] < 'a'", () => v.lt([1n], "a")],
  ["None < None", () => v.lt(null, null)],
  ["'b' in 'abc'", () => v.in_("b", "abc")],
  ["1 in 'a'", () => v.in_(1n, "a")],
  ["1.0 in [1, 2]", () => v.in_(1.0, [1n, 2n])],
  ["3 not in (1, 2)", () => v.notIn(3n, T(1n, 2n))],
  ["'a' in {'a': 1}", () => v.in_("a", Dict.of(["a", 1n]))],
  ["True in {1}", () => v.in_(true, PySet.of(1n))],
  ["1 in 3", () => v.in_(1n, 3n)],
  ["[] in {1}", () => v.in_([], PySet.of(1n))],
];

describe("operators match CPython", () => {
  const expected = python(cases.map(([src]) => ["repr", src] as const));
  for (const [i, [src, compute]] of cases.entries()) {
    it(src, () => expect(outcome(compute, v.repr)).toEqual(expected[i]));
  }
});

describe("dunder dispatch", () => {
  class Vec {
    constructor(readonly x: bigint) {}
    __add__(o: unknown) {
      return o instanceof Vec ? new Vec(this.x + o.x) : v.NotImplemented;
    }
    __radd__(o: unknown) {
      return typeof o === "bigint" ? new Vec(this.x + o) : v.NotImplemented;
    }
    __eq__(o: unknown) {
      return o instanceof Vec && o.x === this.x;
    }
    __lt__(o: unknown) {
      return o instanceof Vec ? this.x < o.x : v.NotImplemented;
    }
    __hash__() {
      return this.x;
    }
    __repr__() {
      return `Vec(${this.x})`;
    }
    __len__() {
      return this.x;
    }
    __contains__(o: unknown) {
      return o === 1n;
    }
  }
  it("forward, reflected and failing", () => {
    expect(v.repr(v.add(new Vec(1n), new Vec(2n)))).toBe("Vec(3)");
    expect(v.repr(v.add(5n, new Vec(2n)))).toBe("Vec(7)");
    expect(() => v.add(new Vec(1n), "s")).toThrow("unsupported operand type(s) for +: 'Vec' and 'str'");
    expect(() => v.add("s", new Vec(1n))).toThrow('can only concatenate str (not "Vec") to str');
  });
  it("comparison, reflection of __lt__ into >, hashing in dicts", () => {
    expect(v.gt(new Vec(3n), new Vec(2n))).toBe(true);
    expect(v.eq(new Vec(3n), new Vec(3n))).toBe(true);
    expect(v.ne(new Vec(3n), new Vec(3n))).toBe(false);
    const d = new Dict<unknown, string>();
    d.set(new Vec(1n), "a");
    d.set(new Vec(1n), "b");
    expect(d.size).toBe(1);
    expect(d.get(new Vec(1n))).toBe("b");
    expect(v.truthy(new Vec(0n))).toBe(false);
    expect(v.in_(1n, new Vec(0n))).toBe(true);
    expect(v.sortCompare(new Vec(1n), new Vec(2n))).toBe(-1);
  });
  it("augmented assignment mutates lists in place", () => {
    const xs: unknown[] = [1n];
    const alias = xs;
    expect(v.iadd(xs, T(2n, 3n))).toBe(alias);
    expect(v.repr(alias)).toBe("[1, 2, 3]");
    expect(v.imul(xs, 2n)).toBe(alias);
    expect(alias.length).toBe(6);
    expect(v.iadd(1n, 2n)).toBe(3n);
    const s = PySet.of(1n);
    expect(v.ior(s, PySet.of(2n))).toBe(s);
    expect(v.repr(s)).toBe("{1, 2}");
  });
  it("truthiness", () => {
    expect([0n, 0.0, NaN, "", [], T(), new Dict(), PySet.of(), null, undefined, 1n, "x", [0n]].map(v.truthy)).toEqual([
      false, false, true, false, false, false, false, false, false, false, true, true, true,
    ]);
  });
});
