// Numeric literals as CPython 3.11's tokenizer reads them (tok_get's "Number" part): where a
// literal ends and the exact error for a malformed one. `cur` in an error is CPython's read
// position (the offending character's index after a backup, or just past it otherwise).

type Fail = (cur: number, message: string) => never;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** An ASCII letter, digit or underscore (a non-ASCII character after a literal is reported as a character). */
function isIdentifierChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || isDigit(c);
}

/**
 * After a literal, a letter is an error, except the keywords that may follow a number in valid
 * code (`1if x else y`, `0x1for`...), which CPython only warns about. `at` is the index of the
 * character after the literal.
 */
function verifyEnd(s: string, at: number, kind: string, fail: Fail): void {
  const c = s.charCodeAt(at);
  const rest = (word: string) => s.startsWith(word, at + 1);
  let keyword = false;
  if (c === 97) keyword = rest("nd");
  else if (c === 101) keyword = rest("lse");
  else if (c === 102) keyword = rest("or");
  else if (c === 105) {
    const c2 = s[at + 1];
    keyword = c2 === "f" || c2 === "n" || c2 === "s";
  } else if (c === 111) keyword = rest("r");
  else if (c === 110) keyword = rest("ot");
  if (keyword) return;
  if (isIdentifierChar(c)) fail(at, `invalid ${kind} literal`);
}

/** Digits with single underscores between them, from `at` (a digit was read before). */
function decimalTail(s: string, at: number, fail: Fail): number {
  let i = at;
  for (;;) {
    while (isDigit(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== 95) return i;
    i++;
    if (!isDigit(s.charCodeAt(i))) fail(i, "invalid decimal literal");
  }
}

/** Digits of a prefixed literal (`0x`, `0o`, `0b`) with underscores, from just after the prefix. */
function radixDigits(s: string, at: number, ok: (c: number) => boolean, kind: string, fail: Fail): number {
  let i = at;
  do {
    if (s.charCodeAt(i) === 95) i++;
    const c = s.charCodeAt(i);
    if (!ok(c)) {
      if (kind !== "hexadecimal" && isDigit(c)) fail(i + 1, `invalid digit '${s[i]}' in ${kind} literal`);
      fail(i, `invalid ${kind} literal`);
    }
    while (ok(s.charCodeAt(i))) i++;
  } while (s.charCodeAt(i) === 95);
  if (kind !== "hexadecimal" && isDigit(s.charCodeAt(i))) fail(i + 1, `invalid digit '${s[i]}' in ${kind} literal`);
  verifyEnd(s, i, kind, fail);
  return i;
}

/** End of the numeric literal starting at `start` (a digit, or a `.` before a digit). */
export function scanNumber(s: string, start: number, fail: Fail): number {
  let i = start;
  if (s.charCodeAt(i) === 46) return fraction(s, i + 1, fail);
  if (s.charCodeAt(i) === 48) {
    const p = s.charCodeAt(i + 1);
    if (p === 120 || p === 88) return radixDigits(s, i + 2, isHexDigit, "hexadecimal", fail);
    if (p === 111 || p === 79) return radixDigits(s, i + 2, (c) => c >= 48 && c <= 55, "octal", fail);
    if (p === 98 || p === 66) return radixDigits(s, i + 2, (c) => c === 48 || c === 49, "binary", fail);
    // zeros, then maybe more digits: only a float or imaginary literal may have leading zeros
    i++;
    for (;;) {
      if (s.charCodeAt(i) === 95) {
        i++;
        if (!isDigit(s.charCodeAt(i))) fail(i, "invalid decimal literal");
      }
      if (s.charCodeAt(i) !== 48) break;
      i++;
    }
    let nonzero = false;
    if (isDigit(s.charCodeAt(i))) {
      nonzero = true;
      i = decimalTail(s, i, fail);
    }
    const c = s.charCodeAt(i);
    if (c === 46) return fraction(s, i + 1, fail);
    if (c === 101 || c === 69) return exponent(s, i, fail);
    if (c === 106 || c === 74) return imaginary(s, i, fail);
    if (nonzero) {
      fail(i, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    }
    verifyEnd(s, i, "decimal", fail);
    return i;
  }
  i = decimalTail(s, i, fail);
  if (s.charCodeAt(i) === 46) return fraction(s, i + 1, fail);
  return afterFraction(s, i, fail);
}

/** After the `.` of a float. */
function fraction(s: string, at: number, fail: Fail): number {
  let i = at;
  if (isDigit(s.charCodeAt(i))) i = decimalTail(s, i, fail);
  return afterFraction(s, i, fail);
}

function afterFraction(s: string, i: number, fail: Fail): number {
  const c = s.charCodeAt(i);
  if (c === 101 || c === 69) return exponent(s, i, fail);
  if (c === 106 || c === 74) return imaginary(s, i, fail);
  verifyEnd(s, i, "decimal", fail);
  return i;
}

/** At the `e` of an exponent. */
function exponent(s: string, at: number, fail: Fail): number {
  let i = at + 1;
  let c = s.charCodeAt(i);
  if (c === 43 || c === 45) {
    i++;
    if (!isDigit(s.charCodeAt(i))) fail(i, "invalid decimal literal");
  } else if (!isDigit(c)) {
    // `1else`: the literal ends before the `e`
    verifyEnd(s, at, "decimal", fail);
    return at;
  }
  i = decimalTail(s, i, fail);
  c = s.charCodeAt(i);
  if (c === 106 || c === 74) return imaginary(s, i, fail);
  verifyEnd(s, i, "decimal", fail);
  return i;
}

/** At the `j` of an imaginary literal. */
function imaginary(s: string, at: number, fail: Fail): number {
  verifyEnd(s, at + 1, "imaginary", fail);
  return at + 1;
}
