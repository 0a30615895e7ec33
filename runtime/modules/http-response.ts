// `http.client.HTTPResponse`, what `HTTPConnection.getresponse()` and `urllib.request.urlopen`
// return: a buffered binary stream over the body (io.BufferedIOBase: `with`, line iteration,
// `readlines`) with CPython's bookkeeping of the connection: `length` counts the bytes left
// (None without Content-Length), and the connection closes (`isclosed()`) when a read reaches
// the end of the body, while `closed` is set by `close()` alone, as in CPython.

import { Bytes } from "../values/bytes.js";
import { AttributeError } from "../values/exceptions.js";
import { BufferedIOBase, sizeArg, UnsupportedOperation } from "../lang/io-base.js";
import { bytesLike } from "../lang/io-memory.js";
import type { HttpHeaders } from "./http-headers.js";

/** A response's `msg` until assigned: see HTTPResponse.defaultMsg. */
const MSG: PropertyDescriptor = {
  get(this: HTTPResponse) {
    return this.defaultMsg();
  },
  set(this: HTTPResponse, value: unknown) {
    Object.defineProperty(this, "msg", { value, writable: true, configurable: true, enumerable: true });
  },
  configurable: true,
  enumerable: true,
};

export class HTTPResponse extends BufferedIOBase {
  static pythonName = "HTTPResponse";
  static override readonly __module__ = "http.client";
  readonly status: bigint;
  code: bigint;
  declare msg: unknown;
  readonly reason: string;
  readonly version: bigint;
  readonly headers: HttpHeaders;
  /** The bytes of the body not yet read (null without Content-Length). */
  length: bigint | null;
  private position = 0;
  private connectionOpen = true;

  constructor(
    private responseUrl: string | null,
    status: number,
    reason: string,
    version: number,
    headers: HttpHeaders,
    private readonly body: Bytes,
    private readonly socketFileno: (() => bigint) | null = null,
  ) {
    super();
    this.status = BigInt(status);
    // (code and msg are instance attributes, as CPython's begin() sets them)
    this.code = this.status;
    Object.defineProperty(this, "msg", MSG);
    this.reason = reason;
    this.version = BigInt(version);
    this.headers = headers;
    const declared = headers.get("Content-Length");
    const chunked = String(headers.get("Transfer-Encoding") ?? "").toLowerCase() === "chunked";
    this.length = typeof declared === "string" && !chunked && /^\d+$/.test(declared.trim()) ? BigInt(body.length) : null;
    // (a body that is empty by the status or method: the connection is done with at once)
    if (body.length === 0 && this.length === null && (status === 204 || status === 304 || (status >= 100 && status < 200))) this.length = 0n;
  }

  /** `url` (urlopen's responses only: http.client's have none, as in CPython). */
  get url(): string {
    if (this.responseUrl === null) throw new AttributeError("'HTTPResponse' object has no attribute 'url'");
    return this.responseUrl;
  }
  /** (urllib's HTTP handlers set it on http.client's response) */
  set url(url: string) {
    this.responseUrl = url;
  }
  /** `msg`'s value before any assignment: the headers; urlopen's responses hold the reason there instead, as urllib sets it. */
  defaultMsg(): unknown {
    return this.responseUrl === null ? this.headers : this.reason;
  }
  getcode(): bigint {
    return this.status;
  }
  geturl(): string {
    return this.url;
  }
  info(): HttpHeaders {
    return this.headers;
  }
  /** The header's values joined by ", ", or the default. */
  getheader(name: unknown, fallback: unknown = null): any {
    const all = this.headers.get_all(name, null) as string[] | null;
    return all === null ? fallback : all.join(", ");
  }
  getheaders(): any[] {
    return this.headers.items();
  }

  isclosed(): boolean {
    return !this.connectionOpen;
  }
  override readable(): boolean {
    return true;
  }
  override fileno(): bigint {
    // CPython's fp is None once the body is read or the response closed
    if (!this.connectionOpen || this.left === 0) throw new AttributeError("'NoneType' object has no attribute 'fileno'");
    // (urlopen's request ran on a helper thread: no socket of this process carries the body)
    if (this.socketFileno === null) throw new UnsupportedOperation("fileno");
    return this.socketFileno();
  }

  private get left(): number {
    return this.body.length - this.position;
  }

