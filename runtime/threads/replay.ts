// Waits inside code the runtime calls (threads, DESIGN.md §7). A dunder or callback that waits
// is an async function: the runtime's own helpers (len, str, ==, sorted, dict lookups, print's
// str of each object, re.sub's replacement function, ...) call it synchronously and cannot
// await its promise. Where the lowering finds such a helper call may reach a waiting method,
// it calls the helper through `replayWaits`, awaited:
//
// - The helper runs synchronously inside a replay frame. Every call of a program method made
//   replayable (`replayableMethods`: the dunders and waiting methods of the classes of a
//   threaded program; waiting functions handed to the helper) counts in the frame, and its
//   outcome (value or exception) is recorded.
// - When such a call returns a promise (the method waits), the helper is abandoned (an
//   exception no Python code sees); the frame awaits the promise (the other threads run
//   meanwhile), records its outcome, and runs the helper again from the start. The calls
//   already made answer from the record, in the same order, without running their bodies a
//   second time; the next one runs for real.
// - When a run of the helper ends without a pending call, its outcome is the call's.
//
// So each program method runs once, in CPython's order, and the helper's own logic (pure on
// its arguments, writing nothing before it returns) sees the same answers on each run.

import { FUNCTION_INFO } from "../lang/function-info.js";
import { WRAPPED_DEF } from "../lang/keywords.js";
import { Kwargs } from "../values/kwargs.js";
import { JS_NEXT, PyIterator } from "../values/iteration.js";
import { isThenable } from "./scheduler.js";
import { ABANDON, replayRuns } from "./replay-abandon.js";
import { builtinOverrides } from "../values/builtin-overrides.js";
import { printCall } from "../values/print.js";
import { toStr } from "../values/repr.js";
import { truthy } from "../values/truth.js";

type Outcome = { ok: true; value: unknown; tee?: Tee } | { ok: false; error: unknown };

/**
 * A runtime iterator a recorded call returned (`__iter__` returning `iter(self.items)`, or a
 * generator): each run of the helper reads it through its own cursor, the items it took
 * before kept, so a run again starts from its first item as the first run did.
 */
interface Tee {
  source: Iterator<unknown>;
  taken: ({ ok: true; step: IteratorResult<unknown> } | { ok: false; error: unknown })[];
}

function isRuntimeIterator(x: unknown): x is Iterator<unknown> {
  return x !== null && typeof x === "object" && (x as { [JS_NEXT]?: true })[JS_NEXT] === true && typeof (x as Iterator<unknown>).next === "function";
}

function cursor(tee: Tee): PyIterator {
  let i = 0;
  return new PyIterator({
    next(): IteratorResult<unknown> {
      if (i === tee.taken.length) {
        // (the source's own code runs outside the frame, as a recorded body does)
        const f = frame;
        frame = null;
        try {
          tee.taken.push({ ok: true, step: tee.source.next() });
        } catch (error) {
          tee.taken.push({ ok: false, error });
        } finally {
          frame = f;
        }
      }
      const taken = tee.taken[i++]!;
      if (taken.ok) return taken.step;
      throw taken.error;
    },
  });
}

function answer(outcome: Outcome & { ok: true }): unknown {
  return outcome.tee === undefined ? outcome.value : cursor(outcome.tee);
}

interface Frame {
  record: Outcome[];
  /** calls made so far in this run */
  index: number;
  /** the promise of the call that waits, in this run */
  pending: PromiseLike<unknown> | null;
}

/** The replay frame the running helper belongs to (null: no helper runs under replay). */
let frame: Frame | null = null;


type AnyFn = (this: unknown, ...args: unknown[]) => unknown;

/** Calls `fn` as a call the replay frame (if one runs) records or answers. */
function recorded(fn: AnyFn, self: unknown, args: unknown[]): unknown {
  const f = frame;
  if (f === null) return fn.apply(self, args);
  const i = f.index++;
  if (i < f.record.length) {
    const outcome = f.record[i]!;
    if (outcome.ok) return answer(outcome);
    throw outcome.error;
  }
  // (a call after the one that waits: the run is abandoned anyway)
  if (f.pending !== null) throw ABANDON;
  // The body runs outside the frame: what it calls is its own business.
  frame = null;
  let value: unknown;
  try {
    value = fn.apply(self, args);
  } catch (error) {
    frame = f;
    f.record.push({ ok: false, error });
    throw error;
  }
  frame = f;
  if (isThenable(value)) {
    f.pending = value;
    throw ABANDON;
  }
  const outcome: Outcome = isRuntimeIterator(value) ? { ok: true, value, tee: { source: value, taken: [] } } : { ok: true, value };
  f.record.push(outcome);
  return answer(outcome);
}

