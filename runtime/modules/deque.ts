// collections.deque: a double-ended queue with an optional maxlen, CPython's messages and repr.
// Items live in a JS array from `head` on, so popleft is amortised O(1).

import { eq, ge, gt, le, lt } from "../values/compare.js";
import { NotImplemented } from "../values/singletons.js";
import { IndexError, PyTypeError, RuntimeError, ValueError } from "../values/exceptions.js";
import { iterable, iteratorClass } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { repr } from "../values/repr.js";
import { typeName } from "../values/typename.js";
import { isNone } from "./callable-class.js";
import { declareDataAttributes } from "../values/declared-attributes.js";

/** A sequence times a non-int: the other operand's `__rmul__` may answer, else CPython's TypeError. */
function repeatRefused(n: unknown): unknown {
  if (typeof n === "object" && n !== null && typeof (n as { __rmul__?: unknown }).__rmul__ === "function") return NotImplemented;
  throw new PyTypeError(`can't multiply sequence by non-int of type '${typeName(n)}'`);
}

export class Deque<T = unknown> implements Iterable<T> {
  static readonly pythonName = "deque";
  static readonly __module__ = "collections";
  static readonly tpName: string = "collections.deque";
  /** The `maxlen` descriptor, set on the class at load (values/declared-attributes.ts). */
  declare static readonly maxlen: unknown;
  private items: T[] = [];
  private head = 0;
  /** Bumped on every mutation, so a running iteration can notice (CPython raises). */
  private version = 0;
  // (a getter: `d.maxlen = 5` is refused as CPython's getset descriptor refuses it)
  readonly #maxlen: bigint | null;
  get maxlen(): bigint | null {
    return this.#maxlen;
  }

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const source = pos.length > 0 ? pos[0] : (kws["iterable"] ?? null);
    const maxlen = pos.length > 1 ? pos[1] : (kws["maxlen"] ?? null);
    if (isNone(maxlen)) this.#maxlen = null;
    else if (isIntLike(maxlen)) {
      if (toBigInt(maxlen) < 0n) throw new ValueError("maxlen must be non-negative");
      this.#maxlen = toBigInt(maxlen);
    } else throw new PyTypeError("an integer is required");
    if (!isNone(source)) this.extend(source);
  }

  private get live(): T[] {
    if (this.head > 0) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return this.items;
  }

  get length(): number {
    return this.items.length - this.head;
  }

  private position(i: unknown): number {
    if (!isIntLike(i)) throw new PyTypeError(`sequence index must be integer, not '${typeName(i)}'`);
    let n = Number(toBigInt(i));
    if (n < 0) n += this.length;
    if (n < 0 || n >= this.length) throw new IndexError("deque index out of range");
    return n;
  }

  append(x: T): null {
    this.version++;
    this.items.push(x);
    if (this.#maxlen !== null && this.length > Number(this.#maxlen)) this.popleft();
    return null;
  }

  appendleft(x: T): null {
    this.version++;
    if (this.head > 0) this.items[--this.head] = x;
    else this.items.unshift(x);
    if (this.#maxlen !== null && this.length > Number(this.#maxlen)) this.pop();
    return null;
  }

  pop(): T {
    if (this.length === 0) throw new IndexError("pop from an empty deque");
    this.version++;
    return this.items.pop()!;
  }

  popleft(): T {
    if (this.length === 0) throw new IndexError("pop from an empty deque");
    this.version++;
    const x = this.items[this.head]!;
    this.items[this.head++] = undefined as T;
    if (this.head > 64 && this.head * 2 > this.items.length) void this.live;
    return x;
  }

  extend(xs: unknown): null {
    const source = xs === this ? [...this] : iterable(xs);
    for (const x of source) this.append(x as T);
    return null;
  }

  extendleft(xs: unknown): null {
    const source = xs === this ? [...this] : iterable(xs);
    for (const x of source) this.appendleft(x as T);
    return null;
  }

  rotate(n: unknown = 1n): null {
    const len = this.length;
    if (len <= 1) return null;
    let k = Number(toBigInt(n as bigint)) % len;
    if (k < 0) k += len;
    if (k === 0) return null;
    this.version++;
    const items = this.live;
    this.items = [...items.slice(len - k), ...items.slice(0, len - k)];
    return null;
  }

  clear(): null {
    this.version++;
    this.items = [];
    this.head = 0;
    return null;
  }

  count(x: unknown): bigint {
    let n = 0n;
    for (const item of this) if (item === x || eq(item, x)) n++;
    return n;
  }

  index(x: unknown, start: unknown = 0n, stop: unknown = null): bigint {
    const len = this.length;
    const clamp = (v: unknown, fallback: number): number => {
      if (isNone(v)) return fallback;
      let i = Number(toBigInt(v as bigint));
      if (i < 0) i = Math.max(0, i + len);
      return Math.min(i, len);
    };
    const items = this.live;
    for (let i = clamp(start, 0); i < clamp(stop, len); i++) {
      if (items[i] === x || eq(items[i], x)) return BigInt(i);
    }
    throw new ValueError(`${repr(x)} is not in deque`);
  }

  insert(i: unknown, x: T): null {
    if (this.#maxlen !== null && this.length >= Number(this.#maxlen)) {
      throw new IndexError("deque already at its maximum size");
    }
    this.version++;
    let at = Number(toBigInt(i as bigint));
    if (at < 0) at = Math.max(0, at + this.length);
    this.live.splice(Math.min(at, this.length), 0, x);
    return null;
  }

  remove(x: unknown): null {
    const at = this.index(x);
    this.version++;
    this.live.splice(Number(at), 1);
    return null;
  }

  reverse(): null {
    this.version++;
    this.live.reverse();
    return null;
  }

  copy(): Deque<T> {
    return new Deque<T>([...this], this.#maxlen);
  }

  __copy__(): Deque<T> {
    return this.copy();
  }

  __len__(): bigint {
    return BigInt(this.length);
  }

  __getitem__(i: unknown): T {
    return this.items[this.head + this.position(i)]!;
  }

  __setitem__(i: unknown, x: T): void {
    this.items[this.head + this.position(i)] = x;
  }

  __delitem__(i: unknown): void {
    const at = this.position(i);
    this.version++;
    this.live.splice(at, 1);
  }

  __contains__(x: unknown): boolean {
    for (const item of this) if (item === x || eq(item, x)) return true;
    return false;
  }

  *[Symbol.iterator](): Iterator<T> {
    const version = this.version;
    for (let i = 0; i < this.length; i++) {
      yield this.items[this.head + i]!;
      if (this.version !== version) throw new RuntimeError("deque mutated during iteration");
    }
  }

  /**
   * deque's own `__iter__` (CPython's class has one): a subclass's `__getitem__` leaves
   * iteration to it, as CPython's inherited tp_iter does.
   */
  __iter__(): Iterator<T> {
    return new (iteratorClass("_deque_iterator"))(Deque.prototype[Symbol.iterator].call(this)) as Iterator<T>;
  }

  __reversed__(): Iterator<T> {
    return [...this].reverse()[Symbol.iterator]();
  }

  __eq__(other: unknown): any {
    if (!(other instanceof Deque)) return false;
    return eq([...this], [...other]);
  }

  // Ordered as lists are, against another deque only (else the comparison's TypeError).
  __lt__(other: unknown): unknown {
    return other instanceof Deque ? lt([...this], [...other]) : NotImplemented;
  }

  __le__(other: unknown): unknown {
    return other instanceof Deque ? le([...this], [...other]) : NotImplemented;
  }

  __gt__(other: unknown): unknown {
    return other instanceof Deque ? gt([...this], [...other]) : NotImplemented;
  }

  __ge__(other: unknown): unknown {
    return other instanceof Deque ? ge([...this], [...other]) : NotImplemented;
  }

  /** `d * n`: the items n times over, in a deque of the same maxlen (which keeps the last ones). */
  __mul__(n: unknown): unknown {
    if (!isIntLike(n)) return repeatRefused(n);
    const result = new Deque<T>([], this.#maxlen);
    result.repeatFrom([...this], toBigInt(n));
    return result;
  }

  __rmul__(n: unknown): unknown {
    return this.__mul__(n);
  }

  __imul__(n: unknown): unknown {
    if (!isIntLike(n)) return repeatRefused(n);
    const items = [...this];
    this.clear();
    this.repeatFrom(items, toBigInt(n));
    return this;
  }

  private repeatFrom(items: T[], n: bigint): void {
    if (items.length === 0) return;
    // With a maxlen, only the last maxlen items of the repetition stay.
    const cap = this.#maxlen === null ? null : Number(this.#maxlen);
    let times = n;
    if (cap !== null) times = n < BigInt(Math.ceil(cap / items.length) + 1) ? n : BigInt(Math.ceil(cap / items.length) + 1);
    for (let i = 0n; i < times; i++) for (const x of items) this.append(x);
  }

  __add__(other: unknown): Deque<T> {
    if (!(other instanceof Deque)) {
      throw new PyTypeError(`can only concatenate deque (not "${typeName(other)}") to deque`);
    }
    return new Deque<T>([...this, ...other], this.#maxlen);
  }

  __iadd__(other: unknown): this {
    this.extend(other);
    return this;
  }

  get __unhashable__(): boolean {
    return true;
  }

  __repr__(): string {
    // (the items as the instance iterates, under its own type's name, as CPython's deque_repr)
    const body = `[${[...this].map(repr).join(", ")}]`;
    const name = typeName(this);
    return this.#maxlen === null ? `${name}(${body})` : `${name}(${body}, maxlen=${this.#maxlen})`;
  }
}

// (`collections.deque.maxlen`: CPython's getset descriptor of the instances' attribute)
declareDataAttributes(Deque, "getset", "maxlen");
