import { describe, expect, it } from "vitest";
import { randomModule as random } from "../../../runtime/modules/random.js";
import { kw } from "../../../runtime/values/kwargs.js";
import { repr } from "../../../runtime/values/repr.js";
import { Tuple } from "../../../runtime/values/tuple.js";
import { Range } from "../../../runtime/values/range.js";
import { pythonLines } from "./python-oracle.js";

/** Each draw printed with repr, one per line, as the Python side does. */
function lines(values: unknown[]): string[] {
  return values.map((v) => repr(v));
}

describe("random (MT19937, CPython's algorithms)", () => {
  it("seed(42): random, randint, randrange, choice, uniform, getrandbits match CPython", () => {
    const expected = pythonLines(`
import random
random.seed(42)
out = [random.random() for _ in range(5)]
out += [random.randint(1, 100) for _ in range(5)]
out += [random.randrange(10), random.randrange(5, 50, 5), random.randrange(100, 0, -7)]
out += [random.choice(['a', 'b', 'c', 'd']), random.choice((1, 2, 3)), random.choice('xyz')]
out += [random.uniform(1, 10), random.uniform(2.5, 3.5)]
out += [random.getrandbits(1), random.getrandbits(32), random.getrandbits(70), random.getrandbits(200)]
out += [random.randrange(10**30)]
for x in out: print(repr(x))`);
    random.seed(42n);
    const out: unknown[] = [];
    for (let i = 0; i < 5; i++) out.push(random.random());
    for (let i = 0; i < 5; i++) out.push(random.randint(1n, 100n));
    out.push(random.randrange(10n), random.randrange(5n, 50n, 5n), random.randrange(100n, 0n, -7n));
    out.push(random.choice(["a", "b", "c", "d"]), random.choice(Tuple.of(1n, 2n, 3n)), random.choice("xyz"));
    out.push(random.uniform(1n, 10n), random.uniform(2.5, 3.5));
    out.push(random.getrandbits(1n), random.getrandbits(32n), random.getrandbits(70n), random.getrandbits(200n));
    out.push(random.randrange(10n ** 30n));
    expect(lines(out)).toEqual(expected);
  });

  it("shuffle, sample (small and large populations, counts), choices with weights", () => {
    const expected = pythonLines(`
import random
random.seed(2024)
xs = list(range(20)); random.shuffle(xs); print(xs)
print(random.sample(range(100), 10))
print(random.sample(['a', 'b', 'c', 'd', 'e'], 3))
print(random.sample(range(10000), 30))
print(random.sample(['x', 'y'], counts=[3, 2], k=4))
print(random.choices(['r', 'g', 'b'], k=8))
print(random.choices(['r', 'g', 'b'], [10, 1, 1], k=8))
print(random.choices(['r', 'g', 'b'], cum_weights=[0.2, 0.5, 1.0], k=5))
print(random.choices([1, 2]))`);
    random.seed(2024n);
    const xs = Array.from({ length: 20 }, (_, i) => BigInt(i));
    random.shuffle(xs);
    const out = [
      xs,
      random.sample(new Range(0n, 100n, 1n), 10n),
      random.sample(["a", "b", "c", "d", "e"], 3n),
      random.sample(new Range(0n, 10000n, 1n), 30n),
      random.sample(["x", "y"], kw({ counts: [3n, 2n], k: 4n })),
      random.choices(["r", "g", "b"], kw({ k: 8n })),
      random.choices(["r", "g", "b"], [10n, 1n, 1n], kw({ k: 8n })),
      random.choices(["r", "g", "b"], kw({ cum_weights: [0.2, 0.5, 1.0], k: 5n })),
      random.choices([1n, 2n]),
    ];
    expect(lines(out)).toEqual(expected);
  });

  it("gauss pairs, str/bytes/float/negative/zero/huge seeds, Random instances", () => {
    const expected = pythonLines(`
import random
random.seed(7)
print([random.gauss(0, 1) for _ in range(5)], random.gauss(10, 2.5))
for s in ['hello', b'bytes', '', 3.14, -42, 0, 2**100 + 5, True]:
    random.seed(s); print(repr(random.random()))
r = random.Random(99); print(r.random(), r.randint(0, 9))
r.seed('abc', version=1); print(r.random())
print(random.Random('x').triangular(0, 10, 3))`);
    random.seed(7n);
    const out: string[] = [];
    const gs = [0, 1, 2, 3, 4].map(() => random.gauss(0n, 1n));
    out.push(`${repr(gs)} ${repr(random.gauss(10n, 2.5))}`);
    for (const s of ["hello", Buffer.from("bytes"), "", 3.14, -42n, 0n, 2n ** 100n + 5n, true]) {
      random.seed(s);
      out.push(repr(random.random()));
    }
    const r = random.Random(99n);
    out.push(`${repr(r.random())} ${repr(r.randint(0n, 9n))}`);
    r.seed("abc", kw({ version: 1n }));
    out.push(repr(r.random()));
    out.push(repr(new random.Random("x").triangular(0n, 10n, 3n)));
    expect(out).toEqual(expected);
  });

  it("raises CPython's errors", () => {
    expect(() => random.choice([])).toThrow("Cannot choose from an empty sequence");
    expect(() => random.randrange(0n)).toThrow("empty range for randrange()");
    expect(() => random.randint(5n, 1n)).toThrow("empty range for randrange() (5, 2, -3)");
    expect(() => random.sample([1n, 2n], 3n)).toThrow("Sample larger than population or is negative");
    expect(() => random.randrange(1.5)).toThrow("non-integer arg 1 for randrange()");
  });

  it("unseeded generators differ between instances", () => {
    const a = random.Random();
    const b = random.Random();
    expect(a.random()).not.toBe(b.random());
  });
});
