// typing's unsubscripted aliases of the builtin and ABC classes (`List`, `Dict`, `Iterable`, ...,
// CPython's _SpecialGenericAlias) and its special forms (`Optional`, `ClassVar`, `Literal`, ...).

import { Tuple } from "../values/tuple.js";
import { PyTypeError } from "../values/exceptions.js";
import { Ellipsis } from "../values/singletons.js";
import { isinstance, issubclass } from "../values/builtin-functions.js";
import { list, dict, set, frozenset, tuple, type } from "../values/builtin-types.js";
import { className, isClass } from "../values/typename.js";
import { collectionsAbcModule } from "./collections-abc.js";
import { collectionsModule } from "./collections.js";
import { contextlibModule } from "./contextlib.js";
import { reModule } from "./re.js";
import {
  AnnotatedAlias, CallableAlias, LiteralAlias, SpecialForm, TypingAlias, UnpackAlias, getUnionForm, isParamExpression, keyItems, typeCheck, unionOfArgs,
} from "./typing-alias.js";

/** `List`, `Dict`, `Iterable`, ...: subscripting gives a `typing.List[int]` alias. */
export class SpecialGenericAlias {
  static readonly pythonName = "_SpecialGenericAlias";
  static readonly __module__ = "typing";
  constructor(
    readonly _name: string,
    private readonly originOf: () => unknown,
    readonly _nparams: number,
    readonly _inst = true,
  ) {}
  get __origin__(): unknown {
    return this.originOf();
  }
  get __name__(): string {
    return this._name;
  }
  get __args__(): never {
    throw new PyTypeError(`'${this._name}' has no attribute '__args__'`);
  }
  get __parameters__(): Tuple<unknown> {
    return Tuple.from([]);
  }
  __repr__(): string {
    return `typing.${this._name}`;
  }
  __getitem__(key: unknown): unknown {
    if (this._name === "Tuple") return tupleAlias(key, this);
    if (this._name === "Callable") return callableAlias(key, this);
    if (this._nparams === 0) throw new PyTypeError(`typing.${this._name} is not a generic class`);
    const args = keyItems(key).map((a) => typeCheck(a, "Parameters to generic types must be types."));
    if (args.length !== this._nparams) {
      throw new PyTypeError(`Too ${args.length > this._nparams ? "many" : "few"} arguments for typing.${this._name}; actual ${args.length}, expected ${this._nparams}`);
    }
    return new TypingAlias(this.__origin__, args, this._name, this._inst);
  }
  __or__(other: unknown): unknown {
    return unionOfArgs([this, other]);
  }
  __ror__(other: unknown): unknown {
    return unionOfArgs([other, this]);
  }
  __eq__(other: unknown): unknown {
    return other instanceof SpecialGenericAlias && other._name === this._name;
  }
  __hash__(): bigint {
    return BigInt(this._name.length) * 1000003n + BigInt(this._name.charCodeAt(0));
  }
  __instancecheck__(x: unknown): boolean {
    return isinstance(x, this.__origin__);
  }
  __subclasscheck__(cls: unknown): boolean {
    return issubclass(cls, this.__origin__);
  }
  __mro_entries__(): Tuple<unknown> {
    return Tuple.of(this.__origin__);
  }
  __call__(...args: unknown[]): unknown {
    if (!this._inst) throw new PyTypeError(`Type ${this._name} cannot be instantiated; use ${isClass(this.__origin__) ? className(this.__origin__) : ""}() instead`);
    return (this.__origin__ as (...a: unknown[]) => unknown)(...args);
  }
}

/** `Tuple[int, str]`, `Tuple[int, ...]`, `Tuple[()]`. */
function tupleAlias(key: unknown, self: SpecialGenericAlias): unknown {
  const items = key instanceof Tuple ? [...key.items] : [key];
  if (items.length === 2 && items[1] === Ellipsis) return new TypingAlias(tuple, [typeCheck(items[0], "Tuple[t, ...]: t must be a type."), Ellipsis], self._name, false);
  return new TypingAlias(tuple, items.map((a) => typeCheck(a, "Tuple[t0, t1, ...]: each t must be a type.")), self._name, false);
}

/** `Callable[[int], str]`, `Callable[..., T]`, `Callable[P, T]`. */
function callableAlias(key: unknown, self: SpecialGenericAlias): unknown {
  if (!(key instanceof Tuple) || key.items.length !== 2) throw new PyTypeError("Callable must be used as Callable[[arg, ...], result].");
  const [params, result] = key.items;
  const ret = typeCheck(result, "Callable[args, result]: result must be a type.");
  if (Array.isArray(params)) return new CallableAlias(self.__origin__, [...params.map((a) => typeCheck(a, "Callable[[arg, ...], result]: each arg must be a type.")), ret], "Callable");
  if (!isParamExpression(params)) throw new PyTypeError(`Callable[args, result]: args must be a list. Got ${String(params)}`);
  return new CallableAlias(self.__origin__, [params, ret], "Callable");
}

const abc = (name: string) => (): unknown => (collectionsAbcModule as unknown as Record<string, unknown>)[name];
const coll = (name: string) => (): unknown => (collectionsModule as unknown as Record<string, unknown>)[name];
const fixed = (value: unknown) => (): unknown => value;

