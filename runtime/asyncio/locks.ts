// asyncio's synchronisation primitives (3.11): Lock, Event, Condition, Semaphore,
// BoundedSemaphore. Waiters are futures in FIFO order and wake in exactly CPython's order.
// `loop=` (removed in 3.10) is accepted and ignored, as lecture-era code passes it.

import { await_ } from "../core/await.js";
import { coroutine, Coroutine } from "../core/coroutine.js";
import { CREATED, DONE, SUSPENDED, type ResumeMode } from "../core/suspendable.js";
import { RuntimeError, ValueError } from "../values/exceptions.js";
import { getattr } from "../values/attribute-builtins.js";
import { addressOf } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { bindArgs } from "./args.js";
import type { EventLoop } from "./events.js";
import { CancelledError } from "./exceptions.js";
import type { Future } from "./futures.js";
import { _get_running_loop } from "./loop-state.js";

/** Removes the first occurrence of `item` (deque.remove). */
export function removeItem<T>(items: T[], item: T): void {
  const index = items.indexOf(item);
  // The usual case, the oldest waiter leaving: shift() is O(1) on V8 where splice moves all.
  if (index === 0) items.shift();
  else if (index > 0) items.splice(index, 1);
}

/** CPython's `_LoopBoundMixin`: bound to the running loop on first wait. */
export class LoopBound {
  _loop: EventLoop | null = null;

  _get_loop(): EventLoop {
    const loop = _get_running_loop();
    if (this._loop === null) this._loop = loop;
    if (loop !== this._loop) throw new RuntimeError(`${this.__repr__()} is bound to a different event loop`);
    return loop!;
  }

  /** `<asyncio.locks.Lock object at 0x... [extra]>`. */
  protected _describe(extra: string): string {
    const module = (this.constructor as { __module__?: string }).__module__ ?? "asyncio.locks";
    return `<${module}.${typeName(this)} object at ${addressOf(this)} [${extra}]>`;
  }

  __repr__(): string {
    return this._describe("");
  }
}

function waitersText(waiters: readonly Future[] | null): string {
  return waiters !== null && waiters.length > 0 ? `, waiters:${waiters.length}` : "";
}

/** What `async with` on a lock, condition or semaphore runs. */
interface Acquirable {
  acquire(): Coroutine<boolean>;
  release(): null;
}

function aenter(self: Acquirable, qualname: string): Coroutine<null> {
  return coroutine(function* () {
    yield* await_(self.acquire());
    return null;
  }, qualname);
}

function aexit(self: Acquirable, qualname: string): Coroutine<null> {
  // eslint-disable-next-line require-yield
  return coroutine(function* () {
    self.release();
    return null;
  }, qualname);
}

export class Lock extends LoopBound implements Acquirable {
  static readonly __module__ = "asyncio.locks";
  _waiters: Future[] | null = null;
  _locked = false;

  constructor(...args: unknown[]) {
    super();
    bindArgs("Lock", args, ["loop"], 0);
  }

  override __repr__(): string {
    return this._describe(`${this._locked ? "locked" : "unlocked"}${waitersText(this._waiters)}`);
  }

  locked(): boolean {
    return this._locked;
  }

  acquire(): Coroutine<boolean> {
    return new Coroutine(this._acquire(), "Lock.acquire");
  }

  private *_acquire(): Generator<unknown, boolean, unknown> {
    if (!this._locked && (this._waiters === null || this._waiters.every((w) => w.cancelled()))) {
      this._locked = true;
      return true;
    }
    if (this._waiters === null) this._waiters = [];
    const fut = this._get_loop().create_future();
    this._waiters.push(fut);
    try {
      try {
        yield* await_(fut);
      } finally {
        removeItem(this._waiters, fut);
      }
    } catch (error) {
      if (error instanceof CancelledError && !this._locked) this._wake_up_first();
      throw error;
    }
    this._locked = true;
    return true;
  }

  release(): null {
    if (!this._locked) throw new RuntimeError("Lock is not acquired.");
    this._locked = false;
    this._wake_up_first();
    return null;
  }

  _wake_up_first(): void {
    const first = this._waiters?.[0];
    if (first !== undefined && !first.done()) first.set_result(true);
  }

  __aenter__(): Coroutine<null> {
    return aenter(this, "_ContextManagerMixin.__aenter__");
  }

  __aexit__(_t: unknown, _v: unknown, _tb: unknown): Coroutine<null> {
    return aexit(this, "_ContextManagerMixin.__aexit__");
  }
}

export class Event extends LoopBound {
  static readonly __module__ = "asyncio.locks";
  _waiters: Future[] = [];
  _value = false;

  constructor(...args: unknown[]) {
    super();
    bindArgs("Event", args, ["loop"], 0);
  }

