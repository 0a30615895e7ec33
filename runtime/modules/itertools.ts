// Python's `itertools`: lazy iterators (JS iterables that are also Python iterators through
// PyIterator), yielding Tuples where CPython yields tuples, in CPython's documented orders.

import { add } from "../values/arithmetic.js";
import { eq } from "../values/compare.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { jsIterator, PyIterator } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { truthy } from "../values/truth.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { isNone } from "./callable-class.js";
import { callValue } from "./pycall.js";
import { moduleObject } from "./module-object.js";

/** One PyIterator subclass per itertools type, so type() and repr name it like CPython. */
type IteratorClass = new (source: Iterator<unknown>) => PyIterator<unknown>;
const iteratorClasses = new Map<string, IteratorClass>();

function lazy<T>(gen: Generator<T>, name = "iterator"): PyIterator<T> {
  let cls = iteratorClasses.get(name);
  if (!cls) {
    cls = class extends PyIterator<unknown> {};
    Object.defineProperties(cls, {
      pythonName: { value: name },
      __name__: { value: name },
      __module__: { value: "itertools" },
    });
    iteratorClasses.set(name, cls);
  }
  return new cls(gen) as PyIterator<T>;
}

function* each(x: unknown): Generator<unknown> {
  const it = jsIterator(x);
  for (let r = it.next(); !r.done; r = it.next()) yield r.value;
}

function count(...args: unknown[]): PyIterator {
  const [pos, kws] = splitKw(args);
  const start = pos.length > 0 ? pos[0] : (kws["start"] ?? 0n);
  const step = pos.length > 1 ? pos[1] : (kws["step"] ?? 1n);
  const it = lazy(
    (function* () {
      for (let n = start; ; n = add(n, step)) yield n;
    })(),
    "count",
  );
  return it;
}

function cycle(source: unknown): PyIterator {
  return lazy(
    (function* () {
      const saved: unknown[] = [];
      for (const x of each(source)) {
        saved.push(x);
        yield x;
      }
      if (saved.length === 0) return;
      for (;;) yield* saved;
    })(),
    "cycle",
  );
}

function repeat(...args: unknown[]): PyIterator {
  const [pos, kws] = splitKw(args);
  const object = pos.length > 0 ? pos[0] : kws["object"];
  const times = pos.length > 1 ? pos[1] : (kws["times"] ?? null);
  return lazy(
    (function* () {
      if (isNone(times)) for (;;) yield object;
      for (let i = 0n; i < toBigInt(times as bigint); i++) yield object;
    })(),
    "repeat",
  );
}

function accumulate(...args: unknown[]): PyIterator {
  const [pos, kws] = splitKw(args);
  const func = pos.length > 1 ? pos[1] : (kws["func"] ?? null);
  const initial = kws["initial"] ?? null;
  const combine = isNone(func) ? add : (a: unknown, b: unknown) => callValue(func, a, b);
  return lazy(
    (function* () {
      let total: unknown = initial;
      let started = !isNone(initial);
      if (started) yield total;
      for (const x of each(pos[0])) {
        total = started ? combine(total, x) : x;
        started = true;
        yield total;
      }
    })(),
    "accumulate",
  );
}

function chainFrom(sources: unknown): PyIterator {
  return lazy(
    (function* () {
      for (const source of each(sources)) yield* each(source);
    })(),
    "chain",
  );
}

const chain = Object.assign((...sources: unknown[]): PyIterator => chainFrom(sources), {
  from_iterable: chainFrom,
});

function compress(data: unknown, selectors: unknown): PyIterator {
  return lazy(
    (function* () {
      const sel = jsIterator(selectors);
      for (const x of each(data)) {
        const s = sel.next();
        if (s.done) return;
        if (truthy(s.value)) yield x;
      }
    })(),
    "compress",
  );
}

function dropwhile(pred: unknown, source: unknown): PyIterator {
  return lazy(
    (function* () {
      let dropping = true;
      for (const x of each(source)) {
        if (dropping && truthy(callValue(pred, x))) continue;
        dropping = false;
        yield x;
      }
    })(),
    "dropwhile",
  );
}

function takewhile(pred: unknown, source: unknown): PyIterator {
  return lazy(
    (function* () {
      for (const x of each(source)) {
        if (!truthy(callValue(pred, x))) return;
        yield x;
      }
    })(),
    "takewhile",
  );
}

function filterfalse(pred: unknown, source: unknown): PyIterator {
  return lazy(
    (function* () {
      for (const x of each(source)) if (!truthy(isNone(pred) ? x : callValue(pred, x))) yield x;
    })(),
    "filterfalse",
  );
}

