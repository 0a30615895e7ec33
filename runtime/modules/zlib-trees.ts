// The block coder of pyts's deflate (RFC 1951), made to emit the same bits as the reference
// zlib (1.2.13, the zlib CPython links): symbols are tallied into a buffer of lit_bufsize
// entries; a block is sent stored, with the fixed codes or with dynamic codes, whichever the
// computed bit counts say is shortest (ties as zlib breaks them). Dynamic codes come from
// zlib's Huffman construction: a heap ordered by frequency then subtree depth, lengths limited
// by moving overflowed leaves as zlib does, code lengths sent with runs (codes 16/17/18).
// Bits are collected 16 at a time and bytes land in `pending`, as zlib's bi_buf/pending_buf,
// because the stored-block logic of level 0 depends on how many bytes are pending.

import { BASE_DIST, BASE_LENGTH, BL_CODES, BL_ORDER, D_CODES, END_BLOCK, EXTRA_BLBITS, EXTRA_DBITS, EXTRA_LBITS, HEAP_SIZE, LENGTH_CODE, L_CODES, MAX_BITS, MAX_BL_BITS, REPZ_11_138, REPZ_3_10, REP_3_6, STATIC_DCODE, STATIC_DLEN, STATIC_LCODE, STATIC_LLEN, assignCodes, distCode } from "./zlib-code-tables.js";

/**
 * One dynamic tree. `fc` holds frequencies, then codes; `dl` holds parent nodes, then lengths
 * (zlib keeps each pair in one union, and its length-limiting pass relies on that overlap).
 */
class Tree {
  readonly fc: Uint16Array;
  readonly dl: Uint16Array;
  maxCode = 0;
  constructor(
    size: number,
    readonly elems: number,
    readonly extra: readonly number[],
    readonly extraBase: number,
    readonly maxLength: number,
    readonly staticLen: Uint16Array | null,
  ) {
    this.fc = new Uint16Array(size);
    this.dl = new Uint16Array(size);
  }
}

export class BlockCoder {
  pending: Uint8Array;
  pendingStart = 0;
  pendingLength = 0;
  readonly pendingBufSize: number;
  biBuf = 0;
  biValid = 0;

  readonly litBufsize: number;
  /** Tallied symbols: 3 bytes each (distance low, distance high, literal or length - 3). */
  readonly symBuf: Uint8Array;
  symNext = 0;
  readonly symEnd: number;
  matches = 0;
  optLen = 0;
  staticLen = 0;
  level = 6;
  strategy = 0;

  private readonly ltree = new Tree(HEAP_SIZE, L_CODES, EXTRA_LBITS, 257, MAX_BITS, STATIC_LLEN);
  private readonly dtree = new Tree(2 * D_CODES + 1, D_CODES, EXTRA_DBITS, 0, MAX_BITS, STATIC_DLEN);
  private readonly bltree = new Tree(2 * BL_CODES + 1, BL_CODES, EXTRA_BLBITS, 0, MAX_BL_BITS, null);
  private readonly heap = new Int32Array(HEAP_SIZE);
  private heapLen = 0;
  private heapMax = 0;
  private readonly depth = new Uint8Array(HEAP_SIZE);
  private readonly blCount = new Uint16Array(MAX_BITS + 1);

  /** the literal/length and distance frequencies of the block (builders that tally inline) */
  get literalFreqs(): Uint16Array {
    return this.ltree.fc;
  }
  get distanceFreqs(): Uint16Array {
    return this.dtree.fc;
  }

  constructor(memLevel: number) {
    this.litBufsize = 1 << (memLevel + 6);
    this.pendingBufSize = this.litBufsize * 4;
    this.pending = new Uint8Array(this.pendingBufSize + 64);
    this.symBuf = new Uint8Array(this.litBufsize * 3);
    this.symEnd = (this.litBufsize - 1) * 3;
    this.initBlock();
  }

  protected initBlock(): void {
    this.ltree.fc.fill(0, 0, L_CODES);
    this.dtree.fc.fill(0, 0, D_CODES);
    this.bltree.fc.fill(0, 0, BL_CODES);
    this.ltree.fc[END_BLOCK] = 1;
    this.optLen = this.staticLen = 0;
    this.symNext = this.matches = 0;
  }

