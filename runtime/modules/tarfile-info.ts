// tarfile.TarInfo: a member's metadata and its header blocks as CPython's tarfile writes them
// (ustar, GNU long names, pax extended headers with CPython's record layout) and reads them
// (frombuf: checksums, base-256 numbers, the ustar prefix; pax and GNU long-name headers are
// applied by tarfile.ts).

import { declareDataAttributes } from "../values/declared-attributes.js";
import { Bytes } from "../values/bytes.js";
import { decode } from "../values/bytes-codec.js";
import { Dict } from "../values/dict.js";
import { typeName } from "../values/typename.js";
import { Exception, PyTypeError as TypeError, ValueError } from "../values/exceptions.js";
import { floatRepr } from "../values/float-repr.js";
import { splitKw } from "../values/kwargs.js";
import { addressOf, strRepr } from "../values/repr.js";
import { encode } from "../values/str-codec.js";
import { pyClass } from "./callable-class.js";
import { concat } from "./zipfile-info.js";
import { latin1 } from "./archive-io.js";

export class TarError extends Exception {
  static readonly __module__: string = "tarfile";
}
export class ExtractError extends TarError {}
export class ReadError extends TarError {}
export class CompressionError extends TarError {}
export class StreamError extends TarError {}
export class HeaderError extends TarError {}
export class EmptyHeaderError extends HeaderError {}
export class TruncatedHeaderError extends HeaderError {}
export class EOFHeaderError extends HeaderError {}
export class InvalidHeaderError extends HeaderError {}
export class SubsequentHeaderError extends HeaderError {}
export class FilterError extends TarError {
  tarinfo: unknown = null;
}
export class AbsolutePathError extends FilterError {}
export class OutsideDestinationError extends FilterError {}
export class SpecialFileError extends FilterError {}
export class AbsoluteLinkError extends FilterError {}
export class LinkOutsideDestinationError extends FilterError {}

export const BLOCKSIZE = 512;
export const RECORDSIZE = BLOCKSIZE * 20;
export const USTAR_FORMAT = 0;
export const GNU_FORMAT = 1;
export const PAX_FORMAT = 2;
const GNU_MAGIC = Bytes.fromLatin1("ustar  \0");
const POSIX_MAGIC = Bytes.fromLatin1("ustar\x0000");

export const TYPES = {
  REGTYPE: "0", AREGTYPE: "\0", LNKTYPE: "1", SYMTYPE: "2", CHRTYPE: "3", BLKTYPE: "4", DIRTYPE: "5", FIFOTYPE: "6",
  CONTTYPE: "7", GNUTYPE_LONGNAME: "L", GNUTYPE_LONGLINK: "K", GNUTYPE_SPARSE: "S", XHDTYPE: "x", XGLTYPE: "g", SOLARIS_XHDTYPE: "X",
} as const;
const T = TYPES;
export const REGULAR_TYPES = [T.REGTYPE, T.AREGTYPE, T.CONTTYPE, T.GNUTYPE_SPARSE];
export const GNU_TYPES = [T.GNUTYPE_LONGNAME, T.GNUTYPE_LONGLINK, T.GNUTYPE_SPARSE];
export const SUPPORTED_TYPES = [T.REGTYPE, T.AREGTYPE, T.LNKTYPE, T.SYMTYPE, T.DIRTYPE, T.FIFOTYPE, T.CONTTYPE, T.CHRTYPE, T.BLKTYPE, T.GNUTYPE_LONGNAME, T.GNUTYPE_LONGLINK, T.GNUTYPE_SPARSE];

export const typeBytes = (t: string): Bytes => Bytes.fromLatin1(t);
const typeChar = (t: unknown): string => (t instanceof Uint8Array && t.length === 1 ? String.fromCharCode(t[0]!) : "?");

function enc(s: string, encoding: string, errors: string): Uint8Array {
  return encode(s, encoding, errors);
}

/** stn: a string as a NUL-padded field. */
function stn(s: string, length: number, encoding: string, errors: string): Uint8Array {
  const b = enc(s, encoding, errors);
  const out = new Uint8Array(length);
  out.set(b.subarray(0, length));
  return out;
}

function nts(b: Uint8Array, encoding: string, errors: string): string {
  const p = b.indexOf(0);
  return decode(p >= 0 ? b.subarray(0, p) : b, encoding, errors);
}

