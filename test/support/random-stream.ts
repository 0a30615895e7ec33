// A deterministic stream of doubles in [0, 1) for tests that sample arguments (a 32-bit
// xorshift, two draws per double): the same seed gives the same arguments on every run.

export function stream(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  return () => (next() * 2 ** 21 + (next() >>> 11)) * 2 ** -53;
}
