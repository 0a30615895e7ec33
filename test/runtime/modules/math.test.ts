import { describe, expect, it } from "vitest";
import { mathModule as math } from "../../../runtime/modules/math.js";
import { kw } from "../../../runtime/values/kwargs.js";
import { repr, toStr } from "../../../runtime/values/repr.js";
import { typeName } from "../../../runtime/values/typename.js";
import { pythonLines } from "./python-oracle.js";

type Case = [python: string, run: () => unknown];

const M = math as unknown as Record<string, (...a: unknown[]) => unknown>;

/** Python expression text and the same call here; outcomes compared as repr or `Error: msg`. */
const CASES: Case[] = [
  ["math.pi, math.e, math.tau, math.inf, -math.inf", () => [math.pi, math.e, math.tau, math.inf, -math.inf]],
  ["math.sqrt(2), math.sqrt(16), math.sqrt(10**20)", () => [M.sqrt!(2n), M.sqrt!(16n), M.sqrt!(10n ** 20n)]],
  ["math.floor(2.7), math.floor(-2.5), math.ceil(2.1), math.ceil(-2.1), math.trunc(-3.9), math.floor(5)", () => [math.floor(2.7), math.floor(-2.5), math.ceil(2.1), math.ceil(-2.1), math.trunc(-3.9), math.floor(5n)]],
  ["math.fabs(-3), math.gcd(12, 18), math.gcd(), math.gcd(0, -4, 6), math.lcm(4, 6, 10), math.lcm()", () => [math.fabs(-3n), math.gcd(12n, 18n), math.gcd(), math.gcd(0n, -4n, 6n), math.lcm(4n, 6n, 10n), math.lcm()]],
  ["math.factorial(20), math.factorial(0), math.isqrt(10**30 + 5), math.isqrt(15)", () => [math.factorial(20n), math.factorial(0n), math.isqrt(10n ** 30n + 5n), math.isqrt(15n)]],
  ["math.comb(50, 7), math.comb(3, 5), math.perm(5, 2), math.perm(4)", () => [math.comb(50n, 7n), math.comb(3n, 5n), math.perm(5n, 2n), math.perm(4n)]],
  ["math.pow(2, 10), math.pow(2.5, -1), math.pow(1, math.nan), math.exp(1), math.exp(-1.5)", () => [math.pow(2n, 10n), math.pow(2.5, -1n), math.pow(1n, NaN), M.exp!(1n), M.exp!(-1.5)]],
  ["math.log(math.e), math.log(8, 2), math.log(100, 10), math.log(10**400), math.log2(1024), math.log10(0.001), math.log1p(1e-10)", () => [math.log(Math.E), math.log(8n, 2n), math.log(100n, 10n), math.log(10n ** 400n), math.log2(1024n), math.log10(0.001), M.log1p!(1e-10)]],
  ["math.sin(1), math.cos(1), math.tan(0.5), math.asin(0.5), math.acos(0.5), math.atan(1), math.atan2(1, -1)", () => [M.sin!(1n), M.cos!(1n), M.tan!(0.5), M.asin!(0.5), M.acos!(0.5), M.atan!(1n), math.atan2(1n, -1n)]],
  ["math.hypot(3, 4), math.hypot(1, 2, 3), math.degrees(math.pi / 3), math.radians(90), math.dist((0, 0), (3, 4))", () => [math.hypot(3n, 4n), math.hypot(1n, 2n, 3n), math.degrees(Math.PI / 3), math.radians(90n), math.dist([0n, 0n], [3n, 4n])]],
  ["math.isclose(0.1 + 0.2, 0.3), math.isclose(1, 1.1), math.isclose(1, 1.05, rel_tol=0.1), math.isfinite(1e308), math.isinf(-math.inf), math.isnan(math.nan)", () => [math.isclose(0.1 + 0.2, 0.3), math.isclose(1n, 1.1), math.isclose(1n, 1.05, kw({ rel_tol: 0.1 })), math.isfinite(1e308), math.isinf(-Infinity), math.isnan(NaN)]],
  ["math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100]), math.fsum([])", () => [math.fsum(Array(10).fill(0.1)), 0.1 * 0 + [...Array(10)].reduce((a: number) => a + 0.1, 0), math.fsum([1e100, 1.0, -1e100, 1e-100]), math.fsum([])]],
  ["math.prod([1, 2, 3, 4]), math.prod([1.5, 2]), math.prod([], start=7), math.copysign(3, -0.0), math.fmod(7, -3), math.fmod(-7.5, 2)", () => [math.prod([1n, 2n, 3n, 4n]), math.prod([1.5, 2n]), math.prod([], kw({ start: 7n })), math.copysign(3n, -0), math.fmod(7n, -3n), math.fmod(-7.5, 2n)]],
  ["math.modf(3.25), math.modf(-3.0), math.modf(math.inf), math.frexp(8.0), math.frexp(-0.3), math.frexp(5e-324), math.ldexp(0.5, 4), math.ldexp(1.0, -1074)", () => [math.modf(3.25), math.modf(-3.0), math.modf(Infinity), math.frexp(8.0), math.frexp(-0.3), math.frexp(5e-324), math.ldexp(0.5, 4n), math.ldexp(1.0, -1074n)]],
  ["math.sqrt(-1)", () => M.sqrt!(-1n)],
  ["math.log(0)", () => math.log(0n)],
  ["math.log(1, 1)", () => math.log(1n, 1n)],
  ["math.acos(2)", () => M.acos!(2n)],
  ["math.exp(1000)", () => M.exp!(1000n)],
  ["math.factorial(-1)", () => math.factorial(-1n)],
  ["math.factorial(2.0)", () => math.factorial(2.0)],
  ["math.isqrt(-1)", () => math.isqrt(-1n)],
  ["math.floor(math.inf)", () => math.floor(Infinity)],
  ["math.floor(math.nan)", () => math.floor(NaN)],
  ["math.comb(-1, 2)", () => math.comb(-1n, 2n)],
  ["math.fmod(1, 0)", () => math.fmod(1n, 0n)],
  ["math.pow(0, -1)", () => math.pow(0n, -1n)],
  ["math.pow(-8, 1/3)", () => math.pow(-8n, 1 / 3)],
  ["math.sqrt('a')", () => M.sqrt!("a")],
  ["math.ldexp(1.0, 2000)", () => math.ldexp(1.0, 2000n)],
];

