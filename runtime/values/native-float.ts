// Helpers of the lowering's float facts (src/lower/float-facts.ts): arithmetic of values it
// proved floats (JS numbers) and ints (Ints, see small-int.ts) that JS's operators alone
// cannot do as CPython does.

import { asFloat, floatPow, intTrueDiv } from "./arithmetic.js";
import { ZeroDivisionError } from "./exceptions.js";
import type { Int } from "./small-int.js";

/** An int operand of float arithmetic: converted as CPython does (OverflowError past the float range). */
export function floatI(x: Int): number {
  return typeof x === "number" ? x : asFloat(x);
}

/** `a / b` of two floats. */
export function truedivF(a: number, b: number): number {
  if (b === 0) throw new ZeroDivisionError("float division by zero");
  return a / b;
}

/** `a / b` of two ints: correctly rounded (two safe integers convert exactly, one division rounds). */
export function truedivI(a: Int, b: Int): number {
  if (typeof a === "number" && typeof b === "number") {
    if (b === 0) throw new ZeroDivisionError("division by zero");
    return a / b;
  }
  return intTrueDiv(typeof a === "bigint" ? a : BigInt(a), typeof b === "bigint" ? b : BigInt(b));
}

/**
 * `a ** b` of two floats the lowering proved give a float: a base that cannot be negative, or
 * an integral exponent (float-facts.ts floatPower). ZeroDivisionError and OverflowError as CPython's.
 */
export function powF(a: number, b: number): number {
  return floatPow(a, b) as number;
}

/**
 * Is `obj[at]` (`at` >= 0) a float item of a plain list? Then `obj[at] op= x` of a float `x` is
 * JS's operator on the item in place (src/lower/targets.ts floatItemUpdate): a list subclass,
 * an int item or an index out of range take the general update.
 */
export function floatItemAt(obj: unknown, at: number): boolean {
  return Array.isArray(obj) && typeof obj[at] === "number" && Object.getPrototypeOf(obj) === Array.prototype;
}
