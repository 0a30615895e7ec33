// Python's format(value, spec): the format-spec mini-language for str, int, bool and float,
// and `__format__` on objects.

import { OverflowError, PyTypeError, ValueError } from "./exceptions.js";
import { exponentDigits, fixedDigits, generalDigits, nonFinite } from "./float-format.js";
import { floatRepr } from "./float-repr.js";
import { decimalText } from "./int-digits.js";
import { isIntLike, toBigInt } from "./numeric.js";
import { toStr } from "./repr.js";
import { typeName } from "./typename.js";

export interface FormatSpec {
  fill: string;
  align: "<" | ">" | "^" | "=" | undefined;
  sign: "+" | "-" | " " | undefined;
  zeroNegative: boolean;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: "," | "_" | undefined;
  precision: number | undefined;
  type: string;
}

const SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?(.)?$/su;

export function parseSpec(spec: string, owner?: string): FormatSpec {
  const m = SPEC.exec(spec);
  if (!m) throw new ValueError(owner === undefined ? "Invalid format specifier" : `Invalid format specifier '${spec}' for object of type '${owner}'`);
  return {
    fill: m[1] ?? (m[6] && !m[2] ? "0" : " "),
    align: (m[2] ?? (m[6] && !m[2] ? "=" : undefined)) as FormatSpec["align"],
    sign: m[3] as FormatSpec["sign"],
    zeroNegative: m[4] !== undefined,
    alt: m[5] !== undefined,
    zero: m[6] !== undefined,
    width: m[7] ? Number(m[7]) : 0,
    grouping: m[8] as FormatSpec["grouping"],
    precision: m[9] !== undefined ? Number(m[9]) : undefined,
    type: m[10] ?? "",
  };
}

function pad(text: string, spec: FormatSpec, defaultAlign: "<" | ">", signPrefix = ""): string {
  const length = [...text].length + [...signPrefix].length;
  const missing = spec.width - length;
  if (missing <= 0) return signPrefix + text;
  const align = spec.align ?? defaultAlign;
  const fill = spec.fill;
  switch (align) {
    case "<":
      return signPrefix + text + fill.repeat(missing);
    case ">":
      return fill.repeat(missing) + signPrefix + text;
    case "^": {
      const left = Math.floor(missing / 2);
      return fill.repeat(left) + signPrefix + text + fill.repeat(missing - left);
    }
    default:
      return signPrefix + fill.repeat(missing) + text;
  }
}

function group(digits: string, separator: string, size: number): string {
  let out = "";
  for (let end = digits.length; end > 0; end -= size) {
    const start = Math.max(0, end - size);
    out = digits.slice(start, end) + (out ? separator + out : "");
  }
  return out;
}

/** Formats sign + prefix + digits (+ fraction/exponent rest), with grouping and padding. */
export function formatNumberText(
  negative: boolean,
  prefix: string,
  intDigits: string,
  rest: string,
  spec: FormatSpec,
  groupSize: number,
): string {
  const sign = negative ? "-" : spec.sign === "+" ? "+" : spec.sign === " " ? " " : "";
  let digits = intDigits;
  const sep = spec.grouping;
  if (sep && spec.align === "=" && spec.fill === "0" && spec.zero) {
    // Zero padding goes inside the grouping, as CPython does ('09,' of 1234 -> '0,001,234').
    const needed = spec.width - sign.length - prefix.length - rest.length;
    while (group(digits, sep, groupSize).length < needed) digits = "0" + digits;
  }
  const body = (sep ? group(digits, sep, groupSize) : digits) + rest;
  return pad(body, spec, ">", sign + prefix);
}

function formatInt(value: bigint, spec: FormatSpec, what = "int"): string {
  let type = spec.type || "d";
  if ("eEfFgG%".includes(type)) return formatFloat(Number(value), spec);
  if (spec.precision !== undefined) throw new ValueError("Precision not allowed in integer format specifier");
  if (type === "c") {
    if (spec.sign) throw new ValueError("Sign not allowed with integer format specifier 'c'");
    if (value < -(2n ** 63n) || value >= 2n ** 63n) throw new OverflowError("Python int too large to convert to C long");
    if (value < 0n || value > 0x10ffffn) throw new OverflowError("%c arg not in range(0x110000)");
    return pad(String.fromCodePoint(Number(value)), spec, "<");
  }
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  let radix = 10;
  let prefix = "";
  switch (type) {
    case "b":
      radix = 2;
      prefix = "0b";
      break;
    case "o":
      radix = 8;
      prefix = "0o";
      break;
    case "x":
      radix = 16;
      prefix = "0x";
      break;
    case "X":
      radix = 16;
      prefix = "0X";
      break;
    case "d":
    case "n":
      type = "d";
      break;
    default:
      throw unknownCode(type, what);
  }
  if (spec.grouping === "," && type !== "d") {
    throw new ValueError(`Cannot specify ',' with '${spec.type}'.`);
  }
  let digits = radix === 10 ? decimalText(magnitude) : magnitude.toString(radix);
  if (spec.type === "X") digits = digits.toUpperCase();
  return formatNumberText(negative, spec.alt ? prefix : "", digits, "", spec, radix === 10 ? 3 : 4);
}

