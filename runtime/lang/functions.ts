// Python function objects on JS functions: `pyDef` records what Python shows of a def or a
// lambda (runtime/lang/function-info.ts); calls on dynamic paths (a function passed as a
// value, a bound method, `Cls.method`) bind their arguments here with CPython's checks;
// bound methods and `Cls.method` are functions carrying `__self__` / `__func__`.
import { Kwargs } from "../values/kwargs.js";
import { bindCalleeKeywords } from "../values/keyword-binding.js";
import { acceptsCount, refuseBuiltinCount } from "../values/method-arguments.js";
import { Dict } from "../values/dict.js";
import { Tuple } from "../values/tuple.js";
import { bindToLayout, WRAPPED_DEF } from "./keywords.js";
import { applyMany } from "./spread-call.js";
import { parseSpec, positionalRange, type Param } from "./binding.js";
import { DECORATED_METHOD, FUNCTION_INFO, functionInfo, type FunctionInfo } from "./function-info.js";
import { functionKey, pythonName } from "./attr-names.js";
import { bodyValueOf, recordBodyValue } from "./body-values.js";
import { metaclassCall } from "./type-base.js";
import { className, classSource, isClass, OBJECT_METHOD_NAME, OBJECT_METHOD_SLOT, objectMethodKind, typeName } from "../values/typename.js";
import { AttributeError, PyTypeError } from "../values/exceptions.js";
import { writeDefaults } from "./written-defaults.js";
import { boundParts, setBoundParts } from "./bound-parts.js";
import { newResult } from "./new-result.js";
import { codeOf } from "./code-objects.js";
import { BUILTIN_SELF, builtinMethod } from "../values/builtin-type.js";
import { builtinFunctionDocText } from "../values/builtin-docs.js";
import { builtinMethodDoc, builtinMethodQualname } from "./builtin-method-info.js";
import { markPendingDescriptors } from "../values/descriptor-marks.js";

/** A runtime function standing for a C function of CPython (`len`, `math.sqrt`, `[].append`). */
function isBuiltinFunction(f: Function): boolean {
  return Object.hasOwn(f, "__builtin__");
}

export { boundParts };

type AnyFn = (...args: unknown[]) => unknown;

/** Parsed specs, by spec array (a def's spec literal is evaluated each time the def runs). */
interface Prepared {
  params: Param[];
  range: [number, number];
  /** `*args` is a packed Tuple parameter: every call is bound */
  packed: boolean;
}
const prepared = new WeakMap<readonly string[], Prepared>();

function prepare(spec: readonly string[]): Prepared {
  let p = prepared.get(spec);
  if (p === undefined) {
    const params = parseSpec(spec);
    const packed = params.some((x) => x.kind === "vararg" && x.name !== "") && params.some((x) => x.kind === "kwonly" || x.kind === "kwarg");
    p = { params, range: positionalRange(params), packed };
    prepared.set(spec, p);
  }
  return p;
}

/**
 * `def` / `lambda`: record a function's qualified name, signature, first line (co_firstlineno)
 * and the attributes the program reads (`pyDef(f, "outer.<locals>.f", ["a", "b="], 12, { doc: "..." })`).
 */
export function pyDef<F extends Function>(fn: F, qualname: string, spec: readonly string[] | null, firstLine?: number | Partial<FunctionInfo>, extras?: Partial<FunctionInfo>): F {
  // A `keywords` wrapper already carries a record (it binds its own calls): keep that mark.
  const info: FunctionInfo = { ...functionInfo(fn), qualname, spec };
  if (typeof firstLine === "number") {
    if (firstLine > 0) info.firstLine = firstLine;
  } else if (firstLine !== undefined) Object.assign(info, firstLine);
  if (extras !== undefined) Object.assign(info, extras);
  (fn as unknown as { [FUNCTION_INFO]: FunctionInfo })[FUNCTION_INFO] = info;
  return fn;
}

