// log: the fast path (unfused sums with a margin, libm-log.ts) against the emulation of every
// fused operation of glibc's algorithm, on arguments of both of its paths (math-bits.test.ts
// holds the result to CPython's on 5,800 arguments), and a result where glibc's log is not the
// correctly rounded one.

import { describe, expect, it } from "vitest";
import { stream } from "../../support/random-stream.js";
import { logGlibc, logGlibcFused } from "../../../runtime/modules/libm-log.js";

const RANGES: [string, (u: number, v: number) => number][] = [
  ["near 1", (u) => 1 - 2 ** -4 + u * 0.13],
  ["very near 1", (u) => 1 + (u - 0.5) * 2 ** -20],
  ["table", (u) => u * 60],
  ["wide", (u, v) => (1 + v) * 2 ** Math.floor(u * 2098 - 1074)],
  ["powers of two", (u) => 2 ** Math.floor(u * 2098 - 1074)],
];

describe("glibc's log", () => {
  for (const [name, make] of RANGES) {
    it(`fast path agrees with the fused computation: ${name}`, () => {
      const next = stream(name.length * 7919 + 17);
      const wrong: string[] = [];
      for (let i = 0; i < 40000; i++) {
        const x = make(next(), next());
        if (!Object.is(logGlibc(x), logGlibcFused(x))) wrong.push(`log(${x}): ${logGlibc(x)} vs ${logGlibcFused(x)}`);
      }
      expect(wrong.slice(0, 10)).toEqual([]);
    });
  }

  it("gives glibc's result where it is not the nearest double", () => {
    // python3: math.log(float.fromhex('0x1.a05984a19a09bp+4')); the exact value is 0.49983 ulp
    // above the double below, which a correctly rounded log returns.
    expect(logGlibc(26.02185500264805)).toBe(3.2589367619593905);
  });

  it("special values", () => {
    expect(logGlibc(0)).toBe(-Infinity);
    expect(logGlibc(-0)).toBe(-Infinity);
    expect(logGlibc(Infinity)).toBe(Infinity);
    expect(logGlibc(-1)).toBeNaN();
    expect(logGlibc(NaN)).toBeNaN();
    expect(Object.is(logGlibc(1), 0)).toBe(true);
    expect(logGlibc(5e-324)).toBe(-744.4400719213812);
  });
});
