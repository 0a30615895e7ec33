// Python's `collections` module: deque, defaultdict, Counter, OrderedDict, namedtuple and
// ChainMap, and the UserDict/UserList/UserString wrappers. Classes are exported through pyClass so `deque(xs)` and `new Counter(xs)` both work.

import { Dict } from "../values/dict.js";
import { KeyError } from "../values/exceptions.js";
import { getitem } from "../values/subscript.js";
import { in_ } from "../values/contains.js";
import { repr } from "../values/repr.js";
import { pyClass } from "./callable-class.js";
import { Counter, DefaultDict, OrderedDict } from "./collections-mappings.js";
import { Deque } from "./deque.js";
import { mappingSetdefault, mappingUpdate, UserDict, UserList, UserString } from "./collections-user.js";
import { callMethod } from "../values/methods.js";
import { callValue } from "./pycall.js";
import { dict } from "../values/builtin-types.js";
import { str } from "../values/repr.js";
import { declareBaseMethods, declareClassValues, declareDataAttributes, declareOwnBaseMethods } from "../values/declared-attributes.js";
import { namedtuple } from "./namedtuple.js";
import { KeyTable } from "../values/dict.js";
import { Tuple } from "../values/tuple.js";
import { moduleObject } from "./module-object.js";
import { ABCS, collectionsAbcModule } from "./collections-abc.js";
import { SHOWN_MRO_KEY, showMro } from "../lang/mro.js";

/** Several mappings searched in order; writes and deletes go to the first one. */
export class ChainMap {
  static readonly pythonName = "ChainMap";
  static readonly __module__ = "collections";
  maps: unknown[];

  constructor(...maps: unknown[]) {
    this.maps = maps.length > 0 ? maps : [new Dict()];
  }

  __getitem__(key: unknown): any {
    for (const m of this.maps) if (in_(key, m)) return getitem(m, key);
    throw new KeyError(key);
  }

  __setitem__(key: unknown, value: unknown): void {
    (this.maps[0] as Dict).set(key, value);
  }

  __delitem__(key: unknown): void {
    if (!(this.maps[0] as Dict).delete(key)) throw new KeyError(`Key not found in the first mapping: ${repr(key)}`);
  }

  __contains__(key: unknown): boolean {
    return this.maps.some((m) => in_(key, m));
  }

  get(key: unknown, fallback: unknown = null): any {
    return this.__contains__(key) ? this.__getitem__(key) : fallback;
  }

  /** Keys in CPython's order: the last map's keys first, each new key appended after. */
  private merged(): KeyTable<unknown, true> {
    const table = new KeyTable<unknown, true>();
    for (const m of [...this.maps].reverse()) for (const k of m as Iterable<unknown>) table.set(k, true);
    return table;
  }

  *[Symbol.iterator](): Iterator<any> {
    for (const e of this.merged().iterate("ChainMap")) yield e.key;
  }

  keys(): any[] {
    return [...this];
  }

  values(): any[] {
    return [...this].map((k) => this.__getitem__(k));
  }

  items(): any[] {
    return [...this].map((k) => Tuple.of(k, this.__getitem__(k)));
  }

  __len__(): bigint {
    return BigInt(this.merged().size);
  }

  // (writes and removals go to the first mapping, as CPython's ChainMap does)
  clear(): null {
    callMethod(this.maps[0], "clear");
    return null;
  }

  copy(): ChainMap {
    return new ChainMap(callMethod(this.maps[0], "copy"), ...this.maps.slice(1));
  }

  __copy__(): ChainMap {
    return this.copy();
  }

  /** `ChainMap.fromkeys(iterable, value=None)`: one dict of the keys. */
  static fromkeys(keys: unknown, ...value: unknown[]): ChainMap {
    return new ChainMap(callValue((dict as unknown as { fromkeys: unknown }).fromkeys, keys, ...value));
  }

  pop(key: unknown, ...fallback: unknown[]): any {
    try {
      return callMethod(this.maps[0], "pop", key);
    } catch (e) {
      if (!(e instanceof KeyError)) throw e;
      if (fallback.length > 0) return fallback[0];
      throw new KeyError(`Key not found in the first mapping: ${repr(key)}`);
    }
  }

  popitem(): any {
    try {
      return callMethod(this.maps[0], "popitem");
    } catch (e) {
      if (e instanceof KeyError) throw new KeyError("No keys found in the first mapping.");
      throw e;
    }
  }

  setdefault(key: unknown, fallback: unknown = null): any {
    return mappingSetdefault(this, key, fallback);
  }

  update(...args: unknown[]): null {
    return mappingUpdate(this, args);
  }

  new_child(m: unknown = null): ChainMap {
    return new ChainMap(m ?? new Dict(), ...this.maps);
  }

  get parents(): ChainMap {
    return new ChainMap(...this.maps.slice(1));
  }

  __repr__(): string {
    return `ChainMap(${this.maps.map(repr).join(", ")})`;
  }
}

/** Classes CPython derives from a collections.abc ABC: their MRO ends with the ABC's. */
function derivedFromAbc<C extends Function>(cls: C, abc: keyof typeof ABCS): C {
  const base = ABCS[abc] as unknown as { [SHOWN_MRO_KEY]: unknown[] };
  showMro(cls, [cls, ...base[SHOWN_MRO_KEY]], [base]);
  return cls;
}

export const collectionsModule = moduleObject("collections", {
  abc: collectionsAbcModule,
  deque: pyClass(Deque),
  defaultdict: pyClass(DefaultDict),
  Counter: pyClass(Counter),
  OrderedDict: pyClass(OrderedDict),
  ChainMap: derivedFromAbc(pyClass(ChainMap), "MutableMapping"),
  namedtuple,
  UserDict: derivedFromAbc(pyClass(UserDict), "MutableMapping"),
  UserList: derivedFromAbc(pyClass(UserList), "MutableSequence"),
  UserString: derivedFromAbc(pyClass(UserString), "Sequence"),
});

// What CPython's classes show that the runtime's find elsewhere: dict's methods of the dict
// subclasses (their instances reach them through dict's method table), a defaultdict's
// `default_factory` (a member descriptor), UserString's `maketrans` (str's).
declareDataAttributes(DefaultDict, "member", "default_factory", true);
declareBaseMethods(DefaultDict, dict, "items pop popitem setdefault update");
declareOwnBaseMethods(OrderedDict, dict, "items pop setdefault update");
declareBaseMethods(Counter, dict, "items pop popitem setdefault");
declareClassValues(DefaultDict, { fromkeys: DefaultDict.fromkeys });
declareClassValues(Counter, { fromkeys: Counter.fromkeys });
declareClassValues(UserString, { maketrans: (str as unknown as { maketrans: unknown }).maketrans });
