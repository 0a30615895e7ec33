// `os`'s descriptor calls Node has no binding for, built from what it has:
// - dup/dup2 reopen /proc/self/fd/<n> with the descriptor's flags (a new open file description
//   of the same file, pipe or terminal; os-posix.ts keeps one shared offset for both, as dup's
//   descriptors share one); dup2 takes the wanted number by filling the lower free ones first;
// - set_blocking changes the description's O_NONBLOCK through the perl helper, which holds the
//   same description; pipe2 is pipe and that;
// - Node opens every descriptor close-on-exec, so set_inheritable(fd, True) records the
//   descriptor and the children os starts (spawn*, posix_spawn*, exec*) receive it at its number;
// - preadv/pwritev/copy_file_range/splice/posix_fallocate on positioned reads and writes;
// - memfd_create: an unlinked file of the memory file system (O_TMPFILE in /dev/shm).
import { nodeModule, nodeProcess } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { OSError, PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { fsCall } from "../lang/os-errors.js";
import { toInt } from "./callable-class.js";
import { fspath } from "./os-path.js";
import { perlCall } from "./os-helper.js";
import { openpty } from "./os-pty.js";
import { forgetFd, readFd, shareOffset, writeFd } from "./os-posix.js";

const fs = (): typeof import("node:fs") => nodeModule("node:fs");

/** Descriptors set_inheritable made inheritable (0, 1 and 2 always are). */
const inheritable = new Set<number>();

/** The descriptors a child os starts receives besides the standard streams, at their numbers. */
export function inheritedDescriptors(): number[] {
  return [...inheritable].filter((fd) => fd > 2 && isOpen(fd)).sort((a, b) => a - b);
}

function isOpen(fd: number): boolean {
  try {
    fs().fstatSync(fd);
    return true;
  } catch {
    return false;
  }
}

/** The status flags of a descriptor (its /proc/self/fdinfo line), EBADF when it is not open. */
function statusFlags(fd: number): number {
  let text: string;
  try {
    text = fs().readFileSync(`/proc/self/fdinfo/${fd}`, "latin1");
  } catch {
    throw new OSError(9n, "Bad file descriptor");
  }
  return parseInt(/^flags:\s*([0-7]+)/m.exec(text)?.[1] ?? "0", 8);
}

/** Opens another description of what `fd` is open on, with its access mode and O_APPEND/O_NONBLOCK. */
function reopen(fd: number): number {
  const flags = statusFlags(fd) & (0o3 | 0o2000 | 0o4000);
  try {
    return fs().openSync(`/proc/self/fd/${fd}`, flags);
  } catch (error) {
    // Linux reopens files, pipes and terminals through /proc, not sockets
    if ((error as NodeJS.ErrnoException).code === "ENXIO") throw new OSError(6n, "No such device or address (pyts: a socket's descriptor cannot be duplicated; socket.dup() can)");
    return fsCall(() => {
      throw error;
    });
  }
}

function dup(fdArg: unknown): bigint {
  const fd = toInt(fdArg);
  const copy = reopen(fd);
  shareOffset(fd, copy);
  return BigInt(copy);
}

/** `os.dup2(fd, fd2, inheritable=True)`: fd2 closed if open, then made a copy of fd. */
function dup2(...args: unknown[]): bigint {
  const [pos, kws] = splitKw(args);
  const fd = toInt(pos[0] ?? kws["fd"]);
  const target = toInt(pos[1] ?? kws["fd2"]);
  const keep = truthy(pos[2] ?? kws["inheritable"] ?? true);
  statusFlags(fd);
  if (target < 0) throw new OSError(9n, "Bad file descriptor");
  if (fd === target) return BigInt(target);
  try {
    fs().closeSync(target);
  } catch {
    // dup2 closes fd2 only when it is open
  }
  forgetFd(target);
  const fillers: number[] = [];
  let got = reopen(fd);
  while (got < target) {
    fillers.push(got);
    got = reopen(fd);
  }
  for (const filler of fillers) fs().closeSync(filler);
  if (got !== target) {
    fs().closeSync(got);
    throw new OSError(16n, "Device or resource busy");
  }
  shareOffset(fd, target);
  if (keep) inheritable.add(target);
  else inheritable.delete(target);
  return BigInt(target);
}

const SET_BLOCKING = `my $f = fcntl(STDIN, F_GETFL, 0); if (!defined $f) { print "!", $! + 0; exit }
$f = $ARGV[0] ? ($f & ~O_NONBLOCK) : ($f | O_NONBLOCK); fcntl(STDIN, F_SETFL, $f) or print "!", $! + 0;`;

function set_blocking(fdArg: unknown, blocking: unknown): null {
  const fd = toInt(fdArg);
  const wanted = truthy(blocking);
  const current = (statusFlags(fd) & 0o4000) === 0;
  if (current !== wanted) perlCall(SET_BLOCKING, [wanted ? "1" : "0"], fd);
  return null;
}

function set_inheritable(fdArg: unknown, value: unknown): null {
  const fd = toInt(fdArg);
  statusFlags(fd);
  if (truthy(value)) inheritable.add(fd);
  else inheritable.delete(fd);
  return null;
}

function get_inheritable(fdArg: unknown): boolean {
  const fd = toInt(fdArg);
  statusFlags(fd);
  return fd <= 2 || inheritable.has(fd);
}

function pipe2(flagsArg: unknown, pipe: () => { items: readonly bigint[] }): unknown {
  const flags = toInt(flagsArg);
  if ((flags & ~(0o4000 | 0o2000000 | 0o40000)) !== 0) throw new OSError(22n, "Invalid argument");
  const ends = pipe();
  if ((flags & 0o4000) !== 0) for (const end of ends.items) set_blocking(end, false);
  return ends;
}

function buffers(list: unknown): Uint8Array[] {
  return [...(list as Iterable<unknown>)].map((b) => {
    if (!(b instanceof Uint8Array)) throw new PyTypeError(`a bytes-like object is required, not '${typeName(b)}'`);
    return b;
  });
}

function preadv(fd: unknown, list: unknown, offset: unknown, flags: unknown = 0n): bigint {
  toInt(flags);
  return BigInt(fsCall(() => fs().readvSync(toInt(fd), buffers(list), toInt(offset))));
}

function pwritev(fd: unknown, list: unknown, offset: unknown, flags: unknown = 0n): bigint {
  toInt(flags);
  return BigInt(fsCall(() => fs().writevSync(toInt(fd), buffers(list), toInt(offset))));
}

/** Reads up to `count` bytes of `src` (at `offset`, or its own offset) and writes them to `dst` likewise. */
function transfer(src: number, dst: number, count: number, offsetSrc: unknown, offsetDst: unknown): bigint {
  if (count < 0) throw new ValueError("count cannot be negative");
  let chunk: Uint8Array;
  if (offsetSrc === null || offsetSrc === undefined) chunk = readFd(src, count);
  else {
    const buffer = new Bytes(count);
    const got = fsCall(() => fs().readSync(src, buffer, 0, count, toInt(offsetSrc)));
    chunk = buffer.subarray(0, got);
  }
  if (chunk.length === 0) return 0n;
  if (offsetDst === null || offsetDst === undefined) return writeFd(dst, chunk);
  return BigInt(fsCall(() => fs().writeSync(dst, chunk, 0, chunk.length, toInt(offsetDst))));
}

function copy_file_range(...args: unknown[]): bigint {
  const [pos, kws] = splitKw(args);
  const [src, dst, count] = [toInt(pos[0] ?? kws["src"]), toInt(pos[1] ?? kws["dst"]), toInt(pos[2] ?? kws["count"])];
  for (const fd of [src, dst]) {
    const stats = fsCall(() => fs().fstatSync(fd));
    if (!stats.isFile()) throw new OSError(22n, "Invalid argument");
  }
  return transfer(src, dst, count, pos[3] ?? kws["offset_src"], pos[4] ?? kws["offset_dst"]);
}

function splice(...args: unknown[]): bigint {
  const [pos, kws] = splitKw(args);
  const [src, dst, count] = [toInt(pos[0] ?? kws["src"]), toInt(pos[1] ?? kws["dst"]), toInt(pos[2] ?? kws["count"])];
  const pipes = [src, dst].map((fd) => fsCall(() => fs().fstatSync(fd)).isFIFO());
  if (!pipes[0] && !pipes[1]) throw new OSError(22n, "Invalid argument");
  const [offsetSrc, offsetDst] = [pos[3] ?? kws["offset_src"] ?? null, pos[4] ?? kws["offset_dst"] ?? null];
  if ((pipes[0] && offsetSrc !== null) || (pipes[1] && offsetDst !== null)) throw new OSError(29n, "Illegal seek");
  return transfer(src, dst, count, offsetSrc, offsetDst);
}

/** `os.posix_fallocate(fd, offset, len)`: the file grows to offset+len when shorter. */
function posix_fallocate(fdArg: unknown, offset: unknown, length: unknown): null {
  const fd = toInt(fdArg);
  const [start, size] = [toInt(offset), toInt(length)];
  if (start < 0 || size <= 0) throw new OSError(22n, "Invalid argument");
  const stats = fsCall(() => fs().fstatSync(fd));
  if (stats.isFIFO()) throw new OSError(29n, "Illegal seek");
  if ((statusFlags(fd) & 0o3) === 0) throw new OSError(9n, "Bad file descriptor");
  if (stats.size < start + size) fsCall(() => fs().ftruncateSync(fd, start + size));
  return null;
}

/** `os.posix_fadvise(fd, offset, len, advice)`: a hint; checked as the kernel checks it. */
function posix_fadvise(fdArg: unknown, offset: unknown, length: unknown, advice: unknown): null {
  const stats = fsCall(() => fs().fstatSync(toInt(fdArg)));
  if (stats.isFIFO()) throw new OSError(29n, "Illegal seek");
  const kind = toInt(advice);
  if (kind < 0 || kind > 5 || toInt(length) < 0) throw new OSError(22n, "Invalid argument");
  toInt(offset);
  return null;
}

/** `os.fchdir(fd)`: the directory a descriptor is open on becomes the working directory. */
function fchdir(fdArg: unknown): null {
  const fd = toInt(fdArg);
  const stats = fsCall(() => fs().fstatSync(fd));
  if (!stats.isDirectory()) throw new OSError(20n, "Not a directory");
  fsCall(() => nodeProcess()!.chdir(fs().readlinkSync(`/proc/self/fd/${fd}`)));
  return null;
}

/** `os.memfd_create(name, flags=MFD_CLOEXEC)`: an anonymous file in memory, read and written by descriptor. */
function memfd_create(name: unknown, flags: unknown = 1n): bigint {
  fspath(name);
  if ((toInt(flags) & ~(0x1 | 0x2 | 0x4 | (0x3f << 26))) !== 0) throw new OSError(22n, "Invalid argument");
  const dir = fs().existsSync("/dev/shm") ? "/dev/shm" : nodeModule("node:os").tmpdir();
  const O_TMPFILE = 0o20200000;
  const fd = fsCall(() => fs().openSync(dir, O_TMPFILE | fs().constants.O_RDWR, 0o600));
  shareOffset(fd, fd);
  return BigInt(fd);
}

export function osDescriptors(pipe: () => { items: readonly bigint[] }) {
  return {
    dup,
    dup2,
    pipe2: (flags: unknown) => pipe2(flags, pipe),
    set_blocking,
    set_inheritable,
    get_inheritable,
    preadv,
    pwritev,
    copy_file_range,
    splice,
    posix_fallocate,
    posix_fadvise,
    fchdir,
    memfd_create,
    openpty,
  };
}
