// Python's `pathlib` (POSIX flavour), following Lib/pathlib.py of 3.11: PurePath parsing into
// drive/root/parts, the pure operations (name, suffixes, parents, joinpath and `/`,
// with_name/with_stem/with_suffix, relative_to, match) and Path's file-system calls (stat,
// exists, mkdir, touch, iterdir, glob/rglob with pathlib's selectors, read/write helpers...).
// Errors are CPython's: OSError subclasses from the os calls, ValueError messages as 3.11's.

import { nodeModule } from "../core/host.js";
import { open, pathArg } from "../lang/files.js";
import { inheritFrom } from "../lang/mro.js";
import { osErrorFrom } from "../lang/os-errors.js";
import { Bytes } from "../values/bytes.js";
import { compareStrings } from "../values/compare.js";
import { IndexError, NotImplementedError, PyTypeError, RuntimeError, ValueError } from "../values/exceptions.js";
import { pyHash } from "../values/hashing.js";
import { PyIterator } from "../values/iteration.js";
import { kw, splitKw } from "../values/kwargs.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { strRepr } from "../values/repr.js";
import { NotImplemented } from "../values/singletons.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { pyClass } from "./callable-class.js";
import { fnmatchcase } from "./fnmatch.js";
import { moduleObject } from "./module-object.js";
import { osModule } from "./os.js";
import { abspath, cwd, pathModule } from "./os-path.js";

type Fs = typeof import("node:fs");
const fs = (): Fs => nodeModule("node:fs");

interface Parsed {
  drv: string;
  root: string;
  parts: string[];
}

/** `_PosixFlavour.parse_parts`: the last anchored argument wins; "" and "." parts vanish. */
function parseParts(args: readonly string[]): Parsed {
  const parsed: string[] = [];
  let root = "";
  for (let i = args.length - 1; i >= 0; i--) {
    const part = args[i]!;
    if (!part) continue;
    let rel = part;
    if (part[0] === "/") {
      const stripped = part.replace(/^\/+/, "");
      root = part.length - stripped.length === 2 ? "//" : "/";
      rel = stripped;
    }
    const pieces = rel.split("/");
    for (let j = pieces.length - 1; j >= 0; j--) {
      const x = pieces[j]!;
      if (x && x !== ".") parsed.push(x);
    }
    if (root) break;
  }
  if (root) parsed.push(root);
  parsed.reverse();
  return { drv: "", root, parts: parsed };
}

/** One constructor argument as str (a PurePath gives its parts). */
function argParts(args: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (a instanceof PurePath) out.push(...a.partsList);
    else if (typeof a === "string") out.push(a);
    else {
      const method = (a as { __fspath__?: () => unknown } | null)?.__fspath__;
      const s = typeof method === "function" ? method.call(a) : undefined;
      if (typeof s === "string") out.push(s);
      else throw new PyTypeError(`expected str, bytes or os.PathLike object, not ${typeName(a)}`);
    }
  }
  return out;
}

function formatParts(p: Parsed): string {
  if (p.drv || p.root) return p.drv + p.root + p.parts.slice(1).join("/");
  return p.parts.join("/");
}

type PathCtor = new (...args: unknown[]) => PurePath;

export class PurePath {
  static readonly __module__: string = "pathlib";
  drvPart = "";
  rootPart = "";
  partsList: string[] = [];
  private cachedStr: string | undefined;

  constructor(...args: unknown[]) {
    if (new.target.prototype === PurePath.prototype) return new PurePosixPath(...args); // (also through the pyClass proxy)
    const p = parseParts(argParts(args));
    this.rootPart = p.root;
    this.partsList = p.parts;
  }

  /** A path of this path's class from parsed parts. */
  protected make(p: Parsed): this {
    const out = Object.create(Object.getPrototypeOf(this)) as this;
    out.drvPart = p.drv;
    out.rootPart = p.root;
    out.partsList = p.parts;
    return out;
  }

  protected fromArgs(args: readonly unknown[]): this {
    return this.make(parseParts(argParts(args)));
  }

  get parsed(): Parsed {
    return { drv: this.drvPart, root: this.rootPart, parts: this.partsList };
  }

