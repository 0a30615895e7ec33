// BLAKE2b and BLAKE2s (RFC 7693) with the full parameter block CPython's `_blake2` takes:
// digest size, key, salt, personalisation and the tree-hashing fields. Node's crypto has only
// the unkeyed full-length forms, so pyts computes BLAKE2 itself. BLAKE2b's 64-bit words are
// kept as (low, high) pairs of 32-bit halves in a Uint32Array.

const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/** The IV of both variants: SHA-512's (BLAKE2b, as low/high halves) and SHA-256's (BLAKE2s). */
const IV32 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const IV64 = new Uint32Array([
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a,
  0xade682d1, 0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19,
]);

/** The parameters of a BLAKE2 instance (already checked against the variant's limits). */
export interface Blake2Params {
  digestSize: number;
  key: Uint8Array;
  salt: Uint8Array;
  person: Uint8Array;
  fanout: number;
  depth: number;
  leafSize: number;
  nodeOffset: bigint;
  nodeDepth: number;
  innerSize: number;
  lastNode: boolean;
}

/** The variant's sizes: block bytes, word bytes, salt/person bytes, rounds. */
interface Variant {
  readonly block: number;
  readonly wide: boolean;
  readonly saltSize: number;
  readonly rounds: number;
}

export const BLAKE2B: Variant = { block: 128, wide: true, saltSize: 16, rounds: 12 };
export const BLAKE2S: Variant = { block: 64, wide: false, saltSize: 8, rounds: 10 };

/** The 32-byte (2s) or 64-byte (2b) parameter block of RFC 7693 section 2.5. */
function parameterBlock(v: Variant, p: Blake2Params): Uint8Array {
  const out = new Uint8Array(v.wide ? 64 : 32);
  out[0] = p.digestSize;
  out[1] = p.key.length;
  out[2] = p.fanout;
  out[3] = p.depth;
  new DataView(out.buffer).setUint32(4, p.leafSize, true);
  // node offset: 8 bytes (2b) or 6 bytes (2s), little-endian
  let offset = p.nodeOffset;
  for (let i = 0; i < (v.wide ? 8 : 6); i++, offset >>= 8n) out[8 + i] = Number(offset & 0xffn);
  out[v.wide ? 16 : 14] = p.nodeDepth;
  out[v.wide ? 17 : 15] = p.innerSize;
  out.set(p.salt, v.wide ? 32 : 16);
  out.set(p.person, v.wide ? 48 : 24);
  return out;
}

/** A running BLAKE2 computation: `update` with data, `digest` any number of times, `copy`. */
export class Blake2State {
  private readonly h: Uint32Array;
  private readonly buffer: Uint8Array;
  private filled = 0;
  /** bytes compressed so far (the counter t) */
  private counter = 0n;

  constructor(
    private readonly variant: Variant,
    private readonly params: Blake2Params,
    copyOf?: Blake2State,
  ) {
    this.buffer = new Uint8Array(variant.block);
    if (copyOf !== undefined) {
      this.h = copyOf.h.slice();
      this.buffer.set(copyOf.buffer);
      this.filled = copyOf.filled;
      this.counter = copyOf.counter;
      return;
    }
    const block = new DataView(parameterBlock(variant, params).buffer);
    if (variant.wide) {
      this.h = IV64.slice();
      for (let i = 0; i < 16; i++) this.h[i] = this.h[i]! ^ block.getUint32(i * 4, true);
    } else {
      this.h = new Uint32Array(IV32);
      for (let i = 0; i < 8; i++) this.h[i] = this.h[i]! ^ block.getUint32(i * 4, true);
    }
    if (params.key.length > 0) {
      // The key, padded with zeros, is the first block.
      const padded = new Uint8Array(variant.block);
      padded.set(params.key);
      this.update(padded);
    }
  }

