// Operations of a proven-int local (an Int: a number while safe, else a bigint; see
// small-int.ts) with a value of any type, as `i < limit`, `i / n`, `x0 + i` compile when only
// one side is known to be an int. Every other int in the runtime is a bigint, so a JS number
// on the other side is a Python float, and a bigint is an int: both compare with the Int
// exactly as JS compares them, and an Int (safe, so exact as a float) with a float computes
// as JS does. Anything else (bools, subclasses, objects with dunders) takes the general helper
// with the Int as a bigint, the operands in their order, so dunders and errors are as before.

import { add, mul, sub, truediv } from "./arithmetic.js";
import { eq, ge, gt, le, lt, ne } from "./compare.js";
import { ZeroDivisionError } from "./exceptions.js";
import { big, intOf, type Int } from "./small-int.js";

/** Comparison operators of `compareI`, in this order. */
const COMPARE = [lt, le, gt, ge, eq, ne];

/**
 * `a OP b` where `a` (intSide 0) or `b` (intSide 1) is an Int. OP: 0 `<`, 1 `<=`, 2 `>`,
 * 3 `>=`, 4 `==`, 5 `!=`.
 */
export function compareI(a: unknown, b: unknown, op: number, intSide: number): boolean {
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === "number" || ta === "bigint") && (tb === "number" || tb === "bigint")) {
    const x = a as number;
    const y = b as number;
    switch (op) {
      case 0:
        return x < y;
      case 1:
        return x <= y;
      case 2:
        return x > y;
      case 3:
        return x >= y;
      case 4:
        return x == y;
      default:
        return x != y;
    }
  }
  return COMPARE[op]!(intSide === 0 ? big(a as Int) : a, intSide === 1 ? big(b as Int) : b);
}

const ARITHMETIC = [add, sub, mul, truediv];
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_BIG = BigInt(MAX_SAFE);

/**
 * `a OP b` where `a` (intSide 0) or `b` (intSide 1) is an Int and the other side may be
 * anything. OP: 0 `+`, 1 `-`, 2 `*`, 3 `/`.
 */
export function arithI(a: unknown, b: unknown, op: number, intSide: number): unknown {
  if (typeof a === "number" && typeof b === "number") {
    // A safe int with a float: the int converts to the float it equals, as in CPython.
    switch (op) {
      case 0:
        return a + b;
      case 1:
        return a - b;
      case 2:
        return a * b;
      default:
        if (b === 0) throw new ZeroDivisionError("float division by zero");
        return a / b;
    }
  }
  if (op < 3 && typeof (intSide === 0 ? b : a) === "bigint" && typeof (intSide === 0 ? a : b) === "number") {
    // An int (a list item, a parameter: a bigint) with the Int: number arithmetic when both
    // are safe, the result handed out as a bigint, shared when small (`vec[i] + i`: none made).
    const x = typeof a === "bigint" ? intOf(a) : (a as number);
    const y = typeof b === "bigint" ? intOf(b) : (b as number);
    if (typeof x === "number" && typeof y === "number") {
      const r = op === 0 ? x + y : op === 1 ? x - y : x * y;
      // (`+ 0`: the int product -3 * 0 is 0, not JS's -0)
      if (r <= MAX_SAFE && r >= -MAX_SAFE) return big(r + 0);
    }
  }
  if (op === 3) {
    // int / int of two safe ints: both exact as doubles, so one IEEE division is the
    // correctly rounded quotient CPython gives.
    const x = typeof a === "number" && intSide === 0 ? a : typeof a === "bigint" && a <= MAX_BIG && a >= -MAX_BIG ? Number(a) : null;
    const y = typeof b === "number" && intSide === 1 ? b : typeof b === "bigint" && b <= MAX_BIG && b >= -MAX_BIG ? Number(b) : null;
    if (x !== null && y !== null && y !== 0) return x / y;
  }
  return ARITHMETIC[op]!(intSide === 0 ? big(a as Int) : a, intSide === 1 ? big(b as Int) : b);
}
