// Python's `logging`: loggers in a dotted hierarchy, handlers with levels, %-style Formatters,
// basicConfig, the module-level shortcuts (which call basicConfig on first use, as CPython
// does) and the last-resort handler that prints bare messages to stderr.
//
// logging.exception() needs the exception being handled: pass `kw({ exc_info: e })`, or let
// the lowering wrap the call in `handling(caught, ...)` (values/handled.ts) inside an except block.

import { nodeProcess } from "../core/host.js";
import { configModule } from "./logging-config.js";
import { makeHandlersModule } from "./logging-handlers.js";
import { enterHandler, exitHandler, handledException } from "../lang/handled.js";
import { typeOf } from "../values/builtin-types.js";
import { Dict } from "../values/dict.js";
import { BaseException, KeyError, PyTypeError, ValueError } from "../values/exceptions.js";
import { Kwargs, splitKw, type KwArgs } from "../values/kwargs.js";
import { percentFormat } from "../values/percent-format.js";
import { repr, toStr } from "../values/repr.js";
import { formatException } from "../values/traceback.js";
import { truthy } from "../values/truth.js";
import { Tuple } from "../values/tuple.js";
import { isNone, pyClass } from "./callable-class.js";
import { callValue } from "./pycall.js";
import { shareClassAttributes } from "../lang/objects.js";
import { Manager } from "./logging-manager.js";
import { localtime, strftime } from "./time.js";
import { moduleObject } from "./module-object.js";
import { Filter, Filterer } from "./logging-filter.js";
import { LoggerAdapter, setLevelNames } from "./logging-adapter.js";
import { FileHandler, Handler, NullHandler, StderrHandler, StreamHandler } from "./logging-handler.js";

export { FileHandler, Handler, NullHandler, StreamHandler };

export const CRITICAL = 50n;
export const ERROR = 40n;
export const WARNING = 30n;
export const INFO = 20n;
export const DEBUG = 10n;
export const NOTSET = 0n;

const levelToName = new Map<bigint, string>([
  [CRITICAL, "CRITICAL"], [ERROR, "ERROR"], [WARNING, "WARNING"], [INFO, "INFO"], [DEBUG, "DEBUG"], [NOTSET, "NOTSET"],
]);
const nameToLevel = new Map<string, bigint>([...levelToName].map(([l, n]) => [n, l]));
nameToLevel.set("WARN", WARNING);
nameToLevel.set("FATAL", CRITICAL);

export function getLevelName(level: unknown): any {
  if (typeof level === "bigint" && levelToName.has(level)) return levelToName.get(level);
  if (typeof level === "string" && nameToLevel.has(level)) return nameToLevel.get(level);
  return `Level ${toStr(level)}`;
}

export function addLevelName(level: bigint, name: string): null {
  levelToName.set(level, name);
  nameToLevel.set(name, level);
  return null;
}

export function checkLevel(level: unknown): bigint {
  if (typeof level === "bigint") return level;
  if (typeof level === "boolean") return level ? 1n : 0n;
  if (typeof level === "string") {
    const l = nameToLevel.get(level);
    if (l === undefined) throw new ValueError(`Unknown level: ${repr(level)}`);
    return l;
  }
  throw new PyTypeError(`Level not an integer or a valid string: ${repr(level)}`);
}

// The exceptions being handled right now (innermost last), for logging.exception().
export function enterExceptionHandler(e: unknown): void {
  enterHandler(e);
}
export function exitExceptionHandler(): void {
  exitHandler();
}

const startTime = Date.now() / 1000;

/** Where the logging call came from, read off the mapped traceback frames when available. */
function callSite(): { funcName: string; lineno: bigint; pathname: string } {
  const probe = new Error();
  // Innermost Python frame: runtime frames (if a provider shows them) do not name a .py file.
  const frames = formatException(probe).split("\n").filter((l) => /^ {2}File ".*\.py", line /.test(l));
  const last = frames.at(-1);
  const m = last ? /File "(.*)", line (\d+), in (.*)$/.exec(last) : null;
  if (!m) return { funcName: "<module>", lineno: 0n, pathname: nodeProcess()?.argv[1] ?? "<stdin>" };
  return { pathname: m[1]!, lineno: BigInt(m[2]!), funcName: m[3]! };
}

const RECORD_FIELDS = new Set(["name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module",
  "exc_info", "exc_text", "lineno", "funcName", "created", "msecs", "relativeCreated", "thread", "threadName",
  "processName", "process", "message", "asctime"]);

