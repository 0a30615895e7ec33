// Python's `itertools`: lazy iterators (JS iterables that are also Python iterators through
// PyIterator), yielding Tuples where CPython yields tuples, in CPython's documented orders.

import { add } from "../values/arithmetic.js";
import { eq } from "../values/compare.js";
import {
  PyTypeError,
  StopIteration,
  ValueError,
} from "../values/exceptions.js";
import { jsIterator, PyIterator } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { truthy } from "../values/truth.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { isNone, pyClass, type PyClass } from "./callable-class.js";
import { repr } from "../values/repr.js";
import { typeOf } from "../values/builtin-types.js";
import { callValue } from "./pycall.js";
import { moduleObject } from "./module-object.js";

/** The iterator types itertools hands out but does not name as callables (`_grouper`, `_tee`). */
type IteratorClass = new (source: Iterator<unknown>) => PyIterator<unknown>;
const iteratorClasses = new Map<string, IteratorClass>();

function internal<T>(gen: Generator<T>, name: string): PyIterator<T> {
  let cls = iteratorClasses.get(name);
  if (!cls) {
    cls = class extends PyIterator<unknown> {};
    Object.defineProperties(cls, {
      pythonName: { value: name },
      tpName: { value: `itertools.${name}` },
      __name__: { value: name },
      __qualname__: { value: name },
      __module__: { value: "itertools" },
      __base__: { get: () => typeOf({}) },
    });
    iteratorClasses.set(name, cls);
  }
  return new cls(gen) as PyIterator<T>;
}

function* each(x: unknown): Generator<unknown> {
  const it = jsIterator(x);
  for (let r = it.next(); !r.done; r = it.next()) yield r.value;
}

function cycle(source: unknown): Iterator<unknown> {
  return (function* () {
    const saved: unknown[] = [];
    for (const x of each(source)) {
      saved.push(x);
      yield x;
    }
    if (saved.length === 0) return;
    for (;;) yield* saved;
  })();
}

function accumulate(...args: unknown[]): Iterator<unknown> {
  const [pos, kws] = splitKw(args);
  const func = pos.length > 1 ? pos[1] : (kws["func"] ?? null);
  const initial = kws["initial"] ?? null;
  const combine = isNone(func)
    ? add
    : (a: unknown, b: unknown) => callValue(func, a, b);
  return (function* () {
    let total: unknown = initial;
    let started = !isNone(initial);
    if (started) yield total;
    for (const x of each(pos[0])) {
      total = started ? combine(total, x) : x;
      started = true;
      yield total;
    }
  })();
}

function chainFrom(sources: unknown): Iterator<unknown> {
  return (function* () {
    for (const source of each(sources)) yield* each(source);
  })();
}

function compress(data: unknown, selectors: unknown): Iterator<unknown> {
  return (function* () {
    const sel = jsIterator(selectors);
    for (const x of each(data)) {
      const s = sel.next();
      if (s.done) return;
      if (truthy(s.value)) yield x;
    }
  })();
}

function dropwhile(pred: unknown, source: unknown): Iterator<unknown> {
  return (function* () {
    let dropping = true;
    for (const x of each(source)) {
      if (dropping && truthy(callValue(pred, x))) continue;
      dropping = false;
      yield x;
    }
  })();
}

function takewhile(pred: unknown, source: unknown): Iterator<unknown> {
  return (function* () {
    for (const x of each(source)) {
      if (!truthy(callValue(pred, x))) return;
      yield x;
    }
  })();
}

function filterfalse(pred: unknown, source: unknown): Iterator<unknown> {
  return (function* () {
    for (const x of each(source))
      if (!truthy(isNone(pred) ? x : callValue(pred, x))) yield x;
  })();
}

