// Text <-> int conversions shared by int(), str(), repr() and format(): Unicode decimal digits
// and CPython's limit on the digits of a decimal conversion (sys.set_int_max_str_digits).

import { ValueError } from "./exceptions.js";

/** CPython's default limit (PEP 651's successor, CVE-2020-10735): 4300 decimal digits. */
let maxDigits = 4300;
/** Values at or beyond this have more digits than the limit (recomputed on change). */
let bound = 10n ** 4300n;
/** `-bound`, kept so the check allocates no 4300-digit bigint per call. */
let negBound = -bound;

export function getIntMaxStrDigits(): number {
  return maxDigits;
}

/** `sys.set_int_max_str_digits(n)`: 0 lifts the limit; otherwise it must be at least 640. */
export function setIntMaxStrDigits(n: number): void {
  if (n !== 0 && n < 640) throw new ValueError("maxdigits must be 0 or larger than 640");
  maxDigits = n;
  bound = n === 0 ? 0n : 10n ** BigInt(n);
  negBound = -bound;
}

/** The decimal text of an int, refused past the limit as CPython refuses it. */
export function decimalText(n: bigint): string {
  if (bound !== 0n && (n >= bound || n <= negBound)) {
    throw new ValueError(
      `Exceeds the limit (${maxDigits} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  return n.toString();
}

/** Refuses a decimal (non power-of-two base) string with more digits than the limit. */
export function checkDigitCount(digits: number, radix: number): void {
  if (maxDigits !== 0 && digits > maxDigits && (radix & (radix - 1)) !== 0) {
    throw new ValueError(
      `Exceeds the limit (${maxDigits} digits) for integer string conversion: value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
}

const DECIMAL_DIGIT = /\p{Nd}/u;
const NON_ASCII_DIGIT = /[^\x00-\x7f]/u;

/** The value of a Unicode decimal digit: its place in its run of consecutive digits. */
function digitValue(cp: number): number {
  let count = 0;
  while (count < 60 && DECIMAL_DIGIT.test(String.fromCodePoint(cp - count - 1))) count++;
  return count % 10;
}

/** Text with every Unicode decimal digit replaced by its ASCII digit (as int()/float() read it). */
export function asciiDigits(text: string): string {
  if (!NON_ASCII_DIGIT.test(text)) return text;
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += cp > 0x7f && DECIMAL_DIGIT.test(ch) ? String(digitValue(cp)) : ch;
  }
  return out;
}

/** Python's whitespace (str.isspace): JS's \s without U+FEFF, with U+001C-U+001F and U+0085. */
const EDGE_SPACE = /^[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** `text.strip()` as Python strips whitespace. */
export function stripPythonSpace(text: string): string {
  return text.replace(EDGE_SPACE, "");
}
