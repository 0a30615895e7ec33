// inspect.getclosurevars and ClosureVars: a function's nonlocal names with their cells'
// values, and the names its code uses (co_names) split into globals of its module, builtins,
// and unbound names, as CPython computes them. The compiler records the free variables and
// co_names of the defs of a program that calls getclosurevars (src/lower/code-names.ts).

import { getattr } from "../values/builtin-functions.js";
import { Dict } from "../values/dict.js";
import { PyTypeError } from "../values/exceptions.js";
import { repr } from "../values/repr.js";
import { PySet } from "../values/set.js";
import { functionInfo } from "../lang/function-info.js";
import { makeNamedTuple } from "./namedtuple.js";
import { builtinsModule } from "./module-spec.js";
import { callValue } from "./pycall.js";
import { getmodule } from "./inspect-source.js";

export const ClosureVars = makeNamedTuple("ClosureVars", ["nonlocals", "globals", "builtins", "unbound"], [], "inspect");

const ABSENT = Symbol("absent");

export function getclosurevars(func: unknown, isfunction: (x: unknown) => boolean, ismethod: (x: unknown) => boolean): any {
  let f = func;
  if (ismethod(f)) f = getattr(f, "__func__");
  if (!isfunction(f)) throw new PyTypeError(`${repr(f)} is not a Python function`);
  const info = functionInfo(f);
  const nonlocals = new Dict<unknown, unknown>();
  const freevars = info?.freevars ?? [];
  const cells = info?.closure ?? [];
  freevars.forEach((name, i) => {
    const read = cells[i];
    if (read !== undefined) nonlocals.set(name, read());
  });
  const module = getmodule(f);
  const builtinNames = builtinsModule();
  const globals = new Dict<unknown, unknown>(), builtins = new Dict<unknown, unknown>();
  const unbound = new PySet();
  for (const name of info?.names ?? []) {
    if (name === "None" || name === "True" || name === "False") continue;
    const global = module === null ? ABSENT : getattr(module, name, ABSENT);
    if (global !== ABSENT) {
      globals.set(name, global);
      continue;
    }
    const builtin = getattr(builtinNames, name, ABSENT);
    if (builtin !== ABSENT) builtins.set(name, builtin);
    else unbound.add(name);
  }
  return callValue(ClosureVars, nonlocals, globals, builtins, unbound);
}
