// Python's `heapq`: min-heaps kept in plain lists, with CPython's sift algorithms (so equal
// items end up where CPython puts them) comparing with `<` only; `merge`, `nlargest` and
// `nsmallest` as Lib/heapq.py computes them.

import { lt, sameItem } from "../values/compare.js";
import { len, max, min } from "../values/builtin-functions.js";
import { Tuple } from "../values/tuple.js";
import { sortInPlace } from "../values/sorting.js";
import { builtinFunction } from "../values/builtin-type.js";
import { AttributeError, IndexError, PyTypeError, RuntimeError } from "../values/exceptions.js";
import { iterable as iterable_, jsIterator } from "../values/iteration.js";
import { kw, splitKw } from "../values/kwargs.js";
import { asIndex } from "../values/slice.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { generator } from "../core/generator.js";
import { keywords } from "../lang/keywords.js";
import { isNone } from "./callable-class.js";
import { positionalFunction } from "./clinic-args.js";
import { moduleObject } from "./module-object.js";
import { callValue } from "./pycall.js";

type Less<T> = (a: T, b: T) => boolean;

/** An item taken from the heap: `any`, as emitted code reads its attributes as the program types them. */
type ReturnsItem = (...args: any[]) => any;

const pyLess: Less<unknown> = (a, b) => lt(a, b);
const pyGreater: Less<unknown> = (a, b) => lt(b, a);

/** A comparison may run Python code that resizes the heap: CPython refuses to go on. */
function checkSize(heap: unknown[], size: number): void {
  if (heap.length !== size) throw new RuntimeError("list changed size during iteration");
}

/** Moves heap[pos] up towards startpos while it is less than its parent. */
function siftDown<T>(heap: T[], startpos: number, pos: number, less: Less<T>): void {
  const size = heap.length;
  const newitem = heap[pos]!;
  while (pos > startpos) {
    const parentpos = (pos - 1) >> 1;
    const parent = heap[parentpos]!;
    const smaller = less(newitem, parent);
    checkSize(heap, size);
    if (!smaller) break;
    heap[pos] = parent;
    pos = parentpos;
  }
  heap[pos] = newitem;
}

/** Moves the smaller child up until a leaf, puts heap[pos] there and sifts it back down. */
function siftUp<T>(heap: T[], pos: number, less: Less<T>): void {
  const endpos = heap.length;
  const startpos = pos;
  const newitem = heap[pos]!;
  let childpos = 2 * pos + 1;
  while (childpos < endpos) {
    const rightpos = childpos + 1;
    if (rightpos < endpos) {
      const leftSmaller = less(heap[childpos]!, heap[rightpos]!);
      checkSize(heap, endpos);
      if (!leftSmaller) childpos = rightpos;
    }
    heap[pos] = heap[childpos]!;
    pos = childpos;
    childpos = 2 * pos + 1;
  }
  heap[pos] = newitem;
  siftDown(heap, startpos, pos, less);
}

/**
 * heapify as _heapq does it: sift up every parent from the last one back; over 2500 items,
 * CPython's cache-friendly order (each row's nodes with their left-child ancestors).
 */
function heapify<T>(heap: T[], less: Less<T>): void {
  const n = heap.length;
  if (n <= 2500) {
    for (let i = (n >> 1) - 1; i >= 0; i--) siftUp(heap, i, less);
    return;
  }
  const m = n >> 1;
  const leftmost = topBit(m + 1) - 1;
  const mhalf = m >> 1;
  const siftPath = (i: number): void => {
    for (let j = i; ; j >>= 1) {
      siftUp(heap, j, less);
      if (!(j & 1)) break;
    }
  };
  for (let i = leftmost - 1; i >= mhalf; i--) siftPath(i);
  for (let i = m - 1; i >= leftmost; i--) siftPath(i);
}

/** The largest power of two not above n (n > 0). */
function topBit(n: number): number {
  let bit = 1;
  while (bit * 2 <= n) bit *= 2;
  return bit;
}

function pop<T>(heap: T[], less: Less<T>): T {
  if (heap.length === 0) throw new IndexError("index out of range");
  const last = heap.pop()!;
  if (heap.length === 0) return last;
  const top = heap[0]!;
  heap[0] = last;
  siftUp(heap, 0, less);
  return top;
}

