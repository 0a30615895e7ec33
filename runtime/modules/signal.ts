// Python's `signal`: the Signals and Handlers enums, signal()/getsignal() installing Python
// handlers on Node's process signal events, default_int_handler, raise_signal and
// os.kill(os.getpid(), sig) running the handler at once (as CPython does before either
// returns), alarm() on a timer (the handler runs when the program next yields to the event
// loop: during asyncio, not inside a blocking time.sleep), strsignal and valid_signals.

import { nodeProcess } from "../core/host.js";
import { KeyboardInterrupt, OSError, PyTypeError, ValueError } from "../values/exceptions.js";
import { PySet } from "../values/set.js";
import { asIndex } from "../values/slice.js";
import { callable } from "../values/builtin-functions.js";
import { IntEnum, defineMembers } from "./enum.js";
import { callValue } from "./pycall.js";
import { moduleObject } from "./module-object.js";

const NUMBERS = [
  ["SIGHUP", 1], ["SIGINT", 2], ["SIGQUIT", 3], ["SIGILL", 4], ["SIGTRAP", 5], ["SIGABRT", 6], ["SIGBUS", 7], ["SIGFPE", 8],
  ["SIGKILL", 9], ["SIGUSR1", 10], ["SIGSEGV", 11], ["SIGUSR2", 12], ["SIGPIPE", 13], ["SIGALRM", 14], ["SIGTERM", 15],
  ["SIGSTKFLT", 16], ["SIGCHLD", 17], ["SIGCONT", 18], ["SIGSTOP", 19], ["SIGTSTP", 20], ["SIGTTIN", 21], ["SIGTTOU", 22],
  ["SIGURG", 23], ["SIGXCPU", 24], ["SIGXFSZ", 25], ["SIGVTALRM", 26], ["SIGPROF", 27], ["SIGWINCH", 28], ["SIGIO", 29],
  ["SIGPWR", 30], ["SIGSYS", 31], ["SIGRTMIN", 34], ["SIGRTMAX", 64],
] as const;
type SignalName = (typeof NUMBERS)[number][0];
const DESCRIPTIONS: Record<number, string> = {
  1: "Hangup", 2: "Interrupt", 3: "Quit", 4: "Illegal instruction", 5: "Trace/breakpoint trap", 6: "Aborted", 7: "Bus error",
  8: "Floating point exception", 9: "Killed", 10: "User defined signal 1", 11: "Segmentation fault", 12: "User defined signal 2",
  13: "Broken pipe", 14: "Alarm clock", 15: "Terminated", 16: "Stack fault", 17: "Child exited", 18: "Continued",
  19: "Stopped (signal)", 20: "Stopped", 21: "Stopped (tty input)", 22: "Stopped (tty output)", 23: "Urgent I/O condition",
  24: "CPU time limit exceeded", 25: "File size limit exceeded", 26: "Virtual timer expired", 27: "Profiling timer expired",
  28: "Window changed", 29: "I/O possible", 30: "Power failure", 31: "Bad system call",
};

const IntEnumBase = IntEnum as unknown as new (...args: unknown[]) => object;

class Signals extends IntEnumBase {
  [attr: string]: any;
  static {
    for (const [name, n] of NUMBERS) (this as unknown as Record<string, bigint>)[name] = BigInt(n);
    defineMembers(this, NUMBERS.map(([name]) => name));
  }
}
Object.defineProperty(Signals, "__module__", { value: "signal" });

class Handlers extends IntEnumBase {
  [attr: string]: any;
  static SIG_DFL = 0n;
  static SIG_IGN = 1n;
  static {
    defineMembers(this, ["SIG_DFL", "SIG_IGN"]);
  }
}
Object.defineProperty(Handlers, "__module__", { value: "signal" });

const SIG_DFL = (Handlers as unknown as Record<string, unknown>).SIG_DFL;
const SIG_IGN = (Handlers as unknown as Record<string, unknown>).SIG_IGN;

function default_int_handler(..._args: unknown[]): never {
  throw new KeyboardInterrupt();
}
Object.defineProperty(default_int_handler, "__name__", { value: "default_int_handler" });

const handlers = new Map<number, unknown>([[2, default_int_handler]]);
const listeners = new Map<number, () => void>();

