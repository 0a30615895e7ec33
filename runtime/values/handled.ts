// The exceptions being handled right now (innermost last): what `sys.exc_info()`,
// `sys.exception()`, `traceback.print_exc()` and `logging.exception()` report. The except
// handlers of a module that reads them record themselves (src/lower/exceptions.ts).

const stack: unknown[] = [];


/** The innermost exception being handled, or null. */
export function currentHandled(): unknown {
  return stack.length > 0 ? stack[stack.length - 1] : null;
}

export function enterHandler(exc: unknown): void {
  stack.push(exc);
}

export function exitHandler(): void {
  stack.pop();
}
