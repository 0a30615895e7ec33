// The MT19937 generator and the seeding CPython's `random` module documents: an int seed's
// absolute value, split into 32-bit words (least significant first), fed to init_by_array.
// Same seed, same words, same stream as CPython.


const N = 624;
const M = 397;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const MATRIX_A = 0x9908b0df;
/** `index` of a generator to seed from entropy at its first draw (past N: the draw's refill check sees it). */
const SEED_ON_FIRST_DRAW = N + 2;

export class MersenneTwister {
  private readonly mt = new Uint32Array(N);
  private index = N + 1;

  /** Seeds from 32-bit words, as MT19937's init_by_array. */
  seedWords(key: readonly number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    const length = Math.max(1, key.length);
    for (let k = Math.max(N, length); k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + (key[j] ?? 0) + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /** Seeds from a non-negative bigint (CPython passes abs(seed)). */
  seedInt(n: bigint): void {
    const words: number[] = [];
    let rest = n < 0n ? -n : n;
    while (rest > 0n) {
      words.push(Number(rest & 0xffffffffn));
      rest >>= 32n;
    }
    if (words.length === 0) words.push(0);
    this.seedWords(words);
  }

  /** Seeds from the OS entropy source, as CPython does when given no seed. */
  seedRandom(): void {
    // Web Crypto: Node and browsers both have it as a global.
    this.seedWords(Array.from(globalThis.crypto.getRandomValues(new Uint32Array(N))));
  }

  /**
   * Seeds from entropy at the first draw or getState: random's hidden instance exists from
   * import, as CPython's, but a program that never draws pays no entropy read (Web Crypto's
   * first use costs milliseconds in Node).
   */
  seedOnFirstDraw(): void {
    this.index = SEED_ON_FIRST_DRAW;
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  private twist(): void {
    if (this.index === SEED_ON_FIRST_DRAW) this.seedRandom();
    const mt = this.mt;
    for (let k = 0; k < N; k++) {
      const y = (mt[k]! & UPPER_MASK) | (mt[(k + 1) % N]! & LOWER_MASK);
      mt[k] = mt[(k + M) % N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.index = 0;
  }

  /** The next tempered 32-bit output. */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A float in [0, 1) with 53 random bits: CPython's random(). */
  nextFloat(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /** k random bits as an int: 32-bit chunks from the least significant end. */
  bits(k: number): bigint {
    if (k <= 32) return BigInt(this.nextUint32() >>> (32 - k));
    // Words drawn least significant first; one hex parse keeps wide draws linear.
    const words: string[] = [];
    for (let left = k; left > 0; left -= 32) {
      let r = this.nextUint32();
      if (left < 32) r >>>= 32 - left;
      words.push(r.toString(16).padStart(8, "0"));
    }
    return BigInt("0x" + words.reverse().join(""));
  }

  getState(): number[] {
    if (this.index === SEED_ON_FIRST_DRAW) this.seedRandom();
    return [...this.mt, this.index];
  }

  setState(state: readonly number[]): void {
    for (let i = 0; i < N; i++) this.mt[i] = state[i]!;
    this.index = state[N]!;
  }
}
