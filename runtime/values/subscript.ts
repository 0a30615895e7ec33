// Python's subscription: x[k], x[k] = v, del x[k] on the runtime value model.

import { Bytes } from "./bytes.js";
import { ByteArray, byteValue, byteValues } from "./bytearray.js";
import { Dict } from "./dict.js";
import { IndexError, KeyError, PyTypeError, ValueError } from "./exceptions.js";
import { asIndex, indexTypeError, normalizeIndex, Slice } from "./slice.js";
import { Tuple } from "./tuple.js";
import { isClass, moduleName, qualName, typeName } from "./typename.js";
import { isPyTypeObject } from "./builtin-type.js";
import { checkClassSubscript, isProgramClass } from "../lang/class-subscript.js";
import { repr } from "./repr.js";
import { Ellipsis, NotImplemented } from "./singletons.js";
import { overridden } from "./overrides.js";
import { sameItem } from "./compare.js";
import { pyHash } from "./hashing.js";
import { astralCodePoints } from "./str-index.js";


function itemIndex(key: unknown, kind: string, length: number, what = "index"): number {
  if (typeof key === "bigint") {
    // Exact for every index a sequence can have; a huge one stays out of range as a Number.
    let at = Number(key);
    if (at < 0) at += length;
    if (at >= 0 && at < length) return at;
    throw outOfRange(key, kind, what);
  }
  const i = asIndex(key);
  if (i === undefined) throw indexTypeError(kind, key);
  const at = normalizeIndex(i, length);
  if (at === undefined) throw outOfRange(i, kind, what);
  return at;
}

const SSIZE_LIMIT = 1n << 63n;

/** CPython's IndexError for an index outside the sequence (or outside a C ssize_t). */
function outOfRange(i: bigint, kind: string, what: string): IndexError {
  if (i >= SSIZE_LIMIT || i < -SSIZE_LIMIT) return new IndexError("cannot fit 'int' into an index-sized integer");
  return new IndexError(`${kind === "str" ? "string" : kind} ${what} out of range`);
}

