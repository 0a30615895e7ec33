// The dict subclasses of `collections`: defaultdict, Counter and OrderedDict. Each is a Dict,
// so subscripts, `in`, len and the dict methods work unchanged; they add their own behaviour
// (__missing__, counting arithmetic, order operations) and CPython's reprs.

import { add, sub } from "../values/arithmetic.js";
import { dictUpdate } from "../values/builtin-types.js";
import { eq, gt, lt } from "../values/compare.js";
import { Dict } from "../values/dict.js";
import { hashKey } from "../values/hashing.js";
import { KeyError, NotImplementedError, PyTypeError } from "../values/exceptions.js";
import { iterable } from "../values/iteration.js";
import { splitKw, type KwArgs } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { sortInPlace } from "../values/sorting.js";
import { setitem } from "../values/subscript.js";
import { truthy } from "../values/truth.js";
import { NotImplemented } from "../values/singletons.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { isNone } from "./callable-class.js";
import { callValue } from "./pycall.js";

function isMapping(x: unknown): boolean {
  return x instanceof Dict || (x !== null && typeof x === "object" && typeof (x as { keys?: unknown }).keys === "function" && typeof (x as { __getitem__?: unknown }).__getitem__ === "function");
}

function mappingEntries(x: unknown): Array<[unknown, unknown]> {
  if (x instanceof Dict) return [...x.entries()];
  const m = x as { keys(): unknown; __getitem__(k: unknown): unknown };
  return Array.from(iterable(m.keys()), (k) => [k, m.__getitem__(k)]);
}

function fillFrom(d: Dict, source: unknown, kws: KwArgs): void {
  if (!isNone(source)) dictUpdate(d, source);
  for (const [k, v] of Object.entries(kws)) d.set(k, v);
}

export class DefaultDict<K = unknown, V = unknown> extends Dict<K, V> {
  static readonly __module__ = "collections";
  static readonly tpName: string = "collections.defaultdict";
  /** The `default_factory` descriptor, set on the class at load (values/declared-attributes.ts). */
  declare static readonly default_factory: unknown;
  default_factory: unknown;

  constructor(...args: unknown[]) {
    super();
    const [pos, kws] = splitKw(args);
    const factory = pos.length > 0 ? pos[0] : null;
    if (!isNone(factory) && typeof factory !== "function" && typeof (factory as { __call__?: unknown }).__call__ !== "function") {
      throw new PyTypeError("first argument must be callable or None");
    }
    this.default_factory = factory ?? null;
    fillFrom(this as Dict, pos.length > 1 ? pos[1] : null, kws);
  }

  /** `defaultdict.fromkeys(iterable, value=None)`: dict's class method, making a defaultdict without a factory. */
  static fromkeys(keys: unknown, value: unknown = null): DefaultDict {
    const d = new DefaultDict();
    for (const k of iterable(keys)) d.set(k, value);
    return d;
  }

  __missing__(key: K): V {
    if (isNone(this.default_factory)) throw new KeyError(key);
    const value = callValue(this.default_factory) as V;
    this.set(key, value);
    return value;
  }

  copy(): DefaultDict<K, V> {
    return new DefaultDict<K, V>(this.default_factory, this);
  }

  __copy__(): DefaultDict<K, V> {
    return this.copy();
  }

  __repr__(): string {
    const factory = isNone(this.default_factory) ? "None" : repr(this.default_factory);
    return `${typeName(this)}(${factory}, ${plainDictRepr(this)})`;
  }
}

/** `{k: v, ...}` for any Dict, whatever its class. */
function plainDictRepr(d: Dict): string {
  return `{${[...d.entries()].map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(", ")}}`;
}

export class Counter<K = unknown> extends Dict<K, unknown> {
  static readonly __module__ = "collections";

  constructor(...args: unknown[]) {
    super();
    this.update(...args);
  }

  /** CPython's Counter leaves `fromkeys` undefined (what would the counts be?). */
  static fromkeys(..._args: unknown[]): never {
    throw new NotImplementedError("Counter.fromkeys() is undefined.  Use Counter(iterable) instead.");
  }

  /** A missing element counts zero (and is not inserted). */
  __missing__(_key: K): bigint {
    return 0n;
  }

  private count(key: K): any {
    return this.table.find(key)?.value ?? 0n;
  }

  total(): any {
    let sum: unknown = 0n;
    for (const v of this.values()) sum = add(sum, v);
    return sum;
  }

