// sorted()/list.sort() by keys JS's `<` orders (the merge sort of positions): stable, reversed
// too, as CPython's sort is; checked against a plain stable sort of (key, position) pairs.
import { describe, expect, it } from "vitest";
import { kw, sorted } from "../../../runtime/values/index.js";

/** A deterministic sequence (xorshift), so a failure repeats. */
function numbers(seed: number, count: number): number[] {
  let x = seed;
  return Array.from({ length: count }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  });
}

/** What Python's sorted gives: positions ordered by key, equal keys in their order, reverse=True included. */
function reference<K>(keys: K[], reverse: boolean): number[] {
  const less = (a: K, b: K): boolean => (reverse ? b < a : a < b);
  return keys.map((_, i) => i).sort((i, j) => (less(keys[i]!, keys[j]!) ? -1 : less(keys[j]!, keys[i]!) ? 1 : i - j));
}

const kinds: Record<string, (r: number) => unknown> = {
  float: (r) => [0, -0, 0.5, -1.25, 3.5e300, -Infinity][Math.floor(r * 6)]! + (r > 0.9 ? r : 0),
  str: (r) => ["pear", "Pear", "fig", "", "é", "apple", "apples"][Math.floor(r * 7)]!,
  bool: (r) => r > 0.5,
  bigint: (r) => (BigInt(Math.floor(r * 5)) - 2n) * 10n ** 20n,
  "int in a wide range": (r) => BigInt(Math.floor(r * 5)) * 2n ** 52n - 2n ** 53n + 1n,
};

describe("sorted by primitive keys", () => {
  for (const [kind, make] of Object.entries(kinds)) {
    for (const size of [0, 1, 2, 15, 16, 17, 33, 200, 1000]) {
      for (const reverse of [false, true]) {
        it(`${kind}, ${size} items, reverse=${reverse}`, () => {
          const keys = numbers(size * 31 + kind.length, size).map(make);
          const items = keys.map((_, i) => i);
          const got = sorted(items, kw({ key: (i: number) => keys[i], reverse }));
          expect(got).toEqual(reference(keys as (number | string)[], reverse));
        });
      }
    }
  }
});