  // ---- output bytes and bits ----

  private reserve(n: number): void {
    const end = this.pendingStart + this.pendingLength + n;
    if (end <= this.pending.length) return;
    const grown = new Uint8Array(Math.max(end, this.pending.length * 2));
    grown.set(this.pending.subarray(this.pendingStart, this.pendingStart + this.pendingLength));
    this.pending = grown;
    this.pendingStart = 0;
  }

  putByte(b: number): void {
    this.reserve(1);
    this.pending[this.pendingStart + this.pendingLength++] = b;
  }

  putShort(w: number): void {
    this.reserve(2);
    const at = this.pendingStart + this.pendingLength;
    this.pending[at] = w & 0xff;
    this.pending[at + 1] = (w >>> 8) & 0xff;
    this.pendingLength += 2;
  }

  putBytes(src: Uint8Array, from: number, length: number): void {
    this.reserve(length);
    this.pending.set(src.subarray(from, from + length), this.pendingStart + this.pendingLength);
    this.pendingLength += length;
  }

  sendBits(value: number, length: number): void {
    if (this.biValid > 16 - length) {
      this.biBuf |= (value << this.biValid) & 0xffff;
      this.putShort(this.biBuf);
      this.biBuf = (value & 0xffff) >>> (16 - this.biValid);
      this.biValid += length - 16;
    } else {
      this.biBuf |= (value << this.biValid) & 0xffff;
      this.biValid += length;
    }
  }

  /** Whole bytes of the bit buffer move to pending (at most 7 bits stay). */
  biFlush(): void {
    if (this.biValid === 16) {
      this.putShort(this.biBuf);
      this.biBuf = 0;
      this.biValid = 0;
    } else if (this.biValid >= 8) {
      this.putByte(this.biBuf & 0xff);
      this.biBuf >>>= 8;
      this.biValid -= 8;
    }
  }

  /** Pads the bit buffer to a byte boundary. */
  biWindup(): void {
    if (this.biValid > 8) this.putShort(this.biBuf);
    else if (this.biValid > 0) this.putByte(this.biBuf & 0xff);
    this.biBuf = 0;
    this.biValid = 0;
  }

  // ---- tallying ----

  tallyLit(c: number): boolean {
    const s = this.symBuf;
    s[this.symNext++] = 0;
    s[this.symNext++] = 0;
    s[this.symNext++] = c;
    this.ltree.fc[c]!++;
    return this.symNext === this.symEnd;
  }

  /** A match of `len - 3` at distance `dist`; true when the symbol buffer is full. */
  tallyDist(dist: number, len: number): boolean {
    const s = this.symBuf;
    s[this.symNext++] = dist & 0xff;
    s[this.symNext++] = dist >>> 8;
    s[this.symNext++] = len;
    this.matches++;
    this.ltree.fc[LENGTH_CODE[len]! + 257]!++;
    this.dtree.fc[distCode(dist - 1)]!++;
    return this.symNext === this.symEnd;
  }

  // ---- Huffman trees ----

  private smaller(tree: Uint16Array, n: number, m: number): boolean {
    const fn = tree[n]!, fm = tree[m]!;
    return fn < fm || (fn === fm && this.depth[n]! <= this.depth[m]!);
  }

  private downHeap(fc: Uint16Array, k: number): void {
    const heap = this.heap;
    const v = heap[k]!;
    let j = k << 1;
    while (j <= this.heapLen) {
      if (j < this.heapLen && this.smaller(fc, heap[j + 1]!, heap[j]!)) j++;
      if (this.smaller(fc, v, heap[j]!)) break;
      heap[k] = heap[j]!;
      k = j;
      j <<= 1;
    }
    heap[k] = v;
  }

