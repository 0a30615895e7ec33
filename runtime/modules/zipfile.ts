// Python's `zipfile`: ZipFile in modes r/w/x/a with ZIP_STORED and ZIP_DEFLATED (node:zlib's
// raw deflate, the same zlib CPython uses), members written as CPython writes them (local
// header rewritten with the sizes and CRC, central directory and end record at close), read
// back with CRC checks. The archive's bytes are held in memory and written to the file (or the
// file object, from where it stood) at close. Not provided: ZIP_BZIP2/ZIP_LZMA (refused with
// NotImplementedError), encrypted members (RuntimeError as without a password), zipfile.Path,
// PyZipFile.

import { Bytes } from "../values/bytes.js";
import { decode } from "../values/bytes-codec.js";
import { Dict } from "../values/dict.js";
import { Exception, KeyError, OSError, NotImplementedError, PyTypeError, RuntimeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { repr, strRepr, bytesRepr } from "../values/repr.js";
import { print } from "../values/print.js";
import { kw } from "../values/kwargs.js";
import { typeName } from "../values/typename.js";
import { fsCall } from "../lang/os-errors.js";
import { BadZipFile, endRecord, EOCD, ZipExtFile, ZipWriteFile } from "./zipfile-streams.js";
import { ByteImage, bytesArg, closeAtExit, crc32, deflateRawChunks, fs, inflateRaw, localFields, num, pathOrNull, readFileObject, readPath, seek, tell, toBytes } from "./archive-io.js";
import { COMPRESSOR_NAMES, concat, decodeName, parseCentral, USE_DATA_DESCRIPTOR, ZIP_BZIP2, ZIP_DEFLATED, ZIP_LZMA, ZIP_STORED, ZIP64_LIMIT, ZipInfo, ZipInfoClass } from "./zipfile-info.js";
import { Tuple } from "../values/tuple.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { cwd, fspath, pathModule } from "./os-path.js";
import { warningsModule } from "./warnings.js";

export class LargeZipFile extends Exception {
  static readonly __module__ = "zipfile";
}

function checkCompression(c: number): void {
  if (c === ZIP_STORED || c === ZIP_DEFLATED) return;
  throw new NotImplementedError(c === ZIP_BZIP2 || c === ZIP_LZMA ? `compression type ${c} (${COMPRESSOR_NAMES[c]}) is not supported by pyts` : "That compression method is not supported");
}

export class ZipFile {
  static readonly __module__ = "zipfile";
  filename: unknown;
  readonly mode: string;
  compression: bigint;
  compresslevel: unknown;
  filelist: ZipInfo[] = [];
  NameToInfo = new Dict<string, ZipInfo>();
  debug = 0n;
  pwd: unknown = null;
  metadata_encoding: unknown;
  private commentBytes: Uint8Array = new Bytes(0);
  private image: ByteImage | null = null;
  private readonly path: string | null;
  private readonly fileobj: unknown;
  /** Where the archive starts in a file object opened for writing. */
  private base = 0;
  private startDir = 0;
  private didModify = false;
  private writing = false;
  private readonly allowZip64: boolean;
  private readonly strictTimestamps: boolean;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const file = pos[0] ?? kws["file"];
    const mode = pos[1] ?? kws["mode"] ?? "r";
    const compression = num(pos[2] ?? kws["compression"] ?? 0n);
    this.allowZip64 = (pos[3] ?? kws["allowZip64"] ?? true) !== false;
    this.compresslevel = pos[4] ?? kws["compresslevel"] ?? null;
    this.strictTimestamps = (kws["strict_timestamps"] ?? true) !== false;
    this.metadata_encoding = kws["metadata_encoding"] ?? null;
    if (typeof mode !== "string" || !["r", "w", "x", "a"].includes(mode)) throw new ValueError("ZipFile requires mode 'r', 'w', 'x', or 'a'");
    checkCompression(compression);
    this.compression = BigInt(compression);
    this.mode = mode;
    if (this.metadata_encoding !== null && mode !== "r") throw new ValueError("metadata_encoding is only supported for reading files");
    this.path = pathOrNull(file);
    this.fileobj = this.path === null ? file : null;
    this.filename = this.path ?? (file !== null && typeof file === "object" && "name" in file ? (file as { name: unknown }).name : null);
    if (this.path !== null) {
      const path = this.path;
      if (mode === "r") this.image = new ByteImage(readPath(path));
      else if (mode === "x") {
        fsCall(() => fs().writeFileSync(path, new Uint8Array(0), { flag: "wx" }), path);
        this.image = new ByteImage();
      } else if (mode === "w") {
        fsCall(() => fs().writeFileSync(path, new Uint8Array(0)), path);
        this.image = new ByteImage();
      } else {
        let existing: Uint8Array;
        try {
          existing = fs().readFileSync(path);
        } catch {
          fsCall(() => fs().writeFileSync(path, new Uint8Array(0)), path);
          existing = new Uint8Array(0);
        }
        this.image = new ByteImage(existing);
      }
    } else if (mode === "r" || mode === "a") {
      this.image = new ByteImage(readFileObject(this.fileobj).data);
    } else {
      this.base = tell(this.fileobj);
      this.image = new ByteImage(new Uint8Array(this.base));
    }
    if (mode !== "r") closeAtExit(this, true);
    if (mode === "r") this.readContents();
    else if (mode === "w" || mode === "x") {
      this.didModify = true;
      this.startDir = this.base;
    } else {
      try {
        this.readContents();
      } catch (e) {
        if (!(e instanceof BadZipFile)) throw e;
        this.didModify = true;
        this.startDir = this.image.length;
      }
    }
  }

  private readContents(): void {
    const buf = this.image!.view();
    const end = endRecord(buf);
    if (end === null) throw new BadZipFile("File is not a zip file");
    this.commentBytes = Bytes.fromArray(end.comment);
    const concatOffset = end.location - end.size - end.offset;
    this.startDir = end.offset + concatOffset;
    if (this.startDir < 0) throw new BadZipFile("Bad offset for central directory");
    let at = this.startDir;
    const stop = this.startDir + end.size;
    const enc = this.metadata_encoding === null ? null : String(this.metadata_encoding);
    while (at < stop) {
      if (at + 46 > buf.length) throw new BadZipFile("Truncated central directory");
      if (new DataView(buf.buffer, buf.byteOffset + at, 4).getUint32(0, true) !== 0x02014b50) throw new BadZipFile("Bad magic number for central directory");
      const [x, next] = parseCentral(buf, at, enc);
      if (x.extract_version > 63n) throw new NotImplementedError(`zip file version ${(Number(x.extract_version) / 10).toFixed(1)}`);
      x.header_offset += BigInt(concatOffset);
      this.filelist.push(x);
      this.NameToInfo.set(x.filename, x);
      at = next;
    }
  }

  get comment(): Bytes {
    return Bytes.fromArray(this.commentBytes);
  }
  set comment(value: unknown) {
    if (!(value instanceof Uint8Array) || typeName(value) !== "bytes") throw new PyTypeError(`comment: expected bytes, got ${typeName(value)}`);
    let c = value;
    if (c.length > 65535) {
      warningsModule.warn("Archive comment is too long; truncating to 65535 bytes");
      c = c.subarray(0, 65535);
    }
    this.commentBytes = c;
    this.didModify = true;
  }

  get fp(): unknown {
    return this.image === null ? null : (this.fileobj ?? this.path);
  }

  __enter__(): this {
    return this;
  }
  __exit__(..._exc: unknown[]): null {
    this.close();
    return null;
  }

  __repr__(): string {
    const out = ["<zipfile.ZipFile"];
    if (this.image !== null) {
      if (this.fileobj !== null) out.push(` file=${repr(this.fileobj)}`);
      else if (this.filename !== null) out.push(` filename=${repr(this.filename)}`);
      out.push(` mode=${strRepr(this.mode)}`);
    } else out.push(" [closed]");
    out.push(">");
    return out.join("");
  }

  namelist(): string[] {
    return this.filelist.map((z) => z.filename);
  }
  infolist(): ZipInfo[] {
    return this.filelist.slice();
  }
  getinfo(name: unknown): ZipInfo {
    const info = this.NameToInfo.get(name as string);
    if (info === undefined) throw new KeyError(`There is no item named ${repr(name)} in the archive`);
    return info;
  }
  setpassword(pwd: unknown): null {
    if (pwd !== null && !(pwd instanceof Uint8Array)) throw new PyTypeError(`pwd: expected bytes, got ${typeName(pwd)}`);
    this.pwd = pwd;
    return null;
  }

  printdir(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const file = pos[0] ?? kws["file"] ?? null;
    const pad = (s: string, n: number, left: boolean): string => (left ? s.padEnd(n) : s.padStart(n));
    print(`${pad("File Name", 46, true)} ${pad("Modified    ", 19, false)} ${pad("Size", 12, false)}`, kw({ file }));
    for (const z of this.filelist) {
      const d = (z.date_time as Tuple<bigint>).items.map(Number);
      const two = (n: number): string => String(n).padStart(2, "0");
      const date = `${d[0]}-${two(d[1]!)}-${two(d[2]!)} ${two(d[3]!)}:${two(d[4]!)}:${two(d[5]!)}`;
      print(`${pad(z.filename, 46, true)} ${date} ${pad(String(z.file_size), 12, false)}`, kw({ file }));
    }
    return null;
  }

  private checkOpen(what = "use"): ByteImage {
    if (this.image === null) throw new ValueError(`Attempt to ${what} ZIP archive that was already closed`);
    return this.image;
  }

  /** A member's stored bytes (after its local header), checked as ZipFile.open checks them. */
  private memberData(zinfo: ZipInfo, name: unknown, pwd: unknown): Uint8Array {
    const buf = this.checkOpen().view();
    const at = Number(zinfo.header_offset);
    if (at + 30 > buf.length) throw new BadZipFile("Truncated file header");
    const view = new DataView(buf.buffer, buf.byteOffset + at, 30);
    if (view.getUint32(0, true) !== 0x04034b50) throw new BadZipFile("Bad magic number for file header");
    const nameLen = view.getUint16(26, true);
    const extraLen = view.getUint16(28, true);
    const flags = view.getUint16(6, true);
    const rawName = buf.subarray(at + 30, at + 30 + nameLen);
    const flagBits = Number(zinfo.flag_bits);
    if (flagBits & 0x20) throw new NotImplementedError("compressed patched data (flag bit 5)");
    if (flagBits & 0x40) throw new NotImplementedError("strong encryption (flag bit 6)");
    const fname = flags & 0x800 ? decode(rawName, "utf-8") : decodeName(rawName, this.metadata_encoding === null ? null : String(this.metadata_encoding));
    if (fname !== zinfo.orig_filename) throw new BadZipFile(`File name in directory ${strRepr(zinfo.orig_filename)} and header ${bytesRepr(Bytes.fromArray(rawName))} differ.`);
    if (flagBits & 0x1) {
      if (pwd === null || pwd === undefined) pwd = this.pwd;
      if (pwd !== null && !(pwd instanceof Uint8Array)) throw new PyTypeError(`pwd: expected bytes, got ${typeName(pwd)}`);
      if (pwd === null || (pwd as Uint8Array).length === 0) throw new RuntimeError(`File ${repr(name)} is encrypted, password required for extraction`);
      throw new NotImplementedError("pyts does not decrypt zip members");
    }
    const start = at + 30 + nameLen + extraLen;
    return buf.subarray(start, start + Number(zinfo.compress_size));
  }

  private content(zinfo: ZipInfo, name: unknown, pwd: unknown): Uint8Array {
    const raw = this.memberData(zinfo, name, pwd);
    const ct = Number(zinfo.compress_type);
    if (ct === ZIP_STORED) return raw;
    if (ct === ZIP_DEFLATED) return inflateRaw(raw);
    const method = COMPRESSOR_NAMES[ct];
    throw new NotImplementedError(method === undefined ? `compression type ${ct}` : `compression type ${ct} (${method})`);
  }

  open(...args: unknown[]): ZipExtFile | ZipWriteFile {
    const [pos, kws] = splitKw(args);
    const name = pos[0] ?? kws["name"];
    const mode = pos[1] ?? kws["mode"] ?? "r";
    const pwd = pos[2] ?? kws["pwd"] ?? null;
    const forceZip64 = (kws["force_zip64"] ?? false) === true;
    if (mode !== "r" && mode !== "w") throw new ValueError('open() requires mode "r" or "w"');
    if (pwd !== null && mode === "w") throw new ValueError("pwd is only supported for reading files");
    this.checkOpen();
    let zinfo: ZipInfo;
    if (name instanceof ZipInfo) zinfo = name;
    else if (mode === "w") {
      zinfo = new ZipInfoClass(name);
      zinfo.compress_type = this.compression;
      zinfo._compresslevel = this.compresslevel;
    } else zinfo = this.getinfo(name);
    if (mode === "w") return this.openToWrite(zinfo, forceZip64);
    if (this.writing) throw new ValueError("Can't read from the ZIP file while there is an open writing handle on it. Close the writing handle before trying to read.");
    return new ZipExtFile(this.content(zinfo, name, pwd), zinfo);
  }

  private openToWrite(zinfo: ZipInfo, forceZip64: boolean): ZipWriteFile {
    if (forceZip64 && !this.allowZip64) throw new ValueError("force_zip64 is True, but allowZip64 was False when opening the ZIP file.");
    if (this.writing) throw new ValueError("Can't write to the ZIP file while there is another write handle open on it. Close the first handle before opening another.");
    zinfo.compress_size = 0n;
    zinfo.CRC = 0n;
    zinfo.flag_bits = 0n;
    if (!zinfo.external_attr) zinfo.external_attr = BigInt(0o600 << 16);
    const zip64 = this.allowZip64 && (forceZip64 || Number(zinfo.file_size) * 1.05 > ZIP64_LIMIT);
    zinfo.header_offset = BigInt(this.startDir);
    this.writeCheck(zinfo);
    this.didModify = true;
    this.startDir = this.image!.write(this.startDir, zinfo.FileHeader(zip64));
    this.writing = true;
    return new ZipWriteFile(this, zinfo, zip64);
  }

  /** _ZipWriteFile.close: the data compressed after the header, then the header rewritten. */
  finishMember(zinfo: ZipInfo, chunks: readonly Uint8Array[], zip64: boolean): void {
    const image = this.image!;
    const ct = Number(zinfo.compress_type);
    const level = zinfo._compresslevel === null ? -1 : num(zinfo._compresslevel);
    const data = concat([...chunks]);
    const stored = ct === ZIP_DEFLATED ? deflateRawChunks(chunks, level) : data;
    zinfo.compress_size = BigInt(stored.length);
    zinfo.CRC = BigInt(crc32(data));
    zinfo.file_size = BigInt(data.length);
    this.writing = false;
    if (!zip64) {
      if (data.length > ZIP64_LIMIT) throw new RuntimeError("File size too large, try using force_zip64");
      if (stored.length > ZIP64_LIMIT) throw new RuntimeError("Compressed size too large, try using force_zip64");
    }
    this.startDir = image.write(this.startDir, stored);
    image.write(Number(zinfo.header_offset), zinfo.FileHeader(zip64));
    this.filelist.push(zinfo);
    this.NameToInfo.set(zinfo.filename, zinfo);
  }

  private writeCheck(zinfo: ZipInfo): void {
    if (this.NameToInfo.has(zinfo.filename)) warningsModule.warn(`Duplicate name: ${strRepr(zinfo.filename)}`);
    if (!["w", "x", "a"].includes(this.mode)) throw new ValueError("write() requires mode 'w', 'x', or 'a'");
    this.checkOpen("write");
    checkCompression(Number(zinfo.compress_type));
    if (!this.allowZip64) {
      const requires = this.filelist.length >= 0xffff ? "Files count" : zinfo.file_size > ZIP64_LIMIT ? "Filesize" : zinfo.header_offset > ZIP64_LIMIT ? "Zipfile size" : null;
      if (requires !== null) throw new LargeZipFile(`${requires} would require ZIP64 extensions`);
    }
  }

  read(...args: unknown[]): Bytes {
    const [pos, kws] = splitKw(args);
    const f = this.open(pos[0] ?? kws["name"], "r", pos[1] ?? kws["pwd"] ?? null) as ZipExtFile;
    const out = f.read();
    f.close();
    return out;
  }

  testzip(): string | null {
    for (const zinfo of this.filelist) {
      try {
        const f = this.open(zinfo.filename, "r") as ZipExtFile;
        while (f.read(1n << 20n).length > 0);
      } catch (e) {
        if (e instanceof BadZipFile) return zinfo.filename;
        throw e;
      }
    }
    return null;
  }

  mkdir(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const target = pos[0] ?? kws["zinfo_or_directory_name"];
    const mode = num(pos[1] ?? kws["mode"] ?? 511n);
    let zinfo: ZipInfo;
    if (target instanceof ZipInfo) {
      zinfo = target;
      if (!zinfo.is_dir()) throw new ValueError("The given ZipInfo does not describe a directory");
    } else if (typeof target === "string") {
      zinfo = new ZipInfoClass(target.endsWith("/") ? target : target + "/");
      zinfo.compress_size = 0n;
      zinfo.CRC = 0n;
      zinfo.external_attr = BigInt((((0o40000 | mode) & 0xffff) << 16) >>> 0) | 0x10n;
      zinfo.file_size = 0n;
    } else throw new PyTypeError("Expected type str or ZipInfo");
    zinfo.header_offset = BigInt(this.startDir);
    this.writeCheck(zinfo);
    this.didModify = true;
    this.filelist.push(zinfo);
    this.NameToInfo.set(zinfo.filename, zinfo);
    this.startDir = this.image!.write(this.startDir, zinfo.FileHeader(false));
    return null;
  }

  write(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const filename = pos[0] ?? kws["filename"];
    const arcname = pos[1] ?? kws["arcname"] ?? null;
    const compressType = pos[2] ?? kws["compress_type"] ?? null;
    const compresslevel = pos[3] ?? kws["compresslevel"] ?? null;
    this.checkOpen("write");
    if (this.writing) throw new ValueError("Can't write to ZIP archive while an open writing handle exists");
    const zinfo = ZipInfo.from_file(filename, arcname, kw({ strict_timestamps: this.strictTimestamps }));
    if (zinfo.is_dir()) {
      zinfo.compress_size = 0n;
      zinfo.CRC = 0n;
      this.mkdir(zinfo);
      return null;
    }
    zinfo.compress_type = compressType === null ? this.compression : BigInt(num(compressType));
    zinfo._compresslevel = compresslevel ?? this.compresslevel;
    const path = fspath(filename);
    const data = fsCall(() => fs().readFileSync(path), path);
    const dest = this.openToWrite(zinfo, false);
    // in the 8 KiB pieces shutil.copyfileobj gives CPython's ZipFile.write (each compressed as it comes)
    for (let at = 0; at < data.length; at += 8192) dest.write(data.subarray(at, at + 8192));
    dest.close();
    return null;
  }

  writestr(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const target = pos[0] ?? kws["zinfo_or_arcname"];
    let data = pos[1] ?? kws["data"];
    const compressType = pos[2] ?? kws["compress_type"] ?? null;
    const compresslevel = pos[3] ?? kws["compresslevel"] ?? null;
    if (typeof data === "string") data = Bytes.fromUtf8(data);
    const bytes = bytesArg(data);
    let zinfo: ZipInfo;
    if (!(target instanceof ZipInfo)) {
      zinfo = new ZipInfoClass(target, Tuple.from(localFields(Date.now() / 1000).map(BigInt)));
      zinfo.compress_type = this.compression;
      zinfo._compresslevel = this.compresslevel;
      zinfo.external_attr = zinfo.filename.endsWith("/") ? BigInt(0o40775 << 16) | 0x10n : BigInt(0o600 << 16);
    } else zinfo = target;
    this.checkOpen("write");
    if (this.writing) throw new ValueError("Can't write to ZIP archive while an open writing handle exists.");
    if (compressType !== null) zinfo.compress_type = BigInt(num(compressType));
    if (compresslevel !== null) zinfo._compresslevel = compresslevel;
    zinfo.file_size = BigInt(bytes.length);
    const dest = this.openToWrite(zinfo, false);
    dest.write(bytes);
    dest.close();
    return null;
  }

  extract(...args: unknown[]): string {
    const [pos, kws] = splitKw(args);
    const member = pos[0] ?? kws["member"];
    const path = pos[1] ?? kws["path"] ?? null;
    const pwd = pos[2] ?? kws["pwd"] ?? null;
    return this.extractMember(member, path === null ? cwd() : fspath(path), pwd);
  }

  extractall(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const path = pos[0] ?? kws["path"] ?? null;
    const members = pos[1] ?? kws["members"] ?? null;
    const pwd = pos[2] ?? kws["pwd"] ?? null;
    const target = path === null ? cwd() : fspath(path);
    const list = members === null ? this.namelist() : [...(members as Iterable<unknown>)];
    for (const m of list) this.extractMember(m, target, pwd);
    return null;
  }

  private extractMember(memberArg: unknown, targetDir: string, pwd: unknown): string {
    const member = memberArg instanceof ZipInfo ? memberArg : this.getinfo(memberArg);
    const arcname = member.filename
      .split("/")
      .filter((x) => x !== "" && x !== "." && x !== "..")
      .join("/");
    const targetpath = pathModule.normpath(pathModule.join(targetDir, arcname)) as string;
    const upper = pathModule.dirname(targetpath) as string;
    if (upper && !pathModule.exists(upper)) fsCall(() => fs().mkdirSync(upper, { recursive: true }), upper);
    if (member.is_dir()) {
      if (!pathModule.isdir(targetpath)) fsCall(() => fs().mkdirSync(targetpath), targetpath);
      return targetpath;
    }
    const f = this.open(member, "r", pwd) as ZipExtFile;
    const data = f.read();
    fsCall(() => fs().writeFileSync(targetpath, data), targetpath);
    return targetpath;
  }

  close(): null {
    const image = this.image;
    if (image === null) return null;
    if (this.writing) throw new ValueError("Can't close the ZIP file while there is an open writing handle on it. Close the writing handle before closing the zip.");
    closeAtExit(this, false);
    if (this.mode !== "r" && this.didModify) this.writeEndRecord(image);
    this.image = null;
    return null;
  }

  private writeEndRecord(image: ByteImage): void {
    let at = this.startDir;
    for (const z of this.filelist) at = image.write(at, z.centralRecord());
    const count = this.filelist.length;
    let size = at - this.startDir;
    let offset = this.startDir;
    if (count > 0xffff || size > ZIP64_LIMIT || offset > ZIP64_LIMIT) {
      if (!this.allowZip64) throw new LargeZipFile(`${count > 0xffff ? "Files count" : size > ZIP64_LIMIT ? "Central directory size" : "Central directory offset"} would require ZIP64 extensions`);
      const z = new Uint8Array(76);
      const v = new DataView(z.buffer);
      v.setUint32(0, 0x06064b50, true);
      v.setBigUint64(4, 44n, true);
      v.setUint16(12, 45, true);
      v.setUint16(14, 45, true);
      v.setBigUint64(24, BigInt(count), true);
      v.setBigUint64(32, BigInt(count), true);
      v.setBigUint64(40, BigInt(size), true);
      v.setBigUint64(48, BigInt(offset), true);
      v.setUint32(56, 0x07064b50, true);
      v.setBigUint64(64, BigInt(at), true);
      v.setUint32(72, 1, true);
      at = image.write(at, z);
      size = Math.min(size, 0xffffffff);
      offset = Math.min(offset, 0xffffffff);
    }
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, EOCD, true);
    v.setUint16(8, Math.min(count, 0xffff), true);
    v.setUint16(10, Math.min(count, 0xffff), true);
    v.setUint32(12, size, true);
    v.setUint32(16, offset, true);
    v.setUint16(20, this.commentBytes.length, true);
    at = image.write(at, end);
    at = image.write(at, this.commentBytes);
    image.truncate(at);
    this.flushImage(image);
  }

  private flushImage(image: ByteImage): void {
    const all = image.view();
    if (this.path !== null) {
      const path = this.path;
      fsCall(() => fs().writeFileSync(path, all), path);
      return;
    }
    const start = this.mode === "a" ? 0 : this.base;
    seek(this.fileobj, start);
    callMethod(this.fileobj, "write", toBytes(all.subarray(start)));
    if (this.mode === "a") callMethod(this.fileobj, "truncate");
    const flush = (this.fileobj as { flush?: unknown }).flush;
    if (typeof flush === "function") callMethod(this.fileobj, "flush");
  }
}

