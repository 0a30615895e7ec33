// callMethod(obj, name, ...args): Python's `obj.name(*args)` for built-in values (through
// per-type method tables) and for any other object (its own method).

import { Bytes } from "./bytes.js";
import { ByteArray, byteArrayMethods } from "./bytearray.js";
import { BYTES_METHODS, DICT_METHODS, LIST_METHODS, SET_METHODS, TUPLE_METHODS } from "./collection-methods.js";
import { Dict } from "./dict.js";
import { AttributeError, attributeErrorOf, PyTypeError } from "./exceptions.js";
import { AbstractSet, FrozenSet, PySet } from "./set.js";
import { FLOAT_METHODS, INT_METHODS } from "./number-methods.js";
import { STR_METHODS } from "./str-methods.js";
import { Tuple } from "./tuple.js";
import { isClass, typeName, className, tpName } from "./typename.js";
import { attrKey, objectKey } from "../lang/attr-names.js";
import { typeOf } from "./builtin-types.js";
import { classMethodFor } from "./builtin-type.js";
import { PYTHON_TYPE } from "./wrapped.js";
import { objectInitOf } from "../lang/mro.js";
import { setAttributeTarget } from "./suggestions.js";
import { getattrImpl } from "./attributes.js";
import { typeDunder, valueTypeDunder } from "./type-dunders.js";
import { callValue } from "../modules/pycall.js";
import { callFunction } from "../lang/functions.js";
import { Kwargs } from "./kwargs.js";
import { arityOf, attachArities, methodArguments } from "./method-arguments.js";
import { functionInfo } from "../lang/function-info.js";
import { isPlainList } from "./overrides.js";
import { boundParts } from "../lang/bound-parts.js";

type AnyMethod = (self: never, ...args: unknown[]) => unknown;

export { INT_METHODS, FLOAT_METHODS };

let BYTEARRAY_METHODS: Record<string, unknown> | undefined;

// Each table knows its methods' counts of arguments, as CPython's type has them.
for (const [table, name] of [[STR_METHODS, "str"], [LIST_METHODS, "list"], [DICT_METHODS, "dict"], [SET_METHODS, "set"], [TUPLE_METHODS, "tuple"], [BYTES_METHODS, "bytes"], [INT_METHODS, "int"], [FLOAT_METHODS, "float"]] as const) attachArities(table, name);

/** bytearray's methods: bytes's, and its own mutating ones. */
export function byteArrayTable(): Record<string, unknown> {
  if (BYTEARRAY_METHODS === undefined) {
    BYTEARRAY_METHODS = byteArrayMethods(BYTES_METHODS);
    attachArities(BYTEARRAY_METHODS, "bytearray");
  }
  return BYTEARRAY_METHODS;
}

/** The method table of a built-in value, or undefined for other objects. */
export function methodTable(obj: unknown): Record<string, AnyMethod> | undefined {
  if (typeof obj === "string") return STR_METHODS as Record<string, AnyMethod>;
  if (Array.isArray(obj)) return LIST_METHODS as Record<string, AnyMethod>;
  if (obj instanceof Dict) return DICT_METHODS as Record<string, AnyMethod>;
  if (obj instanceof AbstractSet) return SET_METHODS as Record<string, AnyMethod>;
  if (obj instanceof Tuple) return TUPLE_METHODS as Record<string, AnyMethod>;
  if (obj instanceof ByteArray) return byteArrayTable() as Record<string, AnyMethod>;
  if (obj instanceof Bytes) return BYTES_METHODS as Record<string, AnyMethod>;
  if (typeof obj === "bigint" || typeof obj === "boolean") return INT_METHODS as Record<string, AnyMethod>;
  if (typeof obj === "number") return FLOAT_METHODS as Record<string, AnyMethod>;
  return undefined;
}

/** The built-in type whose method table methodTable gives (CPython names it in its argument errors). */
export function tableTypeName(obj: unknown): string {
  if (typeof obj === "string") return "str";
  if (Array.isArray(obj)) return "list";
  if (obj instanceof Dict) return "dict";
  if (obj instanceof FrozenSet) return "frozenset";
  if (obj instanceof AbstractSet) return "set";
  if (obj instanceof Tuple) return "tuple";
  if (obj instanceof ByteArray) return "bytearray";
  if (obj instanceof Bytes) return "bytes";
  if (typeof obj === "number") return "float";
  return "int";
}

