// `datetime.timedelta`: a duration held exactly as a whole number of microseconds, normalised
// to CPython's (days, seconds, microseconds) with 0 <= seconds < 86400, 0 <= microseconds < 1e6.

import { OverflowError, PyTypeError, ZeroDivisionError } from "../values/exceptions.js";
import { Tuple } from "../values/tuple.js";
import { splitKw } from "../values/kwargs.js";
import { typeName } from "../values/typename.js";
import { NotImplementedValue, pad, toNumber } from "./callable-class.js";
import { Ordered } from "./ordered.js";

export const US_PER_SECOND = 1_000_000n;
export const US_PER_DAY = 86_400n * US_PER_SECOND;
const MAX_DAYS = 999_999_999n;

/** Microseconds per unit of each constructor keyword, in CPython's positional order. */
const UNITS: ReadonlyArray<readonly [string, bigint]> = [
  ["days", US_PER_DAY],
  ["seconds", US_PER_SECOND],
  ["microseconds", 1n],
  ["milliseconds", 1000n],
  ["minutes", 60n * US_PER_SECOND],
  ["hours", 3600n * US_PER_SECOND],
  ["weeks", 7n * US_PER_DAY],
];

/** Floor division and modulo on bigints, rounding toward negative infinity like Python. */
export function floorDivMod(a: bigint, b: bigint): [bigint, bigint] {
  let q = a / b;
  let r = a % b;
  if (r !== 0n && (r < 0n) !== (b < 0n)) {
    q -= 1n;
    r += b;
  }
  return [q, r];
}

/** Rounds a float to the nearest integer, ties to even (CPython's round()). */
export function roundHalfEven(x: number): bigint {
  const floor = Math.floor(x);
  const diff = x - floor;
  let n = floor;
  if (diff > 0.5 || (diff === 0.5 && floor % 2 !== 0)) n = floor + 1;
  return BigInt(n);
}

/** A constructor argument: ints stay exact, floats are rounded to whole microseconds. */
function microsecondsOf(value: unknown, unit: bigint): bigint | number {
  if (typeof value === "bigint") return value * unit;
  if (typeof value === "boolean") return value ? unit : 0n;
  if (typeof value === "number") return value * Number(unit);
  throw new PyTypeError(`unsupported type for timedelta component: ${typeName(value)}`);
}

export class timedelta extends Ordered {
  static pythonName = "timedelta";
  static readonly tpName = "datetime.timedelta";
  static __module__ = "datetime";
  static min: timedelta;
  static max: timedelta;
  static resolution: timedelta;

  /** The whole duration in microseconds. */
  readonly totalMicroseconds: bigint;

  constructor(...args: unknown[]) {
    super();
    const [positional, keywords] = splitKw(args);
    if (positional.length > UNITS.length) {
      throw new PyTypeError(`timedelta expected at most ${UNITS.length} arguments, got ${positional.length}`);
    }
    let exact = 0n;
    let fractional = 0;
    UNITS.forEach(([name, unit], i) => {
      const value = i < positional.length ? positional[i] : keywords[name];
      if (i < positional.length && name in keywords) {
        throw new PyTypeError(`argument for timedelta() given by name ('${name}') and position (${i + 1})`);
      }
      if (value === undefined || value === null) return;
      const us = microsecondsOf(value, unit);
      if (typeof us === "bigint") exact += us;
      else fractional += us;
    });
    for (const name of Object.keys(keywords)) {
      if (!UNITS.some(([n]) => n === name)) {
        throw new PyTypeError(`'${name}' is an invalid keyword argument for __new__()`);
      }
    }
    this.totalMicroseconds = timedelta.checked(exact + roundHalfEven(fractional));
  }

  private static checked(us: bigint): bigint {
    const days = floorDivMod(us, US_PER_DAY)[0];
    if (days > MAX_DAYS || days < -MAX_DAYS) {
      throw new OverflowError(`days=${days}; must have magnitude <= ${MAX_DAYS}`);
    }
    return us;
  }

  /** A timedelta of exactly `us` microseconds. */
  static fromMicroseconds(us: bigint): timedelta {
    return new timedelta(0n, 0n, us);
  }

  get days(): bigint {
    return floorDivMod(this.totalMicroseconds, US_PER_DAY)[0];
  }
  get seconds(): bigint {
    return floorDivMod(this.totalMicroseconds, US_PER_DAY)[1] / US_PER_SECOND;
  }
  get microseconds(): bigint {
    return floorDivMod(this.totalMicroseconds, US_PER_SECOND)[1];
  }

  total_seconds(): number {
    return Number(this.totalMicroseconds) / 1e6;
  }

