// Argument checks of functions CPython writes in C, with the messages CPython's argument
// parsers give (they differ from a Python def's): `bisect_right() missing required argument
// 'x' (pos 2)`, `_heapq.heappop() takes no keyword arguments`, `heappush expected 2 arguments, got 1`.

import { builtinFunction } from "../values/builtin-type.js";
import { PyTypeError } from "../values/exceptions.js";
import { Kwargs } from "../values/kwargs.js";

type Fn = (...args: unknown[]) => unknown;

/**
 * A function parsed by Argument Clinic: `positional` parameters (the first `required` of
 * them required) that may also be named, then keyword-only ones. The wrapped function gets
 * the positional then keyword-only values in order, `undefined` for those not given.
 */
export function clinicFunction(fn: Fn, name: string, positional: readonly string[], required: number, kwonly: readonly string[] = []): Fn {
  const maxArgs = positional.length + kwonly.length;
  const wrapper = (...args: unknown[]): unknown => {
    const last = args[args.length - 1];
    const named = last instanceof Kwargs ? last.values : null;
    const given = named ? args.slice(0, -1) : args;
    const names = named ? Object.keys(named) : [];
    if (names.length === 0 && given.length >= required && given.length <= positional.length) return fn(...given);
    if (given.length > positional.length) {
      const bound = required === positional.length ? "exactly" : "at most";
      throw new PyTypeError(`${name}() takes ${bound} ${positional.length} positional argument${positional.length === 1 ? "" : "s"} (${given.length} given)`);
    }
    if (given.length + names.length > maxArgs) {
      throw new PyTypeError(`${name}() takes at most ${maxArgs} argument${maxArgs === 1 ? "" : "s"} (${given.length + names.length} given)`);
    }
    const values: unknown[] = given.slice();
    positional.forEach((param, index) => {
      if (index < given.length) return;
      if (named && Object.hasOwn(named, param)) values[index] = named[param];
      else if (index < required) throw new PyTypeError(`${name}() missing required argument '${param}' (pos ${index + 1})`);
    });
    values.length = positional.length;
    for (const param of kwonly) values.push(named && Object.hasOwn(named, param) ? named[param] : undefined);
    for (const key of names) {
      const index = positional.indexOf(key);
      if (index >= 0 && index < given.length) throw new PyTypeError(`argument for ${name}() given by name ('${key}') and position (${index + 1})`);
      if (index < 0 && !kwonly.includes(key)) throw new PyTypeError(`'${key}' is an invalid keyword argument for ${name}()`);
    }
    return fn(...values);
  };
  return builtinFunction(wrapper, name);
}

/**
 * A C function taking exactly `count` positional arguments and no keywords (METH_O for one,
 * METH_FASTCALL with a count check for more), in module `module`.
 */
export function positionalFunction(fn: Fn, module: string, name: string, count: number): Fn {
  const wrapper = (...args: unknown[]): unknown => {
    if (args[args.length - 1] instanceof Kwargs) throw new PyTypeError(`${module}.${name}() takes no keyword arguments`);
    if (args.length !== count) {
      if (count === 1) throw new PyTypeError(`${module}.${name}() takes exactly one argument (${args.length} given)`);
      throw new PyTypeError(`${name} expected ${count} arguments, got ${args.length}`);
    }
    return fn(...args);
  };
  return builtinFunction(wrapper, name);
}
