// Argument reduction of large doubles by pi/2 to the last bit (Payne and Hanek's method, in
// BigInt arithmetic): x = n*pi/2 + r with |r| <= pi/4, r as the pair a + lo (a the double
// nearest r, lo the double nearest r - a).
//
// x = m * 2**e with m a 53-bit integer; 2/pi is held as T = floor(2/pi * 2**1800), so
// x * 2/pi = m*T * 2**(e - 1800) up to 2**-776 (e <= 971). Only the bits of m*T from two above
// the binary point (n mod 4) to 192 below it are kept; the fraction, moved to [-1/2, 1/2), is
// multiplied by pi/2 (255 bits) and the product rounded to a pair. The closest a double comes
// to a multiple of pi/2 is about 2**-61 of it, so the pair is accurate to about 2**-128 of r.

import { PI_OVER_2_HEX, TWO_OVER_PI_HEX } from "./libm-sintab.js";
import { fromWords, highWord, lowWord } from "./libm-words.js";

const TWO_OVER_PI = BigInt(`0x${TWO_OVER_PI_HEX}`);
const PI_OVER_2 = BigInt(`0x${PI_OVER_2_HEX}`);
const KEEP = 192n;
const ONE = 1n << KEEP;
const HALF = 1n << (KEEP - 1n);
const SCALE = 2 ** -(192 + 254);

/** The low part of reduceLarge's result. */
export let reducedLo = 0;
/** n mod 4 of reduceLarge's last reduction. */
export let reducedQuadrant = 0;

/** r = x - n*pi/2 for a finite |x| >= 2**26: returns the head (reducedLo, reducedQuadrant set). */
export function reduceLarge(x: number): number {
  const hi = highWord(x);
  const e = ((hi >>> 20) & 0x7ff) - 1075;
  const m = (BigInt((hi & 0xfffff) | 0x100000) << 32n) | BigInt(lowWord(x));
  const q = (m * TWO_OVER_PI) >> BigInt(1800 - e - 192);
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

// glibc's own reduction for sin and cos beyond 105414336 (IBM's branred, built without fused
// operations): x*2/pi from six 24-bit digits of 2/pi at a time, for x split in two halves of
// 26 bits, the integer parts dropped as they appear, the rest times pi/2 in pieces. Its error
// is about 2**-90 absolutely, most of the remainder's bits but for the arguments nearest a
// multiple of pi/2, where CPython's sin and cos carry it; sin and cos use it for that reason,
// tan the exact reduction above.

const TOVERP = new Float64Array(75);
for (let i = 0; i < 75; i++) TOVERP[i] = Number((TWO_OVER_PI >> BigInt(1800 - 24 * (i + 1))) & 0xffffffn);
const SPLIT = 134217729; // 2**27 + 1
const BIG = 6755399441055744; // 1.5 * 2**52
const BIG1 = 27021597764222976; // 1.5 * 2**54
const HP0 = 1.5707963267948966;
const HP1 = 6.123233995736766e-17;
const MP1 = 1.5707963407039642; // 0x3FF921FB58000000
const MP2 = -1.3909067675399456e-8; // 0xBE4DDE9740000000
const R = new Float64Array(6);
/** One half's partial results: the fraction b + bb, the integer part sum (mod 4). */
const PART = new Float64Array(3);

function branredPart(xi: number): void {
  let k = Math.trunc((((highWord(xi) >>> 20) & 2047) - 450) / 24);
  if (k < 0) k = 0;
  // gor = 2**(576 - 24k), built from its exponent bits.
  let gor = fromWords((1023 + 576 - 24 * k) << 20, 0);
  for (let i = 0; i < 6; i++) {
    R[i] = xi * TOVERP[k + i]! * gor;
    gor *= 2 ** -24;
  }
  let sum = 0;
  let s: number;
  for (let i = 0; i < 3; i++) {
    s = R[i]! + BIG - BIG;
    sum += s;
    R[i] = R[i]! - s;
  }
  let t = 0;
  for (let i = 0; i < 6; i++) t += R[5 - i]!;
  let bb = R[0]! - t + R[1]! + R[2]! + R[3]! + R[4]! + R[5]!;
  s = t + BIG - BIG;
  sum += s;
  t -= s;
  const b = t + bb;
  bb = t - b + bb;
  s = sum + BIG1 - BIG1;
  sum -= s;
  PART[0] = b;
  PART[1] = bb;
  PART[2] = sum;
}

/** x = n*pi/2 + (a + lo) as glibc's branred computes it for finite |x| >= 105414336: returns a (reducedLo, reducedQuadrant set). */
export function reduceGlibc(x: number): number {
  x *= 2 ** -600;
  let t = x * SPLIT;
  const x1 = t - (t - x);
  const x2 = x - x1;
  branredPart(x1);
  const b1 = PART[0]!;
  const bb1 = PART[1]!;
  const sum1 = PART[2]!;
  branredPart(x2);
  const b2 = PART[0]!;
  const bb2 = PART[1]!;
  let sum = sum1 + PART[2]!;
  let b = b1 + b2;
  let bb = Math.abs(b1) > Math.abs(b2) ? b1 - b + b2 : b2 - b + b1;
  if (b > 0.5) {
    b -= 1.0;
    sum += 1.0;
  } else if (b < -0.5) {
    b += 1.0;
    sum -= 1.0;
  }
  let s = b + (bb + bb1 + bb2);
  t = b - s + bb + (bb1 + bb2);
  b = s * SPLIT;
  const t1 = b - (b - s);
  const t2 = s - t1;
  b = s * HP0;
  bb = t1 * MP1 - b + t1 * MP2 + t2 * MP1 + (t2 * MP2 + s * HP1 + t * HP0);
  s = b + bb;
  reducedLo = b - s + bb;
  reducedQuadrant = (sum | 0) & 3;
  return s;
}
