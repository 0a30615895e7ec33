// The file format of `pyts run`'s V8 code caches (run-program.ts): V8's data behind a header
// of our own: a tag, the data's length and a checksum. V8 (Node 20's, as built) checks a
// cache's version, flags and length but not its contents: a damaged file crashes the process
// on every start. One that fails the check is not used (the caller writes it anew).
// On the start-up path: Node built-ins only, through process.getBuiltinModule.
const fs = process.getBuiltinModule("node:fs");

const CODE_CACHE_TAG = 0x50595443; // "PYTC"
const CODE_CACHE_HEADER = 12;

/** The bytes of a code cache file holding V8's `data`. */
export function codeCacheFileBytes(data: Uint8Array): Buffer {
  const header = Buffer.alloc(CODE_CACHE_HEADER);
  header.writeUInt32LE(CODE_CACHE_TAG, 0);
  header.writeUInt32LE(data.length, 4);
  header.writeUInt32LE(codeCacheChecksum(data), 8);
  return Buffer.concat([header, data]);
}

/**
 * V8's data in the code cache file, or undefined when there is none, or the file is not one
 * or is damaged. The data is read straight into the checksum's WebAssembly memory where there
 * is one (no second copy of the ~1 MB to check it): the view is good until the next read.
 */
export function readCodeCache(file: string): Uint8Array | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch {
    return undefined; // first run: no cache yet
  }
  try {
    const size = fs.fstatSync(fd).size;
    const header = Buffer.alloc(CODE_CACHE_HEADER);
    if (size < CODE_CACHE_HEADER || !readFully(fd, header, 0)) return undefined;
    const length = size - CODE_CACHE_HEADER;
    if (header.readUInt32LE(0) !== CODE_CACHE_TAG || header.readUInt32LE(4) !== length) return undefined;
    const data = wordSum()?.memory(length) ?? Buffer.allocUnsafe(length);
    if (!readFully(fd, data, CODE_CACHE_HEADER) || header.readUInt32LE(8) !== codeCacheChecksum(data)) return undefined;
    return data;
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A file's text read as latin1 (each byte one character: the runtime's scripts are ASCII),
 * through the same memory the code cache is then read into, so that a start touches fresh
 * memory for the larger of the two files only, not for both and a copy.
 */
export function readLatin1(file: string): string {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const bytes = wordSum()?.memory(size) ?? Buffer.allocUnsafe(size);
    if (!readFully(fd, bytes, 0)) throw new Error(`${file} changed while it was read`);
    return Buffer.from(bytes.buffer, bytes.byteOffset, size).toString("latin1");
  } finally {
    fs.closeSync(fd);
  }
}

/** Fills `into` from the file at `position`; false when the file ends first. */
function readFully(fd: number, into: Uint8Array, position: number): boolean {
  for (let at = 0; at < into.length; ) {
    const read = fs.readSync(fd, into, at, into.length - at, position + at);
    if (read === 0) return false;
    at += read;
  }
  return true;
}

/**
 * A 32-bit checksum of the bytes (FNV-style over 32-bit words, then the last bytes), computed
 * by a tiny WebAssembly function: the cache is checked on every start, and a JS loop over its
 * ~200,000 words runs mostly in the interpreter that early, at three times the instructions.
 * Where WebAssembly is missing (node --jitless) the same sum in JS.
 */
function codeCacheChecksum(data: Uint8Array): number {
  const length = data.length & ~3;
  let a: number;
  let b: number;
  const sum = wordSum();
  if (sum !== null) {
    const words = sum.memory(length);
    if (words.buffer !== data.buffer || words.byteOffset !== data.byteOffset) words.set(data.subarray(0, length));
    a = sum.w(length) | 0;
    b = sum.l() | 0;
  } else {
    const aligned = data.byteOffset % 4 === 0 ? data : Uint8Array.from(data);
    const words = new Int32Array(aligned.buffer, aligned.byteOffset, length >>> 2);
    a = 0x811c9dc5 ^ length;
    b = 0;
    for (let i = 0; i < words.length; i++) {
      a = Math.imul(a ^ words[i]!, 0x01000193);
      b = (b + (a >>> 7)) | 0;
    }
  }
  for (let i = length; i < data.length; i++) a = Math.imul(a ^ data[i]!, 0x01000193);
  return (a ^ b) >>> 0;
}

/**
 * The WebAssembly module of codeCacheChecksum: `words(n)` runs the JS loop above over the
 * first n bytes of its memory and returns `a`; `low()` then returns `b`.
 *   (func $words (param $n i32) (result i32)
 *     a = 0x811c9dc5 ^ n; for (i = 0; i < n; i += 4) { a = (a ^ load(i)) * 0x01000193; b += a >>> 7 } return a)
 *   (func $low (result i32) b)   ;; b is a global
 */
const WORD_SUM = [
  0, 97, 115, 109, 1, 0, 0, 0,
  // types: (i32) -> i32, () -> i32
  1, 10, 2, 96, 1, 127, 1, 127, 96, 0, 1, 127,
  // functions: words, low
  3, 3, 2, 0, 1,
  // memory: one page
  5, 3, 1, 0, 1,
  // global b: mutable i32 = 0
  6, 6, 1, 127, 1, 65, 0, 11,
  // exports: m (memory), w (words), l (low)
  7, 13, 3, 1, 109, 2, 0, 1, 119, 0, 0, 1, 108, 0, 1,
  // code
  10, 74, 2,
  // words: locals i, a
  67, 1, 2, 127,
  65, 0, 36, 0, // b = 0
  32, 0, 65, 197, 187, 242, 136, 120, 115, 33, 2, // a = 0x811c9dc5 ^ n
  2, 64, 3, 64,
  32, 1, 32, 0, 79, 13, 1, // if (i >= n) break
  32, 2, 32, 1, 40, 2, 0, 115, 65, 147, 131, 128, 8, 108, 34, 2, // a = (a ^ load(i)) * 0x01000193
  65, 7, 118, 35, 0, 106, 36, 0, // b += a >>> 7
  32, 1, 65, 4, 106, 33, 1, // i += 4
  12, 0, 11, 11,
  32, 2, 11, // return a
  // low
  4, 0, 35, 0, 11,
];

/** The module's exports: its memory, words(n) and low(). */
interface WordSumExports {
  m: { buffer: ArrayBuffer; grow(pages: number): number };
  w(n: number): number;
  l(): number;
}
/** The module's exports, and its memory's first `length` bytes (grown to hold them) as a view. */
interface WordSum extends WordSumExports {
  memory(length: number): Uint8Array;
}
/** (this project's type declarations do not include WebAssembly's) */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: WordSumExports };
}

let wordSumModule: WordSum | null | undefined;

function wordSum(): WordSum | null {
  if (wordSumModule === undefined) {
    try {
      const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
      const exports = wasm === undefined ? null : new wasm.Instance(new wasm.Module(new Uint8Array(WORD_SUM))).exports;
      wordSumModule =
        exports === null
          ? null
          : {
              ...exports,
              memory(length: number): Uint8Array {
                const pages = Math.ceil(length / 65536);
                const has = exports.m.buffer.byteLength / 65536;
                if (pages > has) exports.m.grow(pages - has);
                // (growing replaces the buffer: a view is taken after)
                return new Uint8Array(exports.m.buffer, 0, length);
              },
            };
    } catch {
      wordSumModule = null;
    }
  }
  return wordSumModule;
}