/** Built-in classes whose methods come from the tables above; their JS methods are not Python's. */
const BUILTIN_PROTOTYPES = new Set<object>([Array.prototype, Dict.prototype, AbstractSet.prototype, PySet.prototype, FrozenSet.prototype, Tuple.prototype, Bytes.prototype, ByteArray.prototype, Uint8Array.prototype, Object.prototype]);

/**
 * A method a subclass of a built-in type defines itself (Counter.update over dict.update):
 * looked up on the prototype chain below the first built-in runtime prototype.
 */
export function subclassMethod(obj: unknown, name: string): ((...a: unknown[]) => unknown) | undefined {
  if (obj === null || typeof obj !== "object") return undefined;
  for (let p = Object.getPrototypeOf(obj) as object | null; p !== null && !BUILTIN_PROTOTYPES.has(p); p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d !== undefined) {
      // A property (a getter) is no method: it is read on the instance, not on the prototype.
      return typeof d.value === "function" ? (d.value as (...a: unknown[]) => unknown) : undefined;
    }
  }
  return undefined;
}

/** Does a subclass of a built-in type define `name` as a property (a named tuple's field `index`)? */
export function subclassAccessor(obj: unknown, name: string): boolean {
  if (obj === null || typeof obj !== "object") return false;
  for (let p = Object.getPrototypeOf(obj) as object | null; p !== null && !BUILTIN_PROTOTYPES.has(p); p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d !== undefined) return d.get !== undefined;
  }
  return false;
}

/** Own fields the runtime keeps on built-in values (a Dict's `table`, a set's `keys`), filled on first need. */
let runtimeFields: Set<string> | undefined;

function isRuntimeField(obj: object, key: string): boolean {
  // (an array's or a byte string's `length` and element indexes are no attributes)
  if ((Array.isArray(obj) || ArrayBuffer.isView(obj)) && (key === "length" || /^\d+$/.test(key))) return true;
  runtimeFields ??= new Set([new Dict(), new PySet(), new FrozenSet(), Tuple.of()].flatMap((v) => Object.getOwnPropertyNames(v)));
  return runtimeFields.has(key);
}

/**
 * Does Python see attribute `key` on built-in value `obj`? Only where a subclass defines it
 * or the instance holds it: JS's own members of the runtime's classes (`[].push`, a Dict's
 * `table`) are no Python attributes (`'list' object has no attribute 'push'`).
 */
export function isPythonMember(obj: object, key: string): boolean {
  if (Object.hasOwn(obj, key)) return !isRuntimeField(obj, key);
  for (let p = Object.getPrototypeOf(obj) as object | null; p !== null && !BUILTIN_PROTOTYPES.has(p); p = Object.getPrototypeOf(p) as object | null) {
    if (Object.hasOwn(p, key)) return true;
  }
  return false;
}

/** Class and static methods of the built-in types, which instances reach too (`{}.fromkeys(xs)`). */
const TYPE_LEVEL_METHODS = new Set(["fromkeys", "fromhex", "from_bytes", "maketrans"]);

/** `value.fromkeys` and the like: the method of the value's built-in type, or undefined. */
export function typeLevelMethod(obj: unknown, name: string): ((...a: unknown[]) => unknown) | undefined {
  if (!TYPE_LEVEL_METHODS.has(name)) return undefined;
  const type = typeOf(obj) as Record<string, unknown>;
  // (an instance of a subclass, `D().fromkeys`: the built-in base's, bound to the subclass)
  const method = Object.hasOwn(type, name) ? type[name] : classMethodFor(builtinBaseOf(type)?.[name], type as unknown as Function);
  return typeof method === "function" ? (method as (...a: unknown[]) => unknown) : undefined;
}

/** The built-in type a subclass's chain stands on (`class D(dict)`: dict), or undefined. */
function builtinBaseOf(cls: object): Record<string, unknown> | undefined {
  for (let c: unknown = cls; typeof c === "function"; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, PYTHON_TYPE)) return (c as unknown as Record<symbol, Record<string, unknown>>)[PYTHON_TYPE];
  }
  return undefined;
}

/** Set on a program module while its body runs (program-modules.ts). */
const INITIALIZING = Symbol.for("pyts.initializing");

