// The program's effort clock: seconds the process spent computing (its CPU time) plus seconds
// it spent in deliberate blocking calls (time.sleep, a blocking urlopen, input). Unlike the
// wall clock it stands still while the operating system has the process descheduled, which
// on a loaded machine can last tens of milliseconds; the event loop uses it to tell "this
// iteration was slow because the program made it slow" (CPython's case too) from "the machine
// was busy" (see EventLoop._dueTogether).
import { nodeProcess } from "./host.js";

let blockedSeconds = 0;

/** Records that the program has just blocked on purpose for `seconds`. */
export function noteBlocked(seconds: number): void {
  blockedSeconds += seconds;
}

/** CPU seconds plus blocked seconds; in a browser, which tells no CPU time, the page's clock. */
export function effortSeconds(): number {
  const process = nodeProcess();
  if (process === undefined) return performance.now() / 1000;
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6 + blockedSeconds;
}
