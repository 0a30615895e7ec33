// Callbacks that wait (DESIGN.md §7): `map`, `filter`, `functools.reduce` and `list.sort`
// given a function the lowering made async (it reaches a thread switch). Each call is awaited
// in turn, in CPython's order, so the other threads run meanwhile.

import { LazyWait } from "./scheduler.js";
import { replayWaits } from "./replay.js";
import { callValue } from "../modules/pycall.js";
import { iterable, jsIterator, PyIterator } from "../values/iteration.js";
import { PyTypeError } from "../values/exceptions.js";
import { callMethod } from "../values/methods.js";
import { splitKw } from "../values/kwargs.js";
import { truthy } from "../values/truth.js";
import { callKey, sortInPlace } from "../values/sorting.js";

/** What a loop over the value iterates as items come (concurrent-futures.ts's RESULT_STREAM). */
const RESULT_STREAM: unique symbol = Symbol.for("pyts.resultStream") as never;

async function settle(x: unknown): Promise<unknown> {
  return x instanceof Promise ? await x : x;
}

/**
 * A lazy iterator whose items wait: awaited as a whole it is the iterator over all of them
 * (`list(map(f, xs))`), and a loop over it (statements.ts) takes each as it comes.
 */
function waitingItems(items: () => AsyncGenerator<unknown>): unknown {
  const all = new LazyWait(async () => {
    const out: unknown[] = [];
    for await (const item of items()) out.push(item);
    return new PyIterator(out[Symbol.iterator]());
  });
  return Object.assign(all, { [RESULT_STREAM]: items });
}

/** `map(f, *iterables)` where `f` waits. */
export function waitingMap(f: unknown, ...sources: unknown[]): unknown {
  return waitingItems(async function* () {
    const its = sources.map(jsIterator);
    for (;;) {
      const row: unknown[] = [];
      for (const it of its) {
        const r = it.next();
        if (r.done) return;
        row.push(r.value);
      }
      yield await settle(replayWaits(callValue, f, ...row));
    }
  });
}

/** `filter(f, iterable)` where `f` waits. */
export function waitingFilter(f: unknown, source: unknown): unknown {
  return waitingItems(async function* () {
    for (const item of iterable(source)) if (truthy(await settle(replayWaits(callValue, f, item)))) yield item;
  });
}

const NO_INITIAL = Symbol("no initial");

/** `functools.reduce(f, iterable[, initial])` where `f` waits. */
export async function waitingReduce(f: unknown, source: unknown, initial: unknown = NO_INITIAL): Promise<unknown> {
  const it = jsIterator(source);
  let acc = initial;
  if (acc === NO_INITIAL) {
    const first = it.next();
    if (first.done) throw new PyTypeError("reduce() of empty iterable with no initial value");
    acc = first.value;
  }
  for (let r = it.next(); !r.done; r = it.next()) acc = await settle(replayWaits(callValue, f, acc, r.value));
  return acc;
}

/** `xs.sort(key=f, reverse=...)` where `f` waits: each key awaited in turn, then the sort. */
export async function sortWaitingKey(list: unknown, ...args: unknown[]): Promise<null> {
  const [pos, kws] = splitKw(args);
  const key = kws["key"];
  if (!Array.isArray(list) || pos.length > 0 || key === null || key === undefined) return callMethod(list, "sort", ...args);
  const keys: unknown[] = [];
  for (const item of list) keys.push(await settle(replayWaits(callKey, key, item)));
  // (the items sorted by their keys, computed once in order, as CPython does)
  const pairs = list.map((item, i) => ({ item, key: keys[i] }));
  sortInPlace(pairs, (p: { key: unknown }) => p.key, truthy(kws["reverse"] ?? false));
  list.splice(0, list.length, ...pairs.map((p) => p.item));
  return null;
}
