// Python coroutine objects: what calling an `async def` function returns. The emitted body is
// a JS generator function; nothing of it runs until the first send (CPython's rule).

import { callBody } from "./body-call.js";
import { BodyCode, BodyFrame } from "./body-frame.js";
import { RuntimeError, StopIteration } from "../values/exceptions.js";
import { addressOf } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { coroutineOrigin, markStarted, watchUnstarted, type UnstartedRecord, type Watched } from "./never-awaited.js";
import {
  CREATED,
  DONE,
  Delegation,
  RUNNING,
  SUSPENDED,
  Suspendable,
  enterBody,
  suspendedDelegate,
  type ResumeMode,
} from "./suspendable.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any

/** What Python sees of an awaited object (asyncio gives a future's iterator, future-iter.ts). */
let awaitedView: (awaited: unknown) => unknown = (awaited) => awaited;

export function setAwaitedView(view: (awaited: unknown) => unknown): void {
  awaitedView = view;
}

/** What suspended `body` awaits, as Python sees it (cr_await, an async generator's ag_await), else None. */
export function awaitedBy(body: Suspendable<unknown, unknown>): unknown {
  return awaitedView(suspendedDelegate(body));
}

export class Coroutine<R = any> extends Suspendable<unknown, R> implements Watched {
  static readonly pythonName = "coroutine";
  /**
   * Types only (no such member exists): TypeScript's `await coro()` on a Python coroutine is
   * a type error (TS1320) instead of silently handing back the coroutine un-run. Run it with
   * `await asyncio.run(coro())`.
   */
  declare readonly then: (runWith: "asyncio.run(coroutine)") => never;
  /** The never-awaited warning's state (never-awaited.ts). */
  declare _watch: UnstartedRecord | null;
  /** CPython's co_firstlineno (0: not known, for the runtime's own coroutines). */
  declare readonly _firstLine: number;
  /** The line of the last await the body reached (CPython's cr_frame.f_lineno while suspended). */
  declare _line: number;

  constructor(gen: Generator<unknown, R, unknown>, qualname: string, firstLine = 0) {
    super(gen, qualname);
    this._watch = null;
    this._firstLine = firstLine;
    this._line = firstLine;
    watchUnstarted(this);
  }

  /** A Task took this coroutine: it runs it, so no "never awaited" warning is due. */
  _claim(): void {
    markStarted(this);
  }

  protected get _kind(): string {
    return "coroutine";
  }

  protected override _onStart(): void {
    markStarted(this);
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

  /** What the suspended coroutine awaits (a coroutine, a future's iterator, ...), else None. */
  get cr_await(): unknown {
    return awaitedBy(this);
  }

  /** None once the coroutine has finished, as in CPython. */
  get cr_frame(): BodyFrame | null {
    return this._state === DONE ? null : new BodyFrame(this.cr_code);
  }

  get cr_code(): BodyCode {
    return new BodyCode(this.__name__, this.__qualname__);
  }

  /** Where the coroutine was made, when origin tracking was on (sys.set_coroutine_origin_tracking_depth). */
  get cr_origin(): Tuple | null {
    const frames = coroutineOrigin(this);
    return frames === null ? null : Tuple.from(frames.map(([file, line, name]) => Tuple.of(file, BigInt(line), name)));
  }

  /**
   * The iterator `await` delegates to (checked as CPython's GET_AWAITABLE does). A fresh
   * coroutine (the usual case) hands its JS generator to `yield*` directly, which V8 resumes
   * far faster than through a Delegation object; `AwaitedBody` keeps the state and PEP 479.
   */
  _awaitIterator(): Generator<unknown, R, unknown> {
    const state = this._state;
    if (state === SUSPENDED) throw new RuntimeError("coroutine is being awaited already");
    if (state !== CREATED) return new Delegation(this);
    this._onStart();
    this._state = SUSPENDED;
    return new AwaitedBody(this, this._gen);
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

/**
 * A coroutine's body run under `await`: `yield*` drives the JS generator through this thin
 * iterator, which marks the coroutine done at the end and applies PEP 479 (a StopIteration
 * escaping the body becomes RuntimeError), as Suspendable._step does for a stepped body.
 */
class AwaitedBody<R> implements Generator<unknown, R, unknown> {
  private declare readonly coro: Coroutine<R>;
  private declare readonly gen: Generator<unknown, R, unknown>;

  constructor(coro: Coroutine<R>, gen: Generator<unknown, R, unknown>) {
    this.coro = coro;
    this.gen = gen;
  }

  [Symbol.iterator](): this {
    return this;
  }

  private settle(result: IteratorResult<unknown, R>): IteratorResult<unknown, R> {
    if (!result.done) return result;
    this.coro._state = DONE;
    return result.value === undefined ? { done: true, value: null as R } : result;
  }

  private fail(error: unknown): never {
    this.coro._state = DONE;
    if (error instanceof StopIteration) {
      const wrapped = new RuntimeError("coroutine raised StopIteration");
      wrapped.__cause__ = error;
      wrapped.__context__ = error;
      throw wrapped;
    }
    throw error;
  }

  next(value?: unknown): IteratorResult<unknown, R> {
    let result: IteratorResult<unknown, R>;
    const outer = enterBody(this.coro);
    try {
      result = this.gen.next(value);
    } catch (error) {
      return this.fail(error);
    } finally {
      enterBody(outer);
    }
    return this.settle(result);
  }

  throw(error: unknown): IteratorResult<unknown, R> {
    let result: IteratorResult<unknown, R>;
    const outer = enterBody(this.coro);
    try {
      result = this.gen.throw(error);
    } catch (caught) {
      return this.fail(caught);
    } finally {
      enterBody(outer);
    }
    return this.settle(result);
  }

  return(value?: unknown): IteratorResult<unknown, R> {
    let result: IteratorResult<unknown, R>;
    const outer = enterBody(this.coro);
    try {
      result = this.gen.return(value as R);
    } catch (caught) {
      return this.fail(caught);
    } finally {
      enterBody(outer);
    }
    return this.settle(result);
  }

  get [Symbol.toStringTag](): string {
    return "AwaitedBody";
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
export function coroutine<R>(body: () => Generator<unknown, R, unknown>, qualname: string): Coroutine<R>;
/** Emitted code names the def and its first line first: `coroutine("f", 12, function* () {...})`. */
export function coroutine<R>(qualname: string, firstLine: number, body: () => Generator<unknown, R, unknown>): Coroutine<R>;
export function coroutine<R>(
  first: string | (() => Generator<unknown, R, unknown>),
  second: string | number,
  third?: () => Generator<unknown, R, unknown>,
): Coroutine<R> {
  if (typeof first === "string") return new Coroutine<R>(callBody(third!), first, second as number);
  return new Coroutine<R>(callBody(first), second as string);
}

export function isCoroutine(x: unknown): x is Coroutine {
  return x instanceof Coroutine;
}
