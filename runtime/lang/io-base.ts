// What every Python stream shares (io.IOBase): closing, the with-statement, line iteration,
// readlines/writelines, the capability queries, and io.UnsupportedOperation. StringIO,
// BytesIO and the file objects `open()` returns (files.ts) build on it.

import { OSError, PyTypeError, StopIteration, ValueError } from "../values/exceptions.js";
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

export abstract class IOBase {
  static readonly __module__: string = "io";
  protected isClosed = false;

  get closed(): boolean {
    return this.isClosed;
  }

  protected checkClosed(): void {
    if (this.isClosed) throw new ValueError("I/O operation on closed file.");
  }

  abstract readline(size?: unknown): string | Uint8Array;
  abstract write(data: unknown): bigint;

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
    for (const line of iterable(lines)) this.write(line);
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

/** io.RawIOBase, io.BufferedIOBase and io.TextIOBase: what the concrete streams derive from. */
export abstract class RawIOBase extends IOBase {}
export abstract class BufferedIOBase extends IOBase {}
export abstract class TextIOBase extends IOBase {}
