// Behaviour found missing by the language fixtures (fixtures/lang), checked against CPython.
import { describe, expect, it } from "vitest";
import * as v from "../../../runtime/values/index.js";
import { Dict, Tuple, kw } from "../../../runtime/values/index.js";
import { outcome, python, setErrorText } from "./oracle.js";

setErrorText((e) => v.toStr(e));
const T = Tuple.of;
const B = (s: string) => v.Bytes.fromLatin1(s);
type Fn = (...a: unknown[]) => unknown;
const on = (type: unknown, name: string) => (type as Record<string, Fn>)[name]!;

const cases: Array<[string, () => unknown]> = [
  ["sorted(['b', 'A', 'a', 'B'], key=str.lower)", () => v.sorted(["b", "A", "a", "B"], kw({ key: on(v.str, "lower") }))],
  ["list(map(str.upper, ['x', 'y']))", () => v.list(v.map(on(v.str, "upper"), ["x", "y"]))],
  ["str.join('-', ['a', 'b'])", () => on(v.str, "join")("-", ["a", "b"])],
  ["str.lower(5)", () => on(v.str, "lower")(5n)],
  ["list.count([1, 1, 2], 1)", () => on(v.list, "count")([1n, 1n, 2n], 1n)],
  ["dict.fromkeys('ab', 0)", () => on(v.dict, "fromkeys")("ab", 0n)],
  ["dict.fromkeys([1, 2])", () => on(v.dict, "fromkeys")([1n, 2n])],
  ["bytes.fromhex('41 42ff')", () => on(v.bytes, "fromhex")("41 42ff")],
  ["bytes.fromhex('4g')", () => on(v.bytes, "fromhex")("4g")],
  ["b'hello'.upper()", () => v.callMethod(B("hello"), "upper")],
  ["b'Hi There'.lower()", () => v.callMethod(B("Hi There"), "lower")],
  ["b'a,b,,c'.split(b',')", () => v.callMethod(B("a,b,,c"), "split", B(","))],
  ["b'  x y '.split()", () => v.callMethod(B("  x y "), "split")],
  ["b'--x--'.strip(b'-')", () => v.callMethod(B("--x--"), "strip", B("-"))],
  ["b'abc'.replace(b'b', b'XY')", () => v.callMethod(B("abc"), "replace", B("b"), B("XY"))],
  ["b'abc'.find(b'c')", () => v.callMethod(B("abc"), "find", B("c"))],
  ["b', '.join([b'a', b'b'])", () => v.callMethod(B(", "), "join", [B("a"), B("b")])],
  ["b'k=v'.partition(b'=')", () => v.callMethod(B("k=v"), "partition", B("="))],
  ["b'123'.isdigit(), b''.isdigit(), b'aB'.isalpha()", () => T(v.callMethod(B("123"), "isdigit"), v.callMethod(B(""), "isdigit"), v.callMethod(B("aB"), "isalpha"))],
  ["type(len).__name__", () => v.getattr(v.type(v.len), "__name__")],
  ["type(print).__name__", () => v.getattr(v.type(v.print), "__name__")],
  ["type(lambda: 0).__name__", () => v.getattr(v.type(() => 0n), "__name__")],
  ["repr(len)", () => v.repr(v.len)],
  ["list(iter(iter([1, 2, 0, 3]).__next__, 0))", () => {
    const it = v.iter([1n, 2n, 0n, 3n]);
    return v.list(v.iter(() => v.next(it), 0n));
  }],
  ["list(iter(iter([1, 2]).__next__, 1.0))", () => {
    const it = v.iter([1n, 2n]);
    return v.list(v.iter(() => v.next(it), 1.0));
  }],
  ["iter(5, 0)", () => v.iter(5n, 0n)],
  ["list(b'ab'), sum(b'ab'), max(b'az'), 97 in b'a'", () => T(v.list(B("ab")), v.sum(B("ab")), v.max(B("az")), v.in_(97n, B("a")))],
  ["list(enumerate(b'hi'))", () => v.list(v.enumerate(B("hi")))],
];

