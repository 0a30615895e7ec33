// printf-style `str % args` and `bytes % args` formatting with CPython's argument rules and
// error messages. Bytes are formatted as Latin-1 text: one character a byte.

import { Bytes } from "./bytes.js";
import { ByteArray } from "./bytearray.js";
import { Dict } from "./dict.js";
import { KeyError, OverflowError, PyTypeError, ValueError } from "./exceptions.js";
import { exponentDigits, fixedDigits, generalDigits, nonFinite } from "./float-format.js";
import { isIntLike, toBigInt } from "./numeric.js";
import { asciiRepr } from "./ascii.js";
import { repr, toStr } from "./repr.js";
import { Tuple } from "./tuple.js";
import { Range } from "./range.js";
import { StrValue } from "./wrapped.js";
import { hasSurrogates } from "./str-index.js";
import { typeName } from "./typename.js";

const CONVERSION = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.?)/gsy;

interface Flags {
  left: boolean;
  plus: boolean;
  space: boolean;
  alt: boolean;
  zero: boolean;
}

function parseFlags(text: string): Flags {
  return {
    left: text.includes("-"),
    plus: text.includes("+"),
    space: text.includes(" "),
    alt: text.includes("#"),
    zero: text.includes("0"),
  };
}

/**
 * Whether `template % x` takes x as its mapping (CPython's PyMapping_Check: any subscriptable
 * type, lists and ranges too, but no tuple, no str, and for a bytes template no bytes or
 * bytearray): with one, arguments left unconverted are no error.
 */
function isMapping(x: unknown, bytes: boolean): boolean {
  if (x instanceof Tuple || typeof x === "string" || x instanceof StrValue || (bytes && x instanceof Bytes)) return false;
  if (x instanceof Dict || Array.isArray(x) || x instanceof Uint8Array || x instanceof Range) return true;
  return typeof x === "object" && x !== null && typeof (x as { __getitem__?: unknown }).__getitem__ === "function";
}

function lookup(mapping: unknown, text: string, bytes: boolean): any {
  const key = bytes ? Bytes.fromLatin1(text) : text;
  if (mapping instanceof Dict) {
    const entry = mapping.table.find(key);
    if (entry === undefined) throw new KeyError(key);
    return entry.value;
  }
  return (mapping as { __getitem__(k: unknown): unknown }).__getitem__(key);
}

/** `%b`/`%s` of bytes formatting: a bytes-like object, or one with `__bytes__`, as Latin-1 text. */
function bytesArg(value: unknown): string {
  if (value instanceof Uint8Array) return latin1(value);
  const hook = (value as { __bytes__?: () => unknown } | null)?.__bytes__;
  if (typeof hook === "function") {
    const result = hook.call(value);
    if (result instanceof Uint8Array) return latin1(result);
  }
  throw new PyTypeError(`%b requires a bytes-like object, or an object that implements __bytes__, not '${typeName(value)}'`);
}

function latin1(data: Uint8Array): string {
  // a plain view: Bytes' own iteration gives Python ints
  const plain = new Uint8Array(data.buffer, data.byteOffset, data.length);
  let text = "";
  for (let i = 0; i < plain.length; i += 8192) text += String.fromCharCode(...plain.subarray(i, i + 8192));
  return text;
}

/** `%c` of bytes formatting: an int in range(256) or a single byte. */
function byteChar(value: unknown): string {
  if (value instanceof Uint8Array && value.length === 1) return String.fromCharCode(value[0]!);
  if (isIntLike(value)) {
    const n = toBigInt(value);
    if (n < 0n || n > 255n) throw new OverflowError("%c arg not in range(256)");
    return String.fromCharCode(Number(n));
  }
  throw new PyTypeError("%c requires an integer in range(256) or a single byte");
}

/** An int for %d %i %u: ints as is, floats truncated, objects through __int__/__index__. */
function integerArg(value: unknown, code: string, truncateFloats: boolean): bigint {
  if (isIntLike(value)) return toBigInt(value);
  if (typeof value === "number" && truncateFloats) {
    if (!Number.isFinite(value)) {
      throw Number.isNaN(value)
        ? new ValueError("cannot convert float NaN to integer")
        : new OverflowError("cannot convert float infinity to integer");
    }
    return BigInt(Math.trunc(value));
  }
  const obj = value as { __index__?: () => unknown; __int__?: () => unknown } | null;
  const hook = obj && typeof obj === "object" ? (truncateFloats ? obj.__int__ ?? obj.__index__ : obj.__index__) : undefined;
  if (typeof hook === "function") {
    const r = hook.call(obj);
    if (isIntLike(r)) return toBigInt(r);
  }
  const need = truncateFloats ? "a real number" : "an integer";
  throw new PyTypeError(`%${code} format: ${need} is required, not ${typeName(value)}`);
}

