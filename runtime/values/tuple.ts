// Python's tuple: an immutable sequence. A class of its own (not an Array) so `repr`,
// `isinstance` and hashing can tell a tuple from a list.

/**
 * Passed by `of`/`from` with an array nobody else holds: kept as it is. (Freezing it measured
 * about as costly as making the tuple; the items are still never written, `readonly` says so.)
 */
const OWNED: unique symbol = Symbol("owned items");

/** The one empty tuple (made once the class exists). */
let emptyTuple: Tuple<never> | undefined;

export class Tuple<T = unknown> implements Iterable<T> {
  static readonly pythonName = "tuple";
  /** The items (frozen, or an array only this tuple holds). Read them freely; never mutate. */
  // (declared, assigned in the constructor: a class field is defined before the constructor
  // runs, which V8 does about twice as slowly as the assignment, on every tuple made)
  declare readonly items: readonly T[];

  constructor(items: readonly T[] = [], owned?: typeof OWNED) {
    // (the empty tuple is one object, as in CPython: `() is ()`, `tuple([]) is ()`; not a subclass's)
    if (items.length === 0 && new.target === Tuple && emptyTuple !== undefined) return emptyTuple as Tuple<T>;
    this.items = owned === OWNED || Object.isFrozen(items) ? items : Object.freeze(items.slice());
  }

  /** Items of mixed types give a tuple of their union (`Tuple.of(1n, "a")`). */
  static of<T>(...items: T[]): Tuple<T>;
  static of<A extends unknown[]>(...items: A): Tuple<A[number]>;
  static of(...items: unknown[]): Tuple<unknown> {
    return new Tuple<unknown>(items, OWNED);
  }

  /** A tuple holding `items` itself: an array the caller made for it and never writes again. */
  static owning<T>(items: T[]): Tuple<T> {
    return new Tuple<T>(items, OWNED);
  }

  static from<T>(iterable: Iterable<T>): Tuple<T> {
    return new Tuple<T>(Array.from(iterable), OWNED);
  }

  get length(): number {
    return this.items.length;
  }

  /** Item at a JS index (negative counts from the end), like `Array.prototype.at`. */
  at(index: number): T | undefined {
    return this.items.at(index);
  }

  [Symbol.iterator](): Iterator<T> {
    return this.items[Symbol.iterator]();
  }
}

/**
 * A tuple of the built-in type itself (no subclass). Reads the class through `constructor`
 * (a Python attribute of that name is stored mangled, so no program can shadow it): the
 * `Object.getPrototypeOf` this replaces is a runtime call wherever V8 does not know the
 * object's map, some hundreds of instructions per key in a sort.
 */
export function isPlainTuple(value: unknown): value is Tuple {
  return value instanceof Tuple && (value as { constructor: unknown }).constructor === Tuple;
}

/** The empty tuple (CPython shares one too). */
export const EMPTY_TUPLE: Tuple<never> = (emptyTuple = new Tuple<never>([], OWNED));
