// `logging.handlers` (Lib/logging/handlers.py of 3.11): RotatingFileHandler,
// TimedRotatingFileHandler, BufferingHandler, MemoryHandler, QueueHandler and QueueListener.
// logging.ts makes the module from its own classes (makeHandlersModule), so this file imports
// nothing of logging.ts at load time. QueueListener has no thread of its own: it handles the
// queued records when stop() is called (or when dequeue is called from Python).

import { nodeModule } from "../core/host.js";
import { PyTypeError, RuntimeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { truthy } from "../values/truth.js";
import { pyClass } from "./callable-class.js";
import { declareClassValues } from "../values/declared-attributes.js";
import { moduleObject, type PyModule } from "./module-object.js";
import { localtime, strftime } from "./time.js";
import type { FileHandler as FileHandlerType, Handler as HandlerType, LogRecord } from "./logging.js";

interface Base {
  Handler: typeof HandlerType;
  FileHandler: typeof FileHandlerType;
  ERROR: bigint;
  NOTSET: bigint;
}

const fs = () => nodeModule("node:fs");
const exists = (p: string): boolean => fs().existsSync(p);
const int = (x: unknown, fallback: number): number => (x === undefined || x === null ? fallback : Number(x as bigint));

// (typed loosely: the classes are made inside the function)
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function makeHandlersModule(base: Base): PyModule & { [name: string]: any } {
  const { Handler, FileHandler } = base;

  /** A FileHandler that may roll its file over before a record is written. */
  class BaseRotatingHandler extends FileHandler {
    // (class attributes, None: a subclass may define them as methods, an instance assign them)
    declare namer: unknown;
    declare rotator: unknown;
    override handle(record: LogRecord): boolean {
      if (!this.filter(record)) return false;
      try {
        if (this.shouldRollover(record)) this.doRollover();
        this.emit(record);
      } catch (e) {
        this.handleError(record, e);
      }
      return true;
    }
    shouldRollover(_record: LogRecord): boolean {
      return false;
    }
    doRollover(): void {}
    rotation_filename(name: string): string {
      return this.namer === null ? name : (callMethod(this, "namer", name) as string);
    }
    rotate(source: string, dest: string): void {
      if (this.rotator !== null) callMethod(this, "rotator", source, dest);
      else if (exists(source)) fs().renameSync(source, dest);
    }
  }

  class RotatingFileHandler extends BaseRotatingHandler {
    readonly maxBytes: bigint;
    readonly backupCount: bigint;
    constructor(...args: unknown[]) {
      const [pos, kws] = splitKw(args);
      const maxBytes = int(pos[2] ?? kws["maxBytes"], 0);
      // (a file that rotates is appended to)
      super(pos[0] ?? kws["filename"], maxBytes > 0 ? "a" : (pos[1] ?? kws["mode"] ?? "a"));
      this.maxBytes = BigInt(maxBytes);
      this.backupCount = BigInt(int(pos[3] ?? kws["backupCount"], 0));
    }
    override shouldRollover(record: LogRecord): boolean {
      if (exists(this.baseFilename) && !fs().statSync(this.baseFilename).isFile()) return false;
      if (this.maxBytes <= 0n) return false;
      const size = exists(this.baseFilename) ? fs().statSync(this.baseFilename).size : 0;
      const msg = `${this.format(record)}\n`;
      return size + msg.length >= Number(this.maxBytes);
    }
    override doRollover(): void {
      if (this.backupCount > 0n) {
        for (let i = Number(this.backupCount) - 1; i > 0; i--) {
          const sfn = this.rotation_filename(`${this.baseFilename}.${i}`);
          const dfn = this.rotation_filename(`${this.baseFilename}.${i + 1}`);
          if (exists(sfn)) {
            if (exists(dfn)) fs().rmSync(dfn);
            fs().renameSync(sfn, dfn);
          }
        }
        const dfn = this.rotation_filename(`${this.baseFilename}.1`);
        if (exists(dfn)) fs().rmSync(dfn);
        this.rotate(this.baseFilename, dfn);
      }
    }
  }

  const INTERVALS: Record<string, [number, string, RegExp]> = {
    S: [1, "%Y-%m-%d_%H-%M-%S", /^\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}(\.\w+)?$/],
    M: [60, "%Y-%m-%d_%H-%M", /^\d{4}-\d{2}-\d{2}_\d{2}-\d{2}(\.\w+)?$/],
    H: [3600, "%Y-%m-%d_%H", /^\d{4}-\d{2}-\d{2}_\d{2}(\.\w+)?$/],
    D: [86400, "%Y-%m-%d", /^\d{4}-\d{2}-\d{2}(\.\w+)?$/],
    MIDNIGHT: [86400, "%Y-%m-%d", /^\d{4}-\d{2}-\d{2}(\.\w+)?$/],
  };

  /** Rolls over every `interval` `when`s (S, M, H, D, MIDNIGHT; W0-W6 weekly), keeping backupCount files. */
  class TimedRotatingFileHandler extends BaseRotatingHandler {
    readonly when: string;
    readonly interval: bigint;
    readonly backupCount: bigint;
    readonly utc: boolean;
    readonly suffix: string;
    rolloverAt: number;
    private readonly seconds: number;
    private readonly pattern: RegExp;
    constructor(...args: unknown[]) {
      const [pos, kws] = splitKw(args);
      super(pos[0] ?? kws["filename"], "a");
      this.when = String(pos[1] ?? kws["when"] ?? "h").toUpperCase();
      const n = int(pos[2] ?? kws["interval"], 1);
      this.backupCount = BigInt(int(pos[3] ?? kws["backupCount"], 0));
      this.utc = truthy(pos[6] ?? kws["utc"] ?? false);
      let spec = INTERVALS[this.when];
      if (spec === undefined && /^W[0-6]$/.test(this.when)) spec = [604800, "%Y-%m-%d", INTERVALS["D"]![2]];
      if (spec === undefined) {
        if (this.when.startsWith("W")) throw new ValueError(this.when.length === 2 ? `Invalid day specified for weekly rollover: ${this.when}` : `You must specify a day for weekly rollover from 0 to 6 (0 is Monday): ${this.when}`);
        throw new ValueError(`Invalid rollover interval specified: ${this.when}`);
      }
      [this.seconds, this.suffix, this.pattern] = [spec[0] * n, spec[1], spec[2]];
      this.interval = BigInt(this.seconds);
      const t = exists(this.baseFilename) ? Math.floor(fs().statSync(this.baseFilename).mtimeMs / 1000) : Math.floor(Date.now() / 1000);
      this.rolloverAt = this.computeRollover(t);
    }
    computeRollover(currentTime: unknown): number {
      const now = Number(currentTime);
      if (this.when !== "MIDNIGHT" && !this.when.startsWith("W")) return now + this.seconds;
      const date = new Date(now * 1000);
      const [h, m, s] = this.utc ? [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()] : [date.getHours(), date.getMinutes(), date.getSeconds()];
      let result = now + (86400 - (h * 3600 + m * 60 + s));
      if (this.when.startsWith("W")) {
        const day = ((this.utc ? date.getUTCDay() : date.getDay()) + 6) % 7;
        const target = Number(this.when[1]);
        if (day !== target) result += 86400 * (day < target ? target - day - 1 : 6 - day + target);
      }
      return result;
    }
    override shouldRollover(record: LogRecord): boolean {
      if (exists(this.baseFilename) && !fs().statSync(this.baseFilename).isFile()) return false;
      return record.created >= this.rolloverAt;
    }
    getFilesToDelete(): string[] {
      const path = nodeModule("node:path");
      const dir = path.dirname(this.baseFilename);
      const prefix = `${path.basename(this.baseFilename)}.`;
      const found = fs().readdirSync(dir).filter((f) => f.startsWith(prefix) && this.pattern.test(f.slice(prefix.length))).map((f) => path.join(dir, f)).sort();
      const keep = Number(this.backupCount);
      return found.length <= keep ? [] : found.slice(0, found.length - keep);
    }
    override doRollover(): void {
      const start = this.rolloverAt - this.seconds;
      const stamp = strftime(this.suffix, localtime(BigInt(Math.floor(start))));
      const dfn = this.rotation_filename(`${this.baseFilename}.${String(stamp)}`);
      if (exists(dfn)) fs().rmSync(dfn);
      this.rotate(this.baseFilename, dfn);
      if (this.backupCount > 0n) for (const f of this.getFilesToDelete()) fs().rmSync(f);
      let next = this.computeRollover(Math.floor(Date.now() / 1000));
      while (next <= Date.now() / 1000) next += this.seconds;
      this.rolloverAt = next;
    }
  }

  /** Keeps records in `buffer` until shouldFlush says so. */
  class BufferingHandler extends Handler {
    buffer: LogRecord[] = [];
    readonly capacity: bigint;
    constructor(capacity: unknown) {
      super();
      if (typeof capacity !== "bigint") throw new PyTypeError("capacity must be an int");
      this.capacity = capacity;
    }
    shouldFlush(_record: LogRecord): boolean {
      return BigInt(this.buffer.length) >= this.capacity;
    }
    override emit(record: LogRecord): void {
      this.buffer.push(record);
      if (truthy(callMethod(this, "shouldFlush", record))) callMethod(this, "flush");
    }
    override flush(): null {
      this.buffer.length = 0;
      return null;
    }
    override close(): null {
      try {
        callMethod(this, "flush");
      } finally {
        super.close();
      }
      return null;
    }
  }

  /** Buffers records and hands them to `target` when full or at a record of flushLevel. */
  class MemoryHandler extends BufferingHandler {
    readonly flushLevel: bigint;
    target: HandlerType | null;
    readonly flushOnClose: boolean;
    constructor(...args: unknown[]) {
      const [pos, kws] = splitKw(args);
      super(pos[0] ?? kws["capacity"]);
      this.flushLevel = (pos[1] ?? kws["flushLevel"] ?? base.ERROR) as bigint;
      this.target = (pos[2] ?? kws["target"] ?? null) as HandlerType | null;
      this.flushOnClose = truthy(pos[3] ?? kws["flushOnClose"] ?? true);
    }
    override shouldFlush(record: LogRecord): boolean {
      return BigInt(this.buffer.length) >= this.capacity || record.levelno >= this.flushLevel;
    }
    setTarget(target: HandlerType | null): null {
      this.target = target;
      return null;
    }
    override flush(): null {
      if (this.target !== null) {
        for (const record of this.buffer) callMethod(this.target, "handle", record);
        this.buffer.length = 0;
      }
      return null;
    }
    override close(): null {
      try {
        if (this.flushOnClose) callMethod(this, "flush");
      } finally {
        this.target = null;
        Handler.prototype.close.call(this);
      }
      return null;
    }
  }

  /** Puts each record, formatted, on a queue (`put_nowait`). */
  class QueueHandler extends Handler {
    readonly queue: unknown;
    listener: unknown = null;
    constructor(queue: unknown) {
      super();
      this.queue = queue;
    }
    enqueue(record: LogRecord): void {
      callMethod(this.queue, "put_nowait", record);
    }
    prepare(record: LogRecord): LogRecord {
      const msg = this.format(record);
      const copy = Object.assign(Object.create(Object.getPrototypeOf(record)), record) as LogRecord;
      const fields = copy as unknown as Record<string, unknown>;
      for (const [key, value] of [["message", msg], ["msg", msg], ["args", null], ["exc_info", null], ["exc_text", null]] as const) fields[key] = value;
      return copy;
    }
    override emit(record: LogRecord): void {
      callMethod(this, "enqueue", callMethod(this, "prepare", record));
    }
  }

  const SENTINEL = null;

  /** Takes records off a queue and gives them to its handlers. */
  class QueueListener {
    static readonly __module__ = "logging.handlers";
    readonly queue: unknown;
    readonly handlers: unknown[];
    readonly respect_handler_level: boolean;
    private started = false;
    constructor(...args: unknown[]) {
      const [pos, kws] = splitKw(args);
      this.queue = pos[0];
      this.handlers = pos.slice(1);
      this.respect_handler_level = truthy(kws["respect_handler_level"] ?? false);
    }
    dequeue(block: unknown): unknown {
      return callMethod(this.queue, "get", block);
    }
    start(): null {
      if (this.started) throw new RuntimeError("Listener already started");
      this.started = true;
      return null;
    }
    prepare(record: unknown): unknown {
      return record;
    }
    handle(record: unknown): null {
      const prepared = callMethod(this, "prepare", record) as LogRecord;
      for (const handler of this.handlers) {
        const process = !this.respect_handler_level || prepared.levelno >= (handler as HandlerType).level;
        if (process) callMethod(handler, "handle", prepared);
      }
      return null;
    }
    enqueue_sentinel(): null {
      callMethod(this.queue, "put_nowait", SENTINEL);
      return null;
    }
    stop(): null {
      if (!this.started) return null;
      callMethod(this, "enqueue_sentinel");
      // (no thread: the records waiting are handled now, up to the sentinel)
      for (;;) {
        const record = callMethod(this, "dequeue", true);
        if (record === SENTINEL) break;
        callMethod(this, "handle", record);
      }
      this.started = false;
      return null;
    }
  }

  for (const cls of [BaseRotatingHandler, RotatingFileHandler, TimedRotatingFileHandler, BufferingHandler, MemoryHandler, QueueHandler, QueueListener]) {
    Object.defineProperty(cls, "__module__", { value: "logging.handlers", configurable: true });
  }
  declareClassValues(BaseRotatingHandler, { namer: null, rotator: null });
  return moduleObject("logging.handlers", {
    DEFAULT_TCP_LOGGING_PORT: 9020n,
    DEFAULT_UDP_LOGGING_PORT: 9021n,
    DEFAULT_HTTP_LOGGING_PORT: 9022n,
    DEFAULT_SOAP_LOGGING_PORT: 9023n,
    SYSLOG_UDP_PORT: 514n,
    SYSLOG_TCP_PORT: 514n,
    BaseRotatingHandler: pyClass(BaseRotatingHandler),
    RotatingFileHandler: pyClass(RotatingFileHandler),
    TimedRotatingFileHandler: pyClass(TimedRotatingFileHandler),
    BufferingHandler: pyClass(BufferingHandler),
    MemoryHandler: pyClass(MemoryHandler),
    QueueHandler: pyClass(QueueHandler),
    QueueListener: pyClass(QueueListener),
  });
}
