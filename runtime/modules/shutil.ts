// `shutil` (file and tree copies, moves, removal, which) and `tempfile`'s folder functions, on
// Node's fs with CPython's errors and return values.

import { nodeModule, nodeProcess } from "../core/host.js";
import { FileExistsError, LookupError, OSError, ValueError } from "../values/exceptions.js";
import { toInt } from "./callable-class.js";
import { kw as kwOf, splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { PySet } from "../values/set.js";
import { fsCall } from "../lang/os-errors.js";
import { callValue } from "./pycall.js";
import { callMethod } from "../values/methods.js";
import { moduleObject } from "./module-object.js";
import { fnmatchModule } from "./fnmatch.js";
import { makeNamedTuple } from "./namedtuple.js";
import { fspath, pathModule } from "./os-path.js";
import { archiveFunctions } from "./shutil-archive.js";

function fs(): typeof import("node:fs") {
  return nodeModule("node:fs");
}
const join = (a: string, b: string): string => pathModule.join(a, b) as string;
const isdir = (p: string): boolean => pathModule.isdir(p) as boolean;

/** shutil.Error (an OSError subclass). */
export class Error_ extends OSError {
  static readonly __module__: string = "shutil";
  static readonly pythonName: string = "Error";
}
export class SameFileError extends Error_ {
  static override readonly pythonName: string = "SameFileError";
}

function sameFile(a: string, b: string): boolean {
  try {
    const sa = fs().statSync(a);
    const sb = fs().statSync(b);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

function copyfile(srcArg: unknown, dstArg: unknown): string {
  const src = fspath(srcArg);
  const dst = fspath(dstArg);
  if (sameFile(src, dst)) throw new SameFileError(`${repr(src)} and ${repr(dst)} are the same file`);
  const data = fsCall(() => fs().readFileSync(src), src);
  fsCall(() => fs().writeFileSync(dst, data), dst);
  return dst;
}

function copyMode(src: string, dst: string): void {
  fsCall(() => fs().chmodSync(dst, fs().statSync(src).mode & 0o7777), dst);
}

function copy(srcArg: unknown, dstArg: unknown): string {
  const src = fspath(srcArg);
  let dst = fspath(dstArg);
  if (isdir(dst)) dst = join(dst, pathModule.basename(src) as string);
  copyfile(src, dst);
  copyMode(src, dst);
  return dst;
}

function copy2(srcArg: unknown, dstArg: unknown): string {
  const dst = copy(srcArg, dstArg);
  const st = fs().statSync(fspath(srcArg));
  fs().utimesSync(dst, st.atime, st.mtime);
  return dst;
}

function copytree(srcArg: unknown, dstArg: unknown, ...rest: unknown[]): string {
  const [pos, kws] = splitKw(rest);
  const src = fspath(srcArg);
  const dst = fspath(dstArg);
  const ignore = kws["ignore"] ?? null;
  const copyFunction = kws["copy_function"] ?? copy2;
  const existOk = truthy(pos[3] ?? kws["dirs_exist_ok"] ?? false);
  const names = fsCall(() => fs().readdirSync(src), src);
  const ignored = ignore === null ? new Set<string>() : new Set([...(callValue(ignore, src, names) as Iterable<string>)]);
  if (!existOk && pathModule.exists(dst)) throw new FileExistsError(17n, "File exists", dst);
  fsCall(() => fs().mkdirSync(dst, { recursive: true }), dst);
  for (const name of names) {
    if (ignored.has(name)) continue;
    const from = join(src, name);
    const to = join(dst, name);
    if (isdir(from)) copytree(from, to, kwOf({ ignore, dirs_exist_ok: existOk, copy_function: copyFunction }));
    else callValue(copyFunction, from, to);
  }
  copyMode(src, dst);
  return dst;
}

function rmtree(pathArg: unknown, ...rest: unknown[]): null {
  const [pos, kws] = splitKw(rest);
  const path = fspath(pathArg);
  const ignoreErrors = truthy(pos[0] ?? kws["ignore_errors"] ?? false);
  try {
    const st = fsCall(() => fs().lstatSync(path), path);
    if (st.isSymbolicLink()) throw new OSError("Cannot call rmtree on a symbolic link");
    fsCall(() => fs().rmSync(path, { recursive: true }), path);
  } catch (e) {
    if (!ignoreErrors) throw e;
  }
  return null;
}

function move(srcArg: unknown, dstArg: unknown): string {
  const src = fspath(srcArg);
  let realDst = fspath(dstArg);
  if (isdir(realDst)) {
    if (sameFile(src, realDst)) {
      fsCall(() => fs().renameSync(src, realDst), src, realDst);
      return realDst;
    }
    realDst = join(realDst, pathModule.basename(src.replace(/\/+$/, "")) as string);
    if (pathModule.exists(realDst)) throw new Error_(`Destination path '${realDst}' already exists`);
  }
  try {
    fs().renameSync(src, realDst);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EXDEV") fsCall(() => { throw e; }, src, realDst);
    if (isdir(src)) {
      copytree(src, realDst);
      rmtree(src);
    } else {
      copy2(src, realDst);
      fs().unlinkSync(src);
    }
  }
  return realDst;
}

function which(cmdArg: unknown, ...rest: unknown[]): string | null {
  const [pos, kws] = splitKw(rest);
  const cmd = fspath(cmdArg);
  const pathArg = pos[1] ?? kws["path"] ?? null;
  const executable = (p: string): boolean => {
    try {
      fs().accessSync(p, fs().constants.X_OK);
      return !isdir(p);
    } catch {
      return false;
    }
  };
  if (cmd.includes("/")) return executable(cmd) ? cmd : null;
  const searchPath = pathArg === null ? (nodeProcess()?.env["PATH"] ?? "/bin:/usr/bin") : String(pathArg);
  const seen = new Set<string>();
  for (const dir of searchPath.split(":")) {
    if (seen.has(dir)) continue;
    seen.add(dir);
    const candidate = join(dir, cmd);
    if (executable(candidate)) return candidate;
  }
  return null;
}

function ignore_patterns(...patterns: unknown[]): (path: unknown, names: unknown) => PySet<string> {
  return (_path: unknown, names: unknown) => {
    const out = new PySet<string>();
    for (const pattern of patterns) for (const name of fnmatchModule.filter(names, pattern)) out.add(name);
    return out;
  };
}

/** `shutil.disk_usage(path)`: the file system's total, used and free bytes (os.statvfs's numbers). */
const DiskUsage = makeNamedTuple("usage", ["total", "used", "free"], [], "shutil");
function disk_usage(path: unknown): unknown {
  const target = fspath(path);
  const stats = fsCall(() => nodeModule("node:fs").statfsSync(target), target);
  const size = BigInt(stats.bsize);
  return new DiskUsage(BigInt(stats.blocks) * size, BigInt(stats.blocks - stats.bfree) * size, BigInt(stats.bavail) * size);
}

/** shutil.SpecialFileError / ExecError (OSError subclasses). */
export class SpecialFileError extends OSError {
  static readonly __module__: string = "shutil";
  static readonly pythonName: string = "SpecialFileError";
}
export class ExecError extends OSError {
  static readonly __module__: string = "shutil";
  static readonly pythonName: string = "ExecError";
}

/** CPython's buffer for copyfileobj on Linux. */
const COPY_BUFSIZE = 65536n;

/** `copyfileobj(fsrc, fdst, length=0)`: read/write in chunks until read gives an empty value. */
function copyfileobj(...args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  const fsrc = pos[0] ?? kws["fsrc"];
  const fdst = pos[1] ?? kws["fdst"];
  const given = (pos[2] ?? kws["length"] ?? 0n) as bigint;
  const length = given > 0n ? given : COPY_BUFSIZE;
  for (;;) {
    const chunk = callMethod(fsrc, "read", length);
    if (!truthy(chunk)) return null;
    callMethod(fdst, "write", chunk);
  }
}

/** `copystat(src, dst)`: permission bits and access/modification times. */
function copystat(src: unknown, dst: unknown): null {
  const [from, to] = [fspath(src), fspath(dst)];
  const stats = fsCall(() => fs().statSync(from), from);
  fsCall(() => fs().chmodSync(to, stats.mode & 0o7777), to);
  fsCall(() => fs().utimesSync(to, stats.atime, stats.mtime), to);
  return null;
}

/** `get_terminal_size(fallback=(80, 24))`: $COLUMNS/$LINES, else the terminal's, else the fallback. */
function get_terminal_size(...args: unknown[]): unknown {
  const [pos, kws] = splitKw(args);
  const fallback = (pos[0] ?? kws["fallback"] ?? null) as { items: unknown[] } | null;
  const env = nodeProcess()?.env ?? {};
  const fromEnv = (name: string): bigint => {
    const n = Number.parseInt(env[name] ?? "", 10);
    return Number.isFinite(n) && n > 0 ? BigInt(n) : 0n;
  };
  let columns = fromEnv("COLUMNS");
  let lines = fromEnv("LINES");
  if (columns <= 0n || lines <= 0n) {
    let size: { items: bigint[] } | null = null;
    try {
      size = osGetTerminalSize(1n) as { items: bigint[] };
    } catch {
      size = null;
    }
    const [fc, fl] = fallback === null ? [80n, 24n] : (fallback.items as bigint[]);
    if (columns <= 0n) columns = size?.items[0] || fc!;
    if (lines <= 0n) lines = size?.items[1] || fl!;
  }
  return makeTerminalSize(columns, lines);
}

/** Set by os.ts: its get_terminal_size and terminal_size. */
let osGetTerminalSize: (fd: unknown) => unknown = () => {
  throw new OSError(25n, "Inappropriate ioctl for device");
};
let makeTerminalSize: (columns: bigint, lines: bigint) => unknown = (c, l) => [c, l];
export function setTerminalSize(get: (fd: unknown) => unknown, make: (columns: bigint, lines: bigint) => unknown): void {
  osGetTerminalSize = get;
  makeTerminalSize = make;
}

/** The id an /etc/passwd or /etc/group entry gives `name` (pwd.getpwnam/grp.getgrnam), or null. */
function databaseId(file: string, name: string): number | null {
  let text = "";
  try {
    text = nodeModule("node:fs").readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const entry = text.split("\n").map((line) => line.split(":")).find((fields) => fields[0] === name && fields.length >= 3);
  return entry === undefined ? null : Number(entry[2]);
}

/** `shutil.chown(path, user=None, group=None)`: names looked up as CPython's _get_uid/_get_gid do. */
function chown(...args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  const path = pos[0] ?? kws.path;
  const user = pos[1] ?? kws.user ?? null;
  const group = pos[2] ?? kws.group ?? null;
  if (user === null && group === null) throw new ValueError("user and/or group must be set");
  let uid = -1;
  if (typeof user === "string") {
    const found = databaseId("/etc/passwd", user);
    if (found === null) throw new LookupError(`no such user: ${repr(user)}`);
    uid = found;
  } else if (user !== null) uid = toInt(user);
  let gid = -1;
  if (typeof group === "string") {
    const found = databaseId("/etc/group", group);
    if (found === null) throw new LookupError(`no such group: ${repr(group)}`);
    gid = found;
  } else if (group !== null) gid = toInt(group);
  const file = fspath(path);
  fsCall(() => nodeModule("node:fs").chownSync(file, uid, gid), file);
  return null;
}

export const shutilModule = moduleObject("shutil", {
  chown,
  // shutil.py's `posix = nt = None`: nt stays None on Linux
  nt: null,
  ...archiveFunctions,
  COPY_BUFSIZE,
  SpecialFileError,
  ExecError,
  copyfileobj,
  copystat,
  get_terminal_size,
  disk_usage,
  Error: Error_,
  SameFileError,
  copyfile,
  copy,
  copy2,
  copymode: (src: unknown, dst: unknown) => {
    copyMode(fspath(src), fspath(dst));
    return null;
  },
  copytree,
  rmtree,
  move,
  which,
  ignore_patterns,
});

// ---- tempfile ----

const CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789_";

export function randomName(): string {
  const bytes = nodeModule("node:crypto").randomBytes(8);
  let out = "";
  for (const b of bytes) out += CHARACTERS[b % CHARACTERS.length];
  return out;
}

export function gettempdir(): string {
  const env = nodeProcess()?.env ?? {};
  for (const name of ["TMPDIR", "TEMP", "TMP"]) {
    const dir = env[name];
    if (dir !== undefined && dir !== "" && isdir(dir)) return pathModule.abspath(dir) as string;
  }
  return "/tmp";
}

export function mkdtemp(...args: unknown[]): string {
  const [pos, kws] = splitKw(args);
  const suffix = pos[0] ?? kws["suffix"] ?? null;
  const prefix = pos[1] ?? kws["prefix"] ?? null;
  const dir = pos[2] ?? kws["dir"] ?? null;
  const parent = dir === null ? gettempdir() : fspath(dir);
  for (let attempt = 0; attempt < 100; attempt++) {
    const path = join(parent, `${prefix === null ? "tmp" : String(prefix)}${randomName()}${suffix === null ? "" : String(suffix)}`);
    try {
      fs().mkdirSync(path, { mode: 0o700 });
      return pathModule.abspath(path) as string;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") fsCall(() => { throw e; }, path);
    }
  }
  throw new FileExistsError(17n, "No usable temporary directory name found");
}

export class TemporaryDirectory {
  static readonly __module__ = "tempfile";
  readonly name: string;
  private readonly ignoreCleanupErrors: boolean;
  private cleaned = false;
  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    this.name = mkdtemp(pos[0] ?? kws["suffix"] ?? null, pos[1] ?? kws["prefix"] ?? null, pos[2] ?? kws["dir"] ?? null);
    this.ignoreCleanupErrors = truthy(pos[3] ?? kws["ignore_cleanup_errors"] ?? false);
  }
  cleanup(): null {
    if (this.cleaned) return null;
    this.cleaned = true;
    rmtree(this.name, this.ignoreCleanupErrors);
    return null;
  }
  __enter__(): string {
    return this.name;
  }
  __exit__(..._exc: unknown[]): null {
    this.cleanup();
    return null;
  }
  __repr__(): string {
    return `<TemporaryDirectory ${repr(this.name)}>`;
  }
}
