// Generator-based coroutines: `@types.coroutine` and the lecture-era `@asyncio.coroutine`
// turn a generator function into a coroutine function, so `yield from future` code runs.

import { Coroutine } from "./coroutine.js";
import { PyGenerator } from "./generator.js";
import { awaitIterator, await_ } from "./await.js";
import { Delegation } from "./suspendable.js";
import { defSource, functionInfo } from "../lang/function-info.js";
import { WRAPPED_DEF } from "../lang/keywords.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFunction = (...args: any[]) => any;

/** A coroutine object running an already-made generator object. */
export function coroutineFromGenerator<R>(gen: PyGenerator<unknown, R>, firstLine = 0): Coroutine<R> {
  return new Coroutine<R>(new Delegation(gen), gen.__qualname__, firstLine);
}

function copyNames(target: AnyFunction, source: AnyFunction): void {
  const named = source as unknown as { __name__?: string; __qualname__?: string };
  Object.defineProperty(target, "name", { value: source.name });
  Object.defineProperty(target, "__name__", { value: named.__name__ ?? source.name, writable: true });
  Object.defineProperty(target, "__qualname__", {
    value: named.__qualname__ ?? source.name,
    writable: true,
  });
}

/** What `asyncio.iscoroutinefunction` looks for (CPython's `_is_coroutine` marker). */
function markAsyncioCoroutine(target: AnyFunction): void {
  Object.defineProperty(target, "_is_coroutine", { value: true });
}

/**
 * `inspect.iscoroutinefunction` / `asyncio.iscoroutinefunction`: an `async def` function. The
 * lowering may mark one with `_is_coroutine_function`; otherwise the emitted shape
 * (`function f(...) { return new Coroutine(f$1(...), ...` ) is recognised.
 */
export function iscoroutinefunction(fn: unknown): boolean {
  if (typeof fn !== "function") return false;
  const marked = fn as { _is_coroutine?: unknown; _is_coroutine_function?: unknown };
  if (marked._is_coroutine === true || marked._is_coroutine_function === true) return true;
  const def = (fn as { [WRAPPED_DEF]?: unknown })[WRAPPED_DEF];
  if (def !== undefined) return iscoroutinefunction(def);
  // (a method's body may first name its receiver: `const self = this;`; the body is declared
  // beside the def: `return new Coroutine(f$1(self, x), "f", 12)`)
  return /^[^{]*\{\s*(?:const\s+[\w$]+\s*=\s*this;\s*)?return\s+(?:new\s+Coroutine[\w$]*\(\s*[\w$]+\$\d+\(|coroutine\d*\(\s*(?:"[^"]*",\s*\d+,\s*)?function\s*\*)/.test(defSource(fn));
}

function isAwaitable(x: unknown): boolean {
  if (x instanceof Coroutine) return true;
  if (typeof x !== "object" || x === null) return false;
  return awaitIterator in x || typeof (x as { __await__?: unknown }).__await__ === "function";
}

/**
 * `@types.coroutine`: calls of the result return a coroutine whose body is the generator the
 * function made; other results pass through unchanged.
 */
export function coroutineFunction<A extends unknown[], R>(
  fn: (...args: A) => PyGenerator<unknown, R>,
): (...args: A) => Coroutine<R>;
export function coroutineFunction<F extends AnyFunction>(fn: F): F;
export function coroutineFunction(fn: AnyFunction): AnyFunction {
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const result: unknown = fn.apply(this, args);
    return result instanceof PyGenerator ? coroutineFromGenerator(result, functionInfo(fn)?.firstLine) : result;
  };
  copyNames(wrapped, fn);
  return wrapped;
}

/**
 * `@asyncio.coroutine` (removed in 3.11, kept for lecture code): like `types.coroutine`, and a
 * plain function becomes a coroutine returning its result (awaiting it if awaitable).
 */
export function asyncioCoroutine<A extends unknown[], R>(
  fn: (...args: A) => PyGenerator<unknown, R>,
): (...args: A) => Coroutine<R>;
export function asyncioCoroutine<F extends AnyFunction>(fn: F): F;
export function asyncioCoroutine(fn: AnyFunction): AnyFunction {
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const result: unknown = fn.apply(this, args);
    if (result instanceof PyGenerator) return coroutineFromGenerator(result, functionInfo(fn)?.firstLine);
    if (result instanceof Coroutine) return result;
    const qualname = (fn as { __qualname__?: string }).__qualname__ ?? fn.name;
    return new Coroutine(
      (function* (): Generator<unknown, unknown, unknown> {
        return isAwaitable(result) ? yield* await_(result) : result;
      })(),
      qualname,
    );
  };
  copyNames(wrapped, fn);
  markAsyncioCoroutine(wrapped);
  return wrapped;
}
