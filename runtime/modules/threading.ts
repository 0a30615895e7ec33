// `threading`: green threads on the event loop (runtime/threads/scheduler.ts). A Thread's
// target runs as a unit of its own that the scheduler switches at blocking calls, so programs
// print what CPython prints wherever the output does not depend on preemption timing.

import { standardStreams } from "../values/print.js";
import { NotImplementedError, RuntimeError, SystemExit, PyTypeError, ValueError } from "../values/exceptions.js";
import { displayException } from "../values/traceback.js";
import { getattrImpl } from "../values/attributes.js";
import { isKwargs, kw } from "../values/kwargs.js";
import { iterable } from "../values/iteration.js";
import { typeName } from "../values/typename.js";
import { repr } from "../values/repr.js";
import { structSequence, TupleSubclass } from "./struct-sequence.js";
import { tracebackOf } from "./sys-info.js";
import { truthy } from "../values/truth.js";
import { bindArgs } from "../asyncio/args.js";
import { callValue } from "./pycall.js";
import { moduleObject, standardModule } from "./module-object.js";
import { isNone, pyClass } from "./callable-class.js";
import { nodeProcess } from "../core/host.js";
import { threadTimer as setTimerFor, isThenable, startThread, markDaemon, registerMainThread, runningThread, Suspension, threadFinished, yieldGil } from "../threads/scheduler.js";
import { Lock, RLock, Condition, Semaphore, BoundedSemaphore, Event, Barrier, BrokenBarrierError, TIMEOUT_MAX, timeoutSeconds } from "./threading-locks.js";

let threadCounter = 0;
let identCounter = 0;
const BASE_IDENT = 140_245_120_000_000;
/** Threads started and not yet finished, in start order (the main thread first). */
const active = new Map<bigint, Thread>();

function newIdent(): bigint {
  return BigInt(BASE_IDENT + identCounter++ * 8_392_704);
}

function nativeId(index: number): bigint {
  const pid = nodeProcess()?.pid ?? 1;
  return BigInt(pid + index);
}

export class Thread {
  static readonly __module__: string = "threading";
  _target: unknown = null;
  _args: unknown[] = [];
  _kwargs: unknown = null;
  _name = "";
  _daemonic = false;
  _ident: bigint | null = null;
  _native_id: bigint | null = null;
  _started = false;
  _is_stopped = false;
  _joiners: ((value: null) => void)[] = [];

  constructor(...args: unknown[]) {
    const [group, target, name, targs, kwargs, daemon] = bindArgs("Thread", args, ["group", "target", "name", "args", "kwargs", "daemon"], 5);
    if (group !== undefined && group !== null) throw new RuntimeError("group argument must be None for now");
    this._target = target ?? null;
    this._args = targs === undefined || targs === null ? [] : [...iterable(targs)];
    this._kwargs = kwargs ?? null;
    if (name === undefined || name === null) {
      this._name = `Thread-${++threadCounter}`;
      if (this._target !== null) {
        try {
          this._name += ` (${String(getattrImpl(this._target, "__name__"))})`;
        } catch {
          // a callable without __name__: the plain name
        }
      }
    } else this._name = String(name);
    this._daemonic = daemon === undefined || daemon === null ? currentThread()._daemonic : truthy(daemon);
  }

  get name(): string {
    return this._name;
  }
  set name(value: string) {
    this._name = String(value);
  }
  get daemon(): boolean {
    return this._daemonic;
  }
  set daemon(value: unknown) {
    if (this._started) throw new RuntimeError("cannot set daemon status of active thread");
    this._daemonic = truthy(value);
  }
  get ident(): bigint | null {
    return this._ident;
  }
  get native_id(): bigint | null {
    return this._native_id;
  }
  getName(): string {
    return this._name;
  }
  setName(name: unknown): null {
    this._name = String(name);
    return null;
  }
  isDaemon(): boolean {
    return this._daemonic;
  }
  setDaemon(value: unknown): null {
    this.daemon = value;
    return null;
  }

  is_alive(): boolean {
    return this._started && !this._is_stopped;
  }

  /** Starts the thread, which runs until it blocks before the caller goes on (as in CPython). */
  start(): Suspension<null> | null {
    if (this._started) throw new RuntimeError("threads can only be started once");
    this._started = true;
    this._ident = newIdent();
    this._native_id = nativeId(active.size + identCounter);
    active.set(this._ident, this);
    if (this._daemonic) markDaemon(this);
    startThread(this, () => void this._bootstrap());
    return yieldGil();
  }

  run(): unknown {
    try {
      if (this._target !== null) {
        const kwargs = this._kwargs;
        const extra = kwargs === null ? [] : [kw(kwargs as never)];
        return callValue(this._target, ...this._args, ...extra);
      }
      return null;
    } finally {
      // CPython drops the references so the target's objects can be collected.
    }
  }

