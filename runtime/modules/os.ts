// The `os` module on Node's fs, process and os modules (loaded when first used), with
// CPython's errors (lang/os-errors.ts). Paths are str; bytes paths are not supported.

import { osUname } from "./platform.js";
import { sendToSelf } from "./signal.js";
import { asIndex } from "../values/slice.js";
import type * as nodeFs from "node:fs";
import { nodeModule, nodeProcess } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { Dict } from "../values/dict.js";
import { FileExistsError, OSError, PyTypeError } from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { structSequence, TupleSubclass } from "./struct-sequence.js";
import { stat_result, StatResultClass } from "./os-stat-result.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { iterable, PyIterator } from "../values/iteration.js";
import { fsCall, osErrorFrom } from "../lang/os-errors.js";
import { open } from "../lang/files.js";
import { pyClass, toInt } from "./callable-class.js";
import { callValue } from "./pycall.js";
import { declareDataAttributes } from "../values/declared-attributes.js";
import { moduleObject } from "./module-object.js";
import { asBytesPath, bytesAware, cwd, fspath, pathModule, pathValue, setStat } from "./os-path.js";
import { osExtras } from "./os-extras.js";
import { osProcess } from "./os-process.js";
import { osConf } from "./os-conf.js";
import { osDescriptors } from "./os-fd.js";
import { osExec } from "./os-exec.js";
import { osIds } from "./os-ids.js";
import { osXattrs } from "./os-xattr.js";
import { forgetFd, osPosix, readFd, trackFd, writeFd } from "./os-posix.js";
import { setTerminalSize } from "./shutil.js";
import { STRERROR } from "./posix-constants-data.js";
import { EnvironBytes } from "./os-environb.js";

const STRERROR_MESSAGES = new Map(STRERROR);

function fs(): typeof nodeFs {
  return nodeModule("node:fs");
}

setStat((path) => fsCall(() => fs().statSync(path), path), (fd) => fsCall(() => fs().fstatSync(toInt(fd))));

function stat(p: unknown, ...rest: unknown[]): stat_result {
  const [, kws] = splitKw(rest);
  if (typeof p === "bigint" || typeof p === "boolean") {
    const fd = toInt(p);
    return stat_result.fromStats(fsCall(() => fs().fstatSync(fd, { bigint: true })));
  }
  const path = fspath(p);
  const follow = kws["follow_symlinks"] === undefined || truthy(kws["follow_symlinks"]);
  return stat_result.fromStats(fsCall(() => (follow ? fs().statSync(path, { bigint: true }) : fs().lstatSync(path, { bigint: true })), path));
}

/** `os.DirEntry`, as scandir yields it. */
export class DirEntry {
  static readonly __module__ = "posix";
  static readonly tpName = "posix.DirEntry";
  /** (name and path are bytes when scandir was given a bytes path) */
  constructor(readonly name: string | Uint8Array, readonly path: string | Uint8Array, private readonly dirent: nodeFs.Dirent) {}
  private followed(): nodeFs.Stats | undefined {
    try {
      return fs().statSync(fspath(this.path));
    } catch {
      return undefined;
    }
  }
  is_dir(...args: unknown[]): boolean {
    const [, kws] = splitKw(args);
    if (this.dirent.isSymbolicLink() && (kws["follow_symlinks"] === undefined || truthy(kws["follow_symlinks"]))) return this.followed()?.isDirectory() === true;
    return this.dirent.isDirectory();
  }
  is_file(...args: unknown[]): boolean {
    const [, kws] = splitKw(args);
    if (this.dirent.isSymbolicLink() && (kws["follow_symlinks"] === undefined || truthy(kws["follow_symlinks"]))) return this.followed()?.isFile() === true;
    return this.dirent.isFile();
  }
  is_symlink(): boolean {
    return this.dirent.isSymbolicLink();
  }
  stat(...args: unknown[]): stat_result {
    return stat(this.path, ...args);
  }
  inode(): bigint {
    return stat(this.path).st_ino;
  }
  __fspath__(): string | Uint8Array {
    return this.path;
  }
  __repr__(): string {
    return `<DirEntry ${repr(this.name)}>`;
  }
}
// (`os.DirEntry.name`: CPython's member descriptors, reading an entry's own name and path)
declareDataAttributes(DirEntry, "member", "name path");

