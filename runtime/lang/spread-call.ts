// `f(*xs)` with a huge `xs`. A JS call puts its arguments on the stack, which overflows past
// ~120k values (also through `apply` and `Reflect.apply`), while CPython takes any number
// (`gather(*coros)` with a million coroutines, `print(*xs)`, `zip(*rows)`). So a call with a
// spread goes through `spreadCall` (modules/pycall.ts) or `spreadMethod`, and past
// SPREAD_LIMIT arguments it reaches the callee
// without a JS spread: a runtime function's array entry (MANY_ARGS), or, for a Python def
// whose `*args` is a JS rest parameter, its leading parameters plus one SpreadRest box that
// the def's `restTuple` unpacks.
import { Tuple } from "../values/tuple.js";
import { functionInfo } from "./function-info.js";
import { isClass } from "../values/typename.js";
import { constructChecked } from "./functions.js";

/** A function's entry taking its positional arguments (and a trailing `kw(...)`) as one array. */
export const MANY_ARGS: unique symbol = Symbol("pyts.manyArgs");

/** Beyond this many arguments a JS spread is not risked. */
const SPREAD_LIMIT = 16384;

type ManyArgs = (args: unknown[]) => unknown;
type AnyFn = (...args: unknown[]) => unknown;

/** Gives `fn` an array entry (returns fn, typed as it was). */
export function withManyArgs<F extends object>(fn: F, entry: ManyArgs): F {
  Object.defineProperty(fn, MANY_ARGS, { value: entry });
  return fn;
}

/** The values a huge call passes to a def's `*args` rest parameter, as one argument. */
export class SpreadRest {
  constructor(readonly items: unknown[]) {}
}

/** A def's `*args` tuple from its JS rest parameter (emitted as the def's first statement). */
export function restTuple(rest: unknown[]): Tuple<any> {
  if (rest.length === 1 && rest[0] instanceof SpreadRest) return new Tuple(Object.freeze(rest[0].items));
  return new Tuple(Object.freeze(rest));
}

/**
 * How many JS parameters precede a recorded def's `*args` rest parameter (its spec ends with
 * `*name`; a method's `self` is `this`), else -1.
 */
function restIndex(fn: unknown): number {
  const info = functionInfo(fn);
  if (info === undefined || info.spec === null || info.binds) return -1;
  const spec = info.spec;
  const last = spec[spec.length - 1];
  if (last === undefined || !last.startsWith("*") || last.startsWith("**") || last === "*") return -1;
  return spec.length - 1 - (info.method ? 1 : 0);
}

/**
 * `fn.apply(self, args)` for any number of arguments. `rest`: the number of JS parameters
 * before fn's `*args` rest parameter when the caller knows it (-1: ask fn's record).
 */
export function applyMany(fn: unknown, self: unknown, args: unknown[], rest = -1): any {
  if (args.length > SPREAD_LIMIT && typeof fn === "function") {
    const entry = (fn as { [MANY_ARGS]?: ManyArgs })[MANY_ARGS];
    if (typeof entry === "function") return entry.call(self, args);
    const at = rest >= 0 ? rest : restIndex(fn);
    if (at >= 0 && at <= args.length) return Reflect.apply(fn as AnyFn, self, [...args.slice(0, at), new SpreadRest(args.slice(at))]);
  }
  return Reflect.apply(fn as AnyFn, self, args);
}

/** `obj.name(...args)`: a method call with a spread argument. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function spreadMethod(obj: any, name: string, args: unknown[]): any {
  const f = obj[name];
  // A class stored as an attribute (`self.shape_class(*args)`) is constructed, a callable
  // object called through its `__call__`.
  if (typeof f === "function" && isClass(f) && !Object.hasOwn(f, "__pytype__")) return constructChecked(f, args);
  if (f !== null && typeof f === "object" && typeof (f as { __call__?: unknown }).__call__ === "function") return applyMany((f as { __call__: unknown }).__call__, f, args);
  return applyMany(f, obj, args);
}
