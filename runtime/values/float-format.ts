// Exact decimal formatting of floats for the 'f', 'e', 'g' presentation types. Every double
// is an exact decimal fraction N / 10**k, so rounding is done on BigInts with
// round-half-even, as CPython does (JS toFixed rounds exact ties upward).

import { floatRepr } from "./float-repr.js";

/** |x| as N / 10**k exactly (x finite). */
function exactParts(x: number): { n: bigint; k: number } {
  x = Math.abs(x);
  if (x === 0) return { n: 0n, k: 0 };
  let e = 0;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2;
    e -= 1;
  }
  if (e === 0) return { n: BigInt(m), k: 0 };
  // m * 2**e = m * 5**-e / 10**-e
  return { n: BigInt(m) * 5n ** BigInt(-e), k: -e };
}

/** round(n / 10**drop) with ties to even. */
function roundDrop(n: bigint, drop: number): bigint {
  if (drop <= 0) return n * 10n ** BigInt(-drop);
  const div = 10n ** BigInt(drop);
  const q = n / div;
  const r = n % div;
  const twice = r * 2n;
  if (twice > div || (twice === div && q % 2n === 1n)) return q + 1n;
  return q;
}

/** Fixed notation with `precision` decimals (no sign). */
export function fixedDigits(x: number, precision: number): string {
  x = Math.abs(x);
  // JS's toFixed is exact too, but rounds a tie up where Python rounds it to even. A tie is a
  // value that x * 2**(precision + 1) makes an integer (an exact scaling): those, and values
  // toFixed writes in exponent form, take the exact path below. (When x * 2**precision is an
  // integer, x has no more than `precision` decimals: nothing is rounded, as for integral x.)
  if (x < 1e21 && precision <= 100) {
    const scaled = x * 2 ** precision;
    if (!Number.isInteger(scaled * 2) || Number.isInteger(scaled)) return x.toFixed(precision);
  }
  const { n, k } = exactParts(x);
  const m = roundDrop(n, k - precision).toString();
  if (precision === 0) return m;
  const padded = m.padStart(precision + 1, "0");
  return padded.slice(0, -precision) + "." + padded.slice(-precision);
}

/** Significant digits (precision + 1 of them) and decimal exponent after rounding. */
function scientificParts(x: number, precision: number): { digits: string; exponent: number } {
  const { n, k } = exactParts(x);
  if (n === 0n) return { digits: "0".repeat(precision + 1), exponent: 0 };
  const len = n.toString().length;
  let exponent = len - 1 - k;
  let m = roundDrop(n, len - (precision + 1));
  let digits = m.toString();
  if (digits.length > precision + 1) {
    m /= 10n;
    digits = m.toString();
    exponent += 1;
  }
  return { digits, exponent };
}

function exponentText(exponent: number): string {
  return (exponent < 0 ? "-" : "+") + String(Math.abs(exponent)).padStart(2, "0");
}

/** Scientific notation `d.ddde+XX` (no sign). */
export function exponentDigits(x: number, precision: number, alt = false): string {
  const { digits, exponent } = scientificParts(x, precision);
  const point = precision > 0 || alt ? "." : "";
  return digits[0] + point + digits.slice(1) + "e" + exponentText(exponent);
}

function stripZeros(text: string): string {
  if (!text.includes(".")) return text;
  return text.replace(/0+$/, "").replace(/\.$/, "");
}

/** The 'g' type: fixed or scientific by the rounded exponent, trailing zeros removed. */
export function generalDigits(x: number, precision: number, alt = false): string {
  const p = precision === 0 ? 1 : precision;
  if (x === 0) return alt ? fixedDigits(0, p - 1) || "0" : "0";
  const { exponent } = scientificParts(x, p - 1);
  if (exponent >= -4 && exponent < p) {
    const text = fixedDigits(x, p - 1 - exponent);
    return alt ? (text.includes(".") ? text : text + ".") : stripZeros(text);
  }
  const { digits } = scientificParts(x, p - 1);
  let mantissa = digits[0] + (digits.length > 1 || alt ? "." + digits.slice(1) : "");
  if (!alt) mantissa = stripZeros(mantissa);
  return mantissa + "e" + exponentText(exponent);
}

/** Shortest repr digits of |x| (format type None without precision). */
export function reprDigits(x: number): string {
  const text = floatRepr(Math.abs(x));
  return text;
}

/** Special values in the case the type asks for. */
export function nonFinite(x: number, upper: boolean): string | undefined {
  if (Number.isNaN(x)) return upper ? "NAN" : "nan";
  if (!Number.isFinite(x)) return upper ? "INF" : "inf";
  return undefined;
}
