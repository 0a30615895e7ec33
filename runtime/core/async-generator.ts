// Async generator objects (PEP 525). The lowering emits
//   function agen(): AsyncGenerator_<any> {
//     return asyncGenerator(function* () { ... yield* asyncYield(v); ... yield* await_(x); }, "agen");
//   }
// The body is one JS generator: `asyncYield(v)` yields a marker carrying v (a Python `yield`),
// while futures from `await_` pass through to the Task. Each `__anext__`/`asend`/`athrow`/
// `aclose` awaitable runs the body until the next marker (its value is the awaitable's result)
// or the end of the body (StopAsyncIteration).

import {
  GeneratorExit,
  PyTypeError,
  RuntimeError,
  StopAsyncIteration,
  StopIteration,
  thrownIn,
  thrownInDone,
} from "../values/exceptions.js";
import { addressOf } from "../values/repr.js";
import { awaitIterator } from "./await.js";
import { callBody } from "./body-call.js";
import { BodyCode, BodyFrame } from "./body-frame.js";
import { awaitedBy } from "./coroutine.js";
import {
  CREATED,
  DONE,
  Delegation,
  NEXT,
  RUNNING,
  SUSPENDED,
  Suspendable,
  exceptionFromThrowArgs,
  nameOfQualname,
  type FrameState,
  type ResumeMode,
} from "./suspendable.js";

/** What a Python `yield v` inside an async generator hands up. */
class YieldMarker {
  constructor(readonly value: unknown) {}
}

/** Python's `yield v` in an `async def`: `x = yield* asyncYield(v)` gives what asend sent. */
export function* asyncYield(value: unknown): Generator<unknown, unknown, unknown> {
  const sent = yield new YieldMarker(value);
  return sent === undefined ? null : sent;
}

/** Called once when an async generator is first iterated (asyncio tracks it for shutdown). */
let firstIterHook: ((agen: AsyncGenerator_) => void) | null = null;
let finishHook: ((agen: AsyncGenerator_) => void) | null = null;

export function setAsyncGenHooks(
  firstiter: ((agen: AsyncGenerator_) => void) | null,
  finish: ((agen: AsyncGenerator_) => void) | null,
): void {
  firstIterHook = firstiter;
  finishHook = finish;
}

type Operation = "asend" | "athrow" | "aclose";

