// Python's zlib.decompressobj on node:zlib's inflate (loaded on first use), driven through the
// stream's handle as zlibmodule.c drives zlib: output limited by max_length, the input left as
// unconsumed_tail, or as unused_data after the stream's end. gzip members are framed here (the
// header parsed, the body inflated raw, CRC and length checked), because node's gunzip goes on
// into whatever follows a member where zlib stops and leaves it as unused_data.

import { nodeModule } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { crc32Update } from "./zlib-checksum.js";
import { data, error } from "./zlib-compress.js";

const zlib = () => nodeModule("node:zlib");
/** (empty bytes are one object, as CPython's are) */
const EMPTY_BYTES = Bytes.fromArray([]);
const toBytes = (b: Uint8Array): Bytes => (b.length === 0 ? EMPTY_BYTES : Bytes.fromArray(b));
const int = (x: unknown, fallback: number): number => (x === undefined ? fallback : Number(x as bigint));
const EMPTY: Uint8Array = new Uint8Array(0);
/** room for what a finished stream gives when asked to finish: nothing */
const PROBE_OUT: Uint8Array = new Uint8Array(1);

export type Format = "zlib" | "raw" | "gzip" | "auto";
export function formatOf(wbits: number, decompressing: boolean): [Format, number] {
  if (wbits >= 8 && wbits <= 15) return ["zlib", Math.max(wbits, 9)];
  if (wbits <= -8 && wbits >= -15) return ["raw", Math.max(-wbits, 9)];
  if (wbits >= 24 && wbits <= 31) return ["gzip", Math.max(wbits - 16, 9)];
  if (decompressing && (wbits === 0 || (wbits >= 40 && wbits <= 47))) return ["auto", 15];
  throw new ValueError("Invalid initialization option");
}

export function zerror(e: unknown, action: string): never {
  const code = (e as { errno?: number }).errno ?? -3;
  const reason = ((e as Error).message ?? "").replace(/^unexpected end of file$/, "incomplete or truncated stream");
  throw new error(`Error ${code} while ${action} data: ${reason}`);
}

export function inflate(input: Uint8Array, format: Format, windowBits: number, partial: boolean, zdict: Uint8Array | null = null): { out: Uint8Array; used: number } {
  const z = zlib();
  // node collects the output in chunkSize pieces (16K by default): a size from the input's
  // spares most of the calls and the final concatenation
  const chunkSize = Math.min(Math.max(input.length * 4, 65536), 1 << 22);
  const options = { windowBits, info: true, chunkSize, ...(partial ? { finishFlush: z.constants.Z_SYNC_FLUSH } : {}), ...(zdict === null ? {} : { dictionary: zdict }) } as const;
  const fn = format === "zlib" ? z.inflateSync : format === "raw" ? z.inflateRawSync : format === "gzip" ? z.gunzipSync : z.unzipSync;
  const r = fn(input, options) as unknown as { buffer: Uint8Array; engine: { bytesWritten: number } };
  return { out: r.buffer, used: r.engine.bytesWritten };
}

/** node's zlib stream object, driven synchronously through its handle (as node's own *Sync functions do). */
interface Engine {
  _handle: { onerror: unknown; writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void };
  /** [avail_out, avail_in] after the last write */
  _writeState: Uint32Array;
}

let constants: { Z_SYNC_FLUSH: number; Z_FINISH: number } | null = null;
/** the first output block of a decompress() call; each next one is twice as large, up to MAX_OUT_SIZE */
const OUT_SIZE = 16384;
const MAX_OUT_SIZE = 1 << 22;

function newEngine(format: "zlib" | "raw", windowBits: number, zdict: Uint8Array | null): Engine {
  const z = zlib();
  constants ??= z.constants;
  const options = { windowBits, ...(zdict === null ? {} : { dictionary: zdict }) };
  return (format === "zlib" ? z.createInflate(options) : z.createInflateRaw(options)) as unknown as Engine;
}

/** The failure a write reported (node's callback arguments: message, errno, code). */
let failure: { message: string; errno: number } | null = null;
function recordFailure(message: string, errno: number): void {
  failure = { message, errno };
}

const FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16;

