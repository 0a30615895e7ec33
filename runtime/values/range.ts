// Python's range: a lazy arithmetic sequence of ints.

import { PyTypeError, ValueError } from "./exceptions.js";
import { isIntLike, toBigInt } from "./numeric.js";
import { asIndex, normalizeIndex, Slice } from "./slice.js";
import { typeName } from "./typename.js";
import { IndexError } from "./exceptions.js";
import { SMALL_BIGINTS, SMALL_COUNT } from "./small-bigints.js";

function rangeArg(x: unknown): bigint {
  const i = asIndex(x);
  if (i === undefined) throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
  return i;
}

export class Range implements Iterable<bigint> {
  static readonly pythonName = "range";
  readonly start: bigint;
  readonly stop: bigint;
  readonly step: bigint;

  constructor(start: bigint, stop: bigint, step: bigint) {
    this.start = start;
    this.stop = stop;
    this.step = step;
  }

  get length(): bigint {
    const { start, stop, step } = this;
    if (step > 0n) return start < stop ? (stop - start + step - 1n) / step : 0n;
    return start > stop ? (start - stop - step - 1n) / -step : 0n;
  }

  [Symbol.iterator](): Iterator<bigint> {
    const { start, stop, step } = this;
    // Every value below SMALL_COUNT and not negative: counted with numbers, handed out shared.
    if (step > 0n ? start >= 0n && stop <= SMALL_LIMIT : stop >= -1n && start < SMALL_LIMIT) {
      return new SmallRangeIterator(Number(start), Number(stop), Number(step));
    }
    return new RangeIterator(start, stop, step);
  }

  __len__(): bigint {
    return this.length;
  }

  __contains__(x: unknown): boolean {
    let n: bigint;
    if (isIntLike(x)) n = toBigInt(x);
    else if (typeof x === "number" && Number.isInteger(x)) n = BigInt(x);
    else if (typeof x === "number") return false;
    else {
      for (const item of this) if (item === x) return true;
      return false;
    }
    const { start, stop, step } = this;
    const inside = step > 0n ? n >= start && n < stop : n <= start && n > stop;
    return inside && (n - start) % step === 0n;
  }

  __getitem__(key: unknown): any {
    if (key instanceof Slice) {
      const len = Number(this.length);
      const [start, stop, step] = key.resolve(len);
      const at = (i: number) => this.start + BigInt(i) * this.step;
      return new Range(at(start), at(stop), this.step * BigInt(step));
    }
    const i = asIndex(key);
    if (i === undefined) throw new PyTypeError(`range indices must be integers or slices, not ${typeName(key)}`);
    const len = this.length;
    const k = i < 0n ? i + len : i;
    if (k < 0n || k >= len) throw new IndexError("range object index out of range");
    void normalizeIndex;
    return this.start + k * this.step;
  }

  __eq__(other: unknown): boolean {
    if (!(other instanceof Range)) return false;
    const len = this.length;
    if (len !== other.length) return false;
    if (len === 0n) return true;
    if (this.start !== other.start) return false;
    return len === 1n || this.step === other.step;
  }

  __hash__(): bigint {
    return this.length * 1000003n + (this.length > 0n ? this.start : 0n);
  }

  __repr__(): string {
    const base = `range(${this.start}, ${this.stop}`;
    return this.step === 1n ? base + ")" : `${base}, ${this.step})`;
  }

  index(x: unknown): bigint {
    if (!this.__contains__(x)) throw new ValueError(`${String(x)} is not in range`);
    return (toBigInt(x as bigint) - this.start) / this.step;
  }

  count(x: unknown): bigint {
    return this.__contains__(x) ? 1n : 0n;
  }
}

/** `range(stop)`, `range(start, stop[, step])`. */
export function makeRange(...args: unknown[]): Range {
  if (args.length === 0) throw new PyTypeError("range expected at least 1 argument, got 0");
  if (args.length > 3) throw new PyTypeError(`range expected at most 3 arguments, got ${args.length}`);
  const [a, b, c] = args.map(rangeArg);
  if (args.length === 1) return new Range(0n, a!, 1n);
  const step = c ?? 1n;
  if (step === 0n) throw new ValueError("range() arg 3 must not be zero");
  return new Range(a!, b!, step);
}

const SMALL_LIMIT = BigInt(SMALL_COUNT);

/**
 * Counting through a range whose values are all small ints: the count is a number and the
 * values are the shared bigints, so no bigint is made per step. (For larger values a bigint
 * addition measured cheaper than converting a number: those ranges keep RangeIterator.) A huge
 * step becomes a huge or infinite number, past the stop all the same.
 */
class SmallRangeIterator implements Iterator<bigint> {
  constructor(
    private next_: number,
    private readonly stop: number,
    private readonly step: number,
  ) {}

  next(): IteratorResult<bigint> {
    const value = this.next_;
    if (this.step > 0 ? value >= this.stop : value <= this.stop) return { done: true, value: undefined };
    this.next_ = value + this.step;
    return { done: false, value: SMALL_BIGINTS[value]! };
  }

  [Symbol.iterator](): Iterator<bigint> {
    return this;
  }
}

/** Counting through a range: a plain iterator object is much cheaper than a generator here. */
// (range's Python attributes; its runtime helpers are none: python-names.ts)
Object.defineProperty(Range, Symbol.for("pyts.pythonNames"), { value: "start stop step count index" });

class RangeIterator implements Iterator<bigint> {
  constructor(
    private next_: bigint,
    private readonly stop: bigint,
    private readonly step: bigint,
  ) {}

  next(): IteratorResult<bigint> {
    const value = this.next_;
    if (this.step > 0n ? value >= this.stop : value <= this.stop) return { done: true, value: undefined };
    this.next_ = value + this.step;
    return { done: false, value };
  }

  [Symbol.iterator](): Iterator<bigint> {
    return this;
  }
}
