// The `__dict__` of instances and classes. An instance's `__dict__` is a Dict of its own
// attributes whose writes go through to the instance (descriptors store values there); a
// class's is a read-only `mappingproxy` of what its body defined.
import { Dict, KeyTable } from "./dict.js";
import { AbstractSet, PySet } from "./set.js";
import { Tuple } from "./tuple.js";
import { BaseException, PyTypeError } from "./exceptions.js";

const EXCEPTION_FIELDS = new Set(["args", "__cause__", "__context__", "__suppress_context__"]);
import { repr } from "./repr.js";
import { className, classSource, isClass } from "./typename.js";
import { classInitOf, isInheritedCopy } from "../lang/mro.js";
import { typeDictEntries, typeDunder } from "./type-dunders.js";
import { builtinDataDescriptor, GetSetDescriptor } from "./data-descriptors.js";
import { BUILTIN_CLASS_DOCS, TYPE_DOCS } from "./type-dicts.js";
import { isManaged, RAW_DESCRIPTOR } from "../lang/descriptors.js";
import { slotNames } from "../lang/attribute-hooks.js";
import { functionKey, objectKey, pythonName } from "../lang/attr-names.js";
import { CLASS_METHOD, plainMethod, STATIC_METHOD } from "../lang/functions.js";
import { methodObject } from "../lang/method-objects.js";
import { setClassAttribute } from "../lang/class-attributes.js";
import { isPythonVisible, listedNames } from "./python-names.js";

/** Per instance: `__dict__` entries named like a data descriptor of its class, which they cannot hide. */
const SHADOWED = Symbol.for("pyts.shadowed");

function shadowed(owner: object): Map<string, unknown> {
  if (!Object.hasOwn(owner, SHADOWED)) Object.defineProperty(owner, SHADOWED, { value: new Map() });
  return (owner as { [SHADOWED]: Map<string, unknown> })[SHADOWED];
}

let setFields: Set<string> | undefined;
let dictFields: Set<string> | undefined;

/**
 * Own keys of an instance of a subclass of a built-in that hold the built-in value itself (a
 * list's indices, a set's table), which are no attributes; null for other objects.
 */
function internalKeys(owner: object): ((key: string) => boolean) | null {
  if (Array.isArray(owner) || owner instanceof Uint8Array) return (key) => /^\d+$/.test(key);
  if (owner instanceof AbstractSet) {
    const fields = (setFields ??= new Set(Object.keys(new PySet())));
    return (key) => fields.has(key);
  }
  if (owner instanceof Dict && !(owner instanceof InstanceDict)) {
    const fields = (dictFields ??= new Set(Object.keys(new Dict())));
    return (key) => fields.has(key);
  }
  if (owner instanceof Tuple) return (key) => key === "items";
  // (an exception's `args` and `__cause__`... are its type's descriptors, not in its `__dict__`)
  if (owner instanceof BaseException) return (key) => EXCEPTION_FIELDS.has(key);
  // (a runtime class's own fields, a deque subclass's `items`, are no attributes either)
  if (listedNames(owner) !== undefined) return (key) => !isPythonVisible(owner, key, pythonName(key, false) ?? key);
  return null;
}

/**
 * The table of an instance's `__dict__`: every change (a store, `del d[k]`, `pop`, `popitem`,
 * `clear`, `update`) reaches the instance, whichever dict method makes it.
 */
class InstanceTable extends KeyTable<unknown, unknown> {
  /** False while the table takes in the instance's attributes, which are already there. */
  live = false;

  constructor(private readonly owner: object) {
    super();
  }

  override set(key: unknown, value: unknown): void {
    super.set(key, value);
    if (!this.live || typeof key !== "string") return;
    if (isManaged(this.owner, key)) shadowed(this.owner).set(key, value);
    else Object.defineProperty(this.owner, objectKey(key), { value, writable: true, enumerable: true, configurable: true });
  }

  override delete(key: unknown): ReturnType<KeyTable<unknown, unknown>["delete"]> {
    const found = super.delete(key);
    if (found !== undefined && typeof key === "string") this.forget(key);
    return found;
  }

