// assertRaises / assertRaisesRegex / assertWarns / assertWarnsRegex / assertLogs /
// assertNoLogs: context managers (and, for the first four, callables run at once), with
// Lib/unittest/case.py's messages.

import { BaseException, PyTypeError, Warning } from "../values/exceptions.js";
import { isinstance, issubclass } from "../values/builtin-functions.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { repr, toStr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { isClass } from "../values/typename.js";
import { isNone } from "./callable-class.js";
import { callValue } from "./pycall.js";
import { compilePattern } from "./re.js";
import { catch_warnings } from "./warnings.js";
import { Formatter, getLevelName, getLogger, Handler, INFO, Logger, type LogRecord } from "./logging.js";
import { makeNamedTuple } from "./namedtuple.js";
import { attrOr, type TestCase } from "./unittest-case.js";
import { failWith, formatMessage } from "./unittest-asserts.js";

function expectedName(expected: unknown): string {
  const name = attrOr(expected, "__name__", undefined);
  return name === undefined ? toStr(expected) : toStr(name);
}

function checkClasses(expected: unknown, base: unknown, what: string): void {
  const all = expected instanceof Tuple ? Array.from(expected) : [expected];
  if (all.length === 0 || !all.every((c) => isClass(c) && issubclass(c, base))) {
    throw new PyTypeError(`${what}() arg 1 must be ${base === BaseException ? "an exception type or tuple of exception types" : "a warning type or tuple of warning types"}`);
  }
}

function patternOf(regex: unknown): unknown {
  if (isNone(regex)) return null;
  return typeof regex === "string" ? compilePattern(regex) : regex;
}

/** The callable form: `assertRaises(Exc, f, *args, **kwargs)`; the context form otherwise. */
function handle(context: RaisesBase, name: string, args: unknown[]): unknown {
  const [pos, kw] = splitKw(args);
  if (pos.length === 0) {
    context.msg = kw["msg"] ?? null;
    const extra = Object.keys(kw).filter((k) => k !== "msg");
    if (extra.length > 0) throw new PyTypeError(`'${extra[0]}' is an invalid keyword argument for this function`);
    return context;
  }
  const [fn, ...rest] = pos;
  if (typeof fn !== "function" && isNone(attrOr(fn, "__call__", null))) throw new PyTypeError(`${name}() arg 1 must be callable`);
  context.objName = toStr(attrOr(fn, "__name__", repr(fn)));
  context.__enter__();
  let raised: unknown = null;
  try {
    callValue(fn, ...rest, ...(Object.keys(kw).length > 0 ? [new Kwargs(kw)] : []));
  } catch (e) {
    raised = e;
  }
  if (raised !== null) {
    if (!context.__exit__(null, raised, null)) throw raised;
  } else {
    context.__exit__(null, null, null);
  }
  return null;
}

abstract class RaisesBase {
  msg: unknown = null;
  objName: string | null = null;
  constructor(
    readonly expected: unknown,
    readonly test_case: TestCase,
    readonly expected_regex: unknown,
  ) {}
  raiseFailure(standard: string): never {
    failWith(this.test_case, formatMessage(this.test_case, this.msg, standard));
  }
  abstract __enter__(): unknown;
  abstract __exit__(type: unknown, value: unknown, tb: unknown): boolean;
}

export class AssertRaisesContext extends RaisesBase {
  static readonly pythonName = "_AssertRaisesContext";
  exception: unknown = null;

  __enter__(): unknown {
    return this;
  }

  __exit__(_type: unknown, value: unknown, _tb: unknown): boolean {
    if (isNone(value)) {
      const name = expectedName(this.expected);
      this.raiseFailure(this.objName !== null ? `${name} not raised by ${this.objName}` : `${name} not raised`);
    }
    if (!isinstance(value, this.expected)) return false;
    // stored without its traceback (shown so when a regex mismatch reports it as context)
    if (value instanceof BaseException) value.with_traceback(null);
    this.exception = value;
    const pattern = this.expected_regex;
    if (isNone(pattern)) return true;
    if (isNone(callMethod(pattern, "search", toStr(value)))) {
      this.raiseFailure(`"${toStr(attrOr(pattern, "pattern", pattern))}" does not match "${toStr(value)}"`);
    }
    return true;
  }
}

export class AssertWarnsContext extends RaisesBase {
  static readonly pythonName = "_AssertWarnsContext";
  warning: unknown = null;
  filename: unknown = null;
  lineno: unknown = null;
  warnings: unknown[] = [];
  #catcher: catch_warnings | null = null;

  __enter__(): unknown {
    this.#catcher = new catch_warnings(new Kwargs({ record: true, action: "always" }));
    this.warnings = this.#catcher.__enter__() as unknown[];
    return this;
  }