/** A class's methods: `pyMethods(this, "Account", { deposit: ["self", "amount"] })`. */
export function pyMethods(cls: { prototype: object }, qualname: string, specs: Record<string, readonly string[]>, defaults: Record<string, readonly unknown[]> = {}, docs?: Record<string, string>, kwdefaults: Record<string, Record<string, unknown>> = {}): void {
  const proto = cls.prototype as Record<string, unknown>;
  for (const [key, spec] of Object.entries(specs)) {
    const extras: Partial<FunctionInfo> = Object.hasOwn(defaults, key) ? { defaults: defaults[key] } : {};
    if (Object.hasOwn(kwdefaults, key)) extras.kwdefaults = kwdefaults[key];
    if (docs !== undefined && Object.hasOwn(docs, key)) extras.doc = docs[key]!;
    const method = Object.getOwnPropertyDescriptor(proto, key)?.value as unknown;
    if (key === "__init__") {
      // The constructor: calls of the class on dynamic paths are checked against it.
      (cls as { [INIT_INFO]?: FunctionInfo })[INIT_INFO] = { qualname: `${qualname}.__init__`, spec, method: true, ...extras };
      // (an `__init__` kept as a method is also what `Cls.__init__` reads: its docstring)
      if (typeof method === "function" && extras.doc !== undefined) pyDef(method, `${qualname}.__init__`, spec, { method: true, ...extras });
      continue;
    }
    if (typeof method !== "function") continue;
    const name = pythonName(key, false) ?? key;
    pyDef(method, `${qualname}.${name}`, spec, { method: true, ...extras });
  }
  // Static and class methods (functions of the class object) that recorded a spec take their defaults.
  for (const key of new Set([...Object.keys(defaults), ...Object.keys(kwdefaults)])) {
    if (Object.hasOwn(specs, key)) continue;
    // (a method whose spec keywordMethods records, an `__init__` with keyword-only
    // parameters or defaults: `Cls.__init__.__defaults__` reads them off its def)
    const own = Object.getOwnPropertyDescriptor(proto, key)?.value as unknown;
    if (typeof own === "function") {
      const extras: Partial<FunctionInfo> = { method: true };
      if (Object.hasOwn(defaults, key)) extras.defaults = defaults[key];
      if (Object.hasOwn(kwdefaults, key)) extras.kwdefaults = kwdefaults[key];
      pyDef(own, `${qualname}.${pythonName(key, false) ?? key}`, functionInfo(own)?.spec ?? null, extras);
      continue;
    }
    const info = functionInfo((cls as unknown as Record<string, unknown>)[key]);
    if (info === undefined || info.spec === null) continue;
    if (Object.hasOwn(defaults, key)) info.defaults = defaults[key];
    if (Object.hasOwn(kwdefaults, key)) info.kwdefaults = kwdefaults[key];
  }
}

/** A class's methods' `__code__` / `__closure__` records (varnames, freevars, cellvars, closure readers), added to what pyMethods recorded. */
export function methodCode(cls: { prototype: object }, records: Record<string, Partial<FunctionInfo>>): void {
  const proto = cls.prototype as Record<string, unknown>;
  for (const [key, record] of Object.entries(records)) {
    const info = functionInfo(Object.getOwnPropertyDescriptor(proto, key)?.value);
    if (info !== undefined) Object.assign(info, record);
  }
}

/** What pyMethods recorded of a class's `__init__` (the JS constructor). */
export function initInfo(cls: Function): FunctionInfo | undefined {
  return Object.hasOwn(cls, INIT_INFO) ? (cls as { [INIT_INFO]?: FunctionInfo })[INIT_INFO] : undefined;
}

const INIT_INFO = Symbol.for("pyts.init");

/**
 * Construct a class on a dynamic path (`make = Shape; make(1)`), its `__init__`'s arguments
 * checked; a metaclass's own `__call__` decides instead (metaclasses.ts).
 */
export function constructChecked(cls: Function, args: unknown[]): unknown {
  // An enumeration: EnumType's `__call__` (enum.ts), a member lookup or the functional API.
  const enumCall = (cls as { [ENUM_CALL]?: (args: unknown[]) => unknown })[ENUM_CALL];
  if (enumCall !== undefined) return enumCall.call(cls, args);
  const call = metaclassCall(cls);
  if (call !== null) return invokeMethod(call, [cls, ...args]);
  return constructDirect(cls, args);
}

/**
 * What pyMethods recorded of the `__init__` a class's JS constructor runs: its own, or for a
 * class without a constructor of its own (`class Tag(Named): pass`, Named from another
 * module) its nearest base's.
 */
