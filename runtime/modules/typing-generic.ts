// typing's type variables and generic classes: TypeVar, ParamSpec, TypeVarTuple, Generic and
// Protocol as bases (`class Box(Generic[T])`, `Box[int]`, `__orig_bases__`, `__parameters__`),
// runtime_checkable protocols and NewType.

import { Tuple } from "../values/tuple.js";
import { PyTypeError } from "../values/exceptions.js";
import { NotImplemented } from "../values/singletons.js";
import { splitKw } from "../values/kwargs.js";
import { repr, CALLABLE_OBJECT } from "../values/repr.js";
import { callable, hasattr, getattr } from "../values/builtin-functions.js";
import { className, isClass, moduleName, qualName, typeName } from "../values/typename.js";
import { BASES_KEY, classInitOf, mroOf } from "../lang/mro.js";
import { setOrigBasesHandler } from "./typing-hooks.js";
import { pyClass } from "./callable-class.js";
import { TYPE_PARAMETER, TypingAlias, collectParameters, isTypeParameter, keyItems, typeCheck, unionOfArgs } from "./typing-alias.js";

/** What TypeVar, ParamSpec and TypeVarTuple share: `|`, no isinstance, a module. */
abstract class TypeParameter {
  static readonly __module__ = "typing";
  declare readonly [TYPE_PARAMETER]: true;
  constructor(readonly __name__: string) {
    if (typeof __name__ !== "string") throw new PyTypeError("TypeVar name must be a string");
  }
  __or__(other: unknown): unknown {
    return unionOfArgs([this, other]);
  }
  __ror__(other: unknown): unknown {
    return unionOfArgs([other, this]);
  }
  __mro_entries__(): never {
    throw new PyTypeError(`Cannot subclass an instance of ${className(this.constructor)}`);
  }
}
Object.defineProperty(TypeParameter.prototype, TYPE_PARAMETER, { value: true });

function variance(covariant: unknown, contravariant: unknown): string {
  if (covariant === true && contravariant === true) throw new PyTypeError("Bivariant types are not supported.");
  return covariant === true ? "+" : contravariant === true ? "-" : "~";
}

/** `TypeVar("T", int, str)`, `TypeVar("T", bound=X, covariant=True)`. */
class TypeVarImpl extends TypeParameter {
  static readonly pythonName = "TypeVar";
  readonly __constraints__: Tuple<unknown>;
  readonly __bound__: unknown;
  readonly __covariant__: boolean;
  readonly __contravariant__: boolean;
  constructor(...all: unknown[]) {
    const [positional, kw] = splitKw(all);
    super(positional[0] as string);
    const constraints = positional.slice(1);
    this.__covariant__ = kw.covariant === true;
    this.__contravariant__ = kw.contravariant === true;
    variance(this.__covariant__, this.__contravariant__);
    const bound = kw.bound ?? null;
    if (constraints.length > 0 && bound !== null) throw new PyTypeError("Constraints cannot be combined with bound=...");
    if (constraints.length === 1) throw new PyTypeError("A single constraint is not allowed");
    this.__constraints__ = Tuple.from(constraints.map((c) => typeCheck(c, "TypeVar(name, constraint, ...): constraints must be types.")));
    this.__bound__ = bound === null ? null : typeCheck(bound, "Bound must be a type.");
  }
  __repr__(): string {
    return `${variance(this.__covariant__, this.__contravariant__)}${this.__name__}`;
  }
}

/** `P.args` / `P.kwargs` of a ParamSpec. */
class ParamSpecPart {
  static readonly __module__ = "typing";
  constructor(readonly __origin__: ParamSpecImpl, private readonly part: "args" | "kwargs") {}
  __repr__(): string {
    return `${this.__origin__.__name__}.${this.part}`;
  }
  __eq__(other: unknown): unknown {
    if (!(other instanceof ParamSpecPart)) return NotImplemented;
    return this.__origin__ === other.__origin__ && this.part === other.part;
  }
}