/** nti: a number field (octal, or GNU base-256). */
export function nti(s: Uint8Array): bigint {
  if (s[0] === 0o200 || s[0] === 0o377) {
    let n = 0n;
    for (let i = 1; i < s.length; i++) n = (n << 8n) + BigInt(s[i]!);
    if (s[0] === 0o377) n = -(256n ** BigInt(s.length - 1) - n);
    return n;
  }
  const p = s.indexOf(0);
  const text = latin1((p >= 0 ? s.subarray(0, p) : s)).trim();
  if (text === "") return 0n;
  if (!/^[+-]?[0-7]+(_[0-7]+)*$/.test(text)) throw new InvalidHeaderError("invalid header");
  return BigInt((text.startsWith("-") ? "-0o" : "0o") + text.replace(/^[+-]/, "").replace(/_/g, ""));
}

/** itn: a number as an octal field, or GNU base-256 when the GNU format needs it. */
function itn(value: unknown, digits: number, format: number): Uint8Array {
  const n = typeof value === "number" ? BigInt(Math.trunc(value)) : BigInt(value as bigint);
  const d = BigInt(digits - 1);
  if (n >= 0n && n < 8n ** d) {
    const out = new Uint8Array(digits);
    out.set(Bytes.fromLatin1(n.toString(8).padStart(digits - 1, "0")));
    return out;
  }
  if (format === GNU_FORMAT && -(256n ** d) <= n && n < 256n ** d) {
    const out = new Uint8Array(digits);
    let v = n >= 0n ? n : 256n ** BigInt(digits) + n;
    out[0] = n >= 0n ? 0o200 : 0o377;
    for (let i = digits - 1; i >= 1; i--) {
      out[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    return out;
  }
  throw new ValueError("overflow in number field");
}

export function calcChksums(buf: Uint8Array): [number, number] {
  let u = 256, s = 256;
  for (let i = 0; i < 512; i++) {
    if (i >= 148 && i < 156) continue;
    u += buf[i]!;
    s += buf[i]! > 127 ? buf[i]! - 256 : buf[i]!;
  }
  return [u, s];
}

type Info = Record<string, unknown>;

/** A get_info() dict as the header writers take it (a copy: they add fields). */
function infoRecord(info: unknown): Info {
  if (!(info instanceof Dict)) throw new TypeError(`info must be a dict, not ${typeName(info)}`);
  const record: Info = {};
  for (const [k, v] of info.entries()) record[String(k)] = v;
  return record;
}

function createHeader(info: Info, format: number, encoding: string, errors: string): Uint8Array {
  const type = info["type"] as Uint8Array;
  const tc = typeChar(type);
  const dev = tc === T.CHRTYPE || tc === T.BLKTYPE;
  const parts = [
    stn((info["name"] as string | undefined) ?? "", 100, encoding, errors),
    itn(BigInt(Number(info["mode"] ?? 0n)) & 0o7777n, 8, format),
    itn(info["uid"] ?? 0n, 8, format),
    itn(info["gid"] ?? 0n, 8, format),
    itn(info["size"] ?? 0n, 12, format),
    itn(info["mtime"] ?? 0n, 12, format),
    Bytes.fromLatin1("        "),
    type,
    stn((info["linkname"] as string | undefined) ?? "", 100, encoding, errors),
    (info["magic"] as Uint8Array | undefined) ?? POSIX_MAGIC,
    stn((info["uname"] as string | undefined) ?? "", 32, encoding, errors),
    stn((info["gname"] as string | undefined) ?? "", 32, encoding, errors),
    dev ? itn(info["devmajor"] ?? 0n, 8, format) : new Uint8Array(8),
    dev ? itn(info["devminor"] ?? 0n, 8, format) : new Uint8Array(8),
    stn((info["prefix"] as string | undefined) ?? "", 155, encoding, errors),
  ];
  const joined = concat(parts);
  const buf = new Uint8Array(BLOCKSIZE);
  buf.set(joined.subarray(0, BLOCKSIZE));
  const chksum = calcChksums(buf)[0];
  buf.set(Bytes.fromLatin1(chksum.toString(8).padStart(6, "0") + "\0"), 148);
  return buf;
}

function payload(data: Uint8Array): Uint8Array {
  const rem = data.length % BLOCKSIZE;
  return rem > 0 ? concat([data, new Uint8Array(BLOCKSIZE - rem)]) : data;
}

function gnuLongHeader(name: string, type: string, encoding: string, errors: string): Uint8Array {
  const bytes = concat([enc(name, encoding, errors), new Uint8Array(1)]);
  const info: Info = { name: "././@LongLink", type: typeBytes(type), size: BigInt(bytes.length), magic: GNU_MAGIC };
  return concat([createHeader(info, USTAR_FORMAT, encoding, errors), payload(bytes)]);
}

export function paxGenericHeader(headers: Dict<string, string>, type: string, encoding: string): Uint8Array {
  let binary = false;
  for (const [, value] of headers.entries()) {
    if (/[\uDC80-\uDCFF]/.test(value as string)) binary = true;
  }
  const records: Uint8Array[] = [];
  if (binary) records.push(Bytes.fromLatin1("21 hdrcharset=BINARY\n"));
  for (const [keyword, value] of headers.entries()) {
    const k = Bytes.fromUtf8(keyword as string);
    const v = binary ? enc(value as string, encoding, "surrogateescape") : Bytes.fromUtf8(value as string);
    const l = k.length + v.length + 3;
    let n = 0, p = 0;
    for (;;) {
      n = l + String(p).length;
      if (n === p) break;
      p = n;
    }
    records.push(Bytes.fromLatin1(`${p} `), k, Bytes.fromLatin1("="), v, Bytes.fromLatin1("\n"));
  }
  const body = concat(records);
  const info: Info = { name: "././@PaxHeader", type: typeBytes(type), size: BigInt(body.length), magic: POSIX_MAGIC };
  return concat([createHeader(info, USTAR_FORMAT, "ascii", "replace"), payload(body)]);
}

/** Python's round() of a float: half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export class TarInfo {
  static readonly __module__ = "tarfile";
  name: string;
  mode: bigint | null = 0o644n;
  uid: bigint | null = 0n;
  gid: bigint | null = 0n;
  size: bigint = 0n;
  mtime: bigint | number | null = 0n;
  chksum: bigint = 0n;
  type: Uint8Array = typeBytes(T.REGTYPE);
  linkname = "";
  uname: string | null = "";
  gname: string | null = "";
  devmajor: bigint = 0n;
  devminor: bigint = 0n;
  offset: bigint = 0n;
  offset_data: bigint = 0n;
  sparse: unknown = null;
  pax_headers: Dict<string, string> = new Dict();
  tarfile: unknown = null;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    this.name = String(pos[0] ?? kws["name"] ?? "");
  }

  get path(): string {
    return this.name;
  }
  set path(v: string) {
    this.name = v;
  }
  get linkpath(): string {
    return this.linkname;
  }
  set linkpath(v: string) {
    this.linkname = v;
  }

  __repr__(): string {
    return `<TarInfo ${strRepr(this.name)} at ${addressOf(this)}>`;
  }

  private tc(): string {
    return typeChar(this.type);
  }
  isreg(): boolean {
    return (REGULAR_TYPES as string[]).includes(this.tc());
  }
  isfile(): boolean {
    return this.isreg();
  }
  isdir(): boolean {
    return this.tc() === T.DIRTYPE;
  }
  issym(): boolean {
    return this.tc() === T.SYMTYPE;
  }
  islnk(): boolean {
    return this.tc() === T.LNKTYPE;
  }
  ischr(): boolean {
    return this.tc() === T.CHRTYPE;
  }
  isblk(): boolean {
    return this.tc() === T.BLKTYPE;
  }
  isfifo(): boolean {
    return this.tc() === T.FIFOTYPE;
  }
  issparse(): boolean {
    return this.sparse !== null;
  }
  isdev(): boolean {
    return this.ischr() || this.isblk() || this.isfifo();
  }
  supported(): boolean {
    return (SUPPORTED_TYPES as string[]).includes(this.tc());
  }

  /** `replace(*, name, mtime, mode, linkname, uid, gid, uname, gname, deep=True)`: a copy with those changed. */
  replace(...args: unknown[]): TarInfo {
    const [pos, kws] = splitKw(args);
    if (pos.length > 0) throw new TypeError(`TarInfo.replace() takes 1 positional argument but ${pos.length + 1} were given`);
    const c = Object.create(Object.getPrototypeOf(this) as object) as TarInfo;
    Object.assign(c, this);
    if (kws["deep"] !== false) c.pax_headers = new Dict<string, string>(this.pax_headers.entries());
    for (const [k, v] of Object.entries(kws)) {
      if (k === "deep") continue;
      if (!["name", "mtime", "mode", "linkname", "uid", "gid", "uname", "gname"].includes(k)) throw new TypeError(`TarInfo.replace() got an unexpected keyword argument '${k}'`);
      (c as unknown as Record<string, unknown>)[k] = v;
    }
    return c;
  }

  get_info(): Dict<string, unknown> {
    const info: Info = {
      name: this.name, mode: this.mode === null ? null : BigInt(this.mode) & 0o7777n, uid: this.uid, gid: this.gid, size: this.size,
      mtime: this.mtime, chksum: this.chksum, type: this.type, linkname: this.linkname, uname: this.uname, gname: this.gname,
      devmajor: this.devmajor, devminor: this.devminor,
    };
    if (this.tc() === T.DIRTYPE && !(info["name"] as string).endsWith("/")) info["name"] += "/";
    return Dict.fromRecord(info);
  }

  tobuf(format: unknown = BigInt(PAX_FORMAT), encoding: unknown = "utf-8", errors: unknown = "surrogateescape"): Bytes {
    const dict = this.get_info();
    const info: Info = {};
    for (const [k, v] of dict.entries()) {
      if (v === null || v === undefined) throw new ValueError(`${k as string} may not be None`);
      info[k as string] = v;
    }
    const fmt = Number(format);
    const e = String(encoding);
    const errs = String(errors);
    if (fmt === USTAR_FORMAT) return Bytes.fromArray(this.ustarHeader(info, e, errs));
    if (fmt === GNU_FORMAT) return Bytes.fromArray(this.gnuHeader(info, e, errs));
    if (fmt === PAX_FORMAT) return Bytes.fromArray(this.paxHeader(info, e));
    throw new ValueError("invalid format");
  }

  /** `create_ustar_header(info, encoding, errors)` / gnu / pax: the header blocks of get_info()'s dict in that format. */
  create_ustar_header(info: unknown, encoding: unknown, errors: unknown): Bytes {
    return Bytes.fromArray(this.ustarHeader(infoRecord(info), String(encoding), String(errors)));
  }
  create_gnu_header(info: unknown, encoding: unknown, errors: unknown): Bytes {
    return Bytes.fromArray(this.gnuHeader(infoRecord(info), String(encoding), String(errors)));
  }
  create_pax_header(info: unknown, encoding: unknown): Bytes {
    return Bytes.fromArray(this.paxHeader(infoRecord(info), String(encoding)));
  }

  /** `TarInfo.fromtarfile(tarfile)`: the member whose header is at the archive file's position. */
  static fromtarfile(tarfile: unknown): TarInfo {
    return (tarfile as { fromtarfile(): TarInfo }).fromtarfile();
  }

  private ustarHeader(info: Info, encoding: string, errors: string): Uint8Array {
    info["magic"] = POSIX_MAGIC;
    if (enc(info["linkname"] as string, encoding, errors).length > 100) throw new ValueError("linkname is too long");
    if (enc(info["name"] as string, encoding, errors).length > 100) {
      const components = (info["name"] as string).split("/");
      let found = false;
      for (let i = 1; i < components.length; i++) {
        const prefix = components.slice(0, i).join("/");
        const name = components.slice(i).join("/");
        if (enc(prefix, encoding, errors).length <= 155 && enc(name, encoding, errors).length <= 100) {
          info["prefix"] = prefix;
          info["name"] = name;
          found = true;
          break;
        }
      }
      if (!found) throw new ValueError("name is too long");
    }
    return createHeader(info, USTAR_FORMAT, encoding, errors);
  }

  private gnuHeader(info: Info, encoding: string, errors: string): Uint8Array {
    info["magic"] = GNU_MAGIC;
    const parts: Uint8Array[] = [];
    if (enc(info["linkname"] as string, encoding, errors).length > 100) parts.push(gnuLongHeader(info["linkname"] as string, T.GNUTYPE_LONGLINK, encoding, errors));
    if (enc(info["name"] as string, encoding, errors).length > 100) parts.push(gnuLongHeader(info["name"] as string, T.GNUTYPE_LONGNAME, encoding, errors));
    parts.push(createHeader(info, GNU_FORMAT, encoding, errors));
    return concat(parts);
  }

  private paxHeader(info: Info, encoding: string): Uint8Array {
    info["magic"] = POSIX_MAGIC;
    const pax = new Dict<string, string>(this.pax_headers.entries() as Iterable<[string, string]>);
    for (const [name, hname, length] of [["name", "path", 100], ["linkname", "linkpath", 100], ["uname", "uname", 32], ["gname", "gname", 32]] as const) {
      if (pax.has(hname)) continue;
      const value = info[name] as string;
      if (!/^[\x00-\x7f]*$/.test(value)) {
        pax.set(hname, value);
        continue;
      }
      if (value.length > length) pax.set(hname, value);
    }
    for (const [name, digits] of [["uid", 8], ["gid", 8], ["size", 12], ["mtime", 12]] as const) {
      let needsPax = false;
      const val = info[name] as bigint | number;
      const isFloat = typeof val === "number";
      const valInt = isFloat ? BigInt(roundHalfEven(val)) : BigInt(val);
      if (!(valInt >= 0n && valInt < 8n ** BigInt(digits - 1))) {
        info[name] = 0n;
        needsPax = true;
      } else if (isFloat) {
        info[name] = valInt;
        needsPax = true;
      }
      if (needsPax && !pax.has(name)) pax.set(name, isFloat ? floatRepr(val) : String(val));
    }
    const head = pax.size > 0 ? paxGenericHeader(pax, T.XHDTYPE, encoding) : new Uint8Array(0);
    return concat([head, createHeader(info, USTAR_FORMAT, "ascii", "replace")]);
  }

  static create_pax_global_header(headers: unknown): Bytes {
    return Bytes.fromArray(paxGenericHeader(headers as Dict<string, string>, T.XGLTYPE, "utf-8"));
  }

  /** frombuf: a TarInfo from one header block. */
  static frombuf(buf: Uint8Array, encoding: unknown = "utf-8", errors: unknown = "surrogateescape"): TarInfo {
    const e = String(encoding);
    const errs = String(errors);
    if (buf.length === 0) throw new EmptyHeaderError("empty header");
    if (buf.length !== BLOCKSIZE) throw new TruncatedHeaderError("truncated header");
    if (buf.every((b) => b === 0)) throw new EOFHeaderError("end of file header");
    const chksum = nti(buf.subarray(148, 156));
    if (!calcChksums(buf).includes(Number(chksum))) throw new InvalidHeaderError("bad checksum");
    const obj = new TarInfoClass();
    obj.name = nts(buf.subarray(0, 100), e, errs);
    obj.mode = nti(buf.subarray(100, 108));
    obj.uid = nti(buf.subarray(108, 116));
    obj.gid = nti(buf.subarray(116, 124));
    obj.size = nti(buf.subarray(124, 136));
    obj.mtime = nti(buf.subarray(136, 148));
    obj.chksum = chksum;
    obj.type = Bytes.fromArray(buf.subarray(156, 157));
    obj.linkname = nts(buf.subarray(157, 257), e, errs);
    obj.uname = nts(buf.subarray(265, 297), e, errs);
    obj.gname = nts(buf.subarray(297, 329), e, errs);
    obj.devmajor = nti(buf.subarray(329, 337));
    obj.devminor = nti(buf.subarray(337, 345));
    const prefix = nts(buf.subarray(345, 500), e, errs);
    if (obj.tc() === T.AREGTYPE && obj.name.endsWith("/")) obj.type = typeBytes(T.DIRTYPE);
    if (obj.isdir()) obj.name = obj.name.replace(/\/+$/, "");
    if (prefix && !(GNU_TYPES as string[]).includes(obj.tc())) obj.name = prefix + "/" + obj.name;
    return obj;
  }

  /** Applies pax header values to this member (path, linkpath, size, mtime, uid, gid, uname, gname). */
  applyPax(headers: Dict<string, string>): void {
    for (const [keyword, value] of headers.entries() as Iterable<[string, string]>) {
      if (keyword === "GNU.sparse.name") this.name = value;
      else if (keyword === "GNU.sparse.size" || keyword === "GNU.sparse.realsize") this.size = BigInt(value);
      else if (["path", "linkpath", "size", "mtime", "uid", "gid", "uname", "gname"].includes(keyword)) {
        let v: unknown = value;
        if (keyword === "mtime") v = Number.isFinite(Number(value)) ? Number(value) : 0;
        else if (["uid", "gid", "size"].includes(keyword)) v = /^\s*[+-]?\d+\s*$/.test(value) ? BigInt(value.trim()) : 0n;
        if (keyword === "path") this.name = (v as string).replace(/\/+$/, "");
        else if (keyword === "linkpath") this.linkname = v as string;
        else (this as unknown as Record<string, unknown>)[keyword] = v;
      }
    }
    this.pax_headers = new Dict<string, string>(headers.entries() as Iterable<[string, string]>);
  }

  /** The size rounded up to whole blocks. */
  static blocks(count: bigint): bigint {
    const b = BigInt(BLOCKSIZE);
    return ((count + b - 1n) / b) * b;
  }
}

// (TarInfo's __slots__: CPython's class holds a member descriptor for each)
declareDataAttributes(TarInfo, "member", "name mode uid gid size mtime chksum type linkname uname gname devmajor devminor offset offset_data pax_headers sparse tarfile", true);
export const TarInfoClass = pyClass(TarInfo);
