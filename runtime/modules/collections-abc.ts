// Python's `collections.abc`: the abstract base classes of containers, as Lib/_collections_abc.py
// defines them. isinstance/issubclass see the built-in types as CPython registers them (list is
// a MutableSequence, dict a MutableMapping, ...), the one-method ABCs (Iterable, Sized,
// Hashable, ...) by the methods a class defines, and classes given to `register`. Subclasses
// get the mixin methods (a MutableMapping from __getitem__/__setitem__/__delitem__/__iter__/
// __len__ gets get, pop, update, setdefault, keys, items, ...) and cannot be instantiated
// while an abstract method is left (abc.ts).

import { len } from "../values/builtin-functions.js";
import { eq } from "../values/compare.js";
import { in_ } from "../values/contains.js";
import { Dict } from "../values/dict.js";
import { IndexError, KeyError, PyTypeError, ValueError } from "../values/exceptions.js";
import { PySet } from "../values/set.js";
import { iterable, PyIterator } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { NotImplemented } from "../values/singletons.js";
import { delitem, getitem, setitem } from "../values/subscript.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { pyClass, type PyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { AbcBase, abstract, type AnyClass, AsyncGenerator, AsyncIterable, AsyncIterator, Awaitable, Callable, Collection, Container, Coroutine, Generator, Hashable, Iterable, Iterator, named, Reversible, showAbcMros, Sized } from "./collections-abc-base.js";

// ---- Set ----

/** `cls._from_iterable(items)`: the class built from the items (a view's: a set). */
function fromIterable(self: object, items: unknown[]): unknown {
  const own = (self as { _from_iterable?: unknown })._from_iterable;
  if (typeof own === "function") return (own as (it: unknown) => unknown).call(self.constructor, items);
  return new (self.constructor as new (it: unknown) => unknown)(items);
}

const SetBase = named(
  class extends Collection {
    __le__(other: unknown): unknown {
      if (!isinstanceOf(other, SetBase)) return NotImplemented;
      if (len(this) > len(other)) return false;
      for (const x of iterable(this)) if (!in_(x, other)) return false;
      return true;
    }
    __lt__(other: unknown): unknown {
      if (!isinstanceOf(other, SetBase)) return NotImplemented;
      return len(this) < len(other) && this.__le__(other) === true;
    }
    __gt__(other: unknown): unknown {
      if (!isinstanceOf(other, SetBase)) return NotImplemented;
      return len(this) > len(other) && this.__ge__(other) === true;
    }
    __ge__(other: unknown): unknown {
      if (!isinstanceOf(other, SetBase)) return NotImplemented;
      if (len(this) < len(other)) return false;
      for (const x of iterable(other)) if (!in_(x, this)) return false;
      return true;
    }
    __eq__(other: unknown): unknown {
      if (!isinstanceOf(other, SetBase)) return NotImplemented;
      return len(this) === len(other) && this.__le__(other) === true;
    }
    __and__(other: unknown): unknown {
      if (!isinstanceOf(other, Iterable)) return NotImplemented;
      return fromIterable(this, Array.from(iterable(other)).filter((v) => in_(v, this)));
    }
    __or__(other: unknown): unknown {
      if (!isinstanceOf(other, Iterable)) return NotImplemented;
      return fromIterable(this, [...iterable(this), ...iterable(other)]);
    }
    __sub__(other: unknown): unknown {
      if (!isinstanceOf(other, SetBase)) {
        if (!isinstanceOf(other, Iterable)) return NotImplemented;
        other = fromIterable(this, Array.from(iterable(other)));
      }
      return fromIterable(this, Array.from(iterable(this)).filter((v) => !in_(v, other)));
    }
    __xor__(other: unknown): unknown {
      if (!isinstanceOf(other, SetBase)) {
        if (!isinstanceOf(other, Iterable)) return NotImplemented;
        other = fromIterable(this, Array.from(iterable(other)));
      }
      const a = Array.from(iterable(this)).filter((v) => !in_(v, other));
      const b = Array.from(iterable(other)).filter((v) => !in_(v, this));
      return fromIterable(this, [...a, ...b]);
    }
    isdisjoint(other: unknown): boolean {
      for (const v of iterable(other)) if (in_(v, this)) return false;
      return true;
    }
  },
  "Set",
);