/** `ParamSpec("P")`: a callable's parameter list as a variable, with `P.args` and `P.kwargs`. */
class ParamSpecImpl extends TypeParameter {
  static readonly pythonName = "ParamSpec";
  readonly __paramspec__ = true;
  readonly __bound__: unknown;
  readonly __covariant__: boolean;
  readonly __contravariant__: boolean;
  constructor(...all: unknown[]) {
    const [positional, kw] = splitKw(all);
    super(positional[0] as string);
    this.__covariant__ = kw.covariant === true;
    this.__contravariant__ = kw.contravariant === true;
    this.__bound__ = kw.bound ?? null;
  }
  get args(): ParamSpecPart {
    return new ParamSpecPart(this, "args");
  }
  get kwargs(): ParamSpecPart {
    return new ParamSpecPart(this, "kwargs");
  }
  __repr__(): string {
    return `${variance(this.__covariant__, this.__contravariant__)}${this.__name__}`;
  }
}

/** `TypeVarTuple("Ts")`: iterating it (`*Ts`) gives the unpacked form, shown as `*Ts`. */
class TypeVarTupleImpl extends TypeParameter {
  static readonly pythonName = "TypeVarTuple";
  __repr__(): string {
    return this.__name__;
  }
  *[Symbol.iterator](): Generator<UnpackedTypeVarTuple> {
    yield new UnpackedTypeVarTuple(this);
  }
}

class UnpackedTypeVarTuple {
  static readonly pythonName = "_UnpackGenericAlias";
  static readonly __module__ = "typing";
  constructor(readonly __args__item: TypeVarTupleImpl) {}
  __repr__(): string {
    return `*${this.__args__item.__name__}`;
  }
}

export const TypeVar = pyClass(TypeVarImpl);
export const ParamSpec = pyClass(ParamSpecImpl);
export const TypeVarTuple = pyClass(TypeVarTupleImpl);
export const ParamSpecArgs = ParamSpecPart;
export const ParamSpecKwargs = ParamSpecPart;

const PARAMETERS = Symbol.for("pyts.typing.parameters");
const RUNTIME_PROTOCOL = Symbol.for("pyts.typing.runtimeProtocol");

/** `Generic[T]`'s or `Protocol[T]`'s parameters: distinct type variables. */
function baseParameters(name: string, key: unknown): unknown[] {
  const params = keyItems(key);
  if (params.length === 0) throw new PyTypeError(`Parameter list to ${name}[...] cannot be empty`);
  if (!params.every(isTypeParameter)) throw new PyTypeError(`Parameters to ${name}[...] must all be type variables or parameter specification variables.`);
  if (new Set(params).size !== params.length) throw new PyTypeError(`Parameters to ${name}[...] must all be unique`);
  return params;
}

/** `class Box(Generic[T])`: the base of generic classes; `Box[int]` is an alias of Box. */
export class Generic {
  static get __module__(): string {
    return this === Generic || this === Protocol ? "typing" : "__main__";
  }
  static get __parameters__(): Tuple<unknown> {
    return Tuple.from(Object.hasOwn(this, PARAMETERS) ? (this as unknown as Record<symbol, unknown[]>)[PARAMETERS]! : []);
  }
  constructor(...args: unknown[]) {
    if (new.target === Protocol) throw new PyTypeError("Protocols cannot be instantiated");
    // `class N(Base, Generic[T])` extends Generic: Base's `__init__` (its JS constructor) runs.
    for (const c of mroOf(new.target as unknown as Parameters<typeof mroOf>[0]).slice(1)) {
      if ((c as unknown) === Generic || c.prototype instanceof Generic) continue;
      const init = classInitOf(c);
      if (init !== undefined) {
        init(this, ...args);
        return;
      }
    }
    // A generic class without `__init__` (its constructor passed the call's arguments on) is
    // object's: `G(1)` and `G[int](1)` take no arguments.
    const [positional, keywords] = splitKw(args);
    if ((positional.length > 0 || Object.keys(keywords).length > 0) && typeof (new.target.prototype as { __init__?: unknown }).__init__ !== "function") {
      throw new PyTypeError(`${className(new.target)}() takes no arguments`);
    }
  }
  static __class_getitem__(this: typeof Generic, key: unknown): unknown {
    if (this === Generic || this === Protocol) return new TypingAlias(this, baseParameters(this.name, key));
    const params = [...this.__parameters__.items];
    const shown = `<class '${moduleName(this) === "builtins" ? "" : moduleName(this) + "."}${qualName(this)}'>`;
    if (params.length === 0) throw new PyTypeError(`${shown} is not a generic class`);
    const args = keyItems(key).map((a) => typeCheck(a, "Parameters to generic types must be types."));
    if (args.length !== params.length) throw new PyTypeError(`Too ${args.length > params.length ? "many" : "few"} arguments for ${shown}; actual ${args.length}, expected ${params.length}`);
    return new TypingAlias(this, args);
  }
}

