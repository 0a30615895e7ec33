// Raising, names and classes: the small helpers emitted statements call.
import { BaseException, nameErrorOf, NEVER_RAISED, propagates, RAISED, tracebackHook, PyTypeError, RuntimeError, UnboundLocalError, ValueError } from "../values/exceptions.js";
import { Bytes } from "../values/bytes.js";
import { withNameHint } from "../values/suggestions.js";
import { callValue } from "../modules/pycall.js";
import { PyModule } from "../modules/module-object.js";
import { isDescriptor, isSetOnlyDescriptor, readThroughDescriptor, setName, shareDescriptor } from "./descriptors.js";
import { functionKey, objectKey, pythonName } from "./attr-names.js";
import { recordBodyValue } from "./body-values.js";
import { DESCRIPTOR_KIND, typeDirNames } from "../values/type-dunders.js";
import { isPythonVisible, listedNames } from "../values/python-names.js";
import { hasDeclarations } from "../values/declared-attributes.js";
import { getattrImpl, receiverAsThis } from "../values/attributes.js";
import { isPythonMember, methodTable } from "../values/methods.js";
import { markPendingDescriptors } from "../values/descriptor-marks.js";
import { typeOf as pyTypeOf } from "../values/builtin-types.js";
import { Dict } from "../values/dict.js";
import { FrozenSet, PySet } from "../values/set.js";
import { Tuple } from "../values/tuple.js";
import { ByteArray } from "../values/bytearray.js";
import { hasNoDict } from "./attribute-hooks.js";
import { builtinScopeValue } from "./builtin-scope.js";
import { isClass } from "../values/typename.js";
import { boundMethod, CLASS_METHOD, pyDef, STATIC_METHOD } from "./functions.js";
import { DECORATED_METHOD, functionInfo } from "./function-info.js";

/** The class of a value (for `__exit__`'s first argument). */
export function typeOf(value: unknown): unknown {
  return value === null || value === undefined ? null : (value as object).constructor;
}

/** `raise X`: an exception instance as is, an exception class instantiated. */
export function exceptionOf(value: unknown): BaseException {
  if (typeof value === "function" && value.prototype instanceof BaseException) {
    return new (value as new () => BaseException)();
  }
  if (value instanceof BaseException) {
    // (its traceback starts at this raise; one it had, given by `with_traceback(tb)` or from an
    // earlier raise, goes below the raising frame, as CPython's does)
    tracebackHook.raised(value, exceptionOf);
    (value as { [RAISED]?: boolean })[RAISED] = true;
    return value;
  }
  if (value instanceof Error) return value as BaseException;
  throw new PyTypeError("exceptions must derive from BaseException");
}

/** The exception `from cause` names: an instance as is (it is not raised here), a class instantiated. */
function causeOf(cause: unknown): BaseException {
  if (typeof cause === "function" && cause.prototype instanceof BaseException) return new (cause as new () => BaseException)();
  if (cause instanceof Error) return cause as BaseException;
  throw new PyTypeError("exception causes must derive from BaseException");
}

/** `raise exc from cause` (`fresh`: the cause is made there, `from ValueError(...)`, and never raised). */
export function withCause(exc: BaseException, cause: unknown, fresh = false): BaseException {
  exc.__cause__ = cause === null ? null : causeOf(cause);
  // (a class given as the cause is instantiated here: that instance is never raised either)
  if (exc.__cause__ !== null && (fresh || typeof cause === "function")) Object.defineProperty(exc.__cause__, NEVER_RAISED, { value: true, configurable: true });
  exc.__suppress_context__ = true;
  return exc;
}

/** A bare `raise` in a handler: the exception leaves the frame that caught it. */
export function reraised<T>(caught: T): T {
  propagates(caught);
  return caught;
}

/** A bare `raise` with no exception being handled. */
export function reraiseNothing(): BaseException {
  return new RuntimeError("No active exception to reraise");
}

/** A read of a name that may be unbound (deleted, or read before its first assignment). */
export function bound<T>(value: T, name: string, local: boolean): T {
  if (value !== undefined) return value;
  // (a global not bound yet: the builtin of that name, if there is one)
  if (!local) {
    const builtin = builtinScopeValue(name);
    if (builtin !== undefined) return builtin as T;
  }
  if (local) throw new UnboundLocalError(`cannot access local variable '${name}' where it is not associated with a value`);
  throw nameErrorOf(`name '${name}' is not defined`, name);
}