  override __repr__(): string {
    return this._describe(`${this._value ? "set" : "unset"}${waitersText(this._waiters)}`);
  }

  is_set(): boolean {
    return this._value;
  }

  set(): null {
    if (!this._value) {
      this._value = true;
      for (const fut of this._waiters) if (!fut.done()) fut.set_result(true);
    }
    return null;
  }

  clear(): null {
    this._value = false;
    return null;
  }

  wait(): Coroutine<boolean> {
    return new EventWait(this);
  }

  *_wait(): Generator<unknown, boolean, unknown> {
    if (this._value) return true;
    const fut = this._get_loop().create_future();
    this._waiters.push(fut);
    try {
      yield* await_(fut);
      return true;
    } finally {
      removeItem(this._waiters, fut);
    }
  }
}

/** Stands for an EventWait's generator body until it is needed. */
const BODY_NOT_MADE = (function* (): Generator<never, never, unknown> {
  throw new Error("pyts: Event.wait body used before it was made");
})();

/**
 * The coroutine `Event.wait()` returns. Awaited fresh (the usual case) it runs as a small
 * iterator instead of a generator: the same steps (wait on a new future in `_waiters`, leave it
 * on resume or on an exception) for less memory per waiting task. Stepped any other way, it
 * makes the generator body first.
 */
class EventWait extends Coroutine<boolean> {
  static override readonly pythonName = "coroutine";
  declare readonly _event: Event;

  constructor(event: Event) {
    super(BODY_NOT_MADE as Generator<unknown, boolean, unknown>, "Event.wait");
    this._event = event;
  }

  override _awaitIterator(): Generator<unknown, boolean, unknown> {
    if (this._state === CREATED && this._gen === BODY_NOT_MADE) {
      this._onStart();
      this._state = SUSPENDED;
      return new EventWaitAwait(this);
    }
    this._ensureBody();
    return super._awaitIterator();
  }

  _ensureBody(): void {
    if (this._gen === BODY_NOT_MADE) this._gen = this._event._wait();
  }

  override _step(mode: ResumeMode, value: unknown): IteratorResult<unknown, boolean> {
    this._ensureBody();
    return super._step(mode, value);
  }

  override close(): null {
    this._ensureBody();
    return super.close();
  }
}

/** `yield*` target of an awaited fresh Event.wait(): Event._wait's steps without a generator. */
class EventWaitAwait implements Generator<unknown, boolean, unknown> {
  private declare readonly coro: EventWait;
  /** The future waited on, once made. */
  private declare fut: Future | null;

  constructor(coro: EventWait) {
    this.coro = coro;
    this.fut = null;
  }

  [Symbol.iterator](): this {
    return this;
  }

  /** Leaves `_waiters` (the body's `finally`); the coroutine is done. */
  private leave(): void {
    const coro = this.coro;
    coro._state = DONE;
    coro._delegate = null;
    if (this.fut !== null) removeItem(coro._event._waiters, this.fut);
  }

  next(): IteratorResult<unknown, boolean> {
    const coro = this.coro;
    const fut = this.fut;
    if (fut === null) {
      const event = coro._event;
      if (event._value) {
        this.leave();
        return { done: true, value: true };
      }
      let waiter: Future;
      try {
        waiter = event._get_loop().create_future();
      } catch (error) {
        this.leave();
        throw error;
      }
      event._waiters.push(waiter);
      this.fut = waiter;
      coro._delegate = waiter;
      waiter._asyncio_future_blocking = true;
      return { done: false, value: waiter };
    }
    this.leave();
    if (!fut.done()) throw new RuntimeError("await wasn't used with future");
    fut.result();
    return { done: true, value: true };
  }

  throw(error: unknown): IteratorResult<unknown, boolean> {
    this.leave();
    throw error;
  }

  return(value?: unknown): IteratorResult<unknown, boolean> {
    this.leave();
    return { done: true, value: value as boolean };
  }

  get [Symbol.toStringTag](): string {
    return "EventWaitAwait";
  }
}

export class Condition extends LoopBound implements Acquirable {
  static readonly __module__ = "asyncio.locks";
  readonly _lock: Lock;
  _waiters: Future[] = [];
  // (the lock's own bound methods, instance attributes as CPython's __init__ sets them)
  readonly locked: () => boolean;
  readonly acquire: () => Coroutine<boolean>;
  readonly release: () => null;

  /** `Condition(lock=None)`. */
  constructor(...args: unknown[]) {
    super();
    const [lock] = bindArgs("Condition", args, ["lock", "loop"], 1);
    this._lock = (lock as Lock | null | undefined) ?? new Lock();
    this.locked = getattr(this._lock, "locked");
    this.acquire = getattr(this._lock, "acquire");
    this.release = getattr(this._lock, "release");
  }

  override __repr__(): string {
    return this._describe(`${this.locked() ? "locked" : "unlocked"}${waitersText(this._waiters)}`);
  }

