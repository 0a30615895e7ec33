// The continuous distributions of CPython's `random` module (Lib/random.py in 3.11), step
// for step, so a seeded program draws the same numbers: normalvariate's Kinderman-Monahan
// ratio method, gammavariate's Cheng / Kennedy-Gentle algorithms, and the ones built on them.
// Their log, exp, cos, acos and `**` are the C library's (random.py takes them from math), as
// the math module computes them: V8's differ in the last bit now and then, which would change
// one draw in ten.

import { ValueError } from "../values/exceptions.js";
import { acosGlibc as acos } from "./libm-asin.js";
import { expGlibc as exp, powGlibc as pow } from "./libm-exp.js";
import { logGlibc as log } from "./libm-log.js";
import { cosGlibc as cos } from "./libm-sin.js";

/** What the distributions need of a Random: its uniform [0, 1) draw. */
export interface UniformSource {
  random(): number;
}

export const NV_MAGICCONST = (4 * exp(-0.5)) / Math.sqrt(2.0);
export const TWOPI = 2.0 * Math.PI;
export const LOG4 = log(4.0);
export const SG_MAGICCONST = 1.0 + log(4.5);
export const BPF = 53n;
export const RECIP_BPF = 2 ** -53;

/** Python's float `%`: the result has the divisor's sign. */
function floatMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

export function normalvariate(rng: UniformSource, mu: number, sigma: number): number {
  let z: number;
  for (;;) {
    const u1 = rng.random();
    const u2 = 1.0 - rng.random();
    z = (NV_MAGICCONST * (u1 - 0.5)) / u2;
    const zz = (z * z) / 4.0;
    if (zz <= -log(u2)) break;
  }
  return mu + z * sigma;
}

export function vonmisesvariate(rng: UniformSource, mu: number, kappa: number): number {
  if (kappa <= 1e-6) return TWOPI * rng.random();
  const s = 0.5 / kappa;
  const r = s + Math.sqrt(1.0 + s * s);
  let z: number;
  for (;;) {
    const u1 = rng.random();
    z = cos(Math.PI * u1);
    const d = z / (r + z);
    const u2 = rng.random();
    if (u2 < 1.0 - d * d || u2 <= (1.0 - d) * exp(d)) break;
  }
  const q = 1.0 / r;
  const f = (q + z) / (1.0 + q * z);
  const u3 = rng.random();
  return u3 > 0.5 ? floatMod(mu + acos(f), TWOPI) : floatMod(mu - acos(f), TWOPI);
}

export function gammavariate(rng: UniformSource, alpha: number, beta: number): number {
  if (alpha <= 0.0 || beta <= 0.0) throw new ValueError("gammavariate: alpha and beta must be > 0.0");
  if (alpha > 1.0) {
    const ainv = Math.sqrt(2.0 * alpha - 1.0);
    const bbb = alpha - LOG4;
    const ccc = alpha + ainv;
    for (;;) {
      const u1 = rng.random();
      if (!(1e-7 < u1 && u1 < 0.9999999)) continue;
      const u2 = 1.0 - rng.random();
      const v = log(u1 / (1.0 - u1)) / ainv;
      const x = alpha * exp(v);
      const z = u1 * u1 * u2;
      const r = bbb + ccc * v - x;
      if (r + SG_MAGICCONST - 4.5 * z >= 0.0 || r >= log(z)) return x * beta;
    }
  }
  if (alpha === 1.0) return -log(1.0 - rng.random()) * beta;
  let x: number;
  for (;;) {
    const u = rng.random();
    const b = (Math.E + alpha) / Math.E;
    const p = b * u;
    x = p <= 1.0 ? pow(p, 1.0 / alpha) : -log((b - p) / alpha);
    const u1 = rng.random();
    if (p > 1.0) {
      if (u1 <= pow(x, alpha - 1.0)) break;
    } else if (u1 <= exp(-x)) {
      break;
    }
  }
  return x * beta;
}

export function betavariate(rng: UniformSource, alpha: number, beta: number): number {
  const y = gammavariate(rng, alpha, 1.0);
  return y !== 0 ? y / (y + gammavariate(rng, beta, 1.0)) : 0.0;
}

export function paretovariate(rng: UniformSource, alpha: number): number {
  const u = 1.0 - rng.random();
  return pow(u, -1.0 / alpha);
}

export function weibullvariate(rng: UniformSource, alpha: number, beta: number): number {
  const u = 1.0 - rng.random();
  return alpha * pow(-log(u), 1.0 / beta);
}
