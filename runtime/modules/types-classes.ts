// `types.new_class`, `types.prepare_class` and `types.resolve_bases`: classes made at run
// time the way a class statement makes them (bases resolved through `__mro_entries__`, the
// namespace filled by `exec_body`, the metaclass called), as CPython's types.py does.

import { type, typeOf } from "../values/builtin-types.js";
import { issubclass } from "../values/builtin-functions.js";
import { callMethod } from "../values/methods.js";
import { Dict } from "../values/dict.js";
import { PyTypeError } from "../values/exceptions.js";
import { iter } from "../values/iteration.js";
import { kw, splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { isClass } from "../values/typename.js";
import { isNone } from "./callable-class.js";
import { callValue } from "./pycall.js";

function tupleOf(x: unknown): Tuple {
  return x instanceof Tuple ? x : Tuple.from([...iter(x)]);
}

/** `resolve_bases(bases)`: each non-class base with `__mro_entries__` replaced by what it returns. */
export function resolve_bases(bases: unknown): Tuple {
  const given = tupleOf(bases);
  const out: unknown[] = [];
  let changed = false;
  for (const base of given.items) {
    const entries = isClass(base) ? undefined : (base as { __mro_entries__?: unknown } | null)?.__mro_entries__;
    if (typeof entries !== "function") {
      out.push(base);
      continue;
    }
    const replaced = callValue(entries, given);
    if (!(replaced instanceof Tuple)) throw new PyTypeError("__mro_entries__ must return a tuple");
    out.push(...replaced.items);
    changed = true;
  }
  return changed ? Tuple.from(out) : given;
}

/**
 * The metaclass a class of these bases gets: `kwds`' own, else the first base's type, made the
 * most derived of the bases' types (CPython's `_calculate_meta`).
 */
function calculateMeta(meta: unknown, bases: Tuple): unknown {
  if (!isClass(meta)) return meta;
  let winner = meta;
  for (const base of bases.items) {
    const baseMeta = typeOf(base);
    if (issubclass(winner, baseMeta)) continue;
    if (issubclass(baseMeta, winner)) {
      winner = baseMeta;
      continue;
    }
    throw new PyTypeError("metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases");
  }
  return winner;
}

/** Keyword arguments from a dict of them. */
function keywordsOf(kwds: Dict<unknown, unknown>): unknown[] {
  return kwds.size === 0 ? [] : [kw(Object.fromEntries([...kwds.entries()].map(([k, v]) => [String(k), v])))];
}

/** `prepare_class(name, bases=(), kwds=None)`: the metaclass, the namespace its `__prepare__` makes, the other keywords. */
export function prepare_class(...args: unknown[]): Tuple {
  const [pos, kws] = splitKw(args);
  const name = pos[0] ?? kws["name"];
  const bases = tupleOf(pos[1] ?? kws["bases"] ?? Tuple.from([]));
  const kwds = pos[2] ?? kws["kwds"];
  const rest = new Dict<unknown, unknown>(isNone(kwds) ? [] : (kwds as Dict<unknown, unknown>).entries());
  const named = rest.has("metaclass");
  let meta = named ? rest.get("metaclass") : bases.items.length > 0 ? typeOf(bases.items[0]) : type;
  rest.delete("metaclass");
  meta = calculateMeta(meta, bases);
  const prepare = (meta as { __prepare__?: unknown }).__prepare__;
  const ns = typeof prepare === "function" ? callMethod(meta, "__prepare__", name, bases, ...keywordsOf(rest)) : new Dict();
  return Tuple.of(meta, ns, rest);
}

/** `new_class(name, bases=(), kwds=None, exec_body=None)`. */
export function new_class(...args: unknown[]): any {
  const [pos, kws] = splitKw(args);
  const name = pos[0] ?? kws["name"];
  const bases = tupleOf(pos[1] ?? kws["bases"] ?? Tuple.from([]));
  const execBody = pos[3] ?? kws["exec_body"];
  const resolved = resolve_bases(bases);
  const [meta, ns, rest] = prepare_class(name, resolved, pos[2] ?? kws["kwds"] ?? null).items as [unknown, Dict<unknown, unknown>, Dict<unknown, unknown>];
  if (!isNone(execBody)) callValue(execBody, ns);
  if (resolved !== bases) ns.set("__orig_bases__", bases);
  const cls = meta === type ? type(name, resolved, ns, ...keywordsOf(rest)) : callValue(meta, name, resolved, ns, ...keywordsOf(rest));
  // (the class statement's module is the caller's: CPython's new_class runs in types.py)
  if (!ns.has("__module__") && isClass(cls)) Object.defineProperty(cls, "__module__", { value: "types", writable: true, configurable: true });
  return cls;
}
