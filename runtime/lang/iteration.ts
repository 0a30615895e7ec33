// `async for` and the comprehension collectors.
import { coroutine, type Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { PyTypeError, RuntimeError, StopAsyncIteration, StopIteration } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import { Dict } from "../values/dict.js";
import { PySet } from "../values/set.js";
import { iter } from "../values/iteration.js";
import { dictEntriesByKeys, iteratesOwnWay } from "../values/builtin-types.js";

interface AsyncIterator {
  __anext__(): unknown;
}

/** Python's `aiter(x)`: `x.__aiter__()`. */
export function aiter(source: unknown): AsyncIterator {
  const method = (source as { __aiter__?: () => AsyncIterator } | null)?.__aiter__;
  if (typeof method !== "function") {
    throw new PyTypeError(`'async for' requires an object with __aiter__ method, got ${typeName(source)}`);
  }
  return method.call(source);
}

/** Python's `anext(it[, default])`: the awaitable `it.__anext__()`, or `default` at the end. */
export function anext(iterator: AsyncIterator, ...fallback: unknown[]): unknown {
  if (fallback.length === 0) return iterator.__anext__();
  return coroutine(function* () {
    try {
      return yield* await_(iterator.__anext__());
    } catch (error) {
      if (error instanceof StopAsyncIteration) return fallback[0];
      throw error;
    }
  }, "anext");
}

/** One `async for` step: `{ done: true }` once `__anext__` raises StopAsyncIteration. */
export function anextStep(iterator: AsyncIterator): Coroutine<{ done: boolean; value: any }> {
  return coroutine(function* () {
    try {
      const value = yield* await_(iterator.__anext__());
      return { done: false, value };
    } catch (error) {
      if (error instanceof StopAsyncIteration) return { done: true, value: null };
      throw error;
    }
  }, "anext");
}

/**
 * What a generator expression consumed in a loop (`sum(f(x) for x in xs)`, lowered without a
 * generator object) raises for an error its body raised: a StopIteration becomes
 * `RuntimeError: generator raised StopIteration`, as a generator's does (PEP 479).
 */
export function genexprError(error: unknown): unknown {
  if (!(error instanceof StopIteration)) return error;
  const wrapped = new RuntimeError("generator raised StopIteration");
  wrapped.__cause__ = error;
  wrapped.__context__ = error;
  return wrapped;
}

// (A comprehension in a class body passes its first iterable, evaluated in the class body.)
export function listComp<T>(body: (...iterable: any[]) => Generator<T, unknown, unknown>, ...iterable: unknown[]): T[] {
  return Array.from(body(...iterable) as Iterable<T>);
}

export function setComp<T>(body: (...iterable: any[]) => Generator<T, unknown, unknown>, ...iterable: unknown[]): PySet<T> {
  return new PySet<T>(body(...iterable) as Iterable<T>);
}

export function dictComp<K, V>(body: (...iterable: any[]) => Generator<[K, V], unknown, unknown>, ...iterable: unknown[]): Dict<K, V> {
  return new Dict<K, V>(body(...iterable) as Iterable<[K, V]>);
}

/**
 * A list/set/dict comprehension in a plain function whose items make blocking calls
 * (`[loop.run_until_complete(f(n)) for n in ns]`): its body is a JS async generator (the
 * calls are awaited, as in the function around it), collected here.
 */
export async function blockingComp(kind: "list" | "set" | "dict" | "iterator" | "lazy", body: (...iterable: any[]) => AsyncGenerator<unknown, unknown, unknown>, ...iterable: unknown[]): Promise<any> {
  // (a generator expression `any`/`all` step item by item: threads/waiting-iterators.ts)
  if (kind === "lazy") return { [Symbol.for("pyts.waitingItems")]: true, [Symbol.asyncIterator]: () => body(...iterable) };
  const items: unknown[] = [];
  for await (const item of body(...iterable)) items.push(item);
  if (kind === "list") return items;
  if (kind === "set") return new PySet(items);
  // A generator expression's items, computed ahead (see lowerBlockingComprehension).
  if (kind === "iterator") return iter(items);
  return new Dict(items as [unknown, unknown][]);
}

/** The `[key, value]` pairs of a mapping, for `{**mapping}` in a dict display. */
export function* dictItems(mapping: unknown): Generator<[unknown, unknown]> {
  if (mapping instanceof Dict) {
    if (iteratesOwnWay(mapping)) yield* dictEntriesByKeys(mapping);
    else yield* mapping.entries();
    return;
  }
  const m = mapping as { keys?: () => Iterable<unknown>; __getitem__?: (k: unknown) => unknown } | null;
  if (typeof m?.keys !== "function" || typeof m.__getitem__ !== "function") {
    throw new PyTypeError(`'${typeName(mapping)}' object is not a mapping`);
  }
  for (const key of m.keys()) yield [key, m.__getitem__(key)];
}

/** Run an async comprehension's generator to its end, collecting a list, set or dict. */
export function asyncCollect(source: AsyncIterator, kind: "list" | "set" | "dict"): Coroutine<unknown> {
  return coroutine(function* () {
    const items: unknown[] = [];
    for (;;) {
      const step = yield* await_(anextStep(source));
      if (step.done) break;
      items.push(step.value);
    }
    if (kind === "list") return items;
    if (kind === "set") return new PySet(items);
    return new Dict(items as [unknown, unknown][]);
  }, "asyncCollect");
}
