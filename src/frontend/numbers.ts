// Numeric literals: Python's int / float / imaginary forms to ConstantValue.
import type { ConstantValue } from "./ast.js";
import type { Source } from "./cst.js";

export function parseNumber(text: string, src: Source, offset: number): ConstantValue {
  if (isPlainDecimal(text)) return { kind: "int", value: BigInt(text) };
  const clean = text.replace(/_/g, "");
  if (/_(_|$)|_[eEjJ.]|[.eE]_/.test(text) || /^0[bBoOxX]_*$/.test(text)) {
    src.fail(offset, "invalid decimal literal");
  }
  if (/^0[xX]/.test(clean)) return { kind: "int", value: BigInt(clean) };
  if (/^0[oO]/.test(clean)) return { kind: "int", value: BigInt("0o" + clean.slice(2)) };
  if (/^0[bB]/.test(clean)) return { kind: "int", value: BigInt("0b" + clean.slice(2)) };
  if (/[jJ]$/.test(clean)) return { kind: "complex", imag: Number(clean.slice(0, -1)) };
  if (/[.eE]/.test(clean)) return { kind: "float", value: Number(clean) };
  if (/^0+[1-9]/.test(clean)) {
    src.fail(
      offset,
      "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
    );
  }
  return { kind: "int", value: BigInt(clean) };
}

/** `0` or digits not starting with 0 (most literals): an int as written, no other form to tell. */
function isPlainDecimal(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first === 48) return text.length === 1;
  if (!(first > 48 && first <= 57)) return false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
