// Python's `statistics`, following Lib/statistics.py (3.11): means, medians, modes, spread
// and quantiles with its exact arithmetic (sums of exact ratios as Fractions, the result
// converted to the data's type; stdev's correctly rounded square root of a fraction), and
// covariance, correlation and linear_regression over fsum; NormalDist in statistics-normal.ts.

import { add, mul, sub, truediv } from "../values/arithmetic.js";
import { lt } from "../values/compare.js";
import { Dict } from "../values/dict.js";
import { AttributeError, PyTypeError, ValueError, ZeroDivisionError } from "../values/exceptions.js";
import { iterable } from "../values/iteration.js";
import { kw, splitKw } from "../values/kwargs.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { repr } from "../values/repr.js";
import { sorted } from "../values/sorting.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { Fraction } from "./fractions.js";
import { mathModule } from "./math.js";
import { moduleObject } from "./module-object.js";
import { callMethod } from "../values/methods.js";
import { Tuple } from "../values/tuple.js";
import { namedtuple } from "./namedtuple.js";
import { pyClass } from "./callable-class.js";
import { NormalDist } from "./statistics-normal.js";

export class StatisticsError extends ValueError {
  static readonly __module__ = "statistics";
}

type Kind = "int" | "float" | "Fraction" | "Decimal";

/** The Decimal class the data used (statistics does not load the decimal module itself). */
let decimalClass: unknown = null;

function isDecimal(x: unknown): boolean {
  if (typeof x !== "object" || x === null) return false;
  const cls = x.constructor as { __module__?: unknown; name?: unknown };
  return cls.__module__ === "decimal" && cls.name === "Decimal";
}

/** The data's type for _coerce: int (and bool), float or Fraction; others are refused. */
function kindOf(x: unknown): Kind {
  if (isIntLike(x)) return "int";
  if (typeof x === "number") return "float";
  if (x instanceof Fraction) return "Fraction";
  if (isDecimal(x)) {
    decimalClass = (x as object).constructor;
    return "Decimal";
  }
  throw new PyTypeError(`can't convert type '${typeName(x)}' to numerator/denominator`);
}

/** `reduce(_coerce, types, int)` over int, float and Fraction: float wins, then Fraction. */
function coerce(kinds: Set<Kind>): Kind {
  if (kinds.has("Decimal")) {
    const other = [...kinds].find((k) => k !== "Decimal" && k !== "int");
    if (other !== undefined) throw new PyTypeError(`don't know how to coerce ${other === "Fraction" ? "Decimal and Fraction" : "float and Decimal"}`);
    return "Decimal";
  }
  if (kinds.has("float")) return "float";
  if (kinds.has("Fraction")) return "Fraction";
  return "int";
}

/** `_exact_ratio`: [numerator, denominator], or [x, null] for a non-finite float. */
function exactRatio(x: unknown): [unknown, bigint | null] {
  if (typeof x === "number") {
    if (!Number.isFinite(x)) return [x, null];
    const f = Fraction.from_float(x);
    return [f._numerator, f._denominator];
  }
  if (x instanceof Fraction) return [x._numerator, x._denominator];
  if (isDecimal(x)) {
    if (!truthy(callMethod(x, "is_finite"))) return [x, null];
    const [n, d] = (callMethod(x, "as_integer_ratio") as Tuple).items as [bigint, bigint];
    return [n, d];
  }
  return [toBigInt(x as bigint), 1n];
}

interface Sum {
  kind: Kind;
  total: Fraction | number;
  count: number;
}

/** `_sum`: the exact total (a Fraction; a float when a value is infinite or NaN). */
function exactSum(data: Iterable<unknown>): Sum {
  const kinds = new Set<Kind>();
  const partials = new Map<bigint, bigint>();
  let special: unknown = null;
  let count = 0;
  for (const x of data) {
    kinds.add(kindOf(x));
    const [n, d] = exactRatio(x);
    count++;
    if (d === null) special = special === null ? n : add(special, n);
    else partials.set(d, (partials.get(d) ?? 0n) + (n as bigint));
  }
  let total: Fraction | number;
  if (special !== null) total = special as number;
  else {
    total = new Fraction(0n);
    for (const [d, n] of partials) total = total.__add__(new Fraction(n, d)) as Fraction;
  }
  return { kind: coerce(kinds), total, count };
}

