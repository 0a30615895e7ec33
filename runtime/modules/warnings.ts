// Python's `warnings`: warn/warn_explicit through the filter list (CPython's default filters,
// actions error/ignore/always/default/module/once, per-module registries reset when the
// filters change), showwarning/formatwarning with CPython's `file:line: Category: message`
// plus the source line on stderr, simplefilter/filterwarnings/resetwarnings and
// catch_warnings (record=True collects WarningMessage objects).

import { absoluteSourcePath } from "../core/code-location.js";
import { nodeProcess } from "../core/host.js";
import {
  AssertionError,
  DeprecationWarning,
  ImportWarning,
  PendingDeprecationWarning,
  PyTypeError,
  ResourceWarning,
  RuntimeError,
  UserWarning,
  Warning,
} from "../values/exceptions.js";
import { Dict } from "../values/dict.js";
import { callable } from "../values/builtin-functions.js";
import { splitKw } from "../values/kwargs.js";
import { standardStreams, type TextFile } from "../values/print.js";
import { repr, toStr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { isClass, typeName, className } from "../values/typename.js";
import { pythonFrames } from "../values/traceback.js";
import { callValue } from "./pycall.js";
import { moduleObject } from "./module-object.js";
import { pyClass } from "./callable-class.js";
import { compilePattern } from "./re.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFunction = (...args: any[]) => any;
type Cls = abstract new (...args: never[]) => unknown;

const isNone = (x: unknown): boolean => x === null || x === undefined;
const ACTIONS = ["error", "ignore", "always", "default", "module", "once"];

function isSubclassOf(cls: unknown, base: unknown): boolean {
  if (typeof cls !== "function" || typeof base !== "function") return false;
  return cls === base || (cls as Cls).prototype instanceof (base as Cls);
}

/** Bumped whenever the filters change: every registry then forgets what it showed. */
let filtersVersion = 1;
const registries = new Map<string, { version: number; keys: Set<string> }>();
/** `warnings.onceregistry`: (text, category) -> True for each "once" warning shown (a program may clear it). */
const onceRegistry = new Dict<unknown, unknown>();

/**
 * CPython's `already_warned` on a registry dict: a registry stamped with an older filters
 * version ("version" key; CPython counts changes from 0) is cleared first; records `key`.
 */
function alreadyWarned(registry: Dict<unknown, unknown>, key: unknown): boolean {
  const version = BigInt(filtersVersion - 1);
  if (registry.get("version") !== version) {
    registry.clear();
    registry.set("version", version);
  } else if (truthy(registry.get(key) ?? false)) return true;
  registry.set(key, true);
  return false;
}

function registryFor(module: string): Set<string> {
  let registry = registries.get(module);
  if (registry === undefined || registry.version !== filtersVersion) {
    registry = { version: filtersVersion, keys: new Set() };
    registries.set(module, registry);
  }
  return registry.keys;
}

// ---- WarningMessage and output ----

export class WarningMessage {
  static readonly __module__ = "warnings";
  readonly _category_name: string | null;
  constructor(
    readonly message: unknown,
    readonly category: unknown,
    readonly filename: unknown,
    readonly lineno: unknown,
    readonly file: unknown = null,
    readonly line: unknown = null,
    readonly source: unknown = null,
  ) {
    this._category_name = isClass(category) ? className(category) : null;
  }
  __str__(): string {
    return `{message : ${repr(this.message)}, category : ${repr(this._category_name)}, filename : ${repr(this.filename)}, lineno : ${toStr(this.lineno)}, line : ${repr(this.line)}}`;
  }
}

/** `formatwarning(message, category, filename, lineno, line=None)`, its arguments positional or named. */
function formatwarningCall(...args: unknown[]): string {
  const [pos, kw] = splitKw(args);
  const names = ["message", "category", "filename", "lineno", "line"];
  const values = names.map((n, i) => (i < pos.length ? pos[i] : Object.hasOwn(kw, n) ? kw[n] : i === 4 ? null : undefined));
  const missing = names.filter((_, i) => values[i] === undefined);
  if (missing.length > 0) {
    const quoted = missing.map((n) => `'${n}'`);
    const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")}${quoted.length > 2 ? "," : ""} and ${quoted[quoted.length - 1]}`;
    throw new PyTypeError(`formatwarning() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ${list}`);
  }
  return formatwarning(values[0], values[1], values[2], values[3], values[4]);
}

function formatwarning(message: unknown, category: unknown, filename: unknown, lineno: unknown, line: unknown = null): string {
  const name = isClass(category) ? className(category) : toStr(category);
  let text = `${toStr(filename)}:${toStr(lineno)}: ${name}: ${toStr(message)}\n`;
  const source = isNone(line) ? sourceLines.get(`${toStr(filename)}:${toStr(lineno)}`) : line;
  if (typeof source === "string" && source.trim() !== "") text += `  ${source.trim()}\n`;
  return text;
}

function showwarning(...args: unknown[]): null {
  const [pos, kw] = splitKw(args);
  const [message, category, filename, lineno] = pos;
  const file = pos.length > 4 ? pos[4] : kw["file"];
  const line = pos.length > 5 ? pos[5] : (kw["line"] ?? null);
  const target = (isNone(file) ? standardStreams.stderr : file) as TextFile | null;
  if (target === null || target === undefined) return null;
  const format = warningsModule.formatwarning as unknown;
  target.write(toStr(format === formatwarningCall ? formatwarning(message, category, filename, lineno, line) : callValue(format, message, category, filename, lineno, line)));
  return null;
}

/** Source lines of the frames warnings were issued from, for formatwarning's `line=None`. */
const sourceLines = new Map<string, string>();

function show(msg: WarningMessage): void {
  const show = warningsModule.showwarning as unknown;
  if (show === showwarning) {
    showwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line);
  } else {
    // (CPython's _showwarnmsg passes all six positionally: a replacement taking five fails there)
    if (!callable(show)) throw new PyTypeError("warnings.showwarning() must be set to a function or method");
    callValue(show, msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line);
  }
}