/** The AttributeError CPython raises for a missing attribute. */
export function missingAttribute(obj: unknown, name: string): AttributeError {
  // (an Enum class's metaclass raises `AttributeError(name)`)
  if (isClass(obj) && (ENUM_CLASS in obj || MIXED_ENUM in obj)) return attributeErrorOf(name, obj, name);
  // (a type of C with a dotted tp_name, 'collections.deque', says it so)
  if (isClass(obj)) return attributeErrorOf(`type object '${Object.hasOwn(obj, "tpName") ? (obj as unknown as { tpName: string }).tpName : className(obj)}' has no attribute '${name}'`, obj, name);
  if (typeName(obj) === "module" && (obj as { [INITIALIZING]?: boolean })[INITIALIZING]) {
    return attributeErrorOf(`partially initialized module '${(obj as { __name__: string }).__name__}' has no attribute '${name}' (most likely due to a circular import)`, obj, name);
  }
  if (typeName(obj) === "module") return setAttributeTarget(attributeErrorOf(`module '${(obj as { __name__: string }).__name__}' has no attribute '${name}'`, obj, name), obj as object, name);
  // (a bound method reads what its type lacks off its function: `a.m.nothing` is the function's error)
  const parts = boundParts(obj);
  if (parts !== undefined && tpName(obj) === "method") return missingAttribute(parts.method, name);
  return attributeErrorOf(`'${tpName(obj)}' object has no attribute '${name}'`, obj, name);
}

/** Marks of Enum classes (runtime/modules/enum.ts, enum-mixed.ts). */
const ENUM_CLASS = Symbol.for("pyts.enum.class");
const MIXED_ENUM = Symbol.for("pyts.enum.mixed");

function plainTable(obj: unknown): Record<string, AnyMethod> | undefined {
  if (typeof obj === "string") return STR_METHODS as Record<string, AnyMethod>;
  if (typeof obj !== "object" || obj === null) return undefined;
  const proto = Object.getPrototypeOf(obj) as object | null;
  if (proto === Array.prototype) return LIST_METHODS as Record<string, AnyMethod>;
  if (proto === Dict.prototype) return DICT_METHODS as Record<string, AnyMethod>;
  if (proto === PySet.prototype || proto === FrozenSet.prototype) return SET_METHODS as Record<string, AnyMethod>;
  if (proto === Tuple.prototype) return TUPLE_METHODS as Record<string, AnyMethod>;
  return undefined;
}

/**
 * The method an object's own (non-built-in) class defines under `key` (its attribute key),
 * which is the one Python finds; else undefined. Lets `callGet`-style paths call a user
 * object's or a runtime class's own method (asyncio.Queue.get) without callMethod's search.
 */
function ownClassMethod(obj: object, key: string): ((...a: unknown[]) => unknown) | undefined {
  const proto = Object.getPrototypeOf(obj) as Record<string, unknown> | null;
  if (proto === null || BUILTIN_PROTOTYPES.has(proto) || !Object.hasOwn(proto, key)) return undefined;
  // (Reflect.get: a getter installed by `Cls.name = f` binds the instance, not the prototype.)
  const method = Reflect.get(proto, key, obj) as unknown;
  return typeof method === "function" ? (method as (...a: unknown[]) => unknown) : undefined;
}

/**
 * ownClassMethod for one key, remembering the last class it answered for: a loop calling
 * `q.get()` on objects of one class finds the method with a prototype check and one property
 * read. The read confirms the remembered method is still the class's own (reassigning or
 * deleting the class attribute changes what it gives); only plain data properties are
 * remembered, as a getter answers per instance.
 */
class OwnMethodCache {
  private declare proto: object | null;
  private declare method: ((...a: unknown[]) => unknown) | undefined;

  constructor(private readonly key: string) {
    this.proto = null;
    this.method = undefined;
  }

  lookup(obj: object): ((...a: unknown[]) => unknown) | undefined {
    const proto = Object.getPrototypeOf(obj) as Record<string, unknown> | null;
    const method = this.method;
    if (proto === this.proto && method !== undefined && proto![this.key] === method) return method;
    const found = ownClassMethod(obj, this.key);
    const plainData = found !== undefined && proto !== null && Object.getOwnPropertyDescriptor(proto, this.key)?.value === found;
    this.proto = plainData ? proto : null;
    this.method = plainData ? found : undefined;
    return found;
  }
}

const OWN_APPEND = new OwnMethodCache("append");
const OWN_GET = new OwnMethodCache("get");

