// The exceptions being handled right now, innermost last: what sys.exc_info(), sys.exception()
// and logging.exception() report. Handlers record themselves (enterHandler/exitHandler) in
// modules that read `exc_info` or `exception` (src/lower/exceptions.ts).

const handling: unknown[] = [];

export function enterHandler(e: unknown): void {
  handling.push(e);
}

export function exitHandler(): void {
  handling.pop();
}

/** The exception the innermost running handler caught, or null. */
export function handledException(): unknown {
  return handling.length > 0 ? handling[handling.length - 1] : null;
}
