// Python's `math` module: float functions with CPython's domain/range errors, and the exact
// integer functions (floor/ceil return int, gcd, lcm, factorial, isqrt, comb, perm) on bigint.

import { mul, toFloatChecked } from "../values/arithmetic.js";
import { log1pGlibc } from "./libm-log1p.js";
import { OverflowError, PyTypeError, ValueError, ZeroDivisionError } from "../values/exceptions.js";
import { iterable } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { Tuple } from "../values/tuple.js";
import { holdsDunders, typeName } from "../values/typename.js";
import { moduleObject } from "./module-object.js";
import { builtinFunction } from "../values/builtin-type.js";
import { cbrtNumber, nextafter, remainder, ulp } from "./math-special.js";
import { erf, erfc, gamma, lgamma } from "./math-gamma.js";
import { exp2Glibc, expGlibc, powGlibc } from "./libm-exp.js";
import { logGlibc } from "./libm-log.js";
import { expm1Glibc } from "./libm-expm1.js";
import { tanGlibc } from "./libm-tan.js";
import { acosGlibc, asinGlibc } from "./libm-asin.js";
import { cosGlibc, sinGlibc } from "./libm-sin.js";
import { atan2Glibc, atanGlibc } from "./libm-atan2.js";
import { acoshGlibc, asinhGlibc, coshGlibc, sinhGlibc, tanhGlibc } from "./libm-hyper.js";

export const domainError = (): ValueError => new ValueError("math domain error");
const rangeError = (): OverflowError => new OverflowError("math range error");

/** A float argument: int, bool, float, or an object with __float__ / __index__. */
export function real(x: unknown): number {
  if (typeof x === "number") return x;
  if (isIntLike(x)) return toFloatChecked(x);
  const obj = x as { __float__?: () => unknown; __index__?: () => unknown } | null;
  if (obj !== null && typeof obj === "object") {
    if (typeof obj.__float__ === "function") return real(obj.__float__());
    if (typeof obj.__index__ === "function") return real(obj.__index__());
  }
  throw new PyTypeError(`must be real number, not ${typeName(x)}`);
}

/** An integer argument (floats refused, as in CPython 3.10+). */
function integer(x: unknown): bigint {
  if (isIntLike(x)) return toBigInt(x);
  const index = (x as { __index__?: () => unknown } | null)?.__index__;
  if (x !== null && typeof x === "object" && typeof index === "function") return integer(index.call(x));
  throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
}

/** Wraps a libm-style function with CPython's error mapping (NaN from non-NaN: domain; inf from finite: range). */
function unary(f: (x: number) => number, overflowIsDomain = false): (x: unknown) => number {
  return (x: unknown) => {
    const v = real(x);
    const r = f(v);
    if (Number.isNaN(r) && !Number.isNaN(v)) throw domainError();
    if (!Number.isFinite(r) && Number.isFinite(v) && !Number.isNaN(r)) throw overflowIsDomain ? domainError() : rangeError();
    return r;
  };
}

function toIntegral(x: unknown, hook: "__floor__" | "__ceil__" | "__trunc__", f: (v: number) => number): bigint {
  if (isIntLike(x)) return toBigInt(x);
  if (typeof x === "number") {
    if (Number.isNaN(x)) throw new ValueError("cannot convert float NaN to integer");
    if (!Number.isFinite(x)) throw new OverflowError("cannot convert float infinity to integer");
    return BigInt(f(x));
  }
  const m = (x as Record<string, unknown> | null)?.[hook];
  if (holdsDunders(x) && typeof m === "function") return (m as () => bigint).call(x);
  if (hook === "__trunc__") throw new PyTypeError(`type ${typeName(x)} doesn't define __trunc__ method`);
  return BigInt(f(real(x)));
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : (n < 0n ? -n : n).toString(2).length;
}