function pick<T>(items: readonly T[], key: Slice): T[] {
  const [start, stop, step] = key.resolve(items.length);
  if (step === 1) return stop > start ? items.slice(start, stop) : [];
  const out: T[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(items[i]!);
  else for (let i = start; i > stop; i += step) out.push(items[i]!);
  return out;
}

/** `b[i:j:k]` of a bytes or bytearray: a copy of the same type, read straight from its buffer. */
function sliceBytes(b: Bytes, key: Slice): Bytes {
  const [start, stop, step] = key.resolve(b.length);
  const length = step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
  const out = new (b instanceof ByteArray ? ByteArray : Bytes)(length);
  if (step === 1) out.set(new Uint8Array(b.buffer, b.byteOffset + start, length));
  else for (let i = 0, at = start; i < length; i++, at += step) out[i] = b[at]!;
  return out;
}

/** A slice of a str whose UTF-16 units are its code points. */
function sliceText(s: string, key: Slice): string {
  const [start, stop, step] = key.resolve(s.length);
  if (step === 1) return stop > start ? s.slice(start, stop) : "";
  let out = "";
  if (step > 0) for (let i = start; i < stop; i += step) out += s[i];
  else for (let i = start; i > stop; i += step) out += s[i];
  return out;
}

interface ItemDunders {
  __getitem__?: (k: unknown) => unknown;
  __setitem__?: (k: unknown, v: unknown) => unknown;
  __delitem__?: (k: unknown) => unknown;
  __missing__?: (k: unknown) => unknown;
  __class_getitem__?: (k: unknown) => unknown;
}

/** Python's `obj[key]`. */
export function getitem(obj: unknown, key: unknown): any {
  if (typeof obj === "object" && obj !== null && overridden(obj, "__getitem__")) return (obj as ItemDunders).__getitem__!(key);
  return builtinGetitem(obj, key);
}

/** `obj[key]` as the built-in type does it (a subclass's own `__getitem__` left out). */
export function builtinGetitem(obj: unknown, key: unknown): any {
  if (Array.isArray(obj)) {
    if (key instanceof Slice) return pick(obj, key);
    return obj[itemIndex(key, "list", obj.length)];
  }
  if (typeof obj === "string") {
    const points = astralCodePoints(obj);
    if (points === null) {
      if (key instanceof Slice) return sliceText(obj, key);
      return obj.charAt(itemIndex(key, "str", obj.length));
    }
    if (key instanceof Slice) return pick(points, key).join("");
    return points[itemIndex(key, "str", points.length)];
  }
  if (obj instanceof Dict) {
    const entry = obj.table.find(key);
    if (entry !== undefined) return entry.value;
    const missing = (obj as ItemDunders).__missing__;
    if (typeof missing === "function") return missing.call(obj, key);
    throw new KeyError(key);
  }
  if (obj instanceof Tuple) {
    if (key instanceof Slice) return Tuple.from(pick(obj.items, key));
    return obj.items[itemIndex(key, "tuple", obj.length)];
  }
  if (obj instanceof Bytes) {
    if (key instanceof Slice) return sliceBytes(obj, key);
    return BigInt(obj[itemIndex(key, "index", obj.length)]!);
  }
  if (obj !== null && (typeof obj === "object" || typeof obj === "function")) {
    const d = obj as ItemDunders;
    // `tuple[int, ...]`: a built-in type's own `__getitem__` (for `tuple.__getitem__(t, i)`) is
    // not what subscribing the type means.
    if (isPyTypeObject(obj) && !isProgramClass(obj)) {
      // (a runtime class whose alias is of its own kind: `collections.abc.Callable[[int], str]`)
      const ownAlias = (obj as { [CLASS_ALIAS]?: (key: unknown) => unknown })[CLASS_ALIAS];
      if (typeof ownAlias === "function") return ownAlias(key);
      return new GenericAlias(obj, key instanceof Tuple ? key.items : [key]);
    }
    if (typeof d.__getitem__ === "function") return d.__getitem__(key);
    if (isClass(obj)) {
      if (typeof d.__class_getitem__ === "function") return d.__class_getitem__(key);
      // `list[int]`: a generic alias of a built-in type, shown as CPython shows it.
      // (a subclass of a generic type: `Stack[int]` is an alias of Stack, as list's `__class_getitem__` makes)
      checkClassSubscript(obj);
      return new GenericAlias(obj, key instanceof Tuple ? key.items : [key]);
    }
  }
  throw new PyTypeError(`'${typeName(obj)}' object is not subscriptable`);
}

function assignSlice(list: unknown[], key: Slice, value: unknown): void {
  if (value === null || value === undefined || typeof value !== "object" && typeof value !== "string" || !(Symbol.iterator in Object(value))) {
    throw new PyTypeError("can only assign an iterable");
  }
  // (A list, not a subclass, is copied as it is, as CPython's PySequence_Fast takes an exact
  // list; a subclass is iterated, its own __iter__ called. The copy keeps `xs[:] = xs` right.)
  const items = Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype ? value.slice() : [...(value as Iterable<unknown>)];
  const [start, stop, step] = key.resolve(list.length);
  if (step === 1) {
    const count = Math.max(0, stop - start);
    if (count === items.length) {
      for (let i = 0; i < count; i++) list[start + i] = items[i];
      return;
    }
    list.splice(start, count, ...items);
    return;
  }
  const positions = key.positions(list.length);
  if (positions.length !== items.length) {
    throw new ValueError(
      `attempt to assign sequence of size ${items.length} to extended slice of size ${positions.length}`,
    );
  }
  positions.forEach((p, i) => (list[p] = items[i]));
}

/** Python's `obj[key] = value`. */
export function setitem(obj: unknown, key: unknown, value: unknown): unknown {
  // (what `__setitem__` returned: a promise when it waits, in a threaded program)
  if (typeof obj === "object" && obj !== null && overridden(obj, "__setitem__")) return (obj as ItemDunders).__setitem__!(key, value);
  builtinSetitem(obj, key, value);
  return undefined;
}

/** `obj[key] = value` as the built-in type does it. */
export function builtinSetitem(obj: unknown, key: unknown, value: unknown): void {
  if (Array.isArray(obj)) {
    if (key instanceof Slice) return assignSlice(obj, key, value);
    obj[itemIndex(key, "list", obj.length, "assignment index")] = value;
    return;
  }
  if (obj instanceof Dict) {
    obj.set(key, value);
    return;
  }
  if (obj instanceof ByteArray) {
    if (key instanceof Slice) {
      const insert = value instanceof Uint8Array ? value : byteValues(value);
      const [start, stop, step] = key.resolve(obj.length);
      if (step === 1) return obj.replaceRange(start, Math.max(0, stop - start), insert);
      const size = key.positions(obj.length).length;
      if (size !== insert.length) throw new ValueError(`attempt to assign bytes of size ${insert.length} to extended slice of size ${size}`);
      const values = [...obj.values()];
      assignSlice(values, key, Array.prototype.slice.call(insert));
      obj.replaceWith(values);
    } else obj[itemIndex(key, "bytearray", obj.length)] = byteValue(value);
    return;
  }
  if (obj !== null && typeof obj === "object") {
    const d = obj as ItemDunders;
    if (typeof d.__setitem__ === "function") {
      d.__setitem__(key, value);
      return;
    }
  }
  throw new PyTypeError(`'${typeName(obj)}' object does not support item assignment`);
}

/** Python's `del obj[key]`. */
export function delitem(obj: unknown, key: unknown): void {
  if (typeof obj === "object" && obj !== null && overridden(obj, "__delitem__")) {
    (obj as ItemDunders).__delitem__!(key);
    return;
  }
  builtinDelitem(obj, key);
}

/** `del obj[key]` as the built-in type does it. */
export function builtinDelitem(obj: unknown, key: unknown): void {
  if (Array.isArray(obj)) {
    if (key instanceof Slice) {
      const doomed = new Set(key.positions(obj.length));
      const kept = obj.filter((_, i) => !doomed.has(i));
      obj.length = 0;
      obj.push(...kept);
      return;
    }
    obj.splice(itemIndex(key, "list", obj.length, "assignment index"), 1);
    return;
  }
  if (obj instanceof Dict) {
    if (!obj.delete(key)) throw new KeyError(key);
    return;
  }
  if (obj instanceof ByteArray) {
    if (!(key instanceof Slice)) return obj.replaceRange(itemIndex(key, "bytearray", obj.length), 1);
    const [start, stop, step] = key.resolve(obj.length);
    if (step === 1) return obj.replaceRange(start, Math.max(0, stop - start));
    const doomed = new Set(key instanceof Slice ? key.positions(obj.length) : [itemIndex(key, "bytearray", obj.length)]);
    obj.replaceWith([...obj.values()].filter((_, i) => !doomed.has(i)));
    return;
  }
  if (obj !== null && typeof obj === "object") {
    const d = obj as ItemDunders;
    if (typeof d.__delitem__ === "function") {
      d.__delitem__(key);
      return;
    }
  }
  throw new PyTypeError(`'${typeName(obj)}' object doesn't support item deletion`);
}

/** On a runtime class: makes `Cls[key]` when its alias is not the plain GenericAlias. */
export const CLASS_ALIAS = Symbol.for("pyts.classAlias");

/** `list[int]`, `dict[str, list[int]]`: calling it calls the type; its repr is CPython's. */
export class GenericAlias {
  static pythonName = "GenericAlias";
  static tpName = "types.GenericAlias";
  static __module__ = "types";
  constructor(
    readonly __origin__: unknown,
    readonly __args__items: readonly unknown[],
    /** `*tuple[int, ...]`: what iterating the alias gives (`*args: *tuple[int, ...]`) */
    readonly __unpacked__ = false,
  ) {}
  *[Symbol.iterator](): Generator<GenericAlias> {
    yield new GenericAlias(this.__origin__, this.__args__items, true);
  }
  get __args__(): Tuple<unknown> {
    return Tuple.from(this.__args__items);
  }
  __call__(...args: unknown[]): unknown {
    return (this.__origin__ as (...a: unknown[]) => unknown)(...args);
  }
  __repr__(): string {
    return `${this.__unpacked__ ? "*" : ""}${typeArgRepr(this.__origin__)}[${this.__args__items.map(typeArgRepr).join(", ")}]`;
  }
  /** `list[int] == list[int]`: the same origin and equal arguments. */
  __eq__(other: unknown): unknown {
    if (!(other instanceof GenericAlias)) return NotImplemented;
    const xs = this.__args__items;
    const ys = other.__args__items;
    return this.__origin__ === other.__origin__ && this.__unpacked__ === other.__unpacked__ && xs.length === ys.length && xs.every((x, i) => sameItem(x, ys[i]));
  }
  __hash__(): bigint {
    return pyHash(this.__origin__) ^ pyHash(Tuple.from(this.__args__items));
  }
}

export function typeArgRepr(x: unknown): string {
  if (x instanceof GenericAlias) return x.__repr__();
  if (isClass(x)) {
    const module = moduleName(x);
    return module === "builtins" ? qualName(x) : `${module}.${qualName(x)}`;
  }
  if (x === null || x === undefined) return "None";
  if (x === Ellipsis) return "...";
  return repr(x);
}