  /** Bit lengths from the built tree, limited to the tree's maximum as zlib limits them. */
  private genBitlen(t: Tree): void {
    const { fc, dl, maxCode, extra, extraBase, maxLength, staticLen } = t;
    const heap = this.heap;
    const blCount = this.blCount;
    blCount.fill(0);
    let overflow = 0;
    dl[heap[this.heapMax]!] = 0;
    let h: number;
    for (h = this.heapMax + 1; h < HEAP_SIZE; h++) {
      const n = heap[h]!;
      let bits = dl[dl[n]!]! + 1;
      if (bits > maxLength) {
        bits = maxLength;
        overflow++;
      }
      dl[n] = bits;
      if (n > maxCode) continue;
      blCount[bits]!++;
      const xbits = n >= extraBase ? extra[n - extraBase]! : 0;
      const f = fc[n]!;
      this.optLen += f * (bits + xbits);
      if (staticLen !== null) this.staticLen += f * (staticLen[n]! + xbits);
    }
    if (overflow === 0) return;
    do {
      let bits = maxLength - 1;
      while (blCount[bits] === 0) bits--;
      blCount[bits]!--;
      blCount[bits + 1]! += 2;
      blCount[maxLength]!--;
      overflow -= 2;
    } while (overflow > 0);
    for (let bits = maxLength; bits !== 0; bits--) {
      let n = blCount[bits]!;
      while (n !== 0) {
        const m = heap[--h]!;
        if (m > maxCode) continue;
        if (dl[m] !== bits) {
          this.optLen += (bits - dl[m]!) * fc[m]!;
          dl[m] = bits;
        }
        n--;
      }
    }
  }

  private buildTree(t: Tree): void {
    const { fc, dl, elems, staticLen } = t;
    const heap = this.heap;
    const depth = this.depth;
    let maxCode = -1;
    this.heapLen = 0;
    this.heapMax = HEAP_SIZE;
    for (let n = 0; n < elems; n++) {
      if (fc[n] !== 0) {
        heap[++this.heapLen] = maxCode = n;
        depth[n] = 0;
      } else dl[n] = 0;
    }
    // at least two codes, so that every code has at least one bit
    while (this.heapLen < 2) {
      const node = (heap[++this.heapLen] = maxCode < 2 ? ++maxCode : 0);
      fc[node] = 1;
      depth[node] = 0;
      this.optLen--;
      if (staticLen !== null) this.staticLen -= staticLen[node]!;
    }
    t.maxCode = maxCode;
    for (let n = this.heapLen >> 1; n >= 1; n--) this.downHeap(fc, n);
    let node = elems;
    do {
      const n = heap[1]!;
      heap[1] = heap[this.heapLen--]!;
      this.downHeap(fc, 1);
      const m = heap[1]!;
      heap[--this.heapMax] = n;
      heap[--this.heapMax] = m;
      fc[node] = fc[n]! + fc[m]!;
      depth[node] = (depth[n]! >= depth[m]! ? depth[n]! : depth[m]!) + 1;
      dl[n] = dl[m] = node;
      heap[1] = node++;
      this.downHeap(fc, 1);
    } while (this.heapLen >= 2);
    heap[--this.heapMax] = heap[1]!;
    this.genBitlen(t);
    assignCodes(dl, fc, maxCode, this.blCount);
  }

  /** Counts the code-length symbols (with runs) that will describe `t`'s lengths. */
  private scanTree(t: Tree, maxCode: number): void {
    const dl = t.dl;
    const blFreq = this.bltree.fc;
    let prevlen = -1;
    let nextlen = dl[0]!;
    let count = 0;
    let maxCount = 7;
    let minCount = 4;
    if (nextlen === 0) {
      maxCount = 138;
      minCount = 3;
    }
    dl[maxCode + 1] = 0xffff; // guard
    for (let n = 0; n <= maxCode; n++) {
      const curlen = nextlen;
      nextlen = dl[n + 1]!;
      if (++count < maxCount && curlen === nextlen) continue;
      else if (count < minCount) blFreq[curlen]! += count;
      else if (curlen !== 0) {
        if (curlen !== prevlen) blFreq[curlen]!++;
        blFreq[REP_3_6]!++;
      } else if (count <= 10) blFreq[REPZ_3_10]!++;
      else blFreq[REPZ_11_138]!++;
      count = 0;
      prevlen = curlen;
      if (nextlen === 0) {
        maxCount = 138;
        minCount = 3;
      } else if (curlen === nextlen) {
        maxCount = 6;
        minCount = 3;
      } else {
        maxCount = 7;
        minCount = 4;
      }
    }
  }