const MutableSet = named(
  class extends SetBase {
    remove(value: unknown): null {
      if (!in_(value, this)) throw new KeyError(value);
      (this as unknown as { discard(v: unknown): unknown }).discard(value);
      return null;
    }
    pop(): unknown {
      const it = iterable(this)[Symbol.iterator]().next();
      if (it.done) throw new KeyError();
      (this as unknown as { discard(v: unknown): unknown }).discard(it.value);
      return it.value;
    }
    clear(): null {
      try {
        for (;;) this.pop();
      } catch (error) {
        if (!(error instanceof KeyError)) throw error;
      }
      return null;
    }
    __ior__(other: unknown): this {
      for (const v of iterable(other)) (this as unknown as { add(v: unknown): unknown }).add(v);
      return this;
    }
    __iand__(other: unknown): this {
      for (const v of Array.from(iterable(this))) if (!in_(v, other)) (this as unknown as { discard(v: unknown): unknown }).discard(v);
      return this;
    }
    __isub__(other: unknown): this {
      for (const v of iterable(other)) (this as unknown as { discard(v: unknown): unknown }).discard(v);
      return this;
    }
  },
  "MutableSet",
);
abstract(MutableSet, "add", "discard");

// ---- Mapping and its views ----

const MappingView = named(
  class extends Sized {
    constructor(readonly _mapping: unknown) {
      super();
    }
    __len__(): bigint {
      return len(this._mapping);
    }
    __repr__(): string {
      return `${typeName(this)}(${repr(this._mapping)})`;
    }
  },
  "MappingView",
);

function view(name: string, items: (m: unknown) => unknown[], base: AnyClass): AnyClass {
  const cls = class extends (base as typeof MappingView) {
    [Symbol.iterator](): Iterator<any> {
      return items(this._mapping)[Symbol.iterator]();
    }
    __iter__(): PyIterator {
      return new PyIterator(items(this._mapping)[Symbol.iterator]());
    }
  };
  return named(cls, name);
}

const keysOf = (m: unknown): unknown[] => Array.from(iterable(m));
const KeysView = view("KeysView", keysOf, MappingView);
const ItemsView = view("ItemsView", (m) => keysOf(m).map((k) => Tuple.of(k, getitem(m, k))), MappingView);
const ValuesView = view("ValuesView", (m) => keysOf(m).map((k) => getitem(m, k)), MappingView);
// KeysView and ItemsView are also Sets: their set operations and comparisons.
for (const cls of [KeysView, ItemsView]) {
  for (const name of ["__le__", "__lt__", "__gt__", "__ge__", "__eq__", "__and__", "__or__", "__sub__", "__xor__", "isdisjoint"]) {
    Object.defineProperty(cls.prototype, name, { value: (SetBase.prototype as unknown as Record<string, unknown>)[name], writable: true, configurable: true });
  }
  Object.defineProperty(cls.prototype, "__contains__", {
    value: cls === KeysView
      ? function (this: { _mapping: unknown }, key: unknown): boolean {
          return in_(key, this._mapping);
        }
      : function (this: { _mapping: unknown }, item: unknown): boolean {
          const [key, value] = Array.from(iterable(item));
          if (!in_(key, this._mapping)) return false;
          const v = getitem(this._mapping, key);
          return v === value || eq(v, value);
        },
    writable: true,
    configurable: true,
  });
  Object.defineProperty(cls.prototype, "_from_iterable", { value: (it: unknown[]) => PySet.of(...it) });
}
Object.defineProperty(ValuesView.prototype, "__contains__", {
  value: function (this: { _mapping: unknown }, value: unknown): boolean {
    for (const k of keysOf(this._mapping)) {
      const v = getitem(this._mapping, k);
      if (v === value || eq(v, value)) return true;
    }
    return false;
  },
});

const NO_DEFAULT = Symbol("no default");

