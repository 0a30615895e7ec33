// Argument reduction of large doubles by pi/2 to the last bit (Payne and Hanek's method, in
// BigInt arithmetic): x = n*pi/2 + r with |r| <= pi/4, r as the pair a + lo (a the double
// nearest r, lo the double nearest r - a).
//
// x = m * 2**e with m a 53-bit integer; 2/pi is held as T = floor(2/pi * 2**1280), so
// x * 2/pi = m*T * 2**(e - 1280) up to 2**-256 (e <= 971). Only the bits of m*T from two above
// the binary point (n mod 4) to 192 below it are kept; the fraction, moved to [-1/2, 1/2), is
// multiplied by pi/2 (255 bits) and the product rounded to a pair. The closest a double comes
// to a multiple of pi/2 is about 2**-61 of it, so the pair is accurate to about 2**-128 of r.

import { PI_OVER_2_HEX, TWO_OVER_PI_HEX } from "./libm-sintab.js";

const TWO_OVER_PI = BigInt(`0x${TWO_OVER_PI_HEX}`);
const PI_OVER_2 = BigInt(`0x${PI_OVER_2_HEX}`);
const KEEP = 192n;
const ONE = 1n << KEEP;
const HALF = 1n << (KEEP - 1n);
const SCALE = 2 ** -(192 + 254);

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** The low part of reduceLarge's result. */
export let reducedLo = 0;
/** n mod 4 of reduceLarge's last reduction. */
export let reducedQuadrant = 0;

/** r = x - n*pi/2 for a finite |x| >= 2**26: returns the head (reducedLo, reducedQuadrant set). */
export function reduceLarge(x: number): number {
  F64[0] = x;
  const hi = U32[HI]!;
  const e = ((hi >>> 20) & 0x7ff) - 1075;
  const m = (BigInt((hi & 0xfffff) | 0x100000) << 32n) | BigInt(U32[LO]!);
  const q = (m * TWO_OVER_PI) >> BigInt(1280 - e - 192);
  let n = Number((q >> KEEP) & 3n);
  let f = q & (ONE - 1n);
  if (f >= HALF) {
    f -= ONE;
    n = (n + 1) & 3;
  }
  const product = f * PI_OVER_2;
  const head = Number(product);
  const tail = Number(product - BigInt(head));
  if (x < 0) {
    reducedLo = -tail * SCALE;
    reducedQuadrant = -n & 3;
    return -head * SCALE;
  }
  reducedLo = tail * SCALE;
  reducedQuadrant = n;
  return head * SCALE;
}
