// Python coroutine objects: what calling an `async def` function returns. The emitted body is
// a JS generator function; nothing of it runs until the first send (CPython's rule).

import { RuntimeError } from "../values/exceptions.js";
import { addressOf } from "../values/repr.js";
import { markStarted, watchUnstarted, type UnstartedRecord } from "./never-awaited.js";
import {
  DONE,
  Delegation,
  RUNNING,
  SUSPENDED,
  Suspendable,
  type ResumeMode,
} from "./suspendable.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class Coroutine<R = any> extends Suspendable<unknown, R> {
  static readonly pythonName = "coroutine";
  private readonly _unstarted: UnstartedRecord;

  constructor(gen: Generator<unknown, R, unknown>, qualname: string) {
    super(gen, qualname);
    this._unstarted = watchUnstarted(this, qualname);
  }

  protected get _kind(): string {
    return "coroutine";
  }

  protected override _onStart(): void {
    markStarted(this, this._unstarted);
  }

  protected _stepFinished(mode: ResumeMode): IteratorResult<unknown, R> {
    // close() on a finished coroutine is silent; any other resume is an error.
    if (mode === 2) return { done: true, value: null as R };
    throw new RuntimeError("cannot reuse already awaited coroutine");
  }

  get cr_running(): boolean {
    return this._state === RUNNING;
  }

  get cr_suspended(): boolean {
    return this._state === SUSPENDED;
  }

  /** The iterator `await` delegates to (checked as CPython's GET_AWAITABLE does). */
  _awaitIterator(): Delegation<unknown, R> {
    if (this._state === SUSPENDED) throw new RuntimeError("coroutine is being awaited already");
    return new Delegation(this);
  }

  /** Python's `coro.__await__()`: a `coroutine_wrapper` iterator over this coroutine. */
  __await__(): CoroutineWrapper<R> {
    return new CoroutineWrapper(this);
  }

  get done(): boolean {
    return this._state === DONE;
  }

  __repr__(): string {
    return `<coroutine object ${this.__qualname__} at ${addressOf(this)}>`;
  }
}

/** CPython's `coroutine_wrapper`: the iterator `coro.__await__()` returns. */
export class CoroutineWrapper<R> {
  static readonly pythonName = "coroutine_wrapper";

  constructor(readonly coroutine: Coroutine<R>) {}

  send(value: unknown): unknown {
    return this.coroutine.send(value);
  }

  throw(typ: unknown, val?: unknown, tb?: unknown): unknown {
    return this.coroutine.throw(typ, val, tb);
  }

  close(): null {
    return this.coroutine.close();
  }

  __next__(): unknown {
    return this.coroutine.send(null);
  }

  __iter__(): this {
    return this;
  }

  __repr__(): string {
    return `<coroutine_wrapper object at ${addressOf(this)}>`;
  }
}

/**
 * Makes the coroutine object of an `async def` call. `body` is the emitted generator function;
 * it is called here (which runs none of it) so its code starts at the first send.
 */
export function coroutine<R>(body: () => Generator<unknown, R, unknown>, qualname: string): Coroutine<R> {
  return new Coroutine<R>(body(), qualname);
}

export function isCoroutine(x: unknown): x is Coroutine {
  return x instanceof Coroutine;
}
