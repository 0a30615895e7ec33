// Binds a Python call's arguments (positional, then a trailing `kw({...})`) to parameter names.

import { PyTypeError } from "../values/exceptions.js";
import { isKwargs, splitKw } from "../values/kwargs.js";

/**
 * The values of `names` in order (`undefined` when not passed). Positional arguments fill the
 * first `maxPositional` names; keywords may name any of them.
 */
export function bindArgs(
  fname: string,
  args: readonly unknown[],
  names: readonly string[],
  maxPositional: number = names.length,
): unknown[] {
  const last = args.length > 0 ? args[args.length - 1] : undefined;
  if (!isKwargs(last)) {
    if (args.length > maxPositional) {
      throw new PyTypeError(`${fname}() takes at most ${maxPositional} positional arguments (${args.length} given)`);
    }
    return names.map((_, i) => args[i]);
  }
  const [positional, keywords] = splitKw(args);
  if (positional.length > maxPositional) {
    throw new PyTypeError(
      `${fname}() takes at most ${maxPositional} positional arguments (${positional.length} given)`,
    );
  }
  const values = names.map((_, i) => positional[i]);
  for (const key of Object.keys(keywords)) {
    const index = names.indexOf(key);
    if (index < 0) throw new PyTypeError(`${fname}() got an unexpected keyword argument '${key}'`);
    if (index < positional.length) {
      throw new PyTypeError(`${fname}() got multiple values for argument '${key}'`);
    }
    values[index] = keywords[key];
  }
  return values;
}

/** Positional arguments with a trailing `kw(...)` removed, and the keywords. */
export { splitKw };

/** Seconds as a JS number from a Python int (bigint) or float. */
export function toSeconds(x: unknown, what = "delay"): number {
  if (typeof x === "number") return x;
  if (typeof x === "bigint") return Number(x);
  if (typeof x === "boolean") return x ? 1 : 0;
  throw new PyTypeError(`'${what}' must be an int or a float`);
}
