// Python's slice objects and the index arithmetic shared by every sequence type.

import { defineType } from "./builtin-type.js";
import { PyTypeError, ValueError } from "./exceptions.js";
import { isIntLike, toBigInt } from "./numeric.js";
import { repr } from "./repr.js";
import { Tuple } from "./tuple.js";
import { eq } from "./compare.js";
import { NotImplemented } from "./singletons.js";
import { holdsDunders, typeName } from "./typename.js";

export class Slice {
  static readonly pythonName = "slice";
  constructor(
    readonly start: unknown = null,
    readonly stop: unknown = null,
    readonly step: unknown = null,
  ) {}

  __repr__(): string {
    return `slice(${repr(this.start)}, ${repr(this.stop)}, ${repr(this.step)})`;
  }

  __eq__(other: unknown): unknown {
    if (!(other instanceof Slice)) return NotImplemented;
    return eq(Tuple.of(this.start, this.stop, this.step), Tuple.of(other.start, other.stop, other.step));
  }

  get __unhashable__(): boolean {
    return true;
  }

  /** Resolved [start, stop, step] for a sequence of `length` items (Python's slice.indices). */
  resolve(length: number): [number, number, number] {
    const step = this.step == null ? 1 : sliceIndex(this.step);
    if (step === 0) throw new ValueError("slice step cannot be zero");
    const lower = step < 0 ? -1 : 0;
    const upper = step < 0 ? length - 1 : length;
    return [
      sliceBound(this.start, step < 0 ? upper : lower, length, lower, upper),
      sliceBound(this.stop, step < 0 ? lower : upper, length, lower, upper),
      step,
    ];
  }

  /** The selected positions, in order. */
  positions(length: number): number[] {
    const [start, stop, step] = this.resolve(length);
    const out: number[] = [];
    if (step > 0) for (let i = start; i < stop; i += step) out.push(i);
    else for (let i = start; i > stop; i += step) out.push(i);
    return out;
  }

  /** Python's `slice.indices(n)`: the `(start, stop, step)` tuple of ints for length `n`. */
  indices(length: unknown): any {
    const n = asIndex(length);
    if (n === undefined) throw new PyTypeError(`'${typeName(length)}' object cannot be interpreted as an integer`);
    if (n < 0n) throw new ValueError("length should not be negative");
    return Tuple.from(this.resolve(Number(n)).map((i) => BigInt(i)));
  }
}

/**
 * Python's `slice` type: `slice(stop)`, `slice(start, stop[, step])`. Emitted subscripts
 * always pass all three bounds: `a[1:2]` becomes `getitem(a, slice(1n, 2n, null))`.
 */
const makeSlice = (...bounds: unknown[]): Slice => (bounds.length === 1 ? new Slice(null, bounds[0], null) : new Slice(bounds[0] ?? null, bounds[1] ?? null, bounds[2] ?? null));
// (`slice.indices(s, n)` reads the method off the type: lang/builtin-declared-attributes.ts puts it there)
export const slice = defineType(makeSlice, "slice", (x) => x instanceof Slice) as ReturnType<typeof defineType<typeof makeSlice>> & { indices(self: unknown, length: unknown): unknown };

/** One bound of a slice resolved against `length`, clamped to [lower, upper]. */
function sliceBound(value: unknown, fallback: number, length: number, lower: number, upper: number): number {
  if (value === null || value === undefined) return fallback;
  let i = sliceIndex(value);
  if (i < 0) {
    i += length;
    if (i < lower) i = lower;
  } else if (i > upper) i = upper;
  return i;
}

/** An int for indexing: ints and bools, or an object's `__index__`. */
export function asIndex(value: unknown): bigint | undefined {
  if (isIntLike(value)) return toBigInt(value);
  const hook = (value as { __index__?: () => unknown } | null)?.__index__;
  if (holdsDunders(value) && typeof hook === "function") {
    const r = hook.call(value);
    if (isIntLike(r)) return toBigInt(r);
  }
  return undefined;
}

function sliceIndex(value: unknown): number {
  if (typeof value === "bigint") return Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, Number(value)));
  const i = asIndex(value);
  if (i === undefined) {
    throw new PyTypeError("slice indices must be integers or None or have an __index__ method");
  }
  // Clamp huge ints: any sequence here is far shorter than 2**53.
  if (i > BigInt(Number.MAX_SAFE_INTEGER)) return Number.MAX_SAFE_INTEGER;
  if (i < -BigInt(Number.MAX_SAFE_INTEGER)) return -Number.MAX_SAFE_INTEGER;
  return Number(i);
}

/** Normalises a (possibly negative) item index; `undefined` when out of range. */
export function normalizeIndex(index: bigint, length: number): number | undefined {
  // (as a number, no bigint made: one past 2**53 rounds, but stays out of any list's range)
  const i = Number(index);
  const at = i < 0 ? i + length : i;
  return at >= 0 && at < length ? at : undefined;
}

export function indexTypeError(container: string, key: unknown): PyTypeError {
  if (container === "str") return new PyTypeError(`string indices must be integers, not '${typeName(key)}'`);
  return new PyTypeError(`${container} indices must be integers or slices, not ${typeName(key)}`);
}