  private async _bootstrap(): Promise<void> {
    try {
      const result = this.run();
      if (isThenable(result)) await result;
    } catch (error) {
      if (!(error instanceof SystemExit)) reportThreadError(this, error);
    } finally {
      this._is_stopped = true;
      if (this._ident !== null) active.delete(this._ident);
      const joiners = this._joiners;
      this._joiners = [];
      for (const wake of joiners) wake(null);
      threadFinished(this);
    }
  }

  join(...args: unknown[]): Suspension<null> | null {
    const [timeout] = bindArgs("join", args, ["timeout"]);
    if (!this._started) throw new RuntimeError("cannot join thread before it is started");
    if (this === currentThread()) throw new RuntimeError("cannot join current thread");
    if (this._is_stopped) return null;
    const seconds = timeoutSeconds(timeout, null);
    if (seconds !== null && seconds <= 0) return null;
    return new Suspension<null>((wake, _fail, thread) => {
      this._joiners.push(wake);
      if (seconds !== null) {
        setTimerFor(thread, seconds, () => {
          const index = this._joiners.indexOf(wake);
          if (index >= 0) this._joiners.splice(index, 1);
          wake(null);
        });
      }
    });
  }

  __repr__(): string {
    let status = "initial";
    if (this._started) status = "started";
    if (this._is_stopped) status = "stopped";
    if (this._daemonic) status += " daemon";
    if (this._ident !== null) status += ` ${this._ident}`;
    return `<${typeName(this)}(${this._name}, ${status})>`;
  }
}

export class _MainThread extends Thread {
  constructor() {
    super(kw({ name: "MainThread", daemon: false }));
    this._started = true;
    this._ident = newIdent();
    this._native_id = BigInt(nodeProcess()?.pid ?? 1);
    active.set(this._ident, this);
  }
}

/** A thread that does not belong to threading (an asyncio loop callback outside any): the main one. */
const mainThread = new _MainThread();
registerMainThread(mainThread);

export function currentThread(): Thread {
  const running = runningThread();
  return running instanceof Thread ? running : mainThread;
}

/** `threading.Timer(interval, function, args=None, kwargs=None)`. */
export class Timer extends Thread {
  interval: unknown;
  function: unknown;
  args: unknown[];
  kwargs: unknown;
  finished = new Event();

  constructor(...params: unknown[]) {
    const [interval, fn, args, kwargs] = bindArgs("Timer", params, ["interval", "function", "args", "kwargs"]);
    super();
    this.interval = interval;
    this.function = fn;
    this.args = args === undefined || args === null ? [] : [...iterable(args)];
    this.kwargs = kwargs ?? null;
  }

  cancel(): null {
    this.finished.set();
    return null;
  }

  override run(): unknown {
    return (async () => {
      const waited = this.finished.wait(this.interval);
      if (isThenable(waited)) await waited;
      if (!this.finished.is_set()) {
        const extra = this.kwargs === null ? [] : [kw(this.kwargs as never)];
        const result = callValue(this.function, ...this.args, ...extra);
        if (isThenable(result)) await result;
      }
      this.finished.set();
      return null;
    })();
  }
}

/** What threading.excepthook receives: a struct sequence of four fields. */
export class ExceptHookArgs extends TupleSubclass<unknown> {
  constructor(sequence: unknown) {
    const values = Array.from(iterable(sequence));
    if (values.length !== 4) throw new PyTypeError(`_thread._ExceptHookArgs() takes a 4-sequence (${values.length}-sequence given)`);
    super(values);
  }
  get exc_type(): unknown { return this.items[0]; }
  get exc_value(): unknown { return this.items[1]; }
  get exc_traceback(): unknown { return this.items[2]; }
  get thread(): unknown { return this.items[3]; }
  __repr__(): string {
    return `_thread._ExceptHookArgs(${EXCEPT_HOOK_FIELDS.map((f, i) => `${f}=${repr(this.items[i])}`).join(", ")})`;
  }
}
const EXCEPT_HOOK_FIELDS = ["exc_type", "exc_value", "exc_traceback", "thread"] as const;
// (CPython's is the `_thread` module's structseq type, re-exported by threading)
Object.defineProperties(ExceptHookArgs, { __module__: { value: "_thread" }, pythonName: { value: "_ExceptHookArgs" } });
structSequence(ExceptHookArgs, 4);

function defaultExcepthook(args: unknown): null {
  const hookArgs = args as ExceptHookArgs;
  if (hookArgs.exc_type === SystemExit) return null;
  const thread = hookArgs.thread as Thread | null;
  const name = thread instanceof Thread ? thread.name : String(currentThread().name);
  const stderr = standardStreams.stderr as unknown as { write(text: string): unknown; flush?(): unknown };
  stderr.write(`Exception in thread ${name}:\n${displayException(hookArgs.exc_value)}`);
  stderr.flush?.();
  return null;
}

