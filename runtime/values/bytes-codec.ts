// bytes.decode / str(b, encoding, errors) with CPython's UTF-8, ASCII and Latin-1 decoders and
// error handlers (strict, replace, ignore, backslashreplace), and bytes.hex with a separator.

import { Bytes } from "./bytes.js";
import { decodeError, registeredDecodeAnswer } from "./codec-errors.js";
import { decodeByRegisteredCodec } from "./codec-registry.js";
import { IndexError, PyTypeError, UnicodeDecodeError, ValueError } from "./exceptions.js";
import { isIntLike, toBigInt } from "./numeric.js";
import { typeName } from "./typename.js";
import { canonicalEncoding, decodeWide, wideCodec } from "./wide-codec.js";

function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}

/** Where decoding resumes after an error handler's replacement. */
let resumeAt = 0;

/** What an error handler puts in place of data[start:end] (throws for 'strict'); sets resumeAt. */
function handle(codec: string, data: Uint8Array, start: number, end: number, reason: string, errors: string): string {
  resumeAt = end;
  switch (errors) {
    case "strict":
      throw decodeError(codec, data, start, end, reason);
    case "replace":
      return "\ufffd";
    case "ignore":
      return "";
    case "backslashreplace": {
      let out = "";
      for (let i = start; i < end; i++) out += "\\x" + hex2(data[i]!);
      return out;
    }
    case "surrogateescape": {
      let out = "";
      for (let i = start; i < end; i++) {
        if (data[i]! < 0x80) throw decodeError(codec, data, start, end, reason);
        out += String.fromCharCode(0xdc00 + data[i]!);
      }
      return out;
    }
    case "surrogatepass":
      // a surrogate as UTF-8 writes it (ED A0..BF 80..BF)
      if (codec === "utf-8" && data[start] === 0xed && (data[start + 1] ?? 0) >= 0xa0 && (data[start + 1] ?? 0) <= 0xbf && ((data[start + 2] ?? 0) & 0xc0) === 0x80) {
        resumeAt = start + 3;
        return String.fromCharCode(0xd000 | ((data[start + 1]! & 0x3f) << 6) | (data[start + 2]! & 0x3f));
      }
      throw decodeError(codec, data, start, end, reason);
    case "xmlcharrefreplace":
    case "namereplace":
      throw new PyTypeError("don't know how to handle UnicodeDecodeError in error callback");
  }
  const answer = registeredDecodeAnswer(errors, decodeError(codec, data, start, end, reason), data.length);
  const next = answer.next < 0 ? answer.next + data.length : answer.next;
  if (next < 0 || next > data.length) throw new IndexError(`position ${answer.next} from error handler out of bounds`);
  resumeAt = next;
  return answer.replacement as string;
}

function decodeUtf8(data: Uint8Array, errors: string): string {
  let out = "";
  const n = data.length;
  let i = 0;
  while (i < n) {
    const b = data[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      out += handle("utf-8", data, i, i + 1, "invalid start byte", errors);
      i = resumeAt;
      continue;
    }
    let j = i + 1;
    let failure = "";
    for (let k = 0; k < need; k++) {
      if (j >= n) {
        failure = "unexpected end of data";
        break;
      }
      const cont = data[j]!;
      if (cont < (k === 0 ? lo : 0x80) || cont > (k === 0 ? hi : 0xbf)) {
        failure = "invalid continuation byte";
        break;
      }
      cp = (cp << 6) | (cont & 0x3f);
      j++;
    }
    if (failure) {
      out += handle("utf-8", data, i, j, failure, errors);
      j = resumeAt;
    } else out += String.fromCodePoint(cp);
    i = j;
  }
  return out;
}

/** Where a codec of the platform's TextDecoder failed: fed a byte at a time, the byte it fails at. */
function platformDecodeError(data: Uint8Array, enc: string): UnicodeDecodeError {
  const decoder = new TextDecoder(enc, { fatal: true });
  const singleByte = /^(windows-|cp125|iso-8859-|koi8)/.test(enc);
  const codec = singleByte ? "charmap" : enc.replace(/-/g, "_");
  for (let i = 0; i < data.length; i++) {
    try {
      decoder.decode(data.subarray(i, i + 1), { stream: true });
    } catch {
      return new UnicodeDecodeError(codec, Bytes.fromArray(data), BigInt(i), BigInt(i + 1), singleByte ? "character maps to <undefined>" : "illegal multibyte sequence");
    }
  }
  const last = Math.max(0, data.length - 1);
  return new UnicodeDecodeError(codec, Bytes.fromArray(data), BigInt(last), BigInt(data.length), "incomplete multibyte sequence");
}

