// typing's introspection: get_origin, get_args, get_type_hints (string hints resolved through
// the forward references the compiler registers for each module), and the small helpers:
// overload registry, final, no_type_check, assert_never, assert_type, reveal_type, cast.

import { Tuple } from "../values/tuple.js";
import { Dict } from "../values/dict.js";
import { PyTypeError, NameError, AssertionError, NotImplementedError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { getattr } from "../values/builtin-functions.js";
import { getattrImpl } from "../values/attributes.js";
import { NoneType } from "../values/builtin-types.js";
import { GenericAlias } from "../values/subscript.js";
import { UnionType } from "../values/union-type.js";
import { isClass, moduleName, qualName, typeName } from "../values/typename.js";
import { stderr } from "../values/print.js";
import { AnnotatedAlias, CallableAlias, ForwardRef, SpecialForm, TypingAlias, isParamExpression } from "./typing-alias.js";
import { Generic } from "./typing-generic.js";
import { forms } from "./typing-forms.js";
import { forwardTables } from "./typing-hooks.js";

/** `get_origin(List[int])` is list; `get_origin(Annotated[int, x])` is Annotated. */
export function get_origin(tp: unknown): unknown {
  if (tp instanceof AnnotatedAlias) return forms.Annotated;
  if (tp instanceof TypingAlias || tp instanceof GenericAlias) return tp.__origin__;
  if (tp === Generic) return Generic;
  if (tp instanceof UnionType) return UnionType;
  if (tp !== null && typeof tp === "object" && typeName(tp) === "_SpecialGenericAlias") return (tp as { __origin__: unknown }).__origin__;
  return null;
}

/** `get_args(Dict[str, int])` is (str, int); a Callable's parameters come back as a list. */
export function get_args(tp: unknown): Tuple<unknown> {
  if (tp instanceof AnnotatedAlias) return Tuple.from([tp.__origin__, ...tp.metadata]);
  if (tp instanceof TypingAlias) {
    const args = tp.argsList;
    if (tp instanceof CallableAlias && !(args.length === 2 && isParamExpression(args[0]))) return Tuple.of([...args.slice(0, -1)], args.at(-1));
    return Tuple.from(args);
  }
  if (tp instanceof GenericAlias) return tp.__args__;
  if (tp instanceof UnionType) return tp.__args__;
  return Tuple.from([]);
}

/** Forward references by module: the hint's text and a thunk giving its value. */
function resolveForward(text: string, module: string): unknown {
  const thunk = forwardTables.get(module)?.get(text) ?? forwardTables.get(module)?.get(text.trim());
  if (thunk === undefined) throw new NameError(`name '${text.split(/[^\w.]/)[0]}' is not defined`);
  try {
    return thunk();
  } catch (e) {
    if (e instanceof ReferenceError) throw new NameError(`name '${text.split(/[^\w.]/)[0]}' is not defined`);
    throw e;
  }
}

/** A hint as get_type_hints gives it: strings evaluated, None as NoneType, forward refs inside aliases too. */
function evaluate(value: unknown, module: string): unknown {
  if (value === null || value === undefined) return NoneType;
  if (typeof value === "string") return evaluate(resolveForward(value, module), module);
  if (value instanceof ForwardRef) return evaluate(resolveForward(value.__forward_arg__, module), module);
  if (value instanceof TypingAlias && value.argsList.some((a) => a instanceof ForwardRef)) {
    return value.copyWith(value.argsList.map((a) => (a instanceof ForwardRef ? evaluate(a, module) : a)));
  }
  return value;
}

/** Annotated[T, ...] as T, Required[T]/NotRequired[T] as T (include_extras=False). */
function stripExtras(t: unknown): unknown {
  if (t instanceof AnnotatedAlias) return stripExtras(t.__origin__);
  if (t instanceof TypingAlias && t.__origin__ instanceof SpecialForm && (t.__origin__._name === "Required" || t.__origin__._name === "NotRequired")) return stripExtras(t.argsList[0]);
  if (t instanceof TypingAlias && t.argsList.some((a) => stripExtras(a) !== a)) return t.copyWith(t.argsList.map(stripExtras));
  return t;
}

function entries(hints: unknown): Array<[string, unknown]> {
  if (hints instanceof Dict) return [...hints.entries()] as Array<[string, unknown]>;
  return [];
}

/** `get_type_hints(obj, globalns=None, localns=None, include_extras=False)`. */
export function get_type_hints(...all: unknown[]): Dict<string, unknown> {
  const [positional, kw] = splitKw(all);
  const obj = positional[0];
  const extras = (positional[3] ?? kw.include_extras) === true;
  const out = new Dict<string, unknown>();
  const finish = (t: unknown): unknown => (extras ? t : stripExtras(t));
  if (isClass(obj)) {
    const mro = [...(getattr(obj, "__mro__") as Tuple<unknown>).items].reverse();
    for (const base of mro) {
      if (!isClass(base) || Object.hasOwn(base, "pythonName") || Object.hasOwn(base, "__pytype__")) continue;
      const hints = Object.hasOwn(base, "__annotations__") ? (base as unknown as { __annotations__: unknown }).__annotations__ : null;
      for (const [name, value] of entries(hints)) out.set(name, finish(evaluate(value, moduleName(base))));
    }
    return out;
  }
  const hints = getattrImpl(obj, "__annotations__");
  if (!(hints instanceof Dict)) {
    if (obj !== null && typeof obj === "object" && typeName(obj) === "module") return out;
    throw new PyTypeError(`${repr(obj)} is not a module, class, method, or function.`);
  }
  const module = typeName(obj) === "module" ? String((obj as { __name__: unknown }).__name__) : String(getattr(obj, "__module__", "__main__") ?? "__main__");
  for (const [name, value] of entries(hints)) out.set(name, finish(evaluate(value, module)));
  return out;
}

const overloads = new Map<string, unknown[]>();

function overloadKey(fn: unknown): string {
  return `${String(getattr(fn, "__module__", "__main__"))}.${qualName(fn as () => void)}`;
}

/** `@overload`: the decorated signature is recorded (get_overloads) and calling it raises. */
export function overload(fn: unknown): unknown {
  const key = overloadKey(fn);
  overloads.set(key, [...(overloads.get(key) ?? []), fn]);
  const stub = function (): never {
    throw new NotImplementedError("You should not call an overloaded function. A series of @overload-decorated functions outside a stub module should always be followed by an implementation that is not @overload-ed.");
  };
  for (const name of ["__name__", "__qualname__", "__module__"]) Object.defineProperty(stub, name, { value: getattr(fn, name, null), configurable: true });
  return stub;
}

export function get_overloads(fn: unknown): unknown[] {
  return [...(overloads.get(overloadKey(fn)) ?? [])];
}

export function clear_overloads(): null {
  overloads.clear();
  return null;
}

/** `@final` marks with `__final__ = True` where it can. */
export function final<F>(f: F): F {
  try {
    Object.defineProperty(f, "__final__", { value: true, configurable: true, writable: true });
  } catch {
    // a frozen object keeps no mark
  }
  return f;
}

export function no_type_check<F>(f: F): F {
  try {
    Object.defineProperty(f, "__no_type_check__", { value: true, configurable: true, writable: true });
  } catch {
    // a frozen object keeps no mark
  }
  return f;
}

export function no_type_check_decorator<F>(f: F): F {
  return f;
}

export function assert_never(arg: unknown): never {
  let value = repr(arg);
  if (value.length > 100) value = value.slice(0, 100) + "...";
  throw new AssertionError(`Expected code to be unreachable, but got: ${value}`);
}

export function assert_type(value: unknown, _type: unknown): unknown {
  return value;
}

/** `reveal_type(x)` prints `Runtime type is 'int'` to stderr and gives x back. */
export function reveal_type(obj: unknown): unknown {
  stderr.write(`Runtime type is ${repr(typeName(obj))}\n`);
  return obj;
}

export function cast(_type: unknown, value: unknown): unknown {
  return value;
}

/** `@dataclass_transform(...)`: records its arguments as `__dataclass_transform__`. */
export function dataclass_transform(...all: unknown[]): (cls: unknown) => unknown {
  const [, kw] = splitKw(all);
  const record = new Dict<string, unknown>([
    ["eq_default", kw.eq_default ?? true], ["order_default", kw.order_default ?? false], ["kw_only_default", kw.kw_only_default ?? false],
    ["field_specifiers", kw.field_specifiers ?? Tuple.from([])], ["kwargs", new Dict(Object.entries(kw).filter(([k]) => !["eq_default", "order_default", "kw_only_default", "field_specifiers"].includes(k)))],
  ]);
  return (cls: unknown): unknown => {
    Object.defineProperty(cls, "__dataclass_transform__", { value: record, configurable: true, writable: true });
    return cls;
  };
}
