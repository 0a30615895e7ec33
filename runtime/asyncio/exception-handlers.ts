// The loop's error reports (call_exception_handler): to the program's handler as a Dict, or
// logged as CPython's default handler logs them; a failing handler is itself logged.
import { KeyboardInterrupt, SystemExit } from "../values/exceptions.js";
import { Dict } from "../values/dict.js";
import { logExceptionContext, type ExceptionContext } from "./format.js";

/** What a loop reports to: the program's handler, or its default one. */
interface ReportingLoop {
  default_exception_handler(context: unknown): null;
}

/** Sends an error report to `handler` (the default one when null); never raises but to exit. */
export function reportToHandler<Loop extends ReportingLoop>(loop: Loop, handler: ((loop: Loop, context: unknown) => unknown) | null, context: ExceptionContext): void {
  if (handler === null) {
    try {
      loop.default_exception_handler(context);
    } catch (error) {
      if (error instanceof SystemExit || error instanceof KeyboardInterrupt) throw error;
      logExceptionContext({ message: "Exception in default exception handler", exception: error });
    }
    return;
  }
  try {
    handler(loop, Dict.fromRecord(context));
  } catch (error) {
    if (error instanceof SystemExit || error instanceof KeyboardInterrupt) throw error;
    try {
      loop.default_exception_handler({
        message: "Unhandled error in exception handler",
        exception: error,
        context: Dict.fromRecord(context),
      });
    } catch (inner) {
      if (inner instanceof SystemExit || inner instanceof KeyboardInterrupt) throw inner;
      logExceptionContext({ message: "Exception in default exception handler", exception: inner });
    }
  }
}

/** The context a handler gets: a Dict from Python code, a plain record from the runtime. */
export function contextRecord(context: unknown): ExceptionContext {
  if (context instanceof Dict) {
    const record: ExceptionContext = {};
    for (const [k, v] of context.entries()) record[String(k)] = v;
    return record;
  }
  return (context ?? {}) as ExceptionContext;
}