  override clear(): void {
    for (const entry of [...super.iterate("dictionary")]) if (typeof entry.key === "string") this.forget(entry.key);
    super.clear();
  }

  private forget(key: string): void {
    if (Object.hasOwn(this.owner, SHADOWED)) shadowed(this.owner).delete(key);
    if (Object.hasOwn(this.owner, objectKey(key))) delete (this.owner as Record<string, unknown>)[objectKey(key)];
  }
}

/** `obj.__dict__`: the instance's attributes; changes to the dict change the instance. */
export class InstanceDict extends Dict<unknown, unknown> {
  static override readonly pythonName = "dict";

  readonly #owner: object;

  constructor(owner: object) {
    super();
    this.#owner = owner;
    this.reload();
  }

  /** Takes in the instance's attributes as they are now (each read of `obj.__dict__` gives this one dict). */
  reload(): void {
    const owner = this.#owner;
    const table = new InstanceTable(owner);
    (this as { table: KeyTable<unknown, unknown> }).table = table;
    const slots = slotNames(owner);
    // stored keys are JS keys (`then$`); the dict shows Python names
    const internal = internalKeys(owner);
    for (const key of Object.keys(owner)) {
      if (internal !== null && internal(key)) continue;
      const name = pythonName(key, false);
      if (name !== null && !slots.has(name)) table.set(name, (owner as Record<string, unknown>)[key]);
    }
    if (Object.hasOwn(owner, SHADOWED)) for (const [key, value] of shadowed(owner)) table.set(key, value);
    table.live = true;
  }
}

/** `Cls.__dict__`: a read-only view (Python's `mappingproxy`). */
export class MappingProxy extends Dict<unknown, unknown> {
  static readonly __name__ = "mappingproxy";
  static readonly __module__ = "builtins";

  override set(key: unknown, value: unknown): this {
    if (this.sealed) throw new PyTypeError("'mappingproxy' object does not support item assignment");
    return super.set(key, value);
  }

  override delete(key: unknown): boolean {
    if (this.sealed) throw new PyTypeError("'mappingproxy' object does not support item deletion");
    return super.delete(key);
  }

  sealed = false;

  __repr__(): string {
    return `mappingproxy(${repr(new Dict(this.entries()))})`;
  }

  /** str() of a mappingproxy is its mapping's. */
  __str__(): string {
    return repr(new Dict(this.entries()));
  }
}

/** A class's static member as its namespace holds it: a `classmethod`/`staticmethod` object for those. */
function namespaceValue(cls: Function, value: unknown): unknown {
  if (typeof value !== "function") return value;
  if (Object.hasOwn(value, CLASS_METHOD)) return methodObject(cls, value as (...a: unknown[]) => unknown, "classmethod");
  if (Object.hasOwn(value, STATIC_METHOD)) return methodObject(cls, value as (...a: unknown[]) => unknown, "staticmethod");
  return value;
}

/** `vars(list)`, `int.__dict__`: a built-in type's namespace, its names in CPython's order. */
export function builtinTypeDict(type: Function): MappingProxy | undefined {
  const entries = typeDictEntries(type);
  if (entries === undefined) return undefined;
  const d = new MappingProxy();
  const typeName = (type as { __name__?: string }).__name__ ?? className(type);
  for (const [name, kind] of entries) {
    const own = Object.hasOwn(type, name) ? (type as unknown as Record<string, unknown>)[name] : undefined;
    let value: unknown = own ?? typeDunder(type, name);
    if (value === undefined) {
      if (kind === "v") value = name === "__doc__" ? (TYPE_DOCS[typeName] ?? BUILTIN_CLASS_DOCS[typeName] ?? null) : null;
      else if (kind === "g" || kind === "M") value = builtinDataDescriptor(type, name, kind);
      else if (kind === "n") value = new AttributeSlot(`<built-in method ${name} of type object>`);
      else value = new AttributeSlot(`<${kind === "s" ? "slot wrapper" : "method"} '${name}' of '${typeName}' objects>`);
    }
    d.set(name, value);
  }
  d.sealed = true;
  return d;
}

