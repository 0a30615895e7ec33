// The names of the standard modules the runtime provides, checked at compile time. `cpython`
// lists what CPython 3.11's module has (`dir(m)`); `provided` what pyts's runtime module has
// of those; `star` what `from m import *` binds (`__all__`, or without one the names not
// starting with `_`). `m.name` for a name CPython has and pyts lacks is a located error; for
// a name neither has it raises CPython's AttributeError at run time. The tables are generated
// from python3 and the built runtime by scripts/gen-star-names.mjs (src/lower/star-names.ts).

import { RUNTIME_MODULE_NAMES, RUNTIME_STAR_NAMES } from "./star-names.js";

export interface ModuleNames {
  cpython: ReadonlySet<string>;
  provided: ReadonlySet<string>;
  star: readonly string[];
}

export const CHECKED_MODULES: ReadonlyMap<string, ModuleNames> = new Map(
  [...RUNTIME_MODULE_NAMES].map(([name, table]): [string, ModuleNames] => {
    const lacking = new Set(table.lacking);
    const cpython = new Set(table.cpython);
    const provided = new Set(table.cpython.filter((n) => !lacking.has(n)));
    return [name, { cpython, provided, star: RUNTIME_STAR_NAMES.get(name) ?? [] }];
  }),
);

/** The names `from module import *` binds, when pyts knows them. */
export function starNames(module: string | null): readonly string[] | null {
  return RUNTIME_STAR_NAMES.get(module ?? "") ?? null;
}
