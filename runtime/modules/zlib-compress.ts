// Python's zlib.compress and zlib.compressobj on pyts's own deflate (zlib-deflate.ts), driven
// as CPython's zlibmodule.c drives zlib: each call offers output blocks of 32 KiB, then 64 KiB,
// 256 KiB, 1 MiB, ... and calls deflate() again while a block comes back full. The bytes thus
// equal CPython's for every level, strategy, wbits, memLevel, zdict and flush sequence.

import { Bytes } from "../values/bytes.js";
import { Exception, PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { typeName } from "../values/typename.js";
import { Deflater, Z_FINISH, Z_NO_FLUSH, Z_STREAM_END, Z_STREAM_ERROR } from "./zlib-deflate.js";

export class error extends Exception {
  static readonly __module__ = "zlib";
}

/** A bytes-like argument (bytes, bytearray, memoryview, array). */
export function data(x: unknown): Uint8Array {
  if (x instanceof Uint8Array) return x;
  const tobytes = (x as { tobytes?: () => unknown } | null)?.tobytes;
  if (x !== null && typeof x === "object" && typeof tobytes === "function" && (typeName(x) === "array" || typeName(x) === "memoryview")) return tobytes.call(x) as Uint8Array;
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(x)}'`);
}

const KiB = 1024, MiB = 1024 * KiB;
const OUTPUT_BLOCKS = [32 * KiB, 64 * KiB, 256 * KiB, MiB, 4 * MiB, 8 * MiB, 16 * MiB, 16 * MiB, 32 * MiB, 32 * MiB, 32 * MiB, 32 * MiB, 64 * MiB, 64 * MiB, 128 * MiB, 128 * MiB, 256 * MiB];

const streamError = (d: Deflater | null, action: string): error => new error(`Error -2 ${action}: ${d?.msg ?? "inconsistent stream state"}`);

/** The stream's wrapper and window bits for `wbits` (null: zlib would refuse them). */
function parseWbits(wbits: number): [number, number] {
  if (wbits < 0) return [0, wbits < -15 ? -1 : -wbits];
  if (wbits > 15) return [2, wbits - 16];
  return [1, wbits];
}

/** A deflate stream as deflateInit2 makes it, or null for Z_STREAM_ERROR. */
function newDeflater(level: number, method: number, wbits: number, memLevel: number, strategy: number): Deflater | null {
  const [wrap, wBits] = parseWbits(wbits);
  if (!Deflater.validOptions(level, wrap, wBits, memLevel, strategy, method)) return null;
  return new Deflater(level, wrap, wBits, memLevel, strategy);
}

/**
 * One CPython call's worth of deflate(): all of `input` with `flush`, into fresh output blocks;
 * returns the output and deflate's last return code.
 */
function drive(d: Deflater, input: Uint8Array, flush: number, action: string): [Uint8Array, number] {
  d.input = input;
  d.nextIn = 0;
  d.availIn = input.length;
  d.availOut = 0;
  const blocks: Uint8Array[] = [];
  let err: number;
  do {
    if (d.availOut === 0) {
      const size = OUTPUT_BLOCKS[Math.min(blocks.length, OUTPUT_BLOCKS.length - 1)]!;
      // the first block is scratch space, copied out at the end (most calls need no more)
      d.output = blocks.length === 0 ? (firstBlock ??= new Uint8Array(size)) : new Uint8Array(size);
      d.nextOut = 0;
      d.availOut = size;
      blocks.push(d.output);
    }
    err = d.deflate(flush);
    if (err === Z_STREAM_ERROR) throw streamError(d, action);
  } while (d.availOut === 0);
  d.input = d.output = EMPTY;
  blocks[0] = blocks[0]!.slice(0, blocks.length === 1 ? d.nextOut : blocks[0]!.length);
  const lastBlock = blocks[blocks.length - 1]!.subarray(0, d.nextOut);
  if (blocks.length === 1) return [lastBlock, err];
  blocks[blocks.length - 1] = lastBlock;
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return [out, err];
}

const EMPTY = new Uint8Array(0);
let firstBlock: Uint8Array | null = null;
const int = (x: unknown, fallback: number): number => (x === undefined ? fallback : Number(x as bigint));

