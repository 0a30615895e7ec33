// `await x` and `yield from x` as `yield*` delegation targets. Coroutines and generators
// delegate to their own state machine; futures (runtime/asyncio) plug in through the
// `awaitIterator` symbol; other objects go through Python's `__await__` / `__iter__`.

import {
  AttributeError,
  GeneratorExit,
  PyTypeError,
  StopIteration,
} from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import { Coroutine, CoroutineWrapper } from "./coroutine.js";
import { PyGenerator } from "./generator.js";
import { clearDelegate, Delegation, noteDelegate, running } from "./suspendable.js";

/** The method a runtime awaitable (asyncio's Future) provides for a direct `yield*`. */
export const awaitIterator: unique symbol = Symbol("pyts.awaitIterator");

export interface NativeAwaitable<T> {
  [awaitIterator](): Generator<unknown, T, unknown>;
}

/**
 * The `yield*` target of an awaited runtime coroutine that finished without suspending
 * (core/fast-path-coroutine.ts): one object that is the iterator and its own final result.
 * `finishedAwait(value)` hands out one shared instance: `yield*` reads its `done` and `value`
 * at once, before any other code runs, so a queue's `await q.get()` allocates nothing here.
 */
export class FinishedAwait<R> implements Generator<unknown, R, unknown> {
  declare readonly done: true;
  declare value: R;

  constructor(value: R) {
    this.done = true;
    this.value = value;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<unknown, R> {
    return this;
  }

  throw(error: unknown): IteratorResult<unknown, R> {
    throw error;
  }

  return(value?: unknown): IteratorResult<unknown, R> {
    return { done: true, value: value as R };
  }

  get [Symbol.toStringTag](): string {
    return "FinishedAwait";
  }
}

const FINISHED = new FinishedAwait<unknown>(null);

/** The shared FinishedAwait, holding `value` until the next one (read it at once, as `yield*` does). */
export function finishedAwait<R>(value: R): FinishedAwait<R> {
  FINISHED.value = value;
  return FINISHED as FinishedAwait<R>;
}

/** Turns a JS promise into an awaitable; installed by runtime/asyncio (a Future of the loop). */
let promiseAdapter: ((promise: PromiseLike<unknown>) => unknown) | null = null;

export function setPromiseAdapter(adapter: (promise: PromiseLike<unknown>) => unknown): void {
  promiseAdapter = adapter;
}

interface PythonIterator {
  __next__(): unknown;
  send?: (value: unknown) => unknown;
  throw?: (error: unknown) => unknown;
  close?: () => unknown;
}

function isPythonIterator(x: unknown): x is PythonIterator {
  return typeof x === "object" && x !== null && typeof (x as PythonIterator).__next__ === "function";
}

function isJsIterator(x: unknown): x is Generator<unknown, unknown, unknown> {
  return (
    typeof x === "object" &&
    x !== null &&
    typeof (x as Iterator<unknown>).next === "function" &&
    typeof (x as Iterable<unknown>)[Symbol.iterator] === "function"
  );
}

/** `yield from` over an object with Python's iterator protocol (`__next__`, `send`, `throw`). */
class PythonIteratorDelegation implements Generator<unknown, unknown, unknown> {
  constructor(private readonly it: PythonIterator) {}

  [Symbol.iterator](): this {
    return this;
  }

  private resume(call: () => unknown): IteratorResult<unknown, unknown> {
    try {
      return { done: false, value: call() };
    } catch (error) {
      if (error instanceof StopIteration) {
        clearDelegate(this.it);
        return { done: true, value: error.value };
      }
      throw error;
    }
  }

  next(value?: unknown): IteratorResult<unknown, unknown> {
    const it = this.it;
    if (value === null || value === undefined) return this.resume(() => it.__next__());
    if (typeof it.send !== "function") {
      throw new AttributeError(`'${typeName(it)}' object has no attribute 'send'`);
    }
    const send = it.send;
    return this.resume(() => send.call(it, value));
  }

  throw(error: unknown): IteratorResult<unknown, unknown> {
    const it = this.it;
    if (error instanceof GeneratorExit) {
      if (typeof it.close === "function") it.close();
      throw error;
    }
    if (typeof it.throw !== "function") throw error;
    const thrower = it.throw;
    return this.resume(() => thrower.call(it, error));
  }

  return(value?: unknown): IteratorResult<unknown, unknown> {
    if (typeof this.it.close === "function") this.it.close();
    return { done: true, value };
  }