/** Where a gzip member's deflate data starts (null: the header is not all there yet). */
function gzipHeaderEnd(head: Uint8Array, fail: (msg: string) => never): number | null {
  if (head.length >= 1 && head[0] !== 0x1f) fail("incorrect header check");
  if (head.length >= 2 && head[1] !== 0x8b) fail("incorrect header check");
  if (head.length >= 3 && head[2] !== 8) fail("unknown compression method");
  if (head.length >= 4 && head[3]! & 0xe0) fail("unknown header flags set");
  if (head.length < 10) return null;
  const flags = head[3]!;
  let p = 10;
  if (flags & FEXTRA) {
    if (p + 2 > head.length) return null;
    p += 2 + (head[p]! | (head[p + 1]! << 8));
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    while (p < head.length && head[p] !== 0) p++;
    p++;
  }
  if (flags & FHCRC) {
    if (p + 2 > head.length) return null;
    if ((crc32Update(0, head, 0, p) & 0xffff) !== (head[p]! | (head[p + 1]! << 8))) fail("header crc mismatch");
    p += 2;
  }
  return p > head.length ? null : p;
}

/** The output blocks as one bytes object (one copy). */
function joinBytes(chunks: readonly Uint8Array[], total: number): Bytes {
  if (total === 0) return EMPTY_BYTES;
  const joined = new Bytes(total);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  return joined;
}

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => (a.length === 0 ? b : b.length === 0 ? a : Buffer.concat([a, b]));

