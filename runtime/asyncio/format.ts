// Text the loop shows for callbacks and exceptions (CPython's asyncio.format_helpers and the
// default exception handler), without file:line locations, which JS functions do not carry.

import { writeStderr } from "../core/host.js";
import { repr, toStr } from "../values/repr.js";
import { typeName } from "../values/typename.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Callback = ((...args: any[]) => unknown) | CallableObject;

/** An instance of a class defining `__call__`. */
export interface CallableObject {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  __call__(...args: any[]): unknown;
}

/**
 * Marks a Task registered as a future's done callback in place of its bound `task_wakeup`
 * (no closure per waiting task); the future's callback list shows it under that name.
 */
export const TASK_WAKEUP: unique symbol = Symbol("pyts.taskWakeup");

/** A callback's Python name: `__qualname__`, else its JS name without `bound `. */
export function callbackName(fn: Callback): string {
  // An object with `__call__` shows as its repr, as in CPython.
  if (typeof fn !== "function") return (fn as { [TASK_WAKEUP]?: boolean })[TASK_WAKEUP] === true ? "Task.task_wakeup" : repr(fn);
  const named = fn as unknown as { __qualname__?: unknown; __name__?: unknown };
  if (typeof named.__qualname__ === "string" && named.__qualname__) return named.__qualname__;
  if (typeof named.__name__ === "string" && named.__name__) return named.__name__;
  const name = fn.name.replace(/^(bound )+/, "");
  return name || repr(fn);
}

/** `f(1, 'a')`: a callback with its arguments, as CPython's `_format_callback_source`. */
export function formatCallback(fn: Callback, args: readonly unknown[]): string {
  return `${callbackName(fn)}(${args.map((a) => repr(a)).join(", ")})`;
}

/** Formats an exception for the loop's error log; replaceable by a traceback printer. */
let exceptionFormatter = (exc: unknown): string => {
  if (exc instanceof Error) {
    const text = toStr(exc);
    const name = typeName(exc);
    return text ? `${name}: ${text}` : name;
  }
  return toStr(exc);
};

export function setExceptionFormatter(formatter: (exc: unknown) => string): void {
  exceptionFormatter = formatter;
}

export function formatException(exc: unknown): string {
  return exceptionFormatter(exc);
}

/** Where the loop's log lines go; tests replace it. */
let errorSink = (text: string): void => {
  writeStderr(text);
};

export function setErrorSink(sink: (text: string) => void): void {
  errorSink = sink;
}

/** The context dict of `call_exception_handler`, keyed as in CPython. */
export interface ExceptionContext {
  message?: string;
  exception?: unknown;
  [key: string]: unknown;
}

/**
 * CPython's default exception handler: the message, then `key: repr(value)` for the other
 * context entries, then the exception.
 */
export function logExceptionContext(context: ExceptionContext): void {
  const lines = [context.message ?? "Unhandled exception in event loop"];
  for (const key of Object.keys(context).sort()) {
    if (key === "message" || key === "exception") continue;
    lines.push(`${key}: ${repr(context[key])}`);
  }
  if (context.exception !== undefined && context.exception !== null) {
    lines.push(formatException(context.exception));
  }
  errorSink(lines.join("\n") + "\n");
}

/** A warning of the `asyncio` logger: unconfigured logging prints just the message. */
export function logWarning(message: string): void {
  errorSink(message + "\n");
}
