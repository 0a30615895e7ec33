// `f.__defaults__ = (...)` and `f.__kwdefaults__ = {...}`: what later calls of `f` get for the
// arguments they leave out, as in CPython. Only modules that write either attribute emit their
// defs' parameters as `b = positionalDefault(f, 1, 1n)` / `c = keywordDefault(f, "c", 2n)`,
// which give the written values (or the def's own when none were written).
import { Dict } from "../values/dict.js";
import { PyTypeError } from "../values/exceptions.js";
import { Tuple } from "../values/tuple.js";
import { missingArguments, parseSpec } from "./binding.js";
import { functionInfo, WRAPPED_DEF } from "./function-info.js";
import { REDEFAULT } from "./keywords.js";

interface Written {
  /** the function's qualified name and positional parameters (a wrapper's def has no record) */
  qualname: string;
  positional: string[];
  /** the positional defaults, null when set to None (undefined: never written) */
  defaults?: readonly unknown[] | null;
  kwdefaults?: Map<string, unknown> | null;
}

const written = new WeakMap<Function, Written>();

/** The functions that are one Python function: `f`, and the defs its wrappers call. */
function defChain(f: Function): Function[] {
  const chain = [f];
  for (let inner = (f as { [WRAPPED_DEF]?: unknown })[WRAPPED_DEF]; typeof inner === "function" && !chain.includes(inner); inner = (inner as { [WRAPPED_DEF]?: unknown })[WRAPPED_DEF]) chain.push(inner);
  return chain;
}

/** What is written for the functions of `f`'s chain, made on the first write. */
function records(f: Function): Written[] {
  const chain = defChain(f);
  const info = chain.map(functionInfo).find((i) => i?.spec);
  const positional = (info?.spec ? parseSpec(info.spec) : []).filter((p) => p.kind === "positional" || p.kind === "positionalOnly").map((p) => p.name);
  return chain.map((fn) => {
    let record = written.get(fn);
    if (record === undefined) written.set(fn, (record = { qualname: info?.qualname ?? "function", positional }));
    return record;
  });
}

/** The wrappers that bind `f`'s calls learn which parameters may now be left out. */
function rebind(f: Function, positional: number | null, keyword: ReadonlySet<string> | null): void {
  for (const fn of defChain(f)) {
    const redefault = (fn as { [REDEFAULT]?: (p: number | null, k: ReadonlySet<string> | null) => void })[REDEFAULT];
    if (redefault !== undefined) redefault(positional, keyword);
  }
}

/**
 * A recorded spec (`["self", "a", "b=", "*", "c="]`) whose defaults are the written ones: the
 * last `positional` positional parameters, and the keyword-only ones `keyword` names (null:
 * unchanged). The runtime's argument checks (invokeMethod) and inspect read it.
 */
function respec(spec: readonly string[], positional: number | null, keyword: ReadonlySet<string> | null): string[] {
  const params = parseSpec(spec);
  const positionals = params.filter((p) => p.kind === "positional" || p.kind === "positionalOnly");
  return spec.map((item, i) => {
    const p = params[i]!;
    const bare = item.endsWith("=") ? item.slice(0, -1) : item;
    if ((p.kind === "positional" || p.kind === "positionalOnly") && positional !== null) return positionals.indexOf(p) >= positionals.length - positional ? `${bare}=` : bare;
    if (p.kind === "kwonly" && keyword !== null) return keyword.has(p.name) ? `${bare}=` : bare;
    return item;
  });
}

/** `f.__defaults__ = value` / `f.__kwdefaults__ = value`; false for other names. */
export function writeDefaults(f: Function, name: string, value: unknown): boolean {
  if (name === "__defaults__") {
    if (value !== null && !(value instanceof Tuple)) throw new PyTypeError("__defaults__ must be set to a tuple object");
    const items = value === null ? null : [...(value as Tuple<unknown>).items];
    for (const record of records(f)) record.defaults = items;
    rebind(f, items?.length ?? 0, null);
    for (const fn of defChain(f)) {
      const info = functionInfo(fn);
      if (info === undefined) continue;
      info.defaults = items ?? [];
      if (info.spec) info.spec = respec(info.spec, items?.length ?? 0, null);
    }
    return true;
  }
  if (name === "__kwdefaults__") {
    if (value !== null && !(value instanceof Dict)) throw new PyTypeError("__kwdefaults__ must be set to a dict object");
    const entries = value === null ? null : new Map([...(value as Dict<unknown, unknown>).entries()].filter((e): e is [string, unknown] => typeof e[0] === "string"));
    for (const record of records(f)) record.kwdefaults = entries;
    rebind(f, null, new Set(entries?.keys() ?? []));
    for (const fn of defChain(f)) {
      const info = functionInfo(fn);
      if (info === undefined) continue;
      info.kwdefaults = entries === null ? {} : Object.fromEntries(entries);
      if (info.spec) info.spec = respec(info.spec, null, new Set(entries?.keys() ?? []));
    }
    return true;
  }
  return false;
}

/**
 * The value of the positional parameter at `index` a call left out (`own`: the def's default).
 * (typed `any`: a parameter's annotation, `name: str`, does not bind what `__defaults__` holds)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function positionalDefault(f: Function, index: number, ...own: unknown[]): any {
  const record = written.get(f);
  const defaults = record?.defaults;
  if (defaults === undefined) {
    if (own.length > 0) return own[0];
  } else if (defaults !== null) {
    const at = index - (record!.positional.length - defaults.length);
    if (at >= 0 && at < defaults.length) return defaults[at];
  }
  // (a call that left this one out left out those after it too: all without a default are named)
  const positional = record?.positional ?? [];
  const required = positional.length - (defaults !== undefined ? (defaults?.length ?? 0) : (functionInfo(f)?.defaults?.length ?? 0));
  const missing = positional.slice(index, Math.max(index + 1, required));
  throw new PyTypeError(missingArguments(record?.qualname ?? functionInfo(f)?.qualname ?? "function", "positional", missing.length > 0 ? missing : ["?"]));
}

/** The value of the keyword-only parameter `name` a call left out (`own`: the def's default). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function keywordDefault(f: Function, name: string, ...own: unknown[]): any {
  const record = written.get(f);
  const kwdefaults = record?.kwdefaults;
  if (kwdefaults === undefined) {
    if (own.length > 0) return own[0];
  } else if (kwdefaults !== null && kwdefaults.has(name)) return kwdefaults.get(name);
  throw new PyTypeError(missingArguments(record?.qualname ?? functionInfo(f)?.qualname ?? "function", "keyword-only", [name]));
}
