// Python's `typing` at run time. Hints are erased into TypeScript types by pyts; this module
// serves programs that use typing's names as values: the aliases and special forms
// subscripted in expressions (typing-alias.ts, typing-forms.ts), TypeVar/Generic/Protocol
// (typing-generic.ts), introspection (typing-hints.ts) and TypedDict/NamedTuple
// (typing-typeddict.ts).

import { bytes } from "../values/builtin-types.js";
import { str } from "../values/repr.js";
import { moduleObject } from "./module-object.js";
import { abstractInterface } from "./typing-io.js";
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
import { kw } from "../values/kwargs.js";
import { type } from "../values/builtin-types.js";
import { collectionsModule } from "./collections.js";
import { contextlibModule } from "./contextlib.js";
import { functoolsModule } from "./functools.js";
import { operatorModule } from "./operator.js";
import { ioModule } from "./io.js";
import { reModule } from "./re.js";
import { sysModule } from "./sys.js";
import { typesModule } from "./types.js";
import { warningsModule } from "./warnings.js";
import { abcModule } from "./abc.js";

const AnyStr = TypeVar("AnyStr", bytes, str);

/** The type variables typing.py defines for its own generic aliases. */
const VARIABLES = {
  T: TypeVar("T"), KT: TypeVar("KT"), VT: TypeVar("VT"), T_co: TypeVar("T_co", kw({ covariant: true })),
  V_co: TypeVar("V_co", kw({ covariant: true })), VT_co: TypeVar("VT_co", kw({ covariant: true })),
  T_contra: TypeVar("T_contra", kw({ contravariant: true })), CT_co: TypeVar("CT_co", kw({ covariant: true, bound: type })),
};

/** The modules and names typing.py imports (read lazily: the modules import each other). */
const IMPORTED = {
  get collections(): unknown { return collectionsModule; },
  get contextlib(): unknown { return contextlibModule; },
  get functools(): unknown { return functoolsModule; },
  get operator(): unknown { return operatorModule; },
  get io(): unknown { return ioModule; },
  get re(): unknown { return reModule; },
  get stdlib_re(): unknown { return reModule; },
  get sys(): unknown { return sysModule; },
  get types(): unknown { return typesModule; },
  get warnings(): unknown { return warningsModule; },
  get defaultdict(): unknown { return (collectionsModule as unknown as Record<string, unknown>).defaultdict; },
  get ABCMeta(): unknown { return (abcModule as unknown as Record<string, unknown>).ABCMeta; },
  get abstractmethod(): unknown { return (abcModule as unknown as Record<string, unknown>).abstractmethod; },
};

/** A class of typing's own (`IO`, `SupportsInt`): shown as `typing.Name`. */
function typingClass<C extends object>(cls: C, params: unknown[]): C {
  Object.defineProperty(cls, "__module__", { value: "typing", writable: true, configurable: true });
  origBases(cls, params.length > 0 ? [(Generic as unknown as { __class_getitem__(k: unknown): unknown }).__class_getitem__(params[0])] : [Protocol]);
  return cls;
}

/** `attributes` with the accessors of `lazy` (spreading would read them now). */
function withAccessors<T extends object>(lazy: object, attributes: T): T {
  return Object.defineProperties(attributes, Object.getOwnPropertyDescriptors(lazy));
}

/** `IO[AnyStr]` and its text and binary forms. */
class IO extends Generic {}
class TextIO extends IO {}
class BinaryIO extends IO {}
typingClass(IO, [AnyStr]);
Object.defineProperty(TextIO, "__module__", { value: "typing" });
Object.defineProperty(BinaryIO, "__module__", { value: "typing" });
abstractInterface(IO, "close fileno flush isatty read readable readline readlines seek seekable tell truncate writable write writelines", "closed mode name");
abstractInterface(TextIO, "", "buffer encoding errors line_buffering newlines");
// (BinaryIO's write is its own: `write(s: bytes | bytearray)`)
abstractInterface(BinaryIO, "write", "");

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

export const typingModule = moduleObject("typing", withAccessors(IMPORTED, {
  ...aliases,
  ...forms,
  ...SUPPORTS,
  ...VARIABLES,
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
})) as Readonly<Record<string, any>> & {
  // Bases of class statements: constructible with the class call's arguments.
  readonly TypedDict: new (...args: any[]) => any;
  readonly Generic: new (...args: any[]) => any;
  readonly Protocol: new (...args: any[]) => any;
};
