// `Logger.manager`: the one Manager holding the logger hierarchy, as CPython keeps it. Its
// `loggerDict` maps each logger's name to the logger, and each dotted prefix no logger has yet
// to a PlaceHolder listing the loggers below it (replaced when that logger is made); `disable`
// is logging.disable's level; `getLogger` is logging.getLogger.

import { Dict } from "../values/dict.js";

/** A dotted prefix of logger names no logger has yet: the loggers below it (`loggerMap`). */
export class PlaceHolder {
  static readonly __module__ = "logging";
  loggerMap: Dict;

  constructor(alogger: unknown) {
    this.loggerMap = new Dict([[alogger, null]]);
  }

  append(alogger: unknown): null {
    if (!this.loggerMap.has(alogger)) this.loggerMap.set(alogger, null);
    return null;
  }
}

/** What the Manager reads of logging.ts (kept there: the hierarchy and the disable level). */
export interface Hierarchy {
  root: unknown;
  getLogger(name: unknown): unknown;
  disabledLevel(): bigint;
  setDisabledLevel(level: unknown): void;
}

export class Manager {
  static readonly __module__ = "logging";
  root: unknown;
  emittedNoHandlerWarning = false;
  loggerDict = new Dict<string, unknown>();
  loggerClass: unknown = null;
  logRecordFactory: unknown = null;
  readonly #hierarchy: Hierarchy;

  constructor(hierarchy: Hierarchy) {
    this.#hierarchy = hierarchy;
    this.root = hierarchy.root;
  }

  get disable(): bigint {
    return this.#hierarchy.disabledLevel();
  }

  set disable(level: unknown) {
    this.#hierarchy.setDisabledLevel(level);
  }

  getLogger(name: unknown): unknown {
    return this.#hierarchy.getLogger(name);
  }

  /** A logger just made: listed under its name, placeholders for its missing ancestors. */
  registered(name: string, logger: unknown): void {
    this.loggerDict.set(name, logger);
    for (let end = name.lastIndexOf("."); end > 0; end = name.lastIndexOf(".", end - 1)) {
      const prefix = name.slice(0, end);
      const held = this.loggerDict.get(prefix);
      if (held === undefined) this.loggerDict.set(prefix, new PlaceHolder(logger));
      else if (held instanceof PlaceHolder) held.append(logger);
      else break;
    }
  }
}
