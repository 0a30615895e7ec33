// zipfile.ZipInfo: a member's metadata, its local file header and central directory record
// as CPython's zipfile writes them (struct layouts structFileHeader/structCentralDir), and the
// parsing of a central directory record.

import { declareDataAttributes } from "../values/declared-attributes.js";
import { Bytes } from "../values/bytes.js";
import { decode } from "../values/bytes-codec.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { strRepr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { fs, localFields, filemode, num } from "./archive-io.js";
import { fsCall } from "../lang/os-errors.js";
import { fspath, normpath } from "./os-path.js";
import { pyClass } from "./callable-class.js";

export const ZIP_STORED = 0;
export const ZIP_DEFLATED = 8;
export const ZIP_BZIP2 = 12;
export const ZIP_LZMA = 14;
export const ZIP64_LIMIT = 2 ** 31 - 1;
export const COMPRESSOR_NAMES: Record<number, string> = {
  0: "store", 1: "shrink", 2: "reduce", 3: "reduce", 4: "reduce", 5: "reduce", 6: "implode", 7: "tokenize",
  8: "deflate", 9: "deflate64", 10: "implode", 12: "bzip2", 14: "lzma", 18: "terse", 19: "lz77", 97: "wavpack", 98: "ppmd",
};
export const USE_DATA_DESCRIPTOR = 0x08;
const UTF_FILENAME = 0x800;