function replace<T>(heap: T[], item: T, less: Less<T>): T {
  if (heap.length === 0) throw new IndexError("index out of range");
  const top = heap[0]!;
  heap[0] = item;
  siftUp(heap, 0, less);
  return top;
}

/** The heap argument: a list (CPython names the argument when the function takes two). */
function heapList(heap: unknown, name: string, oneArgument = false): unknown[] {
  if (!Array.isArray(heap)) throw new PyTypeError(`${name}() argument ${oneArgument ? "" : "1 "}must be list, not ${typeName(heap)}`);
  return heap;
}

const heappush = positionalFunction((heap: unknown, item: unknown): null => {
  const list = heapList(heap, "heappush");
  list.push(item);
  siftDown(list, 0, list.length - 1, pyLess);
  return null;
}, "_heapq", "heappush", 2);

const heappop = positionalFunction((heap: unknown): any => pop(heapList(heap, "heappop", true), pyLess), "_heapq", "heappop", 1) as ReturnsItem;

const heapreplace = positionalFunction((heap: unknown, item: unknown): any => replace(heapList(heap, "heapreplace"), item, pyLess), "_heapq", "heapreplace", 2) as ReturnsItem;

const heappushpop = positionalFunction((heap: unknown, item: unknown): any => {
  const list = heapList(heap, "heappushpop");
  if (list.length === 0) return item;
  const top = list[0];
  const topSmaller = lt(top, item);
  if (!topSmaller) return item;
  if (list.length === 0) throw new IndexError("index out of range");
  list[0] = item;
  siftUp(list, 0, pyLess);
  return top;
}, "_heapq", "heappushpop", 2) as ReturnsItem;

const heapifyList = positionalFunction((heap: unknown): null => {
  heapify(heapList(heap, "heapify", true), pyLess);
  return null;
}, "_heapq", "heapify", 1);

const heappopMax = positionalFunction((heap: unknown): unknown => pop(heapList(heap, "_heappop_max", true), pyGreater), "_heapq", "_heappop_max", 1);
const heapreplaceMax = positionalFunction(
  (heap: unknown, item: unknown): unknown => replace(heapList(heap, "_heapreplace_max"), item, pyGreater),
  "_heapq",
  "_heapreplace_max",
  2,
);
const heapifyMax = positionalFunction((heap: unknown): null => {
  heapify(heapList(heap, "_heapify_max", true), pyGreater);
  return null;
}, "_heapq", "_heapify_max", 1);

/** A count or position (`n` of nsmallest is used as a slice bound, hence CPython's message). */
function positionArg(x: unknown): number {
  const index = asIndex(x);
  if (index === undefined) throw new PyTypeError("slice indices must be integers or None or have an __index__ method");
  return Number(index);
}

/** One input of merge: its current value, the value's key and its place among the inputs. */
interface MergeEntry {
  key: unknown;
  order: number;
  value: unknown;
  rest: Iterator<unknown>;
}

// Lib/heapq.py keeps [key, order, value, next] lists: list order compares the keys by ==
// first and by < where they differ, and the unique order numbers settle ties.
const entryLess: Less<MergeEntry> = (a, b) => (sameItem(a.key, b.key) ? a.order < b.order : lt(a.key, b.key));
const entryGreater: Less<MergeEntry> = (a, b) => entryLess(b, a);

function merge(...args: unknown[]): any {
  const [iterables, kws] = splitKw(args);
  const key = kws["key"] ?? null;
  const reverse = truthy(kws["reverse"] ?? false);
  for (const name of Object.keys(kws)) {
    if (name !== "key" && name !== "reverse") throw new PyTypeError(`merge() got an unexpected keyword argument '${name}'`);
  }
  const keyOf = (value: unknown): unknown => (isNone(key) ? value : callValue(key, value));
  const less = reverse ? entryGreater : entryLess;
  const direction = reverse ? -1 : 1;
  return generator(function* () {
    const heap: MergeEntry[] = [];
    iterables.forEach((iterable, order) => {
      const rest = jsIterator(iterable);
      const first = rest.next();
      if (!first.done) heap.push({ key: keyOf(first.value), order: order * direction, value: first.value, rest });
    });
    heapify(heap, less);
    while (heap.length > 1) {
      const top = heap[0]!;
      yield top.value;
      const step = top.rest.next();
      if (step.done) {
        pop(heap, less);
      } else {
        top.value = step.value;
        top.key = keyOf(step.value);
        replace(heap, top, less);
      }
    }
    if (heap.length === 1) {
      const last = heap[0]!;
      yield last.value;
      for (let step = last.rest.next(); !step.done; step = last.rest.next()) yield step.value;
    }
    return null;
  }, "merge");
}

