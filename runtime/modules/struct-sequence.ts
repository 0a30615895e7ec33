// Runtime classes that are tuples to Python: CPython's struct sequences (`os.stat_result`,
// `os.terminal_size`, `signal.struct_siginfo`) and its tuple subclasses (`codecs.CodecInfo`,
// `decimal.DecimalTuple`). They extend TupleSubclass, which stands for `tuple` in `__mro__`:
// the class finds tuple's methods (`DecimalTuple.count`) and lists tuple's names in `dir()`,
// as a user's `class T(tuple)` does.
import { tuple } from "../values/builtin-types.js";
import { Tuple } from "../values/tuple.js";
import { PYTHON_TYPE } from "../values/wrapped.js";

/** The base of the runtime's tuple subclasses (`tuple` to Python). */
export class TupleSubclass<T = unknown> extends Tuple<T> {}
// (read late: the type objects' module imports much of the runtime)
Object.defineProperty(TupleSubclass, PYTHON_TYPE, { get: () => tuple });

/**
 * Gives `cls` a struct sequence's class attributes: `n_fields` fields, the first
 * `n_sequence_fields` of them items of the tuple (the others named only, `stat_result.st_atime_ns`),
 * `n_unnamed_fields` of them without a name.
 */
export function structSequence<C extends Function>(cls: C, fields: number, sequence: number = fields, unnamed = 0): C {
  for (const [name, value] of [["n_fields", fields], ["n_sequence_fields", sequence], ["n_unnamed_fields", unnamed]] as const) {
    Object.defineProperty(cls, name, { value: BigInt(value), configurable: true });
  }
  return cls;
}
