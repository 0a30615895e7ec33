// Python's `abc`: `ABC` as a base class, `ABCMeta` (its metaclass: `type(ABC) is ABCMeta`,
// `class C(metaclass=ABCMeta)`), `@abstractmethod` and its deprecated classmethod/
// staticmethod/property forms, `register` (virtual subclasses seen by isinstance/issubclass),
// `__subclasshook__`, `update_abstractmethods` and `get_cache_token`. A class with abstract
// methods left (its own or inherited, not overridden) cannot be instantiated: ABC's
// constructor, or ABCMeta's `__call__` for a class not deriving from ABC, raises CPython's
// TypeError naming them.
import { PyTypeError } from "../values/exceptions.js";
import { className, isClass } from "../values/typename.js";
import { FrozenSet } from "../values/set.js";
import { Tuple } from "../values/tuple.js";
import { NotImplemented } from "../values/singletons.js";
import { truthy } from "../values/truth.js";
import { functionKey, objectKey, pythonName } from "../lang/attr-names.js";
import { IMPLICIT_METACLASS, metaclassOf, TypeBase } from "../lang/type-base.js";
import { constructDirect } from "../lang/functions.js";
import { PyClassMethod, PyStaticMethod } from "../lang/method-objects.js";
import { PyProperty } from "../lang/descriptors.js";
import { typeOf } from "../values/builtin-types.js";
import { moduleObject } from "./module-object.js";

type AnyClass = Function & { prototype: any; [key: PropertyKey]: any };

let abstractCache = new WeakMap<Function, string[]>();
/** Virtual subclasses given to `register`, per ABC. */
const registry = new WeakMap<Function, Set<Function>>();
let cacheToken = 0n;

function isAbstract(f: unknown): boolean {
  return (
    (typeof f === "function" || (typeof f === "object" && f !== null)) &&
    (f as { __isabstractmethod__?: unknown }).__isabstractmethod__ === true
  );
}

function collect(
  holder: object,
  keyName: (key: string) => string | undefined,
  seen: Set<string>,
  abstract: string[],
): void {
  for (const key of Object.getOwnPropertyNames(holder)) {
    if (
      key === "constructor" ||
      key === "prototype" ||
      key === "length" ||
      key === "name"
    )
      continue;
    const name = keyName(key);
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    const d = Object.getOwnPropertyDescriptor(holder, key)!;
    if (isAbstract(d.value) || isAbstract(d.get)) abstract.push(name);
  }
}

/** The names whose attribute (first found along the prototype chain) is still abstract, sorted. */
function abstractMethodsOf(cls: Function): string[] {
  const cached = abstractCache.get(cls);
  if (cached !== undefined) return cached;
  const seen = new Set<string>();
  const abstract: string[] = [];
  const methodName = (key: string): string | undefined =>
    pythonName(key, false) ?? key;
  const staticName = (key: string): string | undefined =>
    key.startsWith("$") ||
    key === "__instancecheck__" ||
    key === "__subclasscheck__"
      ? undefined
      : (pythonName(key, true) ?? undefined);
  for (
    let c = cls as AnyClass | null;
    c !== null &&
    c !== ABC &&
    c !== Function.prototype &&
    typeof c === "function";
    c = Object.getPrototypeOf(c) as AnyClass | null
  ) {
    if (c.prototype === undefined) break;
    // (a class attribute assigned after the class statement is a static: it wins)
    collect(c, staticName, seen, abstract);
    collect(c.prototype, methodName, seen, abstract);
  }
  abstract.sort();
  abstractCache.set(cls, abstract);
  return abstract;
}

function checkInstantiable(cls: Function): void {
  const abstract = abstractMethodsOf(cls);
  if (abstract.length > 0) {
    const noun = abstract.length === 1 ? "method" : "methods";
    throw new PyTypeError(
      `Can't instantiate abstract class ${className(cls)} with abstract ${noun} ${abstract.join(", ")}`,
    );
  }
}

