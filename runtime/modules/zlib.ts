// Python's `zlib` on node:zlib's synchronous functions, loaded on first use (a bundle that never
// compresses still runs in a browser). Streams: node has no synchronous incremental deflate, so
// a compressobj buffers its input and compresses at flush(); a Z_SYNC_FLUSH/Z_FULL_FLUSH ends
// the buffered part as its own raw deflate run (valid deflate: later data does not refer back
// to it), framed with the zlib or gzip header and trailer pyts computes itself. A decompressobj
// drives node's inflate stream through its handle, as zlibmodule.c drives zlib: output limited
// by max_length, the input left as unconsumed_tail, or as unused_data after the stream's end.

import { nodeModule, nodeProcess } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { Exception, PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { typeName } from "../values/typename.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";

export class error extends Exception {
  static readonly __module__ = "zlib";
}

const Z = {
  MAX_WBITS: 15n, DEFLATED: 8n, DEF_MEM_LEVEL: 8n, DEF_BUF_SIZE: 16384n,
  Z_NO_COMPRESSION: 0n, Z_BEST_SPEED: 1n, Z_BEST_COMPRESSION: 9n, Z_DEFAULT_COMPRESSION: -1n,
  Z_FILTERED: 1n, Z_HUFFMAN_ONLY: 2n, Z_RLE: 3n, Z_FIXED: 4n, Z_DEFAULT_STRATEGY: 0n,
  Z_NO_FLUSH: 0n, Z_PARTIAL_FLUSH: 1n, Z_SYNC_FLUSH: 2n, Z_FULL_FLUSH: 3n, Z_FINISH: 4n, Z_BLOCK: 5n, Z_TREES: 6n,
};

const zlib = () => nodeModule("node:zlib");

function data(x: unknown): Uint8Array {
  if (x instanceof Uint8Array) return x;
  const tobytes = (x as { tobytes?: () => unknown } | null)?.tobytes;
  if (x !== null && typeof x === "object" && typeof tobytes === "function" && typeName(x) === "array") return tobytes.call(x) as Uint8Array;
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(x)}'`);
}

const toBytes = (b: Uint8Array): Bytes => Bytes.fromArray(b);
const int = (x: unknown, fallback: number): number => (x === undefined ? fallback : Number(x as bigint));

