// `logging.LoggerAdapter(logger, extra)`: passes calls on to a logger after `process(msg,
// kwargs)`, which by default puts the adapter's `extra` mapping on the call.

import { Dict } from "../values/dict.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { PyTypeError } from "../values/exceptions.js";
import { Tuple } from "../values/tuple.js";
import type { Logger } from "./logging.js";

const LEVELS = { debug: 10n, info: 20n, warning: 30n, error: 40n, critical: 50n } as const;

export class LoggerAdapter {
  static readonly __module__ = "logging";
  logger: Logger;
  extra: unknown;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    this.logger = (pos[0] ?? kws["logger"]) as Logger;
    this.extra = pos.length > 1 ? pos[1] : (kws["extra"] ?? null);
  }

  /** The default: the call's `extra` is the adapter's. */
  process(msg: unknown, kwargs: Dict): Tuple {
    kwargs.set("extra", this.extra);
    return Tuple.of(msg, kwargs);
  }

  log(level: unknown, ...args: unknown[]): null {
    if (!this.isEnabledFor(level)) return null;
    const [pos, kws] = splitKw(args);
    const kwargs = new Dict(Object.entries(kws));
    const result = (this as unknown as { process(m: unknown, k: unknown): unknown }).process(pos[0], kwargs);
    if (!(result instanceof Tuple) || result.length !== 2) throw new PyTypeError("cannot unpack the result of process(): a (msg, kwargs) pair is expected");
    const [msg, outKwargs] = result.items as [unknown, Dict];
    const named: Record<string, unknown> = {};
    for (const [k, v] of outKwargs.entries()) named[String(k)] = v;
    return this.logger.log(level, msg, ...pos.slice(1), new Kwargs(named));
  }

  debug(...args: unknown[]): null {
    return this.log(LEVELS.debug, ...args);
  }
  info(...args: unknown[]): null {
    return this.log(LEVELS.info, ...args);
  }
  warning(...args: unknown[]): null {
    return this.log(LEVELS.warning, ...args);
  }
  warn(...args: unknown[]): null {
    return this.log(LEVELS.warning, ...args);
  }
  error(...args: unknown[]): null {
    return this.log(LEVELS.error, ...args);
  }
  exception(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    return this.log(LEVELS.error, ...pos, new Kwargs({ exc_info: true, ...kws }));
  }
  critical(...args: unknown[]): null {
    return this.log(LEVELS.critical, ...args);
  }

  isEnabledFor(level: unknown): boolean {
    return this.logger.isEnabledFor(level);
  }
  setLevel(level: unknown): null {
    return this.logger.setLevel(level);
  }
  getEffectiveLevel(): bigint {
    return this.logger.getEffectiveLevel();
  }
  hasHandlers(): boolean {
    return this.logger.hasHandlers();
  }
  get name(): string {
    return this.logger.name;
  }
  /** The wrapped logger's manager (a property: assigning sets the logger's). */
  get manager(): unknown {
    return (this.logger as unknown as { manager: unknown }).manager;
  }
  set manager(value: unknown) {
    (this.logger as unknown as { manager: unknown }).manager = value;
  }
  __repr__(): string {
    return `<LoggerAdapter ${this.logger.name} (${levelName(this.logger.getEffectiveLevel())})>`;
  }
}

let levelName: (level: bigint) => string = (level) => String(level);
/** logging.ts provides the level names (it imports this module). */
export function setLevelNames(names: (level: bigint) => string): void {
  levelName = names;
}
