// collections.UserDict, UserList and UserString, as Lib/collections/__init__.py defines them:
// wrappers around a real dict/list/str in `data`, whose methods go through the instance's own
// dunders (so subclass overrides apply) and return the instance's class where CPython does.

import { Dict } from "../values/dict.js";
import { KeyError } from "../values/exceptions.js";
import { getitem, setitem, delitem } from "../values/subscript.js";
import { in_ } from "../values/contains.js";
import { repr, toStr } from "../values/repr.js";
import { eq, ne, lt, le, gt, ge } from "../values/compare.js";
import { add, bitor, mul, mod } from "../values/arithmetic.js";
import { iterable, iter } from "../values/iteration.js";
import { len } from "../values/builtin-functions.js";
import { pyHash } from "../values/hashing.js";
import { callMethod } from "../values/methods.js";
import { splitKw } from "../values/kwargs.js";
import { Slice } from "../values/slice.js";
import { Tuple } from "../values/tuple.js";
import { dictUpdate } from "../values/builtin-types.js";
import { NotImplemented } from "../values/singletons.js";
import { isNone } from "./callable-class.js";

/** `self.__class__(arg)`: a new instance of the receiver's own class. */
function sameClass<T>(self: T, arg: unknown): T {
  return new ((self as object).constructor as new (x: unknown) => T)(arg);
}

/** copy.copy of a wrapper: same class and attributes, `data` copied (no __init__ runs). */
function shallowCopy<T extends { data: unknown }>(self: T, data: unknown): T {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(self) as object) as T, self);
  copy.data = data;
  return copy;
}

/** A mapping's keys: `keys()` when it has one (the Mapping protocol), else iteration. */
function hasKeys(x: unknown): boolean {
  // (A JS array has a `keys` method of its own: a list is never a mapping.)
  if (x instanceof Dict) return true;
  return typeof x === "object" && x !== null && !Array.isArray(x) && typeof (x as { keys?: unknown }).keys === "function";
}

/** `dict(m.items())` for any mapping. */
function asDict(m: unknown): Dict {
  const d = new Dict();
  for (const k of iterable(callMethod(m, "keys"))) d.set(k, getitem(m, k));
  return d;
}

export class UserDict {
  static readonly __module__ = "collections";
  [attr: string]: any;
  data: Dict;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    this.data = new Dict();
    if (pos.length > 0 && !isNone(pos[0])) this.update(pos[0]);
    if (Object.keys(kws).length > 0) this.update(new Dict(Object.entries(kws)));
  }

  __len__(): bigint {
    return len(this.data);
  }

  __getitem__(key: unknown): any {
    if (this.data.has(key)) return this.data.get(key);
    if (typeof this.__missing__ === "function") return this.__missing__(key);
    throw new KeyError(key);
  }

  __setitem__(key: unknown, value: unknown): void {
    this.data.set(key, value);
  }

  __delitem__(key: unknown): void {
    delitem(this.data, key);
  }

  __iter__(): any {
    return iter(this.data);
  }

  *[Symbol.iterator](): Iterator<any> {
    yield* iterable(this.__iter__());
  }

  __contains__(key: unknown): boolean {
    return in_(key, this.data);
  }

  get(key: unknown, fallback: unknown = null): any {
    return in_(key, this) ? getitem(this, key) : fallback;
  }

  keys(): any[] {
    return [...iterable(this)];
  }

  values(): any[] {
    return this.keys().map((k) => getitem(this, k));
  }

  items(): Tuple[] {
    return this.keys().map((k) => Tuple.of(k, getitem(this, k)));
  }

  update(...args: unknown[]): null {
    return mappingUpdate(this, args);
  }

  setdefault(key: unknown, fallback: unknown = null): any {
    return mappingSetdefault(this, key, fallback);
  }

  pop(key: unknown, ...fallback: unknown[]): any {
    if (!in_(key, this)) {
      if (fallback.length > 0) return fallback[0];
      throw new KeyError(key);
    }
    const value = getitem(this, key);
    delitem(this, key);
    return value;
  }

  popitem(): Tuple {
    const first = iterable(this)[Symbol.iterator]().next();
    if (first.done === true) throw new KeyError();
    const value = getitem(this, first.value);
    delitem(this, first.value);
    return Tuple.of(first.value, value);
  }

  clear(): null {
    for (const k of this.keys()) delitem(this, k);
    return null;
  }

  /** Mapping.__eq__: `dict(self.items()) == dict(other.items())`. */
  __eq__(other: unknown): any {
    if (!hasKeys(other)) return NotImplemented;
    return eq(asDict(this), asDict(other));
  }

  __repr__(): string {
    return repr(this.data);
  }

  __or__(other: unknown): any {
    if (other instanceof UserDict) return sameClass(this, bitor(this.data, other.data));
    if (other instanceof Dict) return sameClass(this, bitor(this.data, other));
    return NotImplemented;
  }

  __ror__(other: unknown): any {
    if (other instanceof UserDict) return sameClass(this, bitor(other.data, this.data));
    if (other instanceof Dict) return sameClass(this, bitor(other, this.data));
    return NotImplemented;
  }

  __ior__(other: unknown): this {
    dictUpdate(this.data, other instanceof UserDict ? other.data : other);
    return this;
  }

  __copy__(): this {
    return shallowCopy(this, new Dict(this.data.entries()));
  }

  copy(): this {
    // CPython: a plain UserDict copies its data; a subclass goes through copy.copy.
    return this.__copy__();
  }

  static fromkeys(this: new () => UserDict, iterable_: unknown, value: unknown = null): UserDict {
    const d = new this();
    for (const k of iterable(iterable_)) setitem(d, k, value);
    return d;
  }
}

