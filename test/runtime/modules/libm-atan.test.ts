// atan2 and atan: the table-based fast path (libm-atan.ts) against the sin/cos correction of
// V8's value computed precisely near rounding boundaries (both correctly rounded), on
// arguments of every octant and near the table's points; math-bits.test.ts holds both to
// CPython's results.

import { describe, expect, it } from "vitest";
import { stream } from "../../support/random-stream.js";
import { atan2Exact, atan2Slow, atanExact } from "../../../runtime/modules/libm-atan.js";

const RANGES: [string, (u: number, v: number, w: number) => [number, number]][] = [
  ["unit square", (u, v) => [(u - 0.5) * 20, (v - 0.5) * 20]],
  ["wide", (u, v, w) => [(u - 0.5) * 2 ** Math.floor(w * 400 - 200), (v - 0.5) * 2 ** Math.floor(u * 400 - 200)]],
  ["near the diagonal", (u, v) => [(v - 0.5) * (1 + (u - 0.5) * 1e-6), v - 0.5]],
  ["near table points", (u, v, w) => [(Math.floor(u * 65) / 64 + (v - 0.5) / 64) * (w < 0.5 ? -3 : 3), w < 0.25 || w > 0.75 ? 3 : -3]],
  ["tiny ratios", (u, v) => [(u - 0.5) * 2 ** -40, v + 0.1]],
];

describe("atan2 fast path", () => {
  for (const [name, make] of RANGES) {
    it(`agrees with the precise computation: ${name}`, () => {
      const next = stream(name.length * 104729 + 3);
      const wrong: string[] = [];
      for (let i = 0; i < 40000; i++) {
        const [y, x] = make(next(), next(), next());
        if (!Object.is(atan2Exact(y, x), atan2Slow(y, x))) wrong.push(`atan2(${y}, ${x}): ${atan2Exact(y, x)} vs ${atan2Slow(y, x)}`);
        if (!Object.is(atanExact(y / x), atan2Slow(y / x, 1))) wrong.push(`atan(${y / x}): ${atanExact(y / x)} vs ${atan2Slow(y / x, 1)}`);
      }
      expect(wrong.slice(0, 10)).toEqual([]);
    });
  }

  it("keeps the signs and special values", () => {
    expect(Object.is(atan2Exact(-0, 1), -0)).toBe(true);
    expect(atan2Exact(0, -1)).toBe(Math.PI);
    expect(atan2Exact(-0, -1)).toBe(-Math.PI);
    expect(atan2Exact(1, 0)).toBe(Math.PI / 2);
    expect(atan2Exact(-Infinity, Infinity)).toBe(-Math.PI / 4);
    expect(atan2Exact(NaN, 1)).toBeNaN();
    expect(atan2Exact(1, 1)).toBe(0.7853981633974483);
    expect(atan2Exact(-1, -1)).toBe(-2.356194490192345);
  });
});
