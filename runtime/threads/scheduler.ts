// Green threads (DESIGN.md §7). One thread runs at a time, as under CPython's GIL, and it
// gives way only where CPython's thread would block: the lowering makes every call that may
// block an `await` in threaded programs, and a blocking operation that must wait returns a
// `Suspension`. Awaiting one hands the GIL to the next ready thread; the waiting thread joins
// the ready queue (FIFO) when its wait ends, and runs again when the running one blocks.
//
// A thread is any object (threading.Thread, the main thread); `current` is the one holding the
// GIL, null while none does (all wait: Node's own loop runs timers and asyncio steps then).
// Awaiting anything else (a coloured function's promise) does not give the GIL away: only
// the holder's continuations can be pending then, so no other thread slips in.

import { await_ } from "../core/await.js";
import { nodeModule, nodeProcess } from "../core/host.js";

interface Ready {
  thread: object;
  resume: () => void;
}

/**
 * Which thread's code is running: an AsyncLocalStorage (Node) whose store follows a thread's
 * code through its promise continuations; made when the first thread starts. Its store is the
 * thread, undefined in the main thread's code, OUTSIDE in an event loop's steps (which run for
 * the thread waiting in run_forever and hold no GIL). Without one (no Node), the GIL holder.
 */
interface Contexts {
  getStore(): object | undefined;
  run<R>(store: object, fn: () => R): R;
}
let contexts: Contexts | null = null;
const OUTSIDE = { outside: true };

function enableContexts(): void {
  if (contexts !== null) return;
  const process = nodeProcess();
  if (process === undefined) return;
  contexts = new (nodeModule("node:async_hooks").AsyncLocalStorage)<object>();
  // Nothing left to do while the main thread holds the GIL: its code has ended (a program whose
  // end the lowering did not mark), so the threads it started run on.
  process.on("beforeExit", () => {
    if (current === mainThread && readyHead < ready.length) mainThreadDone("__main__");
  });
}

/** The main module's code has ended (`__name__` is the module's): the GIL passes on for good. */
export function mainThreadDone(name: unknown): null {
  if (name !== "__main__" || current !== mainThread) return null;
  current = null;
  dispatch();
  return null;
}

/** The thread whose code runs now (null: an event loop's step, outside every thread). */
function owner(): object | null {
  if (contexts === null) return current;
  const store = contexts.getStore();
  if (store === undefined) return mainThread;
  return store === OUTSIDE ? null : store;
}

/** Runs an event loop's step outside every thread (once threads exist). */
export function outsideThreads(step: () => void): void {
  if (contexts === null) step();
  else contexts.run(OUTSIDE, step);
}

/** Starts a thread's code (in its own context) when it first gets the GIL. */
export function startThread(thread: object, body: () => void): void {
  enableContexts();
  makeReady(thread, () => {
    void Promise.resolve().then(() => (contexts === null ? body() : contexts.run(thread, body)));
  });
}

/**
 * The main thread's token. It never changes: waits begun before threading loads (a loop's
 * run_forever, a Suspension) hold it, and threading may load at any point (a first executor
 * inside a loop step), so its Python object is only what runningThread() answers for it.
 */
const mainThread: object = { main: true };
let mainThreadObject: object = mainThread;
let current: object | null = mainThread;
const ready: Ready[] = [];
let readyHead = 0;
/** The thread waiting in run_forever while its loop's steps run (they run as that thread). */
let loopHost: object | null = null;
/** Daemon threads: their timers do not keep the process alive. */
const daemons = new WeakSet<object>();

export function registerMainThread(thread: object): void {
  mainThreadObject = thread;
}

export function markDaemon(thread: object): void {
  daemons.add(thread);
}

/** The thread running now: the GIL holder, else the thread whose event loop is stepping. */
export function runningThread(): object {
  const running = owner() ?? loopHost ?? mainThread;
  return running === mainThread ? mainThreadObject : running;
}

/** A thread becomes runnable; it runs when no thread holds the GIL and those before it ran. */
export function makeReady(thread: object, resume: () => void): void {
  ready.push({ thread, resume });
  dispatch();
}

function dispatch(): void {
  if (current !== null || readyHead >= ready.length) return;
  const next = ready[readyHead]!;
  ready[readyHead++] = undefined as unknown as Ready;
  if (readyHead > 64 && readyHead * 2 > ready.length) {
    ready.splice(0, readyHead);
    readyHead = 0;
  }
  current = next.thread;
  next.resume();
}

/** The running thread ends: the next ready one gets the GIL. */
export function threadFinished(thread: object): void {
  if (current === thread) current = null;
  dispatch();
}

type Arrange<T> = (wake: (value: T) => void, fail: (error: unknown) => void, thread: object) => void;

