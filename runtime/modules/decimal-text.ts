// decimal's text forms: parsing a numeric string, the scientific and engineering strings
// (to-sci-string), and `format()` with CPython's Decimal.__format__ rules.

import { ValueError } from "../values/exceptions.js";
import { Tuple } from "../values/tuple.js";
import { TupleSubclass } from "./struct-sequence.js";
import { parseSpec, formatNumberText } from "../values/format-spec.js";
import type { Context } from "./decimal-context.js";
import { digitCount, num, rescale, roundToPlaces, type Num } from "./decimal-number.js";

const NUMBER = /^([+-])?(?:(\d+(?:_\d+)*)(?:\.(\d+(?:_\d+)*)?)?|\.(\d+(?:_\d+)*))(?:[eE]([+-]?\d+(?:_\d+)*))?$/;
const SPECIAL = /^([+-])?(?:(inf|infinity)|(s?nan)(\d*))$/i;

export function parseNumber(text: string): Num | null {
  const s = text.trim();
  const m = NUMBER.exec(s);
  if (m) {
    const sign = m[1] === "-" ? 1 : 0;
    const whole = (m[2] ?? "").replaceAll("_", "");
    const fraction = (m[3] ?? m[4] ?? "").replaceAll("_", "");
    const exp = m[5] === undefined ? 0 : Number(m[5].replaceAll("_", ""));
    return num(sign, BigInt(whole + fraction || "0"), exp - fraction.length);
  }
  const sp = SPECIAL.exec(s);
  if (!sp) return null;
  const sign = sp[1] === "-" ? 1 : 0;
  if (sp[2]) return num(sign, 0n, 0, "inf");
  return num(sign, BigInt(sp[4] || "0"), 0, sp[3]!.toLowerCase() === "snan" ? "snan" : "nan");
}

/** `Decimal`'s scientific string (to-sci-string), or engineering notation. */
export function toText(x: Num, capitals: boolean, engineering = false): string {
  const sign = x.sign ? "-" : "";
  if (x.kind === "inf") return sign + "Infinity";
  if (x.kind === "nan" || x.kind === "snan") return sign + (x.kind === "snan" ? "sNaN" : "NaN") + (x.coeff ? String(x.coeff) : "");
  const digits = x.coeff.toString();
  const leftdigits = x.exp + digits.length;
  let dotplace: number;
  if (x.exp <= 0 && leftdigits > -6) dotplace = leftdigits;
  else if (!engineering) dotplace = 1;
  else if (x.coeff === 0n) dotplace = ((((leftdigits + 1) % 3) + 3) % 3) - 1;
  else dotplace = ((((leftdigits - 1) % 3) + 3) % 3) + 1;
  let intpart: string;
  let fracpart: string;
  if (dotplace <= 0) {
    intpart = "0";
    fracpart = "." + "0".repeat(-dotplace) + digits;
  } else if (dotplace >= digits.length) {
    intpart = digits + "0".repeat(dotplace - digits.length);
    fracpart = "";
  } else {
    intpart = digits.slice(0, dotplace);
    fracpart = "." + digits.slice(dotplace);
  }
  const e = leftdigits - dotplace;
  const exponent = leftdigits === dotplace ? "" : (capitals ? "E" : "e") + (e >= 0 ? "+" : "-") + Math.abs(e);
  return sign + intpart + fracpart + exponent;
}

/** `format(d, spec)`, following CPython's Decimal.__format__. */
export function formatDecimal(value: Num, specText: string, ctx: Context): string {
  const spec = parseSpec(specText);
  let type = spec.type;
  if (type !== "" && !"eEfFgGn%".includes(type)) throw new ValueError(`Invalid format specifier`);
  if (spec.align === undefined && spec.fill === " ") spec.align = ">";
  if (value.kind !== "finite") {
    const body = value.kind === "inf" ? "Infinity" : toText(num(0, value.coeff, 0, value.kind), true);
    return formatNumberText(value.sign === 1, "", body + (type === "%" ? "%" : ""), "", { ...spec, grouping: undefined }, 3);
  }
  const explicitType = type !== "";
  if (!explicitType) type = ctx.capitalE ? "G" : "g";
  if (type === "n") type = "g";
  let x = value;
  if (type === "%") x = num(x.sign, x.coeff, x.exp + 2);
  let precision = spec.precision;
  if (precision !== undefined) {
    if ("gG".includes(type) && precision === 0) precision = 1;
    if ("eE".includes(type)) x = roundToPlaces(x, precision + 1, ctx.roundingMode);
    else if ("fF%".includes(type)) x = rescale(x, -precision, ctx.roundingMode).value;
    else if ("gG".includes(type) && digitCount(x.coeff) > precision) x = roundToPlaces(x, precision, ctx.roundingMode);
  }
  if (x.coeff === 0n && x.exp > 0 && "fF%".includes(type)) x = rescale(x, 0, ctx.roundingMode).value;
  const digits = x.coeff.toString();
  const leftdigits = x.exp + digits.length;
  let dotplace: number;
  if ("eE".includes(type)) dotplace = x.coeff === 0n && precision !== undefined ? 1 - precision : 1;
  else if ("fF%".includes(type)) dotplace = leftdigits;
  else dotplace = x.exp <= 0 && leftdigits > -6 ? leftdigits : 1;
  let intpart: string;
  let fracpart: string;
  if (dotplace < 0) {
    intpart = "0";
    fracpart = "0".repeat(-dotplace) + digits;
  } else if (dotplace > digits.length) {
    intpart = digits + "0".repeat(dotplace - digits.length);
    fracpart = "";
  } else {
    intpart = digits.slice(0, dotplace) || "0";
    fracpart = digits.slice(dotplace);
  }
  const exp = leftdigits - dotplace;
  let rest = fracpart || spec.alt ? "." + fracpart : "";
  if (exp !== 0 || "eE".includes(type)) {
    const echar = { E: "E", e: "e", G: "E", g: "e" }[type as "E"] ?? "e";
    rest += echar + (exp >= 0 ? "+" : "-") + Math.abs(exp);
  }
  if (type === "%") rest += "%";
  const negative = x.sign === 1 && !(spec.zeroNegative && x.coeff === 0n);
  return formatNumberText(negative, "", intpart, rest, spec, 3);
}

/** `DecimalTuple(sign, digits, exponent)`. */
export class DecimalTuple extends TupleSubclass {
  get sign(): unknown { return this.items[0]; }
  get digits(): unknown { return this.items[1]; }
  get exponent(): unknown { return this.items[2]; }
  __repr__(): string {
    const [sign, digits, exponent] = this.items as [bigint, Tuple<bigint>, unknown];
    const digitText = digits.items.length === 1 ? `(${digits.items[0]},)` : `(${digits.items.join(", ")})`;
    return `DecimalTuple(sign=${sign}, digits=${digitText}, exponent=${typeof exponent === "string" ? `'${exponent}'` : exponent})`;
  }
}
Object.defineProperties(DecimalTuple, { pythonName: { value: "DecimalTuple" }, __module__: { value: "decimal" } });