/** A function whose calls a replay frame records (the function itself elsewhere). */
export function replayable<F extends Function>(fn: F): F {
  if ((fn as unknown as { [REPLAYABLE]?: true })[REPLAYABLE]) return fn;
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    return recorded(fn as unknown as AnyFn, this, args);
  };
  Object.defineProperty(wrapper, "name", { value: fn.name });
  Object.defineProperty(wrapper, WRAPPED_DEF, { value: fn });
  Object.defineProperty(wrapper, REPLAYABLE, { value: true });
  const info = (fn as unknown as { [FUNCTION_INFO]?: unknown })[FUNCTION_INFO];
  if (info !== undefined) (wrapper as unknown as { [FUNCTION_INFO]: unknown })[FUNCTION_INFO] = info;
  for (const key of Reflect.ownKeys(fn)) {
    if (key === "name" || key === "length" || key === "prototype" || key === FUNCTION_INFO || key === WRAPPED_DEF) continue;
    const desc = Object.getOwnPropertyDescriptor(fn, key);
    if (desc !== undefined && !Object.hasOwn(wrapper, key)) Object.defineProperty(wrapper, key, desc);
  }
  return wrapper as unknown as F;
}

const REPLAYABLE = Symbol("pyts.replayable");

/** A class's methods (those of its prototype named) answer replay frames: `replayableMethods(this, ["__eq__"])`. */
export function replayableMethods(cls: { prototype: object }, names: readonly string[]): void {
  const proto = cls.prototype as Record<string, unknown>;
  for (const name of names) {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (desc === undefined || typeof desc.value !== "function") continue;
    Object.defineProperty(proto, name, { ...desc, value: replayable(desc.value as Function) });
  }
}

const AsyncFunction = Object.getPrototypeOf(async function () {}) as object;

/** Is the function async (a def that waits), itself or the def a keywords wrapper holds? */
function waits(fn: Function): boolean {
  if (Object.getPrototypeOf(fn) === AsyncFunction) return true;
  const inner = (fn as unknown as { [WRAPPED_DEF]?: unknown })[WRAPPED_DEF];
  return typeof inner === "function" && Object.getPrototypeOf(inner) === AsyncFunction;
}

/** A function argument that may wait (an async function) becomes replayable; keywords' values too. */
export function replayableArgument(x: unknown): unknown {
  if (typeof x === "function" && waits(x as Function)) return replayable(x);
  if (x instanceof Kwargs) {
    let changed = false;
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x.values)) {
      values[k] = replayableArgument(v);
      changed ||= values[k] !== v;
    }
    return changed ? new Kwargs(values) : x;
  }
  return x;
}

/** One run of the helper in the frame. */
function runIn(f: Frame, run: () => unknown): Outcome {
  const outer = frame;
  frame = f;
  f.index = 0;
  f.pending = null;
  replayRuns.depth++;
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error };
  } finally {
    replayRuns.depth--;
    frame = outer;
  }
}

function settle(outcome: Outcome): unknown {
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}

async function replayUntilDone(f: Frame, run: () => unknown): Promise<unknown> {
  for (;;) {
    try {
      const value = await f.pending!;
      f.record.push(isRuntimeIterator(value) ? { ok: true, value, tee: { source: value, taken: [] } } : { ok: true, value });
    } catch (error) {
      f.record.push({ ok: false, error });
    }
    const outcome = runIn(f, run);
    if (f.pending === null) return settle(outcome);
  }
}

/** Runs `run` under a replay frame: its value, or the promise of it when a call it made waits. */
function replay(run: () => unknown): unknown {
  const f: Frame = { record: [], index: 0, pending: null };
  const outcome = runIn(f, run);
  if (f.pending === null) return settle(outcome);
  return replayUntilDone(f, run);
}

/** `helper(...args)` where the helper may call a method that waits (the lowering awaits the result). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function replayWaits(helper: (...args: any[]) => unknown, ...args: unknown[]): unknown {
  const given = args.map(replayableArgument);
  return replay(() => helper(...given));
}

/** `obj.method(...args)` likewise (a runtime object's or module's method). */
export function replayMethod(obj: unknown, name: string, ...args: unknown[]): unknown {
  const given = args.map(replayableArgument);
  return replay(() => {
    const method = (obj as Record<string, unknown>)[name] as AnyFn;
    return method.apply(obj, given);
  });
}

/** `new Cls(...args)` likewise (`Dict.of`-style constructors of displays use replayMethod). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function replayNew(cls: new (...args: any[]) => unknown, ...args: unknown[]): unknown {
  const given = args.map(replayableArgument);
  return replay(() => new cls(...given));
}

/** Is a helper running under a replay frame (a run that may be abandoned and run again)? */
export function replaying(): boolean {
  return frame !== null;
}

/**
 * `print(...)` where an object's `__str__`/`__repr__` may wait: CPython's writes, each object's
 * str taken (under replay) just before its own write, so what another thread prints while it
 * waits lands where CPython's would.
 */
export async function waitingPrint(...args: unknown[]): Promise<null> {
  const patched = builtinOverrides.print;
  if (patched !== undefined) {
    await replayWaits(patched as (...args: unknown[]) => unknown, ...args);
    return null;
  }
  const call = printCall(args);
  if (call === null) return null;
  const { objects, sep, end, file, flush } = call;
  for (let i = 0; i < objects.length; i++) {
    if (i > 0) file.write(sep);
    let text = replayWaits(toStr, objects[i]);
    if (isThenable(text)) text = await text;
    file.write(text as string);
  }
  file.write(end);
  if (truthy(flush) && typeof file.flush === "function") file.flush();
  return null;
}
