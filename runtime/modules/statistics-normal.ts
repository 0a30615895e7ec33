// `statistics.NormalDist` (Lib/statistics.py, 3.11): a normal distribution with pdf, cdf,
// inv_cdf (Wichura's AS241, as CPython's _statistics module computes it), quantiles,
// overlap, zscore, samples (random.gauss, seeded by a fresh Random when seed= is given),
// from_samples, and arithmetic with constants and other NormalDists.

import { add, mul, sub, truediv } from "../values/arithmetic.js";
import { ge, le, lt } from "../values/compare.js";
import { PyTypeError } from "../values/exceptions.js";
import { float } from "../values/builtin-types.js";
import { pyHash } from "../values/hashing.js";
import { splitKw } from "../values/kwargs.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { repr } from "../values/repr.js";
import { NotImplemented } from "../values/singletons.js";
import { truthy } from "../values/truth.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { erf } from "./math-gamma.js";
import { expGlibc as exp } from "./libm-exp.js";
import { logGlibc as log } from "./libm-log.js";
import { hypot } from "./math.js";
import { Random, sharedRandom } from "./random.js";
import { meanStdev, StatisticsError } from "./statistics.js";

const SQRT2 = Math.sqrt(2.0);
const TAU = 2 * Math.PI;
const toFloat = (x: unknown): number => (typeof x === "number" ? x : ((float as unknown as (v: unknown) => unknown)(x) as number));
const fabs = (x: unknown): number => Math.abs(toFloat(x));

/** Wichura, M.J. (1988). Algorithm AS241: the percentage points of the normal distribution. */
export function normalDistInvCdf(p: number, mu: number, sigma: number): number {
  const q = p - 0.5;
  let num: number;
  let den: number;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    num = (((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r + 6.7265770927008700853e+4) * r + 4.5921953931549871457e+4) * r + 1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r + 1.3314166789178437745e+2) * r + 3.3871328727963666080e+0) * q;
    den = ((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r + 3.9307895800092710610e+4) * r + 2.1213794301586595867e+4) * r + 5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r + 4.2313330701600911252e+1) * r + 1.0;
    return mu + (num / den) * sigma;
  }
  let r = q <= 0.0 ? p : 1.0 - p;
  r = Math.sqrt(-log(r));
  if (r <= 5.0) {
    r = r - 1.6;
    num = ((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r + 1.27045825245236838258e+0) * r + 3.64784832476320460504e+0) * r + 5.76949722146069140550e+0) * r + 4.63033784615654529590e+0) * r + 1.42343711074968357734e+0;
    den = ((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r + 6.89767334985100004550e-1) * r + 1.67638483018380384940e+0) * r + 2.05319162663775882187e+0) * r + 1.0;
  } else {
    r = r - 5.0;
    num = ((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r + 2.96560571828504891230e-1) * r + 1.78482653991729133580e+0) * r + 5.46378491116411436990e+0) * r + 6.65790464350110377720e+0;
    den = ((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r + 5.99832206555887937690e-1) * r + 1.0;
  }
  let x = num / den;
  if (q < 0.0) x = -x;
  return mu + x * sigma;
}

export class NormalDist {
  static readonly __module__ = "statistics";
  static readonly __doc__ = "Normal distribution of a random variable";
  static readonly __slots__ = ["_mu", "_sigma"];
  _mu: number;
  _sigma: number;

  constructor(...args: unknown[]) {
    const [[muArg, sigmaArg], kws] = splitKw(args);
    const mu = muArg ?? kws.mu ?? 0.0;
    const sigma = sigmaArg ?? kws.sigma ?? 1.0;
    if (truthy(lt(sigma, 0.0))) throw new StatisticsError("sigma must be non-negative");
    this._mu = toFloat(mu);
    this._sigma = toFloat(sigma);
  }

  static from_samples(this: new (...a: unknown[]) => NormalDist, data: unknown): NormalDist {
    const [mu, sigma] = meanStdev(data);
    return new this(mu, sigma);
  }

  samples(...args: unknown[]): number[] {
    const [[nArg], kws] = splitKw(args);
    const n = nArg ?? kws.n;
    const seed = kws.seed ?? null;
    const rng = seed === null ? sharedRandom() : new Random(seed);
    if (!isIntLike(n)) throw new PyTypeError(`'${typeName(n)}' object cannot be interpreted as an integer`);
    const out: number[] = [];
    for (let i = 0n; i < toBigInt(n); i++) out.push(rng.gauss(this._mu, this._sigma));
    return out;
  }