  __str__(): string {
    return (this.cachedStr ??= formatParts(this.parsed) || ".");
  }

  toString(): string {
    return this.__str__();
  }

  __fspath__(): string {
    return this.__str__();
  }

  as_posix(): string {
    return this.__str__();
  }

  __bytes__(): Bytes {
    return Bytes.fromUtf8(this.__str__());
  }

  __repr__(): string {
    return `${typeName(this)}(${strRepr(this.as_posix())})`;
  }

  as_uri(): string {
    if (!this.is_absolute()) throw new ValueError("relative path can't be expressed as a file URI");
    const bytes = Buffer.from(this.as_posix(), "utf8");
    let out = "";
    for (const b of bytes) {
      const c = String.fromCharCode(b);
      out += /[A-Za-z0-9_.~\-/]/.test(c) ? c : "%" + b.toString(16).toUpperCase().padStart(2, "0");
    }
    return "file://" + out;
  }

  private sameFlavour(other: unknown): other is PurePath {
    return other instanceof PurePath;
  }

  __eq__(other: unknown): unknown {
    if (!this.sameFlavour(other)) return NotImplemented;
    return this.__str__() === other.__str__() && this.rootPart === other.rootPart;
  }

  __hash__(): bigint {
    return pyHash(Tuple.of(...this.partsList));
  }

