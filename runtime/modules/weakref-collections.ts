// weakref's WeakValueDictionary, WeakKeyDictionary and WeakSet (Lib/weakref.py, _weakrefset.py):
// the weakly held side kept in ReferenceType objects (a WeakValueDictionary's values in
// KeyedRefs), an entry dropped when its object is collected (a callback) or when a read finds
// it dead.

import { Dict } from "../values/dict.js";
import { KeyError, PyTypeError } from "../values/exceptions.js";
import { iterable, PyIterator } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { addressOf } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { KeyedRef, ReferenceType, forgetReferrer } from "./weakref.js";
import { NotImplemented } from "../values/singletons.js";

const NO_DEFAULT = Symbol("no default");

/** The (key, value) pairs of a mapping or an iterable of pairs, and keyword arguments. */
function pairsOf(args: unknown[], name: string): [unknown, unknown][] {
  const [pos, kws] = splitKw(args);
  if (pos.length > 1) throw new PyTypeError(`${name} expected at most 1 argument, got ${pos.length}`);
  const out: [unknown, unknown][] = [];
  const source = pos[0];
  if (source instanceof Dict) out.push(...(source.entries() as Iterable<[unknown, unknown]>));
  else if (source instanceof WeakValueDictionary || source instanceof WeakKeyDictionary) out.push(...source.pairs());
  else if (source !== undefined && source !== null) {
    for (const item of iterable(source)) {
      const pair = [...iterable(item)];
      if (pair.length !== 2) throw new PyTypeError(`cannot convert dictionary update sequence element #${out.length} to a sequence`);
      out.push([pair[0], pair[1]]);
    }
  }
  for (const key of Object.keys(kws)) out.push([key, kws[key]]);
  return out;
}

export class WeakValueDictionary {
  static readonly __module__ = "weakref";
  private readonly data = new Dict<unknown, ReferenceType>();

  constructor(...args: unknown[]) {
    for (const [k, v] of pairsOf(args, "WeakValueDictionary")) this.__setitem__(k, v);
  }

  /** The live pairs, dead entries removed on the way. */
  *pairs(): Generator<[unknown, unknown]> {
    for (const [k, r] of [...this.data.entries()]) {
      const v = r.__call__();
      if (v === null) this.data.delete(k);
      else yield [k, v];
    }
  }

  /**
   * Removes the entry of `key` (false: none); its KeyedRef stops counting as a weak reference
   * to the value, as in CPython, where the dict held the only reference to it.
   */
  private release(key: unknown): boolean {
    const r = this.data.get(key);
    if (r === undefined) return false;
    this.data.delete(key);
    forgetReferrer(r);
    return true;
  }

  __getitem__(key: unknown): unknown {
    const v = this.data.get(key)?.__call__() ?? null;
    if (v === null) throw new KeyError(key);
    return v;
  }

  __setitem__(key: unknown, value: unknown): void {
    // each value's own KeyedRef, whose callback drops the entry (as CPython's, so that
    // getweakrefcount counts it and a plain ref() to the value is another one)
    const data = this.data;
    const remove = (ref: unknown): void => {
      if (data.get(key) === ref) data.delete(key);
    };
    this.release(key);
    this.data.set(key, new KeyedRef(value, remove, key));
  }

  __delitem__(key: unknown): void {
    if (!this.release(key)) throw new KeyError(key);
  }

  __contains__(key: unknown): boolean {
    return (this.data.get(key)?.__call__() ?? null) !== null;
  }

  __len__(): bigint {
    return BigInt([...this.pairs()].length);
  }

  __iter__(): PyIterator<any> {
    return this.keys();
  }

  [Symbol.iterator](): Iterator<unknown> {
    return this.keys();
  }

  get(key: unknown, fallback: unknown = null): unknown {
    return this.data.get(key)?.__call__() ?? fallback;
  }

  keys(): PyIterator<any> {
    return new PyIterator((function* (self) { for (const [k] of self.pairs()) yield k; })(this));
  }

  values(): PyIterator<any> {
    return new PyIterator((function* (self) { for (const [, v] of self.pairs()) yield v; })(this));
  }

  items(): PyIterator<any> {
    return new PyIterator((function* (self) { for (const [k, v] of self.pairs()) yield Tuple.of(k, v); })(this));
  }

  valuerefs(): ReferenceType[] {
    return [...this.data.values()];
  }

  itervaluerefs(): PyIterator {
    return new PyIterator(this.valuerefs()[Symbol.iterator]());
  }

  pop(key: unknown, fallback: unknown = NO_DEFAULT): unknown {
    const v = this.data.get(key)?.__call__() ?? null;
    this.release(key);
    if (v !== null) return v;
    if (fallback !== NO_DEFAULT) return fallback;
    throw new KeyError(key);
  }

