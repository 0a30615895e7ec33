// Text files of `open()`: a TextIOWrapper over a binary stream (a binary file, a BytesIO)
// decoding with encoding/errors/newline as CPython does, its positions counted in bytes.

import { declareDataAttributes } from "../values/declared-attributes.js";
import { truthy } from "../values/truth.js";
import { decode } from "../values/bytes-codec.js";
import { Bytes } from "../values/bytes.js";
import { AttributeError, PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { strRepr } from "../values/repr.js";
import { encode } from "../values/str-codec.js";
import { markLength, withoutMark } from "../values/wide-codec.js";
import { typeName } from "../values/typename.js";
import { intArg, sizeArg, TextIOBase, UnsupportedOperation } from "./io-base.js";
import { lineEnd } from "./io-memory.js";
import { fileNameRepr } from "./file-args.js";
import { changesDecoding, checkNewline, reconfigureArgs } from "./text-reconfigure.js";

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
  encoding: string;
  errors: string;
  private newline: string | null;
  declare mode: string;

  readonly buffer: BinaryStream;
  /** Whether writes pass to the buffer at once (kept: pyts writes through the buffer anyway). */
  write_through: boolean;
  /** Whether a newline written flushes (kept: each write reaches the buffer at once). */
  line_buffering: boolean;

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
    if (newline !== null) checkNewline(String(newline));
    this.newline = newline as string | null;
    this.line_buffering = truthy(arg(4));
    this.write_through = truthy(arg(5));
    this.aheadAt = Number(this.buffer.tell());
    this.setCodec();
  }

  private declare utf8: boolean;
  private declare sig: boolean;

  private setCodec(): void {
    const enc = encodingName(this.encoding);
    this.utf8 = enc === "utf-8" || enc === "utf8";
    this.sig = enc === "utf-8-sig";
  }

  /** `reconfigure(*, encoding, errors, newline, line_buffering, write_through)`. */
  reconfigure(...args: unknown[]): null {
    const settings = reconfigureArgs(args);
    // (text decoded ahead of the reader was decoded the old way: CPython refuses then)
    if (changesDecoding(settings) && this.ahead !== "") {
      throw new UnsupportedOperation("It is not possible to set the encoding or newline of stream after the first read");
    }
    this.flush();
    if (settings.encoding !== undefined) this.encoding = settings.encoding;
    if (settings.errors !== undefined) this.errors = settings.errors;
    if (settings.newline !== undefined) this.newline = settings.newline;
    if (settings.lineBuffering !== undefined) this.line_buffering = settings.lineBuffering;
    if (settings.writeThrough !== undefined) this.write_through = settings.writeThrough;
    this.setCodec();
    return null;
  }

  get name(): unknown {
    if (this.buffer.name === undefined) throw new AttributeError(`'${typeName(this.buffer)}' object has no attribute 'name'`);
    return this.buffer.name;
  }

  override get closed(): boolean {
    return this.buffer.closed;
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
      // (all of it read: nothing is left decoded ahead, as after CPython's read())
      this.ahead = "";
      this.used = 0;
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

// (`io.TextIOWrapper.encoding`: CPython's descriptors of what a wrapper holds)
declareDataAttributes(TextIOWrapper, "member", "buffer encoding line_buffering write_through");
declareDataAttributes(TextIOWrapper, "getset", "errors");
