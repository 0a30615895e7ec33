// What Python shows of the built-in types' methods, read off (`list.append`, a method
// descriptor of the type) or bound (`[].append`, `dict.fromkeys`): their qualified names
// (`list.append`) and docstrings (generated from CPython: values/builtin-method-docs.ts).

import { BUILTIN_SELF } from "../values/builtin-type.js";
import { builtinMethodDocText } from "../values/builtin-docs.js";
import { PYTHON_TYPE } from "../values/wrapped.js";
import { className, isClass, typeName } from "../values/typename.js";

/** The type a built-in method belongs to (its `__objclass__`, or its bound value's type), null for another function. */
function ownerType(f: Function): Function | null {
  if (Object.hasOwn(f, "__objclass__")) {
    const owner = (f as { __objclass__?: unknown }).__objclass__;
    return typeof owner === "function" ? owner : null;
  }
  if (!Object.hasOwn(f, BUILTIN_SELF)) return null;
  const self = (f as unknown as Record<symbol, unknown>)[BUILTIN_SELF];
  if (isClass(self)) return self;
  return self !== null && self !== undefined && typeof self === "object" ? (self as object).constructor : null;
}

const has = (tname: string, name: string): boolean => builtinMethodDocText(tname, name) !== undefined;

/** The name of the built-in type holding the method's record: the owner, or its nearest built-in base. */
function recordType(f: Function, name: string): string | null {
  const self = Object.hasOwn(f, BUILTIN_SELF) ? (f as unknown as Record<symbol, unknown>)[BUILTIN_SELF] : undefined;
  // (bound to a value: its type's first, `[].append`, then the built-in bases of a subclass's)
  if (self !== undefined && !isClass(self) && has(typeName(self), name)) return typeName(self);
  for (let t: unknown = ownerType(f); typeof t === "function"; t = Object.getPrototypeOf(t)) {
    // (a runtime base, `class L(list)`'s ListBase, stands for its built-in type)
    const tname = className(Object.hasOwn(t, PYTHON_TYPE) ? (t as unknown as { [PYTHON_TYPE]: Function })[PYTHON_TYPE] : t);
    if (has(tname, name)) return tname;
  }
  return null;
}

/** `list.append.__qualname__` / `[].append.__qualname__`: "list.append"; undefined for another function. */
export function builtinMethodQualname(f: Function, name: string): string | undefined {
  if (Object.hasOwn(f, "__objclass__")) {
    const owner = (f as { __objclass__?: unknown }).__objclass__;
    return typeof owner === "function" ? `${className(owner)}.${name}` : undefined;
  }
  if (!Object.hasOwn(f, BUILTIN_SELF)) return undefined;
  const self = (f as unknown as Record<symbol, unknown>)[BUILTIN_SELF];
  // (bound to a class, `dict.fromkeys`: the class's name; to a value, its type's)
  return `${isClass(self) ? className(self) : typeName(self)}.${name}`;
}

/** `list.append.__doc__`: CPython's docstring of the method, undefined when none is known. */
export function builtinMethodDoc(f: Function, name: string): string | undefined {
  const tname = recordType(f, name);
  if (tname === null) return undefined;
  let doc = builtinMethodDocText(tname, name);
  // ("=set": the doc of the same method of that type)
  if (doc?.startsWith("=")) doc = builtinMethodDocText(doc.slice(1), name);
  return doc;
}
