// `signal`'s masks, kept by the runtime (Node cannot change the kernel's mask, and Python
// handlers only ever run between bytecodes of the main thread anyway): a blocked signal that
// arrives (from outside through Node's signal events, or from os.kill/raise_signal) is pending
// instead of handled — a listener holds it off the default action — until pthread_sigmask
// unblocks it (it is delivered before pthread_sigmask returns, as in CPython) or sigwait /
// sigwaitinfo / sigtimedwait take it. set_wakeup_fd's descriptor gets the signal's number as
// a byte when a signal with a Python handler is delivered.
//
// What cannot be done synchronously is refused plainly: sigwait/sigwaitinfo with no signal
// pending (a signal from outside reaches the program only when it yields to the event loop,
// which a waiting call does not).
import { nodeModule, nodeProcess } from "../core/host.js";
import { NotImplementedError, OSError, PyTypeError, ValueError } from "../values/exceptions.js";
import { iterable } from "../values/iteration.js";
import { repr } from "../values/repr.js";
import { PySet } from "../values/set.js";
import { TupleSubclass } from "./struct-sequence.js";
import { asIndex } from "../values/slice.js";
import { pyClass, toInt, toNumber } from "./callable-class.js";

/** What signal.ts gives this file: names, members, and the action of a delivered signal. */
export interface SignalHost {
  nameOf(n: number): string | undefined;
  member(n: number): unknown;
  signum(x: unknown): number;
  deliver(n: number): void;
  hasPythonHandler(n: number): boolean;
}

let host: SignalHost | null = null;
export function connectSignalMask(h: SignalHost): void {
  host = h;
}

const blocked = new Set<number>();
/** Pending signals, in arrival order, each with the pid and uid of its sender. */
const pending = new Map<number, { pid: number; uid: number }>();
const holders = new Map<number, () => void>();
let wakeupFd = -1;

/** Whether `n` is blocked now; if so it is recorded as pending (sent by `pid`, `uid`). */
export function holdIfBlocked(n: number, pid: number = nodeProcess()?.pid ?? 0, uid: number = nodeProcess()?.getuid?.() ?? 0): boolean {
  if (!blocked.has(n)) return false;
  if (!pending.has(n)) pending.set(n, { pid, uid });
  return true;
}

/** Writes the signal's number to the wakeup descriptor (as CPython's C handler does), ignoring a full pipe. */
export function wakeUp(n: number): void {
  if (wakeupFd < 0 || host === null || !host.hasPythonHandler(n)) return;
  try {
    nodeModule("node:fs").writeSync(wakeupFd, Uint8Array.of(n));
  } catch {
    // a full or closed wakeup descriptor loses the byte, as in CPython
  }
}

function signalNumbers(mask: unknown): number[] {
  return Array.from(iterable(mask), (x) => {
    const n = host!.signum(x);
    if (n < 1 || n > 64) throw new ValueError(`signal number ${n} out of range [1; 64]`);
    return n;
  });
}

function maskSet(numbers: Iterable<number>): PySet {
  return new PySet([...numbers].sort((a, b) => a - b).map((n) => host!.member(n)));
}

/** Keeps the kernel's default action off a blocked signal: a listener that records it. */
function hold(n: number): void {
  const name = host!.nameOf(n);
  if (name === undefined || holders.has(n) || n === 9 || n === 19) return;
  const listener = (): void => void holdIfBlocked(n, 0, 0);
  holders.set(n, listener);
  nodeProcess()?.on(name as NodeJS.Signals, listener);
}

function release(n: number): void {
  const listener = holders.get(n);
  if (listener === undefined) return;
  nodeProcess()?.off(host!.nameOf(n) as NodeJS.Signals, listener);
  holders.delete(n);
}

function pthread_sigmask(how: unknown, mask: unknown): PySet {
  const kind = Number(asIndex(how) ?? toInt(how));
  const numbers = signalNumbers(mask).filter((n) => n !== 9 && n !== 19);
  if (kind < 0 || kind > 2) throw new OSError(22n, "Invalid argument");
  const previous = maskSet(blocked);
  if (kind === 0) for (const n of numbers) blocked.add(n);
  else if (kind === 1) for (const n of numbers) blocked.delete(n);
  else {
    blocked.clear();
    for (const n of numbers) blocked.add(n);
  }
  for (const n of blocked) hold(n);
  for (const n of [...holders.keys()]) if (!blocked.has(n)) release(n);
  for (const n of [...pending.keys()].sort((a, b) => a - b)) {
    if (blocked.has(n)) continue;
    pending.delete(n);
    host!.deliver(n);
  }
  return previous;
}

