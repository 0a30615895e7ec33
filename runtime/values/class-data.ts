// Data attributes of runtime classes read off the class: `datetime.date.year` is a
// getset_descriptor, `datetime.timedelta.days` a member_descriptor, `logging.Handler.name` and
// `fractions.Fraction.numerator` properties, as CPython's classes hold them
// (class-data-table.ts, generated from CPython). The runtime keeps the attributes themselves on
// its instances, so each descriptor reads (and writes) through the instance; instance reads
// never come here.

import { CLASS_DATA_TABLE } from "./class-data-table.js";
import { GetSetDescriptor, MemberDescriptor } from "./data-descriptors.js";
import { PyProperty } from "../lang/descriptors.js";
import { getattr, setattr } from "./builtin-functions.js";
import { className, moduleName, qualName } from "./typename.js";

/** Per runtime class: its own data names, each with its kind (and a property's accessor names). */
const kindsByClass = new WeakMap<Function, ReadonlyMap<string, readonly string[]>>();
/** Per class and name: the descriptor made once (`Fraction.numerator is Fraction.numerator`). */
const made = new WeakMap<Function, Map<string, unknown>>();

function kindsOf(cls: Function): ReadonlyMap<string, readonly string[]> {
  let kinds = kindsByClass.get(cls);
  if (kinds === undefined) {
    let row: string | undefined;
    try {
      row = CLASS_DATA_TABLE.get(`${moduleName(cls)}.${qualName(cls)}`);
    } catch {
      row = undefined;
    }
    kinds = new Map((row === undefined ? [] : row.split(" ")).map((entry) => {
      const [name, ...kind] = entry.split(":");
      return [name!, kind];
    }));
    kindsByClass.set(cls, kinds);
  }
  return kinds;
}

/** A property's getter or setter, named as CPython's class names its function (`Handler.get_name`). */
function accessor(owner: Function, name: string, fn: (...a: never[]) => unknown): (...a: never[]) => unknown {
  Object.defineProperty(fn, "__name__", { value: name, configurable: true, writable: true });
  Object.defineProperty(fn, "__qualname__", { value: `${className(owner)}.${name}`, configurable: true, writable: true });
  return fn;
}

function makeDescriptor(owner: Function, name: string, [kind, getterName = name, setterName = name]: readonly string[]): unknown {
  if (kind === "g") return new GetSetDescriptor(owner, name, false);
  if (kind === "m") return new MemberDescriptor(owner, name, false);
  const fget = accessor(owner, getterName, (self: unknown): unknown => getattr(self, name));
  const fset = kind === "P" ? accessor(owner, setterName, (self: unknown, value: unknown): unknown => setattr(self, name, value)) : null;
  const property = new PyProperty(fget, fset);
  property.__set_name__(owner, name);
  return property;
}

/**
 * `Cls.name` where runtime class `cls` (or a base) is CPython's class defining data attribute
 * `name`: its descriptor, else undefined.
 */
export function classDataDescriptor(cls: Function, name: string): unknown {
  for (let c: unknown = cls; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const kind = kindsOf(c).get(name);
    if (kind === undefined) continue;
    let byName = made.get(c);
    if (byName === undefined) made.set(c, (byName = new Map()));
    if (!byName.has(name)) byName.set(name, makeDescriptor(c, name, kind));
    return byName.get(name);
  }
  return undefined;
}
