// complex against CPython: repr, arithmetic edge cases, hashing, formatting and errors.
import { describe, expect, it } from "vitest";
import * as v from "../../../runtime/values/index.js";
import { PyComplex } from "../../../runtime/values/index.js";
import { outcome, python, setErrorText } from "./oracle.js";

setErrorText((e) => v.toStr(e));
const C = (re: number, im: number) => new PyComplex(re, im);
const nan = NaN;

const cases: Array<[string, () => unknown]> = [
  ["complex(-0.0, -0.0)", () => C(-0, -0)],
  ["complex(0.0, -0.0)", () => C(0, -0)],
  ["complex(float('nan'), -float('nan'))", () => C(nan, -nan)],
  ["complex(-1e-7, 1e22)", () => C(-1e-7, 1e22)],
  ["1j * 1j", () => v.mul(C(0, 1), C(0, 1))],
  ["(1e308+1e308j) * 2", () => v.mul(C(1e308, 1e308), 2n)],
  ["(1+2j) / (1e-320+0j)", () => v.truediv(C(1, 2), C(1e-320, 0))],
  ["(3+4j) ** -2", () => v.power(C(3, 4), -2n)],
  ["(1+1j) ** 100", () => v.power(C(1, 1), 100n)],
  ["(1.5-0.5j) ** -7", () => v.power(C(1.5, -0.5), -7n)],
  ["(1+1j) ** (2+3j)", () => v.power(C(1, 1), C(2, 3))],
  ["(-2) ** 0.5", () => v.power(-2n, 0.5)],
  ["0j ** 0j", () => v.power(C(0, 0), C(0, 0))],
  ["0j ** (1+1j)", () => v.power(C(0, 0), C(1, 1))],
  ["(1e200+1e200j) ** 2", () => v.power(C(1e200, 1e200), 2n)],
  ["abs(complex(1e308, 1e308))", () => v.abs(C(1e308, 1e308))],
  ["abs(complex(float('inf'), float('nan')))", () => v.abs(C(Infinity, nan))],
  ["hash(complex(1.5, -2.25))", () => v.pyHash(C(1.5, -2.25))],
  ["hash(complex(-1, 0))", () => v.pyHash(C(-1, 0))],
  ["complex(1, 0) == 1", () => v.eq(C(1, 0), 1n)],
  ["complex(2**53 + 1, 0) == 2**53 + 1", () => v.eq(C(2 ** 53 + 1, 0), 2n ** 53n + 1n)],
  ["format(1.5-2j, '+.3g')", () => v.format(C(1.5, -2), "+.3g")],
  ["format(-0j, '')", () => v.format(C(-0, -0), "")],
  ["format(1+2j, '.0e')", () => v.format(C(1, 2), ".0e")],
  ["format(1+2j, 'd')", () => v.format(C(1, 2), "d")],
  ["format(1+2j, '=10')", () => v.format(C(1, 2), "=10")],
  ["complex('1e500j')", () => v.complex("1e500j")],
  ["complex('  +1.5-2.5J  ')", () => v.complex("  +1.5-2.5J  ")],
  ["complex('1+2j)')", () => v.complex("1+2j)")],
  ["complex('')", () => v.complex("")],
  ["complex(None)", () => v.complex(null)],
  ["complex(1, 'x')", () => v.complex(1n, "x")],
];

describe("complex matches CPython", () => {
  const expected = python(cases.map(([src]) => ["repr", src] as const));
  for (const [i, [src, compute]] of cases.entries()) {
    it(src, () => expect(outcome(compute, v.repr)).toEqual(expected[i]));
  }
});
