// Python attribute reads on runtime values: getattr's engine (bound methods of built-in
// values, __name__ of classes and functions, __getattr__ fallbacks).

import { isMemoryViewAttribute, MemoryView } from "./memoryview.js";
import { eqHidesHash } from "./hashing.js";
import { isWrapped, unwrap } from "./wrapped.js";
import { callTableMethod, tableMethodEntry, isPythonMember, methodTable, objectAttributeSlot, missingAttribute, subclassAccessor, subclassMethod, tableTypeName, typeLevelMethod } from "./methods.js";
import { bool, int, pythonFaceOf, typeOf } from "./builtin-types.js";
import { builtinMethod, classMethodFor } from "./builtin-type.js";
import { className, isClass, typeName, OBJECT_METHOD_NAME, OBJECT_METHOD_SLOT, qualName, moduleName } from "./typename.js";
import { markPendingDescriptors } from "./descriptor-marks.js";
import { Dict } from "./dict.js";
import { builtinTypeDict, classDict, InstanceDict } from "./namespaces.js";
import { hasNoDict } from "../lang/attribute-hooks.js";
import { builtinDataDescriptor, MemberDescriptor, methodDescriptor } from "./data-descriptors.js";
import { classAnnotations, subclassesOf } from "../lang/class-creation.js";
import { Tuple } from "./tuple.js";
import { builtinTypeDefines, builtinTypeDoc, DESCRIPTOR_KIND, objectClassMethod, typeDictEntries, typeDunder, valueTypeDunder } from "./type-dunders.js";
import { classInitOf, constructorInitOf } from "../lang/mro.js";
import { callValue } from "../modules/pycall.js";
import { inClassOrMetaclass, metaclassOf } from "../lang/type-base.js";
import { attrKey, objectKey, pythonName } from "../lang/attr-names.js";
import { boundParts } from "../lang/bound-parts.js";
import { bindFunction, boundMethod, methodWrapper, CLASS_METHOD, functionAttribute, NO_FUNCTION_ATTRIBUTE, plainMethod, STATIC_METHOD } from "../lang/functions.js";
import { AttributeError, BaseException, isJsErrorMember } from "./exceptions.js";
import { bindFoundMethod, cMethodTpName, isCClassMethod } from "./method-binding.js";
import { isPythonVisible, lacksInstanceDict, listedNames } from "./python-names.js";
import { classDataDescriptor } from "./class-data.js";
import { runtimeClassDict } from "./runtime-class-dicts.js";

/** Keys runtime/lang/mro.ts stores on a class with several bases (shared by Symbol.for). */
const MRO_KEY = Symbol.for("pyts.mro");
const BASES_KEY = Symbol.for("pyts.bases");
const SHOWN_MRO_KEY = Symbol.for("pyts.shownMro");
/** Own property of a runtime base that stands for several Python bases: those (enum-mixed.ts). */
const STANDS_FOR_KEY = Symbol.for("pyts.standsFor");
/** Static of runtime base classes: the built-in type they stand for (runtime/lang/value-subclasses.ts). */
const PYTHON_TYPE = Symbol.for("pyts.pythonType");
/** Marks the prototypes of C descriptor types (getset and member descriptors, property, classmethod, staticmethod). */
const SLOT_DESCRIPTOR = Symbol.for("pyts.slotDescriptor");
/** On an accessor getter standing for a method (unittest's TestCase.assertEqual): the method's function. */
export const METHOD_ACCESSOR = Symbol.for("pyts.methodAccessor");

const NUMBER_DATA = new Set(["real", "imag", "numerator", "denominator"]);

/**
 * An AttributeError (or a subclass's) leaving an attribute lookup without `name` gets the
 * name and the object looked up on, as CPython's lookups fill them in.
 */
export function withAttributeContext(error: unknown, obj: unknown, name: string): unknown {
  if (error instanceof AttributeError && (error as { name: unknown }).name === null) {
    (error as { name: unknown }).name = name;
    error.obj = obj;
  }
  return error;
}