/** Consecutive runs with equal keys; advancing the outer iterator abandons the last group. */
function groupby(...args: unknown[]): Iterator<any> {
  const [pos, kws] = splitKw(args);
  const keyFn = pos.length > 1 ? pos[1] : (kws["key"] ?? null);
  const source = jsIterator(pos[0]);
  const keyOf = (x: unknown): unknown =>
    isNone(keyFn) ? x : callValue(keyFn, x);
  const state: { current: { value: unknown; key: unknown } | null } = {
    current: null,
  };
  let exhausted = false;
  let generation = 0;
  const advance = (): void => {
    const r = source.next();
    if (r.done) {
      exhausted = true;
      state.current = null;
    } else state.current = { value: r.value, key: keyOf(r.value) };
  };
  return (function* () {
    let lastKey: { key: unknown } | null = null;
    for (;;) {
      if (state.current === null && !exhausted) advance();
      // Skip what is left of the previous group.
      while (
        state.current !== null &&
        lastKey !== null &&
        eq(state.current.key, lastKey.key)
      )
        advance();
      if (state.current === null) return;
      const groupKey = state.current.key;
      lastKey = { key: groupKey };
      const mine = ++generation;
      const group = internal(
        (function* () {
          while (
            mine === generation &&
            state.current !== null &&
            eq(state.current.key, groupKey)
          ) {
            const value = state.current.value;
            advance();
            yield value;
          }
        })(),
        "_grouper",
      );
      yield Tuple.of(groupKey, group);
    }
  })();
}

function sliceArg(x: unknown, what: string): number | null {
  if (isNone(x)) return null;
  if (isIntLike(x) && toBigInt(x) >= 0n) return Number(toBigInt(x));
  throw new ValueError(
    `${what} argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.`,
  );
}

function islice(source: unknown, ...args: unknown[]): Iterator<unknown> {
  let start = 0;
  let stop: number | null;
  let step = 1;
  if (args.length <= 1) stop = sliceArg(args[0] ?? null, "Stop");
  else {
    start = sliceArg(args[0], "Indices") ?? 0;
    stop = sliceArg(args[1], "Stop");
    const s = args.length > 2 ? args[2] : null;
    if (!isNone(s)) {
      if (!isIntLike(s) || toBigInt(s) <= 0n) {
        throw new ValueError(
          "Step for islice() must be a positive integer or None.",
        );
      }
      step = Number(toBigInt(s));
    }
  }
  return (function* () {
    let i = 0;
    let next = start;
    if (stop !== null && stop <= start) return;
    const it = jsIterator(source);
    for (let r = it.next(); !r.done; r = it.next(), i++) {
      if (i === next) {
        yield r.value;
        next += step;
        if (stop !== null && next >= stop) return;
      }
    }
  })();
}

function starmap(f: unknown, source: unknown): Iterator<unknown> {
  return (function* () {
    for (const args of each(source)) yield callValue(f, ...each(args));
  })();
}

/** n iterators over one source, sharing a buffer of items not yet read by all of them. */
function tee(source: unknown, n: unknown = 2n): Tuple<PyIterator> {
  const count = Number(toBigInt(n as bigint));
  if (count < 0) throw new ValueError("n must be >= 0");
  const it = jsIterator(source);
  const buffer: unknown[] = [];
  let base = 0;
  let done = false;
  const positions = new Array<number>(count).fill(0);
  const make = (k: number): PyIterator =>
    internal(
      (function* () {
        for (;;) {
          const at = positions[k]! - base;
          if (at >= buffer.length) {
            if (done) return;
            const r = it.next();
            if (r.done) {
              done = true;
              return;
            }
            buffer.push(r.value);
          }
          const value = buffer[positions[k]! - base];
          positions[k]!++;
          const lowest = Math.min(...positions);
          while (base < lowest) {
            buffer.shift();
            base++;
          }
          yield value;
        }
      })(),
      "_tee",
    );
  return Tuple.from(Array.from({ length: count }, (_, k) => make(k)));
}

function zip_longest(...args: unknown[]): Iterator<Tuple> {
  const [pos, kws] = splitKw(args);
  const fill = kws["fillvalue"] ?? null;
  const its = pos.map(jsIterator);
  return (function* () {
    if (its.length === 0) return;
    const live = its.map(() => true);
    for (;;) {
      const row = its.map((it, i) => {
        if (!live[i]) return fill;
        const r = it.next();
        if (r.done) {
          live[i] = false;
          return fill;
        }
        return r.value;
      });
      if (!live.some((x) => x)) return;
      yield Tuple.from(row);
    }
  })();
}

