// Python generator objects: what calling a `def` containing `yield` returns. JS-iterable, so
// `for...of` and spread work; Python's protocol (`__next__`, send, throw, close) on top.

import { callBody } from "./body-call.js";
import { addressOf } from "../values/repr.js";
import { DONE, NEXT, RUNNING, SUSPENDED, Suspendable, running, suspendedDelegate, type ResumeMode } from "./suspendable.js";
import { BodyCode, BodyFrame } from "./body-frame.js";
import { JS_NEXT } from "../values/iteration.js";
import type { GeneratorMachine } from "./generator-machine.js";

/**
 * %GeneratorPrototype%.next. Every generator function has its own prototype, so generator
 * objects of different defs have different hidden classes, and `gen.next` read in the one
 * place that steps them all is a megamorphic lookup; the builtin called directly is not
 * (a chain of six generators: about 15% less time per item).
 */
const GENERATOR_NEXT = Object.getPrototypeOf(function* () {}).prototype.next as (this: Generator, value?: unknown) => IteratorResult<unknown, unknown>;

export class PyGenerator<Y = unknown, R = unknown> extends Suspendable<Y, R> implements Iterable<Y> {
  static readonly pythonName = "generator";
  declare readonly [JS_NEXT]: true;

  // (fields assigned in the constructor, not defined as class fields: see Suspendable's)
  /** Set by `types.coroutine`: the generator may be awaited (CO_ITERABLE_COROUTINE). */
  declare _iterableCoroutine: boolean;
  /**
   * Does the body hold `yield from` (the lowering says so)? Only such a body reads the running
   * body (to record its delegate, gi_yieldfrom), so only its steps through `next` make it the
   * running one: storing a young generator into the long-lived `running` object costs a write
   * barrier, twice per item of every loop over a generator (gen_pipeline: about 15% of a round).
   */
  declare readonly _delegates: boolean;
  /**
   * The body as a state machine (`machineGenerator`, generator-machine.ts), which steps
   * without a JS generator's suspend and resume; null when the body is a JS generator (`_gen`).
   */
  declare readonly _machine: GeneratorMachine<Y, R> | null;

  constructor(gen: Generator<Y, R, unknown>, qualname: string, delegates = false, machine: GeneratorMachine<Y, R> | null = null) {
    super(gen, qualname);
    this._iterableCoroutine = false;
    this._delegates = delegates;
    this._machine = machine;
  }

  protected get _kind(): string {
    return "generator";
  }

  /** (The body is a JS generator: emitted `function*` bodies, or `generator()`'s callBody.) */
  protected override _resume(value: unknown): IteratorResult<Y, R> {
    const machine = this._machine;
    if (machine !== null) return machineResult(machine(MACHINE_NEXT, value));
    return GENERATOR_NEXT.call(this._gen, value) as IteratorResult<Y, R>;
  }

  protected override _throwIn(error: unknown): IteratorResult<Y, R> {
    const machine = this._machine;
    return machine !== null ? machineResult(machine(MACHINE_THROW, error)) : this._gen.throw(error);
  }

  protected override _returnIn(value: unknown): IteratorResult<Y, R> {
    const machine = this._machine;
    return machine !== null ? machineResult(machine(MACHINE_RETURN, value)) : this._gen.return(value as R);
  }

  protected _stepFinished(mode: ResumeMode, value: unknown): IteratorResult<Y, R> {
    // An exhausted generator: next/close just end again; a throw raises the exception itself.
    // (The finished JS generator's own result, so that loops see one shape of result.)
    if (mode === 1) throw value;
    if (this._machine !== null) return { value: null as R, done: true };
    return endResult(GENERATOR_NEXT.call(this._gen) as IteratorResult<Y, R>);
  }

  get gi_running(): boolean {
    return this._state === RUNNING;
  }

  get gi_suspended(): boolean {
    return this._state === SUSPENDED;
  }

  /** The iterator a suspended `yield from` delegates to, else None. */
  get gi_yieldfrom(): unknown {
    return suspendedDelegate(this);
  }

  /** None once the generator has finished, as in CPython. */
  get gi_frame(): BodyFrame | null {
    return this._state === DONE ? null : new BodyFrame(this.gi_code);
  }

  get gi_code(): BodyCode {
    return new BodyCode(this.__name__, this.__qualname__);
  }

