// decimal's powers: integral exponents exactly, 0.5 as a square root, others through
// exp(y * ln x); and three-argument pow() on integral Decimals.

import { modPow } from "../values/hash64.js";
import type { Context } from "./decimal-context.js";
import { num, pow10, type Num } from "./decimal-number.js";
import { divide, nanResult, powerInteger, squareRoot } from "./decimal-ops.js";
import { InvalidOperation } from "./decimal-signals.js";
import { powerReal } from "./decimal-transcendental.js";

/** `x ** y`: integral exponents exactly; others through exp(y * ln x) when x > 0. */
export function power(x: Num, y: Num, ctx: Context): Num {
  const nan = nanResult(ctx, x, y);
  if (nan) return nan;
  if (y.kind === "finite" && (y.exp >= 0 || y.coeff % pow10(-y.exp) === 0n)) {
    const magnitude = y.exp >= 0 ? y.coeff * pow10(y.exp) : y.coeff / pow10(-y.exp);
    return powerInteger(x, y.sign ? -magnitude : magnitude, ctx);
  }
  if (y.kind === "finite" && y.exp === -1 && y.coeff === 5n && x.kind === "finite" && x.sign === 0) {
    // x ** 0.5 and x ** -0.5: the square root, correctly rounded.
    const root = squareRoot(x, ctx);
    return y.sign ? divide(num(0, 1n, 0), root, ctx) : root;
  }
  return powerReal(x, y, ctx);
}

export function powerModulo(x: Num, y: Num, m: Num): Num {
  const integer = (n: Num): bigint => {
    if (n.kind !== "finite" || (n.exp < 0 && n.coeff % pow10(-n.exp) !== 0n)) throw new InvalidOperation([InvalidOperation]);
    const v = n.exp >= 0 ? n.coeff * pow10(n.exp) : n.coeff / pow10(-n.exp);
    return n.sign ? -v : v;
  };
  const base = integer(x);
  const exponent = integer(y);
  const mod = integer(m);
  if (exponent < 0n || mod === 0n) throw new InvalidOperation([InvalidOperation]);
  const absMod = mod < 0n ? -mod : mod;
  let r = modPow(((base % absMod) + absMod) % absMod, exponent, absMod);
  if (base < 0n && exponent % 2n === 1n && r !== 0n) r = r - absMod;
  return num(r < 0n ? 1 : 0, r < 0n ? -r : r, 0);
}

