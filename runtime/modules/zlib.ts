// Python's `zlib`. Compression is pyts's own deflate (zlib-compress.ts), byte for byte the
// reference zlib CPython links; decompression is node:zlib's inflate (zlib-decompress.ts; its
// output is the same for any inflate), loaded on first use (a bundle that never inflates still
// runs in a browser).

import { Bytes } from "../values/bytes.js";
import { splitKw } from "../values/kwargs.js";
import { adler32Update, crc32Update } from "./zlib-checksum.js";
import { Compress, compress, data, error } from "./zlib-compress.js";
import { Decompress, formatOf, inflate, zerror } from "./zlib-decompress.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";

const Z = {
  MAX_WBITS: 15n, DEFLATED: 8n, DEF_MEM_LEVEL: 8n, DEF_BUF_SIZE: 16384n,
  Z_NO_COMPRESSION: 0n, Z_BEST_SPEED: 1n, Z_BEST_COMPRESSION: 9n, Z_DEFAULT_COMPRESSION: -1n,
  Z_FILTERED: 1n, Z_HUFFMAN_ONLY: 2n, Z_RLE: 3n, Z_FIXED: 4n, Z_DEFAULT_STRATEGY: 0n,
  Z_NO_FLUSH: 0n, Z_PARTIAL_FLUSH: 1n, Z_SYNC_FLUSH: 2n, Z_FULL_FLUSH: 3n, Z_FINISH: 4n, Z_BLOCK: 5n, Z_TREES: 6n,
};

const toBytes = (b: Uint8Array): Bytes => Bytes.fromArray(b);
const int = (x: unknown, fallback: number): number => (x === undefined ? fallback : Number(x as bigint));

function crc32(buf: unknown, value: unknown = 0n): bigint {
  return BigInt(crc32Update(Number(BigInt.asUintN(32, value as bigint)), data(buf)));
}

function adler32(buf: unknown, value: unknown = 1n): bigint {
  return BigInt(adler32Update(Number(BigInt.asUintN(32, value as bigint)), data(buf)));
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
export { zerror };