  pdf(x: unknown): number {
    const variance = this._sigma * this._sigma;
    if (!variance) throw new StatisticsError("pdf() not defined when sigma is zero");
    const diff = toFloat(sub(x, this._mu));
    return exp((diff * diff) / (-2.0 * variance)) / Math.sqrt(TAU * variance);
  }

  cdf(x: unknown): number {
    if (!this._sigma) throw new StatisticsError("cdf() not defined when sigma is zero");
    return 0.5 * (1.0 + erf(toFloat(sub(x, this._mu)) / (this._sigma * SQRT2)));
  }

  inv_cdf(p: unknown): number {
    if (le(p, 0.0) || ge(p, 1.0)) throw new StatisticsError("p must be in the range 0.0 < p < 1.0");
    if (this._sigma <= 0.0) throw new StatisticsError("cdf() not defined when sigma at or below zero");
    return normalDistInvCdf(toFloat(p), this._mu, this._sigma);
  }

  quantiles(...args: unknown[]): number[] {
    const [[nArg], kws] = splitKw(args);
    const n = nArg ?? kws.n ?? 4n;
    if (!isIntLike(n)) throw new PyTypeError(`'${typeName(n)}' object cannot be interpreted as an integer`);
    const count = toBigInt(n);
    const out: number[] = [];
    for (let i = 1n; i < count; i++) out.push(this.inv_cdf(truediv(i, count)));
    return out;
  }

  overlap(other: unknown): number {
    if (!(other instanceof NormalDist)) throw new PyTypeError("Expected another NormalDist instance");
    let [X, Y] = [this as NormalDist, other];
    if (Y._sigma !== X._sigma ? Y._sigma < X._sigma : Y._mu < X._mu) [X, Y] = [Y, X];
    const [xVar, yVar] = [X.variance, Y.variance];
    if (!xVar || !yVar) throw new StatisticsError("overlap() not defined when sigma is zero");
    const dv = yVar - xVar;
    const dm = Math.abs(Y._mu - X._mu);
    if (!dv) return 1.0 - erf(dm / (2.0 * X._sigma * SQRT2));
    const a = X._mu * yVar - Y._mu * xVar;
    const b = X._sigma * Y._sigma * Math.sqrt(dm * dm + dv * log(yVar / xVar));
    const x1 = (a + b) / dv;
    const x2 = (a - b) / dv;
    return 1.0 - (Math.abs(Y.cdf(x1) - X.cdf(x1)) + Math.abs(Y.cdf(x2) - X.cdf(x2)));
  }

  zscore(x: unknown): number {
    if (!this._sigma) throw new StatisticsError("zscore() not defined when sigma is zero");
    return toFloat(sub(x, this._mu)) / this._sigma;
  }

  get mean(): number {
    return this._mu;
  }
  get median(): number {
    return this._mu;
  }
  get mode(): number {
    return this._mu;
  }
  get stdev(): number {
    return this._sigma;
  }
  get variance(): number {
    return this._sigma * this._sigma;
  }

  __add__(x2: unknown): NormalDist {
    if (x2 instanceof NormalDist) return new NormalDist(this._mu + x2._mu, hypot(this._sigma, x2._sigma));
    return new NormalDist(add(this._mu, x2), this._sigma);
  }
  __radd__(x2: unknown): NormalDist {
    return this.__add__(x2);
  }
  __sub__(x2: unknown): NormalDist {
    if (x2 instanceof NormalDist) return new NormalDist(this._mu - x2._mu, hypot(this._sigma, x2._sigma));
    return new NormalDist(sub(this._mu, x2), this._sigma);
  }
  __rsub__(x2: unknown): NormalDist {
    return this.__sub__(x2).__neg__();
  }
  __mul__(x2: unknown): NormalDist {
    return new NormalDist(mul(this._mu, x2), this._sigma * fabs(x2));
  }
  __rmul__(x2: unknown): NormalDist {
    return this.__mul__(x2);
  }
  __truediv__(x2: unknown): NormalDist {
    return new NormalDist(truediv(this._mu, x2), this._sigma / fabs(x2));
  }
  __pos__(): NormalDist {
    return new NormalDist(this._mu, this._sigma);
  }
  __neg__(): NormalDist {
    return new NormalDist(-this._mu, this._sigma);
  }
  __eq__(x2: unknown): unknown {
    if (!(x2 instanceof NormalDist)) return NotImplemented;
    return this._mu === x2._mu && this._sigma === x2._sigma;
  }
  __hash__(): bigint {
    return pyHash(Tuple.of(this._mu, this._sigma));
  }
  __repr__(): string {
    return `${typeName(this)}(mu=${repr(this._mu)}, sigma=${repr(this._sigma)})`;
  }
}
