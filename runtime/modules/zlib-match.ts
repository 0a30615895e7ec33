// The block builders of pyts's deflate that look for matches, as the reference zlib's: the
// fast one (levels 1-3: take the longest match at each position, hash the matched strings
// only when short), the lazy one (levels 4-9: keep a match while the next position may have
// a longer one), run-length (Z_RLE: distance 1 only) and Huffman-only (literals only). The
// block ends when the symbol buffer fills or the input runs out with a flush requested.

import { LENGTH_CODE, distCode } from "./zlib-code-tables.js";
import { BlockState, type Deflater, MAX_MATCH, MIN_LOOKAHEAD, MIN_MATCH, Z_FILTERED, Z_FINISH, Z_NO_FLUSH } from "./zlib-deflate.js";

const TOO_FAR = 4096; // a 3-byte match further back than this is not worth its distance code

/**
 * The longest match for strstart along the hash chain from `curMatch`, longer than
 * prevLength (zlib's longest_match: candidates are tested at the current best length first,
 * the third byte is taken as equal by the hash, the chain is cut short after a good match).
 * Bytes are compared two and four at a time through the window's DataView; the lengths found
 * are those of zlib's bytewise loop.
 */
function longestMatch(s: Deflater, curMatch: number, scan: number, prevLength: number, lookahead: number): number {
  let chainLength = s.maxChainLength;
  const view = s.windowView;
  let bestLen = prevLength;
  let niceMatch = s.niceMatch;
  const maxDist = s.wSize - MIN_LOOKAHEAD;
  const limit = scan > maxDist ? scan - maxDist : 0;
  const prev = s.prev;
  const wmask = s.wMask;
  // the two bytes that end the best match so far, and the first two (one 16-bit read each)
  let scanEnd = view.getUint16(scan + bestLen - 1, true);
  const scanStart = view.getUint16(scan, true);
  if (prevLength >= s.goodMatch) chainLength >>= 2;
  if (niceMatch > lookahead) niceMatch = lookahead;
  do {
    const match = curMatch;
    if (view.getUint16(match + bestLen - 1, true) !== scanEnd || view.getUint16(match, true) !== scanStart) continue;
    // bytes 0 and 1 are equal, byte 2 is by the hash; compare offsets 3 to 258 (as zlib does,
    // whatever the lookahead: the length is cut to it at the end)
    let len = MAX_MATCH;
    for (let off = 3; off < MAX_MATCH; off += 4) {
      const diff = view.getUint32(scan + off, true) ^ view.getUint32(match + off, true);
      if (diff !== 0) {
        // the lowest differing byte (little-endian: the first in the window)
        len = off + ((31 - Math.clz32(diff & -diff)) >>> 3);
        break;
      }
    }
    if (len > bestLen) {
      s.matchStart = curMatch;
      bestLen = len;
      if (len >= niceMatch) break;
      scanEnd = view.getUint16(scan + bestLen - 1, true);
    }
  } while ((curMatch = prev[curMatch & wmask]!) > limit && --chainLength !== 0);
  return bestLen <= lookahead ? bestLen : lookahead;
}

/** FLUSH_BLOCK: ends the block; NeedMore/FinishStarted when the output block is full. */
function flushed(s: Deflater, last: boolean): boolean {
  s.flushBlockOnly(last);
  return s.availOut === 0;
}

/** The end of a builder's input: the last block, or the partial one for a flush. */
function finishInput(s: Deflater, flush: number): BlockState {
  if (flush === Z_FINISH) return flushed(s, true) ? BlockState.FinishStarted : BlockState.FinishDone;
  if (s.symNext && flushed(s, false)) return BlockState.NeedMore;
  return BlockState.BlockDone;
}

/**
 * The fast builder. As the lazy one, its hot state lives in locals (back in the stream around
 * the calls that read it) and symbols are tallied inline.
 */
