// logging.config.DictConfigurator: `configure()` walks a dictConfig configuration through the
// methods CPython's class has (configure_formatter, configure_filter, configure_handler,
// add_filters, add_handlers, common_logger_config, configure_logger, configure_root), each
// called on the instance, so a subclass overriding one changes what configure() builds. The
// configuration is read through the ConvertingDict the base class made (`ext://`, `cfg://`).

import { PyTypeError, ValueError } from "../values/exceptions.js";
import { kw } from "../values/kwargs.js";
import { repr, str } from "../values/repr.js";
import { iterable } from "../values/iteration.js";
import { truthy } from "../values/truth.js";
import { callMethod } from "../values/methods.js";
import { getitem, setitem } from "../values/subscript.js";
import { callable, getattr, issubclass, setattr } from "../values/builtin-functions.js";
import { in_ } from "../values/contains.js";
import { Dict } from "../values/dict.js";
import { Tuple } from "../values/tuple.js";
import { callValue } from "./pycall.js";
import * as logging from "./logging.js";
import { Handler, handlersByName } from "./logging-handler.js";
import { BaseConfigurator, valid_ident } from "./logging-configurator.js";

/** `d.get(key, fallback)` as a ConvertingDict answers it: `d[key]` (converted) when the key is there. */
function itemOr(d: unknown, key: string, fallback: unknown): unknown {
  return in_(key, d) ? getitem(d, key) : fallback;
}

/** `d.pop(key, fallback)`, the popped value converted as CPython's ConvertingDict.pop does. */
function popItem(d: unknown, key: string, fallback: unknown): unknown {
  if (!in_(key, d)) return fallback;
  const value = getitem(d, key);
  callMethod(d, "pop", key);
  return value;
}

/** The keys of a mapping in the configuration (none when it is absent). */
function keysOf(d: unknown): string[] {
  return d === null || d === undefined ? [] : Array.from(iterable(d), (k) => str(k));
}

/** Runs one step; its error becomes CPython's `ValueError(message)` with the error as its cause. */
function because<T>(message: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    const wrapped = new ValueError(message);
    wrapped.__cause__ = error as never;
    throw wrapped;
  }
}

/** A class's `logging.handlers` base by name (MemoryHandler, SMTPHandler, SysLogHandler), when pyts has it. */
function handlersClass(name: string): unknown {
  const module = (logging.loggingModule as unknown as Record<string, Record<string, unknown> | undefined>).handlers;
  return module?.[name];
}

/** `logging.config.DictConfigurator(config)`: `configure()` applies a dictConfig configuration. */
export class DictConfigurator extends BaseConfigurator {
  static override readonly __module__ = "logging.config";

  configure(): null {
    const config = this.config;
    if (!in_("version", config)) throw new ValueError("dictionary doesn't specify a version");
    if (getitem(config, "version") !== 1n) throw new ValueError(`Unsupported version: ${str(getitem(config, "version"))}`);
    const incremental = truthy(popItem(config, "incremental", false));
    if (incremental) this.configureIncremental(config);
    else this.configureAll(config);
    return null;
  }

  /** Levels only: the handlers named must exist; loggers and root keep their handlers. */
  private configureIncremental(config: unknown): void {
    const handlers = itemOr(config, "handlers", null);
    for (const name of keysOf(handlers)) {
      const handler = handlersByName.get(name);
      if (handler === undefined) throw new ValueError(`No handler found with name ${repr(name)}`);
      because(`Unable to configure handler ${repr(name)}`, () => {
        const level = itemOr(getitem(handlers, name), "level", null);
        if (truthy(level)) handler.setLevel(level);
      });
    }
    const loggers = itemOr(config, "loggers", null);
    for (const name of keysOf(loggers)) because(`Unable to configure logger ${repr(name)}`, () => callMethod(this, "configure_logger", name, getitem(loggers, name), true));
    const root = itemOr(config, "root", null);
    if (truthy(root)) because("Unable to configure root logger", () => callMethod(this, "configure_root", root, true));
  }

