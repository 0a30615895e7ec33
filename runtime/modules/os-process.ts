// `os`'s child processes, pipes and scheduling facts on Node and Linux: spawn*/posix_spawn*
// start a child on the socket helper thread (as subprocess.Popen does) and waitpid/wait/waitid
// reap it with Linux's wait-status encoding; pipe() makes a kernel pipe through a FIFO;
// get_blocking reads a descriptor's flags from /proc/self/fdinfo (get_inheritable: os-fd.ts); mkfifo runs
// coreutils' mkfifo; sched_getscheduler/sched_getparam read /proc. fork and exec* stay out
// (Node cannot fork or replace its process image): the lowering refuses them (README).
import { nodeModule, nodeProcess } from "../core/host.js";
import { ChildProcessError, NotImplementedError, OSError, ProcessLookupError, PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { iterable } from "../values/iteration.js";
import { callMethod } from "../values/methods.js";
import { repr, toStr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { structSequence, TupleSubclass } from "./struct-sequence.js";
import { truthy } from "../values/truth.js";
import { osErrorByText, osErrorFrom } from "../lang/os-errors.js";
import { pyClass, toInt } from "./callable-class.js";
import { fspath } from "./os-path.js";
import { inheritedDescriptors } from "./os-fd.js";
import { posix_uname_result } from "./platform.js";
import { call, checked, drive, type Steps } from "./socket-host.js";
import { nextSocketId } from "./subprocess-popen.js";

const fs = (): typeof import("node:fs") => nodeModule("node:fs");

const WNOHANG = 1;
const WEXITED = 4;
const WNOWAIT = 0x1000000;
const P_ALL = 0;
const P_PID = 1;
const SIGCHLD = 17n;

// ---- children ----

/** Children os started, by pid: the helper's id for each (its exit code, or -signal, once known). */
const children = new Map<bigint, number>();

/** Whether `file` is something exec could run: a regular file this process may execute. */
function executable(file: string): string | null {
  try {
    fs().accessSync(file, fs().constants.X_OK);
    return fs().statSync(file).isDirectory() ? "EACCES" : null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? "ENOENT";
  }
}

/** The file exec*p would run: `file` itself when it names a directory part, else the first in PATH. */
function searchPath(file: string, path: string): string | null {
  if (file.includes("/")) return executable(file) === null ? file : null;
  for (const dir of path.split(":")) {
    const candidate = (dir === "" ? "." : dir) + "/" + file;
    if (executable(candidate) === null) return candidate;
  }
  return null;
}

function argText(arg: unknown): string | null {
  if (typeof arg === "string") return arg;
  if (arg instanceof Uint8Array) return new TextDecoder().decode(arg);
  try {
    return fspath(arg);
  } catch {
    return null;
  }
}

function environment(env: unknown): Record<string, string> {
  if (env === null || env === undefined) return { ...(nodeProcess()?.env ?? {}) } as Record<string, string>;
  const out: Record<string, string> = {};
  for (const pair of iterable(callMethod(env, "items"))) {
    const [k, v] = Array.from(iterable(pair));
    out[toStr(argText(k) ?? k)] = toStr(argText(v) ?? v);
  }
  return out;
}

/** Starts `file` with `argv` (inheriting the standard streams); a file exec could not run is a child exiting 127. */
function startChild(file: string | null, argv: string[], env: Record<string, string>): bigint {
  const id = nextSocketId();
  const pipes = [nextSocketId(), nextSocketId(), nextSocketId()];
  const [program, args] = file === null ? ["/bin/sh", ["-c", "exit 127"]] : [file, argv.slice(1)];
  const stdio: (string | number)[] = ["inherit", "inherit", "inherit"];
  for (const fd of inheritedDescriptors()) {
    while (stdio.length < fd) stdio.push("ignore");
    stdio[fd] = fd;
  }
  const reply = checked(call({ op: "spawn", id, pipes, file: program, argv: args, cwd: null, env, stdio, merge: false }));
  const pid = BigInt(reply.pid ?? 0);
  children.set(pid, id);
  return pid;
}

/** os.py's _spawnvef: checks the arguments, starts the child, and waits for it unless P_NOWAIT. */
function spawn(mode: unknown, fileArg: unknown, argsArg: unknown, env: unknown, usePath: boolean): bigint {
  if (!Array.isArray(argsArg) && !(argsArg instanceof Tuple)) throw new PyTypeError("argv must be a tuple or a list");
  const items = Array.from(iterable(argsArg));
  if (items.length === 0 || !truthy(items[0])) throw new ValueError("argv first element cannot be empty");
  const file = fspath(fileArg);
  const environ = environment(env);
  const argv = items.map(argText);
  const runnable = argv.every((a) => a !== null);
  const target = !runnable ? null : usePath ? searchPath(file, environ["PATH"] ?? "/bin:/usr/bin") : executable(file) === null ? nodeModule("node:path").resolve(file) : null;
  const pid = startChild(target, argv as string[], environ);
  if (toInt(mode) === 1) return pid;
  return drive(exitCodeSteps(pid));
}

/** os.py's wait loop of a P_WAIT spawn: waitstatus_to_exitcode of the child's status. */
function* exitCodeSteps(pid: bigint): Steps<bigint> {
  const [, status] = (yield* reapSteps(pid, 0))!;
  return (status & 0x7f) === 0 ? BigInt(status >> 8) : BigInt(-(status & 0x7f));
}

/** The wait status of a helper's exit code (the code, or -signal). */
const waitStatus = (code: number): number => (code >= 0 ? (code & 0xff) << 8 : -code);

function* pollSteps(pid: bigint, timeout: number | null): Steps<number | null> {
  const reply = yield { op: "pwait", id: children.get(pid)!, timeout };
  if (reply.error === "EAGAIN" || reply.error === "PYTS_TIMEOUT") return null;
  return waitStatus(checked(reply).code ?? 0);
}

/** The children a pid argument names (a pid, or all of ours for -1, 0 and a process group). */
function chosen(pid: bigint): bigint[] {
  const named = pid > 0n ? (children.has(pid) ? [pid] : []) : [...children.keys()];
  if (named.length === 0) throw new ChildProcessError(10n, "No child processes");
  return named;
}

/**
 * The first of the children `pid` names to end, with its wait status (null with WNOHANG when
 * none has); reaped unless WNOWAIT. One driven operation, so other threads run while it waits.
 */
function* reapSteps(pid: bigint, options: number): Steps<[bigint, number] | null> {
  const pids = chosen(pid);
  const block = (options & WNOHANG) === 0;
  let found: [bigint, number] | null = null;
  if (pids.length === 1) {
    const status = yield* pollSteps(pids[0]!, block ? null : 0);
    if (status !== null) found = [pids[0]!, status];
  } else {
    search: for (;;) {
      for (const one of pids) {
        const status = yield* pollSteps(one, 0);
        if (status !== null) {
          found = [one, status];
          break search;
        }
      }
      if (!block) break;
      const status = yield* pollSteps(pids[0]!, 0.02);
      if (status !== null) {
        found = [pids[0]!, status];
        break;
      }
    }
  }
  if (found !== null && (options & WNOWAIT) === 0) children.delete(found[0]);
  return found;
}

function* waitpidSteps(pid: bigint, options: number): Steps<Tuple> {
  const found = yield* reapSteps(pid, options);
  return found === null ? Tuple.of(0n, 0n) : Tuple.of(found[0], BigInt(found[1]));
}

function waitpid(pid: unknown, options: unknown): Tuple {
  return drive(waitpidSteps(BigInt(toInt(pid)), toInt(options)));
}

const WAITID_FIELDS = ["si_pid", "si_uid", "si_signo", "si_status", "si_code"] as const;

/** `os.waitid()`'s result (posix.waitid_result). */
export class waitid_result extends TupleSubclass<bigint> {
  constructor(items: unknown) {
    super(Array.from(iterable(items)) as bigint[]);
    if (this.items.length !== 5) throw new PyTypeError(`posix.waitid_result() takes a 5-sequence (${this.items.length}-sequence given)`);
  }
  get si_pid(): bigint { return this.items[0]!; }
  get si_uid(): bigint { return this.items[1]!; }
  get si_signo(): bigint { return this.items[2]!; }
  get si_status(): bigint { return this.items[3]!; }
  get si_code(): bigint { return this.items[4]!; }
  __repr__(): string {
    return `posix.waitid_result(${WAITID_FIELDS.map((f, i) => `${f}=${repr(this.items[i])}`).join(", ")})`;
  }
}
Object.defineProperties(waitid_result, { pythonName: { value: "waitid_result" }, __module__: { value: "posix" } });
structSequence(waitid_result, 5);

function* waitidSteps(idtype: number, id: bigint, flags: number): Steps<waitid_result | null> {
  const found = yield* reapSteps(idtype === P_ALL ? -1n : id, flags);
  if (found === null) return null;
  const [pid, status] = found;
  const killed = (status & 0x7f) !== 0;
  const uid = BigInt(nodeProcess()?.getuid?.() ?? 0);
  return new waitid_result([pid, uid, SIGCHLD, BigInt(killed ? status & 0x7f : status >> 8), killed ? 2n : 1n]);
}

function waitid(idtype: unknown, id: unknown, options: unknown): waitid_result | null {
  const [type, flags] = [toInt(idtype), toInt(options)];
  if ((flags & WEXITED) === 0 || (type !== P_ALL && type !== P_PID)) throw new OSError(22n, "Invalid argument");
  return drive(waitidSteps(type, BigInt(toInt(id)), flags));
}

/** `os.posix_spawn`/`posix_spawnp`: the child's pid; a file it cannot run is the parent's OSError. */
function posixSpawn(name: string, usePath: boolean) {
  return (...args: unknown[]): bigint => {
    const [pos, kws] = splitKw(args);
    const [pathArg, argvArg, env] = pos;
    for (const [key, value] of Object.entries(kws)) {
      const unset = value === null || value === false || (value instanceof Tuple && value.items.length === 0) || (Array.isArray(value) && value.length === 0);
      if (!unset) throw new NotImplementedError(`pyts: ${name}() cannot apply ${key}= (Node starts children without file actions or attributes)`);
    }
    if (!Array.isArray(argvArg) && !(argvArg instanceof Tuple)) throw new PyTypeError(`${name}: argv must be a tuple or list`);
    const argv = Array.from(iterable(argvArg)).map(argText);
    if (argv.length === 0) throw new ValueError(`${name}: argv must not be empty`);
    if (argv.some((a) => a === null)) throw new PyTypeError("expected str, bytes or os.PathLike object");
    if (env === undefined || typeof (env as { keys?: unknown }).keys !== "function") throw new PyTypeError(`${name}: environment must be a mapping object`);
    const file = fspath(pathArg);
    const environ = environment(env);
    const problem = usePath ? (searchPath(file, nodeProcess()?.env["PATH"] ?? "/bin:/usr/bin") === null ? "ENOENT" : null) : executable(file);
    if (problem !== null) throw osErrorFrom({ code: problem });
    const target = usePath ? searchPath(file, nodeProcess()?.env["PATH"] ?? "/bin:/usr/bin")! : file;
    return startChild(target, argv as string[], environ);
  };
}

/** The spawn family: v/l take the arguments as a list or spread, e adds an environment, p searches PATH. */
function spawnFamily() {
  const spread = (usePath: boolean, withEnv: boolean) => (mode: unknown, file: unknown, ...rest: unknown[]): bigint =>
    withEnv ? spawn(mode, file, rest.slice(0, -1), rest[rest.length - 1], usePath) : spawn(mode, file, rest, null, usePath);
  return {
    spawnv: (mode: unknown, file: unknown, args: unknown): bigint => spawn(mode, file, args, null, false),
    spawnve: (mode: unknown, file: unknown, args: unknown, env: unknown): bigint => spawn(mode, file, args, env, false),
    spawnvp: (mode: unknown, file: unknown, args: unknown): bigint => spawn(mode, file, args, null, true),
    spawnvpe: (mode: unknown, file: unknown, args: unknown, env: unknown): bigint => spawn(mode, file, args, env, true),
    spawnl: spread(false, false),
    spawnle: spread(false, true),
    spawnlp: spread(true, false),
    spawnlpe: spread(true, true),
  };
}

// ---- descriptors ----

/** The open flags of a descriptor, from /proc/self/fdinfo (EBADF for one not open). */
function fdFlags(fd: unknown): number {
  const n = toInt(fd);
  let text: string;
  try {
    text = fs().readFileSync(`/proc/self/fdinfo/${n}`, "latin1");
  } catch {
    throw new OSError(9n, "Bad file descriptor");
  }
  return parseInt(/^flags:\s*([0-7]+)/m.exec(text)?.[1] ?? "0", 8);
}

let fifoCount = 0;

/** Runs a coreutils tool; its failure becomes the OSError its message names. */
function runTool(tool: string, args: string[]): void {
  const result = nodeModule("node:child_process").spawnSync(tool, args, { encoding: "utf8" });
  if (result.error !== undefined) throw osErrorFrom(result.error);
  if (result.status === 0) return;
  const text = (result.stderr ?? "").trim().split(": ").pop() ?? "";
  // (CPython's mkfifo error names no file)
  throw osErrorByText(text) ?? new OSError(text);
}

/** The process's umask, from /proc/self/status. */
function umask(): number {
  const line = fs().readFileSync("/proc/self/status", "latin1").split("\n").find((l) => l.startsWith("Umask:"));
  return parseInt(line?.split(/\s+/)[1] ?? "22", 8);
}

/**
 * `os.pipe()`: a kernel pipe, made as a FIFO opened at both ends (a read-write opening first,
 * so neither open blocks) and unlinked; the ends are reopened so they take the lowest free
 * descriptors, as pipe(2)'s do.
 */
function pipe(): Tuple<bigint> {
  const path = `${nodeModule("node:os").tmpdir()}/.pyts-pipe-${nodeProcess()?.pid ?? 0}-${++fifoCount}`;
  runTool("mkfifo", ["-m", "600", "--", path]);
  const { O_RDONLY, O_RDWR, O_WRONLY } = fs().constants;
  let ends: [number, number];
  try {
    const holder = fs().openSync(path, O_RDWR);
    const reader = fs().openSync(path, O_RDONLY);
    const writer = fs().openSync(path, O_WRONLY);
    fs().closeSync(holder);
    const lowReader = fs().openSync(`/proc/self/fd/${reader}`, O_RDONLY);
    fs().closeSync(reader);
    const lowWriter = fs().openSync(`/proc/self/fd/${writer}`, O_WRONLY);
    fs().closeSync(writer);
    ends = [lowReader, lowWriter];
  } finally {
    fs().rmSync(path, { force: true });
  }
  return Tuple.of(BigInt(ends[0]), BigInt(ends[1]));
}

function mkfifo(...args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  const path = fspath(pos[0] ?? kws.path);
  const mode = toInt(pos[1] ?? kws.mode ?? 0o666n);
  if (kws.dir_fd !== undefined && kws.dir_fd !== null) throw new NotImplementedError("dir_fd unavailable on this platform");
  runTool("mkfifo", ["-m", ((mode & ~umask()) & 0o7777).toString(8), "--", path]);
  return null;
}

// ---- scheduling ----

/** `os.sched_param(sched_priority)`: the one parameter of a scheduling policy. */
export class sched_param extends TupleSubclass<unknown> {
  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const priority = pos[0] ?? kws.sched_priority;
    if (priority === undefined) throw new PyTypeError("sched_param() missing required argument 'sched_priority' (pos 1)");
    super([priority]);
  }
  get sched_priority(): unknown { return this.items[0]; }
  __repr__(): string {
    return `posix.sched_param(sched_priority=${repr(this.items[0])})`;
  }
}
Object.defineProperties(sched_param, { pythonName: { value: "sched_param" }, __module__: { value: "posix" } });
structSequence(sched_param, 1);

/** A file of /proc/<pid>/ (0: this process); ESRCH for a process that does not exist. */
function procFile(pid: unknown, name: string): string {
  const n = toInt(pid);
  if (n < 0) throw new OSError(22n, "Invalid argument");
  try {
    return fs().readFileSync(`/proc/${n === 0 ? "self" : n}/${name}`, "latin1");
  } catch {
    throw new ProcessLookupError(3n, "No such process");
  }
}

function sched_getscheduler(pid: unknown): bigint {
  return BigInt(/^policy\s*:\s*(\d+)/m.exec(procFile(pid, "sched"))?.[1] ?? "0");
}

function sched_getparam(pid: unknown): sched_param {
  const stat = procFile(pid, "stat");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // field 40 of proc(5)'s stat is rt_priority (fields counted from 1, the name being 2)
  return new sched_param(BigInt(fields[40 - 3] ?? "0"));
}

export const osProcess = {
  ...spawnFamily(),
  waitpid,
  wait: (): Tuple => waitpid(-1n, 0n),
  waitid,
  waitid_result: pyClass(waitid_result),
  posix_spawn: posixSpawn("posix_spawn", false),
  posix_spawnp: posixSpawn("posix_spawnp", true),
  pipe,
  mkfifo,
  get_blocking: (fd: unknown): boolean => (fdFlags(fd) & 0o4000) === 0,
  sched_param: pyClass(sched_param),
  sched_getscheduler,
  sched_getparam,
  uname_result: pyClass(posix_uname_result),
};
