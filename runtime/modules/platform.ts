// Python's `platform`: the machine and OS facts (system, node, release, version, machine,
// uname, platform, architecture, libc_ver) read from Node's `os`, as CPython reads them from
// uname(2); the Python facts describe pyts's language level (3.11.0, as sys.version_info).

import { nodeModule, nodeProcess } from "../core/host.js";
import { splitKw } from "../values/kwargs.js";
import { truthy } from "../values/truth.js";
import { Tuple } from "../values/tuple.js";
import { structSequence, TupleSubclass } from "./struct-sequence.js";
import { repr, toStr } from "../values/repr.js";
import { Dict } from "../values/dict.js";
import { OSError, PyTypeError } from "../values/exceptions.js";
import { iterable } from "../values/iteration.js";
import { moduleObject } from "./module-object.js";

const SYSTEMS: Record<string, string> = { linux: "Linux", darwin: "Darwin", win32: "Windows", freebsd: "FreeBSD", openbsd: "OpenBSD", sunos: "SunOS", aix: "AIX" };

function os(): typeof import("node:os") | undefined {
  return nodeProcess() ? nodeModule("node:os") : undefined;
}

function system(): string {
  const p = nodeProcess()?.platform;
  return p === undefined ? "" : (SYSTEMS[p] ?? p);
}
const node = (): string => os()?.hostname() ?? "";
const release = (): string => os()?.release() ?? "";
const version = (): string => os()?.version() ?? "";
const machine = (): string => os()?.machine() ?? "";
const processor = (): string => "";

const FIELDS = ["system", "node", "release", "version", "machine"] as const;

/** `platform.uname()`'s result: five named fields and `processor`, which iteration and len() include. */
export class uname_result extends TupleSubclass<string> {
  get system(): string { return this.items[0]!; }
  get node(): string { return this.items[1]!; }
  get release(): string { return this.items[2]!; }
  get version(): string { return this.items[3]!; }
  get machine(): string { return this.items[4]!; }
  get processor(): string { return processor(); }
  __repr__(): string {
    return `uname_result(${FIELDS.map((f, i) => `${f}=${repr(this.items[i])}`).join(", ")})`;
  }
}
Object.defineProperties(uname_result, { pythonName: { value: "uname_result" }, __module__: { value: "platform" } });

function uname(): uname_result {
  return new uname_result([system(), node(), release(), version(), machine(), processor()]);
}

const OS_FIELDS = ["sysname", "nodename", "release", "version", "machine"] as const;

/** `os.uname()`'s result (posix.uname_result). */
export class posix_uname_result extends TupleSubclass<string> {
  /** From the five fields (Python passes any sequence of them). */
  constructor(items: unknown) {
    super((Array.isArray(items) ? items : Array.from(iterable(items))) as string[]);
    if (this.items.length !== 5) throw new PyTypeError(`posix.uname_result() takes a 5-sequence (${this.items.length}-sequence given)`);
  }
  get sysname(): string { return this.items[0]!; }
  get nodename(): string { return this.items[1]!; }
  get release(): string { return this.items[2]!; }
  get version(): string { return this.items[3]!; }
  get machine(): string { return this.items[4]!; }
  __repr__(): string {
    return `posix.uname_result(${OS_FIELDS.map((f, i) => `${f}=${repr(this.items[i])}`).join(", ")})`;
  }
}
Object.defineProperties(posix_uname_result, { pythonName: { value: "uname_result" }, __module__: { value: "posix" } });
structSequence(posix_uname_result, 5);

/** `os.uname()`. */
export function osUname(): posix_uname_result {
  return new posix_uname_result([system(), node(), release(), version(), machine()]);
}

function libc_ver(): Tuple {
  const report = (nodeProcess() as unknown as { report?: { getReport(): { header?: { glibcVersionRuntime?: string } } } } | undefined)?.report;
  const glibc = report?.getReport().header?.glibcVersionRuntime;
  return glibc ? Tuple.of("glibc", glibc) : Tuple.of("", "");
}

/** CPython's _platform(): the non-empty parts joined by "-", cleaned the same way. */
function joinPlatform(...parts: string[]): string {
  let p = parts.filter((x) => x).join("-");
  p = p.replaceAll(" ", "_").replaceAll("/", "-").replaceAll("\\", "-").replaceAll(":", "-").replaceAll(";", "-").replaceAll('"', "-").replaceAll("(", "-").replaceAll(")", "-");
  p = p.replaceAll("unknown", "");
  for (;;) {
    const cleaned = p.replaceAll("--", "-");
    if (cleaned === p) break;
    p = cleaned;
  }
  while (p.endsWith("-")) p = p.slice(0, -1);
  return p;
}