function inheritedInitInfo(cls: Function): FunctionInfo | undefined {
  if (Object.hasOwn(cls, INIT_INFO)) return (cls as { [INIT_INFO]?: FunctionInfo })[INIT_INFO];
  // (found once per class: a dynamic path may construct it many times)
  if (inheritedInits.has(cls)) return inheritedInits.get(cls);
  let found: FunctionInfo | undefined;
  for (let c: unknown = cls; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, INIT_INFO)) {
      found = (c as { [INIT_INFO]?: FunctionInfo })[INIT_INFO];
      break;
    }
    if (OWN_CONSTRUCTOR.test(classSource(c))) break;
  }
  inheritedInits.set(cls, found);
  return found;
}
/**
 * `super().__init__(*args, **kwargs)` in a constructor (`super(...)` in JS): the arguments
 * bound to the base's `__init__` as a call of it would bind them, so keywords reach their
 * parameters by name (a base whose `__init__` recorded no signature gets them as they are).
 */
// (`any`: the emitted `super(...superInitArgs(C, [...]))` spreads it into fixed parameters)
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function superInitArgs(cls: Function, args: unknown[]): any {
  const last = args[args.length - 1];
  if (!(last instanceof Kwargs)) return args;
  const base = Object.getPrototypeOf(cls) as unknown;
  const info = typeof base === "function" && base !== Function.prototype ? inheritedInitInfo(base) : undefined;
  if (info === undefined || info.spec === null) return Object.keys(last.values).length === 0 ? args.slice(0, -1) : args;
  const { params } = prepare(info.spec);
  return bindToLayout(info.qualname, params, [null, ...args], duplicateOf(args)).slice(1);
}

/**
 * A program class whose MRO defines neither `__init__` nor `__new__` (nor a constructor of a
 * runtime base): constructing it with arguments reaches `object`'s, which refuses them.
 */
function takesNoArguments(cls: Function): boolean {
  let known = bareClasses.get(cls);
  if (known === undefined) {
    known = true;
    for (let c: unknown = cls; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
      const proto = (c as { prototype?: object }).prototype;
      const own = Object.hasOwn(c, "__pytype__") || Object.hasOwn(c, "__new__") || Object.hasOwn(c, "__init__") || (proto !== undefined && Object.hasOwn(proto, "__init__"));
      if (own || OWN_CONSTRUCTOR.test(classSource(c))) {
        known = false;
        break;
      }
    }
    bareClasses.set(cls, known);
  }
  return known;
}
const bareClasses = new WeakMap<Function, boolean>();

