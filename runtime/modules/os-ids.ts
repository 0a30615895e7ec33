// More of `os` on Node, /etc and the usual tools: group lists (getgrouplist from /etc/group,
// initgroups through Node), mknod (a regular file, a FIFO, or a device through mknod(1)),
// sched_setaffinity through taskset(1), sched_setscheduler/sched_setparam/sched_rr_get_interval
// as system calls through the perl helper, tcgetpgrp from /proc, and register_at_fork, whose
// callables are kept (no os.fork exists here to call them, as none calls them in CPython
// without one).
import { nodeModule, nodeProcess } from "../core/host.js";
import { OSError, PyTypeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { iterable } from "../values/iteration.js";
import { callable as isCallable } from "../values/builtin-functions.js";
import { typeName } from "../values/typename.js";
import { fsCall, osErrorByText, osErrorFrom } from "../lang/os-errors.js";
import { toInt } from "./callable-class.js";
import { fspath } from "./os-path.js";
import { osExtras } from "./os-extras.js";
import { perlCall } from "./os-helper.js";
import { sched_param } from "./os-process.js";

const fs = (): typeof import("node:fs") => nodeModule("node:fs");

/** `os.getgrouplist(user, group)`: `group`, then the groups /etc/group lists `user` in. */
function getgrouplist(user: unknown, group: unknown): bigint[] {
  if (typeof user !== "string") throw new PyTypeError(`getgrouplist() argument 1 must be str, not ${typeName(user)}`);
  const groups = [BigInt(toInt(group))];
  let text = "";
  try {
    text = fs().readFileSync("/etc/group", "utf8");
  } catch {
    return groups;
  }
  for (const line of text.split("\n")) {
    const [, , gid, members] = line.split(":");
    if (gid === undefined || members === undefined) continue;
    const id = BigInt(gid);
    if (members.split(",").includes(user) && !groups.includes(id)) groups.push(id);
  }
  return groups;
}

function initgroups(user: unknown, group: unknown): null {
  if (typeof user !== "string") throw new PyTypeError(`initgroups() argument 1 must be str, not ${typeName(user)}`);
  fsCall(() => (nodeProcess() as unknown as { initgroups(user: string, group: number): void }).initgroups(user, toInt(group)));
  return null;
}

const S_IFMT = 0o170000;

/** `os.mknod(path, mode=0o600, device=0)` (its errors name no file, as CPython's do) */
function mknod(...args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  const path = fspath(pos[0] ?? kws["path"]);
  const mode = toInt(pos[1] ?? kws["mode"] ?? 0o600n);
  const device = toInt(pos[2] ?? kws["device"] ?? 0n);
  const kind = mode & S_IFMT;
  const umask = nodeProcess()!.umask();
  const permissions = (mode & 0o7777 & ~umask).toString(8);
  if (kind === 0 || kind === 0o100000) {
    const fd = fsCall(() => fs().openSync(path, fs().constants.O_CREAT | fs().constants.O_EXCL | fs().constants.O_WRONLY, mode & 0o7777));
    fs().closeSync(fd);
    return null;
  }
  if (kind !== 0o010000 && kind !== 0o020000 && kind !== 0o060000) throw osErrorFrom({ code: kind === 0o040000 ? "EPERM" : "EINVAL" });
  if (fs().existsSync(path)) throw osErrorFrom({ code: "EEXIST" });
  const type = kind === 0o010000 ? ["p"] : [kind === 0o020000 ? "c" : "b", String((device >> 8) & 0xfff), String((device & 0xff) | ((device >> 12) & 0xfff00))];
  const result = nodeModule("node:child_process").spawnSync("mknod", ["-m", permissions, "--", path, ...type], { encoding: "utf8" });
  if (result.error !== undefined) throw osErrorFrom(result.error);
  if (result.status !== 0) {
    const message = (result.stderr ?? "").trim().split(": ").pop() ?? "";
    throw osErrorByText(message) ?? new OSError(message);
  }
  return null;
}

/** `os.sched_setaffinity(pid, mask)`: every thread of the process (taskset -a) may run on `mask`'s CPUs only. */
function sched_setaffinity(pid: unknown, mask: unknown): null {
  const cpus = Array.from(iterable(mask)).map((c) => {
    const n = toInt(c);
    if (n < 0) throw new OSError(22n, "Invalid argument");
    return n;
  });
  if (cpus.length === 0) throw new OSError(22n, "Invalid argument");
  const target = toInt(pid) === 0 ? (nodeProcess()?.pid ?? 0) : toInt(pid);
  const result = nodeModule("node:child_process").spawnSync("taskset", ["-a", "-p", "-c", cpus.join(","), String(target)], { encoding: "utf8" });
  if (result.error !== undefined) throw osErrorFrom(result.error);
  if (result.status !== 0) {
    const stderr = result.stderr ?? "";
    if (/No such process/.test(stderr)) throw osErrorFrom({ code: "ESRCH" });
    if (/not permitted/.test(stderr)) throw osErrorFrom({ code: "EPERM" });
    throw new OSError(22n, "Invalid argument");
  }
  return null;
}

/** `os.tcgetpgrp(fd)`: the foreground process group of the terminal (the tpgid of /proc/self/stat). */
function tcgetpgrp(fd: unknown): bigint {
  if (!osExtras.isatty(fd)) {
    fsCall(() => fs().fstatSync(toInt(fd)));
    throw new OSError(25n, "Inappropriate ioctl for device");
  }
  const stat = fs().readFileSync("/proc/self/stat", "latin1");
  return BigInt(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[8 - 3] ?? "-1");
}

/** Callables register_at_fork was given (kept: nothing forks here). */
const forkHooks: { before: unknown[]; after_in_child: unknown[]; after_in_parent: unknown[] } = { before: [], after_in_child: [], after_in_parent: [] };

function register_at_fork(...args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  if (pos.length > 0) throw new PyTypeError(`register_at_fork() takes no positional arguments`);
  const given = (["before", "after_in_child", "after_in_parent"] as const).filter((k) => kws[k] !== undefined && kws[k] !== null);
  if (given.length === 0) throw new PyTypeError("At least one argument is required.");
  for (const key of given) {
    if (!isCallable(kws[key])) throw new PyTypeError(`'${key}' must be callable, not ${typeName(kws[key])}`);
  }
  for (const key of given) forkHooks[key].push(kws[key]);
  return null;
}

/** Linux's scheduling system calls by architecture (the perl helper makes them for our pid). */
const SCHED_CALLS: Record<string, { setparam: number; setscheduler: number; rrInterval: number }> = {
  x64: { setparam: 142, setscheduler: 144, rrInterval: 148 },
  arm64: { setparam: 118, setscheduler: 119, rrInterval: 127 },
};

function schedCall(name: "setparam" | "setscheduler" | "rrInterval"): number {
  const table = SCHED_CALLS[nodeModule("node:os").arch()];
  if (table === undefined) throw new OSError(38n, "Function not implemented");
  return table[name];
}

/** The pid a scheduling call acts on: 0 is this process (its main thread, the one Python runs on). */
function schedPid(pid: unknown): string {
  const n = toInt(pid);
  return String(n === 0 ? (nodeProcess()?.pid ?? 0) : n);
}

function priorityOf(param: unknown): string {
  if (!(param instanceof sched_param)) throw new PyTypeError("must have a sched_param object");
  return String(toInt(param.sched_priority));
}

const SCHED_PROGRAM = `my ($n, $op, $pid, @rest) = @ARGV; my $r;
if ($op eq "rr") { my $ts = "\\0" x 16; $r = syscall($n + 0, $pid + 0, $ts); if ($r >= 0) { my ($s, $ns) = unpack("q q", $ts); print "$s $ns"; exit } }
elsif ($op eq "param") { $r = syscall($n + 0, $pid + 0, pack("i", $rest[0])) }
else { $r = syscall($n + 0, $pid + 0, $rest[0] + 0, pack("i", $rest[1])) }
if ($r < 0) { print "!", $! + 0 }`;

function sched_setscheduler(pid: unknown, policy: unknown, param: unknown): null {
  const priority = priorityOf(param);
  perlCall(SCHED_PROGRAM, [String(schedCall("setscheduler")), "scheduler", schedPid(pid), String(toInt(policy)), priority]);
  return null;
}

function sched_setparam(pid: unknown, param: unknown): null {
  const priority = priorityOf(param);
  perlCall(SCHED_PROGRAM, [String(schedCall("setparam")), "param", schedPid(pid), priority]);
  return null;
}

function sched_rr_get_interval(pid: unknown): number {
  const [seconds, nanoseconds] = perlCall(SCHED_PROGRAM, [String(schedCall("rrInterval")), "rr", schedPid(pid)]).trim().split(" ").map(Number);
  return seconds! + nanoseconds! / 1e9;
}

export const osIds = { getgrouplist, initgroups, mknod, sched_setaffinity, sched_setscheduler, sched_setparam, sched_rr_get_interval, tcgetpgrp, register_at_fork };
