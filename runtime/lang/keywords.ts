// Keyword arguments for user functions called where the lowering could not bind them
// statically. A def that may receive `kw({...})` is wrapped with its signature spec
// (runtime/lang/binding.ts describes specs), and binds a call's arguments by name.
import { Kwargs } from "../values/kwargs.js";
import { Dict } from "../values/dict.js";
import { Tuple } from "../values/tuple.js";
import { PyTypeError } from "../values/exceptions.js";
import { bindArguments, parseSpec, type Param } from "./binding.js";
import { FUNCTION_INFO, WRAPPED_DEF, type FunctionInfo } from "./function-info.js";
import { applyMany, withManyArgs } from "./spread-call.js";

/** A call's positional values and keywords, the keywords from a trailing `kw(...)` marker. */
export function splitCall(args: readonly unknown[]): [unknown[], [string, unknown][]] {
  const last = args[args.length - 1];
  if (!(last instanceof Kwargs)) return [args as unknown[], []];
  return [args.slice(0, -1), Object.entries(last.values)];
}

/**
 * Arrange a call's arguments into a def's JS parameter layout: positional parameters, `*args`
 * (spread when it is a rest parameter, else one Tuple), keyword-only parameters, `**kwargs`
 * (a Dict). Raises CPython's TypeError for a call Python would reject.
 */
export function bindToLayout(fname: string, params: readonly Param[], args: readonly unknown[], duplicate: string | null = null): unknown[] {
  const [positional, keywords] = splitCall(args);
  if (duplicate !== null) throw new PyTypeError(`__main__.${fname}() got multiple values for keyword argument '${duplicate}'`);
  const bound = bindArguments(fname, params, positional, keywords);
  if (typeof bound === "string") throw new PyTypeError(bound);
  const out: unknown[] = [...bound.positional];
  const vararg = params.find((p) => p.kind === "vararg");
  if (vararg && vararg.name !== "") {
    const packed = params.some((p) => p.kind === "kwonly" || p.kind === "kwarg");
    if (packed) out.push(Tuple.from(bound.extra));
    // (one by one: `push(...extra)` would pass a huge `*args` on the JS stack)
    else for (const x of bound.extra) out.push(x);
  }
  out.push(...bound.kwonly);
  if (params.some((p) => p.kind === "kwarg")) out.push(new Dict(bound.kwargs));
  return out;
}

function duplicateKeyword(args: readonly unknown[]): string | null {
  const last = args[args.length - 1];
  return last instanceof Kwargs ? last.duplicate : null;
}

/**
 * Wrap a def so that a call ending in `kw({...})` is bound by name. Calls without keywords
 * pass straight through when their count fits (with `*args` packed when it is not a JS rest
 * parameter). `qualname` names the function in error messages. The wrapper keeps the def's
 * return type (a TypeScript caller then sees a coroutine as one).
 */
export { WRAPPED_DEF };

export function keywords<R>(fn: (...args: any[]) => R, spec: readonly string[], qualname: string = fn.name, firstLine = 0): (...args: any[]) => R {
  const params = parseSpec(spec);
  const varargPacked = params.some((p) => p.kind === "vararg") && params.some((p) => p.kind === "kwonly" || p.kind === "kwarg");
  const positionalCount = params.filter((p) => p.kind === "positional" || p.kind === "positionalOnly").length;
  const hasRest = params.some((p) => p.kind === "vararg" && p.name !== "");
  // (The rest parameter, if any, follows the positional ones: applyMany passes a huge one boxed.)
  const rest = hasRest && !varargPacked ? positionalCount : -1;
  const state = { params, required: 0, simple: false };
  const settle = (): void => {
    state.required = params.filter((p) => (p.kind === "positional" || p.kind === "positionalOnly") && !p.hasDefault).length;
    state.simple = !varargPacked && !params.some((p) => p.kind === "kwonly" && !p.hasDefault);
  };
  settle();
  const call = function (this: unknown, args: unknown[]): unknown {
    const last = args[args.length - 1];
    if (state.simple && !(last instanceof Kwargs) && args.length >= state.required && (hasRest || args.length <= positionalCount)) return applyMany(fn, this, args, rest);
    return applyMany(fn, this, bindToLayout(qualname, params, args, duplicateKeyword(args)), rest);
  };
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    return call.call(this, args);
  };
  withManyArgs(wrapper, call);
  Object.defineProperty(wrapper, "name", { value: fn.name });
  Object.defineProperty(wrapper, WRAPPED_DEF, { value: fn });
  Object.defineProperty(wrapper, REDEFAULT, { value: (positional: number | null, keyword: ReadonlySet<string> | null) => {
    const positionals = params.filter((p) => p.kind === "positional" || p.kind === "positionalOnly");
    if (positional !== null) positionals.forEach((p, i) => (p.hasDefault = i >= positionals.length - positional));
    if (keyword !== null) for (const p of params) if (p.kind === "kwonly") p.hasDefault = keyword.has(p.name);
    settle();
  } });
  const info: FunctionInfo = { qualname, spec, binds: true };
  if (firstLine > 0) info.firstLine = firstLine;
  (wrapper as unknown as { [FUNCTION_INFO]: FunctionInfo })[FUNCTION_INFO] = { ...((fn as { [FUNCTION_INFO]?: FunctionInfo })[FUNCTION_INFO] ?? {}), ...info };
  return wrapper as (...args: any[]) => R;
}

