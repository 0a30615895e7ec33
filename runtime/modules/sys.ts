// Python's `sys` module: argv, exit(), the standard streams (shared with print()), and the
// interpreter facts programs commonly test (version_info, platform, maxsize).
import { environment, nodeModule, nodeProcess } from "../core/host.js";

import { SystemExit } from "../values/exceptions.js";
import { getIntMaxStrDigits, setIntMaxStrDigits } from "../values/int-digits.js";
import { standardStreams, stdout as realStdout, stderr as realStderr } from "../values/print.js";
import { Tuple } from "../values/tuple.js";
import { Dict } from "../values/dict.js";
import { PyModule, moduleObject, onModuleMade } from "./module-object.js";
import { stdin as realStdin, stdinHolder } from "../values/stdin.js";
import { getsizeof } from "./sys-sizeof.js";
import { sysHooks } from "./sys-hooks.js";
import { flags, installExcepthook, structSequence, sysInfo, threadInfo, tracebackOf } from "./sys-info.js";
import { handledException } from "../lang/handled.js";
import { typeOf } from "../values/builtin-types.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import { callMethod } from "../values/methods.js";
import { repr } from "../values/repr.js";
import { setBuiltin } from "./module-spec.js";

/** `sys.argv`: the script (PYTS_ARGV0 lets a wrapper name the .py file) and its arguments. */
export function programArgv(): string[] {
  const process = nodeProcess();
  if (process === undefined) return [""];
  return [process.env["PYTS_ARGV0"] ?? process.argv[1] ?? "", ...process.argv.slice(2)];
}

/** `sys.version_info`: a 5-tuple with named fields. */
export class version_info_type extends Tuple<unknown> {
  get major(): any { return this.items[0]; }
  get minor(): any { return this.items[1]; }
  get micro(): any { return this.items[2]; }
  get releaselevel(): any { return this.items[3]; }
  get serial(): any { return this.items[4]; }
  __repr__(): string {
    const [major, minor, micro, level, serial] = this.items;
    return `sys.version_info(major=${major}, minor=${minor}, micro=${micro}, releaselevel='${level}', serial=${serial})`;
  }
}
// Tuple's static pythonName is typed as the literal "tuple", so the name is set afterwards.
Object.defineProperties(version_info_type, {
  pythonName: { value: "version_info" },
  __module__: { value: "sys" },
});

export const version_info = new version_info_type([3n, 11n, 0n, "final", 0n]);

/** `sys.float_info`: the IEEE double's facts, as CPython reports them. */
export const float_info = structSequence("float_info", {
  max: Number.MAX_VALUE, max_exp: 1024n, max_10_exp: 308n, min: 2.2250738585072014e-308, min_exp: -1021n,
  min_10_exp: -307n, dig: 15n, mant_dig: 53n, epsilon: Number.EPSILON, radix: 2n, rounds: 1n,
});

/** `sys.exit([status])`: raises SystemExit, which the program's runner turns into the exit code. */
export function exit(...args: unknown[]): never {
  throw args.length === 0 || args[0] === undefined ? new SystemExit() : new SystemExit(args[0]);
}

let recursionLimit = 1000n;

/** The host's facts; a browser has no process (core/host.ts). */
const host = nodeProcess();

/** The `sys` module object. `sys.stdout = f` redirects print(), as in Python. */
/** The interactive interpreter's display of an expression statement's value (doctest's examples). */
function displayhook(value: unknown): null {
  if (value === null || value === undefined) return null;
  // CPython unbinds `_` first (the value's repr may read it), then binds it to the value.
  setBuiltin("_", null);
  callMethod(standardStreams.stdout, "write", `${repr(value)}\n`);
  setBuiltin("_", value);
  return null;
}

let switchInterval = 0.005;

