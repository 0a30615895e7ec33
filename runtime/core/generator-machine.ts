// Generators whose body the lowering made a state machine (src/lower/generator-machines.ts):
// a def with `yield` only as a statement, no `try`, no nested functions. The body is a
// closure over the def's locals, stepped with a mode (next, throw, return) and returning JS
// iterator results; the PyGenerator around it keeps Python's protocol (send, throw, close,
// gi_running, reprs). Stepping it costs a call, where a JS generator's resume and suspend
// cost far more in V8's interpreter and baseline tiers, where cold loops run.

import { MACHINE_NEXT, MACHINE_RETURN, MACHINE_THROW, PyGenerator } from "./generator.js";
import { closing } from "../lang/exception-flow.js";

/**
 * One step of a machine: `mode` is MACHINE_NEXT (resume with `sent`), MACHINE_THROW (raise
 * `sent` at the suspension point: with no `try` in the body it leaves the body at once) or
 * MACHINE_RETURN (end there, closing the iterators of the loops it is in, as a JS generator's
 * `return` does).
 */
export type GeneratorMachine<Y = unknown, R = unknown> = (mode: number, sent: unknown) => IteratorResult<Y, R>;

export { MACHINE_NEXT, MACHINE_RETURN, MACHINE_THROW };

/** The generator object of a call to a def whose body is a machine; runs none of the body. */
export function machineGenerator<Y, R>(machine: GeneratorMachine<Y, R>, qualname: string): PyGenerator<Y, R> {
  return new PyGenerator<Y, R>(null as unknown as Generator<Y, R, unknown>, qualname, false, machine);
}

/** A machine's `for x in v` loop: the iterator a JS `for...of` would take from `v`. */
export function machineIter(iterable: Iterable<unknown>): Iterator<unknown> {
  return iterable[Symbol.iterator]();
}

/**
 * A machine's `for x in gen():` over a generator only the loop refers to (the lowering's
 * `closing(gen())`): a generator is stepped as its own iterator (no ClosingIterator between),
 * and closeIterator(it, true) closes it where the loop is left early.
 */
export function machineOwnedIter(source: unknown): Iterator<unknown> {
  if (source instanceof PyGenerator) return source as unknown as Iterator<unknown>;
  return machineIter(closing(source) as Iterable<unknown>);
}

/**
 * A machine's loop left early (`break`, `return`, close): its iterator's `return` is called,
 * as JS's `for...of` does; an `owned` loop's generator (machineOwnedIter) is closed. Returns
 * null, which the machine stores as the loop's iterator.
 */
export function closeIterator(iterator: Iterator<unknown> | null, owned = false): null {
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
export function closeIteratorQuietly(iterator: Iterator<unknown> | null, owned = false): null {
  try {
    closeIterator(iterator, owned);
  } catch {
    // the exception leaving the body wins
  }
  return null;
}
