// `collections.abc`, I: the registry of what each built-in type is, the base every ABC shares
// (isinstance/issubclass as CPython's __subclasshook__s and register decide), and the one-method
// ABCs (Hashable, Iterable, Sized, ...). The container ABCs with their mixins: collections-abc.ts.

import { objectKey } from "../lang/attr-names.js";
import { callable, hash } from "../values/builtin-functions.js";
import { GeneratorExit, PyTypeError, RuntimeError, StopAsyncIteration, StopIteration } from "../values/exceptions.js";
import { await_ } from "../core/await.js";
import { coroutine, type Coroutine as CoroutineObject } from "../core/coroutine.js";
import { isClass, typeName } from "../values/typename.js";
import { builtinTypeDefines } from "../values/type-dunders.js";
import { ABC, abstractmethod } from "./abc.js";
import { c3Linearize, SHOWN_MRO_KEY, showMro } from "../lang/mro.js";
import { callMethod } from "../values/methods.js";
import { CLASS_ALIAS, GenericAlias, typeArgRepr } from "../values/subscript.js";
import { Tuple } from "../values/tuple.js";
import { Ellipsis } from "../values/singletons.js";
import { repr } from "../values/repr.js";

export type AnyClass = abstract new (...args: never[]) => unknown;

/** The ABCs each built-in type is registered as (its ancestors follow from the hierarchy). */
const BUILTIN_ABCS: Record<string, string[]> = {
  list: ["MutableSequence"],
  tuple: ["Sequence"],
  str: ["Sequence"],
  range: ["Sequence"],
  memoryview: ["Sequence"],
  bytes: ["ByteString"],
  bytearray: ["MutableSequence", "ByteString"],
  deque: ["MutableSequence"],
  dict: ["MutableMapping", "Reversible"],
  defaultdict: ["MutableMapping", "Reversible"],
  OrderedDict: ["MutableMapping", "Reversible"],
  Counter: ["MutableMapping", "Reversible"],
  ChainMap: ["MutableMapping"],
  mappingproxy: ["Mapping", "Reversible"],
  set: ["MutableSet"],
  frozenset: ["Set"],
  dict_keys: ["KeysView", "Reversible"],
  dict_items: ["ItemsView", "Reversible"],
  dict_values: ["ValuesView", "Reversible"],
  generator: ["Generator"],
  coroutine: ["Coroutine"],
  async_generator: ["AsyncGenerator"],
  enumerate: ["Iterator"],
  zip: ["Iterator"],
  map: ["Iterator"],
  filter: ["Iterator"],
  reversed: ["Iterator"],
};

const PARENTS: Record<string, string[]> = {
  Coroutine: ["Awaitable"],
  AsyncIterator: ["AsyncIterable"],
  AsyncGenerator: ["AsyncIterator"],
  Iterator: ["Iterable"],
  Reversible: ["Iterable"],
  Generator: ["Iterator"],
  Collection: ["Sized", "Iterable", "Container"],
  Set: ["Collection"],
  MutableSet: ["Set"],
  Mapping: ["Collection"],
  MutableMapping: ["Mapping"],
  MappingView: ["Sized"],
  KeysView: ["MappingView", "Set"],
  ItemsView: ["MappingView", "Set"],
  ValuesView: ["MappingView", "Collection"],
  Sequence: ["Reversible", "Collection"],
  MutableSequence: ["Sequence"],
  ByteString: ["Sequence"],
};

/**
 * The ABCs' MROs as CPython's C3 gives them from their several bases (Mapping: Collection,
 * Sized, Iterable, Container), shown instead of the single JS chain they are built on.
 */
export function showAbcMros(classes: Record<string, Function>): void {
  const mros = new Map<string, string[]>();
  const mroOfName = (name: string): string[] => {
    let known = mros.get(name);
    if (known === undefined) {
      const found = c3Linearize(name, PARENTS[name] ?? [], mroOfName);
      known = "order" in found ? found.order : [name];
      mros.set(name, known);
    }
    return known;
  };
  for (const [name, cls] of Object.entries(classes)) {
    const parents = PARENTS[name] ?? [];
    showMro(cls, mroOfName(name).map((n) => classes[n]), parents.length ? parents.map((n) => classes[n]) : undefined);
  }
}