/** Consecutive runs with equal keys; advancing the outer iterator abandons the last group. */
function groupby(...args: unknown[]): PyIterator<any> {
  const [pos, kws] = splitKw(args);
  const keyFn = pos.length > 1 ? pos[1] : (kws["key"] ?? null);
  const source = jsIterator(pos[0]);
  const keyOf = (x: unknown): unknown => (isNone(keyFn) ? x : callValue(keyFn, x));
  const state: { current: { value: unknown; key: unknown } | null } = { current: null };
  let exhausted = false;
  let generation = 0;
  const advance = (): void => {
    const r = source.next();
    if (r.done) {
      exhausted = true;
      state.current = null;
    } else state.current = { value: r.value, key: keyOf(r.value) };
  };
  return lazy(
    (function* () {
      let lastKey: { key: unknown } | null = null;
      for (;;) {
        if (state.current === null && !exhausted) advance();
        // Skip what is left of the previous group.
        while (state.current !== null && lastKey !== null && eq(state.current.key, lastKey.key)) advance();
        if (state.current === null) return;
        const groupKey = state.current.key;
        lastKey = { key: groupKey };
        const mine = ++generation;
        const group = lazy(
          (function* () {
            while (mine === generation && state.current !== null && eq(state.current.key, groupKey)) {
              const value = state.current.value;
              advance();
              yield value;
            }
          })(),
          "_grouper",
        );
        yield Tuple.of(groupKey, group);
      }
    })(),
    "groupby",
  );
}

function sliceArg(x: unknown, what: string): number | null {
  if (isNone(x)) return null;
  if (isIntLike(x) && toBigInt(x) >= 0n) return Number(toBigInt(x));
  throw new ValueError(`${what} argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.`);
}

function islice(source: unknown, ...args: unknown[]): PyIterator {
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
        throw new ValueError("Step for islice() must be a positive integer or None.");
      }
      step = Number(toBigInt(s));
    }
  }
  return lazy(
    (function* () {
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
    })(),
    "islice",
  );
}

function starmap(f: unknown, source: unknown): PyIterator {
  return lazy(
    (function* () {
      for (const args of each(source)) yield callValue(f, ...each(args));
    })(),
    "starmap",
  );
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
    lazy(
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

function zip_longest(...args: unknown[]): PyIterator<Tuple> {
  const [pos, kws] = splitKw(args);
  const fill = kws["fillvalue"] ?? null;
  const its = pos.map(jsIterator);
  return lazy(
    (function* () {
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
    })(),
    "zip_longest",
  );
}

function product(...args: unknown[]): PyIterator<Tuple> {
  const [pos, kws] = splitKw(args);
  const times = Number(toBigInt((kws["repeat"] ?? 1n) as bigint));
  const pools: unknown[][] = [];
  for (let i = 0; i < times; i++) for (const p of pos) pools.push(i === 0 ? [...each(p)] : pools[pools.length - pos.length]!);
  return lazy(
    (function* () {
      let result: unknown[][] = [[]];
      for (const pool of pools) result = result.flatMap((prefix) => pool.map((x) => [...prefix, x]));
      for (const row of result) yield Tuple.from(row);
    })(),
    "product",
  );
}

/** Index vectors of r-length selections, in CPython's lexicographic order. */
function* indexTuples(n: number, r: number, kind: "perm" | "comb" | "combr"): Generator<number[]> {
  const rec = function* (prefix: number[]): Generator<number[]> {
    if (prefix.length === r) {
      yield prefix;
      return;
    }
    const from = kind === "perm" ? 0 : prefix.length === 0 ? 0 : prefix[prefix.length - 1]! + (kind === "comb" ? 1 : 0);
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
    if (fallback === null) throw new PyTypeError("missing required argument 'r' (pos 2)");
    return fallback;
  }
  if (!isIntLike(r)) throw new PyTypeError(`'${typeName(r)}' object cannot be interpreted as an integer`);
  const n = Number(toBigInt(r));
  if (n < 0) throw new ValueError("r must be non-negative");
  return n;
}

function selections(source: unknown, r: number, kind: "perm" | "comb" | "combr", name: string): PyIterator<Tuple> {
  const pool = [...each(source)];
  return lazy(
    (function* () {
      for (const idx of indexTuples(pool.length, r, kind)) yield Tuple.from(idx.map((i) => pool[i]));
    })(),
    name,
  );
}

function permutations(...args: unknown[]): PyIterator<Tuple> {
  const [pos, kws] = splitKw(args);
  const pool = [...each(pos[0])];
  return selections(pool, rArg(pos.length > 1 ? pos[1] : (kws["r"] ?? null), pool.length), "perm", "permutations");
}

function combinations(...args: unknown[]): PyIterator<Tuple> {
  const [pos, kws] = splitKw(args);
  return selections(pos[0], rArg(pos.length > 1 ? pos[1] : (kws["r"] ?? null), null), "comb", "combinations");
}

function combinations_with_replacement(...args: unknown[]): PyIterator<Tuple> {
  const [pos, kws] = splitKw(args);
  return selections(pos[0], rArg(pos.length > 1 ? pos[1] : (kws["r"] ?? null), null), "combr", "combinations_with_replacement");
}

function pairwise(source: unknown): PyIterator<Tuple> {
  return lazy(
    (function* () {
      let first = true;
      let prev: unknown;
      for (const x of each(source)) {
        if (!first) yield Tuple.of(prev, x);
        prev = x;
        first = false;
      }
    })(),
    "pairwise",
  );
}

export const itertoolsModule = moduleObject("itertools", {
  count,
  cycle,
  repeat,
  accumulate,
  chain,
  compress,
  dropwhile,
  takewhile,
  filterfalse,
  groupby,
  islice,
  starmap,
  tee,
  zip_longest,
  product,
  permutations,
  combinations,
  combinations_with_replacement,
  pairwise,
});
