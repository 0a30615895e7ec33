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
import { AttributeError } from "./exceptions.js";
import { className, classTpName, moduleName, qualName, typeName } from "./typename.js";

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

/** The class in `cls`'s chain defining data attribute `name`, with its kind (`g`, `m`, `p`, `P`), else undefined. */
export function dataAttributeKind(cls: Function, name: string): [owner: Function, kind: string] | undefined {
  for (let c: unknown = cls; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const kind = kindsOf(c).get(name);
    if (kind !== undefined) return [c, kind[0]!];
  }
  return undefined;
}

/** CPython's error for a store to read-only data attribute `name` (of kind `kind`) of `owner`'s instance `obj`. */
export function readOnlyError(owner: Function, name: string, kind: string, obj: unknown): AttributeError {
  if (kind === "g") return new AttributeError(`attribute '${name}' of '${classTpName(owner)}' objects is not writable`);
  if (kind === "m") return new AttributeError("readonly attribute");
  return new AttributeError(`property '${name}' of '${typeName(obj)}' object has no setter`);
}

/**
 * Runtime class `cls` keeps some read-only data attributes of CPython's class as getters
 * without a setter, where a store would fail with JS's TypeError: each gets a setter raising
 * CPython's AttributeError (`td.days = 3`: "readonly attribute"). Done once, when the module
 * holding the class is made; writable attributes are untouched.
 */
export function guardReadOnlyData(cls: Function): void {
  const proto = (cls as { prototype?: unknown }).prototype;
  if (proto === null || typeof proto !== "object") return;
  for (const [name, [kind]] of kindsOf(cls)) {
    if (kind === "P") continue;
    const own = Object.getOwnPropertyDescriptor(proto, name);
    if (own === undefined || own.get === undefined || own.set !== undefined || !own.configurable) continue;
    Object.defineProperty(proto, name, {
      get: own.get,
      set(this: unknown) {
        throw readOnlyError(cls, name, kind!, this);
      },
      configurable: true,
      enumerable: own.enumerable ?? false,
    });
  }
}
