// tarfile.ExFileObject: what TarFile.extractfile returns, a member's data as a read-only
// binary stream. CPython's is an io.BufferedReader over the member: `peek` answers the bytes
// its buffer holds, so the stream keeps that buffer's window (8192 bytes filled from where a
// read needed them) as CPython's reads, seeks and readlines move it.

import { Bytes } from "../values/bytes.js";
import { ValueError } from "../values/exceptions.js";
import { repr } from "../values/repr.js";
import { BytesIO } from "../lang/io-memory.js";

/** io.DEFAULT_BUFFER_SIZE, the BufferedReader's buffer. */
const BUFFER_SIZE = 8192;

/** A member's data as a read-only binary stream (tarfile.ExFileObject). */
export class ExFileObject extends BytesIO {
  static override readonly __module__: string = "tarfile";
  readonly name: unknown;
  // (the member's bytes and the buffer's window [start, end) over them)
  readonly #data: Uint8Array;
  #bufferStart = 0;
  #bufferEnd = 0;
  constructor(data: Uint8Array, name: unknown) {
    super(Bytes.fromArray(data));
    this.#data = data;
    this.name = name;
  }
  override writable(): boolean {
    this.checkClosed();
    return false;
  }
  override __repr__(): string {
    return `<ExFileObject name=${repr(this.name)}>`;
  }

  /** The buffer filled from `at`: up to BUFFER_SIZE bytes of the member. */
  #fill(at: number): void {
    this.#bufferStart = at;
    this.#bufferEnd = Math.min(at + BUFFER_SIZE, this.#data.length);
  }
  /** Bytes the buffer holds past `pos` (0 when `pos` is outside it). */
  #ahead(pos: number): number {
    return pos >= this.#bufferStart && pos < this.#bufferEnd ? this.#bufferEnd - pos : 0;
  }

  /** `peek(size=0)`: the bytes buffered ahead, filling the buffer when it is empty; no move. */
  peek(_size: unknown = 0n): Bytes {
    if (this.closed) throw new ValueError("peek of closed file");
    const pos = Number(this.tell());
    if (this.#ahead(pos) === 0) this.#fill(pos);
    return Bytes.fromArray(this.#data.subarray(pos, Math.max(pos, this.#bufferEnd)));
  }

  /** read(n): from the buffer; past it, whole blocks straight from the member, the rest through a new buffer. */
  override read(size: unknown = -1n): Bytes {
    const pos = Number(this.tell());
    const out = super.read(size);
    if (size === 0n || (this.#ahead(pos) >= out.length && out.length > 0)) return out;
    const wanted = size === null || (size as bigint) < 0n ? Infinity : Number(size);
    if (wanted === Infinity) this.#fill(this.#data.length);
    else {
      const fromBuffer = this.#ahead(pos);
      const direct = Math.floor((wanted - fromBuffer) / BUFFER_SIZE) * BUFFER_SIZE;
      const rest = wanted - fromBuffer - direct;
      const at = Math.min(pos + fromBuffer + direct, this.#data.length);
      if (rest > 0) this.#fill(at);
      else this.#bufferStart = this.#bufferEnd = at;
    }
    return out;
  }

  /** read1(n): what the buffer holds (filled first when empty), at most n. */
  override read1(size: unknown = -1n): Bytes {
    const pos = Number(this.tell());
    if (this.#ahead(pos) === 0) this.#fill(pos);
    const n = size === null || (size as bigint) < 0n ? BUFFER_SIZE : Number(size);
    return super.read(BigInt(Math.min(n, this.#ahead(pos))));
  }

  /** readline: through the buffer, refilled a block at a time until the line's end. */
  override readline(size: unknown = -1n): Bytes {
    const pos = Number(this.tell());
    const line = super.readline(size);
    const end = pos + line.length;
    if (end <= this.#bufferEnd && this.#ahead(pos) > 0) return line;
    let at = this.#ahead(pos) > 0 ? this.#bufferEnd : pos;
    while (at + BUFFER_SIZE <= end && at < this.#data.length) at += BUFFER_SIZE;
    // (a line that runs to the member's end without a newline leaves the buffer empty there)
    if (end === this.#data.length && line[line.length - 1] !== 0x0a) at = end;
    this.#fill(at);
    return line;
  }

  /** seek: within the buffer it keeps the buffer; elsewhere it drops it. */
  override seek(offset: unknown, whence: unknown = 0n): bigint {
    const buffered = this.closed ? 0 : this.#ahead(Number(this.tell()));
    const target = super.seek(offset, whence);
    const where = Number(target);
    if (Number(whence) === 2 || buffered === 0 || where < this.#bufferStart || where > this.#bufferEnd) this.#bufferStart = this.#bufferEnd = where;
    return target;
  }
}
