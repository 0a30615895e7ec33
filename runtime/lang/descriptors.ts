// Descriptors. A class attribute whose value defines `__get__` (and `__set__`/`__delete__`)
// decides what reading (assigning, deleting) the attribute through an instance does:
// `property` objects, user descriptors, `functools.cached_property`. `@property` methods
// are emitted as JS accessors (fast to read); `Cls.prop` still gives their property object.
import { functionKey } from "./attr-names.js";
import { bodyValueOf } from "./body-values.js";
import { AttributeError } from "../values/exceptions.js";
import { qualName, typeName } from "../values/typename.js";
import { callValue } from "../modules/pycall.js";
import { splitKw } from "../values/kwargs.js";
import { CALLABLE_OBJECT } from "../values/repr.js";

type Fn = ((...args: any[]) => any) | null;

/** Python's `property`: the getter, setter and deleter of one managed attribute. */
export class PyProperty {
  static readonly pythonName = "property";
  /** the attribute name, for error messages (set by `__set_name__`) */
  private attributeName: string | null = null;
  __doc__: unknown;

  constructor(
    readonly fget: Fn = null,
    readonly fset: Fn = null,
    readonly fdel: Fn = null,
    doc: unknown = null,
  ) {
    this.__doc__ = doc ?? (fget as { __doc__?: unknown } | null)?.__doc__ ?? null;
  }

  /** Is any of its functions abstract (`@property` over `@abstractmethod`)? As CPython's property computes it. */
  get __isabstractmethod__(): boolean {
    return [this.fget, this.fset, this.fdel].some((f) => f !== null && (f as { __isabstractmethod__?: unknown }).__isabstractmethod__ === true);
  }

  getter(f: Fn): PyProperty {
    return this.copy(f, this.fset, this.fdel);
  }

  setter(f: Fn): PyProperty {
    return this.copy(this.fget, f, this.fdel);
  }

  deleter(f: Fn): PyProperty {
    return this.copy(this.fget, this.fset, f);
  }

  private copy(fget: Fn, fset: Fn, fdel: Fn): PyProperty {
    const p = new PyProperty(fget, fset, fdel, this.__doc__);
    p.attributeName = this.attributeName;
    return p;
  }

  private missing(obj: unknown, what: string): AttributeError {
    // (CPython names only a property that `__set_name__` named: not one made outside a class body)
    const named = this.attributeName === null ? "property" : `property '${this.attributeName}'`;
    return new AttributeError(`${named} of '${typeName(obj)}' object has no ${what}`);
  }

  __get__(obj: unknown, _owner: unknown = null): unknown {
    if (obj === null || obj === undefined) return this;
    if (this.fget === null) throw this.missing(obj, "getter");
    return callValue(this.fget, obj);
  }

  __set__(obj: unknown, value: unknown): null {
    if (this.fset === null) throw this.missing(obj, "setter");
    callValue(this.fset, obj, value);
    return null;
  }

  __delete__(obj: unknown): null {
    if (this.fdel === null) throw this.missing(obj, "deleter");
    callValue(this.fdel, obj);
    return null;
  }

  __set_name__(_owner: unknown, name: string): null {
    this.attributeName = name;
    return null;
  }
}

/** `property(fget=None, fset=None, fdel=None, doc=None)`, also as a decorator. */
export function property(...args: unknown[]): PyProperty {
  const [positional, keywords] = splitKw(args);
  const [fget = keywords.fget ?? null, fset = keywords.fset ?? null, fdel = keywords.fdel ?? null, doc = keywords.doc ?? null] = positional;
  return new PyProperty(fget as Fn, fset as Fn, fdel as Fn, doc);
}
Object.defineProperties(property, {
  __pytype__: { value: true },
  pythonName: { value: "property" },
  __name__: { value: "property" },
  __qualname__: { value: "property" },
  __module__: { value: "builtins" },
  __base__: { value: null },
  __instancecheck__: { value: (x: unknown) => x instanceof PyProperty },
});

