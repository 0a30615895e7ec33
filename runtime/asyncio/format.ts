// Text the loop shows for callbacks and exceptions (CPython's asyncio.format_helpers and the
// default exception handler). A Python function's location is its def's first line, which the
// lowering records on the function object (`pyDef(f, "f", spec, line)`), in the program's file.

import { programFile } from "../core/code-location.js";
import { writeStderr } from "../core/host.js";
import { boundParts, functionQualname } from "../lang/functions.js";
import { functionInfo } from "../lang/function-info.js";
import type { Dict } from "../values/dict.js";
import { repr, toStr } from "../values/repr.js";
import { standardStreams, stderr } from "../values/print.js";
import { BaseException } from "../values/exceptions.js";
import { formatException as formatTraceback, pythonFrames } from "../values/traceback.js";
import { limitedRepr } from "../values/reprlib.js";
import type { Tuple } from "../values/tuple.js";
import { isClass, qualName, typeName } from "../values/typename.js";

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

/** A functools.partial as runtime/modules/functools.ts makes it. */
interface PartialParts {
  __partial__?: boolean;
  func: unknown;
  args: Tuple;
  keywords: Dict<string, unknown>;
}

function partialParts(fn: unknown): PartialParts | null {
  return typeof fn === "function" && (fn as unknown as PartialParts).__partial__ === true ? (fn as unknown as PartialParts) : null;
}

/** A callback's Python name: `__qualname__`, else `__name__`, else its repr (CPython's `_format_callback`). */
export function callbackName(fn: Callback): string {
  // An object with `__call__` has no `__qualname__` of its own: it shows as its repr, as in CPython.
  if (typeof fn !== "function") {
    if ((fn as { [TASK_WAKEUP]?: boolean })[TASK_WAKEUP] === true) return "Task.task_wakeup";
    const named = fn as { __qualname__?: unknown; __name__?: unknown };
    if (typeof named.__qualname__ === "string" && named.__qualname__) return named.__qualname__;
    if (typeof named.__name__ === "string" && named.__name__) return named.__name__;
    return repr(fn);
  }
  if (isClass(fn)) return qualName(fn);
  const name = functionQualname(fn).replace(/^(bound )+/, "");
  return name || repr(fn);
}

/** `(1, 'a', key=2)`: arguments as reprlib shows them (CPython's `_format_args_and_kwargs`). */
function formatArguments(args: readonly unknown[], keywords: readonly (readonly [string, unknown])[]): string {
  const items = args.map((a) => limitedRepr(a));
  for (const [k, v] of keywords) items.push(`${k}=${limitedRepr(v)}`);
  return `(${items.join(", ")})`;
}

/** `f(1, 'a')`, `f(1)(2)` for a partial: a callback with its arguments (CPython's `_format_callback`). */
export function formatCallback(fn: Callback, args: readonly unknown[], keywords: readonly (readonly [string, unknown])[] = [], suffix = ""): string {
  const partial = partialParts(fn);
  if (partial !== null) return formatCallback(partial.func as Callback, partial.args.items, [...partial.keywords.entries()], formatArguments(args, keywords) + suffix);
  return callbackName(fn) + formatArguments(args, keywords) + suffix;
}

/**
 * Where a callback's code is (CPython's `_get_function_source`): the def's first line for a
 * Python function (through `__wrapped__` and partials), null for bound methods, classes,
 * builtins and the runtime's own functions.
 */
export function functionSource(fn: unknown): string | null {
  for (let depth = 0; depth < 100 && typeof fn === "function"; depth++) {
    const wrapped = (fn as { __wrapped__?: unknown }).__wrapped__;
    if (wrapped === undefined) break;
    fn = wrapped;
  }
  const partial = partialParts(fn);
  if (partial !== null) return functionSource(partial.func);
  if (typeof fn !== "function" || isClass(fn) || boundParts(fn) !== undefined) return null;
  const line = functionInfo(fn)?.firstLine ?? 0;
  return line > 0 ? `${programFile()}:${line}` : null;
}

/** `f(1) at /path/prog.py:12`: CPython's `_format_callback_source`. */
export function formatCallbackSource(fn: Callback, args: readonly unknown[]): string {
  const text = formatCallback(fn, args);
  const source = functionSource(fn);
  return source === null ? text : `${text} at ${source}`;
}

/**
 * Formats an exception for the loop's error log: its traceback as CPython's logger prints it,
 * with the program's frames (as every pyts traceback, not those of CPython's asyncio files).
 */
let exceptionFormatter = (exc: unknown): string => {
  // (one whose frames the runtime does not know, raised by runtime code alone: its line)
  if (exc instanceof BaseException && pythonFrames(exc).length > 0) return formatTraceback(exc).replace(/\n$/, "");
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

/** Where the loop's log lines go (Python's `sys.stderr`, as the logging module's last resort); tests replace it. */
let errorSink = (text: string): void => {
  const target = standardStreams.stderr;
  if (target === null) return;
  if (target === stderr) writeStderr(text);
  else target.write(text);
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
