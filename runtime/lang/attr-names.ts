// Python attribute names that mean something to JavaScript (DESIGN.md section 4). A Python
// attribute may be called `constructor`, `then`, `__proto__` or `toString`; on a function or
// a class also `name`, `length`, `prototype`, `call`... Such a name is stored under the key
// `name$`. Python identifiers never contain `$`, so the mangled keys cannot meet a Python
// name; a string given to getattr that already ends in `$` gets one more, so the rule stays
// one-to-one. The lowering (emitted `obj.then$`) and the runtime (getattr, setattr, hasattr,
// dir, vars, `__getattr__` hooks) apply this same rule. This module imports nothing.

/** Names special on every JS object (Object.prototype's), and `then`, which makes a thenable. */
const OBJECT_NAMES = new Set([
  "constructor",
  "__proto__",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toString",
  "toLocaleString",
  "valueOf",
  "then",
]);

/** Names special on functions and classes (Function.prototype's and class statics'). */
const FUNCTION_NAMES = new Set(["name", "length", "prototype", "arguments", "caller", "apply", "bind", "call"]);

/** The key of attribute `name` on an object that is not a function or class. */
export function objectKey(name: string): string {
  return OBJECT_NAMES.has(name) || name.endsWith("$") ? `${name}$` : name;
}

/** The key of attribute `name` on a function or a class (its static side). */
export function functionKey(name: string): string {
  return OBJECT_NAMES.has(name) || FUNCTION_NAMES.has(name) || name.endsWith("$") ? `${name}$` : name;
}

/** The key of attribute `name` on `obj`. */
export function attrKey(obj: unknown, name: string): string {
  return typeof obj === "function" ? functionKey(name) : objectKey(name);
}

/** Is `name` one of the names whose key depends on whether the object is a function? */
export function isFunctionName(name: string): boolean {
  return FUNCTION_NAMES.has(name);
}

/** The Python name a stored key holds (`then$` -> `then`), or null for JS's own names. */
export function pythonName(key: string, onFunction: boolean): string | null {
  if (key.endsWith("$")) return key.slice(0, -1);
  if (OBJECT_NAMES.has(key) || (onFunction && FUNCTION_NAMES.has(key))) return null;
  return key;
}
