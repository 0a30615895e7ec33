// Calls of built-in functions with a wrong count of positional arguments, refused at compile
// time with CPython 3.11's own message (each built-in's C parser words it its own way):
// `len()` -> `len() takes exactly one argument (0 given)`, `isinstance(1)` -> `isinstance
// expected 2 arguments, got 1`. The runtime's implementations take optional parameters
// (a missing one is `undefined`), so without this a short call fails later with another error.
import type * as py from "../frontend/ast.js";

type Style = "exactlyOne" | "expected" | "sum" | "map" | "atMost";
interface Arity {
  min: number;
  max: number;
  style: Style;
}

const one = (): Arity => ({ min: 1, max: 1, style: "exactlyOne" });
const expected = (min: number, max = min): Arity => ({ min, max, style: "expected" });

const ARITIES: ReadonlyMap<string, Arity> = new Map<string, Arity>([
  ...["len", "abs", "ord", "chr", "callable", "repr", "hash", "id", "any", "all", "bin", "hex", "oct", "ascii"].map((n) => [n, one()] as [string, Arity]),
  ["isinstance", expected(2)], ["issubclass", expected(2)], ["divmod", expected(2)], ["hasattr", expected(2)], ["delattr", expected(2)],
  ["setattr", expected(3)], ["filter", expected(2)], ["reversed", expected(1)], ["sorted", expected(1)],
  ["getattr", expected(2, 3)], ["iter", expected(1, 2)], ["next", expected(1, 2)], ["range", expected(1, 3)], ["format", expected(1, 2)],
  ["max", expected(1, Infinity)], ["min", expected(1, Infinity)], ["dir", expected(0, 1)], ["vars", expected(0, 1)],
  ["sum", { min: 1, max: 2, style: "sum" }], ["map", { min: 2, max: Infinity, style: "map" }],
  ["round", { min: 1, max: 2, style: "atMost" }], ["pow", { min: 2, max: 3, style: "atMost" }],
]);

/** CPython's TypeError for this call of the built-in `name`, or null when its count fits (or is not known). */
export function builtinArityError(name: string, e: py.Call): string | null {
  const arity = ARITIES.get(name);
  if (arity === undefined || e.keywords.length > 0 || e.args.some((a) => a._type === "Starred")) return null;
  const given = e.args.length;
  if (given >= arity.min && given <= arity.max) return null;
  const plural = (n: number): string => (n === 1 ? "argument" : "arguments");
  switch (arity.style) {
    case "exactlyOne":
      return `${name}() takes exactly one argument (${given} given)`;
    case "sum":
      return given < arity.min ? "sum() takes at least 1 positional argument (0 given)" : `sum() takes at most 2 arguments (${given} given)`;
    case "map":
      return "map() must have at least two arguments.";
    case "atMost":
      // (too few: their parsers' own "missing required argument" wording, left to the runtime)
      return given > arity.max ? `${name}() takes at most ${arity.max} arguments (${given} given)` : null;
    case "expected":
      if (arity.min === arity.max) return `${name} expected ${arity.min} ${plural(arity.min)}, got ${given}`;
      if (given < arity.min) return `${name} expected at least ${arity.min} ${plural(arity.min)}, got ${given}`;
      return `${name} expected at most ${arity.max} ${plural(arity.max)}, got ${given}`;
  }
}
