// threading's synchronisation primitives: Lock, RLock, Condition, Semaphore, BoundedSemaphore,
// Event, Barrier. A wait is a Suspension (runtime/threads/scheduler.ts); a release hands the
// lock to the oldest waiter, which runs when the releasing thread next blocks, so the order of
// events is fixed (CPython's is the OS's; programs whose output depends on it differ there too).

import { RuntimeError, ValueError, OverflowError, PyTypeError } from "../values/exceptions.js";
import { getattr } from "../values/attribute-builtins.js";
import { addressOf } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { bindArgs } from "../asyncio/args.js";
import { callValue } from "./pycall.js";
import { isThenable, runningThread, Suspension, threadTimer } from "../threads/scheduler.js";

export const TIMEOUT_MAX = 9223372036.0;

/** A timeout argument in seconds: null for none (None, or `none` when negative means none). */
export function timeoutSeconds(timeout: unknown, none: number | null): number | null {
  if (timeout === undefined || timeout === null) return null;
  let seconds: number;
  if (typeof timeout === "number") seconds = timeout;
  else if (typeof timeout === "bigint") seconds = Number(timeout);
  else if (typeof timeout === "boolean") seconds = timeout ? 1 : 0;
  else throw new PyTypeError(`'${typeof timeout}' object cannot be interpreted as an integer or float`);
  if (none !== null && seconds === none) return null;
  if (seconds > TIMEOUT_MAX) throw new OverflowError("timeout value is too large");
  return seconds;
}

export type Wake = (value: boolean) => void;

/** Waits in `waiters` until woken with true, or false after `seconds` (null: no limit). */
export function waitIn(waiters: Wake[], seconds: number | null): Suspension<boolean> {
  return new Suspension<boolean>((wake, _fail, thread) => {
    waiters.push(wake);
    if (seconds === null) return;
    threadTimer(thread, seconds, () => {
      const index = waiters.indexOf(wake);
      if (index < 0) return;
      waiters.splice(index, 1);
      wake(false);
    });
  });
}

function acquireArgs(name: string, args: unknown[]): [boolean, number | null] {
  const [blocking, timeout] = bindArgs(name, args, ["blocking", "timeout"]);
  const block = blocking === undefined ? true : truthy(blocking);
  const seconds = timeoutSeconds(timeout, -1);
  if (!block && seconds !== null) throw new ValueError("can't specify a timeout for a non-blocking call");
  if (seconds !== null && seconds < 0) throw new ValueError("timeout value must be a non-negative number");
  return [block, seconds];
}

export class Lock {
  static readonly tpName = "_thread.lock";
  static readonly __module__ = "_thread";
  static readonly pythonName = "lock";
  _locked = false;
  _waiters: Wake[] = [];

  constructor(...args: unknown[]) {
    bindArgs("allocate_lock", args, [], 0);
  }

  acquire(...args: unknown[]): boolean | Suspension<boolean> {
    const [block, seconds] = acquireArgs("acquire", args);
    if (!this._locked) {
      this._locked = true;
      return true;
    }
    if (!block || seconds === 0) return false;
    return waitIn(this._waiters, seconds);
  }

  acquire_lock(...args: unknown[]): boolean | Suspension<boolean> {
    return this.acquire(...args);
  }

  release(): null {
    if (!this._locked) throw new RuntimeError("release unlocked lock");
    const next = this._waiters.shift();
    // The oldest waiter gets the lock (it stays locked).
    if (next !== undefined) next(true);
    else this._locked = false;
    return null;
  }

  release_lock(): null {
    return this.release();
  }

  locked(): boolean {
    return this._locked;
  }

  __enter__(): boolean | Suspension<boolean> {
    return this.acquire();
  }

  __exit__(_t: unknown, _v: unknown, _tb: unknown): null {
    this.release();
    return null;
  }

