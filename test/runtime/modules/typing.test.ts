// typing's run-time objects: aliases, unions, type variables, generic classes and the
// introspection helpers, checked against what CPython 3.11 shows.
import { describe, expect, test } from "vitest";
import { typingModule as typing } from "../../../runtime/modules/typing.js";
import { getitem } from "../../../runtime/values/subscript.js";
import { repr } from "../../../runtime/values/repr.js";
import { Tuple } from "../../../runtime/values/tuple.js";
import { Dict } from "../../../runtime/values/dict.js";
import { int, list, NoneType } from "../../../runtime/values/builtin-types.js";
import { str } from "../../../runtime/values/repr.js";
import { isinstance, issubclass } from "../../../runtime/values/builtin-functions.js";
import { eq } from "../../../runtime/values/compare.js";
import { pyHash } from "../../../runtime/values/hashing.js";
import { bitor } from "../../../runtime/values/arithmetic.js";
import { kw } from "../../../runtime/values/kwargs.js";

const sub = (x: unknown, ...keys: unknown[]): unknown => getitem(x, keys.length === 1 ? keys[0] : Tuple.from(keys));

describe("aliases", () => {
  test("reprs, origins and arguments", () => {
    expect(repr(sub(typing.Dict, str, sub(typing.List, int)))).toBe("typing.Dict[str, typing.List[int]]");
    expect(repr(sub(typing.Tuple, Tuple.from([])))).toBe("typing.Tuple[()]");
    expect(typing.get_origin(sub(typing.List, int))).toBe(list);
    expect(repr(typing.get_args(sub(typing.Callable, [int, str], NoneType)))).toBe("([<class 'int'>, <class 'str'>], <class 'NoneType'>)");
    expect(typing.get_origin(int)).toBe(null);
  });

  test("unions flatten, drop repeats and collapse to their one member", () => {
    expect(sub(typing.Union, int)).toBe(int);
    expect(repr(sub(typing.Union, int, sub(typing.Union, str, int), null))).toBe("typing.Union[int, str, NoneType]");
    expect(repr(sub(typing.Optional, sub(typing.List, int)))).toBe("typing.Optional[typing.List[int]]");
    expect(eq(sub(typing.Union, int, str), sub(typing.Union, str, int))).toBe(true);
    expect(pyHash(sub(typing.Union, int, str))).toBe(pyHash(sub(typing.Union, str, int)));
    expect(repr(bitor(int, sub(typing.List, int)))).toBe("typing.Union[int, typing.List[int]]");
  });

  test("isinstance: the bare alias checks its origin, a subscripted one is refused", () => {
    expect(isinstance([], typing.List)).toBe(true);
    expect(isinstance(1n, sub(typing.Optional, int))).toBe(true);
    expect(issubclass(int, sub(typing.Union, int, str))).toBe(true);
    expect(() => isinstance([], sub(typing.List, int))).toThrow("Subscripted generics cannot be used with class and instance checks");
    expect(() => isinstance(1n, typing.Any)).toThrow("typing.Any cannot be used with isinstance()");
  });

  test("argument counts and forms refused as arguments", () => {
    expect(() => sub(typing.Dict, int)).toThrow("Too few arguments for typing.Dict; actual 1, expected 2");
    expect(() => sub(typing.List, typing.Optional)).toThrow("Plain typing.Optional is not valid as type argument");
    expect(() => sub(typing.Callable, int)).toThrow("Callable must be used as Callable[[arg, ...], result].");
    expect(repr(sub(typing.List, "Node"))).toBe("typing.List[ForwardRef('Node')]");
  });
});

describe("type variables", () => {
  test("variance in the repr, and substitution in aliases", () => {
    const T = typing.TypeVar("T");
    expect(repr(typing.TypeVar("T_co", kw({ covariant: true })))).toBe("+T_co");
    expect(repr(typing.TypeVar("T_contra", kw({ contravariant: true })))).toBe("-T_contra");
    expect(() => typing.TypeVar("X", int)).toThrow("A single constraint is not allowed");
    const pair = sub(typing.Tuple, T, T);
    expect(repr((pair as { __parameters__: unknown }).__parameters__)).toBe("(~T,)");
    expect(repr(sub(pair, int))).toBe("typing.Tuple[int, int]");
    expect(() => sub(pair, int, str)).toThrow("Too many arguments for typing.Tuple[~T, ~T]; actual 2, expected 1");
  });

  test("NewType gives its argument back and shows its module", () => {
    const UserId = typing.NewType("UserId", int) as (x: unknown) => unknown;
    expect(UserId(5n)).toBe(5n);
    expect(repr(UserId)).toBe("__main__.UserId");
  });
});

describe("get_type_hints", () => {
  test("a function's hints: None as NoneType, Annotated stripped unless include_extras", () => {
    const f = (): null => null;
    const annotated = sub(typing.Annotated, int, "meta");
    Object.defineProperty(f, "__annotations__", { value: new Dict<string, unknown>([["x", annotated], ["return", null]]) });
    expect(repr(typing.get_type_hints(f))).toBe("{'x': <class 'int'>, 'return': <class 'NoneType'>}");
  });

  test("a string hint no module registered is a NameError, as CPython's eval raises", () => {
    const f = (): null => null;
    Object.defineProperty(f, "__annotations__", { value: new Dict<string, unknown>([["x", "Missing"]]) });
    expect(() => typing.get_type_hints(f)).toThrow("name 'Missing' is not defined");
  });
});