export function deflateFast(s: Deflater, flush: number): BlockState {
  const maxDist = s.wSize - MIN_LOOKAHEAD;
  const window = s.window, head = s.head, prev = s.prev, wMask = s.wMask;
  const shift = s.hashShift, hashMask = s.hashMask, maxInsert = s.maxLazyMatch;
  const symBuf = s.symBuf, symEnd = s.symEnd, lfreq = s.literalFreqs, dfreq = s.distanceFreqs;
  let strstart = s.strstart, lookahead = s.lookahead, insH = s.insH;
  let matchLength = s.matchLength, symNext = s.symNext;
  for (;;) {
    if (lookahead < MIN_LOOKAHEAD) {
      s.strstart = strstart;
      s.lookahead = lookahead;
      s.insH = insH;
      s.matchLength = matchLength;
      s.symNext = symNext;
      s.fillWindow();
      strstart = s.strstart;
      lookahead = s.lookahead;
      insH = s.insH;
      if (lookahead < MIN_LOOKAHEAD && flush === Z_NO_FLUSH) return BlockState.NeedMore;
      if (lookahead === 0) break;
    }
    if (lookahead >= MIN_MATCH) {
      insH = ((insH << shift) ^ window[strstart + MIN_MATCH - 1]!) & hashMask;
      const hashHead = head[insH]!;
      prev[strstart & wMask] = hashHead;
      head[insH] = strstart;
      if (hashHead > 0 && strstart - hashHead <= maxDist) matchLength = longestMatch(s, hashHead, strstart, MIN_MATCH - 1, lookahead);
    }
    if (matchLength >= MIN_MATCH) {
      const dist = strstart - s.matchStart, len = matchLength - MIN_MATCH;
      symBuf[symNext++] = dist & 0xff;
      symBuf[symNext++] = dist >>> 8;
      symBuf[symNext++] = len;
      s.matches++;
      lfreq[LENGTH_CODE[len]! + 257]!++;
      dfreq[distCode(dist - 1)]!++;
      lookahead -= matchLength;
      if (matchLength <= maxInsert && lookahead >= MIN_MATCH) {
        matchLength--;
        do {
          strstart++;
          insH = ((insH << shift) ^ window[strstart + MIN_MATCH - 1]!) & hashMask;
          prev[strstart & wMask] = head[insH]!;
          head[insH] = strstart;
        } while (--matchLength !== 0);
        strstart++;
      } else {
        strstart += matchLength;
        matchLength = 0;
        insH = ((window[strstart]! << shift) ^ window[strstart + 1]!) & hashMask;
      }
    } else {
      const c = window[strstart]!;
      symBuf[symNext++] = 0;
      symBuf[symNext++] = 0;
      symBuf[symNext++] = c;
      lfreq[c]!++;
      lookahead--;
      strstart++;
    }
    if (symNext === symEnd) {
      s.strstart = strstart;
      s.lookahead = lookahead;
      s.insH = insH;
      s.matchLength = matchLength;
      s.symNext = symNext;
      const full = flushed(s, false);
      symNext = s.symNext;
      if (full) return BlockState.NeedMore;
    }
  }
  s.strstart = strstart;
  s.lookahead = lookahead;
  s.insH = insH;
  s.matchLength = matchLength;
  s.symNext = symNext;
  s.insert = strstart < MIN_MATCH - 1 ? strstart : MIN_MATCH - 1;
  return finishInput(s, flush);
}

/**
 * The lazy builder. The hot state lives in locals and goes back to the stream around the calls
 * that read it (filling the window, ending a block); literals and matches are tallied inline.
 */