/** On the class-side getter of a descriptor attribute: the descriptor itself (for `Cls.__dict__`). */
export const RAW_DESCRIPTOR = Symbol.for("pyts.rawDescriptor");

/** Does a class attribute's value take part in attribute access? */
export function isDescriptor(value: unknown): value is { __get__: (obj: unknown, owner: unknown) => unknown } {
  // Looked up on the value's class, as Python does (an instance's __getattr__ is not asked).
  // A callable object made as a function (a callable mock: PropertyMock) counts as an object.
  const isObject = typeof value === "object" || (typeof value === "function" && (value as { [CALLABLE_OBJECT]?: boolean })[CALLABLE_OBJECT] === true);
  return value !== null && isObject && typeof (Object.getPrototypeOf(value) as { __get__?: unknown } | null)?.__get__ === "function";
}

/** A data descriptor without `__get__` (its class defines `__set__` or `__delete__` only). */
export function isSetOnlyDescriptor(value: unknown): value is object {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value) as { __get__?: unknown; __set__?: unknown; __delete__?: unknown } | null;
  return proto !== null && proto.__get__ === undefined && (typeof proto.__set__ === "function" || typeof proto.__delete__ === "function");
}

/** Python calls `value.__set_name__(owner, name)` for each class attribute when the class is made. */
export function setName(cls: unknown, name: string, value: unknown): void {
  const hook = value !== null && typeof value === "object" ? (Object.getPrototypeOf(value) as { __set_name__?: unknown } | null)?.__set_name__ : undefined;
  if (typeof hook === "function") hook.call(value, cls, name);
}

function classOf(obj: object): any {
  return (Object.getPrototypeOf(obj) as { constructor: unknown }).constructor;
}

/**
 * A class attribute whose value is a descriptor: reading it through an instance calls
 * `__get__(obj, type(obj))`; assigning calls `__set__` when the descriptor has one (a data
 * descriptor), else stores an instance attribute that hides it, as in Python.
 */
export function shareDescriptor(cls: any, name: string, descriptor: { __get__?: (obj: unknown, owner: unknown) => unknown }): void {
  const set = (descriptor as { __set__?: unknown }).__set__;
  const del = (descriptor as { __delete__?: unknown }).__delete__;
  // (without `__get__`, an instance reads its `__dict__`'s value, else the descriptor itself)
  const get = function (this: object): unknown {
    if (typeof descriptor.__get__ === "function") return descriptor.__get__(this, classOf(this));
    const own = (this as { [SHADOWED]?: Map<string, unknown> })[SHADOWED];
    return own !== undefined && own.has(name) ? own.get(name) : descriptor;
  };
  (get as { [RAW_DESCRIPTOR]?: unknown })[RAW_DESCRIPTOR] = descriptor;
  Object.defineProperty(cls.prototype, name, {
    configurable: true,
    // (an instance attribute, stored by a descriptor without __set__, hides the descriptor)
    get,
    set(this: object, value: unknown) {
      if (typeof set === "function") set.call(descriptor, this, value);
      else if (typeof del === "function") throw new AttributeError("__set__");
      else Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
    },
  });
  if (typeof set === "function" || typeof del === "function") markManaged(cls.prototype, name);
  if (typeof del === "function") deleters(cls.prototype).set(name, (obj: unknown) => del.call(descriptor, obj));
}

/** `Cls.name = value` replacing a descriptor shareDescriptor installed: instances no longer reach it. */
export function unshareDescriptor(cls: any, name: string): void {
  const own = Object.getOwnPropertyDescriptor(cls.prototype, name);
  if (own?.get === undefined || (own.get as { [RAW_DESCRIPTOR]?: unknown })[RAW_DESCRIPTOR] === undefined) return;
  delete cls.prototype[name];
  if (Object.hasOwn(cls.prototype, MANAGED)) (cls.prototype[MANAGED] as Set<string>).delete(name);
  deleters(cls.prototype).delete(name);
}

/** Per instance: its `__dict__` values of managed names (values/namespaces.ts keeps them). */
const SHADOWED = Symbol.for("pyts.shadowed");

