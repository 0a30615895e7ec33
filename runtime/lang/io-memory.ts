// io.StringIO and io.BytesIO: in-memory streams with CPython's positions (code points for
// StringIO, bytes for BytesIO), seek/tell/truncate rules, newline handling and messages.

import { MemoryView } from "../values/memoryview.js";
import { Bytes } from "../values/bytes.js";
import { OSError, PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { addressOf } from "../values/repr.js";
import { typeName } from "../values/typename.js";
import { BufferedIOBase, intArg, sizeArg, TextIOBase, UnsupportedOperation } from "./io-base.js";

const SURROGATE = /[\uD800-\uDFFF]/;

/** The UTF-16 index `count` code points after index `start` of `text`. */
function advance(text: string, start: number, count: number): number {
  let i = start;
  while (count > 0 && i < text.length) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    count--;
  }
  return i;
}

/** Code points in `text` (a surrogate pair counts once). */
function codePoints(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The end of the line starting at `start`, by the newline rule (`null`: universal). */
export function lineEnd(text: string, start: number, newline: string | null): number {
  if (newline === null || newline === "") {
    // Universal: \n, \r or \r\n ends a line.
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (c === "\n") return i + 1;
      if (c === "\r") return text[i + 1] === "\n" ? i + 2 : i + 1;
    }
    return text.length;
  }
  const at = text.indexOf(newline, start);
  return at < 0 ? text.length : at + newline.length;
}

function newlineArg(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== "string") throw new PyTypeError(`newline must be str or None, not ${typeName(value)}`);
  if (!["", "\n", "\r", "\r\n"].includes(value)) throw new ValueError(`illegal newline value: ${value}`);
  return value;
}

export class StringIO extends TextIOBase {
  static readonly tpName: string = "_io.StringIO";
  static override readonly __module__: string = "_io";
  private text = "";
  /** Position in UTF-16 units (code points are counted when `astral`). */
  private pos = 0;
  private astral = false;
  private readonly newline: string | null;

  constructor(...args: unknown[]) {
    super();
    const [pos, kws] = splitKw(args);
    const initial = pos[0] ?? kws["initial_value"] ?? "";
    this.newline = newlineArg(pos[1] !== undefined ? pos[1] : "newline" in kws ? kws["newline"] : "\n");
    if (initial !== null) {
      if (typeof initial !== "string") throw new PyTypeError(`initial_value must be str or None, not ${typeName(initial)}`);
      this.write(initial);
      this.pos = 0;
    }
  }

  protected override checkClosed(): void {
    if (this.isClosed) throw new ValueError("I/O operation on closed file");
  }

  get line_buffering(): boolean {
    this.checkClosed();
    return false;
  }

  get encoding(): null {
    return null;
  }

  get errors(): null {
    return null;
  }

  get newlines(): null {
    this.checkClosed();
    return null;
  }

  override readable(): boolean {
    this.checkClosed();
    return true;
  }

  override writable(): boolean {
    this.checkClosed();
    return true;
  }

  override seekable(): boolean {
    this.checkClosed();
    return true;
  }

  getvalue(): string {
    this.checkClosed();
    return this.text;
  }

  read(size: unknown = -1n): string {
    this.checkClosed();
    const n = sizeArg(size);
    const end = n < 0 ? this.text.length : this.astral ? advance(this.text, this.pos, n) : Math.min(this.text.length, this.pos + n);
    const out = this.pos < this.text.length ? this.text.slice(this.pos, end) : "";
    this.pos = Math.max(this.pos, end);
    return out;
  }

  readline(size: unknown = -1n): string {
    this.checkClosed();
    if (this.pos >= this.text.length) return "";
    const n = sizeArg(size);
    let end = lineEnd(this.text, this.pos, this.newline === "" ? "" : this.newline === null ? "\n" : this.newline);
    if (n >= 0) end = Math.min(end, this.astral ? advance(this.text, this.pos, n) : this.pos + n);
    const out = this.text.slice(this.pos, end);
    this.pos = end;
    return out;
  }

  write(data: unknown): bigint {
    this.checkClosed();
    if (typeof data !== "string") throw new PyTypeError(`string argument expected, got '${typeName(data)}'`);
    const count = codePoints(data);
    let s = data;
    if (this.newline === null) s = s.replace(/\r\n?/g, "\n");
    else if (this.newline === "\r" || this.newline === "\r\n") s = s.replace(/\n/g, this.newline);
    if (SURROGATE.test(s)) this.astral = true;
    if (this.pos > this.text.length) this.text += "\0".repeat(this.pos - this.text.length);
    if (this.pos === this.text.length) this.text += s;
    else {
      const end = this.astral ? advance(this.text, this.pos, codePoints(s)) : this.pos + s.length;
      this.text = this.text.slice(0, this.pos) + s + this.text.slice(end);
    }
    this.pos += s.length;
    return BigInt(count);
  }

  tell(): bigint {
    this.checkClosed();
    return BigInt(this.astral ? codePoints(this.text.slice(0, this.pos)) + Math.max(0, this.pos - this.text.length) : this.pos);
  }

