// `socket.makefile(mode)`: a buffered file over a connected socket ("rb"/"wb"/"rwb" give bytes,
// "r"/"w" text, decoded as UTF-8 with universal newlines when reading). Reads wait for data as
// recv does (a thread switch once green threads run); writes collect until flush() or close()
// (or a full buffer), as CPython's BufferedWriter does.

import { Bytes } from "../values/bytes.js";
import { PyTypeError, StopIteration, ValueError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import { toInt } from "./callable-class.js";
import { checked, drive, post, call, type Steps } from "./socket-host.js";

const CHUNK = 8192;

interface FileSocket {
  _fd: number;
  _timeout: number | null;
  _fileClosed(): void;
}

export class SocketFile {
  static readonly pythonName: string = "SocketIO";
  static readonly __module__ = "socket";
  private buffer = new Uint8Array(0);
  private eof = false;
  private out: Uint8Array[] = [];
  private outSize = 0;
  closed = false;
  readonly binary: boolean;

  constructor(
    private readonly sock: FileSocket,
    readonly mode: string,
    readonly encoding: string,
    private readonly newline: string | null,
  ) {
    this.binary = mode.includes("b");
  }

  get name(): bigint {
    return BigInt(this.sock._fd);
  }

  fileno(): bigint {
    return BigInt(this.sock._fd);
  }

  readable(): boolean {
    return this.mode.includes("r");
  }

  writable(): boolean {
    return this.mode.includes("w");
  }

  private check(): void {
    if (this.closed) throw new ValueError(this.binary ? "read of closed file" : "I/O operation on closed file.");
  }

  /** Receives more data into the buffer (false at the end of the stream). */
  private *fill(): Steps<boolean> {
    if (this.eof) return false;
    const reply = checked(yield { op: "recv", id: this.sock._fd, n: CHUNK, peek: false, timeout: this.sock._timeout });
    const data = reply.data ?? new Uint8Array(0);
    if (data.length === 0) {
      this.eof = true;
      return false;
    }
    const joined = new Uint8Array(this.buffer.length + data.length);
    joined.set(this.buffer, 0);
    joined.set(data, this.buffer.length);
    this.buffer = joined;
    return true;
  }

  private takeBytes(n: number): Uint8Array {
    const part = this.buffer.slice(0, n);
    this.buffer = this.buffer.slice(n);
    return part;
  }

  private result(data: Uint8Array): Bytes | string {
    if (this.binary) return Bytes.fromArray(data);
    const text = new TextDecoder().decode(data);
    return this.newline === null ? text.replace(/\r\n?/g, "\n") : text;
  }

  *_readSteps(n: number): Steps<Bytes | string> {
    if (n < 0) {
      while (yield* this.fill());
      return this.result(this.takeBytes(this.buffer.length));
    }
    while (this.buffer.length < n && (yield* this.fill()));
    return this.result(this.takeBytes(n));
  }

  *_lineSteps(limit: number): Steps<Bytes | string> {
    for (;;) {
      const end = this.buffer.indexOf(10);
      if (end >= 0 && (limit < 0 || end < limit)) return this.result(this.takeBytes(end + 1));
      if (limit >= 0 && this.buffer.length >= limit) return this.result(this.takeBytes(limit));
      if (!(yield* this.fill())) return this.result(this.takeBytes(this.buffer.length));
    }
  }

  read(size?: unknown): Bytes | string {
    this.check();
    return drive(this._readSteps(size === undefined || size === null ? -1 : toInt(size)));
  }

  readline(size?: unknown): Bytes | string {
    this.check();
    return drive(this._lineSteps(size === undefined || size === null ? -1 : toInt(size)));
  }

  readlines(): unknown[] {
    this.check();
    const self = this;
    return drive(
      (function* (): Steps<unknown[]> {
        const lines: unknown[] = [];
        for (;;) {
          const line = yield* self._lineSteps(-1);
          if ((line as { length: number }).length === 0) return lines;
          lines.push(line);
        }
      })(),
    );
  }

  __iter__(): this {
    return this;
  }

  *[Symbol.iterator](): Iterator<Bytes | string> {
    for (;;) {
      const line = this.nextLine();
      if (line.length === 0) return;
      yield line;
    }
  }

  /**
   * `for line in f` in a green thread (the lowering's threadIterator): each line waits as
   * readline() does, a thread switch, so the peer's thread runs meanwhile.
   */
  [Symbol.for("pyts.resultStream")](): AsyncIterator<Bytes | string> {
    const self = this;
    return (async function* () {
      for (;;) {
        self.check();
        const got: unknown = drive(self._lineSteps(-1));
        const line = (got instanceof Uint8Array || typeof got === "string" ? got : await (got as PromiseLike<Bytes | string>)) as Bytes | string;
        if (line.length === 0) return;
        yield line;
      }
    })();
  }

  /** The next line outside a green thread's loop: it blocks. */
  __next__(): Bytes | string {
    const line = this.nextLine();
    if (line.length === 0) throw new StopIteration();
    return line;
  }

  private nextLine(): Bytes | string {
    this.check();
    const steps = this._lineSteps(-1);
    let next = steps.next();
    while (!next.done) next = steps.next(call(next.value));
    return next.value;
  }

  write(data: unknown): bigint {
    if (this.closed) throw new ValueError(this.binary ? "write to closed file" : "I/O operation on closed file.");
    let bytes: Uint8Array;
    if (this.binary) {
      if (!(data instanceof Uint8Array)) throw new PyTypeError(`a bytes-like object is required, not '${typeName(data)}'`);
      bytes = new Uint8Array(data);
    } else {
      if (typeof data !== "string") throw new PyTypeError(`write() argument must be str, not ${typeName(data)}`);
      bytes = new TextEncoder().encode(this.newline === null || this.newline === "" ? data : data.replace(/\n/g, this.newline));
    }
    this.out.push(bytes);
    this.outSize += bytes.length;
    if (this.outSize >= CHUNK) this.flush();
    return BigInt(this.binary ? bytes.length : (data as string).length);
  }

  writelines(lines: Iterable<unknown>): null {
    for (const line of lines) this.write(line);
    return null;
  }

  flush(): null {
    if (this.outSize === 0) return null;
    const data = new Uint8Array(this.outSize);
    let at = 0;
    for (const part of this.out) {
      data.set(part, at);
      at += part.length;
    }
    this.out = [];
    this.outSize = 0;
    post({ op: "send", id: this.sock._fd, data });
    return null;
  }

  close(): null {
    if (this.closed) return null;
    if (this.sock._fd >= 0) this.flush();
    this.closed = true;
    this.sock._fileClosed();
    return null;
  }

  __enter__(): this {
    return this;
  }

  __exit__(..._exc: unknown[]): null {
    this.close();
    return null;
  }

  __repr__(): string {
    return this.binary ? `<socket.SocketIO name=${this.sock._fd}>` : `<_io.TextIOWrapper name=${this.sock._fd} mode='${this.mode}' encoding='${this.encoding}'>`;
  }
}