  /** The next `n` bytes at most (all that are left for a negative n). */
  private take(n: number): Bytes {
    const end = n < 0 ? this.body.length : Math.min(this.body.length, this.position + n);
    const chunk = Bytes.fromArray(this.body.subarray(this.position, end));
    this.position = end;
    return chunk;
  }

  /** A size limited to the bytes left when the length is known (-1: as many). */
  private clamped(size: number): number {
    return this.length !== null && (size < 0 || size > Number(this.length)) ? Number(this.length) : size;
  }

  /** After a read of `got` bytes asked as `asked`: CPython's accounting, closing at the end. */
  private account(got: number, asked: number, closeAtEnd: boolean): void {
    if (got === 0 && asked !== 0) this.closeConnection();
    else if (this.length !== null) {
      this.length -= BigInt(got);
      if (this.length === 0n && closeAtEnd) this.closeConnection();
    } else if (closeAtEnd && this.left === 0 && this.chunkedDone()) this.closeConnection();
  }

  /** A chunked body is read to its last chunk once it is all taken. */
  private chunkedDone(): boolean {
    return String(this.headers.get("Transfer-Encoding") ?? "").toLowerCase() === "chunked";
  }

  private closeConnection(): void {
    this.connectionOpen = false;
  }

  /** read([amt]): the rest of the body, or at most `amt` bytes. */
  read(amt: unknown = null): Bytes {
    if (!this.connectionOpen) return Bytes.fromArray(new Uint8Array(0));
    if (amt === null || amt === undefined) {
      const all = this.take(-1);
      if (this.length !== null) this.length = 0n;
      this.closeConnection();
      return all;
    }
    const n = sizeArg(amt);
    const chunk = this.take(n);
    this.account(chunk.length, n, true);
    return chunk;
  }

  /** read1([n]): as read(n) here (the body is buffered), without closing at the end. */
  read1(n: unknown = -1n): Bytes {
    if (!this.connectionOpen) return Bytes.fromArray(new Uint8Array(0));
    const size = this.clamped(sizeArg(n));
    const chunk = this.take(size);
    this.account(chunk.length, size, false);
    return chunk;
  }

  /** peek([n]): the buffered bytes ahead, without consuming them. */
  peek(_n: unknown = -1n): Bytes {
    if (!this.connectionOpen) return Bytes.fromArray(new Uint8Array(0));
    return Bytes.fromArray(this.body.subarray(this.position));
  }

  readline(limit: unknown = -1n): Bytes {
    if (!this.connectionOpen) return Bytes.fromArray(new Uint8Array(0));
    const size = this.clamped(sizeArg(limit));
    const newline = this.body.indexOf(10, this.position);
    let end = newline < 0 ? this.body.length : newline + 1;
    if (size >= 0) end = Math.min(end, this.position + size);
    const line = this.take(end - this.position);
    this.account(line.length, size, false);
    return line;
  }

  readinto(buffer: unknown): bigint {
    if (!this.connectionOpen) return 0n;
    const target = bytesLike(buffer);
    const chunk = this.take(target.length);
    target.set(chunk);
    this.account(chunk.length, target.length, true);
    return BigInt(chunk.length);
  }
  readinto1(buffer: unknown): bigint {
    return this.readinto(buffer);
  }

  /** Line iteration; a closed response gives no lines (CPython's `__iter__` returns it as it is). */
  override __iter__(): this {
    return this;
  }
  override *[Symbol.iterator](): Iterator<Bytes> {
    for (let line = this.readline(); line.length > 0; line = this.readline()) yield line;
  }

  write(_data: unknown): bigint {
    throw new UnsupportedOperation("write");
  }
  seek(..._args: unknown[]): never {
    throw new UnsupportedOperation("seek");
  }
  tell(): never {
    throw new UnsupportedOperation("seek");
  }
  truncate(..._args: unknown[]): never {
    throw new UnsupportedOperation("truncate");
  }
  detach(): never {
    throw new UnsupportedOperation("detach");
  }
  /** begin(): reads the status line and headers; they are read already (as after CPython's getresponse()). */
  begin(): null {
    return null;
  }

  override close(): null {
    super.close();
    this.closeConnection();
    return null;
  }

  __repr__(): string {
    return "<http.client.HTTPResponse object>";
  }
}
