// Base classes for user classes that subclass Python's list, dict and set: JS classes with
// Python's constructor signatures (`list(iterable)`, `dict(mapping_or_pairs, **kw)`).
import { Dict } from "../values/dict.js";
import { dict, dictUpdate, list, set, setSource } from "../values/builtin-types.js";
import { PySet } from "../values/set.js";
import { defineContainerDunders } from "./container-dunders.js";
import { typeName } from "../values/typename.js";
import { PYTHON_TYPE } from "../values/wrapped.js";
import { splitKw } from "../values/kwargs.js";
import { PyTypeError } from "../values/exceptions.js";
import { RUNTIME_BASES } from "./runtime-bases.js";

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

/** `class Bag(set)`: instances are PySets, filled as `set(iterable)` fills one. */
class SetBaseImpl extends PySet<any> {
  constructor(...args: any[]) {
    super();
    const [positional, keywords] = splitKw(args);
    if (Object.keys(keywords).length > 0) throw new PyTypeError(`${typeName(this)}() takes no keyword arguments`);
    if (positional.length > 1) throw new PyTypeError(`set expected at most 1 argument, got ${positional.length}`);
    if (positional.length === 1) this.update(setSource(positional[0]));
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

defineContainerDunders(ListBaseImpl.prototype, { mutable: true, iterate: (self) => Array.prototype[Symbol.iterator].call(self) });
defineContainerDunders(DictBaseImpl.prototype, { mutable: true, iterate: (self) => Dict.prototype[Symbol.iterator].call(self) });
defineContainerDunders(SetBaseImpl.prototype, { mutable: true, iterate: (self) => PySet.prototype[Symbol.iterator].call(self) });

// In `__mro__` they show as the built-in types.
Object.defineProperty(ListBaseImpl, PYTHON_TYPE, { get: () => list });
Object.defineProperty(DictBaseImpl, PYTHON_TYPE, { get: () => dict });
Object.defineProperty(SetBaseImpl, PYTHON_TYPE, { get: () => set });

/**
 * Typed loosely for emitted code: a Python subclass may define methods whose names JS's
 * Array or Dict already use with other signatures (a `push` that returns None).
 */
export const ListBase: IterableBase = ListBaseImpl as unknown as IterableBase;
export const DictBase: IterableBase = DictBaseImpl as unknown as IterableBase;
export const SetBase: IterableBase = SetBaseImpl as unknown as IterableBase;

/** A runtime base class as emitted code sees it: any members, and iterable. */
RUNTIME_BASES.set("list", ListBase).set("dict", DictBase).set("set", SetBase);

export type IterableBase = new (...args: any[]) => { [Symbol.iterator](): Iterator<any>; [attr: string]: any };
