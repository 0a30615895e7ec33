// Python's `open()`: a binary file (BufferedReader/Writer/Random over a file descriptor, read
// and written at its position with Node's synchronous fs calls) and, for text modes, a
// TextIOWrapper decoding it with encoding/errors/newline as CPython does. Errors are CPython's:
// OSError subclasses with errno and filename, io.UnsupportedOperation, ValueError for modes.

import { builtinOverrides } from "../values/builtin-overrides.js";
import { nodeModule, nodeProcess } from "../core/host.js";
import { decode } from "../values/bytes-codec.js";
import { Bytes } from "../values/bytes.js";
import { AttributeError, PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { repr, strRepr } from "../values/repr.js";
import { encode } from "../values/str-codec.js";
import { markLength, withoutMark } from "../values/wide-codec.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { BufferedIOBase, intArg, sizeArg, TextIOBase, UnsupportedOperation } from "./io-base.js";
import { bytesLike, lineEnd } from "./io-memory.js";
import { fsCall, osErrorFrom } from "./os-errors.js";

type Fs = typeof import("node:fs");
const fs = (): Fs => nodeModule("node:fs");

/** A path argument: str, bytes (decoded as os.fsdecode does), or an object with `__fspath__` (pathlib.Path). */
export function pathArg(file: unknown): string {
  const path = fspathOf(file);
  return typeof path === "string" ? path : decode(path, "utf-8", "surrogateescape");
}

/** A path argument as `os.fspath` gives it: a str or bytes path stays what it was (a file's `name`). */
export function fspathOf(file: unknown): string | Uint8Array {
  if (typeof file === "string" || file instanceof Uint8Array) return file;
  const method = (file as { __fspath__?: () => unknown } | null)?.__fspath__;
  if (typeof method === "function") {
    const out = method.call(file);
    if (typeof out === "string" || out instanceof Uint8Array) return out;
  }
  throw new PyTypeError(`expected str, bytes or os.PathLike object, not ${typeName(file)}`);
}

interface Mode {
  readonly reading: boolean;
  readonly writing: boolean;
  readonly appending: boolean;
  readonly creating: boolean;
  readonly updating: boolean;
  readonly binary: boolean;
  readonly text: boolean;
}

function parseMode(mode: string): Mode {
  const seen = new Set<string>();
  for (const c of mode) {
    if (!"rwaxb+t".includes(c) || seen.has(c)) throw new ValueError(`invalid mode: ${strRepr(mode)}`);
    seen.add(c);
  }
  const has = (c: string): boolean => seen.has(c);
  const kinds = ["r", "w", "a", "x"].filter(has).length;
  if (has("b") && has("t")) throw new ValueError("can't have text and binary mode at once");
  if (kinds !== 1) throw new ValueError("must have exactly one of create/read/write/append mode");
  return { reading: has("r"), writing: has("w"), appending: has("a"), creating: has("x"), updating: has("+"), binary: has("b"), text: !has("b") };
}

/** FileIO's normalized mode: `rb`, `wb`, `ab`, `xb`, with `+` after. */
function rawMode(m: Mode): string {
  if (m.creating) return m.updating ? "xb+" : "xb";
  if (m.appending) return m.updating ? "ab+" : "ab";
  if (m.reading || m.updating) return m.updating ? "rb+" : "rb";
  return "wb";
}

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

/** What a TextIOWrapper needs of its binary stream (a binary file, a BytesIO). */
interface BinaryStream {
  readonly closed: boolean;
  readonly name?: unknown;
  read(size?: unknown): Uint8Array;
  write(data: unknown): bigint;
  tell(): bigint;
  seek(offset: unknown, whence?: unknown): bigint;
  truncate(size?: unknown): bigint;
  close(): null;
  readable(): boolean;
  writable(): boolean;
  seekable(): boolean;
  fileno(): bigint;
  isatty(): boolean;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** UTF-8 text at once; on an error, the codec that reports it as CPython does. */
function decodeUtf8Fast(bytes: Uint8Array, errors: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return decode(bytes, "utf-8", errors);
  }
}

function encodingName(encoding: string): string {
  return encoding.toLowerCase().replace(/_/g, "-");
}

/** A text file over a binary one: decodes, translates newlines, counts positions in bytes. */
export class TextIOWrapper extends TextIOBase {
  static readonly tpName: string = "_io.TextIOWrapper";
  static override readonly __module__: string = "_io";
  /** Decoded text read ahead (untranslated) and how far the reader has consumed it. */
  private ahead = "";
  private used = 0;
  /** The byte position where `ahead` starts. */
  private aheadAt = 0;
  readonly encoding: string;
  readonly errors: string;
  private readonly newline: string | null;
  declare mode: string;

  readonly buffer: BinaryStream;

  constructor(...args: unknown[]) {
    super();
    const [pos, kws] = splitKw(args);
    const names = ["buffer", "encoding", "errors", "newline", "line_buffering", "write_through"];
    const arg = (i: number): unknown => (i < pos.length ? pos[i] : kws[names[i]!] ?? null);
    this.buffer = arg(0) as BinaryStream;
    const encoding = arg(1);
    const errors = arg(2);
    const newline = arg(3);
    this.encoding = encoding === null ? "UTF-8" : String(encoding);
    if (encodingName(this.encoding) !== "utf-8-sig") encode("", this.encoding); // an unknown encoding is CPython's LookupError
    this.errors = errors === null ? "strict" : String(errors);
    if (newline !== null && !["", "\n", "\r", "\r\n"].includes(newline as string)) {
      throw new ValueError(`illegal newline value: ${String(newline)}`);
    }
    this.newline = newline as string | null;
    this.aheadAt = Number(this.buffer.tell());
    const enc = encodingName(this.encoding);
    this.utf8 = enc === "utf-8" || enc === "utf8";
    this.sig = enc === "utf-8-sig";
  }

  private readonly utf8: boolean;
  private readonly sig: boolean;

  get name(): unknown {
    if (this.buffer.name === undefined) throw new AttributeError(`'${typeName(this.buffer)}' object has no attribute 'name'`);
    return this.buffer.name;
  }

  override get closed(): boolean {
    return this.buffer.closed;
  }

  get line_buffering(): boolean {
    return false;
  }

  get newlines(): null {
    return null;
  }

  override close(): null {
    return this.buffer.close();
  }

  override readable(): boolean {
    return this.buffer.readable();
  }

  override writable(): boolean {
    return this.buffer.writable();
  }

  override seekable(): boolean {
    return this.buffer.seekable();
  }

  override fileno(): bigint {
    return this.buffer.fileno();
  }

  override flush(): null {
    this.checkClosed();
    (this.buffer as { flush?: () => unknown }).flush?.();
    return null;
  }

  override isatty(): boolean {
    return this.buffer.isatty();
  }

  protected override checkClosed(): void {
    if (this.buffer.closed) throw new ValueError("I/O operation on closed file.");
  }

  private checkReadable(): void {
    this.checkClosed();
    if (!this.buffer.readable()) throw new UnsupportedOperation("not readable");
  }

  /** Decodes the rest of the file once (a text file is read whole on its first read). */
  private fill(): void {
    if (this.used < this.ahead.length) return;
    const at = Number(this.buffer.tell());
    const bytes = this.buffer.read(-1n);
    this.aheadAt = at;
    this.ahead = this.utf8 || this.sig ? decodeUtf8Fast(bytes, this.errors) : decode(bytes, this.encoding, this.errors);
    if (at === 0 && this.sig && this.ahead.startsWith("\ufeff")) {
      // The BOM is not text: positions still count its three bytes.
      this.ahead = this.ahead.slice(1);
      this.aheadAt = 3;
    } else if (at === 0) this.aheadAt = markLength(bytes, this.encoding); // utf-16/32: the mark read

    this.used = 0;
  }

  /** Python's view of raw text: universal newlines become "\n" unless newline is given. */
  private translate(raw: string): string {
    return this.newline === null && raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
  }

  read(size: unknown = -1n): string {
    this.checkReadable();
    this.fill();
    const n = sizeArg(size);
    if (n < 0) {
      const out = this.ahead.slice(this.used);
      this.used = this.ahead.length;
      return this.translate(out);
    }
    // n characters after translation: a "\r\n" pair counts once under universal newlines.
    let i = this.used;
    let count = 0;
    while (count < n && i < this.ahead.length) {
      const c = this.ahead.charCodeAt(i);
      if (this.newline === null && c === 13 && this.ahead.charCodeAt(i + 1) === 10) i += 2;
      else i += c >= 0xd800 && c <= 0xdbff && i + 1 < this.ahead.length ? 2 : 1;
      count++;
    }
    const out = this.ahead.slice(this.used, i);
    this.used = i;
    return this.translate(out);
  }

  readline(size: unknown = -1n): string {
    this.checkReadable();
    this.fill();
    const n = size === -1n ? -1 : sizeArg(size);
    let end = lineEnd(this.ahead, this.used, this.newline === null || this.newline === "" ? null : this.newline);
    if (n >= 0) end = Math.min(end, this.used + n);
    const out = this.ahead.slice(this.used, end);
    this.used = end;
    return this.translate(out);
  }

  write(data: unknown): bigint {
    this.checkClosed();
    if (!this.buffer.writable()) throw new UnsupportedOperation("not writable");
    if (typeof data !== "string") throw new PyTypeError(`write() argument must be str, not ${typeName(data)}`);
    if (this.used < this.ahead.length) this.buffer.seek(this.tell());
    this.ahead = "";
    this.used = 0;
    const text = this.newline !== null && this.newline !== "" && this.newline !== "\n" ? data.replace(/\n/g, this.newline) : data;
    let bytes: Uint8Array;
    if (this.utf8 && this.errors === "strict") bytes = Bytes.fromUtf8(text);
    else if (this.sig) {
      bytes = encode(text, "utf-8", this.errors);
      if (Number(this.buffer.tell()) === 0) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    } else bytes = encode(text, Number(this.buffer.tell()) === 0 ? this.encoding : withoutMark(this.encoding), this.errors);
    this.buffer.write(bytes);
    if (!/[\uD800-\uDFFF]/.test(data)) return BigInt(data.length);
    let count = 0;
    for (const _ of data) count++;
    return BigInt(count);
  }

  tell(): bigint {
    this.checkClosed();
    if (this.used >= this.ahead.length) return this.buffer.tell();
    return BigInt(this.aheadAt + encode(this.ahead.slice(0, this.used), encodingName(this.encoding) === "utf-8-sig" ? "utf-8" : withoutMark(this.encoding), this.errors).length);
  }

  seek(offset: unknown, whence: unknown = 0n): bigint {
    this.checkClosed();
    const where = intArg(offset);
    const how = intArg(whence);
    if (how === 1 && where !== 0) throw new UnsupportedOperation("can't do nonzero cur-relative seeks");
    if (how === 2 && where !== 0) throw new UnsupportedOperation("can't do nonzero end-relative seeks");
    if (how < 0 || how > 2) throw new ValueError(`invalid whence (${how}, should be 0, 1 or 2)`);
    if (how === 0 && where < 0) throw new ValueError(`negative seek position ${where}`);
    const target = how === 1 ? this.tell() : how === 2 ? this.buffer.seek(0n, 2n) : BigInt(where);
    this.ahead = "";
    this.used = 0;
    this.aheadAt = Number(target);
    return this.buffer.seek(target);
  }

  truncate(size: unknown = null): bigint {
    this.checkClosed();
    return this.buffer.truncate(size === null ? this.tell() : size);
  }

  detach(): BinaryStream {
    return this.buffer;
  }

  __repr__(): string {
    const name = this.buffer.name === undefined ? "" : ` name=${fileNameRepr(this.buffer.name)}`;
    const mode = this.mode === undefined ? "" : ` mode=${strRepr(this.mode)}`;
    return `<_io.TextIOWrapper${name}${mode} encoding=${strRepr(this.encoding)}>`;
  }
}

/** A file's name in its repr: a str or bytes path as repr() shows it, a descriptor as its number. */
function fileNameRepr(name: unknown): string {
  return typeof name === "bigint" ? String(name) : repr(name);
}

/** `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None)`. */
export function open(...args: unknown[]): any {
  const patched = builtinOverrides.open;
  if (patched !== undefined) return patched(...args);
  const [pos, kws] = splitKw(args);
  const names = ["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"];
  const arg = (i: number, fallback: unknown): unknown => (i < pos.length ? pos[i] : names[i]! in kws ? kws[names[i]!] : fallback);
  for (const k of Object.keys(kws)) {
    if (!names.includes(k)) throw new PyTypeError(`'${k}' is an invalid keyword argument for open()`);
  }
  const file = arg(0, undefined);
  if (file === undefined) throw new PyTypeError("open() missing required argument 'file' (pos 1)");
  const mode = arg(1, "r");
  if (typeof mode !== "string") throw new PyTypeError(`open() argument 'mode' must be str, not ${typeName(mode)}`);
  const m = parseMode(mode);
  const encoding = arg(3, null);
  const errors = arg(4, null);
  const newline = arg(5, null);
  if (m.binary && encoding !== null) throw new ValueError("binary mode doesn't take an encoding argument");
  if (m.binary && errors !== null) throw new ValueError("binary mode doesn't take an errors argument");
  if (m.binary && newline !== null) throw new ValueError("binary mode doesn't take a newline argument");
  const closefd = truthy(arg(6, true));
  if (typeof file === "bigint" || typeof file === "boolean") {
    const fd = BigInt(file);
    const cls = (m.reading || m.updating) && (!m.reading || m.updating) ? BufferedRandom : m.reading ? BufferedReader : BufferedWriter;
    const binary = new cls(fd, m, closefd);
    if (m.binary) return binary;
    const text = new TextIOWrapper(binary, encoding, errors, newline);
    text.mode = mode;
    return text;
  }
  if (!closefd) throw new ValueError("Cannot use closefd=False with file name");
  const cls = (m.reading || m.updating) && (!m.reading || m.updating) ? BufferedRandom : m.reading ? BufferedReader : BufferedWriter;
  const binary = new cls(fspathOf(file), m);
  if (m.binary) return binary;
  const text = new TextIOWrapper(binary, encoding, errors, newline);
  text.mode = mode;
  return text;
}
