// `types.new_class`, `types.prepare_class` and `types.resolve_bases`: classes made at run
// time the way a class statement makes them (bases resolved through `__mro_entries__`, the
// namespace filled by `exec_body`, the metaclass called), as CPython's types.py does.

import { type } from "../values/builtin-types.js";
import { Dict } from "../values/dict.js";
import { PyTypeError } from "../values/exceptions.js";
import { iter } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
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

/** The metaclass named in `kwds` (else `type`), a new namespace, the other keywords. */
export function prepare_class(...args: unknown[]): Tuple {
  const [pos, kws] = splitKw(args);
  const kwds = pos[2] ?? kws["kwds"];
  const rest = new Dict<unknown, unknown>(isNone(kwds) ? [] : (kwds as Dict<unknown, unknown>).entries());
  const meta = rest.has("metaclass") ? rest.get("metaclass") : type;
  rest.delete("metaclass");
  const prepare = (meta as { __prepare__?: unknown }).__prepare__;
  const ns = typeof prepare === "function" ? callValue(prepare, pos[0] ?? kws["name"], tupleOf(pos[1] ?? kws["bases"] ?? Tuple.from([]))) : new Dict();
  return Tuple.of(meta, ns, rest);
}

/** `new_class(name, bases=(), kwds=None, exec_body=None)`. */
export function new_class(...args: unknown[]): any {
  const [pos, kws] = splitKw(args);
  const name = pos[0] ?? kws["name"];
  const bases = tupleOf(pos[1] ?? kws["bases"] ?? Tuple.from([]));
  const execBody = pos[3] ?? kws["exec_body"];
  const resolved = resolve_bases(bases);
  const [meta, ns] = prepare_class(name, resolved, pos[2] ?? kws["kwds"] ?? null).items as [unknown, Dict<unknown, unknown>];
  if (!isNone(execBody)) callValue(execBody, ns);
  if (resolved !== bases) ns.set("__orig_bases__", bases);
  const cls = meta === type ? type(name, resolved, ns) : callValue(meta, name, resolved, ns);
  // (the class statement's module is the caller's: CPython's new_class runs in types.py)
  if (!ns.has("__module__") && isClass(cls)) Object.defineProperty(cls, "__module__", { value: "types", writable: true, configurable: true });
  return cls;
}