  popitem(): Tuple {
    for (const [k, v] of this.pairs()) {
      this.release(k);
      return Tuple.of(k, v);
    }
    throw new KeyError("popitem(): dictionary is empty");
  }

  setdefault(key: unknown, fallback: unknown = null): unknown {
    const v = this.data.get(key)?.__call__() ?? null;
    if (v !== null) return v;
    this.__setitem__(key, fallback);
    return fallback;
  }

  update(...args: unknown[]): null {
    for (const [k, v] of pairsOf(args, "update")) this.__setitem__(k, v);
    return null;
  }

  clear(): null {
    for (const k of [...this.data.keys()]) this.release(k);
    return null;
  }

  copy(): WeakValueDictionary {
    const out = new WeakValueDictionary();
    for (const [k, v] of this.pairs()) out.__setitem__(k, v);
    return out;
  }

  __repr__(): string {
    return `<WeakValueDictionary at ${addressOf(this)}>`;
  }
}

export class WeakKeyDictionary {
  static readonly __module__ = "weakref";
  private readonly data = new Dict<ReferenceType, unknown>();
  private readonly registry = new FinalizationRegistry<WeakRef<ReferenceType>>((ref) => {
    const r = ref.deref();
    if (r !== undefined) this.data.delete(r);
  });

  constructor(...args: unknown[]) {
    for (const [k, v] of pairsOf(args, "WeakKeyDictionary")) this.__setitem__(k, v);
  }

  *pairs(): Generator<[unknown, unknown]> {
    for (const [r, v] of [...this.data.entries()]) {
      const k = r.__call__();
      if (k === null) this.data.delete(r);
      else yield [k, v];
    }
  }

  private probe(key: unknown): ReferenceType {
    return new ReferenceType(key);
  }

  __getitem__(key: unknown): unknown {
    const v = this.data.get(this.probe(key));
    if (v === undefined) throw new KeyError(key);
    return v;
  }

  __setitem__(key: unknown, value: unknown): void {
    const r = this.probe(key);
    if (!this.data.has(r)) this.registry.register(key as object, new WeakRef(r));
    this.data.set(r, value);
  }

  __delitem__(key: unknown): void {
    if (!this.data.delete(this.probe(key))) throw new KeyError(key);
  }

  __contains__(key: unknown): boolean {
    try {
      return this.data.has(this.probe(key));
    } catch (e) {
      if (e instanceof PyTypeError) return false;
      throw e;
    }
  }

  __len__(): bigint {
    return BigInt([...this.pairs()].length);
  }

  __iter__(): PyIterator<any> {
    return this.keys();
  }

  [Symbol.iterator](): Iterator<unknown> {
    return this.keys();
  }

  get(key: unknown, fallback: unknown = null): unknown {
    return this.data.get(this.probe(key)) ?? fallback;
  }

  keys(): PyIterator<any> {
    return new PyIterator((function* (self) { for (const [k] of self.pairs()) yield k; })(this));
  }

  values(): PyIterator<any> {
    return new PyIterator((function* (self) { for (const [, v] of self.pairs()) yield v; })(this));
  }

  items(): PyIterator<any> {
    return new PyIterator((function* (self) { for (const [k, v] of self.pairs()) yield Tuple.of(k, v); })(this));
  }

  keyrefs(): ReferenceType[] {
    return [...this.data.keys()];
  }

  pop(key: unknown, fallback: unknown = NO_DEFAULT): unknown {
    const r = this.probe(key);
    const v = this.data.get(r);
    if (v !== undefined) {
      this.data.delete(r);
      return v;
    }
    if (fallback !== NO_DEFAULT) return fallback;
    throw new KeyError(key);
  }

  popitem(): Tuple {
    for (const [k, v] of this.pairs()) {
      this.data.delete(this.probe(k));
      return Tuple.of(k, v);
    }
    throw new KeyError("popitem(): dictionary is empty");
  }

  setdefault(key: unknown, fallback: unknown = null): unknown {
    const r = this.probe(key);
    if (this.data.has(r)) return this.data.get(r);
    this.__setitem__(key, fallback);
    return fallback;
  }

  update(...args: unknown[]): null {
    for (const [k, v] of pairsOf(args, "update")) this.__setitem__(k, v);
    return null;
  }

  clear(): null {
    this.data.clear();
    return null;
  }

  copy(): WeakKeyDictionary {
    const out = new WeakKeyDictionary();
    for (const [k, v] of this.pairs()) out.__setitem__(k, v);
    return out;
  }

  __repr__(): string {
    return `<WeakKeyDictionary at ${addressOf(this)}>`;
  }
}

export class WeakSet {
  static readonly __module__ = "_weakrefset";
  private readonly data = new Dict<ReferenceType, null>();
  private readonly registry = new FinalizationRegistry<WeakRef<ReferenceType>>((ref) => {
    const r = ref.deref();
    if (r !== undefined) this.data.delete(r);
  });

