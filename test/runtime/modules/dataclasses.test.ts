import { describe, expect, it } from "vitest";
import { dataclassesModule as dataclasses, FrozenInstanceError } from "../../../runtime/modules/dataclasses.js";
import { list } from "../../../runtime/values/builtin-types.js";
import { sorted } from "../../../runtime/values/builtin-functions.js";
import { eq, lt, le, gt } from "../../../runtime/values/compare.js";
import { pyHash } from "../../../runtime/values/hashing.js";
import { kw } from "../../../runtime/values/kwargs.js";
import { repr, toStr } from "../../../runtime/values/repr.js";
import { PySet } from "../../../runtime/values/set.js";
import { exceptionLine } from "../../../runtime/values/traceback.js";
import { pythonLines } from "./python-oracle.js";

const { MISSING } = dataclasses;

// What the lowering emits for:
//   @dataclass
//   class Point: x: int; y: int = 0
//   @dataclass(order=True, frozen=True)
//   class Version: major: int; minor: int = 0; tags: list = field(default_factory=list, compare=False)
class Point {
  declare x: bigint;
  declare y: bigint;
  constructor(x: bigint, y: bigint = 0n) {
    this.x = x;
    this.y = y;
  }
}
dataclasses.dataclass(Point, { fields: [["x", MISSING, null], ["y", 0n, null]] });

let Version = class Version {
  major: bigint;
  minor: bigint;
  tags: unknown[];
  constructor(major: bigint, minor: bigint = 0n, tags: unknown = MISSING) {
    this.major = major;
    this.minor = minor;
    this.tags = tags === MISSING ? (dataclasses.defaultOf(Version, "tags") as unknown[]) : (tags as unknown[]);
  }
};
Version = dataclasses.dataclass(Version, {
  fields: [["major", MISSING, null], ["minor", 0n, null], ["tags", dataclasses.field(kw({ default_factory: list, compare: false })), null]],
  order: true,
  frozen: true,
});

describe("dataclasses", () => {
  it("repr, eq, hash rules, order, frozen, asdict/astuple/replace/fields match CPython", () => {
    const expected = pythonLines(`
from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError
@dataclass
class Point:
    x: int
    y: int = 0
@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    tags: list = field(default_factory=list, compare=False)
p = Point(1, 2)
print(repr(p), p == Point(1, 2), p == Point(2, 1), p == (1, 2), Point.__hash__)
v = Version(1, 2); w = Version(1, 10, ['x'])
print(repr(v), v < w, v <= v, w > v, v == Version(1, 2, ['other']), hash(v) == hash(Version(1, 2)))
print(sorted([w, v, Version(0)]))
try: v.major = 3
except FrozenInstanceError as e: print(type(e).__name__, e)
print(asdict(w), astuple(w), repr(replace(p, y=5)), [f.name for f in fields(Version)])
print(len({Version(1), Version(1), Version(2)}))
try: hash(p)
except TypeError as e: print(e)`);
    const p = new Point(1n, 2n);
    const v = new Version(1n, 2n);
    const w = new Version(1n, 10n, ["x"]);
    const out = [
      `${repr(p)} ${repr(eq(p, new Point(1n, 2n)))} ${repr(eq(p, new Point(2n, 1n)))} ${repr(eq(p, list([1n, 2n])))} ${repr((Point.prototype as unknown as { __hash__: unknown }).__hash__)}`,
      `${repr(v)} ${repr(lt(v, w))} ${repr(le(v, v))} ${repr(gt(w, v))} ${repr(eq(v, new Version(1n, 2n, ["other"])))} ${repr(pyHash(v) === pyHash(new Version(1n, 2n)))}`,
      repr(sorted([w, v, new Version(0n)])),
    ];
    try {
      (v as { major: bigint }).major = 3n;
    } catch (e) {
      out.push(`FrozenInstanceError ${toStr(e)}`);
    }
    out.push(
      `${repr(dataclasses.asdict(w))} ${repr(dataclasses.astuple(w))} ${repr(dataclasses.replace(p, kw({ y: 5n })))} ${repr(list(dataclasses.fields(Version)).map((f) => f.name))}`,
    );
    out.push(String(new PySet([new Version(1n), new Version(1n), new Version(2n)]).size));
    try {
      pyHash(p);
    } catch (e) {
      out.push(toStr(e));
    }
    expect(out).toEqual(expected);
  });

  it("frozen errors carry the module name in tracebacks; default_factory gives fresh values", () => {
    const v = new Version(1n);
    expect(() => ((v as { minor: bigint }).minor = 1n)).toThrow(FrozenInstanceError);
    try {
      (v as { minor: bigint }).minor = 1n;
    } catch (e) {
      expect(exceptionLine(e)).toBe("dataclasses.FrozenInstanceError: cannot assign to field 'minor'");
    }
    expect(new Version(1n).tags).not.toBe(new Version(1n).tags);
    expect(() => dataclasses.asdict(Point)).toThrow("asdict() should be called on dataclass instances");
  });
});
