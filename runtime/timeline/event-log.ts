// The recording's events as a stream of bytes: each event a tag and a few variable-length
// numbers (7 bits a byte), ticks as differences from the tick of the event before. A step
// of a task that waits on `sleep(0)` takes 6 bytes, a run of one callback called again and
// again takes 6 bytes in all. Memory a recording takes grows with what it holds, and fresh
// memory costs time (the kernel hands out and clears each new page), so it holds little.

/** Bytes in a chunk of the stream; a record never spans two. */
const CHUNK = 1 << 16;
/** The most bytes a record takes (8 numbers of up to 8 bytes each). */
const MAX_RECORD = 64;

export class ByteLog {
  private readonly chunks: Uint8Array[] = [];
  private readonly lengths: number[] = [];
  private chunk = new Uint8Array(CHUNK);
  private pos = 0;

  constructor() {
    this.chunks.push(this.chunk);
    this.lengths.push(0);
  }

  /** Makes room for one record (call before writing its numbers). */
  begin(tag: number): void {
    if (this.pos > CHUNK - MAX_RECORD) {
      this.lengths[this.lengths.length - 1] = this.pos;
      this.chunk = new Uint8Array(CHUNK);
      this.chunks.push(this.chunk);
      this.lengths.push(0);
      this.pos = 0;
    }
    this.chunk[this.pos++] = tag;
  }

  /** A number >= 0 (an integer below 2^53). */
  u(value: number): void {
    const chunk = this.chunk;
    let pos = this.pos;
    let v = value;
    if (v < 0x80000000) {
      while (v >= 0x80) {
        chunk[pos++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
    } else {
      while (v >= 0x80) {
        chunk[pos++] = (v % 0x80) | 0x80;
        v = Math.floor(v / 0x80);
      }
    }
    chunk[pos++] = v;
    this.pos = pos;
  }

  /** An integer of either sign. */
  z(value: number): void {
    this.u(value < 0 ? -2 * value - 1 : 2 * value);
  }

  reader(): LogReader {
    this.lengths[this.lengths.length - 1] = this.pos;
    return new LogReader(this.chunks, this.lengths);
  }
}

export class LogReader {
  private index = 0;
  private chunk: Uint8Array;
  private pos = 0;
  private length: number;

  constructor(
    private readonly chunks: readonly Uint8Array[],
    private readonly lengths: readonly number[],
  ) {
    this.chunk = chunks[0]!;
    this.length = lengths[0]!;
  }

  /** The next record's tag, or -1 at the end. */
  next(): number {
    while (this.pos >= this.length) {
      if (this.index + 1 >= this.chunks.length) return -1;
      this.index++;
      this.chunk = this.chunks[this.index]!;
      this.length = this.lengths[this.index]!;
      this.pos = 0;
    }
    return this.chunk[this.pos++]!;
  }

  u(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = this.chunk[this.pos++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 0x80;
    }
  }

  z(): number {
    const v = this.u();
    return v % 2 === 1 ? -(v + 1) / 2 : v / 2;
  }
}

/** Rows of CHUNK_ROWS numbers each in typed-array chunks: a row per task, fields by index, no object per row. */
const CHUNK_ROWS = 4096;

export class Rows {
  private readonly chunks: Float64Array[] = [];
  count = 0;

  constructor(readonly stride: number) {}

  /** Adds a row of zeros; its number (from 0). */
  add(): number {
    if (this.count % CHUNK_ROWS === 0) this.chunks.push(new Float64Array(this.stride * CHUNK_ROWS));
    return this.count++;
  }

  get(row: number, field: number): number {
    return this.chunks[(row / CHUNK_ROWS) | 0]![(row % CHUNK_ROWS) * this.stride + field]!;
  }

  set(row: number, field: number, value: number): void {
    this.chunks[(row / CHUNK_ROWS) | 0]![(row % CHUNK_ROWS) * this.stride + field] = value;
  }
}
