// sin and cos: the fast path (unfused operations with error bounds, libm-sin.ts) against the
// emulation of every fused operation of glibc's algorithm, on arguments where the two could
// part (math-bits.test.ts holds both to CPython's results); and the large-argument reduction.

import { describe, expect, it } from "vitest";
import { stream } from "../../support/random-stream.js";
import { cosFused, cosGlibc, sinFused, sinGlibc } from "../../../runtime/modules/libm-sin.js";
import { reduceGlibc, reduceLarge, reducedLo, reducedQuadrant } from "../../../runtime/modules/libm-reduce.js";

const RANGES: [string, (u: number, v: number) => number][] = [
  ["taylor", (u) => (u - 0.5) * 0.252],
  ["table", (u) => (u - 0.5) * 1.72],
  ["near pi/2", (u) => 0.85 + u * 1.6],
  ["medium", (u) => (u - 0.5) * 2e4],
  ["wide", (u, v) => (u < 0.5 ? -1 : 1) * (1 + v) * 2 ** Math.floor(u * 2 * 60 - 30)],
];

describe("sin and cos fast path", () => {
  for (const [name, make] of RANGES) {
    it(`agrees with the fused computation: ${name}`, () => {
      const next = stream(name.length * 7919);
      const wrong: string[] = [];
      for (let i = 0; i < 40000; i++) {
        const x = make(next(), next());
        if (!Object.is(sinGlibc(x), sinFused(x))) wrong.push(`sin(${x}): ${sinGlibc(x)} vs ${sinFused(x)}`);
        if (!Object.is(cosGlibc(x), cosFused(x))) wrong.push(`cos(${x}): ${cosGlibc(x)} vs ${cosFused(x)}`);
      }
      expect(wrong.slice(0, 5)).toEqual([]);
    });
  }

  it("special values", () => {
    expect(sinGlibc(0)).toBe(0);
    expect(Object.is(sinGlibc(-0), -0)).toBe(true);
    expect(cosGlibc(-0)).toBe(1);
    for (const v of [Infinity, -Infinity, NaN]) {
      expect(sinGlibc(v)).toBeNaN();
      expect(cosGlibc(v)).toBeNaN();
    }
    expect(sinGlibc(1e-300)).toBe(1e-300);
    expect(sinGlibc(Number.MAX_VALUE)).toBe(0.004961954789184062); // CPython's
    expect(cosGlibc(Number.MAX_VALUE)).toBe(-0.9999876894265599);
  });
});

describe("Payne-Hanek reduction", () => {
  it("reduces a double closest to a multiple of pi/2 to its tiny remainder", () => {
    // 6381956970095103 * 2**797 is within about 2**-61 of it of a multiple of pi/2.
    const x = 6381956970095103 * 2 ** 797;
    const a = reduceLarge(x);
    expect(Math.abs(a)).toBeLessThan(1e-18);
    expect(Math.abs(a)).toBeGreaterThan(1e-20);
    expect(Math.abs(reducedLo)).toBeLessThanOrEqual(Math.abs(a) * 2 ** -53);
  });

  it("is odd in x", () => {
    for (const x of [1e22, 3.5e100, 2 ** 1023, 123456789012345.67]) {
      const a = reduceLarge(x);
      const lo = reducedLo;
      const n = reducedQuadrant;
      expect(reduceLarge(-x)).toBe(-a);
      expect(reducedLo).toBe(-lo);
      expect(reducedQuadrant).toBe(-n & 3);
    }
  });
});

describe("glibc's reduction (branred)", () => {
  it("agrees with the exact reduction but near multiples of pi/2", () => {
    const next = stream(4242);
    for (let i = 0; i < 2000; i++) {
      const x = (next() < 0.5 ? -1 : 1) * (1 + next()) * 2 ** (27 + Math.floor(next() * 996));
      const a = reduceGlibc(x);
      const lo = reducedLo;
      const n = reducedQuadrant;
      const exact = reduceLarge(x);
      expect(n).toBe(reducedQuadrant);
      // Within about 2**-90: an absolute error, relative to the remainder it grows as it shrinks.
      expect(Math.abs(a - exact + (lo - reducedLo))).toBeLessThanOrEqual(2 ** -88);
    }
  });

  it("carries its error for the argument nearest a multiple of pi/2, as CPython's cos does", () => {
    const x = 6381956970095103 * 2 ** 797;
    const exact = reduceLarge(x);
    const glibc = reduceGlibc(x);
    expect(glibc).not.toBe(exact);
    expect(cosGlibc(x)).toBe(-4.68716592425462e-19); // CPython's (the nearest double is -4.687165924254628e-19)
  });
});
