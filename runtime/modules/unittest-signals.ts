// The control-C handling of Lib/unittest/signals.py: installHandler puts a SIGINT handler in
// place whose first control-C asks every registered result (TextTestRunner registers its
// own) to stop, and whose second interrupts as Python's default handler does;
// registerResult/removeResult keep the results weakly, removeHandler restores the handler
// (or, as a decorator, runs a function with it removed).

import { PyTypeError } from "../values/exceptions.js";
import { getattrImpl } from "../values/attributes.js";
import { callMethod } from "../values/methods.js";
import { isNone } from "./callable-class.js";
import { standardModule } from "./module-object.js";
import { callValue } from "./pycall.js";

const results = new WeakSet<object>();
/** The results a control-C stops, in registration order (those still in `results`). */
const registered: WeakRef<object>[] = [];

export function registerResult(result: unknown): null {
  if (typeof result !== "object" && typeof result !== "function") throw new PyTypeError(`cannot create weak reference to '${typeof result}' object`);
  if (!results.has(result as object)) registered.push(new WeakRef(result as object));
  results.add(result as object);
  return null;
}

export function removeResult(result: unknown): boolean {
  return (typeof result === "object" || typeof result === "function") && result !== null && results.delete(result);
}

interface SignalModule {
  signal: (sig: unknown, handler: unknown) => unknown;
  getsignal: (sig: unknown) => unknown;
  default_int_handler: unknown;
  SIG_DFL: unknown;
  SIG_IGN: unknown;
  SIGINT: unknown;
}

/** `_InterruptHandler`: the first control-C stops every registered result, the second interrupts. */
interface InterruptHandler {
  (signum: unknown, frame: unknown): null;
  called: boolean;
  original_handler: unknown;
  default_handler: unknown;
}

let interruptHandler: InterruptHandler | null = null;

function makeInterruptHandler(signals: SignalModule, original: unknown): InterruptHandler {
  let fallback = original;
  if (original === signals.SIG_DFL) fallback = signals.default_int_handler;
  else if (original === signals.SIG_IGN) fallback = (): null => null;
  else if (typeof original === "bigint" || typeof original === "number" || (typeof original === "object" && original !== null && typeof (original as { __index__?: unknown }).__index__ === "function" && typeof (original as { __call__?: unknown }).__call__ !== "function")) {
    throw new PyTypeError("expected SIGINT signal handler to be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
  }
  const handler = ((signum: unknown, frame: unknown): null => {
    if (signals.getsignal(signals.SIGINT) !== handler) callValue(handler.default_handler, signum, frame);
    if (handler.called) callValue(handler.default_handler, signum, frame);
    handler.called = true;
    for (const ref of registered) {
      const result = ref.deref();
      if (result !== undefined && results.has(result)) callMethod(result, "stop");
    }
    return null;
  }) as InterruptHandler;
  Object.defineProperty(handler, "__name__", { value: "_InterruptHandler" });
  handler.called = false;
  handler.original_handler = original;
  handler.default_handler = fallback;
  return handler;
}

export function installHandler(): null {
  if (interruptHandler === null) {
    const signals = standardModule("signal") as unknown as SignalModule;
    interruptHandler = makeInterruptHandler(signals, signals.getsignal(signals.SIGINT));
    signals.signal(signals.SIGINT, interruptHandler);
  }
  return null;
}

export function removeHandler(method: unknown = null): unknown {
  const signals = standardModule("signal") as unknown as SignalModule;
  if (!isNone(method)) {
    // As a decorator: the function runs with Python's default control-C handling.
    const inner = (...args: unknown[]): unknown => {
      const initial = signals.getsignal(signals.SIGINT);
      removeHandler();
      try {
        return callValue(method, ...args);
      } finally {
        signals.signal(signals.SIGINT, initial);
      }
    };
    for (const name of ["__name__", "__qualname__", "__doc__", "__module__"]) {
      try {
        Object.defineProperty(inner, name, { value: getattrImpl(method, name), configurable: true });
      } catch {
        // (an attribute the wrapped callable lacks is left out, as functools.wraps does)
      }
    }
    Object.defineProperty(inner, "__wrapped__", { value: method, configurable: true });
    return inner;
  }
  if (interruptHandler !== null) signals.signal(signals.SIGINT, interruptHandler.original_handler);
  return null;
}