  private compare(other: unknown): number | null {
    if (!this.sameFlavour(other)) return null;
    const a = this.partsList;
    const b = other.partsList;
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareStrings(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }

  __lt__(other: unknown): unknown {
    const c = this.compare(other);
    return c === null ? NotImplemented : c < 0;
  }

  __le__(other: unknown): unknown {
    const c = this.compare(other);
    return c === null ? NotImplemented : c <= 0;
  }

  __gt__(other: unknown): unknown {
    const c = this.compare(other);
    return c === null ? NotImplemented : c > 0;
  }

  __ge__(other: unknown): unknown {
    const c = this.compare(other);
    return c === null ? NotImplemented : c >= 0;
  }

  get drive(): string {
    return this.drvPart;
  }

  get root(): string {
    return this.rootPart;
  }

  get anchor(): string {
    return this.drvPart + this.rootPart;
  }

  get name(): string {
    const parts = this.partsList;
    if (parts.length === (this.drvPart || this.rootPart ? 1 : 0)) return "";
    return parts[parts.length - 1]!;
  }

  get suffix(): string {
    const name = this.name;
    const i = name.lastIndexOf(".");
    return i > 0 && i < name.length - 1 ? name.slice(i) : "";
  }

  get suffixes(): string[] {
    const name = this.name;
    if (name.endsWith(".")) return [];
    return name
      .replace(/^\.+/, "")
      .split(".")
      .slice(1)
      .map((s) => "." + s);
  }

  get stem(): string {
    const name = this.name;
    const i = name.lastIndexOf(".");
    return i > 0 && i < name.length - 1 ? name.slice(0, i) : name;
  }

  with_name(name: unknown): this {
    if (!this.name) throw new ValueError(`${this.__repr__()} has an empty name`);
    const s = pathArg(name);
    const p = parseParts([s]);
    if (!s || s.endsWith("/") || p.drv || p.root || p.parts.length !== 1) throw new ValueError(`Invalid name ${strRepr(s)}`);
    return this.make({ drv: this.drvPart, root: this.rootPart, parts: [...this.partsList.slice(0, -1), s] });
  }

  with_stem(stem: unknown): this {
    if (typeof stem !== "string") throw new PyTypeError(`can only concatenate str (not "${typeName(stem)}") to str`);
    return this.with_name(stem + this.suffix);
  }

  with_suffix(suffix: unknown): this {
    if (typeof suffix !== "string") throw new PyTypeError(`argument of type '${typeName(suffix)}' is not iterable`);
    if (suffix.includes("/")) throw new ValueError(`Invalid suffix ${strRepr(suffix)}`);
    if ((suffix && !suffix.startsWith(".")) || suffix === ".") throw new ValueError(`Invalid suffix ${strRepr(suffix)}`);
    let name = this.name;
    if (!name) throw new ValueError(`${this.__repr__()} has an empty name`);
    const old = this.suffix;
    name = old ? name.slice(0, -old.length) + suffix : name + suffix;
    return this.make({ drv: this.drvPart, root: this.rootPart, parts: [...this.partsList.slice(0, -1), name] });
  }

  relative_to(...other: unknown[]): this {
    if (other.length === 0) throw new PyTypeError("need at least one argument");
    const root = this.rootPart;
    const abs = root ? ["", root, ...this.partsList.slice(1)] : this.partsList;
    const to = parseParts(argParts(other));
    const toAbs = to.root ? ["", to.root, ...to.parts.slice(1)] : to.parts;
    const n = toAbs.length;
    const mismatch = n === 0 ? Boolean(root) : abs.length < n || abs.slice(0, n).some((x, i) => x !== toAbs[i]);
    if (mismatch) {
      throw new ValueError(`${strRepr(this.__str__())} is not in the subpath of ${strRepr(formatParts(to))} OR one path is relative and the other is absolute.`);
    }
    return this.make({ drv: "", root: n === 1 ? root : "", parts: abs.slice(n) });
  }

  is_relative_to(...other: unknown[]): boolean {
    try {
      this.relative_to(...other);
      return true;
    } catch (e) {
      if (e instanceof ValueError) return false;
      throw e;
    }
  }

  get parts(): Tuple<string> {
    return Tuple.of(...this.partsList);
  }

  joinpath(...args: unknown[]): this {
    const other = parseParts(argParts(args));
    if (other.root) return this.make(other);
    return this.make({ drv: this.drvPart, root: this.rootPart, parts: [...this.partsList, ...other.parts] });
  }

  __truediv__(key: unknown): unknown {
    if (!(key instanceof PurePath) && typeof key !== "string" && typeof (key as { __fspath__?: unknown } | null)?.__fspath__ !== "function") return NotImplemented;
    return this.joinpath(key);
  }

  __rtruediv__(key: unknown): unknown {
    if (typeof key !== "string" && typeof (key as { __fspath__?: unknown } | null)?.__fspath__ !== "function") return NotImplemented;
    return this.fromArgs([key, ...this.partsList]);
  }

  get parent(): this {
    const parts = this.partsList;
    if (parts.length === 1 && (this.drvPart || this.rootPart)) return this;
    return this.make({ drv: this.drvPart, root: this.rootPart, parts: parts.slice(0, -1) });
  }

  get parents(): PathParents {
    return new PathParents(this);
  }

  is_absolute(): boolean {
    return Boolean(this.rootPart);
  }

  is_reserved(): boolean {
    return false;
  }

  match(pattern: unknown): boolean {
    if (typeof pattern !== "string") throw new PyTypeError(`argument should be a str object or an os.PathLike object returning str, not ${strRepr(typeName(pattern))}`);
    const pat = parseParts([pattern]);
    if (pat.parts.length === 0) throw new ValueError("empty pattern");
    if (pat.root && pat.root !== this.rootPart) return false;
    const parts = this.partsList;
    let patParts = pat.parts;
    if (pat.root) {
      if (patParts.length !== parts.length) return false;
      patParts = patParts.slice(1);
    } else if (patParts.length > parts.length) return false;
    for (let i = 1; i <= patParts.length; i++) {
      if (!fnmatchcase(parts[parts.length - i]!, patParts[patParts.length - i]!)) return false;
    }
    return true;
  }
}

/** `path.parents`: a sequence of the logical ancestors. */
export class PathParents {
  static readonly __module__: string = "pathlib";
  static readonly pythonName = "_PathParents";
  constructor(private readonly path: PurePath) {}

  private count(): number {
    const p = this.path;
    return p.drvPart || p.rootPart ? p.partsList.length - 1 : p.partsList.length;
  }

  __len__(): bigint {
    return BigInt(this.count());
  }

