// `copy.dispatch_table` (CPython's `copyreg.dispatch_table`, which copy imports): class ->
// reduction function, consulted by copy() and deepcopy() for an object without its own
// `__copy__`/`__deepcopy__` before its `__reduce_ex__`. A program registers its own classes
// here (`copy.dispatch_table[C] = reduce_c`). The three entries CPython starts with are here
// too; copy never reaches them (complex is atomic, patterns copy as themselves, unions are
// types), but they reduce as CPython's do.

import { complex, type PyComplex } from "../values/complex.js";
import { typeOf } from "../values/builtin-types.js";
import { Dict } from "../values/dict.js";
import { Tuple } from "../values/tuple.js";
import { UnionType } from "../values/union-type.js";
import { functoolsModule } from "./functools.js";
import { operatorModule } from "./operator.js";
import { Pattern } from "./re-pattern.js";
import { compilePattern } from "./re.js";

function named<F extends (...args: never[]) => unknown>(fn: F, name: string): F {
  Object.defineProperties(fn, { __name__: { value: name }, __qualname__: { value: name }, __module__: { value: "copyreg" } });
  return fn;
}

const pickleComplex = named((c: PyComplex): Tuple => Tuple.of(complex, Tuple.of(c.real, c.imag)), "pickle_complex");
const pickleUnion = named((u: UnionType): Tuple => Tuple.of(functoolsModule.reduce, Tuple.of(operatorModule.or_, u.__args__)), "pickle_union");
const picklePattern = named((p: Pattern): Tuple => Tuple.of(compilePattern, Tuple.of(p.pattern, p.flags)), "_pickle");

export const dispatchTable = new Dict<unknown, unknown>([
  [complex, pickleComplex],
  [UnionType, pickleUnion],
  [Pattern, picklePattern],
]);

/** The registered reduction for `x`'s class, if any. */
export function registeredReductor(x: object): unknown {
  return typeof x === "function" ? undefined : dispatchTable.get(typeOf(x));
}
