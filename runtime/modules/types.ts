// Python's `types`: SimpleNamespace, MappingProxyType, the type objects of functions, methods,
// builtins, modules, None, Ellipsis and NotImplemented, and the coroutine support (core's
// `types.coroutine`, CoroutineType, GeneratorType).

import { Coroutine } from "../core/coroutine.js";
import { coroutineFunction } from "../core/coroutine-function.js";
import { PyGenerator } from "../core/generator.js";
import { BuiltinFunctionType, FunctionType, MethodType, NoneType, typeOf } from "../values/builtin-types.js";
import { eq } from "../values/compare.js";
import { Dict } from "../values/dict.js";
import { len } from "../values/builtin-functions.js";
import { in_ } from "../values/contains.js";
import { iter, type PyIterator } from "../values/iteration.js";
import { PyTypeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { callMethod } from "../values/methods.js";
import { repr, toStr } from "../values/repr.js";
import { Ellipsis, NotImplemented } from "../values/singletons.js";
import { getitem } from "../values/subscript.js";
import { typeName } from "../values/typename.js";
import { pyClass } from "./callable-class.js";
import { moduleObject, PyModule } from "./module-object.js";
import { new_class, prepare_class, resolve_bases } from "./types-classes.js";
import { ClassMethodDescriptorType, CodeType, DynamicClassAttribute, FrameType, GetSetDescriptorType, MemberDescriptorType, MethodDescriptorType, MethodWrapperType, WrapperDescriptorType } from "./types-descriptors.js";
import { AsyncGenerator_ } from "../core/async-generator.js";
import { Cell } from "../lang/functions.js";
import { GenericAlias } from "../values/subscript.js";
import { UnionType } from "../values/union-type.js";
import { TracebackObject } from "./traceback.js";
import { SimpleNamespace } from "./simple-namespace.js";

export { SimpleNamespace };

/** `types.MappingProxyType(mapping)`: a read-only view of a mapping. */
export class MappingProxyType {
  static readonly pythonName = "mappingproxy";
  static readonly __module__ = "builtins";
  readonly #mapping: unknown;

  constructor(mapping: unknown) {
    if (mapping === null || typeof mapping !== "object" || Array.isArray(mapping) || typeof (mapping as { keys?: unknown }).keys !== "function") {
      throw new PyTypeError(`mappingproxy() argument must be a mapping, not ${typeName(mapping)}`);
    }
    this.#mapping = mapping;
  }

  __getitem__(key: unknown): unknown {
    return getitem(this.#mapping, key);
  }
  __setitem__(_key: unknown, _value: unknown): never {
    throw new PyTypeError("'mappingproxy' object does not support item assignment");
  }
  __delitem__(_key: unknown): never {
    throw new PyTypeError("'mappingproxy' object does not support item deletion");
  }
  __len__(): bigint {
    return len(this.#mapping);
  }
  __contains__(key: unknown): boolean {
    return in_(key, this.#mapping);
  }
  __iter__(): PyIterator {
    return iter(this.#mapping);
  }
  [Symbol.iterator](): Iterator<unknown> {
    return iter(this.#mapping);
  }
  get(...args: unknown[]): unknown {
    return callMethod(this.#mapping, "get", ...args);
  }
  keys(): unknown {
    return callMethod(this.#mapping, "keys");
  }
  values(): unknown {
    return callMethod(this.#mapping, "values");
  }
  items(): unknown {
    return callMethod(this.#mapping, "items");
  }
  copy(): unknown {
    return callMethod(this.#mapping, "copy");
  }
  __eq__(other: unknown): unknown {
    return eq(this.#mapping, other instanceof MappingProxyType ? other.#mapping : other);
  }
  __or__(other: unknown): unknown {
    const merged = callMethod(this.#mapping, "copy") as Dict;
    callMethod(merged, "update", other instanceof MappingProxyType ? other.#mapping : other);
    return merged;
  }
  __repr__(): string {
    return `mappingproxy(${repr(this.#mapping)})`;
  }

  /** `str(proxy)` is the mapping's. */
  __str__(): string {
    return toStr(this.#mapping);
  }
}

/** `types.ModuleType(name, doc=None)`: a new, empty module; every module is an instance. */
class ModuleType extends PyModule {
  static override readonly pythonName = "module";
  declare __doc__: unknown;
  /** Any attribute a program sets on the module. */
  [attr: string]: any;

  constructor(...args: unknown[]) {
    const [[name, doc], kws] = splitKw(args);
    const given = name ?? kws.name;
    if (typeof given !== "string") throw new PyTypeError(`module.__init__() argument 'name' must be str, not ${typeName(given)}`);
    super(given);
    this.__doc__ = doc ?? kws.doc ?? null;
  }

  override __repr__(): string {
    return `<module '${this.__name__}'>`;
  }
}

// Every module (pyts's standard ones, a program's) is an instance.
Object.defineProperties(ModuleType, { __pytype__: { value: true }, __instancecheck__: { value: (x: unknown): boolean => x instanceof PyModule } });
const PyModuleType = pyClass(ModuleType);

/** `types.GenericAlias(origin, args)` called from Python: args a tuple, or one argument. */
const aliasArgs = (args: unknown[]): unknown[] => {
  const [[origin, given]] = splitKw(args);
  if (args.length !== 2) throw new PyTypeError(`GenericAlias expected 2 arguments, got ${args.length}`);
  return [origin, given instanceof Tuple ? [...given.items] : [given]];
};
// (typed loosely: Python passes a tuple or one argument where the class takes an array)
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const PyGenericAlias: any = new Proxy(GenericAlias, {
  apply: (target, _this, args: unknown[]) => Reflect.construct(target, aliasArgs(args)),
  construct: (target, args: unknown[], newTarget) => (newTarget === PyGenericAlias ? Reflect.construct(target, aliasArgs(args)) : Reflect.construct(target, args, newTarget)),
});

export const typesModule = moduleObject("types", {
  coroutine: coroutineFunction,
  new_class,
  prepare_class,
  resolve_bases,
  CoroutineType: Coroutine,
  GeneratorType: PyGenerator,
  SimpleNamespace: pyClass(SimpleNamespace),
  MappingProxyType: pyClass(MappingProxyType),
  FunctionType,
  LambdaType: FunctionType,
  MethodType,
  BuiltinFunctionType,
  BuiltinMethodType: BuiltinFunctionType,
  ModuleType: PyModuleType,
  NoneType,
  EllipsisType: typeOf(Ellipsis),
  NotImplementedType: typeOf(NotImplemented),
  AsyncGeneratorType: AsyncGenerator_,
  CellType: Cell,
  CodeType,
  FrameType,
  TracebackType: TracebackObject,
  GenericAlias: PyGenericAlias,
  UnionType,
  DynamicClassAttribute: pyClass(DynamicClassAttribute),
  MemberDescriptorType,
  GetSetDescriptorType,
  MethodDescriptorType,
  WrapperDescriptorType,
  MethodWrapperType,
  ClassMethodDescriptorType,
});
