// Lazy iterators over iterables whose `__next__` waits (threads, DESIGN.md §7): `enumerate`,
// `zip`, `map` and `filter` of such an iterable, and a generator expression over one that
// `any`/`all` consume. Each is an async iterator stepping its sources one item at a time, in
// CPython's order (zip stops at the first source that ends, the later ones not advanced), so
// a loop over it (`for await` of waitingIterator) or a consumer (consumeWaiting, waitingAny)
// awaits each item while the other threads run.

import { callValue } from "../modules/pycall.js";
import { PyTypeError, StopIteration } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { PyIterator } from "../values/iteration.js";
import { add } from "../values/arithmetic.js";
import { eq } from "../values/compare.js";
import { truthy } from "../values/truth.js";
import { WAITING_ITEMS, waitingIterator } from "./waiting-calls.js";
import { replayableMethods, replayWaits } from "./replay.js";
import { isThenable } from "./scheduler.js";

/** An iterator whose items come one by one, each awaited. */
export class WaitingItems implements AsyncIterable<unknown> {
  readonly [WAITING_ITEMS] = true;
  constructor(
    private readonly items: AsyncGenerator<unknown>,
    readonly kind: string,
  ) {}
  [Symbol.asyncIterator](): AsyncGenerator<unknown> {
    return this.items;
  }
  __repr__(): string {
    return `<${this.kind} object>`;
  }
  __iter__(): this {
    return this;
  }
  /** `next(it)`: the promise of the next item (StopIteration once none is left). */
  async __next__(): Promise<unknown> {
    const r = await this.items.next();
    if (r.done === true) throw r.value === undefined || r.value === null ? new StopIteration() : new StopIteration(r.value);
    return r.value;
  }
}

// (a runtime helper run under a replay frame steps such an iterator: each item recorded once)
replayableMethods(WaitingItems, ["__next__"]);

async function settle(x: unknown): Promise<unknown> {
  return isThenable(x) ? await x : x;
}

/** The truth of a value whose `__bool__`/`__len__` may wait. */
async function truthOf(x: unknown): Promise<boolean> {
  return (await settle(replayWaits(truthy, x))) as boolean;
}

/** Steps each source in turn; null once one ends (the later ones not stepped). */
async function row(sources: AsyncGenerator<unknown>[]): Promise<unknown[] | null> {
  const values: unknown[] = [];
  for (const source of sources) {
    const r = await source.next();
    if (r.done === true) return null;
    values.push(r.value);
  }
  return values;
}

/** `enumerate(iterable, start=0)`. */
export function waitingEnumerate(...args: unknown[]): WaitingItems {
  const [pos, kws] = splitKw(args);
  const source = pos[0];
  let start = (pos[1] ?? kws["start"] ?? 0n) as bigint;
  if (typeof start !== "bigint") throw new PyTypeError(`'${typeof start}' object cannot be interpreted as an integer`);
  return new WaitingItems(
    (async function* () {
      for await (const item of waitingIterator(source)) yield Tuple.of(start++, item);
    })(),
    "enumerate",
  );
}

/** `zip(*iterables)`. */
export function waitingZip(...args: unknown[]): WaitingItems {
  const [sources] = splitKw(args);
  return new WaitingItems(
    (async function* () {
      if (sources.length === 0) return;
      const its = sources.map((s) => waitingIterator(s));
      for (let r = await row(its); r !== null; r = await row(its)) yield Tuple.of(...r);
    })(),
    "zip",
  );
}

/** `map(function, *iterables)` (the function may wait too). */
export function waitingMapOver(f: unknown, ...sources: unknown[]): WaitingItems {
  return new WaitingItems(
    (async function* () {
      const its = sources.map((s) => waitingIterator(s));
      for (let r = await row(its); r !== null; r = await row(its)) yield await settle(callValue(f, ...r));
    })(),
    "map",
  );
}

/** `filter(function or None, iterable)`. */
export function waitingFilterOver(f: unknown, source: unknown): WaitingItems {
  return new WaitingItems(
    (async function* () {
      for await (const item of waitingIterator(source)) {
        const keep = f === null || f === undefined ? await truthOf(item) : await truthOf(await settle(callValue(f, item)));
        if (keep) yield item;
      }
    })(),
    "filter",
  );
}

/** `any(iterable)`: stops at the first true item, as CPython does. */
export async function waitingAny(source: unknown): Promise<boolean> {
  for await (const item of waitingIterator(source)) if (await truthOf(item)) return true;
  return false;
}

