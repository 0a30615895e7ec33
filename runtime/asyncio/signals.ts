// loop.add_signal_handler / remove_signal_handler (Unix event loops): the signal module's
// handler becomes a no-op that schedules the callback on the loop, as CPython's wakeup fd
// does, so the callback runs in a later iteration, not inside the signal.

import { PyTypeError, RuntimeError, ValueError } from "../values/exceptions.js";
import { asIndex } from "../values/slice.js";
import { iscoroutinefunction } from "../core/coroutine-function.js";
import { isCoroutine } from "../core/coroutine.js";
import type { signalModule as SignalModule } from "../modules/signal.js";
import { standardModule } from "../modules/module-object.js";
import { EventLoop } from "./events.js";

/** The signal module, whose file loads with the first handler (not with every program's start). */
const signals = (): typeof SignalModule => standardModule("signal") as typeof SignalModule;

declare module "./events.js" {
  interface EventLoop {
    add_signal_handler(sig: unknown, callback: unknown, ...args: unknown[]): null;
    remove_signal_handler(sig: unknown): boolean;
  }
}

const installed = new WeakMap<EventLoop, Map<number, unknown>>();

function signalNumber(sig: unknown): number {
  const n = asIndex(sig);
  if (n === undefined) throw new PyTypeError(`sig must be an int, not ${typeof sig}`);
  if (n < 1n || n >= 65n) throw new ValueError(`invalid signal number ${n}`);
  return Number(n);
}

function add_signal_handler(this: EventLoop, sig: unknown, callback: unknown, ...args: unknown[]): null {
  if (isCoroutine(callback) || iscoroutinefunction(callback)) throw new PyTypeError("coroutines cannot be used with add_signal_handler()");
  const n = signalNumber(sig);
  if (n === 9 || n === 19) throw new RuntimeError(`sig ${n} cannot be caught`);
  this._check_closed();
  const loop = this;
  const _sighandler_noop = function _sighandler_noop(): null {
    if (!loop.is_closed()) loop.call_soon_threadsafe(callback as never, ...args);
    return null;
  };
  signals().signal(BigInt(n), _sighandler_noop);
  let table = installed.get(this);
  if (table === undefined) installed.set(this, (table = new Map()));
  table.set(n, _sighandler_noop);
  return null;
}

function remove_signal_handler(this: EventLoop, sig: unknown): boolean {
  const n = signalNumber(sig);
  const table = installed.get(this);
  if (table === undefined || !table.delete(n)) return false;
  const signal = signals();
  signal.signal(BigInt(n), n === 2 ? signal.default_int_handler : signal.SIG_DFL);
  return true;
}

Object.defineProperty(EventLoop.prototype, "add_signal_handler", { value: add_signal_handler, writable: true, configurable: true });
Object.defineProperty(EventLoop.prototype, "remove_signal_handler", { value: remove_signal_handler, writable: true, configurable: true });