/** Per prototype: names a data descriptor or property manages (an instance's __dict__ cannot hide them). */
const MANAGED = Symbol.for("pyts.managed");

function markManaged(proto: any, name: string): void {
  if (!Object.hasOwn(proto, MANAGED)) Object.defineProperty(proto, MANAGED, { value: new Set() });
  (proto[MANAGED] as Set<string>).add(name);
}

/** Does a data descriptor (a property, or a descriptor with __set__) manage `obj.name`? */
export function isManaged(obj: object, name: string): boolean {
  for (let p = Object.getPrototypeOf(obj); p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    if (Object.hasOwn(p, MANAGED) && (p[MANAGED] as Set<string>).has(name)) return true;
  }
  return false;
}

/** Per prototype: what `del obj.name` runs for a managed attribute (a descriptor's __delete__). */
const DELETERS = Symbol.for("pyts.deleters");

export function deleters(proto: any): Map<string, (obj: unknown) => unknown> {
  if (!Object.hasOwn(proto, DELETERS)) Object.defineProperty(proto, DELETERS, { value: new Map() });
  return proto[DELETERS];
}

/** `del obj.name` for an attribute a class manages: its deleter, or null when none applies. */
export function managedDeleter(obj: object, name: string): ((obj: unknown) => unknown) | null {
  for (let p = Object.getPrototypeOf(obj); p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const own = Object.hasOwn(p, DELETERS) ? (p[DELETERS] as Map<string, (obj: unknown) => unknown>).get(name) : undefined;
    if (own) return own;
  }
  return null;
}

/** Assigning a `@property` without a setter: CPython's AttributeError, naming the object's type. */
export function noSetter(obj: unknown, name: string): AttributeError {
  return new AttributeError(`property '${name}' of '${typeName(obj)}' object has no setter`);
}

/** What the lowering knows of a `@property` besides its getter. */
export interface PropertyFacts {
  /** the `@name.deleter` function (taking `self`) */
  deleter?: (self: any) => unknown;
  /** no `@name.setter`: the emitted setter only raises AttributeError */
  readOnly?: boolean;
  /** the getter's docstring (kept when the module reads `__doc__`) */
  doc?: string;
  /** `@property @deco def name`: the decorators under `property`, outermost first */
  getDecorators?: unknown[];
  /** `@name.setter @deco def name`: likewise for the setter */
  setDecorators?: unknown[];
  /** an accessor def after the getter's: the property it remakes keeps the deleter it had */
  remade?: boolean;
}

/** The accessor function after the decorators written under `@property` (or `@x.setter`) wrap it. */
function decoratedAccessor(f: ((...args: any[]) => unknown) | null, decorators: unknown[] | undefined, cls: Function, name: string, doc?: string): ((...args: any[]) => unknown) | null {
  if (f === null || decorators === undefined || decorators.length === 0) return f;
  // (the def as the decorators see it: its names and docstring, which `functools.wraps` copies)
  accessorNames(f, cls, name);
  if (doc !== undefined) Object.defineProperty(f, "__doc__", { value: doc, writable: true, configurable: true });
  let value: unknown = f;
  for (let i = decorators.length - 1; i >= 0; i--) value = callValue(decorators[i], value);
  return (...args: unknown[]) => callValue(value, ...args);
}

/**
 * Static block of a class with `@property` methods, emitted as JS accessors: `Cls.name` is
 * the property object (fget/fset the accessor's functions taking `self`), and `del obj.name`
 * runs the deleter.
 */