/** Python's `obj.name(*args)`. */
export function callMethod(obj: unknown, pyName: string, ...args: unknown[]): any {
  // Plain str, list and dict values (no subclass that could override): their table at once.
  // (its count of arguments checked here; keywords and a wrong count take the checked path)
  const plain = plainTable(obj);
  if (plain !== undefined) {
    const arity = arityOf(plain, pyName);
    if (arity !== undefined && args.length >= arity.min && args.length <= arity.max && !(args[args.length - 1] instanceof Kwargs)) {
      return (plain[pyName] as (self: unknown, ...a: unknown[]) => unknown)(obj, ...args);
    }
  }
  // Fast path: a method the object's own (non-built-in) class defines is the one Python finds.
  // (User objects store JS-special names under their mangled key, runtime/lang/attr-names.ts.)
  if (typeof obj === "object" && obj !== null) {
    const method = ownClassMethod(obj, objectKey(pyName));
    if (method !== undefined) return method.apply(obj, args);
  }
  return callMethodSearched(obj, pyName, args);
}

/** callMethod past its fast paths: built-in tables, subclass overrides, own attributes, hooks. */
function callMethodSearched(obj: unknown, pyName: string, args: unknown[]): unknown {
  const name = attrKey(obj, pyName);
  const table = methodTable(obj);
  const override = table !== undefined ? subclassMethod(obj, name) : undefined;
  if (override !== undefined) return override.apply(obj, args);
  // (a subclass's property hides the built-in method: a named tuple's field `count` is called)
  if (table !== undefined && subclassAccessor(obj, name)) return callValue((obj as Record<string, unknown>)[name], ...args);
  if (table !== undefined) {
    const m = Object.hasOwn(table, pyName) ? table[pyName] : undefined;
    if (m !== undefined) return callTableMethod(table, obj, pyName, args);
    const typeLevel = typeLevelMethod(obj, pyName);
    if (typeLevel !== undefined) return typeLevel(...args);
    // `{1, 2}.__len__()`, `(5).__add__(1)`: the built-in type's own dunder.
    const dunder = valueTypeDunder(typeOf(obj), tableTypeName(obj), pyName);
    if (typeof dunder === "function") return (dunder as (...a: unknown[]) => unknown)(obj, ...args);
    // A subclass instance (class D(dict)) may define its own methods.
    if (typeof obj !== "object" || obj === null || !isPythonMember(obj, name) || typeof (obj as Record<string, unknown>)[name] !== "function") {
      // (`od.fromkeys(...)` of a subclass of a runtime dict: its class's class method, or AttributeError)
      return callAttribute(obj, pyName, args);
    }
  }
  if (obj === null || obj === undefined || (typeof obj !== "object" && typeof obj !== "function")) {
    throw missingAttribute(obj, pyName);
  }
  const target = obj as Record<string, unknown>;
  if (pyName === "__init__" && !(name in target) && typeof obj === "object") return objectInitOf(obj, args);
  // `type(x).method(x)`, `Base.__init__(self)`, `f.__call__(x)`: an attribute of a class or
  // function as getattr finds it, called.
  if (typeof obj === "function" && !(name in target)) return callAttribute(obj, pyName, args);
  if (!(name in target)) {
    // A class's `__getattribute__` answers for names the object lacks (`l.get_x()`): what it gives is called.
    if (typeof target.__getattribute__ === "function" && !pyName.startsWith("__")) {
      const found = target[name];
      if (found !== undefined) return callValue(found, ...args);
    }
    // `x.__eq__(y)`, `x.__hash__()`: object's own dunders, found before `__getattr__`.
    const inherited = pyName.startsWith("__") ? typeDunder(typeOf({}), pyName) : undefined;
    if (typeof inherited === "function") return (inherited as (...a: unknown[]) => unknown)(obj, ...args);
    const attributeSlot = objectAttributeSlot(pyName);
    if (attributeSlot !== undefined) return attributeSlot(obj, ...args);
    const hook = target["__getattr__"];
    if (typeof hook === "function") {
      const f = (hook as (n: string) => unknown).call(obj, pyName);
      if (typeof f === "function") return (f as (...a: unknown[]) => unknown)(...args);
      const call = (f as { __call__?: unknown } | null)?.__call__;
      if (typeof call === "function") return (call as (...a: unknown[]) => unknown).apply(f, args);
      throw new PyTypeError(`'${typeName(f)}' object is not callable`);
    }
    // (a runtime class's class method read through an instance, `MyDate(...).today()`: getattr
    // finds it on the class, or raises CPython's AttributeError)
    return callAttribute(obj, pyName, args);
  }
  return callFound(target, name, args);
}

