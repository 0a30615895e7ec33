// Python's `tarfile`: TarFile over a binary file object (a file, io.BytesIO, a gzip.GzipFile
// for ':gz'), read and written block by block through the object's own methods as CPython's
// TarFile does: modes r/r:*/r:/r:gz, w/w:/w:gz, x, a; add (recursive, filter), addfile,
// gettarinfo, getmembers/getnames/getmember, iteration, next, extractfile, extract/extractall
// (3.11's: no extraction filters; owners set when run as root, then mode and mtime), list.
// Not provided: bz2 and xz compression (CompressionError), the stream modes 'r|'/'w|' (the
// same as ':' here, without the streaming restrictions), sparse members' data.

import { Bytes } from "../values/bytes.js";
import { decode } from "../values/bytes-codec.js";
import { Dict } from "../values/dict.js";
import { KeyError, OSError, PyTypeError, ValueError } from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { addressOf, repr } from "../values/repr.js";
import { fsCall } from "../lang/os-errors.js";
import { open as builtinOpen } from "../lang/files.js";
import { ExFileObject } from "./tarfile-member-data.js";
import { fs, idNames, latin1, num, read, seek, tell, write } from "./archive-io.js";
import { gzopen, is_tarfile, openTar } from "./tarfile-open.js";
import { chmodMember, chownMember, copyInfo, data_filter, extractAll, extractOne, fully_trusted_filter, listMembers, tar_filter, utimeMember } from "./tarfile-extract.js";
import { callValue } from "./pycall.js";
import { installTarFileMembers } from "./tarfile-makers.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { fspath, pathModule } from "./os-path.js";
import {
  BLOCKSIZE, CompressionError, EmptyHeaderError, EOFHeaderError, ExtractError, GNU_FORMAT, HeaderError, InvalidHeaderError, PAX_FORMAT,
  AbsoluteLinkError, AbsolutePathError, FilterError, LinkOutsideDestinationError, OutsideDestinationError, SpecialFileError,
  ReadError, RECORDSIZE, StreamError, SubsequentHeaderError, TarError, TarInfo, TarInfoClass, TruncatedHeaderError, TYPES, typeBytes, USTAR_FORMAT,
} from "./tarfile-info.js";

const T = TYPES;
const typeChar = (t: Uint8Array): string => String.fromCharCode(t[0] ?? 0);

/** The extraction methods tarfile-makers.ts gives TarFile (declared for the type checker). */
export interface TarFile {
  makedir(tarinfo: unknown, targetpath: unknown): null;
  makefile(tarinfo: unknown, targetpath: unknown): null;
  makeunknown(tarinfo: unknown, targetpath: unknown): null;
  makefifo(tarinfo: unknown, targetpath: unknown): null;
  makedev(tarinfo: unknown, targetpath: unknown): null;
  makelink(tarinfo: unknown, targetpath: unknown): null;
}