export function defineProperties(cls: any, properties: Record<string, PropertyFacts>): void {
  for (const [name, facts] of Object.entries(properties)) {
    const d = Object.getOwnPropertyDescriptor(cls.prototype, name) ?? {};
    const get = d.get;
    const set = facts.readOnly ? undefined : d.set;
    let fget = get ? namedFunction(name, (self: unknown) => get.call(self)) : null;
    let fset = set ? namedFunction(name, (self: unknown, value: unknown) => set.call(self, value)) : null;
    if (facts.getDecorators !== undefined || facts.setDecorators !== undefined) {
      // Decorators under `@property`: the property's accessors are what they return.
      const wrappedGet = decoratedAccessor(fget, facts.getDecorators, cls, name, facts.doc);
      const wrappedSet = decoratedAccessor(fset, facts.setDecorators, cls, name);
      fget = wrappedGet;
      fset = wrappedSet;
      Object.defineProperty(cls.prototype, name, {
        get: wrappedGet ? function (this: unknown) { return wrappedGet(this); } : undefined,
        set: wrappedSet ? function (this: unknown, value: unknown) { wrappedSet(this, value); } : d.set,
        configurable: true,
        enumerable: d.enumerable ?? false,
      });
    }
    // (each accessor def remakes the property where it stands in the body: `@x.setter` copies x's fdel)
    const previous: unknown = facts.remade ? Object.getOwnPropertyDescriptor(cls, functionKey(name))?.value : undefined;
    const fdel = facts.deleter ?? (previous instanceof PyProperty ? previous.fdel : null);
    const p = new PyProperty(fget, fset, fdel, facts.doc ?? null);
    // The accessors are the class body's functions named `name` (`A.x.fdel.__qualname__` is "A.x").
    for (const f of [fget, fset, fdel]) if (typeof f === "function") accessorNames(f, cls, name);
    p.__set_name__(cls, name);
    // (Under its function key: a property called `name` must not rename the class.)
    Object.defineProperty(cls, functionKey(name), { value: p, writable: true, configurable: true });
    deleters(cls.prototype).set(name, (obj: unknown) => p.__delete__(obj));
    markManaged(cls.prototype, name);
  }
}

function accessorNames(f: Function, cls: Function, name: string): void {
  if (!Object.hasOwn(f, "__name__")) Object.defineProperty(f, "__name__", { value: name, writable: true, configurable: true });
  if (!Object.hasOwn(f, "__qualname__")) Object.defineProperty(f, "__qualname__", { value: `${qualName(cls)}.${name}`, writable: true, configurable: true });
}

function namedFunction<F extends (...args: any[]) => unknown>(name: string, fn: F): F {
  Object.defineProperty(fn, "name", { value: name });
  return fn;
}

/**
 * A descriptor read off the class: `Cls.name` is `descriptor.__get__(None, Cls)` (a property
 * or a typical descriptor returns itself, a non-data descriptor may give its value).
 */
export function readThroughDescriptor(cls: any, classKey: string, descriptor: { __get__: (obj: unknown, owner: unknown) => unknown }): void {
  const get = function (this: unknown): unknown {
    return descriptor.__get__(null, this);
  };
  (get as { [RAW_DESCRIPTOR]?: unknown })[RAW_DESCRIPTOR] = descriptor;
  Object.defineProperty(cls, classKey, {
    configurable: true,
    enumerable: true,
    get,
    set(this: object, value: unknown) {
      Object.defineProperty(this, classKey, { value, writable: true, enumerable: true, configurable: true });
    },
  });
}

/**
 * A name of the class body read in the body itself: the namespace's value, which for a
 * descriptor a decorator made (`@enum.property def label`, then `@label.setter`) is the
 * descriptor object, not what the class's attribute lookup (its `__get__`) gives.
 */
// (`any`: the emitted body goes on with a member call, `classBodyValue(this, "neg").register(str)`)
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function classBodyValue(cls: any, classKey: string): any {
  const recorded = bodyValueOf(cls, classKey);
  if (recorded !== undefined) return recorded;
  const own = Object.getOwnPropertyDescriptor(cls, classKey);
  const raw = own?.get !== undefined ? (own.get as { [RAW_DESCRIPTOR]?: unknown })[RAW_DESCRIPTOR] : undefined;
  return raw !== undefined ? raw : cls[classKey];
}

// (its `__get__`/`__set__`/`__delete__` are C slots: method-wrappers when read, runtime/values/attributes.ts)
Object.defineProperty(PyProperty.prototype, Symbol.for("pyts.slotDescriptor"), { value: true });
