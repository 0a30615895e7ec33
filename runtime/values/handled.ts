// The exceptions being handled right now (innermost last): what `sys.exc_info()`,
// `sys.exception()`, `traceback.print_exc()` and `logging.exception()` report. The lowering
// wraps such calls made inside an `except` block in `handling(caught, () => call)`.

const stack: unknown[] = [];

export function handling<T>(exc: unknown, thunk: () => T): T {
  stack.push(exc);
  try {
    return thunk();
  } finally {
    stack.pop();
  }
}

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
