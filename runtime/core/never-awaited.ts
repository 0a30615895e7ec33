// CPython warns "coroutine 'f' was never awaited" when a coroutine object that never started is
// destroyed. JS has no refcounting, so this is best effort: a FinalizationRegistry reports
// coroutines collected unstarted, and a process-exit hook reports the ones still alive then
// (CPython reports those too, while tearing the interpreter down).

import { onProcessExit, writeStderr } from "./host.js";

/** Shared between a coroutine and its registry entry; must not reference the coroutine. */
export interface UnstartedRecord {
  readonly qualname: string;
  reported: boolean;
  /** Registered with the FinalizationRegistry (and in `pending`). */
  registered: boolean;
}

const pending = new Set<UnstartedRecord>();
let exitHookInstalled = false;
/** Python's default warning filter shows one text from one place once. */
const shown = new Set<string>();

/** Where warnings go; tests replace it to observe them. */
export let warningSink: (text: string) => void = (text) => writeStderr(text);

export function setWarningSink(sink: (text: string) => void): void {
  warningSink = sink;
}

let hintShown = false;

function report(record: UnstartedRecord, atExit = false): void {
  if (record.reported) return;
  record.reported = true;
  pending.delete(record);
  const text = `sys:1: RuntimeWarning: coroutine '${record.qualname}' was never awaited\n`;
  if (shown.has(text)) return;
  shown.add(text);
  // CPython adds the tracemalloc hint once, and not to warnings printed during shutdown.
  let hint = "";
  if (!atExit && !hintShown) {
    hintShown = true;
    hint = "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n";
  }
  warningSink(text + hint);
}

const registry = new FinalizationRegistry<UnstartedRecord>((record) => report(record));

/** What a watched coroutine carries (fields on the coroutine, so watching allocates nothing). */
export interface Watched {
  readonly __qualname__: string;
  /** Started, closed or handed to a Task: it can no longer warn. */
  _neverWarn: boolean;
  /** Its registry record, once registered. */
  _watch: UnstartedRecord | null;
}

/**
 * Coroutines made since the last flush. Most are awaited (or wrapped in a Task) at once, so
 * registering each with the FinalizationRegistry, which is costly, is deferred to a microtask.
 */
const fresh: (Watched | undefined)[] = [];
/** How many of `fresh` are in use: the array is reused, as `length = 0` is a slow runtime call. */
let freshCount = 0;
let flushQueued = false;

/**
 * Registers the fresh coroutines still unstarted. The event loop calls this after every
 * callback, so the ones awaited at once are never held past their step (holding them longer
 * keeps garbage alive through young-generation collections).
 */
export function flushFresh(): void {
  const count = freshCount;
  if (count === 0) return;
  freshCount = 0;
  for (let i = 0; i < count; i++) {
    const coro = fresh[i]!;
    fresh[i] = undefined;
    if (coro._neverWarn) continue;
    const record: UnstartedRecord = { qualname: coro.__qualname__, reported: false, registered: true };
    coro._watch = record;
    pending.add(record);
    registry.register(coro, record, coro);
  }
}

function flushFreshTask(): void {
  flushQueued = false;
  flushFresh();
}

/** Starts watching a freshly made coroutine. */
export function watchUnstarted(coro: Watched): void {
  fresh[freshCount++] = coro;
  if (!flushQueued) {
    flushQueued = true;
    queueMicrotask(flushFreshTask);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      onProcessExit(reportAllUnstarted);
    }
  }
}

/** The coroutine started (or was closed, or a Task owns it): it will never warn. */
export function markStarted(coro: Watched): void {
  coro._neverWarn = true;
  const record = coro._watch;
  if (record === null) return;
  coro._watch = null;
  record.reported = true;
  pending.delete(record);
  registry.unregister(coro);
}

/** Reports every coroutine still unstarted (run at process exit). */
export function reportAllUnstarted(): void {
  flushFresh();
  for (const record of [...pending]) report(record, true);
}

/** Forgets all tracked coroutines without reporting (for tests). */
export function forgetUnstarted(): void {
  for (let i = 0; i < freshCount; i++) fresh[i]!._neverWarn = true;
  fresh.length = 0;
  freshCount = 0;
  for (const record of pending) record.reported = true;
  pending.clear();
  shown.clear();
  hintShown = false;
}