function platform(...args: unknown[]): string {
  const [pos, kws] = splitKw(args);
  const terse = truthy(pos[1] ?? kws.terse ?? false);
  const sys = system();
  if (sys === "Linux") {
    const [name, ver] = libc_ver().items as string[];
    return joinPlatform(sys, release(), machine(), "", "with", name! + ver!);
  }
  if (terse) return joinPlatform(sys, release());
  return joinPlatform(sys, release(), machine(), "", "64bit", "");
}

/** CPython's system_alias: SunOS releases renamed Solaris, win32/win16 named Windows. */
function system_alias(systemArg: unknown, releaseArg: unknown, versionArg: unknown): Tuple {
  let [sys, rel] = [toStr(systemArg), toStr(releaseArg)];
  if (sys === "SunOS") {
    if (rel < "5") return Tuple.of(systemArg, releaseArg, versionArg);
    const parts = rel.split(".");
    // int() of the first part: digits with optional sign and surrounding whitespace
    if (/^\s*[+-]?\d+(_\d+)*\s*$/.test(parts[0]!)) {
      parts[0] = String(BigInt(parts[0]!.trim().replaceAll("_", "")) - 3n);
      rel = parts.join(".");
    }
    sys = "Solaris";
    return Tuple.of(sys, rel, versionArg);
  }
  if (sys === "win32" || sys === "win16") return Tuple.of("Windows", releaseArg, versionArg);
  return Tuple.of(systemArg, releaseArg, versionArg);
}

const OS_RELEASE_FILES = ["/etc/os-release", "/usr/lib/os-release"];
let osRelease: Dict<string, string> | null = null;

/** The os-release file parsed as CPython's _parse_os_release does (a copy per call). */
function freedesktop_os_release(): Dict<string, string> {
  if (osRelease === null) {
    let errno: bigint | null = null;
    for (const file of OS_RELEASE_FILES) {
      let text: string;
      try {
        text = nodeModule("node:fs").readFileSync(file, "utf8");
      } catch (error) {
        errno = BigInt(-((error as { errno?: number }).errno ?? 0));
        continue;
      }
      const info = new Dict<string, string>([["NAME", "Linux"], ["ID", "linux"], ["PRETTY_NAME", "Linux"]]);
      for (const line of text.split(/(?<=\n)/)) {
        const m = /^([a-zA-Z0-9_]+)=(["']?)([^\n]*)\2$/.exec(line.endsWith("\n") ? line.slice(0, -1) : line);
        if (m !== null) info.set(m[1]!, m[3]!.replace(/\\([\\$"'`])/g, "$1"));
      }
      osRelease = info;
      break;
    }
    if (osRelease === null) throw new OSError(errno, `Unable to read files ${OS_RELEASE_FILES.join(", ")}`);
  }
  return new Dict<string, string>(osRelease.entries());
}

/** The queries of other platforms return their defaults (the arguments) on Linux, as CPython's do. */
function java_ver(...args: unknown[]): Tuple {
  const [pos, kws] = splitKw(args);
  const empty3 = Tuple.of("", "", "");
  return Tuple.of(pos[0] ?? kws.release ?? "", pos[1] ?? kws.vendor ?? "", pos[2] ?? kws.vminfo ?? empty3, pos[3] ?? kws.osinfo ?? empty3);
}
function mac_ver(...args: unknown[]): Tuple {
  const [pos, kws] = splitKw(args);
  return Tuple.of(pos[0] ?? kws.release ?? "", pos[1] ?? kws.versioninfo ?? Tuple.of("", "", ""), pos[2] ?? kws.machine ?? "");
}
function win32_ver(...args: unknown[]): Tuple {
  const [pos, kws] = splitKw(args);
  return Tuple.of(pos[0] ?? kws.release ?? "", pos[1] ?? kws.version ?? "", pos[2] ?? kws.csd ?? "", pos[3] ?? kws.ptype ?? "");
}

export const platformModule = moduleObject("platform", {
  system,
  node,
  release,
  version,
  machine,
  processor,
  uname,
  uname_result,
  platform,
  libc_ver,
  architecture: (): Tuple => Tuple.of("64bit", system() === "Linux" ? "ELF" : ""),
  python_version: (): string => "3.11.0",
  python_version_tuple: (): Tuple => Tuple.of("3", "11", "0"),
  python_implementation: (): string => "CPython",
  python_compiler: (): string => `Node.js ${nodeProcess()?.versions.node ?? ""}`,
  // sys.version names the build "pyts" and carries no date; pyts has no git branch or revision.
  python_build: (): Tuple => Tuple.of("pyts", ""),
  python_branch: (): string => "",
  python_revision: (): string => "",
  system_alias,
  freedesktop_os_release,
  java_ver,
  mac_ver,
  win32_ver,
  win32_edition: (): null => null,
  win32_is_iot: (): boolean => false,
});
