// time's clock setters and per-thread CPU clocks. Node has no clock_settime, so setting a
// clock answers as the kernel answers an unprivileged process: CLOCK_REALTIME (and TAI, which
// follows it) refuses with EPERM, the clocks nobody may set with EINVAL; a privileged CPython
// would set the realtime clock instead. Python threads here all run on node's one thread, so
// every thread's CPU clock is that thread's: pthread_getcpuclockid answers the clock id glibc
// gives the main thread (built from the pid, as for CPython's main thread).

import { nodeProcess } from "../core/host.js";
import { OSError, PermissionError, PyTypeError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";

const intArg = (x: unknown): bigint => {
  if (typeof x === "bigint") return x;
  if (typeof x === "boolean") return x ? 1n : 0n;
  throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
};

function refuseSet(clockId: bigint): never {
  if (clockId === 0n || clockId === 11n) throw new PermissionError(1n, "Operation not permitted");
  throw new OSError(22n, "Invalid argument");
}

/** `time.clock_settime(clk_id, time)`: refused (see above) once the arguments check out. */
export function clock_settime(clockId: unknown, seconds: unknown): null {
  const id = intArg(clockId);
  if (typeof seconds !== "number") intArg(seconds);
  return refuseSet(id);
}

/** `time.clock_settime_ns(clk_id, time)`: nanoseconds, an int only. */
export function clock_settime_ns(clockId: unknown, nanoseconds: unknown): null {
  const id = intArg(clockId);
  if (typeof nanoseconds !== "bigint" && typeof nanoseconds !== "boolean") throw new PyTypeError(`expect int, got ${typeName(nanoseconds)}`);
  return refuseSet(id);
}

/** glibc's CPU-time clock id of the thread `tid`: (~tid << 3) | CPUCLOCK_PERTHREAD | CPUCLOCK_SCHED. */
export const THREAD_CPU_CLOCK = (): number => ((~(nodeProcess()?.pid ?? 1)) << 3) | 6;

/** `time.pthread_getcpuclockid(thread_id)`: the CPU clock of the (one) thread running Python. */
export function pthread_getcpuclockid(threadId: unknown): bigint {
  if (typeof threadId !== "bigint" && typeof threadId !== "boolean") throw new PyTypeError(`pthread_getcpuclockid() argument 1 must be int, not ${typeName(threadId)}`);
  return BigInt(THREAD_CPU_CLOCK());
}
