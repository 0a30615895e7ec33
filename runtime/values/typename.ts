// Python type names of runtime values. Runtime classes declare their Python name with an own
// static `pythonName` (Dict -> "dict"); user classes use their JS name, or `__name__` if set.

import { markPendingDescriptors } from "./descriptor-marks.js";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type AnyClass = Function;

interface NamedClass {
  pythonName?: string;
  __name__?: string;
  __qualname__?: string;
  __module__?: string;
}

const classFlags = new WeakMap<object, boolean>();

/** Marks `obj.__init__`, `obj.__format__`...: a method of object's bound to an instance (its name). */
export const OBJECT_METHOD_NAME = Symbol.for("pyts.objectMethodName");

/** object's methods that are type slots: bound, CPython's method-wrapper (the others are built-in methods). */
const OBJECT_SLOTS = new Set(["__repr__", "__hash__", "__str__", "__getattribute__", "__setattr__", "__delattr__", "__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__", "__init__"]);

/** Marks a built-in type's dunder bound to a value: true for a type slot (`(1).__add__`), false for a method. */
export const OBJECT_METHOD_SLOT = Symbol.for("pyts.objectMethodSlot");

/** The type name of a built-in type's dunder bound to a value (`obj.__init__`, `(1).__add__`), else undefined. */
export function objectMethodKind(f: unknown): "method-wrapper" | "builtin_function_or_method" | undefined {
  const name = typeof f === "function" ? (f as { [OBJECT_METHOD_NAME]?: unknown })[OBJECT_METHOD_NAME] : undefined;
  if (typeof name !== "string") return undefined;
  const slot = (f as { [OBJECT_METHOD_SLOT]?: boolean })[OBJECT_METHOD_SLOT] ?? OBJECT_SLOTS.has(name);
  return slot ? "method-wrapper" : "builtin_function_or_method";
}

/** The classes a Proxy stands for (a frozen dataclass): their source text is the target's. */
const classProxyTargets = new WeakMap<Function, Function>();

/** `proxy` stands for the class `target` (constructing through its traps): a class as `target` is. */
export function markClassProxy(proxy: Function, target: Function): void {
  classProxyTargets.set(proxy, target);
  classFlags.delete(proxy);
}

/** A function's source text, through a class proxy to the class it stands for (`class P ... { constructor(`). */
export function classSource(f: Function): string {
  return Function.prototype.toString.call(classProxyTargets.get(f) ?? f);
}

/** True when `f` is a class (a JS `class`, or a builtin type object marked `__pytype__`). */
export function isClass(f: unknown): f is AnyClass {
  if (typeof f !== "function") return false;
  if ((f as { __pytype__?: boolean }).__pytype__ === true) return true;
  // Arrow functions, methods and bound functions (a builtin method's wrapper) have no
  // prototype and are never classes: answered without the map lookup.
  if ((f as { prototype?: unknown }).prototype === undefined) return false;
  let flag = classFlags.get(f);
  if (flag === undefined) {
    flag = /^class[\s{]/.test(classSource(f));
    classFlags.set(f, flag);
  }
  return flag;
}

/** A value whose own dunders the built-ins consult: an instance, or a callable one (a MagicMock) but not a class. */
export function holdsDunders(x: unknown): x is object {
  return (typeof x === "object" && x !== null) || (typeof x === "function" && !isClass(x));
}

/** A constructor written as a JS function that Python sees as a class (`enum.IntEnum`). */
export function markClass(f: Function): void {
  classFlags.set(f, true);
}

/** The `__name__` Python shows for a class. */
export function className(cls: AnyClass): string {
  const named = cls as unknown as NamedClass;
  if (Object.hasOwn(cls, "pythonName") && named.pythonName) return named.pythonName;
  if (Object.hasOwn(cls, "__name__") && typeof named.__name__ === "string") return named.__name__;
  return cls.name;
}

/** The `__qualname__` of a class or function (falls back to its name). */
export function qualName(f: AnyClass): string {
  const named = f as unknown as NamedClass;
  if (Object.hasOwn(f, "__qualname__") && typeof named.__qualname__ === "string") {
    return named.__qualname__;
  }
  return className(f);
}

/** The module a class reports: runtime classes are "builtins", user classes "__main__". */
export function moduleName(cls: AnyClass): string {
  const named = cls as unknown as NamedClass;
  if (typeof named.__module__ === "string") return named.__module__;
  if (Object.hasOwn(cls, "pythonName")) return "builtins";
  return "__main__";
}

/**
 * The name operator errors show for `x`'s type: CPython's C types report their tp_name,
 * module-qualified for extension types (`decimal.Decimal`, `datetime.date`), declared by a
 * runtime class as its own static `tpName`; every other type shows its `__name__`.
 */
export function tpName(x: unknown): string {
  // (a callable instance, `functools.partial(f)`, is a JS function of its class)
  const instance = (x !== null && typeof x === "object") || (typeof x === "function" && (x as unknown as { [key: symbol]: unknown })[Symbol.for("pyts.callableObject")] === true);
  const ctor = instance ? (Object.getPrototypeOf(x) as { constructor?: unknown } | null)?.constructor : undefined;
  if (typeof ctor === "function" && Object.hasOwn(ctor, "tpName")) return (ctor as unknown as { tpName: string }).tpName;
  return typeName(x);
}

/** Class `cls`'s tp_name: a runtime class's own `tpName` (`collections.deque`), else its name. */
export function classTpName(cls: Function): string {
  return Object.hasOwn(cls, "tpName") ? (cls as unknown as { tpName: string }).tpName : className(cls);
}

/** Python's `type(x).__name__`. */
export function typeName(x: unknown): string {
  if (x === null || x === undefined) return "NoneType";
  switch (typeof x) {
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "number":
      return "float";
    case "string":
      return "str";
    case "function":
      if (isClass(x)) return "type";
      if (Object.hasOwn(x, Symbol.for("pyts.boundMethod"))) return objectMethodKind(x) ?? "method";
      // (a callable instance made a function, unittest.mock's Mock: its class's name)
      if ((x as { [key: symbol]: unknown })[Symbol.for("pyts.callableObject")] === true) {
        const ctor = (Object.getPrototypeOf(x) as { constructor?: unknown } | null)?.constructor;
        if (typeof ctor === "function" && ctor !== Function && isClass(ctor)) return className(ctor);
      }
      {
        // (`str.upper`, `object.__init__`: marked by type-dunders.ts)
        markPendingDescriptors();
        const kind = (x as { [key: symbol]: unknown })[Symbol.for("pyts.descriptorKind")];
        if (typeof kind === "string") return kind.startsWith("method ") ? "method_descriptor" : "wrapper_descriptor";
      }
      return (x as { __builtin__?: boolean }).__builtin__ ? "builtin_function_or_method" : "function";
    case "symbol":
      return "symbol";
  }
  if (Array.isArray(x) && Object.getPrototypeOf(x) === Array.prototype) return "list";
  const proto = Object.getPrototypeOf(x) as { constructor?: AnyClass } | null;
  if (proto === null || proto === Object.prototype) return "object";
  const ctor = proto.constructor;
  return typeof ctor === "function" ? className(ctor) : "object";
}
