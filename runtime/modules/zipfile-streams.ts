// zipfile's streams and the end record: ZipExtFile (a member opened for reading, its CRC
// checked when a read reaches the end), _ZipWriteFile (a member opened for writing, added to
// the archive at close) and the search for the end of central directory record.

import { declareClassValues } from "../values/declared-attributes.js";
import { Bytes } from "../values/bytes.js";
import { Exception, ValueError } from "../values/exceptions.js";
import { strRepr } from "../values/repr.js";
import { BytesIO } from "../lang/io-memory.js";
import { UnsupportedOperation } from "../lang/io-base.js";
import { bytesArg, crc32 } from "./archive-io.js";
import { COMPRESSOR_NAMES, ZIP_STORED, ZipInfo } from "./zipfile-info.js";

export class BadZipFile extends Exception {
  static readonly __module__ = "zipfile";
}

/** What a member being written needs of its ZipFile. */
interface MemberSink {
  finishMember(zinfo: ZipInfo, chunks: readonly Uint8Array[], zip64: boolean): void;
}

export const EOCD = 0x06054b50;

export interface EndRecord {
  count: number;
  size: number;
  offset: number;
  comment: Uint8Array;
  location: number;
}

export function endRecord(buf: Uint8Array): EndRecord | null {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const read = (at: number): EndRecord => ({
    count: view.getUint16(at + 10, true),
    size: view.getUint32(at + 12, true),
    offset: view.getUint32(at + 16, true),
    comment: buf.subarray(at + 22, at + 22 + view.getUint16(at + 20, true)),
    location: at,
  });
  if (buf.length < 22) return null;
  const last = buf.length - 22;
  if (view.getUint32(last, true) === EOCD && view.getUint16(last + 20, true) === 0) return read(last);
  for (let at = last; at >= Math.max(0, buf.length - 65536 - 22); at--) {
    if (view.getUint32(at, true) === EOCD) return read(at);
  }
  return null;
}

let filling = false;

/** A member opened for reading: its whole content, the CRC checked when a read reaches the end. */
export class ZipExtFile extends BytesIO {
  static override readonly __module__: string = "zipfile";
  readonly name: string;
  readonly mode = "r";
  private readonly total: number;
  private crcOk: boolean;
  private readonly compressType: number;
  constructor(content: Uint8Array, zinfo: ZipInfo) {
    filling = true;
    try {
      super(Bytes.fromArray(content));
    } finally {
      filling = false;
    }
    this.name = zinfo.filename;
    this.total = content.length;
    this.crcOk = crc32(content) === Number(zinfo.CRC);
    this.compressType = Number(zinfo.compress_type);
  }
  private check(): void {
    if (!this.crcOk && Number(super.tell()) >= this.total) throw new BadZipFile(`Bad CRC-32 for file ${strRepr(this.name)}`);
  }
  override read(size: unknown = -1n): Bytes {
    const out = super.read(size);
    this.check();
    return out;
  }
  override read1(size: unknown = -1n): Bytes {
    return this.read(size);
  }
  override readline(size: unknown = -1n): Bytes {
    const out = super.readline(size);
    this.check();
    return out;
  }
  /** `peek(n=1)`: bytes ahead without moving (up to 512, as CPython's buffer gives them). */
  peek(_n: unknown = 1n): Bytes {
    const at = super.tell();
    const ahead = super.read(512n);
    super.seek(at);
    return ahead;
  }
  override writable(): boolean {
    this.checkClosed();
    return false;
  }
  override write(data: unknown): bigint {
    if (filling) return super.write(data);
    throw new UnsupportedOperation("write");
  }
  override __repr__(): string {
    if (this.closed) return "<zipfile.ZipExtFile [closed]>";
    const ct = this.compressType === ZIP_STORED ? "" : ` compress_type=${COMPRESSOR_NAMES[this.compressType] ?? this.compressType}`;
    return `<zipfile.ZipExtFile name=${strRepr(this.name)} mode='r'${ct}>`;
  }
}

/** A member opened for writing (ZipFile.open(name, "w")): added to the archive at close. */
export class ZipWriteFile {
  static readonly __module__ = "zipfile";
  static readonly pythonName = "_ZipWriteFile";
  private chunks: Uint8Array[] = [];
  private size = 0;
  closed = false;
  constructor(
    private readonly zip: MemberSink,
    private readonly zinfo: ZipInfo,
    private readonly zip64: boolean,
  ) {}
  writable(): boolean {
    return true;
  }
  readable(): boolean {
    return false;
  }
  write(data: unknown): bigint {
    if (this.closed) throw new ValueError("I/O operation on closed file.");
    const bytes = data instanceof Uint8Array ? new Uint8Array(data) : bytesArg(data);
    this.chunks.push(bytes);
    this.size += bytes.length;
    return BigInt(bytes.length);
  }
  close(): null {
    if (this.closed) return null;
    this.closed = true;
    this.zip.finishMember(this.zinfo, this.chunks, this.zip64);
    return null;
  }
  __enter__(): this {
    return this;
  }
  __exit__(..._exc: unknown[]): null {
    this.close();
    return null;
  }
}

// (CPython's read sizes, class attributes of ZipExtFile)
declareClassValues(ZipExtFile, { MAX_N: 1n << 30n, MIN_READ_SIZE: 4096n, MAX_SEEK_READ: 1n << 24n });
