// The checksums of zlib streams: CRC-32 (gzip, zip; polynomial 0xedb88320, LSB first, four
// bytes per step through four tables) and Adler-32 (the zlib wrapper, sums mod 65521 taken
// every 3800 bytes, where they cannot yet overflow a double's exact range).

let tables: Uint32Array[] | null = null;

function crcTables(): Uint32Array[] {
  if (tables !== null) return tables;
  const t0 = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t0[n] = c >>> 0;
  }
  const all = [t0, new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  for (let n = 0; n < 256; n++) {
    let c = t0[n]!;
    for (let k = 1; k < 4; k++) {
      c = t0[c & 0xff]! ^ (c >>> 8);
      all[k]![n] = c >>> 0;
    }
  }
  return (tables = all);
}

/** CRC-32 of `bytes[from, from + length)` continuing from `crc` (0 to start). */
export function crc32Update(crc: number, bytes: Uint8Array, from = 0, length = bytes.length - from): number {
  const [t0, t1, t2, t3] = crcTables() as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  let c = ~crc >>> 0;
  let i = from;
  const end = from + length;
  for (; i + 4 <= end; i += 4) {
    c ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    c = t3[c & 0xff]! ^ t2[(c >>> 8) & 0xff]! ^ t1[(c >>> 16) & 0xff]! ^ t0[c >>> 24]!;
  }
  for (; i < end; i++) c = t0[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** Adler-32 of `bytes[from, from + length)` continuing from `adler` (1 to start). */
export function adler32Update(adler: number, bytes: Uint8Array, from = 0, length = bytes.length - from): number {
  let a = adler & 0xffff;
  let b = adler >>> 16;
  let i = from;
  const end = from + length;
  while (i < end) {
    const stop = Math.min(end, i + 3800);
    for (; i < stop; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
