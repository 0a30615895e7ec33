// Python's `pathlib` (POSIX flavour), following Lib/pathlib.py of 3.11: PurePath parsing into
// drive/root/parts, the pure operations (name, suffixes, parents, joinpath and `/`,
// with_name/with_stem/with_suffix, relative_to, match) and Path's file-system calls (stat,
// exists, mkdir, touch, iterdir, glob/rglob with pathlib's selectors, read/write helpers...).
// Errors are CPython's: OSError subclasses from the os calls, ValueError messages as 3.11's.

import { nodeModule } from "../core/host.js";
import { open, pathArg } from "../lang/files.js";
import { inheritFrom } from "../lang/mro.js";
import { Bytes } from "../values/bytes.js";
import { NotImplementedError, PyTypeError, RuntimeError, ValueError } from "../values/exceptions.js";
import { PyIterator } from "../values/iteration.js";
import { kw, splitKw } from "../values/kwargs.js";
import { strRepr } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { ERRNO_CODES } from "./posix-constants-data.js";
import { statModule } from "./stat.js";
import { osModule } from "./os.js";
import { abspath, cwd, pathModule } from "./os-path.js";
import { parseParts, PurePath, PurePosixPath, PureWindowsPath, type PathCtor } from "./pathlib-pure.js";
import { fsDo, selectFrom, statOrNull } from "./pathlib-fs.js";

type Fs = typeof import("node:fs");
const fs = (): Fs => nodeModule("node:fs");

export class Path extends PurePath {
  constructor(...args: unknown[]) {
    if (new.target.prototype === Path.prototype) return new PosixPath(...args);
    super(...args);
  }

  static cwd(this: PathCtor): PurePath {
    return new this(cwd());
  }

  static home(this: PathCtor): PurePath {
    return (new this("~") as Path).expanduser();
  }

  private get path(): string {
    return this.__str__();
  }

  private child(name: string): this {
    return this.make({ drv: this.drvPart, root: this.rootPart, parts: [...this.partsList, name] });
  }

  samefile(other: unknown): boolean {
    const a = fsDo(this.path, () => fs().statSync(this.path));
    const otherPath = other instanceof PurePath ? other.__str__() : pathArg(other);
    const b = fsDo(otherPath, () => fs().statSync(otherPath));
    return a.ino === b.ino && a.dev === b.dev;
  }

  iterdir(): PyIterator {
    const names = fsDo(this.path, () => fs().readdirSync(this.path));
    return new PyIterator(names.map((n) => this.child(n))[Symbol.iterator]());
  }

  glob(pattern: unknown): PyIterator {
    return new PyIterator(this.globGen(pattern));
  }

  private *globGen(pattern: unknown): Generator<Path> {
    const pat = pathArg(pattern);
    if (!pat) throw new ValueError(`Unacceptable pattern: ${strRepr(pat)}`);
    const parsed = parseParts([pat]);
    if (parsed.root) throw new NotImplementedError("Non-relative patterns are unsupported");
    const parts = parsed.parts;
    if (pat.endsWith("/")) parts.push("");
    yield* this.select(parts);
  }

  rglob(pattern: unknown): PyIterator {
    return new PyIterator(this.rglobGen(pattern));
  }

  private *rglobGen(pattern: unknown): Generator<Path> {
    const pat = pathArg(pattern);
    const parsed = parseParts([pat]);
    if (parsed.root) throw new NotImplementedError("Non-relative patterns are unsupported");
    const parts = parsed.parts;
    if (pat.endsWith("/")) parts.push("");
    yield* this.select(["**", ...parts]);
  }

  /** pathlib's selectors: precise, wildcard and recursive parts, depth first. */
  private *select(parts: string[]): Generator<Path> {
    if (!this.is_dir()) return;
    yield* selectFrom(this, parts);
  }

  absolute(): this {
    if (this.is_absolute()) return this;
    return this.fromArgs([cwd(), ...this.partsList]);
  }

  resolve(...args: unknown[]): this {
    const [pos, kws] = splitKw(args);
    const strict = truthy(pos[0] ?? kws["strict"] ?? false);
    if (strict) return this.fromArgs([fsDo(this.path, () => fs().realpathSync(abspath(this.path)))]);
    return this.fromArgs([pathModule.realpath(this.path) as string]);
  }

  stat(...args: unknown[]): unknown {
    const [, kws] = splitKw(args);
    return osModule.stat(this.path, kw({ follow_symlinks: kws["follow_symlinks"] ?? true }));
  }

