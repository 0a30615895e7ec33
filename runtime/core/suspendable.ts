// The state machine shared by coroutine and generator objects: one JS generator underneath,
// stepped with Python's rules (already executing, just started, exhausted, StopIteration
// escaping the body, close() throwing GeneratorExit in).

import {
  BaseException,
  GeneratorExit,
  PyTypeError,
  RuntimeError,
  StopIteration,
  ValueError,
  thrownIn,
  thrownInDone,
} from "../values/exceptions.js";
import { typeName } from "../values/typename.js";

export const CREATED = 0;
export const SUSPENDED = 1;
export const RUNNING = 2;
export const DONE = 3;
export type FrameState = typeof CREATED | typeof SUSPENDED | typeof RUNNING | typeof DONE;

/** How a step resumes the body: `next(v)`, `throw(e)` or `return(v)`. */
export const NEXT = 0;
export const THROW = 1;
export const RETURN = 2;
export type ResumeMode = typeof NEXT | typeof THROW | typeof RETURN;

/** The last dotted part of a qualname: `A.<locals>.f` -> `f`. */
export function nameOfQualname(qualname: string): string {
  const dot = qualname.lastIndexOf(".");
  return dot < 0 ? qualname : qualname.slice(dot + 1);
}

/** Python's StopIteration for a body's return value (no args when it returned None). */
export function stopIterationFor(value: unknown): StopIteration {
  return value === null || value === undefined ? new StopIteration() : new StopIteration(value);
}

/**
 * `throw(typ[, val[, tb]])` arguments to one exception instance, as CPython accepts them: an
 * instance, or a class plus an optional value.
 */
export function exceptionFromThrowArgs(typ: unknown, val?: unknown): unknown {
  if (typ instanceof Error) {
    if (val !== undefined && val !== null) {
      throw new PyTypeError("instance exception may not have a separate value");
    }
    return typ;
  }
  if (typeof typ === "function" && (typ === BaseException || typ.prototype instanceof BaseException)) {
    const cls = typ as new (...args: unknown[]) => BaseException;
    if (val instanceof cls) return val;
    return val === undefined || val === null ? new cls() : new cls(val);
  }
  throw new PyTypeError(
    `exceptions must be classes or instances deriving from BaseException, not ${typeName(typ)}`,
  );
}

/**
 * The generator or coroutine whose body is running now (the innermost), for `_delegate`. A
 * field of a constant object rather than a module `let`: V8 stores to a mutable module
 * binding through its context with checks, and every step of every body writes it twice (a
 * chain of three generators: about 15% less time per item).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const running: { body: Suspendable<any, any> | null } = { body: null };

/** Makes `body` the running one (an awaited coroutine's body run by `yield*`); returns the outer one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function enterBody(body: Suspendable<any, any> | null): Suspendable<any, any> | null {
  const outer = running.body;
  running.body = body;
  return outer;
}

/** The body running now (the innermost of an await or yield-from chain), if any. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function runningBodyNow(): Suspendable<any, any> | null {
  return running.body;
}

/** `yield from x` / `await x` in the running body: remembered as its delegate. */
export function noteDelegate(target: unknown): void {
  const body = running.body;
  if (body !== null) body._delegate = target;
}

/** The delegate finished (a Python iterator raised StopIteration): the body moves on. */
export function clearDelegate(target: unknown): void {
  const body = running.body;
  if (body !== null && body._delegate === target) body._delegate = null;
}

/**
 * The object a suspended body is delegating to (gi_yieldfrom, cr_await), or None: a
 * delegate that has finished (a generator, coroutine or future that is done) means the body
 * moved on past its `yield from`.
 */
export function suspendedDelegate(body: Suspendable<unknown, unknown>): unknown {
  if (body._state !== SUSPENDED) return null;
  const target = body._delegate;
  if (target instanceof Suspendable) return target._state === DONE ? null : target;
  const done = (target as { done?: unknown } | null)?.done;
  if (typeof done === "function" && done.call(target) === true) return null;
  if (typeof done === "boolean" && done) return null;
  return target ?? null;
}

/**
 * `__name__`s assigned to generator and coroutine objects (rare): kept aside, so that each
 * object, made per call, carries no field for it; otherwise the name comes from the qualname.
 */
const assignedNames = new WeakMap<object, string>();

export abstract class Suspendable<Y, R> {
  // Fields are `declare`d and assigned in the constructor: V8 (Node 20) defines class fields
  // about twice as slowly as it runs assignments, and coroutines are made per call.
  /** The JS generator holding the body (a FastPathCoroutine makes it on first need). */
  protected declare _gen: Generator<Y, R, unknown>;
  declare _state: FrameState;
  declare __qualname__: string;
  /** What the body last delegated to with `yield from` / `await` (gi_yieldfrom, cr_await). */
  declare _delegate: unknown;

  constructor(gen: Generator<Y, R, unknown>, qualname: string) {
    this._gen = gen;
    this._state = CREATED;
    this.__qualname__ = qualname;
    this._delegate = null;
  }

  get __name__(): string {
    return assignedNames.get(this) ?? nameOfQualname(this.__qualname__);
  }

  set __name__(value: string) {
    assignedNames.set(this, value);
  }