/** A record's call-site attributes, instance attributes as in CPython, read from the call site when first asked for. */
type SiteRecord = { where(): { funcName: string | null; lineno: bigint; pathname: string } };
const siteAttribute = (read: (record: SiteRecord) => unknown, name: string): PropertyDescriptor => ({
  get(this: SiteRecord) {
    return read(this);
  },
  // (assigned, it is the value given: a filter may rewrite it)
  set(this: SiteRecord, value: unknown) {
    Object.defineProperty(this, name, { value, writable: true, configurable: true, enumerable: true });
  },
  configurable: true,
  enumerable: true,
});
const fileName = (record: SiteRecord): string => {
  const path = record.where().pathname;
  return path.split("/").at(-1) ?? path;
};
const SITE_ATTRIBUTES: PropertyDescriptorMap = {
  pathname: siteAttribute((r) => r.where().pathname, "pathname"),
  filename: siteAttribute(fileName, "filename"),
  module: siteAttribute((r) => fileName(r).replace(/\.py$/, ""), "module"),
  lineno: siteAttribute((r) => r.where().lineno, "lineno"),
  funcName: siteAttribute((r) => r.where().funcName, "funcName"),
};

export class LogRecord {
  // (`extra=` and programs add attributes of their own)
  [attr: string]: any;
  static readonly __module__ = "logging";
  created = Date.now() / 1000;
  msecs = Math.floor((this.created - Math.floor(this.created)) * 1000) + 0.0;
  readonly relativeCreated = (this.created - startTime) * 1000;
  readonly levelname: string;
  readonly process = BigInt(nodeProcess()?.pid ?? 0);
  readonly processName = "MainProcess";
  readonly thread = 1n;
  readonly threadName = "MainThread";
  message = "";
  asctime = "";
  exc_text: string | null = null;
  private site: { funcName: string | null; lineno: bigint; pathname: string } | null = null;
  declare readonly pathname: string;
  declare readonly filename: string;
  declare readonly module: string;
  declare readonly lineno: bigint;
  declare readonly funcName: string | null;

  /**
   * CPython's `LogRecord(name, level, pathname, lineno, msg, args, exc_info, func=None,
   * sinfo=None)`; a logger passes `pathname` null, and the call site is read when asked for.
   */
  constructor(
    readonly name: string,
    readonly levelno: bigint,
    pathname: unknown,
    lineno: unknown,
    readonly msg: unknown,
    readonly args: unknown,
    readonly exc_info: unknown,
    func: unknown = null,
    readonly stack_info: unknown = null,
  ) {
    // (`func=` and `sinfo=` given by keyword from Python)
    for (const given of [func, stack_info]) {
      if (!(given instanceof Kwargs)) continue;
      const [, kws] = splitKw([given]);
      func = given === func ? null : func;
      if (given === stack_info) this.stack_info = null;
      for (const [key, value] of Object.entries(kws)) {
        if (key === "func") func = value;
        else if (key === "sinfo") this.stack_info = value;
        else throw new PyTypeError(`LogRecord.__init__() got an unexpected keyword argument '${key}'`);
      }
    }
    this.levelname = String(getLevelName(levelno));
    if (!isNone(pathname)) this.site = { pathname: toStr(pathname), lineno: lineno as bigint, funcName: isNone(func) ? null : toStr(func) };
    Object.defineProperties(this, SITE_ATTRIBUTES);
  }

  /** The call site, read when first asked for. */
  where(): { funcName: string | null; lineno: bigint; pathname: string } {
    return (this.site ??= callSite());
  }

  getMessage(): string {
    const text = toStr(this.msg);
    const args = this.args as Tuple | Dict;
    // (CPython: `if self.args: msg = msg % self.args`)
    if ((args instanceof Tuple && args.length === 0) || args === null || args === undefined || (args instanceof Dict && args.size === 0)) return text;
    return percentFormat(text, args);
  }

  /** The attributes a format string can name, as a lazy mapping for `%(name)s`. */
  attributes(): { __getitem__(key: unknown): unknown } {
    return {
      __getitem__: (key: unknown) => {
        if (typeof key !== "string" || !(RECORD_FIELDS.has(key) || (Object.hasOwn(this, key) && key !== "site"))) throw new KeyError(key);
        return (this as unknown as Record<string, unknown>)[key];
      },
    };
  }

  __repr__(): string {
    return `<LogRecord: ${this.name}, ${this.levelno}, ${this.pathname}, ${this.lineno}, ${repr(toStr(this.msg))}>`;
  }
}

export const BASIC_FORMAT = "%(levelname)s:%(name)s:%(message)s";