  lstat(): unknown {
    return osModule.stat(this.path, kw({ follow_symlinks: false }));
  }

  owner(): string {
    const uid = fsDo(this.path, () => fs().statSync(this.path)).uid;
    return nameFromDatabase("/etc/passwd", uid) ?? String(uid);
  }

  group(): string {
    const gid = fsDo(this.path, () => fs().statSync(this.path)).gid;
    return nameFromDatabase("/etc/group", gid) ?? String(gid);
  }

  open(...args: unknown[]): unknown {
    return open(this.path, ...args);
  }

  read_bytes(): Bytes {
    const f = open(this.path, "rb");
    try {
      return f.read();
    } finally {
      f.close();
    }
  }

  read_text(...args: unknown[]): string {
    const [pos, kws] = splitKw(args);
    const f = open(this.path, "r", kw({ encoding: pos[0] ?? kws["encoding"] ?? null, errors: pos[1] ?? kws["errors"] ?? null }));
    try {
      return f.read();
    } finally {
      f.close();
    }
  }

  write_bytes(data: unknown): bigint {
    if (!(data instanceof Uint8Array)) throw new PyTypeError(`memoryview: a bytes-like object is required, not '${typeName(data)}'`);
    const f = open(this.path, "wb");
    try {
      return f.write(data);
    } finally {
      f.close();
    }
  }

  write_text(...args: unknown[]): bigint {
    const [pos, kws] = splitKw(args);
    const data = pos[0] ?? kws["data"];
    if (typeof data !== "string") throw new PyTypeError(`data must be str, not ${typeName(data)}`);
    const f = open(this.path, "w", kw({ encoding: pos[1] ?? kws["encoding"] ?? null, errors: pos[2] ?? kws["errors"] ?? null, newline: pos[3] ?? kws["newline"] ?? null }));
    try {
      return f.write(data);
    } finally {
      f.close();
    }
  }

  readlink(): this {
    return this.fromArgs([fsDo(this.path, () => fs().readlinkSync(this.path))]);
  }

  touch(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const mode = Number(pos[0] ?? kws["mode"] ?? 0o666n);
    const existOk = truthy(pos[1] ?? kws["exist_ok"] ?? true);
    if (existOk) {
      try {
        const now = new Date();
        fs().utimesSync(this.path, now, now);
        return null;
      } catch {
        // created below
      }
    }
    const c = fs().constants;
    const flags = c.O_CREAT | c.O_WRONLY | (existOk ? 0 : c.O_EXCL);
    fs().closeSync(fsDo(this.path, () => fs().openSync(this.path, flags, mode)));
    return null;
  }

  mkdir(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const mode = Number(pos[0] ?? kws["mode"] ?? 0o777n);
    const parents = truthy(pos[1] ?? kws["parents"] ?? false);
    const existOk = truthy(pos[2] ?? kws["exist_ok"] ?? false);
    try {
      fsDo(this.path, () => fs().mkdirSync(this.path, { mode }));
    } catch (e) {
      if ((e as { errno?: unknown }).errno === 2n) {
        const parent = this.parent as Path;
        if (!parents || parent.__eq__(this) === true) throw e;
        parent.mkdir(kw({ parents: true, exist_ok: true }));
        this.mkdir(BigInt(mode), kw({ parents: false, exist_ok: existOk }));
        return null;
      }
      if (!existOk || !this.is_dir()) throw e;
    }
    return null;
  }

  chmod(mode: unknown): null {
    fsDo(this.path, () => fs().chmodSync(this.path, Number(mode)));
    return null;
  }

  unlink(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const missingOk = truthy(pos[0] ?? kws["missing_ok"] ?? false);
    try {
      fsDo(this.path, () => fs().unlinkSync(this.path));
    } catch (e) {
      if (!missingOk || (e as { errno?: unknown }).errno !== 2n) throw e;
    }
    return null;
  }

  rmdir(): null {
    fsDo(this.path, () => fs().rmdirSync(this.path));
    return null;
  }

  rename(target: unknown): PurePath {
    const to = target instanceof PurePath ? target.__str__() : pathArg(target);
    fsDo(this.path, () => fs().renameSync(this.path, to), to);
    return this.fromArgs([target]);
  }

  replace(target: unknown): PurePath {
    return this.rename(target);
  }

  symlink_to(target: unknown): null {
    const to = pathArg(target instanceof PurePath ? target.__str__() : target);
    fsDo(to, () => fs().symlinkSync(to, this.path), this.path);
    return null;
  }