  most_common(n: unknown = null): Tuple[] {
    const pairs = [...this.entries()].map(([k, v]) => Tuple.of(k, v));
    sortInPlace(pairs, (t: Tuple) => t.items[1], true);
    return isNone(n) ? pairs : pairs.slice(0, Math.max(0, Number(n)));
  }

  *elements(): Generator<K> {
    for (const [k, v] of this.entries()) {
      if (typeof v === "bigint" || typeof v === "boolean") {
        for (let i = 0n; i < BigInt(v); i++) yield k;
      } else throw new PyTypeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
    }
  }

  private combine(args: unknown[], sign: (a: unknown, b: unknown) => unknown): null {
    const [pos, kws] = splitKw(args);
    if (pos.length > 1) throw new PyTypeError(`expected at most 1 argument, got ${pos.length}`);
    const source = pos[0];
    if (!isNone(source)) {
      if (isMapping(source)) {
        for (const [k, v] of mappingEntries(source)) this.set(k as K, sign(this.count(k as K), v));
      } else if (sign === add) {
        // (counting an iterable hashes each element once, as CPython's `_count_elements` does)
        for (const k of iterable(source)) {
          const bucket = hashKey(k);
          const found = this.table.findKeyed(k as K, bucket);
          if (found !== undefined) found.value = add(found.value, 1n);
          else this.table.setKeyed(k as K, 1n, bucket);
        }
      } else {
        for (const k of iterable(source)) this.set(k as K, sign(this.count(k as K), 1n));
      }
    }
    for (const [k, v] of Object.entries(kws)) this.set(k as K, sign(this.count(k as K), v));
    return null;
  }

  update(...args: unknown[]): null {
    return this.combine(args, add);
  }

  subtract(...args: unknown[]): null {
    return this.combine(args, sub);
  }

  copy(): Counter<K> {
    return new Counter<K>(this);
  }

  __copy__(): Counter<K> {
    return this.copy();
  }

  private static operand(other: unknown, op: string): Counter {
    if (!(other instanceof Counter)) {
      throw new PyTypeError(`unsupported operand type(s) for ${op}: 'Counter' and '${typeName(other)}'`);
    }
    return other;
  }

  /** Keeps the positive results of `f` over both counters' keys (self's order first). */
  private merge(other: Counter, f: (a: unknown, b: unknown) => unknown): Counter<K> {
    const result = new Counter<K>();
    for (const [k, v] of this.entries()) {
      const r = f(v, other.count(k));
      if (gt(r, 0n)) result.set(k, r);
    }
    for (const [k, v] of other.entries()) {
      if (this.has(k as K)) continue;
      const r = f(0n, v);
      if (gt(r, 0n)) result.set(k as K, r);
    }
    return result;
  }

  __add__(other: unknown): Counter<K> {
    return this.merge(Counter.operand(other, "+"), add);
  }
  __sub__(other: unknown): Counter<K> {
    return this.merge(Counter.operand(other, "-"), sub);
  }
  __or__(other: unknown): Counter<K> {
    return this.merge(Counter.operand(other, "|"), (a, b) => (lt(a, b) ? b : a));
  }
  __and__(other: unknown): Counter<K> {
    const o = Counter.operand(other, "&");
    const result = new Counter<K>();
    for (const [k, v] of this.entries()) {
      const w = o.count(k);
      const r = lt(v, w) ? v : w;
      if (gt(r, 0n)) result.set(k, r);
    }
    return result;
  }
  __pos__(): Counter<K> {
    return this.merge(new Counter(), (a) => a);
  }
  __neg__(): Counter<K> {
    return this.merge(new Counter(), (a) => sub(0n, a));
  }

  /** Since 3.10 missing elements count as zero in comparisons. */
  __eq__(other: unknown): any {
    if (!(other instanceof Counter)) return other instanceof Dict ? eq(new Dict(this.entries()), other) : false;
    for (const [k, v] of this.entries()) if (!eq(v, other.count(k))) return false;
    for (const [k, v] of other.entries()) if (!eq(v, this.count(k as K))) return false;
    return true;
  }