export class TarFile {
  static readonly __module__ = "tarfile";
  // (class attributes: tarfile-makers.ts)
  declare debug: bigint;
  declare dereference: boolean;
  declare ignore_zeros: boolean;
  declare errorlevel: bigint;
  declare extraction_filter: unknown;
  declare format: bigint;
  declare encoding: string;
  errors: string;
  declare tarinfo: unknown;
  mode: string;
  name: string | null;
  fileobj: unknown;
  pax_headers: Dict<string, string>;
  closed = false;
  members: TarInfo[] = [];
  offset = 0;
  private loaded = false;
  private firstmember: TarInfo | null = null;
  extfileobj: boolean;
  private inodes = new Map<string, string>();

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const names = ["name", "mode", "fileobj", "format", "tarinfo", "dereference", "ignore_zeros", "encoding", "errors", "pax_headers", "debug", "errorlevel", "copybufsize"];
    const arg = (i: number): unknown => (i < pos.length ? pos[i] : (kws[names[i]!] ?? null));
    for (const k of Object.keys(kws)) if (!names.includes(k)) throw new PyTypeError(`TarFile.__init__() got an unexpected keyword argument '${k}'`);
    let name = arg(0);
    const mode = (arg(1) ?? "r") as string;
    let fileobj = arg(2);
    const modes: Record<string, string> = { r: "rb", a: "r+b", w: "wb", x: "xb" };
    if (!(mode in modes)) throw new ValueError("mode must be 'r', 'a', 'w' or 'x'");
    this.mode = mode;
    if (fileobj === null) {
      if (this.mode === "a" && !pathModule.exists(name)) this.mode = "w";
      fileobj = builtinOpen(name, this.mode === "a" ? "r+b" : modes[this.mode]);
      this.extfileobj = false;
    } else {
      const n = (fileobj as { name?: unknown }).name;
      if (name === null && (typeof n === "string" || n instanceof Uint8Array)) name = n;
      this.extfileobj = true;
    }
    this.name = name !== null && name !== "" ? (pathModule.abspath(name) as string) : null;
    this.fileobj = fileobj;
    if (arg(3) !== null) this.format = BigInt(num(arg(3)));
    if (arg(4) !== null) this.tarinfo = arg(4);
    if (arg(5) !== null) this.dereference = arg(5) === true;
    if (arg(6) !== null) this.ignore_zeros = arg(6) === true;
    if (arg(7) !== null) this.encoding = String(arg(7));
    this.errors = (arg(8) ?? "surrogateescape") as string;
    const pax = arg(9);
    this.pax_headers = pax !== null && Number(this.format) === PAX_FORMAT ? (pax as Dict<string, string>) : new Dict();
    if (arg(10) !== null) this.debug = BigInt(num(arg(10)));
    if (arg(11) !== null) this.errorlevel = BigInt(num(arg(11)));
    this.offset = tell(fileobj);
    try {
      if (this.mode === "r") {
        this.firstmember = null;
        this.firstmember = this.next();
      }
      if (this.mode === "a") {
        for (;;) {
          seek(this.fileobj, this.offset);
          try {
            this.members.push(this.fromtarfile());
          } catch (e) {
            if (e instanceof EOFHeaderError) {
              seek(this.fileobj, this.offset);
              break;
            }
            if (e instanceof HeaderError) throw new ReadError(String(e.args.items[0]));
            throw e;
          }
        }
      }
      if (this.mode !== "r") {
        this.loaded = true;
        if (this.pax_headers.size > 0) {
          const buf = TarInfo.create_pax_global_header(this.pax_headers);
          write(this.fileobj, buf);
          this.offset += buf.length;
        }
      }
    } catch (e) {
      if (!this.extfileobj) callMethod(this.fileobj, "close");
      this.closed = true;
      throw e;
    }
  }

  // ---- reading headers ----

  private fromtarfile(): TarInfo {
    const buf = read(this.fileobj, BLOCKSIZE);
    const obj = TarInfo.frombuf(buf, this.encoding, this.errors);
    obj.offset = BigInt(tell(this.fileobj) - BLOCKSIZE);
    return this.procMember(obj);
  }

  private procMember(obj: TarInfo): TarInfo {
    const tc = typeChar(obj.type);
    if (tc === T.GNUTYPE_LONGNAME || tc === T.GNUTYPE_LONGLINK) return this.procGnuLong(obj);
    if (tc === T.XHDTYPE || tc === T.XGLTYPE || tc === T.SOLARIS_XHDTYPE) return this.procPax(obj);
    return this.procBuiltin(obj);
  }

  private procBuiltin(obj: TarInfo): TarInfo {
    obj.offset_data = BigInt(tell(this.fileobj));
    let offset = obj.offset_data;
    if (obj.isreg() || !obj.supported()) offset += TarInfo.blocks(obj.size);
    this.offset = Number(offset);
    obj.applyPax(this.pax_headers);
    if (obj.isdir()) obj.name = obj.name.replace(/\/+$/, "");
    return obj;
  }

  private next_(): TarInfo {
    try {
      return this.fromtarfile();
    } catch (e) {
      if (e instanceof HeaderError) throw new SubsequentHeaderError(String(e.args.items[0]));
      throw e;
    }
  }

  private procGnuLong(obj: TarInfo): TarInfo {
    const buf = read(this.fileobj, Number(TarInfo.blocks(obj.size)));
    const next = this.next_();
    next.offset = obj.offset;
    const p = buf.indexOf(0);
    const text = decode(p >= 0 ? buf.subarray(0, p) : buf, this.encoding, this.errors);
    if (typeChar(obj.type) === T.GNUTYPE_LONGNAME) next.name = text;
    else next.linkname = text;
    if (next.isdir() && next.name.endsWith("/")) next.name = next.name.slice(0, -1);
    return next;
  }

  private procPax(obj: TarInfo): TarInfo {
    const buf = read(this.fileobj, Number(TarInfo.blocks(obj.size)));
    const global = typeChar(obj.type) === T.XGLTYPE;
    const headers = global ? this.pax_headers : new Dict<string, string>(this.pax_headers.entries());
    let pos = 0;
    let encoding: string | null = null;
    const raw: Array<[Uint8Array, Uint8Array]> = [];
    while (buf.length > pos && buf[pos] !== 0) {
      let i = pos;
      while (i < buf.length && buf[i]! >= 0x30 && buf[i]! <= 0x39 && i - pos < 20) i++;
      if (i === pos || buf[i] !== 0x20) throw new InvalidHeaderError("invalid header");
      const length = Number(latin1(buf.subarray(pos, i)));
      if (length < 5 || pos + length > buf.length) throw new InvalidHeaderError("invalid header");
      const end = pos + length - 1;
      const kv = buf.subarray(i + 1, end);
      const eq = kv.indexOf(0x3d);
      if (eq <= 0 || buf[end] !== 0x0a) throw new InvalidHeaderError("invalid header");
      const keyword = kv.subarray(0, eq);
      const value = kv.subarray(eq + 1);
      raw.push([keyword, value]);
      if (encoding === null && latin1(keyword) === "hdrcharset") encoding = latin1(value) === "BINARY" ? this.encoding : "utf-8";
      pos += length;
    }
    encoding ??= "utf-8";
    for (const [k, v] of raw) {
      const keyword = decode(k, "utf-8", this.errors);
      const nameField = ["path", "linkpath", "uname", "gname"].includes(keyword);
      let value: string;
      try {
        value = decode(v, nameField ? encoding : "utf-8", "strict");
      } catch {
        value = decode(v, nameField ? this.encoding : "utf-8", this.errors);
      }
      headers.set(keyword, value);
    }
    const next = this.next_();
    const tc = typeChar(obj.type);
    if (tc === T.XHDTYPE || tc === T.SOLARIS_XHDTYPE) {
      next.applyPax(headers);
      next.offset = obj.offset;
      if (headers.has("size")) {
        let offset = next.offset_data;
        if (next.isreg() || !next.supported()) offset += TarInfo.blocks(next.size);
        this.offset = Number(offset);
      }
    }
    return next;
  }

  // ---- members ----

  check(modes: string | null = null): void {
    if (this.closed) throw new OSError("TarFile is closed");
    if (modes !== null && !modes.includes(this.mode)) throw new OSError(`bad operation for mode ${repr(this.mode)}`);
  }

  next(): TarInfo | null {
    this.check("ra");
    if (this.firstmember !== null) {
      const m = this.firstmember;
      this.firstmember = null;
      return m;
    }
    if (this.offset !== tell(this.fileobj)) {
      if (this.offset === 0) return null;
      seek(this.fileobj, this.offset - 1);
      if (read(this.fileobj, 1).length === 0) throw new ReadError("unexpected end of data");
    }
    let tarinfo: TarInfo | null = null;
    for (;;) {
      try {
        tarinfo = this.fromtarfile();
      } catch (e) {
        const message = e instanceof TarError ? String(e.args.items[0]) : "";
        if (e instanceof EOFHeaderError || e instanceof InvalidHeaderError) {
          if (this.ignore_zeros) {
            this.offset += BLOCKSIZE;
            continue;
          }
          if (e instanceof InvalidHeaderError && this.offset === 0) throw new ReadError(message);
        } else if (e instanceof EmptyHeaderError) {
          if (this.offset === 0) throw new ReadError("empty file");
        } else if (e instanceof TruncatedHeaderError) {
          if (this.offset === 0) throw new ReadError(message);
        } else if (e instanceof SubsequentHeaderError) {
          throw new ReadError(message);
        } else throw e;
      }
      break;
    }
    if (tarinfo !== null) this.members.push(tarinfo);
    else this.loaded = true;
    return tarinfo;
  }

  private load(): void {
    while (this.next() !== null);
    this.loaded = true;
  }

  getmembers(): TarInfo[] {
    this.check();
    if (!this.loaded) this.load();
    return this.members;
  }

  getnames(): string[] {
    return this.getmembers().map((m) => m.name);
  }

  getmember(name: unknown): TarInfo {
    const found = this.findMember(String(name).replace(/\/+$/, ""));
    if (found === null) throw new KeyError(`filename ${repr(name)} not found`);
    return found;
  }

  findMember(name: string, before: TarInfo | null = null, normalize = false): TarInfo | null {
    let members = this.getmembers();
    if (before !== null) members = members.slice(0, members.indexOf(before));
    const norm = (s: string): string => (normalize ? (pathModule.normpath(s) as string) : s);
    const target = norm(name);
    for (let i = members.length - 1; i >= 0; i--) if (norm(members[i]!.name) === target) return members[i]!;
    return null;
  }

  *[Symbol.iterator](): Generator<TarInfo> {
    if (this.loaded) {
      yield* this.members;
      return;
    }
    let index = 0;
    if (this.firstmember !== null) {
      const t = this.next();
      index++;
      if (t !== null) yield t;
    }
    for (;;) {
      let t: TarInfo | null;
      if (index < this.members.length) t = this.members[index]!;
      else if (!this.loaded) {
        t = this.next();
        if (t === null) {
          this.loaded = true;
          return;
        }
      } else return;
      index++;
      yield t;
    }
  }

  __iter__(): Iterator<TarInfo> {
    return this[Symbol.iterator]();
  }

  // ---- writing ----

  gettarinfo(...args: unknown[]): TarInfo | null {
    const [pos, kws] = splitKw(args);
    let name: unknown = pos[0] ?? kws["name"] ?? null;
    let arcname: unknown = pos[1] ?? kws["arcname"] ?? null;
    const fileobj = pos[2] ?? kws["fileobj"] ?? null;
    this.check("awx");
    if (fileobj !== null) name = (fileobj as { name: unknown }).name;
    if (arcname === null) arcname = name;
    const arc = fspath(arcname).replace(/^\/+/, "");
    const path = fspath(name);
    const st = fileobj !== null ? fs().fstatSync(Number(callMethod(fileobj, "fileno"))) : fsCall(() => (this.dereference ? fs().statSync(path) : fs().lstatSync(path)), path);
    const tarinfo = (isTarInfoClass(this.tarinfo) ? new TarInfoClass() : callValue(this.tarinfo)) as TarInfo;
    tarinfo.tarfile = this;
    let type: string;
    let linkname = "";
    if (st.isFile()) {
      const inode = `${st.ino}:${st.dev}`;
      if (!this.dereference && st.nlink > 1 && this.inodes.has(inode) && arc !== this.inodes.get(inode)) {
        type = T.LNKTYPE;
        linkname = this.inodes.get(inode)!;
      } else {
        type = T.REGTYPE;
        if (st.ino) this.inodes.set(inode, arc);
      }
    } else if (st.isDirectory()) type = T.DIRTYPE;
    else if (st.isFIFO()) type = T.FIFOTYPE;
    else if (st.isSymbolicLink()) {
      type = T.SYMTYPE;
      linkname = String(fs().readlinkSync(path));
    } else if (st.isCharacterDevice()) type = T.CHRTYPE;
    else if (st.isBlockDevice()) type = T.BLKTYPE;
    else return null;
    tarinfo.name = arc;
    tarinfo.mode = BigInt(st.mode);
    tarinfo.uid = BigInt(st.uid);
    tarinfo.gid = BigInt(st.gid);
    tarinfo.size = type === T.REGTYPE ? BigInt(st.size) : 0n;
    tarinfo.mtime = Number(st.mtimeMs) / 1000;
    tarinfo.type = typeBytes(type);
    tarinfo.linkname = linkname;
    const uname = idNames("/etc/passwd").get(st.uid);
    if (uname !== undefined) tarinfo.uname = uname;
    const gname = idNames("/etc/group").get(st.gid);
    if (gname !== undefined) tarinfo.gname = gname;
    if (type === T.CHRTYPE || type === T.BLKTYPE) {
      tarinfo.devmajor = BigInt(Math.floor(st.rdev / 256) & 0xfff);
      tarinfo.devminor = BigInt(st.rdev & 0xff);
    }
    return tarinfo;
  }

  add(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const name = pos[0] ?? kws["name"];
    const arcname = pos[1] ?? kws["arcname"] ?? null;
    const recursive = (pos[2] ?? kws["recursive"] ?? true) !== false;
    const filter = kws["filter"] ?? null;
    this.check("awx");
    const path = fspath(name);
    const arc = arcname === null ? path : fspath(arcname);
    if (this.name !== null && pathModule.abspath(path) === this.name) return null;
    let tarinfo = this.gettarinfo(path, arc);
    if (tarinfo === null) return null;
    if (filter !== null) {
      tarinfo = callValue(filter, tarinfo) as TarInfo | null;
      if (tarinfo === null) return null;
    }
    if (tarinfo.isreg()) {
      const f = builtinOpen(path, "rb");
      try {
        this.addfile(tarinfo, f);
      } finally {
        callMethod(f, "close");
      }
    } else if (tarinfo.isdir()) {
      this.addfile(tarinfo);
      if (recursive) {
        for (const f of fsCall(() => fs().readdirSync(path), path).sort()) {
          this.add(pathModule.join(path, f), pathModule.join(arc, f), recursive, kw({ filter }));
        }
      }
    } else this.addfile(tarinfo);
    return null;
  }

  addfile(tarinfoArg: unknown, fileobj: unknown = null): null {
    this.check("awx");
    const tarinfo = copyInfo(tarinfoArg as TarInfo);
    const buf = tarinfo.tobuf(this.format, this.encoding, this.errors);
    write(this.fileobj, buf);
    this.offset += buf.length;
    if (fileobj !== null && fileobj !== undefined) {
      const size = Number(tarinfo.size);
      const data = size === 0 ? new Uint8Array(0) : read(fileobj, size);
      if (data.length < size) throw new OSError("unexpected end of data");
      write(this.fileobj, data);
      const rem = size % BLOCKSIZE;
      let blocks = Math.floor(size / BLOCKSIZE);
      if (rem > 0) {
        write(this.fileobj, new Uint8Array(BLOCKSIZE - rem));
        blocks++;
      }
      this.offset += blocks * BLOCKSIZE;
    }
    this.members.push(tarinfo);
    return null;
  }

  // ---- extracting ----

  extractfile(member: unknown): ExFileObject | null {
    this.check("r");
    const tarinfo = typeof member === "string" ? this.getmember(member) : (member as TarInfo);
    if (tarinfo.isreg() || !tarinfo.supported()) {
      seek(this.fileobj, Number(tarinfo.offset_data));
      const data = read(this.fileobj, Number(tarinfo.size));
      return new ExFileObject(data, (this.fileobj as { name?: unknown }).name ?? null);
    }
    if (tarinfo.islnk() || tarinfo.issym()) return this.extractfile(this.findLinkTarget(tarinfo));
    return null;
  }

  findLinkTarget(tarinfo: TarInfo): TarInfo {
    let linkname: string;
    let limit: TarInfo | null = null;
    if (tarinfo.issym()) {
      linkname = [pathModule.dirname(tarinfo.name) as string, tarinfo.linkname].filter((p) => p !== "").join("/");
    } else {
      linkname = tarinfo.linkname;
      limit = tarinfo;
    }
    const member = this.findMember(linkname, limit, true);
    if (member === null) throw new KeyError(`linkname ${repr(linkname)} not found`);
    return member;
  }

  extractall(...args: unknown[]): null {
    return extractAll(this, args);
  }

  extract(...args: unknown[]): null {
    return extractOne(this, args);
  }

  chown(tarinfo: TarInfo, targetpath: unknown, numericOwner: unknown): null {
    return chownMember(tarinfo, fspath(targetpath), numericOwner === true);
  }

  chmod(tarinfo: TarInfo, targetpath: unknown): null {
    return chmodMember(tarinfo, fspath(targetpath));
  }

  utime(tarinfo: TarInfo, targetpath: unknown): null {
    return utimeMember(tarinfo, fspath(targetpath));
  }

  list(...args: unknown[]): null {
    return listMembers(this, args);
  }

  close(): null {
    if (this.closed) return null;
    this.closed = true;
    try {
      if (this.mode !== "r") {
        write(this.fileobj, new Uint8Array(BLOCKSIZE * 2));
        this.offset += BLOCKSIZE * 2;
        const rem = this.offset % RECORDSIZE;
        if (rem > 0) write(this.fileobj, new Uint8Array(RECORDSIZE - rem));
      }
    } finally {
      if (!this.extfileobj) callMethod(this.fileobj, "close");
    }
    return null;
  }

  __enter__(): this {
    this.check();
    return this;
  }

  __exit__(type: unknown, ..._rest: unknown[]): null {
    if (type === null || type === undefined) this.close();
    else {
      if (!this.extfileobj) callMethod(this.fileobj, "close");
      this.closed = true;
    }
    return null;
  }

  __repr__(): string {
    return `<tarfile.TarFile object at ${addressOf(this)}>`;
  }

  static open(...args: unknown[]): TarFile {
    return openTar(...args);
  }
  static taropen(...args: unknown[]): TarFile {
    const [pos, kws] = splitKw(args);
    const mode = (pos[1] ?? kws["mode"] ?? "r") as string;
    if (!["r", "a", "w", "x"].includes(mode)) throw new ValueError("mode must be 'r', 'a', 'w' or 'x'");
    return new TarFileClass(...args);
  }
  static gzopen(...args: unknown[]): TarFile {
    return gzopen(...args);
  }
}


