// `os`'s system configuration and file-system facts: sysconf/pathconf/fpathconf ask libc
// through the perl helper (os-helper.ts), confstr asks getconf(1), statvfs/fstatvfs read
// `stat -f` (of /proc/<pid>/fd/<n> for a descriptor: the child reads our table) and the mount's flags from /proc/self/mountinfo.
import { nodeModule, nodeProcess } from "../core/host.js";
import { OSError, PyTypeError, ValueError } from "../values/exceptions.js";
import { iterable } from "../values/iteration.js";
import { repr } from "../values/repr.js";
import { TupleSubclass } from "./struct-sequence.js";
import { fsCall } from "../lang/os-errors.js";
import { pyClass, toInt } from "./callable-class.js";
import { fspath } from "./os-path.js";
import { osErrorOfErrno, perlCall } from "./os-helper.js";
import { CONFSTR_NAMES, PATHCONF_NAMES, SYSCONF_NAMES } from "./posix-constants-data.js";

const fs = (): typeof import("node:fs") => nodeModule("node:fs");

/** The number of a configuration name (a str of `table`, or an int as it is). */
function confNumber(name: unknown, table: ReadonlyArray<readonly [string, number]>): number {
  if (typeof name === "bigint" || typeof name === "boolean") return toInt(name);
  if (typeof name !== "string") throw new PyTypeError("configuration names must be strings or integers");
  const found = table.find(([n]) => n === name);
  if (found === undefined) throw new ValueError("unrecognized configuration name");
  return found[1];
}

/** A libc call that returns -1 with errno unchanged for "no limit": the perl line prints -1 then. */
const CONF_PROGRAM = `$! = 0; my $r = $ARGV[0] eq "s" ? sysconf($ARGV[1]) : $ARGV[0] eq "p" ? pathconf($ARGV[2], $ARGV[1]) : fpathconf(0, $ARGV[1]);
if (defined $r) { print $r } elsif ($! + 0) { print "!", $! + 0 } else { print -1 }`;

/** Every sysconf value at once (a helper run costs tens of ms): errno, or the value, by number. */
const ALL_SYSCONF = `for my $n (@ARGV) { $! = 0; my $r = sysconf($n); print "$n ", (defined $r ? $r : ($! + 0) ? "!" . ($! + 0) : -1), "\n" }`;
let sysconfCache: Map<number, string> | null = null;
/** Values that change while a program runs (free memory, CPUs brought on or off line): asked each time. */
const VOLATILE_SYSCONF = new Set(["SC_AVPHYS_PAGES", "SC_NPROCESSORS_ONLN", "SC_NPROCESSORS_CONF", "SC_PHYS_PAGES"].map((n) => SYSCONF_NAMES.find(([k]) => k === n)?.[1]));

function sysconf(name: unknown): bigint {
  const number = confNumber(name, SYSCONF_NAMES);
  if (VOLATILE_SYSCONF.has(number) || !SYSCONF_NAMES.some(([, n]) => n === number)) return BigInt(perlCall(CONF_PROGRAM, ["s", String(number)]).trim());
  sysconfCache ??= new Map(perlCall(ALL_SYSCONF, SYSCONF_NAMES.map(([, n]) => String(n))).trim().split("\n").map((line) => {
    const [n, value] = line.split(" ");
    return [Number(n), value!] as const;
  }));
  const value = sysconfCache.get(number)!;
  if (value.startsWith("!")) throw osErrorOfErrno(Number(value.slice(1)));
  return BigInt(value);
}

/** `os.pathconf(path, name)`; a descriptor as `path` is fpathconf. */
function pathconf(path: unknown, name: unknown): bigint {
  const number = String(confNumber(name, PATHCONF_NAMES));
  if (typeof path === "bigint") return fpathconf(path, name);
  const file = fspath(path);
  return BigInt(perlCall(CONF_PROGRAM, ["p", number, file], null, file).trim());
}

function fpathconf(fd: unknown, name: unknown): bigint {
  const number = String(confNumber(name, PATHCONF_NAMES));
  const descriptor = toInt(fd);
  fsCall(() => fs().fstatSync(descriptor));
  return BigInt(perlCall(CONF_PROGRAM, ["f", number], descriptor).trim());
}

/** `os.confstr(name)`: getconf(1) prints confstr's values under the name without `CS_`. */
function confstr(name: unknown): string | null {
  const number = confNumber(name, CONFSTR_NAMES);
  const known = CONFSTR_NAMES.find(([, n]) => n === number);
  if (known === undefined) throw new OSError(22n, "Invalid argument");
  const result = nodeModule("node:child_process").spawnSync("getconf", [known[0].slice(3)], { encoding: "utf8" });
  if (result.status !== 0) throw new OSError(22n, "Invalid argument");
  return (result.stdout ?? "").replace(/\n$/, "");
}

