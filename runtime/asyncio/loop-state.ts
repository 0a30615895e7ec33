// Which loop is running, and the default policy's current loop (asyncio.events functions).

import { RuntimeError, PyTypeError } from "../values/exceptions.js";
import { EventLoop } from "./events.js";

let runningLoop: EventLoop | null = null;
let currentLoop: EventLoop | null = null;
/** Once set_event_loop was called, get_event_loop no longer creates loops (CPython's policy). */
let setCalled = false;

export function _get_running_loop(): EventLoop | null {
  return runningLoop;
}

export function _set_running_loop(loop: EventLoop | null): void {
  runningLoop = loop;
}

export function get_running_loop(): EventLoop {
  if (runningLoop === null) throw new RuntimeError("no running event loop");
  return runningLoop;
}

export function new_event_loop(): EventLoop {
  return new EventLoop();
}

export function set_event_loop(loop: unknown): null {
  if (loop !== null && loop !== undefined && !(loop instanceof EventLoop)) {
    throw new PyTypeError(`loop must be an instance of AbstractEventLoop or None, not '${typeof loop}'`);
  }
  setCalled = true;
  currentLoop = (loop as EventLoop | null | undefined) ?? null;
  return null;
}

/** The running loop, else the policy's loop, made on first use in the main thread. */
export function get_event_loop(): EventLoop {
  if (runningLoop !== null) return runningLoop;
  if (currentLoop === null && !setCalled) set_event_loop(new_event_loop());
  if (currentLoop === null) {
    throw new RuntimeError("There is no current event loop in thread 'MainThread'.");
  }
  return currentLoop;
}

/** Restores the initial policy state (for tests). */
export function _reset_event_loop_policy(): void {
  currentLoop = null;
  setCalled = false;
  runningLoop = null;
}
