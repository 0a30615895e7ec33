// `queue`: Queue, LifoQueue, PriorityQueue and SimpleQueue for green threads (Lib/queue.py's
// algorithm: a getter waits until an item is there, a putter until there is room; each put or
// get wakes one waiter, which looks again when it runs).

import { Exception, ValueError } from "../values/exceptions.js";
import { truthy } from "../values/truth.js";
import { bindArgs } from "../asyncio/args.js";
import { Deque } from "./deque.js";
import { heapqModule } from "./heapq.js";
import { moduleObject } from "./module-object.js";
import { pyClass } from "./callable-class.js";
import { Suspension } from "../threads/scheduler.js";
import { timeoutSeconds, waitIn, type Wake } from "./threading-locks.js";

export class Empty extends Exception {
  static __module__ = "_queue";
}

export class Full extends Exception {
  static __module__ = "queue";
}

function blockArgs(name: string, args: unknown[], names: string[]): unknown[] {
  return bindArgs(name, args, names);
}

function waitSeconds(block: unknown, timeout: unknown): [boolean, number | null] {
  const blocking = block === undefined ? true : truthy(block);
  const seconds = blocking ? timeoutSeconds(timeout, null) : null;
  if (seconds !== null && seconds < 0) throw new ValueError("'timeout' must be a non-negative number");
  return [blocking, seconds];
}

function now(): number {
  return performance.now() / 1000;
}

/** Waits (in turn) until `ready()` holds, or raises `timedOut()` after `seconds`. */
async function waitUntil(waiters: Wake[], ready: () => boolean, seconds: number | null, timedOut: () => Error): Promise<void> {
  const end = seconds === null ? null : now() + seconds;
  while (!ready()) {
    let left: number | null = null;
    if (end !== null) {
      left = end - now();
      if (left <= 0) throw timedOut();
    }
    await waitIn(waiters, left);
  }
}

function wakeOne(waiters: Wake[]): void {
  waiters.shift()?.(true);
}

export class Queue {
  static readonly __module__: string = "queue";
  maxsize: unknown;
  queue: unknown;
  unfinished_tasks = 0n;
  _notEmpty: Wake[] = [];
  _notFull: Wake[] = [];
  _allDone: Wake[] = [];

  constructor(...args: unknown[]) {
    const [maxsize] = bindArgs(typeNameOf(new.target), args, ["maxsize"]);
    this.maxsize = maxsize ?? 0n;
    this.queue = this._init();
  }

  _init(): unknown {
    return new Deque();
  }
  _qsize(): number {
    return (this.queue as Deque).length;
  }
  _put(item: unknown): void {
    (this.queue as Deque).append(item);
  }
  _get(): unknown {
    return (this.queue as Deque).popleft();
  }

  private _max(): number {
    return Number(this.maxsize);
  }

  private _full(): boolean {
    const max = this._max();
    return max > 0 && this._qsize() >= max;
  }

  qsize(): bigint {
    return BigInt(this._qsize());
  }
  empty(): boolean {
    return this._qsize() === 0;
  }
  full(): boolean {
    return this._full();
  }

  put(...args: unknown[]): null | Promise<null> {
    const [item, block, timeout] = blockArgs("put", args, ["item", "block", "timeout"]);
    if (!this._full()) return this._add(item);
    const [blocking, seconds] = waitSeconds(block, timeout);
    if (!blocking) throw new Full();
    return waitUntil(this._notFull, () => !this._full(), seconds, () => new Full()).then(() => this._add(item));
  }

  private _add(item: unknown): null {
    this._put(item);
    this.unfinished_tasks += 1n;
    wakeOne(this._notEmpty);
    return null;
  }

  put_nowait(item: unknown): null | Promise<null> {
    return this.put(item, false);
  }

  get(...args: unknown[]): any {
    const [block, timeout] = blockArgs("get", args, ["block", "timeout"]);
    if (this._qsize() > 0) return this._take();
    const [blocking, seconds] = waitSeconds(block, timeout);
    if (!blocking) throw new Empty();
    return waitUntil(this._notEmpty, () => this._qsize() > 0, seconds, () => new Empty()).then(() => this._take());
  }

  private _take(): unknown {
    const item = this._get();
    wakeOne(this._notFull);
    return item;
  }

  get_nowait(): any {
    return this.get(false);
  }

  task_done(): null {
    const unfinished = this.unfinished_tasks - 1n;
    if (unfinished < 0n) throw new ValueError("task_done() called too many times");
    this.unfinished_tasks = unfinished;
    if (unfinished === 0n) {
      const waiters = this._allDone;
      this._allDone = [];
      for (const wake of waiters) wake(true);
    }
    return null;
  }

  join(): null | Suspension<boolean> {
    if (this.unfinished_tasks === 0n) return null;
    return waitIn(this._allDone, null);
  }
}

function typeNameOf(cls: unknown): string {
  return (cls as { name?: string }).name ?? "Queue";
}

export class LifoQueue extends Queue {
  override _init(): unknown {
    return [];
  }
  override _qsize(): number {
    return (this.queue as unknown[]).length;
  }
  override _put(item: unknown): void {
    (this.queue as unknown[]).push(item);
  }
  override _get(): unknown {
    return (this.queue as unknown[]).pop();
  }
}

export class PriorityQueue extends Queue {
  override _init(): unknown {
    return [];
  }
  override _qsize(): number {
    return (this.queue as unknown[]).length;
  }
  override _put(item: unknown): void {
    heapqModule.heappush(this.queue, item);
  }
  override _get(): unknown {
    return heapqModule.heappop(this.queue);
  }
}

/** `queue.SimpleQueue`: unbounded FIFO, no task tracking. */
export class SimpleQueue {
  static readonly tpName = "_queue.SimpleQueue";
  static readonly __module__ = "_queue";
  _items = new Deque();
  _waiters: Wake[] = [];

  put(...args: unknown[]): null {
    const [item] = bindArgs("put", args, ["item", "block", "timeout"]);
    this._items.append(item);
    wakeOne(this._waiters);
    return null;
  }
  put_nowait(item: unknown): null {
    return this.put(item);
  }
  get(...args: unknown[]): any {
    const [block, timeout] = bindArgs("get", args, ["block", "timeout"]);
    if (this._items.length > 0) return this._items.popleft();
    const [blocking, seconds] = waitSeconds(block, timeout);
    if (!blocking) throw new Empty();
    return waitUntil(this._waiters, () => this._items.length > 0, seconds, () => new Empty()).then(() => this._items.popleft());
  }
  get_nowait(): any {
    return this.get(false);
  }
  empty(): boolean {
    return this._items.length === 0;
  }
  qsize(): bigint {
    return BigInt(this._items.length);
  }
}

export const queueModule = moduleObject("queue", {
  Queue: pyClass(Queue),
  LifoQueue: pyClass(LifoQueue),
  PriorityQueue: pyClass(PriorityQueue),
  SimpleQueue: pyClass(SimpleQueue),
  Empty,
  Full,
  // (queue.py's `from heapq import heappush, heappop`, which its PriorityQueue uses)
  heappush: heapqModule.heappush,
  heappop: heapqModule.heappop,
});
