// Guards where emitted code takes an iterator (or a mapping) of a value of unknown type:
// `for x in v`, a comprehension's iterable, `f(*v)`, `[*v]`, `{*v}`, `f(**m)`. A value JS
// iterates passes unchanged (one property read); any other value is either a Python iterable
// JS cannot iterate (an `__iter__`/`__getitem__` object), iterated through the protocol, or
// not iterable at all: then CPython's TypeError, with the text CPython gives in that place.
import { PyTypeError } from "../values/exceptions.js";
import { jsIterator } from "../values/iteration.js";
import { className, isClass, moduleName, qualName, typeName } from "../values/typename.js";
import { toStr } from "../values/repr.js";
import { Dict } from "../values/dict.js";
import { getattrImpl } from "../values/attributes.js";
import { hasattr } from "../values/builtin-functions.js";
import { getitem } from "../values/subscript.js";
import { functionInfo } from "./function-info.js";
import { boundParts } from "./bound-parts.js";
import { functionAttribute, functionQualname } from "./functions.js";

type MaybeIterable = { [Symbol.iterator]?: unknown; __iter__?: unknown; __getitem__?: unknown } | null | undefined;

/** A Python iterable JS's `for...of` cannot iterate: its iterator taken now, as CPython's `iter()`. */
function protocolIterable(x: unknown): Iterable<any> {
  const it = jsIterator(x);
  return { [Symbol.iterator]: () => it };
}

/** Has the value Python's iteration protocol (`__iter__`, or the sequence protocol's `__getitem__`)? */
function hasIterationProtocol(x: unknown): boolean {
  if (x === null || (typeof x !== "object" && typeof x !== "function")) return false;
  const obj = x as MaybeIterable;
  return typeof obj!.__iter__ === "function" || typeof obj!.__getitem__ === "function";
}

/**
 * The iterable of a `for` loop or a comprehension (`for x in v`): `v` itself when JS iterates
 * it; TypeError `'int' object is not iterable` when Python would not.
 */
export function iterOf(x: any): any {
  if (x != null && typeof (x as MaybeIterable)![Symbol.iterator] === "function") return x;
  return protocolIterable(x);
}

/** `[*v]` / `(*v,)`: `v`'s items; CPython's `Value after * must be an iterable, not int`. */
export function starValue(x: any): any {
  if (x != null && typeof (x as MaybeIterable)![Symbol.iterator] === "function") return x;
  if (hasIterationProtocol(x)) return protocolIterable(x);
  throw new PyTypeError(`Value after * must be an iterable, not ${typeName(x)}`);
}

/**
 * `f(*v)`: `v`'s items; CPython's `f() argument after * must be an iterable, not int` naming
 * the callee (`callee` is the called value, or its qualified name with `module`; null when
 * the lowering could not name it).
 */
export function starArg(x: any, callee: unknown, module?: string): any {
  if (x != null && typeof (x as MaybeIterable)![Symbol.iterator] === "function") return x;
  if (hasIterationProtocol(x)) return protocolIterable(x);
  throw new PyTypeError(`${calleeText(callee, module)} argument after * must be an iterable, not ${typeName(x)}`);
}

/** `obj.m(*v)`: as starArg, the callee named from `obj` and the method's name. */
export function starArgOf(x: any, obj: unknown, name: string): any {
  if (x != null && typeof (x as MaybeIterable)![Symbol.iterator] === "function") return x;
  if (hasIterationProtocol(x)) return protocolIterable(x);
  throw new PyTypeError(`${methodText(obj, name)} argument after * must be an iterable, not ${typeName(x)}`);
}

/**
 * `f(**m)`: the keywords of `m`. A dict passes as it is; another mapping is read as CPython
 * reads it: `m.keys()` (all of it), then `m[key]` for each key; a value without `keys` is
 * CPython's `f() argument after ** must be a mapping, not int`.
 */
export function kwMapping(m: any, callee: unknown, module?: string): any {
  if (m instanceof Dict) return m;
  if (!isMapping(m)) throw new PyTypeError(`${calleeText(callee, module)} argument after ** must be a mapping, not ${typeName(m)}`);
  return mappingItems(m);
}

/** `obj.m(**m)`: as kwMapping, the callee named from `obj` and the method's name. */
export function kwMappingOf(m: any, obj: unknown, name: string): any {
  if (m instanceof Dict) return m;
  if (!isMapping(m)) throw new PyTypeError(`${methodText(obj, name)} argument after ** must be a mapping, not ${typeName(m)}`);
  return mappingItems(m);
}

/** Has the value a Python `keys` attribute (what CPython's `**` and `dict(x)` look for)? */
export function isMapping(m: unknown): boolean {
  if (m === null || m === undefined || typeof m === "bigint" || typeof m === "number" || typeof m === "boolean" || typeof m === "string") return false;
  if (Array.isArray(m)) return false;
  return hasattr(m, "keys");
}

/** A mapping's items as CPython's dict merge reads them: the keys first, then each value. */
export function mappingItems(m: unknown): Dict<unknown, unknown> {
  const keys = Array.from(iterOf(getattrImpl(m, "keys")()) as Iterable<unknown>);
  const out = new Dict<unknown, unknown>();
  for (const key of keys) out.set(key, getitem(m, key));
  return out;
}

/** The called value as CPython's error messages name it (`_PyObject_FunctionStr`): `__main__.f()`, `print()`. */
export function calleeText(callee: unknown, module?: string): string {
  // (a qualified name the lowering knows, in the module named)
  if (typeof callee === "string" && module !== undefined) return module === "builtins" ? `${callee}()` : `${module}.${callee}()`;
  if (callee === null || callee === undefined) return "function()";
  if (isClass(callee)) {
    const module = moduleName(callee);
    return module === "builtins" ? `${qualName(callee)}()` : `${module}.${qualName(callee)}()`;
  }
  if (typeof callee === "function") {
    const parts = boundParts(callee);
    const defined = functionInfo(callee) !== undefined || (parts !== undefined && functionInfo(parts.method) !== undefined);
    if (!defined) {
      // A method of a built-in value (`[].append`): its type's name and its own.
      if (parts !== undefined && parts.self !== undefined && parts.self !== null) return `${ownerTypeName(parts.self)}.${functionQualname(parts.method)}()`;
      return `${functionQualname(callee)}()`;
    }
    const module = functionAttribute(callee, "__module__");
    const qual = functionAttribute(callee, "__qualname__");
    return typeof module === "string" && module !== "builtins" ? `${module}.${String(qual)}()` : `${String(qual)}()`;
  }
  return toStr(callee);
}

/** `obj.name` as the callee of an error message (looked up again only for the message). */
function methodText(obj: unknown, name: string): string {
  let method: unknown;
  try {
    method = getattrImpl(obj, name);
  } catch {
    return `${ownerTypeName(obj)}.${name}()`;
  }
  if (typeof method === "function" && !isClass(method)) {
    const parts = boundParts(method);
    const defined = functionInfo(method) !== undefined || (parts !== undefined && functionInfo(parts.method) !== undefined);
    // A built-in value's method (`"{}".format`): `str.format()`.
    if (!defined) return isClass(obj) ? `${className(obj)}.${name}()` : `${ownerTypeName(obj)}.${name}()`;
  }
  return calleeText(method);
}

function ownerTypeName(obj: unknown): string {
  const name = typeName(obj);
  return name.slice(name.lastIndexOf(".") + 1);
}
