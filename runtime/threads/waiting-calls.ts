// Implicit calls that wait (DESIGN.md §7). In a threaded program a function reaching a thread
// switch is async; when the runtime or a JS construct calls it implicitly (a constructor
// running `__init__`, a property's getter or setter, a dunder behind an operator) the promise it
// returns is handed to the caller, which the lowering awaits where the Python call stood.

/** An instance whose `__init__` is still running (it waits): the promise of its end. */
import { StopIteration } from "../values/exceptions.js";
import { iterable } from "../values/iteration.js";
import { replayWaits } from "./replay.js";

const PENDING_INIT: unique symbol = Symbol("pyts.pendingInit");

type Pending = { [PENDING_INIT]?: PromiseLike<unknown> };

/**
 * A JS constructor whose `__init__` waits: after `super(...)`, the rest of the body runs as an
 * async function (at once, up to its first wait), after the base's own `__init__` ended when
 * that one waits too. The instance keeps the promise of its end for `initialized`.
 */
export function pendingInit(self: object, rest: () => Promise<unknown>): void {
  const target = self as Pending;
  const base = target[PENDING_INIT];
  const done = base === undefined ? rest() : Promise.resolve(base).then(rest);
  target[PENDING_INIT] = done;
}

/** `__init__` run as a method returned a promise (it waits): the instance keeps it. */
export function notePendingInit(self: object, result: unknown): void {
  if (result instanceof Promise) (self as Pending)[PENDING_INIT] = result;
}

/**
 * The value of a class call whose `__init__` may wait: the instance once its `__init__` has
 * ended (a promise then), else the instance itself.
 */
export function initialized<T>(instance: T): T | Promise<T> {
  if (instance === null || typeof instance !== "object") return instance;
  const pending = (instance as Pending)[PENDING_INIT];
  if (pending === undefined) return instance;
  delete (instance as Pending)[PENDING_INIT];
  return Promise.resolve(pending).then(() => instance);
}

/**
 * `obj.name = value` where some class's setter of that name waits: the setter found on the
 * object's prototype chain is called for what it returns (a JS assignment drops it), else the
 * attribute is assigned as usual.
 */
export function setProperty(obj: object, key: string, value: unknown): unknown {
  for (let proto: object | null = Object.getPrototypeOf(obj); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    if (desc === undefined) continue;
    if (desc.set === undefined) break;
    setterWait = undefined;
    desc.set.call(obj, value);
    const wait = setterWait;
    setterWait = undefined;
    return wait;
  }
  (obj as Record<string, unknown>)[key] = value;
  return undefined;
}

/** The promise of the last waiting setter's body (a JS setter's own result is dropped). */
let setterWait: Promise<unknown> | undefined;

/** A property setter whose body waits hands its promise to `setProperty`. */
export function setterWaits(body: Promise<unknown>): void {
  setterWait = body;
}

interface PyIter {
  __iter__?: () => unknown;
  __next__?: () => unknown;
}

/** Marks an async iterator of items that wait (waiting-iterators.ts's WaitingItems). */
export const WAITING_ITEMS: unique symbol = Symbol.for("pyts.waitingItems") as never;

const isPromise = (x: unknown): x is Promise<unknown> => x instanceof Promise;

/**
 * `for x in obj:` where some class's `__iter__` or `__next__` waits: the loop awaits each
 * item, which the object's own `__next__` gives (StopIteration ends the loop), or the
 * built-in iteration of anything else.
 */
export async function* waitingIterator(x: unknown): AsyncGenerator<unknown> {
  // (enumerate, zip, map, filter over such an iterable: waiting-iterators.ts)
  if (x !== null && typeof x === "object" && (x as { [WAITING_ITEMS]?: true })[WAITING_ITEMS] === true) {
    yield* x as AsyncIterable<unknown>;
    return;
  }
  let it: unknown = x;
  const obj = x as PyIter | null;
  if (obj !== null && typeof obj === "object" && !Array.isArray(obj) && typeof obj.__iter__ === "function") {
    it = obj.__iter__();
    if (isPromise(it)) it = await it;
  }
  const step = (it as PyIter | null)?.__next__;
  if (it === null || typeof it !== "object" || typeof step !== "function") {
    yield* iterable(it);
    return;
  }
  for (;;) {
    let value: unknown;
    try {
      value = step.call(it);
      if (isPromise(value)) value = await value;
    } catch (e) {
      if (e instanceof StopIteration) return;
      throw e;
    }
    yield value;
  }
}

/** `list(obj)`, `sum(obj)`, ... where obj's `__next__` may wait: its items awaited, then `fn` over them. */
export async function consumeWaiting(fn: (...args: unknown[]) => unknown, source: unknown, ...rest: unknown[]): Promise<unknown> {
  const items: unknown[] = [];
  for await (const item of waitingIterator(source)) items.push(item);
  // (sorted, min, max, set, dict may call dunders that wait: under replay)
  return await replayWaits(fn, items, ...rest);
}
