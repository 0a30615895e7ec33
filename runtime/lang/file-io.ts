// io.FileIO: the raw (unbuffered) file over a file descriptor, every read and write one
// Node fs call at the file's position, with CPython's modes ('rb', 'wb', 'ab', 'xb', 'rb+',
// ...), name, closefd and messages ("File not open for reading", "I/O operation on closed file").

import { declareDataAttributes } from "../values/declared-attributes.js";
import { nodeModule } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { strRepr } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { callValue } from "../modules/pycall.js";
import { pathArg } from "./files.js";
import { intArg, RawIOBase, sizeArg, UnsupportedOperation } from "./io-base.js";
import { bytesLike } from "./io-memory.js";
import { fsCall, osErrorFrom } from "./os-errors.js";

type Fs = typeof import("node:fs");
const fs = (): Fs => nodeModule("node:fs");

const MODE_RULE = "Must have exactly one of create/read/write/append mode and at most one plus";

export class FileIO extends RawIOBase {
  static readonly tpName: string = "_io.FileIO";
  static override readonly __module__: string = "_io";
  declare name: unknown;
  declare mode: string;
  declare closefd: boolean;
  private fd = -1;
  private readonly canRead: boolean;
  private readonly canWrite: boolean;
  private readonly appending: boolean;

  constructor(...args: unknown[]) {
    super();
    const [pos, kws] = splitKw(args);
    const names = ["file", "mode", "closefd", "opener"];
    const [file, modeArg, closefd, opener] = names.map((n, i) => (i < pos.length ? pos[i] : n in kws ? kws[n] : [undefined, "r", true, null][i]));
    if (typeof modeArg !== "string") throw new PyTypeError(`FileIO() argument 'mode' must be str, not ${typeof modeArg}`);
    let kind = "";
    let plus = 0;
    for (const c of modeArg) {
      if ("rwxa".includes(c)) {
        if (kind !== "") throw new ValueError(MODE_RULE);
        kind = c;
      } else if (c === "+") plus++;
      else if (c !== "b") throw new ValueError(`invalid mode: ${modeArg}`);
    }
    if (kind === "" || plus > 1) throw new ValueError(MODE_RULE);
    const updating = plus === 1;
    this.canRead = kind === "r" || updating;
    this.canWrite = kind !== "r" || updating;
    this.appending = kind === "a";
    this.mode = kind === "r" || kind === "w" ? (updating ? "rb+" : `${kind}b`) : `${kind}b${updating ? "+" : ""}`;
    this.closefd = truthy(closefd);
    this.name = file;
    if (isIntLike(file) && typeof file !== "boolean") {
      this.fd = Number(toBigInt(file));
      if (this.fd < 0) throw new ValueError("negative file descriptor");
    } else {
      if (!this.closefd) throw new ValueError("Cannot use closefd=False with file name");
      const path = pathArg(file);
      const c = fs().constants;
      let flags = this.canRead && this.canWrite ? c.O_RDWR : this.canWrite ? c.O_WRONLY : c.O_RDONLY;
      if (kind === "w") flags |= c.O_CREAT | c.O_TRUNC;
      if (kind === "a") flags |= c.O_CREAT | c.O_APPEND;
      if (kind === "x") flags |= c.O_CREAT | c.O_EXCL;
      if (opener !== null) {
        const fd = callValue(opener, path, BigInt(flags)) as unknown;
        if (!isIntLike(fd)) throw new PyTypeError("expected integer from opener");
        this.fd = Number(toBigInt(fd));
        if (this.fd < 0) throw new ValueError(`opener returned ${this.fd}`);
      } else this.fd = fsCall(() => fs().openSync(path, flags, 0o666), file);
      if (fs().fstatSync(this.fd).isDirectory()) {
        fs().closeSync(this.fd);
        throw osErrorFrom({ code: "EISDIR" }, file);
      }
    }
    this.regular = fsCall(() => fs().fstatSync(this.fd), this.name).isFile();
    this.position = this.appending ? fs().fstatSync(this.fd).size : 0;
  }

  /** Whether the descriptor is a regular file (seekable; a pipe or terminal is read as it comes). */
  private regular = false;

  /** Where the next read or write goes (null: a stream that cannot seek: read and write as it comes). */
  private position: number | null = 0;

