// Python's `random` module: CPython's algorithms on top of MT19937, so a seeded program draws
// the same numbers as under CPython (random, randrange, choice, shuffle, sample, choices, gauss).

import { nodeModule } from "../core/host.js";
import { add, mul, sub } from "../values/arithmetic.js";
import { len } from "../values/builtin-functions.js";
import { lt } from "../values/compare.js";
import { IndexError, NotImplementedError, PyTypeError, ValueError } from "../values/exceptions.js";
import { pyHash } from "../values/hashing.js";
import { iterable } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { isIntLike, toBigInt, toFloat } from "../values/numeric.js";
import { Range } from "../values/range.js";
import { PySet, FrozenSet } from "../values/set.js";
import { getitem, setitem } from "../values/subscript.js";
import { Tuple } from "../values/tuple.js";
import { Dict } from "../values/dict.js";
import { typeName } from "../values/typename.js";
import { isNone, pyClass } from "./callable-class.js";
import { builtinMethod } from "../values/builtin-type.js";
import { boundMethod, pyDef } from "../lang/functions.js";
import { MersenneTwister } from "./mersenne-twister.js";
import { moduleObject } from "./module-object.js";
import { Bytes } from "../values/bytes.js";
import { expGlibc } from "./libm-exp.js";
import { logGlibc } from "./libm-log.js";
import { cosGlibc, sinGlibc } from "./libm-sin.js";
import {
  BPF, LOG4, NV_MAGICCONST, RECIP_BPF, SG_MAGICCONST, TWOPI,
  betavariate, gammavariate, normalvariate, paretovariate, vonmisesvariate, weibullvariate,
} from "./random-distributions.js";
import { declareClassValues } from "../values/declared-attributes.js";

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** A randrange() argument as an int: ints, or integral floats (deprecated but accepted). */
function rangeInt(x: unknown, which: string): bigint {
  if (isIntLike(x)) return toBigInt(x);
  if (typeof x === "number") {
    if (Number.isInteger(x)) return BigInt(x);
    throw new ValueError(`non-integer ${which} for randrange()`);
  }
  throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
}

function asFloat(x: unknown): number {
  if (typeof x === "number" || isIntLike(x)) return toFloat(x);
  throw new PyTypeError(`must be real number, not ${typeName(x)}`);
}

