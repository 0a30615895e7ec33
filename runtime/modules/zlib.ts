// Python's `zlib`. Compression is pyts's own deflate (zlib-compress.ts), byte for byte the
// reference zlib CPython links; decompression is node:zlib's inflate (its output is the same for
// any inflate), loaded on first use (a bundle that never inflates still runs in a browser). A decompressobj
// drives node's inflate stream through its handle, as zlibmodule.c drives zlib: output limited
// by max_length, the input left as unconsumed_tail, or as unused_data after the stream's end.

import { nodeModule } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { adler32Update, crc32Update } from "./zlib-checksum.js";
import { Compress, compress, data, error } from "./zlib-compress.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";

const Z = {
  MAX_WBITS: 15n, DEFLATED: 8n, DEF_MEM_LEVEL: 8n, DEF_BUF_SIZE: 16384n,
  Z_NO_COMPRESSION: 0n, Z_BEST_SPEED: 1n, Z_BEST_COMPRESSION: 9n, Z_DEFAULT_COMPRESSION: -1n,
  Z_FILTERED: 1n, Z_HUFFMAN_ONLY: 2n, Z_RLE: 3n, Z_FIXED: 4n, Z_DEFAULT_STRATEGY: 0n,
  Z_NO_FLUSH: 0n, Z_PARTIAL_FLUSH: 1n, Z_SYNC_FLUSH: 2n, Z_FULL_FLUSH: 3n, Z_FINISH: 4n, Z_BLOCK: 5n, Z_TREES: 6n,
};

const zlib = () => nodeModule("node:zlib");
const toBytes = (b: Uint8Array): Bytes => Bytes.fromArray(b);
const int = (x: unknown, fallback: number): number => (x === undefined ? fallback : Number(x as bigint));

function crc32(buf: unknown, value: unknown = 0n): bigint {
  return BigInt(crc32Update(Number(BigInt.asUintN(32, value as bigint)), data(buf)));
}

function adler32(buf: unknown, value: unknown = 1n): bigint {
  return BigInt(adler32Update(Number(BigInt.asUintN(32, value as bigint)), data(buf)));
}

type Format = "zlib" | "raw" | "gzip" | "auto";
function formatOf(wbits: number, decompressing: boolean): [Format, number] {
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

function inflate(input: Uint8Array, format: Format, windowBits: number, partial: boolean, zdict: Uint8Array | null = null): { out: Uint8Array; used: number } {
  const z = zlib();
  const options = { windowBits, info: true, ...(partial ? { finishFlush: z.constants.Z_SYNC_FLUSH } : {}), ...(zdict === null ? {} : { dictionary: zdict }) } as const;
  const fn = format === "zlib" ? z.inflateSync : format === "raw" ? z.inflateRawSync : format === "gzip" ? z.gunzipSync : z.unzipSync;
  const r = fn(input, options) as unknown as { buffer: Uint8Array; engine: { bytesWritten: number } };
  return { out: r.buffer, used: r.engine.bytesWritten };
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
  private readonly zdict: Uint8Array | null;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    [this.format, this.windowBits] = formatOf(int(pos[0] ?? kws["wbits"], 15), true);
    const zdict = pos[1] ?? kws["zdict"];
    if (zdict !== undefined && !(zdict instanceof Uint8Array)) throw new PyTypeError("zdict argument must support the buffer protocol");
    this.zdict = zdict === undefined ? null : new Uint8Array(zdict);
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
    const options = { windowBits: this.windowBits, ...(this.zdict === null ? {} : { dictionary: this.zdict }) };
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
      inflate(Buffer.concat(this.fed), this.format, this.windowBits, false, this.zdict);
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
  /** The zlib whose deflate pyts reproduces (CPython's, on the systems it is checked against). */
  ZLIB_VERSION: "1.2.13",
  ZLIB_RUNTIME_VERSION: "1.2.13",
  error,
  crc32,
  adler32,
  compress,
  decompress,
  compressobj: pyClass(Compress),
  decompressobj: pyClass(Decompress),
});

export { error };
