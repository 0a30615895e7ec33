// `type` as a base class (`class Meta(type)`), with no imports so that the value modules can
// ask "is this a metaclass, what is this class's metaclass" without an import cycle. The
// work is done in metaclasses.ts, which installs it here when it loads.

import { isClass } from "../values/typename.js";

type AnyClass = Function & { prototype: any; [key: PropertyKey]: any };

/** What metaclasses.ts provides: making classes and instances. */
export const typeHooks: {
  createDynamic: (meta: AnyClass, args: unknown[]) => unknown;
  typeNew: (mcls: AnyClass, ...args: unknown[]) => unknown;
  construct: (cls: Function, args: unknown[]) => unknown;
  /** `type(name, bases, ns)`: the bases' most derived metaclass (null: `type` itself). */
  winner: (bases: readonly unknown[]) => AnyClass | null;
} = {
  createDynamic: () => null,
  typeNew: () => null,
  construct: () => null,
  winner: () => null,
};

/** The base of classes deriving from `type`: calling one makes a class. */
export class TypeBase {
  static readonly pythonName = "type";

  /** `Meta(name, bases, namespace)`: a class made at run time by the metaclass. */
  constructor(...args: unknown[]) {
    return typeHooks.createDynamic(new.target as unknown as AnyClass, args) as any;
  }

  /** `type.__new__(mcls, name, bases, namespace)` reached from a metaclass without its own. */
  static __new__(this: AnyClass, ...args: any[]): any {
    return typeHooks.typeNew(this, ...args);
  }

  /** `type.__init__`: nothing to do. */
  __init__(..._args: any[]): any {
    return null;
  }

  /** `type.__call__(cls, *args, **kwargs)`: make an instance (its `__new__`, `__init__`). */
  __call__(this: AnyClass, ...args: any[]): any {
    return typeHooks.construct(this, args);
  }

  /** `C instanceof Meta`: a class is an instance of its metaclass and of that one's bases. */
  static [Symbol.hasInstance](this: AnyClass, x: unknown): boolean {
    if (typeof x !== "function") return Function.prototype[Symbol.hasInstance].call(this, x);
    const meta = metaclassOf(x);
    return meta !== null && (meta === this || Function.prototype[Symbol.hasInstance].call(this, meta.prototype));
  }
}
// Classes are functions: a class whose static prototype is a metaclass's keeps call/bind.
Object.setPrototypeOf(TypeBase.prototype, Function.prototype);

/**
 * A runtime class whose subclasses report this metaclass (`type(ABC) is ABCMeta`) while their
 * class attributes stay before the metaclass's (`Sub.__init__` is never `type.__init__`).
 */
export const IMPLICIT_METACLASS = Symbol.for("pyts.implicitMetaclass");

/** Is `cls` a metaclass (`type` subclassed by the program)? */
export function isMetaclass(cls: unknown): boolean {
  return typeof cls === "function" && (cls === TypeBase || (cls as AnyClass).prototype instanceof TypeBase);
}

/**
 * The metaclass a class statement (or `Meta(name, bases, ns)`) gave a class: stored on it and
 * read through the static prototype chain, so its subclasses have it too, never its bases.
 */
const METACLASS = Symbol.for("pyts.metaclass");

/** The metaclass of a class, or null for a class of plain `type`. */
export function metaclassOf(cls: unknown): AnyClass | null {
  if (typeof cls !== "function") return null;
  const meta = (cls as { [METACLASS]?: unknown })[METACLASS];
  if (meta !== undefined) return meta as AnyClass;
  // A runtime class standing for its metaclass without being its instance (abc.ABC).
  const implicit = (cls as { [IMPLICIT_METACLASS]?: unknown })[IMPLICIT_METACLASS];
  return isMetaclass(implicit) ? (implicit as AnyClass) : null;
}

/** An operator's dunder the class's metaclass defines (`Dog + Cat`, `Cat < Dog`), else undefined. */
export function metaclassDunder(cls: unknown, name: string): ((...args: unknown[]) => unknown) | undefined {
  if (typeof cls !== "function") return undefined;
  const meta = (cls as { [METACLASS]?: AnyClass })[METACLASS];
  const m: unknown = meta === undefined ? undefined : meta.prototype[name];
  return typeof m === "function" ? (m as (...args: unknown[]) => unknown) : undefined;
}

/** `key in cls`, counting its metaclass's attributes (an `in` test cannot see them). */
export function inClassOrMetaclass(cls: Function, key: PropertyKey): boolean {
  if (key in cls) return true;
  const meta = (cls as { [METACLASS]?: AnyClass })[METACLASS];
  return meta !== undefined && key in meta.prototype;
}

/**
 * The object that ends the static prototype chain of a class hierarchy in which some class
 * has a metaclass (it replaces what the root class's statics inherited, one per such parent).
 * A class attribute that the class chain lacks is read (and written, for a metaclass's
 * property setters) through the reading class's own metaclass: `Cls.method()` binds `Cls` to
 * `Meta.method`, while the hierarchy's classes without a metaclass keep the plain parent's.
 */
const dispatchers = new Map<object, object>();
const allDispatchers = new WeakSet<object>();

function metaclassDispatcher(parent: object): object {
  let dispatcher = dispatchers.get(parent);
  if (dispatcher !== undefined) return dispatcher;
  // (an object, not a function: the walks of class chains stop here as at Function.prototype)
  const fallback = Object.create(parent) as object;
  const side = (receiver: unknown): object => {
    const meta = typeof receiver === "function" ? (receiver as { [METACLASS]?: AnyClass })[METACLASS] : undefined;
    return meta === undefined ? fallback : (meta.prototype as object);
  };
  dispatcher = new Proxy(fallback, {
    get: (target, key, receiver) => (key === METACLASS ? undefined : Reflect.get(side(receiver), key, receiver)),
    set: (target, key, value, receiver) => Reflect.set(side(receiver), key, value, receiver),
  });
  dispatchers.set(parent, dispatcher);
  allDispatchers.add(dispatcher);
  return dispatcher;
}

/**
 * `cls` becomes an instance of `meta` (and so do its subclasses): its bases keep theirs.
 * The hierarchy's root class's statics end in the dispatcher that reads `meta`'s attributes.
 */
export function adoptMetaclass(cls: AnyClass, meta: AnyClass): void {
  Object.defineProperty(cls, METACLASS, { value: meta, configurable: true, writable: true });
  let root: AnyClass = cls;
  while (isClass(Object.getPrototypeOf(root))) root = Object.getPrototypeOf(root);
  const parent = Object.getPrototypeOf(root) as object;
  if (allDispatchers.has(parent)) return;
  // (`x instanceof Root` stays an ordinary lookup that ends before the dispatcher)
  if (!Object.hasOwn(root, Symbol.hasInstance)) Object.defineProperty(root, Symbol.hasInstance, { value: (root as { [Symbol.hasInstance]: unknown })[Symbol.hasInstance], configurable: true, writable: true });
  Object.setPrototypeOf(root, metaclassDispatcher(parent));
}

/** The metaclass's `__call__` when it is not `type.__call__` (null: construct as usual). */
export function metaclassCall(cls: unknown): ((...args: unknown[]) => unknown) | null {
  const meta = metaclassOf(cls);
  if (meta === null) return null;
  const call = meta.prototype.__call__;
  return typeof call === "function" && call !== TypeBase.prototype.__call__ ? call : null;
}