  __str__(): string {
    const days = this.days;
    const secs = Number(this.seconds);
    let text = `${Math.floor(secs / 3600)}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
    if (days !== 0n) text = `${days} day${days === 1n || days === -1n ? "" : "s"}, ${text}`;
    const us = this.microseconds;
    if (us !== 0n) text += "." + pad(Number(us), 6);
    return text;
  }

  __repr__(): string {
    const parts: string[] = [];
    if (this.days !== 0n) parts.push(`days=${this.days}`);
    if (this.seconds !== 0n) parts.push(`seconds=${this.seconds}`);
    if (this.microseconds !== 0n) parts.push(`microseconds=${this.microseconds}`);
    return `datetime.timedelta(${parts.length > 0 ? parts.join(", ") : "0"})`;
  }

  toString(): string {
    return this.__str__();
  }

  __bool__(): boolean {
    return this.totalMicroseconds !== 0n;
  }
  __hash__(): bigint {
    return this.totalMicroseconds;
  }

  __add__(other: unknown): any {
    if (other instanceof timedelta) return timedelta.fromMicroseconds(this.totalMicroseconds + other.totalMicroseconds);
    return NotImplementedValue;
  }
  __radd__(other: unknown): any {
    return this.__add__(other);
  }
  __sub__(other: unknown): any {
    if (other instanceof timedelta) return timedelta.fromMicroseconds(this.totalMicroseconds - other.totalMicroseconds);
    return NotImplementedValue;
  }
  __rsub__(other: unknown): any {
    if (other instanceof timedelta) return other.__sub__(this);
    return NotImplementedValue;
  }
  __neg__(): timedelta {
    return timedelta.fromMicroseconds(-this.totalMicroseconds);
  }
  __pos__(): timedelta {
    return this;
  }
  __abs__(): timedelta {
    return this.totalMicroseconds < 0n ? this.__neg__() : this;
  }
  __mul__(other: unknown): any {
    if (typeof other === "bigint" || typeof other === "boolean") {
      return timedelta.fromMicroseconds(this.totalMicroseconds * BigInt(toNumber(other)));
    }
    if (typeof other === "number") {
      return timedelta.fromMicroseconds(roundHalfEven(Number(this.totalMicroseconds) * other));
    }
    return NotImplementedValue;
  }
  __rmul__(other: unknown): any {
    return this.__mul__(other);
  }
  __truediv__(other: unknown): any {
    if (other instanceof timedelta) {
      if (other.totalMicroseconds === 0n) throw new ZeroDivisionError("division by zero");
      return Number(this.totalMicroseconds) / Number(other.totalMicroseconds);
    }
    if (typeof other === "bigint" || typeof other === "number" || typeof other === "boolean") {
      const divisor = toNumber(other);
      if (divisor === 0) throw new ZeroDivisionError("division by zero");
      return timedelta.fromMicroseconds(roundHalfEven(Number(this.totalMicroseconds) / divisor));
    }
    return NotImplementedValue;
  }
  __floordiv__(other: unknown): any {
    if (other instanceof timedelta) {
      if (other.totalMicroseconds === 0n) throw new ZeroDivisionError("integer division or modulo by zero");
      return floorDivMod(this.totalMicroseconds, other.totalMicroseconds)[0];
    }
    if (typeof other === "bigint") {
      if (other === 0n) throw new ZeroDivisionError("integer division or modulo by zero");
      return timedelta.fromMicroseconds(floorDivMod(this.totalMicroseconds, other)[0]);
    }
    return NotImplementedValue;
  }
  __mod__(other: unknown): any {
    if (other instanceof timedelta) {
      if (other.totalMicroseconds === 0n) throw new ZeroDivisionError("integer division or modulo by zero");
      return timedelta.fromMicroseconds(floorDivMod(this.totalMicroseconds, other.totalMicroseconds)[1]);
    }
    return NotImplementedValue;
  }

  __divmod__(other: unknown): any {
    if (!(other instanceof timedelta)) return NotImplementedValue;
    if (other.totalMicroseconds === 0n) throw new ZeroDivisionError("integer division or modulo by zero");
    const [q, r] = floorDivMod(this.totalMicroseconds, other.totalMicroseconds);
    return Tuple.of(q, timedelta.fromMicroseconds(r));
  }

  protected compare(other: unknown): number | undefined {
    if (!(other instanceof timedelta)) return undefined;
    const d = this.totalMicroseconds - other.totalMicroseconds;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
}

timedelta.min = timedelta.fromMicroseconds(-MAX_DAYS * US_PER_DAY);
timedelta.max = timedelta.fromMicroseconds(MAX_DAYS * US_PER_DAY + US_PER_DAY - 1n);
timedelta.resolution = timedelta.fromMicroseconds(1n);