/** `_convert`: a Fraction result as the data's type. */
function convert(value: Fraction | number, kind: Kind): unknown {
  if (typeof value === "number") return value;
  if (kind === "Fraction") return value;
  // Decimal: `T(value.numerator) / T(value.denominator)` under the current context.
  if (kind === "Decimal") return truediv(Reflect.construct(decimalClass as Function, [value._numerator]), Reflect.construct(decimalClass as Function, [value._denominator]));
  if (kind === "int" && value._denominator === 1n) return value._numerator;
  return value.__float__();
}

function divide(total: Fraction | number, n: number): Fraction | number {
  return typeof total === "number" ? total / n : (total.__truediv__(BigInt(n)) as Fraction);
}

interface SumOfSquares {
  kind: Kind;
  ss: Fraction | number;
  count: number;
}

/** `_ss`: the sum of squared deviations from `c` (the mean when c is None). */
function sumOfSquares(values: unknown[], c: unknown): SumOfSquares {
  if (c !== undefined && c !== null) {
    const { kind, total, count } = exactSum(values.map((x) => {
      const d = sub(x, c);
      return mul(d, d);
    }));
    return { kind, ss: total, count };
  }
  const kinds = new Set<Kind>();
  const sx = new Map<bigint, bigint>();
  const sxx = new Map<bigint, bigint>();
  let special: unknown = null;
  let count = 0;
  for (const x of values) {
    kinds.add(kindOf(x));
    const [n, d] = exactRatio(x);
    count++;
    if (d === null) special = special === null ? n : add(special, n);
    else {
      const big = n as bigint;
      sx.set(d, (sx.get(d) ?? 0n) + big);
      sxx.set(d, (sxx.get(d) ?? 0n) + big * big);
    }
  }
  let ss: Fraction | number;
  if (count === 0) ss = new Fraction(0n);
  else if (special !== null) ss = special as number;
  else {
    let sumX = new Fraction(0n);
    let sumXX = new Fraction(0n);
    for (const [d, n] of sx) sumX = sumX.__add__(new Fraction(n, d)) as Fraction;
    for (const [d, n] of sxx) sumXX = sumXX.__add__(new Fraction(n, d * d)) as Fraction;
    const cnt = BigInt(count);
    ss = (sumXX.__mul__(cnt) as Fraction).__sub__(sumX.__mul__(sumX)) as Fraction;
    ss = ss.__truediv__(cnt) as Fraction;
  }
  return { kind: coerce(kinds), ss, count };
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  // Newton from the float estimate, then settle on the floor.
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

function bitLength(n: bigint): number {
  return (n < 0n ? -n : n).toString(2).length - (n === 0n ? 1 : 0);
}

/** `_float_sqrt_of_frac`: sqrt(n/m) correctly rounded (round-to-odd integer square root). */
function floatSqrtOfFrac(mss: Fraction | number): number {
  if (typeof mss === "number") throw new AttributeError("'float' object has no attribute 'numerator'");
  const [n, m] = [mss._numerator, mss._denominator];
  const rto = (a: bigint, b: bigint): bigint => {
    const r = isqrt(a / b);
    return r | (r * r * b !== a ? 1n : 0n);
  };
  const q = Math.floor((bitLength(n) - bitLength(m) - 109) / 2);
  if (q >= 0) return Number(rto(n, m << BigInt(2 * q)) << BigInt(q));
  return truediv(rto(n << BigInt(-2 * q), m), 1n << BigInt(-q)) as number;
}

function list(data: unknown): unknown[] {
  return Array.from(iterable(data));
}

function mean(data: unknown): any {
  const { kind, total, count } = exactSum(iterable(data));
  if (count < 1) throw new StatisticsError("mean requires at least one data point");
  return convert(divide(total, count), kind);
}

function fsum(values: unknown[]): number {
  return mathModule.fsum(values);
}

function fmean(...args: unknown[]): number {
  const [[dataArg, weightsArg], kws] = splitKw(args);
  const data = list(dataArg ?? kws.data);
  const weights = weightsArg ?? kws.weights;
  if (weights === undefined || weights === null) {
    const total = fsum(data);
    if (data.length === 0) throw new StatisticsError("fmean requires at least one data point");
    return total / data.length;
  }
  const w = list(weights);
  const num = fsum(data.slice(0, Math.min(data.length, w.length)).map((x, i) => mul(x, w[i])));
  if (data.length !== w.length) throw new StatisticsError("data and weights must be the same length");
  const den = fsum(w);
  if (den === 0) throw new StatisticsError("sum of weights must be non-zero");
  return num / den;
}

function geometric_mean(data: unknown): number {
  try {
    return mathModule.exp(fmean(list(data).map((x) => mathModule.log(x))));
  } catch (e) {
    if (e instanceof ValueError) throw new StatisticsError("geometric mean requires a non-empty dataset containing positive numbers");
    throw e;
  }
}

function failNegative(values: unknown[], message: string): unknown[] {
  for (const x of values) if (lt(x, 0n)) throw new StatisticsError(message);
  return values;
}

function harmonic_mean(...args: unknown[]): any {
  const [[dataArg, weightsArg], kws] = splitKw(args);
  const data = list(dataArg ?? kws.data);
  const weightsGiven = weightsArg ?? kws.weights;
  const message = "harmonic mean does not support negative values";
  const n = data.length;
  if (n < 1) throw new StatisticsError("harmonic_mean requires at least one data point");
  if (n === 1 && (weightsGiven === undefined || weightsGiven === null)) {
    const x = data[0];
    if (isIntLike(x) || typeof x === "number" || x instanceof Fraction) {
      if (lt(x, 0n)) throw new StatisticsError(message);
      return x;
    }
    throw new PyTypeError("unsupported type");
  }
  let weights: unknown[];
  let sumWeights: unknown;
  if (weightsGiven === undefined || weightsGiven === null) {
    weights = data.map(() => 1n);
    sumWeights = BigInt(n);
  } else {
    weights = list(weightsGiven);
    if (weights.length !== n) throw new StatisticsError("Number of weights does not match data size");
    sumWeights = exactSum(failNegative(weights, message)).total;
  }
  let result: Sum;
  try {
    failNegative(data, message);
    result = exactSum(weights.map((w, i) => (truthy(w) ? truediv(w, data[i]) : 0n)));
  } catch (e) {
    if (e instanceof ZeroDivisionError) return 0n;
    throw e;
  }
  const { kind, total } = result;
  if (!lt(0n, total)) throw new StatisticsError("Weighted sum must be positive");
  const ratio = truediv(sumWeights, total);
  return ratio instanceof Fraction ? convert(ratio, kind) : ratio;
}

function sortedData(data: unknown): unknown[] {
  return sorted(data);
}

function median(data: unknown): any {
  const d = sortedData(data);
  const n = d.length;
  if (n === 0) throw new StatisticsError("no median for empty data");
  if (n % 2 === 1) return d[(n - 1) / 2];
  const i = n / 2;
  return truediv(add(d[i - 1], d[i]), 2n);
}

function median_low(data: unknown): any {
  const d = sortedData(data);
  const n = d.length;
  if (n === 0) throw new StatisticsError("no median for empty data");
  return n % 2 === 1 ? d[(n - 1) / 2] : d[n / 2 - 1];
}

function median_high(data: unknown): any {
  const d = sortedData(data);
  if (d.length === 0) throw new StatisticsError("no median for empty data");
  return d[Math.floor(d.length / 2)];
}

function toFloat(x: unknown): number {
  if (typeof x === "number") return x;
  if (isIntLike(x)) return Number(toBigInt(x));
  if (x instanceof Fraction) return x.__float__();
  throw new PyTypeError("Value cannot be converted to a float");
}

function median_grouped(...args: unknown[]): number {
  const [[dataArg, intervalArg], kws] = splitKw(args);
  const d = sortedData(dataArg ?? kws.data);
  const n = d.length;
  if (n === 0) throw new StatisticsError("no median for empty data");
  const x0 = d[Math.floor(n / 2)];
  let i = 0;
  while (i < n && lt(d[i], x0)) i++;
  let j = i;
  while (j < n && !lt(x0, d[j])) j++;
  const interval = toFloat(intervalArg ?? kws.interval ?? 1.0);
  const x = toFloat(x0);
  const L = x - interval / 2.0;
  return L + (interval * (n / 2 - i)) / (j - i);
}

/** Counts by Python equality, in first-seen order. */
function counts(data: unknown): Dict<unknown, number> {
  const table = new Dict<unknown, number>();
  for (const x of iterable(data)) table.set(x, (table.get(x) ?? 0) + 1);
  return table;
}

function mode(data: unknown): any {
  let best: unknown;
  let bestCount = 0;
  for (const [value, count] of counts(data).entries()) {
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  if (bestCount === 0) throw new StatisticsError("no mode for empty data");
  return best;
}

function multimode(data: unknown): any[] {
  const table = [...counts(data).entries()];
  const max = Math.max(0, ...table.map(([, c]) => c));
  return table.filter(([, c]) => c === max).map(([v]) => v);
}

function quantiles(...args: unknown[]): any[] {
  const [[dataArg], kws] = splitKw(args);
  const nArg = kws.n ?? 4n;
  const method = kws.method ?? "exclusive";
  const n = toBigInt(nArg as bigint);
  if (n < 1n) throw new StatisticsError("n must be at least 1");
  const data = sortedData(dataArg ?? kws.data);
  const ld = BigInt(data.length);
  if (ld < 2n) throw new StatisticsError("must have at least two data points");
  const result: unknown[] = [];
  if (method === "inclusive") {
    const m = ld - 1n;
    for (let i = 1n; i < n; i++) {
      const j = (i * m) / n;
      const delta = i * m - j * n;
      result.push(truediv(add(mul(data[Number(j)], n - delta), mul(data[Number(j) + 1], delta)), n));
    }
    return result;
  }
  if (method === "exclusive") {
    const m = ld + 1n;
    for (let i = 1n; i < n; i++) {
      let j = (i * m) / n;
      j = j < 1n ? 1n : j > ld - 1n ? ld - 1n : j;
      const delta = i * m - j * n;
      result.push(truediv(add(mul(data[Number(j) - 1], n - delta), mul(data[Number(j)], delta)), n));
    }
    return result;
  }
  throw new ValueError(`Unknown method: ${repr(method)}`);
}

function spread(args: unknown[], center: string): [unknown[], unknown] {
  const [[dataArg, c], kws] = splitKw(args);
  return [list(dataArg ?? kws.data), c ?? kws[center]];
}

function variance(...args: unknown[]): any {
  const [data, xbar] = spread(args, "xbar");
  const { kind, ss, count } = sumOfSquares(data, xbar);
  if (count < 2) throw new StatisticsError("variance requires at least two data points");
  return convert(divide(ss, count - 1), kind);
}

function pvariance(...args: unknown[]): any {
  const [data, mu] = spread(args, "mu");
  const { kind, ss, count } = sumOfSquares(data, mu);
  if (count < 1) throw new StatisticsError("pvariance requires at least one data point");
  return convert(divide(ss, count), kind);
}

function stdev(...args: unknown[]): number {
  const [data, xbar] = spread(args, "xbar");
  const { ss, count } = sumOfSquares(data, xbar);
  if (count < 2) throw new StatisticsError("stdev requires at least two data points");
  return floatSqrtOfFrac(divide(ss, count - 1));
}

function pstdev(...args: unknown[]): number {
  const [data, mu] = spread(args, "mu");
  const { ss, count } = sumOfSquares(data, mu);
  if (count < 1) throw new StatisticsError("pstdev requires at least one data point");
  return floatSqrtOfFrac(divide(ss, count));
}

/** `_mean_stdev`: the mean and the sample standard deviation as floats, in one pass. */
export function meanStdev(data: unknown): [number, number] {
  const values = list(data);
  const { ss, count } = sumOfSquares(values, null);
  if (count < 2) throw new StatisticsError("stdev requires at least two data points");
  const xbar = toFloat(mean(values));
  const mss = divide(ss, count - 1);
  if (typeof mss === "number") return [xbar, xbar / (ss as number)];
  return [xbar, floatSqrtOfFrac(mss)];
}

function paired(x: unknown, y: unknown, what: string): [unknown[], unknown[]] {
  const xs = list(x);
  const ys = list(y);
  if (xs.length !== ys.length) throw new StatisticsError(`${what} requires that both inputs have same number of data points`);
  if (xs.length < 2) throw new StatisticsError(`${what} requires at least two data points`);
  return [xs, ys];
}

function deviations(xs: unknown[], ys: unknown[]): { xbar: number; ybar: number; sxy: number; sxx: number } {
  const n = xs.length;
  const xbar = fsum(xs) / n;
  const ybar = fsum(ys) / n;
  const sxy = fsum(xs.map((xi, i) => mul(sub(xi, xbar), sub(ys[i], ybar))));
  const sxx = fsum(xs.map((xi) => {
    const d = sub(xi, xbar);
    return mul(d, d);
  }));
  return { xbar, ybar, sxy, sxx };
}

function covariance(x: unknown, y: unknown): number {
  const [xs, ys] = paired(x, y, "covariance");
  return deviations(xs, ys).sxy / (xs.length - 1);
}

function correlation(x: unknown, y: unknown): number {
  const [xs, ys] = paired(x, y, "correlation");
  const { sxy, sxx } = deviations(xs, ys);
  const syy = deviations(ys, ys).sxx;
  const denominator = Math.sqrt(sxx * syy);
  if (denominator === 0) throw new StatisticsError("at least one of the inputs is constant");
  return sxy / denominator;
}

/** `statistics.LinearRegression`: the named tuple (slope, intercept) linear_regression returns. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const LinearRegression: any = namedtuple("LinearRegression", "slope intercept", kw({ module: "statistics" }));

function linear_regression(...args: unknown[]): any {
  const [[x, y], kws] = splitKw(args);
  const proportional = truthy(kws.proportional ?? false);
  const [xs, ys] = paired(x, y, "linear regression");
  let sxy: number;
  let sxx: number;
  let xbar = 0;
  let ybar = 0;
  if (proportional) {
    sxy = fsum(xs.map((xi, i) => mul(xi, ys[i])));
    sxx = fsum(xs.map((xi) => mul(xi, xi)));
  } else ({ xbar, ybar, sxy, sxx } = deviations(xs, ys));
  if (sxx === 0) throw new StatisticsError("x is constant");
  const slope = sxy / sxx;
  const intercept = proportional ? 0.0 : ybar - slope * xbar;
  return LinearRegression(kw({ slope, intercept }));
}

export const statisticsModule = moduleObject("statistics", {
  StatisticsError,
  mean,
  fmean,
  geometric_mean,
  harmonic_mean,
  median,
  median_low,
  median_high,
  median_grouped,
  mode,
  multimode,
  quantiles,
  variance,
  pvariance,
  stdev,
  pstdev,
  covariance,
  correlation,
  linear_regression,
  NormalDist: pyClass(NormalDist),
  LinearRegression,
  // (statistics.py imports tau from math, for NormalDist)
  tau: 2 * Math.PI,
});