function ancestors(name: string, out = new Set<string>()): Set<string> {
  out.add(name);
  for (const parent of PARENTS[name] ?? []) ancestors(parent, out);
  return out;
}

/** The methods whose presence makes a class one of these ABCs (CPython's __subclasshook__s). */
const HOOKS: Record<string, string[]> = {
  Awaitable: ["__await__"],
  Coroutine: ["__await__", "send", "throw", "close"],
  AsyncIterable: ["__aiter__"],
  AsyncIterator: ["__anext__", "__aiter__"],
  AsyncGenerator: ["__aiter__", "__anext__", "asend", "athrow", "aclose"],
  Iterable: ["__iter__"],
  Iterator: ["__iter__", "__next__"],
  Reversible: ["__reversed__", "__iter__"],
  Generator: ["__iter__", "__next__", "send", "throw", "close"],
  Sized: ["__len__"],
  Container: ["__contains__"],
  Collection: ["__len__", "__iter__", "__contains__"],
};

const registry = new Map<Function, Set<Function>>();

/** Built-in types whose instances are unhashable (`__hash__ = None`). */
const UNHASHABLE = new Set(["list", "dict", "set", "bytearray", "deque", "defaultdict", "OrderedDict", "Counter", "ChainMap", "dict_keys", "dict_items", "mappingproxy"]);

function builtinName(x: unknown): string | null {
  if (typeof x === "string") return "str";
  if (Array.isArray(x)) return Object.getPrototypeOf(x) === Array.prototype ? "list" : null;
  if (x === null || typeof x !== "object") return null;
  let name = typeName(x);
  if (name === "dict_view") name = `dict_${(x as { kind: string }).kind}`;
  return Object.hasOwn(BUILTIN_ABCS, name) ? name : null;
}

function hasMethods(x: object, names: string[]): boolean {
  return names.every((name) => typeof (x as Record<string, unknown>)[objectKey(name)] === "function");
}

/** The names of the module's ABCs a class derives from, with their ABC ancestors (multiple inheritance). */
function abcAncestry(cls: unknown): Set<string> {
  const out = new Set<string>();
  for (let c: unknown = cls; typeof c === "function"; c = Object.getPrototypeOf(c)) {
    const name = Object.hasOwn(c, "abcName") ? (c as { abcName?: string }).abcName : undefined;
    if (name !== undefined) ancestors(name, out);
  }
  return out;
}

/** `sub` is `abc` or derives from it. */
function derives(sub: Function, abc: Function): boolean {
  if (sub === abc || (sub as { prototype: object }).prototype instanceof (abc as AnyClass)) return true;
  const own = Object.hasOwn(abc, "abcName") ? (abc as { abcName?: string }).abcName : undefined;
  if (own !== undefined && abcAncestry(sub).has(own)) return true;
  // a runtime class CPython derives from an ABC (collections.UserDict: MutableMapping)
  for (let c: unknown = sub; typeof c === "function"; c = Object.getPrototypeOf(c)) {
    const shown = Object.hasOwn(c, SHOWN_MRO_KEY) ? (c as unknown as { [SHOWN_MRO_KEY]: Function[] })[SHOWN_MRO_KEY] : undefined;
    if (shown?.some((k) => k === abc || (own !== undefined && Object.hasOwn(k, "abcName") && (k as { abcName?: string }).abcName === own))) return true;
  }
  return false;
}

/** A class registered to `abc` or to one of its subclasses. */
function registered(abc: Function, cls: Function): boolean {
  for (const [target, classes] of registry) {
    if (!derives(target, abc)) continue;
    for (const c of classes) if (c === cls || (cls as { prototype: object }).prototype instanceof (c as AnyClass)) return true;
  }
  return false;
}

export class AbcBase extends ABC {
  /** The ABC's own name when it is one of the module's (not a program's subclass). */
  declare static abcName?: string;