// ---- filters ----

function filters(): unknown[] {
  return warningsModule.filters as unknown[];
}

function addFilter(item: Tuple, append: boolean): void {
  const list = filters();
  if (!append) {
    const at = list.findIndex((f) => f instanceof Tuple && sameFilter(f, item));
    if (at >= 0) list.splice(at, 1);
    list.unshift(item);
  } else if (!list.some((f) => f instanceof Tuple && sameFilter(f, item))) {
    list.push(item);
  }
  filtersVersion++;
}

function sameFilter(a: Tuple, b: Tuple): boolean {
  return a.items.every((x, i) => {
    const y = b.items[i];
    if (x === y) return true;
    const px = x as { pattern?: unknown; flags?: unknown } | null;
    const py = y as { pattern?: unknown; flags?: unknown } | null;
    return px !== null && py !== null && typeof px === "object" && typeof py === "object" && px.pattern === py.pattern && px.pattern !== undefined;
  });
}

function checkAction(action: unknown): string {
  // CPython asserts it: an AssertionError with the message.
  if (typeof action !== "string" || !ACTIONS.includes(action)) throw new AssertionError(`invalid action: ${repr(action)}`);
  return action;
}

function filterwarnings(...args: unknown[]): null {
  const [pos, kw] = splitKw(args);
  const arg = (i: number, name: string, fallback: unknown): unknown => (i < pos.length ? pos[i] : name in kw ? kw[name] : fallback);
  const action = checkAction(arg(0, "action", undefined));
  const message = arg(1, "message", "");
  const category = arg(2, "category", Warning);
  const module = arg(3, "module", "");
  const lineno = arg(4, "lineno", 0n);
  const append = arg(5, "append", false) === true;
  const msg = message === "" ? null : compilePattern(message, 2n); // re.I
  const mod = module === "" ? null : compilePattern(module);
  addFilter(Tuple.of(action, msg, category, mod, lineno), append);
  return null;
}

function simplefilter(...args: unknown[]): null {
  const [pos, kw] = splitKw(args);
  const arg = (i: number, name: string, fallback: unknown): unknown => (i < pos.length ? pos[i] : name in kw ? kw[name] : fallback);
  const action = checkAction(arg(0, "action", undefined));
  addFilter(Tuple.of(action, null, arg(1, "category", Warning), null, arg(2, "lineno", 0n)), arg(3, "append", false) === true);
  return null;
}