  __repr__(): string {
    return `<${this._locked ? "locked" : "unlocked"} _thread.lock object at ${addressOf(this)}>`;
  }
}

export class RLock {
  static readonly tpName = "_thread.RLock";
  static readonly __module__ = "_thread";
  static readonly pythonName = "RLock";
  _owner: object | null = null;
  _count = 0;
  _waiters: { thread: object; wake: Wake }[] = [];

  constructor(...args: unknown[]) {
    bindArgs("RLock", args, [], 0);
  }

  acquire(...args: unknown[]): boolean | Suspension<boolean> {
    const [block, seconds] = acquireArgs("acquire", args);
    const me = runningThread();
    if (this._owner === me) {
      this._count++;
      return true;
    }
    if (this._owner === null) {
      this._owner = me;
      this._count = 1;
      return true;
    }
    if (!block || seconds === 0) return false;
    return new Suspension<boolean>((wake, _fail, thread) => {
      const entry = { thread: me, wake };
      this._waiters.push(entry);
      if (seconds === null) return;
      threadTimer(thread, seconds, () => {
        const index = this._waiters.indexOf(entry);
        if (index < 0) return;
        this._waiters.splice(index, 1);
        wake(false);
      });
    });
  }

  release(): null {
    if (this._owner !== runningThread() || this._count === 0) throw new RuntimeError("cannot release un-acquired lock");
    if (--this._count > 0) return null;
    this._owner = null;
    const next = this._waiters.shift();
    if (next !== undefined) {
      // The oldest waiter owns it now.
      this._owner = next.thread;
      this._count = 1;
      next.wake(true);
    }
    return null;
  }

  __enter__(): boolean | Suspension<boolean> {
    return this.acquire();
  }

  __exit__(_t: unknown, _v: unknown, _tb: unknown): null {
    this.release();
    return null;
  }

  _is_owned(): boolean {
    return this._owner === runningThread();
  }

  /** Releases every level (Condition.wait), giving back the count to restore. */
  _release_save(): number {
    if (this._count === 0) throw new RuntimeError("cannot release un-acquired lock");
    const count = this._count;
    this._count = 1;
    this.release();
    return count;
  }

  __repr__(): string {
    const owner = this._owner === null ? 0n : ((this._owner as { _ident?: bigint })._ident ?? 0n);
    return `<${this._count > 0 ? "locked" : "unlocked"} _thread.RLock object owner=${owner} count=${this._count} at ${addressOf(this)}>`;
  }
}

/** Acquires `lock` (a Lock or RLock, or any object with acquire) and gives nothing back. */
async function reacquire(lock: { acquire(): unknown }): Promise<void> {
  const got = lock.acquire();
  if (isThenable(got)) await got;
}

export class Condition {
  static readonly __module__ = "threading";
  _lock: Lock | RLock;
  _waiters: Wake[] = [];

  // (the lock's own bound methods, instance attributes as CPython's __init__ sets them)
  readonly acquire: (...args: unknown[]) => unknown;
  readonly release: () => null;

  constructor(...args: unknown[]) {
    const [lock] = bindArgs("Condition", args, ["lock"]);
    this._lock = (lock ?? new RLock()) as Lock | RLock;
    this.acquire = getattr(this._lock, "acquire");
    this.release = getattr(this._lock, "release");
  }
  __enter__(): unknown {
    return this._lock.acquire();
  }
  __exit__(_t: unknown, _v: unknown, _tb: unknown): null {
    this._lock.release();
    return null;
  }

  /** CPython's `_is_owned`: does the running thread hold the lock? */
  _is_owned(): boolean {
    const lock = this._lock;
    if (lock instanceof RLock) return lock._is_owned();
    return lock._locked;
  }