/**
 * A wait, begun when awaited: `arrange` registers the wake-up (a timer, a lock's waiter list)
 * and the GIL passes on. Not awaited (a call the lowering could not make an await), nothing
 * happens and the caller keeps running.
 */
export class Suspension<T> implements PromiseLike<T> {
  /** the thread that waits (null: code outside every thread, which holds no GIL to pass) */
  private readonly me: object | null;
  constructor(private readonly arrange: Arrange<T>) {
    this.me = owner();
  }

  then<A = T, B = never>(onValue?: ((value: T) => A | PromiseLike<A>) | null, onError?: ((error: unknown) => B | PromiseLike<B>) | null): PromiseLike<A | B> {
    const me = this.me;
    const waited = new Promise<T>((resolve, reject) => {
      let settled = false;
      const wake = (value: T): void => {
        if (settled) return;
        settled = true;
        if (me === null) resolve(value);
        else makeReady(me, () => resolve(value));
      };
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        if (me === null) reject(error);
        else makeReady(me, () => reject(error));
      };
      try {
        this.arrange(wake, fail, me ?? mainThread);
      } catch (error) {
        fail(error);
      }
      if (me !== null && current === me) {
        current = null;
        dispatch();
      }
    });
    return waited.then(onValue, onError);
  }
}

/** Gives the GIL to the threads ready now and waits behind them (`time.sleep(0)`, `start()`). */
export function yieldGil(): Suspension<null> {
  return new Suspension<null>((wake) => wake(null));
}

/** A timer that keeps the process alive unless it belongs to a daemon thread. */
export function threadTimer(thread: object, seconds: number, callback: () => void): ReturnType<typeof setTimeout> {
  const timer = setTimeout(callback, Math.max(0, seconds * 1000));
  if (daemons.has(thread)) (timer as { unref?: () => void }).unref?.();
  return timer;
}

/** `time.sleep(secs)` in a thread that can wait: the others run meanwhile. */
export function threadSleep(seconds: number): Suspension<null> {
  return new Suspension<null>((wake, _fail, thread) => {
    threadTimer(thread, seconds, () => wake(null));
  });
}

/**
 * A JS promise the running thread waits for (run_forever's): the GIL is free meanwhile, and
 * the thread gets it back, in its turn, once the promise settles.
 */
export function waitForPromise<T>(promise: Promise<T>): Promise<T> {
  const me = owner();
  if (me === null || current !== me) return promise;
  const previousHost = loopHost;
  loopHost = me;
  current = null;
  dispatch();
  return new Promise<T>((resolve, reject) => {
    const back = (): void => {
      loopHost = previousHost;
    };
    promise.then(
      (value) => makeReady(me, () => (back(), resolve(value))),
      (error: unknown) => makeReady(me, () => (back(), reject(error))),
    );
  });
}

/** Awaits a value that may be a promise or suspension (what a thread's target returned). */
export function isThenable(x: unknown): x is PromiseLike<unknown> {
  return x instanceof Promise || x instanceof Suspension || x instanceof LazyWait;
}

/**
 * A wait begun only when awaited (`as_completed(fs)`, `executor.map(...)`): a loop that
 * iterates it as results come (its RESULT_STREAM) never starts the wait for them all.
 */
export class LazyWait<T> implements PromiseLike<T> {
  private started: Promise<T> | null = null;
  constructor(private readonly start: () => Promise<T>) {}

  then<A = T, B = never>(onValue?: ((value: T) => A | PromiseLike<A>) | null, onError?: ((error: unknown) => B | PromiseLike<B>) | null): PromiseLike<A | B> {
    this.started ??= this.start();
    return this.started.then(onValue, onError);
  }
}

/** `yield* awaitPending(x)` in a coroutine: waits (as for any promise) when `x` is pending. */
export function* awaitPending(x: unknown, line?: number): Generator<unknown, unknown, unknown> {
  if (isThenable(x)) return yield* await_(Promise.resolve(x), line);
  return x;
}

/** Is a thread other than the main one running (so a blocking call may wait instead)? */
export function inGreenThread(): boolean {
  const me = owner();
  return me !== null && me !== mainThread;
}

/** A promise the running thread waits for: a Suspension woken when it settles. */
export function waitInThread<T>(promise: Promise<T>): Suspension<T> {
  return new Suspension<T>((wake, fail) => {
    promise.then(wake, fail);
  });
}

/**
 * Have green threads started, and does a thread's code run now (not an event loop's step)?
 * Then a blocking call the lowering awaits may wait as a Suspension, the others running.
 */
export function greenThreadsRun(): boolean {
  return contexts !== null && owner() !== null;
}
