// Python's `logging.config`: dictConfig (version 1: formatters, handlers with class/level/
// formatter/stream/filename/mode and other keyword arguments, '()' factories, loggers, root,
// filters, disable_existing_loggers, incremental, `ext://` and `cfg://` values: DictConfigurator,
// logging-dict-config.ts, on logging-configurator.ts's BaseConfigurator) and fileConfig (the INI layout: [loggers] [handlers]
// [formatters] and their sections, a handler's args tuple of strings, numbers and
// sys.stdout/sys.stderr). listen() is refused: pyts has no configuration socket server.

import { nodeModule } from "../core/host.js";
import { KeyError, NotImplementedError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { repr, toStr } from "../values/repr.js";
import { iterable } from "../values/iteration.js";
import { truthy } from "../values/truth.js";
import { callMethod } from "../values/methods.js";
import { standardStreams } from "../values/print.js";
import { callValue } from "./pycall.js";
import { moduleObject } from "./module-object.js";
import * as logging from "./logging.js";
import { pyClass } from "./callable-class.js";
import { compilePattern } from "./re.js";
import { BaseConfigurator, ConvertingDict, ConvertingMixin, ConvertingList, ConvertingTuple, valid_ident } from "./logging-configurator.js";
import { DictConfigurator } from "./logging-dict-config.js";

type Config = Map<string, unknown>;

/** A Python mapping (dict) as a Map of its string keys. */
function mapping(x: unknown, what: string): Config {
  if (x === null || x === undefined) return new Map();
  if (typeof (x as { items?: unknown }).items !== "function" && typeof (x as { entries?: unknown }).entries !== "function") {
    throw new ValueError(`${what} is not a dictionary`);
  }
  const out: Config = new Map();
  for (const pair of iterable(callMethod(x, "items"))) {
    const [k, v] = Array.from(iterable(pair));
    out.set(toStr(k), v);
  }
  return out;
}

/** The configurator fileConfig resolves class names with. */
const active: BaseConfigurator = new BaseConfigurator(null);

function resolveValue(v: unknown): unknown {
  return active.convert(v);
}

function resolveName(name: string): unknown {
  return active.resolve(name);
}

function makeFormatter(spec: Config, raw: unknown): unknown {
  if (spec.has("()")) return active.configure_custom(raw);
  const cls = spec.has("class") ? resolveName(toStr(spec.get("class"))) : logging.loggingModule.Formatter;
  const style = spec.get("style") ?? "%";
  return callValue(cls, spec.get("format") ?? null, spec.get("datefmt") ?? null, style);
}

/** A logger of a fileConfig file: its level, its handlers replaced, propagate. */
function configureLogger(logger: logging.Logger, spec: Config, handlers: Map<string, logging.Handler>, isRoot: boolean): void {
  if (spec.has("level")) logger.setLevel(resolveValue(spec.get("level")));
  for (const h of logger.handlers.slice()) logger.removeHandler(h);
  for (const h of iterable(spec.get("handlers") ?? [])) {
    const name = toStr(h);
    const handler = handlers.get(name);
    if (handler === undefined) throw new ValueError(`Unable to add handler ${repr(name)}`);
    logger.addHandler(handler);
  }
  if (!isRoot && spec.has("propagate")) (logger as { propagate: unknown }).propagate = spec.get("propagate");
  logger.disabled = false;
}

/** Disables the existing loggers a configuration does not name (nor their children). */
function disableExisting(named: string[], disable: boolean): void {
  for (const [name, logger] of logging.existingLoggers()) {
    if (named.includes(name)) continue;
    if (named.some((n) => name.startsWith(n + "."))) continue;
    logger.disabled = disable;
  }
}

/** `dictConfig(config)`: `dictConfigClass(config).configure()`. */
function dictConfig(config: unknown): null {
  callMethod(callValue(configModule.dictConfigClass, config), "configure");
  return null;
}

/** `listen()`: refused, pyts runs no configuration socket server. */
function listen(): never {
  throw new NotImplementedError("pyts: logging.config.listen() is not supported (no configuration socket server)");
}

// ---- fileConfig ----

type Ini = Map<string, Map<string, string>>;

/** The INI file as configparser reads it (sections, `key = value` / `key: value`, continuations). */
function parseIni(text: string, defaults: Map<string, string>): Ini {
  const sections: Ini = new Map();
  let current: Map<string, string> | null = null;
  let lastKey: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === "") {
      lastKey = null;
      continue;
    }
    const section = /^\[([^\]]+)\]/.exec(raw);
    if (section) {
      current = sections.get(section[1]!) ?? new Map(defaults);
      sections.set(section[1]!, current);
      lastKey = null;
      continue;
    }
    if (/^\s/.test(raw) && current !== null && lastKey !== null) {
      current.set(lastKey, current.get(lastKey) + "\n" + raw.trim());
      continue;
    }
    const m = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (m && current !== null) {
      lastKey = m[1]!.toLowerCase();
      current.set(lastKey, m[2]!);
    }
  }
  return sections;
}

