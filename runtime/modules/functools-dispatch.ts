// functools.singledispatch: a generic function choosing its implementation by the class of
// its first argument, the nearest class of that argument's MRO that has one registered.
// `@f.register` reads the class from the implementation's first annotation (the lowering
// attaches the hints of a def decorated with `.register` before the decorator runs).

import { getattrImpl } from "../values/attributes.js";
import { object, runtimeClassOf, typeOf } from "../values/builtin-types.js";
import { Dict } from "../values/dict.js";
import { PyTypeError, RuntimeError } from "../values/exceptions.js";
import { issubclass } from "../values/builtin-functions.js";
import { splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { isClass } from "../values/typename.js";
import { functionName } from "../lang/functions.js";
import { callValue } from "./pycall.js";
import { update_wrapper } from "./functools.js";

type AnyFn = (...args: unknown[]) => unknown;

/** The def's hints, set on it by the lowering (`withAnnotations`). */
export function withAnnotations<F>(f: F, hints: Dict<string, unknown>): F {
  Object.defineProperty(f, "__annotations__", { value: hints, writable: true, configurable: true, enumerable: false });
  return f;
}

function nameOf(f: unknown): string {
  return typeof f === "function" ? functionName(f) : String(getattrImpl(f, "__name__"));
}

function firstHint(f: unknown): [string, unknown] | null {
  // (a classmethod or staticmethod object: its function's hints)
  const inner = typeof f === "object" && f !== null && "__func__" in f ? (f as { __func__: unknown }).__func__ : f;
  const hints = (inner as { __annotations__?: unknown }).__annotations__;
  if (!(hints instanceof Dict)) return null;
  for (const [name, value] of hints.entries()) if (name !== "return") return [name as string, value];
  return null;
}

export function singledispatch(func: unknown): AnyFn {
  const registry = new Dict<unknown, unknown>();
  registry.set(object, func);
  const funcname = nameOf(func);

  function dispatch(cls: unknown): unknown {
    const registered = [...registry.keys()];
    const mro = (getattrImpl(cls, "__mro__") as Tuple).items;
    for (const c of mro) {
      if (c === object) break;
      if (registry.has(c)) return registry.get(c);
      // A built-in base appears as its runtime class (Dict for dict) in a subclass's MRO.
      const builtin = registered.find((k) => runtimeClassOf(k) === c);
      if (builtin !== undefined) return registry.get(builtin);
    }
    // An ABC the class is a (virtual) subclass of (`Mapping` for dict), before `object`
    // as CPython's _compose_mro places it: the most derived of those that match.
    const abcs = registered.filter((k) => k !== object && !mro.includes(k) && issubclass(cls, k));
    const best = abcs.filter((k) => !abcs.some((other) => other !== k && issubclass(other, k)));
    if (best.length > 1) throw new RuntimeError(`Ambiguous dispatch: ${repr(best[0])} or ${repr(best[1])}`);
    if (best.length === 1) return registry.get(best[0]);
    return registry.has(object) ? registry.get(object) : func;
  }

  function register(cls: unknown, impl: unknown = undefined): unknown {
    if (isClass(cls)) {
      if (impl === undefined) return (f: unknown) => register(cls, f);
    } else {
      if (impl !== undefined) throw new PyTypeError(`Invalid first argument to \`register()\`. ${repr(cls)} is not a class.`);
      const hint = firstHint(cls);
      if (hint === null) {
        throw new PyTypeError(`Invalid first argument to \`register()\`: ${repr(cls)}. Use either \`@register(some_class)\` or plain \`@register\` on an annotated function.`);
      }
      impl = cls;
      const [argname, annotated] = hint;
      if (!isClass(annotated)) throw new PyTypeError(`Invalid annotation for ${repr(argname)}. ${repr(annotated)} is not a class.`);
      cls = annotated;
    }
    registry.set(cls, impl);
    return impl;
  }

  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    const [positional] = splitKw(args);
    if (positional.length === 0) throw new PyTypeError(`${funcname} requires at least 1 positional argument`);
    return callValue(dispatch(typeOf(positional[0])), ...args);
  };
  update_wrapper(wrapper, func);
  Object.assign(wrapper, { register, dispatch, registry });
  return wrapper;
}