function floatArg(value: unknown, code: string): number {
  if (typeof value === "number") return value;
  if (isIntLike(value)) return Number(toBigInt(value));
  const obj = value as { __float__?: () => unknown } | null;
  if (obj && typeof obj === "object" && typeof obj.__float__ === "function") {
    const r = obj.__float__();
    if (typeof r === "number") return r;
  }
  throw new PyTypeError(`must be real number, not ${typeName(value)}`);
  void code;
}

/** `body` padded to `width`; zeros pad only `numeric` bodies (flags.zero is ignored otherwise). */
function applyWidth(sign: string, body: string, width: number, flags: Readonly<Flags>, numeric: boolean): string {
  const length = sign.length + (hasSurrogates(body) ? [...body].length : body.length);
  if (length >= width) return sign + body;
  const missing = width - length;
  if (flags.left) return sign + body + " ".repeat(missing);
  if (flags.zero && numeric) {
    // Zeros go after the sign and any 0x prefix.
    const prefix = /^0[xXob]/.test(body) ? body.slice(0, 2) : "";
    return sign + prefix + "0".repeat(missing) + body.slice(prefix.length);
  }
  return " ".repeat(missing) + sign + body;
}

function signOf(negative: boolean, flags: Readonly<Flags>): string {
  return negative ? "-" : flags.plus ? "+" : flags.space ? " " : "";
}

function formatOne(code: string, value: unknown, flags: Readonly<Flags>, width: number, precision: number | undefined, bytes: boolean): string {
  if (bytes && "sbrac".includes(code)) {
    // (bytes' %r is %a: its text must be ASCII)
    let text = code === "c" ? byteChar(value) : code === "s" || code === "b" ? bytesArg(value) : asciiRepr(value);
    if (precision !== undefined && code !== "c") text = text.slice(0, precision);
    return applyWidth("", text, width, flags, false);
  }
  switch (code) {
    case "s":
    case "r":
    case "a": {
      let text = code === "s" ? toStr(value) : code === "r" ? repr(value) : asciiRepr(value);
      if (precision !== undefined) text = [...text].slice(0, precision).join("");
      return applyWidth("", text, width, flags, false);
    }
    case "d":
    case "i":
    case "u":
    case "o":
    case "x":
    case "X": {
      const n = integerArg(value, code, "diu".includes(code));
      const negative = n < 0n;
      const magnitude = negative ? -n : n;
      const radix = code === "o" ? 8 : code === "x" || code === "X" ? 16 : 10;
      let digits = magnitude.toString(radix);
      if (precision !== undefined) digits = digits.padStart(precision, "0");
      if (flags.alt && radix !== 10) digits = (code === "o" ? "0o" : "0x") + digits;
      if (code === "X") digits = digits.toUpperCase();
      return applyWidth(signOf(negative, flags), digits, width, flags, true);
    }
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G": {
      const x = floatArg(value, code);
      const upper = code === code.toUpperCase();
      const negative = x < 0 || Object.is(x, -0);
      const abs = Math.abs(x);
      const p = precision ?? 6;
      let text = nonFinite(abs, upper);
      if (text === undefined) {
        const lower = code.toLowerCase();
        text = lower === "e" ? exponentDigits(abs, p, flags.alt) : lower === "f" ? fixedDigits(abs, p) : generalDigits(abs, p, flags.alt);
        if (lower === "f" && flags.alt && !text.includes(".")) text += ".";
        if (upper) text = text.toUpperCase();
      }
      // (CPython pads inf and nan with zeros too: `%05.1f` gives 00inf)
      return applyWidth(signOf(negative && !Number.isNaN(x), flags), text, width, flags, true);
    }
    case "c": {
      let ch: string;
      if (typeof value === "string" && [...value].length === 1) ch = value;
      else if (isIntLike(value)) {
        const n = toBigInt(value);
        if (n < 0n || n > 0x10ffffn) throw new OverflowError("%c arg not in range(0x110000)");
        ch = String.fromCodePoint(Number(n));
      } else throw new PyTypeError("%c requires int or char");
      return applyWidth("", ch, width, flags, false);
    }
    default:
      throw new ValueError(`unsupported format character '${code}' (0x${code.codePointAt(0)!.toString(16)}) at index`);
  }
}

/** Python's `template % args` for a str template. */
export function percentFormat(template: string, args: unknown): string {
  return formatText(template, args, false);
}