function resetwarnings(): null {
  filters().length = 0;
  filtersVersion++;
  return null;
}

function matches(pattern: unknown, text: string): boolean {
  if (typeof pattern === "string") return pattern === text;
  return isNone(pattern) || !isNone((pattern as { match(s: string): unknown }).match(text));
}

// ---- warn ----

function warnExplicit(message: unknown, category: unknown, filename: string, lineno: bigint, module: string | null, source: string | null, withRegistry = true): null {
  const mod = module ?? (filename.toLowerCase().endsWith(".py") ? filename.slice(0, -3) : filename || "<unknown>");
  // warn() keeps a registry per module; warn_explicit(registry=None) has none, as CPython's C
  // implementation: "once" then records in `onceregistry`, and "default"/"module" show every time.
  const registry = withRegistry ? registryFor(mod) : null;
  let text: string;
  if (message instanceof Warning) {
    text = toStr(message);
    category = message.constructor;
  } else {
    text = toStr(message);
    message = callValue(category, message);
  }
  const key = `${text}\u0000${className(category as never)}\u0000${lineno}`;
  if (registry?.has(key)) return null;
  let action = warningsModule.defaultaction as string;
  for (const item of filters()) {
    if (!(item instanceof Tuple)) continue;
    const [act, msg, cat, modPattern, ln] = item.items;
    if (matches(msg, text) && isSubclassOf(category, cat) && matches(modPattern, mod) && (toStr(ln) === "0" || toStr(ln) === String(lineno))) {
      action = act as string;
      break;
    }
  }
  if (action === "ignore") return null;
  if (action === "error") throw message;
  if (action !== "always") {
    registry?.add(key);
    if (action === "once") {
      // (text, category): in the module's registry, else in onceregistry
      if (registry !== null) {
        const onceKey = `${text}\u0000${className(category as never)}`;
        if (registry.has(onceKey)) return null;
        registry.add(onceKey);
      } else {
        if (alreadyWarned(onceRegistry, Tuple.of(text, category))) return null;
      }
    } else if (action === "module") {
      if (registry !== null) {
        const alt = `${text}\u0000${className(category as never)}\u00000`;
        if (registry.has(alt)) return null;
        registry.add(alt);
      }
    } else if (action !== "default") {
      throw new RuntimeError(`Unrecognized action (${repr(action)}) in warnings.filters:\n ${repr(action)}`);
    }
  }
  if (source !== null) sourceLines.set(`${filename}:${lineno}`, source);
  show(new WarningMessage(message, category, filename, lineno, null, null));
  return null;
}

/** The Python module a frame's file belongs to: `__main__` for the program's entry. */
function moduleOf(file: string): string {
  const argv0 = nodeProcess()?.env["PYTS_ARGV0"];
  if (argv0 !== undefined && (file === argv0 || absoluteSourcePath(file) === absoluteSourcePath(argv0))) return "__main__";
  const base = file.split("/").pop() ?? file;
  return base.endsWith(".py") ? base.slice(0, -3) : base;
}

function warn(...args: unknown[]): null {
  const [pos, kw] = splitKw(args);
  const arg = (i: number, name: string, fallback: unknown): unknown => (i < pos.length ? pos[i] : name in kw ? kw[name] : fallback);
  const message = arg(0, "message", undefined);
  let category = arg(1, "category", null);
  const stacklevel = Number(arg(2, "stacklevel", 1n) as bigint);
  if (message instanceof Warning) category = message.constructor;
  if (isNone(category)) category = UserWarning;
  if (!(isClass(category) && isSubclassOf(category, Warning))) {
    throw new PyTypeError(`category must be a Warning subclass, not '${typeName(category)}'`);
  }
  const frames = pythonFrames(new Error());
  const frame = stacklevel >= 1 ? frames[frames.length - stacklevel] : frames[frames.length - 1];
  const m = frame === undefined ? null : /^ {2}File "(.*)", line (\d+), in .*\n?(.*)?/.exec(frame);
  if (m === null) return warnExplicit(message, category, "sys", 1n, "sys", null);
  return warnExplicit(message, category, absoluteSourcePath(m[1]!), BigInt(m[2]!), moduleOf(m[1]!), (m[3] ?? "").trim());
}