  wait(...args: unknown[]): Promise<boolean> {
    const [timeout] = bindArgs("wait", args, ["timeout"]);
    if (!this._is_owned()) throw new RuntimeError("cannot wait on un-acquired lock");
    const seconds = timeoutSeconds(timeout, null);
    const lock = this._lock;
    const count = lock instanceof RLock ? lock._release_save() : (lock.release(), 1);
    const waiting = waitIn(this._waiters, seconds === null ? null : Math.max(0, seconds));
    return (async () => {
      let got = false;
      try {
        got = await waiting;
      } finally {
        await reacquire(lock);
        if (lock instanceof RLock) lock._count = count;
      }
      return got;
    })();
  }

  wait_for(...args: unknown[]): Promise<unknown> {
    const [predicate, timeout] = bindArgs("wait_for", args, ["predicate", "timeout"]);
    const seconds = timeoutSeconds(timeout, null);
    return (async () => {
      const end = seconds === null ? null : performance.now() / 1000 + seconds;
      let result = await awaited(callValue(predicate));
      while (!truthy(result)) {
        let wait: number | null = null;
        if (end !== null) {
          wait = end - performance.now() / 1000;
          if (wait <= 0) break;
        }
        await this.wait(wait);
        result = await awaited(callValue(predicate));
      }
      return result;
    })();
  }

  notify(...args: unknown[]): null {
    const [n] = bindArgs("notify", args, ["n"]);
    if (!this._is_owned()) throw new RuntimeError("cannot notify on un-acquired lock");
    let count = n === undefined ? 1 : Number(n);
    while (count-- > 0) {
      const next = this._waiters.shift();
      if (next === undefined) break;
      next(true);
    }
    return null;
  }

  notify_all(): null {
    return this.notify(BigInt(this._waiters.length));
  }

  notifyAll(): null {
    return this.notify_all();
  }

  __repr__(): string {
    return `<Condition(${String((this._lock as { __repr__(): string }).__repr__())}, ${this._waiters.length})>`;
  }
}

async function awaited(x: unknown): Promise<unknown> {
  return isThenable(x) ? await x : x;
}

export class Semaphore {
  static readonly __module__ = "threading";
  _value: number;
  _waiters: Wake[] = [];

  constructor(...args: unknown[]) {
    const [value] = bindArgs(new.target === BoundedSemaphore ? "BoundedSemaphore" : "Semaphore", args, ["value"]);
    const v = value === undefined ? 1 : Number(value);
    if (v < 0) throw new ValueError("semaphore initial value must be >= 0");
    this._value = v;
  }

  acquire(...args: unknown[]): boolean | Suspension<boolean> {
    const [blocking, timeout] = bindArgs("acquire", args, ["blocking", "timeout"]);
    const block = blocking === undefined ? true : truthy(blocking);
    const seconds = timeoutSeconds(timeout, null);
    if (!block && seconds !== null) throw new ValueError("can't specify timeout for non-blocking acquire");
    if (this._value > 0 && this._waiters.length === 0) {
      this._value--;
      return true;
    }
    if (!block || seconds === 0) return false;
    return waitIn(this._waiters, seconds);
  }

  release(...args: unknown[]): null {
    const [n] = bindArgs("release", args, ["n"]);
    const count = n === undefined ? 1 : Number(n);
    if (count < 1) throw new ValueError("n must be one or more");
    this._value += count;
    // Each woken waiter takes one unit.
    while (this._value > 0 && this._waiters.length > 0) {
      this._value--;
      this._waiters.shift()!(true);
    }
    return null;
  }

  __enter__(): boolean | Suspension<boolean> {
    return this.acquire();
  }

  __exit__(_t: unknown, _v: unknown, _tb: unknown): null {
    this.release();
    return null;
  }

  __repr__(): string {
    return `<threading.${this.constructor === BoundedSemaphore ? "BoundedSemaphore" : "Semaphore"} at ${addressOf(this)}: value=${this._value}>`;
  }
}

export class BoundedSemaphore extends Semaphore {
  _initial_value: number;
  constructor(...args: unknown[]) {
    super(...args);
    this._initial_value = this._value;
  }