function reportThreadError(thread: Thread, error: unknown): void {
  const hook = threadingModule.excepthook;
  const args = new ExceptHookArgs([(error as object).constructor, error, tracebackOf(error), thread]);
  try {
    const result = callValue(hook, args);
    if (isThenable(result)) void Promise.resolve(result).catch(() => undefined);
  } catch (hookError) {
    defaultExcepthook(new ExceptHookArgs([(hookError as object).constructor, hookError, tracebackOf(hookError), thread]));
  }
}

/** `threading.local()`: attributes seen by the thread that set them only. */
export class local {
  [attr: string]: any;
  static readonly tpName = "_thread._local";
  static readonly __module__ = "_thread";
  static readonly pythonName = "_local";
  constructor(...args: unknown[]) {
    if (args.length > 0 && !(args.length === 1 && isKwargs(args[0]))) throw new PyTypeError("Initialization arguments are not supported");
    const perThread = new WeakMap<object, Map<string | symbol, unknown>>();
    const slots = (): Map<string | symbol, unknown> => {
      const thread = currentThread();
      let map = perThread.get(thread);
      if (map === undefined) perThread.set(thread, (map = new Map()));
      return map;
    };
    return new Proxy(this, {
      get(target, key, receiver) {
        const map = slots();
        if (map.has(key)) return map.get(key);
        return Reflect.get(target, key, receiver);
      },
      set(_target, key, value) {
        slots().set(key, value);
        return true;
      },
      has(target, key) {
        return slots().has(key) || Reflect.has(target, key);
      },
      deleteProperty(_target, key) {
        return slots().delete(key);
      },
      ownKeys() {
        return [...slots().keys()];
      },
      getOwnPropertyDescriptor(_target, key) {
        const map = slots();
        return map.has(key) ? { value: map.get(key), writable: true, enumerable: true, configurable: true } : undefined;
      },
    });
  }
}

function enumerateThreads(): Thread[] {
  return [...active.values()];
}

let threadStackSize = 0n;

/**
 * threading.settrace/setprofile: the hook new threads install with sys.settrace/setprofile.
 * pyts's frames raise no call, line or return events, so a hook could never run: None (no hook,
 * the only state there is) is taken, a function refused rather than silently ignored.
 */
function hookSetter(kind: "trace" | "profile"): (func: unknown) => null {
  return (func) => {
    if (!isNone(func)) throw new NotImplementedError(`threading.set${kind}(): pyts runs no ${kind} functions (its frames raise no call, line or return events)`);
    return null;
  };
}

export const threadingModule = moduleObject("threading", {
  Thread: pyClass(Thread),
  Timer: pyClass(Timer),
  Lock: pyClass(Lock),
  RLock: pyClass(RLock),
  Condition: pyClass(Condition),
  Semaphore: pyClass(Semaphore),
  BoundedSemaphore: pyClass(BoundedSemaphore),
  Event: pyClass(Event),
  Barrier: pyClass(Barrier),
  BrokenBarrierError,
  /** `_thread.error` is RuntimeError itself */
  ThreadError: RuntimeError,
  ExceptHookArgs: pyClass(ExceptHookArgs),
  /** `stack_size([size])`: the size new threads get (0: the platform's); green threads have none of their own, so it is only kept */
  stack_size: (size: unknown = 0n): bigint => {
    const previous = threadStackSize;
    if (typeof size !== "bigint") throw new PyTypeError(`'${typeName(size)}' object cannot be interpreted as an integer`);
    if (size !== 0n && size < 32768n) throw new ValueError("size not valid: " + String(size) + " bytes");
    threadStackSize = size;
    return previous;
  },
  local: pyClass(local),
  TIMEOUT_MAX,
  current_thread: currentThread,
  currentThread,
  main_thread: (): Thread => mainThread,
  get_ident: (): bigint => currentThread()._ident!,
  get_native_id: (): bigint => currentThread()._native_id!,
  active_count: (): bigint => BigInt(active.size),
  activeCount: (): bigint => BigInt(active.size),
  enumerate: enumerateThreads,
  excepthook: defaultExcepthook as unknown,
  __excepthook__: defaultExcepthook,
  settrace: hookSetter("trace"),
  setprofile: hookSetter("profile"),
  gettrace: (): null => null,
  getprofile: (): null => null,
  /** threading.py's `from _weakrefset import WeakSet` (read late: weakref's files import this one's) */
  get WeakSet(): any {
    return (standardModule("weakref") as unknown as { WeakSet: unknown }).WeakSet;
  },
});
