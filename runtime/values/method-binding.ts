// A method of a runtime class read off an instance without a call (`roll = r.randint`,
// `mv = d.move_to_end`): CPython gives a built-in method where its class wrote the method in
// C, a bound method where in Python. builtin-method-table.ts (generated from CPython) says which.

import { BUILTIN_METHOD_TABLE } from "./builtin-method-table.js";
import { builtinMethod } from "./builtin-type.js";
import { moduleName, qualName, tpName } from "./typename.js";
import { boundCall, boundMethod } from "../lang/functions.js";

type AnyFn = (...args: unknown[]) => unknown;
type TableEntry = readonly [string, "*" | readonly string[]];

/** Per class: its table entry (null: a class CPython does not write in C, a program's own). */
const entries = new WeakMap<Function, TableEntry | null>();

function entryOf(cls: Function): TableEntry | null {
  let entry = entries.get(cls);
  if (entry === undefined) {
    entry = BUILTIN_METHOD_TABLE.get(`${moduleName(cls)}.${qualName(cls)}`) ?? null;
    entries.set(cls, entry);
  }
  return entry;
}

/**
 * Is `name`, found on class `owner`, a C method for `obj`? The classes from obj's own up to
 * `owner` are asked, nearest first: the first the table knows decides (a program's subclass
 * of `random.Random` inherits `random` from C; its own methods are found on itself).
 */
function isCMethod(obj: object, name: string, owner: Function): boolean {
  for (let p = Object.getPrototypeOf(obj) as object | null; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    const cls = (p as { constructor?: unknown }).constructor;
    if (typeof cls !== "function" || !Object.hasOwn(p, "constructor")) continue;
    const entry = entryOf(cls);
    if (entry !== null) return entry[1] === "*" || entry[1].includes(name);
    if (cls === owner) return false;
  }
  return false;
}

/** `obj.name` where the method `fn` was found on class `owner`: a built-in or a bound method. */
export function bindFoundMethod(obj: object, fn: AnyFn, name: string, owner: Function | null): AnyFn {
  if (owner !== null && isCMethod(obj, name, owner)) return builtinMethod(boundCall(obj, fn), name, obj, fn);
  return boundMethod(obj, fn, owner);
}

/** `key` is a static function of runtime class `cls` (or of a base) that its CPython class writes in C (`datetime.datetime.now`). */
export function isCClassMethod(cls: Function, key: string): boolean {
  for (let c: unknown = cls; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (!Object.hasOwn(c, key)) continue;
    const entry = entryOf(c);
    return entry !== null && (entry[1] === "*" || entry[1].includes(key));
  }
  return false;
}

/** The type name a built-in method's repr shows for its `self`: a C type's tp_name (`collections.OrderedDict`). */
export function selfTypeName(self: unknown): string {
  if (self !== null && typeof self === "object") {
    const proto = Object.getPrototypeOf(self) as { constructor?: unknown } | null;
    const cls = proto?.constructor;
    if (proto && typeof cls === "function" && Object.hasOwn(proto, "constructor")) {
      const entry = entryOf(cls);
      if (entry !== null) return entry[0];
    }
  }
  return tpName(self);
}

/**
 * `collections.deque.append`: is `name`, a method runtime class `owner` holds on its prototype,
 * one CPython writes in C (a method descriptor read off the class)? Its type's tp_name if so.
 */
export function cMethodTpName(owner: Function, name: string): string | undefined {
  const entry = entryOf(owner);
  return entry !== null && (entry[1] === "*" || entry[1].includes(name)) ? entry[0] : undefined;
}