  private configureAll(config: unknown): void {
    const disableExisting = truthy(popItem(config, "disable_existing_loggers", true));
    handlersByName.clear();
    const formatters = itemOr(config, "formatters", null);
    for (const name of keysOf(formatters)) {
      because(`Unable to configure formatter ${repr(name)}`, () => setitem(formatters, name, callMethod(this, "configure_formatter", getitem(formatters, name))));
    }
    const filters = itemOr(config, "filters", null);
    for (const name of keysOf(filters)) {
      because(`Unable to configure filter ${repr(name)}`, () => setitem(filters, name, callMethod(this, "configure_filter", getitem(filters, name))));
    }
    const handlers = itemOr(config, "handlers", null);
    const deferred: string[] = [];
    const configureHandler = (name: string, deferring: boolean): void => {
      try {
        const handler = callMethod(this, "configure_handler", getitem(handlers, name));
        setattr(handler, "name", name);
        setitem(handlers, name, handler);
      } catch (error) {
        // (a MemoryHandler whose target comes later in name order is tried again after the others)
        const cause = (error as { __cause__?: unknown }).__cause__;
        if (deferring && cause !== undefined && cause !== null && str(cause).includes("target not configured yet")) deferred.push(name);
        else because(`Unable to configure handler ${repr(name)}`, () => { throw error; });
      }
    };
    for (const name of keysOf(handlers).sort()) configureHandler(name, true);
    for (const name of deferred) configureHandler(name, false);

    const existing = [...logging.existingLoggers().keys()].sort();
    const children: string[] = [];
    const loggers = itemOr(config, "loggers", null);
    for (const name of keysOf(loggers)) {
      // (CPython's loggerDict also holds placeholders for the parents of loggers made: a name
      // with existing children counts as existing)
      for (const other of existing) if (other.startsWith(`${name}.`)) children.push(other);
      const at = existing.indexOf(name);
      if (at >= 0) existing.splice(at, 1);
      because(`Unable to configure logger ${repr(name)}`, () => callMethod(this, "configure_logger", name, getitem(loggers, name)));
    }
    // (loggers the configuration leaves out: children of configured ones are reset, the others disabled or not)
    for (const name of existing) {
      const logger = logging.existingLoggers().get(name)!;
      if (children.includes(name)) {
        logger.setLevel(logging.NOTSET);
        logger.handlers = [];
        logger.propagate = true;
      } else logger.disabled = disableExisting;
    }
    const root = itemOr(config, "root", null);
    if (truthy(root)) because("Unable to configure root logger", () => callMethod(this, "configure_root", root));
  }

  /** A Formatter from `format`/`datefmt`/`style`/`validate`/`class`, or a `()` factory's result. */
  configure_formatter(config: unknown): any {
    if (in_("()", config)) {
      const factory = getitem(config, "()");
      try {
        return this.configure_custom(config);
      } catch (error) {
        if (!(error instanceof PyTypeError) || !str(error).includes("'format'")) throw error;
        // (a factory taking `fmt` where the configuration says `format`)
        setitem(config, "fmt", popItem(config, "format", null));
        setitem(config, "()", factory);
        return this.configure_custom(config);
      }
    }
    const fmt = itemOr(config, "format", null);
    const datefmt = itemOr(config, "datefmt", null);
    const style = itemOr(config, "style", "%");
    const cname = itemOr(config, "class", null);
    const cls = truthy(cname) ? this.resolve(cname) : logging.loggingModule.Formatter;
    if (in_("validate", config)) return callValue(cls, fmt, datefmt, style, getitem(config, "validate"));
    return callValue(cls, fmt, datefmt, style);
  }

  /** A Filter of `name`, or a `()` factory's result. */
  configure_filter(config: unknown): any {
    if (in_("()", config)) return this.configure_custom(config);
    return callValue(logging.loggingModule.Filter, itemOr(config, "name", ""));
  }

  /** Adds the filters named (or given as filter objects or callables) to a handler or logger. */
  add_filters(filterer: unknown, filters: unknown): null {
    for (const f of Array.from(iterable(filters))) {
      because(`Unable to add filter ${repr(f)}`, () => {
        const useAsIs = callable(f) || callable(getattr(f, "filter", null));
        callMethod(filterer, "addFilter", useAsIs ? f : getitem(getitem(this.config, "filters"), f));
      });
    }
    return null;
  }

