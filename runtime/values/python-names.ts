// Which JS members of the runtime's classes are Python attributes. A runtime class (a deque,
// a date, a compiled pattern, a generator) keeps its state and helpers in ordinary JS members
// (`items`, `y`, `native`, `next`); Python sees only the names CPython's class shows, listed
// per class by scripts/gen-python-names.mjs. getattr, hasattr, dir and vars ask here.

import { ASSIGNED_NAMES, PYTHON_NAMES_TABLE } from "./python-names-table.js";
import { isClass, moduleName, qualName } from "./typename.js";
import { typeOf } from "./builtin-types.js";
import { typeDirNames } from "./type-dunders.js";

/** A runtime class with a table, the Python names of its table, and its instances' own runtime fields. */
type Listed = readonly [cls: Function, names: ReadonlySet<string>, fields: ReadonlySet<string>];

const NO_FIELDS: ReadonlySet<string> = new Set();

/** Per JS class: the nearest class in its chain (itself or a base) with a table; null: none. */
const nearestListed = new WeakMap<Function, Listed | null>();

/** The names `cls` itself is listed with, when it is a runtime class of the table (null: any names). */
function ownNames(cls: Function): Listed | null | undefined {
  // (a runtime class standing for a C type of builtins, an iterator or a dict view, lists its own)
  if (Object.hasOwn(cls, PYTHON_NAMES)) return rowOf(cls, (cls as unknown as { [PYTHON_NAMES]: string })[PYTHON_NAMES]);
  const key = classKey(cls);
  const listed = PYTHON_NAMES_TABLE.get(key);
  if (listed === undefined) return undefined;
  // (a user class named as its runtime base, `class Counter(collections.Counter)`, inherits
  // the base's `__module__`: the base is the listed one)
  const base = Object.getPrototypeOf(cls) as unknown;
  if (typeof base === "function" && base !== Function.prototype && classKey(base) === key) return undefined;
  if (listed === "*") return null;
  return rowOf(cls, listed);
}

/**
 * The static under which a runtime class the generated table does not cover gives its row:
 * its Python names (non-dunder) and its instances' runtime fields, `"names | fields"`.
 */
const PYTHON_NAMES = Symbol.for("pyts.pythonNames");

function rowOf(cls: Function, row: string): Listed {
  const [names, fields] = row.split(" | ");
  return [cls, new Set(names!.split(" ")), fields === undefined ? NO_FIELDS : new Set(fields.split(" "))];
}

function classKey(cls: Function): string {
  return `${moduleName(cls)}.${qualName(cls)}`;
}

/** The nearest listed class in `cls`'s chain (itself first), or null. */
function listedClassOf(cls: Function): Listed | null {
  let found = nearestListed.get(cls);
  if (found !== undefined) return found;
  found = null;
  for (let c: unknown = cls; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const own = ownNames(c as Function);
    if (own === null) break;
    if (own !== undefined) {
      found = own;
      break;
    }
  }
  nearestListed.set(cls, found);
  return found;
}

/** Does CPython keep arbitrary attributes on the listed class's instances (an instance dict)? */
function hasInstanceDict(names: ReadonlySet<string>): boolean {
  return names.has("__dict__");
}

let assigned: ReadonlySet<string> | undefined;

/** What the standard library assigns on objects (`r.url = ...`): such instances may hold it. */
function assignedNames(): ReadonlySet<string> {
  return (assigned ??= new Set(ASSIGNED_NAMES.split(" ")));
}

/** Is `key` held by a prototype of `obj`'s chain below `stop` (a user class's own member)? */
function heldBelow(start: object | null, stop: object, key: string): boolean {
  for (let p = start; p !== null && p !== stop; p = Object.getPrototypeOf(p) as object | null) {
    if (Object.hasOwn(p, key)) return true;
  }
  return false;
}

/**
 * Is `key`, a JS member `obj` has (`key in obj`) for Python's `name`, one of its Python attributes? False for the
 * runtime's own members of a listed class: not among CPython's names for it, and neither an
 * instance attribute (of a user subclass, or of a class whose instances have a dict) nor a
 * member a user subclass defines. Dunders are left to the callers' own rules, unless
 * `strictDunders` (`dir`'s listing: object's dunders only, and those CPython's class shows).
 */
