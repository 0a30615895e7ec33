// `type(name, bases, namespace)`: a class made at run time. Functions in the namespace are
// methods (they take `self` first, as Python's do), other values class attributes; an
// `__init__` runs when the class is called.
import { Dict } from "../values/dict.js";
import { PyTypeError } from "../values/exceptions.js";
import { isKwargs } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { isClass } from "../values/typename.js";
import { isPyTypeObject } from "../values/builtin-type.js";
import { RUNTIME_BASES } from "./runtime-bases.js";
import { TypeBase } from "./type-base.js";
import { callValue } from "../modules/pycall.js";
import { inheritFrom } from "./mro.js";
import { shareClassAttributes } from "./objects.js";
import { functionKey } from "./attr-names.js";
import { setClassAttribute } from "./class-attributes.js";

export function makeClass(name: unknown, bases: unknown, namespace: unknown): any {
  if (typeof name !== "string") throw new PyTypeError("type.__new__() argument 1 must be str, not " + typeof name);
  if (!(bases instanceof Tuple)) throw new PyTypeError("type.__new__() argument 2 must be tuple");
  if (!(namespace instanceof Dict)) throw new PyTypeError("type.__new__() argument 3 must be dict");
  // (`object` adds nothing; `list`, `dict`, `str`... are the runtime bases a class statement uses)
  const baseList = (bases.items as unknown[]).map(runtimeBase).filter((b) => b !== null) as any[];
  const Base: new (...args: unknown[]) => object = baseList[0] ?? Object;
  const init = namespace.get("__init__");
  const cls = class extends Base {
    constructor(...args: unknown[]) {
      // (`object.__init__` takes nothing: `type("E", (), {})(1)`)
      if (Base === Object && typeof init !== "function" && args.some((a) => !isKwargs(a) || Object.keys(a.values).length > 0)) throw new PyTypeError(`${name}() takes no arguments`);
      // The namespace's __init__ replaces the base's, which only sees no arguments.
      super(...(Base === Object || typeof init === "function" ? [] : args));
      if (typeof init === "function") callValue(init, this, ...args);
    }
  } as any;
  Object.defineProperty(cls, "name", { value: name });
  const qualname = namespace.get("__qualname__");
  Object.defineProperty(cls, "__qualname__", { value: typeof qualname === "string" ? qualname : name });
  // (`type(name, bases, {"__module__": "m"})`: the class says it comes from m)
  const module = namespace.get("__module__");
  if (typeof module === "string") Object.defineProperty(cls, "__module__", { value: module, writable: true, configurable: true });
  const attributes: string[] = [];
  for (const [key, value] of namespace.entries()) {
    if (typeof key !== "string" || key === "__init__" || key === "__qualname__" || key === "__module__") continue;
    // (a namespace's `__name__` is for instances to read: the class's own name is type's
    // descriptor, which wins, `type("T", (), {"__name__": "X"}).__name__` is 'T')
    if (key === "__name__") {
      Object.defineProperty(cls.prototype, key, { value, writable: true, configurable: true });
      continue;
    }
    // A function is a method: read through an instance it is bound (`obj.m`, `getattr(obj, "m")`),
    // as a function assigned to a class later is.
    if (typeof value === "function" && !isClass(value)) setClassAttribute(cls, key, value);
    else {
      Object.defineProperty(cls, functionKey(key), { value, writable: true, enumerable: true, configurable: true });
      attributes.push(key);
    }
  }
  shareClassAttributes(cls, attributes);
  if (baseList.length > 1) inheritFrom(cls, baseList);
  return cls;
}

/** A base of `type(name, bases, ns)` as a JS class (null for `object`). */
function runtimeBase(base: unknown): unknown {
  if (!isPyTypeObject(base)) {
    if (!isClass(base)) throw new PyTypeError(`type.__new__() argument 2 must be a tuple of types`);
    return base;
  }
  if (base.pythonName === "object") return null;
  const runtime = RUNTIME_BASES.get(base.pythonName);
  if (runtime === undefined) throw new PyTypeError(`type '${base.pythonName}' is not an acceptable base type`);
  return runtime;
}

/**
 * A base that a class statement names and the compiler cannot see (`def make(base): class
 * C(base)`), as the JS class extends it: a built-in type object stands for its runtime base
 * (`object` for none: JS's Object, where the runtime's class chains end).
 */
export function classStatementBase(base: unknown): new (...args: any[]) => any {
  if (!isPyTypeObject(base)) return base as new (...args: any[]) => any;
  if (base.pythonName === "object") return Object;
  if (base.pythonName === "type") return TypeBase as new (...args: any[]) => any;
  // (a runtime class, `collections.OrderedDict`, is a JS class the statement extends as it is)
  if (isClass(base) && !RUNTIME_BASES.has(base.pythonName) && base.pythonName !== "bool") return base as unknown as new (...args: any[]) => any;
  return runtimeBase(base) as new (...args: any[]) => any;
}