function product(...args: unknown[]): Iterator<Tuple> {
  const [pos, kws] = splitKw(args);
  const times = Number(toBigInt((kws["repeat"] ?? 1n) as bigint));
  const pools: unknown[][] = [];
  for (let i = 0; i < times; i++)
    for (const p of pos)
      pools.push(i === 0 ? [...each(p)] : pools[pools.length - pos.length]!);
  return (function* () {
    let result: unknown[][] = [[]];
    for (const pool of pools)
      result = result.flatMap((prefix) => pool.map((x) => [...prefix, x]));
    for (const row of result) yield Tuple.from(row);
  })();
}

/** Index vectors of r-length selections, in CPython's lexicographic order. */
function* indexTuples(
  n: number,
  r: number,
  kind: "perm" | "comb" | "combr",
): Generator<number[]> {
  const rec = function* (prefix: number[]): Generator<number[]> {
    if (prefix.length === r) {
      yield prefix;
      return;
    }
    const from =
      kind === "perm"
        ? 0
        : prefix.length === 0
          ? 0
          : prefix[prefix.length - 1]! + (kind === "comb" ? 1 : 0);
    for (let i = from; i < n; i++) {
      if (kind === "perm" && prefix.includes(i)) continue;
      yield* rec([...prefix, i]);
    }
  };
  if (r > n && kind !== "combr") return;
  if (n === 0 && r > 0) return;
  yield* rec([]);
}

function rArg(r: unknown, fallback: number | null): number {
  if (isNone(r)) {
    if (fallback === null)
      throw new PyTypeError("missing required argument 'r' (pos 2)");
    return fallback;
  }
  if (!isIntLike(r))
    throw new PyTypeError(
      `'${typeName(r)}' object cannot be interpreted as an integer`,
    );
  const n = Number(toBigInt(r));
  if (n < 0) throw new ValueError("r must be non-negative");
  return n;
}

function selections(
  source: unknown,
  r: number,
  kind: "perm" | "comb" | "combr",
): Iterator<Tuple> {
  const pool = [...each(source)];
  return (function* () {
    for (const idx of indexTuples(pool.length, r, kind))
      yield Tuple.from(idx.map((i) => pool[i]));
  })();
}

function permutations(...args: unknown[]): Iterator<Tuple> {
  const [pos, kws] = splitKw(args);
  const pool = [...each(pos[0])];
  return selections(
    pool,
    rArg(pos.length > 1 ? pos[1] : (kws["r"] ?? null), pool.length),
    "perm",
  );
}

function combinations(...args: unknown[]): Iterator<Tuple> {
  const [pos, kws] = splitKw(args);
  return selections(
    pos[0],
    rArg(pos.length > 1 ? pos[1] : (kws["r"] ?? null), null),
    "comb",
  );
}

function combinations_with_replacement(...args: unknown[]): Iterator<Tuple> {
  const [pos, kws] = splitKw(args);
  return selections(
    pos[0],
    rArg(pos.length > 1 ? pos[1] : (kws["r"] ?? null), null),
    "combr",
  );
}

function pairwise(source: unknown): Iterator<Tuple> {
  return (function* () {
    let first = true;
    let prev: unknown;
    for (const x of each(source)) {
      if (!first) yield Tuple.of(prev, x);
      prev = x;
      first = false;
    }
  })();
}

/** Names a class as CPython's itertools type `name`, callable with or without `new`. */
function itertoolsType<C extends abstract new (...args: any[]) => unknown>(
  cls: C,
  name: string,
): PyClass<C> {
  Object.defineProperties(cls, {
    pythonName: { value: name },
    tpName: { value: `itertools.${name}` },
    __name__: { value: name },
    __qualname__: { value: name },
    __module__: { value: "itertools" },
    // (its MRO is (type, object): the runtime's iterator class under it is no Python base)
    __base__: { get: () => typeOf({}) },
  });
  return pyClass(cls);
}

/** An itertools type whose instances iterate what `make` builds of the constructor's arguments. */
function generatorType(
  name: string,
  make: (...args: any[]) => Iterator<unknown>,
): PyClass<new (...args: unknown[]) => PyIterator> {
  return itertoolsType(
    class extends PyIterator<unknown> {
      constructor(...args: unknown[]) {
        super(make(...args));
      }
    },
    name,
  );
}

