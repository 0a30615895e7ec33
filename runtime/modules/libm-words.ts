// The two 32-bit halves of a double, the way fdlibm and glibc read and build them
// (`GET_HIGH_WORD`, `SET_HIGH_WORD`, `INSERT_WORDS`). One scratch buffer serves every libm
// module: each function writes and reads it before returning, so calls never interleave.

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE ? 1 : 0;
const LO = LITTLE ? 0 : 1;

/** The high 32 bits of x (sign, exponent, top of the mantissa), unsigned. */
export function highWord(x: number): number {
  F64[0] = x;
  return U32[HI]!;
}

/** The low 32 bits of x's mantissa, unsigned. */
export function lowWord(x: number): number {
  F64[0] = x;
  return U32[LO]!;
}

/** x with its high word replaced by `hi` (the low word kept). */
export function withHighWord(x: number, hi: number): number {
  F64[0] = x;
  U32[HI] = hi;
  return F64[0];
}

/** The double whose words are `hi` and `lo`. */
export function fromWords(hi: number, lo: number): number {
  U32[HI] = hi;
  U32[LO] = lo;
  return F64[0]!;
}
