// The bit display of a Flag's invalid-value error, as Lib/enum.py's bin() writes it.

/** `bin()` of Lib/enum.py: sign bit, then the digits padded to `maxBits`. */
export function flagBin(n: bigint, maxBits: number): string {
  const ceiling = 1n << BigInt(n === 0n ? 0 : (n < 0n ? -n : n).toString(2).length);
  // Python's bin() of the sum, the leading 1 made the sign bit 0; negatives in two's complement.
  const s = n >= 0n ? "0b" + (n + ceiling).toString(2).replace("1", "0") : "0b" + (~n ^ (ceiling - 1n + ceiling)).toString(2);
  const sign = s.slice(0, 3);
  let digits = s.slice(3);
  if (digits.length < maxBits) digits = (sign.at(-1)!.repeat(maxBits) + digits).slice(-maxBits);
  return `${sign} ${digits}`;
}
