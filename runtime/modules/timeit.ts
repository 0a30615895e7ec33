// Python's `timeit`: `timeit`, `repeat`, `Timer` (timeit, repeat, autorange) and
// `default_timer` (time.perf_counter), for callables and for statements given as source text:
// the compiler compiles a literal statement (and setup) into the template function CPython
// builds (src/lower/timeit-statements.ts), which Timer runs with `globals=` as its namespace.
// A string the compiler did not see (not a literal of the call) other than "pass" raises
// NotImplementedError naming the difference.

import { NotImplementedError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { Dict } from "../values/dict.js";
import { callable } from "../values/builtin-functions.js";
import { callValue } from "./pycall.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { monotonic } from "./time.js";

const DEFAULT_NUMBER = 1000000n;
const DEFAULT_REPEAT = 5n;

function runnable(code: unknown, what: string): () => unknown {
  if (typeof code === "string") {
    if (code.trim() === "pass" || code.trim() === "") return () => null;
    throw new NotImplementedError(`pyts's timeit runs callables, not source strings (${what}=${JSON.stringify(code)}); pass a function or lambda`);
  }
  if (!callable(code)) throw new ValueError(`${what} is neither a string nor callable`);
  return () => callValue(code);
}

/** A statement the compiler compiled: `__pyts_timeit_N__(_it, _timer, _ns, _setup)`. */
function compiledStatement(stmt: unknown): Function | null {
  return typeof stmt === "function" && /^__pyts_timeit_\d+__$/.test(stmt.name) ? stmt : null;
}

/** `itertools.repeat(None, number)` for the template's loop, without a list of that size. */
function times(number: bigint): Iterable<null> {
  return {
    *[Symbol.iterator]() {
      for (let i = 0n; i < number; i++) yield null;
    },
  };
}

export class Timer {
  static readonly __module__ = "timeit";
  readonly #stmt: () => unknown;
  readonly #setup: () => unknown;
  readonly #timer: unknown;
  readonly #inner: Function | null;
  readonly #globals: unknown;

  constructor(...args: unknown[]) {
    const [pos, kw] = splitKw(args);
    const arg = (i: number, name: string, fallback: unknown): unknown => (i < pos.length ? pos[i] : name in kw ? kw[name] : fallback);
    const stmt = arg(0, "stmt", "pass");
    this.#inner = compiledStatement(stmt);
    this.#stmt = this.#inner === null ? runnable(stmt, "stmt") : () => null;
    this.#setup = runnable(arg(1, "setup", "pass"), "setup");
    this.#timer = arg(2, "timer", defaultTimer);
    const globals = arg(3, "globals", null);
    this.#globals = globals === null || globals === undefined ? new Dict() : globals;
  }

  #now(): number {
    return this.#timer === defaultTimer ? monotonic() : (callValue(this.#timer) as number);
  }

  timeit(...args: unknown[]): number {
    const [pos, kw] = splitKw(args);
    const number = BigInt((pos[0] ?? kw["number"] ?? DEFAULT_NUMBER) as bigint);
    if (this.#inner !== null) {
      const timer = this.#timer === defaultTimer ? monotonic : this.#timer;
      return callValue(this.#inner, times(number), timer, this.#globals, this.#setup) as number;
    }
    this.#setup();
    const start = this.#now();
    for (let i = 0n; i < number; i++) this.#stmt();
    return this.#now() - start;
  }

  repeat(...args: unknown[]): number[] {
    const [pos, kw] = splitKw(args);
    const repeat = BigInt((pos[0] ?? kw["repeat"] ?? DEFAULT_REPEAT) as bigint);
    const number = (pos[1] ?? kw["number"] ?? DEFAULT_NUMBER) as bigint;
    const out: number[] = [];
    for (let i = 0n; i < repeat; i++) out.push(this.timeit(number));
    return out;
  }

  /** Loops 1, 2, 5, 10, 20, 50, ... times until one run takes at least 0.2 seconds. */
  autorange(callback: unknown = null): Tuple {
    for (let i = 1n; ; i *= 10n) {
      for (const j of [1n, 2n, 5n]) {
        const number = i * j;
        const elapsed = this.timeit(number);
        if (callback !== null && callback !== undefined) callValue(callback, number, elapsed);
        if (elapsed >= 0.2) return Tuple.of(number, elapsed);
      }
    }
  }
}

/** time.perf_counter itself, as CPython's `timeit.default_timer` is. */
const defaultTimer = monotonic;

function splitTimerArgs(args: unknown[]): [unknown[], Record<string, unknown>] {
  const [pos, kw] = splitKw(args);
  return [pos, kw];
}

function timeit(...args: unknown[]): number {
  const [pos, kw] = splitTimerArgs(args);
  const timer = new Timer(pos[0] ?? kw["stmt"] ?? "pass", pos[1] ?? kw["setup"] ?? "pass", pos[2] ?? kw["timer"] ?? defaultTimer, pos[4] ?? kw["globals"] ?? null);
  return timer.timeit(pos[3] ?? kw["number"] ?? DEFAULT_NUMBER);
}

function repeat(...args: unknown[]): number[] {
  const [pos, kw] = splitTimerArgs(args);
  const timer = new Timer(pos[0] ?? kw["stmt"] ?? "pass", pos[1] ?? kw["setup"] ?? "pass", pos[2] ?? kw["timer"] ?? defaultTimer, pos[5] ?? kw["globals"] ?? null);
  return timer.repeat(pos[3] ?? kw["repeat"] ?? DEFAULT_REPEAT, pos[4] ?? kw["number"] ?? DEFAULT_NUMBER);
}

export const timeitModule = moduleObject("timeit", {
  Timer: pyClass(Timer),
  timeit,
  repeat,
  default_timer: defaultTimer,
  default_number: DEFAULT_NUMBER,
  default_repeat: DEFAULT_REPEAT,
});