  constructor(items: unknown = null) {
    if (items !== null) for (const item of iterable(items)) this.add(item);
  }

  *members(): Generator<unknown> {
    for (const r of [...this.data.keys()]) {
      const item = r.__call__();
      if (item === null) this.data.delete(r);
      else yield item;
    }
  }

  add(item: unknown): null {
    const r = new ReferenceType(item);
    if (!this.data.has(r)) {
      this.data.set(r, null);
      this.registry.register(item as object, new WeakRef(r));
    }
    return null;
  }

  discard(item: unknown): null {
    this.data.delete(new ReferenceType(item));
    return null;
  }

  remove(item: unknown): null {
    const r = new ReferenceType(item);
    if (!this.data.delete(r)) throw new KeyError(r);
    return null;
  }

  pop(): unknown {
    for (const item of this.members()) {
      this.data.delete(new ReferenceType(item));
      return item;
    }
    throw new KeyError("pop from empty WeakSet");
  }

  clear(): null {
    this.data.clear();
    return null;
  }

  copy(): WeakSet {
    return new WeakSet([...this.members()]);
  }

  update(other: unknown): null {
    for (const item of iterable(other)) this.add(item);
    return null;
  }

  // The set algebra of CPython's WeakSet (Lib/_weakrefset.py's behaviour): new sets hold
  // weak references too; an operand is any iterable.
  union(other: unknown): WeakSet {
    return new WeakSet([...this.members(), ...iterable(other)]);
  }

  intersection(other: unknown): WeakSet {
    return new WeakSet([...iterable(other)].filter((item) => this.__contains__(item)));
  }

  difference(other: unknown): WeakSet {
    const result = this.copy();
    result.difference_update(other);
    return result;
  }

  symmetric_difference(other: unknown): WeakSet {
    const result = this.copy();
    result.symmetric_difference_update(other);
    return result;
  }

  difference_update(other: unknown): null {
    if (other === this) return this.clear();
    for (const item of iterable(other)) this.discard(item);
    return null;
  }

  intersection_update(other: unknown): null {
    const kept = new WeakSet(other);
    for (const item of [...this.members()]) if (!kept.__contains__(item)) this.discard(item);
    return null;
  }

  symmetric_difference_update(other: unknown): null {
    if (other === this) return this.clear();
    for (const item of new WeakSet(other).members()) {
      if (this.__contains__(item)) this.discard(item);
      else this.add(item);
    }
    return null;
  }

  issubset(other: unknown): boolean {
    const container = new WeakSet(other);
    return [...this.members()].every((item) => container.__contains__(item));
  }

  issuperset(other: unknown): boolean {
    return [...iterable(other)].every((item) => this.__contains__(item));
  }

  isdisjoint(other: unknown): boolean {
    return this.intersection(other).__len__() === 0n;
  }

  __or__(other: unknown): unknown {
    return other instanceof WeakSet ? this.union(other) : NotImplemented;
  }

  __and__(other: unknown): unknown {
    return other instanceof WeakSet ? this.intersection(other) : NotImplemented;
  }

  __sub__(other: unknown): unknown {
    return other instanceof WeakSet ? this.difference(other) : NotImplemented;
  }

  __xor__(other: unknown): unknown {
    return other instanceof WeakSet ? this.symmetric_difference(other) : NotImplemented;
  }

  __le__(other: unknown): unknown {
    return other instanceof WeakSet ? this.issubset(other) : NotImplemented;
  }

  __ge__(other: unknown): unknown {
    return other instanceof WeakSet ? this.issuperset(other) : NotImplemented;
  }

  __lt__(other: unknown): unknown {
    return other instanceof WeakSet ? this.issubset(other) && this.__len__() < other.__len__() : NotImplemented;
  }

  __gt__(other: unknown): unknown {
    return other instanceof WeakSet ? this.issuperset(other) && this.__len__() > other.__len__() : NotImplemented;
  }

  __eq__(other: unknown): unknown {
    return other instanceof WeakSet ? this.issubset(other) && this.__len__() === other.__len__() : NotImplemented;
  }

  __contains__(item: unknown): boolean {
    try {
      return this.data.has(new ReferenceType(item));
    } catch (e) {
      if (e instanceof PyTypeError) return false;
      throw e;
    }
  }

  __len__(): bigint {
    return BigInt([...this.members()].length);
  }

  __iter__(): PyIterator<any> {
    return new PyIterator(this.members());
  }

  [Symbol.iterator](): Iterator<unknown> {
    return this.members();
  }

  __repr__(): string {
    return `<_weakrefset.WeakSet object at ${addressOf(this)}>`;
  }
}