  static __instancecheck__(this: Function & { abcName?: string }, x: unknown): boolean {
    if (x instanceof (this as unknown as AnyClass)) return true;
    if (x !== null && x !== undefined && derives((Object(x) as { constructor: Function }).constructor, this)) return true;
    const own = Object.hasOwn(this, "abcName") ? this.abcName : undefined;
    if (own !== undefined) {
      const builtin = builtinName(x);
      if (builtin !== null) {
        if (own === "Hashable") return !UNHASHABLE.has(builtin);
        return BUILTIN_ABCS[builtin]!.some((name) => ancestors(name).has(own));
      }
      if (own === "Hashable") return isHashable(x);
      if (own === "Callable") return callable(x);
      const hook = HOOKS[own];
      if (hook !== undefined && x !== null && typeof x === "object" && hasMethods(x, hook)) return true;
    }
    const cls = x === null || x === undefined ? null : (Object(x) as { constructor: Function }).constructor;
    return cls !== null && registered(this, cls);
  }

  static __subclasscheck__(this: Function & { abcName?: string }, cls: unknown): boolean {
    if (!isClass(cls)) throw new PyTypeError("issubclass() arg 1 must be a class");
    if (derives(cls as Function, this)) return true;
    const own = Object.hasOwn(this, "abcName") ? this.abcName : undefined;
    if (own !== undefined) {
      // (a runtime class standing for a built-in one, `dict_keys`, by its Python name; a program's class named `list` is none)
      const builtin = Object.hasOwn(cls, "pythonName") ? (cls as { pythonName?: unknown }).pythonName : undefined;
      if (typeof builtin === "string" && Object.hasOwn(BUILTIN_ABCS, builtin)) {
        if (own === "Hashable") return !UNHASHABLE.has(builtin);
        return BUILTIN_ABCS[builtin]!.some((name) => ancestors(name).has(own));
      }
      // (a built-in type without registrations, `int`, `slice`, `types.FunctionType`: what its `__dict__` defines)
      const names = own === "Hashable" ? ["__hash__"] : own === "Callable" ? ["__call__"] : HOOKS[own];
      const defined = names?.map((name) => builtinTypeDefines(cls, name));
      if (defined !== undefined && defined[0] !== undefined) return defined.every(Boolean) || registered(this, cls as Function);
      const hook = HOOKS[own];
      const proto = (cls as { prototype?: object }).prototype;
      if (own === "Hashable") return proto === undefined || (proto as { __hash__?: unknown }).__hash__ !== null;
      if (hook !== undefined && proto !== undefined && hasMethods(proto, hook)) return true;
      if (own === "Callable" && proto !== undefined && hasMethods(proto, ["__call__"])) return true;
    }
    return registered(this, cls as Function);
  }

  /** `Sequence.register(MyList)`: a virtual subclass; returns it (usable as a decorator). */
  static register(this: Function, cls: unknown): unknown {
    if (!isClass(cls)) throw new PyTypeError("Can only register classes");
    let set = registry.get(this);
    if (set === undefined) registry.set(this, (set = new Set()));
    set.add(cls as Function);
    return cls;
  }

  static __class_getitem__(this: Function): Function {
    return this;
  }
}

Object.defineProperty(AbcBase, "__module__", { value: "collections.abc", writable: true, configurable: true });

function isHashable(x: unknown): boolean {
  try {
    hash(x);
    return true;
  } catch (error) {
    if (error instanceof PyTypeError) return false;
    throw error;
  }
}

/** Declares abstract methods (they raise NotImplementedError-free TypeErrors if ever called). */
export function abstract(cls: AnyClass, ...names: string[]): void {
  for (const name of names) {
    const key = objectKey(name);
    if (Object.hasOwn(cls.prototype, key)) {
      abstractmethod((cls.prototype as Record<string, unknown>)[key]);
      continue;
    }
    const stub = function (this: unknown): never {
      throw new PyTypeError(`'${typeName(this)}' object does not implement ${name}`);
    };
    Object.defineProperty(stub, "name", { value: name });
    Object.defineProperty(cls.prototype, key, { value: abstractmethod(stub), writable: true, configurable: true });
  }
}

export function named<C extends AnyClass>(cls: C, name: string): C {
  Object.defineProperty(cls, "name", { value: name });
  Object.defineProperty(cls, "abcName", { value: name });
  return cls;
}

/**
 * The `close` mixin of Generator and Coroutine: GeneratorExit thrown in must end the object
 * (it raises GeneratorExit or StopIteration back); a value yielded instead is a RuntimeError.
 */
function closeByThrowing(self: object, what: string): null {
  try {
    callMethod(self, "throw", GeneratorExit);
  } catch (e) {
    if (e instanceof GeneratorExit || e instanceof StopIteration) return null;
    throw e;
  }
  throw new RuntimeError(`${what} ignored GeneratorExit`);
}

