// Multiple inheritance. A JS class extends one class, so a Python class with several bases
// extends its first base and `inheritFrom` (run in its static block) records the C3
// method resolution order, copies onto the class the members whose MRO owner the JS
// prototype chain would miss, and makes `instanceof` see the other bases. `superOf` is
// cooperative `super()`: the class after the defining one in `type(self).__mro__`.
import { AttributeError, PyTypeError, RuntimeError } from "../values/exceptions.js";
import { isKwargs } from "../values/kwargs.js";
import { notePendingInit } from "../threads/waiting-calls.js";
import { noteNewResult } from "./new-result.js";
import { functionInfo } from "./function-info.js";
import { invokeMethod, plainMethod } from "./functions.js";
import { className, classSource, isClass, moduleName, typeName } from "../values/typename.js";
import { TYPE_REPR } from "../values/repr.js";
import { isMetaclass, metaclassOf, typeHooks } from "./type-base.js";
import { newBuiltinInstance, PYTHON_TYPE } from "../values/wrapped.js";
import { callTableMethod, methodTable } from "../values/methods.js";
import { typeDunder } from "../values/type-dunders.js";
import { pythonFaceOf, typeOf } from "../values/builtin-types.js";
import { attributeHooks, needsAttributeHooks, objectDelattr, objectGetattribute, objectSetattr } from "./attribute-hooks.js";

/** Own property of a class with several bases: its MRO (without `object`). */
export const MRO_KEY = Symbol.for("pyts.mro");
/** Own property of a class with several bases: its Python bases, in order. */
export const BASES_KEY = Symbol.for("pyts.bases");
/** The MRO Python shows (`__mro__`, without `object`) of a runtime class whose JS chain differs. */
export const SHOWN_MRO_KEY = Symbol.for("pyts.shownMro");

/**
 * A runtime class built on one JS superclass that stands for several Python bases (IntEnum is
 * `(int, ReprEnum)`, collections.abc.Mapping is Collection's C3 merge): what `__mro__`,
 * `__bases__` and `mro()` show. Its subclasses' chains end with it.
 */
export function showMro(cls: Function, mro: readonly unknown[], bases?: readonly unknown[]): void {
  Object.defineProperty(cls, SHOWN_MRO_KEY, { value: [cls, ...mro.filter((c) => c !== cls)], configurable: true });
  if (bases !== undefined) Object.defineProperty(cls, BASES_KEY, { value: [...bases], configurable: true });
}

type AnyClass = Function & { prototype: any; [key: symbol]: any };

/** C3 merge of `sequences`: the order, or the heads it got stuck on. */
export function c3Merge<T>(sequences: readonly (readonly T[])[]): { order: T[] } | { stuck: T[] } {
  const pending = sequences.filter((s) => s.length > 0).map((s) => [...s]);
  const out: T[] = [];
  while (pending.length) {
    // The first head that appears in no other sequence's tail comes next.
    const source = pending.find((s) => !pending.some((other) => other.indexOf(s[0]!) > 0));
    if (!source) return { stuck: [...new Set(pending.map((s) => s[0]!))] };
    const head = source[0]!;
    out.push(head);
    for (const s of pending) if (s[0] === head) s.shift();
    for (let i = pending.length - 1; i >= 0; i--) if (pending[i]!.length === 0) pending.splice(i, 1);
  }
  return { order: out };
}

/** C3 linearisation of a class with `bases`, given each base's own linearisation. */
export function c3Linearize<T>(cls: T, bases: readonly T[], mroOf: (base: T) => readonly T[]): { order: T[] } | { stuck: T[] } {
  const merged = c3Merge([...bases.map(mroOf), bases]);
  return "order" in merged ? { order: [cls, ...merged.order] } : merged;
}

/** Where a class's JS superclass chain stops being Python classes. */
function isChainEnd(c: unknown): boolean {
  return typeof c !== "function" || c === Function.prototype || c === Object || c === Error;
}