  private sendCode(c: number, t: Tree): void {
    this.sendBits(t.fc[c]!, t.dl[c]!);
  }

  private sendTree(t: Tree, maxCode: number): void {
    const dl = t.dl;
    const bl = this.bltree;
    let prevlen = -1;
    let nextlen = dl[0]!;
    let count = 0;
    let maxCount = 7;
    let minCount = 4;
    if (nextlen === 0) {
      maxCount = 138;
      minCount = 3;
    }
    for (let n = 0; n <= maxCode; n++) {
      const curlen = nextlen;
      nextlen = dl[n + 1]!;
      if (++count < maxCount && curlen === nextlen) continue;
      else if (count < minCount) {
        do this.sendCode(curlen, bl);
        while (--count !== 0);
      } else if (curlen !== 0) {
        if (curlen !== prevlen) {
          this.sendCode(curlen, bl);
          count--;
        }
        this.sendCode(REP_3_6, bl);
        this.sendBits(count - 3, 2);
      } else if (count <= 10) {
        this.sendCode(REPZ_3_10, bl);
        this.sendBits(count - 3, 3);
      } else {
        this.sendCode(REPZ_11_138, bl);
        this.sendBits(count - 11, 7);
      }
      count = 0;
      prevlen = curlen;
      if (nextlen === 0) {
        maxCount = 138;
        minCount = 3;
      } else if (curlen === nextlen) {
        maxCount = 6;
        minCount = 3;
      } else {
        maxCount = 7;
        minCount = 4;
      }
    }
  }

  /** The code-length tree; returns the index in BL_ORDER of the last length sent. */
  private buildBlTree(): number {
    this.scanTree(this.ltree, this.ltree.maxCode);
    this.scanTree(this.dtree, this.dtree.maxCode);
    this.buildTree(this.bltree);
    let maxBlindex: number;
    for (maxBlindex = BL_CODES - 1; maxBlindex >= 3; maxBlindex--) {
      if (this.bltree.dl[BL_ORDER[maxBlindex]!] !== 0) break;
    }
    this.optLen += 3 * (maxBlindex + 1) + 5 + 5 + 4;
    return maxBlindex;
  }

  private sendAllTrees(lcodes: number, dcodes: number, blcodes: number): void {
    this.sendBits(lcodes - 257, 5);
    this.sendBits(dcodes - 1, 5);
    this.sendBits(blcodes - 4, 4);
    for (let rank = 0; rank < blcodes; rank++) this.sendBits(this.bltree.dl[BL_ORDER[rank]!]!, 3);
    this.sendTree(this.ltree, lcodes - 1);
    this.sendTree(this.dtree, dcodes - 1);
  }