/** The entries of the folder `path`; `asBytes`: named by bytes, as for a bytes path. */
function entriesOf(path: string, asBytes = false): DirEntry[] {
  const dirents = fsCall(() => fs().readdirSync(path, { withFileTypes: true }), path);
  const named = (text: string): string | Uint8Array => (asBytes ? (asBytesPath(text) as Uint8Array) : text);
  return dirents.map((d) => new DirEntry(named(d.name), named(pathModule.join(path, d.name) as string), d));
}

/** The iterator scandir returns: also a context manager. */
class ScandirIterator extends PyIterator<DirEntry> {
  close(): null {
    return null;
  }
  __enter__(): this {
    return this;
  }
  __exit__(..._exc: unknown[]): null {
    return null;
  }
}

function scandir(p: unknown = "."): ScandirIterator {
  const path = p === null ? "." : fspath(p);
  return new ScandirIterator(entriesOf(path, p instanceof Uint8Array)[Symbol.iterator]());
}

function listdir(p: unknown = "."): (string | Uint8Array)[] {
  const path = p === null ? "." : fspath(p);
  const names = fsCall(() => fs().readdirSync(path), path);
  return p instanceof Uint8Array ? (asBytesPath(names) as Uint8Array[]) : names;
}

/** (a bytes `top` walks with bytes names, as CPython's walk of a bytes path does) */
function* walkTree(top: string | Uint8Array, topdown: boolean, onerror: unknown, followlinks: boolean): Generator<Tuple> {
  let entries: DirEntry[];
  try {
    entries = entriesOf(fspath(top), top instanceof Uint8Array);
  } catch (e) {
    if (onerror !== null && onerror !== undefined && e instanceof OSError) callValue(onerror, e);
    else if (!(e instanceof OSError)) throw e;
    return;
  }
  const dirs: (string | Uint8Array)[] = [];
  const nondirs: (string | Uint8Array)[] = [];
  const walkInto: boolean[] = [];
  for (const entry of entries) {
    if (entry.is_dir()) {
      dirs.push(entry.name);
      walkInto.push(followlinks || !entry.is_symlink());
    } else nondirs.push(entry.name);
  }
  if (topdown) {
    yield Tuple.of(top, dirs, nondirs);
    // The caller may have pruned `dirs` in place.
    for (const name of dirs) {
      const next = pathModule.join(top, name) as string | Uint8Array;
      if (followlinks || !(pathModule.islink(next) as boolean)) yield* walkTree(next, topdown, onerror, followlinks);
    }
  } else {
    for (let i = 0; i < dirs.length; i++) {
      if (walkInto[i]) yield* walkTree(pathModule.join(top, dirs[i]) as string | Uint8Array, topdown, onerror, followlinks);
    }
    yield Tuple.of(top, dirs, nondirs);
  }
}

