// Base classes for user classes that subclass Python's list and dict: JS classes with
// Python's constructor signatures (`list(iterable)`, `dict(mapping_or_pairs, **kw)`).
import { Dict } from "../values/dict.js";
import { dict, dictUpdate, list } from "../values/builtin-types.js";
import { PYTHON_TYPE } from "../values/wrapped.js";
import { splitKw } from "../values/kwargs.js";
import { PyTypeError } from "../values/exceptions.js";

/** `class Stack(list)`: instances are JS arrays, so every list operation applies. */
class ListBaseImpl extends Array<any> {
  // map/filter/slice on an instance build plain lists, as Python's list methods do.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  constructor(...args: any[]) {
    super();
    const [positional] = splitKw(args);
    if (positional.length > 1) throw new PyTypeError(`list expected at most 1 argument, got ${positional.length}`);
    if (positional.length === 1) for (const item of positional[0] as Iterable<unknown>) this.push(item);
  }
}

/** `class Registry(dict)`: instances are Dicts, filled as `dict(...)` fills one. */
class DictBaseImpl extends Dict<any, any> {
  constructor(...args: any[]) {
    super();
    const [positional, keywords] = splitKw(args);
    if (positional.length > 1) throw new PyTypeError(`dict expected at most 1 argument, got ${positional.length}`);
    if (positional.length === 1) dictUpdate(this, positional[0]);
    for (const [k, v] of Object.entries(keywords)) this.set(k, v);
  }
}

// In `__mro__` they show as the built-in types.
Object.defineProperty(ListBaseImpl, PYTHON_TYPE, { get: () => list });
Object.defineProperty(DictBaseImpl, PYTHON_TYPE, { get: () => dict });

/**
 * Typed loosely for emitted code: a Python subclass may define methods whose names JS's
 * Array or Dict already use with other signatures (a `push` that returns None).
 */
export const ListBase: new (...args: any[]) => any = ListBaseImpl;
export const DictBase: new (...args: any[]) => any = DictBaseImpl;