/** A free variable read from a nested scope: NameError while its enclosing function has not bound it. */
export function boundFree<T>(value: T, name: string): T {
  if (value !== undefined) return value;
  throw nameErrorOf(`cannot access free variable '${name}' where it is not associated with a value in enclosing scope`, name);
}

/** A name bound nowhere: Python raises NameError when it is evaluated. */
// (typed `any`, not `never`: emitted code may call it, `nosuch()`, and a `never` is not callable)
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function nameError(name: string, hint?: string): any {
  // (a name the program binds nowhere may have been given to the builtins module since)
  const builtin = builtinScopeValue(name);
  if (builtin !== undefined) return builtin;
  throw withNameHint(nameErrorOf(`name '${name}' is not defined`, name), hint);
}

/** A `b"..."` literal (its chars are the byte values). */
export function bytesLiteral(latin1: string): Bytes {
  return Bytes.fromLatin1(latin1);
}

/** `type.__new__`'s check: a name in `__slots__` may not also be a class attribute. */
function checkSlotConflicts(cls: any, names: string[]): void {
  const slots: unknown = cls[functionKey("__slots__")];
  const declared = typeof slots === "string" ? [slots] : Array.isArray(slots) || slots instanceof Tuple ? [...(slots as Iterable<unknown>)] : [];
  for (const slot of declared) {
    if (typeof slot === "string" && slot !== "__slots__" && names.includes(slot)) {
      throw new ValueError(`'${slot}' in __slots__ conflicts with class variable`);
    }
  }
}

/**
 * Class attributes are static properties; instances read them through the prototype, and
 * assigning through an instance makes an instance attribute, as in Python. A descriptor
 * value manages the attribute instead (descriptors.ts).
 */
