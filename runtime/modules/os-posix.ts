// More of `os` on Node and Linux's /proc: file-descriptor calls (fstat, lseek, pread/pwrite,
// readv/writev, sendfile, closerange, ttyname), process facts (/proc/self/stat and status give
// getpgid/getsid/getresuid/times; Node gives priorities, ids, chown), os.PathLike, fwalk,
// popen, the generated constant tables and the supports_* sets. Names Node cannot do honestly
// (fork, exec*, pipe, dup, fcntl flags, xattrs) are not provided: the lowering refuses them
// with a located error (README).
import { nodeModule, nodeProcess } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { Dict } from "../values/dict.js";
import { OSError, PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { PyIterator } from "../values/iteration.js";
import { PySet } from "../values/set.js";
import { GenericAlias } from "../values/subscript.js";
import { Tuple } from "../values/tuple.js";
import { structSequence, TupleSubclass } from "./struct-sequence.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { fsCall } from "../lang/os-errors.js";
import { StringIO } from "../lang/io-memory.js";
import { toInt } from "./callable-class.js";
import { fspath } from "./os-path.js";
import { osExtras } from "./os-extras.js";
import { perlCall } from "./os-helper.js";
import { CONFSTR_NAMES, OS_CONSTANTS, PATHCONF_NAMES, SYSCONF_NAMES } from "./posix-constants-data.js";

const fs = (): typeof import("node:fs") => nodeModule("node:fs");

/** `os.PathLike`: the ABC of objects with `__fspath__` (isinstance finds them without subclassing). */
export abstract class PathLike {
  static readonly __module__ = "os";
  static __instancecheck__(x: unknown): boolean {
    return x !== null && typeof x === "object" && typeof (x as { __fspath__?: unknown }).__fspath__ === "function";
  }
  static __subclasscheck__(cls: unknown): boolean {
    return typeof cls === "function" && typeof (cls.prototype as { __fspath__?: unknown } | undefined)?.__fspath__ === "function";
  }
  static __class_getitem__(item: unknown): GenericAlias {
    return new GenericAlias(PathLike, [item]);
  }
}

/** A field of /proc/self/stat (1-based as proc(5) numbers them; the name in field 2 may hold spaces). */
function procStat(pid: number | "self", field: number): number {
  const text = fsCall(() => fs().readFileSync(`/proc/${pid}/stat`, "latin1"));
  const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return Number(rest[field - 3]);
}

/** The ids a /proc/self/status line holds (`Uid:` real, effective, saved, filesystem). */
function procStatusIds(key: string): Tuple<bigint> {
  const line = fs().readFileSync("/proc/self/status", "latin1").split("\n").find((l) => l.startsWith(key + ":")) ?? "";
  return Tuple.from(line.split(/\s+/).slice(1, 4).map((n) => BigInt(n)));
}

/** A process id argument: 0 means this process. */
function pidOf(pid: unknown): number | "self" {
  const n = toInt(pid);
  return n === 0 ? "self" : n;
}

function processIdCall(field: number): (pid: unknown) => bigint {
  return (pid: unknown) => {
    const target = pidOf(pid);
    try {
      return BigInt(procStat(target, field));
    } catch (e) {
      if (e instanceof OSError) throw new OSError(3n, "No such process");
      throw e;
    }
  };
}

/** `os.times_result`: CPU seconds of this process and its waited-for children, and the seconds since boot. */
export class times_result extends TupleSubclass<number> {
  static readonly __module__ = "posix";
  get user(): number { return this.items[0]!; }
  get system(): number { return this.items[1]!; }
  get children_user(): number { return this.items[2]!; }
  get children_system(): number { return this.items[3]!; }
  get elapsed(): number { return this.items[4]!; }
  __repr__(): string {
    const names = ["user", "system", "children_user", "children_system", "elapsed"];
    return `posix.times_result(${names.map((n, i) => `${n}=${String(this.items[i])}`).join(", ")})`;
  }
}

structSequence(times_result, 5);

const CLOCK_TICKS = 100;

function times(): times_result {
  const ticks = (field: number): number => procStat("self", field) / CLOCK_TICKS;
  const uptime = Number(fs().readFileSync("/proc/uptime", "latin1").split(" ")[0]);
  return new times_result([ticks(14), ticks(15), ticks(16), ticks(17), uptime]);
}

/**
 * Offsets of descriptors os.lseek has moved: Node reads and writes at the kernel's offset or at
 * a given one, and cannot move the kernel's, so a descriptor once seeked is read and written
 * at its offset here (pread/pwrite), which advances. A cell is shared by the descriptors
 * os.dup made of one another, as their kernel offsets would be.
 */
const seekedOffsets = new Map<number, { at: number }>();

function lseek(fdArg: unknown, posArg: unknown, howArg: unknown): bigint {
  const fd = toInt(fdArg);
  const [pos, how] = [toInt(posArg), toInt(howArg)];
  const stats = fsCall(() => fs().fstatSync(fd));
  if (stats.isFIFO() || stats.isSocket()) throw new OSError(29n, "Illegal seek");
  const base = how === 0 ? 0 : how === 1 ? (seekedOffsets.get(fd)?.at ?? 0) : how === 2 ? stats.size : NaN;
  if (Number.isNaN(base) || base + pos < 0) throw new OSError(22n, "Invalid argument");
  const cell = seekedOffsets.get(fd);
  if (cell !== undefined) cell.at = base + pos;
  else seekedOffsets.set(fd, { at: base + pos });
  return BigInt(base + pos);
}

/** `os.read(fd, n)` at the descriptor's seeked offset when it has one. */
export function readFd(fd: number, n: number): Uint8Array {
  const buffer = new Bytes(n);
  const cell = seekedOffsets.get(fd);
  const got = fsCall(() => fs().readSync(fd, buffer, 0, n, cell?.at ?? null));
  if (cell !== undefined) cell.at += got;
  return Bytes.fromArray(buffer.subarray(0, got));
}

/** `os.write(fd, data)` at the descriptor's seeked offset when it has one. */
export function writeFd(fd: number, data: Uint8Array): bigint {
  const cell = seekedOffsets.get(fd);
  const wrote = fsCall(() => fs().writeSync(fd, data, 0, data.length, cell?.at ?? null));
  if (cell !== undefined) cell.at += wrote;
  return BigInt(wrote);
}

/** A regular file os.open opened (not for appending): its offset is kept here from the start. */
export function trackFd(fd: number, flags: number): void {
  if ((flags & 0o2000) === 0 && fs().fstatSync(fd).isFile()) seekedOffsets.set(fd, { at: 0 });
}

/**
 * `copy`, a new description of what `fd` is open on (os.dup), starts at fd's offset (moved
 * there by the perl helper, which holds the same description) and shares fd's offset cell when
 * fd has one. `fd === copy`: a new file tracked from 0.
 */
export function shareOffset(fd: number, copy: number): void {
  if (!fs().fstatSync(copy).isFile()) return;
  if (fd === copy) {
    seekedOffsets.set(fd, { at: 0 });
    return;
  }
  const cell = seekedOffsets.get(fd);
  if (cell !== undefined) seekedOffsets.set(copy, cell);
  else seekedOffsets.delete(copy);
  const info = fs().readFileSync(`/proc/self/fdinfo/${fd}`, "latin1");
  const at = cell?.at ?? Number(/^pos:\s*(\d+)/m.exec(info)?.[1] ?? "0");
  if (at !== 0) perlCall("sysseek(STDIN, $ARGV[0], 0) or print \"!\", $! + 0;", [String(at)], copy);
}

/** Forgets a closed descriptor's offset. */
export function forgetFd(fd: number): void {
  seekedOffsets.delete(fd);
}

function bytesLike(data: unknown): Uint8Array {
  if (!(data instanceof Uint8Array)) throw new PyTypeError(`a bytes-like object is required, not '${typeName(data)}'`);
  return data;
}

/** `os.pread(fd, n, offset)` */
function pread(fd: unknown, n: unknown, offset: unknown): Uint8Array {
  const buffer = new Bytes(toInt(n));
  const got = fsCall(() => fs().readSync(toInt(fd), buffer, 0, buffer.length, toInt(offset)));
  return Bytes.fromArray(buffer.subarray(0, got));
}

/** `os.pwrite(fd, data, offset)` */
function pwrite(fd: unknown, data: unknown, offset: unknown): bigint {
  const bytes = bytesLike(data);
  return BigInt(fsCall(() => fs().writeSync(toInt(fd), bytes, 0, bytes.length, toInt(offset))));
}

/** `os.readv(fd, buffers)`: fills each writable buffer in turn; the count read. */
function readv(fd: unknown, buffers: unknown): bigint {
  const list = [...(buffers as Iterable<unknown>)].map(bytesLike);
  return BigInt(fsCall(() => fs().readvSync(toInt(fd), list)));
}

/** `os.writev(fd, buffers)` */
function writev(fd: unknown, buffers: unknown): bigint {
  const list = [...(buffers as Iterable<unknown>)].map(bytesLike);
  return BigInt(fsCall(() => fs().writevSync(toInt(fd), list)));
}

/** `os.sendfile(out_fd, in_fd, offset, count)`: copies from in_fd (at offset, or its own offset when None). */
function sendfile(outFd: unknown, inFd: unknown, offset: unknown, count: unknown): bigint {
  const n = toInt(count);
  const at = offset === null ? null : toInt(offset);
  const source = toInt(inFd);
  const chunk = at === null ? readFd(source, n) : pread(source, count, offset);
  return chunk.length === 0 ? 0n : writeFd(toInt(outFd), chunk);
}

/** Linux's device number encoding (glibc's gnu_dev_major/minor/makedev). */
const devices = {
  major: (dev: unknown): bigint => {
    const d = BigInt(toInt(dev));
    return ((d >> 8n) & 0xfffn) | ((d >> 32n) & ~0xfffn);
  },
  minor: (dev: unknown): bigint => {
    const d = BigInt(toInt(dev));
    return (d & 0xffn) | ((d >> 12n) & ~0xffn);
  },
  makedev: (major: unknown, minor: unknown): bigint => {
    const [ma, mi] = [BigInt(toInt(major)), BigInt(toInt(minor))];
    return ((ma & 0xfffn) << 8n) | ((ma & ~0xfffn) << 32n) | (mi & 0xffn) | ((mi & ~0xffn) << 12n);
  },
};

/** `os.ttyname(fd)`: the terminal device a descriptor is open on. */
function ttyname(fd: unknown): string {
  const n = toInt(fd);
  const stats = fsCall(() => fs().fstatSync(n));
  if (!stats.isCharacterDevice() || !osExtras.isatty(fd)) throw new OSError(25n, "Inappropriate ioctl for device");
  return fs().readlinkSync(`/proc/self/fd/${n}`);
}

/** `os.sched_getaffinity(0)`: the CPUs this process may run on (/proc/self/status's list). */
function sched_getaffinity(pid: unknown): PySet<bigint> {
  const target = pidOf(pid);
  const status = fsCall(() => fs().readFileSync(`/proc/${target}/status`, "latin1"));
  const list = status.split("\n").find((l) => l.startsWith("Cpus_allowed_list:"))?.split(":")[1]?.trim() ?? "";
  const cpus: bigint[] = [];
  for (const range of list.split(",").filter((r) => r !== "")) {
    const [lo, hi = lo] = range.split("-").map(Number) as [number, number?];
    for (let c = lo; c <= hi!; c++) cpus.push(BigInt(c));
  }
  return new PySet(cpus);
}

/** Linux's priority range of a scheduling policy (SCHED_FIFO and SCHED_RR: 1..99, the others 0). */
function priorityBound(high: boolean): (policy: unknown) => bigint {
  return (policy: unknown) => {
    const p = toInt(policy);
    if (p === 1 || p === 2) return high ? 99n : 1n;
    if (p === 0 || p === 3 || p === 5) return 0n;
    throw new OSError(22n, "Invalid argument");
  };
}

function checkPrioWhich(which: unknown): number {
  if (toInt(which) !== 0) throw new OSError(22n, "Invalid argument");
  return 0;
}

function* fwalkTree(walk: Iterator<Tuple>): Generator<Tuple> {
  for (let step = walk.next(); step.done !== true; step = walk.next()) {
    const [top, dirs, files] = step.value.items as [string, unknown, unknown];
    const fd = fsCall(() => fs().openSync(top, fs().constants.O_RDONLY | fs().constants.O_DIRECTORY), top);
    try {
      yield Tuple.of(top, dirs, files, BigInt(fd));
    } finally {
      fs().closeSync(fd);
    }
  }
}

/** `os.fwalk(top='.', topdown=True, onerror=None, *, follow_symlinks=False)`: walk's triples and the directory's open descriptor. */
export function makeFwalk(walk: (...args: unknown[]) => Iterator<Tuple>): (...args: unknown[]) => PyIterator<Tuple> {
  return (...args: unknown[]) => {
    const [pos, kws] = splitKw(args);
    const top = pos[0] ?? kws["top"] ?? ".";
    const topdown = pos[1] ?? kws["topdown"] ?? true;
    const onerror = pos[2] ?? kws["onerror"] ?? null;
    const follow = truthy(kws["follow_symlinks"] ?? false);
    return new PyIterator(fwalkTree(walk(top, topdown, onerror, follow)));
  };
}

/** What `os.popen` returns: the command's output as a text file; close() gives None or its wait status. */
export class _wrap_close extends StringIO {
  static readonly __module__ = "os";
  constructor(text: string, private readonly status: number | null, private readonly writing: ((input: string) => number | null) | null) {
    super(text);
  }
  override close(): null {
    const status = this.writing !== null ? this.writing(this.getvalue() as string) : this.status;
    super.close();
    return (status === null || status === 0 ? null : BigInt(status)) as null;
  }
  override __exit__(..._exc: unknown[]): null {
    this.close();
    return null;
  }
}

/** Runs `cmd` under /bin/sh: its wait status (exit code << 8, or the signal number). */
function runShell(cmd: string, input: string | null): { status: number; output: string } {
  const result = nodeModule("node:child_process").spawnSync("/bin/sh", ["-c", cmd], {
    input: input ?? undefined,
    stdio: [input === null ? "inherit" : "pipe", input === null ? "pipe" : "inherit", "inherit"],
    encoding: "utf8",
  });
  const signals = nodeModule("node:os").constants.signals as Record<string, number>;
  const status = result.status !== null ? result.status << 8 : (signals[result.signal ?? ""] ?? 0);
  return { status, output: typeof result.stdout === "string" ? result.stdout : "" };
}

/** `os.popen(cmd, mode='r', buffering=-1)` */
function popen(cmd: unknown, mode: unknown = "r"): _wrap_close {
  if (typeof cmd !== "string") throw new PyTypeError(`invalid cmd type (<class '${typeName(cmd)}'>, expected string)`);
  if (mode !== "r" && mode !== "w") throw new ValueError(`invalid mode ${String(mode)}`);
  if (mode === "w") return new _wrap_close("", null, (input) => runShell(cmd, input).status);
  const { status, output } = runShell(cmd, null);
  return new _wrap_close(output, status, null);
}

function confDict(pairs: ReadonlyArray<readonly [string, number]>): Dict<string, bigint> {
  return new Dict(pairs.map(([name, value]) => [name, BigInt(value)] as const));
}

/** The os module's names this file provides; os.ts spreads them in. */
export function osPosix(own: { stat: unknown; walk: unknown }) {
  const chownCall = (call: (p: string, uid: number, gid: number) => void) => (p: unknown, uid: unknown, gid: unknown): null => {
    const path = fspath(p);
    fsCall(() => call(path, toInt(uid), toInt(gid)), path);
    return null;
  };
  const extras = {
    ...OS_CONSTANTS,
    sysconf_names: confDict(SYSCONF_NAMES),
    pathconf_names: confDict(PATHCONF_NAMES),
    confstr_names: confDict(CONFSTR_NAMES),
    PathLike,
    times_result,
    times,
    lseek,
    pread,
    pwrite,
    readv,
    writev,
    sendfile,
    ...devices,
    ttyname,
    ctermid: (): string => "/dev/tty",
    device_encoding: (fd: unknown): string | null => (osExtras.isatty(fd) ? "UTF-8" : null),
    closerange: (lo: unknown, hi: unknown): null => {
      for (let fd = toInt(lo); fd < toInt(hi); fd++) {
        try {
          fs().closeSync(fd);
          forgetFd(fd);
        } catch {
          // closerange ignores descriptors that are not open
        }
      }
      return null;
    },
    fstat: (fd: unknown) => (own.stat as (fd: unknown) => unknown)(fd),
    fchmod: (fd: unknown, mode: unknown): null => {
      fsCall(() => fs().fchmodSync(toInt(fd), toInt(mode)));
      return null;
    },
    chown: chownCall((p, u, g) => fs().chownSync(p, u, g)),
    lchown: chownCall((p, u, g) => fs().lchownSync(p, u, g)),
    fchown: (fd: unknown, uid: unknown, gid: unknown): null => {
      fsCall(() => fs().fchownSync(toInt(fd), toInt(uid), toInt(gid)));
      return null;
    },
    getpgid: processIdCall(5),
    getpgrp: (): bigint => BigInt(procStat("self", 5)),
    getsid: processIdCall(6),
    getresuid: (): Tuple<bigint> => procStatusIds("Uid"),
    getresgid: (): Tuple<bigint> => procStatusIds("Gid"),
    getpriority: (which: unknown, who: unknown): bigint => {
      checkPrioWhich(which);
      return BigInt(fsCall(() => nodeModule("node:os").getPriority(toInt(who))));
    },
    setpriority: (which: unknown, who: unknown, priority: unknown): null => {
      checkPrioWhich(which);
      fsCall(() => nodeModule("node:os").setPriority(toInt(who), toInt(priority)));
      return null;
    },
    nice: (increment: unknown): bigint => {
      const os = nodeModule("node:os");
      const niceness = Math.min(19, os.getPriority() + toInt(increment));
      fsCall(() => os.setPriority(niceness));
      return BigInt(os.getPriority());
    },
    killpg: (pgid: unknown, sig: unknown): null => {
      fsCall(() => nodeProcess()!.kill(-toInt(pgid), toInt(sig)));
      return null;
    },
    setuid: (uid: unknown): null => (fsCall(() => nodeProcess()!.setuid!(toInt(uid))), null),
    setgid: (gid: unknown): null => (fsCall(() => nodeProcess()!.setgid!(toInt(gid))), null),
    seteuid: (uid: unknown): null => (fsCall(() => nodeProcess()!.seteuid!(toInt(uid))), null),
    setegid: (gid: unknown): null => (fsCall(() => nodeProcess()!.setegid!(toInt(gid))), null),
    setgroups: (groups: unknown): null => (fsCall(() => nodeProcess()!.setgroups!([...(groups as Iterable<unknown>)].map(toInt))), null),
    getrandom: (size: unknown, _flags: unknown = 0n): Uint8Array => {
      const n = toInt(size);
      if (n < 0) throw new OSError(22n, "Invalid argument");
      return Bytes.fromArray(nodeModule("node:crypto").randomBytes(n));
    },
    sched_getaffinity,
    sched_get_priority_max: priorityBound(true),
    sched_get_priority_min: priorityBound(false),
    abort: (): never => nodeProcess()!.abort(),
    fwalk: makeFwalk(own.walk as (...args: unknown[]) => Iterator<Tuple>),
    popen,
    // the calls that take a descriptor, or follow_symlinks=, here (none takes dir_fd= or effective_ids=)
    supports_fd: new PySet([own.stat]),
    supports_dir_fd: new PySet<unknown>([]),
    supports_follow_symlinks: new PySet([own.stat]),
    supports_effective_ids: new PySet<unknown>([]),
  };
  for (const [cls, name] of [[times_result, "times_result"], [_wrap_close, "_wrap_close"]] as const) {
    Object.defineProperty(cls, "pythonName", { value: name });
  }
  return extras;
}