/** zlib.compress(data, /, level=-1, wbits=15) */
export function compress(...args: unknown[]): Bytes {
  const [pos, kws] = splitKw(args);
  return Bytes.fromArray(compressBytes(data(pos[0]), int(pos[1] ?? kws["level"], -1), int(pos[2] ?? kws["wbits"], 15)));
}

/** zlib.compress on bytes. */
export function compressBytes(input: Uint8Array, level: number, wbits: number): Uint8Array {
  const d = newDeflater(level, 8, wbits, 8, 0);
  if (d === null) throw new error("Bad compression level");
  return drive(d, input, Z_FINISH, "while compressing data")[0];
}

/** Raw deflate as a zlib.compressobj(level, DEFLATED, -15) gives it for compress() of each chunk, then flush(). */
export function deflateRawBytes(chunks: readonly Uint8Array[], level: number): Uint8Array {
  const c = new Compress(BigInt(level), 8n, -15n);
  const parts: Uint8Array[] = chunks.map((chunk) => c.compress(chunk));
  parts.push(c.flush());
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export class Compress {
  static readonly pythonName = "Compress";
  static readonly __module__ = "zlib";
  /** null once flush(Z_FINISH) ended the stream (deflateEnd) */
  private stream: Deflater | null;
  /** the last error message, kept past the stream's end as zlib's strm->msg is */
  private endMsg: string | null = null;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const [level, method, wbits, memLevel, strategy] = [
      int(pos[0] ?? kws["level"], -1),
      int(pos[1] ?? kws["method"], 8),
      int(pos[2] ?? kws["wbits"], 15),
      int(pos[3] ?? kws["memLevel"], 8),
      int(pos[4] ?? kws["strategy"], 0),
    ];
    const zdictArg = pos[5] ?? kws["zdict"];
    const zdict = zdictArg === undefined || zdictArg === null ? null : data(zdictArg);
    const d = newDeflater(level, method, wbits, memLevel, strategy);
    if (d === null) throw new ValueError("Invalid initialization option");
    if (zdict !== null && !d.setDictionary(zdict)) throw new ValueError("Invalid dictionary");
    this.stream = d;
  }

  private live(action: string): Deflater {
    if (this.stream === null) throw new error(`Error -2 ${action}: ${this.endMsg ?? "inconsistent stream state"}`);
    return this.stream;
  }

  compress(input: unknown): Bytes {
    const bytes = data(input);
    return Bytes.fromArray(drive(this.live("while compressing data"), bytes, Z_NO_FLUSH, "while compressing data")[0]);
  }

  flush(mode: unknown = 4n): Bytes {
    const m = int(mode, Z_FINISH);
    if (m === Z_NO_FLUSH) return Bytes.fromArray(EMPTY);
    const d = this.live("while flushing");
    const [out, err] = drive(d, EMPTY, m, "while flushing");
    if (m === Z_FINISH && err === Z_STREAM_END) {
      this.endMsg = d.msg;
      this.stream = null;
    }
    return Bytes.fromArray(out);
  }

  copy(): Compress {
    if (this.stream === null) throw new ValueError("Inconsistent stream state");
    const twin = Object.create(Compress.prototype) as Compress;
    twin.stream = cloneState(this.stream);
    twin.endMsg = null;
    return twin;
  }

  __copy__(): Compress {
    return this.copy();
  }

  __deepcopy__(_memo: unknown): Compress {
    return this.copy();
  }
}

/** A deep copy of a stream's state (deflateCopy): typed arrays and nested state objects copied. */
function cloneState<T extends object>(src: T): T {
  const twin = Object.create(Object.getPrototypeOf(src) as object) as Record<string, unknown>;
  for (const [key, value] of Object.entries(src)) {
    // (the one DataView is the window's: it views the copied window)
    if (value instanceof DataView) twin[key] = new DataView((twin["window"] as Uint8Array).buffer);
    else if (ArrayBuffer.isView(value)) twin[key] = (value as Uint8Array).slice();
    else if (value !== null && typeof value === "object" && !Array.isArray(value)) twin[key] = cloneState(value);
    else twin[key] = value;
  }
  return twin as T;
}
