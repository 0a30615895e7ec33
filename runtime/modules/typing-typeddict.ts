// typing.TypedDict (class and functional forms: instances are plain dicts, with
// `__required_keys__`/`__optional_keys__`, `total=False`, Required/NotRequired) and the
// functional NamedTuple with `_field_defaults`.

import { Dict } from "../values/dict.js";
import { FrozenSet } from "../values/set.js";
import { PyTypeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { iterable } from "../values/iteration.js";
import { dict } from "../values/builtin-types.js";
import { namedtuple } from "./namedtuple.js";
import { SpecialForm, TypingAlias, typeCheck } from "./typing-alias.js";

const TOTAL = Symbol.for("pyts.typing.total");
const TYPED_DICT = Symbol.for("pyts.typing.typedDict");

function marker(t: unknown): string | null {
  return t instanceof TypingAlias && t.__origin__ instanceof SpecialForm && (t.__origin__._name === "Required" || t.__origin__._name === "NotRequired") ? t.__origin__._name : null;
}

/** The keys of a TypedDict class, own and inherited, as [name, required]. */
function keys(cls: object): Array<[string, boolean]> {
  const chain: object[] = [];
  for (let c: object | null = cls; c !== null && c !== TypedDictBase && typeof c === "function"; c = Object.getPrototypeOf(c) as object | null) chain.unshift(c);
  const out = new Map<string, boolean>();
  for (const c of chain) {
    const total = Object.hasOwn(c, TOTAL) ? (c as Record<symbol, boolean>)[TOTAL] : true;
    const hints = Object.hasOwn(c, "__annotations__") ? (c as { __annotations__: unknown }).__annotations__ : null;
    if (!(hints instanceof Dict)) continue;
    for (const [k, v] of hints.entries()) {
      const m = marker(v);
      out.set(String(k), m === "Required" ? true : m === "NotRequired" ? false : total);
    }
  }
  return [...out];
}

/** The base of `class Movie(TypedDict)`: calling the class builds a dict. */
class TypedDictBase {
  static readonly __module__ = "typing";
  static get __total__(): boolean {
    return Object.hasOwn(this, TOTAL) ? (this as unknown as Record<symbol, boolean>)[TOTAL] : true;
  }
  static get __required_keys__(): FrozenSet {
    return new FrozenSet(keys(this).filter(([, r]) => r).map(([k]) => k));
  }
  static get __optional_keys__(): FrozenSet {
    return new FrozenSet(keys(this).filter(([, r]) => !r).map(([k]) => k));
  }
  static __init_subclass__(...all: unknown[]): void {
    const [, kw] = splitKw(all);
    Object.defineProperty(this, TYPED_DICT, { value: true });
    if ("total" in kw) Object.defineProperty(this, TOTAL, { value: kw.total === true || kw.total === 1n });
  }
  constructor(...args: unknown[]) {
    if (new.target === TypedDictBase) throw new PyTypeError("Type TypedDict cannot be instantiated; use dict() instead");
    return (dict as (...a: unknown[]) => unknown)(...args) as TypedDictBase;
  }
}

/** `TypedDict("Movie", {"name": str}, total=False)` or `class Movie(TypedDict)`. */
export const TypedDict = new Proxy(TypedDictBase, {
  apply(_target, _this, all: unknown[]) {
    const [positional, kw] = splitKw(all);
    const name = String(positional[0]);
    const fields = positional[1] instanceof Dict ? positional[1] : new Dict();
    const cls = { [name]: class extends TypedDictBase {} }[name]!;
    const hints = new Dict<string, unknown>([...fields.entries()].map(([k, v]) => [String(k), typeCheck(v, "TypedDict('Name', {f0: t0, f1: t1, ...}); each t must be a type")]));
    Object.defineProperty(cls, "__annotations__", { value: hints, writable: true, configurable: true });
    Object.defineProperty(cls, TYPED_DICT, { value: true });
    Object.defineProperty(cls, "__module__", { value: "__main__", writable: true, configurable: true });
    if ("total" in kw) Object.defineProperty(cls, TOTAL, { value: kw.total === true });
    return cls;
  },
});

/** `is_typeddict(tp)`. */
export function is_typeddict(tp: unknown): boolean {
  return typeof tp === "function" && (Object.hasOwn(tp, TYPED_DICT) || (tp as { prototype?: unknown }).prototype instanceof TypedDictBase);
}

/**
 * `NamedTuple("Point", [("x", int), ("y", int)])` / `NamedTuple("Point", x=int, y=int)`: the
 * functional form, a named tuple class with `__annotations__`.
 * (`class Point(NamedTuple)` is lowered to runtime namedTupleBase.)
 */
export function NamedTuple(...args: unknown[]): unknown {
  const [positional, keywords] = splitKw(args);
  const typename = String(positional[0]);
  const pairs: Array<[string, unknown]> = positional.length > 1
    ? Array.from(iterable(positional[1]), (pair) => {
      const [name, tp] = Array.from(iterable(pair));
      return [String(name), tp];
    })
    : Object.entries(keywords);
  const cls = namedtuple(typename, pairs.map(([n]) => n)) as unknown as object;
  const hints = new Dict<string, unknown>(pairs.map(([n, t]) => [n, typeCheck(t, "NamedTuple('Name', [(f0, t0), (f1, t1), ...]); each t must be a type")]));
  Object.defineProperty(cls, "__annotations__", { value: hints, writable: true, configurable: true });
  return cls;
}