/** `os.walk(top, topdown=True, onerror=None, followlinks=False)`: (dirpath, dirnames, filenames). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a tuple of a str and two lists
function walk(...args: unknown[]): PyIterator<Tuple<any>> {
  const [pos, kws] = splitKw(args);
  const given = pathValue(pos[0] ?? kws["top"]);
  const topdown = truthy(pos[1] ?? kws["topdown"] ?? true);
  const onerror = pos[2] ?? kws["onerror"] ?? null;
  const followlinks = truthy(pos[3] ?? kws["followlinks"] ?? false);
  return new PyIterator(walkTree(given, topdown, onerror, followlinks));
}

function mkdir(p: unknown, ...rest: unknown[]): null {
  const [pos, kws] = splitKw(rest);
  const path = fspath(p);
  const mode = toInt(pos[0] ?? kws["mode"] ?? 0o777n);
  fsCall(() => fs().mkdirSync(path, { mode }), path);
  return null;
}

function makedirs(p: unknown, ...rest: unknown[]): null {
  const [pos, kws] = splitKw(rest);
  const path = fspath(p);
  const mode = toInt(pos[0] ?? kws["mode"] ?? 0o777n);
  const existOk = truthy(pos[1] ?? kws["exist_ok"] ?? false);
  if (pathModule.exists(path) as boolean) {
    if (existOk && (pathModule.isdir(path) as boolean)) return null;
    throw new FileExistsError(17n, "File exists", path);
  }
  fsCall(() => fs().mkdirSync(path, { mode, recursive: true }), path);
  return null;
}

function removedirs(p: unknown): null {
  const path = fspath(p);
  fsCall(() => fs().rmdirSync(path), path);
  let [head, tail] = (pathModule.split(path) as Tuple<string>).items as [string, string];
  if (tail === "") [head, tail] = (pathModule.split(head) as Tuple<string>).items as [string, string];
  while (head !== "" && tail !== "") {
    try {
      fs().rmdirSync(head);
    } catch {
      break;
    }
    [head, tail] = (pathModule.split(head) as Tuple<string>).items as [string, string];
  }
  return null;
}

function pathCall(call: (path: string) => unknown): (p: unknown) => null {
  return (p: unknown) => {
    const path = fspath(p);
    fsCall(() => call(path), path);
    return null;
  };
}

function twoPathCall(call: (a: string, b: string) => unknown): (a: unknown, b: unknown) => null {
  return (a: unknown, b: unknown) => {
    const src = fspath(a);
    const dst = fspath(b);
    fsCall(() => call(src, dst), src, dst);
    return null;
  };
}

/** `os.environ`: a dict of str whose writes reach the process (and so its children). */
export class Environ extends Dict<string, string> {
  static readonly __module__ = "os";
  override set(key: string, value: string): this {
    if (typeof key !== "string") throw new PyTypeError(`str expected, not ${typeName(key)}`);
    if (typeof value !== "string") throw new PyTypeError(`str expected, not ${typeName(value)}`);
    const env = nodeProcess()?.env;
    if (env !== undefined) env[key] = value;
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    const env = nodeProcess()?.env;
    if (env !== undefined) delete env[key];
    return super.delete(key);
  }
  __repr__(): string {
    return `environ({${[...this.entries()].map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(", ")}})`;
  }
}