  protected override checkClosed(): void {
    if (this.isClosed) throw new ValueError("I/O operation on closed file");
  }

  private checkReadable(): void {
    this.checkClosed();
    if (!this.canRead) throw new UnsupportedOperation("File not open for reading");
  }

  private checkWritable(): void {
    this.checkClosed();
    if (!this.canWrite) throw new UnsupportedOperation("File not open for writing");
  }

  override readable(): boolean {
    this.checkClosed();
    return this.canRead;
  }
  override writable(): boolean {
    this.checkClosed();
    return this.canWrite;
  }
  override seekable(): boolean {
    this.checkClosed();
    return this.regular;
  }
  override fileno(): bigint {
    this.checkClosed();
    return BigInt(this.fd);
  }
  override isatty(): boolean {
    this.checkClosed();
    return fs().fstatSync(this.fd).isCharacterDevice();
  }

  override close(): null {
    if (!this.isClosed) {
      this.isClosed = true;
      if (this.closefd) fsCall(() => fs().closeSync(this.fd), this.name);
    }
    return null;
  }

  /** Up to `n` bytes at the position, moving past them. */
  private readSome(n: number): Bytes {
    const out = new Bytes(n);
    const at = this.regular ? this.position : null;
    const got = fsCall(() => fs().readSync(this.fd, out, 0, n, at), this.name);
    if (at !== null) this.position = at + got;
    return got === n ? out : Bytes.fromArray(out.subarray(0, got));
  }

  read(size: unknown = -1n): Bytes {
    this.checkReadable();
    const n = sizeArg(size);
    return n < 0 ? this.readall() : this.readSome(n);
  }

  readall(): Bytes {
    this.checkReadable();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const chunk = this.readSome(65536);
      if (chunk.length === 0) break;
      chunks.push(chunk);
    }
    return Bytes.fromArray(Buffer.concat(chunks));
  }

  readinto(buffer: unknown): bigint {
    this.checkReadable();
    const target = bytesLike(buffer);
    const chunk = this.readSome(target.length);
    target.set(chunk);
    return BigInt(chunk.length);
  }

  /** RawIOBase.readline: a byte at a time up to b'\n' (or `size` bytes). */
  readline(size: unknown = -1n): Bytes {
    this.checkReadable();
    const limit = sizeArg(size);
    const out: number[] = [];
    while (limit < 0 || out.length < limit) {
      const b = this.readSome(1);
      if (b.length === 0) break;
      out.push(b[0]!);
      if (b[0] === 0x0a) break;
    }
    return Bytes.fromArray(out);
  }

  write(data: unknown): bigint {
    this.checkWritable();
    const bytes = bytesLike(data);
    const at = this.appending || !this.regular ? null : this.position;
    const written = fsCall(() => fs().writeSync(this.fd, bytes, 0, bytes.length, at), this.name);
    this.position = this.appending ? fs().fstatSync(this.fd).size : at === null ? this.position : at + written;
    return BigInt(written);
  }

  tell(): bigint {
    this.checkClosed();
    return BigInt(this.position ?? 0);
  }

  seek(offset: unknown, whence: unknown = 0n): bigint {
    this.checkClosed();
    const where = intArg(offset);
    const how = intArg(whence);
    if (how < 0 || how > 2) throw new ValueError(`invalid whence (${how}, should be 0, 1 or 2)`);
    const base = how === 0 ? 0 : how === 1 ? (this.position ?? 0) : fs().fstatSync(this.fd).size;
    if (base + where < 0) throw osErrorFrom({ code: "EINVAL" });
    this.position = base + where;
    return BigInt(this.position);
  }

  truncate(size: unknown = null): bigint {
    this.checkWritable();
    const limit = size === null ? (this.position ?? 0) : intArg(size);
    fsCall(() => fs().ftruncateSync(this.fd, limit), this.name);
    return BigInt(limit);
  }

  __repr__(): string {
    if (this.isClosed) return "<_io.FileIO [closed]>";
    const name = typeof this.name === "string" ? strRepr(this.name) : String(this.name);
    return `<_io.FileIO name=${name} mode='${this.mode}' closefd=${this.closefd ? "True" : "False"}>`;
  }
}

// (`io.FileIO.mode`: CPython's descriptors of what a raw file holds)
declareDataAttributes(FileIO, "getset", "closefd mode");