function le(size: number): { view: DataView; bytes: Uint8Array } {
  const bytes = new Uint8Array(size);
  return { view: new DataView(bytes.buffer), bytes };
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
export { concat };

function isAscii(s: string): boolean {
  return /^[\x00-\x7f]*$/.test(s);
}

export class ZipInfo {
  static readonly __module__ = "zipfile";
  orig_filename: string;
  filename: string;
  date_time: unknown;
  compress_type: bigint = 0n;
  _compresslevel: unknown = null;
  comment: Uint8Array = new Bytes(0);
  extra: Uint8Array = new Bytes(0);
  create_system = 3n;
  create_version = 20n;
  extract_version = 20n;
  reserved = 0n;
  flag_bits = 0n;
  volume = 0n;
  internal_attr = 0n;
  external_attr = 0n;
  compress_size = 0n;
  file_size = 0n;
  header_offset = 0n;
  CRC = 0n;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const nameArg = pos[0] ?? kws["filename"] ?? "NoName";
    const dateTime = pos[1] ?? kws["date_time"] ?? Tuple.of(1980n, 1n, 1n, 0n, 0n, 0n);
    if (typeof nameArg !== "string") throw new PyTypeError(`expected str, not ${typeName(nameArg)}`);
    let filename: string = nameArg;
    this.orig_filename = filename;
    const nul = filename.indexOf("\0");
    if (nul >= 0) filename = filename.slice(0, nul);
    this.filename = filename;
    this.date_time = dateTime;
    if (dateFields(dateTime)[0]! < 1980) throw new ValueError("ZIP does not support timestamps before 1980");
  }

  static from_file(...args: unknown[]): ZipInfo {
    const [pos, kws] = splitKw(args);
    const filename = fspath(pos[0] ?? kws["filename"]);
    let arcname = pos[1] ?? kws["arcname"] ?? null;
    const strict = kws["strict_timestamps"] ?? true;
    const st = fsCall(() => fs().statSync(filename), filename);
    const isdir = st.isDirectory();
    let dt = localFields(st.mtimeMs / 1000);
    if (strict === false && dt[0]! < 1980) dt = [1980, 1, 1, 0, 0, 0];
    else if (strict === false && dt[0]! > 2107) dt = [2107, 12, 31, 23, 59, 59];
    let name = normpath(arcname === null ? filename : fspath(arcname));
    while (name.startsWith("/")) name = name.slice(1);
    if (isdir) name += "/";
    const zinfo = new ZipInfoClass(name, Tuple.from(dt.map(BigInt)));
    zinfo.external_attr = BigInt((st.mode & 0xffff) << 16 >>> 0);
    if (isdir) {
      zinfo.file_size = 0n;
      zinfo.external_attr |= 0x10n;
    } else {
      zinfo.file_size = BigInt(st.size);
    }
    arcname = null;
    return zinfo;
  }

  is_dir(): boolean {
    return this.filename.endsWith("/");
  }

  /** The DOS time and date words. */
  dosTime(): [number, number] {
    const dt = dateFields(this.date_time);
    return [(dt[3]! << 11) | (dt[4]! << 5) | Math.floor(dt[5]! / 2), ((dt[0]! - 1980) << 9) | (dt[1]! << 5) | dt[2]!];
  }

  encodedName(): [Uint8Array, number] {
    const flags = Number(this.flag_bits);
    if (isAscii(this.filename)) return [Bytes.fromLatin1(this.filename), flags];
    return [Bytes.fromUtf8(this.filename), flags | UTF_FILENAME];
  }

  FileHeader(zip64: unknown = null): Bytes {
    const [dostime, dosdate] = this.dosTime();
    const descriptor = (Number(this.flag_bits) & USE_DATA_DESCRIPTOR) !== 0;
    let crc = descriptor ? 0 : Number(this.CRC);
    let compressSize = descriptor ? 0 : Number(this.compress_size);
    let fileSize = descriptor ? 0 : Number(this.file_size);
    let extra = this.extra;
    let minVersion = 0;
    const z64 = zip64 === null ? fileSize > ZIP64_LIMIT || compressSize > ZIP64_LIMIT : zip64 === true;
    if (z64) {
      const { view, bytes } = le(20);
      view.setUint16(0, 1, true);
      view.setUint16(2, 16, true);
      view.setBigUint64(4, BigInt(fileSize), true);
      view.setBigUint64(12, BigInt(compressSize), true);
      extra = concat([extra, bytes]);
    }
    if (fileSize > ZIP64_LIMIT || compressSize > ZIP64_LIMIT) {
      fileSize = compressSize = 0xffffffff;
      minVersion = 45;
    }
    if (this.compress_type === 12n) minVersion = Math.max(46, minVersion);
    else if (this.compress_type === 14n) minVersion = Math.max(63, minVersion);
    this.extract_version = BigInt(Math.max(minVersion, Number(this.extract_version)));
    this.create_version = BigInt(Math.max(minVersion, Number(this.create_version)));
    const [name, flagBits] = this.encodedName();
    const { view, bytes } = le(30);
    view.setUint32(0, 0x04034b50, true);
    view.setUint8(4, Number(this.extract_version));
    view.setUint8(5, Number(this.reserved));
    view.setUint16(6, flagBits, true);
    view.setUint16(8, Number(this.compress_type), true);
    view.setUint16(10, dostime, true);
    view.setUint16(12, dosdate, true);
    view.setUint32(14, crc >>> 0, true);
    view.setUint32(18, compressSize >>> 0, true);
    view.setUint32(22, fileSize >>> 0, true);
    view.setUint16(26, name.length, true);
    view.setUint16(28, extra.length, true);
    crc = 0;
    return Bytes.fromArray(concat([bytes, name, extra]));
  }

  /** The central directory record (ZipFile._write_end_record's loop body). */
  centralRecord(): Uint8Array {
    const [dostime, dosdate] = this.dosTime();
    const extras: bigint[] = [];
    let fileSize = Number(this.file_size);
    let compressSize = Number(this.compress_size);
    let headerOffset = Number(this.header_offset);
    if (fileSize > ZIP64_LIMIT || compressSize > ZIP64_LIMIT) {
      extras.push(this.file_size, this.compress_size);
      fileSize = compressSize = 0xffffffff;
    }
    if (headerOffset > ZIP64_LIMIT) {
      extras.push(this.header_offset);
      headerOffset = 0xffffffff;
    }
    let extra = this.extra;
    let minVersion = 0;
    if (extras.length > 0) {
      const { view, bytes } = le(4 + 8 * extras.length);
      view.setUint16(0, 1, true);
      view.setUint16(2, 8 * extras.length, true);
      extras.forEach((v, i) => view.setBigUint64(4 + 8 * i, v, true));
      extra = concat([bytes, stripZip64(extra)]);
      minVersion = 45;
    }
    if (this.compress_type === 12n) minVersion = Math.max(46, minVersion);
    else if (this.compress_type === 14n) minVersion = Math.max(63, minVersion);
    const [name, flagBits] = this.encodedName();
    const { view, bytes } = le(46);
    view.setUint32(0, 0x02014b50, true);
    view.setUint8(4, Math.max(minVersion, Number(this.create_version)));
    view.setUint8(5, Number(this.create_system));
    view.setUint8(6, Math.max(minVersion, Number(this.extract_version)));
    view.setUint8(7, Number(this.reserved));
    view.setUint16(8, flagBits, true);
    view.setUint16(10, Number(this.compress_type), true);
    view.setUint16(12, dostime, true);
    view.setUint16(14, dosdate, true);
    view.setUint32(16, Number(this.CRC) >>> 0, true);
    view.setUint32(20, compressSize >>> 0, true);
    view.setUint32(24, fileSize >>> 0, true);
    view.setUint16(28, name.length, true);
    view.setUint16(30, extra.length, true);
    view.setUint16(32, this.comment.length, true);
    view.setUint16(34, 0, true);
    view.setUint16(36, Number(this.internal_attr), true);
    view.setUint32(38, Number(this.external_attr) >>> 0, true);
    view.setUint32(42, headerOffset >>> 0, true);
    return concat([bytes, name, extra, this.comment]);
  }

  /** Reads the zip64 extra field (sizes and offset that overflowed 32 bits). */
  decodeExtra(): void {
    const extra = this.extra;
    const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
    let i = 0;
    while (i + 4 <= extra.length) {
      const tp = view.getUint16(i, true);
      const ln = view.getUint16(i + 2, true);
      if (tp === 1) {
        let at = i + 4;
        const next = (): bigint => {
          const v = view.getBigUint64(at, true);
          at += 8;
          return v;
        };
        if (this.file_size === 0xffffffffn) this.file_size = next();
        if (this.compress_size === 0xffffffffn) this.compress_size = next();
        if (this.header_offset === 0xffffffffn) this.header_offset = next();
      }
      i += ln + 4;
    }
  }

  __repr__(): string {
    const out = [`<ZipInfo filename=${strRepr(this.filename)}`];
    const ct = Number(this.compress_type);
    if (ct !== ZIP_STORED) out.push(` compress_type=${COMPRESSOR_NAMES[ct] ?? String(ct)}`);
    const attr = Number(this.external_attr);
    const hi = attr >>> 16;
    const lo = attr & 0xffff;
    if (hi) out.push(` filemode=${strRepr(filemode(hi))}`);
    if (lo) out.push(` external_attr=0x${lo.toString(16)}`);
    const isdir = this.is_dir();
    if (!isdir || this.file_size) out.push(` file_size=${this.file_size}`);
    if ((!isdir || this.compress_size) && (ct !== ZIP_STORED || this.file_size !== this.compress_size)) out.push(` compress_size=${this.compress_size}`);
    out.push(">");
    return out.join("");
  }
}

