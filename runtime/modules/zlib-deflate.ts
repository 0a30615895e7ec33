// pyts's deflate stream: the state machine of the reference zlib's deflate() (1.2.13), so that
// the bytes equal what CPython's zlib module produces. A stream has a window of 2 * 2^wbits
// bytes, hash chains (head/prev) over 3-byte strings with zlib's rolling hash, and calls one
// of the block builders (stored, fast, slow, rle, huffman-only) per level and strategy.
// Output goes to the caller's current output block (nextOut/availOut), as zlib writes into
// the caller's buffer: the stored-block sizes of level 0, and an extra empty block after a
// sync flush that fills the buffer exactly, depend on it.

import { BlockCoder } from "./zlib-trees.js";
import { adler32Update, crc32Update } from "./zlib-checksum.js";
import { deflateStored } from "./zlib-stored.js";
import { deflateFast, deflateHuff, deflateRle, deflateSlow } from "./zlib-match.js";

export const Z_NO_FLUSH = 0, Z_PARTIAL_FLUSH = 1, Z_SYNC_FLUSH = 2, Z_FULL_FLUSH = 3, Z_FINISH = 4, Z_BLOCK = 5;
export const Z_OK = 0, Z_STREAM_END = 1, Z_STREAM_ERROR = -2, Z_BUF_ERROR = -5;
export const Z_FILTERED = 1, Z_HUFFMAN_ONLY = 2, Z_RLE = 3, Z_FIXED = 4;

export const MIN_MATCH = 3;
export const MAX_MATCH = 258;
export const MIN_LOOKAHEAD = MAX_MATCH + MIN_MATCH + 1;

/** What a block builder returns. */
export const enum BlockState {
  NeedMore,
  BlockDone,
  FinishStarted,
  FinishDone,
}

const INIT_STATE = 42, GZIP_STATE = 57, BUSY_STATE = 113, FINISH_STATE = 666;
const OS_CODE = 3; // Unix, as the zlib CPython links writes in gzip headers

/** Per level: good_length, max_lazy, nice_length, max_chain (zlib's configuration table). */
const CONFIG: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 0, 0],
  [4, 4, 8, 4],
  [4, 5, 16, 8],
  [4, 6, 32, 32],
  [4, 4, 16, 16],
  [8, 16, 32, 32],
  [8, 16, 128, 128],
  [8, 32, 128, 256],
  [32, 128, 258, 1024],
  [32, 258, 258, 4096],
];

const ERROR_MESSAGES: Record<number, string> = { [Z_STREAM_ERROR]: "stream error", [Z_BUF_ERROR]: "buffer error" };

/**
 * The window slid down by 2^wBits: positions move back by that much, and those that fall
 * before the window become 0 (NIL). A position is below twice the window size, so it moves
 * when bit wBits is set and then keeps its lower bits: two 16-bit positions are worked per
 * 32-bit word, without branches (on incompressible input a branch is a coin toss).
 */
function slidePositions(pairs: Uint32Array, wBits: number): void {
  const movedBit = (1 << wBits) | (1 << (wBits + 16));
  const low = (1 << wBits) - 1;
  for (let i = pairs.length - 1; i >= 0; i--) {
    const pair = pairs[i]!;
    // each half: `low` where its bit wBits is set, else 0 (the halves' products don't overlap)
    pairs[i] = pair & Math.imul((pair & movedBit) >>> wBits, low);
  }
}

export class Deflater extends BlockCoder {
  readonly wBits: number;
  readonly wSize: number;
  readonly wMask: number;
  readonly window: Uint8Array;
  /** the window read two and four bytes at a time by the match search */
  readonly windowView: DataView;
  readonly windowSize: number;
  /**
   * The hash chains: window positions, 16-bit as zlib's (half the cache footprint of 32-bit
   * ones, which the match search feels); sliding the window rewrites them, and a position that
   * falls off the window's start becomes 0, zlib's NIL.
   */
  readonly prev: Uint16Array;
  readonly head: Uint16Array;
  /** the chains two positions a word, for sliding */
  private readonly prevPairs: Uint32Array;
  private readonly headPairs: Uint32Array;
  readonly hashMask: number;
  readonly hashShift: number;
  insH = 0;
  blockStart = 0;
  matchLength = MIN_MATCH - 1;
  prevMatch = 0;
  matchAvailable = false;
  strstart = 0;
  matchStart = 0;
  lookahead = 0;
  prevLength = MIN_MATCH - 1;
  readonly maxChainLength: number;
  /** max_lazy_match for the lazy builder, max_insert_length for the fast one */
  readonly maxLazyMatch: number;
  readonly goodMatch: number;
  readonly niceMatch: number;
  insert = 0;
  wrap: number;
  status: number;
  lastFlush = -2;
  /** the message of the last error return (zlib's strm->msg) */
  msg: string | null = null;

