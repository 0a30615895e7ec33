// decimal.Context's arithmetic methods: each is the Decimal operation under that context.

import { Context, getcontext, setcontext } from "./decimal-context.js";
import { num } from "./decimal-number.js";
import { finish } from "./decimal-ops.js";
import { Decimal } from "./decimal.js";

const wrap = (n: ReturnType<typeof num>): Decimal => Decimal.of(n);

/** Runs `op` with `ctx` as the current context (a Context's methods are Decimal's under it). */
function under<T>(ctx: Context, op: () => T): T {
  const saved = getcontext();
  setcontext(ctx);
  try {
    return op();
  } finally {
    setcontext(saved);
  }
}

const toDecimal = (x: unknown): Decimal => (x instanceof Decimal ? x : new Decimal(x));

// The Context methods: each converts its operands and applies the Decimal operation.
const CONTEXT_METHODS: Record<string, (this: Context, ...args: unknown[]) => unknown> = {
  create_decimal(value: unknown = "0") {
    return under(this, () => wrap(finish(toDecimal(value).n, this)));
  },
  create_decimal_from_float(f: unknown) {
    return under(this, () => wrap(finish(Decimal.from_float(f).n, this)));
  },
  abs(a: unknown) { return under(this, () => toDecimal(a).__abs__()); },
  plus(a: unknown) { return under(this, () => toDecimal(a).__pos__()); },
  minus(a: unknown) { return under(this, () => toDecimal(a).__neg__()); },
  add(a: unknown, b: unknown) { return under(this, () => toDecimal(a).__add__(toDecimal(b))); },
  subtract(a: unknown, b: unknown) { return under(this, () => toDecimal(a).__sub__(toDecimal(b))); },
  multiply(a: unknown, b: unknown) { return under(this, () => toDecimal(a).__mul__(toDecimal(b))); },
  divide(a: unknown, b: unknown) { return under(this, () => toDecimal(a).__truediv__(toDecimal(b))); },
  divide_int(a: unknown, b: unknown) { return under(this, () => toDecimal(a).__floordiv__(toDecimal(b))); },
  remainder(a: unknown, b: unknown) { return under(this, () => toDecimal(a).__mod__(toDecimal(b))); },
  divmod(a: unknown, b: unknown) { return under(this, () => toDecimal(a).__divmod__(toDecimal(b))); },
  power(a: unknown, b: unknown, modulo: unknown = null) { return under(this, () => toDecimal(a).__pow__(toDecimal(b), modulo)); },
  sqrt(a: unknown) { return under(this, () => toDecimal(a).sqrt()); },
  exp(a: unknown) { return under(this, () => toDecimal(a).exp()); },
  ln(a: unknown) { return under(this, () => toDecimal(a).ln()); },
  log10(a: unknown) { return under(this, () => toDecimal(a).log10()); },
  logb(a: unknown) { return under(this, () => toDecimal(a).logb()); },
  quantize(a: unknown, b: unknown) { return under(this, () => toDecimal(a).quantize(toDecimal(b))); },
  normalize(a: unknown) { return under(this, () => toDecimal(a).normalize()); },
  compare(a: unknown, b: unknown) { return under(this, () => toDecimal(a).compare(toDecimal(b))); },
  max(a: unknown, b: unknown) { return under(this, () => toDecimal(a).max(toDecimal(b))); },
  min(a: unknown, b: unknown) { return under(this, () => toDecimal(a).min(toDecimal(b))); },
  fma(a: unknown, b: unknown, c: unknown) { return under(this, () => toDecimal(a).fma(b, c)); },
  scaleb(a: unknown, b: unknown) { return under(this, () => toDecimal(a).scaleb(b)); },
  remainder_near(a: unknown, b: unknown) { return under(this, () => toDecimal(a).remainder_near(b)); },
  to_integral_value(a: unknown) { return under(this, () => toDecimal(a).to_integral_value()); },
  to_integral(a: unknown) { return under(this, () => toDecimal(a).to_integral_value()); },
  to_integral_exact(a: unknown) { return under(this, () => toDecimal(a).to_integral_exact()); },
  to_sci_string(a: unknown) { return under(this, () => toDecimal(a).__str__()); },
  to_eng_string(a: unknown) { return under(this, () => toDecimal(a).to_eng_string()); },
  copy_abs(a: unknown) { return toDecimal(a).copy_abs(); },
  copy_negate(a: unknown) { return toDecimal(a).copy_negate(); },
  copy_sign(a: unknown, b: unknown) { return toDecimal(a).copy_sign(b); },
  copy_decimal(a: unknown) { return toDecimal(a); },
  number_class(a: unknown) { return toDecimal(a).number_class(this); },
  same_quantum(a: unknown, b: unknown) { return toDecimal(a).same_quantum(b); },
  is_zero(a: unknown) { return toDecimal(a).is_zero(); },
  is_signed(a: unknown) { return toDecimal(a).is_signed(); },
  is_nan(a: unknown) { return toDecimal(a).is_nan(); },
  is_qnan(a: unknown) { return toDecimal(a).is_qnan(); },
  is_snan(a: unknown) { return toDecimal(a).is_snan(); },
  is_finite(a: unknown) { return toDecimal(a).is_finite(); },
  is_infinite(a: unknown) { return toDecimal(a).is_infinite(); },
  is_normal(a: unknown) { return toDecimal(a).is_normal(this); },
  is_subnormal(a: unknown) { return toDecimal(a).is_subnormal(this); },
  is_canonical(a: unknown) { return toDecimal(a).is_canonical(); },
  canonical(a: unknown) { return toDecimal(a); },
  radix() { return wrap(num(0, 10n, 0)); },
  logical_and(a: unknown, b: unknown) { return toDecimal(a).logical_and(b, this); },
  logical_or(a: unknown, b: unknown) { return toDecimal(a).logical_or(b, this); },
  logical_xor(a: unknown, b: unknown) { return toDecimal(a).logical_xor(b, this); },
  logical_invert(a: unknown) { return toDecimal(a).logical_invert(this); },
  rotate(a: unknown, b: unknown) { return toDecimal(a).rotate(b, this); },
  shift(a: unknown, b: unknown) { return toDecimal(a).shift(b, this); },
  next_plus(a: unknown) { return toDecimal(a).next_plus(this); },
  next_minus(a: unknown) { return toDecimal(a).next_minus(this); },
  next_toward(a: unknown, b: unknown) { return toDecimal(a).next_toward(b, this); },
  compare_total(a: unknown, b: unknown) { return toDecimal(a).compare_total(b); },
  compare_total_mag(a: unknown, b: unknown) { return toDecimal(a).compare_total_mag(b); },
  compare_signal(a: unknown, b: unknown) { return toDecimal(a).compare_signal(b, this); },
  max_mag(a: unknown, b: unknown) { return toDecimal(a).max_mag(b, this); },
  min_mag(a: unknown, b: unknown) { return toDecimal(a).min_mag(b, this); },
};
/** Adds the methods to Context (called by decimal.ts once Decimal exists). */
export function installContextMethods(): void {
  for (const [name, fn] of Object.entries(CONTEXT_METHODS)) {
    Object.defineProperty(Context.prototype, name, { value: fn, writable: true, configurable: true });
  }
}