/** A handler's `args=` tuple: string and number literals, sys.stdout/sys.stderr, None/True/False. */
function parseArgs(text: string): unknown[] {
  const out: unknown[] = [];
  const re = /\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(sys\.stdout|sys\.stderr)|(-?\d+\.\d*)|(-?\d+)|(None|True|False))\s*,?/y;
  const body = text.trim().replace(/^\(/, "").replace(/\)$/, "");
  let i = 0;
  while (i < body.length) {
    re.lastIndex = i;
    const m = re.exec(body);
    if (!m || m[0] === "") throw new ValueError(`pyts: cannot evaluate handler args ${repr(text)}`);
    if (m[1] !== undefined || m[2] !== undefined) out.push((m[1] ?? m[2])!.replace(/\\(.)/g, "$1"));
    else if (m[3] !== undefined) out.push(m[3] === "sys.stdout" ? standardStreams.stdout : standardStreams.stderr);
    else if (m[4] !== undefined) out.push(Number(m[4]));
    else if (m[5] !== undefined) out.push(BigInt(m[5]));
    else out.push(m[6] === "None" ? null : m[6] === "True");
    i = re.lastIndex;
  }
  return out;
}

function keys(text: string | undefined): string[] {
  return (text ?? "").split(",").map((k) => k.trim()).filter((k) => k);
}

function fileConfig(...args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  const fname = pos[0] ?? kws.fname;
  const defaults = mapping(pos[1] ?? kws.defaults ?? null, "defaults");
  const disable = truthy(pos[2] ?? kws.disable_existing_loggers ?? true);
  let text: string;
  if (typeof fname === "string") {
    try {
      text = nodeModule("node:fs").readFileSync(fname, "utf8");
    } catch {
      throw new KeyError("formatters");
    }
  } else {
    text = toStr(callMethod(fname, "read"));
  }
  const ini = parseIni(text, new Map([...defaults].map(([k, v]) => [k, toStr(v)])));
  const section = (name: string): Map<string, string> => {
    const s = ini.get(name);
    if (s === undefined) throw new KeyError(name);
    return s;
  };
  const formatters = new Map<string, unknown>();
  for (const name of keys(section("formatters").get("keys"))) {
    const s = section(`formatter_${name}`);
    const spec: Config = new Map<string, unknown>([["format", s.get("format") ?? null], ["datefmt", s.get("datefmt") ?? null], ["style", s.get("style") ?? "%"]]);
    if (s.has("class")) spec.set("class", s.get("class"));
    formatters.set(name, makeFormatter(spec, null));
  }
  const handlers = new Map<string, logging.Handler>();
  for (const name of keys(section("handlers").get("keys"))) {
    const s = section(`handler_${name}`);
    const cls = resolveName(s.get("class") ?? "");
    const handler = callValue(cls, ...parseArgs(s.get("args") ?? "()")) as logging.Handler;
    if (s.get("level")) handler.setLevel(s.get("level"));
    if (s.get("formatter")) handler.setFormatter(formatters.get(s.get("formatter")!) as logging.Formatter);
    (handler as { name: unknown }).name = name;
    handlers.set(name, handler);
  }
  const loggerKeys = keys(section("loggers").get("keys"));
  const named: string[] = [];
  for (const key of loggerKeys) {
    const s = section(`logger_${key}`);
    if (key === "root") {
      configureLogger(logging.getLogger(), new Map<string, unknown>([...(s.has("level") ? [["level", s.get("level")] as [string, unknown]] : []), ["handlers", keys(s.get("handlers"))]]), handlers, true);
      continue;
    }
    const qualname = s.get("qualname") ?? key;
    named.push(qualname);
    const spec: Config = new Map<string, unknown>([["handlers", keys(s.get("handlers"))], ["propagate", BigInt(Number.parseInt(s.get("propagate") ?? "1", 10))]]);
    if (s.has("level")) spec.set("level", s.get("level"));
    configureLogger(logging.getLogger(qualname), spec, handlers, false);
  }
  disableExisting(named, disable);
  return null;
}

const dictConfigurator = pyClass(DictConfigurator);

export const configModule = moduleObject("logging.config", {
  dictConfig,
  fileConfig,
  listen,
  stopListening: (): null => null,
  valid_ident,
  BaseConfigurator: pyClass(BaseConfigurator),
  ConvertingMixin,
  ConvertingDict,
  ConvertingList,
  ConvertingTuple,
  DictConfigurator: dictConfigurator,
  dictConfigClass: dictConfigurator as unknown,
  DEFAULT_LOGGING_CONFIG_PORT: 9030n,
  RESET_ERROR: 104n,
  // The pattern valid_ident checks keys against (re.I).
  IDENTIFIER: compilePattern("^[a-z_][a-z0-9_]*$", 2n),
});