/** `class P(Protocol)`: structural types; isinstance needs `@runtime_checkable`. */
export class Protocol extends Generic {
  static __instancecheck__(this: typeof Protocol, x: unknown): boolean {
    if (x instanceof this) return true;
    if (!isProtocol(this)) return false;
    if (!Object.hasOwn(this, RUNTIME_PROTOCOL)) throw new PyTypeError("Instance and class checks can only be used with @runtime_checkable protocols");
    return protocolMembers(this).every((name) => builtinHas(x, name) || (hasattr(x, name) && (!callable(getattr(this, name, null)) || getattr(x, name) !== null)));
  }
}

/** The special methods of the built-in types' instances that protocols ask for (hasattr does not see them). */
const BUILTIN_DUNDERS: Record<string, readonly string[]> = {
  int: ["__hash__", "__int__", "__float__", "__index__", "__abs__", "__round__", "__add__", "__lt__", "__eq__"],
  bool: ["__hash__", "__int__", "__float__", "__index__", "__abs__", "__round__", "__add__", "__lt__", "__eq__"],
  float: ["__hash__", "__int__", "__float__", "__abs__", "__round__", "__add__", "__lt__", "__eq__"],
  complex: ["__hash__", "__abs__", "__complex__", "__add__", "__lt__", "__eq__"],
  str: ["__len__", "__iter__", "__contains__", "__getitem__", "__hash__", "__add__", "__lt__", "__eq__"],
  bytes: ["__len__", "__iter__", "__contains__", "__getitem__", "__hash__", "__bytes__", "__add__", "__lt__", "__eq__"],
  list: ["__len__", "__iter__", "__contains__", "__getitem__", "__reversed__", "__add__", "__lt__", "__eq__"],
  dict: ["__len__", "__iter__", "__contains__", "__getitem__", "__reversed__", "__lt__", "__eq__"],
  tuple: ["__len__", "__iter__", "__contains__", "__getitem__", "__hash__", "__add__", "__lt__", "__eq__"],
  set: ["__len__", "__iter__", "__contains__", "__lt__", "__eq__"],
  frozenset: ["__len__", "__iter__", "__contains__", "__hash__", "__lt__", "__eq__"],
  range: ["__len__", "__iter__", "__contains__", "__getitem__", "__reversed__", "__hash__", "__lt__", "__eq__"],
};

function builtinHas(x: unknown, name: string): boolean {
  return BUILTIN_DUNDERS[typeName(x)]?.includes(name) ?? false;
}

/** A class whose own bases name Protocol (not a class implementing a protocol). */
function isProtocol(cls: object): boolean {
  const bases = Object.hasOwn(cls, BASES_KEY) ? (cls as Record<symbol, unknown[]>)[BASES_KEY]! : [Object.getPrototypeOf(cls)];
  return bases.includes(Protocol);
}