export class Formatter {
  static readonly __module__ = "logging";
  // (class attributes a subclass or an assignment may replace: `Formatter.converter = time.gmtime`)
  static converter: any = localtime;
  static default_time_format: unknown = "%Y-%m-%d %H:%M:%S";
  static default_msec_format: unknown = "%s,%03d";
  static {
    shareClassAttributes(this, ["converter", "default_time_format", "default_msec_format"]);
  }
  declare converter: any;
  declare default_time_format: unknown;
  declare default_msec_format: unknown;
  readonly fmt: string;
  readonly datefmt: string | null;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const fmt = pos.length > 0 ? pos[0] : (kws["fmt"] ?? null);
    const datefmt = pos.length > 1 ? pos[1] : (kws["datefmt"] ?? null);
    const style = pos.length > 2 ? pos[2] : (kws["style"] ?? "%");
    if (style !== "%") throw new ValueError("pyts supports only '%' logging format style");
    this.fmt = isNone(fmt) ? "%(message)s" : String(fmt);
    this.datefmt = isNone(datefmt) ? null : String(datefmt);
  }

  usesTime(): boolean {
    return this.fmt.includes("%(asctime)");
  }

  formatTime(record: LogRecord, datefmt: unknown = null): string {
    const converter = this.converter;
    const t = converter === localtime ? localtime(record.created) : callValue(converter, record.created);
    if (truthy(datefmt)) return strftime(datefmt, t);
    const text = strftime(this.default_time_format, t);
    return truthy(this.default_msec_format) ? percentFormat(toStr(this.default_msec_format), Tuple.of(text, record.msecs)) : text;
  }

  /** `formatMessage(record)`: the format string filled from the record's attributes. */
  formatMessage(record: LogRecord): string {
    return percentFormat(this.fmt, record.attributes());
  }

  /** `formatStack(stack_info)`: how a record's stack text shows (as it is, here). */
  formatStack(stackInfo: unknown): unknown {
    return stackInfo;
  }

  formatException(exc: unknown): string {
    const e = exc instanceof Tuple ? exc.items[1] : exc;
    return formatException(e).replace(/\n$/, "");
  }

  format(record: LogRecord): string {
    record.message = record.getMessage();
    if (this.usesTime()) record.asctime = this.formatTime(record, this.datefmt);
    let s = this.formatMessage(record);
    if (!isNone(record.exc_info) && record.exc_info !== false) {
      record.exc_text ??= this.formatException(record.exc_info);
    }
    if (record.exc_text) s = (s.endsWith("\n") ? s : s + "\n") + record.exc_text;
    if (truthy(record.stack_info)) s = (s.endsWith("\n") ? s : s + "\n") + toStr(this.formatStack(record.stack_info));
    return s;
  }
}

export const defaultFormatter = new Formatter();


/** Used when no handler anywhere in the hierarchy takes a record: bare messages to stderr. */
const lastResort = new StderrHandler();
lastResort.setLevel(WARNING);

const loggers = new Map<string, Logger>();
/** The loggers made so far, by name (logging.config disables the ones a configuration leaves out). */
export function existingLoggers(): Map<string, Logger> {
  return loggers;
}
let disabledBelow = NOTSET;

export class Logger extends Filterer {
  static readonly __module__ = "logging";
  level: bigint;
  handlers: Handler[] = [];
  propagate = true;
  disabled = false;

  declare parent: Logger | null;

  constructor(readonly name: string, level: unknown = NOTSET) {
    super();
    this.level = checkLevel(level);
    // (an instance attribute in CPython, none of the class's: found in the hierarchy when read)
    Object.defineProperty(this, "parent", PARENT);
  }

  setLevel(level: unknown): null {
    this.level = checkLevel(level);
    return null;
  }
  getEffectiveLevel(): bigint {
    for (let l: Logger | null = this; l; l = l.parent) if (l.level) return l.level;
    return NOTSET;
  }
  isEnabledFor(level: unknown): boolean {
    const l = checkLevel(level);
    return !this.disabled && l > disabledBelow && l >= this.getEffectiveLevel();
  }
  addHandler(h: Handler): null {
    if (!this.handlers.includes(h)) this.handlers.push(h);
    return null;
  }
  removeHandler(h: Handler): null {
    this.handlers = this.handlers.filter((x) => x !== h);
    return null;
  }
  hasHandlers(): boolean {
    for (let l: Logger | null = this; l; l = l.propagate ? l.parent : null) if (l.handlers.length > 0) return true;
    return false;
  }
  getChild(suffix: string): Logger {
    return getLogger(this === root ? suffix : `${this.name}.${suffix}`);
  }

