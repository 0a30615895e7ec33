// The block builders of pyts's deflate that look for matches, as the reference zlib's: the
// fast one (levels 1-3: take the longest match at each position, hash the matched strings
// only when short), the lazy one (levels 4-9: keep a match while the next position may have
// a longer one), run-length (Z_RLE: distance 1 only) and Huffman-only (literals only). The
// block ends when the symbol buffer fills or the input runs out with a flush requested.

import { BlockState, type Deflater, MAX_MATCH, MIN_LOOKAHEAD, MIN_MATCH, Z_FILTERED, Z_FINISH, Z_NO_FLUSH } from "./zlib-deflate.js";

const TOO_FAR = 4096; // a 3-byte match further back than this is not worth its distance code

/** Hashes the string at `str` into the chains; returns the previous head of its chain. */
function insertString(s: Deflater, str: number): number {
  const h = (s.insH = ((s.insH << s.hashShift) ^ s.window[str + MIN_MATCH - 1]!) & s.hashMask);
  const head = s.head[h]!;
  s.prev[str & s.wMask] = head;
  s.head[h] = str;
  return head;
}

/**
 * The longest match for strstart along the hash chain from `curMatch`, longer than
 * prevLength (zlib's longest_match: candidates are tested at the current best length first,
 * the third byte is taken as equal by the hash, the chain is cut short after a good match).
 */
function longestMatch(s: Deflater, curMatch: number): number {
  let chainLength = s.maxChainLength;
  const window = s.window;
  const scan = s.strstart;
  let bestLen = s.prevLength;
  let niceMatch = s.niceMatch;
  const maxDist = s.wSize - MIN_LOOKAHEAD;
  const limit = s.strstart > maxDist ? s.strstart - maxDist : 0;
  const prev = s.prev;
  const wmask = s.wMask;
  const strend = scan + MAX_MATCH;
  let scanEnd1 = window[scan + bestLen - 1]!;
  let scanEnd = window[scan + bestLen]!;
  if (s.prevLength >= s.goodMatch) chainLength >>= 2;
  if (niceMatch > s.lookahead) niceMatch = s.lookahead;
  const scan0 = window[scan]!, scan1 = window[scan + 1]!;
  do {
    const match = curMatch;
    if (window[match + bestLen] !== scanEnd || window[match + bestLen - 1] !== scanEnd1 || window[match] !== scan0 || window[match + 1] !== scan1) continue;
    // bytes 0 and 1 are equal, byte 2 is by the hash; compare from 3 on, 8 at a time as zlib
    // does (so the comparison may look one byte past MAX_MATCH)
    let p = scan + 2, q = match + 2;
    do {
      /* empty */
    } while (
      window[++p] === window[++q] && window[++p] === window[++q] && window[++p] === window[++q] && window[++p] === window[++q] &&
      window[++p] === window[++q] && window[++p] === window[++q] && window[++p] === window[++q] && window[++p] === window[++q] &&
      p < strend
    );
    const len = MAX_MATCH - (strend - p);
    if (len > bestLen) {
      s.matchStart = curMatch;
      bestLen = len;
      if (len >= niceMatch) break;
      scanEnd1 = window[scan + bestLen - 1]!;
      scanEnd = window[scan + bestLen]!;
    }
  } while ((curMatch = prev[curMatch & wmask]!) > limit && --chainLength !== 0);
  return bestLen <= s.lookahead ? bestLen : s.lookahead;
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

export function deflateFast(s: Deflater, flush: number): BlockState {
  const maxDist = s.wSize - MIN_LOOKAHEAD;
  for (;;) {
    if (s.lookahead < MIN_LOOKAHEAD) {
      s.fillWindow();
      if (s.lookahead < MIN_LOOKAHEAD && flush === Z_NO_FLUSH) return BlockState.NeedMore;
      if (s.lookahead === 0) break;
    }
    let hashHead = 0;
    if (s.lookahead >= MIN_MATCH) hashHead = insertString(s, s.strstart);
    if (hashHead !== 0 && s.strstart - hashHead <= maxDist) s.matchLength = longestMatch(s, hashHead);
    let bflush: boolean;
    if (s.matchLength >= MIN_MATCH) {
      bflush = s.tallyDist(s.strstart - s.matchStart, s.matchLength - MIN_MATCH);
      s.lookahead -= s.matchLength;
      if (s.matchLength <= s.maxLazyMatch && s.lookahead >= MIN_MATCH) {
        s.matchLength--;
        do {
          s.strstart++;
          insertString(s, s.strstart);
        } while (--s.matchLength !== 0);
        s.strstart++;
      } else {
        s.strstart += s.matchLength;
        s.matchLength = 0;
        s.insH = s.window[s.strstart]!;
        s.insH = ((s.insH << s.hashShift) ^ s.window[s.strstart + 1]!) & s.hashMask;
      }
    } else {
      bflush = s.tallyLit(s.window[s.strstart]!);
      s.lookahead--;
      s.strstart++;
    }
    if (bflush && flushed(s, false)) return BlockState.NeedMore;
  }
  s.insert = s.strstart < MIN_MATCH - 1 ? s.strstart : MIN_MATCH - 1;
  return finishInput(s, flush);
}

export function deflateSlow(s: Deflater, flush: number): BlockState {
  const maxDist = s.wSize - MIN_LOOKAHEAD;
  for (;;) {
    if (s.lookahead < MIN_LOOKAHEAD) {
      s.fillWindow();
      if (s.lookahead < MIN_LOOKAHEAD && flush === Z_NO_FLUSH) return BlockState.NeedMore;
      if (s.lookahead === 0) break;
    }
    let hashHead = 0;
    if (s.lookahead >= MIN_MATCH) hashHead = insertString(s, s.strstart);
    s.prevLength = s.matchLength;
    s.prevMatch = s.matchStart;
    s.matchLength = MIN_MATCH - 1;
    if (hashHead !== 0 && s.prevLength < s.maxLazyMatch && s.strstart - hashHead <= maxDist) {
      s.matchLength = longestMatch(s, hashHead);
      if (s.matchLength <= 5 && (s.strategy === Z_FILTERED || (s.matchLength === MIN_MATCH && s.strstart - s.matchStart > TOO_FAR))) {
        s.matchLength = MIN_MATCH - 1;
      }
    }
    if (s.prevLength >= MIN_MATCH && s.matchLength <= s.prevLength) {
      // the previous match is kept: emit it, hash the strings it covers
      const maxInsert = s.strstart + s.lookahead - MIN_MATCH;
      const bflush = s.tallyDist(s.strstart - 1 - s.prevMatch, s.prevLength - MIN_MATCH);
      s.lookahead -= s.prevLength - 1;
      s.prevLength -= 2;
      do {
        if (++s.strstart <= maxInsert) insertString(s, s.strstart);
      } while (--s.prevLength !== 0);
      s.matchAvailable = false;
      s.matchLength = MIN_MATCH - 1;
      s.strstart++;
      if (bflush && flushed(s, false)) return BlockState.NeedMore;
    } else if (s.matchAvailable) {
      // the match here is longer: the previous position is a literal
      if (s.tallyLit(s.window[s.strstart - 1]!)) s.flushBlockOnly(false);
      s.strstart++;
      s.lookahead--;
      if (s.availOut === 0) return BlockState.NeedMore;
    } else {
      s.matchAvailable = true;
      s.strstart++;
      s.lookahead--;
    }
  }
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
