// The match / except* lowering's compile-time checks and the runtime helpers it calls.
// (Whole programs are covered by fixtures/lang/match_*.py and except_star*.py.)
import { describe, expect, test } from "vitest";
import { transpile } from "../../src/index.js";
import { matchClass, matchMapping, matchSequence } from "../../runtime/lang/match.js";
import { exceptStar } from "../../runtime/lang/exception-groups.js";
import { ExceptionGroup } from "../../runtime/asyncio/exception-group.js";
import { Dict } from "../../runtime/values/dict.js";
import { Tuple } from "../../runtime/values/tuple.js";
import { int } from "../../runtime/values/builtin-types.js";
import { str } from "../../runtime/values/repr.js";
import { KeyError, PyTypeError, ValueError } from "../../runtime/values/exceptions.js";

async function diagnostic(source: string): Promise<string> {
  try {
    await transpile(source, { filename: "t.py" });
  } catch (error) {
    return (error as Error).message;
  }
  return "(no error)";
}

describe("match lowering", () => {
  test("a capture before the last case makes the rest unreachable", async () => {
    expect(await diagnostic("match 1:\n    case x:\n        pass\n    case 2:\n        pass\n")).toContain(
      "name capture 'x' makes remaining patterns unreachable",
    );
    expect(await diagnostic("match 1:\n    case _:\n        pass\n    case 2:\n        pass\n")).toContain("wildcard makes remaining patterns unreachable");
  });

  test("the subject is a const temporary unless it is a name no case rebinds", async () => {
    const { code } = await transpile("def f(p):\n    match p:\n        case [p, q]:\n            return q\n", { filename: "t.py" });
    expect(code).toContain("const subject1: any = p;");
    const direct = await transpile("def f(p):\n    match p:\n        case [a, b]:\n            return b\n", { filename: "t.py" });
    expect(direct.code).not.toContain("subject1");
    expect(direct.code).toContain("matchSequence(p, 2)");
  });

  test("guards see the captures: they are bound inside the test", async () => {
    const { code } = await transpile("def f(v):\n    match v:\n        case [a] if a:\n            return a\n", { filename: "t.py" });
    expect(code).toMatch(/\(a = items1\[0\]\), truthy\(a\)/);
  });
});

describe("runtime match helpers", () => {
  test("matchSequence: exact length, star collected as a list, str is not a sequence", () => {
    expect(matchSequence([1, 2], 2)).toEqual([1, 2]);
    expect(matchSequence([1, 2, 3], 2)).toBeNull();
    expect(matchSequence(Tuple.of(1, 2, 3, 4), 3, 1)).toEqual([1, [2, 3], 4]);
    expect(matchSequence([1], 2, 0)).toEqual([[], 1]);
    expect(matchSequence([], 2, 0)).toBeNull();
    expect(matchSequence("ab", 2)).toBeNull();
  });

  test("matchMapping: values of present keys, then the rest as a Dict", () => {
    const d = Dict.of<unknown, unknown>(["a", 1n], ["b", 2n], ["c", 3n]);
    const result = matchMapping(d, ["b"], true)!;
    expect(result[0]).toBe(2n);
    expect([...(result[1] as Dict).keys()]).toEqual(["a", "c"]);
    expect(matchMapping(d, ["z"])).toBeNull();
    expect(matchMapping([["a", 1n]], ["a"])).toBeNull();
    expect(() => matchMapping(d, ["a", "a"])).toThrow(ValueError);
  });

  test("matchClass: __match_args__, keyword attributes, self-matching builtins, errors", () => {
    class P {
      static __match_args__ = Tuple.of("x", "y");
      x = 1n;
      y = 2n;
    }
    expect(matchClass(new P(), P, 2)).toEqual([1n, 2n]);
    expect(matchClass(new P(), P, 1, ["y"])).toEqual([1n, 2n]);
    expect(matchClass(new P(), P, 0, ["z"])).toBeNull();
    expect(matchClass("s", P)).toBeNull();
    expect(matchClass(5n, int, 1)).toEqual([5n]);
    expect(matchClass(5n, str, 1)).toBeNull();
    expect(() => matchClass(new P(), P, 3)).toThrow("P() accepts 2 positional sub-patterns (3 given)");
    expect(() => matchClass(new P(), P, 1, ["x"])).toThrow("P() got multiple sub-patterns for attribute 'x'");
    expect(() => matchClass(1n, () => 0)).toThrow(PyTypeError);
  });
});

describe("except* bookkeeping", () => {
  test("handlers take their parts; the unhandled rest is raised with the group's shape", () => {
    const group = new ExceptionGroup("g", [new ValueError(1n), new KeyError(2n)]);
    const handling = exceptStar(group);
    const matched = handling.take(ValueError)!;
    expect(matched.exceptions.items.map((e) => e.constructor)).toEqual([ValueError]);
    expect(handling.take(ValueError)).toBeNull();
    let raised: unknown = null;
    try {
      handling.finish();
    } catch (e) {
      raised = e;
    }
    expect(raised).toBeInstanceOf(ExceptionGroup);
    expect((raised as ExceptionGroup).message).toBe("g");
    expect((raised as ExceptionGroup).exceptions.items[0]).toBeInstanceOf(KeyError);
  });

  test("a bare re-raise keeps the original; a new exception is grouped with it", () => {
    const group = new ExceptionGroup("g", [new ValueError(1n), new KeyError(2n)]);
    const handling = exceptStar(group);
    const values = handling.take(ValueError)!;
    handling.raisedBy(values, handling.reraiseOf(values));
    const keys = handling.take(KeyError)!;
    const fresh = new PyTypeError("new");
    handling.raisedBy(keys, fresh);
    let raised: unknown = null;
    try {
      handling.finish();
    } catch (e) {
      raised = e;
    }
    const outer = raised as ExceptionGroup;
    expect(outer.message).toBe("");
    expect(outer.exceptions.items[0]).toBe(fresh);
    expect((outer.exceptions.items[1] as ExceptionGroup).message).toBe("g");
  });

  test("except* ExceptionGroup is a TypeError; non-Python errors pass through", () => {
    expect(() => exceptStar(new ValueError()).take(ExceptionGroup)).toThrow("catching ExceptionGroup with except* is not allowed");
    const jsError = new RangeError("js");
    expect(() => exceptStar(jsError)).toThrow(jsError);
  });
});