const OWN_CONSTRUCTOR = /^class[^{]*\{[\s\S]*?\bconstructor\s*\(/;
const inheritedInits = new WeakMap<Function, FunctionInfo | undefined>();

/** The static method of enum classes that answers a call of the class. */
export const ENUM_CALL = Symbol.for("pyts.enum.call");

/** `type.__call__`: construct the class, its `__init__`'s arguments checked. */
export function constructDirect(cls: Function, args: unknown[]): unknown {
  const info = inheritedInitInfo(cls);
  if (info === undefined || info.spec === null) {
    // `super().__call__(*args, **kwargs)` with no keywords: nothing to pass but the positionals.
    const last = args[args.length - 1];
    const emptyKeywords = last instanceof Kwargs && Object.keys(last.values).length === 0;
    const given = emptyKeywords ? args.slice(0, -1) : args;
    // (object's `__new__` and `__init__` both: CPython's `Plain() takes no arguments`)
    if (given.length > 0 && takesNoArguments(cls)) throw new PyTypeError(`${className(cls)}() takes no arguments`);
    return newResult(Reflect.construct(cls, given));
  }
  const { params, range, packed } = prepare(info.spec);
  if (!packed && !(args[args.length - 1] instanceof Kwargs) && args.length + 1 >= range[0] && args.length + 1 <= range[1]) return newResult(Reflect.construct(cls, args));
  const bound = bindToLayout(info.qualname, params, [null, ...args], duplicateOf(args));
  return newResult(Reflect.construct(cls, bound.slice(1)));
}

/**
 * Would `callValue(f, ...count positional values)` call `f` itself with them (a runtime
 * function, or a def whose signature takes that many)? Lets a caller making many such calls
 * (a sort's key function) call `f` directly.
 */
export function callsDirectly(f: unknown, count: number): f is AnyFn {
  if (typeof f !== "function" || isClass(f)) return false;
  const info = functionInfo(f);
  if (info === undefined) return acceptsCount(f, count);
  if (info.spec === null) return true;
  if (info.binds || info.method) return false;
  const { range, packed } = prepare(info.spec);
  return !packed && count >= range[0] && count <= range[1];
}

/** Call a plain function on a dynamic path: its arguments are checked and bound by name. */
export function callFunction(f: AnyFn, args: unknown[]): unknown {
  const info = functionInfo(f);
  if (info === undefined) {
    // (a built-in function given keywords, `partial(pow, exp=2)`: bound as CPython's parser binds them)
    const bound = args[args.length - 1] instanceof Kwargs ? bindCalleeKeywords(f, args) : args;
    // (`call(len, 1, 2)`: a built-in function's count, checked as CPython checks it)
    if (!acceptsCount(f, bound.length)) refuseBuiltinCount(f, bound);
    return applyMany(f, undefined, bound);
  }
  if (info.spec === null || info.binds) return applyMany(f, undefined, args);
  const { params, range, packed } = prepare(info.spec);
  if (!info.method) {
    if (!packed && !(args[args.length - 1] instanceof Kwargs) && args.length >= range[0] && args.length <= range[1]) return applyMany(f, undefined, args);
    return applyMany(f, undefined, bindToLayout(info.qualname, params, args, duplicateOf(args)));
  }
  // A method's JS function receives `self` as `this`.
  return invokeMethod(f, args);
}

/** Call a method's JS function with `args[0]` as `self`, checking the arguments. */
export function invokeMethod(method: AnyFn, args: unknown[]): unknown {
  const info = functionInfo(method);
  if (info === undefined || info.spec === null || info.binds) return applyMany(method, args[0], args.slice(1));
  const { params, range, packed } = prepare(info.spec);
  if (!packed && !(args[args.length - 1] instanceof Kwargs) && args.length >= range[0] && args.length <= range[1]) {
    return applyMany(method, args[0], args.slice(1));
  }
  const bound = bindToLayout(info.qualname, params, args, duplicateOf(args));
  return applyMany(method, bound[0], bound.slice(1));
}

function duplicateOf(args: unknown[]): string | null {
  const last = args[args.length - 1];
  return last instanceof Kwargs ? last.duplicate : null;
}

/** Marks a classmethod's function: read off its class it is bound to the class. */
export const CLASS_METHOD = Symbol.for("pyts.classmethod");
/** Marks a staticmethod's function: read off the class or an instance it stays unbound. */
export const STATIC_METHOD = Symbol.for("pyts.staticmethod");

/** `obj.method` read as a value: a function calling the method on `obj`. */
export function boundMethod(self: unknown, method: AnyFn, owner: Function | null = null): AnyFn {
  const bound = boundCall(self, method);
  setBoundParts(bound, { self, method, owner });
  return bound;
}

/**
 * `int.real.__get__`, `f.__get__`, `property().__set__`: a C type's slot (`__get__`, `__set__`,
 * `__delete__`) bound to `self`, CPython's method-wrapper (`<method-wrapper '__get__' of
 * getset_descriptor object at 0x...>`); `call` takes the slot's arguments.
 */
export function methodWrapper(self: unknown, name: string, call: (...args: unknown[]) => unknown): AnyFn {
  const bound = boundMethod(self, (...args: unknown[]) => call(...args), null);
  Object.defineProperties(bound, {
    [OBJECT_METHOD_NAME]: { value: name },
    [OBJECT_METHOD_SLOT]: { value: true },
    __name__: { value: name },
    __qualname__: { value: `${typeName(self)}.${name}` },
  });
  return bound;
}

/** A function calling `method` with `self` as its receiver, as a bound method calls it (no marks). */
export function boundCall(self: unknown, method: AnyFn): AnyFn {
  return function (...args: unknown[]): unknown {
    const info = functionInfo(method);
    if (info === undefined || info.spec === null || info.binds) return method.apply(self, args);
    return invokeMethod(method, [self, ...args]);
  };
}

/** A plain function (taking `self` first) read through an instance: a bound method. */
export function bindFunction(self: unknown, fn: AnyFn): AnyFn {
  const bound = function (...args: unknown[]): unknown {
    return callFunction(fn, [self, ...args]);
  };
  setBoundParts(bound, { self, method: fn, owner: null });
  Object.defineProperty(bound, WRAPPED_DEF, { value: fn });
  return bound;
}

const plainMethods = new WeakMap<AnyFn, AnyFn>();

/** `Cls.method`: the method as the plain function Python stores, taking `self` first. */
/** The method each plain function stands for (its dunder attributes are the method's). */
const plainOrigins = new WeakMap<Function, Function>();

export function plainMethod(method: AnyFn, owner: Function): AnyFn {
  // (a decorated def: the class stores what the decorators returned, objects.ts decorateMethod)
  const decorated = (method as { [DECORATED_METHOD]?: unknown })[DECORATED_METHOD];
  if (typeof decorated === "function") return decorated as AnyFn;
  let plain = plainMethods.get(method);
  if (plain === undefined) {
    const info = functionInfo(method);
    const name = pythonName(method.name, false) ?? method.name;
    plain = function (...args: unknown[]): unknown {
      return invokeMethod(method, args);
    };
    pyDef(plain, info?.qualname ?? `${ownerName(owner)}.${name}`, info?.spec ?? null, { ...(info ?? {}), method: false, binds: true });
    // `Cls.method.__annotations__`: the method's own hints (class-creation.ts: methodAnnotations).
    const hints = method as unknown as { __annotations__?: unknown };
    if (Object.hasOwn(method, "__annotations__")) {
      Object.defineProperty(plain, "__annotations__", { get: () => hints.__annotations__, set: (v: unknown) => void (hints.__annotations__ = v), configurable: true, enumerable: false });
    }
    const module = functionModules.get(method);
    if (module !== undefined) functionModules.set(plain, module);
    plainMethods.set(method, plain);
    plainOrigins.set(plain, method);
    Object.defineProperty(plain, WRAPPED_DEF, { value: method });
    // (marks a decorator left on the method, `__unittest_skip__`, read through)
    for (const key of Object.keys(method)) {
      if (/^__\w+__$/.test(key) && !Object.hasOwn(plain, key)) {
        Object.defineProperty(plain, key, { get: () => (method as unknown as Record<string, unknown>)[key], configurable: true, enumerable: false });
      }
    }
  }
  return plain;
}

function ownerName(owner: Function): string {
  const named = owner as { __qualname__?: unknown; pythonName?: unknown };
  if (Object.hasOwn(owner, "__qualname__") && typeof named.__qualname__ === "string") return named.__qualname__;
  return owner.name;
}

/** The qualified name of a function (a method's from its class when it has no record). */
export function functionQualname(f: Function): string {
  const own = f as { __qualname__?: unknown };
  if (Object.hasOwn(f, "__qualname__") && typeof own.__qualname__ === "string") return own.__qualname__;
  const info = functionInfo(f);
  if (info !== undefined) return info.qualname;
  const parts = boundParts(f);
  if (parts !== undefined) return methodQualname(parts.method, parts.owner);
  return pythonName(f.name, false) ?? f.name;
}

function methodQualname(method: AnyFn, owner: Function | null): string {
  // (a decorated def: the qualname of what its decorators returned, `functools.wraps` copies the def's)
  const decorated = (method as { [DECORATED_METHOD]?: unknown })[DECORATED_METHOD];
  if (typeof decorated === "function") return functionQualname(decorated);
  // (a function the runtime made and named, a class's `__init__` that is its constructor)
  const own = Object.getOwnPropertyDescriptor(method, "__qualname__")?.value as unknown;
  if (typeof own === "string") return own;
  const info = functionInfo(method);
  if (info !== undefined) return info.qualname;
  const name = pythonName(method.name, false) ?? method.name;
  return owner !== null ? `${ownerName(owner)}.${name}` : name;
}

/** `__name__`: the last part of the qualified name. */
export function functionName(f: Function): string {
  const own = f as { __name__?: unknown };
  if (Object.hasOwn(f, "__name__") && typeof own.__name__ === "string") return own.__name__;
  const parts = boundParts(f);
  if (parts !== undefined) return functionName(parts.method);
  const info = functionInfo(f);
  if (info === undefined) return pythonName(f.name, false) ?? f.name;
  const dotted = info.qualname.replace(/<locals>\./g, "");
  return dotted.slice(dotted.lastIndexOf(".") + 1);
}

/** `<function f at 0x...>` / `<bound method A.m of <...>>`. */
export function functionRepr(f: Function, repr: (x: unknown) => string, address: string): string {
  const parts = boundParts(f);
  if (parts !== undefined) return `<bound method ${methodQualname(parts.method, parts.owner)} of ${repr(parts.self)}>`;
  return `<function ${functionQualname(f) || "<lambda>"} at ${address}>`;
}

/** A closure cell (`f.__closure__[0].cell_contents`). */
export class Cell {
  static pythonName = "cell";
  readonly #read: () => unknown;
  constructor(read: () => unknown) {
    this.#read = read;
  }
  get cell_contents(): unknown {
    return this.#read();
  }
}

export { CodeObject } from "./code-objects.js";

const NOT_FOUND = Symbol("not found");

/** The module each function of a program's module was defined in (set when the module's body has run). */
const functionModules = new WeakMap<Function, string>();

/** `f.__module__` for a module-level function, or for the methods of a module-level class. */
export function setFunctionModule(f: Function, module: string): void {
  if (!functionModules.has(f)) functionModules.set(f, module);
}

/**
 * Attributes Python computes for a function (not a class): `__name__`, `__qualname__`,
 * `__doc__`, `__module__`, `__defaults__`, `__kwdefaults__`, `__closure__`, `__code__`,
 * `__dict__`, and a bound method's `__self__` / `__func__`. NOT_FOUND for other names.
 */
export function functionAttribute(f: Function, name: string): unknown {
  const parts = boundParts(f);
  if (parts !== undefined) {
    if (name === "__self__") return parts.self;
    // (a built-in type's slot or method bound to a value, `obj.__init__`, wraps no Python function)
    if (name === "__func__" && objectMethodKind(f) !== undefined) throw new AttributeError(`'${objectMethodKind(f)}' object has no attribute '__func__'`);
    if (name === "__func__") return parts.owner !== null ? plainMethod(parts.method, parts.owner) : parts.method;
    // (a bound slot of object's, `obj.__init__`, names itself)
    if ((name === "__name__" || name === "__qualname__") && Object.hasOwn(f, name)) return (f as unknown as Record<string, unknown>)[name];
    if (name === "__name__" || name === "__qualname__" || name === "__doc__" || name === "__module__" || name === "__defaults__" || name === "__kwdefaults__" || name === "__closure__" || name === "__code__") {
      const target = parts.owner !== null ? plainMethod(parts.method, parts.owner) : parts.method;
      return functionAttribute(target, name);
    }
    if (name === "__annotations__" && Object.hasOwn(parts.method, name)) return (parts.method as unknown as Record<string, unknown>)[name];
    // (a bound method passes the read on to its function, which binds anew; a built-in method,
    // `[].append`, and object's bound slots, `obj.__init__`, have none)
    // (other attributes are the function's: `a.m.calls` after `A.m.calls = 0`)
    if (!isBuiltinFunction(f) && !name.startsWith("__")) {
      const target = parts.owner !== null ? plainMethod(parts.method, parts.owner) : parts.method;
      const key = functionKey(name);
      if (Object.hasOwn(target, key)) return (target as unknown as Record<string, unknown>)[key];
    }
    if (name === "__get__") {
      if (isBuiltinFunction(f) || objectMethodKind(f) !== undefined) return NOT_FOUND;
      return descriptorGet(parts.owner !== null ? plainMethod(parts.method, parts.owner) : parts.method, false, false);
    }
  }
  if (Object.hasOwn(f, name) && name.startsWith("__")) return (f as unknown as Record<string, unknown>)[name];
  const origin = plainOrigins.get(f);
  if (origin !== undefined && Object.hasOwn(origin, name) && /^__\w+__$/.test(name) && Object.getOwnPropertyDescriptor(origin, name)?.enumerable) {
    return (origin as unknown as Record<string, unknown>)[name];
  }
  const info = functionInfo(f);
  // (a built-in type's method is marked as its descriptor on the first read that needs it)
  if (isBuiltinFunction(f)) markPendingDescriptors();
  const descriptor = Object.hasOwn(f, "__objclass__");
  if (name === "__get__") return descriptorGet(f, isBuiltinFunction(f), descriptor);
  switch (name) {
    case "__name__":
      return functionName(f);
    case "__qualname__":
      return (isBuiltinFunction(f) ? builtinMethodQualname(f, functionName(f)) : undefined) ?? functionQualname(f);
    case "__module__":
      // (a method descriptor has none; a built-in function: its module, `builtins` for len; a built-in method: None)
      if (descriptor) throw new AttributeError(`'${typeName(f)}' object has no attribute '__module__'`);
      if (isBuiltinFunction(f)) return Object.hasOwn(f, BUILTIN_SELF) ? null : (functionModules.get(f) ?? "builtins");
      return functionModules.get(f) ?? "__main__";
    case "__doc__":
      if (info === undefined && isBuiltinFunction(f) && (descriptor || Object.hasOwn(f, BUILTIN_SELF))) return builtinMethodDoc(f, functionName(f)) ?? null;
      if (info === undefined && isBuiltinFunction(f) && !Object.hasOwn(f, BUILTIN_SELF) && (functionModules.get(f) ?? "builtins") === "builtins") return builtinFunctionDocText(functionName(f)) ?? null;
      return info?.doc ?? null;
    case "__defaults__": {
      const defaults = info?.defaults;
      return defaults !== undefined && defaults.length ? Tuple.from(defaults) : null;
    }
    case "__kwdefaults__": {
      const kwdefaults = info?.kwdefaults;
      return kwdefaults !== undefined && Object.keys(kwdefaults).length ? new Dict(Object.entries(kwdefaults)) : null;
    }
    case "__closure__":
      return info?.closure?.length ? Tuple.from(info.closure.map((read) => new Cell(read))) : null;
    case "__code__":
      return codeOf(functionName(f), functionQualname(f), info, functionModules.get(f));
    case "__dict__":
      return functionDict(f);
    case "__annotations__":
      return new Dict();
  }
  return NOT_FOUND;
}
export { NOT_FOUND as NO_FUNCTION_ATTRIBUTE };

/**
 * `f.__get__(obj, type)`: a def or lambda (and a built-in type's method descriptor, `str.upper`)
 * is a descriptor: through an instance it gives a bound method, through None the function
 * itself. Built-in functions (`len`) have none: NOT_FOUND.
 */
function descriptorGet(f: Function, builtin: boolean, methodDescriptor: boolean): unknown {
  if (builtin && !methodDescriptor) return NOT_FOUND;
  const get = (...args: unknown[]): unknown => {
    if (args.length < 1 || args.length > 2) throw new PyTypeError(args.length < 1 ? " expected at least 1 argument, got 0" : `expected at most 2 arguments, got ${args.length}`);
    const [obj, owner = null] = args;
    if (obj === null || obj === undefined) {
      if (owner === null) throw new PyTypeError("__get__(None, None) is invalid");
      return f;
    }
    if (!methodDescriptor) return bindFunction(obj, f as AnyFn);
    const method = f as AnyFn;
    return builtinMethod((...rest: unknown[]) => method(obj, ...rest), functionName(f), obj, f);
  };
  return methodWrapper(f, "__get__", get);
}

/** A function's `__dict__`: the attributes the program set on it. */
function functionDict(f: Function): Dict {
  const d = new Dict();
  for (const key of Object.keys(f)) {
    // A def's hints live in their own slot in CPython, not in `__dict__`.
    if (key === "__annotations__") continue;
    const name = pythonName(key, true);
    if (name !== null) d.set(name, (f as unknown as Record<string, unknown>)[key]);
  }
  return d;
}

/** Store a Python attribute on a function (`f.calls = 0`, `f.name = "x"`). */
export function setFunctionAttribute(f: Function, name: string, value: unknown): void {
  if (writeDefaults(f, name, value)) return;
  const info = functionInfo(f);
  if (name === "__doc__" && info !== undefined) {
    info.doc = value as string | null;
    return;
  }
  if (name === "__name__" || name === "__qualname__" || name === "__doc__" || name === "__module__") {
    Object.defineProperty(f, name, { value, writable: true, configurable: true, enumerable: false });
    return;
  }
  (f as unknown as Record<string, unknown>)[functionKey(name)] = value;
}

/** `__radd__ = __add__` in a class body: the method stored under a second name. */
export function aliasMethod(cls: { prototype: object }, key: string, source: string): void {
  const method = (cls.prototype as Record<string, unknown>)[source];
  Object.defineProperty(cls.prototype, key, { value: method, writable: true, configurable: true, enumerable: false });
  // (the body's later statements read the alias as the function the source name holds there)
  const sourceKey = functionKey(pythonName(source, false) ?? source);
  const value = bodyValueOf(cls, sourceKey) ?? (typeof method === "function" ? plainMethod(method as AnyFn, cls as unknown as Function) : undefined);
  recordBodyValue(cls, functionKey(pythonName(key, false) ?? key), value);
}
