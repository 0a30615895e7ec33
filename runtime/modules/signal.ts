// Python's `signal`: the Signals and Handlers enums, signal()/getsignal() installing Python
// handlers on Node's process signal events, default_int_handler, raise_signal and
// os.kill(os.getpid(), sig) running the handler at once (as CPython does before either
// returns), alarm() on a timer (the handler runs when the program next yields to the event
// loop: during asyncio, not inside a blocking time.sleep), setitimer/getitimer (ITIMER_REAL,
// the timer alarm shares), pthread_kill, the Sigmasks names, strsignal and valid_signals; the
// masks, sigwait* and set_wakeup_fd are signal-mask.ts's.

import { nodeProcess } from "../core/host.js";
import { KeyboardInterrupt, OSError, PyTypeError, ValueError } from "../values/exceptions.js";
import { PySet } from "../values/set.js";
import { Tuple } from "../values/tuple.js";
import { asIndex } from "../values/slice.js";
import { callable } from "../values/builtin-functions.js";
import { IntEnum, defineMembers } from "./enum.js";
import { callValue } from "./pycall.js";
import { moduleObject } from "./module-object.js";
import { connectSignalMask, holdIfBlocked, signalMasks, wakeUp } from "./signal-mask.js";

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
        if (holdIfBlocked(n, 0, 0)) return;
        wakeUp(n);
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
  if (holdIfBlocked(n)) return;
  wakeUp(n);
  if (runHandler(n)) return;
  if (n === 2) throw new KeyboardInterrupt();
  const name = nameOf(n);
  if (name !== undefined) nodeProcess()?.kill(nodeProcess()!.pid, name as NodeJS.Signals);
}

function raise_signal(sig: unknown): null {
  sendToSelf(signum(sig));
  return null;
}

/**
 * The process's real-time interval timer (ITIMER_REAL), which alarm() shares as on Linux: when
 * it expires SIGALRM is sent to this process (the handler runs when the program next yields to
 * the event loop), and it restarts with its interval if it has one.
 */
const realTimer = { handle: null as ReturnType<typeof setTimeout> | null, deadline: 0, interval: 0 };

function armRealTimer(delay: number, interval: number): void {
  if (realTimer.handle !== null) clearTimeout(realTimer.handle);
  realTimer.handle = null;
  realTimer.interval = interval;
  if (delay <= 0) return;
  realTimer.deadline = Date.now() + delay * 1000;
  realTimer.handle = setTimeout(() => {
    realTimer.handle = null;
    if (realTimer.interval > 0) armRealTimer(realTimer.interval, realTimer.interval);
    sendToSelf(14);
  }, delay * 1000);
  (realTimer.handle as { unref?: () => void }).unref?.();
}

function realTimerRemaining(): number {
  return realTimer.handle === null ? 0 : Math.max(0, (realTimer.deadline - Date.now()) / 1000);
}

function alarm(seconds: unknown): bigint {
  const s = signum(seconds);
  const remaining = realTimer.handle === null ? 0n : BigInt(Math.max(1, Math.round(realTimerRemaining())));
  armRealTimer(s, 0);
  return remaining;
}

/** `signal.ItimerError` (CPython's `signal.itimer_error`): setitimer/getitimer's OSError. */
class itimer_error extends OSError {
  static readonly __module__ = "signal";
}

/** The timer setitimer/getitimer name: ITIMER_REAL only (Node cannot count this process's CPU time as a timer). */
function checkTimer(which: unknown): void {
  if (signum(which) !== 0) throw new itimer_error(22n, "Invalid argument");
}

function seconds(x: unknown): number {
  if (typeof x === "bigint") return Number(x);
  if (typeof x === "number") return x;
  if (typeof x === "boolean") return x ? 1 : 0;
  throw new PyTypeError(`must be real number, not ${x === null ? "NoneType" : typeof x}`);
}

/** `signal.setitimer(which, seconds, interval=0.0)`: the timer's previous (delay, interval). */
function setitimer(which: unknown, delay: unknown, interval: unknown = 0): Tuple<number> {
  checkTimer(which);
  const [d, i] = [seconds(delay), seconds(interval)];
  if (d < 0 || i < 0) throw new itimer_error(22n, "Invalid argument");
  const previous = Tuple.of(realTimerRemaining(), realTimer.handle === null ? 0 : realTimer.interval);
  armRealTimer(d, i);
  return previous;
}

/** `signal.getitimer(which)`: (delay, interval) of the timer. */
function getitimer(which: unknown): Tuple<number> {
  checkTimer(which);
  return Tuple.of(realTimerRemaining(), realTimer.handle === null ? 0 : realTimer.interval);
}

class Sigmasks extends IntEnumBase {
  [attr: string]: any;
  static SIG_BLOCK = 0n;
  static SIG_UNBLOCK = 1n;
  static SIG_SETMASK = 2n;
  static {
    defineMembers(this, ["SIG_BLOCK", "SIG_UNBLOCK", "SIG_SETMASK"]);
  }
}
Object.defineProperty(Sigmasks, "__module__", { value: "signal" });
const maskMember = (name: string): any => (Sigmasks as unknown as Record<string, unknown>)[name];

/** `signal.pthread_kill(thread_id, signalnum)`: green threads share the process, whose handler runs in the main thread as in CPython. */
function pthread_kill(_threadId: unknown, sig: unknown): null {
  const n = signum(sig);
  if (n !== 0) sendToSelf(n);
  return null;
}

const signalMember = (name: SignalName): any => (Signals as unknown as Record<string, unknown>)[name];

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

connectSignalMask({
  nameOf,
  member: (n) => (nameOf(n) !== undefined ? (Signals as unknown as Record<string, unknown>)[nameOf(n)!] : BigInt(n)),
  signum,
  hasPythonHandler: (n) => !isDefault(handlers.get(n) ?? SIG_DFL) && !isIgnore(handlers.get(n)),
  deliver: (n) => {
    wakeUp(n);
    if (runHandler(n)) return;
    if (n === 2) throw new KeyboardInterrupt();
    const name = nameOf(n);
    if (name !== undefined) nodeProcess()?.kill(nodeProcess()!.pid, name as NodeJS.Signals);
  },
});

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
  // Linux's other names of three signals (aliases of the Signals members)
  SIGIOT: signalMember("SIGABRT"),
  SIGCLD: signalMember("SIGCHLD"),
  SIGPOLL: signalMember("SIGIO"),
  ITIMER_REAL: 0n,
  ITIMER_VIRTUAL: 1n,
  ITIMER_PROF: 2n,
  ItimerError: itimer_error,
  setitimer,
  getitimer,
  Sigmasks,
  SIG_BLOCK: maskMember("SIG_BLOCK"),
  SIG_UNBLOCK: maskMember("SIG_UNBLOCK"),
  SIG_SETMASK: maskMember("SIG_SETMASK"),
  pthread_kill,
  ...signalMasks,
});
