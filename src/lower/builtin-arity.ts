// Calls of built-in functions with a wrong count of positional arguments, refused at compile
// time with CPython 3.11's own message (each built-in's C parser words it its own way):
// `len()` -> `len() takes exactly one argument (0 given)`, `isinstance(1)` -> `isinstance
// expected 2 arguments, got 1`. The runtime's implementations take optional parameters
// (a missing one is `undefined`), so without this a short call fails later with another error.
// The counts and words are the runtime's (runtime/values/method-arguments.ts), which checks
// the same calls made through a value (`f = len; f(1, 2)`).
import type * as py from "../frontend/ast.js";
import { countMessage, functionArity, type Arity } from "../../runtime/values/method-arguments.js";

/**
 * The built-in types called as functions that the runtime's table of built-in functions
 * (generated from python3, method-arity.ts) leaves out, with Argument Clinic's check.
 */
const TYPE_ARITIES: ReadonlyMap<string, Arity> = new Map<string, Arity>([
  ["filter", { min: 2, max: 2, style: "p" }], ["reversed", { min: 1, max: 1, style: "p" }], ["range", { min: 1, max: 3, style: "p" }],
]);

/** CPython's TypeError for this call of the built-in `name`, or null when its count fits (or is not known). */
export function builtinArityError(name: string, e: py.Call): string | null {
  if (e.keywords.length > 0 || e.args.some((a) => a._type === "Starred")) return null;
  const given = e.args.length;
  // (map's own check, before any argument is looked at)
  if (name === "map") return given < 2 ? "map() must have at least two arguments." : null;
  const arity = TYPE_ARITIES.get(name) ?? functionArity(name);
  if (arity === undefined || (given >= arity.min && given <= arity.max)) return null;
  return countMessage("", name, arity, given);
}
