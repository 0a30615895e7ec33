// The ready queue run with observers: a timeline recording (runtime/timeline) and CPython's
// debug mode, which logs every callback that takes longer than `slow_callback_duration`.
// The loop takes this path only when one of them is on (one check per iteration).

import { flushFresh } from "../core/never-awaited.js";
import { recording } from "../timeline/recorder.js";
import { repr } from "../values/repr.js";
import { TASK_WAKEUP, formatCallbackSource, logWarning, type Callback } from "./format.js";
import { Handle, TimerHandle, runCallback, type HandleLoop } from "./handles.js";

/** What the observed run needs of the loop. */
export interface ObservedLoop extends HandleLoop {
  readonly _ready: { shift(): unknown };
  _debug: boolean;
  slow_callback_duration: number;
  time(): number;
}

/** The task a callback steps (`Task.__step` and a task's wake-up carry it), else null. */
function taskOf(callback: Callback | null, arg: unknown): unknown {
  const self = (callback as { __self__?: unknown } | null)?.__self__;
  if (self !== undefined) return self;
  const qualname = (callback as { __qualname__?: string } | null)?.__qualname__;
  if (qualname === "Task.__step") return arg;
  // A task registered as a runtime future's done callback is woken with itself as the argument.
  const waking = qualname === "Task.task_wakeup" && typeof arg === "object" && arg !== null && TASK_WAKEUP in arg;
  return waking ? arg : null;
}

/** CPython's `_format_handle`: a task step shows as the task, anything else as the handle. */
function formatHandle(callback: Callback | null, args: readonly unknown[], handle: Handle | null): string {
  const task = taskOf(callback, args[0]);
  if (task !== null) return repr(task);
  if (handle !== null) return repr(handle);
  return `<Handle ${formatCallbackSource(callback!, args)}>`;
}

/** Runs the first `ntodo` entries of the ready queue, as EventLoop._processStep does. */
export function runReadyObserved(loop: ObservedLoop, ntodo: number, clock: number): void {
  const rec = recording.recorder;
  const ready = loop._ready;
  if (rec !== null) rec.iterationBegin(clock * 1000);
  for (let i = 0; i < ntodo; i++) {
    const entry = ready.shift();
    let handle: Handle | null = null;
    let callback: Callback | null;
    let args: readonly unknown[];
    if (typeof entry === "function") {
      i++;
      callback = entry as Callback;
      args = [ready.shift()];
    } else {
      handle = entry as Handle;
      if (handle._cancelled) continue;
      callback = handle._callback;
      args = handle._args ?? [];
    }
    const t0 = loop._debug ? loop.time() : 0;
    if (rec !== null) rec.callbackBegin();
    if (handle === null) runCallback(loop, callback!, args[0]);
    else handle._run();
    if (rec !== null) rec.callbackEnd(callback!, args, handle instanceof TimerHandle);
    if (loop._debug) {
      const dt = loop.time() - t0;
      if (dt >= loop.slow_callback_duration) {
        logWarning(`Executing ${formatHandle(callback, args, handle)} took ${dt.toFixed(3)} seconds`);
      }
    }
    flushFresh();
  }
  if (rec !== null) rec.iterationEnd();
}