function isTarInfoClass(x: unknown): boolean {
  return x === TarInfoClass || x === TarInfo;
}


installTarFileMembers(TarFile, { format: BigInt(PAX_FORMAT), encoding: "utf-8", tarinfo: TarInfoClass, fileobject: ExFileObject });
export const TarFileClass = pyClass(TarFile);

const typeConstants = Object.fromEntries(Object.entries(TYPES).map(([k, v]) => [k, typeBytes(v)])) as { [K in keyof typeof TYPES]: Bytes };

export const tarfileModule = moduleObject("tarfile", {
  TarFile: TarFileClass,
  TarInfo: TarInfoClass,
  ExFileObject,
  open: openTar,
  is_tarfile,
  TarError,
  ReadError,
  CompressionError,
  StreamError,
  ExtractError,
  HeaderError,
  FilterError,
  AbsolutePathError,
  OutsideDestinationError,
  SpecialFileError,
  AbsoluteLinkError,
  LinkOutsideDestinationError,
  fully_trusted_filter,
  tar_filter,
  data_filter,
  ...typeConstants,
  USTAR_FORMAT: BigInt(USTAR_FORMAT),
  GNU_FORMAT: BigInt(GNU_FORMAT),
  PAX_FORMAT: BigInt(PAX_FORMAT),
  DEFAULT_FORMAT: BigInt(PAX_FORMAT),
  BLOCKSIZE: BigInt(BLOCKSIZE),
  RECORDSIZE: BigInt(RECORDSIZE),
  ENCODING: "utf-8",
  NUL: Bytes.fromLatin1("\0"),
  GNU_MAGIC: Bytes.fromLatin1("ustar  \0"),
  POSIX_MAGIC: Bytes.fromLatin1("ustar\x0000"),
  LENGTH_NAME: 100n,
  LENGTH_LINK: 100n,
  LENGTH_PREFIX: 155n,
});