  /** A handler from `class` (or a `()` factory) and its keyword arguments, with formatter, level, filters and `.` attributes. */
  configure_handler(config: unknown): any {
    const original = new Dict(Array.from(iterable(callMethod(config, "items")), (pair) => (pair as Tuple<unknown>).items as [unknown, unknown]));
    let formatter = popItem(config, "formatter", null);
    if (truthy(formatter)) {
      const name = formatter;
      formatter = because(`Unable to set formatter ${repr(name)}`, () => getitem(getitem(this.config, "formatters"), name));
    }
    const level = popItem(config, "level", null);
    const filters = popItem(config, "filters", null);
    let factory: unknown;
    if (in_("()", config)) {
      const made = popItem(config, "()", null);
      factory = callable(made) ? made : this.resolve(made);
    } else {
      const cls = this.resolve(popItem(config, "class", null) ?? callMethod(config, "pop", "class"));
      const memory = handlersClass("MemoryHandler");
      if (memory !== undefined && issubclass(cls, memory) && in_("target", config)) {
        const targetName = getitem(config, "target");
        because(`Unable to set target handler ${repr(targetName)}`, () => {
          const target = getitem(getitem(this.config, "handlers"), targetName);
          if (!(target instanceof Handler)) {
            callMethod(config, "update", original);
            throw new PyTypeError("target not configured yet");
          }
          setitem(config, "target", target);
        });
      } else {
        for (const [base, key] of [["SMTPHandler", "mailhost"], ["SysLogHandler", "address"]] as const) {
          const baseClass = handlersClass(base);
          if (baseClass !== undefined && issubclass(cls, baseClass) && in_(key, config)) setitem(config, key, this.as_tuple(getitem(config, key)));
        }
      }
      factory = cls;
    }
    const kwargs: Record<string, unknown> = {};
    for (const k of keysOf(config)) if (k !== "." && valid_ident(k)) kwargs[k] = getitem(config, k);
    let result: unknown;
    try {
      result = callValue(factory, kw(kwargs));
    } catch (error) {
      if (!(error instanceof PyTypeError) || !str(error).includes("'stream'")) throw error;
      // (an older handler taking `strm`)
      kwargs.strm = kwargs.stream;
      delete kwargs.stream;
      result = callValue(factory, kw(kwargs));
    }
    if (truthy(formatter)) callMethod(result, "setFormatter", formatter);
    if (level !== null) callMethod(result, "setLevel", logging.checkLevel(level));
    if (truthy(filters)) callMethod(this, "add_filters", result, filters);
    const props = popItem(config, ".", null);
    if (truthy(props)) for (const name of keysOf(props)) setattr(result, name, getitem(props, name));
    return result;
  }

  /** Adds the handlers named to a logger. */
  add_handlers(logger: unknown, handlers: unknown): null {
    for (const h of Array.from(iterable(handlers))) {
      because(`Unable to add handler ${repr(h)}`, () => callMethod(logger, "addHandler", getitem(getitem(this.config, "handlers"), h)));
    }
    return null;
  }

  /** Level, then (unless incremental) the logger's handlers replaced and its filters added. */
  common_logger_config(logger: unknown, config: unknown, incremental: unknown = false): null {
    const level = itemOr(config, "level", null);
    if (level !== null) callMethod(logger, "setLevel", logging.checkLevel(level));
    if (!truthy(incremental)) {
      for (const h of [...(getattr(logger, "handlers") as unknown[])]) callMethod(logger, "removeHandler", h);
      const handlers = itemOr(config, "handlers", null);
      if (truthy(handlers)) callMethod(this, "add_handlers", logger, handlers);
      const filters = itemOr(config, "filters", null);
      if (truthy(filters)) callMethod(this, "add_filters", logger, filters);
    }
    return null;
  }

  configure_logger(name: unknown, config: unknown, incremental: unknown = false): null {
    const logger = logging.getLogger(name);
    callMethod(this, "common_logger_config", logger, config, incremental);
    logger.disabled = false;
    const propagate = itemOr(config, "propagate", null);
    if (propagate !== null) (logger as { propagate: unknown }).propagate = propagate;
    return null;
  }

  configure_root(config: unknown, incremental: unknown = false): null {
    callMethod(this, "common_logger_config", logging.getLogger(), config, incremental);
    return null;
  }
}
