// Python's `gzip`: compress/decompress (every member, CRC and length checked) and GzipFile /
// gzip.open (binary, or text through TextIOWrapper) writing the header CPython writes (the
// file name without ".gz", mtime, XFL by level, OS 255) and deflating with pyts's deflate as
// CPython's GzipFile does (each write() compressed and written at once, flush() a sync flush),
// so the bytes are CPython's. A GzipFile opened for reading inflates the rest of its file at the
// first read and serves it from memory.

import { Bytes } from "../values/bytes.js";
import { EOFError, OSError, PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { addressOf, bytesRepr, repr } from "../values/repr.js";
import { shareClassAttributes } from "../lang/objects.js";
import { truthy } from "../values/truth.js";
import { BufferedIOBase } from "../lang/io-base.js";
import { BytesIO } from "../lang/io-memory.js";
import { open as builtinOpen, TextIOWrapper } from "../lang/files.js";
import { bytesArg, closeAtExit, crc32, num, pathOrNull, toBytes, zlibNode } from "./archive-io.js";
import { Compress, compressBytes } from "./zlib-compress.js";
import { crc32Update } from "./zlib-checksum.js";
import { concat } from "./zipfile-info.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { pathModule } from "./os-path.js";
import { zerror } from "./zlib.js";

export class BadGzipFile extends OSError {
  static readonly __module__: string = "gzip";
}

const FTEXT = 1, FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16;
void FTEXT;

function xfl(level: number): number {
  return level === 9 ? 2 : level === 1 ? 4 : 0;
}

function header(level: number, mtime: number, name: Uint8Array): Uint8Array {
  const out = new Uint8Array(10 + (name.length > 0 ? name.length + 1 : 0));
  out.set([0x1f, 0x8b, 8, name.length > 0 ? FNAME : 0], 0);
  new DataView(out.buffer).setUint32(4, mtime >>> 0, true);
  out[8] = xfl(level);
  out[9] = 255;
  if (name.length > 0) out.set(name, 10);
  return out;
}

function trailer(crc: number, size: number): Uint8Array {
  const out = new Uint8Array(8);
  const v = new DataView(out.buffer);
  v.setUint32(0, crc, true);
  v.setUint32(4, size >>> 0, true);
  return out;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function compress(...args: unknown[]): Bytes {
  const [pos, kws] = splitKw(args);
  const data = bytesArg(pos[0] ?? kws["data"]);
  const level = num(pos[1] ?? kws["compresslevel"] ?? 9n);
  const mtimeArg = kws["mtime"] ?? null;
  if (mtimeArg !== null && Number(mtimeArg) === 0) return toBytes(compressBytes(data, level, 31));
  const mtime = mtimeArg === null ? nowSeconds() : Math.trunc(Number(mtimeArg));
  return toBytes(concat([header(level, mtime, new Uint8Array(0)), compressBytes(data, level, -15), trailer(crc32(data), data.length)]));
}

const truncated = (): EOFError => new EOFError("Compressed file ended before the end-of-stream marker was reached");

/** One member's header: where its deflate data starts, and its mtime (null: no member left). */
function readHeader(data: Uint8Array, at: number): { start: number; mtime: number } | null {
  if (at >= data.length) return null;
  const magic = data.subarray(at, at + 2);
  if (magic.length < 2 || magic[0] !== 0x1f || magic[1] !== 0x8b) throw new BadGzipFile(`Not a gzipped file (${bytesRepr(Bytes.fromArray(magic))})`);
  if (at + 10 > data.length) throw truncated();
  const view = new DataView(data.buffer, data.byteOffset + at, 10);
  if (data[at + 2] !== 8) throw new BadGzipFile("Unknown compression method");
  const flag = data[at + 3]!;
  const mtime = view.getUint32(4, true);
  let p = at + 10;
  if (flag & FEXTRA) {
    if (p + 2 > data.length) throw truncated();
    p += 2 + (data[p]! | (data[p + 1]! << 8));
    if (p > data.length) throw truncated();
  }
  const skipString = (): void => {
    while (p < data.length && data[p] !== 0) p++;
    p++;
  };
  if (flag & FNAME) skipString();
  if (flag & FCOMMENT) skipString();
  if (flag & FHCRC) {
    p += 2;
    if (p > data.length) throw truncated();
  }
  return { start: p, mtime };
}

/** Every member of `data`, inflated and checked; the last member's mtime. */
function inflateMembers(data: Uint8Array, crcMessage: (stored: number, actual: number) => string): { out: Uint8Array; mtime: number | null } {
  const z = zlibNode();
  const parts: Uint8Array[] = [];
  let at = 0;
  let mtime: number | null = null;
  for (;;) {
    const head = readHeader(data, at);
    if (head === null) break;
    mtime = head.mtime;
    let result: { buffer: Uint8Array; engine: { bytesWritten: number } };
    try {
      result = z.inflateRawSync(data.subarray(head.start), { info: true }) as unknown as typeof result;
    } catch (e) {
      if ((e as { code?: string }).code === "Z_BUF_ERROR") throw truncated();
      return zerror(e, "decompressing");
    }
    const end = head.start + result.engine.bytesWritten;
    if (end + 8 > data.length) throw truncated();
    const v = new DataView(data.buffer, data.byteOffset + end, 8);
    const crc = crc32(result.buffer);
    if (v.getUint32(0, true) !== crc) throw new BadGzipFile(crcMessage(v.getUint32(0, true), crc));
    if (v.getUint32(4, true) !== result.buffer.length >>> 0) throw new BadGzipFile("Incorrect length of data produced");
    parts.push(result.buffer);
    at = end + 8;
    while (at < data.length && data[at] === 0) at++;
  }
  return { out: concat(parts), mtime };
}

function decompress(data: unknown): Bytes {
  return toBytes(inflateMembers(bytesArg(data), () => "CRC check failed").out);
}

const READ = 1n;
const WRITE = 2n;

export class GzipFile extends BufferedIOBase {
  static override readonly __module__: string = "gzip";
  readonly mode: bigint;
  readonly name: unknown;
  fileobj: unknown;
  // (the file GzipFile opened itself from a filename, closed with it; None once closed or when
  // the caller passed `fileobj`: the class attribute, as CPython's)
  static myfileobj: unknown = null;
  static {
    shareClassAttributes(this, ["myfileobj"]);
  }
  declare myfileobj: unknown;
  private readonly level: number;
  private content: BytesIO | null = null;
  private lastMtime: number | null = null;
  private compressor: Compress | null = null;
  private crc = 0;
  private size = 0;
  private offset = 0;

  constructor(...args: unknown[]) {
    super();
    const [pos, kws] = splitKw(args);
    const filename = pos[0] ?? kws["filename"] ?? null;
    let mode = (pos[1] ?? kws["mode"] ?? null) as string | null;
    this.level = num(pos[2] ?? kws["compresslevel"] ?? 9n);
    let fileobj = pos[3] ?? kws["fileobj"] ?? null;
    const mtime = pos[4] ?? kws["mtime"] ?? null;
    if (mode !== null && (mode.includes("t") || mode.includes("U"))) throw new ValueError(`Invalid mode: ${repr(mode)}`);
    if (mode !== null && !mode.includes("b")) mode += "b";
    if (fileobj === null) fileobj = this.myfileobj = builtinOpen(filename, mode ?? "rb");
    let name: unknown = filename;
    if (filename === null) {
      const n = (fileobj as { name?: unknown }).name;
      name = typeof n === "string" || n instanceof Uint8Array ? n : "";
    } else name = pathOrNull(filename) ?? filename;
    const effective = mode ?? (((fileobj as { mode?: unknown }).mode as string | undefined) ?? "rb");
    this.fileobj = fileobj;
    if (effective.startsWith("r")) {
      this.mode = READ;
      this.name = name;
    } else if (/^[wax]/.test(effective)) {
      this.mode = WRITE;
      this.name = name;
      closeAtExit(this, true);
      let fname = typeof name === "string" ? (pathModule.basename(name) as string) : "";
      if (fname.endsWith(".gz")) fname = fname.slice(0, -3);
      const latin1 = /^[\x00-\xff]*$/.test(fname) ? Bytes.fromLatin1(fname) : new Uint8Array(0);
      this.compressor = new Compress(BigInt(this.level), 8n, -15n, 8n, 0n);
      callMethod(fileobj, "write", toBytes(header(this.level, mtime === null ? nowSeconds() : Math.trunc(Number(mtime)), latin1)));
    } else throw new ValueError(`Invalid mode: ${repr(effective)}`);
  }

  get mtime(): bigint | null {
    return this.lastMtime === null ? null : BigInt(this.lastMtime);
  }

  override get closed(): boolean {
    return this.fileobj === null;
  }

  private reader(what: string): BytesIO {
    this.checkClosed();
    if (this.mode !== READ) throw new OSError(9n, `${what}() on write-only GzipFile object`);
    if (this.content === null) {
      const rest = bytesArg(callMethod(this.fileobj, "read"));
      const { out, mtime } = inflateMembers(rest, (stored, actual) => `CRC check failed 0x${stored.toString(16)} != 0x${actual.toString(16)}`);
      this.lastMtime = mtime;
      this.content = new BytesIO(toBytes(out));
    }
    return this.content;
  }

  read(size: unknown = -1n): Bytes {
    return this.reader("read").read(size);
  }
  read1(size: unknown = -1n): Bytes {
    return this.reader("read1").read(size);
  }
  peek(_n: unknown = 0n): Bytes {
    const r = this.reader("peek");
    const at = r.tell();
    const out = r.read();
    r.seek(at);
    return out;
  }
  readline(size: unknown = -1n): Bytes {
    return this.reader("readline").readline(size);
  }
  readinto(buffer: unknown): bigint {
    return this.reader("readinto").readinto(buffer);
  }

  write(data: unknown): bigint {
    this.checkClosed();
    if (this.mode !== WRITE) throw new OSError(9n, "write() on read-only GzipFile object");
    const bytes = bytesArg(data);
    if (bytes.length > 0) {
      callMethod(this.fileobj, "write", this.compressor!.compress(bytes));
      this.size += bytes.length;
      this.crc = crc32Update(this.crc, bytes);
      this.offset += bytes.length;
    }
    return BigInt(bytes.length);
  }

  protected override checkClosed(): void {
    if (this.fileobj === null) throw new ValueError("I/O operation on closed file.");
  }

  override readable(): boolean {
    return this.mode === READ;
  }
  override writable(): boolean {
    return this.mode === WRITE;
  }
  override seekable(): boolean {
    return true;
  }

  tell(): bigint {
    this.checkClosed();
    return this.mode === WRITE ? BigInt(this.offset) : this.reader("tell").tell();
  }

  seek(offset: unknown, whence: unknown = 0n): bigint {
    if (this.mode === WRITE) {
      let target = num(offset);
      if (num(whence) === 1) target += this.offset;
      else if (num(whence) !== 0) throw new ValueError("Seek from end not supported");
      if (target < this.offset) throw new OSError("Negative seek in write mode");
      this.write(new Uint8Array(target - this.offset));
      return BigInt(this.offset);
    }
    return this.reader("seek").seek(offset, whence);
  }

  rewind(): null {
    if (this.mode !== READ) throw new OSError("Can't rewind in write mode");
    this.reader("rewind").seek(0n);
    return null;
  }

  truncate(_size: unknown = null): bigint {
    throw new OSError("truncate");
  }

  override fileno(): bigint {
    return callMethod(this.fileobj, "fileno") as bigint;
  }

  override close(): null {
    const fileobj = this.fileobj;
    if (fileobj === null) return null;
    this.fileobj = null;
    closeAtExit(this, false);
    if (this.mode === WRITE) {
      callMethod(fileobj, "write", this.compressor!.flush());
      callMethod(fileobj, "write", toBytes(trailer(this.crc, this.size)));
    }
    const opened = this.myfileobj;
    if (truthy(opened)) {
      this.myfileobj = null;
      callMethod(opened, "close");
    }
    return null;
  }

  override flush(zlibMode: unknown = 2n): null {
    this.checkClosed();
    if (this.mode === WRITE) {
      callMethod(this.fileobj, "write", this.compressor!.flush(zlibMode));
      callMethod(this.fileobj, "flush");
    }
    return null;
  }

  __repr__(): string {
    return `<gzip ${repr(this.fileobj).slice(1, -1)} ${addressOf(this)}>`;
  }
}

function open(...args: unknown[]): unknown {
  const [pos, kws] = splitKw(args);
  const filename = pos[0] ?? kws["filename"];
  const mode = String(pos[1] ?? kws["mode"] ?? "rb");
  const level = pos[2] ?? kws["compresslevel"] ?? 9n;
  const encoding = pos[3] ?? kws["encoding"] ?? null;
  const errors = pos[4] ?? kws["errors"] ?? null;
  const newline = pos[5] ?? kws["newline"] ?? null;
  if (mode.includes("t")) {
    if (mode.includes("b")) throw new ValueError(`Invalid mode: ${repr(mode)}`);
  } else {
    if (encoding !== null) throw new ValueError("Argument 'encoding' not supported in binary mode");
    if (errors !== null) throw new ValueError("Argument 'errors' not supported in binary mode");
    if (newline !== null) throw new ValueError("Argument 'newline' not supported in binary mode");
  }
  const gzMode = mode.replace("t", "");
  let binary: GzipFile;
  if (typeof filename === "string" || filename instanceof Uint8Array || pathOrNull(filename) !== null) binary = new GzipFile(filename, gzMode, level);
  else if (filename !== null && typeof filename === "object" && ("read" in filename || "write" in filename)) binary = new GzipFile(null, gzMode, level, filename);
  else throw new PyTypeError("filename must be a str or bytes object, or a file");
  if (mode.includes("t")) return new TextIOWrapper(binary, encoding, errors, newline);
  return binary;
}

export const gzipModule = moduleObject("gzip", {
  GzipFile: pyClass(GzipFile),
  BadGzipFile,
  open,
  compress,
  decompress,
  READ,
  WRITE,
});
