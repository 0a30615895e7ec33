// gc's object graph, as far as a JavaScript heap lets a program see it. get_referents follows
// what CPython's tp_traverse visits: a list's and a tuple's items (last first), a dict's values
// (and its keys unless they are all strings), a set's items, an instance's attribute values
// and its class. V8 cannot enumerate its heap, so get_objects answers the container objects
// reachable from the imported modules (sys.modules) through those references; objects only a
// running function's locals hold are missing from it. get_referrers searches that same set
// (plus the modules' namespaces, shown as dicts as CPython's module __dict__ is).

import { Dict } from "../values/dict.js";
import { splitKw } from "../values/kwargs.js";
import { ValueError } from "../values/exceptions.js";
import { instanceDict } from "../values/attributes.js";
import { typeOf } from "../values/builtin-types.js";
import { FrozenSet, PySet } from "../values/set.js";
import { Tuple } from "../values/tuple.js";
import { Bytes } from "../values/bytes.js";
import { PyModule } from "./module-object.js";
import { sysModule } from "./sys.js";

/** What CPython's collector tracks: containers and instances, not atoms. */
function isTracked(x: unknown): x is object {
  if (x === null || typeof x !== "object") return false;
  return !(x instanceof Bytes) && !(x instanceof PyModule);
}

/** The objects `x` refers to, in CPython's traversal order. */
export function referentsOf(x: unknown): unknown[] {
  if (Array.isArray(x)) return [...x].reverse();
  if (x instanceof Tuple) return [...x.items].reverse();
  if (x instanceof Dict) {
    const entries = [...x.entries()];
    if (entries.every(([k]) => typeof k === "string")) return entries.map(([, v]) => v);
    return entries.flatMap(([k, v]) => [v, k]);
  }
  if (x instanceof PySet || x instanceof FrozenSet) return [...(x as Iterable<unknown>)];
  if (x instanceof PyModule) return [moduleNamespace(x)];
  if (x !== null && typeof x === "object" && !(x instanceof Bytes)) {
    const values = [...instanceDict(x).entries()].map(([, v]) => v);
    return [...values, typeOf(x)];
  }
  return [];
}

const namespaces = new WeakMap<PyModule, Dict<unknown, unknown>>();

/** A module's namespace as a dict (made once per module, refreshed on each look). */
function moduleNamespace(module: PyModule): Dict<unknown, unknown> {
  let ns = namespaces.get(module);
  if (ns === undefined) {
    ns = new Dict<unknown, unknown>();
    namespaces.set(module, ns);
  }
  ns.clear();
  for (const key of Object.keys(module)) {
    // (a global not bound yet reads as an error: not in the namespace, as in CPython's dict)
    try {
      ns.set(key, (module as unknown as Record<string, unknown>)[key]);
    } catch {
      continue;
    }
  }
  return ns;
}

/** `gc.get_referents(*objs)`. */
export function get_referents(...objs: unknown[]): unknown[] {
  return objs.flatMap((x) => (isTracked(x) || x instanceof PyModule ? referentsOf(x) : []));
}

/** The tracked objects reachable from the imported modules. */
function reachable(): object[] {
  const seen = new Set<object>();
  const out: object[] = [];
  const pending: unknown[] = [];
  for (const [, module] of (sysModule.modules as Dict<string, unknown>).entries()) {
    if (module instanceof PyModule) pending.push(moduleNamespace(module));
  }
  while (pending.length > 0) {
    const x = pending.pop();
    if (!isTracked(x) || seen.has(x)) continue;
    seen.add(x);
    out.push(x);
    for (const r of referentsOf(x)) if (isTracked(r) && !seen.has(r)) pending.push(r);
  }
  return out;
}

/** `gc.get_objects(generation=None)`: generation 0-2 or None; every reachable object is in the youngest here. */
export function get_objects(...args: unknown[]): unknown[] {
  const [[given], kws] = splitKw(args);
  const generation = given ?? kws.generation ?? null;
  if (generation !== null && generation !== undefined) {
    const g = generation as bigint;
    if (g >= 3n) throw new ValueError("generation parameter must be less than the number of available generations (3)");
    if (g < -1n) throw new ValueError("generation parameter cannot be negative");
  }
  return reachable();
}

/** `gc.get_referrers(*objs)`: the reachable objects that refer to any of `objs`. */
export function get_referrers(...objs: unknown[]): unknown[] {
  return reachable().filter((candidate) => !objs.includes(candidate) && referentsOf(candidate).some((r) => objs.includes(r)));
}