const Mapping = named(
  class extends Collection {
    get(key: unknown, fallback: unknown = null): unknown {
      try {
        return getitem(this, key);
      } catch (error) {
        if (error instanceof KeyError) return fallback;
        throw error;
      }
    }
    __contains__(key: unknown): boolean {
      try {
        getitem(this, key);
        return true;
      } catch (error) {
        if (error instanceof KeyError) return false;
        throw error;
      }
    }
    keys(): unknown {
      return new (KeysView as unknown as new (m: unknown) => unknown)(this);
    }
    items(): unknown {
      return new (ItemsView as unknown as new (m: unknown) => unknown)(this);
    }
    values(): unknown {
      return new (ValuesView as unknown as new (m: unknown) => unknown)(this);
    }
    __eq__(other: unknown): unknown {
      if (!isinstanceOf(other, Mapping)) return NotImplemented;
      const a = pairs(this);
      const b = pairs(other);
      return eq(a, b);
    }
  },
  "Mapping",
);
abstract(Mapping, "__getitem__", "__iter__", "__len__");
Object.defineProperty(Mapping.prototype, "__reversed__", { value: null, writable: true, configurable: true });

function pairs(m: unknown): Dict {
  const d = new Dict();
  for (const k of iterable(m)) d.set(k, getitem(m, k));
  return d;
}

const MutableMapping = named(
  class extends Mapping {
    pop(key: unknown, fallback: unknown = NO_DEFAULT): unknown {
      let value: unknown;
      try {
        value = getitem(this, key);
      } catch (error) {
        if (error instanceof KeyError && fallback !== NO_DEFAULT) return fallback;
        throw error;
      }
      delitem(this, key);
      return value;
    }
    popitem(): Tuple {
      const first = iterable(this)[Symbol.iterator]().next();
      if (first.done) throw new KeyError();
      const value = getitem(this, first.value);
      delitem(this, first.value);
      return Tuple.of(first.value, value);
    }
    clear(): null {
      try {
        for (;;) this.popitem();
      } catch (error) {
        if (!(error instanceof KeyError)) throw error;
      }
      return null;
    }
    update(...args: unknown[]): null {
      const [pos, kw] = splitKw(args);
      if (pos.length > 1) throw new PyTypeError(`update expected at most 1 argument, got ${pos.length}`);
      const other = pos[0];
      if (other !== undefined) {
        if (isinstanceOf(other, Mapping)) for (const k of Array.from(iterable(other))) setitem(this, k, getitem(other, k));
        else if (other !== null && !Array.isArray(other) && !(other instanceof Uint8Array) && typeof (other as { keys?: unknown }).keys === "function") {
          for (const k of Array.from(iterable((other as { keys(): unknown }).keys()))) setitem(this, k, getitem(other, k));
        } else {
          for (const item of iterable(other)) {
            const [k, v] = Array.from(iterable(item));
            setitem(this, k, v);
          }
        }
      }
      for (const [k, v] of Object.entries(kw)) setitem(this, k, v);
      return null;
    }
    setdefault(key: unknown, fallback: unknown = null): unknown {
      try {
        return getitem(this, key);
      } catch (error) {
        if (!(error instanceof KeyError)) throw error;
        setitem(this, key, fallback);
        return fallback;
      }
    }
  },
  "MutableMapping",
);
abstract(MutableMapping, "__setitem__", "__delitem__");

/** MutableMapping as a base of the runtime's own mapping classes (configparser's), its static side left out. */
export const MutableMappingMixins: new () => InstanceType<typeof MutableMapping> = MutableMapping;

// ---- Sequence ----

/** A sequence's items by index until IndexError (Sequence.__iter__). */
function* byIndex(self: unknown): Generator<unknown> {
  for (let i = 0n; ; i++) {
    let v: unknown;
    try {
      v = getitem(self, i);
    } catch (error) {
      if (error instanceof IndexError) return;
      throw error;
    }
    yield v;
  }
}