function is_zipfile(filename: unknown): boolean {
  let data: Uint8Array;
  try {
    if (filename !== null && typeof filename === "object" && typeof (filename as { read?: unknown }).read === "function") {
      const at = callMethod(filename, "tell");
      data = readFileObject(filename).data;
      callMethod(filename, "seek", at);
    } else {
      const path = fspath(filename);
      data = fsCall(() => fs().readFileSync(path), path);
    }
  } catch (e) {
    if (e instanceof OSError) return false;
    throw e;
  }
  const end = endRecord(data);
  return end !== null;
}

export { BadZipFile, ZipExtFile };

export const zipfileModule = moduleObject("zipfile", {
  ZipFile: pyClass(ZipFile),
  ZipInfo: ZipInfoClass,
  ZipExtFile,
  BadZipFile,
  BadZipfile: BadZipFile,
  error: BadZipFile,
  LargeZipFile,
  is_zipfile,
  ZIP_STORED: BigInt(ZIP_STORED),
  ZIP_DEFLATED: BigInt(ZIP_DEFLATED),
  ZIP_BZIP2: BigInt(ZIP_BZIP2),
  ZIP_LZMA: BigInt(ZIP_LZMA),
  ZIP64_LIMIT: BigInt(ZIP64_LIMIT),
  ZIP_FILECOUNT_LIMIT: 65535n,
  ZIP_MAX_COMMENT: 65535n,
  USE_DATA_DESCRIPTOR: BigInt(USE_DATA_DESCRIPTOR),
});
