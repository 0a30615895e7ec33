// `math.gamma`, `math.lgamma`, `math.erf` and `math.erfc` with CPython's results.
//
// gamma and lgamma follow CPython's own method (Lanczos' approximation with N=13 and
// g=6.024680040776729583740234375 as a rational function, the reflection formula for
// negative arguments, and CPython's correction for the rounding of x+g-0.5); erf and erfc
// follow the C library CPython calls on Linux (Sun's rational approximations on five
// intervals). The libm calls inside are glibc's (libm-log.ts, libm-exp.ts, libm-sin.ts),
// as glibc's are, so the results are CPython's to the last bit.

import { OverflowError, ValueError } from "../values/exceptions.js";
import { real } from "./math.js";
import { cosGlibc, sinGlibc } from "./libm-sin.js";
import { expGlibc as exp, powGlibc as powPositive } from "./libm-exp.js";
import { logGlibc as log } from "./libm-log.js";

const EDOM = 1;
const ERANGE = 2;
let errno = 0;

const PI = 3.141592653589793;
const LOG_PI = 1.1447298858494002;
const LANCZOS_G = 6.024680040776729583740234375;
const LANCZOS_G_MINUS_HALF = 5.524680040776729583740234375;
const LANCZOS_NUM = [
  23531376880.410759688572007674451636754734846804940, 42919803642.649098768957899047001988850926355848959,
  35711959237.355668049440185451547166705960488635843, 17921034426.037209699919755754458931112671403265390,
  6039542586.3520280050642916443072979210699388420708, 1439720407.3117216736632230727949123939715485786772,
  248874557.86205415651146038641322942321632125127801, 31426415.585400194380614231628318205362874684987640,
  2876370.6289353724412254090516208496135991145378768, 186056.26539522349504029498971604569928220784236328,
  8071.6720023658162106380029022722506138218516325024, 210.82427775157934587250973392071336271166969580291,
  2.5066282746310002701649081771338373386264310793408,
];
// x*(x+1)*...*(x+11) expanded.
const LANCZOS_DEN = [
  0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0, 2637558.0, 357423.0, 32670.0,
  1925.0, 66.0, 1.0,
];

function lanczosSum(x: number): number {
  let num = 0.0;
  let den = 0.0;
  if (x < 5.0) {
    for (let i = LANCZOS_NUM.length - 1; i >= 0; i--) {
      num = num * x + LANCZOS_NUM[i]!;
      den = den * x + LANCZOS_DEN[i]!;
    }
  } else {
    // Scaled by x**-12: a rational function of 1/x, which neither overflows nor loses bits.
    for (let i = 0; i < LANCZOS_NUM.length; i++) {
      num = num / x + LANCZOS_NUM[i]!;
      den = den / x + LANCZOS_DEN[i]!;
    }
  }
  return num / den;
}

/** sin(pi*x), exact at integers and half-integers. */
function sinPi(x: number): number {
  const y = Math.abs(x) % 2.0;
  const n = Math.round(2.0 * y); // C round: halves away from zero; y >= 0 so Math.round agrees
  let r: number;
  switch (n) {
    case 0:
      r = sinGlibc(PI * y);
      break;
    case 1:
      r = cosGlibc(PI * (y - 0.5));
      break;
    case 2:
      r = sinGlibc(PI * (1.0 - y));
      break;
    case 3:
      r = -cosGlibc(PI * (y - 1.5));
      break;
    default:
      r = sinGlibc(PI * (y - 2.0));
  }
  return (x < 0 || Object.is(x, -0) ? -1 : 1) * r;
}

let factorials: number[] | undefined;

function tgamma(x: number): number {
  if (!Number.isFinite(x)) {
    if (Number.isNaN(x) || x > 0) return x;
    errno = EDOM;
    return NaN;
  }
  if (x === 0) {
    errno = EDOM;
    return Object.is(x, -0) ? -Infinity : Infinity;
  }
  if (x === Math.floor(x)) {
    if (x < 0) {
      errno = EDOM;
      return NaN;
    }
    if (x <= 23) {
      if (factorials === undefined) {
        factorials = [1];
        for (let i = 1; i < 23; i++) factorials.push(Number(BigInt(factorials[i - 1]!) * BigInt(i)));
      }
      return factorials[x - 1]!;
    }
  }
  const absx = Math.abs(x);
  if (absx < 1e-20) {
    const r = 1.0 / x;
    if (!Number.isFinite(r)) errno = ERANGE;
    return r;
  }
  if (absx > 200.0) {
    if (x < 0) return 0.0 / sinPi(x);
    errno = ERANGE;
    return Infinity;
  }
  const y = absx + LANCZOS_G_MINUS_HALF;
  // The rounding error of y, to correct the result by (1 + z).
  let z = absx > LANCZOS_G_MINUS_HALF ? y - absx - LANCZOS_G_MINUS_HALF : y - LANCZOS_G_MINUS_HALF - absx;
  z = (z * LANCZOS_G) / y;
  let r: number;
  if (x < 0) {
    r = (((-PI / sinPi(absx)) / absx) * exp(y)) / lanczosSum(absx);
    r -= z * r;
    if (absx < 140.0) {
      r /= powPositive(y, absx - 0.5);
    } else {
      const sqrtpow = powPositive(y, absx / 2.0 - 0.25);
      r /= sqrtpow;
      r /= sqrtpow;
    }
  } else {
    r = lanczosSum(absx) / exp(y);
    r += z * r;
    if (absx < 140.0) {
      r *= powPositive(y, absx - 0.5);
    } else {
      const sqrtpow = powPositive(y, absx / 2.0 - 0.25);
      r *= sqrtpow;
      r *= sqrtpow;
    }
  }
  if (!Number.isFinite(r)) errno = ERANGE;
  return r;
}