const STATVFS_FIELDS = ["f_bsize", "f_frsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree", "f_favail", "f_flag", "f_namemax"] as const;

/** `os.statvfs_result`: ten fields as a sequence, and `f_fsid` by name only. */
export class statvfs_result extends TupleSubclass<bigint> {
  static readonly __module__ = "os";
  static readonly n_fields = 11n;
  static readonly n_sequence_fields = 10n;
  static readonly n_unnamed_fields = 0n;
  readonly #fsid: bigint | null;
  constructor(items: unknown, fsid: bigint | null = null) {
    const values = Array.from(iterable(items)) as bigint[];
    if (values.length < 10 || values.length > 11) throw new PyTypeError(`os.statvfs_result() takes an at least 10-sequence (${values.length}-sequence given)`);
    super(values.slice(0, 10));
    this.#fsid = values.length === 11 ? values[10]! : fsid;
  }
  // (named only, no item: a member of the class, as CPython's)
  get f_fsid(): bigint | null { return this.#fsid; }
  get f_bsize(): bigint { return this.items[0]!; }
  get f_frsize(): bigint { return this.items[1]!; }
  get f_blocks(): bigint { return this.items[2]!; }
  get f_bfree(): bigint { return this.items[3]!; }
  get f_bavail(): bigint { return this.items[4]!; }
  get f_files(): bigint { return this.items[5]!; }
  get f_ffree(): bigint { return this.items[6]!; }
  get f_favail(): bigint { return this.items[7]!; }
  get f_flag(): bigint { return this.items[8]!; }
  get f_namemax(): bigint { return this.items[9]!; }
  __repr__(): string {
    return `os.statvfs_result(${STATVFS_FIELDS.map((f, i) => `${f}=${repr(this.items[i])}`).join(", ")})`;
  }
}
Object.defineProperty(statvfs_result, "pythonName", { value: "statvfs_result" });

/** The ST_* flags of a mount's options, as statvfs reports them. */
const MOUNT_FLAGS: Record<string, number> = { ro: 1, nosuid: 2, nodev: 4, noexec: 8, sync: 16, mand: 64, noatime: 1024, nodiratime: 2048, relatime: 4096 };

/** The flags of the mount holding device `dev` (the last mount of it in /proc/self/mountinfo). */
function mountFlags(dev: number): bigint {
  const [major, minor] = [(dev >> 8) & 0xfff, (dev & 0xff) | ((dev >> 12) & 0xfff00)];
  let options = "";
  for (const line of fs().readFileSync("/proc/self/mountinfo", "latin1").split("\n")) {
    const fields = line.split(" ");
    if (fields[2] === `${major}:${minor}`) options = fields[5] ?? "";
  }
  return BigInt(options.split(",").reduce((flags, o) => flags | (MOUNT_FLAGS[o] ?? 0), 0));
}

function statvfsOf(target: string, filename: unknown): statvfs_result {
  const stats = fsCall(() => fs().statSync(target), filename);
  const result = nodeModule("node:child_process").spawnSync("stat", ["-L", "-f", "-c", "%s %S %b %f %a %c %d %l %i", "--", target], { encoding: "utf8" });
  if (result.status !== 0) throw osErrorOfErrno(2, filename);
  const [bsize, frsize, blocks, bfree, bavail, files, ffree, namemax, fsid] = (result.stdout ?? "").trim().split(" ") as string[];
  const id = BigInt(`0x${fsid!.padStart(16, "0")}`);
  // stat(1) prints the two words of f_fsid the other way round from glibc's unsigned long
  const fsidValue = ((id & 0xffffffffn) << 32n) | (id >> 32n);
  const numbers = [bsize, frsize, blocks, bfree, bavail, files, ffree, ffree].map((n) => BigInt(n!));
  return new statvfs_result([...numbers, mountFlags(stats.dev), BigInt(namemax!)], fsidValue);
}

export const osConf = {
  sysconf,
  pathconf,
  fpathconf,
  confstr,
  statvfs_result: pyClass(statvfs_result),
  statvfs: (path: unknown): statvfs_result => {
    if (typeof path === "bigint") return statvfsOf(`/proc/${nodeProcess()!.pid}/fd/${toInt(path)}`, undefined);
    const file = fspath(path);
    return statvfsOf(file, file);
  },
  fstatvfs: (fd: unknown): statvfs_result => {
    const descriptor = toInt(fd);
    fsCall(() => fs().fstatSync(descriptor));
    return statvfsOf(`/proc/${nodeProcess()!.pid}/fd/${descriptor}`, undefined);
  },
};
