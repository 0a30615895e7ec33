// Source bytes to text as CPython reads a file (PEP 263): a UTF-8 byte order mark, or a
// `coding[:=]NAME` comment on line 1 (or on line 2 when line 1 is blank or a comment), picks
// the codec; the default is UTF-8, strictly. Errors are CPython's SyntaxErrors.
import { DiagnosticError } from "./ast.js";
import { CODEC_ALIASES, MULTI_BYTE_CODECS, SINGLE_BYTE_CODECS } from "./codecs.js";

const BOM = [0xef, 0xbb, 0xbf];

function fail(message: string, line: number): never {
  throw new DiagnosticError([{ kind: "SyntaxError", message, line, col: 0 }]);
}

/** Decode a Python source file. `filename` appears in CPython's message for non-UTF-8 bytes. */
export function decodeSource(bytes: Uint8Array, filename: string): string {
  const bom = BOM.every((b, i) => bytes[i] === b);
  const body = bom ? bytes.subarray(3) : bytes;
  const cookie = findCookie(body);
  if (cookie === null) return decodeUtf8(body, filename, false);

  const name = normalName(cookie.name);
  if (bom && name !== "utf-8") fail(`encoding problem: ${name} with BOM`, cookie.line);
  const codec = lookupCodec(name);
  if (codec === null) fail(`encoding problem: ${name}`, cookie.line);
  if (codec === "utf_8") return decodeUtf8(body, filename, true);
  const text = decodeWith(codec, body);
  if (text === null) fail(`encoding problem: ${name}`, cookie.line);
  return text;
}

/** The coding comment of line 1, or of line 2 when line 1 is blank or only a comment. */
function findCookie(bytes: Uint8Array): { name: string; line: number } | null {
  const lines: string[] = [];
  let start = 0;
  for (let lineNo = 0; lineNo < 2 && start < bytes.length; lineNo++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    // Latin-1 keeps every byte as one character: enough to read an ASCII comment.
    lines.push(String.fromCharCode(...bytes.subarray(start, Math.min(end, start + 4096))));
    start = end + 1;
  }
  const first = lines[0] ?? "";
  const fromFirst = codingSpec(first);
  if (fromFirst !== null) return { name: fromFirst, line: 1 };
  if (!/^[ \t\f]*(?:[#\r\n]|$)/.test(first) || lines[1] === undefined) return null;
  const fromSecond = codingSpec(lines[1]);
  return fromSecond === null ? null : { name: fromSecond, line: 2 };
}

/** CPython's get_coding_spec: a comment alone on its line holding `coding[:=][ \t]*NAME`. */
function codingSpec(line: string): string | null {
  const match = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
  return match ? match[1]! : null;
}

/** CPython's get_normal_name: spellings of utf-8 and latin-1 become their canonical names. */
function normalName(name: string): string {
  const head = name.slice(0, 12).toLowerCase().replace(/_/g, "-");
  if (head === "utf-8" || head.startsWith("utf-8-")) return "utf-8";
  if (/^(latin-1|iso-8859-1|iso-latin-1)(-|$)/.test(head)) return "iso-8859-1";
  return name;
}

/** codecs.lookup's normalization, then CPython's aliases. */
function lookupCodec(name: string): string | null {
  const normalized = name.toLowerCase().replace(/[^a-z0-9.]+/g, "_").replace(/^_+|_+$/g, "");
  return CODEC_ALIASES[normalized] ?? CODEC_ALIASES[normalized.replace(/\./g, "_")] ?? null;
}

function decodeWith(codec: string, bytes: Uint8Array): string | null {
  if (codec === "latin_1") return latin1(bytes);
  if (codec === "ascii") return bytes.every((b) => b < 0x80) ? latin1(bytes) : null;
  const table = SINGLE_BYTE_CODECS[codec];
  if (table !== undefined) {
    const parts: string[] = [];
    for (const b of bytes) {
      const ch = b < 0x80 ? String.fromCharCode(b) : table[b - 0x80]!;
      if (ch === "\ufffe") return null;
      parts.push(ch);
    }
    return parts.join("");
  }
  const label = MULTI_BYTE_CODECS[codec];
  if (label === undefined) return null;
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function latin1(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) parts.push(String.fromCharCode(...bytes.subarray(i, i + 8192)));
  return parts.join("");
}

function decodeUtf8(bytes: Uint8Array, filename: string, declared: boolean): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    const byte = bytes[at]!.toString(16).padStart(2, "0");
    if (declared) fail(`(unicode error) 'utf-8' codec can't decode byte 0x${byte}: invalid utf-8`, line);
    fail(`Non-UTF-8 code starting with '\\x${byte}' in file ${filename} on line ${line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details`, line);
  }
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
