// Python's `tempfile`: the folder functions (shutil.ts) and the temporary files:
// mkstemp, NamedTemporaryFile (delete= on close), TemporaryFile (unlinked at once, named by
// its descriptor as on Linux), SpooledTemporaryFile (in memory until max_size, then a file).

import { nodeModule } from "../core/host.js";
import { open, pathArg } from "../lang/files.js";
import { fsCall } from "../lang/os-errors.js";
import { BytesIO, StringIO } from "../lang/io-memory.js";
import { FileExistsError } from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { addressOf } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { Bytes } from "../values/bytes.js";
import { truthy } from "../values/truth.js";
import { callMethod } from "../values/methods.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { abspath } from "./os-path.js";
import { gettempdir, mkdtemp, randomName, TemporaryDirectory } from "./shutil.js";

const fs = (): typeof import("node:fs") => nodeModule("node:fs");

/** A file created exclusively with a fresh random name: [fd, absolute path]. */
function createFile(suffix: unknown, prefix: unknown, dir: unknown): [number, string] {
  const parent = dir === null || dir === undefined ? gettempdir() : pathArg(dir);
  const c = fs().constants;
  for (let attempt = 0; attempt < 100; attempt++) {
    const path = abspath(`${parent}/${prefix === null || prefix === undefined ? "tmp" : String(prefix)}${randomName()}${suffix === null || suffix === undefined ? "" : String(suffix)}`);
    try {
      return [fs().openSync(path, c.O_RDWR | c.O_CREAT | c.O_EXCL, 0o600), path];
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") fsCall(() => { throw e; }, path);
    }
  }
  throw new FileExistsError(17n, "No usable temporary file name found");
}

/** `mkstemp(suffix=None, prefix=None, dir=None, text=False)`: (fd, path). */
function mkstemp(...args: unknown[]): Tuple {
  const [pos, kws] = splitKw(args);
  const [fd, path] = createFile(pos[0] ?? kws["suffix"], pos[1] ?? kws["prefix"], pos[2] ?? kws["dir"]);
  return Tuple.of(BigInt(fd), path);
}

/** The file arguments of NamedTemporaryFile / TemporaryFile / SpooledTemporaryFile. */
function fileArgs(args: unknown[], names: string[]): Record<string, unknown> {
  const [pos, kws] = splitKw(args);
  const out: Record<string, unknown> = {};
  names.forEach((name, i) => {
    out[name] = i < pos.length ? pos[i] : name in kws ? kws[name] : null;
  });
  out["errors"] = kws["errors"] ?? null;
  return out;
}

const FILE_NAMES = ["mode", "buffering", "encoding", "newline", "suffix", "prefix", "dir"];

function openFd(fd: number, a: Record<string, unknown>): any {
  const mode = a["mode"] ?? "w+b";
  return open(BigInt(fd), mode, -1n, kw({ encoding: a["encoding"], errors: a["errors"], newline: a["newline"] }));
}

/** The file methods both wrappers pass on to the file they hold. */
abstract class FileDelegate {
  protected abstract get held(): any;
  read(...a: unknown[]): unknown {
    return this.held.read(...a);
  }
  readline(...a: unknown[]): unknown {
    return this.held.readline(...a);
  }
  readlines(...a: unknown[]): unknown {
    return this.held.readlines(...a);
  }
  seek(...a: unknown[]): unknown {
    return this.held.seek(...a);
  }
  tell(): unknown {
    return this.held.tell();
  }
  truncate(...a: unknown[]): unknown {
    return this.held.truncate(...a);
  }
  flush(): unknown {
    return this.held.flush();
  }
  readable(): unknown {
    return this.held.readable();
  }
  writable(): unknown {
    return this.held.writable();
  }
  seekable(): unknown {
    return this.held.seekable();
  }
  __iter__(): unknown {
    return this.held.__iter__();
  }
  __next__(): unknown {
    return this.held.__next__();
  }
  [Symbol.iterator](): Iterator<unknown> {
    return this.held[Symbol.iterator]();
  }
}

/** The object NamedTemporaryFile returns: the file's methods, with `name` and `delete`. */
export class _TemporaryFileWrapper extends FileDelegate {
  static readonly __module__ = "tempfile";
  constructor(
    readonly file: any,
    readonly name: string,
    private readonly deleteOnClose: boolean,
  ) {
    super();
  }

  protected get held(): any {
    return this.file;
  }

  get delete(): boolean {
    return this.deleteOnClose;
  }

  get closed(): boolean {
    return this.file.closed;
  }

  get mode(): string {
    return this.file.mode;
  }

  close(): null {
    if (!this.file.closed) {
      this.file.close();
      if (this.deleteOnClose) {
        try {
          fs().unlinkSync(this.name);
        } catch {
          // already gone
        }
      }
    }
    return null;
  }

  __enter__(): this {
    this.file.__enter__();
    return this;
  }

  __exit__(..._exc: unknown[]): null {
    this.close();
    return null;
  }

  write(data: unknown): unknown {
    return this.file.write(data);
  }
  writelines(lines: unknown): unknown {
    return this.file.writelines(lines);
  }
  fileno(): unknown {
    return this.file.fileno();
  }
  __repr__(): string {
    return `<tempfile._TemporaryFileWrapper object at ${addressOf(this)}>`;
  }
}

