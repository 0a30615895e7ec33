// `with` and `async with`: the lowering emits
//   const ctx = context(cm); x = ctx.enter();
//   try { body } catch (e) { ctx.error(e); } finally { ctx.exit(); }
// and the async form awaits each step. `error` calls `__exit__` with the exception and
// rethrows it unless `__exit__` returned a true value; `exit` calls `__exit__(None, None,
// None)` unless `error` already ran.
import { coroutine, type Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { BaseException, propagates, PyTypeError } from "../values/exceptions.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { typeOf } from "./objects.js";

const isNone = (x: unknown): boolean => x === null || x === undefined;

interface SyncManager {
  __enter__(): unknown;
  __exit__(type: unknown, value: unknown, traceback: unknown): unknown;
}

interface AsyncManager {
  __aenter__(): unknown;
  __aexit__(type: unknown, value: unknown, traceback: unknown): unknown;
}

function protocol(manager: unknown, names: string[], asyncForm: boolean): void {
  for (const name of names) {
    if (typeof (manager as Record<string, unknown> | null)?.[name] !== "function") {
      const kind = asyncForm ? "asynchronous context manager protocol" : "context manager protocol";
      throw new PyTypeError(`'${typeName(manager)}' object does not support the ${kind}`);
    }
  }
}

/** The traceback `__exit__` is given: the exception's, as it stands in the `with`'s frame. */
function tracebackOf(error: unknown): unknown {
  return error instanceof BaseException ? error.__traceback__ : null;
}

/** The body's exception, not suppressed, leaves the `with`: its traceback grows as it goes. */
function passedOn(error: unknown): unknown {
  propagates(error);
  return error;
}

export class SyncContext {
  private done = false;
  constructor(private readonly manager: SyncManager) {
    protocol(manager, ["__enter__", "__exit__"], false);
  }

  enter(): any {
    return this.manager.__enter__();
  }

  error(error: unknown): void | Promise<void> {
    this.done = true;
    let suppress: unknown;
    try {
      suppress = this.manager.__exit__(typeOf(error), error, tracebackOf(error));
    } catch (raised) {
      // raised while the body's exception was being handled: that one is its context
      if (raised !== error && raised instanceof BaseException && isNone(raised.__context__) && error instanceof BaseException) raised.__context__ = error;
      throw raised;
    }
    // A thread switch in `__exit__` (programs using threads await it: thread-switches.ts).
    if (suppress instanceof Promise) {
      return suppress.then((value) => {
        if (!truthy(value)) throw passedOn(error);
      });
    }
    if (!truthy(suppress)) throw passedOn(error);
  }

  exit(): void | Promise<unknown> {
    if (this.done) return;
    this.done = true;
    const result = this.manager.__exit__(null, null, null);
    if (result instanceof Promise) return result;
  }
}

export class AsyncContext {
  private done = false;
  constructor(private readonly manager: AsyncManager) {
    protocol(manager, ["__aenter__", "__aexit__"], true);
  }

  enter(): unknown {
    return this.manager.__aenter__();
  }

  error(error: unknown): Coroutine<void> {
    this.done = true;
    const manager = this.manager;
    return coroutine(function* () {
      const suppress = yield* await_(manager.__aexit__(typeOf(error), error, tracebackOf(error)));
      if (!truthy(suppress)) throw passedOn(error);
    }, "AsyncContext.error");
  }

  exit(): Coroutine<void> {
    const manager = this.manager;
    const skip = this.done;
    this.done = true;
    return coroutine(function* () {
      if (!skip) yield* await_(manager.__aexit__(null, null, null));
    }, "AsyncContext.exit");
  }
}

export function context(manager: unknown): SyncContext {
  return new SyncContext(manager as SyncManager);
}

export function asyncContext(manager: unknown): AsyncContext {
  return new AsyncContext(manager as AsyncManager);
}