  get [Symbol.toStringTag](): string {
    return "PythonIteratorDelegation";
  }
}

/** The delegation target for what an `__await__` method returned. */
function fromAwaitResult(result: unknown): Generator<unknown, unknown, unknown> {
  if (result instanceof CoroutineWrapper) return result.coroutine._awaitIterator();
  if (result instanceof PyGenerator) return new Delegation(result);
  if (result instanceof Coroutine) throw new PyTypeError("__await__() returned a coroutine");
  if (isPythonIterator(result)) return new PythonIteratorDelegation(result);
  if (isJsIterator(result)) return result;
  throw new PyTypeError(`__await__() returned non-iterator of type '${typeName(result)}'`);
}

function isThenable(x: object): x is PromiseLike<unknown> {
  return typeof (x as PromiseLike<unknown>).then === "function";
}

/**
 * Python's `await x`, emitted as `yield* await_(x)`: the value is what the awaitable returns.
 * A Task receives every future yielded on the way and resumes the chain when it is done.
 */
export function await_<R>(x: Coroutine<R>, line?: number): Generator<unknown, R, unknown>;
export function await_<R>(x: NativeAwaitable<R>, line?: number): Generator<unknown, R, unknown>;
export function await_<R>(x: PromiseLike<R>, line?: number): Generator<unknown, R, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function await_(x: unknown, line?: number): Generator<unknown, any, unknown>;
export function await_(x: unknown, line?: number): Generator<unknown, unknown, unknown> {
  // The running body (if any) awaits `x` (its cr_await) at `line` of the emitted coroutine
  // body (CPython's f_lineno if it suspends); written out here (noteDelegate's work too), as
  // every await of every coroutine comes through here.
  const body = running.body;
  if (body !== null && line !== undefined && body instanceof Coroutine) body._line = line;
  if (x instanceof Coroutine) {
    const iterator = x._awaitIterator();
    // A coroutine that already finished is never the awaiting body's cr_await (which shows
    // only while it is suspended): not storing it spares the (older) body a reference to a
    // new object, which V8 records for its next young-generation collection.
    if (body !== null && !(iterator instanceof FinishedAwait)) body._delegate = x;
    return iterator;
  }
  if (body !== null) body._delegate = x;
  if (typeof x === "object" && x !== null) {
    const native = (x as Partial<NativeAwaitable<unknown>>)[awaitIterator];
    if (typeof native === "function") return native.call(x);
    if (x instanceof PyGenerator && x._iterableCoroutine) return new Delegation(x);
    const dunder = (x as { __await__?: unknown }).__await__;
    if (typeof dunder === "function") return fromAwaitResult(dunder.call(x));
    if (promiseAdapter !== null && isThenable(x)) return await_(promiseAdapter(x));
  }
  throw new PyTypeError(`object ${typeName(x)} can't be used in 'await' expression`);
}

function* iterateAll<T>(items: Iterable<T>, source: unknown): Generator<T, null, unknown> {
  for (const item of items) yield item;
  clearDelegate(source);
  return null;
}

/**
 * Python's `yield from x`, emitted as `yield* yieldFrom(x)`: generators delegate (send/throw
 * pass through, the value is their return value); coroutines and futures are allowed for
 * generator-based coroutines; other iterables are iterated and give None.
 */
export function yieldFrom<Y, R>(x: PyGenerator<Y, R>): Generator<Y, R, unknown>;
export function yieldFrom<R>(x: Coroutine<R>): Generator<unknown, R, unknown>;
export function yieldFrom<R>(x: NativeAwaitable<R>): Generator<unknown, R, unknown>;
export function yieldFrom<T>(x: Iterable<T>): Generator<T, null, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function yieldFrom(x: unknown): Generator<any, any, unknown>;
export function yieldFrom(x: unknown): Generator<unknown, unknown, unknown> {
  // gi_yieldfrom: the generator, coroutine, future or Python iterator delegated to.
  noteDelegate(x instanceof PyGenerator || x instanceof Coroutine ? x : null);
  if (x instanceof PyGenerator) return new Delegation(x);
  if (x instanceof Coroutine) return x._awaitIterator();
  if (typeof x === "object" && x !== null) {
    const native = (x as Partial<NativeAwaitable<unknown>>)[awaitIterator];
    if (typeof native === "function") {
      noteDelegate(x);
      return native.call(x);
    }
  }
  if (typeof x === "string" || (typeof x === "object" && x !== null)) {
    if (typeof (x as Iterable<unknown>)[Symbol.iterator] === "function") {
      // A Python iterator object is its own `iter()`: gi_yieldfrom shows it.
      if (isPythonIterator(x)) noteDelegate(x);
      return iterateAll(x as Iterable<unknown>, x);
    }
    const dunder = (x as { __iter__?: unknown }).__iter__;
    if (typeof dunder === "function") {
      const it: unknown = dunder.call(x);
      if (isPythonIterator(it)) {
        noteDelegate(it);
        return new PythonIteratorDelegation(it);
      }
      throw new PyTypeError(`iter() returned non-iterator of type '${typeName(it)}'`);
    }
  }
  throw new PyTypeError(`'${typeName(x)}' object is not iterable`);
}