/** `NamedTemporaryFile(mode='w+b', buffering=-1, encoding=None, newline=None, suffix=None, prefix=None, dir=None, delete=True, *, errors=None)`. */
function namedTemporaryFile(...args: unknown[]): _TemporaryFileWrapper {
  const a = fileArgs(args, [...FILE_NAMES, "delete"]);
  const [fd, path] = createFile(a["suffix"], a["prefix"], a["dir"]);
  return new _TemporaryFileWrapper(openFd(fd, a), path, a["delete"] === null ? true : truthy(a["delete"]));
}

/** `TemporaryFile(...)`: unlinked at once; its `name` is the descriptor, as with O_TMPFILE. */
function temporaryFile(...args: unknown[]): any {
  const a = fileArgs(args, FILE_NAMES);
  const [fd, path] = createFile(a["suffix"], a["prefix"], a["dir"]);
  fs().unlinkSync(path);
  return openFd(fd, a);
}

/** `SpooledTemporaryFile(max_size=0, mode='w+b', ...)`: a StringIO/BytesIO until it grows past max_size. */
export class SpooledTemporaryFile extends FileDelegate {
  static readonly __module__ = "tempfile";
  private file: any;
  _rolled = false;
  private readonly maxSize: number;
  private readonly args: Record<string, unknown>;

  constructor(...args: unknown[]) {
    super();
    const a = fileArgs(args, ["max_size", ...FILE_NAMES]);
    this.maxSize = a["max_size"] === null ? 0 : Number(a["max_size"]);
    this.args = a;
    const mode = String(a["mode"] ?? "w+b");
    this.file = mode.includes("b") ? new BytesIO() : new StringIO(kw({ newline: "\n" }));
  }

  protected get held(): any {
    return this.file;
  }

  private check(): void {
    if (this.maxSize > 0 && !this._rolled && Number(this.file.tell()) > this.maxSize) this.rollover();
  }

  rollover(): null {
    if (this._rolled) return null;
    const old = this.file;
    const a = this.args;
    const [fd, path] = createFile(a["suffix"], a["prefix"], a["dir"]);
    fs().unlinkSync(path);
    const file = openFd(fd, a);
    file.write(old.getvalue());
    file.seek(old.tell());
    this.file = file;
    this._rolled = true;
    return null;
  }

  get mode(): string {
    return this._rolled ? this.file.mode : String(this.args["mode"] ?? "w+b");
  }

  get name(): unknown {
    return this._rolled ? this.file.name : null;
  }

  get closed(): boolean {
    return this.file.closed;
  }

  write(data: unknown): unknown {
    const n = this.file.write(data);
    this.check();
    return n;
  }
  writelines(lines: unknown): unknown {
    const out = this.file.writelines(lines);
    this.check();
    return out;
  }
  fileno(): unknown {
    this.rollover();
    return this.file.fileno();
  }
  // (the held file's own methods, as Python calls them: its errors are CPython's)
  isatty(): unknown {
    return callMethod(this.file, "isatty");
  }
  detach(): unknown {
    return callMethod(this.file, "detach");
  }
  read1(...a: unknown[]): unknown {
    return callMethod(this.file, "read1", ...a);
  }
  readinto(buffer: unknown): unknown {
    return callMethod(this.file, "readinto", buffer);
  }
  readinto1(buffer: unknown): unknown {
    return callMethod(this.file, "readinto1", buffer);
  }
  close(): unknown {
    return this.file.close();
  }
  __enter__(): this {
    return this;
  }
  __exit__(..._exc: unknown[]): null {
    this.file.close();
    return null;
  }
  __repr__(): string {
    return `<tempfile.SpooledTemporaryFile object at ${addressOf(this)}>`;
  }
}

// Python functions whose names read like classes: the lowering calls them with `new`, so
// they are constructors returning the file they make.
class NamedTemporaryFile {
  constructor(...args: unknown[]) {
    return namedTemporaryFile(...args);
  }
}

/** `mktemp(suffix="", prefix="tmp", dir=None)`: a path no file has now (deprecated: nothing is made). */
function mktemp(...args: unknown[]): string {
  const [pos, kws] = splitKw(args);
  const suffix = String(pos[0] ?? kws["suffix"] ?? "");
  const prefix = String(pos[1] ?? kws["prefix"] ?? "tmp");
  const dir = pos[2] ?? kws["dir"] ?? null;
  const parent = dir === null ? gettempdir() : pathArg(dir);
  for (;;) {
    const file = `${parent}/${prefix}${randomName()}${suffix}`;
    if (!nodeModule("node:fs").existsSync(file)) return file;
  }
}

class TemporaryFile {
  constructor(...args: unknown[]) {
    return temporaryFile(...args);
  }
}

export const tempfileModule = moduleObject("tempfile", {
  gettempdir,
  gettempprefix: () => "tmp",
  gettempdirb: () => Bytes.fromArray(new TextEncoder().encode(gettempdir())),
  gettempprefixb: () => Bytes.fromArray(new TextEncoder().encode("tmp")),
  mktemp,
  mkdtemp,
  mkstemp,
  NamedTemporaryFile: pyClass(NamedTemporaryFile),
  TemporaryFile: pyClass(TemporaryFile),
  SpooledTemporaryFile: pyClass(SpooledTemporaryFile),
  TemporaryDirectory,
  TMP_MAX: 238328n,
  tempdir: null,
  template: "tmp",
});