/** The class body's names in the order it first bound them (recorded by `namespaceOrder`). */
const BODY_ORDER = Symbol.for("pyts.bodyOrder");
/** name a class body stored through its namespace -> how many of the body's names came before it */
const BODY_STORED_AT = Symbol.for("pyts.bodyStoredAt");

/** Records the order of a class body's names, for `Cls.__dict__` (emitted when a program reads one). */
export function namespaceOrder(cls: Function, names: string[]): void {
  Object.defineProperty(cls, BODY_ORDER, { value: names });
}

/** `d` reordered as CPython's namespace: `__module__`, the docstring, the body's names, the rest. */
function inBodyOrder(cls: Function, d: MappingProxy): MappingProxy {
  const order = Object.hasOwn(cls, BODY_ORDER) ? (cls as unknown as { [BODY_ORDER]: string[] })[BODY_ORDER] : undefined;
  if (order === undefined) return d;
  const entries = new Map(d.entries() as Iterable<[string, unknown]>);
  const out = new MappingProxy();
  const move = (key: string): void => {
    if (entries.has(key)) {
      out.set(key, entries.get(key));
      entries.delete(key);
    }
  };
  const storedAt = Object.hasOwn(cls, BODY_STORED_AT) ? (cls as unknown as { [BODY_STORED_AT]: Map<string, number> })[BODY_STORED_AT] : undefined;
  // (the names stored through the namespace after the body's first `at` names)
  const moveStored = (at: number): void => {
    if (storedAt !== undefined) for (const [key, index] of storedAt) if (index === at) move(key);
  };
  move("__module__");
  if (entries.get("__doc__") !== null) move("__doc__");
  moveStored(0);
  order.forEach((key, i) => {
    move(key);
    moveStored(i + 1);
  });
  const tail = ["__dict__", "__weakref__", "__doc__"];
  for (const key of [...entries.keys()]) if (!tail.includes(key)) move(key);
  for (const key of tail) move(key);
  out.sealed = true;
  return out;
}

/** What `type` puts in a class's namespace for `__dict__` and `__weakref__`: one descriptor per class and name. */
const slotDescriptors = new WeakMap<Function, Map<string, GetSetDescriptor>>();
function slotDescriptor(cls: Function, name: "__dict__" | "__weakref__"): GetSetDescriptor {
  let own = slotDescriptors.get(cls);
  if (own === undefined) slotDescriptors.set(cls, (own = new Map()));
  let d = own.get(name);
  if (d === undefined) own.set(name, (d = new GetSetDescriptor(cls, name, name === "__dict__")));
  return d;
}

/** A built-in type's entry pyts has no object for (`list.__new__`): its repr only. */
class AttributeSlot {
  constructor(private readonly text: string) {}

  __repr__(): string {
    return this.text;
  }
}

/** JS members of a class that are no Python class attributes. */
const JS_STATICS = new Set(["length", "name", "prototype", "pythonName", "__qualname__", "__name__", "__pytype__"]);

/**
 * A class's namespace as Python shows it: `__module__`, the docstring, class attributes,
 * methods and properties (class attributes first: JS keeps them apart from methods), then
 * what `type` adds to a class without a user base.
 */