  // the stream: input and the caller's current output block
  input: Uint8Array = new Uint8Array(0);
  nextIn = 0;
  availIn = 0;
  totalIn = 0;
  output: Uint8Array = new Uint8Array(0);
  nextOut = 0;
  availOut = 0;
  /** Adler-32 (zlib wrapper) or CRC-32 (gzip) of the input so far */
  check: number;

  /** `wrap`: 0 raw, 1 zlib, 2 gzip; `wBits` 9..15 (8 is taken as 9, as zlib does). */
  constructor(level: number, wrap: number, wBits: number, memLevel: number, strategy: number) {
    super(memLevel);
    this.level = level === -1 ? 6 : level;
    this.strategy = strategy;
    this.wrap = wrap;
    this.wBits = wBits === 8 ? 9 : wBits;
    this.wSize = 1 << this.wBits;
    this.wMask = this.wSize - 1;
    const hashBits = memLevel + 7;
    this.hashMask = (1 << hashBits) - 1;
    this.hashShift = Math.floor((hashBits + MIN_MATCH - 1) / MIN_MATCH);
    this.window = new Uint8Array(this.wSize * 2);
    this.windowView = new DataView(this.window.buffer);
    this.windowSize = this.wSize * 2;
    this.prev = new Uint16Array(this.wSize);
    this.head = new Uint16Array(1 << hashBits);
    this.prevPairs = new Uint32Array(this.prev.buffer);
    this.headPairs = new Uint32Array(this.head.buffer);
    this.status = wrap === 2 ? GZIP_STATE : INIT_STATE;
    this.check = wrap === 2 ? 0 : 1;
    const [good, lazy, nice, chain] = CONFIG[this.level]!;
    this.goodMatch = good;
    this.maxLazyMatch = lazy;
    this.niceMatch = nice;
    this.maxChainLength = chain;
  }

  /** zlib's parameter checks of deflateInit2 (false: Z_STREAM_ERROR). */
  static validOptions(level: number, wrap: number, wBits: number, memLevel: number, strategy: number, method: number): boolean {
    return memLevel >= 1 && memLevel <= 9 && method === 8 && wBits >= 8 && wBits <= 15 && level >= -1 && level <= 9 && strategy >= 0 && strategy <= Z_FIXED && !(wBits === 8 && wrap !== 1);
  }

  private fail(code: number): number {
    this.msg = ERROR_MESSAGES[code] ?? null;
    return code;
  }

  clearHash(): void {
    this.head.fill(0);
  }

  /** Copies up to `size` input bytes to `dest` at `at`, updating the checksum. */
  readBuf(dest: Uint8Array, at: number, size: number): number {
    const len = Math.min(this.availIn, size);
    if (len === 0) return 0;
    this.availIn -= len;
    dest.set(this.input.subarray(this.nextIn, this.nextIn + len), at);
    if (this.wrap === 1) this.check = adler32Update(this.check, this.input, this.nextIn, len);
    else if (this.wrap === 2) this.check = crc32Update(this.check, this.input, this.nextIn, len);
    this.nextIn += len;
    this.totalIn += len;
    return len;
  }

  /** Moves pending bytes to the output block, as far as it has room. */
  flushPending(): void {
    this.biFlush();
    const len = Math.min(this.pendingLength, this.availOut);
    if (len === 0) return;
    this.output.set(this.pending.subarray(this.pendingStart, this.pendingStart + len), this.nextOut);
    this.nextOut += len;
    this.availOut -= len;
    this.pendingStart += len;
    this.pendingLength -= len;
    if (this.pendingLength === 0) this.pendingStart = 0;
  }

  private putShortMSB(b: number): void {
    this.putByte((b >>> 8) & 0xff);
    this.putByte(b & 0xff);
  }