// ---- the one-method ABCs ----

export const Hashable = named(class extends AbcBase {}, "Hashable");
abstract(Hashable, "__hash__");
export const Awaitable = named(class extends AbcBase {}, "Awaitable");
abstract(Awaitable, "__await__");
export const Coroutine = named(
  class extends Awaitable {
    close(): null {
      return closeByThrowing(this, "coroutine");
    }
  },
  "Coroutine",
);
abstract(Coroutine, "send", "throw");
export const AsyncIterable = named(class extends AbcBase {}, "AsyncIterable");
abstract(AsyncIterable, "__aiter__");
export const AsyncIterator = named(
  class extends AsyncIterable {
    __aiter__(): unknown {
      return this;
    }
  },
  "AsyncIterator",
);
abstract(AsyncIterator, "__anext__");
export const AsyncGenerator = named(
  class extends AsyncIterator {
    /** Awaits `asend(None)`. */
    __anext__(): CoroutineObject<unknown> {
      const self = this;
      return coroutine(function* () {
        return yield* await_(callMethod(self, "asend", null));
      }, "AsyncGenerator.__anext__");
    }

    /** Throws GeneratorExit in through `athrow`: finishing or re-raising it is closing. */
    aclose(): CoroutineObject<null> {
      const self = this;
      return coroutine(function* () {
        try {
          yield* await_(callMethod(self, "athrow", GeneratorExit));
        } catch (e) {
          if (e instanceof GeneratorExit || e instanceof StopAsyncIteration) return null;
          throw e;
        }
        throw new RuntimeError("asynchronous generator ignored GeneratorExit");
      }, "AsyncGenerator.aclose");
    }
  },
  "AsyncGenerator",
);
abstract(AsyncGenerator, "asend", "athrow");
export const Iterable = named(class extends AbcBase {}, "Iterable");
abstract(Iterable, "__iter__");
export const Iterator = named(
  class extends Iterable {
    __iter__(): unknown {
      return this;
    }
  },
  "Iterator",
);
abstract(Iterator, "__next__");
export const Reversible = named(class extends Iterable {}, "Reversible");
abstract(Reversible, "__reversed__");
export const Generator = named(
  class extends Iterator {
    __next__(): unknown {
      return (this as unknown as { send(v: unknown): unknown }).send(null);
    }

    close(): null {
      return closeByThrowing(this, "generator");
    }
  },
  "Generator",
);
abstract(Generator, "send", "throw");
export const Sized = named(class extends AbcBase {}, "Sized");
abstract(Sized, "__len__");
export const Container = named(class extends AbcBase {}, "Container");
abstract(Container, "__contains__");
export const Collection = named(class extends AbcBase {}, "Collection");
abstract(Collection, "__len__", "__iter__", "__contains__");
export const Callable = named(class extends AbcBase {}, "Callable");
abstract(Callable, "__call__");

/** `Callable[[int, str], bool]`: `__args__` flattened to (int, str, bool), shown with the list. */
class CallableGenericAlias extends GenericAlias {
  static override pythonName = "_CallableGenericAlias";
  static override tpName = "collections.abc._CallableGenericAlias";
  static override __module__ = "collections.abc";
  override __repr__(): string {
    const args = this.__args__items;
    if (args.length === 2 && args[0] === Ellipsis) return super.__repr__();
    return `${typeArgRepr(this.__origin__)}[[${args.slice(0, -1).map(typeArgRepr).join(", ")}], ${typeArgRepr(args.at(-1))}]`;
  }
}

Object.defineProperty(Callable, CLASS_ALIAS, {
  value: (key: unknown): CallableGenericAlias => {
    if (!(key instanceof Tuple) || key.items.length !== 2) throw new PyTypeError("Callable must be used as Callable[[arg, ...], result].");
    const [params, result] = key.items;
    if (Array.isArray(params)) return new CallableGenericAlias(Callable, [...params, result]);
    if (params !== Ellipsis) throw new PyTypeError(`Expected a list of types, an ellipsis, ParamSpec, or Concatenate. Got ${repr(params)}`);
    return new CallableGenericAlias(Callable, [params, result]);
  },
});