export function shareClassAttributes(cls: any, names: string[]): void {
  if (names.includes("__slots__")) checkSlotConflicts(cls, names);
  // (a name the body deleted again is no class attribute)
  names = names.filter((name) => Object.hasOwn(cls, functionKey(name)));
  const values = names.map((name) => cls[functionKey(name)]);
  names.forEach((name, i) => {
    // The class stores `name` under its function key (`name$`), instances under the object key.
    const classKey = functionKey(name);
    const key = objectKey(name);
    const value = values[i];
    if (isDescriptor(value)) {
      shareDescriptor(cls, name, value);
      readThroughDescriptor(cls, classKey, value);
      return;
    }
    if (isSetOnlyDescriptor(value)) {
      shareDescriptor(cls, name, value);
      return;
    }
    Object.defineProperty(cls.prototype, key, {
      configurable: true,
      get() {
        const shared = cls[classKey];
        // (`__hash__ = object.__hash__`: a built-in type's slot, called by the runtime on the instance as `this`)
        return typeof shared === "function" && Object.hasOwn(shared, DESCRIPTOR_KIND) ? receiverAsThis(shared as (...a: unknown[]) => unknown) : shared;
      },
      set(value: unknown) {
        Object.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  });
  names.forEach((name, i) => setName(cls, name, values[i]));
}

/** The module's `__name__`: converted modules run as the main program. */
export const __name__ = "__main__";

/**
 * Classmethods and staticmethods are static members; instances reach them through the
 * prototype, a classmethod bound to the instance's class as Python binds it.
 */
export function shareClassMethods(cls: any, classMethods: string[], staticMethods: string[], qualname?: string): void {
  // (the functions' qualified names: `A.s`, as their reprs show them)
  const named = (method: unknown, name: string): void => {
    if (qualname !== undefined && typeof method === "function" && functionInfo(method) === undefined) pyDef(method, `${qualname}.${name}`, null);
  };
  for (const name of classMethods) {
    if (!Object.hasOwn(cls, functionKey(name))) continue; // (deleted by the body)
    const method = cls[functionKey(name)];
    named(method, name);
    // Read off the class or an instance, a classmethod is bound to the class (functions.ts).
    if (typeof method === "function") (method as { [CLASS_METHOD]?: boolean })[CLASS_METHOD] = true;
    Object.defineProperty(cls.prototype, objectKey(name), {
      configurable: true,
      get(this: { constructor: any }) {
        return boundMethod(this.constructor, cls[functionKey(name)], cls);
      },
    });
  }
  for (const name of staticMethods) {
    if (!Object.hasOwn(cls, functionKey(name))) continue; // (deleted by the body)
    const method = cls[functionKey(name)];
    named(method, name);
    if (typeof method === "function") (method as { [STATIC_METHOD]?: boolean })[STATIC_METHOD] = true;
    Object.defineProperty(cls.prototype, objectKey(name), {
      configurable: true,
      get() {
        return cls[functionKey(name)];
      },
    });
  }
}

/** `raise` inside an `except` block: the handled exception becomes `__context__`. */
export function withContext(exc: unknown, handled: unknown): any {
  if (exc !== handled && exc instanceof BaseException && exc.__context__ === null && handled instanceof BaseException) {
    exc.__context__ = handled;
  }
  return exc;
}

/** A function object with the name (and docstring) Python gives it. */
export function pyFunction<F extends Function>(name: string, fn: F, doc: string | null = null): F {
  Object.defineProperty(fn, "name", { value: name });
  if (doc !== null) Object.defineProperty(fn, "__doc__", { value: doc, writable: true, configurable: true });
  return fn;
}

/** A method as the function Python's class body sees: it takes `self` first. */
function selfFirst(method: (...args: unknown[]) => unknown): (self: unknown, ...args: unknown[]) => unknown {
  return function (self: unknown, ...args: unknown[]): unknown {
    return method.apply(self, args);
  };
}

/**
 * A plain def named in its class body (`partialmethod(set_state, True)`): the function taking
 * `self`, which finds the method when called (the class's static blocks, which run later, may
 * wrap it to bind keyword arguments).
 */
export function bodyMethod(cls: any, pyName: string): (self: unknown, ...args: unknown[]) => unknown {
  const name = objectKey(pyName);
  const proto = cls.prototype;
  const plain = function (self: unknown, ...args: unknown[]): unknown {
    return (proto[name] as (...a: unknown[]) => unknown).apply(self, args);
  };
  Object.defineProperty(plain, "name", { value: pyName });
  return plain;
}

export function plainMethod(cls: any, pyName: string): (self: unknown, ...args: unknown[]) => unknown {
  const name = objectKey(pyName);
  const method = cls.prototype[name] as (...args: unknown[]) => unknown;
  const plain = function (self: unknown, ...args: unknown[]): unknown {
    return method.apply(self, args);
  };
  Object.defineProperty(plain, "name", { value: pyName });
  // (what the def recorded, its qualname and docstring, is what decorators see and copy)
  const info = functionInfo(method);
  if (info !== undefined) pyDef(plain, info.qualname, info.spec, { ...info, method: false });
  return plain;
}

/**
 * `@deco def method(self, ...)` in a class: the decorators see a plain function taking
 * `self` first, as in Python, and what they return becomes the method again.
 */
export function decorateMethod(cls: any, pyName: string, decorators: unknown[], key?: string, isStatic = false, hints?: Dict<string, unknown>, record?: { qualname: string; doc?: string }): void {
  const name = objectKey(pyName);
  let value: unknown;
  if (key === undefined) value = plainMethod(cls, pyName);
  else {
    // A def decorated in a way the class cannot express in place (classes.ts generalDecorated):
    // its function, under its own key until now, is the plain function Python would decorate.
    const method = cls.prototype[key] as (...args: unknown[]) => unknown;
    delete cls.prototype[key];
    if (name !== key) delete cls.prototype[name];
    value = isStatic ? method : selfFirst(method);
    Object.defineProperty(value, "__name__", { value: pyName, configurable: true });
    if (hints !== undefined) Object.defineProperty(value, "__annotations__", { value: hints, writable: true, configurable: true });
    if (record !== undefined) pyDef(value as Function, record.qualname, null, { doc: record.doc ?? null });
  }
  for (let i = decorators.length - 1; i >= 0; i--) value = callValue(decorators[i], value);
  if (isDescriptor(value)) {
    recordBodyValue(cls, functionKey(pyName), undefined);
    // `@functools.cached_property` and other decorators returning a descriptor.
    Object.defineProperty(cls, functionKey(pyName), { value, writable: true, configurable: true });
    setName(cls, pyName, value);
    shareDescriptor(cls, pyName, value);
    // (`Cls.name` is `descriptor.__get__(None, Cls)`, as in CPython)
    readThroughDescriptor(cls, functionKey(pyName), value);
    return;
  }
  const decorated = value as (...args: unknown[]) => unknown;
  recordBodyValue(cls, functionKey(pyName), value);
  // (a def of the same name before it made a descriptor the class holds: this one replaces it)
  if (Object.hasOwn(cls, functionKey(pyName))) delete cls[functionKey(pyName)];
  cls.prototype[name] = function (this: unknown, ...args: unknown[]): unknown {
    return callValue(decorated, this, ...args);
  };
  if (typeof decorated === "function") Object.defineProperty(cls.prototype[name], DECORATED_METHOD, { value: decorated });
  // `@abstractmethod` (abc.ts) and `@unittest.skip` mark the function: the method standing for
  // it keeps the marks (its dunder attributes).
  if (typeof decorated === "function") {
    for (const key of Object.getOwnPropertyNames(decorated)) {
      if (/^__\w+__$/.test(key) && !["__name__", "__qualname__", "__doc__", "__module__"].includes(key)) cls.prototype[name][key] = (decorated as unknown as Record<string, unknown>)[key];
    }
  }
}

const NAMESPACE = Symbol.for("pyts.namespace");
/** An enum class's (name, member) pairs, aliases included (modules/enum.ts). */
const ENUM_NAMES = Symbol.for("pyts.enum.names");

/** Python's `dir(obj)`: the sorted attribute names an object and its class chain have. */
/** On a runtime class: its static keys that stand for its metaclass's methods (dir omits them). */
export const METACLASS_STATICS = Symbol.for("pyts.metaclassStatics");

/** A str, int, list... value itself (no instance of a subclass). */
function isPlainBuiltinValue(obj: unknown): boolean {
  if (typeof obj === "string" || typeof obj === "number" || typeof obj === "bigint" || typeof obj === "boolean") return true;
  if (obj === null || typeof obj !== "object") return false;
  return PLAIN_PROTOTYPES().has(Object.getPrototypeOf(obj) as object);
}

let plainPrototypes: Set<object> | undefined;
function PLAIN_PROTOTYPES(): Set<object> {
  return (plainPrototypes ??= new Set<object>([Array.prototype, Dict.prototype, PySet.prototype, FrozenSet.prototype, Tuple.prototype, Bytes.prototype, ByteArray.prototype]));
}

/** The built-in type a user class (or its instance) derives from, when not object. */
function builtinRoot(obj: unknown): unknown {
  const cls = typeof obj === "function" ? obj : (Object.getPrototypeOf(obj) as { constructor?: unknown } | null)?.constructor;
  for (let c = cls as unknown; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, PYTHON_TYPE_KEY)) return (c as unknown as Record<symbol, unknown>)[PYTHON_TYPE_KEY];
  }
  return undefined;
}
const PYTHON_TYPE_KEY = Symbol.for("pyts.pythonType");

/** A runtime module's names: its attributes (placeholders of a module not loaded yet too). */
function moduleDir(module: PyModule): string[] {
  const names = new Set<string>();
  for (const key of Object.getOwnPropertyNames(module)) {
    const name = pythonName(key, false);
    if (name !== null) names.add(name);
  }
  return [...names].sort();
}

export function dir(obj: unknown): string[] {
  // (`dir(str.upper)` lists `__objclass__`: a mark made on first need)
  if (typeof obj === "function") markPendingDescriptors();
  // A program module lists its namespace (runtime/modules/module-namespace.ts).
  const namespace = (obj as { [NAMESPACE]?: () => Iterable<unknown> } | null)?.[NAMESPACE];
  if (typeof namespace === "function") return [...namespace.call(obj)].map(String).sort();
  // A runtime module (`import math`): its own names, as a module's `__dict__` lists them.
  if (obj instanceof PyModule) return moduleDir(obj);
  // A built-in type, or a value of one: CPython's names.
  const builtin = typeDirNames(obj) ?? (isPlainBuiltinValue(obj) ? typeDirNames(pyTypeOf(obj)) : undefined);
  if (builtin !== undefined) return builtin;
  const names = new Set<string>();
  // (a runtime class's own JS members are no Python attributes: CPython's names only)
  const listed = obj !== null && (typeof obj === "object" || typeof obj === "function") ? listedNames(obj) : undefined;
  // (and a built-in value's own runtime fields, a Counter's `table`)
  const fieldsHidden = methodTable(obj) !== undefined && typeof obj === "object";
  // (and of a listed one, a Counter, its runtime base's JS members too: a Dict's `delete`)
  const shown = (key: string, name: string): boolean => (listed === undefined || isPythonVisible(obj as object, key, name, true)) && !(fieldsHidden && (listed !== undefined || Object.hasOwn(obj as object, key)) && !isPythonMember(obj as object, key));
  const isException = obj instanceof BaseException || (typeof obj === "function" && (obj as { prototype?: unknown }).prototype instanceof BaseException);
  for (let o = obj as object | null; o !== null && o !== Object.prototype && o !== Function.prototype && o !== Error && o !== Error.prototype; o = Object.getPrototypeOf(o) as object | null) {
    // (a runtime class's statics standing for its metaclass's methods are not the class's)
    const hidden = typeof o === "function" ? (o as { [METACLASS_STATICS]?: ReadonlySet<string> })[METACLASS_STATICS] : undefined;
    for (const key of Object.getOwnPropertyNames(o)) {
      const name = pythonName(key, typeof o === "function");
      if (name !== null && !key.startsWith("#") && !(hidden !== undefined && Object.hasOwn(o, METACLASS_STATICS) && hidden.has(key)) && shown(key, name)) names.add(name);
    }
  }
  // What the built-in base gives every instance (object's dunders, an exception's args...).
  const userClass = typeof obj === "function" ? isClass(obj) && !Object.hasOwn(obj, "__pytype__") : obj !== null && typeof obj === "object" && !isPlainBuiltinValue(obj);
  if (userClass) {
    for (const name of typeDirNames(isException ? BaseException : (builtinRoot(obj) ?? pyTypeOf({}))) ?? []) names.add(name);
    names.add("__module__");
    names.add("__doc__");
    if (!isException && !(typeof obj === "object" && hasNoDict(obj as object))) {
      names.add("__dict__");
      names.add("__weakref__");
    }
  } else if (isException) {
    // (a runtime exception class, `doctest.DocTestFailure`, has BaseException's attributes too: `args`)
    for (const name of typeDirNames(BaseException) ?? []) names.add(name);
  }
  // A class also lists what its instances inherit from it (methods live on the prototype).
  if (typeof obj === "function" && typeof (obj as { prototype?: unknown }).prototype === "object" && isClass(obj)) {
    for (let o = (obj as { prototype: object }).prototype as object | null; o !== null && o !== Object.prototype && o !== Error.prototype; o = Object.getPrototypeOf(o) as object | null) {
      for (const key of Object.getOwnPropertyNames(o)) {
        const name = pythonName(key, false);
        if (name !== null && !key.startsWith("#") && shown(key, name)) names.add(name);
      }
    }
  }
  // (a built-in type object made by defineType given its names, `slice`, has object's names too, none of its JS statics)
  if (typeof obj === "function" && Object.hasOwn(obj, "__pytype__") && hasDeclarations(obj)) {
    for (const name of typeDirNames(pyTypeOf({})) ?? []) names.add(name);
    for (const name of ["__base__", "__instancecheck__", "__module__"]) names.delete(name);
  }
  // (JS's own members of classes and errors are no Python attributes)
  for (const key of ["pythonName", "tpName", "__name__", "__qualname__", "__pytype__"]) names.delete(key);
  // (unless the class declares it: AttributeError's `name`, an ExceptionGroup's `message`)
  if (isException) {
    const cls = (typeof obj === "function" ? obj : (obj as object).constructor) as unknown as Record<string, unknown>;
    for (const key of ["name", "message", "stack"]) if (!(functionKey(key) in cls)) names.delete(key);
  }
  // (what CPython's class shows that the runtime finds elsewhere: dict's methods of a Counter, a date's class methods)
  if (listed !== undefined) for (const name of listed) if (!names.has(name) && findsAttribute(obj, name)) names.add(name);
  // (an enum class lists its members under their own names: an alias, AF_ROUTE of AF_NETLINK, is not listed)
  const enumNames = typeof obj === "function" && Object.hasOwn(obj, ENUM_NAMES) ? (obj as unknown as { [ENUM_NAMES]: [string, { _name_?: unknown }][] })[ENUM_NAMES] : undefined;
  if (enumNames !== undefined) for (const [name, member] of enumNames) if (member._name_ !== name) names.delete(name);
  return [...names].sort();
}

/** Does getattr find `name` on `obj` (dir's check of the names CPython lists)? */
function findsAttribute(obj: unknown, name: string): boolean {
  try {
    getattrImpl(obj, name);
    return true;
  } catch {
    return false;
  }
}
