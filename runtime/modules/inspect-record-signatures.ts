// inspect.signature of the classes dataclasses and namedtuples make, whose `__init__` /
// `__new__` CPython generates: a dataclass's parameters are its init fields and InitVars with
// their annotations, defaults (`<factory>` for a default_factory) and `-> None`; a namedtuple's
// are its `_fields` with `_field_defaults` (and the annotations of a typing.NamedTuple).

import { Dict } from "../values/dict.js";
import { getattr } from "../values/builtin-functions.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { parseSpec } from "../lang/binding.js";
import type { FunctionInfo } from "../lang/function-info.js";
import { _empty, BY_SPEC, KINDS, Parameter, Signature } from "./inspect-signature.js";

/** dataclasses' `_HAS_DEFAULT_FACTORY`: the default a signature shows for a field with a default_factory. */
class HasDefaultFactory {
  static readonly pythonName = "_HAS_DEFAULT_FACTORY_CLASS";
  static readonly __module__ = "dataclasses";
  __repr__(): string {
    return "<factory>";
  }
}
const FACTORY = new HasDefaultFactory();

function parameter(name: string, kind: unknown, dflt: unknown, annotation: unknown): Parameter {
  return Object.assign(Object.create(Parameter.prototype) as Parameter, { name, kind, default: dflt, annotation });
}

/** The annotation of `name` in the class body of `cls` or of the nearest base annotating it. */
function annotationOf(cls: Function, name: string): unknown {
  for (let c: unknown = cls; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    let hints: unknown;
    try {
      hints = getattr(c, "__annotations__", null);
    } catch {
      hints = null;
    }
    if (hints instanceof Dict && hints.has(name)) return hints.get(name);
  }
  return _empty;
}

const isMissing = (x: unknown): boolean => typeName(x) === "_MISSING_TYPE";

/**
 * The signature of dataclass `cls` whose `__init__` the decorator made (`info`, the recorded
 * constructor, names exactly its fields and InitVars); null for an `__init__` the class defines.
 */
export function dataclassSignature(cls: Function, info: FunctionInfo): Signature | null {
  const fields = (cls as { __dataclass_fields__?: unknown }).__dataclass_fields__;
  if (!(fields instanceof Dict) || info.spec === null) return null;
  // (the constructor's record names `self` first)
  const specs = parseSpec(info.spec).filter((p) => !(p.kind === "vararg" && p.name === "")).slice(1);
  if (specs.some((p) => p.kind === "vararg" || p.kind === "kwarg")) return null;
  const initFields = [...fields.values()].filter((f) => (f as { init?: unknown }).init === true).map((f) => (f as { name: string }).name);
  // (every init field is a parameter; the others are InitVars, which are no fields here)
  if (!initFields.every((name) => specs.some((p) => p.name === name))) return null;
  const params = specs.map((p) => {
    const field = fields.get(p.name) as { default?: unknown; default_factory?: unknown } | undefined;
    let dflt: unknown = _empty;
    if (field !== undefined) {
      if (!isMissing(field.default)) dflt = field.default;
      else if (!isMissing(field.default_factory)) dflt = FACTORY;
    } else if (p.hasDefault) {
      // (an InitVar's default stays the class attribute its assignment made)
      dflt = getattr(cls, p.name, _empty);
    }
    return parameter(p.name, BY_SPEC[p.kind], dflt, annotationOf(cls, p.name));
  });
  return Object.assign(new Signature(params), { return_annotation: null });
}

/** The signature of namedtuple class `cls` (`_fields` and `_field_defaults`), else null. */
export function namedTupleSignature(cls: Function): Signature | null {
  const names = getattr(cls, "_fields", null);
  const defaults = getattr(cls, "_field_defaults", null);
  if (!(names instanceof Tuple) || !(defaults instanceof Dict)) return null;
  const params = names.items.map((name) => {
    const key = name as string;
    return parameter(key, KINDS.POSITIONAL_OR_KEYWORD, defaults.has(key) ? defaults.get(key) : _empty, annotationOf(cls, key));
  });
  return new Signature(params);
}

/**
 * The signature of `functools.partial(func, *args, **keywords)` as CPython's inspect derives
 * it from `func`'s: the parameters `args` fill are gone; a parameter a keyword sets keeps it as
 * its default, and from the first positional-or-keyword one so set on, the parameters become
 * keyword-only (moved after the others, as CPython moves them).
 */
export function partialSignature(base: Signature, args: readonly unknown[], keywords: Dict): Signature {
  const params = new Map<string, Parameter>(base.params.map((p) => [p.name, p]));
  let positional = args.length;
  let toKeywordOnly = false;
  for (const param of base.params) {
    const name = param.name;
    let bound = false;
    let value: unknown;
    if ((param.kind === KINDS.POSITIONAL_ONLY || param.kind === KINDS.POSITIONAL_OR_KEYWORD) && positional > 0) {
      positional--;
      bound = true;
    } else if (param.kind !== KINDS.POSITIONAL_ONLY && param.kind !== KINDS.VAR_POSITIONAL && param.kind !== KINDS.VAR_KEYWORD && keywords.has(name)) {
      bound = true;
      value = keywords.get(name);
    }
    if (bound) {
      if (param.kind === KINDS.POSITIONAL_ONLY) {
        params.delete(name);
        continue;
      }
      if (param.kind === KINDS.POSITIONAL_OR_KEYWORD) {
        if (!keywords.has(name)) {
          params.delete(name);
          continue;
        }
        toKeywordOnly = true;
        params.set(name, parameter(name, param.kind, value, param.annotation));
      }
      if (param.kind === KINDS.KEYWORD_ONLY) params.set(name, parameter(name, param.kind, value, param.annotation));
    }
    if (!toKeywordOnly) continue;
    const current = params.get(name)!;
    if (param.kind === KINDS.POSITIONAL_OR_KEYWORD) {
      params.delete(name);
      params.set(name, parameter(name, KINDS.KEYWORD_ONLY, current.default, current.annotation));
    } else if (param.kind === KINDS.KEYWORD_ONLY || param.kind === KINDS.VAR_KEYWORD) {
      params.delete(name);
      params.set(name, current);
    } else if (param.kind === KINDS.VAR_POSITIONAL) params.delete(name);
  }
  return Object.assign(new Signature([...params.values()]), { return_annotation: base.return_annotation });
}