  __exit__(_type: unknown, value: unknown, _tb: unknown): boolean {
    this.#catcher?.__exit__(null, null, null);
    if (!isNone(value)) return false;
    const name = expectedName(this.expected);
    let firstMatching: unknown = null;
    for (const m of this.warnings) {
      const w = attrOr(m, "message", null);
      if (!isinstance(w, this.expected)) continue;
      if (isNone(firstMatching)) firstMatching = w;
      if (!isNone(this.expected_regex) && isNone(callMethod(this.expected_regex, "search", toStr(w)))) continue;
      this.warning = w;
      this.filename = attrOr(m, "filename", null);
      this.lineno = attrOr(m, "lineno", null);
      return false;
    }
    if (!isNone(firstMatching)) {
      this.raiseFailure(`"${toStr(attrOr(this.expected_regex, "pattern", this.expected_regex))}" does not match "${toStr(firstMatching)}"`);
    }
    this.raiseFailure(this.objName !== null ? `${name} not triggered by ${this.objName}` : `${name} not triggered`);
  }
}

export function assertRaises(this: TestCase, expected: unknown, ...args: unknown[]): unknown {
  checkClasses(expected, BaseException, "assertRaises");
  return handle(new AssertRaisesContext(expected, this, null), "assertRaises", args);
}

export function assertRaisesRegex(this: TestCase, expected: unknown, regex: unknown, ...args: unknown[]): unknown {
  checkClasses(expected, BaseException, "assertRaisesRegex");
  return handle(new AssertRaisesContext(expected, this, patternOf(regex)), "assertRaisesRegex", args);
}

export function assertWarns(this: TestCase, expected: unknown, ...args: unknown[]): unknown {
  checkClasses(expected, Warning, "assertWarns");
  return handle(new AssertWarnsContext(expected, this, null), "assertWarns", args);
}

export function assertWarnsRegex(this: TestCase, expected: unknown, regex: unknown, ...args: unknown[]): unknown {
  checkClasses(expected, Warning, "assertWarnsRegex");
  return handle(new AssertWarnsContext(expected, this, patternOf(regex)), "assertWarnsRegex", args);
}

// ---- assertLogs ----

const LoggingWatcher = makeNamedTuple("_LoggingWatcher", ["records", "output"], [], "unittest._log");

class CapturingHandler extends Handler {
  static readonly pythonName = "_CapturingHandler";
  readonly watcher = new LoggingWatcher([], []);
  override emit(record: LogRecord): null {
    (this.watcher.records as unknown[]).push(record);
    (this.watcher.output as unknown[]).push(this.format(record));
    return null;
  }
}

const LEVELS: Record<string, bigint> = { CRITICAL: 50n, FATAL: 50n, ERROR: 40n, WARN: 30n, WARNING: 30n, INFO: 20n, DEBUG: 10n, NOTSET: 0n };

export class AssertLogsContext {
  static readonly pythonName = "_AssertLogsContext";
  readonly level: unknown;
  msg: unknown = null;
  logger: Logger | null = null;
  watcher: any = null;
  #old: [Handler[], unknown, boolean] | null = null;

  constructor(
    readonly test_case: TestCase,
    readonly logger_name: unknown,
    level: unknown,
    readonly no_logs: boolean,
  ) {
    this.level = isNone(level) || level === "" ? INFO : typeof level === "string" ? (LEVELS[level] ?? level) : level;
  }

  __enter__(): unknown {
    const logger = this.logger_name instanceof Logger ? this.logger_name : getLogger(this.logger_name);
    this.logger = logger;
    const handler = new CapturingHandler();
    handler.setLevel(this.level);
    handler.setFormatter(new Formatter("%(levelname)s:%(name)s:%(message)s"));
    this.watcher = handler.watcher;
    this.#old = [logger.handlers.slice(), logger.level, logger.propagate];
    logger.handlers = [handler];
    logger.setLevel(this.level);
    logger.propagate = false;
    return this.no_logs ? null : handler.watcher;
  }

  __exit__(_type: unknown, value: unknown, _tb: unknown): boolean {
    const logger = this.logger!;
    const [handlers, level, propagate] = this.#old!;
    logger.handlers = handlers;
    logger.propagate = propagate;
    logger.setLevel(level);
    if (!isNone(value)) return false;
    const records = this.watcher.records as unknown[];
    if (this.no_logs) {
      if (records.length > 0) failWith(this.test_case, formatMessage(this.test_case, this.msg, `Unexpected logs found: ${repr(this.watcher.output)}`));
    } else if (records.length === 0) {
      failWith(this.test_case, formatMessage(this.test_case, this.msg, `no logs of level ${toStr(getLevelName(this.level))} or higher triggered on ${logger.name}`));
    }
    return false;
  }
}

export function assertLogs(this: TestCase, ...args: unknown[]): unknown {
  const [pos, kw] = splitKw(args);
  return new AssertLogsContext(this, pos[0] ?? kw["logger"] ?? null, pos[1] ?? kw["level"] ?? null, false);
}

export function assertNoLogs(this: TestCase, ...args: unknown[]): unknown {
  const [pos, kw] = splitKw(args);
  return new AssertLogsContext(this, pos[0] ?? kw["logger"] ?? null, pos[1] ?? kw["level"] ?? null, true);
}