  /** The window slid a window size down: the chains' positions follow it. */
  slideHash(): void {
    slidePositions(this.headPairs, this.wBits);
    slidePositions(this.prevPairs, this.wBits);
  }

  /** Reads input into the window (sliding it down when the lookahead nears its end). */
  fillWindow(): void {
    const wsize = this.wSize;
    const window = this.window;
    do {
      let more = this.windowSize - this.lookahead - this.strstart;
      if (this.strstart >= wsize + (wsize - MIN_LOOKAHEAD)) {
        window.copyWithin(0, wsize, wsize + wsize - more);
        this.matchStart -= wsize;
        this.strstart -= wsize;
        this.blockStart -= wsize;
        if (this.insert > this.strstart) this.insert = this.strstart;
        this.slideHash();
        more += wsize;
      }
      if (this.availIn === 0) break;
      this.lookahead += this.readBuf(window, this.strstart + this.lookahead, more);
      // the strings before strstart that could not be hashed yet (too few bytes then)
      if (this.lookahead + this.insert >= MIN_MATCH) {
        let str = this.strstart - this.insert;
        const shift = this.hashShift, mask = this.hashMask;
        this.insH = window[str]!;
        this.insH = ((this.insH << shift) ^ window[str + 1]!) & mask;
        while (this.insert) {
          this.insH = ((this.insH << shift) ^ window[str + MIN_MATCH - 1]!) & mask;
          this.prev[str & this.wMask] = this.head[this.insH]!;
          this.head[this.insH] = str;
          str++;
          this.insert--;
          if (this.lookahead + this.insert < MIN_MATCH) break;
        }
      }
    } while (this.lookahead < MIN_LOOKAHEAD && this.availIn !== 0);
  }

  /** zlib's deflateSetDictionary: false when the stream cannot take one (Z_STREAM_ERROR). */
  setDictionary(dictionary: Uint8Array): boolean {
    const wrap = this.wrap;
    if (wrap === 2 || (wrap === 1 && this.status !== INIT_STATE) || this.lookahead) return false;
    if (wrap === 1) this.check = adler32Update(this.check, dictionary);
    this.wrap = 0;
    let dict = dictionary;
    if (dict.length >= this.wSize) {
      if (wrap === 0) {
        this.clearHash();
        this.strstart = 0;
        this.blockStart = 0;
        this.insert = 0;
      }
      dict = dict.subarray(dict.length - this.wSize);
    }
    const [input, nextIn, availIn] = [this.input, this.nextIn, this.availIn];
    this.input = dict;
    this.nextIn = 0;
    this.availIn = dict.length;
    this.fillWindow();
    const shift = this.hashShift, mask = this.hashMask, window = this.window;
    while (this.lookahead >= MIN_MATCH) {
      let str = this.strstart;
      let n = this.lookahead - (MIN_MATCH - 1);
      do {
        this.insH = ((this.insH << shift) ^ window[str + MIN_MATCH - 1]!) & mask;
        this.prev[str & this.wMask] = this.head[this.insH]!;
        this.head[this.insH] = str;
        str++;
      } while (--n);
      this.strstart = str;
      this.lookahead = MIN_MATCH - 1;
      this.fillWindow();
    }
    this.strstart += this.lookahead;
    this.blockStart = this.strstart;
    this.insert = this.lookahead;
    this.lookahead = 0;
    this.matchLength = this.prevLength = MIN_MATCH - 1;
    this.matchAvailable = false;
    [this.input, this.nextIn, this.availIn] = [input, nextIn, availIn];
    this.wrap = wrap;
    return true;
  }

  /** Ends the current block with the window's bytes since blockStart, and flushes pending. */
  flushBlockOnly(last: boolean): void {
    const start = this.blockStart;
    this.flushBlock(start >= 0 ? this.window : null, start, this.strstart - start, last);
    this.blockStart = this.strstart;
    this.flushPending();
  }

  get finished(): boolean {
    return this.status === FINISH_STATE;
  }