/** What each kind of awaitable reports when the body is already running. */
const RUNNING_MESSAGES: Record<Operation, string> = {
  asend: "anext(): asynchronous generator is already running",
  athrow: "athrow(): asynchronous generator is already running",
  aclose: "aclose(): asynchronous generator is already running",
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class AsyncGenerator_<Y = any> {
  static readonly pythonName = "async_generator";
  readonly _gen: Generator<unknown, unknown, unknown>;
  _state: FrameState = CREATED;
  /** True while an awaitable of this generator is in progress (ag_running). */
  _running = false;
  /** The asend/athrow awaitable running the body while `_running` (its delegate is ag_await). */
  _current: AsyncGenAwaitable<unknown> | null = null;
  private _hooked = false;
  __qualname__: string;

  constructor(gen: Generator<unknown, unknown, unknown>, qualname: string) {
    this._gen = gen;
    this.__qualname__ = qualname;
  }

  get __name__(): string {
    return nameOfQualname(this.__qualname__);
  }

  get ag_running(): boolean {
    return this._running;
  }

  /** What the body awaits inside an asend/athrow in progress, else None. */
  get ag_await(): unknown {
    return this._running && this._current !== null ? awaitedBy(this._current) : null;
  }

  /** None once the generator has finished, as in CPython. */
  get ag_frame(): BodyFrame | null {
    return this._state === DONE ? null : new BodyFrame(this.ag_code);
  }

  get ag_code(): BodyCode {
    return new BodyCode(this.__name__, this.__qualname__);
  }

  __aiter__(): this {
    return this;
  }

  __anext__(): AsyncGenAwaitable<Y> {
    return new AsyncGenAwaitable<Y>(this, "asend", NEXT, null);
  }

  asend(value: unknown): AsyncGenAwaitable<Y> {
    return new AsyncGenAwaitable<Y>(this, "asend", NEXT, value);
  }

  athrow(typ: unknown, val?: unknown, _tb?: unknown): AsyncGenAwaitable<Y> {
    return new AsyncGenAwaitable<Y>(this, "athrow", 1, exceptionFromThrowArgs(typ, val));
  }

  aclose(): AsyncGenAwaitable<null> {
    return new AsyncGenAwaitable<null>(this, "aclose", 1, new GeneratorExit());
  }

  _firstIter(): void {
    if (this._hooked) return;
    this._hooked = true;
    firstIterHook?.(this);
  }

  _finish(): void {
    if (this._state === DONE) return;
    this._state = DONE;
    if (this._hooked) finishHook?.(this);
  }

  __repr__(): string {
    return `<async_generator object ${this.__qualname__} at ${addressOf(this)}>`;
  }
}

/**
 * One `asend`/`athrow`/`aclose` in progress: the body up to its next `yield` (the result),
 * with the futures it awaits on the way passed up to the Task.
 */
function* driveBody(
  agen: AsyncGenerator_,
  op: Operation,
  mode: ResumeMode,
  value: unknown,
  owner: { awaitable: AsyncGenAwaitable<unknown> | null },
): Generator<unknown, unknown, unknown> {
  if (agen._running) throw new RuntimeError(RUNNING_MESSAGES[op]);
  const gen = agen._gen;
  if (agen._state === DONE) {
    if (op === "asend") throw new StopAsyncIteration();
    return null;
  }
  if (agen._state === CREATED) {
    if (op === "aclose") {
      // Never started: it just ends.
      agen._finish();
      gen.return(undefined);
      return null;
    }
    if (mode === NEXT && value !== null && value !== undefined) {
      throw new PyTypeError("can't send non-None value to a just-started async generator");
    }
  }
  agen._firstIter();
  agen._running = true;
  agen._current = owner.awaitable;
  agen._state = RUNNING;
  let result: IteratorResult<unknown, unknown>;
  try {
    result = mode === NEXT ? gen.next(value) : op === "athrow" ? throwInto(gen, value) : gen.throw(value);
    while (!result.done && !(result.value instanceof YieldMarker)) {
      // An await inside the body: the Task waits on what was yielded, then resumes the body.
      agen._state = SUSPENDED;
      let sent: unknown;
      try {
        sent = yield result.value;
      } catch (error) {
        agen._state = RUNNING;
        result = gen.throw(error);
        continue;
      }
      agen._state = RUNNING;
      result = gen.next(sent);
    }
  } catch (error) {
    agen._running = false;
    agen._current = null;
    agen._finish();
    if (op === "aclose" && (error instanceof GeneratorExit || error instanceof StopAsyncIteration)) {
      return null;
    }
    if (error instanceof StopAsyncIteration || error instanceof StopIteration) {
      const wrapped = new RuntimeError(
        `async generator raised ${error instanceof StopIteration ? "StopIteration" : "StopAsyncIteration"}`,
      );
      wrapped.__cause__ = error;
      wrapped.__context__ = error;
      throw wrapped;
    }
    throw error;
  }
  agen._running = false;
  agen._current = null;
  if (result.done) {
    agen._finish();
    if (op === "aclose") return null;
    throw new StopAsyncIteration();
  }
  agen._state = SUSPENDED;
  if (op === "aclose") throw new RuntimeError("async generator ignored GeneratorExit");
  return (result.value as YieldMarker).value;
}

/** athrow's exception put in at the body's `yield` (its traceback gains the body's frame there: caughtAtYield). */
function throwInto(gen: Generator<unknown, unknown, unknown>, error: unknown): IteratorResult<unknown, unknown> {
  thrownIn(error);
  try {
    return gen.throw(error);
  } finally {
    thrownInDone(error);
  }
}

/** CPython's `async_generator_asend` / `async_generator_athrow`: awaitable once. */
export class AsyncGenAwaitable<R> extends Suspendable<unknown, R> {
  private readonly _pythonType: string;

  constructor(agen: AsyncGenerator_, op: Operation, mode: ResumeMode, value: unknown) {
    const owner: { awaitable: AsyncGenAwaitable<unknown> | null } = { awaitable: null };
    super(driveBody(agen, op, mode, value, owner) as Generator<unknown, R, unknown>, agen.__qualname__);
    owner.awaitable = this as AsyncGenAwaitable<unknown>;
    this._pythonType = op === "asend" ? "async_generator_asend" : "async_generator_athrow";
  }

  protected get _kind(): string {
    return this._pythonType;
  }

  protected _stepFinished(mode: ResumeMode): IteratorResult<unknown, R> {
    if (mode === 2) return { done: true, value: null as R };
    const what = this._pythonType === "async_generator_asend" ? "__anext__()/asend()" : "athrow()/aclose()";
    throw new RuntimeError(`cannot reuse already awaited ${what}`);
  }

  [awaitIterator](): Generator<unknown, R, unknown> {
    return new Delegation(this);
  }

  __await__(): this {
    return this;
  }

  __iter__(): this {
    return this;
  }

  __next__(): unknown {
    return this.send(null);
  }

  __repr__(): string {
    return `<${this._pythonType} object at ${addressOf(this)}>`;
  }

  get [Symbol.toStringTag](): string {
    return this._pythonType;
  }
}

/** Makes the async generator object of an `async def` containing `yield`; runs nothing yet. */
export function asyncGenerator<Y = unknown>(
  body: () => Generator<unknown, unknown, unknown>,
  qualname: string,
): AsyncGenerator_<Y> {
  return new AsyncGenerator_<Y>(callBody(body), qualname);
}