function lgammaValue(x: number): number {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? x : Infinity;
  if (x === Math.floor(x) && x <= 2.0) {
    if (x <= 0.0) {
      errno = EDOM;
      return Infinity;
    }
    return 0.0;
  }
  const absx = Math.abs(x);
  if (absx < 1e-20) return -log(absx);
  let r = log(lanczosSum(absx)) - LANCZOS_G;
  r += (absx - 0.5) * (log(absx + LANCZOS_G - 0.5) - 1);
  if (x < 0.0) r = LOG_PI - log(Math.abs(sinPi(absx))) - log(absx) - r;
  if (!Number.isFinite(r)) errno = ERANGE;
  return r;
}

/** CPython's math_1a: the function's errno decides (a tiny result is an underflow, no error). */
function withErrno(f: (x: number) => number): (x: unknown) => number {
  return (x: unknown) => {
    const v = real(x);
    errno = 0;
    const r = f(v);
    if (errno === EDOM) throw new ValueError("math domain error");
    if (errno === ERANGE && Math.abs(r) >= 1.5) throw new OverflowError("math range error");
    return r;
  };
}

export const gamma = withErrno(tgamma);
export const lgamma = withErrno(lgammaValue);

// ---- erf and erfc: rational approximations on [0, 0.84375), [0.84375, 1.25),
// [1.25, 1/0.35), [1/0.35, 6 or 28), with the tails saturated, as glibc computes them. ----

const ERX = 8.45062911510467529297e-1; // erf(1) rounded to single precision
const EFX = 1.28379167095512586316e-1; // 2/sqrt(pi) - 1
const PP = [1.28379167095512558561e-1, -3.25042107247001499370e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3, -2.37630166566501626084e-5];
const QQ = [1, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4, -3.96022827877536812320e-6];
const PA = [-2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.16637559486879084300e-3];
const QA = [1, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.19844998467991074170e-2];
const RA = [-9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592];
const SA = [1, 1.96512716674392571292e1, 1.37657754143519042600e2, 4.34565877475229228821e2, 6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2];
const RB = [-9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2];
const SB = [1, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1];

/**
 * The polynomial c[0] + c[1]*z + ... evaluated as the C library CPython calls does (so the
 * rounding is the same): in pairs (c[2i] + z*c[2i+1]) weighted by z**2i, summed in order.
 */
function poly(c: number[], z: number): number {
  const z2 = z * z;
  const z4 = z2 * z2;
  const powers = [1, z2, z4, z4 * z2, z4 * z4];
  let r = c.length > 1 ? c[0]! + z * c[1]! : c[0]!;
  for (let i = 2, k = 1; i < c.length; i += 2, k++) {
    const pair = i + 1 < c.length ? c[i]! + z * c[i + 1]! : c[i]!;
    r += powers[k]! * pair;
  }
  return r;
}

const view = new DataView(new ArrayBuffer(8));

/** The high 32 bits of x's representation. */
function highWord(x: number): number {
  view.setFloat64(0, x);
  return view.getInt32(0);
}

/** x with the low 32 bits of its representation cleared. */
function clearLowWord(x: number): number {
  view.setFloat64(0, x);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}

/** exp(-x*x - 0.5625 + R/S)/x for the tails, computed in two factors for accuracy. */
function tail(x: number, rs: number): number {
  const z = clearLowWord(x);
  return (exp(-z * z - 0.5625) * exp((z - x) * (z + x) + rs)) / x;
}

function tailRatio(ix: number, x: number, limit: number): number {
  const s = 1.0 / (x * x);
  return ix < limit ? poly(RA, s) / poly(SA, s) : poly(RB, s) / poly(SB, s);
}

function erfValue(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return Number.isNaN(x) ? x : x > 0 ? 1 : -1;
  if (ix < 0x3feb0000) {
    if (ix < 0x3e300000) {
      if (ix < 0x00800000) return 0.0625 * (16.0 * x + 16.0 * EFX * x);
      return x + EFX * x;
    }
    const z = x * x;
    return x + x * (poly(PP, z) / poly(QQ, z));
  }
  if (ix < 0x3ff40000) {
    const s = Math.abs(x) - 1.0;
    const pq = poly(PA, s) / poly(QA, s);
    return hx >= 0 ? ERX + pq : -ERX - pq;
  }
  if (ix >= 0x40180000) return hx >= 0 ? 1.0 - 1e-300 : 1e-300 - 1.0;
  const ax = Math.abs(x);
  const r = tail(ax, tailRatio(ix, ax, 0x4006db6e));
  return hx >= 0 ? 1.0 - r : r - 1.0;
}

function erfcValue(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return Number.isNaN(x) ? x : x > 0 ? 0 : 2;
  if (ix < 0x3feb0000) {
    if (ix < 0x3c700000) return 1.0 - x;
    const z = x * x;
    const y = poly(PP, z) / poly(QQ, z);
    if (hx < 0x3fd00000) return 1.0 - (x + x * y);
    return 0.5 - (x * y + (x - 0.5));
  }
  if (ix < 0x3ff40000) {
    const s = Math.abs(x) - 1.0;
    const pq = poly(PA, s) / poly(QA, s);
    return hx >= 0 ? 1.0 - ERX - pq : 1.0 + (ERX + pq);
  }
  if (ix < 0x403c0000) {
    if (hx < 0 && ix >= 0x40180000) return 2.0 - 1e-300;
    const ax = Math.abs(x);
    const r = tail(ax, tailRatio(ix, ax, 0x4006db6d));
    return hx > 0 ? r : 2.0 - r;
  }
  return hx > 0 ? 0 : 2.0 - 1e-300;
}

export const erf = (x: unknown): number => erfValue(real(x));
export const erfc = (x: unknown): number => erfcValue(real(x));
