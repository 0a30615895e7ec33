// What pyts knows about a Python function object, stored on the JS function under one
// symbol: its qualified name and signature (for error messages and for binding calls made
// on dynamic paths), and the attributes Python shows (`__defaults__`, `__closure__`...).

export const FUNCTION_INFO = Symbol.for("pyts.function");

export interface FunctionInfo {
  qualname: string;
  /** the signature (runtime/lang/binding.ts), null when unknown */
  spec: readonly string[] | null;
  /** a method: the spec's first entry is `self`, which the JS function receives as `this` */
  method?: boolean;
  /** the JS function binds keywords and checks its arguments itself (a `keywords` wrapper) */
  binds?: boolean;
  doc?: string | null;
  /** `__defaults__` and `__kwdefaults__` values, when the program reads them */
  defaults?: readonly unknown[];
  kwdefaults?: Record<string, unknown>;
  /** one reader per free variable, for `__closure__` cells */
  closure?: readonly (() => unknown)[];
  /** co_names, for inspect.getclosurevars (with `freevars` below) */
  names?: readonly string[];
  /** `__code__.co_varnames`: parameters, then other locals */
  varnames?: readonly string[];
  /** `__code__.co_freevars` (the enclosing functions' variables it reads) and `co_cellvars` (its own that inner functions read), sorted */
  freevars?: readonly string[];
  cellvars?: readonly string[];
  /** co_firstlineno (the first decorator's line): asyncio's reprs and logs locate callbacks by it, and task reprs a generator that `@types.coroutine` makes a coroutine */
  firstLine?: number;
}

export function functionInfo(f: unknown): FunctionInfo | undefined {
  return typeof f === "function" ? (f as { [FUNCTION_INFO]?: FunctionInfo })[FUNCTION_INFO] : undefined;
}

/**
 * The def a wrapper calls (a `keywords` binder, a bound method, `Cls.method`'s plain function):
 * the def's emitted shape tells a generator or coroutine function.
 */
export const WRAPPED_DEF = Symbol("pyts.wrappedDef");

/**
 * On the prototype method standing for a decorated def (`@deco def m(self)`): the function the
 * decorators returned, which `Cls.m` reads as Python does.
 */
export const DECORATED_METHOD = Symbol.for("pyts.decoratedMethod");

/** The JS source of the def behind `f` (through its wrappers), "" for a non-function. */
export function defSource(f: unknown): string {
  if (typeof f !== "function") return "";
  let def: Function = f;
  for (let inner = (def as { [WRAPPED_DEF]?: unknown })[WRAPPED_DEF]; typeof inner === "function"; inner = (def as { [WRAPPED_DEF]?: unknown })[WRAPPED_DEF]) def = inner;
  return Function.prototype.toString.call(def);
}