export function deflateSlow(s: Deflater, flush: number): BlockState {
  const maxDist = s.wSize - MIN_LOOKAHEAD;
  const window = s.window, head = s.head, prev = s.prev, wMask = s.wMask;
  const shift = s.hashShift, hashMask = s.hashMask, maxLazy = s.maxLazyMatch, filtered = s.strategy === Z_FILTERED;
  const symBuf = s.symBuf, symEnd = s.symEnd, lfreq = s.literalFreqs, dfreq = s.distanceFreqs;
  let strstart = s.strstart, lookahead = s.lookahead, insH = s.insH;
  let matchLength = s.matchLength, matchStart = s.matchStart, prevLength = s.prevLength, prevMatch = s.prevMatch;
  let matchAvailable = s.matchAvailable, symNext = s.symNext;
  for (;;) {
    if (lookahead < MIN_LOOKAHEAD) {
      s.strstart = strstart;
      s.lookahead = lookahead;
      s.insH = insH;
      s.matchLength = matchLength;
      s.matchStart = matchStart;
      s.prevLength = prevLength;
      s.prevMatch = prevMatch;
      s.matchAvailable = matchAvailable;
      s.symNext = symNext;
      s.fillWindow();
      strstart = s.strstart;
      lookahead = s.lookahead;
      insH = s.insH;
      matchStart = s.matchStart;
      symNext = s.symNext;
      if (lookahead < MIN_LOOKAHEAD && flush === Z_NO_FLUSH) return BlockState.NeedMore;
      if (lookahead === 0) break;
    }
    let hashHead = 0;
    if (lookahead >= MIN_MATCH) {
      insH = ((insH << shift) ^ window[strstart + MIN_MATCH - 1]!) & hashMask;
      hashHead = head[insH]!;
      prev[strstart & wMask] = hashHead;
      head[insH] = strstart;
    }
    prevLength = matchLength;
    prevMatch = matchStart;
    matchLength = MIN_MATCH - 1;
    if (hashHead > 0 && prevLength < maxLazy && strstart - hashHead <= maxDist) {
      matchLength = longestMatch(s, hashHead, strstart, prevLength, lookahead);
      matchStart = s.matchStart;
      if (matchLength <= 5 && (filtered || (matchLength === MIN_MATCH && strstart - matchStart > TOO_FAR))) matchLength = MIN_MATCH - 1;
    }
    if (prevLength >= MIN_MATCH && matchLength <= prevLength) {
      // the previous match is kept: emit it, hash the strings it covers
      const maxInsert = strstart + lookahead - MIN_MATCH;
      const dist = strstart - 1 - prevMatch, len = prevLength - MIN_MATCH;
      symBuf[symNext++] = dist & 0xff;
      symBuf[symNext++] = dist >>> 8;
      symBuf[symNext++] = len;
      s.matches++;
      lfreq[LENGTH_CODE[len]! + 257]!++;
      dfreq[distCode(dist - 1)]!++;
      const bflush = symNext === symEnd;
      lookahead -= prevLength - 1;
      prevLength -= 2;
      do {
        if (++strstart <= maxInsert) {
          insH = ((insH << shift) ^ window[strstart + MIN_MATCH - 1]!) & hashMask;
          prev[strstart & wMask] = head[insH]!;
          head[insH] = strstart;
        }
      } while (--prevLength !== 0);
      matchAvailable = false;
      matchLength = MIN_MATCH - 1;
      strstart++;
      if (bflush) {
        s.strstart = strstart;
        s.lookahead = lookahead;
        s.insH = insH;
        s.matchLength = matchLength;
        s.matchStart = matchStart;
        s.prevLength = prevLength;
        s.prevMatch = prevMatch;
        s.matchAvailable = matchAvailable;
        s.symNext = symNext;
        const full = flushed(s, false);
        strstart = s.strstart;
        lookahead = s.lookahead;
        insH = s.insH;
        matchStart = s.matchStart;
        symNext = s.symNext;
        if (full) return BlockState.NeedMore;
      }
    } else if (matchAvailable) {
      // the match here is longer: the previous position is a literal
      const c = window[strstart - 1]!;
      symBuf[symNext++] = 0;
      symBuf[symNext++] = 0;
      symBuf[symNext++] = c;
      lfreq[c]!++;
      if (symNext === symEnd) {
        s.strstart = strstart;
        s.lookahead = lookahead;
        s.insH = insH;
        s.matchLength = matchLength;
        s.matchStart = matchStart;
        s.prevLength = prevLength;
        s.prevMatch = prevMatch;
        s.matchAvailable = matchAvailable;
        s.symNext = symNext;
        s.flushBlockOnly(false);
        strstart = s.strstart;
        lookahead = s.lookahead;
        insH = s.insH;
        matchStart = s.matchStart;
        symNext = s.symNext;
      }
      strstart++;
      lookahead--;
      if (s.availOut === 0) {
        s.strstart = strstart;
        s.lookahead = lookahead;
        s.insH = insH;
        s.matchLength = matchLength;
        s.matchStart = matchStart;
        s.prevLength = prevLength;
        s.prevMatch = prevMatch;
        s.matchAvailable = matchAvailable;
        s.symNext = symNext;
        return BlockState.NeedMore;
      }
    } else {
      matchAvailable = true;
      strstart++;
      lookahead--;
    }
  }
  s.strstart = strstart;
  s.lookahead = lookahead;
  s.insH = insH;
  s.matchLength = matchLength;
  s.matchStart = matchStart;
  s.prevLength = prevLength;
  s.prevMatch = prevMatch;
  s.matchAvailable = matchAvailable;
  s.symNext = symNext;
  if (s.matchAvailable) {
    s.tallyLit(s.window[s.strstart - 1]!);
    s.matchAvailable = false;
  }
  s.insert = s.strstart < MIN_MATCH - 1 ? s.strstart : MIN_MATCH - 1;
  return finishInput(s, flush);
}

