// Python's `platform`: the machine and OS facts (system, node, release, version, machine,
// uname, platform, architecture, libc_ver) read from Node's `os`, as CPython reads them from
// uname(2); the Python facts describe pyts's language level (3.11.0, as sys.version_info).

import { nodeModule, nodeProcess } from "../core/host.js";
import { splitKw } from "../values/kwargs.js";
import { truthy } from "../values/truth.js";
import { Tuple } from "../values/tuple.js";
import { repr } from "../values/repr.js";
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
export class uname_result extends Tuple<string> {
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
export class posix_uname_result extends Tuple<string> {
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
});
