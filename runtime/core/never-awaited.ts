// CPython warns "coroutine 'f' was never awaited" when a coroutine object that never started is
// destroyed. JS has no refcounting, so this is best effort: a FinalizationRegistry reports
// coroutines collected unstarted, and a process-exit hook reports the ones still alive then
// (CPython reports those too, while tearing the interpreter down).

/** Shared between a coroutine and its registry entry; must not reference the coroutine. */
export interface UnstartedRecord {
  readonly qualname: string;
  reported: boolean;
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

/** Starts watching a freshly made coroutine; `token` is the coroutine itself. */
export function watchUnstarted(token: object, qualname: string): UnstartedRecord {
  const record: UnstartedRecord = { qualname, reported: false };
  pending.add(record);
  registry.register(token, record, token);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", reportAllUnstarted);
  }
  return record;
}

/** The coroutine started (or was closed): it will never warn. */
export function markStarted(token: object, record: UnstartedRecord): void {
  record.reported = true;
  pending.delete(record);
  registry.unregister(token);
}

/** Reports every coroutine still unstarted (run at process exit). */
export function reportAllUnstarted(): void {
  for (const record of [...pending]) report(record, true);
}

/** Forgets all tracked coroutines without reporting (for tests). */
export function forgetUnstarted(): void {
  for (const record of pending) record.reported = true;
  pending.clear();
  shown.clear();
  hintShown = false;
}