  update(data: Uint8Array): this {
    const block = this.variant.block;
    let i = 0;
    while (i < data.length) {
      // A full buffer is compressed only once more data follows (the last block is final).
      if (this.filled === block) {
        this.counter += BigInt(block);
        this.compress(this.h, this.buffer, false);
        this.filled = 0;
      }
      const take = Math.min(block - this.filled, data.length - i);
      this.buffer.set(data.subarray(i, i + take), this.filled);
      this.filled += take;
      i += take;
    }
    return this;
  }

  copy(): Blake2State {
    return new Blake2State(this.variant, this.params, this);
  }

  digest(): Uint8Array {
    const h = this.h.slice();
    const last = new Uint8Array(this.variant.block);
    last.set(this.buffer.subarray(0, this.filled));
    this.compressWith(h, last, this.counter + BigInt(this.filled), true);
    const bytes = new Uint8Array(h.buffer, h.byteOffset, h.byteLength);
    return Uint8Array.from(bytes.subarray(0, this.params.digestSize));
  }

  private compress(h: Uint32Array, block: Uint8Array, final: boolean): void {
    this.compressWith(h, block, this.counter, final);
  }

  private compressWith(h: Uint32Array, block: Uint8Array, counter: bigint, final: boolean): void {
    if (this.variant.wide) compress64(h, block, counter, final, this.params.lastNode);
    else compress32(h, block, counter, final, this.params.lastNode);
  }
}

// (little-endian hosts: the state's bytes are its words' bytes in order; Node runs on such hosts)

const v64 = new Uint32Array(32);
const m64 = new Uint32Array(32);

function add64(v: Uint32Array, a: number, b: number): void {
  const lo = v[a]! + v[b]!;
  let hi = v[a + 1]! + v[b + 1]!;
  if (lo >= 0x100000000) hi++;
  v[a] = lo;
  v[a + 1] = hi;
}

function add64m(v: Uint32Array, a: number, lo0: number, hi0: number): void {
  const lo = v[a]! + lo0;
  let hi = v[a + 1]! + hi0;
  if (lo >= 0x100000000) hi++;
  v[a] = lo;
  v[a + 1] = hi;
}

/** BLAKE2b's G on the word pairs at a, b, c, d (indices of low halves) with message words x, y. */
function g64(v: Uint32Array, m: Uint32Array, a: number, b: number, c: number, d: number, x: number, y: number): void {
  add64(v, a, b);
  add64m(v, a, m[x]!, m[x + 1]!);
  let lo = v[d]! ^ v[a]!;
  let hi = v[d + 1]! ^ v[a + 1]!;
  v[d] = hi; // rotate right 32
  v[d + 1] = lo;
  add64(v, c, d);
  lo = v[b]! ^ v[c]!;
  hi = v[b + 1]! ^ v[c + 1]!;
  v[b] = (lo >>> 24) ^ (hi << 8); // rotate right 24
  v[b + 1] = (hi >>> 24) ^ (lo << 8);
  add64(v, a, b);
  add64m(v, a, m[y]!, m[y + 1]!);
  lo = v[d]! ^ v[a]!;
  hi = v[d + 1]! ^ v[a + 1]!;
  v[d] = (lo >>> 16) ^ (hi << 16); // rotate right 16
  v[d + 1] = (hi >>> 16) ^ (lo << 16);
  add64(v, c, d);
  lo = v[b]! ^ v[c]!;
  hi = v[b + 1]! ^ v[c + 1]!;
  v[b] = (hi >>> 31) ^ (lo << 1); // rotate right 63
  v[b + 1] = (lo >>> 31) ^ (hi << 1);
}