  __getitem__(index: unknown): unknown {
    const n = this.count();
    if (!isIntLike(index)) {
      const slice = index as { indices?: (n: bigint) => Tuple<bigint> };
      if (typeof slice?.indices === "function") {
        const [start, stop, step] = slice.indices(BigInt(n)).items.map(Number) as [number, number, number];
        const out: unknown[] = [];
        for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(this.__getitem__(BigInt(i)));
        return Tuple.of(...out);
      }
      throw new PyTypeError(`'${typeName(index)}' object cannot be interpreted as an integer`);
    }
    let i = Number(toBigInt(index));
    if (i >= n || i < -n) throw new IndexError(BigInt(i));
    if (i < 0) i += n;
    const p = this.path;
    return (p as unknown as { make(p: Parsed): PurePath }).make({ drv: p.drvPart, root: p.rootPart, parts: p.partsList.slice(0, p.partsList.length - i - 1) });
  }

  *[Symbol.iterator](): Iterator<unknown> {
    const n = this.count();
    for (let i = 0; i < n; i++) yield this.__getitem__(BigInt(i));
  }

  __iter__(): PyIterator {
    return new PyIterator(this[Symbol.iterator]());
  }

  __repr__(): string {
    return `<${typeName(this.path)}.parents>`;
  }
}

export class PurePosixPath extends PurePath {
  /** PosixPath has it as a second base (isinstance through the exported pyClass proxy too). */
  static [Symbol.hasInstance](x: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(PurePosixPath, x) || Function.prototype[Symbol.hasInstance].call(Path, x); // (every Path is a PosixPath)
  }
}

export class PureWindowsPath extends PurePath {
  constructor(...args: unknown[]) {
    super(...args);
    throw new NotImplementedError("pyts provides only the POSIX flavour of pathlib");
  }
}

/** Runs a file-system call, turning Node's failure into CPython's OSError for `path`. */
function fsDo<T>(path: string, call: () => T, path2?: string): T {
  try {
    return call();
  } catch (e) {
    if ((e as NodeJS.ErrnoException | null)?.code === undefined) throw e;
    throw osErrorFrom(e, path, path2);
  }
}

function statOrNull(path: string, follow = true): import("node:fs").Stats | null {
  try {
    return follow ? fs().statSync(path) : fs().lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EBADF" || code === "ELOOP") return null;
    throw osErrorFrom(e, path);
  }
}

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

function isWildcard(pat: string): boolean {
  return pat.includes("*") || pat.includes("?") || pat.includes("[");
}

function listEntries(dir: Path): import("node:fs").Dirent[] {
  try {
    return fs().readdirSync(dir.__str__(), { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EACCES") return [];
    throw osErrorFrom(e, dir.__str__());
  }
}

function entryIsDir(dir: Path, entry: import("node:fs").Dirent, follow: boolean): boolean {
  if (entry.isDirectory()) return true;
  if (follow && entry.isSymbolicLink()) return statOrNull(pathModule.join(dir.__str__(), entry.name) as string)?.isDirectory() ?? false;
  return false;
}

type Child = (p: Path, name: string) => Path;
const childOf: Child = (p, name) => (p as unknown as { child(n: string): Path }).child(name);

/** `_make_selector(parts).select_from(parent)` of Lib/pathlib.py. */
function* selectFrom(parent: Path, parts: readonly string[]): Generator<Path> {
  if (parts.length === 0 || parts[0] === "") {
    yield parent;
    return;
  }
  const pat = parts[0]!;
  const rest = parts.slice(1);
  const dironly = rest.length > 0;
  if (pat === "**") {
    const yielded = new Set<string>();
    for (const start of iterateDirectories(parent)) {
      for (const p of selectFrom(start, rest)) {
        const key = p.__str__();
        if (!yielded.has(key)) {
          yielded.add(key);
          yield p;
        }
      }
    }
    return;
  }
  if (pat.includes("**")) throw new ValueError("Invalid pattern: '**' can only be an entire path component");
  if (!isWildcard(pat)) {
    const path = childOf(parent, pat);
    if (dironly ? path.is_dir() : path.exists()) yield* selectFrom(path, rest);
    return;
  }
  for (const entry of listEntries(parent)) {
    if (dironly && !entryIsDir(parent, entry, true)) continue;
    if (fnmatchcase(entry.name, pat)) yield* selectFrom(childOf(parent, entry.name), rest);
  }
}

function* iterateDirectories(parent: Path): Generator<Path> {
  yield parent;
  for (const entry of listEntries(parent)) {
    if (entryIsDir(parent, entry, false)) yield* iterateDirectories(childOf(parent, entry.name));
  }
}

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
});