function stripZip64(extra: Uint8Array): Uint8Array {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  const keep: Uint8Array[] = [];
  let i = 0;
  while (i + 4 <= extra.length) {
    const ln = view.getUint16(i + 2, true);
    if (view.getUint16(i, true) !== 1) keep.push(extra.subarray(i, i + 4 + ln));
    i += 4 + ln;
  }
  return concat(keep);
}

const CP437_HIGH = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■ ";

/** A name from a member without the UTF-8 flag: cp437, or the metadata_encoding given. */
function decodeName(raw: Uint8Array, encoding: string | null): string {
  if (encoding !== null) return decode(raw, encoding);
  let out = "";
  for (let i = 0; i < raw.length; i++) out += raw[i]! < 128 ? String.fromCharCode(raw[i]!) : CP437_HIGH[raw[i]! - 128];
  return out;
}
export { decodeName };

export function dateFields(dt: unknown): number[] {
  const items = dt instanceof Tuple ? dt.items : Array.isArray(dt) ? dt : null;
  if (items === null || items.length < 6) throw new PyTypeError("date_time must be a 6-tuple");
  return items.slice(0, 6).map((x) => num(x));
}

/** A ZipInfo from the central directory record at `at`, and where the next one starts. */
export function parseCentral(buf: Uint8Array, at: number, metadataEncoding: string | null): [ZipInfo, number] {
  const view = new DataView(buf.buffer, buf.byteOffset + at, 46);
  const nameLen = view.getUint16(28, true);
  const extraLen = view.getUint16(30, true);
  const commentLen = view.getUint16(32, true);
  const flags = view.getUint16(8, true);
  let p = at + 46;
  const rawName = buf.subarray(p, p + nameLen);
  p += nameLen;
  const name = flags & UTF_FILENAME ? decode(rawName, "utf-8") : decodeName(rawName, metadataEncoding);
  const x = new ZipInfoClass(name);
  x.extra = Bytes.fromArray(buf.subarray(p, p + extraLen));
  p += extraLen;
  x.comment = Bytes.fromArray(buf.subarray(p, p + commentLen));
  p += commentLen;
  x.header_offset = BigInt(view.getUint32(42, true));
  x.create_version = BigInt(view.getUint8(4));
  x.create_system = BigInt(view.getUint8(5));
  x.extract_version = BigInt(view.getUint8(6));
  x.reserved = BigInt(view.getUint8(7));
  x.flag_bits = BigInt(flags);
  x.compress_type = BigInt(view.getUint16(10, true));
  const t = view.getUint16(12, true);
  const d = view.getUint16(14, true);
  x.CRC = BigInt(view.getUint32(16, true));
  x.compress_size = BigInt(view.getUint32(20, true));
  x.file_size = BigInt(view.getUint32(24, true));
  x.volume = BigInt(view.getUint16(34, true));
  x.internal_attr = BigInt(view.getUint16(36, true));
  x.external_attr = BigInt(view.getUint32(38, true));
  x.date_time = Tuple.of(BigInt((d >> 9) + 1980), BigInt((d >> 5) & 0xf), BigInt(d & 0x1f), BigInt(t >> 11), BigInt((t >> 5) & 0x3f), BigInt((t & 0x1f) * 2));
  x.decodeExtra();
  return [x, p];
}

// (ZipInfo's __slots__: CPython's class holds a member descriptor for each)
declareDataAttributes(ZipInfo, "member", "orig_filename filename date_time compress_type comment extra create_system create_version extract_version reserved flag_bits volume internal_attr external_attr header_offset CRC compress_size file_size", true);
export const ZipInfoClass = pyClass(ZipInfo);