const SIGINFO_FIELDS = ["si_signo", "si_code", "si_errno", "si_pid", "si_uid", "si_status", "si_band"] as const;

/** `signal.struct_siginfo`: what sigwaitinfo/sigtimedwait return. */
export class struct_siginfo extends TupleSubclass<bigint> {
  static readonly __module__ = "signal";
  static readonly n_fields = 7n;
  static readonly n_sequence_fields = 7n;
  static readonly n_unnamed_fields = 0n;
  constructor(items: unknown) {
    const values = Array.from(iterable(items)) as bigint[];
    if (values.length !== 7) throw new PyTypeError(`signal.struct_siginfo() takes a 7-sequence (${values.length}-sequence given)`);
    super(values);
  }
  get si_signo(): bigint { return this.items[0]!; }
  get si_code(): bigint { return this.items[1]!; }
  get si_errno(): bigint { return this.items[2]!; }
  get si_pid(): bigint { return this.items[3]!; }
  get si_uid(): bigint { return this.items[4]!; }
  get si_status(): bigint { return this.items[5]!; }
  get si_band(): bigint { return this.items[6]!; }
  __repr__(): string {
    return `signal.struct_siginfo(${SIGINFO_FIELDS.map((f, i) => `${f}=${repr(this.items[i])}`).join(", ")})`;
  }
}
Object.defineProperty(struct_siginfo, "pythonName", { value: "struct_siginfo" });

/** Takes the lowest pending signal of `mask` (the kernel's order), or null. */
function take(mask: unknown): struct_siginfo | null {
  const wanted = new Set(signalNumbers(mask));
  const n = [...pending.keys()].sort((a, b) => a - b).find((s) => wanted.has(s));
  if (n === undefined) return null;
  const sender = pending.get(n)!;
  pending.delete(n);
  // si_code SI_USER (0) for kill(2); si_band is undefined for it (0 here)
  return new struct_siginfo([BigInt(n), 0n, 0n, BigInt(sender.pid), BigInt(sender.uid), 0n, 0n]);
}

function waitFor(mask: unknown, name: string): struct_siginfo {
  const info = take(mask);
  if (info === null) throw new NotImplementedError(`pyts: signal.${name}() with no signal of the set pending cannot wait (a signal reaches the program only when it yields to the event loop)`);
  return info;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a struct_siginfo or None
function sigtimedwait(mask: unknown, timeout: unknown): any {
  const seconds = toNumber(timeout);
  if (seconds < 0) throw new ValueError("timeout must be non-negative");
  const info = take(mask);
  if (info !== null) return info;
  // Only signals sent by this program become pending while it runs: none can arrive while it waits.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);
  return take(mask);
}

function siginterrupt(sig: unknown, flag: unknown): null {
  const n = host!.signum(sig);
  if (n < 1 || n > 64) throw new ValueError("signal number out of range");
  toInt(flag);
  // PEP 475: interrupted calls are retried either way; the flag changes nothing Python sees
  return null;
}

function set_wakeup_fd(...args: unknown[]): bigint {
  const fd = toInt(args[0]);
  const previous = wakeupFd;
  if (fd !== -1) {
    let flags: number;
    try {
      const info = nodeModule("node:fs").readFileSync(`/proc/self/fdinfo/${fd}`, "latin1");
      flags = parseInt(/^flags:\s*([0-7]+)/m.exec(info)?.[1] ?? "0", 8);
    } catch {
      throw new OSError(9n, "Bad file descriptor");
    }
    if ((flags & 0o4000) === 0) throw new ValueError(`the fd ${fd} must be in non-blocking mode`);
  }
  wakeupFd = fd;
  return BigInt(previous);
}

export const signalMasks = {
  pthread_sigmask,
  sigpending: (): PySet => maskSet(pending.keys()),
  sigwait: (mask: unknown): bigint => waitFor(mask, "sigwait").si_signo,
  sigwaitinfo: (mask: unknown): struct_siginfo => waitFor(mask, "sigwaitinfo"),
  sigtimedwait,
  siginterrupt,
  set_wakeup_fd,
  struct_siginfo: pyClass(struct_siginfo),
};