/** `all(iterable)`: stops at the first false item. */
export async function waitingAll(source: unknown): Promise<boolean> {
  for await (const item of waitingIterator(source)) if (!(await truthOf(item))) return false;
  return true;
}

/**
 * The generator object of a `def` with `yield` whose body waits (threads): its body is an async
 * generator, run item by item where a loop or consumer awaits them (none of it at the call).
 */
export function waitingGenerator(body: () => AsyncGenerator<unknown>, qualname: string): WaitingItems {
  let started: AsyncGenerator<unknown> | null = null;
  const items: AsyncGenerator<unknown> = {
    next: (value?: unknown) => (started ??= body()).next(value),
    return: (value?: unknown) => (started ??= body()).return(value),
    throw: (error?: unknown) => (started ??= body()).throw(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  } as AsyncGenerator<unknown>;
  return new WaitingItems(items, `generator object ${qualname}`);
}

/** `itertools.takewhile(predicate, iterable)` where the predicate (or the items) wait. */
export function waitingTakewhile(pred: unknown, source: unknown): WaitingItems {
  return new WaitingItems(
    (async function* () {
      for await (const item of waitingIterator(source)) {
        if (!(await truthOf(await settle(callValue(pred, item))))) return;
        yield item;
      }
    })(),
    "itertools.takewhile",
  );
}

/** `itertools.dropwhile(predicate, iterable)`. */
export function waitingDropwhile(pred: unknown, source: unknown): WaitingItems {
  return new WaitingItems(
    (async function* () {
      let dropping = true;
      for await (const item of waitingIterator(source)) {
        if (dropping && (await truthOf(await settle(callValue(pred, item))))) continue;
        dropping = false;
        yield item;
      }
    })(),
    "itertools.dropwhile",
  );
}

/** `itertools.filterfalse(predicate, iterable)`. */
export function waitingFilterfalse(pred: unknown, source: unknown): WaitingItems {
  return new WaitingItems(
    (async function* () {
      for await (const item of waitingIterator(source)) {
        const truth = pred === null || pred === undefined ? await truthOf(item) : await truthOf(await settle(callValue(pred, item)));
        if (!truth) yield item;
      }
    })(),
    "itertools.filterfalse",
  );
}

/** `itertools.starmap(function, iterable)`. */
export function waitingStarmap(f: unknown, source: unknown): WaitingItems {
  return new WaitingItems(
    (async function* () {
      for await (const args of waitingIterator(source)) {
        const row: unknown[] = [];
        for await (const a of waitingIterator(args)) row.push(a);
        yield await settle(callValue(f, ...row));
      }
    })(),
    "itertools.starmap",
  );
}

/** `itertools.accumulate(iterable, func=None, *, initial=None)`. */
export function waitingAccumulate(...args: unknown[]): WaitingItems {
  const [pos, kws] = splitKw(args);
  const source = pos[0];
  const func = pos[1] ?? kws["func"] ?? null;
  const initial = kws["initial"] ?? null;
  return new WaitingItems(
    (async function* () {
      let started = initial !== null;
      let total: unknown = initial;
      if (started) yield total;
      for await (const item of waitingIterator(source)) {
        if (!started) {
          started = true;
          total = item;
        } else total = await settle(func === null ? replayWaits(add, total, item) : callValue(func, total, item));
        yield total;
      }
    })(),
    "itertools.accumulate",
  );
}

/**
 * `itertools.groupby(iterable, key=None)`: each group's items are gathered as the group is
 * reached (the key called on each item in CPython's order), a group being a list iterator.
 */
export function waitingGroupby(...args: unknown[]): WaitingItems {
  const [pos, kws] = splitKw(args);
  const source = pos[0];
  const keyFn = pos[1] ?? kws["key"] ?? null;
  return new WaitingItems(
    (async function* () {
      const it = waitingIterator(source);
      const keyOf = async (x: unknown): Promise<unknown> => (keyFn === null ? x : await settle(callValue(keyFn, x)));
      let r = await it.next();
      if (r.done === true) return;
      let key = await keyOf(r.value);
      for (;;) {
        const group: unknown[] = [r.value];
        let nextKey: unknown;
        let ended = true;
        for (r = await it.next(); r.done !== true; r = await it.next()) {
          nextKey = await keyOf(r.value);
          if (!(await settle(replayWaits(eq, nextKey, key)))) {
            ended = false;
            break;
          }
          group.push(r.value);
        }
        yield Tuple.of(key, new PyIterator(group[Symbol.iterator]()));
        if (ended) return;
        key = nextKey;
      }
    })(),
    "itertools.groupby",
  );
}
