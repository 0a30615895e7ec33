// CPython logs "Future exception was never retrieved" / "Task exception was never retrieved"
// when a failed future nobody asked is destroyed. Best effort here: a FinalizationRegistry for
// collected futures, a pass when their loop closes (where CPython has collected the tasks a
// finished `main()` held: `asyncio.run` closes its loop), and a process-exit pass for the
// ones still alive (CPython logs those while tearing down too).

import { onProcessExit } from "../core/host.js";
import type { ExceptionContext } from "./format.js";

interface ReportingLoop {
  call_exception_handler(context: ExceptionContext): unknown;
}

/** Held by the future and the registry; must not reference the future. */
export interface UnretrievedRecord {
  pending: boolean;
  readonly loop: ReportingLoop;
  readonly exception: unknown;
  readonly className: string;
  /** The future's repr, taken when it failed. */
  readonly futureRepr: string;
}

const live = new Set<UnretrievedRecord>();
let exitHookInstalled = false;

function report(record: UnretrievedRecord): void {
  if (!record.pending) return;
  record.pending = false;
  live.delete(record);
  const futureRepr = record.futureRepr;
  record.loop.call_exception_handler({
    message: `${record.className} exception was never retrieved`,
    exception: record.exception,
    future: { __repr__: () => futureRepr },
  });
}

const registry = new FinalizationRegistry<UnretrievedRecord>(report);

export function trackUnretrieved(future: object, record: UnretrievedRecord): void {
  live.add(record);
  registry.register(future, record, future);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    onProcessExit(reportAllUnretrieved);
  }
}

export function markRetrieved(future: object, record: UnretrievedRecord): void {
  record.pending = false;
  live.delete(record);
  registry.unregister(future);
}

/** `loop.close()`: the failed futures of the loop nobody asked, reported as CPython reports them when collected. */
export function reportUnretrievedOf(loop: object): void {
  for (const record of [...live]) if (record.loop === loop) report(record);
}

export function reportAllUnretrieved(): void {
  for (const record of [...live]) report(record);
}

/** Drops all tracking without reporting (for tests). */
export function forgetUnretrieved(): void {
  for (const record of live) record.pending = false;
  live.clear();
}