/** Python's `obj.name`, raising AttributeError like CPython. */
export function getattrImpl(obj: unknown, name: string): any {
  if (name === "__class__") return typeOf(obj);
  // (`str.upper.__objclass__`: a mark made on first need)
  if (typeof obj === "function") markPendingDescriptors();
  const table = methodTable(obj);
  const override = table !== undefined ? subclassMethod(obj, objectKey(name)) : undefined;
  // (a runtime subclass's own JS methods, a Counter's `merge`, are no Python attributes)
  if (override !== undefined && isPythonVisible(obj as object, objectKey(name), name)) return bindFoundMethod(obj as object, override, name, ownerOf(obj as object, objectKey(name)));
  // (a subclass's property of the method's name, a named tuple's field `count`, hides the method)
  if (table !== undefined && Object.hasOwn(table, name) && !subclassAccessor(obj, objectKey(name))) {
    const m = table[name] as (self: unknown, ...a: unknown[]) => unknown;
    // (its errors name the value's own type, `bool.bit_length()`, as a bound method's do)
    const shownType = typeName(obj);
    return builtinMethod((...args: unknown[]) => callTableMethod(table, obj, name, args, shownType), name, obj, m, tableMethodEntry(table, obj, name, shownType));
  }
  if (table !== undefined) {
    const typeLevel = typeLevelMethod(obj, name);
    if (typeLevel !== undefined) return typeLevel;
    // `[1, 2].__len__`: the type's dunder, bound to the value.
    const dunder = valueTypeDunder(typeOf(obj), tableTypeName(obj), name);
    if (typeof dunder === "function") return objectMethod(obj, dunder as (...a: unknown[]) => unknown, name);
    if (dunder === null) return null;
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
  // `IntSub(3).real`, `P.LOW.numerator`: the number's data attributes, as plain numbers.
  if (isWrapped(obj) && NUMBER_DATA.has(name) && typeof unwrap(obj) !== "string" && !(name in obj)) return getattrImpl(unwrap(obj), name);
  if (typeof obj === "function" && !isClass(obj)) {
    const value = functionAttribute(obj, name);
    if (value !== NO_FUNCTION_ATTRIBUTE) return value;
  }
  if (typeof obj === "function") {
    if (isClass(obj) && (name === "__mro__" || name === "__bases__")) {
      const chain = classChain(obj);
      const bases = (obj as { [BASES_KEY]?: unknown[] })[BASES_KEY];
      // (a runtime base standing for several, `class Color(str, Enum)`'s, shows them)
      const standsFor = (c: unknown): unknown[] => (typeof c === "function" && Object.hasOwn(c, STANDS_FOR_KEY) ? (c as unknown as { [STANDS_FOR_KEY]: unknown[] })[STANDS_FOR_KEY] : [c]);
      if (name === "__bases__" && Object.hasOwn(obj, BASES_KEY) && bases) return Tuple.from(bases.flatMap(standsFor));
      if (name === "__bases__" && Object.hasOwn(Object.getPrototypeOf(obj) as object, STANDS_FOR_KEY)) return Tuple.from(standsFor(Object.getPrototypeOf(obj)));
      // (a runtime class shows the object Python code names: `dict`, the module's callable face)
      return name === "__mro__" ? Tuple.from(chain.map(pythonFaceOf)) : Tuple.from(chain.length > 1 ? [pythonFaceOf(chain[1])] : []);
    }
    if (isClass(obj) && name === "__dict__") {
      const builtin = builtinTypeDict(obj) ?? runtimeClassDict(obj);
      if (builtin !== undefined) return builtin;
      if (!Object.hasOwn(obj, "__pytype__")) return classDict(obj, moduleName(obj), classChain(obj).length === 2);
    }
    // `B.__base__`: the first base (object's is None)
    if (isClass(obj) && name === "__base__" && !Object.hasOwn(obj, "__base__")) {
      const bases = getattrImpl(obj, "__bases__") as Tuple;
      return bases.items.length > 0 ? bases.items[0] : null;
    }
    if (isClass(obj) && name === "__subclasses__") return () => subclassesOf(obj);
    // `C.mro()`: the MRO as a list (a metaclass's own `mro` is found below first)
    if (isClass(obj) && name === "mro" && !("mro" in obj)) return builtinMethod((...of: unknown[]) => classChain(of.length === 1 && isClass(of[0]) ? of[0] : obj), "mro", obj);
    if (isClass(obj) && name === "__annotations__" && !Object.hasOwn(obj, "__pytype__") && !Object.hasOwn(obj, "pythonName")) return classAnnotations(obj);
    if (isClass(obj) && name === "__doc__") {
      if (Object.hasOwn(obj, "__doc__")) return (obj as { __doc__?: unknown }).__doc__;
      // (a built-in type without a docstring whose dict holds a `__doc__` getset, builtin_function_or_method's: that descriptor)
      const doc = builtinTypeDoc(obj) ?? (typeDictEntries(obj)?.some(([n, kind]) => n === "__doc__" && kind === "g") ? builtinDataDescriptor(obj, "__doc__", "g") : undefined);
      return doc ?? null;
    }
    if (name === "__name__") return className(obj);
    if (name === "__qualname__") return qualName(obj);
    if (name === "__module__") return moduleName(obj);
  }
  if (name === "__dict__" && obj !== null && typeof obj === "object" && !(name in obj)) {
    // (instances of built-in types, `range(3)` too, have no `__dict__`)
    if (hasNoDict(obj) || typeDictEntries(typeOf(obj)) !== undefined || lacksInstanceDict(obj)) throw missingAttribute(obj, name);
    return instanceDict(obj);
  }
  if (obj !== null && (typeof obj === "object" || typeof obj === "function")) {
    const target = obj as Record<string, unknown>;
    const key = attrKey(obj, name);
    // (a memoryview's Uint8Array names, `buffer`, `join`..., are no Python attributes)
    // (so are the runtime's JS members of built-in values, `[].push`, a Dict's `table`)
    // (and a runtime class's members CPython's class lacks, a deque's `items`: python-names.ts)
    const present = obj instanceof MemoryView ? isMemoryViewAttribute(key) && builtinTypeDefines(typeOf(obj), name) === true : table !== undefined ? isPythonMember(obj, key) && isPythonVisible(obj, key, name) : typeof obj === "function" ? inClassOrMetaclass(obj, key) && isPythonVisible(obj, key, name) : key in target && !(obj instanceof BaseException && isJsErrorMember(obj, key)) && isPythonVisible(obj, key, name);
    const value = present ? target[key] : undefined;
    // (a class attribute the class body declared but never bound is missing)
    if (value !== undefined || (present && !isClass(obj))) {
      // A method read off an instance is bound to it, as Python's bound methods are.
      // (a bound method, such as `object.__getattribute__` gives, is no descriptor: it stays as it is)
      // (a staticmethod's function is returned as it is)
      // (what a descriptor's `__get__` gave, a prototype getter's value, is returned as it is)
      if (typeof value === "function" && typeof obj === "object" && !Object.hasOwn(target, key) && !isClass(value) && boundParts(value) === undefined && !Object.hasOwn(value, STATIC_METHOD) && !readByGetter(obj, key)) {
        // (a C descriptor type's slots, `int.real.__get__`, `property().__set__`, are method-wrappers)
        if ((name === "__get__" || name === "__set__" || name === "__delete__") && (obj as { [SLOT_DESCRIPTOR]?: true })[SLOT_DESCRIPTOR] === true) {
          return methodWrapper(obj, name, (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(obj, args));
        }
        const owner = ownerOf(obj, key);
        // (`S("x").upper` of `class S(str)`: str's own method, a built-in method bound to the instance)
        if (owner !== null && Object.hasOwn(owner, PYTHON_TYPE)) return builtinMethod((value as (...a: unknown[]) => unknown).bind(obj), name, obj, value);
        return bindFoundMethod(obj, value as (...a: unknown[]) => unknown, name, owner);
      }
      if (typeof value === "function" && isClass(obj) && !isClass(value) && metaclassOwner(obj, key) !== null) {
        // A metaclass's method read off a class is bound to the class.
        return boundMethod(obj, value as (...a: unknown[]) => unknown, metaclassOwner(obj, key));
      }
      if (typeof value === "function" && isClass(obj) && Object.hasOwn(value, CLASS_METHOD)) {
        return boundMethod(obj, value as (...a: unknown[]) => unknown, obj);
      }
      // `datetime.datetime.now`: a C type's class method, a built-in method bound to the class.
      // (the built-in types' own methods, `str.upper`, are method descriptors: marked with `__objclass__`)
      if (typeof value === "function" && isClass(obj) && !isClass(value) && !Object.hasOwn(value, "__objclass__") && boundParts(value) === undefined && !Object.hasOwn(value, STATIC_METHOD) && isCClassMethod(obj, key)) {
        return builtinMethod((value as (...a: unknown[]) => unknown).bind(obj), name, obj, value);
      }
      return value;
    }
    if (isClass(obj)) {
      // `Cls.method`: the plain function stored in the class (instance methods live on the prototype).
      const method = isPythonVisible(obj, objectKey(name), name) ? prototypeMethod(obj, objectKey(name)) : undefined;
      if (method !== undefined) return method;
      // `Point.x` of `__slots__ = ("x", "y")`: the slot's member descriptor
      const slot = slotDescriptor(obj, name);
      if (slot !== undefined) return slot;
      // `int.real`: a built-in type's data descriptor
      const data = typeDictEntries(obj)?.find(([n, kind]) => n === name && (kind === "g" || kind === "M"));
      if (data !== undefined) return builtinDataDescriptor(obj, name, data[1]);
      // `datetime.date.year`, `logging.Handler.name`: a runtime class's data descriptor
      const described = classDataDescriptor(obj, name);
      if (described !== undefined) return described;
      // `list.__len__`, `int.__add__`: the built-in type's slot wrappers.
      const dunder = typeDunder(obj, name);
      if (dunder !== undefined) return dunder;
      // `collections.OrderedDict.__setitem__`: a runtime class's built-in base type's (dict's)
      if (name.startsWith("__")) {
        for (const base of classChain(obj).slice(1, -1)) {
          const face = pythonFaceOf(base);
          const inherited = typeof face === "function" && face !== obj ? typeDunder(face, name) : undefined;
          if (inherited !== undefined) return inherited;
        }
      }
      // `Base.__init__(self, ...)` where Base's `__init__` is its JS constructor (or a runtime class's).
      if (name === "__init__" && !Object.hasOwn(obj, "__pytype__")) {
        const init = classInitOf(obj);
        if (init !== undefined) return init;
      }
      // A class body defining `__eq__` alone sets `__hash__` to None.
      if (name === "__hash__" && eqHidesHash((obj as { prototype?: object }).prototype ?? null)) return null;
      // `Cls.__new__` and the other methods every class inherits from `object`.
      const objectType = typeOf({}) as Record<string, unknown>;
      if (name.startsWith("__") && (obj as unknown) !== objectType && Object.hasOwn(objectType, name)) return objectType[name];
      const inherited = name.startsWith("__") ? typeDunder(objectType, name) : undefined;
      if (inherited !== undefined) return inherited;
      // `A.__init_subclass__`: object's implicit class methods, bound to the class.
      const classMethod = objectClassMethod(obj, name);
      if (classMethod !== undefined) return classMethod;
      // `bool.bit_length`: bool's base int's methods (their objects are int's own)
      if (obj === bool && Object.hasOwn(int, name)) return getattrImpl(int, name);
    }
    // `obj.__doc__`, `obj.__module__`: the class's (an instance has none of its own)
    if ((name === "__doc__" || name === "__module__") && typeof obj === "object") return getattrImpl(typeOf(obj), name);
    if (name === "__hash__" && !isClass(obj) && typeof obj === "object") {
      // `obj.__hash__`: None where the class's `__eq__` hides it, else object's, bound.
      if (eqHidesHash(Object.getPrototypeOf(obj) as object | null)) return null;
      const objectHash = typeDunder(typeOf({}), name);
      if (typeof objectHash === "function") return objectMethod(obj, objectHash as (...a: unknown[]) => unknown, name);
    }
    if (!isClass(obj) && name.startsWith("__")) {
      // `obj.__init__` where the class's def became its JS constructor: that def, bound
      const ctor = (Object.getPrototypeOf(obj) as { constructor?: unknown } | null)?.constructor;
      const init = name === "__init__" && typeof ctor === "function" && typeof obj === "object" ? constructorInitOf(ctor) : undefined;
      if (init !== undefined) return bindFunction(obj, init);
      // `x.__eq__`, `x.__hash__` of an instance: object's dunders, bound to it.
      const inherited = typeDunder(typeOf({}), name);
      if (typeof inherited === "function") return objectMethod(obj, inherited as (...a: unknown[]) => unknown, name);
      // (`obj.__setattr__`, `obj.__getattribute__`: object's own functions, taking the instance first)
      const attributeSlot = objectAttributeSlot(name);
      if (attributeSlot !== undefined) return objectMethod(obj, attributeSlot, name);
      const classMethod = objectClassMethod(typeOf(obj), name);
      if (classMethod !== undefined) return classMethod;
    }
    const hook = target["__getattr__"];
    if (typeof hook === "function") {
      try {
        return (hook as (n: string) => unknown).call(obj, name);
      } catch (error) {
        throw withAttributeContext(error, obj, name);
      }
    }
  }
  // `date(2020, 1, 1).today`: a runtime class's class attribute, read through an instance (of
  // a program's subclass too, `MyDate(...).today`, read off its own class).
  if (obj !== null && typeof obj === "object") {
    const cls = (Object.getPrototypeOf(obj) as { constructor?: unknown } | null)?.constructor;
    if (typeof cls === "function" && attrKey(cls, name) in cls && listsName(cls, name)) return getattrImpl(cls, name);
  }
  // `f.__call__`, `Cls.__call__` (type's, when neither the class nor its metaclass has one): calls it.
  if (name === "__call__" && typeof obj === "function") return builtinMethod((...args: unknown[]) => callValue(obj, ...args), "__call__", obj);
  throw missingAttribute(obj, name);
}

/** Does `cls`, or its nearest base the runtime lists the names of, list `name`? */
function listsName(cls: Function, name: string): boolean {
  for (let c: unknown = cls; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const names = listedNames(c);
    if (names !== undefined) return names.has(name);
  }
  return false;
}

/** The metaclass whose prototype gives class `cls` its attribute `key` (null: the class chain has it). */
function metaclassOwner(cls: object, key: string): Function | null {
  if (Object.hasOwn(cls, key)) return null;
  let p = Object.getPrototypeOf(cls) as object | null;
  for (; typeof p === "function" && p !== Function.prototype; p = Object.getPrototypeOf(p) as object | null) if (Object.hasOwn(p, key)) return null;
  const meta = metaclassOf(cls);
  for (p = meta === null ? null : (meta.prototype as object); p !== null && p !== Function.prototype && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    if (Object.hasOwn(p, key)) {
      const ctor = (p as { constructor?: unknown }).constructor;
      return typeof ctor === "function" ? ctor : null;
    }
  }
  return null;
}

/** The class whose prototype holds `key` for `obj` (for a bound method's qualified name). */
function ownerOf(obj: object, key: string): Function | null {
  for (let p = Object.getPrototypeOf(obj) as object | null; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    if (Object.hasOwn(p, key)) {
      const ctor = (p as { constructor?: unknown }).constructor;
      return typeof ctor === "function" ? ctor : null;
    }
  }
  return null;
}

const slotDescriptors = new WeakMap<Function, Map<string, MemberDescriptor>>();

/** The member descriptor of a name the class (or a base) lists in `__slots__`, one per class and name. */
function slotDescriptor(cls: Function, name: string): MemberDescriptor | undefined {
  for (let c: unknown = cls; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (!Object.hasOwn(c, "__slots__")) continue;
    const slots = (c as { __slots__?: unknown }).__slots__;
    if (!(typeof slots === "string" ? [slots] : [...(slots as Iterable<string>)]).includes(name)) continue;
    let known = slotDescriptors.get(c as Function);
    if (known === undefined) slotDescriptors.set(c as Function, (known = new Map()));
    let d = known.get(name);
    if (d === undefined) known.set(name, (d = new MemberDescriptor(c as Function, name, true)));
    return d;
  }
  return undefined;
}

/** Is `obj[key]` an accessor's result (the first prototype holding `key` defines a getter)? */
function readByGetter(obj: object, key: string): boolean {
  for (let p = Object.getPrototypeOf(obj) as object | null; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    const desc = Object.getOwnPropertyDescriptor(p, key);
    if (desc !== undefined) return desc.get !== undefined;
  }
  return false;
}

const cMethodDescriptors = new WeakMap<Function, Map<string, (...a: unknown[]) => unknown>>();

/**
 * `collections.deque.append`, `decimal.Decimal.quantize`: a method runtime class `owner` holds
 * on its prototype, read off the class. Where CPython writes it in C, its method descriptor (one
 * per class and name, so `date.isoformat is date.isoformat`); else undefined (a method CPython's
 * class defines in Python is a plain function).
 */
function cMethodDescriptor(owner: Function, name: string, method: (...a: unknown[]) => unknown): ((...a: unknown[]) => unknown) | undefined {
  const tpName = cMethodTpName(owner, name);
  if (tpName === undefined) return undefined;
  let byName = cMethodDescriptors.get(owner);
  if (byName === undefined) cMethodDescriptors.set(owner, (byName = new Map()));
  let descriptor = byName.get(name);
  if (descriptor === undefined) byName.set(name, (descriptor = methodDescriptor(owner, name, method, tpName)));
  return descriptor;
}

function prototypeMethod(cls: Function, key: string): unknown {
  const proto = (cls as { prototype?: unknown }).prototype;
  if (proto === null || typeof proto !== "object") return undefined;
  for (let p: object | null = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    // (a runtime base, `class L(list)`'s: the built-in type's own method, `L.append is list.append`, not a JS member)
    const holder = Object.hasOwn(p, "constructor") ? (p as { constructor: unknown }).constructor : undefined;
    if (typeof holder === "function" && Object.hasOwn(holder, PYTHON_TYPE)) {
      const type = (holder as unknown as { [PYTHON_TYPE]: Record<string, unknown> })[PYTHON_TYPE];
      // (its class method, `D.fromkeys`, bound to the subclass)
      return Object.hasOwn(type, key) && typeof type[key] === "function" ? classMethodFor(type[key], cls) : undefined;
    }
    const desc = Object.getOwnPropertyDescriptor(p, key);
    if (desc === undefined) continue;
    // (a method the runtime installs as an accessor binding it on reads off an instance: its function)
    const method = desc.get !== undefined ? (desc.get as { [METHOD_ACCESSOR]?: unknown })[METHOD_ACCESSOR] : desc.value;
    if (typeof method === "function" && !isClass(method)) {
      const ctor = (p as { constructor?: unknown }).constructor;
      const owner = typeof ctor === "function" ? ctor : cls;
      // (a C type's method, `collections.deque.append`, is a method descriptor)
      return cMethodDescriptor(owner, pythonName(key, false) ?? key, method as (...a: unknown[]) => unknown) ?? plainMethod(method as (...a: unknown[]) => unknown, owner);
    }
    // (a dunder the class sets to None: `__hash__` of an eq dataclass)
    return desc.value === null && key.startsWith("__") ? null : undefined;
  }
  return undefined;
}

/**
 * A class's MRO: the class, its JS superclasses (up to one with several bases, whose stored
 * C3 order completes it), then `object`. Runtime type objects (`int`, `bool`) follow their
 * `__base__` links.
 */
export function classChain(cls: object): any[] {
  const chain: unknown[] = [];
  let objectType: unknown;
  for (let c: unknown = cls; typeof c === "function" && c !== Function.prototype && c !== Error && c !== Object; ) {
    const base = (c as { __base__?: unknown }).__base__;
    if (className(c) === "object" && Object.hasOwn(c, "__pytype__")) {
      objectType = c;
      break;
    }
    // A runtime class standing for several Python bases shows its own (runtime/lang/mro.ts).
    if (Object.hasOwn(c, SHOWN_MRO_KEY)) {
      chain.push(...(c as unknown as { [SHOWN_MRO_KEY]: unknown[] })[SHOWN_MRO_KEY]);
      break;
    }
    // A class with several bases carries its C3 order (runtime/lang/mro.ts).
    if (Object.hasOwn(c, MRO_KEY)) {
      chain.push(...withBuiltinTypes((c as unknown as { [MRO_KEY]: unknown[] })[MRO_KEY]));
      break;
    }
    // A runtime base (of `class Name(str)`, `class Stack(list)`) stands for a built-in type.
    if (Object.hasOwn(c, PYTHON_TYPE)) {
      chain.push((c as unknown as { [PYTHON_TYPE]: unknown })[PYTHON_TYPE]);
      break;
    }
    chain.push(c);
    c = base !== undefined ? base : Object.getPrototypeOf(c);
  }
  chain.push(objectType ?? typeOf({}));
  return chain;
}

/** An MRO with each runtime base shown as its built-in type, without the JS classes under it. */
function withBuiltinTypes(mro: unknown[]): unknown[] {
  const out: unknown[] = [];
  const bases: Function[] = [];
  for (const c of mro) {
    if (typeof c === "function" && bases.some((b) => b.prototype instanceof c)) continue;
    // A runtime class standing for several Python bases (IntEnum is `(int, ReprEnum)`): those.
    if (typeof c === "function" && Object.hasOwn(c, SHOWN_MRO_KEY)) {
      bases.push(c);
      for (const shown of (c as unknown as { [SHOWN_MRO_KEY]: unknown[] })[SHOWN_MRO_KEY]) if (!out.includes(shown)) out.push(shown);
      continue;
    }
    if (typeof c === "function" && Object.hasOwn(c, PYTHON_TYPE)) {
      bases.push(c);
      out.push((c as unknown as { [PYTHON_TYPE]: unknown })[PYTHON_TYPE]);
    } else out.push(c);
  }
  return out;
}

/** `obj.__dict__` / `vars(obj)`: the instance's own attributes; writes reach the instance. */
export function instanceDict(obj: object): Dict {
  // (one dict per instance, as CPython's, brought up to date with the instance on each read)
  let dict = instanceDicts.get(obj);
  if (dict === undefined) instanceDicts.set(obj, (dict = new InstanceDict(obj)));
  else dict.reload();
  return dict;
}

const instanceDicts = new WeakMap<object, InstanceDict>();

/**
 * `obj.key` came back None or undefined (emitted as `obj.key ?? unsetAttribute(obj, "key")`,
 * with the attribute's JS key): None when the attribute exists (or `__getattr__` supplied it),
 * else AttributeError as in Python, naming the Python attribute.
 */
export function unsetAttribute(obj: unknown, key: string): any {
  // (an instance attribute holding None: a head small enough for TurboFan to inline at each read)
  if (typeof obj === "object" && obj !== null && key in obj) return null;
  return unsetAttributeOther(obj, key);
}

/** unsetAttribute past its head: hooks, class attributes, built-in values, AttributeError. */
function unsetAttributeOther(obj: unknown, key: string): any {
  if (obj !== null && (typeof obj === "object" || typeof obj === "function")) {
    const hooked = obj as { __getattr__?: unknown; __getattribute__?: unknown };
    if (key in obj || typeof hooked.__getattribute__ === "function") return null;
    // A dunder the class sets to None for its instances (`__hash__` of an eq dataclass).
    const proto = typeof obj === "function" ? (obj as { prototype?: Record<string, unknown> }).prototype : undefined;
    if (proto !== undefined && key.startsWith("__") && key in proto && proto[key] === null) return null;
    // (a missing attribute is the object's `__getattr__`'s to answer)
    if (typeof hooked.__getattr__ === "function") {
      const name = pythonName(key, typeof obj === "function") ?? key;
      try {
        return (hooked.__getattr__ as (name: string) => unknown).call(obj, name);
      } catch (error) {
        throw withAttributeContext(error, obj, name);
      }
    }
    // A built-in value's type attribute that is no JS property (`[].__hash__` is None).
    if (methodTable(obj) !== undefined) return getattrImpl(obj, pythonName(key, false) ?? key);
    // `Point.x` of a class with `__slots__`: the slot's member descriptor
    if (typeof obj === "function" && isClass(obj)) {
      const slot = slotDescriptor(obj, pythonName(key, true) ?? key);
      if (slot !== undefined) return slot;
      // `mod.Cls.method`: a method lives on the class's prototype (getattr finds it, or raises)
      return getattrImpl(obj, pythonName(key, true) ?? key);
    }
    // `a.m.calls`: a bound method reads its function's attributes (getattr finds them or raises)
    if (typeof obj === "function") return getattrImpl(obj, pythonName(key, true) ?? key);
  }
  // `seen.__contains__` on a set, `xs.__len__`: a built-in value's method, bound to it;
  // `Cls.__eq__`, `obj.__hash__`: object's dunders (getattr finds them or raises)
  if (key.startsWith("__") && (methodTable(obj) !== undefined || (obj !== null && (typeof obj === "object" || typeof obj === "function")))) return getattrImpl(obj, pythonName(key, typeof obj === "function") ?? key);
  throw missingAttribute(obj, pythonName(key, typeof obj === "function") ?? key);
}

/** `expr.key` for an object expression evaluated once: its value, or AttributeError. */
export function readAttribute(obj: any, key: string): any {
  if (obj === null || obj === undefined) throw missingAttribute(obj, pythonName(key, false) ?? key);
  return obj[key] ?? unsetAttribute(obj, key);
}

const objectMethodsViaThis = new WeakMap<Function, (...a: unknown[]) => unknown>();

/**
 * A built-in type's dunder (taking the instance first) as a function receiving it as `this`,
 * as the runtime calls an instance's dunders: one such function per dunder, so
 * `obj.__init__ == obj.__init__` and `__hash__ = object.__hash__` in a class body hashes the instance.
 */
export function receiverAsThis(method: (...a: unknown[]) => unknown): (...a: unknown[]) => unknown {
  let viaThis = objectMethodsViaThis.get(method);
  if (viaThis === undefined) {
    viaThis = function (this: unknown, ...args: unknown[]): unknown {
      return method(this, ...args);
    };
    objectMethodsViaThis.set(method, viaThis);
  }
  return viaThis;
}

/** `obj.__init__`, `(1).__add__`... a built-in type's dunder bound to a value: a method-wrapper or built-in method by its type and repr. */
function objectMethod(obj: unknown, method: (...a: unknown[]) => unknown, name: string): unknown {
  const bound = boundMethod(obj, receiverAsThis(method), typeOf({}) as Function);
  Object.defineProperty(bound, OBJECT_METHOD_NAME, { value: name });
  // (a type slot, `(1).__add__`, is a method-wrapper; a method, `[].__sizeof__`, a built-in method)
  const kind = (method as { [DESCRIPTOR_KIND]?: string })[DESCRIPTOR_KIND];
  if (kind !== undefined) Object.defineProperty(bound, OBJECT_METHOD_SLOT, { value: kind.startsWith("slot wrapper") });
  Object.defineProperty(bound, "__name__", { value: name });
  Object.defineProperty(bound, "__qualname__", { value: (method as { __qualname__?: string }).__qualname__ ?? `object.${name}` });
  return bound;
}