function unknownCode(type: string, what: string): ValueError {
  return new ValueError(`Unknown format code '${type}' for object of type '${what}'`);
}

/** A float formatted by an already parsed spec (complex formats its parts with this). */
export function formatFloatText(value: number, spec: FormatSpec): string {
  return formatFloat(value, spec);
}

function formatFloat(value: number, spec: FormatSpec): string {
  const type = spec.type;
  if (!"eEfFgGn%".includes(type)) throw unknownCode(type, "float");
  const upper = type === "E" || type === "F" || type === "G";
  let negative = value < 0 || Object.is(value, -0);
  let x = Math.abs(value);
  let text: string;
  const special = nonFinite(x, upper);
  const p = spec.precision;
  if (special !== undefined) {
    text = special + (type === "%" ? "%" : "");
    negative = value < 0;
  } else {
    switch (type) {
      case "e":
      case "E":
        text = exponentDigits(x, p ?? 6, spec.alt);
        break;
      case "f":
      case "F":
        text = fixedDigits(x, p ?? 6);
        if (spec.alt && !text.includes(".")) text += ".";
        break;
      case "%":
        text = fixedDigits(x * 100, p ?? 6) + "%";
        break;
      case "":
        text = p === undefined ? floatRepr(x) : noTypeDigits(x, p, spec.alt);
        break;
      default: // g G n
        text = generalDigits(x, p ?? 6, spec.alt);
    }
    if (upper) text = text.toUpperCase();
    if (spec.zeroNegative && negative && Number(text.replace(/[^0-9.eE+-]/g, "").replace(/e.*/i, "")) === 0) {
      negative = false;
    }
  }
  const match = /^(\d*)(.*)$/s.exec(text)!;
  const effective = special !== undefined ? { ...spec, grouping: undefined } : spec;
  return formatNumberText(negative, "", match[1]!, match[2]!, effective, 3);
}

/** No type with a precision: like 'g', but a fixed result keeps at least one decimal. */
function noTypeDigits(x: number, precision: number, alt: boolean): string {
  const p = precision === 0 ? 1 : precision;
  const sci = exponentDigits(x, p - 1, alt);
  const exponent = Number(sci.split("e")[1]);
  if (exponent >= -4 && exponent < p - 1) {
    const text = generalDigits(x, p, alt);
    return text.includes(".") ? text : text + ".0";
  }
  // Scientific, with the mantissa's trailing zeros dropped (kept with '#').
  if (alt || !sci.includes(".")) return sci;
  const [mantissa, exp] = sci.split("e") as [string, string];
  return mantissa.replace(/0+$/, "").replace(/\.$/, "") + "e" + exp;
}

function formatString(value: string, spec: FormatSpec): string {
  if (spec.type !== "" && spec.type !== "s") throw unknownCode(spec.type, "str");
  if (spec.sign) throw new ValueError("Sign not allowed in string format specifier");
  if (spec.alt) throw new ValueError("Alternate form (#) not allowed in string format specifier");
  if (spec.align === "=") throw new ValueError("'=' alignment not allowed in string format specifier");
  if (spec.grouping) throw new ValueError(`Cannot specify '${spec.grouping}' with 's'.`);
  const text = spec.precision !== undefined ? [...value].slice(0, spec.precision).join("") : value;
  return pad(text, spec, "<");
}

interface Formattable {
  __format__?: (spec: string) => unknown;
}

/** Python's `format(value, spec)` (and every f-string replacement field). */
export function format(value: unknown, spec: unknown = ""): string {
  if (typeof spec !== "string") {
    throw new PyTypeError(`format() argument 2 must be str, not ${typeName(spec)}`);
  }
  if (typeof value === "string" && spec === "") return value;
  if (typeof value === "object" && value !== null) {
    const custom = (value as Formattable).__format__;
    if (typeof custom === "function") {
      const r = custom.call(value, spec);
      if (typeof r !== "string") throw new PyTypeError(`__format__ must return a str, not ${typeName(r)}`);
      return r;
    }
  }
  if (spec === "") return toStr(value);
  const parsed = parseSpec(spec, typeof value === "string" || isIntLike(value) || typeof value === "number" ? typeName(value) : undefined);
  if (typeof value === "string") return formatString(value, parsed);
  if (isIntLike(value)) return formatInt(toBigInt(value), parsed, typeName(value));
  if (typeof value === "number") return formatFloat(value, parsed);
  throw new PyTypeError(`unsupported format string passed to ${typeName(value)}.__format__`);
}
