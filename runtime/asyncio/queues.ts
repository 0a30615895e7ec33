// asyncio.Queue, LifoQueue, PriorityQueue (3.11): getters and putters wait on futures in FIFO
// order; `loop=` (removed in 3.10) is accepted and ignored.

import { await_ } from "../core/await.js";
import { Coroutine } from "../core/coroutine.js";
import { BODY_NOT_MADE, FastPathCoroutine, WOULD_BLOCK } from "../core/fast-path-coroutine.js";
import { Exception, ValueError } from "../values/exceptions.js";
import { lt } from "../values/compare.js";
import { addressOf, repr } from "../values/repr.js";
import { typeName } from "../values/typename.js";
import { bindArgs } from "./args.js";
import { Deque } from "./deque.js";
import type { Future } from "./futures.js";
import { heappop, heappush } from "./heap.js";
import { Event, LoopBound, removeItem } from "./locks.js";

export class QueueEmpty extends Exception {
  static override pythonName = "QueueEmpty";
  static readonly __module__ = "asyncio.queues";
}

export class QueueFull extends Exception {
  static override pythonName = "QueueFull";
  static readonly __module__ = "asyncio.queues";
}

/** Wakes the first waiter not already done (the deque's popleft loop). */
function wakeupNext(waiters: Future[]): void {
  while (waiters.length > 0) {
    const waiter = waiters.shift()!;
    if (!waiter.done()) {
      waiter.set_result(null);
      break;
    }
  }
}

export class Queue<T = unknown> extends LoopBound {
  static readonly __module__ = "asyncio.queues";
  readonly _maxsize: unknown;
  private readonly _limit: number;
  _getters: Future[] = [];
  _putters: Future[] = [];
  _unfinished_tasks = 0;
  readonly _finished = new Event();

  /** `Queue(maxsize=0)`. */
  constructor(...args: unknown[]) {
    super();
    const [maxsize] = bindArgs(new.target.name, args, ["maxsize", "loop"], 1);
    this._maxsize = maxsize ?? 0n;
    this._limit = Number(this._maxsize as number | bigint);
    this._finished.set();
    this._init();
  }

  // The storage; LifoQueue and PriorityQueue replace these three.
  private _items = new Deque<T>();
  protected _init(): void {}
  protected _put(item: T): void {
    this._items.push(item);
  }
  protected _get(): T {
    return this._items.shift() as T;
  }
  /** The items in storage order (for repr). */
  protected _contents(): T[] {
    return [...this._items];
  }

  qsize(): bigint {
    return BigInt(this._size());
  }

  protected _size(): number {
    return this._items.length;
  }

  get maxsize(): unknown {
    return this._maxsize;
  }

  empty(): boolean {
    return this._size() === 0;
  }

  full(): boolean {
    return this._limit > 0 && this._size() >= this._limit;
  }

  put(item: T): Coroutine<null> {
    const coro = new QueuePut<T>(BODY_NOT_MADE, "Queue.put");
    coro.queue = this;
    coro.item = item;
    return coro;
  }

  /**
   * `put` without waiting, or WOULD_BLOCK when the queue is full (QueuePut's fast path). It
   * goes through `full` and `put_nowait` as the coroutine does, so subclasses' overrides apply;
   * a queue whose methods are all Queue's own takes the same steps inline.
   */
  _putNow(item: T): null | typeof WOULD_BLOCK {
    if (this.full === queueFull && this.put_nowait === queuePutNowait && this._size === queueSize && this._put === queueStore) {
      const items = this._items;
      if (this._limit > 0 && items.length >= this._limit) return WOULD_BLOCK;
      items.push(item);
      this._unfinished_tasks += 1;
      this._finished._value = false;
      if (this._getters.length > 0) wakeupNext(this._getters);
      return null;
    }
    return this.full() ? WOULD_BLOCK : this.put_nowait(item);
  }

  *_putBody(item: T): Generator<unknown, null, unknown> {
    while (this.full()) {
      const putter = this._get_loop().create_future();
      this._putters.push(putter);
      try {
        yield* await_(putter);
      } catch (error) {
        putter.cancel();
        removeItem(this._putters, putter);
        if (!this.full() && !putter.cancelled()) wakeupNext(this._putters);
        throw error;
      }
    }
    return this.put_nowait(item);
  }

  put_nowait(item: T): null {
    if (this.full()) throw new QueueFull();
    this._put(item);
    this._unfinished_tasks += 1;
    this._finished.clear();
    wakeupNext(this._getters);
    return null;
  }

  get(): Coroutine<T> {
    const coro = new QueueGet<T>(BODY_NOT_MADE, "Queue.get");
    coro.queue = this;
    return coro;
  }

