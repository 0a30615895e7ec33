// More of Python's `os` (os.ts holds the core): the constants and small calls course code
// reaches (`os.SEEK_END`, `os.EX_OK`, `os.fsencode`, `os.umask`, `os.isatty`, the wait-status
// macros), with CPython's Linux values and errors.
import { nodeModule, nodeProcess } from "../core/host.js";
import { ValueError } from "../values/exceptions.js";
import { Tuple } from "../values/tuple.js";
import { fsCall } from "../lang/os-errors.js";
import { toInt } from "./callable-class.js";
import { cwd, fspath } from "./os-path.js";
import { encode } from "../values/str-codec.js";
import { decode } from "../values/bytes-codec.js";

const fs = (): typeof import("node:fs") => nodeModule("node:fs");

/** `os.fsencode(filename)`: a str path as UTF-8 bytes with surrogateescape, bytes as they are. */
function fsencode(filename: unknown): Uint8Array {
  if (filename instanceof Uint8Array) return filename;
  return encode(fspath(filename), "utf-8", "surrogateescape");
}

/** `os.fsdecode(filename)`: bytes decoded as UTF-8 with surrogateescape, a str as it is. */
function fsdecode(filename: unknown): unknown {
  if (filename instanceof Uint8Array) return decode(filename, "utf-8", "surrogateescape");
  return fspath(filename);
}

/** The wait-status macros of `os.waitpid`'s status (Linux encoding). */
const waitStatus = {
  WIFEXITED: (s: unknown) => (toInt(s) & 0x7f) === 0,
  WEXITSTATUS: (s: unknown) => BigInt((toInt(s) >> 8) & 0xff),
  WIFSIGNALED: (s: unknown) => ((toInt(s) & 0x7f) + 1) >> 1 > 0 && (toInt(s) & 0x7f) !== 0x7f,
  WTERMSIG: (s: unknown) => BigInt(toInt(s) & 0x7f),
  WIFSTOPPED: (s: unknown) => (toInt(s) & 0xff) === 0x7f,
  WSTOPSIG: (s: unknown) => BigInt((toInt(s) >> 8) & 0xff),
  WCOREDUMP: (s: unknown) => (toInt(s) & 0x80) !== 0,
  WIFCONTINUED: (s: unknown) => toInt(s) === 0xffff,
  /** `os.waitstatus_to_exitcode(status)`: the exit code, or minus the signal that ended it. */
  waitstatus_to_exitcode: (s: unknown): bigint => {
    const status = toInt(s);
    if ((status & 0x7f) === 0) return BigInt((status >> 8) & 0xff);
    if ((status & 0xff) !== 0x7f) return -BigInt(status & 0x7f);
    throw new ValueError(`invalid wait status: ${status}`);
  },
};

/** Linux's `os.EX_*` exit codes (sysexits.h). */
const EXIT_CODES = {
  EX_OK: 0n, EX_USAGE: 64n, EX_DATAERR: 65n, EX_NOINPUT: 66n, EX_NOUSER: 67n, EX_NOHOST: 68n, EX_UNAVAILABLE: 69n,
  EX_SOFTWARE: 70n, EX_OSERR: 71n, EX_OSFILE: 72n, EX_CANTCREAT: 73n, EX_IOERR: 74n, EX_TEMPFAIL: 75n, EX_PROTOCOL: 76n,
  EX_NOPERM: 77n, EX_CONFIG: 78n,
};

/** Linux's open flags past the basic ones os.ts has. */
const OPEN_FLAGS = {
  O_ACCMODE: 3n, O_NOCTTY: 0o400n, O_NONBLOCK: 0o4000n, O_NDELAY: 0o4000n, O_DSYNC: 0o10000n, O_ASYNC: 0o20000n,
  O_DIRECT: 0o40000n, O_LARGEFILE: 0o100000n, O_DIRECTORY: 0o200000n, O_NOFOLLOW: 0o400000n, O_NOATIME: 0o1000000n,
  O_CLOEXEC: 0o2000000n, O_SYNC: 0o4010000n, O_RSYNC: 0o4010000n, O_FSYNC: 0o4010000n, O_PATH: 0o10000000n, O_TMPFILE: 0o20200000n,
};

export const osExtras = {
  SEEK_SET: 0n,
  SEEK_CUR: 1n,
  SEEK_END: 2n,
  SEEK_DATA: 3n,
  SEEK_HOLE: 4n,
  WNOHANG: 1n,
  WUNTRACED: 2n,
  WSTOPPED: 2n,
  WEXITED: 4n,
  WCONTINUED: 8n,
  WNOWAIT: 0x1000000n,
  TMP_MAX: 238328n,
  NGROUPS_MAX: 65536n,
  supports_bytes_environ: true,
  ...EXIT_CODES,
  ...OPEN_FLAGS,
  ...waitStatus,
  fsencode,
  fsdecode,
  getcwdb: (): Uint8Array => fsencode(cwd()),
  umask: (mask: unknown): bigint => BigInt(nodeProcess()!.umask(toInt(mask))),
  /** the standard streams as Node sees them; another descriptor is a terminal when it is a character device that is not /dev/null */
  isatty: (fd: unknown): boolean => {
    const n = toInt(fd);
    const process = nodeProcess();
    const stream = n === 0 ? process?.stdin : n === 1 ? process?.stdout : n === 2 ? process?.stderr : undefined;
    if (stream !== undefined) return (stream as { isTTY?: boolean }).isTTY === true;
    try {
      const stats = fs().fstatSync(n);
      const devnull = fs().statSync("/dev/null");
      return stats.isCharacterDevice() && stats.rdev !== devnull.rdev;
    } catch {
      return false;
    }
  },
  getlogin: (): string => nodeModule("node:os").userInfo().username,
  getloadavg: (): Tuple => Tuple.from(nodeModule("node:os").loadavg()),
  geteuid: (): bigint => BigInt(nodeProcess()?.geteuid?.() ?? 0),
  getegid: (): bigint => BigInt(nodeProcess()?.getegid?.() ?? 0),
  getgroups: (): bigint[] => (nodeProcess()?.getgroups?.() ?? []).map((g) => BigInt(g)),
  fsync: (fd: unknown): null => {
    fsCall(() => fs().fsyncSync(toInt(fd)));
    return null;
  },
  fdatasync: (fd: unknown): null => {
    fsCall(() => fs().fdatasyncSync(toInt(fd)));
    return null;
  },
  ftruncate: (fd: unknown, length: unknown): null => {
    fsCall(() => fs().ftruncateSync(toInt(fd), toInt(length)));
    return null;
  },
  truncate: (p: unknown, length: unknown): null => {
    const path = fspath(p);
    fsCall(() => fs().truncateSync(path, toInt(length)), path);
    return null;
  },
  /** `os.renames(old, new)`: rename, making the new path's folders and pruning the old one's empty ones. */
  renames: (a: unknown, b: unknown): null => {
    const [from, to] = [fspath(a), fspath(b)];
    const path = nodeModule("node:path");
    const head = path.dirname(to);
    if (head !== "." && !fs().existsSync(head)) fsCall(() => fs().mkdirSync(head, { recursive: true }), head);
    fsCall(() => fs().renameSync(from, to), from);
    for (let dir = path.dirname(from); dir !== "." && dir !== "/"; dir = path.dirname(dir)) {
      try {
        fs().rmdirSync(dir);
      } catch {
        break;
      }
    }
    return null;
  },
  sync: (): null => null,
  sched_yield: (): null => null,
  get_exec_path: (): string[] => (nodeProcess()?.env["PATH"] ?? "/bin:/usr/bin").split(":"),
};