function warn_explicit(...args: unknown[]): null {
  const [pos, kw] = splitKw(args);
  const arg = (i: number, name: string, fallback: unknown): unknown => (i < pos.length ? pos[i] : name in kw ? kw[name] : fallback);
  const module = arg(4, "module", null);
  const registry = arg(5, "registry", null);
  return warnExplicit(arg(0, "message", undefined), arg(1, "category", UserWarning), toStr(arg(2, "filename", "")), BigInt(arg(3, "lineno", 0n) as bigint), isNone(module) ? null : toStr(module), null, !isNone(registry));
}

// ---- catch_warnings ----

export class catch_warnings {
  static readonly __module__ = "warnings";
  readonly #record: boolean;
  readonly #action: unknown;
  readonly #filterArgs: unknown[];
  #entered = false;
  #savedFilters: unknown[] | null = null;
  #savedShow: AnyFunction | null = null;

  constructor(...args: unknown[]) {
    const [pos, kw] = splitKw(args);
    if (pos.length > 0) throw new PyTypeError("catch_warnings.__init__() takes 1 positional argument but 2 were given");
    this.#record = kw["record"] === true;
    this.#action = kw["action"] ?? null;
    this.#filterArgs = [kw["category"] ?? Warning, kw["lineno"] ?? 0n, kw["append"] ?? false];
  }

  __repr__(): string {
    const args: string[] = [];
    if (this.#record) args.push("record=True");
    return `catch_warnings(${args.join(", ")})`;
  }

  __enter__(): unknown {
    if (this.#entered) throw new RuntimeError(`Cannot enter ${this.__repr__()} twice`);
    this.#entered = true;
    this.#savedFilters = filters();
    warningsModule.filters = this.#savedFilters.slice();
    filtersVersion++;
    this.#savedShow = warningsModule.showwarning;
    if (!isNone(this.#action)) simplefilter(this.#action, ...this.#filterArgs);
    if (!this.#record) return null;
    const log: WarningMessage[] = [];
    warningsModule.showwarning = (...a: unknown[]): null => {
      const [p, k] = splitKw(a);
      log.push(new WarningMessage(p[0], p[1], p[2], p[3], p[4] ?? k["file"] ?? null, p[5] ?? k["line"] ?? null));
      return null;
    };
    return log;
  }

  __exit__(..._exc: unknown[]): null {
    if (!this.#entered) throw new RuntimeError(`Cannot exit ${this.__repr__()} without entering first`);
    warningsModule.filters = this.#savedFilters ?? [];
    filtersVersion++;
    warningsModule.showwarning = this.#savedShow ?? showwarning;
    return null;
  }
}

/** CPython's default filters in a release build (DeprecationWarning shown in __main__ only). */
function defaultFilters(): unknown[] {
  return [
    Tuple.of("default", null, DeprecationWarning, "__main__", 0n),
    Tuple.of("ignore", null, DeprecationWarning, null, 0n),
    Tuple.of("ignore", null, PendingDeprecationWarning, null, 0n),
    Tuple.of("ignore", null, ImportWarning, null, 0n),
    Tuple.of("ignore", null, ResourceWarning, null, 0n),
  ];
}

let initialFilters: unknown[] | null = null;

export const warningsModule = moduleObject("warnings", {
  get filters(): unknown[] {
    initialFilters ??= defaultFilters();
    return initialFilters;
  },
  set filters(list: unknown[]) {
    initialFilters = list;
  },
  defaultaction: "default",
  onceregistry: onceRegistry,
  warn,
  warn_explicit,
  // Replaceable by programs with any value (`warnings.showwarning = log`, or 42 to see the
  // TypeError at the next warning), so typed as any.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  showwarning: showwarning as any,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  formatwarning: formatwarningCall as any,
  filterwarnings,
  simplefilter,
  resetwarnings,
  catch_warnings: pyClass(catch_warnings),
  WarningMessage: pyClass(WarningMessage),
});
