// bytes iterate as Python ints; bytearray is mutable bytes. Expected values from CPython.
import { describe, expect, it } from "vitest";
import * as v from "../../../runtime/values/index.js";

const B = (s: string) => v.Bytes.fromLatin1(s);

describe("bytes iteration", () => {
  it("yields ints (bigint), not JS numbers", () => {
    expect([...B("hi")]).toEqual([104n, 105n]);
    expect(v.repr(v.list(B("hi")))).toBe("[104, 105]");
    expect(v.repr(v.getitem(B("hello"), v.slice(null, null, -1n)))).toBe("b'olleh'");
    expect(v.repr(v.mul(B("ab"), 2n))).toBe("b'abab'");
    expect(v.callMethod(B("ab"), "hex")).toBe("6162");
    expect(v.repr(v.callMethod(B("ab"), "upper"))).toBe("b'AB'");
  });
});

describe("bytearray", () => {
  it("builds from bytes, ints, iterables and strings with an encoding", () => {
    expect(v.repr(v.bytearray(B("abc")))).toBe("bytearray(b'abc')");
    expect(v.repr(v.bytearray(3n))).toBe("bytearray(b'\\x00\\x00\\x00')");
    expect(v.repr(v.bytearray([1n, 2n]))).toBe("bytearray(b'\\x01\\x02')");
    expect(v.repr(v.bytearray("hé", "utf-8"))).toBe("bytearray(b'h\\xc3\\xa9')");
    expect(v.repr(v.bytearray())).toBe("bytearray(b'')");
  });

  it("grows and shrinks in place", () => {
    const ba = v.bytearray(B("ab"));
    v.callMethod(ba, "append", 99n);
    v.callMethod(ba, "extend", [100n, 101n]);
    expect(v.repr(ba)).toBe("bytearray(b'abcde')");
    expect(v.callMethod(ba, "pop")).toBe(101n);
    v.setitem(ba, 0n, 65n);
    v.setitem(ba, v.slice(1n, 2n, null), B("XYZ"));
    v.delitem(ba, -1n);
    expect(v.repr(ba)).toBe("bytearray(b'AXYZc')");
    expect(v.len(ba)).toBe(5n);
    expect(v.callMethod(ba, "decode")).toBe("AXYZc");
    expect(v.repr(v.bytes(ba))).toBe("b'AXYZc'");
  });

  it("is bytearray but not bytes, compares with bytes, and is unhashable", () => {
    const ba = v.bytearray(B("ab"));
    expect(v.isinstance(ba, v.bytearray)).toBe(true);
    expect(v.isinstance(ba, v.bytes)).toBe(false);
    expect(v.isinstance(B("ab"), v.bytearray)).toBe(false);
    expect(v.eq(ba, B("ab"))).toBe(true);
    expect(v.getattr(v.type(ba), "__name__")).toBe("bytearray");
    expect(v.repr(v.add(ba, B("x")))).toBe("bytearray(b'abx')");
    expect(v.repr(v.add(B("x"), ba))).toBe("b'xab'");
    expect(() => v.hash(ba)).toThrow("unhashable type: 'bytearray'");
    expect(() => v.callMethod(ba, "append", 256n)).toThrow("byte must be in range(0, 256)");
    expect(() => v.setitem(ba, 9n, 1n)).toThrow("bytearray index out of range");
    expect(v.repr(v.callMethod(ba, "upper"))).toBe("bytearray(b'AB')");
  });
});