let crcTable: Uint32Array | null = null;
function crc32(buf: unknown, value: unknown = 0n): bigint {
  const bytes = data(buf);
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = (Number(BigInt.asUintN(32, value as bigint)) ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return BigInt((c ^ 0xffffffff) >>> 0);
}

function adler32(buf: unknown, value: unknown = 1n): bigint {
  const v = Number(BigInt.asUintN(32, value as bigint));
  let a = v & 0xffff, b = v >>> 16;
  const bytes = data(buf);
  for (let i = 0; i < bytes.length; i++) {
    a = (a + bytes[i]!) % 65521;
    b = (b + a) % 65521;
  }
  return BigInt(((b << 16) | a) >>> 0);
}

type Format = "zlib" | "raw" | "gzip" | "auto";
function formatOf(wbits: number, decompressing: boolean): [Format, number] {
  if (wbits >= 8 && wbits <= 15) return ["zlib", Math.max(wbits, 9)];
  if (wbits <= -8 && wbits >= -15) return ["raw", Math.max(-wbits, 9)];
  if (wbits >= 24 && wbits <= 31) return ["gzip", Math.max(wbits - 16, 9)];
  if (decompressing && (wbits === 0 || (wbits >= 40 && wbits <= 47))) return ["auto", 15];
  throw new ValueError("Invalid initialization option");
}

function level(x: number): number {
  if (x < -1 || x > 9) throw new error("Bad compression level");
  return x;
}

export function zerror(e: unknown, action: string): never {
  const code = (e as { errno?: number }).errno ?? -3;
  const reason = ((e as Error).message ?? "").replace(/^unexpected end of file$/, "incomplete or truncated stream");
  throw new error(`Error ${code} while ${action} data: ${reason}`);
}

function inflate(input: Uint8Array, format: Format, windowBits: number, partial: boolean): { out: Uint8Array; used: number } {
  const z = zlib();
  const options = { windowBits, info: true, ...(partial ? { finishFlush: z.constants.Z_SYNC_FLUSH } : {}) } as const;
  const fn = format === "zlib" ? z.inflateSync : format === "raw" ? z.inflateRawSync : format === "gzip" ? z.gunzipSync : z.unzipSync;
  const r = fn(input, options) as unknown as { buffer: Uint8Array; engine: { bytesWritten: number } };
  return { out: r.buffer, used: r.engine.bytesWritten };
}

function compress(...args: unknown[]): Bytes {
  const [pos, kws] = splitKw(args);
  const input = data(pos[0]);
  const lvl = level(int(pos[1] ?? kws["level"], -1));
  const [format, windowBits] = formatOf(int(pos[2] ?? kws["wbits"], 15), false);
  const z = zlib();
  const fn = format === "zlib" ? z.deflateSync : format === "raw" ? z.deflateRawSync : z.gzipSync;
  return toBytes(fn(input, { level: lvl, windowBits }));
}

function decompress(...args: unknown[]): Bytes {
  const [pos, kws] = splitKw(args);
  const input = data(pos[0]);
  const [format, windowBits] = formatOf(int(pos[1] ?? kws["wbits"], 15), true);
  try {
    return toBytes(inflate(input, format, windowBits, false).out);
  } catch (e) {
    return zerror(e, "decompressing");
  }
}

class Compress {
  static readonly pythonName = "Compress";
  static readonly __module__ = "zlib";
  private pending: Uint8Array[] = [];
  private started = false;
  private finished = false;
  private crc = 0n;
  private adler = 1n;
  private size = 0;
  private readonly format: Format;
  private readonly options: { level: number; windowBits: number; memLevel: number; strategy: number };

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const lvl = level(int(pos[0] ?? kws["level"], -1));
    const [format, windowBits] = formatOf(int(pos[2] ?? kws["wbits"], 15), false);
    this.format = format;
    this.options = { level: lvl, windowBits, memLevel: int(pos[3] ?? kws["memLevel"], 8), strategy: int(pos[4] ?? kws["strategy"], 0) };
  }

  compress(input: unknown): Bytes {
    if (this.finished) throw new error("Error -2 while compressing data: inconsistent stream state");
    const bytes = data(input);
    this.pending.push(new Uint8Array(bytes));
    this.crc = crc32(bytes, this.crc);
    this.adler = adler32(bytes, this.adler);
    this.size += bytes.length;
    return toBytes(new Uint8Array(0));
  }

  flush(mode: unknown = Z.Z_FINISH): Bytes {
    const m = Number(mode as bigint);
    if (m === 0 || this.finished) return toBytes(new Uint8Array(0));
    const z = zlib();
    const chunk = Buffer.concat(this.pending);
    this.pending = [];
    const finish = m === 4;
    const body = z.deflateRawSync(chunk, { ...this.options, windowBits: Math.max(this.options.windowBits, 9), ...(finish ? {} : { finishFlush: z.constants.Z_SYNC_FLUSH }) });
    const parts: Uint8Array[] = [];
    if (!this.started && this.format !== "raw") {
      const whole = this.format === "zlib" ? z.deflateSync(new Uint8Array(0), this.options) : z.gzipSync(new Uint8Array(0), this.options);
      parts.push(whole.subarray(0, this.format === "zlib" ? 2 : 10));
    }
    this.started = true;
    parts.push(body);
    if (finish) {
      this.finished = true;
      const trailer = new Uint8Array(this.format === "gzip" ? 8 : this.format === "zlib" ? 4 : 0);
      const view = new DataView(trailer.buffer);
      if (this.format === "zlib") view.setUint32(0, Number(this.adler));
      if (this.format === "gzip") {
        view.setUint32(0, Number(this.crc), true);
        view.setUint32(4, this.size >>> 0, true);
      }
      parts.push(trailer);
    }
    return toBytes(Buffer.concat(parts));
  }
}

/** node's zlib stream object, driven synchronously through its handle (as node's own *Sync functions do). */
interface Engine {
  _handle: { writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void };
  _writeState: Uint32Array;
  on(event: "error", f: (e: unknown) => void): void;
  removeListener(event: "error", f: (e: unknown) => void): void;
}