  /**
   * JS iterator protocol (used by `for...of`, spread, and the runtime's iteration). A
   * suspended generator (every step but the first and the last) is resumed here at once:
   * the general `_step` decides on the mode and state first, and this is the step of every
   * item of every loop over a generator.
   */
  next(value?: unknown): IteratorResult<Y, R> {
    if (this._state !== SUSPENDED) return this._step(NEXT, value);
    this._state = RUNNING;
    let result: IteratorResult<Y, R>;
    if (this._delegates) {
      const outer = running.body;
      running.body = this;
      try {
        result = GENERATOR_NEXT.call(this._gen, value) as IteratorResult<Y, R>;
      } catch (error) {
        running.body = outer;
        throw this._bodyFailed(error);
      }
      running.body = outer;
    } else {
      const machine = this._machine;
      try {
        result = machine !== null ? machineResult(machine(MACHINE_NEXT, value)) : (GENERATOR_NEXT.call(this._gen, value) as IteratorResult<Y, R>);
      } catch (error) {
        throw this._bodyFailed(error);
      }
    }
    if (!result.done) {
      this._state = SUSPENDED;
      return result;
    }
    this._state = DONE;
    return endResult<Y, R>(result);
  }

  /**
   * The next yielded value, or `undefined` (which no Python value is) once the body has ended
   * (its return value dropped):
   * how a machine's `for x in gen` loop steps a machine generator (`machineIter`) without the
   * JS iterator result `next` makes per item. Anything but a suspended machine body takes
   * `next`.
   */
  _nextValue(): unknown {
    const machine = this._machine;
    if (this._state !== SUSPENDED || machine === null) {
      const result = this.next();
      return result.done ? undefined : result.value;
    }
    this._state = RUNNING;
    let stepped: unknown;
    try {
      stepped = machine(MACHINE_NEXT, undefined);
    } catch (error) {
      throw this._bodyFailed(error);
    }
    if (stepped instanceof MachineEnd) {
      this._state = DONE;
      return undefined;
    }
    this._state = SUSPENDED;
    return stepped;
  }

  /**
   * The generator is its own JS iterator (no wrapper made per loop). It has no `return`, so a
   * `break` in `for...of` leaves the generator open, as Python's `for` does; and JS iteration
   * never calls its Python-style `throw` (only `yield*` would, and `yield from` delegates
   * through a `Delegation`).
   */
  [Symbol.iterator](): Iterator<Y, R, unknown> {
    return this as unknown as Iterator<Y, R, unknown>;
  }

  __iter__(): this {
    return this;
  }

  __next__(): Y {
    return this.send(null);
  }

  get done(): boolean {
    return this._state === DONE;
  }

  __repr__(): string {
    return `<generator object ${this.__qualname__} at ${addressOf(this)}>`;
  }
}

(PyGenerator.prototype as { [JS_NEXT]: true })[JS_NEXT] = true;

// Every JS generator's step result shares one map, whose `value` field V8 takes as constant
// until a store into an existing result (endResult's) makes it mutable: then all the optimized
// code that relied on it (every function a generator's `next` was inlined into) is thrown away,
// in the middle of the first loop that exhausts a generator. Storing once here, before any code
// is optimized, leaves nothing to throw away.
endResult((function* () {})().next());

/** How a generator machine is stepped (its first argument): next, throw or return (close). */
export const MACHINE_NEXT = 0;
export const MACHINE_THROW = 1;
export const MACHINE_RETURN = 2;

/**
 * How a machine's body ends (`machineEnd(value)`): a step returns the yielded value itself,
 * or one of these, which no Python value is.
 */
export class MachineEnd {
  constructor(readonly value: unknown) {}
}

const ENDED_WITH_NONE = new MachineEnd(null);

/** A machine's body ended, returning `value` (None: the shared end). */
export function machineEnd(value: unknown): MachineEnd {
  return value === null ? ENDED_WITH_NONE : new MachineEnd(value);
}

/** A machine's step as the JS iterator result `next`, send and throw hand out. */
function machineResult<Y, R>(stepped: unknown): IteratorResult<Y, R> {
  if (stepped instanceof MachineEnd) return { value: stepped.value as R, done: true };
  return { value: stepped as Y, done: false };
}

/** Makes the generator object of a call to a `def` with `yield`; runs none of the body. */
export function generator<Y, R>(body: (...iterable: any[]) => Generator<Y, R, unknown>, qualname: string, ...iterable: unknown[]): PyGenerator<Y, R> {
  // (A generator expression in a class body passes its first iterable, evaluated there.)
  // (a generator lambda may hold `yield from`: its steps keep the running body)
  return new PyGenerator<Y, R>(callBody(iterable.length ? () => body(...iterable) : body), qualname, true);
}

/**
 * The end result of a JS generator's step as Python sees it: None for a body that returned
 * nothing. Written into the JS result itself rather than a new object, so the loops stepping
 * a generator meet one shape of result (a second one at the end made V8 deoptimise each).
 */
function endResult<Y, R>(result: IteratorResult<Y, R>): IteratorResult<Y, R> {
  if (result.value === undefined) (result as { value: unknown }).value = null;
  return result;
}
