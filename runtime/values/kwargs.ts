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