class Decompress {
  static readonly pythonName = "Decompress";
  static readonly __module__ = "zlib";
  /** the input inflate consumed so far (to tell a complete stream from one that needs more) */
  private fed: Uint8Array[] = [];
  private engine: Engine | null = null;
  eof = false;
  unused_data: Bytes = toBytes(new Uint8Array(0));
  unconsumed_tail: Bytes = toBytes(new Uint8Array(0));
  private readonly format: Format;
  private readonly windowBits: number;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    [this.format, this.windowBits] = formatOf(int(pos[0] ?? kws["wbits"], 15), true);
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
    return this.inflateSome(bytes, maxLength, "decompressing");
  }

  /**
   * zlibmodule.c's loop: inflate (Z_SYNC_FLUSH) into output of at most `maxLength` bytes (0: no
   * limit) while the output fills; the input left is unused_data after the stream's end, else
   * the unconsumed_tail.
   */
  private inflateSome(bytes: Uint8Array, maxLength: number, action: string): Bytes {
    const z = zlib();
    const options = { windowBits: this.windowBits };
    const engine = (this.engine ??= (this.format === "zlib" ? z.createInflate(options) : this.format === "raw" ? z.createInflateRaw(options) : this.format === "gzip" ? z.createGunzip(options) : z.createUnzip(options)) as unknown as Engine);
    let failure: unknown = null;
    const onError = (e: unknown): void => {
      failure = e;
    };
    engine.on("error", onError);
    // (node records a failure on the stream at once, and emits "error" later)
    const recorded = (): unknown => {
      const key = Object.getOwnPropertySymbols(engine).find((k) => k.description === "kError");
      return key === undefined ? null : ((engine as unknown as Record<symbol, unknown>)[key] ?? null);
    };
    const chunks: Uint8Array[] = [];
    let total = 0;
    let inOff = 0;
    let full = false;
    try {
      for (;;) {
        const room = maxLength > 0 ? Math.min(maxLength - total, 16384) : 16384;
        if (room <= 0) break;
        const out = new Uint8Array(room);
        const availIn = bytes.length - inOff;
        engine._handle.writeSync(z.constants.Z_SYNC_FLUSH, bytes, inOff, availIn, out, 0, room);
        failure ??= recorded();
        if (failure !== null) {
          this.engine = null;
          return zerror(failure, action);
        }
        const [availOut, availInAfter] = engine._writeState as unknown as [number, number];
        if (room > availOut) chunks.push(out.subarray(0, room - availOut));
        total += room - availOut;
        inOff += availIn - availInAfter;
        full = availOut === 0;
        if (!full) break;
      }
    } finally {
      // a failed stream still emits its "error" later: nobody else listens
      if (failure === null) engine.removeListener("error", onError);
    }
    this.fed.push(bytes.subarray(0, inOff));
    const rest = bytes.subarray(inOff);
    // inflate stops short of its input only at the stream's end; with all input taken, the
    // stream may have ended exactly there
    const ended = !full && (rest.length > 0 || this.complete());
    if (ended) {
      this.eof = true;
      this.unused_data = toBytes(Buffer.concat([this.unused_data, rest]));
      this.unconsumed_tail = toBytes(new Uint8Array(0));
    } else {
      this.unconsumed_tail = toBytes(rest);
    }
    return toBytes(Buffer.concat(chunks));
  }

  private complete(): boolean {
    try {
      inflate(Buffer.concat(this.fed), this.format, this.windowBits, false);
      return true;
    } catch {
      return false;
    }
  }

  /** Inflates the unconsumed_tail, all of it. */
  flush(length: unknown = Z.DEF_BUF_SIZE): Bytes {
    if (int(length, 16384) <= 0) throw new ValueError("length must be greater than zero");
    if (this.eof) return toBytes(new Uint8Array(0));
    return this.inflateSome(this.unconsumed_tail, 0, "flushing");
  }
}

export const zlibModule = moduleObject("zlib", {
  ...Z,
  /** The version of node's zlib (not CPython's). */
  ZLIB_VERSION: nodeProcess()?.versions.zlib ?? "",
  ZLIB_RUNTIME_VERSION: nodeProcess()?.versions.zlib ?? "",
  error,
  crc32,
  adler32,
  compress,
  decompress,
  compressobj: pyClass(Compress),
  decompressobj: pyClass(Decompress),
});
