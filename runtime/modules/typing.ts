// Python's `typing` at run time. Hints are erased into TypeScript types by pyts; this module
// serves programs that use typing's names as values: the aliases and special forms
// subscripted in expressions (typing-alias.ts, typing-forms.ts), TypeVar/Generic/Protocol
// (typing-generic.ts), introspection (typing-hints.ts) and TypedDict/NamedTuple
// (typing-typeddict.ts).

import { bytes } from "../values/builtin-types.js";
import { str } from "../values/repr.js";
import { moduleObject } from "./module-object.js";
import { ForwardRef } from "./typing-alias.js";
import { aliases, forms } from "./typing-forms.js";
import {
  Generic, NewType, ParamSpec, ParamSpecArgs, ParamSpecKwargs, Protocol, TypeVar, TypeVarTuple, origBases, runtime_checkable,
} from "./typing-generic.js";
import {
  assert_never, assert_type, cast, clear_overloads, dataclass_transform, final, get_args, get_origin, get_overloads, get_type_hints,
  no_type_check, no_type_check_decorator, overload, reveal_type,
} from "./typing-hints.js";
import { NamedTuple, TypedDict, is_typeddict } from "./typing-typeddict.js";
import { GenericAlias } from "../values/subscript.js";

const AnyStr = TypeVar("AnyStr", bytes, str);

/** A class of typing's own (`IO`, `SupportsInt`): shown as `typing.Name`. */
function typingClass<C extends object>(cls: C, params: unknown[]): C {
  Object.defineProperty(cls, "__module__", { value: "typing", writable: true, configurable: true });
  origBases(cls, params.length > 0 ? [(Generic as unknown as { __class_getitem__(k: unknown): unknown }).__class_getitem__(params[0])] : [Protocol]);
  return cls;
}

/** `IO[AnyStr]` and its text and binary forms. */
class IO extends Generic {}
class TextIO extends IO {}
class BinaryIO extends IO {}
typingClass(IO, [AnyStr]);
Object.defineProperty(TextIO, "__module__", { value: "typing" });
Object.defineProperty(BinaryIO, "__module__", { value: "typing" });

/** The runtime-checkable protocols of one special method (`SupportsInt` has `__int__`). */
function supports(name: string, method: string): unknown {
  const cls = { [name]: class extends Protocol {} }[name]!;
  Object.defineProperty(cls.prototype, method, { value: function (): unknown { return null; }, writable: true, configurable: true });
  typingClass(cls, []);
  Object.defineProperty(cls, Symbol.for("pyts.bases"), { value: [Protocol] });
  return runtime_checkable(cls);
}

const SUPPORTS = {
  SupportsAbs: supports("SupportsAbs", "__abs__"),
  SupportsBytes: supports("SupportsBytes", "__bytes__"),
  SupportsComplex: supports("SupportsComplex", "__complex__"),
  SupportsFloat: supports("SupportsFloat", "__float__"),
  SupportsIndex: supports("SupportsIndex", "__index__"),
  SupportsInt: supports("SupportsInt", "__int__"),
  SupportsRound: supports("SupportsRound", "__round__"),
};

export const typingModule = Object.freeze(moduleObject("typing", {
  ...aliases,
  ...forms,
  ...SUPPORTS,
  TYPE_CHECKING: false,
  Text: str,
  AnyStr,
  IO,
  TextIO,
  BinaryIO,
  ForwardRef,
  GenericAlias,
  TypeVar,
  TypeVarTuple,
  ParamSpec,
  ParamSpecArgs,
  ParamSpecKwargs,
  NewType,
  NamedTuple,
  TypedDict,
  Generic,
  Protocol,
  runtime_checkable,
  is_typeddict,
  get_origin,
  get_args,
  get_type_hints,
  cast,
  overload,
  get_overloads,
  clear_overloads,
  final,
  no_type_check,
  no_type_check_decorator,
  assert_never,
  assert_type,
  reveal_type,
  dataclass_transform,
})) as Readonly<Record<string, any>>;