  /**
   * `get` without waiting, or WOULD_BLOCK when the queue is empty (QueueGet's fast path),
   * through `empty` and `get_nowait` (inline for a queue whose methods are all Queue's own).
   */
  _getNow(): T | typeof WOULD_BLOCK {
    if (this.empty === queueEmpty && this.get_nowait === queueGetNowait && this._size === queueSize && this._get === queueTake) {
      const items = this._items;
      if (items.length === 0) return WOULD_BLOCK;
      const item = items.shift() as T;
      if (this._putters.length > 0) wakeupNext(this._putters);
      return item;
    }
    return this.empty() ? WOULD_BLOCK : this.get_nowait();
  }

  *_getBody(): Generator<unknown, T, unknown> {
    while (this.empty()) {
      const getter = this._get_loop().create_future();
      this._getters.push(getter);
      try {
        yield* await_(getter);
      } catch (error) {
        getter.cancel();
        removeItem(this._getters, getter);
        if (!this.empty() && !getter.cancelled()) wakeupNext(this._getters);
        throw error;
      }
    }
    return this.get_nowait();
  }

  get_nowait(): T {
    if (this.empty()) throw new QueueEmpty();
    const item = this._get();
    wakeupNext(this._putters);
    return item;
  }

  task_done(): null {
    if (this._unfinished_tasks <= 0) throw new ValueError("task_done() called too many times");
    this._unfinished_tasks -= 1;
    if (this._unfinished_tasks === 0) this._finished.set();
    return null;
  }

  join(): Coroutine<null> {
    return new Coroutine(this._joinBody(), "Queue.join");
  }

  private *_joinBody(): Generator<unknown, null, unknown> {
    if (this._unfinished_tasks > 0) yield* await_(this._finished.wait());
    return null;
  }

  private _format(): string {
    let result = `maxsize=${repr(this._maxsize)}`;
    if (this._size() > 0) result += ` _queue=${repr(this._contents())}`;
    if (this._getters.length > 0) result += ` _getters[${this._getters.length}]`;
    if (this._putters.length > 0) result += ` _putters[${this._putters.length}]`;
    if (this._unfinished_tasks > 0) result += ` tasks=${this._unfinished_tasks}`;
    return result;
  }

  override __repr__(): string {
    return `<${typeName(this)} at ${addressOf(this)} ${this._format()}>`;
  }

  __str__(): string {
    return `<${typeName(this)} ${this._format()}>`;
  }
}

// Queue's own methods, which the fast paths take inline when nothing replaced them.
/* eslint-disable @typescript-eslint/unbound-method */
const queueFull = Queue.prototype.full;
const queueEmpty = Queue.prototype.empty;
const queuePutNowait = Queue.prototype.put_nowait;
const queueGetNowait = Queue.prototype.get_nowait;
const queueSize = Queue.prototype["_size"];
const queueStore = Queue.prototype["_put"];
const queueTake = Queue.prototype["_get"];
/* eslint-enable @typescript-eslint/unbound-method */

/** The coroutine `Queue.put(item)` returns: puts at once when there is room. */
class QueuePut<T> extends FastPathCoroutine<null> {
  static override readonly pythonName = "coroutine";
  declare queue: Queue<T>;
  declare item: T;

  protected _now(): null | typeof WOULD_BLOCK {
    return this.queue._putNow(this.item);
  }

  protected _body(): Generator<unknown, null, unknown> {
    return this.queue._putBody(this.item);
  }
}

/** The coroutine `Queue.get()` returns: gets at once when an item is there. */
class QueueGet<T> extends FastPathCoroutine<T> {
  static override readonly pythonName = "coroutine";
  declare queue: Queue<T>;

  protected _now(): T | typeof WOULD_BLOCK {
    return this.queue._getNow();
  }

  protected _body(): Generator<unknown, T, unknown> {
    return this.queue._getBody();
  }
}

/** A list used as a stack. */
export class LifoQueue<T = unknown> extends Queue<T> {
  private _stack: T[] = [];
  protected override _put(item: T): void {
    this._stack.push(item);
  }
  protected override _get(): T {
    return this._stack.pop() as T;
  }
  protected override _size(): number {
    return this._stack.length;
  }
  protected override _contents(): T[] {
    return [...this._stack];
  }
}

/** A list kept as a heap with Python's `<` (heapq order, so ties come out as in CPython). */
export class PriorityQueue<T = unknown> extends Queue<T> {
  private _heap: T[] = [];
  protected override _put(item: T): void {
    heappush(this._heap, item, lt);
  }
  protected override _get(): T {
    return heappop(this._heap, lt);
  }
  protected override _size(): number {
    return this._heap.length;
  }
  protected override _contents(): T[] {
    return [...this._heap];
  }
}