let environ: Environ | null = null;
function environment(): Environ {
  environ ??= new Environ(Object.entries(nodeProcess()?.env ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
  return environ;
}

let environb: EnvironBytes | null = null;

function getenv(key: unknown, fallback: unknown = null): unknown {
  if (typeof key !== "string") throw new PyTypeError(`str expected, not ${typeName(key)}`);
  const value = environment().get(key);
  return value === undefined ? fallback : value;
}

/** `os.terminal_size`: (columns, lines). */
class terminal_size extends TupleSubclass<bigint> {
  static readonly __module__ = "os";
  /** From the two fields (Python passes any sequence of them). */
  constructor(sequence: unknown) {
    const values = (Array.isArray(sequence) ? sequence : Array.from(iterable(sequence))) as bigint[];
    if (values.length !== 2) throw new PyTypeError(`os.terminal_size() takes a 2-sequence (${values.length}-sequence given)`);
    super(values);
  }
  get columns(): bigint {
    return this.items[0]!;
  }
  get lines(): bigint {
    return this.items[1]!;
  }
  __repr__(): string {
    return `os.terminal_size(columns=${this.items[0]}, lines=${this.items[1]})`;
  }
}

structSequence(terminal_size, 2);
// (called by Python: `os.terminal_size((80, 24))`, whose type is the class called)
const TerminalSizeClass = pyClass(terminal_size);

function get_terminal_size(fd: unknown = 1n): terminal_size {
  const n = toInt(fd);
  const process = nodeProcess();
  const stream = n === 2 ? process?.stderr : n === 1 ? process?.stdout : undefined;
  if (stream === undefined || !stream.isTTY) throw new OSError(25n, "Inappropriate ioctl for device");
  return new terminal_size([BigInt(stream.columns), BigInt(stream.rows)]);
}

function system(command: unknown): bigint {
  const result = nodeModule("node:child_process").spawnSync("/bin/sh", ["-c", String(command)], { stdio: "inherit" });
  if (result.status !== null) return BigInt(result.status) << 8n;
  const signals = nodeModule("node:os").constants.signals as Record<string, number>;
  return BigInt(signals[result.signal ?? ""] ?? 0);
}

/** `os.strerror(code)`: glibc's message for an error number (CPython's table, posix-constants-data.ts). */
function strerror(code: unknown): string {
  const n = toInt(code);
  return STRERROR_MESSAGES.get(n) ?? `Unknown error ${n}`;
}

// Python's names for classes that extend a built-in one (whose pythonName is a literal type).
for (const [cls, name] of [[ScandirIterator, "ScandirIterator"], [Environ, "_Environ"], [EnvironBytes, "_Environ"], [terminal_size, "terminal_size"]] as const) {
  Object.defineProperty(cls, "pythonName", { value: name });
}

setTerminalSize(get_terminal_size, (columns, lines) => new terminal_size([columns, lines]));

export const osModule = moduleObject("os", {
  ...osExtras,
  ...osPosix({ stat, walk }),
  ...osProcess,
  ...osConf,
  ...osDescriptors(osProcess.pipe),
  ...osExec,
  ...osIds,
  ...osXattrs,
  name: "posix",
  sep: "/",
  altsep: null,
  extsep: ".",
  pathsep: ":",
  linesep: "\n",
  curdir: ".",
  pardir: "..",
  devnull: "/dev/null",
  defpath: "/bin:/usr/bin",
  F_OK: 0n,
  R_OK: 4n,
  W_OK: 2n,
  X_OK: 1n,
  path: pathModule,
  error: OSError,
  stat_result: StatResultClass,
  DirEntry,
  terminal_size: TerminalSizeClass,
  fspath: pathValue,
  getcwd: () => cwd(),
  chdir: pathCall((path) => nodeProcess()!.chdir(path)),
  listdir,
  scandir,
  walk,
  mkdir,
  makedirs,
  rmdir: pathCall((path) => fs().rmdirSync(path)),
  removedirs,
  remove: pathCall((path) => fs().unlinkSync(path)),
  unlink: pathCall((path) => fs().unlinkSync(path)),
  rename: twoPathCall((a, b) => fs().renameSync(a, b)),
  replace: twoPathCall((a, b) => fs().renameSync(a, b)),
  symlink: twoPathCall((a, b) => fs().symlinkSync(a, b)),
  link: twoPathCall((a, b) => fs().linkSync(a, b)),
  readlink: bytesAware((p: unknown) => {
    const path = fspath(p);
    return fsCall(() => fs().readlinkSync(path), path);
  }),
  chmod: (p: unknown, mode: unknown) => {
    const path = fspath(p);
    fsCall(() => fs().chmodSync(path, toInt(mode)), path);
    return null;
  },
  /** `os.utime(path, times=None, *, ns=...)`: access and modification times (seconds, or ns). */
  utime: (p: unknown, ...rest: unknown[]) => {
    const [pos, kws] = splitKw(rest);
    const path = fspath(p);
    const times = pos[0] ?? kws["times"] ?? null;
    const ns = kws["ns"] ?? null;
    let at: number, mt: number;
    const pair = (x: unknown): unknown[] | null => (x instanceof Tuple && x.length === 2 ? [...x.items] : null);
    if (ns !== null) {
      const two = pair(ns);
      if (two === null || typeof two[0] !== "bigint" || typeof two[1] !== "bigint") throw new PyTypeError("utime: 'ns' must be a tuple of two ints");
      [at, mt] = [Number(two[0]) / 1e9, Number(two[1]) / 1e9];
    } else if (times === null) {
      at = mt = Date.now() / 1000;
    } else {
      const two = pair(times);
      if (two === null || !two.every((x) => typeof x === "bigint" || typeof x === "number")) throw new PyTypeError("utime: 'times' must be either a tuple of two ints or None");
      [at, mt] = [Number(two[0]), Number(two[1])];
    }
    fsCall(() => fs().utimesSync(path, at, mt), path);
    return null;
  },
  access: (p: unknown, mode: unknown) => {
    try {
      fs().accessSync(fspath(p), toInt(mode));
      return true;
    } catch {
      return false;
    }
  },
  stat,
  lstat: (p: unknown) => stat(p, kw({ follow_symlinks: false })),
  get environ() {
    return environment();
  },
  get environb() {
    environb ??= new EnvironBytes(environment);
    return environb;
  },
  getenv,
  /** `os.getenvb(key, default=None)`: environb's value. */
  getenvb: (key: unknown, fallback: unknown = null): unknown => {
    environb ??= new EnvironBytes(environment);
    return environb.getOrDefault(key, fallback);
  },
  putenv: (key: unknown, value: unknown) => {
    const env = nodeProcess()?.env;
    if (env !== undefined) env[String(key)] = String(value);
    return null;
  },
  unsetenv: (key: unknown) => {
    const env = nodeProcess()?.env;
    if (env !== undefined) delete env[String(key)];
    return null;
  },
  getpid: () => BigInt(nodeProcess()?.pid ?? 0),
  getppid: () => BigInt(nodeProcess()?.ppid ?? 0),
  getuid: () => BigInt(nodeProcess()?.getuid?.() ?? 0),
  getgid: () => BigInt(nodeProcess()?.getgid?.() ?? 0),
  cpu_count: () => BigInt(nodeModule("node:os").availableParallelism()),
  urandom: (n: unknown) => Bytes.fromArray(nodeModule("node:crypto").randomBytes(toInt(n))),
  get_terminal_size,
  uname: osUname,
  system,
  strerror,
  open: (p: unknown, flags: unknown, mode: unknown = 0o777n) => {
    const path = fspath(p);
    const fd = fsCall(() => fs().openSync(path, toInt(flags), toInt(mode)), path);
    trackFd(fd, toInt(flags));
    return BigInt(fd);
  },
  close: (fd: unknown) => {
    fsCall(() => fs().closeSync(toInt(fd)));
    forgetFd(toInt(fd));
    return null;
  },
  write: (fd: unknown, data: unknown) => {
    if (!(data instanceof Uint8Array)) throw new PyTypeError(`a bytes-like object is required, not '${typeName(data)}'`);
    return writeFd(toInt(fd), data);
  },
  read: (fd: unknown, n: unknown) => readFd(toInt(fd), toInt(n)),
  fdopen: (fd: unknown, ...rest: unknown[]) => open(fd, ...rest),
  O_RDONLY: 0n,
  O_WRONLY: 1n,
  O_RDWR: 2n,
  O_CREAT: 0o100n,
  O_EXCL: 0o200n,
  O_TRUNC: 0o1000n,
  O_APPEND: 0o2000n,
  kill: (pid: unknown, sig: unknown) => {
    // To this process: the Python handler runs before kill returns, as in CPython.
    const signum = toInt(asIndex(sig) ?? sig);
    if (toInt(pid) === nodeProcess()?.pid) {
      sendToSelf(signum);
      return null;
    }
    try {
      nodeProcess()!.kill(toInt(pid), signum);
    } catch (e) {
      throw osErrorFrom(e);
    }
    return null;
  },
});