  /** The shared body of debug/info/...: level check, record, handlers up the hierarchy. */
  private emitAt(level: bigint, args: unknown[], excDefault = false): null {
    if (!this.isEnabledFor(level)) return null;
    const [pos, kws] = splitKw(args);
    const msg = pos[0];
    let rest: Tuple | Dict = Tuple.from(pos.slice(1));
    if (rest.length === 1 && rest.items[0] instanceof Dict && rest.items[0].size > 0) rest = rest.items[0];
    const record = new LogRecord(this.name, level, null, null, msg, rest, excInfo(kws, excDefault));
    addExtra(record, kws["extra"]);
    this.handle(record);
    return null;
  }

  /** `makeRecord(name, level, fn, lno, msg, args, exc_info, func=None, extra=None, sinfo=None)`. */
  makeRecord(...given: unknown[]): LogRecord {
    const [positional, keywords] = splitKw(given);
    const names = ["name", "level", "fn", "lno", "msg", "args", "exc_info", "func", "extra", "sinfo"];
    const [name, level, fn, lno, msg, args, exc_info, func = null, extra = null, sinfo = null] = names.map((n, i) => (i < positional.length ? positional[i] : keywords[n]));
    const record = new LogRecord(toStr(name), checkLevel(level), fn, lno, msg, args, exc_info, func, sinfo);
    addExtra(record, extra);
    return record;
  }

  /** `findCaller(stack_info=False, stacklevel=1)`: (file name, line number, function name, stack info). */
  findCaller(_stackInfo: unknown = false, _stacklevel: unknown = 1n): Tuple {
    const site = callSite();
    return Tuple.of(site.pathname, site.lineno, site.funcName, null);
  }

  handle(record: LogRecord): void {
    if (this.disabled || !this.filter(record)) return;
    this.callHandlers(record);
  }

  /** `callHandlers(record)`: the handlers of this logger and its parents (while they propagate). */
  callHandlers(record: LogRecord): null {
    let found = 0;
    for (let l: Logger | null = this; l; l = l.propagate ? l.parent : null) {
      for (const h of l.handlers) {
        found++;
        if (record.levelno >= h.level) h.handle(record);
      }
    }
    if (found === 0 && record.levelno >= lastResort.level) lastResort.handle(record);
    return null;
  }

  debug(...args: unknown[]): null {
    return this.emitAt(DEBUG, args);
  }
  info(...args: unknown[]): null {
    return this.emitAt(INFO, args);
  }
  warning(...args: unknown[]): null {
    return this.emitAt(WARNING, args);
  }
  warn(...args: unknown[]): null {
    return this.emitAt(WARNING, args);
  }
  error(...args: unknown[]): null {
    return this.emitAt(ERROR, args);
  }
  exception(...args: unknown[]): null {
    return this.emitAt(ERROR, args, true);
  }
  critical(...args: unknown[]): null {
    return this.emitAt(CRITICAL, args);
  }
  fatal(...args: unknown[]): null {
    return this.emitAt(CRITICAL, args);
  }
  log(level: unknown, ...args: unknown[]): null {
    return this.emitAt(checkLevel(level), args);
  }

  __repr__(): string {
    const kind = this === root ? "RootLogger" : "Logger";
    return `<${kind} ${this.name} (${String(getLevelName(this.getEffectiveLevel()))})>`;
  }
}

/** `extra=`: more attributes on the record (for the formatter), never the record's own. */
function addExtra(record: LogRecord, extra: unknown): void {
  if (!(extra instanceof Dict)) return;
  for (const [key, value] of extra.entries()) {
    const name = toStr(key);
    if (name === "message" || name === "asctime" || Object.hasOwn(record, name) || RECORD_FIELDS.has(name)) throw new KeyError(`Attempt to overwrite ${repr(name)} in LogRecord`);
    (record as unknown as Record<string, unknown>)[name] = value;
  }
}

/** A logger's `parent`: the nearest existing logger above it by name, else the root. */
const PARENT: PropertyDescriptor = {
  get(this: Logger): Logger | null {
    if (this === root) return null;
    for (let name = this.name; name.includes("."); ) {
      name = name.slice(0, name.lastIndexOf("."));
      const found = loggers.get(name);
      if (found) return found;
    }
    return root;
  },
  // (assigned, it is the value given)
  set(this: Logger, value: unknown) {
    Object.defineProperty(this, "parent", { value, writable: true, configurable: true });
  },
  configurable: true,
};