function compress64(h: Uint32Array, block: Uint8Array, counter: bigint, final: boolean, lastNode: boolean): void {
  const v = v64;
  const m = m64;
  for (let i = 0; i < 16; i++) {
    v[i] = h[i]!;
    v[i + 16] = IV64[i]!;
  }
  v[24] = v[24]! ^ Number(counter & 0xffffffffn);
  v[25] = v[25]! ^ Number((counter >> 32n) & 0xffffffffn);
  v[26] = v[26]! ^ Number((counter >> 64n) & 0xffffffffn);
  v[27] = v[27]! ^ Number((counter >> 96n) & 0xffffffffn);
  if (final) {
    v[28] = ~v[28]!;
    v[29] = ~v[29]!;
  }
  if (final && lastNode) {
    v[30] = ~v[30]!;
    v[31] = ~v[31]!;
  }
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  for (let i = 0; i < 32; i++) m[i] = view.getUint32(i * 4, true);
  for (let r = 0; r < 12; r++) {
    const s = SIGMA[r % 10]!;
    g64(v, m, 0, 8, 16, 24, s[0]! * 2, s[1]! * 2);
    g64(v, m, 2, 10, 18, 26, s[2]! * 2, s[3]! * 2);
    g64(v, m, 4, 12, 20, 28, s[4]! * 2, s[5]! * 2);
    g64(v, m, 6, 14, 22, 30, s[6]! * 2, s[7]! * 2);
    g64(v, m, 0, 10, 20, 30, s[8]! * 2, s[9]! * 2);
    g64(v, m, 2, 12, 22, 24, s[10]! * 2, s[11]! * 2);
    g64(v, m, 4, 14, 16, 26, s[12]! * 2, s[13]! * 2);
    g64(v, m, 6, 8, 18, 28, s[14]! * 2, s[15]! * 2);
  }
  for (let i = 0; i < 16; i++) h[i] = h[i]! ^ v[i]! ^ v[i + 16]!;
}

const v32 = new Uint32Array(16);
const m32 = new Uint32Array(16);

function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

/** BLAKE2s's G. */
function g32(v: Uint32Array, m: Uint32Array, a: number, b: number, c: number, d: number, x: number, y: number): void {
  v[a] = v[a]! + v[b]! + m[x]!;
  v[d] = rotr(v[d]! ^ v[a]!, 16);
  v[c] = v[c]! + v[d]!;
  v[b] = rotr(v[b]! ^ v[c]!, 12);
  v[a] = v[a]! + v[b]! + m[y]!;
  v[d] = rotr(v[d]! ^ v[a]!, 8);
  v[c] = v[c]! + v[d]!;
  v[b] = rotr(v[b]! ^ v[c]!, 7);
}

function compress32(h: Uint32Array, block: Uint8Array, counter: bigint, final: boolean, lastNode: boolean): void {
  const v = v32;
  const m = m32;
  for (let i = 0; i < 8; i++) {
    v[i] = h[i]!;
    v[i + 8] = IV32[i]!;
  }
  v[12] = v[12]! ^ Number(counter & 0xffffffffn);
  v[13] = v[13]! ^ Number((counter >> 32n) & 0xffffffffn);
  if (final) v[14] = ~v[14]!;
  if (final && lastNode) v[15] = ~v[15]!;
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  for (let i = 0; i < 16; i++) m[i] = view.getUint32(i * 4, true);
  for (let r = 0; r < 10; r++) {
    const s = SIGMA[r]!;
    g32(v, m, 0, 4, 8, 12, s[0]!, s[1]!);
    g32(v, m, 1, 5, 9, 13, s[2]!, s[3]!);
    g32(v, m, 2, 6, 10, 14, s[4]!, s[5]!);
    g32(v, m, 3, 7, 11, 15, s[6]!, s[7]!);
    g32(v, m, 0, 5, 10, 15, s[8]!, s[9]!);
    g32(v, m, 1, 6, 11, 12, s[10]!, s[11]!);
    g32(v, m, 2, 7, 8, 13, s[12]!, s[13]!);
    g32(v, m, 3, 4, 9, 14, s[14]!, s[15]!);
  }
  for (let i = 0; i < 8; i++) h[i] = h[i]! ^ v[i]! ^ v[i + 8]!;
}