/**
 * Own property of a `keywords` wrapper: which parameters have defaults now (`f.__defaults__ =
 * (...)` gives the last `positional` ones; `f.__kwdefaults__` the keyword-only ones it names).
 */
export const REDEFAULT = Symbol("pyts.redefault");

/** The marks `shareClassMethods` sets on static and class methods (functions.ts). */
const METHOD_KINDS = [Symbol.for("pyts.classmethod"), Symbol.for("pyts.staticmethod")];

/**
 * Methods of a class bind their arguments the same way: `keywordMethods(this, { move:
 * ["self", "dx", "dy="] })` (the spec names the receiver first; it is `this`). `onClass`:
 * methods the class itself receives as `this` (`__new__`, `__init_subclass__`).
 */
export function keywordMethods(cls: { prototype: object; name: string }, table: Record<string, readonly string[]>, onClass = false): void {
  const proto = (onClass ? cls : cls.prototype) as Record<string, (...args: unknown[]) => unknown>;
  for (const [name, spec] of Object.entries(table)) {
    const method = proto[name]!;
    const params = parseSpec(spec);
    const info = (method as { [FUNCTION_INFO]?: FunctionInfo })[FUNCTION_INFO];
    const qualname = info?.qualname ?? `${cls.name}.${name}`;
    const wrapper = function (this: unknown, ...args: unknown[]): unknown {
      const last = args[args.length - 1];
      // (methods of the class object are called by the runtime with plain arguments: always bound)
      if (!onClass && !(last instanceof Kwargs)) return method.apply(this, args);
      const bound = bindToLayout(qualname, params, [this, ...args], duplicateKeyword(args));
      return method.apply(this, bound.slice(1));
    };
    Object.defineProperty(wrapper, "name", { value: method.name });
    Object.defineProperty(wrapper, WRAPPED_DEF, { value: method });
    // (a staticmethod takes no receiver when called as a value: `f = A.s; f(1)` binds `1` to its
    // first parameter; a classmethod's wrapper binds every call itself, its class as `this`)
    const isStatic = Object.hasOwn(method, METHOD_KINDS[1]!);
    (wrapper as unknown as { [FUNCTION_INFO]: FunctionInfo })[FUNCTION_INFO] = isStatic ? { ...(info ?? {}), qualname, spec: spec.slice(1), method: false, binds: onClass } : { ...(info ?? {}), qualname, spec, method: true, binds: onClass && Object.hasOwn(method, METHOD_KINDS[0]!) };
    const hints = Object.getOwnPropertyDescriptor(method, "__annotations__");
    if (hints !== undefined) Object.defineProperty(wrapper, "__annotations__", hints);
    // (a staticmethod or classmethod stays one: instances read it unbound, or bound to the class)
    for (const mark of METHOD_KINDS) if (Object.hasOwn(method, mark)) Object.defineProperty(wrapper, mark, { value: (method as unknown as Record<symbol, unknown>)[mark], writable: true, configurable: true });
    proto[name] = wrapper;
  }
}

/** The default of a required keyword-only parameter: reached only when it was not passed. */
export function missingArgument(message: string): never {
  throw new PyTypeError(message);
}

/** A call the lowering found Python would reject (its arguments are evaluated first). */
export function raiseTypeError(message: string, _args: unknown[]): never {
  throw new PyTypeError(message);
}

/** `class B(bool)`: the base a class statement cannot derive from, refused when it runs. */
export function unacceptableBase(name: string): new (...args: any[]) => any {
  throw new PyTypeError(`type '${name}' is not an acceptable base type`);
}