export const sysModule = moduleObject("sys", {
  ...sysInfo,
  ...sysHooks,
  get flags() {
    return flags();
  },
  get thread_info() {
    return threadInfo();
  },
  // (a program may put any callable there)
  displayhook: displayhook as (value: unknown) => unknown,
  __displayhook__: displayhook,
  argv: programArgv(),
  /** The module search path: the script's folder first, as CPython puts it ("" for stdin and -c: the working folder). */
  path: [host && !["-", "-c"].includes(programArgv()[0]!) ? nodeModule("node:path").dirname(nodeModule("node:path").resolve(programArgv()[0] || ".")) : ""],
  exit,
  /** The modules imported so far (the program's own, program-modules.ts, and the standard ones made). */
  modules: new Dict<string, unknown>(),
  set_int_max_str_digits: (maxdigits: unknown): null => {
    setIntMaxStrDigits(Number(maxdigits as bigint));
    return null;
  },
  get_int_max_str_digits: (): bigint => BigInt(getIntMaxStrDigits()),
  version_info,
  float_info,
  version: `3.11.0 (pyts, ${host ? `Node.js ${host.versions.node}` : "browser"})`,
  platform: host?.platform ?? "browser",
  byteorder: "little",
  maxsize: 9223372036854775807n,
  /** The program that runs Python programs: the pyts command under `pyts run` (README, sys). */
  executable: environment("PYTS_EXECUTABLE") ?? host?.execPath ?? "",
  implementation: { name: "pyts" },
  __stdin__: realStdin as unknown,
  __stdout__: realStdout as any,
  get stdin(): any {
    return stdinHolder.stdin;
  },
  set stdin(file: any) {
    stdinHolder.stdin = file;
  },
  getsizeof,
  /** `sys.exc_info()`: (type, value, traceback) of the exception being handled, else Nones. */
  exc_info(): Tuple {
    const e = handledException();
    if (e === null) return Tuple.of(null, null, null);
    return Tuple.of(typeOf(e), e, tracebackOf(e));
  },
  /** `sys.exception()` (3.11): the exception being handled, else None. */
  exception(): unknown {
    return handledException();
  },
  /** `sys.intern(s)`: JS strings are values, so the string itself. */
  intern(s: unknown): string {
    if (typeof s !== "string") throw new PyTypeError(`intern() argument must be str, not ${typeName(s)}`);
    return s;
  },
  getdefaultencoding: (): string => "utf-8",
  getfilesystemencoding: (): string => "utf-8",
  getfilesystemencodeerrors: (): string => "surrogateescape",
  hexversion: 0x030b00f0n,
  maxunicode: 1114111n,
  api_version: 1013n,
  orig_argv: host ? [host.argv0, ...host.execArgv, ...host.argv.slice(1)] : [],
  __stderr__: realStderr as any,
  get stdout(): any {
    return standardStreams.stdout;
  },
  set stdout(file: any) {
    standardStreams.stdout = file;
  },
  get stderr(): any {
    return standardStreams.stderr;
  },
  set stderr(file: any) {
    standardStreams.stderr = file;
  },
  warnoptions: [],
  /** as CPython sets it: from $PYTHONDONTWRITEBYTECODE */
  dont_write_bytecode: (host?.env["PYTHONDONTWRITEBYTECODE"] ?? "") !== "",
  prefix: "/usr",
  base_prefix: "/usr",
  exec_prefix: "/usr",
  base_exec_prefix: "/usr",
  platlibdir: "lib",
  pycache_prefix: null,
  float_repr_style: "short",
  abiflags: "",
  is_finalizing: (): boolean => false,
  /** CPython's thread switch interval: kept (green threads switch only where they block, DESIGN.md §7) */
  getswitchinterval: (): number => switchInterval,
  setswitchinterval: (interval: unknown): null => {
    const seconds = typeof interval === "bigint" ? Number(interval) : (interval as number);
    if (typeof seconds !== "number") throw new PyTypeError(`must be real number, not ${typeName(interval)}`);
    if (!(seconds > 0)) throw new ValueError("switch interval must be strictly positive");
    switchInterval = seconds;
    return null;
  },
  getrecursionlimit(): bigint {
    return recursionLimit;
  },
  setrecursionlimit(limit: bigint): null {
    recursionLimit = limit;
    return null;
  },
});

// The standard modules, as each is made (`import json` makes json); `os.path` is os's `path`
// module (posixpath), under both names as in CPython.
onModuleMade((name, module) => {
  sysModule.modules.set(name, module);
  const path: unknown = name === "os" ? Object.getOwnPropertyDescriptor(module, "path")?.value : undefined;
  if (path instanceof PyModule) sysModule.modules.set("os.path", path);
});

installExcepthook(() => sysModule.excepthook);
