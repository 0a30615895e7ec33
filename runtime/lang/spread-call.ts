// `f(*xs)` where f is a runtime module's function. A JS call spreads its arguments onto the
// stack, which overflows past ~120k values, while CPython takes any number (`gather(*coros)`
// with a million coroutines). A runtime function that takes any number of arguments offers an
// entry taking them as one array (MANY_ARGS); a large spread call goes through it.

/** A function's entry taking its positional arguments (and a trailing `kw(...)`) as one array. */
export const MANY_ARGS: unique symbol = Symbol("pyts.manyArgs");

/** Beyond this many arguments a spread is not risked when the callee offers MANY_ARGS. */
const SPREAD_LIMIT = 16384;

type ManyArgs = (args: unknown[]) => unknown;

/** Gives `fn` an array entry (returns fn, typed as it was). */
export function withManyArgs<F extends object>(fn: F, entry: ManyArgs): F {
  Object.defineProperty(fn, MANY_ARGS, { value: entry });
  return fn;
}

/** `fn(...args)` called on `self`, through fn's array entry when there are many arguments. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function spreadCall(fn: any, args: unknown[], self?: unknown): any {
  if (args.length > SPREAD_LIMIT && typeof fn === "function") {
    const entry = (fn as { [MANY_ARGS]?: ManyArgs })[MANY_ARGS];
    if (typeof entry === "function") return entry.call(self, args);
  }
  return Reflect.apply(fn as (...a: unknown[]) => unknown, self, args);
}