  override release(...args: unknown[]): null {
    const [n] = bindArgs("release", args, ["n"]);
    const count = n === undefined ? 1 : Number(n);
    if (this._value + count > this._initial_value) throw new ValueError("Semaphore released too many times");
    return super.release(...args);
  }

  override __repr__(): string {
    return `<threading.BoundedSemaphore at ${addressOf(this)}: value=${this._value}/${this._initial_value}>`;
  }
}

export class Event {
  static readonly __module__ = "threading";
  _flag = false;
  _waiters: Wake[] = [];

  is_set(): boolean {
    return this._flag;
  }
  isSet(): boolean {
    return this._flag;
  }

  set(): null {
    this._flag = true;
    const waiters = this._waiters;
    this._waiters = [];
    for (const wake of waiters) wake(true);
    return null;
  }

  clear(): null {
    this._flag = false;
    return null;
  }

  wait(...args: unknown[]): boolean | Suspension<boolean> {
    const [timeout] = bindArgs("wait", args, ["timeout"]);
    if (this._flag) return true;
    const seconds = timeoutSeconds(timeout, null);
    if (seconds !== null && seconds <= 0) return false;
    return waitIn(this._waiters, seconds);
  }

  __repr__(): string {
    return `<threading.Event at ${addressOf(this)}: ${this._flag ? "set" : "unset"}>`;
  }
}

export class BrokenBarrierError extends RuntimeError {
  static __module__ = "threading";
}

export class Barrier {
  static readonly __module__ = "threading";
  _parties: number;
  _action: unknown;
  _timeout: number | null;
  _count = 0;
  _broken = false;
  _waiters: ((value: boolean) => void)[] = [];

  constructor(...args: unknown[]) {
    const [parties, action, timeout] = bindArgs("Barrier", args, ["parties", "action", "timeout"]);
    const n = Number(parties);
    if (n < 1) throw new ValueError("parties must be > 0");
    this._parties = n;
    this._action = action ?? null;
    this._timeout = timeoutSeconds(timeout, null);
  }

  get parties(): bigint {
    return BigInt(this._parties);
  }
  get n_waiting(): bigint {
    return BigInt(this._count);
  }
  get broken(): boolean {
    return this._broken;
  }

  wait(...args: unknown[]): bigint | Promise<bigint> {
    const [timeout] = bindArgs("wait", args, ["timeout"]);
    if (this._broken) throw new BrokenBarrierError();
    const index = this._count++;
    if (index + 1 === this._parties) {
      if (this._action !== null) {
        try {
          const result = callValue(this._action);
          if (isThenable(result)) void Promise.resolve(result);
        } catch (error) {
          this._break();
          throw error;
        }
      }
      this._count = 0;
      const waiters = this._waiters;
      this._waiters = [];
      for (const wake of waiters) wake(true);
      return BigInt(index);
    }
    const seconds = timeoutSeconds(timeout, null) ?? this._timeout;
    const waiting = waitIn(this._waiters, seconds);
    return (async () => {
      const passed = await waiting;
      if (!passed) {
        if (!this._broken) this._break();
        throw new BrokenBarrierError();
      }
      if (this._broken) throw new BrokenBarrierError();
      return BigInt(index);
    })();
  }

  private _break(): void {
    this._broken = true;
    this._count = 0;
    const waiters = this._waiters;
    this._waiters = [];
    for (const wake of waiters) wake(false);
  }

  abort(): null {
    this._break();
    return null;
  }

  reset(): null {
    if (this._count > 0) this._break();
    this._broken = false;
    this._count = 0;
    return null;
  }

  __repr__(): string {
    if (this._broken) return `<threading.Barrier at ${addressOf(this)}: broken>`;
    return `<threading.Barrier at ${addressOf(this)}: waiters=${this._count}/${this._parties}>`;
  }
}