/** A record's exc_info as CPython keeps it: the (type, value, traceback) tuple, or None. */
function excInfo(kws: KwArgs, byDefault: boolean): any {
  const given = "exc_info" in kws ? kws["exc_info"] : byDefault;
  const tuple = (e: unknown): Tuple => Tuple.of(typeOf(e), e, (e as { __traceback__?: unknown }).__traceback__ ?? null);
  if (given instanceof BaseException || given instanceof Error) return tuple(given);
  if (given instanceof Tuple) return given.items[1] === null || given.items[1] === undefined ? null : given;
  if (truthy(given)) {
    const e = handledException();
    return e === null ? null : tuple(e);
  }
  return null;
}

export const root = new Logger("root", WARNING);
// (`Logger.root`, a class attribute, as CPython's)
Object.defineProperty(Logger, "root", { value: root, writable: true, configurable: true });
// (`Logger.manager`: the hierarchy's Manager, a class attribute too)
const manager = new Manager({
  root,
  getLogger: (name) => getLogger(name),
  disabledLevel: () => disabledBelow,
  setDisabledLevel: (level) => void (disabledBelow = checkLevel(level)),
});
Object.defineProperty(Logger, "manager", { value: manager, writable: true, configurable: true });
shareClassAttributes(Logger, ["root", "manager"]);
setLevelNames((level) => String(getLevelName(level)));

export function getLogger(name: unknown = null): Logger {
  if (isNone(name) || name === "" || name === "root") return root;
  if (typeof name !== "string") throw new PyTypeError("A logger name must be a string");
  let logger = loggers.get(name);
  if (!logger) {
    loggers.set(name, (logger = new Logger(name)));
    manager.registered(name, logger);
  }
  return logger;
}

/** `basicConfig(**kwargs)`: gives the root logger a handler, unless it has one (or force=True). */
export function basicConfig(...args: unknown[]): null {
  const [, kws] = splitKw(args);
  if (truthy(kws["force"])) root.handlers = [];
  if (root.handlers.length > 0) return null;
  let handlers = kws["handlers"] as Handler[] | null | undefined;
  if (isNone(handlers)) {
    if (!isNone(kws["stream"]) && !isNone(kws["filename"])) {
      throw new ValueError("'stream' and 'filename' should not be specified together");
    }
    handlers = [
      isNone(kws["filename"])
        ? new StreamHandler(isNone(kws["stream"]) ? null : kws["stream"])
        : new FileHandler(kws["filename"], kws["filemode"] ?? "a"),
    ];
  }
  const formatter = new Formatter(kws["format"] ?? BASIC_FORMAT, kws["datefmt"] ?? null, kws["style"] ?? "%");
  for (const h of handlers) {
    if (h.formatter === null) h.setFormatter(formatter);
    root.addHandler(h);
  }
  if (!isNone(kws["level"])) root.setLevel(kws["level"]);
  return null;
}

/** Module-level shortcuts configure the root logger on first use, as CPython's do. */
function viaRoot(method: "debug" | "info" | "warning" | "error" | "exception" | "critical"): (...a: unknown[]) => null {
  return (...args: unknown[]) => {
    if (root.handlers.length === 0) basicConfig();
    return root[method](...args);
  };
}

function log(level: unknown, ...args: unknown[]): null {
  if (root.handlers.length === 0) basicConfig();
  return root.log(level, ...args);
}

export function disable(level: unknown = CRITICAL): null {
  disabledBelow = checkLevel(level);
  return null;
}

export const loggingModule = moduleObject("logging", {
  CRITICAL, FATAL: CRITICAL, ERROR, WARNING, WARN: WARNING, INFO, DEBUG, NOTSET,
  BASIC_FORMAT,
  root,
  getLogger,
  basicConfig,
  getLevelName,
  addLevelName,
  disable,
  debug: viaRoot("debug"),
  info: viaRoot("info"),
  warning: viaRoot("warning"),
  warn: viaRoot("warning"),
  error: viaRoot("error"),
  exception: viaRoot("exception"),
  critical: viaRoot("critical"),
  fatal: viaRoot("critical"),
  log,
  shutdown: (): null => null,
  Logger: pyClass(Logger),
  LogRecord: pyClass(LogRecord),
  Formatter: pyClass(Formatter),
  Handler: pyClass(Handler),
  StreamHandler: pyClass(StreamHandler),
  FileHandler: pyClass(FileHandler),
  NullHandler: pyClass(NullHandler),
  Filter: pyClass(Filter),
  Filterer: pyClass(Filterer),
  LoggerAdapter: pyClass(LoggerAdapter),
  config: configModule,
  handlers: makeHandlersModule({ Handler, FileHandler, ERROR, NOTSET }),
});
