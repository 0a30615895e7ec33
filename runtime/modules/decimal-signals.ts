// decimal's signals (exception classes), conditions and rounding modes, as CPython 3.11's
// C implementation names and orders them.

import { inheritFrom } from "../lang/mro.js";
import { ArithmeticError, PyTypeError, ZeroDivisionError } from "../values/exceptions.js";

export class DecimalException extends ArithmeticError {
  static readonly __module__ = "decimal";
}
export class Clamped extends DecimalException {}
export class InvalidOperation extends DecimalException {}
export class DivisionByZero extends DecimalException {}
export class Inexact extends DecimalException {}
export class Rounded extends DecimalException {}
export class Subnormal extends DecimalException {}
export class Overflow extends Inexact {}
export class Underflow extends Inexact {}
export class FloatOperation extends DecimalException {}
// Conditions: InvalidOperation raised for a more precise reason (named in the message).
export class ConversionSyntax extends InvalidOperation {}
export class DivisionImpossible extends InvalidOperation {}
export class DivisionUndefined extends InvalidOperation {}
export class InvalidContext extends InvalidOperation {}

for (const cls of [Clamped, InvalidOperation, DivisionByZero, Inexact, Rounded, Subnormal, Overflow, Underflow, FloatOperation, ConversionSyntax, DivisionImpossible, DivisionUndefined, InvalidContext]) {
  Object.defineProperty(cls, "__module__", { value: "decimal" });
}
// The C implementation's extra bases: DivisionByZero is a ZeroDivisionError, and so on.
inheritFrom(DivisionByZero, [DecimalException, ZeroDivisionError]);
inheritFrom(Overflow, [Inexact, Rounded]);
inheritFrom(Underflow, [Inexact, Rounded, Subnormal]);
inheritFrom(FloatOperation, [DecimalException, PyTypeError]);
inheritFrom(DivisionUndefined, [InvalidOperation, ZeroDivisionError]);

export type Signal =
  | typeof Clamped | typeof InvalidOperation | typeof DivisionByZero | typeof Inexact | typeof Rounded
  | typeof Subnormal | typeof Overflow | typeof Underflow | typeof FloatOperation;
export type Condition = Signal | typeof ConversionSyntax | typeof DivisionImpossible | typeof DivisionUndefined | typeof InvalidContext;

/** The order of a context's flags and traps mappings (and of a raised exception's list). */
export const SIGNAL_ORDER: readonly Signal[] = [
  InvalidOperation, FloatOperation, DivisionByZero, Overflow, Underflow, Subnormal, Inexact, Rounded, Clamped,
];
/** The order a Context's repr lists its signals in. */
export const REPR_ORDER: readonly Signal[] = [
  Clamped, InvalidOperation, DivisionByZero, Inexact, FloatOperation, Overflow, Rounded, Subnormal, Underflow,
];

/** The signal a condition raises (a condition of InvalidOperation raises InvalidOperation). */
export function signalOf(condition: Condition): Signal {
  return condition.prototype instanceof InvalidOperation ? InvalidOperation : (condition as Signal);
}

export const ROUNDING_MODES = [
  "ROUND_UP", "ROUND_DOWN", "ROUND_CEILING", "ROUND_FLOOR", "ROUND_HALF_UP", "ROUND_HALF_DOWN", "ROUND_HALF_EVEN", "ROUND_05UP",
] as const;
export type Rounding = (typeof ROUNDING_MODES)[number];