export function isPythonVisible(obj: object, key: string, name: string = key, strictDunders = false): boolean {
  if (name.startsWith("__") && (!strictDunders || objectNames().has(name))) return true;
  if (typeof obj === "function" && isClass(obj)) return isVisibleOnClass(obj, key, name);
  const proto = Object.getPrototypeOf(obj) as { constructor?: unknown } | null;
  const ctor = proto?.constructor;
  if (typeof ctor !== "function") return true;
  const listed = listedClassOf(ctor);
  if (listed === null) return true;
  const [cls, names, fields] = listed;
  if (names.has(name)) return true;
  if (fields.has(key)) return false;
  if (Object.hasOwn(obj, key)) return ctor !== cls || hasInstanceDict(names);
  if (heldBelow(proto, cls.prototype as object, key)) return true;
  // (a value the library may have stored on the instance, a getter's here; a JS method is the runtime's)
  return hasInstanceDict(names) && assignedNames().has(name) && !isMethodOnChain(proto, key);
}

/** Is the first `key` on the prototype chain from `start` a method (a function value)? */
function isMethodOnChain(start: object | null, key: string): boolean {
  for (let p = start; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    const desc = Object.getOwnPropertyDescriptor(p, key);
    if (desc !== undefined) return typeof desc.value === "function";
  }
  return false;
}

/** `key` read off class `cls` (a static, or a prototype member `Cls.method` finds). */
function isVisibleOnClass(cls: Function, key: string, name: string): boolean {
  const listed = listedClassOf(cls);
  if (listed === null) return true;
  const [runtimeClass, names] = listed;
  if (names.has(name)) return true;
  // (a user subclass's own statics and methods; every JS class's own `length` is none of them)
  return (key !== "length" && heldBelow(cls, runtimeClass, key)) || heldBelow((cls as { prototype?: object }).prototype ?? null, runtimeClass.prototype as object, key);
}

/** The Python names CPython lists for the listed class in `obj`'s chain (`dir`'s filter), or undefined. */
export function listedNames(obj: object): ReadonlySet<string> | undefined {
  const cls = typeof obj === "function" && isClass(obj) ? obj : (Object.getPrototypeOf(obj) as { constructor?: unknown } | null)?.constructor;
  if (typeof cls !== "function") return undefined;
  return listedClassOf(cls)?.[1];
}

let objectDir: ReadonlySet<string> | undefined;

/** `dir(object)`: names every instance and class has (the table leaves them out). */
function objectNames(): ReadonlySet<string> {
  return (objectDir ??= new Set(typeDirNames(typeOf({})) ?? []));
}

/** Marks the prototypes whose instances take no attributes (runtime/lang/attribute-stores.ts reads it). */
const REFUSES_ATTRIBUTES = Symbol.for("pyts.refusesAttributes");

/** C types whose instances keep attributes (a `__dictoffset__`) though the type shows no `__dict__`. */
const DICT_WITHOUT_DESCRIPTOR = new Set(["_asyncio.Future", "_asyncio.Task"]);

/**
 * Runtime class `cls` stands for a CPython class whose instances have no `__dict__` (a deque, a
 * date, a compiled pattern): its own instances refuse new attributes, as CPython's do. Marks its
 * prototype (the prototype itself is the mark's value, so a user subclass's instances, which
 * inherit it, still take attributes).
 */
export function markNoInstanceDict(cls: Function): void {
  const proto = (cls as { prototype?: unknown }).prototype;
  if (proto === null || typeof proto !== "object" || Object.hasOwn(proto, REFUSES_ATTRIBUTES)) return;
  let listed: Listed | null | undefined;
  try {
    listed = ownNames(cls);
  } catch {
    return;
  }
  if (listed === null || listed === undefined || hasInstanceDict(listed[1]) || DICT_WITHOUT_DESCRIPTOR.has(classKey(cls))) return;
  Object.defineProperty(proto, REFUSES_ATTRIBUTES, { value: proto });
}

/**
 * Is `name` an attribute CPython's class shows for listed runtime class `cls` (object's names
 * included)? Undefined when `cls` itself is not listed.
 */
export function isListedName(cls: Function, name: string): boolean | undefined {
  const listed = listedClassOf(cls);
  if (listed === null || listed[0] !== cls) return undefined;
  return listed[1].has(name) || objectNames().has(name);
}

/** Is `obj` an instance (not a subclass's) of a type whose instances have no `__dict__` (marked above, or a list's)? */
export function lacksInstanceDict(obj: object): boolean {
  const proto = Object.getPrototypeOf(obj) as { [REFUSES_ATTRIBUTES]?: object } | null;
  return proto !== null && proto[REFUSES_ATTRIBUTES] === proto;
}
