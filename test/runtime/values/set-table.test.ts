// Sets iterate in CPython's order: random sequences of set operations on ints, floats and
// tuples run through PySet and through python3 must print the same thing at every step.
import { describe, expect, it } from "vitest";
import * as v from "../../../runtime/values/index.js";
import { FrozenSet, PySet, Tuple } from "../../../runtime/values/index.js";
import { python } from "./oracle.js";

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Step {
  py: string;
  run: (s: PySet, t: PySet) => void;
}

function randomProgram(seed: number, length: number): Step[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const steps: Step[] = [];
  for (let i = 0; i < length; i++) {
    const r = rnd();
    const n = pick([Math.floor(rnd() * 240) - 40, Math.floor(rnd() * 10) * 32, Math.floor(rnd() * 5) * 64 + 1, 2 ** (40 + Math.floor(rnd() * 30))]);
    const big = BigInt(n);
    const [fText, f] = pick([["0.5", 0.5], ["-2.5", -2.5], ["1e20", 1e20], ["3.0", 3.0]] as const);
    const tx = BigInt(Math.floor(rnd() * 5));
    const ty = BigInt(Math.floor(rnd() * 5));
    if (r < 0.4) steps.push({ py: `s.add(${big})`, run: (s) => s.add(big) });
    else if (r < 0.5) steps.push({ py: `s.discard(${big})`, run: (s) => s.delete(big) });
    else if (r < 0.55) steps.push({ py: `s.add(${fText})`, run: (s) => s.add(f) });
    else if (r < 0.65) steps.push({ py: `t.add((${tx}, ${ty}))`, run: (_s, t) => t.add(Tuple.of(tx, ty)) });
    else if (r < 0.72) steps.push({ py: "if s: s.pop()", run: (s) => void (s.size > 0 && s.pop()) });
    else if (r < 0.8) steps.push({ py: "s -= {5, 32, 7}", run: (s) => v.isub(s, PySet.ofConstants(5n, 32n, 7n)) });
    else if (r < 0.86) steps.push({ py: "s ^= {1, 2, 64}", run: (s) => v.ixor(s, PySet.ofConstants(1n, 2n, 64n)) });
    else if (r < 0.92) steps.push({ py: "s &= set(range(-20, 300)) | {2**45}", run: (s) => v.iand(s, v.bitor(v.set(v.range(-20n, 300n)), PySet.of(2n ** 45n))) });
    else steps.push({ py: "s = set(s) | t", run: () => undefined });
  }
  return steps;
}

describe("set iteration order", () => {
  for (const seed of [1, 2, 3]) {
    it(`matches CPython after every step (seed ${seed})`, () => {
      const steps = randomProgram(seed, 120);
      const lines = ["s = set()", "t = set()", "out = []"];
      for (const step of steps) lines.push(step.py, "out.append(repr(s) + ' ' + repr(t) + ' ' + str(hash(frozenset(s))))");
      lines.push("result = out");
      const [[status, expected]] = python([["exec", lines.join("\n")]]) as [[string, string[]]];
      expect(status).toBe("ok");
      let s = new PySet();
      const t = new PySet();
      steps.forEach((step, i) => {
        if (step.py === "s = set(s) | t") s = v.bitor(v.set(s), t) as PySet;
        else step.run(s, t);
        expect(`${v.repr(s)} ${v.repr(t)} ${v.pyHash(new FrozenSet(s))}`, step.py).toBe(expected[i]);
      });
    }, 60_000);
  }

  it("displays of constants, algebra and hashes print as in CPython", () => {
    const exprs = [
      "{100, 3, 19, -1, -2, 2 ** 62}",
      "{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 33, 65} ^ {9, 10, 11, 12, 40, 72}",
      "{9, 10, 11, 12, 40, 72} - {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 33, 65}",
      "hash((1, 2)), hash(()), hash((1, (2, 3), 2.5)), hash(frozenset({1, 2, 3})), hash(frozenset())",
    ];
    const got = [
      v.repr(PySet.ofConstants(100n, 3n, 19n, -1n, -2n, 2n ** 62n)),
      v.repr(v.bitxor(PySet.ofConstants(1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n, 33n, 65n), PySet.ofConstants(9n, 10n, 11n, 12n, 40n, 72n))),
      v.repr(v.sub(PySet.ofConstants(9n, 10n, 11n, 12n, 40n, 72n), PySet.ofConstants(1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n, 33n, 65n))),
      v.repr(Tuple.of(v.pyHash(Tuple.of(1n, 2n)), v.pyHash(Tuple.of()), v.pyHash(Tuple.of(1n, Tuple.of(2n, 3n), 2.5)), v.pyHash(FrozenSet.of(1n, 2n, 3n)), v.pyHash(new FrozenSet()))),
    ];
    expect(got).toEqual(python(exprs.map((e) => ["repr", e] as const)).map((o) => o[1]));
  }, 60_000);

  it("keeps str and None after the numbers, in insertion order, and refuses unhashable keys", () => {
    const s = PySet.of("b", 3n, null, "a", 1n);
    expect(v.repr(s)).toBe("{1, 3, 'b', None, 'a'}");
    expect(() => s.has([] as never)).toThrow("unhashable type: 'list'");
  });
});
