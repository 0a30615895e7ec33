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
  /** `__code__.co_varnames`: parameters, then other locals */
  varnames?: readonly string[];
  /** co_firstlineno (the first decorator's line): asyncio's reprs and logs locate callbacks by it, and task reprs a generator that `@types.coroutine` makes a coroutine */
  firstLine?: number;
  /** the def a wrapper (a `keywords` binder) calls: its emitted shape tells a generator or coroutine function */
  body?: Function;
}

export function functionInfo(f: unknown): FunctionInfo | undefined {
  return typeof f === "function" ? (f as { [FUNCTION_INFO]?: FunctionInfo })[FUNCTION_INFO] : undefined;
}

/** The JS source of the def behind `f` (through a keywords wrapper), "" for a non-function. */
export function defSource(f: unknown): string {
  if (typeof f !== "function") return "";
  const body = functionInfo(f)?.body;
  return Function.prototype.toString.call(body ?? f);
}
