// CPython's asyncio debug mode (`asyncio.run(..., debug=True)`, `loop.set_debug(True)`,
// PYTHONASYNCIODEBUG): futures and tasks remember where they were created (their reprs end
// with `created at FILE:LINE`), and while a debug loop runs, coroutines remember their origin
// for the "never awaited" warning. Lines inside CPython's own asyncio package are named as
// Debian's python3.11 installs it (pyts has no such files; the line numbers are 3.11's).

import { absoluteSourcePath } from "../core/code-location.js";
import { environment } from "../core/host.js";
import { pythonFrames } from "../values/traceback.js";

export const ASYNCIO_DIR = "/usr/lib/python3.11/asyncio";

/** CPython's `coroutines._is_debug_mode()`: PYTHONASYNCIODEBUG set to a non-empty value. */
export function debugFromEnvironment(): boolean {
  return Boolean(environment("PYTHONASYNCIODEBUG"));
}

/** Where each future made while its loop was in debug mode was created. */
const created = new WeakMap<object, string>();
/** The line of CPython's asyncio that stands for the runtime code making a future now. */
let site: string | null = null;

/** Runs `make` with futures it creates attributed to `where` (`tasks.py:384`) in asyncio. */
export function atSite<T>(where: string, make: () => T): T {
  const outer = site;
  site = where;
  try {
    return make();
  } finally {
    site = outer;
  }
}

/** `FILE:LINE` of the innermost Python frame running now, or null when frames are not mapped. */
export function programSite(): string | null {
  const frames = pythonFrames(new Error());
  const m = /File "(.*)", line (\d+)/.exec(frames[frames.length - 1] ?? "");
  return m ? `${absoluteSourcePath(m[1]!)}:${m[2]}` : null;
}

/** A future of a debug-mode loop was made: remember where (CPython's `_source_traceback[-1]`). */
export function noteCreation(future: object): void {
  const where = site !== null ? `${ASYNCIO_DIR}/${site}` : programSite();
  if (where !== null) created.set(future, where);
}

/** `created at FILE:LINE` for a repr, when the future was made in debug mode. */
export function creationInfo(future: object): string | null {
  const where = created.get(future);
  return where === undefined ? null : `created at ${where}`;
}
