// Python's `sys` module: argv, exit(), the standard streams (shared with print()), and the
// interpreter facts programs commonly test (version_info, platform, maxsize).
import { nodeModule, nodeProcess } from "../core/host.js";

import { SystemExit } from "../values/exceptions.js";
import { getIntMaxStrDigits, setIntMaxStrDigits } from "../values/int-digits.js";
import { standardStreams, stdout as realStdout, stderr as realStderr, type TextFile } from "../values/print.js";
import { Tuple } from "../values/tuple.js";
import { Dict } from "../values/dict.js";
import { currentHandled } from "../values/handled.js";
import { moduleObject } from "./module-object.js";

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

/** `sys.exit([status])`: raises SystemExit, which the program's runner turns into the exit code. */
export function exit(...args: unknown[]): never {
  throw args.length === 0 || args[0] === undefined ? new SystemExit() : new SystemExit(args[0]);
}

let recursionLimit = 1000n;

/** The host's facts; a browser has no process (core/host.ts). */
const host = nodeProcess();

/** The `sys` module object. `sys.stdout = f` redirects print(), as in Python. */
export const sysModule = moduleObject("sys", {
  argv: programArgv(),
  /** The module search path: the script's folder first, as CPython puts it. */
  path: [host ? nodeModule("node:path").dirname(nodeModule("node:path").resolve(programArgv()[0] || ".")) : ""],
  exit,
  /** The modules imported so far (the program's own; see program-modules.ts). */
  modules: new Dict<string, unknown>(),
  set_int_max_str_digits: (maxdigits: unknown): null => {
    setIntMaxStrDigits(Number(maxdigits as bigint));
    return null;
  },
  get_int_max_str_digits: (): bigint => BigInt(getIntMaxStrDigits()),
  version_info,
  version: `3.11.0 (pyts, ${host ? `Node.js ${host.versions.node}` : "browser"})`,
  platform: host?.platform ?? "browser",
  byteorder: "little",
  maxsize: 9223372036854775807n,
  executable: host?.execPath ?? "",
  implementation: { name: "pyts" },
  __stdout__: realStdout as TextFile,
  __stderr__: realStderr as TextFile,
  get stdout(): TextFile {
    return standardStreams.stdout;
  },
  set stdout(file: TextFile) {
    standardStreams.stdout = file;
  },
  get stderr(): TextFile {
    return standardStreams.stderr;
  },
  set stderr(file: TextFile) {
    standardStreams.stderr = file;
  },
  getrecursionlimit(): bigint {
    return recursionLimit;
  },
  setrecursionlimit(limit: bigint): null {
    recursionLimit = limit;
    return null;
  },
  /** The exception being handled (an `except` block's, see values/handled.ts), as (type, value, traceback). */
  exc_info(): Tuple {
    const e = currentHandled();
    if (e === null || e === undefined) return Tuple.of(null, null, null);
    return Tuple.of((e as object).constructor, e, (e as { __traceback__?: unknown }).__traceback__ ?? null);
  },
  exception(): unknown {
    return currentHandled();
  },
});
