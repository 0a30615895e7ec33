// A message body's charsets and transfer encodings as email.message.Message (compat32) applies
// them: set_charset's Content-Transfer-Encoding (base64 for utf-8 and most charsets,
// quoted-printable for the iso-8859 family, 7bit/8bit for us-ascii) and get_payload(decode=True).

import { Bytes } from "../values/bytes.js";
import { encode } from "../values/str-codec.js";
import { binasciiFunctions } from "./binascii.js";

/** How a charset's body is sent (CPython's email.charset table, its default for other names). */
interface BodyCharset {
  /** the name the Content-Type's charset parameter shows */
  output: string;
  encoding: "base64" | "quoted-printable" | null;
}

/** Charset names as email.charset's aliases spell them. */
const ALIASES: Record<string, string> = {
  latin_1: "iso-8859-1", "latin-1": "iso-8859-1", latin1: "iso-8859-1", ascii: "us-ascii", utf8: "utf-8", "utf-8": "utf-8",
  latin_2: "iso-8859-2", "latin-2": "iso-8859-2", latin2: "iso-8859-2",
};

/** The charset `name` as Message.set_charset uses it. */
export function bodyCharset(name: string): BodyCharset {
  const lower = name.toLowerCase();
  const output = ALIASES[lower] ?? lower;
  if (output === "us-ascii") return { output, encoding: null };
  if (/^iso-8859-(1|2|3|4|9|10|13|14|15|16)$/.test(output) || output === "windows-1252" || output === "viscii") return { output, encoding: "quoted-printable" };
  return { output, encoding: "base64" };
}

/** Octets as text, one character per octet (how email keeps encoded bodies). */
function latin1(data: Uint8Array): string {
  let out = "";
  // (indexed: iterating a Bytes yields Python ints)
  for (let i = 0; i < data.length; i++) out += String.fromCharCode(data[i]!);
  return out;
}

/** Base64 lines of 76 characters at most, each ending in a newline (email.base64mime.body_encode). */
function base64Body(data: Uint8Array): string {
  if (data.length === 0) return "";
  let out = "";
  for (let i = 0; i < data.length; i += 57) out += latin1(binasciiFunctions.b2a_base64(data.subarray(i, i + 57)) as Bytes);
  return out;
}

/** Quoted-printable lines of 76 characters at most, with `=` soft breaks (email.quoprimime.body_encode). */
function quotedPrintableBody(data: Uint8Array): string {
  const text = latin1(data);
  const lines: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    let encoded = "";
    let width = 0;
    const chars = [...line];
    chars.forEach((c, i) => {
      const code = c.charCodeAt(0);
      const last = i === chars.length - 1;
      const plain = (code >= 33 && code <= 126 && c !== "=") || ((c === " " || c === "\t") && !last);
      const piece = plain ? c : `=${code.toString(16).toUpperCase().padStart(2, "0")}`;
      if (width + piece.length > (last ? 76 : 75)) {
        encoded += "=\n";
        width = 0;
      }
      encoded += piece;
      width += piece.length;
    });
    lines.push(encoded);
  }
  return lines.join("\n");
}

/** The payload text as the charset's body-encoded text, and the Content-Transfer-Encoding it needs. */
export function encodeBody(payload: string | null, charset: BodyCharset): [string | null, string] {
  if (charset.encoding === null) return [payload, payload === null || /^[\x00-\x7f]*$/.test(payload) ? "7bit" : "8bit"];
  if (payload === null || payload === "") return [payload, charset.encoding];
  const data = encode(payload, charset.output);
  return [charset.encoding === "base64" ? base64Body(data) : quotedPrintableBody(data), charset.encoding];
}

/** A text payload's octets: each character's own when all are below 256, else CPython's raw-unicode-escape. */
function payloadOctets(payload: string): Bytes {
  if (/^[\x00-\xff]*$/.test(payload)) return Bytes.fromArray(Uint8Array.from(payload, (c) => c.charCodeAt(0)));
  return encode(payload, "raw-unicode-escape");
}

/** The uuencoded lines between `begin` and `end` as octets. */
function decodeUu(text: string): Bytes {
  const out: number[] = [];
  let inside = false;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!inside) {
      inside = line.startsWith("begin ");
      continue;
    }
    if (line.trim() === "end") break;
    const decoded = binasciiFunctions.a2b_uu(line) as Bytes;
    for (let i = 0; i < decoded.length; i++) out.push(decoded[i]!);
  }
  return Bytes.fromArray(Uint8Array.from(out));
}

/** `get_payload(decode=True)` of a text payload: its octets after the Content-Transfer-Encoding. */
export function decodeBody(payload: string, transferEncoding: string): Bytes {
  const octets = payloadOctets(payload);
  if (transferEncoding === "quoted-printable") return binasciiFunctions.a2b_qp(octets) as Bytes;
  if (transferEncoding === "base64") {
    try {
      return binasciiFunctions.a2b_base64(Bytes.fromArray(Uint8Array.prototype.filter.call(octets, (b: number) => b !== 10 && b !== 13))) as Bytes;
    } catch {
      return octets;
    }
  }
  if (["x-uuencode", "uuencode", "uue", "x-uue"].includes(transferEncoding)) {
    try {
      return decodeUu(payload);
    } catch {
      return octets;
    }
  }
  return octets;
}
