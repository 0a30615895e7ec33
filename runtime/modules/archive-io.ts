// What zipfile, tarfile, gzip and shutil's archive functions share: an archive's bytes held in
// memory (read whole from a path or a binary file object, written back at close), CRC-32,
// raw deflate (pyts's, as CPython's zlib gives it), raw inflate on node:zlib, `stat.filemode` and local-time tuples.

import { nodeModule, nodeProcess } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { PyTypeError } from "../values/exceptions.js";
import { callMethod } from "../values/methods.js";
import { typeName } from "../values/typename.js";
import { fsCall } from "../lang/os-errors.js";
import { pathArg } from "../lang/files.js";
import { zerror } from "./zlib.js";
import { deflateRawBytes } from "./zlib-compress.js";

export const fs = (): typeof import("node:fs") => nodeModule("node:fs");

// A binary file object's own read/tell/seek/write, called as Python code would call them.
export const read = (f: unknown, n: number): Uint8Array => bytesArg(callMethod(f, "read", BigInt(n)));
export const tell = (f: unknown): number => Number(callMethod(f, "tell") as bigint);
export const seek = (f: unknown, at: number): void => void callMethod(f, "seek", BigInt(at));
export const write = (f: unknown, data: Uint8Array): void => void callMethod(f, "write", Bytes.fromArray(data));
export const zlibNode = (): typeof import("node:zlib") => nodeModule("node:zlib");

/** A path (str or os.PathLike), or null for a file object. */
export function pathOrNull(file: unknown): string | null {
  if (typeof file === "string") return file;
  if (file !== null && typeof file === "object" && typeof (file as { __fspath__?: unknown }).__fspath__ === "function") return pathArg(file);
  return null;
}

export function bytesArg(x: unknown): Uint8Array {
  if (x instanceof Uint8Array) return x;
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(x)}'`);
}

/** A growing byte buffer written at a position, as a seekable file is. */
export class ByteImage {
  bytes: Uint8Array;
  length: number;
  constructor(initial: Uint8Array = new Uint8Array(0)) {
    this.bytes = new Uint8Array(Math.max(initial.length, 1024));
    this.bytes.set(initial);
    this.length = initial.length;
  }
  write(at: number, data: Uint8Array): number {
    const end = at + data.length;
    if (end > this.bytes.length) {
      const grown = new Uint8Array(Math.max(end, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.bytes.set(data, at);
    if (end > this.length) this.length = end;
    return end;
  }
  truncate(at: number): void {
    this.length = Math.min(this.length, at);
  }
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

/** A file object's bytes from position 0, and its position before. */
export function readFileObject(fileobj: unknown): { data: Uint8Array; at: number } {
  const at = Number(callMethod(fileobj, "tell") as bigint);
  callMethod(fileobj, "seek", 0n);
  const data = bytesArg(callMethod(fileobj, "read"));
  return { data: new Uint8Array(data), at };
}

export function readPath(path: string): Uint8Array {
  return fsCall(() => fs().readFileSync(path), path);
}

export function toBytes(b: Uint8Array): Bytes {
  return Bytes.fromArray(b);
}

let table: Int32Array | null = null;
export function crc32(bytes: Uint8Array, start = 0): number {
  if (table === null) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let c = ~start;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** Raw deflate as zlib.compressobj(level, DEFLATED, -15) gives it for compress(chunk) of each chunk, then flush(). */
export function deflateRawChunks(chunks: readonly Uint8Array[], level: number): Uint8Array {
  return deflateRawBytes(chunks, level);
}

/** Raw inflate as a zlib.decompressobj(-15) fed all of `data` gives it: a truncated stream is no error. */
export function inflateRaw(data: Uint8Array): Uint8Array {
  const z = zlibNode();
  try {
    return z.inflateRawSync(data, { finishFlush: z.constants.Z_SYNC_FLUSH });
  } catch (e) {
    return zerror(e, "decompressing");
  }
}

const FILETYPES: ReadonlyArray<readonly [number, string]> = [
  [0o140000, "s"], [0o120000, "l"], [0o100000, "-"], [0o060000, "b"], [0o040000, "d"], [0o020000, "c"], [0o010000, "p"],
];

/** `stat.filemode(mode)`: '-rwxr-xr-x'. */
export function filemode(mode: number): string {
  let out = "?";
  for (const [bits, c] of FILETYPES) {
    if ((mode & 0o170000) === bits) {
      out = c;
      break;
    }
  }
  const perm = (r: number, w: number, x: number, special: number, set: string, unset: string): string =>
    (mode & r ? "r" : "-") + (mode & w ? "w" : "-") + (mode & special ? (mode & x ? set : unset) : mode & x ? "x" : "-");
  out += perm(0o400, 0o200, 0o100, 0o4000, "s", "S");
  out += perm(0o040, 0o020, 0o010, 0o2000, "s", "S");
  out += perm(0o004, 0o002, 0o001, 0o1000, "t", "T");
  return out;
}

/** time.localtime(secs)[:6] as numbers. */
export function localFields(secs: number): number[] {
  const d = new Date(secs * 1000);
  return [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
}

/** A Python int argument as a number (bool counts). */
export function num(x: unknown, what = "an integer"): number {
  if (typeof x === "bigint") return Number(x);
  if (typeof x === "boolean") return x ? 1 : 0;
  if (typeof x === "number" && Number.isInteger(x)) return x;
  throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as ${what}`);
}

/** Bytes as a string of char codes 0..255 (a Bytes spreads as bigints: index it). */
export function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/**
 * Archives left open when the program ends are closed then, as CPython's `__del__` closes a
 * ZipFile or GzipFile it collects (the central directory or the gzip trailer is written).
 */
const openAtExit = new Set<{ close(): unknown }>();
let exitHook = false;
export function closeAtExit(x: { close(): unknown }, open: boolean): void {
  if (!open) {
    openAtExit.delete(x);
    return;
  }
  openAtExit.add(x);
  if (exitHook) return;
  exitHook = true;
  nodeProcess()?.once("exit", () => {
    for (const f of [...openAtExit]) {
      try {
        f.close();
      } catch {
        // (the process is ending)
      }
    }
  });
}

/** Names of users and groups from /etc/passwd and /etc/group (pwd/grp). */
export function idNames(file: string): Map<number, string> {
  const out = new Map<number, string>();
  try {
    for (const line of String(fs().readFileSync(file, "utf8")).split("\n")) {
      const f = line.split(":");
      if (f.length > 2 && !out.has(Number(f[2]))) out.set(Number(f[2]), f[0]!);
    }
  } catch {
    // (no such file: names stay empty)
  }
  return out;
}
export function idByName(file: string, name: string): number | null {
  for (const [id, n] of idNames(file)) if (n === name) return id;
  return null;
}
