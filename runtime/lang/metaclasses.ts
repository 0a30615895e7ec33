// Metaclasses. `class Meta(type)` extends `TypeBase`; a class records its metaclass, which its
// subclasses inherit and its bases never see (type-base.ts): `type(Cls)`, `isinstance(Cls,
// Meta)` and the metaclass's methods and properties read through the class (`Cls.method()`
// binds the class) follow from it, after the class chain's own attributes, as in Python. A class statement with a metaclass builds its JS class first;
// `createClass` then runs `Meta.__new__(Meta, name, bases, namespace, **kw)`, whose
// `type.__new__` (`super().__new__(...)`) adopts that class with what the namespace changed,
// and `Meta.__init__`. Calling a class whose metaclass defines `__call__` runs it
// (`constructChecked`), and `type.__call__` (`super().__call__(...)`) makes the instance.
import { Dict } from "../values/dict.js";
import { getitem, setitem } from "../values/subscript.js";
import { in_ } from "../values/contains.js";
import { getattrImpl } from "../values/attributes.js";
import { callMethod } from "../values/methods.js";
import { PyTypeError } from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { className, isClass } from "../values/typename.js";
import { classDict } from "../values/namespaces.js";
import { functionKey, objectKey } from "./attr-names.js";
import { setClassAttribute } from "./class-attributes.js";
import { classCreated } from "./class-creation.js";
import { makeClass } from "./dynamic-classes.js";
import { constructDirect, invokeMethod, plainMethod } from "./functions.js";
import { BASES_KEY } from "./mro.js";
import { adoptMetaclass, isMetaclass, metaclassOf, TypeBase, typeHooks } from "./type-base.js";

export { TypeBase };

type AnyClass = Function & { prototype: any; [key: PropertyKey]: any };

/** The class being created by a class statement, while its metaclass's `__new__` runs. */
let pending: { cls: AnyClass; namespace: Map<string, unknown> } | null = null;

/** A class's namespace as its metaclass sees it: methods as plain functions taking `self`. */
function namespaceOf(cls: AnyClass): Dict<unknown, unknown> {
  const ns = new Dict<unknown, unknown>();
  const proxy = classDict(cls, "__main__", false);
  for (const [key, value] of proxy.entries()) {
    if (key === "__doc__" && value === null) continue;
    const own = typeof key === "string" ? Object.getOwnPropertyDescriptor(cls.prototype, objectKey(key)) : undefined;
    const method = own?.value === value && typeof value === "function" && !isClass(value);
    ns.set(key, method ? plainMethod(value as (...a: unknown[]) => unknown, cls) : value);
  }
  ns.set("__qualname__", (cls as { __qualname__?: unknown }).__qualname__ ?? className(cls));
  return ns;
}

/** The mapping each class statement's metaclass `__prepare__` returned, while its body runs. */
const prepared = new WeakMap<object, any>();

/**
 * The start of the body of a class whose metaclass defines `__prepare__` (a static block):
 * `Meta.__prepare__(name, bases, **kw)` makes the namespace, which gets `__module__` and
 * `__qualname__` first, as in CPython; createClass hands it to `Meta.__new__`.
 */
export function prepareNamespace(cls: AnyClass, metaclass: unknown, ...keywords: unknown[]): void {
  const meta = (metaclass ?? metaclassOf(cls)) as AnyClass | null;
  // (a metaclass of another module the compiler could not see may have no __prepare__: type's)
  if (meta === null || typeof (meta as { __prepare__?: unknown }).__prepare__ !== "function") return;
  const ns = callMethod(meta, "__prepare__", className(cls), basesTuple(cls), ...keywords);
  setitem(ns, "__module__", getattrImpl(cls, "__module__"));
  setitem(ns, "__qualname__", (cls as { __qualname__?: unknown }).__qualname__ ?? className(cls));
  prepared.set(cls, ns);
}

/**
 * A name a class body reads that no scope binds: the one its metaclass's `__prepare__` put in
 * the namespace, else what `missing` gives (NameError, or a global set from outside).
 */
export function preparedName(cls: AnyClass, name: string, missing: () => unknown): unknown {
  const ns = prepared.get(cls);
  if (ns !== undefined && in_(name, ns)) return getitem(ns, name);
  return missing();
}

/** After a statement of such a class body: the names it bound are stored in the namespace. */
export function storeNamespace(cls: AnyClass, names: string[]): void {
  const ns = prepared.get(cls);
  if (ns === undefined) return;
  const current = namespaceOf(cls);
  for (const name of names) if (current.has(name)) setitem(ns, name, current.get(name));
}

/**
 * The end of a class statement with a metaclass (given, or a base's):
 * `const Model = createClass(class Model {...}, Meta, kw({...}))`.
 */
