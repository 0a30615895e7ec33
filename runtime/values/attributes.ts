// Python attribute reads on runtime values: getattr's engine (bound methods of built-in
// values, __name__ of classes and functions, __getattr__ fallbacks).

import { methodTable, missingAttribute } from "./methods.js";
import { typeOf } from "./builtin-types.js";
import { className, qualName, moduleName } from "./typename.js";

/** Python's `obj.name`, raising AttributeError like CPython. */
export function getattrImpl(obj: unknown, name: string): any {
  if (name === "__class__") return typeOf(obj);
  const table = methodTable(obj);
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
    if (name === "__name__") return className(obj);
    if (name === "__qualname__") return qualName(obj);
    if (name === "__module__") return moduleName(obj);
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
