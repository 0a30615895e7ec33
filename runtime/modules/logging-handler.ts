// logging's handlers (Lib/logging/__init__.py): Handler, with its lock and name (the
// registry logging.config fills), StreamHandler, FileHandler, NullHandler, and the
// _StderrHandler of last resort.
import { nodeModule } from "../core/host.js";
import { AttributeError, BaseException, PyTypeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { standardStreams, type TextFile } from "../values/print.js";
import { repr, toStr } from "../values/repr.js";
import { exceptionLine, formatException } from "../values/traceback.js";
import { shareClassAttributes } from "../lang/objects.js";
import { isNone } from "./callable-class.js";
import { Filterer } from "./logging-filter.js";
import { RLock } from "./threading-locks.js";
import { checkLevel, defaultFormatter, getLevelName, NOTSET, type Formatter, type LogRecord } from "./logging.js";

/** The named handlers (CPython's `logging._handlers`), by name. */
export const handlersByName = new Map<unknown, Handler>();

export class Handler extends Filterer {
  static readonly __module__ = "logging";
  level: bigint;
  formatter: Formatter | null = null;
  lock: unknown = null;
  #name: unknown = null;

  constructor(level: unknown = NOTSET) {
    super();
    this.level = checkLevel(level);
    callMethod(this, "createLock");
  }

  get_name(): unknown {
    return this.#name;
  }
  /** `set_name(name)`: a named handler is listed in logging's handler registry (logging.config's). */
  set_name(name: unknown): null {
    if (this.#name !== null && handlersByName.get(this.#name) === this) handlersByName.delete(this.#name);
    this.#name = name;
    if (!isNone(name)) handlersByName.set(name, this);
    return null;
  }
  get name(): unknown {
    return this.get_name();
  }
  set name(value: unknown) {
    callMethod(this, "set_name", value);
  }

  /** `createLock()`: the handler's lock, a threading.RLock serialising its I/O. */
  createLock(): null {
    this.lock = new RLock();
    return null;
  }
  acquire(): null {
    if (!isNone(this.lock)) callMethod(this.lock, "acquire");
    return null;
  }
  release(): null {
    if (!isNone(this.lock)) callMethod(this.lock, "release");
    return null;
  }

  setLevel(level: unknown): null {
    this.level = checkLevel(level);
    return null;
  }
  setFormatter(fmt: Formatter | null): null {
    this.formatter = fmt;
    return null;
  }
  format(record: LogRecord): string {
    return (this.formatter ?? defaultFormatter).format(record);
  }
  handle(record: LogRecord): boolean {
    const ok = this.filter(record);
    if (ok) {
      try {
        this.emit(record);
      } catch (e) {
        this.handleError(record, e);
      }
    }
    return ok;
  }
  emit(_record: LogRecord): void {
    throw new PyTypeError("emit must be implemented by Handler subclasses");
  }
  handleError(record: LogRecord, e: unknown): void {
    standardStreams.stderr?.write(
      `--- Logging error ---\n${e instanceof BaseException ? formatException(e) : exceptionLine(e) + "\n"}` +
        `Message: ${repr(record.msg)}\nArguments: ${repr(record.args)}\n`,
    );
  }
  flush(): null {
    return null;
  }
  close(): null {
    return null;
  }
  __repr__(): string {
    return `<${this.constructor.name} (${String(getLevelName(this.level))})>`;
  }
}

export class StreamHandler extends Handler {
  static terminator: unknown = "\n";
  static {
    shareClassAttributes(this, ["terminator"]);
  }
  declare terminator: string;
  declare stream: TextFile | null;

  constructor(...args: unknown[]) {
    super();
    const [pos, kws] = splitKw(args);
    const stream = pos.length > 0 ? pos[0] : (kws["stream"] ?? null);
    // None means the sys.stderr of the moment the handler is made (None too, if it is None)
    // (an instance attribute, as CPython's; _StderrHandler's is its class's property)
    if (!(this instanceof StderrHandler)) this.stream = isNone(stream) ? standardStreams.stderr : (stream as TextFile);
  }

  /** `setStream(stream)`: flushes and replaces the stream; the old one, or None if it is the same. */
  setStream(stream: unknown): unknown {
    if (stream === this.stream) return null;
    const old = this.stream;
    callMethod(this, "acquire");
    try {
      callMethod(this, "flush");
      this.stream = stream as TextFile | null;
    } finally {
      callMethod(this, "release");
    }
    return old;
  }
  override emit(record: LogRecord): void {
    const msg = this.format(record);
    const stream = this.stream;
    // (handle() passes the error to handleError, which is silent while sys.stderr is None)
    if (stream === null) throw new AttributeError("'NoneType' object has no attribute 'write'");
    stream.write(msg + this.terminator);
    stream.flush?.();
  }
  override __repr__(): string {
    const name = (this.stream as { name?: unknown } | null)?.name;
    const shown = name === undefined ? "" : `${toStr(name)} `;
    return `<StreamHandler ${shown}(${String(getLevelName(this.level))})>`;
  }
}

export class FileHandler extends StreamHandler {
  readonly baseFilename: string;
  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const filename = String(pos[0] ?? kws["filename"]);
    const mode = String(pos.length > 1 ? pos[1] : (kws["mode"] ?? "a"));
    const file: TextFile = {
      write: (text: string) => nodeModule("node:fs").appendFileSync(filename, text, "utf8"),
    };
    super(file);
    this.baseFilename = filename;
    if (mode.startsWith("w")) nodeModule("node:fs").writeFileSync(filename, "");
  }
}

export class NullHandler extends Handler {
  override handle(_record: LogRecord): boolean {
    return true;
  }
  override emit(_record: LogRecord): void {}
}

/** CPython's `_StderrHandler`: writes to whatever sys.stderr is at the time of writing. */
export class StderrHandler extends StreamHandler {}
Object.defineProperty(StderrHandler.prototype, "stream", {
  get(): TextFile | null {
    return standardStreams.stderr;
  },
  configurable: true,
});