  /** "coroutine" or "generator", for error messages. */
  protected abstract get _kind(): string;

  /** Resumes the body with `value` (a generator's, whose body is always a JS generator, faster). */
  protected _resume(value: unknown): IteratorResult<Y, R> {
    return this._gen.next(value);
  }

  /** Throws `error` into the body at its suspension point (a generator's may be a state machine). */
  protected _throwIn(error: unknown): IteratorResult<Y, R> {
    return this._gen.throw(error);
  }

  /** Ends the body at its suspension point as a JS `return` would (its loops' iterators closed). */
  protected _returnIn(value: unknown): IteratorResult<Y, R> {
    return this._gen.return(value as R);
  }

  /** Called once when the body first leaves the created state (send, throw or close). */
  protected _onStart(): void {}

  /** A step on an exhausted object (coroutines and generators differ). */
  protected abstract _stepFinished(mode: ResumeMode, value: unknown): IteratorResult<Y, R>;

  /**
   * One step of the body with JS iterator results: the core of send/throw/close and of `yield*`
   * delegation. A returned value of JS `undefined` reads as None.
   */
  _step(mode: ResumeMode, value: unknown): IteratorResult<Y, R> {
    const state = this._state;
    if (state === RUNNING) throw new ValueError(`${this._kind} already executing`);
    if (state === DONE) return this._stepFinished(mode, value);
    if (state === CREATED) {
      if (mode === NEXT && value !== null && value !== undefined) {
        throw new PyTypeError(`can't send non-None value to a just-started ${this._kind}`);
      }
      this._onStart();
    }
    this._state = RUNNING;
    let result: IteratorResult<Y, R>;
    const outer = running.body;
    running.body = this;
    try {
      if (mode === NEXT) result = this._resume(value);
      else if (mode === THROW) result = this._throwIn(value);
      else result = this._returnIn(value);
    } catch (error) {
      running.body = outer;
      throw this._bodyFailed(error);
    }
    running.body = outer;
    if (result.done) {
      this._state = DONE;
      if (result.value === undefined) return { done: true, value: null as R };
    } else {
      this._state = SUSPENDED;
    }
    return result;
  }

  /**
   * The body raised `error` while stepped: it is finished, and the exception to raise is
   * handed back (PEP 479: a StopIteration escaping the body would end the caller's iteration
   * silently, so it becomes RuntimeError).
   */
  _bodyFailed(error: unknown): unknown {
    this._state = DONE;
    if (!(error instanceof StopIteration)) return error;
    const wrapped = new RuntimeError(`${this._kind} raised StopIteration`);
    wrapped.__cause__ = error;
    wrapped.__context__ = error;
    return wrapped;
  }

  /** Python's `send(value)`: the next yielded value, or StopIteration(return value). */
  send(value: unknown): Y {
    const result = this._step(NEXT, value);
    if (result.done) throw stopIterationFor(result.value);
    return result.value;
  }

  /** Python's `throw(exc)` / `throw(type, value)`. */
  throw(typ: unknown, val?: unknown, _tb?: unknown): Y {
    const error = exceptionFromThrowArgs(typ, val);
    // (caught at the body's yield, its traceback gains the body's frame: caughtAtYield)
    thrownIn(error);
    let result: IteratorResult<Y, R>;
    try {
      result = this._step(THROW, error);
    } finally {
      thrownInDone(error);
    }
    if (result.done) throw stopIterationFor(result.value);
    return result.value;
  }

  /** Python's `close()`: throws GeneratorExit in at the suspension point. */
  close(): null {
    const state = this._state;
    if (state === DONE) return null;
    if (state === RUNNING) throw new ValueError(`${this._kind} already executing`);
    if (state === CREATED) {
      // Never started: it just ends, running none of its code (and never warns).
      this._onStart();
      this._state = DONE;
      this._returnIn(undefined);
      return null;
    }
    let result: IteratorResult<Y, R>;
    try {
      result = this._step(THROW, new GeneratorExit());
    } catch (error) {
      if (error instanceof GeneratorExit || error instanceof StopIteration) return null;
      throw error;
    }
    if (!result.done) throw new RuntimeError(`${this._kind} ignored GeneratorExit`);
    return null;
  }
}

/**
 * The JS iterator `yield*` delegates to, forwarding next/throw/return into a coroutine or
 * generator. A GeneratorExit is not thrown in: like `yield from`, the delegate is closed and
 * the GeneratorExit goes on in the delegating body.
 */
export class Delegation<Y, R> implements Generator<Y, R, unknown> {
  private declare readonly target: Suspendable<Y, R>;

  constructor(target: Suspendable<Y, R>) {
    this.target = target;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(value?: unknown): IteratorResult<Y, R> {
    return this.target._step(NEXT, value);
  }

  throw(error: unknown): IteratorResult<Y, R> {
    if (error instanceof GeneratorExit) {
      this.target.close();
      throw error;
    }
    return this.target._step(THROW, error);
  }

  return(value?: unknown): IteratorResult<Y, R> {
    return this.target._step(RETURN, value);
  }

  get [Symbol.toStringTag](): string {
    return "Delegation";
  }
}