/** func(log) of a positive int of any size as CPython's loghelper: func(x) + func(2)*e for n = x*2**e. */
function logOfInt(n: bigint, func: (x: number) => number): number {
  if (n <= 0n) throw domainError();
  const f = Number(n);
  if (Number.isFinite(f)) return func(f);
  // x = n / 2**e in [0.5, 1), rounded to 53 bits once (a sticky bit for the dropped ones).
  const e = bitLength(n);
  const shift = BigInt(e - 64);
  let top = n >> shift;
  if (top << shift !== n) top |= 1n;
  return func(Number(top) * 2 ** -64) + func(2.0) * e;
}

function logInt(n: bigint): number {
  return logOfInt(n, logGlibc);
}

function naturalLog(x: unknown): number {
  if (isIntLike(x)) return logInt(toBigInt(x));
  const v = real(x);
  if (v <= 0) throw domainError();
  return v === Infinity || Number.isNaN(v) ? v : logGlibc(v);
}

function log(x: unknown, base: unknown = undefined): number {
  const num = naturalLog(x);
  if (base === undefined || base === null) return num;
  const den = naturalLog(base);
  if (den === 0) throw new ZeroDivisionError("float division by zero");
  return num / den;
}

function log2(x: unknown): number {
  if (isIntLike(x) && toBigInt(x) > 0n && !Number.isFinite(Number(toBigInt(x)))) return logOfInt(toBigInt(x), Math.log2);
  const v = real(x);
  if (v <= 0) throw domainError();
  return Math.log2(v);
}

function log10(x: unknown): number {
  if (isIntLike(x) && toBigInt(x) > 0n && !Number.isFinite(Number(toBigInt(x)))) return logOfInt(toBigInt(x), Math.log10);
  const v = real(x);
  if (v <= 0) throw domainError();
  return Math.log10(v);
}

