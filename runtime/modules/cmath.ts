// Python's `cmath` module: CPython's algorithms (Modules/cmathmodule.c) for finite arguments,
// so results agree with CPython's to the last bit wherever the platform's libm does, with its
// "math domain error" / "math range error" exceptions.

import { tanGlibc } from "./libm-tan.js";
import { log1pGlibc } from "./libm-log1p.js";
import { cosGlibc, sinGlibc } from "./libm-sin.js";
import { builtinFunction } from "../values/builtin-type.js";
import { PyComplex, complexAbs, quotient } from "../values/complex.js";
import { OverflowError, PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { isNumeric, toFloat } from "../values/numeric.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { moduleObject } from "./module-object.js";

import { expGlibc } from "./libm-exp.js";
import { logGlibc } from "./libm-log.js";
import { hypotExact } from "./libm-hypot.js";
import { ACOS, ACOSH, ACOSH_EDOM, ACOS_EDOM, ASINH, ASINH_EDOM, ATANH, ATANH_EDOM, COSH, COSH_EDOM, EXP, EXP_EDOM, RECT, RECT_EDOM, SINH, SINH_EDOM, TANH, TANH_EDOM } from "./cmath-special.js";
import { atan2Glibc } from "./libm-atan2.js";
import { asinhGlibc, coshGlibc, sinhGlibc, tanhGlibc } from "./libm-hyper.js";

/** C's log on glibc for the values cmath passes (0, infinities and NaN as C gives them). */
const logC = logGlibc;

const DBL_MAX = Number.MAX_VALUE;
const DBL_MIN = 2.2250738585072014e-308;
const LN2 = Math.LN2;
const LARGE = DBL_MAX / 4;
const LOG_LARGE = logC(LARGE);
const SQRT_LARGE = Math.sqrt(LARGE);
const SQRT_DBL_MIN = Math.sqrt(DBL_MIN);
const SCALE_UP = 53;
const SCALE_DOWN = -27;

/** errno as the C functions leave it. */
let errno: "" | "EDOM" | "ERANGE" = "";

/** Raises what CPython raises for the errno a function left (read through a call: TS narrows). */
function raiseForErrno(): void {
  const status = errno as string;
  if (status === "EDOM") throw new ValueError("math domain error");
  if (status === "ERANGE") throw new OverflowError("math range error");
}

function c(re: number, im: number): PyComplex {
  return new PyComplex(re, im);
}

function copysign(x: number, y: number): number {
  const negative = y < 0 || Object.is(y, -0);
  return negative ? -Math.abs(x) : Math.abs(x);
}

/** A complex argument: complex, int, float, or an object with __complex__ / __float__ / __index__. */
function arg(x: unknown): PyComplex {
  if (x instanceof PyComplex) return x;
  if (isNumeric(x)) {
    const f = toFloat(x);
    if (!Number.isFinite(f) && typeof x === "bigint") throw new OverflowError("int too large to convert to float");
    return c(f, 0);
  }
  const obj = x as { __complex__?: () => unknown; __float__?: () => unknown; __index__?: () => unknown } | null;
  if (obj !== null && typeof obj === "object") {
    if (typeof obj.__complex__ === "function") return arg(obj.__complex__());
    if (typeof obj.__float__ === "function") return arg(obj.__float__());
    if (typeof obj.__index__ === "function") return arg(obj.__index__());
  }
  throw new PyTypeError(`must be real number, not ${typeName(x)}`);
}

function realArg(x: unknown): number {
  if (typeof x === "number") return x;
  if (isNumeric(x)) return toFloat(x);
  const obj = x as { __float__?: () => unknown; __index__?: () => unknown } | null;
  if (obj !== null && typeof obj === "object") {
    if (typeof obj.__float__ === "function") return realArg(obj.__float__());
    if (typeof obj.__index__ === "function") return realArg(obj.__index__());
  }
  throw new PyTypeError(`must be real number, not ${typeName(x)}`);
}

function finite(z: PyComplex): boolean {
  return Number.isFinite(z.re) && Number.isFinite(z.im);
}

function sqrt(z: PyComplex): PyComplex {
  if (z.re === 0 && z.im === 0) return c(0, z.im);
  if (!finite(z)) {
    if (Math.abs(z.im) === Infinity) return c(Infinity, z.im);
    if (z.re === -Infinity) return c(Number.isNaN(z.im) ? NaN : 0, Number.isNaN(z.im) ? Infinity : copysign(Infinity, z.im));
    if (z.re === Infinity) return c(Infinity, Number.isNaN(z.im) ? NaN : copysign(0, z.im));
    return c(NaN, NaN);
  }
  let ax = Math.abs(z.re);
  const ay = Math.abs(z.im);
  let s: number;
  if (ax < DBL_MIN && ay < DBL_MIN) {
    ax = ax * 2 ** SCALE_UP;
    s = Math.sqrt(ax + hypotExact(ax, ay * 2 ** SCALE_UP)) * 2 ** SCALE_DOWN;
  } else {
    ax /= 8;
    s = 2 * Math.sqrt(ax + hypotExact(ax, ay / 8));
  }
  const d = ay / (2 * s);
  return z.re >= 0 ? c(s, copysign(d, z.im)) : c(d, copysign(s, z.im));
}

function exp(z: PyComplex): PyComplex {
  let r: PyComplex;
  if (!finite(z)) {
    if (infiniteOverNonzero(z)) {
      const size = z.re > 0 ? Infinity : 0;
      return c(copysign(size, cosGlibc(z.im)), copysign(size, sinGlibc(z.im)));
    }
    return special(EXP, EXP_EDOM, z);
  }
  if (z.re > LOG_LARGE) {
    const l = expGlibc(z.re - 1);
    r = c(l * cosGlibc(z.im) * Math.E, l * sinGlibc(z.im) * Math.E);
  } else {
    const l = expGlibc(z.re);
    r = c(l * cosGlibc(z.im), l * sinGlibc(z.im));
  }
  errno = Math.abs(r.re) === Infinity || Math.abs(r.im) === Infinity ? "ERANGE" : "";
  return r;
}

function log(z: PyComplex): PyComplex {
  if (!finite(z)) {
    if (Math.abs(z.re) === Infinity || Math.abs(z.im) === Infinity) return c(Infinity, atan2Glibc(z.im, z.re));
    return c(NaN, NaN);
  }
  const ax = Math.abs(z.re);
  const ay = Math.abs(z.im);
  let re: number;
  if (ax > LARGE || ay > LARGE) re = logC(hypotExact(ax / 2, ay / 2)) + LN2;
  else if (ax < DBL_MIN && ay < DBL_MIN) {
    if (ax > 0 || ay > 0) re = logC(hypotExact(ax * 2 ** 53, ay * 2 ** 53)) - 53 * LN2;
    else {
      errno = "EDOM";
      return c(-Infinity, atan2Glibc(z.im, z.re));
    }
  } else {
    const h = hypotExact(ax, ay);
    if (0.71 <= h && h <= 1.73) {
      const am = ax > ay ? ax : ay;
      const an = ax > ay ? ay : ax;
      re = log1pGlibc((am - 1) * (am + 1) + an * an) / 2;
    } else re = logC(h);
  }
  // As CPython's c_log: a success clears errno (so log(0, b) keeps no error from log(0)).
  errno = "";
  return c(re, atan2Glibc(z.im, z.re));
}

function asinhReal(x: number): number {
  return asinhGlibc(x, logC);
}

function acos(z: PyComplex): PyComplex {
  if (!finite(z)) return special(ACOS, ACOS_EDOM, z);
  if (Math.abs(z.re) > LARGE || Math.abs(z.im) > LARGE) {
    const re = atan2Glibc(Math.abs(z.im), z.re);
    const big = logC(hypotExact(z.re / 2, z.im / 2)) + LN2 * 2;
    return c(re, z.re < 0 ? -copysign(big, z.im) : copysign(big, -z.im));
  }
  const s1 = sqrt(c(1 - z.re, -z.im));
  const s2 = sqrt(c(1 + z.re, z.im));
  return c(2 * atan2Glibc(s1.re, s2.re), asinhReal(s2.re * s1.im - s2.im * s1.re));
}

function acosh(z: PyComplex): PyComplex {
  if (!finite(z)) return special(ACOSH, ACOSH_EDOM, z);
  if (Math.abs(z.re) > LARGE || Math.abs(z.im) > LARGE) {
    return c(logC(hypotExact(z.re / 2, z.im / 2)) + LN2 * 2, atan2Glibc(z.im, z.re));
  }
  const s1 = sqrt(c(z.re - 1, z.im));
  const s2 = sqrt(c(z.re + 1, z.im));
  return c(asinhReal(s1.re * s2.re + s1.im * s2.im), 2 * atan2Glibc(s1.im, s2.re));
}

function asinh(z: PyComplex): PyComplex {
  if (!finite(z)) return special(ASINH, ASINH_EDOM, z);
  if (Math.abs(z.re) > LARGE || Math.abs(z.im) > LARGE) {
    const big = logC(hypotExact(z.re / 2, z.im / 2)) + LN2 * 2;
    const re = z.im >= 0 ? copysign(big, z.re) : -copysign(big, -z.re);
    return c(re, atan2Glibc(z.im, Math.abs(z.re)));
  }
  const s1 = sqrt(c(1 + z.im, -z.re));
  const s2 = sqrt(c(1 - z.im, z.re));
  return c(asinhReal(s1.re * s2.im - s2.re * s1.im), atan2Glibc(z.im, s1.re * s2.re - s1.im * s2.im));
}

function asin(z: PyComplex): PyComplex {
  const s = asinh(c(-z.im, z.re));
  return c(s.im, -s.re);
}

function atanh(z: PyComplex): PyComplex {
  if (!finite(z)) return special(ATANH, ATANH_EDOM, z);
  if (z.re < 0) {
    const r = atanh(c(-z.re, -z.im));
    return c(-r.re, -r.im);
  }
  const ay = Math.abs(z.im);
  if (z.re > SQRT_LARGE || ay > SQRT_LARGE) {
    const h = hypotExact(z.re / 2, z.im / 2);
    return c(z.re / 4 / h / h, -copysign(Math.PI / 2, -z.im));
  }
  if (z.re === 1 && ay < SQRT_DBL_MIN) {
    if (ay === 0) {
      errno = "EDOM";
      return c(Infinity, z.im);
    }
    return c(-logC(Math.sqrt(ay) / Math.sqrt(hypotExact(ay, 2))), copysign(atan2Glibc(2, -ay) / 2, z.im));
  }
  return c(
    log1pGlibc((4 * z.re) / ((1 - z.re) * (1 - z.re) + ay * ay)) / 4,
    -atan2Glibc(-2 * z.im, (1 - z.re) * (1 + z.re) - ay * ay) / 2,
  );
}

function atan(z: PyComplex): PyComplex {
  const s = atanh(c(-z.im, z.re));
  return c(s.im, -s.re);
}

function cosh(z: PyComplex): PyComplex {
  if (!finite(z)) {
    if (infiniteOverNonzero(z)) {
      const re = copysign(Infinity, cosGlibc(z.im));
      const im = copysign(Infinity, sinGlibc(z.im));
      return z.re > 0 ? c(re, im) : c(re, -im);
    }
    return special(COSH, COSH_EDOM, z);
  }
  let r: PyComplex;
  if (Math.abs(z.re) > LOG_LARGE) {
    const xm1 = z.re - copysign(1, z.re);
    r = c(cosGlibc(z.im) * coshGlibc(xm1) * Math.E, sinGlibc(z.im) * sinhGlibc(xm1) * Math.E);
  } else r = c(cosGlibc(z.im) * coshGlibc(z.re), sinGlibc(z.im) * sinhGlibc(z.re));
  errno = Math.abs(r.re) === Infinity || Math.abs(r.im) === Infinity ? "ERANGE" : "";
  return r;
}

function sinh(z: PyComplex): PyComplex {
  if (!finite(z)) {
    if (infiniteOverNonzero(z)) {
      const re = copysign(Infinity, cosGlibc(z.im));
      const im = copysign(Infinity, sinGlibc(z.im));
      return z.re > 0 ? c(re, im) : c(-re, im);
    }
    return special(SINH, SINH_EDOM, z);
  }
  let r: PyComplex;
  if (Math.abs(z.re) > LOG_LARGE) {
    const xm1 = z.re - copysign(1, z.re);
    r = c(cosGlibc(z.im) * sinhGlibc(xm1) * Math.E, sinGlibc(z.im) * coshGlibc(xm1) * Math.E);
  } else r = c(cosGlibc(z.im) * sinhGlibc(z.re), sinGlibc(z.im) * coshGlibc(z.re));
  errno = Math.abs(r.re) === Infinity || Math.abs(r.im) === Infinity ? "ERANGE" : "";
  return r;
}

function tanh(z: PyComplex): PyComplex {
  if (!finite(z)) {
    if (infiniteOverNonzero(z)) return c(z.re > 0 ? 1 : -1, copysign(0, 2 * sinGlibc(z.im) * cosGlibc(z.im)));
    return special(TANH, TANH_EDOM, z);
  }
  if (Math.abs(z.re) > LOG_LARGE) {
    return c(copysign(1, z.re), 4 * sinGlibc(z.im) * cosGlibc(z.im) * expGlibc(-2 * Math.abs(z.re)));
  }
  const tx = tanhGlibc(z.re);
  const ty = tanGlibc(z.im);
  const cx = 1 / coshGlibc(z.re);
  const txty = tx * ty;
  const denom = 1 + txty * txty;
  return c((tx * (1 + ty * ty)) / denom, ((ty / denom) * cx) * cx);
}

function cos(z: PyComplex): PyComplex {
  return cosh(c(-z.im, z.re));
}

function sin(z: PyComplex): PyComplex {
  const s = sinh(c(-z.im, z.re));
  return c(s.im, -s.re);
}

function tan(z: PyComplex): PyComplex {
  const s = tanh(c(-z.im, z.re));
  return c(s.im, -s.re);
}

/** The class of a part as CPython's tables index it: -inf, negative, -0, +0, positive, +inf, nan. */
function specialType(d: number): number {
  if (Number.isFinite(d)) {
    if (d !== 0) return d > 0 ? 4 : 1;
    return Object.is(d, -0) ? 2 : 3;
  }
  if (d !== d) return 6;
  return d > 0 ? 5 : 0;
}

/** CPython's result for an argument with an infinite or NaN part (cmath-special.ts), EDOM set for its ValueError cases. */
function special(table: Float64Array, edom: readonly number[], z: PyComplex): PyComplex {
  const k = 7 * specialType(z.re) + specialType(z.im);
  errno = edom.includes(k) ? "EDOM" : "";
  return c(table[2 * k]!, table[2 * k + 1]!);
}

/** An infinite real part over a finite nonzero imaginary one: cosh, sinh and tanh compute these from sin and cos. */
function infiniteOverNonzero(z: PyComplex): boolean {
  return Math.abs(z.re) === Infinity && Number.isFinite(z.im) && z.im !== 0;
}

function checked(f: (z: PyComplex) => PyComplex): (x: unknown) => PyComplex {
  return (x: unknown) => {
    const z = arg(x);
    errno = "";
    const r = f(z);
    raiseForErrno();
    return r;
  };
}

function logWithBase(x: unknown, base?: unknown): PyComplex {
  errno = "";
  let r = log(arg(x));
  if (base !== undefined) {
    const b = log(arg(base));
    r = quotient(r, b);
  }
  raiseForErrno();
  return r;
}

function phase(x: unknown): number {
  const z = arg(x);
  const r = atan2Glibc(z.im, z.re);
  // The C library's atan2 sets ERANGE when a nonzero y over a finite x underflows to 0.
  if (r === 0 && z.im !== 0 && Number.isFinite(z.re)) throw new OverflowError("math range error");
  return r;
}

function polar(x: unknown): Tuple<number> {
  const z = arg(x);
  // atan2's ERANGE is cleared by the absolute value's computation, as in CPython.
  const phi = atan2Glibc(z.im, z.re);
  const r = hypotExact(z.re, z.im);
  if (r === Infinity && Number.isFinite(z.re) && Number.isFinite(z.im)) throw new OverflowError("math range error");
  return Tuple.of(r, phi);
}

function rect(r: unknown, phi: unknown): PyComplex {
  const radius = realArg(r);
  const angle = realArg(phi);
  if (!Number.isFinite(radius) || !Number.isFinite(angle)) {
    const z = c(radius, angle);
    if (infiniteOverNonzero(z)) {
      const re = copysign(Infinity, cosGlibc(angle));
      const im = copysign(Infinity, sinGlibc(angle));
      return radius > 0 ? c(re, im) : c(-re, -im);
    }
    errno = "";
    const r = special(RECT, RECT_EDOM, z);
    raiseForErrno();
    return r;
  }
  if (angle === 0) return c(radius, radius * angle);
  return c(radius * cosGlibc(angle), radius * sinGlibc(angle));
}

function isclose(...args: unknown[]): boolean {
  const [pos, kws] = splitKw(args);
  const a = arg(pos[0] ?? kws["a"]);
  const b = arg(pos[1] ?? kws["b"]);
  const relTol = realArg(kws["rel_tol"] ?? 1e-9);
  const absTol = realArg(kws["abs_tol"] ?? 0);
  if (relTol < 0 || absTol < 0) throw new ValueError("tolerances must be non-negative");
  if (a.re === b.re && a.im === b.im) return true;
  if (!finite(a) || !finite(b)) return false;
  const diff = complexAbs(c(a.re - b.re, a.im - b.im));
  return diff <= relTol * complexAbs(b) || diff <= relTol * complexAbs(a) || diff <= absTol;
}

export const cmathModule = moduleObject("cmath", {
  pi: Math.PI,
  e: Math.E,
  tau: 2 * Math.PI,
  inf: Infinity,
  nan: NaN,
  infj: new PyComplex(0, Infinity),
  nanj: new PyComplex(0, NaN),
  sqrt: checked(sqrt),
  exp: checked(exp),
  log: logWithBase,
  log10: (x: unknown): PyComplex => {
    const r = logWithBase(x);
    return c(r.re / Math.LN10, r.im / Math.LN10);
  },
  acos: checked(acos),
  acosh: checked(acosh),
  asin: checked(asin),
  asinh: checked(asinh),
  atan: checked(atan),
  atanh: checked(atanh),
  cos: checked(cos),
  cosh: checked(cosh),
  sin: checked(sin),
  sinh: checked(sinh),
  tan: checked(tan),
  tanh: checked(tanh),
  phase,
  polar,
  rect,
  isfinite: (x: unknown): boolean => finite(arg(x)),
  isinf: (x: unknown): boolean => {
    const z = arg(x);
    return Math.abs(z.re) === Infinity || Math.abs(z.im) === Infinity;
  },
  isnan: (x: unknown): boolean => {
    const z = arg(x);
    return Number.isNaN(z.re) || Number.isNaN(z.im);
  },
  isclose,
});

for (const [name, value] of Object.entries(cmathModule)) {
  if (typeof value === "function") builtinFunction(value, name);
}
