// Level 0 of pyts's deflate, as the reference zlib's deflate_stored: stored blocks of up to
// 65535 bytes, copied straight from the input to the caller's output block when both have
// room for a whole block (at least min(pending buffer - 5, window size)), otherwise gathered
// in the window and sent from there. Block boundaries therefore follow the output block sizes
// the caller (CPython's zlib module) offers, which the driver reproduces.

import { BlockState, type Deflater, Z_FINISH, Z_NO_FLUSH } from "./zlib-deflate.js";

const MAX_STORED = 65535;

export function deflateStored(s: Deflater, flush: number): BlockState {
  let minBlock = Math.min(s.pendingBufSize - 5, s.wSize);
  let last = false;
  let used = s.availIn;
  // direct copies from input to output, each a whole stored block
  do {
    let len = MAX_STORED;
    let have = (s.biValid + 42) >> 3; // the block header's bytes
    if (s.availOut < have) break;
    have = s.availOut - have;
    let left = s.strstart - s.blockStart;
    if (len > left + s.availIn) len = left + s.availIn;
    if (len > have) len = have;
    if (len < minBlock && ((len === 0 && flush !== Z_FINISH) || flush === Z_NO_FLUSH || len !== left + s.availIn)) break;
    last = flush === Z_FINISH && len === left + s.availIn;
    s.storedBlock(null, 0, 0, last);
    // the dummy block's lengths become len
    const p = s.pendingStart + s.pendingLength;
    s.pending[p - 4] = len & 0xff;
    s.pending[p - 3] = (len >>> 8) & 0xff;
    s.pending[p - 2] = ~len & 0xff;
    s.pending[p - 1] = (~len >>> 8) & 0xff;
    s.flushPending();
    if (left) {
      if (left > len) left = len;
      s.output.set(s.window.subarray(s.blockStart, s.blockStart + left), s.nextOut);
      s.nextOut += left;
      s.availOut -= left;
      s.blockStart += left;
      len -= left;
    }
    if (len) {
      s.readBuf(s.output, s.nextOut, len);
      s.nextOut += len;
      s.availOut -= len;
    }
  } while (!last);

  // the input copied directly becomes the window's history
  used -= s.availIn;
  if (used) {
    if (used >= s.wSize) {
      s.window.set(s.input.subarray(s.nextIn - s.wSize, s.nextIn), 0);
      s.strstart = s.wSize;
      s.insert = s.strstart;
    } else {
      if (s.windowSize - s.strstart <= used) {
        s.strstart -= s.wSize;
        s.window.copyWithin(0, s.wSize, s.wSize + s.strstart);
        if (s.insert > s.strstart) s.insert = s.strstart;
      }
      s.window.set(s.input.subarray(s.nextIn - used, s.nextIn), s.strstart);
      s.strstart += used;
      s.insert += Math.min(used, s.wSize - s.insert);
    }
    s.blockStart = s.strstart;
  }
  if (last) return BlockState.FinishDone;
  if (flush !== Z_NO_FLUSH && flush !== Z_FINISH && s.availIn === 0 && s.strstart === s.blockStart) return BlockState.BlockDone;

  // the rest of the input goes to the window
  let have = s.windowSize - s.strstart;
  if (s.availIn > have && s.blockStart >= s.wSize) {
    s.blockStart -= s.wSize;
    s.strstart -= s.wSize;
    s.window.copyWithin(0, s.wSize, s.wSize + s.strstart);
    have += s.wSize;
    if (s.insert > s.strstart) s.insert = s.strstart;
  }
  if (have > s.availIn) have = s.availIn;
  if (have) {
    s.readBuf(s.window, s.strstart, have);
    s.strstart += have;
    s.insert += Math.min(have, s.wSize - s.insert);
  }

  // a block from the window when it is big enough, or when flushing and it all fits
  have = (s.biValid + 42) >> 3;
  have = Math.min(s.pendingBufSize - have, MAX_STORED);
  minBlock = Math.min(have, s.wSize);
  const left = s.strstart - s.blockStart;
  if (left >= minBlock || ((left || flush === Z_FINISH) && flush !== Z_NO_FLUSH && s.availIn === 0 && left <= have)) {
    const len = Math.min(left, have);
    last = flush === Z_FINISH && s.availIn === 0 && len === left;
    s.storedBlock(s.window, s.blockStart, len, last);
    s.blockStart += len;
    s.flushPending();
  }
  return last ? BlockState.FinishStarted : BlockState.NeedMore;
}