  /**
   * The block's symbols in the given codes. sendBits's bit buffer is kept in locals and written
   * straight to pending (room for the block's longest coding reserved first); the buffer holds
   * up to 32 bits here, so a code is added before the test, but two bytes go out exactly when
   * sendBits's 16-bit buffer would send them (more than 16 bits), so the state it leaves is
   * sendBits's.
   */
  private compressBlock(lcode: Uint16Array, llen: Uint16Array, dcode: Uint16Array, dlen: Uint16Array): void {
    const sym = this.symBuf, symNext = this.symNext;
    // at most 15 + 5 + 15 + 13 bits a symbol, two bytes more for the end of block
    this.reserve((symNext / 3) * 6 + 4);
    const out = this.pending;
    let at = this.pendingStart + this.pendingLength;
    const start = at;
    // valid <= 16 before each code of <= 16 bits: the sum fits the 32-bit buffer
    let buf = this.biBuf, valid = this.biValid;
    for (let sx = 0; sx < symNext; ) {
      let dist = sym[sx]! | (sym[sx + 1]! << 8);
      let lc = sym[sx + 2]!;
      sx += 3;
      if (dist === 0) {
        buf |= lcode[lc]! << valid;
        valid += llen[lc]!;
        if (valid > 16) {
          out[at++] = buf & 0xff;
          out[at++] = (buf >>> 8) & 0xff;
          buf >>>= 16;
          valid -= 16;
        }
        continue;
      }
      let code = LENGTH_CODE[lc]!;
      buf |= lcode[code + 257]! << valid;
      valid += llen[code + 257]!;
      if (valid > 16) {
        out[at++] = buf & 0xff;
        out[at++] = (buf >>> 8) & 0xff;
        buf >>>= 16;
        valid -= 16;
      }
      let extra = EXTRA_LBITS[code]!;
      if (extra !== 0) {
        lc -= BASE_LENGTH[code]!;
        buf |= lc << valid;
        valid += extra;
        if (valid > 16) {
          out[at++] = buf & 0xff;
          out[at++] = (buf >>> 8) & 0xff;
          buf >>>= 16;
          valid -= 16;
        }
      }
      dist--;
      code = distCode(dist);
      buf |= dcode[code]! << valid;
      valid += dlen[code]!;
      if (valid > 16) {
        out[at++] = buf & 0xff;
        out[at++] = (buf >>> 8) & 0xff;
        buf >>>= 16;
        valid -= 16;
      }
      extra = EXTRA_DBITS[code]!;
      if (extra !== 0) {
        buf |= (dist - BASE_DIST[code]!) << valid;
        valid += extra;
        if (valid > 16) {
          out[at++] = buf & 0xff;
          out[at++] = (buf >>> 8) & 0xff;
          buf >>>= 16;
          valid -= 16;
        }
      }
    }
    this.pendingLength += at - start;
    this.biBuf = buf;
    this.biValid = valid;
    this.sendBits(lcode[END_BLOCK]!, llen[END_BLOCK]!);
  }

  // ---- blocks ----

  /** A stored block of `length` bytes of `src` from `from` (src null: an empty marker block). */
  storedBlock(src: Uint8Array | null, from: number, length: number, last: boolean): void {
    this.sendBits(last ? 1 : 0, 3);
    this.biWindup();
    this.putShort(length);
    this.putShort(~length & 0xffff);
    if (src !== null && length > 0) this.putBytes(src, from, length);
  }

  /** An empty block with the fixed codes (Z_PARTIAL_FLUSH). */
  align(): void {
    this.sendBits(2, 3);
    this.sendBits(STATIC_LCODE[END_BLOCK]!, STATIC_LLEN[END_BLOCK]!);
    this.biFlush();
  }

  /**
   * Ends the current block: the tallied symbols go out with the cheapest coding; `src` (the
   * window, or null when the block's bytes are no longer all in it) allows a stored block.
   */
  flushBlock(src: Uint8Array | null, from: number, storedLen: number, last: boolean): void {
    let optLenb: number;
    let staticLenb: number;
    let maxBlindex = 0;
    if (this.level > 0) {
      this.buildTree(this.ltree);
      this.buildTree(this.dtree);
      maxBlindex = this.buildBlTree();
      optLenb = (this.optLen + 3 + 7) >>> 3;
      staticLenb = (this.staticLen + 3 + 7) >>> 3;
      if (staticLenb <= optLenb || this.strategy === 4) optLenb = staticLenb;
    } else optLenb = staticLenb = storedLen + 5;
    if (storedLen + 4 <= optLenb && src !== null) this.storedBlock(src, from, storedLen, last);
    else if (staticLenb === optLenb) {
      this.sendBits(2 + (last ? 1 : 0), 3);
      this.compressBlock(STATIC_LCODE, STATIC_LLEN, STATIC_DCODE, STATIC_DLEN);
    } else {
      this.sendBits(4 + (last ? 1 : 0), 3);
      this.sendAllTrees(this.ltree.maxCode + 1, this.dtree.maxCode + 1, maxBlindex + 1);
      this.compressBlock(this.ltree.fc, this.ltree.dl, this.dtree.fc, this.dtree.dl);
    }
    this.initBlock();
    if (last) this.biWindup();
  }
}