/** [name, origin, number of parameters, instantiable] of each alias typing exports. */
const ALIASES: ReadonlyArray<[string, () => unknown, number, boolean?]> = [
  ["List", fixed(list), 1, false], ["Dict", fixed(dict), 2, false], ["Set", fixed(set), 1, false],
  ["FrozenSet", fixed(frozenset), 1, false], ["Tuple", fixed(tuple), -1, false], ["Type", fixed(type), 1, false],
  ["Deque", coll("deque"), 1], ["DefaultDict", coll("defaultdict"), 2], ["OrderedDict", coll("OrderedDict"), 2],
  ["Counter", coll("Counter"), 1], ["ChainMap", coll("ChainMap"), 2],
  ["Callable", abc("Callable"), 2], ["Iterable", abc("Iterable"), 1], ["Iterator", abc("Iterator"), 1],
  ["Generator", abc("Generator"), 3], ["AsyncGenerator", abc("AsyncGenerator"), 2], ["Sequence", abc("Sequence"), 1],
  ["MutableSequence", abc("MutableSequence"), 1], ["Mapping", abc("Mapping"), 2], ["MutableMapping", abc("MutableMapping"), 2],
  ["AbstractSet", abc("Set"), 1], ["MutableSet", abc("MutableSet"), 1], ["Collection", abc("Collection"), 1],
  ["Container", abc("Container"), 1], ["Hashable", abc("Hashable"), 0], ["Sized", abc("Sized"), 0],
  ["Reversible", abc("Reversible"), 1], ["Awaitable", abc("Awaitable"), 1], ["Coroutine", abc("Coroutine"), 3],
  ["AsyncIterable", abc("AsyncIterable"), 1], ["AsyncIterator", abc("AsyncIterator"), 1], ["KeysView", abc("KeysView"), 1],
  ["ItemsView", abc("ItemsView"), 2], ["ValuesView", abc("ValuesView"), 1], ["MappingView", abc("MappingView"), 1],
  ["ByteString", abc("ByteString"), 0],
  ["ContextManager", () => (contextlibModule as unknown as Record<string, unknown>).AbstractContextManager, 1],
  ["AsyncContextManager", () => (contextlibModule as unknown as Record<string, unknown>).AbstractAsyncContextManager, 1],
  ["Pattern", () => (reModule as unknown as Record<string, unknown>).Pattern, 1],
  ["Match", () => (reModule as unknown as Record<string, unknown>).Match, 1],
];

export const aliases: Record<string, SpecialGenericAlias> = Object.fromEntries(
  ALIASES.map(([name, origin, n, inst]) => [name, new SpecialGenericAlias(name, origin, n, inst ?? true)]),
);

/** A form taking exactly one type: `ClassVar[int]`, `Final[int]`, `Type`-like forms. */
function single(name: string, allowSpecial = false) {
  return (key: unknown, self: SpecialForm): unknown => {
    const item = typeCheck(key, `typing.${name} accepts only single type.`, allowSpecial);
    return new TypingAlias(self, [item], null);
  };
}

function literal(key: unknown, self: SpecialForm): unknown {
  const flat: unknown[] = [];
  for (const item of keyItems(key)) {
    const parts = item instanceof LiteralAlias ? item.argsList : [item];
    for (const p of parts) if (!flat.some((q) => typeof q === typeof p && q === p)) flat.push(p);
  }
  return new LiteralAlias(self, flat, "Literal");
}

function annotated(key: unknown): unknown {
  if (!(key instanceof Tuple) || key.items.length < 2) {
    throw new PyTypeError("Annotated[...] should be used with at least two arguments (a type and an annotation).");
  }
  const [origin, ...metadata] = key.items;
  const inner = typeCheck(origin, "Annotated[t, ...]: t must be a type.", true);
  if (inner instanceof AnnotatedAlias) return new AnnotatedAlias(inner.__origin__, [...inner.metadata, ...metadata]);
  return new AnnotatedAlias(inner, metadata);
}

function concatenate(key: unknown, self: SpecialForm): unknown {
  const items = keyItems(key);
  if (items.length === 0) throw new PyTypeError("Cannot take a Concatenate of no types.");
  const last = items.at(-1) as { __paramspec__?: boolean } | null;
  if (!(last !== null && typeof last === "object" && last.__paramspec__ === true) && last !== Ellipsis) {
    throw new PyTypeError("The last parameter to Concatenate should be a ParamSpec variable or ellipsis.");
  }
  return new TypingAlias(self, [...items.slice(0, -1).map((a) => typeCheck(a, "Concatenate[arg, ...]: each arg must be a type.")), items.at(-1)], "Concatenate");
}

const optional = (key: unknown): unknown => unionOfArgs([typeCheck(key, "typing.Optional requires a single type."), null]);

export const forms: Record<string, SpecialForm> = {
  Any: new SpecialForm("Any"),
  NoReturn: new SpecialForm("NoReturn"),
  Never: new SpecialForm("Never"),
  Self: new SpecialForm("Self"),
  LiteralString: new SpecialForm("LiteralString"),
  TypeAlias: new SpecialForm("TypeAlias"),
  Union: getUnionForm(),
  Optional: new SpecialForm("Optional", optional),
  ClassVar: new SpecialForm("ClassVar", single("ClassVar")),
  Final: new SpecialForm("Final", single("Final")),
  TypeGuard: new SpecialForm("TypeGuard", single("TypeGuard")),
  Required: new SpecialForm("Required", single("Required")),
  NotRequired: new SpecialForm("NotRequired", single("NotRequired")),
  Literal: new SpecialForm("Literal", literal),
  Annotated: new SpecialForm("Annotated", annotated),
  Concatenate: new SpecialForm("Concatenate", concatenate),
  Unpack: new SpecialForm("Unpack", (key, self) => new UnpackAlias(self, [typeCheck(key, "Unpack accepts only single type.")], "Unpack")),
};