export class Decompress {
  static readonly pythonName = "Decompress";
  static readonly __module__ = "zlib";
  private engine: Engine | null = null;
  eof = false;
  unused_data: Bytes = toBytes(new Uint8Array(0));
  unconsumed_tail: Bytes = toBytes(new Uint8Array(0));
  private readonly format: Format;
  private readonly windowBits: number;
  private readonly zdict: Uint8Array | null;
  /** where the stream is: its gzip header (or the bytes telling gzip from zlib), body, trailer */
  private phase: "head" | "body" | "trailer" = "head";
  /** the body's format once known: "zlib" or "raw" (a gzip member's body) */
  private bodyFormat: "zlib" | "raw" = "zlib";
  private gzipMember = false;
  private held: Uint8Array = EMPTY;
  private crc = 0;
  private size = 0;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    [this.format, this.windowBits] = formatOf(int(pos[0] ?? kws["wbits"], 15), true);
    const zdict = pos[1] ?? kws["zdict"];
    if (zdict !== undefined && !(zdict instanceof Uint8Array)) throw new PyTypeError("zdict argument must support the buffer protocol");
    this.zdict = zdict === undefined ? null : new Uint8Array(zdict);
    if (this.format === "zlib" || this.format === "raw") {
      this.bodyFormat = this.format;
      this.phase = "body";
    }
  }

  decompress(...args: unknown[]): Bytes {
    const [pos, kws] = splitKw(args);
    const bytes = data(pos[0]);
    const maxLength = int(pos[1] ?? kws["max_length"], 0);
    if (maxLength < 0) throw new ValueError("max_length must be non-negative");
    if (this.eof) {
      this.unused_data = toBytes(Buffer.concat([this.unused_data, bytes]));
      return toBytes(new Uint8Array(0));
    }
    return this.advance(bytes, maxLength, "decompressing");
  }

  /** Takes `bytes` through the header, body and trailer phases. */
  private advance(bytes: Uint8Array, maxLength: number, action: string): Bytes {
    const fail = (msg: string): never => {
      throw new error(`Error -3 while ${action} data: ${msg}`);
    };
    if (this.phase === "head") {
      const head = concat(this.held, bytes);
      this.unconsumed_tail = toBytes(EMPTY);
      if (this.format === "auto" && !(head.length >= 1 && head[0] === 0x1f && (head.length < 2 || head[1] === 0x8b))) {
        this.bodyFormat = "zlib";
      } else {
        const start = gzipHeaderEnd(head, fail);
        if (start === null) {
          this.held = head;
          return toBytes(EMPTY);
        }
        this.gzipMember = true;
        this.bodyFormat = "raw";
        bytes = head.subarray(start);
        this.held = EMPTY;
      }
      if (!this.gzipMember) bytes = head;
      this.phase = "body";
    }
    let out: Bytes = EMPTY_BYTES;
    if (this.phase === "body") {
      const r = this.inflateSome(bytes, maxLength, action);
      out = r.out;
      if (this.gzipMember) {
        this.crc = crc32Update(this.crc, out);
        this.size = (this.size + out.length) >>> 0;
      }
      if (!r.ended) {
        this.unconsumed_tail = toBytes(r.rest);
        return out;
      }
      this.unconsumed_tail = toBytes(EMPTY);
      if (!this.gzipMember) {
        this.eof = true;
        this.unused_data = toBytes(Buffer.concat([this.unused_data, r.rest]));
        return out;
      }
      this.phase = "trailer";
      bytes = r.rest;
    }
    const trailer = (this.held = concat(this.held, bytes));
    this.unconsumed_tail = toBytes(EMPTY);
    if (trailer.length < 8) return out;
    const view = new DataView(trailer.buffer, trailer.byteOffset, 8);
    if (view.getUint32(0, true) !== this.crc) fail("incorrect data check");
    if (view.getUint32(4, true) !== this.size) fail("incorrect length check");
    this.eof = true;
    this.unused_data = toBytes(trailer.subarray(8));
    return out;
  }

  /**
   * zlibmodule.c's loop: inflate (Z_SYNC_FLUSH) into output of at most `maxLength` bytes (0: no
   * limit) while the output fills; returns the output, the input left and whether the
   * deflate data ended.
   */
  private inflateSome(bytes: Uint8Array, maxLength: number, action: string): { out: Bytes; rest: Uint8Array; ended: boolean } {
    const engine = (this.engine ??= newEngine(this.bodyFormat, this.windowBits, this.zdict));
    const handle = engine._handle;
    const chunks: Uint8Array[] = [];
    let total = 0;
    let blockSize = OUT_SIZE;
    let inOff = 0;
    let full = false;
    // (a failure is reported through the handle's callback, swapped for ours while we write so
    // node's stream is not torn down behind our back)
    const callback = handle.onerror;
    handle.onerror = recordFailure;
    failure = null;
    try {
      for (;;) {
        const room = maxLength > 0 ? Math.min(maxLength - total, blockSize) : blockSize;
        if (room <= 0) break;
        // (output lands in its own block, taken as it is: no copy per write)
        const block = new Uint8Array(room);
        if (blockSize < MAX_OUT_SIZE) blockSize *= 2;
        const availIn = bytes.length - inOff;
        handle.writeSync(constants!.Z_SYNC_FLUSH, bytes, inOff, availIn, block, 0, room);
        if (failure !== null) {
          this.engine = null;
          return zerror(failure, action);
        }
        const state = engine._writeState;
        const produced = room - state[0]!;
        if (produced > 0) chunks.push(block.subarray(0, produced));
        total += produced;
        inOff += availIn - state[1]!;
        full = state[0] === 0;
        if (!full) break;
      }
    } finally {
      handle.onerror = callback;
    }
    const rest = bytes.subarray(inOff);
    // inflate stops short of its input only at the stream's end; with all input taken, the
    // stream may have ended exactly there
    const ended = !full && (rest.length > 0 || this.complete(engine));
    return { out: joinBytes(chunks, total), rest, ended };
  }

  /**
   * Whether the deflate data has ended, all its output given: asks inflate to finish with no
   * more input, which it refuses ("unexpected end of file") only when the stream goes on. The
   * refusal changes nothing in inflate's state; the handle's error callback is swapped for the
   * question so node's stream is not torn down by it.
   */
  private complete(engine: Engine): boolean {
    const handle = engine._handle;
    const callback = handle.onerror;
    handle.onerror = recordFailure;
    failure = null;
    try {
      handle.writeSync(constants!.Z_FINISH, EMPTY, 0, 0, PROBE_OUT, 0, PROBE_OUT.length);
    } finally {
      handle.onerror = callback;
    }
    const refused = failure !== null;
    failure = null;
    return !refused;
  }

  /** Inflates the unconsumed_tail, all of it. */
  flush(length: unknown = 16384n): Bytes {
    if (int(length, 16384) <= 0) throw new ValueError("length must be greater than zero");
    if (this.eof) return toBytes(new Uint8Array(0));
    return this.advance(this.unconsumed_tail, 0, "flushing");
  }
}

