// Generators whose body the lowering made a state machine (src/lower/generator-machines.ts):
// a def with `yield` only as a statement, no `try`, no nested functions. The body is a
// closure over the def's locals, stepped with a mode (next, throw, return) and returning the
// yielded value itself, or `machineEnd(value)` where the body ends; the PyGenerator around it
// keeps Python's protocol (send, throw, close, gi_running, reprs) and makes the JS iterator
// results. Stepping it costs a call, where a JS generator's resume and suspend cost far more
// in V8's interpreter and baseline tiers, where cold loops run. A machine's own `for x in v`
// loop steps its iterator for values (`_nextValue`), so a chain of machine generators makes
// no iterator result per item between them.

import { MACHINE_NEXT, MACHINE_RETURN, MACHINE_THROW, MachineEnd, PyGenerator, machineEnd } from "./generator.js";
import { closing } from "../lang/exception-flow.js";

/**
 * One step of a machine: `mode` is MACHINE_NEXT (resume with `sent`), MACHINE_THROW (raise
 * `sent` at the suspension point: with no `try` in the body it leaves the body at once) or
 * MACHINE_RETURN (end there, closing the iterators of the loops it is in, as a JS generator's
 * `return` does). Returns the yielded value, or a MachineEnd holding the return value.
 */
export type GeneratorMachine<Y = unknown, R = unknown> = (mode: number, sent: unknown) => Y | MachineEnd;

export { MACHINE_NEXT, MACHINE_RETURN, MACHINE_THROW, machineEnd };

/** The generator object of a call to a def whose body is a machine; runs none of the body. */
export function machineGenerator<Y, R>(machine: GeneratorMachine<Y, R>, qualname: string): PyGenerator<Y, R> {
  return new PyGenerator<Y, R>(null as unknown as Generator<Y, R, unknown>, qualname, false, machine);
}

/**
 * The iterator of a machine's `for x in v` loop, stepped by `_nextValue()`: the item, or
 * `undefined` once exhausted (no Python value is `undefined`, and the loop's test is then a
 * pointer comparison, where a bigint compared with a sentinel object is a builtin call).
 * `return()` closes it as a JS `for...of` closes its iterator. A generator is its own (it has
 * no `return`: a `break` leaves it open, as Python's `for` does).
 */
export interface MachineLoopIterator {
  _nextValue(): unknown;
  return?(): unknown;
}

/** Any JS iterator stepped for values (one made per loop, not per item). */
class IteratorValues implements MachineLoopIterator {
  constructor(private readonly iterator: Iterator<unknown>) {}

  _nextValue(): unknown {
    const result = this.iterator.next();
    return result.done ? undefined : result.value;
  }

  return(): unknown {
    const close = this.iterator.return;
    if (close !== undefined && close !== null) close.call(this.iterator);
    return undefined;
  }
}

/** A machine's `for x in v` loop: the iterator a JS `for...of` would take from `v`, stepped for values. */
export function machineIter(iterable: Iterable<unknown>): MachineLoopIterator {
  const iterator = iterable[Symbol.iterator]();
  return iterator instanceof PyGenerator ? iterator : new IteratorValues(iterator);
}

/**
 * A machine's `for x in gen():` over a generator only the loop refers to (the lowering's
 * `closing(gen())`): a generator is stepped as its own iterator (no ClosingIterator between),
 * and closeIterator(it, true) closes it where the loop is left early.
 */
export function machineOwnedIter(source: unknown): MachineLoopIterator {
  if (source instanceof PyGenerator) return source;
  return machineIter(closing(source) as Iterable<unknown>);
}

/**
 * A machine's loop left early (`break`, `return`, close): its iterator's `return` is called,
 * as JS's `for...of` does; an `owned` loop's generator (machineOwnedIter) is closed. Returns
 * null, which the machine stores as the loop's iterator.
 */
export function closeIterator(iterator: MachineLoopIterator | null, owned = false): null {
  if (iterator !== null && iterator !== undefined) {
    if (owned && iterator instanceof PyGenerator) {
      iterator.close();
      return null;
    }
    const close = iterator.return;
    if (close !== undefined && close !== null) close.call(iterator);
  }
  return null;
}

/**
 * The same when an exception leaves the loop: an error of the iterator's `return` is
 * dropped, and the exception goes on (JS's `for...of` does so too).
 */
export function closeIteratorQuietly(iterator: MachineLoopIterator | null, owned = false): null {
  try {
    closeIterator(iterator, owned);
  } catch {
    // the exception leaving the body wins
  }
  return null;
}
