// Python's `timeit`: `timeit`, `repeat`, `Timer` (timeit, repeat, autorange) and
// `default_timer` (time.perf_counter), for callables and for statements given as source text:
// the compiler compiles a literal statement (and setup) into the template function CPython
// builds (src/lower/timeit-statements.ts), which Timer runs with `globals=` as its namespace.
// A string the compiler did not see (known only at run time) is compiled then, into the same
// template, by pyts's compiler (runtime/lang/eval-exec.ts).

import { NotImplementedError, PyTypeError, ValueError } from "../values/exceptions.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { print_exc } from "./traceback.js";
import { Tuple } from "../values/tuple.js";
import { Dict } from "../values/dict.js";
import { callable } from "../values/builtin-functions.js";
import { callValue } from "./pycall.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { makeMain } from "./timeit-main.js";
import { DOC } from "./timeit-doc.js";
import { monotonic } from "./time.js";
import { pyCompile, pyExec } from "../lang/eval-exec.js";

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

/** The name CPython compiles timeit's statements under. */
const SOURCE_NAME = "<timeit-src>";
/** `timeit.template`: the function a string statement is compiled into ({init}, {setup}, {stmt}). */
const TEMPLATE = "\ndef inner(_it, _timer{init}):\n    {setup}\n    _t0 = _timer()\n    for _i in _it:\n        {stmt}\n        pass\n    _t1 = _timer()\n    return _t1 - _t0\n";

/** `timeit.reindent(src, indent)`: continuation lines indented by `indent` spaces. */
function reindent(src: string, indent: number | bigint): string {
  return src.replaceAll("\n", `\n${" ".repeat(Number(indent))}`);
}

/**
 * A statement or setup given as a string the compiler did not see: CPython's template
 * (Lib/timeit.py), compiled now with pyts's compiler and run in `globals` as CPython runs it,
 * which gives `inner(_it, _timer)`.
 */
function compiledAtRunTime(stmt: unknown, setup: unknown, globals: Dict): Function {
  for (const [code, what] of [[stmt, "stmt"], [setup, "setup"]] as const) if (typeof code !== "string" && !callable(code)) throw new ValueError(`${what} is neither a string nor callable`);
  const local = new Dict<unknown, unknown>();
  let init = "";
  let setupText: string;
  if (typeof setup === "string") {
    pyCompile(setup, SOURCE_NAME, "exec");
    setupText = setup;
  } else {
    local.set("_setup", setup);
    init += ", _setup=_setup";
    setupText = "_setup()";
  }
  let stmtText: string;
  if (typeof stmt === "string") {
    pyCompile((typeof setup === "string" ? `${setup}\n` : "") + stmt, SOURCE_NAME, "exec");
    stmtText = stmt;
  } else {
    local.set("_stmt", stmt);
    init += ", _stmt=_stmt";
    stmtText = "_stmt()";
  }
  const fields: Record<string, string> = { init, setup: reindent(setupText, 4), stmt: reindent(stmtText, 8) };
  const template = TEMPLATE.replace(/\{(init|setup|stmt)\}/g, (_, name: string) => fields[name]!);
  pyExec(pyCompile(template, SOURCE_NAME, "exec"), globals, local);
  return local.get("inner") as Function;
}

/** A string other than the empty statement (which runs as a callable doing nothing). */
function sourceText(code: unknown): boolean {
  return typeof code === "string" && code.trim() !== "pass" && code.trim() !== "";
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
  readonly #stmt!: () => unknown;
  readonly #setup!: () => unknown;
  readonly #timer: unknown;
  readonly #inner: Function | null;
  readonly #globals: unknown;
  /** CPython's template compiled at run time: `inner(_it, _timer)` */
  readonly #template: Function | null = null;

  constructor(...args: unknown[]) {
    const [pos, kw] = splitKw(args);
    const arg = (i: number, name: string, fallback: unknown): unknown => (i < pos.length ? pos[i] : name in kw ? kw[name] : fallback);
    const stmt = arg(0, "stmt", "pass");
    const setup = arg(1, "setup", "pass");
    this.#timer = arg(2, "timer", defaultTimer);
    const globals = arg(3, "globals", null);
    this.#globals = globals === null || globals === undefined ? new Dict() : globals;
    this.#inner = compiledStatement(stmt);
    // Source text the compiler did not see is compiled now (CPython compiles it here too).
    if (this.#inner === null && (sourceText(stmt) || sourceText(setup))) {
      this.#template = compiledAtRunTime(stmt, setup, this.#globals as Dict);
      this.#stmt = this.#setup = () => null;
      return;
    }
    this.#stmt = this.#inner === null ? runnable(stmt, "stmt") : () => null;
    this.#setup = runnable(setup, "setup");
  }

  #now(): number {
    return this.#timer === defaultTimer ? monotonic() : (callValue(this.#timer) as number);
  }

  timeit(...args: unknown[]): number {
    const [pos, kw] = splitKw(args);
    const number = BigInt((pos[0] ?? kw["number"] ?? DEFAULT_NUMBER) as bigint);
    if (this.#template !== null) {
      const timer = this.#timer === defaultTimer ? monotonic : this.#timer;
      return callValue(this.#template, times(number), timer) as number;
    }
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

  /** `print_exc(file=None)`: the traceback of the exception the timed code raised, being handled (traceback.print_exc). */
  print_exc(...args: unknown[]): null {
    const [pos, kw] = splitKw(args);
    if (pos.length > 1) throw new PyTypeError(`Timer.print_exc() takes from 1 to 2 positional arguments but ${pos.length + 1} were given`);
    return print_exc(new Kwargs({ file: pos[0] ?? kw["file"] ?? null }));
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
  main: makeMain(DOC, (stmt, setup, timer) => new Timer(stmt, setup, timer), defaultTimer, DEFAULT_REPEAT),
  template: TEMPLATE,
  reindent,
  dummy_src_name: SOURCE_NAME,
});
