// `type` as a base class (`class Meta(type)`), with no imports so that the value modules can
// ask "is this a metaclass, what is this class's metaclass" without an import cycle. The
// work is done in metaclasses.ts, which installs it here when it loads.

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

/** The metaclass of a class, or null for a class of plain `type`. */
export function metaclassOf(cls: unknown): AnyClass | null {
  if (typeof cls !== "function") return null;
  let p: unknown = Object.getPrototypeOf(cls);
  while (typeof p === "function" && p !== Function.prototype) p = Object.getPrototypeOf(p);
  if (p === null || typeof p !== "object" || !(p instanceof TypeBase)) {
    // A runtime class standing for its metaclass without being its instance (abc.ABC).
    const implicit = (cls as { [IMPLICIT_METACLASS]?: unknown })[IMPLICIT_METACLASS];
    return isMetaclass(implicit) ? (implicit as AnyClass) : null;
  }
  const meta = (p as { constructor?: unknown }).constructor;
  return isMetaclass(meta) ? (meta as AnyClass) : null;
}

/** The metaclass's `__call__` when it is not `type.__call__` (null: construct as usual). */
export function metaclassCall(cls: unknown): ((...args: unknown[]) => unknown) | null {
  const meta = metaclassOf(cls);
  if (meta === null) return null;
  const call = meta.prototype.__call__;
  return typeof call === "function" && call !== TypeBase.prototype.__call__ ? call : null;
}