/** `cls` derives from, or is registered (directly or through a base) to, `abc`. */
function registeredTo(abc: Function, cls: Function, depth = 0): boolean {
  if (depth > 64) return false;
  for (const [target, set] of registryEntries()) {
    if (!(
      target === abc ||
      (target as AnyClass).prototype instanceof (abc as AnyClass)
    ))
      continue;
    for (const c of set) {
      if (c === cls || (cls as AnyClass).prototype instanceof (c as AnyClass))
        return true;
    }
  }
  return false;
}

const registered: Function[] = [];
function* registryEntries(): Iterable<[Function, Set<Function>]> {
  for (const abc of registered) yield [abc, registry.get(abc)!];
}

function subclassHook(abc: AnyClass, cls: unknown): unknown {
  const hook = abc[functionKey("__subclasshook__")] ?? abc.__subclasshook__;
  if (typeof hook !== "function")
    return NotImplemented;
  return (hook as (c: unknown) => unknown).call(abc, cls);
}

/** `abc.register(subclass)`. */
function registerTo(abc: AnyClass, subclass: unknown): unknown {
  if (!isClass(subclass)) throw new PyTypeError("Can only register classes");
  if (issubclassOf(subclass as Function, abc)) return subclass;
  if (issubclassOf(abc, subclass as Function))
    throw new Error("Refusing to create an inheritance cycle");
  let set = registry.get(abc);
  if (set === undefined) {
    registry.set(abc, (set = new Set()));
    registered.push(abc);
  }
  set.add(subclass as Function);
  cacheToken++;
  return subclass;
}

/** `ABCMeta`: the metaclass of abstract base classes. */
export class ABCMeta extends TypeBase {
  static readonly __module__ = "abc";

  /** `isinstance(Cls, ABCMeta)`: also the subclasses of ABC. */
  static __instancecheck__(this: AnyClass, x: unknown): boolean {
    return x instanceof this || (isClass(x) && metaclassOf(x) !== null && (metaclassOf(x) === this || metaclassOf(x)!.prototype instanceof this));
  }

  /**
   * `Base.register(Sub)`: a virtual subclass; returns it (usable as a decorator, read off the
   * class without binding: a getter gives a function that knows its class).
   */
  get register(): (subclass: unknown) => unknown {
    const abc = this as unknown as AnyClass;
    return (subclass: unknown) => registerTo(abc, subclass);
  }

  __instancecheck__(this: AnyClass, x: unknown): boolean {
    if (x instanceof this) return true;
    if (x === null || x === undefined) return false;
    return this.__subclasscheck__(typeOf(x));
  }

  __subclasscheck__(this: AnyClass, cls: unknown): boolean {
    if (!isClass(cls))
      throw new PyTypeError("issubclass() arg 1 must be a class");
    const hooked = subclassHook(this, cls);
    if (hooked !== NotImplemented) return truthy(hooked);
    if (cls === this || (cls as AnyClass).prototype instanceof this)
      return true;
    return registeredTo(this, cls as Function);
  }

  /** `type.__call__` after the abstract-method check (for classes not deriving from ABC). */
  __call__(this: AnyClass, ...args: any[]): any {
    checkInstantiable(this);
    return constructDirect(this, args);
  }

  get __abstractmethods__(): FrozenSet<string> {
    return new FrozenSet(abstractMethodsOf(this as unknown as Function));
  }

  _abc_registry_clear(this: AnyClass): null {
    registry.get(this)?.clear();
    return null;
  }
}
Object.defineProperty(ABCMeta, "__name__", {
  value: "ABCMeta",
  configurable: true,
});
Object.defineProperty(ABCMeta, "__qualname__", {
  value: "ABCMeta",
  configurable: true,
});

function issubclassOf(a: Function, b: Function): boolean {
  if (a === b) return true;
  const proto = (a as AnyClass).prototype;
  return (
    typeof b === "function" &&
    typeof b.prototype === "object" &&
    proto !== undefined &&
    proto instanceof (b as AnyClass)
  );
}

/** `class Shape(ABC)`. */
export class ABC {
  static readonly __module__: string = "abc";
  /** (empty: a subclass that lists its own `__slots__` gives its instances no `__dict__`) */
  static readonly __slots__ = Tuple.from([]);

