// What every Python stream shares (io.IOBase): closing, the with-statement, line iteration,
// readlines/writelines, the capability queries, and io.UnsupportedOperation. StringIO,
// BytesIO and the file objects `open()` returns (files.ts) build on it.

import { NotImplementedError, OSError, PyTypeError, StopIteration, ValueError } from "../values/exceptions.js";
import { ByteArray } from "../values/bytearray.js";
import { Bytes } from "../values/bytes.js";
import { callMethod } from "../values/methods.js";
import { iterable } from "../values/iteration.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { typeName } from "../values/typename.js";
import { inheritFrom } from "./mro.js";

/** `io.UnsupportedOperation`: both an OSError and a ValueError, as in CPython. */
export class UnsupportedOperation extends OSError {
  static readonly __module__: string = "io";
  static {
    inheritFrom(this, [OSError, ValueError]);
  }
}

export const SEEK_SET = 0n;
export const SEEK_CUR = 1n;
export const SEEK_END = 2n;

/** An optional size argument (`read(n)`, `readline(n)`): -1 for "all", CPython's TypeError otherwise. */
export function sizeArg(size: unknown): number {
  if (size === undefined || size === null) return -1;
  if (isIntLike(size)) return Number(toBigInt(size));
  throw new PyTypeError(`argument should be integer or None, not '${typeName(size)}'`);
}

/** An int argument (`seek(pos)`, `truncate(size)`). */
export function intArg(x: unknown): number {
  if (isIntLike(x)) return Number(toBigInt(x));
  throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
}

export class IOBase {
  static readonly __module__: string = "io";
  protected isClosed = false;

  get closed(): boolean {
    return this.isClosed;
  }

  protected checkClosed(): void {
    if (this.isClosed) throw new ValueError("I/O operation on closed file.");
  }

  /** A line read a byte at a time through `read(1)` (what a subclass defining read gets). */
  readline(size: unknown = -1n): string | Uint8Array {
    const limit = sizeArg(size);
    const line: number[] = [];
    while (limit < 0 || line.length < limit) {
      const got: unknown = callMethod(this, "read", 1n);
      if (!(got instanceof Uint8Array)) throw new OSError(`read() should have returned a bytes object, not '${typeName(got)}'`);
      if (got.length === 0) break;
      for (let i = 0; i < got.length; i++) line.push(got[i]!);
      if (got[got.length - 1] === 10) break;
    }
    return Bytes.fromArray(line);
  }

  seek(_offset: unknown, _whence: unknown = 0n): bigint {
    throw new UnsupportedOperation("seek");
  }

  /** `seek(0, 1)`: the position, where the stream can seek. */
  tell(): bigint {
    return callMethod(this, "seek", 0n, 1n) as bigint;
  }

  truncate(_size: unknown = null): bigint {
    throw new UnsupportedOperation("truncate");
  }

  close(): null {
    this.isClosed = true;
    return null;
  }

  flush(): null {
    this.checkClosed();
    return null;
  }

  readable(): boolean {
    this.checkClosed();
    return false;
  }

  writable(): boolean {
    this.checkClosed();
    return false;
  }

  seekable(): boolean {
    this.checkClosed();
    return false;
  }

  isatty(): boolean {
    this.checkClosed();
    return false;
  }

  fileno(): bigint {
    throw new UnsupportedOperation("fileno");
  }

  readlines(hint: unknown = -1n): unknown[] {
    const limit = sizeArg(hint);
    const lines: unknown[] = [];
    let total = 0;
    for (;;) {
      const line = this.readline();
      if (line.length === 0) return lines;
      lines.push(line);
      total += line.length;
      if (limit > 0 && total >= limit) return lines;
    }
  }

  writelines(lines: unknown): null {
    this.checkClosed();
    for (const line of iterable(lines)) callMethod(this, "write", line);
    return null;
  }

  __enter__(): this {
    this.checkClosed();
    return this;
  }

  __exit__(..._exc: unknown[]): null {
    this.close();
    return null;
  }

  __iter__(): this {
    this.checkClosed();
    return this;
  }

  __next__(): string | Uint8Array {
    const line = this.readline();
    if (line.length === 0) throw new StopIteration();
    return line;
  }

  *[Symbol.iterator](): Iterator<string | Uint8Array> {
    this.checkClosed();
    for (;;) {
      const line = this.readline();
      if (line.length === 0) return;
      yield line;
    }
  }
}

/** The bytes of `got` copied into the writable buffer `buffer`: their count. */
function copyInto(buffer: unknown, got: unknown): bigint {
  const target = buffer as Uint8Array;
  const data = got as Uint8Array;
  target.set(data.subarray(0, target.length), 0);
  return BigInt(Math.min(data.length, target.length));
}

/**
 * io.RawIOBase: `read` and `readall` built on a subclass's `readinto`; its own readinto and
 * write are the subclass's to provide (NotImplementedError).
 */
export class RawIOBase extends IOBase {
  read(size: unknown = -1n): unknown {
    const n = sizeArg(size);
    if (n < 0) return callMethod(this, "readall");
    const buffer = new ByteArray(n);
    const count: unknown = callMethod(this, "readinto", buffer);
    if (count === null) return null;
    return Bytes.fromArray(buffer.subarray(0, Number(count)));
  }

  readall(): unknown {
    const parts: number[] = [];
    for (;;) {
      const got: unknown = callMethod(this, "read", DEFAULT_BUFFER_SIZE);
      if (got === null) return parts.length === 0 ? null : Bytes.fromArray(parts);
      if ((got as Uint8Array).length === 0) return Bytes.fromArray(parts);
      // (indexed: iterating bytes gives Python ints)
      for (let i = 0; i < (got as Uint8Array).length; i++) parts.push((got as Uint8Array)[i]!);
    }
  }

  readinto(_buffer: unknown): bigint | null {
    throw new NotImplementedError();
  }

  write(_data: unknown): bigint {
    throw new NotImplementedError();
  }
}

/** io.BufferedIOBase: readinto/readinto1 through a subclass's read/read1; the rest unsupported. */
export class BufferedIOBase extends IOBase {
  read(_size: unknown = -1n): unknown {
    throw new UnsupportedOperation("read");
  }

  read1(_size: unknown = -1n): unknown {
    throw new UnsupportedOperation("read1");
  }

  readinto(buffer: unknown): bigint {
    return copyInto(buffer, callMethod(this, "read", BigInt((buffer as Uint8Array).length)));
  }

  readinto1(buffer: unknown): bigint {
    return copyInto(buffer, callMethod(this, "read1", BigInt((buffer as Uint8Array).length)));
  }

  write(_data: unknown): bigint {
    throw new UnsupportedOperation("write");
  }

  detach(): unknown {
    throw new UnsupportedOperation("detach");
  }
}

/** io.TextIOBase: the text stream interface, every operation unsupported until a subclass gives it. */
export class TextIOBase extends IOBase {
  read(_size: unknown = -1n): string {
    throw new UnsupportedOperation("read");
  }

  override readline(_size: unknown = -1n): string {
    throw new UnsupportedOperation("readline");
  }

  write(_data: unknown): bigint {
    throw new UnsupportedOperation("write");
  }

  detach(): unknown {
    throw new UnsupportedOperation("detach");
  }
}

// (TextIOBase's encoding, errors and newlines are None until a subclass's stream sets them)
for (const name of ["encoding", "errors", "newlines"]) {
  Object.defineProperty(TextIOBase.prototype, name, { value: null, writable: true, configurable: true });
}

/** io.DEFAULT_BUFFER_SIZE. */
const DEFAULT_BUFFER_SIZE = 8192n;
