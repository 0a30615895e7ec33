// More lazy iterators over iterables whose items wait (threads, DESIGN.md §7): the generator
// object of a `def` whose body waits handed to `itertools.chain`, `islice`, `zip_longest`,
// `pairwise`, `compress`, or `heapq.merge`. As in waiting-iterators.ts each is an async iterator
// stepping its sources one item at a time, in CPython's order, so a consumer awaits each item
// while the other threads run; and the consumers that take such an iterable at once (`f(*gen)`,
// `a, b = gen`) get its items here first.

import { PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { lt } from "../values/compare.js";
import { truthy } from "../values/truth.js";
import { callValue } from "../modules/pycall.js";
import { waitingIterator } from "./waiting-calls.js";
import { WaitingItems } from "./waiting-iterators.js";
import { replayWaits } from "./replay.js";
import { isThenable } from "./scheduler.js";
import { yieldFrom } from "../core/await.js";

async function settle(x: unknown): Promise<unknown> {
  return isThenable(x) ? await x : x;
}

/** `[*gen]`, `f(*gen)`: every item, awaited in turn (anything else as it is, for the spread). */
export async function waitingArray(source: unknown): Promise<Iterable<unknown>> {
  if (!(source instanceof WaitingItems)) return source as Iterable<unknown>;
  const items: unknown[] = [];
  for await (const item of waitingIterator(source)) items.push(item);
  return items;
}

/**
 * `a, b = gen` (`count` targets, -1 with a `*rest`): the items CPython's unpacking takes (one
 * past the targets, to find there are too many), for `unpack`/`unpackStar` to check.
 */
export async function waitingUnpackItems(source: unknown, count: number): Promise<unknown> {
  // (anything else as it is: unpacking checks it, with CPython's errors)
  if (!(source instanceof WaitingItems)) return source;
  const items: unknown[] = [];
  const it = waitingIterator(source);
  for (let r = await it.next(); r.done !== true; r = await it.next()) {
    items.push(r.value);
    if (count >= 0 && items.length > count) break;
  }
  return items;
}

/** `itertools.chain(*iterables)`. */
export function waitingChain(...sources: unknown[]): WaitingItems {
  return new WaitingItems(
    (async function* () {
      for (const source of sources) yield* waitingIterator(source);
    })(),
    "itertools.chain",
  );
}

function sliceArg(x: unknown, what: string): number | null {
  if (x === null || x === undefined) return null;
  if (typeof x !== "bigint" || x < 0n) throw new ValueError(`${what} argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.`);
  return Number(x);
}

/** `itertools.islice(iterable, stop)` / `(iterable, start, stop[, step])`: no item past the last taken. */
export function waitingIslice(source: unknown, ...bounds: unknown[]): WaitingItems {
  const [start, stop, step] = bounds.length === 1 ? [0, sliceArg(bounds[0], "Stop"), 1] : [sliceArg(bounds[0], "Indices") ?? 0, sliceArg(bounds[1], "Stop"), sliceArg(bounds[2], "Step") ?? 1];
  if (step === 0) throw new ValueError("Step for islice() must be a positive integer or None.");
  return new WaitingItems(
    (async function* () {
      if (stop !== null && start >= stop) return;
      let nextAt = start;
      let i = 0;
      const it = waitingIterator(source);
      for (let r = await it.next(); r.done !== true; r = await it.next(), i++) {
        if (i === nextAt) {
          yield r.value;
          nextAt += step;
          if (stop !== null && nextAt >= stop) return;
        }
      }
    })(),
    "itertools.islice",
  );
}

/** `itertools.zip_longest(*iterables, fillvalue=None)`. */
export function waitingZipLongest(...args: unknown[]): WaitingItems {
  const [sources, kws] = splitKw(args);
  const fill = kws["fillvalue"] ?? null;
  return new WaitingItems(
    (async function* () {
      const its = sources.map((s) => waitingIterator(s));
      const done = its.map(() => false);
      for (;;) {
        const row: unknown[] = [];
        for (let i = 0; i < its.length; i++) {
          if (done[i]) {
            row.push(fill);
            continue;
          }
          const r = await its[i]!.next();
          if (r.done === true) {
            done[i] = true;
            row.push(fill);
          } else row.push(r.value);
        }
        if (done.every((d) => d)) return;
        yield Tuple.of(...row);
      }
    })(),
    "itertools.zip_longest",
  );
}

/** `itertools.pairwise(iterable)`. */
export function waitingPairwise(source: unknown): WaitingItems {
  return new WaitingItems(
    (async function* () {
      const it = waitingIterator(source);
      let r = await it.next();
      if (r.done === true) return;
      let last = r.value;
      for (r = await it.next(); r.done !== true; r = await it.next()) {
        yield Tuple.of(last, r.value);
        last = r.value;
      }
    })(),
    "itertools.pairwise",
  );
}

/** `itertools.compress(data, selectors)`. */
export function waitingCompress(data: unknown, selectors: unknown): WaitingItems {
  return new WaitingItems(
    (async function* () {
      const d = waitingIterator(data);
      const s = waitingIterator(selectors);
      for (;;) {
        const x = await d.next();
        if (x.done === true) return;
        const keep = await s.next();
        if (keep.done === true) return;
        if (await settle(replayWaits(truthy, keep.value))) yield x.value;
      }
    })(),
    "itertools.compress",
  );
}

/** `itertools.cycle(iterable)`: the source's items as they come, saved, then the saved ones again and again. */
export function waitingCycle(source: unknown): WaitingItems {
  return new WaitingItems(
    (async function* () {
      const saved: unknown[] = [];
      for await (const item of waitingIterator(source)) {
        saved.push(item);
        yield item;
      }
      if (saved.length === 0) return;
      for (;;) yield* saved;
    })(),
    "itertools.cycle",
  );
}

/**
 * `itertools.tee(iterable, n=2)`: n iterators sharing one buffer; the first to reach an item
 * not yet taken awaits it from the source (one at a time: a second reader waits for the same step).
 */
export function waitingTee(source: unknown, n: unknown = 2n): Tuple {
  if (typeof n !== "bigint") throw new PyTypeError(`'${typeof n}' object cannot be interpreted as an integer`);
  if (n < 0n) throw new ValueError("n must be >= 0");
  const it = waitingIterator(source);
  const buffer: unknown[] = [];
  let done = false;
  let step: Promise<void> | null = null;
  // (the buffer keeps every item: n readers' positions decide nothing CPython shows)
  const take = (): Promise<void> =>
    (step ??= it.next().then((r) => {
      step = null;
      if (r.done === true) done = true;
      else buffer.push(r.value);
    }));
  const reader = (): WaitingItems =>
    new WaitingItems(
      (async function* () {
        for (let i = 0; ; i++) {
          while (i >= buffer.length && !done) await take();
          if (i >= buffer.length) return;
          yield buffer[i];
        }
      })(),
      "itertools._tee",
    );
  return Tuple.from(Array.from({ length: Number(n) }, reader));
}

/** `heapq.merge(*iterables, key=None, reverse=False)`: the sources' heads compared as CPython's merge does. */
export function waitingMerge(...args: unknown[]): WaitingItems {
  const [sources, kws] = splitKw(args);
  const key = kws["key"] ?? null;
  const reverse = truthy(kws["reverse"] ?? false);
  if (sources.some((s) => s === undefined)) throw new PyTypeError("merge() argument after * must be an iterable");
  return new WaitingItems(
    (async function* () {
      const its = sources.map((s) => waitingIterator(s));
      // (head value, its key, source order): the smallest key first, the earlier source on ties
      const heads: { value: unknown; key: unknown; order: number }[] = [];
      const keyOf = async (x: unknown): Promise<unknown> => (key === null ? x : await settle(callValue(key, x)));
      for (let i = 0; i < its.length; i++) {
        const r = await its[i]!.next();
        if (r.done !== true) heads.push({ value: r.value, key: await keyOf(r.value), order: i });
      }
      const before = async (a: { key: unknown; order: number }, b: { key: unknown; order: number }): Promise<boolean> => {
        const [x, y] = reverse ? [b.key, a.key] : [a.key, b.key];
        if (await settle(replayWaits(lt, x, y))) return true;
        if (await settle(replayWaits(lt, y, x))) return false;
        return a.order < b.order;
      };
      while (heads.length > 0) {
        let best = 0;
        for (let i = 1; i < heads.length; i++) if (await before(heads[i]!, heads[best]!)) best = i;
        const head = heads[best]!;
        yield head.value;
        const r = await its[head.order]!.next();
        if (r.done === true) heads.splice(best, 1);
        else heads[best] = { value: r.value, key: await keyOf(r.value), order: head.order };
      }
    })(),
    "generator object merge",
  );
}

/**
 * `yield from x` in a generator whose body waits: a generator that waits too is delegated to
 * as an async iterator (sent values and thrown exceptions passed on, its return value the
 * expression's), anything else as `yield from` does.
 */
export function waitingYieldFrom(x: unknown): AsyncIterable<unknown> | Iterable<unknown> {
  if (x instanceof WaitingItems) return x;
  return yieldFrom(x);
}