function signum(x: unknown): number {
  const i = asIndex(x);
  if (i !== undefined) return Number(i);
  if (typeof x === "boolean") return x ? 1 : 0;
  const value = (x as { value?: unknown } | null)?.value;
  if (x instanceof Signals && typeof value === "bigint") return Number(value);
  throw new PyTypeError(`'${typeof x === "number" ? "float" : "object"}' object cannot be interpreted as an integer`);
}

function nameOf(n: number): string | undefined {
  return NUMBERS.find(([, k]) => k === n)?.[0];
}

function isDefault(h: unknown): boolean {
  return h === SIG_DFL || h === 0n;
}
function isIgnore(h: unknown): boolean {
  return h === SIG_IGN || h === 1n;
}

/** Runs the Python handler of signal `n`; false when it has none (SIG_DFL). */
export function runHandler(n: number): boolean {
  const h = handlers.get(n) ?? SIG_DFL;
  if (isIgnore(h)) return true;
  if (isDefault(h)) return false;
  callValue(h, BigInt(n), null);
  return true;
}

function signal(sig: unknown, handler: unknown): unknown {
  const n = signum(sig);
  if (n < 1 || n >= 65) throw new ValueError("signal number out of range");
  if (!isDefault(handler) && !isIgnore(handler) && !callable(handler)) {
    throw new PyTypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
  }
  const name = nameOf(n);
  if (n === 9 || n === 19) throw new OSError(22n, "Invalid argument");
  const previous = handlers.get(n) ?? SIG_DFL;
  handlers.set(n, handler);
  const process = nodeProcess();
  if (process !== undefined && name !== undefined) {
    const old = listeners.get(n);
    if (old !== undefined) process.off(name as NodeJS.Signals, old);
    listeners.delete(n);
    if (!isDefault(handler)) {
      const listener = (): void => {
        runHandler(n);
      };
      listeners.set(n, listener);
      process.on(name as NodeJS.Signals, listener);
    }
  }
  return previous;
}

function getsignal(sig: unknown): unknown {
  return handlers.get(signum(sig)) ?? SIG_DFL;
}

/** Sends signal `n` to this process: a Python handler runs now; else the OS's default action. */
export function sendToSelf(n: number): void {
  if (runHandler(n)) return;
  if (n === 2) throw new KeyboardInterrupt();
  const name = nameOf(n);
  if (name !== undefined) nodeProcess()?.kill(nodeProcess()!.pid, name as NodeJS.Signals);
}

function raise_signal(sig: unknown): null {
  sendToSelf(signum(sig));
  return null;
}

let alarmTimer: ReturnType<typeof setTimeout> | null = null;
let alarmDeadline = 0;

function alarm(seconds: unknown): bigint {
  const s = signum(seconds);
  const remaining = alarmTimer === null ? 0n : BigInt(Math.max(1, Math.round((alarmDeadline - Date.now()) / 1000)));
  if (alarmTimer !== null) clearTimeout(alarmTimer);
  alarmTimer = null;
  if (s > 0) {
    alarmDeadline = Date.now() + s * 1000;
    alarmTimer = setTimeout(() => {
      alarmTimer = null;
      sendToSelf(14);
    }, s * 1000);
    (alarmTimer as { unref?: () => void }).unref?.();
  }
  return remaining;
}

function strsignal(sig: unknown): string | null {
  const n = signum(sig);
  if (n < 1 || n >= 65) throw new ValueError("signal number out of range");
  if (n >= 34) return `Real-time signal ${n - 34}`;
  return DESCRIPTIONS[n] ?? null;
}

function valid_signals(): PySet {
  const set = new PySet();
  for (let n = 1; n < 65; n++) if (n !== 32 && n !== 33) set.add(n >= 1 && NUMBERS.some(([, k]) => k === (n as number)) ? (Signals as unknown as Record<string, unknown>)[nameOf(n)!] : BigInt(n));
  return set;
}

const members = Object.fromEntries(NUMBERS.map(([name]) => [name, (Signals as unknown as Record<string, unknown>)[name]]));

export const signalModule = moduleObject("signal", {
  ...(members as Record<SignalName, any>),
  Signals,
  Handlers,
  SIG_DFL: SIG_DFL as any,
  SIG_IGN: SIG_IGN as any,
  NSIG: 65n,
  signal,
  getsignal,
  default_int_handler,
  raise_signal,
  alarm,
  strsignal,
  valid_signals,
});
