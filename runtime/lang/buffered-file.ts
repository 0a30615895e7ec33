// Binary files of `open()`: BufferedReader, BufferedWriter and BufferedRandom over a file
// descriptor, read and written at their position with Node's synchronous fs calls; written
// bytes not yet flushed reach the file when the process exits, as CPython's do.

import { declareDataAttributes } from "../values/declared-attributes.js";
import { nodeModule, nodeProcess } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { ValueError } from "../values/exceptions.js";
import { BufferedIOBase, intArg, sizeArg, UnsupportedOperation } from "./io-base.js";
import { bytesLike } from "./io-memory.js";
import { fsCall, osErrorFrom } from "./os-errors.js";
import { fileNameRepr, type Mode, pathArg, rawMode } from "./file-args.js";

type Fs = typeof import("node:fs");
const fs = (): Fs => nodeModule("node:fs");

/** Files holding written bytes not yet in the file: written when the process exits, as CPython does. */
const unflushed = new Set<BufferedFile>();
let exitHook = false;

function flushAtExit(): void {
  if (exitHook) return;
  exitHook = true;
  nodeProcess()?.once("exit", () => {
    for (const f of unflushed) {
      try {
        f.flushPending();
      } catch {
        // (the process is ending)
      }
    }
  });
}

/** A binary file: BufferedReader, BufferedWriter or BufferedRandom by its mode. */
export class BufferedFile extends BufferedIOBase {
  static override readonly __module__: string = "_io";
  private fd: number;
  private pos = 0;
  private pending: Uint8Array[] = [];
  private pendingSize = 0;
  private pendingAt = 0;
  readonly mode: string;
  private readonly canRead: boolean;
  private readonly canWrite: boolean;
  private readonly appending: boolean;

