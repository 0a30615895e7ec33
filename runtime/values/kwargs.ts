import { PyTypeError } from "./exceptions.js";

// Keyword arguments at a call site travel as one trailing `kw({...})` marker argument, so a
// runtime function can tell `f(1, kw({ sep: "" }))` from a positional dict argument.

/** The keyword arguments of one call: a null-prototype record (no inherited names). */
export type KwArgs = Record<string, unknown>;

export class Kwargs {
  readonly values: KwArgs;
  /** a name given twice (`f(a=1, **{"a": 2})`): the callee raises TypeError naming itself */
  duplicate: string | null = null;
  constructor(values: KwArgs) {
    this.values = values;
  }
}

/** Anything that iterates [key, value] pairs through `entries()` (a Dict, a Map). */
interface EntrySource {
  entries(): Iterable<readonly [unknown, unknown]>;
}

function isEntrySource(x: unknown): x is EntrySource {
  return typeof x === "object" && x !== null && typeof (x as EntrySource).entries === "function";
}

/**
 * Builds the keyword marker. Several parts merge left to right, so `f(a=1, **m)` can be emitted
 * as `kw({ a: 1 }, m)`; a part may be a plain object, a `Dict` or a `Map` with string keys.
 */
export function kw(...parts: ReadonlyArray<KwArgs | EntrySource | Kwargs>): Kwargs {
  const values: KwArgs = Object.create(null) as KwArgs;
  let duplicate: string | null = null;
  const put = (k: string, v: unknown): void => {
    if (duplicate === null && parts.length > 1 && Object.hasOwn(values, k)) duplicate = k;
    values[k] = v;
  };
  for (const part of parts) {
    if (part instanceof Kwargs) {
      for (const k of Object.keys(part.values)) put(k, part.values[k]);
    } else if (isEntrySource(part) && !isPlainRecord(part)) {
      for (const [k, v] of part.entries()) {
        if (typeof k !== "string") throw new PyTypeError("keywords must be strings");
        put(k, v);
      }
    } else {
      for (const k of Object.keys(part)) put(k, (part as KwArgs)[k]);
    }
  }
  const marker = new Kwargs(values);
  marker.duplicate = duplicate;
  return marker;
}

function isPlainRecord(x: object): boolean {
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A built-in's call whose keywords name one parameter twice (`print(**{"sep": 1}, sep=2)`):
 * CPython's TypeError, naming the function as `name()`.
 */
export function refuseDuplicateKeyword(args: readonly unknown[], name: string): void {
  const last = args[args.length - 1];
  if (last instanceof Kwargs && last.duplicate !== null) throw new PyTypeError(`${name}() got multiple values for keyword argument '${last.duplicate}'`);
}

/** True when `x` is the keyword marker. */
export function isKwargs(x: unknown): x is Kwargs {
  return x instanceof Kwargs;
}

/**
 * Splits a rest-parameter list into positional arguments and keywords:
 * `const [pos, kws] = splitKw(args)`. Without a trailing marker the keywords are empty.
 */
export function splitKw(args: readonly unknown[]): [unknown[], KwArgs] {
  const last = args.length > 0 ? args[args.length - 1] : undefined;
  if (last instanceof Kwargs) {
    return [args.slice(0, -1), Object.assign(Object.create(null) as KwArgs, last.values)];
  }
  return [args.slice(), Object.create(null) as KwArgs];
}

/**
 * A runtime function or method whose parameters may also be named, as a Python def's:
 * `acceptNames(fn, ["theyear", "themonth", "w", "l"])` binds `f(2024, 3, w=3)` to
 * `fn(2024n, 3n, 3n, undefined)` (a parameter not given is `undefined`: its default applies).
 */
export function acceptNames<F extends (...args: any[]) => unknown>(fn: F, names: readonly string[]): F {
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    const last = args.length > 0 ? args[args.length - 1] : undefined;
    if (!(last instanceof Kwargs)) return fn.apply(this, args);
    const values: unknown[] = args.slice(0, -1);
    const given = values.length;
    for (const key of Object.keys(last.values)) {
      const at = names.indexOf(key);
      if (at < 0) throw new PyTypeError(`${fn.name}() got an unexpected keyword argument '${key}'`);
      if (at < given) throw new PyTypeError(`${fn.name}() got multiple values for argument '${key}'`);
      values[at] = last.values[key];
    }
    for (let i = 0; i < values.length; i++) if (!(i in values)) values[i] = undefined;
    return fn.apply(this, values);
  };
  Object.defineProperty(wrapper, "name", { value: fn.name });
  return wrapper as unknown as F;
}

/** `acceptNames` on methods of a runtime class's prototype: `{ formatmonth: ["theyear", ...] }`. */
export function acceptNamesOn(proto: object, methods: Record<string, readonly string[]>): void {
  const target = proto as Record<string, (...args: any[]) => unknown>;
  for (const [name, names] of Object.entries(methods)) {
    Object.defineProperty(target, name, { value: acceptNames(target[name]!, names), writable: true, configurable: true, enumerable: false });
  }
}
