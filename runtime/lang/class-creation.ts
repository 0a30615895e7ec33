// What Python does when a class statement finishes: the new class is recorded among its
// bases' `__subclasses__()`, and the nearest base's `__init_subclass__` runs with the class
// keywords (`class Plugin(Base, name="csv")`). Emitted (last in the class's static blocks)
// only in modules that use either, or that pass class keywords.
import { PyTypeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { className } from "../values/typename.js";
import { Dict } from "../values/dict.js";
import { setitem } from "../values/subscript.js";
import { mroOf, BASES_KEY } from "./mro.js";
import { PROGRAM_CLASS } from "./class-subscript.js";

const SUBCLASSES = Symbol.for("pyts.subclasses");

/** The Python bases of a class: stored for several bases, else its JS superclass. */
function basesOf(cls: any): any[] {
  if (Object.hasOwn(cls, BASES_KEY)) return cls[BASES_KEY] as any[];
  const parent = Object.getPrototypeOf(cls);
  return typeof parent === "function" && parent !== Function.prototype ? [parent] : [];
}

/** Static block: `classCreated(this)` / `classCreated(this, kw({ ... }))`. */
export function classCreated(cls: any, ...keywords: unknown[]): void {
  for (const base of basesOf(cls)) {
    if (!Object.hasOwn(base, SUBCLASSES)) Object.defineProperty(base, SUBCLASSES, { value: [] });
    (base[SUBCLASSES] as unknown[]).push(cls);
  }
  // `__init_subclass__` is an implicit classmethod of the bases, never of the class itself.
  for (const c of mroOf(cls).slice(1)) {
    if (Object.hasOwn(c, "__init_subclass__")) {
      (c as any).__init_subclass__.call(cls, ...keywords);
      return;
    }
  }
  objectInitSubclass.call(cls, ...keywords);
}

/** `object.__init_subclass__()` (called on the new class): accepts no keywords. */
export function objectInitSubclass(this: unknown, ...args: unknown[]): null {
  const [, keywords] = splitKw(args);
  if (Object.keys(keywords).length) {
    const name = typeof this === "function" ? className(this) : "object";
    throw new PyTypeError(`${name}.__init_subclass__() takes no keyword arguments`);
  }
  return null;
}

/** `Cls.__subclasses__()`: the classes created with `Cls` as a direct base, in order. */
export function subclassesOf(cls: object): unknown[] {
  return Object.hasOwn(cls, SUBCLASSES) ? [...((cls as any)[SUBCLASSES] as unknown[])] : [];
}

/**
 * Static block, first in a class of a program's module: `classOrigin(this, "Item", $module)`.
 * The class's `__name__` is its Python name (a bundler may rename the JS class) and its
 * `__module__` the module's `__name__` (`"__main__"` for the entry, else its dotted name).
 */
export function classOrigin(cls: any, name: string, module: { __name__: unknown }): void {
  Object.defineProperty(cls, "__name__", { value: name, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(cls, "__module__", { value: module.__name__, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(cls, PROGRAM_CLASS, { value: true });
}

/** A class's own `__annotations__` (3.10+: made empty on first read, never inherited). */
export function classAnnotations(cls: any): Dict {
  if (!Object.hasOwn(cls, "__annotations__")) {
    Object.defineProperty(cls, "__annotations__", { value: new Dict(), writable: true, configurable: true, enumerable: false });
  }
  return cls.__annotations__ as Dict;
}

/** Static block for `name: hint` in a class body: the hint joins the class's `__annotations__`. */
export function classAnnotation(cls: any, name: string, hint: unknown): void {
  const annotations = classAnnotations(cls);
  if (annotations instanceof Dict) annotations.set(name, hint);
  else setitem(annotations, name, hint);
}

/** The hints of a class's `__init__`, which is its JS constructor. */
export const INIT_HINTS = Symbol.for("pyts.initHints");

/** Static block: the hints of the method stored under `key` (on the prototype) become its `__annotations__`. */
export function methodAnnotations(cls: any, key: string, hints: Dict): void {
  const method: unknown = Object.getOwnPropertyDescriptor(cls.prototype, key)?.value;
  if (typeof method === "function") Object.defineProperty(method, "__annotations__", { value: hints, writable: true, configurable: true, enumerable: false });
  // (`__init__` is the JS constructor: its hints stay on the class, for inspect.signature)
  else if (key === "__init__") Object.defineProperty(cls, INIT_HINTS, { value: hints, configurable: true });
}
