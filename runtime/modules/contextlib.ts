// Python's `contextlib`: generator-based context managers and the small helpers.
import { coroutine, type Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { PyGenerator } from "../core/generator.js";
import { RuntimeError, StopAsyncIteration, StopIteration } from "../values/exceptions.js";
import { isinstance } from "../values/builtin-functions.js";
import { Tuple } from "../values/tuple.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { AbstractContextManager, ContextDecorator, ExitStack, redirect_stderr, redirect_stdout, runtimeAbc } from "./contextlib-stack.js";
import { AbstractAsyncContextManager, AsyncContextDecorator, AsyncExitStack, aclosing, chdir } from "./contextlib-async.js";

type GeneratorFunction = (...args: any[]) => PyGenerator<unknown, unknown>;

/** What `@contextmanager` returns: entering runs the generator to its `yield`. */
class GeneratorContextManager extends ContextDecorator {
  static readonly pythonName = "_GeneratorContextManager";
  static readonly __module__ = "contextlib";
  private readonly gen: PyGenerator<unknown, unknown>;
  constructor(
    private readonly fn: GeneratorFunction,
    private readonly args: unknown[],
  ) {
    super();
    this.gen = fn(...args);
  }

  /** Used as a decorator, each call runs in a fresh manager from the same function. */
  override _recreate_cm(): GeneratorContextManager {
    return new GeneratorContextManager(this.fn, this.args);
  }

  __enter__(): any {
    try {
      return this.gen.__next__();
    } catch (error) {
      if (error instanceof StopIteration) throw new RuntimeError("generator didn't yield");
      throw error;
    }
  }

  __exit__(type: unknown, value: unknown, _traceback: unknown): boolean {
    if (type === null || type === undefined) {
      try {
        this.gen.__next__();
      } catch (error) {
        if (error instanceof StopIteration) return false;
        throw error;
      }
      throw new RuntimeError("generator didn't stop");
    }
    try {
      this.gen.throw(value);
    } catch (error) {
      // The generator let the exception through (or raised StopIteration): not suppressed.
      if (error === value) return false;
      if (error instanceof StopIteration) return true;
      throw error;
    }
    throw new RuntimeError("generator didn't stop after throw()");
  }
}

export function contextmanager(fn: GeneratorFunction): (...args: unknown[]) => GeneratorContextManager {
  const wrapper = (...args: unknown[]): GeneratorContextManager => new GeneratorContextManager(fn, args);
  Object.defineProperty(wrapper, "name", { value: fn.name });
  return wrapper;
}

interface AsyncGen {
  __anext__(): unknown;
  athrow(typ: unknown, val?: unknown): unknown;
}

/** What `@asynccontextmanager` returns (also usable as a decorator of coroutine functions). */
class AsyncGeneratorContextManager extends AsyncContextDecorator {
  static readonly pythonName = "_AsyncGeneratorContextManager";
  static readonly __module__ = "contextlib";
  private readonly gen: AsyncGen;
  constructor(
    private readonly fn: (...args: any[]) => AsyncGen,
    private readonly args: unknown[],
  ) {
    super();
    this.gen = fn(...args);
  }

  override _recreate_cm(): AsyncGeneratorContextManager {
    return new AsyncGeneratorContextManager(this.fn, this.args);
  }

  __aenter__(): Coroutine<unknown> {
    const gen = this.gen;
    return coroutine(function* () {
      try {
        return yield* await_(gen.__anext__());
      } catch (error) {
        if (error instanceof StopAsyncIteration) throw new RuntimeError("generator didn't yield");
        throw error;
      }
    }, "__aenter__");
  }

  __aexit__(type: unknown, value: unknown, _traceback: unknown): Coroutine<boolean> {
    const gen = this.gen;
    return coroutine(function* () {
      if (type === null || type === undefined) {
        try {
          yield* await_(gen.__anext__());
        } catch (error) {
          if (error instanceof StopAsyncIteration) return false;
          throw error;
        }
        throw new RuntimeError("generator didn't stop");
      }
      try {
        yield* await_(gen.athrow(value));
      } catch (error) {
        if (error === value) return false;
        if (error instanceof StopAsyncIteration) return true;
        throw error;
      }
      throw new RuntimeError("generator didn't stop after athrow()");
    }, "__aexit__");
  }
}

export function asynccontextmanager(fn: (...args: any[]) => AsyncGen): (...args: unknown[]) => AsyncGeneratorContextManager {
  const wrapper = (...args: unknown[]): AsyncGeneratorContextManager => new AsyncGeneratorContextManager(fn, args);
  Object.defineProperty(wrapper, "name", { value: fn.name });
  return wrapper;
}

/** `with suppress(KeyError): ...` swallows the listed exceptions. */
class Suppress {
  static readonly pythonName = "suppress";
  static readonly __module__ = "contextlib";
  private readonly exceptions: unknown[];
  constructor(...exceptions: unknown[]) {
    this.exceptions = exceptions;
  }
  __enter__(): null {
    return null;
  }
  __exit__(type: unknown, value: unknown, _traceback: unknown): boolean {
    return type !== null && type !== undefined && isinstance(value, Tuple.from(this.exceptions));
  }
}

/** `with closing(thing) as t:` calls `thing.close()` at the end. */
class Closing {
  static readonly pythonName = "closing";
  static readonly __module__ = "contextlib";
  constructor(private readonly thing: { close(): unknown }) {}
  __enter__(): any {
    return this.thing;
  }
  __exit__(): boolean {
    this.thing.close();
    return false;
  }
}

/** `with nullcontext(value) as v:` does nothing. */
class NullContext {
  static readonly pythonName = "nullcontext";
  static readonly __module__ = "contextlib";
  constructor(private readonly value: unknown = null) {}
  __enter__(): any {
    return this.value;
  }
  __exit__(): boolean {
    return false;
  }
  __aenter__(): Coroutine<unknown> {
    const value = this.value;
    return coroutine(function* () {
      return value;
    }, "__aenter__");
  }
  __aexit__(): Coroutine<boolean> {
    return coroutine(function* () {
      return false;
    }, "__aexit__");
  }
}

export const contextlibModule = moduleObject("contextlib", {
  contextmanager,
  asynccontextmanager,
  suppress: pyClass(Suppress),
  closing: pyClass(Closing),
  nullcontext: pyClass(NullContext),
  ExitStack: pyClass(ExitStack),
  redirect_stdout: pyClass(redirect_stdout),
  redirect_stderr: pyClass(redirect_stderr),
  ContextDecorator: pyClass(ContextDecorator),
  AbstractContextManager: runtimeAbc(AbstractContextManager),
  AbstractAsyncContextManager: runtimeAbc(AbstractAsyncContextManager),
  AsyncContextDecorator: pyClass(AsyncContextDecorator),
  AsyncExitStack: pyClass(AsyncExitStack),
  aclosing: pyClass(aclosing),
  chdir: pyClass(chdir),
});