  hardlink_to(target: unknown): null {
    const to = pathArg(target instanceof PurePath ? target.__str__() : target);
    fsDo(to, () => fs().linkSync(to, this.path), this.path);
    return null;
  }

  /** 3.11's deprecated `link_to`: makes `target` a hard link to this path. */
  link_to(target: unknown): null {
    const to = pathArg(target instanceof PurePath ? target.__str__() : target);
    fsDo(this.path, () => fs().linkSync(this.path, to), to);
    return null;
  }

  lchmod(mode: unknown): null {
    fsDo(this.path, () => fs().lchmodSync?.(this.path, Number(mode)) ?? fs().chmodSync(this.path, Number(mode)));
    return null;
  }

  /** (Deprecated in 3.11: a Path as a context manager does nothing.) */
  __enter__(): this {
    return this;
  }

  __exit__(..._exc: unknown[]): null {
    return null;
  }

  exists(): boolean {
    return statOrNull(this.path) !== null;
  }

  is_dir(): boolean {
    return statOrNull(this.path)?.isDirectory() ?? false;
  }

  is_file(): boolean {
    return statOrNull(this.path)?.isFile() ?? false;
  }

  is_symlink(): boolean {
    return statOrNull(this.path, false)?.isSymbolicLink() ?? false;
  }

  is_mount(): boolean {
    const st = statOrNull(this.path);
    if (st === null || !st.isDirectory()) return false;
    const parent = statOrNull(pathModule.join(this.path, "..") as string);
    if (parent === null) return false;
    return st.dev !== parent.dev || st.ino === parent.ino;
  }

  is_block_device(): boolean {
    return statOrNull(this.path)?.isBlockDevice() ?? false;
  }

  is_char_device(): boolean {
    return statOrNull(this.path)?.isCharacterDevice() ?? false;
  }

  is_fifo(): boolean {
    return statOrNull(this.path)?.isFIFO() ?? false;
  }

  is_socket(): boolean {
    return statOrNull(this.path)?.isSocket() ?? false;
  }

  expanduser(): this {
    const first = this.partsList[0];
    if (!this.drvPart && !this.rootPart && first !== undefined && first.startsWith("~")) {
      const home = pathModule.expanduser(first) as string;
      if (home.startsWith("~")) throw new RuntimeError("Could not determine home directory.");
      return this.fromArgs([home, ...this.partsList.slice(1)]);
    }
    return this;
  }
}

/** A user or group name by id from /etc/passwd or /etc/group. */
function nameFromDatabase(file: string, id: number): string | null {
  try {
    for (const line of fs().readFileSync(file, "utf8").split("\n")) {
      const fields = line.split(":");
      if (fields.length > 2 && Number(fields[2]) === id) return fields[0]!;
    }
  } catch {
    // no database
  }
  return null;
}

// PosixPath has PurePosixPath as a second base: isinstance through the exported pyClass proxy
// too, and every Path is a PosixPath
Object.defineProperty(PurePosixPath, Symbol.hasInstance, {
  value: (x: unknown): boolean => Function.prototype[Symbol.hasInstance].call(PurePosixPath, x) || Function.prototype[Symbol.hasInstance].call(Path, x),
});

export class PosixPath extends Path {
  static {
    inheritFrom(this, [Path, PurePosixPath]);
  }
}

export class WindowsPath extends Path {
  constructor(...args: unknown[]) {
    super(...args);
    throw new NotImplementedError("cannot instantiate 'WindowsPath' on your system");
  }
}

export const pathlibModule = moduleObject("pathlib", {
  PurePath: pyClass(PurePath),
  PurePosixPath: pyClass(PurePosixPath),
  PureWindowsPath: pyClass(PureWindowsPath),
  Path: pyClass(Path),
  PosixPath: pyClass(PosixPath),
  WindowsPath: pyClass(WindowsPath),
  // Names pathlib.py imports from errno and stat (CPython's dir(pathlib) shows them).
  ENOENT: ERRNO_CODES.ENOENT,
  ENOTDIR: ERRNO_CODES.ENOTDIR,
  EBADF: ERRNO_CODES.EBADF,
  ELOOP: ERRNO_CODES.ELOOP,
  S_ISDIR: statModule.S_ISDIR,
  S_ISLNK: statModule.S_ISLNK,
  S_ISREG: statModule.S_ISREG,
  S_ISSOCK: statModule.S_ISSOCK,
  S_ISBLK: statModule.S_ISBLK,
  S_ISCHR: statModule.S_ISCHR,
  S_ISFIFO: statModule.S_ISFIFO,
});
