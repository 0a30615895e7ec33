// Runtime coroutines (Queue.put, Queue.get, ...) that usually finish without suspending. When
// awaited fresh, `_now()` tries to finish at once; only if it would have to wait is the full
// generator body made and delegated to. An awaited coroutine that returns before its first
// yield never suspends, so finishing synchronously is indistinguishable to the awaiting task
// (same result, same exceptions, same event order), and saves a generator and its resumes.

import { finishedAwait } from "./await.js";
import { Coroutine } from "./coroutine.js";
import { NO_WARNING } from "./never-awaited.js";
import { CREATED, DONE, type ResumeMode } from "./suspendable.js";

/** What `_now()` gives when the operation has to wait (it then did nothing). */
export const WOULD_BLOCK: unique symbol = Symbol("pyts.wouldBlock");

/**
 * Stands for the body until it is needed; never stepped (`_ensureBody` replaces it first).
 * Subclasses are made as `new Sub(BODY_NOT_MADE, qualname)`, their own fields assigned after.
 */
export const BODY_NOT_MADE = (function* (): Generator<never, never, unknown> {
  throw new Error("pyts: fast-path coroutine body used before it was made");
})() as Generator<never, never, unknown>;

/**
 * Subclasses declare `static pythonName = "coroutine"` too: type() must say "coroutine".
 * Neither this class nor its subclasses define a constructor: V8 skips default constructors,
 * so making one is a single constructor call (Coroutine's) instead of a chain of four, which
 * counts in the interpreter and baseline code a program's first rounds run in.
 */
export abstract class FastPathCoroutine<R> extends Coroutine<R> {
  static override readonly pythonName = "coroutine";

  /** Finishes the operation now and gives its result, or WOULD_BLOCK having done nothing. */
  protected abstract _now(): R | typeof WOULD_BLOCK;

  /** The full body (as the plain coroutine would run it), for the waiting case. */
  protected abstract _body(): Generator<unknown, R, unknown>;

  private _ensureBody(): void {
    if (this._gen === BODY_NOT_MADE) this._gen = this._body();
  }

  override _awaitIterator(): Generator<unknown, R, unknown> {
    if (this._state === CREATED && this._gen === BODY_NOT_MADE) {
      // _onStart: a coroutine awaited in the step that made it is not registered yet, so
      // marking it started is one store (else markStarted unregisters it).
      if (this._watch === null) this._watch = NO_WARNING;
      else this._onStart();
      this._state = DONE;
      // An exception from the operation is the coroutine's own (it is done either way).
      const value = this._now();
      if (value !== WOULD_BLOCK) return finishedAwait(value);
      this._state = CREATED;
    }
    this._ensureBody();
    return super._awaitIterator();
  }

  override _step(mode: ResumeMode, value: unknown): IteratorResult<unknown, R> {
    this._ensureBody();
    return super._step(mode, value);
  }

  override close(): null {
    this._ensureBody();
    return super.close();
  }
}