  wait(): Coroutine<boolean> {
    return new Coroutine(this._wait(), "Condition.wait");
  }

  private *_wait(): Generator<unknown, boolean, unknown> {
    if (!this.locked()) throw new RuntimeError("cannot wait on un-acquired lock");
    this.release();
    try {
      const fut = this._get_loop().create_future();
      this._waiters.push(fut);
      try {
        yield* await_(fut);
        return true;
      } finally {
        removeItem(this._waiters, fut);
      }
    } finally {
      // Reacquire the lock whatever happened; a cancellation meanwhile is re-raised after.
      let cancelled = false;
      for (;;) {
        try {
          yield* await_(this.acquire());
          break;
        } catch (error) {
          if (!(error instanceof CancelledError)) throw error;
          cancelled = true;
        }
      }
      // eslint-disable-next-line no-unsafe-finally
      if (cancelled) throw new CancelledError();
    }
  }

  wait_for(predicate: () => unknown): Coroutine<unknown> {
    return new Coroutine(this._waitFor(predicate), "Condition.wait_for");
  }

  private *_waitFor(predicate: () => unknown): Generator<unknown, unknown, unknown> {
    let result = predicate();
    while (!truthy(result)) {
      yield* await_(this.wait());
      result = predicate();
    }
    return result;
  }

  notify(...args: unknown[]): null {
    const [nArg] = bindArgs("notify", args, ["n"]);
    const n = nArg === undefined ? 1 : Number(nArg as number | bigint);
    if (!this.locked()) throw new RuntimeError("cannot notify on un-acquired lock");
    let woken = 0;
    for (const fut of this._waiters) {
      if (woken >= n) break;
      if (!fut.done()) {
        woken += 1;
        fut.set_result(false);
      }
    }
    return null;
  }

  notify_all(): null {
    return this.notify(this._waiters.length);
  }

  __aenter__(): Coroutine<null> {
    return aenter(this, "_ContextManagerMixin.__aenter__");
  }

  __aexit__(_t: unknown, _v: unknown, _tb: unknown): Coroutine<null> {
    return aexit(this, "_ContextManagerMixin.__aexit__");
  }
}

export class Semaphore extends LoopBound implements Acquirable {
  static readonly __module__ = "asyncio.locks";
  _waiters: Future[] | null = null;
  _value: number;

  /** `Semaphore(value=1)`. */
  constructor(...args: unknown[]) {
    super();
    const [value] = bindArgs(new.target === Semaphore ? "Semaphore" : "BoundedSemaphore", args, ["value", "loop"], 1);
    this._value = value === undefined ? 1 : Number(value as number | bigint);
    if (this._value < 0) throw new ValueError("Semaphore initial value must be >= 0");
  }

  override __repr__(): string {
    const state = this.locked() ? "locked" : `unlocked, value:${this._value}`;
    return this._describe(`${state}${waitersText(this._waiters)}`);
  }

  locked(): boolean {
    return this._value === 0 || (this._waiters ?? []).some((w) => !w.cancelled());
  }

  acquire(): Coroutine<boolean> {
    return new Coroutine(this._acquire(), "Semaphore.acquire");
  }

  private *_acquire(): Generator<unknown, boolean, unknown> {
    if (!this.locked()) {
      this._value -= 1;
      return true;
    }
    if (this._waiters === null) this._waiters = [];
    const fut = this._get_loop().create_future();
    this._waiters.push(fut);
    try {
      try {
        yield* await_(fut);
      } finally {
        removeItem(this._waiters, fut);
      }
    } catch (error) {
      if (error instanceof CancelledError && !fut.cancelled()) {
        // Woken and cancelled at once: pass the wake-up on.
        this._value += 1;
        this._wake_up_next();
      }
      throw error;
    }
    if (this._value > 0) this._wake_up_next();
    return true;
  }

  release(): null {
    this._value += 1;
    this._wake_up_next();
    return null;
  }

  _wake_up_next(): void {
    if (this._waiters === null) return;
    for (const fut of this._waiters) {
      if (!fut.done()) {
        this._value -= 1;
        fut.set_result(true);
        return;
      }
    }
  }

  __aenter__(): Coroutine<null> {
    return aenter(this, "_ContextManagerMixin.__aenter__");
  }

  __aexit__(_t: unknown, _v: unknown, _tb: unknown): Coroutine<null> {
    return aexit(this, "_ContextManagerMixin.__aexit__");
  }
}

export class BoundedSemaphore extends Semaphore {
  _bound_value: number;

  constructor(...args: unknown[]) {
    super(...args);
    this._bound_value = this._value;
  }

  override release(): null {
    if (this._value >= this._bound_value) throw new ValueError("BoundedSemaphore released too many times");
    return super.release();
  }
}