/** bisect_right over numbers-or-Python-values `xs[lo:hi]`. */
function bisectRight(xs: readonly unknown[], x: unknown, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lt(x, xs[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function isSequence(x: unknown): boolean {
  return Array.isArray(x) || typeof x === "string" || x instanceof Tuple || x instanceof Range;
}

/** What the module's hidden instance is made with: seeded from entropy at its first draw. */
const SEED_LATER = Symbol("seed later");

export class Random {
  static readonly __module__ = "random";
  private readonly gen = new MersenneTwister();
  private gaussNext: number | null = null;

  constructor(x: unknown = null) {
    if (x === SEED_LATER) this.gen.seedOnFirstDraw();
    else this.seed(x);
  }

  /** seed(a=None, version=2): ints by value, str/bytes through sha512, floats by hash. */
  seed(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    let a = pos.length > 0 ? pos[0] : (kws["a"] ?? null);
    const version = pos.length > 1 ? pos[1] : (kws["version"] ?? 2n);
    if (typeof a === "string" || a instanceof Uint8Array) {
      if (version === 1n || version === 1) a = versionOneSeed(a);
      else {
        // SHA-512 synchronously: Node's crypto (Web Crypto's digest is asynchronous).
        const { createHash } = nodeModule("node:crypto");
        const { Buffer } = nodeModule("node:buffer");
        const data = typeof a === "string" ? Buffer.from(a, "utf8") : Buffer.from(a);
        const digest = createHash("sha512").update(data).digest();
        const whole = Buffer.concat([data, digest]);
        a = whole.length === 0 ? 0n : BigInt("0x" + whole.toString("hex"));
      }
    }
    if (isNone(a)) this.gen.seedRandom();
    else if (isIntLike(a)) this.gen.seedInt(toBigInt(a));
    else if (typeof a === "number") this.gen.seedInt(pyHash(a));
    else {
      throw new PyTypeError("The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
    }
    this.gaussNext = null;
    return null;
  }

  random(): number {
    return this.gen.nextFloat();
  }

  /** k > 0 random bits as an int (what getrandbits and randbelow draw). */
  protected randomBits(k: number): bigint {
    return this.gen.bits(k);
  }

  getrandbits(k: unknown): bigint {
    const n = Number(rangeInt(k, "arg 1"));
    if (n < 0) throw new ValueError("number of bits must be non-negative");
    return n === 0 ? 0n : this.randomBits(n);
  }

  /** A uniform int in [0, n), by rejection on n.bit_length() random bits. */
  private randbelow(n: bigint): bigint {
    if (n === 0n) return 0n;
    const k = bitLength(n);
    let r = this.randomBits(k);
    while (r >= n) r = this.randomBits(k);
    return r;
  }

  randrange(...args: unknown[]): bigint {
    const [pos, kws] = splitKw(args);
    const start = pos.length > 0 ? pos[0] : kws["start"];
    const stop = pos.length > 1 ? pos[1] : (kws["stop"] ?? null);
    const step = pos.length > 2 ? pos[2] : (kws["step"] ?? 1n);
    const istart = rangeInt(start, "arg 1");
    if (isNone(stop)) {
      if (step !== 1n) throw new PyTypeError("Missing a non-None stop argument");
      if (istart > 0n) return this.randbelow(istart);
      throw new ValueError("empty range for randrange()");
    }
    const istop = rangeInt(stop, "stop");
    const width = istop - istart;
    const istep = rangeInt(step, "step");
    if (istep === 1n) {
      if (width > 0n) return istart + this.randbelow(width);
      throw new ValueError(`empty range for randrange() (${istart}, ${istop}, ${width})`);
    }
    let n: bigint;
    if (istep > 0n) n = floorDiv(width + istep - 1n, istep);
    else if (istep < 0n) n = floorDiv(width + istep + 1n, istep);
    else throw new ValueError("zero step for randrange()");
    if (n <= 0n) throw new ValueError("empty range for randrange()");
    return istart + istep * this.randbelow(n);
  }

  randint(a: unknown, b: unknown): bigint {
    return this.randrange(a, add(b, 1n));
  }

  choice(seq: unknown): any {
    const n = len(seq);
    if (n === 0n) throw new IndexError("Cannot choose from an empty sequence");
    return getitem(seq, this.randbelow(n));
  }

  shuffle(x: unknown): null {
    const n = len(x);
    for (let i = n - 1n; i >= 1n; i--) {
      const j = this.randbelow(i + 1n);
      if (Array.isArray(x)) {
        const a = Number(i);
        const b = Number(j);
        [x[a], x[b]] = [x[b], x[a]];
      } else {
        const xi = getitem(x, i);
        const xj = getitem(x, j);
        setitem(x, i, xj);
        setitem(x, j, xi);
      }
    }
    return null;
  }

  sample(...args: unknown[]): any[] {
    const [pos, kws] = splitKw(args);
    const population = pos[0];
    const kArg = pos.length > 1 ? pos[1] : kws["k"];
    const counts = kws["counts"] ?? null;
    if (!isSequence(population)) {
      if (population instanceof PySet || population instanceof FrozenSet || population instanceof Dict) {
        throw new PyTypeError("Population must be a sequence.  For dicts or sets, use sorted(d).");
      }
      if (typeof (population as { __getitem__?: unknown } | null)?.__getitem__ !== "function") {
        throw new PyTypeError("Population must be a sequence.  For dicts or sets, use sorted(d).");
      }
    }
    if (kArg === undefined) throw new PyTypeError("Random.sample() missing 1 required positional argument: 'k'");
    const n = Number(len(population));
    if (!isNone(counts)) {
      const cum: unknown[] = [];
      let total: unknown = 0n;
      for (const c of iterable(counts)) cum.push((total = cum.length === 0 ? c : add(total, c)));
      if (cum.length !== n) throw new ValueError("The number of counts does not match the population");
      total = cum.pop();
      if (!isIntLike(total)) throw new PyTypeError("Counts must be integers");
      if (toBigInt(total) <= 0n) throw new ValueError("Total of counts must be greater than zero");
      const picks = this.sample(new Range(0n, toBigInt(total), 1n), kArg);
      return picks.map((s) => getitem(population, BigInt(bisectRight(cum, s, 0, cum.length))));
    }
    const k = Number(rangeInt(kArg, "k"));
    if (!(0 <= k && k <= n)) throw new ValueError("Sample larger than population or is negative");
    const result: unknown[] = new Array(k).fill(null);
    let setsize = 21;
    if (k > 5) setsize += 4 ** Math.ceil(logGlibc(k * 3) / logGlibc(4));
    if (n <= setsize) {
      const pool = Array.from(iterable(population));
      for (let i = 0; i < k; i++) {
        const j = Number(this.randbelow(BigInt(n - i)));
        result[i] = pool[j];
        pool[j] = pool[n - i - 1];
      }
    } else {
      const selected = new Set<bigint>();
      for (let i = 0; i < k; i++) {
        let j = this.randbelow(BigInt(n));
        while (selected.has(j)) j = this.randbelow(BigInt(n));
        selected.add(j);
        result[i] = getitem(population, j);
      }
    }
    return result;
  }

  choices(...args: unknown[]): any[] {
    const [pos, kws] = splitKw(args);
    const population = pos[0];
    const weights = pos.length > 1 ? pos[1] : (kws["weights"] ?? null);
    let cumWeights = kws["cum_weights"] ?? null;
    const k = Number(rangeInt(kws["k"] ?? 1n, "k"));
    const n = Number(len(population));
    const out: unknown[] = [];
    if (isNone(cumWeights)) {
      if (isNone(weights)) {
        for (let i = 0; i < k; i++) out.push(getitem(population, BigInt(Math.floor(this.random() * n))));
        return out;
      }
      if (isIntLike(weights)) {
        throw new PyTypeError(`The number of choices must be a keyword argument: k=${toBigInt(weights)}`);
      }
      const cum: unknown[] = [];
      for (const w of iterable(weights)) cum.push(cum.length === 0 ? w : add(cum[cum.length - 1], w));
      cumWeights = cum;
    } else if (!isNone(weights)) {
      throw new PyTypeError("Cannot specify both weights and cumulative weights");
    }
    const cum = Array.from(iterable(cumWeights));
    if (cum.length !== n) throw new ValueError("The number of weights does not match the population");
    const total = asFloat(cum[cum.length - 1]);
    if (total <= 0.0) throw new ValueError("Total of weights must be greater than zero");
    if (!Number.isFinite(total)) throw new ValueError("Total of weights must be finite");
    for (let i = 0; i < k; i++) {
      out.push(getitem(population, BigInt(bisectRight(cum, this.random() * total, 0, n - 1))));
    }
    return out;
  }

  uniform(a: unknown, b: unknown): any {
    return add(a, mul(sub(b, a), this.random()));
  }

  triangular(low: unknown = 0.0, high: unknown = 1.0, mode: unknown = null): number {
    let u = this.random();
    let lo = asFloat(low);
    let hi = asFloat(high);
    let c: number;
    if (isNone(mode)) c = 0.5;
    else if (hi === lo) return lo;
    else c = (asFloat(mode) - lo) / (hi - lo);
    if (u > c) {
      u = 1.0 - u;
      c = 1.0 - c;
      [lo, hi] = [hi, lo];
    }
    return lo + (hi - lo) * Math.sqrt(u * c);
  }

  gauss(mu: unknown = 0.0, sigma: unknown = 1.0): number {
    let z = this.gaussNext;
    this.gaussNext = null;
    if (z === null) {
      const x2pi = this.random() * 2 * Math.PI;
      const g2rad = Math.sqrt(-2.0 * logGlibc(1.0 - this.random()));
      z = cosGlibc(x2pi) * g2rad;
      this.gaussNext = sinGlibc(x2pi) * g2rad;
    }
    return asFloat(mu) + z * asFloat(sigma);
  }

  normalvariate(mu: unknown = 0.0, sigma: unknown = 1.0): number {
    return normalvariate(this, asFloat(mu), asFloat(sigma));
  }

  lognormvariate(mu: unknown, sigma: unknown): number {
    return expGlibc(normalvariate(this, asFloat(mu), asFloat(sigma)));
  }

  vonmisesvariate(mu: unknown, kappa: unknown): number {
    return vonmisesvariate(this, asFloat(mu), asFloat(kappa));
  }

  gammavariate(alpha: unknown, beta: unknown): number {
    return gammavariate(this, asFloat(alpha), asFloat(beta));
  }

  betavariate(alpha: unknown, beta: unknown): number {
    return betavariate(this, asFloat(alpha), asFloat(beta));
  }

  paretovariate(alpha: unknown): number {
    return paretovariate(this, asFloat(alpha));
  }

  weibullvariate(alpha: unknown, beta: unknown): number {
    return weibullvariate(this, asFloat(alpha), asFloat(beta));
  }

  /** n random bytes: getrandbits(n * 8) in little-endian order. */
  randbytes(n: unknown): Bytes {
    const count = Number(rangeInt(n, "arg 1"));
    if (count < 0) throw new ValueError("number of bits must be non-negative");
    // getrandbits(n * 8).to_bytes(n, "little"), read from the hex digits (linear in n)
    const hex = this.getrandbits(BigInt(count * 8)).toString(16).padStart(count * 2, "0");
    const out = new Bytes(count);
    for (let i = 0; i < count; i++) out[i] = parseInt(hex.slice(hex.length - 2 * i - 2, hex.length - 2 * i), 16);
    return out;
  }

  expovariate(lambd: unknown): number {
    return -logGlibc(1.0 - this.random()) / asFloat(lambd);
  }

  getstate(): Tuple {
    return Tuple.from<unknown>([3n, Tuple.from(this.gen.getState().map(BigInt)), this.gaussNext]);
  }

  setstate(state: unknown): null {
    const [, words, gaussNext] = (state as Tuple).items;
    this.gen.setState((words as Tuple).items.map((w) => Number(w)));
    this.gaussNext = (gaussNext as number | null) ?? null;
    return null;
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

/** The version=1 string hash CPython kept for reproducing old sequences. */
function versionOneSeed(a: string | Uint8Array): bigint {
  const text = typeof a === "string" ? a : Array.from(a, (byte) => String.fromCharCode(byte)).join("");
  const codes = Array.from(text, (c) => BigInt(c.codePointAt(0)!));
  let x = codes.length > 0 ? codes[0]! << 7n : 0n;
  for (const c of codes) x = ((1000003n * x) ^ c) & 0xffffffffffffffffn;
  x ^= BigInt(codes.length);
  return x === -1n ? -2n : x;
}

/** os.urandom(n) as an int, big-endian (int.from_bytes's default order). */
function urandomInt(count: number): bigint {
  const { randomBytes } = nodeModule("node:crypto");
  const bytes = randomBytes(count) as Uint8Array;
  let x = 0n;
  for (const byte of bytes) x = (x << 8n) | BigInt(byte);
  return x;
}

/** `random.SystemRandom`: Random's methods drawing from the OS's entropy source, without state. */
export class SystemRandom extends Random {
  static override readonly __module__ = "random";

  override random(): number {
    return Number(urandomInt(7) >> 3n) * RECIP_BPF;
  }

  protected override randomBits(k: number): bigint {
    const count = Math.ceil(k / 8);
    return urandomInt(count) >> BigInt(count * 8 - k);
  }

  override randbytes(n: unknown): Bytes {
    const count = Number(rangeInt(n, "arg 1"));
    if (count < 0) throw new ValueError("negative argument not allowed");
    const { randomBytes } = nodeModule("node:crypto");
    return Bytes.fromArray(randomBytes(count) as Uint8Array);
  }

  override seed(..._args: unknown[]): null {
    return null;
  }

  override getstate(): Tuple {
    throw new NotImplementedError("System entropy source does not have state.");
  }

  override setstate(_state: unknown): null {
    throw new NotImplementedError("System entropy source does not have state.");
  }
}

/**
 * The hidden instance behind the module's functions (CPython's `random._inst`): made at
 * import, seeded from OS entropy at its first draw (a program that never draws a number pays
 * no entropy read at start-up).
 */
const shared = new Random(SEED_LATER);

export function sharedRandom(): Random {
  return shared;
}

// Signatures of the methods with fixed parameters (as CPython 3.11's random.py declares them):
// calls through a bound method (`random.randint(a=1, b=6)`, `random.randint(1)`) are bound
// and checked with CPython's messages.
const SIGNATURES: Partial<Record<keyof Random, readonly string[]>> = {
  randint: ["self", "a", "b"],
  choice: ["self", "seq"],
  shuffle: ["self", "x"],
  uniform: ["self", "a", "b"],
  triangular: ["self", "low=", "high=", "mode="],
  gauss: ["self", "mu=", "sigma="],
  normalvariate: ["self", "mu=", "sigma="],
  lognormvariate: ["self", "mu", "sigma"],
  vonmisesvariate: ["self", "mu", "kappa"],
  gammavariate: ["self", "alpha", "beta"],
  betavariate: ["self", "alpha", "beta"],
  paretovariate: ["self", "alpha"],
  weibullvariate: ["self", "alpha", "beta"],
  randbytes: ["self", "n"],
  expovariate: ["self", "lambd"],
  getstate: ["self"],
  setstate: ["self", "state"],
};
for (const [name, spec] of Object.entries(SIGNATURES)) pyDef(Random.prototype[name as keyof Random] as Function, `Random.${name}`, spec, { method: true });

/** Methods CPython's `_random.Random` implements in C: built-in methods (`<built-in method random of Random object>`). */
const C_METHODS = new Set<string>(["random", "getrandbits"]);

/**
 * `random.randint`: the hidden instance's bound method, as CPython's module binds them (typed
 * loosely: a call through it binds keywords and checks its arguments at run time).
 */
function bound(name: keyof Random): (...args: any[]) => any {
  const method = Random.prototype[name] as unknown as (...a: unknown[]) => unknown;
  if (C_METHODS.has(name)) return builtinMethod(method.bind(shared), name, shared, method);
  return boundMethod(shared, method, Random);
}

/** The `random` module: functions bound to one hidden, entropy-seeded Random instance. */
export const randomModule = moduleObject("random", {
  _inst: shared,
  Random: pyClass(Random),
  SystemRandom: pyClass(SystemRandom),
  seed: bound("seed"),
  random: bound("random"),
  getrandbits: bound("getrandbits"),
  randrange: bound("randrange"),
  randint: bound("randint"),
  choice: bound("choice"),
  shuffle: bound("shuffle"),
  sample: bound("sample"),
  choices: bound("choices"),
  uniform: bound("uniform"),
  triangular: bound("triangular"),
  gauss: bound("gauss"),
  expovariate: bound("expovariate"),
  normalvariate: bound("normalvariate"),
  lognormvariate: bound("lognormvariate"),
  vonmisesvariate: bound("vonmisesvariate"),
  gammavariate: bound("gammavariate"),
  betavariate: bound("betavariate"),
  paretovariate: bound("paretovariate"),
  weibullvariate: bound("weibullvariate"),
  randbytes: bound("randbytes"),
  NV_MAGICCONST,
  TWOPI,
  LOG4,
  SG_MAGICCONST,
  BPF,
  RECIP_BPF,
  getstate: bound("getstate"),
  setstate: bound("setstate"),
});

// (`random.Random.VERSION`: the version of the state `getstate()` returns)
declareClassValues(Random, { VERSION: 3n });