/** Calls the attribute `name` that `target` has (own or inherited) as `target.name(*args)`. */
function callFound(target: Record<string, unknown>, name: string, args: unknown[]): unknown {
  const f = target[name];
  if (typeof f === "function") {
    // A Python function the object holds itself (`obj.handler = lambda a: a`) is no method:
    // called with its own arguments, checked.
    const info = Object.hasOwn(target, name) ? functionInfo(f) : undefined;
    if (info !== undefined && !info.method) return callFunction(f as (...a: unknown[]) => unknown, args);
    return (f as (...a: unknown[]) => unknown).apply(target, args);
  }
  const call = (f as { __call__?: unknown } | null)?.__call__;
  if (typeof call === "function") return (call as (...a: unknown[]) => unknown).apply(f, args);
  throw new PyTypeError(`'${typeName(f)}' object is not callable`);
}

/** `obj.pyName(*args)` by the method of built-in table `table`, its arguments checked and its keywords (a trailing Kwargs) bound as CPython's. */
export function callTableMethod(table: Readonly<Record<string, unknown>>, obj: unknown, pyName: string, args: readonly unknown[], shownType?: string): unknown {
  const bound = methodArguments(table, tableTypeName(obj), pyName, args, shownType);
  return (table[pyName] as (self: unknown, ...a: unknown[]) => unknown)(obj, ...bound);
}

/**
 * The array entry of `obj.pyName` read as a value (builtin-type.ts CHECKS_OWN_ARGUMENTS): a
 * count within the method's arity, without keywords, calls the table's function at once
 * (no argument binding per call); anything else binds or refuses as callTableMethod does.
 */
export function tableMethodEntry(table: Readonly<Record<string, unknown>>, obj: unknown, pyName: string, shownType: string): (args: readonly unknown[]) => unknown {
  const fn = table[pyName] as (self: unknown, ...a: unknown[]) => unknown;
  const arity = arityOf(table, pyName);
  if (arity === undefined) return (args) => callTableMethod(table, obj, pyName, args, shownType);
  const { min, max } = arity;
  return (args) => {
    const count = args.length;
    if (count >= min && count <= max && !(count > 0 && args[count - 1] instanceof Kwargs)) return fn(obj, ...args);
    return callTableMethod(table, obj, pyName, args, shownType);
  };
}

/** `getattr(obj, name)(*args)` with Python's calling rules. */
function callAttribute(obj: unknown, name: string, args: unknown[]): unknown {
  return callValue(getattrImpl(obj, name), ...args);
}

// The commonest method calls on built-in values, emitted by name: a plain list or dict (no
// subclass that could override) answers at once, anything else goes through callMethod.

// (Each takes as many parameters as the lowering passes, which calls it only with those
// counts: a rest parameter or `arguments` is an array made per call until V8 optimizes the
// caller, the first rounds of every loop.)

// (No Python value is `undefined`: it marks an argument the call omits.)

/** `obj.append(x)`, `obj.append()`. */
export function callAppend(obj: unknown, item?: unknown): any {
  if (item !== undefined && isPlainList(obj)) {
    obj.push(item);
    return null;
  }
  // (an object whose own class defines append: called at once, as callMethod would)
  const own = typeof obj === "object" && obj !== null ? OWN_APPEND.lookup(obj) : undefined;
  if (own !== undefined) return item === undefined ? own.call(obj) : own.call(obj, item);
  return item === undefined ? callMethod(obj, "append") : callMethod(obj, "append", item);
}

/** `obj.get(key)`, `obj.get(key, default)`, `obj.get()` (asyncio.Queue's). */
export function callGet(obj: unknown, key?: unknown, fallback?: unknown): any {
  if (key !== undefined && obj instanceof Dict && (obj as { constructor: unknown }).constructor === Dict) {
    const entry = obj.table.find(key);
    return entry === undefined ? (fallback === undefined ? null : fallback) : entry.value;
  }
  // (an object whose own class defines get, asyncio.Queue's: called at once, as callMethod would)
  const own = typeof obj === "object" && obj !== null ? OWN_GET.lookup(obj) : undefined;
  if (own !== undefined) return key === undefined ? own.call(obj) : fallback === undefined ? own.call(obj, key) : own.call(obj, key, fallback);
  return key === undefined ? callMethod(obj, "get") : fallback === undefined ? callMethod(obj, "get", key) : callMethod(obj, "get", key, fallback);
}

/** `obj.__setattr__`, `obj.__getattribute__`, `obj.__delattr__` where the class inherits object's: object's function. */
export function objectAttributeSlot(pyName: string): ((...a: unknown[]) => unknown) | undefined {
  if (pyName !== "__setattr__" && pyName !== "__getattribute__" && pyName !== "__delattr__") return undefined;
  const own = (typeOf({}) as Record<string, unknown>)[pyName];
  return typeof own === "function" ? (own as (...a: unknown[]) => unknown) : undefined;
}