/** Decodes bytes as CPython's codecs do for utf-8, ascii and latin-1. */
export function decode(data: Uint8Array, encoding: unknown = "utf-8", errors: unknown = "strict"): string {
  if (typeof encoding !== "string") throw new PyTypeError(`decode() argument 'encoding' must be str, not ${typeName(encoding)}`);
  if (typeof errors !== "string") throw new PyTypeError(`decode() argument 'errors' must be str, not ${typeName(errors)}`);
  const enc = encoding.toLowerCase().replace(/_/g, "-");
  if (enc === "utf-8" || enc === "utf8") return decodeUtf8(data, errors);
  if (enc === "latin-1" || enc === "latin1" || enc === "iso-8859-1" || enc === "iso8859-1") {
    let out = "";
    for (let i = 0; i < data.length; i++) out += String.fromCharCode(data[i]!);
    return out;
  }
  if (enc === "ascii" || enc === "us-ascii") {
    let out = "";
    for (let i = 0; i < data.length; ) {
      const b = data[i]!;
      if (b < 0x80) {
        out += String.fromCharCode(b);
        i++;
      } else {
        out += handle("ascii", data, i, i + 1, "ordinal not in range(128)", errors);
        i = resumeAt;
      }
    }
    return out;
  }
  const canonical = canonicalEncoding(encoding);
  if (canonical === "utf_8") return decodeUtf8(data, errors);
  if (canonical === "latin_1") return decode(data, "latin-1", errors);
  if (canonical === "ascii") return decode(data, "ascii", errors);
  const wide = wideCodec(encoding);
  if (wide) return decodeWide(data, wide, errors, true).text;
  let decoder: { decode(input: Uint8Array): string };
  try {
    decoder = new TextDecoder(enc, { fatal: errors === "strict" });
  } catch {
    return decodeByRegisteredCodec(data, encoding, errors);
  }
  try {
    return decoder.decode(data);
  } catch {
    throw platformDecodeError(data, enc);
  }
}

/** `bytes.hex([sep[, bytes_per_sep]])`: groups counted from the right (negative: from the left). */
export function bytesHex(data: Uint8Array, sep?: unknown, bytesPerSep?: unknown): string {
  const digits: string[] = [];
  for (let i = 0; i < data.length; i++) digits.push(hex2(data[i]!));
  if (sep === undefined || sep === null) return digits.join("");
  let separator: string;
  if (typeof sep === "string") separator = sep;
  else if (sep instanceof Uint8Array) separator = String.fromCharCode(...sep.values());
  else throw new PyTypeError(`sep must be str or bytes.`);
  if ([...separator].length !== 1) throw new ValueError("sep must be length 1.");
  const per = bytesPerSep === undefined ? 1 : isIntLike(bytesPerSep) ? Number(toBigInt(bytesPerSep)) : NaN;
  if (Number.isNaN(per)) throw new PyTypeError(`'${typeName(bytesPerSep)}' object cannot be interpreted as an integer`);
  if (per === 0 || digits.length === 0) return digits.join("");
  const size = Math.abs(per);
  const groups: string[] = [];
  if (per > 0) {
    for (let end = digits.length; end > 0; end -= size) groups.unshift(digits.slice(Math.max(0, end - size), end).join(""));
  } else {
    for (let start = 0; start < digits.length; start += size) groups.push(digits.slice(start, start + size).join(""));
  }
  return groups.join(separator);
}

/** `bytes.maketrans(from, to)`: a 256-byte table. */
export function bytesMaketrans(from: unknown, to: unknown): Bytes {
  if (!(from instanceof Uint8Array) || !(to instanceof Uint8Array)) {
    throw new PyTypeError(`a bytes-like object is required, not '${typeName(from instanceof Uint8Array ? to : from)}'`);
  }
  if (from.length !== to.length) throw new ValueError("maketrans arguments must have same length");
  const table = new Bytes(256);
  for (let i = 0; i < 256; i++) table[i] = i;
  for (let i = 0; i < from.length; i++) table[from[i]!] = to[i]!;
  return table;
}

/** `bytes.translate(table, delete=b'')`. */
export function bytesTranslate(data: Uint8Array, table: unknown, remove?: unknown): number[] {
  if (table !== null && !(table instanceof Uint8Array)) {
    throw new PyTypeError(`a bytes-like object is required, not '${typeName(table)}'`);
  }
  if (table instanceof Uint8Array && table.length !== 256) throw new ValueError("translation table must be 256 characters long");
  const drop = new Set<number>();
  if (remove instanceof Uint8Array) for (let i = 0; i < remove.length; i++) drop.add(remove[i]!);
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (!drop.has(b)) out.push(table === null ? b : table[b]!);
  }
  return out;
}