describe("fixed builtins match CPython", () => {
  const expected = python(cases.map(([src]) => ["repr", src] as const));
  for (const [i, [src, compute]] of cases.entries()) {
    it(src, () => expect(outcome(compute, v.repr)).toEqual(expected[i]));
  }
});

describe("user classes", () => {
  it("a class defining __eq__ without __hash__ is unhashable; with both it is hashable", () => {
    class EqOnly {
      __eq__(_o: unknown): boolean {
        return true;
      }
    }
    class Both {
      __eq__(o: unknown): boolean {
        return o instanceof Both;
      }
      __hash__(): bigint {
        return 7n;
      }
    }
    class Plain {}
    // Python: a subclass defining __eq__ alone loses the inherited __hash__.
    class EqSub extends Both {
      override __eq__(_o: unknown): boolean {
        return false;
      }
    }
    class HashSub extends EqOnly {
      __hash__(): bigint {
        return 3n;
      }
    }
    expect(() => v.hash(new EqOnly())).toThrow("unhashable type: 'EqOnly'");
    expect(() => v.set([new EqOnly()])).toThrow("unhashable type: 'EqOnly'");
    expect(() => v.hash(new EqSub())).toThrow("unhashable type: 'EqSub'");
    expect(v.hash(new Both())).toBe(7n);
    expect(v.hash(new HashSub())).toBe(3n);
    expect(v.len(v.set([new Both(), new Both()]))).toBe(1n);
    const p = new Plain();
    expect(v.getitem(Dict.of([p, 1n]), p)).toBe(1n);
  });

  it("`in` falls back to __iter__ and to the __getitem__ protocol", () => {
    class Gen {
      __iter__() {
        return v.iter([1n, 2n, 3n]);
      }
    }
    class Seq {
      __getitem__(i: bigint) {
        if (i >= 3n) throw new v.IndexError();
        return i * 10n;
      }
    }
    expect(v.in_(2n, new Gen())).toBe(true);
    expect(v.in_(4n, new Gen())).toBe(false);
    expect(v.in_(20n, new Seq())).toBe(true);
    expect(v.in_(5n, new Seq())).toBe(false);
    expect(() => v.in_(1n, {})).toThrow("argument of type 'object' is not iterable");
  });

  it("__mro__, __bases__, __dict__ and vars()", () => {
    class Animal {}
    class Dog extends Animal {
      name = "rex";
      age = 3n;
    }
    const names = (t: unknown) => (t as Tuple).items.map((c) => v.getattr(c, "__name__"));
    expect(names(v.getattr(Dog, "__mro__"))).toEqual(["Dog", "Animal", "object"]);
    expect(names(v.getattr(Dog, "__bases__"))).toEqual(["Animal"]);
    expect(names(v.getattr(Animal, "__bases__"))).toEqual(["object"]);
    expect(names(v.getattr(v.ValueError, "__mro__"))).toEqual(["ValueError", "Exception", "BaseException", "object"]);
    expect(v.repr(v.vars(new Dog()))).toBe("{'name': 'rex', 'age': 3}");
    expect(v.repr(v.getattr(new Dog(), "__dict__"))).toBe("{'name': 'rex', 'age': 3}");
    expect(() => v.vars(5n)).toThrow("vars() argument must have __dict__ attribute");
  });

  it("subclasses of dict keep their own methods and __repr__", () => {
    class Tally extends Dict {
      update(...args: unknown[]): null {
        for (const x of v.iterable(args[0])) this.set(x, ((this.get(x) as bigint | undefined) ?? 0n) + 1n);
        return null;
      }
      __repr__(): string {
        return `Tally(${v.repr(new Dict(this.entries()))})`;
      }
    }
    const t = new Tally();
    v.callMethod(t, "update", "aab");
    expect(v.repr(t)).toBe("Tally({'a': 2, 'b': 1})");
    expect(v.repr([t])).toBe("[Tally({'a': 2, 'b': 1})]");
    expect(v.repr(v.callMethod(t, "keys"))).toBe("dict_keys(['a', 'b'])");
    (v.getattr(t, "update") as Fn)("c");
    expect(v.repr(t)).toBe("Tally({'a': 2, 'b': 1, 'c': 1})");
  });
});
