// CPython warns "coroutine 'f' was never awaited" when a coroutine object that never started is
// destroyed. JS has no refcounting, so this is best effort: a FinalizationRegistry reports
// coroutines collected unstarted, and a process-exit hook reports the ones still alive then
// (CPython reports those too, while tearing the interpreter down).

import { pythonFrames } from "../values/traceback.js";
import { absoluteSourcePath } from "./code-location.js";
import { onProcessExit, writeStderr } from "./host.js";

/** Shared between a coroutine and its registry entry; must not reference the coroutine. */
export interface UnstartedRecord {
  readonly qualname: string;
  reported: boolean;
  /** Registered with the FinalizationRegistry (and in `pending`). */
  registered: boolean;
  /** Where it was made, when origin tracking was on (asyncio debug mode). */
  origin?: Origin | undefined;
}

/**
 * A coroutine's origin (CPython's cr_origin): the stack when it was made, and the stack that
 * started the debug loop, whose Python frames lie below a task's own (the loop's steps start
 * from Node's event loop, not from the code that ran the asyncio loop).
 */
interface Origin {
  outer: Error;
  inner: Error;
  /** The `async def` line: the emitted function's own frame, which CPython's origin lacks. */
  defLine: number;
  /** How many frames, innermost first, the origin keeps (the tracking depth when it was made). */
  depth: number;
}

/** The stack of the code that started the running debug loop: origin tracking is on. */
let originOuter: Error | null = null;
const origins = new WeakMap<object, Origin>();

/** `sys.set_coroutine_origin_tracking_depth` as a debug loop sets it (null: off). */
export function setCoroutineOriginTracking(outer: Error | null): void {
  originOuter = outer;
}

/** The depth the program set with `sys.set_coroutine_origin_tracking_depth` (0: off). */
let programDepth = 0;
/** asyncio's DEBUG_STACK_DEPTH: a debug loop's depth when the program set none. */
const DEBUG_LOOP_DEPTH = 10;
const NO_OUTER_STACK = Object.assign(new Error(), { stack: "" });

export function setOriginTrackingDepth(depth: number): void {
  programDepth = depth;
}

export function originTrackingDepth(): number {
  return programDepth;
}

/** One frame: `  File "F", line N, in NAME` and its source line (caret lines dropped). */
function originFrames(origin: Origin): { head: string; source: string }[] {
  const frames: { head: string; source: string }[] = [];
  const inner = pythonFrames(origin.inner);
  if (inner.length > 0 && new RegExp(`, line ${origin.defLine}, `).test(inner[inner.length - 1]!)) inner.pop();
  for (const text of [...pythonFrames(origin.outer), ...inner].slice(-origin.depth)) {
    const [head, source] = text.split("\n");
    const m = /^ {2}File "(.*)", line (\d+), in (.*)$/.exec(head ?? "");
    if (!m) continue;
    frames.push({ head: `  File "${absoluteSourcePath(m[1]!)}", line ${m[2]}, in ${m[3]}`, source: source ?? "" });
  }
  return frames;
}

/** `cr_origin`: (filename, line, function) of the frames that made `coro`, innermost first; None untracked. */
export function coroutineOrigin(coro: object): [string, number, string][] | null {
  const origin = origins.get(coro);
  if (origin === undefined) return null;
  return originFrames(origin).reverse().map(({ head }) => {
    const m = /^ {2}File "(.*)", line (\d+), in (.*)$/.exec(head)!;
    return [m[1]!, Number(m[2]), m[3]!];
  });
}

/**
 * CPython's warning for a coroutine with an origin: located at its innermost frame (where the
 * unawaited coroutine is normally dropped), then "Coroutine created at" and the frames.
 */
function originWarning(qualname: string, origin: Origin): string | null {
  const frames = originFrames(origin);
  const last = frames[frames.length - 1];
  if (last === undefined) return null;
  const m = /File "(.*)", line (\d+)/.exec(last.head)!;
  const lines = [`${m[1]}:${m[2]}: RuntimeWarning: coroutine '${qualname}' was never awaited`, "Coroutine created at (most recent call last)"];
  for (const frame of frames) lines.push(frame.head, frame.source);
  lines.push(`  ${last.source.trim()}`);
  return lines.join("\n") + "\n";
}

const pending = new Set<UnstartedRecord>();
let exitHookInstalled = false;
/** Python's default warning filter shows one text from one place once. */
const shown = new Set<string>();

/** Where warnings go; tests replace it to observe them. */
let warningSink: (text: string) => void = (text) => writeStderr(text);

export function setWarningSink(sink: (text: string) => void): void {
  warningSink = sink;
}

function report(record: UnstartedRecord, atExit = false): void {
  if (record.reported) return;
  record.reported = true;
  pending.delete(record);
  const located = record.origin === undefined ? null : originWarning(record.qualname, record.origin);
  const text = located ?? `sys:1: RuntimeWarning: coroutine '${record.qualname}' was never awaited\n`;
  if (shown.has(text)) return;
  shown.add(text);
  // CPython adds the tracemalloc hint to each warning shown, but not to those printed during
  // shutdown (a located warning stands for one printed where the coroutine was dropped, not at exit).
  const hint = !atExit || located !== null ? "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n" : "";
  warningSink(text + hint);
}

const registry = new FinalizationRegistry<UnstartedRecord>((record) => report(record));

/** `_watch` of a coroutine that started, was closed or was handed to a Task: it can no longer warn. */
export const NO_WARNING: UnstartedRecord = Object.freeze({ qualname: "", reported: true, registered: false });

/** What a watched coroutine carries (a field on the coroutine, so watching allocates nothing). */
export interface Watched {
  readonly __qualname__: string;
  /** The `async def` line (0 for the runtime's own coroutines). */
  readonly _firstLine?: number;
  /** Its registry record once registered, NO_WARNING once it can no longer warn, else null. */
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
    if (coro._watch === NO_WARNING) continue;
    const record: UnstartedRecord = { qualname: coro.__qualname__, reported: false, registered: true, origin: origins.get(coro) };
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
  if (originOuter !== null || programDepth > 0) {
    const depth = programDepth > 0 ? programDepth : DEBUG_LOOP_DEPTH;
    origins.set(coro, { outer: originOuter ?? NO_OUTER_STACK, inner: new Error(), defLine: coro._firstLine ?? 0, depth });
  }
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
  const record = coro._watch;
  if (record === NO_WARNING) return;
  coro._watch = NO_WARNING;
  if (record === null) return;
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
  for (let i = 0; i < freshCount; i++) fresh[i]!._watch = NO_WARNING;
  fresh.length = 0;
  freshCount = 0;
  for (const record of pending) record.reported = true;
  pending.clear();
  shown.clear();
}
