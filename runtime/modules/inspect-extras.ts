// More of Python's `inspect`: `unwrap`, `getcallargs`, `getattr_static`, the generator and
// coroutine states, `formatannotation`.

import { getattr } from "../values/builtin-functions.js";
import { typeOf } from "../values/builtin-types.js";
import { Dict } from "../values/dict.js";
import { AttributeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { isClass } from "../values/typename.js";
import { formatAnnotation, signature } from "./inspect-signature.js";
import { callValue } from "./pycall.js";

const ABSENT = Symbol("absent");

/** `unwrap(func, *, stop=None)`: follows `__wrapped__` to the innermost function. */
function unwrap(...args: unknown[]): unknown {
  const [[func], kws] = splitKw(args);
  const stop = kws["stop"] ?? null;
  let f = func;
  const seen = new Set<unknown>([f]);
  for (;;) {
    const inner = getattr(f, "__wrapped__", ABSENT);
    if (inner === ABSENT || (stop !== null && truthy(callValue(stop, f)))) return f;
    f = inner;
    if (seen.has(f)) throw new ValueError(`wrapper loop when unwrapping ${repr(func)}`);
    seen.add(f);
  }
}

/** `getcallargs(func, /, *args, **kwds)`: every parameter's value for such a call. */
function getcallargs(func: unknown, ...args: unknown[]): Dict<unknown, unknown> {
  const bound = signature(func).bind(...args);
  bound.apply_defaults();
  return new Dict((bound.arguments as Dict<unknown, unknown>).entries());
}

/** The `__dict__` entry of a class or an instance, without running descriptors. */
function ownEntry(obj: unknown, attr: string): unknown {
  const dict = getattr(obj, "__dict__", null) as { __getitem__?: (k: unknown) => unknown; __contains__?: (k: unknown) => boolean } | Dict<unknown, unknown> | null;
  if (dict === null) return ABSENT;
  if (dict instanceof Dict) return dict.has(attr) ? dict.get(attr) : ABSENT;
  if (typeof dict.__contains__ === "function" && dict.__contains__(attr)) return dict.__getitem__!(attr);
  return ABSENT;
}

/** `getattr_static(obj, attr, default)`: the attribute as stored, descriptors not called. */
function getattr_static(obj: unknown, attr: unknown, ...rest: unknown[]): unknown {
  const name = String(attr);
  if (!isClass(obj)) {
    const own = ownEntry(obj, name);
    if (own !== ABSENT) return own;
  }
  const mro = (getattr(isClass(obj) ? obj : typeOf(obj), "__mro__") as Tuple<unknown>).items;
  for (const cls of mro) {
    const found = ownEntry(cls, name);
    if (found !== ABSENT) return found;
  }
  if (rest.length > 0) return rest[0];
  throw new AttributeError(name);
}

function generatorState(gen: unknown, prefix: "gi" | "cr", names: readonly [string, string, string, string]): string {
  if (truthy(getattr(gen, `${prefix}_running`))) return names[1];
  if (truthy(getattr(gen, `${prefix}_suspended`))) return names[2];
  if (getattr(gen, `${prefix}_frame`) === null) return names[3];
  return names[0];
}

const GEN = ["GEN_CREATED", "GEN_RUNNING", "GEN_SUSPENDED", "GEN_CLOSED"] as const;
const CORO = ["CORO_CREATED", "CORO_RUNNING", "CORO_SUSPENDED", "CORO_CLOSED"] as const;

function formatannotation(...args: unknown[]): string {
  const [[annotation, baseArg], kws] = splitKw(args);
  const base = baseArg ?? kws["base_module"] ?? null;
  if (isClass(annotation) && base !== null && getattr(annotation, "__module__", null) === base) return String(getattr(annotation, "__qualname__"));
  return formatAnnotation(annotation);
}

export const inspectExtraNames = {
  unwrap,
  getcallargs: (func: unknown, ...args: unknown[]): Dict<unknown, unknown> => getcallargs(func, ...args),
  getattr_static,
  getgeneratorstate: (gen: unknown): string => generatorState(gen, "gi", GEN),
  getcoroutinestate: (coro: unknown): string => generatorState(coro, "cr", CORO),
  formatannotation,
  ...(Object.fromEntries([...GEN, ...CORO].map((n) => [n, n])) as Record<(typeof GEN)[number] | (typeof CORO)[number], string>),
};