/**
 * nsmallest/nlargest as Lib/heapq.py computes them, so user comparisons run as CPython's do:
 * n == 1 is min/max; n at least len(iterable) is sorted(...)[:n]; otherwise a max-heap (a
 * min-heap for nlargest) of the first n (item, order) or (key, order, item) tuples, each
 * later item compared with the top, and the heap sorted at the end.
 */
function selectFirst(largest: boolean): (n: unknown, iterable: unknown, key?: unknown) => unknown[] {
  return (n, iterable, key = null) => {
    const count = positionArg(n);
    const keyed = !isNone(key);
    if (count === 1) {
      const sentinel = {};
      const result = (largest ? max : min)(iterable, keyed ? kw({ default: sentinel, key }) : kw({ default: sentinel }));
      return result === sentinel ? [] : [result];
    }
    let size: bigint | undefined;
    try {
      size = len(iterable);
    } catch (e) {
      if (!(e instanceof PyTypeError || e instanceof AttributeError)) throw e;
    }
    if (size !== undefined && BigInt(count) >= size) {
      const items = Array.from(iterable_(iterable));
      sortInPlace(items, key, largest);
      return items.slice(0, Math.max(count, 0));
    }
    const it = jsIterator(iterable);
    const result: Tuple[] = [];
    // zip(range(n), it): the range is asked first, so no item past the n-th is taken.
    for (let i = 0; i < count; i++) {
      const step = it.next();
      if (step.done) break;
      const order = BigInt(largest ? -i : i);
      result.push(new Tuple(keyed ? [callValue(key, step.value), order, step.value] : [step.value, order]));
    }
    if (result.length === 0) return result;
    const less = largest ? pyLess : pyGreater;
    heapify(result, less);
    let top = result[0]!.items[0];
    let order = largest ? -count : count;
    for (let step = it.next(); !step.done; step = it.next()) {
      const k = keyed ? callValue(key, step.value) : step.value;
      if (largest ? lt(top, k) : lt(k, top)) {
        replace(result, new Tuple(keyed ? [k, BigInt(order), step.value] : [k, BigInt(order)]), less);
        top = result[0]!.items[0];
        order += largest ? -1 : 1;
      }
    }
    sortInPlace(result, null, largest);
    return result.map((t) => t.items[keyed ? 2 : 0]);
  };
}

const nsmallest = keywords(selectFirst(false), ["n", "iterable", "key="], "nsmallest");
const nlargest = keywords(selectFirst(true), ["n", "iterable", "key="], "nlargest");

export const heapqModule = moduleObject("heapq", {
  __all__: ["heappush", "heappop", "heapify", "heapreplace", "merge", "nlargest", "nsmallest", "heappushpop"],
  heappush,
  heappop,
  heapify: heapifyList,
  heapreplace,
  heappushpop,
  merge,
  nlargest,
  nsmallest,
  _heappop_max: heappopMax,
  _heapreplace_max: heapreplaceMax,
  _heapify_max: heapifyMax,
  _siftdown: builtinFunction((heap: unknown, startpos: unknown, pos: unknown): null => {
    siftDown(heapList(heap, "_siftdown"), positionArg(startpos), positionArg(pos), pyLess);
    return null;
  }, "_siftdown"),
  _siftup: builtinFunction((heap: unknown, pos: unknown): null => {
    siftUp(heapList(heap, "_siftup"), positionArg(pos), pyLess);
    return null;
  }, "_siftup"),
  _siftdown_max: builtinFunction((heap: unknown, startpos: unknown, pos: unknown): null => {
    siftDown(heapList(heap, "_siftdown_max"), positionArg(startpos), positionArg(pos), pyGreater);
    return null;
  }, "_siftdown_max"),
  _siftup_max: builtinFunction((heap: unknown, pos: unknown): null => {
    siftUp(heapList(heap, "_siftup_max"), positionArg(pos), pyGreater);
    return null;
  }, "_siftup_max"),
});
