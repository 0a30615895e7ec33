// The dunders the runtime bases of list, dict, set, tuple and frozenset subclasses give their
// subclasses: `super().__getitem__(i)` in `class Ring(list)` reaches the built-in behaviour,
// and the runtime's operations (which ask a subclass's own dunder first) reach them too.
// Python's named methods (`append`, `get`...) come from the types' method tables (superOf).

import { BUILTIN_BINARY } from "../values/arithmetic.js";
import { builtinLen } from "../values/builtin-functions.js";
import { builtinIn } from "../values/contains.js";
import { BUILTIN_ITER, Dict } from "../values/dict.js";
import { pyHash } from "../values/hashing.js";
import { iterable, PyIterator } from "../values/iteration.js";
import { repr } from "../values/repr.js";
import { AbstractSet, FrozenSet, PySet } from "../values/set.js";
import { builtinDelitem, builtinGetitem, builtinSetitem } from "../values/subscript.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";

type Fn = (this: any, ...args: any[]) => unknown;

function define(proto: object, name: string, fn: Fn): void {
  if (Object.hasOwn(proto, name)) return;
  Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
}

/** A plain built-in value with the instance's contents (the subclass's overrides left out). */
function plain(self: unknown): unknown {
  // (By index: a list subclass's own `__iter__` is its JS iterator, which list's repr, `+`... never use.)
  if (Array.isArray(self)) return Array.prototype.slice.call(self);
  if (self instanceof Dict) return new Dict(self.entries());
  if (self instanceof Tuple) return Tuple.from(self.items);
  if (self instanceof AbstractSet) return new PySet(self);
  return self;
}

export function defineContainerDunders(proto: object, options: { mutable: boolean; iterate: (self: any) => Iterator<unknown> }): void {
  define(proto, "__getitem__", function (key) {
    return builtinGetitem(this, key);
  });
  if (options.mutable) {
    define(proto, "__setitem__", function (key, value) {
      builtinSetitem(this, key, value);
      return null;
    });
    define(proto, "__delitem__", function (key) {
      builtinDelitem(this, key);
      return null;
    });
  }
  define(proto, "__len__", function () {
    return builtinLen(this);
  });
  define(proto, "__contains__", function (item) {
    return builtinIn(item, this);
  });
  const baseIter = function (this: any): PyIterator {
    return new PyIterator(options.iterate(this));
  };
  // (a subclass that keeps it iterates as the base: dict(x) copies such a dict's entries)
  Object.defineProperty(baseIter, BUILTIN_ITER, { value: true });
  define(proto, "__iter__", baseIter);
  const reprOfBase = function (this: any): string {
    // set.__repr__ names the subclass: `Bag({1, 2})`, `Bag()`; it lists the items through the
    // subclass's own `__iter__` (list's, dict's and tuple's reprs never call it).
    if (this instanceof AbstractSet) {
      if (this.size === 0) return `${typeName(this)}()`;
      const own = (this as { __iter__?: { [BUILTIN_ITER]?: true } }).__iter__;
      const text = typeof own === "function" && own[BUILTIN_ITER] !== true ? `{${Array.from(iterable(this), (item) => repr(item)).join(", ")}}` : repr(plain(this));
      return `${typeName(this)}(${text})`;
    }
    const text = repr(plain(this));
    return text;
  };
  // The built-in base's repr (pprint lays such an instance out as the base).
  Object.defineProperty(reprOfBase, Symbol.for("pyts.containerRepr"), { value: true });
  define(proto, "__repr__", reprOfBase);
  if (!options.mutable) {
    define(proto, "__hash__", function () {
      return this instanceof Tuple ? pyHash(plain(this)) : FrozenSet.prototype.__hash__.call(this);
    });
  }
  for (const stem of ["add", "mul"]) {
    define(proto, `__${stem}__`, function (other) {
      return BUILTIN_BINARY[stem]!(plain(this), plain(other));
    });
  }
}