export function createClass(cls: AnyClass, metaclass: unknown, ...keywords: unknown[]): any {
  if (metaclass === null) [metaclass, keywords] = metaclassKeyword(keywords);
  const given = (metaclass ?? metaclassOf(cls)) as AnyClass | null;
  const meta = given === null || isMetaclass(given) ? mostDerivedMetaclass(given, basesTuple(cls).items) : given;
  if (meta === null) {
    classCreated(cls, ...keywords);
    return cls;
  }
  if (!isMetaclass(meta)) {
    // A plain callable as the metaclass: called with the class's name, bases and namespace.
    if (typeof meta !== "function") throw new PyTypeError(`'${typeof meta}' object is not callable`);
    return (meta as (...a: unknown[]) => unknown)(className(cls), basesTuple(cls), namespaceOf(cls), ...keywords);
  }
  const namespace = prepared.get(cls) ?? namespaceOf(cls);
  prepared.delete(cls);
  const saved = pending;
  pending = { cls, namespace: new Map(namespaceOf(cls).entries() as Iterable<[string, unknown]>) };
  try {
    return instantiate(meta, [className(cls), basesTuple(cls), namespace, ...keywords]);
  } finally {
    pending = saved;
  }
}

/**
 * `class A(**kw)`: a `metaclass` key in the spread keywords is the metaclass, not a keyword
 * for `__init_subclass__`. Returns it (or null) and the other keywords.
 */
function metaclassKeyword(keywords: unknown[]): [unknown, unknown[]] {
  const [, kws] = splitKw(keywords);
  if (!("metaclass" in kws)) return [null, keywords];
  const { metaclass, ...rest } = kws;
  return [metaclass, Object.keys(rest).length ? [kw(rest)] : []];
}

/**
 * CPython's `_PyType_CalculateMetaclass`: the metaclass that derives from every base's
 * (null stands for `type`), or TypeError when two are unrelated.
 */
export function mostDerivedMetaclass(meta: AnyClass | null, bases: readonly unknown[]): AnyClass | null {
  let winner = meta;
  for (const base of bases) {
    const baseMeta = isClass(base) ? metaclassOf(base) : null;
    if (baseMeta === null || baseMeta === winner) continue;
    if (winner !== null && winner.prototype instanceof baseMeta) continue;
    if (winner === null || baseMeta.prototype instanceof winner) {
      winner = baseMeta;
      continue;
    }
    throw new PyTypeError("metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases");
  }
  return winner;
}

/** `Meta(name, bases, namespace)` called by the program. */
function createDynamic(meta: AnyClass, args: unknown[]): unknown {
  const [positional] = splitKw(args);
  // (a subclass of type is no `type(x)`: CPython's type.__new__ counts its arguments)
  if (positional.length !== 3) throw new PyTypeError(`type.__new__() takes exactly 3 arguments (${positional.length} given)`);
  const saved = pending;
  pending = null;
  try {
    return instantiate(meta, args);
  } finally {
    pending = saved;
  }
}

/** `type.__call__(meta, ...)`: the metaclass's `__new__`, then its `__init__` on the result. */
function instantiate(meta: AnyClass, args: unknown[]): unknown {
  const created = (meta.__new__ as (...a: unknown[]) => unknown).apply(meta, args);
  if (created instanceof meta) {
    const init = meta.prototype.__init__;
    if (typeof init === "function" && init !== TypeBase.prototype.__init__) invokeMethod(init, [created, ...args]);
  }
  return created;
}

function basesTuple(cls: AnyClass): Tuple<unknown> {
  if (Object.hasOwn(cls, BASES_KEY)) return Tuple.from(cls[BASES_KEY] as unknown[]);
  const parent = Object.getPrototypeOf(cls);
  return Tuple.from(isClass(parent) ? [parent] : []);
}

/**
 * `type.__new__(mcls, name, bases, namespace, **kw)`: during a class statement, the class it
 * built, with the namespace's additions and changes stored on it; otherwise a new class.
 */
export function typeNew(mcls: AnyClass, ...args: unknown[]): AnyClass {
  const [positional, keywords] = splitKw(args);
  const [name, bases, namespace] = positional;
  if (positional.length !== 3) throw new PyTypeError(`type.__new__() takes exactly 3 arguments (${positional.length} given)`);
  if (!(namespace instanceof Dict)) throw new PyTypeError(`type.__new__() argument 3 must be dict, not ${typeof namespace}`);
  let cls: AnyClass;
  const building = pending !== null && className(pending.cls) === name ? pending : null;
  if (building) {
    cls = building.cls;
    for (const [key, value] of namespace.entries()) {
      if (typeof key !== "string" || key === "__qualname__" || key === "__module__") continue;
      if (!building.namespace.has(key) || building.namespace.get(key) !== value) setClassAttribute(cls, key, value);
    }
    for (const key of building.namespace.keys()) {
      if (!namespace.has(key) && Object.hasOwn(cls, functionKey(key))) delete cls[functionKey(key)];
    }
  } else {
    cls = makeClass(name, bases, namespace);
  }
  // The class is an instance of its metaclass (its bases keep theirs).
  if (metaclassOf(cls) !== mcls) adoptMetaclass(cls, mcls);
  classCreated(cls, ...(Object.keys(keywords).length ? [kw(keywords)] : []));
  return cls;
}

typeHooks.createDynamic = createDynamic;
typeHooks.typeNew = typeNew;
typeHooks.construct = constructDirect;
typeHooks.winner = (bases) => mostDerivedMetaclass(null, bases);