/** A class's MRO without the final `object`: stored for multiple bases, else its JS chain. */
export function mroOf(cls: AnyClass): AnyClass[] {
  const out: AnyClass[] = [];
  for (let c: any = cls; !isChainEnd(c); c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, MRO_KEY)) return [...out, ...(c[MRO_KEY] as AnyClass[])];
    out.push(c);
  }
  return out;
}

/**
 * Own property of a class with several bases: the members `inheritFrom` copied onto it and its
 * prototype (by object, then key), which are no part of its own namespace (`__dict__`).
 */
const INHERITED_COPIES = Symbol.for("pyts.inheritedCopies");

/** Is `target[key]` (a class or its prototype) still what `inheritFrom` copied from a base? */
export function isInheritedCopy(cls: object, target: object, key: PropertyKey): boolean {
  const copies = (cls as { [INHERITED_COPIES]?: Map<object, Map<PropertyKey, PropertyDescriptor>> })[INHERITED_COPIES];
  if (copies === undefined || !Object.hasOwn(cls, INHERITED_COPIES)) return false;
  const copied = copies.get(target)?.get(key);
  const d = Object.getOwnPropertyDescriptor(target, key);
  return copied !== undefined && d !== undefined && d.value === copied.value && d.get === copied.get && d.set === copied.set;
}

/** Class statics that describe the class itself rather than being inherited attributes. */
const OWN_STATICS = new Set<PropertyKey>(["length", "name", "prototype", "pythonName", "__doc__", "__name__", "__qualname__", "__module__", "__annotations__", "__pytype__", MRO_KEY, BASES_KEY, SHOWN_MRO_KEY, PYTHON_TYPE, Symbol.hasInstance]);

/** The first class in `mro` owning `key` on `side` of it (the prototype or the class). */
function owners(mro: AnyClass[], side: (c: AnyClass) => object, skip: Set<PropertyKey>): Map<PropertyKey, AnyClass> {
  const found = new Map<PropertyKey, AnyClass>();
  for (const c of mro) {
    for (const key of Reflect.ownKeys(side(c))) if (!skip.has(key) && !found.has(key)) found.set(key, c);
  }
  return found;
}

/** `instanceof` for a class that some class has as a non-first base. */
function mroInstanceCheck(this: AnyClass, x: unknown): boolean {
  if (Function.prototype[Symbol.hasInstance].call(this, x)) return true;
  if (x === null || (typeof x !== "object" && typeof x !== "function")) return false;
  // issubclass(D, C) asks `D.prototype instanceof C`: a prototype stands for its class.
  const isPrototype = Object.hasOwn(x, "constructor") && (x as { constructor: AnyClass }).constructor.prototype === x;
  const type = isPrototype ? (x as { constructor: AnyClass }).constructor : Object.getPrototypeOf(x)?.constructor;
  if (typeof type !== "function") return false;
  const mro = mroOf(type);
  return (isPrototype ? mro.slice(1) : mro).includes(this);
}

