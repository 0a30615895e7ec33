// Python's `typing` at run time. Hints are erased into TypeScript types by pyts, so this only
// serves programs that use typing's names as values: TypeVar, Generic/Protocol as bases,
// cast, and the special forms subscripted in expressions.

import { iterable } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { namedtuple } from "./namedtuple.js";
import { moduleObject } from "./module-object.js";

/** A special form such as `Optional` or `List`: subscripting gives the form back. */
class SpecialForm {
  static readonly pythonName = "_SpecialForm";
  static readonly __module__ = "typing";
  constructor(readonly _name: string) {}
  __getitem__(_parameters: unknown): SpecialForm {
    return this;
  }
  __repr__(): string {
    return `typing.${this._name}`;
  }
}

class TypeVarImpl {
  static readonly pythonName = "TypeVar";
  static readonly __module__ = "typing";
  constructor(readonly __name__: string) {}
  __repr__(): string {
    return `~${this.__name__}`;
  }
}

/** `TypeVar("T", ...)`. */
function TypeVar(name: unknown, ..._constraints: unknown[]): TypeVarImpl {
  return new TypeVarImpl(String(name));
}

/** `TypeVarTuple("Ts")`: iterating it (`*Ts`) gives the unpacked form, shown as `*Ts`. */
class TypeVarTupleImpl {
  static readonly pythonName = "TypeVarTuple";
  static readonly __module__ = "typing";
  constructor(readonly __name__: string) {}
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

function TypeVarTuple(name: unknown): TypeVarTupleImpl {
  return new TypeVarTupleImpl(String(name));
}

/** `class Box(Generic[T])`: subscripting the base gives the base itself. */
class Generic {
  static __class_getitem__(_parameters: unknown): typeof Generic {
    return this;
  }
}

class Protocol {
  static __class_getitem__(_parameters: unknown): typeof Protocol {
    return this;
  }
}

/**
 * `NamedTuple("Point", [("x", int), ("y", int)])`: the functional form, a named tuple class.
 * (`class Point(NamedTuple)` is lowered to runtime namedTupleBase.)
 */
function NamedTuple(...args: unknown[]): unknown {
  const [positional, keywords] = splitKw(args);
  const typename = String(positional[0]);
  const fields = positional.length > 1 ? Array.from(iterable(positional[1]), (pair) => String(Array.from(iterable(pair))[0])) : Object.keys(keywords);
  return namedtuple(typename, fields);
}

const forms = Object.fromEntries(
  ["Any", "Optional", "Union", "List", "Dict", "Set", "FrozenSet", "Tuple", "Callable", "Iterable", "Iterator", "Generator",
    "AsyncIterator", "AsyncIterable", "AsyncGenerator", "Awaitable", "Coroutine", "Sequence", "Mapping", "MutableMapping",
    "Type", "ClassVar", "Final", "Literal", "Annotated", "NoReturn", "Deque", "DefaultDict", "Counter"].map((name) => [name, new SpecialForm(name)]),
);

export const typingModule = Object.freeze(moduleObject("typing", {
  ...forms,
  TYPE_CHECKING: false,
  TypeVar,
  TypeVarTuple,
  NamedTuple,
  Generic,
  Protocol,
  cast: (_type: unknown, value: unknown): unknown => value,
  overload: <F>(fn: F): F => fn,
  final: <F>(fn: F): F => fn,
  runtime_checkable: <F>(cls: F): F => cls,
})) as Readonly<Record<string, any>>;