const Sequence = named(
  class extends Reversible {
    [Symbol.iterator](): Iterator<any> {
      return byIndex(this);
    }
    __iter__(): PyIterator {
      return new PyIterator(byIndex(this));
    }
    __contains__(value: unknown): boolean {
      for (const v of iterable(this)) if (v === value || eq(v, value)) return true;
      return false;
    }
    __reversed__(): PyIterator {
      const self = this;
      return new PyIterator(
        (function* (): Generator<unknown> {
          for (let i = len(self) - 1n; i >= 0n; i--) yield getitem(self, i);
        })(),
      );
    }
    index(value: unknown, start: unknown = 0n, stop: unknown = null): bigint {
      const n = len(this);
      let i = BigInt(start as bigint);
      if (i < 0n) i = i + n < 0n ? 0n : i + n;
      let end = stop === null ? null : BigInt(stop as bigint);
      if (end !== null && end < 0n) end += n;
      for (; end === null || i < end; i++) {
        let v: unknown;
        try {
          v = getitem(this, i);
        } catch (error) {
          if (error instanceof IndexError) break;
          throw error;
        }
        if (v === value || eq(v, value)) return i;
      }
      throw new ValueError();
    }
    count(value: unknown): bigint {
      let c = 0n;
      for (const v of iterable(this)) if (v === value || eq(v, value)) c++;
      return c;
    }
  },
  "Sequence",
);
abstract(Sequence, "__getitem__", "__len__");

const MutableSequence = named(
  class extends Sequence {
    append(value: unknown): null {
      (this as unknown as { insert(i: bigint, v: unknown): unknown }).insert(len(this), value);
      return null;
    }
    clear(): null {
      try {
        for (;;) this.pop();
      } catch (error) {
        if (!(error instanceof IndexError)) throw error;
      }
      return null;
    }
    reverse(): null {
      const n = len(this);
      for (let i = 0n; i < n / 2n; i++) {
        const a = getitem(this, i);
        const b = getitem(this, n - i - 1n);
        setitem(this, i, b);
        setitem(this, n - i - 1n, a);
      }
      return null;
    }
    extend(values: unknown): null {
      const items = values === this ? Array.from(iterable(values)) : iterable(values);
      for (const v of items) this.append(v);
      return null;
    }
    pop(index: unknown = -1n): unknown {
      const v = getitem(this, index);
      delitem(this, index);
      return v;
    }
    remove(value: unknown): null {
      delitem(this, this.index(value));
      return null;
    }
    __iadd__(values: unknown): this {
      this.extend(values);
      return this;
    }
  },
  "MutableSequence",
);
abstract(MutableSequence, "__setitem__", "__delitem__", "insert");
const ByteString = named(class extends Sequence {}, "ByteString");

function isinstanceOf(x: unknown, cls: typeof AbcBase): boolean {
  return cls.__instancecheck__.call(cls as unknown as Function, x);
}


/** Exported callable without `new`, keeping the ABC's own isinstance check (pyClass adds a plain one). */
function abcClass<C extends AnyClass>(cls: C): PyClass<C> {
  // Marked as a type object first, so pyClass leaves the ABC's check in place.
  Object.defineProperties(cls, { __pytype__: { value: true }, __instancecheck__: { value: AbcBase.__instancecheck__, writable: true, configurable: true } });
  return pyClass(cls);
}

export const ABCS = {
  Hashable: abcClass(Hashable),
  Awaitable: abcClass(Awaitable),
  Coroutine: abcClass(Coroutine),
  AsyncIterable: abcClass(AsyncIterable),
  AsyncIterator: abcClass(AsyncIterator),
  AsyncGenerator: abcClass(AsyncGenerator),
  Iterable: abcClass(Iterable),
  Iterator: abcClass(Iterator),
  Reversible: abcClass(Reversible),
  Generator: abcClass(Generator),
  Sized: abcClass(Sized),
  Container: abcClass(Container),
  Collection: abcClass(Collection),
  Callable: abcClass(Callable),
  Set: abcClass(SetBase),
  MutableSet: abcClass(MutableSet),
  Mapping: abcClass(Mapping),
  MutableMapping: abcClass(MutableMapping),
  MappingView: abcClass(MappingView),
  KeysView: abcClass(KeysView),
  ItemsView: abcClass(ItemsView),
  ValuesView: abcClass(ValuesView),
  Sequence: abcClass(Sequence),
  MutableSequence: abcClass(MutableSequence),
  ByteString: abcClass(ByteString),
};
showAbcMros(ABCS);

export const collectionsAbcModule = moduleObject("collections.abc", ABCS);
