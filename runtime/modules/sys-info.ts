// More of `sys`: the struct sequences describing the interpreter (flags, int_info, hash_info,
// thread_info) as pyts behaves (str hashes are FNV and not randomized, ints follow CPython's
// digit limits), excepthook (called for an uncaught exception), the module name lists, and
// calls that are honest without CPython's machinery (call_tracing, gettrace/getprofile,
// settrace/setprofile of None).
import { nodeProcess } from "../core/host.js";
import { typeOf } from "../values/builtin-types.js";
import { BaseException, NotImplementedError } from "../values/exceptions.js";
import { callMethod } from "../values/methods.js";
import { standardStreams } from "../values/print.js";
import { repr } from "../values/repr.js";
import { FrozenSet } from "../values/set.js";
import { displayException, excepthookHolder } from "../values/traceback.js";
import { Tuple } from "../values/tuple.js";
import { callValue } from "./pycall.js";
import { initialiseModule } from "./module-object.js";
import { BUILTIN_MODULE_NAMES, STDLIB_MODULE_NAMES } from "./sys-names-data.js";

function noHook(call: string, kind: string, func: unknown): null {
  if (func !== null && func !== undefined) throw new NotImplementedError(`sys.${call}(): pyts runs no ${kind} functions (its frames raise no call, line or return events)`);
  return null;
}

/** A struct sequence (`sys.float_info`): a tuple whose items are named fields too. */
export function structSequence(name: string, fields: Record<string, unknown>): Tuple<unknown> {
  const names = Object.keys(fields);
  const cls = class extends Tuple<unknown> {
    __repr__(): string {
      return `sys.${name}(${names.map((n, i) => `${n}=${repr(this.items[i])}`).join(", ")})`;
    }
  };
  names.forEach((field, i) => {
    Object.defineProperty(cls.prototype, field, {
      get(this: Tuple<unknown>) {
        return this.items[i];
      },
    });
  });
  Object.defineProperties(cls, { pythonName: { value: name }, __module__: { value: "sys" } });
  return new cls(Object.values(fields));
}

const host = nodeProcess();

/** `sys.flags`: no command-line options (-X int_max_str_digits either) apply to a pyts program; str hashes are not randomized. */
export function flags(): Tuple<unknown> {
  return structSequence("flags", {
    debug: 0n, inspect: 0n, interactive: 0n, optimize: 0n,
    dont_write_bytecode: (host?.env["PYTHONDONTWRITEBYTECODE"] ?? "") !== "" ? 1n : 0n,
    no_user_site: 0n, no_site: 0n, ignore_environment: 0n, verbose: 0n, bytes_warning: 0n, quiet: 0n,
    hash_randomization: 0n, isolated: 0n, dev_mode: false, utf8_mode: 0n, warn_default_encoding: 0n,
    safe_path: false, int_max_str_digits: -1n,
  });
}

export function threadInfo(): Tuple<unknown> {
  const report = (host as unknown as { report?: { getReport(): { header?: { glibcVersionRuntime?: string } } } } | undefined)?.report;
  const glibc = report?.getReport().header?.glibcVersionRuntime;
  return structSequence("thread_info", { name: "pthread", lock: "semaphore", version: glibc ? `NPTL ${glibc}` : null });
}

/** `sys.excepthook(type, value, traceback)` by default: CPython's report on sys.stderr. */
function excepthook(_type: unknown, value: unknown, _traceback: unknown): null {
  callMethod(standardStreams.stderr, "write", displayException(value));
  return null;
}

/** An exception's traceback object (made by the traceback module, initialised for it). */
export function tracebackOf(e: unknown): unknown {
  if (!(e instanceof BaseException)) return null;
  initialiseModule("traceback");
  return e.__traceback__ ?? null;
}

/** The module's current excepthook, read by the uncaught-exception report (set by sys.ts). */
export function installExcepthook(current: () => unknown): void {
  excepthookHolder.replaced = () => {
    const hook = current();
    if (hook === excepthook) return null;
    return (e: unknown) => callValue(hook, typeOf(e), e, tracebackOf(e));
  };
}

/** (flags and thread_info are getters in sys.ts: a spread would read them once, at import) */
export const sysInfo = {
  int_info: structSequence("int_info", { bits_per_digit: 30n, sizeof_digit: 4n, default_max_str_digits: 4300n, str_digits_check_threshold: 640n }),
  hash_info: structSequence("hash_info", {
    width: 64n, modulus: (1n << 61n) - 1n, inf: 314159n, nan: 0n, imag: 1000003n, algorithm: "fnv", hash_bits: 64n, seed_bits: 128n, cutoff: 0n,
  }),
  excepthook: excepthook as (type: unknown, value: unknown, traceback: unknown) => unknown,
  __excepthook__: excepthook,
  stdlib_module_names: new FrozenSet<string>(STDLIB_MODULE_NAMES),
  builtin_module_names: Tuple.from(BUILTIN_MODULE_NAMES),
  /** `sys.call_tracing(func, args)`: no tracing here, so the call itself. */
  call_tracing: (func: unknown, args: unknown): unknown => callValue(func, ...(args as Tuple).items),
  /** No tracer or profiler can be set (settrace/setprofile take only None), so always None. */
  gettrace: (): null => null,
  getprofile: (): null => null,
  /**
   * settrace/setprofile: pyts's frames raise no call, line or return events, so a function
   * could never run: None (no tracer, the only state there is) is taken, a function refused
   * rather than silently ignored (as threading.settrace/setprofile do).
   */
  settrace: (func: unknown): null => noHook("settrace", "trace", func),
  setprofile: (func: unknown): null => noHook("setprofile", "profile", func),
};