/** Static block of `class D(B, C)`: `inheritFrom(this, [B, C])`. */
export function inheritFrom(cls: any, bases: any[]): void {
  // (null: the JS superclass, a runtime base made for the class: `class Color(Mixin, str, Enum)`)
  bases = bases.map((b) => b ?? Object.getPrototypeOf(cls));
  bases.forEach((b, i) => {
    if (bases.indexOf(b) !== i) throw new PyTypeError(`duplicate base class ${className(b)}`);
  });
  const linear = c3Linearize(cls, bases, mroOf);
  if ("stuck" in linear) {
    // CPython names the heads the merge could not order (its message has this line break).
    throw new PyTypeError(`Cannot create a consistent method resolution\norder (MRO) for bases ${linear.stuck.map((b) => className(b)).join(", ")}`);
  }
  const mro = linear.order;
  Object.defineProperty(cls, MRO_KEY, { value: mro });
  Object.defineProperty(cls, BASES_KEY, { value: bases });
  // Methods and accessors: the MRO's first owner wins, wherever the JS chain would look.
  const copies = new Map<object, Map<PropertyKey, PropertyDescriptor>>([[cls, new Map()], [cls.prototype, new Map()]]);
  const copy = (target: object, key: PropertyKey, d: PropertyDescriptor): void => {
    Object.defineProperty(target, key, d);
    copies.get(target)!.set(key, d);
  };
  Object.defineProperty(cls, INHERITED_COPIES, { value: copies });
  for (const [key, owner] of owners(mro, (c) => c.prototype, new Set(["constructor"]))) {
    if (owner !== cls) copy(cls.prototype, key, Object.getOwnPropertyDescriptor(owner.prototype, key)!);
  }
  // Class attributes: read through to their owner until the class assigns its own.
  for (const [key, owner] of owners(mro, (c) => c, OWN_STATICS)) {
    if (owner === cls) continue;
    const d = Object.getOwnPropertyDescriptor(owner, key)!;
    if (d.get || d.set || typeof d.value === "function") {
      copy(cls, key, d);
      continue;
    }
    copy(cls, key, {
      configurable: true,
      get: () => (owner as any)[key],
      set(value: unknown) {
        Object.defineProperty(cls, key, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }
  for (const c of mro.slice(1)) {
    if (!(cls.prototype instanceof c) && !Object.hasOwn(c, Symbol.hasInstance)) {
      Object.defineProperty(c, Symbol.hasInstance, { value: mroInstanceCheck, configurable: true });
    }
  }
}

/** Arguments other than an empty trailing `kw({})`? */
function hasArguments(args: readonly unknown[]): boolean {
  if (args.length === 0) return false;
  const last = args[args.length - 1];
  return args.length > 1 || !isKwargs(last) || Object.keys(last.values).length > 0;
}

/** The constructor of a root class whose `__init__` is a method: it runs `__init__`. */
export function initInstance(self: any, args: unknown[]): void {
  const init = self.__init__;
  if (typeof init === "function") {
    notePendingInit(self, initReturned(init.apply(self, args)));
    return;
  }
  if (hasArguments(args)) throw new PyTypeError(`${className(Object.getPrototypeOf(self).constructor)}() takes no arguments`);
}

/** What the `__init__` a class call ran returned: CPython's TypeError unless None (or a waiting `__init__`'s promise). */
function initReturned(result: unknown): unknown {
  if (result !== null && result !== undefined && !(result instanceof Promise)) throw new PyTypeError(`__init__() should return None, not '${typeName(result)}'`);
  return result;
}

/**
 * The root constructor in a module whose classes define `__new__`: `__new__` makes the
 * instance (it may return an existing one), then `__init__` runs if it is one of the class's.
 */
export function constructInstance(self: any, args: unknown[]): any {
  const cls = Object.getPrototypeOf(self).constructor;
  const make = cls.__new__;
  if (typeof make !== "function") {
    initInstance(self, args);
    return self;
  }
  const instance = make.apply(cls, args);
  if (instance instanceof cls && typeof instance.__init__ === "function") notePendingInit(instance, initReturned(instance.__init__(...args)));
  // A JS constructor cannot return `42` or `None`: `newResult` around the `new` hands it on.
  noteNewResult(instance);
  // (the constructor returns an object: a derived class's may return no other value)
  return (typeof instance === "object" && instance !== null) || typeof instance === "function" ? instance : self;
}

/** `object.__new__(cls)`: an instance of `cls` no constructor has run on. */
export function objectNew(cls: any, ...args: unknown[]): any {
  // `super().__new__(mcls, name, bases, ns)` in a metaclass reaches `type.__new__`.
  if (isMetaclass(cls)) return typeHooks.typeNew(cls, ...args);
  if (typeof cls !== "function") throw new PyTypeError(`object.__new__(X): X is not a type object (${typeof cls})`);
  // `super().__new__(cls, value)` in a subclass of str, int, tuple...: the base makes the value.
  const builtin = newBuiltinInstance(cls, args);
  if (builtin !== null && builtin !== undefined) return builtin;
  const instance = Object.create(cls.prototype) as object;
  // Slots and attribute hooks apply to it as to an instance the constructor made.
  return needsAttributeHooks(cls.prototype as object) ? attributeHooks(instance) : instance;
}

/**
 * `obj.__init__(...)` where no `__init__` method exists: a JS constructor in the class chain
 * (a class whose `__init__` became its constructor, a dataclass's, an exception's) runs on a
 * fresh instance whose attributes are copied over (what `__init__` sets; only identity-based
 * side effects differ); with none it is `object.__init__`.
 */
export function objectInitOf(obj: unknown, args: unknown[]): null {
  const cls = (Object.getPrototypeOf(obj) as { constructor?: unknown } | null)?.constructor;
  if (typeof cls === "function" && hasConstructor(cls)) {
    Object.assign(obj as object, Reflect.construct(cls, args) as object);
    return null;
  }
  return objectInitCheck(obj, args);
}

/**
 * `Cls.__init__` for a class whose `__init__` is its JS constructor (a class run by
 * constructors, a dataclass, an exception class, a runtime class): as `objectInitOf`, the
 * constructor runs on a fresh instance whose attributes are copied onto `self`.
 */
export function classInitOf(cls: Function): ((self: unknown, ...args: unknown[]) => null) | undefined {
  // (no constructor anywhere in the chain but abc.ABC's, which only checks abstract methods: `object.__init__`)
  if (!hasConstructor(cls, true)) return undefined;
  const init = (self: unknown, ...args: unknown[]): null => {
    if (!(self instanceof (cls as AnyClass))) throw new PyTypeError(`descriptor '__init__' requires a '${className(cls)}' object but received a '${typeName(self)}'`);
    if (hasConstructor(cls)) {
      Object.assign(self as object, Reflect.construct(cls, args) as object);
      return null;
    }
    return objectInitCheck(self, args);
  };
  // (the def's record, when the class whose constructor runs has one: its qualname and docstring)
  const recorded = constructorInitInfo(cls);
  Object.defineProperty(init, "__name__", { value: "__init__" });
  Object.defineProperty(init, "__qualname__", { value: recorded?.qualname ?? `${className(cls)}.__init__` });
  if (recorded?.doc !== undefined) Object.defineProperty(init, "__doc__", { value: recorded.doc });
  return init;
}

/** `cls.__init__` when it is a def of the program's that became `cls`'s JS constructor (`obj.__init__` binds it), else undefined. */
export function constructorInitOf(cls: Function): ((self: unknown, ...args: unknown[]) => null) | undefined {
  for (let c: unknown = cls; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, INIT_INFO)) return classInitOf(cls);
    if (!/^class[^{]*\{[\s\S]*?\bconstructor\s*\(/.test(classSource(c))) continue;
    // (the nearest constructor: a class statement's of the program, not a runtime class's)
    return Object.hasOwn(c, PROGRAM_CLASS) || moduleName(c as Function) === "__main__" ? classInitOf(cls) : undefined;
  }
  return undefined;
}

/** Own mark of a class a program's class statement made (class-subscript.ts). */
const PROGRAM_CLASS = Symbol.for("pyts.programClass");

/** What pyMethods recorded (functions.ts's INIT_INFO) of the `__init__` that is `cls`'s nearest JS constructor. */
function constructorInitInfo(cls: Function): { qualname?: string; doc?: string } | undefined {
  for (let c: unknown = cls; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, INIT_INFO)) return (c as unknown as Record<symbol, { qualname?: string; doc?: string }>)[INIT_INFO];
    if (/^class[^{]*\{[\s\S]*?\bconstructor\s*\(/.test(classSource(c))) return undefined;
  }
  return undefined;
}
const INIT_INFO = Symbol.for("pyts.init");

function hasConstructor(cls: Function, skipABC = false): boolean {
  for (let c: unknown = cls; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (skipABC && Object.hasOwn(c, "__module__") && (c as { __module__?: unknown }).__module__ === "abc") continue;
    if (/^class[^{]*\{[\s\S]*?\bconstructor\s*\(/.test(classSource(c))) return true;
  }
  return false;
}

function objectInitCheck(obj: unknown, args: unknown[]): null {
  if (hasArguments(args)) throw new PyTypeError(`${typeName(obj)}.__init__() takes exactly one argument (the instance to initialize)`);
  return null;
}

function objectInit(...args: unknown[]): null {
  if (hasArguments(args)) throw new PyTypeError("object.__init__() takes exactly one argument (the instance to initialize)");
  return null;
}

const OBJECT_HOOKS: Record<string, (obj: unknown, name: string, value?: unknown) => unknown> = {
  __getattribute__: objectGetattribute,
  __setattr__: (obj, name, value) => objectSetattr(obj, name, value),
  __delattr__: objectDelattr,
};

/** The class of super objects: `type(super())` is `super`; called as a value, `super(T, obj)`. */
export class SuperType {
  static readonly pythonName = "super";
  constructor(...args: unknown[]) {
    // (the zero-argument form needs the method's class, which only the compiler knows)
    if (args.length === 0) throw new RuntimeError("super(): __class__ cell not found");
    if (args.length === 1) return unboundSuper(args[0]) as SuperType;
    if (args.length > 2) throw new PyTypeError(`super() takes at most 2 arguments (${args.length} given)`);
    return superOf(args[0], args[1]) as SuperType;
  }

  /** `<super: <class 'B'>, <B object>>`, `<super: <class 'B'>, NULL>` for an unbound one. */
  [TYPE_REPR](): string {
    const parts = this as unknown as { __thisclass__: Function; __self_class__: Function | null };
    const selfClass = parts.__self_class__;
    return `<super: <class '${className(parts.__thisclass__)}'>, ${selfClass === null ? "NULL" : `<${className(selfClass)} object>`}>`;
  }
}

/**
 * `super()` in a method of `cls`: attributes of the classes after `cls` in `type(self)`'s
 * MRO, bound to `self` (in a classmethod `self` is the class).
 */
export function superOf(cls: any, self?: any): any {
  if (cls === null || cls === undefined) throw new RuntimeError("super(): no arguments");
  if (typeof cls !== "function") throw new PyTypeError(`super() argument 1 must be a type, not ${typeName(cls)}`);
  if (self === undefined) return unboundSuper(cls);
  const related = typeof self === "function" ? self === cls || self.prototype instanceof cls || self instanceof cls : self instanceof cls;
  if (!related) throw new PyTypeError("super(type, obj): obj must be an instance or subtype of type");
  // In a classmethod `self` is a class; in a metaclass's method it is an instance (a class too).
  // (a callable instance, a `partial` subclass's, is a function too: an instance all the same)
  const callableInstance = typeof self === "function" && !isMetaclass(cls) && self instanceof cls;
  const onClass = typeof self === "function" && !isMetaclass(cls) && !callableInstance;
  const type: AnyClass = onClass ? self : typeof self === "function" && !callableInstance ? metaclassOf(self)! : Object.getPrototypeOf(self).constructor;
  const mro = mroOf(type);
  const rest = mro.slice(mro.indexOf(cls) + 1);
  return new Proxy(
    Object.create(SuperType.prototype) as object,
    {
      get(_target, key) {
        // The super object's own attributes (`super(C, obj).__thisclass__` is C).
        if (key === "__thisclass__") return cls;
        if (key === "__self__") return self;
        if (key === "__self_class__") return type;
        if (key === "__class__") return SuperType;
        for (const c of rest) {
          const d = Object.getOwnPropertyDescriptor(onClass ? c : c.prototype, key);
          // (`super(C, C).method`: a method of the instances read through the class, the plain function)
          if (d === undefined && onClass && key !== "constructor" && typeof c.prototype === "object") {
            const method = Object.getOwnPropertyDescriptor(c.prototype, key)?.value as unknown;
            if (typeof method === "function" && !isClass(method)) return plainMethod(method as (...a: unknown[]) => unknown, c);
          }
          if (d) {
            if (d.get) return d.get.call(self);
            if (typeof d.value !== "function") return d.value;
            // (a method of the program's, bound to `self`, checks its arguments as CPython binds them)
            const method = d.value as (...a: unknown[]) => unknown;
            return functionInfo(method)?.method === true ? (...args: unknown[]) => invokeMethod(method, [self, ...args]) : method.bind(self);
          }
          // The runtime base of `class Ring(list)`: the built-in type's own methods, not JS's.
          if (!onClass && Object.hasOwn(c, PYTHON_TYPE)) {
            const table = methodTable(self);
            if (table !== undefined && typeof key === "string" && Object.hasOwn(table, key)) return (...args: unknown[]) => callTableMethod(table, self, key, args);
            break;
          }
        }
        // `super().__setitem__(k, v)` in a subclass of a runtime class (`class LRU(OrderedDict)`):
        // its built-in base type's dunder (dict's), which the runtime keeps off the prototypes
        if (!onClass && typeof key === "string" && key.startsWith("__") && key !== "__init__") {
          // (a runtime base's JS member first, `partial.__call__`, as JS's `super.name` finds it)
          const base = Object.getPrototypeOf(cls.prototype) as object | null;
          const member = base === null ? undefined : (Reflect.get(base, key, self) as unknown);
          if (typeof member === "function") return (member as (...a: unknown[]) => unknown).bind(self);
          // (then object's, `super().__str__()`)
          for (const c of [...rest, typeOf({})]) {
            const dunder = typeDunder(pythonFaceOf(c) as Function, key);
            if (typeof dunder === "function") return (...args: unknown[]) => (dunder as (...a: unknown[]) => unknown)(self, ...args);
          }
        }
        if (key === "__init__") return objectInit;
        // `super(T, obj).__getattribute__(name)` and the other hooks every class has from `object`.
        const hook = !onClass && typeof key === "string" && Object.hasOwn(OBJECT_HOOKS, key) ? OBJECT_HOOKS[key] : undefined;
        if (hook !== undefined) return (...args: unknown[]) => hook(self, ...(args as [string, unknown]));
        throw new AttributeError(`'super' object has no attribute '${String(key)}'`);
      },
      // (`name in s` for callMethod: what `get` would find, without running a getter)
      has(_target, key) {
        if (key === "__thisclass__" || key === "__self__" || key === "__self_class__" || key === "__class__") return true;
        for (const c of rest) {
          if (Object.getOwnPropertyDescriptor(onClass ? c : c.prototype, key) !== undefined) return true;
          if (!onClass && Object.hasOwn(c, PYTHON_TYPE)) {
            const table = methodTable(self);
            return table !== undefined && typeof key === "string" && Object.hasOwn(table, key);
          }
        }
        return key === "__init__" || (!onClass && typeof key === "string" && Object.hasOwn(OBJECT_HOOKS, key));
      },
    },
  );
}

/**
 * `super(T)`: an unbound super object, which binds through its `__get__` (`super(T).__get__(obj)`
 * is `super(T, obj)`; a class attribute holding one binds on instance reads, as CPython's does).
 */
function unboundSuper(cls: unknown): object {
  if (typeof cls !== "function") throw new PyTypeError(`super() argument 1 must be a type, not ${typeName(cls)}`);
  const unbound = Object.create(SuperType.prototype) as object;
  Object.defineProperties(unbound, {
    __thisclass__: { value: cls },
    __self__: { value: null },
    __self_class__: { value: null },
    __get__: {
      value: (obj: unknown = null, _owner: unknown = null): unknown => (obj === null || obj === undefined ? unbound : superOf(cls, obj)),
    },
  });
  return unbound;
}

/**
 * `class Square(Shape)` where TypeScript cannot type `Shape` (a class imported from another
 * module of the program, one `type(...)` made): the base as a constructor taking any
 * arguments, so `new Square("sq", 4)` type-checks (a class extending `any` gets a
 * constructor of no parameters). The value is the base itself.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function untypedBase(base: unknown): new (...args: any[]) => any {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return base as new (...args: any[]) => any;
}

/**
 * The base of an enumeration whose JS superclass is its data type (`class Pair(tuple, Enum)`
 * extends the tuple base): typed as iterable too, as the class is (`for p in Pair`).
 */
export function iterableBase<C>(base: C): C & Iterable<any> {
  return base as C & Iterable<any>;
}