/** Python's `template % args` for a bytes or bytearray template (the result has its type). */
export function percentFormatBytes(template: Bytes, args: unknown): Bytes {
  const text = formatText(latin1(template), args, true);
  return template instanceof ByteArray ? ByteArray.fromLatin1(text) : Bytes.fromLatin1(text);
}

/** One `%` conversion of a template, parsed once (see planOf). */
interface Conversion {
  /** The template's text between the previous conversion and this one. */
  literal: string;
  /** The conversion's own text (`%-10s`), its mapping key, flags, width, precision and code. */
  whole: string;
  key: string | undefined;
  flags: Readonly<Flags>;
  widthText: string | undefined;
  precisionText: string | undefined;
  code: string;
  /** Where the template continues after it. */
  end: number;
}

/** A template's conversions in order, and the text after the last one. */
interface Plan {
  conversions: Conversion[];
  tail: string;
}

/**
 * Parsed templates by their text: a program formats a few templates many times, and parsing
 * (a regular expression and the flags of each conversion) cost more than the formatting.
 * Long templates are parsed each time; the cache is emptied when it grows past its bound.
 */
const PLANS = new Map<string, Plan>();
const PLAN_CACHE_SIZE = 512;
const PLAN_TEMPLATE_LENGTH = 400;

function planOf(template: string): Plan {
  const cached = PLANS.get(template);
  if (cached !== undefined) return cached;
  const conversions: Conversion[] = [];
  let index = 0;
  let tail = "";
  while (index < template.length) {
    const percent = template.indexOf("%", index);
    if (percent < 0) {
      tail = template.slice(index);
      break;
    }
    CONVERSION.lastIndex = percent;
    const [whole, key, flagText, widthText, precisionText, code] = CONVERSION.exec(template)!;
    const end = percent + whole.length;
    conversions.push({ literal: template.slice(index, percent), whole, key, flags: parseFlags(flagText ?? ""), widthText, precisionText, code: code!, end });
    index = end;
  }
  const plan = { conversions, tail };
  if (template.length <= PLAN_TEMPLATE_LENGTH) {
    if (PLANS.size >= PLAN_CACHE_SIZE) PLANS.clear();
    PLANS.set(template, plan);
  }
  return plan;
}

function formatText(template: string, args: unknown, bytes: boolean): string {
  const tuple = args instanceof Tuple ? args.items : null;
  const positional = tuple ?? [args];
  const mapping = !tuple && isMapping(args, bytes) ? args : null;
  let next = 0;
  let usedMapping = false;
  const take = (): unknown => {
    if (next >= positional.length) throw new PyTypeError("not enough arguments for format string");
    return positional[next++];
  };
  const plan = planOf(template);
  let out = "";
  for (const conversion of plan.conversions) {
    const { whole, key, widthText, precisionText, code, end: index } = conversion;
    out += conversion.literal;
    if (code === "") throw new ValueError("incomplete format");
    if (code === "%" && whole === "%%") {
      out += "%";
      continue;
    }
    let flags = conversion.flags;
    let width = 0;
    if (widthText === "*") {
      const w = take();
      if (!isIntLike(w)) throw new PyTypeError("* wants int");
      width = Number(toBigInt(w));
      if (width < 0) {
        flags = { ...flags, left: true };
        width = -width;
      }
    } else if (widthText) width = Number(widthText);
    let precision: number | undefined;
    if (precisionText === "*") {
      const p = take();
      if (!isIntLike(p)) throw new PyTypeError("* wants int");
      precision = Math.max(0, Number(toBigInt(p)));
    } else if (precisionText !== undefined) precision = precisionText === "" ? 0 : Number(precisionText);
    let value: unknown;
    if (key !== undefined) {
      if (mapping === null) throw new PyTypeError("format requires a mapping");
      usedMapping = true;
      value = lookup(mapping, key, bytes);
    } else {
      // (a `%` with flags, width or a key takes an argument too, then is refused below, as in CPython)
      value = take();
    }
    if (!(bytes ? "srdiuoxXeEfFgGcab" : "srdiuoxXeEfFgGca").includes(code)) {
      const at = index - 1;
      throw new ValueError(`unsupported format character '${code}' (0x${code.codePointAt(0)!.toString(16)}) at index ${at}`);
    }
    out += formatOne(code, value, flags, width, precision, bytes);
  }
  out += plan.tail;
  if (next < positional.length && !usedMapping && mapping === null) {
    throw new PyTypeError(`not all arguments converted during ${bytes ? "bytes" : "string"} formatting`);
  }
  return out;
}
