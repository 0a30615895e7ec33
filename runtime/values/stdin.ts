// sys.stdin: the process's standard input as a text file (UTF-8, universal newlines), read
// synchronously in chunks. input() reads through it too, so the two never split a buffer.

import { nodeModule, nodeProcess } from "../core/host.js";
import { noteBlocked } from "../core/effort-clock.js";
import { PyTypeError, StopIteration, ValueError } from "./exceptions.js";
import { typeName } from "./typename.js";

export class StdinStream {
  static readonly tpName = "_io.TextIOWrapper";
  static readonly pythonName = "TextIOWrapper";
  readonly name = "<stdin>";
  readonly mode = "r";
  readonly encoding = "utf-8";
  /** decoded text not yet read */
  private pending = "";
  /** a "\r" at the end of a chunk: a "\n" may follow in the next one */
  private carry = "";
  private eof = false;
  private readonly decoder = new TextDecoder();
  closed = false;

  /** Reads one more chunk; false at end of input. */
  private fill(): boolean {
    if (this.eof) return false;
    const process = nodeProcess();
    if (process === undefined) {
      this.eof = true;
      return false;
    }
    const { readSync } = nodeModule("node:fs");
    const chunk = new Uint8Array(65536);
    const start = performance.now();
    let n = 0;
    try {
      for (;;) {
        try {
          n = readSync(0, chunk, 0, chunk.length, null);
          break;
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === "EAGAIN") continue;
          if (code === "EOF") break;
          throw e;
        }
      }
    } finally {
      noteBlocked((performance.now() - start) / 1000);
    }
    let text = this.carry + (n === 0 ? this.decoder.decode() : this.decoder.decode(chunk.subarray(0, n), { stream: true }));
    this.carry = "";
    if (n === 0) this.eof = true;
    else if (text.endsWith("\r")) {
      this.carry = "\r";
      text = text.slice(0, -1);
    }
    this.pending += text.replace(/\r\n?/g, "\n");
    return n !== 0 || text !== "";
  }

  private check(): void {
    if (this.closed) throw new ValueError("I/O operation on closed file.");
  }

  /** `readline(size=-1)`: one line with its "\n", "" at end of input. */
  readline(size: unknown = -1n): string {
    this.check();
    const limit = size === null || size === undefined ? -1 : Number(size as bigint);
    for (;;) {
      const i = this.pending.indexOf("\n");
      if (i >= 0 && (limit < 0 || i < limit)) return this.take(i + 1);
      if (limit >= 0 && [...this.pending].length >= limit) return this.takeChars(limit);
      if (!this.fill() && this.eof && !this.pending.includes("\n")) return this.take(this.pending.length);
    }
  }

  /** `read(size=-1)`: everything left, or up to `size` characters. */
  read(size: unknown = -1n): string {
    this.check();
    if (size !== null && size !== undefined && typeof size !== "bigint" && typeof size !== "number") {
      throw new PyTypeError(`argument should be integer or None, not '${typeName(size)}'`);
    }
    const limit = size === null || size === undefined ? -1 : Number(size);
    if (limit < 0) {
      while (this.fill());
      while (!this.eof) this.fill();
      return this.take(this.pending.length);
    }
    while ([...this.pending].length < limit && (this.fill() || !this.eof));
    return this.takeChars(limit);
  }

  readlines(hint: unknown = -1n): string[] {
    const lines: string[] = [];
    let total = 0;
    const limit = hint === null || hint === undefined ? -1 : Number(hint as bigint);
    for (;;) {
      const line = this.readline();
      if (line === "") break;
      lines.push(line);
      total += line.length;
      if (limit > 0 && total >= limit) break;
    }
    return lines;
  }

  private take(n: number): string {
    const out = this.pending.slice(0, n);
    this.pending = this.pending.slice(n);
    return out;
  }

  private takeChars(n: number): string {
    const chars = [...this.pending];
    const out = chars.slice(0, n).join("");
    this.pending = this.pending.slice(out.length);
    return out;
  }

  __iter__(): this {
    return this;
  }

  __next__(): string {
    const line = this.readline();
    if (line === "") throw new StopIteration();
    return line;
  }

  *[Symbol.iterator](): Generator<string> {
    for (;;) {
      const line = this.readline();
      if (line === "") return;
      yield line;
    }
  }

  fileno(): bigint {
    return 0n;
  }

  isatty(): boolean {
    return nodeProcess()?.stdin.isTTY === true;
  }

  readable(): boolean {
    return true;
  }

  writable(): boolean {
    return false;
  }

  close(): null {
    this.closed = true;
    return null;
  }

  __enter__(): this {
    return this;
  }

  __exit__(): null {
    this.close();
    return null;
  }

  __repr__(): string {
    return "<_io.TextIOWrapper name='<stdin>' mode='r' encoding='utf-8'>";
  }
}

export const stdin = new StdinStream();

/** sys.stdin as the program has it now (`sys.stdin = f` replaces it). */
export const stdinHolder: { stdin: unknown } = { stdin };
