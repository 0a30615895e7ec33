import { describe, expect, it } from "vitest";
import { repr, str, typeName } from "../../../runtime/values/index.js";
import { Bytes, Dict, FrozenSet, PySet, Tuple } from "../../../runtime/values/index.js";
import { KeyError, ValueError, Exception, OSError } from "../../../runtime/values/index.js";
import { pythonReprs, python } from "./oracle.js";

// [python expression, the same value built in TS]
const cases: Array<[string, () => unknown]> = [
  ["0.1 + 0.2", () => 0.1 + 0.2],
  ["1e16", () => 1e16],
  ["1e15", () => 1e15],
  ["123456789012345678.0", () => 123456789012345678.0],
  ["2.0", () => 2.0],
  ["float('inf')", () => Infinity],
  ["float('-inf')", () => -Infinity],
  ["float('nan')", () => NaN],
  ["-0.0", () => -0.0],
  ["1e-05", () => 1e-5],
  ["0.0001", () => 0.0001],
  ["0.00012345", () => 0.00012345],
  ["1.5e300", () => 1.5e300],
  ["5e-324", () => 5e-324],
  ["1/3", () => 1 / 3],
  ["-2.5", () => -2.5],
  ["12345.678", () => 12345.678],
  ["1e22", () => 1e22],
  ["2**100", () => 2n ** 100n],
  ["-7", () => -7n],
  ["True", () => true],
  ["False", () => false],
  ["None", () => null],
  ["'abc'", () => "abc"],
  ["\"it's\"", () => "it's"],
  ["'say \"hi\"'", () => 'say "hi"'],
  ["'both \\' and \"'", () => "both ' and \""],
  ["'a\\nb\\tc\\\\d\\r'", () => "a\nb\tc\\d\r"],
  ["'\\x00\\x1f\\x7f\\x80\\xa0\\xad'", () => "\x00\x1f\x7f\x80\xa0\xad"],
  ["'é中\\u2028\\U0001f600\\U000e0001'", () => "é中\u2028\u{1f600}\u{e0001}"],
  ["[1, 2.5, 'x', None, True]", () => [1n, 2.5, "x", null, true]],
  ["[]", () => []],
  ["()", () => Tuple.of()],
  ["(1,)", () => Tuple.of(1n)],
  ["(1, (2, 3), [4])", () => Tuple.of(1n, Tuple.of(2n, 3n), [4n])],
  ["{}", () => new Dict()],
  ["{'a': 1, 2: [3], (4, 5): None}", () => Dict.of<unknown, unknown>(["a", 1n], [2n, [3n]], [Tuple.of(4n, 5n), null])],
  ["{1: 'a', 1.0: 'b', True: 'c'}", () => Dict.of<unknown, string>([1n, "a"], [1.0, "b"], [true, "c"])],
  ["set()", () => PySet.of()],
  ["{1, 2, 3}", () => PySet.of(1n, 2n, 3n)],
  ["frozenset()", () => FrozenSet.of()],
  ["frozenset({1, 2})", () => FrozenSet.of(1n, 2n)],
  ["b''", () => new Bytes(0)],
  ["b'ab\\x00\\xff\\n\\'\"'", () => Bytes.fromLatin1("ab\x00\xff\n'\"")],
  ["b\"it's\"", () => Bytes.fromLatin1("it's")],
  ["ValueError('x')", () => new ValueError("x")],
  ["ValueError()", () => new ValueError()],
  ["KeyError('k', 2)", () => new KeyError("k", 2n)],
  ["Exception(1, [2])", () => new Exception(1n, [2n])],
  ["int", () => Object.assign(() => 0, {})],
];

describe("repr matches CPython", () => {
  const expected = pythonReprs(cases.slice(0, -1).map(([src]) => src));
  for (const [i, [src, build]] of cases.slice(0, -1).entries()) {
    it(src, () => {
      expect(["ok", repr(build())]).toEqual(expected[i]);
    });
  }
});

describe("str matches CPython", () => {
  const strCases: Array<[string, () => unknown]> = [
    ["'abc'", () => "abc"],
    ["1.0", () => 1.0],
    ["[1, 'a']", () => [1n, "a"]],
    ["ValueError('boom')", () => new ValueError("boom")],
    ["ValueError()", () => new ValueError()],
    ["ValueError(1, 'b')", () => new ValueError(1n, "b")],
    ["KeyError('k')", () => new KeyError("k")],
    ["OSError(2, 'No such file')", () => new OSError(2n, "No such file")],
    ["None", () => null],
  ];
  const expected = python(strCases.map(([src]) => ["str", src] as const));
  for (const [i, [src, build]] of strCases.entries()) {
    it(src, () => expect(["ok", str(build())]).toEqual(expected[i]));
  }
});

describe("recursion guard and objects", () => {
  it("self-containing list and dict", () => {
    const [listOut, dictOut] = python([
      ["exec", "a = [1]; a.append(a); result = repr(a)"],
      ["exec", "d = {}; d['me'] = d; result = repr(d)"],
    ]);
    const a: unknown[] = [1n];
    a.push(a);
    const d = new Dict<string, unknown>();
    d.set("me", d);
    expect(["ok", repr(a)]).toEqual(listOut);
    expect(["ok", repr(d)]).toEqual(dictOut);
  });

  it("user __repr__ and __str__", () => {
    class P {
      __repr__() {
        return "P()";
      }
      __str__() {
        return "a P";
      }
    }
    class Q {
      __repr__() {
        return "Q!";
      }
    }
    expect(repr([new P()])).toBe("[P()]");
    expect(str(new P())).toBe("a P");
    expect(str(new Q())).toBe("Q!");
  });

  it("default object, class and function reprs", () => {
    class Foo {}
    function f() {}
    expect(repr(new Foo())).toMatch(/^<__main__\.Foo object at 0x[0-9a-f]+>$/);
    expect(repr(Foo)).toBe("<class '__main__.Foo'>");
    expect(repr(f)).toMatch(/^<function f at 0x[0-9a-f]+>$/);
    expect(repr(ValueError)).toBe("<class 'ValueError'>");
    expect(repr(str)).toBe("<class 'str'>");
    class MyErr extends ValueError {}
    expect(repr(new MyErr("x"))).toBe("MyErr('x')");
    expect(repr(MyErr)).toBe("<class '__main__.MyErr'>");
  });

  it("typeName", () => {
    expect([null, true, 1n, 1.5, "s", [], Tuple.of(), new Dict(), PySet.of(), FrozenSet.of(), new Bytes(0)].map(typeName)).toEqual([
      "NoneType", "bool", "int", "float", "str", "list", "tuple", "dict", "set", "frozenset", "bytes",
    ]);
    class Foo {}
    expect(typeName(new Foo())).toBe("Foo");
    expect(typeName(new ValueError())).toBe("ValueError");
    expect(typeName(Foo)).toBe("type");
  });
});
