// math, cmath and float/complex `**` against CPython bit for bit, on tens of thousands of
// generated arguments. CPython's results are in math-data.json (made by
// scripts/gen-math-data.py with python3); the arguments are drawn here from the same
// SplitMix64 stream with the same float operations, so they are the same doubles.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mathModule } from "../../../runtime/modules/math.js";
import { cmathModule } from "../../../runtime/modules/cmath.js";
import { floatPow } from "../../../runtime/values/arithmetic.js";
import { PyComplex, complexAbs, complexPow } from "../../../runtime/values/complex.js";
import { Tuple } from "../../../runtime/values/tuple.js";
import { typeName } from "../../../runtime/values/typename.js";

type Spec = [string, ...unknown[]];
interface Case {
  name: string;
  width: number;
  gens: [number, Spec[]][];
  results: string;
}

const DATA = JSON.parse(readFileSync(new URL("./math-data.json", import.meta.url), "utf8")) as { cases: Case[] };
const MASK = (1n << 64n) - 1n;
const CODES: Record<string, bigint> = {
  ValueError: 0x7ff4000000000001n,
  OverflowError: 0x7ff4000000000002n,
  ZeroDivisionError: 0x7ff4000000000003n,
  TypeError: 0x7ff4000000000004n,
};

class SplitMix {
  private state: bigint;
  constructor(seed: number) {
    this.state = BigInt(seed);
  }
  next(): bigint {
    this.state = (this.state + 0x9e3779b97f4a7c15n) & MASK;
    let z = this.state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    return z ^ (z >> 31n);
  }
  unit(): number {
    return Number(this.next() >> 11n) * 2 ** -53;
  }
}

/** The same draws as gen-math-data.py's `draw`. */
function draw(rng: SplitMix, spec: Spec): unknown {
  const n = (i: number): number => spec[i] as number;
  switch (spec[0]) {
    case "u":
      return n(1) + (n(2) - n(1)) * rng.unit();
    case "l": {
      const m = 1.0 + rng.unit();
      const e = n(1) + Math.floor(rng.unit() * (n(2) - n(1) + 1));
      let sign = n(3);
      if (sign === 0) sign = rng.unit() < 0.5 ? -1.0 : 1.0;
      return sign * (m * 2.0 ** e);
    }
    case "i":
      return Math.floor(n(1) + (n(2) - n(1)) * rng.unit());
    case "h":
      return Math.floor(n(1) + (n(2) - n(1)) * rng.unit()) + 0.5;
    case "c": {
      const re = draw(rng, spec[1] as Spec) as number;
      return new PyComplex(re, draw(rng, spec[2] as Spec) as number);
    }
    case "list":
      return Array.from({ length: n(1) }, () => draw(rng, spec[2] as Spec));
    case "m": {
      const k = Math.floor(n(1) + (n(2) - n(1)) * rng.unit());
      return k * (Math.PI / 2) + (draw(rng, ["l", n(3), n(4), 0]) as number);
    }
    case "o": {
      const m = 1.0 + rng.unit();
      const e = n(1) + Math.floor(rng.unit() * (n(2) - n(1) + 1));
      const sign = rng.unit() < 0.5 ? -1.0 : 1.0;
      return sign * (1.0 - m * 2.0 ** e);
    }
    case "any":
      return draw(rng, spec[1 + Math.floor(rng.unit() * (spec.length - 1))] as Spec);
    default:
      throw new Error(`unknown spec ${spec[0]}`);
  }
}

const M = mathModule as unknown as Record<string, (...a: unknown[]) => unknown>;
const C = cmathModule as unknown as Record<string, (...a: unknown[]) => unknown>;

function implementation(name: string): (...a: unknown[]) => unknown {
  const [mod, fn] = name.split(".") as [string, string];
  if (name === "float.__pow__") return (x, y) => floatPow(x as number, y as number);
  if (name === "complex.__abs__") return (z) => complexAbs(z as PyComplex);
  if (name === "complex.__pow__") return (a, b) => complexPow(a as PyComplex, b as PyComplex);
  const f = (mod === "math" ? M : C)[fn];
  if (typeof f !== "function") throw new Error(`no ${name}`);
  return f;
}

const view = new DataView(new ArrayBuffer(8));
function bits(x: number): bigint {
  view.setFloat64(0, x, true);
  return view.getBigUint64(0, true);
}
function fromBits(b: bigint): number {
  view.setBigUint64(0, b, true);
  return view.getFloat64(0, true);
}

function words(value: unknown, width: number): bigint[] {
  let parts: unknown[];
  if (value instanceof PyComplex) parts = [value.re, value.im];
  else if (value instanceof Tuple) parts = [...value.items];
  else parts = [value];
  if (parts.length !== width || parts.some((p) => typeof p !== "number")) throw new Error(`odd result ${String(value)}`);
  return (parts as number[]).map(bits);
}

function show(w: bigint): string {
  for (const [name, code] of Object.entries(CODES)) if (w === code) return name;
  return String(fromBits(w));
}

const same = (a: bigint, b: bigint): boolean =>
  a === b || (Number.isNaN(fromBits(a)) && Number.isNaN(fromBits(b)) && (a & 0x7ff4000000000000n) !== 0x7ff4000000000000n);

/** Calls whose result differs from CPython's, as "name(args): got X, CPython Y" lines. */
function mismatches(c: Case): { calls: number; lines: string[] } {
  const expected = Buffer.from(c.results, "base64");
  const index = DATA.cases.indexOf(c);
  const rng = new SplitMix(0x5eed0000 + index);
  const f = implementation(c.name);
  const lines: string[] = [];
  let calls = 0;
  let offset = 0;
  for (const [count, specs] of c.gens) {
    for (let k = 0; k < count; k++) {
      const args = specs.map((s) => draw(rng, s));
      let got: bigint[];
      try {
        got = words(f(...args), c.width);
      } catch (e) {
        const code = CODES[typeName(e)];
        if (code === undefined) throw e;
        got = Array(c.width).fill(code) as bigint[];
      }
      const want = Array.from({ length: c.width }, (_, i) => expected.readBigUInt64LE(offset + 8 * i));
      offset += 8 * c.width;
      calls++;
      if (!got.every((g, i) => same(g, want[i]!))) {
        const shown = args.map((a) => (a instanceof PyComplex ? `complex(${a.re}, ${a.im})` : JSON.stringify(a))).join(", ");
        lines.push(`${c.name}(${shown}): got ${got.map(show).join(", ")}, CPython ${want.map(show).join(", ")}`);
      }
    }
  }
  return { calls, lines };
}

describe("math and cmath bit for bit with CPython", () => {
  for (const c of DATA.cases) {
    it(c.name, () => {
      const { calls, lines } = mismatches(c);
      const report = process.env["MATH_BITS_REPORT"];
      if (report) console.log(`${c.name}: ${lines.length}/${calls}\n${lines.slice(0, Number(report)).join("\n")}`);
      expect(lines.slice(0, 20)).toEqual([]);
    });
  }
});
