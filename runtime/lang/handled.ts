// The exceptions being handled right now, innermost last: what sys.exc_info(), sys.exception(),
// traceback.print_exc() and logging.exception() report. Handlers record themselves
// (enterHandler/exitHandler, src/lower/exceptions.ts) in modules that read them, and single
// calls inside an `except` block run under `handling` (src/lower/calls.ts): one stack for both.

export { enterHandler, exitHandler } from "../values/handled.js";
import { currentHandled } from "../values/handled.js";

/** The exception the innermost running handler caught, or null. */
export function handledException(): unknown {
  return currentHandled();
}
