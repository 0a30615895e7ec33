// CPython's docstrings of the built-in functions and of the built-in types' methods, looked
// up by name. The generated tables are large and read only for `__doc__`: `pyts run` keeps
// this file, and the tables with it, out of the runtime's core (runtime/scripts/bundle.mjs).

import { BUILTIN_FUNCTION_DOCS } from "./builtin-function-docs.js";
import { BUILTIN_METHOD_DOCS } from "./builtin-method-docs.js";

/** The docstring of the built-in function `name` (`len`), undefined when none is known. */
export function builtinFunctionDocText(name: string): string | undefined {
  return Object.hasOwn(BUILTIN_FUNCTION_DOCS, name) ? BUILTIN_FUNCTION_DOCS[name] : undefined;
}

/**
 * The docstring of the method `name` of the built-in type `tname` as the table holds it
 * (`=set`: the doc of the same method of that type), undefined when the table has none.
 */
export function builtinMethodDocText(tname: string, name: string): string | undefined {
  const methods = Object.hasOwn(BUILTIN_METHOD_DOCS, tname) ? BUILTIN_METHOD_DOCS[tname]! : undefined;
  return methods !== undefined && Object.hasOwn(methods, name) ? methods[name] : undefined;
}