const NOT_MEMBERS = new Set([
  "constructor", "__abstractmethods__", "__annotations__", "__weakref__", "__dict__", "__args__", "__slots__", "__parameters__", "__origin__",
  "__orig_bases__", "__doc__", "__subclasshook__", "__init__", "__new__", "__module__", "__qualname__", "__class_getitem__", "__init_subclass__",
]);

/** The attributes a protocol asks for: its (and its protocol bases') methods and annotated names. */
function protocolMembers(cls: object): string[] {
  const names = new Set<string>();
  for (let c = cls as { prototype?: object; __annotations__?: unknown } | null; c && c !== Protocol && c !== Generic; c = Object.getPrototypeOf(c) as typeof c) {
    if (!isProtocol(c)) continue;
    for (const key of Object.getOwnPropertyNames(c.prototype ?? {})) if (!NOT_MEMBERS.has(key) && !key.startsWith("_abc_")) names.add(key);
    const hints = Object.hasOwn(c, "__annotations__") ? c.__annotations__ : null;
    if (hints && typeof hints === "object" && Symbol.iterator in hints) for (const key of hints as Iterable<unknown>) names.add(String(key));
  }
  return [...names];
}

/** `@runtime_checkable`: a protocol isinstance can check (by the presence of its members). */
export function runtime_checkable<C>(cls: C): C {
  if (!isClass(cls) || !isProtocol(cls)) throw new PyTypeError(`@runtime_checkable can be only applied to protocol classes, got ${repr(cls)}`);
  Object.defineProperty(cls, RUNTIME_PROTOCOL, { value: true });
  return cls;
}

/** Static block of a class with subscripted bases: `__orig_bases__` and `__parameters__`. */
export function origBases(cls: object, bases: unknown[]): void {
  Object.defineProperty(cls, "__orig_bases__", { value: Tuple.from(bases), writable: true, configurable: true });
  const isGenericBase = (b: unknown): b is TypingAlias => b instanceof TypingAlias && (b.__origin__ === Generic || b.__origin__ === Protocol);
  const generics = bases.filter(isGenericBase);
  if (generics.filter((b) => b.__origin__ === Generic).length > 1) throw new PyTypeError("Cannot inherit from Generic[...] multiple types.");
  let params = collectParameters(bases.filter((b) => b instanceof TypingAlias));
  const declared = generics[0];
  if (declared !== undefined) {
    const listed = declared.parametersList();
    const missing = params.filter((p) => !listed.includes(p));
    if (missing.length > 0) throw new PyTypeError(`Some type variables (${missing.map((p) => repr(p)).join(", ")}) are not listed in ${declared.__origin__ === Generic ? "Generic" : "Protocol"}[${listed.map((p) => repr(p)).join(", ")}]`);
    params = listed;
  }
  Object.defineProperty(cls, PARAMETERS, { value: params, configurable: true });
}

/** `NewType("UserId", int)`: a callable giving back its argument, shown as `__main__.UserId`. */
export function NewType(name: unknown, tp: unknown): unknown {
  const fn = function (x: unknown): unknown {
    return x;
  };
  const module = "__main__";
  Object.defineProperties(fn, {
    __name__: { value: name, writable: true },
    __qualname__: { value: name, writable: true },
    __module__: { value: module, writable: true },
    __supertype__: { value: typeCheck(tp, "NewType(name, tp): tp must be a type.") },
    [CALLABLE_OBJECT]: { value: true },
    __repr__: { value: () => `${module}.${String(name)}` },
    __call__: { value: fn },
    __or__: { value: (other: unknown) => unionOfArgs([fn, other]) },
    __ror__: { value: (other: unknown) => unionOfArgs([other, fn]) },
    __mro_entries__: {
      value: () => {
        throw new PyTypeError(`Cannot subclass an instance of NewType. Perhaps you were looking for: \`${String(name)} = NewType(${repr(name)}, ${repr(String(name))})\``);
      },
    },
  });
  return fn;
}

setOrigBasesHandler(origBases);