/** UserList's and UserString's `__cast`: the other wrapper's data, anything else as is. */
function cast(other: unknown): unknown {
  return other instanceof UserList || other instanceof UserString ? other.data : other;
}

export class UserList {
  static readonly __module__ = "collections";
  [attr: string]: any;
  data: unknown[];

  constructor(initlist: unknown = null) {
    if (isNone(initlist)) this.data = [];
    else if (Array.isArray(initlist)) this.data = [...initlist];
    else if (initlist instanceof UserList) this.data = [...initlist.data];
    else this.data = [...iterable(initlist)];
  }

  __repr__(): string {
    return repr(this.data);
  }
  __lt__(other: unknown): boolean {
    return lt(this.data, cast(other));
  }
  __le__(other: unknown): boolean {
    return le(this.data, cast(other));
  }
  __eq__(other: unknown): boolean {
    return eq(this.data, cast(other));
  }
  __ne__(other: unknown): boolean {
    return ne(this.data, cast(other));
  }
  __gt__(other: unknown): boolean {
    return gt(this.data, cast(other));
  }
  __ge__(other: unknown): boolean {
    return ge(this.data, cast(other));
  }
  __contains__(item: unknown): boolean {
    return in_(item, this.data);
  }
  __len__(): bigint {
    return len(this.data);
  }
  __iter__(): any {
    return iter(this.data);
  }
  *[Symbol.iterator](): Iterator<any> {
    yield* iterable(this.__iter__());
  }
  __getitem__(i: unknown): any {
    return i instanceof Slice ? sameClass(this, getitem(this.data, i)) : getitem(this.data, i);
  }
  __setitem__(i: unknown, item: unknown): void {
    setitem(this.data, i, item);
  }
  __delitem__(i: unknown): void {
    delitem(this.data, i);
  }
  __add__(other: unknown): any {
    if (other instanceof UserList) return sameClass(this, add(this.data, other.data));
    if (Array.isArray(other)) return sameClass(this, add(this.data, other));
    return sameClass(this, add(this.data, [...iterable(other)]));
  }
  __radd__(other: unknown): any {
    if (other instanceof UserList) return sameClass(this, add(other.data, this.data));
    if (Array.isArray(other)) return sameClass(this, add(other, this.data));
    return sameClass(this, add([...iterable(other)], this.data));
  }
  __iadd__(other: unknown): this {
    this.data.push(...(other instanceof UserList ? other.data : iterable(other)));
    return this;
  }
  __mul__(n: unknown): any {
    return sameClass(this, mul(this.data, n));
  }
  __rmul__(n: unknown): any {
    return this.__mul__(n);
  }
  __imul__(n: unknown): this {
    this.data = mul(this.data, n) as unknown[];
    return this;
  }
  __copy__(): this {
    return shallowCopy(this, [...this.data]);
  }
  append(item: unknown): any {
    this.data.push(item);
    return null;
  }
  insert(i: unknown, item: unknown): any {
    return callMethod(this.data, "insert", i, item);
  }
  pop(...i: unknown[]): any {
    return callMethod(this.data, "pop", ...i);
  }
  remove(item: unknown): any {
    return callMethod(this.data, "remove", item);
  }
  clear(): any {
    this.data.length = 0;
    return null;
  }
  copy(): any {
    return sameClass(this, this);
  }
  count(item: unknown): bigint {
    return callMethod(this.data, "count", item);
  }
  index(item: unknown, ...range: unknown[]): bigint {
    return callMethod(this.data, "index", item, ...range);
  }
  reverse(): any {
    this.data.reverse();
    return null;
  }
  sort(...args: unknown[]): any {
    return callMethod(this.data, "sort", ...args);
  }
  extend(other: unknown): any {
    this.data.push(...(other instanceof UserList ? other.data : iterable(other)));
    return null;
  }
}