export function deflateRle(s: Deflater, flush: number): BlockState {
  const window = s.window;
  for (;;) {
    if (s.lookahead <= MAX_MATCH) {
      s.fillWindow();
      if (s.lookahead <= MAX_MATCH && flush === Z_NO_FLUSH) return BlockState.NeedMore;
      if (s.lookahead === 0) break;
    }
    s.matchLength = 0;
    if (s.lookahead >= MIN_MATCH && s.strstart > 0) {
      let scan = s.strstart - 1;
      const prev = window[scan]!;
      if (prev === window[++scan] && prev === window[++scan] && prev === window[++scan]) {
        const strend = s.strstart + MAX_MATCH;
        do {
          /* empty */
        } while (
          prev === window[++scan] && prev === window[++scan] && prev === window[++scan] && prev === window[++scan] &&
          prev === window[++scan] && prev === window[++scan] && prev === window[++scan] && prev === window[++scan] &&
          scan < strend
        );
        s.matchLength = MAX_MATCH - (strend - scan);
        if (s.matchLength > s.lookahead) s.matchLength = s.lookahead;
      }
    }
    let bflush: boolean;
    if (s.matchLength >= MIN_MATCH) {
      bflush = s.tallyDist(1, s.matchLength - MIN_MATCH);
      s.lookahead -= s.matchLength;
      s.strstart += s.matchLength;
      s.matchLength = 0;
    } else {
      bflush = s.tallyLit(window[s.strstart]!);
      s.lookahead--;
      s.strstart++;
    }
    if (bflush && flushed(s, false)) return BlockState.NeedMore;
  }
  s.insert = 0;
  return finishInput(s, flush);
}

export function deflateHuff(s: Deflater, flush: number): BlockState {
  for (;;) {
    if (s.lookahead === 0) {
      s.fillWindow();
      if (s.lookahead === 0) {
        if (flush === Z_NO_FLUSH) return BlockState.NeedMore;
        break;
      }
    }
    s.matchLength = 0;
    const bflush = s.tallyLit(s.window[s.strstart]!);
    s.lookahead--;
    s.strstart++;
    if (bflush && flushed(s, false)) return BlockState.NeedMore;
  }
  s.insert = 0;
  return finishInput(s, flush);
}