export function classDict(cls: any, moduleName: string, rootClass: boolean): MappingProxy {
  const d = new MappingProxy();
  d.set("__module__", moduleName);
  const doc = Object.hasOwn(cls, "__doc__") ? cls.__doc__ : null;
  if (doc !== null) d.set("__doc__", doc);
  for (const key of Object.getOwnPropertyNames(cls)) {
    if (JS_STATICS.has(key) || key === "__doc__" || key === "__module__" || isInheritedCopy(cls, cls, key)) continue;
    const desc = Object.getOwnPropertyDescriptor(cls, key)!;
    const raw = desc.get !== undefined ? (desc.get as { [RAW_DESCRIPTOR]?: unknown })[RAW_DESCRIPTOR] : undefined;
    const value = raw !== undefined ? raw : desc.get ? desc.get.call(cls) : desc.value;
    // (a name the class body declares but never bound, e.g. in a branch not taken)
    if (value !== undefined) d.set(pythonName(key, true) ?? key, namespaceValue(cls, value));
  }
  for (const key of Object.getOwnPropertyNames(cls.prototype)) {
    if (d.has(key) || key.startsWith("#") || isInheritedCopy(cls, cls.prototype, key)) continue;
    if (key === "constructor") {
      // A class whose __init__ became its JS constructor.
      if (cls.prototype.constructor === cls && /\bconstructor\s*\(/.test(classSource(cls))) d.set("__init__", classInitOf(cls) ?? cls);
      continue;
    }
    const desc = Object.getOwnPropertyDescriptor(cls.prototype, key)!;
    if (desc.get || desc.set) continue; // a class attribute or a property, listed above
    d.set(pythonName(key, false) ?? key, typeof desc.value === "function" && !isClass(desc.value) ? plainMethod(desc.value as (...a: unknown[]) => unknown, cls) : desc.value);
  }
  if (rootClass) {
    d.set("__dict__", slotDescriptor(cls, "__dict__"));
    d.set("__weakref__", slotDescriptor(cls, "__weakref__"));
  }
  if (doc === null) d.set("__doc__", null);
  d.sealed = true;
  return inBodyOrder(cls, d);
}

/** Static of a class whose body binds names through a hook (an enumeration's `_EnumDict`). */
export const CLASS_BODY_STORE = Symbol.for("pyts.classBodyStore");
/** Own property of a class: the names its body bound through `vars()`, in order. */
export const CLASS_BODY_NAMES = Symbol.for("pyts.classBodyNames");

/**
 * `vars()` / `locals()` run directly in a class body: the class's namespace so far; a write
 * binds a class attribute (through an enumeration's member hook), as CPython's class
 * namespace does.
 */
export class ClassNamespace extends Dict<unknown, unknown> {
  static override readonly pythonName = "dict";

  /** `at`: how many of the body's names (namespaceOrder's) the body bound before this namespace was asked for */
  constructor(
    private readonly owner: Record<string | symbol, unknown>,
    private readonly at: number,
  ) {
    super();
    for (const key of Object.keys(owner)) {
      const name = pythonName(key, true);
      if (name !== null) super.set(name, owner[key]);
    }
  }

  override set(key: unknown, value: unknown): this {
    if (typeof key === "string") {
      const store = this.owner[CLASS_BODY_STORE] as ((this: unknown, name: string, value: unknown) => unknown) | undefined;
      if (typeof store === "function") value = store.call(this.owner, key, value);
      // (instances see it too, as a name the body bound: `self.RED`)
      if (typeof store === "function") Object.defineProperty(this.owner, functionKey(key), { value, writable: true, enumerable: true, configurable: true });
      else setClassAttribute(this.owner, key, value);
      if (!Object.hasOwn(this.owner, CLASS_BODY_NAMES)) Object.defineProperty(this.owner, CLASS_BODY_NAMES, { value: [] });
      const names = this.owner[CLASS_BODY_NAMES] as string[];
      if (!names.includes(key)) {
        names.push(key);
        // `__dict__` lists it where the body stored it (inBodyOrder)
        if (!Object.hasOwn(this.owner, BODY_STORED_AT)) Object.defineProperty(this.owner, BODY_STORED_AT, { value: new Map<string, number>() });
        (this.owner[BODY_STORED_AT] as Map<string, number>).set(key, this.at);
      }
    }
    super.set(key, value);
    return this;
  }
}

/**
 * `vars()` / `locals()` in a class body (emitted as `classNamespace(this, at)`), where `at` of
 * the body's names were bound before it.
 */
export function classNamespace(cls: object, at = 0): Dict {
  return new ClassNamespace(cls as Record<string | symbol, unknown>, at);
}
