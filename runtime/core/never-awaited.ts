// CPython warns "coroutine 'f' was never awaited" when a coroutine object that never started is
// destroyed. JS has no refcounting, so this is best effort: a FinalizationRegistry reports
// coroutines collected unstarted, and a process-exit hook reports the ones still alive then
// (CPython reports those too, while tearing the interpreter down).

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
export let warningSink: (text: string) => void = (text) => process.stderr.write(text);

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

/**
 * Coroutines made since the last flush. Most are awaited at once, so registering each with the
 * FinalizationRegistry (costly) is deferred to a microtask, by which time most have started.
 */
let fresh: { token: object; record: UnstartedRecord }[] = [];
let flushQueued = false;

function flushFresh(): void {
  flushQueued = false;
  const batch = fresh;
  fresh = [];
  for (const { token, record } of batch) {
    if (record.reported) continue;
    record.registered = true;
    pending.add(record);
    registry.register(token, record, token);
  }
}

/** Starts watching a freshly made coroutine; `token` is the coroutine itself. */
export function watchUnstarted(token: object, qualname: string): UnstartedRecord {
  const record: UnstartedRecord = { qualname, reported: false, registered: false };
  fresh.push({ token, record });
  if (!flushQueued) {
    flushQueued = true;
    queueMicrotask(flushFresh);
  }
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", reportAllUnstarted);
  }
  return record;
}

/** The coroutine started (or was closed): it will never warn. */
export function markStarted(token: object, record: UnstartedRecord): void {
  record.reported = true;
  if (!record.registered) return;
  pending.delete(record);
  registry.unregister(token);
}

/** Reports every coroutine still unstarted (run at process exit). */
export function reportAllUnstarted(): void {
  flushFresh();
  for (const record of [...pending]) report(record, true);
}

/** Forgets all tracked coroutines without reporting (for tests). */
export function forgetUnstarted(): void {
  for (const { record } of fresh) record.reported = true;
  fresh = [];
  for (const record of pending) record.reported = true;
  pending.clear();
  shown.clear();
  hintShown = false;
}
