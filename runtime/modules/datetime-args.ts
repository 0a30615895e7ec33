// Argument binding and range checks shared by datetime's date, time and datetime types.

import { PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw, type KwArgs } from "../values/kwargs.js";

/** Positional-or-keyword arguments by name; missing optional ones are `undefined`. */
export function bindArgs(fn: string, names: readonly string[], required: number, args: unknown[], keywordOnly: readonly string[] = []): any[] {
  const [positional, keywords] = splitKw(args);
  if (positional.length > names.length) {
    throw new PyTypeError(`${fn}() takes at most ${names.length} arguments (${positional.length} given)`);
  }
  const bound = names.map((name, i) => (i < positional.length ? positional[i] : takeKw(keywords, name)));
  for (const name of keywordOnly) bound.push(takeKw(keywords, name));
  const extra = Object.keys(keywords)[0];
  if (extra !== undefined) throw new PyTypeError(`'${extra}' is an invalid keyword argument for ${fn}()`);
  for (let i = 0; i < required; i++) {
    if (bound[i] === undefined) {
      throw new PyTypeError(`${fn}() missing required argument '${names[i]}' (pos ${i + 1})`);
    }
  }
  return bound;
}

function takeKw(keywords: KwArgs, name: string): any {
  const v = keywords[name];
  delete keywords[name];
  return v;
}

export function checkRange(value: number, low: number, high: number, message: string): number {
  if (value < low || value > high) throw new ValueError(message);
  return value;
}

/** The hour..microsecond fields and fold of a time of day, checked like CPython. */
export function checkClock(h: number, mi: number, s: number, us: number, fold: number): void {
  checkRange(h, 0, 23, "hour must be in 0..23");
  checkRange(mi, 0, 59, "minute must be in 0..59");
  checkRange(s, 0, 59, "second must be in 0..59");
  checkRange(us, 0, 999999, "microsecond must be in 0..999999");
  if (fold !== 0 && fold !== 1) throw new ValueError("fold must be either 0 or 1");
}