  seek(offset: unknown, whence: unknown = 0n): bigint {
    this.checkClosed();
    const where = intArg(offset);
    const how = intArg(whence);
    if (how < 0 || how > 2) throw new ValueError(`Invalid whence (${how}, should be 0, 1 or 2)`);
    if (how === 0 && where < 0) throw new ValueError(`Negative seek position ${where}`);
    if (how !== 0 && where !== 0) throw new OSError(`Can't do nonzero cur-relative seeks`);
    if (how === 2) this.pos = this.text.length;
    else if (how === 0) {
      const inside = this.astral ? advance(this.text, 0, where) : Math.min(where, this.text.length);
      const counted = this.astral ? codePoints(this.text.slice(0, inside)) : inside;
      this.pos = inside + (where - counted);
    }
    return this.tell();
  }

  truncate(size: unknown = null): bigint {
    this.checkClosed();
    const limit = size === null ? Number(this.tell()) : intArg(size);
    if (limit < 0) throw new ValueError(`Negative size value ${limit}`);
    const end = this.astral ? advance(this.text, 0, limit) : limit;
    if (end < this.text.length) this.text = this.text.slice(0, end);
    return BigInt(limit);
  }

  detach(): never {
    throw new UnsupportedOperation("detach");
  }

  __repr__(): string {
    return `<_io.StringIO object at ${addressOf(this)}>`;
  }
}

/** The bytes of a bytes-like argument, or CPython's TypeError. */
export function bytesLike(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(data)}'`);
}

export class BytesIO extends BufferedIOBase {
  static readonly tpName: string = "_io.BytesIO";
  static override readonly __module__: string = "_io";
  private data = new Uint8Array(0);
  private size = 0;
  private pos = 0;

  constructor(...args: unknown[]) {
    super();
    const [pos, kws] = splitKw(args);
    const initial = pos[0] ?? kws["initial_bytes"] ?? null;
    if (initial !== null) {
      this.write(initial);
      this.pos = 0;
    }
  }

  override readable(): boolean {
    this.checkClosed();
    return true;
  }

  override writable(): boolean {
    this.checkClosed();
    return true;
  }

  override seekable(): boolean {
    this.checkClosed();
    return true;
  }

  getvalue(): Bytes {
    this.checkClosed();
    return Bytes.fromArray(this.data.subarray(0, this.size));
  }

  private take(end: number): Bytes {
    const stop = Math.min(Math.max(end, this.pos), this.size);
    const out = this.pos < stop ? Bytes.fromArray(this.data.subarray(this.pos, stop)) : new Bytes(0);
    this.pos = Math.max(this.pos, stop);
    return out;
  }

  read(size: unknown = -1n): Bytes {
    this.checkClosed();
    const n = sizeArg(size);
    return this.take(n < 0 ? this.size : this.pos + n);
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

  readinto1(buffer: unknown): bigint {
    return this.readinto(buffer);
  }

  detach(): never {
    throw new UnsupportedOperation("detach");
  }

  /**
   * A writable memoryview of the contents. (CPython refuses to resize the BytesIO while a view
   * lives; without reference counts pyts cannot tell a live view from a dropped one, so it
   * does not refuse: a view taken before the BytesIO grows keeps showing the old memory.)
   */
  getbuffer(): MemoryView {
    this.checkClosed();
    return MemoryView.over(this, this.data.subarray(0, this.size));
  }

  readline(size: unknown = -1n): Bytes {
    this.checkClosed();
    const n = sizeArg(size);
    let end = this.data.subarray(0, this.size).indexOf(0x0a, this.pos);
    end = end < 0 ? this.size : end + 1;
    if (n >= 0) end = Math.min(end, this.pos + n);
    return this.take(end);
  }

  write(data: unknown): bigint {
    this.checkClosed();
    const bytes = bytesLike(data);
    const end = this.pos + bytes.length;
    if (end > this.data.length) {
      const grown = new Uint8Array(Math.max(end, this.data.length * 2, 64));
      grown.set(this.data.subarray(0, this.size));
      this.data = grown;
    }
    if (this.pos > this.size) this.data.fill(0, this.size, this.pos);
    this.data.set(bytes, this.pos);
    this.pos = end;
    this.size = Math.max(this.size, end);
    return BigInt(bytes.length);
  }

  tell(): bigint {
    this.checkClosed();
    return BigInt(this.pos);
  }

  seek(offset: unknown, whence: unknown = 0n): bigint {
    this.checkClosed();
    const where = intArg(offset);
    const how = intArg(whence);
    if (how < 0 || how > 2) throw new ValueError(`invalid whence (${how}, should be 0, 1 or 2)`);
    if (how === 0 && where < 0) throw new ValueError(`negative seek value ${where}`);
    const base = how === 0 ? 0 : how === 1 ? this.pos : this.size;
    this.pos = Math.max(0, base + where);
    return BigInt(this.pos);
  }

  truncate(size: unknown = null): bigint {
    this.checkClosed();
    const limit = size === null ? this.pos : intArg(size);
    if (limit < 0) throw new ValueError(`negative size value ${limit}`);
    if (limit < this.size) this.size = limit;
    return BigInt(limit);
  }

  __repr__(): string {
    return `<_io.BytesIO object at ${addressOf(this)}>`;
  }
}