  /** One call of zlib's deflate() with the current input and output block. */
  deflate(flush: number): number {
    if (flush > Z_BLOCK || flush < 0) return Z_STREAM_ERROR;
    if (this.status === FINISH_STATE && flush !== Z_FINISH) return this.fail(Z_STREAM_ERROR);
    if (this.availOut === 0) return this.fail(Z_BUF_ERROR);
    const oldFlush = this.lastFlush;
    this.lastFlush = flush;
    const rank = (f: number): number => f * 2 - (f > 4 ? 9 : 0);
    if (this.pendingLength !== 0) {
      this.flushPending();
      if (this.availOut === 0) {
        this.lastFlush = -1;
        return Z_OK;
      }
    } else if (this.availIn === 0 && rank(flush) <= rank(oldFlush) && flush !== Z_FINISH) return this.fail(Z_BUF_ERROR);
    if (this.status === FINISH_STATE && this.availIn !== 0) return this.fail(Z_BUF_ERROR);

    if (this.status === INIT_STATE && this.wrap === 0) this.status = BUSY_STATE;
    if (this.status === INIT_STATE) {
      let header = (8 + ((this.wBits - 8) << 4)) << 8;
      const levelFlags = this.strategy >= Z_HUFFMAN_ONLY || this.level < 2 ? 0 : this.level < 6 ? 1 : this.level === 6 ? 2 : 3;
      header |= levelFlags << 6;
      if (this.strstart !== 0) header |= 0x20; // a preset dictionary
      header += 31 - (header % 31);
      this.putShortMSB(header);
      if (this.strstart !== 0) {
        this.putShortMSB(this.check >>> 16);
        this.putShortMSB(this.check & 0xffff);
      }
      this.check = 1;
      this.status = BUSY_STATE;
      this.flushPending();
      if (this.pendingLength !== 0) {
        this.lastFlush = -1;
        return Z_OK;
      }
    }
    if (this.status === GZIP_STATE) {
      this.check = 0;
      for (const b of [31, 139, 8, 0, 0, 0, 0, 0]) this.putByte(b);
      this.putByte(this.level === 9 ? 2 : this.strategy >= Z_HUFFMAN_ONLY || this.level < 2 ? 4 : 0);
      this.putByte(OS_CODE);
      this.status = BUSY_STATE;
      this.flushPending();
      if (this.pendingLength !== 0) {
        this.lastFlush = -1;
        return Z_OK;
      }
    }

    if (this.availIn !== 0 || this.lookahead !== 0 || (flush !== Z_NO_FLUSH && this.status !== FINISH_STATE)) {
      const bstate =
        this.level === 0 ? deflateStored(this, flush)
        : this.strategy === Z_HUFFMAN_ONLY ? deflateHuff(this, flush)
        : this.strategy === Z_RLE ? deflateRle(this, flush)
        : this.level <= 3 ? deflateFast(this, flush)
        : deflateSlow(this, flush);
      if (bstate === BlockState.FinishStarted || bstate === BlockState.FinishDone) this.status = FINISH_STATE;
      if (bstate === BlockState.NeedMore || bstate === BlockState.FinishStarted) {
        if (this.availOut === 0) this.lastFlush = -1;
        return Z_OK;
      }
      if (bstate === BlockState.BlockDone) {
        if (flush === Z_PARTIAL_FLUSH) this.align();
        else if (flush !== Z_BLOCK) {
          this.storedBlock(null, 0, 0, false);
          if (flush === Z_FULL_FLUSH) {
            this.clearHash();
            if (this.lookahead === 0) {
              this.strstart = 0;
              this.blockStart = 0;
              this.insert = 0;
            }
          }
        }
        this.flushPending();
        if (this.availOut === 0) {
          this.lastFlush = -1;
          return Z_OK;
        }
      }
    }

    if (flush !== Z_FINISH) return Z_OK;
    if (this.wrap <= 0) return Z_STREAM_END;
    if (this.wrap === 2) {
      const c = this.check, n = this.totalIn;
      for (const b of [c, c >>> 8, c >>> 16, c >>> 24, n, n / 0x100, n / 0x10000, n / 0x1000000]) this.putByte(Math.floor(b) & 0xff);
    } else {
      this.putShortMSB(this.check >>> 16);
      this.putShortMSB(this.check & 0xffff);
    }
    this.flushPending();
    this.wrap = -this.wrap; // the trailer goes out once
    return this.pendingLength !== 0 ? Z_OK : Z_STREAM_END;
  }
}