function isqrt(n: unknown): bigint {
  const v = integer(n);
  if (v < 0n) throw new ValueError("isqrt() argument must be nonnegative");
  if (v < 2n) return v;
  let x = 1n << BigInt(Math.ceil(bitLength(v) / 2));
  for (;;) {
    const y = (x + v / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

function factorial(n: unknown): bigint {
  const v = integer(n);
  if (v < 0n) throw new ValueError("factorial() not defined for negative values");
  let r = 1n;
  for (let i = 2n; i <= v; i++) r *= i;
  return r;
}

function gcd2(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

function gcd(...args: unknown[]): bigint {
  return args.map(integer).reduce(gcd2, 0n);
}

function lcm(...args: unknown[]): bigint {
  return args.map(integer).reduce((a, b) => {
    if (a === 0n || b === 0n) return 0n;
    const r = (a / gcd2(a, b)) * b;
    return r < 0n ? -r : r;
  }, 1n);
}

function perm(n: unknown, k: unknown = null): bigint {
  const nv = integer(n);
  if (nv < 0n) throw new ValueError("n must be a non-negative integer");
  if (k === null || k === undefined) return factorial(nv);
  const kv = integer(k);
  if (kv < 0n) throw new ValueError("k must be a non-negative integer");
  if (kv > nv) return 0n;
  let r = 1n;
  for (let i = nv - kv + 1n; i <= nv; i++) r *= i;
  return r;
}

function comb(n: unknown, k: unknown): bigint {
  const nv = integer(n);
  const kv0 = integer(k);
  if (nv < 0n) throw new ValueError("n must be a non-negative integer");
  if (kv0 < 0n) throw new ValueError("k must be a non-negative integer");
  if (kv0 > nv) return 0n;
  const kv = kv0 < nv - kv0 ? kv0 : nv - kv0;
  let r = 1n;
  for (let i = 1n; i <= kv; i++) r = (r * (nv - kv + i)) / i;
  return r;
}

function pow(x: unknown, y: unknown): number {
  const a = real(x);
  const b = real(y);
  // C99 Annex F cases where JS differs: 1**y and x**0 are 1 even for NaN; (-1)**inf is 1.
  if (a === 1 || b === 0) return 1;
  if (a === -1 && !Number.isFinite(b) && !Number.isNaN(b)) return 1;
  if (a === 0 && b < 0) throw domainError();
  if (a < 0 && Number.isFinite(a) && Number.isFinite(b) && !Number.isInteger(b)) throw domainError();
  const r = powGlibc(a, b);
  if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b)) throw rangeError();
  return r;
}

function fmod(x: unknown, y: unknown): number {
  const a = real(x);
  const b = real(y);
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (!Number.isFinite(a) || b === 0) throw domainError();
  if (!Number.isFinite(b)) return a;
  return a % b;
}

function signedZero(like: number): number {
  return like < 0 || Object.is(like, -0) ? -0 : 0;
}

/** C's modf: both parts carry x's sign (modf(-3.0) is (-0.0, -3.0)). */
function modf(x: unknown): Tuple<number> {
  const v = real(x);
  if (Number.isNaN(v)) return Tuple.of(v, v);
  if (!Number.isFinite(v)) return Tuple.of(signedZero(v), v);
  const whole = Math.trunc(v);
  const frac = v - whole;
  return Tuple.of(frac === 0 ? signedZero(v) : frac, whole);
}

function frexp(x: unknown): Tuple<unknown> {
  const v = real(x);
  if (v === 0 || !Number.isFinite(v)) return Tuple.from<unknown>([v, 0n]);
  let e = Math.floor(Math.log2(Math.abs(v))) + 1;
  let m = v * 2 ** Math.trunc(-e / 2) * 2 ** (-e - Math.trunc(-e / 2));
  while (Math.abs(m) < 0.5) {
    m *= 2;
    e--;
  }
  while (Math.abs(m) >= 1) {
    m /= 2;
    e++;
  }
  return Tuple.from<unknown>([m, BigInt(e)]);
}

function ldexp(x: unknown, i: unknown): number {
  const v = real(x);
  let e = Number(integer(i));
  if (v === 0 || !Number.isFinite(v)) return v;
  let r = v;
  while (e > 1000) {
    r *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    r *= 2 ** -1000;
    e += 1000;
  }
  r *= 2 ** e;
  if (!Number.isFinite(r)) throw rangeError();
  return r;
}

/** Exact float summation (Shewchuk's partials), correctly rounded like CPython's fsum. */
function fsum(xs: unknown): number {
  const partials: number[] = [];
  let special = 0;
  let infSum = 0;
  for (const item of iterable(xs)) {
    let x = real(item);
    if (!Number.isFinite(x)) {
      if (Number.isNaN(x)) special = NaN;
      else infSum += x;
      continue;
    }
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
    if (!Number.isFinite(x)) throw new OverflowError("intermediate overflow in fsum");
  }
  if (Number.isNaN(special) || Number.isNaN(infSum)) {
    if (Number.isNaN(infSum) && !Number.isNaN(special)) throw new ValueError("-inf + inf in fsum");
    return NaN;
  }
  if (infSum !== 0) return infSum;
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n]!;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // Half-way cases: the remaining partials decide the rounding direction.
  if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

function prod(...args: unknown[]): any {
  const [pos, kws] = splitKw(args);
  let total = kws["start"] ?? 1n;
  for (const x of iterable(pos[0])) total = mul(total, x);
  return total;
}

function isclose(...args: unknown[]): boolean {
  const [pos, kws] = splitKw(args);
  const a = real(pos[0]);
  const b = real(pos[1]);
  const relTol = real(kws["rel_tol"] ?? 1e-9);
  const absTol = real(kws["abs_tol"] ?? 0.0);
  if (relTol < 0 || absTol < 0) throw new ValueError("tolerances must be non-negative");
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const diff = Math.abs(b - a);
  return diff <= Math.abs(relTol * b) || diff <= Math.abs(relTol * a) || diff <= absTol;
}

/** a*a as an exact sum hi + lo (Dekker's product). */
function exactSquare(a: number): [number, number] {
  const c = 134217729 * a;
  const ah = c - (c - a);
  const al = a - ah;
  const p = a * a;
  return [p, ah * ah - p + 2 * ah * al + al * al];
}

/** Euclidean norm, rounded as closely as CPython's (exact sum of squares, corrected sqrt). */
function norm(values: number[]): number {
  let max = 0;
  let nan = false;
  for (const v of values) {
    if (v === Infinity || v === -Infinity) return Infinity;
    if (Number.isNaN(v)) nan = true;
    else max = Math.max(max, Math.abs(v));
  }
  if (nan) return NaN;
  if (max === 0 || values.length === 1) return max;
  const exp = Number((frexp(max).items[1] as bigint));
  const scale = 2 ** -exp;
  const parts: number[] = [];
  for (const v of values) parts.push(...exactSquare(v * scale));
  const sum = fsum(parts);
  let h = Math.sqrt(sum);
  const [hh, hl] = exactSquare(h);
  h += fsum([...parts, -hh, -hl]) / (2 * h);
  return h / scale;
}

export function hypot(...coords: unknown[]): number {
  return norm(coords.map(real));
}

function dist(p: unknown, q: unknown): number {
  const a = Array.from(iterable(p), real);
  const b = Array.from(iterable(q), real);
  if (a.length !== b.length) throw new ValueError("both points must have the same number of dimensions");
  return norm(a.map((x, i) => x - b[i]!));
}

const DEG_TO_RAD = Math.PI / 180.0;
const RAD_TO_DEG = 180.0 / Math.PI;

export const mathModule = moduleObject("math", {
  pi: Math.PI,
  e: Math.E,
  tau: 2 * Math.PI,
  inf: Infinity,
  nan: NaN,
  sqrt: unary(Math.sqrt),
  cbrt: unary(cbrtNumber),
  exp: unary(expGlibc),
  exp2: unary(exp2Glibc),
  expm1: unary(expm1Glibc),
  log,
  log2,
  log10,
  log1p: unary((x) => (x <= -1 ? NaN : log1pGlibc(x)), true),
  sin: unary(sinGlibc),
  cos: unary(cosGlibc),
  tan: unary(tanGlibc),
  asin: unary(asinGlibc),
  acos: unary(acosGlibc),
  atan: unary(atanGlibc),
  atan2: (y: unknown, x: unknown): number => atan2Glibc(real(y), real(x)),
  sinh: unary(sinhGlibc),
  cosh: unary(coshGlibc),
  tanh: unary(tanhGlibc),
  asinh: unary((x) => asinhGlibc(x, logGlibc)),
  acosh: unary((x) => acoshGlibc(x, logGlibc)),
  atanh: unary((x) => (Math.abs(x) >= 1 ? NaN : Math.atanh(x))),
  floor: (x: unknown): bigint => toIntegral(x, "__floor__", Math.floor),
  ceil: (x: unknown): bigint => toIntegral(x, "__ceil__", Math.ceil),
  trunc: (x: unknown): bigint => toIntegral(x, "__trunc__", Math.trunc),
  fabs: (x: unknown): number => Math.abs(real(x)),
  copysign: (x: unknown, y: unknown): number => {
    const a = Math.abs(real(x));
    const b = real(y);
    return b < 0 || Object.is(b, -0) ? -a : a;
  },
  fmod,
  modf,
  frexp,
  ldexp,
  pow,
  gcd,
  lcm,
  factorial,
  isqrt,
  comb,
  perm,
  hypot,
  dist,
  degrees: (x: unknown): number => real(x) * RAD_TO_DEG,
  radians: (x: unknown): number => real(x) * DEG_TO_RAD,
  isclose,
  isfinite: (x: unknown): boolean => Number.isFinite(real(x)),
  isinf: (x: unknown): boolean => {
    const v = real(x);
    return v === Infinity || v === -Infinity;
  },
  isnan: (x: unknown): boolean => Number.isNaN(real(x)),
  fsum,
  prod,
  nextafter,
  ulp,
  remainder,
  gamma,
  lgamma,
  erf,
  erfc,
});

// math's functions are C functions in CPython: `<built-in function sqrt>`.
for (const [name, value] of Object.entries(mathModule)) {
  if (typeof value === "function" && !Object.hasOwn(value, "__builtin__")) builtinFunction(value, name);
}