  constructor(..._args: any[]) {
    checkInstantiable(new.target);
  }

  // ABCMeta's methods, read off the class (ABC is not an instance of ABCMeta: see type-base.ts).
  static get register(): (subclass: unknown) => unknown {
    const abc = this as unknown as AnyClass;
    return (subclass: unknown) => registerTo(abc, subclass);
  }

  static __instancecheck__(x: unknown): boolean {
    return ABCMeta.prototype.__instancecheck__.call(this as unknown as AnyClass, x);
  }

  static __subclasscheck__(cls: unknown): boolean {
    return ABCMeta.prototype.__subclasscheck__.call(this as unknown as AnyClass, cls);
  }

  static get __abstractmethods__(): FrozenSet<string> {
    return new FrozenSet(abstractMethodsOf(this));
  }
}

// `type(ABC) is ABCMeta`, for ABC and its subclasses.
Object.defineProperty(ABC, IMPLICIT_METACLASS, { value: ABCMeta });
Object.defineProperty(ABC, Symbol.for("pyts.metaclassStatics"), { value: new Set(["register", "__instancecheck__", "__subclasscheck__", "__abstractmethods__"]) });

/** `@abstractmethod`: marks the function (`f.__isabstractmethod__ is True`). */
export function abstractmethod<F>(f: F): F {
  (f as { __isabstractmethod__?: boolean }).__isabstractmethod__ = true;
  return f;
}

/** `@abstractclassmethod` (deprecated): a classmethod whose function is abstract. */
export function abstractclassmethod(f: unknown): PyClassMethod {
  abstractmethod(f);
  const m = new PyClassMethod(f as (...a: unknown[]) => unknown);
  (m as unknown as { __isabstractmethod__: boolean }).__isabstractmethod__ =
    true;
  return m;
}

/** `@abstractstaticmethod` (deprecated): a staticmethod whose function is abstract. */
export function abstractstaticmethod(f: unknown): PyStaticMethod {
  abstractmethod(f);
  const m = new PyStaticMethod(f as (...a: unknown[]) => unknown);
  (m as unknown as { __isabstractmethod__: boolean }).__isabstractmethod__ =
    true;
  return m;
}

/** `@abstractproperty` (deprecated): a property whose getter is abstract. */
export function abstractproperty(
  fget: unknown = null,
  fset: unknown = null,
  fdel: unknown = null,
  doc: unknown = null,
): PyProperty {
  if (fget !== null) abstractmethod(fget);
  // (abstract through its getter, PyProperty's __isabstractmethod__)
  return new PyProperty(fget as never, fset as never, fdel as never, doc);
}

/** `update_abstractmethods(cls)`: recompute after methods were added or replaced; returns cls. */
export function update_abstractmethods(cls: unknown): unknown {
  if (typeof cls === "function") abstractCache = new WeakMap();
  return cls;
}

/** `get_cache_token()`: changes whenever a class is registered to any ABC. */
export function get_cache_token(): bigint {
  return cacheToken;
}

/**
 * `@property @abstractmethod def name(self)` (abstractmethod under another built-in decorator):
 * marks what the class holds under that name, a property's getter or the function itself.
 */
export function markAbstract(cls: any, key: string): void {
  for (const [holder, k] of [
    [cls.prototype, objectKey(key)],
    [cls, functionKey(key)],
  ] as [object, string][]) {
    const d = Object.getOwnPropertyDescriptor(holder, k);
    if (d === undefined) continue;
    // (a property is abstract through its getter: PyProperty's __isabstractmethod__ reads it)
    const fget = (d.value as { fget?: unknown } | undefined)?.fget;
    if (typeof fget === "function") abstractmethod(fget);
    else abstractmethod(d.get ?? d.value);
  }
}

export const abcModule = moduleObject("abc", {
  ABC,
  ABCMeta,
  abstractmethod,
  abstractclassmethod,
  abstractstaticmethod,
  abstractproperty,
  update_abstractmethods,
  get_cache_token,
});
