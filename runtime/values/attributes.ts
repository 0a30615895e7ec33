// Python attribute reads on runtime values: getattr's engine (bound methods of built-in
// values, __name__ of classes and functions, __getattr__ fallbacks).

import { methodTable, missingAttribute, subclassMethod } from "./methods.js";
import { typeOf } from "./builtin-types.js";
import { className, isClass, qualName, moduleName } from "./typename.js";
import { Dict } from "./dict.js";
import { classDict, InstanceDict } from "./namespaces.js";
import { hasNoDict } from "../lang/attribute-hooks.js";
import { subclassesOf } from "../lang/class-creation.js";
import { Tuple } from "./tuple.js";

/** Keys runtime/lang/mro.ts stores on a class with several bases (shared by Symbol.for). */
const MRO_KEY = Symbol.for("pyts.mro");
const BASES_KEY = Symbol.for("pyts.bases");

/** Python's `obj.name`, raising AttributeError like CPython. */
export function getattrImpl(obj: unknown, name: string): any {
  if (name === "__class__") return typeOf(obj);
  const table = methodTable(obj);
  const override = table !== undefined ? subclassMethod(obj, name) : undefined;
  if (override !== undefined) return override.bind(obj);
  if (table !== undefined && Object.hasOwn(table, name)) {
    const m = table[name] as (self: unknown, ...a: unknown[]) => unknown;
    return (...args: unknown[]) => m(obj, ...args);
  }
  if (typeof obj === "bigint" || typeof obj === "boolean") {
    if (name === "real" || name === "numerator") return typeof obj === "boolean" ? (obj ? 1n : 0n) : obj;
    if (name === "imag") return 0n;
    if (name === "denominator") return 1n;
  }
  if (typeof obj === "number") {
    if (name === "real") return obj;
    if (name === "imag") return 0.0;
  }
  if (typeof obj === "function") {
    if (isClass(obj) && (name === "__mro__" || name === "__bases__")) {
      const chain = classChain(obj);
      const bases = (obj as { [BASES_KEY]?: unknown[] })[BASES_KEY];
      if (name === "__bases__" && Object.hasOwn(obj, BASES_KEY) && bases) return Tuple.from(bases);
      return name === "__mro__" ? Tuple.from(chain) : Tuple.from(chain.length > 1 ? [chain[1]] : []);
    }
    if (isClass(obj) && name === "__dict__" && !Object.hasOwn(obj, "__pytype__")) {
      return classDict(obj, moduleName(obj), classChain(obj).length === 2);
    }
    if (isClass(obj) && name === "__subclasses__") return () => subclassesOf(obj);
    if (isClass(obj) && name === "__doc__") return Object.hasOwn(obj, "__doc__") ? (obj as { __doc__?: unknown }).__doc__ : null;
    if (name === "__name__") return className(obj);
    if (name === "__qualname__") return qualName(obj);
    if (name === "__module__") return moduleName(obj);
  }
  if (name === "__dict__" && obj !== null && typeof obj === "object" && !(name in obj)) {
    if (hasNoDict(obj)) throw missingAttribute(obj, name);
    return instanceDict(obj);
  }
  if (obj !== null && (typeof obj === "object" || typeof obj === "function")) {
    const target = obj as Record<string, unknown>;
    if (name in target) {
      const value = target[name];
      // A method read off an instance is bound to it, as Python's bound methods are.
      if (typeof value === "function" && typeof obj === "object" && !Object.hasOwn(target, name)) {
        return (value as (...a: unknown[]) => unknown).bind(obj);
      }
      return value;
    }
    const hook = target["__getattr__"];
    if (typeof hook === "function") return (hook as (n: string) => unknown).call(obj, name);
  }
  throw missingAttribute(obj, name);
}

/**
 * A class's MRO: the class, its JS superclasses (up to one with several bases, whose stored
 * C3 order completes it), then `object`. Runtime type objects (`int`, `bool`) follow their
 * `__base__` links.
 */
function classChain(cls: object): any[] {
  const chain: unknown[] = [];
  let objectType: unknown;
  for (let c: unknown = cls; typeof c === "function" && c !== Function.prototype && c !== Error && c !== Object; ) {
    const base = (c as { __base__?: unknown }).__base__;
    if (className(c) === "object" && Object.hasOwn(c, "__pytype__")) {
      objectType = c;
      break;
    }
    // A class with several bases carries its C3 order (runtime/lang/mro.ts).
    if (Object.hasOwn(c, MRO_KEY)) {
      chain.push(...(c as unknown as { [MRO_KEY]: unknown[] })[MRO_KEY]);
      break;
    }
    chain.push(c);
    c = base !== undefined ? base : Object.getPrototypeOf(c);
  }
  chain.push(objectType ?? typeOf({}));
  return chain;
}

/** `obj.__dict__` / `vars(obj)`: the instance's own attributes; writes reach the instance. */
export function instanceDict(obj: object): Dict {
  return new InstanceDict(obj);
}

/**
 * `obj.name` came back None or undefined (emitted as `obj.name ?? unsetAttribute(obj, "name")`):
 * None when the attribute exists (or `__getattr__` supplied it), else AttributeError as in Python.
 */
export function unsetAttribute(obj: unknown, name: string): null {
  if (obj !== null && (typeof obj === "object" || typeof obj === "function")) {
    const hooked = obj as { __getattr__?: unknown; __getattribute__?: unknown };
    if (name in obj || typeof hooked.__getattr__ === "function" || typeof hooked.__getattribute__ === "function") return null;
  }
  throw missingAttribute(obj, name);
}

/** `expr.name` for an object expression evaluated once: its value, or AttributeError. */
export function readAttribute(obj: any, name: string): any {
  if (obj === null || obj === undefined) throw missingAttribute(obj, name);
  return obj[name] ?? unsetAttribute(obj, name);
}