function outcome(run: () => unknown): string {
  try {
    const v = run();
    return (Array.isArray(v) ? v : [v]).map(repr).join(" ");
  } catch (e) {
    return `${typeName(e)}: ${toStr(e)}`;
  }
}

describe("math", () => {
  it("values and errors match CPython", () => {
    const script = [
      "import math",
      "def show(f):",
      "    try:",
      "        print(' '.join(map(repr, f())))",
      "    except Exception as e:",
      "        print(f'{type(e).__name__}: {e}')",
      ...CASES.map(([py]) => `show(lambda: [${py}])`),
    ].join("\n");
    const expected = pythonLines(script);
    expect(CASES.map(([, run]) => outcome(run))).toEqual(expected);
  });
});

describe("math.hypot / fsum precision", () => {
  it("agree with CPython on 300 random inputs", () => {
    const lines = pythonLines(`
import math, random
random.seed(5)
for _ in range(300):
    xs = [random.uniform(-1e3, 1e3) * 10 ** random.randint(-5, 5) for _ in range(random.randint(2, 5))]
    print(' '.join(map(repr, xs)), '|', repr(math.hypot(*xs)), repr(math.fsum(xs)))`);
    const mismatches = lines.filter((line) => {
      const [inputs, results] = line.split(" | ") as [string, string];
      const xs = inputs.split(" ").map(Number);
      return `${repr(math.hypot(...xs))} ${repr(math.fsum(xs))}` !== results;
    });
    expect(mismatches).toEqual([]);
  });
});