// UserString methods, by what CPython's wrapper returns: the instance's class, or the str
// method's own result. Those in UNWRAP take UserString arguments as their data.
const STR_RETURNING_CLASS = [
  "capitalize", "casefold", "center", "expandtabs", "ljust", "lower", "lstrip", "removeprefix",
  "removesuffix", "replace", "rjust", "rstrip", "strip", "swapcase", "title", "translate", "upper", "zfill",
];
const STR_RETURNING_PLAIN = [
  "count", "encode", "endswith", "find", "format", "format_map", "index", "isalpha", "isalnum",
  "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric", "isprintable",
  "isspace", "istitle", "isupper", "join", "partition", "rfind", "rindex", "rpartition", "rsplit",
  "split", "splitlines", "startswith",
];
const UNWRAP = new Set(["count", "find", "index", "rfind", "rindex", "replace", "lstrip", "rstrip", "strip", "removeprefix", "removesuffix"]);

export class UserString {
  static readonly __module__ = "collections";
  [attr: string]: any;
  data: string;

  constructor(seq: unknown) {
    if (typeof seq === "string") this.data = seq;
    else if (seq instanceof UserString) this.data = seq.data;
    else this.data = toStr(seq);
  }

  __str__(): string {
    return this.data;
  }
  __repr__(): string {
    return repr(this.data);
  }
  __hash__(): bigint {
    return pyHash(this.data);
  }
  __eq__(other: unknown): boolean {
    return eq(this.data, cast(other));
  }
  __ne__(other: unknown): boolean {
    return ne(this.data, cast(other));
  }
  __lt__(other: unknown): boolean {
    return lt(this.data, cast(other));
  }
  __le__(other: unknown): boolean {
    return le(this.data, cast(other));
  }
  __gt__(other: unknown): boolean {
    return gt(this.data, cast(other));
  }
  __ge__(other: unknown): boolean {
    return ge(this.data, cast(other));
  }
  __contains__(char: unknown): boolean {
    return in_(cast(char), this.data);
  }
  __len__(): bigint {
    return len(this.data);
  }
  __iter__(): any {
    return iter(this.data);
  }
  *[Symbol.iterator](): Iterator<any> {
    yield* iterable(this.__iter__());
  }
  __getitem__(index: unknown): any {
    return sameClass(this, getitem(this.data, index));
  }
  __add__(other: unknown): any {
    if (other instanceof UserString) return sameClass(this, this.data + other.data);
    if (typeof other === "string") return sameClass(this, this.data + other);
    return sameClass(this, this.data + toStr(other));
  }
  __radd__(other: unknown): any {
    if (typeof other === "string") return sameClass(this, other + this.data);
    return sameClass(this, toStr(other) + this.data);
  }
  __mul__(n: unknown): any {
    return sameClass(this, mul(this.data, n));
  }
  __rmul__(n: unknown): any {
    return this.__mul__(n);
  }
  __mod__(args: unknown): any {
    return sameClass(this, mod(this.data, args));
  }
  __rmod__(template: unknown): any {
    return sameClass(this, mod(toStr(template), this));
  }
}

for (const [names, wrap] of [[STR_RETURNING_CLASS, true], [STR_RETURNING_PLAIN, false]] as const) {
  for (const name of names) {
    Object.defineProperty(UserString.prototype, name, {
      configurable: true,
      writable: true,
      value: function (this: UserString, ...args: unknown[]): unknown {
        const result: unknown = callMethod(this.data, name, ...(UNWRAP.has(name) ? args.map(cast) : args));
        return wrap ? sameClass(this, result) : result;
      },
    });
  }
}

/** MutableMapping.update on `target`: a mapping's keys, else (key, value) pairs, then keywords. */
export function mappingUpdate(target: object, args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  const other = pos[0];
  if (other !== undefined) {
    if (hasKeys(other)) {
      for (const k of iterable(callMethod(other, "keys"))) setitem(target, k, getitem(other, k));
    } else {
      for (const pair of iterable(other)) {
        const [k, v] = [...iterable(pair)];
        setitem(target, k, v);
      }
    }
  }
  for (const [k, v] of Object.entries(kws)) setitem(target, k, v);
  return null;
}

/** MutableMapping.setdefault on `target`. */
export function mappingSetdefault(target: object, key: unknown, fallback: unknown): any {
  if (in_(key, target)) return getitem(target, key);
  setitem(target, key, fallback);
  return fallback;
}