  constructor(
    readonly name: unknown,
    m: Mode,
    private readonly closefd = true,
  ) {
    super();
    const path = typeof name === "bigint" ? "" : pathArg(name);
    const c = fs().constants;
    this.canRead = m.reading || m.updating;
    this.canWrite = !m.reading || m.updating;
    this.appending = m.appending;
    let flags = this.canRead && this.canWrite ? c.O_RDWR : this.canWrite ? c.O_WRONLY : c.O_RDONLY;
    if (m.writing) flags |= c.O_CREAT | c.O_TRUNC;
    if (m.appending) flags |= c.O_CREAT | c.O_APPEND;
    if (m.creating) flags |= c.O_CREAT | c.O_EXCL;
    this.fd = typeof name === "bigint" ? Number(name) : fsCall(() => fs().openSync(path, flags, 0o666), name);
    if (fs().fstatSync(this.fd).isDirectory()) {
      if (this.closefd) fs().closeSync(this.fd);
      throw osErrorFrom({ code: "EISDIR" }, name);
    }
    if (m.appending) this.pos = fs().fstatSync(this.fd).size;
    this.mode = rawMode(m);
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
    return true;
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
      try {
        this.flushPending();
      } finally {
        this.isClosed = true;
        if (this.closefd) fsCall(() => fs().closeSync(this.fd));
      }
    }
    return null;
  }

  override flush(): null {
    this.checkClosed();
    this.flushPending();
    return null;
  }

  /** Writes what write() has buffered (CPython's BufferedWriter buffers too; here up to 64 KiB). */
  flushPending(): void {
    if (this.pendingSize === 0) return;
    const data = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingSize);
    const at = this.appending ? null : this.pendingAt;
    this.pending = [];
    this.pendingSize = 0;
    unflushed.delete(this);
    fsCall(() => {
      for (let done = 0; done < data.length; ) done += fs().writeSync(this.fd, data, done, data.length - done, at === null ? null : at + done);
    }, this.name);
    if (this.appending) this.pos = fs().fstatSync(this.fd).size;
  }

  /** Bytes from `at` up to `n` of them (all to the end when n < 0), without moving. */
  readAt(at: number, n: number): Bytes {
    this.flushPending();
    if (n >= 0) {
      const out = new Bytes(n);
      const got = fsCall(() => fs().readSync(this.fd, out, 0, n, at), this.name);
      return got === n ? out : Bytes.fromArray(out.subarray(0, got));
    }
    // The size is a hint: /proc files report 0 and a file may grow, so read on to the end.
    const first = this.readAt(at, Math.max(0, fs().fstatSync(this.fd).size - at));
    const chunks: Uint8Array[] = [first];
    for (let pos = at + first.length; ; ) {
      const more = this.readAt(pos, 8192);
      if (more.length === 0) break;
      chunks.push(more);
      pos += more.length;
    }
    return chunks.length === 1 ? first : Bytes.fromArray(Buffer.concat(chunks));
  }

  private checkReadable(): void {
    this.checkClosed();
    if (!this.canRead) throw new UnsupportedOperation("read");
  }

  read(size: unknown = -1n): Bytes {
    this.checkReadable();
    const out = this.readAt(this.pos, sizeArg(size));
    this.pos += out.length;
    return out;
  }

  read1(size: unknown = -1n): Bytes {
    return this.read(size);
  }

  readinto(buffer: unknown): bigint {
    const target = bytesLike(buffer);
    const chunk = this.read(BigInt(target.length));
    target.set(chunk);
    return BigInt(chunk.length);
  }

  peek(size: unknown = 0n): Bytes {
    this.checkReadable();
    return this.readAt(this.pos, Math.max(1, sizeArg(size)));
  }

  readline(size: unknown = -1n): Bytes {
    this.checkReadable();
    const limit = sizeArg(size);
    const parts: Bytes[] = [];
    let total = 0;
    for (;;) {
      const want = limit < 0 ? 8192 : Math.min(8192, limit - total);
      if (want <= 0) break;
      const chunk = this.readAt(this.pos, want);
      if (chunk.length === 0) break;
      const nl = chunk.indexOf(0x0a);
      const piece = nl < 0 ? chunk : chunk.subarray(0, nl + 1);
      parts.push(Bytes.fromArray(piece));
      this.pos += piece.length;
      total += piece.length;
      if (nl >= 0) break;
    }
    if (parts.length === 1) return parts[0]!;
    const out = new Bytes(total);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  write(data: unknown): bigint {
    this.checkClosed();
    if (!this.canWrite) throw new UnsupportedOperation("write");
    const bytes = bytesLike(data);
    if (this.pendingSize === 0) {
      this.pendingAt = this.pos;
      unflushed.add(this);
      flushAtExit();
    }
    // (a bytes object cannot change; anything else is copied as it is now)
    this.pending.push(bytes.constructor === Bytes ? bytes : Uint8Array.prototype.slice.call(bytes));
    this.pendingSize += bytes.length;
    this.pos += bytes.length;
    if (this.pendingSize >= 65536) this.flushPending();
    return BigInt(bytes.length);
  }

  tell(): bigint {
    this.checkClosed();
    if (this.appending) this.flushPending();
    return BigInt(this.pos);
  }

  seek(offset: unknown, whence: unknown = 0n): bigint {
    this.checkClosed();
    this.flushPending();
    const where = intArg(offset);
    const how = intArg(whence);
    if (how < 0 || how > 2) throw new ValueError(`whence value ${how} unsupported`);
    const base = how === 0 ? 0 : how === 1 ? this.pos : fs().fstatSync(this.fd).size;
    if (base + where < 0) throw osErrorFrom({ code: "EINVAL" });
    this.pos = base + where;
    return BigInt(this.pos);
  }

  truncate(size: unknown = null): bigint {
    this.checkClosed();
    if (!this.canWrite) throw new UnsupportedOperation("truncate");
    this.flushPending();
    const limit = size === null ? this.pos : intArg(size);
    fsCall(() => fs().ftruncateSync(this.fd, limit), this.name);
    return BigInt(limit);
  }

  __repr__(): string {
    const cls = this.canRead && this.canWrite ? "BufferedRandom" : this.canRead ? "BufferedReader" : "BufferedWriter";
    return `<_io.${cls} name=${fileNameRepr(this.name)}>`;
  }
}

export class BufferedReader extends BufferedFile {
  static readonly tpName = "_io.BufferedReader";
}
export class BufferedWriter extends BufferedFile {
  static readonly tpName = "_io.BufferedWriter";
}
export class BufferedRandom extends BufferedFile {
  static readonly tpName = "_io.BufferedRandom";
}

// (`io.BufferedReader.mode`: CPython's descriptors of what a buffered file holds)
for (const cls of [BufferedReader, BufferedWriter, BufferedRandom]) declareDataAttributes(cls, "getset", "mode name");