  /** `c <= d`: every count of either is at most the other's (missing counts are zero). */
  private countsAll(other: unknown, test: (a: unknown, b: unknown) => boolean): boolean | typeof NotImplemented {
    if (!(other instanceof Counter)) return NotImplemented;
    for (const [k, v] of this.entries()) if (!test(v, other.count(k))) return false;
    for (const [k, v] of other.entries()) if (!test(this.count(k as K), v)) return false;
    return true;
  }
  __le__(other: unknown): any {
    return this.countsAll(other, (a, b) => !gt(a, b));
  }
  __lt__(other: unknown): any {
    const le = this.__le__(other);
    return le === NotImplemented ? le : le === true && !this.__eq__(other);
  }
  __ge__(other: unknown): any {
    return this.countsAll(other, (a, b) => !lt(a, b));
  }
  __gt__(other: unknown): any {
    const ge = this.__ge__(other);
    return ge === NotImplemented ? ge : ge === true && !this.__eq__(other);
  }

  __repr__(): string {
    if (this.size === 0) return `${typeName(this)}()`;
    let pairs: Array<[unknown, unknown]>;
    try {
      pairs = this.most_common().map((t) => [t.items[0], t.items[1]]);
    } catch (e) {
      if (!(e instanceof PyTypeError)) throw e;
      pairs = [...this.entries()];
    }
    return `${typeName(this)}(${plainDictRepr(new Dict(pairs))})`;
  }
}

export class OrderedDict<K = unknown, V = unknown> extends Dict<K, V> {
  static readonly __module__ = "collections";
  static readonly tpName: string = "collections.OrderedDict";
  /** Its keys(), values() and items() are odict_keys, odict_values and odict_items. */
  static readonly orderedViews = true;

  /**
   * `OrderedDict.fromkeys(iterable, value=None)`, a class method: read off a subclass, an
   * instance of it (`cls()`) filled by its `__setitem__`, as CPython's does.
   */
  static fromkeys(this: unknown, keys: unknown, value: unknown = null): OrderedDict {
    if (typeof this !== "function" || this === OrderedDict) {
      const d = new OrderedDict();
      for (const k of iterable(keys)) d.set(k, value);
      return d;
    }
    const made = callValue(this) as OrderedDict;
    for (const k of iterable(keys)) setitem(made, k, value);
    return made;
  }

  constructor(...args: unknown[]) {
    super();
    const [pos, kws] = splitKw(args);
    fillFrom(this as Dict, pos.length > 0 ? pos[0] : null, kws);
  }

  move_to_end(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const key = pos[0] as K;
    const last = pos.length > 1 ? pos[1] : (kws["last"] ?? true);
    const entry = this.table.find(key);
    if (entry === undefined) throw new KeyError(key);
    if (truthy(last)) {
      this.table.delete(entry.key);
      this.table.set(entry.key, entry.value);
      return null;
    }
    const rest = [...this.entries()].filter(([k]) => k !== entry.key);
    this.table.clear();
    this.table.set(entry.key, entry.value);
    for (const [k, v] of rest) this.table.set(k, v);
    return null;
  }

  popitem(...args: unknown[]): Tuple {
    const [pos, kws] = splitKw(args);
    const last = pos.length > 0 ? pos[0] : (kws["last"] ?? true);
    const entry = truthy(last) ? this.table.last() : this.table.first();
    if (entry === undefined) throw new KeyError("dictionary is empty");
    this.table.delete(entry.key);
    return Tuple.from<unknown>([entry.key, entry.value]);
  }

  copy(): OrderedDict<K, V> {
    return new OrderedDict<K, V>(this);
  }

  __copy__(): OrderedDict<K, V> {
    return this.copy();
  }

  /** Order matters between two OrderedDicts, not against a plain dict. */
  __eq__(other: unknown): any {
    if (!(other instanceof Dict)) return false;
    const plain = new Dict<unknown, unknown>(this.entries());
    if (!eq(plain, new Dict<unknown, unknown>(other.entries()))) return false;
    if (!(other instanceof OrderedDict)) return true;
    const a = [...this.keys()];
    const b = [...other.keys()];
    return a.every((k, i) => k === b[i] || eq(k, b[i]));
  }

  __reversed__(): Iterator<K> {
    return [...this.keys()].reverse()[Symbol.iterator]();
  }

  __repr__(): string {
    // (a subclass shows its own name, as CPython's `self.__class__.__name__`)
    if (this.size === 0) return `${typeName(this)}()`;
    const pairs = [...this.entries()].map(([k, v]) => `(${repr(k)}, ${repr(v)})`);
    return `${typeName(this)}([${pairs.join(", ")}])`;
  }
}

// Dict's static pythonName is typed as the literal "dict", so the names are set afterwards.
for (const [cls, name] of [[DefaultDict, "defaultdict"], [Counter, "Counter"], [OrderedDict, "OrderedDict"]] as const) {
  Object.defineProperty(cls, "pythonName", { value: name });
}