/** `count(start=0, step=1)`: its repr shows the next value (`count(4)`), as CPython's. */
class CountIterator extends PyIterator<unknown> {
  private current: unknown;
  private readonly step: unknown;
  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    super(EMPTY);
    this.current = pos.length > 0 ? pos[0] : (kws["start"] ?? 0n);
    this.step = pos.length > 1 ? pos[1] : (kws["step"] ?? 1n);
  }
  override next(): IteratorResult<unknown> {
    return { done: false, value: this.__next__() };
  }
  override __next__(): unknown {
    const value = this.current;
    this.current = add(value, this.step);
    return value;
  }
  __repr__(): string {
    const name = typeName(this);
    // (a step of int 1 is left out; 1.0 is shown)
    return this.step === 1n
      ? `${name}(${repr(this.current)})`
      : `${name}(${repr(this.current)}, ${repr(this.step)})`;
  }
}

/** `repeat(object[, times])`: its repr shows the repetitions left (`repeat(1, 2)`). */
class RepeatIterator extends PyIterator<unknown> {
  private readonly object: unknown;
  /** repetitions left, null for endless */
  private left: bigint | null;
  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    super(EMPTY);
    this.object = pos.length > 0 ? pos[0] : kws["object"];
    const times = pos.length > 1 ? pos[1] : (kws["times"] ?? null);
    // (a negative count repeats nothing: CPython stores 0)
    this.left = isNone(times)
      ? null
      : toBigInt(times as bigint) < 0n
        ? 0n
        : toBigInt(times as bigint);
  }
  override next(): IteratorResult<unknown> {
    if (this.left === 0n) return { done: true, value: undefined };
    if (this.left !== null) this.left--;
    return { done: false, value: this.object };
  }
  override __next__(): unknown {
    const r = this.next();
    if (r.done) throw new StopIteration();
    return r.value;
  }
  __length_hint__(): bigint {
    if (this.left === null) throw new PyTypeError("len() of unsized object");
    return this.left;
  }
  __repr__(): string {
    const name = typeName(this);
    return this.left === null
      ? `${name}(${repr(this.object)})`
      : `${name}(${repr(this.object)}, ${this.left})`;
  }
}

/** The iterable `chain.from_iterable` hands to the instance it makes (NO_SOURCE: none). */
const NO_SOURCE = Symbol("no source");
let pendingIterable: unknown = NO_SOURCE;

/** `chain(*iterables)` and `chain.from_iterable(iterable)`. */
class ChainIterator extends PyIterator<unknown> {
  constructor(...sources: unknown[]) {
    const iterable = pendingIterable;
    pendingIterable = NO_SOURCE;
    super(chainFrom(iterable === NO_SOURCE ? sources : iterable));
  }
  /** (a class method: a subclass's from_iterable makes the subclass's instance) */
  static from_iterable(
    this: new () => ChainIterator,
    iterable: unknown,
  ): ChainIterator {
    pendingIterable = iterable;
    try {
      return new this();
    } finally {
      pendingIterable = NO_SOURCE;
    }
  }
}

const EMPTY: Iterator<unknown> = {
  next: () => ({ done: true, value: undefined }),
};

export const itertoolsModule = moduleObject("itertools", {
  count: itertoolsType(CountIterator, "count"),
  cycle: generatorType("cycle", cycle),
  repeat: itertoolsType(RepeatIterator, "repeat"),
  accumulate: generatorType("accumulate", accumulate),
  chain: itertoolsType(ChainIterator, "chain"),
  compress: generatorType("compress", compress),
  dropwhile: generatorType("dropwhile", dropwhile),
  takewhile: generatorType("takewhile", takewhile),
  filterfalse: generatorType("filterfalse", filterfalse),
  groupby: generatorType("groupby", groupby),
  islice: generatorType("islice", islice),
  starmap: generatorType("starmap", starmap),
  tee,
  zip_longest: generatorType("zip_longest", zip_longest),
  product: generatorType("product", product),
  permutations: generatorType("permutations", permutations),
  combinations: generatorType("combinations", combinations),
  combinations_with_replacement: generatorType(
    "combinations_with_replacement",
    combinations_with_replacement,
  ),
  pairwise: generatorType("pairwise", pairwise),
});
